//! The comparison, the report and the exports through the router, on the demo with its
//! synthetic material: counts as stored, the threshold applied on the server (also to what
//! could be derived by subtraction), role limits on every route, files that read back, and
//! the audit log; on SQLite and (with TEST_DATABASE_URL) PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;

use app::{App, Reply, page_path};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{TestDb, load_demo, on_every_database};
use samenspraak::domain::account::{Email, Role};
use samenspraak::server::auth::hash_password;
use samenspraak::server::synthetic;
use samenspraak::storage::{AnswerFilter, Db};
use time::macros::date;

const PASSWORD: &str = "lange zinnen zijn sterk";
const P: &str = "/beheer/projecten/samenhang";

struct Session {
    cookie: String,
    csrf: String,
}

async fn setup(t: &TestDb) -> App {
    load_demo(&t.db).await;
    let project = t.db.project_id("samenhang").await.unwrap().unwrap();
    synthetic::seed_demo(&t.db, project).await.unwrap();
    for (email, role) in [
        ("kijker@example.nl", Role::Viewer),
        ("onderzoeker@example.nl", Role::Researcher),
        ("eigenaar@example.nl", Role::Owner),
    ] {
        let hash = hash_password(PASSWORD.into()).await.unwrap();
        let id =
            t.db.create_user(&Email::parse(email).unwrap(), &hash, false)
                .await
                .unwrap();
        t.db.set_membership(id, project, role).await.unwrap();
    }
    App::new(&t.db, date!(2026 - 11 - 22))
}

async fn request(app: &App, method: Method, path: &str, session: &Session, form: &str) -> Reply {
    let mut builder = Request::builder()
        .method(method.clone())
        .uri(path)
        .header(header::COOKIE, &session.cookie);
    if method == Method::POST {
        builder = builder.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    app.send(builder.body(Body::from(form.to_owned())).unwrap())
        .await
}

async fn login(app: &App, email: &str) -> Session {
    let reply = app
        .post(
            "/beheer/inloggen",
            format!("email={email}&password={}", PASSWORD.replace(' ', "+")),
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let cookie = reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let mut session = Session {
        cookie,
        csrf: String::new(),
    };
    let home = request(app, Method::GET, "/beheer", &session, "").await;
    let at = home.body.find("name=\"csrf\" value=\"").unwrap() + 19;
    session.csrf = home.body[at..at + home.body[at..].find('"').unwrap()].to_owned();
    session
}

/// Reads a CSV export (after its byte order mark) into rows.
fn csv_rows(body: &str, separator: u8) -> Vec<Vec<String>> {
    let body = body.strip_prefix('\u{feff}').expect("a byte order mark");
    csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn counts_are_read_per_audience_wave_and_filter() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let project = t.db.project_id("samenhang").await.unwrap().unwrap();
        let target = |code: &str| {
            let code = code.to_owned();
            let db = t.db.clone();
            async move {
                db.link_targets(project)
                    .await
                    .unwrap()
                    .into_iter()
                    .find(|l| {
                        l.wave
                            == if code == "v" {
                                "voorjaar-2026"
                            } else {
                                "najaar-2026"
                            }
                            && l.group.is_none()
                            && l.audience == samenspraak::domain::Audience::Youth
                    })
                    .unwrap()
            }
        };
        let autumn = target("j").await;
        let spring = target("v").await;
        let response = |t: &samenspraak::storage::LinkTarget, age: &str, glad: &str| {
            samenspraak::storage::NewResponse {
                link_id: t.link_id,
                version_id: t.version_id,
                audience: t.audience,
                wave_id: t.wave_id,
                group: None,
                submitted_on: date!(2026 - 10 - 01),
                language: "nl".into(),
                answers: vec![
                    ("leeftijd".into(), vec![age.into()]),
                    ("graag-naar-school".into(), vec![glad.into()]),
                    ("redenen".into(), vec!["pesten".into(), "ziek".into()]),
                ],
            }
        };
        t.db.insert_responses(&[
            response(&autumn, "13-15", "eens"),
            response(&autumn, "13-15", "eens"),
            response(&autumn, "16-18", "oneens"),
            response(&spring, "13-15", "oneens"),
        ])
        .await
        .unwrap();
        let keys = vec!["graag-naar-school".to_owned(), "redenen".to_owned()];
        let counts =
            t.db.closed_counts(project, &keys, None, false)
                .await
                .unwrap();
        let n = |wave: &str, q: &str, v: &str| {
            counts
                .iter()
                .filter(|c| c.wave == wave && c.question == q && c.value == v)
                .map(|c| c.count)
                .sum::<u64>()
        };
        assert_eq!(n("najaar-2026", "graag-naar-school", "eens"), 2);
        assert_eq!(n("najaar-2026", "graag-naar-school", "oneens"), 1);
        assert_eq!(n("voorjaar-2026", "graag-naar-school", "oneens"), 1);
        assert_eq!(n("najaar-2026", "redenen", "pesten"), 3);
        // Multiple choice: who answered, not how many ticks.
        let answered =
            t.db.closed_counts(project, &keys[1..], None, true)
                .await
                .unwrap();
        assert_eq!(answered.iter().map(|c| c.count).sum::<u64>(), 4);
        let filter = AnswerFilter {
            question: "leeftijd".into(),
            value: "13-15".into(),
        };
        let filtered =
            t.db.closed_counts(project, &keys[..1], Some(&filter), false)
                .await
                .unwrap();
        let total: u64 = filtered.iter().map(|c| c.count).sum();
        assert_eq!(total, 3);
        assert!(
            filtered
                .iter()
                .all(|c| c.value != "oneens" || c.wave == "voorjaar-2026")
        );

        // The counts follow deletions, and rebuilding them from the answers changes nothing.
        let first = t.db.export_responses(project, "naar-school").await.unwrap()[0].id;
        assert!(t.db.delete_response(project, first).await.unwrap());
        let after =
            t.db.closed_counts(project, &keys, None, false)
                .await
                .unwrap();
        let total =
            |c: &[samenspraak::storage::ClosedCount]| c.iter().map(|c| c.count).sum::<u64>();
        assert_eq!(total(&after), total(&counts) - 3);
        let filtered =
            t.db.closed_counts(project, &keys, Some(&filter), false)
                .await
                .unwrap();
        t.db.rebuild_tallies().await.unwrap();
        assert_eq!(
            t.db.closed_counts(project, &keys, None, false)
                .await
                .unwrap(),
            after
        );
        assert_eq!(
            t.db.closed_counts(project, &keys, Some(&filter), false)
                .await
                .unwrap(),
            filtered
        );
        t
    })
    .await;
}

