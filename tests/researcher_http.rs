//! The researchers' workspace through the router: login, sessions, CSRF, roles on every
//! route, links, QR codes and the audit log; on SQLite and (with TEST_DATABASE_URL) PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;
#[path = "common/workspace.rs"]
mod workspace;

use app::page_path;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{TestDb, on_every_database};
use samenspraak::domain::account::{Email, Role};
use samenspraak::server::workspace::Access;
use time::macros::date;
use workspace::{PASSWORD, Session, cookie_of, csrf_in, login, request, respond, setup};

#[tokio::test]
async fn login_sets_a_safe_session_cookie_and_logout_ends_it() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let anonymous = request(&app, Method::GET, "/beheer", None, "").await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
        assert_eq!(anonymous.location.as_deref(), Some("/beheer/inloggen"));
        let form = request(&app, Method::GET, "/beheer/inloggen", None, "").await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("autocomplete=\"current-password\""));

        let wrong = request(
            &app,
            Method::POST,
            "/beheer/inloggen",
            None,
            "email=eigenaar%40example.nl&password=fout",
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(
            wrong
                .body
                .contains("Het e-mailadres of het wachtwoord klopt niet.")
        );
        assert!(cookie_of(&wrong).is_none(), "no session for a failed login");

        let reply = request(
            &app,
            Method::POST,
            "/beheer/inloggen",
            None,
            &format!(
                "email=Eigenaar%40example.nl&password={}",
                PASSWORD.replace(' ', "+")
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        let set_cookie = reply.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_owned();
        for flag in ["HttpOnly", "SameSite=Lax", "Path=/beheer"] {
            assert!(set_cookie.contains(flag), "{flag} in {set_cookie}");
        }
        assert!(!set_cookie.contains("Secure"), "plain http in tests");
        let session = Session {
            cookie: cookie_of(&reply).unwrap(),
            csrf: String::new(),
        };
        let home = request(&app, Method::GET, "/beheer", Some(&session), "").await;
        assert!(
            home.body
                .contains("Atelier Samenhang preventie en hulpverlening")
        );
        assert!(
            !home.body.contains("Atelier Veilig en thuis opgroeien"),
            "only own projects"
        );
        let session = Session {
            csrf: csrf_in(&home.body),
            ..session
        };

        let no_token = request(
            &app,
            Method::POST,
            "/beheer/uitloggen",
            Some(&session),
            "csrf=wrong",
        )
        .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        let out = request(
            &app,
            Method::POST,
            "/beheer/uitloggen",
            Some(&session),
            &format!("csrf={}", session.csrf),
        )
        .await;
        assert_eq!(out.location.as_deref(), Some("/beheer/inloggen"));
        let after = request(&app, Method::GET, "/beheer", Some(&session), "").await;
        assert_eq!(
            after.location.as_deref(),
            Some("/beheer/inloggen"),
            "the old cookie is dead"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        for _ in 0..5 {
            let r = request(
                &app,
                Method::POST,
                "/beheer/inloggen",
                None,
                "email=kijker%40example.nl&password=verkeerd-wachtwoord",
            )
            .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let right = format!(
            "email=kijker%40example.nl&password={}",
            PASSWORD.replace(' ', "+")
        );
        // Locked: even the right password gets the answer a wrong one gets.
        let locked = request(&app, Method::POST, "/beheer/inloggen", None, &right).await;
        assert_eq!(locked.status, StatusCode::UNAUTHORIZED);
        assert!(locked.body.contains("pas na 15 minuten opnieuw"));
        assert!(cookie_of(&locked).is_none());
        // Another account is not affected.
        login(&app, "onderzoeker@example.nl").await;
        t
    })
    .await;
}

/// A route of the registry with its parameters filled in for the demo project `key`.
fn concrete(path: &str, key: &str) -> String {
    let values = [
        ("{key}", key),
        ("{id}", "1"),
        (
            "{code}",
            if path.contains("/links/") {
                "verzm26j"
            } else {
                "1"
            },
        ),
        ("{questionnaire}", "naar-school"),
        ("{question}", "wat-helpt"),
        ("{theme}", "naar-school"),
        ("{direction}", "omhoog"),
        ("{wave}", "najaar-2026"),
        ("{application}", "1"),
        ("{insight}", "1"),
        ("{part}", "wat-helpt"),
        ("{action}", "sluiten"),
        ("{token}", "abcdefghjkmnpqrstvwxyz0123"),
        ("{lang}", "tr"),
        ("{format}", "xliff"),
        ("{link}", "code-1"),
        ("{indicator}", "1"),
        ("{entry}", "1"),
        ("{screen}", "1"),
    ];
    let mut path = format!("/beheer{path}").trim_end_matches('/').to_owned();
    for (name, value) in values {
        path = path.replace(name, value);
    }
    assert!(
        !path.contains('{'),
        "a parameter without a test value: {path}"
    );
    path
}

#[tokio::test]
async fn every_researcher_route_is_closed_to_who_may_not_use_it() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let people = [
            ("buiten@example.nl", None, false),
            ("kijker@example.nl", Some(Role::Viewer), false),
            ("onderzoeker@example.nl", Some(Role::Researcher), false),
            ("eigenaar@example.nl", Some(Role::Owner), false),
            ("admin@example.nl", None, true),
        ];
        let mut sessions = Vec::new();
        for (email, role, admin) in people {
            sessions.push((email, role, admin, login(&app, email).await));
        }
        let routes = samenspraak::server::workspace::routes();
        assert!(routes.len() >= 70, "every route of the workspace is walked");
        for route in routes {
            let (method, needed) = (route.method.clone(), route.access);
            let path = &concrete(route.path, "samenhang");
            if needed == Access::Anyone {
                continue;
            }
            let form = "into=2&code=1&question=wat-helpt&title=Titel&name=Naam&opens=2026-01-01&closes=2026-02-01&definition=x&minutes=5&reason=test&questionnaire=naar-school&audience=youth&wave=najaar-2026&email=kijker%40example.nl&role=viewer&project=samenhang&password=x";
            // Without a session: to the login page, nothing done.
            let reply = request(&app, method.clone(), path, None, form).await;
            assert_eq!(reply.location.as_deref(), Some("/beheer/inloggen"), "{method} {path} without a session");

            for (email, role, admin, session) in &sessions {
                let allowed = match needed {
                    Access::Anyone | Access::Account => true,
                    Access::Admin => *admin,
                    Access::Project(needed) => role.is_some_and(|r| r.allows(needed)),
                };
                let with_token = format!("csrf={}&{form}", session.csrf);
                // Without the CSRF token, no change ever happens.
                if method == Method::POST {
                    let reply = request(&app, method.clone(), path, Some(session), form).await;
                    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{method} {path} by {email} without token");
                }
                if allowed {
                    continue;
                }
                let reply = request(&app, method.clone(), path, Some(session), &with_token).await;
                assert_eq!(reply.status, StatusCode::FORBIDDEN, "{method} {path} by {email}");
            }
        }
        // A form posted from another site is refused before anything else.
        let (_, _, _, owner) = &sessions[3];
        let cross = Request::post("/beheer/projecten/samenhang/links/verzm26j/sluiten")
            .header(header::COOKIE, &owner.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .body(Body::from(format!("csrf={}", owner.csrf)))
            .unwrap();
        assert_eq!(app.send(cross).await.status, StatusCode::FORBIDDEN);
        assert!(!t.db.find_link(&common::code("verzm26j")).await.unwrap().unwrap().closed);
        t
    })
    .await;
}

