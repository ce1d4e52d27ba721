import Hashing

/// Tokens the emulator issues rather than reads from seeds: an App installation's (random, shown
/// once) and each job's GITHUB_TOKEN (derived from a secret kept in the database, so the control
/// API can show a run's tokens again and they survive a restart with `--db`). Only digests are
/// stored; the record's `token` holds `sha256:` and the digest, for logs and rate-limit keys.
public enum IssuedToken {
    /// `ghs_` and 36 letters and digits, as GitHub's installation tokens look.
    public static let prefix = "ghs_"
    static let length = 36
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A fresh, unpredictable installation token.
    public static func random() -> String { text(RandomBytes.make(length)) }

    /// What an issued token's record shows in place of the secret.
    public static func placeholder(digest: String) -> String { "sha256:" + digest }

    /// The GITHUB_TOKEN of `jobID` under `key`: the same on every call, unguessable without the key.
    static func derived(jobID: Int64, key: HMACKey) -> String {
        let first = key.authenticationCode(for: Array("github_token:\(jobID)".utf8))
        let second = key.authenticationCode(for: Array("github_token:\(jobID):2".utf8))
        return text(Array((first + second).prefix(length)))
    }

    private static func text(_ bytes: [UInt8]) -> String {
        // 256 is not a multiple of 62: the bias is a fraction of a bit over 36 characters.
        prefix + String(decoding: bytes.map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }
}

extension StoreWriter {
    /// Stores `record` under the digest of `secret` (which is not kept) and answers the record as stored.
    @discardableResult
    public func issue(_ record: TokenRecord, secret: String) throws(StoreError) -> TokenRecord {
        let digest = TokenDigest.of(secret)
        var stored = record
        stored.token = IssuedToken.placeholder(digest: digest)
        try store(stored, digest: digest)
        return stored
    }

    /// Issues `jobID`'s GITHUB_TOKEN with `record`'s grants and answers its secret.
    public func issueGitHubToken(_ record: TokenRecord, jobID: Int64) throws(StoreError) -> String {
        var record = record
        record.jobID = jobID
        let secret = IssuedToken.derived(jobID: jobID, key: try githubTokenKey())
        try issue(record, secret: secret)
        return secret
    }

    /// Revokes the token `secret` (`DELETE /installation/token`).
    public func revokeToken(_ secret: String) throws(StoreError) {
        try connection.run(SQL.revokeToken, [.text(TokenDigest.of(secret))])
    }

    /// The key GITHUB_TOKENs derive from, made on first use and kept with the data.
    private func githubTokenKey() throws(StoreError) -> HMACKey {
        if let key = try reader.githubTokenKey() { return key }
        try connection.run(SQL.insertSecret, [.text(StoreReader.githubTokenSecret), .text(Hex.encode(RandomBytes.make(32)))])
        return try reader.githubTokenKey() ?? HMACKey.random()
    }
}

extension StoreReader {
    static let githubTokenSecret = "github_token_key"

    /// `jobID`'s GITHUB_TOKEN, when one was issued for it (whether or not it still works).
    public func githubToken(jobID: Int64) throws(StoreError) -> String? {
        guard try githubTokenRecord(jobID: jobID) != nil, let key = try githubTokenKey() else { return nil }
        return IssuedToken.derived(jobID: jobID, key: key)
    }

    /// The GITHUB_TOKEN of every job of run `runID` (every attempt) that has one, by job id.
    public func githubTokens(runID: Int64) throws(StoreError) -> [(jobID: Int64, token: String)] {
        guard let key = try githubTokenKey() else { return [] }
        return try connection.rows(SQL.jobTokensOfRun, [.int(runID)]) { $0.int64(0) }
            .map { ($0, IssuedToken.derived(jobID: $0, key: key)) }
    }

    /// What `jobID`'s GITHUB_TOKEN grants, when it has one.
    public func githubTokenRecord(jobID: Int64) throws(StoreError) -> TokenRecord? {
        try connection.row(SQL.tokenOfJob, [.int(jobID)], Self.token)
    }

    func githubTokenKey() throws(StoreError) -> HMACKey? {
        try connection.row(SQL.secret, [.text(Self.githubTokenSecret)]) { $0.text(0) }.flatMap(Hex.decode).map(HMACKey.init)
    }
}
