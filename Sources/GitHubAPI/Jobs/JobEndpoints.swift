import Clock
import FoundationEssentials
import Hashing
import HTTPServer
import Store

/// The four workflow-job operations of the REST API.
struct JobEndpoints: Sendable {
    let jobJSON: JobJSON
    let logLinks: LogLinks
    /// Jobs with their encoded bodies, until the next write: GET job is the hottest call.
    private let jobs = GenerationCache<Int64, EncodedJob?>()
    /// List pages' job ids, until the next write: pollers read the same page again and again.
    private let pages = GenerationCache<PageKey, JobPage?>(capacity: 1024)

    /// A job, its JSON (encoded in its own repository, the only one whose path reaches it) and
    /// the JSON's entity tag and digest, computed once with it. A class: a cache hit hands out
    /// one reference instead of copying the record's two dozen strings.
    private final class EncodedJob: Sendable {
        let record: JobRecord
        let body: [UInt8]
        /// The body's SHA-256, for the tags of list pages.
        let digest: [UInt8]
        let etag: String

        init(record: JobRecord, body: [UInt8]) {
            self.record = record
            self.body = body
            digest = SHA256.hash(body)
            etag = EntityTag.tag(digest: digest)
        }
    }

    init(jobJSON: JobJSON, logLinks: LogLinks) {
        self.jobJSON = jobJSON
        self.logLinks = logLinks
    }

    static let getJobOperation = "actions/get-job-for-workflow-run"

    func register(in router: inout EndpointTable) {
        router.add("/repos/:owner/:repo/actions/jobs/:job_id", Endpoint(operationID: Self.getJobOperation, documentationURL: Docs.getJob, handle: getJob))
        router.add("/repos/:owner/:repo/actions/jobs/:job_id/logs",
                   Endpoint(operationID: "actions/download-job-logs-for-workflow-run", documentationURL: Docs.downloadJobLogs, handle: downloadLogs))
        router.add("/repos/:owner/:repo/actions/runs/:run_id/attempts/:attempt_number/jobs",
                   Endpoint(operationID: "actions/list-jobs-for-workflow-run-attempt", documentationURL: Docs.listJobsForAttempt, handle: listJobsForAttempt))
        router.add("/repos/:owner/:repo/actions/runs/:run_id/jobs",
                   Endpoint(operationID: "actions/list-jobs-for-workflow-run", documentationURL: Docs.listJobsForRun, handle: listJobsForRun))
    }

    /// `GET /repos/{owner}/{repo}/actions/jobs/{job_id}`
    func getJob(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let job = try findJob(context)
        var response = HTTPResponse.json(job.body)
        response.headers.add("ETag", job.etag)
        return response
    }

    /// `GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs`: a 302 to a short-lived log URL.
    func downloadLogs(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let job = try findJob(context).record
        guard LogText.hasLog(job) else { throw APIError.notFound(context.documentationURL) }
        var headers = HTTPHeaders()
        headers.add("Location", logLinks.url(for: .job(job.id), issuedAt: context.now))
        return HTTPResponse(status: 302, headers: headers)
    }

    /// `GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs`
    func listJobsForAttempt(_ context: APIContext) throws(APIError) -> HTTPResponse {
        guard let runID = context.parameters.id("run_id") else { throw APIError.notFound(context.documentationURL) }
        let attempt = try context.attemptNumber()
        let query = context.request.query
        let page = Page(query: query)
        let repository = try Access.repository(context)
        guard let found = try jobPage(PageKey(runID: runID, attempts: .number(attempt), page: page), context),
              found.repositoryID == repository.id
        else { throw APIError.notFound(context.documentationURL) }
        return try list(found, repository: repository, query: query, page: page, context: context)
    }

    /// `GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs?filter=latest|all`
    func listJobsForRun(_ context: APIContext) throws(APIError) -> HTTPResponse {
        guard let runID = context.parameters.id("run_id") else { throw APIError.notFound(context.documentationURL) }
        let query = context.request.query
        let page = Page(query: query)
        let repository = try Access.repository(context)
        let attempts: PageKey.Attempts?
        switch query["filter"] {
        case nil, "", "latest": attempts = .latest
        case "all": attempts = .all
        default: attempts = nil
        }
        // A run the path does not reach is a 404 before a bad filter is a 422, as on GitHub.
        guard let found = try jobPage(PageKey(runID: runID, attempts: attempts ?? .latest, page: page), context),
              found.repositoryID == repository.id
        else { throw APIError.notFound(context.documentationURL) }
        guard attempts != nil else {
            throw APIError.invalid(field: "filter", resource: "WorkflowJob", documentationURL: context.documentationURL)
        }
        return try list(found, repository: repository, query: query, page: page, context: context)
    }

