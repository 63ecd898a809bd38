//! Exports: responses of one questionnaire as CSV, XLSX or JSON with a codebook and R and
//! SPSS syntax next to them, coded fragments and insights as CSV (researchers and owners),
//! and the comparison's aggregates as CSV (viewers too). Every export is audit-logged.
//! Open answers still waiting for a personal-data review never leave the application.

use super::AppState;
use super::comparison::{ProjectFacts, aggregate_rows};
use super::workspace::{AsEditor, AsViewer, InProject, WorkspaceError};
use crate::domain::export::{
    CODEBOOK_HEADER, Separator, Table, Variable, codebook_rows, r_script, rows_to_csv, spss_syntax,
    to_csv, to_xlsx,
};
use crate::domain::{Audience, Question, QuestionKind, Questionnaire};
use crate::i18n::Tr;
use crate::server::workspace::{internal, tr};
use crate::storage::{ExportResponse, Source};
use crate::t;
use crate::ui::labels::answer_label;
use crate::ui::researcher::audience_name;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::HashMap;

/// The code of "weet ik niet" in exports: outside the scale, declared missing.
const DONT_KNOW: i64 = 9;

/// The number an answer code is exported as; none for text and marks (exported as is).
fn numeric_code(kind: &QuestionKind, value: &str) -> Option<i64> {
    match kind {
        QuestionKind::Agreement if value == "weet-niet" => Some(DONT_KNOW),
        QuestionKind::YesNo => Some(i64::from(value == "ja")),
        QuestionKind::Agreement | QuestionKind::SingleChoice { .. } => kind
            .values()
            .iter()
            .position(|v| *v == value)
            .map(|i| i as i64 + 1),
        _ => None,
    }
}

/// The label of a question in the codebook: its wording for young people, else parents,
/// else professionals.
fn question_label(q: &Question) -> String {
    Audience::ALL
        .into_iter()
        .find_map(|a| q.wording_for(a))
        .map_or_else(|| q.key.clone(), |w| w.text.clone())
}

/// The variables of a questionnaire's export: who and when, then one per question (one
/// per option for multiple choice).
fn variables(tr: &Tr, questionnaire: &Questionnaire) -> Vec<Variable> {
    let mut vars = vec![
        Variable::number("respons", &t!(tr, "export-var-response")),
        Variable::number("versie", &t!(tr, "export-var-version")),
        Variable::coded(
            "doelgroep",
            &t!(tr, "export-var-audience"),
            Audience::ALL
                .into_iter()
                .zip(1..)
                .map(|(a, i)| (i, audience_name(tr, a)))
                .collect(),
        ),
        Variable::text("meetmoment", &t!(tr, "export-var-wave"), 100),
        Variable::text("groep", &t!(tr, "export-var-group"), 200),
        Variable::text("taal", &t!(tr, "export-var-language"), 5),
        Variable::text("datum", &t!(tr, "export-var-date"), 10),
    ];
    for q in &questionnaire.questions {
        let label = question_label(q);
        match &q.kind {
            QuestionKind::MultipleChoice { options } => {
                for o in options {
                    vars.push(Variable::coded(
                        &format!("{}_{}", q.key, o.value),
                        &format!("{label} – {}", o.label),
                        vec![
                            (0, t!(tr, "export-not-chosen")),
                            (1, t!(tr, "export-chosen")),
                        ],
                    ));
                }
            }
            QuestionKind::Mark => vars.push(Variable::number(&q.key, &label)),
            QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
                vars.push(Variable::text(&q.key, &label, *max_chars))
            }
            kind => {
                let values = kind
                    .values()
                    .into_iter()
                    .filter_map(|v| numeric_code(kind, v).map(|c| (c, answer_label(tr, kind, v))))
                    .collect();
                let mut var = Variable::coded(&q.key, &label, values);
                if matches!(kind, QuestionKind::Agreement) {
                    var.missing = vec![DONT_KNOW];
                }
                vars.push(var);
            }
        }
    }
    vars
}

