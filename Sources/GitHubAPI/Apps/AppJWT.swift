import FoundationEssentials
import JSON
import RSAKeys

/// A GitHub App's JSON web token, checked as apps.md says GitHub checks it: RS256 over
/// `header.claims`, `iss` naming the app, `exp` ahead but at most ten minutes ahead, `iat` not
/// in the future, all against the emulator clock (so a test skews it by moving the clock).
public enum AppJWT {
    /// Who a token says issued it: an app id (a JSON number or a numeric string) or a client ID.
    public enum Issuer: Equatable, Sendable {
        case id(Int64)
        case clientID(String)
    }

    /// Why a token is refused, one case per check, in the order the checks run.
    public enum Refusal: Error, Equatable, Sendable {
        /// Not three base64url parts of JSON, `alg` not RS256, or a bad signature.
        case undecodable
        /// `iss` names no app (404 `Integration not found`).
        case unknownIssuer
        /// `exp` missing, not a number, or not after now.
        case expired
        /// `exp` more than ten minutes after now.
        case tooFarAhead
        /// `iat` missing, not an integer, or after now.
        case badIssuedAt
    }

    /// Longer tokens are refused before any decoding (a real one is under 1 KiB).
    static let maximumLength = 8 * 1024
    /// GitHub refuses an `exp` further ahead than this.
    static let maximumLifetime: TimeInterval = 600

    /// Whether `token` is shaped like a JWT at all (`eyJ…` in three dot-separated parts): how a
    /// bearer credential is told apart from a token string before any lookup.
    public static func looksLikeJWT(_ token: String) -> Bool {
        token.hasPrefix("eyJ") && token.utf8.lazy.filter { $0 == UInt8(ascii: ".") }.count == 2
    }

    /// Checks `token` and answers the app `lookup` finds for its issuer, with that app's key.
    public static func verify<App>(_ token: String, now: Date,
                                   lookup: (Issuer) -> (app: App, key: RSAPublicKey)?) throws(Refusal) -> App {
        guard token.utf8.count <= maximumLength else { throw .undecodable }
        let parts = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerBytes = base64URLDecode(parts[0]), let claimsBytes = base64URLDecode(parts[1]),
              let signature = base64URLDecode(parts[2]),
              let header = try? JSONParser.parse(headerBytes), header["alg"]?.string == "RS256",
              let claims = try? JSONParser.parse(claimsBytes), case .object = claims
        else { throw .undecodable }
        guard let issuer = issuer(claims["iss"]), let (app, key) = lookup(issuer) else { throw .unknownIssuer }
        let signed = Array(token.utf8.prefix(parts[0].count + 1 + parts[1].count))
        guard key.verifiesSHA256(signature: signature, of: signed) else { throw .undecodable }
        let seconds = now.timeIntervalSince1970
        guard let expiry = number(claims["exp"]), expiry > seconds else { throw .expired }
        guard expiry <= seconds + maximumLifetime else { throw .tooFarAhead }
        guard let issuedAt = claims["iat"]?.int64, Double(issuedAt) <= seconds else { throw .badIssuedAt }
        return app
    }

    /// `iss` as an app id (number or digits) or a client ID (any other string).
    static func issuer(_ value: JSONValue?) -> Issuer? {
        switch value {
        case .number(let text)?: Int64(text).map(Issuer.id)
        case .string(let text)? where !text.isEmpty: Int64(text).map(Issuer.id) ?? .clientID(text)
        default: nil
        }
    }

    static func number(_ value: JSONValue?) -> Double? {
        guard case .number(let text)? = value, let number = Double(text), number.isFinite else { return nil }
        return number
    }

    /// base64url without padding (padding tolerated); `nil` for any other character.
    static func base64URLDecode(_ part: Substring.UTF8View) -> [UInt8]? {
        var text = ""
        text.reserveCapacity(part.count + 3)
        for byte in part {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                text.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "-"): text.append("+")
            case UInt8(ascii: "_"): text.append("/")
            case UInt8(ascii: "="): continue
            default: return nil
            }
        }
        guard !text.isEmpty, text.count % 4 != 1 else { return nil }
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: text).map(Array.init)
    }
}
