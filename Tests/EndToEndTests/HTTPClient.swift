import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A minimal HTTP client for the tests: never follows redirects, never caches, returns raw bytes.
struct HTTPClient: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data

        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body parsed as JSON (objects as dictionaries, for order-insensitive comparison).
        var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    }

    let baseURL: String
    private let session: URLSession

    /// Sends `body` with `method` (POST by default).
    func send(_ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) async throws -> Response {
        try await get(path, headers: headers, method: method, body: body)
    }

    init(baseURL: String) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    func get(_ path: String, headers: [String: String] = [:], method: String = "GET", body: String? = nil) async throws -> Response {
        let url = path.hasPrefix("http") ? URL(string: path)! : URL(string: baseURL + path)!
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let body { request.httpBody = Data(body.utf8) }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var headerFields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headerFields[String(describing: name)] = String(describing: value)
        }
        return Response(status: http.statusCode, headers: headerFields, body: data)
    }
}

private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
