import Foundation
import Testing

/// actions-write.md's table of who may write, every row on every write route, against the demo
/// seed (octocat writes octo-org/octo-repo, monalisa octo-org/private-repo; seed-data/04-tokens.json).
/// A refused write changes nothing; a refusal on a private repository is byte for byte the 404
/// of a repository that does not exist.
@Suite struct WriteAuthorizationTests {
    /// A repository with a completed run and job, and a workflow to dispatch.
    struct Target: Sendable, CustomStringConvertible {
        var repository: String
        var run: Int
        var job: Int
        var workflow: String
        var description: String { repository }
        var base: String { "/api/v3/repos/\(repository)/actions" }
    }

    static let publicRepo = Target(repository: "octo-org/octo-repo", run: 29679449, job: 399444496, workflow: "deploy.yml")
    static let privateRepo = Target(repository: "octo-org/private-repo", run: 30434000, job: 400300001, workflow: "private-ci.yml")

    /// Every write route, each with a probe an allowed caller gets a known answer to, in an
    /// order that keeps the later probes meaningful (the run is deleted last).
    struct Probe: Sendable {
        var method: String
        var path: String
        var body: String?
        /// What a caller allowed to write gets.
        var allowed: Int
    }

    static func probes(_ target: Target) -> [Probe] {
        let run = "\(target.base)/runs/\(target.run)"
        let invalid = #"{"not_a_key": 1}"#
        return [
            Probe(method: "POST", path: "\(target.base)/workflows/\(target.workflow)/dispatches", body: "{}", allowed: 422),
            Probe(method: "POST", path: "\(run)/rerun", body: invalid, allowed: 422),
            Probe(method: "POST", path: "\(run)/rerun-failed-jobs", body: invalid, allowed: 422),
            Probe(method: "POST", path: "\(target.base)/jobs/\(target.job)/rerun", body: invalid, allowed: 422),
            Probe(method: "POST", path: "\(run)/cancel", allowed: 409),
            Probe(method: "POST", path: "\(run)/force-cancel", allowed: 409),
            Probe(method: "PUT", path: "\(target.base)/workflows/\(target.workflow)/disable", allowed: 204),
            Probe(method: "PUT", path: "\(target.base)/workflows/\(target.workflow)/enable", allowed: 204),
            Probe(method: "DELETE", path: "\(run)/logs", allowed: 204),
            Probe(method: "DELETE", path: run, allowed: 204),
        ]
    }

    /// A row of the table: who calls, where, and what a refused caller is told (`nil`: allowed).
    struct Row: Sendable, CustomStringConvertible {
        var caller: String
        var token: String?
        var target: Target
        var refusal: (status: Int, message: String, acceptedPermissions: Bool)?
        var description: String { "\(caller) → \(target)" }
    }

    static let admin = (status: 403, message: "Must have admin rights to Repository.", acceptedPermissions: false)
    static let hidden = (status: 404, message: "Not Found", acceptedPermissions: false)
    static let pat = (status: 403, message: "Resource not accessible by personal access token", acceptedPermissions: true)
    static let integration = (status: 403, message: "Resource not accessible by integration", acceptedPermissions: true)
    static let badCredentials = (status: 401, message: "Bad credentials", acceptedPermissions: false)

