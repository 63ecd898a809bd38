//! Moves one respondent can make, hinted to the disclosure-control engine.
//!
//! A respondent is counted in many cells at once: each question they answered, in their
//! round and in all rounds, for everyone and within the answer they gave to each filter
//! question. When one respondent gives another answer to one question, exactly those of
//! their cells change that depend on it, and every sum a viewer knows still holds (those
//! who must answer a question still all answered it). Such a move is the natural way to
//! protect a small count, and it balances many relations at once, where the engine's own
//! search repairs one relation at a time. So for every small count a few such moves are
//! handed to the engine as hints: it checks each against every relation and uses the one
//! that hides the fewest cells. Choosing the respondent well only makes the move hide less;
//! a poor choice is never unsafe.

use super::ProjectFacts;
use super::protect::{AllCounts, Group, Key, Part, published_parts};
use super::questions::Asked;
use crate::domain::disclosure::Table;
use crate::domain::summary::value_codes;
use crate::domain::tally::LANGUAGE_FILTER;
use crate::domain::{Audience, QuestionKind};
use std::collections::{BTreeMap, BTreeSet};

/// An answer a made-up respondent gives: an option's index (for marks the mark minus one),
/// or the chosen options of a multiple choice question.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Given {
    One(usize),
    Several(BTreeSet<usize>),
}

/// A made-up respondent of one questionnaire, audience and round.
#[derive(Debug, Clone)]
struct Respondent<'a> {
    questionnaire: &'a str,
    audience: Audience,
    wave: &'a str,
    answers: BTreeMap<&'a str, Given>,
}

/// What the hints are made from.
struct Context<'a> {
    asked: &'a [Asked<'a>],
    all: &'a AllCounts,
    /// Each filter question with its answer codes.
    filters: BTreeMap<&'a str, Vec<&'a str>>,
    rounds: Vec<&'a str>,
}

/// Adds to `table` a few one-respondent moves through each count below `threshold`.
pub(super) fn hint(
    table: &mut Table<Key>,
    facts: &ProjectFacts,
    asked: &[Asked],
    all: &AllCounts,
    threshold: u64,
) {
    let mut filters: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (f, _) in &facts.filters {
        if let Some((q, v)) = f.split_once('=') {
            filters.entry(q).or_default().push(v);
        }
    }
    let cx = Context {
        asked,
        all,
        filters,
        rounds: facts.waves.iter().map(|w| w.key.as_str()).collect(),
    };
    let by_question: BTreeMap<(&str, &str), &Asked> = asked
        .iter()
        .map(|a| ((a.questionnaire, a.question.key.as_str()), a))
        .collect();
    // Every group of every question, round and filter answer the views publish.
    for (group, c) in &all.counts {
        let Some(a) = by_question.get(&(group.questionnaire.as_str(), group.question.as_str()))
        else {
            continue;
        };
        // Only the question's own cells differ, unless it is a filter question: then who
        // is within which answer changes too.
        let key = a.question.key.as_str();
        let only = (!cx.filters.contains_key(key)).then_some(key);
        for (part, n) in published_parts(&a.question.kind, c) {
            if 0 < n && n < threshold {
                for (from, to) in cx.moves_through(a, group, part) {
                    add_move(table, &cx, &from, &to, only);
                }
            }
        }
    }
    hint_other_language(table, &cx, &by_question, threshold);
}

