import FoundationEssentials
import HTTPServer
import Store

/// The state of one API request as it passes through the middleware chain.
public struct RequestState: Sendable {
    public let request: HTTPRequest
    public let now: Date
    /// `Authorization` as sent, `nil` when absent; read once, as several rules consult it.
    public let authorization: String?
    /// The token `authorization` carries (`Bearer T`, `token T`); `nil` when absent or malformed.
    public let presentedToken: String?
    public var caller: Caller
    /// The version `X-GitHub-Api-Version` selects; `nil` when it names an unsupported one.
    public var apiVersion: String?
    /// The operation the path matched, once routed.
    public var endpoint: Endpoint?
    public var parameters = RouteParameters()
    /// The operation id for the journal and metrics (`unknown` until routed).
    public var operationID = "unknown"

    public init(request: HTTPRequest, now: Date, apiVersion: String?) {
        self.request = request
        self.now = now
        self.apiVersion = apiVersion
        authorization = request.headers["Authorization"]
        presentedToken = authorization.flatMap(Authenticator.token(fromAuthorization:))
        self.caller = .anonymous(address: request.remoteAddress)
    }
}

/// A rule that applies to every API request: it may answer itself, or pass the request on with
/// `next` and adjust the response. Errors thrown are `APIError`s.
public protocol Middleware: Sendable {
    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse
}

/// Middlewares in order, ending in a terminal handler.
struct MiddlewareChain: Sendable {
    let middlewares: [any Middleware]
    let terminal: @Sendable (inout RequestState) throws -> HTTPResponse

    func run(_ state: inout RequestState) throws -> HTTPResponse {
        try run(&state, from: 0)
    }

    private func run(_ state: inout RequestState, from index: Int) throws -> HTTPResponse {
        guard index < middlewares.count else { return try terminal(&state) }
        return try middlewares[index].handle(&state) { state in try run(&state, from: index + 1) }
    }
}

/// Runs `next`, turning a thrown `APIError` into its response so headers can be added to it.
func answer(_ state: inout RequestState, _ next: (inout RequestState) throws -> HTTPResponse) -> HTTPResponse {
    do {
        return try next(&state)
    } catch let error as APIError {
        return error.response
    } catch {
        return APIError(status: 500, message: "Internal Server Error", documentationURL: Docs.root).response
    }
}

/// Runs a read transaction; `APIError`s pass through, store failures become a 500.
func readStore<T>(_ store: Store, documentationURL: String = Docs.root,
                  _ body: (StoreReader) throws -> T) throws(APIError) -> T {
    try storeAnswer(documentationURL: documentationURL) { try store.read(body) }
}

/// `body`'s result; `APIError`s pass through, store failures become a 500.
func storeAnswer<T>(documentationURL: String = Docs.root, _ body: () throws -> T) throws(APIError) -> T {
    do {
        return try body()
    } catch let error as APIError {
        throw error
    } catch {
        throw APIError(status: 500, message: "Internal Server Error: \(error)", documentationURL: documentationURL)
    }
}
