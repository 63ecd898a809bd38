//! The closed questions of a theme: counts per group made safe, charts, tables, the
//! differences between groups and the trend over rounds; and the same counts for the
//! aggregate export.

use crate::domain::comparison::{Cell, Difference};
use crate::domain::summary::{
    Counts, Decided, GroupSummary, group_difference, summarize, value_codes,
};
use crate::domain::{Audience, Question, QuestionKind};
use crate::i18n::Tr;
use crate::server::AppState;
use crate::server::workspace::WorkspaceError;
use crate::server::workspace::internal;
use crate::storage::{AnswerFilter, Code, Material, ProjectLink};
use crate::t;
use crate::ui::labels::answer_label;
use crate::ui::researcher::charts::{Bar, Chart, HIDDEN_STYLE, Layout, Segment};
use crate::ui::researcher::{DataTable, QuestionBlock, audience_name};
use std::collections::HashMap;

use super::protect::{self, AllCounts, Part, Protection, ResponseCount, all_counts};
use super::{
    ProjectFacts, Resolved, audience_style, capitalise, cell_text, decimal, group_label, percent,
    question_text,
};
use std::sync::Arc;

/// A closed question of a theme asked of more than one audience, in its questionnaire.
pub(super) struct Asked<'a> {
    pub questionnaire: &'a str,
    pub question: &'a Question,
    pub audiences: Vec<Audience>,
}

pub(super) fn asked_in_theme<'a>(facts: &'a ProjectFacts, theme: &str) -> Vec<Asked<'a>> {
    facts
        .questionnaires
        .iter()
        .flat_map(|s| {
            s.questionnaire
                .questions
                .iter()
                .map(move |q| (s.key.as_str(), q))
        })
        .filter(|(_, q)| q.theme == theme && q.kind.is_counted())
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

/// The closed questions of every theme of a project.
pub(super) fn asked_in_project(facts: &ProjectFacts) -> Vec<Asked<'_>> {
    facts
        .themes
        .iter()
        .flat_map(|t| asked_in_theme(facts, &t.key))
        .collect()
}

/// The counts of every group of a project's closed questions and its response counts, and
/// what may be shown of them (decided for every theme, round, filter and view at once, see
/// `protect`), with the material the method note describes.
pub(in crate::server) struct ClosedData {
    all: AllCounts,
    protection: Arc<Protection>,
    pub(in crate::server) material: Vec<Material>,
    /// The project's links with their response counts, as read for the decisions.
    pub(in crate::server) links: Vec<ProjectLink>,
}

impl ClosedData {
    /// A response count as a viewer may see it.
    pub(in crate::server) fn responses(&self, count: &ResponseCount) -> Cell {
        self.protection.responses(count)
    }

    /// A cell of a closed question's group as the comparison shows it.
    pub(super) fn cell(&self, group: &super::protect::Group, part: super::protect::Part) -> Cell {
        self.protection.cell(group, part)
    }

    /// The counts and the decisions, for the auditor.
    #[cfg(test)]
    pub(super) fn parts(&self) -> (&AllCounts, &Protection) {
        (&self.all, &self.protection)
    }
}

/// Reads and protects every count of the project's closed questions and responses.
pub(in crate::server) async fn closed_data(
    state: &AppState,
    project_id: crate::storage::ProjectId,
    facts: &ProjectFacts,
) -> Result<ClosedData, WorkspaceError> {
    let db = &state.db;
    let asked = &asked_in_project(facts)[..];
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
    let (rows, answered, material, links) = tokio::try_join!(
        db.closed_counts_by_filter(project_id, &keys, false),
        db.closed_counts_by_filter(project_id, &multiple, true),
        db.material(project_id),
        db.project_links(project_id),
    )
    .map_err(internal)?;
    let all = all_counts(facts, asked, &rows, &answered);
    // The same counts give the same decisions: kept for as long as nothing changes.
    let kinds: Vec<String> = asked
        .iter()
        .map(|a| {
            format!(
                "{}/{}/{:?}/{}",
                a.questionnaire,
                a.question.key,
                a.question.kind,
                a.question.answered_by_everyone_asked()
            )
        })
        .collect();
    let key = state.protections.key(&(
        project_id,
        facts.threshold,
        &kinds,
        &facts.filters,
        &all.counts,
        &material,
        &links,
    ));
    let (protection, all, material, links) = match state.protections.get(key) {
        Some(protection) => (protection, all, material, links),
        None => {
            // Building the table (with its hinted moves) and deciding are both pure work
            // that grows with the project: off the async runtime, together.
            let facts = facts.clone();
            let (protection, all, material, links) = tokio::task::spawn_blocking(move || {
                let responses = protect::Responses {
                    links: &links,
                    material: &material,
                };
                let asked = asked_in_project(&facts);
                let table = protect::table(&facts, &asked, &all, &responses);
                let protection = Arc::new(protect::decide(&table, facts.threshold));
                (protection, all, material, links)
            })
            .await
            .map_err(internal)?;
            state.protections.put(key, protection.clone());
            (protection, all, material, links)
        }
    };
    Ok(ClosedData {
        all,
        protection,
        material,
        links,
    })
}

