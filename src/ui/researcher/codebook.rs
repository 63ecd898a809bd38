//! The codebook of a project: codes in two levels with how often they are used (for those
//! who may read the answers); add, rename, merge, delete.

use super::{CsrfField, ErrorSummary, Field, ResearcherFrame, Viewer};
use crate::domain::Theme;
use crate::i18n::Tr;
use crate::storage::{Code, ProjectSummary};
use crate::t;
use leptos::prelude::*;

#[derive(Debug, Clone)]
pub struct CodebookView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    pub codes: Vec<Code>,
    pub themes: Vec<Theme>,
    pub can_edit: bool,
    pub errors: Vec<String>,
}

#[component]
pub fn CodebookPage(page: CodebookView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let base = format!("/beheer/projecten/{}/codeboek", page.project.key);
    let csrf = page.viewer.csrf.clone();
    let tops: Vec<(i64, String)> = page
        .codes
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| (c.id, c.name.clone()))
        .collect();
    let all: Vec<(i64, String)> = page.codes.iter().map(|c| (c.id, c.name.clone())).collect();
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{}", page.project.key)>{page.project.name.clone()}</a>
            </p>
            <h1>{t!(tr, "researcher-codebook")}</h1>
            {page
                .can_edit
                .then(|| view! { <p><a href=format!("{base}/wachtrij")>{t!(tr, "researcher-queue-link")}</a></p> })}
            <ErrorSummary problems=page.errors.clone() />
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(tr, "researcher-code")}</th>
                        <th scope="col">{t!(tr, "researcher-code-description")}</th>
                        // How often a code is used counts people's answers: only those who may read
                        // the answers see it; viewers see counts in the comparison, protected there.
                        {page.can_edit.then(|| view! { <th scope="col">{t!(tr, "researcher-code-used")}</th> })}
                        {page.can_edit.then(|| view! { <th scope="col">{t!(tr, "researcher-actions")}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {page
                        .codes
                        .iter()
                        .map(|code| {
                            let indent = if code.parent_id.is_some() { "child-code" } else { "" };
                            let others: Vec<(i64, String)> = all.iter().filter(|(id, _)| *id != code.id).cloned().collect();
                            view! {
                                <tr>
                                    <td class=indent>{code.name.clone()}</td>
                                    <td>{code.description.clone()}</td>
                                    {page.can_edit.then(|| view! { <td>{code.applications.unwrap_or_default()}</td> })}
                                    {page.can_edit.then(|| view! { <CodeActions code=code.clone() others base=base.clone() csrf=csrf.clone() /> })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {page
                .can_edit
                .then(|| {
                    view! {
                        <h2>{t!(tr, "researcher-code-add")}</h2>
                        <form method="post" action=base.clone() class="stacked">
                            <CsrfField token=csrf.clone() />
                            <Field id="code-name".into() name="name".into() label=t!(tr, "researcher-code-name") />
                            <Field id="code-description".into() name="description".into() label=t!(tr, "researcher-code-description") multiline=true />
                            <div class="question">
                                <label for="code-parent" class="question-label">{t!(tr, "researcher-code-parent")}</label>
                                <select id="code-parent" name="parent">
                                    <option value="">{t!(tr, "researcher-code-parent-none")}</option>
                                    {tops.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="question">
                                <label for="code-theme" class="question-label">{t!(tr, "researcher-code-theme")}</label>
                                <select id="code-theme" name="theme">
                                    <option value="">{t!(tr, "researcher-code-theme-none")}</option>
                                    {page.themes.iter().map(|th| view! { <option value=th.key.clone()>{th.title.clone()}</option> }).collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="primary">{t!(tr, "researcher-code-add")}</button>
                        </form>
                    }
                })}
        </ResearcherFrame>
    }
}

#[component]
fn CodeActions(
    code: Code,
    others: Vec<(i64, String)>,
    base: String,
    csrf: String,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let url = format!("{base}/{}", code.id);
    let merge_id = format!("merge-{}", code.id);
    view! {
        <td class="actions">
            <form method="post" action=url.clone() class="inline-edit">
                <CsrfField token=csrf.clone() />
                <input type="text" name="name" value=code.name.clone() aria-label=format!("{}: {}", t!(tr, "researcher-code-name"), code.name) />
                <input type="hidden" name="description" value=code.description.clone() />
                <button type="submit" class="secondary" aria-label=format!("{}: {}", t!(tr, "researcher-save"), code.name)>{t!(tr, "researcher-save")}</button>
            </form>
            <form method="post" action=format!("{url}/samenvoegen")>
                <CsrfField token=csrf.clone() />
                <label for=merge_id.clone()>{t!(tr, "researcher-code-merge")}</label>
                " "
                <select id=merge_id name="into">
                    {others.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
                " "
                <button type="submit" class="secondary" aria-label=format!("{}: {}", t!(tr, "researcher-code-merge-submit"), code.name)>
                    {t!(tr, "researcher-code-merge-submit")}
                </button>
            </form>
            <form method="post" action=format!("{url}/verwijderen")>
                <CsrfField token=csrf />
                <button type="submit" class="secondary" aria-label=format!("{}: {}", t!(tr, "researcher-code-delete"), code.name)>
                    {t!(tr, "researcher-code-delete")}
                </button>
            </form>
        </td>
    }
}
