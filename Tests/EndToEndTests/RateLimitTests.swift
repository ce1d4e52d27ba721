import ActionsEmulator
import Foundation
import Testing

/// Rate limiting as GitHub Enterprise Server does it: off and silent by default; when an
/// administrator turns it on, counted per caller, reported and refused as GitHub does.
@Suite struct RateLimitTests {
    static func emulator(enabled: Bool, status: Int = 403) throws -> Emulator {
        try DemoEmulator.start { configuration in
            configuration.api.rateLimit.enabled = enabled
            configuration.api.rateLimit.anonymousLimit = 3
            configuration.api.rateLimit.authenticatedLimit = 5
            configuration.api.rateLimit.status = status
        }
    }

    static let path = "/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496"
    static let token = ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"]

    static func rateLimitHeaders(_ response: HTTPClient.Response) -> [String] {
        response.headers.keys.filter { $0.lowercased().hasPrefix("x-ratelimit-") }.sorted()
    }

    @Test func offByDefaultSaysNothingAndHasNoRateLimitEndpoint() async throws {
        let client = DemoEmulator.client
        for (path, headers, status) in [(Self.path, [:], 200), (Self.path, Self.token, 200),
                                        (Self.path, ["Authorization": "Bearer ghp_nope"], 401),
                                        ("/api/v3/nowhere", [:], 404)] as [(String, [String: String], Int)] {
            let response = try await client.get(path, headers: headers)
            #expect(response.status == status)
            #expect(Self.rateLimitHeaders(response).isEmpty, "\(path): \(Self.rateLimitHeaders(response))")
        }
        for path in ["/api/v3/rate_limit", "/rate_limit"] {
            for headers in [[:], Self.token] {
                let response = try await client.get(path, headers: headers)
                #expect(response.status == 404)
                let body = try #require(response.json as? [String: Any])
                #expect(body["message"] as? String == "Rate limiting is not enabled.")
                #expect((body["documentation_url"] as? String)?.hasPrefix("https://docs.github.com/") == true)
                #expect(Self.rateLimitHeaders(response).isEmpty)
            }
        }
        // The same authentication rules as every route: a bad credential is still a 401.
        #expect(try await client.get("/api/v3/rate_limit", headers: ["Authorization": "Bearer ghp_nope"]).status == 401)
    }

    @Test func enabledLimitRefusesWithResetHeaders() async throws {
        let emulator = try Self.emulator(enabled: true)
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        for expectedRemaining in [2, 1, 0] {
            let response = try await client.get(Self.path)
            #expect(response.status == 200)
            #expect(response.header("X-RateLimit-Remaining") == String(expectedRemaining))
            #expect(response.header("X-RateLimit-Limit") == "3" && response.header("X-RateLimit-Resource") == "core")
        }
        let refused = try await client.get(Self.path)
        #expect(refused.status == 403)
        #expect(refused.header("X-RateLimit-Remaining") == "0")
        #expect(refused.header("X-RateLimit-Used") == "3")
        let reset = try #require(Int(refused.header("X-RateLimit-Reset") ?? ""))
        let retryAfter = try #require(Int(refused.header("Retry-After") ?? ""))
        #expect(retryAfter > 3500 && retryAfter <= 3600)
        #expect(abs(reset - Int(Date().timeIntervalSince1970) - retryAfter) <= 2)
        let body = try #require(refused.json as? [String: Any])
        #expect((body["message"] as? String)?.hasPrefix("API rate limit exceeded for 127.0.0.1.") == true)

        // A token has its own, larger budget.
        #expect(try await client.get(Self.path, headers: Self.token).header("X-RateLimit-Remaining") == "4")

        // The window resets an hour after it began.
        emulator.clock.advance(by: 3601)
        #expect(try await client.get(Self.path).status == 200)
    }

    @Test func statusCanBe429() async throws {
        let emulator = try Self.emulator(enabled: true, status: 429)
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        for _ in 0..<3 { _ = try await client.get(Self.path) }
        #expect(try await client.get(Self.path).status == 429)
    }

    /// Measured on github.com (behaviour.md): a Bad credentials 401 and a path that routes
    /// nowhere carry no rate-limit headers and count against no window.
    @Test func badCredentialsAndUnroutedPathsAreUncounted() async throws {
        let emulator = try Self.emulator(enabled: true)
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        for _ in 0..<5 {
            let unauthorized = try await client.get(Self.path, headers: ["Authorization": "Bearer ghp_nope"])
            #expect(unauthorized.status == 401)
            #expect(Self.rateLimitHeaders(unauthorized).isEmpty)
            #expect(unauthorized.header("X-GitHub-Api-Version-Selected") == nil)
            for header in ["Bearer ghp_nope", "Basic abc", "Bearer ghp_octocatRepoScope000000000000000001"] {
                let unrouted = try await client.get("/api/v3/nowhere", headers: ["Authorization": header])
                #expect(unrouted.status == 404)
                #expect(Self.rateLimitHeaders(unrouted).isEmpty)
            }
            #expect(Self.rateLimitHeaders(try await client.get("/nowhere/at/all")).isEmpty)
        }
        #expect(try await client.get(Self.path).header("X-RateLimit-Used") == "1")
        #expect(try await client.get(Self.path, headers: Self.token).header("X-RateLimit-Used") == "1")
    }

    @Test func rateLimitEndpointReportsWithoutCounting() async throws {
        let emulator = try Self.emulator(enabled: true)
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        _ = try await client.get(Self.path, headers: Self.token)
        for _ in 0..<3 {
            let response = try await client.get("/api/v3/rate_limit", headers: Self.token)
            #expect(response.status == 200)
            #expect(response.header("X-RateLimit-Used") == "1")
            let body = try #require(response.json as? [String: Any])
            let resources = try #require(body["resources"] as? [String: [String: Int]])
            #expect(resources["core"] == ["limit": 5, "used": 1, "remaining": 4, "reset": resources["core"]?["reset"] ?? -1])
            #expect(resources["search"]?["limit"] == 30)
            // 2022-11-28 keeps the deprecated copy of core; 2026-03-10 removed it.
            #expect(body["rate"] as? [String: Int] == resources["core"])
        }
        let versioned = try await client.get("/rate_limit", headers: ["X-GitHub-Api-Version": "2026-03-10"])
        let body = try #require(versioned.json as? [String: Any])
        #expect(body["rate"] == nil && body["resources"] != nil)
        #expect(((body["resources"] as? [String: Any])?["core"] as? [String: Int])?["limit"] == 3)
        #expect(try await client.get(Self.path).header("X-RateLimit-Used") == "1")
    }
}
