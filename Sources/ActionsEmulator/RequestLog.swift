import Clock
import FoundationEssentials
import HTTPServer
import JSON

/// The operator's view on stderr: start-up lines and one line per request (method, path, status,
/// duration, request id), as text or JSON lines.
public struct RequestLog: Sendable {
    /// How much to say.
    public enum Level: String, Sendable, CaseIterable, Comparable {
        case debug, info, warning, error
        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// How lines are written.
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public let level: Level
    public let format: Format
    private let write: @Sendable (String) -> Void

    public init(level: Level = .info, format: Format = .text,
                write: @escaping @Sendable (String) -> Void = { System.write($0 + "\n", to: .standardError) }) {
        self.level = level
        self.format = format
        self.write = write
    }

    /// A start-up or shutdown message.
    public func event(_ message: String, level: Level = .info, fields: [(String, String)] = []) {
        guard level >= self.level else { return }
        switch format {
        case .text:
            write(([Timestamp.format(Date()), level.rawValue, message] + fields.map { "\($0.0)=\($0.1)" }).joined(separator: " "))
        case .json:
            write(Self.jsonLine([("time", Timestamp.format(Date())), ("level", level.rawValue), ("message", message)] + fields))
        }
    }

    /// One request as answered. The query is left out: log URLs carry their signature there.
    func request(_ request: HTTPRequest, _ response: HTTPResponse, milliseconds: Double) {
        guard level <= .info else { return }
        let status = response.dropsConnection ? "dropped" : String(response.status)
        let id = response.headers["X-GitHub-Request-Id"] ?? "-"
        let duration = NumberText.fixed(milliseconds, digits: 2)
        switch format {
        case .text:
            write("\(Timestamp.format(Date())) \(request.method) \(request.path) \(status) \(duration)ms \(id)")
        case .json:
            write(Self.jsonLine([("time", Timestamp.format(Date())), ("method", request.method), ("path", request.path),
                                 ("status", status), ("duration_ms", duration), ("request_id", id)]))
        }
    }

    private static func jsonLine(_ fields: [(String, String)]) -> String {
        var json = JSONWriter(reservingCapacity: 256)
        json.beginObject()
        for (key, value) in fields {
            json.key(key)
            json.string(value)
        }
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
