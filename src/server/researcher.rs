//! The researchers' workspace: login, projects, invitation links (QR codes, flyers, open and
//! close), members and accounts. Every handler first establishes who is asking and what
//! their role allows (`Researcher`, `Researcher::project`), then acts, then writes the
//! audit log for every change.

use super::AppState;
use super::auth::{self, Researcher};
use super::render::{PageFrame, render};
use super::workspace::{AsEditor, AsOwner, AsViewer, InProject, WorkspaceError};
use crate::domain::account::{Email, Role, WeakPassword, check_new_password};
use crate::domain::privacy::{PersonalData, redact, scan};
use crate::domain::{Audience, InvitationCode, LinkSpec};
use crate::i18n::Tr;
use crate::storage::{ProjectSummary, ResponseFilter, StorageError};
use crate::t;
use crate::ui::labels::answer_label;
use crate::ui::researcher::{
    AccountsPage, AccountsView, AnswerLine, AuditPage, AuditView, FilterValues, FlyerPage,
    FlyerView, LinkRow, PasswordPage, PasswordView, ProjectPage, ProjectView, ProjectsPage,
    ProjectsView, ResponsePage, ResponseView, ResponsesPage, ResponsesView, Viewer, audience_name,
};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

pub(super) fn internal(e: impl std::fmt::Display) -> WorkspaceError {
    WorkspaceError::Internal(e.to_string())
}

pub(super) fn tr(state: &AppState) -> Tr {
    state.translations.get(None)
}

/// 200 for a page shown as asked, 422 for a form shown again with what must be fixed.
pub(super) fn form_status(fine: bool) -> StatusCode {
    if fine {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// A researcher page without islands.
pub(super) async fn page<F, V>(
    state: &AppState,
    status: StatusCode,
    title: String,
    body: F,
) -> Response
where
    F: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    page_with(state, status, title, false, body).await
}

/// A researcher page; `islands` when it has interactive parts.
pub(super) async fn page_with<F, V>(
    state: &AppState,
    status: StatusCode,
    title: String,
    islands: bool,
    body: F,
) -> Response
where
    F: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let tr = tr(state);
    let title = format!("{title} – {}", t!(tr, "researcher-site"));
    render(state, status, PageFrame { tr, title, islands }, body).await
}

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
    // Counts of responses below the project's threshold are not shown to viewers.
    let threshold = db.report_threshold(project.id).await.map_err(internal)? as i64;
    let links = db
        .project_links(project.id)
        .await
        .map_err(internal)?
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
            responses: if role.allows(Role::Researcher) || l.responses >= threshold {
                l.responses.to_string()
            } else {
                t!(tr, "researcher-responses-suppressed", threshold = threshold)
            },
        })
        .collect();
    let description = db.project_description(project.id).await.map_err(internal)?;
    let view = ProjectView {
        viewer: Viewer::from(researcher),
        description,
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

pub(super) fn back_to(key: &str) -> Response {
    Redirect::to(&format!("/beheer/projecten/{key}")).into_response()
}

#[derive(Deserialize)]
pub struct NewLinkForm {
    questionnaire: String,
    audience: Audience,
    wave: String,
    #[serde(default)]
    group: String,
}

/// `POST /beheer/projecten/{key}/links`: a new invitation link.
pub async fn create_link(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(key): Path<String>,
    Form(form): Form<NewLinkForm>,
) -> Result<Response, WorkspaceError> {
    let group = Some(form.group.trim().to_owned()).filter(|g| !g.is_empty());
    if group.as_ref().is_some_and(|g| g.chars().count() > 100) {
        return Err(WorkspaceError::Invalid);
    }
    let spec = LinkSpec {
        questionnaire: form.questionnaire,
        audience: form.audience,
        wave: form.wave,
        group,
        code: None,
    };
    let code = match state
        .db
        .create_link(project.id, &spec, || {
            InvitationCode::from_random(rand::random())
        })
        .await
    {
        Ok(code) => code,
        Err(StorageError::Conflict(_)) => return Err(WorkspaceError::Invalid),
        Err(e) => return Err(internal(e)),
    };
    let detail = format!(
        "{code}: {} · {} · {}",
        spec.questionnaire, spec.audience, spec.wave
    );
    researcher
        .audit(&state.db, Some(project.id), "link created", &detail)
        .await?;
    Ok(back_to(&key))
}

/// `POST /beheer/projecten/{key}/links/{code}/sluiten` and `…/openen`.
pub async fn set_link_open(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, code, action)): Path<(String, String, String)>,
) -> Result<Response, WorkspaceError> {
    let open = match action.as_str() {
        "openen" => true,
        "sluiten" => false,
        _ => return Err(WorkspaceError::NotFound),
    };
    let code = InvitationCode::parse(&code).map_err(|_| WorkspaceError::NotFound)?;
    if state
        .db
        .set_link_open(project.id, &code, open)
        .await
        .map_err(internal)?
    {
        let action = if open { "link reopened" } else { "link closed" };
        researcher
            .audit(&state.db, Some(project.id), action, code.as_str())
            .await?;
    }
    Ok(back_to(&key))
}

