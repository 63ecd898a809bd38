//! Every count the closed questions of a theme can publish, protected together.
//!
//! A viewer can ask for any round or all rounds, with or without any filter, and combine
//! what the pages, the report and the aggregate export show. So the counts of every such
//! view go into one [`Table`] with the sums that tie them together — all rounds are the sum
//! of the rounds; an unfiltered group is the sum of its filtered groups and the people who
//! did not answer the filter question; who answered is the sum of the options — and the
//! disclosure-control engine decides once what may be shown. Each view then only looks up
//! its cells, so no two views disagree and none can be subtracted from another.

use super::ProjectFacts;
use super::questions::Asked;
use crate::domain::comparison::Cell;
use crate::domain::disclosure::{CellId, Disclosure, Table};
use crate::domain::summary::{Counts, value_codes};
use crate::domain::{Audience, QuestionKind};
use crate::storage::{AnswerFilter, ClosedCount};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// One group of one question: an audience in a round (none: all rounds), within an answer
/// to a filter question (none: everyone).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct Group {
    pub questionnaire: String,
    pub question: String,
    pub audience: Audience,
    pub wave: Option<String>,
    pub filter: Option<(String, String)>,
}

/// A number of a group that some view publishes (or, for `Rest`, that ties them together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Part {
    /// How many answered.
    Answered,
    /// How many gave answer `i` (for multiple choice: chose option `i`).
    Option(usize),
    /// Multiple choice: how many who answered did not choose option `i` (not published).
    NotChosen(usize),
    /// Agreement: how many agreed (the share agreeing publishes it).
    Agree,
    /// Marks: how many gave 6 or more, and fewer (the pass share publishes the first).
    Pass,
    Fail,
}

/// A number of the project that a view publishes, or that ties published numbers together.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Key {
    /// A number of a group of a closed question.
    Closed(Group, Part),
    /// A count of responses the method note or the project page shows.
    Responses(ResponseCount),
    /// The responses to one questionnaire by an audience in a round (not published).
    Answering(String, Audience, String),
    /// Who answered the questionnaire of a group but not its question (not published).
    Skipped(Group),
}

/// What may be shown of every closed question's groups and every response count of a
/// project.
pub struct Protection {
    decided: BTreeMap<Key, Disclosure>,
}

impl Protection {
    /// The cell as a view shows it. A number no view publishes (which cannot happen for the
    /// groups built here) is hidden, never shown unprotected.
    pub(super) fn cell(&self, group: &Group, part: Part) -> Cell {
        shown_as(self.decided.get(&Key::Closed(group.clone(), part)))
    }

    /// A response count as the method note and the project page show it.
    pub fn responses(&self, count: &ResponseCount) -> Cell {
        shown_as(self.decided.get(&Key::Responses(count.clone())))
    }
}

/// A decision as a view shows it. A number the engine was not given is hidden, never shown
/// unprotected.
fn shown_as(decided: Option<&Disclosure>) -> Cell {
    match decided {
        Some(Disclosure::Shown(n)) => Cell::Shown(*n),
        Some(Disclosure::Small) => Cell::Small,
        Some(Disclosure::Protecting) | None => Cell::Protecting,
    }
}

/// Every filter a view can choose, none first, as (question, answer).
fn filter_choices(filters: &[(String, String)]) -> Vec<Option<(String, String)>> {
    std::iter::once(None)
        .chain(filters.iter().filter_map(|(f, _)| {
            f.split_once('=')
                .map(|(q, v)| Some((q.to_owned(), v.to_owned())))
        }))
        .collect()
}

/// Counts of every group, read for all filters at once.
pub(super) struct AllCounts {
    pub counts: BTreeMap<Group, Counts>,
}

