-- 003_live: live co-creation tables (websocket rooms), the phase timer, the
-- satisfaction survey and the After Action Review.

-- Every change of a live room, in order. room is "table:<id>" or
-- "workshop:<id>" (the workshop room mirrors the events of its tables);
-- seq counts 1, 2, 3 … per room without gaps, so a client that reconnects
-- saying the last seq it saw receives exactly what it missed, even after a
-- restart. op is the client-generated UUID of the operation that caused the
-- event: an operation is applied once, and a resent one is acknowledged again
-- with the seq it got the first time. actor_* record who did it (traceability).
CREATE TABLE live_events (
    room       TEXT NOT NULL,
    seq        INTEGER NOT NULL CHECK (seq > 0),
    type       TEXT NOT NULL,
    op         TEXT NOT NULL DEFAULT '',
    actor_role TEXT NOT NULL DEFAULT '',
    actor_id   TEXT NOT NULL DEFAULT '',
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (room, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX live_events_op ON live_events(room, op) WHERE op <> '';

-- The phase timer the facilitator runs, visible to the whole table. While
-- running, ends_at says when it reaches zero; while paused, remaining_ms
-- holds what was left.
CREATE TABLE table_timers (
    table_id     TEXT PRIMARY KEY REFERENCES workshop_tables(id) ON DELETE CASCADE,
    duration_s   INTEGER NOT NULL CHECK (duration_s > 0),
    running      INTEGER NOT NULL DEFAULT 0,
    ends_at      TEXT,
    remaining_ms INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL
);

-- Satisfaction survey after a workshop: one answer per respondent (the hash
-- of the respondent's session), which the respondent may change.
CREATE TABLE survey_answers (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    respondent  TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (workshop_id, respondent)
);

-- After Action Review of a workshop, written by the Secretariat.
CREATE TABLE after_action_reviews (
    workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
    planned     TEXT NOT NULL DEFAULT '',
    happened    TEXT NOT NULL DEFAULT '',
    why         TEXT NOT NULL DEFAULT '',
    change_next TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    updated_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
