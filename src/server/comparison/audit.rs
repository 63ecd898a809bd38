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
use super::questions::asked_in_project;
use crate::domain::QuestionKind;
use crate::domain::comparison::Cell;
use crate::domain::summary::value_codes;
use crate::i18n::Translations;
use crate::server::{AppState, Clock};
use crate::storage::Db;
use lp::Seen;
use std::collections::BTreeMap;

/// The viewer's model of one theme: numbers (shown or not) and the sums between them.
#[derive(Default)]
struct Model {
    index: BTreeMap<(Group, Part, String), usize>,
    truth: Vec<u64>,
    cells: Vec<(Option<u64>, Seen)>,
    relations: Vec<(usize, Vec<usize>)>,
}

impl Model {
    /// A published cell with what a view shows of it (`Some`), or an unpublished count of a
    /// group (`None`).
    fn add(&mut self, key: (Group, Part, String), value: u64, shown: Option<Option<u64>>) -> usize {
        let seen = match shown {
            Some(shown) => (shown, Seen::Published),
            None => (None, Seen::Unpublished),
        };
        self.insert(key, value, seen)
    }

    /// An unpublished count of no answer (who skipped a question), or one the engine does not
    /// protect on its own (how many gave each mark).
    fn slack(&mut self, key: (Group, Part, String), value: u64) -> usize {
        self.insert(key, value, (None, Seen::Slack))
    }

