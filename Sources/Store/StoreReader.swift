import FoundationEssentials

/// Typed queries over one read transaction.
public struct StoreReader {
    let connection: Connection

    public func repository(owner: String, name: String) throws(StoreError) -> RepositoryRecord? {
        guard var repository = try connection.row(SQL.repositoryByName, [.text(owner), .text(name)], Self.repository) else {
            return nil
        }
        try attachMembers(&repository)
        return repository
    }

    public func repository(id: Int64) throws(StoreError) -> RepositoryRecord? {
        guard var repository = try connection.row(SQL.repositoryByID, [.int(id)], Self.repository) else { return nil }
        try attachMembers(&repository)
        return repository
    }

    /// Every repository and how many runs it has, by name (the dashboard's first list).
    public func repositories() throws(StoreError) -> [(repository: RepositoryRecord, runs: Int)] {
        try connection.rows(SQL.repositoriesWithRunCounts) { (Self.repository($0), $0.int(5)) }
    }

    /// The token a client presented, found by its digest: the lookup compares digests, never
    /// the secret itself, so its timing says nothing about how much of a guess was right.
    public func token(_ value: String) throws(StoreError) -> TokenRecord? {
        try connection.row(SQL.tokenByDigest, [.text(TokenDigest.of(value))], Self.token)
    }

    public func allTokens() throws(StoreError) -> [TokenRecord] {
        try connection.rows(SQL.allTokens, [], Self.token)
    }

    public func run(id: Int64) throws(StoreError) -> RunRecord? {
        try connection.row(SQL.runByID, [.int(id)], Self.run)
    }

    /// One page of a repository's runs, newest first, with the count of all that match.
    public func runs(repositoryID: Int64, filter: RunFilter, limit: Int, offset: Int) throws(StoreError)
        -> (total: Int, runs: [RunRecord]) {
        var arguments: [SQLValue] = [.int(repositoryID), .int(Int64(limit)), .int(Int64(offset))]
        arguments += [filter.status, filter.conclusion, filter.branch, filter.event, filter.actor, filter.headSHA,
                      filter.workflowName].map(SQLValue.optional)
        arguments += [.double(filter.createdFrom), .double(filter.createdBefore)]
        let total = try connection.row(SQL.countRunsOfRepository, arguments) { $0.int(0) } ?? 0
        return (total, limit == 0 ? [] : try connection.rows(SQL.runsOfRepository, arguments, Self.run))
    }

