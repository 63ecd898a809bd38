-- Projects, questionnaires, links and anonymous responses.
-- Days and instants are stored as ISO-8601 text so SQLite and PostgreSQL read them alike.

CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    UNIQUE (project_id, key)
);

CREATE TABLE waves (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    UNIQUE (project_id, key)
);

CREATE TABLE questionnaires (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    UNIQUE (project_id, key)
);

-- A version is frozen once it has responses; changes then make a new version.
CREATE TABLE questionnaire_versions (
    id INTEGER PRIMARY KEY,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (questionnaire_id, version)
);

CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    audience TEXT NOT NULL CHECK (audience IN ('youth', 'parent', 'professional')),
    wave_id INTEGER NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    group_label TEXT,
    closed_at TEXT,
    created_at TEXT NOT NULL
);

-- Answers of a respondent who has not finished yet, keyed by the token in the form.
CREATE TABLE drafts (
    token TEXT PRIMARY KEY,
    link_id INTEGER NOT NULL REFERENCES links (id) ON DELETE CASCADE,
    version_id INTEGER NOT NULL REFERENCES questionnaire_versions (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    answers TEXT NOT NULL,
    started_on TEXT NOT NULL
);

CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    link_id INTEGER NOT NULL REFERENCES links (id) ON DELETE CASCADE,
    version_id INTEGER NOT NULL REFERENCES questionnaire_versions (id) ON DELETE CASCADE,
    audience TEXT NOT NULL CHECK (audience IN ('youth', 'parent', 'professional')),
    wave_id INTEGER NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    group_label TEXT,
    language TEXT NOT NULL,
    submitted_on TEXT NOT NULL
);
CREATE INDEX responses_by_link ON responses (link_id);
CREATE INDEX responses_by_version ON responses (version_id, audience, wave_id);

CREATE TABLE answers (
    response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (response_id, question_key, position)
);

-- Tokens of submitted forms, so a second submit stores nothing. Deliberately not linked to
-- the response (no column, no shared order), so a token in a browser history cannot lead to
-- an answer.
CREATE TABLE used_tokens (
    token TEXT PRIMARY KEY,
    used_on TEXT NOT NULL
) WITHOUT ROWID;
