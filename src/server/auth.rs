//! Who is asking: researcher sessions (server-side, in the app's database), passwords
//! (Argon2id), login throttling and CSRF protection. Respondent routes never see any of it:
//! the session layer only wraps `/beheer`.

use super::AppState;
use crate::domain::account::Email;
use crate::server::workspace::WorkspaceError;
use crate::storage::{Db, User};
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions::{Expiry, Session, SessionManagerLayer};

/// Where researchers work; the session cookie is only sent here.
pub const BASE: &str = "/beheer";
pub const LOGIN: &str = "/beheer/inloggen";
const USER_KEY: &str = "user";
const CSRF_KEY: &str = "csrf";
/// A session ends after this long without a request.
const IDLE: time::Duration = time::Duration::hours(8);

/// Login attempts on one account within the window before it is locked until the window
/// ends, and from one client before it must wait.
pub const ACCOUNT_LIMIT: i64 = 5;
pub const CLIENT_LIMIT: i64 = 20;
pub const LOGIN_WINDOW_SECS: i64 = 15 * 60;
/// Password hashes computed at once (19 MiB and most of a core each); more wait a little,
/// then get a 429.
pub const HASHES_AT_ONCE: usize = 2;
pub(super) const HASH_WAIT: Duration = Duration::from_secs(3);

/// Sessions stored through the storage seam (SQLite or PostgreSQL alike).
#[derive(Debug, Clone)]
pub struct DbSessionStore(pub Db);

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            let data = serde_json::to_string(&record.data)
                .map_err(|e| session_store::Error::Encode(e.to_string()))?;
            if self
                .0
                .session_create(
                    &record.id.to_string(),
                    account_of(record),
                    &data,
                    record.expiry_date.unix_timestamp(),
                )
                .await
                .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        self.0
            .session_save(
                &record.id.to_string(),
                account_of(record),
                &data,
                record.expiry_date.unix_timestamp(),
            )
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let Some((account, data, expires)) = self
            .0
            .session_load(&id.to_string(), now)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let record = Record {
            id: *id,
            data: serde_json::from_str(&data)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires).map_err(backend)?,
        };
        // The account column is what ends sessions; a record that disagrees with it is void.
        Ok((account_of(&record) == account).then_some(record))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.0
            .session_delete(&id.to_string())
            .await
            .map_err(backend)
    }
}

/// The account logged in on a session record, kept beside it so that ending an account's
/// sessions is one statement (and a deleted account takes its sessions along).
fn account_of(record: &Record) -> Option<i64> {
    record
        .data
        .get(USER_KEY)
        .and_then(serde_json::Value::as_i64)
}

/// The session layer for researcher routes: HttpOnly, SameSite=Lax, Secure over HTTPS,
/// ending after 8 hours without a request.
pub fn session_layer(db: Db, secure: bool) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(DbSessionStore(db))
        .with_name("samenspraak_sessie")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_path(BASE)
        .with_expiry(Expiry::OnInactivity(IDLE))
}

/// Hashes a password with Argon2id (default parameters: 19 MiB, 2 passes), off the runtime.
pub async fn hash_password(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

/// Checks a password against a stored hash, off the runtime. Without an account a dummy
/// hash is checked, so that an unknown address takes as long as a wrong password.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| {
            DUMMY
                .get_or_init(|| {
                    let salt = SaltString::generate(&mut OsRng);
                    Argon2::default()
                        .hash_password(b"no account here", &salt)
                        .map(|h| h.to_string())
                        .unwrap_or_default()
                })
                .clone()
        });
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// Starts a fresh session for a user who just logged in: a new session id (against
/// fixation) and a new CSRF token.
pub async fn start_session(
    session: &Session,
    user: &User,
) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.insert(USER_KEY, user.id).await?;
    let token = crate::domain::code::encode(&rand::random::<[u8; 26]>());
    session.insert(CSRF_KEY, token).await?;
    Ok(())
}

/// A logged-in researcher, with the CSRF token every form of theirs must carry.
#[derive(Debug, Clone)]
pub struct Researcher {
    pub user: User,
    pub session: Session,
    /// This session's token, for the forms on the pages it is shown (checked by
    /// [`csrf_layer`]).
    pub csrf: String,
}