#[tokio::test]
async fn the_comparison_shows_audiences_side_by_side_with_charts_and_tables() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let anonymous = app.get(&format!("{P}/vergelijking")).await;
        assert_eq!(anonymous.location.as_deref(), Some("/beheer/inloggen"));
        let viewer = login(&app, "kijker@example.nl").await;
        let page = request(
            &app,
            Method::GET,
            &format!("{P}/vergelijking?thema=naar-school"),
            &viewer,
            "",
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let body = &page.body;
        assert!(body.contains("Naar school gaan en schoolverzuim"));
        // Codes across the three audiences, with their pattern.
        assert!(body.contains("Een vaste mentor"));
        assert!(
            body.contains("Overeenkomst") || body.contains("Verschil"),
            "{body}"
        );
        // Charts are SVG with a title and a text alternative; no table in the chart view.
        assert!(body.contains("role=\"img\""));
        assert!(body.contains("<desc"));
        assert!(body.contains("Ik ga graag naar school."));
        assert!(body.contains("procentpunt"));
        assert!(body.contains("Verloop over de meetmomenten"));
        assert!(!body.contains("<caption>Antwoorden op"));
        let table = request(
            &app,
            Method::GET,
            &format!("{P}/vergelijking?thema=naar-school&weergave=tabel"),
            &viewer,
            "",
        )
        .await;
        assert!(table.body.contains("<caption>Antwoorden op"));
        assert!(!table.body.contains("role=\"img\""));
        // Round against round.
        let rounds = request(
            &app,
            Method::GET,
            &format!("{P}/vergelijking?thema=naar-school&golf=najaar-2026&tegen=voorjaar-2026"),
            &viewer,
            "",
        )
        .await;
        assert_eq!(rounds.status, StatusCode::OK);
        assert!(
            rounds
                .body
                .contains("Jongeren · Najaar 2026 tegenover Jongeren · Voorjaar 2026"),
            "{}",
            rounds.body
        );
        // Unknown choices are said, not guessed.
        let unknown = request(
            &app,
            Method::GET,
            &format!("{P}/vergelijking?golf=zomer"),
            &viewer,
            "",
        )
        .await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        // The report: every theme, the method note, print-ready.
        let report = request(&app, Method::GET, &format!("{P}/rapport"), &viewer, "").await;
        assert_eq!(report.status, StatusCode::OK);
        assert!(report.body.contains("Werkwijze"));
        assert!(report.body.contains("Hulp op tijd, dichtbij"));
        assert!(report.body.contains("Aantallen onder de 5"));
        t
    })
    .await;
}

