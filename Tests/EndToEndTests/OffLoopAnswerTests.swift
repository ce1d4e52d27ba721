import Dispatch
import HTTPServer
import Testing

/// Answers placed on their own threads (`Placement.ownThread`): the worker's other connections
/// go on while one is made, and stopping the server gives up those still being made.
@Suite struct OffLoopAnswerTests {
    /// `/write` waits (up to 20 s) for a `/read` to have been answered; one worker thread.
    private struct WaitingResponder: HTTPResponder {
        let entered = DispatchSemaphore(value: 0)
        let readAnswered = DispatchSemaphore(value: 0)

        func placement(of request: HTTPRequest) -> Placement { request.path == "/write" ? .ownThread : .eventLoop }

        func respond(to request: HTTPRequest) -> HTTPResponse {
            guard request.path == "/write" else {
                readAnswered.signal()
                return HTTPResponse(status: 200)
            }
            entered.signal()
            return HTTPResponse(status: readAnswered.wait(timeout: .now() + 20) == .success ? 200 : 504)
        }

        /// Until a `/write` is being answered, polled so no test thread blocks.
        func untilEntered() async throws {
            while entered.wait(timeout: .now()) != .success { try await Task.sleep(for: .milliseconds(5)) }
        }
    }

    private func serve(_ responder: WaitingResponder) throws -> HTTPServer {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.threads = 1
        return try HTTPServer(configuration: configuration, responder: responder)
    }

    @Test func aReadIsAnsweredWhileAWriteOnTheSameWorkerIsBeingMade() async throws {
        let responder = WaitingResponder()
        let server = try serve(responder)
        defer { server.stop() }
        let client = HTTPClient(baseURL: "http://127.0.0.1:\(server.port)")
        let write = Task { try await client.send("POST", "/write", body: "{}") }
        try await responder.untilEntered()
        // On the event loop, this read would wait behind the write until it gave up (504).
        #expect(try await client.get("/read").status == 200)
        #expect(try await write.value.status == 200)
    }

    @Test func stoppingGivesUpAnAnswerStillBeingMadeWithA503() async throws {
        let responder = WaitingResponder()
        let server = try serve(responder)
        let client = HTTPClient(baseURL: "http://127.0.0.1:\(server.port)")
        let write = Task { try await client.send("POST", "/write", body: "{}") }
        try await responder.untilEntered()
        // stop blocks while it waits: off the test's cooperative threads.
        await withCheckedContinuation { done in
            DispatchQueue.global().async {
                server.stop(grace: 0.1)
                done.resume()
            }
        }
        let response = try await write.value
        #expect(response.status == 503)
        responder.readAnswered.signal()  // lets the abandoned answer finish; it touches nothing
    }
}
