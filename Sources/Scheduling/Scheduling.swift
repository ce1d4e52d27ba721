import Clock
import FoundationEssentials
import Store
import Timeline

/// Writes scheduled runs into the store and moves their jobs along the timeline, inside the
/// caller's write transaction: a run starts whole or not at all, and every state written is
/// the timeline's at an instant the clock has reached.
public enum Scheduling {
    /// Why a scheduled run cannot start.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        /// Which field, as a JSON path relative to the run (`jobs[0].name`), or `run_id`.
        public var field: String
        public var reason: String
        public var description: String { "\(field): \(reason)" }
    }

    /// Starts `run` in `repository`, created at `created` (by default `now`): its run, first
    /// attempt, jobs (queued) and their schedules from `created`, then places each job where
    /// the timeline has it at `now`.
    public static func start(_ run: ScheduledRun, in repository: RepositoryRecord, created: Date? = nil, at now: Date,
                             with writer: StoreWriter) throws -> StartedRun {
        let created = created ?? now
        let runID = try run.runID ?? writer.nextRunID()
        if try writer.reader.run(id: runID) != nil {
            throw Refusal(field: "run_id", reason: "run \(runID) already exists; re-run it with POST /_emulator/runs/\(runID)/rerun")
        }
        var attributes = run.attributes
        if attributes.headSHA == RunAttributes().headSHA { attributes.headSHA = RunAttributes.derivedHeadSHA(runID: runID) }
        try writer.insertRun(id: runID, repositoryID: repository.id, attributes: attributes, created: created)
        try writer.insertAttempt(runID: runID, attempt: 1)
        var jobIDs: [Int64] = []
        var tokens: [Int64: String] = [:]
        let permissions = GitHubToken.permissions(declared: run.permissions, repositoryDefault: repository.defaultWorkflowPermissions)
        var nextJobID = try writer.nextJobID()
        for (index, job) in run.jobs.enumerated() {
            let record = jobRecord(job, id: nextJobID, runID: runID, attempt: 1, repositoryID: repository.id,
                                   attributes: attributes, created: created)
            try writer.upsert(record)
            tokens[nextJobID] = try GitHubToken.issue(forJob: nextJobID, in: repository, permissions: permissions,
                                                      created: created, with: writer)
            let schedule = ScheduledJobRecord(
                jobID: nextJobID, runID: runID, attempt: 1, start: created.timeIntervalSince1970,
                queuedSeconds: job.queuedSeconds, steps: job.steps.map { PlannedStep(seconds: $0.seconds, conclusions: $0.conclusions, name: $0.name, log: $0.log) },
                runner: runner(for: job, index: index)
            )
            try writer.upsert(schedule, nextChange: nil)
            try place(schedule, at: now, with: writer)
            jobIDs.append(nextJobID)
            nextJobID += 1
        }
        return StartedRun(runID: runID, attempt: 1, jobIDs: jobIDs, githubTokens: tokens)
    }

    /// Moves every job with a change due by `now` to where the timeline has it.
    public static func advance(to now: Date, with writer: StoreWriter) throws {
        for schedule in try writer.reader.scheduledJobs(dueBy: now.timeIntervalSince1970) {
            try place(schedule, at: now, with: writer)
        }
    }

    /// Places every scheduled job again, done or not: after the clock was moved back.
    public static func replaceAll(at now: Date, with writer: StoreWriter) throws {
        for schedule in try writer.reader.allScheduledJobs() { try place(schedule, at: now, with: writer) }
    }

    /// Writes the job as the timeline has it at `now`, and when it next changes. When the write
    /// records moves, a job that passed over starting (or over starting and completing) since
    /// it was last placed is first written as it was at each of those instants, so each move
    /// is seen as it happened.
    static func place(_ schedule: ScheduledJobRecord, at now: Date, with writer: StoreWriter) throws {
        let plan = JobPlan(
            start: Date(timeIntervalSince1970: schedule.start), queuedSeconds: schedule.queuedSeconds,
            steps: schedule.steps.map { step in
                StepPlan(seconds: step.seconds,
                         conclusion: StepConclusion(rawValue: step.conclusion(execution: schedule.execution)) ?? .success)
            }
        )
        let state = Timeline.state(of: plan, at: now)
        if writer.recordsMoves, state.status != .queued {
            let before = try writer.reader.jobStatus(id: schedule.jobID)
            // Each instant passed over, and whether it is the one the job started at.
            var instants: [(at: Date, starts: Bool)] = []
            if before.map(Cancellation.notStarted.contains) ?? false, let started = state.startedAt, started < now {
                instants.append((started, true))
            }
            if before != Progress.completed.rawValue, let completed = state.completedAt, completed < now {
                instants.append((completed, false))
            }
            for instant in instants {
                var passed = Timeline.state(of: plan, at: instant.at)
                // A job with no time to run completes the instant it starts; it was running first.
                if instant.starts && passed.status == .completed {
                    passed.status = .inProgress
                    passed.conclusion = nil
                    passed.completedAt = nil
                }
                try write(passed, of: schedule, plan: plan, with: writer)
            }
        }
        try write(state, of: schedule, plan: plan, with: writer)
    }

    private static func write(_ state: JobState, of schedule: ScheduledJobRecord, plan: JobPlan, with writer: StoreWriter) throws {
        let format = { (date: Date?) in date.map(Timestamp.format) }
        let progress = JobProgress(
            status: state.status.rawValue, conclusion: state.conclusion,
            // A queued job's started_at is its creation, as GitHub reports it.
            startedAt: Timestamp.format(state.startedAt ?? plan.start), completedAt: format(state.completedAt),
            runner: state.startedAt == nil ? nil : schedule.runner,
            steps: state.steps.map { ($0.status.rawValue, $0.conclusion, format($0.startedAt), format($0.completedAt)) }
        )
        try writer.apply(progress, toJob: schedule.jobID, of: schedule.runID, nextChange: state.nextChange?.timeIntervalSince1970)
    }

    static func jobRecord(_ job: ScheduledRun.Job, id: Int64, runID: Int64, attempt: Int, repositoryID: Int64,
                                  attributes: RunAttributes, created: Date) -> JobRecord {
        let createdText = Timestamp.format(created)
        var record = JobRecord(
            id: id, runID: runID, runAttempt: attempt, repositoryID: repositoryID, name: job.name, status: "queued",
            headSHA: attributes.headSHA, createdAt: createdText, startedAt: createdText, labels: job.labels,
            workflowName: attributes.workflowName, headBranch: attributes.headBranch
        )
        record.steps = job.steps.enumerated().map { index, step in
            StepRecord(name: step.name, status: "queued", number: Int64(index + 1), log: step.log)
        }
        record.isScheduled = true
        return record
    }

    /// GitHub's hosted runners for hosted labels, the default self-hosted group otherwise.
    static func runner(for job: ScheduledRun.Job, index: Int) -> ScheduledJobRecord.Runner {
        let hosted = job.labels.isEmpty || job.labels.contains { label in
            ["ubuntu-", "windows-", "macos-"].contains { label.hasPrefix($0) }
        }
        let number = Int64(index % 20 + 1)
        return ScheduledJobRecord.Runner(
            id: number, name: job.runnerName ?? (hosted ? "GitHub Actions \(number)" : "self-hosted runner \(number)"),
            groupID: hosted ? 2 : 1, groupName: job.runnerGroupName ?? (hosted ? "GitHub Actions" : "Default")
        )
    }
}
