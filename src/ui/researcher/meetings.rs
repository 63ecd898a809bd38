//! Professionals' meetings: the list, recording one, and its insights with fast entry by
//! keyboard (one line per insight) and CSV import.

use super::{CsrfField, ErrorSummary, Field, ResearcherFrame, Viewer};
use crate::domain::Theme;
use crate::domain::meeting::{InsightKind, Sector};
use crate::i18n::Tr;
use crate::storage::{Insight, Meeting, ProjectSummary};
use crate::t;
use leptos::prelude::*;

pub fn kind_label(tr: &Tr, kind: InsightKind) -> String {
    match kind {
        InsightKind::Knelpunt => t!(tr, "researcher-kind-knelpunt"),
        InsightKind::Kans => t!(tr, "researcher-kind-kans"),
        InsightKind::Voorbeeld => t!(tr, "researcher-kind-voorbeeld"),
        InsightKind::Oplossingsrichting => t!(tr, "researcher-kind-oplossingsrichting"),
        InsightKind::Vraag => t!(tr, "researcher-kind-vraag"),
        InsightKind::Afspraak => t!(tr, "researcher-kind-afspraak"),
        InsightKind::Reactie => t!(tr, "researcher-kind-reactie"),
    }
}

pub fn sector_label(tr: &Tr, sector: Sector) -> String {
    match sector {
        Sector::Onderwijs => t!(tr, "researcher-sector-onderwijs"),
        Sector::Jeugdhulp => t!(tr, "researcher-sector-jeugdhulp"),
        Sector::Gemeente => t!(tr, "researcher-sector-gemeente"),
        Sector::Zorg => t!(tr, "researcher-sector-zorg"),
        Sector::PolitieJustitie => t!(tr, "researcher-sector-politie-justitie"),
        Sector::Ervaringsdeskundige => t!(tr, "researcher-sector-ervaringsdeskundige"),
        Sector::Anders => t!(tr, "researcher-sector-anders"),
    }
}

#[derive(Debug, Clone)]
pub struct MeetingsView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    pub meetings: Vec<Meeting>,
    pub can_edit: bool,
    pub problems: Vec<String>,
}