    fn insert(
        &mut self,
        key: (Group, Part, String),
        value: u64,
        seen: (Option<u64>, Seen),
    ) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.truth.len();
        self.truth.push(value);
        self.cells.push(seen);
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

/// A database in a temporary directory, and the app state around it.
async fn scratch() -> (tempfile::TempDir, Db, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite:{}", dir.path().join("audit.db").display()))
        .await
        .unwrap();
    let state = AppState::new(
        db.clone(),
        Translations::load().unwrap(),
        leptos::config::LeptosOptions::builder()
            .output_name("samenspraak")
            .build(),
        Clock::fixed(time::macros::date!(2026 - 11 - 22)),
    );
    (dir, db, state)
}

/// Audits everything a viewer of the project can be shown at each threshold; returns how
/// many published counts were hidden in all.
async fn audit_project(state: &AppState, key: &str, thresholds: &[u64]) -> usize {
    let db = &state.db;
    let tr = state.translations.get(None);
    let mut hidden = 0;
    for &threshold in thresholds {
        let project = db.project_id(key).await.unwrap().unwrap();
        db.set_report_threshold(project, threshold).await.unwrap();
        let facts = ProjectFacts::read(state, &tr, project).await.unwrap();
        let asked = asked_in_project(&facts);
        let data = super::questions::closed_data(state, project, &facts)
            .await
            .unwrap();
        let links = db.project_links(project).await.unwrap();
        let mut model = viewers_model(&facts, &asked, &data);
        add_respondents(&mut model, &facts, &asked, &links, &data);
        add_mark_sums(&mut model, &asked, &data);
        add_filtered_answering(&mut model, &asked, &data);
        hidden += model
            .cells
            .iter()
            .filter(|c| c.1 == Seen::Published && c.0.is_none())
            .count();
        lp::audit(&model.truth, &model.cells, &model.relations, threshold).unwrap_or_else(|e| {
            let names: Vec<String> = model
                .index
                .iter()
                .map(|(k, i)| format!("{i}: {k:?}"))
                .collect();
            panic!("{key}, threshold {threshold}: {e}\n{}", names.join("\n"))
        });
    }
    hidden
}

#[tokio::test]
async fn no_count_hidden_from_viewers_of_the_demo_can_be_worked_out() {
    let (_dir, db, state) = scratch().await;
    crate::server::commands::load_demo(&db).await.unwrap();
    let hidden = audit_project(&state, "samenhang", &[5, 10]).await;
    assert!(hidden > 50, "the demo hides counts to audit ({hidden})");
}

/// Two people in each round skip an optional filter question. Everyone's counts minus the
/// counts within each answer to it would tell what those two answered, although no view
/// shows them as a group. A few answer in Arabic and one conversation a round is held in
/// Turkish: small groups within a language.
#[tokio::test]
async fn what_the_few_who_skipped_the_filter_question_answered_cannot_be_worked_out() {
    let (_dir, db, state) = scratch().await;
    let definition = crate::domain::definition::parse(SKIPPED_FILTER).unwrap();
    db.import_definition(&definition, || {
        crate::domain::InvitationCode::from_random(rand::random())
    })
    .await
    .unwrap();
    let project = db.project_id("overslaan").await.unwrap().unwrap();
    for target in db.link_targets(project).await.unwrap() {
        let autumn = target.wave == "najaar";
        let mut batch = Vec::new();
        for i in 0..if autumn { 90 } else { 100 } {
            let age = match i % 50 {
                0 => None,
                k if k % 2 == 0 => Some("jong"),
                _ => Some("oud"),
            };
            let yes_no = |yes: bool| vec![if yes { "ja" } else { "nee" }.to_owned()];
            let mut answers: Vec<(String, Vec<String>)> = vec![
                (
                    "hulp".into(),
                    yes_no((i * 7 + usize::from(autumn)) % 3 != 0),
                ),
                ("veilig".into(), yes_no(i % 4 != 1)),
            ];
            if let Some(age) = age {
                answers.push(("leeftijd".into(), vec![age.into()]));
            }
            batch.push(crate::storage::NewResponse {
                link_id: target.link_id,
                version_id: target.version_id,
                audience: target.audience,
                wave_id: target.wave_id,
                group: target.group.clone(),
                submitted_on: time::macros::date!(2026 - 10 - 01),
                // A few answer in Arabic: a small group within a language.
                language: if i % 29 == 3 { "ar" } else { "nl" }.into(),
                answers,
            });
        }
        db.insert_responses(&batch).await.unwrap();
    }
    // Two conversations held in Turkish: a language group of conversations only.
    for (wave, answer) in [("voorjaar", "ja"), ("najaar", "nee")] {
        let new = crate::storage::NewInterview {
            audience: crate::domain::Audience::Youth,
            wave_key: wave.into(),
            held_on: time::macros::date!(2026 - 10 - 02),
            group_size: 1,
            label: "jongere".into(),
            questionnaire: "school".into(),
            language: "tr".into(),
        };
        let id = db.create_interview(project, &new).await.unwrap().unwrap();
        let answers = [("hulp", answer), ("veilig", "ja"), ("leeftijd", "oud")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), crate::domain::Answer::Choice(v.to_owned())))
            .collect();
        assert!(
            db.save_interview(project, id, &Default::default(), &answers)
                .await
                .unwrap()
        );
    }
    let tr = state.translations.get(None);
    let facts = ProjectFacts::read(&state, &tr, project).await.unwrap();
    let languages: Vec<&str> = facts
        .filters
        .iter()
        .map(|(f, _)| f.as_str())
        .filter(|f| f.starts_with('@'))
        .collect();
    assert_eq!(languages, ["@taal=nl", "@taal=ar", "@taal=tr"]);
    audit_project(&state, "overslaan", &[3, 5]).await;
}

const SKIPPED_FILTER: &str = r#"
[project]
key = "overslaan"
name = "Overslaan"

[[themes]]
key = "school"
title = "School"

[[waves]]
key = "voorjaar"
name = "Voorjaar"
opens = 2026-03-01
closes = 2026-06-30

[[waves]]
key = "najaar"
name = "Najaar"
opens = 2026-09-01
closes = 2030-12-31

[[questionnaires]]
key = "school"
title = "School"
minutes = 2
purpose.youth = "We willen weten hoe het gaat op school."
purpose.parent = "We willen weten hoe het gaat op school."

[[questionnaires.questions]]
key = "leeftijd"
theme = "school"
type = "single_choice"
required = false
youth = "Hoe oud ben je?"
parent = "Hoe oud is je kind?"
options = [
  { value = "jong", label = "Jonger dan 15 jaar" },
  { value = "oud", label = "15 jaar of ouder" },
]

