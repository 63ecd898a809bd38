//! What the comparison, the reports and the exports read: counts of closed answers and of
//! codes per audience and wave, the strongest coded quotes, whole responses for export, and
//! the project's reporting threshold. Counting happens in the database, so a comparison
//! reads a few hundred rows however many responses there are.
//!
//! Some statements are put together at run time (`IN` lists, optional filters, bulk
//! inserts): only from constants and numbered placeholders, never from input, which is
//! always bound — hence `AssertSqlSafe`.

use super::code_tallies::Coded;
use super::tallies::{Deltas, Head, Versions};
use super::{Db, ProjectId, Result, StorageError};
use crate::domain::Audience;
use crate::domain::tally::LANGUAGE_FILTER;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::BTreeMap;

/// How many answered a closed question with one answer code, in one audience and wave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedCount {
    pub questionnaire: String,
    pub question: String,
    pub audience: Audience,
    pub wave: String,
    /// The answer code; empty for the count of respondents who answered at all.
    pub value: String,
    pub count: u64,
}

/// Only respondents (and conversations) with this answer to a closed question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerFilter {
    pub question: String,
    pub value: String,
}

/// How often a code was raised by an audience in a wave (none: a meeting outside every wave).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeCount {
    pub code_id: i64,
    pub audience: Audience,
    pub wave: Option<String>,
    pub count: u64,
}

/// How much material an audience gave in a wave: questionnaires, conversations, meetings
/// and insights (none: a meeting outside every wave).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Material {
    pub audience: Option<Audience>,
    pub wave: Option<String>,
    pub responses: u64,
    pub conversations: u64,
    pub meetings: u64,
    pub insights: u64,
}

/// Where a coded piece of text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Answer,
    Insight,
    Quote,
}

impl Source {
    fn parse(text: &str) -> Result<Self> {
        match text {
            "answer" => Ok(Source::Answer),
            "insight" => Ok(Source::Insight),
            "quote" => Ok(Source::Quote),
            other => Err(StorageError::Corrupt(format!("source `{other}`"))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Answer => "answer",
            Source::Insight => "insight",
            Source::Quote => "quote",
        }
    }
}

/// A coded piece of text as shown next to its code or exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedText {
    pub code_id: i64,
    pub source: Source,
    pub audience: Audience,
    pub wave: Option<String>,
    /// The coded fragment; empty when the text still waits for a personal-data review.
    pub text: String,
    pub awaiting_review: bool,
}

/// A whole response for export, answers in question order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportResponse {
    pub id: i64,
    pub version: i64,
    pub audience: Audience,
    pub wave: String,
    pub group: Option<String>,
    pub language: String,
    pub submitted_on: String,
    pub answers: BTreeMap<String, Vec<String>>,
    /// Open answers flagged for personal data and not yet reviewed: never exported.
    pub awaiting_review: Vec<String>,
}

/// A response to add in bulk (benchmarks, demo data): answers as (key, values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResponse {
    pub link_id: i64,
    pub version_id: i64,
    pub audience: Audience,
    pub wave_id: i64,
    pub group: Option<String>,
    pub submitted_on: time::Date,
    /// The language it was answered in (`nl`, or a language the questionnaire is
    /// translated into).
    pub language: String,
    pub answers: Vec<(String, Vec<String>)>,
}

/// An invitation link synthetic responses can be added to, with the latest version of its
/// questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    pub link_id: i64,
    pub version_id: i64,
    pub audience: Audience,
    pub wave_id: i64,
    pub wave: String,
    pub questionnaire: String,
    pub group: Option<String>,
}

/// A code applied to an open answer (whole, or the byte range given) or to an insight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub code_id: i64,
    pub source: Source,
    pub target_id: i64,
    pub part: String,
    pub span: Option<(usize, usize)>,
}

fn audience(row: &AnyRow, i: usize) -> Result<Audience> {
    let text: String = row.try_get(i)?;
    text.parse()
        .map_err(|e| StorageError::Corrupt(format!("{e}")))
}

/// A response as `export_stream` reads it.
fn export_row(row: &AnyRow) -> Result<ExportResponse> {
    let id: i64 = row.try_get(0)?;
    let json_list = |i: usize| -> Result<Option<String>> { Ok(row.try_get(i)?) };
    let pairs: Vec<(String, String)> = match json_list(7)? {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| StorageError::Corrupt(format!("answers of {id}: {e}")))?,
        None => Vec::new(),
    };
    let mut answers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, value) in pairs {
        answers.entry(key).or_default().push(value);
    }
    let awaiting_review = match json_list(8)? {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| StorageError::Corrupt(format!("flags of {id}: {e}")))?,
        None => Vec::new(),
    };
    Ok(ExportResponse {
        id,
        version: row.try_get(1)?,
        audience: audience(row, 2)?,
        wave: row.try_get(3)?,
        group: row.try_get(4)?,
        language: row.try_get(5)?,
        submitted_on: row.try_get(6)?,
        answers,
        awaiting_review,
    })
}

