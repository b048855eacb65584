-- 012_criteria_rubric: what 1, 3 and 5 mean for each scoring criterion,
-- shown under the 1–5 scale on the Forum member's scoring page and edited
-- with the criteria. An empty text means the translated standard rubric of
-- the criterion's code ("criterion.<code>.rubric.<n>"), as for the name and
-- the description.
ALTER TABLE criteria ADD COLUMN rubric_1 TEXT NOT NULL DEFAULT '';
ALTER TABLE criteria ADD COLUMN rubric_3 TEXT NOT NULL DEFAULT '';
ALTER TABLE criteria ADD COLUMN rubric_5 TEXT NOT NULL DEFAULT '';
