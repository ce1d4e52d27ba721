import Clock
import JSON

/// Reads the members of one JSON object, naming the JSON path of anything wrong, and refuses
/// members nobody asked for (a misspelt key is an error, not a silently ignored field).
struct FieldReader {
    let source: String
    private let parentPath: String
    private let elementIndex: Int?
    private let members: [(key: String, value: JSONValue)]
    /// Which members were read, by index (a set of names cost a fifth of a large seed's load).
    private var consumed: [Bool]
    /// Where the next lookup starts: seeds mostly list fields in the order they are read.
    private var nextIndex = 0

    /// Reads the object at `path`, or at `path[elementIndex]` (that path is built only when an
    /// error names it: a large seed has millions of steps and no errors).
    init(_ value: JSONValue, path: String, elementIndex: Int? = nil, source: String) throws(SeedError) {
        parentPath = path
        self.elementIndex = elementIndex
        self.source = source
        guard case .object(let members) = value else {
            throw SeedError(source: source, path: elementIndex.map { "\(path)[\($0)]" } ?? path,
                            reason: "expected an object, found \(value.kindDescription)")
        }
        self.members = members
        consumed = Array(repeating: false, count: members.count)
    }

    /// The object's JSON path.
    var path: String { elementIndex.map { "\(parentPath)[\($0)]" } ?? parentPath }

    func error(_ key: String, _ reason: String) -> SeedError {
        SeedError(source: source, path: Self.childPath(path, key), reason: reason)
    }

    static func childPath(_ path: String, _ key: String) -> String {
        let identifier = !key.isEmpty && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0) }
        return identifier ? "\(path).\(key)" : "\(path)[\"\(key)\"]"
    }

    /// Whether the member is present (even as `null`).
    func has(_ key: String) -> Bool { index(of: key) != nil }

    /// The raw member, marking it as read.
    mutating func value(_ key: String) -> JSONValue? {
        guard let index = index(of: key) else { return nil }
        consumed[index] = true
        nextIndex = index + 1
        return members[index].value
    }

    private func index(of key: String) -> Int? {
        for offset in 0..<members.count {
            let index = (nextIndex + offset) % members.count
            if members[index].key == key { return index }
        }
        return nil
    }

    mutating func string(_ key: String) throws(SeedError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw error(key, "expected a string, found \(value.kindDescription)") }
        return text
    }

    mutating func requiredString(_ key: String) throws(SeedError) -> String {
        guard has(key) else { throw error(key, "required") }
        guard let text = try string(key), !text.isEmpty else { throw error(key, "must not be empty") }
        return text
    }

    /// A string or an explicit `null`; `.derived` when absent.
    mutating func nullableString(_ key: String) throws(SeedError) -> (present: Bool, value: String?) {
        guard let value = value(key) else { return (false, nil) }
        switch value {
        case .null: return (true, nil)
        case .string(let text): return (true, text)
        default: throw error(key, "expected a string or null, found \(value.kindDescription)")
        }
    }

    mutating func integer(_ key: String, minimum: Int64 = 1) throws(SeedError) -> Int64? {
        guard let value = value(key) else { return nil }
        guard case .number(let text) = value, let number = Int64(text) else {
            throw error(key, "expected an integer, found \(value.kindDescription == "a number" ? "a non-integral or out-of-range number" : value.kindDescription)")
        }
        guard number >= minimum else { throw error(key, "must be at least \(minimum), found \(number)") }
        return number
    }

    mutating func requiredInteger(_ key: String, minimum: Int64 = 1) throws(SeedError) -> Int64 {
        guard let number = try integer(key, minimum: minimum) else { throw error(key, "required") }
        return number
    }

    /// A number of seconds (integral or not), finite and within `range`.
    mutating func seconds(_ key: String, in range: ClosedRange<Double>) throws(SeedError) -> Double? {
        guard let value = value(key) else { return nil }
        guard case .number(let text) = value, let number = Double(text), number.isFinite else {
            throw error(key, "expected a number of seconds, found \(value.kindDescription)")
        }
        guard range.contains(number) else {
            throw error(key, "must be from \(NumberText.fixed(range.lowerBound, digits: 0)) to \(NumberText.fixed(range.upperBound, digits: 0)) seconds, found \(text)")
        }
        return number
    }

    mutating func nullableInteger(_ key: String) throws(SeedError) -> Int64? {
        if let index = index(of: key), case .null = members[index].value {
            consumed[index] = true
            return nil
        }
        return try integer(key, minimum: 0)
    }

    mutating func bool(_ key: String) throws(SeedError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { throw error(key, "expected true or false, found \(value.kindDescription)") }
        return flag
    }

    mutating func oneOf(_ key: String, _ allowed: [String]) throws(SeedError) -> String? {
        guard let text = try string(key) else { return nil }
        guard allowed.contains(text) else {
            throw error(key, "expected one of \(allowed.joined(separator: ", ")), found \"\(text)\"")
        }
        return text
    }

    mutating func nullableOneOf(_ key: String, _ allowed: [String]) throws(SeedError) -> (present: Bool, value: String?) {
        let (present, text) = try nullableString(key)
        if let text, !allowed.contains(text) {
            throw error(key, "expected null or one of \(allowed.joined(separator: ", ")), found \"\(text)\"")
        }
        return (present, text)
    }

    /// An RFC 3339 date-time, kept exactly as written.
    mutating func timestamp(_ key: String, nullable: Bool) throws(SeedError) -> (present: Bool, value: String?) {
        let (present, text) = try nullable ? nullableString(key) : (has(key), string(key))
        if let text, Timestamp.parse(text) == nil {
            throw error(key, "expected an RFC 3339 date-time such as 2020-01-20T17:42:40Z, found \"\(text)\"")
        }
        return (present, text)
    }

    mutating func strings(_ key: String) throws(SeedError) -> [String]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else { throw error(key, "expected an array of strings, found \(value.kindDescription)") }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                throw SeedError(source: source, path: "\(Self.childPath(path, key))[\(index)]",
                                reason: "expected a string, found \(element.kindDescription)")
            }
            result.append(text)
        }
        return result
    }

    mutating func array(_ key: String) throws(SeedError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else { throw error(key, "expected an array, found \(value.kindDescription)") }
        return elements
    }

    /// Refuses members that were never read, so typos are reported rather than ignored.
    /// Keys starting with `_` or `$` are comments and always allowed.
    func finish() throws(SeedError) {
        for (index, member) in members.enumerated()
        where !consumed[index] && !member.key.hasPrefix("_") && !member.key.hasPrefix("$") {
            throw error(member.key, "unknown field")
        }
    }
}
