import Clock
import FoundationEssentials
import HTTPServer
import JSON
import Store

/// GitHub's hook routes for repositories (`/repos/{o}/{r}/hooks`), organizations
/// (`/orgs/{org}/hooks`) and an app's own webhook (`/app/hook`, by JWT): create, read, update,
/// delete, config, ping, test, and the deliveries each hook made (webhooks.md).
struct HookEndpoints: Sendable {
    let json: HookJSON
    let payloads: WebhookPayloads

    func register(in router: inout EndpointTable) {
        for (prefix, kind, docs) in [("/repos/:owner/:repo/hooks", "repos", Docs.repositoryHooks), ("/orgs/:org/hooks", "orgs", Docs.organizationHooks)] {
            let noun = "webhook"
            func add(_ method: String, _ suffix: String, _ operation: String,
                     _ handle: @escaping @Sendable (APIContext) throws(APIError) -> HTTPResponse) {
                router.add(method, prefix + suffix, Endpoint(operationID: "\(kind)/\(operation)", documentationURL: docs, handle: handle))
            }
            add("GET", "", "list-\(noun)s") { [self] context throws(APIError) in try list(context) }
            add("POST", "", "create-\(noun)") { [self] context throws(APIError) in try create(context) }
            add("GET", "/:hook_id", "get-\(noun)") { [self] context throws(APIError) in try get(context) }
            add("PATCH", "/:hook_id", "update-\(noun)") { [self] context throws(APIError) in try update(context) }
            add("DELETE", "/:hook_id", "delete-\(noun)") { [self] context throws(APIError) in try delete(context) }
            add("GET", "/:hook_id/config", "get-\(noun)-config-for-\(kind == "repos" ? "repo" : "org")") { [self] context throws(APIError) in
                try getConfig(context)
            }
            add("PATCH", "/:hook_id/config", "update-\(noun)-config-for-\(kind == "repos" ? "repo" : "org")") {
                [self] context throws(APIError) in try updateConfig(context)
            }
            add("POST", "/:hook_id/pings", "ping-\(noun)") { [self] context throws(APIError) in try ping(context) }
            if kind == "repos" {
                add("POST", "/:hook_id/tests", "test-push-webhook") { [self] context throws(APIError) in try test(context) }
            }
            add("GET", "/:hook_id/deliveries", "list-webhook-deliveries") { [self] context throws(APIError) in try deliveries(context) }
            add("GET", "/:hook_id/deliveries/:delivery_id", "get-webhook-delivery") { [self] context throws(APIError) in
                try delivery(context)
            }
            add("POST", "/:hook_id/deliveries/:delivery_id/attempts", "redeliver-webhook-delivery") {
                [self] context throws(APIError) in try redeliver(context)
            }
        }
        func app(_ method: String, _ pattern: String, _ operation: String,
                 _ handle: @escaping @Sendable (APIContext) throws(APIError) -> HTTPResponse) {
            router.add(method, pattern, Endpoint(operationID: "apps/\(operation)", documentationURL: Docs.appWebhooks,
                                                 credential: .appJWT, handle: handle))
        }
        app("GET", "/app/hook/config", "get-webhook-config-for-app") { [self] context throws(APIError) in try getConfig(context) }
        app("PATCH", "/app/hook/config", "update-webhook-config-for-app") { [self] context throws(APIError) in
            try updateConfig(context)
        }
        app("GET", "/app/hook/deliveries", "list-webhook-deliveries") { [self] context throws(APIError) in try deliveries(context) }
        app("GET", "/app/hook/deliveries/:delivery_id", "get-webhook-delivery") { [self] context throws(APIError) in
            try delivery(context)
        }
        app("POST", "/app/hook/deliveries/:delivery_id/attempts", "redeliver-webhook-delivery") { [self] context throws(APIError) in
            try redeliver(context)
        }
    }

    // MARK: hooks

    private func list(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let scope = try HookAccess.scope(context, writing: false)
        let page = Page(query: context.request.query)
        let hooks = try context.read { try $0.hooks(of: scope.owner) }
        let slice = page.offset.map { hooks.dropFirst($0).prefix(page.size) } ?? []
        var response = HTTPResponse.json(json.encodeList(Array(slice), repository: scope.repository))
        if let link = LinkHeader.value(base: context.resourceURL, query: context.request.query, page: page, total: hooks.count) {
            response.headers.add("Link", link)
        }
        return response
    }

