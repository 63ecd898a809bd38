//! Recorded readings in the workspace: per questionnaire and language, every question as each
//! audience reads it, with what a recording must say, whether one is kept and still reads
//! the words as they are, and a form to send one (a sound file from a phone).

use super::AppState;
use super::authoring::{editor_url, questionnaire};
use super::speech;
use super::workspace::{AsEditor, InProject, WorkspaceError, form_status, page, tr};
use crate::domain::recording::{script, script_fingerprint, sound_type};
use crate::domain::translation::is_right_to_left;
use crate::domain::{Audience, Questionnaire};
use crate::i18n::Tr;
use crate::storage::{ProjectSummary, ReadingOf, Sound};
use crate::t;
use crate::ui::researcher::{RecordingRow, RecordingsPage, RecordingsView, Viewer, audience_name};
use axum::Form;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use sha2::Digest;

/// The language in the path: any the app speaks, Dutch too.
fn language(state: &AppState, code: &str) -> Result<Tr, WorkspaceError> {
    state
        .translations
        .all()
        .iter()
        .find(|l| l.code() == code)
        .cloned()
        .ok_or(WorkspaceError::NotFound)
}

fn page_url(project: &str, questionnaire: &str, language: &str) -> String {
    format!("{}/opnames/{language}", editor_url(project, questionnaire))
}

/// Which recording a form or link is about.
#[derive(Deserialize)]
pub struct Which {
    vraag: String,
    voor: String,
}

impl Which {
    fn of<'a>(&'a self, id: i64, language: &'a str) -> Result<ReadingOf<'a>, WorkspaceError> {
        Ok(ReadingOf {
            questionnaire_id: id,
            question: &self.vraag,
            audience: self.voor.parse().map_err(|_| WorkspaceError::Invalid)?,
            language,
        })
    }
}

#[derive(Deserialize, Default)]
pub struct RecordingsQuery {
    opgeslagen: Option<u8>,
    verwijderd: Option<u8>,
}

async fn recordings_page(
    state: &AppState,
    viewer: Viewer,
    project: &ProjectSummary,
    (id, q): (i64, &Questionnaire),
    language: &Tr,
    notice: Option<String>,
    problems: Vec<String>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(state);
    let code = language.code();
    let kept = state.db.recordings(id, code, None).await?;
    let shown = q.in_language(code);
    let base = page_url(&project.key, &q.key, code);
    let mut rows = Vec::new();
    for question in &q.questions {
        for audience in Audience::ALL {
            let Some(lines) = script(&shown, &question.key, audience) else {
                continue;
            };
            let recording = kept
                .iter()
                .find(|r| r.question == question.key && r.audience == audience);
            let status = match recording {
                None => t!(tr, "researcher-recording-synthetic"),
                Some(r) if r.script_fingerprint == script_fingerprint(&lines) => {
                    let kilobytes = (r.size + 1023) / 1024;
                    t!(tr, "researcher-recording-current", size = kilobytes)
                }
                Some(_) => t!(tr, "researcher-recording-outdated"),
            };
            rows.push(RecordingRow {
                question: question.key.clone(),
                audience: audience.as_str().to_owned(),
                heading: t!(
                    tr,
                    "researcher-recording-heading",
                    question = question.key.clone(),
                    audience = audience_name(&tr, audience)
                ),
                lines,
                status,
                listen: recording.map(|r| {
                    format!(
                        "{base}/geluid?vraag={}&voor={}&v={}",
                        question.key,
                        audience.as_str(),
                        r.sha
                    )
                }),
            });
        }
    }
    let language_name = t!(language, "language-name");
    let title = t!(
        tr,
        "researcher-recordings",
        language = language_name.clone()
    );
    let view = RecordingsView {
        viewer,
        project_key: project.key.clone(),
        project_name: project.name.clone(),
        questionnaire_key: q.key.clone(),
        questionnaire_title: q.title.clone(),
        language: code.to_owned(),
        right_to_left: is_right_to_left(code),
        title: title.clone(),
        rows,
        notice,
        problems: problems.clone(),
    };
    Ok(page(
        state,
        form_status(problems.is_empty()),
        format!("{title} – {}", q.title),
        move || view! { <RecordingsPage page=view.clone() /> },
    )
    .await)
}

/// `GET …/vragenlijsten/{questionnaire}/opnames/{lang}`: every question's reading.
pub async fn recordings(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey, lang)): Path<(String, String, String)>,
    Query(query): Query<RecordingsQuery>,
) -> Result<Response, WorkspaceError> {
    let language = language(&state, &lang)?;
    let summary = questionnaire(&state, &project, &qkey).await?;
    let tr = tr(&state);
    let notice = match (query.opgeslagen, query.verwijderd) {
        (Some(_), _) => Some(t!(tr, "researcher-recording-saved")),
        (None, Some(_)) => Some(t!(tr, "researcher-recording-deleted")),
        _ => None,
    };
    recordings_page(
        &state,
        Viewer::from(&researcher),
        &project,
        (summary.id, &summary.questionnaire),
        &language,
        notice,
        Vec::new(),
    )
    .await
}