#[component]
pub fn MeetingsPage(page: MeetingsView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let base = format!("/beheer/projecten/{}/bijeenkomsten", page.project.key);
    let empty = page.meetings.is_empty();
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{}", page.project.key)>{page.project.name.clone()}</a>
            </p>
            <h1>{t!(tr, "researcher-meetings")}</h1>
            <ErrorSummary problems=page.problems.clone() />
            {empty.then(|| view! { <p>{t!(tr, "researcher-meeting-none")}</p> })}
            <ul class="project-list">
                {page
                    .meetings
                    .iter()
                    .map(|m| {
                        let who = m
                            .sectors
                            .iter()
                            .map(|(s, n)| format!("{} {n}", sector_label(&tr, *s)))
                            .collect::<Vec<_>>()
                            .join(" · ");
                        view! {
                            <li>
                                <a href=format!("{base}/{}", m.id)>{format!("{} – {}", m.held_on, m.title)}</a>
                                {format!(" ({who}; {} {})", m.insights, t!(tr, "researcher-meeting-insights").to_lowercase())}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {page
                .can_edit
                .then(|| {
                    view! {
                        <h2>{t!(tr, "researcher-meeting-new")}</h2>
                        <form method="post" action=base.clone() class="stacked">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <Field id="meeting-title".into() name="title".into() label=t!(tr, "researcher-meeting-title") />
                            <Field id="meeting-date".into() name="held_on".into() label=t!(tr, "researcher-meeting-date") kind="date" />
                            <fieldset>
                                <legend>{t!(tr, "researcher-meeting-sectors")}</legend>
                                {Sector::ALL
                                    .into_iter()
                                    .map(|s| {
                                        view! {
                                            <Field
                                                id=format!("sector-{}", s.as_str())
                                                name=s.as_str().to_owned()
                                                label=sector_label(&tr, s)
                                                value="0".into()
                                                kind="number"
                                            />
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <button type="submit" class="primary">{t!(tr, "researcher-meeting-save")}</button>
                        </form>
                    }
                })}
        </ResearcherFrame>
    }
}

#[derive(Debug, Clone)]
pub struct MeetingView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    pub meeting: Meeting,
    pub insights: Vec<Insight>,
    pub themes: Vec<Theme>,
    pub can_edit: bool,
    pub problems: Vec<String>,
    /// What was typed or pasted, kept when there were problems.
    pub lines: String,
    pub csv: String,
    /// Codes on insights: (insight id, application id, code name).
    pub codes: Vec<(i64, i64, String)>,
    /// The project's codes: (id, name).
    pub code_options: Vec<(i64, String)>,
}

#[component]
pub fn MeetingPage(page: MeetingView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let base = format!(
        "/beheer/projecten/{}/bijeenkomsten/{}",
        page.project.key, page.meeting.id
    );
    let rows: Vec<(String, Insight)> = page
        .insights
        .iter()
        .map(|i| {
            let title = page
                .themes
                .iter()
                .find(|t| t.key == i.theme)
                .map_or(i.theme.clone(), |t| t.title.clone());
            (title, i.clone())
        })
        .collect();
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{}/bijeenkomsten", page.project.key)>{t!(tr, "researcher-meetings")}</a>
            </p>
            <h1>{format!("{} – {}", page.meeting.held_on, page.meeting.title)}</h1>
            <ErrorSummary problems=page.problems.clone() />
            <h2>{t!(tr, "researcher-meeting-insights")}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(tr, "researcher-theme")}</th>
                        <th scope="col">{t!(tr, "researcher-insight-kind")}</th>
                        <th scope="col">{t!(tr, "researcher-insight-statement")}</th>
                        <th scope="col">{t!(tr, "researcher-insight-sector")}</th>
                        <th scope="col">{t!(tr, "researcher-insight-priority")}</th>
                        <th scope="col">{t!(tr, "researcher-codes-applied")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(theme, i)| {
                            view! {
                                <tr>
                                    <td>{theme}</td>
                                    <td>{kind_label(&tr, i.kind)}</td>
                                    <td>{i.statement.clone()}</td>
                                    <td>{i.sector.map(|s| sector_label(&tr, s))}</td>
                                    <td>{i.priority}</td>
                                    <td>
                                        <InsightCodes
                                            insight=i.id
                                            statement=i.statement.clone()
                                            codes=page.codes.iter().filter(|c| c.0 == i.id).map(|c| (c.1, c.2.clone())).collect()
                                            options=if page.can_edit { page.code_options.clone() } else { Vec::new() }
                                            base=base.clone()
                                            csrf=page.viewer.csrf.clone()
                                        />
                                        {page
                                            .can_edit
                                            .then(|| {
                                                view! {
                                                    <p class="make-action">
                                                        <a
                                                            href=format!("/beheer/projecten/{}/acties?inzicht={}#nieuwe-actie", page.project.key, i.id)
                                                            aria-label=format!("{}: {}", t!(tr, "action-make-from-insight"), i.statement)
                                                        >
                                                            {t!(tr, "action-make-from-insight")}
                                                        </a>
                                                    </p>
                                                }
                                            })}
                                    </td>
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
                        <h2>{t!(tr, "researcher-insights-add")}</h2>
                        <form method="post" action=format!("{base}/inzichten") class="stacked wide-form">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <div class="question">
                                <label for="insight-theme" class="question-label">{t!(tr, "researcher-theme")}</label>
                                <select id="insight-theme" name="theme">
                                    {page.themes.iter().map(|th| view! { <option value=th.key.clone()>{th.title.clone()}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="question">
                                <label for="insight-kind" class="question-label">{t!(tr, "researcher-insights-default-kind")}</label>
                                <select id="insight-kind" name="kind">
                                    {InsightKind::ALL
                                        .into_iter()
                                        .map(|k| view! { <option value=k.as_str()>{kind_label(&tr, k)}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                            <Field
                                id="insight-lines".into()
                                name="lines".into()
                                label=t!(tr, "researcher-insights-lines")
                                value=page.lines.clone()
                                hint=t!(tr, "researcher-insights-lines-hint")
                                multiline=true
                            />
                            <button type="submit" class="primary">{t!(tr, "researcher-insights-submit")}</button>
                        </form>
                        <h2>{t!(tr, "researcher-insights-csv")}</h2>
                        <form method="post" action=format!("{base}/inzichten/csv") class="stacked wide-form">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <Field
                                id="insight-csv".into()
                                name="csv".into()
                                label=t!(tr, "researcher-insights-csv")
                                value=page.csv.clone()
                                hint=t!(tr, "researcher-insights-csv-hint")
                                multiline=true
                            />
                            <button type="submit" class="primary">{t!(tr, "researcher-insights-csv-submit")}</button>
                        </form>
                    }
                })}
        </ResearcherFrame>
    }
}

/// The codes on one insight, with a form to add one.
#[component]
fn InsightCodes(
    insight: i64,
    statement: String,
    codes: Vec<(i64, String)>,
    options: Vec<(i64, String)>,
    base: String,
    csrf: String,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let select = format!("code-insight-{insight}");
    let can_edit = !options.is_empty();
    view! {
        <ul class="codes">
            {codes
                .into_iter()
                .map(|(id, name)| {
                    view! {
                        <li>
                            {name.clone()}
                            {can_edit
                                .then(|| {
                                    view! {
                                        <form method="post" action=format!("{base}/codes/{id}/verwijderen")>
                                            <CsrfField token=csrf.clone() />
                                            <button type="submit" class="secondary" aria-label=format!("{}: {name}", t!(tr, "researcher-code-remove"))>
                                                {t!(tr, "researcher-code-remove")}
                                            </button>
                                        </form>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {can_edit
            .then(|| {
                view! {
                    <form method="post" action=format!("{base}/inzichten/{insight}/codes") class="apply-code">
                        <CsrfField token=csrf.clone() />
                        <label for=select.clone() class="visually-hidden">{format!("{}: {statement}", t!(tr, "researcher-code"))}</label>
                        <select id=select name="code">
                            {options.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                        </select>
                        <button type="submit" class="secondary" aria-label=format!("{}: {statement}", t!(tr, "researcher-code-apply"))>
                            {t!(tr, "researcher-code-apply")}
                        </button>
                    </form>
                }
            })}
    }
}
