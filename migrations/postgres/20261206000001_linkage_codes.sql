-- Linkage codes (koppelcodes): per response only the sealed parts — a JSON object of part
-- key → keyed hash, made with a secret kept outside the database — or that the respondent
-- declined. Never the answers themselves.
CREATE TABLE linkage_codes (
    response_id BIGINT PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
    declined BIGINT NOT NULL CHECK (declined IN (0, 1)),
    parts TEXT NOT NULL
);

-- How many parts of a code may differ between two rounds for a pair to count as the same
-- person.
ALTER TABLE projects ADD COLUMN linkage_tolerance BIGINT NOT NULL DEFAULT 1
    CHECK (linkage_tolerance BETWEEN 0 AND 3);