#[tokio::test]
async fn the_threshold_is_applied_on_the_server_everywhere() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let owner = login(&app, "eigenaar@example.nl").await;
        let researcher = login(&app, "onderzoeker@example.nl").await;
        // Only owners set it, and never below 3.
        let form = |n: &str, s: &Session| format!("csrf={}&threshold={n}", s.csrf);
        let refused = request(
            &app,
            Method::POST,
            &format!("{P}/drempel"),
            &researcher,
            &form("7", &researcher),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let low = request(
            &app,
            Method::POST,
            &format!("{P}/drempel"),
            &owner,
            &form("2", &owner),
        )
        .await;
        assert_eq!(low.status, StatusCode::UNPROCESSABLE_ENTITY);
        let set = request(
            &app,
            Method::POST,
            &format!("{P}/drempel"),
            &owner,
            &form("30", &owner),
        )
        .await;
        assert_eq!(set.status, StatusCode::SEE_OTHER);

        // Every count of young people and parents in the aggregate export is 0 or at least
        // 30; per question, never exactly one count hidden (it would follow from the others).
        let export = request(
            &app,
            Method::GET,
            &format!("{P}/export/vergelijking.csv"),
            &owner,
            "",
        )
        .await;
        assert_eq!(export.status, StatusCode::OK);
        let rows = csv_rows(&export.body, b';');
        assert_eq!(
            rows[0],
            [
                "thema",
                "vraag",
                "doelgroep",
                "meetmoment",
                "antwoord",
                "aantal",
                "aandeel"
            ]
        );
        let mut hidden = std::collections::HashMap::<(String, String, String), usize>::new();
        let mut shown = 0;
        for row in &rows[1..] {
            if row[2] == "professional" || ["gemiddelde", "mediaan"].contains(&row[4].as_str()) {
                continue;
            }
            match row[5].parse::<u64>() {
                Ok(n) => {
                    assert!(n == 0 || n >= 30, "{row:?}");
                    shown += 1;
                }
                Err(_) => {
                    // Honest labels: "<30" only for a count below 30, "verborgen" for one
                    // hidden to protect another.
                    assert!(["<30", "verborgen"].contains(&row[5].as_str()), "{row:?}");
                    // The hidden count of those who answered counts too: with it, one
                    // hidden option no longer follows from the others.
                    // (Marks are summed up, their options not counted: nothing to compare.)
                    if !row[1].starts_with("code:") && !row[1].starts_with("cijfer") {
                        *hidden
                            .entry((row[1].clone(), row[2].clone(), row[3].clone()))
                            .or_default() += 1;
                    }
                }
            }
        }
        assert!(shown > 0);
        assert!(hidden.values().all(|n| *n != 1), "{hidden:?}");

        // The page says so too, and a filter hides what its rest would give away.
        let viewer = login(&app, "kijker@example.nl").await;
        let page = request(
            &app,
            Method::GET,
            &format!("{P}/vergelijking?thema=naar-school&filter=leeftijd%3D13-15&weergave=tabel"),
            &viewer,
            "",
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("minder dan 30"));
        // The project page counts responses per link with the same threshold (the group
        // link of the demo has 18).
        let overview = request(&app, Method::GET, P, &viewer, "").await;
        assert!(overview.body.contains("minder dan 30"), "{}", overview.body);
        assert!(
            page.body
                .contains("Inzichten van professionals zijn niet gefilterd")
        );
        t
    })
    .await;
}

