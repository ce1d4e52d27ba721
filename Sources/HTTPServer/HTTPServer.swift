import CMicroHTTPD
import Glibc
import Locking
import Synchronization

/// An HTTP/1.1 server on libmicrohttpd: a pool of worker threads, each handing requests to a responder.
public final class HTTPServer: Sendable {
    /// How the server listens and the limits it enforces on every connection.
    public struct Configuration: Sendable {
        public var host: String = "127.0.0.1"
        /// 0 picks a free port; `port` on the running server tells which.
        public var port: UInt16 = 8080
        public var threads: Int = max(2, System.coreCount)
        public var connectionLimit: Int = 1024
        public var perIPConnectionLimit: Int = 0
        /// Idle seconds before a connection is closed.
        public var connectionTimeout: Int = 30
        /// Bytes per connection for the request line, headers, parsed query parameters and
        /// buffers; a request that does not fit is refused (431 or 414, or a close).
        /// libmicrohttpd zeroes the whole pool between keep-alive requests, so its size is a
        /// per-request cost: at 64 KiB that memset was half of a GET's instructions. 32 KiB,
        /// the library's default, holds about 300 query parameters or a 10 KB query (measured).
        public var connectionMemoryLimit: Int = 32 * 1024
        /// Larger request bodies are refused with 413 (seeds posted to the control API fit).
        public var maxBodyBytes: Int = 64 * 1024 * 1024
        public var tls: TLS?

        public init() {}
    }

    /// PEM-encoded certificate chain and private key.
    public struct TLS: Sendable {
        public var certificatePEM: String
        public var privateKeyPEM: String
        public init(certificatePEM: String, privateKeyPEM: String) {
            self.certificatePEM = certificatePEM
            self.privateKeyPEM = privateKeyPEM
        }
    }

    /// Why the server could not start.
    public struct StartError: Error, CustomStringConvertible {
        public var host: String
        public var port: UInt16
        public var reason: String
        public var description: String { "cannot listen on \(host):\(port): \(reason)" }
    }

    /// The port actually bound (the chosen one when configured with 0).
    public let port: Int
    public let isSecure: Bool
    /// The running daemon's address; 0 once stopped (taken atomically so stop runs once).
    private let daemon: Atomic<UInt>
    private let box: Unmanaged<ResponderBox>

    /// Binds and starts serving at once; requests go to `responder` on the worker threads.
    public init(configuration: Configuration, responder: any HTTPResponder) throws(StartError) {
        let box = Unmanaged.passRetained(ResponderBox(
            responder: responder,
            maxBodyBytes: configuration.maxBodyBytes,
            isSecure: configuration.tls != nil
        ))
        var errorCode: Int32 = 0
        let started: OpaquePointer? = configuration.host.withCString { host in
            withOptionalCString(configuration.tls?.certificatePEM) { cert in
                withOptionalCString(configuration.tls?.privateKeyPEM) { key in
                    var settings = cmhd_settings(
                        host: host,
                        port: configuration.port,
                        thread_pool_size: UInt32(clamping: configuration.threads),
                        connection_limit: UInt32(clamping: configuration.connectionLimit),
                        per_ip_connection_limit: UInt32(clamping: configuration.perIPConnectionLimit),
                        connection_timeout: UInt32(clamping: configuration.connectionTimeout),
                        connection_memory_limit: configuration.connectionMemoryLimit,
                        tls_cert_pem: cert,
                        tls_key_pem: key
                    )
                    return cmhd_start(&settings, Callbacks.access, Callbacks.completed, Callbacks.uriLogged,
                                      box.toOpaque(), &errorCode)
                }
            }
        }
        guard let started else {
            box.release()
            throw StartError(host: configuration.host, port: configuration.port,
                             reason: String(cString: strerror(errorCode)))
        }
        self.daemon = Atomic(UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(started))))
        self.box = box
        self.port = Int(cmhd_bound_port(started))
        self.isSecure = configuration.tls != nil
    }

    deinit { stop() }

    /// Stops accepting, lets requests in flight finish (up to `grace` seconds), then shuts down;
    /// idle kept-alive connections are simply closed.
    public func stop(grace: Double = 2) {
        let address = daemon.exchange(0, ordering: .acquiringAndReleasing)
        guard address != 0, let running = OpaquePointer(bitPattern: address) else { return }
        cmhd_quiesce(running)
        let deadline = System.monotonicSeconds() + grace
        let responderBox = box.takeUnretainedValue()
        responderBox.waitForRequestsInFlight(until: deadline)
        // libmicrohttpd must not stop with a connection suspended: answers still being made on
        // their own threads are given up with a 503, and their connections resumed to send it.
        if responderBox.abandonOffloaded() > 0 {
            responderBox.waitForRequestsInFlight(until: System.monotonicSeconds() + 1)
        }
        MHD_stop_daemon(running)
        box.release()
    }
}

/// Facts about the host this process runs on.
public enum System {
    public static var coreCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// Seconds on a clock that never jumps, for measuring intervals.
    public static func monotonicSeconds() -> Double { WorkerThread.monotonicSeconds() }
}

