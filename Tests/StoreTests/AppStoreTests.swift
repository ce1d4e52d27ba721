import Foundation
@testable import Store
import Testing

/// Apps and their installations round-trip, page, and survive their app being updated.
@Suite struct AppStoreTests {
    static let app = AppRecord(id: 1001, clientID: "Iv23liCiReporter00001", slug: "ci-reporter", name: "CI Reporter",
                               owner: "octo-org", publicKey: "-----BEGIN PUBLIC KEY-----\n…", permissions: ["actions": "read"],
                               events: ["workflow_job", "workflow_run"], createdAt: "2030-01-01T00:00:00Z")

    static func seeded() throws -> Store {
        let store = try Store()
        try store.write { writer in
            try writer.upsert(app)
            for id in Int64(5001)...Int64(5003) {
                try writer.upsert(InstallationRecord(
                    id: id, appID: 1001, account: id == 5001 ? "Octo-Org" : "user\(id)",
                    repositories: id == 5002 ? .selected(["user5002/one", "user5002/two"]) : .all,
                    permissions: ["actions": "read", "metadata": "read"], suspended: id == 5003, createdAt: "2030-01-01T00:00:00Z"))
            }
        }
        return store
    }

    @Test func appsAndInstallationsRoundTrip() throws {
        let store = try Self.seeded()
        #expect(try store.read { try $0.app(id: 1001) } == Self.app)
        #expect(try store.read { try $0.app(clientID: "Iv23liCiReporter00001") } == Self.app)
        #expect(try store.read { try $0.app(id: 1002) } == nil)
        #expect(try store.read { try $0.installation(id: 5002) }?.repositories == .selected(["user5002/one", "user5002/two"]))
        #expect(try store.read { try $0.installation(id: 5003) }?.suspended == true)
        #expect(try store.read { try $0.installation(appID: 1001, account: "octo-org") }?.id == 5001)
        #expect(try store.read { try $0.installation(appID: 1002, account: "octo-org") } == nil)
    }

    @Test func installationsPageInIdOrder() throws {
        let store = try Self.seeded()
        let (page, total) = try store.read { try $0.installations(appID: 1001, limit: 2, offset: 1) }
        #expect(page.map(\.id) == [5002, 5003])
        #expect(total == 3)
    }

    @Test func updatingAnAppKeepsItsInstallations() throws {
        let store = try Self.seeded()
        var renamed = Self.app
        renamed.name = "CI Reporter 2"
        try store.write { try $0.upsert(renamed) }
        #expect(try store.read { try $0.app(id: 1001) }?.name == "CI Reporter 2")
        #expect(try store.read { try $0.installations(appID: 1001, limit: 10, offset: 0) }.totalCount == 3)
    }
}
