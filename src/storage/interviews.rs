//! Interviews and group conversations recorded by facilitators.

use super::{Db, ProjectId, Result, StorageError, day, now, parse_day};
use crate::domain::privacy::PersonalData;
use crate::domain::{Answers, Audience, RawAnswers};
use sqlx::AssertSqlSafe;
use sqlx::Row;
use std::collections::BTreeMap;

/// A conversation: who, when, which guide. Nobody is named; `label` is like "jongere A".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interview {
    pub id: i64,
    pub audience: Audience,
    pub wave: String,
    pub wave_key: String,
    pub held_on: time::Date,
    pub group: bool,
    pub group_size: i64,
    pub label: String,
    pub questionnaire: String,
    /// The language it was held in (`nl` unless the facilitator chose another).
    pub language: String,
}

/// A new conversation to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInterview {
    pub audience: Audience,
    pub wave_key: String,
    pub held_on: time::Date,
    pub group_size: u32,
    pub label: String,
    pub questionnaire: String,
    pub language: String,
}

/// Notes and quotes (one per line) about one question of the guide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesEntry {
    pub notes: String,
    pub quotes: String,
    /// What personal data the quotes or notes seem to hold.
    pub flagged: Vec<PersonalData>,
}

impl Db {
    pub async fn create_interview(
        &self,
        project_id: ProjectId,
        new: &NewInterview,
    ) -> Result<Option<i64>> {
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO interviews (project_id, audience, wave_id, held_on, setting, group_size, label, questionnaire_key, created_at, language) \
             SELECT $1, $2, w.id, $3, $4, $5, $6, $7, $8, $10 FROM waves w WHERE w.project_id = $1 AND w.key = $9 RETURNING id",
        )
        .bind(project_id.0)
        .bind(new.audience.as_str())
        .bind(day(new.held_on))
        .bind(if new.group_size > 1 { "group" } else { "individual" })
        .bind(i64::from(new.group_size.max(1)))
        .bind(&new.label)
        .bind(&new.questionnaire)
        .bind(now())
        .bind(&new.wave_key)
        .bind(&new.language)
        .fetch_optional(&self.pool)
        .await?;
        Ok(id)
    }

    /// A project's conversations, newest first.
    pub async fn interviews(&self, project_id: ProjectId) -> Result<Vec<Interview>> {
        let rows = sqlx::query(
            "SELECT i.id, i.audience, w.name, w.key, i.held_on, i.setting, i.group_size, i.label, i.questionnaire_key, i.language \
             FROM interviews i JOIN waves w ON w.id = i.wave_id WHERE i.project_id = $1 ORDER BY i.held_on DESC, i.id DESC",
        )
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let audience: String = r.try_get(1)?;
                Ok(Interview {
                    id: r.try_get(0)?,
                    audience: audience
                        .parse()
                        .map_err(|e| StorageError::Corrupt(format!("{e}")))?,
                    wave: r.try_get(2)?,
                    wave_key: r.try_get(3)?,
                    held_on: parse_day(&r.try_get::<String, _>(4)?)?,
                    group: r.try_get::<String, _>(5)? == "group",
                    group_size: r.try_get(6)?,
                    label: r.try_get(7)?,
                    questionnaire: r.try_get(8)?,
                    language: r.try_get(9)?,
                })
            })
            .collect()
    }

    /// Replaces what was recorded in a conversation of the project: notes and quotes per
    /// question, and the closed answers given; all or nothing.
    pub async fn save_interview(
        &self,
        project_id: ProjectId,
        interview_id: i64,
        notes: &BTreeMap<String, NotesEntry>,
        answers: &Answers,
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let ours: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM interviews WHERE id = $1 AND project_id = $2")
                .bind(interview_id)
                .bind(project_id.0)
                .fetch_one(&mut *tx)
                .await?;
        if ours == 0 {
            return Ok(false);
        }
        for table in ["interview_notes", "interview_answers"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE interview_id = $1"
            )))
            .bind(interview_id)
            .execute(&mut *tx)
            .await?;
        }
        for (key, entry) in notes
            .iter()
            .filter(|(_, e)| !e.notes.trim().is_empty() || !e.quotes.trim().is_empty())
        {
            let flagged = (!entry.flagged.is_empty()).then(|| {
                entry
                    .flagged
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            });
            sqlx::query("INSERT INTO interview_notes (interview_id, question_key, notes, quotes, flagged) VALUES ($1, $2, $3, $4, $5)")
                .bind(interview_id)
                .bind(key)
                .bind(entry.notes.trim())
                .bind(entry.quotes.trim())
                .bind(flagged)
                .execute(&mut *tx)
                .await?;
        }
        for (key, answer) in answers {
            for (position, value) in (0_i64..).zip(answer.values()) {
                sqlx::query("INSERT INTO interview_answers (interview_id, question_key, position, value) VALUES ($1, $2, $3, $4)")
                    .bind(interview_id)
                    .bind(key)
                    .bind(position)
                    .bind(value)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    /// What was recorded in a conversation: notes per question and the closed answers.
    pub async fn interview_record(
        &self,
        project_id: ProjectId,
        interview_id: i64,
    ) -> Result<(BTreeMap<String, NotesEntry>, RawAnswers)> {
        const MINE: &str =
            "interview_id IN (SELECT id FROM interviews WHERE id = $1 AND project_id = $2)";
        let notes = sqlx::query(AssertSqlSafe(format!(
            "SELECT question_key, notes, quotes, flagged FROM interview_notes WHERE {MINE}"
        )))
        .bind(interview_id)
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let flagged: Option<String> = r.try_get(3)?;
            Ok((
                r.try_get(0)?,
                NotesEntry {
                    notes: r.try_get(1)?,
                    quotes: r.try_get(2)?,
                    flagged: flagged
                        .iter()
                        .flat_map(|f| f.split(','))
                        .filter_map(PersonalData::parse)
                        .collect(),
                },
            ))
        })
        .collect::<Result<_>>()?;
        let mut answers = RawAnswers::new();
        for r in sqlx::query(AssertSqlSafe(format!("SELECT question_key, value FROM interview_answers WHERE {MINE} ORDER BY question_key, position")))
            .bind(interview_id)
            .bind(project_id.0)
            .fetch_all(&self.pool)
            .await?
        {
            answers.entry(r.try_get(0)?).or_default().push(r.try_get(1)?);
        }
        Ok((notes, answers))
    }
}