[[questionnaires.questions]]
key = "veilig"
theme = "school"
type = "yes_no"
youth = "Voel je je veilig op school?"
parent = "Voelt je kind zich veilig op school?"

[[questionnaires.questions]]
key = "hulp"
theme = "school"
type = "yes_no"
youth = "Kreeg je hulp als je die nodig had?"
parent = "Kreeg je kind hulp als het die nodig had?"

[[links]]
questionnaire = "school"
audience = "youth"
wave = "voorjaar"
code = "ovsl26va"

[[links]]
questionnaire = "school"
audience = "youth"
wave = "najaar"
code = "ovsl26na"
"#;

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

/// The response counts as the project page (per link) and the method note (per audience
/// and round, and all rounds) show them: the links of a questionnaire add up to its
/// responses, which add up to the audience's. Who answered a question are some of a
/// questionnaire's respondents.
fn add_respondents(
    m: &mut Model,
    facts: &ProjectFacts,
    asked: &[super::questions::Asked],
    links: &[crate::storage::ProjectLink],
    data: &super::questions::ClosedData,
) {
    use super::protect::ResponseCount;
    let key = |name: &str, audience, wave: Option<&str>, questionnaire: &str| {
        let group = Group {
            questionnaire: questionnaire.to_owned(),
            question: String::new(),
            audience,
            wave: wave.map(str::to_owned),
            filter: None,
        };
        (group, Part::Answered, name.to_owned())
    };
    let waves: Vec<Option<&str>> = std::iter::once(None)
        .chain(facts.waves.iter().map(|w| Some(w.key.as_str())))
        .collect();
    for audience in crate::domain::Audience::ALL {
        for &wave in &waves {
            let count: u64 = data
                .material
                .iter()
                .filter(|x| x.audience == Some(audience))
                .filter(|x| wave.is_none() || x.wave.as_deref() == wave)
                .map(|x| x.responses)
                .sum();
            if count == 0 && wave.is_some() {
                continue;
            }
            let cell = data.responses(&ResponseCount::Audience(audience, wave.map(str::to_owned)));
            // The method note leaves an audience without responses out: a zero.
            let cell = if count == 0 { Some(0) } else { shown(cell) };
            let everyone = m.add(key("respondents", audience, wave, ""), count, Some(cell));
            let mut questionnaires: Vec<&str> = links
                .iter()
                .filter(|l| l.audience == audience && wave.is_none_or(|w| l.wave_key == w))
                .map(|l| l.questionnaire.as_str())
                .collect();
            questionnaires.sort();
            questionnaires.dedup();
            let mut parts = Vec::new();
            for q in questionnaires {
                let mine: Vec<_> = links
                    .iter()
                    .filter(|l| l.audience == audience && l.questionnaire == q)
                    .filter(|l| wave.is_none_or(|w| l.wave_key == w))
                    .collect();
                let n = mine.iter().map(|l| l.responses as u64).sum();
                let of = m.add(key("answering", audience, wave, q), n, None);
                parts.push(of);
                if wave.is_some() {
                    let links = mine
                        .iter()
                        .map(|l| {
                            let code = l.code.to_string();
                            let cell = data.responses(&ResponseCount::Link(code.clone()));
                            m.add(
                                key("link", audience, None, &code),
                                l.responses as u64,
                                Some(shown(cell)),
                            )
                        })
                        .collect();
                    m.relations.push((of, links));
                }
                for a in asked
                    .iter()
                    .filter(|a| a.questionnaire == q && a.audiences.contains(&audience))
                {
                    let group = Group {
                        questionnaire: a.questionnaire.to_owned(),
                        question: a.question.key.clone(),
                        audience,
                        wave: wave.map(str::to_owned),
                        filter: None,
                    };
                    let answered = m.index[&(group.clone(), Part::Answered, String::new())];
                    let Some(skipped) = n.checked_sub(m.truth[answered]) else {
                        continue;
                    };
                    // A viewer who reads the questionnaire knows that nobody skips a
                    // question everyone is asked and must answer.
                    let known = (skipped == 0 && a.question.answered_by_everyone_asked())
                        .then_some(Some(0));
                    let key = (group, Part::Answered, "skipped".into());
                    let skipped = match known {
                        Some(zero) => m.add(key, skipped, Some(zero)),
                        None => m.slack(key, skipped),
                    };
                    m.relations.push((of, vec![answered, skipped]));
                }
            }
            if parts.iter().map(|&p| m.truth[p]).sum::<u64>() == count {
                m.relations.push((everyone, parts));
            }
        }
    }
}

