//! What every workspace page borrows: the language, the page frame, form statuses and the
//! way back to a project.

use super::WorkspaceError;
use crate::i18n::Tr;
use crate::server::AppState;
use crate::server::render::{PageFrame, render};
use crate::t;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

pub fn internal(e: impl std::fmt::Display) -> WorkspaceError {
    WorkspaceError::Internal(e.to_string())
}

pub fn tr(state: &AppState) -> Tr {
    state.translations.get(None)
}

/// 200 for a page shown as asked, 422 for a form shown again with what must be fixed.
pub fn form_status(fine: bool) -> StatusCode {
    if fine {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// A researcher page without islands.
pub async fn page<F, V>(state: &AppState, status: StatusCode, title: String, body: F) -> Response
where
    F: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    page_with(state, status, title, false, body).await
}

/// A researcher page; `islands` when it has interactive parts.
pub async fn page_with<F, V>(
    state: &AppState,
    status: StatusCode,
    title: String,
    islands: bool,
    body: F,
) -> Response
where
    F: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let tr = tr(state);
    let title = format!("{title} – {}", t!(tr, "researcher-site"));
    render(state, status, PageFrame { tr, title, islands }, body).await
}

pub fn back_to(key: &str) -> Response {
    Redirect::to(&format!("/beheer/projecten/{key}")).into_response()
}
