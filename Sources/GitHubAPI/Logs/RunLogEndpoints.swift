import HTTPServer
import Store

/// `GET .../actions/runs/{run_id}/logs` and `.../attempts/{n}/logs`: a 302 to a signed,
/// short-lived URL of the attempt's zipped logs, as GitHub redirects to its storage.
struct RunLogEndpoints: Sendable {
    let logLinks: LogLinks

    func register(in router: inout EndpointTable) {
        router.add("/repos/:owner/:repo/actions/runs/:run_id/logs",
                   Endpoint(operationID: "actions/download-workflow-run-logs", documentationURL: Docs.downloadRunLogs,
                            handle: downloadRunLogs))
        router.add("/repos/:owner/:repo/actions/runs/:run_id/attempts/:attempt_number/logs",
                   Endpoint(operationID: "actions/download-workflow-run-attempt-logs",
                            documentationURL: Docs.downloadAttemptLogs, handle: downloadAttemptLogs))
    }

    /// The newest attempt's logs.
    func downloadRunLogs(_ context: APIContext) throws(APIError) -> HTTPResponse {
        try redirect(context, attempt: nil)
    }

    func downloadAttemptLogs(_ context: APIContext) throws(APIError) -> HTTPResponse {
        try redirect(context, attempt: context.attemptNumber())
    }

    /// 404 for an unknown run or attempt, and for one none of whose jobs has a log yet.
    private func redirect(_ context: APIContext, attempt requested: Int?) throws(APIError) -> HTTPResponse {
        let repository = try Access.repository(context)
        let (runID, attempt) = try context.read { reader -> (Int64, Int) in
            let run = try context.run(in: repository, reader)
            let attempt = requested ?? run.latestAttempt
            let jobs = try reader.jobs(runID: run.id, attempt: attempt, limit: Int.max, offset: 0).jobs
            guard jobs.contains(where: LogText.hasLog) else { throw APIError.notFound(context.documentationURL) }
            return (run.id, attempt)
        }
        var headers = HTTPHeaders()
        headers.add("Location", logLinks.url(for: .runAttempt(run: runID, attempt: attempt), issuedAt: context.now))
        return HTTPResponse(status: 302, headers: headers)
    }
}
