//! The app behind its router, driven request by request as a browser without JavaScript would.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use samenspraak::domain::{Question, QuestionKind};
use samenspraak::i18n::Translations;
use samenspraak::server::{AppState, Clock, router};
use samenspraak::storage::Db;
use tower::ServiceExt;

pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
    /// The body as sent (sounds, files).
    pub bytes: axum::body::Bytes,
    pub headers: axum::http::HeaderMap,
}

pub struct App {
    pub router: Router,
    pub db: Db,
}

impl App {
    pub fn new(db: &Db, today: time::Date) -> App {
        App::with_state(App::state(db, today))
    }

    /// The state `App::new` starts from, for tests that change a setting first.
    pub fn state(db: &Db, today: time::Date) -> AppState {
        let options = leptos::config::LeptosOptions::builder()
            .output_name("samenspraak")
            .build();
        AppState::new(
            db.clone(),
            Translations::load().unwrap(),
            options,
            Clock::fixed(today),
        )
    }

    pub fn with_state(state: AppState) -> App {
        App {
            db: state.db.clone(),
            router: router(state),
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let researcher_route = request.uri().path().starts_with("/beheer");
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        assert!(
            researcher_route || headers.get(header::SET_COOKIE).is_none(),
            "no cookie for respondents, ever"
        );
        let location = headers
            .get(header::LOCATION)
            .map(|l| l.to_str().unwrap().to_owned());
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            location,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
            headers,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    pub async fn post(&self, path: &str, form: impl Into<Body>) -> Reply {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form.into())
            .unwrap();
        self.send(request).await
    }

    /// Starts a questionnaire and returns the path of its first page.
    pub async fn start(&self, code: &str) -> String {
        self.start_in(code, "nl").await
    }

    /// Starts a questionnaire in a language and returns the path of its first page.
    pub async fn start_in(&self, code: &str, lang: &str) -> String {
        let reply = self.post(&format!("/{code}"), format!("lang={lang}")).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        reply.location.unwrap()
    }
}

/// The path of another page of the same draft as `first` (which ends in `/1`).
pub fn page_path(first: &str, page: impl std::fmt::Display) -> String {
    format!("{}/{page}", first.strip_suffix("/1").expect("a first page"))
}

pub fn encode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let v: String = v
                .bytes()
                .map(|b| match b {
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' => {
                        (b as char).to_string()
                    }
                    b' ' => "+".to_owned(),
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("{k}={v}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A plausible answer to a question, as a form would send it.
pub fn answer_for(q: &Question) -> Vec<String> {
    match &q.kind {
        QuestionKind::Agreement => vec!["eens".into()],
        QuestionKind::YesNo => vec!["ja".into()],
        QuestionKind::SingleChoice { options } => vec![options[1].value.clone()],
        QuestionKind::MultipleChoice { options } => {
            vec![options[0].value.clone(), options[2].value.clone()]
        }
        QuestionKind::Mark => vec!["8".into()],
        QuestionKind::ShortText { .. } => vec!["Meer tijd".into()],
        QuestionKind::LongText { .. } => {
            vec!["Een mentor die luistert,\r\nook als het slecht gaat.".into()]
        }
        // Filling in a code is `linkage_http`'s; elsewhere it is declined.
        QuestionKind::LinkageCode { .. } => vec!["liever-niet".into()],
    }
}

/// Answers every page of a link's questionnaire and returns the form of each page sent.
/// Each request goes to the next of `servers` in turn, as a load balancer might send them.
pub async fn answer_everything(servers: &[&App], code: &str) -> Vec<(String, String)> {
    let (mut sent, last) = answer_all_but_the_last(servers, code).await;
    let reply = servers[sent.len() % servers.len()]
        .post(&last.0, last.1.clone())
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(reply.location, Some(format!("/{code}/bedankt?lang=nl")));
    sent.push(last);
    sent
}

/// Answers every page but the last, and returns the forms sent and the last page's path
/// with the form that would submit it.
pub async fn answer_all_but_the_last(
    servers: &[&App],
    code: &str,
) -> (Vec<(String, String)>, (String, String)) {
    answer_all_but_the_last_in(servers, code, "nl", |_| {}).await
}

/// The same in a language, with a look at every page shown (path, page).
pub async fn answer_all_but_the_last_in(
    servers: &[&App],
    code: &str,
    lang: &str,
    look: impl Fn(&Reply),
) -> (Vec<(String, String)>, (String, String)) {
    let mut next = servers.iter().cycle();
    let link = servers[0]
        .db
        .find_link(&samenspraak::domain::InvitationCode::parse(code).expect("valid code"))
        .await
        .unwrap()
        .unwrap();
    let mut path = next.next().unwrap().start_in(code, lang).await;
    let mut sent = Vec::new();
    let pages = link.questionnaire.pages(link.audience);
    for (i, page) in pages.iter().enumerate() {
        let shown = next.next().unwrap().get(&path).await;
        assert_eq!(shown.status, StatusCode::OK, "{path}: {}", shown.body);
        look(&shown);
        let mut pairs = Vec::new();
        for q in page {
            for v in answer_for(q) {
                pairs.push((format!("q.{}", q.key), v));
            }
        }
        pairs.push(("nav".into(), "next".into()));
        let form = encode(
            &pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        );
        if i + 1 == pages.len() {
            return (sent, (path, form));
        }
        let reply = next.next().unwrap().post(&path, form.clone()).await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "{path}: {}",
            reply.body
        );
        sent.push((path.clone(), form));
        path = reply.location.unwrap();
    }
    panic!("a questionnaire without pages")
}

/// The `src` of every `<audio>` player of a page, in page order.
pub fn audio_sources(page: &str) -> Vec<String> {
    page.split("<audio ")
        .skip(1)
        .map(|tag| {
            let src = tag.split("src=\"").nth(1).unwrap();
            src[..src.find('"').unwrap()].to_owned()
        })
        .collect()
}
