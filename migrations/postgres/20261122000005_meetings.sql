-- Professionals' meetings: who was there (sectors and counts, never names) and what they said.
CREATE TABLE meetings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE meeting_sectors (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    sector TEXT NOT NULL,
    participants BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, sector)
);

CREATE TABLE insights (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    theme_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('knelpunt', 'kans', 'voorbeeld', 'oplossingsrichting', 'vraag')),
    statement TEXT NOT NULL,
    sector TEXT,
    priority BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX insights_by_meeting ON insights (meeting_id, theme_key);