#[tokio::test]
async fn links_are_made_closed_and_reopened_with_qr_codes_and_an_audit_trail() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let researcher = login(&app, "onderzoeker@example.nl").await;
        let p = "/beheer/projecten/samenhang";
        let made = request(&app, Method::POST, &format!("{p}/links"), Some(&researcher), &format!("csrf={}&questionnaire=naar-school&audience=parent&wave=najaar-2026&group=Basisschool+De+Linde", researcher.csrf)).await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let page = request(&app, Method::GET, p, Some(&researcher), "").await;
        assert!(page.body.contains("Basisschool De Linde"));
        let links = t.db.open_links(date!(2026 - 11 - 22)).await.unwrap();
        let new = links.iter().find(|l| l.group.as_deref() == Some("Basisschool De Linde")).unwrap();
        let first = app.start(new.code.as_str()).await;
        assert_eq!(app.get(&page_path(&first, 1)).await.status, StatusCode::OK, "a parent can answer");
        assert!(app.db.draft(first.split('/').nth(2).unwrap()).await.unwrap().is_some());

        let close = request(&app, Method::POST, &format!("{p}/links/{}/sluiten", new.code), Some(&researcher), &format!("csrf={}", researcher.csrf)).await;
        assert_eq!(close.status, StatusCode::SEE_OTHER);
        assert_eq!(app.get(&format!("/{}", new.code)).await.status, StatusCode::GONE);
        request(&app, Method::POST, &format!("{p}/links/{}/openen", new.code), Some(&researcher), &format!("csrf={}", researcher.csrf)).await;
        assert_eq!(app.get(&format!("/{}", new.code)).await.status, StatusCode::OK);

        let svg = request(&app, Method::GET, &format!("{p}/links/{}/qr.svg", new.code), Some(&researcher), "").await;
        assert_eq!(svg.headers[header::CONTENT_TYPE], "image/svg+xml");
        assert!(svg.body.starts_with("<svg role=\"img\" aria-label=\"QR-code: http://127.0.0.1:3000/"));
        let png = request(&app, Method::GET, &format!("{p}/links/{}/qr.png", new.code), Some(&researcher), "").await;
        assert_eq!(png.headers[header::CONTENT_TYPE], "image/png");
        let flyer = request(&app, Method::GET, &format!("{p}/links/{}/flyer", new.code), Some(&researcher), "").await;
        assert!(flyer.body.contains("Doe mee en laat je stem horen!"));
        assert!(flyer.body.contains(&format!("http://127.0.0.1:3000/{}", new.code)));

        // Another project's link cannot be touched through this project.
        let foreign = request(&app, Method::POST, &format!("{p}/links/vth26jgd/sluiten"), Some(&researcher), &format!("csrf={}", researcher.csrf)).await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND);
        assert!(!t.db.find_link(&common::code("vth26jgd")).await.unwrap().unwrap().closed);

        let owner = login(&app, "eigenaar@example.nl").await;
        let log = request(&app, Method::GET, &format!("{p}/logboek"), Some(&owner), "").await;
        assert_eq!(log.status, StatusCode::OK);
        for action in ["link created", "link closed", "link reopened"] {
            assert!(log.body.contains(action), "{action} in the audit log");
        }
        assert!(log.body.contains("onderzoeker@example.nl"));
        t
    })
    .await;
}

#[tokio::test]
async fn viewers_see_response_counts_only_from_the_threshold() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        // One response: a count of one person (zeros say nothing about anyone).
        respond(
            &t.db,
            "verzm26j",
            &[(
                "wat-helpt",
                samenspraak::domain::Answer::Text("Een mentor".into()),
            )],
        )
        .await;
        let viewer = login(&app, "kijker@example.nl").await;
        let page = request(
            &app,
            Method::GET,
            "/beheer/projecten/samenhang",
            Some(&viewer),
            "",
        )
        .await;
        assert!(page.body.contains("minder dan 5"));
        assert!(
            !page.body.contains("Nieuwe link"),
            "viewers cannot make links"
        );
        let researcher = login(&app, "onderzoeker@example.nl").await;
        let page = request(
            &app,
            Method::GET,
            "/beheer/projecten/samenhang",
            Some(&researcher),
            "",
        )
        .await;
        assert!(!page.body.contains("minder dan 5"));
        t
    })
    .await;
}

#[tokio::test]
async fn administrators_create_accounts_under_the_password_policy_and_owners_add_members() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let admin = login(&app, "admin@example.nl").await;
        let weak = request(
            &app,
            Method::POST,
            "/beheer/accounts",
            Some(&admin),
            &format!(
                "csrf={}&email=nieuw%40example.nl&password=wachtwoord123",
                admin.csrf
            ),
        )
        .await;
        assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(weak.body.contains("Dit wachtwoord komt te vaak voor."));
        let made = request(
            &app,
            Method::POST,
            "/beheer/accounts",
            Some(&admin),
            &format!(
                "csrf={}&email=nieuw%40example.nl&password=lange+zinnen+zijn+sterk",
                admin.csrf
            ),
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let again = request(
            &app,
            Method::POST,
            "/beheer/accounts",
            Some(&admin),
            &format!(
                "csrf={}&email=Nieuw%40example.nl&password=lange+zinnen+zijn+sterk",
                admin.csrf
            ),
        )
        .await;
        assert!(
            again
                .body
                .contains("Er is al een account met dit e-mailadres.")
        );
        let stored =
            t.db.user_by_email(&Email::parse("nieuw@example.nl").unwrap())
                .await
                .unwrap()
                .unwrap();
        assert!(
            stored.password_hash.starts_with("$argon2id$"),
            "Argon2id, never the password"
        );

        let owner = login(&app, "eigenaar@example.nl").await;
        let p = "/beheer/projecten/samenhang";
        let unknown = request(
            &app,
            Method::POST,
            &format!("{p}/leden"),
            Some(&owner),
            &format!("csrf={}&email=niemand%40example.nl&role=viewer", owner.csrf),
        )
        .await;
        assert!(
            unknown
                .body
                .contains("Er is geen account met dit e-mailadres.")
        );
        request(
            &app,
            Method::POST,
            &format!("{p}/leden"),
            Some(&owner),
            &format!("csrf={}&email=nieuw%40example.nl&role=viewer", owner.csrf),
        )
        .await;
        let newcomer = login(&app, "nieuw@example.nl").await;
        let page = request(&app, Method::GET, p, Some(&newcomer), "").await;
        assert_eq!(page.status, StatusCode::OK);
        request(
            &app,
            Method::POST,
            &format!("{p}/leden/verwijderen"),
            Some(&owner),
            &format!("csrf={}&email=nieuw%40example.nl", owner.csrf),
        )
        .await;
        // Taking the role away ends the account's sessions at once.
        let after = request(&app, Method::GET, p, Some(&newcomer), "").await;
        assert_eq!(after.status, StatusCode::SEE_OTHER);
        assert_eq!(after.location.as_deref(), Some("/beheer/inloggen"));
        t
    })
    .await;
}

