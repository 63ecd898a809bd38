//! The codebook of a project and the codes applied to pieces of text.

use super::code_tallies::{Coded, CodedResponse, applications_of, lock_response};
use super::{Db, ProjectId, Result, StorageError, now};
use sqlx::Row;

/// A code as listed, with how often it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub parent_id: Option<i64>,
    pub theme: Option<String>,
    /// How often it is applied; counted only for the codebook page ([`Db::codes_in_use`]).
    pub applications: Option<i64>,
}

/// A code applied to (part of) an open answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    pub code_id: i64,
    pub code: String,
    /// Byte offsets of the fragment, or none for the whole text.
    pub span: Option<(usize, usize)>,
}

impl Db {
    /// The codebook: top-level codes in name order, each followed by its children.
    pub async fn codes(&self, project_id: ProjectId) -> Result<Vec<Code>> {
        self.codebook(project_id, false).await
    }

    /// The codebook with how often each code is applied: a count over every application,
    /// which at a million responses takes a while — for the codebook page only.
    pub async fn codes_in_use(&self, project_id: ProjectId) -> Result<Vec<Code>> {
        self.codebook(project_id, true).await
    }

    async fn codebook(&self, project_id: ProjectId, counted: bool) -> Result<Vec<Code>> {
        let rows = sqlx::query(if counted {
            "SELECT c.id, c.name, c.description, c.parent_id, c.theme_key, \
             (SELECT COUNT(*) FROM code_applications a WHERE a.code_id = c.id) \
             FROM codes c WHERE c.project_id = $1 ORDER BY c.name"
        } else {
            "SELECT c.id, c.name, c.description, c.parent_id, c.theme_key, CAST(NULL AS BIGINT) \
             FROM codes c WHERE c.project_id = $1 ORDER BY c.name"
        })
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        let all: Vec<Code> = rows
            .iter()
            .map(|r| {
                Ok(Code {
                    id: r.try_get(0)?,
                    name: r.try_get(1)?,
                    description: r.try_get(2)?,
                    parent_id: r.try_get(3)?,
                    theme: r.try_get(4)?,
                    applications: r.try_get(5)?,
                })
            })
            .collect::<Result<_>>()?;
        let mut ordered = Vec::with_capacity(all.len());
        for top in all.iter().filter(|c| c.parent_id.is_none()) {
            ordered.push(top.clone());
            ordered.extend(all.iter().filter(|c| c.parent_id == Some(top.id)).cloned());
        }
        Ok(ordered)
    }

    /// Creates a code; a conflict when the name is taken in this project.
    pub async fn create_code(
        &self,
        project_id: ProjectId,
        name: &str,
        description: &str,
        parent_id: Option<i64>,
        theme: Option<&str>,
    ) -> Result<i64> {
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO codes (project_id, name, description, parent_id, theme_key, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (project_id, name) DO NOTHING RETURNING id",
        )
        .bind(project_id.0)
        .bind(name)
        .bind(description)
        .bind(parent_id)
        .bind(theme)
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        id.ok_or_else(|| StorageError::Conflict(format!("code `{name}` exists already")))
    }

