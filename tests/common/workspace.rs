//! A researcher's browser against the workspace: accounts made straight in the database,
//! login through the form, session cookie and CSRF token carried from page to page.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

use super::app::{App, Reply};
use super::common::{TestDb, load_demo};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use samenspraak::domain::account::{Email, Role};
use samenspraak::server::auth::hash_password;
use samenspraak::storage::Db;
use time::macros::date;

pub const PASSWORD: &str = "lange zinnen zijn sterk";

/// A logged-in browser: its session cookie and CSRF token.
#[derive(Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl Session {
    /// Posts a form as this browser does, with its cookie and CSRF token; owned arguments,
    /// so a test can keep it as `|path, form| me.post(&app, path, form)`.
    pub async fn post(&self, app: &App, path: String, form: String) -> Reply {
        let form = format!("csrf={}&{form}", self.csrf);
        request(app, Method::POST, &path, Some(self), &form).await
    }
}

pub async fn account(db: &Db, email: &str, admin: bool, role: Option<(&str, Role)>) {
    let email = Email::parse(email).unwrap();
    let hash = hash_password(PASSWORD.into()).await.unwrap();
    let id = db.create_user(&email, &hash, admin).await.unwrap();
    if let Some((project, role)) = role {
        let admin_view = samenspraak::storage::User {
            is_admin: true,
            ..db.user(id).await.unwrap().unwrap()
        };
        let project = db.project_for(&admin_view, project).await.unwrap().unwrap();
        db.set_membership(id, project.id, role).await.unwrap();
    }
}

pub fn cookie_of(reply: &Reply) -> Option<String> {
    reply
        .headers
        .get(header::SET_COOKIE)
        .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_owned())
}

pub fn csrf_in(html: &str) -> String {
    let start = html
        .find("name=\"csrf\" value=\"")
        .expect("a form with a CSRF token")
        + 19;
    html[start..].split('"').next().unwrap().to_owned()
}

/// Posts a multipart form as a browser does with a file: text `fields` (the CSRF token is
/// not added) and, when given, one file field `(name, bytes)`.
pub async fn upload(
    app: &App,
    session: &Session,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Reply {
    const BOUNDARY: &str = "----samenspraak-test-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"bestand\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::COOKIE, &session.cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap();
    app.send(request).await
}

pub async fn request(
    app: &App,
    method: Method,
    path: &str,
    session: Option<&Session>,
    form: &str,
) -> Reply {
    let mut builder = Request::builder().method(method.clone()).uri(path);
    if let Some(s) = session {
        builder = builder.header(header::COOKIE, &s.cookie);
    }
    if method == Method::POST {
        builder = builder.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    app.send(builder.body(Body::from(form.to_owned())).unwrap())
        .await
}

pub async fn login(app: &App, email: &str) -> Session {
    let reply = request(
        app,
        Method::POST,
        "/beheer/inloggen",
        None,
        &format!("email={email}&password={}", PASSWORD.replace(' ', "+")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let cookie = cookie_of(&reply).expect("a session cookie");
    let home = request(
        app,
        Method::GET,
        "/beheer",
        Some(&Session {
            cookie: cookie.clone(),
            csrf: String::new(),
        }),
        "",
    )
    .await;
    assert_eq!(home.status, StatusCode::OK);
    Session {
        cookie,
        csrf: csrf_in(&home.body),
    }
}

pub async fn setup(t: &TestDb) -> App {
    load_demo(&t.db).await;
    account(&t.db, "admin@example.nl", true, None).await;
    account(
        &t.db,
        "eigenaar@example.nl",
        false,
        Some(("samenhang", Role::Owner)),
    )
    .await;
    account(
        &t.db,
        "onderzoeker@example.nl",
        false,
        Some(("samenhang", Role::Researcher)),
    )
    .await;
    account(
        &t.db,
        "kijker@example.nl",
        false,
        Some(("samenhang", Role::Viewer)),
    )
    .await;
    account(
        &t.db,
        "buiten@example.nl",
        false,
        Some(("veilig-thuis", Role::Owner)),
    )
    .await;
    App::new(&t.db, date!(2026 - 11 - 22))
}

/// Stores a response to a demo link as a respondent would.
pub async fn respond(db: &Db, code: &str, answers: &[(&str, samenspraak::domain::Answer)]) {
    let link = db
        .find_link(&super::common::code(code))
        .await
        .unwrap()
        .unwrap();
    let token = format!(
        "t{}",
        samenspraak::domain::InvitationCode::from_random(rand::random())
    );
    db.create_draft(
        &token,
        link.id,
        link.version_id,
        "nl",
        date!(2026 - 11 - 22),
    )
    .await
    .unwrap();
    let draft = db.draft(&token).await.unwrap().unwrap();
    let answers = answers
        .iter()
        .map(|(k, a)| ((*k).to_owned(), a.clone()))
        .collect();
    db.submit(
        &draft,
        link.audience,
        &answers,
        &Default::default(),
        date!(2026 - 11 - 22),
    )
    .await
    .unwrap();
}
