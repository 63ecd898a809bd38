//! Recorded readings: a researcher sends a recording of a question from the workspace (a
//! multipart form, CSRF-checked like every form), respondents hear it instead of the
//! computer voice, and the computer voice comes back when the words change; on SQLite and
//! (with TEST_DATABASE_URL) PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;
#[path = "common/workspace.rs"]
mod workspace;

use app::audio_sources;
use axum::http::{Method, StatusCode, header};
use common::{TestDb, on_every_database};
use workspace::{login, request, setup, upload};

const EDITOR: &str = "/beheer/projecten/samenhang/vragenlijsten/naar-school";
const PARENT: &str = "verzm26p";

/// The question key a listening link reads (`…/luister/{key}/{hash}`).
fn key_of(src: &str) -> &str {
    src.rsplit('/').nth(1).unwrap()
}

/// A sound as a phone's recorder app might save it: an Ogg stream's first bytes and more.
fn recording(seed: u8) -> Vec<u8> {
    let mut sound = b"OggS\0\x02".to_vec();
    sound.extend((0..20_000u32).map(|i| (i as u8).wrapping_mul(seed)));
    sound
}

#[tokio::test]
async fn a_recorded_reading_replaces_the_computer_voice_until_the_words_change() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let me = login(&app, "onderzoeker@example.nl").await;

        // A parent's first page: which question it reads first, in Dutch and in Turkish.
        let first = app.start(PARENT).await;
        let shown = app.get(&first).await;
        let sources = audio_sources(&shown.body);
        let synthetic = sources[1].clone();
        let key = key_of(&synthetic).to_owned();
        assert!(
            !synthetic.contains("opname-"),
            "the computer voice at first"
        );

        let page = format!("{EDITOR}/opnames/nl");
        let listed = request(&app, Method::GET, &page, Some(&me), "").await;
        assert_eq!(listed.status, StatusCode::OK);
        let section = format!("id=\"opname-{key}-parent\"");
        assert!(listed.body.contains(&section), "{}", listed.body);
        assert!(listed.body.contains("Nu hoort men de computerstem."));
        assert!(listed.body.contains("enctype=\"multipart/form-data\""));

        let fields = |csrf: &str| {
            vec![
                ("csrf", csrf.to_owned()),
                ("vraag", key.clone()),
                ("voor", "parent".to_owned()),
            ]
        };
        let send = |csrf: String, file: Vec<u8>| {
            let (app, me, page, fields) = (&app, &me, page.clone(), fields(&csrf));
            async move {
                let fields: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                upload(app, me, &page, &fields, Some(("opname", &file))).await
            }
        };

        // Refused before anything is kept: no token, another token, not a sound, too large.
        assert_eq!(
            send(String::new(), recording(3)).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            send("nep".repeat(15), recording(3)).await.status,
            StatusCode::FORBIDDEN
        );
        let html = send(me.csrf.clone(), b"<html><script>alert(1)</script>".to_vec()).await;
        assert_eq!(html.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            html.body
                .contains("Dit bestand is geen geluid dat we kennen.")
        );
        let empty = send(me.csrf.clone(), Vec::new()).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("Kies een bestand met de opname."));
        let huge = send(me.csrf.clone(), vec![b'O'; 9 * 1024 * 1024]).await;
        assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
        let unknown = upload(
            &app,
            &me,
            &page,
            &[
                ("csrf", &me.csrf),
                ("vraag", "bestaat-niet"),
                ("voor", "parent"),
            ],
            Some(("opname", &recording(3))),
        )
        .await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        let viewer = login(&app, "kijker@example.nl").await;
        let fields_of_viewer = [
            ("csrf", viewer.csrf.as_str()),
            ("vraag", key.as_str()),
            ("voor", "parent"),
        ];
        let refused = upload(
            &app,
            &viewer,
            &page,
            &fields_of_viewer,
            Some(("opname", &recording(3))),
        )
        .await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "viewers do not record"
        );
        assert_eq!(
            audio_sources(&app.get(&first).await.body)[1],
            synthetic,
            "nothing was kept"
        );

        // Kept: the respondent's page reads the recording, and the old link leads to it.
        let sound = recording(7);
        let saved = send(me.csrf.clone(), sound.clone()).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert!(saved.location.unwrap().contains("opgeslagen=1"));
        let listed = request(&app, Method::GET, &page, Some(&me), "").await;
        assert!(listed.body.contains("Nu hoort men jouw opname (20 kB)."));
        let recorded = audio_sources(&app.get(&first).await.body)[1].clone();
        assert!(
            recorded.contains(&format!("/luister/{key}/opname-")),
            "{recorded}"
        );
        let heard = app.get(&recorded).await;
        assert_eq!(heard.status, StatusCode::OK);
        assert_eq!(heard.headers[header::CONTENT_TYPE], "audio/ogg");
        assert_eq!(heard.bytes, sound);
        let stale = app.get(&synthetic).await;
        assert_eq!(stale.status, StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(stale.location.as_deref(), Some(recorded.as_str()));
        // A new recording gets a new link, past every cache.
        let again = send(me.csrf.clone(), recording(9)).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        let newer = audio_sources(&app.get(&first).await.body)[1].clone();
        assert_ne!(newer, recorded);
        assert_eq!(app.get(&newer).await.bytes, recording(9));

        // In Turkish, until the Turkish words change.
        let turkish_page = format!("{EDITOR}/opnames/tr");
        let fields: Vec<(&str, &str)> =
            vec![("csrf", &me.csrf), ("vraag", &key), ("voor", "parent")];
        let kept = upload(
            &app,
            &me,
            &turkish_page,
            &fields,
            Some(("opname", &recording(5))),
        )
        .await;
        assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.body);
        let turkish = app.start_in(PARENT, "tr").await;
        let in_turkish = audio_sources(&app.get(&turkish).await.body)[1].clone();
        assert!(in_turkish.contains("opname-"));
        assert_eq!(app.get(&in_turkish).await.bytes, recording(5));
        let changed = me
            .post(
                &app,
                format!("{EDITOR}/vertalingen/tr"),
                format!("t.q.{key}.parent=Yeni+bir+soru+metni"),
            )
            .await;
        assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
        let listed = request(&app, Method::GET, &turkish_page, Some(&me), "").await;
        assert!(
            listed
                .body
                .contains("De opname leest een oudere tekst voor.")
        );
        // (A parent who began before keeps the words they began with, and the recording.)
        let later = app.start_in(PARENT, "tr").await;
        let now = audio_sources(&app.get(&later).await.body)[1].clone();
        assert!(!now.contains("opname-"), "the computer voice again: {now}");

        // Removed: the computer voice again in Dutch too.
        let removed = me
            .post(
                &app,
                format!("{page}/verwijderen"),
                format!("vraag={key}&voor=parent"),
            )
            .await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
        assert_eq!(audio_sources(&app.get(&first).await.body)[1], synthetic);
        t
    })
    .await;
}
