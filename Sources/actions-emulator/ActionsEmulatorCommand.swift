import ActionsEmulator
import ArgumentParser
import FoundationEssentials
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

        Every option can also come from an environment variable or a JSON config file; \
        flags win over the environment, which wins over the file.

        Try: curl http://127.0.0.1:8080/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496
        """,
        subcommands: [Healthcheck.self]
    )

    @Option(help: help(Settings.config, "path")) var config: String?
    @Option(help: help(Settings.host, "address")) var host: String?
    @Option(help: help(Settings.port, "port")) var port: String?
    @Option(name: .customLong("seed"), help: help(Settings.seeds, "path")) var seeds: [String] = []
    @Option(name: .customLong("db"), help: help(Settings.database, "path")) var databasePath: String?
    @Option(name: .customLong("base-url"), help: help(Settings.baseURL, "url")) var baseURL: String?
    @Option(help: help(Settings.tlsCert, "path")) var tlsCert: String?
    @Option(help: help(Settings.tlsKey, "path")) var tlsKey: String?
    @Option(help: help(Settings.threads, "n")) var threads: String?
    @Option(help: help(Settings.connectionLimit, "n")) var connectionLimit: String?
    @Option(name: .customLong("per-ip-connection-limit"), help: help(Settings.perIPConnectionLimit, "n"))
    var perIPConnectionLimit: String?
    @Option(help: help(Settings.connectionTimeout, "seconds")) var connectionTimeout: String?
    @Option(help: help(Settings.adminToken, "token")) var adminToken: String?
    @Option(help: help(Settings.controlAccess, "mode")) var controlAccess: String?
    @Option(name: .customLong("log-url-key"), help: help(Settings.logURLKey, "key")) var logURLKey: String?
    @Option(name: .customLong("log-url-ttl"), help: help(Settings.logURLTTL, "seconds")) var logURLTTL: String?
    @Option(name: .customLong("rate-limit"), help: help(Settings.rateLimit, "true|false")) var rateLimit: String?
    @Option(help: help(Settings.rateLimitAnonymous, "n")) var rateLimitAnonymous: String?
    @Option(help: help(Settings.rateLimitAuthenticated, "n")) var rateLimitAuthenticated: String?
    @Option(help: help(Settings.rateLimitStatus, "code")) var rateLimitStatus: String?
    @Option(help: help(Settings.ghesVersion, "release")) var ghesVersion: String?
    @Option(help: help(Settings.journalSize, "n")) var journalSize: String?
    @Option(help: help(Settings.webhookTimeout, "seconds")) var webhookTimeout: String?
    @Option(help: help(Settings.logLevel, "level")) var logLevel: String?
    @Option(help: help(Settings.logFormat, "format")) var logFormat: String?

    static func help(_ key: Settings.Key, _ valueName: String) -> ArgumentHelp {
        ArgumentHelp(key.help, valueName: valueName)
    }

    /// What was given on the command line, by flag name, for the settings resolver.
    var flags: Settings.Flags {
        var flags = Settings.Flags()
        let given: [(Settings.Key, String?)] = [
            (Settings.config, config), (Settings.host, host), (Settings.port, port), (Settings.database, databasePath),
            (Settings.baseURL, baseURL), (Settings.tlsCert, tlsCert), (Settings.tlsKey, tlsKey), (Settings.threads, threads),
            (Settings.connectionLimit, connectionLimit), (Settings.perIPConnectionLimit, perIPConnectionLimit),
            (Settings.connectionTimeout, connectionTimeout),
            (Settings.adminToken, adminToken), (Settings.controlAccess, controlAccess), (Settings.logURLKey, logURLKey), (Settings.logURLTTL, logURLTTL),
            (Settings.rateLimit, rateLimit), (Settings.rateLimitAnonymous, rateLimitAnonymous),
            (Settings.rateLimitAuthenticated, rateLimitAuthenticated), (Settings.rateLimitStatus, rateLimitStatus),
            (Settings.ghesVersion, ghesVersion), (Settings.journalSize, journalSize),
            (Settings.webhookTimeout, webhookTimeout), (Settings.logLevel, logLevel), (Settings.logFormat, logFormat),
        ]
        for case let (key, value?) in given { flags.values[key.flag] = value }
        flags.lists[Settings.seeds.flag] = seeds
        return flags
    }

    func run() throws {
        var configuration: Emulator.Configuration
        do {
            configuration = try Settings.resolve(flags: flags, environment: ProcessInfo.processInfo.environment)
        } catch {
            System.write("actions-emulator: \(error)\n", to: .standardError)
            throw ExitCode(2)
        }
        if configuration.seeds.isEmpty {
            guard let demo = DemoSeed.locate() else {
                throw ValidationError("no seed given and no demo seed-data/ folder found")
            }
            configuration.seeds = [demo]
        }
        let log = RequestLog(level: configuration.logLevel, format: configuration.logFormat)

        // Block the stop signals before any server thread exists, so only sigwait below sees them.
        let stopSignals = SignalSet.stop
        stopSignals.block()

        let emulator: Emulator
        do {
            emulator = try Emulator(configuration: configuration, log: log)
        } catch {
            log.event("start-up failed", level: .error, fields: [("error", "\(error)")])
            System.write("actions-emulator: \(error)\n", to: .standardError)
            throw ExitCode(1)
        }
        // Written straight to the descriptor: no stdio buffer stands between it and a waiting test.
        System.write("actions-emulator listening on \(emulator.listeningURL)\n", to: .standardOutput)
        // The second line: how the control API is protected (and a generated token, once).
        System.write(emulator.control.settings.access.summary + "\n", to: .standardOutput)
        for report in emulator.seedReports {
            log.event("seeded", fields: [("source", report.source), ("repositories", String(report.repositories)),
                                         ("tokens", String(report.tokens)), ("jobs", String(report.jobs))])
        }
        log.event("listening", fields: [("url", emulator.listeningURL), ("store", configuration.databasePath ?? "memory")])

        let received = stopSignals.wait()
        log.event("stopping", fields: [("signal", String(received))])
        emulator.stop()
    }
}

/// `actions-emulator healthcheck`: exits 0 when the emulator answers `/_emulator/health`, for a
/// container HEALTHCHECK in an image that has no curl.
struct Healthcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exit 0 when the emulator at URL answers GET /_emulator/health with 200."
    )

    // A positional URL rather than --host/--port, which the parent command already owns.
    @Argument(help: "The emulator to probe (default: http://127.0.0.1:$ACTIONS_EMULATOR_PORT, else port 8080).")
    var url: String?

    @Option(help: "Admin token, when the control API needs one (default: ACTIONS_EMULATOR_ADMIN_TOKEN).")
    var adminToken: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let target = url ?? "http://127.0.0.1:\(environment[Settings.port.environment] ?? "8080")"
        guard let components = URLComponents(string: target), components.scheme == "http",
              let host = components.host, let port = UInt16(exactly: components.port ?? 80) else {
            throw ValidationError("expected an http://HOST:PORT URL, found \(target)")
        }
        let token = adminToken ?? environment[Settings.adminToken.environment]
        let status = HealthProbe.status(host: host, port: port, path: "/_emulator/health",
                                        authorization: token.map { "Bearer \($0)" })
        guard status == 200 else {
            System.write("unhealthy: \(status.map { "HTTP \($0)" } ?? "no answer")\n", to: .standardError)
            throw ExitCode(1)
        }
        print("healthy")
    }
}
