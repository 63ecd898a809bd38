//! The plan van aanpak: actions, what they answer (codes, insights), the indicators they
//! should move and their log. Every read and change names the project, so an item of
//! another project is never reached by its id.

use super::{Db, ProjectId, Result, StorageError, day, now, parse_day};
use crate::domain::action::{ActionDraft, ActionStatus, Indicator, LogDraft, Measure};
use crate::domain::meeting::InsightKind;
use sqlx::Row;
use sqlx::any::AnyRow;

/// An action as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub id: i64,
    pub theme: String,
    pub title: String,
    pub description: String,
    pub taken_on_by: String,
    pub starts_on: time::Date,
    pub status: ActionStatus,
}

/// An insight an action answers, with its meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedInsight {
    pub id: i64,
    pub theme: String,
    pub meeting_id: i64,
    pub held_on: time::Date,
    pub kind: InsightKind,
    pub statement: String,
}

/// A log entry of an action.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub id: i64,
    pub noted_on: time::Date,
    pub text: String,
    pub number: Option<f64>,
}

/// An action with everything tied to it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionDetail {
    pub action: Action,
    /// (code id, name)
    pub codes: Vec<(i64, String)>,
    pub insights: Vec<LinkedInsight>,
    pub indicators: Vec<Indicator>,
    pub log: Vec<LogEntry>,
}

const ACTION_COLUMNS: &str =
    "a.id, a.theme_key, a.title, a.description, a.taken_on_by, a.starts_on, a.status";

fn action_row(row: &AnyRow) -> Result<Action> {
    let status: String = row.try_get(6)?;
    Ok(Action {
        id: row.try_get(0)?,
        theme: row.try_get(1)?,
        title: row.try_get(2)?,
        description: row.try_get(3)?,
        taken_on_by: row.try_get(4)?,
        starts_on: parse_day(&row.try_get::<String, _>(5)?)?,
        status: ActionStatus::parse(&status)
            .ok_or_else(|| StorageError::Corrupt(format!("action status `{status}`")))?,
    })
}

fn indicator_row(row: &AnyRow) -> Result<(i64, Indicator)> {
    let audience: String = row.try_get(2)?;
    let questionnaire: Option<String> = row.try_get(3)?;
    let question: Option<String> = row.try_get(4)?;
    let code: Option<i64> = row.try_get(5)?;
    let measure = match (questionnaire, question, code) {
        (Some(questionnaire), Some(question), None) => Measure::Question {
            questionnaire,
            question,
        },
        (None, None, Some(code)) => Measure::Code(code),
        _ => {
            return Err(StorageError::Corrupt(
                "indicator without one measure".into(),
            ));
        }
    };
    Ok((
        row.try_get(1)?,
        Indicator {
            id: row.try_get(0)?,
            audience: audience
                .parse()
                .map_err(|e| StorageError::Corrupt(format!("{e}")))?,
            measure,
        },
    ))
}

impl Db {
    /// Records an action of the project; with `insight` (of the project) linked to it. None
    /// when that insight is not the project's.
    pub async fn create_action(
        &self,
        project_id: ProjectId,
        draft: &ActionDraft,
        insight: Option<i64>,
    ) -> Result<Option<i64>> {
        let mut tx = self.pool.begin().await?;
        if let Some(insight) = insight {
            let ours: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM insights i JOIN meetings m ON m.id = i.meeting_id \
                 WHERE i.id = $1 AND m.project_id = $2",
            )
            .bind(insight)
            .bind(project_id.0)
            .fetch_one(&mut *tx)
            .await?;
            if ours == 0 {
                return Ok(None);
            }
        }
        let at = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO actions (project_id, theme_key, title, description, taken_on_by, starts_on, \
             status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(project_id.0)
        .bind(&draft.theme)
        .bind(draft.title.trim())
        .bind(draft.description.trim())
        .bind(draft.taken_on_by.trim())
        .bind(day(draft.starts_on))
        .bind(draft.status.as_str())
        .bind(&at)
        .fetch_one(&mut *tx)
        .await?;
        if let Some(insight) = insight {
            sqlx::query("INSERT INTO action_insights (action_id, insight_id) VALUES ($1, $2)")
                .bind(id)
                .bind(insight)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Some(id))
    }

