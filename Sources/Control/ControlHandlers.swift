import Clock
import FoundationEssentials
import GitHubAPI
import HTTPServer
import JSON
import Seed
import Store
import SystemIO

/// The handlers of each control route.
extension ControlAPI {
    // MARK: health and data

    func health(_ request: ControlRequest) -> HTTPResponse {
        let counts = try? api.store.read { try $0.counts() }
        var json = JSONWriter()
        json.beginObject()
        json.key("status"); json.string(counts == nil ? "degraded" : "ok")
        json.key("version"); json.string(Self.version)
        json.key("uptime_seconds"); json.int(Int64(Date().timeIntervalSince(started)))
        json.key("now"); json.string(Timestamp.format(api.clock.now))
        json.key("counts")
        write(counts ?? StoreCounts(repositories: 0, tokens: 0, runs: 0, jobs: 0, steps: 0), to: &json)
        json.endObject()
        return .json(json.bytes)
    }

    /// Back to the start-up seed (its files read again): data, clock, rate-limit windows and
    /// faults. The journal stays.
    func reset(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        // The clock first: the start-up seed's scheduled runs start again from the reset clock.
        api.clock.reset()
        let now = api.clock.now
        try ControlError.answer("reset") {
            let documents = try SeedLoader.rescan(settings.startupSeed, now: Timestamp.format(now))
            try SeedLoader.load(documents, into: api.store, now: now, replacingEverything: true)
        }
        api.rateLimiter.reset()
        api.faults.clear()
        return health(request)
    }

    /// Loads a seed document from the body (upsert), with the same validation as seed files.
    func seed(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        let document: SeedDocument
        do {
            let now = api.clock.now
            document = try SeedDocument.parse(request.http.body, source: "request body", now: Timestamp.format(now))
            try SeedLoader.load([document], into: api.store, now: now)
        } catch {
            throw Self.refusal(error)
        }
        Memory.releaseFreedPages()
        var json = JSONWriter()
        json.beginObject()
        json.key("loaded")
        json.beginObject()
        json.key("repositories"); json.int(document.repositories.count)
        json.key("tokens"); json.int(document.tokens.count)
        json.key("jobs"); json.int(document.jobCount)
        json.key("runs"); json.int(document.runs.count)
        json.endObject()
        json.endObject()
        return .json(json.bytes)
    }

    // MARK: clock

    func clock(_ request: ControlRequest) -> HTTPResponse {
        var json = JSONWriter()
        json.beginObject()
        json.key("now"); json.string(Timestamp.format(api.clock.now))
        json.key("frozen"); json.bool(api.clock.isFrozen)
        json.endObject()
        return .json(json.bytes)
    }

    /// `{"advance_seconds": N}` moves the clock; `{"now": "2030-01-01T00:00:00Z"}` stops it at
    /// that instant; `{"reset": true}` returns to the system clock.
    func setClock(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        let body = try request.object()
        let before = api.clock.now
        switch (body["advance_seconds"], body["now"]) {
        case (nil, nil) where body["reset"] == .bool(true):
            api.clock.reset()
        case (.number(let text)?, nil):
            guard let seconds = Double(text), seconds.isFinite, abs(seconds) < 1e10 else {
                throw ControlError.invalid("advance_seconds", "expected a number of seconds")
            }
            api.clock.advance(by: seconds)
        case (nil, .string(let text)?):
            guard let date = Timestamp.parse(text) else {
                throw ControlError.invalid("now", "expected an RFC 3339 date-time such as 2030-01-01T00:00:00Z")
            }
            api.clock.set(to: date)
        default:
            throw ControlError.invalid("body", "expected {\"advance_seconds\": N}, {\"now\": \"<date-time>\"} or {\"reset\": true}")
        }
        // Forward, the next request catches scheduled jobs up; back, they must all be placed again.
        let now = api.clock.now
        if now < before {
            try ControlError.answer("moving scheduled jobs") { try scheduler.clockChanged(to: now) }
        }
        return clock(request)
    }

    // MARK: journal

