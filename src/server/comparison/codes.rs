//! The codes of a theme across the audiences: how often each raised them, their quotes,
//! and whether they are shared or differ.

use crate::domain::Audience;
use crate::domain::summary::{Pattern, pattern};
use crate::i18n::Tr;
use crate::storage::{Code, CodeCount, CodedText};
use crate::t;
use crate::ui::researcher::{CodeCell, CodeRow, audience_name};

use super::protect::{CodeGroup, CodeProtection, filter_questions, protect_codes};
use super::{ProjectFacts, Resolved, cell_text, group_label};
use crate::domain::comparison::Cell;
use crate::server::AppState;
use crate::server::workspace::{WorkspaceError, internal};
use std::sync::Arc;

/// How many quotes a cell of the codes table shows.
pub(super) const QUOTES_PER_CELL: usize = 3;

/// The codes of the theme, with their parents' theme counted in.
fn codes_of_theme<'a>(facts: &'a ProjectFacts, theme: &str) -> Vec<&'a Code> {
    facts
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
        .collect()
}

/// The theme a code is counted in: its own, or its parent's.
pub(super) fn theme_of_code<'a>(facts: &'a ProjectFacts, code: &'a Code) -> Option<&'a str> {
    code.theme.as_deref().or_else(|| {
        let parent = facts.codes.iter().find(|p| Some(p.id) == code.parent_id)?;
        parent.theme.as_deref()
    })
}

/// What may be shown of the theme's code counts of young people and parents, decided for
/// every round and filter at once (see `protect`), and kept while the counts stay the same.
pub(super) async fn code_protection(
    state: &AppState,
    project_id: crate::storage::ProjectId,
    facts: &ProjectFacts,
    theme: &str,
) -> Result<Arc<CodeProtection>, WorkspaceError> {
    let questions = filter_questions(&facts.filters);
    let rows = state
        .db
        .code_counts_by_filter(project_id, theme, &questions)
        .await
        .map_err(internal)?;
    let codes: Vec<i64> = codes_of_theme(facts, theme).iter().map(|c| c.id).collect();
    let key = state.code_protections.key(&(
        project_id,
        facts.threshold,
        &codes,
        &facts.filters,
        facts.waves.iter().map(|w| &w.key).collect::<Vec<_>>(),
        rows.iter()
            .map(|(f, c)| {
                (
                    f.as_ref().map(|f| (&f.question, &f.value)),
                    c.code_id,
                    c.audience,
                    &c.wave,
                    c.count,
                )
            })
            .collect::<Vec<_>>(),
    ));
    if let Some(protection) = state.code_protections.get(key) {
        return Ok(protection);
    }
    let (threshold, facts_filters, waves) =
        (facts.threshold, facts.filters.clone(), facts.waves.clone());
    let protection = Arc::new(
        tokio::task::spawn_blocking(move || {
            protect_codes(&facts_filters, &waves, &codes, &rows, threshold)
        })
        .await
        .map_err(internal)?,
    );
    state.code_protections.put(key, protection.clone());
    Ok(protection)
}

/// The codes of a theme, counted per audience (and round), with quotes and their pattern.
/// Young people's and parents' counts are shown as `protection` decided; professionals'
/// (`counts`, insights: a meeting's statements) as they are.
pub(super) fn code_rows(
    tr: &Tr,
    facts: &ProjectFacts,
    resolved: &Resolved,
    theme: &str,
    protection: &CodeProtection,
    counts: &[CodeCount],
    quotes: &[CodedText],
) -> (Vec<String>, Vec<CodeRow>) {
    let waves = resolved.waves();
    let comparing = resolved.against.is_some();
    let in_wave = |wave: &Option<String>, w: &Option<String>| wave.is_none() || wave == w;
    let group = |code: i64, audience: Audience, wave: &Option<String>| CodeGroup {
        code,
        audience,
        wave: wave.clone(),
        filter: resolved
            .filter
            .as_ref()
            .map(|f| (f.question.clone(), f.value.clone())),
    };
    let count = |code: i64, audience: Audience, wave: &Option<String>| -> u64 {
        if audience == Audience::Professional {
            counts
                .iter()
                .filter(|c| c.code_id == code && c.audience == audience && in_wave(wave, &c.wave))
                .map(|c| c.count)
                .sum()
        } else {
            protection.count(&group(code, audience, wave))
        }
    };
    let cell = |code: i64, audience: Audience, wave: &Option<String>| -> Cell {
        if audience == Audience::Professional {
            Cell::Shown(count(code, audience, wave))
        } else {
            protection.cell(&group(code, audience, wave))
        }
    };
    let of_theme = codes_of_theme(facts, theme);
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
                    let shown = cell(code.id, a, w);
                    let visible = shown.is_shown();
                    CodeCell {
                        count: cell_text(tr, shown, facts.threshold),
                        n: match shown {
                            Cell::Shown(n) => n,
                            Cell::Small | Cell::Protecting => 0,
                        },
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
            // A hidden count may be large: whether it "raises" the code would tell.
            let hidden = with_material
                .iter()
                .any(|&a| cell(code.id, a, &waves[0]) == Cell::Protecting);
            let found = if hidden {
                Pattern::NotComparable
            } else {
                pattern(&per_audience, facts.threshold)
            };
            let (text, class) = match found {
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
