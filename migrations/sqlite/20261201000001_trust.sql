-- no-transaction
-- Trust by construction (#9):
-- * ids of accounts, responses, insights, conversations and code applications are never
--   reused (AUTOINCREMENT), so nothing that pointed at a deleted row can point at a new one;
-- * a code application belongs to exactly one response, insight or conversation by a
--   foreign key and goes with it (ON DELETE CASCADE);
-- * sessions know their account and end with it;
-- * login throttling lives in the database (one counter per account and per client), so it
--   holds across several app servers; the per-account columns of `users` go.
-- Tables are rebuilt as SQLite's ALTER TABLE documentation prescribes: with foreign keys off,
-- in one transaction of our own.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE users_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
INSERT INTO users_new (id, email, password_hash, is_admin, created_at)
    SELECT id, email, password_hash, is_admin, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

CREATE TABLE responses_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    link_id INTEGER NOT NULL REFERENCES links (id) ON DELETE CASCADE,
    version_id INTEGER NOT NULL REFERENCES questionnaire_versions (id) ON DELETE CASCADE,
    audience TEXT NOT NULL CHECK (audience IN ('youth', 'parent', 'professional')),
    wave_id INTEGER NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    group_label TEXT,
    language TEXT NOT NULL,
    submitted_on TEXT NOT NULL
);
INSERT INTO responses_new SELECT id, link_id, version_id, audience, wave_id, group_label, language, submitted_on FROM responses;
DROP TABLE responses;
ALTER TABLE responses_new RENAME TO responses;
CREATE INDEX responses_by_link ON responses (link_id);
CREATE INDEX responses_by_version ON responses (version_id, audience, wave_id);

CREATE TABLE insights_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    theme_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('knelpunt', 'kans', 'voorbeeld', 'oplossingsrichting', 'vraag')),
    statement TEXT NOT NULL,
    sector TEXT,
    priority INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
INSERT INTO insights_new SELECT id, meeting_id, theme_key, kind, statement, sector, priority, created_at FROM insights;
DROP TABLE insights;
ALTER TABLE insights_new RENAME TO insights;
CREATE INDEX insights_by_meeting ON insights (meeting_id, theme_key);

CREATE TABLE interviews_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    audience TEXT NOT NULL CHECK (audience IN ('youth', 'parent', 'professional')),
    wave_id INTEGER NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    setting TEXT NOT NULL CHECK (setting IN ('individual', 'group')),
    group_size INTEGER NOT NULL,
    label TEXT NOT NULL,
    questionnaire_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO interviews_new SELECT id, project_id, audience, wave_id, held_on, setting, group_size, label, questionnaire_key, created_at FROM interviews;
DROP TABLE interviews;
ALTER TABLE interviews_new RENAME TO interviews;

CREATE TABLE code_applications_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code_id INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('answer', 'insight', 'quote')),
    response_id INTEGER REFERENCES responses (id) ON DELETE CASCADE,
    insight_id INTEGER REFERENCES insights (id) ON DELETE CASCADE,
    interview_id INTEGER REFERENCES interviews (id) ON DELETE CASCADE,
    target_part TEXT NOT NULL DEFAULT '',
    start_offset BIGINT,
    end_offset BIGINT,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    CHECK ((target_kind = 'answer') = (response_id IS NOT NULL)
       AND (target_kind = 'insight') = (insight_id IS NOT NULL)
       AND (target_kind = 'quote') = (interview_id IS NOT NULL))
);
INSERT INTO code_applications_new (id, code_id, target_kind, response_id, insight_id, interview_id,
        target_part, start_offset, end_offset, user_id, created_at)
    SELECT a.id, a.code_id, a.target_kind,
        CASE WHEN a.target_kind = 'answer' THEN a.target_id END,
        CASE WHEN a.target_kind = 'insight' THEN a.target_id END,
        CASE WHEN a.target_kind = 'quote' THEN a.target_id END,
        a.target_part, a.start_offset, a.end_offset, a.user_id, a.created_at
    FROM code_applications a
    WHERE (a.target_kind = 'answer' AND a.target_id IN (SELECT id FROM responses))
       OR (a.target_kind = 'insight' AND a.target_id IN (SELECT id FROM insights))
       OR (a.target_kind = 'quote' AND a.target_id IN (SELECT id FROM interviews));
DROP TABLE code_applications;
ALTER TABLE code_applications_new RENAME TO code_applications;
CREATE INDEX code_applications_by_response ON code_applications (response_id, target_part);
CREATE INDEX code_applications_by_insight ON code_applications (insight_id);
CREATE INDEX code_applications_by_interview ON code_applications (interview_id);
CREATE INDEX code_applications_by_code ON code_applications (code_id);

-- Sessions from before this change do not know their account: they end.
DROP TABLE sessions;
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed logins per subject ("account:<id>" or "client:<keyed hash of the address>") within
-- a window; a subject over its limit waits until `window_ends`. Rows end with their window.
CREATE TABLE login_failures (
    subject TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    window_ends BIGINT NOT NULL
);

-- Random keys the app makes for itself, e.g. the key that hashes client addresses for the
-- login throttle (so that no address is stored).
CREATE TABLE app_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

COMMIT;
PRAGMA foreign_keys = ON;
