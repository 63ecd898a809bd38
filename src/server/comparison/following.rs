//! Following the same people from round to round: who could be followed (the match
//! report), whether they differ from those who could not (the bias check), and how their
//! answers changed (paired change).
//!
//! What may be shown follows one rule on top of the comparison's own decisions: every
//! number shown here is a count of people (or adds up from such counts) that is zero or at
//! least the threshold, and so is what is left when it is taken from the round's count the
//! comparison shows — which must be shown, not hidden. So nothing here pins or narrows a
//! count the comparison hides, and no small group of followed or not-followed people can be
//! worked out (see `docs/comparison.md`, "Following the same people").

use super::protect::{Group, Part};
use super::{
    ClosedData, ProjectFacts, ResponseCount, capitalise, cell_text, decimal, percent, question_text,
};
use crate::domain::comparison::{Cell, Difference, difference};
use crate::domain::matching::{Coded, Matching, match_rounds};
use crate::domain::paired::{Moves, TwoByTwo, mean_change, protect_partition, safe, safe_rest};
use crate::domain::tally::LANGUAGE_FILTER;
use crate::domain::{Audience, Question, QuestionKind};
use crate::i18n::Tr;
use crate::server::AppState;
use crate::server::workspace::{WorkspaceError, internal};
use crate::storage::{CodedResponse, ProjectId, QuestionnaireSummary, StoredCode};
use crate::t;
use crate::ui::researcher::{ChangeBlock, DataTable, FollowedAudience, audience_name};
use std::collections::{BTreeMap, BTreeSet};

/// Answers per response: question key → values.
type AnswersOf = BTreeMap<i64, BTreeMap<String, Vec<String>>>;

/// The questionnaires of a project that ask for a linkage code, with the audiences asked.
pub(super) fn with_codes(facts: &ProjectFacts) -> Vec<(&QuestionnaireSummary, Vec<Audience>)> {
    facts
        .questionnaires
        .iter()
        .filter_map(|s| {
            let code = s
                .questionnaire
                .questions
                .iter()
                .find(|q| q.kind.code_parts().is_some())?;
            Some((s, code.wording.keys().copied().collect()))
        })
        .collect()
}

/// Everything the page shows of one audience of one questionnaire, between round `first`
/// and round `second`.
pub(super) struct Following<'a> {
    pub facts: &'a ProjectFacts,
    pub data: &'a ClosedData,
    pub questionnaire: &'a QuestionnaireSummary,
    pub audience: Audience,
    pub first: &'a str,
    pub second: &'a str,
    pub filter: Option<(String, String)>,
}

impl Following<'_> {
    fn threshold(&self) -> u64 {
        self.facts.threshold
    }

    fn group(&self, question: &str, wave: &str, filter: Option<(String, String)>) -> Group {
        Group {
            questionnaire: self.questionnaire.key.clone(),
            question: question.to_owned(),
            audience: self.audience,
            wave: Some(wave.to_owned()),
            filter,
        }
    }

    /// The round's count of this questionnaire and audience, when every link that makes it
    /// up is shown (so it is known anyway); else None.
    fn known_total(&self, wave: &str) -> Option<u64> {
        let links: Vec<_> = self
            .data
            .links
            .iter()
            .filter(|l| {
                l.questionnaire == self.questionnaire.key
                    && l.audience == self.audience
                    && l.wave_key == wave
            })
            .collect();
        links.iter().try_fold(0, |sum, l| {
            match self
                .data
                .responses(&ResponseCount::Link(l.code.to_string()))
            {
                Cell::Shown(n) => Some(sum + n),
                _ if l.responses == 0 => Some(sum),
                _ => None,
            }
        })
    }
}

/// What became of one round's responses.
#[derive(Debug, Default, Clone, Copy)]
struct RoundOutcome {
    followed: u64,
    /// Not followed: the same code twice in the round, more than one candidate, none.
    not_followed: [u64; 3],
    declined: u64,
    without: u64,
}

