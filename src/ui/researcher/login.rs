//! The login page.

use super::ResearcherFrame;
use crate::i18n::Tr;
use crate::t;
use leptos::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct LoginView {
    pub email: String,
    pub error: Option<String>,
}

#[component]
pub fn LoginPage(page: LoginView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let has_error = page.error.is_some();
    view! {
        <ResearcherFrame email=None is_admin=false csrf=String::new()>
            <h1>{t!(tr, "researcher-login-title")}</h1>
            {page
                .error
                .map(|e| {
                    view! {
                        <div class="error-summary" id="error-summary" tabindex="-1" autofocus=has_error>
                            <p class="field-error" id="login-error">{e}</p>
                        </div>
                    }
                })}
            <form method="post" action="/beheer/inloggen" class="stacked">
                <div class="question">
                    <label for="email" class="question-label">{t!(tr, "researcher-login-email")}</label>
                    <input
                        type="email"
                        id="email"
                        name="email"
                        autocomplete="username"
                        value=page.email
                        aria-describedby=has_error.then_some("login-error")
                        aria-invalid=has_error.then_some("true")
                    />
                </div>
                <div class="question">
                    <label for="password" class="question-label">{t!(tr, "researcher-login-password")}</label>
                    <input
                        type="password"
                        id="password"
                        name="password"
                        autocomplete="current-password"
                        aria-invalid=has_error.then_some("true")
                    />
                </div>
                <button type="submit" class="primary">{t!(tr, "researcher-login-submit")}</button>
            </form>
        </ResearcherFrame>
    }
}
