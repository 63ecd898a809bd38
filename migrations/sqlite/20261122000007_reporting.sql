-- Reporting: the threshold below which a project's counts are not shown (never below 3),
-- and an index to count the answers to a question without reading whole responses.
ALTER TABLE projects ADD COLUMN report_threshold INTEGER NOT NULL DEFAULT 5 CHECK (report_threshold >= 3);
CREATE INDEX answers_by_question ON answers (question_key, response_id, value);