/// Reads the codes of a questionnaire and audience, matches the two rounds, and lays out
/// the match report, the bias check and the paired change.
pub(super) async fn follow(
    state: &AppState,
    tr: &Tr,
    project_id: ProjectId,
    f: &Following<'_>,
    tolerance: u8,
) -> Result<FollowedAudience, WorkspaceError> {
    let coded = state
        .db
        .coded_responses(project_id, &f.questionnaire.key, f.audience)
        .await
        .map_err(internal)?;
    let codes_of = |wave: &str| -> Vec<Coded> {
        coded
            .iter()
            .filter(|r| r.wave == wave)
            .filter_map(|r| match &r.code {
                Some(StoredCode::Parts(parts)) => Some(Coded {
                    response: r.response,
                    parts: parts.clone(),
                }),
                _ => None,
            })
            .collect()
    };
    let (first, second) = (codes_of(f.first), codes_of(f.second));
    // Pure work that grows with the rounds: off the async runtime.
    let matching = tokio::task::spawn_blocking(move || match_rounds(&first, &second, tolerance))
        .await
        .map_err(internal)?;
    let closed: Vec<&Question> = f
        .questionnaire
        .questionnaire
        .questions_for(f.audience)
        .filter(|q| {
            matches!(
                q.kind,
                QuestionKind::Agreement | QuestionKind::YesNo | QuestionKind::Mark
            )
        })
        .collect();
    let mut keys: Vec<String> = closed.iter().map(|q| q.key.clone()).collect();
    if let Some((question, _)) = &f.filter
        && question != LANGUAGE_FILTER
    {
        keys.push(question.clone());
    }
    // Only the pairs' answers are needed: the others' counts are the comparison's minus
    // theirs.
    let paired: Vec<i64> = matching
        .pairs
        .iter()
        .flat_map(|p| [p.first, p.second])
        .collect();
    let answers = state
        .db
        .answers_of(project_id, &paired, &keys)
        .await
        .map_err(internal)?;

    let outcome = |wave: &str, side: crate::domain::matching::Left, followed: u64| {
        let mine = coded.iter().filter(|r| r.wave == wave);
        RoundOutcome {
            followed,
            not_followed: [side.duplicates, side.ambiguous, side.unmatched],
            declined: mine
                .clone()
                .filter(|r| r.code == Some(StoredCode::Declined))
                .count() as u64,
            without: mine.filter(|r| r.code.is_none()).count() as u64,
        }
    };
    let pairs = matching.pairs.len() as u64;
    let first_outcome = outcome(f.first, matching.first, pairs);
    let second_outcome = outcome(f.second, matching.second, pairs);
    let (report, report_shown) = match_report(tr, f, &matching, [first_outcome, second_outcome]);
    let followed: BTreeSet<i64> = matching.pairs.iter().map(|p| p.first).collect();
    let bias = if report_shown {
        bias_table(tr, f, &closed, &coded, &followed, &answers)
    } else {
        None
    };
    let languages: BTreeMap<i64, &str> = coded
        .iter()
        .map(|r| (r.response, r.language.as_str()))
        .collect();
    let changes = closed
        .iter()
        .map(|q| change_block(tr, f, q, &matching, &answers, &languages))
        .collect();
    Ok(FollowedAudience {
        title: capitalise(&audience_name(tr, f.audience)),
        report,
        bias,
        changes,
    })
}

/// The rows of the match report.
const ROWS: usize = 10;

