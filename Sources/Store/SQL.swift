/// Every SQL string the store runs, in one namespace (tokens, apps and installations in
/// SQL+Credentials.swift). Statements are prepared once per connection.
enum SQL {
    /// `PRAGMA user_version` of a database this build made. 2 added the job positions; 3 the
    /// runs' attributes and roll-up, scheduled jobs and step logs; 4 workflows, refs, writers,
    /// re-runs' executions and deleted logs; 5 apps and installations; 6 issued tokens (installation
    /// tokens and each job's GITHUB_TOKEN) and the secrets they derive from; 7 organizations,
    /// hooks and deliveries.
    static let schemaVersion = 7

    /// Tables and the indexes that make every endpoint an index lookup.
    static let schema = """
    CREATE TABLE IF NOT EXISTS repositories (
        id          INTEGER PRIMARY KEY,
        owner       TEXT NOT NULL,
        name        TEXT NOT NULL,
        visibility  TEXT NOT NULL CHECK (visibility IN ('public', 'private', 'internal')),
        default_workflow_permissions TEXT NOT NULL DEFAULT 'write'
    );
    CREATE UNIQUE INDEX IF NOT EXISTS repositories_by_name
        ON repositories (owner COLLATE NOCASE, name COLLATE NOCASE);
    CREATE TABLE IF NOT EXISTS repository_readers (
        repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
        login         TEXT NOT NULL COLLATE NOCASE,
        role          TEXT NOT NULL DEFAULT 'read',
        PRIMARY KEY (repository_id, login)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS repository_refs (
        repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('branch', 'tag')),
        name          TEXT NOT NULL,
        PRIMARY KEY (repository_id, kind, name)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS workflows (
        repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
        id            INTEGER NOT NULL,
        name          TEXT NOT NULL,
        path          TEXT NOT NULL,
        state         TEXT NOT NULL,
        triggers      TEXT NOT NULL,
        inputs        TEXT NOT NULL,
        run_name      TEXT,
        permissions   TEXT NOT NULL,
        jobs          TEXT NOT NULL,
        declared      INTEGER NOT NULL,
        created_epoch REAL NOT NULL,
        PRIMARY KEY (repository_id, id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS tokens (
        digest       TEXT PRIMARY KEY,
        token        TEXT NOT NULL,
        kind         TEXT NOT NULL,
        user         TEXT,
        scopes       TEXT NOT NULL,
        repositories TEXT,
        permissions  TEXT NOT NULL,
        expires_at   TEXT,
        revoked      INTEGER NOT NULL,
        installation_id INTEGER,
        account      TEXT,
        job_id       INTEGER
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS secrets (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS apps (
        id          INTEGER PRIMARY KEY,
        client_id   TEXT NOT NULL,
        slug        TEXT NOT NULL,
        name        TEXT NOT NULL,
        owner       TEXT NOT NULL,
        description TEXT,
        public_key  TEXT NOT NULL,
        permissions TEXT NOT NULL,
        events      TEXT NOT NULL,
        created_at  TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS apps_by_client_id ON apps (client_id);
    CREATE TABLE IF NOT EXISTS installations (
        id           INTEGER PRIMARY KEY,
        app_id       INTEGER NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        account      TEXT NOT NULL COLLATE NOCASE,
        repositories TEXT,
        permissions  TEXT NOT NULL,
        suspended    INTEGER NOT NULL,
        created_at   TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS installations_by_app ON installations (app_id, account);
    CREATE TABLE IF NOT EXISTS runs (
        id               INTEGER PRIMARY KEY,
        repository_id    INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
        \(runColumnDefinitions)
    );
    CREATE INDEX IF NOT EXISTS runs_newest_first ON runs (repository_id, created_epoch DESC, id DESC);
    CREATE INDEX IF NOT EXISTS runs_by_workflow ON runs (repository_id, workflow_name, id);
    CREATE TABLE IF NOT EXISTS attempts (
        run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        started_at TEXT,
        PRIMARY KEY (run_id, attempt)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS jobs (
        id                INTEGER PRIMARY KEY,
        run_id            INTEGER NOT NULL,
        run_attempt       INTEGER NOT NULL,
        repository_id     INTEGER NOT NULL,
        name              TEXT NOT NULL,
        status            TEXT NOT NULL,
        conclusion        TEXT,
        head_sha          TEXT NOT NULL,
        created_at        TEXT NOT NULL,
        started_at        TEXT NOT NULL,
        completed_at      TEXT,
        run_url           TEXT,
        node_id           TEXT,
        url               TEXT,
        html_url          TEXT,
        html_url_given    INTEGER NOT NULL,
        check_run_url     TEXT,
        runner_id         INTEGER,
        runner_name       TEXT,
        runner_group_id   INTEGER,
        runner_group_name TEXT,
        workflow_name     TEXT,
        head_branch       TEXT,
        log               TEXT,
        run_position      INTEGER,
        attempt_position  INTEGER,
        scheduled         INTEGER NOT NULL DEFAULT 0,
        log_deleted       INTEGER NOT NULL DEFAULT 0,
        FOREIGN KEY (run_id, run_attempt) REFERENCES attempts (run_id, attempt) ON DELETE CASCADE
    );
    CREATE INDEX IF NOT EXISTS jobs_by_attempt ON jobs (run_id, run_attempt, id);
    CREATE INDEX IF NOT EXISTS jobs_by_run_position ON jobs (run_id, run_position);
    CREATE INDEX IF NOT EXISTS jobs_by_attempt_position ON jobs (run_id, run_attempt, attempt_position);
    CREATE TABLE IF NOT EXISTS steps (
        job_id       INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        number       INTEGER NOT NULL,
        name         TEXT NOT NULL,
        status       TEXT NOT NULL,
        conclusion   TEXT,
        started_at   TEXT,
        completed_at TEXT,
        log          TEXT,
        PRIMARY KEY (job_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS scheduled_jobs (
        job_id            INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
        start_epoch       REAL NOT NULL,
        queued_seconds    REAL NOT NULL,
        plan              TEXT NOT NULL,
        runner_id         INTEGER NOT NULL,
        runner_name       TEXT NOT NULL,
        runner_group_id   INTEGER NOT NULL,
        runner_group_name TEXT NOT NULL,
        next_change       REAL,
        execution         INTEGER NOT NULL DEFAULT 1,
        frozen            INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS scheduled_jobs_due ON scheduled_jobs (next_change) WHERE next_change IS NOT NULL;
    CREATE TABLE IF NOT EXISTS job_labels (
        job_id   INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        label    TEXT NOT NULL,
        PRIMARY KEY (job_id, position)
    ) WITHOUT ROWID;
    """