/// Adds the stored rows up into the counts of every group (every round and all rounds,
/// every filter and none) of the questions asked in a theme, in one pass over the rows.
pub(super) fn all_counts(
    facts: &ProjectFacts,
    asked: &[Asked],
    rows: &[(Option<AnswerFilter>, ClosedCount)],
    answered: &[(Option<AnswerFilter>, ClosedCount)],
) -> AllCounts {
    let filters = filter_choices(&facts.filters);
    let waves: Vec<Option<String>> = std::iter::once(None)
        .chain(facts.waves.iter().map(|w| Some(w.key.clone())))
        .collect();
    let mut counts = BTreeMap::new();
    let mut codes: BTreeMap<(String, String), (Vec<String>, bool)> = BTreeMap::new();
    for a in asked {
        let values = value_codes(&a.question.kind);
        let multiple = matches!(a.question.kind, QuestionKind::MultipleChoice { .. });
        for &audience in &a.audiences {
            for wave in &waves {
                for filter in &filters {
                    let group = Group {
                        questionnaire: a.questionnaire.to_owned(),
                        question: a.question.key.clone(),
                        audience,
                        wave: wave.clone(),
                        filter: filter.clone(),
                    };
                    counts.insert(group, Counts::empty(values.len()));
                }
            }
        }
        codes.insert(
            (a.questionnaire.to_owned(), a.question.key.clone()),
            (values, multiple),
        );
    }
    // A row counts in its own round and in all rounds.
    let groups_of = |filter: &Option<AnswerFilter>, r: &ClosedCount| {
        let filter = filter
            .as_ref()
            .map(|f| (f.question.clone(), f.value.clone()));
        [Some(r.wave.clone()), None].map(|wave| Group {
            questionnaire: r.questionnaire.clone(),
            question: r.question.clone(),
            audience: r.audience,
            wave,
            filter: filter.clone(),
        })
    };
    for (filter, row) in rows {
        let Some((values, _)) = codes.get(&(row.questionnaire.clone(), row.question.clone()))
        else {
            continue;
        };
        let Some(i) = values.iter().position(|code| *code == row.value) else {
            continue;
        };
        for group in groups_of(filter, row) {
            if let Some(c) = counts.get_mut(&group) {
                c.cells[i] += row.count;
            }
        }
    }
    for (filter, row) in answered {
        if !codes
            .get(&(row.questionnaire.clone(), row.question.clone()))
            .is_some_and(|(_, multiple)| *multiple)
        {
            continue;
        }
        for group in groups_of(filter, row) {
            if let Some(c) = counts.get_mut(&group) {
                c.answered += row.count;
            }
        }
    }
    for (group, c) in counts.iter_mut() {
        if !codes[&(group.questionnaire.clone(), group.question.clone())].1 {
            c.answered = c.cells.iter().sum();
        }
    }
    AllCounts { counts }
}

/// The parts of a group that views publish, with their values.
pub(super) fn published_parts(kind: &QuestionKind, c: &Counts) -> Vec<(Part, u64)> {
    let mut parts = vec![(Part::Answered, c.answered)];
    match kind {
        QuestionKind::Mark => {
            let pass: u64 = c.cells[5..].iter().sum();
            parts.push((Part::Pass, pass));
        }
        _ => {
            parts.extend(
                c.cells
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| (Part::Option(i), n)),
            );
            if matches!(kind, QuestionKind::Agreement) {
                parts.push((Part::Agree, c.cells[3] + c.cells[4]));
            }
        }
    }
    parts
}