#[tokio::test]
async fn researchers_list_filter_read_and_delete_responses_with_a_reason() {
    use samenspraak::domain::Answer;
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        respond(
            &t.db,
            "verzm26j",
            &[
                ("leeftijd", Answer::Choice("13-15".into())),
                ("graag-naar-school", Answer::Choice("helemaal-eens".into())),
            ],
        )
        .await;
        respond(
            &t.db,
            "verzm26p",
            &[
                ("leeftijd", Answer::Choice("10-12".into())),
                (
                    "redenen",
                    Answer::Choices(vec!["ziek".into(), "pesten".into()]),
                ),
            ],
        )
        .await;
        respond(
            &t.db,
            "vth26jgd",
            &[("leeftijd", Answer::Choice("16-18".into()))],
        )
        .await;
        let researcher = login(&app, "onderzoeker@example.nl").await;
        let p = "/beheer/projecten/samenhang/antwoorden";

        let all = request(&app, Method::GET, p, Some(&researcher), "").await;
        assert_eq!(all.status, StatusCode::OK);
        assert_eq!(
            all.body.matches("aria-label=\"Bekijken ").count(),
            2,
            "only this project's responses"
        );
        let parents = request(
            &app,
            Method::GET,
            &format!("{p}?doelgroep=parent"),
            Some(&researcher),
            "",
        )
        .await;
        assert_eq!(parents.body.matches("aria-label=\"Bekijken ").count(), 1);
        assert!(
            parents.body.contains("<option value=\"parent\" selected"),
            "the filter is kept"
        );
        let later = request(
            &app,
            Method::GET,
            &format!("{p}?van=2026-11-23"),
            Some(&researcher),
            "",
        )
        .await;
        assert!(
            later
                .body
                .contains("Er zijn (nog) geen ingevulde vragenlijsten")
        );

        let rows =
            t.db.project_responses(
                t.db.project_for(
                    &t.db
                        .user_by_email(&Email::parse("onderzoeker@example.nl").unwrap())
                        .await
                        .unwrap()
                        .unwrap(),
                    "samenhang",
                )
                .await
                .unwrap()
                .unwrap()
                .id,
                &samenspraak::storage::ResponseFilter {
                    audience: Some(samenspraak::domain::Audience::Parent),
                    ..Default::default()
                },
                10,
            )
            .await
            .unwrap();
        let id = rows[0].id;
        let one = request(
            &app,
            Method::GET,
            &format!("{p}/{id}"),
            Some(&researcher),
            "",
        )
        .await;
        assert!(
            one.body.contains("Hoe oud is je kind?"),
            "the parent wording"
        );
        assert!(
            one.body.contains("Ziek, Gepest"),
            "answers as the respondent saw them"
        );
        assert!(one.body.contains("(niet beantwoord)"));

        let other_project =
            t.db.project_responses(
                t.db.project_for(
                    &samenspraak::storage::User {
                        is_admin: true,
                        ..t.db
                            .user_by_email(&Email::parse("admin@example.nl").unwrap())
                            .await
                            .unwrap()
                            .unwrap()
                    },
                    "veilig-thuis",
                )
                .await
                .unwrap()
                .unwrap()
                .id,
                &Default::default(),
                10,
            )
            .await
            .unwrap();
        let foreign = request(
            &app,
            Method::GET,
            &format!("{p}/{}", other_project[0].id),
            Some(&researcher),
            "",
        )
        .await;
        assert_eq!(
            foreign.status,
            StatusCode::NOT_FOUND,
            "a response of another project"
        );

        let no_reason = request(
            &app,
            Method::POST,
            &format!("{p}/{id}/verwijderen"),
            Some(&researcher),
            &format!("csrf={}&reason=+", researcher.csrf),
        )
        .await;
        assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_reason.body.contains("Schrijf een reden op."));
        let deleted = request(
            &app,
            Method::POST,
            &format!("{p}/{id}/verwijderen"),
            Some(&researcher),
            &format!("csrf={}&reason=dubbel+ingevuld", researcher.csrf),
        )
        .await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER);
        assert_eq!(t.db.responses_for_link("verzm26p").await.unwrap().len(), 0);

        let owner = login(&app, "eigenaar@example.nl").await;
        let log = request(
            &app,
            Method::GET,
            "/beheer/projecten/samenhang/logboek",
            Some(&owner),
            "",
        )
        .await;
        assert!(
            log.body
                .contains(&format!("response {id}: dubbel ingevuld"))
        );
        t
    })
    .await;
}

