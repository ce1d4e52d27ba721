import HTTPServer
import JSON
import Synchronization

/// The headers GitHub Enterprise Server puts on every API response, errors and preflights
/// included: media type, request id, the selected API version (not on a 401), the release,
/// CORS exposure and the security headers. The constant ones are built once.
struct ServerHeadersMiddleware: Middleware {
    let requestIDs = RequestIDs()
    private let constant: [(String, String)]
    private let constantOverTLS: [(String, String)]

    init(release: GHESRelease) {
        constant = [
            ("Server", "GitHub.com"),
            ("X-GitHub-Media-Type", "github.v3; format=json"),
            ("X-GitHub-Enterprise-Version", "enterprise-server@\(release)"),
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Expose-Headers", CORS.exposedHeaders),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "deny"),
            ("Content-Security-Policy", "default-src 'none'"),
            ("Referrer-Policy", "origin-when-cross-origin, strict-origin-when-cross-origin"),
            ("X-XSS-Protection", "0"),
        ]
        constantOverTLS = constant + [("Strict-Transport-Security", "max-age=31536000; includeSubdomains")]
    }

    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) -> HTTPResponse {
        var response = answer(&state, next)
        response.headers.add(contentsOf: state.request.isSecure ? constantOverTLS : constant)
        response.headers.add("X-GitHub-Request-Id", requestIDs.next())
        // A credential that did not resolve is refused before a version is selected.
        if let version = state.apiVersion, response.status != 401 {
            response.headers.add("X-GitHub-Api-Version-Selected", version)
        }
        return response
    }
}

/// GitHub-style request ids (`1705:B551:000000:000001:9E3779B1`): five hex groups, unique per process.
final class RequestIDs: Sendable {
    private let counter = Atomic<UInt64>(0)
    /// The first two groups, from a per-process seed: the same on every id.
    private let prefix: [UInt8]

    init() {
        let seed = UInt32.random(in: 0...UInt32.max)
        var prefix: [UInt8] = []
        NumberText.appendHex(UInt64(seed >> 16), width: 4, uppercase: true, to: &prefix)
        prefix.append(UInt8(ascii: ":"))
        NumberText.appendHex(UInt64(seed & 0xFFFF), width: 4, uppercase: true, to: &prefix)
        self.prefix = prefix
    }

    func next() -> String {
        let count = counter.wrappingAdd(1, ordering: .relaxed).newValue
        var bytes = prefix
        bytes.reserveCapacity(32)
        for (value, width) in [((count >> 24) & 0xFFFFFF, 6), (count & 0xFFFFFF, 6),
                               (UInt64(UInt32(truncatingIfNeeded: count &* 2_654_435_761)), 8)] {
            bytes.append(UInt8(ascii: ":"))
            NumberText.appendHex(value, width: width, uppercase: true, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
