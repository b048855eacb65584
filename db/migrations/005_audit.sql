-- 005_audit: the audit log of every change. Rows are written by triggers that
-- the store generates at start for every table (see internal/store/audit_triggers.go),
-- so tables added by later migrations are audited without further work.
-- before/after are JSON objects of the row (secret columns left out);
-- action is insert, update or delete, or an event such as "backup".
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY, -- rows are never deleted, so ids only grow (no AUTOINCREMENT page to write)
    at         TEXT NOT NULL,
    actor_role TEXT NOT NULL DEFAULT '',
    actor_id   TEXT NOT NULL DEFAULT '',
    table_name TEXT NOT NULL DEFAULT '',
    row_id     TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    before     TEXT,
    after      TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_table ON audit_log(table_name, row_id);

-- Who is writing: the writer sets this single row inside each write's
-- savepoint (from the request's actor) and clears it before each commit, so
-- the triggers attribute every change to its author. Changes made outside
-- Minka (a sqlite3 shell) find it empty and are logged as the system's.
CREATE TABLE audit_context (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    role     TEXT NOT NULL DEFAULT '',
    actor_id TEXT NOT NULL DEFAULT ''
);
