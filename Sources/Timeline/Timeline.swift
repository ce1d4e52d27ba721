import FoundationEssentials

/// How a scheduled job unfolds: it waits `queuedSeconds` after its run started, then runs its
/// steps one after another, each for its `seconds`. A failing or cancelled step ends the job
/// there (later steps are skipped); a step planned as skipped takes no time.
public struct JobPlan: Sendable, Equatable {
    public var start: Date
    public var queuedSeconds: Double
    public var steps: [StepPlan]

    public init(start: Date, queuedSeconds: Double, steps: [StepPlan]) {
        self.start = start
        self.queuedSeconds = queuedSeconds
        self.steps = steps
    }
}

/// One step of a plan: how long it runs and how it ends.
public struct StepPlan: Sendable, Equatable {
    public var seconds: Double
    public var conclusion: StepConclusion

    public init(seconds: Double, conclusion: StepConclusion = .success) {
        self.seconds = seconds
        self.conclusion = conclusion
    }
}

/// How a step may end, as GitHub reports steps.
public enum StepConclusion: String, Sendable, CaseIterable {
    case success, failure, cancelled, skipped

    /// Ends the job: later steps do not run.
    var stopsTheJob: Bool { self == .failure || self == .cancelled }
}

/// A job or step's status, as GitHub spells it.
public enum Progress: String, Sendable {
    case queued
    case inProgress = "in_progress"
    case completed
}

/// Where a job stands at one instant.
public struct JobState: Sendable, Equatable {
    public var status: Progress
    /// `success`, `failure` or `cancelled` once completed.
    public var conclusion: String?
    /// When it left the queue; `nil` while queued.
    public var startedAt: Date?
    public var completedAt: Date?
    public var steps: [StepState]
    /// The next instant at which anything changes; `nil` once the job is completed.
    public var nextChange: Date?
}

/// Where a step stands at one instant.
public struct StepState: Sendable, Equatable {
    public var status: Progress
    public var conclusion: String?
    public var startedAt: Date?
    public var completedAt: Date?

    static let queued = StepState(status: .queued, conclusion: nil, startedAt: nil, completedAt: nil)
}

/// The state of a planned job at an instant: a pure function of the plan and the time, so a
/// frozen clock freezes every job, and a restarted process finds each job where it should be.
public enum Timeline {
    public static func state(of plan: JobPlan, at now: Date) -> JobState {
        let begins = plan.start.addingTimeInterval(max(0, plan.queuedSeconds))
        guard now >= begins else {
            return JobState(status: .queued, conclusion: nil, startedAt: nil, completedAt: nil,
                            steps: Array(repeating: .queued, count: plan.steps.count), nextChange: begins)
        }
        var steps: [StepState] = []
        steps.reserveCapacity(plan.steps.count)
        var clock = begins
        var stopped: (at: Date, conclusion: String)?
        for step in plan.steps {
            if let stopped {
                steps.append(StepState(status: .completed, conclusion: "skipped", startedAt: stopped.at, completedAt: stopped.at))
                continue
            }
            if step.conclusion == .skipped {
                steps.append(StepState(status: .completed, conclusion: "skipped", startedAt: clock, completedAt: clock))
                continue
            }
            let ends = clock.addingTimeInterval(max(0, step.seconds))
            guard now >= ends else {
                // This step is running; the ones after it wait.
                steps.append(StepState(status: .inProgress, conclusion: nil, startedAt: clock, completedAt: nil))
                steps += Array(repeating: .queued, count: plan.steps.count - steps.count)
                return JobState(status: .inProgress, conclusion: nil, startedAt: begins, completedAt: nil, steps: steps,
                                nextChange: ends)
            }
            steps.append(StepState(status: .completed, conclusion: step.conclusion.rawValue, startedAt: clock, completedAt: ends))
            if step.conclusion.stopsTheJob { stopped = (ends, step.conclusion.rawValue) }
            clock = ends
        }
        return JobState(status: .completed, conclusion: stopped?.conclusion ?? "success", startedAt: begins,
                        completedAt: stopped?.at ?? clock, steps: steps, nextChange: nil)
    }
}
