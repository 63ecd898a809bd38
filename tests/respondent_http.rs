//! A respondent without JavaScript: plain form posts through the whole app (router, pages,
//! storage), on SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;

use app::{
    App, answer_all_but_the_last, answer_all_but_the_last_in, answer_everything, answer_for,
    audio_sources, page_path,
};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{TestDb, load_demo, on_every_database};
use samenspraak::domain::Audience;
use samenspraak::storage::Db;
use sqlx::{Connection, Executor};
use time::macros::date;

const YOUTH: &str = "verzm26j";
const PARENT: &str = "verzm26p";

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

/// A parent answers the demo in Arabic: the page is right to left with the Arabic wording
/// and frame, the browser's language preselects it, and the response keeps the language
/// while its answers are the same option keys as in Dutch.
#[tokio::test]
async fn a_parent_answers_in_arabic_right_to_left() {
    use samenspraak::domain::translation::TextRef;
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let link =
            t.db.find_link(&common::code(PARENT))
                .await
                .unwrap()
                .unwrap();
        let arabic = &link.questionnaire.translations["ar"];
        let title = &arabic[&TextRef::Title].text;

        let intro = app.get(&format!("/{PARENT}?lang=ar")).await;
        assert!(
            intro.body.contains("<html lang=\"ar\" dir=\"rtl\""),
            "{}",
            intro.body
        );
        assert!(intro.body.contains(title.as_str()));
        assert!(
            intro
                .body
                .contains(&arabic[&TextRef::Purpose(Audience::Parent)].text)
        );
        // Every language is listed in its own name.
        for name in [
            "Nederlands",
            "العربية",
            "Türkçe",
            "Polski",
            "Українська",
            "English",
        ] {
            assert!(intro.body.contains(name), "{name}");
        }
        let chosen = app
            .send(
                Request::get(format!("/{PARENT}"))
                    .header(header::ACCEPT_LANGUAGE, "ar-MA,ar;q=0.9,nl;q=0.5")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(chosen.body.contains("<html lang=\"ar\" dir=\"rtl\""));
        let dutch = app
            .send(
                Request::get(format!("/{PARENT}"))
                    .header(header::ACCEPT_LANGUAGE, "de-DE,de;q=0.9")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(dutch.body.contains("<html lang=\"nl\" dir=\"ltr\""));

        let wording = |key: &str| {
            arabic[&TextRef::Wording(key.into(), Audience::Parent)]
                .text
                .clone()
        };
        let (_, (last, form)) = answer_all_but_the_last_in(&[&app], PARENT, "ar", |page| {
            assert!(page.body.contains("<html lang=\"ar\" dir=\"rtl\""));
            assert!(!page.body.contains("Volgende"), "the frame is Arabic too");
        })
        .await;
        let first = app
            .get(&format!("{}/1", last.rsplit_once('/').unwrap().0))
            .await;
        assert!(first.body.contains(&wording("leeftijd")), "{}", first.body);
        assert!(!first.body.contains("Hoe oud is je kind?"));
        let done = app.post(&last, form).await;
        assert_eq!(done.location.as_deref(), Some("/verzm26p/bedankt?lang=ar"));

        let stored = t.db.responses_for_link(PARENT).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].language, "ar");
        assert_eq!(stored[0].answers["redenen"], vec!["ziek", "spanning"]);
        t
    })
    .await;
}

