//! Exports: responses of one questionnaire as CSV, XLSX or JSON with a codebook and R and
//! SPSS syntax next to them, coded fragments and insights as CSV (researchers and owners),
//! and the comparison's aggregates as CSV (viewers too). Every export is audit-logged.
//! Open answers still waiting for a personal-data review never leave the application.

use super::AppState;
use super::comparison::{ProjectFacts, aggregate_rows};
use super::workspace::{AsEditor, AsViewer, InProject, WorkspaceError};
use crate::domain::export::{
    CODEBOOK_HEADER, Separator, Table, Variable, XlsxWriter, codebook_rows, csv_head, csv_lines,
    r_script, rows_to_csv, spss_syntax,
};
use crate::domain::{Audience, Question, QuestionKind, Questionnaire};
use crate::i18n::Tr;
use crate::server::workspace::{internal, tr};
use crate::storage::{ExportResponse, Source, StorageError};
use crate::t;
use crate::ui::labels::answer_label;
use crate::ui::researcher::audience_name;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::HashMap;
use tokio::sync::mpsc;

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
            // A linkage code is never exported, not even as an empty column.
            QuestionKind::LinkageCode { .. } => {}
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
            QuestionKind::LinkageCode { .. } => {}
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

/// A response as JSON: answer codes as stored, lists for multiple choice.
fn response_json(tr: &Tr, questionnaire: &Questionnaire, r: &ExportResponse) -> serde_json::Value {
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
}

fn download(content_type: &'static str, file: &str, body: impl Into<Body>) -> Response {
    let mut response = (StatusCode::OK, body.into()).into_response();
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
    let questionnaire = summary.questionnaire.clone();
    let base = format!("{key}-{}", summary.key);
    let csv_file = |sep: &str| format!("{base}-{sep}.csv");
    let described = Table {
        variables: variables(&tr, &questionnaire),
        rows: Vec::new(),
    };
    const CSV: &str = "text/csv; charset=utf-8";
    let (content_type, file, rows) = match format {
        "csv-puntkomma" => (CSV, csv_file("puntkomma"), Rows::Csv(Separator::Semicolon)),
        "csv-komma" => (CSV, csv_file("komma"), Rows::Csv(Separator::Comma)),
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            format!("{base}.xlsx"),
            Rows::Xlsx {
                data: t!(tr, "export-sheet-data"),
                codebook: t!(tr, "export-sheet-codebook"),
            },
        ),
        "json" => ("application/json", format!("{base}.json"), Rows::Json),
        "codeboek" => (
            CSV,
            format!("{base}-codeboek.csv"),
            Rows::None(rows_to_csv(
                &CODEBOOK_HEADER,
                &codebook_rows(&described),
                Separator::Semicolon,
            )),
        ),
        "r" => (
            "text/plain; charset=utf-8",
            format!("{base}.R"),
            Rows::None(
                r_script(&described, &csv_file("puntkomma"), Separator::Semicolon).into_bytes(),
            ),
        ),
        "spss" => (
            "text/plain; charset=utf-8",
            format!("{base}.sps"),
            Rows::None(
                spss_syntax(&described, &csv_file("puntkomma"), Separator::Semicolon).into_bytes(),
            ),
        ),
        _ => return Err(WorkspaceError::NotFound),
    };
    researcher
        .audit(&state.db, Some(project.id), "export", &file)
        .await?;
    let body = match rows {
        Rows::None(bytes) => Body::from(bytes),
        rows => {
            let responses = state.db.export_stream(project.id, &summary.key);
            streamed(
                rows,
                Responses {
                    tr,
                    questionnaire,
                    variables: described.variables,
                    responses,
                },
            )
        }
    };
    Ok(download(content_type, &file, body))
}

/// What an export of responses holds: the rows in one of three formats, or none (the
/// codebook and the syntax files describe the rows without them).
enum Rows {
    Csv(Separator),
    Xlsx { data: String, codebook: String },
    Json,
    None(Vec<u8>),
}

/// The responses of an export as the database hands them over, and how to write them.
struct Responses {
    tr: Tr,
    questionnaire: Questionnaire,
    variables: Vec<Variable>,
    responses: mpsc::Receiver<Result<ExportResponse, StorageError>>,
}