    /// A repository's workflows: the stored ones (declared by a seed, or keeping the state of
    /// one known from runs), then those known only from the runs that name them, whose id is
    /// derived from their name. In name order.
    public func workflows(repositoryID: Int64) throws(StoreError) -> [WorkflowRecord] {
        var workflows = try connection.rows(SQL.storedWorkflows, [.int(repositoryID)]) { row in
            WorkflowRecord(id: row.int64(0), name: row.text(1), path: row.text(2), state: row.text(3),
                           triggers: ListColumn.decode(row.text(4)), inputs: TemplateColumn.decodeInputs(row.text(5)),
                           runName: row.optionalText(6), permissions: ListColumn.decodePairs(row.text(7)),
                           jobs: TemplateColumn.decodeJobs(row.text(8)), declared: row.bool(9),
                           firstCreated: row.isNull(11) ? row.double(10) : min(row.double(10), row.double(11)),
                           lastCreated: row.isNull(12) ? row.double(10) : row.double(12))
        }
        let stored = Set(workflows.map(\.name))
        try connection.forEachRow(SQL.workflowsOfRepository, [.int(repositoryID)]) { row in
            let name = row.text(0)
            guard !stored.contains(name) else { return }
            workflows.append(WorkflowRecord(id: WorkflowRecord.derivedID(repositoryID: repositoryID, name: name), name: name, path: row.optionalText(1) ?? WorkflowRecord.path(for: name),
                                            declared: false, firstCreated: row.double(2), lastCreated: row.double(3)))
        }
        return workflows.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// Scheduled jobs with a change due at or before `now` (seconds since 1970).
    public func scheduledJobs(dueBy now: Double) throws(StoreError) -> [ScheduledJobRecord] {
        try connection.rows(SQL.dueScheduledJobs, [.double(now)], Self.scheduledJob)
    }

    /// Every scheduled job, done or not (to place them all again when the clock goes back).
    public func allScheduledJobs() throws(StoreError) -> [ScheduledJobRecord] {
        try connection.rows(SQL.allScheduledJobs, [], Self.scheduledJob)
    }

    /// A job's schedule, frozen or not; `nil` for a job that never had one.
    public func schedule(ofJob jobID: Int64) throws(StoreError) -> ScheduledJobRecord? {
        try connection.row(SQL.scheduleOfJob, [.int(jobID)], Self.scheduledJob)
    }

    /// An attempt's schedules, frozen ones included (what a re-run replays).
    public func scheduledJobs(runID: Int64, attempt: Int) throws(StoreError) -> [ScheduledJobRecord] {
        try connection.rows(SQL.scheduledJobsOfAttempt, [.int(runID), .int(Int64(attempt))], Self.scheduledJob)
    }

    /// When the next scheduled change is due (seconds since 1970); `nil` when nothing is scheduled.
    public func nextScheduledChange() throws(StoreError) -> Double? {
        try connection.row(SQL.nextScheduledChange) { $0.isNull(0) ? nil : $0.double(0) } ?? nil
    }

    /// The ids of the jobs `scheduledJobs(dueBy:)` reads, at most `limit` of them.
    public func scheduledJobIDs(dueBy now: Double, limit: Int) throws(StoreError) -> [Int64] {
        try connection.rows(SQL.dueJobIDs, [.double(now), .int(Int64(limit))]) { $0.int64(0) }
    }

    /// When the first scheduled change after `now` is due (epoch seconds); `nil`: none is.
    public func nextScheduledChange(after now: Double) throws(StoreError) -> Double? {
        try connection.row(SQL.nextScheduledChangeAfter, [.double(now)]) { $0.isNull(0) ? nil : $0.double(0) } ?? nil
    }

    /// When one job next changes on its schedule (epoch seconds); `nil`: never (not scheduled, done or frozen).
    public func nextScheduledChange(ofJob jobID: Int64) throws(StoreError) -> Double? {
        try connection.row(SQL.nextScheduledChangeOfJob, [.int(jobID)]) { $0.isNull(0) ? nil : $0.double(0) } ?? nil
    }

    /// The run's number among its workflow's runs (1 for the oldest).
    public func runNumber(_ run: RunRecord) throws(StoreError) -> Int {
        try connection.row(SQL.runNumber, [.int(run.repositoryID), .int(run.id), .text(run.attributes.workflowName)]) { $0.int(0) } ?? 1
    }

    public func attemptExists(runID: Int64, attempt: Int) throws(StoreError) -> Bool {
        try connection.row(SQL.attemptExists, [.int(runID), .int(Int64(attempt))]) { _ in true } ?? false
    }

    public func jobStatus(id: Int64) throws(StoreError) -> String? {
        try connection.row(SQL.jobStatus, [.int(id)]) { $0.text(0) }
    }

    public func job(id: Int64) throws(StoreError) -> JobRecord? {
        guard var job = try connection.row(SQL.jobByID, [.int(id)], Self.job) else { return nil }
        try attachStepsAndLabels(&job)
        return job
    }

    /// One page of a run's jobs in ascending id, with the count of all matches.
    /// `attempt` nil means every attempt.
    public func jobs(runID: Int64, attempt: Int?, limit: Int, offset: Int) throws(StoreError) -> (total: Int, jobs: [JobRecord]) {
        var (total, jobs) = try page(runID: runID, attempt: attempt, limit: limit, offset: offset,
                                     queries: (SQL.jobsOfAttempt, SQL.jobsOfRun), Self.job)
        for index in jobs.indices { try attachStepsAndLabels(&jobs[index]) }
        return (total, jobs)
    }

    /// The ids on one page of a run's jobs (what `jobs` would return), with the count of all matches.
    public func jobIDs(runID: Int64, attempt: Int?, limit: Int, offset: Int) throws(StoreError) -> (total: Int, ids: [Int64]) {
        try page(runID: runID, attempt: attempt, limit: limit, offset: offset,
                 queries: (SQL.jobIDsOfAttempt, SQL.jobIDsOfRun)) { $0.int64(0) }
    }

    private func page<T>(runID: Int64, attempt: Int?, limit: Int, offset: Int, queries: (ofAttempt: String, ofRun: String),
                         _ row: (Statement) throws(StoreError) -> T) throws(StoreError) -> (Int, [T]) {
        if let attempt {
            let total = try connection.row(SQL.countJobsOfAttempt, [.int(runID), .int(Int64(attempt))]) { $0.int(0) } ?? 0
            let arguments: [SQLValue] = [.int(runID), .int(Int64(attempt)), .int(Int64(limit)), .int(Int64(offset))]
            return (total, try connection.rows(queries.ofAttempt, arguments, row))
        }
        let total = try connection.row(SQL.countJobsOfRun, [.int(runID)]) { $0.int(0) } ?? 0
        return (total, try connection.rows(queries.ofRun, [.int(runID), .int(Int64(limit)), .int(Int64(offset))], row))
    }

    /// Up to `count` bytes of a job's seeded log from `offset`, and its total size in bytes;
    /// `nil` when the job has no seeded log.
    public func logBytes(jobID: Int64, offset: Int, count: Int) -> (total: Int, bytes: [UInt8])? {
        connection.readValue(table: "jobs", column: "log", row: jobID, offset: offset, count: count)
    }

    public func counts() throws(StoreError) -> StoreCounts {
        try connection.row(SQL.counts) { row in
            StoreCounts(repositories: row.int(0), tokens: row.int(1), runs: row.int(2), jobs: row.int(3), steps: row.int(4))
        } ?? StoreCounts(repositories: 0, tokens: 0, runs: 0, jobs: 0, steps: 0)
    }

    private func attachMembers(_ repository: inout RepositoryRecord) throws(StoreError) {
        let members = try connection.rows(SQL.repositoryMembers, [.int(repository.id)]) { row in
            (row.text(0), RepositoryRecord.Role(rawValue: row.text(1)) ?? .read)
        }
        repository.readers = members.filter { $0.1 == .read }.map(\.0)
        repository.writers = members.filter { $0.1 >= .write }.map(\.0)
        repository.admins = members.filter { $0.1 == .admin }.map(\.0)
    }

    /// A repository's refs: its declared branches (else `main` and every branch its runs ran
    /// on) and its tags.
    public func refs(repositoryID: Int64) throws(StoreError) -> (branches: [String], tags: [String]) {
        let declared = try connection.rows(SQL.refsOfRepository, [.int(repositoryID)]) { ($0.text(0), $0.text(1)) }
        var branches = declared.filter { $0.0 == "branch" }.map(\.1)
        if branches.isEmpty {
            branches = ["main"]
            for branch in try connection.rows(SQL.branchesOfRuns, [.int(repositoryID)], { $0.text(0) }) where branch != "main" {
                branches.append(branch)
            }
        }
        return (branches, declared.filter { $0.0 == "tag" }.map(\.1))
    }

    private func attachStepsAndLabels(_ job: inout JobRecord) throws(StoreError) {
        job.steps = try connection.rows(SQL.stepsOfJob, [.int(job.id)]) { row in
            StepRecord(name: row.text(1), status: row.text(2), conclusion: row.optionalText(3), number: row.int64(0),
                       startedAt: row.optionalText(4), completedAt: row.optionalText(5), log: row.optionalText(6))
        }
        job.labels = try connection.rows(SQL.labelsOfJob, [.int(job.id)]) { $0.text(0) }
    }

    // MARK: row decoding (column order as in SQL)

    static func repository(_ row: Statement) -> RepositoryRecord {
        RepositoryRecord(id: row.int64(0), owner: row.text(1), name: row.text(2),
                         visibility: Visibility(rawValue: row.text(3)) ?? .private, defaultWorkflowPermissions: row.text(4))
    }

    static func token(_ row: Statement) -> TokenRecord {
        TokenRecord(
            token: row.text(0),
            kind: TokenKind(rawValue: row.text(1)) ?? .classic,
            user: row.optionalText(2),
            scopes: ListColumn.decode(row.text(3)),
            repositories: RepositorySelection(column: row.optionalText(4)),
            permissions: ListColumn.decodePairs(row.text(5)),
            expiresAt: row.optionalText(6),
            revoked: row.bool(7),
            installationID: row.optionalInt64(8),
            account: row.optionalText(9),
            jobID: row.optionalInt64(10)
        )
    }

    /// An attempt's roll-up, its jobs folded as they are read (first job first); `visit` sees
    /// each. `created` is when the run was created, when known; else its jobs say.
    func rollUp(runID: Int64, attempt: Int, created: Date?,
                visit: (RunRollUp.Job) -> Void = { _ in }) throws(StoreError) -> (rollUp: RunRollUp, tally: RunRollUp.Tally) {
        var tally = RunRollUp.Tally()
        try connection.forEachRow(SQL.rollUpJobs, [.int(runID), .int(Int64(attempt))]) { row in
            let job = RunRollUp.Job(status: row.text(0), conclusion: row.optionalText(1), createdAt: row.text(2),
                                    startedAt: row.text(3), completedAt: row.optionalText(4), workflowName: row.optionalText(5),
                                    headBranch: row.optionalText(6), headSHA: row.text(7))
            tally.add(job)
            visit(job)
        }
        var rollUp = RunRollUp(tally, created: created)
        if let started = try attemptStarted(runID: runID, attempt: attempt) { rollUp.runStartedAt = started }
        return (rollUp, tally)
    }

    /// When a re-run started the attempt; `nil` for attempts seeded or started with their run.
    func attemptStarted(runID: Int64, attempt: Int) throws(StoreError) -> String? {
        try connection.row(SQL.attemptStarted, [.int(runID), .int(Int64(attempt))], { $0.optionalText(0) }) ?? nil
    }

    /// The roll-up of an attempt other than the newest, as a run view of it shows.
    public func rollUp(runID: Int64, attempt: Int, created: Date?) throws(StoreError) -> RunRollUp {
        try rollUp(runID: runID, attempt: attempt, created: created, visit: { _ in }).rollUp
    }

    private static func job(_ row: Statement) -> JobRecord {
        var job = JobRecord(
            id: row.int64(0), runID: row.int64(1), runAttempt: row.int(2), repositoryID: row.int64(3),
            name: row.text(4), status: row.text(5), conclusion: row.optionalText(6), headSHA: row.text(7),
            createdAt: row.text(8), startedAt: row.text(9), completedAt: row.optionalText(10),
            runURL: row.optionalText(11), nodeID: row.optionalText(12), url: row.optionalText(13),
            htmlURL: row.bool(15) ? .given(row.optionalText(14)) : .derived,
            checkRunURL: row.optionalText(16), runnerID: row.optionalInt64(17), runnerName: row.optionalText(18),
            runnerGroupID: row.optionalInt64(19), runnerGroupName: row.optionalText(20),
            workflowName: row.optionalText(21), headBranch: row.optionalText(22)
        )
        job.hasSeededLog = row.bool(23)
        job.isScheduled = row.bool(24)
        job.logDeleted = row.bool(25)
        return job
    }

    private static func run(_ row: Statement) -> RunRecord {
        var attributes = RunAttributes()
        attributes.workflowName = row.text(3)
        attributes.workflowPath = row.optionalText(4)
        attributes.headBranch = row.optionalText(5)
        attributes.headSHA = row.text(6)
        attributes.event = row.text(7)
        attributes.actor = row.optionalText(8)
        attributes.displayTitle = row.optionalText(9)
        var rollUp = RunRollUp()
        rollUp.status = row.text(10)
        rollUp.conclusion = row.optionalText(11)
        rollUp.createdAt = row.text(12)
        rollUp.updatedAt = row.text(13)
        rollUp.runStartedAt = row.text(14)
        attributes.triggeringActor = row.optionalText(15)
        var run = RunRecord(id: row.int64(0), repositoryID: row.int64(1), latestAttempt: row.int(2), attributes: attributes,
                            rollUp: rollUp)
        run.logsDeleted = row.bool(16)
        run.workflowID = row.optionalInt64(17)
        if run.attributes.workflowPath == nil { run.attributes.workflowPath = row.optionalText(18) }
        return run
    }

    private static func scheduledJob(_ row: Statement) -> ScheduledJobRecord {
        ScheduledJobRecord(
            jobID: row.int64(0), runID: row.int64(1), attempt: row.int(2), start: row.double(3), queuedSeconds: row.double(4),
            steps: ScheduledJobRecord.decodePlan(row.text(5)),
            runner: .init(id: row.int64(6), name: row.text(7), groupID: row.int64(8), groupName: row.text(9)),
            execution: row.int(10), frozen: row.bool(11)
        )
    }
}

/// Short lists stored in one column, joined by the ASCII unit separator (never in seeded names).
enum ListColumn {
    static let separator: Character = "\u{1F}"
    static func encode(_ items: [String]) -> String { items.joined(separator: String(separator)) }
    static func decode(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }

    /// `key=value` items as a dictionary.
    static func encodePairs(_ pairs: [String: String]) -> String {
        encode(pairs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
    }

    static func decodePairs(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in decode(text) {
            let parts = item.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }
}

extension RepositorySelection {
    /// How a selection is stored: NULL for all, else the names as a list column.
    var column: SQLValue {
        switch self {
        case .all: .null
        case .selected(let names): .text(ListColumn.encode(names))
        }
    }

    init(column: String?) {
        self = column.map { .selected(ListColumn.decode($0)) } ?? .all
    }
}
