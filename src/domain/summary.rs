//! What the comparison shows of one closed question for one group (an audience in a wave,
//! perhaps within a filter), made safe to publish, and the differences between two groups.
//!
//! A statistic is shown only when it follows from cells that are shown themselves, so no
//! statistic can give a suppressed cell away (see `docs/comparison.md`).

use super::comparison::{Cell, Difference, SafeDistribution, difference, suppress};
use super::{Audience, QuestionKind};

/// The answers of one group to one question, as counted: one count per answer code in the
/// order of [`value_codes`], and how many answered (for multiple choice a respondent may
/// count in several cells).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub cells: Vec<u64>,
    pub answered: u64,
}

impl Counts {
    /// No answers at all, for a question with `len` answer codes.
    pub fn empty(len: usize) -> Self {
        Counts {
            cells: vec![0; len],
            answered: 0,
        }
    }

    /// These counts minus `part` (a filtered subgroup): the people outside the filter.
    fn minus(&self, part: &Counts) -> Counts {
        Counts {
            cells: self
                .cells
                .iter()
                .zip(&part.cells)
                .map(|(a, b)| a.saturating_sub(*b))
                .collect(),
            answered: self.answered.saturating_sub(part.answered),
        }
    }
}

/// The answer codes a closed question is counted by: its options, or the marks 1 to 10.
pub fn value_codes(kind: &QuestionKind) -> Vec<String> {
    match kind {
        QuestionKind::Mark => (1..=10).map(|m| m.to_string()).collect(),
        kind => kind.values().into_iter().map(str::to_owned).collect(),
    }
}

/// The share a question is summed up by: agreeing (eens + helemaal eens, of everyone who
/// answered, "weet ik niet" included), yes, or a pass mark (6 or more).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub part: u64,
    pub of: u64,
}

impl Share {
    pub fn ratio(&self) -> f64 {
        self.part as f64 / self.of as f64
    }
}

/// Mean and median of report marks, with what the mean difference needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marks {
    pub mean: f64,
    pub median: f64,
    pub variance: f64,
    pub n: u64,
}

/// One group's answers to one question, safe to show.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    pub cells: Vec<Cell>,
    /// How many answered (suppressed below the threshold).
    pub answered: Cell,
    pub share: Option<Share>,
    /// Report marks only; the mark distribution itself is not shown.
    pub marks: Option<Marks>,
}

impl GroupSummary {
    /// The shown share of answers in cell `i` (of those who answered), for the charts.
    pub fn cell_ratio(&self, i: usize) -> Option<f64> {
        match (self.cells.get(i), self.answered) {
            (Some(Cell::Shown(n)), Cell::Shown(total)) if total > 0 => {
                Some(*n as f64 / total as f64)
            }
            _ => None,
        }
    }
}

