/// Which hook URLs GitHub takes: absolute `http` or `https` URLs with a host, every character
/// outside RFC 3986's sets percent-encoded. Anything else GHES refuses with "The URL you've
/// entered is not valid. Please make sure that you encode all special characters first".
public enum HookURL {
    /// GitHub's words when `isValid` is false.
    public static let invalidMessage = "The URL you've entered is not valid. Please make sure that you encode all special characters first"

    public static func isValid(_ url: String) -> Bool {
        let bytes = Array(url.utf8)
        let schemeLength: Int
        if bytes.starts(with: Array("https://".utf8)) {
            schemeLength = 8
        } else if bytes.starts(with: Array("http://".utf8)) {
            schemeLength = 7
        } else {
            return false
        }
        let rest = bytes[schemeLength...]
        let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? rest.endIndex
        guard authority(rest[..<authorityEnd]) else { return false }
        // Path, query and fragment: RFC 3986's pchar, `/` and `?`, one `#` before the fragment.
        var fragments = 0
        var index = authorityEnd
        while index < rest.endIndex {
            let byte = rest[index]
            if byte == UInt8(ascii: "#") {
                fragments += 1
                guard fragments == 1 else { return false }
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < rest.endIndex, isHex(rest[index + 1]), isHex(rest[index + 2]) else { return false }
                index += 2
            } else if !(isPathCharacter(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?")) {
                return false
            }
            index += 1
        }
        return true
    }

    /// `[userinfo@]host[:port]`: a registered name (an IPv4 address is one) or a bracketed IPv6
    /// literal, and a port up to 65535.
    private static func authority(_ bytes: ArraySlice<UInt8>) -> Bool {
        var hostStart = bytes.startIndex
        if let at = bytes.lastIndex(of: UInt8(ascii: "@")) {
            guard bytes[..<at].allSatisfy({ isUnreserved($0) || isSubDelimiter($0) || $0 == UInt8(ascii: ":") }) else { return false }
            hostStart = at + 1
        }
        var host = bytes[hostStart...]
        var port: ArraySlice<UInt8> = []
        if host.first == UInt8(ascii: "[") {
            guard let close = host.firstIndex(of: UInt8(ascii: "]")), close > host.startIndex + 1 else { return false }
            guard host[(host.startIndex + 1)..<close].allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return false }
            let after = host[(close + 1)...]
            guard after.isEmpty || after.first == UInt8(ascii: ":") else { return false }
            port = after.dropFirst()
            host = host[...close]
            if after.first == UInt8(ascii: ":") && port.isEmpty { return false }
        } else {
            if let colon = host.firstIndex(of: UInt8(ascii: ":")) {
                port = host[(colon + 1)...]
                host = host[..<colon]
                guard !port.isEmpty else { return false }
            }
            guard !host.isEmpty, host.allSatisfy({ isUnreserved($0) || isSubDelimiter($0) }) else { return false }
        }
        guard port.count <= 5, port.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
        return port.isEmpty || Int(String(decoding: port, as: UTF8.self))! <= 65_535
    }

    private static func isPathCharacter(_ byte: UInt8) -> Bool {
        isUnreserved(byte) || isSubDelimiter(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    private static func isSubDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            true
        default: false
        }
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }
}
