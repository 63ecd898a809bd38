//! The first start: the page through which the first administrator is made.

use super::{ErrorSummary, ResearcherFrame};
use crate::i18n::Tr;
use crate::t;
use leptos::prelude::*;

/// The form as sent back: the e-mail address kept (never a password) and the problems.
#[derive(Debug, Clone, Default)]
pub struct FirstRunView {
    pub action: String,
    pub email: String,
    pub problems: Vec<String>,
}

#[component]
pub fn FirstRunPage(page: FirstRunView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let invalid = (!page.problems.is_empty()).then_some("true");
    view! {
        <ResearcherFrame email=None is_admin=false csrf=String::new()>
            <h1>{t!(tr, "first-run-title")}</h1>
            <p>{t!(tr, "first-run-intro")}</p>
            <ErrorSummary problems=page.problems />
            <form method="post" action=page.action class="stacked">
                <div class="question">
                    <label for="email" class="question-label">{t!(tr, "researcher-login-email")}</label>
                    <input type="email" id="email" name="email" autocomplete="username" value=page.email aria-invalid=invalid />
                </div>
                <div class="question">
                    <label for="password" class="question-label">{t!(tr, "researcher-account-password")}</label>
                    <input type="password" id="password" name="password" autocomplete="new-password" aria-invalid=invalid />
                </div>
                <div class="question">
                    <label for="again" class="question-label">{t!(tr, "first-run-again")}</label>
                    <input type="password" id="again" name="again" autocomplete="new-password" aria-invalid=invalid />
                </div>
                <button type="submit" class="primary">{t!(tr, "first-run-submit")}</button>
            </form>
        </ResearcherFrame>
    }
}
