//! The arithmetic of the comparison: how a count may be shown, and a difference measure
//! between audiences that a researcher can explain — the difference in the share agreeing,
//! with a 95% interval. Which counts are hidden is decided in `disclosure`.
//! Means and medians of marks live with the other summaries in `summary.rs`.

/// The smallest reporting threshold a project may set.
pub const MIN_THRESHOLD: u64 = 3;
/// The default reporting threshold.
pub const DEFAULT_THRESHOLD: u64 = 5;

/// A count as it may be shown (which counts are hidden is decided in `disclosure`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Shown(u64),
    /// Fewer than the threshold (and not zero): shown as "fewer than 5".
    Small,
    /// Hidden to protect another count: it may be large.
    Protecting,
}

impl Cell {
    pub fn is_shown(self) -> bool {
        matches!(self, Cell::Shown(_))
    }
}

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// Wilson score interval for a proportion `x / n` (95%).
pub fn wilson(x: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 || x > n {
        return None;
    }
    let (x, n) = (x as f64, n as f64);
    let p = x / n;
    let z2 = Z95 * Z95;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// The difference between two proportions, `x1/n1 − x2/n2`, with Newcombe's hybrid score
/// interval (method 10 of Newcombe 1998), which behaves well for small groups and shares
/// near 0 or 1 — unlike the plain Wald interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Difference {
    pub difference: f64,
    pub low: f64,
    pub high: f64,
}

impl Difference {
    /// Whether the interval excludes no difference at all.
    pub fn is_clear(&self) -> bool {
        self.low > 0.0 || self.high < 0.0
    }
}

pub fn difference(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<Difference> {
    let (l1, u1) = wilson(x1, n1)?;
    let (l2, u2) = wilson(x2, n2)?;
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let d = p1 - p2;
    Some(Difference {
        difference: d,
        low: d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt(),
        high: d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.000_5
    }

    #[test]
    fn wilson_interval_matches_hand_computation() {
        // 8 of 10: centre (0.8 + 0.19207) / 1.38415 = 0.71672, half 0.22652.
        let (low, high) = wilson(8, 10).unwrap();
        assert!(close(low, 0.4902) && close(high, 0.9433), "{low} {high}");
        let (low, high) = wilson(0, 10).unwrap();
        assert!(close(low, 0.0) && close(high, 0.2775), "{low} {high}");
        assert_eq!(wilson(1, 0), None);
    }

    #[test]
    fn newcombe_difference_matches_the_published_example() {
        // Newcombe (1998), Statistics in Medicine 17:873–890, example (a): 56/70 vs 48/80,
        // difference 0.2000 with hybrid score interval 0.0524 to 0.3339.
        let d = difference(56, 70, 48, 80).unwrap();
        assert!(
            close(d.difference, 0.2) && close(d.low, 0.0524) && close(d.high, 0.3339),
            "{d:?}"
        );
        assert!(d.is_clear());
        assert!(!difference(5, 10, 4, 10).unwrap().is_clear());
    }
}
