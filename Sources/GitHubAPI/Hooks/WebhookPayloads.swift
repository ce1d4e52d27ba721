import Clock
import FoundationEssentials
import JSON
import Store

/// The bodies webhooks carry (webhooks.md), built by the serializers the REST API answers
/// with: `workflow_job` and `workflow_run` with the repository, sender, organization and, for
/// an app's webhook, its installation; and `ping`.
public struct WebhookPayloads: Sendable {
    let urls: ServerURLs
    let jobJSON: JobJSON
    let runJSON: RunJSON
    let appJSON: AppJSON

    public init(urls: ServerURLs) {
        self.urls = urls
        jobJSON = JobJSON(urls: urls)
        runJSON = RunJSON(urls: urls)
        appJSON = AppJSON(urls: urls)
    }

    /// The id an organization's objects (and `X-GitHub-Hook-Installation-Target-ID`) carry.
    public static func organizationID(_ login: String) -> Int64 { RunJSON.userID(login) }

    /// Statuses a payload may show: githubkit's models take no others.
    static func payloadStatus(_ status: String) -> String {
        ["queued", "in_progress", "completed", "waiting"].contains(status) ? status : "queued"
    }

    /// What a move's payloads share, read once per move.
    struct Context {
        var repository: RepositoryRecord
        var run: RunRecord
        var workflow: WorkflowRecord?
        var runNumber: Int
        /// `repository`, `sender` and `organization`, the same in every payload of the run:
        /// rendered once, since a write that moves 1 000 jobs would otherwise render them 2 000 times.
        let shared: String
    }

    /// A run's context, with the members its payloads share rendered.
    func context(repository: RepositoryRecord, run: RunRecord, isOrganization: Bool, workflow: WorkflowRecord?,
                 runNumber: Int) -> Context {
        var json = JSONWriter(reservingCapacity: 8192)
        json.beginObject()
        json.key("repository"); appJSON.writeFullRepository(repository, to: &json)
        json.key("sender"); runJSON.writeUser(run.attributes.actor ?? repository.owner, to: &json)
        if isOrganization {
            json.key("organization"); writeOrganization(repository.owner, to: &json)
        }
        json.endObject()
        // The members without their braces, to go inside each payload's object.
        let members = String(decoding: json.bytes.dropFirst().dropLast(), as: UTF8.self)
        return Context(repository: repository, run: run, workflow: workflow, runNumber: runNumber, shared: members)
    }

    /// The `workflow_job` payload of a job as it was when it moved.
    func workflowJob(_ job: JobRecord, action: String, _ context: Context, installationID: Int64?) -> [UInt8] {
        var job = job
        job.status = Self.payloadStatus(job.status)
        if action == "queued" {
            // Queued: no runner, no steps yet.
            job.steps = []
            (job.runnerID, job.runnerName, job.runnerGroupID, job.runnerGroupName) = (nil, nil, nil, nil)
        }
        var json = JSONWriter(reservingCapacity: 8192)
        json.beginObject()
        json.key("action"); json.string(action)
        json.key("workflow_job"); jobJSON.write(job, in: context.repository, to: &json)
        writeCommon(context, installationID: installationID, to: &json)
        json.endObject()
        return json.bytes
    }

    /// The `workflow_run` payload of a run (attempt) as it was when it moved.
    func workflowRun(_ run: RunRecord, action: String, _ context: Context, installationID: Int64?) -> [UInt8] {
        var run = run
        run.rollUp.status = Self.payloadStatus(run.rollUp.status)
        var json = JSONWriter(reservingCapacity: 16384)
        json.beginObject()
        json.key("action"); json.string(action)
        json.key("workflow_run")
        runJSON.write(RunJSON.Run(record: run, attempt: run.latestAttempt, rollUp: run.rollUp, number: context.runNumber,
                                  repository: context.repository), to: &json)
        json.key("workflow")
        if let workflow = context.workflow { runJSON.write(workflow, repository: context.repository, to: &json) } else { json.null() }
        writeCommon(context, installationID: installationID, to: &json)
        json.endObject()
        return json.bytes
    }

    /// `repository`, `sender`, `organization` (organization-owned only), `installation` (apps only).
    private func writeCommon(_ context: Context, installationID: Int64?, to json: inout JSONWriter) {
        json.members(verbatim: context.shared)
        if let installationID {
            json.key("installation")
            json.beginObject()
            json.key("id"); json.int(installationID)
            json.key("node_id"); json.string(Data("023:Installation\(installationID)".utf8).base64EncodedString())
            json.endObject()
        }
    }

    /// The organization object webhook payloads carry.
    func writeOrganization(_ login: String, to json: inout JSONWriter) {
        let id = RunJSON.userID(login)
        let api = "\(urls.api)/orgs/\(login)"
        json.beginObject()
        json.key("login"); json.string(login)
        json.key("id"); json.int(id)
        json.key("node_id"); json.string(Data("012:Organization\(id)".utf8).base64EncodedString())
        json.key("url"); json.string(api)
        for (key, suffix) in [("repos_url", "/repos"), ("events_url", "/events"), ("hooks_url", "/hooks"),
                              ("issues_url", "/issues"), ("members_url", "/members{/member}"),
                              ("public_members_url", "/public_members{/member}")] {
            json.key(key); json.string(api + suffix)
        }
        json.key("avatar_url"); json.string("\(urls.root)/avatars/u/\(id)")
        json.key("description"); json.null()
        json.endObject()
    }

    /// `ping`: a zen line, the hook's id and the hook object.
    func ping(_ hook: HookRecord, hookJSON: HookJSON, repository: RepositoryRecord?) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 4096)
        json.beginObject()
        json.key("zen"); json.string(Self.zen[Int(hook.id) % Self.zen.count])
        json.key("hook_id"); json.int(hook.id)
        json.key("hook"); hookJSON.write(hook, repository: repository, to: &json)
        if let repository { json.key("repository"); appJSON.writeFullRepository(repository, to: &json) }
        if case .organization(let login) = hook.owner { json.key("organization"); writeOrganization(login, to: &json) }
        json.endObject()
        return json.bytes
    }

    /// GitHub's zen sayings, as `ping` and `/zen` answer them.
    static let zen = [
        "Responsive is better than fast.", "Keep it logically awesome.", "Design for failure.",
        "Half measures are as bad as nothing at all.", "Practicality beats purity.", "Approachable is better than simple.",
        "Mind your words, they are important.", "Speak like a human.", "Favor focus over features.",
        "Avoid administrative distraction.", "Anything added dilutes everything else.", "Non-blocking is better than blocking.",
        "Encourage flow.", "It's not fully shipped until it's fast.",
    ]
}
