//! The comparison per theme and the printable report: reads counts from storage, makes them
//! safe with `domain::summary` (the project's threshold, applied here on the server) and
//! lays them out as charts, tables and sentences.

use super::AppState;
use super::auth::{Denied, Researcher};
use super::render::{PageFrame, render};
use super::researcher::{internal, page, tr};
use crate::domain::account::Role;
use crate::domain::comparison::{Cell, Difference, MIN_THRESHOLD};
use crate::domain::summary::{
    Counts, GroupSummary, Pattern, group_difference, pattern, raises, summarize, value_codes,
};
use crate::domain::{Audience, Question, QuestionKind, Theme, Wave};
use crate::i18n::Tr;
use crate::storage::{
    AnswerFilter, ClosedCount, Code, CodeCount, CodedText, Material, ProjectSummary,
    QuestionnaireSummary,
};
use crate::t;
use crate::ui::labels::answer_label;
use crate::ui::researcher::charts::{Bar, Chart, HIDDEN_STYLE, Layout, Segment};
use crate::ui::researcher::{
    CodeCell, CodeRow, ComparisonPage, ComparisonView, DataTable, QuestionBlock, ReportPage,
    ReportView, Selection, ThemeComparison, Viewer, audience_name,
};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;

/// The query of the comparison and report pages.
#[derive(Debug, Default, Deserialize)]
pub struct ComparisonQuery {
    pub thema: Option<String>,
    pub golf: Option<String>,
    pub tegen: Option<String>,
    pub filter: Option<String>,
    pub weergave: Option<String>,
}

/// A project's themes, rounds, questionnaires and threshold: read once per request.
pub(super) struct ProjectFacts {
    pub themes: Vec<Theme>,
    pub waves: Vec<Wave>,
    pub questionnaires: Vec<QuestionnaireSummary>,
    pub codes: Vec<Code>,
    pub threshold: u64,
}

impl ProjectFacts {
    pub(super) async fn read(state: &AppState, project_id: i64) -> Result<Self, Denied> {
        let db = &state.db;
        let (themes, mut waves, questionnaires, codes, threshold) = tokio::try_join!(
            db.project_themes(project_id),
            db.project_waves(project_id),
            db.project_questionnaires(project_id),
            db.codes(project_id),
            db.report_threshold(project_id),
        )
        .map_err(internal)?;
        // Oldest first: rounds are read in the order they happened.
        waves.sort_by_key(|w| w.opens);
        Ok(ProjectFacts {
            themes,
            waves,
            questionnaires,
            codes,
            threshold: threshold.max(MIN_THRESHOLD),
        })
    }

    fn wave_name(&self, key: &str) -> String {
        self.waves
            .iter()
            .find(|w| w.key == key)
            .map_or_else(|| key.to_owned(), |w| w.name.clone())
    }

    /// Closed questions that can narrow the comparison: single choice and yes/no, as
    /// (`question=value`, label).
    fn filters(&self, tr: &Tr) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for q in self
            .questionnaires
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
                let known = facts.filters(tr).iter().any(|(v, _)| v == f);
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

fn cell_text(tr: &Tr, cell: Cell, threshold: u64) -> String {
    match cell {
        Cell::Shown(n) => n.to_string(),
        Cell::Suppressed => t!(tr, "researcher-responses-suppressed", threshold = threshold),
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

/// A closed question of a theme asked of more than one audience, in its questionnaire.
struct Asked<'a> {
    questionnaire: &'a str,
    question: &'a Question,
    audiences: Vec<Audience>,
}

fn asked_in_theme<'a>(facts: &'a ProjectFacts, theme: &str) -> Vec<Asked<'a>> {
    facts
        .questionnaires
        .iter()
        .flat_map(|s| {
            s.questionnaire
                .questions
                .iter()
                .map(move |q| (s.key.as_str(), q))
        })
        .filter(|(_, q)| q.theme == theme && !q.kind.is_text())
        .map(|(questionnaire, question)| Asked {
            questionnaire,
            question,
            audiences: Audience::ALL
                .into_iter()
                .filter(|a| question.wording.contains_key(a))
                .collect(),
        })
        .filter(|a| a.audiences.len() > 1)
        .collect()
}

