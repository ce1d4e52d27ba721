import Foundation
import Testing

/// `/logs` redirects to a plain-text log on the emulator itself.
@Suite struct LogsTests {
    let client = DemoEmulator.client

    @Test func seededLogIsServedVerbatim() async throws {
        let redirect = try await client.get("/api/v3/repos/octo-org/octo-repo/actions/jobs/400000012/logs")
        #expect(redirect.status == 302)
        let location = try #require(redirect.header("Location"))
        #expect(location.hasPrefix(DemoEmulator.shared.listeningURL + "/"))
        let log = try await client.get(location)
        #expect(log.status == 200)
        #expect(log.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(log.text.contains("FAIL test_retry_backoff"))
    }

    @Test func generatedLogFollowsTheRunnerFormat() async throws {
        let redirect = try await client.get("/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496/logs")
        let log = try await client.get(try #require(redirect.header("Location")))
        let lines = log.text.split(separator: "\n")
        #expect(lines.contains("2020-01-20T17:42:40.0000000Z ##[group]Set up job"))
        #expect(lines.contains("2020-01-20T17:42:41.0000000Z ##[group]Run actions/checkout@v2"))
        #expect(lines.contains("2020-01-20T17:44:39.0000000Z Cleaning up orphan processes"))
        #expect(lines.filter { $0.hasSuffix("##[group]") || $0.contains("##[group]") }.count == 10)
    }
}
