import Clock
import FoundationEssentials
import GitHubAPI
import HTTPServer
import JSON
import Scheduling
import Seed
import Store

/// The control routes that move the world: scheduled runs, re-runs and moving a job by hand.
extension ControlAPI {
    /// `POST /_emulator/runs`: starts a scheduled run now (behaviour.md, "A world that moves");
    /// 201 with its run id, attempt and job ids. A bad body is a 422 naming the JSON path, and
    /// creates nothing.
    func startRun(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        let run: ScheduledRun
        do {
            run = try RunSeed.parse(request.http.body, source: "request body")
        } catch {
            throw Self.refusal(error)
        }
        let now = api.clock.now
        let started = try ControlError.answer("starting the run") {
            try api.store.write { writer -> StartedRun in
                let parts = run.repository.split(separator: "/")
                guard let repository = try writer.reader.repository(owner: String(parts[0]), name: String(parts[1])) else {
                    throw ControlError.invalid("$.repository", "unknown repository \(run.repository)")
                }
                do {
                    return try Scheduling.start(run, in: repository, at: now, with: writer)
                } catch let refusal as Scheduling.Refusal {
                    throw ControlError.invalid("$.\(refusal.field)", refusal.reason)
                }
            }
        }
        return .json(Self.encode(started), status: 201)
    }

    /// `{"status": "in_progress"}` or `{"status": "completed", "conclusion": "success"}`. A job
    /// moved by hand leaves its schedule, if it had one.
    func patchJob(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        guard let jobID = request.parameters.id("job_id") else { throw ControlError.notFound("no such job") }
        let body = try request.object()
        guard case .string(let status)? = body["status"] else { throw ControlError.invalid("status", "required") }
        let conclusion: String?
        switch body["conclusion"] {
        case nil, .null?: conclusion = nil
        case .string(let text)?:
            guard Self.conclusions.contains(text) else {
                throw ControlError.invalid("conclusion", "expected one of \(Self.conclusions.joined(separator: ", "))")
            }
            conclusion = text
        default: throw ControlError.invalid("conclusion", "expected a string")
        }
        let now = Timestamp.format(api.clock.now)
        let (job, repository) = try ControlError.answer("update") {
            try api.store.write { writer -> (JobRecord, RepositoryRecord) in
                guard let job = try writer.reader.job(id: jobID),
                      let repository = try writer.reader.repository(id: job.repositoryID)
                else { throw ControlError.notFound("no job \(jobID)") }
                var moved: JobRecord
                do {
                    moved = try JobLifecycle.move(job, to: status, conclusion: conclusion, now: now)
                } catch let refusal as JobLifecycle.Refusal {
                    throw ControlError.invalid("status", refusal.reason)
                }
                moved.isScheduled = false
                try writer.upsert(moved)
                return (moved, repository)
            }
        }
        return .json(api.jobJSON.encode(job, in: repository))
    }

    /// Creates attempt N+1 of a run, whatever its state: scheduled jobs are scheduled again
    /// from now (replaying their plan), the others copied queued for the test to move by hand.
    func rerun(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        guard let runID = request.parameters.id("run_id") else { throw ControlError.notFound("no such run") }
        let now = api.clock.now
        let created = try ControlError.answer("re-run") {
            try api.store.write { writer in
                try Rerun.start(runID: runID, selection: .all, actor: nil, unplanned: .waitForHand, at: now, with: writer)
            }
        }
        guard let created else { throw ControlError.notFound("no run \(runID)") }
        return .json(Self.encode(created), status: 201)
    }

    /// A seed error as the control API answers it: 400 when the body is not JSON, else 422
    /// naming the JSON path.
    static func refusal(_ error: SeedError) -> APIError {
        if error.reason.hasPrefix("not valid JSON") { return ControlError.badRequest("Problems parsing JSON: \(error.reason)") }
        var failure = ControlError.invalid(error.path, error.reason)
        failure.message = "Validation Failed: \(error.description)"
        return failure
    }

    private static func encode(_ started: StartedRun) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("run_id"); json.int(started.runID)
        json.key("run_attempt"); json.int(started.attempt)
        json.key("job_ids")
        json.beginArray()
        for id in started.jobIDs { json.int(id) }
        json.endArray()
        json.key("github_tokens")
        writeTokens(started.githubTokens.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, to: &json)
        json.endObject()
        return json.bytes
    }

    /// `GET /_emulator/runs/{run_id}/tokens`: each job's GITHUB_TOKEN, every attempt's, by job
    /// id, whether or not it still works (a test checks that one no longer does).
    func runTokens(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        guard let runID = request.parameters.id("run_id") else { throw ControlError.notFound("no such run") }
        let tokens = try ControlError.answer("read") {
            try api.store.read { reader -> [(jobID: Int64, token: String)]? in
                guard try reader.run(id: runID) != nil else { return nil }
                return try reader.githubTokens(runID: runID)
            }
        }
        guard let tokens else { throw ControlError.notFound("no run \(runID)") }
        var json = JSONWriter()
        json.beginObject()
        json.key("run_id"); json.int(runID)
        json.key("github_tokens")
        Self.writeTokens(tokens, to: &json)
        json.endObject()
        return .json(json.bytes)
    }

    private static func writeTokens(_ tokens: [(jobID: Int64, token: String)], to json: inout JSONWriter) {
        json.beginObject()
        for (jobID, token) in tokens {
            json.key(String(jobID)); json.string(token)
        }
        json.endObject()
    }
}

extension ControlAPI {
    /// `POST /_emulator/apps`: 201 `{"id", "client_id", "slug", "private_key"}`: the app and its
    /// installations stored, with a key pair made for it whose private half is shown this once.
    func createApp(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        // The key is made before the write: a second or so of RSA must not hold the store's writer.
        let nextID = try ControlError.answer("read") { try api.store.read { try $0.nextAppID() } }
        let created: AppCreation
        do {
            created = try AppCreation.parse(request.http.body, source: "request body", nextID: nextID)
        } catch {
            throw Self.refusal(error)
        }
        try ControlError.answer("create the app") {
            try api.store.write { writer in
                let reader = writer.reader
                if try reader.app(id: created.app.id) != nil {
                    throw ControlError.invalid("$.id", "app \(created.app.id) already exists")
                }
                if try reader.app(clientID: created.app.clientID) != nil {
                    throw ControlError.invalid("$.client_id", "another app has client ID \(created.app.clientID)")
                }
                for (index, installation) in created.installations.enumerated() where try reader.installation(id: installation.id) != nil {
                    throw ControlError.invalid("$.installations[\(index)].id", "installation \(installation.id) already exists")
                }
                try writer.upsert(created.app)
                for installation in created.installations { try writer.upsert(installation) }
            }
        }
        var json = JSONWriter()
        json.beginObject()
        json.key("id"); json.int(created.app.id)
        json.key("client_id"); json.string(created.app.clientID)
        json.key("slug"); json.string(created.app.slug)
        json.key("installation_ids")
        json.beginArray()
        for installation in created.installations { json.int(installation.id) }
        json.endArray()
        json.key("private_key"); json.string(created.privateKey)
        json.endObject()
        return .json(json.bytes, status: 201)
    }
}
