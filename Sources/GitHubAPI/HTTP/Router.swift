import HTTPServer

/// Matches request paths against patterns such as `/repos/:owner/:repo/actions/jobs/:job_id`.
/// Segments starting with `:` capture; everything else matches literally (case-sensitively, as GitHub).
public struct Router<Handler: Sendable>: Sendable {
    private struct Route: Sendable {
        var segments: [Segment]
        var handler: Handler
    }

    /// A pattern segment, parsed once when the route is added.
    private enum Segment: Sendable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []

    public init() {}

    public mutating func add(_ pattern: String, _ handler: Handler) {
        let segments = pattern.split(separator: "/").map { part in
            part.hasPrefix(":") ? Segment.parameter(String(part.dropFirst())) : .literal(String(part))
        }
        routes.append(Route(segments: segments, handler: handler))
    }

    /// The handler for already-split, decoded path segments, with the captured parameters.
    public func match(_ segments: [String]) -> (handler: Handler, parameters: RouteParameters)? {
        for route in routes where route.segments.count == segments.count {
            // Literals first: captures are only made for the route that matches.
            let matched = zip(route.segments, segments).allSatisfy { pattern, segment in
                if case .literal(let text) = pattern { return text == segment }
                return true
            }
            guard matched else { continue }
            var parameters = RouteParameters()
            for case (.parameter(let name), let segment) in zip(route.segments, segments) {
                parameters.values.append((name, segment))
            }
            return (route.handler, parameters)
        }
        return nil
    }
}

/// Values captured from a path, by parameter name.
public struct RouteParameters: Sendable, Equatable {
    /// In path order. A route has at most four: a list beats a dictionary's hashing.
    var values: [(name: String, value: String)] = []

    public subscript(name: String) -> String? { values.first { $0.name == name }?.value }

    public static func == (lhs: RouteParameters, rhs: RouteParameters) -> Bool {
        lhs.values.elementsEqual(rhs.values) { $0.name == $1.name && $0.value == $1.value }
    }

    /// A captured id: decimal digits only, as GitHub's router requires, fitting in 64 bits.
    public func id(_ name: String) -> Int64? {
        self[name].flatMap { Self.id($0[...]) }
    }

    /// Decimal digits only (no sign, no spaces), fitting in 64 bits.
    static func id(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int64(text)
    }
}

/// The API's operations by path pattern and method, in the order they were added.
public struct EndpointTable: Sendable {
    private var patterns: [String] = []
    private var methods: [String: [String: Endpoint]] = [:]

    public init() {}

    /// Adds the operation answering GET (and HEAD) on `pattern`.
    public mutating func add(_ pattern: String, _ endpoint: Endpoint) { add("GET", pattern, endpoint) }

    /// Adds the operation answering `method` on `pattern`.
    public mutating func add(_ method: String, _ pattern: String, _ endpoint: Endpoint) {
        if methods[pattern] == nil { patterns.append(pattern) }
        methods[pattern, default: [:]][method] = endpoint
    }

    var router: Router<[String: Endpoint]> {
        var router = Router<[String: Endpoint]>()
        for pattern in patterns { router.add(pattern, methods[pattern]!) }
        return router
    }
}

/// Finds the operation for the path (with or without `/api/v3`) and method before anything
/// else looks at the request: a path that routes nowhere is `404 Not Found` whatever
/// `Authorization` says, as GitHub's router answers it.
struct RoutingMiddleware: Middleware {
    static let prefix = "/api/v3"
    let router: Router<[String: Endpoint]>

    /// The endpoints (by method) a request path routes to, and the path's parameters.
    static func match(_ path: String, in router: Router<[String: Endpoint]>) -> (handler: [String: Endpoint], parameters: RouteParameters)? {
        guard let segments = segments(path, afterPrefix: true) else { return nil }
        return router.match(segments)
    }

    private static let prefixBytes = Array(prefix.utf8)

    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse {
        guard let (endpoints, parameters) = Self.match(state.request.path, in: router),
              // GitHub answers a method a path does not take as an unknown route.
              let endpoint = endpoints[state.request.method == "HEAD" ? "GET" : state.request.method]
        else { throw APIError.notFound() }
        state.endpoint = endpoint
        state.parameters = parameters
        state.operationID = endpoint.operationID
        return try next(&state)
    }

    /// Decoded path segments; `nil` for empty segments (`//`), which GitHub does not route.
    /// `afterPrefix`: those after `/api/v3` when the path starts with it (the API answers both).
    static func segments(_ path: String, afterPrefix: Bool = false) -> [String]? {
        // On an array of the bytes (`/` and `%` are ASCII): String.UTF8View's generic searches
        // and Substring copies cost more than the routing itself.
        let bytes = Array(path.utf8)
        let slash = UInt8(ascii: "/"), percent = UInt8(ascii: "%")
        var first = 0
        if afterPrefix, bytes.starts(with: prefixBytes), bytes.count == prefixBytes.count || bytes[prefixBytes.count] == slash {
            first = prefixBytes.count
        }
        guard first < bytes.count, bytes[first] == slash else { return nil }
        var end = bytes.count
        if end > first + 1 && bytes[end - 1] == slash { end -= 1 }
        var segments: [String] = []
        segments.reserveCapacity(8)
        var start = first + 1
        while true {
            var stop = start
            var escaped = false
            while stop < end && bytes[stop] != slash {
                escaped = escaped || bytes[stop] == percent
                stop += 1
            }
            guard stop > start else { return nil }  // an empty segment: `//`, or the bare `/`
            let segment = String(decoding: bytes[start..<stop], as: UTF8.self)
            segments.append(escaped ? PercentEncoding.decode(segment[...]) : segment)
            if stop == end { break }
            start = stop + 1
        }
        return segments
    }
}
