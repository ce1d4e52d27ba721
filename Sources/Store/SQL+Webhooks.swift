extension SQL {
    // Organizations, hooks and their deliveries (webhooks.md), in the same namespace as the rest.

    static let webhookSchema = """
    CREATE TABLE IF NOT EXISTS organizations (
        login  TEXT PRIMARY KEY COLLATE NOCASE,
        admins TEXT NOT NULL DEFAULT ''
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS hooks (
        id            INTEGER PRIMARY KEY,
        repository_id INTEGER REFERENCES repositories (id) ON DELETE CASCADE,
        organization  TEXT COLLATE NOCASE,
        app_id        INTEGER,
        name          TEXT NOT NULL DEFAULT 'web',
        active        INTEGER NOT NULL DEFAULT 1,
        events        TEXT NOT NULL DEFAULT '',
        url           TEXT NOT NULL,
        content_type  TEXT NOT NULL DEFAULT 'form',
        secret        TEXT,
        insecure_ssl  TEXT NOT NULL DEFAULT '0',
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        last_code     INTEGER,
        last_status   TEXT NOT NULL DEFAULT 'unused',
        last_message  TEXT
    );
    CREATE INDEX IF NOT EXISTS hooks_of_repository ON hooks (repository_id) WHERE repository_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS hooks_of_organization ON hooks (organization) WHERE organization IS NOT NULL;
    CREATE TABLE IF NOT EXISTS deliveries (
        id               INTEGER PRIMARY KEY,
        guid             TEXT NOT NULL,
        hook_id          INTEGER NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
        event            TEXT NOT NULL,
        action           TEXT,
        installation_id  INTEGER,
        repository_id    INTEGER,
        state            TEXT NOT NULL DEFAULT 'pending',
        redelivery       INTEGER NOT NULL DEFAULT 0,
        queued_at        TEXT NOT NULL,
        delivered_at     TEXT,
        duration         REAL NOT NULL DEFAULT 0,
        status           TEXT NOT NULL DEFAULT 'pending',
        status_code      INTEGER NOT NULL DEFAULT 0,
        url              TEXT NOT NULL DEFAULT '',
        -- The large columns last: reading state or a summary then never walks a payload's
        -- overflow pages (fan-out reads state on every send).
        payload          TEXT NOT NULL,
        request_headers  TEXT NOT NULL DEFAULT '',
        response_headers TEXT NOT NULL DEFAULT '',
        response_body    TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX IF NOT EXISTS deliveries_of_hook ON deliveries (hook_id, id);
    CREATE INDEX IF NOT EXISTS deliveries_of_hook_by_state ON deliveries (hook_id, state, id);
    CREATE INDEX IF NOT EXISTS deliveries_unsent ON deliveries (id) WHERE state != 'done';
    """

    // MARK: organizations

    static let upsertOrganization = "INSERT OR REPLACE INTO organizations (login, admins) VALUES (?1, ?2)"
    static let organizationByLogin = "SELECT login, admins FROM organizations WHERE login = ?1"

    // MARK: hooks

    private static let hookColumns = """
        id, repository_id, organization, app_id, name, active, events, url, content_type, secret, insecure_ssl,
        created_at, updated_at, last_code, last_status, last_message
        """
    static let anyActiveHook = "SELECT EXISTS (SELECT 1 FROM hooks WHERE active = 1)"
    static let hookByID = "SELECT \(hookColumns) FROM hooks WHERE id = ?1"
    static let hooksOfRepository = "SELECT \(hookColumns) FROM hooks WHERE repository_id = ?1 ORDER BY id"
    static let hooksOfOrganization = "SELECT \(hookColumns) FROM hooks WHERE organization = ?1 ORDER BY id"
    static let hookOfApp = "SELECT \(hookColumns) FROM hooks WHERE app_id = ?1"
    /// Every active app webhook with the installations of its app on `?1` (an account).
    static let appHooksOnAccount = """
        SELECT hooks.id, hooks.repository_id, hooks.organization, hooks.app_id, hooks.name, hooks.active, hooks.events,
               hooks.url, hooks.content_type, hooks.secret, hooks.insecure_ssl, hooks.created_at, hooks.updated_at,
               hooks.last_code, hooks.last_status, hooks.last_message, installations.id, installations.repositories
        FROM hooks JOIN installations ON installations.app_id = hooks.app_id
        WHERE hooks.active = 1 AND installations.account = ?1 COLLATE NOCASE AND installations.suspended = 0
        ORDER BY hooks.id
        """
    static let nextHookID = "SELECT COALESCE(MAX(id), 0) + 1 FROM hooks"
    static let upsertHook = """
        INSERT INTO hooks (\(hookColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
        ON CONFLICT (id) DO UPDATE SET repository_id = ?2, organization = ?3, app_id = ?4, name = ?5, active = ?6,
            events = ?7, url = ?8, content_type = ?9, secret = ?10, insecure_ssl = ?11, updated_at = ?13,
            last_code = ?14, last_status = ?15, last_message = ?16
        """
    static let deleteHook = "DELETE FROM hooks WHERE id = ?1"
    static let setLastResponse = "UPDATE hooks SET last_code = ?2, last_status = ?3, last_message = ?4 WHERE id = ?1"

    // MARK: deliveries

    private static let deliveryColumns = """
        id, guid, hook_id, event, action, installation_id, repository_id, state, redelivery, queued_at, delivered_at,
        duration, status, status_code, url
        """
    /// The summary columns, then what a delivery's detail adds.
    private static let deliveryDetailColumns = "\(deliveryColumns), payload, request_headers, response_headers, response_body"
    static let insertDelivery = """
        INSERT INTO deliveries (guid, hook_id, event, action, installation_id, repository_id, payload, redelivery, queued_at, url)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        """
    static let lastInsertedRowID = "SELECT last_insert_rowid()"
    static let deliveryByID = "SELECT \(deliveryDetailColumns) FROM deliveries WHERE id = ?1"
    /// A hook's deliveries, newest first, older than the cursor ?2.
    static let deliveriesOfHook = """
        SELECT \(deliveryColumns) FROM deliveries WHERE hook_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3
        """
    static let recentDeliveries = "SELECT \(deliveryColumns) FROM deliveries WHERE id < ?1 ORDER BY id DESC LIMIT ?2"
    /// Deliveries waiting to be sent, in the order they were recorded.
    static let unsentDeliveries = """
        SELECT \(deliveryDetailColumns) FROM deliveries WHERE state = 'pending' AND id > ?1 ORDER BY id LIMIT ?2
        """
    /// One hook's, between two ids: the sender fetching again a hook whose share it read past.
    static let unsentDeliveriesOfHook = """
        SELECT \(deliveryDetailColumns) FROM deliveries WHERE hook_id = ?1 AND state = 'pending' AND id > ?2 AND id <= ?3
        ORDER BY id LIMIT ?4
        """
    static let claimDelivery = "UPDATE deliveries SET state = 'sending' WHERE id = ?1 AND state = 'pending'"
    static let finishDelivery = """
        UPDATE deliveries SET state = 'done', delivered_at = ?2, duration = ?3, status = ?4, status_code = ?5,
            request_headers = ?6, response_headers = ?7, response_body = ?8, url = ?9
        WHERE id = ?1
        """
    /// Deliveries a stopped process was sending: they count as failed, never sent twice.
    static let interruptSending = """
        UPDATE deliveries SET state = 'done', status = 'interrupted: the emulator stopped while sending', status_code = 0,
            delivered_at = queued_at
        WHERE state = 'sending'
        """
    /// Keeps a hook's newest ?2 finished deliveries (those still to send are never dropped).
    static let pruneDeliveries = """
        DELETE FROM deliveries WHERE id IN (
            SELECT id FROM deliveries WHERE hook_id = ?1 AND state = 'done' ORDER BY id DESC LIMIT -1 OFFSET ?2)
        """
}
