-- Running counts of coded responses, as answer_tallies are for closed answers: per code,
-- wave and audience, how many responses have at least one answer with the code, once
-- unfiltered (filter_key '') and once within each filter answer the response gave. Kept in
-- the transaction of every change to the codes of answers (src/storage/code_tallies.rs),
-- so the comparison reads them instead of counting a million responses per request. Filled
-- at start-up when missing.
CREATE TABLE code_tallies (
    code_id BIGINT NOT NULL REFERENCES codes (id) ON DELETE CASCADE,
    filter_key TEXT NOT NULL,
    filter_value TEXT NOT NULL,
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    responses BIGINT NOT NULL,
    PRIMARY KEY (code_id, filter_key, filter_value, wave_id, audience)
);
