import CNettle

/// A secret key for HMAC-SHA-256 authentication codes.
public struct HMACKey: Sendable {
    private let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A key of `byteCount` random bytes.
    public static func random(byteCount: Int = SHA256.byteCount) -> HMACKey {
        HMACKey(RandomBytes.make(byteCount))
    }

    /// The HMAC-SHA-256 of `message` under this key.
    public func authenticationCode(for message: [UInt8]) -> [UInt8] {
        var context = hmac_sha256_ctx()
        bytes.withUnsafeBufferPointer { key in
            nettle_hmac_sha256_set_key(&context, key.count, key.baseAddress)
        }
        message.withUnsafeBufferPointer { message in
            nettle_hmac_sha256_update(&context, message.count, message.baseAddress)
        }
        return [UInt8](unsafeUninitializedCapacity: SHA256.byteCount) { buffer, count in
            nettle_hmac_sha256_digest(&context, SHA256.byteCount, buffer.baseAddress)
            count = SHA256.byteCount
        }
    }

    /// The HMAC-SHA-1 of `message` under this key: what `X-Hub-Signature` carries (SHA-1 is
    /// weak for signatures, but GitHub still sends it and older receivers check it).
    public func sha1AuthenticationCode(for message: [UInt8]) -> [UInt8] {
        var context = hmac_sha1_ctx()
        bytes.withUnsafeBufferPointer { key in
            nettle_hmac_sha1_set_key(&context, key.count, key.baseAddress)
        }
        message.withUnsafeBufferPointer { message in
            nettle_hmac_sha1_update(&context, message.count, message.baseAddress)
        }
        return [UInt8](unsafeUninitializedCapacity: Self.sha1ByteCount) { buffer, count in
            nettle_hmac_sha1_digest(&context, Self.sha1ByteCount, buffer.baseAddress)
            count = Self.sha1ByteCount
        }
    }

    static let sha1ByteCount = 20

    /// Whether `code` is the code of `message`, compared in constant time.
    public func isValidAuthenticationCode(_ code: [UInt8], for message: [UInt8]) -> Bool {
        ConstantTime.equal(code, authenticationCode(for: message))
    }
}
