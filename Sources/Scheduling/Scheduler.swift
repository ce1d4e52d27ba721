import FoundationEssentials
import Locking
import Store

/// Keeps the store's scheduled jobs caught up with the clock. Every request asks it first; it
/// answers from memory until the next scheduled change is due (or a write may have added
/// one), so a frozen clock or an idle schedule costs one comparison per request.
public final class Scheduler: Sendable {
    private let store: Store

    /// The store generation last looked at, and the next change due as of then.
    private struct Known {
        var generation: UInt64 = 0
        var nextChange: Double? = nil
        var looked = false
    }

    private let known = Locked(Known())
    /// One catch-up at a time; the others wait for it and then find nothing left to do.
    private let catchingUp = Lock()
    /// Whether the holder of `catchingUp` is moving jobs forward (rather than placing every
    /// job again after the clock went back): then only the jobs it finds due change.
    private let advancing = Locked(false)

    public init(store: Store) { self.store = store }

    /// Brings every scheduled job to where the timeline has it at `now`, if anything is due.
    /// A request that follows sees no job behind `now`, and none ahead of the clock.
    ///
    /// `readsOnly` names the one job the request reads, when that is all its answer depends on
    /// (asked only when a catch-up is due). While another request's catch-up moves jobs forward,
    /// such a request does not wait for it unless its job is among those due: the others'
    /// write cannot change its answer, and a 1 000-job catch-up would hold it ~0.15 s. (With
    /// `--db`, that is: in memory, SQLite's memdb locks every reader out while a write is open.)
    public func catchUp(to now: Date, readsOnly job: () -> Int64? = { nil }) throws {
        if isCurrent(at: now) { return }
        if !catchingUp.try() {
            if advancing.withLock({ $0 }), let jobID = job(),
               try store.read({ try $0.nextScheduledChange(ofJob: jobID) }).map({ $0 > now.timeIntervalSince1970 }) ?? true {
                return
            }
            catchingUp.lock()
        }
        defer { catchingUp.unlock() }
        if isCurrent(at: now) { return }
        // Taken before the read: a write that commits meanwhile makes this look stale at once.
        var generation = store.generation
        var next = try store.read { try $0.nextScheduledChange() }
        if let due = next, due <= now.timeIntervalSince1970 {
            advancing.withLock { $0 = true }
            defer { advancing.withLock { $0 = false } }
            (generation, next) = try write { writer in
                try Scheduling.advance(to: now, with: writer)
            }
        }
        remember(next, at: generation)
    }

    /// Places every scheduled job again for `now`: after the clock was set back (or reset),
    /// jobs must not stay further along than it.
    public func clockChanged(to now: Date) throws {
        try catchingUp.withLock {
            let (generation, next) = try write { writer in try Scheduling.replaceAll(at: now, with: writer) }
            remember(next, at: generation)
        }
    }

    /// Runs `change` in a write transaction; the generation that write commits, and the next
    /// change due after it.
    private func write(_ change: (StoreWriter) throws -> Void) throws -> (UInt64, Double?) {
        try store.write { writer in
            try change(writer)
            // Writes are serialized: this one's commit moves the generation on by exactly one.
            return (store.generation + 1, try writer.reader.nextScheduledChange())
        }
    }

    /// When the next scheduled change is due (epoch seconds), as last looked; `nil`: none known.
    public var nextKnownChange: Double? { known.withLock { $0.nextChange } }

    /// Whether a request at `now` may have to move jobs (or wait for another request moving
    /// them) before it is answered: false while nothing written since the last look is due.
    public func mayMove(at now: Date) -> Bool { !isCurrent(at: now) }

    private func isCurrent(at now: Date) -> Bool {
        let generation = store.generation
        return known.withLock { known in
            guard known.looked, known.generation == generation else { return false }
            guard let next = known.nextChange else { return true }
            return now.timeIntervalSince1970 < next
        }
    }

    private func remember(_ next: Double?, at generation: UInt64) {
        known.withLock { $0 = Known(generation: generation, nextChange: next, looked: true) }
    }
}
