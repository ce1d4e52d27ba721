import FoundationEssentials

/// An organization as seeded: its login and the users who administer it (its hooks).
public struct OrganizationRecord: Sendable, Equatable {
    public var login: String
    public var admins: [String]

    public init(login: String, admins: [String] = []) {
        self.login = login
        self.admins = admins
    }
}

/// A webhook: a repository's, an organization's or a GitHub App's, with where and how it
/// delivers and what its last delivery got back.
public struct HookRecord: Sendable, Equatable {
    /// Whose hook it is.
    public enum Owner: Sendable, Equatable {
        case repository(Int64)
        case organization(String)
        case app(Int64)
    }

    public var id: Int64
    public var owner: Owner
    public var name = "web"
    public var active = true
    public var events: [String]
    public var url: String
    /// `json` or `form`.
    public var contentType = "form"
    /// `nil` or empty: deliveries go unsigned.
    public var secret: String?
    /// `"1"` skips verifying an HTTPS receiver's certificate.
    public var insecureSSL = "0"
    public var createdAt: String
    public var updatedAt: String
    public var lastResponse = LastResponse()

    /// What the hook's latest delivery got: GitHub's `last_response`.
    public struct LastResponse: Sendable, Equatable {
        public var code: Int?
        public var status = "unused"
        public var message: String?
        public init(code: Int? = nil, status: String = "unused", message: String? = nil) {
            self.code = code
            self.status = status
            self.message = message
        }
    }

    public init(id: Int64, owner: Owner, events: [String], url: String, createdAt: String) {
        self.id = id
        self.owner = owner
        self.events = events
        self.url = url
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// Whether a delivery of `event` goes to this hook (`*` takes every event; `ping` always goes).
    public func receives(_ event: String) -> Bool {
        active && (event == "ping" || events.contains(event) || events.contains("*"))
    }
}

/// One delivery of an event to a hook: recorded when the event happens, then sent once.
public struct DeliveryRecord: Sendable, Equatable {
    public enum State: String, Sendable {
        case pending, sending, done
    }

    public var id: Int64
    /// One per event, shared by every hook it goes to, kept by redeliveries.
    public var guid: String
    public var hookID: Int64
    public var event: String
    public var action: String?
    public var installationID: Int64?
    public var repositoryID: Int64?
    public var state: State
    public var redelivery: Bool
    public var queuedAt: String
    /// When it was sent; `nil` until then.
    public var deliveredAt: String?
    /// Seconds the receiver took.
    public var duration: Double
    /// `OK` for a 2xx, else why not; `pending` until sent.
    public var status: String
    /// The receiver's status; 0 when no HTTP answer came.
    public var statusCode: Int
    public var url: String
    /// The JSON payload; `nil` in a summary.
    public var payload: String?
    public var requestHeaders: [(String, String)] = []
    public var responseHeaders: [(String, String)] = []
    public var responseBody = ""

    public static func == (lhs: DeliveryRecord, rhs: DeliveryRecord) -> Bool {
        lhs.id == rhs.id && lhs.state == rhs.state && lhs.status == rhs.status && lhs.deliveredAt == rhs.deliveredAt
    }
}

/// A new delivery to record.
public struct NewDelivery: Sendable {
    public var guid: String
    public var hookID: Int64
    public var event: String
    public var action: String?
    public var installationID: Int64?
    public var repositoryID: Int64?
    public var payload: String
    public var redelivery = false
    public var queuedAt: String
    public var url: String

    public init(guid: String, hookID: Int64, event: String, action: String?, installationID: Int64?, repositoryID: Int64?,
                payload: String, redelivery: Bool = false, queuedAt: String, url: String) {
        self.guid = guid
        self.hookID = hookID
        self.event = event
        self.action = action
        self.installationID = installationID
        self.repositoryID = repositoryID
        self.payload = payload
        self.redelivery = redelivery
        self.queuedAt = queuedAt
        self.url = url
    }
}

/// How a sent delivery ended.
public struct DeliveryOutcome: Sendable {
    public var deliveredAt: String
    public var duration: Double
    public var status: String
    public var statusCode: Int
    public var url: String
    public var requestHeaders: [(String, String)]
    public var responseHeaders: [(String, String)]
    public var responseBody: String

    public init(deliveredAt: String, duration: Double, status: String, statusCode: Int, url: String,
                requestHeaders: [(String, String)], responseHeaders: [(String, String)], responseBody: String) {
        self.deliveredAt = deliveredAt
        self.duration = duration
        self.status = status
        self.statusCode = statusCode
        self.url = url
        self.requestHeaders = requestHeaders
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
    }
}

/// Headers kept as `Name: value` lines (a value holds no line break).
enum HeaderColumn {
    static func encode(_ headers: [(String, String)]) -> String {
        headers.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
    }

    static func decode(_ text: String) -> [(String, String)] {
        text.split(separator: "\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
        }
    }
}

extension StoreReader {
    public func organization(_ login: String) throws(StoreError) -> OrganizationRecord? {
        try connection.row(SQL.organizationByLogin, [.text(login)]) {
            OrganizationRecord(login: $0.text(0), admins: ListColumn.decode($0.text(1)))
        }
    }

