import FoundationEssentials
import Locking

/// The emulator's notion of now, so log-URL expiry and rate-limit windows are testable without
/// sleeping. It follows the system clock, shifted by `advance`; once `set` to an instant it stands
/// still there (moving only by `advance`) so a test's timeline does not depend on how fast it runs.
public final class EmulatorClock: Sendable {
    private enum Mode {
        case running(offset: TimeInterval)
        case frozen(Date)
    }

    private let mode = Locked<Mode>(.running(offset: 0))
    private let systemNow: @Sendable () -> Date

    public init(systemNow: @escaping @Sendable () -> Date = { Date() }) {
        self.systemNow = systemNow
    }

    public var now: Date {
        switch mode.withLock({ $0 }) {
        case .running(let offset): systemNow().addingTimeInterval(offset)
        case .frozen(let date): date
        }
    }

    /// Whether the clock stands still (after `set`).
    public var isFrozen: Bool {
        if case .frozen = mode.withLock({ $0 }) { return true }
        return false
    }

    /// Moves the clock forward (or back, with a negative interval).
    public func advance(by seconds: TimeInterval) {
        mode.withLock { mode in
            switch mode {
            case .running(let offset): mode = .running(offset: offset + seconds)
            case .frozen(let date): mode = .frozen(date.addingTimeInterval(seconds))
            }
        }
    }

    /// Stops the clock at `date`.
    public func set(to date: Date) { mode.withLock { $0 = .frozen(date) } }

    /// Back to the system clock.
    public func reset() { mode.withLock { $0 = .running(offset: 0) } }
}
