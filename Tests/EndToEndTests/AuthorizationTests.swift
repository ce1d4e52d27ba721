import Foundation
import Testing

/// The authentication and visibility table of behaviour.md, every row on every endpoint,
/// against the demo seed's repositories and tokens (seed-data/04-tokens.json).
@Suite struct AuthorizationTests {
    let client = DemoEmulator.client

    /// One repository of the demo seed with a completed job and its run.
    struct Target: Sendable, CustomStringConvertible {
        var repository: String
        var job: Int
        var run: Int
        var description: String { repository }

        var paths: [String] {
            let base = "/api/v3/repos/\(repository)/actions"
            return ["\(base)/jobs/\(job)", "\(base)/jobs/\(job)/logs", "\(base)/runs/\(run)/attempts/1/jobs", "\(base)/runs/\(run)/jobs"]
        }
    }

    static let publicRepo = Target(repository: "octo-org/octo-repo", job: 399444496, run: 29679449)
    static let privateRepo = Target(repository: "octo-org/private-repo", job: 400300001, run: 30434000)
    static let internalRepo = Target(repository: "octo-org/internal-tools", job: 400400001, run: 30434100)

    /// A row of the table: who calls, which repository, and GitHub's answer.
    struct Row: Sendable, CustomStringConvertible {
        var caller: String
        var token: String?
        var target: Target
        var status: Int
        var message: String?
        var description: String { "\(caller) → \(target): \(status)" }
    }

    static let pat403 = "Resource not accessible by personal access token"
    static let app403 = "Resource not accessible by integration"

