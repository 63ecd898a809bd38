-- Conversations with young people or parents, recorded by a facilitator: who (audience,
-- setting, group size, an anonymous label — never a name), notes and quotes per question,
-- and closed questions answered during the conversation.
CREATE TABLE interviews (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    audience TEXT NOT NULL CHECK (audience IN ('youth', 'parent', 'professional')),
    wave_id BIGINT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    setting TEXT NOT NULL CHECK (setting IN ('individual', 'group')),
    group_size BIGINT NOT NULL,
    label TEXT NOT NULL,
    questionnaire_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE interview_notes (
    interview_id BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    notes TEXT NOT NULL,
    quotes TEXT NOT NULL,
    flagged TEXT,
    PRIMARY KEY (interview_id, question_key)
);

CREATE TABLE interview_answers (
    interview_id BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    position BIGINT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (interview_id, question_key, position)
);
