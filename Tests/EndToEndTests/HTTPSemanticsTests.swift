import ActionsEmulator
import Foundation
import GitHubAPI
import Testing

/// What GitHub Enterprise Server's HTTP does beyond the resources: entity tags and 304s,
/// caching headers, CORS and preflights, security headers, `/meta` and the API versions a
/// release accepts (behaviour.md, "HTTP as GitHub Enterprise Server answers it").
@Suite struct HTTPSemanticsTests {
    let client = DemoEmulator.client
    static let job = "/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496"
    static let list = "/api/v3/repos/octo-org/octo-repo/actions/runs/30433700/jobs?per_page=5&page=2"
    static let token = ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"]

    @Test(arguments: [job, list, "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642", "/api/v3/meta"])
    func everyOKCarriesAWeakTagThatA304Honours(path: String) async throws {
        let first = try await client.get(path)
        let second = try await client.get(path)
        #expect(first.status == 200)
        let tag = try #require(first.header("ETag"))
        #expect(tag.hasPrefix("W/\"") && tag.hasSuffix("\""))
        #expect(second.header("ETag") == tag)
        for condition in [tag, "\"nope\", \(tag)", "*", String(tag.dropFirst(2))] {
            let cached = try await client.get(path, headers: ["If-None-Match": condition])
            #expect(cached.status == 304, "If-None-Match: \(condition)")
            #expect(cached.body.isEmpty)
            #expect(cached.header("ETag") == tag)
            #expect(cached.header("Cache-Control") == "public, max-age=60, s-maxage=60")
        }
        #expect(try await client.get(path, headers: ["If-None-Match": "W/\"stale\""]).status == 200)
    }

