import Hashing

/// How tokens are keyed in the store: by SHA-256, as GitHub stores them.
public enum TokenDigest {
    public static func of(_ token: String) -> String {
        Hex.encode(SHA256.hash(token))
    }
}
