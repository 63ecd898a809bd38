//! The per-relation fixpoint heuristic, kept as a reference to show what it
//! misses. In every relation with a hidden member it demands a second hidden
//! member and, when the total is shown and a hidden part is small, a hidden
//! parts' sum of at least the threshold; otherwise it hides the smallest
//! non-zero shown part, or else the total.

use super::lp::Seen;
use super::model::Model;

pub fn protect<K>(model: &Model<K>, threshold: u64) -> Vec<Option<u64>> {
    let small = |c: usize| 0 < model.values[c] && model.values[c] < threshold;
    let mut hidden: Vec<bool> = (0..model.values.len())
        .map(|c| model.seen[c] != Seen::Published || small(c))
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for (total, parts) in &model.relations {
            if let Some(c) = next_to_hide(model, &hidden, *total, parts, threshold) {
                hidden[c] = true;
                changed = true;
            }
        }
    }
    (0..hidden.len())
        .map(|c| (!hidden[c]).then_some(model.values[c]))
        .collect()
}

fn next_to_hide<K>(
    model: &Model<K>,
    hidden: &[bool],
    total: usize,
    parts: &[usize],
    threshold: u64,
) -> Option<usize> {
    let value = |c: usize| model.values[c];
    let hidden_parts: Vec<usize> = parts.iter().copied().filter(|&p| hidden[p]).collect();
    let hidden_count = hidden_parts.len() + usize::from(hidden[total]);
    if hidden_count == 0 {
        return None;
    }
    let any_small = hidden_parts
        .iter()
        .any(|&p| 0 < value(p) && value(p) < threshold);
    let hidden_sum: u64 = hidden_parts.iter().map(|&p| value(p)).sum();
    let too_little = !hidden[total] && any_small && hidden_sum < threshold;
    if hidden_count >= 2 && !too_little {
        return None;
    }
    let shown_part = |nonzero: bool| {
        parts
            .iter()
            .copied()
            .filter(|&p| !hidden[p] && (value(p) > 0) == nonzero)
            .min_by_key(|&p| (value(p), p))
    };
    let total_if_useful = (!hidden[total] && value(total) > 0).then_some(total);
    shown_part(true)
        .or(total_if_useful)
        .or_else(|| shown_part(false))
        .or((!hidden[total]).then_some(total))
}
