import JSON
import Store

/// Parses the `tokens` entries of a seed.
enum TokenSeed {
    /// Token prefixes as GitHub issues them, used when a seed omits `kind`.
    static let prefixes: [(String, TokenKind)] = [
        ("github_pat_", .fineGrained), ("ghp_", .classic), ("gho_", .oauth), ("ghs_", .installation), ("ghu_", .appUser),
    ]

    static func parse(_ value: JSONValue, path: String, source: String) throws(SeedError) -> TokenRecord {
        var fields = try FieldReader(value, path: path, source: source)
        let token = try fields.requiredString("token")
        guard token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw fields.error("token", "must be printable ASCII without spaces")
        }
        let kind: TokenKind
        if let kindName = try fields.oneOf("kind", TokenKind.allCases.map(\.rawValue)) {
            kind = TokenKind(rawValue: kindName)!
        } else if let derived = prefixes.first(where: { token.hasPrefix($0.0) })?.1 {
            kind = derived
        } else {
            throw fields.error("kind", "required when the token has none of the prefixes ghp_, gho_, github_pat_, ghs_, ghu_")
        }

        let user = try fields.string("user")
        if kind != .installation && user == nil {
            throw fields.error("user", "required for \(kind.rawValue) tokens (whose user they act as)")
        }
        if kind == .installation && user != nil {
            throw fields.error("user", "installation tokens act as the App, not a user")
        }

        let classic = kind == .classic || kind == .oauth
        let scopes = try fields.strings("scopes")
        if scopes != nil && !classic {
            throw fields.error("scopes", "scopes apply to classic and oauth tokens; \(kind.rawValue) tokens use permissions")
        }
        let permissions = try parsePermissions(&fields)
        if permissions != nil && classic {
            throw fields.error("permissions", "classic and oauth tokens have scopes, not permissions")
        }
        let repositories = try parseRepositories(&fields)
        if repositories != nil && classic {
            throw fields.error("repositories", "classic and oauth tokens reach every repository their user can read")
        }
        let record = TokenRecord(
            token: token, kind: kind, user: user, scopes: scopes ?? [], repositories: repositories ?? .all,
            permissions: permissions ?? [:], expiresAt: try fields.timestamp("expires_at", nullable: true).value,
            revoked: try fields.bool("revoked") ?? false
        )
        try fields.finish()
        return record
    }

    static func parsePermissions(_ fields: inout FieldReader) throws(SeedError) -> [String: String]? {
        guard let value = fields.value("permissions") else { return nil }
        var permissions = try FieldReader(value, path: FieldReader.childPath(fields.path, "permissions"), source: fields.source)
        guard case .object(let members) = value else { return nil }
        var result: [String: String] = [:]
        for member in members {
            result[member.key] = try permissions.oneOf(member.key, ["read", "write", "admin"])
        }
        return result
    }

    static func parseRepositories(_ fields: inout FieldReader) throws(SeedError) -> RepositorySelection? {
        guard let value = fields.value("repositories") else { return nil }
        if case .string("all") = value { return .all }
        guard case .array(let elements) = value else {
            throw fields.error("repositories", "expected \"all\" or an array of \"owner/name\" strings, found \(value.kindDescription)")
        }
        var names: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let name) = element, RepositoryName.split(name) != nil else {
                throw SeedError(source: fields.source, path: "\(FieldReader.childPath(fields.path, "repositories"))[\(index)]",
                                reason: "expected \"owner/name\"")
            }
            names.append(name)
        }
        return .selected(names)
    }
}
