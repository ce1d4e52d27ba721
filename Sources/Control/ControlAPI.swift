import Clock
import FoundationEssentials
import GitHubAPI
import HTTPServer
import Dashboard
import JSON
import Scheduling
import Seed
import Store
import Webhooks

/// The emulator's own API under `/_emulator/`: health, seeding and reset, the clock, job
/// lifecycle and re-runs, the request journal and fault injection. Never under `/api/v3`.
public final class ControlAPI: HTTPResponder {
    public static let prefix = "/_emulator"
    public static let version = "0.1.0"

    /// What reset restores and how access is guarded.
    public struct Settings: Sendable {
        public var access: ControlAccess
        /// The seed documents loaded at start-up, which reset restores.
        public var startupSeed: [SeedDocument] = []

        public init(access: ControlAccess = .loopback, startupSeed: [SeedDocument] = []) {
            self.access = access
            self.startupSeed = startupSeed
        }
    }

    typealias Handler = @Sendable (ControlAPI, ControlRequest) throws -> HTTPResponse

    let api: GitHubAPI
    let scheduler: Scheduler
    let webhooks: WebhookSender?
    public let settings: Settings
    let started = Date()
    private let router: Router<[String: Handler]>

    public init(api: GitHubAPI, scheduler: Scheduler, webhooks: WebhookSender? = nil, settings: Settings) {
        self.api = api
        self.scheduler = scheduler
        self.webhooks = webhooks
        self.settings = settings
        var router = Router<[String: Handler]>()
        router.add("/", ["GET": { $0.index($1) }])
        router.add("/ui/:file", ["GET": { try $0.dashboardFile($1) }])
        router.add("/repositories", ["GET": { try $0.repositories($1) }])
        router.add("/jobs/:job_id/log", ["GET": { try $0.jobLog($1) }])
        router.add("/templates", ["GET": { $0.templates($1) }])
        router.add("/fault-routes", ["GET": { _, _ in
            var json = JSONWriter()
            json.beginObject()
            json.key("routes")
            json.beginArray()
            for route in FaultInjector.routes { json.string(route) }
            json.endArray()
            json.endObject()
            return .json(json.bytes)
        }])
        router.add("/health", ["GET": { $0.health($1) }])
        router.add("/metrics", ["GET": { control, _ in
            HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain; version=0.0.4; charset=utf-8")]),
                         body: Array(control.api.metrics.prometheusText().utf8))
        }])
        router.add("/openapi.json", ["GET": { _, _ in .json(OpenAPIDocument.bytes) }])
        router.add("/reset", ["POST": { try $0.reset($1) }])
        router.add("/seed", ["POST": { try $0.seed($1) }])
        router.add("/clock", ["GET": { $0.clock($1) }, "POST": { try $0.setClock($1) }])
        router.add("/jobs/:job_id", ["PATCH": { try $0.patchJob($1) }])
        router.add("/runs", ["POST": { try $0.startRun($1) }])
        router.add("/runs/:run_id/rerun", ["POST": { try $0.rerun($1) }])
        router.add("/runs/:run_id/tokens", ["GET": { try $0.runTokens($1) }])
        router.add("/apps", ["POST": { try $0.createApp($1) }])
        router.add("/requests", ["GET": { $0.requests($1) }, "DELETE": { $0.clearRequests($1) }])
        router.add("/deliveries", ["GET": { try $0.deliveries($1) }])
        router.add("/deliveries/faults", ["GET": { $0.deliveryFaults($1) }, "POST": { try $0.setDeliveryFaults($1) },
                                          "DELETE": { $0.clearDeliveryFaults($1) }])
        router.add("/deliveries/:delivery_id/attempts", ["POST": { try $0.redeliver($1) }])
        router.add("/faults", ["GET": { $0.listFaults($1) }, "POST": { try $0.addFault($1) }, "DELETE": { $0.clearFaults($1) }])
        self.router = router
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        do {
            let path = String(request.path.dropFirst(Self.prefix.count))
            try settings.access.authorize(request, exposure: Self.exposure(path: path, method: request.method))
            if path.hasPrefix("/api/") { return try forwardToAPI(request, path: String(path.dropFirst(4))) }
            let segments = path.split(separator: "/").map { PercentEncoding.decode($0) }
            guard let (handlers, parameters) = router.match(segments) else {
                throw ControlError.notFound("no control route \(request.path); see docs/control-api.md")
            }
            let method = request.method == "HEAD" ? "GET" : request.method
            guard let handler = handlers[method] else {
                var error = APIError(status: 405, message: "\(request.method) is not allowed on \(request.path)",
                                     documentationURL: ControlError.documentation)
                error.headers = [("Allow", handlers.keys.sorted().joined(separator: ", "))]
                throw error
            }
            let response = try handler(self, ControlRequest(http: request, parameters: parameters))
            return method == "GET" ? Self.conditional(response, request) : response
        } catch {
            return error.response
        }
    }

    private static func exposure(path: String, method: String) -> ControlAccess.Exposure {
        guard method == "GET" || method == "HEAD" else { return .control }
        if path == "/health" { return .probe }
        return path.isEmpty || path == "/" || path.hasPrefix("/ui/") ? .page : .control
    }

    /// GETs carry an ETag and answer `If-None-Match` with a 304, so the dashboard polls cheaply.
    private static func conditional(_ response: HTTPResponse, _ request: HTTPRequest) -> HTTPResponse {
        guard response.status == 200, response.stream == nil else { return response }
        var response = response
        let tag = EntityTag.of(response.body)
        response.headers.add("ETag", tag)
        response.headers.add("Cache-Control", "no-cache")
        if let condition = request.headers["If-None-Match"], EntityTag.matches(condition, tag) {
            response.status = 304
            response.body = []
            response.headers.remove("Content-Type")
        }
        return response
    }
}

/// A control request with its route parameters and body helpers.
struct ControlRequest {
    let http: HTTPRequest
    let parameters: RouteParameters

    /// The body as a JSON object; 400 with GitHub's message when it is not JSON.
    func object() throws(APIError) -> JSONValue {
        let body = http.body.isEmpty ? Array("{}".utf8) : http.body
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw ControlError.badRequest("Problems parsing JSON: \(error)")
        }
        guard case .object = value else { throw ControlError.badRequest("Problems parsing JSON: expected an object") }
        return value
    }
}

/// Errors of the control API, in the same JSON shape as GitHub's.
enum ControlError {
    /// The page that documents every control route (the project has no docs site).
    static let documentation = "docs/control-api.md"

    static func notFound(_ message: String) -> APIError {
        APIError(status: 404, message: message, documentationURL: documentation)
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(status: 400, message: message, documentationURL: documentation)
    }

    /// 422 naming the field and why.
    static func invalid(_ field: String, _ reason: String) -> APIError {
        APIError(status: 422, message: "Validation Failed: \(field): \(reason)", documentationURL: documentation,
                 errors: [APIError.FieldError(resource: "Control", field: field, code: "invalid")])
    }

    /// `body`'s result: `APIError`s pass through, any other failure (the store's, a seed
    /// file's on reset) is a 500 saying what failed.
    static func answer<T>(_ what: String, _ body: () throws -> T) throws(APIError) -> T {
        do {
            return try body()
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(status: 500, message: "\(what) failed: \(error)", documentationURL: documentation)
        }
    }
}

extension Error {
    /// Any error as a response: `APIError`s in their own shape, anything else a 500.
    var response: HTTPResponse {
        (self as? APIError)?.response
            ?? APIError(status: 500, message: "Internal Server Error: \(self)", documentationURL: ControlError.documentation).response
    }
}
