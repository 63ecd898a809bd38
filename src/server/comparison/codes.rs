//! The codes of a theme across the audiences: how often each raised them, their quotes,
//! and whether they are shared or differ.

use crate::domain::Audience;
use crate::domain::summary::{Pattern, pattern};
use crate::i18n::Tr;
use crate::storage::{Code, CodeCount, CodedText};
use crate::t;
use crate::ui::researcher::{CodeCell, CodeRow, audience_name};

use super::{ProjectFacts, Resolved, count_text, group_label};

/// How many quotes a cell of the codes table shows.
pub(super) const QUOTES_PER_CELL: usize = 3;

/// The codes of a theme, counted per audience (and round), with quotes and their pattern.
pub(super) fn code_rows(
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
                    let shown = if a == Audience::Professional {
                        n.to_string()
                    } else {
                        count_text(tr, n, facts.threshold)
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
                            .fold(Vec::new(), |mut shown: Vec<String>, q| {
                                // The same words twice say nothing new.
                                if shown.len() < QUOTES_PER_CELL && !shown.contains(&q.text) {
                                    shown.push(q.text.clone());
                                }
                                shown
                            }),
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
