/// Where and why a document is not JSON.
public struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var reason: String

    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }
    public var description: String { "line \(line), column \(column): \(reason)" }
}

/// Parses a whole document held in memory (seeds posted to the control API, config files,
/// request bodies); `JSONReader` walks documents that arrive in pieces.
public enum JSONParser {
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        let value = try reader.readValue()
        try reader.end()
        return value
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Deeper nesting is refused rather than risking the stack on hostile input.
    public static var maximumDepth: Int { JSONReader.maximumDepth }
}
