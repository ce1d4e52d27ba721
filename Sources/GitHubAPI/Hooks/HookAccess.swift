import HTTPServer
import Store

/// Whose hooks a route manages, once the caller has been found allowed to.
enum HookScope {
    case repository(RepositoryRecord)
    case organization(String)
    case app(AppRecord)

    var owner: HookRecord.Owner {
        switch self {
        case .repository(let repository): .repository(repository.id)
        case .organization(let login): .organization(login)
        case .app(let app): .app(app.id)
        }
    }

    var repository: RepositoryRecord? {
        if case .repository(let repository) = self { return repository }
        return nil
    }
}

/// Who may manage hooks (webhooks.md): admins of the repository or organization, holding the
/// scope or permission for it. Not an admin: 404 as for a missing one; an admin without the
/// scope or permission: 403; no credential: 401.
enum HookAccess {
    static func scope(_ context: APIContext, writing: Bool) throws(APIError) -> HookScope {
        if case .app(let app) = context.caller { return .app(app) }
        if let login = context.parameters["org"] { return try organization(login, context, writing: writing) }
        guard let owner = context.parameters["owner"], let name = context.parameters["repo"] else {
            throw APIError.notFound(context.documentationURL)
        }
        let repository = try context.caches.repository(owner: owner, name: name)
        let token = try token(context, exists: repository != nil)
        guard let repository else { throw APIError.notFound(context.documentationURL) }
        // An organization's admins administer its repositories.
        let organizationAdmins = try context.read { try $0.organization(repository.owner)?.admins } ?? []
        let isAdmin = { (user: String?) in
            Self.isAdmin(user, of: repository) || organizationAdmins.contains { $0.lowercased() == user?.lowercased() }
        }
        switch token.kind {
        case .classic, .oauth:
            guard isAdmin(token.user) else { throw APIError.notFound(context.documentationURL) }
            let accepted = writing ? ["admin:repo_hook", "write:repo_hook", "repo"]
                                   : ["admin:repo_hook", "write:repo_hook", "read:repo_hook", "repo"]
            try requireScope(token, accepted, context)
        case .fineGrained, .appUser, .installation:
            guard Access.selects(token, repository), token.kind == .installation || isAdmin(token.user) else {
                throw APIError.notFound(context.documentationURL)
            }
            try requirePermission(token, "repository_hooks", writing: writing, context)
        }
        return .repository(repository)
    }

    private static func organization(_ login: String, _ context: APIContext, writing: Bool) throws(APIError) -> HookScope {
        let organization = try context.read { try $0.organization(login) }
        let token = try token(context, exists: organization != nil)
        guard let organization else { throw APIError.notFound(context.documentationURL) }
        let isAdmin = token.user.map { user in organization.admins.contains { $0.lowercased() == user.lowercased() } } ?? false
        switch token.kind {
        case .classic, .oauth:
            guard isAdmin else { throw APIError.notFound(context.documentationURL) }
            try requireScope(token, ["admin:org_hook"], context)
        case .fineGrained, .appUser, .installation:
            let reaches = token.kind == .installation
                ? (token.account.map { $0.lowercased() == organization.login.lowercased() } ?? true) : isAdmin
            guard reaches else { throw APIError.notFound(context.documentationURL) }
            try requirePermission(token, "organization_hooks", writing: writing, context)
        }
        return .organization(organization.login)
    }

    /// The caller's token; 401 without one (where the resource exists: else the 404 says less).
    private static func token(_ context: APIContext, exists: Bool) throws(APIError) -> TokenRecord {
        guard case .token(let token) = context.caller else {
            if !exists { throw APIError.notFound(context.documentationURL) }
            throw APIError(status: 401, message: "Requires authentication", documentationURL: context.documentationURL)
        }
        return token
    }

    static func isAdmin(_ user: String?, of repository: RepositoryRecord) -> Bool {
        guard let user = user?.lowercased() else { return false }
        return user == repository.owner.lowercased() || repository.admins.contains { $0.lowercased() == user }
    }

    private static func requireScope(_ token: TokenRecord, _ accepted: [String], _ context: APIContext) throws(APIError) {
        guard !token.scopes.contains(where: accepted.contains) else { return }
        throw APIError(status: 403, message: "Resource not accessible by personal access token",
                       documentationURL: context.documentationURL,
                       headers: [("X-Accepted-OAuth-Scopes", accepted.sorted().joined(separator: ", "))])
    }

    private static func requirePermission(_ token: TokenRecord, _ permission: String, writing: Bool,
                                          _ context: APIContext) throws(APIError) {
        let level = writing ? "write" : "read"
        guard !PermissionLevel.covers(token.permissions[permission], level) else { return }
        let holder = token.kind == .fineGrained ? "personal access token" : "integration"
        throw APIError(status: 403, message: "Resource not accessible by \(holder)", documentationURL: context.documentationURL,
                       headers: [("X-Accepted-GitHub-Permissions", "\(permission)=\(level)")])
    }
}