#[tokio::test]
async fn exports_read_back_respect_roles_and_are_logged() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        // Enough responses that an export is written in many pieces.
        let project = t.db.project_id("samenhang").await.unwrap().unwrap();
        let target = t.db.link_targets(project).await.unwrap().into_iter().find(|l| l.questionnaire == "naar-school").unwrap();
        let questionnaire = t.db.project_questionnaires(project).await.unwrap().into_iter().find(|q| q.key == "naar-school").unwrap().questionnaire;
        let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(7);
        t.db.insert_responses(&synthetic::responses(&target, &questionnaire, 0, date!(2026 - 11 - 20), 1_000, &mut rng)).await.unwrap();
        // One young person's open answer holds a phone number: it waits for review.
        let first = app.start("verzm26j").await;
        let page2 = app.post(&first, "q.leeftijd=13-15&q.graag-naar-school=weet-niet&q.volwassene-op-school=eens&q.cijfer-school=8&nav=next").await.location.unwrap();
        assert_eq!(page2, page_path(&first, 2));
        let page3 = app.post(&page2, "q.thuisgebleven=ja&q.redenen=pesten&q.redenen=ziek&q.wat-helpt=Bel+me+op+06-12345678&nav=next").await.location.unwrap();
        let page4 = app.post(&page3, "q.hulp-gehad=nee&q.serieus-genomen=eens&q.weet-waar-hulp=eens&nav=next").await.location.unwrap();
        let done = app.post(&page4, "q.anderen-ontmoeten=nee&nav=next").await;
        assert!(done.location.as_deref().is_some_and(|l| l.contains("/bedankt")), "{:?}", done.location);

        let viewer = login(&app, "kijker@example.nl").await;
        let researcher = login(&app, "onderzoeker@example.nl").await;
        let export = |format: &str| format!("{P}/export?vragenlijst=naar-school&formaat={format}");
        // Viewers get aggregates only.
        for format in ["csv-puntkomma", "xlsx", "json", "fragmenten", "codeboek"] {
            let reply = request(&app, Method::GET, &export(format), &viewer, "").await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{format}");
        }
        assert_eq!(request(&app, Method::GET, &format!("{P}/export/vergelijking.csv"), &viewer, "").await.status, StatusCode::OK);

        let ids: Vec<String> = t.db.export_responses(t.db.project_id("samenhang").await.unwrap().unwrap(), "naar-school").await.unwrap().iter().map(|r| r.id.to_string()).collect();
        let stored = ids.len();
        // Written while sent, a batch at a time: the file still holds every response once, in order.
        assert!(stored > 1_000, "enough responses for several batches: {stored}");
        let csv = request(&app, Method::GET, &export("csv-puntkomma"), &researcher, "").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("samenhang-naar-school-puntkomma.csv"));
        let rows = csv_rows(&csv.body, b';');
        assert_eq!(rows.len(), stored + 1);
        let col = |name: &str| rows[0].iter().position(|c| c == name).unwrap_or_else(|| panic!("{name}"));
        let in_file: Vec<&String> = rows[1..].iter().map(|r| &r[col("respons")]).collect();
        assert_eq!(in_file, ids.iter().collect::<Vec<_>>());
        let mine = rows.last().unwrap();
        assert_eq!(mine[col("graag_naar_school")], "9");
        assert_eq!(mine[col("volwassene_op_school")], "4");
        assert_eq!(mine[col("cijfer_school")], "8");
        assert_eq!(mine[col("redenen_pesten")], "1");
        assert_eq!(mine[col("doelgroep")], "1");
        assert_eq!(mine[col("wat_helpt")], "[nog niet nagekeken op persoonsgegevens]");
        assert!(!csv.body.contains("06-12345678"));
        let comma = request(&app, Method::GET, &export("csv-komma"), &researcher, "").await;
        assert_eq!(csv_rows(&comma.body, b',').len(), stored + 1);

        let json = request(&app, Method::GET, &export("json"), &researcher, "").await;
        let list: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        let list = list.as_array().unwrap();
        let in_file: Vec<String> = list.iter().map(|r| r["respons"].to_string()).collect();
        assert_eq!(in_file, ids);
        let last = &list[stored - 1]["antwoorden"];
        let mut reasons: Vec<&str> = last["redenen"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        reasons.sort();
        assert_eq!(reasons, ["pesten", "ziek"]);
        assert_eq!(last["cijfer-school"], serde_json::json!(8));
        assert!(!json.body.contains("06-12345678"));

        let xlsx = app
            .router
            .clone();
        let reply = {
            use http_body_util::BodyExt;
            use tower::ServiceExt;
            let response = xlsx
                .oneshot(Request::get(export("xlsx")).header(header::COOKIE, &researcher.cookie).body(Body::empty()).unwrap())
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            response.into_body().collect().await.unwrap().to_bytes()
        };
        {
            use calamine::{Data, Reader, Xlsx};
            let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(reply.to_vec())).unwrap();
            let data = book.worksheet_range("Antwoorden").unwrap();
            assert_eq!(data.height(), stored + 1);
            let in_file: Vec<String> = (1..=stored as u32).map(|r| data.get_value((r, 0)).unwrap().to_string()).collect();
            assert_eq!(in_file, ids);
            assert_eq!(data.get((0, 0)), Some(&Data::String("respons".into())));
            assert!(book.worksheet_range("Codeboek").is_ok());
        }

        let codebook = request(&app, Method::GET, &export("codeboek"), &researcher, "").await;
        assert!(codebook.body.contains("graag_naar_school;;;9;Weet ik niet;ja"), "{}", codebook.body);
        let r = request(&app, Method::GET, &export("r"), &researcher, "").await;
        assert!(r.body.contains("read.csv(\"samenhang-naar-school-puntkomma.csv\""));
        let sps = request(&app, Method::GET, &export("spss"), &researcher, "").await;
        assert!(sps.body.contains("MISSING VALUES graag_naar_school (9)."));
        let fragments = request(&app, Method::GET, &export("fragmenten"), &researcher, "").await;
        let rows = csv_rows(&fragments.body, b';');
        assert!(rows.iter().any(|r| r[0] == "Een vaste mentor" && r[3] == "inzicht" && r[4] == "professional"));
        assert!(rows.iter().any(|r| r[0] == "Geen wachtlijst" && r[3] == "antwoord" && r[4] == "parent"));

        let project = app.db.project_id("samenhang").await.unwrap().unwrap();
        let log = app.db.audit_log(project, 50).await.unwrap();
        let exports: Vec<_> = log.iter().filter(|e| e.action == "export").collect();
        assert!(exports.iter().any(|e| e.detail.contains("puntkomma.csv")));
        assert!(exports.iter().any(|e| e.detail.contains("vergelijking.csv")));
        assert!(exports.iter().any(|e| e.detail.contains("fragmenten.csv")));
        t
    })
    .await;
}

