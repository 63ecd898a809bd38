//! A neutral description of published cells and relations, shared by the
//! engine under test, the reference heuristic and the LP auditor.

use super::lp::Seen;
use samenspraak::domain::disclosure::{CellId, Disclosure, Table};
use std::collections::BTreeMap;
use std::fmt::Debug;

/// True values, how each cell is seen and relations `(total, parts)`.
#[derive(Debug)]
pub struct Model<K> {
    pub keys: Vec<K>,
    pub values: Vec<u64>,
    pub seen: Vec<Seen>,
    pub relations: Vec<(usize, Vec<usize>)>,
    index: BTreeMap<K, usize>,
}

impl<K: Ord + Clone + Debug> Model<K> {
    pub fn new() -> Self {
        Model {
            keys: Vec::new(),
            values: Vec::new(),
            seen: Vec::new(),
            relations: Vec::new(),
            index: BTreeMap::new(),
        }
    }

    /// Adds a published or unpublished cell, or returns the existing one with this key.
    pub fn cell(&mut self, key: K, value: u64, published: bool) -> usize {
        let seen = match published {
            true => Seen::Published,
            false => Seen::Unpublished,
        };
        self.add(key, value, seen)
    }

    /// Adds a slack cell (it counts no answer), or returns the existing one with this key.
    pub fn slack(&mut self, key: K, value: u64) -> usize {
        self.add(key, value, Seen::Slack)
    }

    fn add(&mut self, key: K, value: u64, seen: Seen) -> usize {
        if let Some(&i) = self.index.get(&key) {
            assert_eq!(self.values[i], value, "{key:?}");
            return i;
        }
        let i = self.keys.len();
        self.index.insert(key.clone(), i);
        self.keys.push(key);
        self.values.push(value);
        self.seen.push(seen);
        i
    }

    pub fn id(&self, key: &K) -> usize {
        self.index[key]
    }

    pub fn relation(&mut self, total: usize, parts: Vec<usize>) {
        self.relations.push((total, parts));
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Adds every cell (under `key` of its key) and every relation to an engine's table.
    pub fn add_to<T: Ord>(&self, table: &mut Table<T>, key: impl Fn(&K) -> T) -> Vec<CellId> {
        let ids: Vec<_> = (0..self.len())
            .map(|i| {
                let (key, value) = (key(&self.keys[i]), self.values[i]);
                match self.seen[i] {
                    Seen::Published => table.cell(key, value),
                    Seen::Unpublished => table.unpublished(key, value),
                    Seen::Slack => table.slack(key, value),
                }
            })
            .collect();
        for (total, parts) in &self.relations {
            let parts: Vec<_> = parts.iter().map(|&p| ids[p]).collect();
            table.relation(ids[*total], &parts);
        }
        ids
    }

    /// Runs the engine: the shown value of each cell, `None` if hidden.
    pub fn protect(&self, threshold: u64) -> Vec<Option<u64>> {
        let mut table = Table::new();
        let ids = self.add_to(&mut table, K::clone);
        let protected = table.protect(threshold);
        ids.iter()
            .map(|&id| match protected.state(id) {
                Some(Disclosure::Shown(v)) => Some(v),
                _ => None,
            })
            .collect()
    }

    /// What the viewer sees: `(shown value, how it is seen)` per cell.
    pub fn view(&self, shown: &[Option<u64>]) -> Vec<(Option<u64>, Seen)> {
        shown
            .iter()
            .copied()
            .zip(self.seen.iter().copied())
            .collect()
    }

    /// Share of published cells with a value of at least `threshold` that stay shown.
    pub fn kept(&self, shown: &[Option<u64>], threshold: u64) -> (usize, usize) {
        let large = (0..self.len())
            .filter(|&i| self.seen[i] == Seen::Published && self.values[i] >= threshold);
        large.fold((0, 0), |(kept, all), i| {
            (kept + usize::from(shown[i].is_some()), all + 1)
        })
    }
}
