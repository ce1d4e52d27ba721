import Foundation
import Testing

/// Every way of asking for something that is not there (or not yours) is GitHub's 404.
@Suite struct NotFoundTests {
    let client = DemoEmulator.client

    @Test(arguments: [
        "/api/v3/nowhere",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs/abc",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs/-1",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs/1e3",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs/99999999999999999999999",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs/1",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs/1/logs",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs/400500001",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs/400500001/logs",
        "/api/v3/repos/other-org/other-repo/actions/jobs/399444496",
        "/api/v3/repos/octo-org/no-such-repo/actions/jobs/399444496",
        "/api/v3/repos/octo-org/octo-repo/actions/runs/1/jobs",
        "/api/v3/repos/octo-org/octo-repo/actions/runs/abc/jobs",
        "/api/v3/repos/octo-org/octo-repo/actions/runs/30435000/jobs",
        "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/attempts/4/jobs",
        "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/attempts/0/jobs",
        "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/attempts/x/jobs",
        "/api/v3/repos/octo-org/octo-repo/actions/runs/99/attempts/1/jobs",
        "/api/v3/repos/octo-org/octo-repo//actions/jobs/399444496",
        "/api/v3/repos/octo-org/private-repo/actions/jobs/400300001",
        "/api/v3/repos/octo-org/internal-tools/actions/jobs/400400001",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs/400200001/logs",
        "/api/v3/repos/octo-org/octo-repo/actions/jobs/400200002/logs",
    ])
    func notFound(path: String) async throws {
        let response = try await client.get(path)
        #expect(response.status == 404, "\(path)")
        let body = try #require(response.json as? [String: Any])
        #expect(body["message"] as? String == "Not Found")
        #expect(body["status"] as? String == "404")
        #expect((body["documentation_url"] as? String)?.hasPrefix("https://docs.github.com/") == true)
    }

    @Test(arguments: ["POST", "PUT", "PATCH", "DELETE"])
    func otherMethodsAreNotFound(method: String) async throws {
        let response = try await client.get(JobEndpointTests.docsJobPath, method: method)
        #expect(response.status == 404)
    }
}
