import ActionsEmulator
import Foundation
import Testing

/// `/logs` URLs: signed, good for 60 seconds of the emulator's clock, any number of fetches.
@Suite struct SignedLogTests {
    static let logs = "/api/v3/repos/octo-org/octo-repo/actions/jobs/400000012/logs"

    static func start(key: String? = nil) throws -> (Emulator, HTTPClient) {
        let emulator = try DemoEmulator.start { $0.api.logKey = key.map { Array($0.utf8) } }
        return (emulator, HTTPClient(baseURL: emulator.listeningURL))
    }

    static func location(_ client: HTTPClient, _ path: String = logs, headers: [String: String] = [:]) async throws -> String {
        let redirect = try await client.get(path, headers: headers)
        #expect(redirect.status == 302)
        return try #require(redirect.header("Location"))
    }

    @Test func worksRepeatedlyWithoutATokenUntilItExpires() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        _ = try await client.send("POST", "/_emulator/clock", body: #"{"now": "2030-01-01T00:00:00Z"}"#)
        let url = try await Self.location(client)
        #expect(url.contains("expires=") && url.contains("signature="))
        for _ in 0..<3 { #expect(try await client.get(url).status == 200) }

        _ = try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 59}"#)
        #expect(try await client.get(url).status == 200)
        _ = try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 2}"#)
        let expired = try await client.get(url)
        #expect(expired.status == 403)
        #expect(expired.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(expired.text.contains("expired"))
    }

    @Test func tamperedTruncatedAndForeignURLsAreRefused() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let url = try await Self.location(client)
        let components = try #require(URLComponents(string: url))
        let expires = try #require(components.queryItems?.first { $0.name == "expires" }?.value)
        let signature = try #require(components.queryItems?.first { $0.name == "signature" }?.value)
        let flipped = String(signature.dropLast()) + (signature.last == "0" ? "1" : "0")
        let base = url.components(separatedBy: "?")[0]
        let otherJob = base.replacingOccurrences(of: "400000012", with: "400000011")
        let tampered = [
            "\(base)?expires=\(expires)&signature=\(flipped)",
            "\(base)?expires=\(Int(expires)! + 3600)&signature=\(signature)",
            "\(otherJob)?expires=\(expires)&signature=\(signature)",
            "\(base)?expires=\(expires)",
            "\(base)?expires=\(expires)&signature=\(signature.dropLast(2))",
            base,
        ]
        for candidate in tampered {
            #expect(try await client.get(candidate).status == 403, "\(candidate)")
        }

        let (other, otherClient) = try Self.start(key: "another key")
        defer { other.stop() }
        let foreign = try await Self.location(otherClient)
        let replayed = emulator.listeningURL + "/" + foreign.components(separatedBy: "/").dropFirst(3).joined(separator: "/")
        #expect(try await client.get(replayed).status == 403)
    }

    @Test func theRedirectFollowsTheAuthRulesButTheURLNeedsNoToken() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let privateLogs = "/api/v3/repos/octo-org/private-repo/actions/jobs/400300001/logs"
        #expect(try await client.get(privateLogs).status == 404)
        let url = try await Self.location(client, privateLogs, headers: ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"])
        #expect(try await client.get(url).status == 200)
    }

    @Test func aMultiMegabyteLogIsStreamedWhole() async throws {
        let (emulator, client) = try Self.start()
        defer { emulator.stop() }
        let line = "2026-01-01T00:00:00.0000000Z " + String(repeating: "x", count: 70) + "\n"
        let log = String(repeating: line, count: 40_000) + "é end\n"  // ~4 MB, multi-byte at the end
        var seed = #"{"jobs": [{"repository": "octo-org/octo-repo", "id": 77, "run_id": 78, "status": "completed", "conclusion": "success", "log": "#
        seed += String(decoding: try JSONEncoder().encode(log), as: UTF8.self) + "}]}"
        #expect(try await client.send("POST", "/_emulator/seed", body: seed).status == 200)
        let url = try await Self.location(client, "/api/v3/repos/octo-org/octo-repo/actions/jobs/77/logs")
        let response = try await client.get(url)
        #expect(response.status == 200)
        #expect(response.header("Content-Length") == String(log.utf8.count))
        #expect(response.body == Data(log.utf8))
    }
}
