@testable import Control
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
        let copy = JobLifecycle.rerun(done, newID: 9, attempt: 2, now: "u")
        #expect(copy.id == 9 && copy.runAttempt == 2 && copy.status == "queued" && copy.conclusion == nil)
        #expect(copy.url == nil && copy.htmlURL == .derived && copy.runnerID == nil)
        #expect(copy.steps.allSatisfy { $0.status == "queued" && $0.conclusion == nil && $0.startedAt == nil })
    }

    @Test func adminTokenComparisonAndLoopback() {
        #expect(ControlAPI.constantTimeEqual("secret", "secret"))
        #expect(!ControlAPI.constantTimeEqual("secret", "secreT"))
        #expect(ControlAPI.isLoopback("127.0.0.1") && ControlAPI.isLoopback("::1") && !ControlAPI.isLoopback("10.0.0.1"))
    }
}
