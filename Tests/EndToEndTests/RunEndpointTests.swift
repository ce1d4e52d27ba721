import Foundation
import Testing

/// Workflow runs, their attempts, workflows and artifacts: what clients fetch beside jobs.
@Suite struct RunEndpointTests {
    let client = DemoEmulator.client
    static let base = "/api/v3/repos/octo-org/octo-repo/actions"

    func object(_ path: String) async throws -> [String: Any] {
        let response = try await client.get(path)
        #expect(response.status == 200, "\(path)")
        return try #require(response.json as? [String: Any])
    }

    @Test func runRollsUpItsNewestAttempt() async throws {
        let run = try await object(Self.base + "/runs/30433642")
        #expect(run["run_attempt"] as? Int == 3)
        #expect(run["status"] as? String == "in_progress")
        #expect(run["conclusion"] is NSNull)
        #expect(run["head_branch"] as? String == "feature/retry")
        #expect(run["previous_attempt_url"] as? String == DemoEmulator.shared.listeningURL + Self.base + "/runs/30433642/attempts/2")
        #expect((run["repository"] as? [String: Any])?["full_name"] as? String == "octo-org/octo-repo")
    }

    @Test func attemptsKeepTheirOwnOutcome() async throws {
        let first = try await object(Self.base + "/runs/30433642/attempts/1")
        #expect(first["status"] as? String == "completed" && first["conclusion"] as? String == "failure")
        #expect(first["previous_attempt_url"] is NSNull)
        let docs = try await object(Self.base + "/runs/29679449")
        #expect(docs["conclusion"] as? String == "success")
    }

    @Test func workflowOfARunAndItsArtifacts() async throws {
        let run = try await object(Self.base + "/runs/30433642")
        let workflowID = try #require(run["workflow_id"] as? Int)
        let workflow = try await object(Self.base + "/workflows/\(workflowID)")
        #expect(workflow["name"] as? String == "CI" && workflow["state"] as? String == "active")
        let artifacts = try await object(Self.base + "/runs/30433642/artifacts")
        #expect(artifacts["total_count"] as? Int == 0)
    }

    @Test(arguments: ["/runs/1", "/runs/30433642/attempts/9", "/runs/30435000", "/workflows/1", "/runs/1/artifacts"])
    func unknownIsNotFound(path: String) async throws {
        #expect(try await client.get(Self.base + path).status == 404)
    }

    @Test func privateRunFollowsTheAuthRules() async throws {
        let path = "/api/v3/repos/octo-org/private-repo/actions/runs/30434000"
        #expect(try await client.get(path).status == 404)
        #expect(try await client.get(path, headers: ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"]).status == 200)
    }
}