impl FromRequestParts<AppState> for Researcher {
    type Rejection = WorkspaceError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| WorkspaceError::Login)?;
        let user_id: Option<i64> = session
            .get(USER_KEY)
            .await
            .map_err(|e| WorkspaceError::Internal(e.to_string()))?;
        let csrf: Option<String> = session
            .get(CSRF_KEY)
            .await
            .map_err(|e| WorkspaceError::Internal(e.to_string()))?;
        let (Some(user_id), Some(csrf)) = (user_id, csrf) else {
            return Err(WorkspaceError::Login);
        };
        let user = state
            .db
            .user(user_id)
            .await
            .map_err(|e| WorkspaceError::Internal(e.to_string()))?
            .ok_or(WorkspaceError::Login)?;
        Ok(Researcher {
            user,
            session,
            csrf,
        })
    }
}

impl Researcher {
    /// Writes a change by this researcher to the audit log.
    pub async fn audit(
        &self,
        db: &Db,
        project: Option<crate::storage::ProjectId>,
        action: &str,
        detail: &str,
    ) -> Result<(), WorkspaceError> {
        db.audit(Some(&self.user), project, action, detail)
            .await
            .map_err(|e| WorkspaceError::Internal(e.to_string()))
    }

    pub fn require_admin(&self) -> Result<(), WorkspaceError> {
        if self.user.is_admin {
            Ok(())
        } else {
            Err(WorkspaceError::Forbidden)
        }
    }
}

/// Refuses state-changing requests to researcher routes that come from another site
/// (`Sec-Fetch-Site` or `Origin`), before any handler runs: a second line behind the
/// per-session CSRF token, and the only one for the login form.
pub async fn same_origin_only(request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let headers = request.headers();
        // Browsers that send Sec-Fetch-Site say exactly where a request comes from. Others
        // send Origin, which is "null" under our no-referrer policy, so only a real,
        // different origin counts against the request there.
        let foreign = match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
            Some(site) => site != "same-origin" && site != "none",
            None => {
                let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
                headers
                    .get(header::ORIGIN)
                    .and_then(|v| v.to_str().ok())
                    .filter(|origin| *origin != "null")
                    .is_some_and(|origin| {
                        let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
                        host.is_none_or(|host| origin_host != host)
                    })
            }
        };
        if foreign {
            return WorkspaceError::Csrf.into_response();
        }
    }
    next.run(request).await
}

/// Parses the address typed on the login form.
pub fn login_email(input: &str) -> Option<Email> {
    Email::parse(input).ok()
}

/// The CSRF check as one layer over the workspace: every request that is not a GET or HEAD
/// and comes with a logged-in session must carry that session's token in its form (field
/// `csrf`), or it is refused before any handler runs. Requests without a session go on to
/// their handler, which sends them to the login page; the login form itself has no session
/// to protect (and is guarded by [`same_origin_only`]).
pub async fn csrf_layer(session: Session, request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    let expected: Option<String> = match session.get(CSRF_KEY).await {
        Ok(token) => token,
        Err(error) => return WorkspaceError::Internal(error.to_string()).into_response(),
    };
    let Some(expected) = expected else {
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    // Within `/beheer` (the path here is what follows it): a form with a file.
    let upload = super::middleware::is_multipart(&parts.headers);
    let limit = if upload {
        super::UPLOAD_LIMIT
    } else {
        super::BODY_LIMIT
    };
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let sent = match upload {
        true => multipart_field(&parts.headers, &bytes, "csrf").await,
        false => form_urlencoded_field(&bytes, "csrf"),
    };
    if !sent.is_some_and(|token| token.len() == expected.len() && token == expected) {
        return WorkspaceError::Csrf.into_response();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// The first text field with this name in a multipart form body (a form with a file);
/// none when the body is not one.
async fn multipart_field(
    headers: &axum::http::HeaderMap,
    body: &axum::body::Bytes,
    name: &str,
) -> Option<String> {
    let boundary = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok())?;
    let body = body.clone();
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(name) && field.file_name().is_none() {
            return field.text().await.ok();
        }
    }
    None
}

/// The first value of a field in a URL-encoded form body.
fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}