/// `$from, $from+1, …` for an `IN (…)` list of `n` values.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Links (coded) material of a code of the theme `$2` in project `$1`.
/// Narrows conversations (`i`) to a filter given as the parameters `key` and `value`
/// (`$n`): the language they were held in, or their answer to a filter question.
fn conversation_filter(key: &str, value: &str) -> String {
    format!(
        "AND (({key} = '{LANGUAGE_FILTER}' AND i.language = {value}) OR EXISTS \
         (SELECT 1 FROM interview_answers f WHERE f.interview_id = i.id \
         AND f.question_key = {key} AND f.value = {value}))"
    )
}

const CODE_OF_THEME: &str = "JOIN codes c ON c.id = ca.code_id LEFT JOIN codes pc ON pc.id = c.parent_id \
     WHERE c.project_id = $1 AND (c.theme_key = $2 OR pc.theme_key = $2)";

/// How many of the most recent applications of a code are searched for its quotes.
pub const RECENT_PER_CODE: usize = 1000;

/// The wave a meeting falls in, by its date.
const MEETING_WAVE: &str = "LEFT JOIN waves w ON w.project_id = m.project_id \
     AND m.held_on >= w.opens_on AND m.held_on <= w.closes_on";

/// Insights that are professionals' voice: not the agreements and reactions of a joint
/// session (`InsightKind::is_professional_voice`), where young people and parents speak too.
const PROFESSIONAL_INSIGHT: &str = "ins.kind NOT IN ('afspraak', 'reactie')";