/// The threshold read from a fresh project is the default.
#[tokio::test]
async fn a_new_project_reports_with_five() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let project = t.db.project_id("veilig-thuis").await.unwrap().unwrap();
        assert_eq!(t.db.report_threshold(project).await.unwrap(), 5);
        let db: &Db = &t.db;
        assert!(
            db.set_report_threshold(project, 2).await.is_err(),
            "the database refuses below 3"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn text_waiting_for_review_is_never_shown_or_exported() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let first = app.start("verzm26j").await;
        let page2 = app.post(&first, "q.leeftijd=13-15&q.graag-naar-school=eens&q.volwassene-op-school=eens&q.cijfer-school=8&nav=next").await.location.unwrap();
        let page3 = app.post(&page2, "q.thuisgebleven=nee&q.wat-helpt=Een+vaste+mentor%2C+bel+me+op+06-12345678&nav=next").await.location.unwrap();
        let page4 = app.post(&page3, "q.hulp-gehad=nee&q.serieus-genomen=eens&q.weet-waar-hulp=eens&nav=next").await.location.unwrap();
        app.post(&page4, "q.anderen-ontmoeten=nee&nav=next").await;

        // A researcher codes it before anyone has looked at the phone number.
        let project = app.db.project_id("samenhang").await.unwrap().unwrap();
        let id = app.db.export_responses(project, "naar-school").await.unwrap().last().unwrap().id;
        let mentor = app.db.codes(project).await.unwrap().into_iter().find(|c| c.name == "Een vaste mentor").unwrap();
        app.db
            .insert_code_applications(&[samenspraak::storage::NewApplication {
                code_id: mentor.id,
                source: samenspraak::storage::Source::Answer,
                target_id: id,
                part: "wat-helpt".into(),
                span: None,
            }])
            .await
            .unwrap();
        let viewer = login(&app, "kijker@example.nl").await;
        let researcher = login(&app, "onderzoeker@example.nl").await;
        let comparison = format!("{P}/vergelijking?thema=naar-school");
        let fragments = format!("{P}/export?formaat=fragmenten");
        for path in [&comparison, &format!("{P}/rapport"), &fragments] {
            let reply = request(&app, Method::GET, path, &researcher, "").await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            assert!(!reply.body.contains("06-12345678"), "{path}");
        }
        assert!(!request(&app, Method::GET, &comparison, &viewer, "").await.body.contains("06-12345678"));
        let export = request(&app, Method::GET, &fragments, &researcher, "").await;
        assert!(export.body.contains("[nog niet nagekeken op persoonsgegevens]"));

        // Once a researcher has found it in order, it is a quote like any other.
        assert!(app.db.resolve_flag(project, id, "wat-helpt", None).await.unwrap());
        let page = request(&app, Method::GET, &comparison, &viewer, "").await;
        assert!(page.body.contains("Een vaste mentor, bel me op 06-12345678"));
        t
    })
    .await;
}

