-- Trust by construction (#9); see the SQLite migration of the same name. PostgreSQL never
-- reuses identity values, so only the foreign keys, sessions and login throttle change.
ALTER TABLE code_applications
    ADD COLUMN response_id BIGINT REFERENCES responses (id) ON DELETE CASCADE,
    ADD COLUMN insight_id BIGINT REFERENCES insights (id) ON DELETE CASCADE,
    ADD COLUMN interview_id BIGINT REFERENCES interviews (id) ON DELETE CASCADE;
UPDATE code_applications a SET response_id = a.target_id
    WHERE a.target_kind = 'answer' AND EXISTS (SELECT 1 FROM responses r WHERE r.id = a.target_id);
UPDATE code_applications a SET insight_id = a.target_id
    WHERE a.target_kind = 'insight' AND EXISTS (SELECT 1 FROM insights i WHERE i.id = a.target_id);
UPDATE code_applications a SET interview_id = a.target_id
    WHERE a.target_kind = 'quote' AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = a.target_id);
DELETE FROM code_applications
    WHERE response_id IS NULL AND insight_id IS NULL AND interview_id IS NULL;
DROP INDEX code_applications_by_target;
ALTER TABLE code_applications DROP COLUMN target_id;
ALTER TABLE code_applications ADD CONSTRAINT code_applications_one_target CHECK (
    (target_kind = 'answer') = (response_id IS NOT NULL)
    AND (target_kind = 'insight') = (insight_id IS NOT NULL)
    AND (target_kind = 'quote') = (interview_id IS NOT NULL));
CREATE INDEX code_applications_by_response ON code_applications (response_id, target_part);
CREATE INDEX code_applications_by_insight ON code_applications (insight_id);
CREATE INDEX code_applications_by_interview ON code_applications (interview_id);

ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;

DELETE FROM sessions;
ALTER TABLE sessions ADD COLUMN user_id BIGINT REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_failures (
    subject TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    window_ends BIGINT NOT NULL
);

-- Random keys the app makes for itself, e.g. the key that hashes client addresses for the
-- login throttle (so that no address is stored).
CREATE TABLE app_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
