import Foundation
@testable import Store
import Testing

@Suite struct StoreTests {
    static func seeded() throws -> Store {
        let store = try Store()
        try store.write { writer in
            try writer.upsert(RepositoryRecord(id: 10, owner: "Octo-Org", name: "Repo", visibility: .private, readers: ["alice"]))
            for attempt in 1...2 {
                try writer.ensureRun(id: 5, repositoryID: 10, attempt: attempt)
            }
            for id in Int64(1)...Int64(7) {
                try writer.upsert(JobRecord(
                    id: id, runID: 5, runAttempt: id <= 3 ? 1 : 2, repositoryID: 10, name: "job \(id)", status: "completed",
                    conclusion: "success", headSHA: "abc", createdAt: "2020-01-01T00:00:00Z", startedAt: "2020-01-01T00:00:00Z",
                    htmlURL: id == 1 ? .given(nil) : .derived, labels: ["l1", "l2"],
                    steps: [StepRecord(name: "s1", status: "completed", conclusion: "success", number: 1),
                            StepRecord(name: "s2", status: "queued", number: 2)]))
            }
        }
        return store
    }

    @Test func repositoryLookupIgnoresCase() throws {
        let store = try Self.seeded()
        let repository = try store.read { try $0.repository(owner: "octo-org", name: "REPO") }
        #expect(repository == RepositoryRecord(id: 10, owner: "Octo-Org", name: "Repo", visibility: .private, readers: ["alice"]))
    }

    @Test func jobRoundTripsWithStepsLabelsAndExplicitNull() throws {
        let store = try Self.seeded()
        let job = try #require(try store.read { try $0.job(id: 1) })
        #expect(job.steps.map(\.name) == ["s1", "s2"])
        #expect(job.labels == ["l1", "l2"])
        #expect(job.htmlURL == .given(nil))
        #expect(try store.read { try $0.job(id: 2) }?.htmlURL == .derived)
    }

    @Test func pagesAndCountsPerAttemptAndRun() throws {
        let store = try Self.seeded()
        let run = try #require(try store.read { try $0.run(id: 5) })
        #expect(run.latestAttempt == 2)
        let latest = try store.read { try $0.jobs(runID: 5, attempt: 2, limit: 2, offset: 2) }
        #expect(latest.total == 4 && latest.jobs.map(\.id) == [6, 7])
        let all = try store.read { try $0.jobs(runID: 5, attempt: nil, limit: 100, offset: 0) }
        #expect(all.total == 7 && all.jobs.map(\.id) == Array(1...7))
        #expect(try store.read { try $0.attemptExists(runID: 5, attempt: 3) } == false)
    }

    static func job(_ id: Int64, run: Int64 = 5, attempt: Int = 1) -> JobRecord {
        JobRecord(id: id, runID: run, runAttempt: attempt, repositoryID: 10, name: "job \(id)", status: "queued",
                  headSHA: "abc", createdAt: "2020-01-01T00:00:00Z", startedAt: "2020-01-01T00:00:00Z")
    }

    /// Pages seek by stored positions; they must follow id order whatever order jobs arrive in,
    /// and follow jobs that move between attempts and runs.
    @Test func pagePositionsFollowIdOrderAcrossWrites() throws {
        let store = try Self.seeded()  // run 5: jobs 1-3 in attempt 1, 4-7 in attempt 2
        try store.write { writer in
            try writer.ensureRun(id: 6, repositoryID: 10, attempt: 1)
            for id: Int64 in [12, 9, 10] { try writer.upsert(Self.job(id, attempt: 2)) }
        }
        try store.write { writer in
            try writer.upsert(Self.job(8, attempt: 1))
        }
        // Each move alone in its write: nothing else would renumber the runs involved.
        try store.write { try $0.upsert(Self.job(2, attempt: 2)) }  // from attempt 1 to 2
        try store.write { try $0.upsert(Self.job(5, run: 6)) }      // to run 6
        let all = try store.read { try $0.jobs(runID: 5, attempt: nil, limit: 100, offset: 0) }
        #expect(all.total == 10 && all.jobs.map(\.id) == [1, 2, 3, 4, 6, 7, 8, 9, 10, 12])
        let page = try store.read { try $0.jobs(runID: 5, attempt: nil, limit: 3, offset: 6) }
        #expect(page.total == 10 && page.jobs.map(\.id) == [8, 9, 10])
        let second = try store.read { try $0.jobs(runID: 5, attempt: 2, limit: 3, offset: 3) }
        #expect(second.total == 7 && second.jobs.map(\.id) == [7, 9, 10])
        let first = try store.read { try $0.jobs(runID: 5, attempt: 1, limit: 10, offset: 0) }
        #expect(first.total == 3 && first.jobs.map(\.id) == [1, 3, 8])
        let moved = try store.read { try $0.jobs(runID: 6, attempt: nil, limit: 10, offset: 0) }
        #expect(moved.total == 1 && moved.jobs.map(\.id) == [5])
    }

