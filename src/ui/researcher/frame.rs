//! Header with navigation and logout around every researcher page.

use crate::i18n::Tr;
use crate::t;
use leptos::prelude::*;

/// The hidden CSRF field every researcher form carries.
#[component]
pub fn CsrfField(token: String) -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=token /> }
}

#[component]
pub fn ResearcherFrame(
    /// The logged-in account, or none on the login page.
    email: Option<String>,
    is_admin: bool,
    csrf: String,
    children: Children,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <a class="skip-link" href="#main">{t!(tr, "respondent-skip-link")}</a>
        <header class="site-header researcher">
            <p class="project-name">
                <a href="/beheer">{t!(tr, "researcher-site")}</a>
            </p>
            {email
                .map(|email| {
                    view! {
                        <nav aria-label=t!(tr, "researcher-nav")>
                            <ul class="menu">
                                <li>
                                    <a href="/beheer">{t!(tr, "researcher-nav-projects")}</a>
                                </li>
                                <li>
                                    <a href="/beheer/wachtwoord">{t!(tr, "researcher-nav-password")}</a>
                                </li>
                                {is_admin
                                    .then(|| {
                                        view! {
                                            <li>
                                                <a href="/beheer/accounts">{t!(tr, "researcher-nav-accounts")}</a>
                                            </li>
                                        }
                                    })}
                            </ul>
                        </nav>
                        <form method="post" action="/beheer/uitloggen" class="logout">
                            <CsrfField token=csrf />
                            <span>{t!(tr, "researcher-logged-in-as", email = email)}</span>
                            " "
                            <button type="submit" class="secondary">{t!(tr, "researcher-logout")}</button>
                        </form>
                    }
                })}
        </header>
        <main id="main" tabindex="-1" class="wide">{children()}</main>
    }
}

/// What went wrong with a researcher's form, listed above it; the browser moves focus here.
/// Renders nothing when there is nothing to say.
#[component]
pub fn ErrorSummary(problems: Vec<String>) -> impl IntoView {
    let tr = expect_context::<Tr>();
    (!problems.is_empty()).then(|| {
        view! {
            <div class="error-summary" id="error-summary" tabindex="-1" autofocus=true>
                <h2>{t!(tr, "researcher-error-summary")}</h2>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        }
    })
}
