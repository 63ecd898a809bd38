//! `GET /beheer/projecten/{key}/presentatie/{theme}/{screen}`: a theme for the projector,
//! one thing per screen, made from the same comparison (and so the same suppression) as the
//! comparison page and the report.

use super::{ComparisonQuery, ProjectFacts, Resolved, closed_data, theme_comparison};
use crate::i18n::Tr;
use crate::server::AppState;
use crate::server::render::{PageFrame, render};
use crate::server::workspace::{AsViewer, InProject, WorkspaceError, tr};
use crate::t;
use crate::ui::researcher::{
    PresentationPage, PresentationView, Screen, Selection, ThemeComparison,
};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

/// The screens of a theme, in the order of the joint session: the theme, what every group
/// names, what only some name, each audience in its own words, where groups clearly differ,
/// each closed question, what changed, and the actions.
fn screens(tr: &Tr, theme: &ThemeComparison) -> Vec<Screen> {
    let s = &theme.summary;
    let mut out = vec![
        Screen::Title {
            title: theme.title.clone(),
            description: theme.description.clone(),
        },
        Screen::List {
            heading: t!(tr, "summary-shared"),
            items: s.shared.clone(),
            empty: t!(tr, "summary-shared-none"),
        },
        Screen::List {
            heading: t!(tr, "summary-differs"),
            items: s.differs.clone(),
            empty: t!(tr, "summary-differs-none"),
        },
    ];
    out.extend(s.quotes.iter().map(|(who, quotes)| Screen::Quotes {
        heading: t!(tr, "presentation-quotes", audience = who.clone()),
        quotes: quotes.clone(),
    }));
    out.push(Screen::List {
        heading: t!(tr, "summary-differences"),
        items: s.differences.clone(),
        empty: t!(tr, "summary-differences-none"),
    });
    out.extend(
        theme
            .questions
            .iter()
            .map(|q| Screen::Question(Box::new(q.clone()))),
    );
    if let Some((heading, changes)) = &s.changes {
        out.push(Screen::List {
            heading: heading.clone(),
            items: changes.clone(),
            empty: String::new(),
        });
    }
    if !theme.actions.is_empty() {
        out.push(Screen::Actions(theme.actions.clone()));
    }
    out
}

pub async fn presentation(
    State(state): State<AppState>,
    InProject { project, .. }: InProject<AsViewer>,
    Path((_, theme, screen)): Path<(String, String, usize)>,
    Query(query): Query<ComparisonQuery>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let facts = ProjectFacts::read(&state, &tr, project.id).await?;
    let mut problems = Vec::new();
    let resolved = Resolved::from_query(&facts, &query, &tr, &mut problems);
    if !problems.is_empty() {
        return Ok((StatusCode::BAD_REQUEST, problems.join(" ")).into_response());
    }
    let Some(chosen) = facts.themes.iter().find(|t| t.key == theme).cloned() else {
        return Err(WorkspaceError::NotFound);
    };
    let data = closed_data(&state, project.id, &facts).await?;
    let comparison =
        theme_comparison(&state, &tr, project.id, &facts, &resolved, &chosen, &data).await?;
    let all = screens(&tr, &comparison);
    let Some(shown) = screen.checked_sub(1).and_then(|i| all.get(i)).cloned() else {
        return Err(WorkspaceError::NotFound);
    };
    let selection = Selection {
        theme: chosen.key.clone(),
        wave: resolved.wave.clone(),
        against: resolved.against.clone(),
        filter: resolved
            .filter
            .as_ref()
            .map(|f| format!("{}={}", f.question, f.value)),
        table: false,
    };
    // The comparison's choices, without the theme (it is in the path).
    let query = selection.query(false);
    let query = match query.split_once('&') {
        Some((_, rest)) => format!("?{rest}"),
        None => String::new(),
    };
    let view = PresentationView {
        project_name: project.name.clone(),
        theme_title: comparison.title.clone(),
        screen: shown,
        number: screen,
        count: all.len(),
        base: format!(
            "/beheer/projecten/{}/presentatie/{}",
            project.key, chosen.key
        ),
        back: format!(
            "/beheer/projecten/{}/vergelijking{}",
            project.key,
            selection.query(false)
        ),
        query,
    };
    let title = t!(
        tr,
        "presentation-title",
        theme = comparison.title.clone(),
        number = screen,
        count = view.count
    );
    let frame = PageFrame {
        tr: tr.clone(),
        title,
        islands: true,
    };
    Ok(render(&state, StatusCode::OK, frame, move || {
        view! { <PresentationPage page=view.clone() /> }
    })
    .await)
}
