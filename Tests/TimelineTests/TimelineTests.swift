import Foundation
import Testing
import Timeline

/// The timeline is a pure function of a plan and an instant: checked by table.
@Suite struct TimelineTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    /// Queues 2 s, then three steps of 5, 3 and 4 s; the second fails.
    static let failing = JobPlan(start: start, queuedSeconds: 2, steps: [
        StepPlan(seconds: 5), StepPlan(seconds: 3, conclusion: .failure), StepPlan(seconds: 4),
    ])

    /// (seconds after the start, job status, job conclusion, step statuses, step conclusions, next change)
    @Test(arguments: [
        (0.0, "queued", nil, ["queued", "queued", "queued"], [nil, nil, nil], 2.0),
        (1.9, "queued", nil, ["queued", "queued", "queued"], [nil, nil, nil], 2.0),
        (2.0, "in_progress", nil, ["in_progress", "queued", "queued"], [nil, nil, nil], 7.0),
        (6.99, "in_progress", nil, ["in_progress", "queued", "queued"], [nil, nil, nil], 7.0),
        (7.0, "in_progress", nil, ["completed", "in_progress", "queued"], ["success", nil, nil], 10.0),
        (10.0, "completed", "failure", ["completed", "completed", "completed"], ["success", "failure", "skipped"], nil),
        (1000.0, "completed", "failure", ["completed", "completed", "completed"], ["success", "failure", "skipped"], nil),
    ] as [(Double, String, String?, [String], [String?], Double?)])
    func aFailingJobAtEachMoment(seconds: Double, status: String, conclusion: String?, steps: [String],
                                 stepConclusions: [String?], next: Double?) {
        let state = Timeline.state(of: Self.failing, at: Self.at(seconds))
        #expect(state.status.rawValue == status)
        #expect(state.conclusion == conclusion)
        #expect(state.steps.map(\.status.rawValue) == steps)
        #expect(state.steps.map(\.conclusion) == stepConclusions)
        #expect(state.nextChange == next.map(Self.at))
    }

    @Test func timesAreStampedWhereThingsHappened() {
        let done = Timeline.state(of: Self.failing, at: Self.at(60))
        #expect(done.startedAt == Self.at(2) && done.completedAt == Self.at(10))
        #expect(done.steps.map(\.startedAt) == [Self.at(2), Self.at(7), Self.at(10)])
        #expect(done.steps.map(\.completedAt) == [Self.at(7), Self.at(10), Self.at(10)])
        let running = Timeline.state(of: Self.failing, at: Self.at(8))
        #expect(running.startedAt == Self.at(2) && running.completedAt == nil)
        #expect(running.steps.map(\.startedAt) == [Self.at(2), Self.at(7), nil])
    }

    @Test func successSkippedStepsAndEmptyPlans() {
        let plan = JobPlan(start: Self.start, queuedSeconds: 0, steps: [
            StepPlan(seconds: 1), StepPlan(seconds: 30, conclusion: .skipped), StepPlan(seconds: 2),
        ])
        let done = Timeline.state(of: plan, at: Self.at(3))
        #expect(done.status == .completed && done.conclusion == "success" && done.completedAt == Self.at(3))
        #expect(done.steps.map(\.conclusion) == ["success", "skipped", "success"])
        #expect(done.steps[1].startedAt == Self.at(1) && done.steps[1].completedAt == Self.at(1))
        let empty = Timeline.state(of: JobPlan(start: Self.start, queuedSeconds: 5, steps: []), at: Self.at(5))
        #expect(empty.status == .completed && empty.conclusion == "success" && empty.completedAt == Self.at(5))
        #expect(Timeline.state(of: JobPlan(start: Self.start, queuedSeconds: 5, steps: []), at: Self.at(4)).status == .queued)
    }

    @Test func cancelledStepsCancelTheJob() {
        let plan = JobPlan(start: Self.start, queuedSeconds: 0, steps: [StepPlan(seconds: 1, conclusion: .cancelled), StepPlan(seconds: 1)])
        let done = Timeline.state(of: plan, at: Self.at(9))
        #expect(done.conclusion == "cancelled" && done.steps.map(\.conclusion) == ["cancelled", "skipped"])
    }

    @Test func beforeItsStartAJobIsQueued() {
        let state = Timeline.state(of: Self.failing, at: Self.at(-100))
        #expect(state.status == .queued && state.nextChange == Self.at(2))
    }
}
