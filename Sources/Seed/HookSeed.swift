import JSON
import Store

/// Parses a seed's `organizations` and `hooks`, and an app's `webhook` (webhooks.md).
enum HookSeed {
    /// A hook as declared: its owner by name (resolved when loading) and the hook itself.
    struct Entry: Sendable {
        enum Owner: Sendable {
            case repository(String)
            case organization(String)
        }

        var owner: Owner
        /// `owner` and `id` are placeholders until loading; `id` 0 when the seed gave none.
        var hook: HookRecord
        var path: String
    }

    static let createdAt = "2024-01-01T00:00:00Z"

    static func parseOrganization(_ value: JSONValue, path: String, source: String) throws(SeedError) -> OrganizationRecord {
        var fields = try FieldReader(value, path: path, source: source)
        let organization = OrganizationRecord(login: try fields.requiredString("login"), admins: try fields.strings("admins") ?? [])
        try fields.finish()
        return organization
    }

    /// `{"repository": "o/r" | "organization": "o", "config": {...}, "events": [...], "active": true}`.
    static func parseHook(_ value: JSONValue, path: String, source: String) throws(SeedError) -> Entry {
        var fields = try FieldReader(value, path: path, source: source)
        let repository = try fields.string("repository")
        let organization = try fields.string("organization")
        let owner: Entry.Owner
        switch (repository, organization) {
        case (let name?, nil):
            guard name.split(separator: "/").count == 2 else { throw fields.error("repository", "expected owner/name, found \"\(name)\"") }
            owner = .repository(name)
        case (nil, let login?): owner = .organization(login)
        default:
            throw SeedError(source: source, path: path, reason: "a hook names exactly one of repository (owner/name) or organization")
        }
        guard case .object? = fields.value("config") else {
            throw fields.error("config", "expected an object with at least a url")
        }
        var config = try FieldReader(fields.value("config")!, path: FieldReader.childPath(path, "config"), source: source)
        var hook = try parseConfig(&config, owner: .repository(0), defaultContentType: "form")
        hook.id = try fields.integer("id") ?? 0
        if let name = try fields.oneOf("name", ["web"]) { hook.name = name }
        hook.events = try fields.strings("events") ?? ["push"]
        hook.active = try fields.bool("active") ?? true
        try fields.finish()
        return Entry(owner: owner, hook: hook, path: path)
    }

    /// An app's `webhook`: `{"url", "content_type", "secret", "insecure_ssl", "active"}`; it
    /// receives the app's `events`.
    static func parseAppWebhook(_ value: JSONValue, path: String, source: String, app: AppRecord) throws(SeedError) -> HookRecord {
        var fields = try FieldReader(value, path: path, source: source)
        var hook = try parseConfig(&fields, owner: .app(app.id), defaultContentType: "json", allowing: ["active"])
        hook.events = app.events
        hook.active = try fields.bool("active") ?? true
        try fields.finish()
        return hook
    }

    /// `url` (http or https), `content_type` (`json` or `form`), `secret`, `insecure_ssl` (`"0"` or `"1"`).
    private static func parseConfig(_ fields: inout FieldReader, owner: HookRecord.Owner, defaultContentType: String,
                                    allowing others: Set<String> = []) throws(SeedError) -> HookRecord {
        let url = try fields.requiredString("url")
        guard HookURL.isValid(url) else {
            throw fields.error("url", "expected an http:// or https:// URL with a host, special characters percent-encoded, found \"\(url)\"")
        }
        var hook = HookRecord(id: 0, owner: owner, events: [], url: url, createdAt: createdAt)
        hook.contentType = try fields.oneOf("content_type", ["json", "form"]) ?? defaultContentType
        hook.secret = try fields.string("secret").flatMap { $0.isEmpty ? nil : $0 }
        hook.insecureSSL = try fields.oneOf("insecure_ssl", ["0", "1"]) ?? "0"
        if others.isEmpty { try fields.finish() }
        return hook
    }
}
