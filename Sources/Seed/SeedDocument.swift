import JSON
import Scheduling
import Store

/// A seed document, read in two passes so that a file of any size needs memory for one job at
/// a time: `scan` reads and validates everything but the jobs (repositories, tokens and runs
/// are small, and every file's must be known before any job loads) and counts the jobs;
/// `forEachJob` then reads, validates and hands out the jobs one by one. Everything remembers
/// its JSON path, so errors found while loading name it.
public struct SeedDocument: Sendable {
    /// A repository as the seed declares it.
    public struct Repository: Sendable {
        public var owner: String
        public var name: String
        public var id: Int64?
        public var visibility: Visibility
        public var readers: [String]
        public var writers: [String]
        public var admins: [String]
        /// Declared branches (`nil`: `main` and its runs') and tags.
        public var branches: [String]?
        public var tags: [String]
        /// What a job's GITHUB_TOKEN gets when its workflow says nothing: `write` (permissive) or `read`.
        public var defaultWorkflowPermissions: String
        var path: String
    }

    /// A job as the seed declares it: the record minus what only loading can decide.
    public struct Job: Sendable {
        /// `owner/name` as written.
        public var repository: String
        /// `repositoryID` is filled in at load time.
        public var record: JobRecord
        var path: String
    }

    /// A scheduled run as the seed declares it: started when the seed loads.
    public struct Run: Sendable {
        public var run: ScheduledRun
        var path: String
    }

    public let source: SeedSource
    public var repositories: [Repository] = []
    public var tokens: [TokenRecord] = []
    public var runs: [Run] = []
    var workflows: [WorkflowSeed.Entry] = []
    var apps: [AppSeed.Entry] = []
    var organizations: [OrganizationRecord] = []
    var hooks: [HookSeed.Entry] = []
    /// How many entries `jobs` has (their validity is checked as they are read).
    public private(set) var jobCount = 0
    /// What stamps jobs that give no time at all.
    let now: String

    /// The file or other name errors cite.
    public var name: String { source.name }

    /// Reads and validates a document held whole (a seed posted to the control API).
    public static func parse(_ bytes: [UInt8], source name: String, now: String) throws(SeedError) -> SeedDocument {
        try scan(.bytes(bytes, name: name), now: now)
    }

    /// The first pass: everything but the jobs, which are only counted (and checked to be JSON).
    public static func scan(_ source: SeedSource, now: String) throws(SeedError) -> SeedDocument {
        var document = SeedDocument(source: source, now: now)
        var jobs = 0
        try source.read { reader throws(SeedError) in
            try document.readTopLevel(&reader, jobs: { reader, index throws(SeedError) in
                do {
                    try reader.skipValue()
                } catch {
                    throw SeedError(source: source.name, path: "$", reason: "not valid JSON: \(error)")
                }
                jobs = index + 1
            })
        }
        document.jobCount = jobs
        return document
    }

    /// The second pass: each job, read and validated in order, handed to `body` before the next
    /// is read. Job ids must be unique within a document.
    public func forEachJob(_ body: (Job) throws(SeedError) -> Void) throws(SeedError) {
        var ids = Set<Int64>()
        ids.reserveCapacity(jobCount)
        var document = self
        try source.read { reader throws(SeedError) in
            try document.readTopLevel(&reader, jobs: { reader, index throws(SeedError) in
                let value: JSONValue
                do {
                    value = try reader.readValue()
                } catch {
                    throw SeedError(source: source.name, path: "$", reason: "not valid JSON: \(error)")
                }
                let job = try JobSeed.parse(value, path: "$.jobs[\(index)]", source: source.name, now: now)
                guard ids.insert(job.record.id).inserted else {
                    throw SeedError(source: source.name, path: job.path + ".id", reason: "job \(job.record.id) is declared twice")
                }
                try body(job)
            }, skippingOthers: true)
        }
    }

    /// Every job, read and validated at once: for small documents (tests, tools); loading
    /// streams them with `forEachJob`.
    public func allJobs() throws(SeedError) -> [Job] {
        var jobs: [Job] = []
        try forEachJob { jobs.append($0) }
        return jobs
    }

    private init(source: SeedSource, now: String) {
        self.source = source
        self.now = now
    }

