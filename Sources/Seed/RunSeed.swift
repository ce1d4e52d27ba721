import JSON
import Scheduling
import Store
import Timeline

/// Parses scheduled runs: a seed's `runs` entries and `POST /_emulator/runs` bodies.
public enum RunSeed {
    /// The longest a job may queue or a step run: long enough for any demo, short enough that
    /// a typo (seconds meant as milliseconds) is caught.
    static let longest = 7 * 24 * 3600.0

    /// One run from a request body (source `request body`).
    public static func parse(_ bytes: [UInt8], source: String) throws(SeedError) -> ScheduledRun {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw SeedError(source: source, path: "$", reason: "not valid JSON: \(error)")
        }
        return try parse(root, path: "$", source: source)
    }

    static func parse(_ value: JSONValue, path: String, source: String) throws(SeedError) -> ScheduledRun {
        var fields = try FieldReader(value, path: path, source: source)
        let repository = try fields.requiredString("repository")
        guard RepositoryName.split(repository) != nil else {
            throw fields.error("repository", "expected \"owner/name\", found \"\(repository)\"")
        }
        var run = ScheduledRun(repository: repository)
        run.runID = try fields.integer("run_id")
        var attributes = RunAttributes()
        attributes.workflowName = try fields.nonEmptyString("workflow_name") ?? attributes.workflowName
        if let workflowPath = try fields.nonEmptyString("path") {
            guard workflowPath.hasPrefix(".github/workflows/") else {
                throw fields.error("path", "expected a file under .github/workflows/, found \"\(workflowPath)\"")
            }
            attributes.workflowPath = workflowPath
        }
        attributes.headBranch = try fields.nonEmptyString("head_branch") ?? "main"
        if let sha = try fields.string("head_sha") {
            guard sha.utf8.count == 40, sha.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
                throw fields.error("head_sha", "expected 40 lower-case hexadecimal digits, found \"\(sha)\"")
            }
            attributes.headSHA = sha
        }
        attributes.event = try fields.nonEmptyString("event") ?? attributes.event
        attributes.actor = try fields.nonEmptyString("actor")
        attributes.displayTitle = try fields.nonEmptyString("display_title")
        run.attributes = attributes
        let permissions = try WorkflowSeed.permissions(&fields)
        run.permissions = permissions.isEmpty ? nil : permissions

        let jobsPath = FieldReader.childPath(path, "jobs")
        guard let jobs = try fields.array("jobs") else { throw fields.error("jobs", "required") }
        guard !jobs.isEmpty else { throw fields.error("jobs", "a scheduled run needs at least one job") }
        for (index, job) in jobs.enumerated() {
            run.jobs.append(try parseJob(job, index: index, path: "\(jobsPath)[\(index)]", source: source))
        }
        try fields.finish()
        return run
    }

    static func parseJob(_ value: JSONValue, index: Int, path: String, source: String) throws(SeedError) -> ScheduledRun.Job {
        var fields = try FieldReader(value, path: path, source: source)
        var job = ScheduledRun.Job(name: try fields.nonEmptyString("name") ?? "job-\(index + 1)")
        job.queuedSeconds = try fields.seconds("queued_seconds", in: 0...longest) ?? 0
        job.labels = try fields.strings("labels") ?? job.labels
        job.runnerName = try fields.nonEmptyString("runner_name")
        job.runnerGroupName = try fields.nonEmptyString("runner_group_name")
        let stepsPath = FieldReader.childPath(path, "steps")
        for (number, step) in (try fields.array("steps") ?? []).enumerated() {
            job.steps.append(try parseStep(step, index: number, path: "\(stepsPath)[\(number)]", source: source))
        }
        try fields.finish()
        return job
    }

    private static func parseStep(_ value: JSONValue, index: Int, path: String, source: String) throws(SeedError) -> ScheduledRun.Step {
        var fields = try FieldReader(value, path: path, source: source)
        var step = ScheduledRun.Step(name: try fields.nonEmptyString("name") ?? "Step \(index + 1)")
        step.seconds = try fields.seconds("seconds", in: 0...longest) ?? step.seconds
        step.conclusions = try conclusions(&fields) ?? step.conclusions
        step.log = try fields.string("log")
        try fields.finish()
        return step
    }

    /// `conclusion`: one, or a list with one per execution of the job, the last repeating.
    private static func conclusions(_ fields: inout FieldReader) throws(SeedError) -> [String]? {
        let allowed = StepConclusion.allCases.map(\.rawValue)
        guard case .array(let items)? = fields.value("conclusion") else { return try fields.oneOf("conclusion", allowed).map { [$0] } }
        guard !items.isEmpty else { throw fields.error("conclusion", "a list of conclusions needs at least one") }
        var conclusions: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.string, allowed.contains(text) else {
                throw SeedError(source: fields.source, path: "\(FieldReader.childPath(fields.path, "conclusion"))[\(index)]",
                                reason: "expected one of \(allowed.joined(separator: ", ")), found \(item.string.map { "\"\($0)\"" } ?? item.kindDescription)")
            }
            conclusions.append(text)
        }
        return conclusions
    }
}

extension FieldReader {
    /// A string that, when present, is not empty.
    mutating func nonEmptyString(_ key: String) throws(SeedError) -> String? {
        guard let text = try string(key) else { return nil }
        guard !text.isEmpty else { throw error(key, "must not be empty") }
        return text
    }
}
