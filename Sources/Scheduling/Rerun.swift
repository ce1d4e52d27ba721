import Clock
import FoundationEssentials
import Store

/// Re-runs as GitHub makes them (actions-write.md, "Re-runs"): a new attempt of the same run,
/// in which the jobs chosen run again from now under new ids, replaying their plan, and the
/// others are carried over as they ended.
public enum Rerun {
    /// Which jobs of the newest attempt run again.
    public enum Selection: Sendable, Equatable {
        case all
        /// Those that ended `failure`, `cancelled` or `timed_out`.
        case failed
        case job(Int64)

        func includes(_ job: JobRecord) -> Bool {
            switch self {
            case .all: true
            case .failed: Rerun.failedConclusions.contains(job.conclusion ?? "")
            case .job(let id): job.id == id
            }
        }
    }

    /// What becomes of a job re-run that has no plan (seeded whole, or moved by hand).
    public enum Unplanned: Sendable, Equatable {
        /// It gets one derived from how it ran: each step as long as it took, and succeeding
        /// (the API's re-runs).
        case derivePlan
        /// It waits, queued, for a test to move it (the control API's re-run).
        case waitForHand
    }

    /// The conclusions `rerun-failed-jobs` re-runs.
    public static let failedConclusions: Set<String> = ["failure", "cancelled", "timed_out"]

    /// Creates attempt N+1 of run `runID` at `now`, started by `actor` (`nil` keeps the
    /// triggering actor). `nil` when the run does not exist.
    public static func start(runID: Int64, selection: Selection, actor: String?, unplanned: Unplanned = .derivePlan,
                             at now: Date, with writer: StoreWriter) throws -> StartedRun? {
        let reader = writer.reader
        guard let run = try reader.run(id: runID) else { return nil }
        let previous = try reader.jobs(runID: runID, attempt: run.latestAttempt, limit: Int.max, offset: 0).jobs
        var schedules: [Int64: ScheduledJobRecord] = [:]
        for schedule in try reader.scheduledJobs(runID: runID, attempt: run.latestAttempt) { schedules[schedule.jobID] = schedule }
        let attempt = run.latestAttempt + 1
        try writer.insertAttempt(runID: runID, attempt: attempt, started: now)
        if let actor { try writer.setTriggeringActor(actor, runID: runID) }
        var nextJobID = try writer.nextJobID()
        var jobIDs: [Int64] = []
        var tokens: [Int64: String] = [:]
        let repository = try reader.repository(id: run.repositoryID)
        for (index, job) in previous.enumerated() {
            if selection.includes(job) {
                try rerun(job, schedule: schedules[job.id], index: index, as: nextJobID, attempt: attempt,
                          unplanned: unplanned, at: now, with: writer)
                if let repository {
                    // The same grant as the job it repeats (its workflow has not changed).
                    let permissions = try reader.githubTokenRecord(jobID: job.id)?.permissions
                        ?? GitHubToken.permissions(declared: nil, repositoryDefault: repository.defaultWorkflowPermissions)
                    tokens[nextJobID] = try GitHubToken.issue(forJob: nextJobID, in: repository, permissions: permissions,
                                                              created: now, with: writer)
                }
            } else {
                try carry(job, schedule: schedules[job.id], as: nextJobID, attempt: attempt, with: writer)
            }
            jobIDs.append(nextJobID)
            nextJobID += 1
        }
        return StartedRun(runID: runID, attempt: attempt, jobIDs: jobIDs, githubTokens: tokens)
    }

    /// A copy of `job` for a new attempt, as it is before it runs: queued since `now`, no
    /// runner, steps queued, URLs derived for the new id.
    public static func queuedCopy(of job: JobRecord, as id: Int64, attempt: Int, now: String) -> JobRecord {
        var copy = renumbered(job, as: id, attempt: attempt)
        copy.status = "queued"
        copy.conclusion = nil
        copy.createdAt = now
        copy.startedAt = now
        copy.completedAt = nil
        (copy.runnerID, copy.runnerName, copy.runnerGroupID, copy.runnerGroupName) = (nil, nil, nil, nil)
        copy.log = nil
        copy.hasSeededLog = false
        copy.steps = job.steps.map { StepRecord(name: $0.name, status: "queued", number: $0.number, log: $0.log) }
        return copy
    }