    /// Oldest first; `?limit=N` keeps the newest N.
    func requests(_ request: ControlRequest) -> HTTPResponse {
        var entries = api.journal.all()
        if let limit = request.http.query["limit"].flatMap({ Int($0) }), limit >= 0 { entries = Array(entries.suffix(limit)) }
        var json = JSONWriter()
        json.beginObject()
        json.key("requests")
        json.beginArray()
        for entry in entries {
            json.beginObject()
            json.key("time"); json.string(Timestamp.format(entry.time))
            json.key("method"); json.string(entry.method)
            json.key("path"); json.string(entry.path)
            json.key("query"); json.string(entry.query)
            json.key("status"); json.int(entry.status)
            json.key("token_kind"); json.string(entry.tokenKind)
            json.key("token"); json.string(entry.token)
            json.key("request_id"); json.string(entry.requestID)
            json.key("duration_ms"); json.number(verbatim: NumberText.fixed(entry.durationMilliseconds, digits: 3))
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return .json(json.bytes)
    }

    func clearRequests(_ request: ControlRequest) -> HTTPResponse {
        api.journal.clear()
        return HTTPResponse(status: 204)
    }

    // MARK: faults

    func listFaults(_ request: ControlRequest) -> HTTPResponse {
        var json = JSONWriter()
        json.beginObject()
        json.key("faults")
        json.beginArray()
        for fault in api.faults.all() { write(fault, to: &json) }
        json.endArray()
        json.endObject()
        return .json(json.bytes)
    }

    /// `{"route": "actions/get-job-for-workflow-run", "status": 502, "latency_ms": 100, "drop_connection": false, "count": 2}`
    func addFault(_ request: ControlRequest) throws(APIError) -> HTTPResponse {
        let body = try request.object()
        guard case .object(let members) = body else { throw ControlError.badRequest("expected an object") }
        let known: Set<String> = ["route", "status", "latency_ms", "drop_connection", "count"]
        if let unknown = members.first(where: { !known.contains($0.key) }) {
            throw ControlError.invalid(unknown.key, "unknown field; expected \(known.sorted().joined(separator: ", "))")
        }
        guard case .string(let route)? = body["route"], FaultInjector.routes.contains(route) else {
            throw ControlError.invalid("route", "expected one of \(FaultInjector.routes.joined(separator: ", "))")
        }
        var fault = FaultInjector.Fault(route: route)
        if let status = body["status"] {
            guard let code = status.int64, (400...599).contains(code) else {
                throw ControlError.invalid("status", "expected an HTTP error status from 400 to 599")
            }
            fault.status = Int(code)
        }
        if let latency = body["latency_ms"] {
            guard case .number(let text) = latency, let milliseconds = Double(text), (0...60_000).contains(milliseconds) else {
                throw ControlError.invalid("latency_ms", "expected milliseconds from 0 to 60000")
            }
            fault.latency = milliseconds / 1000
        }
        if let drop = body["drop_connection"] {
            guard case .bool(let flag) = drop else { throw ControlError.invalid("drop_connection", "expected true or false") }
            fault.dropConnection = flag
        }
        if let count = body["count"] {
            guard let times = count.int64, times >= 1, times <= Int32.max else {
                throw ControlError.invalid("count", "expected a positive integer")
            }
            fault.remaining = Int(times)
        }
        guard fault.status != nil || fault.dropConnection || fault.latency > 0 else {
            throw ControlError.invalid("body", "a fault needs status, latency_ms or drop_connection")
        }
        var json = JSONWriter()
        write(api.faults.add(fault), to: &json)
        return .json(json.bytes, status: 201)
    }

    func clearFaults(_ request: ControlRequest) -> HTTPResponse {
        api.faults.clear()
        return HTTPResponse(status: 204)
    }

    // MARK: encoding

    static let conclusions = ["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required"]

    private func write(_ counts: StoreCounts, to json: inout JSONWriter) {
        json.beginObject()
        json.key("repositories"); json.int(counts.repositories)
        json.key("tokens"); json.int(counts.tokens)
        json.key("runs"); json.int(counts.runs)
        json.key("jobs"); json.int(counts.jobs)
        json.key("steps"); json.int(counts.steps)
        json.endObject()
    }

    private func write(_ fault: FaultInjector.Fault, to json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.int(fault.id)
        json.key("route"); json.string(fault.route)
        json.key("status"); json.int(fault.status.map(Int64.init))
        json.key("latency_ms"); json.int(Int64(fault.latency * 1000))
        json.key("drop_connection"); json.bool(fault.dropConnection)
        json.key("remaining"); json.int(fault.remaining.map(Int64.init))
        json.endObject()
    }
}
