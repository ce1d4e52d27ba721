import CNettle

/// SHA-256, computed by Nettle.
public struct SHA256: Sendable {
    /// The digest's length in bytes.
    public static let byteCount = Int(SHA256_DIGEST_SIZE)
    private var context = sha256_ctx()

    public init() {
        nettle_sha256_init(&context)
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of a string's UTF-8.
    public static func hash(_ text: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(text)
        return hasher.finalize()
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            nettle_sha256_update(&context, buffer.count, buffer.baseAddress)
        }
    }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            nettle_sha256_update(&context, buffer.count, buffer.baseAddress)
        }
    }

    /// The digest of everything given so far; the hasher starts over afterwards, as Nettle's do.
    public mutating func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.byteCount) { buffer, count in
            nettle_sha256_digest(&context, Self.byteCount, buffer.baseAddress)
            count = Self.byteCount
        }
    }
}