    /// Changes an action of the project; false when it is not the project's.
    pub async fn update_action(
        &self,
        project_id: ProjectId,
        id: i64,
        draft: &ActionDraft,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE actions SET theme_key = $1, title = $2, description = $3, taken_on_by = $4, \
             starts_on = $5, status = $6, updated_at = $7 WHERE id = $8 AND project_id = $9",
        )
        .bind(&draft.theme)
        .bind(draft.title.trim())
        .bind(draft.description.trim())
        .bind(draft.taken_on_by.trim())
        .bind(day(draft.starts_on))
        .bind(draft.status.as_str())
        .bind(now())
        .bind(id)
        .bind(project_id.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Deletes an action of the project with its links, indicators and log.
    pub async fn delete_action(&self, project_id: ProjectId, id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM actions WHERE id = $1 AND project_id = $2")
            .bind(id)
            .bind(project_id.0)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The project's actions (of one theme, when given), by theme, start and id.
    pub async fn actions(&self, project_id: ProjectId, theme: Option<&str>) -> Result<Vec<Action>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM actions a WHERE a.project_id = $1 \
             AND ($2 = '' OR a.theme_key = $2) ORDER BY a.theme_key, a.starts_on, a.id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(project_id.0)
            .bind(theme.unwrap_or(""))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(action_row)
            .collect()
    }

    /// The indicators of the project's actions, as (action id, indicator), in the order
    /// they were added.
    pub async fn action_indicators(&self, project_id: ProjectId) -> Result<Vec<(i64, Indicator)>> {
        sqlx::query(
            "SELECT i.id, i.action_id, i.audience, i.questionnaire_key, i.question_key, i.code_id \
             FROM action_indicators i JOIN actions a ON a.id = i.action_id \
             WHERE a.project_id = $1 ORDER BY i.id",
        )
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(indicator_row)
        .collect()
    }

    /// One action of the project with its codes, insights, indicators and log.
    pub async fn action(&self, project_id: ProjectId, id: i64) -> Result<Option<ActionDetail>> {
        let sql =
            format!("SELECT {ACTION_COLUMNS} FROM actions a WHERE a.id = $1 AND a.project_id = $2");
        let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(project_id.0)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let action = action_row(&row)?;
        let codes = sqlx::query(
            "SELECT c.id, c.name FROM action_codes ac JOIN codes c ON c.id = ac.code_id \
             WHERE ac.action_id = $1 ORDER BY c.name",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect::<Result<_>>()?;
        let insights = self.linked_insights(project_id, Some(id), None).await?;
        let indicators = sqlx::query(
            "SELECT id, action_id, audience, questionnaire_key, question_key, code_id \
             FROM action_indicators WHERE action_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| indicator_row(r).map(|(_, i)| i))
        .collect::<Result<_>>()?;
        let log = sqlx::query(
            "SELECT id, noted_on, text, number FROM action_log WHERE action_id = $1 \
             ORDER BY noted_on, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(LogEntry {
                id: r.try_get(0)?,
                noted_on: parse_day(&r.try_get::<String, _>(1)?)?,
                text: r.try_get(2)?,
                number: r.try_get(3)?,
            })
        })
        .collect::<Result<_>>()?;
        Ok(Some(ActionDetail {
            action,
            codes,
            insights,
            indicators,
            log,
        }))
    }

