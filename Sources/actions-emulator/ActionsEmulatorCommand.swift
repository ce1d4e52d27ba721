import ActionsEmulator
import ArgumentParser
import Foundation
import HTTPServer

/// `actions-emulator`: serves GitHub's workflow-jobs REST API from seed files.
@main
struct ActionsEmulatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions-emulator",
        abstract: "A local emulator of GitHub Enterprise Server's REST API for Actions workflow jobs.",
        discussion: """
        With no options it serves the demo seed (seed-data/) on http://127.0.0.1:8080, in memory. \
        The first line on standard output is "actions-emulator listening on http://HOST:PORT", \
        so a test can start it with --port 0 and read the port it picked.

        Try: curl http://127.0.0.1:8080/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496
        """
    )

    @Option(help: "Address to listen on (0.0.0.0 for every interface, e.g. in a container).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: UInt16 = 8080

    @Option(name: .customLong("seed"), help: ArgumentHelp(
        "Seed file or folder of *.json files; repeat for several. Default: the demo seed.",
        valueName: "path"))
    var seeds: [String] = []

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "SQLite database file (WAL mode, survives crashes). Default: in memory.", valueName: "path"))
    var databasePath: String?

    @Option(help: ArgumentHelp("What URLs in responses start with. Default: the listening address.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("PEM certificate chain; with --tls-key, serve HTTPS.", valueName: "path"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key for --tls-cert.", valueName: "path"))
    var tlsKey: String?

    @Option(help: "Worker threads answering requests.")
    var threads = max(2, System.coreCount)

    @Option(help: ArgumentHelp("Token the /_emulator/ control API requires. Without one it answers loopback clients only.",
                               valueName: "token"))
    var adminToken: String?

    @Option(help: ArgumentHelp("Key signing the 60-second log URLs. Default: random per start.", valueName: "key"))
    var logURLKey: String?

    @Option(help: ArgumentHelp("How many recent requests GET /_emulator/requests keeps.", valueName: "n"))
    var journalSize = 1000

    @Flag(help: "Enforce the hourly rate limits (off by default, as on GitHub Enterprise Server; always reported in headers).")
    var rateLimit = false

    @Option(help: ArgumentHelp("Requests per hour for an anonymous client address.", valueName: "n"))
    var rateLimitAnonymous = 60

    @Option(help: ArgumentHelp("Requests per hour for each token.", valueName: "n"))
    var rateLimitAuthenticated = 5000

    @Option(help: ArgumentHelp("Status of a rate-limited answer: 403 (GitHub's usual) or 429.", valueName: "code"))
    var rateLimitStatus = 403

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together")
        }
        if threads < 1 || threads > 256 { throw ValidationError("--threads must be between 1 and 256") }
        if journalSize < 1 { throw ValidationError("--journal-size must be at least 1") }
        if adminToken?.isEmpty == true { throw ValidationError("--admin-token must not be empty") }
        if rateLimitStatus != 403 && rateLimitStatus != 429 { throw ValidationError("--rate-limit-status must be 403 or 429") }
        if rateLimitAnonymous < 0 || rateLimitAuthenticated < 0 { throw ValidationError("rate limits cannot be negative") }
    }

    func run() throws {
        var configuration = Emulator.Configuration()
        configuration.host = host
        configuration.port = port
        configuration.databasePath = databasePath
        configuration.baseURL = baseURL
        configuration.threads = threads
        configuration.adminToken = adminToken
        configuration.logURLKey = logURLKey
        configuration.journalCapacity = journalSize
        configuration.rateLimit.enforced = rateLimit
        configuration.rateLimit.anonymousLimit = rateLimitAnonymous
        configuration.rateLimit.authenticatedLimit = rateLimitAuthenticated
        configuration.rateLimit.status = rateLimitStatus
        if seeds.isEmpty {
            guard let demo = DemoSeed.locate() else {
                throw ValidationError("no --seed given and no demo seed-data/ folder found")
            }
            configuration.seeds = [demo]
        } else {
            configuration.seeds = seeds
        }
        if let tlsCert, let tlsKey {
            configuration.tls = HTTPServer.TLS(certificatePEM: try readText(tlsCert, option: "--tls-cert"),
                                               privateKeyPEM: try readText(tlsKey, option: "--tls-key"))
        }

        // Block the stop signals before any server thread exists, so only sigwait below sees them.
        let stopSignals = SignalSet([SIGINT, SIGTERM])
        stopSignals.block()

        let emulator: Emulator
        do {
            emulator = try Emulator(configuration: configuration)
        } catch {
            FileHandle.standardError.write(Data("actions-emulator: \(error)\n".utf8))
            throw ExitCode(1)
        }
        // Written straight to the descriptor: no stdio buffer stands between it and a waiting test.
        FileHandle.standardOutput.write(Data("actions-emulator listening on \(emulator.listeningURL)\n".utf8))
        for report in emulator.seedReports {
            FileHandle.standardError.write(Data(
                "seeded \(report.source): \(report.repositories) repositories, \(report.tokens) tokens, \(report.jobs) jobs\n".utf8))
        }

        let received = stopSignals.wait()
        FileHandle.standardError.write(Data("actions-emulator: signal \(received), stopping\n".utf8))
        emulator.stop()
    }

    private func readText(_ path: String, option: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(option): cannot read \(path)")
        }
        return text
    }
}
