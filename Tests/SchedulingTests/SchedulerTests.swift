import FoundationEssentials
import Locking
import Scheduling
import Store
import Testing

/// Holds the write that records moves until the test lets it go: a catch-up caught mid-write.
private final class HeldWrite: MoveObserver {
    let entered = Handoff<Int>(capacity: 1)
    let release = Handoff<Int>(capacity: 1)

    func record(_ moves: [Move], with writer: StoreWriter) throws {
        _ = entered.send([1])
        _ = try? release.receive()
    }

    func deliveriesCommitted() {}
}

/// Runs `body` on its own thread; `finished()` waits for it, or answers `false` after
/// `seconds` so that a request stuck behind a lock fails the test instead of hanging it.
private final class Background: Sendable {
    private let done = Handoff<Bool>(capacity: 2)
    private let worker: WorkerThread?
    private let watchdog: WorkerThread?

    init(seconds: Double = 30, _ body: @escaping @Sendable () -> Void) {
        let done = done
        worker = WorkerThread { body(); _ = done.send([true]) }
        watchdog = WorkerThread { WorkerThread.sleep(seconds: seconds); _ = done.send([false]) }
    }

    func finished() -> Bool { (try? done.receive())?.first ?? false }
}

@Suite struct SchedulerTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A store in a WAL file (readers go on while a write is open; the in-memory VFS locks them
    /// out), with one repository hooked for `workflow_job` and a run of two jobs: `soon` starts
    /// 10 s after `start`, `late` 1 000 s after.
    static func world(at path: String) throws -> (store: Store, soon: Int64, late: Int64) {
        let store = try Store(location: .file(path))
        let started = try store.write { writer in
            let repository = RepositoryRecord(id: 1, owner: "octo", name: "app", visibility: .public)
            try writer.upsert(repository)
            try writer.upsert(HookRecord(id: 1, owner: .repository(1), events: ["workflow_job"],
                                         url: "http://127.0.0.1:9/", createdAt: "2027-01-15T08:00:00Z"))
            var run = ScheduledRun(repository: "octo/app")
            for (name, queued) in [("soon", 10.0), ("late", 1_000.0)] {
                var job = ScheduledRun.Job(name: name)
                job.queuedSeconds = queued
                var step = ScheduledRun.Step(name: "work")
                step.seconds = 100
                job.steps = [step]
                run.jobs.append(job)
            }
            return try Scheduling.start(run, in: repository, at: start, with: writer)
        }
        return (store, started.jobIDs[0], started.jobIDs[1])
    }

    @Test func aReadOfAJobNothingMovesDoesNotWaitForAnotherCatchUp() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scheduler-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let (store, soon, late) = try Self.world(at: path)
        let scheduler = Scheduler(store: store)
        try scheduler.catchUp(to: Self.start)
        let held = HeldWrite()
        store.observeMoves(held)
        let later = Self.start.addingTimeInterval(20)

        let moving = Background { try? scheduler.catchUp(to: later) }
        _ = try held.entered.receive()  // `soon` is being started, uncommitted

        // `late` changes at start + 1 000 s: the write under way cannot touch it.
        let lateRead = Locked<Bool?>(nil)
        let readingLate = Background {
            let read = Result { try scheduler.catchUp(to: later, readsOnly: { late }) }
            lateRead.withLock { $0 = (try? read.get()) != nil }
        }
        #expect(readingLate.finished())
        #expect(lateRead.withLock { $0 } == true)

        // `soon` is what the write moves: its reader waits for the commit, then sees it started.
        let seen = Locked<[String?]>([])
        let readingSoon = Background {
            try? scheduler.catchUp(to: later, readsOnly: { soon })
            let status = try? store.read { try $0.jobStatus(id: soon) }
            seen.withLock { $0.append(status) }
        }
        let unrelated = Background { try? scheduler.catchUp(to: later) }
        WorkerThread.sleep(seconds: 0.05)  // time for a reader that wrongly went ahead to look
        _ = held.release.send([1])
        #expect(moving.finished())
        #expect(readingSoon.finished())
        #expect(unrelated.finished())
        #expect(seen.withLock { $0 } == ["in_progress"])
        #expect(try store.read { try $0.jobStatus(id: soon) } == "in_progress")
        #expect(try store.read { try $0.jobStatus(id: late) } == "queued")
    }
}

@Suite struct LeavingTheCatchUpTests {
    @Test func aReadOfAJobNotDueLeavesTheCatchUpToWhoeverWasNamed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scheduler-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let (store, soon, late) = try SchedulerTests.world(at: path)
        let scheduler = Scheduler(store: store)
        try scheduler.catchUp(to: SchedulerTests.start)
        let asked = Locked(0)
        scheduler.leaveCatchingUp { asked.withLock { $0 += 1 } }
        let later = SchedulerTests.start.addingTimeInterval(20)

        // `late` does not move by `later`: its reader answers at once, and the timer is told.
        try scheduler.catchUp(to: later, readsOnly: { late })
        #expect(asked.withLock { $0 } == 1)
        #expect(try store.read { try $0.jobStatus(id: soon) } == "queued")
        #expect(scheduler.mayMove(at: later))

        // `soon` does: its reader catches up itself, and then nothing is left to do.
        try scheduler.catchUp(to: later, readsOnly: { soon })
        #expect(asked.withLock { $0 } == 1)
        #expect(try store.read { try $0.jobStatus(id: soon) } == "in_progress")
        #expect(!scheduler.mayMove(at: later))
    }
}