    static let rows: [Row] = [
        Row(caller: "anonymous", token: nil, target: publicRepo, refusal: admin),
        Row(caller: "classic, user without write", token: "ghp_hubotRepoScope00000000000000000003", target: publicRepo, refusal: admin),
        Row(caller: "classic without repo", token: "ghp_octocatNoRepoScope0000000000000002", target: publicRepo, refusal: admin),
        Row(caller: "classic, writer", token: "ghp_octocatRepoScope000000000000000001", target: publicRepo),
        Row(caller: "oauth, writer", token: "gho_octocatOAuthRepo000000000000000004", target: publicRepo),
        Row(caller: "revoked", token: "ghp_octocatRevoked000000000000000000005", target: publicRepo, refusal: badCredentials),
        Row(caller: "fine-grained, actions write", token: "github_pat_octocatActionsWrite_000000017", target: publicRepo),
        Row(caller: "fine-grained, actions read", token: "github_pat_octocatUnselected_0000000008", target: publicRepo, refusal: pat),
        Row(caller: "fine-grained, not selected", token: "github_pat_octocatActionsRead_0000000006", target: publicRepo, refusal: admin),
        Row(caller: "installation, actions write", token: "ghs_installationActionsWrite00000000018", target: publicRepo),
        Row(caller: "installation, actions read", token: "ghs_installationActionsRead000000000010", target: publicRepo, refusal: integration),
        Row(caller: "installation, not selected", token: "ghs_installationNoActions00000000000011", target: publicRepo, refusal: admin),
        Row(caller: "app user, actions write", token: "ghu_octocatAppUserUnselected00000000015", target: publicRepo),
        Row(caller: "app user, not selected", token: "ghu_hubotAppUserActions000000000000016", target: publicRepo, refusal: admin),

        Row(caller: "anonymous", token: nil, target: privateRepo, refusal: hidden),
        Row(caller: "classic, reader only", token: "ghp_octocatRepoScope000000000000000001", target: privateRepo, refusal: hidden),
        Row(caller: "classic without repo", token: "ghp_octocatNoRepoScope0000000000000002", target: privateRepo, refusal: hidden),
        Row(caller: "classic, writer", token: "ghp_monalisaRepoScope000000000000000019", target: privateRepo),
        Row(caller: "revoked", token: "ghp_octocatRevoked000000000000000000005", target: privateRepo, refusal: badCredentials),
        Row(caller: "fine-grained write, user only reads", token: "github_pat_octocatActionsWrite_000000017", target: privateRepo,
            refusal: hidden),
        Row(caller: "installation, actions write", token: "ghs_installationActionsWrite00000000018", target: privateRepo),
        Row(caller: "installation, actions read", token: "ghs_installationActionsRead000000000010", target: privateRepo,
            refusal: integration),
        Row(caller: "installation, no actions", token: "ghs_installationNoActions00000000000011", target: privateRepo,
            refusal: integration),
        Row(caller: "installation, not selected", token: "ghs_installationUnselected000000000012", target: privateRepo, refusal: hidden),
        Row(caller: "app user, user only reads", token: "ghu_octocatAppUserActions0000000000013", target: privateRepo, refusal: hidden),
    ]

    /// The repository as the dashboard reads it, whatever the caller: what a refused write must not change.
    static func snapshot(_ client: HTTPClient, _ target: Target) async throws -> [Data] {
        let administrator = "/_emulator/api/repos/\(target.repository)/actions"
        var bodies: [Data] = []
        for path in ["/runs/\(target.run)", "/runs/\(target.run)/jobs", "/workflows", "/runs"] {
            bodies.append(try await client.get(administrator + path).body)
        }
        return bodies
    }

    @Test(arguments: rows) func everyWriteRouteAnswersTheRow(_ row: Row) async throws {
        let emulator = try DemoEmulator.start()
        defer { emulator.stop() }
        let client = HTTPClient(baseURL: emulator.listeningURL)
        let headers = row.token.map { ["Authorization": "Bearer \($0)"] } ?? [:]
        // The demo's live run moves on the system clock; hold the clock where it is so only a
        // write could change what the snapshots read.
        let clock = try #require(try await client.get("/_emulator/clock").json as? [String: Any])
        let now = try #require(clock["now"] as? String)
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"now": "\#(now)"}"#).status == 200)
        let before = try await Self.snapshot(client, row.target)
        for probe in Self.probes(row.target) {
            let response = try await client.send(probe.method, probe.path, body: probe.body, headers: headers)
            let label = "\(probe.method) \(probe.path): \(response.status) \(response.text)"
            guard let refusal = row.refusal else {
                #expect(response.status == probe.allowed, "\(label)")
                continue
            }
            #expect(response.status == refusal.status, "\(label)")
            #expect((response.json as? [String: Any])?["message"] as? String == refusal.message, "\(label)")
            #expect(response.header("X-Accepted-GitHub-Permissions") == (refusal.acceptedPermissions ? "actions=write" : nil), "\(label)")
        }
        if row.refusal != nil {
            #expect(try await Self.snapshot(client, row.target) == before, "a refused write changed the store")
        }
    }

    /// A refused write on a private repository reads exactly as a write on one that does not exist.
    @Test func aPrivateRefusalIsTheMissingRepository() async throws {
        let client = DemoEmulator.client
        let headers = ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"]
        for probe in Self.probes(Self.privateRepo) {
            let refused = try await client.send(probe.method, probe.path, body: probe.body, headers: headers)
            let missingPath = probe.path.replacingOccurrences(of: "octo-org/private-repo", with: "octo-org/no-such-repo")
            let missing = try await client.send(probe.method, missingPath, body: probe.body, headers: headers)
            #expect(refused.status == 404 && refused.body == missing.body, "\(probe.path)")
            #expect(refused.headers.keys.sorted() == missing.headers.keys.sorted(), "\(probe.path)")
        }
    }
}
