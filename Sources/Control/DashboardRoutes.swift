import Dashboard
import FoundationEssentials
import GitHubAPI
import HTTPServer
import JSON
import Scheduling
import Seed
import Store

/// What the dashboard reads beyond the GitHub API: its own files, the repositories, a job's
/// log as text, and run templates. The dashboard reads runs and jobs through
/// `/_emulator/api/...`: the GitHub API's own endpoints, as a caller who may read every
/// repository, left out of the journal and the metrics.
extension ControlAPI {
    /// `GET /_emulator/`: the dashboard for a browser, the list of control routes otherwise.
    func index(_ request: ControlRequest) -> HTTPResponse {
        if request.http.headers["Accept"]?.contains("text/html") == true {
            return Self.serve(DashboardAssets.page)
        }
        var json = JSONWriter()
        json.beginObject()
        json.key("dashboard"); json.string("GET \(Self.prefix)/ with Accept: text/html (open it in a browser)")
        json.key("documentation"); json.string(ControlError.documentation)
        json.endObject()
        return .json(json.bytes)
    }

    func dashboardFile(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        guard let name = request.parameters["file"], let asset = DashboardAssets.asset(named: name) else {
            throw ControlError.notFound("no dashboard file \(request.http.path)")
        }
        return Self.serve(asset)
    }

    private static func serve(_ asset: DashboardAssets.Asset) -> HTTPResponse {
        HTTPResponse(status: 200, headers: HTTPHeaders([
            ("Content-Type", asset.contentType), ("Content-Security-Policy", DashboardAssets.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "deny"), ("Referrer-Policy", "no-referrer"),
        ]), body: asset.bytes)
    }

    /// `GET /_emulator/repositories`: every repository with its visibility and run count.
    func repositories(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        let rows = try ControlError.answer("reading repositories") { try api.store.read { try $0.repositories() } }
        var json = JSONWriter()
        json.beginObject()
        json.key("repositories")
        json.beginArray()
        for (repository, runs) in rows {
            json.beginObject()
            json.key("id"); json.int(repository.id)
            json.key("owner"); json.string(repository.owner)
            json.key("name"); json.string(repository.name)
            json.key("visibility"); json.string(repository.visibility.rawValue)
            json.key("runs"); json.int(runs)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return .json(json.bytes)
    }

    /// `GET /_emulator/jobs/{id}/log`: the log `/logs` would redirect to, as plain text.
    func jobLog(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        guard let jobID = request.parameters.id("job_id") else { throw ControlError.notFound("no such job") }
        let text = try ControlError.answer("reading the log") { try api.log(ofJob: jobID) }
        guard let text else { throw ControlError.notFound("job \(jobID) has no log yet (or does not exist)") }
        return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                            body: Array(text.utf8))
    }

    /// `GET /_emulator/templates`: runs the dashboard offers to start: the start-up seed's own
    /// scheduled runs (without their run ids, so each start is a new run).
    func templates(_ request: ControlRequest) -> HTTPResponse {
        var json = JSONWriter()
        json.beginObject()
        json.key("templates")
        json.beginArray()
        for document in settings.startupSeed {
            for entry in document.runs {
                var run = entry.run
                run.runID = nil
                json.beginObject()
                json.key("title")
                json.string("\(run.attributes.displayTitle ?? run.attributes.workflowName) (\(Self.fileName(document.name)))")
                json.key("run"); ScheduledRunJSON.write(run, to: &json)
                json.endObject()
            }
        }
        json.endArray()
        json.endObject()
        return .json(json.bytes)
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// `/_emulator/api/...`: the GitHub API as an App installation granted every repository,
    /// reading and writing (the dashboard's Cancel and Re-run failed jobs use GitHub's routes,
    /// as clients do). Whoever may use the control API may use this.
    func forwardToAPI(_ request: HTTPRequest, path: String) throws(APIError) -> HTTPResponse {
        var headers = request.headers
        headers.remove("Authorization")
        let target = "/api/v3" + path + (request.rawQuery.map { "?" + $0 } ?? "")
        return api.respondAsAdministrator(to: HTTPRequest(method: request.method, target: target, headers: headers,
                                                          body: request.body, remoteAddress: request.remoteAddress,
                                                          isSecure: request.isSecure))
    }
}

/// A scheduled run as the JSON `POST /_emulator/runs` takes.
enum ScheduledRunJSON {
    static func write(_ run: ScheduledRun, to json: inout JSONWriter) {
        let attributes = run.attributes
        json.beginObject()
        json.key("repository"); json.string(run.repository)
        json.key("workflow_name"); json.string(attributes.workflowName)
        if let path = attributes.workflowPath { json.key("path"); json.string(path) }
        json.key("head_branch"); json.string(attributes.headBranch)
        json.key("event"); json.string(attributes.event)
        if let actor = attributes.actor { json.key("actor"); json.string(actor) }
        if let title = attributes.displayTitle { json.key("display_title"); json.string(title) }
        json.key("jobs")
        json.beginArray()
        for job in run.jobs {
            json.beginObject()
            json.key("name"); json.string(job.name)
            json.key("queued_seconds"); json.number(verbatim: NumberText.fixed(job.queuedSeconds, digits: 3))
            json.key("labels"); json.beginArray(); for label in job.labels { json.string(label) }; json.endArray()
            if let runner = job.runnerName { json.key("runner_name"); json.string(runner) }
            if let group = job.runnerGroupName { json.key("runner_group_name"); json.string(group) }
            json.key("steps")
            json.beginArray()
            for step in job.steps {
                json.beginObject()
                json.key("name"); json.string(step.name)
                json.key("seconds"); json.number(verbatim: NumberText.fixed(step.seconds, digits: 3))
                json.key("conclusion")
                if step.conclusions.count == 1 {
                    json.string(step.conclusions[0])
                } else {
                    json.beginArray(); for conclusion in step.conclusions { json.string(conclusion) }; json.endArray()
                }
                if let log = step.log { json.key("log"); json.string(log) }
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
