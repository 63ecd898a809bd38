//! The one error type of the workspace, with its status and its Dutch message in one place.
//!
//! Use it for every way a workspace request can fail: `?` on storage calls turns a
//! [`StorageError`] into [`WorkspaceError::Internal`] (logged, never shown). A form that can
//! be shown again with what must be fixed is not an error: its handler renders it with 422.
//! The handler's response carries only the kind; [`error_pages`] turns it into a page in the
//! researcher's language.

use super::pages::page;
use crate::i18n::Tr;
use crate::server::AppState;
use crate::server::auth::LOGIN;
use crate::storage::StorageError;
use crate::t;
use crate::ui::researcher::ErrorPage;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

/// Why a workspace request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkspaceError {
    /// No (valid) session: to the login page.
    Login,
    /// Logged in, but not allowed (or the project is not theirs: the same answer, so
    /// nobody learns which projects exist).
    Forbidden,
    /// No such item in this project (also when it belongs to another project).
    NotFound,
    /// A request no form of ours sends (a value out of range, a missing field).
    Invalid,
    /// A form without this session's CSRF token.
    Csrf,
    /// Anything else; logged with its cause, shown as a plain apology.
    Internal(String),
}

impl From<StorageError> for WorkspaceError {
    fn from(error: StorageError) -> Self {
        WorkspaceError::Internal(error.to_string())
    }
}

impl WorkspaceError {
    fn status(&self) -> StatusCode {
        match self {
            WorkspaceError::Login => StatusCode::SEE_OTHER,
            WorkspaceError::Forbidden | WorkspaceError::Csrf => StatusCode::FORBIDDEN,
            WorkspaceError::NotFound => StatusCode::NOT_FOUND,
            WorkspaceError::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            WorkspaceError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The page's title and text in the researcher's language.
    fn message(&self, tr: &Tr) -> (String, String) {
        match self {
            WorkspaceError::Login | WorkspaceError::Forbidden => (
                t!(tr, "workspace-error-forbidden-title"),
                t!(tr, "workspace-error-forbidden"),
            ),
            WorkspaceError::NotFound => (
                t!(tr, "workspace-error-not-found-title"),
                t!(tr, "workspace-error-not-found"),
            ),
            WorkspaceError::Invalid => (
                t!(tr, "workspace-error-invalid-title"),
                t!(tr, "workspace-error-invalid"),
            ),
            WorkspaceError::Csrf => (
                t!(tr, "workspace-error-csrf-title"),
                t!(tr, "workspace-error-csrf"),
            ),
            WorkspaceError::Internal(_) => (
                t!(tr, "workspace-error-internal-title"),
                t!(tr, "workspace-error-internal"),
            ),
        }
    }
}

impl IntoResponse for WorkspaceError {
    fn into_response(self) -> Response {
        match &self {
            WorkspaceError::Login => return Redirect::to(LOGIN).into_response(),
            WorkspaceError::Internal(error) => {
                tracing::error!(error, "researcher request failed");
            }
            _ => {}
        }
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// Renders the page of a [`WorkspaceError`] that a handler (or a layer) answered with.
pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let Some(error) = response.extensions().get::<WorkspaceError>().cloned() else {
        return response;
    };
    let (title, text) = error.message(&state.translations.get(None));
    let heading = title.clone();
    page(&state, error.status(), title, move || {
        view! { <ErrorPage title=heading.clone() text=text.clone() /> }
    })
    .await
}
