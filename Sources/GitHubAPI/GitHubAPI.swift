import Clock
import FoundationEssentials
import HTTPServer
import Store

/// The REST API for workflow jobs as GitHub Enterprise Server answers it: routes under
/// `/api/v3` (and without the prefix), GitHub's headers on every response, its error shapes.
public final class GitHubAPI: HTTPResponder {
    /// How the emulated server behaves beyond its data.
    public struct Configuration: Sendable {
        /// Off by default, as a fresh GitHub Enterprise Server ships.
        public var rateLimit = RateLimiter.Settings()
        /// The release decides the API versions accepted and what `/meta` reports.
        public var release = GHESRelease.default
        /// Signs log URLs; random per start when `nil`.
        public var logKey: [UInt8]?
        /// Seconds a log URL works after it is issued.
        public var logLifetime: TimeInterval = 60
        /// How many recent requests the journal keeps.
        public var journalCapacity = 1000

        public init() {}
    }

    public let store: Store
    public let clock: EmulatorClock
    public let urls: ServerURLs
    public let configuration: Configuration
    public let apiVersions: APIVersions
    public let rateLimiter: RateLimiter
    public let journal: RequestJournal
    public let faults = FaultInjector()
    public let metrics = Metrics()
    public let jobJSON: JobJSON
    private let chain: MiddlewareChain
    /// The same routes for the dashboard: every repository readable, nothing journaled.
    private let administratorChain: MiddlewareChain
    private let logDownload: LogDownload
    private let router: Router<[String: Endpoint]>

    public init(store: Store, clock: EmulatorClock, urls: ServerURLs, configuration: Configuration = Configuration()) {
        self.store = store
        self.clock = clock
        self.urls = urls
        self.configuration = configuration
        let apiVersions = configuration.release.apiVersions
        self.apiVersions = apiVersions
        let rateLimiter = RateLimiter(settings: configuration.rateLimit)
        self.rateLimiter = rateLimiter
        journal = RequestJournal(capacity: configuration.journalCapacity)
        let jobJSON = JobJSON(urls: urls)
        self.jobJSON = jobJSON
        let logLinks = LogLinks(urls: urls, key: configuration.logKey, lifetime: configuration.logLifetime)
        logDownload = LogDownload(store: store, links: logLinks)
        let caches = ReadCaches(store: store)

        var endpoints = EndpointTable()
        JobEndpoints(jobJSON: jobJSON, logLinks: logLinks).register(in: &endpoints)
        RunEndpoints(runJSON: RunJSON(urls: urls)).register(in: &endpoints)
        RunLogEndpoints(logLinks: logLinks).register(in: &endpoints)
        WorkflowEndpoints(runJSON: RunJSON(urls: urls), urls: urls, release: configuration.release).register(in: &endpoints)
        RunWriteEndpoints().register(in: &endpoints)
        MetaEndpoints(release: configuration.release, rateLimiter: rateLimiter).register(in: &endpoints)
        AppEndpoints(json: AppJSON(urls: urls)).register(in: &endpoints)
        HookEndpoints(json: HookJSON(urls: urls), payloads: WebhookPayloads(urls: urls)).register(in: &endpoints)
        let router = endpoints.router
        self.router = router

        // Outermost first. Each rule sees only requests the ones before it let through, and adds
        // its headers to whatever comes back, errors included.
        var middlewares: [any Middleware] = [
            ServerHeadersMiddleware(release: configuration.release),
            PreflightMiddleware(),
            RoutingMiddleware(router: router),
            AuthenticationMiddleware(caches: caches, store: store),
        ]
        if configuration.rateLimit.enabled { middlewares.append(RateLimitMiddleware(rateLimiter: rateLimiter)) }
        middlewares += [APIVersionMiddleware(versions: apiVersions), ConditionalRequestMiddleware()]
        chain = MiddlewareChain(middlewares: middlewares) { [store, caches, faults] state in
            try Self.handle(&state, store: store, caches: caches, faults: faults)
        }
        let routing = RoutingMiddleware(router: router)
        administratorChain = MiddlewareChain(middlewares: [routing, ConditionalRequestMiddleware()]) { [store, caches] state in
            try Self.handle(&state, store: store, caches: caches, faults: nil)
        }
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = System.monotonicSeconds()
        let now = clock.now
        var state = RequestState(request: request, now: now,
                                 apiVersion: apiVersions.selected(by: request.headers["X-GitHub-Api-Version"]))
        var response: HTTPResponse
        if request.path.hasPrefix(LogLinks.pathPrefix) {
            state.operationID = "logs/download"
            response = faults.take(route: "logs/download").flatMap { FaultInjector.apply($0, documentationURL: Docs.root) }
                ?? logDownload.respond(to: request, now: now)
            // Like the storage URLs GitHub redirects to, readable from a page on any origin.
            response.headers.add("Access-Control-Allow-Origin", "*")
        } else {
            response = answer(&state, chain.run)
        }
        let seconds = System.monotonicSeconds() - started
        record(state, response: response, seconds: seconds)
        metrics.record(route: state.operationID, status: response.dropsConnection ? 0 : response.status, seconds: seconds)
        return response
    }

