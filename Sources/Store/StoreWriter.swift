import Clock
import FoundationEssentials

/// Typed writes inside one transaction (see `Store.write`).
public struct StoreWriter {
    let connection: Connection
    /// Runs whose jobs changed in this transaction, brought up to date before it commits.
    let changedRuns = ChangedRuns()
    /// What this transaction moved, for webhooks.
    let moveLog: MoveLog

    init(connection: Connection, recordingMoves: Bool = false) {
        self.connection = connection
        moveLog = MoveLog(recording: recordingMoves)
    }

    /// Whether this write records moves (someone listens for them): callers that move jobs
    /// through several states at once then write each state in turn.
    public var recordsMoves: Bool { moveLog.recording }

    final class ChangedRuns {
        /// Gained, lost or moved jobs: their jobs are renumbered (pages seek by position).
        var placed: Set<Int64> = []
        /// Any job changed: the run's roll-up (status, times) is recomputed.
        var touched: Set<Int64> = []
        /// Runs whose positions are all known, with what a job appended to them needs: a seed's
        /// jobs mostly arrive in id order and take the next position instead of a renumbering.
        var tails: [Int64: RunTail] = [:]
    }

    /// A run's largest job id and job counts, over the run and per attempt.
    struct RunTail {
        var lastJobID: Int64
        var count: Int
        var attemptCounts: [Int: Int] = [:]
    }

    /// Renumbers and rolls up the runs this transaction changed.
    func finishChangedRuns() throws(StoreError) {
        changedRuns.tails.removeAll()
        for runID in changedRuns.placed.sorted() { try connection.run(SQL.renumberRun, [.int(runID)]) }
        changedRuns.placed.removeAll()
        for runID in changedRuns.touched.sorted() {
            let before = moveLog.recording ? try reader.run(id: runID) : nil
            try rollUp(runID: runID)
            if moveLog.recording, let after = try reader.run(id: runID) { moveLog.noteRun(before: before, after: after) }
        }
        changedRuns.touched.removeAll()
    }

    /// Recomputes a run's status, conclusion and times from its newest attempt's jobs, and its
    /// attributes from the first of them unless a scheduled run gave them. The jobs are folded
    /// as they are read: a run may have a million.
    func rollUp(runID: Int64) throws(StoreError) {
        guard let latest = try connection.row(SQL.latestAttempt, [.int(runID)], { $0.optionalInt64(0) }) ?? nil else { return }
        var first: RunRollUp.Job?
        let given = try connection.row(SQL.scheduledRunCreated, [.int(runID)], { Date(timeIntervalSince1970: $0.double(0)) })
        var (rollUp, tally) = try reader.rollUp(runID: runID, attempt: Int(latest), created: given) { job in
            if first == nil { first = job }
        }
        if given == nil && latest != 1 {
            // A run was created with its first attempt.
            var earliest: Date?
            try connection.forEachRow(SQL.createdOfAttempt, [.int(runID), .int(1)]) { row in
                if let date = Timestamp.parse(row.text(0)), earliest.map({ date < $0 }) ?? true { earliest = date }
            }
            rollUp = RunRollUp(tally, created: earliest)
            if let started = try reader.attemptStarted(runID: runID, attempt: Int(latest)) { rollUp.runStartedAt = started }
        }
        try connection.run(SQL.updateRunRollUp, [
            .int(runID), .text(rollUp.status), .optional(rollUp.conclusion), .text(rollUp.createdAt),
            .double(Timestamp.parse(rollUp.createdAt)?.timeIntervalSince1970 ?? 0), .text(rollUp.updatedAt),
            .text(rollUp.runStartedAt),
        ])
        if let first {
            try connection.run(SQL.updateRunAttributes, [
                .int(runID), .text(first.workflowName ?? "CI"), .optional(first.headBranch), .text(first.headSHA),
            ])
        }
    }

    /// A reader over the same transaction, to see this transaction's own writes.
    public var reader: StoreReader { StoreReader(connection: connection) }

