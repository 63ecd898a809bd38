//! Responses of a project: a filtered list and one response, for researchers and owners.

use super::{CsrfField, ResearcherFrame, Viewer, audience_name};
use crate::domain::Audience;
use crate::i18n::Tr;
use crate::storage::{ProjectSummary, ResponseRow};
use crate::t;
use leptos::prelude::*;

/// The filter as typed (kept in the form).
#[derive(Debug, Clone, Default)]
pub struct FilterValues {
    pub questionnaire: String,
    pub audience: String,
    pub wave: String,
    pub from: String,
    pub until: String,
}

#[derive(Debug, Clone)]
pub struct ResponsesView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    /// (key, title)
    pub questionnaires: Vec<(String, String)>,
    /// (key, name)
    pub waves: Vec<(String, String)>,
    pub filter: FilterValues,
    /// Rows with the questionnaire's title.
    pub rows: Vec<(ResponseRow, String)>,
    pub limit: usize,
}

#[component]
fn Choice(
    id: &'static str,
    label: String,
    options: Vec<(String, String)>,
    selected: String,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <div class="question">
            <label for=id class="question-label">{label}</label>
            <select id=id name=id>
                <option value="">{t!(tr, "researcher-filter-all")}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let chosen = value == selected;
                        view! { <option value=value selected=chosen>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn ResponsesPage(page: ResponsesView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let key = page.project.key.clone();
    let audiences = Audience::ALL
        .into_iter()
        .map(|a| (a.as_str().to_owned(), audience_name(&tr, a)))
        .collect();
    let full = page.rows.len() >= page.limit;
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{key}")>{page.project.name.clone()}</a>
            </p>
            <h1>{t!(tr, "researcher-responses-title")}</h1>
            <form method="get" class="filters" aria-label=t!(tr, "researcher-filter")>
                <Choice
                    id="vragenlijst"
                    label=t!(tr, "researcher-questionnaire")
                    options=page.questionnaires.clone()
                    selected=page.filter.questionnaire.clone()
                />
                <Choice id="doelgroep" label=t!(tr, "researcher-audience") options=audiences selected=page.filter.audience.clone() />
                <Choice id="meetmoment" label=t!(tr, "researcher-wave") options=page.waves.clone() selected=page.filter.wave.clone() />
                <div class="question">
                    <label for="van" class="question-label">{t!(tr, "researcher-filter-from")}</label>
                    <input type="date" id="van" name="van" value=page.filter.from.clone() />
                </div>
                <div class="question">
                    <label for="tot" class="question-label">{t!(tr, "researcher-filter-until")}</label>
                    <input type="date" id="tot" name="tot" value=page.filter.until.clone() />
                </div>
                <button type="submit" class="primary">{t!(tr, "researcher-filter-submit")}</button>
            </form>
            {page.rows.is_empty().then(|| view! { <p>{t!(tr, "researcher-responses-none")}</p> })}
            {full.then(|| view! { <p>{t!(tr, "researcher-responses-limit", count = page.limit)}</p> })}
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(tr, "researcher-response-date")}</th>
                        <th scope="col">{t!(tr, "researcher-questionnaire")}</th>
                        <th scope="col">{t!(tr, "researcher-audience")}</th>
                        <th scope="col">{t!(tr, "researcher-wave")}</th>
                        <th scope="col">{t!(tr, "researcher-group")}</th>
                        <th scope="col">{t!(tr, "researcher-actions")}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .rows
                        .into_iter()
                        .map(|(row, title)| {
                            let open = t!(tr, "researcher-response-open");
                            let label = format!("{open} {}", row.id);
                            view! {
                                <tr>
                                    <td>{row.submitted_on}</td>
                                    <td>{title}</td>
                                    <td>{audience_name(&tr, row.audience)}</td>
                                    <td>{row.wave}</td>
                                    <td>{row.group}</td>
                                    <td>
                                        <a href=format!("/beheer/projecten/{key}/antwoorden/{}", row.id) aria-label=label>{open}</a>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </ResearcherFrame>
    }
}

/// One answer of a response as researchers read it.
#[derive(Debug, Clone)]
pub struct AnswerLine {
    pub key: String,
    /// The question as this audience read it.
    pub question: String,
    /// The answer as the respondent saw it.
    pub answer: Option<String>,
    /// What personal data it may hold, while nobody has looked yet.
    pub flag: Option<String>,
    /// Codes applied: (application id, "code" or "code: fragment").
    pub codes: Vec<(i64, String)>,
    /// Whether codes can be applied (open answers).
    pub codable: bool,
}

#[derive(Debug, Clone)]
pub struct ResponseView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    pub row: ResponseRow,
    pub title: String,
    pub answers: Vec<AnswerLine>,
    pub error: Option<String>,
    /// The project's codes: (id, name).
    pub code_options: Vec<(i64, String)>,
}

#[component]
pub fn ResponsePage(page: ResponseView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let key = page.project.key.clone();
    let has_error = page.error.is_some();
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{key}/antwoorden")>{t!(tr, "researcher-responses-title")}</a>
            </p>
            <h1>{t!(tr, "researcher-response-title", id = page.row.id)}</h1>
            <p>
                {page.title.clone()}" · "{audience_name(&tr, page.row.audience)}" · "{page.row.wave.clone()}" · "
                {page.row.submitted_on.clone()}
                {page.row.group.clone().map(|g| format!(" · {g}"))}
            </p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(tr, "researcher-response-question")}</th>
                        <th scope="col">{t!(tr, "researcher-response-answer")}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .answers
                        .into_iter()
                        .map(|line| {
                            let answer = line.answer.unwrap_or_else(|| t!(tr, "researcher-response-not-answered"));
                            let base = format!("/beheer/projecten/{key}/antwoorden/{}/gegevens/{}", page.row.id, line.key);
                            view! {
                                <tr>
                                    <td>{line.question}</td>
                                    <td class="answer">
                                        {answer}
                                        {line
                                            .flag
                                            .map(|flag| {
                                                view! {
                                                    <p class="warning">{flag}</p>
                                                    <div class="move">
                                                        {[("weglaten", t!(tr, "researcher-flag-redact")), ("in-orde", t!(tr, "researcher-flag-keep"))]
                                                            .into_iter()
                                                            .map(|(action, label)| {
                                                                view! {
                                                                    <form method="post" action=format!("{base}/{action}")>
                                                                        <CsrfField token=page.viewer.csrf.clone() />
                                                                        <button type="submit" class="secondary">{label}</button>
                                                                    </form>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </div>
                                                }
                                            })}
                                        <AnswerCodes
                                            line_key=line.key.clone()
                                            codes=line.codes
                                            codable=line.codable
                                            options=page.code_options.clone()
                                            base=format!("/beheer/projecten/{key}/antwoorden/{}/codes", page.row.id)
                                            csrf=page.viewer.csrf.clone()
                                        />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <h2>{t!(tr, "researcher-response-delete")}</h2>
            <form method="post" action=format!("/beheer/projecten/{key}/antwoorden/{}/verwijderen", page.row.id) class="stacked">
                <CsrfField token=page.viewer.csrf.clone() />
                <div class=if has_error { "question has-error" } else { "question" }>
                    <label for="reason" class="question-label">{t!(tr, "researcher-response-delete-reason")}</label>
                    <p class="hint" id="reason-hint">{t!(tr, "researcher-response-delete-hint")}</p>
                    {page.error.clone().map(|e| view! { <p class="field-error" id="reason-error">{e}</p> })}
                    <input
                        type="text"
                        id="reason"
                        name="reason"
                        maxlength="500"
                        aria-describedby=if has_error { "reason-hint reason-error" } else { "reason-hint" }
                        aria-invalid=has_error.then_some("true")
                        autofocus=has_error
                    />
                </div>
                <button type="submit" class="secondary">{t!(tr, "researcher-response-delete")}</button>
            </form>
        </ResearcherFrame>
    }
}

/// The codes on one answer, and a form to add one (to the whole text or a fragment).
#[component]
fn AnswerCodes(
    line_key: String,
    codes: Vec<(i64, String)>,
    codable: bool,
    options: Vec<(i64, String)>,
    base: String,
    csrf: String,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let has_codes = !codes.is_empty();
    let code_id = format!("code-{line_key}");
    let fragment_id = format!("fragment-{line_key}");
    view! {
        {has_codes
            .then(|| {
                view! {
                    <p class="codes">{t!(tr, "researcher-codes-applied")}</p>
                    <ul class="codes">
                        {codes
                            .into_iter()
                            .map(|(id, label)| {
                                view! {
                                    <li>
                                        {label.clone()}
                                        <form method="post" action=format!("{base}/{id}/verwijderen")>
                                            <CsrfField token=csrf.clone() />
                                            <button type="submit" class="secondary" aria-label=format!("{}: {label}", t!(tr, "researcher-code-remove"))>
                                                {t!(tr, "researcher-code-remove")}
                                            </button>
                                        </form>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        {(codable && !options.is_empty())
            .then(|| {
                view! {
                    <form method="post" action=base.clone() class="apply-code">
                        <CsrfField token=csrf.clone() />
                        <input type="hidden" name="question" value=line_key.clone() />
                        <label for=code_id.clone()>{t!(tr, "researcher-code")}</label>
                        <select id=code_id name="code">
                            {options.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                        </select>
                        <label for=fragment_id.clone()>{t!(tr, "researcher-code-fragment")}</label>
                        <input type="text" id=fragment_id name="fragment" />
                        <button type="submit" class="secondary">{t!(tr, "researcher-code-apply")}</button>
                    </form>
                }
            })}
    }
}