/// One row per response, one cell per variable.
fn response_row(tr: &Tr, questionnaire: &Questionnaire, r: &ExportResponse) -> Vec<String> {
    let audience = Audience::ALL
        .iter()
        .position(|a| *a == r.audience)
        .map_or(0, |i| i + 1);
    let mut row = vec![
        r.id.to_string(),
        r.version.to_string(),
        audience.to_string(),
        r.wave.clone(),
        r.group.clone().unwrap_or_default(),
        r.language.clone(),
        r.submitted_on.clone(),
    ];
    for q in &questionnaire.questions {
        let values = r.answers.get(&q.key);
        match &q.kind {
            QuestionKind::MultipleChoice { options } => {
                for o in options {
                    row.push(
                        values.map_or_else(String::new, |v| {
                            i64::from(v.contains(&o.value)).to_string()
                        }),
                    );
                }
            }
            kind if kind.is_text() => row.push(match values {
                Some(_) if r.awaiting_review.contains(&q.key) => t!(tr, "export-awaiting-review"),
                Some(v) => v.join(" "),
                None => String::new(),
            }),
            kind => row.push(
                values
                    .and_then(|v| v.first())
                    .map(|v| numeric_code(kind, v).map_or_else(|| v.clone(), |c| c.to_string()))
                    .unwrap_or_default(),
            ),
        }
    }
    row
}

/// The responses as JSON: answer codes as stored, lists for multiple choice.
fn responses_json(tr: &Tr, questionnaire: &Questionnaire, responses: &[ExportResponse]) -> Vec<u8> {
    let list: Vec<serde_json::Value> = responses
        .iter()
        .map(|r| {
            let answers: serde_json::Map<String, serde_json::Value> = questionnaire
                .questions
                .iter()
                .filter_map(|q| {
                    let values = r.answers.get(&q.key)?;
                    let value = match &q.kind {
                        QuestionKind::MultipleChoice { .. } => serde_json::json!(values),
                        kind if kind.is_text() && r.awaiting_review.contains(&q.key) => {
                            serde_json::json!(t!(tr, "export-awaiting-review"))
                        }
                        QuestionKind::Mark => values
                            .first()
                            .and_then(|v| v.parse::<u8>().ok())
                            .map_or(serde_json::Value::Null, |m| serde_json::json!(m)),
                        _ => serde_json::json!(values.join(" ")),
                    };
                    Some((q.key.clone(), value))
                })
                .collect();
            serde_json::json!({
                "respons": r.id,
                "vragenlijst": questionnaire.key,
                "versie": r.version,
                "doelgroep": r.audience.as_str(),
                "meetmoment": r.wave,
                "groep": r.group,
                "taal": r.language,
                "datum": r.submitted_on,
                "antwoorden": answers,
            })
        })
        .collect();
    serde_json::to_vec_pretty(&list).unwrap_or_default()
}

fn download(content_type: &'static str, file: &str, body: Vec<u8>) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    vragenlijst: Option<String>,
    formaat: Option<String>,
}

/// `GET /beheer/projecten/{key}/export?vragenlijst=…&formaat=…`: responses and coded text
/// leave the application; researchers and owners only.
pub async fn export(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(key): Path<String>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let format = query.formaat.as_deref().unwrap_or("csv-puntkomma");
    if format == "fragmenten" {
        let body = fragments_csv(&state, &tr, project.id).await?;
        researcher
            .audit(&state.db, Some(project.id), "export", "fragmenten.csv")
            .await?;
        return Ok(download(
            "text/csv; charset=utf-8",
            &format!("{key}-fragmenten.csv"),
            body,
        ));
    }
    let facts = ProjectFacts::read(&state, &tr, project.id).await?;
    let chosen = query.vragenlijst.as_deref().filter(|q| !q.is_empty());
    let Some(summary) = facts
        .questionnaires
        .iter()
        .find(|q| chosen.is_none_or(|c| q.key == c))
    else {
        return Err(WorkspaceError::NotFound);
    };
    let questionnaire = &summary.questionnaire;
    let base = format!("{key}-{}", summary.key);
    let csv_file = |sep: &str| format!("{base}-{sep}.csv");
    let needs_rows = !matches!(format, "codeboek" | "r" | "spss");
    let responses = if needs_rows {
        state
            .db
            .export_responses(project.id, &summary.key)
            .await
            .map_err(internal)?
    } else {
        Vec::new()
    };
    let table = Table {
        variables: variables(&tr, questionnaire),
        rows: responses
            .iter()
            .map(|r| response_row(&tr, questionnaire, r))
            .collect(),
    };
    let (content_type, file, body) = match format {
        "csv-puntkomma" => (
            "text/csv; charset=utf-8",
            csv_file("puntkomma"),
            to_csv(&table, Separator::Semicolon),
        ),
        "csv-komma" => (
            "text/csv; charset=utf-8",
            csv_file("komma"),
            to_csv(&table, Separator::Comma),
        ),
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            format!("{base}.xlsx"),
            to_xlsx(
                &table,
                &t!(tr, "export-sheet-data"),
                &t!(tr, "export-sheet-codebook"),
            )
            .map_err(internal)?,
        ),
        "json" => (
            "application/json",
            format!("{base}.json"),
            responses_json(&tr, questionnaire, &responses),
        ),
        "codeboek" => (
            "text/csv; charset=utf-8",
            format!("{base}-codeboek.csv"),
            rows_to_csv(
                &CODEBOOK_HEADER,
                &codebook_rows(&table),
                Separator::Semicolon,
            ),
        ),
        "r" => (
            "text/plain; charset=utf-8",
            format!("{base}.R"),
            r_script(&table, &csv_file("puntkomma"), Separator::Semicolon).into_bytes(),
        ),
        "spss" => (
            "text/plain; charset=utf-8",
            format!("{base}.sps"),
            spss_syntax(&table, &csv_file("puntkomma"), Separator::Semicolon).into_bytes(),
        ),
        _ => return Err(WorkspaceError::NotFound),
    };
    researcher
        .audit(&state.db, Some(project.id), "export", &file)
        .await?;
    Ok(download(content_type, &file, body))
}