/// A language is offered only where everything the audience reads is translated: with one
/// Turkish text of the parents' questionnaire missing, parents get Dutch and no Turkish in
/// the switch, while young people (who never read that text) still get Turkish.
#[tokio::test]
async fn a_partly_translated_questionnaire_does_not_offer_that_language() {
    use samenspraak::domain::translation::TextRef;
    on_every_database(|t: TestDb| async move {
        for mut definition in common::demo() {
            for q in &mut definition.questionnaires {
                if let Some(turkish) = q.translations.get_mut("tr") {
                    turkish.remove(&TextRef::Wording("alleen".into(), Audience::Parent));
                }
            }
            t.db.import_definition(&definition, || {
                samenspraak::domain::InvitationCode::from_random(rand::random())
            })
            .await
            .unwrap();
        }
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let parents = app.get(&format!("/{PARENT}?lang=tr")).await;
        assert!(parents.body.contains("<html lang=\"nl\""));
        assert!(!parents.body.contains("hreflang=\"tr\""));
        assert!(parents.body.contains("hreflang=\"ar\""));
        let page1 = app.start_in(PARENT, "tr").await;
        assert!(app.get(&page1).await.body.contains("<html lang=\"nl\""));
        assert!(
            app.get(&format!("{page1}?lang=tr"))
                .await
                .body
                .contains("<html lang=\"nl\"")
        );

        let youth = app.get(&format!("/{YOUTH}?lang=tr")).await;
        assert!(youth.body.contains("<html lang=\"tr\" dir=\"ltr\""));
        assert!(youth.body.contains("hreflang=\"tr\""));
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

/// Without JavaScript, every question can be listened to: the page links a sound per
/// question and one for the whole page, loading nothing until played. A sound is made once,
/// kept in the database for every server, served as Opus with a byte range when asked, in
/// the page's language; a link made for other words is sent on to the current ones.
#[tokio::test]
async fn questions_are_read_aloud_made_once_then_from_the_cache() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let state = App::state(&t.db, date!(2026 - 11 - 22));
        let speech = state.speech.clone();
        assert!(
            speech.is_on(),
            "scripts/setup.sh installs espeak-ng and opus-tools"
        );
        let app = App::with_state(state);
        let page = app.start(PARENT).await;
        let shown = app.get(&page).await;
        assert_eq!(
            shown
                .body
                .matches("<audio controls=\"\" preload=\"none\"")
                .count()
                + shown
                    .body
                    .matches("<audio controls preload=\"none\"")
                    .count(),
            shown.body.matches("<audio ").count(),
            "every player loads nothing until played"
        );
        let sources = audio_sources(&shown.body);
        let questions = shown.body.matches("class=\"question").count();
        assert!(questions > 1);
        assert_eq!(
            sources.len(),
            questions + 1,
            "one per question and one per page"
        );
        assert!(sources[0].contains("/luister/_pagina/"));
        let question = &sources[1];

        let first = app.get(question).await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(first.headers[header::CONTENT_TYPE], "audio/ogg");
        assert!(first.bytes.starts_with(b"OggS"), "an Ogg stream");
        assert!(first.bytes.len() > 1_000);
        assert!(
            first.headers[header::CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        assert!(first.headers.get(header::CONTENT_ENCODING).is_none());
        assert_eq!(speech.made(), 1);
        let again = app.get(question).await;
        assert_eq!(again.bytes, first.bytes);
        assert_eq!(speech.made(), 1, "made once, then from the cache");

        // Another app server on the same database finds it made.
        let other_state = App::state(&t.db, date!(2026 - 11 - 22));
        let other_speech = other_state.speech.clone();
        let other = App::with_state(other_state);
        assert_eq!(other.get(question).await.bytes, first.bytes);
        assert_eq!(other_speech.made(), 0);

        let part = app
            .send(
                Request::get(question.as_str())
                    .header(header::RANGE, "bytes=0-99")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(part.bytes, first.bytes.slice(0..100));
        assert_eq!(
            part.headers[header::CONTENT_RANGE],
            format!("bytes 0-99/{}", first.bytes.len()).as_str()
        );

        // A link for other words goes on to the sound of the words shown now.
        let (stale, _) = question.rsplit_once('/').unwrap();
        let moved = app.get(&format!("{stale}/0123456789abcdef")).await;
        assert_eq!(moved.status, StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(moved.location.as_deref(), Some(question.as_str()));
        let (prefix, _) = stale.rsplit_once('/').unwrap();
        assert_eq!(
            app.get(&format!("{prefix}/geen-vraag/0123456789abcdef"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // In Arabic the same question has a sound of its own, in an Arabic voice.
        let arabic = audio_sources(&app.get(&format!("{page}?lang=ar")).await.body);
        assert_ne!(&arabic[1], question);
        let spoken = app.get(&arabic[1]).await;
        assert!(spoken.bytes.starts_with(b"OggS"));
        assert_ne!(spoken.bytes, first.bytes);
        assert_eq!(speech.made(), 2);

        // Nobody else's draft: an unknown token hears nothing.
        let foreign = question.replacen(
            page.split('/').nth(2).unwrap(),
            "aaaaaaaaaaaaaaaaaaaaaaaaaa",
            1,
        );
        assert_eq!(app.get(&foreign).await.status, StatusCode::NOT_FOUND);
        t
    })
    .await;
}

/// Where espeak-ng is missing the pages still work and offer nothing to listen to.
#[tokio::test]
async fn without_espeak_the_pages_offer_nothing_to_listen_to() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let mut state = App::state(&t.db, date!(2026 - 11 - 22));
        state.speech = std::sync::Arc::new(samenspraak::server::speech::Speech::with_programs(
            "/nonexistent/espeak-ng",
            "opusenc",
        ));
        let app = App::with_state(state);
        let page = app.start(PARENT).await;
        let shown = app.get(&page).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(!shown.body.contains("<audio"));
        let asked = app
            .get(&format!("{page}/luister/leeftijd/0123456789abcdef"))
            .await;
        assert_ne!(asked.status, StatusCode::OK);
        t
    })
    .await;
}
