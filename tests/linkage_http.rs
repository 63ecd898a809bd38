//! Linkage codes end to end over HTTP: a young person's code is kept only sealed (never the
//! typed answers, never in the draft, never on a page, in an export or in the answers), a
//! code can be declined, tampered input is refused; and the same young people are followed
//! between two rounds with the match report, the bias check and the paired change the
//! generated truth gives — all of it under the threshold. On SQLite and (with
//! TEST_DATABASE_URL) PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;
#[path = "common/workspace.rs"]
mod workspace;

use app::{App, answer_all_but_the_last};
use axum::http::{Method, StatusCode};
use common::{TestDb, on_every_database};
use samenspraak::domain::Answer;
use samenspraak::domain::linkage::{CodeAnswer, PartValue};
use samenspraak::server::linkage_key::LinkageKey;
use samenspraak::storage::{Db, StoredCode};
use std::collections::BTreeMap;
use time::macros::date;
use workspace::{login, request, respond, setup};

const PROJECT: &str = "/beheer/projecten/samenhang";
/// The youth links of the demo: autumn (open on the test's day) and spring.
const AUTUMN: &str = "verzm26j";
const SPRING: &str = "verzm26v";
const PARTS: [&str; 6] = [
    "moeder-letter",
    "vader-letter",
    "eigen-letter",
    "geboortemaand",
    "geboortedag",
    "achternaam-tweede-letter",
];

/// The demo with its accounts, served with a linkage key the test knows.
async fn app_with_key(t: &TestDb) -> (App, LinkageKey) {
    setup(t).await;
    let key = LinkageKey::random();
    let state = App::state(&t.db, date!(2026 - 11 - 22)).with_linkage_key(key.clone());
    (App::with_state(state), key)
}

/// The last page's form with the other questions answered and the code as `pairs` say.
fn with_code(others: &str, pairs: &[(&str, &str)]) -> String {
    let others: Vec<&str> = others
        .split('&')
        .filter(|p| !p.starts_with("q.koppelcode=") && !p.starts_with("nav="))
        .collect();
    format!("{}&{}", others.join("&"), app::encode(pairs))
}

/// Every code stored for the demo's youth questionnaire, with the response it belongs to.
async fn stored_codes(db: &Db) -> Vec<(i64, StoredCode)> {
    let project = db.project_id("samenhang").await.unwrap().unwrap();
    db.coded_responses(project, "naar-school", samenspraak::domain::Audience::Youth)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| Some((r.response, r.code?)))
        .collect()
}

fn hashes(code: &StoredCode) -> Vec<String> {
    match code {
        StoredCode::Parts(parts) => parts.values().cloned().collect(),
        StoredCode::Declined => Vec::new(),
    }
}

