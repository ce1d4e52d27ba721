import Store
import Timeline

/// A run that moves by itself: what a seed's `runs` entry, `POST /_emulator/runs` or a
/// workflow dispatch describes. Each job queues for `queuedSeconds`, then runs its steps one
/// after another.
public struct ScheduledRun: Sendable, Equatable {
    /// `owner/name` of a repository already loaded (or declared in the same seed).
    public var repository: String
    /// Reuse this run id; the next free one when `nil`.
    public var runID: Int64?
    public var attributes = RunAttributes()
    public var jobs: [Job] = []
    /// Its jobs' GITHUB_TOKEN permissions in workflow syntax (see `GitHubToken.permissions`);
    /// `nil`: the repository's default.
    public var permissions: [String: String]?

    public init(repository: String) { self.repository = repository }

    /// One job of a scheduled run (the same shape as a workflow's jobs).
    public typealias Job = JobTemplate
    /// One step: its name, how long it runs, how it ends on each execution, and what it prints.
    public typealias Step = StepTemplate
}

/// What starting (or re-running) a scheduled run created.
public struct StartedRun: Sendable, Equatable {
    public var runID: Int64
    public var attempt: Int
    public var jobIDs: [Int64]
    /// The GITHUB_TOKEN of each job that will run, by job id.
    public var githubTokens: [Int64: String]

    public init(runID: Int64, attempt: Int, jobIDs: [Int64], githubTokens: [Int64: String] = [:]) {
        self.runID = runID
        self.attempt = attempt
        self.jobIDs = jobIDs
        self.githubTokens = githubTokens
    }
}
