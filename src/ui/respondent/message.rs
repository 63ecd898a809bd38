//! A page with a heading, a short text and maybe one link: thanks, closed, not found.

use super::{LanguageLink, RespondentFrame};
use leptos::prelude::*;

#[derive(Debug, Clone)]
pub struct MessageView {
    pub project: String,
    pub title: String,
    pub paragraphs: Vec<String>,
    /// A way on: (href, text).
    pub link: Option<(String, String)>,
    pub languages: Vec<LanguageLink>,
}

#[component]
pub fn MessagePage(page: MessageView) -> impl IntoView {
    view! {
        <RespondentFrame project=page.project languages=page.languages>
            <h1>{page.title}</h1>
            {page.paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            {page.link.map(|(href, text)| view! { <p><a class="button" href=href>{text}</a></p> })}
        </RespondentFrame>
    }
}
