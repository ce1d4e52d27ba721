import JSON
import Store

/// Parses the `jobs` entries of a seed: every field of the job object, validated against the
/// 2026-03-10 schema's types and enums, with defaults for what a seed may leave out.
enum JobSeed {
    static let statuses = ["queued", "in_progress", "completed", "waiting", "requested", "pending"]
    static let conclusions = ["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required"]
    static let stepStatuses = ["queued", "in_progress", "completed"]

    static func parse(_ value: JSONValue, path: String, source: String, now: String) throws(SeedError) -> SeedDocument.Job {
        var fields = try FieldReader(value, path: path, source: source)
        let repository = try fields.requiredString("repository")
        guard RepositoryName.split(repository) != nil else {
            throw fields.error("repository", "expected \"owner/name\", found \"\(repository)\"")
        }
        let id = try fields.requiredInteger("id")
        let runID = try fields.requiredInteger("run_id")
        let runAttempt = try fields.integer("run_attempt") ?? 1
        guard runAttempt <= Int32.max else { throw fields.error("run_attempt", "too large") }

        let conclusion = try fields.nullableOneOf("conclusion", conclusions).value
        let status = try fields.oneOf("status", statuses) ?? (conclusion == nil ? "queued" : "completed")
        if conclusion != nil && status != "completed" {
            throw fields.error("conclusion", "only a completed job has a conclusion (status is \"\(status)\")")
        }

        let createdAt = try fields.timestamp("created_at", nullable: false).value
        let startedAt = try fields.timestamp("started_at", nullable: false).value
        let htmlURL = try fields.nullableString("html_url")

        var record = JobRecord(
            id: id,
            runID: runID,
            runAttempt: Int(runAttempt),
            repositoryID: 0,
            name: try fields.string("name") ?? "job-\(id)",
            status: status,
            conclusion: conclusion,
            headSHA: try fields.string("head_sha") ?? RunAttributes.derivedHeadSHA(runID: runID),
            createdAt: createdAt ?? startedAt ?? now,
            startedAt: startedAt ?? createdAt ?? now,
            completedAt: try fields.timestamp("completed_at", nullable: true).value,
            runURL: try fields.string("run_url"),
            nodeID: try fields.string("node_id"),
            url: try fields.string("url"),
            htmlURL: htmlURL.present ? .given(htmlURL.value) : .derived,
            checkRunURL: try fields.string("check_run_url"),
            labels: try fields.strings("labels") ?? [],
            runnerID: try fields.nullableInteger("runner_id"),
            runnerName: try fields.nullableString("runner_name").value,
            runnerGroupID: try fields.nullableInteger("runner_group_id"),
            runnerGroupName: try fields.nullableString("runner_group_name").value,
            workflowName: try fields.nullableString("workflow_name").value,
            headBranch: try fields.nullableString("head_branch").value,
            log: try fields.nullableString("log").value
        )
        if let steps = try fields.array("steps") {
            let stepsPath = FieldReader.childPath(path, "steps")
            record.steps.reserveCapacity(steps.count)
            for (index, step) in steps.enumerated() {
                record.steps.append(try parseStep(step, index: index, stepsPath: stepsPath, source: source))
            }
        }
        try fields.finish()
        return SeedDocument.Job(repository: repository, record: record, path: path)
    }

    private static func parseStep(_ value: JSONValue, index: Int, stepsPath: String, source: String) throws(SeedError) -> StepRecord {
        var fields = try FieldReader(value, path: stepsPath, elementIndex: index, source: source)
        let conclusion = try fields.nullableString("conclusion").value
        let step = StepRecord(
            name: try fields.requiredString("name"),
            status: try fields.oneOf("status", stepStatuses) ?? (conclusion == nil ? "queued" : "completed"),
            conclusion: conclusion,
            number: try fields.integer("number", minimum: 0) ?? Int64(index + 1),
            startedAt: try fields.timestamp("started_at", nullable: true).value,
            completedAt: try fields.timestamp("completed_at", nullable: true).value
        )
        try fields.finish()
        return step
    }
}
