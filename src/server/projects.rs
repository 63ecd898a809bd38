//! The projects an account may open, one project's page, its members and its audit log.

use super::AppState;
use super::auth::Researcher;
use super::comparison::{ProjectFacts, ResponseCount, cell_text, closed_data};
use super::workspace::{AsOwner, AsViewer, InProject, WorkspaceError};
use super::workspace::{back_to, form_status, internal, page, tr};
use crate::domain::Audience;
use crate::domain::account::{Email, Role};
use crate::storage::ProjectSummary;
use crate::t;
use crate::ui::researcher::{
    AuditPage, AuditView, LinkRow, ProjectPage, ProjectView, ProjectsPage, ProjectsView, Viewer,
    audience_name,
};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;
use serde::Deserialize;
/// `GET /beheer`: the account's projects.
pub async fn projects(
    State(state): State<AppState>,
    researcher: Researcher,
) -> Result<Response, WorkspaceError> {
    let projects = state
        .db
        .projects_for(&researcher.user)
        .await
        .map_err(internal)?;
    let view = ProjectsView {
        viewer: Viewer::from(&researcher),
        projects,
    };
    let title = t!(tr(&state), "researcher-projects-title");
    Ok(page(
        &state,
        StatusCode::OK,
        title,
        move || view! { <ProjectsPage page=view.clone() /> },
    )
    .await)
}

/// `GET /beheer/projecten/{key}`
pub async fn project(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsViewer>,
) -> Result<Response, WorkspaceError> {
    project_page(&state, &researcher, project, Vec::new(), Default::default()).await
}

/// The project page; `errors` and a rejected `definition` (text, problems) are shown on it.
pub(super) async fn project_page(
    state: &AppState,
    researcher: &Researcher,
    project: ProjectSummary,
    errors: Vec<String>,
    definition: (String, Vec<String>),
) -> Result<Response, WorkspaceError> {
    let tr = tr(state);
    let db = &state.db;
    let role = project.role.unwrap_or(Role::Viewer);
    let questionnaires = db
        .project_questionnaires(project.id)
        .await
        .map_err(internal)?;
    let titles: std::collections::HashMap<String, String> = questionnaires
        .iter()
        .map(|q| (q.key.clone(), q.questionnaire.title.clone()))
        .collect();
    let threshold = db.report_threshold(project.id).await.map_err(internal)?;
    // Viewers see counts as protected together with the method note's; the others the counts.
    let (links, protected) = if role.allows(Role::Researcher) {
        let links = db.project_links(project.id).await.map_err(internal)?;
        (links, None)
    } else {
        let facts = ProjectFacts::read(state, &tr, project.id).await?;
        let data = closed_data(state, project.id, &facts).await?;
        (data.links.clone(), Some(data))
    };
    let links = links
        .into_iter()
        .map(|l| LinkRow {
            code: l.code.to_string(),
            url: format!("{}/{}", state.public_base, l.code),
            questionnaire: titles
                .get(&l.questionnaire)
                .cloned()
                .unwrap_or(l.questionnaire),
            audience: l.audience,
            wave: l.wave,
            group: l.group,
            closed: l.closed,
            responses: match &protected {
                None => l.responses.to_string(),
                Some(protected) => cell_text(
                    &tr,
                    protected.responses(&ResponseCount::Link(l.code.to_string())),
                    threshold,
                ),
            },
        })
        .collect();
    let description = db.project_description(project.id).await.map_err(internal)?;
    let view = ProjectView {
        viewer: Viewer::from(researcher),
        description,
        formal: db.formal_audiences(project.id).await.map_err(internal)?,
        questionnaires: questionnaires
            .iter()
            .map(|q| {
                let counts = Audience::ALL
                    .into_iter()
                    .map(|a| (a, q.questionnaire.questions_for(a).count()))
                    .filter(|(_, n)| *n > 0)
                    .map(|(a, n)| format!("{} {n}", audience_name(&tr, a)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                (
                    q.key.clone(),
                    q.questionnaire.title.clone(),
                    q.version,
                    counts,
                )
            })
            .collect(),
        waves: db.project_waves(project.id).await.map_err(internal)?,
        links,
        members: if role.allows(Role::Owner) {
            db.members(project.id).await.map_err(internal)?
        } else {
            Vec::new()
        },
        themes: db.project_themes(project.id).await.map_err(internal)?,
        definition,
        can_edit: role.allows(Role::Researcher),
        is_owner: role.allows(Role::Owner),
        errors,
        project,
    };
    let title = view.project.name.clone();
    let status = form_status(view.errors.is_empty() && view.definition.1.is_empty());
    Ok(page(
        state,
        status,
        title,
        move || view! { <ProjectPage page=view.clone() /> },
    )
    .await)
}

#[derive(Deserialize)]
pub struct MemberForm {
    email: String,
    #[serde(default)]
    role: Option<Role>,
}

/// `POST /beheer/projecten/{key}/leden`: an owner gives an account a role.
pub async fn add_member(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsOwner>,
    Path(key): Path<String>,
    Form(form): Form<MemberForm>,
) -> Result<Response, WorkspaceError> {
    let user = match Email::parse(&form.email) {
        Ok(email) => state.db.user_by_email(&email).await.map_err(internal)?,
        Err(_) => None,
    };
    let Some(user) = user else {
        let error = t!(tr(&state), "researcher-member-unknown");
        return project_page(
            &state,
            &researcher,
            project,
            vec![error],
            Default::default(),
        )
        .await;
    };
    let role = form.role.unwrap_or(Role::Researcher);
    state
        .db
        .set_membership(user.id, project.id, role)
        .await
        .map_err(internal)?;
    let detail = format!("{} as {}", user.email, role.as_str());
    researcher
        .audit(&state.db, Some(project.id), "member added", &detail)
        .await?;
    Ok(back_to(&key))
}

/// `POST /beheer/projecten/{key}/leden/verwijderen`
pub async fn remove_member(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsOwner>,
    Path(key): Path<String>,
    Form(form): Form<MemberForm>,
) -> Result<Response, WorkspaceError> {
    if let Ok(email) = Email::parse(&form.email)
        && let Some(user) = state.db.user_by_email(&email).await.map_err(internal)?
        && state
            .db
            .remove_membership(user.id, project.id)
            .await
            .map_err(internal)?
    {
        researcher
            .audit(&state.db, Some(project.id), "member removed", &user.email)
            .await?;
    }
    Ok(back_to(&key))
}

/// `GET /beheer/projecten/{key}/logboek`: owners read the audit log.
pub async fn audit_log(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsOwner>,
) -> Result<Response, WorkspaceError> {
    let entries = state
        .db
        .audit_log(project.id, 500)
        .await
        .map_err(internal)?;
    let view = AuditView {
        viewer: Viewer::from(&researcher),
        project,
        entries,
    };
    let title = t!(tr(&state), "researcher-audit");
    Ok(page(
        &state,
        StatusCode::OK,
        title,
        move || view! { <AuditPage page=view.clone() /> },
    )
    .await)
}
