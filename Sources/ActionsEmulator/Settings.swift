import FoundationEssentials
import Control
import GitHubAPI
import HTTPServer
import JSON

/// Every setting the emulator has, each with its config-file key, environment variable, flag and
/// default, resolved with the precedence flags > environment > file > defaults. A bad value
/// anywhere stops start-up naming where it came from and which key.
public enum Settings {
    /// One setting's names in each source.
    public struct Key: Sendable {
        /// Dotted path in the config file, e.g. `rate_limit.enabled`.
        public let file: String
        public let environment: String
        public let flag: String
        public let defaultDescription: String
        public let summary: String

        /// The help text `--help` shows: what it does, its environment variable and default.
        public var help: String { "\(summary) (env \(environment); default \(defaultDescription))" }
    }

    public static let config = Key(file: "", environment: "ACTIONS_EMULATOR_CONFIG", flag: "--config",
                                   defaultDescription: "none", summary: "JSON config file (see config/actions-emulator.example.json).")
    public static let host = Key(file: "host", environment: "ACTIONS_EMULATOR_HOST", flag: "--host",
                                 defaultDescription: "127.0.0.1", summary: "Address to listen on; 0.0.0.0 for every interface.")
    public static let port = Key(file: "port", environment: "ACTIONS_EMULATOR_PORT", flag: "--port",
                                 defaultDescription: "8080", summary: "Port to listen on; 0 picks a free one.")
    public static let baseURL = Key(file: "base_url", environment: "ACTIONS_EMULATOR_BASE_URL", flag: "--base-url",
                                    defaultDescription: "the listening address", summary: "What URLs in responses start with.")
    public static let seeds = Key(file: "seeds", environment: "ACTIONS_EMULATOR_SEED", flag: "--seed",
                                  defaultDescription: "the demo seed-data/",
                                  summary: "Seed file or folder; repeat the flag, or separate with ':' in the environment.")
    public static let database = Key(file: "db", environment: "ACTIONS_EMULATOR_DB", flag: "--db",
                                     defaultDescription: "in memory", summary: "SQLite database file (WAL mode, survives crashes).")
    public static let tlsCert = Key(file: "tls.cert", environment: "ACTIONS_EMULATOR_TLS_CERT", flag: "--tls-cert",
                                    defaultDescription: "none", summary: "PEM certificate chain; with a key, serve HTTPS.")
    public static let tlsKey = Key(file: "tls.key", environment: "ACTIONS_EMULATOR_TLS_KEY", flag: "--tls-key",
                                   defaultDescription: "none", summary: "PEM private key for the certificate.")
    public static let threads = Key(file: "threads", environment: "ACTIONS_EMULATOR_THREADS", flag: "--threads",
                                    defaultDescription: "the core count, at least 2", summary: "Worker threads answering requests.")
    public static let connectionLimit = Key(file: "connections.limit", environment: "ACTIONS_EMULATOR_CONNECTION_LIMIT",
                                            flag: "--connection-limit", defaultDescription: "1024",
                                            summary: "Open connections at most; more are closed at once.")
    public static let perIPConnectionLimit = Key(file: "connections.per_ip_limit",
                                                 environment: "ACTIONS_EMULATOR_PER_IP_CONNECTION_LIMIT",
                                                 flag: "--per-ip-connection-limit", defaultDescription: "0 (no limit)",
                                                 summary: "Open connections per client address at most.")
    public static let connectionTimeout = Key(file: "connections.timeout_seconds", environment: "ACTIONS_EMULATOR_CONNECTION_TIMEOUT",
                                              flag: "--connection-timeout", defaultDescription: "30",
                                              summary: "Seconds a connection may stay silent (slow or idle) before it is closed.")
    public static let adminToken = Key(file: "admin_token", environment: "ACTIONS_EMULATOR_ADMIN_TOKEN", flag: "--admin-token",
                                       defaultDescription: "none: loopback clients only",
                                       summary: "Token the /_emulator/ control API requires.")
    public static let controlAccess = Key(file: "control_access", environment: "ACTIONS_EMULATOR_CONTROL_ACCESS",
                                          flag: "--control-access",
                                          defaultDescription: "auto: loopback only, or a token when listening beyond loopback",
                                          summary: "Who may use /_emulator/: auto, loopback, token (generated if unset) or open.")
    public static let logURLKey = Key(file: "log_urls.key", environment: "ACTIONS_EMULATOR_LOG_URL_KEY", flag: "--log-url-key",
                                      defaultDescription: "random per start", summary: "Key signing log URLs.")
    public static let logURLTTL = Key(file: "log_urls.ttl_seconds", environment: "ACTIONS_EMULATOR_LOG_URL_TTL",
                                      flag: "--log-url-ttl", defaultDescription: "60", summary: "Seconds a log URL works.")
    public static let rateLimit = Key(file: "rate_limit.enabled", environment: "ACTIONS_EMULATOR_RATE_LIMIT", flag: "--rate-limit",
                                      defaultDescription: "false, as a fresh GitHub Enterprise Server",
                                      summary: "Turn rate limiting on: X-RateLimit-* headers, counting, refusals, GET /rate_limit.")
    public static let rateLimitAnonymous = Key(file: "rate_limit.anonymous", environment: "ACTIONS_EMULATOR_RATE_LIMIT_ANONYMOUS",
                                               flag: "--rate-limit-anonymous", defaultDescription: "60",
                                               summary: "Requests per hour per anonymous client address.")
    public static let rateLimitAuthenticated = Key(file: "rate_limit.authenticated",
                                                   environment: "ACTIONS_EMULATOR_RATE_LIMIT_AUTHENTICATED",
                                                   flag: "--rate-limit-authenticated", defaultDescription: "5000",
                                                   summary: "Requests per hour per token.")
    public static let rateLimitStatus = Key(file: "rate_limit.status", environment: "ACTIONS_EMULATOR_RATE_LIMIT_STATUS",
                                            flag: "--rate-limit-status", defaultDescription: "403",
                                            summary: "Status of a rate-limited answer: 403 or 429.")
    public static let ghesVersion = Key(file: "ghes_version", environment: "ACTIONS_EMULATOR_GHES_VERSION", flag: "--ghes-version",
                                        defaultDescription: GHESRelease.default.description,
                                        summary: "GitHub Enterprise Server release to emulate (3.9 or later); before 3.21 only API version 2022-11-28.")
    public static let journalSize = Key(file: "journal_size", environment: "ACTIONS_EMULATOR_JOURNAL_SIZE", flag: "--journal-size",
                                        defaultDescription: "1000", summary: "Requests GET /_emulator/requests keeps.")
    public static let webhookTimeout = Key(file: "webhook_timeout", environment: "ACTIONS_EMULATOR_WEBHOOK_TIMEOUT",
                                           flag: "--webhook-timeout", defaultDescription: "30",
                                           summary: "Seconds a webhook receiver has to answer before the delivery fails.")
    public static let logLevel = Key(file: "log.level", environment: "ACTIONS_EMULATOR_LOG_LEVEL", flag: "--log-level",
                                     defaultDescription: "info", summary: "debug, info (a line per request), warning or error.")
    public static let logFormat = Key(file: "log.format", environment: "ACTIONS_EMULATOR_LOG_FORMAT", flag: "--log-format",
                                      defaultDescription: "text", summary: "text or json lines on stderr.")

