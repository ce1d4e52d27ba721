import ActionsEmulator
import Foundation
import Testing
import TestSupport

/// Run lists, workflows and run log archives, as GitHub serves them.
@Suite struct RunListTests {
    static let actions = ScheduledRunTests.actions

    /// An emulator with three more scheduled runs, created a day apart and all completed.
    static func withRuns() async throws -> (Emulator, HTTPClient, [Int]) {
        let emulator = try DemoEmulator.start()
        let client = HTTPClient(baseURL: emulator.listeningURL)
        var ids: [Int] = []
        for (day, body) in [
            #"{"repository": "octo-org/octo-repo", "workflow_name": "Nightly", "head_branch": "main", "event": "schedule", "jobs": [{"name": "a", "steps": [{"name": "s", "seconds": 1}]}]}"#,
            #"{"repository": "octo-org/octo-repo", "workflow_name": "Nightly", "path": ".github/workflows/nightly-build.yml", "head_branch": "dev", "event": "schedule", "actor": "hubot", "jobs": [{"name": "a", "steps": [{"name": "s", "seconds": 1, "conclusion": "failure"}]}]}"#,
            #"{"repository": "octo-org/octo-repo", "workflow_name": "Release", "head_branch": "main", "event": "push", "head_sha": "0123456789abcdef0123456789abcdef01234567", "jobs": [{"name": "a", "steps": [{"name": "s", "seconds": 1}]}]}"#,
        ].enumerated() {
            _ = try await client.send("POST", "/_emulator/clock", body: #"{"now": "2030-01-0\#(day + 1)T12:00:00Z"}"#)
            let created = try await client.send("POST", "/_emulator/runs", body: body)
            ids.append(try #require((created.json as? [String: Any])?["run_id"] as? Int))
        }
        _ = try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 60}"#)
        return (emulator, client, ids)
    }

    static func runIDs(_ client: HTTPClient, _ path: String) async throws -> (total: Int, ids: [Int], link: String?) {
        let response = try await client.get(path)
        #expect(response.status == 200, "\(path): \(response.status) \(response.text)")
        let body = try #require(response.json as? [String: Any])
        let runs = try #require(body["workflow_runs"] as? [[String: Any]])
        return (try #require(body["total_count"] as? Int), runs.compactMap { $0["id"] as? Int }, response.header("Link"))
    }

    @Test func newestFirstWithGitHubsFilters() async throws {
        let (emulator, client, ids) = try await Self.withRuns()
        defer { emulator.stop() }
        let runs = "\(Self.actions)/runs"
        let all = try await Self.runIDs(client, runs)
        #expect(Array(all.ids.prefix(3)) == ids.reversed())
        #expect(all.total == all.ids.count && all.total >= 8)  // the demo's runs, the live one, these three
        #expect(try await Self.runIDs(client, runs + "?status=completed").ids.starts(with: ids.reversed()))
        #expect(try await Self.runIDs(client, runs + "?status=failure").ids.first == ids[1])
        #expect(try await Self.runIDs(client, runs + "?branch=dev").ids == [ids[1]])
        #expect(try await Self.runIDs(client, runs + "?event=schedule").ids == [ids[1], ids[0]])
        #expect(try await Self.runIDs(client, runs + "?actor=HUBOT").ids == [ids[1]])
        #expect(try await Self.runIDs(client, runs + "?head_sha=0123456789abcdef0123456789abcdef01234567").ids == [ids[2]])
        #expect(try await Self.runIDs(client, runs + "?created=2030-01-02").ids == [ids[1]])
        #expect(try await Self.runIDs(client, runs + "?created=>=2030-01-02").ids == [ids[2], ids[1]])
        #expect(try await Self.runIDs(client, runs + "?created=>2030-01-02").ids == [ids[2]])
        #expect(try await Self.runIDs(client, runs + "?created=2030-01-01..2030-01-02").ids == [ids[1], ids[0]])
        #expect(try await Self.runIDs(client, runs + "?created=2030-01-02..*").ids == [ids[2], ids[1]])
        #expect(try await Self.runIDs(client, runs + "?created=<2030-01-02T12:00:00Z").ids.first == ids[0])
        #expect(try await Self.runIDs(client, runs + "?check_suite_id=\(ids[1])").ids == [ids[1]])
        #expect(try await Self.runIDs(client, runs + "?status=&branch=").total == all.total)
        // What no run can match gives an empty list, as GitHub answers an unusable `created`.
        #expect(try await Self.runIDs(client, runs + "?status=done") == (0, [], nil))
        #expect(try await Self.runIDs(client, runs + "?created=yesterday") == (0, [], nil))

        let page = try await Self.runIDs(client, runs + "?per_page=2&page=2")
        #expect(page.ids == Array(all.ids[2..<4]) && page.total == all.total)
        let link = try #require(page.link)
        #expect(link.contains(#"\#(emulator.listeningURL)\#(runs)?per_page=2&page=1>; rel="prev""#))
        #expect(link.contains(#"rel="next""#) && link.contains(#"rel="first""#) && link.contains(#"rel="last""#))
    }

    @Test func workflowsAndTheirRuns() async throws {
        let (emulator, client, ids) = try await Self.withRuns()
        defer { emulator.stop() }
        let listed = try await ScheduledRunTests.object(client, "\(Self.actions)/workflows")
        let workflows = try #require(listed["workflows"] as? [[String: Any]])
        #expect(listed["total_count"] as? Int == workflows.count)
        let nightly = try #require(workflows.first { $0["name"] as? String == "Nightly" })
        #expect(nightly["path"] as? String == ".github/workflows/nightly-build.yml" && nightly["state"] as? String == "active")
        let id = try #require(nightly["id"] as? Int)
        // The demo seed has a Nightly run of its own, older than these.
        let nightlyRuns = try await Self.runIDs(client, "\(Self.actions)/workflows/\(id)/runs").ids
        #expect(nightlyRuns.prefix(2) == [ids[1], ids[0]] && !nightlyRuns.contains(ids[2]))
        #expect(try await Self.runIDs(client, "\(Self.actions)/workflows/nightly-build.yml/runs?branch=dev").ids == [ids[1]])
        #expect(try await ScheduledRunTests.object(client, "\(Self.actions)/workflows/nightly-build.yml")["id"] as? Int == id)
        #expect(try await client.get("\(Self.actions)/workflows/none.yml/runs").status == 404)
        let run = try await ScheduledRunTests.object(client, "\(Self.actions)/runs/\(ids[1])")
        #expect(run["workflow_id"] as? Int == id && run["path"] as? String == ".github/workflows/nightly-build.yml")
    }

    @Test func listsFollowVisibility() async throws {
        let client = DemoEmulator.client
        let path = "/api/v3/repos/octo-org/private-repo/actions/runs"
        #expect(try await client.get(path).status == 404)
        #expect(try await client.get("/api/v3/repos/octo-org/private-repo/actions/workflows").status == 404)
        let token = ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"]
        #expect(try await client.get(path, headers: token).status == 200)
        let forbidden = ["Authorization": "Bearer github_pat_octocatNoActions_00000000007"]
        #expect(try await client.get(path, headers: forbidden).status == 403)
    }

    @Test func runLogsAreAZipAsGitHubLaysItOut() async throws {
        let (emulator, client, created) = try await ScheduledRunTests.started()
        defer { emulator.stop() }
        let runID = try #require(created["run_id"] as? Int)
        // Nothing has a log before a job completes.
        #expect(try await client.get("\(Self.actions)/runs/\(runID)/logs").status == 404)
        try await ScheduledRunTests.advance(client, 100)
        for path in ["\(Self.actions)/runs/\(runID)/logs", "\(Self.actions)/runs/\(runID)/attempts/1/logs"] {
            let redirect = try await client.get(path)
            #expect(redirect.status == 302)
            let location = try #require(redirect.header("Location"))
            #expect(location.hasPrefix("\(emulator.listeningURL)/_logs/runs/\(runID)/attempts/1?expires="))
            let archive = try await client.get(location)
            #expect(archive.status == 200 && archive.header("Content-Type") == "application/zip")
            let entries = try ZipReading.entries(archive.body)
            #expect(entries.keys.sorted() == ["0_build.txt", "1_lint.txt", "build/1_Set up job.txt", "build/2_Run tests.txt",
                                              "build/3_Deploy.txt", "lint/1_Lint.txt"])
            #expect(entries["build/2_Run tests.txt"]?.contains("FAIL test_y") == true)
            #expect(entries["lint/1_Lint.txt"]?.contains("clean") == true)
        }
        #expect(try await client.get("\(Self.actions)/runs/\(runID)/attempts/2/logs").status == 404)
        #expect(try await client.get("\(Self.actions)/runs/999/logs").status == 404)
        let annotations = try await client.get("\(Self.actions.replacingOccurrences(of: "/actions", with: ""))/check-runs/\(try #require((created["job_ids"] as? [Int])?.first))/annotations")
        #expect(annotations.status == 200 && annotations.text == "[]")
    }
}