    /// The runs' columns beyond id and repository: what ran (given by a scheduled run, else
    /// taken from the jobs) and the newest attempt's roll-up, kept by every write.
    private static let runColumnList: [(name: String, definition: String)] = [
        ("workflow_name", "TEXT NOT NULL DEFAULT 'CI'"), ("workflow_path", "TEXT"), ("head_branch", "TEXT"),
        ("head_sha", "TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000'"),
        ("event", "TEXT NOT NULL DEFAULT 'push'"), ("actor", "TEXT"), ("display_title", "TEXT"),
        ("attributes_given", "INTEGER NOT NULL DEFAULT 0"), ("status", "TEXT NOT NULL DEFAULT 'queued'"),
        ("conclusion", "TEXT"), ("created_at", "TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z'"),
        ("created_epoch", "REAL NOT NULL DEFAULT 0"), ("updated_at", "TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z'"),
        ("run_started_at", "TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z'"), ("triggering_actor", "TEXT"),
        ("logs_deleted", "INTEGER NOT NULL DEFAULT 0"),
    ]
    static let runColumnDefinitions = runColumnList.map { "\($0.name) \($0.definition)" }.joined(separator: ",\n    ")
    /// What version 2 and 3 databases lack, added on open: table, column and its definition.
    static let addedColumns: [(table: String, column: String, definition: String)] =
        [("jobs", "scheduled", "INTEGER NOT NULL DEFAULT 0"), ("steps", "log", "TEXT"),
         ("jobs", "log_deleted", "INTEGER NOT NULL DEFAULT 0"), ("repository_readers", "role", "TEXT NOT NULL DEFAULT 'read'"),
         ("scheduled_jobs", "execution", "INTEGER NOT NULL DEFAULT 1"), ("scheduled_jobs", "frozen", "INTEGER NOT NULL DEFAULT 0"),
         ("attempts", "started_at", "TEXT"), ("tokens", "installation_id", "INTEGER"), ("tokens", "account", "TEXT"),
         ("tokens", "job_id", "INTEGER"),
         ("repositories", "default_workflow_permissions", "TEXT NOT NULL DEFAULT 'write'")]
        + runColumnList.map { ("runs", $0.name, $0.definition) }
    static func columnNames(_ table: String) -> String { "SELECT name FROM pragma_table_info('\(table)')" }
    static func addColumn(_ table: String, _ column: String, _ definition: String) -> String {
        "ALTER TABLE \(table) ADD COLUMN \(column) \(definition)"
    }

