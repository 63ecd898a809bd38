//! The running counts of closed answers (migration 0007): added to in the transaction that
//! stores a response, taken from in the one that deletes it, and rebuilt from the answers
//! when they are missing (a database from before they existed).

use super::{Backend, Db, Result, StorageError, json_rows};
use crate::domain::Questionnaire;
use crate::domain::tally::{TallyCell, tally_cells};
use sqlx::{Any, Row, Transaction};
use std::collections::{BTreeMap, HashMap};

/// Where a response is counted: its questionnaire, wave, audience and language.
#[derive(Debug, Clone, Copy)]
pub(super) struct Head<'a> {
    pub questionnaire_id: i64,
    pub wave_id: i64,
    pub audience: &'a str,
    pub language: &'a str,
}

/// Changes to the tallies: per questionnaire, wave, audience and cell, how much to add.
#[derive(Debug, Default)]
pub(super) struct Deltas(BTreeMap<(i64, i64, String, TallyCell), i64>);

impl Deltas {
    /// Counts one response (`sign` 1) or uncounts it (−1).
    pub(super) fn add(
        &mut self,
        head: Head<'_>,
        questionnaire: &Questionnaire,
        answers: &BTreeMap<String, Vec<String>>,
        sign: i64,
    ) {
        let Head {
            questionnaire_id,
            wave_id,
            audience,
            language,
        } = head;
        let cells = tally_cells(questionnaire, language, |k| {
            answers.get(k).map(Vec::as_slice)
        });
        for cell in cells {
            *self
                .0
                .entry((questionnaire_id, wave_id, audience.to_owned(), cell))
                .or_default() += sign;
        }
    }

    /// Writes the changes: every row in one fixed statement (see [`super::json_rows`]),
    /// in key order, so concurrent writers touch shared rows in the same order.
    pub(super) async fn apply(
        &self,
        backend: Backend,
        tx: &mut Transaction<'static, Any>,
    ) -> Result<()> {
        macro_rules! upsert {
            ($select:literal) => {
                concat!(
                    "INSERT INTO answer_tallies (questionnaire_id, wave_id, audience, filter_key, \
                     filter_value, question_key, value, responses) ",
                    $select,
                    " ON CONFLICT (questionnaire_id, filter_key, filter_value, question_key, \
                     wave_id, audience, value) \
                     DO UPDATE SET responses = answer_tallies.responses + excluded.responses"
                )
            };
        }
        let rows: Vec<_> = self
            .0
            .iter()
            .filter(|(_, d)| **d != 0)
            .map(|((questionnaire_id, wave_id, audience, cell), delta)| {
                (
                    questionnaire_id,
                    wave_id,
                    audience,
                    &cell.filter_key,
                    &cell.filter_value,
                    &cell.question,
                    &cell.value,
                    delta,
                )
            })
            .collect();
        let sql = backend.pick(
            upsert!(
                "SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, \
                 value ->> 5, value ->> 6, value ->> 7 FROM json_each($1) WHERE true"
            ),
            upsert!(
                "SELECT (e ->> 0)::bigint, (e ->> 1)::bigint, e ->> 2, e ->> 3, e ->> 4, \
                 e ->> 5, e ->> 6, (e ->> 7)::bigint FROM jsonb_array_elements($1::jsonb) AS e"
            ),
        );
        // A rebuild of a large database writes its tallies in parts.
        for chunk in rows.chunks(10_000) {
            sqlx::query(sql)
                .bind(json_rows(chunk)?)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }
}

/// The questionnaire of a version and the questionnaire it belongs to, read once per version.
#[derive(Default)]
pub(super) struct Versions(HashMap<i64, (i64, Questionnaire)>);

impl Versions {
    pub(super) async fn get(
        &mut self,
        tx: &mut Transaction<'static, Any>,
        version_id: i64,
    ) -> Result<&(i64, Questionnaire)> {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.0.entry(version_id) {
            let row = sqlx::query(
                "SELECT questionnaire_id, definition FROM questionnaire_versions WHERE id = $1",
            )
            .bind(version_id)
            .fetch_one(&mut **tx)
            .await?;
            let definition: String = row.try_get(1)?;
            let questionnaire = serde_json::from_str(&definition)
                .map_err(|e| StorageError::Corrupt(format!("questionnaire: {e}")))?;
            slot.insert((row.try_get(0)?, questionnaire));
        }
        Ok(&self.0[&version_id])
    }
}

/// The stored answers of a response, per question key in order.
pub(super) async fn stored_answers(
    tx: &mut Transaction<'static, Any>,
    response_id: i64,
) -> Result<BTreeMap<String, Vec<String>>> {
    let rows = sqlx::query(
        "SELECT question_key, value FROM answers WHERE response_id = $1 ORDER BY question_key, position",
    )
    .bind(response_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut answers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in &rows {
        answers
            .entry(row.try_get(0)?)
            .or_default()
            .push(row.try_get(1)?);
    }
    Ok(answers)
}

impl Db {
    /// Builds the tallies from the stored answers when there are responses but no tallies.
    pub(super) async fn ensure_tallies(&self) -> Result<()> {
        // At start-up: look for one row, never count them all.
        let tallied: Option<i64> =
            sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM answer_tallies LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        let responses: Option<i64> =
            sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM responses LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        if tallied.is_none() && responses.is_some() {
            self.rebuild_tallies().await?;
        }
        Ok(())
    }

    /// Counts every stored response again, from scratch, in one transaction.
    pub async fn rebuild_tallies(&self) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM answer_tallies")
            .execute(&mut *tx)
            .await?;
        let heads = sqlx::query(
            "SELECT id, version_id, wave_id, audience, language FROM responses ORDER BY id",
        )
        .fetch_all(&mut *tx)
        .await?;
        let rows = sqlx::query(
            "SELECT response_id, question_key, value FROM answers ORDER BY response_id, question_key, position",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut answers: HashMap<i64, BTreeMap<String, Vec<String>>> = HashMap::new();
        for row in &rows {
            answers
                .entry(row.try_get(0)?)
                .or_default()
                .entry(row.try_get(1)?)
                .or_default()
                .push(row.try_get(2)?);
        }
        let mut versions = Versions::default();
        let mut deltas = Deltas::default();
        let empty = BTreeMap::new();
        for head in &heads {
            let id: i64 = head.try_get(0)?;
            let audience: String = head.try_get(3)?;
            let language: String = head.try_get(4)?;
            let (questionnaire_id, questionnaire) = versions.get(&mut tx, head.try_get(1)?).await?;
            deltas.add(
                Head {
                    questionnaire_id: *questionnaire_id,
                    wave_id: head.try_get(2)?,
                    audience: &audience,
                    language: &language,
                },
                questionnaire,
                answers.get(&id).unwrap_or(&empty),
                1,
            );
        }
        deltas.apply(self.backend, &mut tx).await?;
        tx.commit().await?;
        Ok(())
    }
}
