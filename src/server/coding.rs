//! The codebook and coding: one set of codes per project, applied to open answers (and, as
//! they arrive, to insights and interview quotes), every change in the audit log.

use super::AppState;
use super::auth::Researcher;
use super::workspace::{AsEditor, AsViewer, InProject, WorkspaceError};
use crate::domain::account::Role;
use crate::server::workspace::{form_status, internal, page, page_with, tr};
use crate::storage::{ProjectSummary, StorageError};
use crate::t;
use crate::ui::researcher::{CodebookPage, CodebookView, QueuePage, QueueView, Viewer};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

async fn codebook_page(
    state: &AppState,
    researcher: &Researcher,
    project: ProjectSummary,
    errors: Vec<String>,
) -> Result<Response, WorkspaceError> {
    let can_edit = project.role.is_some_and(|r| r.allows(Role::Researcher));
    let view = CodebookView {
        viewer: Viewer::from(researcher),
        codes: state.db.codes_in_use(project.id).await.map_err(internal)?,
        themes: state
            .db
            .project_themes(project.id)
            .await
            .map_err(internal)?,
        can_edit,
        errors,
        project,
    };
    let status = form_status(view.errors.is_empty());
    let title = t!(tr(state), "researcher-codebook");
    Ok(page(
        state,
        status,
        title,
        move || view! { <CodebookPage page=view.clone() /> },
    )
    .await)
}

fn to_codebook(key: &str) -> Response {
    Redirect::to(&format!("/beheer/projecten/{key}/codeboek")).into_response()
}

/// `GET /beheer/projecten/{key}/codeboek`: everyone in the project may read it.
pub async fn codebook(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsViewer>,
) -> Result<Response, WorkspaceError> {
    codebook_page(&state, &researcher, project, Vec::new()).await
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    theme: String,
}

/// `POST /beheer/projecten/{key}/codeboek`: a new code (under a top-level code, or top-level).
pub async fn create_code(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(key): Path<String>,
    Form(form): Form<CodeForm>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return codebook_page(
            &state,
            &researcher,
            project,
            vec![t!(tr, "researcher-code-name-missing")],
        )
        .await;
    }
    let codes = state.db.codes(project.id).await.map_err(internal)?;
    // Two levels: a parent must itself be top-level.
    let parent = form
        .parent
        .parse::<i64>()
        .ok()
        .filter(|id| codes.iter().any(|c| c.id == *id && c.parent_id.is_none()));
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    let theme = themes
        .iter()
        .find(|t| t.key == form.theme)
        .map(|t| t.key.as_str());
    match state
        .db
        .create_code(project.id, name, form.description.trim(), parent, theme)
        .await
    {
        Ok(_) => {}
        Err(StorageError::Conflict(_)) => {
            return codebook_page(
                &state,
                &researcher,
                project,
                vec![t!(tr, "researcher-code-exists")],
            )
            .await;
        }
        Err(e) => return Err(internal(e)),
    }
    researcher
        .audit(&state.db, Some(project.id), "code created", name)
        .await?;
    Ok(to_codebook(&key))
}

/// `POST /beheer/projecten/{key}/codeboek/{code}`: rename.
pub async fn update_code(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, code)): Path<(String, i64)>,
    Form(form): Form<CodeForm>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return codebook_page(
            &state,
            &researcher,
            project,
            vec![t!(tr, "researcher-code-name-missing")],
        )
        .await;
    }
    match state
        .db
        .update_code(project.id, code, name, form.description.trim())
        .await
    {
        Ok(true) => {}
        Ok(false) => return Err(WorkspaceError::NotFound),
        Err(StorageError::Conflict(_)) => {
            return codebook_page(
                &state,
                &researcher,
                project,
                vec![t!(tr, "researcher-code-exists")],
            )
            .await;
        }
        Err(e) => return Err(internal(e)),
    }
    researcher
        .audit(&state.db, Some(project.id), "code renamed", name)
        .await?;
    Ok(to_codebook(&key))
}

#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    into: i64,
}

/// `POST /beheer/projecten/{key}/codeboek/{code}/samenvoegen`: every use moves to `into`.
pub async fn merge_code(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, code)): Path<(String, i64)>,
    Form(form): Form<MergeForm>,
) -> Result<Response, WorkspaceError> {
    if !state
        .db
        .merge_codes(project.id, code, form.into)
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    let detail = format!("code {code} into {}", form.into);
    researcher
        .audit(&state.db, Some(project.id), "codes merged", &detail)
        .await?;
    Ok(to_codebook(&key))
}

/// `POST /beheer/projecten/{key}/codeboek/{code}/verwijderen`
pub async fn delete_code(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, code)): Path<(String, i64)>,
) -> Result<Response, WorkspaceError> {
    if !state
        .db
        .delete_code(project.id, code)
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "code deleted",
            &code.to_string(),
        )
        .await?;
    Ok(to_codebook(&key))
}

#[derive(Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    question: String,
    #[serde(default)]
    code: i64,
    #[serde(default)]
    fragment: String,
}

