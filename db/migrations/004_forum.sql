-- 004_forum: the internal review (idea sheets and their merges), the
-- Forum's scoring on the criteria, the validation workshop's decisions (the
-- reasoned response matrix) and the stage the process is in.

-- One row: where the process stands. Stages: review (sheets and criteria
-- editable) → scoring (sheets published to the Forum; criteria locked) →
-- closed (scores frozen; decisions recorded). cutoff is how many top ranks
-- form the proposed prioritized list (the VI plan prioritized 18).
CREATE TABLE forum_state (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    stage                TEXT NOT NULL DEFAULT 'review' CHECK (stage IN ('review','scoring','closed')),
    cutoff               INTEGER NOT NULL DEFAULT 18 CHECK (cutoff >= 0),
    opened_at            TEXT,
    closed_at            TEXT,
    results_published_at TEXT,
    updated_at           TEXT NOT NULL
);
INSERT INTO forum_state(id, updated_at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- Every change of stage: who (actor), when, and why (required to reopen).
CREATE TABLE forum_events (
    id         TEXT PRIMARY KEY,
    action     TEXT NOT NULL CHECK (action IN ('publish','close','reopen','publish_results')),
    actor_role TEXT NOT NULL DEFAULT '',
    actor_id   TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL
);
CREATE INDEX forum_events_at ON forum_events(at);

-- Idea sheets. A sheet of kind 'idea' comes from one idea (idea_id); a
-- sheet of kind 'merged' gathers redundant sheets, which point at it with
-- merged_into and keep their own text: nothing is deleted.
CREATE TABLE sheets (
    id           TEXT PRIMARY KEY,
    number       INTEGER NOT NULL UNIQUE CHECK (number > 0),
    kind         TEXT NOT NULL CHECK (kind IN ('idea','merged')),
    idea_id      TEXT UNIQUE REFERENCES ideas(id) ON DELETE SET NULL,
    merged_into  TEXT REFERENCES sheets(id) ON DELETE RESTRICT,
    name         TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    problem      TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    contribution TEXT NOT NULL DEFAULT '',
    relevance    TEXT NOT NULL DEFAULT '',
    principle    TEXT NOT NULL REFERENCES principles(code),
    responsible  TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (merged_into IS NULL OR merged_into <> id)
);
CREATE INDEX sheets_merged_into ON sheets(merged_into);

-- Forum members. token_hash is the SHA-256 of the personal link's token:
-- the link itself is shown once, when it is made.
CREATE TABLE forum_members (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    organization    TEXT NOT NULL,
    sector          TEXT NOT NULL CHECK (sector IN ('public','civil_society','academic','private')),
    token_hash      TEXT NOT NULL UNIQUE,
    link_created_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- A member's evaluation of a sheet: a draft, a submission (the only kind
-- the ranking counts), or a recusal for a declared conflict of interest.
CREATE TABLE forum_scores (
    id           TEXT PRIMARY KEY,
    member_id    TEXT NOT NULL REFERENCES forum_members(id) ON DELETE CASCADE,
    sheet_id     TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('draft','submitted','recused')),
    observations TEXT NOT NULL DEFAULT '',
    conflict     TEXT NOT NULL DEFAULT '',
    submitted_at TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (member_id, sheet_id)
);
CREATE INDEX forum_scores_sheet ON forum_scores(sheet_id);

CREATE TABLE forum_score_values (
    score_id     TEXT NOT NULL REFERENCES forum_scores(id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    value        INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
    PRIMARY KEY (score_id, criterion_id)
);

-- The validation workshop on each scored sheet: deliberation notes and the
-- decision with its required rationale (the reasoned response matrix).
CREATE TABLE forum_decisions (
    sheet_id           TEXT PRIMARY KEY REFERENCES sheets(id) ON DELETE CASCADE,
    outcome            TEXT NOT NULL CHECK (outcome IN ('pending','prioritized','not_prioritized','merged','commitment')),
    merged_into        TEXT REFERENCES sheets(id) ON DELETE RESTRICT,
    commitment_number  INTEGER CHECK (commitment_number IS NULL OR commitment_number > 0),
    responsible_entity TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT '',
    rationale          TEXT NOT NULL DEFAULT '',
    version            INTEGER NOT NULL DEFAULT 1,
    decided_by         TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (outcome = 'pending' OR rationale <> ''),
    CHECK ((outcome = 'commitment') = (commitment_number IS NOT NULL)),
    CHECK ((outcome = 'merged') = (merged_into IS NOT NULL))
);
CREATE UNIQUE INDEX forum_decisions_commitment ON forum_decisions(commitment_number) WHERE commitment_number IS NOT NULL;
