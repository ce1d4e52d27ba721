import ActionsEmulator
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GitHubAPI
import Testing

/// Configuration precedence: flags > environment > file > defaults, and errors naming their source.
@Suite struct SettingsTests {
    static func file(_ json: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("config.json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func flags(_ values: [String: String], seeds: [String] = []) -> Settings.Flags {
        var flags = Settings.Flags()
        flags.values = values
        flags.lists["--seed"] = seeds
        return flags
    }

    @Test func defaults() throws {
        let configuration = try Settings.resolve(flags: Settings.Flags(), environment: [:])
        #expect(configuration.host == "127.0.0.1" && configuration.port == 8080)
        #expect(configuration.api.rateLimit.enabled == false && configuration.api.rateLimit.anonymousLimit == 60)
        #expect(configuration.api.logLifetime == 60 && configuration.api.journalCapacity == 1000)
        #expect(configuration.seeds.isEmpty && configuration.databasePath == nil)
        #expect(configuration.api.release == GHESRelease(major: 3, minor: 21, patch: 0))
    }

    @Test func theReleaseFromEachSource() throws {
        let path = try Self.file(#"{"ghes_version": "3.19.2"}"#)
        #expect(try Settings.resolve(flags: Self.flags(["--config": path]), environment: [:]).api.release.description == "3.19.2")
        let environment = ["ACTIONS_EMULATOR_GHES_VERSION": "3.20", "ACTIONS_EMULATOR_CONFIG": path]
        #expect(try Settings.resolve(flags: Settings.Flags(), environment: environment).api.release.description == "3.20.0")
        #expect(try Settings.resolve(flags: Self.flags(["--ghes-version": "3.22.1"]), environment: environment).api.release.description
            == "3.22.1")
    }

    @Test func flagsBeatEnvironmentBeatsFileBeatsDefaults() throws {
        let path = try Self.file(#"{"port": 1111, "host": "0.0.0.0", "journal_size": 7, "rate_limit": {"enabled": true, "anonymous": 5}}"#)
        let environment = ["ACTIONS_EMULATOR_CONFIG": path, "ACTIONS_EMULATOR_PORT": "2222", "ACTIONS_EMULATOR_RATE_LIMIT_ANONYMOUS": "9"]
        let configuration = try Settings.resolve(flags: Self.flags(["--port": "3333"]), environment: environment)
        #expect(configuration.port == 3333)                    // flag
        #expect(configuration.api.rateLimit.anonymousLimit == 9)   // environment over file
        #expect(configuration.host == "0.0.0.0")               // file
        #expect(configuration.api.journalCapacity == 7)            // file
        #expect(configuration.api.rateLimit.enabled)              // file, nested
        #expect(configuration.api.rateLimit.authenticatedLimit == 5000)  // default
        let fromEnvironment = try Settings.resolve(flags: Settings.Flags(), environment: environment)
        #expect(fromEnvironment.port == 2222)
    }

    @Test func seedsFromEachSource() throws {
        let path = try Self.file(#"{"seeds": ["a", "/abs/b"]}"#)
        let folder = (path as NSString).deletingLastPathComponent
        let fromFile = try Settings.resolve(flags: Self.flags(["--config": path]), environment: [:])
        #expect(fromFile.seeds == [folder + "/a", "/abs/b"])
        let fromEnvironment = try Settings.resolve(flags: Self.flags(["--config": path]), environment: ["ACTIONS_EMULATOR_SEED": "x:y"])
        #expect(fromEnvironment.seeds == ["x", "y"])
        let fromFlags = try Settings.resolve(flags: Self.flags(["--config": path], seeds: ["z"]), environment: ["ACTIONS_EMULATOR_SEED": "x"])
        #expect(fromFlags.seeds == ["z"])
    }

    @Test(arguments: [
        (["--port": "99999"], [:], nil, "--port: expected an integer from 0 to 65535"),
        ([:], ["ACTIONS_EMULATOR_RATE_LIMIT": "maybe"], nil, "environment ACTIONS_EMULATOR_RATE_LIMIT: expected true or false"),
        ([:], [:], #"{"rate_limit": {"status": 500}}"#, ": rate_limit.status: expected one of 403, 429"),
        ([:], [:], #"{"prot": 1}"#, ": prot: unknown setting"),
        ([:], [:], #"{"log": {"colour": "red"}}"#, ": log.colour: unknown setting"),
        ([:], [:], #"{"port": [1]}"#, ": port: expected a single value"),
        ([:], [:], #"{"port": 1,}"#, "not valid JSON"),
        (["--log-format": "xml"], [:], nil, "--log-format: expected one of text, json"),
        (["--tls-cert": "/x.pem"], [:], nil, "a TLS certificate and key go together"),
        (["--threads": "0"], [:], nil, "--threads: expected an integer from 1 to 256"),
        (["--ghes-version": "3.8.0"], [:], nil, "--ghes-version: 3.8.0 is older than 3.9.0, the first release with a versioned REST API"),
        ([:], ["ACTIONS_EMULATOR_GHES_VERSION": "latest"], nil,
         "environment ACTIONS_EMULATOR_GHES_VERSION: expected a GitHub Enterprise Server release such as 3.21.0, found \"latest\""),
        ([:], [:], #"{"ghes_version": "2.22"}"#, ": ghes_version: 2.22.0 is older than 3.9.0"),
    ] as [([String: String], [String: String], String?, String)])
    func badValuesNameTheirSource(flags: [String: String], environment: [String: String], file: String?, message: String) throws {
        var flags = flags
        if let file { flags["--config"] = try Self.file(file) }
        #expect {
            _ = try Settings.resolve(flags: Self.flags(flags), environment: environment)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func theExampleConfigLoadsAndNamesTheDemoSeed() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configuration = try Settings.resolve(
            flags: Self.flags(["--config": root.appendingPathComponent("config/actions-emulator.example.json").path]), environment: [:])
        #expect(configuration.seeds.count == 1 && configuration.seeds[0].hasSuffix("config/../seed-data"))
        #expect(configuration.port == 8080 && configuration.api.rateLimit.status == 403)
    }
}

/// The operator's view: a line per request, text or JSON.
@Suite struct RequestLogTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test(arguments: [RequestLog.Format.text, .json])
    func oneLinePerRequest(format: RequestLog.Format) async throws {
        let lines = Lines()
        var configuration = Emulator.Configuration()
        configuration.port = 0
        let emulator = try Emulator(configuration: configuration, log: RequestLog(level: .info, format: format, write: lines.append))
        defer { emulator.stop() }
        _ = try await URLSession.shared.data(from: URL(string: emulator.listeningURL + "/api/v3/nowhere?secret=1")!)
        let line = try #require(lines.all.last)
        #expect(!line.contains("secret"))
        if format == .json {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(object["method"] == "GET" && object["path"] == "/api/v3/nowhere" && object["status"] == "404")
            #expect(object["request_id"]?.isEmpty == false && object["duration_ms"] != nil)
        } else {
            #expect(line.contains(" GET /api/v3/nowhere 404 ") && line.contains("ms "))
        }
    }

    @Test func quietAboveInfo() async throws {
        let lines = Lines()
        var configuration = Emulator.Configuration()
        configuration.port = 0
        let emulator = try Emulator(configuration: configuration, log: RequestLog(level: .warning, write: lines.append))
        defer { emulator.stop() }
        _ = try await URLSession.shared.data(from: URL(string: emulator.listeningURL + "/api/v3/nowhere")!)
        #expect(lines.all.isEmpty)
    }
}