    private func create(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let scope = try HookAccess.scope(context, writing: true)
        let body = try RequestBody(context)
        try body.permit(["name", "config", "events", "active"])
        if let name = try body.string("name", required: false), name != "web" {
            throw APIError.invalid(field: "name", resource: "Hook", documentationURL: context.documentationURL)
        }
        guard case .object(let config)? = body["config"] else {
            throw RequestBody.invalid("\"config\" wasn't supplied.", context.documentationURL)
        }
        let stamp = Timestamp.format(context.now)
        let hook = try context.write { writer -> HookRecord in
            var hook = HookRecord(id: try writer.nextHookID(), owner: scope.owner, events: ["push"], url: "", createdAt: stamp)
            try HookChange.applyConfig(config, to: &hook, creating: true, context)
            if let events = try HookChange.events(body["events"], "events", context) { hook.events = events }
            if let active = try body.bool("active") { hook.active = active }
            try HookChange.checkLimit(hook, adding: hook.events, with: writer.reader, context)
            try writer.upsert(hook)
            try recordPing(hook, scope: scope, at: context.now, with: writer)
            return hook
        }
        var response = HTTPResponse.json(json.encode(hook, repository: scope.repository), status: 201)
        response.headers.add("Location", json.url(of: hook, repository: scope.repository))
        return response
    }

    private func get(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let (scope, hook) = try hook(context, writing: false)
        return .json(json.encode(hook, repository: scope.repository))
    }

    private func update(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let (scope, _) = try hook(context, writing: true)
        let body = try RequestBody(context)
        try body.permit(["config", "events", "add_events", "remove_events", "active"])
        let hook = try context.write { writer -> HookRecord in
            guard var hook = try writer.reader.hook(id: context.parameters.id("hook_id") ?? 0) else {
                throw APIError.notFound(context.documentationURL)
            }
            let before = hook.events
            if let config = body["config"] {
                guard case .object(let members) = config else {
                    throw RequestBody.invalid("For 'properties/config', \(RequestBody.describe(config)) is not an object.",
                                              context.documentationURL)
                }
                try HookChange.applyConfig(members, to: &hook, creating: true, context)
            }
            if let events = try HookChange.events(body["events"], "events", context) { hook.events = events }
            for event in try HookChange.events(body["add_events"], "add_events", context) ?? [] where !hook.events.contains(event) {
                hook.events.append(event)
            }
            let removed = try HookChange.events(body["remove_events"], "remove_events", context) ?? []
            hook.events.removeAll { removed.contains($0) }
            if let active = try body.bool("active") { hook.active = active }
            hook.updatedAt = Timestamp.format(context.now)
            try HookChange.checkLimit(hook, adding: hook.events.filter { !before.contains($0) }, with: writer.reader, context)
            try writer.upsert(hook)
            return hook
        }
        return .json(json.encode(hook, repository: scope.repository))
    }

    private func delete(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let (_, hook) = try hook(context, writing: true)
        _ = try context.write { try $0.deleteHook(id: hook.id) }
        return HTTPResponse(status: 204)
    }

    private func getConfig(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let (_, hook) = try hook(context, writing: false)
        return .json(json.encodeConfig(hook))
    }

    private func updateConfig(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let (_, found) = try hook(context, writing: true)
        let body = try RequestBody(context)
        try body.permit(["url", "content_type", "secret", "insecure_ssl"])
        let hook = try context.write { writer -> HookRecord in
            var hook = found
            try HookChange.applyConfig(body.members, to: &hook, creating: false, context)
            hook.updatedAt = Timestamp.format(context.now)
            try writer.upsert(hook)
            return hook
        }
        return .json(json.encodeConfig(hook))
    }

    /// `POST .../pings`: 204, and a `ping` delivery.
    private func ping(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let (scope, hook) = try hook(context, writing: false)
        try context.write { writer in try recordPing(hook, scope: scope, at: context.now, with: writer) }
        return HTTPResponse(status: 204)
    }

    /// `POST .../tests`: 204; it would send the latest push, and the emulator has no pushes.
    private func test(_ context: APIContext) throws(APIError) -> HTTPResponse {
        _ = try hook(context, writing: false)
        return HTTPResponse(status: 204)
    }

    private func recordPing(_ hook: HookRecord, scope: HookScope, at now: Date, with writer: StoreWriter) throws {
        let payload = payloads.ping(hook, hookJSON: json, repository: scope.repository)
        try writer.insert(NewDelivery(
            guid: UUID().uuidString.lowercased(), hookID: hook.id, event: "ping", action: nil, installationID: nil,
            repositoryID: scope.repository?.id, payload: String(decoding: payload, as: UTF8.self),
            queuedAt: Timestamp.format(now), url: hook.url
        ))
    }

    // MARK: deliveries

    /// Newest first, `per_page` at most 100, pages by `cursor` (the last delivery id seen).
    private func deliveries(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let (_, hook) = try hook(context, writing: false)
        let query = context.request.query
        let size = min(max(Int(query["per_page"] ?? "") ?? Page.defaultSize, 1), Page.maximumSize)
        let cursor = query["cursor"].flatMap { Int64($0) } ?? .max
        let found = try context.read { try $0.deliveries(hookID: hook.id, before: cursor, limit: size + 1) }
        var response = HTTPResponse.json(json.encodeDeliveries(Array(found.prefix(size))))
        if found.count > size, let last = found.prefix(size).last {
            response.headers.add("Link", "<\(context.resourceURL)?per_page=\(size)&cursor=\(last.id)>; rel=\"next\"")
        }
        return response
    }

    private func delivery(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let (_, hook) = try hook(context, writing: false)
        return .json(json.encodeDetail(try delivery(of: hook, context)))
    }

