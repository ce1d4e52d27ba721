import Foundation
import JSON
import Testing

/// The four endpoints over real HTTP against the demo seed.
@Suite struct JobEndpointTests {
    let client = DemoEmulator.client
    static let docsJobPath = "/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496"

    /// The docs example's job object plus the two fields the 2026-03-10 schema requires.
    static func expectedDocsJob() throws -> [String: Any] {
        var job = try #require(try JSONSerialization.jsonObject(with: DemoEmulator.fixture("docs-job.json")) as? [String: Any])
        job["run_attempt"] = 1
        job["created_at"] = "2020-01-20T17:42:40Z"
        return job
    }

    @Test func getJobEqualsTheDocsExample() async throws {
        let response = try await client.get(Self.docsJobPath)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        let body = try #require(response.json as? NSDictionary)
        #expect(body == (try Self.expectedDocsJob()) as NSDictionary)
    }

    @Test func jobFieldsComeInTheDocsOrder() async throws {
        let response = try await client.get(Self.docsJobPath)
        guard case .object(let members) = try JSONParser.parse(Array(response.body)) else {
            Issue.record("not an object"); return
        }
        guard case .object(let docsMembers) = try JSONParser.parse(Array(try DemoEmulator.fixture("docs-job.json"))) else {
            Issue.record("fixture is not an object"); return
        }
        let served = members.map(\.key).filter { $0 != "run_attempt" && $0 != "created_at" }
        #expect(served == docsMembers.map(\.key))
        #expect(Set(members.map(\.key)).isSuperset(of: ["run_attempt", "created_at"]))
    }

    @Test(arguments: [
        "/api/v3/repos/octo-org/octo-repo/actions/runs/29679449/jobs",
        "/api/v3/repos/octo-org/octo-repo/actions/runs/29679449/jobs?filter=latest",
        "/api/v3/repos/octo-org/octo-repo/actions/runs/29679449/jobs?filter=all",
        "/api/v3/repos/octo-org/octo-repo/actions/runs/29679449/attempts/1/jobs",
    ])
    func listsEqualTheDocsExample(path: String) async throws {
        let response = try await client.get(path)
        #expect(response.status == 200)
        #expect(response.header("Link") == nil)
        let expected: NSDictionary = ["total_count": 1, "jobs": [try Self.expectedDocsJob()]]
        #expect((response.json as? NSDictionary) == expected)
    }

    @Test func servedWithoutTheAPIPrefixToo() async throws {
        let prefixed = try await client.get(Self.docsJobPath)
        let bare = try await client.get("/repos/octo-org/octo-repo/actions/jobs/399444496")
        #expect(bare.status == 200)
        #expect(bare.body == prefixed.body)
    }

    @Test func ownerAndRepoAreCaseInsensitive() async throws {
        let response = try await client.get("/api/v3/repos/OCTO-ORG/Octo-Repo/actions/jobs/399444496")
        #expect(response.status == 200)
        #expect((response.json as? NSDictionary) == (try Self.expectedDocsJob()) as NSDictionary)
    }

    @Test func derivedFieldsUseTheServerBaseURL() async throws {
        let base = DemoEmulator.shared.listeningURL
        let response = try await client.get("/api/v3/repos/octo-org/octo-repo/actions/jobs/400000021")
        let job = try #require(response.json as? [String: Any])
        #expect(job["url"] as? String == "\(base)/api/v3/repos/octo-org/octo-repo/actions/jobs/400000021")
        #expect(job["run_url"] as? String == "\(base)/api/v3/repos/octo-org/octo-repo/actions/runs/30433642")
        #expect(job["check_run_url"] as? String == "\(base)/api/v3/repos/octo-org/octo-repo/check-runs/400000021")
        #expect(job["html_url"] as? String == "\(base)/octo-org/octo-repo/actions/runs/30433642/job/400000021")
        #expect(job["node_id"] as? String == Data("012:Workflow Job400000021".utf8).base64EncodedString())
        #expect(job["run_attempt"] as? Int == 3)
    }

    @Test func queuedJobHasNullRunnerFields() async throws {
        let response = try await client.get("/api/v3/repos/octo-org/octo-repo/actions/jobs/400200001")
        let job = try #require(response.json as? [String: Any])
        #expect(job["status"] as? String == "queued")
        for field in ["conclusion", "completed_at", "runner_id", "runner_name", "runner_group_id", "runner_group_name"] {
            #expect(job[field] is NSNull, "\(field) should be null")
        }
    }

    @Test func filterLatestAndAllDiffer() async throws {
        func ids(_ path: String) async throws -> (Int, [Int]) {
            let body = try #require(try await client.get(path).json as? [String: Any])
            let jobs = try #require(body["jobs"] as? [[String: Any]])
            return (try #require(body["total_count"] as? Int), jobs.compactMap { $0["id"] as? Int })
        }
        let run = "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642"
        let latest = try await ids(run + "/jobs")
        let explicitLatest = try await ids(run + "/jobs?filter=latest")
        let emptyFilter = try await ids(run + "/jobs?filter=")
        let all = try await ids(run + "/jobs?filter=all")
        #expect(latest.0 == 3 && latest.1 == [400000021, 400000022, 400000023])
        #expect(explicitLatest.1 == latest.1 && emptyFilter.1 == latest.1)
        #expect(all.0 == 7 && all.1 == [400000001, 400000002, 400000011, 400000012, 400000021, 400000022, 400000023])
        let attempt2 = try await ids(run + "/attempts/2/jobs")
        #expect(attempt2.0 == 2 && attempt2.1 == [400000011, 400000012])
    }

    @Test func unknownFilterIsValidationFailed() async throws {
        let response = try await client.get("/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/jobs?filter=newest")
        #expect(response.status == 422)
        let body = try #require(response.json as? [String: Any])
        #expect(body["message"] as? String == "Validation Failed")
        #expect(body["status"] as? String == "422")
        let errors = try #require(body["errors"] as? [[String: Any]])
        #expect(errors.first?["field"] as? String == "filter")
    }

    @Test func headAnswersLikeGetWithoutABody() async throws {
        let get = try await client.get(Self.docsJobPath)
        let head = try await client.get(Self.docsJobPath, method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == get.header("Content-Length"))
    }

    @Test func githubHeadersOnEveryResponse() async throws {
        for path in [Self.docsJobPath, "/api/v3/nowhere"] {
            let response = try await client.get(path)
            #expect(response.header("X-GitHub-Media-Type") == "github.v3; format=json")
            #expect(response.header("X-GitHub-Request-Id")?.isEmpty == false)
        }
        let versioned = try await client.get(Self.docsJobPath, headers: ["X-GitHub-Api-Version": "2026-03-10"])
        #expect(versioned.header("X-GitHub-Api-Version-Selected") == "2026-03-10")
        let unversioned = try await client.get(Self.docsJobPath)
        #expect(unversioned.header("X-GitHub-Api-Version-Selected") == "2022-11-28")
    }
}
