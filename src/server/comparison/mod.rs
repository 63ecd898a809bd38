//! The comparison per theme and the printable report: reads counts from storage, makes them
//! safe with `domain::summary` (the project's threshold, applied here on the server) and
//! lays them out as charts, tables and sentences.

#[cfg(test)]
mod audit;
mod codes;
mod following;
mod indicators;
pub(in crate::server) use indicators::{
    Fits, action_indicators, action_rows, fits, measure_choices,
};
mod moves;
mod presentation;
pub use presentation::presentation;
mod protect;
pub(in crate::server) use protect::{CodeProtection, Protection, ProtectionCache, ResponseCount};
mod questions;
mod summary;

use crate::server::workspace::{AsOwner, AsViewer, InProject, WorkspaceError};
use codes::{QUOTES_PER_CELL, code_rows};
pub(in crate::server) use questions::aggregate_rows;
pub(in crate::server) use questions::{ClosedData, closed_data};
use questions::{asked_in_theme, question_block};

use super::AppState;
use super::render::{PageFrame, render};
use crate::domain::account::Role;
use crate::domain::comparison::{Cell, MIN_THRESHOLD};
use crate::domain::tally::LANGUAGE_FILTER;
use crate::domain::translation::SOURCE_LANGUAGE;
use crate::domain::{Audience, Question, Theme, Wave};
use crate::i18n::Tr;
use crate::server::workspace::{internal, page, tr};
use crate::storage::{AnswerFilter, Code, Material, QuestionnaireSummary};
use crate::t;
use crate::ui::labels::answer_label;
use crate::ui::researcher::{
    ComparisonPage, ComparisonView, FollowingPage, FollowingView, ReportPage, ReportView,
    Selection, ThemeComparison, Viewer, audience_name,
};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

/// The query of the comparison and report pages.
#[derive(Debug, Default, Deserialize)]
pub struct ComparisonQuery {
    pub thema: Option<String>,
    pub golf: Option<String>,
    pub tegen: Option<String>,
    pub filter: Option<String>,
    pub weergave: Option<String>,
    /// The questionnaire whose linkage code the following page reads.
    pub vragenlijst: Option<String>,
    /// The report's version: `samenvatting` for one page per theme.
    pub versie: Option<String>,
}

/// A project's themes, rounds, questionnaires and threshold: read once per request.
#[derive(Clone)]
pub(super) struct ProjectFacts {
    pub themes: Vec<Theme>,
    pub waves: Vec<Wave>,
    pub questionnaires: Vec<QuestionnaireSummary>,
    pub codes: Vec<Code>,
    /// Closed questions that can narrow the comparison, as (`question=value`, label).
    pub filters: Vec<(String, String)>,
    pub threshold: u64,
}

impl ProjectFacts {
    pub(super) async fn read(
        state: &AppState,
        tr: &Tr,
        project_id: crate::storage::ProjectId,
    ) -> Result<Self, WorkspaceError> {
        let db = &state.db;
        let (themes, mut waves, questionnaires, codes, threshold, answered_in) = tokio::try_join!(
            db.project_themes(project_id),
            db.project_waves(project_id),
            db.project_questionnaires(project_id),
            db.codes(project_id),
            db.report_threshold(project_id),
            db.languages_answered(project_id),
        )
        .map_err(internal)?;
        // Oldest first: rounds are read in the order they happened.
        waves.sort_by_key(|w| w.opens);
        let mut filters = filters(tr, &questionnaires);
        filters.extend(language_filters(state, tr, &questionnaires, &answered_in));
        Ok(ProjectFacts {
            themes,
            waves,
            questionnaires,
            codes,
            filters,
            threshold: threshold.max(MIN_THRESHOLD),
        })
    }

    fn wave_name(&self, key: &str) -> String {
        self.waves
            .iter()
            .find(|w| w.key == key)
            .map_or_else(|| key.to_owned(), |w| w.name.clone())
    }
}

/// Closed questions that can narrow the comparison: single choice and yes/no, as
/// (`question=value`, label).
fn filters(tr: &Tr, questionnaires: &[QuestionnaireSummary]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for q in questionnaires
        .iter()
        .flat_map(|s| &s.questionnaire.questions)
    {
        if !q.kind.can_be_condition()
            || out
                .iter()
                .any(|(v, _): &(String, String)| v.starts_with(&format!("{}=", q.key)))
        {
            continue;
        }
        for value in q.kind.values() {
            out.push((
                format!("{}={value}", q.key),
                format!("{}: {}", question_text(q), answer_label(tr, &q.kind, value)),
            ));
        }
    }
    out
}

