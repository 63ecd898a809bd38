-- The most recent applications of a code, read by the comparison's quotes (a range per
-- code). SQLite's index on code_id holds the row id already; PostgreSQL's does not.
CREATE INDEX code_applications_by_code_and_id ON code_applications (code_id, id);
