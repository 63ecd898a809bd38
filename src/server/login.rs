//! Logging in and out. Every attempt is counted in the database before the password is
//! checked, per account and per client (the address from a configured trusted proxy header,
//! or the peer), so that parallel attempts and several app servers cannot get past the
//! limits. A locked account, an unknown address and a wrong password get the same answer
//! after the same work: a password hash. At most [`auth::HASHES_AT_ONCE`] hashes run at once.

use super::AppState;
use super::auth::{self, ACCOUNT_LIMIT, CLIENT_LIMIT, LOGIN_WINDOW_SECS, Researcher};
use crate::server::workspace::WorkspaceError;
use crate::server::workspace::{internal, page, tr};
use crate::storage::Subject;
use crate::t;
use crate::ui::researcher::{LoginPage, LoginView};
use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::header::HeaderName;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use hmac::{KeyInit, Mac};
use leptos::prelude::*;
use serde::Deserialize;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use tokio::sync::Semaphore;
use tower_sessions::Session;

/// What logging in needs besides the database: the permits for password hashes and the
/// header a trusted reverse proxy puts the client's address in.
#[derive(Debug, Clone)]
pub struct LoginSettings {
    pub hashing: Arc<Semaphore>,
    pub client_header: Option<HeaderName>,
}

impl Default for LoginSettings {
    fn default() -> Self {
        LoginSettings {
            hashing: Arc::new(Semaphore::new(auth::HASHES_AT_ONCE)),
            client_header: None,
        }
    }
}

/// The client's address, for login throttling only (hashed with a key before it is stored,
/// never logged). Behind a reverse proxy it is the last address of the configured header,
/// the one the proxy itself added; a client cannot forge it.
pub struct ClientAddr(Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = || {
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip())
        };
        let address = match &state.login.client_header {
            Some(header) => parts
                .headers
                .get_all(header)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .next_back()
                .and_then(|a| a.trim().parse().ok())
                .or_else(peer),
            None => peer(),
        };
        Ok(ClientAddr(address))
    }
}

/// `GET /beheer/inloggen`
pub async fn login_form(State(state): State<AppState>, session: Session) -> Response {
    if session.get::<i64>("user").await.ok().flatten().is_some() {
        return Redirect::to(auth::BASE).into_response();
    }
    login_page(&state, StatusCode::OK, LoginView::default()).await
}

async fn login_page(state: &AppState, status: StatusCode, view: LoginView) -> Response {
    let title = t!(tr(state), "researcher-login-title");
    page(
        state,
        status,
        title,
        move || view! { <LoginPage page=view.clone() /> },
    )
    .await
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
}

/// The keyed hash a subject of the throttle is stored under: the key is the app's own
/// secret, so the table alone does not say which address or e-mail address tried.
fn subject(key: &str, kind: &str, value: &str, limit: i64) -> Result<Subject, WorkspaceError> {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).map_err(internal)?;
    mac.update(value.as_bytes());
    let digest = mac.finalize().into_bytes();
    Ok(Subject {
        key: format!("{kind}:{}", crate::domain::code::encode(&digest[..16])),
        limit,
    })
}

/// `POST /beheer/inloggen`
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    session: Session,
    Form(form): Form<LoginForm>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let refused = |message: String| LoginView {
        email: form.email.clone(),
        error: Some(message),
    };
    let key = state
        .db
        .app_secret("login-throttle", || {
            crate::domain::code::encode(&rand::random::<[u8; 32]>())
        })
        .await
        .map_err(internal)?;
    let email = form.email.trim().to_lowercase();
    let mut subjects = vec![subject(&key, "account", &email, ACCOUNT_LIMIT)?];
    if let Some(client) = client {
        subjects.push(subject(&key, "client", &client.to_string(), CLIENT_LIMIT)?);
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let within = state
        .db
        .count_login_attempt(&subjects, now, LOGIN_WINDOW_SECS)
        .await
        .map_err(internal)?;
    if within.get(1) == Some(&false) {
        let mut response = login_page(
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            refused(t!(tr, "researcher-login-throttled")),
        )
        .await;
        response
            .headers_mut()
            .insert("retry-after", HeaderValue::from(LOGIN_WINDOW_SECS));
        return Ok(response);
    }
    let Ok(_permit) =
        tokio::time::timeout(auth::HASH_WAIT, state.login.hashing.clone().acquire_owned()).await
    else {
        return Ok(busy(&state, refused(t!(tr, "researcher-login-busy"))).await);
    };
    let user = match auth::login_email(&form.email) {
        Some(email) => state.db.user_by_email(&email).await.map_err(internal)?,
        None => None,
    };
    // A locked account is checked against the dummy hash, like an unknown one.
    let unlocked = within[0];
    let hash = user
        .as_ref()
        .filter(|_| unlocked)
        .map(|u| u.password_hash.clone());
    let valid = auth::verify_password(form.password.clone(), hash).await;
    match user {
        Some(user) if valid && unlocked => {
            // The account starts afresh; the client only gets this attempt back, so that a
            // client with one good account cannot wipe its guesses at others by logging in
            // between them, and many people behind one address can all log in.
            state
                .db
                .clear_login_attempts(&[subjects[0].key.as_str()])
                .await
                .map_err(internal)?;
            if let Some(client) = subjects.get(1) {
                state
                    .db
                    .forgive_login_attempt(&client.key)
                    .await
                    .map_err(internal)?;
            }
            auth::start_session(&session, &user)
                .await
                .map_err(internal)?;
            Ok(Redirect::to(auth::BASE).into_response())
        }
        _ => Ok(login_page(
            &state,
            StatusCode::UNAUTHORIZED,
            refused(t!(tr, "researcher-login-failed")),
        )
        .await),
    }
}

/// A 429 when too many passwords are being hashed at once, with a hint to retry.
async fn busy(state: &AppState, view: LoginView) -> Response {
    let mut response = login_page(state, StatusCode::TOO_MANY_REQUESTS, view).await;
    response
        .headers_mut()
        .insert("retry-after", HeaderValue::from_static("5"));
    response
}

#[derive(Deserialize)]
pub struct LogoutForm {}

/// `POST /beheer/uitloggen`: ends this session. The browser is told to forget what this
/// site stored (interview drafts in local storage among it).
pub async fn logout(researcher: Researcher) -> Result<Response, WorkspaceError> {
    researcher.session.flush().await.map_err(internal)?;
    Ok(signed_out())
}

/// `POST /beheer/uitloggen/overal`: ends every session of this account, on every device.
pub async fn logout_everywhere(
    State(state): State<AppState>,
    researcher: Researcher,
) -> Result<Response, WorkspaceError> {
    state
        .db
        .end_sessions(researcher.user.id, None)
        .await
        .map_err(internal)?;
    researcher
        .audit(&state.db, None, "logged out everywhere", "")
        .await?;
    researcher.session.flush().await.map_err(internal)?;
    Ok(signed_out())
}

fn signed_out() -> Response {
    let mut response = Redirect::to(auth::LOGIN).into_response();
    response.headers_mut().insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    response
}
