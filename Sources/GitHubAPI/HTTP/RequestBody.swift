import JSON

/// A write's JSON body, checked as GitHub's schema validation checks it and refused in its
/// words: 400 `Problems parsing JSON` for what is not JSON, 422 `Invalid request.` naming the
/// key or value for what the operation's schema does not allow.
struct RequestBody {
    private(set) var members: [(key: String, value: JSONValue)]
    let documentationURL: String

    /// The body's members. An empty body, and `null` when `nullable`, read as `{}`.
    init(_ context: APIContext, nullable: Bool = false) throws(APIError) {
        documentationURL = context.documentationURL
        let bytes = context.request.body
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            members = []
            return
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw APIError(status: 400, message: "Problems parsing JSON", documentationURL: documentationURL)
        }
        switch value {
        case .object(let members): self.members = members
        case .null where nullable: members = []
        default: throw Self.invalid("For 'links/0/schema', \(Self.describe(value)) is not an object.", documentationURL)
        }
    }

    /// Refuses members other than `allowed`, as GitHub does, naming the first.
    func permit(_ allowed: Set<String>) throws(APIError) {
        if let unknown = members.first(where: { !allowed.contains($0.key) }) {
            throw Self.invalid("\"\(unknown.key)\" is not a permitted key.", documentationURL)
        }
    }

    subscript(key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    func string(_ key: String, required: Bool) throws(APIError) -> String? {
        switch self[key] {
        case nil:
            if required { throw Self.invalid("\"\(key)\" wasn't supplied.", documentationURL) }
            return nil
        case .string(let text)?: return text
        case let other?: throw Self.invalid("For 'properties/\(key)', \(Self.describe(other)) is not a string.", documentationURL)
        }
    }

    func bool(_ key: String) throws(APIError) -> Bool? {
        switch self[key] {
        case nil: return nil
        case .bool(let flag)?: return flag
        case let other?: throw Self.invalid("For 'properties/\(key)', \(Self.describe(other)) is not a boolean.", documentationURL)
        }
    }

    /// `422 Invalid request.` with the schema's complaint, as GitHub words it.
    static func invalid(_ complaint: String, _ documentationURL: String) -> APIError {
        APIError(status: 422, message: "Invalid request.\n\n\(complaint)", documentationURL: documentationURL)
    }

    /// A value as GitHub's validator prints it: JSON, with `nil` for null.
    static func describe(_ value: JSONValue) -> String {
        if value == .null { return "nil" }
        var json = JSONWriter(reservingCapacity: 64)
        json.value(value)
        let text = String(decoding: json.bytes, as: UTF8.self)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