/// Every number the views of a project's closed questions and its response counts publish,
/// with the sums that tie them together and one-respondent moves hinted through the small
/// ones (pure work that grows with the project: build it off the async runtime).
pub(super) fn table(
    facts: &ProjectFacts,
    asked: &[Asked],
    all: &AllCounts,
    responses: &Responses,
) -> Table<Key> {
    let mut table: Table<Key> = Table::new();
    let kinds: BTreeMap<(String, String), &QuestionKind> = asked
        .iter()
        .map(|a| {
            (
                (a.questionnaire.to_owned(), a.question.key.clone()),
                &a.question.kind,
            )
        })
        .collect();
    // Every published number, and the sums inside one group.
    for (group, c) in &all.counts {
        let kind = kinds[&(group.questionnaire.clone(), group.question.clone())];
        let ids: BTreeMap<Part, _> = published_parts(kind, c)
            .into_iter()
            .map(|(part, n)| (part, table.cell(Key::Closed(group.clone(), part), n)))
            .collect();
        let answered = ids[&Part::Answered];
        match kind {
            QuestionKind::MultipleChoice { .. } => {
                for (i, &chosen) in c.cells.iter().enumerate() {
                    let not = c.answered.saturating_sub(chosen);
                    if chosen + not == c.answered {
                        let not =
                            table.unpublished(Key::Closed(group.clone(), Part::NotChosen(i)), not);
                        table.relation(answered, &[ids[&Part::Option(i)], not]);
                    }
                }
            }
            QuestionKind::Mark => {
                let pass = ids[&Part::Pass];
                let fail = table.unpublished(
                    Key::Closed(group.clone(), Part::Fail),
                    c.answered - c.cells[5..].iter().sum::<u64>(),
                );
                table.relation(answered, &[pass, fail]);
            }
            _ => {
                let options: Vec<_> = (0..c.cells.len()).map(|i| ids[&Part::Option(i)]).collect();
                table.relation(answered, &options);
                if let Some(&agree) = ids.get(&Part::Agree) {
                    table.relation(agree, &[options[3], options[4]]);
                }
            }
        }
    }
    // All rounds are the sum of the rounds.
    for (group, c) in all.counts.iter().filter(|(g, _)| g.wave.is_none()) {
        let kind = kinds[&(group.questionnaire.clone(), group.question.clone())];
        for (part, _) in published_parts(kind, c) {
            let rounds: Vec<Key> = facts
                .waves
                .iter()
                .map(|w| {
                    Key::Closed(
                        Group {
                            wave: Some(w.key.clone()),
                            ..group.clone()
                        },
                        part,
                    )
                })
                .collect();
            add_sum(
                &mut table,
                all,
                Key::Closed(group.clone(), part),
                &rounds,
                None,
            );
        }
    }
    // Everyone is the sum of each answer to a filter question and those who gave none.
    let filter_questions = filter_questions(&facts.filters);
    for (group, c) in all.counts.iter().filter(|(g, _)| g.filter.is_none()) {
        let kind = kinds[&(group.questionnaire.clone(), group.question.clone())];
        for filter_question in &filter_questions {
            for (part, _) in published_parts(kind, c) {
                let within: Vec<Key> = facts
                    .filters
                    .iter()
                    .filter_map(|(f, _)| f.split_once('='))
                    .filter(|(q, _)| q == filter_question)
                    .map(|(q, v)| {
                        Key::Closed(
                            Group {
                                filter: Some((q.to_owned(), v.to_owned())),
                                ..group.clone()
                            },
                            part,
                        )
                    })
                    .collect();
                let rest = Key::Closed(
                    Group {
                        filter: Some(((*filter_question).to_owned(), String::new())),
                        ..group.clone()
                    },
                    part,
                );
                add_sum(
                    &mut table,
                    all,
                    Key::Closed(group.clone(), part),
                    &within,
                    Some(rest),
                );
            }
        }
    }
    let answering = responses.answering();
    response_counts(&mut table, responses, &answering);
    everyone_asked_answers(&mut table, asked, all, &answering);
    everyone_within_an_answer_answers(&mut table, asked, all);
    super::moves::hint(&mut table, facts, asked, all, facts.threshold);
    table
}

