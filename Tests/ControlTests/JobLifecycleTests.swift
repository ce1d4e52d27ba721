@testable import Control
import GitHubAPI
import HTTPServer
import Scheduling
import Store
import Testing

@Suite struct JobLifecycleTests {
    static let queued = JobRecord(
        id: 1, runID: 2, repositoryID: 3, name: "build", status: "queued", headSHA: "abc",
        createdAt: "2026-01-01T00:00:00Z", startedAt: "2026-01-01T00:00:00Z",
        steps: [StepRecord(name: "a", status: "queued", number: 1), StepRecord(name: "b", status: "queued", number: 2),
                StepRecord(name: "c", status: "queued", number: 3)])

    @Test func startingStampsTimeRunnerAndFirstStep() throws {
        let job = try JobLifecycle.move(Self.queued, to: "in_progress", conclusion: nil, now: "2026-01-01T00:01:00Z")
        #expect(job.status == "in_progress" && job.startedAt == "2026-01-01T00:01:00Z")
        #expect(job.runnerName != nil && job.runnerID != nil)
        #expect(job.steps.map(\.status) == ["in_progress", "queued", "queued"])
        #expect(job.steps[0].startedAt == "2026-01-01T00:01:00Z")
    }

    @Test func failingMarksTheRunningStepAndSkipsTheRest() throws {
        let running = try JobLifecycle.move(Self.queued, to: "in_progress", conclusion: nil, now: "2026-01-01T00:01:00Z")
        let done = try JobLifecycle.move(running, to: "completed", conclusion: "failure", now: "2026-01-01T00:02:00Z")
        #expect(done.status == "completed" && done.conclusion == "failure" && done.completedAt == "2026-01-01T00:02:00Z")
        #expect(done.steps.map(\.conclusion) == ["failure", "skipped", "skipped"])
        #expect(done.steps.allSatisfy { $0.status == "completed" && $0.completedAt == "2026-01-01T00:02:00Z" })
    }

    @Test func successCompletesEveryStep() throws {
        let done = try JobLifecycle.move(Self.queued, to: "completed", conclusion: "success", now: "2026-01-01T00:02:00Z")
        #expect(done.startedAt == "2026-01-01T00:02:00Z")
        #expect(done.steps.allSatisfy { $0.conclusion == "success" })
    }

    @Test(arguments: [
        ("completed", nil as String?, "needs a conclusion"),
        ("in_progress", "success", "only a completed job"),
        ("done", nil, "unknown status"),
    ])
    func refusals(status: String, conclusion: String?, reason: String) {
        #expect { try JobLifecycle.move(Self.queued, to: status, conclusion: conclusion, now: "x") } throws: { error in
            (error as? JobLifecycle.Refusal)?.reason.contains(reason) == true
        }
    }

    @Test func aCompletedJobDoesNotMoveBack() throws {
        let done = try JobLifecycle.move(Self.queued, to: "completed", conclusion: "success", now: "t")
        #expect(throws: JobLifecycle.Refusal.self) { try JobLifecycle.move(done, to: "queued", conclusion: nil, now: "t") }
        #expect(throws: JobLifecycle.Refusal.self) { try JobLifecycle.move(done, to: "in_progress", conclusion: nil, now: "t") }
    }

    @Test func rerunCopiesAsQueuedWithDerivedURLs() throws {
        var done = try JobLifecycle.move(Self.queued, to: "completed", conclusion: "failure", now: "t")
        done.url = "https://HOSTNAME/x"
        let copy = Rerun.queuedCopy(of: done, as: 9, attempt: 2, now: "u")
        #expect(copy.id == 9 && copy.runAttempt == 2 && copy.status == "queued" && copy.conclusion == nil)
        #expect(copy.url == nil && copy.htmlURL == .derived && copy.runnerID == nil)
        #expect(copy.steps.allSatisfy { $0.status == "queued" && $0.conclusion == nil && $0.startedAt == nil })
    }
}

