/// A strict RFC 8259 reader over UTF-8 bytes that arrive in pieces: a document of any size can
/// be walked member by member and element by element, building a tree only for the values
/// asked for (one job of a million-job seed) and skipping the rest without building anything.
/// Errors carry the line and column, counted across pieces.
public struct JSONReader {
    private var buffer: [UInt8]
    private var index = 0
    /// The document offset of `buffer[0]`: bytes before it were consumed and dropped.
    private var dropped = 0
    private var line = 1
    /// The document offset where the current line starts.
    private var lineStart = 0
    private var depth = 0
    /// Per open container: whether a member or element was read (so the next needs a comma).
    private var containers: [Bool] = []
    /// Where the last member name's opening quote was, for a duplicate's error.
    private var keyPosition = (line: 1, column: 1)
    /// Where the string or number being read starts, kept in the buffer across refills.
    private var mark: Int?
    /// Emptied containers' storage, one per nesting level in use (see `readObject`).
    private var spareMembers: [[(key: String, value: JSONValue)]] = []
    private var spareElements: [[JSONValue]] = []
    private let refill: (() -> [UInt8]?)?

    /// Deeper nesting is refused rather than risking the stack on hostile input.
    public static let maximumDepth = 512

    /// Reads a document held whole.
    public init(bytes: [UInt8]) {
        buffer = bytes
        refill = nil
        skipByteOrderMark()
    }

    /// Reads a document from `next`, which hands out the following piece each time it is called
    /// (`nil` or empty at the end).
    public init(pieces next: @escaping () -> [UInt8]?) {
        buffer = []
        refill = next
        _ = more()
        skipByteOrderMark()
    }

    // MARK: walking a document