/// Who answered a question are some of those who answered its questionnaire, and all of
/// them when everyone asked must answer it (all rounds follow from the rounds).
fn everyone_asked_answers(
    table: &mut Table<Key>,
    asked: &[Asked],
    all: &AllCounts,
    answering: &BTreeMap<(String, Audience, String), u64>,
) {
    let find = |questionnaire: &str, question: &str| {
        asked
            .iter()
            .find(|a| a.questionnaire == questionnaire && a.question.key == question)
    };
    for (group, c) in &all.counts {
        let Some(this) = find(&group.questionnaire, &group.question) else {
            continue;
        };
        let everyone_answers = this.question.answered_by_everyone_asked();
        let (Some(wave), None) = (&group.wave, &group.filter) else {
            continue;
        };
        let key = (group.questionnaire.clone(), group.audience, wave.clone());
        let Some(&of) = answering.get(&key) else {
            continue;
        };
        let Some(skipped) = of.checked_sub(c.answered) else {
            continue;
        };
        let total = table.unpublished(Key::Answering(key.0, key.1, key.2), of);
        let answered = table.cell(Key::Closed(group.clone(), Part::Answered), c.answered);
        if everyone_answers && skipped == 0 {
            table.relation(total, &[answered]);
        } else {
            let skipped = table.slack(Key::Skipped(group.clone()), skipped);
            table.relation(total, &[answered, skipped]);
        }
    }
}

/// Within an answer to a filter question, a question everyone asked must answer is answered
/// by everyone who gave that answer: its "answered" is the count of the filter's option.
fn everyone_within_an_answer_answers(table: &mut Table<Key>, asked: &[Asked], all: &AllCounts) {
    let find = |questionnaire: &str, question: &str| {
        asked
            .iter()
            .find(|a| a.questionnaire == questionnaire && a.question.key == question)
    };
    for (group, c) in &all.counts {
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
            .position(|v| v == value)
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
        let chose = all.counts.get(&unfiltered).and_then(|u| u.cells.get(i));
        if chose != Some(&c.answered) {
            continue;
        }
        let (Some(chose), Some(answered)) = (
            table.id(&Key::Closed(unfiltered, Part::Option(i))),
            table.id(&Key::Closed(group.clone(), Part::Answered)),
        ) else {
            continue;
        };
        table.relation(chose, &[answered]);
    }
}

/// What the response counts are made of: every invitation link's responses and the method
/// note's responses per audience and round.
pub(super) struct Responses<'a> {
    pub links: &'a [crate::storage::ProjectLink],
    pub material: &'a [crate::storage::Material],
}

impl Responses<'_> {
    /// The method note's responses per audience and round.
    fn per_round(&self) -> BTreeMap<(Audience, String), u64> {
        let mut per_round = BTreeMap::new();
        for m in self.material {
            if let (Some(audience), Some(wave)) = (m.audience, &m.wave) {
                *per_round.entry((audience, wave.clone())).or_default() += m.responses;
            }
        }
        per_round
    }

    /// The responses to each questionnaire per audience and round: the sum of its links.
    fn answering(&self) -> BTreeMap<(String, Audience, String), u64> {
        let mut answering = BTreeMap::new();
        for l in self.links {
            *answering
                .entry((l.questionnaire.clone(), l.audience, l.wave_key.clone()))
                .or_default() += link_responses(l);
        }
        answering
    }
}

fn link_responses(link: &crate::storage::ProjectLink) -> u64 {
    link.responses.max(0) as u64
}

