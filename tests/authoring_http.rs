//! Writing a questionnaire in the browser (without JavaScript), handing it out and seeing a
//! new version made when it already has answers; on SQLite and (with TEST_DATABASE_URL)
//! PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;

use app::{App, Reply, page_path};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{TestDb, on_every_database};
use samenspraak::domain::Audience;
use samenspraak::domain::account::Email;
use samenspraak::domain::definition;
use samenspraak::server::auth::hash_password;
use time::macros::date;

const PASSWORD: &str = "lange zinnen zijn sterk";

struct Browser<'a> {
    app: &'a App,
    cookie: String,
    csrf: String,
}

impl Browser<'_> {
    async fn send(&self, method: Method, path: &str, form: &str) -> Reply {
        let mut builder = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::COOKIE, &self.cookie);
        if method == Method::POST {
            builder = builder.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        let body = if method == Method::POST {
            format!("csrf={}&{form}", self.csrf)
        } else {
            String::new()
        };
        self.app.send(builder.body(Body::from(body)).unwrap()).await
    }

    async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, "").await
    }

    async fn post(&self, path: &str, form: &str) -> Reply {
        self.send(Method::POST, path, form).await
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn log_in<'a>(app: &'a App, email: &str) -> Browser<'a> {
    let hash = hash_password(PASSWORD.into()).await.unwrap();
    app.db
        .create_user(&Email::parse(email).unwrap(), &hash, false)
        .await
        .unwrap();
    let reply = app
        .post(
            "/beheer/inloggen",
            format!("email={}&password={}", encode(email), encode(PASSWORD)),
        )
        .await;
    let cookie = reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let home = app
        .send(
            Request::get("/beheer")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let start = home.body.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = home.body[start..].split('"').next().unwrap().to_owned();
    Browser { app, cookie, csrf }
}

#[tokio::test]
async fn a_researcher_writes_a_questionnaire_hands_it_out_and_edits_it_into_a_new_version() {
    on_every_database(|t: TestDb| async move {
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let me = log_in(&app, "onderzoeker@example.nl").await;

        let made = me.post("/beheer/projecten", "name=Jongeren+aan+het+woord&description=0+thuiszitters").await;
        assert_eq!(made.location.as_deref(), Some("/beheer/projecten/jongeren-aan-het-woord"));
        let p = "/beheer/projecten/jongeren-aan-het-woord";
        assert!(me.get(p).await.body.contains("eigenaar"), "the maker owns the project");

        me.post(&format!("{p}/themas"), "title=Naar+school&description=Verzuim").await;
        me.post(&format!("{p}/themas"), "title=Thuis").await;
        me.post(&format!("{p}/themas/thuis/omhoog"), "").await;
        let themes = me.get(p).await.body;
        assert!(themes.find("Thuis").unwrap() < themes.find("Naar school").unwrap(), "moved up");
        let bad_wave = me.post(&format!("{p}/meetmomenten"), "name=Najaar&opens=2026-12-01&closes=2026-09-01").await;
        assert!(bad_wave.body.contains("De sluitdatum ligt voor de openingsdatum."));
        me.post(&format!("{p}/meetmomenten"), "name=Najaar+2026&opens=2026-09-01&closes=2026-12-31").await;

        let q = me.post(&format!("{p}/vragenlijsten"), "title=Hoe+gaat+het+op+school%3F&minutes=3").await;
        let editor = q.location.clone().unwrap();
        assert_eq!(editor, format!("{p}/vragenlijsten/hoe-gaat-het-op-school"));
        me.post(&editor, "title=Hoe+gaat+het+op+school%3F&minutes=3&purpose_youth=Wat+vind+jij%3F&purpose_parent=Wat+vindt+u%3F").await;

        // A question with wording for two audiences, side by side.
        let saved = me
            .post(&format!("{editor}/vragen"), "kind=yes_no&theme=naar-school&required=1&youth=Ga+je+graag+naar+school%3F&parent=Gaat+je+kind+graag+naar+school%3F")
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        // A follow-up with a condition and options typed one per line.
        let follow = me
            .post(
                &format!("{editor}/vragen"),
                "key=waarom&kind=multiple_choice&theme=naar-school&youth=Waarom+niet%3F&parent=Waarom+niet%3F\
                 &options=Te+moeilijk%0D%0Apesten%3A+Ik+word+gepest&show_if=ga-je-graag-naar-school&equals=nee",
            )
            .await;
        assert_eq!(follow.status, StatusCode::SEE_OTHER, "{}", follow.body);
        // Mistakes are explained in Dutch, with everything typed kept.
        let wrong = me
            .post(&format!("{editor}/vragen"), "key=Fout+Sleutel&kind=single_choice&theme=naar-school&youth=Kies+maar&options=Alleen+een")
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("De sleutel mag alleen kleine letters"));
        assert!(wrong.body.contains("Geef minstens twee verschillende antwoorden."));
        assert!(wrong.body.contains("Alleen een</textarea>"));
        // Hard wording gets a warning next to it.
        me.post(
            &format!("{editor}/vragen"),
            "key=moeilijk&kind=agreement&theme=thuis&parent=In+hoeverre+ervaart+u+de+samenwerking+tussen+jeugdhulpverleningsinstanties+en+onderwijsinstellingen+als+bevorderend+voor+de+continu%C3%AFteit+van+de+ondersteuning%3F",
        )
        .await;
        let page = me.get(&editor).await.body;
        assert!(page.contains("Misschien te moeilijk voor B1"));
        assert!(page.contains("jeugdhulpverleningsinstanties"));
        let preview = me.get(&format!("{editor}/vragen/waarom")).await.body;
        assert!(preview.contains("Voorbeeld op een telefoon"));
        assert!(preview.contains("Ik word gepest</label>"), "the preview shows the options");

        // Hand it out and let a young person answer.
        me.post(&format!("{p}/links"), "questionnaire=hoe-gaat-het-op-school&audience=youth&wave=najaar-2026").await;
        let link = t.db.open_links(date!(2026 - 11 - 22)).await.unwrap().into_iter().find(|l| l.project == "Jongeren aan het woord").unwrap();
        assert_eq!(app.get(&format!("/{}", link.code)).await.status, StatusCode::OK);
        let first = app.start(link.code.as_str()).await;
        let thanks = app.post(&page_path(&first, 1), "q.ga-je-graag-naar-school=nee&q.waarom=pesten&nav=next").await;
        assert!(thanks.location.unwrap().ends_with("/bedankt?lang=nl"));
        let responses = t.db.responses_for_link(link.code.as_str()).await.unwrap();
        assert_eq!(responses[0].answers["waarom"], vec!["pesten"]);
        assert_eq!(responses[0].audience, Audience::Youth);

        // Editing after an answer makes version 2; the answer stays with version 1.
        let edited = me
            .post(&format!("{editor}/vragen/waarom"), "kind=multiple_choice&theme=naar-school&youth=Waarom+ga+je+niet%3F&parent=Waarom+niet%3F&options=pesten%3A+Gepest%0D%0Aanders%3A+Iets+anders&show_if=ga-je-graag-naar-school&equals=nee")
            .await;
        assert_eq!(edited.location.as_deref(), Some(format!("{editor}?nieuwe_versie=2").as_str()));
        let notice = me.get(edited.location.as_deref().unwrap()).await.body;
        assert!(notice.contains("Er zijn al antwoorden op versie 1."));
        let listed = me.get(&format!("{p}/antwoorden")).await.body;
        let id = t.db.responses_for_link(link.code.as_str()).await.unwrap()[0].id;
        let one = me.get(&format!("{p}/antwoorden/{id}")).await.body;
        assert!(one.contains("Waarom niet?"), "the response shows the wording it answered");
        assert!(listed.contains("Hoe gaat het op school?"));

        let log = me.get(&format!("{p}/logboek")).await.body;
        assert!(log.contains("questionnaire edited") && log.contains("(new version)"));
        t
    })
    .await;
}

