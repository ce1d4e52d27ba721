import Clock
import FoundationEssentials
import Scheduling
import Store

/// A job's log as the runner writes it: the seed's text when it gives one, otherwise lines
/// generated from the job's steps (and what each step printed) in the runner's format.
public enum LogText {
    /// A job has a log once it has started; a scheduled one once it has completed, as a run
    /// in progress on GitHub has no downloadable logs yet.
    public static func hasLog(_ job: JobRecord) -> Bool {
        !job.logDeleted && (job.status == "completed" || (job.status == "in_progress" && !job.isScheduled))
    }

    /// The log generated from the job's steps (used when the seed gave no log text);
    /// `permissions`, the job's GITHUB_TOKEN grant, opens it as a runner's does.
    public static func text(for job: JobRecord, permissions: [String: String]? = nil) -> String {
        job.log ?? generated(for: job, permissions: permissions).joined
    }

    /// A generated log: the runner's opening lines, one section per step that has started, and
    /// the closing lines.
    struct Generated {
        var opening: [String] = []
        /// Index into the job's steps, and that step's lines.
        var steps: [(index: Int, lines: [String])] = []
        var closing: [String] = []

        var joined: String {
            (opening + steps.flatMap(\.lines) + closing).map { $0 + "\n" }.joined()
        }
    }

    /// `2020-01-20T17:42:40.0000000Z ##[group]Run actions/checkout@v2` ... one group per step,
    /// then the runner's clean-up lines; failed steps end with the runner's error annotation.
    static func generated(for job: JobRecord, permissions: [String: String]? = nil) -> Generated {
        let jobStart = Timestamp.parse(job.startedAt) ?? Date(timeIntervalSince1970: 0)
        let jobEnd = job.completedAt.flatMap(Timestamp.parse)
        var log = Generated()
        func line(_ date: Date, _ text: String) -> String { "\(Timestamp.formatRunnerLog(date)) \(text)" }

        // The GITHUB_TOKEN's grant comes first, so a log that has one begins with it.
        if let permissions {
            log.opening += GitHubToken.logGroup(permissions).split(separator: "\n").map { line(jobStart, String($0)) }
        }
        if !job.labels.isEmpty { log.opening.append(line(jobStart, "Requested labels: \(job.labels.joined(separator: ", "))")) }
        if let runner = job.runnerName { log.opening.append(line(jobStart, "Job is about to start running on the runner: \(runner)")) }
        var last = jobStart
        for (index, step) in job.steps.enumerated() where step.status != "queued" {
            let start = step.startedAt.flatMap(Timestamp.parse) ?? last
            let end = step.completedAt.flatMap(Timestamp.parse) ?? start
            var lines = [line(start, "##[group]\(step.name)")]
            // What the step printed, spread over its run time.
            let printed = step.log.map { $0.split(separator: "\n", omittingEmptySubsequences: false) } ?? []
            let shown = printed.last?.isEmpty == true ? printed.dropLast() : printed[...]
            for (number, text) in shown.enumerated() {
                let at = start.addingTimeInterval(end.timeIntervalSince(start) * Double(number) / Double(max(1, shown.count)))
                lines.append(line(at, String(text)))
            }
            switch step.conclusion {
            case "failure": lines.append(line(end, "##[error]Process completed with exit code 1."))
            case "cancelled": lines.append(line(end, "##[error]The operation was canceled."))
            case "skipped": lines.append(line(end, "Skipping step: \(step.name)"))
            default: break
            }
            lines.append(line(end, "##[endgroup]"))
            log.steps.append((index, lines))
            last = end
        }
        if job.status == "completed" {
            let end = jobEnd ?? last
            log.closing.append(line(end, "Cleaning up orphan processes"))
            if let conclusion = job.conclusion, conclusion != "success" {
                log.closing.append(line(end, "##[error]Job completed with conclusion: \(conclusion)"))
            }
        }
        return log
    }

    /// Each started step's part of the log, for the per-step files of a run's log archive: the
    /// generated sections, or a seeded log cut at its `##[group]` lines (the k-th group is the
    /// k-th started step's; a seeded log without groups all goes to the first step).
    static func stepTexts(for job: JobRecord, seededLog: String?) -> [(step: StepRecord, text: String)] {
        let started = job.steps.enumerated().filter { $0.element.status != "queued" }
        guard let seededLog else {
            return generated(for: job).steps.map { (job.steps[$0.index], $0.lines.map { $0 + "\n" }.joined()) }
        }
        let lines = seededLog.split(separator: "\n", omittingEmptySubsequences: false)
        var groups: [[Substring]] = []
        for line in lines {
            if line.contains("##[group]") { groups.append([]) }
            // Lines before the first group are the runner's opening: the job's file has them.
            if !groups.isEmpty { groups[groups.count - 1].append(line) }
        }
        if groups.isEmpty { groups = [lines] }
        return zip(started, groups).map { step, lines in
            let text = lines.joined(separator: "\n")
            return (step.element, text.hasSuffix("\n") || text.isEmpty ? text : text + "\n")
        }
    }
}
