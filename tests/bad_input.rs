//! Bad input, generated: random forms posted through the whole respondent submit path
//! (router, form decoding, validation, drafts, storage) — random and repeated field names,
//! valid and invalid values, long texts, broken percent-encoding and raw bytes, other
//! content types, pages out of order, and stale, foreign and made-up tokens. Never a 5xx,
//! and every stored response is whole and valid, one per flow that was told "bedankt".
//!
//! A case answers the first pages of a fresh draft as a browser would, then sends one or two
//! random requests. 10,000 cases on SQLite (1,000 on PostgreSQL when `TEST_DATABASE_URL` is
//! set) by default; `SAMENSPRAAK_LONG_TESTS=1` runs 20,000 (3,000). The form decoder alone
//! gets 10,000 and 1,000,000 cases
//! (`the_form_decoder_never_panics_and_reads_back_what_was_encoded`).

#[path = "common/app.rs"]
mod app;
mod common;

use app::{App, answer_everything, encode};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{TestDb, load_demo, long_tests, on_every_database};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use samenspraak::domain::answers::check_page;
use samenspraak::domain::{InvitationCode, Question, RawAnswers};
use samenspraak::server::form;
use std::sync::atomic::{AtomicUsize, Ordering};
use time::macros::date;

const YOUTH: &str = "verzm26j";
const PARENT: &str = "verzm26p";

/// Which draft a request goes to.
#[derive(Debug, Clone, Copy)]
enum Token {
    /// The case's own fresh draft.
    Own,
    /// A draft that was submitted already.
    Submitted,
    /// A draft of another link (a parent's), under this link's code.
    Foreign,
    /// A token nobody was given.
    MadeUp,
}

/// The page that follows the ones a case answered first.
const NEXT: usize = usize::MAX;

/// One request of a case.
#[derive(Debug, Clone)]
struct Step {
    token: Token,
    /// 0 and past the last page are out of range; [`NEXT`] is the draft's next page.
    page: usize,
    /// The answers a browser would send for the page, before the changes below.
    valid_answers: bool,
    fields: Vec<(String, String)>,
    /// Bytes appended as they are (broken encodings, binary).
    raw: Vec<u8>,
    form_content_type: bool,
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "q.leeftijd", "q.graag-naar-school", "q.cijfer-school", "q.thuisgebleven",
            "q.redenen", "q.tip", "q.wat-helpt", "q.cijfer-hulp", "nav", "lang",
        ])
        .prop_map(str::to_owned),
        1 => "q\\.[a-z-]{0,12}",
        1 => "[a-z_.]{0,10}",
        1 => ".{0,8}",
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "10-12", "13-15", "19-23", "eens", "helemaal-oneens", "weet-niet", "ja", "nee",
            "next", "back", "nl", "en", "xx", "0", "1", "6", "10", "11", "-1", "8.5", "",
        ])
        .prop_map(str::to_owned),
        2 => ".{0,40}",
        1 => (0usize..6000).prop_map(|n| "a".repeat(n)),
        1 => (0usize..300).prop_map(|n| " \r\n\t".repeat(n)),
    ]
}

fn step(pages: usize) -> impl Strategy<Value = Step> {
    (
        prop_oneof![
            6 => Just(Token::Own),
            1 => Just(Token::Submitted),
            1 => Just(Token::Foreign),
            1 => Just(Token::MadeUp),
        ],
        prop_oneof![3 => Just(NEXT), 3 => 1..=pages, 1 => 0..=pages + 2],
        prop::bool::weighted(0.75),
        prop_oneof![
            2 => Just(Vec::new()),
            3 => prop::collection::vec((name(), value()), 1..6),
        ],
        prop_oneof![
            6 => Just(Vec::new()),
            1 => prop::collection::vec(any::<u8>(), 0..40),
            1 => prop::sample::select(vec!["%", "%C3%28", "%ZZ", "&&=", "=&=", "%FF%FE"])
                .prop_map(|s| s.as_bytes().to_vec()),
        ],
        prop_oneof![9 => Just(true), 1 => Just(false)],
    )
        .prop_map(
            |(token, page, valid_answers, fields, raw, form_content_type)| Step {
                token,
                page,
                valid_answers,
                fields,
                raw,
                form_content_type,
            },
        )
}

/// A plausible answer to every question of a page.
fn page_answers(page: &[&Question]) -> Vec<(String, String)> {
    page.iter()
        .flat_map(|q| {
            app::answer_for(q)
                .into_iter()
                .map(|v| (format!("q.{}", q.key), v))
        })
        .collect()
}

/// The drafts a case can point at.
struct Targets {
    submitted: String,
    foreign: String,
}

