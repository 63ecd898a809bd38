//! Answering a questionnaire through an invitation link, with or without JavaScript.
//!
//! Every step is a plain HTML form posted to the server. Answers are kept in a draft on
//! the server under a random token (in the URL, never in a cookie), so a restart or a
//! dropped connection loses nothing already sent; the last page stores the response in one
//! transaction before the thank-you page is shown.

use super::AppState;
use super::form::{self, Nav, PostedForm};
use super::render::{PageFrame, render};
use super::speech::{self, Speech, SpeechError};
use crate::domain::answers::{check_page, check_response, is_visible};
use crate::domain::linkage::{CodeProblem, DECLINED, SEALED, field_values};
use crate::domain::recording::{script, script_fingerprint};
use crate::domain::translation::preferred;
use crate::domain::{
    Answer, Answers, Audience, FieldError, InvitationCode, Question, QuestionKind, Questionnaire,
    RawAnswers, WaveState,
};
use crate::i18n::{Address, Tr};
use crate::storage::{Draft, OpenLink, ReadingOf, StorageError, SubmitOutcome};
use crate::t;
use crate::ui::islands::HelperTexts;
use crate::ui::labels::answer_label;
use crate::ui::respondent::{
    FrontPage, FrontView, IntroPage, IntroView, LanguageLink, MessagePage, MessageView,
    QuestionItem, QuestionPage, QuestionPageView, spoken_page,
};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

/// `?lang=en`: the language switch.
#[derive(Debug, Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

/// `/?code=…`: the front page's field.
#[derive(Debug, Deserialize)]
pub struct FrontQuery {
    code: Option<String>,
    lang: Option<String>,
}