/// Who was followed, who not and why, per round. Shown only when each round's count is
/// known anyway; the parts are protected as partitions of it.
fn match_report(
    tr: &Tr,
    f: &Following,
    matching: &Matching,
    outcomes: [RoundOutcome; 2],
) -> (DataTable, bool) {
    let t = f.threshold();
    let rounds = [f.first, f.second];
    let known: Vec<Option<u64>> = rounds.iter().map(|w| f.known_total(w)).collect();
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut columns = [Vec::new(), Vec::new()];
    let mut shown_any = false;
    for (i, outcome) in outcomes.iter().enumerate() {
        let parts = [
            outcome.followed,
            outcome.not_followed.iter().sum(),
            outcome.declined,
            outcome.without,
        ];
        let total: u64 = parts.iter().sum();
        let column = &mut columns[i];
        if known[i] != Some(total) {
            column.extend(std::iter::repeat_n(t!(tr, "following-not-shown"), ROWS));
            continue;
        }
        shown_any = true;
        let top = protect_partition(&parts, t);
        // Followed by how many parts differed; not followed by why.
        let by_difference: Vec<u64> = (0..=2)
            .map(|d| {
                if d < 2 {
                    matching.with_differences(d)
                } else {
                    matching.pairs.iter().filter(|p| p.differences >= 2).count() as u64
                }
            })
            .collect();
        let detail = |whole: Cell, parts: &[u64]| -> Vec<Cell> {
            match whole {
                Cell::Shown(_) => protect_partition(parts, t),
                _ => vec![Cell::Protecting; parts.len()],
            }
        };
        column.push(cell_text(tr, top[0], t));
        column.extend(
            detail(top[0], &by_difference)
                .into_iter()
                .map(|c| cell_text(tr, c, t)),
        );
        column.push(cell_text(tr, top[1], t));
        column.extend(
            detail(top[1], &outcome.not_followed)
                .into_iter()
                .map(|c| cell_text(tr, c, t)),
        );
        column.extend(top[2..].iter().map(|c| cell_text(tr, *c, t)));
    }
    let heads: [String; ROWS] = [
        t!(tr, "following-followed"),
        t!(tr, "following-exact"),
        t!(tr, "following-one-difference"),
        t!(tr, "following-more-differences"),
        t!(tr, "following-not-followed"),
        t!(tr, "following-duplicates"),
        t!(tr, "following-ambiguous"),
        t!(tr, "following-no-partner"),
        t!(tr, "following-declined"),
        t!(tr, "following-without"),
    ];
    for (row, head) in heads.into_iter().enumerate() {
        rows.push((head, columns.iter().map(|c| c[row].clone()).collect()));
    }
    (
        DataTable {
            caption: t!(
                tr,
                "following-report-caption",
                audience = audience_name(tr, f.audience)
            ),
            columns: vec![
                String::new(),
                f.facts.wave_name(f.first),
                f.facts.wave_name(f.second),
            ],
            rows,
        },
        shown_any,
    )
}

/// What a closed question counts for the bias check and the paired change: whether an
/// answer is "agree", "yes" or a pass mark, and its place on the scale.
fn indicator(kind: &QuestionKind, value: &str) -> Option<bool> {
    match kind {
        QuestionKind::Agreement => Some(matches!(value, "eens" | "helemaal-eens")),
        QuestionKind::YesNo => Some(value == "ja"),
        QuestionKind::Mark => value.parse::<u8>().ok().map(|m| m >= 6),
        _ => None,
    }
}

/// The place of an answer on its scale; None for "weet ik niet".
fn rank(kind: &QuestionKind, value: &str) -> Option<i64> {
    match kind {
        QuestionKind::Agreement => crate::domain::questionnaire::AGREEMENT_VALUES[..5]
            .iter()
            .position(|v| *v == value)
            .map(|p| p as i64),
        QuestionKind::Mark => value.parse().ok(),
        QuestionKind::YesNo => Some(i64::from(value == "ja")),
        _ => None,
    }
}

/// The part of the comparison's group that publishes the indicator's count.
fn indicator_part(kind: &QuestionKind) -> Part {
    match kind {
        QuestionKind::Agreement => Part::Agree,
        QuestionKind::Mark => Part::Pass,
        _ => Part::Option(0),
    }
}

