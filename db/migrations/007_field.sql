-- Field laptops (docs/FIELD.md). On the national instance: the tokens the
-- Secretariat creates, one per workshop, the checkouts (one active per
-- workshop: the workshop is "en campo" and read-only here) and the pushes
-- received (the last batch applied, for resuming by sequence). On a field
-- laptop: the single row saying where its workshop came from.

CREATE TABLE field_tokens (
    id                TEXT PRIMARY KEY,
    workshop_id       TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    label             TEXT NOT NULL DEFAULT '',
    secret_hash       TEXT NOT NULL,      -- SHA-256 of the secret: authenticates pushes
    bundle_key_secret TEXT NOT NULL,      -- HMAC key derived from the secret: verifies bundles
    created_at        TEXT NOT NULL,
    revoked_at        TEXT
);
CREATE INDEX field_tokens_workshop ON field_tokens(workshop_id);

CREATE TABLE field_checkouts (
    id          TEXT PRIMARY KEY,           -- chosen by the field laptop at pull
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    token_id    TEXT NOT NULL REFERENCES field_tokens(id) ON DELETE CASCADE,
    via         TEXT NOT NULL DEFAULT 'pull' CHECK (via IN ('pull')),
    created_at  TEXT NOT NULL,
    returned_at TEXT
);
CREATE UNIQUE INDEX field_checkouts_active ON field_checkouts(workshop_id) WHERE returned_at IS NULL;

CREATE TABLE field_pushes (
    id          TEXT PRIMARY KEY,           -- chosen by the field laptop for one push (or one bundle)
    checkout_id TEXT NOT NULL REFERENCES field_checkouts(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL DEFAULT 'push' CHECK (kind IN ('push','bundle')),
    last_seq    INTEGER NOT NULL DEFAULT 0,
    last_digest TEXT NOT NULL DEFAULT '',
    rows        INTEGER NOT NULL DEFAULT 0,
    verified_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX field_pushes_checkout ON field_pushes(checkout_id);

CREATE TABLE field_origin (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    national_url TEXT NOT NULL,
    workshop_id  TEXT NOT NULL,
    token_id     TEXT NOT NULL,
    token_secret TEXT NOT NULL,
    checkout_id  TEXT NOT NULL,
    pulled_at    TEXT NOT NULL,
    pushed_at    TEXT,
    returned_at  TEXT
);
