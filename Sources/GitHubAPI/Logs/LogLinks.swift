import FoundationEssentials
import HTTPServer
import Hashing
import JSON

/// What a log URL leads to: one job's plain-text log, or a run attempt's zip of them all.
public enum LogResource: Sendable, Equatable {
    case job(Int64)
    case runAttempt(run: Int64, attempt: Int)

    /// The path under `/_logs/` (`jobs/5`, `runs/7/attempts/2`): also what is signed.
    var path: String {
        switch self {
        case .job(let id): "jobs/\(id)"
        case .runAttempt(let run, let attempt): "runs/\(run)/attempts/\(attempt)"
        }
    }

    /// The resource a path under `/_logs/` names; `nil` for anything else.
    init?(path: Substring) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0] == "jobs", let id = RouteParameters.id(parts[1]) {
            self = .job(id)
        } else if parts.count == 4, parts[0] == "runs", parts[2] == "attempts", let run = RouteParameters.id(parts[1]),
                  let attempt = RouteParameters.id(parts[3]).flatMap({ Int(exactly: $0) }) {
            self = .runAttempt(run: run, attempt: attempt)
        } else {
            return nil
        }
    }
}

/// Signs and checks the short-lived URLs `/logs` redirects to: an address on the emulator
/// itself naming the resource, an expiry and an HMAC-SHA256 over both, so it works without a
/// token — like the storage URLs GitHub hands out — until it expires.
public struct LogLinks: Sendable {
    public static let pathPrefix = "/_logs/"
    let urls: ServerURLs
    private let key: HMACKey
    /// How long a URL works after it is issued (GitHub: one minute).
    let lifetime: TimeInterval

    /// `key` signs the URLs; a random one per start unless configured.
    public init(urls: ServerURLs, key: [UInt8]? = nil, lifetime: TimeInterval = 60) {
        self.urls = urls
        self.key = key.map(HMACKey.init) ?? .random()
        self.lifetime = lifetime
    }

    public func url(for resource: LogResource, issuedAt: Date) -> String {
        // Rounded up so the URL lives at least the full lifetime.
        let expires = Int64((issuedAt.timeIntervalSince1970 + lifetime).rounded(.up))
        let path = resource.path
        return "\(urls.root)\(Self.pathPrefix)\(path)?expires=\(expires)&signature=\(signature(path, expires: expires))"
    }

    /// Why a presented URL is refused.
    public enum Refusal: Error, Equatable {
        case malformed, badSignature, expired
    }

    /// Checks a presented URL's parameters; the signature comparison takes constant time.
    public func verify(_ resource: LogResource, query: QueryParameters, now: Date) throws(Refusal) {
        guard let expiresText = query["expires"], let expires = Int64(expiresText),
              let signatureText = query["signature"], signatureText.utf8.count == 2 * SHA256.byteCount,
              let presented = Hex.decode(signatureText)
        else { throw .malformed }
        let message = Array("\(resource.path):\(expires)".utf8)
        guard key.isValidAuthenticationCode(presented, for: message) else {
            throw .badSignature
        }
        guard now.timeIntervalSince1970 < Double(expires) else { throw .expired }
    }

    private func signature(_ path: String, expires: Int64) -> String {
        Hex.encode(key.authenticationCode(for: Array("\(path):\(expires)".utf8)))
    }
}
