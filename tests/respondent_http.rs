//! A respondent without JavaScript: plain form posts through the whole app (router, pages,
//! storage), on SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;

use app::{App, answer_all_but_the_last, answer_everything, answer_for, page_path};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{TestDb, load_demo, on_every_database};
use samenspraak::domain::Audience;
use samenspraak::storage::Db;
use sqlx::{Connection, Executor};
use time::macros::date;

const YOUTH: &str = "verzm26j";

#[tokio::test]
async fn a_young_person_answers_everything_without_javascript() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));

        let intro = app.get(&format!("/{YOUTH}")).await;
        assert_eq!(intro.status, StatusCode::OK);
        assert!(intro.body.contains("<html lang=\"nl\""));
        assert!(intro.body.contains("Naar school: wat helpt?"));
        assert!(intro.body.contains("anoniem"));
        assert!(intro.body.contains("Het duurt ongeveer 6 minuten."));
        assert!(
            !intro.body.contains(".wasm") && !intro.body.contains("modulepreload"),
            "the introduction loads no WebAssembly"
        );
        assert_eq!(intro.headers[header::REFERRER_POLICY], "no-referrer");
        let csp = intro.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));

        answer_everything(&[&app], YOUTH).await;
        let thanks = app.get(&format!("/{YOUTH}/bedankt?lang=nl")).await;
        assert_eq!(thanks.status, StatusCode::OK);
        assert!(thanks.body.contains("Bedankt!"));

        let stored = t.db.responses_for_link(YOUTH).await.unwrap();
        assert_eq!(stored.len(), 1, "{}", t.label);
        let r = &stored[0];
        assert_eq!(r.audience, Audience::Youth);
        assert_eq!(r.submitted_on, "2026-11-22");
        assert_eq!(r.answers["leeftijd"], vec!["13-15"]);
        assert_eq!(r.answers["redenen"], vec!["ziek", "spanning"]);
        assert_eq!(r.answers["cijfer-school"], vec!["8"]);
        assert_eq!(
            r.answers["wat-helpt"],
            vec!["Een mentor die luistert,\nook als het slecht gaat."]
        );
        assert!(
            !r.answers.contains_key("alleen"),
            "a parent-only question is not asked of youth"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn a_double_submit_stores_once() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let sent = answer_everything(&[&app], "verzm26p").await;
        let (last_path, last_form) = sent.last().unwrap().clone();
        let again = app.post(&last_path, last_form).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        assert_eq!(again.location.as_deref(), Some("/verzm26p/bedankt?lang=nl"));
        let back = app.get(&last_path).await;
        assert_eq!(
            back.status,
            StatusCode::SEE_OTHER,
            "the used form leads to the thanks"
        );
        assert_eq!(
            t.db.responses_for_link("verzm26p").await.unwrap().len(),
            1,
            "{}",
            t.label
        );
        t
    })
    .await;
}

#[tokio::test]
async fn missing_answers_are_shown_next_to_their_field_with_everything_typed_kept() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let first = app.start(YOUTH).await;
        // Page 1 holds leeftijd, graag-naar-school, volwassene-op-school and cijfer-school.
        let reply = app
            .post(&first, "q.leeftijd=16-18&q.cijfer-school=4&nav=next")
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        let body = &reply.body;
        assert!(
            body.contains("<title>Let op:"),
            "the title says something is wrong"
        );
        assert!(body.contains("Kijk nog even naar deze vragen:"));
        assert!(
            body.contains(
                "id=\"error-graag-naar-school\" class=\"field-error\">Kies een antwoord."
            ),
            "{body}"
        );
        assert!(body.contains("aria-describedby=\"error-graag-naar-school\""));
        assert!(
            body.contains("autofocus"),
            "focus goes to the error summary"
        );
        assert!(
            body.contains("value=\"16-18\" checked"),
            "the chosen age is kept"
        );
        assert!(
            body.contains("value=\"4\" checked"),
            "the chosen mark is kept"
        );
        assert!(!body.contains("id=\"error-leeftijd\" class=\"field-error\">K"));
        assert!(t.db.responses_for_link(YOUTH).await.unwrap().is_empty());
        t
    })
    .await;
}