#[tokio::test]
async fn people_change_their_password_and_administrators_remove_accounts() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let me = login(&app, "kijker@example.nl").await;
        let wrong = request(
            &app,
            Method::POST,
            "/beheer/wachtwoord",
            Some(&me),
            &format!("csrf={}&current=fout&new=nog+een+lange+zin", me.csrf),
        )
        .await;
        assert!(wrong.body.contains("Het huidige wachtwoord klopt niet."));
        let weak = request(
            &app,
            Method::POST,
            "/beheer/wachtwoord",
            Some(&me),
            &format!(
                "csrf={}&current={}&new=wachtwoord123",
                me.csrf,
                PASSWORD.replace(' ', "+")
            ),
        )
        .await;
        assert!(weak.body.contains("Dit wachtwoord komt te vaak voor."));
        let changed = request(
            &app,
            Method::POST,
            "/beheer/wachtwoord",
            Some(&me),
            &format!(
                "csrf={}&current={}&new=nog+een+lange+zin",
                me.csrf,
                PASSWORD.replace(' ', "+")
            ),
        )
        .await;
        assert_eq!(
            changed.location.as_deref(),
            Some("/beheer/wachtwoord?klaar=1")
        );
        let old = request(
            &app,
            Method::POST,
            "/beheer/inloggen",
            None,
            &format!(
                "email=kijker%40example.nl&password={}",
                PASSWORD.replace(' ', "+")
            ),
        )
        .await;
        assert_eq!(
            old.status,
            StatusCode::UNAUTHORIZED,
            "the old password is gone"
        );
        let new = request(
            &app,
            Method::POST,
            "/beheer/inloggen",
            None,
            "email=kijker%40example.nl&password=nog+een+lange+zin",
        )
        .await;
        assert_eq!(new.status, StatusCode::SEE_OTHER);

        let admin = login(&app, "admin@example.nl").await;
        let admin_user =
            t.db.user_by_email(&Email::parse("admin@example.nl").unwrap())
                .await
                .unwrap()
                .unwrap();
        let own = request(
            &app,
            Method::POST,
            &format!("/beheer/accounts/{}/verwijderen", admin_user.id),
            Some(&admin),
            &format!("csrf={}", admin.csrf),
        )
        .await;
        assert!(
            own.body
                .contains("Je kunt je eigen account niet verwijderen.")
        );
        let viewer =
            t.db.user_by_email(&Email::parse("kijker@example.nl").unwrap())
                .await
                .unwrap()
                .unwrap();
        let gone = request(
            &app,
            Method::POST,
            &format!("/beheer/accounts/{}/verwijderen", viewer.id),
            Some(&admin),
            &format!("csrf={}", admin.csrf),
        )
        .await;
        assert_eq!(gone.status, StatusCode::SEE_OTHER);
        let session = Session {
            cookie: cookie_of(&new).unwrap(),
            csrf: String::new(),
        };
        assert_eq!(
            request(&app, Method::GET, "/beheer", Some(&session), "")
                .await
                .location
                .as_deref(),
            Some("/beheer/inloggen"),
            "a removed account's session ends"
        );

        let researcher = login(&app, "onderzoeker@example.nl").await;
        let bad = request(
            &app,
            Method::POST,
            "/beheer/projecten/samenhang/meetmomenten/najaar-2026",
            Some(&researcher),
            &format!(
                "csrf={}&name=Najaar&opens=2026-12-01&closes=2026-01-01",
                researcher.csrf
            ),
        )
        .await;
        assert!(
            bad.body
                .contains("De sluitdatum ligt voor de openingsdatum.")
        );
        request(
            &app,
            Method::POST,
            "/beheer/projecten/samenhang/meetmomenten/najaar-2026",
            Some(&researcher),
            &format!(
                "csrf={}&name=Najaar+2026&opens=2026-09-01&closes=2026-11-21",
                researcher.csrf
            ),
        )
        .await;
        assert_eq!(
            app.get("/verzm26j").await.status,
            StatusCode::GONE,
            "the round now closed yesterday"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn open_answers_with_personal_data_are_flagged_and_can_be_removed() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let first = app.start("vth26jgd").await;
        let page2 = app
            .post(&first, "q.leeftijd=13-15&q.serieus-genomen=eens&q.meebeslissen=oneens&q.wat-nodig=Ik+ben+Sanne%2C+bel+me+op+06-12345678&nav=next")
            .await
            .location
            .unwrap();
        let page3 = app.post(&page2, "q.hele-gezin=eens&q.wat-goed-gaat=eens&q.wie-belangrijk=vrienden&nav=next").await.location.unwrap();
        let done = app.post(&page3, "q.hulp-gehad=ja&q.cijfer-hulp=6&q.hulp-beter=Juf+Petra+luistert+goed&nav=next").await;
        assert!(done.location.unwrap().ends_with("/bedankt?lang=nl"));

        let owner = login(&app, "buiten@example.nl").await;
        let id = t.db.responses_for_link("vth26jgd").await.unwrap()[0].id;
        let p = format!("/beheer/projecten/veilig-thuis/antwoorden/{id}");
        let shown = request(&app, Method::GET, &p, Some(&owner), "").await;
        assert!(shown.body.contains("Mogelijk persoonsgegevens: telefoonnummer, naam."), "{}", shown.body);
        assert!(shown.body.contains("Mogelijk persoonsgegevens: naam."));

        let removed = request(&app, Method::POST, &format!("{p}/gegevens/wat-nodig/weglaten"), Some(&owner), &format!("csrf={}", owner.csrf)).await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
        request(&app, Method::POST, &format!("{p}/gegevens/hulp-beter/in-orde"), Some(&owner), &format!("csrf={}", owner.csrf)).await;
        let stored = &t.db.responses_for_link("vth26jgd").await.unwrap()[0];
        assert_eq!(stored.answers["wat-nodig"], vec!["Ik ben [weggelaten], bel me op [weggelaten]"], "the original is gone");
        assert_eq!(stored.answers["hulp-beter"], vec!["Juf Petra luistert goed"]);
        let after = request(&app, Method::GET, &p, Some(&owner), "").await;
        assert!(!after.body.contains("Mogelijk persoonsgegevens"));

        // Not through another project.
        let other = login(&app, "onderzoeker@example.nl").await;
        let foreign = request(&app, Method::POST, &format!("/beheer/projecten/samenhang/antwoorden/{id}/gegevens/wat-nodig/weglaten"), Some(&other), &format!("csrf={}", other.csrf)).await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND);
        let log = request(&app, Method::GET, "/beheer/projecten/veilig-thuis/logboek", Some(&owner), "").await;
        assert!(log.body.contains("personal data removed") && log.body.contains("personal data reviewed"));
        t
    })
    .await;
}

