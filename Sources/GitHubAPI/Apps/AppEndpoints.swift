import Clock
import FoundationEssentials
import HTTPServer
import JSON
import Store

/// The App routes of apps.md: the app and its installations (by JWT), the exchange of a JWT for
/// an installation token, and what an installation token may ask about itself.
struct AppEndpoints: Sendable {
    /// How long an installation token lives, on the emulator clock.
    static let tokenLifetime: TimeInterval = 3600

    let json: AppJSON

    func register(in router: inout EndpointTable) {
        func app(_ method: String, _ pattern: String, _ operationID: String, _ documentationURL: String,
                 _ handle: @escaping @Sendable (APIContext) throws(APIError) -> HTTPResponse) {
            router.add(method, pattern, Endpoint(operationID: operationID, documentationURL: documentationURL,
                                                 credential: .appJWT, handle: handle))
        }
        app("GET", "/app", "apps/get-authenticated", Docs.getApp) { [self] context throws(APIError) in try getApp(context) }
        app("GET", "/app/installations", "apps/list-installations", Docs.listInstallations) { [self] context throws(APIError) in
            try listInstallations(context)
        }
        app("GET", "/app/installations/:installation_id", "apps/get-installation", Docs.getInstallation) {
            [self] context throws(APIError) in try getInstallation(context)
        }
        app("GET", "/repos/:owner/:repo/installation", "apps/get-repo-installation", Docs.getRepositoryInstallation) {
            [self] context throws(APIError) in try getRepositoryInstallation(context)
        }
        app("GET", "/orgs/:account/installation", "apps/get-org-installation", Docs.getOrganizationInstallation) {
            [self] context throws(APIError) in try getAccountInstallation(context)
        }
        app("GET", "/users/:account/installation", "apps/get-user-installation", Docs.getUserInstallation) {
            [self] context throws(APIError) in try getAccountInstallation(context)
        }
        app("POST", "/app/installations/:installation_id/access_tokens", "apps/create-installation-access-token",
            Docs.createInstallationToken) { [self] context throws(APIError) in try createToken(context) }
        router.add("/installation/repositories",
                   Endpoint(operationID: "apps/list-repos-accessible-to-installation",
                            documentationURL: Docs.listInstallationRepositories) { [self] context throws(APIError) in
                       try installationRepositories(context)
                   })
        router.add("DELETE", "/installation/token",
                   Endpoint(operationID: "apps/revoke-installation-access-token",
                            documentationURL: Docs.revokeInstallationToken, handle: Self.revokeToken))
    }

    // MARK: the app and its installations (JWT)

    private func getApp(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let app = try Self.app(context)
        let count = try context.read { try $0.installations(appID: app.id, limit: 0, offset: 0).totalCount }
        return .json(json.encode(app, installationCount: count))
    }

    private func listInstallations(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let app = try Self.app(context)
        let page = Page(query: context.request.query)
        guard let offset = page.offset else { return .json(json.encodeList([], of: app)) }
        let (installations, total) = try context.read { reader in
            let (page, total) = try reader.installations(appID: app.id, limit: page.size, offset: offset)
            return (try page.map { ($0, isUser: try reader.isUser($0.account)) }, total)
        }
        var response = HTTPResponse.json(json.encodeList(installations, of: app))
        if let link = LinkHeader.value(base: context.resourceURL, query: context.request.query, page: page, total: total) {
            response.headers.add("Link", link)
        }
        return response
    }

    private func getInstallation(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let app = try Self.app(context)
        return try answer(context, app) { reader in
            guard let id = context.parameters.id("installation_id"), let installation = try reader.installation(id: id),
                  installation.appID == app.id
            else { return nil }
            return installation
        }
    }

    /// The installation on the repository's owner, when it reaches the repository.
    private func getRepositoryInstallation(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let app = try Self.app(context)
        return try answer(context, app) { reader in
            guard let owner = context.parameters["owner"], let name = context.parameters["repo"],
                  let repository = try reader.repository(owner: owner, name: name),
                  let installation = try reader.installation(appID: app.id, account: repository.owner),
                  installation.repositories.includes(repository)
            else { return nil }
            return installation
        }
    }

    /// `/orgs/{org}/installation` and `/users/{username}/installation`.
    private func getAccountInstallation(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let app = try Self.app(context)
        return try answer(context, app) { reader in
            guard let account = context.parameters["account"] else { return nil }
            return try reader.installation(appID: app.id, account: account)
        }
    }