/// The running counts of coded responses follow every change to the codes of answers:
/// after coding (twice on one response too), uncoding, merging codes, deleting a code and
/// deleting a response, they equal a count from scratch.
#[tokio::test]
async fn coded_responses_are_counted_as_they_are_coded() {
    use rand::{Rng, SeedableRng};
    on_every_database(|t: TestDb| async move {
        let _app = setup(&t).await;
        {
            let db = &t.db;
            let project = db.project_id("samenhang").await.unwrap().unwrap();
            let user = db
                .create_user(
                    &Email::parse("codeur@example.nl").unwrap(),
                    &hash_password(PASSWORD.into()).await.unwrap(),
                    false,
                )
                .await
                .unwrap();
            let questionnaires = db.project_questionnaires(project).await.unwrap();
            let filters: Vec<String> = questionnaires
                .iter()
                .flat_map(|q| q.questionnaire.questions.iter())
                .filter(|q| q.kind.can_be_condition())
                .map(|q| q.key.clone())
                .chain(["@taal".to_owned()])
                .collect();
            // Open answers that can be coded: (response, question).
            let mut open: Vec<(i64, String)> = Vec::new();
            for q in &questionnaires {
                let texts: Vec<&str> = q
                    .questionnaire
                    .questions
                    .iter()
                    .filter(|x| x.kind.is_text())
                    .map(|x| x.key.as_str())
                    .collect();
                for r in db.export_responses(project, &q.key).await.unwrap() {
                    open.extend(
                        r.answers
                            .keys()
                            .filter(|k| texts.contains(&k.as_str()))
                            .map(|k| (r.id, k.clone())),
                    );
                }
            }
            assert!(open.len() > 100, "{}", open.len());
            let counts = || async {
                let codes = db.codes(project).await.unwrap();
                let mut themes: Vec<String> =
                    codes.iter().filter_map(|c| c.theme.clone()).collect();
                themes.sort();
                themes.dedup();
                let mut all = Vec::new();
                for theme in &themes {
                    all.push(
                        db.code_counts_by_filter(project, theme, &filters)
                            .await
                            .unwrap(),
                    );
                    for filter in [
                        None,
                        Some(samenspraak::storage::AnswerFilter {
                            question: filters[0].clone(),
                            value: "ja".into(),
                        }),
                        Some(samenspraak::storage::AnswerFilter {
                            question: "@taal".into(),
                            value: "ar".into(),
                        }),
                    ] {
                        let mut one = db
                            .code_counts(project, theme, filter.as_ref())
                            .await
                            .unwrap();
                        one.sort_by_key(|c| (c.code_id, c.audience.as_str(), c.wave.clone()));
                        all.push(one.into_iter().map(|c| (None, c)).collect());
                    }
                }
                all
            };
            let mut rng = rand::rngs::StdRng::seed_from_u64(11);
            for round in 0..6 {
                for _ in 0..15 {
                    let codes = db.codes(project).await.unwrap();
                    let code = &codes[rng.random_range(0..codes.len())];
                    let (response, question) = open[rng.random_range(0..open.len())].clone();
                    let (response, question) = (&response, &question);
                    match rng.random_range(0..20) {
                        0..=11 => {
                            // Sometimes the same code twice on one answer: the response counts once.
                            for _ in 0..rng.random_range(1..=2) {
                                db.apply_code_to_answer(
                                    project, code.id, *response, question, None, user,
                                )
                                .await
                                .unwrap();
                            }
                        }
                        12..=16 => {
                            let applied = db.answer_codes(project, *response).await.unwrap();
                            if let Some((_, a)) = applied.first() {
                                assert!(db.remove_application(project, a.id).await.unwrap());
                            }
                        }
                        17 if codes.len() > 8 => {
                            let other = &codes[rng.random_range(0..codes.len())];
                            db.merge_codes(project, code.id, other.id).await.unwrap();
                        }
                        18 if codes.len() > 8 => {
                            db.delete_code(project, code.id).await.unwrap();
                        }
                        _ => {
                            db.delete_response(project, *response).await.unwrap();
                            open.retain(|(r, _)| r != response);
                        }
                    }
                }
                let kept = counts().await;
                assert!(
                    kept.iter().flatten().any(|(_, c)| c.count > 0),
                    "round {round}: something is counted"
                );
                db.rebuild_code_tallies().await.unwrap();
                assert_eq!(
                    kept,
                    counts().await,
                    "round {round}: kept while coding = counted from scratch"
                );
            }
        }
        t
    })
    .await;
}

