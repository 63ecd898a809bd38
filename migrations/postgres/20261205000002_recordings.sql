-- Recorded readings: a person reads a question (wording, help, options) in one language for
-- one audience; respondents hear it instead of the synthetic voice while the words it reads
-- still have the fingerprint it was recorded for. Kept per questionnaire, so a new version
-- with the same words keeps its recordings.
CREATE TABLE recordings (
    questionnaire_id BIGINT NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    audience TEXT NOT NULL CHECK (audience IN ('youth', 'parent', 'professional')),
    language TEXT NOT NULL,
    script_fingerprint TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha TEXT NOT NULL,
    sound BYTEA NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (questionnaire_id, question_key, audience, language)
);