    /// A database written by schema version 1 (no positions) opens, gains them, and pages.
    @Test func versionOneDatabaseIsMigrated() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("v1-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let old = try Connection(uri: "file:" + path)
            let versionOne = SQL.schema
                .replacingOccurrences(of: "run_position      INTEGER,", with: "")
                .replacingOccurrences(of: "attempt_position  INTEGER,", with: "")
                .components(separatedBy: "CREATE INDEX IF NOT EXISTS jobs_by_run_position")[0]
            try old.execute(versionOne)
            try old.execute("""
                INSERT INTO repositories VALUES (10, 'o', 'r', 'public'); INSERT INTO runs VALUES (5, 10);
                INSERT INTO attempts VALUES (5, 1);
                INSERT INTO jobs (id, run_id, run_attempt, repository_id, name, status, head_sha, created_at, started_at,
                                  html_url_given) VALUES
                    (3, 5, 1, 10, 'c', 'queued', 'x', 't', 't', 0), (1, 5, 1, 10, 'a', 'queued', 'x', 't', 't', 0);
                """)
        }
        let store = try Store(location: .file(path))
        let page = try store.read { try $0.jobs(runID: 5, attempt: 1, limit: 1, offset: 1) }
        #expect(page.total == 2 && page.jobs.map(\.id) == [3])
    }

    @Test func aThrowingWriteLeavesNothingBehind() throws {
        struct Boom: Error {}
        let store = try Self.seeded()
        #expect(throws: Boom.self) {
            try store.write { writer in
                try writer.upsert(RepositoryRecord(id: 11, owner: "x", name: "y", visibility: .public))
                throw Boom()
            }
        }
        #expect(try store.read { try $0.repository(id: 11) } == nil)
    }

    @Test func aRunStaysInItsRepository() throws {
        let store = try Self.seeded()
        #expect(throws: StoreError.self) {
            try store.write { writer in
                try writer.upsert(RepositoryRecord(id: 11, owner: "x", name: "y", visibility: .public))
                try writer.ensureRun(id: 5, repositoryID: 11, attempt: 1)
            }
        }
    }

    @Test func memoryStoresAreSeparate() throws {
        let first = try Self.seeded()
        let second = try Store()
        #expect(try first.read { try $0.counts() }.jobs == 7)
        #expect(try second.read { try $0.counts() }.jobs == 0)
    }

    @Test func fileStoreUsesWALAndPersists() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let store = try Store(location: .file(path))
            try store.write { try $0.upsert(RepositoryRecord(id: 1, owner: "o", name: "r", visibility: .public)) }
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal") || FileManager.default.fileExists(atPath: path))
        let reopened = try Store(location: .file(path))
        #expect(try reopened.read { try $0.repository(owner: "O", name: "R") }?.id == 1)
    }

    @Test func tokensRoundTrip() throws {
        let store = try Store()
        let token = TokenRecord(token: "github_pat_x", kind: .fineGrained, user: "alice", repositories: .selected(["o/r"]),
                                permissions: ["actions": "read", "contents": "write"], expiresAt: "2030-01-01T00:00:00Z")
        try store.write { try $0.upsert(token) }
        #expect(try store.read { try $0.token("github_pat_x") } == token)
    }

    @Test func concurrentReadersAndAWriter() async throws {
        let store = try Self.seeded()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for round in 0..<200 {
                        if worker == 0 {
                            try store.write { try $0.ensureRun(id: 5, repositoryID: 10, attempt: 3 + round) }
                        } else {
                            let page = try store.read { try $0.jobs(runID: 5, attempt: nil, limit: 100, offset: 0) }
                            #expect(page.total == 7)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
