import FoundationEssentials
import HTTPServer
import JSON

/// `GET /meta` and `GET /rate_limit`: what a client reads to learn about the server itself.
struct MetaEndpoints: Sendable {
    let release: GHESRelease
    let rateLimiter: RateLimiter

    func register(in router: inout EndpointTable) {
        router.add("/meta", Endpoint(operationID: "meta/get", documentationURL: Docs.meta, handle: meta))
        router.add("/rate_limit", Endpoint(operationID: "rate-limit/get", documentationURL: Docs.rateLimit,
                                           countsAgainstRateLimit: false, handle: rateLimit))
    }

    /// GitHub Enterprise Server's meta object: clients read `installed_version` to adapt to the release.
    func meta(_ context: APIContext) -> HTTPResponse {
        var json = JSONWriter(reservingCapacity: 96)
        json.beginObject()
        json.key("verifiable_password_authentication"); json.bool(true)
        json.key("installed_version"); json.string(release.description)
        json.endObject()
        return .json(json.bytes)
    }

    /// The caller's standing, uncounted; `404 Rate limiting is not enabled.` when it is off, as a
    /// fresh GitHub Enterprise Server answers (clients that assume it is on break there).
    func rateLimit(_ context: APIContext) throws(APIError) -> HTTPResponse {
        guard rateLimiter.settings.enabled else {
            throw APIError(status: 404, message: "Rate limiting is not enabled.", documentationURL: context.documentationURL)
        }
        let core = rateLimiter.peek(context.caller, now: context.now)
        let anonymous: Bool
        if case .anonymous = context.caller { anonymous = true } else { anonymous = false }
        // Search and GraphQL are not served here, so nothing is ever used of them.
        let minute = Date(timeIntervalSince1970: (context.now.timeIntervalSince1970 + 60).rounded(.down))
        let search = RateLimiter.Usage(limit: anonymous ? 10 : 30, used: 0, reset: minute, exceeded: false)
        let graphQL = RateLimiter.Usage(limit: anonymous ? 0 : 5000, used: 0, reset: core.reset, exceeded: false)

        var json = JSONWriter(reservingCapacity: 512)
        json.beginObject()
        json.key("resources")
        json.beginObject()
        for (name, usage) in [("core", core), ("search", search), ("graphql", graphQL)] {
            json.key(name)
            write(usage, to: &json)
        }
        json.endObject()
        // 2026-03-10 removed the deprecated `rate` (a copy of `resources.core`).
        if context.apiVersion == "2022-11-28" {
            json.key("rate")
            write(core, to: &json)
        }
        json.endObject()
        return .json(json.bytes)
    }

    private func write(_ usage: RateLimiter.Usage, to json: inout JSONWriter) {
        json.beginObject()
        json.key("limit"); json.int(usage.limit)
        json.key("used"); json.int(usage.used)
        json.key("remaining"); json.int(usage.remaining)
        json.key("reset"); json.int(Int64(usage.reset.timeIntervalSince1970))
        json.endObject()
    }
}
