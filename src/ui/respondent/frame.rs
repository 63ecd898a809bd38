//! Header, language switch and footer around every respondent page.

use crate::i18n::Tr;
use crate::t;
use leptos::prelude::*;

/// A link to the same page in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageLink {
    pub code: String,
    pub name: String,
    pub href: String,
    pub current: bool,
}

#[component]
pub fn RespondentFrame(
    /// Shown above the page title: whose questionnaire this is.
    project: String,
    languages: Vec<LanguageLink>,
    children: Children,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <a class="skip-link" href="#main">{t!(tr, "respondent-skip-link")}</a>
        <header class="site-header">
            // A Dutch name keeps its own direction inside a right-to-left page.
            <p class="project-name">
                <bdi>{project}</bdi>
            </p>
            <nav class="languages" aria-label=t!(tr, "respondent-language-nav")>
                <ul>
                    {languages
                        .into_iter()
                        .map(|l| {
                            view! {
                                <li>
                                    <a
                                        href=l.href
                                        lang=l.code.clone()
                                        hreflang=l.code
                                        aria-current=l.current.then_some("true")
                                    >
                                        {l.name}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t!(tr, "respondent-footer")}</p>
        </footer>
    }
}