impl Db {
    /// The threshold below which this project's counts are not shown.
    pub async fn report_threshold(&self, project_id: ProjectId) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT report_threshold FROM projects WHERE id = $1")
            .bind(project_id.0)
            .fetch_one(&self.pool)
            .await?;
        Ok(n.max(0) as u64)
    }

    /// Sets the threshold; the database refuses anything below 3.
    pub async fn set_report_threshold(&self, project_id: ProjectId, threshold: u64) -> Result<()> {
        sqlx::query("UPDATE projects SET report_threshold = $1 WHERE id = $2")
            .bind(threshold as i64)
            .bind(project_id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// How many questionnaires (from the tallies), conversations, meetings and insights there
    /// are per audience and wave (meetings and insights under no audience).
    pub async fn material(&self, project_id: ProjectId) -> Result<Vec<Material>> {
        let sql = format!(
            "SELECT t.audience, w.key, CAST(SUM(t.responses) AS BIGINT), 0 FROM answer_tallies t \
             JOIN questionnaires q ON q.id = t.questionnaire_id \
             JOIN waves w ON w.id = t.wave_id WHERE q.project_id = $1 \
             AND t.filter_key = '' AND t.question_key = '' GROUP BY t.audience, w.key \
             UNION ALL \
             SELECT i.audience, w.key, 0, COUNT(*) FROM interviews i JOIN waves w ON w.id = i.wave_id \
             WHERE i.project_id = $1 GROUP BY i.audience, w.key \
             UNION ALL \
             SELECT '', w.key, COUNT(DISTINCT m.id), COUNT(ins.id) FROM meetings m \
             LEFT JOIN insights ins ON ins.meeting_id = m.id AND {PROFESSIONAL_INSIGHT} {MEETING_WAVE} \
             WHERE m.project_id = $1 GROUP BY w.key"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(project_id.0)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                let who: String = row.try_get(0)?;
                let first: i64 = row.try_get(2)?;
                let second: i64 = row.try_get(3)?;
                let (first, second) = (first.max(0) as u64, second.max(0) as u64);
                Ok(if who.is_empty() {
                    Material {
                        audience: None,
                        wave: row.try_get(1)?,
                        meetings: first,
                        insights: second,
                        ..Material::default()
                    }
                } else {
                    Material {
                        audience: Some(audience(row, 0)?),
                        wave: row.try_get(1)?,
                        responses: first,
                        conversations: second,
                        ..Material::default()
                    }
                })
            })
            .collect()
    }

    /// The languages the project's responses and conversations are in (from the running
    /// counts: a few rows, however many responses).
    pub async fn languages_answered(&self, project_id: ProjectId) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT t.filter_value FROM answer_tallies t \
             JOIN questionnaires q ON q.id = t.questionnaire_id \
             WHERE q.project_id = $1 AND t.filter_key = '{LANGUAGE_FILTER}' AND t.question_key = '' \
             AND t.responses > 0 \
             UNION SELECT language FROM interviews WHERE project_id = $1"
        );
        let mut languages: Vec<String> = sqlx::query_scalar(AssertSqlSafe(sql))
            .bind(project_id.0)
            .fetch_all(&self.pool)
            .await?;
        languages.sort();
        languages.dedup();
        Ok(languages)
    }

    /// Counts the answers to these closed questions per questionnaire, audience, wave and
    /// answer code — from the tallies of questionnaires and, counted live, from the few
    /// conversations. With `respondents`, counts who answered each question instead (value
    /// left empty).
    pub async fn closed_counts(
        &self,
        project_id: ProjectId,
        questions: &[String],
        filter: Option<&AnswerFilter>,
        respondents: bool,
    ) -> Result<Vec<ClosedCount>> {
        if questions.is_empty() {
            return Ok(Vec::new());
        }
        let keys = placeholders(4, questions.len());
        let notes_filter = match filter {
            Some(_) => conversation_filter("$2", "$3"),
            None => String::new(),
        };
        let (value_test, value, count, group) = if respondents {
            ("t.value = ''", "''", "COUNT(DISTINCT i.id)", "")
        } else {
            ("t.value <> ''", "a.value", "COUNT(*)", ", a.value")
        };
        let sql = format!(
            "SELECT q.key, t.question_key, t.audience, w.key, t.value, t.responses \
             FROM answer_tallies t \
             JOIN questionnaires q ON q.id = t.questionnaire_id \
             JOIN waves w ON w.id = t.wave_id \
             WHERE q.project_id = $1 AND t.filter_key = $2 AND t.filter_value = $3 \
             AND t.question_key IN ({keys}) AND {value_test} AND t.responses > 0 \
             UNION ALL \
             SELECT i.questionnaire_key, a.question_key, i.audience, w.key, {value}, {count} \
             FROM interviews i \
             JOIN waves w ON w.id = i.wave_id \
             JOIN interview_answers a ON a.interview_id = i.id \
             WHERE i.project_id = $1 AND a.question_key IN ({keys}) {notes_filter} \
             GROUP BY i.questionnaire_key, a.question_key, i.audience, w.key{group}"
        );
        let (filter_key, filter_value) = filter
            .map(|f| (f.question.as_str(), f.value.as_str()))
            .unwrap_or(("", ""));
        let mut query = sqlx::query(AssertSqlSafe(sql))
            .bind(project_id.0)
            .bind(filter_key)
            .bind(filter_value);
        for key in questions {
            query = query.bind(key);
        }
        let rows = query.fetch_all(&self.pool).await?;
        let mut counts: BTreeMap<(String, String, Audience, String, String), u64> = BTreeMap::new();
        for row in &rows {
            let n: i64 = row.try_get(5)?;
            *counts
                .entry((
                    row.try_get(0)?,
                    row.try_get(1)?,
                    audience(row, 2)?,
                    row.try_get(3)?,
                    row.try_get(4)?,
                ))
                .or_default() += n.max(0) as u64;
        }
        Ok(counts
            .into_iter()
            .map(
                |((questionnaire, question, audience, wave, value), count)| ClosedCount {
                    questionnaire,
                    question,
                    audience,
                    wave,
                    value,
                    count,
                },
            )
            .collect())
    }

    /// The counts of [`Db::closed_counts`] for every filter at once: unfiltered (none) and
    /// within each answer to each closed question, so that what every filtered view would
    /// show can be protected together.
    pub async fn closed_counts_by_filter(
        &self,
        project_id: ProjectId,
        questions: &[String],
        respondents: bool,
    ) -> Result<Vec<(Option<AnswerFilter>, ClosedCount)>> {
        if questions.is_empty() {
            return Ok(Vec::new());
        }
        let keys = placeholders(2, questions.len());
        let (value_test, value, count, group) = if respondents {
            ("t.value = ''", "''", "COUNT(DISTINCT i.id)", "")
        } else {
            ("t.value <> ''", "a.value", "COUNT(*)", ", a.value")
        };
        let sql = format!(
            "SELECT q.key, t.question_key, t.audience, w.key, t.filter_key, t.filter_value, t.value, t.responses \
             FROM answer_tallies t \
             JOIN questionnaires q ON q.id = t.questionnaire_id \
             JOIN waves w ON w.id = t.wave_id \
             WHERE q.project_id = $1 AND t.question_key IN ({keys}) AND {value_test} AND t.responses > 0 \
             UNION ALL \
             SELECT i.questionnaire_key, a.question_key, i.audience, w.key, '', '', {value}, {count} \
             FROM interviews i \
             JOIN waves w ON w.id = i.wave_id \
             JOIN interview_answers a ON a.interview_id = i.id \
             WHERE i.project_id = $1 AND a.question_key IN ({keys}) \
             GROUP BY i.questionnaire_key, a.question_key, i.audience, w.key{group} \
             UNION ALL \
             SELECT i.questionnaire_key, a.question_key, i.audience, w.key, f.question_key, f.value, {value}, {count} \
             FROM interviews i \
             JOIN waves w ON w.id = i.wave_id \
             JOIN interview_answers a ON a.interview_id = i.id \
             JOIN interview_answers f ON f.interview_id = i.id \
             WHERE i.project_id = $1 AND a.question_key IN ({keys}) \
             GROUP BY i.questionnaire_key, a.question_key, i.audience, w.key, f.question_key, f.value{group} \
             UNION ALL \
             SELECT i.questionnaire_key, a.question_key, i.audience, w.key, '{LANGUAGE_FILTER}', i.language, {value}, {count} \
             FROM interviews i \
             JOIN waves w ON w.id = i.wave_id \
             JOIN interview_answers a ON a.interview_id = i.id \
             WHERE i.project_id = $1 AND a.question_key IN ({keys}) \
             GROUP BY i.questionnaire_key, a.question_key, i.audience, w.key, i.language{group}"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(project_id.0);
        for key in questions {
            query = query.bind(key);
        }
        let rows = query.fetch_all(&self.pool).await?;
        type Key = (String, String, String, String, Audience, String, String);
        let mut counts: BTreeMap<Key, u64> = BTreeMap::new();
        for row in &rows {
            let n: i64 = row.try_get(7)?;
            *counts
                .entry((
                    row.try_get(4)?,
                    row.try_get(5)?,
                    row.try_get(0)?,
                    row.try_get(1)?,
                    audience(row, 2)?,
                    row.try_get(3)?,
                    row.try_get(6)?,
                ))
                .or_default() += n.max(0) as u64;
        }
        Ok(counts
            .into_iter()
            .map(
                |(
                    (filter_key, filter_value, questionnaire, question, audience, wave, value),
                    count,
                )| {
                    let filter = (!filter_key.is_empty()).then_some(AnswerFilter {
                        question: filter_key,
                        value: filter_value,
                    });
                    (
                        filter,
                        ClosedCount {
                            questionnaire,
                            question,
                            audience,
                            wave,
                            value,
                            count,
                        },
                    )
                },
            )
            .collect())
    }

    /// How often each code of a theme was raised, per audience and wave: open answers count
    /// once per respondent, quotes once each, insights once each. A filter on a closed
    /// answer narrows answers and conversations; insights cannot be filtered.
    pub async fn code_counts(
        &self,
        project_id: ProjectId,
        theme: &str,
        filter: Option<&AnswerFilter>,
    ) -> Result<Vec<CodeCount>> {
        let notes_filter = match filter {
            Some(_) => conversation_filter("$3", "$4"),
            None => String::new(),
        };
        // Answers from the running counts (`code_tallies`); the few conversations and
        // meetings are counted here.
        let sql = format!(
            "SELECT ca.code_id, ca.audience, w.key, ca.responses FROM code_tallies ca \
             JOIN waves w ON w.id = ca.wave_id \
             {CODE_OF_THEME} AND ca.filter_key = $3 AND ca.filter_value = $4 AND ca.responses > 0 \
             UNION ALL \
             SELECT ca.code_id, i.audience, w.key, COUNT(*) FROM code_applications ca \
             JOIN interviews i ON i.id = ca.interview_id JOIN waves w ON w.id = i.wave_id \
             {CODE_OF_THEME} AND ca.target_kind = 'quote' {notes_filter} \
             GROUP BY ca.code_id, i.audience, w.key \
             UNION ALL \
             SELECT ca.code_id, 'professional', w.key, COUNT(DISTINCT ins.id) FROM code_applications ca \
             JOIN insights ins ON ins.id = ca.insight_id JOIN meetings m ON m.id = ins.meeting_id \
             {MEETING_WAVE} {CODE_OF_THEME} AND ca.target_kind = 'insight' AND {PROFESSIONAL_INSIGHT} \
             GROUP BY ca.code_id, w.key"
        );
        let (question, value) = filter.map_or(("", ""), |f| (&f.question, &f.value));
        sqlx::query(AssertSqlSafe(sql))
            .bind(project_id.0)
            .bind(theme)
            .bind(question)
            .bind(value)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                let n: i64 = row.try_get(3)?;
                Ok(CodeCount {
                    code_id: row.try_get(0)?,
                    audience: audience(row, 1)?,
                    wave: row.try_get(2)?,
                    count: n.max(0) as u64,
                })
            })
            .collect()
    }

    /// How often each code of a theme was raised by young people and parents, per wave,
    /// unfiltered (none) and within every answer to each of `filters` (closed questions):
    /// the counts of [`Db::code_counts`] for every filter at once, so that they can be
    /// protected together. Insights (professionals) are not counts of people: left out.
    pub async fn code_counts_by_filter(
        &self,
        project_id: ProjectId,
        theme: &str,
        filters: &[String],
    ) -> Result<Vec<(Option<AnswerFilter>, CodeCount)>> {
        let keys = if filters.is_empty() {
            "NULL".to_owned()
        } else {
            placeholders(3, filters.len())
        };
        let sql = format!(
            "SELECT ca.code_id, ca.audience, w.key, ca.filter_key, ca.filter_value, ca.responses \
             FROM code_tallies ca JOIN waves w ON w.id = ca.wave_id \
             {CODE_OF_THEME} AND ca.responses > 0 AND (ca.filter_key = '' OR ca.filter_key IN ({keys})) \
             UNION ALL \
             SELECT ca.code_id, i.audience, w.key, '', '', COUNT(*) FROM code_applications ca \
             JOIN interviews i ON i.id = ca.interview_id JOIN waves w ON w.id = i.wave_id \
             {CODE_OF_THEME} AND ca.target_kind = 'quote' \
             GROUP BY ca.code_id, i.audience, w.key \
             UNION ALL \
             SELECT ca.code_id, i.audience, w.key, f.question_key, f.value, COUNT(*) FROM code_applications ca \
             JOIN interviews i ON i.id = ca.interview_id JOIN waves w ON w.id = i.wave_id \
             JOIN interview_answers f ON f.interview_id = i.id AND f.question_key IN ({keys}) \
             {CODE_OF_THEME} AND ca.target_kind = 'quote' \
             GROUP BY ca.code_id, i.audience, w.key, f.question_key, f.value \
             UNION ALL \
             SELECT ca.code_id, i.audience, w.key, '{LANGUAGE_FILTER}', i.language, COUNT(*) FROM code_applications ca \
             JOIN interviews i ON i.id = ca.interview_id JOIN waves w ON w.id = i.wave_id \
             {CODE_OF_THEME} AND ca.target_kind = 'quote' \
             GROUP BY ca.code_id, i.audience, w.key, i.language"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql))
            .bind(project_id.0)
            .bind(theme);
        for key in filters {
            query = query.bind(key);
        }
        let mut counts: BTreeMap<(String, String, i64, Audience, String), u64> = BTreeMap::new();
        for row in query.fetch_all(&self.pool).await? {
            let n: i64 = row.try_get(5)?;
            *counts
                .entry((
                    row.try_get(3)?,
                    row.try_get(4)?,
                    row.try_get(0)?,
                    audience(&row, 1)?,
                    row.try_get(2)?,
                ))
                .or_default() += n.max(0) as u64;
        }
        Ok(counts
            .into_iter()
            .map(|((question, value, code_id, audience, wave), count)| {
                let filter = (!question.is_empty()).then_some(AnswerFilter { question, value });
                (
                    filter,
                    CodeCount {
                        code_id,
                        audience,
                        wave: Some(wave),
                        count,
                    },
                )
            })
            .collect())
    }

    /// The strongest coded texts of a theme: per code, audience and wave at most `per_cell`,
    /// insights by priority and everything else newest first, from the
    /// [`RECENT_PER_CODE`] most recent applications of each code (insights: all). Text still
    /// waiting for a personal-data review is left out.
    pub async fn code_quotes(
        &self,
        project_id: ProjectId,
        theme: &str,
        per_cell: i64,
    ) -> Result<Vec<CodedText>> {
        let codes: Vec<i64> = sqlx::query_scalar(
            "SELECT c.id FROM codes c LEFT JOIN codes pc ON pc.id = c.parent_id \
             WHERE c.project_id = $1 AND (c.theme_key = $2 OR pc.theme_key = $2)",
        )
        .bind(project_id.0)
        .bind(theme)
        .fetch_all(&self.pool)
        .await?;
        if codes.is_empty() {
            return Ok(Vec::new());
        }
        // Per code the oldest application still among its most recent ones.
        let mut floors = Vec::with_capacity(codes.len());
        for &code in &codes {
            let floor: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM code_applications WHERE code_id = $1 ORDER BY id DESC LIMIT 1 OFFSET $2",
            )
            .bind(code)
            .bind(RECENT_PER_CODE as i64 - 1)
            .fetch_optional(&self.pool)
            .await?;
            floors.push((code, floor.unwrap_or(0)));
        }
        let codes_in = placeholders(3, codes.len());
        // Per code a range of the index on (code, id): the database reads a code's recent
        // applications only, however many older ones there are.
        let recent = (0..floors.len())
            .map(|i| {
                let p = 3 + codes.len() + 2 * i;
                format!("(ca.code_id = ${p} AND ca.id >= ${})", p + 1)
            })
            .collect::<Vec<_>>()
            .join(" OR ");
        let sql = format!(
            "SELECT code_id, source, audience, wave, body, from_byte, to_byte FROM ( \
               SELECT u.*, ROW_NUMBER() OVER (PARTITION BY code_id, audience, wave \
                 ORDER BY weight DESC, app_id DESC) AS place FROM ( \
                 SELECT ca.code_id, 'answer' AS source, r.audience, w.key AS wave, a.value AS body, \
                   ca.start_offset AS from_byte, ca.end_offset AS to_byte, 0 AS weight, ca.id AS app_id \
                 FROM code_applications ca \
                 JOIN responses r ON r.id = ca.response_id JOIN waves w ON w.id = r.wave_id \
                 JOIN answers a ON a.response_id = r.id AND a.question_key = ca.target_part \
                 LEFT JOIN answer_flags fl ON fl.response_id = r.id AND fl.question_key = ca.target_part \
                 WHERE ({recent}) AND ca.target_kind = 'answer' \
                   AND (fl.response_id IS NULL OR fl.reviewed_at IS NOT NULL) \
                 UNION ALL \
                 SELECT ca.code_id, 'quote', i.audience, w.key, ca.target_part, NULL, NULL, 0, ca.id \
                 FROM code_applications ca \
                 JOIN interviews i ON i.id = ca.interview_id JOIN waves w ON w.id = i.wave_id \
                 WHERE ({recent}) AND ca.target_kind = 'quote' \
                   AND NOT EXISTS (SELECT 1 FROM interview_notes n WHERE n.interview_id = i.id \
                     AND n.flagged IS NOT NULL AND ca.target_part LIKE n.question_key || $1) \
                 UNION ALL \
                 SELECT ca.code_id, 'insight', 'professional', w.key, ins.statement, NULL, NULL, \
                   ins.priority, ca.id \
                 FROM code_applications ca \
                 JOIN insights ins ON ins.id = ca.insight_id JOIN meetings m ON m.id = ins.meeting_id \
                 {MEETING_WAVE} WHERE ca.code_id IN ({codes_in}) AND ca.target_kind = 'insight' \
                   AND {PROFESSIONAL_INSIGHT} \
               ) u \
             ) ranked WHERE place <= $2 ORDER BY code_id, audience, place"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind("\n%").bind(per_cell);
        for code in &codes {
            query = query.bind(*code);
        }
        for (code, floor) in &floors {
            query = query.bind(*code).bind(*floor);
        }
        query
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| coded_text(row, false))
            .collect()
    }

    /// Every coded piece of text of the project, for the export of fragments; texts waiting
    /// for a personal-data review come without their text.
    pub async fn coded_texts(&self, project_id: ProjectId) -> Result<Vec<CodedText>> {
        let sql = "SELECT ca.code_id, 'answer', r.audience, w.key, a.value, ca.start_offset, ca.end_offset, \
               CAST(CASE WHEN fl.response_id IS NOT NULL AND fl.reviewed_at IS NULL THEN 1 ELSE 0 END AS BIGINT), ca.id \
             FROM code_applications ca JOIN codes c ON c.id = ca.code_id \
             JOIN responses r ON r.id = ca.response_id JOIN waves w ON w.id = r.wave_id \
             JOIN answers a ON a.response_id = r.id AND a.question_key = ca.target_part \
             LEFT JOIN answer_flags fl ON fl.response_id = r.id AND fl.question_key = ca.target_part \
             WHERE c.project_id = $1 AND ca.target_kind = 'answer' \
             UNION ALL \
             SELECT ca.code_id, 'quote', i.audience, w.key, ca.target_part, NULL, NULL, \
               CAST(CASE WHEN EXISTS (SELECT 1 FROM interview_notes n WHERE n.interview_id = i.id \
                 AND n.flagged IS NOT NULL AND ca.target_part LIKE n.question_key || $2) THEN 1 ELSE 0 END AS BIGINT), ca.id \
             FROM code_applications ca JOIN codes c ON c.id = ca.code_id \
             JOIN interviews i ON i.id = ca.interview_id JOIN waves w ON w.id = i.wave_id \
             WHERE c.project_id = $1 AND ca.target_kind = 'quote' \
             UNION ALL \
             SELECT ca.code_id, 'insight', 'professional', w.key, ins.statement, NULL, NULL, CAST(0 AS BIGINT), ca.id \
             FROM code_applications ca JOIN codes c ON c.id = ca.code_id \
             JOIN insights ins ON ins.id = ca.insight_id JOIN meetings m ON m.id = ins.meeting_id \
             LEFT JOIN waves w ON w.project_id = m.project_id \
               AND m.held_on >= w.opens_on AND m.held_on <= w.closes_on \
             WHERE c.project_id = $1 AND ca.target_kind = 'insight' \
             ORDER BY 1, 9";
        sqlx::query(sql)
            .bind(project_id.0)
            .bind("\n%")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| coded_text(row, true))
            .collect()
    }

    /// Every response to one questionnaire of a project, oldest first, with its answers.
    pub async fn export_responses(
        &self,
        project_id: ProjectId,
        questionnaire: &str,
    ) -> Result<Vec<ExportResponse>> {
        let mut responses = self.export_stream(project_id, questionnaire);
        let mut all = Vec::new();
        while let Some(response) = responses.recv().await {
            all.push(response?);
        }
        Ok(all)
    }

    /// The same, one response at a time as the database reads them: memory stays flat
    /// however many responses there are. A reader that stops receiving (a download
    /// cancelled) ends the query; a full channel holds the query back (a slow download).
    /// Only a few exports read at once; the rest wait their turn.
    pub fn export_stream(
        &self,
        project_id: ProjectId,
        questionnaire: &str,
    ) -> tokio::sync::mpsc::Receiver<Result<ExportResponse>> {
        // One row per response with its answers as a JSON list of [key, value] pairs (a
        // tenth of the rows a row per answer would take) and the keys of its open answers
        // that wait for a personal-data review.
        let (answers, flags) = match self.backend {
            super::Backend::Sqlite => (
                "json_group_array(json_array(a.question_key, a.value) ORDER BY a.question_key, a.position)",
                "json_group_array(fl.question_key)",
            ),
            super::Backend::Postgres => (
                "CAST(json_agg(json_build_array(a.question_key, a.value) ORDER BY a.question_key, a.position) AS TEXT)",
                "CAST(json_agg(fl.question_key) AS TEXT)",
            ),
        };
        let sql = format!(
            "SELECT r.id, v.version, r.audience, w.key, r.group_label, r.language, r.submitted_on, \
             (SELECT {answers} FROM answers a WHERE a.response_id = r.id), \
             (SELECT {flags} FROM answer_flags fl WHERE fl.response_id = r.id AND fl.reviewed_at IS NULL) \
             FROM responses r JOIN waves w ON w.id = r.wave_id \
             JOIN questionnaire_versions v ON v.id = r.version_id \
             JOIN questionnaires q ON q.id = v.questionnaire_id \
             WHERE q.project_id = $1 AND q.key = $2 ORDER BY r.id"
        );
        let (sender, receiver) = tokio::sync::mpsc::channel(256);
        let pool = self.pool.clone();
        let exports = self.exports.clone();
        let questionnaire = questionnaire.to_owned();
        tokio::spawn(async move {
            use futures_util::StreamExt;
            // Waits for a turn when other exports hold their share of the pool.
            let Ok(_turn) = exports.acquire_owned().await else {
                return;
            };
            let mut rows = sqlx::query(AssertSqlSafe(sql))
                .bind(project_id.0)
                .bind(questionnaire)
                .fetch(&pool);
            while let Some(row) = rows.next().await {
                let response = row.map_err(StorageError::from).and_then(|r| export_row(&r));
                let failed = response.is_err();
                if sender.send(response).await.is_err() || failed {
                    break;
                }
            }
        });
        receiver
    }

    /// Every link of a project, for synthetic data.
    pub async fn link_targets(&self, project_id: ProjectId) -> Result<Vec<LinkTarget>> {
        sqlx::query(
            "SELECT l.id, (SELECT MAX(v.id) FROM questionnaire_versions v WHERE v.questionnaire_id = q.id), \
             l.audience, l.wave_id, w.key, q.key, l.group_label FROM links l \
             JOIN questionnaires q ON q.id = l.questionnaire_id JOIN waves w ON w.id = l.wave_id \
             WHERE q.project_id = $1 ORDER BY l.id",
        )
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(LinkTarget {
                link_id: row.try_get(0)?,
                version_id: row.try_get(1)?,
                audience: audience(row, 2)?,
                wave_id: row.try_get(3)?,
                wave: row.try_get(4)?,
                questionnaire: row.try_get(5)?,
                group: row.try_get(6)?,
            })
        })
        .collect()
    }

    /// Applies codes in bulk (synthetic data; researchers code one at a time).
    pub async fn insert_code_applications(&self, batch: &[NewApplication]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        // The responses coded here are counted out with the codes they had and in again
        // with those they have afterwards.
        let mut coded: Vec<i64> = batch
            .iter()
            .filter(|a| a.source == Source::Answer)
            .map(|a| a.target_id)
            .collect();
        coded.sort_unstable();
        coded.dedup();
        Coded::Responses(&coded)
            .count(self.backend, &mut tx, -1)
            .await?;
        for chunk in batch.chunks(200) {
            let values = super::value_rows(chunk.len(), 9);
            let sql = format!(
                "INSERT INTO code_applications (code_id, target_kind, response_id, insight_id, interview_id, \
                 target_part, start_offset, end_offset, created_at) VALUES {values}"
            );
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for a in chunk {
                let target = |source: Source| (a.source == source).then_some(a.target_id);
                query = query
                    .bind(a.code_id)
                    .bind(a.source.as_str())
                    .bind(target(Source::Answer))
                    .bind(target(Source::Insight))
                    .bind(target(Source::Quote))
                    .bind(&a.part)
                    .bind(a.span.map(|s| s.0 as i64))
                    .bind(a.span.map(|s| s.1 as i64))
                    .bind(super::now());
            }
            query.execute(&mut *tx).await?;
        }
        Coded::Responses(&coded)
            .count(self.backend, &mut tx, 1)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds many responses at once, in one transaction per call (synthetic data for
    /// benchmarks and the demo; respondents always go through `submit`).
    pub async fn insert_responses(&self, batch: &[NewResponse]) -> Result<Vec<i64>> {
        let mut all_ids = Vec::with_capacity(batch.len());
        let mut versions = Versions::default();
        let mut deltas = Deltas::default();
        const ROWS_PER_INSERT: usize = 200;
        let mut tx = self.pool.begin().await?;
        for chunk in batch.chunks(ROWS_PER_INSERT) {
            let values = super::value_rows(chunk.len(), 7);
            let sql = format!(
                "INSERT INTO responses (link_id, version_id, audience, wave_id, group_label, submitted_on, language) \
                 VALUES {values} RETURNING id"
            );
            let mut query = sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql));
            for r in chunk {
                query = query
                    .bind(r.link_id)
                    .bind(r.version_id)
                    .bind(r.audience.as_str())
                    .bind(r.wave_id)
                    .bind(r.group.clone())
                    .bind(super::day(r.submitted_on))
                    .bind(&r.language);
            }
            let mut ids = query.fetch_all(&mut *tx).await?;
            // Identities are handed out in the order of the rows.
            ids.sort_unstable();
            all_ids.extend_from_slice(&ids);
            for r in chunk {
                let (questionnaire_id, questionnaire) = versions.get(&mut tx, r.version_id).await?;
                let given: BTreeMap<String, Vec<String>> = r.answers.iter().cloned().collect();
                deltas.add(
                    Head {
                        questionnaire_id: *questionnaire_id,
                        wave_id: r.wave_id,
                        audience: r.audience.as_str(),
                        language: &r.language,
                    },
                    questionnaire,
                    &given,
                    1,
                );
            }
            let rows: Vec<(i64, &str, i64, &str)> = chunk
                .iter()
                .zip(&ids)
                .flat_map(|(r, &id)| {
                    r.answers.iter().flat_map(move |(key, values)| {
                        (0_i64..)
                            .zip(values)
                            .map(move |(p, v)| (id, key.as_str(), p, v.as_str()))
                    })
                })
                .collect();
            super::respondents::insert_answers(self.backend, &mut tx, &rows).await?;
        }
        deltas.apply(self.backend, &mut tx).await?;
        tx.commit().await?;
        Ok(all_ids)
    }
}

