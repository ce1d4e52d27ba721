import Clock
import FoundationEssentials
import HTTPServer
import Store

/// Who is making a request, as far as authorization is concerned.
public enum Caller: Sendable, Equatable {
    case anonymous(address: String)
    case token(TokenRecord)

    /// The user the caller acts as; `nil` for anonymous callers and App installations.
    var user: String? {
        if case .token(let token) = self { return token.user }
        return nil
    }

    /// The token's kind, for the journal and headers; `nil` when anonymous.
    public var tokenKind: TokenKind? {
        if case .token(let token) = self { return token.kind }
        return nil
    }
}

/// Reads `Authorization` and finds the token, answering 401 `Bad credentials` for anything
/// presented that is not a live token (unknown, malformed, expired, revoked).
public struct Authenticator: Sendable {
    public init() {}

    public func caller(for request: HTTPRequest, caches: ReadCaches, now: Date) throws(APIError) -> Caller {
        guard let header = request.headers["Authorization"] else {
            return .anonymous(address: request.remoteAddress)
        }
        guard let presented = Self.token(fromAuthorization: header) else { throw .badCredentials }
        guard let token = try caches.token(presented), !token.revoked else { throw .badCredentials }
        if let expiry = token.expiresAt.flatMap(Timestamp.parse), expiry <= now { throw .badCredentials }
        return .token(token)
    }

    /// The token in `Bearer T` or `token T` (schemes are case-insensitive, as HTTP says).
    public static func token(fromAuthorization header: String) -> String? {
        // On bytes: this runs on every request, and Character-wise splitting costs microseconds.
        let bytes = header.utf8
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let schemeStart = bytes.firstIndex(where: { !isBlank($0) }),
              let schemeEnd = bytes[schemeStart...].firstIndex(where: isBlank),
              let tokenStart = bytes[schemeEnd...].firstIndex(where: { !isBlank($0) }),
              let tokenLast = bytes.lastIndex(where: { !isBlank($0) })
        else { return nil }
        let scheme = String(header[schemeStart..<schemeEnd])
        guard scheme.caseInsensitiveEquals("bearer") || scheme.caseInsensitiveEquals("token") else { return nil }
        return String(header[tokenStart...tokenLast])
    }
}

extension APIError {
    /// 401 for a token that is not (or no longer) valid, on every path, public or not.
    public static let badCredentials = APIError(status: 401, message: "Bad credentials", documentationURL: Docs.root)
}

/// GitHub's visibility rules for the Actions endpoints: who may read a repository's jobs, and
/// what they are told when not (404 for anything they may not know exists, 403 when a
/// fine-grained token sees the repository but lacks the `actions` permission).
public enum Access {
    /// The repository named in the path, if the caller may read its Actions data.
    public static func repository(_ context: APIContext) throws(APIError) -> RepositoryRecord {
        guard let owner = context.parameters["owner"], let name = context.parameters["repo"],
              let repository = try context.caches.repository(owner: owner, name: name)
        else { throw APIError.notFound(context.documentationURL) }
        try check(context.caller, canRead: repository, documentationURL: context.documentationURL)
        return repository
    }

    /// Throws the answer GitHub gives when `caller` may not read `repository`'s Actions data.
    public static func check(_ caller: Caller, canRead repository: RepositoryRecord, documentationURL: String) throws(APIError) {
        // Public resources need neither a token nor any scope or permission.
        if repository.visibility == .public { return }
        guard case .token(let token) = caller else { throw APIError.notFound(documentationURL) }
        switch token.kind {
        case .classic, .oauth:
            guard userCanRead(token.user, repository), token.scopes.contains("repo") else {
                throw APIError.notFound(documentationURL)
            }
        case .fineGrained, .appUser, .installation:
            guard selects(token, repository), token.kind == .installation || userCanRead(token.user, repository) else {
                throw APIError.notFound(documentationURL)
            }
            guard ["read", "write", "admin"].contains(token.permissions["actions"] ?? "") else {
                let holder = token.kind == .fineGrained ? "personal access token" : "integration"
                throw APIError(status: 403, message: "Resource not accessible by \(holder)",
                               documentationURL: documentationURL,
                               headers: [("X-Accepted-GitHub-Permissions", "actions=read")])
            }
        }
    }

    /// Owners and listed readers read a repository; an internal one is readable by every user
    /// of the instance (every user a seed names, which includes every token's user).
    static func userCanRead(_ user: String?, _ repository: RepositoryRecord) -> Bool {
        guard let user else { return false }
        if repository.visibility == .internal { return true }
        return user.lowercased() == repository.owner.lowercased()
            || repository.readers.contains { $0.lowercased() == user.lowercased() }
    }

    static func selects(_ token: TokenRecord, _ repository: RepositoryRecord) -> Bool {
        switch token.repositories {
        case .all: true
        case .selected(let names): names.contains { $0.lowercased() == repository.fullName.lowercased() }
        }
    }
}
