import Foundation
import Seed
import Store
import Testing

@Suite struct SeedDocumentTests {
    static let now = "2026-11-25T12:00:00Z"

    /// Both passes: the document, and its jobs read and validated.
    static func parse(_ text: String) throws -> (document: SeedDocument, jobs: [SeedDocument.Job]) {
        let document = try SeedDocument.parse(Array(text.utf8), source: "seed.json", now: now)
        return (document, try document.allJobs())
    }

    static let repository = #"{"owner": "o", "name": "r"}"#

    static func jobSeed(_ extra: String) -> String {
        #"{"repositories": [\#(repository)], "jobs": [{"repository": "o/r", "id": 1, "run_id": 2\#(extra)}]}"#
    }

    @Test func minimalJobGetsDefaults() throws {
        let (document, jobs) = try Self.parse(Self.jobSeed(""))
        let job = try #require(jobs.first?.record)
        #expect(job.name == "job-1")
        #expect(job.status == "queued")
        #expect(job.runAttempt == 1)
        #expect(job.createdAt == Self.now && job.startedAt == Self.now)
        #expect(job.headSHA.count == 40)
        #expect(job.htmlURL == .derived)
        #expect(document.repositories.first?.visibility == .public)
    }

    @Test func givenValuesAreKeptVerbatim() throws {
        let (_, jobs) = try Self.parse(Self.jobSeed(#", "status": "completed", "conclusion": "success", "started_at": "2020-01-20T09:42:40.000-08:00", "html_url": null, "runner_id": null"#))
        let job = try #require(jobs.first?.record)
        #expect(job.startedAt == "2020-01-20T09:42:40.000-08:00")
        #expect(job.createdAt == "2020-01-20T09:42:40.000-08:00")
        #expect(job.htmlURL == .given(nil))
        #expect(job.runnerID == nil)
    }

    @Test(arguments: [
        (#"{"jobs": 5}"#, "$.jobs", "expected an array"),
        (#"{"job": []}"#, "$.job", "unknown field"),
        (#"{"repositories": [{"owner": "o"}]}"#, "$.repositories[0].name", "required"),
        (#"{"repositories": [{"owner": "o/x", "name": "r"}]}"#, "$.repositories[0].owner", "may contain only"),
        (#"{"repositories": [{"owner": "o", "name": "r", "visibility": "secret"}]}"#, "$.repositories[0].visibility", "expected one of public, private, internal"),
        (#"{"repositories": [{"owner": "o", "name": "r"}, {"owner": "O", "name": "R"}]}"#, "$.repositories[1]", "declared twice"),
        (jobSeed(#", "status": "done""#), "$.jobs[0].status", "expected one of queued"),
        (jobSeed(#", "conclusion": "great""#), "$.jobs[0].conclusion", "expected null or one of success"),
        (jobSeed(#", "status": "queued", "conclusion": "success""#), "$.jobs[0].conclusion", "only a completed job"),
        (jobSeed(#", "started_at": "yesterday""#), "$.jobs[0].started_at", "RFC 3339"),
        (jobSeed(#", "started_at": "2020-02-30T00:00:00Z""#), "$.jobs[0].started_at", "RFC 3339"),
        (jobSeed(#", "run_attempt": 0"#), "$.jobs[0].run_attempt", "at least 1"),
        (jobSeed(#", "runner_id": "one""#), "$.jobs[0].runner_id", "expected an integer"),
        (jobSeed(#", "labels": ["a", 2]"#), "$.jobs[0].labels[1]", "expected a string"),
        (jobSeed(#", "steps": [{"status": "completed"}]"#), "$.jobs[0].steps[0].name", "required"),
        (jobSeed(#", "steps": [{"name": "s", "status": "done"}]"#), "$.jobs[0].steps[0].status", "expected one of"),
        (jobSeed(#", "url": null"#), "$.jobs[0].url", "expected a string"),
        (jobSeed(#", "staus": "queued""#), "$.jobs[0].staus", "unknown field"),
        (#"{"jobs": [{"id": 1, "run_id": 2}]}"#, "$.jobs[0].repository", "required"),
        (#"{"jobs": [{"repository": "o", "id": 1, "run_id": 2}]}"#, "$.jobs[0].repository", "owner/name"),
        (#"{"jobs": [{"repository": "o/r", "id": 1.5, "run_id": 2}]}"#, "$.jobs[0].id", "expected an integer"),
        (#"{"tokens": [{"token": "abc", "user": "u"}]}"#, "$.tokens[0].kind", "required"),
        (#"{"tokens": [{"token": "ghp_x"}]}"#, "$.tokens[0].user", "required"),
        (#"{"tokens": [{"token": "ghp_x", "user": "u", "permissions": {"actions": "read"}}]}"#, "$.tokens[0].permissions", "scopes"),
        (#"{"tokens": [{"token": "github_pat_x", "user": "u", "permissions": {"actions": "maybe"}}]}"#, "$.tokens[0].permissions.actions", "expected one of"),
        (#"{"tokens": [{"token": "ghs_x", "repositories": ["nope"]}]}"#, "$.tokens[0].repositories[0]", "owner/name"),
        (#"{"jobs": [1}"#, "$", "not valid JSON: line 1, column 12"),
    ])
    func badSeedsNamePathAndReason(text: String, path: String, reason: String) {
        #expect {
            _ = try Self.parse(text)
        } throws: { error in
            guard let error = error as? SeedError else { return false }
            return error.source == "seed.json" && error.path == path && error.reason.contains(reason)
        }
    }

    @Test func commentKeysAreAllowed() throws {
        #expect(try Self.parse(#"{"_comment": "hi", "$schema": "x", "jobs": []}"#).jobs.isEmpty)
        #expect(try Self.parse(#"{"_comment": {"nested": [1, {"x": "y"}]}, "jobs": []}"#).document.jobCount == 0)
    }

    @Test func tokenKindFollowsThePrefix() throws {
        let (document, _) = try Self.parse(#"{"tokens": [{"token": "gho_a", "user": "u", "scopes": ["repo"]}, {"token": "ghs_b", "repositories": "all", "permissions": {"actions": "read"}}]}"#)
        #expect(document.tokens.map(\.kind) == [.oauth, .installation])
        #expect(document.tokens[1].repositories == .all)
    }
}

@Suite struct SeedLoaderTests {
    static let loadTime = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func loadsTheDemoSeed() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let documents = try SeedLoader.readFiles([root + "/seed-data"], now: SeedDocumentTests.now)
        #expect(documents.map { URL(fileURLWithPath: $0.name).lastPathComponent } == ["01-docs-example.json", "02-matrix.json", "03-showcase.json", "04-tokens.json", "05-live-run.json", "06-deploy.json", "07-apps.json", "08-webhooks.json"])
        let store = try Store()
        let reports = try SeedLoader.load(documents, into: store, now: SeedLoaderTests.loadTime)
        // The seeded jobs, and the live run's three scheduled ones.
        #expect(reports.map(\.jobs).reduce(0, +) + 3 == (try store.read { try $0.counts() }.jobs))
        #expect(reports.map(\.runs) == [0, 0, 0, 0, 1, 0, 0, 0])
        #expect(try store.read { try $0.organization("octo-org") }?.admins == ["octocat"])
        #expect(try store.read { try $0.run(id: 30433642) }?.latestAttempt == 3)
        #expect(try store.read { try $0.installation(appID: 1001, account: "octo-org") }?.id == 5001)
    }

    @Test func aBadDocumentLoadsNothingAtAll() throws {
        let store = try Store()
        let good = try SeedDocumentTests.parse(SeedDocumentTests.jobSeed("")).document
        let bad = try SeedDocument.parse(Array(#"{"jobs": [{"repository": "nobody/here", "id": 9, "run_id": 9}]}"#.utf8),
                                         source: "bad.json", now: SeedDocumentTests.now)
        #expect(throws: SeedError(source: "bad.json", path: "$.jobs[0].repository",
                                  reason: "unknown repository nobody/here; declare it under \"repositories\"")) {
            try SeedLoader.load([good, bad], into: store, now: SeedLoaderTests.loadTime)
        }
        #expect(try store.read { try $0.counts() } == StoreCounts(repositories: 0, tokens: 0, runs: 0, jobs: 0, steps: 0))
    }

    @Test func aRunCannotSpanRepositories() throws {
        let store = try Store()
        let document = try SeedDocument.parse(Array(#"""
            {"repositories": [{"owner": "o", "name": "a"}, {"owner": "o", "name": "b"}],
             "jobs": [{"repository": "o/a", "id": 1, "run_id": 7}, {"repository": "o/b", "id": 2, "run_id": 7}]}
            """#.utf8), source: "s.json", now: SeedDocumentTests.now)
        #expect(throws: SeedError(source: "s.json", path: "$.jobs[1].run_id", reason: "run 7 belongs to o/a, not o/b")) {
            try SeedLoader.load([document], into: store, now: SeedLoaderTests.loadTime)
        }
    }

    @Test func loadingTwiceUpserts() throws {
        let store = try Store()
        let document = try SeedDocumentTests.parse(SeedDocumentTests.jobSeed(#", "name": "first""#)).document
        try SeedLoader.load([document], into: store, now: SeedLoaderTests.loadTime)
        let renamed = try SeedDocumentTests.parse(SeedDocumentTests.jobSeed(#", "name": "second""#)).document
        try SeedLoader.load([renamed], into: store, now: SeedLoaderTests.loadTime)
        #expect(try store.read { try $0.job(id: 1) }?.name == "second")
        #expect(try store.read { try $0.counts() }.jobs == 1)
    }

    @Test func missingFileIsNamed() {
        #expect(throws: SeedError(source: "/no/such/seed.json", path: "$", reason: "no such file or folder")) {
            try SeedLoader.readFiles(["/no/such/seed.json"], now: SeedDocumentTests.now)
        }
    }
}

/// The complete seed example in docs/seeds.md must stay a valid seed.
@Suite struct ReadmeSeedTests {
    @Test func theReadmeExampleLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("docs/seeds.md"), encoding: .utf8)
        let block = try #require(readme.firstMatch(of: /```json\n([\s\S]*?)```/)?.1)
        let document = try SeedDocument.parse(Array(block.utf8), source: "docs/seeds.md", now: SeedDocumentTests.now)
        #expect(document.repositories.count == 2 && document.tokens.count == 6 && document.jobCount == 1)
        let store = try Store()
        try SeedLoader.load([document], into: store, now: SeedLoaderTests.loadTime)
        #expect(try store.read { try $0.job(id: 500000001) }?.steps.count == 2)
    }
}

@Suite struct SeedProgressTests {
    @Test func largeSeedsReportProgress() throws {
        let count = SeedLoader.progressInterval * 2 + 5
        var text = #"{"repositories": [{"owner": "o", "name": "r"}], "jobs": ["#
        text += (1...count).map { #"{"repository": "o/r", "id": \#($0), "run_id": 1}"# }.joined(separator: ",")
        text += "]}"
        let document = try SeedDocument.parse(Array(text.utf8), source: "big.json", now: SeedDocumentTests.now)
        var seen: [SeedLoader.Progress] = []
        try SeedLoader.load([document], into: try Store(), now: SeedLoaderTests.loadTime) { seen.append($0) }
        #expect(seen.map(\.jobsLoaded) == [SeedLoader.progressInterval, SeedLoader.progressInterval * 2])
        #expect(seen.allSatisfy { $0.jobsTotal == count && $0.source == "big.json" })
    }
}

@Suite struct SeedOrderTests {
    @Test func aJobMayNameARepositoryALaterFileDeclares() throws {
        let jobs = try SeedDocument.parse(Array(#"{"jobs": [{"repository": "o/r", "id": 1, "run_id": 2}]}"#.utf8),
                                          source: "a-jobs.json", now: SeedDocumentTests.now)
        let repositories = try SeedDocument.parse(Array(#"{"repositories": [{"owner": "o", "name": "r"}]}"#.utf8),
                                                  source: "b-repositories.json", now: SeedDocumentTests.now)
        let store = try Store()
        try SeedLoader.load([jobs, repositories], into: store, now: SeedLoaderTests.loadTime)
        #expect(try store.read { try $0.job(id: 1) } != nil)
    }
}

/// Seeds' scheduled runs: validated with JSON paths, started at load time, kept when loaded again.
@Suite struct RunSeedTests {
    static func document(_ runs: String) throws -> SeedDocument {
        try SeedDocument.parse(Array(#"{"repositories": [{"owner": "o", "name": "r"}], "runs": \#(runs)}"#.utf8),
                               source: "runs.json", now: SeedDocumentTests.now)
    }

    @Test(arguments: [
        (#"[{"jobs": [{"name": "a"}]}]"#, "$.runs[0].repository: required"),
        (#"[{"repository": "o/r", "jobs": []}]"#, "$.runs[0].jobs: a scheduled run needs at least one job"),
        (#"[{"repository": "o/r", "jobs": [{"queued_seconds": -1}]}]"#, "$.runs[0].jobs[0].queued_seconds: must be from 0 to 604800 seconds, found -1"),
        (#"[{"repository": "o/r", "jobs": [{"queued_seconds": "soon"}]}]"#, "$.runs[0].jobs[0].queued_seconds: expected a number of seconds"),
        (#"[{"repository": "o/r", "jobs": [{"steps": [{"seconds": 1e9}]}]}]"#, "$.runs[0].jobs[0].steps[0].seconds: must be from 0 to 604800"),
        (#"[{"repository": "o/r", "jobs": [{"steps": [{"conclusion": "passed"}]}]}]"#, "$.runs[0].jobs[0].steps[0].conclusion: expected one of success, failure, cancelled, skipped"),
        (#"[{"repository": "o/r", "jobs": [{"stepz": []}]}]"#, "$.runs[0].jobs[0].stepz: unknown field"),
        (#"[{"repository": "o/r", "path": "ci.yml", "jobs": [{}]}]"#, "$.runs[0].path: expected a file under .github/workflows/"),
        (#"[{"repository": "o/r", "head_sha": "abc", "jobs": [{}]}]"#, "$.runs[0].head_sha: expected 40 lower-case hexadecimal digits"),
    ] as [(String, String)])
    func badRunsNameTheirPath(runs: String, message: String) {
        #expect { _ = try Self.document(runs) } throws: { "\($0)".contains("runs.json: " + message) }
    }

    @Test func runsStartAtLoadTimeAndAreKeptWhenLoadedAgain() throws {
        let document = try Self.document(#"[{"repository": "o/r", "run_id": 77, "jobs": [{"name": "a", "steps": [{"seconds": 5}]}]}]"#)
        let store = try Store()
        let first = try SeedLoader.load([document], into: store, now: SeedLoaderTests.loadTime)
        #expect(first.map(\.runs) == [1])
        let run = try #require(try store.read { try $0.run(id: 77) })
        #expect(run.rollUp.status == "in_progress" && run.rollUp.createdAt == "2026-11-18T11:06:40Z")
        let again = try SeedLoader.load([document], into: store, now: SeedLoaderTests.loadTime.addingTimeInterval(600))
        #expect(again.map(\.runs) == [0])
        #expect(try store.read { try $0.run(id: 77) }?.rollUp.createdAt == "2026-11-18T11:06:40Z")
    }

    @Test func anUnknownRepositoryLoadsNothing() throws {
        let document = try SeedDocument.parse(Array(#"{"runs": [{"repository": "x/y", "jobs": [{}]}]}"#.utf8),
                                              source: "runs.json", now: SeedDocumentTests.now)
        let store = try Store()
        #expect { try SeedLoader.load([document], into: store, now: SeedLoaderTests.loadTime) } throws: {
            "\($0)" == "runs.json: $.runs[0].repository: unknown repository x/y; declare it under \"repositories\""
        }
        #expect(try store.read { try $0.counts() }.runs == 0)
    }
}

/// Large documents are read on a second thread while the first stores them: the first error in
/// document order still wins, and a bad job anywhere still loads nothing.
@Suite struct ReadAheadTests {
    static let count = SeedLoader.readAheadBatch * (SeedLoader.readAheadBatches + 3) + 17

    /// `count` jobs of runs 1 and 2 in o/a, with `replace` swapping in other text for job `index`.
    static func document(replacing index: Int? = nil, with replacement: String = "") throws -> SeedDocument {
        let jobs = (0..<count).map { job in
            job == index ? replacement : #"{"repository": "o/a", "id": \#(job + 1), "run_id": \#(job % 2 + 1)}"#
        }
        let text = #"{"repositories": [{"owner": "o", "name": "a"}, {"owner": "o", "name": "b"}], "jobs": ["#
            + jobs.joined(separator: ",\n") + "]}"
        return try SeedDocument.parse(Array(text.utf8), source: "large.json", now: SeedDocumentTests.now)
    }

    static func expectNothingLoaded(_ store: Store) throws {
        #expect(try store.read { try $0.counts() } == StoreCounts(repositories: 0, tokens: 0, runs: 0, jobs: 0, steps: 0))
    }

    @Test func loadsEveryJobInOrder() throws {
        let store = try Store()
        let reports = try SeedLoader.load([try Self.document()], into: store, now: SeedLoaderTests.loadTime)
        #expect(reports.first?.jobs == Self.count)
        #expect(try store.read { try $0.counts() }.jobs == Self.count)
        #expect(try store.read { try $0.job(id: Int64(Self.count)) } != nil)
    }

    @Test(arguments: [0, SeedLoader.readAheadBatch + 1, count - 1])
    func aBadJobAnywhereLoadsNothing(index: Int) throws {
        let store = try Store()
        let document = try Self.document(replacing: index, with: #"{"repository": "o/a", "id": 99999, "run_id": 1, "status": "done"}"#)
        #expect(throws: SeedError(source: "large.json", path: "$.jobs[\(index)].status",
                                  reason: "expected one of queued, in_progress, completed, waiting, requested, pending, found \"done\"")) {
            try SeedLoader.load([document], into: store, now: SeedLoaderTests.loadTime)
        }
        try Self.expectNothingLoaded(store)
    }

    /// A store-side refusal (a run in two repositories) stops the reading thread, and a later
    /// reading error does not replace it.
    @Test func theFirstErrorInDocumentOrderWins() throws {
        let store = try Store()
        let index = SeedLoader.readAheadBatch * 2 + 3
        let document = try Self.document(replacing: index, with: #"{"repository": "o/b", "id": 99999, "run_id": 1}"#)
        #expect(throws: SeedError(source: "large.json", path: "$.jobs[\(index)].run_id", reason: "run 1 belongs to o/a, not o/b")) {
            try SeedLoader.load([document], into: store, now: SeedLoaderTests.loadTime)
        }
        try Self.expectNothingLoaded(store)
    }

    @Test func aRepeatedIDInALaterBatchIsNamed() throws {
        let index = SeedLoader.readAheadBatch * 3
        let document = try Self.document(replacing: index, with: #"{"repository": "o/a", "id": 5, "run_id": 2}"#)
        let store = try Store()
        #expect(throws: SeedError(source: "large.json", path: "$.jobs[\(index)].id", reason: "job 5 is declared twice")) {
            try SeedLoader.load([document], into: store, now: SeedLoaderTests.loadTime)
        }
        try Self.expectNothingLoaded(store)
    }
}

/// Jobs appended in id order take the next positions at once; others renumber their run. Both
/// must page the same.
@Suite struct JobPositionTests {
    static func pageIDs(_ store: Store, run: Int64) throws -> [Int64] {
        try store.read { reader in try reader.jobs(runID: run, attempt: nil, limit: 100, offset: 0).jobs.map(\.id) }
    }

    @Test func jobsOutOfOrderAndAcrossLoadsPageInIDOrder() throws {
        let store = try Store()
        func load(_ ids: [Int]) throws {
            let jobs = ids.map { #"{"repository": "o/r", "id": \#($0), "run_id": 7}"# }.joined(separator: ",")
            let text = #"{"repositories": [{"owner": "o", "name": "r"}], "jobs": [\#(jobs)]}"#
            try SeedLoader.load([try SeedDocument.parse(Array(text.utf8), source: "s.json", now: SeedDocumentTests.now)],
                                into: store, now: SeedLoaderTests.loadTime)
        }
        try load([10, 20, 30])
        #expect(try Self.pageIDs(store, run: 7) == [10, 20, 30])
        try load([40, 50])  // appended in a second load
        #expect(try Self.pageIDs(store, run: 7) == [10, 20, 30, 40, 50])
        try load([60, 25, 70])  // one out of order: the run is renumbered
        #expect(try Self.pageIDs(store, run: 7) == [10, 20, 25, 30, 40, 50, 60, 70])
    }
}
