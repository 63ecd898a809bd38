//! A theme at a glance, for the first page of the report and the joint meeting: what every
//! group names and what only some do, a few of the strongest quotes per audience, the closed
//! questions where audiences clearly differ and what clearly changed since the round before
//! — in sentences a policy maker reads, from the numbers the comparison shows.

use crate::domain::comparison::Difference;
use crate::domain::summary::{GroupSummary, group_difference};
use crate::domain::{Audience, QuestionKind};
use crate::i18n::Tr;
use crate::t;
use crate::ui::researcher::{CodeRow, ThemeSummary, audience_name};

use super::questions::{Asked, ClosedData, difference_numbers, summarize_group};
use super::{ProjectFacts, Resolved, capitalise, decimal, percent, question_text};

/// Quotes per audience on the summary page.
const QUOTES_PER_AUDIENCE: usize = 3;
/// The longest quote on the summary page, in characters (cut at a word, with "…").
const QUOTE_LENGTH: usize = 220;
/// At most this many sentences per list: the summary fits one page.
const SENTENCES: usize = 4;
const CODES: usize = 6;

pub(super) fn theme_summary(
    tr: &Tr,
    facts: &ProjectFacts,
    resolved: &Resolved,
    codes: &[CodeRow],
    asked: &[Asked],
    data: &ClosedData,
) -> ThemeSummary {
    let named = |class: &str| -> Vec<&CodeRow> {
        codes
            .iter()
            .filter(|r| r.pattern_class == class)
            .take(CODES)
            .collect()
    };
    let shared = named("shared").iter().map(|r| r.name.clone()).collect();
    let differs = named("differs")
        .iter()
        .map(|r| format!("{}: {}", r.name, r.pattern))
        .collect();
    let waves = resolved.waves().len();
    let quotes = Audience::ALL
        .into_iter()
        .enumerate()
        .filter_map(|(i, audience)| {
            let column = i * waves;
            let mut by_strength: Vec<(u64, &Vec<String>)> = codes
                .iter()
                .filter_map(|r| r.cells.get(column))
                .filter(|c| c.n > 0 && !c.quotes.is_empty())
                .map(|c| (c.n, &c.quotes))
                .collect();
            by_strength.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
            let mut chosen: Vec<String> = Vec::new();
            for (_, quotes) in by_strength {
                if let Some(q) = quotes.iter().find(|q| !chosen.contains(&shorten(q))) {
                    chosen.push(shorten(q));
                }
                if chosen.len() == QUOTES_PER_AUDIENCE {
                    break;
                }
            }
            (!chosen.is_empty()).then(|| (capitalise(&audience_name(tr, audience)), chosen))
        })
        .collect();
    ThemeSummary {
        shared,
        differs,
        quotes,
        differences: differences(tr, resolved, asked, data),
        changes: changes(tr, facts, resolved, asked, data),
    }
}

/// A quote cut at a word when it is long.
fn shorten(quote: &str) -> String {
    if quote.chars().count() <= QUOTE_LENGTH {
        return quote.to_owned();
    }
    let cut: String = quote.chars().take(QUOTE_LENGTH).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', '.', ';', ':']))
}

/// A group's value in words: "45% eens" or "gemiddeld 6,8".
fn value_text(tr: &Tr, kind: &QuestionKind, s: &GroupSummary) -> Option<String> {
    if !s.answered.is_shown() {
        return None;
    }
    match (s.marks, s.share) {
        (Some(m), _) => Some(t!(tr, "summary-mean", mean = decimal(m.mean))),
        (None, Some(share)) => Some(match kind {
            QuestionKind::YesNo => t!(tr, "summary-share-yes", percent = percent(share.ratio())),
            _ => t!(tr, "summary-share-agree", percent = percent(share.ratio())),
        }),
        _ => None,
    }
}

/// The size of a difference and its interval in words, the larger group first.
fn size_text(tr: &Tr, d: &Difference, marks: bool) -> String {
    let (value, low, high) = difference_numbers(d, marks);
    if marks {
        t!(
            tr,
            "summary-size-marks",
            value = value,
            low = low,
            high = high
        )
    } else {
        t!(
            tr,
            "summary-size-points",
            value = value,
            low = low,
            high = high
        )
    }
}

/// Flips a difference so that it reads from the larger value.
fn larger_first(d: Difference) -> (Difference, bool) {
    if d.difference < 0.0 {
        (
            Difference {
                difference: -d.difference,
                low: -d.high,
                high: -d.low,
            },
            true,
        )
    } else {
        (d, false)
    }
}

