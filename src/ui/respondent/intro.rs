//! The introduction: what the questionnaire is for, that it is anonymous and voluntary, and
//! how long it takes.

use super::{LanguageLink, RespondentFrame};
use crate::i18n::Tr;
use crate::t;
use leptos::prelude::*;

/// Everything the introduction shows.
#[derive(Debug, Clone)]
pub struct IntroView {
    pub project: String,
    pub title: String,
    pub purpose: String,
    pub minutes: u32,
    pub questions: usize,
    pub group: Option<String>,
    pub action: String,
    pub languages: Vec<LanguageLink>,
}

#[component]
pub fn IntroPage(page: IntroView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <RespondentFrame project=page.project languages=page.languages>
            <h1>{page.title}</h1>
            <h2>{t!(tr, "respondent-intro-why")}</h2>
            <p class="purpose">{page.purpose}</p>
            <h2>{t!(tr, "respondent-intro-how")}</h2>
            <ul class="facts">
                <li>{t!(tr, "respondent-intro-anonymous")}</li>
                <li>{t!(tr, "respondent-intro-voluntary")}</li>
                <li>
                    {t!(
                        tr, "respondent-intro-duration", minutes = page.minutes, questions = page.questions
                    )}
                </li>
                {page.group.map(|group| view! { <li>{t!(tr, "respondent-intro-group", group = group)}</li> })}
            </ul>
            <form method="post" action=page.action class="start">
                <input type="hidden" name="lang" value=tr.code().to_owned() />
                <button type="submit" class="primary">{t!(tr, "respondent-start")}</button>
            </form>
        </RespondentFrame>
    }
}
