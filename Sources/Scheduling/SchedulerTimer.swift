import Clock
import FoundationEssentials
import Locking

/// Wakes the scheduler when the next scheduled change is due, so runs move (and their
/// webhooks go out) on time with no request arriving. It sleeps until then, or until a write
/// commits (it may have scheduled something sooner), and at most `longestSleep` (the clock may
/// have been moved).
public final class SchedulerTimer: Sendable {
    private let scheduler: Scheduler
    private let clock: EmulatorClock
    private let condition = Condition()
    private let flags = Flags()
    private let thread = Locked<WorkerThread?>(nil)
    static let longestSleep = 1.0

    /// Touched only under `condition`'s lock.
    private final class Flags: @unchecked Sendable {
        var poked = false
        var stopping = false
    }

    public init(scheduler: Scheduler, clock: EmulatorClock) {
        self.scheduler = scheduler
        self.clock = clock
    }

    public func start() {
        thread.withLock { $0 = WorkerThread { [self] in run() } }
    }

    public func stop() {
        condition.withLock {
            flags.stopping = true
            condition.broadcast()
        }
        thread.withLock { $0 }?.join()
    }

    /// Something changed: look again now.
    public func poke() {
        condition.withLock {
            flags.poked = true
            condition.broadcast()
        }
    }

    private func run() {
        while true {
            let now = clock.now
            // A failure here is the store's; the next request reports it.
            try? scheduler.catchUp(to: now)
            let wait = clock.isFrozen ? Self.longestSleep
                : min(Self.longestSleep, (scheduler.nextKnownChange ?? .infinity) - now.timeIntervalSince1970)
            let stop = condition.withLock {
                if !flags.poked && !flags.stopping { condition.wait(seconds: max(0.001, wait)) }
                flags.poked = false
                return flags.stopping
            }
            if stop { return }
        }
    }
}