#[tokio::test]
async fn one_codebook_codes_open_answers_and_merging_moves_every_use() {
    use samenspraak::domain::Answer;
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        respond(
            &t.db,
            "verzm26j",
            &[(
                "wat-helpt",
                Answer::Text("Een vaste mentor en minder wachtlijsten.".into()),
            )],
        )
        .await;
        respond(
            &t.db,
            "verzm26p",
            &[(
                "wat-helpt",
                Answer::Text("De wachtlijst bij jeugdhulp is te lang.".into()),
            )],
        )
        .await;
        let me = login(&app, "onderzoeker@example.nl").await;
        let p = "/beheer/projecten/samenhang";
        let post = |path: String, form: String| me.post(&app, path, form);
        post(
            format!("{p}/codeboek"),
            "name=Toegang+tot+hulp&theme=hulp-op-tijd".into(),
        )
        .await;
        let codes =
            t.db.codes(
                t.db.project_for(
                    &samenspraak::storage::User {
                        is_admin: true,
                        ..t.db
                            .user_by_email(&Email::parse("onderzoeker@example.nl").unwrap())
                            .await
                            .unwrap()
                            .unwrap()
                    },
                    "samenhang",
                )
                .await
                .unwrap()
                .unwrap()
                .id,
            )
            .await
            .unwrap();
        let top = codes[0].id;
        post(
            format!("{p}/codeboek"),
            format!("name=Wachtlijsten&parent={top}"),
        )
        .await;
        post(
            format!("{p}/codeboek"),
            format!("name=Wachttijd&parent={top}"),
        )
        .await;
        let same = post(format!("{p}/codeboek"), "name=Wachtlijsten".into()).await;
        assert!(same.body.contains("Er is al een code met deze naam."));
        let project_id =
            t.db.project_for(
                &samenspraak::storage::User {
                    is_admin: true,
                    ..t.db
                        .user_by_email(&Email::parse("admin@example.nl").unwrap())
                        .await
                        .unwrap()
                        .unwrap()
                },
                "samenhang",
            )
            .await
            .unwrap()
            .unwrap()
            .id;
        let codes = t.db.codes(project_id).await.unwrap();
        let id_of = |name: &str| codes.iter().find(|c| c.name == name).unwrap().id;
        assert_eq!(
            codes.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["Toegang tot hulp", "Wachtlijsten", "Wachttijd"]
        );

        let responses =
            t.db.project_responses(project_id, &Default::default(), 10)
                .await
                .unwrap();
        let (youth, parent) = (responses[1].id, responses[0].id);
        let fragment = post(
            format!("{p}/antwoorden/{youth}/codes"),
            format!(
                "question=wat-helpt&code={}&fragment=minder+wachtlijsten",
                id_of("Wachtlijsten")
            ),
        )
        .await;
        assert_eq!(fragment.status, StatusCode::SEE_OTHER);
        post(
            format!("{p}/antwoorden/{parent}/codes"),
            format!("question=wat-helpt&code={}", id_of("Wachttijd")),
        )
        .await;
        let missing = post(
            format!("{p}/antwoorden/{parent}/codes"),
            format!(
                "question=wat-helpt&code={}&fragment=bestaat+niet",
                id_of("Wachttijd")
            ),
        )
        .await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        let shown = request(
            &app,
            Method::GET,
            &format!("{p}/antwoorden/{youth}"),
            Some(&me),
            "",
        )
        .await;
        assert!(
            shown.body.contains("Wachtlijsten: “minder wachtlijsten”"),
            "{}",
            shown.body
        );

        // Merging "Wachttijd" into "Wachtlijsten" moves its use; the book shows two uses.
        post(
            format!("{p}/codeboek/{}/samenvoegen", id_of("Wachttijd")),
            format!("into={}", id_of("Wachtlijsten")),
        )
        .await;
        let after = t.db.codes_in_use(project_id).await.unwrap();
        assert_eq!(
            after
                .iter()
                .map(|c| (c.name.as_str(), c.applications.unwrap_or_default()))
                .collect::<Vec<_>>(),
            [("Toegang tot hulp", 0), ("Wachtlijsten", 2)]
        );
        assert_eq!(
            t.db.answer_codes(project_id, parent).await.unwrap()[0]
                .1
                .code,
            "Wachtlijsten"
        );

        // Merging a top-level code into a child keeps two levels: its children move up.
        post(format!("{p}/codeboek"), "name=School".into()).await;
        let school =
            t.db.codes(project_id)
                .await
                .unwrap()
                .into_iter()
                .find(|c| c.name == "School")
                .unwrap()
                .id;
        post(
            format!("{p}/codeboek/{top}/samenvoegen"),
            format!("into={school}"),
        )
        .await;
        let merged = t.db.codes(project_id).await.unwrap();
        assert!(merged.iter().all(|c| {
            c.parent_id.is_none()
                || merged
                    .iter()
                    .any(|p| Some(p.id) == c.parent_id && p.parent_id.is_none())
        }));

        let application = t.db.answer_codes(project_id, youth).await.unwrap()[0].1.id;
        post(
            format!("{p}/antwoorden/{youth}/codes/{application}/verwijderen"),
            String::new(),
        )
        .await;
        assert!(
            t.db.answer_codes(project_id, youth)
                .await
                .unwrap()
                .is_empty()
        );
        post(format!("{p}/codeboek/{school}/verwijderen"), String::new()).await;
        let owner = login(&app, "eigenaar@example.nl").await;
        let log = request(&app, Method::GET, &format!("{p}/logboek"), Some(&owner), "").await;
        for action in [
            "code created",
            "coded",
            "codes merged",
            "code removed",
            "code deleted",
        ] {
            assert!(log.body.contains(action), "{action}");
        }
        t
    })
    .await;
}

#[tokio::test]
async fn meetings_take_insights_typed_one_per_line_or_from_csv_all_or_nothing() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let me = login(&app, "onderzoeker@example.nl").await;
        let p = "/beheer/projecten/samenhang/bijeenkomsten";
        let post = |path: String, form: String| me.post(&app, path, form);
        let missing = post(p.into(), "title=&held_on=2026-04-22".into()).await;
        assert!(missing.body.contains("Geef de bijeenkomst een titel en een datum."));
        let made = post(p.into(), "title=Atelier+22+april&held_on=2026-04-22&onderwijs=6&jeugdhulp=4&gemeente=2&zorg=0".into()).await;
        let meeting = made.location.clone().unwrap();
        let list = request(&app, Method::GET, p, Some(&me), "").await;
        assert!(list.body.contains("2026-04-22 – Atelier 22 april"));
        assert!(list.body.contains("onderwijs 6 · jeugdhulp 4 · gemeente 2"));

        let lines = [
            "knelpunt: Lange wachtlijsten bij jeugdhulp [jeugdhulp] (7)",
            "kans: Ouders van thuiszitters met elkaar verbinden (5)",
            "Jongeren voelen zich niet gehoord",
            "voorbeeld: Buurtteam op school in Ede [onderwijs]",
            "opl: Eén vaste contactpersoon voor het gezin (4)",
            "vraag: Wie regelt de overstap van school naar hulp?",
            "Te weinig plekken in het speciaal onderwijs (3)",
            "kans: Mentoren krijgen tijd voor gesprekken [onderwijs] (2)",
            "knelpunt: Verzuim wordt laat gemeld [gemeente]",
            "voorbeeld: Thuiszitterstop met jongeren (1)",
        ];
        let typed = lines.join("%0D%0A").replace(' ', "+").replace(':', "%3A").replace('[', "%5B").replace(']', "%5D");
        let bad = post(format!("{meeting}/inzichten"), format!("theme=naar-school&kind=knelpunt&lines={typed}%0D%0Aiets+%5Bbakkerij%5D")).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("Regel 11: sector"), "{}", bad.body);
        assert!(bad.body.contains("Lange wachtlijsten bij jeugdhulp [jeugdhulp] (7)"), "what was typed is kept");
        let page = request(&app, Method::GET, &meeting, Some(&me), "").await;
        assert!(!page.body.contains("Lange wachtlijsten bij jeugdhulp</td>"), "nothing stored");

        let ok = post(format!("{meeting}/inzichten"), format!("theme=naar-school&kind=knelpunt&lines={typed}")).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        let page = request(&app, Method::GET, &meeting, Some(&me), "").await.body;
        assert_eq!(page.matches("<tr><td>Naar school gaan en schoolverzuim</td>").count(), 10, "{page}");
        assert!(page.contains("<td>oplossingsrichting</td><td>Eén vaste contactpersoon voor het gezin</td>"), "{page}");
        assert!(page.find("Lange wachtlijsten bij jeugdhulp").unwrap() < page.find("Ouders van thuiszitters").unwrap(), "highest priority first");

        let csv_bad = "thema;soort;uitspraak;sector;prioriteit%0Ahulp-op-tijd;kans;Goed;;1%0Aonbekend;kans;Fout;;";
        let refused = post(format!("{meeting}/inzichten/csv"), format!("csv={csv_bad}")).await;
        assert!(refused.body.contains("Regel 3: vraagstuk"), "{}", refused.body);
        let csv = "thema%3Bsoort%3Buitspraak%3Bsector%3Bprioriteit%0Ahulp-op-tijd%3Bknelpunt%3BHulp+komt+te+laat%3Bzorg%3B6";
        assert_eq!(post(format!("{meeting}/inzichten/csv"), format!("csv={csv}")).await.status, StatusCode::SEE_OTHER);
        let page = request(&app, Method::GET, &meeting, Some(&me), "").await.body;
        assert!(page.contains("Hulp komt te laat"));
        assert!(!page.contains("<td>Goed</td>"), "the bad file stored nothing");

        // The shared codebook applies to insights as to answers.
        post("/beheer/projecten/samenhang/codeboek".into(), "name=Wachtlijsten".into()).await;
        let project_id = t.db.project_for(&samenspraak::storage::User { is_admin: true, ..t.db.user_by_email(&Email::parse("admin@example.nl").unwrap()).await.unwrap().unwrap() }, "samenhang").await.unwrap().unwrap().id;
        let code = t.db.codes(project_id).await.unwrap()[0].id;
        let meeting_id: i64 = meeting.rsplit('/').next().unwrap().parse().unwrap();
        let insight = t.db.insights(project_id, meeting_id).await.unwrap()[0].id;
        let coded = post(format!("{meeting}/inzichten/{insight}/codes"), format!("code={code}")).await;
        assert_eq!(coded.status, StatusCode::SEE_OTHER);
        assert_eq!(t.db.codes_in_use(project_id).await.unwrap()[0].applications, Some(1));
        let foreign_code = post(format!("{meeting}/inzichten/{insight}/codes"), "code=999999".into()).await;
        assert_eq!(foreign_code.status, StatusCode::NOT_FOUND);
        let application = t.db.insight_codes(project_id, meeting_id).await.unwrap()[0].1.id;
        post(format!("{meeting}/codes/{application}/verwijderen"), String::new()).await;
        assert!(t.db.insight_codes(project_id, meeting_id).await.unwrap().is_empty());

        let viewer = login(&app, "kijker@example.nl").await;
        let seen = request(&app, Method::GET, &meeting, Some(&viewer), "").await;
        assert_eq!(seen.status, StatusCode::OK);
        assert!(!seen.body.contains("Inzichten toevoegen"), "viewers read, they do not add");
        t
    })
    .await;
}