/// Followed against not followed in the first round, on each closed question: the share
/// agreeing (saying yes, passing), with the difference and its interval.
fn bias_table(
    tr: &Tr,
    f: &Following,
    closed: &[&Question],
    coded: &[CodedResponse],
    followed: &BTreeSet<i64>,
    answers: &AnswersOf,
) -> Option<DataTable> {
    let t = f.threshold();
    let mut rows = Vec::new();
    for q in closed {
        let (mut yes_f, mut n_f) = (0_u64, 0_u64);
        for r in coded.iter().filter(|r| r.wave == f.first) {
            let Some(value) = answers
                .get(&r.response)
                .and_then(|a| a.get(&q.key))
                .and_then(|v| v.first())
            else {
                continue;
            };
            if followed.contains(&r.response) {
                n_f += 1;
                yes_f += u64::from(indicator(&q.kind, value) == Some(true));
            }
        }
        let group = f.group(&q.key, f.first, None);
        let answered = f.data.cell(&group, Part::Answered);
        let yes_all = f.data.cell(&group, indicator_part(&q.kind));
        let (Cell::Shown(n_all), Cell::Shown(y_all)) = (answered, yes_all) else {
            rows.push((question_text(q), vec![t!(tr, "following-not-shown"); 3]));
            continue;
        };
        let safe_here = safe(yes_f, t)
            && safe(n_f - yes_f, t)
            && safe_rest(Cell::Shown(y_all), yes_f, t)
            && n_all >= n_f
            && y_all >= yes_f
            && safe((n_all - n_f) - (y_all - yes_f), t)
            && n_all - n_f > 0
            && n_f > 0;
        if !safe_here {
            rows.push((question_text(q), vec![t!(tr, "following-not-shown"); 3]));
            continue;
        }
        let (yes_r, n_r) = (y_all - yes_f, n_all - n_f);
        let d = difference(yes_f, n_f, yes_r, n_r);
        rows.push((
            question_text(q),
            vec![
                format!("{} ({n_f})", percent(yes_f as f64 / n_f as f64)),
                format!("{} ({n_r})", percent(yes_r as f64 / n_r as f64)),
                d.map(|d| difference_text(tr, &d, true)).unwrap_or_default(),
            ],
        ));
    }
    (!rows.is_empty()).then(|| DataTable {
        caption: t!(
            tr,
            "following-bias-caption",
            round = f.facts.wave_name(f.first)
        ),
        columns: vec![
            t!(tr, "following-question"),
            t!(tr, "following-followed"),
            t!(tr, "following-not-followed-all"),
            t!(tr, "following-difference"),
        ],
        rows,
    })
}

/// A difference in percentage points with its interval, in words.
fn difference_text(tr: &Tr, d: &Difference, points: bool) -> String {
    let (value, low, high) = if points {
        (
            format!("{:+.0}", d.difference * 100.0),
            format!("{:+.0}", d.low * 100.0),
            format!("{:+.0}", d.high * 100.0),
        )
    } else {
        (decimal(d.difference), decimal(d.low), decimal(d.high))
    };
    let verdict = if d.is_clear() {
        t!(tr, "following-clear")
    } else {
        t!(tr, "following-not-clear")
    };
    if points {
        t!(
            tr,
            "following-points",
            value = value,
            low = low,
            high = high,
            verdict = verdict
        )
    } else {
        t!(
            tr,
            "following-mean",
            value = value,
            low = low,
            high = high,
            verdict = verdict
        )
    }
}

/// The groups a filter question splits the pairs into: each answer (given in both rounds)
/// and "the rest" (no answer, or another answer in one of the rounds).
fn filter_values(f: &Following) -> Vec<String> {
    let Some((question, _)) = &f.filter else {
        return Vec::new();
    };
    f.facts
        .filters
        .iter()
        .filter_map(|(v, _)| v.split_once('='))
        .filter(|(q, _)| q == question)
        .map(|(_, v)| v.to_owned())
        .collect()
}

