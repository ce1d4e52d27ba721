// Two checks JSONReader makes that need no buffer, only what it hands them: each member name
// once per object (it refuses repeats), and well-formed UTF-8 in strings.

/// Finds repeated member names: small objects by scanning their members, large ones by hashing.
struct DuplicateKeys {
    private var keys: Set<String>?

    /// Whether `key` is already among `members`.
    mutating func isDuplicate(_ key: String, among members: [(key: String, value: JSONValue)]) -> Bool {
        if keys == nil && members.count < 16 { return members.contains { $0.key == key } }
        if keys == nil { keys = Set(members.map(\.key)) }
        return !keys!.insert(key).inserted
    }
}

/// Checks UTF-8 byte by byte (only bytes from 0x80 up are given): well-formed sequences, no
/// overlong forms, no surrogates, nothing above U+10FFFF.
struct UTF8Check {
    private var remaining = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    var isComplete: Bool { remaining == 0 }

    mutating func accept(_ byte: UInt8) -> Bool {
        if remaining > 0 {
            guard byte >= lower && byte <= upper else { return false }
            remaining -= 1
            (lower, upper) = (0x80, 0xBF)
            return true
        }
        switch byte {
        case 0xC2...0xDF: remaining = 1
        case 0xE0: (remaining, lower) = (2, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: remaining = 2
        case 0xED: (remaining, upper) = (2, 0x9F)
        case 0xF0: (remaining, lower) = (3, 0x90)
        case 0xF1...0xF3: remaining = 3
        case 0xF4: (remaining, upper) = (3, 0x8F)
        default: return false
        }
        return true
    }
}
