//! The page of a refused or failed workspace request.

use super::ResearcherFrame;
use crate::i18n::Tr;
use crate::t;
use leptos::prelude::*;

#[component]
pub fn ErrorPage(title: String, text: String) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <ResearcherFrame email=None is_admin=false csrf=String::new()>
            <h1>{title}</h1>
            <p>{text}</p>
            <p>
                <a href="/beheer">{t!(tr, "workspace-error-home")}</a>
            </p>
        </ResearcherFrame>
    }
}
