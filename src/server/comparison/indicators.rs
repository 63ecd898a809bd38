//! The indicators of actions over the rounds: a closed question's share or mean mark as the
//! comparison's trend shows it, or a code's share among an audience from the counts the
//! comparison shows — the same numbers under the same threshold, never new ones — with the
//! round the action started in marked and the change from before to after it.

use crate::domain::Audience;
use crate::domain::QuestionKind;
use crate::domain::action::{Indicator, Measure, Timing, before_and_after, timing};
use crate::domain::comparison::{Cell, difference, wilson};
use crate::domain::project::Wave;
use crate::domain::summary::{GroupSummary, group_difference};
use crate::i18n::Tr;
use crate::server::AppState;
use crate::server::workspace::{WorkspaceError, internal};
use crate::storage::{Action, Code, ProjectId};
use crate::t;
use crate::ui::researcher::{ActionIndicators, ActionRow, DataTable, audience_name};
use std::collections::HashMap;
use std::sync::Arc;

use super::codes::{code_protection, theme_of_code};
use super::protect::{CodeGroup, CodeProtection, ResponseCount};
use super::questions::{
    Asked, ClosedData, asked_in_project, difference_text, share_name, summarize_group, trend_cell,
};
use super::{ProjectFacts, capitalise, cell_text, percent, question_text};

/// The question kinds an indicator can follow: those with one share or mean (as the trend).
fn has_one_measure(kind: &QuestionKind) -> bool {
    matches!(
        kind,
        QuestionKind::Agreement | QuestionKind::YesNo | QuestionKind::Mark
    )
}

/// What an indicator can measure in this project, as (value, label): the comparison's
/// closed questions with one share or mean, and the codes of a theme.
pub(in crate::server) fn measure_choices(tr: &Tr, facts: &ProjectFacts) -> Vec<(String, String)> {
    let questions = asked_in_project(facts)
        .into_iter()
        .filter(|a| has_one_measure(&a.question.kind))
        .map(|a| {
            let measure = Measure::Question {
                questionnaire: a.questionnaire.to_owned(),
                question: a.question.key.clone(),
            };
            (
                measure.to_value(),
                t!(
                    tr,
                    "action-measure-question",
                    measure = share_or_mean(tr, &a.question.kind),
                    question = question_text(a.question)
                ),
            )
        });
    let codes = facts
        .codes
        .iter()
        .filter(|c| theme_of_code(facts, c).is_some())
        .map(|c| {
            (
                Measure::Code(c.id).to_value(),
                t!(tr, "action-measure-code", code = c.name.clone()),
            )
        });
    questions.chain(codes).collect()
}

/// Why an indicator cannot be added, or the audiences it can be read for.
pub(in crate::server) enum Fits {
    Yes,
    /// Not a measure of the project (or not one with a share or mean).
    UnknownMeasure,
    /// The question is not asked of this audience, or a code among professionals (insights
    /// are statements, not people).
    NotForAudience,
}

pub(in crate::server) fn fits(facts: &ProjectFacts, measure: &Measure, audience: Audience) -> Fits {
    match measure {
        Measure::Question { .. } => match asked_for(facts, measure) {
            None => Fits::UnknownMeasure,
            Some(a) if !a.audiences.contains(&audience) => Fits::NotForAudience,
            Some(_) => Fits::Yes,
        },
        Measure::Code(id) => match facts.codes.iter().find(|c| c.id == *id) {
            Some(c) if theme_of_code(facts, c).is_some() => {
                if audience == Audience::Professional {
                    Fits::NotForAudience
                } else {
                    Fits::Yes
                }
            }
            _ => Fits::UnknownMeasure,
        },
    }
}

fn asked_for<'a>(facts: &'a ProjectFacts, measure: &Measure) -> Option<Asked<'a>> {
    let Measure::Question {
        questionnaire,
        question,
    } = measure
    else {
        return None;
    };
    asked_in_project(facts).into_iter().find(|a| {
        a.questionnaire == questionnaire
            && a.question.key == *question
            && has_one_measure(&a.question.kind)
    })
}

fn share_or_mean(tr: &Tr, kind: &QuestionKind) -> String {
    if matches!(kind, QuestionKind::Mark) {
        t!(tr, "comparison-mean")
    } else {
        share_name(tr, kind)
    }
}

/// One round of an indicator as it may be shown: its text, and the numbers to set rounds
/// against each other (none when hidden).
enum Point {
    Question(GroupSummary),
    Code { count: Cell, of: Cell },
}