/// Adds up stored counts into the cells of one group.
fn counts_for(
    asked: &Asked,
    codes: &[String],
    rows: &[ClosedCount],
    answered: &[ClosedCount],
    audience: Audience,
    wave: Option<&str>,
) -> Counts {
    let mut counts = Counts::empty(codes.len());
    let mine = |r: &&ClosedCount| {
        r.questionnaire == asked.questionnaire
            && r.question == asked.question.key
            && r.audience == audience
            && wave.is_none_or(|w| r.wave == w)
    };
    for row in rows.iter().filter(mine) {
        if let Some(i) = codes.iter().position(|c| *c == row.value) {
            counts.cells[i] += row.count;
        }
    }
    counts.answered = if matches!(asked.question.kind, QuestionKind::MultipleChoice { .. }) {
        answered.iter().filter(mine).map(|r| r.count).sum()
    } else {
        counts.cells.iter().sum()
    };
    counts
}

/// Stored counts for the closed questions of a theme: filtered, and (with a filter) the
/// unfiltered counts the suppression of the rest needs.
struct ClosedData {
    rows: Vec<ClosedCount>,
    answered: Vec<ClosedCount>,
    all_rows: Vec<ClosedCount>,
    all_answered: Vec<ClosedCount>,
}

async fn closed_data(
    state: &AppState,
    project_id: i64,
    asked: &[Asked<'_>],
    filter: Option<&AnswerFilter>,
) -> Result<ClosedData, Denied> {
    let db = &state.db;
    let mut keys: Vec<String> = asked.iter().map(|a| a.question.key.clone()).collect();
    keys.sort();
    keys.dedup();
    let mut multiple: Vec<String> = asked
        .iter()
        .filter(|a| matches!(a.question.kind, QuestionKind::MultipleChoice { .. }))
        .map(|a| a.question.key.clone())
        .collect();
    multiple.sort();
    multiple.dedup();
    let read = |filter: Option<&AnswerFilter>| {
        let (keys, multiple) = (keys.clone(), multiple.clone());
        let filter = filter.cloned();
        async move {
            tokio::try_join!(
                db.closed_counts(project_id, &keys, filter.as_ref(), false),
                db.closed_counts(project_id, &multiple, filter.as_ref(), true),
            )
            .map_err(internal)
        }
    };
    let ((rows, answered), (all_rows, all_answered)) = tokio::try_join!(read(filter), async {
        match filter {
            Some(_) => read(None).await,
            None => Ok((Vec::new(), Vec::new())),
        }
    })?;
    Ok(ClosedData {
        rows,
        answered,
        all_rows,
        all_answered,
    })
}

/// One group of a question: its label and safe summary.
struct Group {
    label: String,
    audience: Audience,
    summary: GroupSummary,
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

fn summarize_group(
    asked: &Asked,
    codes: &[String],
    data: &ClosedData,
    audience: Audience,
    wave: Option<&str>,
    filtered: bool,
    threshold: u64,
) -> GroupSummary {
    let counts = counts_for(asked, codes, &data.rows, &data.answered, audience, wave);
    let all = filtered.then(|| {
        counts_for(
            asked,
            codes,
            &data.all_rows,
            &data.all_answered,
            audience,
            wave,
        )
    });
    summarize(&asked.question.kind, &counts, all.as_ref(), threshold)
}

/// "+12 procentpunt (95%-interval 3 tot 21)" or, for marks, in points.
fn difference_text(tr: &Tr, first: &str, second: &str, d: &Difference, marks: bool) -> String {
    let (value, low, high) = if marks {
        (decimal(d.difference), decimal(d.low), decimal(d.high))
    } else {
        (
            format!("{:.0}", d.difference * 100.0),
            format!("{:.0}", d.low * 100.0),
            format!("{:.0}", d.high * 100.0),
        )
    };
    let sign = if d.difference > 0.0 { "+" } else { "" };
    let id_text = if marks {
        t!(
            tr,
            "comparison-difference-marks",
            first = first,
            second = second,
            value = format!("{sign}{value}"),
            low = low,
            high = high
        )
    } else {
        t!(
            tr,
            "comparison-difference-share",
            first = first,
            second = second,
            value = format!("{sign}{value}"),
            low = low,
            high = high
        )
    };
    let verdict = if d.is_clear() {
        t!(tr, "comparison-difference-clear")
    } else {
        t!(tr, "comparison-difference-unclear")
    };
    format!("{id_text} {verdict}")
}

/// The chart, table, differences and trend of one closed question.
fn question_block(
    tr: &Tr,
    facts: &ProjectFacts,
    resolved: &Resolved,
    asked: &Asked,
    data: &ClosedData,
) -> QuestionBlock {
    let kind = &asked.question.kind;
    let codes = value_codes(kind);
    let threshold = facts.threshold;
    let filtered = resolved.filter.is_some();
    let comparing = resolved.against.is_some();
    let waves = resolved.waves();
    let mut groups = Vec::new();
    for &audience in &asked.audiences {
        for wave in &waves {
            groups.push(Group {
                label: group_label(tr, facts, audience, wave.as_deref(), comparing),
                audience,
                summary: summarize_group(
                    asked,
                    &codes,
                    data,
                    audience,
                    wave.as_deref(),
                    filtered,
                    threshold,
                ),
            });
        }
    }
    let labels: Vec<String> = codes.iter().map(|c| answer_label(tr, kind, c)).collect();
    let is_marks = matches!(kind, QuestionKind::Mark);
    let hidden = t!(tr, "researcher-responses-suppressed", threshold = threshold);
    let n_text =
        |s: &GroupSummary| t!(tr, "comparison-n", n = cell_text(tr, s.answered, threshold));
    // The chart.
    let (layout, legend, bars) = match kind {
        QuestionKind::Mark => (
            Layout::Single,
            asked
                .audiences
                .iter()
                .map(|a| (capitalise(&audience_name(tr, *a)), audience_style(*a)))
                .collect(),
            groups
                .iter()
                .map(|g| Bar {
                    label: g.label.clone(),
                    heading: None,
                    hidden: None,
                    segments: vec![Segment {
                        label: t!(tr, "comparison-mean"),
                        ratio: g
                            .summary
                            .marks
                            .filter(|_| g.summary.answered != Cell::Suppressed)
                            .map(|m| m.mean / 10.0),
                        text: g.summary.marks.map(|m| decimal(m.mean)).unwrap_or_default(),
                        style: audience_style(g.audience),
                    }],
                    note: match g.summary.marks {
                        Some(m) if g.summary.answered != Cell::Suppressed => t!(
                            tr,
                            "comparison-marks-note",
                            mean = decimal(m.mean),
                            median = decimal(m.median)
                        ),
                        _ => n_text(&g.summary),
                    },
                })
                .collect::<Vec<_>>(),
        ),
        QuestionKind::MultipleChoice { .. } => (
            Layout::Single,
            asked
                .audiences
                .iter()
                .map(|a| (capitalise(&audience_name(tr, *a)), audience_style(*a)))
                .collect(),
            labels
                .iter()
                .enumerate()
                .flat_map(|(i, option)| {
                    groups.iter().enumerate().map(move |(n, g)| Bar {
                        label: g.label.clone(),
                        heading: (n == 0).then(|| option.clone()),
                        hidden: None,
                        segments: vec![Segment {
                            label: format!("{option} – {}", g.label),
                            ratio: g.summary.cell_ratio(i),
                            text: g.summary.cell_ratio(i).map(percent).unwrap_or_default(),
                            style: audience_style(g.audience),
                        }],
                        note: n_text(&g.summary),
                    })
                })
                .collect(),
        ),
        _ => {
            let scale = matches!(kind, QuestionKind::Agreement);
            // "Weet ik niet" is not part of the scale's colours.
            let style = |i: usize| if scale && i == 5 { 7 } else { i };
            let bars: Vec<Bar> = groups
                .iter()
                .map(|g| Bar {
                    label: g.label.clone(),
                    heading: None,
                    hidden: hidden_share(&g.summary),
                    segments: (0..codes.len())
                        .map(|i| Segment {
                            label: labels[i].clone(),
                            ratio: g.summary.cell_ratio(i),
                            text: g.summary.cell_ratio(i).map(percent).unwrap_or_default(),
                            style: style(i),
                        })
                        .collect(),
                    note: match g.summary.cell_ratio(5) {
                        Some(r) if scale => format!(
                            "{} · {} {}",
                            n_text(&g.summary),
                            labels[5].to_lowercase(),
                            percent(r)
                        ),
                        _ => n_text(&g.summary),
                    },
                })
                .collect();
            let mut legend: Vec<(String, usize)> = labels
                .iter()
                .enumerate()
                .map(|(i, l)| (l.clone(), style(i)))
                .collect();
            if bars.iter().any(|b| b.hidden.is_some()) {
                legend.push((t!(tr, "comparison-hidden-part"), HIDDEN_STYLE));
            }
            (
                if scale {
                    Layout::Diverging
                } else {
                    Layout::Stacked
                },
                legend,
                bars,
            )
        }
    };
    // The text alternative: each group's share or mean, in words.
    let summary = groups
        .iter()
        .map(|g| match (g.summary.share, g.summary.marks) {
            (_, Some(m)) if g.summary.answered != Cell::Suppressed => format!(
                "{}: {}",
                g.label,
                t!(
                    tr,
                    "comparison-marks-note",
                    mean = decimal(m.mean),
                    median = decimal(m.median)
                )
            ),
            (Some(s), _) => format!(
                "{}: {} {}",
                g.label,
                percent(s.ratio()),
                share_name(tr, kind)
            ),
            _ => format!("{}: {}", g.label, n_text(&g.summary)),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let chart = Chart {
        id: format!("chart-{}-{}", asked.questionnaire, asked.question.key),
        title: question_text(asked.question),
        summary,
        layout,
        legend,
        bars,
        hidden_label: t!(tr, "comparison-hidden-part"),
        axis: (
            t!(tr, "respondent-agree-oneens"),
            t!(tr, "respondent-agree-eens"),
        ),
    };
    // The table.
    let mut columns = vec![t!(tr, "comparison-group")];
    let rows: Vec<(String, Vec<String>)> = if is_marks {
        columns.extend([
            t!(tr, "comparison-answered"),
            t!(tr, "comparison-mean"),
            t!(tr, "comparison-median"),
            t!(tr, "comparison-share-pass"),
        ]);
        groups
            .iter()
            .map(|g| {
                let m = g
                    .summary
                    .marks
                    .filter(|_| g.summary.answered != Cell::Suppressed);
                (
                    g.label.clone(),
                    vec![
                        cell_text(tr, g.summary.answered, threshold),
                        m.map_or_else(|| hidden.clone(), |m| decimal(m.mean)),
                        m.map_or_else(|| hidden.clone(), |m| decimal(m.median)),
                        g.summary
                            .share
                            .map_or_else(|| hidden.clone(), |s| percent(s.ratio())),
                    ],
                )
            })
            .collect()
    } else {
        columns.extend(labels.iter().cloned());
        columns.push(t!(tr, "comparison-answered"));
        let has_share = matches!(kind, QuestionKind::Agreement | QuestionKind::YesNo);
        if has_share {
            columns.push(share_name(tr, kind));
        }
        groups
            .iter()
            .map(|g| {
                let mut cells: Vec<String> = g
                    .summary
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| match (c, g.summary.cell_ratio(i)) {
                        (Cell::Shown(n), Some(r)) => format!("{n} ({})", percent(r)),
                        (c, _) => cell_text(tr, *c, threshold),
                    })
                    .collect();
                cells.push(cell_text(tr, g.summary.answered, threshold));
                if has_share {
                    cells.push(
                        g.summary
                            .share
                            .map_or_else(|| hidden.clone(), |s| percent(s.ratio())),
                    );
                }
                (g.label.clone(), cells)
            })
            .collect()
    };
    let table = DataTable {
        caption: t!(
            tr,
            "comparison-table-caption",
            question = question_text(asked.question)
        ),
        columns,
        rows,
    };
    // Differences: between audiences in the same round(s), or per audience between rounds.
    let mut differences = Vec::new();
    if comparing {
        for pair in groups.chunks(2) {
            if let [a, b] = pair
                && let Some(d) = group_difference(&a.summary, &b.summary)
            {
                differences.push(difference_text(tr, &a.label, &b.label, &d, is_marks));
            }
        }
    } else {
        for (i, a) in groups.iter().enumerate() {
            for b in &groups[i + 1..] {
                if let Some(d) = group_difference(&a.summary, &b.summary) {
                    differences.push(difference_text(tr, &a.label, &b.label, &d, is_marks));
                }
            }
        }
    }
    QuestionBlock {
        key: format!("{}-{}", asked.questionnaire, asked.question.key),
        text: question_text(asked.question),
        chart,
        table,
        differences,
        trend: trend(tr, facts, resolved, asked, &codes, data),
    }
}

/// The share of all hidden cells of a group together: what the total leaves after the shown
/// cells, so nothing that is not known already.
fn hidden_share(s: &GroupSummary) -> Option<f64> {
    let Cell::Shown(total) = s.answered else {
        return None;
    };
    let shown: u64 = s
        .cells
        .iter()
        .map(|c| match c {
            Cell::Shown(n) => *n,
            Cell::Suppressed => 0,
        })
        .sum();
    (total > 0 && s.cells.contains(&Cell::Suppressed))
        .then(|| total.saturating_sub(shown) as f64 / total as f64)
}

/// What the share of a question counts: agreeing, yes, or a pass mark.
fn share_name(tr: &Tr, kind: &QuestionKind) -> String {
    match kind {
        QuestionKind::Agreement => t!(tr, "comparison-share-agree"),
        QuestionKind::YesNo => t!(tr, "comparison-share-yes"),
        _ => t!(tr, "comparison-share-pass"),
    }
}

/// The share (or mean mark) of each audience in every round, when there are several.
fn trend(
    tr: &Tr,
    facts: &ProjectFacts,
    resolved: &Resolved,
    asked: &Asked,
    codes: &[String],
    data: &ClosedData,
) -> Option<DataTable> {
    let kind = &asked.question.kind;
    if facts.waves.len() < 2
        || !matches!(
            kind,
            QuestionKind::Agreement | QuestionKind::YesNo | QuestionKind::Mark
        )
    {
        return None;
    }
    let threshold = facts.threshold;
    let mut columns = vec![t!(tr, "comparison-group")];
    columns.extend(facts.waves.iter().map(|w| w.name.clone()));
    let rows = asked
        .audiences
        .iter()
        .map(|&audience| {
            let cells = facts
                .waves
                .iter()
                .map(|w| {
                    let s = summarize_group(
                        asked,
                        codes,
                        data,
                        audience,
                        Some(&w.key),
                        resolved.filter.is_some(),
                        threshold,
                    );
                    match (s.marks, s.share, s.answered) {
                        (_, _, Cell::Suppressed) => {
                            t!(tr, "comparison-n", n = cell_text(tr, s.answered, threshold))
                        }
                        (Some(m), _, Cell::Shown(n)) => format!("{} (n = {n})", decimal(m.mean)),
                        (None, Some(share), Cell::Shown(n)) => {
                            format!("{} (n = {n})", percent(share.ratio()))
                        }
                        (None, None, Cell::Shown(n)) => t!(tr, "comparison-n", n = n.to_string()),
                    }
                })
                .collect();
            (capitalise(&audience_name(tr, audience)), cells)
        })
        .collect();
    let measure = if matches!(kind, QuestionKind::Mark) {
        t!(tr, "comparison-mean")
    } else {
        share_name(tr, kind)
    };
    Some(DataTable {
        caption: t!(tr, "comparison-trend-caption", measure = measure),
        columns,
        rows,
    })
}

/// The codes of a theme, counted per audience (and round), with quotes and their pattern.
fn code_rows(
    tr: &Tr,
    facts: &ProjectFacts,
    resolved: &Resolved,
    theme: &str,
    counts: &[CodeCount],
    quotes: &[CodedText],
) -> (Vec<String>, Vec<CodeRow>) {
    let waves = resolved.waves();
    let comparing = resolved.against.is_some();
    let in_wave = |wave: &Option<String>, w: &Option<String>| wave.is_none() || wave == w;
    let count = |code: i64, audience: Audience, wave: &Option<String>| -> u64 {
        counts
            .iter()
            .filter(|c| c.code_id == code && c.audience == audience && in_wave(wave, &c.wave))
            .map(|c| c.count)
            .sum()
    };
    let of_theme: Vec<&Code> = facts
        .codes
        .iter()
        .filter(|c| {
            c.theme.as_deref() == Some(theme)
                || c.parent_id.is_some_and(|p| {
                    facts
                        .codes
                        .iter()
                        .any(|parent| parent.id == p && parent.theme.as_deref() == Some(theme))
                })
        })
        .collect();
    // Audiences with any coded material on the theme in the first round (or all rounds).
    let with_material: Vec<Audience> = Audience::ALL
        .into_iter()
        .filter(|&a| of_theme.iter().any(|c| count(c.id, a, &waves[0]) > 0))
        .collect();
    let columns = Audience::ALL
        .into_iter()
        .flat_map(|a| waves.iter().map(move |w| (a, w.clone())))
        .map(|(a, w)| group_label(tr, facts, a, w.as_deref(), comparing))
        .collect();
    let rows = of_theme
        .iter()
        .map(|code| {
            let cells = Audience::ALL
                .into_iter()
                .flat_map(|a| waves.iter().map(move |w| (a, w)))
                .map(|(a, w)| {
                    let n = count(code.id, a, w);
                    // Insights are a meeting's statements: not counts of people.
                    let visible = a == Audience::Professional || n == 0 || n >= facts.threshold;
                    let shown = if visible {
                        n.to_string()
                    } else {
                        t!(
                            tr,
                            "researcher-responses-suppressed",
                            threshold = facts.threshold
                        )
                    };
                    CodeCell {
                        count: shown,
                        // A hidden count shows no quotes either: they would count it.
                        quotes: quotes
                            .iter()
                            .filter(|q| {
                                visible
                                    && q.code_id == code.id
                                    && q.audience == a
                                    && in_wave(w, &q.wave)
                                    && !q.text.is_empty()
                            })
                            .take(3)
                            .map(|q| q.text.clone())
                            .collect(),
                    }
                })
                .collect();
            let per_audience: Vec<(Audience, u64)> = with_material
                .iter()
                .map(|&a| (a, count(code.id, a, &waves[0])))
                .collect();
            let (text, class) = match pattern(&per_audience, facts.threshold) {
                Pattern::Shared => (t!(tr, "comparison-pattern-shared"), "shared"),
                Pattern::Differs { raised } => {
                    let names = |list: Vec<Audience>| {
                        list.into_iter()
                            .map(|a| audience_name(tr, a))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    let silent: Vec<Audience> = with_material
                        .iter()
                        .copied()
                        .filter(|a| !raised.contains(a))
                        .collect();
                    (
                        t!(
                            tr,
                            "comparison-pattern-differs",
                            raised = names(raised),
                            silent = names(silent)
                        ),
                        "differs",
                    )
                }
                Pattern::Rare => (t!(tr, "comparison-pattern-rare"), "rare"),
                Pattern::NotComparable => (t!(tr, "comparison-pattern-none"), "none"),
            };
            CodeRow {
                name: code.name.clone(),
                child: code.parent_id.is_some(),
                cells,
                pattern: text,
                pattern_class: class,
            }
        })
        .collect();
    (columns, rows)
}

/// The whole comparison of one theme.
pub(super) async fn theme_comparison(
    state: &AppState,
    tr: &Tr,
    project_id: i64,
    facts: &ProjectFacts,
    resolved: &Resolved,
    theme: &Theme,
) -> Result<ThemeComparison, Denied> {
    let db = &state.db;
    let asked = asked_in_theme(facts, &theme.key);
    // Independent reads, side by side on the pool.
    let (data, counts, quotes) = tokio::try_join!(
        closed_data(state, project_id, &asked, resolved.filter.as_ref()),
        async {
            db.code_counts(project_id, &theme.key, resolved.filter.as_ref())
                .await
                .map_err(internal)
        },
        async {
            db.code_quotes(project_id, &theme.key, 3)
                .await
                .map_err(internal)
        },
    )?;
    let (code_columns, codes) = code_rows(tr, facts, resolved, &theme.key, &counts, &quotes);
    Ok(ThemeComparison {
        key: theme.key.clone(),
        title: theme.title.clone(),
        description: theme.description.clone(),
        code_columns,
        codes,
        questions: asked
            .iter()
            .map(|a| question_block(tr, facts, resolved, a, &data))
            .collect(),
    })
}

/// Who was asked, when and how many; counts of people below the threshold are not shown.
fn method_note(
    tr: &Tr,
    facts: &ProjectFacts,
    resolved: &Resolved,
    material: &[Material],
    filters: &[(String, String)],
) -> Vec<String> {
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
            let shown = |n: u64| {
                if n == 0 || n >= threshold {
                    n.to_string()
                } else {
                    t!(tr, "researcher-responses-suppressed", threshold = threshold)
                }
            };
            lines.push(t!(
                tr,
                "comparison-method-audience",
                audience = capitalise(&audience_name(tr, audience)),
                round = round.clone(),
                responses = shown(responses),
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
        let label = filters
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
    researcher: Researcher,
    Path(key): Path<String>,
    Query(query): Query<ComparisonQuery>,
) -> Result<Response, Denied> {
    let project = researcher.project(&state.db, &key, Role::Viewer).await?;
    let tr = tr(&state);
    let facts = ProjectFacts::read(&state, project.id).await?;
    let mut problems = Vec::new();
    let resolved = Resolved::from_query(&facts, &query, &tr, &mut problems);
    let Some(theme) = query
        .thema
        .as_deref()
        .and_then(|k| facts.themes.iter().find(|t| t.key == k))
        .or(facts.themes.first())
        .cloned()
    else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let (comparison, material) = tokio::try_join!(
        theme_comparison(&state, &tr, project.id, &facts, &resolved, &theme),
        async { state.db.material(project.id).await.map_err(internal) },
    )?;
    let filters = facts.filters(&tr);
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
        method: method_note(&tr, &facts, &resolved, &material, &filters),
        filters,
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
    researcher: Researcher,
    Path(key): Path<String>,
    Query(query): Query<ComparisonQuery>,
) -> Result<Response, Denied> {
    let project: ProjectSummary = researcher.project(&state.db, &key, Role::Viewer).await?;
    let tr = tr(&state);
    let facts = ProjectFacts::read(&state, project.id).await?;
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
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let mut themes = Vec::new();
    for theme in chosen {
        themes.push(theme_comparison(&state, &tr, project.id, &facts, &resolved, theme).await?);
    }
    let material = state.db.material(project.id).await.map_err(internal)?;
    let filters = facts.filters(&tr);
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
    let view = ReportView {
        made_on: state.clock.today().to_string(),
        scope,
        method: method_note(&tr, &facts, &resolved, &material, &filters),
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
    csrf: String,
    threshold: String,
}

/// `POST /beheer/projecten/{key}/drempel`: owners set the reporting threshold (3 or more).
pub async fn set_threshold(
    State(state): State<AppState>,
    researcher: Researcher,
    Path(key): Path<String>,
    Form(form): Form<ThresholdForm>,
) -> Result<Response, Denied> {
    researcher.check_csrf(&form.csrf)?;
    let project = researcher.project(&state.db, &key, Role::Owner).await?;
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

/// For the aggregate export: every closed question of every theme, per audience and round,
/// as rows (theme, question, audience, round, answer, count, share) with the threshold
/// applied; and the codes with their counts.
pub(super) async fn aggregate_rows(
    state: &AppState,
    project_id: i64,
    facts: &ProjectFacts,
) -> Result<Vec<Vec<String>>, Denied> {
    let threshold = facts.threshold;
    let mut rows = Vec::new();
    let mut by_id: HashMap<i64, &Code> = HashMap::new();
    for c in &facts.codes {
        by_id.insert(c.id, c);
    }
    for theme in &facts.themes {
        let asked = asked_in_theme(facts, &theme.key);
        let data = closed_data(state, project_id, &asked, None).await?;
        for a in &asked {
            let codes = value_codes(&a.question.kind);
            for &audience in &a.audiences {
                for wave in &facts.waves {
                    let s = summarize_group(
                        a,
                        &codes,
                        &data,
                        audience,
                        Some(&wave.key),
                        false,
                        threshold,
                    );
                    let mut push = |answer: String, value: String, share: String| {
                        rows.push(vec![
                            theme.key.clone(),
                            a.question.key.clone(),
                            audience.as_str().to_owned(),
                            wave.key.clone(),
                            answer,
                            value,
                            share,
                        ]);
                    };
                    let hidden = || format!("<{threshold}");
                    let n = match s.answered {
                        Cell::Shown(n) => n.to_string(),
                        Cell::Suppressed => hidden(),
                    };
                    push("n".into(), n, String::new());
                    if let Some(m) = s.marks.filter(|_| s.answered != Cell::Suppressed) {
                        push("gemiddelde".into(), format!("{:.2}", m.mean), String::new());
                        push("mediaan".into(), format!("{:.1}", m.median), String::new());
                    }
                    for (i, code) in codes.iter().enumerate() {
                        let Some(cell) = s.cells.get(i).copied() else {
                            continue;
                        };
                        if matches!(a.question.kind, QuestionKind::Mark) {
                            break;
                        }
                        push(
                            code.clone(),
                            match cell {
                                Cell::Shown(n) => n.to_string(),
                                Cell::Suppressed => hidden(),
                            },
                            s.cell_ratio(i)
                                .map(|r| format!("{r:.4}"))
                                .unwrap_or_default(),
                        );
                    }
                }
            }
        }
        let counts = state
            .db
            .code_counts(project_id, &theme.key, None)
            .await
            .map_err(internal)?;
        for c in &counts {
            let Some(code) = by_id.get(&c.code_id) else {
                continue;
            };
            let shown = if c.audience == Audience::Professional
                || raises(c.audience, c.count, threshold)
                || c.count == 0
            {
                c.count.to_string()
            } else {
                format!("<{threshold}")
            };
            rows.push(vec![
                theme.key.clone(),
                format!("code:{}", code.name),
                c.audience.as_str().to_owned(),
                c.wave.clone().unwrap_or_default(),
                String::new(),
                shown,
                String::new(),
            ]);
        }
    }
    Ok(rows)
}
