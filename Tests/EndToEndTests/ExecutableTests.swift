import Foundation
import TestSupport
import Testing

/// The `actions-emulator` executable as a user runs it.
@Suite struct ExecutableTests {
    static var executable: URL {
        // swift test builds the executable beside the test bundle.
        let products = Bundle.module.bundleURL.deletingLastPathComponent()
        return products.appendingPathComponent("actions-emulator")
    }

    @Test func printsTheListeningLineFirstAndStopsOnSIGTERM() async throws {
        let process = try ChildProcess(Self.executable.path, ["--port", "0", "--seed", DemoEmulator.packageRoot + "/seed-data"],
                                       standardOutput: .pipe)
        let stdout = try #require(process.standardOutput)
        let line = try #require(Self.readLine(stdout))
        let match = try #require(line.firstMatch(of: /^actions-emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/))
        #expect(Int(match.2)! > 0)
        let response = try await HTTPClient(baseURL: String(match.1)).get(JobEndpointTests.docsJobPath)
        #expect(response.status == 200)

        process.terminate()  // SIGTERM
        #expect(process.waitUntilExit() == .exit(0))
    }

    /// A client polling a fixed port while the emulator starts (a CI job's wait loop) gets its
    /// first answer from the routes: the socket is bound before they exist, and a request in
    /// between waits for them rather than seeing a 503.
    @Test func aClientPollingTheFixedPortNeverSeesItHalfStarted() async throws {
        let probe = try DemoEmulator.start()
        let port = try #require(probe.listeningURL.split(separator: ":").last.map(String.init))
        probe.stop()

        let process = try ChildProcess(Self.executable.path, ["--port", port, "--seed", DemoEmulator.packageRoot + "/seed-data"])
        defer { process.terminate(); process.waitUntilExit() }

        let client = HTTPClient(baseURL: "http://127.0.0.1:\(port)")
        var first: HTTPClient.Response?
        for _ in 0..<20_000 where first == nil {
            first = try? await client.get("/_emulator/health")
        }
        #expect(try #require(first).status == 200)
    }

    @Test func aBadSeedStopsStartUpNamingFileAndPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bad-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.json")
        try Data(#"{"repositories": [{"owner": "o", "name": "r"}], "jobs": [{"repository": "o/r", "id": 1, "run_id": 2, "status": "done"}]}"#.utf8).write(to: file)

        let process = try ChildProcess(Self.executable.path, ["--port", "0", "--seed", file.path], standardError: .pipe)
        let message = String(decoding: try #require(process.standardError).readDataToEndOfFile(), as: UTF8.self)
        #expect(process.waitUntilExit() != .exit(0))
        #expect(message.contains("\(file.path): $.jobs[0].status: expected one of queued"))
    }

    @Test func aDatabaseFileSurvivesKill9() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("kill9-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } }
        func start() throws -> (ChildProcess, HTTPClient) {
            let process = try DurabilityTests.start(["--db", database, "--seed", DemoEmulator.packageRoot + "/seed-data"])
            return (process, try DurabilityTests.listening(process))
        }
        let (first, client) = try start()
        let seeded = try await client.send("POST", "/_emulator/seed",
                                           body: #"{"jobs": [{"repository": "octo-org/octo-repo", "id": 5, "run_id": 6, "name": "kept"}]}"#)
        #expect(seeded.status == 200)
        first.send(SIGKILL)
        #expect(first.waitUntilExit() == .signal(SIGKILL))

        let (second, again) = try start()
        defer { second.terminate(); second.waitUntilExit() }
        let job = try await again.get("/api/v3/repos/octo-org/octo-repo/actions/jobs/5")
        #expect(job.status == 200)
        #expect((job.json as? [String: Any])?["name"] as? String == "kept")
    }

    /// Reads one line from a pipe, byte by byte, so nothing after it is consumed.
    static func readLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while true {
            let chunk = handle.readData(ofLength: 1)
            guard let byte = chunk.first else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
