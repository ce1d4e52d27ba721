import ActionsEmulator
import Foundation
import RSAKeys
import Testing

/// apps.md from a client's side: the demo app signs JWTs with its demo key, reads itself and its
/// installations, exchanges a JWT for installation tokens and uses them, on an emulator of its
/// own whose clock the tests hold (so every `iat` and `exp` is judged against a known instant).
@Suite struct AppRouteTests {
    static let start = "2030-01-01T00:00:00Z"
    static let startSeconds = 1_893_456_000
    static let demoKey = try! RSAPrivateKey(pem: String(
        contentsOfFile: DemoEmulator.packageRoot + "/seed-data/ci-reporter.demo-private-key.pem", encoding: .utf8))

    static func started() async throws -> (Emulator, HTTPClient) {
        let emulator = try DemoEmulator.start()
        let client = HTTPClient(baseURL: emulator.listeningURL)
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"now": "\#(start)"}"#).status == 200)
        return (emulator, client)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A JWT as ghinstallation signs it (`iat` 30 s before, `exp` 90 s after the clock) unless told.
    static func jwt(_ claims: String? = nil, key: RSAPrivateKey = demoKey) throws -> String {
        let claims = claims ?? #"{"iat":\#(startSeconds - 30),"exp":\#(startSeconds + 90),"iss":"1001"}"#
        let signed = base64URL(Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8)) + "." + base64URL(Array(claims.utf8))
        return signed + "." + base64URL(try key.signSHA256(Array(signed.utf8)))
    }

    static func bearer(_ token: String) -> [String: String] { ["Authorization": "Bearer \(token)"] }

    static func message(_ response: HTTPClient.Response) -> String? {
        (response.json as? [String: Any])?["message"] as? String
    }

    static func exchange(_ client: HTTPClient, _ body: String? = nil, installation: Int = 5001) async throws -> HTTPClient.Response {
        try await client.send("POST", "/api/v3/app/installations/\(installation)/access_tokens", body: body,
                              headers: bearer(try jwt()))
    }

    static func token(_ client: HTTPClient, _ body: String? = nil) async throws -> String {
        let response = try await exchange(client, body)
        #expect(response.status == 201, "\(response.text)")
        return try #require((response.json as? [String: Any])?["token"] as? String)
    }

    @Test func theAppReadsItselfAndItsInstallations() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let app = try await client.get("/api/v3/app", headers: Self.bearer(try Self.jwt()))
        #expect(app.status == 200)
        let object = try #require(app.json as? [String: Any])
        #expect(object["id"] as? Int == 1001 && object["slug"] as? String == "ci-reporter")
        #expect(object["client_id"] as? String == "Iv23liCiReporter00001" && object["installations_count"] as? Int == 1)
        #expect(object["permissions"] as? [String: String] == ["actions": "read", "metadata": "read"])
        // The client ID is an issuer too.
        let byClientID = try Self.jwt(#"{"iat":\#(Self.startSeconds),"exp":\#(Self.startSeconds + 60),"iss":"Iv23liCiReporter00001"}"#)
        #expect(try await client.get("/api/v3/app", headers: Self.bearer(byClientID)).status == 200)

        let list = try await client.get("/api/v3/app/installations", headers: Self.bearer(try Self.jwt()))
        let installations = try #require(list.json as? [[String: Any]])
        #expect(installations.map { $0["id"] as? Int } == [5001])
        #expect(installations.first?["access_tokens_url"] as? String
            == "\(emulator.listeningURL)/api/v3/app/installations/5001/access_tokens")
        for path in ["/app/installations/5001", "/repos/octo-org/private-repo/installation", "/orgs/octo-org/installation",
                     "/users/octo-org/installation"] {
            let found = try await client.get("/api/v3" + path, headers: Self.bearer(try Self.jwt()))
            #expect((found.json as? [String: Any])?["id"] as? Int == 5001, "\(path)")
        }
        for path in ["/app/installations/5002", "/repos/other-org/other-repo/installation", "/orgs/other-org/installation",
                     "/repos/octo-org/missing/installation"] {
            let missing = try await client.get("/api/v3" + path, headers: Self.bearer(try Self.jwt()))
            #expect(missing.status == 404 && Self.message(missing) == "Not Found", "\(path)")
        }
    }

    @Test func jwtsAreJudgedAgainstTheEmulatorClockInTheSpecsOrder() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let s = Self.startSeconds
        let cases: [(String, Int, String)] = [
            ("not.a.jwt", 401, "A JSON web token could not be decoded"),
            (try Self.jwt(key: try RSAPrivateKey.generate()), 401, "A JSON web token could not be decoded"),
            (try Self.jwt(#"{"iat":\#(s - 30),"exp":\#(s + 90),"iss":"999"}"#), 404, "Integration not found"),
            (try Self.jwt(#"{"iat":\#(s - 30),"exp":\#(s),"iss":1001}"#), 401,
             "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires"),
            (try Self.jwt(#"{"iat":\#(s - 30),"exp":\#(s + 601),"iss":1001}"#), 401,
             "'Expiration time' claim ('exp') is too far in the future"),
            // Ten seconds ahead of the server's clock: refused, as a skewed client's is.
            (try Self.jwt(#"{"iat":\#(s + 10),"exp":\#(s + 90),"iss":1001}"#), 401,
             "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"),
        ]
        for (token, status, message) in cases {
            let response = try await client.get("/api/v3/app", headers: Self.bearer(token))
            #expect(response.status == status && Self.message(response) == message, "\(response.text)")
            // The emulator's clock, which a client correcting its skew reads.
            #expect(response.header("Date") == "Tue, 01 Jan 2030 00:00:00 GMT")
        }
        // No JWT, a token scheme, or a token that is not a JWT: undecodable.
        for headers in [[:], ["Authorization": "token \(try Self.jwt())"],
                        Self.bearer("ghp_octocatRepoScope000000000000000001")] {
            let response = try await client.get("/api/v3/app", headers: headers)
            #expect(response.status == 401 && Self.message(response) == "A JSON web token could not be decoded")
        }
        // A JWT opens the App routes only.
        let elsewhere = try await client.get("/api/v3/repos/octo-org/private-repo/actions/runs", headers: Self.bearer(try Self.jwt()))
        #expect(elsewhere.status == 401 && Self.message(elsewhere) == "Bad credentials")
    }

    @Test func anInstallationTokenReadsWhatItWasGrantedUntilItExpires() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let response = try await Self.exchange(client, #"{"permissions": {}}"#)
        #expect(response.status == 201)
        let object = try #require(response.json as? [String: Any])
        let token = try #require(object["token"] as? String)
        #expect(token.hasPrefix("ghs_") && token.count == 40)
        #expect(object["expires_at"] as? String == "2030-01-01T01:00:00Z")
        #expect(object["repository_selection"] as? String == "all" && object["repositories"] == nil)
        #expect(object["permissions"] as? [String: String] == ["actions": "read", "metadata": "read"])

        let runs = "/api/v3/repos/octo-org/private-repo/actions/runs"
        let read = try await client.get(runs, headers: Self.bearer(token))
        #expect(read.status == 200 && read.header("X-OAuth-Scopes") == nil)
        let repositories = try await client.get("/api/v3/installation/repositories?per_page=2", headers: Self.bearer(token))
        let listed = try #require(repositories.json as? [String: Any])
        #expect(listed["total_count"] as? Int == 3 && (listed["repositories"] as? [Any])?.count == 2)
        #expect(repositories.header("Link")?.contains("rel=\"next\"") == true)
        // actions: read does not write.
        let cancel = try await client.send("POST", runs.replacingOccurrences(of: "/runs", with: "/runs/30434000/cancel"),
                                           headers: Self.bearer(token))
        #expect(cancel.status == 403 && cancel.header("X-Accepted-GitHub-Permissions") == "actions=write")

        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 3599}"#).status == 200)
        #expect(try await client.get(runs, headers: Self.bearer(token)).status == 200)
        #expect(try await client.send("POST", "/_emulator/clock", body: #"{"advance_seconds": 1}"#).status == 200)
        let expired = try await client.get(runs, headers: Self.bearer(token))
        #expect(expired.status == 401 && Self.message(expired) == "Bad credentials")
    }

    @Test func theExchangeNarrowsAndRefusesInGitHubsWords() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let narrowed = try await Self.exchange(client, #"{"repositories": ["private-repo"], "permissions": {"metadata": "read"}}"#)
        let object = try #require(narrowed.json as? [String: Any])
        #expect(narrowed.status == 201 && object["repository_selection"] as? String == "selected")
        #expect((object["repositories"] as? [[String: Any]])?.map { $0["full_name"] as? String } == ["octo-org/private-repo"])
        let token = try #require(object["token"] as? String)
        // metadata alone does not read Actions data; another repository is not there at all.
        let jobs = try await client.get("/api/v3/repos/octo-org/private-repo/actions/runs", headers: Self.bearer(token))
        #expect(jobs.status == 403 && jobs.header("X-Accepted-GitHub-Permissions") == "actions=read")
        let other = try await client.get("/api/v3/repos/octo-org/internal-tools/actions/runs", headers: Self.bearer(token))
        #expect(other.status == 404)

        // go-github sends `null` when given no options: everything, as no body is.
        let null = try await Self.exchange(client, "null")
        #expect(null.status == 201 && (null.json as? [String: Any])?["repository_selection"] as? String == "all")

        let byID = try await Self.exchange(client, #"{"repository_ids": [1296271]}"#)
        #expect(((byID.json as? [String: Any])?["repositories"] as? [[String: Any]])?.first?["id"] as? Int == 1296271)

        let refusals: [(String?, Int, Int, String)] = [
            (#"{"repositories": ["other-repo"]}"#, 5001, 422,
             "There is at least one repository that does not exist or is not accessible to the parent installation."),
            (#"{"repository_ids": [1300000]}"#, 5001, 422,
             "There is at least one repository that does not exist or is not accessible to the parent installation."),
            (#"{"permissions": {"actions": "write"}}"#, 5001, 422, "The permissions requested are not granted to this installation."),
            (#"{"permissions": {"issues": "read"}}"#, 5001, 422, "The permissions requested are not granted to this installation."),
            (#"{"permissions": {"actions": "sideways"}}"#, 5001, 422, "The permissions requested are not granted to this installation."),
            ("[1, 2]", 5001, 400, "Problems parsing JSON"),
            ("{", 5001, 400, "Problems parsing JSON"),
            (nil, 5002, 404, "Not Found"),
        ]
        for (body, installation, status, message) in refusals {
            let response = try await Self.exchange(client, body, installation: installation)
            #expect(response.status == status && Self.message(response) == message, "\(body ?? "none"): \(response.text)")
        }
    }

    @Test func aSuspendedInstallationIssuesNothing() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let key = try RSAPrivateKey.generate()
        let publicKey = key.publicKey.pem.replacingOccurrences(of: "\n", with: "\\n")
        let seed = #"{"apps": [{"id": 2002, "slug": "paused", "name": "Paused", "owner": "octo-org", "public_key": "\#(publicKey)", "installations": [{"id": 6001, "account": "octo-org", "suspended": true}]}]}"#
        #expect(try await client.send("POST", "/_emulator/seed", body: seed).status == 200)
        let jwt = try Self.jwt(#"{"iat":\#(Self.startSeconds),"exp":\#(Self.startSeconds + 60),"iss":2002}"#, key: key)
        let response = try await client.send("POST", "/api/v3/app/installations/6001/access_tokens", headers: Self.bearer(jwt))
        #expect(response.status == 403 && Self.message(response) == "This installation has been suspended")
        let installation = try await client.get("/api/v3/app/installations/6001", headers: Self.bearer(jwt))
        #expect((installation.json as? [String: Any])?["suspended_at"] as? String != nil)
    }

    @Test func aRevokedTokenIsBadCredentialsAndNothingSecretIsJournaled() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let jwt = try Self.jwt()
        let token = try await Self.token(client)
        #expect(try await client.send("DELETE", "/api/v3/installation/token", headers: Self.bearer(token)).status == 204)
        let after = try await client.get("/api/v3/installation/repositories", headers: Self.bearer(token))
        #expect(after.status == 401 && Self.message(after) == "Bad credentials")
        // Other tokens are not installation tokens.
        let classic = ["Authorization": "Bearer ghp_octocatRepoScope000000000000000001"]
        #expect(try await client.send("DELETE", "/api/v3/installation/token", headers: classic).status == 403)
        #expect(try await client.get("/api/v3/installation/repositories").status == 401)

        let journal = try await client.get("/_emulator/requests").text
        #expect(!journal.contains(token) && !journal.contains(jwt) && !journal.contains(String(jwt.prefix(20))))
        #expect(journal.contains("app_jwt") && journal.contains("jwt…"))
    }

    @Test func theControlAPIMakesAnAppAndShowsItsPrivateKeyOnce() async throws {
        let (emulator, client) = try await Self.started()
        defer { emulator.stop() }
        let body = #"{"slug": "deployer", "owner": "octo-org", "permissions": {"actions": "write"}, "installations": [{"id": 7001, "account": "octo-org", "repositories": ["octo-org/private-repo"]}]}"#
        let created = try await client.send("POST", "/_emulator/apps", body: body)
        #expect(created.status == 201, "\(created.text)")
        let object = try #require(created.json as? [String: Any])
        let id = try #require(object["id"] as? Int)
        #expect(id == 1002 && object["client_id"] as? String == "Iv1.1002" && object["installation_ids"] as? [Int] == [7001])
        let key = try RSAPrivateKey(pem: try #require(object["private_key"] as? String))
        let jwt = try Self.jwt(#"{"iat":\#(Self.startSeconds),"exp":\#(Self.startSeconds + 60),"iss":\#(id)}"#, key: key)
        let app = try await client.get("/api/v3/app", headers: Self.bearer(jwt))
        #expect((app.json as? [String: Any])?["slug"] as? String == "deployer")
        let token = try await client.send("POST", "/api/v3/app/installations/7001/access_tokens", headers: Self.bearer(jwt))
        let secret = try #require((token.json as? [String: Any])?["token"] as? String)
        let cancel = try await client.send("POST", "/api/v3/repos/octo-org/private-repo/actions/runs/30434000/cancel",
                                           headers: Self.bearer(secret))
        #expect(cancel.status == 202 || cancel.status == 409)

        // The same id again, a public key, or a bad body: refused, nothing stored.
        for bad in [#"{"id": 1002, "slug": "again", "owner": "octo-org"}"#,
                    #"{"slug": "keyed", "owner": "octo-org", "public_key": "x"}"#, "{"] {
            let refused = try await client.send("POST", "/_emulator/apps", body: bad)
            #expect(refused.status == 422 || refused.status == 400, "\(bad): \(refused.text)")
        }
        let list = try await client.get("/api/v3/app/installations", headers: Self.bearer(jwt))
        #expect((list.json as? [[String: Any]])?.count == 1)
    }
}