    private func answer(_ context: APIContext, _ app: AppRecord,
                        _ find: (StoreReader) throws -> InstallationRecord?) throws(APIError) -> HTTPResponse {
        let found = try context.read { reader -> (InstallationRecord, Bool)? in
            guard let installation = try find(reader) else { return nil }
            return (installation, try reader.isUser(installation.account))
        }
        guard let (installation, isUser) = found else { throw APIError.notFound(context.documentationURL) }
        return .json(json.encode(installation, of: app, isUser: isUser))
    }

    // MARK: the token exchange

    /// `POST /app/installations/{id}/access_tokens`: 201 with a token for an hour, narrowed to
    /// the repositories and permissions asked for, which must lie within the installation's.
    private func createToken(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let app = try Self.app(context)
        let request = try TokenRequest(context)
        return try context.write { writer in
            let reader = writer.reader
            guard let id = context.parameters.id("installation_id"), let installation = try reader.installation(id: id),
                  installation.appID == app.id
            else { throw APIError.notFound(context.documentationURL) }
            guard !installation.suspended else {
                throw APIError(status: 403, message: "This installation has been suspended", documentationURL: context.documentationURL)
            }
            let reachable = try Self.repositories(of: installation, reader)
            let narrowed = try request.repositories(within: reachable, documentationURL: context.documentationURL)
            let permissions = try request.permissions(within: installation.permissions, documentationURL: context.documentationURL)
            let expiry = Timestamp.format(context.now.addingTimeInterval(Self.tokenLifetime))
            let secret = IssuedToken.random()
            let token = try writer.issue(TokenRecord(
                token: "", kind: .installation, user: "\(app.slug)[bot]",
                repositories: narrowed.map { .selected($0.map(\.fullName)) } ?? installation.repositories,
                permissions: permissions, expiresAt: expiry, installationID: installation.id, account: installation.account
            ), secret: secret)
            let selection = narrowed == nil ? AppJSON.selection(installation.repositories) : "selected"
            return HTTPResponse.json(json.encodeToken(secret, token, selection: selection, repositories: narrowed), status: 201)
        }
    }

    // MARK: an installation token about itself

    /// `GET /installation/repositories`: what the presented installation token reaches.
    private func installationRepositories(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let token = try Self.installationToken(context)
        let page = Page(query: context.request.query)
        let all = try context.read { reader -> [RepositoryRecord] in
            switch token.repositories {
            case .all:
                guard let account = token.account else { return try reader.repositories().map(\.repository) }
                return try reader.repositories(ofAccount: account)
            case .selected(let names):
                return try names.compactMap { name -> RepositoryRecord? in
                    let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
                    return parts.count == 2 ? try reader.repository(owner: parts[0], name: parts[1]) : nil
                }
            }
        }
        let start = min(page.offset ?? all.count, all.count)
        let slice = Array(all[start..<min(start + page.size, all.count)])
        var response = HTTPResponse.json(json.encodeRepositories(slice, total: all.count, selection: AppJSON.selection(token.repositories)))
        if let link = LinkHeader.value(base: context.resourceURL, query: context.request.query, page: page, total: all.count) {
            response.headers.add("Link", link)
        }
        return response
    }

    /// `DELETE /installation/token`: 204, and the presented token no longer works.
    private static func revokeToken(_ context: APIContext) throws(APIError) -> HTTPResponse {
        _ = try installationToken(context)
        guard let header = context.request.headers["Authorization"], let secret = Authenticator.token(fromAuthorization: header) else {
            throw APIError.badCredentials
        }
        try context.write { writer in try writer.revokeToken(secret) }
        return HTTPResponse(status: 204)
    }

    // MARK: rules

    /// The app a verified JWT named (the middleware lets nothing else reach these routes).
    private static func app(_ context: APIContext) throws(APIError) -> AppRecord {
        guard case .app(let app) = context.caller else { throw AppAuthenticator.error(for: .undecodable, now: context.now) }
        return app
    }

    /// The caller's installation token; 401 without a token, 403 for any other kind **(ours)**.
    private static func installationToken(_ context: APIContext) throws(APIError) -> TokenRecord {
        guard case .token(let token) = context.caller else {
            throw APIError(status: 401, message: "Requires authentication", documentationURL: context.documentationURL)
        }
        guard token.kind == .installation else {
            throw APIError(status: 403, message: "Resource not accessible by \(token.kind == .fineGrained ? "personal access token" : "integration")",
                           documentationURL: context.documentationURL)
        }
        return token
    }

    /// Every repository an installation reaches: all of its account's, or its selection.
    static func repositories(of installation: InstallationRecord, _ reader: StoreReader) throws -> [RepositoryRecord] {
        try reader.repositories(ofAccount: installation.account).filter(installation.repositories.includes)
    }
}