#[tokio::test]
async fn the_coding_queue_brings_uncoded_answers_one_after_another() {
    use samenspraak::domain::Answer;
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        for text in [
            "Een mentor die luistert",
            "Minder huiswerk",
            "Later beginnen",
        ] {
            respond(
                &t.db,
                "verzm26j",
                &[("wat-helpt", Answer::Text(text.into()))],
            )
            .await;
        }
        let me = login(&app, "onderzoeker@example.nl").await;
        let p = "/beheer/projecten/samenhang/codeboek";
        let post = |path: String, form: String| me.post(&app, path, form);
        post(p.into(), "name=Steun+op+school".into()).await;
        post(p.into(), "name=Schooltijden".into()).await;
        let choose = request(&app, Method::GET, &format!("{p}/wachtrij"), Some(&me), "").await;
        assert!(
            choose.body.contains("value=\"naar-school/wat-helpt\""),
            "open questions are offered"
        );
        assert!(
            !choose.body.contains("value=\"naar-school/leeftijd\""),
            "closed ones are not"
        );

        let q = format!("{p}/wachtrij?vraag=naar-school/wat-helpt");
        let first = request(&app, Method::GET, &q, Some(&me), "").await.body;
        assert!(first.contains("Nog 3 antwoord(en) zonder code."));
        assert!(first.contains("Een mentor die luistert"));
        assert!(
            first.contains("data-shortcut=\"1\""),
            "numbered for the keyboard"
        );
        let response = |html: &str| {
            html.split("name=\"response\" value=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        };
        let code = |name: &str| {
            first
                .split(&format!("· {name}"))
                .next()
                .unwrap()
                .rsplit("value=\"")
                .next()
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        };
        let (steun, tijden) = (code("Steun op school"), code("Schooltijden"));

        let saved = post(
            format!("{p}/wachtrij"),
            format!(
                "vraag=naar-school/wat-helpt&response={}&code={steun}",
                response(&first)
            ),
        )
        .await;
        let second = request(
            &app,
            Method::GET,
            saved.location.as_deref().unwrap(),
            Some(&me),
            "",
        )
        .await
        .body;
        assert!(second.contains("Minder huiswerk") && second.contains("Nog 2 antwoord(en)"));
        let skip = second
            .split("id=\"queue-skip\"")
            .next()
            .unwrap()
            .rsplit("href=\"")
            .next()
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&");
        let third = request(&app, Method::GET, &skip, Some(&me), "").await.body;
        assert!(third.contains("Later beginnen"));
        let saved = post(
            format!("{p}/wachtrij"),
            format!(
                "vraag=naar-school/wat-helpt&response={}&code={steun}&code={tijden}",
                response(&third)
            ),
        )
        .await;
        let after = request(
            &app,
            Method::GET,
            saved.location.as_deref().unwrap(),
            Some(&me),
            "",
        )
        .await
        .body;
        assert!(
            after.contains("Alle antwoorden op deze vraag hebben een code."),
            "the skipped one comes back on a new round"
        );
        let again = request(&app, Method::GET, &q, Some(&me), "").await.body;
        assert!(again.contains("Minder huiswerk") && again.contains("Nog 1 antwoord(en)"));
        t
    })
    .await;
}