/// The link of a project with this code, as a full URL with its audience.
async fn project_link(
    state: &AppState,
    project: &ProjectSummary,
    code: &str,
) -> Result<(String, Audience), WorkspaceError> {
    let links = state.db.project_links(project.id).await.map_err(internal)?;
    let link = links
        .into_iter()
        .find(|l| l.code.as_str() == code)
        .ok_or(WorkspaceError::NotFound)?;
    Ok((
        format!("{}/{}", state.public_base, link.code),
        link.audience,
    ))
}

fn qr(url: &str) -> Result<qrcode::QrCode, WorkspaceError> {
    qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(internal)
}

/// The QR code as SVG, labelled for screen readers.
fn qr_svg(url: &str) -> Result<String, WorkspaceError> {
    let svg = qr(url)?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(320, 320)
        .quiet_zone(true)
        .build();
    let svg = svg
        .split_once("<svg")
        .map_or(svg.clone(), |(_, rest)| format!("<svg{rest}"));
    Ok(svg.replacen(
        "<svg",
        &format!("<svg role=\"img\" aria-label=\"QR-code: {url}\""),
        1,
    ))
}

/// `GET …/links/{code}/qr.svg`
pub async fn qr_code_svg(
    State(state): State<AppState>,
    InProject { project, .. }: InProject<AsViewer>,
    Path((_, code)): Path<(String, String)>,
) -> Result<Response, WorkspaceError> {
    let (url, _) = project_link(&state, &project, &code).await?;
    let svg = qr_svg(&url)?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("image/svg+xml"),
        )],
        svg,
    )
        .into_response())
}

/// `GET …/links/{code}/qr.png`: 10 pixels per module, for print.
pub async fn qr_code_png(
    State(state): State<AppState>,
    InProject { project, .. }: InProject<AsViewer>,
    Path((_, code)): Path<(String, String)>,
) -> Result<Response, WorkspaceError> {
    let (url, _) = project_link(&state, &project, &code).await?;
    let png = qr_png(&qr(&url)?, 10).map_err(internal)?;
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static("image/png"))],
        png,
    )
        .into_response())
}

