//! Sounds of questions read aloud, kept under the hash of what they say.

use super::{Db, Result, now};
use sqlx::Row;

impl Db {
    /// The sound kept under `hash`, if it was made before.
    pub async fn spoken(&self, hash: &str) -> Result<Option<Vec<u8>>> {
        let row = sqlx::query("SELECT sound FROM speech_cache WHERE hash = $1")
            .bind(hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get("sound")))
    }

    /// Keeps a made sound; another server that made the same sound first wins.
    pub async fn keep_spoken(&self, hash: &str, sound: &[u8]) -> Result<()> {
        sqlx::query(
            "INSERT INTO speech_cache (hash, sound, made_at) VALUES ($1, $2, $3) \
             ON CONFLICT (hash) DO NOTHING",
        )
        .bind(hash)
        .bind(sound.to_vec())
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
