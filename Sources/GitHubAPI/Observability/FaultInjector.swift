import FoundationEssentials
import HTTPServer
import Synchronization

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
        "actions/get-workflow-run-attempt", "actions/get-workflow", "actions/list-workflow-run-artifacts",
        "actions/list-workflow-runs-for-repo", "actions/list-workflow-runs", "actions/list-repo-workflows",
        "actions/download-workflow-run-logs", "actions/download-workflow-run-attempt-logs", "checks/list-annotations",
        "meta/get", "rate-limit/get", "logs/download", "*",
    ]

    private let state = LockedDictionary<Int, [Fault]>()
    private let ids = LockedDictionary<Int, Int>()
    /// Whether some fault waits before answering, kept with the list (read on every request).
    private let delaying = Atomic<Bool>(false)

    public init() {}

    public func add(_ fault: Fault) -> Fault {
        var fault = fault
        fault.id = ids.update(0) { next in
            next = (next ?? 0) + 1
            return next!
        }
        state.update(0) { faults in
            faults = (faults ?? []) + [fault]
            delaying.store(faults!.contains { $0.latency > 0 }, ordering: .relaxed)
        }
        return fault
    }

    /// Whether a request may be held on purpose (a latency fault is set).
    public var delaysRequests: Bool { delaying.load(ordering: .relaxed) }

    public func all() -> [Fault] { state.update(0) { $0 ?? [] } }

    public func clear() {
        state.update(0) { faults in
            faults = nil
            delaying.store(false, ordering: .relaxed)
        }
    }

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
            delaying.store(list.contains { $0.latency > 0 }, ordering: .relaxed)
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