/// Responses per piece of the file: large enough to write efficiently, small enough that
/// memory does not matter.
const BATCH: usize = 256;

/// A download written while it is sent: rows go from the database through the writer to
/// the client a batch at a time, with small channels between, so memory stays flat however
/// many responses there are, a slow client holds the query back, and a client that goes
/// away ends it. A failure half-way breaks the download off (never a shortened file that
/// looks whole) and is logged.
fn streamed(rows: Rows, mut from: Responses) -> Body {
    let (sender, receiver) = mpsc::channel::<std::io::Result<Bytes>>(4);
    match rows {
        Rows::Xlsx { data, codebook } => {
            tokio::task::spawn_blocking(move || {
                let mut out = ChannelWriter::new(sender.clone());
                let written = (|| {
                    let mut book = XlsxWriter::new(&from.variables, &data)?;
                    while let Some(response) = from.responses.blocking_recv() {
                        let response = response.map_err(|e| e.to_string())?;
                        book.push(&response_row(&from.tr, &from.questionnaire, &response))?;
                    }
                    book.finish(&codebook, &mut out)?;
                    out.send_rest().map_err(|e| e.to_string())
                })();
                if let Err(e) = written {
                    let _ = sender.blocking_send(broken_off(e));
                }
            });
        }
        rows => {
            tokio::spawn(async move {
                let (head, separator, tail): (Vec<u8>, Option<Separator>, &[u8]) = match rows {
                    Rows::Csv(separator) => {
                        let names: Vec<&str> =
                            from.variables.iter().map(|v| v.name.as_str()).collect();
                        (csv_head(&names, separator), Some(separator), b"")
                    }
                    _ => (b"[".to_vec(), None, b"\n]\n"),
                };
                if sender.send(Ok(head.into())).await.is_err() {
                    return;
                }
                let mut batch = Vec::with_capacity(BATCH);
                let mut first = true;
                while from.responses.recv_many(&mut batch, BATCH).await > 0 {
                    let mut piece = Vec::new();
                    let mut rows = Vec::with_capacity(batch.len());
                    for response in batch.drain(..) {
                        let response = match response {
                            Ok(response) => response,
                            Err(e) => {
                                let _ = sender.send(broken_off(e.to_string())).await;
                                return;
                            }
                        };
                        match separator {
                            Some(_) => {
                                rows.push(response_row(&from.tr, &from.questionnaire, &response))
                            }
                            None => {
                                piece.extend_from_slice(if first { b"\n" } else { b",\n" });
                                first = false;
                                let value = response_json(&from.tr, &from.questionnaire, &response);
                                piece.extend(serde_json::to_vec_pretty(&value).unwrap_or_default());
                            }
                        }
                    }
                    if let Some(separator) = separator {
                        piece = csv_lines(&rows, separator);
                    }
                    if sender.send(Ok(piece.into())).await.is_err() {
                        return;
                    }
                }
                let _ = sender.send(Ok(Bytes::from_static(tail))).await;
            });
        }
    }
    Body::from_stream(futures_util::stream::unfold(
        receiver,
        |mut receiver| async move { receiver.recv().await.map(|piece| (piece, receiver)) },
    ))
}

/// Logs why a download stops; the error sent on breaks it off.
fn broken_off(error: String) -> std::io::Result<Bytes> {
    tracing::error!("export broken off: {error}");
    Err(std::io::Error::other(error))
}

/// The file a blocking writer (the XLSX package) writes, sent on in pieces of 64 KiB.
struct ChannelWriter {
    sender: mpsc::Sender<std::io::Result<Bytes>>,
    buffer: Vec<u8>,
}

impl ChannelWriter {
    const PIECE: usize = 64 * 1024;

    fn new(sender: mpsc::Sender<std::io::Result<Bytes>>) -> Self {
        ChannelWriter {
            sender,
            buffer: Vec::with_capacity(Self::PIECE),
        }
    }

    /// Sends what is buffered; fails when the client has gone away.
    fn send_rest(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let piece = std::mem::replace(&mut self.buffer, Vec::with_capacity(Self::PIECE));
        self.sender
            .blocking_send(Ok(piece.into()))
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= Self::PIECE {
            self.send_rest()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send_rest()
    }
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
