import Hashing
import Store

/// What a delivery sends (webhooks.md): the body — JSON, or `payload=` and the URL-encoded
/// JSON for a `form` hook — and GitHub's headers, signed over exactly those bytes.
public struct DeliveryMessage: Sendable, Equatable {
    public var headers: [(String, String)]
    public var body: [UInt8]

    /// What every delivery's headers say about the server sending it.
    public struct Sender: Sendable {
        /// `X-GitHub-Enterprise-Version`, e.g. `3.21.0`.
        public var release: String
        /// `X-GitHub-Enterprise-Host`.
        public var host: String
        /// The id `X-GitHub-Hook-Installation-Target-ID` gives an organization (its user id).
        public var organizationID: @Sendable (String) -> Int64

        public init(release: String, host: String, organizationID: @escaping @Sendable (String) -> Int64) {
            self.release = release
            self.host = host
            self.organizationID = organizationID
        }
    }

    /// Hookshot's version, as `User-Agent` carries it (seven hex digits, like GitHub's).
    public static let userAgent = "GitHub-Hookshot/e3b0c44"

    public init(_ delivery: DeliveryRecord, hook: HookRecord, sender: Sender) {
        let json = Array((delivery.payload ?? "{}").utf8)
        let form = hook.contentType == "form"
        body = form ? Array("payload=".utf8) + Self.formEncoded(json) : json
        let (targetType, targetID): (String, Int64) = switch hook.owner {
        case .repository(let id): ("repository", id)
        case .organization(let login): ("organization", sender.organizationID(login))
        case .app(let id): ("integration", id)
        }
        var headers: [(String, String)] = [
            ("Accept", "*/*"),
            ("User-Agent", Self.userAgent),
            ("X-GitHub-Delivery", delivery.guid),
            ("X-GitHub-Event", delivery.event),
            ("X-GitHub-Hook-ID", String(hook.id)),
            ("X-GitHub-Hook-Installation-Target-ID", String(targetID)),
            ("X-GitHub-Hook-Installation-Target-Type", targetType),
        ]
        if let secret = hook.secret, !secret.isEmpty {
            let key = HMACKey(Array(secret.utf8))
            headers.append(("X-Hub-Signature", "sha1=" + Hex.encode(key.sha1AuthenticationCode(for: body))))
            headers.append(("X-Hub-Signature-256", "sha256=" + Hex.encode(key.authenticationCode(for: body))))
        }
        headers.append(("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json"))
        headers.append(("X-GitHub-Enterprise-Version", sender.release))
        headers.append(("X-GitHub-Enterprise-Host", sender.host))
        self.headers = headers
    }

    public static func == (lhs: DeliveryMessage, rhs: DeliveryMessage) -> Bool {
        lhs.body == rhs.body && lhs.headers.map { "\($0.0): \($0.1)" } == rhs.headers.map { "\($0.0): \($0.1)" }
    }

    /// `application/x-www-form-urlencoded`: letters, digits and `*-._` as they are, space as `+`,
    /// every other byte as `%XX`.
    static func formEncoded(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return out
    }
}
