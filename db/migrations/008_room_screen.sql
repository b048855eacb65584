-- 008_room_screen: the room screen (projector) of a workshop. screen_code is
-- its read-only code: the projector opens /screen/<code> without any login
-- and sees only this workshop's room screen. view is what it shows, switched
-- live by the Secretariat from the control room (/admin/live); table_id is
-- the table whose matrix it shows; timer_* is the room timer (running: it
-- reaches zero at timer_ends_at; paused: timer_remaining_ms is what was left).
CREATE TABLE workshop_screens (
    workshop_id        TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
    screen_code        TEXT NOT NULL UNIQUE,
    view               TEXT NOT NULL DEFAULT 'tables',
    table_id           TEXT REFERENCES workshop_tables(id) ON DELETE SET NULL,
    timer_duration_s   INTEGER NOT NULL DEFAULT 0,
    timer_running      INTEGER NOT NULL DEFAULT 0,
    timer_ends_at      TEXT,
    timer_remaining_ms INTEGER NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL DEFAULT 1,
    updated_at         TEXT NOT NULL
);