/// The closed questions where two audiences clearly differ (in the chosen round and filter).
fn differences(tr: &Tr, resolved: &Resolved, asked: &[Asked], data: &ClosedData) -> Vec<String> {
    let mut out = Vec::new();
    for a in asked {
        let kind = &a.question.kind;
        let groups: Vec<(Audience, GroupSummary)> = a
            .audiences
            .iter()
            .map(|&audience| {
                let s = summarize_group(
                    a,
                    data,
                    audience,
                    resolved.wave.as_deref(),
                    resolved.filter.as_ref(),
                );
                (audience, s)
            })
            .collect();
        for (i, (first, s1)) in groups.iter().enumerate() {
            for (second, s2) in &groups[i + 1..] {
                let Some(d) = group_difference(s1, s2).filter(Difference::is_clear) else {
                    continue;
                };
                let (Some(v1), Some(v2)) = (value_text(tr, kind, s1), value_text(tr, kind, s2))
                else {
                    continue;
                };
                let (d, flipped) = larger_first(d);
                let ((high, hv), (low, lv)) = if flipped {
                    ((second, v2), (first, v1))
                } else {
                    ((first, v1), (second, v2))
                };
                out.push(t!(
                    tr,
                    "summary-difference",
                    question = question_text(a.question),
                    high = capitalise(&audience_name(tr, *high)),
                    high_value = hv,
                    low = audience_name(tr, *low),
                    low_value = lv,
                    size = size_text(tr, &d, s1.marks.is_some())
                ));
            }
        }
    }
    out.truncate(SENTENCES);
    out
}

/// The rounds to set against each other: the chosen two, or the chosen (or last) round and
/// the one before it.
fn rounds<'a>(facts: &'a ProjectFacts, resolved: &'a Resolved) -> Option<(&'a str, &'a str)> {
    if let (Some(a), Some(b)) = (&resolved.wave, &resolved.against) {
        let position = |k: &str| facts.waves.iter().position(|w| w.key == k);
        return Some(if position(a) <= position(b) {
            (a.as_str(), b.as_str())
        } else {
            (b.as_str(), a.as_str())
        });
    }
    let later = match &resolved.wave {
        Some(w) => facts.waves.iter().position(|x| &x.key == w)?,
        None => facts.waves.len().checked_sub(1)?,
    };
    let earlier = later.checked_sub(1)?;
    Some((&facts.waves[earlier].key, &facts.waves[later].key))
}

/// What clearly changed from one round to the next, per audience; or that nothing clearly
/// did. None with only one round.
fn changes(
    tr: &Tr,
    facts: &ProjectFacts,
    resolved: &Resolved,
    asked: &[Asked],
    data: &ClosedData,
) -> Option<(String, Vec<String>)> {
    let (before, after) = rounds(facts, resolved)?;
    let (before_name, after_name) = (facts.wave_name(before), facts.wave_name(after));
    let mut out = Vec::new();
    for a in asked {
        let kind = &a.question.kind;
        for &audience in &a.audiences {
            let s = |w: &str| summarize_group(a, data, audience, Some(w), resolved.filter.as_ref());
            let (s1, s2) = (s(before), s(after));
            let Some(d) = group_difference(&s2, &s1).filter(Difference::is_clear) else {
                continue;
            };
            let (Some(v1), Some(v2)) = (value_text(tr, kind, &s1), value_text(tr, kind, &s2))
            else {
                continue;
            };
            let (size, flipped) = larger_first(d);
            let direction = if flipped {
                t!(tr, "summary-down")
            } else {
                t!(tr, "summary-up")
            };
            out.push(t!(
                tr,
                "summary-change",
                audience = capitalise(&audience_name(tr, audience)),
                question = question_text(a.question),
                before = v1,
                after = v2,
                direction = direction,
                size = size_text(tr, &size, s1.marks.is_some())
            ));
        }
    }
    out.truncate(SENTENCES);
    if out.is_empty() {
        out.push(t!(tr, "summary-no-change", round = before_name.clone()));
    }
    Some((
        t!(
            tr,
            "summary-changes",
            before = before_name,
            after = after_name
        ),
        out,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_at_a_word() {
        assert_eq!(shorten("Kort."), "Kort.");
        let long = "woord ".repeat(60);
        let cut = shorten(&long);
        assert!(cut.ends_with("woord…"), "{cut}");
        assert!(cut.chars().count() <= QUOTE_LENGTH + 1);
    }

    #[test]
    fn a_difference_reads_from_the_larger_value() {
        let (d, flipped) = larger_first(Difference {
            difference: -0.2,
            low: -0.3,
            high: -0.1,
        });
        assert!(flipped);
        assert!((d.difference - 0.2).abs() < 1e-9 && (d.low - 0.1).abs() < 1e-9);
        assert!((d.high - 0.3).abs() < 1e-9);
    }
}
