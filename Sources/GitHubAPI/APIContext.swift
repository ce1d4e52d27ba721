import Clock
import FoundationEssentials
import HTTPServer
import Store

/// What an endpoint handler gets: the request, its route parameters, who is calling, and the
/// services it may use.
public struct APIContext: Sendable {
    public let request: HTTPRequest
    public let parameters: RouteParameters
    /// The absolute URL the client used for this resource, without query: scheme, host, the
    /// `/api/v3` prefix exactly when the request had it, and the path. Pagination links start
    /// here; computed when asked, as most answers have no links.
    public var resourceURL: String {
        let scheme = request.isSecure ? "https" : "http"
        // HTTP/1.0 may send no Host.
        let host = request.headers["Host"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        return "\(scheme)://\(host)\(request.path)"
    }
    public var caller: Caller
    /// The API version the request selected.
    public let apiVersion: String
    public let now: Date
    public let store: Store
    public let caches: ReadCaches
    public let documentationURL: String

    /// Runs a read transaction; store failures become a 500 in GitHub's shape.
    public func read<T>(_ body: (StoreReader) throws -> T) throws(APIError) -> T {
        try readStore(store, documentationURL: documentationURL, body)
    }

    /// The path's `{attempt_number}`; a 404 when it is not a number an attempt can have.
    func attemptNumber() throws(APIError) -> Int {
        guard let attempt = parameters.id("attempt_number").flatMap({ Int(exactly: $0) }) else {
            throw APIError.notFound(documentationURL)
        }
        return attempt
    }

    /// The run the path's `{run_id}` names, when it belongs to `repository`; a 404 otherwise, so
    /// another repository's run looks as absent as one that never was.
    func run(in repository: RepositoryRecord, _ reader: StoreReader) throws -> RunRecord {
        guard let runID = parameters.id("run_id"), let run = try reader.run(id: runID),
              run.repositoryID == repository.id
        else { throw APIError.notFound(documentationURL) }
        return run
    }
}

/// One operation: its handler and the page documenting it (error bodies link there).
public struct Endpoint: Sendable {
    /// What `Authorization` must carry.
    public enum Credential: Sendable {
        /// A token, or nothing where anonymous callers may read.
        case token
        /// A GitHub App's JWT (the App routes).
        case appJWT
    }

    /// GitHub's operation id, e.g. `actions/get-job-for-workflow-run` (faults name routes by it).
    public let operationID: String
    public let documentationURL: String
    /// `false` for operations GitHub does not count against the rate limit (`GET /rate_limit`).
    public let countsAgainstRateLimit: Bool
    public let credential: Credential
    public let handle: @Sendable (APIContext) throws(APIError) -> HTTPResponse

    public init(operationID: String, documentationURL: String, countsAgainstRateLimit: Bool = true,
                credential: Credential = .token,
                handle: @escaping @Sendable (APIContext) throws(APIError) -> HTTPResponse) {
        self.operationID = operationID
        self.documentationURL = documentationURL
        self.countsAgainstRateLimit = countsAgainstRateLimit
        self.credential = credential
        self.handle = handle
    }
}

extension APIContext {
    /// Runs a write transaction: all of it or, when it throws, none of it; store failures
    /// become a 500 in GitHub's shape.
    func write<T>(_ body: (StoreWriter) throws -> T) throws(APIError) -> T {
        try storeAnswer(documentationURL: documentationURL) { try store.write(body) }
    }
}