    /// Renames and re-describes a code of a project.
    pub async fn update_code(
        &self,
        project_id: ProjectId,
        code_id: i64,
        name: &str,
        description: &str,
    ) -> Result<bool> {
        let clash: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM codes WHERE project_id = $1 AND name = $2 AND id <> $3",
        )
        .bind(project_id.0)
        .bind(name)
        .bind(code_id)
        .fetch_one(&self.pool)
        .await?;
        if clash > 0 {
            return Err(StorageError::Conflict(format!(
                "code `{name}` exists already"
            )));
        }
        let done = sqlx::query(
            "UPDATE codes SET name = $1, description = $2 WHERE id = $3 AND project_id = $4",
        )
        .bind(name)
        .bind(description)
        .bind(code_id)
        .bind(project_id.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Merges code `from` into code `into`: every application and child moves, then `from`
    /// is deleted. Children that would end up three levels deep go to `into`'s parent.
    pub async fn merge_codes(&self, project_id: ProjectId, from: i64, into: i64) -> Result<bool> {
        if from == into {
            return Ok(false);
        }
        let mut tx = self.pool.begin().await?;
        let both: Vec<(i64, Option<i64>)> =
            sqlx::query("SELECT id, parent_id FROM codes WHERE project_id = $1 AND id IN ($2, $3)")
                .bind(project_id.0)
                .bind(from)
                .bind(into)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                .collect::<Result<_>>()?;
        let Some(&(_, into_parent)) = both.iter().find(|(id, _)| *id == into) else {
            return Ok(false);
        };
        if both.len() != 2 {
            return Ok(false);
        }
        // Both codes are counted again: a response with both counts once afterwards.
        sqlx::query("DELETE FROM code_tallies WHERE code_id IN ($1, $2)")
            .bind(into)
            .bind(from)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE code_applications SET code_id = $1 WHERE code_id = $2")
            .bind(into)
            .bind(from)
            .execute(&mut *tx)
            .await?;
        Coded::Code(into).count(self.backend, &mut tx, 1).await?;
        // Actions that answer the merged code answer the one it went into, and their
        // indicators measure it.
        sqlx::query(
            "INSERT INTO action_codes (action_id, code_id) SELECT action_id, $1 FROM action_codes \
             WHERE code_id = $2 AND action_id NOT IN (SELECT action_id FROM action_codes WHERE code_id = $1)",
        )
        .bind(into)
        .bind(from)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE action_indicators SET code_id = $1 WHERE code_id = $2")
            .bind(into)
            .bind(from)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE codes SET parent_id = $1 WHERE parent_id = $2")
            .bind(into_parent.unwrap_or(into))
            .bind(from)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM codes WHERE id = $1")
            .bind(from)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Deletes a code of a project with its children and all their applications.
    pub async fn delete_code(&self, project_id: ProjectId, code_id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM codes WHERE id = $1 AND project_id = $2")
            .bind(code_id)
            .bind(project_id.0)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Applies a code of the project to an answer (or a fragment of it).
    pub async fn apply_code_to_answer(
        &self,
        project_id: ProjectId,
        code_id: i64,
        response_id: i64,
        question_key: &str,
        span: Option<(usize, usize)>,
        user_id: i64,
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        lock_response(self.backend, &mut tx, CodedResponse::Id(response_id)).await?;
        let before = applications_of(&mut tx, code_id, response_id).await?;
        let done = sqlx::query(
            "INSERT INTO code_applications (code_id, target_kind, response_id, target_part, start_offset, end_offset, user_id, created_at) \
             SELECT c.id, 'answer', r.id, a.question_key, $3, $4, $5, $6 FROM codes c, responses r \
             JOIN questionnaire_versions v ON v.id = r.version_id JOIN questionnaires q ON q.id = v.questionnaire_id \
             JOIN answers a ON a.response_id = r.id AND a.question_key = $2 AND a.position = 0 \
             WHERE c.id = $7 AND c.project_id = $8 AND r.id = $1 AND q.project_id = $8",
        )
        .bind(response_id)
        .bind(question_key)
        .bind(span.map(|s| s.0 as i64))
        .bind(span.map(|s| s.1 as i64))
        .bind(user_id)
        .bind(now())
        .bind(code_id)
        .bind(project_id.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        if before == 0 {
            Coded::CodeOf(code_id, response_id)
                .count(self.backend, &mut tx, 1)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The codes applied to the answers of a response, by question key.
    pub async fn answer_codes(
        &self,
        project_id: ProjectId,
        response_id: i64,
    ) -> Result<Vec<(String, Application)>> {
        let rows = sqlx::query(
            "SELECT a.target_part, a.id, c.id, c.name, a.start_offset, a.end_offset FROM code_applications a \
             JOIN codes c ON c.id = a.code_id \
             WHERE a.response_id = $1 AND c.project_id = $2 ORDER BY a.id",
        )
        .bind(response_id)
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let start: Option<i64> = r.try_get(4)?;
                let end: Option<i64> = r.try_get(5)?;
                Ok((
                    r.try_get(0)?,
                    Application {
                        id: r.try_get(1)?,
                        code_id: r.try_get(2)?,
                        code: r.try_get(3)?,
                        span: start.zip(end).map(|(s, e)| (s as usize, e as usize)),
                    },
                ))
            })
            .collect()
    }

    /// Removes one application of a code of the project.
    pub async fn remove_application(
        &self,
        project_id: ProjectId,
        application_id: i64,
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        lock_response(
            self.backend,
            &mut tx,
            CodedResponse::OfApplication(application_id),
        )
        .await?;
        let answer = sqlx::query(
            "SELECT code_id, response_id FROM code_applications WHERE id = $1 AND response_id IS NOT NULL \
             AND code_id IN (SELECT id FROM codes WHERE project_id = $2)",
        )
        .bind(application_id)
        .bind(project_id.0)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = answer {
            let (code_id, response_id): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
            // The last application of the code on this response: it no longer counts.
            if applications_of(&mut tx, code_id, response_id).await? == 1 {
                Coded::CodeOf(code_id, response_id)
                    .count(self.backend, &mut tx, -1)
                    .await?;
            }
        }
        let done = sqlx::query(
            "DELETE FROM code_applications WHERE id = $1 AND code_id IN (SELECT id FROM codes WHERE project_id = $2)",
        )
        .bind(application_id)
        .bind(project_id.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }
}

impl Db {
    /// Applies a code of the project to a whole insight of the same project.
    pub async fn apply_code_to_insight(
        &self,
        project_id: ProjectId,
        code_id: i64,
        insight_id: i64,
        user_id: i64,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO code_applications (code_id, target_kind, insight_id, target_part, user_id, created_at) \
             SELECT c.id, 'insight', i.id, '', $1, $2 FROM codes c, insights i JOIN meetings m ON m.id = i.meeting_id \
             WHERE c.id = $3 AND c.project_id = $4 AND i.id = $5 AND m.project_id = $4",
        )
        .bind(user_id)
        .bind(now())
        .bind(code_id)
        .bind(project_id.0)
        .bind(insight_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The codes on the insights of a meeting of the project: (insight id, application).
    pub async fn insight_codes(
        &self,
        project_id: ProjectId,
        meeting_id: i64,
    ) -> Result<Vec<(i64, Application)>> {
        let rows = sqlx::query(
            "SELECT i.id, a.id, c.id, c.name FROM code_applications a \
             JOIN codes c ON c.id = a.code_id \
             JOIN insights i ON i.id = a.insight_id \
             WHERE i.meeting_id = $1 AND c.project_id = $2 ORDER BY a.id",
        )
        .bind(meeting_id)
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get(0)?,
                    Application {
                        id: r.try_get(1)?,
                        code_id: r.try_get(2)?,
                        code: r.try_get(3)?,
                        span: None,
                    },
                ))
            })
            .collect()
    }
}

/// The next open answer without a code in the coding queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    pub response_id: i64,
    pub text: String,
    /// How many uncoded answers to this question remain, this one included.
    pub remaining: i64,
}

impl Db {
    /// The first answer to question `question_key` of questionnaire `questionnaire` after
    /// response `after` that has no code yet.
    pub async fn next_uncoded(
        &self,
        project_id: ProjectId,
        questionnaire: &str,
        question_key: &str,
        after: i64,
    ) -> Result<Option<QueueItem>> {
        const UNCODED: &str = "FROM answers a JOIN responses r ON r.id = a.response_id \
             JOIN questionnaire_versions v ON v.id = r.version_id JOIN questionnaires q ON q.id = v.questionnaire_id \
             WHERE q.project_id = $1 AND q.key = $2 AND a.question_key = $3 AND a.position = 0 \
             AND NOT EXISTS (SELECT 1 FROM code_applications ca WHERE ca.response_id = a.response_id \
                 AND ca.target_part = a.question_key)";
        let remaining: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {UNCODED}")))
                .bind(project_id.0)
                .bind(questionnaire)
                .bind(question_key)
                .fetch_one(&self.pool)
                .await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT a.response_id, a.value {UNCODED} AND a.response_id > $4 ORDER BY a.response_id LIMIT 1"
        )))
        .bind(project_id.0)
        .bind(questionnaire)
        .bind(question_key)
        .bind(after)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(QueueItem {
                response_id: r.try_get(0)?,
                text: r.try_get(1)?,
                remaining,
            })
        })
        .transpose()
    }
}