/// Two changes to the codes of one response at the same moment (two coders, or a double
/// click) still count it once: coding one answer from four tasks at once, then removing
/// its applications from as many, leaves counts equal to a count from scratch.
#[tokio::test]
async fn coding_one_response_at_once_from_many_places_counts_it_once() {
    on_every_database(|t: TestDb| async move {
        let _app = setup(&t).await;
        {
            let db = &t.db;
            let project = db.project_id("samenhang").await.unwrap().unwrap();
            let user = db
                .create_user(
                    &Email::parse("codeur@example.nl").unwrap(),
                    &hash_password(PASSWORD.into()).await.unwrap(),
                    false,
                )
                .await
                .unwrap();
            let questionnaire = db
                .project_questionnaires(project)
                .await
                .unwrap()
                .into_iter()
                .find(|q| q.questionnaire.questions.iter().any(|x| x.kind.is_text()))
                .unwrap();
            let text = questionnaire
                .questionnaire
                .questions
                .iter()
                .find(|x| x.kind.is_text())
                .unwrap()
                .key
                .clone();
            let responses: Vec<i64> = db
                .export_responses(project, &questionnaire.key)
                .await
                .unwrap()
                .into_iter()
                .filter(|r| r.answers.contains_key(&text))
                .map(|r| r.id)
                .take(12)
                .collect();
            assert_eq!(responses.len(), 12);
            let codes = db.codes(project).await.unwrap();
            let coded_in_theme = codes.iter().find(|c| c.theme.is_some()).unwrap();
            let (code, theme) = (coded_in_theme.id, coded_in_theme.theme.clone().unwrap());
            let snapshot = || async {
                let mut counts = db.code_counts(project, &theme, None).await.unwrap();
                counts.sort_by_key(|c| (c.code_id, c.audience.as_str(), c.wave.clone()));
                counts
            };
            let before = snapshot().await;
            db.rebuild_code_tallies().await.unwrap();
            assert_eq!(before, snapshot().await, "counted from scratch before");

            let at_once = |response: i64| {
                let text = text.clone();
                (0..4).map(move |_| {
                    let (db, text) = (db.clone(), text.clone());
                    tokio::spawn(async move {
                        db.apply_code_to_answer(project, code, response, &text, None, user)
                            .await
                            .unwrap()
                    })
                })
            };
            let applying: Vec<_> = responses.iter().flat_map(|&r| at_once(r)).collect();
            for applied in applying {
                assert!(applied.await.unwrap());
            }
            let coded = snapshot().await;
            db.rebuild_code_tallies().await.unwrap();
            assert_eq!(
                coded,
                snapshot().await,
                "coded at once = counted from scratch"
            );

            let mut removals = Vec::new();
            for &response in &responses {
                for (_, application) in db.answer_codes(project, response).await.unwrap() {
                    if application.code_id == code {
                        let db = db.clone();
                        removals.push(tokio::spawn(async move {
                            db.remove_application(project, application.id)
                                .await
                                .unwrap()
                        }));
                    }
                }
            }
            assert!(removals.len() >= 48);
            for removed in removals {
                assert!(removed.await.unwrap());
            }
            let uncoded = snapshot().await;
            db.rebuild_code_tallies().await.unwrap();
            assert_eq!(
                uncoded,
                snapshot().await,
                "uncoded at once = counted from scratch"
            );
        }
        t
    })
    .await;
}

