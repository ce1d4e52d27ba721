import ActionsEmulator
import Foundation
import Testing

/// Rate limits counted per caller and, when enforcement is configured, refused as GitHub does.
@Suite struct RateLimitTests {
    static func emulator(enforced: Bool, status: Int = 403) throws -> Emulator {
        try DemoEmulator.start { configuration in
            configuration.rateLimit.enforced = enforced
            configuration.rateLimit.anonymousLimit = 3
            configuration.rateLimit.authenticatedLimit = 5
            configuration.rateLimit.status = status
        }
    }

    static let path = "/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496"

    @Test func enforcedLimitRefusesWithResetHeaders() async throws {
        let emulator = try Self.emulator(enforced: true)
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        for expectedRemaining in [2, 1, 0] {
            let response = try await client.get(Self.path)
            #expect(response.status == 200)
            #expect(response.header("X-RateLimit-Remaining") == String(expectedRemaining))
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
        let token = ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"]
        #expect(try await client.get(Self.path, headers: token).header("X-RateLimit-Remaining") == "4")

        // The window resets an hour after it began.
        emulator.clock.advance(by: 3601)
        #expect(try await client.get(Self.path).status == 200)
    }

    @Test func statusCanBe429() async throws {
        let emulator = try Self.emulator(enforced: true, status: 429)
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        for _ in 0..<3 { _ = try await client.get(Self.path) }
        #expect(try await client.get(Self.path).status == 429)
    }

    @Test func offByDefaultButStillCounted() async throws {
        let emulator = try Self.emulator(enforced: false)
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        var last: HTTPClient.Response?
        for _ in 0..<5 { last = try await client.get(Self.path) }
        #expect(last?.status == 200)
        #expect(last?.header("X-RateLimit-Remaining") == "0")
        #expect(last?.header("X-RateLimit-Used") == "5")
    }
}
