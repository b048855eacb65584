-- 002_participants_search: accent-insensitive search and duplicate detection
-- for participants. Both columns are filled by the store from model.Fold:
--   search     folded "name organization email phone", for the check-in desk;
--   dedupe_key folded name + "|" + e-mail (or phone digits): the same person
--              registering twice for the same workshop is refused.
ALTER TABLE participants ADD COLUMN search TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN dedupe_key TEXT;
CREATE UNIQUE INDEX participants_dedupe ON participants(workshop_id, dedupe_key);
