import ActionsEmulator
import Foundation
import TestSupport
import Testing

/// The `/_emulator/` control API against a private emulator per test (these tests change state).
@Suite struct ControlAPITests {
    static func start(adminToken: String? = nil) throws -> (Emulator, HTTPClient) {
        let emulator = try DemoEmulator.start { configuration in
            configuration.adminToken = adminToken
            configuration.api.journalCapacity = 5
        }
        return (emulator, HTTPClient(baseURL: emulator.listeningURL))
    }

    static let jobs = "/api/v3/repos/octo-org/octo-repo/actions"

    @Test func healthReportsCounts() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let response = try await client.get("/_emulator/health")
        #expect(response.status == 200)
        let body = try #require(response.json as? [String: Any])
        #expect(body["status"] as? String == "ok")
        // 133 seeded, 3 of the live run.
        #expect((body["counts"] as? [String: Any])?["jobs"] as? Int == 136)
        #expect(body["uptime_seconds"] is Int)
    }

    @Test func seedUpsertsAndResetRestoresTheStartUpSeed() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let seed = #"{"jobs": [{"repository": "octo-org/octo-repo", "id": 399444496, "run_id": 29679449, "name": "renamed", "status": "queued"}, {"repository": "octo-org/octo-repo", "id": 1, "run_id": 7}]}"#
        let loaded = try await client.send("POST", "/_emulator/seed", body: seed)
        #expect(loaded.status == 200)
        #expect(try await client.get(Self.jobs + "/jobs/399444496").json.flatMap { ($0 as? [String: Any])?["name"] as? String } == "renamed")
        #expect(try await client.get(Self.jobs + "/jobs/1").status == 200)

        #expect(try await client.send("POST", "/_emulator/reset").status == 200)
        #expect(try await client.get(Self.jobs + "/jobs/399444496").json.flatMap { ($0 as? [String: Any])?["name"] as? String } == "build")
        #expect(try await client.get(Self.jobs + "/jobs/1").status == 404)
    }

    /// Tokens, repositories and encoded jobs are cached between writes; every write through the
    /// control API must show in the very next answer.
    @Test func cachedAnswersFollowEveryWrite() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let token = "ghp_octocatRepoScope000000000000000001"
        let privateJob = "/api/v3/repos/octo-org/private-repo/actions/jobs/400300001"
        func status(of path: String, token: String? = nil) async throws -> Int {
            try await client.get(path, headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:]).status
        }
        func name(of path: String) async throws -> String? {
            try await client.get(path).json.flatMap { ($0 as? [String: Any])?["name"] as? String }
        }
        func listedStatus() async throws -> String? {
            let list = try await client.get(Self.jobs + "/runs/30433800/jobs").json as? [String: Any]
            let jobs = list?["jobs"] as? [[String: Any]]
            return jobs?.first { $0["id"] as? Int == 400200001 }?["status"] as? String
        }
        for _ in 0..<2 {  // the second read is served from the caches
            #expect(try await status(of: privateJob, token: token) == 200)
            #expect(try await status(of: privateJob) == 404)
            #expect(try await name(of: Self.jobs + "/jobs/399444496") == "build")
            #expect(try await listedStatus() == "queued")
        }

        let patched = try await client.send("PATCH", "/_emulator/jobs/400200001", body: #"{"status": "in_progress"}"#)
        #expect(patched.status == 200)
        #expect(try await client.get(Self.jobs + "/jobs/400200001").json.flatMap { ($0 as? [String: Any])?["status"] as? String } == "in_progress")
        #expect(try await listedStatus() == "in_progress")

        let seed = #"{"repositories": [{"owner": "octo-org", "name": "private-repo", "id": 1296270, "visibility": "public"}], "tokens": [{"token": "\#(token)", "kind": "classic", "user": "octocat", "scopes": ["repo"], "revoked": true}], "jobs": [{"repository": "octo-org/octo-repo", "id": 399444496, "run_id": 29679449, "name": "renamed"}]}"#
        #expect(try await client.send("POST", "/_emulator/seed", body: seed).status == 200)
        #expect(try await status(of: privateJob) == 200)  // now public
        #expect(try await status(of: privateJob, token: token) == 401)  // now revoked
        #expect(try await name(of: Self.jobs + "/jobs/399444496") == "renamed")

        #expect(try await client.send("POST", "/_emulator/reset").status == 200)
        #expect(try await status(of: privateJob) == 404)
        #expect(try await status(of: privateJob, token: token) == 200)
        #expect(try await name(of: Self.jobs + "/jobs/399444496") == "build")
    }

    @Test func badSeedsAreRefusedWithPathAndLoadNothing() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let bad = try await client.send("POST", "/_emulator/seed",
                                        body: #"{"jobs": [{"repository": "octo-org/octo-repo", "id": 5, "run_id": 6}, {"repository": "octo-org/octo-repo", "id": 7, "run_id": 6, "status": "done"}]}"#)
        #expect(bad.status == 422)
        let message = try #require((bad.json as? [String: Any])?["message"] as? String)
        #expect(message.contains("request body: $.jobs[1].status: expected one of"))
        #expect(try await client.get(Self.jobs + "/jobs/5").status == 404)
        #expect(try await client.send("POST", "/_emulator/seed", body: "{not json").status == 400)
    }

    @Test func clockMovesAndRejectsNonsense() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let set = try await client.send("POST", "/_emulator/clock", body: #"{"now": "2030-01-01T00:00:00Z"}"#)
        #expect((set.json as? [String: Any])?["now"] as? String == "2030-01-01T00:00:00Z")
        let advanced = try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 3600}"#)
        #expect((advanced.json as? [String: Any])?["now"] as? String == "2030-01-01T01:00:00Z")
        for body in [#"{"now": "tomorrow"}"#, #"{"advance_seconds": "x"}"#, #"{}"#, #"{"now": "2030-01-01T00:00:00Z", "advance_seconds": 1}"#] {
            #expect(try await client.send("POST", "/_emulator/clock", body: body).status == 422, "\(body)")
        }
        #expect(try await client.send("POST", "/_emulator/clock", body: "[").status == 400)
    }

    @Test func jobLifecycleThroughPatch() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        _ = try await client.send("POST", "/_emulator/clock", body: #"{"now": "2030-01-01T00:00:00Z"}"#)
        #expect(try await client.get(Self.jobs + "/jobs/400200001/logs").status == 404)  // queued: no log yet

        let started = try await client.send("PATCH", "/_emulator/jobs/400200001", body: #"{"status": "in_progress"}"#)
        #expect(started.status == 200)
        let running = try #require(try await client.get(Self.jobs + "/jobs/400200001").json as? [String: Any])
        #expect(running["status"] as? String == "in_progress")
        #expect(running["started_at"] as? String == "2030-01-01T00:00:00Z")
        #expect(running["runner_name"] is String)
        #expect(try await client.get(Self.jobs + "/jobs/400200001/logs").status == 302)

        _ = try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 90}"#)
        let done = try await client.send("PATCH", "/_emulator/jobs/400200001", body: #"{"status": "completed", "conclusion": "failure"}"#)
        let finished = try #require(done.json as? [String: Any])
        #expect(finished["conclusion"] as? String == "failure")
        #expect(finished["completed_at"] as? String == "2030-01-01T00:01:30Z")

        for body in [#"{"status": "queued"}"#, #"{"status": "completed"}"#, #"{"status": "sideways"}"#, #"{}"#,
                     #"{"status": "completed", "conclusion": "great"}"#] {
            #expect(try await client.send("PATCH", "/_emulator/jobs/400200002", body: body).status == 422 || body == #"{"status": "queued"}"#)
        }
        #expect(try await client.send("PATCH", "/_emulator/jobs/400200001", body: #"{"status": "in_progress"}"#).status == 422)
        #expect(try await client.send("PATCH", "/_emulator/jobs/1", body: #"{"status": "in_progress"}"#).status == 404)
    }

    @Test func rerunCreatesTheNextAttempt() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let rerun = try await client.send("POST", "/_emulator/runs/30433642/rerun")
        #expect(rerun.status == 201)
        let body = try #require(rerun.json as? [String: Any])
        #expect(body["run_attempt"] as? Int == 4)
        let newIDs = try #require(body["job_ids"] as? [Int])
        #expect(newIDs.count == 3)

        let latest = try #require(try await client.get(Self.jobs + "/runs/30433642/jobs").json as? [String: Any])
        let latestJobs = try #require(latest["jobs"] as? [[String: Any]])
        #expect(latestJobs.compactMap { $0["id"] as? Int } == newIDs)
        #expect(latestJobs.allSatisfy { $0["status"] as? String == "queued" && $0["run_attempt"] as? Int == 4 })
        let all = try #require(try await client.get(Self.jobs + "/runs/30433642/jobs?filter=all").json as? [String: Any])
        #expect(all["total_count"] as? Int == 10)
        #expect(try await client.get(Self.jobs + "/runs/30433642/attempts/4/jobs").status == 200)
        #expect(try await client.send("POST", "/_emulator/runs/1/rerun").status == 404)
    }

    @Test func journalIsBoundedAndRedactsTokens() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let token = "ghp_octocatRepoScope000000000000000001"
        _ = try await client.get(Self.jobs + "/jobs/399444496?x=1", headers: ["Authorization": "Bearer \(token)"])
        _ = try await client.get(Self.jobs + "/jobs/399444496", headers: ["Authorization": "Bearer ghp_wrong000000000000000000000000000"])
        let journal = try #require(try await client.get("/_emulator/requests").json as? [String: Any])
        let entries = try #require(journal["requests"] as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(entries[0]["token"] as? String == "ghp_…0001")
        #expect(entries[0]["token_kind"] as? String == "classic")
        #expect(entries[0]["query"] as? String == "x=1")
        #expect(entries[0]["status"] as? Int == 200)
        #expect(entries[1]["token_kind"] as? String == "invalid" && entries[1]["status"] as? Int == 401)
        let raw = try await client.get("/_emulator/requests")
        #expect(!raw.text.contains(token))

        for _ in 0..<8 { _ = try await client.get("/api/v3/nowhere") }
        let bounded = try #require(try await client.get("/_emulator/requests").json as? [String: Any])
        #expect((bounded["requests"] as? [Any])?.count == 5)
        #expect(try await client.send("DELETE", "/_emulator/requests").status == 204)
        let cleared = try #require(try await client.get("/_emulator/requests").json as? [String: Any])
        #expect((cleared["requests"] as? [Any])?.isEmpty == true)
    }

    @Test func faultIsAppliedItsCountThenStops() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let added = try await client.send("POST", "/_emulator/faults",
                                          body: #"{"route": "actions/get-job-for-workflow-run", "status": 502, "count": 2}"#)
        #expect(added.status == 201)
        let path = Self.jobs + "/jobs/399444496"
        let first = try await client.get(path)
        #expect(first.status == 502)
        #expect((first.json as? [String: Any])?["message"] as? String == "Bad Gateway")
        #expect(try await client.get(Self.jobs + "/runs/29679449/jobs").status == 200)  // another route: untouched
        #expect(try await client.get(path).status == 502)
        #expect(try await client.get(path).status == 200)
        let listed = try #require(try await client.get("/_emulator/faults").json as? [String: Any])
        #expect((listed["faults"] as? [Any])?.isEmpty == true)
    }

    @Test func droppedConnectionAndLatency() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        // Unlimited: HTTP clients retry a request whose kept-alive connection closed once.
        _ = try await client.send("POST", "/_emulator/faults", body: #"{"route": "actions/get-job-for-workflow-run", "drop_connection": true}"#)
        await #expect(throws: (any Error).self) { _ = try await client.get(Self.jobs + "/jobs/399444496") }
        #expect(try await client.send("DELETE", "/_emulator/faults").status == 204)
        #expect(try await client.get(Self.jobs + "/jobs/399444496").status == 200)

        _ = try await client.send("POST", "/_emulator/faults", body: #"{"route": "*", "latency_ms": 300}"#)
        let start = Date()
        #expect(try await client.get(Self.jobs + "/jobs/399444496").status == 200)
        #expect(Date().timeIntervalSince(start) >= 0.3)
        #expect(try await client.send("DELETE", "/_emulator/faults").status == 204)
    }

    @Test(arguments: [
        #"{"route": "nowhere", "status": 500}"#, #"{"route": "*"}"#, #"{"route": "*", "status": 200}"#,
        #"{"route": "*", "status": 500, "count": 0}"#, #"{"route": "*", "latency_ms": -1}"#, #"{"route": "*", "status": 500, "extra": 1}"#,
    ])
    func badFaultsAre422(body: String) async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        #expect(try await client.send("POST", "/_emulator/faults", body: body).status == 422)
    }

    @Test func unknownRoutesAndMethods() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        #expect(try await client.get("/_emulator/nothing").status == 404)
        let wrongMethod = try await client.send("DELETE", "/_emulator/health")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow") == "GET")
        // The control API is never under /api/v3.
        #expect(try await client.get("/api/v3/_emulator/health").status == 404)
    }

    @Test func adminTokenGuardsTheControlAPI() async throws {
        let (emulator, client) = try Self.start(adminToken: "s3cret")
        defer { emulator.stop() }
        #expect(try await client.get("/_emulator/clock").status == 401)
        #expect(try await client.get("/_emulator/clock", headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(try await client.get("/_emulator/clock", headers: ["Authorization": "Bearer s3cret"]).status == 200)
        // Health checks and probes need no token.
        #expect(try await client.get("/_emulator/health").status == 200)
    }
}