    /// Expects `{`.
    public mutating func beginObject() throws(JSONSyntaxError) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw error("expected an object") }
        try enter()
        index += 1
    }

    /// The next member's name (its value comes next), or `nil` after the closing `}`.
    public mutating func nextMember() throws(JSONSyntaxError) -> String? {
        try nextMember(keepingName: true)
    }

    private mutating func nextMember(keepingName: Bool) throws(JSONSyntaxError) -> String? {
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            leave()
            return nil
        }
        if containers[containers.count - 1] {
            guard peek() == UInt8(ascii: ",") else { throw error("expected ',' or '}' in object") }
            index += 1
            skipWhitespace()
        }
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a member name in double quotes") }
        keyPosition = position
        let key: String
        if keepingName {
            key = try readString()
        } else {
            try passString()
            key = ""
        }
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after member name") }
        index += 1
        containers[containers.count - 1] = true
        return key
    }

    /// Expects `[`.
    public mutating func beginArray() throws(JSONSyntaxError) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "[") else { throw error("expected an array") }
        try enter()
        index += 1
    }

    /// Whether another element follows (read it next); `false` after the closing `]`.
    public mutating func nextElement() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            leave()
            return false
        }
        if containers[containers.count - 1] {
            guard peek() == UInt8(ascii: ",") else { throw error("expected ',' or ']' in array") }
            index += 1
        }
        containers[containers.count - 1] = true
        return true
    }

    /// Whether the next value is an array or an object (without consuming it).
    public mutating func nextIsContainer(_ opening: UInt8) -> Bool {
        skipWhitespace()
        return peek() == opening
    }

    /// After the last value: nothing but whitespace may follow.
    public mutating func end() throws(JSONSyntaxError) {
        skipWhitespace()
        if peek() != nil { throw error("unexpected content after the JSON value") }
    }

    /// Where the reader is, for errors found while interpreting what it read.
    public var position: (line: Int, column: Int) { (line, dropped + index - lineStart + 1) }

    /// Where the last member name read began (its opening quote).
    public var memberPosition: (line: Int, column: Int) { keyPosition }

    // MARK: values

    /// The next value as a tree.
    public mutating func readValue() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw error("unexpected end of document, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber(keep: true))
        default: throw error("unexpected character \(describe(byte)), expected a value")
        }
    }

    /// Checks the next value's syntax and passes over it, building nothing (not even member
    /// names: a repeated one is found when the value is read).
    public mutating func skipValue() throws(JSONSyntaxError) {
        skipWhitespace()
        guard let byte = peek() else { throw error("unexpected end of document, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            try beginObject()
            while try nextMember(keepingName: false) != nil { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            while try nextElement() { try skipValue() }
        case UInt8(ascii: "\""): try passString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try readNumber(keep: false)
        default: throw error("unexpected character \(describe(byte)), expected a value")
        }
    }

    private mutating func readObject() throws(JSONSyntaxError) -> JSONValue {
        try beginObject()
        var members = spareMembers.popLast() ?? []
        var keys = DuplicateKeys()
        while let key = try nextMember() {
            if keys.isDuplicate(key, among: members) { throw duplicate(key) }
            members.append((key, try readValue()))
        }
        defer { spareMembers.append(Self.emptied(&members)) }
        return .object(Self.exactCopy(members))
    }

    /// A repeated member name, reported where its opening quote was.
    private func duplicate(_ key: String) -> JSONSyntaxError {
        JSONSyntaxError(line: keyPosition.line, column: keyPosition.column, reason: "duplicate member name \"\(key)\"")
    }

    private mutating func readArray() throws(JSONSyntaxError) -> JSONValue {
        try beginArray()
        var elements = spareElements.popLast() ?? []
        while try nextElement() { elements.append(try readValue()) }
        defer { spareElements.append(Self.emptied(&elements)) }
        return .array(Self.exactCopy(elements))
    }

    // Containers are collected in spare arrays that keep their capacity, then copied once at
    // their final size: growing each one from empty cost a third of a large seed's allocations.

    private static func exactCopy<Element>(_ elements: [Element]) -> [Element] {
        elements.withUnsafeBufferPointer { Array($0) }
    }

    private static func emptied<Element>(_ elements: inout [Element]) -> [Element] {
        elements.removeAll(keepingCapacity: true)
        return elements
    }

    private mutating func readString() throws(JSONSyntaxError) -> String {
        try scanString(keep: true)
    }

    /// Passes over a string, checking its escapes and UTF-8.
    private mutating func passString() throws(JSONSyntaxError) {
        _ = try scanString(keep: false)
    }

    /// Reads a string, quotes included: its decoded content when `keep`, else "".
    private mutating func scanString(keep: Bool) throws(JSONSyntaxError) -> String {
        index += 1  // the opening quote
        // A kept string's current plain run starts at the mark, which refills keep in the
        // buffer: most strings have no escapes and become a String straight from the buffer,
        // copied once. A string passed over keeps nothing (a large log costs no memory).
        mark = keep ? index : nil
        defer { mark = nil }
        var validator = UTF8Check()
        var unescaped: [UInt8] = []  // the content before the last escape, decoded
        while true {
            try passPlainRun(&validator)
            let byte = buffer[index]
            if byte < 0x20 { throw error("control character \(describe(byte)) must be escaped in a string") }
            // A quote or a backslash: what came before must be whole characters.
            guard validator.isComplete else { throw error("string is not valid UTF-8") }
            if byte == UInt8(ascii: "\"") {
                let text = keep ? markedText(after: unescaped) : ""
                index += 1
                return text
            }
            if keep { unescaped.append(contentsOf: buffer[mark!..<index]) }
            index += 1
            guard let escape = peek() else { throw error("unterminated escape") }
            index += 1
            if escape == UInt8(ascii: "u") {
                let scalar = try readUnicodeEscape()
                if keep { unescaped.append(contentsOf: scalar) }
            } else if let decoded = Self.escaped(escape) {
                if keep { unescaped.append(decoded) }
            } else {
                index -= 1
                throw error("invalid escape \\\(describe(escape))")
            }
            if keep { mark = index }
        }
    }

    /// The byte a one-character escape such as `\n` stands for.
    private static func escaped(_ escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): escape
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    /// Moves `index` over string bytes that need no decoding, to the next quote, backslash or
    /// control character (reading more pieces as needed), checking UTF-8 on the way.
    private mutating func passPlainRun(_ validator: inout UTF8Check) throws(JSONSyntaxError) {
        while true {
            let (end, valid) = Self.plainRun(in: buffer.span, from: index, validator: &validator)
            index = end
            guard valid else { throw error("string is not valid UTF-8") }
            if index < buffer.count { return }
            guard more() else { throw error("unterminated string") }
        }
    }

    /// Where the plain run from `start` ends in `bytes` (the count when it runs on), and
    /// whether its UTF-8 was valid up to there.
    private static func plainRun(in bytes: Span<UInt8>, from start: Int, validator: inout UTF8Check) -> (Int, Bool) {
        var position = start
        while position < bytes.count {
            // Eight bytes at a time while no multi-byte character is open, to the first byte
            // that needs a look,
            if validator.isComplete && position + 8 <= bytes.count {
                let flagged = bytesNeedingAttention(word(of: bytes, at: position))
                guard flagged != 0 else {
                    position += 8
                    continue
                }
                position += flagged.trailingZeroBitCount >> 3
            }
            // then that byte.
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return (position, true) }
            if (byte >= 0x80 || !validator.isComplete) && !validator.accept(byte) { return (position, false) }
            position += 1
        }
        return (position, true)
    }

    /// Eight bytes from `offset` as one little-endian word (the compiler makes this one load).
    @inline(__always)
    private static func word(of bytes: Span<UInt8>, at offset: Int) -> UInt64 {
        var word: UInt64 = 0
        for shift in 0..<8 { word |= UInt64(bytes[offset + shift]) << (shift * 8) }
        return word
    }

    /// Of eight bytes read little-endian, those that end a plain run or need a look (a quote,
    /// a backslash, a control character or part of a multi-byte character) as their high bits.
    /// From "Bit Twiddling Hacks": a byte below n shows in `(x - n*ones) & ~x & high`; bits
    /// above the lowest flagged byte may be false alarms, so only the lowest is trusted.
    @inline(__always)
    private static func bytesNeedingAttention(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & high }
        let control = (word &- ones &* 0x20) & ~word & high
        return (word & high) | control | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
    }

    /// `prefix` followed by the bytes from the mark to `index`, as a String (already checked).
    private func markedText(after prefix: [UInt8]) -> String {
        guard prefix.isEmpty else { return String(decoding: prefix + buffer[mark!..<index], as: UTF8.self) }
        return String(decoding: buffer[mark!..<index], as: UTF8.self)
    }

    private mutating func readUnicodeEscape() throws(JSONSyntaxError) -> [UInt8] {
        var code = try readHex4()
        if (0xD800..<0xDC00).contains(code) {
            // A high surrogate must be followed by an escaped low surrogate.
            guard peek() == UInt8(ascii: "\\"), peek(at: 1) == UInt8(ascii: "u") else { throw error("unpaired surrogate in \\u escape") }
            index += 2
            let low = try readHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(code) {
            throw error("unpaired surrogate in \\u escape")
        }
        guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let digit: UInt32
            switch peek(at: offset) {
            case let byte? where (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte): digit = UInt32(byte - UInt8(ascii: "0"))
            case let byte? where (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case let byte? where (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("\\u escape needs four hex digits")
            }
            value = value << 4 | digit
        }
        index += 4
        return value
    }

    /// A number as written (when `keep`), checked against the grammar.
    private mutating func readNumber(keep: Bool) throws(JSONSyntaxError) -> String {
        mark = keep ? index : nil
        defer { mark = nil }
        if peek() == UInt8(ascii: "-") { index += 1 }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else if let byte = peek(), (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(byte) {
            passDigits()
        } else {
            throw error("invalid number")
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard passDigits() > 0 else { throw error("invalid number: digits expected after '.'") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard passDigits() > 0 else { throw error("invalid number: digits expected in exponent") }
        }
        return keep ? markedText(after: []) : ""
    }

    /// Moves over decimal digits; how many there were.
    @discardableResult
    private mutating func passDigits() -> Int {
        var count = 0
        while let digit = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) {
            index += 1
            count += 1
        }
        return count
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        for offset in 0..<literal.utf8CodeUnitCount where peek(at: offset) != literal.utf8Start[offset] {
            throw error("invalid literal, expected \(literal)")
        }
        index += literal.utf8CodeUnitCount
    }

    // MARK: bytes

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        containers.append(false)
    }

    private mutating func leave() {
        depth -= 1
        containers.removeLast()
    }

    private mutating func skipByteOrderMark() {
        // A UTF-8 byte order mark is tolerated, as editors on some systems write one.
        if peek() == 0xEF, peek(at: 1) == 0xBB, peek(at: 2) == 0xBF { index += 3 }
    }

    /// The byte at `index + offset`, reading more of the document when needed.
    @inline(__always)
    private mutating func peek(at offset: Int = 0) -> UInt8? {
        while index + offset >= buffer.count {
            guard more() else { return nil }
        }
        return buffer[index + offset]
    }

    /// Reads the next piece, dropping what was consumed (but not what the mark keeps);
    /// `false` at the end of the document.
    private mutating func more() -> Bool {
        guard let refill, let piece = refill(), !piece.isEmpty else { return false }
        let consumed = min(index, mark ?? index)
        if consumed > 0 {
            dropped += consumed
            buffer.removeFirst(consumed)
            index -= consumed
            mark = mark.map { $0 - consumed }
        }
        buffer.append(contentsOf: piece)
        return true
    }

    private mutating func skipWhitespace() {
        repeat {
            while index < buffer.count {
                switch buffer[index] {
                case 0x0A:
                    line += 1
                    index += 1
                    lineStart = dropped + index
                case 0x20, 0x09, 0x0D:
                    index += 1
                default:
                    return
                }
            }
        } while more()
    }

    private func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + String(byte, radix: 16, uppercase: true)
    }

    func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: dropped + index - lineStart + 1, reason: reason)
    }
}
