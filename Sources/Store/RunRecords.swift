import Clock
import FoundationEssentials

/// A workflow run: its repository, its newest attempt, what it ran on, and the status, times
/// and conclusion its newest attempt's jobs roll up to (kept current by every write).
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var repositoryID: Int64
    /// The newest attempt number (1 for a run never re-run).
    public var latestAttempt: Int
    public var attributes: RunAttributes
    public var rollUp: RunRollUp

    public init(id: Int64, repositoryID: Int64, latestAttempt: Int, attributes: RunAttributes = RunAttributes(),
                rollUp: RunRollUp = RunRollUp()) {
        self.id = id
        self.repositoryID = repositoryID
        self.latestAttempt = latestAttempt
        self.attributes = attributes
        self.rollUp = rollUp
    }
}

/// What a run ran: given when a scheduled run starts, otherwise taken from its jobs.
public struct RunAttributes: Sendable, Equatable {
    public var workflowName = "CI"
    /// `.github/workflows/...`; derived from the workflow's name when `nil`.
    public var workflowPath: String?
    public var headBranch: String?
    public var headSHA = String(repeating: "0", count: 40)
    public var event = "push"
    /// The login that triggered it; the repository's owner when `nil`.
    public var actor: String?
    /// The title GitHub shows (a commit message, a PR title); the workflow's name when `nil`.
    public var displayTitle: String?

    public init() {}

    /// A stable 40-hex-digit commit id per run, for runs and jobs that give none (splitmix64
    /// over the run id: deterministic and well spread).
    public static func derivedHeadSHA(runID: Int64) -> String {
        var state = UInt64(bitPattern: runID)
        var hex = ""
        while hex.count < 40 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let word = String(z, radix: 16)
            hex += String(repeating: "0", count: 16 - word.count) + word
        }
        return String(hex.prefix(40))
    }
}

/// A run attempt's status and times as GitHub derives them from its jobs.
public struct RunRollUp: Sendable, Equatable {
    public var status = "queued"
    public var conclusion: String?
    public var createdAt = "1970-01-01T00:00:00Z"
    public var updatedAt = "1970-01-01T00:00:00Z"
    /// When the attempt started.
    public var runStartedAt = "1970-01-01T00:00:00Z"

    public init() {}

    /// What a roll-up reads of each job.
    public struct Job: Sendable {
        public var status: String
        public var conclusion: String?
        public var createdAt: String
        public var startedAt: String
        public var completedAt: String?
        public var workflowName: String?
        public var headBranch: String?
        public var headSHA: String

        public init(status: String, conclusion: String?, createdAt: String, startedAt: String, completedAt: String?,
                    workflowName: String?, headBranch: String?, headSHA: String) {
            self.status = status
            self.conclusion = conclusion
            self.createdAt = createdAt
            self.startedAt = startedAt
            self.completedAt = completedAt
            self.workflowName = workflowName
            self.headBranch = headBranch
            self.headSHA = headSHA
        }
    }

    /// The roll-up of the jobs `tally` was given; `created` is when the run itself was created.
    public init(_ tally: Tally, created: Date?) {
        (status, conclusion) = Self.status(statuses: tally.statuses, conclusions: tally.conclusions)
        let createdDate = created ?? tally.earliestCreated
        let format = { (date: Date?) in date.map(Timestamp.format) ?? "1970-01-01T00:00:00Z" }
        createdAt = format(createdDate)
        runStartedAt = format(tally.earliestStarted ?? createdDate)
        updatedAt = format(tally.latest ?? createdDate)
    }

    /// An attempt's jobs folded one at a time: a run of a million jobs needs no array of them.
    public struct Tally: Sendable {
        var statuses: Set<String> = []
        var conclusions: Set<String> = []
        var earliestCreated: Date?
        var earliestStarted: Date?
        /// The latest of every job's creation, start and completion.
        var latest: Date?

        public init() {}

        public mutating func add(_ job: Job) {
            statuses.insert(job.status)
            if let conclusion = job.conclusion { conclusions.insert(conclusion) }
            let created = Timestamp.parse(job.createdAt)
            let started = Timestamp.parse(job.startedAt)
            earliestCreated = Self.earliest(earliestCreated, created)
            earliestStarted = Self.earliest(earliestStarted, started)
            for date in [created, started, job.completedAt.flatMap(Timestamp.parse)] {
                if let date, latest.map({ date > $0 }) ?? true { latest = date }
            }
        }

        private static func earliest(_ known: Date?, _ candidate: Date?) -> Date? {
            guard let candidate else { return known }
            return known.map { min($0, candidate) } ?? candidate
        }
    }