/// `POST …/opnames/{lang}`: a recording of one question for one audience (a multipart form
/// with `vraag`, `voor` and the file `opname`), kept in place of the one before.
pub async fn upload(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey, lang)): Path<(String, String, String)>,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Response, WorkspaceError> {
    let language = language(&state, &lang)?;
    let summary = questionnaire(&state, &project, &qkey).await?;
    // Only now: what is not in the project is not found, whatever was sent.
    let mut form = form.map_err(|_| WorkspaceError::Invalid)?;
    let (mut question, mut audience, mut file) = (String::new(), String::new(), Vec::new());
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| WorkspaceError::Invalid)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|_| WorkspaceError::Invalid)?;
        match name.as_str() {
            "vraag" => question = String::from_utf8_lossy(&bytes).into_owned(),
            "voor" => audience = String::from_utf8_lossy(&bytes).into_owned(),
            "opname" => file = bytes.to_vec(),
            _ => {}
        }
    }
    let which = Which {
        vraag: question,
        voor: audience,
    };
    let of = which.of(summary.id, language.code())?;
    let tr = tr(&state);
    let shown = summary.questionnaire.in_language(language.code());
    // What is wrong, or the words it reads and the kind of sound it is.
    let checked = match (script(&shown, of.question, of.audience), sound_type(&file)) {
        (None, _) => Err(t!(tr, "researcher-recording-unknown")),
        (Some(_), _) if file.is_empty() => Err(t!(tr, "researcher-recording-empty")),
        (Some(_), None) => Err(t!(tr, "researcher-recording-not-audio")),
        (Some(lines), Some(content_type)) => Ok((lines, content_type)),
    };
    let (lines, content_type) = match checked {
        Ok(checked) => checked,
        Err(problem) => {
            return recordings_page(
                &state,
                Viewer::from(&researcher),
                &project,
                (summary.id, &summary.questionnaire),
                &language,
                None,
                vec![problem],
            )
            .await;
        }
    };
    let sha = sha2::Sha256::digest(&file);
    let sound = Sound {
        content_type: content_type.to_owned(),
        sha: sha[..8].iter().map(|b| format!("{b:02x}")).collect(),
        bytes: file,
    };
    state
        .db
        .keep_recording(of, &script_fingerprint(&lines), &sound)
        .await?;
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "recording saved",
            &format!(
                "{qkey} {} {} {}",
                of.question,
                of.audience.as_str(),
                of.language
            ),
        )
        .await?;
    let to = format!(
        "{}?opgeslagen=1#opname-{}-{}",
        page_url(&project.key, &qkey, language.code()),
        of.question,
        of.audience.as_str()
    );
    Ok(Redirect::to(&to).into_response())
}

/// `POST …/opnames/{lang}/verwijderen`: back to the synthetic voice for one reading.
pub async fn remove(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey, lang)): Path<(String, String, String)>,
    Form(which): Form<Which>,
) -> Result<Response, WorkspaceError> {
    let language = language(&state, &lang)?;
    let summary = questionnaire(&state, &project, &qkey).await?;
    let of = which.of(summary.id, language.code())?;
    if !state.db.delete_recording(of).await? {
        return Err(WorkspaceError::NotFound);
    }
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "recording deleted",
            &format!(
                "{qkey} {} {} {}",
                of.question,
                of.audience.as_str(),
                of.language
            ),
        )
        .await?;
    let to = format!(
        "{}?verwijderd=1",
        page_url(&project.key, &qkey, language.code())
    );
    Ok(Redirect::to(&to).into_response())
}

/// `GET …/opnames/{lang}/geluid?vraag=…&voor=…`: a kept recording, to listen to.
pub async fn listen(
    State(state): State<AppState>,
    InProject { project, .. }: InProject<AsEditor>,
    Path((_, qkey, lang)): Path<(String, String, String)>,
    which: Result<Query<Which>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, WorkspaceError> {
    let language = language(&state, &lang)?;
    let summary = questionnaire(&state, &project, &qkey).await?;
    let Query(which) = which.map_err(|_| WorkspaceError::Invalid)?;
    let of = which.of(summary.id, language.code())?;
    let (_, sound) = state
        .db
        .recording(of)
        .await?
        .ok_or(WorkspaceError::NotFound)?;
    let mut response = speech::respond(sound.bytes, &sound.content_type, &headers);
    // Named by the page's `v=` only: kept by no one, as a new recording keeps the address.
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}