    /// `POST .../attempts`: 202; sent again as a new delivery with the same GUID.
    private func redeliver(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let (_, hook) = try hook(context, writing: true)
        let original = try delivery(of: hook, context)
        _ = try context.write { try $0.insertRedelivery(of: original, to: hook, at: Timestamp.format(context.now)) }
        return .json(Array("{}".utf8), status: 202)
    }

    // MARK: lookups

    /// The path's hook (or the app's webhook), when the caller may manage it; 404 otherwise.
    private func hook(_ context: APIContext, writing: Bool) throws(APIError) -> (HookScope, HookRecord) {
        let scope = try HookAccess.scope(context, writing: writing)
        let hook = try context.read { reader -> HookRecord? in
            if case .app = scope { return try reader.hooks(of: scope.owner).first }
            guard let id = context.parameters.id("hook_id"), let hook = try reader.hook(id: id), hook.owner == scope.owner else {
                return nil
            }
            return hook
        }
        guard let hook else { throw APIError.notFound(context.documentationURL) }
        return (scope, hook)
    }

    private func delivery(of hook: HookRecord, _ context: APIContext) throws(APIError) -> DeliveryRecord {
        guard let id = context.parameters.id("delivery_id"),
              let delivery = try context.read({ try $0.delivery(id: id) }), delivery.hookID == hook.id
        else { throw APIError.notFound(context.documentationURL) }
        return delivery
    }
}

/// Reading a hook's `config` and event lists from a request, with GitHub's refusals.
enum HookChange {
    /// Content types a hook may deliver.
    static let contentTypes: Set<String> = ["json", "form"]

    static func applyConfig(_ members: [(key: String, value: JSONValue)], to hook: inout HookRecord, creating: Bool,
                            _ context: APIContext) throws(APIError) {
        for (key, value) in members {
            switch (key, value) {
            case ("url", .string(let url)): hook.url = url
            case ("content_type", .string(let type)):
                guard contentTypes.contains(type) else {
                    throw APIError.invalid(field: "content_type", resource: "Hook", documentationURL: context.documentationURL)
                }
                hook.contentType = type
            case ("secret", .string(let secret)): hook.secret = secret.isEmpty ? nil : secret
            case ("secret", .null): hook.secret = nil
            case ("insecure_ssl", .string(let flag)) where flag == "0" || flag == "1": hook.insecureSSL = flag
            case ("insecure_ssl", .number(let number)) where number == "0" || number == "1": hook.insecureSSL = number
            case ("url", _), ("content_type", _), ("secret", _), ("insecure_ssl", _):
                throw APIError.invalid(field: key, resource: "Hook", documentationURL: context.documentationURL)
            default:
                continue  // GitHub keeps other config keys; the emulator has no use for them
            }
        }
        guard !hook.url.isEmpty else {
            throw APIError(status: 422, message: "Validation Failed", documentationURL: context.documentationURL,
                           errors: [APIError.FieldError(resource: "Hook", field: "url", code: "missing_field")])
        }
        guard hook.url.hasPrefix("http://") || hook.url.hasPrefix("https://") else {
            throw APIError.invalid(field: "url", resource: "Hook", documentationURL: context.documentationURL)
        }
        guard HookURL.isValid(hook.url) else {
            throw APIError(status: 422, message: "Validation Failed", documentationURL: context.documentationURL,
                           errors: [.custom(resource: "Hook", message: HookURL.invalidMessage)])
        }
    }

    /// Hooks one repository or organization may have for one event (GHES; github.com allows 20).
    static let hooksPerEvent = 250

    /// GHES's 422 when an event the hook gains already has `hooksPerEvent` other hooks on its
    /// target. Only the events it gains: a seed may hold more, and other edits stay possible.
    static func checkLimit(_ hook: HookRecord, adding events: [String], with reader: StoreReader, _ context: APIContext) throws {
        guard !events.isEmpty else { return }
        let others = try reader.hooks(of: hook.owner).filter { $0.id != hook.id }
        for event in events where others.count(where: { $0.events.contains(event) }) >= hooksPerEvent {
            throw APIError(status: 422, message: "Validation Failed", documentationURL: context.documentationURL,
                           errors: [.custom(resource: "Hook", message: "The \"\(event)\" event cannot have more than \(hooksPerEvent) hooks")])
        }
    }

    /// An array of event names, or `nil` when absent.
    static func events(_ value: JSONValue?, _ key: String, _ context: APIContext) throws(APIError) -> [String]? {
        guard let value else { return nil }
        guard case .array(let items) = value else {
            throw RequestBody.invalid("For 'properties/\(key)', \(RequestBody.describe(value)) is not an array.", context.documentationURL)
        }
        var events: [String] = []
        for item in items {
            guard case .string(let name) = item, !name.isEmpty else {
                throw RequestBody.invalid("For 'items', \(RequestBody.describe(item)) is not a string.", context.documentationURL)
            }
            if !events.contains(name) { events.append(name) }
        }
        return events
    }
}
