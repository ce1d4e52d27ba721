import Crypto

/// How tokens are keyed in the store: by SHA-256, as GitHub stores them.
public enum TokenDigest {
    public static func of(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
