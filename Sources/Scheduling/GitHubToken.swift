import Clock
import FoundationEssentials
import Store

/// Each job's GITHUB_TOKEN (apps.md): an installation token of the built-in `github-actions`
/// app for the run's repository only, with the permissions the run (or its workflow) declares
/// in workflow syntax, else the repository's default; it works until the job completes (24 h
/// at most).
public enum GitHubToken {
    /// The bot a GITHUB_TOKEN acts as.
    public static let actor = "github-actions[bot]"
    static let longest: TimeInterval = 24 * 3600

    /// Scopes in workflow syntax with their permissive default, as a runner's log lists a
    /// permissive token's (iamleot/transferwee#88 quotes one).
    static let scopes: [(name: String, permissive: String)] = [
        ("actions", "write"), ("artifact-metadata", "write"), ("attestations", "write"), ("checks", "write"), ("contents", "write"),
        ("deployments", "write"), ("discussions", "write"), ("id-token", "none"), ("issues", "write"),
        ("models", "read"), ("packages", "write"), ("pages", "write"), ("pull-requests", "write"),
        ("repository-projects", "write"), ("security-events", "write"), ("statuses", "write"),
    ]
    /// What the restricted (`read`) default grants (`Contents`, `Metadata`, `Packages` read).
    static let restricted: Set<String> = ["contents", "packages"]

    /// The token's permissions (token names: `pull_requests`; `none` left out; `metadata: read`
    /// always) for `declared` workflow syntax — `["*": "read"]` is `read-all`, `["*": "write"]`
    /// `write-all`, `["*": "none"]` `{}` — or, when it is `nil`, the repository's default.
    public static func permissions(declared: [String: String]?, repositoryDefault: String) -> [String: String] {
        var permissions = ["metadata": "read"]
        for scope in scopes {
            let level: String
            if let declared {
                switch declared["*"] {
                // `read-all` grants no id-token (it has only write and none).
                case "read"?: level = scope.name == "id-token" ? "none" : "read"
                // `models` has only read and none.
                case let all?: level = scope.name == "models" && all == "write" ? "read" : all
                case nil: level = declared[scope.name] ?? "none"
                }
            } else {
                level = repositoryDefault == "read" ? (restricted.contains(scope.name) ? "read" : "none") : scope.permissive
            }
            if level != "none" { permissions[scope.name.replacing("-", with: "_")] = level }
        }
        return permissions
    }

    /// The group a runner's log opens with, by name: `Actions: write`, `Metadata: read`,
    /// `PullRequests: write`, ...
    public static func logGroup(_ permissions: [String: String]) -> String {
        let titled = permissions.map { name, level in
            (name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(), level)
        }
        let lines = titled.sorted { $0.0 < $1.0 }.map { "\($0): \($1)" }
        return (["##[group]GITHUB_TOKEN Permissions"] + lines + ["##[endgroup]"]).joined(separator: "\n")
    }

    /// Issues job `jobID`'s token, created at `created`, and answers its secret.
    static func issue(forJob jobID: Int64, in repository: RepositoryRecord, permissions: [String: String], created: Date,
                      with writer: StoreWriter) throws -> String {
        try writer.issueGitHubToken(TokenRecord(
            token: "", kind: .installation, user: actor, repositories: .selected([repository.fullName]), permissions: permissions,
            expiresAt: Timestamp.format(created.addingTimeInterval(longest))
        ), jobID: jobID)
    }
}
