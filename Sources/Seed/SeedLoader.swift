import Clock
import FoundationEssentials
import Locking
import Scheduling
import Store

/// Loads seed documents into the store: all of them in one transaction, so a bad document
/// leaves the store exactly as it was.
public enum SeedLoader {
    /// What one document added.
    public struct Report: Sendable, Equatable {
        public var source: String
        public var repositories: Int
        public var tokens: Int
        public var jobs: Int
        /// Scheduled runs started (a run already in the store is left as it is).
        public var runs: Int
    }

    /// Scans seed files (the first pass: everything but their jobs); a folder contributes its
    /// `*.json` files in name order.
    public static func readFiles(_ paths: [String], now: String) throws(SeedError) -> [SeedDocument] {
        var documents: [SeedDocument] = []
        for path in paths {
            for file in try expand(path) { documents.append(try SeedDocument.scan(.file(file), now: now)) }
        }
        return documents
    }

    /// Scans the same sources again (the control API's reset reads the start-up files afresh).
    public static func rescan(_ documents: [SeedDocument], now: String) throws(SeedError) -> [SeedDocument] {
        var scanned: [SeedDocument] = []
        for document in documents { scanned.append(try SeedDocument.scan(document.source, now: now)) }
        return scanned
    }

    /// How far loading a document has got, for progress lines on large seeds.
    public struct Progress: Sendable, Equatable {
        public var source: String
        public var jobsLoaded: Int
        public var jobsTotal: Int
    }

    /// How often `progress` hears about a document's jobs.
    public static let progressInterval = 10_000

    /// Upserts every document into the store in one transaction; `progress` is told every
    /// `progressInterval` jobs of documents larger than that. Repositories and tokens of all
    /// documents load before any job, so a job may name a repository another file declares.
    /// Scheduled runs start at `now`. `replacingEverything` empties the store first, in the
    /// same transaction (the control API's reset: no reader sees it empty).
    @discardableResult
    public static func load(_ documents: [SeedDocument], into store: Store, now: Date, replacingEverything: Bool = false,
                            progress: (Progress) -> Void = { _ in }) throws(SeedError) -> [Report] {
        do {
            // A seed load is the world as it starts: it moves nothing a webhook would tell.
            return try store.write(recordingMoves: false) { writer in
                if replacingEverything { try writer.deleteEverything() }
                for document in documents { try loadRepositories(of: document, with: writer) }
                for document in documents {
                    for token in document.tokens { try writer.upsert(token) }
                    for entry in document.apps {
                        try writer.upsert(entry.app)
                        for installation in entry.installations { try writer.upsert(installation) }
                    }
                }
                for document in documents { try loadHooks(of: document, with: writer) }
                var cache = LookupCache()
                for document in documents { try loadWorkflows(of: document, at: now, with: writer, cache: &cache) }
                for document in documents { try loadJobs(of: document, with: writer, cache: &cache, progress: progress) }
                var started: [Int] = []
                for document in documents { started.append(try startRuns(of: document, at: now, with: writer, cache: &cache)) }
                return zip(documents, started).map { document, runs in
                    Report(source: document.name, repositories: document.repositories.count,
                           tokens: document.tokens.count, jobs: document.jobCount, runs: runs)
                }
            }
        } catch let error as SeedError {
            throw error
        } catch {
            throw SeedError(source: documents.first?.name ?? "seed", path: "$", reason: "store failure: \(error)")
        }
    }

    private static func loadRepositories(of document: SeedDocument, with writer: StoreWriter) throws {
        let reader = writer.reader
        for repository in document.repositories {
            let existing = try reader.repository(owner: repository.owner, name: repository.name)
            let id = try repository.id ?? existing?.id ?? writer.nextRepositoryID()
            if let existing, existing.id != id {
                throw SeedError(source: document.name, path: repository.path + ".id",
                                reason: "\(existing.fullName) is already loaded with id \(existing.id)")
            }
            if existing == nil, let clash = try reader.repository(id: id) {
                throw SeedError(source: document.name, path: repository.path + ".id",
                                reason: "id \(id) already belongs to \(clash.fullName)")
            }
            try writer.upsert(RepositoryRecord(id: id, owner: repository.owner, name: repository.name,
                                               visibility: repository.visibility, readers: repository.readers,
                                               writers: repository.writers, admins: repository.admins,
                                               defaultWorkflowPermissions: repository.defaultWorkflowPermissions))
            try writer.setRefs(repositoryID: id, branches: repository.branches ?? [], tags: repository.tags)
        }
    }