/// Whether a response is within a filter answer.
fn within(
    question: &str,
    value: &str,
    response: i64,
    answers: &AnswersOf,
    languages: &BTreeMap<i64, &str>,
) -> bool {
    if question == LANGUAGE_FILTER {
        return languages.get(&response) == Some(&value);
    }
    answers
        .get(&response)
        .and_then(|a| a.get(question))
        .is_some_and(|v| v.len() == 1 && v[0] == value)
}

/// The pairs' answers to one question: (first, second) per pair that answered both times,
/// in the group `value` of the filter (None: everyone).
fn paired_values<'a>(
    q: &Question,
    matching: &Matching,
    answers: &'a AnswersOf,
    languages: &BTreeMap<i64, &str>,
    filter: Option<(&str, &str)>,
) -> Vec<(&'a str, &'a str)> {
    matching
        .pairs
        .iter()
        .filter(|p| {
            filter.is_none_or(|(question, value)| {
                within(question, value, p.first, answers, languages)
                    && within(question, value, p.second, answers, languages)
            })
        })
        .filter_map(|p| {
            let get = |r: i64| {
                answers
                    .get(&r)
                    .and_then(|a| a.get(&q.key))
                    .and_then(|v| v.first())
                    .map(String::as_str)
            };
            Some((get(p.first)?, get(p.second)?))
        })
        .collect()
}

/// The counts a paired view publishes: the 2×2 cells, or up/same/down/unknown.
fn atoms(q: &Question, pairs: &[(&str, &str)]) -> Vec<u64> {
    match q.kind {
        QuestionKind::YesNo => {
            let t = two_by_two(pairs);
            vec![t.yes_yes, t.yes_no, t.no_yes, t.no_no]
        }
        _ => {
            let m = moves(&q.kind, pairs);
            vec![m.up, m.same, m.down, m.unknown]
        }
    }
}

fn two_by_two(pairs: &[(&str, &str)]) -> TwoByTwo {
    let mut t = TwoByTwo::default();
    for (a, b) in pairs {
        match (*a == "ja", *b == "ja") {
            (true, true) => t.yes_yes += 1,
            (true, false) => t.yes_no += 1,
            (false, true) => t.no_yes += 1,
            (false, false) => t.no_no += 1,
        }
    }
    t
}

fn moves(kind: &QuestionKind, pairs: &[(&str, &str)]) -> Moves {
    let mut m = Moves::default();
    for (a, b) in pairs {
        match (rank(kind, a), rank(kind, b)) {
            (Some(x), Some(y)) if y > x => m.up += 1,
            (Some(x), Some(y)) if y < x => m.down += 1,
            (Some(_), Some(_)) => m.same += 1,
            _ => m.unknown += 1,
        }
    }
    m
}

/// Whether the paired view of one group may be shown: its counts, and what is left of each
/// round's count the comparison shows when the pairs are taken out.
fn group_is_safe(
    f: &Following,
    q: &Question,
    pairs: &[(&str, &str)],
    filter: Option<(String, String)>,
) -> bool {
    let t = f.threshold();
    if !atoms(q, pairs).iter().all(|n| safe(*n, t)) {
        return false;
    }
    let n = pairs.len() as u64;
    for (i, wave) in [f.first, f.second].into_iter().enumerate() {
        let group = f.group(&q.key, wave, filter.clone());
        if !safe_rest(f.data.cell(&group, Part::Answered), n, t) {
            return false;
        }
        if matches!(q.kind, QuestionKind::YesNo) {
            let yes = pairs
                .iter()
                .filter(|p| (if i == 0 { p.0 } else { p.1 }) == "ja")
                .count() as u64;
            let cells = [(Part::Option(0), yes), (Part::Option(1), n - yes)];
            if !cells
                .iter()
                .all(|(part, k)| safe_rest(f.data.cell(&group, *part), *k, t))
            {
                return false;
            }
        }
    }
    true
}