/// Within an answer to a filter question, a question everyone asked must answer is
/// answered by everyone who gave that answer: its "answered" is the filter option's count.
fn add_filtered_answering(
    m: &mut Model,
    asked: &[super::questions::Asked],
    data: &super::questions::ClosedData,
) {
    let (all, _) = data.parts();
    let find = |questionnaire: &str, question: &str| {
        asked
            .iter()
            .find(|a| a.questionnaire == questionnaire && a.question.key == question)
    };
    for group in all.counts.keys() {
        let Some((filter, value)) = &group.filter else {
            continue;
        };
        let (Some(this), Some(by)) = (
            find(&group.questionnaire, &group.question),
            find(&group.questionnaire, filter),
        ) else {
            continue;
        };
        let Some(i) = value_codes(&by.question.kind)
            .iter()
            .position(|c| c == value)
        else {
            continue;
        };
        if !this.question.answered_by_everyone_asked() || !by.audiences.contains(&group.audience) {
            continue;
        }
        let unfiltered = Group {
            question: filter.clone(),
            filter: None,
            ..group.clone()
        };
        let (Some(&chose), Some(&answered)) = (
            m.index.get(&(unfiltered, Part::Option(i), String::new())),
            m.index.get(&(group.clone(), Part::Answered, String::new())),
        ) else {
            continue;
        };
        if m.truth[chose] == m.truth[answered] {
            m.relations.push((chose, vec![answered]));
        }
    }
}

/// A shown mean mark tells the sum of the marks, `Σ mark × count` over the marks 1 to 10
/// (counts a viewer is not shown), which the pass and fail must agree with.
fn add_mark_sums(
    m: &mut Model,
    asked: &[super::questions::Asked],
    data: &super::questions::ClosedData,
) {
    let (all, _) = data.parts();
    for (group, c) in &all.counts {
        let Some(a) = asked
            .iter()
            .find(|a| a.questionnaire == group.questionnaire && a.question.key == group.question)
            .filter(|a| matches!(a.question.kind, QuestionKind::Mark))
        else {
            continue;
        };
        let filter = group
            .filter
            .as_ref()
            .map(|(question, value)| crate::storage::AnswerFilter {
                question: question.clone(),
                value: value.clone(),
            });
        let summary = super::questions::summarize_group(
            a,
            data,
            group.audience,
            group.wave.as_deref(),
            filter.as_ref(),
        );
        if summary.marks.is_none() {
            continue;
        }
        let marks: Vec<usize> = c
            .cells
            .iter()
            .enumerate()
            .map(|(i, &n)| m.slack((group.clone(), Part::Option(i), "mark".into()), n))
            .collect();
        let sum: u64 = c
            .cells
            .iter()
            .enumerate()
            .map(|(i, &n)| (i as u64 + 1) * n)
            .sum();
        let sum = m.add(
            (group.clone(), Part::Answered, "sum".into()),
            sum,
            Some(Some(sum)),
        );
        let weighted = marks
            .iter()
            .enumerate()
            .flat_map(|(i, &mark)| std::iter::repeat_n(mark, i + 1))
            .collect();
        m.relations.push((sum, weighted));
        let answered = m.index[&(group.clone(), Part::Answered, String::new())];
        m.relations.push((answered, marks.clone()));
        let pass = m.index[&(group.clone(), Part::Pass, String::new())];
        m.relations.push((pass, marks[5..].to_vec()));
    }
}