extension System {
    /// Where `write` sends text.
    public enum Stream: Sendable { case standardOutput, standardError }

    /// Writes `text` to the descriptor at once, with no stdio buffer in between.
    public static func write(_ text: String, to stream: Stream) {
        let descriptor: Int32 = stream == .standardOutput ? 1 : 2
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Blocks the calling thread (faults that add latency).
    public static func sleep(seconds: Double) { WorkerThread.sleep(seconds: seconds) }
}

private func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}

/// What the C callbacks reach through their `cls` pointer.
private final class ResponderBox: Sendable {
    let responder: any HTTPResponder
    /// Requests between their request line and completion, so stopping can wait for them.
    let requestsInFlight = Atomic<Int>(0)
    let maxBodyBytes: Int
    let isSecure: Bool
    /// Requests being answered on their own threads, by connection address.
    private let offloaded = Locked<[UInt: Offloaded]>([:])
    private let offLoopThreads = ElasticThreads()

    init(responder: any HTTPResponder, maxBodyBytes: Int, isSecure: Bool) {
        self.responder = responder
        self.maxBodyBytes = maxBodyBytes
        self.isSecure = isSecure
    }

    func waitForRequestsInFlight(until deadline: Double) {
        while requestsInFlight.load(ordering: .acquiring) > 0 && System.monotonicSeconds() < deadline {
            usleep(10_000)
        }
    }

    /// Answers `request` on a thread of its own (here, when the system will make no more). The
    /// caller has suspended `connection`; it is resumed once the answer is ready and picks it up
    /// from `answer`.
    func answerOffLoop(_ request: HTTPRequest, on connection: OpaquePointer, into answer: Offloaded) {
        let address = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(connection)))
        offloaded.withLock { $0[address] = answer }
        let make: @Sendable () -> Void = { [self] in
            let response = responder.respond(to: request)
            offloaded.withLock { _ = $0.removeValue(forKey: address) }
            if answer.settle(response), let connection = OpaquePointer(bitPattern: address) {
                MHD_resume_connection(connection)
            }
        }
        if !offLoopThreads.run(make) { make() }
    }

    /// Settles every answer still being made with a 503 and resumes its connection; how many.
    func abandonOffloaded() -> Int {
        let abandoned = offloaded.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        var resumed = 0
        for (address, answer) in abandoned {
            let unavailable = HTTPResponse(status: 503, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                                           body: Array("server stopping\n".utf8))
            if answer.settle(unavailable), let connection = OpaquePointer(bitPattern: address) {
                MHD_resume_connection(connection)
                resumed += 1
            }
        }
        return resumed
    }
}

/// The answer to a request made off the event loop: set once, by whoever settles it first (the
/// thread making it, or `stop` giving it up); the resumed connection takes it.
private final class Offloaded: Sendable {
    private let response = Locked<HTTPResponse?>(nil)

    /// Whether this call settled it (and so must resume the connection).
    func settle(_ answer: HTTPResponse) -> Bool {
        response.withLock { settled in
            guard settled == nil else { return false }
            settled = answer
            return true
        }
    }

    var settled: HTTPResponse? { response.withLock { $0 } }
}

/// A streamed body kept alive until libmicrohttpd frees the response.
private final class StreamBox {
    let stream: BodyStream
    init(_ stream: BodyStream) { self.stream = stream }
}

/// Per-request state that libmicrohttpd carries in `con_cls` from the URI log callback to completion.
/// Only the connection's own worker thread touches it.
private final class RequestState {
    let target: String
    var body: [UInt8] = []
    var bodyTooLarge = false
    var headersSeen = false
    /// Set while (and after) the answer is made on another thread.
    var offloaded: Offloaded?
    init(target: String) { self.target = target }
}

/// The C entry points. They live in a nonisolated type because libmicrohttpd calls them on its
/// own threads; a main-actor closure would trap there.
private enum Callbacks {
    // MHD_Result is a closed C enum: its constants do not import as globals.
    static let mhdYes = MHD_Result(rawValue: 1)!
    static let mhdNo = MHD_Result(rawValue: 0)!

    static let uriLogged: cmhd_uri_logger = { cls, uri, _ in
        if let cls { Unmanaged<ResponderBox>.fromOpaque(cls).takeUnretainedValue().requestsInFlight.add(1, ordering: .relaxed) }
        let target = uri.map { String(cString: $0) } ?? "/"
        return Unmanaged.passRetained(RequestState(target: target)).toOpaque()
    }

    static let completed: MHD_RequestCompletedCallback = { cls, _, context, _ in
        guard let context, let state = context.pointee else { return }
        if let cls { Unmanaged<ResponderBox>.fromOpaque(cls).takeUnretainedValue().requestsInFlight.subtract(1, ordering: .releasing) }
        Unmanaged<RequestState>.fromOpaque(state).release()
        context.pointee = nil
    }

