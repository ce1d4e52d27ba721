/// An ordered list of HTTP header fields with case-insensitive lookup, as HTTP defines names.
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    private var fields: [(name: String, value: String)] = []

    public init() {}

    public init(_ fields: [(String, String)]) {
        for (name, value) in fields { add(name, value) }
    }

    /// The first value of `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    public mutating func add(_ name: String, _ value: String) {
        // A response collects about 20 fields as it passes the middleware; room for them at
        // the first spares the four or five regrowths doubling would cost on every request.
        if fields.isEmpty { fields.reserveCapacity(24) }
        fields.append((name, value))
    }

    /// Appends fields built once and shared by many responses.
    public mutating func add(contentsOf fields: [(String, String)]) {
        self.fields.reserveCapacity(self.fields.count + fields.count)
        for (name, value) in fields { self.fields.append((name, value)) }
    }

    /// Replaces every field called `name` by a single one.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append((name, value))
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.caseInsensitiveEquals(name) }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}

extension String {
    /// ASCII case-insensitive comparison, as HTTP compares field names.
    public func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        // Header lookups run several times per request; compare contiguous bytes when we can.
        let fast = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                for index in 0..<mine.count where Self.asciiLower(mine[index]) != Self.asciiLower(theirs[index]) {
                    return false
                }
                return true
            }
        }
        if let fast, let result = fast { return result }
        return zip(utf8, other.utf8).allSatisfy { Self.asciiLower($0) == Self.asciiLower($1) }
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
