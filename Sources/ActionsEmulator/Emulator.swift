import Clock
import Control
import FoundationEssentials
import GitHubAPI
import HTTPServer
import Locking
import Scheduling
import Seed
import Store
import SystemIO
import Webhooks

/// The assembled emulator: store, seeds, API and HTTP server, started and stopped as one.
public final class Emulator: Sendable {
    /// Everything the emulator needs to start.
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        /// 0 picks a free port.
        public var port: UInt16 = 8080
        /// Seed files or folders, loaded in order.
        public var seeds: [String] = []
        /// An SQLite file (WAL); `nil` keeps everything in memory.
        public var databasePath: String?
        /// What URLs in responses start with; by default the address the server listens on.
        public var baseURL: String?
        public var tls: HTTPServer.TLS?
        public var threads = max(2, System.coreCount)
        /// libmicrohttpd's limits (docs/connections.md): open connections, per client address
        /// (0: none), and the seconds a silent connection is kept.
        public var connectionLimit = 1024
        public var perIPConnectionLimit = 0
        public var connectionTimeout = 30
        /// The token the control API requires (see `controlAccess`).
        public var adminToken: String?
        /// How the control API is protected; by default loopback only when listening on
        /// loopback without a token, a token (made up if none is set) otherwise.
        public var controlAccess = ControlAccess.Mode.auto
        /// How the API behaves beyond its data: rate limiting (off by default, as on GitHub
        /// Enterprise Server), the release emulated, log URLs, the journal's size.
        public var api = GitHubAPI.Configuration()
        /// Seconds a webhook receiver has to answer (GHES: 30).
        public var webhookTimeout: Double = 30
        public var logLevel = RequestLog.Level.info
        public var logFormat = RequestLog.Format.text

        public init() {}
    }

    public let store: Store
    public let clock: EmulatorClock
    /// Moves scheduled runs along with the clock; every request asks it first.
    public let scheduler: Scheduler
    public let api: GitHubAPI
    public let control: ControlAPI
    public let server: HTTPServer
    /// Sends webhook deliveries, off the request path.
    public let webhooks: WebhookSender
    /// Wakes the scheduler when the next change is due.
    private let timer: SchedulerTimer
    public let seedReports: [SeedLoader.Report]
    /// `http://host:port` (or `https`) where the server listens.
    public let listeningURL: String

    /// Opens the store, loads the seeds (refusing to start on a bad one) and starts serving.
    public init(configuration: Configuration, clock: EmulatorClock = EmulatorClock(), log: RequestLog? = nil) throws {
        self.clock = clock
        store = try Store(location: configuration.databasePath.map(Store.Location.file) ?? .memory,
                          readerCount: configuration.threads)
        scheduler = Scheduler(store: store)
        let documents = try SeedLoader.readFiles(configuration.seeds, now: Timestamp.format(clock.now))
        seedReports = try SeedLoader.load(documents, into: store, now: clock.now) { progress in
            log?.event("seeding", fields: [("source", progress.source), ("jobs", "\(progress.jobsLoaded)/\(progress.jobsTotal)")])
        }
        // What parsing used is free: give it back, so a large seed does not keep its footprint.
        Memory.releaseFreedPages()

        // The port is known only once bound, and the API's URLs depend on it: requests that
        // arrive in between wait for the routes (microseconds), and get a 503 only if this
        // throws instead.
        let dispatcher = Dispatcher(log: log)
        dispatcher.assembling.lock()
        defer { dispatcher.assembling.unlock() }
        var serverConfiguration = HTTPServer.Configuration()
        serverConfiguration.host = configuration.host
        serverConfiguration.port = configuration.port
        serverConfiguration.threads = configuration.threads
        serverConfiguration.connectionLimit = configuration.connectionLimit
        serverConfiguration.perIPConnectionLimit = configuration.perIPConnectionLimit
        serverConfiguration.connectionTimeout = configuration.connectionTimeout
        serverConfiguration.tls = configuration.tls
        server = try HTTPServer(configuration: serverConfiguration, responder: dispatcher)

        let scheme = configuration.tls == nil ? "http" : "https"
        listeningURL = "\(scheme)://\(Self.urlHost(configuration.host)):\(server.port)"
        let baseURL = configuration.baseURL ?? "\(scheme)://\(Self.urlHost(Self.reachableHost(configuration.host))):\(server.port)"
        let urls = ServerURLs(baseURL: baseURL)
        api = GitHubAPI(store: store, clock: clock, urls: urls, configuration: configuration.api)
        webhooks = try Self.startWebhooks(store: store, clock: clock, urls: urls, configuration: configuration)
        timer = SchedulerTimer(scheduler: scheduler, clock: clock)
        // Weak: the store outlives neither, and a strong capture would keep all three alive.
        store.onCommit { [weak timer] in timer?.poke() }
        // A read of one job not due leaves the catch-up to the timer rather than making it.
        scheduler.leaveCatchingUp { [weak timer] in timer?.poke() }
        timer.start()
        let access = ControlAccess.resolve(configuration.controlAccess, adminToken: configuration.adminToken,
                                           host: configuration.host)
        control = ControlAPI(api: api, scheduler: scheduler, webhooks: webhooks,
                             settings: ControlAPI.Settings(access: access, startupSeed: documents))
        dispatcher.install(Routes(api: api, control: control, scheduler: scheduler))
    }

    /// Stops serving, the timer and the webhook sender; calling it again does nothing.
    public func stop() {
        server.stop()
        timer.stop()
        webhooks.stop()
    }

    // The timer's and the sender's threads hold them, not the emulator: one dropped without
    // `stop()` would otherwise leave them running, holding the store.
    deinit { stop() }

    /// Records every move's deliveries in the write that made it, and starts their sender.
    private static func startWebhooks(store: Store, clock: EmulatorClock, urls: ServerURLs,
                                      configuration: Configuration) throws -> WebhookSender {
        let host = urls.root.split(separator: "/").dropFirst().first.map(String.init) ?? "localhost"
        var settings = WebhookSender.Settings(message: DeliveryMessage.Sender(
            release: configuration.api.release.description, host: host, organizationID: WebhookPayloads.organizationID))
        settings.timeout = configuration.webhookTimeout
        let sender = WebhookSender(store: store, clock: clock, settings: settings)
        let recorder = DeliveryRecorder(payloads: WebhookPayloads(urls: urls))
        recorder.onDeliveries { [weak sender] in sender?.wake() }
        store.observeMoves(recorder)
        try sender.start()
        return sender
    }

    /// A wildcard address is not something a client can connect to; name loopback instead.
    private static func reachableHost(_ host: String) -> String {
        switch host {
        case "0.0.0.0": "127.0.0.1"
        case "::", "[::]": "::1"
        default: host
        }
    }

    private static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}

