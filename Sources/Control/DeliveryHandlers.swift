import Clock
import GitHubAPI
import HTTPServer
import JSON
import Store
import Webhooks

/// `/_emulator/deliveries`: every hook's deliveries for tests and the dashboard, redelivery
/// without a hook admin's token, and the delivery faults (delay, duplicate, shuffle).
extension ControlAPI {
    /// `GET /_emulator/deliveries?limit=N&hook_id=H`: newest first, with what each request carried.
    func deliveries(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        let limit = min(max(request.http.query["limit"].flatMap { Int($0) } ?? 100, 0), 1000)
        let hookID = request.http.query["hook_id"].flatMap { Int64($0) }
        let found = try ControlError.answer("reading deliveries") {
            try api.store.read { reader -> [DeliveryRecord] in
                let summaries = try hookID.map { try reader.deliveries(hookID: $0, limit: limit) } ?? reader.recentDeliveries(limit: limit)
                return try summaries.compactMap { try reader.delivery(id: $0.id) }
            }
        }
        var json = JSONWriter(reservingCapacity: 1024 * max(1, found.count))
        json.beginObject()
        json.key("deliveries")
        json.beginArray()
        for delivery in found {
            json.beginObject()
            json.key("id"); json.int(delivery.id)
            json.key("guid"); json.string(delivery.guid)
            json.key("hook_id"); json.int(delivery.hookID)
            json.key("event"); json.string(delivery.event)
            json.key("action"); json.string(delivery.action)
            json.key("state"); json.string(delivery.state.rawValue)
            json.key("status"); json.string(delivery.status)
            json.key("status_code"); json.int(delivery.statusCode)
            json.key("redelivery"); json.bool(delivery.redelivery)
            json.key("queued_at"); json.string(delivery.queuedAt)
            json.key("delivered_at"); json.string(delivery.deliveredAt)
            json.key("duration"); json.number(verbatim: HookJSON.seconds(delivery.duration))
            json.key("url"); json.string(delivery.url)
            json.key("request_headers")
            json.beginObject()
            for (name, value) in delivery.requestHeaders { json.key(name); json.string(value) }
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return .json(json.bytes)
    }

    /// `POST /_emulator/deliveries/{id}/attempts`: sends it again (a redelivery, the same GUID).
    func redeliver(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        guard let id = request.parameters.id("delivery_id") else { throw ControlError.notFound("no such delivery") }
        let now = Timestamp.format(api.clock.now)
        let created = try ControlError.answer("redelivering") {
            try api.store.write { writer -> Int64? in
                guard let original = try writer.reader.delivery(id: id), let hook = try writer.reader.hook(id: original.hookID) else {
                    return nil
                }
                return try writer.insertRedelivery(of: original, to: hook, at: now)
            }
        }
        guard let created else { throw ControlError.notFound("no delivery \(id)") }
        return .json(Array(#"{"id":\#(created)}"#.utf8), status: 202)
    }

    func deliveryFaults(_ request: ControlRequest) -> HTTPResponse {
        .json(Self.encode(webhooks?.faults ?? WebhookSender.Faults()))
    }

    /// `{"delay_ms": 500, "duplicate": true, "shuffle_window": 5}`; what is left out is off.
    func setDeliveryFaults(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        let body = try request.object()
        guard case .object(let members) = body else { throw ControlError.badRequest("expected an object") }
        var faults = WebhookSender.Faults()
        for (key, value) in members {
            switch key {
            case "delay_ms":
                guard case .number(let text) = value, let milliseconds = Double(text), (0...60_000).contains(milliseconds) else {
                    throw ControlError.invalid(key, "expected milliseconds from 0 to 60000")
                }
                faults.delaySeconds = milliseconds / 1000
            case "duplicate":
                guard case .bool(let flag) = value else { throw ControlError.invalid(key, "expected true or false") }
                faults.duplicate = flag
            case "shuffle_window":
                guard let window = value.int64, (0...1000).contains(window) else {
                    throw ControlError.invalid(key, "expected a number of deliveries from 0 to 1000")
                }
                faults.shuffleWindow = Int(window)
            default:
                throw ControlError.invalid(key, "unknown field; expected delay_ms, duplicate, shuffle_window")
            }
        }
        webhooks?.faults = faults
        return .json(Self.encode(faults))
    }

    func clearDeliveryFaults(_ request: ControlRequest) -> HTTPResponse {
        webhooks?.faults = WebhookSender.Faults()
        return HTTPResponse(status: 204)
    }

    private static func encode(_ faults: WebhookSender.Faults) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("delay_ms"); json.number(verbatim: NumberText.fixed(faults.delaySeconds * 1000, digits: 0))
        json.key("duplicate"); json.bool(faults.duplicate)
        json.key("shuffle_window"); json.int(faults.shuffleWindow)
        json.endObject()
        return json.bytes
    }
}
