-- Reporting: the threshold below which a project's counts are not shown (never below 3),
-- and running counts of closed answers ("tallies"), kept in the same transaction as every
-- stored or deleted response, so a comparison reads a few hundred rows however many
-- responses there are. A response counts once unfiltered (filter_key '') and once within
-- each filter answer it gave; value '' counts who answered the question at all.
ALTER TABLE projects ADD COLUMN report_threshold BIGINT NOT NULL DEFAULT 5 CHECK (report_threshold >= 3);

CREATE TABLE answer_tallies (
    questionnaire_id BIGINT NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    filter_key TEXT NOT NULL,
    filter_value TEXT NOT NULL,
    question_key TEXT NOT NULL,
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    value TEXT NOT NULL,
    responses BIGINT NOT NULL,
    PRIMARY KEY (questionnaire_id, filter_key, filter_value, question_key, wave_id, audience, value)
);
