import Store

/// How a job moves as its run progresses, stamping times, runner and steps as GitHub would.
public enum JobLifecycle {
    /// Statuses of a job that has not started.
    static let notStarted: Set<String> = ["queued", "waiting", "requested", "pending"]

    /// Why a transition was refused.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The job after moving to `status` (with `conclusion` when completing) at `now`.
    public static func move(_ job: JobRecord, to status: String, conclusion: String?, now: String) throws(Refusal) -> JobRecord {
        var job = job
        switch status {
        case _ where notStarted.contains(status):
            guard notStarted.contains(job.status) else {
                throw Refusal(reason: "a job that has started cannot go back to \(status)")
            }
            guard conclusion == nil else { throw Refusal(reason: "only a completed job has a conclusion") }
            job.status = status
        case "in_progress":
            guard job.status != "completed" else { throw Refusal(reason: "a completed job does not change; re-run its run instead") }
            guard conclusion == nil else { throw Refusal(reason: "only a completed job has a conclusion") }
            if notStarted.contains(job.status) { start(&job, now: now) }
        case "completed":
            guard job.status != "completed" else { throw Refusal(reason: "the job is already completed") }
            guard let conclusion else { throw Refusal(reason: "completing a job needs a conclusion") }
            if notStarted.contains(job.status) { start(&job, now: now) }
            finish(&job, conclusion: conclusion, now: now)
        default:
            throw Refusal(reason: "unknown status \(status)")
        }
        return job
    }

    private static func start(_ job: inout JobRecord, now: String) {
        job.status = "in_progress"
        job.startedAt = now
        if job.runnerID == nil && job.runnerName == nil {
            job.runnerID = 1
            job.runnerName = "actions-emulator runner 1"
            job.runnerGroupID = 1
            job.runnerGroupName = "Default"
        }
        if let first = job.steps.firstIndex(where: { $0.status != "completed" }) {
            job.steps[first].status = "in_progress"
            job.steps[first].startedAt = now
        }
    }

    /// Completes every unfinished step: the one running takes a failing conclusion, the rest
    /// are skipped; on success they all succeed.
    private static func finish(_ job: inout JobRecord, conclusion: String, now: String) {
        job.status = "completed"
        job.conclusion = conclusion
        job.completedAt = now
        var failed = false
        for index in job.steps.indices where job.steps[index].status != "completed" {
            let stepConclusion: String
            switch conclusion {
            case "success", "neutral": stepConclusion = "success"
            case "skipped": stepConclusion = "skipped"
            default:
                stepConclusion = failed ? "skipped" : (conclusion == "timed_out" ? "cancelled" : conclusion)
                failed = true
            }
            job.steps[index].status = "completed"
            job.steps[index].conclusion = stepConclusion
            job.steps[index].startedAt = job.steps[index].startedAt ?? now
            job.steps[index].completedAt = now
        }
    }
}