    /// Every key a config file may hold.
    static let all = [host, port, baseURL, seeds, database, tlsCert, tlsKey, threads, connectionLimit, perIPConnectionLimit,
                      connectionTimeout, adminToken, controlAccess, logURLKey, logURLTTL,
                      rateLimit, rateLimitAnonymous, rateLimitAuthenticated, rateLimitStatus, ghesVersion, journalSize, webhookTimeout, logLevel, logFormat]

    /// Why start-up stopped: the source (flag, environment variable or file) and the reason.
    public struct Failure: Error, CustomStringConvertible {
        public var source: String
        public var reason: String
        public var description: String { "\(source): \(reason)" }
    }

    /// Values given on the command line, by flag name (`--port` → `"0"`); repeatable flags as lists.
    public struct Flags: Sendable {
        public var values: [String: String] = [:]
        public var lists: [String: [String]] = [:]
        public init() {}
    }

    /// The configuration from the three sources and the defaults.
    public static func resolve(flags: Flags, environment: [String: String]) throws(Failure) -> Emulator.Configuration {
        let file = try ConfigFile.load(path: flags.values[config.flag] ?? environment[config.environment])
        let resolver = Resolver(flags: flags, environment: environment, file: file)
        var configuration = Emulator.Configuration()
        configuration.host = try resolver.string(host) ?? configuration.host
        configuration.port = UInt16(try resolver.integer(port, in: 0...65535) ?? Int(configuration.port))
        configuration.baseURL = try resolver.string(baseURL)
        configuration.seeds = try resolver.list(seeds) ?? []
        configuration.databasePath = try resolver.path(database)
        let cert = try resolver.path(tlsCert)
        let key = try resolver.path(tlsKey)
        switch (cert, key) {
        case let (cert?, key?):
            configuration.tls = HTTPServer.TLS(certificatePEM: try read(cert, for: tlsCert),
                                               privateKeyPEM: try read(key, for: tlsKey))
        case (nil, nil): break
        default: throw Failure(source: "\(tlsCert.flag) / \(tlsKey.flag)", reason: "a TLS certificate and key go together")
        }
        configuration.threads = try resolver.integer(threads, in: 1...256) ?? configuration.threads
        configuration.connectionLimit = try resolver.integer(connectionLimit, in: 1...65536) ?? configuration.connectionLimit
        configuration.perIPConnectionLimit = try resolver.integer(perIPConnectionLimit, in: 0...65536)
            ?? configuration.perIPConnectionLimit
        configuration.connectionTimeout = try resolver.integer(connectionTimeout, in: 1...86400) ?? configuration.connectionTimeout
        configuration.adminToken = try resolver.string(adminToken)
        if configuration.adminToken?.isEmpty == true {
            throw Failure(source: adminToken.flag, reason: "must not be empty")
        }
        configuration.controlAccess = try resolver.oneOf(controlAccess, ControlAccess.Mode.allCases.map(\.rawValue))
            .flatMap(ControlAccess.Mode.init(rawValue:)) ?? .auto
        if configuration.controlAccess == .open && configuration.adminToken != nil {
            throw Failure(source: controlAccess.flag, reason: "open needs no admin token; leave one of them out")
        }
        configuration.api.logKey = try resolver.string(logURLKey).map { Array($0.utf8) }
        configuration.api.logLifetime = TimeInterval(try resolver.integer(logURLTTL, in: 1...86_400) ?? 60)
        configuration.api.rateLimit.enabled = try resolver.bool(rateLimit) ?? false
        configuration.api.rateLimit.anonymousLimit = try resolver.integer(rateLimitAnonymous, in: 0...Int(Int32.max)) ?? 60
        configuration.api.rateLimit.authenticatedLimit = try resolver.integer(rateLimitAuthenticated, in: 0...Int(Int32.max)) ?? 5000
        configuration.api.rateLimit.status = try resolver.oneOf(rateLimitStatus, ["403", "429"]).flatMap { Int($0) } ?? 403
        configuration.api.release = try resolver.release(ghesVersion) ?? GHESRelease.default
        configuration.api.journalCapacity = try resolver.integer(journalSize, in: 1...1_000_000) ?? 1000
        configuration.webhookTimeout = Double(try resolver.integer(webhookTimeout, in: 1...600) ?? 30)
        configuration.logLevel = try resolver.oneOf(logLevel, RequestLog.Level.allCases.map(\.rawValue))
            .flatMap(RequestLog.Level.init(rawValue:)) ?? .info
        configuration.logFormat = try resolver.oneOf(logFormat, RequestLog.Format.allCases.map(\.rawValue))
            .flatMap(RequestLog.Format.init(rawValue:)) ?? .text
        return configuration
    }