    /// Stores the document's organizations, hooks and app webhooks; a hook's repository must be loaded.
    private static func loadHooks(of document: SeedDocument, with writer: StoreWriter) throws {
        let reader = writer.reader
        for organization in document.organizations { try writer.upsert(organization) }
        for entry in document.hooks {
            var hook = entry.hook
            switch entry.owner {
            case .repository(let fullName):
                let parts = fullName.split(separator: "/").map(String.init)
                guard let repository = try reader.repository(owner: parts[0], name: parts[1]) else {
                    throw SeedError(source: document.name, path: entry.path + ".repository",
                                    reason: "repository \(fullName) is not declared by any seed file")
                }
                hook.owner = .repository(repository.id)
            case .organization(let login):
                hook.owner = .organization(login)
            }
            if hook.id == 0 { hook.id = try writer.nextHookID() }
            try writer.upsert(hook)
        }
        for entry in document.apps {
            guard var hook = entry.webhook else { continue }
            hook.id = try reader.hooks(of: .app(entry.app.id)).first?.id ?? writer.nextHookID()
            try writer.upsert(hook)
        }
    }

    /// Stores the document's workflows; one whose id is taken by another path of the same
    /// repository is refused.
    private static func loadWorkflows(of document: SeedDocument, at now: Date, with writer: StoreWriter,
                                      cache: inout LookupCache) throws {
        var ids: [String: String] = [:]
        for entry in document.workflows {
            guard let repository = try cache.repository(entry.repository, reader: writer.reader) else {
                throw SeedError(source: document.name, path: entry.path + ".repository",
                                reason: "unknown repository \(entry.repository); declare it under \"repositories\"")
            }
            var workflow = entry.workflow
            workflow.id = entry.id ?? WorkflowRecord.derivedID(repositoryID: repository.id, name: workflow.name)
            let key = "\(repository.id)/\(workflow.id)"
            if let other = ids[key], other != workflow.path {
                throw SeedError(source: document.name, path: entry.path + ".id",
                                reason: "id \(workflow.id) already belongs to \(other) in \(repository.fullName)")
            }
            ids[key] = workflow.path
            workflow.firstCreated = now.timeIntervalSince1970
            try writer.upsert(workflow, repositoryID: repository.id)
        }
    }

    /// Repositories by lower-cased name and runs' repositories, looked up once per load.
    private struct LookupCache {
        var repositories: [String: RepositoryRecord?] = [:]
        var runs: [Int64: Int64] = [:]
        /// Attempts made sure of in this load (a million jobs share a handful).
        var attempts = Set<RunAttempt>()

        /// The repository called `owner/name` (valid, as parsing checked), if loaded.
        mutating func repository(_ fullName: String, reader: StoreReader) throws -> RepositoryRecord? {
            let key = fullName.lowercased()
            if let cached = repositories[key] { return cached }
            let (owner, name) = RepositoryName.split(fullName)!
            let found = try reader.repository(owner: owner, name: name)
            repositories[key] = .some(found)
            return found
        }
    }

