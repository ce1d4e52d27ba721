import JSON
import Store

/// Parses a seed's `workflows` entries (actions-write.md, "Workflows, branches and who may write").
enum WorkflowSeed {
    /// A workflow as the seed declares it; its id is derived at load time when not given.
    struct Entry: Sendable {
        /// `owner/name` as written.
        var repository: String
        var id: Int64?
        var workflow: WorkflowRecord
        var path: String
    }

    static let states = ["active", "disabled_manually", "disabled_inactivity", "disabled_fork", "deleted"]
    static let permissionLevels = ["read", "write", "none"]

    static func parse(_ value: JSONValue, path: String, source: String) throws(SeedError) -> Entry {
        var fields = try FieldReader(value, path: path, source: source)
        let repository = try fields.requiredString("repository")
        guard RepositoryName.split(repository) != nil else {
            throw fields.error("repository", "expected \"owner/name\", found \"\(repository)\"")
        }
        let id = try fields.integer("id")
        let name = try fields.requiredString("name")
        guard !name.isEmpty else { throw fields.error("name", "must not be empty") }
        let workflowPath = try fields.nonEmptyString("path") ?? WorkflowRecord.path(for: name)
        guard workflowPath.hasPrefix(".github/workflows/"), workflowPath.count > ".github/workflows/".count else {
            throw fields.error("path", "expected a file under .github/workflows/, found \"\(workflowPath)\"")
        }
        var workflow = WorkflowRecord(id: id ?? 0, name: name, path: workflowPath)
        workflow.state = try fields.oneOf("state", states) ?? "active"
        workflow.triggers = try triggers(&fields)
        workflow.inputs = try inputs(&fields)
        workflow.runName = try fields.nonEmptyString("run_name")
        workflow.permissions = try permissions(&fields)
        let jobsPath = FieldReader.childPath(path, "jobs")
        if let jobs = try fields.array("jobs") {
            guard !jobs.isEmpty else { throw fields.error("jobs", "a workflow needs at least one job") }
            for (index, job) in jobs.enumerated() {
                workflow.jobs.append(try RunSeed.parseJob(job, index: index, path: "\(jobsPath)[\(index)]", source: source))
            }
        } else {
            // (ours) A workflow declared without jobs runs one job of one step.
            var job = JobTemplate(name: "build")
            job.steps = [StepTemplate(name: "Run")]
            workflow.jobs = [job]
        }
        try fields.finish()
        return Entry(repository: repository, id: id, workflow: workflow, path: path)
    }

    /// `on`: an event, a list of events, or an object whose keys are events (as in YAML).
    private static func triggers(_ fields: inout FieldReader) throws(SeedError) -> [String] {
        switch fields.value("on") {
        case nil: return ["push"]
        case .string(let event)?: return [event]
        case .array(let items)?:
            var events: [String] = []
            for (index, item) in items.enumerated() {
                guard let event = item.string else {
                    throw SeedError(source: fields.source, path: "\(FieldReader.childPath(fields.path, "on"))[\(index)]",
                                    reason: "expected an event name, found \(item.kindDescription)")
                }
                events.append(event)
            }
            return events
        case .object(let members)?: return members.map(\.key)
        case let other?: throw fields.error("on", "expected an event, a list of events or an object, found \(other.kindDescription)")
        }
    }

    /// `inputs`: name → `{"required", "default", "description", "type", "options"}`.
    private static func inputs(_ fields: inout FieldReader) throws(SeedError) -> [WorkflowInput] {
        guard let value = fields.value("inputs") else { return [] }
        let path = FieldReader.childPath(fields.path, "inputs")
        guard case .object(let members) = value else {
            throw SeedError(source: fields.source, path: path, reason: "expected an object of inputs, found \(value.kindDescription)")
        }
        guard members.count <= 25 else {
            throw SeedError(source: fields.source, path: path, reason: "a workflow_dispatch has at most 25 inputs, found \(members.count)")
        }
        var inputs: [WorkflowInput] = []
        for member in members {
            var input = try FieldReader(member.value, path: FieldReader.childPath(path, member.key), source: fields.source)
            var declared = WorkflowInput(name: member.key, required: try input.bool("required") ?? false)
            switch input.value("default") {
            case nil, .null?: break
            case .string(let text)?: declared.defaultValue = text
            case .number(let text)?: declared.defaultValue = text
            case .bool(let flag)?: declared.defaultValue = flag ? "true" : "false"
            case let other?: throw input.error("default", "expected a string, number or boolean, found \(other.kindDescription)")
            }
            _ = try input.string("description")
            _ = try input.oneOf("type", ["string", "boolean", "choice", "number", "environment"])
            _ = try input.strings("options")
            try input.finish()
            inputs.append(declared)
        }
        return inputs
    }

    /// `permissions`: `read-all`, `write-all`, or scope → `read` / `write` / `none` (`{}`: all
    /// `none`, stored as `["*": "none"]`); absent: `[:]`, the repository's default.
    static func permissions(_ fields: inout FieldReader) throws(SeedError) -> [String: String] {
        guard let value = fields.value("permissions") else { return [:] }
        let path = FieldReader.childPath(fields.path, "permissions")
        switch value {
        case .string("read-all"): return ["*": "read"]
        case .string("write-all"): return ["*": "write"]
        case .object(let members):
            var permissions: [String: String] = [:]
            for member in members {
                guard let level = member.value.string, permissionLevels.contains(level) else {
                    throw SeedError(source: fields.source, path: FieldReader.childPath(path, member.key),
                                    reason: "expected one of \(permissionLevels.joined(separator: ", "))")
                }
                permissions[member.key] = level
            }
            return permissions.isEmpty ? ["*": "none"] : permissions
        default:
            throw SeedError(source: fields.source, path: path,
                            reason: "expected \"read-all\", \"write-all\" or an object of scopes, found \(value.kindDescription)")
        }
    }
}
