import FoundationEssentials

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
        // A JWT's parts say which app signed it and when; none of that belongs in the journal.
        if AppJWT.looksLikeJWT(token) { return "jwt…" }
        let prefix = ["github_pat_", "ghp_", "gho_", "ghs_", "ghu_"].first { token.hasPrefix($0) } ?? ""
        guard token.count >= prefix.count + 12 else { return prefix + "…" }
        return prefix + "…" + token.suffix(4)
    }
}
