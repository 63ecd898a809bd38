//! The plan van aanpak: actions per theme, one action with what it answers, its indicators
//! over the rounds and its log; and the block of indicators the comparison and the report
//! show under a theme.

use super::comparison::Table;
use super::{CsrfField, DataTable, ErrorSummary, Field, ResearcherFrame, Viewer, kind_label};
use crate::domain::Audience;
use crate::domain::action::ActionStatus;
use crate::i18n::Tr;
use crate::storage::{Action, ActionDetail, LinkedInsight, ProjectSummary};
use crate::t;
use leptos::prelude::*;

pub fn status_label(tr: &Tr, status: ActionStatus) -> String {
    match status {
        ActionStatus::Gepland => t!(tr, "action-status-gepland"),
        ActionStatus::Bezig => t!(tr, "action-status-bezig"),
        ActionStatus::Klaar => t!(tr, "action-status-klaar"),
        ActionStatus::Gestopt => t!(tr, "action-status-gestopt"),
    }
}

/// An action's indicators over the rounds: one row per indicator, one column per round (the
/// round it started in named), and the change from before to after.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActionIndicators {
    pub table: Option<DataTable>,
    pub changes: Vec<String>,
    /// The indicators' ids, in the table's order.
    pub ids: Vec<i64>,
}

/// The indicators table, the changes and the caution that goes with them.
#[component]
pub fn IndicatorsBlock(indicators: ActionIndicators) -> impl IntoView {
    let tr = expect_context::<Tr>();
    indicators.table.map(|table| {
        view! {
            <Table table=table />
            {(!indicators.changes.is_empty())
                .then(|| {
                    view! {
                        <ul class="changes">
                            {indicators.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
                        </ul>
                    }
                })}
            <p class="note caution">{t!(tr, "action-caution")}</p>
        }
    })
}

/// What the action form holds: what was typed (kept when something is wrong) and the
/// problems next to their fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionFormValues {
    pub theme: String,
    pub title: String,
    pub description: String,
    pub taken_on_by: String,
    pub starts_on: String,
    pub status: String,
    /// The insight the action is made from: (id, "knelpunt: …").
    pub insight: Option<(i64, String)>,
    /// (field name, message)
    pub errors: Vec<(&'static str, String)>,
}

impl ActionFormValues {
    fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    }
}