/// Who may use the control API: decided at start, refusals that name the setting that would allow it.
@Suite struct ControlAccessTests {
    static func request(from address: String, path: String = "/_emulator/reset", token: String? = nil) -> HTTPRequest {
        HTTPRequest(method: "POST", target: path, headers: HTTPHeaders(token.map { [("Authorization", "Bearer \($0)")] } ?? []),
                    remoteAddress: address)
    }

    @Test func theModeTheTokenAndTheAddressDecide() {
        #expect(ControlAccess.resolve(.auto, adminToken: nil, host: "127.0.0.1") == .loopback)
        #expect(ControlAccess.resolve(.auto, adminToken: nil, host: "localhost") == .loopback)
        #expect(ControlAccess.resolve(.auto, adminToken: "t", host: "127.0.0.1") == .token("t", generated: false))
        #expect(ControlAccess.resolve(.auto, adminToken: "t", host: "0.0.0.0") == .token("t", generated: false))
        #expect(ControlAccess.resolve(.loopback, adminToken: nil, host: "0.0.0.0") == .loopback)
        #expect(ControlAccess.resolve(.open, adminToken: nil, host: "0.0.0.0") == .open)
        // Beyond loopback without a token: one is made up, never an open control API.
        guard case .token(let made, generated: true) = ControlAccess.resolve(.auto, adminToken: nil, host: "0.0.0.0") else {
            Issue.record("no token was generated")
            return
        }
        #expect(made.hasPrefix("emulator_") && made.count == 9 + 32)
        #expect(ControlAccess.token(made, generated: true).summary.contains(made))
        #expect(ControlAccess.resolve(.token, adminToken: nil, host: "127.0.0.1") != .loopback)
    }

    @Test func refusalsNameWhatWouldAllowIt() throws {
        #expect(throws: Never.self) { try ControlAccess.loopback.authorize(Self.request(from: "127.0.0.1"), exposure: .control) }
        do {
            try ControlAccess.loopback.authorize(Self.request(from: "172.17.0.1"), exposure: .control)
            Issue.record("a remote client got through")
        } catch {
            #expect(error.status == 403)
            #expect(error.message.contains("--admin-token") && error.message.contains("ACTIONS_EMULATOR_ADMIN_TOKEN")
                && error.message.contains("--control-access open"))
        }
        let guarded = ControlAccess.token("s3cret", generated: false)
        #expect(throws: Never.self) { try guarded.authorize(Self.request(from: "172.17.0.1", token: "s3cret"), exposure: .control) }
        #expect(throws: APIError.self) { try guarded.authorize(Self.request(from: "127.0.0.1", token: "s3creT"), exposure: .control) }
        // Health checks and probes, from anywhere, need no token.
        #expect(throws: Never.self) { try guarded.authorize(Self.request(from: "172.17.0.1"), exposure: .probe) }
        #expect(throws: Never.self) { try ControlAccess.loopback.authorize(Self.request(from: "10.0.0.9"), exposure: .probe) }
        #expect(throws: Never.self) { try ControlAccess.open.authorize(Self.request(from: "10.1.2.3"), exposure: .control) }
        // The dashboard's page carries no data: anyone the control API would answer, token or not.
        #expect(throws: Never.self) { try guarded.authorize(Self.request(from: "172.17.0.1"), exposure: .page) }
        #expect(throws: APIError.self) { try ControlAccess.loopback.authorize(Self.request(from: "172.17.0.1"), exposure: .page) }
    }

    @Test func tokensCompareInConstantTime() {
        #expect(ControlAccess.constantTimeEqual("secret", "secret"))
        #expect(!ControlAccess.constantTimeEqual("secret", "secreT"))
        #expect(ControlAccess.isLoopbackAddress("127.0.0.1") && ControlAccess.isLoopbackAddress("::1"))
        #expect(!ControlAccess.isLoopbackAddress("10.0.0.1"))
    }
}