/// The languages responses can be in, as filters (`@taal=ar`, "Taal: العربية"): Dutch,
/// every language a questionnaire of the project is translated into and every language
/// responses and conversations are in (`answered_in`) — so that every respondent is within
/// one of them, and those who are not can never be a small rest. None when that is Dutch
/// alone. (That someone answered in a language tells no more than a count shown as zero
/// or not: zeros are always shown.)
fn language_filters(
    state: &AppState,
    tr: &Tr,
    questionnaires: &[QuestionnaireSummary],
    answered_in: &[String],
) -> Vec<(String, String)> {
    let others: std::collections::BTreeSet<&str> = questionnaires
        .iter()
        .flat_map(|s| s.questionnaire.translations.keys())
        .chain(answered_in)
        .map(String::as_str)
        .filter(|l| *l != SOURCE_LANGUAGE)
        .collect();
    if others.is_empty() {
        return Vec::new();
    }
    std::iter::once(SOURCE_LANGUAGE)
        .chain(others)
        .map(|code| {
            (
                format!("{LANGUAGE_FILTER}={code}"),
                t!(
                    tr,
                    "comparison-filter-language",
                    language = state.translations.own_name(code)
                ),
            )
        })
        .collect()
}

/// The choices of a request, checked against the project.
pub(super) struct Resolved {
    pub wave: Option<String>,
    pub against: Option<String>,
    pub filter: Option<AnswerFilter>,
}

impl Resolved {
    /// Unknown rounds and filters are reported and left out.
    fn from_query(
        facts: &ProjectFacts,
        query: &ComparisonQuery,
        tr: &Tr,
        problems: &mut Vec<String>,
    ) -> Self {
        let mut wave = |key: &Option<String>| match key.as_deref().filter(|k| !k.is_empty()) {
            None => None,
            Some(k) if facts.waves.iter().any(|w| w.key == k) => Some(k.to_owned()),
            Some(_) => {
                problems.push(t!(tr, "comparison-unknown-wave"));
                None
            }
        };
        let (wave_a, against) = (wave(&query.golf), wave(&query.tegen));
        let filter = query
            .filter
            .as_deref()
            .filter(|f| !f.is_empty())
            .and_then(|f| {
                let known = facts.filters.iter().any(|(v, _)| v == f);
                if !known {
                    problems.push(t!(tr, "comparison-unknown-filter"));
                }
                let (question, value) = f.split_once('=')?;
                known.then(|| AnswerFilter {
                    question: question.to_owned(),
                    value: value.to_owned(),
                })
            });
        // Comparing a round with itself says nothing.
        let against = against.filter(|b| Some(b) != wave_a.as_ref());
        Resolved {
            wave: wave_a,
            against,
            filter,
        }
    }

    /// The groups each audience is shown in: the round (or all rounds), and the other
    /// round when comparing.
    fn waves(&self) -> Vec<Option<String>> {
        let mut out = vec![self.wave.clone()];
        if self.against.is_some() {
            out.push(self.against.clone());
        }
        out
    }
}

/// The wording a question is known by: the young people's, else the parents', else the
/// professionals'.
fn question_text(q: &Question) -> String {
    [Audience::Youth, Audience::Parent, Audience::Professional]
        .into_iter()
        .find_map(|a| q.wording_for(a))
        .map(|w| w.text.clone())
        .unwrap_or_else(|| q.key.clone())
}

fn percent(ratio: f64) -> String {
    format!("{:.0}%", ratio * 100.0)
}

