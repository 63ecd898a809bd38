//! Two app servers on one database, as behind a load balancer: each has its own state
//! (connection pool, caches, hashing limit), and what one acknowledges or decides the other
//! honours. On SQLite (two pools on one file) and, with TEST_DATABASE_URL, on PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;
#[path = "common/workspace.rs"]
mod workspace;

use app::{App, answer_everything};
use axum::http::{Method, StatusCode};
use common::{TestDb, on_every_database};
use samenspraak::storage::Db;
use time::macros::date;
use workspace::{PASSWORD, login, request, setup};

/// The second server: its own pool on the same database.
async fn second_server(t: &TestDb) -> App {
    let db = Db::connect(&t.url).await.expect("a second pool connects");
    App::new(&db, date!(2026 - 11 - 22))
}

#[tokio::test]
async fn a_draft_moves_between_servers_and_a_double_submit_across_both_stores_once() {
    on_every_database(|t: TestDb| async move {
        let one = setup(&t).await;
        let two = second_server(&t).await;
        // Every request of the flow goes to the other server than the one before.
        let sent = answer_everything(&[&one, &two], "verzm26p").await;
        let (last_path, last_form) = sent.last().unwrap().clone();
        for server in [&one, &two] {
            let again = server.post(&last_path, last_form.clone()).await;
            assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", t.label);
            assert_eq!(again.location.as_deref(), Some("/verzm26p/bedankt?lang=nl"));
        }
        // Both at once, from both servers.
        let (a, b) = tokio::join!(
            one.post(&last_path, last_form.clone()),
            two.post(&last_path, last_form.clone())
        );
        assert_eq!(
            (a.status, b.status),
            (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER)
        );
        let stored = t.db.responses_for_link("verzm26p").await.unwrap();
        assert_eq!(stored.len(), 1, "{}", t.label);
        t
    })
    .await;
}

#[tokio::test]
async fn a_session_made_on_one_server_works_and_ends_on_the_other() {
    on_every_database(|t: TestDb| async move {
        let one = setup(&t).await;
        let two = second_server(&t).await;
        let session = login(&one, "kijker@example.nl").await;
        let home = request(&two, Method::GET, "/beheer", Some(&session), "").await;
        assert_eq!(home.status, StatusCode::OK, "{}", t.label);
        let out = request(
            &two,
            Method::POST,
            "/beheer/uitloggen",
            Some(&session),
            &format!("csrf={}", session.csrf),
        )
        .await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        for server in [&one, &two] {
            let reply = request(server, Method::GET, "/beheer", Some(&session), "").await;
            assert_eq!(
                reply.location.as_deref(),
                Some("/beheer/inloggen"),
                "logged out on both ({})",
                t.label
            );
        }
        t
    })
    .await;
}

/// A login attempt of the viewer of the demo, and its status.
async fn attempt(server: &App, password: &str) -> StatusCode {
    let form = format!(
        "email=kijker%40example.nl&password={}",
        password.replace(' ', "+")
    );
    request(server, Method::POST, "/beheer/inloggen", None, &form)
        .await
        .status
}

#[tokio::test]
async fn guesses_spread_over_both_servers_lock_the_account_on_both() {
    on_every_database(|t: TestDb| async move {
        let one = setup(&t).await;
        let two = second_server(&t).await;
        // Three wrong passwords on each: six in all, one more than the limit of five.
        for i in 0..6 {
            let server = if i % 2 == 0 { &one } else { &two };
            assert_eq!(attempt(server, "verkeerd").await, StatusCode::UNAUTHORIZED);
        }
        for server in [&one, &two] {
            assert_eq!(
                attempt(server, PASSWORD).await,
                StatusCode::UNAUTHORIZED,
                "the right password is refused while the account is locked ({})",
                t.label
            );
        }
        t
    })
    .await;
}
