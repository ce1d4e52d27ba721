import Clock
import FoundationEssentials
import Store

/// A job's log as the runner writes it: the seed's text when it gives one, otherwise lines
/// generated from the job's steps in the runner's format.
public enum LogText {
    /// Only a job that has started has a log.
    public static func hasLog(_ job: JobRecord) -> Bool {
        job.status == "in_progress" || job.status == "completed"
    }

    /// The log generated from the job's steps (used when the seed gave no log text).
    public static func text(for job: JobRecord) -> String {
        job.log ?? generated(for: job)
    }

    /// `2020-01-20T17:42:40.0000000Z ##[group]Run actions/checkout@v2` ... one group per step, then
    /// the runner's clean-up lines; failed steps end with the runner's error annotation.
    static func generated(for job: JobRecord) -> String {
        let jobStart = Timestamp.parse(job.startedAt) ?? Date(timeIntervalSince1970: 0)
        let jobEnd = job.completedAt.flatMap(Timestamp.parse)
        var lines: [String] = []
        func line(_ date: Date, _ text: String) { lines.append("\(Timestamp.formatRunnerLog(date)) \(text)") }

        if !job.labels.isEmpty { line(jobStart, "Requested labels: \(job.labels.joined(separator: ", "))") }
        if let runner = job.runnerName { line(jobStart, "Job is about to start running on the runner: \(runner)") }
        var last = jobStart
        for step in job.steps where step.status != "queued" {
            let start = step.startedAt.flatMap(Timestamp.parse) ?? last
            let end = step.completedAt.flatMap(Timestamp.parse) ?? start
            line(start, "##[group]\(step.name)")
            switch step.conclusion {
            case "failure": line(end, "##[error]Process completed with exit code 1.")
            case "cancelled": line(end, "##[error]The operation was canceled.")
            case "skipped": line(end, "Skipping step: \(step.name)")
            default: break
            }
            line(end, "##[endgroup]")
            last = end
        }
        if job.status == "completed" {
            let end = jobEnd ?? last
            line(end, "Cleaning up orphan processes")
            if let conclusion = job.conclusion, conclusion != "success" {
                line(end, "##[error]Job completed with conclusion: \(conclusion)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
