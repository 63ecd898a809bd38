//! Responses of a project: listed with filters, read one by one, cleaned of personal data
//! and deleted with a reason.

use super::AppState;
use super::auth::Researcher;
use super::workspace::{AsEditor, InProject, WorkspaceError};
use super::workspace::{form_status, internal, page, tr};
use crate::domain::privacy::{PersonalData, redact, scan};
use crate::i18n::Tr;
use crate::storage::{ProjectSummary, ResponseFilter};
use crate::t;
use crate::ui::labels::answer_label;
use crate::ui::researcher::{
    AnswerLine, FilterValues, ResponsePage, ResponseView, ResponsesPage, ResponsesView, Viewer,
};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
/// At most this many responses are listed at once.
const RESPONSE_LIST_LIMIT: usize = 200;

#[derive(Debug, Default, Deserialize)]
pub struct ResponsesQuery {
    #[serde(default)]
    vragenlijst: String,
    #[serde(default)]
    doelgroep: String,
    #[serde(default)]
    meetmoment: String,
    #[serde(default)]
    van: String,
    #[serde(default)]
    tot: String,
}

fn parse_date(text: &str) -> Option<time::Date> {
    time::Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// `GET /beheer/projecten/{key}/antwoorden`: researchers and owners, never viewers.
pub async fn responses(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    axum::extract::Query(query): axum::extract::Query<ResponsesQuery>,
) -> Result<Response, WorkspaceError> {
    let filter = ResponseFilter {
        questionnaire: Some(query.vragenlijst.clone()).filter(|q| !q.is_empty()),
        audience: query.doelgroep.parse().ok(),
        wave: Some(query.meetmoment.clone()).filter(|w| !w.is_empty()),
        from: parse_date(&query.van),
        until: parse_date(&query.tot),
    };
    let questionnaires = state
        .db
        .project_questionnaires(project.id)
        .await
        .map_err(internal)?;
    let titles: std::collections::HashMap<String, String> = questionnaires
        .iter()
        .map(|q| (q.key.clone(), q.questionnaire.title.clone()))
        .collect();
    let rows = state
        .db
        .project_responses(project.id, &filter, RESPONSE_LIST_LIMIT as i64)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|row| {
            let title = titles
                .get(&row.questionnaire)
                .cloned()
                .unwrap_or_else(|| row.questionnaire.clone());
            (row, title)
        })
        .collect();
    let view = ResponsesView {
        viewer: Viewer::from(&researcher),
        questionnaires: questionnaires
            .iter()
            .map(|q| (q.key.clone(), q.questionnaire.title.clone()))
            .collect(),
        waves: state
            .db
            .project_waves(project.id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|w| (w.key, w.name))
            .collect(),
        filter: FilterValues {
            questionnaire: query.vragenlijst,
            audience: query.doelgroep,
            wave: query.meetmoment,
            from: query.van,
            until: query.tot,
        },
        rows,
        limit: RESPONSE_LIST_LIMIT,
        project,
    };
    let title = t!(tr(&state), "researcher-responses-title");
    Ok(page(
        &state,
        StatusCode::OK,
        title,
        move || view! { <ResponsesPage page=view.clone() /> },
    )
    .await)
}

