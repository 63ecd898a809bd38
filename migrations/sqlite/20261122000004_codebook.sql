-- One codebook per project: codes in two levels, applied to pieces of text (open answers now;
-- insights and interview quotes share the same table).
CREATE TABLE codes (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parent_id BIGINT REFERENCES codes (id) ON DELETE CASCADE,
    theme_key TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (project_id, name)
);

CREATE TABLE code_applications (
    id INTEGER PRIMARY KEY,
    code_id INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('answer', 'insight', 'quote')),
    target_id INTEGER NOT NULL,
    target_part TEXT NOT NULL DEFAULT '',
    start_offset BIGINT,
    end_offset BIGINT,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX code_applications_by_target ON code_applications (target_kind, target_id, target_part);
CREATE INDEX code_applications_by_code ON code_applications (code_id);
