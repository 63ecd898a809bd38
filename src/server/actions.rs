//! The plan van aanpak: viewers read the actions and how their indicators moved; researchers
//! and owners record actions (from an insight, for instance a knelpunt), link what they
//! answer and what should move, keep their log. Every change is audit-logged.

use super::AppState;
use super::auth::Researcher;
use super::comparison::{
    Fits, ProjectFacts, action_indicators, action_rows, closed_data, fits, measure_choices,
};
use super::workspace::{AsEditor, AsViewer, InProject, WorkspaceError};
use crate::domain::account::Role;
use crate::domain::action::{
    ActionDraft, ActionStatus, FieldProblem, LogDraft, Measure, field_problems, parse_date,
    parse_number,
};
use crate::domain::{Audience, Theme};
use crate::i18n::Tr;
use crate::server::workspace::{form_status, internal, page, tr};
use crate::storage::{ActionDetail, ActionLink, LinkedInsight, ProjectId, ProjectSummary};
use crate::t;
use crate::ui::researcher::{
    ActionFormValues, ActionPage, ActionView, ActionsPage, ActionsView, Viewer, kind_label,
};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use validator::Validate;

/// The message next to a field with a problem.
fn problem_text(tr: &Tr, field: &str, problem: FieldProblem) -> String {
    match (field, problem) {
        ("title", FieldProblem::Missing) => t!(tr, "action-problem-title"),
        ("taken_on_by", FieldProblem::Missing) => t!(tr, "action-problem-taken-on-by"),
        ("text", FieldProblem::Missing) => t!(tr, "action-problem-log-text"),
        ("theme", _) => t!(tr, "action-problem-theme"),
        ("status", _) => t!(tr, "action-problem-status"),
        (_, FieldProblem::NotADate) => t!(tr, "action-problem-date"),
        (_, FieldProblem::NotANumber) => t!(tr, "action-problem-number"),
        (_, FieldProblem::PersonalData) => t!(tr, "action-problem-personal"),
        (_, FieldProblem::TooLong) => t!(tr, "action-problem-too-long"),
        (_, FieldProblem::Missing | FieldProblem::Unknown) => t!(tr, "action-problem-missing"),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    theme: String,
    title: String,
    description: String,
    taken_on_by: String,
    starts_on: String,
    status: String,
    insight: String,
}

impl ActionForm {
    /// The checked draft, or the problems per field.
    fn draft(&self, tr: &Tr, themes: &[Theme]) -> Result<ActionDraft, Vec<(&'static str, String)>> {
        let mut problems: Vec<(&'static str, FieldProblem)> = Vec::new();
        if !themes.iter().any(|t| t.key == self.theme) {
            problems.push(("theme", FieldProblem::Unknown));
        }
        let starts_on = parse_date(&self.starts_on);
        if starts_on.is_none() {
            problems.push(("starts_on", FieldProblem::NotADate));
        }
        let status = ActionStatus::parse(&self.status);
        if status.is_none() {
            problems.push(("status", FieldProblem::Unknown));
        }
        let draft = ActionDraft {
            theme: self.theme.clone(),
            title: self.title.trim().to_owned(),
            description: self.description.trim().to_owned(),
            taken_on_by: self.taken_on_by.trim().to_owned(),
            starts_on: starts_on.unwrap_or(time::Date::MIN),
            status: status.unwrap_or(ActionStatus::Gepland),
        };
        if let Err(errors) = draft.validate() {
            problems.extend(field_problems(&errors));
        }
        if problems.is_empty() {
            Ok(draft)
        } else {
            Err(problems
                .into_iter()
                .map(|(f, p)| (f, problem_text(tr, f, p)))
                .collect())
        }
    }

    fn values(
        self,
        insight: Option<(i64, String)>,
        errors: Vec<(&'static str, String)>,
    ) -> ActionFormValues {
        ActionFormValues {
            theme: self.theme,
            title: self.title,
            description: self.description,
            taken_on_by: self.taken_on_by,
            starts_on: self.starts_on,
            status: self.status,
            insight,
            errors,
        }
    }
}

fn can_edit(project: &ProjectSummary) -> bool {
    project.role.is_some_and(|r| r.allows(Role::Researcher))
}

fn themes_of(facts: &ProjectFacts) -> Vec<(String, String)> {
    facts
        .themes
        .iter()
        .map(|t| (t.key.clone(), t.title.clone()))
        .collect()
}

/// An insight of the project, with how the form names it.
async fn insight_of(
    state: &AppState,
    tr: &Tr,
    project_id: ProjectId,
    id: i64,
) -> Result<Option<(LinkedInsight, String)>, WorkspaceError> {
    let insights = state
        .db
        .linked_insights(project_id, None, None)
        .await
        .map_err(internal)?;
    Ok(insights.into_iter().find(|i| i.id == id).map(|i| {
        let named = format!("{}: {}", kind_label(tr, i.kind), i.statement);
        (i, named)
    }))
}

async fn plan_page(
    state: &AppState,
    researcher: &Researcher,
    project: ProjectSummary,
    form: ActionFormValues,
) -> Result<Response, WorkspaceError> {
    let tr = tr(state);
    let facts = ProjectFacts::read(state, &tr, project.id).await?;
    let actions = state.db.actions(project.id, None).await.map_err(internal)?;
    let data = closed_data(state, project.id, &facts).await?;
    let rows = action_rows(state, &tr, project.id, &facts, &data, actions).await?;
    let themes = facts
        .themes
        .iter()
        .map(|t| {
            let mine = rows
                .iter()
                .filter(|r| r.action.theme == t.key)
                .cloned()
                .collect();
            (t.key.clone(), t.title.clone(), mine)
        })
        .collect();
    let problems = form.errors.iter().map(|(_, m)| m.clone()).collect();
    let view = ActionsView {
        viewer: Viewer::from(researcher),
        themes,
        can_edit: can_edit(&project),
        form,
        problems,
        project,
    };
    let status = form_status(view.problems.is_empty());
    Ok(page(state, status, t!(tr, "action-plan"), move || {
        view! { <ActionsPage page=view.clone() /> }
    })
    .await)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PlanQuery {
    /// Make an action from this insight.
    inzicht: Option<i64>,
    thema: Option<String>,
}

/// `GET /beheer/projecten/{key}/acties`: the plan van aanpak per theme; with `inzicht`, the
/// form starts from that insight.
pub async fn plan(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsViewer>,
    Query(query): Query<PlanQuery>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let mut form = ActionFormValues {
        theme: query.thema.unwrap_or_default(),
        starts_on: state.clock.today().to_string(),
        status: ActionStatus::Gepland.as_str().into(),
        ..Default::default()
    };
    if let Some(id) = query.inzicht {
        let (insight, named) = insight_of(&state, &tr, project.id, id)
            .await?
            .ok_or(WorkspaceError::NotFound)?;
        form.theme = insight.theme;
        form.insight = Some((insight.id, named));
    }
    plan_page(&state, &researcher, project, form).await
}

/// `POST /beheer/projecten/{key}/acties`: a new action (from an insight, when given).
pub async fn create(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Form(form): Form<ActionForm>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    let insight = match form.insight.trim() {
        "" => None,
        id => Some(id.parse::<i64>().ok().ok_or(WorkspaceError::NotFound)?),
    };
    let named = match insight {
        Some(id) => Some(
            insight_of(&state, &tr, project.id, id)
                .await?
                .map(|(i, named)| (i.id, named))
                .ok_or(WorkspaceError::NotFound)?,
        ),
        None => None,
    };
    let draft = match form.draft(&tr, &themes) {
        Ok(draft) => draft,
        Err(errors) => {
            return plan_page(&state, &researcher, project, form.values(named, errors)).await;
        }
    };
    let Some(id) = state
        .db
        .create_action(project.id, &draft, insight)
        .await
        .map_err(internal)?
    else {
        return Err(WorkspaceError::NotFound);
    };
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "action created",
            &format!("action {id}: {}", draft.title),
        )
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{}/acties/{id}", project.key)).into_response())
}

/// What the action page shows besides the action, as typed into its forms.
#[derive(Default)]
struct Typed {
    form: Option<ActionFormValues>,
    log: (String, String, String),
    log_errors: Vec<(&'static str, String)>,
    problems: Vec<String>,
}

async fn action_page(
    state: &AppState,
    researcher: &Researcher,
    project: ProjectSummary,
    id: i64,
    typed: Typed,
) -> Result<Response, WorkspaceError> {
    let tr = tr(state);
    let Some(detail) = state.db.action(project.id, id).await.map_err(internal)? else {
        return Err(WorkspaceError::NotFound);
    };
    let facts = ProjectFacts::read(state, &tr, project.id).await?;
    let data = closed_data(state, project.id, &facts).await?;
    let with = [(detail.action.clone(), detail.indicators.clone())];
    let indicators = action_indicators(state, &tr, project.id, &facts, &data, &with)
        .await?
        .pop()
        .unwrap_or_default();
    let insight_choices = state
        .db
        .linked_insights(project.id, None, Some(&detail.action.theme))
        .await
        .map_err(internal)?;
    let a = &detail.action;
    let form = typed.form.unwrap_or_else(|| ActionFormValues {
        theme: a.theme.clone(),
        title: a.title.clone(),
        description: a.description.clone(),
        taken_on_by: a.taken_on_by.clone(),
        starts_on: a.starts_on.to_string(),
        status: a.status.as_str().into(),
        ..Default::default()
    });
    let mut problems = typed.problems;
    problems.extend(form.errors.iter().map(|(_, m)| m.clone()));
    problems.extend(typed.log_errors.iter().map(|(_, m)| m.clone()));
    let log = if typed.log.0.is_empty() && typed.log_errors.is_empty() {
        (
            state.clock.today().to_string(),
            String::new(),
            String::new(),
        )
    } else {
        typed.log
    };
    let view = ActionView {
        viewer: Viewer::from(researcher),
        theme_title: facts
            .themes
            .iter()
            .find(|t| t.key == a.theme)
            .map_or_else(|| a.theme.clone(), |t| t.title.clone()),
        themes: themes_of(&facts),
        code_choices: facts.codes.iter().map(|c| (c.id, c.name.clone())).collect(),
        insight_choices,
        measure_choices: measure_choices(&tr, &facts),
        can_edit: can_edit(&project),
        indicators,
        form,
        log_form: log,
        log_errors: typed.log_errors,
        problems,
        detail,
        project,
    };
    let status = form_status(view.problems.is_empty());
    let title = view.detail.action.title.clone();
    Ok(page(state, status, title, move || {
        view! { <ActionPage page=view.clone() /> }
    })
    .await)
}

/// `GET /beheer/projecten/{key}/acties/{id}`
pub async fn action(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsViewer>,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, WorkspaceError> {
    action_page(&state, &researcher, project, id, Typed::default()).await
}

/// After a change in storage: 404 when it touched nothing of the project's, else the change
/// goes into the audit log.
async fn audited(
    state: &AppState,
    researcher: &Researcher,
    project: &ProjectSummary,
    changed: bool,
    what: &str,
    detail: String,
) -> Result<(), WorkspaceError> {
    if !changed {
        return Err(WorkspaceError::NotFound);
    }
    researcher
        .audit(&state.db, Some(project.id), what, &detail)
        .await
}

fn to_action(key: &str, id: i64) -> Response {
    Redirect::to(&format!("/beheer/projecten/{key}/acties/{id}")).into_response()
}

/// `POST /beheer/projecten/{key}/acties/{id}`: changes what the action is, who takes it on,
/// from when and how far it is.
pub async fn update(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<ActionForm>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    let draft = match form.draft(&tr, &themes) {
        Ok(draft) => draft,
        Err(errors) => {
            let typed = Typed {
                form: Some(form.values(None, errors)),
                ..Default::default()
            };
            return action_page(&state, &researcher, project, id, typed).await;
        }
    };
    let changed = state
        .db
        .update_action(project.id, id, &draft)
        .await
        .map_err(internal)?;
    let detail = format!("action {id}: {} ({})", draft.title, draft.status.as_str());
    audited(
        &state,
        &researcher,
        &project,
        changed,
        "action changed",
        detail,
    )
    .await?;
    Ok(to_action(&key, id))
}

/// `POST /beheer/projecten/{key}/acties/{id}/verwijderen`
pub async fn delete(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id)): Path<(String, i64)>,
) -> Result<Response, WorkspaceError> {
    let Some(ActionDetail { action, .. }) =
        state.db.action(project.id, id).await.map_err(internal)?
    else {
        return Err(WorkspaceError::NotFound);
    };
    let changed = state
        .db
        .delete_action(project.id, id)
        .await
        .map_err(internal)?;
    audited(
        &state,
        &researcher,
        &project,
        changed,
        "action deleted",
        format!("action {id}: {}", action.title),
    )
    .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/acties")).into_response())
}

/// `code-12` or `inzicht-7`.
fn link_target(text: &str) -> Option<ActionLink> {
    let (kind, id) = text.trim().split_once('-')?;
    let id = id.parse().ok()?;
    match kind {
        "code" => Some(ActionLink::Code(id)),
        "inzicht" => Some(ActionLink::Insight(id)),
        _ => None,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    target: String,
}

/// `POST /beheer/projecten/{key}/acties/{id}/koppelingen`: a code or insight the action
/// answers.
pub async fn link(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<LinkForm>,
) -> Result<Response, WorkspaceError> {
    let target = link_target(&form.target).ok_or(WorkspaceError::NotFound)?;
    let changed = state
        .db
        .link_to_action(project.id, id, target)
        .await
        .map_err(internal)?;
    audited(
        &state,
        &researcher,
        &project,
        changed,
        "action linked",
        format!("action {id}: {}", form.target.trim()),
    )
    .await?;
    Ok(to_action(&key, id))
}

/// `POST /beheer/projecten/{key}/acties/{id}/koppelingen/{link}/verwijderen`
pub async fn unlink(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id, link)): Path<(String, i64, String)>,
) -> Result<Response, WorkspaceError> {
    let target = link_target(&link).ok_or(WorkspaceError::NotFound)?;
    let changed = state
        .db
        .unlink_from_action(project.id, id, target)
        .await
        .map_err(internal)?;
    audited(
        &state,
        &researcher,
        &project,
        changed,
        "action unlinked",
        format!("action {id}: {link}"),
    )
    .await?;
    Ok(to_action(&key, id))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct IndicatorForm {
    measure: String,
    audience: String,
}

/// `POST /beheer/projecten/{key}/acties/{id}/indicatoren`: a closed question or a code among
/// an audience that the action should move.
pub async fn add_indicator(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<IndicatorForm>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    if state
        .db
        .action(project.id, id)
        .await
        .map_err(internal)?
        .is_none()
    {
        return Err(WorkspaceError::NotFound);
    }
    let facts = ProjectFacts::read(&state, &tr, project.id).await?;
    let measure = Measure::from_value(&form.measure);
    let audience = form.audience.parse::<Audience>().ok();
    let problem = match (&measure, audience) {
        (Some(m), Some(a)) => match fits(&facts, m, a) {
            Fits::Yes => None,
            Fits::UnknownMeasure => Some(t!(tr, "action-problem-measure")),
            Fits::NotForAudience => Some(t!(tr, "action-problem-audience")),
        },
        (None, _) => Some(t!(tr, "action-problem-measure")),
        (_, None) => Some(t!(tr, "action-problem-audience")),
    };
    let (Some(measure), Some(audience), None) = (measure, audience, &problem) else {
        let typed = Typed {
            problems: problem.into_iter().collect(),
            ..Default::default()
        };
        return action_page(&state, &researcher, project, id, typed).await;
    };
    let changed = state
        .db
        .add_indicator(project.id, id, audience, &measure)
        .await
        .map_err(internal)?;
    audited(
        &state,
        &researcher,
        &project,
        changed,
        "action indicator added",
        format!("action {id}: {} {}", audience.as_str(), measure.to_value()),
    )
    .await?;
    Ok(to_action(&key, id))
}

/// `POST /beheer/projecten/{key}/acties/{id}/indicatoren/{indicator}/verwijderen`
pub async fn remove_indicator(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id, indicator)): Path<(String, i64, i64)>,
) -> Result<Response, WorkspaceError> {
    let changed = state
        .db
        .remove_indicator(project.id, id, indicator)
        .await
        .map_err(internal)?;
    audited(
        &state,
        &researcher,
        &project,
        changed,
        "action indicator removed",
        format!("action {id}: indicator {indicator}"),
    )
    .await?;
    Ok(to_action(&key, id))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LogForm {
    noted_on: String,
    text: String,
    number: String,
}

/// `POST /beheer/projecten/{key}/acties/{id}/logboek`: what was made available or what it
/// produced, on a day, with a number when there is one.
pub async fn add_log_entry(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<LogForm>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let mut problems: Vec<(&'static str, FieldProblem)> = Vec::new();
    let noted_on = parse_date(&form.noted_on);
    if noted_on.is_none() {
        problems.push(("noted_on", FieldProblem::NotADate));
    }
    let number = parse_number(&form.number).unwrap_or_else(|p| {
        problems.push(("number", p));
        None
    });
    let entry = LogDraft {
        noted_on: noted_on.unwrap_or(time::Date::MIN),
        text: form.text.trim().to_owned(),
        number,
    };
    if let Err(errors) = entry.validate() {
        problems.extend(field_problems(&errors));
    }
    if !problems.is_empty() {
        let typed = Typed {
            log: (form.noted_on, form.text, form.number),
            log_errors: problems
                .into_iter()
                .map(|(f, p)| (f, problem_text(&tr, f, p)))
                .collect(),
            ..Default::default()
        };
        return action_page(&state, &researcher, project, id, typed).await;
    }
    let changed = state
        .db
        .add_log_entry(project.id, id, &entry)
        .await
        .map_err(internal)?;
    audited(
        &state,
        &researcher,
        &project,
        changed,
        "action log added",
        format!("action {id}: {}", entry.noted_on),
    )
    .await?;
    Ok(to_action(&key, id))
}

/// `POST /beheer/projecten/{key}/acties/{id}/logboek/{entry}/verwijderen`
pub async fn remove_log_entry(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id, entry)): Path<(String, i64, i64)>,
) -> Result<Response, WorkspaceError> {
    let changed = state
        .db
        .remove_log_entry(project.id, id, entry)
        .await
        .map_err(internal)?;
    audited(
        &state,
        &researcher,
        &project,
        changed,
        "action log removed",
        format!("action {id}: entry {entry}"),
    )
    .await?;
    Ok(to_action(&key, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets_name_a_code_or_an_insight() {
        assert_eq!(link_target("code-12"), Some(ActionLink::Code(12)));
        assert_eq!(link_target("inzicht-7"), Some(ActionLink::Insight(7)));
        for bad in ["", "code-", "code-x", "thema-1", "12"] {
            assert_eq!(link_target(bad), None, "{bad}");
        }
    }
}