/// Sends a case's steps to a fresh draft; fails on a 5xx. Returns whether the case's own
/// draft was submitted (a 303 to the thank-you page from its own token).
async fn run_case(
    app: &App,
    targets: &Targets,
    pages: &[Vec<&Question>],
    (answered_first, steps): &(usize, Vec<Step>),
) -> Result<bool, TestCaseError> {
    let answered_first = *answered_first;
    let own = app.start(YOUTH).await;
    let own = own.strip_suffix("/1").unwrap().to_owned();
    // The pages before the random steps are answered as a browser would, so that the steps
    // also reach the last page of a draft that is ready to be sent.
    for (i, page) in pages.iter().enumerate().take(answered_first) {
        let pairs = page_answers(page);
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let reply = app.post(&format!("{own}/{}", i + 1), encode(&pairs)).await;
        prop_assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    }
    let mut submitted = false;
    for step in steps {
        let draft = match step.token {
            Token::Own => own.clone(),
            Token::Submitted => targets.submitted.clone(),
            Token::Foreign => targets.foreign.clone(),
            Token::MadeUp => format!("/{YOUTH}/abcdefghijklmnopqrstuvwxyz"),
        };
        let page = match step.page {
            NEXT => answered_first + 1,
            page => page,
        };
        let mut fields = match (step.valid_answers, page) {
            (true, p) if (1..=pages.len()).contains(&p) => page_answers(&pages[p - 1]),
            _ => Vec::new(),
        };
        fields.extend(step.fields.iter().cloned());
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let mut body = encode(&pairs).into_bytes();
        body.extend_from_slice(&step.raw);
        let content_type = match step.form_content_type {
            true => "application/x-www-form-urlencoded",
            false => "text/plain",
        };
        let path = format!("{draft}/{page}");
        let request = Request::post(&path)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        let reply = app.send(request).await;
        prop_assert!(
            !reply.status.is_server_error(),
            "{path}: {} {}",
            reply.status,
            reply.body.chars().take(300).collect::<String>()
        );
        if matches!(step.token, Token::Own)
            && reply.status == StatusCode::SEE_OTHER
            && reply
                .location
                .as_deref()
                .is_some_and(|l| l.contains("/bedankt"))
        {
            submitted = true;
        }
    }
    Ok(submitted)
}

/// Every stored response of the link passes the checks of every page, as it would have
/// been checked page by page.
async fn assert_every_response_is_whole(app: &App, pages: &[Vec<&Question>], label: &str) {
    for response in app.db.responses_for_link(YOUTH).await.unwrap() {
        let all: RawAnswers = response.answers.clone();
        let mut earlier = RawAnswers::new();
        for page in pages {
            let here: RawAnswers = all
                .iter()
                .filter(|(k, _)| page.iter().any(|q| &q.key == *k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let outcome = check_page(page, &earlier, &here)
                .unwrap_or_else(|e| panic!("{label}: stored response {}: {e}", response.id));
            assert!(
                outcome.errors.is_empty(),
                "{label}: stored response {} is not whole: {:?}",
                response.id,
                outcome.errors
            );
            earlier.extend(here);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_forms_never_get_a_5xx_nor_store_a_partial_response() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        // Every case starts a draft: far beyond the starts a link allows a minute.
        let app =
            App::with_state(App::state(&t.db, date!(2026 - 11 - 22)).with_starts_per_minute(0));
        let link =
            t.db.find_link(&InvitationCode::parse(YOUTH).unwrap())
                .await
                .unwrap()
                .unwrap();
        let pages = link.questionnaire.pages(link.audience);
        let submitted = answer_everything(&[&app], YOUTH).await;
        let targets = Targets {
            submitted: submitted[0].0.rsplit_once('/').unwrap().0.to_owned(),
            foreign: {
                let parent = app.start(PARENT).await;
                let (_, rest) = parent.split_once(PARENT).unwrap();
                format!("/{YOUTH}{}", rest.strip_suffix("/1").unwrap())
            },
        };
        let before = t.db.responses_for_link(YOUTH).await.unwrap().len();
        let cases: u32 = match (t.label, long_tests()) {
            ("sqlite", false) => 10_000,
            ("sqlite", true) => 20_000,
            (_, false) => 1_000,
            (_, true) => 3_000,
        };
        let told_thanks = AtomicUsize::new(0);
        let handle = tokio::runtime::Handle::current();
        tokio::task::block_in_place(|| {
            let mut runner = TestRunner::new(Config {
                cases,
                failure_persistence: None,
                ..Config::default()
            });
            let steps = (
                0..pages.len(),
                prop::collection::vec(step(pages.len()), 1..=2),
            );
            runner
                .run(&steps, |steps| {
                    let done = handle.block_on(run_case(&app, &targets, &pages, &steps))?;
                    told_thanks.fetch_add(usize::from(done), Ordering::Relaxed);
                    Ok(())
                })
                .unwrap_or_else(|e| panic!("{}: {e}", t.label));
        });
        let stored = t.db.responses_for_link(YOUTH).await.unwrap().len() - before;
        assert_eq!(
            stored,
            told_thanks.load(Ordering::Relaxed),
            "{}: one response per flow told 'bedankt'",
            t.label
        );
        assert_every_response_is_whole(&app, &pages, t.label).await;
        println!(
            "{}: {cases} random cases, {stored} of them completed a response",
            t.label
        );
        t
    })
    .await;
}

/// The form decoder on any bytes: never a panic, and a form we encode reads back as sent.
#[test]
fn the_form_decoder_never_panics_and_reads_back_what_was_encoded() {
    let cases: u32 = if long_tests() { 1_000_000 } else { 10_000 };
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..200), |bytes| {
            let _ = form::parse(&bytes);
            Ok(())
        })
        .unwrap();
    let answers =
        prop::collection::btree_map("[a-z-]{1,12}", prop::collection::vec(".{0,30}", 1..3), 0..8);
    runner
        .run(&answers, |answers| {
            let pairs: Vec<(String, &str)> = answers
                .iter()
                .flat_map(|(k, vs)| vs.iter().map(move |v| (format!("q.{k}"), v.as_str())))
                .collect();
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let parsed = form::parse(encode(&pairs).as_bytes()).unwrap();
            prop_assert_eq!(parsed.answers, answers);
            Ok(())
        })
        .unwrap();
    println!("form decoder: {cases} random bodies and {cases} encoded forms");
}
