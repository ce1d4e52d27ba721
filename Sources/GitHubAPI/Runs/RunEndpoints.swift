import HTTPServer
import Store

/// The workflow-run operations clients fetch beside jobs (`gh run view`, Octokit, PyGithub).
struct RunEndpoints: Sendable {
    let runJSON: RunJSON

    func register(in router: inout Router<Endpoint>) {
        router.add("/repos/:owner/:repo/actions/runs/:run_id",
                   Endpoint(operationID: "actions/get-workflow-run", documentationURL: Docs.getRun, handle: getRun))
        router.add("/repos/:owner/:repo/actions/runs/:run_id/attempts/:attempt_number",
                   Endpoint(operationID: "actions/get-workflow-run-attempt", documentationURL: Docs.getRunAttempt,
                            handle: getRunAttempt))
        router.add("/repos/:owner/:repo/actions/runs/:run_id/artifacts",
                   Endpoint(operationID: "actions/list-workflow-run-artifacts", documentationURL: Docs.listRunArtifacts,
                            handle: listArtifacts))
        router.add("/repos/:owner/:repo/actions/workflows/:workflow_id",
                   Endpoint(operationID: "actions/get-workflow", documentationURL: Docs.getWorkflow, handle: getWorkflow))
    }

    /// `GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts`: seeds hold no artifacts, so an
    /// existing run has none (`gh run view` lists them).
    func listArtifacts(_ context: APIContext) throws(APIError) -> HTTPResponse {
        guard let runID = context.parameters.id("run_id") else { throw APIError.notFound(context.documentationURL) }
        let repository = try Access.repository(context)
        try context.read { reader in
            guard let run = try reader.run(id: runID), run.repositoryID == repository.id else {
                throw APIError.notFound(context.documentationURL)
            }
        }
        return .json(Array(#"{"total_count":0,"artifacts":[]}"#.utf8))
    }

    /// `GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}`: the workflows the seeded jobs
    /// name, under the ids their runs report (`gh run view` looks the run's workflow up).
    func getWorkflow(_ context: APIContext) throws(APIError) -> HTTPResponse {
        guard let workflowID = context.parameters.id("workflow_id") else { throw APIError.notFound(context.documentationURL) }
        let repository = try Access.repository(context)
        let workflow = try context.read { reader in
            guard let workflow = try reader.workflows(repositoryID: repository.id).first(where: {
                RunJSON.workflowID(repositoryID: repository.id, name: $0.name) == workflowID
            }) else { throw APIError.notFound(context.documentationURL) }
            return workflow
        }
        return .json(runJSON.encodeWorkflow(id: workflowID, name: workflow.name, repository: repository,
                                            created: workflow.firstCreated, updated: workflow.lastCreated))
    }

    /// `GET /repos/{owner}/{repo}/actions/runs/{run_id}`: the run as of its newest attempt.
    func getRun(_ context: APIContext) throws(APIError) -> HTTPResponse {
        try respond(context, attempt: nil)
    }

    /// `GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}`
    func getRunAttempt(_ context: APIContext) throws(APIError) -> HTTPResponse {
        guard let attempt = context.parameters.id("attempt_number").flatMap({ Int(exactly: $0) }) else {
            throw APIError.notFound(context.documentationURL)
        }
        return try respond(context, attempt: attempt)
    }

    private func respond(_ context: APIContext, attempt requested: Int?) throws(APIError) -> HTTPResponse {
        guard let runID = context.parameters.id("run_id") else { throw APIError.notFound(context.documentationURL) }
        let repository = try Access.repository(context)
        let run = try context.read { reader -> RunJSON.Run in
            guard let run = try reader.run(id: runID), run.repositoryID == repository.id else {
                throw APIError.notFound(context.documentationURL)
            }
            let attempt = requested ?? run.latestAttempt
            guard try reader.attemptExists(runID: runID, attempt: attempt) else {
                throw APIError.notFound(context.documentationURL)
            }
            return RunJSON.Run(
                record: run, attempt: attempt, number: try reader.runNumber(run), repository: repository,
                jobs: try reader.jobs(runID: runID, attempt: attempt, limit: Int.max, offset: 0).jobs,
                firstAttemptJobs: try reader.jobs(runID: runID, attempt: 1, limit: Int.max, offset: 0).jobs
            )
        }
        return .json(runJSON.encode(run))
    }
}