/// `POST /beheer/projecten/{key}/antwoorden/{id}/codes`: a code on an open answer, on the
/// whole text or on a fragment of it (found in the text, so no offsets are trusted).
pub async fn apply_code(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<ApplyForm>,
) -> Result<Response, WorkspaceError> {
    let (_, answers) = state
        .db
        .project_response(project.id, id)
        .await
        .map_err(internal)?
        .ok_or(WorkspaceError::NotFound)?;
    let text = answers
        .get(&form.question)
        .and_then(|v| v.first())
        .ok_or(WorkspaceError::NotFound)?;
    let fragment = form.fragment.trim();
    let span = if fragment.is_empty() {
        None
    } else {
        match text.find(fragment) {
            Some(start) => Some((start, start + fragment.len())),
            None => {
                let message = t!(tr(&state), "researcher-code-fragment-missing");
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, message).into_response());
            }
        }
    };
    if !state
        .db
        .apply_code_to_answer(
            project.id,
            form.code,
            id,
            &form.question,
            span,
            researcher.user.id,
        )
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    let detail = format!("code {} on response {id}, {}", form.code, form.question);
    researcher
        .audit(&state.db, Some(project.id), "coded", &detail)
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/antwoorden/{id}")).into_response())
}

/// Takes one application of a code off whatever it was on (`on` says what, for the audit
/// log).
pub(super) async fn remove_application(
    state: &AppState,
    access: &InProject<AsEditor>,
    application: i64,
    on: &str,
) -> Result<(), WorkspaceError> {
    let (researcher, project) = (&access.researcher, &access.project);
    if !state
        .db
        .remove_application(project.id, application)
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    let detail = format!("application {application} on {on}");
    researcher
        .audit(&state.db, Some(project.id), "code removed", &detail)
        .await
}

/// `POST /beheer/projecten/{key}/antwoorden/{id}/codes/{application}/verwijderen`
pub async fn remove_code(
    State(state): State<AppState>,
    access: InProject<AsEditor>,
    Path((key, id, application)): Path<(String, i64, i64)>,
) -> Result<Response, WorkspaceError> {
    remove_application(&state, &access, application, &format!("response {id}")).await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/antwoorden/{id}")).into_response())
}

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    vraag: String,
    #[serde(default)]
    na: i64,
}

/// Every open question of the project: ("questionnaire/question", label).
async fn open_questions(
    state: &AppState,
    project: &ProjectSummary,
) -> Result<Vec<(String, String)>, WorkspaceError> {
    Ok(state
        .db
        .project_questionnaires(project.id)
        .await
        .map_err(internal)?
        .iter()
        .flat_map(|q| {
            q.questionnaire
                .questions
                .iter()
                .filter(|question| question.kind.is_text())
                .map(move |question| {
                    let text = question
                        .wording
                        .values()
                        .next()
                        .map(|w| w.text.clone())
                        .unwrap_or_default();
                    (
                        format!("{}/{}", q.key, question.key),
                        format!("{}: {text}", q.questionnaire.title),
                    )
                })
        })
        .collect())
}

/// `GET /beheer/projecten/{key}/codeboek/wachtrij?vraag=questionnaire/question&na=id`
pub async fn queue(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    axum::extract::Query(query): axum::extract::Query<QueueQuery>,
) -> Result<Response, WorkspaceError> {
    let questions = open_questions(&state, &project).await?;
    let selected = questions
        .iter()
        .find(|(v, _)| *v == query.vraag)
        .map(|(v, _)| v.clone())
        .unwrap_or_default();
    let item = match selected.split_once('/') {
        Some((questionnaire, question)) => state
            .db
            .next_uncoded(project.id, questionnaire, question, query.na)
            .await
            .map_err(internal)?,
        None => None,
    };
    let view = QueueView {
        viewer: Viewer::from(&researcher),
        codes: state
            .db
            .codes(project.id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        project,
        questions,
        selected,
        item,
    };
    let title = t!(tr(&state), "researcher-queue");
    Ok(page_with(
        &state,
        StatusCode::OK,
        title,
        true,
        move || view! { <QueuePage page=view.clone() /> },
    )
    .await)
}

/// `POST /beheer/projecten/{key}/codeboek/wachtrij`: the chosen codes on the whole answer,
/// then the next one.
pub async fn code_from_queue(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(key): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WorkspaceError> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let selected = field("vraag").to_owned();
    let (_, question) = selected.split_once('/').ok_or(WorkspaceError::Invalid)?;
    let response: i64 = field("response")
        .parse()
        .map_err(|_| WorkspaceError::Invalid)?;
    let codes: Vec<i64> = form
        .iter()
        .filter(|(k, _)| k == "code")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    for code in &codes {
        if !state
            .db
            .apply_code_to_answer(
                project.id,
                *code,
                response,
                question,
                None,
                researcher.user.id,
            )
            .await
            .map_err(internal)?
        {
            return Err(WorkspaceError::NotFound);
        }
    }
    if !codes.is_empty() {
        let detail = format!("{} code(s) on response {response}, {question}", codes.len());
        researcher
            .audit(&state.db, Some(project.id), "coded", &detail)
            .await?;
    }
    let next = format!("/beheer/projecten/{key}/codeboek/wachtrij?vraag={selected}&na={response}");
    Ok(Redirect::to(&next).into_response())
}