    // MARK: transactions (prepared once like everything else: they run on every request)

    static let begin = "BEGIN"
    static let beginImmediate = "BEGIN IMMEDIATE"
    static let commit = "COMMIT"
    static let rollback = "ROLLBACK"

    // MARK: repositories

    static let repositoryByName = """
        SELECT id, owner, name, visibility, default_workflow_permissions FROM repositories
        WHERE owner = ?1 COLLATE NOCASE AND name = ?2 COLLATE NOCASE
        """
    static let repositoryByID = "SELECT id, owner, name, visibility, default_workflow_permissions FROM repositories WHERE id = ?1"
    /// Every repository with how many runs it has, by name.
    static let repositoriesWithRunCounts = """
        SELECT r.id, r.owner, r.name, r.visibility, r.default_workflow_permissions,
               (SELECT COUNT(*) FROM runs WHERE repository_id = r.id) FROM repositories r
        ORDER BY r.owner COLLATE NOCASE, r.name COLLATE NOCASE
        """
    static let repositoryMembers = "SELECT login, role FROM repository_readers WHERE repository_id = ?1 ORDER BY login"
    static let upsertRepository = """
        INSERT INTO repositories (id, owner, name, visibility, default_workflow_permissions) VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, name = excluded.name, visibility = excluded.visibility,
            default_workflow_permissions = excluded.default_workflow_permissions
        """
    static let deleteRepositoryReaders = "DELETE FROM repository_readers WHERE repository_id = ?1"
    static let insertRepositoryMember = "INSERT OR REPLACE INTO repository_readers (repository_id, login, role) VALUES (?1, ?2, ?3)"
    static let deleteRepositoryRefs = "DELETE FROM repository_refs WHERE repository_id = ?1"
    static let insertRepositoryRef = "INSERT OR IGNORE INTO repository_refs (repository_id, kind, name) VALUES (?1, ?2, ?3)"
    static let refsOfRepository = "SELECT kind, name FROM repository_refs WHERE repository_id = ?1 ORDER BY kind, name"
    static let branchesOfRuns = """
        SELECT DISTINCT head_branch FROM runs WHERE repository_id = ?1 AND head_branch IS NOT NULL ORDER BY head_branch
        """

    // MARK: workflows