/// Coded fragments and insights with their codes, one row per application.
async fn fragments_csv(
    state: &AppState,
    tr: &Tr,
    project_id: crate::storage::ProjectId,
) -> Result<Vec<u8>, WorkspaceError> {
    let codes = state.db.codes(project_id).await.map_err(internal)?;
    let by_id: HashMap<i64, _> = codes.iter().map(|c| (c.id, c)).collect();
    let texts = state.db.coded_texts(project_id).await.map_err(internal)?;
    let rows: Vec<Vec<String>> = texts
        .iter()
        .filter_map(|t| {
            let code = by_id.get(&t.code_id)?;
            let parent = code
                .parent_id
                .and_then(|p| by_id.get(&p))
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let theme = code
                .theme
                .clone()
                .or_else(|| {
                    code.parent_id
                        .and_then(|p| by_id.get(&p))
                        .and_then(|p| p.theme.clone())
                })
                .unwrap_or_default();
            Some(vec![
                code.name.clone(),
                parent,
                theme,
                match t.source {
                    Source::Answer => t!(tr, "export-source-answer"),
                    Source::Insight => t!(tr, "export-source-insight"),
                    Source::Quote => t!(tr, "export-source-quote"),
                },
                t.audience.as_str().to_owned(),
                t.wave.clone().unwrap_or_default(),
                if t.awaiting_review {
                    t!(tr, "export-awaiting-review")
                } else {
                    t.text.clone()
                },
            ])
        })
        .collect();
    Ok(rows_to_csv(
        &[
            "code",
            "hoofdcode",
            "thema",
            "bron",
            "doelgroep",
            "meetmoment",
            "tekst",
        ],
        &rows,
        Separator::Semicolon,
    ))
}

/// `GET /beheer/projecten/{key}/export/vergelijking.csv`: the comparison's counts with the
/// threshold applied — aggregates only, so viewers may have it.
pub async fn export_aggregates(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsViewer>,
    Path(key): Path<String>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let facts = ProjectFacts::read(&state, &tr, project.id).await?;
    let rows = aggregate_rows(&state, &tr, project.id, &facts).await?;
    researcher
        .audit(&state.db, Some(project.id), "export", "vergelijking.csv")
        .await?;
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("{key}-vergelijking.csv"),
        rows_to_csv(
            &[
                "thema",
                "vraag",
                "doelgroep",
                "meetmoment",
                "antwoord",
                "aantal",
                "aandeel",
            ],
            &rows,
            Separator::Semicolon,
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_codes_become_numbers_for_statistics() {
        let agreement = QuestionKind::Agreement;
        assert_eq!(numeric_code(&agreement, "helemaal-oneens"), Some(1));
        assert_eq!(numeric_code(&agreement, "helemaal-eens"), Some(5));
        assert_eq!(numeric_code(&agreement, "weet-niet"), Some(DONT_KNOW));
        assert_eq!(numeric_code(&QuestionKind::YesNo, "ja"), Some(1));
        assert_eq!(numeric_code(&QuestionKind::YesNo, "nee"), Some(0));
        assert_eq!(numeric_code(&QuestionKind::Mark, "7"), None);
    }
}
