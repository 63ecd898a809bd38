//! Matching the sealed codes of two rounds: the same young person in both, one-to-one, when
//! at most `tolerance` parts differ.
//!
//! Only sealed part values (keyed hashes) come in; which answer a hash stands for is not
//! known here, and does not need to be: two answers are the same exactly when their hashes
//! are.
//!
//! The rules, in order:
//! 1. Codes that appear more than once within a round (all parts the same) cannot be told
//!    apart: all of them stay unmatched, counted as duplicates.
//! 2. The distance of two codes is the number of parts (of both rounds together) whose
//!    answers differ or were not asked in one of the rounds.
//! 3. A response of the first round and one of the second are matched when each is the
//!    other's one nearest code within the tolerance. A response with codes within the
//!    tolerance but no such partner is ambiguous, one without any is unmatched.

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One response's sealed code: part key → sealed answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coded {
    pub response: i64,
    pub parts: BTreeMap<String, String>,
}

/// Two responses taken to be the same person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub first: i64,
    pub second: i64,
    /// How many parts differ (0 ..= tolerance).
    pub differences: u8,
}

/// What became of the codes of one round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Left {
    /// Codes that appear more than once in the round.
    pub duplicates: u64,
    /// Codes with more than one candidate and no one nearest partner.
    pub ambiguous: u64,
    /// Codes with no candidate within the tolerance.
    pub unmatched: u64,
}

/// The outcome of matching two rounds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    pub pairs: Vec<Pair>,
    pub first: Left,
    pub second: Left,
}

impl Matching {
    /// How many pairs differ in exactly `d` parts.
    pub fn with_differences(&self, d: u8) -> u64 {
        self.pairs.iter().filter(|p| p.differences == d).count() as u64
    }
}

/// The number of parts in which two codes differ (a part one of them lacks differs).
pub fn distance(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> usize {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| match (a.get(*k), b.get(*k)) {
            (Some(x), Some(y)) => x != y,
            _ => true,
        })
        .count()
}

/// Splits the codes of a round into those that are unique and the number of duplicates.
fn unique(codes: &[Coded]) -> (Vec<&Coded>, u64) {
    let mut seen: HashMap<&BTreeMap<String, String>, usize> = HashMap::new();
    for c in codes {
        *seen.entry(&c.parts).or_default() += 1;
    }
    let kept: Vec<&Coded> = codes.iter().filter(|c| seen[&c.parts] == 1).collect();
    let duplicates = (codes.len() - kept.len()) as u64;
    (kept, duplicates)
}

/// Candidate search by blocking: split the part keys into `tolerance + 1` groups; two codes
/// with at most `tolerance` differences agree completely on at least one group, so only
/// codes sharing a group's answers need comparing (pigeonhole).
struct Blocks<'a> {
    groups: Vec<Vec<&'a str>>,
    buckets: Vec<HashMap<Vec<&'a str>, Vec<usize>>>,
}

impl<'a> Blocks<'a> {
    fn new(keys: &[&'a str], tolerance: u8, codes: &[&'a Coded]) -> Self {
        let n = (usize::from(tolerance) + 1).min(keys.len().max(1));
        let mut groups: Vec<Vec<&str>> = vec![Vec::new(); n];
        for (i, k) in keys.iter().enumerate() {
            groups[i % n].push(k);
        }
        let buckets = groups
            .iter()
            .map(|group| {
                let mut bucket: HashMap<Vec<&str>, Vec<usize>> = HashMap::new();
                for (i, c) in codes.iter().enumerate() {
                    if let Some(values) = Self::values(group, c) {
                        bucket.entry(values).or_default().push(i);
                    }
                }
                bucket
            })
            .collect();
        Blocks { groups, buckets }
    }

    fn values(group: &[&'a str], code: &'a Coded) -> Option<Vec<&'a str>> {
        group
            .iter()
            .map(|k| code.parts.get(*k).map(String::as_str))
            .collect()
    }

    fn candidates(&self, code: &'a Coded) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for (group, bucket) in self.groups.iter().zip(&self.buckets) {
            if let Some(found) = Self::values(group, code).and_then(|v| bucket.get(&v)) {
                out.extend(found);
            }
        }
        out
    }
}

