-- no-transaction
-- The joint meeting (#14):
-- * insights get two kinds for what is said in the joint session: an agreement (afspraak)
--   and a reaction (reactie); the table is rebuilt for its CHECK, as SQLite prescribes;
-- * a plan van aanpak: actions per theme, taken on by an organisation or role (no personal
--   names), from a date, with a status; linked to the codes and insights they answer and to
--   the indicators they should move; each with a short log of what was made available and
--   what it produced.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE insights_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    theme_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('knelpunt', 'kans', 'voorbeeld', 'oplossingsrichting', 'vraag', 'afspraak', 'reactie')),
    statement TEXT NOT NULL,
    sector TEXT,
    priority INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
INSERT INTO insights_new SELECT id, meeting_id, theme_key, kind, statement, sector, priority, created_at FROM insights;
DROP TABLE insights;
ALTER TABLE insights_new RENAME TO insights;
CREATE INDEX insights_by_meeting ON insights (meeting_id, theme_key);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    theme_key TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    taken_on_by TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('gepland', 'bezig', 'klaar', 'gestopt')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX actions_by_project ON actions (project_id, theme_key);

CREATE TABLE action_codes (
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    code_id INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, code_id)
);

CREATE TABLE action_insights (
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    insight_id INTEGER NOT NULL REFERENCES insights (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, insight_id)
);

-- A closed question of a questionnaire (its share or mean mark) or a code (its share) among
-- one audience.
CREATE TABLE action_indicators (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    audience TEXT NOT NULL CHECK (audience IN ('youth', 'parent', 'professional')),
    questionnaire_key TEXT,
    question_key TEXT,
    code_id INTEGER REFERENCES codes (id) ON DELETE CASCADE,
    CHECK ((question_key IS NOT NULL AND questionnaire_key IS NOT NULL AND code_id IS NULL)
        OR (question_key IS NULL AND questionnaire_key IS NULL AND code_id IS NOT NULL))
);
CREATE INDEX action_indicators_by_action ON action_indicators (action_id);

CREATE TABLE action_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    noted_on TEXT NOT NULL,
    text TEXT NOT NULL,
    number DOUBLE PRECISION,
    created_at TEXT NOT NULL
);
CREATE INDEX action_log_by_action ON action_log (action_id, noted_on);

COMMIT;
PRAGMA foreign_keys = ON;
