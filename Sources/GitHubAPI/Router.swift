/// Matches request paths against patterns such as `/repos/:owner/:repo/actions/jobs/:job_id`.
/// Segments starting with `:` capture; everything else matches literally (case-sensitively, as GitHub).
public struct Router<Handler: Sendable>: Sendable {
    private struct Route: Sendable {
        var segments: [Substring]
        var handler: Handler
    }

    private var routes: [Route] = []

    public init() {}

    public mutating func add(_ pattern: String, _ handler: Handler) {
        routes.append(Route(segments: pattern.split(separator: "/"), handler: handler))
    }

    /// The handler for already-split, decoded path segments, with the captured parameters.
    public func match(_ segments: [String]) -> (handler: Handler, parameters: RouteParameters)? {
        for route in routes where route.segments.count == segments.count {
            var parameters = RouteParameters()
            var matched = true
            for (pattern, segment) in zip(route.segments, segments) {
                if pattern.first == ":" {
                    parameters.values[String(pattern.dropFirst())] = segment
                } else if pattern != segment {
                    matched = false
                    break
                }
            }
            if matched { return (route.handler, parameters) }
        }
        return nil
    }
}

/// Values captured from a path, by parameter name.
public struct RouteParameters: Sendable, Equatable {
    var values: [String: String] = [:]

    public subscript(name: String) -> String? { values[name] }

    /// A captured id: decimal digits only, as GitHub's router requires, fitting in 64 bits.
    public func id(_ name: String) -> Int64? {
        values[name].flatMap { Self.id($0[...]) }
    }

    /// Decimal digits only (no sign, no spaces), fitting in 64 bits.
    static func id(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int64(text)
    }
}
