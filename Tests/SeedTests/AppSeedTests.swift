import Foundation
import Seed
import Store
import Testing

/// A seed's `apps` (apps.md): loaded with their installations, and refused with the file, the
/// JSON path and the reason — a key that is not an RSA-2048 public key among them.
@Suite struct AppSeedTests {
    static func key(_ name: String) throws -> String {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RSAKeysTests/Fixtures")
        return try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    static func json(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
        return String(decoding: data, as: UTF8.self).dropFirst().dropLast().description
    }

    static func seed(_ fields: String, key: String? = nil, installations: String = "[]") throws -> String {
        let pem = try json(key ?? Self.key("test-public-key.spki.pem"))
        return #"{"apps": [{"id": 1001, "slug": "ci-reporter", "owner": "octo-org", "public_key": \#(pem), "installations": \#(installations)\#(fields)}]}"#
    }

    static func load(_ text: String) throws -> Store { try loadedStore(text, source: "apps.json") }

    @Test func anAppLoadsWithItsInstallations() throws {
        let store = try Self.load(try Self.seed(#", "name": "CI Reporter", "client_id": "Iv23liCiReporter00001", "permissions": {"actions": "read", "metadata": "read"}, "events": ["workflow_job"], "webhook": {"url": "http://127.0.0.1:9/hook"}"#,
            installations: #"[{"id": 5001, "account": "octo-org"}, {"id": 5002, "account": "monalisa", "repositories": ["monalisa/one"], "permissions": {"metadata": "read"}, "suspended": true}]"#))
        let app = try #require(try store.read { try $0.app(clientID: "Iv23liCiReporter00001") })
        #expect(app.id == 1001 && app.name == "CI Reporter" && app.events == ["workflow_job"])
        #expect(app.permissions == ["actions": "read", "metadata": "read"])
        #expect(try store.read { try $0.installation(id: 5001) }?.permissions == app.permissions)
        let second = try #require(try store.read { try $0.installation(id: 5002) })
        #expect(second.repositories == .selected(["monalisa/one"]) && second.suspended && second.permissions == ["metadata": "read"])
        // A PKCS#1 public key is as good.
        #expect(throws: Never.self) { try Self.load(try Self.seed("", key: try Self.key("test-public-key.pkcs1.pem"))) }
    }

    @Test(arguments: [
        ("test-public-key-1024.spki.pem", "$.apps[0].public_key: an RSA key of 1024 bits"),
        ("test-public-key-ec.pem", "$.apps[0].public_key: expected a PEM RSA public key"),
    ])
    func weakOrForeignKeysAreRefused(_ file: String, _ expected: String) throws {
        let error = try #require(throws: SeedError.self) { try Self.load(try Self.seed("", key: try Self.key(file))) }
        #expect("\(error)".contains("apps.json") && "\(error)".contains(expected), "\(error)")
    }

    @Test(arguments: [
        (#", "slug": "CI Reporter""#, "", "$.apps[0].slug"),
        (#", "webhook": "http://x""#, "", "$.apps[0].webhook: expected an object"),
        (#", "colour": 1"#, "", "$.apps[0].colour: unknown field"),
        ("", #"[{"account": "octo-org"}]"#, "$.apps[0].installations[0].id"),
        ("", #"[{"id": 1, "account": "octo-org", "permissions": {"actions": "write"}}]"#,
         "$.apps[0].installations[0].permissions.actions: the app itself has no actions permission"),
        ("", #"[{"id": 1, "account": "octo-org", "repositories": ["nope"]}]"#, "$.apps[0].installations[0].repositories[0]"),
    ])
    func badAppsAreRefusedWithTheirPath(_ fields: String, _ installations: String, _ expected: String) throws {
        let text = try Self.seed(fields.replacingOccurrences(of: #", "slug": "CI Reporter""#, with: ""),
                                 installations: installations.isEmpty ? "[]" : installations)
        let seeded = fields.contains("CI Reporter") ? text.replacingOccurrences(of: #""slug": "ci-reporter""#, with: #""slug": "CI Reporter""#) : text
        let error = try #require(throws: SeedError.self) { try Self.load(seeded) }
        #expect("\(error)".contains(expected), "\(error)")
    }
}
