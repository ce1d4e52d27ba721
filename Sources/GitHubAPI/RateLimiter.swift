import FoundationEssentials
import Store

/// GitHub's primary rate limit: requests per hour per token, or per client address when
/// anonymous (behaviour.md: 60 an hour anonymous, 5000 per token). Always counted and reported
/// in headers; enforced only when configured, as on a fresh GitHub Enterprise Server.
public final class RateLimiter: Sendable {
    /// Limits and whether they are enforced.
    public struct Settings: Sendable, Equatable {
        public var enforced = false
        public var anonymousLimit = 60
        public var authenticatedLimit = 5000
        /// 403 (GitHub's usual answer) or 429.
        public var status = 403
        public var window: TimeInterval = 3600

        public init() {}
    }

    /// What one request used, for the `X-RateLimit-*` headers.
    public struct Usage: Sendable, Equatable {
        public var limit: Int
        public var used: Int
        public var reset: Date
        public var remaining: Int { max(0, limit - used) }
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
        let (key, limit) = Self.bucket(caller, settings: settings)
        return windows.update(key) { window in
            if window == nil || now >= window!.start.addingTimeInterval(settings.window) || now < window!.start {
                window = Window(start: now, used: 0)
            }
            let reset = window!.start.addingTimeInterval(settings.window)
            if settings.enforced && window!.used >= limit {
                return Usage(limit: limit, used: window!.used, reset: reset, exceeded: true)
            }
            window!.used += 1
            return Usage(limit: limit, used: window!.used, reset: reset, exceeded: false)
        }
    }

    /// Forgets every window (the control API's reset).
    public func reset() { windows.removeAll() }

    private static func bucket(_ caller: Caller, settings: Settings) -> (Bucket, Int) {
        switch caller {
        case .anonymous(let address): (.address(address), settings.anonymousLimit)
        case .token(let token): (.token(token.token), settings.authenticatedLimit)
        }
    }
}