    /// A run's status and conclusion from its jobs', as GitHub rolls them up: the worst
    /// conclusion once every job is done, else the most advanced status.
    public static func status(statuses: Set<String>, conclusions: Set<String>) -> (String, String?) {
        if statuses.isEmpty || statuses == ["queued"] { return ("queued", nil) }
        if statuses == ["completed"] {
            for worst in ["failure", "timed_out", "cancelled", "action_required"] where conclusions.contains(worst) {
                return ("completed", worst)
            }
            return ("completed", conclusions == ["skipped"] ? "skipped" : "success")
        }
        if statuses.contains("in_progress") || statuses.contains("completed") { return ("in_progress", nil) }
        if statuses.contains("waiting") { return ("waiting", nil) }
        return (statuses.contains("pending") ? "pending" : "requested", nil)
    }
}

/// A workflow as the runs name it: GitHub's workflows are files, the emulator's are the names
/// its runs carry.
public struct WorkflowRecord: Sendable, Equatable {
    public var name: String
    /// `.github/workflows/...` when a scheduled run gave one.
    public var path: String?
    /// Seconds since 1970.
    public var firstCreated: Double
    public var lastCreated: Double

    public init(name: String, path: String?, firstCreated: Double, lastCreated: Double) {
        self.name = name
        self.path = path
        self.firstCreated = firstCreated
        self.lastCreated = lastCreated
    }
}

/// Which runs of a repository to list, as GitHub's query parameters select them.
public struct RunFilter: Sendable, Equatable {
    /// A status (`in_progress`) or a conclusion (`failure`).
    public var status: String?
    public var conclusion: String?
    public var branch: String?
    public var event: String?
    public var actor: String?
    public var headSHA: String?
    public var workflowName: String?
    /// Created in `[from, to)`, as seconds since 1970.
    public var createdFrom: Double = -Double.greatestFiniteMagnitude
    public var createdBefore: Double = Double.greatestFiniteMagnitude

    public init() {}
}

/// A job that follows a schedule: when its run started, how long it queues, its steps' plan
/// (seconds and conclusion each) and the runner it takes.
public struct ScheduledJobRecord: Sendable, Equatable {
    public var jobID: Int64
    public var runID: Int64
    public var attempt: Int
    /// Seconds since 1970.
    public var start: Double
    public var queuedSeconds: Double
    public var steps: [(seconds: Double, conclusion: String)]
    public var runner: Runner

    /// The runner a scheduled job is given when it leaves the queue.
    public struct Runner: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var groupID: Int64
        public var groupName: String

        public init(id: Int64, name: String, groupID: Int64, groupName: String) {
            self.id = id
            self.name = name
            self.groupID = groupID
            self.groupName = groupName
        }
    }

    public init(jobID: Int64, runID: Int64, attempt: Int, start: Double, queuedSeconds: Double,
                steps: [(seconds: Double, conclusion: String)], runner: Runner) {
        self.jobID = jobID
        self.runID = runID
        self.attempt = attempt
        self.start = start
        self.queuedSeconds = queuedSeconds
        self.steps = steps
        self.runner = runner
    }

    /// The steps' plan as stored: `seconds:conclusion` pairs joined by commas.
    static func encodePlan(_ steps: [(seconds: Double, conclusion: String)]) -> String {
        steps.map { "\($0.seconds):\($0.conclusion)" }.joined(separator: ",")
    }

    static func decodePlan(_ text: String) -> [(seconds: Double, conclusion: String)] {
        text.split(separator: ",").compactMap { pair in
            let parts = pair.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let seconds = Double(parts[0]) else { return nil }
            return (seconds, String(parts[1]))
        }
    }

    public static func == (lhs: ScheduledJobRecord, rhs: ScheduledJobRecord) -> Bool {
        lhs.jobID == rhs.jobID && lhs.runID == rhs.runID && lhs.attempt == rhs.attempt && lhs.start == rhs.start
            && lhs.queuedSeconds == rhs.queuedSeconds && lhs.runner == rhs.runner
            && lhs.steps.elementsEqual(rhs.steps) { $0.seconds == $1.seconds && $0.conclusion == $1.conclusion }
    }
}

/// A job's progress as a schedule sets it: what changes as it moves.
public struct JobProgress: Sendable, Equatable {
    public var status: String
    public var conclusion: String?
    public var startedAt: String
    public var completedAt: String?
    public var runner: ScheduledJobRecord.Runner?
    public var steps: [(status: String, conclusion: String?, startedAt: String?, completedAt: String?)]

    public init(status: String, conclusion: String?, startedAt: String, completedAt: String?,
                runner: ScheduledJobRecord.Runner?,
                steps: [(status: String, conclusion: String?, startedAt: String?, completedAt: String?)]) {
        self.status = status
        self.conclusion = conclusion
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.runner = runner
        self.steps = steps
    }

    public static func == (lhs: JobProgress, rhs: JobProgress) -> Bool {
        lhs.status == rhs.status && lhs.conclusion == rhs.conclusion && lhs.startedAt == rhs.startedAt
            && lhs.completedAt == rhs.completedAt && lhs.runner == rhs.runner
            && lhs.steps.elementsEqual(rhs.steps) {
                $0.status == $1.status && $0.conclusion == $1.conclusion && $0.startedAt == $1.startedAt
                    && $0.completedAt == $1.completedAt
            }
    }
}