/// Why a respondent page cannot be shown; each has a friendly page and a status.
#[derive(Debug, thiserror::Error)]
enum PageError {
    #[error("unknown link")]
    NotFound,
    #[error("link or wave closed")]
    Closed,
    #[error("wave opens on {0}")]
    NotYetOpen(time::Date),
    #[error("no draft under this token")]
    Expired(InvitationCode),
    #[error("refused form: {0}")]
    BadRequest(String),
    #[error("too many starts on this link")]
    TooManyStarts,
    #[error("the form must be sent as application/x-www-form-urlencoded")]
    UnsupportedMedia,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl PageError {
    fn status(&self) -> StatusCode {
        match self {
            PageError::NotFound | PageError::NotYetOpen(_) | PageError::Expired(_) => {
                StatusCode::NOT_FOUND
            }
            PageError::Closed => StatusCode::GONE,
            PageError::BadRequest(_) => StatusCode::BAD_REQUEST,
            PageError::TooManyStarts => StatusCode::TOO_MANY_REQUESTS,
            PageError::UnsupportedMedia => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            PageError::Storage(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// A respondent request's language and the means to answer it.
struct Respondent {
    state: AppState,
    tr: Tr,
    /// The path of this page, for the language links.
    path: String,
    /// The languages the questionnaire of this page is offered in (none: every language
    /// of the frame, on pages without a questionnaire).
    offered: Option<Vec<String>>,
}

impl Respondent {
    /// `path` is the page's own path for the language links; anything but our own kind of
    /// path (segments of lowercase letters, digits and dashes) becomes `/`, so that no
    /// request path is echoed into a page (`/%2Fevil.example` would link off-site).
    fn new(state: &AppState, lang: Option<&str>, path: String) -> Self {
        let ours = path.len() > 1
            && path.strip_prefix('/').is_some_and(|rest| {
                rest.split('/').all(|segment| {
                    !segment.is_empty()
                        && segment
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                })
            });
        Self {
            tr: state.translations.get(lang),
            state: state.clone(),
            path: if ours { path } else { "/".to_owned() },
            offered: None,
        }
    }

    /// Offers only the languages in which everything `audience` reads of `questionnaire` is
    /// translated (and the frame too); a language not among them becomes Dutch. Dutch
    /// addresses the reader as the project chose for the audience.
    fn offering(
        mut self,
        questionnaire: &Questionnaire,
        audience: Audience,
        address: Address,
    ) -> Self {
        let offered = offered_languages(&self.state, questionnaire, audience);
        let code = offered
            .iter()
            .find(|l| *l == self.tr.code())
            .map(String::as_str);
        self.tr = self.state.translations.addressing(code, address);
        self.offered = Some(offered);
        self
    }

    /// Dutch addresses the reader as the project chose (on pages without a questionnaire).
    fn addressing(mut self, address: Address) -> Self {
        self.tr = self
            .state
            .translations
            .addressing(Some(self.tr.code()), address);
        self
    }

    /// The voice that reads this page aloud, when read-aloud is on and has one.
    fn voice(&self) -> Option<&'static str> {
        self.state
            .speech
            .is_on()
            .then(|| Speech::voice(self.tr.code()))
            .flatten()
    }

    fn languages(&self) -> Vec<LanguageLink> {
        self.state
            .translations
            .all()
            .iter()
            .filter(|l| {
                self.offered
                    .as_ref()
                    .is_none_or(|offered| offered.iter().any(|o| o == l.code()))
            })
            .map(|l| LanguageLink {
                code: l.code().to_owned(),
                name: t!(l, "language-name"),
                href: format!("{}?lang={}", self.path, l.code()),
                current: l.code() == self.tr.code(),
            })
            .collect()
    }

    async fn page<F, V>(
        &self,
        status: StatusCode,
        title: String,
        islands: bool,
        body: F,
    ) -> Response
    where
        F: Fn() -> V + Clone + Send + Sync + 'static,
        V: IntoView + 'static,
    {
        let frame = PageFrame {
            tr: self.tr.clone(),
            title,
            islands,
        };
        render(&self.state, status, frame, body).await
    }

    async fn message(
        &self,
        status: StatusCode,
        project: String,
        title: String,
        paragraphs: Vec<String>,
        link: Option<(String, String)>,
    ) -> Response {
        let view = MessageView {
            project,
            title: title.clone(),
            paragraphs,
            link,
            languages: self.languages(),
        };
        let site = t!(self.tr, "site-name");
        self.page(
            status,
            format!("{title} – {site}"),
            false,
            move || view! { <MessagePage page=view.clone() /> },
        )
        .await
    }

    async fn error(&self, error: PageError) -> Response {
        let tr = &self.tr;
        let status = error.status();
        let (title, body, link) = match &error {
            PageError::NotFound => (
                t!(tr, "error-not-found-title"),
                t!(tr, "error-not-found-body"),
                None,
            ),
            PageError::Closed => (
                t!(tr, "error-closed-title"),
                t!(tr, "error-closed-body"),
                None,
            ),
            PageError::NotYetOpen(date) => {
                let date = date.to_string();
                (
                    t!(tr, "error-not-open-title"),
                    t!(tr, "error-not-open-body", date = date),
                    None,
                )
            }
            PageError::Expired(code) => (
                t!(tr, "error-expired-title"),
                t!(tr, "error-expired-body"),
                Some((
                    format!("/{code}?lang={}", tr.code()),
                    t!(tr, "error-expired-restart"),
                )),
            ),
            PageError::BadRequest(reason) => {
                tracing::warn!(reason, "refused a respondent form");
                (
                    t!(tr, "error-bad-request-title"),
                    t!(tr, "error-bad-request-body"),
                    None,
                )
            }
            PageError::TooManyStarts => (
                t!(tr, "error-too-many-starts-title"),
                t!(tr, "error-too-many-starts-body"),
                None,
            ),
            PageError::UnsupportedMedia => (
                t!(tr, "error-bad-request-title"),
                t!(tr, "error-bad-request-body"),
                None,
            ),
            PageError::Storage(e) => {
                tracing::error!(error = %e, "respondent page failed");
                (
                    t!(tr, "error-internal-title"),
                    t!(tr, "error-internal-body"),
                    None,
                )
            }
        };
        let busy = matches!(error, PageError::TooManyStarts);
        let page = self
            .message(status, t!(tr, "site-name"), title, vec![body], link)
            .await;
        match busy {
            true => try_again_in_a_minute(page),
            false => page,
        }
    }
}

/// Finds the link and checks that it takes answers today.
async fn open_link(state: &AppState, code: &str) -> Result<OpenLink, PageError> {
    let code = InvitationCode::parse(code).map_err(|_| PageError::NotFound)?;
    let link = state
        .db
        .find_link(&code)
        .await?
        .ok_or(PageError::NotFound)?;
    if link.closed {
        return Err(PageError::Closed);
    }
    match link.wave.state_on(state.clock.today()) {
        WaveState::Open => Ok(link),
        WaveState::NotYetOpen => Err(PageError::NotYetOpen(link.wave.opens)),
        WaveState::Closed => Err(PageError::Closed),
    }
}

/// The languages a questionnaire can be answered in by `audience`: Dutch, then those it is
/// wholly translated into that the frame speaks too.
fn offered_languages(
    state: &AppState,
    questionnaire: &Questionnaire,
    audience: Audience,
) -> Vec<String> {
    questionnaire
        .languages_for(audience)
        .into_iter()
        .filter(|l| state.translations.offers(l))
        .map(str::to_owned)
        .collect()
}

/// `GET /`: the front page; with `?code=`, the questionnaire of the code as typed from a
/// flyer, or the page again with the code kept and what is wrong with it.
pub async fn front(State(state): State<AppState>, Query(q): Query<FrontQuery>) -> Response {
    let r = Respondent::new(&state, q.lang.as_deref(), "/".into());
    let typed = q.code.clone().unwrap_or_default();
    let unknown = || (StatusCode::NOT_FOUND, Some(t!(r.tr, "front-code-unknown")));
    let (status, error) = match q.code.as_deref().map(str::trim) {
        None => (StatusCode::OK, None),
        Some("") => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(t!(r.tr, "front-code-missing")),
        ),
        Some(code) => match InvitationCode::from_typed(code) {
            Ok(code) => match state.db.find_link(&code).await {
                Ok(Some(_)) => {
                    let to = format!("/{code}?lang={}", r.tr.code());
                    return Redirect::to(&to).into_response();
                }
                Ok(None) => unknown(),
                Err(e) => return r.error(e.into()).await,
            },
            Err(_) => unknown(),
        },
    };
    let view = FrontView {
        code: typed.chars().take(40).collect(),
        error,
        languages: r.languages(),
    };
    let title = t!(r.tr, "site-name");
    r.page(
        status,
        title,
        false,
        move || view! { <FrontPage page=view.clone() /> },
    )
    .await
}

/// `GET /{code}`: the introduction.
pub async fn intro(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let r = Respondent::new(&state, q.lang.as_deref(), format!("/{code}"));
    let link = match open_link(&state, &code).await {
        Ok(link) => link,
        Err(e) => return r.error(e).await,
    };
    // Without a choice in the URL, the browser's languages preselect one that is offered.
    let lang = q.lang.clone().or_else(|| {
        let offered = offered_languages(&state, &link.questionnaire, link.audience);
        let offered: Vec<&str> = offered.iter().map(String::as_str).collect();
        let accept = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
        preferred(accept, &offered).map(str::to_owned)
    });
    let r = Respondent::new(&state, lang.as_deref(), r.path.clone()).offering(
        &link.questionnaire,
        link.audience,
        link.address,
    );
    let questionnaire = &link.questionnaire.in_language(r.tr.code());
    let view = IntroView {
        project: link.project_name.clone(),
        title: questionnaire.title.clone(),
        purpose: questionnaire
            .purpose
            .get(&link.audience)
            .cloned()
            .unwrap_or_default(),
        minutes: questionnaire.minutes,
        questions: questionnaire.questions_for(link.audience).count(),
        group: link.group.clone(),
        action: format!("/{}", link.code),
        languages: r.languages(),
    };
    let title = format!("{} – {}", questionnaire.title, t!(r.tr, "site-name"));
    r.page(
        StatusCode::OK,
        title,
        false,
        move || view! { <IntroPage page=view.clone() /> },
    )
    .await
}

/// A draft's token: 26 characters of 5 random bits, 130 bits in all.
fn random_token() -> String {
    let bytes: [u8; 26] = rand::random();
    crate::domain::code::encode(&bytes)
}

fn form_body(headers: &HeaderMap, body: &[u8]) -> Result<PostedForm, PageError> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(PageError::UnsupportedMedia);
    }
    form::parse(body).map_err(|e| PageError::BadRequest(e.to_string()))
}

/// `POST /{code}`: starts a draft and goes to the first page.
pub async fn start(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let posted = form_body(&headers, &body);
    let lang = posted.as_ref().ok().and_then(|f| f.lang.clone());
    let r = Respondent::new(&state, lang.as_deref(), format!("/{code}"));
    let result = async {
        let posted = posted?;
        if !posted.answers.is_empty() {
            return Err(PageError::BadRequest("answers sent to the start".into()));
        }
        let link = open_link(&state, &code).await?;
        if !state.starts.allows(link.id) {
            return Err(PageError::TooManyStarts);
        }
        let token = random_token();
        let offered = offered_languages(&state, &link.questionnaire, link.audience);
        let language = offered
            .iter()
            .find(|l| *l == r.tr.code())
            .map_or(crate::i18n::DEFAULT_LANGUAGE, String::as_str);
        state
            .db
            .create_draft(
                &token,
                link.id,
                link.version_id,
                language,
                state.clock.today(),
            )
            .await?;
        Ok(Redirect::to(&format!("/{}/{token}/1", link.code)).into_response())
    }
    .await;
    match result {
        Ok(response) => response,
        Err(e) => r.error(e).await,
    }
}

/// A draft with its link and questionnaire version, ready to show or update a page.
struct Session {
    link: OpenLink,
    draft: Draft,
    questionnaire: Questionnaire,
    page_count: usize,
}

enum Lookup {
    Found(Box<Session>),
    /// The form was already submitted: show the thanks again.
    Submitted(InvitationCode),
}

async fn session(
    state: &AppState,
    code: &str,
    token: &str,
    page: usize,
) -> Result<Lookup, PageError> {
    let link = open_link(state, code).await?;
    let Some(draft) = state
        .db
        .draft(token)
        .await?
        .filter(|d| d.link_id == link.id)
    else {
        if state.db.token_used(token).await? {
            return Ok(Lookup::Submitted(link.code));
        }
        return Err(PageError::Expired(link.code));
    };
    // Usually the draft is on the link's latest version, which came with the link.
    let questionnaire = if draft.version_id == link.version_id {
        link.questionnaire.clone()
    } else {
        state.db.questionnaire_version(draft.version_id).await?
    };
    let page_count = questionnaire.pages(link.audience).len();
    if page == 0 || page > page_count {
        return Err(PageError::NotFound);
    }
    Ok(Lookup::Found(Box::new(Session {
        link,
        draft,
        questionnaire,
        page_count,
    })))
}

fn thanks_url(code: &InvitationCode, tr: &Tr) -> String {
    format!("/{code}/bedankt?lang={}", tr.code())
}

/// `GET /{code}/{token}/{page}`: a page of questions with the answers given so far.
pub async fn show_page(
    State(state): State<AppState>,
    Path((code, token, page)): Path<(String, String, usize)>,
    Query(q): Query<LangQuery>,
) -> Response {
    let path = format!("/{code}/{token}/{page}");
    let fallback = Respondent::new(&state, q.lang.as_deref(), path.clone());
    let mut s = match session(&state, &code, &token, page).await {
        Ok(Lookup::Found(s)) => s,
        Ok(Lookup::Submitted(code)) => {
            return Redirect::to(&thanks_url(&code, &fallback.tr)).into_response();
        }
        Err(e) => return fallback.error(e).await,
    };
    // The language switch on a page of questions is remembered for the next pages.
    let offered = offered_languages(&state, &s.questionnaire, s.link.audience);
    let lang = match q.lang.filter(|l| offered.contains(l)) {
        Some(lang) if lang != s.draft.language => {
            s.draft.language = lang.clone();
            if let Err(e) = state.db.save_draft(&s.draft).await {
                return fallback.error(e.into()).await;
            }
            lang
        }
        _ => s.draft.language.clone(),
    };
    let r = Respondent::new(&state, Some(&lang), path).offering(
        &s.questionnaire,
        s.link.audience,
        s.link.address,
    );
    s.questionnaire = s.questionnaire.in_language(r.tr.code());
    let values = s.draft.answers.clone();
    question_page(
        &r,
        &s,
        page,
        &values,
        &Default::default(),
        StatusCode::OK,
        None,
    )
    .await
}

/// `POST /{code}/{token}/{page}`: keeps the answers, then goes on, back, or shows what to fix.
pub async fn answer_page(
    State(state): State<AppState>,
    Path((code, token, page)): Path<(String, String, usize)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = format!("/{code}/{token}/{page}");
    let posted = form_body(&headers, &body);
    let fallback = Respondent::new(&state, None, path.clone());
    let mut s = match session(&state, &code, &token, page).await {
        Ok(Lookup::Found(s)) => s,
        Ok(Lookup::Submitted(code)) => {
            return Redirect::to(&thanks_url(&code, &fallback.tr)).into_response();
        }
        Err(e) => return fallback.error(e).await,
    };
    let r = Respondent::new(&state, Some(&s.draft.language), path).offering(
        &s.questionnaire,
        s.link.audience,
        s.link.address,
    );
    s.questionnaire = s.questionnaire.in_language(r.tr.code());
    let posted = match posted {
        Ok(posted) => posted,
        Err(e) => return r.error(e).await,
    };
    match answer(&r, &mut s, page, posted).await {
        Ok(response) => response,
        Err(e) => r.error(e).await,
    }
}

async fn answer(
    r: &Respondent,
    s: &mut Session,
    page: usize,
    posted: PostedForm,
) -> Result<Response, PageError> {
    let state = &r.state;
    let audience = s.link.audience;
    let pages = s.questionnaire.pages(audience);
    let questions = &pages[page - 1];
    let earlier = earlier_answers(&pages, page, &s.draft.answers);
    let mut posted = posted;
    let codes = keep_sealed_parts(questions, &s.draft.answers, &mut posted.answers);
    let mut outcome = check_page(questions, &earlier, &posted.answers)
        .map_err(|e| PageError::BadRequest(e.to_string()))?;
    seal_codes(state, s.link.project_id, &mut outcome.answers);

    // Keep exactly what was typed on this page, even when something must be fixed; the
    // page shown again holds it all, the stored draft all but what is too long to keep,
    // and of a linkage code only its sealed parts.
    let mut typed = s.draft.answers.clone();
    let kept_codes: Vec<(String, Vec<String>)> = codes
        .iter()
        .filter_map(|k| Some((k.clone(), s.draft.answers.get(k)?.clone())))
        .collect();
    for q in questions {
        s.draft.answers.remove(&q.key);
        typed.remove(&q.key);
    }
    for (key, values) in &posted.answers {
        if codes.contains(key) {
            typed.insert(key.clone(), values.clone());
            continue;
        }
        let values: Vec<String> = values
            .iter()
            .filter(|v| !v.trim().is_empty())
            .cloned()
            .collect();
        if !values.is_empty() {
            if !matches!(outcome.errors.get(key), Some(FieldError::TooLong { .. })) {
                s.draft.answers.insert(key.clone(), values.clone());
            }
            typed.insert(key.clone(), values);
        }
    }
    for key in &codes {
        match outcome.answers.get(key) {
            Some(Answer::Code(code)) => {
                s.draft.answers.insert(key.clone(), field_values(code));
            }
            // Not complete: what was sealed before stays, nothing typed is kept.
            _ => s
                .draft
                .answers
                .extend(kept_codes.iter().filter(|(k, _)| k == key).cloned()),
        }
    }
    // The last page, complete, goes straight into the response (which removes the draft):
    // saving the draft first would be a write for nothing.
    let finishing = posted.nav == Nav::Next && outcome.is_complete() && page >= s.page_count;
    if !finishing && let Err(e) = state.db.save_draft(&s.draft).await {
        return Ok(not_kept(r, s, page, &typed, &outcome.errors, e).await);
    }
    let code = &s.link.code;
    let token = &s.draft.token;

    if posted.nav == Nav::Back {
        let target = page.saturating_sub(1).max(1);
        return Ok(Redirect::to(&format!("/{code}/{token}/{target}")).into_response());
    }
    if !outcome.is_complete() {
        return Ok(question_page(
            r,
            s,
            page,
            &typed,
            &outcome.errors,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
        )
        .await);
    }
    if page < s.page_count {
        return Ok(Redirect::to(&format!("/{code}/{token}/{}", page + 1)).into_response());
    }
    let answers = match check_response(&s.questionnaire, audience, &s.draft.answers)
        .map_err(|e| PageError::BadRequest(e.to_string()))?
    {
        Ok(answers) => answers,
        Err(incomplete) => {
            // Something earlier is missing after all: keep this page and go there.
            if let Err(e) = state.db.save_draft(&s.draft).await {
                return Ok(not_kept(r, s, page, &typed, &outcome.errors, e).await);
            }
            return Ok(
                Redirect::to(&format!("/{code}/{token}/{}", incomplete.page + 1)).into_response(),
            );
        }
    };
    let flags = personal_data(&answers);
    let today = state.clock.today();
    let stored = state.db.submit(&s.draft, audience, &answers, &flags, today);
    match stored.await {
        Ok(SubmitOutcome::Stored) => tracing::info!("response stored"),
        Ok(SubmitOutcome::AlreadyStored) => tracing::info!("repeated submit ignored"),
        Err(e) => return Ok(not_kept(r, s, page, &typed, &outcome.errors, e).await),
    }
    Ok(Redirect::to(&thanks_url(code, &r.tr)).into_response())
}

/// The database could not keep a page's answers (disk full, read-only, gone): the same page
/// again with everything typed in it and a message to try again in a while, `503` with a
/// `Retry-After`. Nothing is stored half: a draft is one row and a response one transaction.
async fn not_kept(
    r: &Respondent,
    s: &Session,
    page: usize,
    typed: &RawAnswers,
    errors: &std::collections::BTreeMap<String, FieldError>,
    error: StorageError,
) -> Response {
    tracing::error!(error = %error, "answers not kept");
    let notice = t!(r.tr, "respondent-not-kept");
    let status = StatusCode::SERVICE_UNAVAILABLE;
    let page = question_page(r, s, page, typed, errors, status, Some(notice)).await;
    try_again_in_a_minute(page)
}

/// Tells the browser (and any client that honours it) to wait a minute before trying again.
fn try_again_in_a_minute(mut response: Response) -> Response {
    let wait = axum::http::HeaderValue::from_static("60");
    response.headers_mut().insert(header::RETRY_AFTER, wait);
    response
}

/// Open answers that look like they hold personal data, to be reviewed by a researcher.
fn personal_data(answers: &crate::domain::Answers) -> crate::storage::AnswerFlags {
    answers
        .iter()
        .filter_map(|(key, answer)| match answer {
            crate::domain::Answer::Text(text) => {
                let mut kinds: Vec<_> = crate::domain::privacy::scan(text)
                    .into_iter()
                    .map(|f| f.kind)
                    .collect();
                kinds.sort();
                kinds.dedup();
                (!kinds.is_empty()).then(|| (key.clone(), kinds))
            }
            _ => None,
        })
        .collect()
}

/// The linkage codes on a page: their keys. Parts left empty that were sealed before (the
/// respondent came back to the page) keep their sealed value, which never goes to the
/// browser; a declined code stays declined only when ticked again.
fn keep_sealed_parts(
    questions: &[&Question],
    draft: &RawAnswers,
    posted: &mut RawAnswers,
) -> Vec<String> {
    let mut keys = Vec::new();
    for q in questions {
        if q.kind.code_parts().is_none() {
            continue;
        }
        keys.push(q.key.clone());
        let sent = posted.entry(q.key.clone()).or_default();
        if sent.iter().any(|v| v == DECLINED) {
            continue;
        }
        let typed = |part: &str| {
            sent.iter().any(|v| {
                v.split_once('=')
                    .is_some_and(|(p, t)| p == part && !t.trim().is_empty())
            })
        };
        let before: Vec<String> = draft
            .get(&q.key)
            .into_iter()
            .flatten()
            .filter(|v| v.contains(&format!("={SEALED}")))
            .filter(|v| v.split_once('=').is_some_and(|(p, _)| !typed(p)))
            .cloned()
            .collect();
        sent.retain(|v| v.split_once('=').is_none_or(|(_, t)| !t.trim().is_empty()));
        sent.extend(before);
        if sent.is_empty() {
            posted.remove(&q.key);
        }
    }
    keys
}

/// Seals every linkage code among the answers with the project's key.
fn seal_codes(state: &AppState, project: crate::storage::ProjectId, answers: &mut Answers) {
    for answer in answers.values_mut() {
        if let Answer::Code(code) = answer {
            *code = state.linkage_key.seal(project, code.clone());
        }
    }
}

/// The answers of the pages before `page` (1-based), which conditions on this page may use.
fn earlier_answers(pages: &[Vec<&Question>], page: usize, all: &RawAnswers) -> RawAnswers {
    pages[..page - 1]
        .iter()
        .flatten()
        .filter_map(|q| all.get(&q.key).map(|v| (q.key.clone(), v.clone())))
        .collect()
}

fn error_text(tr: &Tr, error: &FieldError) -> String {
    match error {
        FieldError::ChooseOne => t!(tr, "respondent-error-choose"),
        FieldError::WriteSomething => t!(tr, "respondent-error-write"),
        FieldError::TooLong { max } => t!(tr, "respondent-error-too-long", max = max.to_string()),
        FieldError::Code(CodeProblem::Incomplete) => t!(tr, "respondent-error-code-incomplete"),
        FieldError::Code(CodeProblem::NotALetter) => t!(tr, "respondent-error-code-letter"),
    }
}

/// The questions a page shows (a question whose condition rests on an earlier page is
/// settled already: shown or not), as respondents see them with `values` and `errors`.
fn page_items<'q>(
    tr: &Tr,
    s: &'q Session,
    page: usize,
    values: &RawAnswers,
    errors: &std::collections::BTreeMap<String, FieldError>,
) -> (Vec<&'q Question>, RawAnswers, Vec<QuestionItem>) {
    let audience: Audience = s.link.audience;
    let pages = s.questionnaire.pages(audience);
    let all: Vec<&Question> = pages.iter().flatten().copied().collect();
    let earlier = earlier_answers(&pages, page, &s.draft.answers);
    let on_page = &pages[page - 1];
    let shown: Vec<&Question> = on_page
        .iter()
        .copied()
        .filter(|q| {
            let depends_on_page = q
                .show_if
                .as_ref()
                .is_some_and(|c| on_page.iter().any(|p| p.key == c.question));
            depends_on_page || is_visible(q, &earlier)
        })
        .collect();

    let items: Vec<QuestionItem> = shown
        .iter()
        .map(|q| {
            let number = all.iter().position(|a| a.key == q.key).unwrap_or(0) + 1;
            let item_values = values.get(&q.key).cloned().unwrap_or_default();
            let condition_note = q
                .show_if
                .as_ref()
                .filter(|c| on_page.iter().any(|p| p.key == c.question))
                .map(|c| {
                    let source_number =
                        all.iter().position(|a| a.key == c.question).unwrap_or(0) + 1;
                    let source_kind = &s
                        .questionnaire
                        .question(&c.question)
                        .map(|s| s.kind.clone())
                        .unwrap_or(QuestionKind::YesNo);
                    t!(
                        tr,
                        "respondent-condition-note",
                        number = source_number,
                        answer = answer_label(tr, source_kind, &c.equals)
                    )
                });
            QuestionItem::build(
                tr,
                q,
                audience,
                (number, all.len()),
                item_values,
                errors.get(&q.key).map(|e| error_text(tr, e)),
                condition_note,
            )
        })
        .collect();
    (shown, earlier, items)
}