/// The actions with their indicators read over all rounds, for a list.
pub(in crate::server) async fn action_rows(
    state: &AppState,
    tr: &Tr,
    project_id: ProjectId,
    facts: &ProjectFacts,
    data: &ClosedData,
    actions: Vec<Action>,
) -> Result<Vec<ActionRow>, WorkspaceError> {
    let all = state
        .db
        .action_indicators(project_id)
        .await
        .map_err(internal)?;
    let with: Vec<(Action, Vec<Indicator>)> = actions
        .into_iter()
        .map(|a| {
            let mine = all
                .iter()
                .filter(|(id, _)| *id == a.id)
                .map(|(_, i)| i.clone())
                .collect();
            (a, mine)
        })
        .collect();
    let series = action_indicators(state, tr, project_id, facts, data, &with).await?;
    Ok(with
        .into_iter()
        .zip(series)
        .map(|((action, _), indicators)| ActionRow { action, indicators })
        .collect())
}

/// Reads every indicator of `actions` over all rounds. Code counts are protected per theme
/// as the comparison protects them (read once per theme).
pub(in crate::server) async fn action_indicators(
    state: &AppState,
    tr: &Tr,
    project_id: ProjectId,
    facts: &ProjectFacts,
    data: &ClosedData,
    actions: &[(Action, Vec<Indicator>)],
) -> Result<Vec<ActionIndicators>, WorkspaceError> {
    let mut protections: HashMap<String, Arc<CodeProtection>> = HashMap::new();
    for (_, indicators) in actions {
        for i in indicators {
            if let Measure::Code(id) = i.measure
                && let Some(theme) = facts
                    .codes
                    .iter()
                    .find(|c| c.id == id)
                    .and_then(|c| theme_of_code(facts, c))
                && !protections.contains_key(theme)
            {
                let p = code_protection(state, project_id, facts, theme).await?;
                protections.insert(theme.to_owned(), p);
            }
        }
    }
    Ok(actions
        .iter()
        .map(|(action, indicators)| {
            series_of_action(tr, facts, data, &protections, action, indicators)
        })
        .collect())
}

fn series_of_action(
    tr: &Tr,
    facts: &ProjectFacts,
    data: &ClosedData,
    protections: &HashMap<String, Arc<CodeProtection>>,
    action: &Action,
    indicators: &[Indicator],
) -> ActionIndicators {
    let threshold = facts.threshold;
    let waves = &facts.waves;
    // The round the action started in, or the first one after it, is named in its header.
    let marked = waves
        .iter()
        .position(|w| timing(w, action.starts_on) == Timing::During)
        .map(|i| (i, t!(tr, "action-round-started-during")))
        .or_else(|| {
            waves
                .iter()
                .position(|w| timing(w, action.starts_on) == Timing::After)
                .map(|i| (i, t!(tr, "action-round-first-after")))
        });
    let mut columns = vec![t!(tr, "action-indicator")];
    columns.extend(waves.iter().enumerate().map(|(i, w)| match marked {
        Some((m, ref note)) if m == i => format!("{} ({note})", w.name),
        _ => w.name.clone(),
    }));
    let mut rows = Vec::new();
    let mut changes = Vec::new();
    for indicator in indicators {
        let label = indicator_label(tr, facts, indicator);
        let points: Vec<Option<Point>> = waves
            .iter()
            .map(|w| point(facts, data, protections, indicator, w))
            .collect();
        let cells = points
            .iter()
            .map(|p| match p {
                None => t!(tr, "action-not-measured"),
                Some(Point::Question(s)) => trend_cell(tr, s, threshold),
                Some(Point::Code { count, of }) => code_cell(tr, *count, *of, threshold),
            })
            .collect();
        rows.push((label.clone(), cells));
        if let Some(change) = change(tr, waves, action, &points) {
            changes.push(format!("{label}: {change}"));
        }
    }
    ActionIndicators {
        table: (!indicators.is_empty()).then(|| DataTable {
            caption: t!(
                tr,
                "action-indicators-caption",
                action = action.title.clone()
            ),
            columns,
            rows,
        }),
        changes,
        ids: indicators.iter().map(|i| i.id).collect(),
    }
}

