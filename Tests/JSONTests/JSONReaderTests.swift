import JSON
import Testing

/// The streaming reader: whole or in pieces of any size it reads the same values and reports
/// the same errors at the same places; skipping checks what reading checks.
@Suite struct JSONReaderTests {
    /// Documents that put escapes, multi-byte characters, long plain runs and numbers across
    /// piece boundaries and across the eight-byte words plain runs are scanned in.
    static let documents: [String] = [
        #"{"a": "plain text longer than eight bytes", "b": [1, -2.5e+3, 0, 1E2], "c": {"d": null, "e": true}}"#,
        #"["a\"b\\c\/\n\t\r\b\f", "\u00e9\ud83d\ude00 and more", "é at 0", "xxxxxxxé", "xxxxxxxxé😀x", ""]"#,
        "[\"" + String(repeating: "0123456789", count: 30) + "\", \"" + String(repeating: "ü", count: 50) + "\"]",
        #"{"jobs": [{"id": 900000001, "name": "test (1, 2)"}, {"id": 900000002, "steps": []}]}"#,
        "  \n {\"k\":\n\t\"v\"\r\n}  \n",
    ]

    static func readWhole(_ text: String) throws -> JSONValue {
        var reader = JSONReader(bytes: Array(text.utf8))
        let value = try reader.readValue()
        try reader.end()
        return value
    }

    static func readInPieces(_ text: String, of size: Int) throws -> JSONValue {
        var reader = JSONReader(pieces: Self.pieces(of: text, size: size))
        let value = try reader.readValue()
        try reader.end()
        return value
    }

    static func pieces(of text: String, size: Int) -> () -> [UInt8]? {
        let bytes = Array(text.utf8)
        var offset = 0
        return {
            guard offset < bytes.count else { return nil }
            defer { offset += size }
            return Array(bytes[offset..<min(offset + size, bytes.count)])
        }
    }

    @Test(arguments: documents)
    func piecesOfAnySizeReadTheSameValues(text: String) throws {
        let whole = try Self.readWhole(text)
        for size in [1, 2, 3, 7, 8, 9, 64] {
            #expect(try Self.readInPieces(text, of: size) == whole, "pieces of \(size)")
        }
    }

    @Test func stringsKeepEveryCharacter() throws {
        #expect(try Self.readWhole(Self.documents[1]) == .array([
            .string("a\"b\\c/\n\t\r\u{8}\u{c}"), .string("é😀 and more"), .string("é at 0"), .string("xxxxxxxé"),
            .string("xxxxxxxxé😀x"), .string(""),
        ]))
    }

    /// A quote, backslash, control character or invalid byte at every place of a long run is
    /// found there, whichever eight-byte word it falls in.
    @Test(arguments: 0..<20)
    func specialBytesAreFoundAtAnyOffset(offset: Int) throws {
        let before = String(repeating: "a", count: offset)
        let after = String(repeating: "b", count: 20)
        #expect(try Self.readWhole("\"\(before)\\\"\(after)\"") == .string(before + "\"" + after))
        #expect(try Self.readWhole("\"\(before)é\(after)\"") == .string(before + "é" + after))
        #expect(try Self.readWhole("[\"\(before)\", \"\(after)\"]") == .array([.string(before), .string(after)]))
        #expect {
            _ = try Self.readWhole("\"\(before)\u{1}\(after)\"")
        } throws: { ($0 as? JSONSyntaxError)?.column == offset + 2 }
        var invalid = Array("\"\(before)".utf8) + [0xFF] + Array("\(after)\"".utf8)
        #expect {
            var reader = JSONReader(bytes: invalid)
            _ = try reader.readValue()
        } throws: { ($0 as? JSONSyntaxError)?.reason == "string is not valid UTF-8" }
        invalid = Array("\"\(before)".utf8) + [0xC3] + Array("\(after)\"".utf8)  // a lead byte without its continuation
        #expect(throws: JSONSyntaxError.self) {
            var reader = JSONReader(bytes: invalid)
            _ = try reader.readValue()
        }
    }

    @Test(arguments: [
        ("{\"a\": \"x\n\"}", "control character"),
        ("[\"\\q\"]", "invalid escape"),
        ("[\"\\ud800x\"]", "unpaired surrogate"),
        ("[1.]", "digits expected after '.'"),
        ("[\"abc", "unterminated string"),
        ("[\"abc\",\n  \"" + String(repeating: "x", count: 30) + "\\u12\"]", "four hex digits"),
    ])
    func errorsAreTheSameWholeAndInPieces(text: String, reason: String) {
        func failure(_ read: () throws -> JSONValue) -> JSONSyntaxError? {
            do {
                _ = try read()
                return nil
            } catch {
                return error as? JSONSyntaxError
            }
        }
        let whole = failure { try Self.readWhole(text) }
        #expect(whole?.reason.contains(reason) == true, "\(String(describing: whole))")
        for size in [1, 5, 8] {
            let pieces = failure { try Self.readInPieces(text, of: size) }
            #expect(pieces?.line == whole?.line && pieces?.column == whole?.column && pieces?.reason == whole?.reason)
        }
    }

    @Test func skippingChecksWhatReadingChecks() throws {
        for text in Self.documents {
            var reader = JSONReader(pieces: Self.pieces(of: text, size: 3))
            try reader.skipValue()
            try reader.end()
        }
        for bad in ["[\"\\x\"]", "{\"a\" 1}", "[01]", "[\"\u{1}\"]"] {
            var reader = JSONReader(bytes: Array(bad.utf8))
            #expect(throws: JSONSyntaxError.self, "\(bad)") { try reader.skipValue() }
        }
    }

    @Test func walksMembersAndElementsOneAtATime() throws {
        var reader = JSONReader(pieces: Self.pieces(of: Self.documents[3], size: 4))
        try reader.beginObject()
        #expect(try reader.nextMember() == "jobs")
        try reader.beginArray()
        var ids: [Int64] = []
        while try reader.nextElement() {
            ids.append(try reader.readValue()["id"]?.int64 ?? 0)
        }
        #expect(ids == [900_000_001, 900_000_002])
        #expect(try reader.nextMember() == nil)
        try reader.end()
    }
}