    private static func rerun(_ job: JobRecord, schedule previous: ScheduledJobRecord?, index: Int, as id: Int64, attempt: Int,
                              unplanned: Unplanned, at now: Date, with writer: StoreWriter) throws {
        var copy = queuedCopy(of: job, as: id, attempt: attempt, now: Timestamp.format(now))
        var schedule: ScheduledJobRecord?
        if var replayed = previous {
            (replayed.jobID, replayed.attempt, replayed.start) = (id, attempt, now.timeIntervalSince1970)
            replayed.execution += 1
            replayed.frozen = false
            schedule = replayed
            // A job cancelled while queued lost its steps; the plan still names them.
            if copy.steps.count != replayed.steps.count {
                copy.steps = replayed.steps.enumerated().map { number, step in
                    StepRecord(name: step.name ?? "Step \(number + 1)", status: "queued", number: Int64(number + 1), log: step.log)
                }
            }
        } else if unplanned == .derivePlan {
            schedule = derivedSchedule(of: job, index: index, as: id, attempt: attempt, at: now)
        }
        copy.isScheduled = schedule != nil
        try writer.upsert(copy)
        if let schedule {
            try writer.upsert(schedule, nextChange: nil)
            try Scheduling.place(schedule, at: now, with: writer)
        }
    }

    /// A job carried into the new attempt as it ended, under a new id; its plan goes with it,
    /// frozen, so that a later re-run can replay it.
    private static func carry(_ job: JobRecord, schedule: ScheduledJobRecord?, as id: Int64, attempt: Int,
                              with writer: StoreWriter) throws {
        var copy = renumbered(job, as: id, attempt: attempt)
        if job.hasSeededLog, let log = writer.reader.logBytes(jobID: job.id, offset: 0, count: Int.max) {
            copy.log = String(decoding: log.bytes, as: UTF8.self)
        }
        copy.hasSeededLog = copy.log != nil
        try writer.upsert(copy)
        if var carried = schedule {
            (carried.jobID, carried.attempt, carried.frozen) = (id, attempt, true)
            try writer.upsert(carried, nextChange: nil)
        }
    }

    /// How a job without a plan re-runs (ours): straight off the queue, each step as long as
    /// it took (a second when it never ran), all succeeding, on the runner it had.
    private static func derivedSchedule(of job: JobRecord, index: Int, as id: Int64, attempt: Int,
                                        at now: Date) -> ScheduledJobRecord {
        let steps = job.steps.map { step -> PlannedStep in
            var seconds = 1.0
            if let started = step.startedAt.flatMap(Timestamp.parse), let completed = step.completedAt.flatMap(Timestamp.parse) {
                seconds = max(0, completed.timeIntervalSince(started))
            }
            return PlannedStep(seconds: seconds, conclusions: ["success"], name: step.name, log: step.log)
        }
        var template = JobTemplate(name: job.name)
        template.labels = job.labels
        template.runnerName = job.runnerName
        template.runnerGroupName = job.runnerGroupName
        var runner = Scheduling.runner(for: template, index: index)
        if let runnerID = job.runnerID { runner.id = runnerID }
        if let groupID = job.runnerGroupID { runner.groupID = groupID }
        return ScheduledJobRecord(jobID: id, runID: job.runID, attempt: attempt, start: now.timeIntervalSince1970,
                                  queuedSeconds: 0, steps: steps, runner: runner, execution: 2)
    }

    /// The same job under a new id in a new attempt; its URLs name the id, so they are derived.
    private static func renumbered(_ job: JobRecord, as id: Int64, attempt: Int) -> JobRecord {
        var copy = job
        copy.id = id
        copy.runAttempt = attempt
        (copy.url, copy.nodeID, copy.htmlURL, copy.checkRunURL) = (nil, nil, .derived, nil)
        copy.logDeleted = false
        return copy
    }
}