/// A number with one decimal, Dutch style.
fn decimal(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// A count as it may be shown: the number, "fewer than 5" only when it is, or "hidden" when
/// it is hidden to protect another count.
pub(in crate::server) fn cell_text(tr: &Tr, cell: Cell, threshold: u64) -> String {
    match cell {
        Cell::Shown(n) => n.to_string(),
        Cell::Small => t!(tr, "researcher-responses-suppressed", threshold = threshold),
        Cell::Protecting => t!(tr, "researcher-responses-protecting"),
    }
}

/// The palette style of an audience: blue, orange, green.
fn audience_style(a: Audience) -> usize {
    match a {
        Audience::Youth => 4,
        Audience::Parent => 1,
        Audience::Professional => 6,
    }
}

fn group_label(
    tr: &Tr,
    facts: &ProjectFacts,
    audience: Audience,
    wave: Option<&str>,
    with_wave: bool,
) -> String {
    let name = capitalise(&audience_name(tr, audience));
    match wave {
        Some(w) if with_wave => format!("{name} · {}", facts.wave_name(w)),
        _ => name,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// The whole comparison of one theme.
pub(super) async fn theme_comparison(
    state: &AppState,
    tr: &Tr,
    project_id: crate::storage::ProjectId,
    facts: &ProjectFacts,
    resolved: &Resolved,
    theme: &Theme,
    data: &ClosedData,
) -> Result<ThemeComparison, WorkspaceError> {
    let db = &state.db;
    let asked = asked_in_theme(facts, &theme.key);
    // Independent reads, side by side on the pool.
    let (protection, counts, quotes) = tokio::try_join!(
        codes::code_protection(state, project_id, facts, &theme.key),
        async {
            db.code_counts(project_id, &theme.key, resolved.filter.as_ref())
                .await
                .map_err(internal)
        },
        async {
            // Twice as many as shown, so repeated words can be left out.
            db.code_quotes(project_id, &theme.key, 2 * QUOTES_PER_CELL as i64)
                .await
                .map_err(internal)
        },
    )?;
    let actions = db
        .actions(project_id, Some(&theme.key))
        .await
        .map_err(internal)?;
    let actions = action_rows(state, tr, project_id, facts, data, actions).await?;
    let (code_columns, codes) = code_rows(
        tr,
        facts,
        resolved,
        &theme.key,
        &protection,
        &counts,
        &quotes,
    );
    let summary = summary::theme_summary(tr, facts, resolved, &codes, &asked, data);
    Ok(ThemeComparison {
        summary,
        key: theme.key.clone(),
        title: theme.title.clone(),
        description: theme.description.clone(),
        code_columns,
        codes,
        questions: asked
            .iter()
            .map(|a| question_block(tr, facts, resolved, a, data))
            .collect(),
        actions,
    })
}

/// Who was asked, when and how many; counts of people below the threshold are not shown.
fn method_note(
    tr: &Tr,
    facts: &ProjectFacts,
    resolved: &Resolved,
    data: &ClosedData,
) -> Vec<String> {
    let material = &data.material;
    let threshold = facts.threshold;
    let mut lines = Vec::new();
    for wave in resolved.waves() {
        let here = |m: &&Material| wave.is_none() || m.wave == wave;
        let round = wave.as_deref().map_or_else(
            || t!(tr, "comparison-all-waves").to_lowercase(),
            |w| facts.wave_name(w),
        );
        for audience in [Audience::Youth, Audience::Parent, Audience::Professional] {
            let (responses, conversations) = material
                .iter()
                .filter(here)
                .filter(|m| m.audience == Some(audience))
                .fold((0, 0), |(r, c), m| (r + m.responses, c + m.conversations));
            if responses == 0 && conversations == 0 {
                continue;
            }
            lines.push(t!(
                tr,
                "comparison-method-audience",
                audience = capitalise(&audience_name(tr, audience)),
                round = round.clone(),
                responses = cell_text(
                    tr,
                    if responses == 0 {
                        Cell::Shown(0)
                    } else {
                        data.responses(&ResponseCount::Audience(audience, wave.clone()))
                    },
                    threshold
                ),
                conversations = conversations.to_string()
            ));
        }
        let (meetings, insights) = material
            .iter()
            .filter(here)
            .filter(|m| m.audience.is_none())
            .fold((0, 0), |(m, i), x| (m + x.meetings, i + x.insights));
        if meetings > 0 {
            lines.push(t!(
                tr,
                "comparison-method-meetings",
                round = round.clone(),
                meetings = meetings.to_string(),
                insights = insights.to_string()
            ));
        }
    }
    if let Some(f) = &resolved.filter {
        let key = format!("{}={}", f.question, f.value);
        let label = facts
            .filters
            .iter()
            .find(|(v, _)| *v == key)
            .map_or(key.clone(), |(_, l)| l.clone());
        lines.push(t!(tr, "comparison-method-filter", filter = label));
    }
    lines.push(t!(
        tr,
        "comparison-method-threshold",
        threshold = threshold.to_string()
    ));
    lines
}

/// `GET /beheer/projecten/{key}/vergelijking`: the comparison of one theme.
pub async fn comparison(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsViewer>,
    Query(query): Query<ComparisonQuery>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let facts = ProjectFacts::read(&state, &tr, project.id).await?;
    let mut problems = Vec::new();
    let resolved = Resolved::from_query(&facts, &query, &tr, &mut problems);
    let Some(theme) = query
        .thema
        .as_deref()
        .and_then(|k| facts.themes.iter().find(|t| t.key == k))
        .or(facts.themes.first())
        .cloned()
    else {
        return Err(WorkspaceError::NotFound);
    };
    let data = closed_data(&state, project.id, &facts).await?;
    let comparison =
        theme_comparison(&state, &tr, project.id, &facts, &resolved, &theme, &data).await?;
    let role = project.role.unwrap_or(Role::Viewer);
    let view = ComparisonView {
        viewer: Viewer::from(&researcher),
        themes: facts
            .themes
            .iter()
            .map(|t| (t.key.clone(), t.title.clone()))
            .collect(),
        waves: facts
            .waves
            .iter()
            .map(|w| (w.key.clone(), w.name.clone()))
            .collect(),
        method: method_note(&tr, &facts, &resolved, &data),
        filters: facts.filters.clone(),
        selection: Selection {
            theme: theme.key.clone(),
            wave: resolved.wave.clone(),
            against: resolved.against.clone(),
            filter: resolved
                .filter
                .as_ref()
                .map(|f| format!("{}={}", f.question, f.value)),
            table: query.weergave.as_deref() == Some("tabel"),
        },
        comparison,
        threshold: facts.threshold,
        is_owner: role.allows(Role::Owner),
        can_export: role.allows(Role::Researcher),
        can_follow: !following::with_codes(&facts).is_empty(),
        questionnaires: facts
            .questionnaires
            .iter()
            .map(|q| (q.key.clone(), q.questionnaire.title.clone()))
            .collect(),
        problems,
        project,
    };
    let title = view.comparison.title.clone();
    let status = if view.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(page(
        &state,
        status,
        t!(tr, "comparison-title", theme = title),
        move || {
            view! { <ComparisonPage page=view.clone() /> }
        },
    )
    .await)
}

/// `GET /beheer/projecten/{key}/rapport`: the printable report of one theme (`thema`) or of
/// every theme, with the same choices of rounds and filter as the comparison.
pub async fn report(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsViewer>,
    Query(query): Query<ComparisonQuery>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let facts = ProjectFacts::read(&state, &tr, project.id).await?;
    let mut problems = Vec::new();
    let resolved = Resolved::from_query(&facts, &query, &tr, &mut problems);
    if !problems.is_empty() {
        return Ok((StatusCode::BAD_REQUEST, problems.join(" ")).into_response());
    }
    let chosen: Vec<&Theme> = match query.thema.as_deref().filter(|t| !t.is_empty()) {
        Some(k) => facts.themes.iter().filter(|t| t.key == k).collect(),
        None => facts.themes.iter().collect(),
    };
    if chosen.is_empty() {
        return Err(WorkspaceError::NotFound);
    }
    let data = closed_data(&state, project.id, &facts).await?;
    let mut themes = Vec::new();
    for theme in chosen {
        themes.push(
            theme_comparison(&state, &tr, project.id, &facts, &resolved, theme, &data).await?,
        );
    }
    let scope = match (&resolved.wave, &resolved.against) {
        (Some(a), Some(b)) => t!(
            tr,
            "report-scope-against",
            first = facts.wave_name(a),
            second = facts.wave_name(b)
        ),
        (Some(a), None) => facts.wave_name(a),
        _ => t!(tr, "comparison-all-waves"),
    };
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "report opened",
            &query.thema.clone().unwrap_or_default(),
        )
        .await?;
    let summary_only = query.versie.as_deref() == Some("samenvatting");
    let selection = Selection {
        theme: query.thema.clone().unwrap_or_default(),
        wave: resolved.wave.clone(),
        against: resolved.against.clone(),
        filter: resolved
            .filter
            .as_ref()
            .map(|f| format!("{}={}", f.question, f.value)),
        table: false,
    };
    let mut other_version = format!(
        "/beheer/projecten/{}/rapport{}",
        project.key,
        selection.query(false)
    );
    if !summary_only {
        other_version.push_str("&versie=samenvatting");
    }
    let view = ReportView {
        summary_only,
        other_version,
        made_on: state.clock.today().to_string(),
        scope,
        method: method_note(&tr, &facts, &resolved, &data),
        threshold: facts.threshold,
        themes,
        project,
    };
    let title = t!(tr, "report-title", project = view.project.name.clone());
    let frame = PageFrame {
        tr: tr.clone(),
        title,
        islands: false,
    };
    Ok(render(
        &state,
        StatusCode::OK,
        frame,
        move || view! { <ReportPage page=view.clone() /> },
    )
    .await)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ThresholdForm {
    threshold: String,
}

/// `POST /beheer/projecten/{key}/drempel`: owners set the reporting threshold (3 or more).
pub async fn set_threshold(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsOwner>,
    Path(key): Path<String>,
    Form(form): Form<ThresholdForm>,
) -> Result<Response, WorkspaceError> {
    let Some(threshold) = form
        .threshold
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|n| (MIN_THRESHOLD..=100).contains(n))
    else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            t!(tr(&state), "comparison-threshold-invalid"),
        )
            .into_response());
    };
    state
        .db
        .set_report_threshold(project.id, threshold)
        .await
        .map_err(internal)?;
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "reporting threshold set",
            &threshold.to_string(),
        )
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/vergelijking")).into_response())
}

