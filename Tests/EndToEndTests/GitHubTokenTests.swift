import ActionsEmulator
import Foundation
import Scheduling
import Testing

/// Each job's GITHUB_TOKEN (apps.md): its run's repository only, the declared permissions,
/// working while the job runs and `Bad credentials` once it completes.
@Suite struct GitHubTokenTests {
    static let run = #"""
        {"repository": "octo-org/private-repo", "permissions": {"actions": "read", "contents": "read"},
         "jobs": [{"name": "build", "queued_seconds": 1,
                   "steps": [{"name": "Set up job", "seconds": 1}, {"name": "Test", "seconds": 5, "conclusion": ["failure", "success"]}]}]}
        """#

    static func bearer(_ token: String) -> [String: String] { ["Authorization": "Bearer \(token)"] }

    @Test func permissionsFollowWorkflowSyntax() {
        #expect(GitHubToken.permissions(declared: ["actions": "read", "pull-requests": "write", "issues": "none"], repositoryDefault: "write")
            == ["actions": "read", "pull_requests": "write", "metadata": "read"])
        #expect(GitHubToken.permissions(declared: ["*": "none"], repositoryDefault: "write") == ["metadata": "read"])
        let readAll = GitHubToken.permissions(declared: ["*": "read"], repositoryDefault: "write")
        #expect(readAll["actions"] == "read" && readAll["id_token"] == nil && readAll.values.allSatisfy { $0 == "read" })
        #expect(GitHubToken.permissions(declared: ["*": "write"], repositoryDefault: "read")["id_token"] == "write")
        let permissive = GitHubToken.permissions(declared: nil, repositoryDefault: "write")
        #expect(permissive["actions"] == "write" && permissive["artifact_metadata"] == "write" && permissive["id_token"] == nil)
        #expect(permissive["models"] == "read" && permissive.count == 16)
        #expect(GitHubToken.permissions(declared: nil, repositoryDefault: "read")
            == ["contents": "read", "packages": "read", "metadata": "read"])
        #expect(GitHubToken.logGroup(["actions": "read", "pull_requests": "write", "metadata": "read"])
            == "##[group]GITHUB_TOKEN Permissions\nActions: read\nMetadata: read\nPullRequests: write\n##[endgroup]")
    }

    @Test func aJobsTokenReadsItsOwnRunUntilTheJobCompletes() async throws {
        let emulator = try DemoEmulator.start()
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"now": "2030-01-01T00:00:00Z"}"#).status == 200)
        let started = try #require(try await client.send("POST", "/_emulator/runs", body: Self.run).json as? [String: Any])
        let runID = try #require(started["run_id"] as? Int)
        let jobID = try #require((started["job_ids"] as? [Int])?.first)
        let token = try #require((started["github_tokens"] as? [String: String])?[String(jobID)])
        #expect(token.hasPrefix("ghs_") && token.count == 40)
        let listed = try await client.get("/_emulator/runs/\(runID)/tokens").json as? [String: Any]
        #expect(listed?["github_tokens"] as? [String: String] == [String(jobID): token])

        let jobs = "/api/v3/repos/octo-org/private-repo/actions/runs/\(runID)/jobs"
        let own = try await client.get(jobs, headers: Self.bearer(token))
        #expect(own.status == 200 && own.header("X-OAuth-Scopes") == nil)
        #expect(try await client.get("/api/v3/repos/octo-org/internal-tools/actions/runs", headers: Self.bearer(token)).status == 404)
        // actions: read cannot cancel its own run.
        let cancel = try await client.send("POST", "/api/v3/repos/octo-org/private-repo/actions/runs/\(runID)/cancel",
                                           headers: Self.bearer(token))
        #expect(cancel.status == 403)

        // The runner's log opens with the grant.
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 3}"#).status == 200)
        #expect(try await client.get(jobs, headers: Self.bearer(token)).status == 200)
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 5}"#).status == 200)
        let after = try await client.get(jobs, headers: Self.bearer(token))
        #expect(after.status == 401 && (after.json as? [String: Any])?["message"] as? String == "Bad credentials")
        let classic = ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"]
        let log = try await client.get("/api/v3/repos/octo-org/private-repo/actions/jobs/\(jobID)/logs", headers: classic)
        let location = try #require(log.header("Location"))
        let text = try await client.get(String(location.dropFirst(emulator.listeningURL.count))).text
        #expect(text.contains("##[group]GITHUB_TOKEN Permissions\n") && text.contains(" Actions: read\n"))
        // It begins with the grant.
        #expect(text.split(separator: "\n").first?.hasSuffix(" ##[group]GITHUB_TOKEN Permissions") == true)

        // A re-run's job has a token of its own, with the same grant.
        let rerun = try await client.send("POST", "/api/v3/repos/octo-org/private-repo/actions/runs/\(runID)/rerun-failed-jobs",
                                          headers: Self.bearer("ghp_monalisaRepoScope000000000000000019"))
        #expect(rerun.status == 201)
        let tokens = try #require(try await client.get("/_emulator/runs/\(runID)/tokens").json as? [String: Any])
        let all = try #require(tokens["github_tokens"] as? [String: String])
        #expect(all.count == 2)
        let second = try #require(all.first { $0.key != String(jobID) }?.value)
        let secondRead = try await client.get(jobs, headers: Self.bearer(second))
        #expect(second != token && secondRead.status == 200)
    }
}
