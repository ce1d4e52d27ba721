import FoundationEssentials
import JSON
import Store

/// Encodes jobs as the 2026-03-10 job object: the docs example's fields in its order, with
/// `run_attempt` and `created_at` (required by the schema) where GitHub puts them. Seeded values
/// are written verbatim; URLs and `node_id` the seed left out are derived.
public struct JobJSON: Sendable {
    public let urls: ServerURLs

    public init(urls: ServerURLs) { self.urls = urls }

    /// The bytes of a single job.
    public func encode(_ job: JobRecord, in repository: RepositoryRecord) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 2048)
        write(job, in: repository, to: &json)
        return json.bytes
    }

    /// The bytes of `{"total_count": N, "jobs": [...]}` around jobs already encoded.
    public static func list(_ jobs: [[UInt8]], total: Int) -> [UInt8] {
        var bytes = Array(#"{"total_count":\#(total),"jobs":["#.utf8)
        bytes.reserveCapacity(bytes.count + jobs.reduce(2) { $0 + $1.count + 1 })
        for (index, job) in jobs.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: job)
        }
        bytes.append(contentsOf: "]}".utf8)
        return bytes
    }

    /// The legacy global id GitHub shows for jobs: base64 of `012:Workflow Job<id>`.
    public static func nodeID(jobID: Int64) -> String {
        Data("012:Workflow Job\(jobID)".utf8).base64EncodedString()
    }

    func write(_ job: JobRecord, in repository: RepositoryRecord, to json: inout JSONWriter) {
        let (owner, name) = (repository.owner, repository.name)
        json.beginObject()
        json.key("id"); json.int(job.id)
        json.key("run_id"); json.int(job.runID)
        json.key("run_url"); json.string(job.runURL ?? urls.run(owner, name, run: job.runID))
        json.key("run_attempt"); json.int(job.runAttempt)
        json.key("node_id"); json.string(job.nodeID ?? Self.nodeID(jobID: job.id))
        json.key("head_sha"); json.string(job.headSHA)
        json.key("url"); json.string(job.url ?? urls.job(owner, name, job: job.id))
        json.key("html_url")
        switch job.htmlURL {
        case .derived: json.string(urls.jobPage(owner, name, run: job.runID, job: job.id))
        case .given(let value): json.string(value)
        }
        json.key("status"); json.string(job.status)
        json.key("conclusion"); json.string(job.conclusion)
        json.key("created_at"); json.string(job.createdAt)
        json.key("started_at"); json.string(job.startedAt)
        json.key("completed_at"); json.string(job.completedAt)
        json.key("name"); json.string(job.name)
        json.key("steps")
        json.beginArray()
        for step in job.steps {
            json.beginObject()
            json.key("name"); json.string(step.name)
            json.key("status"); json.string(step.status)
            json.key("conclusion"); json.string(step.conclusion)
            json.key("number"); json.int(step.number)
            json.key("started_at"); json.string(step.startedAt)
            json.key("completed_at"); json.string(step.completedAt)
            json.endObject()
        }
        json.endArray()
        json.key("check_run_url"); json.string(job.checkRunURL ?? urls.checkRun(owner, name, job: job.id))
        json.key("labels")
        json.beginArray()
        for label in job.labels { json.string(label) }
        json.endArray()
        json.key("runner_id"); json.int(job.runnerID)
        json.key("runner_name"); json.string(job.runnerName)
        json.key("runner_group_id"); json.int(job.runnerGroupID)
        json.key("runner_group_name"); json.string(job.runnerGroupName)
        json.key("workflow_name"); json.string(job.workflowName)
        json.key("head_branch"); json.string(job.headBranch)
        json.endObject()
    }
}
