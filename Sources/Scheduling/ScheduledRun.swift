import Store
import Timeline

/// A run that moves by itself: what a seed's `runs` entry or `POST /_emulator/runs` describes.
/// Each job queues for `queuedSeconds`, then runs its steps one after another.
public struct ScheduledRun: Sendable, Equatable {
    /// `owner/name` of a repository already loaded (or declared in the same seed).
    public var repository: String
    /// Reuse this run id; the next free one when `nil`.
    public var runID: Int64?
    public var attributes = RunAttributes()
    public var jobs: [Job] = []

    public init(repository: String) { self.repository = repository }

    /// One job of a scheduled run.
    public struct Job: Sendable, Equatable {
        public var name: String
        public var queuedSeconds: Double = 0
        public var labels = ["ubuntu-latest"]
        /// The runner it takes; GitHub's hosted runners unless given.
        public var runnerName: String?
        public var runnerGroupName: String?
        public var steps: [Step] = []

        public init(name: String) { self.name = name }
    }

    /// One step: its name, how long it runs, how it ends, and what it prints.
    public struct Step: Sendable, Equatable {
        public var name: String
        public var seconds: Double = 1
        public var conclusion = StepConclusion.success
        public var log: String?

        public init(name: String) { self.name = name }
    }
}

/// What starting (or re-running) a scheduled run created.
public struct StartedRun: Sendable, Equatable {
    public var runID: Int64
    public var attempt: Int
    public var jobIDs: [Int64]

    public init(runID: Int64, attempt: Int, jobIDs: [Int64]) {
        self.runID = runID
        self.attempt = attempt
        self.jobIDs = jobIDs
    }
}