    private static let workflowColumns = """
        id, name, path, state, triggers, inputs, run_name, permissions, jobs, declared, created_epoch
        """
    static let upsertWorkflow = """
        INSERT OR REPLACE INTO workflows (repository_id, \(workflowColumns))
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
        """
    /// Stored workflows, with their runs' first and last creation (NULL without runs).
    static let storedWorkflows = """
        SELECT \(workflowColumns),
               (SELECT MIN(created_epoch) FROM runs r WHERE r.repository_id = w.repository_id AND r.workflow_name = w.name),
               (SELECT MAX(created_epoch) FROM runs r WHERE r.repository_id = w.repository_id AND r.workflow_name = w.name)
        FROM workflows w WHERE repository_id = ?1 ORDER BY name, id
        """
    static let setWorkflowState = "UPDATE workflows SET state = ?3 WHERE repository_id = ?1 AND id = ?2"
    static let maxJobID = "SELECT COALESCE(MAX(id), 0) FROM jobs"
    static let maxRepositoryID = "SELECT COALESCE(MAX(id), 0) FROM repositories"

    // MARK: runs and attempts

    private static let runColumns = """
        id, repository_id, (SELECT MAX(attempt) FROM attempts WHERE run_id = runs.id), workflow_name, workflow_path,
        head_branch, head_sha, event, actor, display_title, status, conclusion, created_at, updated_at, run_started_at,
        triggering_actor, logs_deleted, \(runWorkflow("id")), \(runWorkflow("path"))
        """
    /// A column of the stored workflow a run belongs to: the one at its path, else the one of its name.
    private static func runWorkflow(_ column: String) -> String {
        """
        COALESCE((SELECT w.\(column) FROM workflows w WHERE w.repository_id = runs.repository_id AND w.path = runs.workflow_path),
                 (SELECT w.\(column) FROM workflows w WHERE w.repository_id = runs.repository_id AND w.name = runs.workflow_name
                  ORDER BY w.id LIMIT 1))
        """
    }
    static let runByID = "SELECT \(runColumns) FROM runs WHERE id = ?1"
    static let insertRun = "INSERT INTO runs (id, repository_id) VALUES (?1, ?2)"
    /// A scheduled run: its attributes are given and kept.
    static let insertScheduledRun = """
        INSERT INTO runs (id, repository_id, workflow_name, workflow_path, head_branch, head_sha, event, actor, display_title,
                          attributes_given, created_at, created_epoch)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11)
        """
    static let maxRunID = "SELECT COALESCE(MAX(id), 0) FROM runs"
    /// ?1..?2: repository and how many; then each filter with NULL for "any".
    private static let runFilter = """
        FROM runs WHERE repository_id = ?1
          AND (?4 IS NULL OR status = ?4) AND (?5 IS NULL OR conclusion = ?5) AND (?6 IS NULL OR head_branch = ?6)
          AND (?7 IS NULL OR event = ?7) AND (?8 IS NULL OR actor = ?8 COLLATE NOCASE) AND (?9 IS NULL OR head_sha = ?9)
          AND (?10 IS NULL OR workflow_name = ?10) AND created_epoch >= ?11 AND created_epoch < ?12
        """
    /// Newest first, as GitHub lists runs.
    static let runsOfRepository = """
        SELECT \(runColumns) \(runFilter) ORDER BY created_epoch DESC, id DESC LIMIT ?2 OFFSET ?3
        """
    static let countRunsOfRepository = "SELECT COUNT(*) \(runFilter) AND ?2 IS NOT NULL AND ?3 IS NOT NULL"
    /// Whether the run's attributes came from a scheduled run (and so stay as given).
    static let runAttributesGiven = "SELECT attributes_given FROM runs WHERE id = ?1"
    /// ?2..?8: attributes taken from the jobs, for runs whose attributes were not given.
    static let updateRunAttributes = """
        UPDATE runs SET workflow_name = ?2, head_branch = ?3, head_sha = ?4 WHERE id = ?1 AND attributes_given = 0
        """
    static let updateRunRollUp = """
        UPDATE runs SET status = ?2, conclusion = ?3, created_at = ?4, created_epoch = ?5, updated_at = ?6, run_started_at = ?7
        WHERE id = ?1
        """
    static let latestAttempt = "SELECT MAX(attempt) FROM attempts WHERE run_id = ?1"
    /// What a roll-up reads of an attempt's jobs, first job first.
    static let rollUpJobs = """
        SELECT status, conclusion, created_at, started_at, completed_at, workflow_name, head_branch, head_sha FROM jobs
        WHERE run_id = ?1 AND run_attempt = ?2 ORDER BY id
        """
    static let createdOfAttempt = "SELECT created_at FROM jobs WHERE run_id = ?1 AND run_attempt = ?2"
    /// When a scheduled run was created (the roll-up keeps it; seeded runs take their jobs').
    static let scheduledRunCreated = "SELECT created_epoch FROM runs WHERE id = ?1 AND attributes_given = 1"
    static let insertAttempt = "INSERT OR IGNORE INTO attempts (run_id, attempt, started_at) VALUES (?1, ?2, ?3)"
    /// When a re-run started the attempt (NULL for seeded attempts, whose jobs say).
    static let attemptStarted = "SELECT started_at FROM attempts WHERE run_id = ?1 AND attempt = ?2"
    /// Runs are numbered per workflow in id order, as GitHub numbers each workflow's runs in
    /// creation order.
    static let runNumber = "SELECT COUNT(*) FROM runs WHERE repository_id = ?1 AND workflow_name = ?3 AND id <= ?2"
    static let setTriggeringActor = "UPDATE runs SET triggering_actor = ?2 WHERE id = ?1"
    /// Attempts, jobs, steps, labels and schedules go with it (foreign keys cascade).
    static let deleteRun = "DELETE FROM runs WHERE id = ?1"
    static let markRunLogsDeleted = "UPDATE runs SET logs_deleted = 1 WHERE id = ?1"
    static let deleteJobLogs = "UPDATE jobs SET log = NULL, log_deleted = 1 WHERE run_id = ?1"
    static let attemptExists = "SELECT 1 FROM attempts WHERE run_id = ?1 AND attempt = ?2"

