import FoundationEssentials
import Store

/// GitHub's primary rate limit: requests per hour per token, or per client address when
/// anonymous (60 an hour anonymous, 5000 per token). A fresh GitHub Enterprise Server has rate
/// limiting off and says nothing about it; an administrator turns it on (`enabled`), and then
/// it is counted, reported in `X-RateLimit-*` headers and enforced.
public final class RateLimiter: Sendable {
    /// Whether rate limiting is on, and its limits.
    public struct Settings: Sendable, Equatable {
        public var enabled = false
        public var anonymousLimit = 60
        public var authenticatedLimit = 5000
        /// 403 (GitHub's usual answer) or 429.
        public var status = 403
        public var window: TimeInterval = 3600

        public init() {}
    }

    /// A caller's standing in its current window, for the `X-RateLimit-*` headers.
    public struct Usage: Sendable, Equatable {
        public var limit: Int
        public var used: Int
        public var reset: Date
        public var remaining: Int { max(0, limit - used) }
        /// The request was refused: the window's budget was already spent.
        public var exceeded: Bool
    }

    private struct Window {
        var start: Date
        var used: Int
    }

    public let settings: Settings
    private let windows = LockedDictionary<Bucket, Window>()

    /// Whose budget a request spends: a token's, or an address's when anonymous.
    private enum Bucket: Hashable, Sendable {
        case address(String)
        case token(String)
    }

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Counts one request by `caller` at `now`. A request refused for the limit is not counted.
    public func record(_ caller: Caller, now: Date) -> Usage {
        update(caller, now: now) { window, limit in
            if settings.enabled && window.used >= limit { return true }
            window.used += 1
            return false
        }
    }

    /// Gives back what `record` counted, for answers that cost nothing (an authorized 304).
    public func refund(_ caller: Caller, now: Date) -> Usage {
        update(caller, now: now) { window, _ in
            window.used = max(0, window.used - 1)
            return false
        }
    }

    /// The caller's standing without counting anything (`GET /rate_limit`).
    public func peek(_ caller: Caller, now: Date) -> Usage {
        update(caller, now: now) { _, _ in false }
    }

    /// Forgets every window (the control API's reset).
    public func reset() { windows.removeAll() }

    /// Runs `change` on the caller's current window (a new one once the old has run out);
    /// `change` returns whether the request is refused.
    private func update(_ caller: Caller, now: Date, _ change: (inout Window, Int) -> Bool) -> Usage {
        let (key, limit) = Self.bucket(caller, settings: settings)
        return windows.update(key) { stored in
            var window = stored ?? Window(start: now, used: 0)
            if now >= window.start.addingTimeInterval(settings.window) || now < window.start {
                window = Window(start: now, used: 0)
            }
            let exceeded = change(&window, limit)
            stored = window
            return Usage(limit: limit, used: window.used, reset: window.start.addingTimeInterval(settings.window),
                         exceeded: exceeded)
        }
    }

    private static func bucket(_ caller: Caller, settings: Settings) -> (Bucket, Int) {
        switch caller {
        case .anonymous(let address): (.address(address), settings.anonymousLimit)
        case .token(let token): (.token(token.token), settings.authenticatedLimit)
        case .app(let app): (.token("app:\(app.id)"), settings.authenticatedLimit)
        }
    }
}

extension RateLimiter.Usage {
    /// The `X-RateLimit-*` headers GitHub sends with this standing.
    var headers: [(String, String)] {
        [
            ("X-RateLimit-Limit", String(limit)),
            ("X-RateLimit-Remaining", String(remaining)),
            ("X-RateLimit-Reset", String(Int(reset.timeIntervalSince1970))),
            ("X-RateLimit-Used", String(used)),
            ("X-RateLimit-Resource", "core"),
        ]
    }
}