extension Emulator {
    /// Answers a request as the server would, without a connection (embedding, fuzzing).
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        Routes(api: api, control: control, scheduler: scheduler).respond(to: request)
    }
}

/// Where a request goes: `/_emulator/...` to the control API, everything else to the GitHub
/// API, each once scheduled runs have caught up with the clock.
private struct Routes: Sendable {
    let api: GitHubAPI
    let control: ControlAPI
    let scheduler: Scheduler

    func respond(to request: HTTPRequest) -> HTTPResponse {
        // A failure here is the store's, and the request that follows reports it.
        try? scheduler.catchUp(to: api.clock.now, readsOnly: { [api] in api.jobReadAlone(by: request) })
        let isControl = request.path == ControlAPI.prefix || request.path.hasPrefix(ControlAPI.prefix + "/")
        return isControl ? control.respond(to: request) : api.respond(to: request)
    }

    /// Reads answer on the event loop. A write (a 1 000-job run takes ~0.1 s), a read that
    /// may first move the world on the clock or wait for another request moving it, and any
    /// request while a latency fault is set go to a thread of their own, so they hold no one else.
    func placement(of request: HTTPRequest) -> Placement {
        let reads = request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS"
        if !reads || api.faults.delaysRequests || scheduler.mayMove(at: api.clock.now) { return .ownThread }
        return .eventLoop
    }
}

/// Routes requests once installed (the API's URLs need the bound port first), and logs each.
private final class Dispatcher: HTTPResponder {
    private let routes = LockedValue<Routes?>(nil)
    private let log: RequestLog?
    /// Held while the emulator is assembled, from before the port is bound until the routes
    /// are installed.
    let assembling = Lock()

    init(log: RequestLog?) { self.log = log }

    func install(_ routes: Routes) { self.routes.set(routes) }

    /// Until the routes are installed a request waits for them: on a thread of its own.
    func placement(of request: HTTPRequest) -> Placement {
        routes.get()?.placement(of: request) ?? .ownThread
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        var installed = routes.get()
        if installed == nil {
            assembling.withLock {}
            installed = routes.get()
        }
        guard let routes = installed else {
            return HTTPResponse(status: 503, headers: HTTPHeaders([("Retry-After", "1")]))
        }
        let started = System.monotonicSeconds()
        let response = routes.respond(to: request)
        if let log {
            let elapsed = (System.monotonicSeconds() - started) * 1000
            log.request(request, response, milliseconds: elapsed)
        }
        return response
    }
}

/// A Sendable value behind a lock.
final class LockedValue<Value: Sendable>: Sendable {
    private let value: Locked<Value>
    init(_ value: Value) { self.value = Locked(value) }
    func get() -> Value { value.withLock { $0 } }
    func set(_ newValue: Value) { value.withLock { $0 = newValue } }
}