/// How one question changed among the pairs (in the chosen filter group).
fn change_block(
    tr: &Tr,
    f: &Following,
    q: &Question,
    matching: &Matching,
    answers: &AnswersOf,
    languages: &BTreeMap<i64, &str>,
) -> ChangeBlock {
    let t = f.threshold();
    let everyone = paired_values(q, matching, answers, languages, None);
    let mut safe_all = group_is_safe(f, q, &everyone, None);
    let chosen = match &f.filter {
        None => everyone.clone(),
        Some((question, value)) => {
            // All groups of the filter question are decided together, with the rest.
            let mut rest: Vec<u64> = atoms(q, &everyone);
            for v in filter_values(f) {
                let group = paired_values(q, matching, answers, languages, Some((question, &v)));
                safe_all &= group_is_safe(f, q, &group, Some((question.clone(), v.clone())));
                for (r, a) in rest.iter_mut().zip(atoms(q, &group)) {
                    *r = r.saturating_sub(a);
                }
            }
            safe_all &= rest.iter().all(|n| safe(*n, t));
            paired_values(q, matching, answers, languages, Some((question, value)))
        }
    };
    let text = question_text(q);
    if !safe_all || chosen.is_empty() {
        return ChangeBlock {
            question: text,
            table: None,
            summary: t!(tr, "following-change-not-shown", threshold = t.to_string()),
        };
    }
    let n = chosen.len();
    match q.kind {
        QuestionKind::YesNo => {
            let c = two_by_two(&chosen);
            let (yes, no) = (t!(tr, "respondent-yes"), t!(tr, "respondent-no"));
            let table = DataTable {
                caption: t!(tr, "following-two-by-two", question = text.clone()),
                columns: vec![
                    format!(
                        "{} ↓ · {} →",
                        f.facts.wave_name(f.first),
                        f.facts.wave_name(f.second)
                    ),
                    yes.clone(),
                    no.clone(),
                ],
                rows: vec![
                    (yes, vec![c.yes_yes.to_string(), c.yes_no.to_string()]),
                    (no, vec![c.no_yes.to_string(), c.no_no.to_string()]),
                ],
            };
            let summary = match c.change() {
                Some(d) => t!(
                    tr,
                    "following-yes-change",
                    first = percent(c.first_yes() as f64 / n as f64),
                    second = percent(c.second_yes() as f64 / n as f64),
                    change = difference_text(tr, &d, true),
                    p = decimal_p(c.mcnemar())
                ),
                None => String::new(),
            };
            ChangeBlock {
                question: text,
                table: Some(table),
                summary,
            }
        }
        _ => {
            let m = moves(&q.kind, &chosen);
            let mut rows = vec![
                (t!(tr, "following-up"), vec![m.up.to_string()]),
                (t!(tr, "following-same"), vec![m.same.to_string()]),
                (t!(tr, "following-down"), vec![m.down.to_string()]),
            ];
            if matches!(q.kind, QuestionKind::Agreement) {
                rows.push((t!(tr, "following-unknown"), vec![m.unknown.to_string()]));
            }
            let mut summary = t!(tr, "following-sign-test", p = decimal_p(m.sign_test()));
            if matches!(q.kind, QuestionKind::Mark) {
                let changes: Vec<i64> = chosen
                    .iter()
                    .filter_map(|(a, b)| Some(rank(&q.kind, b)? - rank(&q.kind, a)?))
                    .collect();
                if let Some(d) = mean_change(&changes) {
                    summary = format!("{} {summary}", difference_text(tr, &d, false));
                }
            }
            ChangeBlock {
                question: text.clone(),
                table: Some(DataTable {
                    caption: t!(tr, "following-moves", question = text),
                    columns: vec![String::new(), t!(tr, "following-people")],
                    rows,
                }),
                summary,
            }
        }
    }
}

/// A p-value as researchers read it: two decimals, or "< 0,001".
fn decimal_p(p: f64) -> String {
    if p < 0.001 {
        "< 0,001".to_owned()
    } else {
        format!("{p:.3}").replace('.', ",")
    }
}
