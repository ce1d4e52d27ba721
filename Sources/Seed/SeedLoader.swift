import Clock
import FoundationEssentials
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

    /// Reads seed files; a folder contributes its `*.json` files in name order.
    public static func readFiles(_ paths: [String], now: String) throws(SeedError) -> [SeedDocument] {
        var documents: [SeedDocument] = []
        for path in paths {
            for file in try expand(path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw SeedError(source: file, path: "$", reason: "cannot read the file")
                }
                documents.append(try SeedDocument.parse(Array(data), source: file, now: now))
            }
        }
        return documents
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
            return try store.write { writer in
                if replacingEverything { try writer.deleteEverything() }
                for document in documents { try loadRepositories(of: document, with: writer) }
                for document in documents {
                    for token in document.tokens { try writer.upsert(token) }
                }
                var cache = LookupCache()
                for document in documents { try loadJobs(of: document, with: writer, cache: &cache, progress: progress) }
                var started: [Int] = []
                for document in documents { started.append(try startRuns(of: document, at: now, with: writer, cache: &cache)) }
                return zip(documents, started).map { document, runs in
                    Report(source: document.source, repositories: document.repositories.count,
                           tokens: document.tokens.count, jobs: document.jobs.count, runs: runs)
                }
            }
        } catch let error as SeedError {
            throw error
        } catch {
            throw SeedError(source: documents.first?.source ?? "seed", path: "$", reason: "store failure: \(error)")
        }
    }

    private static func loadRepositories(of document: SeedDocument, with writer: StoreWriter) throws {
        let reader = writer.reader
        for repository in document.repositories {
            let existing = try reader.repository(owner: repository.owner, name: repository.name)
            let id = try repository.id ?? existing?.id ?? writer.nextRepositoryID()
            if let existing, existing.id != id {
                throw SeedError(source: document.source, path: repository.path + ".id",
                                reason: "\(existing.fullName) is already loaded with id \(existing.id)")
            }
            if existing == nil, let clash = try reader.repository(id: id) {
                throw SeedError(source: document.source, path: repository.path + ".id",
                                reason: "id \(id) already belongs to \(clash.fullName)")
            }
            try writer.upsert(RepositoryRecord(id: id, owner: repository.owner, name: repository.name,
                                               visibility: repository.visibility, readers: repository.readers))
        }
    }

    /// Repositories by lower-cased name and runs' repositories, looked up once per load.
    private struct LookupCache {
        var repositories: [String: RepositoryRecord?] = [:]
        var runs: [Int64: Int64] = [:]

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

    private static func loadJobs(of document: SeedDocument, with writer: StoreWriter, cache: inout LookupCache,
                                 progress: (Progress) -> Void) throws {
        let reader = writer.reader
        for (index, job) in document.jobs.enumerated() {
            if index > 0 && index % progressInterval == 0 {
                progress(Progress(source: document.source, jobsLoaded: index, jobsTotal: document.jobs.count))
            }
            guard let repository = try cache.repository(job.repository, reader: reader) else {
                throw SeedError(source: document.source, path: job.path + ".repository",
                                reason: "unknown repository \(job.repository); declare it under \"repositories\"")
            }
            let runID = job.record.runID
            if cache.runs[runID] == nil, let run = try reader.run(id: runID) { cache.runs[runID] = run.repositoryID }
            if let owner = cache.runs[runID], owner != repository.id {
                let other = try reader.repository(id: owner)?.fullName ?? "another repository"
                throw SeedError(source: document.source, path: job.path + ".run_id",
                                reason: "run \(runID) belongs to \(other), not \(repository.fullName)")
            }
            var record = job.record
            record.repositoryID = repository.id
            try writer.ensureRun(id: runID, repositoryID: repository.id, attempt: record.runAttempt)
            cache.runs[runID] = repository.id
            try writer.upsert(record)
        }
    }

    /// Starts the document's scheduled runs; one whose `run_id` is already in the store is left
    /// as it is, so a seed loaded again into a kept database does not restart it.
    private static func startRuns(of document: SeedDocument, at now: Date, with writer: StoreWriter,
                                  cache: inout LookupCache) throws -> Int {
        var started = 0
        for entry in document.runs {
            guard let repository = try cache.repository(entry.run.repository, reader: writer.reader) else {
                throw SeedError(source: document.source, path: entry.path + ".repository",
                                reason: "unknown repository \(entry.run.repository); declare it under \"repositories\"")
            }
            if let runID = entry.run.runID, try writer.reader.run(id: runID) != nil { continue }
            do {
                _ = try Scheduling.start(entry.run, in: repository, at: now, with: writer)
            } catch let refusal as Scheduling.Refusal {
                throw SeedError(source: document.source, path: "\(entry.path).\(refusal.field)", reason: refusal.reason)
            }
            started += 1
        }
        return started
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
