import JSON
import Store

/// The token exchange's optional body: `repositories` (names), `repository_ids` and
/// `permissions`, each narrowing what the installation has. None, `{}`, `null` members and
/// `{"permissions": {}}` all mean everything (PyGithub sends the last); so does `null`, which
/// go-github sends when given no options.
struct TokenRequest {
    var names: [String]?
    var ids: [Int64]?
    var permissions: [String: String] = [:]

    static let notAccessible = "There is at least one repository that does not exist or is not accessible to the parent installation."
    static let notGranted = "The permissions requested are not granted to this installation."

    init(_ context: APIContext) throws(APIError) {
        let documentationURL = context.documentationURL
        let bytes = context.request.body
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return }
        let value = try? JSONParser.parse(bytes)
        if value == .null { return }
        guard case .object(let members)? = value else {
            throw APIError(status: 400, message: "Problems parsing JSON", documentationURL: documentationURL)
        }
        func member(_ key: String) -> JSONValue? {
            members.last { $0.key == key }.flatMap { $0.value == .null ? nil : $0.value }
        }
        if let list = member("repositories") {
            guard case .array(let items) = list, let names = Self.all(items, { $0.string }) else {
                throw RequestBody.invalid("For 'properties/repositories', \(RequestBody.describe(list)) is not an array of strings.", documentationURL)
            }
            self.names = names
        }
        if let list = member("repository_ids") {
            guard case .array(let items) = list, let ids = Self.all(items, { $0.int64 }) else {
                throw RequestBody.invalid("For 'properties/repository_ids', \(RequestBody.describe(list)) is not an array of integers.", documentationURL)
            }
            self.ids = ids
        }
        if let map = member("permissions") {
            guard case .object(let entries) = map, let levels = Self.all(entries.map(\.value), { $0.string }) else {
                throw RequestBody.invalid("For 'properties/permissions', \(RequestBody.describe(map)) is not an object of strings.", documentationURL)
            }
            for (entry, level) in zip(entries, levels) { permissions[entry.key] = level }
        }
    }

    /// The repositories asked for, all within `reachable`; `nil` when none were named.
    func repositories(within reachable: [RepositoryRecord], documentationURL: String) throws(APIError) -> [RepositoryRecord]? {
        guard names != nil || ids != nil else { return nil }
        var chosen: [RepositoryRecord] = []
        func add(_ repository: RepositoryRecord?) throws(APIError) {
            guard let repository else { throw APIError(status: 422, message: Self.notAccessible, documentationURL: documentationURL) }
            if !chosen.contains(where: { $0.id == repository.id }) { chosen.append(repository) }
        }
        for name in names ?? [] {
            // Names are a repository's name within the account; `owner/name` is taken too.
            try add(reachable.first { $0.name.lowercased() == name.lowercased() || $0.fullName.lowercased() == name.lowercased() })
        }
        for id in ids ?? [] { try add(reachable.first { $0.id == id }) }
        return chosen
    }

    /// The permissions asked for, each at most what `granted` has; all of `granted` when none.
    func permissions(within granted: [String: String], documentationURL: String) throws(APIError) -> [String: String] {
        guard !permissions.isEmpty else { return granted }
        for (name, level) in permissions where !PermissionLevel.covers(granted[name], level) {
            throw APIError(status: 422, message: Self.notGranted, documentationURL: documentationURL)
        }
        return permissions
    }

    private static func all<T>(_ values: [JSONValue], _ read: (JSONValue) -> T?) -> [T]? {
        var out: [T] = []
        for value in values {
            guard let item = read(value) else { return nil }
            out.append(item)
        }
        return out
    }
}
