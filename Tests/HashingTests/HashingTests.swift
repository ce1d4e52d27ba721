import Hashing
import Testing

/// Nettle's digests through the Swift surface, against published test vectors.
struct HashingTests {
    @Test func sha256MatchesFIPS180Vectors() {
        #expect(Hex.encode(SHA256.hash("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.encode(SHA256.hash("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Hex.encode(SHA256.hash(million)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hashingInPartsEqualsHashingTheWhole() {
        var hasher = SHA256()
        hasher.update("ab")
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize() == SHA256.hash("abc"))
        // Nettle starts over after a digest, so the hasher can be reused.
        hasher.update("abc")
        #expect(hasher.finalize() == SHA256.hash("abc"))
    }

    @Test func hmacMatchesRFC4231() {
        // Test case 2: a short key and message.
        let key = HMACKey(Array("Jefe".utf8))
        let message = Array("what do ya want for nothing?".utf8)
        let code = key.authenticationCode(for: message)
        #expect(Hex.encode(code) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(key.isValidAuthenticationCode(code, for: message))
        #expect(!key.isValidAuthenticationCode(code, for: message + [0]))
        #expect(!key.isValidAuthenticationCode(Array(code.dropLast()), for: message))
        // Test case 6: a key longer than the block, hashed first.
        let long = HMACKey([UInt8](repeating: 0xAA, count: 131))
        let text = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(Hex.encode(long.authenticationCode(for: text))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func hmacSHA1MatchesRFC2202AndGitHubsVector() {
        // RFC 2202 test case 2.
        let key = HMACKey(Array("Jefe".utf8))
        #expect(Hex.encode(key.sha1AuthenticationCode(for: Array("what do ya want for nothing?".utf8)))
            == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        // GitHub's "Validating webhook deliveries" vector, for the SHA-256 header beside it.
        let secret = HMACKey(Array("It's a Secret to Everybody".utf8))
        #expect(Hex.encode(secret.authenticationCode(for: Array("Hello, World!".utf8)))
            == "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
    }

    @Test func randomKeysDiffer() {
        let message = Array("message".utf8)
        #expect(HMACKey.random().authenticationCode(for: message) != HMACKey.random().authenticationCode(for: message))
        #expect(RandomBytes.make(16).count == 16)
        #expect(RandomBytes.make(16) != RandomBytes.make(16))
    }

    @Test func constantTimeEqualityComparesBytesAndLengths() {
        #expect(ConstantTime.equal([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equal([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equal([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equal([], []))
    }

    @Test func hexRoundTripsAndRefusesWhatIsNotHex() {
        let bytes: [UInt8] = [0x00, 0x0F, 0xA5, 0xFF]
        #expect(Hex.encode(bytes) == "000fa5ff")
        #expect(Hex.decode("000fa5ff") == bytes)
        #expect(Hex.decode("000FA5FF") == bytes)
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("+1") == nil)
    }
}