    /// Walks the top-level object: `jobs` elements go to `jobs` one at a time; the other known
    /// members are read into this document, or passed over when `skippingOthers` (the second
    /// pass has them already).
    private mutating func readTopLevel(_ reader: inout JSONReader,
                                       jobs: (inout JSONReader, Int) throws(SeedError) -> Void,
                                       skippingOthers: Bool = false) throws(SeedError) {
        let name = source.name
        func syntax(_ error: JSONSyntaxError) -> SeedError {
            SeedError(source: name, path: "$", reason: "not valid JSON: \(error)")
        }
        do {
            guard reader.nextIsContainer(UInt8(ascii: "{")) else {
                let value = try reader.readValue()
                throw SeedError(source: name, path: "$", reason: "expected an object, found \(value.kindDescription)")
            }
            try reader.beginObject()
            var seen = Set<String>()
            while let key = try reader.nextMember() {
                guard seen.insert(key).inserted else {
                    throw syntax(JSONSyntaxError(line: reader.memberPosition.line, column: reader.memberPosition.column,
                                                 reason: "duplicate member name \"\(key)\""))
                }
                let path = FieldReader.childPath("$", key)
                switch key {
                case "jobs":
                    guard reader.nextIsContainer(UInt8(ascii: "[")) else {
                        let value = try reader.readValue()
                        throw SeedError(source: name, path: path, reason: "expected an array, found \(value.kindDescription)")
                    }
                    try reader.beginArray()
                    var index = 0
                    while try reader.nextElement() {
                        try jobs(&reader, index)
                        index += 1
                    }
                case "repositories", "tokens", "runs", "workflows", "apps", "organizations", "hooks":
                    if skippingOthers {
                        try reader.skipValue()
                        continue
                    }
                    let value = try reader.readValue()
                    guard case .array(let elements) = value else {
                        throw SeedError(source: name, path: path, reason: "expected an array, found \(value.kindDescription)")
                    }
                    for (index, element) in elements.enumerated() {
                        let elementPath = "\(path)[\(index)]"
                        switch key {
                        case "repositories": repositories.append(try Self.parseRepository(element, path: elementPath, source: name))
                        case "tokens": tokens.append(try TokenSeed.parse(element, path: elementPath, source: name))
                        case "workflows": workflows.append(try WorkflowSeed.parse(element, path: elementPath, source: name))
                        case "apps": apps.append(try AppSeed.parse(element, path: elementPath, source: name))
                        case "organizations":
                            organizations.append(try HookSeed.parseOrganization(element, path: elementPath, source: name))
                        case "hooks": hooks.append(try HookSeed.parseHook(element, path: elementPath, source: name))
                        default: runs.append(Run(run: try RunSeed.parse(element, path: elementPath, source: name), path: elementPath))
                        }
                    }
                default:
                    // Keys starting with `_` or `$` are comments; anything else is a typo.
                    guard key.hasPrefix("_") || key.hasPrefix("$") else {
                        throw SeedError(source: name, path: path, reason: "unknown field")
                    }
                    try reader.skipValue()
                }
            }
            try reader.end()
        } catch let error as SeedError {
            throw error
        } catch let error as JSONSyntaxError {
            throw syntax(error)
        } catch {
            throw SeedError(source: name, path: "$", reason: "\(error)")
        }
        if !skippingOthers { try checkDuplicates() }
    }

    private static func parseRepository(_ value: JSONValue, path: String, source: String) throws(SeedError) -> Repository {
        var fields = try FieldReader(value, path: path, source: source)
        let owner = try fields.requiredString("owner")
        let name = try fields.requiredString("name")
        for (key, part) in [("owner", owner), ("name", name)] where !RepositoryName.isValidPart(part) {
            throw fields.error(key, "may contain only letters, digits, '-', '_' and '.', found \"\(part)\"")
        }
        let repository = Repository(
            owner: owner,
            name: name,
            id: try fields.integer("id"),
            visibility: Visibility(rawValue: try fields.oneOf("visibility", Visibility.allCases.map(\.rawValue)) ?? "public") ?? .public,
            readers: try fields.strings("readers") ?? [],
            writers: try fields.strings("writers") ?? [],
            admins: try fields.strings("admins") ?? [],
            branches: try refs(&fields, "branches"),
            tags: try refs(&fields, "tags") ?? [],
            defaultWorkflowPermissions: try fields.oneOf("default_workflow_permissions", ["read", "write"]) ?? "write",
            path: path
        )
        try fields.finish()
        return repository
    }

    /// Ref names as git allows them, roughly: not empty, no spaces, no `..`.
    private static func refs(_ fields: inout FieldReader, _ key: String) throws(SeedError) -> [String]? {
        guard let names = try fields.strings(key) else { return nil }
        for (index, name) in names.enumerated()
        where name.isEmpty || name.contains(" ") || name.contains("..") || name.hasPrefix("/") || name.hasSuffix("/") {
            throw SeedError(source: fields.source, path: "\(FieldReader.childPath(fields.path, key))[\(index)]",
                            reason: "not a valid ref name: \"\(name)\"")
        }
        return names
    }

    private func checkDuplicates() throws(SeedError) {
        var repositories = Set<String>()
        for repository in self.repositories where !repositories.insert("\(repository.owner)/\(repository.name)".lowercased()).inserted {
            throw SeedError(source: name, path: repository.path, reason: "repository \(repository.owner)/\(repository.name) is declared twice")
        }
        var workflows = Set<String>()
        for workflow in self.workflows {
            let key = "\(workflow.repository.lowercased())|\(workflow.workflow.path)"
            guard workflows.insert(key).inserted else {
                throw SeedError(source: name, path: workflow.path + ".path", reason: "workflow \(workflow.workflow.path) is declared twice")
            }
        }
        var tokens = Set<String>()
        for (index, token) in self.tokens.enumerated() where !tokens.insert(token.token).inserted {
            throw SeedError(source: name, path: "$.tokens[\(index)].token", reason: "token is declared twice")
        }
    }
}

/// Rules for `owner/name` as GitHub allows them.
enum RepositoryName {
    static func isValidPart(_ part: String) -> Bool {
        !part.isEmpty && part.utf8.count <= 100 && part != "." && part != ".." && part.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
    }

    /// Splits `owner/name`, or `nil` when it is not of that form.
    static func split(_ fullName: String) -> (owner: String, name: String)? {
        let parts = fullName.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, isValidPart(String(parts[0])), isValidPart(String(parts[1])) else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
