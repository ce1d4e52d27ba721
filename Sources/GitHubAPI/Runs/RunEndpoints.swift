import Clock
import FoundationEssentials
import HTTPServer
import Store

/// The workflow-run operations clients use beside jobs: runs and their attempts, run lists
/// (`gh run list`, pollers that find a run), a workflow's runs, artifacts and check-run annotations.
struct RunEndpoints: Sendable {
    let runJSON: RunJSON

    func register(in router: inout EndpointTable) {
        router.add("/repos/:owner/:repo/actions/runs",
                   Endpoint(operationID: "actions/list-workflow-runs-for-repo", documentationURL: Docs.listRuns, handle: listRuns))
        router.add("/repos/:owner/:repo/actions/runs/:run_id",
                   Endpoint(operationID: "actions/get-workflow-run", documentationURL: Docs.getRun, handle: getRun))
        router.add("/repos/:owner/:repo/actions/runs/:run_id/attempts/:attempt_number",
                   Endpoint(operationID: "actions/get-workflow-run-attempt", documentationURL: Docs.getRunAttempt,
                            handle: getRunAttempt))
        router.add("/repos/:owner/:repo/actions/runs/:run_id/artifacts",
                   Endpoint(operationID: "actions/list-workflow-run-artifacts", documentationURL: Docs.listRunArtifacts,
                            handle: listArtifacts))
        router.add("/repos/:owner/:repo/actions/workflows/:workflow_id/runs",
                   Endpoint(operationID: "actions/list-workflow-runs", documentationURL: Docs.listWorkflowRuns,
                            handle: listWorkflowRuns))
        router.add("/repos/:owner/:repo/check-runs/:check_run_id/annotations",
                   Endpoint(operationID: "checks/list-annotations", documentationURL: Docs.listAnnotations,
                            handle: listAnnotations))
    }

    // MARK: runs

    /// `GET /repos/{owner}/{repo}/actions/runs/{run_id}`: the run as of its newest attempt.
    func getRun(_ context: APIContext) throws(APIError) -> HTTPResponse {
        try respond(context, attempt: nil)
    }

    /// `GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}`
    func getRunAttempt(_ context: APIContext) throws(APIError) -> HTTPResponse {
        try respond(context, attempt: context.attemptNumber())
    }

    private func respond(_ context: APIContext, attempt requested: Int?) throws(APIError) -> HTTPResponse {
        let repository = try Access.repository(context)
        let run = try context.read { reader -> RunJSON.Run in
            let record = try context.run(in: repository, reader)
            let attempt = requested ?? record.latestAttempt
            guard try reader.attemptExists(runID: record.id, attempt: attempt) else {
                throw APIError.notFound(context.documentationURL)
            }
            var rollUp = record.rollUp
            if attempt != record.latestAttempt {
                // An older attempt rolls up from its own jobs; the run was created when it was.
                rollUp = try reader.rollUp(runID: record.id, attempt: attempt, created: Timestamp.parse(record.rollUp.createdAt))
            }
            return RunJSON.Run(record: record, attempt: attempt, rollUp: rollUp, number: try reader.runNumber(record),
                               repository: repository)
        }
        return .json(runJSON.encode(run))
    }

    /// `GET /repos/{owner}/{repo}/actions/runs`: newest first, filtered, paginated.
    func listRuns(_ context: APIContext) throws(APIError) -> HTTPResponse {
        try list(context, in: try Access.repository(context), workflowName: nil)
    }

    /// `GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs`
    func listWorkflowRuns(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let repository = try Access.repository(context)
        let workflow = try context.read { try WorkflowEndpoints.workflow(context, in: repository, $0) }
        return try list(context, in: repository, workflowName: workflow.name)
    }

    private func list(_ context: APIContext, in repository: RepositoryRecord,
                      workflowName: String?) throws(APIError) -> HTTPResponse {
        let query = context.request.query
        let page = Page(query: query)
        var selection = RunListQuery(query)
        selection.filter.workflowName = workflowName
        let (total, runs) = selection.matchesNothing ? (0, []) : try context.read { reader -> (Int, [RunJSON.Run]) in
            if let runID = selection.runID {
                // One run at most: the one whose check suite was asked for, if it passes the filter.
                let (all, candidates) = try reader.runs(repositoryID: repository.id, filter: selection.filter,
                                                        limit: Int.max, offset: 0)
                let matching = all == 0 ? [] : candidates.filter { $0.id == runID }
                return (matching.count, try Self.encodable(page.offset == 0 ? matching : [], repository, reader))
            }
            guard let offset = page.offset else {
                return (try reader.runs(repositoryID: repository.id, filter: selection.filter, limit: 0, offset: 0).total, [])
            }
            let (total, records) = try reader.runs(repositoryID: repository.id, filter: selection.filter,
                                                   limit: page.size, offset: offset)
            return (total, try Self.encodable(records, repository, reader))
        }
        var response = HTTPResponse.json(runJSON.encodeList(runs, total: total))
        if let link = LinkHeader.value(base: context.resourceURL, query: query, page: page, total: total) {
            response.headers.add("Link", link)
        }
        return response
    }

    private static func encodable(_ records: [RunRecord], _ repository: RepositoryRecord,
                                  _ reader: StoreReader) throws -> [RunJSON.Run] {
        try records.map { record in
            RunJSON.Run(record: record, attempt: record.latestAttempt, rollUp: record.rollUp,
                        number: try reader.runNumber(record), repository: repository)
        }
    }

    /// `GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts`: seeds hold no artifacts, so an
    /// existing run has none (`gh run view` lists them).
    func listArtifacts(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let repository = try Access.repository(context)
        _ = try context.read { try context.run(in: repository, $0) }
        return .json(Array(#"{"total_count":0,"artifacts":[]}"#.utf8))
    }

    /// `GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations`: a job's check run has
    /// none (`gh run view` asks for failed jobs').
    func listAnnotations(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let repository = try Access.repository(context)
        guard let jobID = context.parameters.id("check_run_id") else { throw APIError.notFound(context.documentationURL) }
        try context.read { reader in
            guard let job = try reader.job(id: jobID), job.repositoryID == repository.id else {
                throw APIError.notFound(context.documentationURL)
            }
        }
        return .json(Array("[]".utf8))
    }

}
