/// A query string's parameters in the order sent, each kept raw as well as decoded so that
/// URLs built from a request (pagination links) can repeat what the client sent exactly.
public struct QueryParameters: Sendable, Equatable {
    /// One `name=value` pair; `value` is `nil` for a bare `name` without `=`.
    public struct Item: Sendable, Equatable {
        public var rawName: Substring
        public var rawValue: Substring?
        public var name: String { Self.decode(rawName) }
        public var value: String? { rawValue.map(Self.decode) }

        /// Percent-decoding where `+` means space, as HTML forms and most clients encode.
        static func decode(_ raw: Substring) -> String {
            PercentEncoding.decode(raw, plusIsSpace: true)
        }
    }

    public var items: [Item]

    public init(raw: String) {
        items = raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return Item(rawName: pair[..<equals], rawValue: pair[pair.index(after: equals)...])
            }
            return Item(rawName: pair, rawValue: nil)
        }
    }

    /// The decoded value of the first parameter called `name`; `""` for a bare `name`.
    public subscript(name: String) -> String? {
        guard let item = items.first(where: { $0.name == name }) else { return nil }
        return item.value ?? ""
    }
}

/// RFC 3986 percent-encoding, as URLs in paths and queries use it.
public enum PercentEncoding {
    /// Decodes `%XX` escapes; malformed escapes are kept literally, invalid UTF-8 is repaired.
    public static func decode(_ raw: Substring, plusIsSpace: Bool = false) -> String {
        guard raw.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(raw)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var iterator = Array(raw.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") && plusIsSpace {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                      let high = hexValue(iterator[iterator.startIndex]),
                      let low = hexValue(iterator[iterator.startIndex + 1]) {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Encodes everything but RFC 3986 unreserved characters.
    public static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
