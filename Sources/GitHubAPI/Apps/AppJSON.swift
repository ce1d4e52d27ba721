import FoundationEssentials
import JSON
import Store

/// Apps, installations and installation tokens as GitHub's App routes answer them.
struct AppJSON: Sendable {
    let urls: ServerURLs
    let runJSON: RunJSON

    init(urls: ServerURLs) {
        self.urls = urls
        runJSON = RunJSON(urls: urls)
    }

    func encode(_ app: AppRecord, installationCount: Int) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 2048)
        json.beginObject()
        json.key("id"); json.int(app.id)
        json.key("slug"); json.string(app.slug)
        json.key("node_id"); json.string(Data("03:Integration\(app.id)".utf8).base64EncodedString())
        json.key("client_id"); json.string(app.clientID)
        json.key("owner"); runJSON.writeUser(app.owner, type: "Organization", to: &json)
        json.key("name"); json.string(app.name)
        json.key("description"); json.string(app.description ?? "")
        json.key("external_url"); json.string("\(urls.root)/apps/\(app.slug)")
        json.key("html_url"); json.string("\(urls.root)/apps/\(app.slug)")
        json.key("created_at"); json.string(app.createdAt)
        json.key("updated_at"); json.string(app.createdAt)
        json.key("permissions"); write(app.permissions, to: &json)
        json.key("events"); write(app.events, to: &json)
        json.key("installations_count"); json.int(installationCount)
        json.endObject()
        return json.bytes
    }

    /// One installation; `isUser` says whether its account is a user or an organization.
    func encode(_ installation: InstallationRecord, of app: AppRecord, isUser: Bool) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 2048)
        write(installation, of: app, isUser: isUser, to: &json)
        return json.bytes
    }

    func encodeList(_ installations: [(InstallationRecord, isUser: Bool)], of app: AppRecord) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 2048 * max(1, installations.count))
        json.beginArray()
        for (installation, isUser) in installations { write(installation, of: app, isUser: isUser, to: &json) }
        json.endArray()
        return json.bytes
    }

    /// The token exchange's answer: `repositories` only when the request narrowed them.
    func encodeToken(_ secret: String, _ token: TokenRecord, selection: String, repositories: [RepositoryRecord]?) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 512 + 4096 * (repositories?.count ?? 0))
        json.beginObject()
        json.key("token"); json.string(secret)
        json.key("expires_at"); json.string(token.expiresAt)
        json.key("permissions"); write(token.permissions, to: &json)
        json.key("repository_selection"); json.string(selection)
        if let repositories {
            json.key("repositories")
            writeRepositories(repositories, to: &json)
        }
        json.endObject()
        return json.bytes
    }

    /// `GET /installation/repositories`'s page.
    func encodeRepositories(_ page: [RepositoryRecord], total: Int, selection: String) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 256 + 4096 * page.count)
        json.beginObject()
        json.key("total_count"); json.int(total)
        json.key("repository_selection"); json.string(selection)
        json.key("repositories")
        writeRepositories(page, to: &json)
        json.endObject()
        return json.bytes
    }

    private func write(_ installation: InstallationRecord, of app: AppRecord, isUser: Bool, to json: inout JSONWriter) {
        let account = installation.account
        let accountType = isUser ? "User" : "Organization"
        json.beginObject()
        json.key("id"); json.int(installation.id)
        json.key("account"); runJSON.writeUser(account, type: accountType, to: &json)
        json.key("repository_selection"); json.string(Self.selection(installation.repositories))
        json.key("access_tokens_url"); json.string("\(urls.api)/app/installations/\(installation.id)/access_tokens")
        json.key("repositories_url"); json.string("\(urls.api)/installation/repositories")
        json.key("html_url")
        json.string(isUser ? "\(urls.root)/settings/installations/\(installation.id)"
                           : "\(urls.root)/organizations/\(account)/settings/installations/\(installation.id)")
        json.key("app_id"); json.int(app.id)
        json.key("app_slug"); json.string(app.slug)
        json.key("target_id"); json.int(RunJSON.userID(account))
        json.key("target_type"); json.string(accountType)
        json.key("permissions"); write(installation.permissions, to: &json)
        json.key("events"); write(app.events, to: &json)
        json.key("created_at"); json.string(installation.createdAt)
        json.key("updated_at"); json.string(installation.createdAt)
        json.key("single_file_name"); json.null()
        json.key("has_multiple_single_files"); json.bool(false)
        json.key("single_file_paths"); json.beginArray(); json.endArray()
        if installation.suspended {
            json.key("suspended_by"); runJSON.writeUser(app.owner, type: "User", to: &json)
            json.key("suspended_at"); json.string(installation.createdAt)
        } else {
            json.key("suspended_by"); json.null()
            json.key("suspended_at"); json.null()
        }
        json.endObject()
    }

    /// Full repository objects, as the token exchange and `/installation/repositories` answer
    /// them (githubkit's strict model requires every one of these members).
    private func writeRepositories(_ repositories: [RepositoryRecord], to json: inout JSONWriter) {
        json.beginArray()
        for repository in repositories { writeFullRepository(repository, to: &json) }
        json.endArray()
    }

    /// One full repository object (webhook payloads carry it too).
    func writeFullRepository(_ repository: RepositoryRecord, to json: inout JSONWriter) {
        runJSON.writeRepository(repository, to: &json) { json in
            let web = "\(urls.root)/\(repository.fullName)"
            let host = urls.root.split(separator: "/").dropFirst().first.map(String.init) ?? "localhost"
            json.key("git_url"); json.string("git://\(host)/\(repository.fullName).git")
            json.key("ssh_url"); json.string("git@\(host):\(repository.fullName).git")
            json.key("clone_url"); json.string("\(web).git")
            json.key("svn_url"); json.string(web)
            for key in ["license", "mirror_url", "homepage", "language"] { json.key(key); json.null() }
            for key in ["forks", "forks_count", "stargazers_count", "watchers", "watchers_count", "size", "open_issues",
                        "open_issues_count"] {
                json.key(key); json.int(0)
            }
            json.key("default_branch"); json.string("main")
            for (key, value) in [("has_issues", true), ("has_projects", true), ("has_wiki", true), ("has_pages", false),
                                 ("has_downloads", true), ("archived", false), ("disabled", false)] {
                json.key(key); json.bool(value)
            }
            for key in ["pushed_at", "created_at", "updated_at"] { json.key(key); json.string(Self.repositoryTime) }
        }
    }

    /// The emulator keeps no repository history; every repository reads as made then.
    static let repositoryTime = "2024-01-01T00:00:00Z"

    /// Permissions by name, sorted so the same grant always reads the same.
    private func write(_ permissions: [String: String], to json: inout JSONWriter) {
        json.beginObject()
        for (name, level) in permissions.sorted(by: { $0.key < $1.key }) {
            json.key(name); json.string(level)
        }
        json.endObject()
    }

    private func write(_ list: [String], to json: inout JSONWriter) {
        json.beginArray()
        for item in list { json.string(item) }
        json.endArray()
    }

    static func selection(_ repositories: RepositorySelection) -> String {
        if case .all = repositories { return "all" }
        return "selected"
    }
}
