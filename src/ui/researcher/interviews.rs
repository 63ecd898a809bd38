//! Conversations with young people and parents: the list, starting one, and recording it on
//! a tablet — the guide's questions with notes, quotes and closed answers on one page.

use super::{CsrfField, ErrorSummary, Field, ResearcherFrame, Viewer, audience_name};
use crate::domain::Audience;
use crate::i18n::Tr;
use crate::storage::{Interview, ProjectSummary};
use crate::t;
use crate::ui::islands::InterviewDraft;
use crate::ui::respondent::{QuestionBlock, QuestionItem};
use leptos::prelude::*;

#[derive(Debug, Clone)]
pub struct InterviewsView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    pub interviews: Vec<Interview>,
    /// (key, title) of questionnaires and (key, name) of rounds.
    pub questionnaires: Vec<(String, String)>,
    pub waves: Vec<(String, String)>,
    /// (code, own name) of the languages a conversation can be held in, Dutch first.
    pub languages: Vec<(String, String)>,
    pub can_edit: bool,
    pub problems: Vec<String>,
}

#[component]
pub fn InterviewsPage(page: InterviewsView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let base = format!("/beheer/projecten/{}/gesprekken", page.project.key);
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{}", page.project.key)>{page.project.name.clone()}</a>
            </p>
            <h1>{t!(tr, "researcher-interviews")}</h1>
            <ErrorSummary problems=page.problems.clone() />
            {page.interviews.is_empty().then(|| view! { <p>{t!(tr, "researcher-interview-none")}</p> })}
            <ul class="project-list">
                {page
                    .interviews
                    .iter()
                    .map(|i| {
                        let setting = if i.group {
                            t!(tr, "researcher-interview-group", size = i.group_size)
                        } else {
                            t!(tr, "researcher-interview-individual")
                        };
                        view! {
                            <li>
                                <a href=format!("{base}/{}", i.id)>{format!("{} – {}", i.held_on, i.label)}</a>
                                {format!(" ({}, {setting}, {})", audience_name(&tr, i.audience), i.wave)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {page
                .can_edit
                .then(|| {
                    view! {
                        <h2>{t!(tr, "researcher-interview-new")}</h2>
                        <form method="post" action=base.clone() class="stacked">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <Field id="interview-label".into() name="label".into() label=t!(tr, "researcher-interview-label") />
                            <div class="question">
                                <label for="interview-audience" class="question-label">{t!(tr, "researcher-audience")}</label>
                                <select id="interview-audience" name="audience">
                                    {[Audience::Youth, Audience::Parent]
                                        .into_iter()
                                        .map(|a| view! { <option value=a.as_str()>{audience_name(&tr, a)}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                            <Field id="interview-size".into() name="size".into() label=t!(tr, "researcher-interview-size") value="1".into() kind="number" />
                            <Field id="interview-date".into() name="held_on".into() label=t!(tr, "researcher-meeting-date") kind="date" />
                            <div class="question">
                                <label for="interview-wave" class="question-label">{t!(tr, "researcher-wave")}</label>
                                <select id="interview-wave" name="wave">
                                    {page.waves.iter().map(|(k, n)| view! { <option value=k.clone()>{n.clone()}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="question">
                                <label for="interview-guide" class="question-label">{t!(tr, "researcher-interview-guide")}</label>
                                <select id="interview-guide" name="questionnaire">
                                    {page.questionnaires.iter().map(|(k, n)| view! { <option value=k.clone()>{n.clone()}</option> }).collect_view()}
                                    <option value="">{t!(tr, "researcher-interview-themes")}</option>
                                </select>
                            </div>
                            <div class="question">
                                <label for="interview-language" class="question-label">{t!(tr, "researcher-interview-language")}</label>
                                <select id="interview-language" name="language">
                                    {page
                                        .languages
                                        .iter()
                                        .map(|(code, name)| view! { <option value=code.clone() lang=code.clone()>{name.clone()}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="primary">{t!(tr, "researcher-interview-start")}</button>
                        </form>
                    }
                })}
        </ResearcherFrame>
    }
}

/// One question of the guide during the conversation.
#[derive(Debug, Clone)]
pub struct GuideItem {
    pub key: String,
    /// The closed question as the audience would see it (none for open questions).
    pub closed: Option<QuestionItem>,
    /// The question text, for open questions.
    pub text: String,
    pub notes: String,
    pub quotes: String,
    pub flag: Option<String>,
    /// The quotes, one per line, to choose from when coding.
    pub quote_lines: Vec<String>,
    /// Codes on quotes: (quote, code).
    pub codes: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct InterviewView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    pub interview: Interview,
    pub items: Vec<GuideItem>,
    pub general: GuideItem,
    pub code_options: Vec<(i64, String)>,
    pub saved: bool,
}

#[component]
pub fn InterviewPage(page: InterviewView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let base = format!("/beheer/projecten/{}/gesprekken", page.project.key);
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=base.clone()>{t!(tr, "researcher-interviews")}</a>
            </p>
            <h1>{format!("{} – {}", page.interview.held_on, page.interview.label)}</h1>
            <p class="hint">{t!(tr, "researcher-interview-names")}</p>
            <p class="notice" id="draft-status" role="status">{page.saved.then(|| t!(tr, "researcher-interview-saved"))}</p>
            <form method="post" action=format!("{base}/{}", page.interview.id) id="interview-form" class="wide-form">
                <CsrfField token=page.viewer.csrf.clone() />
                {page
                    .items
                    .into_iter()
                    .chain(std::iter::once(page.general.clone()))
                    .map(|item| view! { <GuidePart item base=format!("{base}/{}", page.interview.id) options=page.code_options.clone() /> })
                    .collect_view()}
                <div class="buttons">
                    <button type="submit" class="primary">{t!(tr, "researcher-interview-save")}</button>
                </div>
            </form>
            <InterviewDraft
                storage_key=format!("samenspraak-gesprek-{}", page.interview.id)
                restored=t!(tr, "researcher-interview-restored")
                autosaved=t!(tr, "researcher-interview-autosaved")
                just_saved=page.saved
            />
        </ResearcherFrame>
    }
}

/// One part of the guide: the question (or theme), its closed answer, notes and quotes, any
/// personal-data warning and the codes on its quotes. Its buttons post the whole form to
/// another address (`formaction`), so nothing typed is lost.
#[component]
fn GuidePart(item: GuideItem, base: String, options: Vec<(i64, String)>) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let key = item.key.clone();
    let can_code = !options.is_empty() && !item.quote_lines.is_empty();
    view! {
        <section class="guide-item" aria-labelledby=format!("guide-{key}")>
            <h2 id=format!("guide-{key}")>{item.text.clone()}</h2>
            {item.closed.map(|closed| view! { <QuestionBlock item=closed /> })}
            {item
                .flag
                .map(|f| {
                    view! {
                        <p class="warning">{f}</p>
                        <div class="move">
                            <button type="submit" class="secondary" formaction=format!("{base}/gegevens/{key}/weglaten")>
                                {t!(tr, "researcher-flag-redact")}
                            </button>
                            <button type="submit" class="secondary" formaction=format!("{base}/gegevens/{key}/in-orde")>
                                {t!(tr, "researcher-flag-keep")}
                            </button>
                        </div>
                    }
                })}
            <div class="side-by-side">
                <Field id=format!("notes-{key}") name=format!("notes.{key}") label=t!(tr, "researcher-interview-notes") value=item.notes multiline=true />
                <Field id=format!("quotes-{key}") name=format!("quotes.{key}") label=t!(tr, "researcher-interview-quotes") value=item.quotes multiline=true />
            </div>
            {(!item.codes.is_empty())
                .then(|| {
                    view! {
                        <ul class="codes">
                            {item.codes.into_iter().map(|(quote, code)| view! { <li>{format!("{code}: “{quote}”")}</li> }).collect_view()}
                        </ul>
                    }
                })}
            {can_code
                .then(|| {
                    view! {
                        <div class="apply-code">
                            <label for=format!("quote-{key}")>{t!(tr, "researcher-interview-quotes")}</label>
                            <select id=format!("quote-{key}") name=format!("quote.{key}")>
                                {item.quote_lines.iter().map(|q| view! { <option value=q.clone()>{q.clone()}</option> }).collect_view()}
                            </select>
                            <label for=format!("code-{key}")>{t!(tr, "researcher-code")}</label>
                            <select id=format!("code-{key}") name=format!("code.{key}")>
                                {options.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                            </select>
                            <button type="submit" class="secondary" formaction=format!("{base}/citaten/{key}/codes")>
                                {t!(tr, "researcher-code-apply")}
                            </button>
                        </div>
                    }
                })}
        </section>
    }
}