/// One group of a question: its label and safe summary.
struct Group {
    label: String,
    audience: Audience,
    summary: GroupSummary,
}

/// What may be shown of one group of a question: in a round (none: all rounds), within an
/// answer to a filter question (none: everyone).
pub(super) fn summarize_group(
    asked: &Asked,
    data: &ClosedData,
    audience: Audience,
    wave: Option<&str>,
    filter: Option<&AnswerFilter>,
) -> GroupSummary {
    let group = protect::Group {
        questionnaire: asked.questionnaire.to_owned(),
        question: asked.question.key.clone(),
        audience,
        wave: wave.map(str::to_owned),
        filter: filter.map(|f| (f.question.clone(), f.value.clone())),
    };
    let len = value_codes(&asked.question.kind).len();
    let counts = data
        .all
        .counts
        .get(&group)
        .cloned()
        .unwrap_or_else(|| Counts::empty(len));
    let p = &data.protection;
    let decided = Decided {
        answered: p.cell(&group, Part::Answered),
        cells: (0..len).map(|i| p.cell(&group, Part::Option(i))).collect(),
        agree: p.cell(&group, Part::Agree),
        pass: p.cell(&group, Part::Pass),
    };
    summarize(&asked.question.kind, &counts, decided)
}

/// A difference and its interval as written: mark points with one decimal, shares in whole
/// percentage points.
pub(super) fn difference_numbers(d: &Difference, marks: bool) -> (String, String, String) {
    if marks {
        (decimal(d.difference), decimal(d.low), decimal(d.high))
    } else {
        (
            format!("{:.0}", d.difference * 100.0),
            format!("{:.0}", d.low * 100.0),
            format!("{:.0}", d.high * 100.0),
        )
    }
}

/// "+12 procentpunt (95%-interval 3 tot 21)" or, for marks, in points.
pub(super) fn difference_text(
    tr: &Tr,
    first: &str,
    second: &str,
    d: &Difference,
    marks: bool,
) -> String {
    let (value, low, high) = difference_numbers(d, marks);
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
pub(super) fn question_block(
    tr: &Tr,
    facts: &ProjectFacts,
    resolved: &Resolved,
    asked: &Asked,
    data: &ClosedData,
) -> QuestionBlock {
    let kind = &asked.question.kind;
    let codes = value_codes(kind);
    let threshold = facts.threshold;
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
                    data,
                    audience,
                    wave.as_deref(),
                    resolved.filter.as_ref(),
                ),
            });
        }
    }
    let labels: Vec<String> = codes.iter().map(|c| answer_label(tr, kind, c)).collect();
    let view = QuestionView {
        tr,
        asked,
        codes: codes.clone(),
        labels,
        groups,
        threshold,
    };
    QuestionBlock {
        key: format!("{}-{}", asked.questionnaire, asked.question.key),
        text: question_text(asked.question),
        chart: view.chart(),
        table: view.table(),
        differences: view.differences(comparing),
        trend: trend(tr, facts, resolved, asked, data),
    }
}

/// One closed question's groups, with what its chart, table and differences share.
struct QuestionView<'a> {
    tr: &'a Tr,
    asked: &'a Asked<'a>,
    codes: Vec<String>,
    labels: Vec<String>,
    groups: Vec<Group>,
    threshold: u64,
}

impl QuestionView<'_> {
    /// The chart, with its text alternative.
    fn chart(&self) -> Chart {
        let QuestionView {
            tr,
            asked,
            codes,
            labels,
            groups,
            threshold,
        } = self;
        let (tr, threshold) = (*tr, *threshold);
        let kind = &asked.question.kind;
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
                                .filter(|_| g.summary.answered.is_shown())
                                .map(|m| m.mean / 10.0),
                            text: g.summary.marks.map(|m| decimal(m.mean)).unwrap_or_default(),
                            style: audience_style(g.audience),
                        }],
                        note: match g.summary.marks {
                            Some(m) if g.summary.answered.is_shown() => t!(
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
                (_, Some(m)) if g.summary.answered.is_shown() => format!(
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
        Chart {
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
        }
    }

    /// The same numbers as a table.
    fn table(&self) -> DataTable {
        let QuestionView {
            tr,
            asked,
            codes: _,
            labels,
            groups,
            threshold,
        } = self;
        let (tr, threshold) = (*tr, *threshold);
        let kind = &asked.question.kind;
        let is_marks = matches!(kind, QuestionKind::Mark);
        let hidden = t!(tr, "researcher-responses-suppressed", threshold = threshold);
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
                    let m = g.summary.marks.filter(|_| g.summary.answered.is_shown());
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
        DataTable {
            caption: t!(
                tr,
                "comparison-table-caption",
                question = question_text(asked.question)
            ),
            columns,
            rows,
        }
    }

    /// Differences between audiences in the same round(s), or per audience between rounds.
    fn differences(&self, comparing: bool) -> Vec<String> {
        let QuestionView {
            tr, asked, groups, ..
        } = self;
        let tr = *tr;
        let kind = &asked.question.kind;
        let is_marks = matches!(kind, QuestionKind::Mark);
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
        differences
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
            Cell::Small | Cell::Protecting => 0,
        })
        .sum();
    (total > 0 && s.cells.iter().any(|c| !c.is_shown()))
        .then(|| total.saturating_sub(shown) as f64 / total as f64)
}

