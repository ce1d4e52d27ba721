import Clock
import FoundationEssentials
import Store

/// Cancelling a run as the emulator does it (actions-write.md, "Cancel"): at once, where
/// GitHub takes seconds.
public enum Cancellation {
    static let notStarted: Set<String> = ["queued", "waiting", "requested", "pending"]

    /// Ends every unfinished job of the run's newest attempt at `now`, `cancelled`: a queued
    /// job with no steps and `started_at == completed_at`; a running one with its running
    /// step cancelled and the steps after it skipped. Their plans stay, frozen, for re-runs.
    public static func cancel(runID: Int64, at now: Date, with writer: StoreWriter) throws {
        let reader = writer.reader
        guard let run = try reader.run(id: runID) else { return }
        let stamp = Timestamp.format(now)
        for var job in try reader.jobs(runID: runID, attempt: run.latestAttempt, limit: Int.max, offset: 0).jobs
        where job.status != "completed" {
            if notStarted.contains(job.status) {
                job.steps = []
                job.startedAt = stamp
            } else {
                for index in job.steps.indices where job.steps[index].status != "completed" {
                    let running = job.steps[index].status == "in_progress"
                    job.steps[index].status = "completed"
                    job.steps[index].conclusion = running ? "cancelled" : "skipped"
                    job.steps[index].startedAt = job.steps[index].startedAt ?? stamp
                    job.steps[index].completedAt = stamp
                }
            }
            job.status = "completed"
            job.conclusion = "cancelled"
            job.completedAt = stamp
            try writer.upsert(job)
            if job.isScheduled { try writer.freezeSchedule(jobID: job.id) }
        }
    }
}