    public func hook(id: Int64) throws(StoreError) -> HookRecord? {
        try connection.row(SQL.hookByID, [.int(id)], Self.hook)
    }

    /// A repository's or organization's hooks, oldest first; an app's webhook.
    public func hooks(of owner: HookRecord.Owner) throws(StoreError) -> [HookRecord] {
        switch owner {
        case .repository(let id): try connection.rows(SQL.hooksOfRepository, [.int(id)], Self.hook)
        case .organization(let login): try connection.rows(SQL.hooksOfOrganization, [.text(login)], Self.hook)
        case .app(let id): try connection.rows(SQL.hookOfApp, [.int(id)], Self.hook)
        }
    }

    /// Every hook a change in `repository` goes to: its own, its owner's organization's, and
    /// each app's whose installation covers it (with that installation's id).
    public func hooksReceiving(_ repository: RepositoryRecord) throws(StoreError) -> [(hook: HookRecord, installationID: Int64?)] {
        var hooks = try connection.rows(SQL.hooksOfRepository, [.int(repository.id)], Self.hook).map { ($0, Int64?.none) }
        hooks += try connection.rows(SQL.hooksOfOrganization, [.text(repository.owner)], Self.hook).map { ($0, Int64?.none) }
        try connection.forEachRow(SQL.appHooksOnAccount, [.text(repository.owner)]) { row in
            let selection = RepositorySelection(column: row.optionalText(17))
            if selection.includes(repository) { hooks.append((Self.hook(row), row.int64(16))) }
        }
        return hooks.filter { $0.0.active }
    }

    /// A hook's deliveries, newest first, before the delivery id `cursor` (exclusive).
    public func deliveries(hookID: Int64, before cursor: Int64 = .max, limit: Int) throws(StoreError) -> [DeliveryRecord] {
        try connection.rows(SQL.deliveriesOfHook, [.int(hookID), .int(cursor), .int(Int64(limit))]) { Self.delivery($0, detail: false) }
    }

    /// Every hook's deliveries, newest first (the control API, the dashboard).
    public func recentDeliveries(before cursor: Int64 = .max, limit: Int) throws(StoreError) -> [DeliveryRecord] {
        try connection.rows(SQL.recentDeliveries, [.int(cursor), .int(Int64(limit))]) { Self.delivery($0, detail: false) }
    }

    /// A delivery with its payload, request and response.
    public func delivery(id: Int64) throws(StoreError) -> DeliveryRecord? {
        try connection.row(SQL.deliveryByID, [.int(id)]) { Self.delivery($0, detail: true) }
    }

    /// Deliveries not yet sent, in the order recorded, after the id `after`.
    public func unsentDeliveries(after: Int64, limit: Int) throws(StoreError) -> [DeliveryRecord] {
        try connection.rows(SQL.unsentDeliveries, [.int(after), .int(Int64(limit))]) { Self.delivery($0, detail: true) }
    }

    /// One hook's deliveries not yet sent, in the order recorded, with ids in `after + 1 ... through`.
    public func unsentDeliveries(hookID: Int64, after: Int64, through: Int64, limit: Int) throws(StoreError) -> [DeliveryRecord] {
        try connection.rows(SQL.unsentDeliveriesOfHook, [.int(hookID), .int(after), .int(through), .int(Int64(limit))]) {
            Self.delivery($0, detail: true)
        }
    }

    static func hook(_ row: Statement) -> HookRecord {
        let owner: HookRecord.Owner
        if let repositoryID = row.optionalInt64(1) {
            owner = .repository(repositoryID)
        } else if let organization = row.optionalText(2) {
            owner = .organization(organization)
        } else {
            owner = .app(row.int64(3))
        }
        var hook = HookRecord(id: row.int64(0), owner: owner, events: ListColumn.decode(row.text(6)), url: row.text(7),
                              createdAt: row.text(11))
        hook.name = row.text(4)
        hook.active = row.bool(5)
        hook.contentType = row.text(8)
        hook.secret = row.optionalText(9)
        hook.insecureSSL = row.text(10)
        hook.updatedAt = row.text(12)
        hook.lastResponse = HookRecord.LastResponse(code: row.isNull(13) ? nil : row.int(13), status: row.text(14),
                                                    message: row.optionalText(15))
        return hook
    }

