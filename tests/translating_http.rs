//! Translating a questionnaire in the workspace (without JavaScript): the Dutch beside each
//! translation, out-of-date texts marked and checked again, XLIFF and spreadsheet files to
//! and from a translator, and a wrong file refused by line with nothing stored; on SQLite
//! and (with TEST_DATABASE_URL) PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;
#[path = "common/workspace.rs"]
mod workspace;

use app::App;
use axum::http::{Method, StatusCode, header};
use common::{TestDb, on_every_database};
use samenspraak::domain::Questionnaire;
use samenspraak::domain::translation::{TextRef, TextState};
use samenspraak::storage::Db;
use workspace::{Session, login, request, setup, upload};

const EDITOR: &str = "/beheer/projecten/samenhang/vragenlijsten/naar-school";

async fn stored(db: &Db) -> Questionnaire {
    let project = db.project_id("samenhang").await.unwrap().unwrap();
    db.project_questionnaires(project)
        .await
        .unwrap()
        .into_iter()
        .find(|q| q.key == "naar-school")
        .unwrap()
        .questionnaire
}

async fn get(app: &App, me: &Session, path: &str) -> app::Reply {
    request(app, Method::GET, path, Some(me), "").await
}

#[tokio::test]
async fn a_researcher_translates_side_by_side_and_through_files() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let me = login(&app, "onderzoeker@example.nl").await;
        let page = format!("{EDITOR}/vertalingen/tr");

        let editor = get(&app, &me, EDITOR).await;
        assert_eq!(editor.status, StatusCode::OK);
        assert!(editor.body.contains("id=\"vertalingen\""));
        for name in ["English", "Türkçe"] {
            assert!(editor.body.contains(name), "{name}");
        }
        assert!(editor.body.contains(&format!("href=\"{page}\"")));

        let table = get(&app, &me, &page).await;
        assert_eq!(table.status, StatusCode::OK);
        let dutch_title = stored(&t.db).await.title;
        assert!(table.body.contains(&dutch_title));
        assert!(table.body.contains("name=\"t.q.leeftijd.parent\""));
        assert_eq!(
            get(&app, &me, &format!("{EDITOR}/vertalingen/nl"))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "Dutch is the source"
        );
        assert_eq!(
            get(&app, &me, &format!("{EDITOR}/vertalingen/xx"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // Typed beside the Dutch: a translation of the Dutch as it is now.
        let saved = me
            .post(
                &app,
                page.clone(),
                "t.title=Okula+gitmek%3A+ne+yard%C4%B1m+eder%3F".into(),
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert!(saved.location.unwrap().contains("opgeslagen=1"));
        let q = stored(&t.db).await;
        assert_eq!(
            q.translations["tr"][&TextRef::Title].text,
            "Okula gitmek: ne yardım eder?"
        );
        assert_eq!(q.text_state("tr", &TextRef::Title), TextState::Current);

        // The Dutch changes: the translation is out of date until someone says it still holds.
        let mut changed = q.clone();
        changed.title = format!("{dutch_title} (nieuw)");
        let project = t.db.project_id("samenhang").await.unwrap().unwrap();
        t.db.save_questionnaire(project, &changed).await.unwrap();
        assert_eq!(
            stored(&t.db).await.text_state("tr", &TextRef::Title),
            TextState::OutOfDate
        );
        let table = get(&app, &me, &page).await;
        assert!(
            table.body.contains("name=\"ok.title\""),
            "a box to say it still holds"
        );
        let same = "t.title=Okula+gitmek%3A+ne+yard%C4%B1m+eder%3F";
        me.post(&app, page.clone(), same.into()).await;
        assert_eq!(
            stored(&t.db).await.text_state("tr", &TextRef::Title),
            TextState::OutOfDate,
            "unchanged, not ticked"
        );
        me.post(&app, page.clone(), format!("{same}&ok.title=1"))
            .await;
        assert_eq!(
            stored(&t.db).await.text_state("tr", &TextRef::Title),
            TextState::Current
        );

        // Files for a translator.
        let xliff = get(&app, &me, &format!("{page}/xliff")).await;
        assert_eq!(xliff.status, StatusCode::OK);
        assert!(
            xliff.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/xliff+xml")
        );
        assert!(xliff.body.contains("trgLang=\"tr\""));
        assert!(xliff.body.contains("<unit id=\"q.leeftijd.parent\">"));
        let sheet = get(&app, &me, &format!("{page}/csv")).await;
        assert!(sheet.body.contains("id,nl,tr,status"));

        // A file with a text the questionnaire does not have: refused by line, nothing stored.
        let before = stored(&t.db).await;
        let wrong = xliff.body.replacen(
            "<unit id=\"q.leeftijd.parent\">",
            "<unit id=\"q.bestaat-niet.parent\">",
            1,
        );
        let form = |file: &str| format!("file={}", urlencode(file));
        // Every text translated, so the unknown one is among what comes back.
        let wrong = wrong.replace(
            "</source>\n      </segment>",
            "</source>\n        <target>x</target>\n      </segment>",
        );
        let refused = me.post(&app, format!("{page}/bestand"), form(&wrong)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Regel "), "{}", refused.body);
        assert!(refused.body.contains("q.bestaat-niet.parent"));
        assert_eq!(stored(&t.db).await, before, "nothing stored");

        // A spreadsheet from a translator, with semicolons as Dutch Excel writes them.
        let csv =
            "id;nl;tr;status\nq.leeftijd.parent;Hoe oud is je kind?;Çocuğunuz kaç yaşında?;\n";
        let taken = me.post(&app, format!("{page}/bestand"), form(csv)).await;
        assert_eq!(taken.status, StatusCode::SEE_OTHER, "{}", taken.body);
        let q = stored(&t.db).await;
        let at = TextRef::Wording("leeftijd".into(), samenspraak::domain::Audience::Parent);
        assert_eq!(q.translations["tr"][&at].text, "Çocuğunuz kaç yaşında?");

        // The workbook: downloaded, filled in as a translator does, sent back as a file.
        let book = get(&app, &me, &format!("{page}/xlsx")).await;
        assert_eq!(book.status, StatusCode::OK);
        assert!(book.bytes.starts_with(b"PK"));
        let back =
            samenspraak::domain::translation_files::from_workbook(&book.bytes, "tr").unwrap();
        assert!(
            back.iter().any(|r| r.text == "Çocuğunuz kaç yaşında?"),
            "what is translated comes with it"
        );
        let mut filled = rust_xlsxwriter::Workbook::new();
        let sheet = filled.add_worksheet();
        let rows = [
            ["id", "nl", "tr", "status"],
            [
                "q.leeftijd.youth",
                "Hoe oud ben je?",
                "Kaç yaşındasın?",
                "vertaald",
            ],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
        let filled = filled.save_to_buffer().unwrap();
        let sent = upload(
            &app,
            &me,
            &format!("{page}/bestand-sturen"),
            &[("csrf", &me.csrf)],
            Some(("bestand", &filled)),
        )
        .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let youth = TextRef::Wording("leeftijd".into(), samenspraak::domain::Audience::Youth);
        assert_eq!(
            stored(&t.db).await.translations["tr"][&youth].text,
            "Kaç yaşındasın?"
        );
        // A workbook for Polish, or no file at all: refused, nothing stored.
        let before = stored(&t.db).await;
        let polish = samenspraak::domain::translation_files::to_workbook(&before, "pl").unwrap();
        let refused = upload(
            &app,
            &me,
            &format!("{page}/bestand-sturen"),
            &[("csrf", &me.csrf)],
            Some(("bestand", &polish)),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("for `pl`"), "{}", refused.body);
        let nothing = upload(
            &app,
            &me,
            &format!("{page}/bestand-sturen"),
            &[("csrf", &me.csrf)],
            None,
        )
        .await;
        assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(nothing.body.contains("Kies een bestand."));
        let forged = upload(
            &app,
            &me,
            &format!("{page}/bestand-sturen"),
            &[],
            Some(("bestand", &filled)),
        )
        .await;
        assert_eq!(
            forged.status,
            StatusCode::FORBIDDEN,
            "no CSRF token in the form"
        );
        assert_eq!(stored(&t.db).await, before, "nothing stored");

        let audit = t.db.audit_log(project, 50).await.unwrap();
        assert!(audit.iter().any(|e| e.action == "translation exported"));
        t
    })
    .await;
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An owner chooses "u" for parents: the parents' pages speak Dutch with "u" (introduction,
/// questions, thanks), young people's pages keep "je", and the settings show the choice.
#[tokio::test]
async fn the_project_chooses_u_for_parents_and_the_pages_follow() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let owner = login(&app, "eigenaar@example.nl").await;
        let settings = "/beheer/projecten/samenhang/instellingen";
        let saved = owner
            .post(
                &app,
                settings.into(),
                "name=Atelier+Samenhang&description=x&address_youth=je&address_parent=u&address_professional=u"
                    .into(),
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let project = get(&app, &owner, "/beheer/projecten/samenhang").await;
        assert!(project.body.contains("id=\"address_parent-u\" name=\"address_parent\" value=\"u\" checked"), "the choice is shown");

        let parents = app.get("/verzm26p").await;
        assert!(parents.body.contains("U vult de vragen anoniem in."), "{}", parents.body);
        assert!(parents.body.contains("Uw antwoorden zijn anoniem."));
        let youth = app.get("/verzm26j").await;
        assert!(youth.body.contains("Je vult de vragen anoniem in."));
        let page = app.start("verzm26p").await;
        let questions = app.get(&page).await;
        assert!(questions.body.contains("(mag u overslaan)") || !questions.body.contains("overslaan"));
        assert!(!questions.body.contains("(mag je overslaan)"));
        // Other languages have one form.
        let english = app.get("/verzm26p?lang=en").await;
        assert!(english.body.contains("You answer anonymously."), "{}", english.body);
        t
    })
    .await;
}

/// The form of address travels in the definition file: exported, changed to "u" for parents
/// and imported by an owner, the parents' pages follow; a researcher may not change it.
#[tokio::test]
async fn the_form_of_address_travels_in_the_definition_file() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let owner = login(&app, "eigenaar@example.nl").await;
        let researcher = login(&app, "onderzoeker@example.nl").await;
        let file = get(&app, &owner, "/beheer/projecten/samenhang/definitie.toml").await;
        assert_eq!(file.status, StatusCode::OK);
        assert!(!file.body.contains("formal ="));
        let changed =
            file.body
                .replacen("\n\n[[themes]]", "\nformal = [\"parent\"]\n\n[[themes]]", 1);
        assert_ne!(changed, file.body);
        let form = format!("definition={}", urlencode(&changed));
        let refused = researcher
            .post(
                &app,
                "/beheer/projecten/samenhang/definitie".into(),
                form.clone(),
            )
            .await;
        assert_ne!(
            refused.status,
            StatusCode::SEE_OTHER,
            "only an owner changes it"
        );
        assert!(
            app.get("/verzm26p")
                .await
                .body
                .contains("Je vult de vragen")
        );
        let taken = owner
            .post(&app, "/beheer/projecten/samenhang/definitie".into(), form)
            .await;
        assert_eq!(taken.status, StatusCode::SEE_OTHER, "{}", taken.body);
        assert!(app.get("/verzm26p").await.body.contains("U vult de vragen"));
        assert!(
            app.get("/verzm26j")
                .await
                .body
                .contains("Je vult de vragen")
        );
        let again = get(&app, &owner, "/beheer/projecten/samenhang/definitie.toml").await;
        assert!(again.body.contains("formal = [\"parent\"]"));
        t
    })
    .await;
}
