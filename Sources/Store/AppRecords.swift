/// A GitHub App as seeded or created through the control API: who it is and the public half of
/// its key, against which its JWTs are checked (apps.md).
public struct AppRecord: Sendable, Equatable {
    public var id: Int64
    public var clientID: String
    public var slug: String
    public var name: String
    /// The login of the account that owns the app.
    public var owner: String
    public var description: String?
    /// PEM, SubjectPublicKeyInfo or PKCS#1, as given.
    public var publicKey: String
    public var permissions: [String: String]
    public var events: [String]
    public var createdAt: String

    public init(id: Int64, clientID: String, slug: String, name: String, owner: String, description: String? = nil,
                publicKey: String, permissions: [String: String] = [:], events: [String] = [], createdAt: String) {
        self.id = id
        self.clientID = clientID
        self.slug = slug
        self.name = name
        self.owner = owner
        self.description = description
        self.publicKey = publicKey
        self.permissions = permissions
        self.events = events
        self.createdAt = createdAt
    }
}

/// An app installed on an account, for all of its repositories or a selection.
public struct InstallationRecord: Sendable, Equatable {
    public var id: Int64
    public var appID: Int64
    /// The login the app is installed on (an organization or a user).
    public var account: String
    /// `.all`: every repository of `account`; `.selected`: these `owner/name`s.
    public var repositories: RepositorySelection
    /// What the installation was granted; defaults to the app's when seeded without.
    public var permissions: [String: String]
    public var suspended: Bool
    public var createdAt: String

    public init(id: Int64, appID: Int64, account: String, repositories: RepositorySelection = .all,
                permissions: [String: String], suspended: Bool = false, createdAt: String) {
        self.id = id
        self.appID = appID
        self.account = account
        self.repositories = repositories
        self.permissions = permissions
        self.suspended = suspended
        self.createdAt = createdAt
    }
}

extension StoreReader {
    public func app(id: Int64) throws(StoreError) -> AppRecord? {
        try connection.row(SQL.appByID, [.int(id)], Self.app)
    }

    public func app(clientID: String) throws(StoreError) -> AppRecord? {
        try connection.row(SQL.appByClientID, [.text(clientID)], Self.app)
    }

    /// The id after the largest app id (1 for the first app).
    public func nextAppID() throws(StoreError) -> Int64 {
        try connection.row(SQL.nextAppID) { $0.int64(0) } ?? 1
    }

    public func installation(id: Int64) throws(StoreError) -> InstallationRecord? {
        try connection.row(SQL.installationByID, [.int(id)], Self.installation)
    }

    /// The app's installation on `account` (compared case-insensitively), if any.
    public func installation(appID: Int64, account: String) throws(StoreError) -> InstallationRecord? {
        try connection.row(SQL.installationByAccount, [.int(appID), .text(account)], Self.installation)
    }

    /// One page of an app's installations by id, with how many it has.
    public func installations(appID: Int64, limit: Int, offset: Int) throws(StoreError)
        -> (installations: [InstallationRecord], totalCount: Int) {
        let page = try connection.rows(SQL.installationsOfApp, [.int(appID), .int(Int64(limit)), .int(Int64(offset))],
                                       Self.installation)
        let total = try connection.row(SQL.installationCount, [.int(appID)]) { $0.int(0) } ?? 0
        return (page, total)
    }

    /// Every repository `account` owns, by id: what an installation on all repositories reaches.
    public func repositories(ofAccount account: String) throws(StoreError) -> [RepositoryRecord] {
        try connection.rows(SQL.repositoriesOfOwner, [.text(account)], StoreReader.repository)
    }

    /// Whether `login` is a user (some token acts as it) rather than an organization.
    public func isUser(_ login: String) throws(StoreError) -> Bool {
        try connection.row(SQL.isTokenUser, [.text(login)]) { $0.bool(0) } ?? false
    }

    private static func app(_ row: Statement) -> AppRecord {
        AppRecord(id: row.int64(0), clientID: row.text(1), slug: row.text(2), name: row.text(3), owner: row.text(4),
                  description: row.optionalText(5), publicKey: row.text(6), permissions: ListColumn.decodePairs(row.text(7)),
                  events: ListColumn.decode(row.text(8)), createdAt: row.text(9))
    }

    private static func installation(_ row: Statement) -> InstallationRecord {
        InstallationRecord(id: row.int64(0), appID: row.int64(1), account: row.text(2),
                           repositories: RepositorySelection(column: row.optionalText(3)),
                           permissions: ListColumn.decodePairs(row.text(4)), suspended: row.bool(5), createdAt: row.text(6))
    }
}

extension StoreWriter {
    public func upsert(_ app: AppRecord) throws(StoreError) {
        try connection.run(SQL.upsertApp, [
            .int(app.id), .text(app.clientID), .text(app.slug), .text(app.name), .text(app.owner), .optional(app.description),
            .text(app.publicKey), .text(ListColumn.encodePairs(app.permissions)), .text(ListColumn.encode(app.events)),
            .text(app.createdAt),
        ])
    }

    public func upsert(_ installation: InstallationRecord) throws(StoreError) {
        try connection.run(SQL.upsertInstallation, [
            .int(installation.id), .int(installation.appID), .text(installation.account), installation.repositories.column,
            .text(ListColumn.encodePairs(installation.permissions)), .int(installation.suspended ? 1 : 0),
            .text(installation.createdAt),
        ])
    }
}
