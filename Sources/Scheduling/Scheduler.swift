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
    /// What the holder of `catchingUp` moves forward, while it does (rather than placing every
    /// job again after the clock went back).
    private let advancing = Locked<Advance?>(nil)

    /// Who catches up when a request need not wait for it (the timer); `nil`: the request does.
    private let catchUpElsewhere = Locked<(@Sendable () -> Void)?>(nil)

    /// The jobs a catch-up moves, as read before its write.
    private struct Advance {
        /// The jobs due by the catch-up's `now`: all it moves. `nil`: more than are worth holding.
        let jobs: Set<Int64>?
        /// When the first change after the catch-up's `now` is due (`nil`: none), whichever job's.
        let nextAfter: Double?

        /// Whether `job` moves by `now` (the catch-up's, or a later instant); `nil` when only
        /// the store can say.
        func moves(_ job: Int64, by now: Double) -> Bool? {
            if let nextAfter, nextAfter <= now { return nil }
            return jobs.map { $0.contains(job) }
        }
    }

    /// Beyond this many jobs due at once, requests ask the store whether theirs is among them.
    static let heldDueJobs = 65_536

    public init(store: Store) { self.store = store }

    /// Lets requests that read one job not due leave the catch-up to `body` (the timer's poke),
    /// which must then run one soon.
    public func leaveCatchingUp(to body: @escaping @Sendable () -> Void) {
        catchUpElsewhere.withLock { $0 = body }
    }

    /// Brings every scheduled job to where the timeline has it at `now`, if anything is due.
    /// A request that follows sees no job behind `now`, and none ahead of the clock.
    ///
    /// `readsOnly` names the one job the request reads, when that is all its answer depends on
    /// (asked only when a catch-up is due). Such a request neither makes nor waits for a
    /// catch-up unless its job is among those due (provided one is under way or
    /// `leaveCatchingUp` named who makes it): the catch-up cannot change its answer, and a
    /// 1 000-job one takes ~0.15 s, on whichever request came first. A catch-up says
    /// which jobs it moves before it writes: asking the store instead would wait for the write
    /// in memory, where SQLite's memdb locks every reader out while one is open.
    public func catchUp(to now: Date, readsOnly job: () -> Int64? = { nil }) throws {
        if isCurrent(at: now) { return }
        if let jobID = job(), try mayLeaveCatchingUp(jobID, at: now) { return }
        try catchingUp.withLock {
            if isCurrent(at: now) { return }
            let seconds = now.timeIntervalSince1970
            // Taken before the read: a write that commits meanwhile makes this look stale at once.
            var generation = store.generation
            let (first, advance) = try store.read { reader -> (Double?, Advance?) in
                let first = try reader.nextScheduledChange()
                guard let first, first <= seconds else { return (first, nil) }
                let moving = try reader.scheduledJobIDs(dueBy: seconds, limit: Self.heldDueJobs + 1)
                return (first, Advance(jobs: moving.count > Self.heldDueJobs ? nil : Set(moving),
                                       nextAfter: try reader.nextScheduledChange(after: seconds)))
            }
            var next = first
            if let moving = advance {
                // Due, but not this request's job: the write is left to whoever was named.
                if let elsewhere = catchUpElsewhere.withLock({ $0 }), let jobID = job(), moving.moves(jobID, by: seconds) == false {
                    elsewhere()
                    return
                }
                advancing.withLock { $0 = moving }
                defer { advancing.withLock { $0 = nil } }
                (generation, next) = try write { writer in
                    try Scheduling.advance(to: now, with: writer)
                }
            }
            remember(next, at: generation)
        }
    }

    /// Whether a request reading only `job` may answer without catching up to `now`: the job
    /// does not move by then, and a catch-up is under way, or one is known due and
    /// `catchUpElsewhere` (told now) makes it. When only a write made the last look stale,
    /// the request looks again itself: one read, and then every request is current again.
    private func mayLeaveCatchingUp(_ job: Int64, at now: Date) throws -> Bool {
        let seconds = now.timeIntervalSince1970
        let elsewhere = catchUpElsewhere.withLock { $0 }
        let generation = store.generation
        let dueKnown = known.withLock { known in
            known.looked && known.generation == generation && (known.nextChange.map { $0 <= seconds } ?? false)
        }
        let catchesUp = try advancing.withLock { advance -> Bool in
            if advance == nil && (elsewhere == nil || !dueKnown) { return true }  // look (and catch up) here
            if let moves = advance?.moves(job, by: seconds) { return moves }
            // Under the lock: a catch-up cannot begin its write before this read ends and then
            // lock it out, as a read begun between its announcement and its write would be.
            return try store.read { try $0.nextScheduledChange(ofJob: job) }.map { $0 <= seconds } ?? false
        }
        if catchesUp { return false }
        elsewhere?()
        return true
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
