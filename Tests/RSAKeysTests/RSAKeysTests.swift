import Foundation
import RSAKeys
import Testing

/// GnuTLS's RSA through the Swift surface, against keys and a signature made by OpenSSL
/// (Fixtures: `openssl genrsa -traditional`, `rsa -pubout` / `-RSAPublicKey_out`, `dgst -sha256 -sign`).
struct RSAKeysTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try Data(contentsOf: url)
    }

    static func text(_ name: String) throws -> String { String(decoding: try fixture(name), as: UTF8.self) }

    @Test(arguments: ["test-public-key.spki.pem", "test-public-key.pkcs1.pem"])
    func verifiesOpenSSLsSignatureWithEitherPublicKeyFormat(_ file: String) throws {
        let key = try RSAPublicKey(pem: try Self.text(file))
        #expect(key.bits == 2048)
        let message = Array(try Self.fixture("message.txt"))
        let signature = Array(try Self.fixture("message.sig"))
        #expect(key.verifiesSHA256(signature: signature, of: message))
        #expect(!key.verifiesSHA256(signature: signature, of: message + [0]))
        var flipped = signature
        flipped[10] ^= 1
        #expect(!key.verifiesSHA256(signature: flipped, of: message))
        #expect(!key.verifiesSHA256(signature: [], of: message))
        #expect(!key.verifiesSHA256(signature: Array(signature.prefix(100)), of: message))
    }

    @Test func signsAsOpenSSLDoes() throws {
        // PKCS#1 v1.5 signatures are deterministic: the same key and message give OpenSSL's bytes.
        let key = try RSAPrivateKey(pem: try Self.text("test-private-key.pkcs1.pem"))
        #expect(try key.signSHA256(Array(try Self.fixture("message.txt"))) == Array(try Self.fixture("message.sig")))
        #expect(key.publicKey.pem == (try Self.text("test-public-key.spki.pem")))
    }

    @Test func generatedKeysRoundTripThroughPEM() throws {
        let key = try RSAPrivateKey.generate(bits: 2048)
        #expect(key.pem.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
        #expect(key.publicKey.bits == 2048)
        let message = Array("header.claims".utf8)
        let signature = try key.signSHA256(message)
        let reread = try RSAPublicKey(pem: key.publicKey.pem)
        #expect(reread.verifiesSHA256(signature: signature, of: message))
        #expect(try RSAPrivateKey(pem: key.pem).signSHA256(message) == signature)
        // Another key's signature does not verify.
        #expect(!(try RSAPublicKey(pem: try Self.text("test-public-key.spki.pem"))).verifiesSHA256(signature: signature, of: message))
    }

    @Test func readsSmallKeysAndSaysWhatTheyAre() throws {
        // The caller decides what size it accepts; the key says its size.
        #expect(try RSAPublicKey(pem: try Self.text("test-public-key-1024.spki.pem")).bits == 1024)
        #expect(throws: RSAKeyError.self) { try RSAPublicKey(pem: try Self.text("test-public-key-ec.pem")) }
    }

    @Test(arguments: ["", "not a key", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
                      "-----BEGIN RSA PUBLIC KEY-----\nMAA=\n-----END RSA PUBLIC KEY-----\n",
                      "-----BEGIN RSA PUBLIC KEY-----\n!!!!\n-----END RSA PUBLIC KEY-----\n"])
    func refusesWhatIsNotAKey(_ pem: String) {
        #expect(throws: RSAKeyError.self) { try RSAPublicKey(pem: pem) }
        #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: pem) }
    }
}