/// The response counts with their sums: the links of a questionnaire add up to its
/// responses in a round (`answering`), the questionnaires of an audience to the method
/// note's count, and the rounds to all rounds.
fn response_counts(
    table: &mut Table<Key>,
    responses: &Responses,
    answering: &BTreeMap<(String, Audience, String), u64>,
) {
    for ((questionnaire, audience, wave), &n) in answering {
        let parts: Vec<CellId> = responses
            .links
            .iter()
            .filter(|l| {
                l.questionnaire == *questionnaire && l.audience == *audience && l.wave_key == *wave
            })
            .map(|l| {
                let key = Key::Responses(ResponseCount::Link(l.code.to_string()));
                table.cell(key, link_responses(l))
            })
            .collect();
        let total = Key::Answering(questionnaire.clone(), *audience, wave.clone());
        let total = table.unpublished(total, n);
        table.relation(total, &parts);
    }
    let per_round = responses.per_round();
    for ((audience, wave), &n) in &per_round {
        let mine: Vec<_> = answering
            .iter()
            .filter(|((_, a, w), _)| a == audience && w == wave)
            .collect();
        let parts: Vec<CellId> = mine
            .iter()
            .map(|&((q, a, w), &n)| table.unpublished(Key::Answering(q.clone(), *a, w.clone()), n))
            .collect();
        let total = Key::Responses(ResponseCount::Audience(*audience, Some(wave.clone())));
        let total = table.cell(total, n);
        if mine.iter().map(|(_, n)| **n).sum::<u64>() == n {
            table.relation(total, &parts);
        }
    }
    for audience in Audience::ALL {
        let rounds: Vec<(Key, u64)> = per_round
            .iter()
            .filter(|((a, _), _)| *a == audience)
            .map(|((a, w), &n)| {
                (
                    Key::Responses(ResponseCount::Audience(*a, Some(w.clone()))),
                    n,
                )
            })
            .collect();
        if !rounds.is_empty() {
            let all = rounds.iter().map(|r| r.1).sum();
            let total = Key::Responses(ResponseCount::Audience(audience, None));
            relate(table, (total, all), rounds, None);
        }
    }
}

/// Decides what every view may show (a search that can take a while on a big project:
/// call it off the async runtime).
pub(super) fn decide(table: &Table<Key>, threshold: u64) -> Protection {
    let decided = table
        .protect(threshold)
        .iter()
        .map(|(key, state)| (key.clone(), state))
        .collect();
    Protection { decided }
}

/// The value of a published part of a group.
fn value(all: &AllCounts, key: &Key) -> Option<u64> {
    let Key::Closed(group, part) = key else {
        return None;
    };
    let c = all.counts.get(group)?;
    Some(match part {
        Part::Answered => c.answered,
        Part::Option(i) => c.cells[*i],
        Part::Agree => c.cells[3] + c.cells[4],
        Part::Pass => c.cells[5..].iter().sum(),
        Part::NotChosen(i) => c.answered - c.cells[*i],
        Part::Fail => c.answered - c.cells[5..].iter().sum::<u64>(),
    })
}

/// Records `total = Σ parts (+ rest)`, the rest being what the parts leave (not published
/// on its own). A sum that the stored counts do not satisfy is no fact a viewer could use,
/// and is left out rather than trusted.
fn add_sum(table: &mut Table<Key>, all: &AllCounts, total: Key, parts: &[Key], rest: Option<Key>) {
    let Some(sum) = value(all, &total) else {
        return;
    };
    let values: Option<Vec<(Key, u64)>> = parts
        .iter()
        .map(|k| value(all, k).map(|n| (k.clone(), n)))
        .collect();
    if let Some(values) = values {
        relate(table, (total, sum), values, rest);
    }
}

/// Records `total = Σ parts (+ rest)` in a table of any kind of cells, the rest being what
/// the parts leave (never published on its own); a sum the counts do not satisfy is left out.
fn relate<K: Ord + Clone>(
    table: &mut Table<K>,
    (total, sum): (K, u64),
    parts: Vec<(K, u64)>,
    rest: Option<K>,
) {
    let inside: u64 = parts.iter().map(|(_, n)| n).sum();
    let mut ids: Vec<_> = parts.into_iter().map(|(k, n)| table.cell(k, n)).collect();
    match rest {
        Some(rest) if inside <= sum => ids.push(table.unpublished(rest, sum - inside)),
        Some(_) => return,
        None if inside != sum => return,
        None => {}
    }
    let total = table.cell(total, sum);
    table.relation(total, &ids);
}