/// Adds, for every small count of a language group, moves of one respondent of that group
/// who answered in another language instead: all their cells go from one language group to
/// the other (no change of one answer does that), their answer to the count's question
/// being one it counts.
fn hint_other_language(
    table: &mut Table<Key>,
    cx: &Context,
    by_question: &BTreeMap<(&str, &str), &Asked>,
    threshold: u64,
) {
    let Some(languages) = cx.filters.get(LANGUAGE_FILTER) else {
        return;
    };
    let mut done = BTreeSet::new();
    for (group, c) in &cx.all.counts {
        let Some(from) = group
            .filter
            .as_ref()
            .filter(|(q, _)| q == LANGUAGE_FILTER)
            .and_then(|(_, v)| languages.iter().position(|l| l == v))
        else {
            continue;
        };
        let Some(a) = by_question.get(&(group.questionnaire.as_str(), group.question.as_str()))
        else {
            continue;
        };
        let rounds: Vec<&str> = match &group.wave {
            Some(w) => cx.rounds.iter().copied().filter(|r| r == w).collect(),
            None => cx.rounds.clone(),
        };
        for (part, n) in published_parts(&a.question.kind, c) {
            if !(0 < n && n < threshold) {
                continue;
            }
            for &wave in &rounds {
                let in_round = |question: &str| Group {
                    questionnaire: a.questionnaire.to_owned(),
                    question: question.to_owned(),
                    audience: group.audience,
                    wave: Some(wave.to_owned()),
                    filter: group.filter.clone(),
                };
                let own = in_round(&a.question.key);
                let Some(given) = cx.counted_answer(&a.question.kind, &own, part) else {
                    continue;
                };
                if !done.insert((
                    a.questionnaire,
                    group.audience,
                    wave,
                    from,
                    &a.question.key,
                    given.clone(),
                )) {
                    continue;
                }
                for to in (0..languages.len()).filter(|&to| to != from) {
                    // Of their answers only this one: the fewer cells a move touches,
                    // the fewer it hides (the other groups stay as they are).
                    let first = Respondent {
                        questionnaire: a.questionnaire,
                        audience: group.audience,
                        wave,
                        answers: [
                            (a.question.key.as_str(), given.clone()),
                            (LANGUAGE_FILTER, Given::One(from)),
                        ]
                        .into(),
                    };
                    // In the other language the same answer, or the one most given there
                    // (a small count of the group may be small in every language).
                    let other = Group {
                        filter: Some((LANGUAGE_FILTER.to_owned(), languages[to].to_owned())),
                        ..own.clone()
                    };
                    let mut answers = vec![given.clone()];
                    answers.extend(
                        cx.counted_answer(&a.question.kind, &other, Part::Answered)
                            .filter(|most| *most != given),
                    );
                    let key = a.question.key.as_str();
                    let is_filter = cx.filters.contains_key(key);
                    for answer in answers {
                        if is_filter && answer != given {
                            // Who is within which answer would change for every question.
                            continue;
                        }
                        let mut first = first.clone();
                        cx.within_filters(&mut first, &own, (&given, &answer));
                        let mut second = first.clone();
                        second.answers.insert(key, answer);
                        second.answers.insert(LANGUAGE_FILTER, Given::One(to));
                        add_move(table, cx, &first, &second, (!is_filter).then_some(key));
                    }
                }
            }
        }
    }
}

/// Hints the move from one respondent's cells to another's.
fn add_move(
    table: &mut Table<Key>,
    cx: &Context,
    from: &Respondent,
    to: &Respondent,
    only: Option<&str>,
) {
    let mut net: BTreeMap<Key, i32> = BTreeMap::new();
    let change = to.counted(cx, 1, only).into_iter();
    for (key, d) in change.chain(from.counted(cx, -1, only)) {
        *net.entry(key).or_insert(0) += d;
    }
    let cells: Vec<_> = net
        .into_iter()
        .filter(|&(_, d)| d != 0)
        .filter_map(|(key, d)| Some((table.id(&key)?, i8::try_from(d).ok()?)))
        .collect();
    table.hint(&cells);
}

