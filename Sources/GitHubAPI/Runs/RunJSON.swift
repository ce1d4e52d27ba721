import Clock
import Hashing
import FoundationEssentials
import JSON
import Store

/// A workflow run as the 2026-03-10 schema describes it: what the run ran, its attempt's status
/// and times rolled up from the attempt's jobs, and URLs derived from the base URL.
public struct RunJSON: Sendable {
    let urls: ServerURLs

    /// What a run object is made of: the run, which attempt, and that attempt's roll-up.
    struct Run {
        var record: RunRecord
        var attempt: Int
        /// The attempt's status and times (the run's own for its newest attempt).
        var rollUp: RunRollUp
        var number: Int
        var repository: RepositoryRecord
    }

    func encode(_ run: Run) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 8192)
        write(run, to: &json)
        return json.bytes
    }

    /// `{"total_count": N, "workflow_runs": [...]}`.
    func encodeList(_ runs: [Run], total: Int) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 8192 * max(1, runs.count))
        json.beginObject()
        json.key("total_count"); json.int(total)
        json.key("workflow_runs")
        json.beginArray()
        for run in runs { write(run, to: &json) }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    func write(_ run: Run, to json: inout JSONWriter) {
        let repository = run.repository
        let (owner, name) = (repository.owner, repository.name)
        let attributes = run.record.attributes
        let runURL = urls.run(owner, name, run: run.record.id)
        let workflowName = attributes.workflowName
        let headSHA = attributes.headSHA
        let actor = attributes.actor ?? owner
        let title = attributes.displayTitle ?? workflowName
        let workflowID = run.record.workflowID ?? WorkflowRecord.derivedID(repositoryID: repository.id, name: workflowName)

        json.beginObject()
        json.key("id"); json.int(run.record.id)
        json.key("name"); json.string(workflowName)
        json.key("node_id"); json.string(Data("011:WorkflowRun\(run.record.id)".utf8).base64EncodedString())
        json.key("check_suite_id"); json.int(run.record.id)
        json.key("check_suite_node_id"); json.string(Data("010:CheckSuite\(run.record.id)".utf8).base64EncodedString())
        json.key("head_branch"); json.string(attributes.headBranch)
        json.key("head_sha"); json.string(headSHA)
        json.key("path"); json.string(attributes.workflowPath ?? WorkflowRecord.path(for: workflowName))
        json.key("run_number"); json.int(run.number)
        json.key("run_attempt"); json.int(run.attempt)
        json.key("referenced_workflows"); json.beginArray(); json.endArray()
        json.key("event"); json.string(attributes.event)
        json.key("status"); json.string(run.rollUp.status)
        json.key("conclusion"); json.string(run.rollUp.conclusion)
        json.key("workflow_id"); json.int(workflowID)
        json.key("url"); json.string(run.attempt == run.record.latestAttempt ? runURL : "\(runURL)/attempts/\(run.attempt)")
        json.key("html_url"); json.string("\(urls.root)/\(owner)/\(name)/actions/runs/\(run.record.id)")
        json.key("pull_requests"); json.beginArray(); json.endArray()
        json.key("created_at"); json.string(run.rollUp.createdAt)
        json.key("updated_at"); json.string(run.rollUp.updatedAt)
        json.key("actor"); writeUser(actor, to: &json)
        json.key("triggering_actor"); writeUser(attributes.triggeringActor ?? actor, to: &json)
        json.key("run_started_at"); json.string(run.rollUp.runStartedAt)
        json.key("jobs_url"); json.string("\(runURL)/jobs")
        json.key("logs_url"); json.string("\(runURL)/logs")
        json.key("check_suite_url"); json.string("\(urls.repository(owner, name))/check-suites/\(run.record.id)")
        json.key("artifacts_url"); json.string("\(runURL)/artifacts")
        json.key("cancel_url"); json.string("\(runURL)/cancel")
        json.key("rerun_url"); json.string("\(runURL)/rerun")
        json.key("previous_attempt_url"); json.string(run.attempt > 1 ? "\(runURL)/attempts/\(run.attempt - 1)" : nil)
        json.key("workflow_url"); json.string("\(urls.repository(owner, name))/actions/workflows/\(workflowID)")
        json.key("head_commit")
        json.beginObject()
        json.key("id"); json.string(headSHA)
        json.key("tree_id"); json.string(headSHA)
        json.key("message"); json.string(title)
        json.key("timestamp"); json.string(run.rollUp.createdAt)
        for role in ["author", "committer"] {
            json.key(role)
            json.beginObject()
            json.key("name"); json.string(actor)
            json.key("email"); json.string("\(actor)@users.noreply.github.com")
            json.endObject()
        }
        json.endObject()
        json.key("repository"); writeRepository(repository, to: &json)
        json.key("head_repository"); writeRepository(repository, to: &json)
        json.key("head_repository_id"); json.int(repository.id)
        json.key("display_title"); json.string(title)
        json.endObject()
    }

    /// The workflow object: id, name, path and state, with its URLs.
    func encodeWorkflow(_ workflow: WorkflowRecord, repository: RepositoryRecord) -> [UInt8] {
        var json = JSONWriter()
        write(workflow, repository: repository, to: &json)
        return json.bytes
    }

    /// `{"total_count": N, "workflows": [...]}`.
    func encodeWorkflows(_ workflows: [WorkflowRecord], total: Int, repository: RepositoryRecord) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("total_count"); json.int(total)
        json.key("workflows")
        json.beginArray()
        for workflow in workflows { write(workflow, repository: repository, to: &json) }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    func write(_ workflow: WorkflowRecord, repository: RepositoryRecord, to json: inout JSONWriter) {
        let (id, name, path) = (workflow.id, workflow.name, workflow.path)
        let web = "\(urls.root)/\(repository.fullName)"
        let created = Timestamp.format(Date(timeIntervalSince1970: workflow.firstCreated))
        let updated = Timestamp.format(Date(timeIntervalSince1970: workflow.lastCreated))
        json.beginObject()
        json.key("id"); json.int(id)
        json.key("node_id"); json.string(Data("08:Workflow\(id)".utf8).base64EncodedString())
        json.key("name"); json.string(name)
        json.key("path"); json.string(path)
        json.key("state"); json.string(workflow.state)
        json.key("created_at"); json.string(created)
        json.key("updated_at"); json.string(updated)
        json.key("url"); json.string("\(urls.repository(repository.owner, repository.name))/actions/workflows/\(id)")
        json.key("html_url"); json.string("\(web)/blob/main/\(path)")
        json.key("badge_url"); json.string("\(web)/workflows/\(name)/badge.svg")
        json.endObject()
    }

    /// A stable number for `text` in `from..<from+count` (user ids).
    static func stableNumber(_ text: String, from: Int64, count: UInt64) -> Int64 {
        StableNumber.of(text, from: from, count: count)
    }

    /// The id a login's user (or organization) object carries: stable, case-insensitive.
    static func userID(_ login: String) -> Int64 {
        stableNumber(login.lowercased(), from: 1_000_000, count: 9_000_000)
    }

    /// A simple user object; `type` is `Bot` for `[bot]` logins unless given.
    func writeUser(_ login: String, type: String? = nil, to json: inout JSONWriter) {
        let api = urls.api + "/users/\(login)"
        let userID = Self.userID(login)
        json.beginObject()
        json.key("login"); json.string(login)
        json.key("id"); json.int(userID)
        json.key("node_id"); json.string(Data("04:User\(userID)".utf8).base64EncodedString())
        json.key("avatar_url"); json.string("\(urls.root)/avatars/u/\(userID)")
        json.key("gravatar_id"); json.string("")
        json.key("url"); json.string(api)
        json.key("html_url"); json.string("\(urls.root)/\(login)")
        for (key, suffix) in [("followers_url", "/followers"), ("following_url", "/following{/other_user}"),
                              ("gists_url", "/gists{/gist_id}"), ("starred_url", "/starred{/owner}{/repo}"),
                              ("subscriptions_url", "/subscriptions"), ("organizations_url", "/orgs"),
                              ("repos_url", "/repos"), ("events_url", "/events{/privacy}"),
                              ("received_events_url", "/received_events")] {
            json.key(key); json.string(api + suffix)
        }
        json.key("type"); json.string(type ?? (login.hasSuffix("[bot]") ? "Bot" : "User"))
        json.key("site_admin"); json.bool(false)
        json.endObject()
    }

    /// The minimal repository object runs carry; `more` adds members before it closes.
    func writeRepository(_ repository: RepositoryRecord, to json: inout JSONWriter,
                         more: (inout JSONWriter) -> Void = { _ in }) {
        let api = urls.repository(repository.owner, repository.name)
        json.beginObject()
        json.key("id"); json.int(repository.id)
        json.key("node_id"); json.string(Data("010:Repository\(repository.id)".utf8).base64EncodedString())
        json.key("name"); json.string(repository.name)
        json.key("full_name"); json.string(repository.fullName)
        json.key("owner"); writeUser(repository.owner, to: &json)
        json.key("private"); json.bool(repository.visibility != .public)
        json.key("html_url"); json.string("\(urls.root)/\(repository.fullName)")
        json.key("description"); json.null()
        json.key("fork"); json.bool(false)
        json.key("url"); json.string(api)
        for (key, suffix) in Self.repositoryURLTemplates {
            json.key(key); json.string(api + suffix)
        }
        json.key("visibility"); json.string(repository.visibility.rawValue)
        more(&json)
        json.endObject()
    }

    private static let repositoryURLTemplates: [(String, String)] = [
        ("archive_url", "/{archive_format}{/ref}"), ("assignees_url", "/assignees{/user}"),
        ("blobs_url", "/git/blobs{/sha}"), ("branches_url", "/branches{/branch}"),
        ("collaborators_url", "/collaborators{/collaborator}"), ("comments_url", "/comments{/number}"),
        ("commits_url", "/commits{/sha}"), ("compare_url", "/compare/{base}...{head}"),
        ("contents_url", "/contents/{+path}"), ("contributors_url", "/contributors"),
        ("deployments_url", "/deployments"), ("downloads_url", "/downloads"), ("events_url", "/events"),
        ("forks_url", "/forks"), ("git_commits_url", "/git/commits{/sha}"), ("git_refs_url", "/git/refs{/sha}"),
        ("git_tags_url", "/git/tags{/sha}"), ("issue_comment_url", "/issues/comments{/number}"),
        ("issue_events_url", "/issues/events{/number}"), ("issues_url", "/issues{/number}"),
        ("keys_url", "/keys{/key_id}"), ("labels_url", "/labels{/name}"), ("languages_url", "/languages"),
        ("merges_url", "/merges"), ("milestones_url", "/milestones{/number}"),
        ("notifications_url", "/notifications{?since,all,participating}"), ("pulls_url", "/pulls{/number}"),
        ("releases_url", "/releases{/id}"), ("stargazers_url", "/stargazers"), ("statuses_url", "/statuses/{sha}"),
        ("subscribers_url", "/subscribers"), ("subscription_url", "/subscription"), ("tags_url", "/tags"),
        ("teams_url", "/teams"), ("trees_url", "/git/trees{/sha}"), ("hooks_url", "/hooks"),
    ]
}
