//! What the comparison shows of one closed question for one group (an audience in a wave,
//! perhaps within a filter), made safe to publish, and the differences between two groups.
//!
//! A statistic is shown only when it follows from cells that are shown themselves, so no
//! statistic can give a hidden cell away (see `docs/comparison.md`).

use super::comparison::{Cell, Difference, difference};
use super::{Audience, QuestionKind};

/// The answers of one group to one question, as counted: one count per answer code in the
/// order of [`value_codes`], and how many answered (for multiple choice a respondent may
/// count in several cells).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
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
    /// How many answered, as it may be shown.
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

/// What may be shown of one group's numbers, as the disclosure-control engine decided for
/// every view at once (`server::comparison::protect`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub answered: Cell,
    /// One per answer code.
    pub cells: Vec<Cell>,
    /// Agreement: how many agreed (eens + helemaal eens).
    pub agree: Cell,
    /// Marks: how many gave 6 or more.
    pub pass: Cell,
}

/// Summarises one group's answers from what may be shown of them: a share only when its
/// own numbers are shown, so no statistic tells more than the cells it is made of.
pub fn summarize(kind: &QuestionKind, counts: &Counts, decided: Decided) -> GroupSummary {
    let Decided {
        answered,
        mut cells,
        agree,
        pass,
    } = decided;
    let shown = |part: Cell| match (part, answered) {
        (Cell::Shown(part), Cell::Shown(of)) if of > 0 => Some(Share { part, of }),
        _ => None,
    };
    let share = match kind {
        QuestionKind::Agreement => shown(agree),
        QuestionKind::YesNo => cells.first().copied().and_then(shown),
        QuestionKind::Mark => shown(pass),
        _ => None,
    };
    let mut summary_marks = None;
    if matches!(kind, QuestionKind::Mark) {
        // The mean tells the sum of the marks, which narrows how many passed: shown only
        // with both numbers it could narrow.
        summary_marks = if answered.is_shown() && pass.is_shown() {
            marks(&counts.cells)
        } else {
            None
        };
        // The distribution of marks is summed up, not shown.
        cells.fill(Cell::Protecting);
    }
    GroupSummary {
        cells,
        answered,
        share,
        marks: summary_marks,
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

    /// Everything shown, as for large groups.
    fn all_shown(c: &Counts) -> Decided {
        let sum = |range: std::ops::Range<usize>| c.cells.get(range).map_or(0, |m| m.iter().sum());
        Decided {
            answered: Shown(c.answered),
            cells: c.cells.iter().map(|&n| Shown(n)).collect(),
            agree: Shown(sum(3..5)),
            pass: Shown(sum(5..c.cells.len())),
        }
    }

    #[test]
    fn agreement_share_is_of_everyone_who_answered() {
        // 20 + 10 agree of 60 ("weet niet" included).
        let c = counts(&[5, 10, 5, 20, 10, 10]);
        let s = summarize(&QuestionKind::Agreement, &c, all_shown(&c));
        assert_eq!(s.share, Some(Share { part: 30, of: 60 }));
        assert_eq!(s.answered, Shown(60));
        assert_eq!(s.cell_ratio(3), Some(20.0 / 60.0));
    }

    #[test]
    fn a_share_is_shown_only_when_its_own_numbers_are() {
        let c = counts(&[5, 10, 6, 20, 2, 10]);
        let hidden_agree = Decided {
            agree: Protecting,
            ..all_shown(&c)
        };
        assert_eq!(
            summarize(&QuestionKind::Agreement, &c, hidden_agree).share,
            None
        );
        let hidden_total = Decided {
            answered: Protecting,
            ..all_shown(&c)
        };
        let s = summarize(&QuestionKind::Agreement, &c, hidden_total);
        assert_eq!(s.share, None);
        assert_eq!(s.cell_ratio(3), None, "no share of a hidden total");
        let c = counts(&[3, 20]);
        let yes_hidden = Decided {
            cells: vec![Small, Shown(20)],
            ..all_shown(&c)
        };
        assert_eq!(summarize(&QuestionKind::YesNo, &c, yes_hidden).share, None);
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
        let c = counts(&cells);
        let s = summarize(&QuestionKind::Mark, &c, all_shown(&c));
        assert!(
            s.cells.iter().all(|c| !c.is_shown()),
            "the distribution is not shown"
        );
        assert_eq!(s.share, Some(Share { part: 5, of: 6 }));
        assert_eq!(s.marks.map(|m| m.n), Some(6));
        let hidden_pass = Decided {
            pass: Protecting,
            ..all_shown(&c)
        };
        let s = summarize(&QuestionKind::Mark, &c, hidden_pass);
        assert_eq!(s.share, None);
        // Ten marks with mean 2.0 sum to 20: at most (20 − 10) / 5 = 2 can be 6 or more, so
        // a mean beside a hidden pass count would say "0, 1 or 2" where "fewer than 5" is all
        // a viewer may learn.
        assert_eq!(s.marks, None, "no mean beside a hidden pass count");
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
        let (a, b) = (counts(&[56, 14]), counts(&[48, 32]));
        let a = summarize(&QuestionKind::YesNo, &a, all_shown(&a));
        let b = summarize(&QuestionKind::YesNo, &b, all_shown(&b));
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
