-- 006_participant_erase: a participant may ask to be deleted. Their name and
-- contacts are blanked and erased_at is set; gender, sector, workshop, table and
-- check-in stay so that the workshop's anonymous counts do not change.
ALTER TABLE participants ADD COLUMN erased_at TEXT;
