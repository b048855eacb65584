-- 001_init: the process template, workshops, tables, participants and the
-- table-level records captured live. Every record has a UUID primary key so
-- that databases filled offline on different laptops can be merged.
-- Timestamps are RFC 3339 UTC text; dates are YYYY-MM-DD text.

CREATE TABLE process (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    period     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The four Open Government principles. Names are translated by code.
CREATE TABLE principles (
    code     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);

-- Scoring criteria. An empty name/description means "use the translated
-- default for this code"; the Secretariat may type its own before scoring opens.
CREATE TABLE criteria (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    weight      REAL NOT NULL DEFAULT 1 CHECK (weight >= 0),
    position    INTEGER NOT NULL
);

CREATE TABLE problems (
    id          TEXT PRIMARY KEY,
    process_id  TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- User profiles (archetypes) drafted in the preparatory stage.
CREATE TABLE user_profiles (
    id          TEXT PRIMARY KEY,
    problem_id  TEXT REFERENCES problems(id) ON DELETE SET NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    needs       TEXT NOT NULL DEFAULT '',
    pains       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE workshops (
    id         TEXT PRIMARY KEY,
    process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
    city       TEXT NOT NULL,
    date       TEXT NOT NULL,
    venue      TEXT NOT NULL DEFAULT '',
    focus      TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','open','closed')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX workshops_date ON workshops(date);

-- A table of a workshop. Codes let facilitator, rapporteur and participants
-- join the table from their own devices; regenerating a code revokes it.
CREATE TABLE workshop_tables (
    id               TEXT PRIMARY KEY,
    workshop_id      TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    number           INTEGER NOT NULL CHECK (number > 0),
    problem_id       TEXT REFERENCES problems(id) ON DELETE SET NULL,
    profile_id       TEXT REFERENCES user_profiles(id) ON DELETE SET NULL,
    facilitator      TEXT NOT NULL DEFAULT '',
    rapporteur       TEXT NOT NULL DEFAULT '',
    facilitator_code TEXT NOT NULL UNIQUE,
    rapporteur_code  TEXT NOT NULL UNIQUE,
    participant_code TEXT NOT NULL UNIQUE,
    phase            TEXT NOT NULL DEFAULT 'topic',
    phase_started_at TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (workshop_id, number)
);

CREATE TABLE participants (
    id             TEXT PRIMARY KEY,
    workshop_id    TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    gender         TEXT NOT NULL CHECK (gender IN ('female','male','other')),
    sector         TEXT NOT NULL CHECK (sector IN ('public','civil_society','academic','private','international')),
    organization   TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    consent_at     TEXT NOT NULL,
    source         TEXT NOT NULL DEFAULT 'form' CHECK (source IN ('form','import','demo','api')),
    registered_at  TEXT NOT NULL,
    checked_in_at  TEXT,
    table_id       TEXT REFERENCES workshop_tables(id) ON DELETE SET NULL
);
CREATE INDEX participants_workshop ON participants(workshop_id);
CREATE INDEX participants_table ON participants(table_id);

-- Table-level records captured live by the rapporteur. Each carries a version
-- for optimistic concurrency and a soft-delete mark so that deletions reach
-- every screen and stay traceable.
CREATE TABLE profile_notes (
    id         TEXT PRIMARY KEY,
    table_id   TEXT NOT NULL REFERENCES workshop_tables(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('need','pain','context')),
    text       TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX profile_notes_table ON profile_notes(table_id);

CREATE TABLE user_stories (
    id         TEXT PRIMARY KEY,
    table_id   TEXT NOT NULL REFERENCES workshop_tables(id) ON DELETE CASCADE,
    as_who     TEXT NOT NULL,
    want       TEXT NOT NULL,
    so_that    TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX user_stories_table ON user_stories(table_id);

CREATE TABLE ideas (
    id          TEXT PRIMARY KEY,
    table_id    TEXT NOT NULL REFERENCES workshop_tables(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    principle   TEXT NOT NULL REFERENCES principles(code),
    chosen      INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX ideas_table ON ideas(table_id);

-- Impact and feasibility ratings given at the table (prioritization phase).
-- rater is the rater's session/participant identity: one rating per rater.
CREATE TABLE idea_ratings (
    id          TEXT PRIMARY KEY,
    idea_id     TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    rater       TEXT NOT NULL,
    impact      INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    feasibility INTEGER NOT NULL CHECK (feasibility BETWEEN 1 AND 5),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (idea_id, rater)
);

CREATE TABLE prototypes (
    id          TEXT PRIMARY KEY,
    table_id    TEXT NOT NULL REFERENCES workshop_tables(id) ON DELETE CASCADE,
    idea_id     TEXT REFERENCES ideas(id) ON DELETE SET NULL,
    description TEXT NOT NULL,
    iteration   TEXT NOT NULL DEFAULT '',
    photo_path  TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX prototypes_table ON prototypes(table_id);

CREATE TABLE feedback (
    id           TEXT PRIMARY KEY,
    prototype_id TEXT NOT NULL REFERENCES prototypes(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('like','doubt','suggestion')),
    text         TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX feedback_prototype ON feedback(prototype_id);

-- Secretariat accounts and login/join sessions.
CREATE TABLE admins (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- A session is what a cookie points at: an admin login, or a facilitator,
-- rapporteur or participant who joined a table with its code, or a Forum member.
-- token_hash is the SHA-256 of the cookie value, so a stolen database file
-- does not hand out live sessions.
CREATE TABLE sessions (
    token_hash      TEXT PRIMARY KEY,
    role            TEXT NOT NULL CHECK (role IN ('admin','facilitator','rapporteur','participant','forum')),
    admin_id        TEXT REFERENCES admins(id) ON DELETE CASCADE,
    table_id        TEXT REFERENCES workshop_tables(id) ON DELETE CASCADE,
    forum_member_id TEXT,
    join_code       TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL
);
