import Clock
import Foundation
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
    private let router: Router<Endpoint>
    private let chain: MiddlewareChain

    public init(store: Store, clock: EmulatorClock, urls: ServerURLs, rateLimit: RateLimiter.Settings = .init()) {
        self.store = store
        self.clock = clock
        self.urls = urls
        let rateLimiter = RateLimiter(settings: rateLimit)
        self.rateLimiter = rateLimiter
        var router = Router<Endpoint>()
        JobEndpoints(jobJSON: JobJSON(urls: urls), logLinks: LogLinks(urls: urls)).register(in: &router)
        self.router = router
        chain = MiddlewareChain(
            middlewares: [
                GitHubHeadersMiddleware(rateLimiter: rateLimiter, requestIDs: RequestIDs()),
                AuthenticationMiddleware(store: store),
                RateLimitMiddleware(rateLimiter: rateLimiter),
                APIVersionMiddleware(),
            ],
            terminal: { [router, store] state in try Self.route(&state, router: router, store: store) }
        )
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        if request.path.hasPrefix(LogLinks.pathPrefix) {
            do {
                return try LogDownload(store: store).respond(to: request)
            } catch {
                return error.response
            }
        }
        var state = RequestState(request: request, now: clock.now)
        return answer(&state, chain.run)
    }

    /// Finds the endpoint for the path (with or without `/api/v3`) and runs it.
    private static func route(_ state: inout RequestState, router: Router<Endpoint>, store: Store) throws -> HTTPResponse {
        let request = state.request
        let hasPrefix = request.path == prefix || request.path.hasPrefix(prefix + "/")
        let path = hasPrefix ? String(request.path.dropFirst(prefix.count)) : request.path
        guard let segments = segments(path), let (endpoint, parameters) = router.match(segments) else {
            throw APIError.notFound()
        }
        // GitHub answers other methods on these read-only paths as unknown routes.
        guard request.method == "GET" || request.method == "HEAD" else { throw APIError.notFound() }
        let context = APIContext(
            request: request,
            parameters: parameters,
            resourceURL: resourceURL(request),
            caller: state.caller,
            now: state.now,
            store: store,
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
        var trimmed = Substring(path)
        guard trimmed.first == "/" else { return nil }
        trimmed.removeFirst()
        if trimmed.last == "/" { trimmed.removeLast() }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: \.isEmpty) else { return nil }
        return parts.map { PercentEncoding.decode($0) }
    }

    /// The absolute URL the client asked for, on the host it used (HTTP/1.0 may send none).
    private static func resourceURL(_ request: HTTPRequest) -> String {
        let scheme = request.isSecure ? "https" : "http"
        let host = request.headers["Host"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        // The path as sent: it carries `/api/v3` exactly when the request did.
        return "\(scheme)://\(host)\(request.path)"
    }
}

/// Serves the plain-text log behind a log URL.
struct LogDownload {
    let store: Store

    func respond(to request: HTTPRequest) throws(APIError) -> HTTPResponse {
        let idText = request.path.dropFirst(LogLinks.pathPrefix.count)
        guard request.method == "GET" || request.method == "HEAD",
              !idText.isEmpty, idText.utf8.allSatisfy({ (48...57).contains($0) }), let jobID = Int64(idText)
        else { throw APIError.notFound() }
        let job: JobRecord?
        do {
            job = try store.read { try $0.job(id: jobID) }
        } catch {
            throw APIError(status: 500, message: "Internal Server Error", documentationURL: Docs.root)
        }
        guard let job, LogText.hasLog(job) else { throw APIError.notFound() }
        return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                            body: Array(LogText.text(for: job).utf8))
    }
}
