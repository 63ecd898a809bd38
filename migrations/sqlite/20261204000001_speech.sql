-- Questions read aloud. The sound of a text in one voice is made once on the server
-- (espeak-ng, compressed as Opus) and kept here under a hash of voice and text, so every
-- later listener, on any app server, gets it without making it again.
CREATE TABLE speech_cache (
    hash TEXT PRIMARY KEY,
    sound BLOB NOT NULL,
    made_at TEXT NOT NULL
);
