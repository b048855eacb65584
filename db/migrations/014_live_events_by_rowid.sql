-- 014_live_events_by_rowid: live_events kept in the order written. As a
-- WITHOUT ROWID table keyed by (room, seq), each event's whole row, payload
-- and all, sat in its room's part of the tree: a commit carrying events of
-- many rooms rewrote a full page per room, and rooms growing side by side
-- split their pages in the middle (half-empty pages, more pages to write).
-- Now rows are appended by rowid and (room, seq) is a small unique index: a
-- commit writes its new rows on a few pages at the end, plus a page of
-- short index entries per room. Same columns, constraints and lookups.
CREATE TABLE live_events_new (
    room        TEXT NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    type        TEXT NOT NULL,
    op          TEXT NOT NULL DEFAULT '',
    actor_role  TEXT NOT NULL DEFAULT '',
    actor_id    TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    workshop_id TEXT,
    wseq        INTEGER CHECK (wseq > 0),
    PRIMARY KEY (room, seq)
);
INSERT INTO live_events_new(room, seq, type, op, actor_role, actor_id, payload, created_at, workshop_id, wseq)
    SELECT room, seq, type, op, actor_role, actor_id, payload, created_at, workshop_id, wseq FROM live_events
    ORDER BY created_at, room, seq;
DROP TABLE live_events;
ALTER TABLE live_events_new RENAME TO live_events;
CREATE UNIQUE INDEX live_events_op ON live_events(op, room) WHERE op <> '';
CREATE INDEX live_events_workshop ON live_events(workshop_id, wseq) WHERE workshop_id IS NOT NULL;