/// "Jongeren: Aandeel (helemaal) eens bij “…”" or "Ouders: noemen “Wachtlijsten”".
fn indicator_label(tr: &Tr, facts: &ProjectFacts, indicator: &Indicator) -> String {
    let audience = capitalise(&audience_name(tr, indicator.audience));
    let what = match &indicator.measure {
        m @ Measure::Question { .. } => match asked_for(facts, m) {
            Some(a) => t!(
                tr,
                "action-measure-question",
                measure = share_or_mean(tr, &a.question.kind),
                question = question_text(a.question)
            ),
            None => t!(tr, "action-measure-gone"),
        },
        Measure::Code(id) => match facts.codes.iter().find(|c| c.id == *id) {
            Some(c) => t!(tr, "action-measure-code", code = c.name.clone()),
            None => t!(tr, "action-measure-gone"),
        },
    };
    format!("{audience}: {what}")
}

/// One round of an indicator: none when it was not measured then.
fn point(
    facts: &ProjectFacts,
    data: &ClosedData,
    protections: &HashMap<String, Arc<CodeProtection>>,
    indicator: &Indicator,
    wave: &Wave,
) -> Option<Point> {
    match &indicator.measure {
        m @ Measure::Question { .. } => {
            let asked = asked_for(facts, m)?;
            if !asked.audiences.contains(&indicator.audience) {
                return None;
            }
            let s = summarize_group(&asked, data, indicator.audience, Some(&wave.key), None);
            (s.answered != Cell::Shown(0)).then_some(Point::Question(s))
        }
        Measure::Code(id) => {
            let code: &Code = facts.codes.iter().find(|c| c.id == *id)?;
            let protection = protections.get(theme_of_code(facts, code)?)?;
            let group = CodeGroup {
                code: *id,
                audience: indicator.audience,
                wave: Some(wave.key.clone()),
                filter: None,
            };
            let responses = data.responses(&ResponseCount::Audience(
                indicator.audience,
                Some(wave.key.clone()),
            ));
            let conversations: u64 = data
                .material
                .iter()
                .filter(|m| {
                    m.audience == Some(indicator.audience) && m.wave.as_ref() == Some(&wave.key)
                })
                .map(|m| m.conversations)
                .sum();
            let of = match responses {
                Cell::Shown(n) => Cell::Shown(n + conversations),
                // Nobody answered a questionnaire: the conversations alone (shown as they are
                // in the method note).
                hidden if conversations == 0 => hidden,
                _ => Cell::Protecting,
            };
            if of == Cell::Shown(0) {
                return None;
            }
            Some(Point::Code {
                count: protection.cell(&group),
                of,
            })
        }
    }
}

/// "12 van 40 (30%)", or what may be shown of it.
fn code_cell(tr: &Tr, count: Cell, of: Cell, threshold: u64) -> String {
    match (count, of) {
        (Cell::Shown(x), Cell::Shown(n)) if x <= n => t!(
            tr,
            "action-code-share",
            count = x.to_string(),
            of = n.to_string(),
            percent = percent(x as f64 / n as f64)
        ),
        (count, Cell::Shown(n)) => t!(
            tr,
            "action-code-count",
            count = cell_text(tr, count, threshold),
            of = n.to_string()
        ),
        (count, of) => format!(
            "{} · {}",
            cell_text(tr, count, threshold),
            t!(tr, "comparison-n", n = cell_text(tr, of, threshold))
        ),
    }
}

/// The change from the last round before the action to the last one after it, with its
/// interval, when both may be shown.
fn change(tr: &Tr, waves: &[Wave], action: &Action, points: &[Option<Point>]) -> Option<String> {
    let at = |w: &Wave| {
        waves
            .iter()
            .position(|x| x.key == w.key)
            .and_then(|i| points[i].as_ref())
    };
    let comparable = |w: &Wave| match at(w) {
        Some(Point::Question(s)) => {
            s.answered.is_shown() && (s.share.is_some() || s.marks.is_some())
        }
        Some(Point::Code { count, of }) => match (count, of) {
            (Cell::Shown(x), Cell::Shown(n)) => wilson(*x, *n).is_some(),
            _ => false,
        },
        None => false,
    };
    let (before, after) = before_and_after(waves, action.starts_on, comparable)?;
    let (d, marks) = match (at(after)?, at(before)?) {
        (Point::Question(a), Point::Question(b)) => (group_difference(a, b)?, a.marks.is_some()),
        (
            Point::Code {
                count: Cell::Shown(x2),
                of: Cell::Shown(n2),
            },
            Point::Code {
                count: Cell::Shown(x1),
                of: Cell::Shown(n1),
            },
        ) => (difference(*x2, *n2, *x1, *n1)?, false),
        _ => return None,
    };
    Some(difference_text(tr, &after.name, &before.name, &d, marks))
}
