import Hashing
import JSON

/// A workflow of a repository: declared by a seed's `workflows` (its triggers, inputs and the
/// jobs a dispatch runs), or known only from the runs that name it.
public struct WorkflowRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// `.github/workflows/...`.
    public var path: String
    /// `active`, `disabled_manually`, ... as GitHub names workflow states.
    public var state: String
    /// The events in `on` (`push`, `workflow_dispatch`); empty when not declared.
    public var triggers: [String]
    public var inputs: [WorkflowInput]
    /// `run-name`, with `${{ inputs.NAME }}` placeholders.
    public var runName: String?
    /// The workflow's `permissions` for its jobs' GITHUB_TOKEN.
    public var permissions: [String: String]
    /// What a dispatch (or re-run without a plan of its own) runs.
    public var jobs: [JobTemplate]
    /// `false` for a workflow known only from runs (a stored row then keeps only its state).
    public var declared: Bool
    /// Seconds since 1970.
    public var firstCreated: Double
    public var lastCreated: Double

    public init(id: Int64, name: String, path: String, state: String = "active", triggers: [String] = [],
                inputs: [WorkflowInput] = [], runName: String? = nil, permissions: [String: String] = [:],
                jobs: [JobTemplate] = [], declared: Bool = true, firstCreated: Double = 0, lastCreated: Double = 0) {
        self.id = id
        self.name = name
        self.path = path
        self.state = state
        self.triggers = triggers
        self.inputs = inputs
        self.runName = runName
        self.permissions = permissions
        self.jobs = jobs
        self.declared = declared
        self.firstCreated = firstCreated
        self.lastCreated = lastCreated
    }

    /// The id of a workflow the seed gave none, or that only runs name: stable per repository and name.
    public static func derivedID(repositoryID: Int64, name: String) -> Int64 {
        StableNumber.of("\(repositoryID)/\(name)", from: 10_000_000, count: 90_000_000)
    }

    /// Where a workflow named `name` lives unless a seed or run says otherwise.
    public static func path(for name: String) -> String {
        let lowered = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return ".github/workflows/\(String(lowered).split(separator: "-").joined(separator: "-")).yml"
    }

    /// The file name a client may use instead of the id (`deploy.yml`).
    public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }
}

/// One `workflow_dispatch` input.
public struct WorkflowInput: Sendable, Equatable {
    public var name: String
    public var required: Bool
    public var defaultValue: String?

    public init(name: String, required: Bool = false, defaultValue: String? = nil) {
        self.name = name
        self.required = required
        self.defaultValue = defaultValue
    }
}

/// A job before it runs: how long it queues, where, and the steps it takes (a scheduled run's
/// job, or a workflow's).
public struct JobTemplate: Sendable, Equatable {
    public var name: String
    public var queuedSeconds: Double = 0
    public var labels = ["ubuntu-latest"]
    /// The runner it takes; GitHub's hosted runners unless given.
    public var runnerName: String?
    public var runnerGroupName: String?
    public var steps: [StepTemplate] = []

    public init(name: String) { self.name = name }
}

/// A step before it runs: its name, how long it runs, how it ends on each execution, what it prints.
public struct StepTemplate: Sendable, Equatable {
    public var name: String
    public var seconds: Double = 1
    /// One per execution of the job, the last repeating (`success`, `failure`, `cancelled`, `skipped`).
    public var conclusions = ["success"]
    public var log: String?

    public init(name: String) { self.name = name }
}

/// The JSON text a workflow's inputs and jobs are kept as (one column each: they are read
/// whole, only when a workflow is dispatched or listed).
enum TemplateColumn {
    static func encode(_ inputs: [WorkflowInput]) -> String {
        var json = JSONWriter()
        json.beginArray()
        for input in inputs {
            json.beginObject()
            json.key("name"); json.string(input.name)
            json.key("required"); json.bool(input.required)
            json.key("default"); json.string(input.defaultValue)
            json.endObject()
        }
        json.endArray()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    static func decodeInputs(_ text: String) -> [WorkflowInput] {
        guard case .array(let items)? = try? JSONParser.parse(Array(text.utf8)) else { return [] }
        return items.compactMap { item in
            guard let name = item["name"]?.string else { return nil }
            return WorkflowInput(name: name, required: item["required"] == .bool(true), defaultValue: item["default"]?.string)
        }
    }

    static func encode(_ jobs: [JobTemplate]) -> String {
        var json = JSONWriter()
        json.beginArray()
        for job in jobs {
            json.beginObject()
            json.key("name"); json.string(job.name)
            json.key("queued_seconds"); json.number(verbatim: "\(job.queuedSeconds)")
            json.key("labels"); json.beginArray(); for label in job.labels { json.string(label) }; json.endArray()
            json.key("runner_name"); json.string(job.runnerName)
            json.key("runner_group_name"); json.string(job.runnerGroupName)
            json.key("steps")
            json.beginArray()
            for step in job.steps {
                json.beginObject()
                json.key("name"); json.string(step.name)
                json.key("seconds"); json.number(verbatim: "\(step.seconds)")
                json.key("conclusions"); json.beginArray(); for conclusion in step.conclusions { json.string(conclusion) }; json.endArray()
                json.key("log"); json.string(step.log)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    static func decodeJobs(_ text: String) -> [JobTemplate] {
        guard case .array(let items)? = try? JSONParser.parse(Array(text.utf8)) else { return [] }
        return items.compactMap { item in
            guard let name = item["name"]?.string else { return nil }
            var job = JobTemplate(name: name)
            job.queuedSeconds = number(item["queued_seconds"]) ?? 0
            job.labels = strings(item["labels"])
            job.runnerName = item["runner_name"]?.string
            job.runnerGroupName = item["runner_group_name"]?.string
            if case .array(let steps)? = item["steps"] {
                job.steps = steps.compactMap { value in
                    guard let name = value["name"]?.string else { return nil }
                    var step = StepTemplate(name: name)
                    step.seconds = number(value["seconds"]) ?? 1
                    step.conclusions = strings(value["conclusions"])
                    step.log = value["log"]?.string
                    return step
                }
            }
            return job
        }
    }

    private static func number(_ value: JSONValue?) -> Double? {
        guard case .number(let text)? = value else { return nil }
        return Double(text)
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap(\.string)
    }
}
