import Crypto
import FoundationEssentials
import HTTPServer
import JSON

/// Signs and checks the short-lived URLs `/logs` redirects to: an address on the emulator
/// itself carrying the job id, an expiry and an HMAC-SHA256 over both, so it works without a
/// token — like the storage URLs GitHub hands out — until it expires.
public struct LogLinks: Sendable {
    public static let pathPrefix = "/_logs/jobs/"
    let urls: ServerURLs
    private let key: SymmetricKey
    /// How long a URL works after it is issued (GitHub: one minute).
    let lifetime: TimeInterval

    /// `key` signs the URLs; a random one per start unless configured.
    public init(urls: ServerURLs, key: [UInt8]? = nil, lifetime: TimeInterval = 60) {
        self.urls = urls
        self.key = key.map { SymmetricKey(data: $0) } ?? SymmetricKey(size: .bits256)
        self.lifetime = lifetime
    }

    public func url(jobID: Int64, issuedAt: Date) -> String {
        // Rounded up so the URL lives at least the full lifetime.
        let expires = Int64((issuedAt.timeIntervalSince1970 + lifetime).rounded(.up))
        return "\(urls.root)\(Self.pathPrefix)\(jobID)?expires=\(expires)&signature=\(signature(jobID: jobID, expires: expires))"
    }

    /// Why a presented URL is refused.
    public enum Refusal: Error, Equatable {
        case malformed, badSignature, expired
    }

    /// Checks a presented URL's parameters; the signature comparison takes constant time.
    public func verify(jobID: Int64, query: QueryParameters, now: Date) throws(Refusal) {
        guard let expiresText = query["expires"], let expires = Int64(expiresText),
              let signatureText = query["signature"], let presented = Self.bytes(fromHex: signatureText)
        else { throw .malformed }
        let message = Array("\(jobID):\(expires)".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: message, using: key) else {
            throw .badSignature
        }
        guard now.timeIntervalSince1970 < Double(expires) else { throw .expired }
    }

    private func signature(jobID: Int64, expires: Int64) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array("\(jobID):\(expires)".utf8), using: key)
        return code.map { NumberText.hex(UInt64($0), width: 2) }.joined()
    }

    private static func bytes(fromHex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