#[tokio::test]
async fn a_code_is_kept_only_sealed_and_never_leaves_the_server() {
    on_every_database(|t: TestDb| async move {
        let (app, key) = app_with_key(&t).await;
        let (_, (path, others)) = answer_all_but_the_last(&[&app], AUTUMN).await;
        let form = |pairs: &[(&str, &str)]| with_code(&others, pairs);
        let token = path.split('/').nth(2).unwrap().to_owned();
        let code_page = app.get(&path).await;
        assert!(
            code_page.body.contains("Je eigen code"),
            "{}",
            code_page.body
        );
        assert!(
            code_page
                .body
                .contains("name=\"c.koppelcode.moeder-letter\"")
        );
        assert!(code_page.body.contains("value=\"liever-niet\""));

        // Half a code: sent back with a Dutch message next to the block, the typed letter
        // still in its field, and nothing of it in the draft.
        let half = app
            .post(
                &path,
                form(&[
                    ("c.koppelcode.moeder-letter", "Ë"),
                    ("c.koppelcode.geboortemaand", "3"),
                    ("nav", "next"),
                ]),
            )
            .await;
        assert_eq!(
            half.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            half.body
        );
        assert!(half.body.contains("Beantwoord elke vraag van de code."));
        assert!(half.body.contains("value=\"Ë\""));
        let draft = app.db.draft(&token).await.unwrap().unwrap();
        assert!(
            !draft.answers.contains_key("koppelcode"),
            "{:?}",
            draft.answers
        );

        // Input no page sends: 400, not a message.
        for (field, value) in [
            ("c.koppelcode.geboortemaand", "13"),
            ("c.koppelcode.schoenmaat", "40"),
            ("q.koppelcode", "ja"),
        ] {
            let tampered = app
                .post(&path, form(&[(field, value), ("nav", "next")]))
                .await;
            assert_eq!(tampered.status, StatusCode::BAD_REQUEST, "{field}={value}");
        }

        // The whole code, then back: the draft holds only sealed parts.
        let typed = [
            ("c.koppelcode.moeder-letter", "m"),
            ("c.koppelcode.vader-letter", "J"),
            ("c.koppelcode.eigen-letter", "s"),
            ("c.koppelcode.geboortemaand", "3"),
            ("c.koppelcode.geboortedag", "17"),
            ("c.koppelcode.achternaam-tweede-letter", "é"),
        ];
        let mut whole: Vec<(&str, &str)> = typed.to_vec();
        whole.push(("nav", "back"));
        let back = app.post(&path, form(&whole)).await;
        assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
        let draft = app.db.draft(&token).await.unwrap().unwrap();
        let sealed = &draft.answers["koppelcode"];
        assert_eq!(sealed.len(), 6, "{sealed:?}");
        for value in sealed {
            let (part, hash) = value.split_once("=#").expect("sealed");
            assert!(PARTS.contains(&part));
            assert!(hash.len() == 32 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
        }

        // Coming back: the page says the code is kept and shows none of it.
        let again = app.get(&path).await;
        assert!(again.body.contains("Je code is bewaard."));
        for value in sealed {
            let hash = value.split_once("=#").unwrap().1;
            assert!(
                !again.body.contains(hash),
                "a sealed part went to the browser"
            );
        }
        assert!(!again.body.contains("value=\"M\""));

        // Sent on with the fields left empty: the sealed code is stored with the response.
        let done = app.post(&path, form(&[("nav", "next")])).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let codes = stored_codes(&app.db).await;
        assert_eq!(codes.len(), 1);
        let (response, StoredCode::Parts(parts)) = &codes[0] else {
            panic!("not a code: {codes:?}")
        };
        // The hash is the project's keyed hash of the folded answer (ë → E, é → E, m → M).
        let project = app.db.project_id("samenhang").await.unwrap().unwrap();
        let expected = key.seal(
            project,
            CodeAnswer::Parts(
                [
                    ("moeder-letter", "M"),
                    ("vader-letter", "J"),
                    ("eigen-letter", "S"),
                    ("geboortemaand", "3"),
                    ("geboortedag", "17"),
                    ("achternaam-tweede-letter", "E"),
                ]
                .iter()
                .map(|(k, v)| ((*k).to_owned(), PartValue::Raw((*v).to_owned())))
                .collect(),
            ),
        );
        let CodeAnswer::Parts(expected) = expected else {
            unreachable!()
        };
        let expected: BTreeMap<String, String> = expected
            .into_iter()
            .map(|(k, v)| match v {
                PartValue::Sealed(h) => (k, h),
                PartValue::Raw(_) => unreachable!(),
            })
            .collect();
        assert_eq!(parts, &expected);
        // Another key, other hashes: a copy of the database alone tells nothing.
        let other = LinkageKey::random().seal(
            project,
            CodeAnswer::Parts([("moeder-letter".to_owned(), PartValue::Raw("M".into()))].into()),
        );
        assert_ne!(
            other,
            CodeAnswer::Parts(
                [(
                    "moeder-letter".to_owned(),
                    PartValue::Sealed(expected["moeder-letter"].clone())
                )]
                .into()
            )
        );
        let stored = app.db.responses_for_link(AUTUMN).await.unwrap();
        assert!(!stored[0].answers.contains_key("koppelcode"));

        // A second young person declines.
        let (_, (path, others)) = answer_all_but_the_last(&[&app], AUTUMN).await;
        let form = |pairs: &[(&str, &str)]| with_code(&others, pairs);
        let declined = app
            .post(
                &path,
                form(&[
                    ("c.koppelcode.moeder-letter", "A"),
                    ("q.koppelcode", "liever-niet"),
                    ("nav", "next"),
                ]),
            )
            .await;
        assert_eq!(declined.status, StatusCode::SEE_OTHER, "{}", declined.body);
        let codes = stored_codes(&app.db).await;
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[1].1, StoredCode::Declined);

        // Nothing of the code on any page or export a researcher can open.
        let me = login(&app, "onderzoeker@example.nl").await;
        let mut seen = Vec::new();
        for path in [
            format!("{PROJECT}/antwoorden/{response}"),
            format!("{PROJECT}/antwoorden"),
            format!("{PROJECT}/export?vragenlijst=naar-school&formaat=csv-komma"),
            format!("{PROJECT}/export?vragenlijst=naar-school&formaat=json"),
            format!("{PROJECT}/export?vragenlijst=naar-school&formaat=codeboek"),
            format!("{PROJECT}/export/vergelijking.csv"),
            format!("{PROJECT}/gevolgd"),
            format!("{PROJECT}/vergelijking?thema=verbinden"),
        ] {
            let reply = request(&app, Method::GET, &path, Some(&me), "").await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            seen.push((path, reply.body));
        }
        assert!(
            !seen[0].1.contains("Je eigen code"),
            "a response does not even show whether a code was given"
        );
        for (path, body) in &seen {
            if path.contains("/export?") {
                assert!(!body.contains("koppelcode"), "{path} names the code");
            }
            for hash in expected.values() {
                assert!(!body.contains(hash.as_str()), "{path} shows a sealed part");
            }
        }
        t
    })
    .await;
}