#[tokio::test]
async fn the_definition_file_goes_out_and_comes_back_in_through_the_browser() {
    on_every_database(|t: TestDb| async move {
        common::load_demo(&t.db).await;
        let app = App::new(&t.db, date!(2026 - 11 - 22));
        let me = log_in(&app, "onderzoeker@example.nl").await;
        let user =
            t.db.user_by_email(&Email::parse("onderzoeker@example.nl").unwrap())
                .await
                .unwrap()
                .unwrap();
        let admin_view = samenspraak::storage::User {
            is_admin: true,
            ..user.clone()
        };
        let project =
            t.db.project_for(&admin_view, "samenhang")
                .await
                .unwrap()
                .unwrap();
        t.db.set_membership(
            user.id,
            project.id,
            samenspraak::domain::account::Role::Researcher,
        )
        .await
        .unwrap();
        let p = "/beheer/projecten/samenhang";

        let file = me.get(&format!("{p}/definitie.toml")).await;
        assert_eq!(file.status, StatusCode::OK);
        assert!(
            file.headers[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains("samenhang.toml")
        );
        let exported = definition::parse(&file.body).unwrap();
        let original = common::demo().remove(0);
        assert_eq!(exported.questionnaires, original.questionnaires);
        assert_eq!(exported.links.len(), original.links.len());

        let changed = file
            .body
            .replace("Ik ga graag naar school.", "Ik ga echt graag naar school.");
        let imported = me
            .post(
                &format!("{p}/definitie"),
                &format!("definition={}", encode(&changed)),
            )
            .await;
        assert_eq!(imported.status, StatusCode::SEE_OTHER, "{}", imported.body);
        let link =
            t.db.find_link(&common::code("verzm26j"))
                .await
                .unwrap()
                .unwrap();
        assert_eq!(
            link.questionnaire.questions[1].wording[&Audience::Youth].text,
            "Ik ga echt graag naar school."
        );

        let broken = me
            .post(
                &format!("{p}/definitie"),
                &format!(
                    "definition={}",
                    encode(&changed.replace("type = \"mark\"", "type = \"slider\""))
                ),
            )
            .await;
        assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(broken.body.contains("Regel "), "problems carry their line");
        assert!(broken.body.contains("slider"));
        let foreign = me
            .post(
                &format!("{p}/definitie"),
                &format!(
                    "definition={}",
                    encode(include_str!("../demo/veilig-thuis.toml"))
                ),
            )
            .await;
        assert!(
            foreign
                .body
                .contains("Dit bestand hoort bij een ander project.")
        );
        t
    })
    .await;
}
