-- The audiences a project's respondent pages address with "u" instead of "je" in Dutch,
-- comma separated (e.g. 'parent'); empty: everyone "je".
ALTER TABLE projects ADD COLUMN formal_audiences TEXT NOT NULL DEFAULT '';