    // MARK: jobs

    private static let jobColumns = """
        id, run_id, run_attempt, repository_id, name, status, conclusion, head_sha, created_at, started_at,
        completed_at, run_url, node_id, url, html_url, html_url_given, check_run_url, runner_id, runner_name,
        runner_group_id, runner_group_name, workflow_name, head_branch
        """
    /// Reads leave the log out (it may be megabytes): only whether there is one.
    private static let jobReadColumns = jobColumns + ", log IS NOT NULL, scheduled, log_deleted"
    private static let jobWriteColumns = jobColumns + ", log, scheduled"
    static let jobByID = "SELECT \(jobReadColumns) FROM jobs WHERE id = ?1"
    // Pages seek by position (1-based, in id order) instead of skipping rows with OFFSET, so
    // page 10 000 costs what page 1 costs; the largest position is the count.
    static let jobsOfAttempt = """
        SELECT \(jobReadColumns) FROM jobs WHERE run_id = ?1 AND run_attempt = ?2 AND attempt_position > ?4
        ORDER BY attempt_position LIMIT ?3
        """
    static let jobsOfRun = """
        SELECT \(jobReadColumns) FROM jobs WHERE run_id = ?1 AND run_position > ?3 ORDER BY run_position LIMIT ?2
        """
    static let jobIDsOfAttempt = """
        SELECT id FROM jobs WHERE run_id = ?1 AND run_attempt = ?2 AND attempt_position > ?4
        ORDER BY attempt_position LIMIT ?3
        """
    static let jobIDsOfRun = "SELECT id FROM jobs WHERE run_id = ?1 AND run_position > ?3 ORDER BY run_position LIMIT ?2"
    static let countJobsOfAttempt = "SELECT max(attempt_position) FROM jobs WHERE run_id = ?1 AND run_attempt = ?2"
    static let countJobsOfRun = "SELECT max(run_position) FROM jobs WHERE run_id = ?1"
    /// Where a job is before an upsert: a new job, or one changing run or attempt, renumbers.
    static let jobPlacement = "SELECT run_id, run_attempt FROM jobs WHERE id = ?1"
    static let jobStatus = "SELECT status FROM jobs WHERE id = ?1"
    /// Numbers a run's jobs in id order, over the run and within each attempt.
    static let renumberRun = """
        UPDATE jobs SET run_position = ranked.run_position, attempt_position = ranked.attempt_position
        FROM (SELECT id,
                     row_number() OVER (ORDER BY id) AS run_position,
                     row_number() OVER (PARTITION BY run_attempt ORDER BY id) AS attempt_position
              FROM jobs WHERE run_id = ?1) AS ranked
        WHERE jobs.id = ranked.id
          AND (jobs.run_position IS NOT ranked.run_position OR jobs.attempt_position IS NOT ranked.attempt_position)
        """
    /// Version 1 databases lack the positions; they are added and filled on open.
    static let addPositionColumns = """
        ALTER TABLE jobs ADD COLUMN run_position INTEGER; ALTER TABLE jobs ADD COLUMN attempt_position INTEGER;
        """
    static let allRunIDs = "SELECT id FROM runs"
    static let userVersion = "PRAGMA user_version"
    static let setUserVersion = "PRAGMA user_version = \(schemaVersion)"
    /// A job whose id is not in the store yet; nothing happens when it is (`changes` says which).
    /// ?27 and ?28 are the job's positions when known (it sorts after every job of its run), else
    /// NULL until the run is renumbered.
    static let insertNewJob = """
        INSERT INTO jobs (\(jobWriteColumns), run_position, attempt_position)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?26,
                ?27, ?28)
        ON CONFLICT (id) DO NOTHING
        """
    static let runTail = "SELECT max(id), count(*) FROM jobs WHERE run_id = ?1"
    static let jobCountOfAttempt = "SELECT count(*) FROM jobs WHERE run_id = ?1 AND run_attempt = ?2"
    /// ?25 = 1 keeps the stored log (a job read back and updated carries no log text).
    static let upsertJob = """
        INSERT INTO jobs (\(jobWriteColumns))
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?26)
        ON CONFLICT (id) DO UPDATE SET
            run_id = excluded.run_id, run_attempt = excluded.run_attempt, repository_id = excluded.repository_id,
            name = excluded.name, status = excluded.status, conclusion = excluded.conclusion,
            head_sha = excluded.head_sha, created_at = excluded.created_at, started_at = excluded.started_at,
            completed_at = excluded.completed_at, run_url = excluded.run_url, node_id = excluded.node_id,
            url = excluded.url, html_url = excluded.html_url, html_url_given = excluded.html_url_given,
            check_run_url = excluded.check_run_url, runner_id = excluded.runner_id, runner_name = excluded.runner_name,
            runner_group_id = excluded.runner_group_id, runner_group_name = excluded.runner_group_name,
            workflow_name = excluded.workflow_name, head_branch = excluded.head_branch,
            log = CASE WHEN ?25 = 1 THEN jobs.log ELSE excluded.log END, scheduled = excluded.scheduled
        """
    /// The workflows a repository's runs ran, with their path and first and last creation.
    static let workflowsOfRepository = """
        SELECT workflow_name, MAX(workflow_path), MIN(created_epoch), MAX(created_epoch) FROM runs
        WHERE repository_id = ?1 GROUP BY workflow_name ORDER BY workflow_name
        """
    static let stepsOfJob = """
        SELECT number, name, status, conclusion, started_at, completed_at, log FROM steps WHERE job_id = ?1 ORDER BY position
        """
    static let deleteSteps = "DELETE FROM steps WHERE job_id = ?1"
    static let insertStep = """
        INSERT INTO steps (job_id, position, number, name, status, conclusion, started_at, completed_at, log)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        """
    static let labelsOfJob = "SELECT label FROM job_labels WHERE job_id = ?1 ORDER BY position"
    static let deleteLabels = "DELETE FROM job_labels WHERE job_id = ?1"
    static let insertLabel = "INSERT INTO job_labels (job_id, position, label) VALUES (?1, ?2, ?3)"

