import HTTPServer

/// With rate limiting on: counts each request against its caller's hourly budget, refuses it
/// once the budget is spent, and reports the standing in `X-RateLimit-*` on every answer past
/// authentication. `GET /rate_limit` and an authorized 304 cost nothing. Not in the chain at
/// all when rate limiting is off, as on a fresh GitHub Enterprise Server.
struct RateLimitMiddleware: Middleware {
    let rateLimiter: RateLimiter

    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse {
        let counted = state.endpoint?.countsAgainstRateLimit ?? true
        var usage = counted ? rateLimiter.record(state.caller, now: state.now) : rateLimiter.peek(state.caller, now: state.now)
        var response: HTTPResponse
        if usage.exceeded {
            response = refusal(state, usage: usage).response
        } else {
            response = answer(&state, next)
            if counted, response.status == 304, case .token = state.caller {
                usage = rateLimiter.refund(state.caller, now: state.now)
            }
        }
        response.headers.add(contentsOf: usage.headers)
        return response
    }

    private func refusal(_ state: RequestState, usage: RateLimiter.Usage) -> APIError {
        let who: String
        switch state.caller {
        case .anonymous(let address):
            who = "\(address). (But here's the good news: Authenticated requests get a higher rate limit. "
                + "Check out the documentation for more details.)"
        case .token(let token):
            who = token.user.map { "user \($0)." } ?? "installation."
        case .app:
            who = "integration."
        }
        let retryAfter = max(0, Int(usage.reset.timeIntervalSince(state.now).rounded(.up)))
        return APIError(status: rateLimiter.settings.status, message: "API rate limit exceeded for \(who)",
                        documentationURL: Docs.rateLimits, headers: [("Retry-After", String(retryAfter))])
    }
}
