//! The running counts of coded responses (migration `20261203000001`): per code, wave,
//! audience and filter answer, how many responses have at least one answer with the code.
//! Every change to the codes of answers keeps them in its own transaction; the comparison
//! reads them instead of counting distinct responses over every application.
//!
//! One statement counts responses in or out: all of them, those with one code, or those in
//! a list. Its filter answers are the answers, at position 0, to the questions that are
//! filters in the answer tallies of the same questionnaire, and the response's language
//! (`domain::tally::LANGUAGE_FILTER`, spelled out in the statement) — the same filters the
//! closed answers are counted within.

use super::{Backend, Db, Result, json_rows};
use sqlx::{Any, Transaction};

/// Which coded responses to count in or out.
#[derive(Debug, Clone, Copy)]
pub(super) enum Coded<'a> {
    /// Every code of every response (a rebuild).
    All,
    /// Every response with this code.
    Code(i64),
    /// These responses, each with every code it has.
    Responses(&'a [i64]),
    /// This response with this one code.
    CodeOf(i64, i64),
}

impl Coded<'_> {
    /// Adds (`sign` 1) or takes away (−1) the responses with their codes as they are now.
    pub(super) async fn count(
        self,
        backend: Backend,
        tx: &mut Transaction<'static, Any>,
        sign: i64,
    ) -> Result<()> {
        macro_rules! count {
            ($responses:literal, $coded:literal) => {
                concat!(
                    "INSERT INTO code_tallies (code_id, filter_key, filter_value, wave_id, audience, responses) \
                     SELECT code_id, filter_key, filter_value, wave_id, audience, $3 * COUNT(*) FROM (\
                       SELECT DISTINCT ca.code_id, ca.response_id, '' AS filter_key, '' AS filter_value, \
                       r.wave_id, r.audience \
                       FROM code_applications ca JOIN responses r ON r.id = ca.response_id \
                       WHERE ca.target_kind = 'answer' AND ($1 = 0 OR ca.code_id = $1) AND ",
                    $responses,
                    " UNION ALL \
                       SELECT DISTINCT ca.code_id, ca.response_id, f.question_key, f.value, \
                       r.wave_id, r.audience \
                       FROM code_applications ca JOIN responses r ON r.id = ca.response_id \
                       JOIN questionnaire_versions v ON v.id = r.version_id \
                       JOIN answers f ON f.response_id = r.id AND f.position = 0 \
                       WHERE ca.target_kind = 'answer' AND ($1 = 0 OR ca.code_id = $1) AND ",
                    $responses,
                    " AND EXISTS (SELECT 1 FROM answer_tallies t WHERE t.questionnaire_id = v.questionnaire_id \
                       AND t.filter_key = f.question_key) \
                       UNION ALL \
                       SELECT DISTINCT ca.code_id, ca.response_id, '@taal', r.language, \
                       r.wave_id, r.audience \
                       FROM code_applications ca JOIN responses r ON r.id = ca.response_id \
                       WHERE ca.target_kind = 'answer' AND ($1 = 0 OR ca.code_id = $1) AND ",
                    $responses,
                    ") AS ",
                    $coded,
                    " WHERE true GROUP BY code_id, filter_key, filter_value, wave_id, audience \
                     ON CONFLICT (code_id, filter_key, filter_value, wave_id, audience) \
                     DO UPDATE SET responses = code_tallies.responses + excluded.responses"
                )
            };
        }
        let sql = backend.pick(
            count!(
                "($2 IS NULL OR ca.response_id IN (SELECT value FROM json_each($2)))",
                "coded"
            ),
            count!(
                "($2::jsonb IS NULL OR ca.response_id IN \
                 (SELECT x::bigint FROM jsonb_array_elements_text($2::jsonb) AS x))",
                "coded"
            ),
        );
        let (code, responses) = match self {
            Coded::All => (0, None),
            Coded::Code(code) => (code, None),
            Coded::Responses(ids) => (0, Some(json_rows(ids)?)),
            Coded::CodeOf(code, response) => (code, Some(json_rows(&[response])?)),
        };
        sqlx::query(sql)
            .bind(code)
            .bind(responses)
            .bind(sign)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

/// Which response a change to codes is about: given, or the one an application codes.
#[derive(Debug, Clone, Copy)]
pub(super) enum CodedResponse {
    Id(i64),
    OfApplication(i64),
}

/// Locks a response for the rest of the transaction, before anything is read: two changes
/// to the codes of one response then take turns, so both cannot see it uncoded and count
/// it twice. PostgreSQL locks the row; SQLite has one writer at a time, so the first
/// statement writes (a read first would pin a snapshot that a later write may not upgrade).
pub(super) async fn lock_response(
    backend: Backend,
    tx: &mut Transaction<'static, Any>,
    response: CodedResponse,
) -> Result<()> {
    let (sql, id) = match response {
        CodedResponse::Id(id) => (
            backend.pick(
                "UPDATE responses SET id = id WHERE id = $1",
                "SELECT id FROM responses WHERE id = $1 FOR UPDATE",
            ),
            id,
        ),
        CodedResponse::OfApplication(id) => (
            backend.pick(
                "UPDATE responses SET id = id WHERE id = \
                 (SELECT response_id FROM code_applications WHERE id = $1)",
                "SELECT id FROM responses WHERE id = \
                 (SELECT response_id FROM code_applications WHERE id = $1) FOR UPDATE",
            ),
            id,
        ),
    };
    sqlx::query(sql).bind(id).execute(&mut **tx).await?;
    Ok(())
}

/// How many applications of a code the answers of a response have.
pub(super) async fn applications_of(
    tx: &mut Transaction<'static, Any>,
    code_id: i64,
    response_id: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM code_applications WHERE response_id = $1 AND code_id = $2",
    )
    .bind(response_id)
    .bind(code_id)
    .fetch_one(&mut **tx)
    .await?)
}

impl Db {
    /// Counts the coded responses when there are codes on answers but no counts (a database
    /// from before they existed).
    pub(super) async fn ensure_code_tallies(&self) -> Result<()> {
        let counted: Option<i64> =
            sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM code_tallies LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        let coded: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(1 AS BIGINT) FROM code_applications WHERE target_kind = 'answer' LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        if counted.is_none() && coded.is_some() {
            self.rebuild_code_tallies().await?;
        }
        Ok(())
    }

    /// Counts every coded response again, from scratch, in one transaction.
    pub async fn rebuild_code_tallies(&self) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM code_tallies")
            .execute(&mut *tx)
            .await?;
        Coded::All.count(self.backend, &mut tx, 1).await?;
        tx.commit().await?;
        Ok(())
    }
}
