extension SQL {
    // Tokens, apps and installations: who may call, kept beside the rest of the SQL in the
    // same namespace (SQL.swift holds the schema and the data's statements).

    // MARK: tokens

    /// A job's GITHUB_TOKEN counts as revoked once its job completes (or is gone with its run).
    private static let tokenColumns = """
        token, kind, user, scopes, repositories, permissions, expires_at,
        revoked OR (job_id IS NOT NULL AND COALESCE((SELECT status FROM jobs WHERE jobs.id = tokens.job_id), 'completed') = 'completed'),
        installation_id, account, job_id
        """
    static let tokenByDigest = "SELECT \(tokenColumns) FROM tokens WHERE digest = ?1"
    static let allTokens = "SELECT \(tokenColumns) FROM tokens ORDER BY token"
    static let upsertToken = """
        INSERT OR REPLACE INTO tokens (digest, token, kind, user, scopes, repositories, permissions, expires_at, revoked,
                                       installation_id, account, job_id)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
        """
    static let revokeToken = "UPDATE tokens SET revoked = 1 WHERE digest = ?1"
    static let jobTokensOfRun = "SELECT job_id FROM tokens WHERE job_id IN (SELECT id FROM jobs WHERE run_id = ?1) ORDER BY job_id"
    static let tokenOfJob = "SELECT \(tokenColumns) FROM tokens WHERE job_id = ?1 LIMIT 1"
    static let secret = "SELECT value FROM secrets WHERE name = ?1"
    static let insertSecret = "INSERT OR IGNORE INTO secrets (name, value) VALUES (?1, ?2)"

    // MARK: apps and installations

    private static let appColumns = "id, client_id, slug, name, owner, description, public_key, permissions, events, created_at"
    static let appByID = "SELECT \(appColumns) FROM apps WHERE id = ?1"
    static let nextAppID = "SELECT COALESCE(MAX(id), 0) + 1 FROM apps"
    static let appByClientID = "SELECT \(appColumns) FROM apps WHERE client_id = ?1"
    /// An update in place, not a replace: replacing would cascade to the app's installations.
    static let upsertApp = """
        INSERT INTO apps (\(appColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, slug = excluded.slug, name = excluded.name,
            owner = excluded.owner, description = excluded.description, public_key = excluded.public_key,
            permissions = excluded.permissions, events = excluded.events, created_at = excluded.created_at
        """
    private static let installationColumns = "id, app_id, account, repositories, permissions, suspended, created_at"
    static let installationByID = "SELECT \(installationColumns) FROM installations WHERE id = ?1"
    static let installationByAccount = "SELECT \(installationColumns) FROM installations WHERE app_id = ?1 AND account = ?2"
    static let installationsOfApp = "SELECT \(installationColumns) FROM installations WHERE app_id = ?1 ORDER BY id LIMIT ?2 OFFSET ?3"
    static let installationCount = "SELECT COUNT(*) FROM installations WHERE app_id = ?1"
    static let repositoriesOfOwner = """
        SELECT id, owner, name, visibility, default_workflow_permissions FROM repositories WHERE owner = ?1 COLLATE NOCASE ORDER BY id
        """
    static let isTokenUser = "SELECT EXISTS (SELECT 1 FROM tokens WHERE user = ?1 COLLATE NOCASE)"
    static let upsertInstallation = """
        INSERT OR REPLACE INTO installations (\(installationColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        """
}