async fn question_page(
    r: &Respondent,
    s: &Session,
    page: usize,
    values: &RawAnswers,
    errors: &std::collections::BTreeMap<String, FieldError>,
    status: StatusCode,
    notice: Option<String>,
) -> Response {
    let tr = &r.tr;
    let (shown, earlier, mut items) = page_items(tr, s, page, values, errors);
    // Read aloud: a sound per question (a person's recording where one reads the words
    // shown), and one for the whole page when it has more.
    let recorded = match current_recordings(r, s).await {
        Ok(recorded) => recorded,
        Err(e) => return r.error(e.into()).await,
    };
    let base = format!("/{}/{}/{page}/luister", s.link.code, s.draft.token);
    let voice = r.voice();
    let listen_page = voice.filter(|_| items.len() > 1).map(|voice| {
        let hash = Speech::hash(voice, &spoken_page(&items));
        format!("{base}/{WHOLE_PAGE}/{hash}")
    });
    for item in &mut items {
        item.listen =
            listen_hash(&recorded, voice, item).map(|hash| format!("{base}/{}/{hash}", item.key));
    }
    let helper_texts = HelperTexts {
        choose_one: t!(tr, "respondent-error-choose"),
        write_something: t!(tr, "respondent-error-write"),
        too_long: t!(tr, "respondent-error-too-long", max = "{max}"),
        counter: t!(tr, "respondent-counter", count = "{count}", max = "{max}"),
        summary: t!(tr, "respondent-error-summary"),
    };
    let progress = t!(tr, "respondent-progress", page = page, pages = s.page_count);
    let view = QuestionPageView {
        project: s.link.project_name.clone(),
        title: s.questionnaire.title.clone(),
        progress: progress.clone(),
        page,
        pages: s.page_count,
        action: format!("/{}/{}/{page}", s.link.code, s.draft.token),
        items,
        has_back: page > 1,
        is_last: page == s.page_count,
        notice,
        languages: r.languages(),
        listen_page,
        // A code is checked on the server only: parts kept before are not in the page.
        helper_questions: shown
            .iter()
            .filter(|q| q.kind.code_parts().is_none())
            .map(|q| (*q).clone())
            .collect(),
        helper_earlier: earlier,
        helper_texts,
    };
    let mut title = format!(
        "{} – {progress} – {}",
        s.questionnaire.title,
        t!(tr, "site-name")
    );
    if !errors.is_empty() {
        title = format!("{} {title}", t!(tr, "respondent-error-title-prefix"));
    }
    r.page(
        status,
        title,
        true,
        move || view! { <QuestionPage page=view.clone() /> },
    )
    .await
}

