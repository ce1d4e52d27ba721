import JSON
import RSAKeys
import Store

/// Parses the `apps` entries of a seed: each GitHub App with the public half of its key and its
/// installations (apps.md).
enum AppSeed {
    /// An app and its installations, as the loader stores them.
    struct Entry: Sendable {
        var app: AppRecord
        var installations: [InstallationRecord]
        /// The app's webhook, if it has one (its id is given when loading).
        var webhook: HookRecord? = nil
    }

    /// GitHub's App keys are RSA-2048 or larger; smaller ones are refused.
    static let minimumKeyBits = 2048
    /// When a seed says nothing of when the app was made (GitHub reports it in `GET /app`).
    static let defaultCreatedAt = "2024-01-01T00:00:00Z"

    /// An app a seed declares with its public key; or, given `generated` (`POST /_emulator/apps`),
    /// one without, whose key is `generated`'s public half and whose id may be left to `nextID`.
    static func parse(_ value: JSONValue, path: String, source: String, generated: RSAPrivateKey? = nil,
                      nextID: Int64 = 1) throws(SeedError) -> Entry {
        var fields = try FieldReader(value, path: path, source: source)
        let id = generated == nil ? try fields.requiredInteger("id") : try fields.integer("id") ?? nextID
        let slug = try fields.requiredString("slug")
        guard !slug.isEmpty, slug.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw fields.error("slug", "expected lower-case letters, digits and '-'")
        }
        let owner = try fields.requiredString("owner")
        let publicKey: String
        if let generated {
            guard fields.value("public_key") == nil else {
                throw fields.error("public_key", "the emulator makes the key pair and answers the private key; leave public_key out")
            }
            publicKey = generated.publicKey.pem
        } else {
            publicKey = try fields.requiredString("public_key")
        }
        let key: RSAPublicKey
        do {
            key = try RSAPublicKey(pem: publicKey)
        } catch {
            throw fields.error("public_key", "expected a PEM RSA public key (BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY): \(error)")
        }
        guard key.bits >= minimumKeyBits else {
            throw fields.error("public_key", "an RSA key of \(key.bits) bits; GitHub Apps use \(minimumKeyBits) or more")
        }
        let permissions = try TokenSeed.parsePermissions(&fields) ?? ["metadata": "read"]
        let createdAt = try fields.timestamp("created_at", nullable: false).value ?? defaultCreatedAt
        let app = AppRecord(
            id: id, clientID: try fields.string("client_id") ?? "Iv1.\(id)", slug: slug, name: try fields.string("name") ?? slug,
            owner: owner, description: try fields.string("description"), publicKey: publicKey, permissions: permissions,
            events: try fields.strings("events") ?? [], createdAt: createdAt)
        let webhook = try fields.value("webhook").map { value throws(SeedError) in
            try HookSeed.parseAppWebhook(value, path: FieldReader.childPath(path, "webhook"), source: source, app: app)
        }
        var installations: [InstallationRecord] = []
        for (index, element) in (try fields.array("installations") ?? []).enumerated() {
            installations.append(try parseInstallation(element, path: "\(FieldReader.childPath(path, "installations"))[\(index)]",
                                                       source: source, app: app))
        }
        try fields.finish()
        return Entry(app: app, installations: installations, webhook: webhook)
    }

    private static func parseInstallation(_ value: JSONValue, path: String, source: String,
                                          app: AppRecord) throws(SeedError) -> InstallationRecord {
        var fields = try FieldReader(value, path: path, source: source)
        let installation = InstallationRecord(
            id: try fields.requiredInteger("id"), appID: app.id, account: try fields.requiredString("account"),
            repositories: try TokenSeed.parseRepositories(&fields) ?? .all,
            permissions: try TokenSeed.parsePermissions(&fields) ?? app.permissions,
            suspended: try fields.bool("suspended") ?? false,
            createdAt: try fields.timestamp("created_at", nullable: false).value ?? app.createdAt)
        for (scope, level) in installation.permissions where !PermissionLevel.covers(app.permissions[scope], level) {
            throw SeedError(source: source, path: "\(FieldReader.childPath(path, "permissions")).\(scope)",
                            reason: "the app itself has \(app.permissions[scope] ?? "no") \(scope) permission; an installation has at most the app's")
        }
        try fields.finish()
        return installation
    }
}
