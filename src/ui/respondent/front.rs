//! The front page: what Samenspraak is, a field for the code on a flyer, and the way to the
//! workspace for researchers.

use super::{LanguageLink, RespondentFrame};
use crate::i18n::Tr;
use crate::t;
use leptos::prelude::*;

/// What the front page shows: the code as typed and, when it led nowhere, why.
#[derive(Debug, Clone)]
pub struct FrontView {
    pub code: String,
    pub error: Option<String>,
    pub languages: Vec<LanguageLink>,
}

#[component]
pub fn FrontPage(page: FrontView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let invalid = page.error.as_ref().map(|_| "true");
    let class = if page.error.is_some() {
        "question has-error"
    } else {
        "question"
    };
    view! {
        <RespondentFrame project=t!(tr, "site-name") languages=page.languages>
            <h1>{t!(tr, "front-title")}</h1>
            <p>{t!(tr, "front-what")}</p>
            <p>{t!(tr, "front-anonymous")}</p>
            <form method="get" action="/" class="code-form">
                <input type="hidden" name="lang" value=tr.code().to_owned() />
                <div class=class>
                    <label for="code" class="question-label">{t!(tr, "front-code-label")}</label>
                    <p id="code-hint" class="hint">{t!(tr, "front-code-hint")}</p>
                    <p id="code-error" class="field-error" hidden=page.error.is_none()>
                        {page.error.clone()}
                    </p>
                    <input
                        type="text"
                        id="code"
                        name="code"
                        value=page.code
                        maxlength="40"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby="code-hint code-error"
                        aria-invalid=invalid
                    />
                </div>
                <button type="submit" class="primary">{t!(tr, "front-code-go")}</button>
            </form>
            <h2>{t!(tr, "front-researchers")}</h2>
            <p>
                <a href="/beheer">{t!(tr, "front-workspace")}</a>
            </p>
        </RespondentFrame>
    }
}