/// The part of a listening link that reads every question of the page (no question key
/// starts with `_`).
const WHOLE_PAGE: &str = "_pagina";

/// How a listening link's hash starts when it names a person's recording (by its SHA-256)
/// instead of the synthetic voice's words (hex digits only).
const RECORDED: &str = "opname-";

/// The recordings of the page's questionnaire in the respondent's language and audience
/// that read the words as they are now, by question key.
async fn current_recordings(
    r: &Respondent,
    s: &Session,
) -> Result<std::collections::BTreeMap<String, String>, crate::storage::StorageError> {
    let recorded = r
        .state
        .db
        .recordings(s.link.questionnaire_id, r.tr.code(), Some(s.link.audience))
        .await?;
    Ok(recorded
        .into_iter()
        .filter(|rec| {
            script(&s.questionnaire, &rec.question, s.link.audience)
                .is_some_and(|lines| script_fingerprint(&lines) == rec.script_fingerprint)
        })
        .map(|rec| (rec.question, rec.sha))
        .collect())
}

/// What a question's listening link names: its current recording, else the synthetic
/// voice's words; none when neither can be heard.
fn listen_hash(
    recorded: &std::collections::BTreeMap<String, String>,
    voice: Option<&str>,
    item: &QuestionItem,
) -> Option<String> {
    match recorded.get(&item.key) {
        Some(sha) => Some(format!("{RECORDED}{sha}")),
        None => voice.map(|voice| Speech::hash(voice, &item.spoken())),
    }
}

