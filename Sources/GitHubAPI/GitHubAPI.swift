import Clock
import FoundationEssentials
import HTTPServer
import Store

/// The REST API for workflow jobs as GitHub Enterprise Server answers it: routes under
/// `/api/v3` (and without the prefix), GitHub's headers on every response, its error shapes.
public final class GitHubAPI: HTTPResponder {
    /// API versions GitHub accepts in `X-GitHub-Api-Version`; the first is the default.
    public static let supportedVersions = ["2022-11-28", "2026-03-10"]
    static let prefix = "/api/v3"

    public let store: Store
    public let clock: EmulatorClock
    public let urls: ServerURLs
    public let rateLimiter: RateLimiter
    public let journal: RequestJournal
    public let faults = FaultInjector()
    public let metrics = Metrics()
    public let jobJSON: JobJSON
    private let caches: ReadCaches
    private let router: Router<Endpoint>
    private let chain: MiddlewareChain
    private let logDownload: LogDownload

    /// `logKey` signs log URLs; random per start when `nil`.
    public init(store: Store, clock: EmulatorClock, urls: ServerURLs, rateLimit: RateLimiter.Settings = .init(),
                logKey: [UInt8]? = nil, logLifetime: TimeInterval = 60, journalCapacity: Int = 1000) {
        self.store = store
        self.clock = clock
        self.urls = urls
        let rateLimiter = RateLimiter(settings: rateLimit)
        self.rateLimiter = rateLimiter
        journal = RequestJournal(capacity: journalCapacity)
        let jobJSON = JobJSON(urls: urls)
        self.jobJSON = jobJSON
        var router = Router<Endpoint>()
        let logLinks = LogLinks(urls: urls, key: logKey, lifetime: logLifetime)
        logDownload = LogDownload(store: store, links: logLinks)
        let caches = ReadCaches(store: store)
        self.caches = caches
        JobEndpoints(jobJSON: jobJSON, logLinks: logLinks).register(in: &router)
        RunEndpoints(runJSON: RunJSON(urls: urls)).register(in: &router)
        self.router = router
        chain = MiddlewareChain(
            middlewares: [
                GitHubHeadersMiddleware(rateLimiter: rateLimiter, requestIDs: RequestIDs()),
                AuthenticationMiddleware(caches: caches),
                RateLimitMiddleware(rateLimiter: rateLimiter),
                APIVersionMiddleware(),
            ],
            terminal: { [router, store, caches, faults] state in
                try Self.route(&state, router: router, store: store, caches: caches, faults: faults)
            }
        )
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = Date()
        let now = clock.now
        var state = RequestState(request: request, now: now)
        let response: HTTPResponse
        if request.path.hasPrefix(LogLinks.pathPrefix) {
            state.operationID = "logs/download"
            response = faults.take(route: "logs/download").flatMap { FaultInjector.apply($0, documentationURL: Docs.root) }
                ?? logDownload.respond(to: request, now: now)
        } else {
            response = answer(&state, chain.run)
        }
        record(request, response: response, caller: state.caller, time: now, started: started)
        metrics.record(route: state.operationID, status: response.dropsConnection ? 0 : response.status,
                       seconds: Date().timeIntervalSince(started))
        return response
    }

    private func record(_ request: HTTPRequest, response: HTTPResponse, caller: Caller, time: Date, started: Date) {
        let presented = request.headers["Authorization"].map { Authenticator.token(fromAuthorization: $0) ?? "" }
        journal.record(RequestJournal.Entry(
            time: time,
            method: request.method,
            path: request.path,
            query: request.rawQuery,
            status: response.dropsConnection ? 0 : response.status,
            tokenKind: presented == nil ? nil : (caller.tokenKind?.rawValue ?? "invalid"),
            token: presented.map(RequestJournal.redact),
            requestID: response.headers["X-GitHub-Request-Id"],
            durationMilliseconds: Date().timeIntervalSince(started) * 1000
        ))
    }