impl Db {
    /// Replaces the notes of one part of a conversation of the project (after a redaction
    /// or a review of its flags).
    pub async fn update_interview_part(
        &self,
        project_id: ProjectId,
        interview_id: i64,
        part: &str,
        entry: &NotesEntry,
    ) -> Result<bool> {
        let flagged = (!entry.flagged.is_empty()).then(|| {
            entry
                .flagged
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(",")
        });
        let done = sqlx::query(
            "UPDATE interview_notes SET notes = $1, quotes = $2, flagged = $3 WHERE interview_id = $4 AND question_key = $5 \
             AND interview_id IN (SELECT id FROM interviews WHERE project_id = $6)",
        )
        .bind(&entry.notes)
        .bind(&entry.quotes)
        .bind(flagged)
        .bind(interview_id)
        .bind(part)
        .bind(project_id.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Applies a code of the project to one quote of a conversation of the project. The
    /// quote's text is kept with the application, so later edits of other quotes do not move it.
    pub async fn apply_code_to_quote(
        &self,
        project_id: ProjectId,
        code_id: i64,
        interview_id: i64,
        part: &str,
        quote: &str,
        user_id: i64,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO code_applications (code_id, target_kind, interview_id, target_part, user_id, created_at) \
             SELECT c.id, 'quote', i.id, $1, $2, $3 FROM codes c, interviews i \
             WHERE c.id = $4 AND c.project_id = $5 AND i.id = $6 AND i.project_id = $5",
        )
        .bind(format!("{part}\n{quote}"))
        .bind(user_id)
        .bind(now())
        .bind(code_id)
        .bind(project_id.0)
        .bind(interview_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The codes on the quotes of a conversation: (part, quote, code name).
    pub async fn quote_codes(
        &self,
        project_id: ProjectId,
        interview_id: i64,
    ) -> Result<Vec<(String, String, String)>> {
        let rows = sqlx::query(
            "SELECT a.target_part, c.name FROM code_applications a JOIN codes c ON c.id = a.code_id \
             WHERE a.interview_id = $1 AND c.project_id = $2 ORDER BY a.id",
        )
        .bind(interview_id)
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let target: String = r.try_get(0)?;
                let (part, quote) = target.split_once('\n').unwrap_or((target.as_str(), ""));
                Ok((part.to_owned(), quote.to_owned(), r.try_get(1)?))
            })
            .collect()
    }
}
