import Foundation
import HTTPServer
import Locking

/// A webhook receiver for tests: an HTTP server that keeps every request and answers each
/// with the status set (200 unless told otherwise).
final class WebhookReceiver: HTTPResponder, @unchecked Sendable {
    private let received = Locked<[HTTPRequest]>([])
    private let answer = Locked(200)
    private var server: HTTPServer!

    init() throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        server = try HTTPServer(configuration: configuration, responder: self)
    }

    var url: String { "http://127.0.0.1:\(server.port)/hook" }

    func stop() { server.stop() }

    func answer(with status: Int) { answer.withLock { $0 = status } }

    var requests: [HTTPRequest] { received.withLock { $0 } }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        received.withLock { $0.append(request) }
        return HTTPResponse(status: answer.withLock { $0 }, body: Array("thanks".utf8))
    }

    /// The requests once at least `count` have arrived (waiting up to `seconds`; the
    /// deliveries go on threads of their own).
    func waitFor(_ count: Int, seconds: Double = 20) async throws -> [HTTPRequest] {
        let deadline = Date().addingTimeInterval(seconds)
        while requests.count < count && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        return requests
    }

    /// Each request's event and action, e.g. `workflow_job.queued`.
    static func events(_ requests: [HTTPRequest]) -> [String] {
        requests.map { request in
            let payload = (try? JSONSerialization.jsonObject(with: Data(payloadBytes(request)))) as? [String: Any]
            return [request.headers["X-GitHub-Event"] ?? "?", payload?["action"] as? String].compactMap { $0 }.joined(separator: ".")
        }
    }

    /// The JSON of a delivery, form-encoded or not.
    static func payloadBytes(_ request: HTTPRequest) -> [UInt8] {
        guard request.headers["Content-Type"] == "application/x-www-form-urlencoded" else { return request.body }
        let text = String(decoding: request.body, as: UTF8.self)
        let value = String(text.dropFirst("payload=".count)).replacingOccurrences(of: "+", with: " ")
        return Array((value.removingPercentEncoding ?? "").utf8)
    }

    static func payload(_ request: HTTPRequest) -> [String: Any] {
        ((try? JSONSerialization.jsonObject(with: Data(payloadBytes(request)))) as? [String: Any]) ?? [:]
    }
}