    private static func read(_ path: String, for key: Key) throws(Failure) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw Failure(source: key.flag, reason: "cannot read \(path)")
        }
        return text
    }
}

/// Looks a setting up in flags, then the environment, then the file, and parses what it finds,
/// naming that source when the value is bad.
private struct Resolver {
    let flags: Settings.Flags
    let environment: [String: String]
    let file: ConfigFile?

    /// The raw text and where it came from, or `nil` when no source sets the key.
    private func lookup(_ key: Settings.Key) throws(Settings.Failure) -> (text: String, source: String)? {
        if let value = flags.values[key.flag] { return (value, key.flag) }
        if let value = environment[key.environment] { return (value, "environment \(key.environment)") }
        if let file, let value = try file.scalar(key.file) { return (value, "\(file.path): \(key.file)") }
        return nil
    }

    func string(_ key: Settings.Key) throws(Settings.Failure) -> String? {
        try lookup(key)?.text
    }

    /// A path; relative paths in the config file are relative to the file's folder.
    func path(_ key: Settings.Key) throws(Settings.Failure) -> String? {
        guard let (text, source) = try lookup(key) else { return nil }
        if let file, source.hasPrefix(file.path), !text.hasPrefix("/") { return file.folder + "/" + text }
        return text
    }

    func list(_ key: Settings.Key) throws(Settings.Failure) -> [String]? {
        if let values = flags.lists[key.flag], !values.isEmpty { return values }
        if let value = environment[key.environment] {
            return value.split(separator: ":").map(String.init)
        }
        if let file, let values = try file.strings(key.file) {
            return values.map { $0.hasPrefix("/") ? $0 : file.folder + "/" + $0 }
        }
        return nil
    }

