-- 013_live_events_op_first: the index that finds an operation already
-- applied (live_events(room, op)) is keyed by op first. Clients make
-- time-ordered (version 7) op UUIDs, so new entries are appended at the
-- index's end instead of one page per room: with events of many rooms in
-- one commit, each room's part of a (room, op) index was another page
-- written. The lookup (room = ? AND op = ?) and the uniqueness of an op
-- within its room are unchanged.
DROP INDEX live_events_op;
CREATE UNIQUE INDEX live_events_op ON live_events(op, room) WHERE op <> '';