/// Draws a QR code as a black-and-white PNG with a quiet zone of four modules.
fn qr_png(code: &qrcode::QrCode, scale: usize) -> Result<Vec<u8>, png::EncodingError> {
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 8) * scale;
    let mut pixels = vec![255_u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = ((i % modules + 4) * scale, (i / modules + 4) * scale);
            for row in y..y + scale {
                pixels[row * side + x..row * side + x + scale].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    let side = u32::try_from(side).unwrap_or(u32::MAX);
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header()?.write_image_data(&pixels)?;
    Ok(out)
}

/// `GET …/links/{code}/flyer`: an A4 page to print.
pub async fn flyer(
    State(state): State<AppState>,
    InProject { project, .. }: InProject<AsViewer>,
    Path((_, code)): Path<(String, String)>,
) -> Result<Response, WorkspaceError> {
    let (url, audience) = project_link(&state, &project, &code).await?;
    let view = FlyerView {
        project: project.name.clone(),
        audience,
        qr_svg: qr_svg(&url)?,
        url,
    };
    let title = t!(tr(&state), "flyer-title");
    Ok(page(
        &state,
        StatusCode::OK,
        title,
        move || view! { <FlyerPage page=view.clone() /> },
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

async fn accounts_page(
    state: &AppState,
    researcher: &Researcher,
    errors: Vec<String>,
    email: String,
) -> Result<Response, WorkspaceError> {
    let view = AccountsView {
        viewer: Viewer::from(researcher),
        users: state.db.users().await.map_err(internal)?,
        projects: state
            .db
            .projects_for(&researcher.user)
            .await
            .map_err(internal)?,
        errors,
        email,
    };
    let status = form_status(view.errors.is_empty());
    let title = t!(tr(state), "researcher-accounts-title");
    Ok(page(
        state,
        status,
        title,
        move || view! { <AccountsPage page=view.clone() /> },
    )
    .await)
}

/// `GET /beheer/accounts`: administrators only.
pub async fn accounts(
    State(state): State<AppState>,
    researcher: Researcher,
) -> Result<Response, WorkspaceError> {
    researcher.require_admin()?;
    accounts_page(&state, &researcher, Vec::new(), String::new()).await
}

#[derive(Deserialize)]
pub struct NewAccountForm {
    email: String,
    password: String,
    #[serde(default)]
    is_admin: Option<String>,
}

pub fn password_message(tr: &Tr, weak: WeakPassword) -> String {
    match weak {
        WeakPassword::TooShort => t!(tr, "researcher-password-too-short"),
        WeakPassword::TooLong => t!(tr, "researcher-password-too-long"),
        WeakPassword::Common => t!(tr, "researcher-password-common"),
        WeakPassword::ContainsEmail => t!(tr, "researcher-password-contains-email"),
    }
}

/// `POST /beheer/accounts`: an administrator creates an account.
pub async fn create_account(
    State(state): State<AppState>,
    researcher: Researcher,
    Form(form): Form<NewAccountForm>,
) -> Result<Response, WorkspaceError> {
    researcher.require_admin()?;
    let tr = tr(&state);
    let Ok(email) = Email::parse(&form.email) else {
        return accounts_page(
            &state,
            &researcher,
            vec![t!(tr, "researcher-account-bad-email")],
            form.email,
        )
        .await;
    };
    if let Err(weak) = check_new_password(&form.password, &email) {
        return accounts_page(
            &state,
            &researcher,
            vec![password_message(&tr, weak)],
            form.email,
        )
        .await;
    }
    let hash = auth::hash_password(form.password).await.map_err(internal)?;
    match state
        .db
        .create_user(&email, &hash, form.is_admin.is_some())
        .await
    {
        Ok(_) => {}
        Err(StorageError::Conflict(_)) => {
            return accounts_page(
                &state,
                &researcher,
                vec![t!(tr, "researcher-account-exists")],
                form.email,
            )
            .await;
        }
        Err(e) => return Err(internal(e)),
    }
    researcher
        .audit(&state.db, None, "account created", email.as_str())
        .await?;
    Ok(Redirect::to("/beheer/accounts").into_response())
}

#[derive(Deserialize)]
pub struct AccessForm {
    email: String,
    project: String,
    role: Role,
}

/// `POST /beheer/accounts/toegang`: an administrator gives an account a role in a project.
pub async fn grant_access(
    State(state): State<AppState>,
    researcher: Researcher,
    Form(form): Form<AccessForm>,
) -> Result<Response, WorkspaceError> {
    researcher.require_admin()?;
    let project = state
        .db
        .project_for(&researcher.user, &form.project)
        .await
        .map_err(internal)?
        .ok_or(WorkspaceError::NotFound)?;
    let email = Email::parse(&form.email).map_err(|_| WorkspaceError::Invalid)?;
    let user = state
        .db
        .user_by_email(&email)
        .await
        .map_err(internal)?
        .ok_or(WorkspaceError::NotFound)?;
    state
        .db
        .set_membership(user.id, project.id, form.role)
        .await
        .map_err(internal)?;
    let detail = format!("{} as {}", user.email, form.role.as_str());
    researcher
        .audit(&state.db, Some(project.id), "member added", &detail)
        .await?;
    Ok(Redirect::to("/beheer/accounts").into_response())
}

/// At most this many responses are listed at once.
const RESPONSE_LIST_LIMIT: usize = 200;

#[derive(Debug, Default, Deserialize)]
pub struct ResponsesQuery {
    #[serde(default)]
    vragenlijst: String,
    #[serde(default)]
    doelgroep: String,
    #[serde(default)]
    meetmoment: String,
    #[serde(default)]
    van: String,
    #[serde(default)]
    tot: String,
}

fn parse_date(text: &str) -> Option<time::Date> {
    time::Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// `GET /beheer/projecten/{key}/antwoorden`: researchers and owners, never viewers.
pub async fn responses(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    axum::extract::Query(query): axum::extract::Query<ResponsesQuery>,
) -> Result<Response, WorkspaceError> {
    let filter = ResponseFilter {
        questionnaire: Some(query.vragenlijst.clone()).filter(|q| !q.is_empty()),
        audience: query.doelgroep.parse().ok(),
        wave: Some(query.meetmoment.clone()).filter(|w| !w.is_empty()),
        from: parse_date(&query.van),
        until: parse_date(&query.tot),
    };
    let questionnaires = state
        .db
        .project_questionnaires(project.id)
        .await
        .map_err(internal)?;
    let titles: std::collections::HashMap<String, String> = questionnaires
        .iter()
        .map(|q| (q.key.clone(), q.questionnaire.title.clone()))
        .collect();
    let rows = state
        .db
        .project_responses(project.id, &filter, RESPONSE_LIST_LIMIT as i64)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|row| {
            let title = titles
                .get(&row.questionnaire)
                .cloned()
                .unwrap_or_else(|| row.questionnaire.clone());
            (row, title)
        })
        .collect();
    let view = ResponsesView {
        viewer: Viewer::from(&researcher),
        questionnaires: questionnaires
            .iter()
            .map(|q| (q.key.clone(), q.questionnaire.title.clone()))
            .collect(),
        waves: state
            .db
            .project_waves(project.id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|w| (w.key, w.name))
            .collect(),
        filter: FilterValues {
            questionnaire: query.vragenlijst,
            audience: query.doelgroep,
            wave: query.meetmoment,
            from: query.van,
            until: query.tot,
        },
        rows,
        limit: RESPONSE_LIST_LIMIT,
        project,
    };
    let title = t!(tr(&state), "researcher-responses-title");
    Ok(page(
        &state,
        StatusCode::OK,
        title,
        move || view! { <ResponsesPage page=view.clone() /> },
    )
    .await)
}

async fn response_page(
    state: &AppState,
    researcher: &Researcher,
    project: ProjectSummary,
    id: i64,
    error: Option<String>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(state);
    let (row, answers) = state
        .db
        .project_response(project.id, id)
        .await
        .map_err(internal)?
        .ok_or(WorkspaceError::NotFound)?;
    let questionnaire = state
        .db
        .questionnaire_version(row.version_id)
        .await
        .map_err(internal)?;
    let applied = state
        .db
        .answer_codes(project.id, id)
        .await
        .map_err(internal)?;
    let code_options: Vec<(i64, String)> = state
        .db
        .codes(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let flags = state
        .db
        .answer_flags(project.id, id)
        .await
        .map_err(internal)?;
    let answers = questionnaire
        .questions_for(row.audience)
        .map(|q| {
            let question = q
                .wording_for(row.audience)
                .map(|w| w.text.clone())
                .unwrap_or_default();
            let answer = answers.get(&q.key).map(|values| {
                values
                    .iter()
                    .map(|v| answer_label(&tr, &q.kind, v))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            let flag = flags.get(&q.key).filter(|f| !f.reviewed).map(|f| {
                let kinds = f
                    .kinds
                    .iter()
                    .map(|k| kind_name(&tr, *k))
                    .collect::<Vec<_>>()
                    .join(", ");
                t!(tr, "researcher-flag", kinds = kinds)
            });
            let text = answers.get(&q.key).and_then(|v| v.first());
            let codes = applied
                .iter()
                .filter(|(key, _)| *key == q.key)
                .map(|(_, a)| {
                    let fragment = a.span.zip(text).and_then(|((s, e), t)| t.get(s..e));
                    let label = match fragment {
                        Some(f) => format!("{}: “{f}”", a.code),
                        None => a.code.clone(),
                    };
                    (a.id, label)
                })
                .collect();
            let codable = q.kind.is_text() && text.is_some();
            AnswerLine {
                key: q.key.clone(),
                question,
                answer,
                flag,
                codes,
                codable,
            }
        })
        .collect();
    let status = form_status(error.is_none());
    let view = ResponseView {
        viewer: Viewer::from(researcher),
        project,
        title: questionnaire.title,
        row,
        answers,
        error,
        code_options,
    };
    let title = t!(tr, "researcher-response-title", id = id);
    Ok(page(
        state,
        status,
        title,
        move || view! { <ResponsePage page=view.clone() /> },
    )
    .await)
}

pub(super) fn kind_name(tr: &Tr, kind: PersonalData) -> String {
    match kind {
        PersonalData::Email => t!(tr, "researcher-kind-email"),
        PersonalData::Phone => t!(tr, "researcher-kind-phone"),
        PersonalData::Postcode => t!(tr, "researcher-kind-postcode"),
        PersonalData::Bsn => t!(tr, "researcher-kind-bsn"),
        PersonalData::Name => t!(tr, "researcher-kind-name"),
    }
}

/// `POST …/antwoorden/{id}/gegevens/{question}/weglaten` (redact) or `…/in-orde` (keep).
pub async fn resolve_flag(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id, question, action)): Path<(String, i64, String, String)>,
) -> Result<Response, WorkspaceError> {
    let redacted = match action.as_str() {
        "weglaten" => {
            let (_, answers) = state
                .db
                .project_response(project.id, id)
                .await
                .map_err(internal)?
                .ok_or(WorkspaceError::NotFound)?;
            let text = answers
                .get(&question)
                .and_then(|v| v.first())
                .ok_or(WorkspaceError::NotFound)?;
            Some(redact(text, &scan(text)))
        }
        "in-orde" => None,
        _ => return Err(WorkspaceError::NotFound),
    };
    if !state
        .db
        .resolve_flag(project.id, id, &question, redacted.as_deref())
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    let what = if redacted.is_some() {
        "personal data removed"
    } else {
        "personal data reviewed"
    };
    researcher
        .audit(
            &state.db,
            Some(project.id),
            what,
            &format!("response {id}, {question}"),
        )
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/antwoorden/{id}")).into_response())
}

/// `GET /beheer/projecten/{key}/antwoorden/{id}`
pub async fn response(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, WorkspaceError> {
    response_page(&state, &researcher, project, id, None).await
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    reason: String,
}

/// `POST /beheer/projecten/{key}/antwoorden/{id}/verwijderen`: with a reason, audit-logged.
pub async fn delete_response(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, WorkspaceError> {
    let reason = form.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        let error = t!(tr(&state), "researcher-response-reason-missing");
        return response_page(&state, &researcher, project, id, Some(error)).await;
    }
    if !state
        .db
        .delete_response(project.id, id)
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    let detail = format!("response {id}: {reason}");
    researcher
        .audit(&state.db, Some(project.id), "response deleted", &detail)
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/antwoorden")).into_response())
}

async fn password_page(
    state: &AppState,
    researcher: &Researcher,
    error: Option<String>,
    done: bool,
) -> Response {
    let status = form_status(error.is_none());
    let view = PasswordView {
        viewer: Viewer::from(researcher),
        error,
        done,
    };
    let title = t!(tr(state), "researcher-password-title");
    page(
        state,
        status,
        title,
        move || view! { <PasswordPage page=view.clone() /> },
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    klaar: Option<String>,
}

/// `GET /beheer/wachtwoord`
pub async fn password_form(
    State(state): State<AppState>,
    researcher: Researcher,
    axum::extract::Query(query): axum::extract::Query<DoneQuery>,
) -> Response {
    password_page(&state, &researcher, None, query.klaar.is_some()).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

/// `POST /beheer/wachtwoord`: the current password, then a new one under the policy; the
/// session gets a new id.
pub async fn change_password(
    State(state): State<AppState>,
    researcher: Researcher,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    if !auth::verify_password(form.current, Some(researcher.user.password_hash.clone())).await {
        return Ok(password_page(
            &state,
            &researcher,
            Some(t!(tr, "researcher-password-wrong")),
            false,
        )
        .await);
    }
    let email = Email::parse(&researcher.user.email).map_err(internal)?;
    if let Err(weak) = check_new_password(&form.new, &email) {
        return Ok(password_page(
            &state,
            &researcher,
            Some(password_message(&tr, weak)),
            false,
        )
        .await);
    }
    let hash = auth::hash_password(form.new).await.map_err(internal)?;
    auth::start_session(&researcher.session, &researcher.user)
        .await
        .map_err(internal)?;
    // Saved now, so that its new id is the one session of the account that stays.
    researcher.session.save().await.map_err(internal)?;
    let keep = researcher.session.id().map(|id| id.to_string());
    state
        .db
        .set_password(researcher.user.id, &hash, keep.as_deref())
        .await
        .map_err(internal)?;
    researcher
        .audit(&state.db, None, "password changed", "")
        .await?;
    Ok(Redirect::to("/beheer/wachtwoord?klaar=1").into_response())
}

/// `POST /beheer/accounts/{id}/verwijderen`: administrators remove an account (not their own).
pub async fn delete_account(
    State(state): State<AppState>,
    researcher: Researcher,
    Path(id): Path<i64>,
) -> Result<Response, WorkspaceError> {
    researcher.require_admin()?;
    if id == researcher.user.id {
        let error = t!(tr(&state), "researcher-account-delete-self");
        return accounts_page(&state, &researcher, vec![error], String::new()).await;
    }
    let user = state
        .db
        .user(id)
        .await
        .map_err(internal)?
        .ok_or(WorkspaceError::NotFound)?;
    state.db.delete_user(id).await.map_err(internal)?;
    researcher
        .audit(&state.db, None, "account deleted", &user.email)
        .await?;
    Ok(Redirect::to("/beheer/accounts").into_response())
}
