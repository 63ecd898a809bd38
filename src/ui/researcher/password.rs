//! Changing one's own password.

use super::{CsrfField, Field, ResearcherFrame, Viewer};
use crate::i18n::Tr;
use crate::t;
use leptos::prelude::*;

#[derive(Debug, Clone)]
pub struct PasswordView {
    pub viewer: Viewer,
    pub error: Option<String>,
    pub done: bool,
}

#[component]
pub fn PasswordPage(page: PasswordView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <h1>{t!(tr, "researcher-password-title")}</h1>
            {page.done.then(|| view! { <p class="notice" role="status">{t!(tr, "researcher-password-changed")}</p> })}
            {page
                .error
                .clone()
                .map(|e| {
                    view! {
                        <div class="error-summary" id="error-summary" tabindex="-1" autofocus=true>
                            <p class="field-error">{e}</p>
                        </div>
                    }
                })}
            <form method="post" action="/beheer/wachtwoord" class="stacked">
                <CsrfField token=page.viewer.csrf.clone() />
                <input type="text" name="username" autocomplete="username" value=page.viewer.email.clone() hidden=true />
                <Field id="current".into() name="current".into() label=t!(tr, "researcher-password-current") kind="password" />
                <Field id="new".into() name="new".into() label=t!(tr, "researcher-password-new") kind="password" />
                <button type="submit" class="primary">{t!(tr, "researcher-password-submit")}</button>
            </form>
            <h2>{t!(tr, "researcher-logout-everywhere-title")}</h2>
            <p>{t!(tr, "researcher-logout-everywhere-text")}</p>
            <form method="post" action="/beheer/uitloggen/overal">
                <CsrfField token=page.viewer.csrf.clone() />
                <button type="submit">{t!(tr, "researcher-logout-everywhere")}</button>
            </form>
        </ResearcherFrame>
    }
}
