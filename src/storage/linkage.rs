//! Linkage codes: kept sealed with their response, read back per questionnaire and
//! audience for matching rounds, with the closed answers of the responses that matched.

use super::{Db, ProjectId, Result, StorageError};
use crate::domain::Audience;
use crate::domain::linkage::{CodeAnswer, PartValue};
use sqlx::{Any, Row, Transaction};
use std::collections::BTreeMap;

/// A response's code as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredCode {
    /// The respondent chose "liever niet".
    Declined,
    /// Part key → sealed answer.
    Parts(BTreeMap<String, String>),
}

/// One response of a questionnaire with its round, language and code (none: its version
/// did not ask for one, or the code was left empty where it was optional).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedResponse {
    pub response: i64,
    pub wave: String,
    pub language: String,
    pub code: Option<StoredCode>,
}

/// Stores a response's code. Only sealed parts are ever written: a typed answer reaching
/// this point is a bug, and the whole response is refused rather than store it.
pub(super) async fn store_code(
    tx: &mut Transaction<'static, Any>,
    response_id: i64,
    code: &CodeAnswer,
) -> Result<()> {
    let (declined, parts) = match code {
        CodeAnswer::Declined => (1_i64, BTreeMap::new()),
        CodeAnswer::Parts(parts) => {
            let mut sealed = BTreeMap::new();
            for (part, value) in parts {
                let PartValue::Sealed(hash) = value else {
                    return Err(StorageError::Conflict(
                        "a linkage code reached storage unsealed".into(),
                    ));
                };
                sealed.insert(part.as_str(), hash.as_str());
            }
            (0, sealed)
        }
    };
    let parts = serde_json::to_string(&parts).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    sqlx::query("INSERT INTO linkage_codes (response_id, declined, parts) VALUES ($1, $2, $3)")
        .bind(response_id)
        .bind(declined)
        .bind(parts)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl Db {
    /// Every response of a project's questionnaire by an audience, with its code.
    pub async fn coded_responses(
        &self,
        project_id: ProjectId,
        questionnaire: &str,
        audience: Audience,
    ) -> Result<Vec<CodedResponse>> {
        let rows = sqlx::query(
            "SELECT r.id, w.key, r.language, c.declined, c.parts \
             FROM responses r \
             JOIN questionnaire_versions v ON v.id = r.version_id \
             JOIN questionnaires q ON q.id = v.questionnaire_id \
             JOIN waves w ON w.id = r.wave_id \
             LEFT JOIN linkage_codes c ON c.response_id = r.id \
             WHERE q.project_id = $1 AND q.key = $2 AND r.audience = $3 \
             ORDER BY r.id",
        )
        .bind(project_id.0)
        .bind(questionnaire)
        .bind(audience.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let declined: Option<i64> = row.try_get(3)?;
                let code = match declined {
                    None => None,
                    Some(1) => Some(StoredCode::Declined),
                    Some(_) => {
                        let parts: String = row.try_get(4)?;
                        Some(StoredCode::Parts(serde_json::from_str(&parts).map_err(
                            |e| StorageError::Corrupt(format!("linkage code: {e}")),
                        )?))
                    }
                };
                Ok(CodedResponse {
                    response: row.try_get(0)?,
                    wave: row.try_get(1)?,
                    language: row.try_get(2)?,
                    code,
                })
            })
            .collect()
    }

    /// The answers to `questions` of a project's responses among `responses`: response →
    /// question key → values in order.
    pub async fn answers_of(
        &self,
        project_id: ProjectId,
        responses: &[i64],
        questions: &[String],
    ) -> Result<BTreeMap<i64, BTreeMap<String, Vec<String>>>> {
        let mut out: BTreeMap<i64, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        // In slices, so the list of ids stays a modest parameter.
        for ids in responses.chunks(5_000) {
            let ids =
                serde_json::to_string(ids).map_err(|e| StorageError::Corrupt(e.to_string()))?;
            let keys = serde_json::to_string(questions)
                .map_err(|e| StorageError::Corrupt(e.to_string()))?;
            let rows = sqlx::query(self.backend.pick(
                "SELECT a.response_id, a.question_key, a.value FROM answers a \
                 JOIN responses r ON r.id = a.response_id \
                 JOIN links l ON l.id = r.link_id \
                 JOIN questionnaires q ON q.id = l.questionnaire_id \
                 WHERE q.project_id = $1 \
                 AND a.response_id IN (SELECT value FROM json_each($2)) \
                 AND a.question_key IN (SELECT value FROM json_each($3)) \
                 ORDER BY a.response_id, a.question_key, a.position",
                "SELECT a.response_id, a.question_key, a.value FROM answers a \
                 JOIN responses r ON r.id = a.response_id \
                 JOIN links l ON l.id = r.link_id \
                 JOIN questionnaires q ON q.id = l.questionnaire_id \
                 WHERE q.project_id = $1 \
                 AND a.response_id IN (SELECT (e #>> '{}')::bigint FROM jsonb_array_elements($2::jsonb) e) \
                 AND a.question_key IN (SELECT e #>> '{}' FROM jsonb_array_elements($3::jsonb) e) \
                 ORDER BY a.response_id, a.question_key, a.position",
            ))
            .bind(project_id.0)
            .bind(ids)
            .bind(keys)
            .fetch_all(&self.pool)
            .await?;
            for row in rows {
                out.entry(row.try_get(0)?)
                    .or_default()
                    .entry(row.try_get(1)?)
                    .or_default()
                    .push(row.try_get(2)?);
            }
        }
        Ok(out)
    }

    /// Stores the codes of responses stored without them (synthetic material), in one
    /// transaction.
    pub async fn insert_codes(&self, codes: &[(i64, CodeAnswer)]) -> Result<()> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        for (response, code) in codes {
            store_code(&mut tx, *response, code).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// How many parts of a code may differ between two rounds of the project.
    pub async fn linkage_tolerance(&self, project_id: ProjectId) -> Result<u8> {
        let n: i64 = sqlx::query_scalar("SELECT linkage_tolerance FROM projects WHERE id = $1")
            .bind(project_id.0)
            .fetch_one(&self.pool)
            .await?;
        u8::try_from(n).map_err(|e| StorageError::Corrupt(e.to_string()))
    }

    /// Sets how many parts may differ (0 to 3; the database refuses more).
    pub async fn set_linkage_tolerance(&self, project_id: ProjectId, tolerance: u8) -> Result<()> {
        let _turn = self.write_turn().await;
        sqlx::query("UPDATE projects SET linkage_tolerance = $1 WHERE id = $2")
            .bind(i64::from(tolerance))
            .bind(project_id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
