"""The seeding peer: what SQLite itself costs. Python's json (C) and sqlite3 load a seed made
by generate-seed.py (one job per line) into tables like the emulator's, with its indexes and
foreign keys, in one transaction; no validation, no runs, no rules. Prints `loaded` when done
and holds its memory until stdin closes, so the benchmark can read the time and RSS as it
does the emulator's.
Usage: sqlite_loader.py SEED_FILE DATABASE (":memory:" for memory)"""
import json
import sqlite3
import sys

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE jobs (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, run_attempt INTEGER NOT NULL,
    name TEXT NOT NULL, status TEXT NOT NULL, conclusion TEXT, head_sha TEXT NOT NULL, created_at TEXT NOT NULL,
    started_at TEXT NOT NULL, completed_at TEXT, runner_id INTEGER, runner_name TEXT, runner_group_id INTEGER,
    runner_group_name TEXT, workflow_name TEXT, head_branch TEXT, run_position INTEGER, attempt_position INTEGER);
CREATE INDEX jobs_by_attempt ON jobs (run_id, run_attempt, id);
CREATE INDEX jobs_by_run_position ON jobs (run_id, run_position);
CREATE INDEX jobs_by_attempt_position ON jobs (run_id, run_attempt, attempt_position);
CREATE TABLE steps (job_id INTEGER NOT NULL REFERENCES jobs (id), position INTEGER NOT NULL, number INTEGER NOT NULL,
    name TEXT NOT NULL, status TEXT NOT NULL, conclusion TEXT, started_at TEXT, completed_at TEXT, log TEXT,
    PRIMARY KEY (job_id, position)) WITHOUT ROWID;
CREATE TABLE job_labels (job_id INTEGER NOT NULL REFERENCES jobs (id), position INTEGER NOT NULL, label TEXT NOT NULL,
    PRIMARY KEY (job_id, position)) WITHOUT ROWID;
"""


def main() -> None:
    seed, database = sys.argv[1], sys.argv[2]
    connection = sqlite3.connect(database, isolation_level=None)
    if database != ":memory:":
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
    connection.executescript(SCHEMA)
    connection.execute("BEGIN")
    insert_job = """INSERT INTO jobs VALUES (?, ?, 1, ?, ?, ?, '0000000000000000000000000000000000000000', ?, ?, ?,
                                             ?, ?, ?, ?, ?, ?, ?, ?)"""
    insert_step = "INSERT INTO steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)"
    positions = {}
    with open(seed) as lines:
        for line in lines:
            line = line.strip().lstrip(",")
            if not line.startswith('{"repository"'):
                continue  # the file's first and last lines
            job = json.loads(line)
            position = positions.get(job["run_id"], 0) + 1
            positions[job["run_id"]] = position
            connection.execute(insert_job, (
                job["id"], job["run_id"], job["name"], job["status"], job["conclusion"], job["started_at"],
                job["started_at"], job["completed_at"], job["runner_id"], job["runner_name"], job["runner_group_id"],
                job["runner_group_name"], job["workflow_name"], job["head_branch"], position, position))
            connection.executemany(insert_step, [
                (job["id"], index, step["number"], step["name"], step["status"], step["conclusion"],
                 step["started_at"], step["completed_at"]) for index, step in enumerate(job["steps"])])
            connection.executemany("INSERT INTO job_labels VALUES (?, ?, ?)",
                                   [(job["id"], index, label) for index, label in enumerate(job["labels"])])
    connection.execute("COMMIT")
    print("loaded", flush=True)  # the benchmark reads this line, then the process's memory
    sys.stdin.read()  # held open (and its memory kept) until the benchmark closes stdin


if __name__ == "__main__":
    main()
