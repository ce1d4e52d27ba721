import JSON
import RSAKeys
import Store

/// `POST /_emulator/apps`: an app as a seed's `apps` entry gives it, without `public_key`; the
/// emulator makes an RSA-2048 key pair for it and answers the private key, once (apps.md).
public struct AppCreation: Sendable {
    public let app: AppRecord
    public let installations: [InstallationRecord]
    /// PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`), as GitHub's downloaded keys are.
    public let privateKey: String

    /// Parses `bytes` and makes the key; `nextID` is the app's id when the body gives none.
    public static func parse(_ bytes: [UInt8], source: String, nextID: Int64) throws(SeedError) -> AppCreation {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw SeedError(source: source, path: "$", reason: "not valid JSON: \(error)")
        }
        let key: RSAPrivateKey
        do {
            key = try RSAPrivateKey.generate(bits: AppSeed.minimumKeyBits)
        } catch {
            throw SeedError(source: source, path: "$", reason: "could not make a key pair: \(error)")
        }
        let entry = try AppSeed.parse(root, path: "$", source: source, generated: key, nextID: nextID)
        return AppCreation(app: entry.app, installations: entry.installations, privateKey: key.pem)
    }
}
