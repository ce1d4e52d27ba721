import Clock
import FoundationEssentials
import HTTPServer
import Scheduling
import Store

/// The writes on a run: re-run it (whole, its failed jobs, one job), cancel it, delete it or
/// its logs, with GitHub's refusals (actions-write.md). A refused write changes nothing: each
/// runs in one transaction that a refusal rolls back.
struct RunWriteEndpoints: Sendable {
    /// GitHub refuses a re-run past this many attempts.
    static let maximumAttempts = 50
    /// ... and of a run created longer ago than this, on the emulator clock.
    static let retryWindow: TimeInterval = 30 * 24 * 3600

    func register(in router: inout EndpointTable) {
        router.add("POST", "/repos/:owner/:repo/actions/runs/:run_id/rerun",
                   Endpoint(operationID: "actions/re-run-workflow", documentationURL: Docs.rerunRun) { context throws(APIError) in
                       try rerun(context, .all)
                   })
        router.add("POST", "/repos/:owner/:repo/actions/runs/:run_id/rerun-failed-jobs",
                   Endpoint(operationID: "actions/re-run-workflow-failed-jobs", documentationURL: Docs.rerunFailedJobs) { context throws(APIError) in
                       try rerun(context, .failed)
                   })
        router.add("POST", "/repos/:owner/:repo/actions/jobs/:job_id/rerun",
                   Endpoint(operationID: "actions/re-run-job-for-workflow-run", documentationURL: Docs.rerunJob, handle: rerunJob))
        router.add("POST", "/repos/:owner/:repo/actions/runs/:run_id/cancel",
                   Endpoint(operationID: "actions/cancel-workflow-run", documentationURL: Docs.cancelRun, handle: cancel))
        router.add("POST", "/repos/:owner/:repo/actions/runs/:run_id/force-cancel",
                   Endpoint(operationID: "actions/force-cancel-workflow-run", documentationURL: Docs.forceCancelRun, handle: cancel))
        router.add("DELETE", "/repos/:owner/:repo/actions/runs/:run_id",
                   Endpoint(operationID: "actions/delete-workflow-run", documentationURL: Docs.deleteRun, handle: deleteRun))
        router.add("DELETE", "/repos/:owner/:repo/actions/runs/:run_id/logs",
                   Endpoint(operationID: "actions/delete-workflow-run-logs", documentationURL: Docs.deleteRunLogs,
                            handle: deleteLogs))
    }

    // MARK: re-runs

    /// `POST .../runs/{run_id}/rerun` and `.../rerun-failed-jobs`: 201 `{}`.
    private func rerun(_ context: APIContext, _ selection: Rerun.Selection) throws(APIError) -> HTTPResponse {
        let repository = try Access.writableRepository(context)
        try Self.checkRerunBody(context)
        try context.write { writer in
            let run = try context.run(in: repository, writer.reader)
            try Self.checkRetry(run, repository: repository, context, writer.reader,
                                running: "This workflow is already running",
                                tooOld: "Unable to retry this workflow run because it was created over a month ago")
            if selection == .failed {
                let jobs = try writer.reader.jobs(runID: run.id, attempt: run.latestAttempt, limit: Int.max, offset: 0).jobs
                guard jobs.contains(where: { Rerun.failedConclusions.contains($0.conclusion ?? "") }) else {
                    throw Self.forbidden("This workflow run cannot be retried", context)
                }
            }
            _ = try Rerun.start(runID: run.id, selection: selection, actor: context.caller.login, at: context.now, with: writer)
        }
        return Self.emptyObject(status: 201)
    }

    /// `POST .../jobs/{job_id}/rerun`: re-runs one job of the run's newest attempt.
    private func rerunJob(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let repository = try Access.writableRepository(context)
        try Self.checkRerunBody(context)
        try context.write { writer in
            guard let jobID = context.parameters.id("job_id"), let job = try writer.reader.job(id: jobID),
                  job.repositoryID == repository.id, let run = try writer.reader.run(id: job.runID)
            else { throw APIError.notFound(context.documentationURL) }
            guard job.runAttempt == run.latestAttempt else {
                throw Self.forbidden("Only jobs from the current attempt can be re-run", context)
            }
            try Self.checkRetry(run, repository: repository, context, writer.reader,
                                running: "The workflow run containing this job is already running",
                                tooOld: "Unable to re-run this job because the workflow run was created over a month ago")
            _ = try Rerun.start(runID: run.id, selection: .job(job.id), actor: context.caller.login, at: context.now, with: writer)
        }
        return Self.emptyObject(status: 201)
    }

    /// A re-run's body: none, `{}`, `null`, or `{"enable_debug_logging": bool}`.
    private static func checkRerunBody(_ context: APIContext) throws(APIError) {
        let body = try RequestBody(context, nullable: true)
        try body.permit(["enable_debug_logging"])
        _ = try body.bool("enable_debug_logging")
    }

    /// The refusals every re-run shares, in this order: still running, created over 30 days
    /// ago, its workflow disabled, 50 attempts made.
    private static func checkRetry(_ run: RunRecord, repository: RepositoryRecord, _ context: APIContext, _ reader: StoreReader,
                                   running: String, tooOld: String) throws {
        guard run.rollUp.status == "completed" else { throw forbidden(running, context) }
        if let created = Timestamp.parse(run.rollUp.createdAt), context.now.timeIntervalSince(created) > retryWindow {
            throw forbidden(tooOld, context)
        }
        if let workflowID = run.workflowID,
           let workflow = try reader.workflows(repositoryID: repository.id).first(where: { $0.id == workflowID }),
           workflow.state != "active" {
            throw forbidden("Unable to retry disabled workflow", context)
        }
        guard run.latestAttempt < maximumAttempts else { throw forbidden("This workflow run cannot be retried", context) }
    }

    // MARK: cancel, delete

    /// `POST .../cancel` and `.../force-cancel`: 202 `{}`; 409 for a completed run.
    private func cancel(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let repository = try Access.writableRepository(context)
        try context.write { writer in
            let run = try context.run(in: repository, writer.reader)
            guard run.rollUp.status != "completed" else {
                throw APIError(status: 409, message: "Cannot cancel a workflow run that is completed.",
                               documentationURL: context.documentationURL)
            }
            try Cancellation.cancel(runID: run.id, at: context.now, with: writer)
        }
        return Self.emptyObject(status: 202)
    }

    /// `DELETE .../runs/{run_id}`: 204; the run is then gone from every route, list and count.
    private func deleteRun(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let repository = try Access.writableRepository(context)
        try context.write { writer in
            let run = try context.run(in: repository, writer.reader)
            guard run.rollUp.status == "completed" else { throw Self.forbidden("Could not delete the workflow run", context) }
            try writer.deleteRun(id: run.id)
        }
        return HTTPResponse(status: 204)
    }

    /// `DELETE .../runs/{run_id}/logs`: 204; its job and run log routes then answer 404.
    private func deleteLogs(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let repository = try Access.writableRepository(context)
        try context.write { writer in
            let run = try context.run(in: repository, writer.reader)
            guard run.rollUp.status == "completed" else {
                throw Self.forbidden("Unable to delete logs while the workflow is running", context)
            }
            try writer.deleteLogs(runID: run.id)
        }
        return HTTPResponse(status: 204)
    }

    private static func forbidden(_ message: String, _ context: APIContext) -> APIError {
        APIError(status: 403, message: message, documentationURL: context.documentationURL)
    }

    private static func emptyObject(status: Int) -> HTTPResponse {
        .json(Array("{}".utf8), status: status)
    }
}