    /// Inserts or updates a repository by id, replacing its readers, writers and admins.
    public func upsert(_ repository: RepositoryRecord) throws(StoreError) {
        try connection.run(SQL.upsertRepository, [
            .int(repository.id), .text(repository.owner), .text(repository.name), .text(repository.visibility.rawValue),
            .text(repository.defaultWorkflowPermissions),
        ])
        try connection.run(SQL.deleteRepositoryReaders, [.int(repository.id)])
        var roles: [String: RepositoryRecord.Role] = [:]
        for (logins, role) in [(repository.readers, RepositoryRecord.Role.read), (repository.writers, .write), (repository.admins, .admin)] {
            for login in logins { roles[login.lowercased()] = max(roles[login.lowercased()] ?? .read, role) }
        }
        for login in repository.readers + repository.writers + repository.admins {
            guard let role = roles.removeValue(forKey: login.lowercased()) else { continue }
            try connection.run(SQL.insertRepositoryMember, [.int(repository.id), .text(login), .text(role.rawValue)])
        }
    }

    /// Replaces a repository's declared branches and tags (no branches: `main` and its runs').
    public func setRefs(repositoryID: Int64, branches: [String], tags: [String]) throws(StoreError) {
        try connection.run(SQL.deleteRepositoryRefs, [.int(repositoryID)])
        for (kind, names) in [("branch", branches), ("tag", tags)] {
            for name in names { try connection.run(SQL.insertRepositoryRef, [.int(repositoryID), .text(kind), .text(name)]) }
        }
    }

    /// Inserts or replaces a workflow of a repository by id.
    public func upsert(_ workflow: WorkflowRecord, repositoryID: Int64) throws(StoreError) {
        try connection.run(SQL.upsertWorkflow, [
            .int(repositoryID), .int(workflow.id), .text(workflow.name), .text(workflow.path), .text(workflow.state),
            .text(ListColumn.encode(workflow.triggers)), .text(TemplateColumn.encode(workflow.inputs)), .optional(workflow.runName),
            .text(ListColumn.encodePairs(workflow.permissions)), .text(TemplateColumn.encode(workflow.jobs)),
            .int(workflow.declared ? 1 : 0), .double(workflow.firstCreated),
        ])
    }

    /// Sets a workflow's state (`active`, `disabled_manually`); `false` when it is not stored.
    public func setState(_ state: String, ofWorkflow id: Int64, repositoryID: Int64) throws(StoreError) -> Bool {
        try connection.run(SQL.setWorkflowState, [.int(repositoryID), .int(id), .text(state)])
        return connection.changes == 1
    }

    /// Who started the run's newest attempt.
    public func setTriggeringActor(_ login: String, runID: Int64) throws(StoreError) {
        try connection.run(SQL.setTriggeringActor, [.int(runID), .text(login)])
    }

    /// Deletes a run with its attempts, jobs, steps and schedules.
    public func deleteRun(id: Int64) throws(StoreError) {
        try connection.run(SQL.deleteRun, [.int(id)])
        changedRuns.touched.remove(id)
        changedRuns.placed.remove(id)
        changedRuns.tails[id] = nil
    }

    /// Removes every log of a run: its jobs' seeded logs, and the right to generate any.
    public func deleteLogs(runID: Int64) throws(StoreError) {
        try connection.run(SQL.markRunLogsDeleted, [.int(runID)])
        try connection.run(SQL.deleteJobLogs, [.int(runID)])
    }

    /// Stops a schedule from moving its job, keeping its plan for re-runs.
    public func freezeSchedule(jobID: Int64) throws(StoreError) {
        try connection.run(SQL.freezeScheduledJob, [.int(jobID)])
    }

    /// The next free job id, for jobs the emulator creates (re-runs).
    public func nextJobID() throws(StoreError) -> Int64 {
        (try connection.row(SQL.maxJobID) { $0.int64(0) } ?? 0) + 1
    }

    /// The next free repository id, for repositories seeded without one.
    public func nextRepositoryID() throws(StoreError) -> Int64 {
        (try connection.row(SQL.maxRepositoryID) { $0.int64(0) } ?? 0) + 1
    }

    /// Stores a seeded token, keyed by its digest.
    public func upsert(_ token: TokenRecord) throws(StoreError) {
        try store(token, digest: TokenDigest.of(token.token))
    }

    func store(_ token: TokenRecord, digest: String) throws(StoreError) {
        try connection.run(SQL.upsertToken, [
            .text(digest), .text(token.token), .text(token.kind.rawValue), .optional(token.user),
            .text(ListColumn.encode(token.scopes)), token.repositories.column, .text(ListColumn.encodePairs(token.permissions)),
            .optional(token.expiresAt), .int(token.revoked ? 1 : 0),
            .optional(token.installationID), .optional(token.account), .optional(token.jobID),
        ])
    }