fn reading_of<'a>(r: &'a Respondent, s: &'a Session, question: &'a str) -> ReadingOf<'a> {
    ReadingOf {
        questionnaire_id: s.link.questionnaire_id,
        question,
        audience: s.link.audience,
        language: r.tr.code(),
    }
}

/// `GET /{code}/{token}/{page}/luister/{part}/{hash}`: a question of the page (or the whole
/// page) read aloud in the draft's language. The hash names what is said; a link made for
/// other words (the language switched, the questionnaire changed) is sent on to the sound
/// of the words the page shows now.
pub async fn read_aloud(
    State(state): State<AppState>,
    Path((code, token, page, part, hash)): Path<(String, String, usize, String, String)>,
    headers: HeaderMap,
) -> Response {
    let mut s = match session(&state, &code, &token, page).await {
        Ok(Lookup::Found(s)) => s,
        Ok(Lookup::Submitted(_)) | Err(PageError::Expired(_)) | Err(PageError::NotFound) => {
            return StatusCode::NOT_FOUND.into_response();
        }
        Err(e) => return e.status().into_response(),
    };
    let r = Respondent::new(&state, Some(&s.draft.language), String::new()).offering(
        &s.questionnaire,
        s.link.audience,
        s.link.address,
    );
    s.questionnaire = s.questionnaire.in_language(r.tr.code());
    let (_, _, items) = page_items(&r.tr, &s, page, &s.draft.answers, &Default::default());
    let recorded = match current_recordings(&r, &s).await {
        Ok(recorded) => recorded,
        Err(e) => return PageError::from(e).status().into_response(),
    };
    let voice = r.voice();
    let (text, current) = if part == WHOLE_PAGE && items.len() > 1 {
        let text = spoken_page(&items);
        let hash = voice.map(|voice| Speech::hash(voice, &text));
        (text, hash)
    } else {
        match items.iter().find(|i| i.key == part) {
            Some(item) => (item.spoken(), listen_hash(&recorded, voice, item)),
            None => return StatusCode::NOT_FOUND.into_response(),
        }
    };
    let Some(current) = current else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if current != hash {
        let to = format!(
            "/{}/{}/{page}/luister/{part}/{current}",
            s.link.code, s.draft.token
        );
        return Redirect::temporary(&to).into_response();
    }
    if let Some(sha) = current.strip_prefix(RECORDED) {
        let of = reading_of(&r, &s, &part);
        return match state.db.recording(of).await {
            Ok(Some((_, sound))) if sound.sha == sha => {
                speech::respond(sound.bytes, &sound.content_type, &headers)
            }
            // Replaced or removed since this request began: the page's link is stale.
            Ok(_) => StatusCode::NOT_FOUND.into_response(),
            Err(e) => PageError::from(e).status().into_response(),
        };
    }
    let Some(voice) = voice else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.speech.sound(&state.db, voice, &text).await {
        Ok(sound) => speech::respond(sound, "audio/ogg", &headers),
        Err(SpeechError::Off) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Err(error) => {
            tracing::error!(%error, "reading a question aloud failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /{code}/bedankt`: the thank-you page. It shows nothing about the answers.
pub async fn thanks(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let r = Respondent::new(&state, q.lang.as_deref(), format!("/{code}/bedankt"));
    let (r, project) = match InvitationCode::parse(&code).ok() {
        Some(code) => match state.db.find_link(&code).await {
            Ok(Some(link)) => (r.addressing(link.address), link.project_name),
            Ok(None) => return r.error(PageError::NotFound).await,
            Err(e) => return r.error(e.into()).await,
        },
        None => return r.error(PageError::NotFound).await,
    };
    let tr = &r.tr;
    r.message(
        StatusCode::OK,
        project,
        t!(tr, "respondent-thanks-title"),
        vec![
            t!(tr, "respondent-thanks-body"),
            t!(tr, "respondent-thanks-next"),
        ],
        None,
    )
    .await
}

/// Anything else: the friendly "this link does not work" page.
pub async fn not_found(State(state): State<AppState>) -> Response {
    Respondent::new(&state, None, "/".into())
        .error(PageError::NotFound)
        .await
}
