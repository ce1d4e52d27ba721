import Clock
import FoundationEssentials
import HTTPServer
import Store

/// The query parameters GitHub's run lists take: `status` (a status or a conclusion),
/// `branch`, `event`, `actor`, `head_sha`, `created` (GitHub's date-range syntax) and
/// `check_suite_id`. Empty values mean "any", as an empty `filter=` does for job lists. A value
/// these filters cannot use matches nothing, as GitHub answers an unusable `created` with an
/// empty list (github/rest-api-description#2542).
struct RunListQuery {
    static let statuses = ["queued", "in_progress", "completed", "waiting", "requested", "pending"]
    static let conclusions = ["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required",
                              "stale", "startup_failure"]

    var filter = RunFilter()
    /// `check_suite_id`: the emulator's check suites share their run's id.
    var runID: Int64?
    /// A filter had a value no run can match.
    var matchesNothing = false

    init(_ query: QueryParameters) {
        func value(_ name: String) -> String? { query[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let status = value("status") {
            if Self.statuses.contains(status) {
                filter.status = status
            } else if Self.conclusions.contains(status) {
                filter.conclusion = status
            } else {
                matchesNothing = true
            }
        }
        filter.branch = value("branch")
        filter.event = value("event")
        filter.actor = value("actor")
        filter.headSHA = value("head_sha")
        if let created = value("created") {
            if let range = DateRange(created) {
                (filter.createdFrom, filter.createdBefore) = (range.from, range.before)
            } else {
                matchesNothing = true
            }
        }
        if let suite = value("check_suite_id") {
            // An id that is no number matches nothing, as an unknown one does.
            runID = RouteParameters.id(suite[...]) ?? -1
        }
    }
}

/// GitHub's date-range qualifier as `created` takes it: `2026-01-01` (that day), `>=`, `>`,
/// `<=`, `<` before a date or date-time, `A..B` (both ends inclusive) and `*` for an open end.
/// A day is UTC; `>2026-01-01` starts after that whole day.
struct DateRange: Equatable {
    /// Seconds since 1970: matches when `from <= t < before`.
    var from = -Double.greatestFiniteMagnitude
    var before = Double.greatestFiniteMagnitude

    init?(_ text: String) {
        if let dots = text.firstRange(of: "..") {
            let (low, high) = (String(text[..<dots.lowerBound]), String(text[dots.upperBound...]))
            if low != "*" {
                guard let start = Self.instant(low) else { return nil }
                from = start.start
            }
            if high != "*" {
                guard let end = Self.instant(high) else { return nil }
                before = end.end
            }
            return
        }
        for (prefix, apply) in [
            (">=", { (range: inout DateRange, t: (start: Double, end: Double)) in range.from = t.start }),
            ("<=", { (range: inout DateRange, t: (start: Double, end: Double)) in range.before = t.end }),
            (">", { (range: inout DateRange, t: (start: Double, end: Double)) in range.from = t.end }),
            ("<", { (range: inout DateRange, t: (start: Double, end: Double)) in range.before = t.start }),
        ] where text.hasPrefix(prefix) {
            guard let instant = Self.instant(String(text.dropFirst(prefix.count))) else { return nil }
            apply(&self, instant)
            return
        }
        guard let day = Self.instant(text) else { return nil }
        (from, before) = day
    }

    /// A date (the whole UTC day) or a date-time (one second), as the interval it covers.
    private static func instant(_ text: String) -> (start: Double, end: Double)? {
        if text.utf8.count == 10, let day = Timestamp.parse(text + "T00:00:00Z") {
            return (day.timeIntervalSince1970, day.timeIntervalSince1970 + 86_400)
        }
        // Date-times without a zone are UTC, as GitHub reads them.
        let zoned = text.utf8.count == 19 ? text + "Z" : text
        guard let moment = Timestamp.parse(zoned) else { return nil }
        let second = moment.timeIntervalSince1970.rounded(.down)
        return (second, second + 1)
    }
}
