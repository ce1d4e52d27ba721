import JSON
import Testing

@Suite struct JSONParserTests {
    @Test func keepsKeyOrderAndNumbersVerbatim() throws {
        let value = try JSONParser.parse(#"{"b": 1.0, "a": 9007199254740993, "c": [true, null, "x"]}"#)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "c"])
        #expect(members[0].value == .number("1.0"))
        #expect(value["a"]?.int64 == 9_007_199_254_740_993)
        var writer = JSONWriter()
        writer.value(value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"b":1.0,"a":9007199254740993,"c":[true,null,"x"]}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""a\"b\\c\/\n\u00e9\ud83d\ude00""#) == .string("a\"b\\c/\né😀"))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a member name"),
        ("{\"a\": 1\n \"b\": 2}", 2, 2, "expected ',' or '}'"),
        ("[1, 2", 1, 6, "expected ',' or ']'"),
        ("{\"a\": 01}", 1, 8, "expected ',' or '}'"),
        ("{\"a\": tru}", 1, 7, "invalid literal"),
        ("\"abc", 1, 5, "unterminated string"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate member name"),
        ("\"\\ud800\"", 1, 8, "unpaired surrogate"),
        ("", 1, 1, "unexpected end"),
        ("1 2", 1, 3, "unexpected content"),
    ])
    func syntaxErrorsSayWhereAndWhy(text: String, line: Int, column: Int, reason: String) {
        #expect {
            _ = try JSONParser.parse(text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.line == line && error.column == column && error.reason.contains(reason)
        }
    }

    /// Small objects check duplicates by scanning, large ones by hashing: both must refuse.
    @Test(arguments: [3, 15, 16, 17, 40])
    func duplicateNamesAreRefusedAtAnySize(members: Int) {
        let keys = (0..<members).map { "\"k\($0)\": \($0)" } + ["\"k\(members - 1)\": 0"]
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{" + keys.joined(separator: ", ") + "}") }
        #expect(throws: Never.self) { try JSONParser.parse("{" + keys.dropLast().joined(separator: ", ") + "}") }
    }

    @Test func refusesHostileNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }

    @Test func writerEscapesControlCharacters() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("k\"")
        writer.string("a\u{01}\t\"\\")
        writer.key("n")
        writer.null()
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"k\"":"a\u0001\t\"\\","n":null}"#)
    }
}
