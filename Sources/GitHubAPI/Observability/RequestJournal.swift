import FoundationEssentials
import Locking

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
    private let ring: Locked<Ring>

    /// Entries as recorded (tokens as presented), the oldest at `start` once full.
    private struct Ring {
        var items: [Entry] = []
        var start = 0
    }

    public init(capacity: Int = 1000) {
        self.capacity = max(1, capacity)
        ring = Locked(Ring())
    }

    /// Records `entry`, its `token` as presented: it is redacted when read, so a request pays
    /// no formatting for a journal nobody reads.
    func record(_ entry: Entry) {
        ring.withLock { ring in
            if ring.items.count < capacity {
                if ring.items.isEmpty { ring.items.reserveCapacity(capacity) }
                ring.items.append(entry)
            } else {
                ring.items[ring.start] = entry
                ring.start = (ring.start + 1) % capacity
            }
        }
    }

    /// Oldest first, tokens redacted.
    public func all() -> [Entry] {
        let recorded = ring.withLock { ring in Array(ring.items[ring.start...] + ring.items[..<ring.start]) }
        return recorded.map { entry in
            var entry = entry
            entry.token = entry.token.map(Self.redact)
            return entry
        }
    }

    public func clear() { ring.withLock { $0 = Ring() } }

    /// `ghp_…0001`: the kind-revealing prefix and the last four characters, never more.
    public static func redact(_ token: String) -> String {
        // A JWT's parts say which app signed it and when; none of that belongs in the journal.
        if AppJWT.looksLikeJWT(token) { return "jwt…" }
        let prefix = ["github_pat_", "ghp_", "gho_", "ghs_", "ghu_"].first { token.hasPrefix($0) } ?? ""
        guard token.utf8.count >= prefix.utf8.count + 12 else { return prefix + "…" }
        return prefix + "…" + token.suffix(4)
    }
}