impl<'a> Context<'a> {
    fn asked_of(
        &self,
        questionnaire: &str,
        audience: Audience,
    ) -> impl Iterator<Item = &Asked<'a>> {
        self.asked
            .iter()
            .filter(move |a| a.questionnaire == questionnaire && a.audiences.contains(&audience))
    }

    /// How many of a group gave answer `i` (for multiple choice: chose it). For those who
    /// gave no answer to the filter question (the rest), what the filtered groups leave.
    fn count(&self, group: &Group, i: usize) -> u64 {
        let of = |g: &Group| self.all.counts.get(g).and_then(|c| c.cells.get(i).copied());
        match &group.filter {
            Some((q, v)) if v.is_empty() => {
                let everyone = of(&Group {
                    filter: None,
                    ..group.clone()
                });
                let inside: u64 = self.filters.get(q.as_str()).map_or(0, |vs| {
                    vs.iter()
                        .filter_map(|v| {
                            of(&Group {
                                filter: Some((q.clone(), (*v).to_owned())),
                                ..group.clone()
                            })
                        })
                        .sum()
                });
                everyone.unwrap_or(0).saturating_sub(inside)
            }
            _ => of(group).unwrap_or(0),
        }
    }

    /// Pairs of made-up respondents, the second giving another answer than the first,
    /// whose difference goes through `part` of `group`.
    fn moves_through(
        &self,
        a: &Asked<'a>,
        group: &Group,
        part: Part,
    ) -> Vec<(Respondent<'a>, Respondent<'a>)> {
        // The group's round, or for all rounds each round.
        let waves: Vec<&'a str> = match &group.wave {
            Some(w) => self.rounds.iter().copied().filter(|r| r == w).collect(),
            None => self.rounds.clone(),
        };
        let mut out = Vec::new();
        for wave in waves {
            out.extend(self.moves_in_round(a, group, part, wave));
        }
        out
    }

    /// As [`Context::moves_through`], of respondents of one round.
    fn moves_in_round(
        &self,
        a: &Asked<'a>,
        group: &Group,
        part: Part,
        wave: &'a str,
    ) -> Vec<(Respondent<'a>, Respondent<'a>)> {
        let in_round = Group {
            wave: Some(wave.to_owned()),
            ..group.clone()
        };
        let question = a.question.key.as_str();
        let is_filter = self.filters.contains_key(question);
        self.other_answers(&a.question.kind, &in_round, part)
            .into_iter()
            .map(|(from, to)| {
                // Other answers count only when the changed question is a filter question.
                let mut first = match is_filter {
                    true => {
                        self.typical(a.questionnaire, group.audience, wave, question, &from, &to)
                    }
                    false => Respondent {
                        questionnaire: a.questionnaire,
                        audience: group.audience,
                        wave,
                        answers: BTreeMap::new(),
                    },
                };
                // Within each filter question's answer where most gave both answers (the
                // group's own filter answer fixed), so the cells of the move are large.
                let (i, j) = differing(&from, &to);
                let asked = |q: &str| {
                    self.asked_of(a.questionnaire, group.audience)
                        .any(|x| x.question.key == q)
                };
                for (fq, values) in &self.filters {
                    // Every response is in a language, as if it had answered a question.
                    if *fq == question || !(asked(fq) || *fq == LANGUAGE_FILTER) {
                        continue;
                    }
                    let own = group.filter.as_ref().filter(|(q, _)| q == fq);
                    let best = (0..values.len())
                        .filter(|&u| own.is_none_or(|(_, v)| *v == values[u]))
                        .max_by_key(|&u| {
                            let within = Group {
                                filter: Some(((*fq).to_owned(), values[u].to_owned())),
                                ..in_round.clone()
                            };
                            let (x, y) = (self.count(&within, i), self.count(&within, j));
                            (x.min(y), x + y)
                        });
                    if let Some(u) = best {
                        first.answers.insert(fq, Given::One(u));
                    }
                }
                first.answers.insert(question, from);
                let mut second = first.clone();
                second.answers.insert(question, to);
                (first, second)
            })
            .collect()
    }

    /// Places a made-up respondent whose answer to `group`'s question goes from one to the
    /// other within an answer to every other filter question: the one where most gave both,
    /// so the cells the change moves in that group are large.
    fn within_filters(
        &self,
        respondent: &mut Respondent<'a>,
        group: &Group,
        (from, to): (&Given, &Given),
    ) {
        let (i, j) = differing(from, to);
        let everyone = Group {
            filter: None,
            ..group.clone()
        };
        for (fq, values) in &self.filters {
            let asked = self
                .asked_of(respondent.questionnaire, respondent.audience)
                .any(|x| x.question.key == *fq);
            if *fq == LANGUAGE_FILTER || *fq == group.question || !asked {
                continue;
            }
            let best = (0..values.len()).max_by_key(|&u| {
                let within = Group {
                    filter: Some(((*fq).to_owned(), values[u].to_owned())),
                    ..everyone.clone()
                };
                let (x, y) = (self.count(&within, i), self.count(&within, j));
                (x.min(y), x + y)
            });
            if let Some(u) = best {
                respondent.answers.insert(fq, Given::One(u));
            }
        }
    }

    /// An answer someone of `group` gave that `part` counts: the most given one.
    fn counted_answer(&self, kind: &QuestionKind, group: &Group, part: Part) -> Option<Given> {
        let len = value_codes(kind).len();
        let given = |range: &mut dyn Iterator<Item = usize>| {
            range
                .filter(|&i| self.count(group, i) > 0)
                .max_by_key(|&i| (self.count(group, i), std::cmp::Reverse(i)))
        };
        let i = match part {
            Part::Answered => given(&mut (0..len)),
            Part::Option(i) => given(&mut std::iter::once(i)),
            Part::Agree => given(&mut (3..5)),
            Part::Pass => given(&mut (5..len)),
            Part::Fail => given(&mut (0..5.min(len))),
            Part::NotChosen(_) => None,
        }?;
        Some(match kind {
            // With every option all of the group chose: who did not choose it is no one.
            QuestionKind::MultipleChoice { .. } => {
                let answered = self.all.counts.get(group).map_or(0, |c| c.answered);
                let all_chose = (0..len).filter(|&k| self.count(group, k) == answered);
                Given::Several(std::iter::once(i).chain(all_chose).collect())
            }
            _ => Given::One(i),
        })
    }

    /// Answers `from` and `to` of a question whose difference changes `part`.
    fn other_answers(&self, kind: &QuestionKind, group: &Group, part: Part) -> Vec<(Given, Given)> {
        let len = value_codes(kind).len();
        let most = |range: &mut dyn Iterator<Item = usize>| {
            range.max_by_key(|&i| (self.count(group, i), std::cmp::Reverse(i)))
        };
        match (kind, part) {
            (QuestionKind::MultipleChoice { .. }, Part::Option(k)) => (0..len)
                .filter(|&j| j != k)
                .map(|j| (Given::Several([k, j].into()), Given::Several([j].into())))
                .collect(),
            (QuestionKind::Mark, Part::Pass) => match (most(&mut (5..len)), most(&mut (0..5))) {
                (Some(pass), Some(fail)) => vec![(Given::One(pass), Given::One(fail))],
                _ => Vec::new(),
            },
            (QuestionKind::Agreement, Part::Agree) => match most(&mut (3..5)) {
                Some(agree) => [0, 1, 2, 5]
                    .into_iter()
                    .map(|j| (Given::One(agree), Given::One(j)))
                    .collect(),
                None => Vec::new(),
            },
            (QuestionKind::MultipleChoice { .. } | QuestionKind::Mark, _) => Vec::new(),
            (_, Part::Option(i)) => (0..len)
                .filter(|&j| j != i)
                .map(|j| (Given::One(i), Given::One(j)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A respondent of the round who answers every question asked of them the way most
    /// do in both groups of the filter question `changed` whose answer goes from `from` to
    /// `to`, as those answers then count in both.
    fn typical(
        &self,
        questionnaire: &'a str,
        audience: Audience,
        wave: &'a str,
        changed: &str,
        from: &Given,
        to: &Given,
    ) -> Respondent<'a> {
        let within = |given: &Given| match (self.filters.get(changed), given) {
            (Some(values), Given::One(i)) => values
                .get(*i)
                .map(|v| (changed.to_owned(), (*v).to_owned())),
            _ => None,
        };
        let scopes: Vec<(String, String)> = [from, to].into_iter().filter_map(within).collect();
        let mut answers = BTreeMap::new();
        for a in self.asked_of(questionnaire, audience) {
            let groups: Vec<Group> = scopes
                .iter()
                .map(|filter| Group {
                    questionnaire: questionnaire.to_owned(),
                    question: a.question.key.clone(),
                    audience,
                    wave: Some(wave.to_owned()),
                    filter: Some(filter.clone()),
                })
                .collect();
            let len = value_codes(&a.question.kind).len();
            let least = |i: usize| groups.iter().map(|g| self.count(g, i)).min().unwrap_or(0);
            let Some(best) = (0..len).max_by_key(|&i| (least(i), std::cmp::Reverse(i))) else {
                continue;
            };
            let given = match a.question.kind {
                QuestionKind::MultipleChoice { .. } => Given::Several([best].into()),
                _ => Given::One(best),
            };
            answers.insert(a.question.key.as_str(), given);
        }
        Respondent {
            questionnaire,
            audience,
            wave,
            answers,
        }
    }
}

/// The options whose counts a change of answer moves: the one given before and the one
/// given after (for multiple choice, the option no longer chosen, twice).
fn differing(from: &Given, to: &Given) -> (usize, usize) {
    match (from, to) {
        (Given::One(i), Given::One(j)) => (*i, *j),
        (Given::Several(a), Given::Several(b)) => {
            let k = a.difference(b).next().copied().unwrap_or(0);
            (k, k)
        }
        (Given::One(i), _) | (_, Given::One(i)) => (*i, *i),
    }
}

impl Respondent<'_> {
    /// Every closed-question cell this respondent is counted in (of one question, with
    /// `only`), each with `sign`.
    fn counted(&self, cx: &Context, sign: i32, only: Option<&str>) -> Vec<(Key, i32)> {
        let membership: Vec<(String, String)> = cx
            .filters
            .iter()
            .map(|(q, values)| {
                let v = match self.answers.get(q) {
                    Some(Given::One(i)) => values.get(*i).copied().unwrap_or(""),
                    _ => "",
                };
                ((*q).to_owned(), v.to_owned())
            })
            .collect();
        let mut out = Vec::new();
        let asked = cx.asked_of(self.questionnaire, self.audience);
        for a in asked.filter(|a| only.is_none_or(|q| a.question.key == q)) {
            let Some(given) = self.answers.get(a.question.key.as_str()) else {
                continue;
            };
            let len = value_codes(&a.question.kind).len();
            let parts: Vec<Part> = match (&a.question.kind, given) {
                (QuestionKind::MultipleChoice { .. }, Given::Several(chosen)) => (0..len)
                    .map(|k| match chosen.contains(&k) {
                        true => Part::Option(k),
                        false => Part::NotChosen(k),
                    })
                    .collect(),
                (QuestionKind::Mark, Given::One(i)) => {
                    vec![if *i >= 5 { Part::Pass } else { Part::Fail }]
                }
                (QuestionKind::Agreement, Given::One(i)) if (3..5).contains(i) => {
                    vec![Part::Option(*i), Part::Agree]
                }
                (_, Given::One(i)) => vec![Part::Option(*i)],
                (_, Given::Several(_)) => continue,
            };
            let filters = std::iter::once(None).chain(membership.iter().cloned().map(Some));
            for filter in filters {
                for wave in [Some(self.wave.to_owned()), None] {
                    let group = Group {
                        questionnaire: self.questionnaire.to_owned(),
                        question: a.question.key.clone(),
                        audience: self.audience,
                        wave,
                        filter: filter.clone(),
                    };
                    out.push((Key::Closed(group.clone(), Part::Answered), sign));
                    out.extend(parts.iter().map(|&p| (Key::Closed(group.clone(), p), sign)));
                }
            }
        }
        out
    }
}
