//! Test helpers: a fresh real database per test (a SQLite file always, and a PostgreSQL
//! database when `TEST_DATABASE_URL` is set), and the app driven through its router.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

use samenspraak::domain::InvitationCode;
use samenspraak::domain::definition::{self, Definition};
use samenspraak::server::commands::DEMO_FILES;
use samenspraak::storage::Db;
use sqlx::{Connection, Executor};
use std::future::Future;

/// A database made for one test, removed afterwards.
pub struct TestDb {
    pub db: Db,
    pub label: &'static str,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    /// The folder of the SQLite file, deleted when dropped.
    Sqlite(tempfile::TempDir),
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("test.db").display());
        let db = Db::connect(&url).await.expect("sqlite connects");
        TestDb {
            db,
            label: "sqlite",
            url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    pub async fn postgres(admin_url: &str) -> TestDb {
        sqlx::any::install_default_drivers();
        let name = format!(
            "samenspraak_test_{}",
            InvitationCode::from_random(rand::random())
        );
        let mut admin = sqlx::AnyConnection::connect(admin_url)
            .await
            .expect("postgres reachable");
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
            .expect("create database");
        admin.close().await.ok();
        let (base, _) = admin_url.rsplit_once('/').expect("url has a database");
        let url = format!("{base}/{name}");
        let db = Db::connect(&url).await.expect("postgres connects");
        TestDb {
            db,
            label: "postgres",
            url,
            cleanup: Cleanup::Postgres {
                admin_url: admin_url.to_owned(),
                name,
            },
        }
    }

    pub async fn remove(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::Sqlite(dir) => drop(dir),
            Cleanup::Postgres { admin_url, name } => {
                let mut admin = sqlx::AnyConnection::connect(&admin_url)
                    .await
                    .expect("postgres reachable");
                admin
                    .execute(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .await
                    .expect("drop database");
                admin.close().await.ok();
            }
        }
    }
}

/// Whether the long variants of the fault and bad-input tests run
/// (`SAMENSPRAAK_LONG_TESTS=1`, set by `.ci/run`).
pub fn long_tests() -> bool {
    std::env::var("SAMENSPRAAK_LONG_TESTS").as_deref() == Ok("1")
}

/// Runs a test on SQLite, and on PostgreSQL too when `TEST_DATABASE_URL` is set.
pub async fn on_every_database<F, Fut>(test: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = TestDb>,
{
    let db = test(TestDb::sqlite().await).await;
    db.remove().await;
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        let db = test(TestDb::postgres(&url).await).await;
        db.remove().await;
    }
}

/// The demo definitions, parsed.
pub fn demo() -> Vec<Definition> {
    DEMO_FILES
        .iter()
        .map(|(name, source)| definition::parse(source).unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect()
}

pub async fn load_demo(db: &Db) {
    for definition in demo() {
        db.import_definition(&definition, || InvitationCode::from_random(rand::random()))
            .await
            .expect("demo imports");
    }
}

pub fn code(text: &str) -> InvitationCode {
    InvitationCode::parse(text).expect("valid code")
}
