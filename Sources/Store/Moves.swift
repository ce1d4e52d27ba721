import Clock
import FoundationEssentials

/// A change a client could observe, recorded by the write that made it: a job queued, started
/// or completed, a run (attempt) requested, started or completed. Webhooks deliver them.
public struct Move: Sendable {
    /// What moved, as it was at that instant.
    public enum Subject: Sendable {
        case job(JobRecord)
        case run(RunRecord)
    }

    public var subject: Subject
    /// `queued`, `in_progress`, `completed` for a job; `requested`, `in_progress`, `completed` for a run.
    public var action: String
    public var at: Date

    public init(subject: Subject, action: String, at: Date) {
        self.subject = subject
        self.action = action
        self.at = at
    }

    public var repositoryID: Int64 {
        switch subject {
        case .job(let job): job.repositoryID
        case .run(let run): run.repositoryID
        }
    }

    /// Orders moves of one instant: a run is requested before its jobs queue, and starts or
    /// completes after the job that started or completed it.
    var rank: Int {
        switch (subject, action) {
        case (.run, "requested"): 0
        case (.job, "queued"): 1
        case (.job, "in_progress"): 2
        case (.run, "in_progress"): 3
        case (.job, _): 4
        case (.run, _): 5
        }
    }
}

/// Told of every write's moves before it commits, so what it records (deliveries) commits with
/// them or not at all; and of every commit that added deliveries.
public protocol MoveObserver: AnyObject, Sendable {
    /// The moves of one write, in the order they happened.
    func record(_ moves: [Move], with writer: StoreWriter) throws
    /// A write that added deliveries has committed: they can be sent.
    func deliveriesCommitted()
}

/// What one write transaction moved, gathered as it goes.
final class MoveLog {
    /// Whether this write records moves at all: someone listens, and it is not a seed load.
    let recording: Bool
    var moves: [Move] = []
    /// Runs created, and runs given a new attempt, by this write.
    var newRuns: Set<Int64> = []
    var newAttempts: Set<Int64> = []
    /// Set when the write adds a delivery (a move's, a ping, a redelivery) or changes hooks.
    var deliveriesAdded = false
    var hooksChanged = false

    init(recording: Bool) { self.recording = recording }

    /// Statuses of a job that has not started.
    static let notStarted: Set<String> = ["queued", "waiting", "requested", "pending"]

    /// The move from `before` (nil: a new job) to the job as written, if it is one forward.
    func noteJob(_ job: JobRecord, before: String?) {
        guard recording, before != job.status else { return }
        let action: String
        let stamp: String?
        switch job.status {
        case _ where Self.notStarted.contains(job.status):
            guard before == nil else { return }  // not started, still not started
            (action, stamp) = ("queued", job.createdAt)
        case "in_progress":
            // A job written already running (or one going back) was never seen to start.
            guard let before, Self.notStarted.contains(before) else { return }
            (action, stamp) = ("in_progress", job.startedAt)
        case "completed":
            guard before != nil else { return }  // a finished job written whole (a re-run's carry-over)
            (action, stamp) = ("completed", job.completedAt)
        default:
            return
        }
        moves.append(Move(subject: .job(job), action: action, at: stamp.flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0)))
    }

    /// The moves of a run between its state before this write and after its roll-up, placed at
    /// the instants its jobs' moves give.
    func noteRun(before: RunRecord?, after run: RunRecord) {
        guard recording else { return }
        let jobMoves = moves.filter { if case .job(let job) = $0.subject { job.runID == run.id } else { false } }
        let requested = newRuns.contains(run.id) || newAttempts.contains(run.id)
        let wasStarted = !requested && ["in_progress", "completed"].contains(before?.rollUp.status ?? "")
        let wasCompleted = !requested && before?.rollUp.status == "completed"
        let status = run.rollUp.status
        if requested {
            var snapshot = run
            snapshot.rollUp.status = "queued"
            snapshot.rollUp.conclusion = nil
            snapshot.rollUp.updatedAt = run.rollUp.runStartedAt
            moves.append(Move(subject: .run(snapshot), action: "requested",
                              at: Timestamp.parse(run.rollUp.runStartedAt) ?? jobMoves.first?.at ?? Date(timeIntervalSince1970: 0)))
        }
        let firstStart = jobMoves.first { $0.action == "in_progress" }?.at
        // A run cancelled before any job started completes without starting.
        if !wasStarted, status == "in_progress" || (status == "completed" && firstStart != nil) {
            let at = firstStart ?? Timestamp.parse(run.rollUp.runStartedAt) ?? Date(timeIntervalSince1970: 0)
            var snapshot = run
            snapshot.rollUp.status = "in_progress"
            snapshot.rollUp.conclusion = nil
            snapshot.rollUp.updatedAt = Timestamp.format(at)
            moves.append(Move(subject: .run(snapshot), action: "in_progress", at: at))
        }
        if !wasCompleted, status == "completed" {
            let at = jobMoves.last { $0.action == "completed" }?.at ?? Timestamp.parse(run.rollUp.updatedAt) ?? Date(timeIntervalSince1970: 0)
            moves.append(Move(subject: .run(run), action: "completed", at: at))
        }
    }

    /// The moves in the order they happened (stable for one instant).
    func ordered() -> [Move] {
        moves.enumerated().sorted { lhs, rhs in
            if lhs.element.at != rhs.element.at { return lhs.element.at < rhs.element.at }
            if lhs.element.rank != rhs.element.rank { return lhs.element.rank < rhs.element.rank }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