/// Makes every write to `table` fail as a full disk would, until [`space_returns`].
async fn disk_full(t: &TestDb, table: &str, on: &str) {
    let mut db = sqlx::AnyConnection::connect(&t.url).await.unwrap();
    let sql = match t.label {
        "sqlite" => format!(
            "CREATE TRIGGER no_space_{table} BEFORE {on} ON {table} \
             BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        ),
        _ => format!(
            "CREATE OR REPLACE FUNCTION no_space() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END $$; \
             CREATE TRIGGER no_space_{table} BEFORE {on} ON {table} \
             FOR EACH ROW EXECUTE FUNCTION no_space()"
        ),
    };
    db.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
}

async fn space_returns(t: &TestDb, table: &str) {
    let mut db = sqlx::AnyConnection::connect(&t.url).await.unwrap();
    let on = if t.label == "sqlite" {
        ""
    } else {
        &format!(" ON {table}")
    };
    let sql = format!("DROP TRIGGER no_space_{table}{on}");
    db.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
}

#[tokio::test]
async fn a_full_disk_keeps_what_was_typed_in_the_page_and_the_server_recovers() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        // A page whose draft cannot be written.
        let first = app.start(YOUTH).await;
        disk_full(&t, "drafts", "UPDATE").await;
        let form = "q.leeftijd=16-18&q.cijfer-school=4&nav=next";
        let reply = app.post(&first, form).await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{}", t.label);
        assert_eq!(reply.headers["retry-after"], "60");
        let body = &reply.body;
        assert!(
            body.contains("role=\"alert\" class=\"notice\">Het lukt ons nu even niet om je antwoorden te bewaren."),
            "{body}"
        );
        assert!(body.contains("Probeer het over een paar minuten nog eens."));
        assert!(body.contains("value=\"16-18\" checked") && body.contains("value=\"4\" checked"));
        space_returns(&t, "drafts").await;
        let again = app.post(&first, form).await;
        assert_eq!(
            again.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "kept now, one answer missing"
        );

        // A submit that cannot be stored: nothing of it is, and sent again later it is, once.
        let (_, (last, form)) = answer_all_but_the_last(&[&app], "verzm26p").await;
        disk_full(&t, "responses", "INSERT").await;
        let reply = app.post(&last, form.clone()).await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{}", t.label);
        assert!(
            reply
                .body
                .contains("role=\"alert\" class=\"notice\">Het lukt ons nu even niet")
        );
        assert!(
            t.db.responses_for_link("verzm26p")
                .await
                .unwrap()
                .is_empty()
        );
        space_returns(&t, "responses").await;
        let reply = app.post(&last, form).await;
        assert_eq!(reply.location.as_deref(), Some("/verzm26p/bedankt?lang=nl"));
        assert_eq!(t.db.responses_for_link("verzm26p").await.unwrap().len(), 1);
        t
    })
    .await;
}

#[tokio::test]
async fn a_flood_of_starts_on_one_link_gets_a_dutch_429_and_a_school_never_does() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let today = date!(2026 - 11 - 22);
        let limited = App::with_state(App::state(&t.db, today).with_starts_per_minute(3));
        for _ in 0..3 {
            limited.start(YOUTH).await;
        }
        let refused = limited.post(&format!("/{YOUTH}"), "lang=nl").await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "{}", t.label);
        assert_eq!(refused.headers["retry-after"], "60");
        assert!(
            refused.body.contains("Het is nu erg druk"),
            "{}",
            refused.body
        );
        assert!(
            refused
                .body
                .contains("Wacht een minuut en probeer het dan opnieuw.")
        );
        // Another link is not held back by this one, and a draft started goes on.
        let parents = limited.start("verzm26p").await;
        assert_eq!(limited.get(&parents).await.status, StatusCode::OK);

        // By default a whole school starts on one link, from one address, in one minute.
        let school = App::new(&t.db, today);
        for _ in 0..500 {
            let reply = school.post(&format!("/{YOUTH}"), "lang=nl").await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", t.label);
        }
        t
    })
    .await;
}

#[tokio::test]
async fn too_long_text_is_refused_with_a_message_and_kept() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let link = app
            .db
            .find_link(&common::code(YOUTH))
            .await
            .unwrap()
            .unwrap();
        let pages = link.questionnaire.pages(Audience::Youth);
        let text_page = pages
            .iter()
            .position(|p| p.iter().any(|q| q.key == "wat-helpt"))
            .unwrap()
            + 1;
        let first = app.start(YOUTH).await;
        let path = page_path(&first, text_page);
        let long = "a".repeat(2001);
        let reply = app
            .post(&path, format!("q.wat-helpt={long}&nav=next"))
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(reply.body.contains("Gebruik niet meer dan 2000 tekens."));
        assert!(reply.body.contains(&long), "what was typed is kept");
        // ... on the page, not in the stored draft: nothing over the limit is stored.
        let token = first.split('/').nth(2).unwrap();
        let draft = app.db.draft(token).await.unwrap().unwrap();
        assert!(
            !draft.answers.contains_key("wat-helpt"),
            "{:?}",
            draft.answers
        );
        t
    })
    .await;
}