    static let access: MHD_AccessHandlerCallback = { cls, connection, _, method, _, uploadData, uploadSize, context in
        guard let cls, let connection, let context, let opaqueState = context.pointee, let uploadSize else {
            return mhdNo
        }
        let box = Unmanaged<ResponderBox>.fromOpaque(cls).takeUnretainedValue()
        let state = Unmanaged<RequestState>.fromOpaque(opaqueState).takeUnretainedValue()

        if !state.headersSeen {
            // First call: headers only. Returning YES lets libmicrohttpd read the body.
            state.headersSeen = true
            return mhdYes
        }
        if uploadSize.pointee > 0 {
            if let uploadData, state.body.count + uploadSize.pointee <= box.maxBodyBytes {
                state.body.append(contentsOf: UnsafeRawBufferPointer(start: uploadData, count: uploadSize.pointee))
            } else {
                state.bodyTooLarge = true
            }
            uploadSize.pointee = 0
            return mhdYes
        }

        var response: HTTPResponse
        if let offloaded = state.offloaded {
            // Called again once resumed: the answer is settled before the resume.
            response = offloaded.settled ?? HTTPResponse(status: 500)
        } else if state.bodyTooLarge {
            response = HTTPResponse(status: 413, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                                    body: Array("request body too large\n".utf8))
        } else {
            let request = HTTPRequest(
                method: method.map { String(cString: $0) } ?? "GET",
                target: state.target,
                headers: headers(of: connection),
                body: state.body,
                remoteAddress: clientAddress(of: connection),
                isSecure: box.isSecure
            )
            if box.responder.placement(of: request) == .ownThread {
                let answer = Offloaded()
                state.offloaded = answer
                MHD_suspend_connection(connection)
                box.answerOffLoop(request, on: connection, into: answer)
                return mhdYes
            }
            response = box.responder.respond(to: request)
        }
        return send(response, on: connection)
    }

    private static func send(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        if response.dropsConnection { return mhdNo }
        let mhdResponse: OpaquePointer?
        if let stream = response.stream {
            let box = Unmanaged.passRetained(StreamBox(stream)).toOpaque()
            // UInt64.max is MHD_SIZE_UNKNOWN: chunked transfer encoding.
            mhdResponse = MHD_create_response_from_callback(stream.length.map(UInt64.init) ?? UInt64.max, 64 * 1024,
                                                            readStream, box, releaseStream)
            if mhdResponse == nil { Unmanaged<StreamBox>.fromOpaque(box).release() }
        } else {
            mhdResponse = response.body.withUnsafeBytes { bytes in
                cmhd_response_copying(bytes.baseAddress, bytes.count)
            }
        }
        guard let mhdResponse else { return mhdNo }
        defer { MHD_destroy_response(mhdResponse) }
        for (name, value) in response.headers {
            // withCString lends a native string's own bytes; implicit bridging copied each one.
            _ = name.withCString { name in value.withCString { value in MHD_add_response_header(mhdResponse, name, value) } }
        }
        return cmhd_queue(connection, UInt32(clamping: response.status), mhdResponse) != 0 ? mhdYes : mhdNo
    }

    /// Copies the next piece of a streamed body into libmicrohttpd's buffer.
    static let readStream: MHD_ContentReaderCallback = { cls, position, buffer, capacity in
        guard let cls, let buffer else { return -2 }  // MHD_CONTENT_READER_END_WITH_ERROR
        let stream = Unmanaged<StreamBox>.fromOpaque(cls).takeUnretainedValue().stream
        guard let length = stream.length else {
            guard let bytes = stream.read(Int(position), capacity), bytes.count <= capacity else { return -2 }
            if bytes.isEmpty { return -1 }  // MHD_CONTENT_READER_END_OF_STREAM
            bytes.withUnsafeBytes { UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            return bytes.count
        }
        guard position < UInt64(length) else { return -1 }  // MHD_CONTENT_READER_END_OF_STREAM
        let wanted = min(capacity, length - Int(position))
        guard let bytes = stream.read(Int(position), wanted), !bytes.isEmpty, bytes.count <= wanted else { return -2 }
        bytes.withUnsafeBytes { UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        return bytes.count
    }

    static let releaseStream: MHD_ContentReaderFreeCallback = { cls in
        guard let cls else { return }
        Unmanaged<StreamBox>.fromOpaque(cls).release()
    }

    private static func headers(of connection: OpaquePointer) -> HTTPHeaders {
        var headers = HTTPHeaders()
        withUnsafeMutablePointer(to: &headers) { pointer in
            cmhd_visit_headers(connection, { context, name, nameLength, value, valueLength in
                guard let context, let name else { return }
                let headers = context.assumingMemoryBound(to: HTTPHeaders.self)
                let nameText = String(decoding: UnsafeRawBufferPointer(start: name, count: nameLength), as: UTF8.self)
                let valueText = value.map {
                    String(decoding: UnsafeRawBufferPointer(start: $0, count: valueLength), as: UTF8.self)
                } ?? ""
                headers.pointee.add(nameText, valueText)
            }, pointer)
        }
        return headers
    }

    private static func clientAddress(of connection: OpaquePointer) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(INET6_ADDRSTRLEN) + 1) { buffer in
            buffer[0] = 0
            cmhd_client_address(connection, buffer.baseAddress, socklen_t(buffer.count))
            return String(cString: buffer.baseAddress!)
        }
    }
}
