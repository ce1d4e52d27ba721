import Clock
import FoundationEssentials
import JSON

/// A workflow run: its repository, its newest attempt, what it ran on, and the status, times
/// and conclusion its newest attempt's jobs roll up to (kept current by every write).
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var repositoryID: Int64
    /// The newest attempt number (1 for a run never re-run).
    public var latestAttempt: Int
    public var attributes: RunAttributes
    public var rollUp: RunRollUp
    /// The seeded workflow the run belongs to, matched by path or name; `nil` for workflows
    /// known only from runs (their id is derived from the name).
    public var workflowID: Int64?
    /// Set once `DELETE .../logs` removed the run's logs.
    public var logsDeleted = false

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
    /// Who started the newest attempt (a re-run's caller); `actor` when `nil`.
    public var triggeringActor: String?

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
/// (seconds and conclusions each) and the runner it takes.
public struct ScheduledJobRecord: Sendable, Equatable {
    public var jobID: Int64
    public var runID: Int64
    public var attempt: Int
    /// Seconds since 1970.
    public var start: Double
    public var queuedSeconds: Double
    public var steps: [PlannedStep]
    public var runner: Runner
    /// Which execution of the job this is (1 the first; a re-run of it 2): picks each step's
    /// conclusion from its list.
    public var execution = 1
    /// A frozen schedule no longer moves its job (cancelled, or carried into a new attempt as
    /// it ended); it is kept so that a re-run can replay the plan.
    public var frozen = false

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
                steps: [PlannedStep], runner: Runner, execution: Int = 1, frozen: Bool = false) {
        self.jobID = jobID
        self.runID = runID
        self.attempt = attempt
        self.start = start
        self.queuedSeconds = queuedSeconds
        self.steps = steps
        self.runner = runner
        self.execution = execution
        self.frozen = frozen
    }

    /// The steps' plan as stored: a JSON array of `{"seconds", "conclusions", "name", "log"}`
    /// (what a re-run replays, even after a cancelled job lost its steps).
    static func encodePlan(_ steps: [PlannedStep]) -> String {
        var json = JSONWriter()
        json.beginArray()
        for step in steps {
            json.beginObject()
            json.key("seconds"); json.number(verbatim: "\(step.seconds)")
            json.key("conclusions"); json.beginArray(); for conclusion in step.conclusions { json.string(conclusion) }; json.endArray()
            json.key("name"); json.string(step.name)
            json.key("log"); json.string(step.log)
            json.endObject()
        }
        json.endArray()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// Reads the JSON plan, or the `seconds:conclusion,...` text version 3 databases hold.
    static func decodePlan(_ text: String) -> [PlannedStep] {
        if case .array(let items)? = try? JSONParser.parse(Array(text.utf8)) {
            return items.map { item in
                var seconds = 1.0
                if case .number(let number)? = item["seconds"] { seconds = Double(number) ?? 1 }
                var conclusions: [String] = []
                if case .array(let values)? = item["conclusions"] { conclusions = values.compactMap(\.string) }
                return PlannedStep(seconds: seconds, conclusions: conclusions, name: item["name"]?.string, log: item["log"]?.string)
            }
        }
        return text.split(separator: ",").compactMap { pair in
            let parts = pair.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let seconds = Double(parts[0]) else { return nil }
            return PlannedStep(seconds: seconds, conclusions: [String(parts[1])])
        }
    }
}

/// One step of a schedule: how long it runs, and how it ends on each execution of its job.
public struct PlannedStep: Sendable, Equatable {
    public var seconds: Double
    /// One conclusion per execution, the last repeating: `["failure", "success"]` is a flaky
    /// step that passes when re-run.
    public var conclusions: [String]
    /// The step's name and what it prints, kept for re-runs (`nil` in plans older builds stored).
    public var name: String?
    public var log: String?

    public init(seconds: Double, conclusions: [String], name: String? = nil, log: String? = nil) {
        self.seconds = seconds
        self.conclusions = conclusions.isEmpty ? ["success"] : conclusions
        self.name = name
        self.log = log
    }

    /// How the step ends on the job's `execution` (1-based).
    public func conclusion(execution: Int) -> String {
        conclusions[min(max(execution, 1), conclusions.count) - 1]
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