    @Test func tagsFollowTheBody() async throws {
        let emulator = try DemoEmulator.start()
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        let path = "/api/v3/repos/octo-org/octo-repo/actions/jobs/400200001"
        let listPath = "/api/v3/repos/octo-org/octo-repo/actions/runs/30433800/jobs"
        let before = try #require(try await client.get(path).header("ETag"))
        let listBefore = try #require(try await client.get(listPath).header("ETag"))
        _ = try await client.send("PATCH", "/_emulator/jobs/400200001", body: #"{"status": "in_progress"}"#)
        let moved = try await client.get(path, headers: ["If-None-Match": before])
        #expect(moved.status == 200)
        #expect(moved.header("ETag") != before)
        let listMoved = try await client.get(listPath, headers: ["If-None-Match": listBefore])
        #expect(listMoved.status == 200 && listMoved.header("ETag") != listBefore)
        // A page that gains a job gets a new tag too.
        let listNow = try #require(listMoved.header("ETag"))
        _ = try await client.send("POST", "/_emulator/seed",
                                  body: #"{"jobs": [{"repository": "octo-org/octo-repo", "id": 400200099, "run_id": 30433800}]}"#)
        let gained = try await client.get(listPath, headers: ["If-None-Match": listNow])
        #expect(gained.status == 200)
        // Pages are cached until the next write: the body, not only its tag, has the new job.
        #expect(String(decoding: gained.body, as: UTF8.self).contains(#""id":400200099"#))
    }

    @Test func authorizedNotModifiedIsFreeAnonymousIsNot() async throws {
        let emulator = try DemoEmulator.start { $0.api.rateLimit.enabled = true }
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        let tag = try #require(try await client.get(Self.job, headers: Self.token).header("ETag"))
        for _ in 0..<3 {
            let cached = try await client.get(Self.job, headers: Self.token.merging(["If-None-Match": tag]) { $1 })
            #expect(cached.status == 304)
            #expect(cached.header("X-RateLimit-Used") == "1")
            #expect(cached.header("X-RateLimit-Remaining") == "4999")
            #expect(cached.header("Cache-Control") == "private, max-age=60, s-maxage=60")
            #expect(cached.header("Vary")?.contains("Authorization") == true)
        }
        _ = try await client.get(Self.job)
        let anonymous = try await client.get(Self.job, headers: ["If-None-Match": tag])
        #expect(anonymous.status == 304)
        #expect(anonymous.header("X-RateLimit-Used") == "2")
    }

    @Test func cachingHeadersDependOnAuthorization() async throws {
        let anonymous = try await client.get(Self.job)
        #expect(anonymous.header("Cache-Control") == "public, max-age=60, s-maxage=60")
        #expect(anonymous.header("Vary")?.hasPrefix("Accept") == true)
        #expect(anonymous.header("Vary")?.contains("Authorization") == false)
        let authorized = try await client.get(Self.job, headers: Self.token)
        #expect(authorized.header("Cache-Control") == "private, max-age=60, s-maxage=60")
        #expect(authorized.header("Vary")?.contains("Accept") == true)
        #expect(authorized.header("Vary")?.contains("Authorization") == true)
    }

    @Test func corsAndSecurityHeadersOnEveryAPIAnswer() async throws {
        let answers = [
            try await client.get(Self.job),
            try await client.get(Self.list, headers: Self.token),
            try await client.get(Self.job, headers: ["Authorization": "Bearer ghp_nope"]),
            try await client.get("/api/v3/nowhere"),
            try await client.get("/api/v3/repos/octo-org/private-repo/actions/jobs/400300001"),
            try await client.get(Self.job, headers: ["X-GitHub-Api-Version": "v3"]),
        ]
        #expect(answers.map(\.status) == [200, 200, 401, 404, 404, 400])
        for response in answers {
            #expect(response.header("Access-Control-Allow-Origin") == "*")
            let exposed = response.header("Access-Control-Expose-Headers")?.components(separatedBy: ", ") ?? []
            for name in ["ETag", "Link", "Location", "Retry-After", "X-RateLimit-Remaining", "X-GitHub-Request-Id"] {
                #expect(exposed.contains(name))
            }
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.header("X-Frame-Options") == "deny")
            #expect(response.header("Content-Security-Policy") == "default-src 'none'")
            #expect(response.header("Referrer-Policy") == "origin-when-cross-origin, strict-origin-when-cross-origin")
            #expect(response.header("X-XSS-Protection") == "0")
            #expect(response.header("Server") == "GitHub.com")
            #expect(response.header("Strict-Transport-Security") == nil)  // plain HTTP
            #expect(response.header("X-GitHub-Enterprise-Version") == "enterprise-server@3.21.0")
        }
        // Only the 401 and the 400 (no version was selected) leave out the version echo.
        #expect(answers.map { $0.header("X-GitHub-Api-Version-Selected") != nil } == [true, true, false, true, true, false])
        let redirect = try await client.get(Self.job + "/logs")
        #expect(redirect.status == 302 && redirect.header("Access-Control-Allow-Origin") == "*")
        let log = try await client.get(try #require(redirect.header("Location")))
        #expect(log.status == 200 && log.header("Access-Control-Allow-Origin") == "*")
    }

    @Test(arguments: [job, "/repos/octo-org/private-repo/actions/jobs/400300001", "/api/v3/nowhere"])
    func preflightsNeedNoAuthentication(path: String) async throws {
        let response = try await client.send("OPTIONS", path, headers: [
            "Origin": "http://example.test", "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization, if-none-match",
            "Authorization": "Bearer ghp_nope",
        ])
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        #expect(response.header("Access-Control-Allow-Origin") == "*")
        #expect(response.header("Access-Control-Allow-Methods") == "GET, POST, PATCH, PUT, DELETE")
        #expect(response.header("Access-Control-Max-Age") == "86400")
        let allowed = response.header("Access-Control-Allow-Headers")?.components(separatedBy: ", ") ?? []
        for name in ["Authorization", "If-None-Match", "X-GitHub-Api-Version", "X-Requested-With", "Content-Type"] {
            #expect(allowed.contains(name))
        }
    }

    @Test func metaReportsTheRelease() async throws {
        for path in ["/api/v3/meta", "/meta"] {
            let response = try await client.get(path)
            #expect(response.status == 200)
            let body = try #require(response.json as? [String: Any])
            #expect(body["installed_version"] as? String == "3.21.0")
            #expect(body["verifiable_password_authentication"] as? Bool == true)
        }
        #expect(try await client.get("/api/v3/meta", headers: ["Authorization": "Bearer ghp_nope"]).status == 401)
    }

    @Test func anOlderReleaseAcceptsOnlyTheOlderAPIVersion() async throws {
        let emulator = try DemoEmulator.start { $0.api.release = GHESRelease(major: 3, minor: 20) }
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        let meta = try await client.get("/api/v3/meta")
        #expect((meta.json as? [String: Any])?["installed_version"] as? String == "3.20.0")
        #expect(meta.header("X-GitHub-Enterprise-Version") == "enterprise-server@3.20.0")
        #expect(try await client.get(Self.job, headers: ["X-GitHub-Api-Version": "2022-11-28"]).status == 200)
        let refused = try await client.get(Self.job, headers: ["X-GitHub-Api-Version": "2026-03-10"])
        #expect(refused.status == 400)
        #expect((refused.json as? [String: Any])?["message"] as? String
            == "The version you specified in the \"X-GitHub-API-Version\" request header, \"2026-03-10\", is not a supported "
            + "version. The following versions are currently supported: \"2022-11-28\" (most recent).")
    }

    @Test func journalAndMetricsShowNotModifiedAndPreflights() async throws {
        let emulator = try DemoEmulator.start()
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        let tag = try #require(try await client.get(Self.job).header("ETag"))
        #expect(try await client.get(Self.job, headers: ["If-None-Match": tag]).status == 304)
        #expect(try await client.send("OPTIONS", Self.job, headers: ["Origin": "http://x", "Access-Control-Request-Method": "GET"])
            .status == 204)
        let journal = try #require(try await client.get("/_emulator/requests").json as? [String: Any])
        let statuses = (journal["requests"] as? [[String: Any]] ?? []).map { "\($0["method"]!) \($0["status"]!)" }
        #expect(statuses.suffix(3) == ["GET 200", "GET 304", "OPTIONS 204"])
        let metrics = try await client.get("/_emulator/metrics").text
        #expect(metrics.contains(#"actions_emulator_requests_total{route="actions/get-job-for-workflow-run",status="304"} 1"#))
        #expect(metrics.contains(#"actions_emulator_requests_total{route="cors/preflight",status="204"} 1"#))
    }
}
