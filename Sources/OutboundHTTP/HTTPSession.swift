import CCurl

/// A POST to send: where, with which headers and bytes, and how long to wait.
public struct OutboundRequest: Sendable {
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// Seconds for the whole exchange, connecting included.
    public var timeout: Double
    /// `false` accepts any certificate from an HTTPS receiver (a hook's `insecure_ssl: "1"`).
    public var verifiesTLS: Bool

    public init(url: String, headers: [(String, String)], body: [UInt8], timeout: Double, verifiesTLS: Bool = true) {
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.verifiesTLS = verifiesTLS
    }
}

/// What came back: the status, headers and (the start of) the body, and how long it took.
public struct OutboundResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    public var seconds: Double
}

/// Why no HTTP answer came: refused, unresolvable, timed out, a TLS failure; libcurl's words.
public struct OutboundFailure: Error, Sendable {
    public var reason: String
    public var timedOut: Bool
    public var seconds: Double
    /// The caller's `abandoning` said stop before an answer came.
    public var abandoned = false
}

/// One libcurl easy handle: a client that keeps its connections open between requests. Not
/// shared between threads; each sender owns one.
public final class HTTPSession {
    private let handle: UnsafeMutableRawPointer
    /// The most of a response body kept (a receiver's answer is shown, not stored whole).
    public static let bodyLimit = 64 * 1024

    public init?() {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// curl_global_init is not thread-safe: done once, before any session exists.
    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Sends `request` as a POST and waits for the answer (or the timeout); gives up within
    /// about a second once `abandoning` answers `true` (the process is stopping).
    public func post(_ request: OutboundRequest, abandoning: @escaping () -> Bool = { false })
        -> Result<OutboundResponse, OutboundFailure> {
        curl_easy_reset(handle)
        let collected = Collected(abandoning: abandoning)
        var headerList: UnsafeMutablePointer<curl_slist>?
        // Without an empty Expect, libcurl waits for a `100 Continue` before large bodies.
        for (name, value) in request.headers + [("Expect", "")] {
            headerList = curl_slist_append(headerList, value.isEmpty ? "\(name):" : "\(name): \(value)")
        }
        defer { curl_slist_free_all(headerList) }
        let context = Unmanaged.passUnretained(collected).toOpaque()
        let milliseconds = max(1, Int(request.timeout * 1000))
        // An empty body still needs an address: libcurl reads POSTFIELDS for it.
        let bytes = request.body.isEmpty ? [0] : request.body
        let status: CURLcode = bytes.withUnsafeBufferPointer { body in
            _ = ccurl_set_string(handle, CURLOPT_URL, request.url)
            _ = ccurl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
            _ = ccurl_set_long(handle, CURLOPT_NOSIGNAL, 1)
            _ = ccurl_set_long(handle, CURLOPT_POST, 1)
            _ = ccurl_set_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: body.baseAddress))
            _ = ccurl_set_long(handle, CURLOPT_POSTFIELDSIZE, request.body.count)
            _ = ccurl_set_pointer(handle, CURLOPT_HTTPHEADER, headerList.map(UnsafeMutableRawPointer.init))
            _ = ccurl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
            _ = ccurl_set_long(handle, CURLOPT_SSL_VERIFYPEER, request.verifiesTLS ? 1 : 0)
            _ = ccurl_set_long(handle, CURLOPT_SSL_VERIFYHOST, request.verifiesTLS ? 2 : 0)
            _ = ccurl_set_callback(handle, CURLOPT_WRITEFUNCTION, { data, size, count, context in
                let collected = Unmanaged<Collected>.fromOpaque(context!).takeUnretainedValue()
                let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
                let room = HTTPSession.bodyLimit - collected.body.count
                if room > 0 { collected.body += bytes.prefix(room) }
                return size * count
            })
            _ = ccurl_set_pointer(handle, CURLOPT_WRITEDATA, context)
            _ = ccurl_set_callback(handle, CURLOPT_HEADERFUNCTION, { data, size, count, context in
                let collected = Unmanaged<Collected>.fromOpaque(context!).takeUnretainedValue()
                collected.headerLine(UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            })
            _ = ccurl_set_pointer(handle, CURLOPT_HEADERDATA, context)
            _ = ccurl_set_long(handle, CURLOPT_NOPROGRESS, 0)
            _ = ccurl_set_progress(handle) { context, _, _, _, _ in
                Unmanaged<Collected>.fromOpaque(context!).takeUnretainedValue().abandoning() ? 1 : 0
            }
            _ = ccurl_set_pointer(handle, CURLOPT_XFERINFODATA, context)
            return curl_easy_perform(handle)
        }
        var seconds = 0.0
        _ = ccurl_get_double(handle, CURLINFO_TOTAL_TIME, &seconds)
        guard status == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(status))
            return .failure(OutboundFailure(reason: reason, timedOut: status == CURLE_OPERATION_TIMEDOUT, seconds: seconds,
                                            abandoned: status == CURLE_ABORTED_BY_CALLBACK))
        }
        var code = 0
        _ = ccurl_get_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return .success(OutboundResponse(status: code, headers: collected.headers, body: collected.body, seconds: seconds))
    }

    /// What the callbacks gather during one exchange.
    private final class Collected {
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        let abandoning: () -> Bool

        init(abandoning: @escaping () -> Bool) { self.abandoning = abandoning }

        /// One header line; a status line starts the headers over (after a `100 Continue`).
        func headerLine(_ bytes: UnsafeRawBufferPointer) {
            let line = String(decoding: bytes, as: UTF8.self).trimmingLineEnd()
            if line.hasPrefix("HTTP/") { headers.removeAll(); return }
            guard let colon = line.firstIndex(of: ":") else { return }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" })))
        }
    }
}

private extension String {
    func trimmingLineEnd() -> String {
        var text = self[...]
        while let last = text.last, last == "\r\n" || last == "\n" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