/// Decisions kept per set of counts: the same counts (of the same questions, rounds and
/// filters, under the same threshold) always get the same decisions, so they are made once
/// and then read by every view until a response, conversation or setting changes a count.
pub struct ProtectionCache<T>(std::sync::Mutex<std::collections::VecDeque<(u64, Arc<T>)>>);

impl<T> Default for ProtectionCache<T> {
    fn default() -> Self {
        ProtectionCache(Default::default())
    }
}

/// How many sets of decisions are kept (a few per theme of the projects in use).
const CACHED: usize = 64;

impl<T> ProtectionCache<T> {
    /// The key of one set of counts.
    pub(super) fn key(&self, what: &impl Hash) -> u64 {
        let mut hasher = std::hash::DefaultHasher::new();
        what.hash(&mut hasher);
        hasher.finish()
    }

    pub(super) fn get(&self, key: u64) -> Option<Arc<T>> {
        let cache = self.0.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, p)| p.clone())
    }

    pub(super) fn put(&self, key: u64, protection: Arc<T>) {
        let mut cache = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() >= CACHED {
            cache.pop_front();
        }
        cache.push_back((key, protection));
    }
}

impl<T> std::fmt::Debug for ProtectionCache<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProtectionCache")
    }
}

/// One count of a code: the young people or parents who raised it (conversation quotes
/// count once each), in a round (none: all rounds), within an answer to a filter question
/// (none: everyone). Insights are a meeting's statements, not counts of people.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct CodeGroup {
    pub code: i64,
    pub audience: Audience,
    pub wave: Option<String>,
    pub filter: Option<(String, String)>,
}

/// What may be shown of every code count of a theme.
pub struct CodeProtection {
    counts: BTreeMap<CodeGroup, u64>,
    decided: BTreeMap<CodeGroup, Disclosure>,
}

impl CodeProtection {
    /// The count of a group as stored, for what only follows from a shown count (the
    /// quotes under it, whether an audience raises the code).
    pub(super) fn count(&self, group: &CodeGroup) -> u64 {
        self.counts.get(group).copied().unwrap_or(0)
    }

    pub(super) fn cell(&self, group: &CodeGroup) -> Cell {
        shown_as(self.decided.get(group))
    }
}

/// The closed questions a comparison can be filtered by, each once.
pub(super) fn filter_questions(filters: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (f, _) in filters {
        if let Some((q, _)) = f.split_once('=')
            && !out.iter().any(|o| o == q)
        {
            out.push(q.to_owned());
        }
    }
    out
}