/// `GET /beheer/projecten/{key}/gevolgd`: the same people followed between two rounds — who
/// could be followed, whether they differ from the others, and how their answers changed.
pub async fn following(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsViewer>,
    Query(query): Query<ComparisonQuery>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let facts = ProjectFacts::read(&state, &tr, project.id).await?;
    let mut problems = Vec::new();
    let resolved = Resolved::from_query(&facts, &query, &tr, &mut problems);
    let coded = following::with_codes(&facts);
    let chosen = match query.vragenlijst.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => match coded.iter().find(|(s, _)| s.key == k) {
            Some(found) => Some(found),
            None => {
                problems.push(t!(tr, "following-unknown-questionnaire"));
                coded.first()
            }
        },
        None => coded.first(),
    };
    // By default the last two rounds, oldest first.
    let n = facts.waves.len();
    let first = resolved
        .wave
        .clone()
        .or_else(|| (n >= 2).then(|| facts.waves[n - 2].key.clone()));
    let second = resolved
        .against
        .clone()
        .or_else(|| facts.waves.last().map(|w| w.key.clone()))
        .filter(|s| Some(s) != first.as_ref());
    let tolerance = state
        .db
        .linkage_tolerance(project.id)
        .await
        .map_err(internal)?;
    let mut audiences = Vec::new();
    if let (Some((summary, asked)), Some(first), Some(second)) = (chosen, &first, &second) {
        let data = closed_data(&state, project.id, &facts).await?;
        for audience in asked {
            let f = following::Following {
                facts: &facts,
                data: &data,
                questionnaire: summary,
                audience: *audience,
                first,
                second,
                filter: resolved
                    .filter
                    .as_ref()
                    .map(|f| (f.question.clone(), f.value.clone())),
            };
            audiences.push(following::follow(&state, &tr, project.id, &f, tolerance).await?);
        }
    }
    let role = project.role.unwrap_or(Role::Viewer);
    let view = FollowingView {
        viewer: Viewer::from(&researcher),
        questionnaires: coded
            .iter()
            .map(|(s, _)| (s.key.clone(), s.questionnaire.title.clone()))
            .collect(),
        waves: facts
            .waves
            .iter()
            .map(|w| (w.key.clone(), w.name.clone()))
            .collect(),
        filters: facts.filters.clone(),
        questionnaire: chosen.map(|(s, _)| s.key.clone()),
        first,
        second,
        filter: resolved
            .filter
            .as_ref()
            .map(|f| format!("{}={}", f.question, f.value)),
        audiences,
        tolerance,
        threshold: facts.threshold,
        is_owner: role.allows(Role::Owner),
        problems,
        project,
    };
    let status = if view.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(page(&state, status, t!(tr, "following-title"), move || {
        view! { <FollowingPage page=view.clone() /> }
    })
    .await)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ToleranceForm {
    tolerance: String,
}

/// `POST /beheer/projecten/{key}/koppelcode`: owners set how many parts of a linkage code
/// may differ between two rounds (0 to 3).
pub async fn set_tolerance(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsOwner>,
    Path(key): Path<String>,
    Form(form): Form<ToleranceForm>,
) -> Result<Response, WorkspaceError> {
    let Some(tolerance) = form
        .tolerance
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|n| *n <= crate::domain::linkage::MAX_TOLERANCE)
    else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            t!(tr(&state), "following-tolerance-invalid"),
        )
            .into_response());
    };
    state
        .db
        .set_linkage_tolerance(project.id, tolerance)
        .await
        .map_err(internal)?;
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "linkage tolerance set",
            &tolerance.to_string(),
        )
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/gevolgd")).into_response())
}