/// Sealed code answers for a made-up young person: six letters and numbers from `seed`,
/// with part `changed` answered differently.
fn code_of(
    key: &LinkageKey,
    project: samenspraak::storage::ProjectId,
    seed: usize,
    changed: Option<usize>,
) -> Answer {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let parts = PARTS
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let mut value = match *part {
                "geboortemaand" => (seed % 12 + 1).to_string(),
                "geboortedag" => (seed / 12 % 28 + 1).to_string(),
                _ => (letters[(seed * (i + 7) + i) % 26] as char).to_string(),
            };
            if changed == Some(i) {
                value = format!("{value}x");
            }
            ((*part).to_owned(), PartValue::Raw(value))
        })
        .collect();
    Answer::Code(key.seal(project, CodeAnswer::Parts(parts)))
}

fn yes(answer: bool) -> Answer {
    Answer::Choice(if answer { "ja" } else { "nee" }.into())
}

/// The cells of a table row, read from the page (`<th scope="row">head</th><td>…</td>…`).
fn row(body: &str, head: &str) -> Vec<String> {
    let start = body
        .find(&format!("<th scope=\"row\">{head}</th>"))
        .unwrap_or_else(|| panic!("no row {head}"));
    let rest = &body[start..body[start..].find("</tr>").unwrap() + start];
    rest.split("<td>")
        .skip(1)
        .map(|c| c[..c.find("</td>").unwrap()].to_owned())
        .collect()
}