    /// Insights of the project: those linked to `action`, or those of `theme` (to link),
    /// newest meeting first.
    pub async fn linked_insights(
        &self,
        project_id: ProjectId,
        action: Option<i64>,
        theme: Option<&str>,
    ) -> Result<Vec<LinkedInsight>> {
        sqlx::query(
            "SELECT i.id, m.id, m.held_on, i.kind, i.statement, i.theme_key FROM insights i \
             JOIN meetings m ON m.id = i.meeting_id WHERE m.project_id = $1 \
             AND ($2 = 0 OR i.id IN (SELECT insight_id FROM action_insights WHERE action_id = $2)) \
             AND ($3 = '' OR i.theme_key = $3) \
             ORDER BY m.held_on DESC, i.priority DESC, i.id",
        )
        .bind(project_id.0)
        .bind(action.unwrap_or(0))
        .bind(theme.unwrap_or(""))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let kind: String = r.try_get(3)?;
            Ok(LinkedInsight {
                id: r.try_get(0)?,
                theme: r.try_get(5)?,
                meeting_id: r.try_get(1)?,
                held_on: parse_day(&r.try_get::<String, _>(2)?)?,
                kind: InsightKind::parse(&kind)
                    .ok_or_else(|| StorageError::Corrupt(format!("kind `{kind}`")))?,
                statement: r.try_get(4)?,
            })
        })
        .collect()
    }

    /// Whether the action is the project's.
    async fn action_is_ours(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        project_id: ProjectId,
        action: i64,
    ) -> Result<bool> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM actions WHERE id = $1 AND project_id = $2")
                .bind(action)
                .bind(project_id.0)
                .fetch_one(&mut **tx)
                .await?;
        Ok(n > 0)
    }

    /// Links a code or an insight (both of the project) to an action of the project; false
    /// when any of them is not the project's. Linking twice is linking once.
    pub async fn link_to_action(
        &self,
        project_id: ProjectId,
        action: i64,
        target: ActionLink,
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        if !self.action_is_ours(&mut tx, project_id, action).await? {
            return Ok(false);
        }
        let (check, insert) = match target {
            ActionLink::Code(_) => (
                "SELECT COUNT(*) FROM codes WHERE id = $1 AND project_id = $2",
                "INSERT INTO action_codes (action_id, code_id) SELECT $1, $2 WHERE NOT EXISTS \
                 (SELECT 1 FROM action_codes WHERE action_id = $1 AND code_id = $2)",
            ),
            ActionLink::Insight(_) => (
                "SELECT COUNT(*) FROM insights i JOIN meetings m ON m.id = i.meeting_id \
                 WHERE i.id = $1 AND m.project_id = $2",
                "INSERT INTO action_insights (action_id, insight_id) SELECT $1, $2 WHERE NOT EXISTS \
                 (SELECT 1 FROM action_insights WHERE action_id = $1 AND insight_id = $2)",
            ),
        };
        let ours: i64 = sqlx::query_scalar(check)
            .bind(target.id())
            .bind(project_id.0)
            .fetch_one(&mut *tx)
            .await?;
        if ours == 0 {
            return Ok(false);
        }
        sqlx::query(insert)
            .bind(action)
            .bind(target.id())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Removes a link of an action of the project; false when there was none.
    pub async fn unlink_from_action(
        &self,
        project_id: ProjectId,
        action: i64,
        target: ActionLink,
    ) -> Result<bool> {
        let sql = match target {
            ActionLink::Code(_) => "DELETE FROM action_codes WHERE action_id = $1 AND code_id = $2",
            ActionLink::Insight(_) => {
                "DELETE FROM action_insights WHERE action_id = $1 AND insight_id = $2"
            }
        };
        let sql = format!("{sql} AND $1 IN (SELECT id FROM actions WHERE project_id = $3)");
        let done = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(action)
            .bind(target.id())
            .bind(project_id.0)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Adds an indicator to an action of the project; a code must be the project's (a
    /// question is checked against the questionnaires by the caller). False when not.
    pub async fn add_indicator(
        &self,
        project_id: ProjectId,
        action: i64,
        audience: crate::domain::Audience,
        measure: &Measure,
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        if !self.action_is_ours(&mut tx, project_id, action).await? {
            return Ok(false);
        }
        let (questionnaire, question, code) = match measure {
            Measure::Question {
                questionnaire,
                question,
            } => (Some(questionnaire.as_str()), Some(question.as_str()), None),
            Measure::Code(code) => {
                let ours: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM codes WHERE id = $1 AND project_id = $2",
                )
                .bind(*code)
                .bind(project_id.0)
                .fetch_one(&mut *tx)
                .await?;
                if ours == 0 {
                    return Ok(false);
                }
                (None, None, Some(*code))
            }
        };
        // The same measure among the same audience once.
        let exists: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM action_indicators WHERE action_id = $1 AND audience = $2 \
             AND COALESCE(questionnaire_key, '') = $3 AND COALESCE(question_key, '') = $4 \
             AND COALESCE(code_id, 0) = $5",
        )
        .bind(action)
        .bind(audience.as_str())
        .bind(questionnaire.unwrap_or(""))
        .bind(question.unwrap_or(""))
        .bind(code.unwrap_or(0))
        .fetch_one(&mut *tx)
        .await?;
        if exists == 0 {
            sqlx::query(
                "INSERT INTO action_indicators (action_id, audience, questionnaire_key, question_key, code_id) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(action)
            .bind(audience.as_str())
            .bind(questionnaire)
            .bind(question)
            .bind(code)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Removes an indicator of an action of the project.
    pub async fn remove_indicator(
        &self,
        project_id: ProjectId,
        action: i64,
        indicator: i64,
    ) -> Result<bool> {
        self.delete_of_action("action_indicators", project_id, action, indicator)
            .await
    }

    /// Adds a log entry to an action of the project.
    pub async fn add_log_entry(
        &self,
        project_id: ProjectId,
        action: i64,
        entry: &LogDraft,
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        if !self.action_is_ours(&mut tx, project_id, action).await? {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO action_log (action_id, noted_on, text, number, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(action)
        .bind(day(entry.noted_on))
        .bind(entry.text.trim())
        .bind(entry.number)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Removes a log entry of an action of the project.
    pub async fn remove_log_entry(
        &self,
        project_id: ProjectId,
        action: i64,
        entry: i64,
    ) -> Result<bool> {
        self.delete_of_action("action_log", project_id, action, entry)
            .await
    }

    /// Deletes row `id` of `table` (an indicator or log entry) when it belongs to `action`
    /// of the project.
    async fn delete_of_action(
        &self,
        table: &'static str,
        project_id: ProjectId,
        action: i64,
        id: i64,
    ) -> Result<bool> {
        let sql = format!(
            "DELETE FROM {table} WHERE id = $1 AND action_id = $2 \
             AND action_id IN (SELECT id FROM actions WHERE project_id = $3)"
        );
        let done = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(action)
            .bind(project_id.0)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

/// What an action can be linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionLink {
    Code(i64),
    Insight(i64),
}

impl ActionLink {
    fn id(self) -> i64 {
        match self {
            ActionLink::Code(id) | ActionLink::Insight(id) => id,
        }
    }
}