    /// Makes sure run `id` exists in `repositoryID` with attempt `attempt`. Throws when the run
    /// already belongs to another repository.
    public func ensureRun(id: Int64, repositoryID: Int64, attempt: Int) throws(StoreError) {
        if let existing = try reader.run(id: id) {
            guard existing.repositoryID == repositoryID else {
                throw StoreError(code: 19, message: "run \(id) belongs to another repository", sql: nil)
            }
        } else {
            try connection.run(SQL.insertRun, [.int(id), .int(repositoryID)])
        }
        try connection.run(SQL.insertAttempt, [.int(id), .int(Int64(attempt)), .null])
    }

    /// Inserts or replaces a job with its steps and labels. Its run and attempt must exist.
    /// A job read back from the store (no log text, `hasSeededLog` set) keeps its stored log.
    public func upsert(_ job: JobRecord) throws(StoreError) {
        let columns = Self.columns(of: job)
        changedRuns.touched.insert(job.runID)
        // A new id (every job of a first load) takes one statement; an existing one is replaced.
        let appended = try positionsAfterTail(of: job)
        try connection.run(SQL.insertNewJob, columns + [
            appended.map { .int(Int64($0.count)) } ?? .null,
            appended.map { .int(Int64($0.attemptCounts[job.runAttempt]!)) } ?? .null,
        ])
        if connection.changes == 1 {
            moveLog.noteJob(job, before: nil)
            if let appended {
                changedRuns.tails[job.runID] = appended
            } else {
                changedRuns.placed.insert(job.runID)
            }
        } else {
            if let (previousRun, previousAttempt) = try connection.row(SQL.jobPlacement, [.int(job.id)], { ($0.int64(0), $0.int(1)) }),
               (previousRun, previousAttempt) != (job.runID, job.runAttempt) {
                changedRuns.placed.insert(job.runID)
                changedRuns.placed.insert(previousRun)
                changedRuns.touched.insert(previousRun)
            }
            // A job written whole is no longer moved by a schedule (unless it is the schedule's own).
            if !job.isScheduled { try connection.run(SQL.deleteScheduledJob, [.int(job.id)]) }
            if moveLog.recording { moveLog.noteJob(job, before: try jobStatus(job.id)) }
            try connection.run(SQL.deleteSteps, [.int(job.id)])
            try connection.run(SQL.deleteLabels, [.int(job.id)])
            try connection.run(SQL.upsertJob, columns)
        }
        for (position, step) in job.steps.enumerated() {
            try connection.run(SQL.insertStep, [
                .int(job.id), .int(Int64(position)), .int(step.number), .text(step.name), .text(step.status),
                .optional(step.conclusion), .optional(step.startedAt), .optional(step.completedAt), .optional(step.log),
            ])
        }
        for (position, label) in job.labels.enumerated() {
            try connection.run(SQL.insertLabel, [.int(job.id), .int(Int64(position)), .text(label)])
        }
    }

    /// The tail of the job's run once the job is appended to it, when the job sorts after every
    /// job of the run and the run's positions are known; else `nil` (the run is renumbered).
    private func positionsAfterTail(of job: JobRecord) throws(StoreError) -> RunTail? {
        guard !changedRuns.placed.contains(job.runID) else { return nil }
        var tail: RunTail
        if let known = changedRuns.tails[job.runID] {
            tail = known
        } else {
            tail = try connection.row(SQL.runTail, [.int(job.runID)]) { RunTail(lastJobID: $0.optionalInt64(0) ?? 0, count: $0.int(1)) }!
        }
        guard job.id > tail.lastJobID else { return nil }
        if tail.attemptCounts[job.runAttempt] == nil {
            tail.attemptCounts[job.runAttempt] = try connection.row(SQL.jobCountOfAttempt, [.int(job.runID), .int(Int64(job.runAttempt))]) { $0.int(0) }!
        }
        tail.lastJobID = job.id
        tail.count += 1
        tail.attemptCounts[job.runAttempt]! += 1
        return tail
    }

