//! Drafts of respondents who are still answering, and their anonymous responses.

use super::code_tallies::Coded;
use super::tallies::{Deltas, Head, Versions, stored_answers};
use super::{Backend, Db, ProjectId, Result, StorageError, day, json_rows};
use crate::domain::privacy::PersonalData;
use crate::domain::{Answer, Answers, Audience, RawAnswers};
use sqlx::{Any, Row, Transaction};
use std::collections::BTreeMap;

/// A respondent's answers so far. The token is random and identifies nobody.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub token: String,
    pub link_id: i64,
    /// The questionnaire version the respondent started on; they finish on it too.
    pub version_id: i64,
    pub language: String,
    pub answers: RawAnswers,
}

/// Open answers that seem to hold personal data: question key → what was found.
pub type AnswerFlags = BTreeMap<String, Vec<PersonalData>>;

/// A flag as stored, with whether a researcher has dealt with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFlag {
    pub kinds: Vec<PersonalData>,
    pub reviewed: bool,
}

/// What became of a submit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitOutcome {
    Stored,
    /// This form was submitted before (a double tap, back and submit again): nothing new.
    AlreadyStored,
}

/// A response as stored, for checks and (later) reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredResponse {
    pub id: i64,
    pub audience: Audience,
    pub group: Option<String>,
    pub language: String,
    pub submitted_on: String,
    pub answers: BTreeMap<String, Vec<String>>,
}

