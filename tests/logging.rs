//! Logs hold no IP address, user agent, path, answer or linkage code. Alone in its test binary, because
//! the log subscriber is process-wide.

#[path = "common/app.rs"]
mod app;
mod common;

use app::{App, page_path};
use axum::body::Body;
use axum::http::{Request, header};
use common::{TestDb, load_demo};
use time::macros::date;

const YOUTH: &str = "verzm26j";

/// Collects log output in memory.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_hold_no_ip_address_user_agent_path_or_answer() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");

    let t = TestDb::sqlite().await;
    load_demo(&t.db).await;
    let app = App::new(&t.db, date!(2026 - 11 - 22));
    let identifying = |request: axum::http::request::Builder| {
        request
            .header(
                header::USER_AGENT,
                "Mozilla/5.0 (Linux; Android 9; SM-J530F) Telefoon-van-Sanne",
            )
            .header("x-forwarded-for", "203.0.113.77")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
    };
    let start = identifying(Request::post(format!("/{YOUTH}")))
        .body(Body::from("lang=nl"))
        .unwrap();
    let page1 = app.send(start).await.location.unwrap();
    let token = page1.split('/').nth(2).unwrap().to_owned();
    for body in [
        "q.leeftijd=13-15&q.graag-naar-school=eens&q.volwassene-op-school=eens&q.cijfer-school=7",
        "q.leeftijd=Geheime-waarde-Sanne",
        "q.Naam-Sanne-de-Vries=1",
    ] {
        app.send(
            identifying(Request::post(&page1))
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    }
    let page2 = page_path(&page1, "2");
    let story = "q.thuisgebleven=ja&q.redenen=pesten&q.wat-helpt=Mijn+mentor+meneer+Jansen+helpt";
    app.send(
        identifying(Request::post(&page2))
            .body(Body::from(story))
            .unwrap(),
    )
    .await;

    // A linkage code, kept (sealed) by going back, and one tampered with.
    let page4 = page_path(&page1, "4");
    for body in [
        "c.koppelcode.moeder-letter=Q&c.koppelcode.vader-letter=X&c.koppelcode.eigen-letter=Z\
         &c.koppelcode.geboortemaand=11&c.koppelcode.geboortedag=29\
         &c.koppelcode.achternaam-tweede-letter=Y&nav=back",
        "c.koppelcode.geboortemaand=Geheime-maand-Sanne",
    ] {
        app.send(
            identifying(Request::post(&page4))
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    }
    let sealed: Vec<String> = app.db.draft(&token).await.unwrap().unwrap().answers["koppelcode"]
        .iter()
        .map(|v| v.split_once("=#").expect("sealed").1.to_owned())
        .collect();
    assert_eq!(sealed.len(), 6);

    // A whole ordinary visit too, to be sure normal requests are logged (and nothing more).
    let other = app.start(YOUTH).await;
    let shown = app.get(&other).await;
    assert_eq!(shown.headers[header::CACHE_CONTROL], "no-store");
    assert!(
        app.db.draft(&token).await.unwrap().is_some(),
        "the draft was kept"
    );
    app.post(&other, "q.leeftijd=10-12&nav=next").await;

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("request") && logs.contains("refused a respondent form"),
        "logging was captured: {logs}"
    );
    for secret in [
        "203.0.113.77",
        "Telefoon-van-Sanne",
        "Geheime-waarde",
        "Sanne-de-Vries",
        "Jansen",
        "Geheime-maand",
        YOUTH,
        &token,
    ]
    .into_iter()
    .chain(sealed.iter().map(String::as_str))
    {
        assert!(!logs.contains(secret), "`{secret}` is in the log:\n{logs}");
    }
    t.remove().await;
}