/// For each code of `from`, its candidates in `to` within the tolerance as (index, distance).
fn neighbours<'a>(
    from: &[&'a Coded],
    to: &[&'a Coded],
    keys: &[&'a str],
    tolerance: u8,
) -> Vec<Vec<(usize, usize)>> {
    let blocks = Blocks::new(keys, tolerance, to);
    from.iter()
        .map(|a| {
            blocks
                .candidates(a)
                .into_iter()
                .map(|j| (j, distance(&a.parts, &to[j].parts)))
                .filter(|(_, d)| *d <= usize::from(tolerance))
                .collect()
        })
        .collect()
}

/// The one nearest candidate, if there is one nearest.
fn nearest(candidates: &[(usize, usize)]) -> Option<(usize, usize)> {
    let best = candidates.iter().map(|(_, d)| *d).min()?;
    let mut at_best = candidates.iter().filter(|(_, d)| *d == best);
    let first = *at_best.next()?;
    at_best.next().is_none().then_some(first)
}

/// Matches the codes of two rounds (see the module's rules).
pub fn match_rounds(first: &[Coded], second: &[Coded], tolerance: u8) -> Matching {
    let (a, first_duplicates) = unique(first);
    let (b, second_duplicates) = unique(second);
    let keys: BTreeSet<&str> = first
        .iter()
        .chain(second)
        .flat_map(|c| c.parts.keys().map(String::as_str))
        .collect();
    let keys: Vec<&str> = keys.into_iter().collect();
    let forward = neighbours(&a, &b, &keys, tolerance);
    let backward = neighbours(&b, &a, &keys, tolerance);

    let mut matching = Matching::default();
    let mut paired_b = vec![false; b.len()];
    for (i, candidates) in forward.iter().enumerate() {
        let mutual = nearest(candidates)
            .filter(|(j, _)| nearest(&backward[*j]).is_some_and(|(back, _)| back == i));
        match mutual {
            Some((j, d)) => {
                paired_b[j] = true;
                matching.pairs.push(Pair {
                    first: a[i].response,
                    second: b[j].response,
                    differences: d as u8,
                });
            }
            None if candidates.is_empty() => matching.first.unmatched += 1,
            None => matching.first.ambiguous += 1,
        }
    }
    for (j, candidates) in backward.iter().enumerate() {
        if paired_b[j] {
            continue;
        }
        if candidates.is_empty() {
            matching.second.unmatched += 1;
        } else {
            matching.second.ambiguous += 1;
        }
    }
    matching.first.duplicates = first_duplicates;
    matching.second.duplicates = second_duplicates;
    matching
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coded(response: i64, code: &str) -> Coded {
        Coded {
            response,
            parts: code
                .chars()
                .enumerate()
                .filter(|(_, c)| *c != '_')
                .map(|(i, c)| (format!("p{i}"), c.to_string()))
                .collect(),
        }
    }

    #[test]
    fn exact_and_near_codes_match_one_to_one() {
        let first = [coded(1, "ABCDEF"), coded(2, "GHIJKL"), coded(3, "MNOPQR")];
        let second = [
            coded(11, "ABCDEF"),
            coded(12, "GHIJKX"),
            coded(13, "ZZZZZZ"),
        ];
        let m = match_rounds(&first, &second, 1);
        assert_eq!(
            m.pairs,
            vec![
                Pair {
                    first: 1,
                    second: 11,
                    differences: 0
                },
                Pair {
                    first: 2,
                    second: 12,
                    differences: 1
                }
            ]
        );
        assert_eq!(m.first.unmatched, 1);
        assert_eq!(m.second.unmatched, 1);
        // With no tolerance the near one stays apart.
        assert_eq!(match_rounds(&first, &second, 0).pairs.len(), 1);
    }

    #[test]
    fn ambiguous_and_duplicate_codes_stay_unmatched_and_are_counted() {
        // 2 is as near to 12 as to 13: nobody can tell which is the same person.
        let first = [coded(1, "AAAAAA"), coded(9, "AAAAAA"), coded(2, "BBBBBB")];
        let second = [
            coded(11, "AAAAAA"),
            coded(12, "BBBBBX"),
            coded(13, "BBBBBY"),
        ];
        let m = match_rounds(&first, &second, 1);
        assert!(m.pairs.is_empty(), "{:?}", m.pairs);
        assert_eq!(m.first.duplicates, 2);
        assert_eq!(m.first.ambiguous, 1);
        assert_eq!(m.second.ambiguous, 2);
        assert_eq!(m.second.unmatched, 1);
    }

    #[test]
    fn a_nearer_candidate_wins_and_each_response_is_used_once() {
        let first = [coded(1, "ABCDEF"), coded(2, "ABCDEX")];
        let second = [coded(11, "ABCDEF")];
        let m = match_rounds(&first, &second, 1);
        assert_eq!(m.pairs.len(), 1);
        assert_eq!((m.pairs[0].first, m.pairs[0].second), (1, 11));
        assert_eq!(m.first.ambiguous, 1);
    }

    #[test]
    fn a_part_asked_in_one_round_only_counts_as_a_difference() {
        let a = coded(1, "ABCDE_");
        let b = coded(2, "ABCDEF");
        assert_eq!(distance(&a.parts, &b.parts), 1);
        assert_eq!(
            match_rounds(std::slice::from_ref(&a), std::slice::from_ref(&b), 1)
                .pairs
                .len(),
            1
        );
        assert!(match_rounds(&[a], &[b], 0).pairs.is_empty());
    }

    #[test]
    fn blocking_finds_every_pair_a_full_comparison_finds() {
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let mut rng = StdRng::seed_from_u64(7);
        let letters = b"ABC";
        let code = |rng: &mut StdRng| -> String {
            (0..6)
                .map(|_| letters[rng.random_range(0..3)] as char)
                .collect()
        };
        let first: Vec<Coded> = (0..120).map(|i| coded(i, &code(&mut rng))).collect();
        let second: Vec<Coded> = (0..120).map(|i| coded(1000 + i, &code(&mut rng))).collect();
        for tolerance in 0..=3 {
            let m = match_rounds(&first, &second, tolerance);
            // The same rules by brute force.
            let (a, _) = unique(&first);
            let (b, _) = unique(&second);
            let near = |x: &Coded, ys: &[&Coded]| -> Vec<(usize, usize)> {
                ys.iter()
                    .enumerate()
                    .map(|(j, y)| (j, distance(&x.parts, &y.parts)))
                    .filter(|(_, d)| *d <= usize::from(tolerance))
                    .collect()
            };
            let expected: Vec<(i64, i64)> = a
                .iter()
                .enumerate()
                .filter_map(|(i, x)| {
                    let (j, _) = nearest(&near(x, &b))?;
                    let (back, _) = nearest(&near(b[j], &a))?;
                    (back == i).then_some((x.response, b[j].response))
                })
                .collect();
            let got: Vec<(i64, i64)> = m.pairs.iter().map(|p| (p.first, p.second)).collect();
            assert_eq!(got, expected, "tolerance {tolerance}");
        }
    }
}