async fn response_page(
    state: &AppState,
    researcher: &Researcher,
    project: ProjectSummary,
    id: i64,
    error: Option<String>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(state);
    let (row, answers) = state
        .db
        .project_response(project.id, id)
        .await
        .map_err(internal)?
        .ok_or(WorkspaceError::NotFound)?;
    let questionnaire = state
        .db
        .questionnaire_version(row.version_id)
        .await
        .map_err(internal)?;
    let applied = state
        .db
        .answer_codes(project.id, id)
        .await
        .map_err(internal)?;
    let code_options: Vec<(i64, String)> = state
        .db
        .codes(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let flags = state
        .db
        .answer_flags(project.id, id)
        .await
        .map_err(internal)?;
    // A linkage code is not an answer anyone reads, not even whether it was given.
    let answers = questionnaire
        .questions_for(row.audience)
        .filter(|q| q.kind.code_parts().is_none())
        .map(|q| {
            let question = q
                .wording_for(row.audience)
                .map(|w| w.text.clone())
                .unwrap_or_default();
            let answer = answers.get(&q.key).map(|values| {
                values
                    .iter()
                    .map(|v| answer_label(&tr, &q.kind, v))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            let flag = flags.get(&q.key).filter(|f| !f.reviewed).map(|f| {
                let kinds = f
                    .kinds
                    .iter()
                    .map(|k| kind_name(&tr, *k))
                    .collect::<Vec<_>>()
                    .join(", ");
                t!(tr, "researcher-flag", kinds = kinds)
            });
            let text = answers.get(&q.key).and_then(|v| v.first());
            let codes = applied
                .iter()
                .filter(|(key, _)| *key == q.key)
                .map(|(_, a)| {
                    let fragment = a.span.zip(text).and_then(|((s, e), t)| t.get(s..e));
                    let label = match fragment {
                        Some(f) => format!("{}: “{f}”", a.code),
                        None => a.code.clone(),
                    };
                    (a.id, label)
                })
                .collect();
            let codable = q.kind.is_text() && text.is_some();
            AnswerLine {
                key: q.key.clone(),
                question,
                answer,
                flag,
                codes,
                codable,
            }
        })
        .collect();
    let status = form_status(error.is_none());
    let view = ResponseView {
        viewer: Viewer::from(researcher),
        project,
        title: questionnaire.title,
        row,
        answers,
        error,
        code_options,
    };
    let title = t!(tr, "researcher-response-title", id = id);
    Ok(page(
        state,
        status,
        title,
        move || view! { <ResponsePage page=view.clone() /> },
    )
    .await)
}

pub(super) fn kind_name(tr: &Tr, kind: PersonalData) -> String {
    match kind {
        PersonalData::Email => t!(tr, "researcher-kind-email"),
        PersonalData::Phone => t!(tr, "researcher-kind-phone"),
        PersonalData::Postcode => t!(tr, "researcher-kind-postcode"),
        PersonalData::Bsn => t!(tr, "researcher-kind-bsn"),
        PersonalData::Name => t!(tr, "researcher-kind-name"),
    }
}

/// `POST …/antwoorden/{id}/gegevens/{question}/weglaten` (redact) or `…/in-orde` (keep).
pub async fn resolve_flag(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id, question, action)): Path<(String, i64, String, String)>,
) -> Result<Response, WorkspaceError> {
    let redacted = match action.as_str() {
        "weglaten" => {
            let (_, answers) = state
                .db
                .project_response(project.id, id)
                .await
                .map_err(internal)?
                .ok_or(WorkspaceError::NotFound)?;
            let text = answers
                .get(&question)
                .and_then(|v| v.first())
                .ok_or(WorkspaceError::NotFound)?;
            Some(redact(text, &scan(text)))
        }
        "in-orde" => None,
        _ => return Err(WorkspaceError::NotFound),
    };
    if !state
        .db
        .resolve_flag(project.id, id, &question, redacted.as_deref())
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    let what = if redacted.is_some() {
        "personal data removed"
    } else {
        "personal data reviewed"
    };
    researcher
        .audit(
            &state.db,
            Some(project.id),
            what,
            &format!("response {id}, {question}"),
        )
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/antwoorden/{id}")).into_response())
}

/// `GET /beheer/projecten/{key}/antwoorden/{id}`
pub async fn response(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, WorkspaceError> {
    response_page(&state, &researcher, project, id, None).await
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    reason: String,
}

/// `POST /beheer/projecten/{key}/antwoorden/{id}/verwijderen`: with a reason, audit-logged.
pub async fn delete_response(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, WorkspaceError> {
    let reason = form.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        let error = t!(tr(&state), "researcher-response-reason-missing");
        return response_page(&state, &researcher, project, id, Some(error)).await;
    }
    if !state
        .db
        .delete_response(project.id, id)
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    let detail = format!("response {id}: {reason}");
    researcher
        .audit(&state.db, Some(project.id), "response deleted", &detail)
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/antwoorden")).into_response())
}
