import Foundation
import Scheduling
import Seed
import Store
import Testing

/// What a seed says of GITHUB_TOKENs (apps.md): a repository's `default_workflow_permissions`
/// and a scheduled run's `permissions`, in workflow syntax; bad values refused with the path.
@Suite struct GitHubTokenSeedTests {
    static func load(_ text: String) throws -> Store { try loadedStore(text, source: "tokens.json") }

    static func seed(repository: String = "", run: String = "") -> String {
        #"""
        {"repositories": [{"owner": "octo-org", "name": "locked", "visibility": "private"\#(repository)}],
         "runs": [{"repository": "octo-org/locked", "run_id": 7\#(run), "jobs": [{"name": "a", "steps": [{"name": "s", "seconds": 5}]}]}]}
        """#
    }

    static func grant(_ store: Store) throws -> [String: String]? {
        try store.read { reader in
            let jobID = try #require(try reader.jobs(runID: 7, attempt: 1, limit: 1, offset: 0).jobs.first?.id)
            return try reader.githubTokenRecord(jobID: jobID)?.permissions
        }
    }

    @Test func theRepositoryDefaultAppliesWhenTheRunSaysNothing() throws {
        #expect(try Self.grant(try Self.load(Self.seed()))?["contents"] == "write")
        let restricted = try Self.load(Self.seed(repository: #", "default_workflow_permissions": "read""#))
        #expect(try Self.grant(restricted) == ["contents": "read", "packages": "read", "metadata": "read"])
    }

    @Test func aRunsPermissionsAreWorkflowSyntax() throws {
        let declared = try Self.load(Self.seed(run: #", "permissions": {"actions": "write", "pull-requests": "read"}"#))
        #expect(try Self.grant(declared) == ["actions": "write", "pull_requests": "read", "metadata": "read"])
        #expect(try Self.grant(try Self.load(Self.seed(run: #", "permissions": {}"#))) == ["metadata": "read"])
        #expect(try Self.grant(try Self.load(Self.seed(run: #", "permissions": "read-all""#)))?["checks"] == "read")
    }

    @Test(arguments: [
        (seed(repository: #", "default_workflow_permissions": "permissive""#), "$.repositories[0].default_workflow_permissions"),
        (seed(run: #", "permissions": {"actions": "admin"}"#), "$.runs[0].permissions.actions"),
        (seed(run: #", "permissions": "all""#), "$.runs[0].permissions"),
    ])
    func badValuesAreRefusedWithTheirPath(_ text: String, _ path: String) throws {
        let error = try #require(throws: SeedError.self) { try Self.load(text) }
        #expect("\(error)".contains("tokens.json") && "\(error)".contains(path), "\(error)")
    }
}