    /// Finds the endpoint for the path (with or without `/api/v3`) and runs it.
    private static func route(_ state: inout RequestState, router: Router<Endpoint>, store: Store,
                              caches: ReadCaches, faults: FaultInjector) throws -> HTTPResponse {
        let request = state.request
        let hasPrefix = request.path == prefix || request.path.hasPrefix(prefix + "/")
        let path = hasPrefix ? String(request.path.dropFirst(prefix.count)) : request.path
        guard let segments = segments(path), let (endpoint, parameters) = router.match(segments) else {
            throw APIError.notFound()
        }
        // GitHub answers other methods on these read-only paths as unknown routes.
        guard request.method == "GET" || request.method == "HEAD" else { throw APIError.notFound() }
        state.operationID = endpoint.operationID
        if let fault = faults.take(route: endpoint.operationID),
           let response = FaultInjector.apply(fault, documentationURL: endpoint.documentationURL) {
            return response
        }
        let context = APIContext(
            request: request,
            parameters: parameters,
            resourceURL: resourceURL(request),
            caller: state.caller,
            now: state.now,
            store: store,
            caches: caches,
            documentationURL: endpoint.documentationURL
        )
        return try endpoint.handle(context)
    }

    /// The version the client asked for; absent means the oldest supported one, as GitHub does.
    static func apiVersion(_ request: HTTPRequest) throws(APIError) -> String {
        guard let requested = request.headers["X-GitHub-Api-Version"] else { return supportedVersions[0] }
        guard supportedVersions.contains(requested) else {
            // Newest first, marked as GitHub marks it.
            let list = supportedVersions.reversed().enumerated().map { index, version in
                index == 0 ? "\"\(version)\" (most recent)" : "\"\(version)\""
            }
            throw APIError(
                status: 400,
                message: "The version you specified in the \"X-GitHub-API-Version\" request header, \"\(requested)\", "
                    + "is not a supported version. The following versions are currently supported: "
                    + list.joined(separator: ", ") + ".",
                documentationURL: Docs.apiVersions
            )
        }
        return requested
    }

    /// Decoded path segments; `nil` for empty segments (`//`), which GitHub does not route.
    static func segments(_ path: String) -> [String]? {
        // On bytes: `/` is ASCII, and Character-wise splitting cost more than the routing.
        let bytes = path.utf8
        guard bytes.first == UInt8(ascii: "/") else { return nil }
        var end = bytes.endIndex
        if bytes.count > 1 && bytes.last == UInt8(ascii: "/") { end = bytes.index(before: end) }
        var segments: [String] = []
        var start = bytes.index(after: bytes.startIndex)
        while true {
            let stop = bytes[start..<end].firstIndex(of: UInt8(ascii: "/")) ?? end
            guard stop > start else { return nil }  // an empty segment: `//`, or the bare `/`
            segments.append(PercentEncoding.decode(path[start..<stop]))
            if stop == end { break }
            start = bytes.index(after: stop)
        }
        return segments
    }

    /// The absolute URL the client asked for, on the host it used (HTTP/1.0 may send none).
    private static func resourceURL(_ request: HTTPRequest) -> String {
        let scheme = request.isSecure ? "https" : "http"
        let host = request.headers["Host"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        // The path as sent: it carries `/api/v3` exactly when the request did.
        return "\(scheme)://\(host)\(request.path)"
    }
}

/// Serves the plain-text log behind a signed log URL: no token needed, any number of times
/// until it expires. A seeded log is streamed from the store in pieces, never held whole.
struct LogDownload: Sendable {
    let store: Store
    let links: LogLinks
    static let chunkSize = 64 * 1024

    func respond(to request: HTTPRequest, now: Date) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD",
              let jobID = RouteParameters.id(request.path.dropFirst(LogLinks.pathPrefix.count))
        else { return Self.plain(404, "Not Found") }
        do {
            try links.verify(jobID: jobID, query: request.query, now: now)
        } catch .expired {
            return Self.plain(403, "This log URL has expired. Request a new one from the /logs endpoint.")
        } catch .badSignature {
            return Self.plain(403, "This log URL's signature is not valid.")
        } catch {
            return Self.plain(403, "This log URL is incomplete: it needs its expires and signature parameters.")
        }
        guard let job = try? store.read({ try $0.job(id: jobID) }), LogText.hasLog(job) else {
            return Self.plain(404, "Not Found")
        }
        let headers = HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")])
        guard job.hasSeededLog,
              let total = try? store.read({ $0.logBytes(jobID: jobID, offset: 0, count: 0)?.total }) else {
            return HTTPResponse(status: 200, headers: headers, body: Array(LogText.text(for: job).utf8))
        }
        let store = self.store
        return HTTPResponse(status: 200, headers: headers, stream: BodyStream(length: total) { offset, count in
            try? store.read { $0.logBytes(jobID: jobID, offset: offset, count: count)?.bytes }
        })
    }

    private static func plain(_ status: Int, _ message: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                     body: Array((message + "\n").utf8))
    }
}