#[tokio::test]
async fn a_facilitator_records_a_conversation_with_notes_quotes_and_closed_answers() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        let me = login(&app, "onderzoeker@example.nl").await;
        let p = "/beheer/projecten/samenhang/gesprekken";
        let post = |path: String, form: String| me.post(&app, path, form);
        let missing = post(p.into(), "label=&audience=parent&size=1&held_on=2026-11-20&wave=najaar-2026&questionnaire=naar-school".into()).await;
        assert!(missing.body.contains("Vul een label, een datum, een meetmoment en een vragenlijst in."));
        let unknown = post(p.into(), "label=groep+2&audience=parent&size=4&held_on=2026-11-20&wave=najaar-2026&questionnaire=naar-school&language=xx".into()).await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "a language the app does not speak");
        // Held in Arabic (with an interpreter): it counts within Arabic, like a response.
        let made = post(p.into(), "label=groep+2&audience=parent&size=4&held_on=2026-11-20&wave=najaar-2026&questionnaire=naar-school&language=ar".into()).await;
        let url = made.location.clone().unwrap();
        let list = request(&app, Method::GET, p, Some(&me), "").await.body;
        assert!(list.contains("2026-11-20 – groep 2") && list.contains("groep van 4"));

        let guide = request(&app, Method::GET, &url, Some(&me), "").await.body;
        assert!(guide.contains("Hoe oud is je kind?"), "the parent wording of the guide");
        assert!(guide.contains("name=\"notes.wat-helpt\""));

        let bad = post(url.clone(), "q.leeftijd=99".into()).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let saved = post(
            url.clone(),
            "q.leeftijd=13-15&q.cijfer-school=5&notes.wat-helpt=Ouders+willen+een+vast+aanspreekpunt&quotes.wat-helpt=%22Juf+Petra+belt+ons+nooit+terug%22%0D%0A%22We+staan+er+alleen+voor%22&notes.algemeen=Goed+gesprek".into(),
        )
        .await;
        assert_eq!(saved.location.as_deref(), Some(format!("{url}?opgeslagen=1").as_str()));
        let shown = request(&app, Method::GET, saved.location.as_deref().unwrap(), Some(&me), "").await.body;
        assert!(shown.contains("Opgeslagen."));
        assert!(shown.contains("value=\"13-15\" checked") && shown.contains("value=\"5\" checked"));
        assert!(shown.contains("We staan er alleen voor"));
        assert!(shown.contains("Mogelijk persoonsgegevens: naam."), "quotes are scanned");
        assert!(shown.contains("Goed gesprek"));
        let project = t.db.project_id("samenhang").await.unwrap().unwrap();
        let within = |language: &str| {
            let db = t.db.clone();
            let filter = samenspraak::storage::AnswerFilter { question: "@taal".into(), value: language.into() };
            async move {
                db.closed_counts(project, &["cijfer-school".to_owned()], Some(&filter), false)
                    .await
                    .unwrap()
                    .iter()
                    .filter(|c| c.audience == samenspraak::domain::Audience::Parent && c.value == "5")
                    .map(|c| c.count)
                    .sum::<u64>()
            }
        };
        assert_eq!((within("ar").await, within("nl").await), (1, 0), "no responses yet, one conversation in Arabic");

        // Remove the name from the notes of that question; the rest stays.
        let form = "notes.wat-helpt=Ouders+willen+een+vast+aanspreekpunt&quotes.wat-helpt=%22Juf+Petra+belt+ons+nooit+terug%22%0D%0A%22We+staan+er+alleen+voor%22&q.leeftijd=13-15";
        let redacted = post(format!("{url}/gegevens/wat-helpt/weglaten"), form.into()).await;
        assert_eq!(redacted.status, StatusCode::SEE_OTHER);
        let after = request(&app, Method::GET, &url, Some(&me), "").await.body;
        assert!(after.contains("Juf [weggelaten] belt ons nooit terug") && !after.contains("Petra"), "{after}");
        assert!(!after.contains("Mogelijk persoonsgegevens"));

        // The shared codebook on one quote.
        post("/beheer/projecten/samenhang/codeboek".into(), "name=Alleen+staan".into()).await;
        let code = after_code(&t).await;
        let form = format!("{form}&quote.wat-helpt=%22We+staan+er+alleen+voor%22&code.wat-helpt={code}").replace("Juf+Petra", "Juf+%5Bweggelaten%5D");
        let coded = post(format!("{url}/citaten/wat-helpt/codes"), form).await;
        assert_eq!(coded.status, StatusCode::SEE_OTHER, "{}", coded.body);
        let shown = request(&app, Method::GET, &url, Some(&me), "").await.body;
        assert!(shown.contains("Alleen staan: “\"We staan er alleen voor\"”"), "{shown}");

        // A conversation can follow the project's themes instead of a questionnaire.
        let themes = post(p.into(), "label=jongere+B&audience=youth&size=1&held_on=2026-11-21&wave=najaar-2026&questionnaire=".into()).await;
        let themes_url = themes.location.unwrap();
        let guide = request(&app, Method::GET, &themes_url, Some(&me), "").await.body;
        assert!(guide.contains("name=\"notes.thema-hulp-op-tijd\""));
        let saved = post(themes_url.clone(), "notes.thema-verbinden=Wil+graag+andere+jongeren+spreken".into()).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        assert_eq!(post(themes_url, "q.leeftijd=13-15".into()).await.status, StatusCode::UNPROCESSABLE_ENTITY, "no closed questions in a theme guide");

        let viewer = login(&app, "kijker@example.nl").await;
        assert_eq!(request(&app, Method::GET, &url, Some(&viewer), "").await.status, StatusCode::FORBIDDEN);
        t
    })
    .await;
}

/// The id of the first code of the demo project "samenhang".
async fn after_code(t: &TestDb) -> i64 {
    let admin =
        t.db.user_by_email(&Email::parse("admin@example.nl").unwrap())
            .await
            .unwrap()
            .unwrap();
    let project =
        t.db.project_for(
            &samenspraak::storage::User {
                is_admin: true,
                ..admin
            },
            "samenhang",
        )
        .await
        .unwrap()
        .unwrap();
    t.db.codes(project.id).await.unwrap()[0].id
}

/// What a route could change in the samenhang project: its rows, counted and read.
async fn fingerprint(url: &str) -> Vec<String> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut db = sqlx::AnyConnection::connect(url).await.unwrap();
    const P: &str = "(SELECT id FROM projects WHERE key = 'samenhang')";
    const Q: &str = "(SELECT id FROM questionnaires WHERE project_id = (SELECT id FROM projects WHERE key = 'samenhang'))";
    let queries = [
        format!("SELECT name || '|' || description FROM projects WHERE id = {P}"),
        format!("SELECT name || '|' || description FROM codes WHERE project_id = {P} ORDER BY id"),
        format!(
            "SELECT CAST(COUNT(*) AS TEXT) FROM code_applications WHERE code_id IN (SELECT id FROM codes WHERE project_id = {P})"
        ),
        format!(
            "SELECT title || '|' || CAST(position AS TEXT) FROM themes WHERE project_id = {P} ORDER BY id"
        ),
        format!(
            "SELECT name || '|' || opens_on || '|' || closes_on FROM waves WHERE project_id = {P} ORDER BY id"
        ),
        format!("SELECT title || '|' || held_on FROM meetings WHERE project_id = {P} ORDER BY id"),
        format!(
            "SELECT statement FROM insights WHERE meeting_id IN (SELECT id FROM meetings WHERE project_id = {P}) ORDER BY id"
        ),
        format!("SELECT label FROM interviews WHERE project_id = {P} ORDER BY id"),
        format!(
            "SELECT title || '|' || taken_on_by || '|' || starts_on || '|' || status FROM actions WHERE project_id = {P} ORDER BY id"
        ),
        format!(
            "SELECT CAST(COUNT(*) AS TEXT) FROM action_indicators WHERE action_id IN (SELECT id FROM actions WHERE project_id = {P})"
        ),
        format!(
            "SELECT text FROM action_log WHERE action_id IN (SELECT id FROM actions WHERE project_id = {P}) ORDER BY id"
        ),
        format!(
            "SELECT CAST(COUNT(*) AS TEXT) FROM action_codes WHERE action_id IN (SELECT id FROM actions WHERE project_id = {P})"
        ),
        format!(
            "SELECT notes || '|' || quotes FROM interview_notes WHERE interview_id IN (SELECT id FROM interviews WHERE project_id = {P}) ORDER BY interview_id, question_key"
        ),
        format!(
            "SELECT definition FROM questionnaire_versions WHERE questionnaire_id IN {Q} ORDER BY id"
        ),
        format!(
            "SELECT code || '|' || COALESCE(closed_at, 'open') FROM links WHERE questionnaire_id IN {Q} ORDER BY id"
        ),
        format!(
            "SELECT CAST(r.id AS TEXT) || '|' || a.question_key || '|' || a.value FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.link_id IN (SELECT id FROM links WHERE questionnaire_id IN {Q}) ORDER BY r.id, a.question_key, a.position"
        ),
        format!(
            "SELECT CAST(response_id AS TEXT) || COALESCE(reviewed_at, 'open') FROM answer_flags WHERE response_id IN (SELECT id FROM responses WHERE link_id IN (SELECT id FROM links WHERE questionnaire_id IN {Q})) ORDER BY 1"
        ),
        format!(
            "SELECT CAST(user_id AS TEXT) || '|' || role FROM memberships WHERE project_id = {P} ORDER BY user_id"
        ),
    ];
    let mut out = Vec::new();
    for query in queries {
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(query.clone()))
            .fetch_all(&mut db)
            .await
            .unwrap();
        out.push(format!("{query}: {rows:?}"));
    }
    db.close().await.ok();
    out
}