/// Summarises one group's answers. With `all`, the counts are a filtered subgroup of `all`
/// and cells whose remainder (`all` − subgroup) is small are suppressed as well, so that
/// comparing the filtered and unfiltered view cannot reveal anyone outside the filter.
pub fn summarize(
    kind: &QuestionKind,
    counts: &Counts,
    all: Option<&Counts>,
    threshold: u64,
) -> GroupSummary {
    let rest = all.map(|all| all.minus(counts));
    let safe = match kind {
        // Each option is its own yes/no: chosen by some, not by the others.
        QuestionKind::MultipleChoice { .. } => {
            let total = suppress(&[counts.answered], threshold).total;
            let cells = counts
                .cells
                .iter()
                .enumerate()
                .map(|(i, &chosen)| {
                    let mut safe = suppress(&[chosen, counts.answered - chosen], threshold);
                    if let Some(rest) = &rest
                        && (small(rest.cells[i], threshold)
                            || small(rest.answered - rest.cells[i], threshold))
                    {
                        safe.cells[0] = Cell::Suppressed;
                    }
                    if total == Cell::Suppressed {
                        Cell::Suppressed
                    } else {
                        safe.cells[0]
                    }
                })
                .collect();
            SafeDistribution { cells, total }
        }
        _ => {
            let mut safe = suppress(&counts.cells, threshold);
            if let Some(rest) = &rest {
                protect_rest(&mut safe, &counts.cells, &rest.cells, threshold);
            }
            safe
        }
    };
    let mut summary = GroupSummary {
        answered: if rest.as_ref().is_some_and(|r| small(r.answered, threshold)) {
            Cell::Suppressed
        } else {
            safe.total
        },
        cells: safe.cells,
        share: None,
        marks: None,
    };
    if summary.answered == Cell::Suppressed {
        summary.cells.fill(Cell::Suppressed);
        return summary;
    }
    // A share may use hidden cells only when they are all the hidden cells: their sum is then
    // the total minus what is shown, known already.
    let hidden: Vec<usize> = (0..summary.cells.len())
        .filter(|&i| summary.cells[i] == Cell::Suppressed)
        .collect();
    let safe_sum = |part: &[usize]| {
        let inside = hidden.iter().filter(|i| part.contains(i)).count();
        inside == 0 || inside == hidden.len()
    };
    summary.share = match kind {
        QuestionKind::Agreement if safe_sum(&[3, 4]) => Some(Share {
            part: counts.cells[3] + counts.cells[4],
            of: counts.answered,
        }),
        QuestionKind::YesNo if safe_sum(&[0]) => Some(Share {
            part: counts.cells[0],
            of: counts.answered,
        }),
        QuestionKind::Mark => {
            // Only pass/fail is shown, so it is suppressed on its own two cells.
            let pass: u64 = counts.cells[5..].iter().sum();
            let pass_fail = suppress(&[counts.answered - pass, pass], threshold);
            let rest_fine = rest.as_ref().is_none_or(|r| {
                let rest_pass: u64 = r.cells[5..].iter().sum();
                !small(rest_pass, threshold) && !small(r.answered - rest_pass, threshold)
            });
            (pass_fail.cells[1] != Cell::Suppressed && rest_fine).then_some(Share {
                part: pass,
                of: counts.answered,
            })
        }
        _ => None,
    };
    if matches!(kind, QuestionKind::Mark) {
        summary.marks = marks(&counts.cells);
        // The distribution of marks is summed up, not shown.
        summary.cells.fill(Cell::Suppressed);
    }
    summary
}

fn small(n: u64, threshold: u64) -> bool {
    n > 0 && n < threshold.max(super::comparison::MIN_THRESHOLD)
}

/// Suppresses cells of a filtered view whose remainder outside the filter is small, and then
/// keeps the rule that a lone suppressed cell takes the next smallest one with it.
fn protect_rest(safe: &mut SafeDistribution, counts: &[u64], rest: &[u64], threshold: u64) {
    if safe.total == Cell::Suppressed {
        return;
    }
    for (i, cell) in safe.cells.iter_mut().enumerate() {
        if small(rest[i], threshold) {
            *cell = Cell::Suppressed;
        }
    }
    if safe
        .cells
        .iter()
        .filter(|c| **c == Cell::Suppressed)
        .count()
        == 1
    {
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, n)| **n > 0 && safe.cells[*i] != Cell::Suppressed)
            .min_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        if let Some(i) = next {
            safe.cells[i] = Cell::Suppressed;
        }
    }
}

/// How the three audiences relate on one code of a theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// Every audience with material on the theme raises it (and that is at least two).
    Shared,
    /// Some audiences raise it and others, with material on the theme, do not.
    Differs { raised: Vec<Audience> },
    /// No audience raises it often enough.
    Rare,
    /// Fewer than two audiences have material on this theme: nothing to compare.
    NotComparable,
}

/// Whether an audience raises a code: professionals with one insight (a meeting's
/// statement speaks for the group), young people and parents when at least `threshold` of
/// them did — the same number below which we would not even show the count.
pub fn raises(audience: Audience, count: u64, threshold: u64) -> bool {
    match audience {
        Audience::Professional => count >= 1,
        _ => count >= threshold.max(super::comparison::MIN_THRESHOLD),
    }
}

/// Classifies a code by how often each audience raised it. `counts` holds, per audience with
/// any coded material on the theme, how often this code was raised.
pub fn pattern(counts: &[(Audience, u64)], threshold: u64) -> Pattern {
    if counts.len() < 2 {
        return Pattern::NotComparable;
    }
    let raised: Vec<Audience> = counts
        .iter()
        .filter(|(a, n)| raises(*a, *n, threshold))
        .map(|(a, _)| *a)
        .collect();
    if raised.is_empty() {
        Pattern::Rare
    } else if raised.len() == counts.len() {
        Pattern::Shared
    } else {
        Pattern::Differs { raised }
    }
}

