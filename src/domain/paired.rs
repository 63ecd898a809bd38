//! Change within the same people: the arithmetic of paired answers (one answer in each of
//! two rounds per matched respondent), and the threshold rule for publishing it.
//!
//! - yes/no: the 2×2 table, the paired difference in the share saying yes with Newcombe's
//!   score interval for paired proportions (method 10 of Newcombe 1998b), and McNemar's
//!   exact test on the discordant pairs;
//! - ordered answers (agreement, marks): who moved up, stayed, moved down, with the exact
//!   sign test, and for marks the mean change with its 95 % interval.

use super::comparison::{Cell, Difference, wilson};

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// A yes/no question answered in both rounds: `yes_yes` said yes both times, `yes_no` yes
/// first and no later, and so on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TwoByTwo {
    pub yes_yes: u64,
    pub yes_no: u64,
    pub no_yes: u64,
    pub no_no: u64,
}

impl TwoByTwo {
    pub fn total(&self) -> u64 {
        self.yes_yes + self.yes_no + self.no_yes + self.no_no
    }

    /// Said yes in the first round.
    pub fn first_yes(&self) -> u64 {
        self.yes_yes + self.yes_no
    }

    /// Said yes in the second round.
    pub fn second_yes(&self) -> u64 {
        self.yes_yes + self.no_yes
    }

    /// The change in the share saying yes (second − first) with Newcombe's interval for
    /// paired proportions: the two Wilson intervals of the shares, combined with the
    /// correlation φ of the pairs (corrected as Newcombe does when ad > bc).
    pub fn change(&self) -> Option<Difference> {
        let n = self.total();
        let (l1, u1) = wilson(self.first_yes(), n)?;
        let (l2, u2) = wilson(self.second_yes(), n)?;
        let nf = n as f64;
        let (p1, p2) = (self.first_yes() as f64 / nf, self.second_yes() as f64 / nf);
        let (a, b, c, d) = (
            self.yes_yes as f64,
            self.yes_no as f64,
            self.no_yes as f64,
            self.no_no as f64,
        );
        let margins = (a + b) * (c + d) * (a + c) * (b + d);
        // Newcombe's correction of φ towards 0 when the pairs agree more than chance (ad >
        // bc): without it, pairs that all agree would give an interval of width 0.
        let cross = a * d - b * c;
        let cross = if cross > 0.0 {
            (cross - nf / 2.0).max(0.0)
        } else {
            cross
        };
        let phi = if margins == 0.0 {
            0.0
        } else {
            (cross / margins.sqrt()).clamp(-1.0, 1.0)
        };
        let delta = p2 - p1;
        let low = ((p2 - l2).powi(2) - 2.0 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1).powi(2))
            .max(0.0)
            .sqrt();
        let high = ((u2 - p2).powi(2) - 2.0 * phi * (u2 - p2) * (p1 - l1) + (p1 - l1).powi(2))
            .max(0.0)
            .sqrt();
        Some(Difference {
            difference: delta,
            low: (delta - low).max(-1.0),
            high: (delta + high).min(1.0),
        })
    }

    /// McNemar's exact test: the two-sided p-value that as many changed from no to yes as
    /// from yes to no.
    pub fn mcnemar(&self) -> f64 {
        sign_test(self.no_yes, self.yes_no)
    }
}

/// Who moved up, stayed and moved down on an ordered scale between two rounds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Moves {
    pub up: u64,
    pub same: u64,
    pub down: u64,
    /// Agreement: "weet ik niet" in either round, so no direction.
    pub unknown: u64,
}

impl Moves {
    pub fn total(&self) -> u64 {
        self.up + self.same + self.down + self.unknown
    }

    /// The exact sign test: the two-sided p-value that moving up is as likely as down.
    pub fn sign_test(&self) -> f64 {
        sign_test(self.up, self.down)
    }
}

/// Two-sided exact binomial test of `x` against `y` with p = ½ (ties left out).
pub fn sign_test(x: u64, y: u64) -> f64 {
    let n = x + y;
    if n == 0 {
        return 1.0;
    }
    let k = x.min(y);
    // P(X ≤ k) for X ~ Bin(n, ½), summed in logs so large n stays exact enough.
    let ln_half_n = -(n as f64) * std::f64::consts::LN_2;
    let mut ln_choose = 0.0_f64;
    let mut tail = 0.0;
    for i in 0..=k {
        if i > 0 {
            ln_choose += ((n - i + 1) as f64).ln() - (i as f64).ln();
        }
        tail += (ln_choose + ln_half_n).exp();
    }
    (2.0 * tail).min(1.0)
}

/// The mean of paired changes (second − first) with its 95 % interval (normal
/// approximation, as for the differences between groups).
pub fn mean_change(changes: &[i64]) -> Option<Difference> {
    let n = changes.len();
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let mean = changes.iter().sum::<i64>() as f64 / nf;
    let variance = changes
        .iter()
        .map(|c| (*c as f64 - mean).powi(2))
        .sum::<f64>()
        / (nf - 1.0);
    let half = Z95 * (variance / nf).sqrt();
    Some(Difference {
        difference: mean,
        low: mean - half,
        high: mean + half,
    })
}