#[tokio::test]
async fn a_hidden_follow_up_question_is_not_stored() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let mut path = app.start("vth26jgd").await;
        let link = app
            .db
            .find_link(&common::code("vth26jgd"))
            .await
            .unwrap()
            .unwrap();
        for page in link.questionnaire.pages(Audience::Youth) {
            let mut form = Vec::new();
            for q in &page {
                let value = match q.key.as_str() {
                    "hulp-gehad" => vec!["nee".to_owned()],
                    // Filled in although the condition says no, as happens without JavaScript.
                    "cijfer-hulp" => vec!["3".to_owned()],
                    _ => answer_for(q),
                };
                for v in value {
                    form.push(format!(
                        "q.{}={}",
                        q.key,
                        v.replace(' ', "+")
                            .replace(',', "%2C")
                            .replace("\r\n", "%0D%0A")
                    ));
                }
            }
            let reply = app
                .post(&path, format!("{}&nav=next", form.join("&")))
                .await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
            path = reply.location.unwrap();
        }
        let stored = t.db.responses_for_link("vth26jgd").await.unwrap();
        assert_eq!(stored[0].answers["hulp-gehad"], vec!["nee"]);
        assert!(
            !stored[0].answers.contains_key("cijfer-hulp"),
            "{}",
            t.label
        );
        t
    })
    .await;
}

#[tokio::test]
async fn going_back_keeps_answers_and_a_restart_loses_nothing() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let first = App::new(&t.db, date!(2026 - 11 - 22));
        let page1 = first.start(YOUTH).await;
        let reply = first
            .post(&page1, "q.leeftijd=10-12&q.graag-naar-school=oneens&q.volwassene-op-school=weet-niet&q.cijfer-school=6&nav=next")
            .await;
        let page2 = reply.location.unwrap();

        // The server restarts: a new pool on the same database.
        let db = Db::connect(&t.url).await.unwrap();
        let second = App::new(&db, date!(2026 - 11 - 22));
        let back = second.post(&page2, "q.thuisgebleven=ja&nav=back").await;
        assert_eq!(back.location.as_deref(), Some(page1.as_str()));
        let shown = second.get(&page1).await;
        assert!(shown.body.contains("value=\"oneens\" checked"));
        assert!(second.get(&page2).await.body.contains("value=\"ja\" checked"));
        db.close().await;
        t
    })
    .await;
}

#[tokio::test]
async fn unknown_closed_and_not_yet_open_links_get_friendly_pages() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let unknown = app.get("/abcdefgh").await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        assert!(unknown.body.contains("Deze link werkt niet"));
        assert_eq!(app.get("/favicon.ico").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/a/b/c/d").await.status, StatusCode::NOT_FOUND);

        let closed = app.get("/verzm26v").await;
        assert_eq!(closed.status, StatusCode::GONE);
        assert!(closed.body.contains("Deze vragenlijst is gesloten"));
        assert_eq!(
            app.post("/verzm26v", "lang=nl").await.status,
            StatusCode::GONE
        );

        let early = App::new(&t.db, date!(2026 - 08 - 01));
        let not_yet = early.get(&format!("/{YOUTH}")).await;
        assert_eq!(not_yet.status, StatusCode::NOT_FOUND);
        assert!(not_yet.body.contains("vanaf 2026-09-01"));

        // A wave that closes while someone is answering: the last page is refused.
        let page1 = app.start(YOUTH).await;
        let late = App::new(&t.db, date!(2031 - 01 - 01));
        assert_eq!(late.post(&page1, "nav=next").await.status, StatusCode::GONE);

        let expired = app.get(&format!("/{YOUTH}/nosuchtoken/1")).await;
        assert_eq!(expired.status, StatusCode::NOT_FOUND);
        assert!(expired.body.contains("Opnieuw beginnen"));
        t
    })
    .await;
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx_never_a_500() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let page1 = app.start(YOUTH).await;
        let cases: Vec<(&str, Body, StatusCode)> = vec![
            (
                "unknown question",
                Body::from("q.ip=1.2.3.4&nav=next"),
                StatusCode::BAD_REQUEST,
            ),
            (
                "question of another page",
                Body::from("q.tip=hoi&nav=next"),
                StatusCode::BAD_REQUEST,
            ),
            (
                "wrong option",
                Body::from("q.leeftijd=99&nav=next"),
                StatusCode::BAD_REQUEST,
            ),
            (
                "mark out of range",
                Body::from("q.cijfer-school=11&nav=next"),
                StatusCode::BAD_REQUEST,
            ),
            (
                "two answers to one",
                Body::from("q.leeftijd=10-12&q.leeftijd=13-15"),
                StatusCode::BAD_REQUEST,
            ),
            (
                "unknown field",
                Body::from("user_agent=x"),
                StatusCode::BAD_REQUEST,
            ),
            (
                "invalid UTF-8 encoded",
                Body::from("q.leeftijd=%C3%28"),
                StatusCode::BAD_REQUEST,
            ),
            (
                "invalid UTF-8 raw",
                Body::from(vec![b'q', b'.', b'a', b'=', 0xff, 0xfe]),
                StatusCode::BAD_REQUEST,
            ),
            (
                "oversized",
                Body::from(format!("q.leeftijd={}", "a".repeat(300 * 1024))),
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
        ];
        for (what, body, expected) in cases {
            let reply = app.post(&page1, body).await;
            assert_eq!(reply.status, expected, "{what} ({})", t.label);
        }
        let refused = app.post(&page1, "q.leeftijd=99").await;
        assert!(refused.body.contains("Het formulier kwam niet goed aan"));

        let json = Request::post(&page1)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap();
        assert_eq!(
            app.send(json).await.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        assert_eq!(
            app.get(&page_path(&page1, "99")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(&page_path(&page1, "0")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(&page_path(&page1, "x")).await.status,
            StatusCode::BAD_REQUEST
        );
        assert!(t.db.responses_for_link(YOUTH).await.unwrap().is_empty());
        t
    })
    .await;
}

#[tokio::test]
async fn the_language_switch_changes_the_frame_and_is_remembered() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let intro = app.get(&format!("/{YOUTH}?lang=en")).await;
        assert!(intro.body.contains("<html lang=\"en\""));
        assert!(intro.body.contains(">Start</button>"));
        assert!(intro.body.contains("hreflang=\"nl\""));
        let page1 = app
            .post(&format!("/{YOUTH}"), "lang=en")
            .await
            .location
            .unwrap();
        let shown = app.get(&page1).await;
        assert!(
            shown.body.contains("Part 1 of"),
            "the draft remembers English"
        );
        let dutch = app.get(&format!("{page1}?lang=nl")).await;
        assert!(dutch.body.contains("Deel 1 van"));
        assert!(app.get(&page1).await.body.contains("Deel 1 van"));
        t
    })
    .await;
}