impl Db {
    pub async fn create_draft(
        &self,
        token: &str,
        link_id: i64,
        version_id: i64,
        language: &str,
        today: time::Date,
    ) -> Result<()> {
        let _turn = self.write_turn().await;
        sqlx::query(
            "INSERT INTO drafts (token, link_id, version_id, language, answers, started_on) \
             VALUES ($1, $2, $3, $4, '{}', $5)",
        )
        .bind(token)
        .bind(link_id)
        .bind(version_id)
        .bind(language)
        .bind(day(today))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn draft(&self, token: &str) -> Result<Option<Draft>> {
        let row = sqlx::query(
            "SELECT link_id, version_id, language, answers FROM drafts WHERE token = $1",
        )
        .bind(token)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            let answers: String = row.try_get(3)?;
            Ok(Draft {
                token: token.to_owned(),
                link_id: row.try_get(0)?,
                version_id: row.try_get(1)?,
                language: row.try_get(2)?,
                answers: serde_json::from_str(&answers)
                    .map_err(|e| StorageError::Corrupt(format!("draft answers: {e}")))?,
            })
        })
        .transpose()
    }

    /// Replaces a draft's answers and language.
    pub async fn save_draft(&self, draft: &Draft) -> Result<()> {
        let answers = serde_json::to_string(&draft.answers)
            .map_err(|e| StorageError::Corrupt(format!("draft answers: {e}")))?;
        let _turn = self.write_turn().await;
        sqlx::query("UPDATE drafts SET answers = $1, language = $2 WHERE token = $3")
            .bind(answers)
            .bind(&draft.language)
            .bind(&draft.token)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether the form with this token has been submitted.
    pub async fn token_used(&self, token: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM used_tokens WHERE token = $1")
            .bind(token)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// Stores a response in one transaction and removes its draft. The token is recorded
    /// first: a second submit with it stores nothing, even when both run at once.
    pub async fn submit(
        &self,
        draft: &Draft,
        audience: Audience,
        answers: &Answers,
        flags: &AnswerFlags,
        today: time::Date,
    ) -> Result<SubmitOutcome> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let claimed = sqlx::query(
            "INSERT INTO used_tokens (token, used_on) VALUES ($1, $2) ON CONFLICT (token) DO NOTHING",
        )
        .bind(&draft.token)
        .bind(day(today))
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            return Ok(SubmitOutcome::AlreadyStored);
        }
        let head = sqlx::query(
            "INSERT INTO responses (link_id, version_id, audience, wave_id, group_label, language, submitted_on) \
             SELECT l.id, $1, $2, l.wave_id, l.group_label, $3, $4 FROM links l WHERE l.id = $5 \
             RETURNING id, wave_id",
        )
        .bind(draft.version_id)
        .bind(audience.as_str())
        .bind(&draft.language)
        .bind(day(today))
        .bind(draft.link_id)
        .fetch_one(&mut *tx)
        .await?;
        let (response_id, wave_id): (i64, i64) = (head.try_get(0)?, head.try_get(1)?);
        // A linkage code is no answer: it is kept apart, sealed (below).
        let given: BTreeMap<String, Vec<String>> = answers
            .iter()
            .filter(|(_, a)| !matches!(a, Answer::Code(_)))
            .map(|(k, a)| (k.clone(), a.values()))
            .collect();
        let rows: Vec<(i64, &str, i64, &str)> = given
            .iter()
            .flat_map(|(key, values)| {
                (0_i64..).zip(values).map(move |(position, value)| {
                    (response_id, key.as_str(), position, value.as_str())
                })
            })
            .collect();
        insert_answers(self.backend, &mut tx, &rows).await?;
        for answer in answers.values() {
            if let Answer::Code(code) = answer {
                super::linkage::store_code(&mut tx, response_id, code).await?;
            }
        }
        for (key, kinds) in flags {
            sqlx::query(
                "INSERT INTO answer_flags (response_id, question_key, kinds) VALUES ($1, $2, $3)",
            )
            .bind(response_id)
            .bind(key)
            .bind(
                kinds
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .execute(&mut *tx)
            .await?;
        }
        let mut versions = Versions::default();
        let (questionnaire_id, questionnaire) = versions.get(&mut tx, draft.version_id).await?;
        let mut deltas = Deltas::default();
        deltas.add(
            Head {
                questionnaire_id: *questionnaire_id,
                wave_id,
                audience: audience.as_str(),
                language: &draft.language,
            },
            questionnaire,
            &given,
            1,
        );
        deltas.apply(self.backend, &mut tx).await?;
        sqlx::query("DELETE FROM drafts WHERE token = $1")
            .bind(&draft.token)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(SubmitOutcome::Stored)
    }

    /// Every response to the link with this code, oldest first, with its answers.
    pub async fn responses_for_link(&self, code: &str) -> Result<Vec<StoredResponse>> {
        let rows = sqlx::query(
            "SELECT r.id, r.audience, r.group_label, r.language, r.submitted_on, a.question_key, a.value \
             FROM responses r JOIN links l ON l.id = r.link_id \
             LEFT JOIN answers a ON a.response_id = r.id \
             WHERE l.code = $1 ORDER BY r.id, a.question_key, a.position",
        )
        .bind(code)
        .fetch_all(&self.pool)
        .await?;
        let mut responses: Vec<StoredResponse> = Vec::new();
        for row in rows {
            let id: i64 = row.try_get(0)?;
            if responses.last().is_none_or(|r| r.id != id) {
                let audience: String = row.try_get(1)?;
                responses.push(StoredResponse {
                    id,
                    audience: audience
                        .parse()
                        .map_err(|e| StorageError::Corrupt(format!("{e}")))?,
                    group: row.try_get(2)?,
                    language: row.try_get(3)?,
                    submitted_on: row.try_get(4)?,
                    answers: BTreeMap::new(),
                });
            }
            let key: Option<String> = row.try_get(5)?;
            if let (Some(key), Some(response)) = (key, responses.last_mut()) {
                response
                    .answers
                    .entry(key)
                    .or_default()
                    .push(row.try_get(6)?);
            }
        }
        Ok(responses)
    }

    /// Forgets drafts started and tokens used before `cutoff`: a draft nobody finished in
    /// that time is abandoned, and an old token can no longer be double-submitted.
    pub async fn purge_before(&self, cutoff: time::Date) -> Result<u64> {
        let drafts = sqlx::query("DELETE FROM drafts WHERE started_on < $1")
            .bind(day(cutoff))
            .execute(&self.pool)
            .await?;
        let tokens = sqlx::query("DELETE FROM used_tokens WHERE used_on < $1")
            .bind(day(cutoff))
            .execute(&self.pool)
            .await?;
        Ok(drafts.rows_affected() + tokens.rows_affected())
    }
}

