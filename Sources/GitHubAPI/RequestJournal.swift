import FoundationEssentials
import HTTPServer

/// The most recent API requests, for tests to inspect what their client sent. Bounded: the
/// oldest entries are dropped first. Tokens appear only redacted.
public final class RequestJournal: Sendable {
    /// One request as answered.
    public struct Entry: Sendable, Equatable {
        public var time: Date
        public var method: String
        public var path: String
        public var query: String?
        public var status: Int
        /// `classic`, `fine_grained`, ... ; `invalid` for a token that was refused; `nil` when none was sent.
        public var tokenKind: String?
        /// The token with all but its prefix and last four characters hidden.
        public var token: String?
        public var requestID: String?
        public var durationMilliseconds: Double
    }

    public let capacity: Int
    private let entries = LockedDictionary<Int, Ring>()

    private struct Ring {
        var items: [Entry] = []
        var start = 0
    }

    public init(capacity: Int = 1000) {
        self.capacity = max(1, capacity)
    }

    func record(_ entry: Entry) {
        entries.update(0) { ring in
            var current = ring ?? Ring()
            if current.items.count < capacity {
                current.items.append(entry)
            } else {
                current.items[current.start] = entry
                current.start = (current.start + 1) % capacity
            }
            ring = current
        }
    }

    /// Oldest first.
    public func all() -> [Entry] {
        entries.update(0) { ring in
            guard let ring else { return [] }
            return Array(ring.items[ring.start...] + ring.items[..<ring.start])
        }
    }

    public func clear() { entries.removeAll() }

    /// `ghp_…0001`: the kind-revealing prefix and the last four characters, never more.
    public static func redact(_ token: String) -> String {
        let prefix = ["github_pat_", "ghp_", "gho_", "ghs_", "ghu_"].first { token.hasPrefix($0) } ?? ""
        guard token.count >= prefix.count + 12 else { return prefix + "…" }
        return prefix + "…" + token.suffix(4)
    }
}

/// Failures injected on purpose, so a client's retry logic can be tested.
public final class FaultInjector: Sendable {
    /// What to do to requests for a route, and how many times.
    public struct Fault: Sendable, Equatable {
        public var id = 0
        /// An operation id (`actions/get-job-for-workflow-run`, ..., `logs/download`) or `*`.
        public var route: String
        public var latency: TimeInterval = 0
        /// Answer with this status (and GitHub's body for it) instead of handling the request.
        public var status: Int?
        /// Close the connection without answering.
        public var dropConnection = false
        /// How many requests it applies to; `nil` for every one until cleared.
        public var remaining: Int?

        public init(route: String, latency: TimeInterval = 0, status: Int? = nil, dropConnection: Bool = false,
                    remaining: Int? = nil) {
            self.route = route
            self.latency = latency
            self.status = status
            self.dropConnection = dropConnection
            self.remaining = remaining
        }
    }

    /// Every operation a fault may name.
    public static let routes = [
        "actions/get-job-for-workflow-run", "actions/download-job-logs-for-workflow-run",
        "actions/list-jobs-for-workflow-run-attempt", "actions/list-jobs-for-workflow-run", "actions/get-workflow-run",
        "actions/get-workflow-run-attempt", "actions/get-workflow", "actions/list-workflow-run-artifacts", "logs/download", "*",
    ]

    private let state = LockedDictionary<Int, [Fault]>()
    private let ids = LockedDictionary<Int, Int>()

    public init() {}

    public func add(_ fault: Fault) -> Fault {
        var fault = fault
        fault.id = ids.update(0) { next in
            next = (next ?? 0) + 1
            return next!
        }
        state.update(0) { faults in faults = (faults ?? []) + [fault] }
        return fault
    }

    public func all() -> [Fault] { state.update(0) { $0 ?? [] } }

    public func clear() { state.removeAll() }

    /// The fault to apply to one request for `route`, counting it; `nil` when none applies.
    func take(route: String) -> Fault? {
        state.update(0) { faults -> Fault? in
            guard var list = faults, let index = list.firstIndex(where: { $0.route == route || $0.route == "*" }) else {
                return nil
            }
            let fault = list[index]
            if let remaining = fault.remaining {
                if remaining <= 1 { list.remove(at: index) } else { list[index].remaining = remaining - 1 }
            }
            faults = list
            return fault
        }
    }

    /// Applies `fault`: waits, then answers for it; `nil` lets the request through.
    static func apply(_ fault: Fault, documentationURL: String) -> HTTPResponse? {
        System.sleep(seconds: fault.latency)
        if fault.dropConnection { return .droppedConnection }
        guard let status = fault.status else { return nil }
        return APIError(status: status, message: reasonPhrase(status), documentationURL: documentationURL).response
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 500: "Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 429: "Too Many Requests"
        case 403: "Forbidden"
        case 404: "Not Found"
        default: "Error"
        }
    }
}
