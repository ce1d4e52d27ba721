/// One HTTP response: status, header fields and a body the server copies out.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// When set, the body is read from here in chunks instead of `body` (large logs).
    public var stream: BodyStream?
    /// When set, the server closes the connection without answering (a fault to inject).
    public var dropsConnection: Bool

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.dropsConnection = false
    }

    /// A response whose body of known length is read piece by piece as the client takes it.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), stream: BodyStream) {
        self.init(status: status, headers: headers)
        self.stream = stream
    }

    /// A response that closes the connection instead of answering.
    public static var droppedConnection: HTTPResponse {
        var response = HTTPResponse(status: 0)
        response.dropsConnection = true
        return response
    }
}

/// A body produced on demand, so a multi-megabyte body is never held whole. With a known
/// length it goes out with `Content-Length`; without one, chunked, read strictly in order
/// until `read` returns no bytes.
public struct BodyStream: Sendable {
    public let length: Int?
    /// Up to `count` bytes from `offset`; `nil` when the source failed (the connection is closed).
    public let read: @Sendable (_ offset: Int, _ count: Int) -> [UInt8]?

    public init(length: Int?, read: @escaping @Sendable (_ offset: Int, _ count: Int) -> [UInt8]?) {
        self.length = length
        self.read = read
    }
}

/// Anything that answers requests: the server calls it on its worker threads, concurrently.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) -> HTTPResponse
    /// Where the server should run `respond(to:)` for `request`; asked once its body is in.
    func placement(of request: HTTPRequest) -> Placement
}

extension HTTPResponder {
    public func placement(of request: HTTPRequest) -> Placement { .eventLoop }
}

/// Where a request is answered. A worker thread runs one event loop for many connections, so
/// an answer that blocks it (a long write, a lock held by one, a delay on purpose) holds them all.
public enum Placement: Sendable {
    /// On the connection's worker thread: for answers that take microseconds.
    case eventLoop
    /// On a thread of its own while the connection is suspended, so the worker goes on serving
    /// its other connections; costs a thread hop.
    case ownThread
}
