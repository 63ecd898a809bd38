//! How fast the comparison and the export stay at scale: loads 100,000 synthetic responses
//! (young people, parents and professionals, in two rounds) into a fresh SQLite file and,
//! when `TEST_DATABASE_URL` names a PostgreSQL server, into a fresh PostgreSQL database;
//! then times requests through the real router, as a logged-in owner, in this process (no
//! network): the comparison of one theme (plain, round against round, with a filter), the
//! young people followed between the rounds by their linkage codes, and the full CSV and
//! XLSX exports, with the peak resident memory of each (the body is read
//! frame by frame and dropped, as a client would). Method and figures: BENCHMARKS.md.
//!
//! Run: `cargo bench --features ssr --bench comparison` (`BENCH_RESPONSES=n` to change the
//! size; `BENCH_SQLITE=path` and `BENCH_KEEP=1` keep the databases to look into;
//! `BENCH_SKIP_SQLITE=1` measures PostgreSQL alone).

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use samenspraak::domain::account::{Email, Role};
use samenspraak::domain::definition::{self, Definition};
use samenspraak::domain::{Audience, InvitationCode, LinkSpec};
use samenspraak::i18n::Translations;
use samenspraak::server::auth::hash_password;
use samenspraak::server::synthetic;
use samenspraak::server::{AppState, Clock, router};
use samenspraak::storage::Db;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const PASSWORD: &str = "een lange zin als wachtwoord";

/// The demo project with professionals asked the parents' questions, and a link per
/// audience and round.
fn definition() -> Definition {
    let mut d = definition::parse(include_str!("../demo/samenhang.toml")).expect("demo parses");
    for q in d
        .questionnaires
        .iter_mut()
        .flat_map(|q| q.questions.iter_mut())
    {
        if let Some(w) = q.wording.get(&Audience::Parent).cloned() {
            q.wording.insert(Audience::Professional, w);
        }
    }
    d.links = d
        .waves
        .iter()
        .flat_map(|w| {
            Audience::ALL.into_iter().map(|a| LinkSpec {
                questionnaire: "naar-school".into(),
                audience: a,
                wave: w.key.clone(),
                group: None,
                code: None,
            })
        })
        .collect();
    d
}

struct Bench {
    app: axum::Router,
    cookie: String,
}

impl Bench {
    /// Sends a request and reads its body frame by frame, as a client would, without
    /// keeping it: the memory measured is the server's.
    async fn get(&self, path: &str) -> (StatusCode, usize) {
        let request = Request::get(path)
            .header(header::COOKIE, &self.cookie)
            .body(Body::empty())
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let mut body = response.into_body();
        let mut size = 0;
        while let Some(frame) = body.frame().await {
            size += frame.unwrap().data_ref().map_or(0, |d| d.len());
        }
        (status, size)
    }

    /// Median and slowest of `runs` timed requests, after one untimed warm-up.
    async fn time(&self, path: &str, runs: usize) -> (Duration, Duration, usize) {
        let (status, size) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            let (status, _) = self.get(path).await;
            times.push(start.elapsed());
            assert_eq!(status, StatusCode::OK);
        }
        times.sort();
        (times[runs / 2], times[runs - 1], size)
    }
}

async fn load(db: &Db, responses: usize) -> (Bench, Duration) {
    let d = definition();
    db.import_definition(&d, || InvitationCode::from_random(rand::random()))
        .await
        .expect("imports");
    let project = db.project_id("samenhang").await.unwrap().unwrap();
    let per_link = responses / (Audience::ALL.len() * d.waves.len());
    let start = Instant::now();
    synthetic::seed(db, project, |_, _| per_link)
        .await
        .expect("synthetic data loads");
    let loaded = start.elapsed();
    let hash = hash_password(PASSWORD.into()).await.unwrap();
    let email = Email::parse("bench@example.nl").unwrap();
    let user = db.create_user(&email, &hash, false).await.unwrap();
    db.set_membership(user, project, Role::Owner).await.unwrap();
    let options = leptos::config::LeptosOptions::builder()
        .output_name("samenspraak")
        .build();
    let state = AppState::new(
        db.clone(),
        Translations::load().unwrap(),
        options,
        Clock::fixed(time::macros::date!(2026 - 11 - 22)),
    );
    let app = router(state);
    let login = Request::post("/beheer/inloggen")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "email=bench%40example.nl&password={}",
            PASSWORD.replace(' ', "+")
        )))
        .unwrap();
    let reply = app.clone().oneshot(login).await.unwrap();
    assert_eq!(reply.status(), StatusCode::SEE_OTHER);
    let cookie = reply.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    (Bench { app, cookie }, loaded)
}