#[tokio::test]
async fn the_same_young_people_are_followed_between_rounds() {
    on_every_database(|t: TestDb| async move {
        let (app, key) = app_with_key(&t).await;
        let project = app.db.project_id("samenhang").await.unwrap().unwrap();
        // Spring: 30 young people with a code and 5 who declined. Autumn: 24 of the 30 come
        // back (18 with the same code, 6 with one part different) and 10 new ones.
        // "Hulp gehad": of those followed, 8 said yes twice, 10 no then yes, 6 no twice;
        // of the others in spring 5 yes and 6 no, of the new ones 5 yes and 5 no.
        // "Anderen ontmoeten": 2 of those followed went from yes to no — too few to show.
        for i in 0..35 {
            let code = if i < 30 {
                code_of(&key, project, i, None)
            } else {
                Answer::Code(CodeAnswer::Declined)
            };
            let hulp = if i < 24 { i < 8 } else { i < 29 };
            respond(
                &app.db,
                SPRING,
                &[
                    ("koppelcode", code),
                    ("hulp-gehad", yes(hulp)),
                    ("anderen-ontmoeten", yes(!(2..24).contains(&i))),
                ],
            )
            .await;
        }
        for i in 0..34 {
            let code = match i {
                0..18 => code_of(&key, project, i, None),
                18..24 => code_of(&key, project, i, Some(i % 6)),
                // Newcomers: nothing like anyone's code.
                _ => Answer::Code(key.seal(
                    project,
                    CodeAnswer::Parts(
                        PARTS
                            .iter()
                            .map(|p| ((*p).to_owned(), PartValue::Raw(format!("nieuw-{i}"))))
                            .collect(),
                    ),
                )),
            };
            let hulp = if i < 24 { i < 18 } else { i < 29 };
            respond(
                &app.db,
                AUTUMN,
                &[
                    ("koppelcode", code),
                    ("hulp-gehad", yes(hulp)),
                    ("anderen-ontmoeten", yes(i >= 24)),
                ],
            )
            .await;
        }

        let viewer = login(&app, "kijker@example.nl").await;
        let path = format!("{PROJECT}/gevolgd?golf=voorjaar-2026&tegen=najaar-2026");
        let page = request(&app, Method::GET, &path, Some(&viewer), "").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let body = page.body;
        // The match report, per round.
        assert_eq!(row(&body, "Gevolgd"), ["24", "24"]);
        assert_eq!(row(&body, "· met precies dezelfde code"), ["18", "18"]);
        assert_eq!(row(&body, "· met 1 onderdeel anders"), ["6", "6"]);
        assert_eq!(
            row(&body, "Niet gevolgd"),
            ["6", "10"]
        );
        assert_eq!(row(&body, "· geen code die genoeg lijkt"), ["6", "10"]);
        assert_eq!(row(&body, "· dezelfde code twee keer in deze ronde"), ["0", "0"]);
        assert_eq!(row(&body, "Koos ‘liever niet’"), ["5", "0"]);
        // The bias check: followed 8 of 24 said yes in spring, the others 5 of 11.
        let hulp = row(&body, "Heb je het afgelopen jaar hulp gehad? Bijvoorbeeld van een coach, jeugdhulp of de schoolmaatschappelijk werker.");
        assert_eq!(hulp[..2], ["33% (24)", "45% (11)"]);
        // The paired change: 10 of 24 went from no to yes, nobody the other way.
        assert_eq!(row(&body, "Ja"), ["8", "0"]);
        assert_eq!(row(&body, "Nee"), ["10", "6"]);
        assert!(body.contains("Aandeel ja: 33% en later 75%."), "{body}");
        assert!(body.contains("McNemar-toets: p = 0,002."));
        // Two from yes to no would single out a small group: not shown.
        assert!(body.contains("Niet getoond: dan zou een groep van minder dan 5 mensen te herleiden zijn."));
        // The language filter splits nobody off (all answered in Dutch): the same numbers.
        let dutch = request(
            &app,
            Method::GET,
            &format!("{path}&filter=%40taal%3Dnl"),
            Some(&viewer),
            "",
        )
        .await;
        assert_eq!(dutch.status, StatusCode::OK);
        assert!(dutch.body.contains("McNemar-toets: p = 0,002."));
        // No sealed part on the page.
        for (_, code) in stored_codes(&app.db).await {
            for hash in hashes(&code) {
                assert!(!body.contains(&hash));
            }
        }

        // With no part allowed to differ, the 6 are not followed.
        let owner = login(&app, "eigenaar@example.nl").await;
        let set = request(
            &app,
            Method::POST,
            &format!("{PROJECT}/koppelcode"),
            Some(&owner),
            &format!("csrf={}&tolerance=0", owner.csrf),
        )
        .await;
        assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
        let strict = request(&app, Method::GET, &path, Some(&viewer), "").await;
        assert_eq!(row(&strict.body, "Gevolgd"), ["18", "18"]);
        let too_many = request(
            &app,
            Method::POST,
            &format!("{PROJECT}/koppelcode"),
            Some(&owner),
            &format!("csrf={}&tolerance=4", owner.csrf),
        )
        .await;
        assert_eq!(too_many.status, StatusCode::UNPROCESSABLE_ENTITY);
        t
    })
    .await;
}
