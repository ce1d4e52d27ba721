import Foundation
@testable import GitHubAPI
import RSAKeys
import Testing

/// apps.md's five JWT checks, in their order, against the clock the caller passes.
struct AppJWTTests {
    static let key = try! RSAPrivateKey.generate()
    static let now = Date(timeIntervalSince1970: 1_900_000_000)
    static let seconds = Int(now.timeIntervalSince1970)

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A token as ghinstallation signs one by default: `iat` 30 s ago, `exp` in 90 s.
    static func token(header: String = #"{"alg":"RS256","typ":"JWT"}"#, claims: String? = nil,
                      signer: RSAPrivateKey = key) throws -> String {
        let claims = claims ?? #"{"iat":\#(seconds - 30),"exp":\#(seconds + 90),"iss":"1001"}"#
        let signed = base64URL(Array(header.utf8)) + "." + base64URL(Array(claims.utf8))
        return signed + "." + base64URL(try signer.signSHA256(Array(signed.utf8)))
    }

    static func verify(_ token: String, now: Date = now) throws(AppJWT.Refusal) -> Int64 {
        try AppJWT.verify(token, now: now) { issuer in
            issuer == .id(1001) || issuer == .clientID("Iv23liCiReporter00001") ? (1001, key.publicKey) : nil
        }
    }

    @Test func acceptsWhatClientsSign() throws {
        #expect(try Self.verify(try Self.token()) == 1001)
        #expect(try Self.verify(try Self.token(claims: #"{"iat":\#(Self.seconds - 60),"exp":\#(Self.seconds + 600),"iss":1001}"#)) == 1001)
        #expect(try Self.verify(try Self.token(claims: #"{"iat":\#(Self.seconds),"exp":\#(Self.seconds + 1),"iss":"Iv23liCiReporter00001"}"#)) == 1001)
        #expect(AppJWT.looksLikeJWT(try Self.token()))
        #expect(!AppJWT.looksLikeJWT("ghs_installationActionsRead000000000010"))
    }

    @Test(arguments: [
        // 1: not a JWT signed with RS256 by the app's key.
        ("", AppJWT.Refusal.undecodable), ("a.b", .undecodable), ("eyJ.eyJ.", .undecodable),
        ("!!!.???.***", .undecodable), (String(repeating: "A", count: 20_000), .undecodable),
        // 2: an issuer that names no app.
        (try! token(claims: #"{"iat":1899999970,"exp":1900000090,"iss":"2002"}"#), .unknownIssuer),
        (try! token(claims: #"{"iat":1899999970,"exp":1900000090}"#), .unknownIssuer),
        (try! token(claims: #"{"iat":1899999970,"exp":1900000090,"iss":[1001]}"#), .unknownIssuer),
        // 3-5: the claims, against the clock.
        (try! token(claims: #"{"iat":1899999970,"iss":1001}"#), .expired),
        (try! token(claims: #"{"iat":1899999970,"exp":1900000000,"iss":1001}"#), .expired),
        (try! token(claims: #"{"iat":1899999970,"exp":"soon","iss":1001}"#), .expired),
        (try! token(claims: #"{"iat":1899999970,"exp":1900000601,"iss":1001}"#), .tooFarAhead),
        (try! token(claims: #"{"exp":1900000090,"iss":1001}"#), .badIssuedAt),
        (try! token(claims: #"{"iat":1900000010,"exp":1900000090,"iss":1001}"#), .badIssuedAt),
        (try! token(claims: #"{"iat":1899999970.5,"exp":1900000090,"iss":1001}"#), .badIssuedAt),
        (try! token(claims: #"{"iat":"1899999970","exp":1900000090,"iss":1001}"#), .badIssuedAt),
    ])
    func refusesInTheSpecsOrder(_ token: String, _ refusal: AppJWT.Refusal) {
        #expect(throws: refusal) { try Self.verify(token) }
    }

    @Test func refusesOtherAlgorithmsAndSignatures() throws {
        let none = Self.base64URL(Array(#"{"alg":"none"}"#.utf8)) + "."
            + Self.base64URL(Array(#"{"iat":1899999970,"exp":1900000090,"iss":1001}"#.utf8)) + "."
        #expect(throws: AppJWT.Refusal.undecodable) { try Self.verify(none) }
        #expect(throws: AppJWT.Refusal.undecodable) { try Self.verify(try Self.token(header: #"{"alg":"HS256"}"#)) }
        #expect(throws: AppJWT.Refusal.undecodable) { try Self.verify(try Self.token(header: #"[1]"#)) }
        #expect(throws: AppJWT.Refusal.undecodable) { try Self.verify(try Self.token(claims: #"[1001]"#)) }
        #expect(throws: AppJWT.Refusal.undecodable) {
            try Self.verify(try Self.token(claims: String(repeating: "[", count: 5000)))
        }
        // Signed by another key, or altered after signing.
        #expect(throws: AppJWT.Refusal.undecodable) { try Self.verify(try Self.token(signer: try RSAPrivateKey.generate())) }
        var parts = try Self.token().split(separator: ".").map(String.init)
        parts[1] = Self.base64URL(Array(#"{"iat":1899999970,"exp":1900000090,"iss":1001,"x":1}"#.utf8))
        #expect(throws: AppJWT.Refusal.undecodable) { try Self.verify(parts.joined(separator: ".")) }
    }

    @Test func theClockJudges() throws {
        // A client whose JWT is fine by its own clock is "from the future" to a server behind it.
        let token = try Self.token()
        #expect(throws: AppJWT.Refusal.badIssuedAt) { try Self.verify(token, now: Self.now.addingTimeInterval(-60)) }
        #expect(throws: AppJWT.Refusal.expired) { try Self.verify(token, now: Self.now.addingTimeInterval(90)) }
    }
}
