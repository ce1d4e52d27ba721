/// One HTTP request as the server received it: method, request target, headers, body.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path part of the request target, still percent-encoded, as the client sent it.
    public var path: String
    /// The query string after `?`, raw; `nil` when the target had no `?`.
    public var rawQuery: String?
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The peer's numeric IP address, empty when unknown.
    public var remoteAddress: String
    /// Whether the request arrived over TLS.
    public var isSecure: Bool

    public init(
        method: String,
        target: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        remoteAddress: String = "",
        isSecure: Bool = false
    ) {
        self.method = method
        // Searching contiguous bytes: grapheme breaking made this a tenth of a request's cost,
        // and String.UTF8View's generic search still cost more than the rest of the split.
        var target = target
        let split = target.withUTF8 { bytes -> (String, String)? in
            guard let question = bytes.firstIndex(of: UInt8(ascii: "?")) else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<question]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[(question + 1)...]), as: UTF8.self))
        }
        (path, rawQuery) = split.map { ($0.0, $0.1) } ?? (target, nil)
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.isSecure = isSecure
    }

    /// The query parameters in the order sent, decoded.
    public var query: QueryParameters { QueryParameters(raw: rawQuery ?? "") }
}
