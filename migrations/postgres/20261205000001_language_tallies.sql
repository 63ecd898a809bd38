-- Responses are now also counted within their language (filter key '@taal'). Emptied here,
-- the running counts are rebuilt from the stored answers at the next start-up.
DELETE FROM code_tallies;
DELETE FROM answer_tallies;

-- The language a conversation was held in, so that it counts within a language like a
-- response does (conversations from before were recorded in Dutch).
ALTER TABLE interviews ADD COLUMN language TEXT NOT NULL DEFAULT 'nl';