    static let rows: [Row] = [
        Row(caller: "no token", token: nil, target: publicRepo, status: 200),
        Row(caller: "no token", token: nil, target: privateRepo, status: 404, message: "Not Found"),
        Row(caller: "no token", token: nil, target: internalRepo, status: 404, message: "Not Found"),
        Row(caller: "unknown token", token: "ghp_doesNotExist00000000000000000000000", target: publicRepo, status: 401, message: "Bad credentials"),
        Row(caller: "unknown token", token: "ghp_doesNotExist00000000000000000000000", target: privateRepo, status: 401, message: "Bad credentials"),
        Row(caller: "expired token", token: "github_pat_octocatExpired_000000000009", target: publicRepo, status: 401, message: "Bad credentials"),
        Row(caller: "expired token", token: "github_pat_octocatExpired_000000000009", target: privateRepo, status: 401, message: "Bad credentials"),
        Row(caller: "revoked token", token: "ghp_octocatRevoked000000000000000000005", target: publicRepo, status: 401, message: "Bad credentials"),
        Row(caller: "revoked token", token: "ghp_octocatRevoked000000000000000000005", target: privateRepo, status: 401, message: "Bad credentials"),
        Row(caller: "classic, reader, repo scope", token: "ghp_octocatRepoScope000000000000000001", target: publicRepo, status: 200),
        Row(caller: "classic, reader, repo scope", token: "ghp_octocatRepoScope000000000000000001", target: privateRepo, status: 200),
        Row(caller: "oauth, reader, repo scope", token: "gho_octocatOAuthRepo000000000000000004", target: privateRepo, status: 200),
        Row(caller: "classic without repo scope", token: "ghp_octocatNoRepoScope0000000000000002", target: publicRepo, status: 200),
        Row(caller: "classic without repo scope", token: "ghp_octocatNoRepoScope0000000000000002", target: privateRepo, status: 404, message: "Not Found"),
        Row(caller: "classic without repo scope", token: "ghp_octocatNoRepoScope0000000000000002", target: internalRepo, status: 404, message: "Not Found"),
        Row(caller: "classic, user cannot read", token: "ghp_hubotRepoScope00000000000000000003", target: publicRepo, status: 200),
        Row(caller: "classic, user cannot read", token: "ghp_hubotRepoScope00000000000000000003", target: privateRepo, status: 404, message: "Not Found"),
        Row(caller: "classic, any user, internal", token: "ghp_hubotRepoScope00000000000000000003", target: internalRepo, status: 200),
        Row(caller: "fine-grained, selected, actions:read", token: "github_pat_octocatActionsRead_0000000006", target: privateRepo, status: 200),
        Row(caller: "fine-grained, selected, actions:read", token: "github_pat_octocatActionsRead_0000000006", target: internalRepo, status: 200),
        Row(caller: "fine-grained, no actions permission", token: "github_pat_octocatNoActions_00000000007", target: publicRepo, status: 200),
        Row(caller: "fine-grained, no actions permission", token: "github_pat_octocatNoActions_00000000007", target: privateRepo, status: 403, message: pat403),
        Row(caller: "fine-grained, not selected", token: "github_pat_octocatUnselected_0000000008", target: publicRepo, status: 200),
        Row(caller: "fine-grained, not selected", token: "github_pat_octocatUnselected_0000000008", target: privateRepo, status: 404, message: "Not Found"),
        Row(caller: "installation, actions:read", token: "ghs_installationActionsRead000000000010", target: privateRepo, status: 200),
        Row(caller: "installation, actions:read", token: "ghs_installationActionsRead000000000010", target: internalRepo, status: 200),
        Row(caller: "installation, no actions permission", token: "ghs_installationNoActions00000000000011", target: privateRepo, status: 403, message: app403),
        Row(caller: "installation, not selected", token: "ghs_installationUnselected000000000012", target: privateRepo, status: 404, message: "Not Found"),
        Row(caller: "installation, not selected", token: "ghs_installationUnselected000000000012", target: publicRepo, status: 200),
        Row(caller: "app user, actions:read", token: "ghu_octocatAppUserActions0000000000013", target: privateRepo, status: 200),
        Row(caller: "app user, no actions permission", token: "ghu_octocatAppUserNoActions000000000014", target: privateRepo, status: 403, message: app403),
        Row(caller: "app user, not selected", token: "ghu_octocatAppUserUnselected00000000015", target: privateRepo, status: 404, message: "Not Found"),
        Row(caller: "app user who cannot read", token: "ghu_hubotAppUserActions000000000000016", target: privateRepo, status: 404, message: "Not Found"),
        Row(caller: "app user, any user, internal", token: "ghu_hubotAppUserActions000000000000016", target: internalRepo, status: 200),
    ]

    @Test(arguments: rows, [0, 1, 2, 3])
    func row(_ row: Row, endpoint: Int) async throws {
        let path = row.target.paths[endpoint]
        var headers: [String: String] = [:]
        if let token = row.token { headers["Authorization"] = "Bearer \(token)" }
        let response = try await client.get(path, headers: headers)
        let expected = endpoint == 1 && row.status == 200 ? 302 : row.status
        #expect(response.status == expected, "\(row) on \(path)")
        if let message = row.message {
            let body = response.json as? [String: Any]
            #expect(body?["message"] as? String == message)
            #expect(body?["status"] as? String == String(row.status))
        }
        if row.status == 403 {
            #expect(response.header("X-Accepted-GitHub-Permissions") == "actions=read")
        }
    }

    @Test func tokenSchemeIsAcceptedToo() async throws {
        let path = Self.privateRepo.paths[0]
        let response = try await client.get(path, headers: ["Authorization": "token ghp_octocatRepoScope000000000000000001"])
        #expect(response.status == 200)
        #expect(response.header("X-OAuth-Scopes") == "repo, workflow")
    }

    @Test(arguments: ["Basic abc", "Bearer", "Bearer    ", "ghp_octocatRepoScope000000000000000001"])
    func malformedAuthorizationIsBadCredentials(header: String) async throws {
        let response = try await client.get(Self.publicRepo.paths[0], headers: ["Authorization": header])
        #expect(response.status == 401)
    }