/// `/_emulator/metrics` and the `healthcheck` subcommand.
@Suite struct OperatorTests {
    @Test func metricsCountRequestsByRouteAndStatus() async throws {
        let (emulator, client) = try ControlAPITests.start()
        defer { emulator.stop() }
        _ = try await client.get(ControlAPITests.jobs + "/jobs/399444496")
        _ = try await client.get(ControlAPITests.jobs + "/jobs/1")
        let metrics = try await client.get("/_emulator/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(metrics.text.contains(#"actions_emulator_requests_total{route="actions/get-job-for-workflow-run",status="200"} 1"#))
        #expect(metrics.text.contains(#"actions_emulator_requests_total{route="actions/get-job-for-workflow-run",status="404"} 1"#))
        #expect(metrics.text.contains("actions_emulator_request_duration_seconds_count 2"))
    }

    @Test func healthcheckSubcommand() throws {
        let (emulator, _) = try ControlAPITests.start()
        defer { emulator.stop() }
        func run(_ arguments: [String]) throws -> ChildProcess.Termination {
            try ChildProcess(ExecutableTests.executable.path, ["healthcheck"] + arguments).waitUntilExit()
        }
        #expect(try run([emulator.listeningURL]) == .exit(0))
        emulator.stop()
        #expect(try run([emulator.listeningURL]) != .exit(0))
    }
}
