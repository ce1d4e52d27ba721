import Foundation
import TestSupport
import Testing

/// `kill -9` of an emulator writing to a `--db` file, at many moments: the database must open
/// again, and every seed must be there whole or not at all.
@Suite struct DurabilityTests {
    /// A scratch folder with a database path and an empty seed folder (start-up loads nothing).
    struct Scratch {
        let folder: URL
        var database: String { folder.appendingPathComponent("emulator.sqlite").path }
        var emptySeeds: String { folder.appendingPathComponent("no-seeds").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("durability-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: folder.appendingPathComponent("no-seeds").path,
                                                    withIntermediateDirectories: true)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// A seed of `count` one-step jobs in run `run`, ids from `firstID`.
    static func seed(jobs count: Int, firstID: Int, run: Int) -> String {
        let jobs = (0..<count).map { index in
            #"{"repository": "dur/able", "id": \#(firstID + index), "run_id": \#(run), "name": "job \#(index)", "#
                + #""status": "completed", "conclusion": "success", "steps": [{"name": "only", "conclusion": "success"}]}"#
        }
        return #"{"repositories": [{"owner": "dur", "name": "able"}], "jobs": ["# + jobs.joined(separator: ",") + "]}"
    }

    static func start(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(ExecutableTests.executable.path, ["--port", "0", "--log-level", "error"] + arguments,
                         standardOutput: .pipe)
    }

    static func listening(_ process: ChildProcess) throws -> HTTPClient {
        let stdout = try #require(process.standardOutput)
        let line = try #require(ExecutableTests.readLine(stdout))
        return HTTPClient(baseURL: String(line.split(separator: " ").last!))
    }

    static func killHard(_ process: ChildProcess) {
        process.send(SIGKILL)
        process.waitUntilExit()
    }

    /// The number of jobs in the database, read by a fresh emulator on it.
    static func jobCount(_ scratch: Scratch) async throws -> Int {
        let process = try start(["--db", scratch.database, "--seed", scratch.emptySeeds])
        defer { process.terminate(); process.waitUntilExit() }
        let health = try await listening(process).get("/_emulator/health")
        #expect(health.status == 200)
        return try #require(((health.json as? [String: Any])?["counts"] as? [String: Any])?["jobs"] as? Int)
    }

    static func jobs(_ client: HTTPClient) async throws -> Int {
        let health = try await client.get("/_emulator/health")
        return ((health.json as? [String: Any])?["counts"] as? [String: Any])?["jobs"] as? Int ?? 0
    }

    @Test(arguments: [0.05, 0.3, 0.8, 1.5, 3.0])
    func killedWhileLoadingAStartUpSeed(after seconds: Double) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let seedFile = scratch.folder.appendingPathComponent("big.json")
        try Data(Self.seed(jobs: 4000, firstID: 1, run: 1).utf8).write(to: seedFile)

        let loading = try Self.start(["--db", scratch.database, "--seed", seedFile.path])
        try await Task.sleep(for: .seconds(seconds))
        Self.killHard(loading)

        let count = try await Self.jobCount(scratch)
        #expect(count == 0 || count == 4000, "a partial seed is visible: \(count) of 4000 jobs")
    }

    @Test func killedDuringControlAPIWritesKeepsEveryAcknowledgedSeedWhole() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let process = try Self.start(["--db", scratch.database, "--seed", scratch.emptySeeds])
        let client = try Self.listening(process)
        let batch = 250

        // Seeds posted back to back; the kill lands at some point during one of them.
        let writer = Task { () -> Int in
            var acknowledged = 0
            for round in 0..<1000 {
                let body = Self.seed(jobs: batch, firstID: 1 + round * batch, run: 1 + round)
                guard let response = try? await client.send("POST", "/_emulator/seed", body: body),
                      response.status == 200 else { break }
                acknowledged += 1
            }
            return acknowledged
        }
        // Kill once some seeds are in (however slow the build, e.g. under a sanitizer), mid-way through others.
        while try await Self.jobs(client) < 2 * batch { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(300))
        Self.killHard(process)
        let acknowledged = await writer.value

        let count = try await Self.jobCount(scratch)
        #expect(acknowledged > 0)
        #expect(count % batch == 0, "a partial seed is visible: \(count) jobs")
        // A 200 means committed; one more seed may have committed as the process died.
        #expect(count / batch == acknowledged || count / batch == acknowledged + 1, "\(count) jobs, \(acknowledged) seeds acknowledged")
    }

    /// A scheduled run in a `--db` file keeps moving after `kill -9`: the restarted process
    /// places its jobs where the timeline has them (setting the clock to instants after the
    /// job's creation shows the schedule survived whole).
    @Test func scheduledRunsCarryOnAfterAKill() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let seed = scratch.folder.appendingPathComponent("repository.json")
        try Data(Self.seed(jobs: 0, firstID: 1, run: 1).utf8).write(to: seed)
        let first = try Self.start(["--db", scratch.database, "--seed", seed.path])
        let client = try Self.listening(first)
        let created = try await client.send("POST", "/_emulator/runs", body: """
            {"repository": "dur/able", "jobs": [{"name": "slow", "queued_seconds": 30, "steps": [{"name": "work", "seconds": 20}]}]}
            """)
        #expect(created.status == 201)
        let jobID = try #require(((created.json as? [String: Any])?["job_ids"] as? [Int])?.first)
        let path = "/api/v3/repos/dur/able/actions/jobs/\(jobID)"
        let before = try #require(try await client.get(path).json as? [String: Any])
        #expect(before["status"] as? String == "queued")
        Self.killHard(first)

        let second = try Self.start(["--db", scratch.database, "--seed", seed.path])
        defer { second.terminate(); second.waitUntilExit() }
        let restarted = try Self.listening(second)
        // The clock is set at instants after the job's creation rather than advanced: a restart
        // under a sanitizer can take longer than the job's 30 s in the queue.
        let createdAt = try #require((before["created_at"] as? String).flatMap(ISO8601DateFormatter().date))
        func status(at offset: TimeInterval) async throws -> [String: Any] {
            let now = ISO8601DateFormatter().string(from: createdAt.addingTimeInterval(offset))
            #expect(try await restarted.send("POST", "/_emulator/clock", body: #"{"now": "\#(now)"}"#).status == 200)
            return try #require(try await restarted.get(path).json as? [String: Any])
        }
        #expect(try await status(at: 1)["status"] as? String == "queued")
        #expect(try await status(at: 31)["status"] as? String == "in_progress")
        let after = try await status(at: 91)
        #expect(after["status"] as? String == "completed" && after["conclusion"] as? String == "success")
        let completedAt = try #require((after["completed_at"] as? String).flatMap(ISO8601DateFormatter().date))
        #expect(completedAt.timeIntervalSince(createdAt) == 50)
    }
}
