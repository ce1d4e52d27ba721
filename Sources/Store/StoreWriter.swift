/// Typed writes inside one transaction (see `Store.write`).
public struct StoreWriter {
    let connection: Connection
    /// Runs that gained, lost or moved jobs in this transaction: renumbered before it commits.
    let changedRuns = ChangedRuns()

    final class ChangedRuns {
        var ids: Set<Int64> = []
    }

    /// Gives the changed runs' jobs their positions (pages seek by position).
    func renumberChangedRuns() throws(StoreError) {
        for runID in changedRuns.ids.sorted() { try connection.run(SQL.renumberRun, [.int(runID)]) }
        changedRuns.ids.removeAll()
    }

    /// A reader over the same transaction, to see this transaction's own writes.
    public var reader: StoreReader { StoreReader(connection: connection) }

    /// Inserts or updates a repository by id, replacing its readers.
    public func upsert(_ repository: RepositoryRecord) throws(StoreError) {
        try connection.run(SQL.upsertRepository, [
            .int(repository.id), .text(repository.owner), .text(repository.name), .text(repository.visibility.rawValue),
        ])
        try connection.run(SQL.deleteRepositoryReaders, [.int(repository.id)])
        for login in repository.readers {
            try connection.run(SQL.insertRepositoryReader, [.int(repository.id), .text(login)])
        }
    }

    /// The next free job id, for jobs the emulator creates (re-runs).
    public func nextJobID() throws(StoreError) -> Int64 {
        (try connection.row(SQL.maxJobID) { $0.int64(0) } ?? 0) + 1
    }

    /// The next free repository id, for repositories seeded without one.
    public func nextRepositoryID() throws(StoreError) -> Int64 {
        (try connection.row(SQL.maxRepositoryID) { $0.int64(0) } ?? 0) + 1
    }

    public func upsert(_ token: TokenRecord) throws(StoreError) {
        let repositories: SQLValue
        switch token.repositories {
        case .all: repositories = .null
        case .selected(let names): repositories = .text(ListColumn.encode(names))
        }
        try connection.run(SQL.upsertToken, [
            .text(TokenDigest.of(token.token)), .text(token.token), .text(token.kind.rawValue), .optional(token.user),
            .text(ListColumn.encode(token.scopes)), repositories, .text(ListColumn.encodePairs(token.permissions)),
            .optional(token.expiresAt), .int(token.revoked ? 1 : 0),
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
        try connection.run(SQL.insertAttempt, [.int(id), .int(Int64(attempt))])
    }

    /// Inserts or replaces a job with its steps and labels. Its run and attempt must exist.
    /// A job read back from the store (no log text, `hasSeededLog` set) keeps its stored log.
    public func upsert(_ job: JobRecord) throws(StoreError) {
        let htmlURL: SQLValue
        switch job.htmlURL {
        case .derived: htmlURL = .null
        case .given(let value): htmlURL = .optional(value)
        }
        let placement = try connection.row(SQL.jobPlacement, [.int(job.id)]) { ($0.int64(0), $0.int(1)) }
        if placement == nil || placement! != (job.runID, job.runAttempt) {
            changedRuns.ids.insert(job.runID)
            if let (previousRun, _) = placement { changedRuns.ids.insert(previousRun) }
        }
        try connection.run(SQL.deleteSteps, [.int(job.id)])
        try connection.run(SQL.deleteLabels, [.int(job.id)])
        try connection.run(SQL.upsertJob, [
            .int(job.id), .int(job.runID), .int(Int64(job.runAttempt)), .int(job.repositoryID), .text(job.name),
            .text(job.status), .optional(job.conclusion), .text(job.headSHA), .text(job.createdAt), .text(job.startedAt),
            .optional(job.completedAt), .optional(job.runURL), .optional(job.nodeID), .optional(job.url), htmlURL,
            .int(job.htmlURL == .derived ? 0 : 1), .optional(job.checkRunURL), .optional(job.runnerID),
            .optional(job.runnerName), .optional(job.runnerGroupID), .optional(job.runnerGroupName),
            .optional(job.workflowName), .optional(job.headBranch), .optional(job.log),
            .int(job.log == nil && job.hasSeededLog ? 1 : 0),
        ])
        for (position, step) in job.steps.enumerated() {
            try connection.run(SQL.insertStep, [
                .int(job.id), .int(Int64(position)), .int(step.number), .text(step.name), .text(step.status),
                .optional(step.conclusion), .optional(step.startedAt), .optional(step.completedAt),
            ])
        }
        for (position, label) in job.labels.enumerated() {
            try connection.run(SQL.insertLabel, [.int(job.id), .int(Int64(position)), .text(label)])
        }
    }

    /// Empties every table.
    public func deleteEverything() throws(StoreError) {
        try connection.execute(SQL.deleteEverything)
    }
}