/// What the share of a question counts: agreeing, yes, or a pass mark.
pub(super) fn share_name(tr: &Tr, kind: &QuestionKind) -> String {
    match kind {
        QuestionKind::Agreement => t!(tr, "comparison-share-agree"),
        QuestionKind::YesNo => t!(tr, "comparison-share-yes"),
        _ => t!(tr, "comparison-share-pass"),
    }
}

/// A group's share (or mean mark) with its count, as the trend shows it (and an action's
/// indicator, so that both say the same).
pub(super) fn trend_cell(tr: &Tr, s: &GroupSummary, threshold: u64) -> String {
    match (s.marks, s.share, s.answered) {
        (_, _, Cell::Small | Cell::Protecting) => {
            t!(tr, "comparison-n", n = cell_text(tr, s.answered, threshold))
        }
        (Some(m), _, Cell::Shown(n)) => format!("{} (n = {n})", decimal(m.mean)),
        (None, Some(share), Cell::Shown(n)) => format!("{} (n = {n})", percent(share.ratio())),
        (None, None, Cell::Shown(n)) => t!(tr, "comparison-n", n = n.to_string()),
    }
}

/// The share (or mean mark) of each audience in every round, when there are several.
fn trend(
    tr: &Tr,
    facts: &ProjectFacts,
    resolved: &Resolved,
    asked: &Asked,
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
                        data,
                        audience,
                        Some(&w.key),
                        resolved.filter.as_ref(),
                    );
                    trend_cell(tr, &s, threshold)
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
        caption: t!(
            tr,
            "comparison-trend-caption",
            measure = measure,
            question = question_text(asked.question)
        ),
        columns,
        rows,
    })
}

/// For the aggregate export: every closed question of every theme, per audience and round,
/// as rows (theme, question, audience, round, answer, count, share) with the threshold
/// applied; and the codes with their counts.
pub(in crate::server) async fn aggregate_rows(
    state: &AppState,
    tr: &Tr,
    project_id: crate::storage::ProjectId,
    facts: &ProjectFacts,
) -> Result<Vec<Vec<String>>, WorkspaceError> {
    let threshold = facts.threshold;
    let mut rows = Vec::new();
    let mut by_id: HashMap<i64, &Code> = HashMap::new();
    for c in &facts.codes {
        by_id.insert(c.id, c);
    }
    let data = closed_data(state, project_id, facts).await?;
    for theme in &facts.themes {
        let asked = asked_in_theme(facts, &theme.key);
        for a in &asked {
            let codes = value_codes(&a.question.kind);
            for &audience in &a.audiences {
                for wave in &facts.waves {
                    let s = summarize_group(a, &data, audience, Some(&wave.key), None);
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
                    let n = export_cell(tr, s.answered, threshold);
                    push("n".into(), n, String::new());
                    if let Some(m) = s.marks.filter(|_| s.answered.is_shown()) {
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
                            export_cell(tr, cell, threshold),
                            s.cell_ratio(i)
                                .map(|r| format!("{r:.4}"))
                                .unwrap_or_default(),
                        );
                    }
                }
            }
        }
        // Professionals' insights as they are; young people and parents as protected.
        let protection =
            super::codes::code_protection(state, project_id, facts, &theme.key).await?;
        let counts = state
            .db
            .code_counts(project_id, &theme.key, None)
            .await
            .map_err(internal)?;
        for c in &counts {
            let Some(code) = by_id.get(&c.code_id) else {
                continue;
            };
            let shown = if c.audience == Audience::Professional {
                c.count.to_string()
            } else {
                let group = protect::CodeGroup {
                    code: c.code_id,
                    audience: c.audience,
                    wave: c.wave.clone(),
                    filter: None,
                };
                export_cell(tr, protection.cell(&group), threshold)
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

/// A count in the aggregate export: the number, `<5` when it is small, or the word for
/// "hidden" when it protects another count.
fn export_cell(tr: &Tr, cell: Cell, threshold: u64) -> String {
    match cell {
        Cell::Shown(n) => n.to_string(),
        Cell::Small => format!("<{threshold}"),
        Cell::Protecting => t!(tr, "researcher-responses-protecting"),
    }
}