/// The fields of an action, for a new one and for changing one.
#[component]
fn ActionFields(
    values: ActionFormValues,
    themes: Vec<(String, String)>,
    prefix: &'static str,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let id = |name: &str| format!("{prefix}-{name}");
    let theme_id = id("theme");
    let status_id = id("status");
    view! {
        {values.insight.clone().map(|(insight, text)| {
            view! {
                <input type="hidden" name="insight" value=insight.to_string() />
                <p class="note">{t!(tr, "action-from-insight", insight = text)}</p>
            }
        })}
        <div class="question">
            <label for=theme_id.clone() class="question-label">{t!(tr, "researcher-theme")}</label>
            <select id=theme_id name="theme">
                {themes
                    .into_iter()
                    .map(|(key, title)| {
                        let selected = key == values.theme;
                        view! { <option value=key selected=selected>{title}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
        <Field id=id("title") name="title".into() label=t!(tr, "action-title-label") value=values.title.clone() error=values.error("title") />
        <Field
            id=id("taken-on-by")
            name="taken_on_by".into()
            label=t!(tr, "action-taken-on-by")
            value=values.taken_on_by.clone()
            hint=t!(tr, "action-taken-on-by-hint")
            error=values.error("taken_on_by")
        />
        <Field id=id("starts-on") name="starts_on".into() label=t!(tr, "action-starts-on") value=values.starts_on.clone() kind="date" error=values.error("starts_on") />
        <div class="question">
            <label for=status_id.clone() class="question-label">{t!(tr, "action-status")}</label>
            <select id=status_id name="status">
                {ActionStatus::ALL
                    .into_iter()
                    .map(|s| {
                        let selected = s.as_str() == values.status;
                        view! { <option value=s.as_str() selected=selected>{status_label(&tr, s)}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
        <Field
            id=id("description")
            name="description".into()
            label=t!(tr, "action-description")
            value=values.description.clone()
            multiline=true
            error=values.error("description")
        />
    }
}

/// One action in a list: the link, who, from when, how far.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionRow {
    pub action: Action,
    pub indicators: ActionIndicators,
}

#[derive(Debug, Clone)]
pub struct ActionsView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    /// (theme key, title, its actions)
    pub themes: Vec<(String, String, Vec<ActionRow>)>,
    pub can_edit: bool,
    pub form: ActionFormValues,
    pub problems: Vec<String>,
}

/// The actions of one theme as a list with their indicators (plan, comparison, report).
#[component]
pub fn ThemeActions(project: String, actions: Vec<ActionRow>, heading_level: u8) -> impl IntoView {
    let tr = expect_context::<Tr>();
    actions
        .into_iter()
        .map(|row| {
            let a = row.action;
            let href = format!("/beheer/projecten/{project}/acties/{}", a.id);
            let heading = view! { <a href=href>{a.title.clone()}</a> };
            let heading = if heading_level == 3 {
                view! { <h3>{heading}</h3> }.into_any()
            } else {
                view! { <h4>{heading}</h4> }.into_any()
            };
            view! {
                <section class="action">
                    {heading}
                    <p class="action-facts">
                        {t!(
                            tr,
                            "action-facts",
                            who = a.taken_on_by.clone(),
                            from = a.starts_on.to_string(),
                            status = status_label(&tr, a.status)
                        )}
                    </p>
                    {row.indicators.table.is_none().then(|| view! { <p>{t!(tr, "action-no-indicators")}</p> })}
                    <IndicatorsBlock indicators=row.indicators />
                </section>
            }
        })
        .collect_view()
}

#[component]
pub fn ActionsPage(page: ActionsView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let key = page.project.key.clone();
    let base = format!("/beheer/projecten/{key}/acties");
    let themes: Vec<(String, String)> = page
        .themes
        .iter()
        .map(|(k, t, _)| (k.clone(), t.clone()))
        .collect();
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{key}")>{page.project.name.clone()}</a>
            </p>
            <h1>{t!(tr, "action-plan")}</h1>
            <p>{t!(tr, "action-plan-intro")}</p>
            <ErrorSummary problems=page.problems.clone() />
            {page
                .themes
                .into_iter()
                .map(|(theme, title, actions)| {
                    let empty = actions.is_empty();
                    view! {
                        <h2>{title}</h2>
                        {empty.then(|| view! { <p>{t!(tr, "action-none")}</p> })}
                        <ThemeActions project=key.clone() actions=actions heading_level=3 />
                        <p>
                            <a href=format!("/beheer/projecten/{key}/vergelijking?thema={theme}")>{t!(tr, "action-to-comparison")}</a>
                        </p>
                    }
                })
                .collect_view()}
            {page
                .can_edit
                .then(|| {
                    view! {
                        <h2 id="nieuwe-actie">{t!(tr, "action-new")}</h2>
                        <form method="post" action=base.clone() class="stacked wide-form">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <ActionFields values=page.form.clone() themes=themes.clone() prefix="new-action" />
                            <button type="submit" class="primary">{t!(tr, "action-save-new")}</button>
                        </form>
                    }
                })}
        </ResearcherFrame>
    }
}

#[derive(Debug, Clone)]
pub struct ActionView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    pub detail: ActionDetail,
    pub theme_title: String,
    pub indicators: ActionIndicators,
    pub themes: Vec<(String, String)>,
    pub can_edit: bool,
    pub form: ActionFormValues,
    /// Codes that can be linked: (id, name).
    pub code_choices: Vec<(i64, String)>,
    /// Insights of the theme that can be linked.
    pub insight_choices: Vec<LinkedInsight>,
    /// What an indicator can measure: (value, label).
    pub measure_choices: Vec<(String, String)>,
    /// The log form as typed: date, text, number; and its problems per field.
    pub log_form: (String, String, String),
    pub log_errors: Vec<(&'static str, String)>,
    pub problems: Vec<String>,
}

fn insight_text(tr: &Tr, i: &LinkedInsight) -> String {
    format!("{}: {}", kind_label(tr, i.kind), i.statement)
}

#[component]
pub fn ActionPage(page: ActionView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let key = page.project.key.clone();
    let a = page.detail.action.clone();
    let base = format!("/beheer/projecten/{key}/acties/{}", a.id);
    let csrf = page.viewer.csrf.clone();
    let can_edit = page.can_edit;
    let remove = move |path: String, label: String| {
        let csrf = csrf.clone();
        can_edit.then(|| {
            view! {
                <form method="post" action=path class="inline">
                    <CsrfField token=csrf />
                    <button type="submit" class="secondary" aria-label=label>{t!(expect_context::<Tr>(), "action-remove")}</button>
                </form>
            }
        })
    };
    let log_errors = page.log_errors.clone();
    let log_error = move |field: &str| {
        log_errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    };
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{key}/acties")>{t!(tr, "action-plan")}</a>
            </p>
            <h1>{a.title.clone()}</h1>
            <ErrorSummary problems=page.problems.clone() />
            <dl class="facts">
                <dt>{t!(tr, "researcher-theme")}</dt>
                <dd>{page.theme_title.clone()}</dd>
                <dt>{t!(tr, "action-taken-on-by")}</dt>
                <dd>{a.taken_on_by.clone()}</dd>
                <dt>{t!(tr, "action-starts-on")}</dt>
                <dd>{a.starts_on.to_string()}</dd>
                <dt>{t!(tr, "action-status")}</dt>
                <dd>{status_label(&tr, a.status)}</dd>
            </dl>
            {(!a.description.is_empty()).then(|| view! { <p>{a.description.clone()}</p> })}

            <h2>{t!(tr, "action-answers")}</h2>
            {(page.detail.codes.is_empty() && page.detail.insights.is_empty())
                .then(|| view! { <p>{t!(tr, "action-answers-none")}</p> })}
            <ul class="links">
                {page
                    .detail
                    .codes
                    .iter()
                    .map(|(id, name)| {
                        let label = t!(tr, "action-code-linked", code = name.clone());
                        view! {
                            <li>
                                {label.clone()}
                                {remove(format!("{base}/koppelingen/code-{id}/verwijderen"), format!("{}: {label}", t!(tr, "action-remove")))}
                            </li>
                        }
                    })
                    .collect_view()}
                {page
                    .detail
                    .insights
                    .iter()
                    .map(|i| {
                        let text = insight_text(&tr, i);
                        view! {
                            <li>
                                <a href=format!("/beheer/projecten/{key}/bijeenkomsten/{}", i.meeting_id)>{format!("{} ({})", text, i.held_on)}</a>
                                {remove(format!("{base}/koppelingen/inzicht-{}/verwijderen", i.id), format!("{}: {text}", t!(tr, "action-remove")))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {can_edit
                .then(|| {
                    view! {
                        <form method="post" action=format!("{base}/koppelingen") class="choices">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <div class="question">
                                <label for="link-target" class="question-label">{t!(tr, "action-link-label")}</label>
                                <select id="link-target" name="target">
                                    <optgroup label=t!(tr, "action-link-codes")>
                                        {page.code_choices.iter().map(|(id, name)| view! { <option value=format!("code-{id}")>{name.clone()}</option> }).collect_view()}
                                    </optgroup>
                                    <optgroup label=t!(tr, "action-link-insights")>
                                        {page
                                            .insight_choices
                                            .iter()
                                            .map(|i| view! { <option value=format!("inzicht-{}", i.id)>{insight_text(&tr, i)}</option> })
                                            .collect_view()}
                                    </optgroup>
                                </select>
                            </div>
                            <button type="submit" class="secondary">{t!(tr, "action-link-save")}</button>
                        </form>
                    }
                })}

            <h2>{t!(tr, "action-indicators")}</h2>
            <p>{t!(tr, "action-indicators-intro")}</p>
            {page.indicators.table.is_none().then(|| view! { <p>{t!(tr, "action-no-indicators")}</p> })}
            <IndicatorsBlock indicators=page.indicators.clone() />
            {can_edit
                .then(|| {
                    let rows = page.indicators.table.as_ref().map(|t| t.rows.clone()).unwrap_or_default();
                    view! {
                        <ul class="links">
                            {page
                                .indicators
                                .ids
                                .iter()
                                .zip(rows)
                                .map(|(id, (label, _))| {
                                    view! {
                                        <li>
                                            {label.clone()}
                                            {remove(format!("{base}/indicatoren/{id}/verwijderen"), format!("{}: {label}", t!(tr, "action-remove")))}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <form method="post" action=format!("{base}/indicatoren") class="choices">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <div class="question">
                                <label for="indicator-measure" class="question-label">{t!(tr, "action-indicator-measure")}</label>
                                <select id="indicator-measure" name="measure">
                                    {page.measure_choices.iter().map(|(v, l)| view! { <option value=v.clone()>{l.clone()}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="question">
                                <label for="indicator-audience" class="question-label">{t!(tr, "action-indicator-audience")}</label>
                                <select id="indicator-audience" name="audience">
                                    {Audience::ALL
                                        .into_iter()
                                        .map(|a| view! { <option value=a.as_str()>{super::audience_name(&tr, a)}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="secondary">{t!(tr, "action-indicator-save")}</button>
                        </form>
                    }
                })}

            <h2>{t!(tr, "action-log")}</h2>
            <p>{t!(tr, "action-log-intro")}</p>
            {page.detail.log.is_empty().then(|| view! { <p>{t!(tr, "action-log-none")}</p> })}
            {(!page.detail.log.is_empty())
                .then(|| {
                    view! {
                        <table class="data">
                            <caption>{t!(tr, "action-log-caption", action = a.title.clone())}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(tr, "action-log-date")}</th>
                                    <th scope="col">{t!(tr, "action-log-text")}</th>
                                    <th scope="col">{t!(tr, "action-log-number")}</th>
                                    {can_edit.then(|| view! { <td></td> })}
                                </tr>
                            </thead>
                            <tbody>
                                {page
                                    .detail
                                    .log
                                    .iter()
                                    .map(|e| {
                                        let number = e.number.map(|n| format!("{n}").replace('.', ",")).unwrap_or_default();
                                        view! {
                                            <tr>
                                                <td>{e.noted_on.to_string()}</td>
                                                <td>{e.text.clone()}</td>
                                                <td>{number}</td>
                                                {can_edit.then(|| view! { <td>{remove(format!("{base}/logboek/{}/verwijderen", e.id), format!("{}: {}", t!(tr, "action-remove"), e.text))}</td> })}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })}
            {can_edit
                .then(|| {
                    let (date, text, number) = page.log_form.clone();
                    view! {
                        <h3>{t!(tr, "action-log-new")}</h3>
                        <form method="post" action=format!("{base}/logboek") class="stacked wide-form">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <Field id="log-date".into() name="noted_on".into() label=t!(tr, "action-log-date") value=date kind="date" error=log_error("noted_on") />
                            <Field id="log-text".into() name="text".into() label=t!(tr, "action-log-text") value=text hint=t!(tr, "action-log-text-hint") multiline=true error=log_error("text") />
                            <Field id="log-number".into() name="number".into() label=t!(tr, "action-log-number") value=number hint=t!(tr, "action-log-number-hint") error=log_error("number") />
                            <button type="submit" class="secondary">{t!(tr, "action-log-save")}</button>
                        </form>
                        <h2>{t!(tr, "action-change")}</h2>
                        <form method="post" action=base.clone() class="stacked wide-form">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <ActionFields values=page.form.clone() themes=page.themes.clone() prefix="action" />
                            <button type="submit" class="primary">{t!(tr, "action-save")}</button>
                        </form>
                        <form method="post" action=format!("{base}/verwijderen") class="stacked">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <button type="submit" class="secondary">{t!(tr, "action-delete")}</button>
                        </form>
                    }
                })}
        </ResearcherFrame>
    }
}