    @Test func badCredentialsBeatEverythingButRouting() async throws {
        let bad = ["Authorization": "Bearer ghp_nope", "X-GitHub-Api-Version": "v3"]
        for path in ["/api/v3/repos/x/y/actions/jobs/abc", Self.privateRepo.paths[0], "/api/v3/rate_limit"] {
            #expect(try await client.get(path, headers: bad).status == 401)
        }
        // GitHub routes before it authenticates: a path that leads nowhere is a 404 whatever the credential.
        for header in ["Bearer ghp_nope", "Basic abc", "Bearer ghp_octocatRepoScope000000000000000001"] {
            let response = try await client.get("/api/v3/nowhere", headers: ["Authorization": header])
            #expect(response.status == 404)
            #expect((response.json as? [String: Any])?["message"] as? String == "Not Found")
        }
    }

    @Test func hiddenRepositoryLooksExactlyLikeAMissingOne() async throws {
        let token = ["Authorization": "Bearer ghp_hubotRepoScope00000000000000000003"]
        for endpoint in 0..<4 {
            let hidden = try await client.get(Self.privateRepo.paths[endpoint], headers: token)
            let missing = try await client.get(Self.privateRepo.paths[endpoint].replacingOccurrences(of: "private-repo", with: "no-such-repo"),
                                               headers: token)
            #expect(hidden.status == 404 && missing.status == 404)
            #expect(hidden.body == missing.body)
            let varying: Set<String> = ["date", "x-github-request-id", "x-ratelimit-remaining", "x-ratelimit-used", "x-ratelimit-reset"]
            func stable(_ response: HTTPClient.Response) -> [String: String] {
                response.headers.filter { !varying.contains($0.key.lowercased()) }
            }
            #expect(stable(hidden) == stable(missing))
        }
    }

    /// Timing must not tell a hidden repository from a missing one either. Requests alternate
    /// so that load on the machine hits both alike; the bound is generous (a slow machine must
    /// not fail it) yet far below what a store read only one side makes (about a millisecond).
    @Test func hiddenRepositoryAnswersAsFastAsAMissingOne() async throws {
        let token = ["Authorization": "Bearer ghp_hubotRepoScope00000000000000000003"]
        let hiddenPath = Self.privateRepo.paths[0]
        let missingPath = hiddenPath.replacingOccurrences(of: "private-repo", with: "no-such-repo")
        var hidden: [Double] = []
        var missing: [Double] = []
        for round in 0..<600 {
            let path = round % 2 == 0 ? hiddenPath : missingPath
            let started = ContinuousClock.now
            let response = try await client.get(path, headers: token)
            let elapsed = ContinuousClock.now - started
            #expect(response.status == 404)
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            if round >= 100 { (round % 2 == 0 ? { hidden.append(milliseconds) } : { missing.append(milliseconds) })() }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let (a, b) = (median(hidden), median(missing))
        #expect(abs(a - b) < max(0.25, 0.3 * min(a, b)), "median \(a) ms hidden vs \(b) ms missing")
    }

    @Test func fineGrainedTokenReportsItsExpiry() async throws {
        let response = try await client.get(Self.privateRepo.paths[0],
                                            headers: ["Authorization": "Bearer github_pat_octocatActionsRead_0000000006"])
        #expect(response.header("GitHub-Authentication-Token-Expiration") == "2030-01-01 00:00:00 UTC")
    }

    @Test func unsupportedVersionIs400WithGitHubsMessage() async throws {
        let response = try await client.get(Self.publicRepo.paths[0], headers: ["X-GitHub-Api-Version": "v3"])
        #expect(response.status == 400)
        let body = try #require(response.json as? [String: Any])
        #expect((body["message"] as? String)?.hasPrefix("The version you specified in the \"X-GitHub-API-Version\" request header, \"v3\", is not a supported version.") == true)
    }
}
