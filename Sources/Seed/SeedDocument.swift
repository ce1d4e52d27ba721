import JSON
import Scheduling
import Store

/// A parsed, validated seed document: repositories, tokens and jobs, each remembering its JSON path
/// so that errors found while loading (an unknown repository, a run in two repositories) name it.
public struct SeedDocument: Sendable {
    /// A repository as the seed declares it.
    public struct Repository: Sendable {
        public var owner: String
        public var name: String
        public var id: Int64?
        public var visibility: Visibility
        public var readers: [String]
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

    public var source: String
    public var repositories: [Repository] = []
    public var tokens: [TokenRecord] = []
    public var jobs: [Job] = []
    public var runs: [Run] = []

    /// Parses and validates one document. `now` stamps jobs that give no time at all.
    public static func parse(_ bytes: [UInt8], source: String, now: String) throws(SeedError) -> SeedDocument {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw SeedError(source: source, path: "$", reason: "not valid JSON: \(error)")
        }
        var document = SeedDocument(source: source)
        var fields = try FieldReader(root, path: "$", source: source)
        for (index, value) in (try fields.array("repositories") ?? []).enumerated() {
            document.repositories.append(try parseRepository(value, path: "$.repositories[\(index)]", source: source))
        }
        for (index, value) in (try fields.array("tokens") ?? []).enumerated() {
            document.tokens.append(try TokenSeed.parse(value, path: "$.tokens[\(index)]", source: source))
        }
        for (index, value) in (try fields.array("jobs") ?? []).enumerated() {
            document.jobs.append(try JobSeed.parse(value, path: "$.jobs[\(index)]", source: source, now: now))
        }
        for (index, value) in (try fields.array("runs") ?? []).enumerated() {
            let path = "$.runs[\(index)]"
            document.runs.append(Run(run: try RunSeed.parse(value, path: path, source: source), path: path))
        }
        try fields.finish()
        try document.checkDuplicates()
        return document
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
            path: path
        )
        try fields.finish()
        return repository
    }

    private func checkDuplicates() throws(SeedError) {
        var repositories = Set<String>()
        for repository in self.repositories where !repositories.insert("\(repository.owner)/\(repository.name)".lowercased()).inserted {
            throw SeedError(source: source, path: repository.path, reason: "repository \(repository.owner)/\(repository.name) is declared twice")
        }
        var tokens = Set<String>()
        for (index, token) in self.tokens.enumerated() where !tokens.insert(token.token).inserted {
            throw SeedError(source: source, path: "$.tokens[\(index)].token", reason: "token is declared twice")
        }
        var jobs = Set<Int64>()
        for job in self.jobs where !jobs.insert(job.record.id).inserted {
            throw SeedError(source: source, path: job.path + ".id", reason: "job \(job.record.id) is declared twice")
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
