import FoundationEssentials
import JSON
import Store

/// Hooks and deliveries as GitHub's webhook routes answer them; a secret always reads `********`.
public struct HookJSON: Sendable {
    let urls: ServerURLs

    public init(urls: ServerURLs) { self.urls = urls }

    /// The hook's API URL, under its repository or organization (an app's has none).
    func url(of hook: HookRecord, repository: RepositoryRecord?) -> String {
        switch hook.owner {
        case .repository: "\(urls.repository(repository?.owner ?? "", repository?.name ?? ""))/hooks/\(hook.id)"
        case .organization(let login): "\(urls.api)/orgs/\(login)/hooks/\(hook.id)"
        case .app: "\(urls.api)/app/hook"
        }
    }

    func encode(_ hook: HookRecord, repository: RepositoryRecord?) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 1024)
        write(hook, repository: repository, to: &json)
        return json.bytes
    }

    func encodeList(_ hooks: [HookRecord], repository: RepositoryRecord?) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 1024 * max(1, hooks.count))
        json.beginArray()
        for hook in hooks { write(hook, repository: repository, to: &json) }
        json.endArray()
        return json.bytes
    }

    func write(_ hook: HookRecord, repository: RepositoryRecord?, to json: inout JSONWriter) {
        let url = url(of: hook, repository: repository)
        json.beginObject()
        json.key("type"); json.string(hook.owner.typeName)
        json.key("id"); json.int(hook.id)
        json.key("name"); json.string(hook.name)
        json.key("active"); json.bool(hook.active)
        json.key("events")
        json.beginArray()
        for event in hook.events { json.string(event) }
        json.endArray()
        json.key("config"); writeConfig(hook, to: &json)
        json.key("updated_at"); json.string(hook.updatedAt)
        json.key("created_at"); json.string(hook.createdAt)
        json.key("url"); json.string(url)
        if case .repository = hook.owner { json.key("test_url"); json.string(url + "/test") }
        json.key("ping_url"); json.string(url + "/pings")
        json.key("deliveries_url"); json.string(url + "/deliveries")
        json.key("last_response")
        json.beginObject()
        json.key("code"); json.int(hook.lastResponse.code.map(Int64.init))
        json.key("status"); json.string(hook.lastResponse.status)
        json.key("message"); json.string(hook.lastResponse.message)
        json.endObject()
        json.endObject()
    }

    func encodeConfig(_ hook: HookRecord) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 256)
        writeConfig(hook, to: &json)
        return json.bytes
    }

    private func writeConfig(_ hook: HookRecord, to json: inout JSONWriter) {
        json.beginObject()
        json.key("content_type"); json.string(hook.contentType)
        json.key("insecure_ssl"); json.string(hook.insecureSSL)
        if let secret = hook.secret, !secret.isEmpty { json.key("secret"); json.string("********") }
        json.key("url"); json.string(hook.url)
        json.endObject()
    }

    /// A page of deliveries: the list's summary members.
    func encodeDeliveries(_ deliveries: [DeliveryRecord]) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 320 * max(1, deliveries.count))
        json.beginArray()
        for delivery in deliveries { writeSummary(delivery, to: &json, close: true) }
        json.endArray()
        return json.bytes
    }

    /// One delivery with its request (the payload as an object) and the receiver's response.
    func encodeDetail(_ delivery: DeliveryRecord) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 4096 + (delivery.payload?.utf8.count ?? 0))
        writeSummary(delivery, to: &json, close: false)
        json.key("url"); json.string(delivery.url)
        json.key("request")
        json.beginObject()
        json.key("headers"); writeHeaders(delivery.requestHeaders, to: &json)
        json.key("payload")
        if let payload = delivery.payload { json.encoded(payload) } else { json.null() }
        json.endObject()
        json.key("response")
        json.beginObject()
        json.key("headers"); writeHeaders(delivery.responseHeaders, to: &json)
        json.key("payload"); json.string(delivery.state == .done ? delivery.responseBody : nil)
        json.endObject()
        json.endObject()
        return json.bytes
    }

    private func writeSummary(_ delivery: DeliveryRecord, to json: inout JSONWriter, close: Bool) {
        json.beginObject()
        json.key("id"); json.int(delivery.id)
        json.key("guid"); json.string(delivery.guid)
        json.key("delivered_at"); json.string(delivery.deliveredAt ?? delivery.queuedAt)
        json.key("redelivery"); json.bool(delivery.redelivery)
        json.key("duration"); json.number(verbatim: Self.seconds(delivery.duration))
        json.key("status"); json.string(delivery.status)
        json.key("status_code"); json.int(delivery.statusCode)
        json.key("event"); json.string(delivery.event)
        json.key("action"); json.string(delivery.action)
        json.key("installation_id"); json.int(delivery.installationID)
        json.key("repository_id"); json.int(delivery.repositoryID)
        json.key("throttled_at"); json.null()
        if close { json.endObject() }
    }

    private func writeHeaders(_ headers: [(String, String)], to json: inout JSONWriter) {
        json.beginObject()
        for (name, value) in headers { json.key(name); json.string(value) }
        json.endObject()
    }

    /// Seconds with millisecond precision, as a JSON number.
    public static func seconds(_ value: Double) -> String {
        let milliseconds = Int64((max(0, value) * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}

extension HookRecord.Owner {
    /// The hook object's `type`.
    var typeName: String {
        switch self {
        case .repository: "Repository"
        case .organization: "Organization"
        case .app: "App"
        }
    }
}
