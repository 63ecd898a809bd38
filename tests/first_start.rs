//! A newcomer's first minutes: the one-time link that makes the first administrator, and
//! the demo's own researcher account. On SQLite and (with TEST_DATABASE_URL) PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;
#[path = "common/workspace.rs"]
mod workspace;

use app::App;
use axum::http::{Method, StatusCode};
use common::{TestDb, load_demo, on_every_database};
use samenspraak::domain::account::Email;
use samenspraak::server::commands::{DEMO_EMAIL, demo_account};
use time::macros::date;
use workspace::{cookie_of, request};

const GOOD: &str =
    "email=eerste%40example.nl&password=lange+zinnen+zijn+sterk&again=lange+zinnen+zijn+sterk";

#[tokio::test]
async fn the_setup_link_makes_one_administrator_once() {
    on_every_database(|t: TestDb| async move {
        let state = App::state(&t.db, date!(2026 - 11 - 22));
        let token = state.setup.offer();
        let app = App::with_state(state.clone());
        let path = format!("/beheer/start/{token}");

        assert_eq!(app.get("/beheer/start/abcdefghjkmnpqrstvwxyz01234").await.status, StatusCode::NOT_FOUND);
        let form = app.get(&path).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("Eerste beheerder"), "{}", form.body);

        // Different passwords: the form again, the address kept, no password in the page.
        let differ = request(&app, Method::POST, &path, None, "email=eerste%40example.nl&password=lange+zinnen+zijn+sterk&again=lange+zinnen+zijn+zwak").await;
        assert_eq!(differ.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(differ.body.contains("De twee wachtwoorden zijn niet gelijk."));
        assert!(differ.body.contains("value=\"eerste@example.nl\""));
        assert!(!differ.body.contains("zinnen"), "passwords never come back");
        let weak = request(&app, Method::POST, &path, None, "email=eerste%40example.nl&password=kort&again=kort").await;
        assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(t.db.users().await.unwrap().is_empty(), "nothing stored yet");

        let made = request(&app, Method::POST, &path, None, GOOD).await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        assert_eq!(made.location.as_deref(), Some("/beheer/inloggen"));
        let users = t.db.users().await.unwrap();
        assert_eq!(users.len(), 1);
        assert!(users[0].is_admin);

        // Used up: neither the page nor a second post, even with the same token.
        assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
        let again = request(&app, Method::POST, &path, None, &GOOD.replace("eerste", "tweede")).await;
        assert_eq!(again.status, StatusCode::NOT_FOUND);
        assert_eq!(t.db.users().await.unwrap().len(), 1);

        // A fresh token does nothing once an account exists.
        let late = state.setup.offer();
        assert_eq!(app.get(&format!("/beheer/start/{late}")).await.status, StatusCode::NOT_FOUND);
        let login = request(&app, Method::POST, "/beheer/inloggen", None, "email=eerste%40example.nl&password=lange+zinnen+zijn+sterk").await;
        assert_eq!(login.status, StatusCode::SEE_OTHER);
        assert!(cookie_of(&login).is_some());
        t
    })
    .await;
}

#[tokio::test]
async fn the_demo_account_gets_a_new_password_each_start_and_only_in_a_demo_database() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let first = demo_account(&t.db, "http://127.0.0.1:3000")
            .await
            .unwrap()
            .unwrap();
        let second = demo_account(&t.db, "http://127.0.0.1:3000")
            .await
            .unwrap()
            .unwrap();
        assert_ne!(first, second);
        let form = |p: &str| format!("email={}&password={p}", DEMO_EMAIL.replace('@', "%40"));
        let old = request(&app, Method::POST, "/beheer/inloggen", None, &form(&first)).await;
        assert_ne!(
            old.status,
            StatusCode::SEE_OTHER,
            "the old password no longer works"
        );
        let new = request(&app, Method::POST, "/beheer/inloggen", None, &form(&second)).await;
        assert_eq!(new.status, StatusCode::SEE_OTHER);
        let session = workspace::Session {
            cookie: cookie_of(&new).unwrap(),
            csrf: String::new(),
        };
        let comparison = request(
            &app,
            Method::GET,
            "/beheer/projecten/samenhang/vergelijking",
            Some(&session),
            "",
        )
        .await;
        assert_eq!(comparison.status, StatusCode::OK);
        let demo =
            t.db.user_by_email(&Email::parse(DEMO_EMAIL).unwrap())
                .await
                .unwrap()
                .unwrap();
        assert!(!demo.is_admin);

        // A database with an account of its own, or a project, gets no demo account.
        workspace::account(&t.db, "echt@example.nl", false, None).await;
        assert_eq!(
            demo_account(&t.db, "http://127.0.0.1:3000").await.unwrap(),
            None
        );
        t.db.create_project("eigen", "Eigen project", "")
            .await
            .unwrap();
        assert_eq!(
            demo_account(&t.db, "http://127.0.0.1:3000").await.unwrap(),
            None
        );
        t
    })
    .await;
}