/// A count that may be published: none, or at least the threshold.
pub fn safe(count: u64, threshold: u64) -> bool {
    count == 0 || count >= threshold
}

/// What remains of a round's count after taking out a part of it (the matched ones): safe
/// only when the part fits in it and the rest may be published too.
pub fn safe_rest(whole: Cell, part: u64, threshold: u64) -> bool {
    match whole {
        Cell::Shown(n) => n >= part && safe(n - part, threshold),
        Cell::Small | Cell::Protecting => false,
    }
}

/// The counts of a partition (they add up to a known total) as they may be shown: zeros
/// and counts of at least the threshold are shown; smaller ones are hidden, and more are
/// hidden (smallest first) until the hidden ones are at least two and add up to at least
/// the threshold, so none of them can be worked out or narrowed below it. When that cannot
/// be done, everything is hidden.
pub fn protect_partition(counts: &[u64], threshold: u64) -> Vec<Cell> {
    let mut hidden: Vec<bool> = counts.iter().map(|&n| n > 0 && n < threshold).collect();
    loop {
        let hidden_count = hidden.iter().filter(|h| **h).count();
        let hidden_sum: u64 = counts
            .iter()
            .zip(&hidden)
            .filter(|(_, h)| **h)
            .map(|(n, _)| n)
            .sum();
        if hidden_count == 0 || (hidden_count >= 2 && hidden_sum >= threshold) {
            break;
        }
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, n)| !hidden[*i] && **n > 0)
            .min_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        match next {
            Some(i) => hidden[i] = true,
            None => return vec![Cell::Protecting; counts.len()],
        }
    }
    counts
        .iter()
        .zip(hidden)
        .map(|(&n, h)| match (h, n < threshold) {
            (false, _) => Cell::Shown(n),
            (true, true) => Cell::Small,
            (true, false) => Cell::Protecting,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.000_5
    }

    #[test]
    fn the_sign_test_is_the_exact_binomial() {
        // 1 of 10 against 9: 2 · (1 + 10) / 1024.
        assert!(close(sign_test(1, 9), 22.0 / 1024.0));
        assert!(close(sign_test(9, 1), 22.0 / 1024.0));
        assert_eq!(sign_test(5, 5), 1.0);
        assert_eq!(sign_test(0, 0), 1.0);
        // Large numbers stay finite and tiny.
        assert!(sign_test(0, 2000) < 1e-300);
    }

    #[test]
    fn the_paired_interval_holds_its_estimate_and_narrows_with_more_pairs() {
        let small = TwoByTwo {
            yes_yes: 8,
            yes_no: 5,
            no_yes: 4,
            no_no: 9,
        };
        let d = small.change().unwrap();
        assert!(close(d.difference, -1.0 / 26.0));
        assert!(d.low < d.difference && d.difference < d.high);
        assert!(!d.is_clear());
        let large = TwoByTwo {
            yes_yes: 800,
            yes_no: 50,
            no_yes: 150,
            no_no: 900,
        };
        let d = large.change().unwrap();
        assert!(close(d.difference, 100.0 / 1900.0));
        assert!(d.is_clear() && d.high - d.low < 0.06);
        // Pairs that agree make the interval narrower than independent groups would.
        let independent = super::super::comparison::difference(950, 1900, 850, 1900).unwrap();
        assert!(d.high - d.low < independent.high - independent.low);
        assert!(large.mcnemar() < 1e-10);
        // Nobody changed: no difference, and a sensible interval.
        let none = TwoByTwo {
            yes_yes: 10,
            no_no: 10,
            ..Default::default()
        }
        .change()
        .unwrap();
        assert!(none.low < 0.0 && none.high > 0.0 && none.difference == 0.0);
        assert_eq!(TwoByTwo::default().change(), None);
    }

    #[test]
    fn the_mean_change_has_a_normal_interval() {
        let d = mean_change(&[1, 1, 1, 1]).unwrap();
        assert_eq!((d.difference, d.low, d.high), (1.0, 1.0, 1.0));
        let d = mean_change(&[0, 2, 0, 2]).unwrap();
        assert!(close(d.difference, 1.0));
        assert!(close(d.high - 1.0, Z95 * (4.0 / 3.0 / 4.0_f64).sqrt()));
        assert_eq!(mean_change(&[3]), None);
    }

    #[test]
    fn a_partition_never_leaves_a_small_count_to_be_worked_out() {
        use Cell::*;
        assert_eq!(
            protect_partition(&[40, 0, 12], 5),
            vec![Shown(40), Shown(0), Shown(12)]
        );
        // One small count would follow from the total: the next smallest goes with it.
        assert_eq!(
            protect_partition(&[40, 3, 12], 5),
            vec![Shown(40), Small, Protecting]
        );
        // Two small ones adding up to less than the threshold need a third.
        assert_eq!(
            protect_partition(&[40, 1, 2, 12], 5),
            vec![Shown(40), Small, Small, Protecting]
        );
        assert_eq!(protect_partition(&[3], 5), vec![Protecting]);
        assert_eq!(protect_partition(&[3, 1], 5), vec![Protecting; 2]);
    }
}