    /// Streams the document's jobs into the store, one at a time as they are read.
    private static func loadJobs(of document: SeedDocument, with writer: StoreWriter, cache: inout LookupCache,
                                 progress: (Progress) -> Void) throws {
        let reader = writer.reader
        var loaded = 0
        try forEachJobReadAhead(of: document) { job throws(SeedError) in
            if loaded > 0 && loaded % progressInterval == 0 {
                progress(Progress(source: document.name, jobsLoaded: loaded, jobsTotal: document.jobCount))
            }
            loaded += 1
            do {
                guard let repository = try cache.repository(job.repository, reader: reader) else {
                    throw SeedError(source: document.name, path: job.path + ".repository",
                                    reason: "unknown repository \(job.repository); declare it under \"repositories\"")
                }
                let runID = job.record.runID
                if cache.runs[runID] == nil, let run = try reader.run(id: runID) { cache.runs[runID] = run.repositoryID }
                if let owner = cache.runs[runID], owner != repository.id {
                    let other = try reader.repository(id: owner)?.fullName ?? "another repository"
                    throw SeedError(source: document.name, path: job.path + ".run_id",
                                    reason: "run \(runID) belongs to \(other), not \(repository.fullName)")
                }
                var record = job.record
                record.repositoryID = repository.id
                if cache.attempts.insert(RunAttempt(run: runID, attempt: record.runAttempt)).inserted {
                    try writer.ensureRun(id: runID, repositoryID: repository.id, attempt: record.runAttempt)
                }
                cache.runs[runID] = repository.id
                try writer.upsert(record)
            } catch let error as SeedError {
                throw error
            } catch {
                throw SeedError(source: document.name, path: job.path, reason: "store failure: \(error)")
            }
        }
    }

    /// Jobs a reading thread hands over at a time, and how many hand-overs it may be ahead.
    public static let readAheadBatch = 256
    public static let readAheadBatches = 4

    /// Hands the document's jobs to `body` in order, read and checked on another thread while
    /// `body` stores the ones before (parsing and SQLite each take about half of a large load,
    /// and the machine this runs on has two cores or more). The first error in document order
    /// wins, as it would reading on this thread: a reading error reaches this thread only after
    /// every job before it was stored.
    private static func forEachJobReadAhead(of document: SeedDocument,
                                            _ body: (SeedDocument.Job) throws(SeedError) -> Void) throws {
        guard document.jobCount > readAheadBatch else { return try document.forEachJob(body) }
        let handoff = Handoff<SeedDocument.Job>(capacity: readAheadBatches)
        let readingThread = WorkerThread {
            do {
                var batch: [SeedDocument.Job] = []
                try document.forEachJob { job throws(SeedError) in
                    batch.append(job)
                    guard batch.count == readAheadBatch else { return }
                    // The storing thread stopped at an error of its own: nobody hears this one.
                    guard handoff.send(batch) else { throw SeedError(source: document.name, path: job.path, reason: "stopped") }
                    batch = []
                }
                if !batch.isEmpty { _ = handoff.send(batch) }
                handoff.finish()
            } catch {
                handoff.finish(throwing: error)
            }
        }
        guard let readingThread else { return try document.forEachJob(body) }
        defer {
            handoff.cancel()
            readingThread.join()
        }
        while let batch = try handoff.receive() {
            for job in batch { try body(job) }
        }
    }

    /// Starts the document's scheduled runs; one whose `run_id` is already in the store is left
    /// as it is, so a seed loaded again into a kept database does not restart it.
    private static func startRuns(of document: SeedDocument, at now: Date, with writer: StoreWriter,
                                  cache: inout LookupCache) throws -> Int {
        var started = 0
        for entry in document.runs {
            guard let repository = try cache.repository(entry.run.repository, reader: writer.reader) else {
                throw SeedError(source: document.name, path: entry.path + ".repository",
                                reason: "unknown repository \(entry.run.repository); declare it under \"repositories\"")
            }
            if let runID = entry.run.runID, try writer.reader.run(id: runID) != nil { continue }
            do {
                _ = try Scheduling.start(entry.run, in: repository, at: now, with: writer)
            } catch let refusal as Scheduling.Refusal {
                throw SeedError(source: document.name, path: "\(entry.path).\(refusal.field)", reason: refusal.reason)
            }
            started += 1
        }
        return started
    }

    private struct RunAttempt: Hashable {
        let run: Int64
        let attempt: Int
    }

    private static func expand(_ path: String) throws(SeedError) -> [String] {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SeedError(source: path, path: "$", reason: "no such file or folder")
        }
        guard isDirectory else { return [path] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw SeedError(source: path, path: "$", reason: "cannot list the folder: \(error)")
        }
        let folder = path.hasSuffix("/") ? path : path + "/"
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder + $0 }
    }
}