    func integer(_ key: Settings.Key, in range: ClosedRange<Int>) throws(Settings.Failure) -> Int? {
        guard let (text, source) = try lookup(key) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Settings.Failure(source: source, reason: "expected an integer from \(range.lowerBound) to \(range.upperBound), found \"\(text)\"")
        }
        return value
    }

    func bool(_ key: Settings.Key) throws(Settings.Failure) -> Bool? {
        guard let (text, source) = try lookup(key) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw Settings.Failure(source: source, reason: "expected true or false, found \"\(text)\"")
        }
    }

    func release(_ key: Settings.Key) throws(Settings.Failure) -> GHESRelease? {
        guard let (text, source) = try lookup(key) else { return nil }
        do {
            return try GHESRelease.parse(text)
        } catch {
            throw Settings.Failure(source: source, reason: error.description)
        }
    }

    func oneOf(_ key: Settings.Key, _ allowed: [String]) throws(Settings.Failure) -> String? {
        guard let (text, source) = try lookup(key) else { return nil }
        guard allowed.contains(text) else {
            throw Settings.Failure(source: source, reason: "expected one of \(allowed.joined(separator: ", ")), found \"\(text)\"")
        }
        return text
    }
}

/// A parsed JSON config file; unknown keys are refused so a typo is reported.
struct ConfigFile {
    let path: String
    let folder: String
    private let root: JSONValue

    static func load(path: String?) throws(Settings.Failure) -> ConfigFile? {
        guard let path else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Settings.Failure(source: path, reason: "cannot read the config file")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(Array(data))
        } catch {
            throw Settings.Failure(source: path, reason: "not valid JSON: \(error)")
        }
        guard case .object = root else { throw Settings.Failure(source: path, reason: "expected a JSON object") }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let file = ConfigFile(path: path, folder: folder, root: root)
        try file.refuseUnknownKeys()
        return file
    }

    private func value(_ dotted: String) -> JSONValue? {
        var current: JSONValue? = root
        for part in dotted.split(separator: ".") { current = current?[String(part)] }
        return current
    }

    /// A scalar as text (numbers and booleans as written); `nil` when absent or `null`.
    func scalar(_ dotted: String) throws(Settings.Failure) -> String? {
        switch value(dotted) {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .number(let text)?: return text
        case .bool(let flag)?: return flag ? "true" : "false"
        case let other?: throw Settings.Failure(source: "\(path): \(dotted)", reason: "expected a single value, found \(other.kindDescription)")
        }
    }

    func strings(_ dotted: String) throws(Settings.Failure) -> [String]? {
        switch value(dotted) {
        case nil, .null?: return nil
        case .string(let text)?: return [text]
        case .array(let elements)?:
            return try elements.map { element throws(Settings.Failure) in
                guard case .string(let text) = element else {
                    throw Settings.Failure(source: "\(path): \(dotted)", reason: "expected strings, found \(element.kindDescription)")
                }
                return text
            }
        case let other?: throw Settings.Failure(source: "\(path): \(dotted)", reason: "expected an array of strings, found \(other.kindDescription)")
        }
    }

    private func refuseUnknownKeys() throws(Settings.Failure) {
        let known = Set(Settings.all.map(\.file))
        let sections = Set(known.compactMap { $0.split(separator: ".").count > 1 ? String($0.split(separator: ".")[0]) : nil })
        guard case .object(let members) = root else { return }
        for member in members where !member.key.hasPrefix("_") && !member.key.hasPrefix("$") {
            if sections.contains(member.key) {
                guard case .object(let inner) = member.value else {
                    throw Settings.Failure(source: "\(path): \(member.key)", reason: "expected an object")
                }
                for field in inner where !known.contains("\(member.key).\(field.key)") {
                    throw Settings.Failure(source: "\(path): \(member.key).\(field.key)", reason: "unknown setting")
                }
            } else if !known.contains(member.key) {
                throw Settings.Failure(source: "\(path): \(member.key)", reason: "unknown setting")
            }
        }
    }
}