/// Stores answers as (response, question key, position, value) rows, in one statement.
pub(super) async fn insert_answers(
    backend: Backend,
    tx: &mut Transaction<'static, Any>,
    rows: &[(i64, &str, i64, &str)],
) -> Result<()> {
    sqlx::query(backend.pick(
        "INSERT INTO answers (response_id, question_key, position, value) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each($1) WHERE true",
        "INSERT INTO answers (response_id, question_key, position, value) \
         SELECT (e ->> 0)::bigint, e ->> 1, (e ->> 2)::bigint, e ->> 3 \
         FROM jsonb_array_elements($1::jsonb) AS e",
    ))
    .bind(json_rows(rows)?)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Which responses of a project to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseFilter {
    pub questionnaire: Option<String>,
    pub audience: Option<Audience>,
    pub wave: Option<String>,
    pub from: Option<time::Date>,
    pub until: Option<time::Date>,
}

/// A response as listed for researchers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseRow {
    pub id: i64,
    pub submitted_on: String,
    pub questionnaire: String,
    pub version_id: i64,
    pub audience: Audience,
    pub wave: String,
    pub group: Option<String>,
}

impl Db {
    /// A project's responses, newest first, at most `limit`.
    pub async fn project_responses(
        &self,
        project_id: ProjectId,
        filter: &ResponseFilter,
        limit: i64,
    ) -> Result<Vec<ResponseRow>> {
        self.response_rows(project_id, filter, None, limit).await
    }

    async fn response_rows(
        &self,
        project_id: ProjectId,
        filter: &ResponseFilter,
        id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<ResponseRow>> {
        let rows = sqlx::query(
            "SELECT r.id, r.submitted_on, q.key, r.version_id, r.audience, w.name, r.group_label \
             FROM responses r \
             JOIN questionnaire_versions v ON v.id = r.version_id \
             JOIN questionnaires q ON q.id = v.questionnaire_id \
             JOIN waves w ON w.id = r.wave_id \
             WHERE q.project_id = $1 \
             AND ($2 = '' OR q.key = $2) AND ($3 = '' OR r.audience = $3) AND ($4 = '' OR w.key = $4) \
             AND ($5 = '' OR r.submitted_on >= $5) AND ($6 = '' OR r.submitted_on <= $6) \
             AND ($7 = 0 OR r.id = $7) \
             ORDER BY r.id DESC LIMIT $8",
        )
        .bind(project_id.0)
        .bind(filter.questionnaire.clone().unwrap_or_default())
        .bind(filter.audience.map(|a| a.as_str()).unwrap_or_default())
        .bind(filter.wave.clone().unwrap_or_default())
        .bind(filter.from.map(day).unwrap_or_default())
        .bind(filter.until.map(day).unwrap_or_default())
        .bind(id.unwrap_or(0))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let audience: String = row.try_get(4)?;
                Ok(ResponseRow {
                    id: row.try_get(0)?,
                    submitted_on: row.try_get(1)?,
                    questionnaire: row.try_get(2)?,
                    version_id: row.try_get(3)?,
                    audience: audience
                        .parse()
                        .map_err(|e| StorageError::Corrupt(format!("{e}")))?,
                    wave: row.try_get(5)?,
                    group: row.try_get(6)?,
                })
            })
            .collect()
    }

    /// One response of a project with its answers (values per question key, in order).
    pub async fn project_response(
        &self,
        project_id: ProjectId,
        response_id: i64,
    ) -> Result<Option<(ResponseRow, BTreeMap<String, Vec<String>>)>> {
        let row = self
            .response_rows(project_id, &ResponseFilter::default(), Some(response_id), 1)
            .await?
            .into_iter()
            .next();
        let Some(row) = row else { return Ok(None) };
        let answers = sqlx::query("SELECT question_key, value FROM answers WHERE response_id = $1 ORDER BY question_key, position")
            .bind(response_id)
            .fetch_all(&self.pool)
            .await?;
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for a in answers {
            map.entry(a.try_get(0)?).or_default().push(a.try_get(1)?);
        }
        Ok(Some((row, map)))
    }

    /// Deletes a response of the project, and takes it out of the tallies.
    pub async fn delete_response(&self, project_id: ProjectId, response_id: i64) -> Result<bool> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let head = sqlx::query(
            "SELECT r.version_id, r.wave_id, r.audience, r.language FROM responses r \
             JOIN questionnaire_versions v ON v.id = r.version_id \
             JOIN questionnaires q ON q.id = v.questionnaire_id WHERE r.id = $1 AND q.project_id = $2",
        )
        .bind(response_id)
        .bind(project_id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(head) = head else {
            return Ok(false);
        };
        let audience: String = head.try_get(2)?;
        let language: String = head.try_get(3)?;
        let given = stored_answers(&mut tx, response_id).await?;
        let mut versions = Versions::default();
        let (questionnaire_id, questionnaire) = versions.get(&mut tx, head.try_get(0)?).await?;
        let mut deltas = Deltas::default();
        deltas.add(
            Head {
                questionnaire_id: *questionnaire_id,
                wave_id: head.try_get(1)?,
                audience: &audience,
                language: &language,
            },
            questionnaire,
            &given,
            -1,
        );
        deltas.apply(self.backend, &mut tx).await?;
        Coded::Responses(&[response_id])
            .count(self.backend, &mut tx, -1)
            .await?;
        sqlx::query("DELETE FROM responses WHERE id = $1")
            .bind(response_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }
}

