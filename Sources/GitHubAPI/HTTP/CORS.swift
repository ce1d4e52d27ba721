import HTTPServer

/// Cross-origin access as GitHub allows it: any origin may read API responses (with a token in
/// `Authorization`, never cookies), and preflights need no authentication.
enum CORS {
    /// What a page on another origin may read from a response.
    static let exposedHeaders = "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, "
        + "X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, "
        + "X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-Request-Id"

    static let preflightHeaders: [(String, String)] = [
        ("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, "
            + "If-Unmodified-Since, X-GitHub-OTP, X-Requested-With, X-GitHub-Api-Version"),
        ("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE"),
        ("Access-Control-Max-Age", "86400"),
    ]
}

/// Answers `OPTIONS` on any API path with `204` and what a browser's preflight asks, before
/// routing and without authentication: a preflight carries no credentials.
struct PreflightMiddleware: Middleware {
    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse {
        guard state.request.method == "OPTIONS" else { return try next(&state) }
        state.operationID = "cors/preflight"
        return HTTPResponse(status: 204, headers: HTTPHeaders(CORS.preflightHeaders))
    }
}