    /// The job's columns as `insertNewJob` and `upsertJob` bind them.
    private static func columns(of job: JobRecord) -> [SQLValue] {
        let htmlURL: SQLValue
        switch job.htmlURL {
        case .derived: htmlURL = .null
        case .given(let value): htmlURL = .optional(value)
        }
        return [
            .int(job.id), .int(job.runID), .int(Int64(job.runAttempt)), .int(job.repositoryID), .text(job.name),
            .text(job.status), .optional(job.conclusion), .text(job.headSHA), .text(job.createdAt), .text(job.startedAt),
            .optional(job.completedAt), .optional(job.runURL), .optional(job.nodeID), .optional(job.url), htmlURL,
            .int(job.htmlURL == .derived ? 0 : 1), .optional(job.checkRunURL), .optional(job.runnerID),
            .optional(job.runnerName), .optional(job.runnerGroupID), .optional(job.runnerGroupName),
            .optional(job.workflowName), .optional(job.headBranch), .optional(job.log),
            .int(job.log == nil && job.hasSeededLog ? 1 : 0), .int(job.isScheduled ? 1 : 0),
        ]
    }

    /// The next free run id, for runs the emulator starts without one.
    public func nextRunID() throws(StoreError) -> Int64 {
        (try connection.row(SQL.maxRunID) { $0.int64(0) } ?? 0) + 1
    }

    /// Creates a run whose attributes are given (a scheduled run), created at `created`.
    public func insertRun(id: Int64, repositoryID: Int64, attributes: RunAttributes, created: Date) throws(StoreError) {
        try connection.run(SQL.insertScheduledRun, [
            .int(id), .int(repositoryID), .text(attributes.workflowName), .optional(attributes.workflowPath),
            .optional(attributes.headBranch), .text(attributes.headSHA), .text(attributes.event), .optional(attributes.actor),
            .optional(attributes.displayTitle), .text(Timestamp.format(created)), .double(created.timeIntervalSince1970),
        ])
        changedRuns.touched.insert(id)
        moveLog.newRuns.insert(id)
    }

    /// Adds an attempt to an existing run; `started` is when a re-run started it (its
    /// `run_started_at`, whatever jobs it carries over from before).
    public func insertAttempt(runID: Int64, attempt: Int, started: Date? = nil) throws(StoreError) {
        try connection.run(SQL.insertAttempt, [.int(runID), .int(Int64(attempt)), .optional(started.map(Timestamp.format))])
        changedRuns.touched.insert(runID)
        if attempt > 1 { moveLog.newAttempts.insert(runID) }
    }

    /// Keeps a job's schedule; `nextChange` is when the schedule next moves it (`nil`: done).
    public func upsert(_ schedule: ScheduledJobRecord, nextChange: Double?) throws(StoreError) {
        try connection.run(SQL.insertScheduledJob, [
            .int(schedule.jobID), .double(schedule.start), .double(schedule.queuedSeconds),
            .text(ScheduledJobRecord.encodePlan(schedule.steps)), .int(schedule.runner.id), .text(schedule.runner.name),
            .int(schedule.runner.groupID), .text(schedule.runner.groupName), nextChange.map(SQLValue.double) ?? .null,
            .int(Int64(schedule.execution)), .int(schedule.frozen ? 1 : 0),
        ])
    }

    /// Writes what a schedule moved: the job's status, times and runner, its steps', and when
    /// it next moves. `runID` is the job's run, whose roll-up follows.
    public func apply(_ progress: JobProgress, toJob jobID: Int64, of runID: Int64, nextChange: Double?) throws(StoreError) {
        let before = moveLog.recording ? try jobStatus(jobID) : nil
        try connection.run(SQL.updateJobProgress, [
            .int(jobID), .text(progress.status), .optional(progress.conclusion), .text(progress.startedAt),
            .optional(progress.completedAt), .optional(progress.runner?.id), .optional(progress.runner?.name),
            .optional(progress.runner?.groupID), .optional(progress.runner?.groupName), .int(1),
        ])
        for (position, step) in progress.steps.enumerated() {
            try connection.run(SQL.updateStepProgress, [
                .int(jobID), .int(Int64(position)), .text(step.status), .optional(step.conclusion),
                .optional(step.startedAt), .optional(step.completedAt),
            ])
        }
        try connection.run(SQL.setNextChange, [.int(jobID), nextChange.map(SQLValue.double) ?? .null])
        changedRuns.touched.insert(runID)
        if let before, before != progress.status, let job = try reader.job(id: jobID) { moveLog.noteJob(job, before: before) }
    }

    private func jobStatus(_ jobID: Int64) throws(StoreError) -> String? { try reader.jobStatus(id: jobID) }

    /// Empties every table.
    public func deleteEverything() throws(StoreError) {
        try connection.execute(SQL.deleteEverything)
        changedRuns.tails.removeAll()
        moveLog.hooksChanged = true
    }
}