    /// The job a request reads when its answer depends on that job's row alone: `GET` (or
    /// `HEAD`) job, by a caller whose credential no job's progress can revoke (not an issued
    /// `ghs_` token, as a GITHUB_TOKEN is). `nil` for every other request.
    public func jobReadAlone(by request: HTTPRequest) -> Int64? {
        guard request.method == "GET" || request.method == "HEAD" else { return nil }
        if let header = request.headers["Authorization"],
           Authenticator.token(fromAuthorization: header)?.hasPrefix(IssuedToken.prefix) ?? true { return nil }
        guard let (endpoints, parameters) = RoutingMiddleware.match(request.path, in: router),
              endpoints["GET"]?.operationID == JobEndpoints.getJobOperation
        else { return nil }
        return parameters.id("job_id")
    }

    /// Answers a request as an App installation granted every repository (`actions: write`)
    /// would get it: how the dashboard reads private repositories, and cancels and re-runs,
    /// through the same endpoints clients use. Not journaled, counted, rate-limited or faulted,
    /// so it never shows up among what the client under test did.
    public func respondAsAdministrator(to request: HTTPRequest) -> HTTPResponse {
        var state = RequestState(request: request, now: clock.now, apiVersion: apiVersions.default)
        state.caller = .token(TokenRecord(token: "", kind: .installation, repositories: .all, permissions: ["actions": "write"]))
        return answer(&state, administratorChain.run)
    }

    /// A job's log as `/logs` would serve it, up to `limit` bytes (the dashboard shows it);
    /// `nil` when the job does not exist or has no log yet.
    public func log(ofJob jobID: Int64, limit: Int = 1 << 20) throws -> String? {
        try store.read { reader -> String? in
            guard let job = try reader.job(id: jobID), LogText.hasLog(job) else { return nil }
            if job.hasSeededLog, let seeded = reader.logBytes(jobID: jobID, offset: 0, count: limit) {
                return String(decoding: seeded.bytes, as: UTF8.self)
            }
            let text = LogText.text(for: job, permissions: try reader.githubTokenRecord(jobID: jobID)?.permissions)
            return text.utf8.count <= limit ? text : String(decoding: text.utf8.prefix(limit), as: UTF8.self)
        }
    }

    private func record(_ state: RequestState, response: HTTPResponse, seconds: Double) {
        journal.record(RequestJournal.Entry(
            time: state.now,
            method: state.request.method,
            path: state.request.path,
            query: state.request.rawQuery,
            status: response.dropsConnection ? 0 : response.status,
            tokenKind: state.authorization == nil ? nil : (state.caller.credentialKind ?? "invalid"),
            token: state.authorization == nil ? nil : state.presentedToken ?? "",
            requestID: response.headers["X-GitHub-Request-Id"],
            durationMilliseconds: seconds * 1000
        ))
    }

    /// Runs the routed endpoint, unless a fault injected for it answers instead.
    private static func handle(_ state: inout RequestState, store: Store, caches: ReadCaches,
                               faults: FaultInjector?) throws -> HTTPResponse {
        guard let endpoint = state.endpoint else { throw APIError.notFound() }
        if let fault = faults?.take(route: endpoint.operationID),
           let response = FaultInjector.apply(fault, documentationURL: endpoint.documentationURL) {
            return response
        }
        let context = APIContext(
            request: state.request,
            parameters: state.parameters,
            caller: state.caller,
            apiVersion: state.apiVersion ?? "2022-11-28",
            now: state.now,
            store: store,
            caches: caches,
            documentationURL: endpoint.documentationURL
        )
        return try endpoint.handle(context)
    }
}

/// Refuses an `X-GitHub-Api-Version` the server does not support, with GitHub's 400.
struct APIVersionMiddleware: Middleware {
    let versions: APIVersions

    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse {
        if state.apiVersion == nil { _ = try versions.validate(state.request.headers["X-GitHub-Api-Version"]) }
        return try next(&state)
    }
}