    private static func delivery(_ row: Statement, detail: Bool) -> DeliveryRecord {
        var delivery = DeliveryRecord(
            id: row.int64(0), guid: row.text(1), hookID: row.int64(2), event: row.text(3), action: row.optionalText(4),
            installationID: row.optionalInt64(5), repositoryID: row.optionalInt64(6),
            state: DeliveryRecord.State(rawValue: row.text(7)) ?? .done, redelivery: row.bool(8), queuedAt: row.text(9),
            deliveredAt: row.optionalText(10), duration: row.double(11), status: row.text(12), statusCode: row.int(13),
            url: row.text(14)
        )
        if detail {
            delivery.payload = row.text(15)
            delivery.requestHeaders = HeaderColumn.decode(row.text(16))
            delivery.responseHeaders = HeaderColumn.decode(row.text(17))
            delivery.responseBody = row.text(18)
        }
        return delivery
    }
}

extension StoreWriter {
    public func upsert(_ organization: OrganizationRecord) throws(StoreError) {
        try connection.run(SQL.upsertOrganization, [.text(organization.login), .text(ListColumn.encode(organization.admins))])
    }

    public func nextHookID() throws(StoreError) -> Int64 {
        try connection.row(SQL.nextHookID) { $0.int64(0) } ?? 1
    }

    /// Creates or replaces a hook by id (keeping its `created_at`).
    public func upsert(_ hook: HookRecord) throws(StoreError) {
        let (repositoryID, organization, appID): (Int64?, String?, Int64?)
        switch hook.owner {
        case .repository(let id): (repositoryID, organization, appID) = (id, nil, nil)
        case .organization(let login): (repositoryID, organization, appID) = (nil, login, nil)
        case .app(let id): (repositoryID, organization, appID) = (nil, nil, id)
        }
        try connection.run(SQL.upsertHook, [
            .int(hook.id), .optional(repositoryID), .optional(organization), .optional(appID), .text(hook.name),
            .int(hook.active ? 1 : 0), .text(ListColumn.encode(hook.events)), .text(hook.url), .text(hook.contentType),
            .optional(hook.secret), .text(hook.insecureSSL), .text(hook.createdAt), .text(hook.updatedAt),
            .optional(hook.lastResponse.code.map(Int64.init)), .text(hook.lastResponse.status), .optional(hook.lastResponse.message),
        ])
        moveLog.hooksChanged = true
    }

    /// Deletes a hook and its deliveries; `false` when there was none.
    public func deleteHook(id: Int64) throws(StoreError) -> Bool {
        try connection.run(SQL.deleteHook, [.int(id)])
        moveLog.hooksChanged = true
        return connection.changes > 0
    }

    /// Records a delivery to send once this write commits; its id.
    @discardableResult
    public func insert(_ delivery: NewDelivery) throws(StoreError) -> Int64 {
        try connection.run(SQL.insertDelivery, [
            .text(delivery.guid), .int(delivery.hookID), .text(delivery.event), .optional(delivery.action),
            .optional(delivery.installationID), .optional(delivery.repositoryID), .text(delivery.payload),
            .int(delivery.redelivery ? 1 : 0), .text(delivery.queuedAt), .text(delivery.url),
        ])
        moveLog.deliveriesAdded = true
        return try connection.row(SQL.lastInsertedRowID) { $0.int64(0) } ?? 0
    }

    /// Records `original` to be sent again to `hook` (its current URL): a new delivery with the
    /// same GUID and payload, marked a redelivery.
    @discardableResult
    public func insertRedelivery(of original: DeliveryRecord, to hook: HookRecord, at stamp: String) throws(StoreError) -> Int64 {
        try insert(NewDelivery(
            guid: original.guid, hookID: hook.id, event: original.event, action: original.action,
            installationID: original.installationID, repositoryID: original.repositoryID, payload: original.payload ?? "{}",
            redelivery: true, queuedAt: stamp, url: hook.url
        ))
    }

    /// Marks a delivery as being sent; `false` when it was not waiting (another sender took it).
    public func claimDelivery(id: Int64) throws(StoreError) -> Bool {
        try connection.run(SQL.claimDelivery, [.int(id)])
        return connection.changes == 1
    }

    /// Records how a delivery ended, as its hook's `last_response` too, keeping the hook's
    /// newest `keep` deliveries.
    public func finishDelivery(id: Int64, hookID: Int64, _ outcome: DeliveryOutcome, keep: Int) throws(StoreError) {
        try connection.run(SQL.finishDelivery, [
            .int(id), .text(outcome.deliveredAt), .double(outcome.duration), .text(outcome.status),
            .int(Int64(outcome.statusCode)), .text(HeaderColumn.encode(outcome.requestHeaders)),
            .text(HeaderColumn.encode(outcome.responseHeaders)), .text(outcome.responseBody), .text(outcome.url),
        ])
        let ok = (200..<300).contains(outcome.statusCode)
        try connection.run(SQL.setLastResponse, [
            .int(hookID), outcome.statusCode == 0 ? .null : .int(Int64(outcome.statusCode)), .text(ok ? "active" : "failed"),
            .text(ok ? "OK" : outcome.status),
        ])
        try connection.run(SQL.pruneDeliveries, [.int(hookID), .int(Int64(keep))])
    }

    /// Deliveries a stopped process was sending count as failed (none is sent twice); how many.
    public func interruptSendingDeliveries() throws(StoreError) -> Int {
        try connection.run(SQL.interruptSending)
        return connection.changes
    }
}
