-- Open answers that look like they hold personal data, until a researcher has looked.
CREATE TABLE answer_flags (
    response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    kinds TEXT NOT NULL,
    reviewed_at TEXT,
    PRIMARY KEY (response_id, question_key)
);
