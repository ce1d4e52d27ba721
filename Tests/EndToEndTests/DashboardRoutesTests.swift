import ActionsEmulator
import Foundation
import Testing

/// The routes the dashboard stands on: its page and files, the administrator's view of the
/// API, and what the control API adds for it. The page itself is tested in a browser
/// (Tests/clients/test_dashboard.py).
@Suite struct DashboardRoutesTests {
    static let html = ["Accept": "text/html,application/xhtml+xml"]

    @Test func theDashboardForBrowsersTheIndexForEveryoneElse() async throws {
        let client = DemoEmulator.client
        for path in ["/_emulator/", "/_emulator"] {
            let page = try await client.get(path, headers: Self.html)
            #expect(page.status == 200 && page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.text.contains("<title>actions-emulator</title>"))
            #expect(page.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
        }
        let index = try await client.get("/_emulator/")
        #expect(index.status == 200 && (index.json as? [String: Any])?["dashboard"] != nil)
        for (file, type) in [("main.js", "text/javascript; charset=utf-8"), ("dashboard.css", "text/css; charset=utf-8"),
                             ("favicon.svg", "image/svg+xml")] {
            let asset = try await client.get("/_emulator/ui/\(file)")
            #expect(asset.status == 200 && asset.header("Content-Type") == type && !asset.body.isEmpty)
        }
        #expect(try await client.get("/_emulator/ui/nothing.js").status == 404)
    }

    @Test func withATokenThePageLoadsButEveryReadNeedsIt() async throws {
        let (emulator, client) = try ControlAPITests.start(adminToken: "s3cret")
        defer { emulator.stop() }
        #expect(try await client.get("/_emulator/", headers: Self.html).status == 200)
        #expect(try await client.get("/_emulator/ui/main.js").status == 200)
        for path in ["/_emulator/repositories", "/_emulator/api/repos/octo-org/octo-repo/actions/runs", "/_emulator/templates",
                     "/_emulator/jobs/399444496/log", "/_emulator/requests"] {
            #expect(try await client.get(path).status == 401, "\(path)")
            #expect(try await client.get(path, headers: ["Authorization": "Bearer s3cret"]).status == 200, "\(path)")
        }
    }

    @Test func theAdministratorsViewReadsPrivateRepositoriesAndLeavesNoTrace() async throws {
        let (emulator, client) = try ControlAPITests.start()
        defer { emulator.stop() }
        let runs = try await client.get("/_emulator/api/repos/octo-org/private-repo/actions/runs")
        #expect(runs.status == 200 && ((runs.json as? [String: Any])?["total_count"] as? Int ?? 0) >= 1)
        let job = try await client.get("/_emulator/api/repos/octo-org/private-repo/actions/jobs/400300001")
        let tag = try #require(job.header("ETag"))
        let again = try await client.get("/_emulator/api/repos/octo-org/private-repo/actions/jobs/400300001",
                                         headers: ["If-None-Match": tag])
        #expect(again.status == 304)
        // Writes go through GitHub's routes too, with their answers (a completed run is a 409).
        let cancel = try await client.send("POST", "/_emulator/api/repos/octo-org/private-repo/actions/runs/30434000/cancel")
        #expect(cancel.status == 409)
        #expect(try await client.send("POST", "/_emulator/api/repos/octo-org/octo-repo/actions/runs").status == 404)
        // Clients see none of it in the journal or the metrics.
        let journal = try #require(try await client.get("/_emulator/requests").json as? [String: Any])
        #expect((journal["requests"] as? [Any])?.isEmpty == true)
        #expect(!(try await client.get("/_emulator/metrics").text.contains("actions/get-job-for-workflow-run")))
    }

    @Test func whatTheControlAPIAddsForTheDashboard() async throws {
        let (emulator, client) = try ControlAPITests.start()
        defer { emulator.stop() }
        let repositories = try #require(try await client.get("/_emulator/repositories").json as? [String: Any])
        let names = (repositories["repositories"] as? [[String: Any]] ?? []).map { "\($0["owner"]!)/\($0["name"]!)" }
        #expect(names == ["octo-org/internal-tools", "octo-org/octo-repo", "octo-org/private-repo", "other-org/other-repo"])
        let log = try await client.get("/_emulator/jobs/400000012/log")
        #expect(log.status == 200 && log.text.contains("FAIL test_retry_backoff"))
        #expect(try await client.get("/_emulator/jobs/400200001/log").status == 404)  // queued: no log
        let templates = try #require(try await client.get("/_emulator/templates").json as? [String: Any])
        let first = try #require((templates["templates"] as? [[String: Any]])?.first)
        #expect((first["title"] as? String)?.contains("05-live-run.json") == true)
        // A template starts as it is.
        let body = try JSONSerialization.data(withJSONObject: try #require(first["run"]))
        #expect(try await client.send("POST", "/_emulator/runs", body: String(decoding: body, as: UTF8.self)).status == 201)
        // Control GETs answer If-None-Match (the clock frozen, so its answer stands still).
        _ = try await client.send("POST", "/_emulator/clock", body: #"{"now": "2030-01-01T00:00:00Z"}"#)
        let clock = try await client.get("/_emulator/clock")
        let tag = try #require(clock.header("ETag"))
        #expect(try await client.get("/_emulator/clock", headers: ["If-None-Match": tag]).status == 304)
        for _ in 0..<3 { _ = try await client.get("/api/v3/nowhere") }
        let limited = try #require(try await client.get("/_emulator/requests?limit=2").json as? [String: Any])
        #expect((limited["requests"] as? [Any])?.count == 2)
    }
}
