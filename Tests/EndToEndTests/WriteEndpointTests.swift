import ActionsEmulator
import Foundation
import GitHubAPI
import Testing

/// Dispatch, re-runs, cancel, delete and enable/disable as actions-write.md describes them, on
/// emulators of their own whose clock the tests hold.
@Suite struct WriteEndpointTests {
    static let actions = "/api/v3/repos/octo-org/octo-repo/actions"
    static let octocat = ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"]
    static let start = "2030-01-01T00:00:00.300Z"

    static func started(_ configure: (inout Emulator.Configuration) -> Void = { _ in }) async throws -> (Emulator, HTTPClient) {
        let emulator = try DemoEmulator.start(configure)
        let client = HTTPClient(baseURL: emulator.listeningURL)
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"now": "\#(start)"}"#).status == 200)
        return (emulator, client)
    }

    static func advance(_ client: HTTPClient, _ seconds: Double) async throws {
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": \#(seconds)}"#).status == 200)
    }

    static func post(_ client: HTTPClient, _ path: String, _ body: String? = nil,
                     version: String? = nil) async throws -> HTTPClient.Response {
        var headers = octocat
        if let version { headers["X-GitHub-Api-Version"] = version }
        return try await client.send("POST", actions + path, body: body, headers: headers)
    }

    static func object(_ client: HTTPClient, _ path: String) async throws -> [String: Any] {
        let response = try await client.get(actions + path, headers: octocat)
        #expect(response.status == 200, "\(path): \(response.status) \(response.text)")
        return try #require(response.json as? [String: Any])
    }

    static func message(_ response: HTTPClient.Response) -> String? {
        (response.json as? [String: Any])?["message"] as? String
    }

    /// Dispatches deploy.yml with a distinct id; the new run's id (2026-03-10 answers it).
    static func dispatch(_ client: HTTPClient, environment: String = "prod", id: String = "abc123") async throws -> Int {
        let response = try await post(client, "/workflows/deploy.yml/dispatches",
                                      #"{"ref": "main", "inputs": {"environment": "\#(environment)", "distinct_id": "\#(id)"}}"#,
                                      version: "2026-03-10")
        #expect(response.status == 200, "\(response.text)")
        return try #require((response.json as? [String: Any])?["workflow_run_id"] as? Int)
    }

    // MARK: dispatch

    @Test func dispatchRefusesInGitHubsOrder() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let cases: [(String, String, Int, String)] = [
            ("deploy.yml", "{x", 400, "Problems parsing JSON"),
            ("deploy.yml", #""main""#, 422, "Invalid request.\n\nFor 'links/0/schema', \"main\" is not an object."),
            ("deploy.yml", "{}", 422, "Invalid request.\n\n\"ref\" wasn't supplied."),
            ("deploy.yml", #"{"ref": "main", "extra": 1}"#, 422, "Invalid request.\n\n\"extra\" is not a permitted key."),
            ("deploy.yml", #"{"ref": "nope", "inputs": {"x": "1"}}"#, 422, "No ref found for: nope"),
            ("ci.yml", #"{"ref": "main"}"#, 422, "Workflow does not have 'workflow_dispatch' trigger"),
            ("deploy.yml", #"{"ref": "main", "inputs": {"b": "1", "a": "2"}}"#, 422, #"Unexpected inputs provided: ["b", "a"]"#),
            ("nope.yml", #"{"ref": "main"}"#, 404, "Not Found"),
        ]
        for (workflow, body, status, message) in cases {
            let response = try await Self.post(client, "/workflows/\(workflow)/dispatches", body)
            #expect(response.status == status && Self.message(response) == message, "\(body): \(response.text)")
        }
        #expect(try await Self.object(client, "/runs?event=workflow_dispatch")["total_count"] as? Int == 0)
        // Disabled comes before everything else the workflow is asked.
        #expect(try await client.send("PUT", Self.actions + "/workflows/deploy.yml/disable", headers: Self.octocat).status == 204)
        let disabled = try await Self.post(client, "/workflows/deploy.yml/dispatches", #"{"ref": "nope"}"#)
        #expect(disabled.status == 422 && Self.message(disabled) == "Cannot trigger a 'workflow_dispatch' on a disabled workflow")
    }

    @Test func aRequiredInputWithoutDefaultMustBeGiven() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let seed = #"""
            {"workflows": [{"repository": "octo-org/octo-repo", "name": "Release", "path": ".github/workflows/release.yml",
              "on": {"workflow_dispatch": {}}, "inputs": {"version": {"required": true}}}]}
            """#
        #expect(try await client.send("POST", "/_emulator/seed", body: seed).status == 200)
        let missing = try await Self.post(client, "/workflows/release.yml/dispatches", #"{"ref": "main"}"#)
        #expect(missing.status == 422 && Self.message(missing) == "Required input 'version' not provided")
        #expect(try await Self.post(client, "/workflows/release.yml/dispatches", #"{"ref": "refs/heads/main", "inputs": {"version": "2"}}"#).status == 204)
    }

    @Test func theAnswerDependsOnTheAPIVersion() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let body = #"{"ref": "main"}"#
        let plain = try await Self.post(client, "/workflows/deploy.yml/dispatches", body)
        #expect(plain.status == 204 && plain.body.isEmpty)
        let detailed = try await Self.post(client, "/workflows/161335/dispatches", #"{"ref": "main", "return_run_details": true}"#)
        #expect(detailed.status == 200)
        let modern = try await Self.post(client, "/workflows/161335/dispatches", body, version: "2026-03-10")
        let details = try #require(modern.json as? [String: Any])
        let runID = try #require(details["workflow_run_id"] as? Int)
        #expect(details["run_url"] as? String == "\(emulator.listeningURL)/api/v3/repos/octo-org/octo-repo/actions/runs/\(runID)")
        #expect(details["html_url"] as? String == "\(emulator.listeningURL)/octo-org/octo-repo/actions/runs/\(runID)")
        #expect(try await Self.object(client, "/workflows/deploy.yml/runs")["total_count"] as? Int == 3)
    }

    @Test func beforeGHES321ReturnRunDetailsIsRefusedAndTenInputsAreTheLimit() async throws {
        let (emulator, client) = try await Self.started { $0.api.release = GHESRelease(major: 3, minor: 20, patch: 0) }
        defer { emulator.stop() }
        let refused = try await Self.post(client, "/workflows/deploy.yml/dispatches", #"{"ref": "main", "return_run_details": true}"#)
        #expect(refused.status == 422 && Self.message(refused)?.contains(#""return_run_details" is not a permitted key."#) == true)
        let inputs = (1...11).map { #""i\#($0)": "v""# }.joined(separator: ", ")
        let tooMany = try await Self.post(client, "/workflows/deploy.yml/dispatches", #"{"ref": "main", "inputs": {\#(inputs)}}"#)
        #expect(tooMany.status == 422 && Self.message(tooMany)?.hasPrefix("Invalid request.") == true)
    }

    @Test func aDispatchedRunExistsBeforeTheAnswerAndMovesOnTheClock() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let runID = try await Self.dispatch(client)
        var run = try await Self.object(client, "/runs/\(runID)")
        #expect(run["event"] as? String == "workflow_dispatch" && run["status"] as? String == "queued")
        #expect(run["run_attempt"] as? Int == 1 && run["run_number"] as? Int == 1 && run["head_branch"] as? String == "main")
        #expect(run["display_title"] as? String == "Deploy to prod" && run["name"] as? String == "Deploy")
        #expect(run["workflow_id"] as? Int == 161335 && run["path"] as? String == ".github/workflows/deploy.yml")
        #expect((run["actor"] as? [String: Any])?["login"] as? String == "octocat")
        #expect((run["triggering_actor"] as? [String: Any])?["login"] as? String == "octocat")
        // The current second, rounded up: created>= the time the client sent finds it.
        #expect(run["created_at"] as? String == "2030-01-01T00:00:01Z")
        let found = try await Self.object(client, "/workflows/deploy.yml/runs?event=workflow_dispatch&branch=main&created=%3E%3D2030-01-01T00:00:00Z")
        #expect((found["workflow_runs"] as? [[String: Any]])?.first?["id"] as? Int == runID)
        // The distinct id is in a step name, as return-dispatch looks for it.
        let jobs = try #require(try await Self.object(client, "/runs/\(runID)/jobs")["jobs"] as? [[String: Any]])
        #expect(jobs.map { $0["name"] as? String } == ["build", "deploy (prod)"])
        #expect((jobs[0]["steps"] as? [[String: Any]])?.contains { $0["name"] as? String == "Build abc123" } == true)
        // A second dispatch is the workflow's run number 2.
        let second = try await Self.dispatch(client, id: "def456")
        #expect(try await Self.object(client, "/runs/\(second)")["run_number"] as? Int == 2)

        try await Self.advance(client, 60)
        run = try await Self.object(client, "/runs/\(runID)")
        // The smoke test is flaky: it fails on its first execution.
        #expect(run["status"] as? String == "completed" && run["conclusion"] as? String == "failure")
    }

    // MARK: re-runs

    @Test func aFlakyJobPassesWhenItsFailedJobsAreRerun() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let runID = try await Self.dispatch(client)
        let running = try await Self.post(client, "/runs/\(runID)/rerun-failed-jobs")
        #expect(running.status == 403 && Self.message(running) == "This workflow is already running")
        try await Self.advance(client, 60)
        let first = try #require(try await Self.object(client, "/runs/\(runID)/jobs")["jobs"] as? [[String: Any]])

        let rerun = try await client.send("POST", Self.actions + "/runs/\(runID)/rerun-failed-jobs", body: nil,
                                          headers: ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"])
        #expect(rerun.status == 201 && rerun.text == "{}")
        var run = try await Self.object(client, "/runs/\(runID)")
        #expect(run["run_attempt"] as? Int == 2 && run["status"] as? String != "completed")
        #expect(run["run_started_at"] as? String == "2030-01-01T00:01:00Z")
        #expect(run["previous_attempt_url"] as? String == "\(emulator.listeningURL)\(Self.actions)/runs/\(runID)/attempts/1")
        let second = try #require(try await Self.object(client, "/runs/\(runID)/jobs")["jobs"] as? [[String: Any]])
        // build succeeded: carried over as it ended, under a new id; deploy runs again.
        #expect(second[0]["conclusion"] as? String == "success" && second[0]["id"] as? Int != first[0]["id"] as? Int)
        #expect(second[0]["completed_at"] as? String == first[0]["completed_at"] as? String)
        #expect(second[1]["status"] as? String == "queued" && second[1]["run_attempt"] as? Int == 2)

        try await Self.advance(client, 60)
        run = try await Self.object(client, "/runs/\(runID)")
        #expect(run["status"] as? String == "completed" && run["conclusion"] as? String == "success")
        let first1 = try await Self.object(client, "/runs/\(runID)/attempts/1")
        #expect(first1["conclusion"] as? String == "failure")
        #expect(try await Self.object(client, "/runs/\(runID)/jobs?filter=all")["total_count"] as? Int == 4)
        let nothing = try await Self.post(client, "/runs/\(runID)/rerun-failed-jobs", "{}")
        #expect(nothing.status == 403 && Self.message(nothing) == "This workflow run cannot be retried")
    }

    @Test func aRunSeededWithoutAPlanRerunsWithOneDerivedFromIt() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        // The private repository's run, seeded whole days before the clock: recent enough.
        _ = try await client.send("POST", "/_emulator/clock", body: #"{"now": "2026-11-23T00:00:00Z"}"#)
        let monalisa = ["Authorization": "Bearer ghp_monalisaRepoScope000000000000000019"]
        let path = "/api/v3/repos/octo-org/private-repo/actions/runs/30434000"
        #expect(try await client.send("POST", path + "/rerun", headers: monalisa).status == 201)
        try await Self.advance(client, 3600)
        let run = try #require(try await client.get(path, headers: monalisa).json as? [String: Any])
        #expect(run["run_attempt"] as? Int == 2 && run["conclusion"] as? String == "success")
        #expect((run["triggering_actor"] as? [String: Any])?["login"] as? String == "monalisa")
    }

    @Test func rerunRefusals() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let runID = try await Self.dispatch(client)
        try await Self.advance(client, 60)
        let oldJob = try #require((try await Self.object(client, "/runs/\(runID)/jobs")["jobs"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(try await Self.post(client, "/runs/\(runID)/rerun", "null").status == 201)
        let stillRunning = try await Self.post(client, "/jobs/\(oldJob)/rerun")
        #expect(stillRunning.status == 403 && Self.message(stillRunning) == "Only jobs from the current attempt can be re-run")
        let running = try await Self.post(client, "/runs/\(runID)/rerun")
        #expect(running.status == 403 && Self.message(running) == "This workflow is already running")
        try await Self.advance(client, 60)
        let newJob = try #require((try await Self.object(client, "/runs/\(runID)/jobs")["jobs"] as? [[String: Any]])?.last?["id"] as? Int)
        #expect(try await Self.post(client, "/jobs/\(newJob)/rerun", #"{"enable_debug_logging": true}"#).status == 201)
        let jobRunning = try await Self.post(client, "/jobs/\(newJob + 1)/rerun")
        #expect(jobRunning.status == 403 && Self.message(jobRunning) == "The workflow run containing this job is already running")
        let badBody = try await Self.post(client, "/runs/\(runID)/rerun", #"{"enable_debug_logging": "yes"}"#)
        #expect(badBody.status == 422)

        try await Self.advance(client, 60)
        #expect(try await client.send("PUT", Self.actions + "/workflows/161335/disable", headers: Self.octocat).status == 204)
        let disabled = try await Self.post(client, "/runs/\(runID)/rerun")
        #expect(disabled.status == 403 && Self.message(disabled) == "Unable to retry disabled workflow")
        #expect(try await client.send("PUT", Self.actions + "/workflows/161335/enable", headers: Self.octocat).status == 204)

        try await Self.advance(client, 31 * 24 * 3600)
        let old = try await Self.post(client, "/runs/\(runID)/rerun")
        #expect(old.status == 403 && Self.message(old) == "Unable to retry this workflow run because it was created over a month ago")
        let oldJobRerun = try await Self.post(client, "/jobs/\(newJob + 2)/rerun")
        #expect(Self.message(oldJobRerun) == "Unable to re-run this job because the workflow run was created over a month ago")
    }

    @Test func fiftyAttemptsAreTheMost() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let runID = try await Self.dispatch(client)
        try await Self.advance(client, 60)
        for _ in 2...50 {
            #expect(try await Self.post(client, "/runs/\(runID)/rerun").status == 201)
            try await Self.advance(client, 60)
        }
        let run = try await Self.object(client, "/runs/\(runID)")
        #expect(run["run_attempt"] as? Int == 50 && run["conclusion"] as? String == "success")
        let refused = try await Self.post(client, "/runs/\(runID)/rerun")
        #expect(refused.status == 403 && Self.message(refused) == "This workflow run cannot be retried")
    }

    // MARK: cancel, delete, enable, disable

    @Test func cancelEndsQueuedAndRunningJobs() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let runID = try await Self.dispatch(client)
        try await Self.advance(client, 5)  // build running its second step, deploy queued
        let cancelled = try await Self.post(client, "/runs/\(runID)/cancel")
        #expect(cancelled.status == 202 && cancelled.text == "{}")
        let run = try await Self.object(client, "/runs/\(runID)")
        #expect(run["status"] as? String == "completed" && run["conclusion"] as? String == "cancelled")
        let jobs = try #require(try await Self.object(client, "/runs/\(runID)/jobs")["jobs"] as? [[String: Any]])
        let build = try #require(jobs.first)
        #expect(build["conclusion"] as? String == "cancelled")
        #expect((build["steps"] as? [[String: Any]])?.compactMap { $0["conclusion"] as? String } == ["success", "cancelled", "skipped"])
        let deploy = try #require(jobs.last)
        #expect(deploy["conclusion"] as? String == "cancelled" && (deploy["steps"] as? [Any])?.isEmpty == true)
        #expect(deploy["started_at"] as? String == deploy["completed_at"] as? String)
        // Nothing moves afterwards, and a completed run cannot be cancelled again.
        try await Self.advance(client, 60)
        #expect(try await Self.object(client, "/runs/\(runID)")["conclusion"] as? String == "cancelled")
        let again = try await Self.post(client, "/runs/\(runID)/force-cancel")
        #expect(again.status == 409 && Self.message(again) == "Cannot cancel a workflow run that is completed.")
        // A re-run replays the plan, the cancelled queued job's steps included.
        #expect(try await Self.post(client, "/runs/\(runID)/rerun-failed-jobs").status == 201)
        try await Self.advance(client, 60)
        let rerun = try #require(try await Self.object(client, "/runs/\(runID)/jobs")["jobs"] as? [[String: Any]])
        #expect((rerun.last?["steps"] as? [Any])?.count == 4)
    }

    @Test func deletingARunRemovesItEverywhere() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let runID = try await Self.dispatch(client)
        let running = try await client.send("DELETE", Self.actions + "/runs/\(runID)", headers: Self.octocat)
        #expect(running.status == 403 && Self.message(running) == "Could not delete the workflow run")
        let logsRunning = try await client.send("DELETE", Self.actions + "/runs/\(runID)/logs", headers: Self.octocat)
        #expect(logsRunning.status == 403 && Self.message(logsRunning) == "Unable to delete logs while the workflow is running")
        try await Self.advance(client, 60)
        let jobID = try #require((try await Self.object(client, "/runs/\(runID)/jobs")["jobs"] as? [[String: Any]])?.first?["id"] as? Int)
        let total = try #require(try await Self.object(client, "/runs")["total_count"] as? Int)

        #expect(try await client.get(Self.actions + "/jobs/\(jobID)/logs", headers: Self.octocat).status == 302)
        #expect(try await client.send("DELETE", Self.actions + "/runs/\(runID)/logs", headers: Self.octocat).status == 204)
        #expect(try await client.get(Self.actions + "/jobs/\(jobID)/logs", headers: Self.octocat).status == 404)
        #expect(try await client.get(Self.actions + "/runs/\(runID)/logs", headers: Self.octocat).status == 404)

        let deleted = try await client.send("DELETE", Self.actions + "/runs/\(runID)", headers: Self.octocat)
        #expect(deleted.status == 204 && deleted.body.isEmpty)
        for path in ["/runs/\(runID)", "/runs/\(runID)/attempts/1", "/runs/\(runID)/jobs", "/jobs/\(jobID)"] {
            #expect(try await client.get(Self.actions + path, headers: Self.octocat).status == 404, "\(path)")
        }
        #expect(try await Self.object(client, "/runs")["total_count"] as? Int == total - 1)
        #expect(try await Self.object(client, "/workflows/deploy.yml/runs")["total_count"] as? Int == 0)
    }

    @Test func disableAndEnable() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        for workflow in ["deploy.yml", "ci.yml"] {  // declared, and known only from runs
            let path = Self.actions + "/workflows/\(workflow)"
            #expect(try await client.send("PUT", path + "/disable", headers: Self.octocat).status == 204)
            #expect(try await Self.object(client, "/workflows/\(workflow)")["state"] as? String == "disabled_manually")
            let again = try await client.send("PUT", path + "/disable", headers: Self.octocat)
            #expect(again.status == 403 && Self.message(again) == "Unable to disable a workflow that is not active.")
            #expect(try await client.send("PUT", path + "/enable", headers: Self.octocat).status == 204)
            #expect(try await client.send("PUT", path + "/enable", headers: Self.octocat).status == 204)
            #expect(try await Self.object(client, "/workflows/\(workflow)")["state"] as? String == "active")
        }
        #expect(try await client.send("PUT", Self.actions + "/workflows/nope.yml/enable", headers: Self.octocat).status == 404)
    }

    @Test func runObjectsURLsWorkOnTheEmulatorsHost() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let runID = try await Self.dispatch(client)
        let run = try await Self.object(client, "/runs/\(runID)")
        for key in ["url", "jobs_url", "logs_url", "cancel_url", "rerun_url"] {
            #expect((run[key] as? String)?.hasPrefix(emulator.listeningURL + "/api/v3/") == true, "\(key)")
        }
        let cancelURL = try #require(run["cancel_url"] as? String)
        let cancel = try await client.send("POST", String(cancelURL.dropFirst(emulator.listeningURL.count)), headers: Self.octocat)
        #expect(cancel.status == 202)
        let journal = try #require(try await client.get("/_emulator/requests").json as? [String: Any])
        let entries = try #require(journal["requests"] as? [[String: Any]])
        #expect(entries.contains { $0["method"] as? String == "POST" && ($0["path"] as? String)?.hasSuffix("/cancel") == true })
    }
}
