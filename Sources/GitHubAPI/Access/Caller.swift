import Clock
import FoundationEssentials
import HTTPServer
import Store

/// Who is making a request, as far as authorization is concerned.
public enum Caller: Sendable, Equatable {
    case anonymous(address: String)
    case token(TokenRecord)
    /// A GitHub App, by a JWT it signed: only the App routes take it.
    case app(AppRecord)

    /// The user the caller acts as; `nil` for anonymous callers and App installations.
    var user: String? {
        if case .token(let token) = self { return token.user }
        return nil
    }

    /// The login a write is recorded under (a run's `actor`, a re-run's `triggering_actor`):
    /// the token's user, or for an App installation its bot (GITHUB_TOKEN's, until
    /// installations name their App).
    var login: String {
        switch self {
        case .token(let token): token.user ?? "github-actions[bot]"
        case .app(let app): "\(app.slug)[bot]"
        case .anonymous: "ghost"
        }
    }

    /// The token's kind, for the journal and headers; `nil` when anonymous.
    public var tokenKind: TokenKind? {
        if case .token(let token) = self { return token.kind }
        return nil
    }

    /// How the journal names the credential: a token kind, `app_jwt`, or `nil` when anonymous.
    var credentialKind: String? {
        switch self {
        case .token(let token): token.kind.rawValue
        case .app: "app_jwt"
        case .anonymous: nil
        }
    }
}

/// Reads `Authorization` and finds the token, answering 401 `Bad credentials` for anything
/// presented that is not a live token (unknown, malformed, expired, revoked).
public struct Authenticator: Sendable {
    public init() {}

    public func caller(for state: RequestState, caches: ReadCaches) throws(APIError) -> Caller {
        guard state.authorization != nil else { return .anonymous(address: state.request.remoteAddress) }
        guard let presented = state.presentedToken else { throw .badCredentials }
        guard let token = try caches.token(presented), !token.revoked else { throw .badCredentials }
        if let expiry = token.expiresAt.flatMap(Timestamp.parse), expiry <= state.now { throw .badCredentials }
        return .token(token)
    }

    /// The token in `Bearer T` or `token T` (schemes are case-insensitive, as HTTP says).
    public static func token(fromAuthorization header: String) -> String? {
        // On an array of the bytes: this runs on every request, and String.UTF8View's generic
        // searches cost more than the rest of authentication.
        let bytes = Array(header.utf8)
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let schemeStart = bytes.firstIndex(where: { !isBlank($0) }),
              let schemeEnd = bytes[schemeStart...].firstIndex(where: isBlank),
              let tokenStart = bytes[schemeEnd...].firstIndex(where: { !isBlank($0) }),
              let tokenLast = bytes.lastIndex(where: { !isBlank($0) })
        else { return nil }
        let scheme = bytes[schemeStart..<schemeEnd]
        guard Self.schemes.contains(where: { scheme.elementsEqual($0) { $0 | 0x20 == $1 } }) else { return nil }
        return String(decoding: bytes[tokenStart...tokenLast], as: UTF8.self)
    }

    /// The schemes a token comes with, lowercase: letters only, so `| 0x20` compares them in any case.
    private static let schemes = [Array("bearer".utf8), Array("token".utf8)]
}

extension APIError {
    /// 401 for a token that is not (or no longer) valid, on every path, public or not.
    public static let badCredentials = APIError(status: 401, message: "Bad credentials", documentationURL: Docs.root)
}

/// Identifies the caller from `Authorization`; on a route that exists, 401 beats every other answer.
struct AuthenticationMiddleware: Middleware {
    let caches: ReadCaches
    let authenticator = Authenticator()

    let appAuthenticator: AppAuthenticator

    init(caches: ReadCaches, store: Store) {
        self.caches = caches
        appAuthenticator = AppAuthenticator(store: store)
    }

    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse {
        if state.endpoint?.credential == .appJWT {
            state.caller = try appAuthenticator.caller(for: state.request, now: state.now)
            return try next(&state)
        }
        state.caller = try authenticator.caller(for: state, caches: caches)
        guard case .token(let token) = state.caller else { return try next(&state) }
        var response = answer(&state, next)
        if token.kind == .classic || token.kind == .oauth {
            response.headers.add("X-OAuth-Scopes", token.scopes.joined(separator: ", "))
        }
        if token.kind != .installation, let expiry = token.expiresAt.flatMap(Timestamp.parse) {
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
