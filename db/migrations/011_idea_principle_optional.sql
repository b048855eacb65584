-- minka:foreign-keys-off
-- 011_idea_principle_optional: an idea's principle may be left for later.
-- The rapporteur captures an idea with its title alone; the Secretariat
-- classifies it in the review, and sheet generation asks for it first.
-- SQLite cannot drop a NOT NULL constraint in place, so the table is
-- rebuilt (https://sqlite.org/lang_altertable.html#otheralter): with foreign
-- keys off (the directive above; the runner checks them with
-- PRAGMA foreign_key_check before committing), so that dropping the old
-- table does not cascade to idea_ratings, prototypes and sheets, which keep
-- referring to "ideas" by name. The audit triggers are generated at start
-- (internal/store/audit_triggers.go) and the only index is recreated here;
-- no view or other trigger refers to ideas.
CREATE TABLE ideas_new (
    id          TEXT PRIMARY KEY,
    table_id    TEXT NOT NULL REFERENCES workshop_tables(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    principle   TEXT REFERENCES principles(code),
    chosen      INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
INSERT INTO ideas_new(rowid, id, table_id, title, description, principle, chosen, version, created_at, updated_at, deleted_at)
    SELECT rowid, id, table_id, title, description, principle, chosen, version, created_at, updated_at, deleted_at FROM ideas;
DROP TABLE ideas;
ALTER TABLE ideas_new RENAME TO ideas;
CREATE INDEX ideas_table ON ideas(table_id);