/// Responses keep their language, and the comparison narrows to one like to an answer of a
/// filter question: counted from the running tallies exactly as the stored responses say,
/// offered only for the languages the questionnaires are translated into, and unknown
/// languages refused.
#[tokio::test]
async fn the_comparison_filters_by_the_language_answered_in() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let viewer = login(&app, "kijker@example.nl").await;
        let project = t.db.project_id("samenhang").await.unwrap().unwrap();
        let page = request(
            &app,
            Method::GET,
            &format!("{P}/vergelijking?thema=naar-school"),
            &viewer,
            "",
        )
        .await;
        assert!(
            page.body
                .contains("<option value=\"@taal=ar\">Taal: العربية</option>"),
            "{}",
            page.body
        );
        assert!(page.body.contains("Taal: Nederlands"));
        // The demo is not translated into every language of the frame: no such choice.
        let arabic = request(
            &app,
            Method::GET,
            &format!("{P}/vergelijking?thema=naar-school&filter=%40taal%3Dar"),
            &viewer,
            "",
        )
        .await;
        assert_eq!(arabic.status, StatusCode::OK, "{}", arabic.body);
        assert!(
            arabic
                .body
                .contains("Gesprekken hebben geen taal van een vragenlijst")
        );
        assert!(arabic.body.contains("<option value=\"@taal=ar\" selected"));
        let unknown = request(
            &app,
            Method::GET,
            &format!("{P}/vergelijking?thema=naar-school&filter=%40taal%3Dfr"),
            &viewer,
            "",
        )
        .await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        assert!(unknown.body.contains("Dit filter bestaat niet"));

        // The tallies within a language agree with the stored responses in it.
        let mut by_language: std::collections::BTreeMap<(String, String, String), u64> =
            Default::default();
        let mut languages = std::collections::BTreeSet::new();
        let mut keys = std::collections::BTreeSet::new();
        for q in t.db.project_questionnaires(project).await.unwrap() {
            let closed: Vec<String> = q
                .questionnaire
                .questions
                .iter()
                .filter(|x| !x.kind.is_text())
                .map(|x| x.key.clone())
                .collect();
            for r in t.db.export_responses(project, &q.key).await.unwrap() {
                languages.insert(r.language.clone());
                for key in closed.iter().filter(|k| r.answers.contains_key(*k)) {
                    keys.insert(key.clone());
                    for value in &r.answers[key] {
                        *by_language
                            .entry((r.language.clone(), key.clone(), value.clone()))
                            .or_default() += 1;
                    }
                }
            }
        }
        assert!(
            languages.len() >= 3,
            "the demo answers in several languages: {languages:?}"
        );
        let keys: Vec<String> = keys.into_iter().collect();
        for language in &languages {
            let filter = AnswerFilter {
                question: "@taal".into(),
                value: language.clone(),
            };
            let mut counted: std::collections::BTreeMap<(String, String, String), u64> =
                Default::default();
            for c in
                t.db.closed_counts(project, &keys, Some(&filter), false)
                    .await
                    .unwrap()
            {
                *counted
                    .entry((language.clone(), c.question, c.value))
                    .or_default() += c.count;
            }
            let stored: std::collections::BTreeMap<_, _> = by_language
                .iter()
                .filter(|((l, _, _), _)| l == language)
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            assert_eq!(counted, stored, "{language}");
        }
        t
    })
    .await;
}
