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

    @Test func aReadDuringAWriteInMemoryWaitsForItsEndAndSeesIt() throws {
        let store = try Store()
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? store.write { writer in
                try writer.upsert(RepositoryRecord(id: 1, owner: "octo", name: "held", visibility: .public))
                entered.signal()
                release.wait()
            }
        }
        entered.wait()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { release.signal() }
        // memdb locks this reader out until the commit: it waits (no SQLITE_BUSY) and sees the write.
        let repository = try store.read { try $0.repository(owner: "octo", name: "held") }
        #expect(repository?.name == "held")
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

    /// The tables as schema version 1 made them: no job positions, no run roll-up, no schedules.
    static let versionOneSchema = """
        CREATE TABLE repositories (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, name TEXT NOT NULL,
            visibility TEXT NOT NULL CHECK (visibility IN ('public', 'private', 'internal')));
        CREATE UNIQUE INDEX repositories_by_name ON repositories (owner COLLATE NOCASE, name COLLATE NOCASE);
        CREATE TABLE repository_readers (repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
            login TEXT NOT NULL COLLATE NOCASE, PRIMARY KEY (repository_id, login)) WITHOUT ROWID;
        CREATE TABLE tokens (digest TEXT PRIMARY KEY, token TEXT NOT NULL, kind TEXT NOT NULL, user TEXT, scopes TEXT NOT NULL,
            repositories TEXT, permissions TEXT NOT NULL, expires_at TEXT, revoked INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE runs (id INTEGER PRIMARY KEY, repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE);
        CREATE TABLE attempts (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, attempt INTEGER NOT NULL,
            PRIMARY KEY (run_id, attempt)) WITHOUT ROWID;
        CREATE TABLE jobs (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, run_attempt INTEGER NOT NULL,
            repository_id INTEGER NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, conclusion TEXT, head_sha TEXT NOT NULL,
            created_at TEXT NOT NULL, started_at TEXT NOT NULL, completed_at TEXT, run_url TEXT, node_id TEXT, url TEXT,
            html_url TEXT, html_url_given INTEGER NOT NULL, check_run_url TEXT, runner_id INTEGER, runner_name TEXT,
            runner_group_id INTEGER, runner_group_name TEXT, workflow_name TEXT, head_branch TEXT, log TEXT,
            FOREIGN KEY (run_id, run_attempt) REFERENCES attempts (run_id, attempt) ON DELETE CASCADE);
        CREATE INDEX jobs_by_attempt ON jobs (run_id, run_attempt, id);
        CREATE TABLE steps (job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE, position INTEGER NOT NULL,
            number INTEGER NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, conclusion TEXT, started_at TEXT,
            completed_at TEXT, PRIMARY KEY (job_id, position)) WITHOUT ROWID;
        CREATE TABLE job_labels (job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE, position INTEGER NOT NULL,
            label TEXT NOT NULL, PRIMARY KEY (job_id, position)) WITHOUT ROWID;
        """

    /// A database written by schema version 1 opens, gains positions, the runs' roll-up and
    /// everything later versions added, and pages.
    @Test func versionOneDatabaseIsMigrated() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("v1-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let old = try Connection(uri: "file:" + path)
            try old.execute(Self.versionOneSchema)
            try old.execute("""
                INSERT INTO repositories VALUES (10, 'o', 'r', 'public'); INSERT INTO runs VALUES (5, 10);
                INSERT INTO attempts VALUES (5, 1);
                INSERT INTO jobs (id, run_id, run_attempt, repository_id, name, status, conclusion, head_sha, created_at,
                                  started_at, html_url_given, workflow_name, head_branch) VALUES
                    (3, 5, 1, 10, 'c', 'completed', 'failure', 'x', '2026-01-01T00:00:05Z', '2026-01-01T00:00:06Z', 0, 'Build', 'dev'),
                    (1, 5, 1, 10, 'a', 'completed', 'success', 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 0, 'Build', 'dev');
                INSERT INTO steps VALUES (1, 0, 1, 'Set up job', 'completed', 'success', NULL, NULL);
                """)
        }
        let store = try Store(location: .file(path))
        let page = try store.read { try $0.jobs(runID: 5, attempt: 1, limit: 1, offset: 1) }
        #expect(page.total == 2 && page.jobs.map(\.id) == [3])
        let run = try #require(try store.read { try $0.run(id: 5) })
        #expect(run.rollUp.status == "completed" && run.rollUp.conclusion == "failure")
        #expect(run.rollUp.createdAt == "2026-01-01T00:00:00Z" && run.attributes.workflowName == "Build")
        #expect(run.attributes.headBranch == "dev")
        let listed = try store.read { try $0.runs(repositoryID: 10, filter: RunFilter(), limit: 10, offset: 0) }
        #expect(listed.total == 1 && listed.runs.map(\.id) == [5])
        #expect(try store.read { try $0.job(id: 1) }?.steps.first?.log == nil)
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