#[tokio::test]
async fn health_reports_the_database() {
    let t = TestDb::sqlite().await;
    let app = App::new(&t.db, date!(2026 - 11 - 22));
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    t.db.close().await;
    assert_eq!(
        app.get("/healthz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    t.remove().await;
}

/// The front page takes a code as printed on a flyer: any case, with spaces or dashes,
/// look-alike letters read as digits; an unknown code gets the page again with what was
/// typed and a message next to the field.
#[tokio::test]
async fn the_front_page_takes_a_code_from_a_flyer() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let front = app.get("/").await;
        assert_eq!(front.status, StatusCode::OK);
        assert!(front.body.contains("Heb je een code?"), "{}", front.body);
        assert!(front.body.contains("href=\"/beheer\""));
        assert!(
            !front.body.contains(".wasm"),
            "the front page loads no WebAssembly"
        );
        for typed in ["VERZ-M26J", "verz m26j", "VERZM26J"] {
            let go = app
                .get(&format!("/?lang=nl&code={}", typed.replace(' ', "+")))
                .await;
            assert_eq!(go.status, StatusCode::SEE_OTHER, "{typed}");
            assert_eq!(go.location.as_deref(), Some("/verzm26j?lang=nl"), "{typed}");
        }
        let english = app.get("/?lang=en&code=verzm26j").await;
        assert_eq!(english.location.as_deref(), Some("/verzm26j?lang=en"));
        let unknown = app.get("/?lang=nl&code=ABCD-EFGH").await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        assert!(unknown.body.contains("We kennen deze code niet."));
        assert!(
            unknown.body.contains("value=\"ABCD-EFGH\""),
            "what was typed is kept"
        );
        assert!(unknown.body.contains("aria-invalid=\"true\""));
        let empty = app.get("/?lang=nl&code=").await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("Typ de code die je kreeg."));
        let markup = app.get("/?lang=nl&code=%3Cscript%3E").await;
        assert!(!markup.body.contains("<script>"), "typed text is escaped");
        let en = app.get("/?lang=en").await;
        assert!(en.body.contains("Do you have a code?"));
        t
    })
    .await;
}

/// A trailing slash leads to the canonical path, never to another site.
#[tokio::test]
async fn trailing_slashes_redirect_to_the_canonical_path() {
    let t = TestDb::sqlite().await;
    let app = App::new(&t.db, date!(2026 - 11 - 22));
    for (from, to) in [
        ("/beheer/", "/beheer"),
        ("/beheer/inloggen/", "/beheer/inloggen"),
        ("/verzm26j/?lang=en", "/verzm26j?lang=en"),
    ] {
        let reply = app.get(from).await;
        assert_eq!(reply.status, StatusCode::PERMANENT_REDIRECT, "{from}");
        assert_eq!(reply.location.as_deref(), Some(to), "{from}");
    }
    for off_site in ["//evil.example/", "///evil.example//"] {
        let reply = app.get(off_site).await;
        assert_ne!(reply.status, StatusCode::PERMANENT_REDIRECT, "{off_site}");
    }
    t.remove().await;
}