/// Every code count the views of a theme publish (every round and all rounds, every filter
/// and none) with the sums that tie them together, decided at once.
pub(super) fn protect_codes(
    facts_filters: &[(String, String)],
    facts_waves: &[crate::domain::Wave],
    codes: &[i64],
    rows: &[(Option<AnswerFilter>, crate::storage::CodeCount)],
    threshold: u64,
) -> CodeProtection {
    let filters = filter_choices(facts_filters);
    let waves: Vec<Option<String>> = std::iter::once(None)
        .chain(facts_waves.iter().map(|w| Some(w.key.clone())))
        .collect();
    let mut counts = BTreeMap::new();
    for &code in codes {
        for audience in [Audience::Youth, Audience::Parent] {
            for wave in &waves {
                for filter in &filters {
                    let group = CodeGroup {
                        code,
                        audience,
                        wave: wave.clone(),
                        filter: filter.clone(),
                    };
                    counts.insert(group, 0);
                }
            }
        }
    }
    for (filter, row) in rows {
        let filter = filter
            .as_ref()
            .map(|f| (f.question.clone(), f.value.clone()));
        for wave in [row.wave.clone(), None] {
            let group = CodeGroup {
                code: row.code_id,
                audience: row.audience,
                wave,
                filter: filter.clone(),
            };
            if let Some(n) = counts.get_mut(&group) {
                *n += row.count;
            }
        }
    }
    let mut table: Table<CodeGroup> = Table::new();
    for (group, &n) in &counts {
        table.cell(group.clone(), n);
    }
    let sum = |table: &mut Table<CodeGroup>,
               total: &CodeGroup,
               parts: Vec<CodeGroup>,
               rest: Option<CodeGroup>| {
        let parts = parts.into_iter().map(|p| (p.clone(), counts[&p])).collect();
        relate(table, (total.clone(), counts[total]), parts, rest);
    };
    let questions = filter_questions(facts_filters);
    for group in counts.keys().filter(|g| g.wave.is_none()) {
        let rounds = facts_waves
            .iter()
            .map(|w| CodeGroup {
                wave: Some(w.key.clone()),
                ..group.clone()
            })
            .collect();
        sum(&mut table, group, rounds, None);
    }
    for group in counts.keys().filter(|g| g.filter.is_none()) {
        for question in &questions {
            let within = filters
                .iter()
                .flatten()
                .filter(|(q, _)| q == question)
                .map(|f| CodeGroup {
                    filter: Some(f.clone()),
                    ..group.clone()
                })
                .collect();
            let rest = CodeGroup {
                filter: Some((question.clone(), String::new())),
                ..group.clone()
            };
            sum(&mut table, group, within, Some(rest));
        }
    }
    let decided = table
        .protect(threshold)
        .iter()
        .map(|(key, state)| (key.clone(), state))
        .collect();
    CodeProtection { counts, decided }
}

/// A count of responses a viewer is shown: per invitation link on the project page, and
/// per audience and round (none: all rounds) in the method note.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResponseCount {
    Link(String),
    Audience(Audience, Option<String>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::InvitationCode;
    use crate::storage::{Material, ProjectLink};

    fn link(code: &str, questionnaire: &str, wave: &str, responses: i64) -> ProjectLink {
        ProjectLink {
            code: InvitationCode::parse(code).unwrap(),
            questionnaire: questionnaire.into(),
            audience: Audience::Youth,
            wave: wave.into(),
            wave_key: wave.into(),
            group: None,
            closed: false,
            responses,
        }
    }

    #[test]
    fn link_counts_cannot_be_subtracted_from_the_method_note() {
        let links = [
            link("aaaaaaaa", "q", "voorjaar", 3),
            link("bbbbbbbb", "q", "voorjaar", 20),
            link("cccccccc", "r", "voorjaar", 30),
            link("dddddddd", "q", "najaar", 40),
        ];
        let material = [("voorjaar", 53), ("najaar", 40)].map(|(wave, responses)| Material {
            audience: Some(Audience::Youth),
            wave: Some(wave.into()),
            responses,
            ..Material::default()
        });
        let mut table = Table::new();
        let responses = Responses {
            links: &links,
            material: &material,
        };
        response_counts(&mut table, &responses, &responses.answering());
        let p = decide(&table, 5);
        let cell = |c: ResponseCount| p.responses(&c);
        let link = |code: &str| cell(ResponseCount::Link(code.into()));
        assert_eq!(link("aaaaaaaa"), Cell::Small);
        let spring = cell(ResponseCount::Audience(
            Audience::Youth,
            Some("voorjaar".into()),
        ));
        assert!(
            !(spring.is_shown() && link("bbbbbbbb").is_shown() && link("cccccccc").is_shown()),
            "53 − 20 − 30 would give the 3 away"
        );
        let all = cell(ResponseCount::Audience(Audience::Youth, None));
        let autumn = cell(ResponseCount::Audience(
            Audience::Youth,
            Some("najaar".into()),
        ));
        assert!(
            !(all.is_shown()
                && autumn.is_shown()
                && link("bbbbbbbb").is_shown()
                && link("cccccccc").is_shown()),
            "93 − 40 − 20 − 30 would too"
        );
    }
}
