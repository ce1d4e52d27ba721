import Clock
import FoundationEssentials
import JSON
import HTTPServer
import Store

/// The state of one API request as it passes through the middleware chain.
public struct RequestState: Sendable {
    public let request: HTTPRequest
    public let now: Date
    public var caller: Caller
    /// What the rate limiter counted, once it has.
    public var rateLimit: RateLimiter.Usage?
    public var apiVersion = GitHubAPI.supportedVersions[0]
    /// The operation the path matched, once routed (`unknown` until then).
    public var operationID = "unknown"

    public init(request: HTTPRequest, now: Date) {
        self.request = request
        self.now = now
        self.caller = .anonymous(address: request.remoteAddress)
    }
}

/// A rule that applies to every API request: it may answer itself, or pass the request on with
/// `next` and adjust the response. Errors thrown are `APIError`s.
public protocol Middleware: Sendable {
    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse
}

/// Middlewares in order, ending in a terminal handler.
struct MiddlewareChain: Sendable {
    let middlewares: [any Middleware]
    let terminal: @Sendable (inout RequestState) throws -> HTTPResponse

    func run(_ state: inout RequestState) throws -> HTTPResponse {
        try run(&state, from: 0)
    }

    private func run(_ state: inout RequestState, from index: Int) throws -> HTTPResponse {
        guard index < middlewares.count else { return try terminal(&state) }
        return try middlewares[index].handle(&state) { state in try run(&state, from: index + 1) }
    }
}

/// Runs `next`, turning a thrown `APIError` into its response so headers can be added to it.
func answer(_ state: inout RequestState, _ next: (inout RequestState) throws -> HTTPResponse) -> HTTPResponse {
    do {
        return try next(&state)
    } catch let error as APIError {
        return error.response
    } catch {
        return APIError(status: 500, message: "Internal Server Error", documentationURL: Docs.root).response
    }
}

/// GitHub's headers on every response, errors included: media type, request id, rate limit.
struct GitHubHeadersMiddleware: Middleware {
    let rateLimiter: RateLimiter
    let requestIDs: RequestIDs

    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) -> HTTPResponse {
        var response = answer(&state, next)
        // A request refused before the rate-limit stage (bad credentials) still counts, as anonymous.
        let usage = state.rateLimit ?? rateLimiter.record(state.caller, now: state.now)
        response.headers.add("X-GitHub-Media-Type", "github.v3; format=json")
        response.headers.add("X-GitHub-Request-Id", requestIDs.next())
        response.headers.add("X-RateLimit-Limit", String(usage.limit))
        response.headers.add("X-RateLimit-Remaining", String(usage.remaining))
        response.headers.add("X-RateLimit-Reset", String(Int(usage.reset.timeIntervalSince1970)))
        response.headers.add("X-RateLimit-Used", String(usage.used))
        response.headers.add("X-RateLimit-Resource", "core")
        return response
    }
}

/// Identifies the caller from `Authorization`; 401 beats every other answer.
struct AuthenticationMiddleware: Middleware {
    let caches: ReadCaches
    let authenticator = Authenticator()

    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse {
        state.caller = try authenticator.caller(for: state.request, caches: caches, now: state.now)
        guard case .token(let token) = state.caller else { return try next(&state) }
        var response = answer(&state, next)
        if token.kind == .classic || token.kind == .oauth {
            response.headers.add("X-OAuth-Scopes", token.scopes.joined(separator: ", "))
        }
        if let expiry = token.expiresAt.flatMap(Timestamp.parse) {
            response.headers.add("GitHub-Authentication-Token-Expiration", Self.expirationFormat(expiry))
        }
        return response
    }

    /// `2030-01-01 00:00:00 UTC`, as GitHub writes it.
    static func expirationFormat(_ date: Date) -> String {
        let text = Timestamp.format(date)  // 2030-01-01T00:00:00Z
        return text.replacing("T", with: " ").replacing("Z", with: " UTC")
    }
}

/// Counts the request against its caller's hourly budget and refuses it when enforcement is on
/// and the budget is spent.
struct RateLimitMiddleware: Middleware {
    let rateLimiter: RateLimiter

    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse {
        let usage = rateLimiter.record(state.caller, now: state.now)
        state.rateLimit = usage
        guard usage.exceeded else { return try next(&state) }
        let who: String
        switch state.caller {
        case .anonymous(let address):
            who = "\(address). (But here's the good news: Authenticated requests get a higher rate limit. "
                + "Check out the documentation for more details.)"
        case .token(let token):
            who = token.user.map { "user \($0)." } ?? "installation."
        }
        let retryAfter = max(0, Int(usage.reset.timeIntervalSince(state.now).rounded(.up)))
        throw APIError(status: rateLimiter.settings.status, message: "API rate limit exceeded for \(who)",
                       documentationURL: "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api",
                       headers: [("Retry-After", String(retryAfter))])
    }
}

/// Validates `X-GitHub-Api-Version` and reports the version selected on every response after it.
struct APIVersionMiddleware: Middleware {
    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse {
        state.apiVersion = try GitHubAPI.apiVersion(state.request)
        var response = answer(&state, next)
        response.headers.add("X-GitHub-Api-Version-Selected", state.apiVersion)
        return response
    }
}

/// Runs a read transaction; `APIError`s pass through, store failures become a 500.
func readStore<T>(_ store: Store, documentationURL: String = Docs.root,
                  _ body: (StoreReader) throws -> T) throws(APIError) -> T {
    try storeAnswer(documentationURL: documentationURL) { try store.read(body) }
}

/// `body`'s result; `APIError`s pass through, store failures become a 500.
func storeAnswer<T>(documentationURL: String = Docs.root, _ body: () throws -> T) throws(APIError) -> T {
    do {
        return try body()
    } catch let error as APIError {
        throw error
    } catch {
        throw APIError(status: 500, message: "Internal Server Error: \(error)", documentationURL: documentationURL)
    }
}

/// GitHub-style request ids (`1705:B551:000000:000001:9E3779B1`): five hex groups, unique per process.
final class RequestIDs: Sendable {
    private let counter = LockedDictionary<Int, UInt64>()
    private let seed = UInt32.random(in: 0...UInt32.max)

    func next() -> String {
        let count = counter.update(0) { value -> UInt64 in
            value = (value ?? 0) &+ 1
            return value!
        }
        let groups: [(UInt64, Int)] = [
            (UInt64(seed >> 16), 4), (UInt64(seed & 0xFFFF), 4), ((count >> 24) & 0xFFFFFF, 6), (count & 0xFFFFFF, 6),
            (UInt64(UInt32(truncatingIfNeeded: count &* 2_654_435_761)), 8),
        ]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for (index, (value, width)) in groups.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ":")) }
            NumberText.appendHex(value, width: width, uppercase: true, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
