-- 009_live_one_row: one live_events row per change. A workshop's room used
-- to get a mirror row of every event of its tables (two rows, two index
-- entries per contribution, written even when no screen watches). Now a
-- table event carries its place in the workshop's room too: workshop_id and
-- wseq (1, 2, 3 … per workshop, without gaps), and the workshop room is read
-- from those columns. The mirror rows written before stay as they were: they
-- take wseq = seq, so a plenary screen resuming across the upgrade neither
-- misses nor repeats an event; the table rows written before keep
-- workshop_id NULL (their mirror row stands for them).
ALTER TABLE live_events ADD COLUMN workshop_id TEXT;
ALTER TABLE live_events ADD COLUMN wseq INTEGER CHECK (wseq > 0);
UPDATE live_events SET workshop_id = substr(room, 10), wseq = seq WHERE room LIKE 'workshop:%';
CREATE INDEX live_events_workshop ON live_events(workshop_id, wseq) WHERE workshop_id IS NOT NULL;
