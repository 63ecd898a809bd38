//! Recorded readings of questions (migration `20261205000002`), per questionnaire, question,
//! audience and language, with the fingerprint of the words they read.

use super::{Db, Result, StorageError, now};
use crate::domain::Audience;
use sqlx::Row;

/// Which reading: a question of a questionnaire as one audience reads it in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingOf<'a> {
    pub questionnaire_id: i64,
    pub question: &'a str,
    pub audience: Audience,
    pub language: &'a str,
}

/// A kept recording, without its sound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub question: String,
    pub audience: Audience,
    /// Of the words it reads ([`crate::domain::recording::script_fingerprint`]).
    pub script_fingerprint: String,
    /// SHA-256 of the sound (16 hex digits): names it in links, so a new recording gets
    /// new links past every cache.
    pub sha: String,
    pub content_type: String,
    pub size: i64,
}

/// A recording's sound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sound {
    pub content_type: String,
    pub sha: String,
    pub bytes: Vec<u8>,
}

impl Db {
    /// Keeps a recording, replacing the one before of the same reading.
    pub async fn keep_recording(
        &self,
        of: ReadingOf<'_>,
        script_fingerprint: &str,
        sound: &Sound,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO recordings (questionnaire_id, question_key, audience, language, \
             script_fingerprint, content_type, sha, sound, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (questionnaire_id, question_key, audience, language) DO UPDATE SET \
             script_fingerprint = excluded.script_fingerprint, content_type = excluded.content_type, \
             sha = excluded.sha, sound = excluded.sound, recorded_at = excluded.recorded_at",
        )
        .bind(of.questionnaire_id)
        .bind(of.question)
        .bind(of.audience.as_str())
        .bind(of.language)
        .bind(script_fingerprint)
        .bind(&sound.content_type)
        .bind(&sound.sha)
        .bind(sound.bytes.clone())
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The recordings of a questionnaire in a language, for every audience (or one).
    pub async fn recordings(
        &self,
        questionnaire_id: i64,
        language: &str,
        audience: Option<Audience>,
    ) -> Result<Vec<Recorded>> {
        let rows = sqlx::query(
            "SELECT question_key, audience, script_fingerprint, sha, content_type, \
             CAST(LENGTH(sound) AS BIGINT) FROM recordings \
             WHERE questionnaire_id = $1 AND language = $2 AND ($3 = '' OR audience = $3) \
             ORDER BY question_key, audience",
        )
        .bind(questionnaire_id)
        .bind(language)
        .bind(audience.map_or("", |a| a.as_str()))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Recorded {
                    question: r.try_get(0)?,
                    audience: r
                        .try_get::<String, _>(1)?
                        .parse()
                        .map_err(|e| StorageError::Corrupt(format!("{e}")))?,
                    script_fingerprint: r.try_get(2)?,
                    sha: r.try_get(3)?,
                    content_type: r.try_get(4)?,
                    size: r.try_get(5)?,
                })
            })
            .collect()
    }

    /// The sound of a recording, with the fingerprint of the words it reads.
    pub async fn recording(&self, of: ReadingOf<'_>) -> Result<Option<(String, Sound)>> {
        let row = sqlx::query(
            "SELECT script_fingerprint, content_type, sha, sound FROM recordings \
             WHERE questionnaire_id = $1 AND question_key = $2 AND audience = $3 AND language = $4",
        )
        .bind(of.questionnaire_id)
        .bind(of.question)
        .bind(of.audience.as_str())
        .bind(of.language)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok((
                r.try_get(0)?,
                Sound {
                    content_type: r.try_get(1)?,
                    sha: r.try_get(2)?,
                    bytes: r.try_get(3)?,
                },
            ))
        })
        .transpose()
    }

    /// Removes a recording; whether there was one.
    pub async fn delete_recording(&self, of: ReadingOf<'_>) -> Result<bool> {
        let done = sqlx::query(
            "DELETE FROM recordings \
             WHERE questionnaire_id = $1 AND question_key = $2 AND audience = $3 AND language = $4",
        )
        .bind(of.questionnaire_id)
        .bind(of.question)
        .bind(of.audience.as_str())
        .bind(of.language)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
