//! Professionals' meetings and their insights: recorded during or right after a meeting,
//! typed one per line or read from CSV; all or nothing, audit-logged.

use super::AppState;
use super::auth::Researcher;
use super::workspace::{AsEditor, AsViewer, InProject, WorkspaceError};
use crate::domain::account::Role;
use crate::domain::meeting::{InsightKind, LineProblem, NewInsight, Sector, parse_csv, parse_line};
use crate::i18n::Tr;
use crate::server::workspace::{form_status, internal, page, tr};
use crate::storage::ProjectSummary;
use crate::t;
use crate::ui::researcher::{MeetingPage, MeetingView, MeetingsPage, MeetingsView, Viewer};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;

fn problem_text(tr: &Tr, line: usize, problem: &LineProblem) -> String {
    let problem = match problem {
        LineProblem::Empty => t!(tr, "researcher-line-empty"),
        LineProblem::TooLong => t!(tr, "researcher-line-too-long"),
        LineProblem::UnknownKind(v) => t!(tr, "researcher-line-kind", value = v.clone()),
        LineProblem::UnknownSector(v) => t!(tr, "researcher-line-sector", value = v.clone()),
        LineProblem::UnknownTheme(v) => t!(tr, "researcher-line-theme", value = v.clone()),
        LineProblem::BadPriority(v) => t!(tr, "researcher-line-priority", value = v.clone()),
        LineProblem::MissingColumn(v) => t!(tr, "researcher-line-column", value = v.to_string()),
        LineProblem::Malformed => t!(tr, "researcher-line-malformed"),
    };
    t!(
        tr,
        "researcher-line-problem",
        line = line,
        problem = problem
    )
}

async fn meetings_page(
    state: &AppState,
    researcher: &Researcher,
    project: ProjectSummary,
    problems: Vec<String>,
) -> Result<Response, WorkspaceError> {
    let view = MeetingsView {
        viewer: Viewer::from(researcher),
        meetings: state.db.meetings(project.id).await.map_err(internal)?,
        can_edit: project.role.is_some_and(|r| r.allows(Role::Researcher)),
        problems,
        project,
    };
    let status = form_status(view.problems.is_empty());
    let title = t!(tr(state), "researcher-meetings");
    Ok(page(
        state,
        status,
        title,
        move || view! { <MeetingsPage page=view.clone() /> },
    )
    .await)
}

/// `GET /beheer/projecten/{key}/bijeenkomsten`: insights are not respondent data, so viewers
/// may read them.
pub async fn meetings(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsViewer>,
) -> Result<Response, WorkspaceError> {
    meetings_page(&state, &researcher, project, Vec::new()).await
}

