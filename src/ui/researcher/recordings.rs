//! Recorded readings of a questionnaire in one language: per question and audience what a
//! recording reads, whether one is kept, and a form to send one from a phone.

use super::{CsrfField, ErrorSummary, ResearcherFrame, Viewer};
use crate::i18n::Tr;
use crate::t;
use leptos::prelude::*;

/// One question as one audience reads it.
#[derive(Debug, Clone)]
pub struct RecordingRow {
    pub question: String,
    /// `youth`, `parent` or `professional`.
    pub audience: String,
    /// E.g. "leeftijd (Ouders)".
    pub heading: String,
    /// What a recording reads: wording, help and options.
    pub lines: Vec<String>,
    /// What respondents hear now.
    pub status: String,
    /// The kept recording, to listen to.
    pub listen: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RecordingsView {
    pub viewer: Viewer,
    pub project_key: String,
    pub project_name: String,
    pub questionnaire_key: String,
    pub questionnaire_title: String,
    pub language: String,
    pub right_to_left: bool,
    pub title: String,
    pub rows: Vec<RecordingRow>,
    pub notice: Option<String>,
    pub problems: Vec<String>,
}

#[component]
pub fn RecordingsPage(page: RecordingsView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let editor = format!(
        "/beheer/projecten/{}/vragenlijsten/{}",
        page.project_key, page.questionnaire_key
    );
    let base = format!("{editor}/opnames/{}", page.language);
    let csrf = page.viewer.csrf.clone();
    let dir = if page.right_to_left { "rtl" } else { "ltr" };
    let language = page.language.clone();
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{}", page.project_key)>{page.project_name.clone()}</a>
                " › "
                <a href=format!("{editor}#voorlezen")>{page.questionnaire_title.clone()}</a>
            </p>
            <h1>{page.title.clone()}</h1>
            {page.notice.clone().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <p>{t!(tr, "researcher-recordings-intro")}</p>
            <ErrorSummary problems=page.problems.clone() />
            {page
                .rows
                .into_iter()
                .map(|row| {
                    let id = format!("opname-{}-{}", row.question, row.audience);
                    let file = format!("bestand-{}-{}", row.question, row.audience);
                    let status = format!("status-{}-{}", row.question, row.audience);
                    view! {
                        <section class="recording" id=id.clone() aria-labelledby=format!("{id}-kop")>
                            <h2 id=format!("{id}-kop")>{row.heading.clone()}</h2>
                            <p class="hint">{t!(tr, "researcher-recording-script")}</p>
                            <blockquote lang=language.clone() dir=dir>
                                {row.lines.iter().map(|l| view! { <p>{l.clone()}</p> }).collect_view()}
                            </blockquote>
                            <p id=status.clone()>{row.status.clone()}</p>
                            {row
                                .listen
                                .clone()
                                .map(|src| {
                                    let label = t!(tr, "researcher-recording-listen");
                                    let href = src.clone();
                                    view! {
                                        <audio controls preload="none" src=src aria-label=label.clone()>
                                            <a href=href>{label.clone()}</a>
                                        </audio>
                                    }
                                })}
                            <form method="post" action=base.clone() enctype="multipart/form-data" class="stacked">
                                <CsrfField token=csrf.clone() />
                                <input type="hidden" name="vraag" value=row.question.clone() />
                                <input type="hidden" name="voor" value=row.audience.clone() />
                                <div class="question">
                                    <label for=file.clone() class="question-label">{t!(tr, "researcher-recording-file")}</label>
                                    <input type="file" id=file name="opname" accept="audio/*" aria-describedby=status />
                                </div>
                                <button type="submit">{t!(tr, "researcher-recording-save")}</button>
                            </form>
                            {row
                                .listen
                                .is_some()
                                .then(|| {
                                    view! {
                                        <form method="post" action=format!("{base}/verwijderen")>
                                            <CsrfField token=csrf.clone() />
                                            <input type="hidden" name="vraag" value=row.question.clone() />
                                            <input type="hidden" name="voor" value=row.audience.clone() />
                                            <button type="submit">{t!(tr, "researcher-recording-delete")}</button>
                                        </form>
                                    }
                                })}
                        </section>
                    }
                })
                .collect_view()}
        </ResearcherFrame>
    }
}