#[tokio::test]
async fn items_of_another_project_are_out_of_reach_on_every_route() {
    on_every_database(|t: TestDb| async move {
        let app = setup(&t).await;
        // Material of every kind in samenhang, made by its owner.
        respond(&t.db, "verzm26p", &[("wat-helpt", samenspraak::domain::Answer::Text("Mijn naam is Piet Jansen".into()))]).await;
        let owner = login(&app, "eigenaar@example.nl").await;
        let post = |path: String, form: String| owner.post(&app, path, form);
        let p = "/beheer/projecten/samenhang";
        post(format!("{p}/codeboek"), "name=Eigen+code".into()).await;
        post(format!("{p}/bijeenkomsten"), "held_on=2026-11-01&title=Sessie&onderwijs=3".into()).await;
        post(format!("{p}/gesprekken"), "audience=youth&wave=najaar-2026&held_on=2026-11-02&setting=individual&group_size=1&label=j1&questionnaire=naar-school".into()).await;
        let admin = t.db.user_by_email(&Email::parse("admin@example.nl").unwrap()).await.unwrap().unwrap();
        let samenhang = t.db.project_for(&admin, "samenhang").await.unwrap().unwrap();
        let response = t.db.project_responses(samenhang.id, &Default::default(), 1).await.unwrap()[0].id;
        let code = t.db.codes(samenhang.id).await.unwrap()[0].id;
        let user = t.db.user_by_email(&Email::parse("eigenaar@example.nl").unwrap()).await.unwrap().unwrap();
        assert!(t.db.apply_code_to_answer(samenhang.id, code, response, "wat-helpt", None, user.id).await.unwrap());
        let application = t.db.answer_codes(samenhang.id, response).await.unwrap()[0].1.id;
        let meeting = t.db.meetings(samenhang.id).await.unwrap().first().map_or(1, |m| m.id);
        let interview = t.db.interviews(samenhang.id).await.unwrap().first().map_or(1, |i| i.id);
        post(format!("{p}/acties"), "theme=naar-school&title=Spreekuur&taken_on_by=Wijkteam&starts_on=2026-11-01&status=gepland".into()).await;
        let action = t.db.actions(samenhang.id, None).await.unwrap()[0].id;
        post(format!("{p}/acties/{action}/indicatoren"), "measure=vraag:naar-school/graag-naar-school&audience=youth".into()).await;
        post(format!("{p}/acties/{action}/koppelingen"), format!("target=code-{code}")).await;
        post(format!("{p}/acties/{action}/logboek"), "noted_on=2026-11-02&text=Gestart&number=".into()).await;
        let detail = t.db.action(samenhang.id, action).await.unwrap().unwrap();
        assert_eq!((detail.indicators.len(), detail.log.len()), (1, 1), "the owner's own action is complete");

        // The owner of veilig-thuis names those items in the paths of their own project.
        let attacker = login(&app, "buiten@example.nl").await;
        let before = fingerprint(&t.url).await;
        let form = "into=1&code=1&question=wat-helpt&title=Titel&name=Naam&opens=2026-01-01&closes=2026-02-01&minutes=5&reason=test&questionnaire=naar-school&audience=youth&wave=najaar-2026&email=eigenaar%40example.nl&role=viewer&lines=knelpunt%3A+x&description=x";
        for route in samenspraak::server::workspace::routes() {
            let Access::Project(_) = route.access else { continue };
            let takes_item = ["{id}", "{code}", "{questionnaire}", "{question}", "{theme}", "{wave}", "{application}", "{insight}"]
                .iter()
                .any(|p| route.path.contains(p));
            if !takes_item {
                continue;
            }
            let path = concrete(route.path, "veilig-thuis")
                .replace("/antwoorden/1", &format!("/antwoorden/{response}"))
                .replace("/codeboek/1", &format!("/codeboek/{code}"))
                .replace("/bijeenkomsten/1", &format!("/bijeenkomsten/{meeting}"))
                .replace("/gesprekken/1", &format!("/gesprekken/{interview}"))
                .replace("/codes/1/", &format!("/codes/{application}/"))
                .replace("/acties/1", &format!("/acties/{action}"))
                .replace("/indicatoren/1/", &format!("/indicatoren/{}/", detail.indicators[0].id))
                .replace("/logboek/1/", &format!("/logboek/{}/", detail.log[0].id))
                .replace("/koppelingen/code-1/", &format!("/koppelingen/code-{code}/"));
            let form = format!(
                "csrf={}&{form}&code={code}&response={response}&vraag=naar-school/wat-helpt&target=code-{code}&measure=code:{code}&theme=naar-school&taken_on_by=x&starts_on=2026-01-01&status=gepland&noted_on=2026-01-01&text=x",
                attacker.csrf
            );
            let reply = request(&app, route.method.clone(), &path, Some(&attacker), &form).await;
            // veilig-thuis has a round `najaar-2026` of its own: editing it is allowed.
            let own_item = route.path.ends_with("/meetmomenten/{wave}");
            assert!(
                [StatusCode::FORBIDDEN, StatusCode::NOT_FOUND, StatusCode::UNPROCESSABLE_ENTITY].contains(&reply.status)
                    || (own_item && reply.status == StatusCode::SEE_OTHER),
                "{} {path}: {}",
                route.method,
                reply.status
            );
            assert!(!reply.body.contains("Piet Jansen"), "{} {path} shows another project's answer", route.method);
            assert_eq!(fingerprint(&t.url).await, before, "{} {path} changed another project's data", route.method);
        }
        t
    })
    .await;
}