/// `POST /beheer/projecten/{key}/bijeenkomsten`: date, title and counts per sector.
pub async fn create_meeting(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(key): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, WorkspaceError> {
    let title = form.get("title").map_or("", |t| t.trim());
    let held_on = form.get("held_on").and_then(|d| {
        time::Date::parse(
            d.trim(),
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .ok()
    });
    let (Some(held_on), false) = (held_on, title.is_empty() || title.chars().count() > 200) else {
        return meetings_page(
            &state,
            &researcher,
            project,
            vec![t!(tr(&state), "researcher-meeting-missing")],
        )
        .await;
    };
    let sectors: Vec<(Sector, u32)> = Sector::ALL
        .into_iter()
        .map(|s| {
            (
                s,
                form.get(s.as_str())
                    .and_then(|n| n.trim().parse().ok())
                    .unwrap_or(0)
                    .min(10_000),
            )
        })
        .collect();
    let id = state
        .db
        .create_meeting(project.id, held_on, title, &sectors)
        .await
        .map_err(internal)?;
    researcher
        .audit(&state.db, Some(project.id), "meeting recorded", title)
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/bijeenkomsten/{id}")).into_response())
}

async fn meeting_page(
    state: &AppState,
    researcher: &Researcher,
    project: ProjectSummary,
    id: i64,
    problems: Vec<String>,
    (lines, csv): (String, String),
) -> Result<Response, WorkspaceError> {
    let meeting = state
        .db
        .meetings(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(WorkspaceError::NotFound)?;
    let view = MeetingView {
        viewer: Viewer::from(researcher),
        insights: state.db.insights(project.id, id).await.map_err(internal)?,
        themes: state
            .db
            .project_themes(project.id)
            .await
            .map_err(internal)?,
        can_edit: project.role.is_some_and(|r| r.allows(Role::Researcher)),
        problems,
        lines,
        csv,
        codes: state
            .db
            .insight_codes(project.id, id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|(insight, a)| (insight, a.id, a.code))
            .collect(),
        code_options: state
            .db
            .codes(project.id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        meeting,
        project,
    };
    let status = form_status(view.problems.is_empty());
    let title = view.meeting.title.clone();
    Ok(page(
        state,
        status,
        title,
        move || view! { <MeetingPage page=view.clone() /> },
    )
    .await)
}

/// `GET /beheer/projecten/{key}/bijeenkomsten/{id}`
pub async fn meeting(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsViewer>,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, WorkspaceError> {
    meeting_page(
        &state,
        &researcher,
        project,
        id,
        Vec::new(),
        Default::default(),
    )
    .await
}

#[derive(Deserialize)]
pub struct LinesForm {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    lines: String,
}

/// Stores checked insights, or shows the problems with everything typed kept.
async fn store(
    state: &AppState,
    researcher: &Researcher,
    project: ProjectSummary,
    id: i64,
    parsed: Result<Vec<NewInsight>, Vec<(usize, LineProblem)>>,
    typed: (String, String),
) -> Result<Response, WorkspaceError> {
    let insights = match parsed {
        Ok(insights) => insights,
        Err(problems) => {
            let tr = tr(state);
            let problems = problems
                .iter()
                .map(|(line, p)| problem_text(&tr, *line, p))
                .collect();
            return meeting_page(state, researcher, project, id, problems, typed).await;
        }
    };
    if !state
        .db
        .add_insights(project.id, id, &insights)
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    let detail = format!("{} insight(s) to meeting {id}", insights.len());
    researcher
        .audit(&state.db, Some(project.id), "insights added", &detail)
        .await?;
    Ok(Redirect::to(&format!(
        "/beheer/projecten/{}/bijeenkomsten/{id}",
        project.key
    ))
    .into_response())
}

/// `POST …/bijeenkomsten/{id}/inzichten`: one insight per line.
pub async fn add_lines(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<LinesForm>,
) -> Result<Response, WorkspaceError> {
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    let default_kind = InsightKind::parse(&form.kind).unwrap_or(InsightKind::Knelpunt);
    let mut insights = Vec::new();
    let mut problems = Vec::new();
    if !themes.iter().any(|t| t.key == form.theme) {
        problems.push((1, LineProblem::UnknownTheme(form.theme.clone())));
    }
    for (i, line) in form
        .lines
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match parse_line(line, &form.theme, default_kind) {
            Ok(insight) => insights.push(insight),
            Err(problem) => problems.push((i + 1, problem)),
        }
    }
    let parsed = if problems.is_empty() {
        Ok(insights)
    } else {
        Err(problems)
    };
    store(
        &state,
        &researcher,
        project,
        id,
        parsed,
        (form.lines, String::new()),
    )
    .await
}

#[derive(Deserialize)]
pub struct CsvForm {
    #[serde(default)]
    csv: String,
}

/// `POST …/bijeenkomsten/{id}/inzichten/csv`
pub async fn add_csv(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<CsvForm>,
) -> Result<Response, WorkspaceError> {
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    let keys: Vec<&str> = themes.iter().map(|t| t.key.as_str()).collect();
    let parsed = parse_csv(&form.csv, &keys);
    store(
        &state,
        &researcher,
        project,
        id,
        parsed,
        (String::new(), form.csv),
    )
    .await
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: i64,
}

/// `POST …/bijeenkomsten/{id}/inzichten/{insight}/codes`: the shared codebook on an insight.
pub async fn code_insight(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id, insight)): Path<(String, i64, i64)>,
    Form(form): Form<CodeForm>,
) -> Result<Response, WorkspaceError> {
    if !state
        .db
        .apply_code_to_insight(project.id, form.code, insight, researcher.user.id)
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    let detail = format!("code {} on insight {insight}", form.code);
    researcher
        .audit(&state.db, Some(project.id), "coded", &detail)
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/bijeenkomsten/{id}")).into_response())
}

/// `POST …/bijeenkomsten/{id}/codes/{application}/verwijderen`
pub async fn uncode_insight(
    State(state): State<AppState>,
    access: InProject<AsEditor>,
    Path((key, id, application)): Path<(String, i64, i64)>,
) -> Result<Response, WorkspaceError> {
    super::coding::remove_application(&state, &access, application, &format!("meeting {id}"))
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/bijeenkomsten/{id}")).into_response())
}
