//! The coding queue: uncoded answers to one open question, one after another.

use super::{CsrfField, ResearcherFrame, Viewer};
use crate::i18n::Tr;
use crate::storage::{ProjectSummary, QueueItem};
use crate::t;
use crate::ui::islands::QueueKeys;
use leptos::prelude::*;

#[derive(Debug, Clone)]
pub struct QueueView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    /// ("questionnaire/question", "title: question text") of every open question.
    pub questions: Vec<(String, String)>,
    pub selected: String,
    pub item: Option<QueueItem>,
    pub codes: Vec<(i64, String)>,
}

#[component]
pub fn QueuePage(page: QueueView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let base = format!("/beheer/projecten/{}/codeboek/wachtrij", page.project.key);
    let chosen = !page.selected.is_empty();
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{}/codeboek", page.project.key)>{t!(tr, "researcher-codebook")}</a>
            </p>
            <h1>{t!(tr, "researcher-queue")}</h1>
            <form method="get" action=base.clone() class="apply-code">
                <label for="queue-question">{t!(tr, "researcher-queue-question")}</label>
                <select id="queue-question" name="vraag">
                    {page
                        .questions
                        .iter()
                        .map(|(value, label)| view! { <option value=value.clone() selected=*value == page.selected>{label.clone()}</option> })
                        .collect_view()}
                </select>
                <button type="submit" class="secondary">{t!(tr, "researcher-queue-choose")}</button>
            </form>
            {page.codes.is_empty().then(|| view! { <p>{t!(tr, "researcher-queue-no-codes")}</p> })}
            {match (chosen, page.item.clone()) {
                (false, _) => ().into_any(),
                (true, None) => view! { <p role="status">{t!(tr, "researcher-queue-done")}</p> }.into_any(),
                (true, Some(item)) => {
                    let skip = format!("{base}?vraag={}&na={}", page.selected, item.response_id);
                    view! {
                        <p role="status">{t!(tr, "researcher-queue-remaining", count = item.remaining)}</p>
                        <blockquote class="queue-answer">{item.text.clone()}</blockquote>
                        <form method="post" action=base.clone() id="queue-form">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <input type="hidden" name="vraag" value=page.selected.clone() />
                            <input type="hidden" name="response" value=item.response_id.to_string() />
                            <fieldset>
                                <legend>{t!(tr, "researcher-queue-codes")}</legend>
                                <p class="hint" id="queue-keys">{t!(tr, "researcher-queue-keys")}</p>
                                <div class="options">
                                    {page
                                        .codes
                                        .iter()
                                        .enumerate()
                                        .map(|(i, (id, name))| {
                                            let field = format!("queue-code-{id}");
                                            let label = if i < 9 { format!("{} · {name}", i + 1) } else { name.clone() };
                                            view! {
                                                <div class="option">
                                                    <input type="checkbox" id=field.clone() name="code" value=id.to_string() data-shortcut=(i + 1).to_string() autofocus=i == 0 />
                                                    <label for=field>{label}</label>
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            </fieldset>
                            <div class="buttons">
                                <button type="submit" class="primary">{t!(tr, "researcher-queue-save")}</button>
                                <a class="button secondary" href=skip.clone() id="queue-skip">{t!(tr, "researcher-queue-skip")}</a>
                            </div>
                        </form>
                        <QueueKeys />
                    }
                        .into_any()
                }
            }}
        </ResearcherFrame>
    }
}
