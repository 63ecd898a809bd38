//! The auditor of the comparison's counts: on the demo project, everything a viewer can
//! be shown of the closed questions (every round and all rounds, with and without every
//! filter) is collected with the sums a viewer knows to hold between those numbers, written
//! down here apart from the engine's own model; then, for every hidden count, two linear
//! programs find the smallest and largest value consistent with all of it. No hidden count
//! may be pinned, and a count below the threshold must keep a range at least as wide as the
//! threshold.

#[path = "../../../tests/audit/lp.rs"]
#[expect(
    dead_code,
    reason = "the engine's own property test uses the rest of it"
)]
mod lp;

use super::ProjectFacts;
use super::protect::{Group, Part};
use super::questions::asked_in_theme;
use crate::domain::QuestionKind;
use crate::domain::comparison::Cell;
use crate::domain::summary::value_codes;
use crate::i18n::Translations;
use crate::server::{AppState, Clock};
use crate::storage::Db;
use std::collections::BTreeMap;

/// The viewer's model of one theme: numbers (shown or not) and the sums between them.
#[derive(Default)]
struct Model {
    index: BTreeMap<(Group, Part, String), usize>,
    truth: Vec<u64>,
    cells: Vec<(Option<u64>, bool)>,
    relations: Vec<(usize, Vec<usize>)>,
}

impl Model {
    fn add(&mut self, key: (Group, Part, String), value: u64, shown: Option<Option<u64>>) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.truth.len();
        self.truth.push(value);
        self.cells.push(match shown {
            Some(shown) => (shown, true),
            None => (None, false),
        });
        self.index.insert(key, i);
        i
    }
}

fn shown(cell: Cell) -> Option<u64> {
    match cell {
        Cell::Shown(n) => Some(n),
        Cell::Small | Cell::Protecting => None,
    }
}

#[tokio::test]
async fn no_count_hidden_from_viewers_of_the_demo_can_be_worked_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite:{}", dir.path().join("audit.db").display()))
        .await
        .unwrap();
    crate::server::commands::load_demo(&db).await.unwrap();
    let state = AppState::new(
        db.clone(),
        Translations::load().unwrap(),
        leptos::config::LeptosOptions::builder()
            .output_name("samenspraak")
            .build(),
        Clock::fixed(time::macros::date!(2026 - 11 - 22)),
    );
    let tr = state.translations.get(None);
    let mut hidden = 0;
    for threshold in [5, 10] {
        let project = db.project_id("samenhang").await.unwrap().unwrap();
        db.set_report_threshold(project, threshold).await.unwrap();
        let facts = ProjectFacts::read(&state, &tr, project).await.unwrap();
        for theme in &facts.themes {
            let asked = asked_in_theme(&facts, &theme.key);
            let data = super::questions::closed_data(&state, project, &facts, &asked)
                .await
                .unwrap();
            let model = viewers_model(&facts, &asked, &data);
            hidden += model.cells.iter().filter(|c| c.1 && c.0.is_none()).count();
            lp::audit(&model.truth, &model.cells, &model.relations, threshold)
                .unwrap_or_else(|e| panic!("theme {}, threshold {threshold}: {e}", theme.key));
        }
    }
    assert!(hidden > 50, "the demo hides counts to audit ({hidden})");
}

/// Every number the views of a theme publish, with what they show of it, and the sums a
/// viewer can rely on: options add up to who answered (for multiple choice each option and
/// who did not choose it; for marks the pass and fail), agreeing is the two agreeing
/// options, all rounds add up the rounds, and everyone adds up each filter's groups with
/// those who gave no answer to the filter question.
fn viewers_model(
    facts: &ProjectFacts,
    asked: &[super::questions::Asked],
    data: &super::questions::ClosedData,
) -> Model {
    let mut m = Model::default();
    let (all, protection) = data.parts();
    let none = String::new;
    for (group, c) in &all.counts {
        let a = asked
            .iter()
            .find(|a| a.questionnaire == group.questionnaire && a.question.key == group.question)
            .expect("a group of an asked question");
        let kind = &a.question.kind;
        let cell = |part| Some(shown(protection.cell(group, part)));
        let answered = m.add(
            (group.clone(), Part::Answered, none()),
            c.answered,
            cell(Part::Answered),
        );
        match kind {
            QuestionKind::Mark => {
                let pass_n: u64 = c.cells[5..].iter().sum();
                let pass = m.add(
                    (group.clone(), Part::Pass, none()),
                    pass_n,
                    cell(Part::Pass),
                );
                let fail = m.add(
                    (group.clone(), Part::Fail, none()),
                    c.answered - pass_n,
                    None,
                );
                m.relations.push((answered, vec![pass, fail]));
            }
            QuestionKind::MultipleChoice { .. } => {
                for (i, &n) in c.cells.iter().enumerate() {
                    let chosen = m.add(
                        (group.clone(), Part::Option(i), none()),
                        n,
                        cell(Part::Option(i)),
                    );
                    let not = m.add(
                        (group.clone(), Part::NotChosen(i), none()),
                        c.answered - n,
                        None,
                    );
                    m.relations.push((answered, vec![chosen, not]));
                }
            }
            _ => {
                let options: Vec<usize> = (0..value_codes(kind).len())
                    .map(|i| {
                        m.add(
                            (group.clone(), Part::Option(i), none()),
                            c.cells[i],
                            cell(Part::Option(i)),
                        )
                    })
                    .collect();
                m.relations.push((answered, options.clone()));
                if matches!(kind, QuestionKind::Agreement) {
                    let agree = m.add(
                        (group.clone(), Part::Agree, none()),
                        c.cells[3] + c.cells[4],
                        cell(Part::Agree),
                    );
                    m.relations.push((agree, vec![options[3], options[4]]));
                }
            }
        }
    }
    let keys: Vec<(Group, Part, String)> = m.index.keys().cloned().collect();
    for (group, part, _) in keys
        .iter()
        .filter(|(g, p, _)| g.wave.is_none() && !matches!(p, Part::NotChosen(_) | Part::Fail))
    {
        let total = m.index[&(group.clone(), *part, none())];
        let rounds = facts
            .waves
            .iter()
            .map(|w| {
                m.index[&(
                    Group {
                        wave: Some(w.key.clone()),
                        ..group.clone()
                    },
                    *part,
                    none(),
                )]
            })
            .collect();
        m.relations.push((total, rounds));
    }
    let mut by_question: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (f, _) in &facts.filters {
        let (q, v) = f.split_once('=').unwrap();
        by_question.entry(q).or_default().push(v);
    }
    for (group, part, _) in keys
        .iter()
        .filter(|(g, p, _)| g.filter.is_none() && !matches!(p, Part::NotChosen(_) | Part::Fail))
    {
        let total = m.index[&(group.clone(), *part, none())];
        for (question, values) in &by_question {
            let mut parts: Vec<usize> = values
                .iter()
                .map(|v| {
                    let filtered = Group {
                        filter: Some(((*question).to_owned(), (*v).to_owned())),
                        ..group.clone()
                    };
                    m.index[&(filtered, *part, none())]
                })
                .collect();
            let inside: u64 = parts.iter().map(|&i| m.truth[i]).sum();
            let rest = m.truth[total] - inside;
            parts.push(m.add((group.clone(), *part, (*question).to_owned()), rest, None));
            m.relations.push((total, parts));
        }
    }
    m
}