    // MARK: scheduled jobs

    static let insertScheduledJob = """
        INSERT OR REPLACE INTO scheduled_jobs (job_id, start_epoch, queued_seconds, plan, runner_id, runner_name,
                                               runner_group_id, runner_group_name, next_change, execution, frozen)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        """
    private static let scheduledJobColumns = """
        s.job_id, j.run_id, j.run_attempt, s.start_epoch, s.queued_seconds, s.plan, s.runner_id, s.runner_name,
        s.runner_group_id, s.runner_group_name, s.execution, s.frozen
        """
    /// Jobs with a change due at or before ?1.
    static let dueScheduledJobs = """
        SELECT \(scheduledJobColumns) FROM scheduled_jobs s JOIN jobs j ON j.id = s.job_id
        WHERE s.next_change IS NOT NULL AND s.next_change <= ?1 AND s.frozen = 0 ORDER BY s.job_id
        """
    /// Every schedule that still moves its job.
    static let allScheduledJobs = """
        SELECT \(scheduledJobColumns) FROM scheduled_jobs s JOIN jobs j ON j.id = s.job_id WHERE s.frozen = 0 ORDER BY s.job_id
        """
    static let scheduleOfJob = """
        SELECT \(scheduledJobColumns) FROM scheduled_jobs s JOIN jobs j ON j.id = s.job_id WHERE s.job_id = ?1
        """
    static let freezeScheduledJob = "UPDATE scheduled_jobs SET frozen = 1, next_change = NULL WHERE job_id = ?1"
    static let scheduledJobsOfAttempt = """
        SELECT \(scheduledJobColumns) FROM scheduled_jobs s JOIN jobs j ON j.id = s.job_id
        WHERE j.run_id = ?1 AND j.run_attempt = ?2 ORDER BY s.job_id
        """
    static let nextScheduledChange = "SELECT MIN(next_change) FROM scheduled_jobs WHERE next_change IS NOT NULL"
    static let nextScheduledChangeOfJob = "SELECT next_change FROM scheduled_jobs WHERE job_id = ?1"
    /// The ids `dueScheduledJobs` reads, at most ?2 of them.
    static let dueJobIDs = """
        SELECT job_id FROM scheduled_jobs WHERE next_change IS NOT NULL AND next_change <= ?1 AND frozen = 0 LIMIT ?2
        """
    static let nextScheduledChangeAfter = "SELECT MIN(next_change) FROM scheduled_jobs WHERE next_change > ?1"
    static let setNextChange = "UPDATE scheduled_jobs SET next_change = ?2 WHERE job_id = ?1"
    static let deleteScheduledJob = "DELETE FROM scheduled_jobs WHERE job_id = ?1"
    /// ?2..?10: what a schedule moves.
    static let updateJobProgress = """
        UPDATE jobs SET status = ?2, conclusion = ?3, started_at = ?4, completed_at = ?5, runner_id = ?6, runner_name = ?7,
                        runner_group_id = ?8, runner_group_name = ?9, scheduled = ?10
        WHERE id = ?1
        """
    static let updateStepProgress = """
        UPDATE steps SET status = ?3, conclusion = ?4, started_at = ?5, completed_at = ?6 WHERE job_id = ?1 AND position = ?2
        """

    // MARK: whole store

    static let counts = """
        SELECT (SELECT COUNT(*) FROM repositories), (SELECT COUNT(*) FROM tokens), (SELECT COUNT(*) FROM runs),
               (SELECT COUNT(*) FROM jobs), (SELECT COUNT(*) FROM steps)
        """
    static let deleteEverything = """
        DELETE FROM deliveries; DELETE FROM hooks; DELETE FROM organizations;
        DELETE FROM scheduled_jobs; DELETE FROM job_labels; DELETE FROM steps; DELETE FROM jobs; DELETE FROM attempts;
        DELETE FROM runs; DELETE FROM workflows; DELETE FROM repository_refs;
        DELETE FROM tokens; DELETE FROM installations; DELETE FROM apps; DELETE FROM repository_readers;
        DELETE FROM repositories;
        """
}