    /// Which page of which run's jobs: list pages are cached like the jobs on them.
    private struct PageKey: Hashable, Sendable {
        enum Attempts: Hashable, Sendable {
            case latest, all, number(Int)
        }

        let runID: Int64
        let attempts: Attempts
        let page: Page
    }

    /// A page's job ids, with the run's repository (which the path must name) and the total.
    private struct JobPage: Sendable {
        let repositoryID: Int64
        let total: Int
        let ids: [Int64]
    }

    /// The page, from the cache or the store; `nil` when the run, or the attempt, does not exist.
    private func jobPage(_ key: PageKey, _ context: APIContext) throws(APIError) -> JobPage? {
        try storeAnswer(documentationURL: context.documentationURL) {
            try context.store.read(pages, key: key) { reader -> JobPage? in
                guard let run = try reader.run(id: key.runID) else { return nil }
                let attempt: Int?
                switch key.attempts {
                case .latest: attempt = run.latestAttempt
                case .all: attempt = nil
                case .number(let number):
                    guard try reader.attemptExists(runID: key.runID, attempt: number) else { return nil }
                    attempt = number
                }
                let (total, ids) = try Self.page(reader, runID: key.runID, attempt: attempt, page: key.page)
                return JobPage(repositoryID: run.repositoryID, total: total, ids: ids)
            }
        }
    }

    private func findJob(_ context: APIContext) throws(APIError) -> EncodedJob {
        guard let jobID = context.parameters.id("job_id") else { throw APIError.notFound(context.documentationURL) }
        let repository = try Access.repository(context)
        // Ids are global; a path reaches only its own repository's jobs.
        guard let found = try encodedJob(jobID, context), found.record.repositoryID == repository.id else {
            throw APIError.notFound(context.documentationURL)
        }
        return found
    }

    /// A job and its JSON, from the cache or the store.
    private func encodedJob(_ jobID: Int64, _ context: APIContext) throws(APIError) -> EncodedJob? {
        try storeAnswer(documentationURL: context.documentationURL) {
            try context.store.read(jobs, key: jobID) { [jobJSON] reader -> EncodedJob? in
                guard let job = try reader.job(id: jobID), let home = try reader.repository(id: job.repositoryID) else {
                    return nil
                }
                let body = jobJSON.encode(job, in: home)
                return EncodedJob(record: job, body: body)
            }
        }
    }

    private static func page(_ reader: StoreReader, runID: Int64, attempt: Int?, page: Page) throws -> (Int, [Int64]) {
        guard let offset = page.offset else {
            return (try reader.jobIDs(runID: runID, attempt: attempt, limit: 0, offset: 0).total, [])
        }
        return try reader.jobIDs(runID: runID, attempt: attempt, limit: page.size, offset: offset)
    }

    /// The page's jobs as the same bytes GET job serves (from the same cache), in one list object.
    private func list(_ found: JobPage, repository: RepositoryRecord, query: QueryParameters, page: Page,
                      context: APIContext) throws(APIError) -> HTTPResponse {
        let (ids, total) = (found.ids, found.total)
        var bodies: [[UInt8]] = []
        var digests: [UInt8] = []
        bodies.reserveCapacity(ids.count)
        digests.reserveCapacity(ids.count * EntityTag.combinedPrefix)
        for id in ids {
            // A job deleted since the page was read (a reset) is left out, as a later read would.
            if let job = try encodedJob(id, context), job.record.repositoryID == repository.id {
                bodies.append(job.body)
                digests.append(contentsOf: job.digest.prefix(EntityTag.combinedPrefix))
            }
        }
        var response = HTTPResponse.json(JobJSON.list(bodies, total: total))
        // The page's body is its total and its jobs' bodies: its tag follows from theirs.
        response.headers.add("ETag", EntityTag.combining("jobs \(total)", digests))
        if let link = LinkHeader.value(base: context.resourceURL, query: query, page: page, total: total) {
            response.headers.add("Link", link)
        }
        return response
    }
}

extension HTTPResponse {
    /// A JSON response (200 unless told otherwise).
    public static func json(_ body: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]), body: body)
    }
}