/// Reads a coded text row: code, source, audience, wave, body, from, to (and, with
/// `review`, whether it waits for review). Quotes are stored as `part\nquote`.
fn coded_text(row: &AnyRow, review: bool) -> Result<CodedText> {
    let body: String = row.try_get(4)?;
    let from: Option<i64> = row.try_get(5)?;
    let to: Option<i64> = row.try_get(6)?;
    let source: String = row.try_get(1)?;
    let source = Source::parse(&source)?;
    let awaiting_review = if review {
        let flag: i64 = row.try_get(7)?;
        flag != 0
    } else {
        false
    };
    let text = match (source, from.zip(to)) {
        _ if awaiting_review => String::new(),
        (Source::Quote, _) => body
            .split_once('\n')
            .map_or(body.as_str(), |(_, quote)| quote)
            .to_owned(),
        (_, Some((from, to))) => body
            .get(from.max(0) as usize..to.max(0) as usize)
            .unwrap_or(&body)
            .to_owned(),
        _ => body,
    };
    Ok(CodedText {
        code_id: row.try_get(0)?,
        source,
        audience: audience(row, 2)?,
        wave: row.try_get(3)?,
        text,
        awaiting_review,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn professional_insights_are_the_kinds_that_are_professionals_voice() {
        use crate::domain::meeting::InsightKind;
        let others: Vec<String> = InsightKind::ALL
            .into_iter()
            .filter(|k| !k.is_professional_voice())
            .map(|k| format!("'{}'", k.as_str()))
            .collect();
        assert_eq!(
            super::PROFESSIONAL_INSIGHT,
            format!("ins.kind NOT IN ({})", others.join(", "))
        );
    }
}
