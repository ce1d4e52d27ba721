import FoundationEssentials
import JSON

/// Request counts by route and status, and a latency histogram, for `/_emulator/metrics` in
/// Prometheus's text format.
public final class Metrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

    private struct State {
        var requests: [String: [Int: Int]] = [:]
        var bucketCounts = [Int](repeating: 0, count: Metrics.buckets.count + 1)
        var sum: Double = 0
        var count = 0
    }

    private let state = LockedDictionary<Int, State>()

    public init() {}

    func record(route: String, status: Int, seconds: Double) {
        state.update(0) { current in
            // In place: a copy of the state would copy its dictionaries on every request.
            if current == nil { current = State() }
            current!.requests[route, default: [:]][status, default: 0] += 1
            let bucket = Self.buckets.firstIndex { seconds <= $0 } ?? Self.buckets.count
            current!.bucketCounts[bucket] += 1
            current!.sum += seconds
            current!.count += 1
        }
    }

    /// The exposition text.
    public func prometheusText() -> String {
        let value = state.update(0) { $0 ?? State() }
        var lines = [
            "# HELP actions_emulator_requests_total API requests answered, by route (operation id) and status.",
            "# TYPE actions_emulator_requests_total counter",
        ]
        for route in value.requests.keys.sorted() {
            for (status, count) in value.requests[route]!.sorted(by: { $0.key < $1.key }) {
                lines.append("actions_emulator_requests_total{route=\"\(route)\",status=\"\(status)\"} \(count)")
            }
        }
        lines += [
            "# HELP actions_emulator_request_duration_seconds Time to answer an API request.",
            "# TYPE actions_emulator_request_duration_seconds histogram",
        ]
        var cumulative = 0
        for (index, bound) in Self.buckets.enumerated() {
            cumulative += value.bucketCounts[index]
            lines.append("actions_emulator_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)")
        }
        lines.append("actions_emulator_request_duration_seconds_bucket{le=\"+Inf\"} \(value.count)")
        lines.append("actions_emulator_request_duration_seconds_sum \(NumberText.fixed(value.sum, digits: 6))")
        lines.append("actions_emulator_request_duration_seconds_count \(value.count)")
        return lines.joined(separator: "\n") + "\n"
    }
}
