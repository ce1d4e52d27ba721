import ActionsEmulator
import Foundation
import Testing

/// Scheduled runs on a frozen clock (behaviour.md, "A world that moves"): jobs queue, start,
/// run their steps and complete exactly as the clock is advanced, and everything a client
/// reads (jobs, runs, logs, ETags) follows.
@Suite struct ScheduledRunTests {
    static let actions = "/api/v3/repos/octo-org/octo-repo/actions"
    static let start = "2030-01-01T00:00:00Z"

    /// Queues 2 s, then 1 s, 5 s (fails) and 3 s; a second job of one 2 s step.
    static let run = """
        {"repository": "octo-org/octo-repo", "workflow_name": "Deploy", "head_branch": "release", "event": "workflow_dispatch",
         "actor": "hubot", "jobs": [
          {"name": "build", "queued_seconds": 2, "steps": [
            {"name": "Set up job", "seconds": 1},
            {"name": "Run tests", "seconds": 5, "conclusion": "failure", "log": "FAIL test_x\\nFAIL test_y"},
            {"name": "Deploy", "seconds": 3}]},
          {"name": "lint", "labels": ["self-hosted"], "steps": [{"name": "Lint", "seconds": 2, "log": "clean"}]}]}
        """

    /// An emulator of its own, its clock frozen at `start`, with the run started.
    static func started() async throws -> (Emulator, HTTPClient, [String: Any]) {
        let emulator = try DemoEmulator.start()
        let client = HTTPClient(baseURL: emulator.listeningURL)
        _ = try await client.send("POST", "/_emulator/clock", body: #"{"now": "\#(start)"}"#)
        let created = try await client.send("POST", "/_emulator/runs", body: run)
        #expect(created.status == 201)
        return (emulator, client, try #require(created.json as? [String: Any]))
    }

    static func advance(_ client: HTTPClient, _ seconds: Double) async throws {
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": \#(seconds)}"#).status == 200)
    }

    static func object(_ client: HTTPClient, _ path: String) async throws -> [String: Any] {
        let response = try await client.get(path)
        #expect(response.status == 200, "\(path): \(response.status)")
        return try #require(response.json as? [String: Any])
    }

    @Test func jobsMoveOnlyWhenTheClockDoes() async throws {
        let (emulator, client, created) = try await Self.started()
        defer { emulator.stop() }
        let runID = try #require(created["run_id"] as? Int)
        let ids = try #require(created["job_ids"] as? [Int])
        #expect(created["run_attempt"] as? Int == 1 && ids.count == 2)
        let build = "\(Self.actions)/jobs/\(ids[0])"

        // At the start: build queued, lint already running on a self-hosted runner.
        var job = try await Self.object(client, build)
        #expect(job["status"] as? String == "queued" && job["runner_name"] is NSNull)
        #expect(job["created_at"] as? String == Self.start && job["started_at"] as? String == Self.start)
        #expect((job["steps"] as? [[String: Any]])?.map { $0["status"] as? String } == ["queued", "queued", "queued"])
        let lint = try await Self.object(client, "\(Self.actions)/jobs/\(ids[1])")
        #expect(lint["status"] as? String == "in_progress" && lint["runner_group_name"] as? String == "Default")
        #expect(try await client.get(build + "/logs").status == 404)

        // A frozen clock freezes the job, however long the test takes.
        try await Task.sleep(for: .milliseconds(1200))
        #expect(try await Self.object(client, build)["status"] as? String == "queued")

        let queuedTag = try #require(try await client.get(build).header("ETag"))
        try await Self.advance(client, 3)  // 3 s: the first step is done, the second runs
        let moved = try await client.get(build, headers: ["If-None-Match": queuedTag])
        #expect(moved.status == 200 && moved.header("ETag") != queuedTag)
        job = try #require(moved.json as? [String: Any])
        #expect(job["status"] as? String == "in_progress" && job["started_at"] as? String == "2030-01-01T00:00:02Z")
        #expect(job["runner_name"] as? String == "GitHub Actions 1" && job["runner_group_name"] as? String == "GitHub Actions")
        var steps = try #require(job["steps"] as? [[String: Any]])
        #expect(steps.map { $0["status"] as? String } == ["completed", "in_progress", "queued"])
        #expect(steps[0]["completed_at"] as? String == "2030-01-01T00:00:03Z")
        #expect(try await client.get(build + "/logs").status == 404)  // no log until it completes

        var run = try await Self.object(client, "\(Self.actions)/runs/\(runID)")
        #expect(run["status"] as? String == "in_progress" && run["conclusion"] is NSNull)
        #expect(run["name"] as? String == "Deploy" && run["head_branch"] as? String == "release")
        #expect(run["event"] as? String == "workflow_dispatch" && (run["actor"] as? [String: Any])?["login"] as? String == "hubot")
        #expect(run["created_at"] as? String == Self.start)

        try await Self.advance(client, 60)
        job = try await Self.object(client, build)
        #expect(job["status"] as? String == "completed" && job["conclusion"] as? String == "failure")
        #expect(job["completed_at"] as? String == "2030-01-01T00:00:08Z")
        steps = try #require(job["steps"] as? [[String: Any]])
        #expect(steps.map { $0["conclusion"] as? String } == ["success", "failure", "skipped"])
        run = try await Self.object(client, "\(Self.actions)/runs/\(runID)")
        #expect(run["status"] as? String == "completed" && run["conclusion"] as? String == "failure")
        #expect(run["updated_at"] as? String == "2030-01-01T00:00:08Z")

        // The log holds the steps' lines and what the failing step printed.
        let redirect = try await client.get(build + "/logs")
        #expect(redirect.status == 302)
        let log = try await client.get(try #require(redirect.header("Location"))).text
        #expect(log.contains("2030-01-01T00:00:03.0000000Z ##[group]Run tests\n2030-01-01T00:00:03.0000000Z FAIL test_x\n"))
        #expect(log.contains("2030-01-01T00:00:08.0000000Z ##[error]Process completed with exit code 1."))
    }

    @Test func settingTheClockBackMovesJobsBack() async throws {
        let (emulator, client, created) = try await Self.started()
        defer { emulator.stop() }
        let build = "\(Self.actions)/jobs/\(try #require((created["job_ids"] as? [Int])?.first))"
        try await Self.advance(client, 100)
        #expect(try await Self.object(client, build)["status"] as? String == "completed")
        _ = try await client.send("POST", "/_emulator/clock", body: #"{"now": "2030-01-01T00:00:01Z"}"#)
        let job = try await Self.object(client, build)
        #expect(job["status"] as? String == "queued" && job["conclusion"] is NSNull && job["runner_id"] is NSNull)
    }

    @Test func aRerunIsScheduledFromNow() async throws {
        let (emulator, client, created) = try await Self.started()
        defer { emulator.stop() }
        let runID = try #require(created["run_id"] as? Int)
        try await Self.advance(client, 100)
        let rerun = try await client.send("POST", "/_emulator/runs/\(runID)/rerun")
        #expect(rerun.status == 201)
        let body = try #require(rerun.json as? [String: Any])
        #expect(body["run_attempt"] as? Int == 2)
        let ids = try #require(body["job_ids"] as? [Int])
        var run = try await Self.object(client, "\(Self.actions)/runs/\(runID)")
        #expect(run["run_attempt"] as? Int == 2 && run["status"] as? String == "in_progress")
        #expect(run["created_at"] as? String == Self.start && run["run_started_at"] as? String == "2030-01-01T00:01:40Z")
        #expect(try await Self.object(client, "\(Self.actions)/jobs/\(ids[0])")["status"] as? String == "queued")
        try await Self.advance(client, 100)
        run = try await Self.object(client, "\(Self.actions)/runs/\(runID)")
        #expect(run["status"] as? String == "completed" && run["conclusion"] as? String == "failure")
        // The first attempt is still there, as it ended.
        let first = try await Self.object(client, "\(Self.actions)/runs/\(runID)/attempts/1")
        #expect(first["conclusion"] as? String == "failure" && first["run_attempt"] as? Int == 1)
        let all = try await Self.object(client, "\(Self.actions)/runs/\(runID)/jobs?filter=all")
        #expect(all["total_count"] as? Int == 4)
    }

    @Test func aJobMovedByHandLeavesItsSchedule() async throws {
        let (emulator, client, created) = try await Self.started()
        defer { emulator.stop() }
        let id = try #require((created["job_ids"] as? [Int])?.first)
        let patched = try await client.send("PATCH", "/_emulator/jobs/\(id)", body: #"{"status": "completed", "conclusion": "cancelled"}"#)
        #expect(patched.status == 200)
        try await Self.advance(client, 100)
        let job = try await Self.object(client, "\(Self.actions)/jobs/\(id)")
        #expect(job["conclusion"] as? String == "cancelled")
    }

    @Test(arguments: [
        (#"{"repository": "nobody/nothing", "jobs": [{"name": "a"}]}"#, "$.repository"),
        (#"{"repository": "octo-org/octo-repo", "jobs": []}"#, "$.jobs"),
        (#"{"repository": "octo-org/octo-repo"}"#, "$.jobs"),
        (#"{"repository": "octo-org/octo-repo", "jobs": [{"queued_seconds": -1}]}"#, "$.jobs[0].queued_seconds"),
        (#"{"repository": "octo-org/octo-repo", "jobs": [{"steps": [{"name": "x", "seconds": -2}]}]}"#, "$.jobs[0].steps[0].seconds"),
        (#"{"repository": "octo-org/octo-repo", "jobs": [{"steps": [{"name": "x", "conclusion": "ok"}]}]}"#, "$.jobs[0].steps[0].conclusion"),
        (#"{"repository": "octo-org/octo-repo", "jobs": [{"name": "a", "colour": "red"}]}"#, "$.jobs[0].colour"),
        (#"{"repository": "octo-org/octo-repo", "runid": 5, "jobs": [{"name": "a"}]}"#, "$.runid"),
        (#"{"repository": "octo-org/octo-repo", "run_id": 30433642, "jobs": [{"name": "a"}]}"#, "$.run_id"),
    ] as [(String, String)])
    func badRunsAre422WithThePathAndCreateNothing(body: String, path: String) async throws {
        let client = DemoEmulator.client
        let before = try await Self.object(client, "/_emulator/health")["counts"] as? [String: Int]
        let response = try await client.send("POST", "/_emulator/runs", body: body)
        #expect(response.status == 422)
        let error = try #require(response.json as? [String: Any])
        let field = (error["errors"] as? [[String: Any]])?.first?["field"] as? String
        #expect(field == path, "\(error)")
        #expect(try await Self.object(client, "/_emulator/health")["counts"] as? [String: Int] == before)
        #expect(try await client.send("POST", "/_emulator/runs", body: "{not json").status == 400)
    }
}
