import Foundation
import Synchronization

/// The emulator's notion of now: the system clock plus an offset the control API can move,
/// so log-URL expiry and rate-limit windows are testable without sleeping.
public final class EmulatorClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    private let systemNow: @Sendable () -> Date

    public init(systemNow: @escaping @Sendable () -> Date = { Date() }) {
        self.systemNow = systemNow
    }

    public var now: Date { systemNow().addingTimeInterval(offset.withLock { $0 }) }

    /// Moves the clock forward (or back, with a negative interval).
    public func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }

    /// Makes `now` read `date` from here on, still ticking with the system clock.
    public func set(to date: Date) {
        let base = systemNow()
        offset.withLock { $0 = date.timeIntervalSince(base) }
    }

    /// Back to the system clock.
    public func reset() { offset.withLock { $0 = 0 } }
}