impl Db {
    /// The personal-data flags of a response of a project, by question key.
    pub async fn answer_flags(
        &self,
        project_id: ProjectId,
        response_id: i64,
    ) -> Result<BTreeMap<String, StoredFlag>> {
        let rows = sqlx::query(
            "SELECT f.question_key, f.kinds, f.reviewed_at FROM answer_flags f \
             JOIN responses r ON r.id = f.response_id \
             JOIN questionnaire_versions v ON v.id = r.version_id \
             JOIN questionnaires q ON q.id = v.questionnaire_id \
             WHERE f.response_id = $1 AND q.project_id = $2",
        )
        .bind(response_id)
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let kinds: String = row.try_get(1)?;
                Ok((
                    row.try_get(0)?,
                    StoredFlag {
                        kinds: kinds.split(',').filter_map(PersonalData::parse).collect(),
                        reviewed: row.try_get::<Option<String>, _>(2)?.is_some(),
                    },
                ))
            })
            .collect()
    }

    /// Marks a flag as looked at, optionally replacing the answer with a redacted text (the
    /// original is overwritten, not kept). False when there is no such flag in the project.
    pub async fn resolve_flag(
        &self,
        project_id: ProjectId,
        response_id: i64,
        question_key: &str,
        redacted: Option<&str>,
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE answer_flags SET reviewed_at = $1 WHERE response_id = $2 AND question_key = $3 \
             AND response_id IN (SELECT r.id FROM responses r JOIN questionnaire_versions v ON v.id = r.version_id \
             JOIN questionnaires q ON q.id = v.questionnaire_id WHERE q.project_id = $4)",
        )
        .bind(super::now())
        .bind(response_id)
        .bind(question_key)
        .bind(project_id.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        if let Some(text) = redacted {
            sqlx::query(
                "UPDATE answers SET value = $1 WHERE response_id = $2 AND question_key = $3",
            )
            .bind(text)
            .bind(response_id)
            .bind(question_key)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
