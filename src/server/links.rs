//! Invitation links of a project: made, closed and reopened; QR codes and printable flyers.

use super::AppState;
use super::workspace::{AsEditor, AsViewer, InProject, WorkspaceError};
use super::workspace::{back_to, internal, page, tr};
use crate::domain::{Audience, InvitationCode, LinkSpec};
use crate::storage::{ProjectSummary, StorageError};
use crate::t;
use crate::ui::researcher::{FlyerPage, FlyerView};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use serde::Deserialize;
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
    // Another project's link (or none) is not found, whether or not it would change.
    project_link(&state, &project, code.as_str()).await?;
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
