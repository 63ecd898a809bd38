//! The first start of an empty installation: the server prints a one-time link through
//! which the first administrator is made in the browser. The link holds a random token,
//! works for an hour, once, and only while there is no account at all.

use super::AppState;
use super::accounts::password_message;
use super::auth;
use super::workspace::{WorkspaceError, internal, page, tr};
use crate::domain::account::{Email, check_new_password};
use crate::t;
use crate::ui::researcher::{FirstRunPage, FirstRunView};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a setup link works.
const VALID_FOR: Duration = Duration::from_secs(60 * 60);

/// A setup link's token, as its SHA-256, and when it expires.
type Offer = ([u8; 32], Instant);

/// The one setup link there may be.
#[derive(Debug, Clone, Default)]
pub struct SetupLink(Arc<Mutex<Option<Offer>>>);

impl SetupLink {
    /// Makes a fresh link (replacing any earlier one) and returns its token.
    pub fn offer(&self) -> String {
        let token = crate::domain::code::encode(&rand::random::<[u8; 26]>());
        let hash: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        *self.lock() = Some((hash, Instant::now() + VALID_FOR));
        token
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Offer>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether `token` is the link's and still valid.
    fn accepts(&self, token: &str) -> bool {
        valid(&self.lock(), token)
    }

    /// Uses the link up: the offer, for exactly one caller holding the valid token.
    fn take(&self, token: &str) -> Option<Offer> {
        let mut link = self.lock();
        if valid(&link, token) {
            link.take()
        } else {
            None
        }
    }

    /// Puts an offer back that could not be used (the account could not be stored).
    fn give_back(&self, offer: Offer) {
        self.lock().get_or_insert(offer);
    }
}

/// Whether `offer` is there, for `token`, and not expired.
fn valid(offer: &Option<Offer>, token: &str) -> bool {
    let hash: [u8; 32] = Sha256::digest(token.as_bytes()).into();
    matches!(*offer, Some((h, until)) if h == hash && Instant::now() < until)
}

/// The token is valid and there is no account yet; otherwise the page does not exist.
async fn check(state: &AppState, token: &str) -> Result<(), WorkspaceError> {
    if !state.setup.accepts(token) || state.db.has_accounts().await.map_err(internal)? {
        return Err(WorkspaceError::NotFound);
    }
    Ok(())
}

async fn form_page(
    state: &AppState,
    status: StatusCode,
    view: FirstRunView,
) -> Result<Response, WorkspaceError> {
    let title = t!(tr(state), "first-run-title");
    Ok(page(
        state,
        status,
        title,
        move || view! { <FirstRunPage page=view.clone() /> },
    )
    .await)
}

/// `GET /beheer/start/{token}`
pub async fn form(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, WorkspaceError> {
    check(&state, &token).await?;
    let view = FirstRunView {
        action: format!("{}/start/{token}", auth::BASE),
        ..FirstRunView::default()
    };
    form_page(&state, StatusCode::OK, view).await
}

#[derive(Deserialize)]
pub struct FirstRunForm {
    email: String,
    password: String,
    again: String,
}

/// `POST /beheer/start/{token}`: makes the first administrator and uses the link up.
pub async fn create(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(form): Form<FirstRunForm>,
) -> Result<Response, WorkspaceError> {
    check(&state, &token).await?;
    let tr = tr(&state);
    let mut problems = Vec::new();
    let email = Email::parse(&form.email);
    match &email {
        Err(_) => problems.push(t!(tr, "researcher-account-bad-email")),
        Ok(email) => {
            if let Err(weak) = check_new_password(&form.password, email) {
                problems.push(password_message(&tr, weak));
            }
        }
    }
    if form.password != form.again {
        problems.push(t!(tr, "first-run-differ"));
    }
    let (Ok(email), true) = (email, problems.is_empty()) else {
        let view = FirstRunView {
            action: format!("{}/start/{token}", auth::BASE),
            email: form.email,
            problems,
        };
        return form_page(&state, StatusCode::UNPROCESSABLE_ENTITY, view).await;
    };
    let Some(offer) = state.setup.take(&token) else {
        return Err(WorkspaceError::NotFound);
    };
    let hash = match auth::hash_password(form.password).await {
        Ok(hash) => hash,
        Err(error) => {
            state.setup.give_back(offer);
            return Err(internal(error));
        }
    };
    if let Err(error) = state.db.create_user(&email, &hash, true).await {
        state.setup.give_back(offer);
        return Err(internal(error));
    }
    state
        .db
        .audit(None, None, "administrator created", email.as_str())
        .await
        .map_err(internal)?;
    Ok(Redirect::to(&format!("{}/inloggen", auth::BASE)).into_response())
}