/// A figure of this process from `/proc/self/status`, in MB.
fn memory_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// Starts measuring the peak resident memory afresh (Linux: `/proc/self/clear_refs`).
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

async fn run(name: &str, db: &Db, responses: usize) {
    let (bench, loaded) = load(db, responses).await;
    println!(
        "\n{name}: {responses} responses loaded in {:.1} s",
        loaded.as_secs_f64()
    );
    let p = "/beheer/projecten/samenhang";
    // Exports of a million responses take tens of seconds each: one timed run at that size.
    let export_runs = |runs: usize| if responses > 200_000 { 1 } else { runs };
    for (what, path, runs) in [
        (
            "comparison, one theme",
            format!("{p}/vergelijking?thema=naar-school"),
            15,
        ),
        (
            "comparison, round against round",
            format!("{p}/vergelijking?thema=naar-school&golf=najaar-2026&tegen=voorjaar-2026"),
            15,
        ),
        (
            "comparison, filtered (age 13-15)",
            format!("{p}/vergelijking?thema=naar-school&filter=leeftijd%3D13-15"),
            15,
        ),
        (
            "the same young people followed",
            format!("{p}/gevolgd?golf=voorjaar-2026&tegen=najaar-2026"),
            15,
        ),
        (
            "CSV export, all responses",
            format!("{p}/export?vragenlijst=naar-school&formaat=csv-puntkomma"),
            export_runs(5),
        ),
        (
            "XLSX export, all responses",
            format!("{p}/export?vragenlijst=naar-school&formaat=xlsx"),
            export_runs(3),
        ),
    ] {
        let before = memory_mb("VmRSS:");
        reset_peak_memory();
        let (median, slowest, size) = bench.time(&path, runs).await;
        println!(
            "  {what:<34} median {:>8.1} ms   slowest {:>8.1} ms   ({} runs, {:.1} MB; \
             peak RSS {:.0} MB from {:.0} MB)",
            median.as_secs_f64() * 1000.0,
            slowest.as_secs_f64() * 1000.0,
            runs,
            size as f64 / 1e6,
            memory_mb("VmHWM:"),
            before
        );
    }
}

fn main() {
    let responses: usize = std::env::var("BENCH_RESPONSES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        // BENCH_SQLITE keeps the SQLite file at that path, to look into afterwards.
        let file = std::env::var("BENCH_SQLITE")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|_| dir.path().join("bench.db"));
        let url = format!("sqlite:{}", file.display());
        // BENCH_SKIP_SQLITE=1 measures PostgreSQL alone.
        if std::env::var("BENCH_SKIP_SQLITE").as_deref() != Ok("1") {
            let db = Db::connect(&url).await.expect("SQLite");
            run("SQLite", &db, responses).await;
            db.close().await;
        }
        if let Ok(admin) = std::env::var("TEST_DATABASE_URL") {
            let name = format!("bench_{}", std::process::id());
            let (server, _) = admin.rsplit_once('/').expect("a database in the URL");
            let admin_db = sqlx::AnyPool::connect(&admin).await.expect("PostgreSQL");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&admin_db)
                .await
                .unwrap();
            let db = Db::connect(&format!("{server}/{name}"))
                .await
                .expect("PostgreSQL");
            run("PostgreSQL", &db, responses).await;
            db.close().await;
            if std::env::var("BENCH_KEEP").is_ok() {
                println!("(kept PostgreSQL database {name})");
                return;
            }
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}")))
                .execute(&admin_db)
                .await
                .unwrap();
        } else {
            println!("\n(PostgreSQL skipped: set TEST_DATABASE_URL)");
        }
    });
}
