import ActionsEmulator
import Foundation
import Hashing
import HTTPServer
import Store
import Testing

/// Webhooks (webhooks.md): hooks through GitHub's routes with its admin rules, and
/// `workflow_job`/`workflow_run` deliveries as runs move, signed, in order, each payload as the
/// job was at that instant; failures recorded and redelivered with the same GUID.
@Suite struct WebhookTests {
    static let admin = ["Authorization": "token ghp_octocatRepoScope000000000000000001"]
    static let hooks = "/api/v3/repos/octo-org/octo-repo/hooks"
    static let run = #"""
        {"repository": "octo-org/octo-repo", "workflow_name": "CI", "actor": "octocat",
         "jobs": [{"name": "build", "queued_seconds": 2, "steps": [{"name": "Compile", "seconds": 3}]},
                  {"name": "test", "queued_seconds": 4, "steps": [{"name": "Unit", "seconds": 5, "conclusion": "failure"}]}]}
        """#

    /// An emulator on a frozen clock with a receiver's hook on octo-org/octo-repo.
    static func start(contentType: String = "json", secret: String? = "It's a Secret to Everybody")
        async throws -> (Emulator, HTTPClient, WebhookReceiver, Int) {
        let emulator = try DemoEmulator.start()
        let receiver = try WebhookReceiver()
        let client = HTTPClient(baseURL: emulator.listeningURL)
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"now": "2030-01-01T00:00:00Z"}"#).status == 200)
        let secretMember = secret.map { #", "secret": "\#($0)""# } ?? ""
        let created = try await client.send("POST", hooks, body: #"""
            {"config": {"url": "\#(receiver.url)", "content_type": "\#(contentType)"\#(secretMember)},
             "events": ["workflow_job", "workflow_run"]}
            """#, headers: admin)
        #expect(created.status == 201)
        let id = try #require((created.json as? [String: Any])?["id"] as? Int)
        // The ping comes first, with the hook as the API answers it.
        let ping = try await receiver.waitFor(1)
        #expect(WebhookReceiver.events(ping) == ["ping"])
        let hook = try #require(WebhookReceiver.payload(ping[0])["hook"] as? [String: Any])
        let answered = try #require(created.json as? [String: Any])
        for key in ["url", "ping_url", "test_url", "deliveries_url"] {
            #expect(hook[key] as? String == answered[key] as? String, "\(key)")
        }
        return (emulator, client, receiver, id)
    }

    @Test func aRunsMovesArriveInOrderAsEachWasThen() async throws {
        let (emulator, client, receiver, hookID) = try await Self.start()
        defer { emulator.stop(); receiver.stop() }
        #expect(try await client.send("POST", "/_emulator/runs", body: Self.run).status == 201)
        // Everything passed over by one jump of the clock is told, in order.
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 60}"#).status == 200)
        let requests = Array(try await receiver.waitFor(10).dropFirst())
        #expect(WebhookReceiver.events(requests) == [
            "workflow_run.requested", "workflow_job.queued", "workflow_job.queued",
            "workflow_job.in_progress", "workflow_run.in_progress", "workflow_job.in_progress",
            "workflow_job.completed", "workflow_job.completed", "workflow_run.completed",
        ])
        let payloads = requests.map(WebhookReceiver.payload)
        let queued = try #require(payloads[1]["workflow_job"] as? [String: Any])
        #expect(queued["status"] as? String == "queued" && (queued["steps"] as? [Any])?.isEmpty == true)
        #expect(queued["runner_name"] is NSNull)
        let started = try #require(payloads[3]["workflow_job"] as? [String: Any])
        #expect(started["status"] as? String == "in_progress" && started["started_at"] as? String == "2030-01-01T00:00:02Z")
        #expect((started["steps"] as? [[String: Any]])?.first?["status"] as? String == "in_progress")
        let failed = try #require(payloads[7]["workflow_job"] as? [String: Any])
        #expect(failed["name"] as? String == "test" && failed["conclusion"] as? String == "failure")
        #expect(failed["completed_at"] as? String == "2030-01-01T00:00:09Z")
        let run = try #require(payloads[8]["workflow_run"] as? [String: Any])
        #expect(run["status"] as? String == "completed" && run["conclusion"] as? String == "failure")
        #expect((payloads[8]["workflow"] as? [String: Any])?["name"] as? String == "CI")
        #expect((payloads[8]["sender"] as? [String: Any])?["login"] as? String == "octocat")
        #expect((payloads[8]["repository"] as? [String: Any])?["full_name"] as? String == "octo-org/octo-repo")

        // Headers as GHES sends them, signed over the exact bytes.
        let request = requests[0]
        #expect(request.method == "POST" && request.headers["Content-Type"] == "application/json")
        #expect(request.headers["X-GitHub-Hook-ID"] == String(hookID))
        #expect(request.headers["X-GitHub-Hook-Installation-Target-Type"] == "repository")
        #expect(request.headers["User-Agent"]?.hasPrefix("GitHub-Hookshot/") == true)
        #expect(request.headers["X-GitHub-Enterprise-Version"] == "3.21.0")
        let key = HMACKey(Array("It's a Secret to Everybody".utf8))
        for request in requests {
            #expect(request.headers["X-Hub-Signature-256"] == "sha256=" + Hex.encode(key.authenticationCode(for: request.body)))
            #expect(request.headers["X-Hub-Signature"] == "sha1=" + Hex.encode(key.sha1AuthenticationCode(for: request.body)))
        }
        #expect(Set(requests.compactMap { $0.headers["X-GitHub-Delivery"] }).count == requests.count)
    }

    @Test func cancelAndRerunAreToldToo() async throws {
        let (emulator, client, receiver, _) = try await Self.start()
        defer { emulator.stop(); receiver.stop() }
        let started = try #require(try await client.send("POST", "/_emulator/runs", body: Self.run).json as? [String: Any])
        let runID = try #require(started["run_id"] as? Int)
        let runPath = "/api/v3/repos/octo-org/octo-repo/actions/runs/\(runID)"
        #expect(try await client.send("POST", "\(runPath)/cancel", headers: Self.admin).status == 202)
        let cancelled = Array(try await receiver.waitFor(7).dropFirst().prefix(6))
        #expect(WebhookReceiver.events(cancelled) == [
            "workflow_run.requested", "workflow_job.queued", "workflow_job.queued",
            "workflow_job.completed", "workflow_job.completed", "workflow_run.completed",
        ])
        // A job cancelled before it started: no steps, started_at == completed_at.
        let job = try #require(WebhookReceiver.payload(cancelled[3])["workflow_job"] as? [String: Any])
        #expect(job["conclusion"] as? String == "cancelled" && (job["steps"] as? [Any])?.isEmpty == true)
        #expect(job["started_at"] as? String == job["completed_at"] as? String)
        #expect((WebhookReceiver.payload(cancelled[5])["workflow_run"] as? [String: Any])?["conclusion"] as? String == "cancelled")

        #expect(try await client.send("POST", "\(runPath)/rerun", headers: Self.admin).status == 201)
        let rerun = Array(try await receiver.waitFor(10).dropFirst(7).prefix(3))
        #expect(WebhookReceiver.events(rerun) == ["workflow_run.requested", "workflow_job.queued", "workflow_job.queued"])
        #expect((WebhookReceiver.payload(rerun[0])["workflow_run"] as? [String: Any])?["run_attempt"] as? Int == 2)
    }

    @Test func aFailedDeliveryIsRecordedAndRedeliveredWithItsGUID() async throws {
        let (emulator, client, receiver, hookID) = try await Self.start(contentType: "form", secret: nil)
        defer { emulator.stop(); receiver.stop() }
        receiver.answer(with: 500)
        #expect(try await client.send("POST", "\(Self.hooks)/\(hookID)/pings", headers: Self.admin).status == 204)
        let failed = try await receiver.waitFor(2)[1]
        #expect(failed.headers["X-Hub-Signature-256"] == nil && failed.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(WebhookReceiver.payload(failed)["hook_id"] as? Int == hookID)

        let deliveries = "\(Self.hooks)/\(hookID)/deliveries"
        var listed: [[String: Any]] = []
        for _ in 0..<100 {
            listed = try await client.get(deliveries, headers: Self.admin).json as? [[String: Any]] ?? []
            if listed.first?["status_code"] as? Int == 500 { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let newest = try #require(listed.first)
        #expect(newest["status"] as? String == "Invalid HTTP Response: 500" && newest["redelivery"] as? Bool == false)
        let id = try #require(newest["id"] as? Int)
        let detail = try #require(try await client.get("\(deliveries)/\(id)", headers: Self.admin).json as? [String: Any])
        #expect(((detail["request"] as? [String: Any])?["payload"] as? [String: Any])?["hook_id"] as? Int == hookID)
        #expect((detail["response"] as? [String: Any])?["payload"] as? String == "thanks")
        let hook = try await client.get("\(Self.hooks)/\(hookID)", headers: Self.admin).json as? [String: Any]
        #expect((hook?["last_response"] as? [String: Any])?["code"] as? Int == 500)

        receiver.answer(with: 200)
        #expect(try await client.send("POST", "\(deliveries)/\(id)/attempts", headers: Self.admin).status == 202)
        let again = try await receiver.waitFor(3)[2]
        #expect(again.headers["X-GitHub-Delivery"] == failed.headers["X-GitHub-Delivery"])
        #expect(again.body == failed.body)
    }

    @Test func hooksFollowGitHubsRulesForWhoMayManageThem() async throws {
        let emulator = try DemoEmulator.start()
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        let body = #"{"config": {"url": "http://127.0.0.1:9/hook", "secret": "s3cret"}}"#
        #expect(try await client.send("POST", Self.hooks, body: body).status == 401)
        // hubot reads octo-repo but administers nothing: the hooks are as absent as a missing repository.
        #expect(try await client.send("POST", Self.hooks, body: body,
                                      headers: ["Authorization": "token ghp_hubotRepoScope00000000000000000003"]).status == 404)
        let noScope = try await client.send("GET", Self.hooks, headers: ["Authorization": "token ghp_octocatNoRepoScope0000000000000002"])
        #expect(noScope.status == 403 && noScope.header("X-Accepted-OAuth-Scopes") != nil)
        #expect(try await client.send("POST", "/api/v3/repos/octo-org/nope/hooks", body: body, headers: Self.admin).status == 404)
        let invalid = try await client.send("POST", Self.hooks, body: #"{"config": {"content_type": "json"}}"#, headers: Self.admin)
        #expect(invalid.status == 422)
        // A space left unencoded: GHES's own words (from GHES 2.17, for a quote: tektoncd/experimental#387).
        let unencoded = try await client.send("POST", Self.hooks, body: #"{"config": {"url": "http://127.0.0.1:9/my hook"}}"#,
                                              headers: Self.admin)
        let errors = (unencoded.json as? [String: Any])?["errors"] as? [[String: Any]]
        #expect(unencoded.status == 422 && errors?.first?["code"] as? String == "custom")
        #expect(errors?.first?["message"] as? String == HookURL.invalidMessage)

        let created = try await client.send("POST", Self.hooks, body: body, headers: Self.admin)
        #expect(created.status == 201)
        let hook = try #require(created.json as? [String: Any])
        let id = try #require(hook["id"] as? Int)
        #expect(created.header("Location") == hook["url"] as? String)
        #expect(hook["events"] as? [String] == ["push"] && hook["active"] as? Bool == true)
        let config = try #require(hook["config"] as? [String: Any])
        #expect(config["secret"] as? String == "********" && config["content_type"] as? String == "form")
        #expect(config["insecure_ssl"] as? String == "0")
        #expect(!String(decoding: created.body, as: UTF8.self).contains("s3cret"))

        let patched = try await client.send("PATCH", "\(Self.hooks)/\(id)",
                                            body: #"{"add_events": ["workflow_job", "workflow_run"], "remove_events": ["push"]}"#,
                                            headers: Self.admin)
        #expect((patched.json as? [String: Any])?["events"] as? [String] == ["workflow_job", "workflow_run"])
        let newConfig = try await client.send("PATCH", "\(Self.hooks)/\(id)/config", body: #"{"content_type": "json"}"#,
                                              headers: Self.admin)
        #expect((newConfig.json as? [String: Any])?["content_type"] as? String == "json")
        let list = try await client.get(Self.hooks, headers: Self.admin).json as? [[String: Any]]
        #expect(list?.map { $0["id"] as? Int } == [id])
        #expect(try await client.send("DELETE", "\(Self.hooks)/\(id)", headers: Self.admin).status == 204)
        #expect(try await client.get("\(Self.hooks)/\(id)", headers: Self.admin).status == 404)
    }

    @Test func aRepositoryHas250HooksForAnEventAtMostAsOnGHES() async throws {
        let emulator = try DemoEmulator.start()
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        let body = #"{"config": {"url": "http://127.0.0.1:9/hook"}, "events": ["workflow_job"]}"#
        for _ in 0..<250 {
            #expect(try await client.send("POST", Self.hooks, body: body, headers: Self.admin).status == 201)
        }
        let refused = try await client.send("POST", Self.hooks, body: body, headers: Self.admin)
        #expect(refused.status == 422)
        let error = try #require((refused.json as? [String: Any])?["errors"] as? [[String: Any]])
        #expect(error.first?["code"] as? String == "custom" && error.first?["field"] == nil)
        #expect(error.first?["message"] as? String == #"The "workflow_job" event cannot have more than 250 hooks"#)
        // A hook that has the event already may still be edited.
        #expect(try await client.send("PATCH", "\(Self.hooks)/1", body: #"{"active": false}"#, headers: Self.admin).status == 200)
        #expect(try await client.send("PATCH", "\(Self.hooks)/1/config", body: #"{"content_type": "json"}"#,
                                      headers: Self.admin).status == 200)
        // Another event has room; adding the full one to it is refused the same way, and changes nothing.
        let other = try await client.send("POST", Self.hooks, body: #"{"config": {"url": "http://127.0.0.1:9/"}, "events": ["workflow_run"]}"#,
                                          headers: Self.admin)
        let id = try #require((other.json as? [String: Any])?["id"] as? Int)
        #expect(try await client.send("PATCH", "\(Self.hooks)/\(id)", body: #"{"add_events": ["workflow_job"]}"#,
                                      headers: Self.admin).status == 422)
        #expect((try await client.get("\(Self.hooks)/\(id)", headers: Self.admin).json as? [String: Any])?["events"] as? [String]
                == ["workflow_run"])
        // Another repository is another target, with 250 of its own.
        #expect(try await client.send("POST", "/api/v3/repos/octo-org/private-repo/hooks", body: body, headers: Self.admin).status == 201)
    }

    @Test func organizationHooksAndAppWebhooksReceiveTheirRepositoriesMoves() async throws {
        let emulator = try DemoEmulator.start()
        defer { emulator.stop() }
        let organization = try WebhookReceiver(), app = try WebhookReceiver()
        defer { organization.stop(); app.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"now": "2030-01-01T00:00:00Z"}"#).status == 200)
        // The demo app, given a webhook by a seed posted at run time.
        let demo = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: DemoEmulator.packageRoot
            + "/seed-data/07-apps.json"))) as! [String: Any]
        var appEntry = (demo["apps"] as! [[String: Any]])[0]
        appEntry["webhook"] = ["url": app.url, "secret": "app-secret"]
        appEntry["events"] = ["workflow_run"]
        let seed = try JSONSerialization.data(withJSONObject: ["apps": [appEntry]])
        #expect(try await client.send("POST", "/_emulator/seed", body: String(decoding: seed, as: UTF8.self)).status == 200)
        let orgHooks = "/api/v3/orgs/octo-org/hooks"
        #expect(try await client.send("POST", orgHooks, body: #"{"config": {"url": "x"}}"#,
                                      headers: ["Authorization": "token ghp_hubotRepoScope00000000000000000003"]).status == 404)
        // octocat administers octo-org, but a repo-scoped token cannot manage its hooks.
        #expect(try await client.send("GET", orgHooks, headers: Self.admin).status == 403)
        let orgToken = try await Self.classicToken(client, scopes: ["admin:org_hook"])
        let orgAdmin = ["Authorization": "Bearer \(orgToken)"]
        let created = try await client.send("POST", orgHooks, body: #"""
            {"config": {"url": "\#(organization.url)", "content_type": "json"}, "events": ["*"]}
            """#, headers: orgAdmin)
        #expect(created.status == 201 && (created.json as? [String: Any])?["type"] as? String == "Organization")
        _ = try await organization.waitFor(1)

        #expect(try await client.send("POST", "/_emulator/runs", body: Self.run).status == 201)
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 60}"#).status == 200)
        let toOrganization = Array(try await organization.waitFor(10).dropFirst())
        #expect(toOrganization.count == 9 && toOrganization[0].headers["X-GitHub-Hook-Installation-Target-Type"] == "organization")
        let toApp = try await app.waitFor(3)
        #expect(WebhookReceiver.events(toApp) == ["workflow_run.requested", "workflow_run.in_progress", "workflow_run.completed"])
        #expect(toApp[0].headers["X-GitHub-Hook-Installation-Target-Type"] == "integration")
        #expect(toApp[0].headers["X-GitHub-Hook-Installation-Target-ID"] == "1001")
        #expect((WebhookReceiver.payload(toApp[0])["installation"] as? [String: Any])?["id"] as? Int == 5001)
        #expect(WebhookReceiver.payload(toOrganization[0])["installation"] == nil)
    }

    @Test func aDuplicateFaultSendsEachDeliveryTwiceWithItsGUID() async throws {
        let (emulator, client, receiver, hookID) = try await Self.start()
        defer { emulator.stop(); receiver.stop() }
        #expect(try await client.send("POST", "/_emulator/deliveries/faults", body: #"{"duplicate": true}"#).status == 200)
        #expect(try await client.send("POST", "\(Self.hooks)/\(hookID)/pings", headers: Self.admin).status == 204)
        let pings = Array(try await receiver.waitFor(3).dropFirst())
        #expect(pings.count == 2 && pings[0].headers["X-GitHub-Delivery"] == pings[1].headers["X-GitHub-Delivery"])
        #expect(try await client.send("DELETE", "/_emulator/deliveries/faults").status == 204)
        let listed = try await client.get("/_emulator/deliveries?hook_id=\(hookID)").json as? [String: Any]
        #expect((listed?["deliveries"] as? [[String: Any]])?.count == 3)
    }

    /// A classic token for octocat with `scopes`, seeded at run time.
    static func classicToken(_ client: HTTPClient, scopes: [String]) async throws -> String {
        let token = "ghp_octocatOrgHooks" + String(repeating: "0", count: 21)
        let seed = try JSONSerialization.data(withJSONObject: ["tokens": [["token": token, "kind": "classic", "user": "octocat",
                                                                         "scopes": scopes]]])
        #expect(try await client.send("POST", "/_emulator/seed", body: String(decoding: seed, as: UTF8.self)).status == 200)
        return token
    }
}