/// Mean, median and variance of marks counted per mark (cell 0 is mark 1).
pub fn marks(cells: &[u64]) -> Option<Marks> {
    let n: u64 = cells.iter().sum();
    if n == 0 {
        return None;
    }
    let value = |i: usize| (i + 1) as f64;
    let mean = cells
        .iter()
        .enumerate()
        .map(|(i, &c)| value(i) * c as f64)
        .sum::<f64>()
        / n as f64;
    let variance = if n > 1 {
        cells
            .iter()
            .enumerate()
            .map(|(i, &c)| (value(i) - mean).powi(2) * c as f64)
            .sum::<f64>()
            / (n - 1) as f64
    } else {
        0.0
    };
    let nth = |k: u64| {
        let mut seen = 0;
        for (i, &c) in cells.iter().enumerate() {
            seen += c;
            if seen > k {
                return value(i);
            }
        }
        value(cells.len() - 1)
    };
    let median = if n.is_multiple_of(2) {
        (nth(n / 2 - 1) + nth(n / 2)) / 2.0
    } else {
        nth(n / 2)
    };
    Some(Marks {
        mean,
        median,
        variance,
        n,
    })
}

/// The difference between two groups: in the share (percentage points, Newcombe's interval)
/// or, for marks, in the mean (normal approximation of Welch's interval).
pub fn group_difference(a: &GroupSummary, b: &GroupSummary) -> Option<Difference> {
    if let (Some(a), Some(b)) = (a.marks, b.marks) {
        if a.n < 2 || b.n < 2 {
            return None;
        }
        let d = a.mean - b.mean;
        let half =
            1.959_963_984_540_054 * (a.variance / a.n as f64 + b.variance / b.n as f64).sqrt();
        return Some(Difference {
            difference: d,
            low: d - half,
            high: d + half,
        });
    }
    let (a, b) = (a.share?, b.share?);
    difference(a.part, a.of, b.part, b.of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Cell::*;

    fn counts(cells: &[u64]) -> Counts {
        Counts {
            cells: cells.to_vec(),
            answered: cells.iter().sum(),
        }
    }

    #[test]
    fn agreement_share_is_of_everyone_who_answered() {
        // 20 + 10 agree of 60 ("weet niet" included).
        let s = summarize(
            &QuestionKind::Agreement,
            &counts(&[5, 10, 5, 20, 10, 10]),
            None,
            5,
        );
        assert_eq!(s.share, Some(Share { part: 30, of: 60 }));
        assert_eq!(s.answered, Shown(60));
        assert_eq!(s.cell_ratio(3), Some(20.0 / 60.0));
    }

    #[test]
    fn a_share_that_would_reveal_a_suppressed_cell_is_not_shown() {
        // "helemaal eens" is 2: hidden, with "helemaal oneens" (5, the next smallest); a
        // share with only one of the two would give both away.
        let s = summarize(
            &QuestionKind::Agreement,
            &counts(&[5, 10, 6, 20, 2, 10]),
            None,
            5,
        );
        assert_eq!(s.cells[4], Suppressed);
        assert_eq!(s.cells[0], Suppressed);
        assert_eq!(s.share, None);
        // When the hidden cells are exactly the agreeing ones, their sum is known anyway.
        let s = summarize(
            &QuestionKind::Agreement,
            &counts(&[8, 10, 6, 3, 2, 10]),
            None,
            5,
        );
        assert_eq!((s.cells[3], s.cells[4]), (Suppressed, Suppressed));
        assert_eq!(s.share, Some(Share { part: 5, of: 39 }));
    }

    #[test]
    fn a_filtered_view_hides_cells_whose_rest_is_small() {
        // All youth: yes 30, no 20. Aged 13–15: yes 28, no 12. Outside the filter: yes 2,
        // no 8 — the 2 could be read off by subtraction, so "yes" is hidden in the filtered
        // view, and "no" with it.
        let all = counts(&[30, 20]);
        let part = counts(&[28, 12]);
        let s = summarize(&QuestionKind::YesNo, &part, Some(&all), 5);
        assert_eq!(s.cells, vec![Suppressed, Suppressed]);
        assert_eq!(s.share, None);
        // Outside the filter only 3 people: the filtered total would give them away.
        let s = summarize(&QuestionKind::YesNo, &counts(&[27, 20]), Some(&all), 5);
        assert_eq!(s.answered, Suppressed);
        // A big enough rest changes nothing.
        let s = summarize(&QuestionKind::YesNo, &counts(&[20, 10]), Some(&all), 5);
        assert_eq!(s.cells, vec![Shown(20), Shown(10)]);
        assert_eq!(s.share, Some(Share { part: 20, of: 30 }));
    }

    #[test]
    fn multiple_choice_options_are_suppressed_one_by_one() {
        let kind = QuestionKind::MultipleChoice {
            options: Vec::new(),
        };
        // 40 answered; 38 chose the first (so 2 did not), 12 the second, 3 the third.
        let c = Counts {
            cells: vec![38, 12, 3],
            answered: 40,
        };
        let s = summarize(&kind, &c, None, 5);
        assert_eq!(s.cells, vec![Suppressed, Shown(12), Suppressed]);
        assert_eq!(s.answered, Shown(40));
    }

    #[test]
    fn marks_are_summed_up_by_mean_median_and_pass_share() {
        // Marks 6, 7, 7, 8, 10 and 4.
        let mut cells = vec![0; 10];
        for m in [6, 7, 7, 8, 10, 4] {
            cells[m - 1] += 1;
        }
        let m = marks(&cells).unwrap();
        assert!((m.mean - 42.0 / 6.0).abs() < 1e-9);
        assert_eq!(m.median, 7.0);
        // Variance: deviations −1, 0, 0, 1, 3, −3 → 20 / 5.
        assert!((m.variance - 4.0).abs() < 1e-9);
        let s = summarize(&QuestionKind::Mark, &counts(&cells), None, 3);
        assert!(s.cells.iter().all(|c| *c == Suppressed));
        // One fail among six: the pass share would reveal it.
        assert_eq!(s.share, None);
        assert_eq!(s.marks.map(|m| m.n), Some(6));
    }

    #[test]
    fn codes_are_shared_differ_or_are_rare() {
        use Audience::*;
        let p = |c: &[(Audience, u64)]| pattern(c, 5);
        assert_eq!(
            p(&[(Youth, 12), (Parent, 5), (Professional, 1)]),
            Pattern::Shared
        );
        // Young people name it, professionals don't: a difference.
        assert_eq!(
            p(&[(Youth, 9), (Parent, 4), (Professional, 0)]),
            Pattern::Differs {
                raised: vec![Youth]
            }
        );
        assert_eq!(p(&[(Youth, 4), (Professional, 0)]), Pattern::Rare);
        assert_eq!(p(&[(Youth, 40)]), Pattern::NotComparable);
    }

    #[test]
    fn differences_between_groups() {
        let a = summarize(&QuestionKind::YesNo, &counts(&[56, 14]), None, 5);
        let b = summarize(&QuestionKind::YesNo, &counts(&[48, 32]), None, 5);
        let d = group_difference(&a, &b).unwrap();
        assert!((d.difference - 0.2).abs() < 1e-9 && (d.low - 0.0524).abs() < 5e-4);
        // Means 7 and 6, each with variance 1 over 50 marks: 1 ± 1.96 × √(2/50) = 1 ± 0.392.
        let a = GroupSummary {
            cells: Vec::new(),
            answered: Shown(50),
            share: None,
            marks: Some(Marks {
                mean: 7.0,
                median: 7.0,
                variance: 1.0,
                n: 50,
            }),
        };
        let b = GroupSummary {
            marks: Some(Marks {
                mean: 6.0,
                ..a.marks.unwrap()
            }),
            ..a.clone()
        };
        let d = group_difference(&a, &b).unwrap();
        assert!(
            (d.low - 0.608).abs() < 1e-3 && (d.high - 1.392).abs() < 1e-3,
            "{d:?}"
        );
    }
}
