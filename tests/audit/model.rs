//! A neutral description of published cells and relations, shared by the
//! engine under test, the reference heuristic and the LP auditor.

use samenspraak::domain::disclosure::{Disclosure, Table};
use std::collections::BTreeMap;
use std::fmt::Debug;

/// True values, publication flags and relations `(total, parts)`.
#[derive(Debug)]
pub struct Model<K> {
    pub keys: Vec<K>,
    pub values: Vec<u64>,
    pub published: Vec<bool>,
    pub relations: Vec<(usize, Vec<usize>)>,
    index: BTreeMap<K, usize>,
}

impl<K: Ord + Clone + Debug> Model<K> {
    pub fn new() -> Self {
        Model {
            keys: Vec::new(),
            values: Vec::new(),
            published: Vec::new(),
            relations: Vec::new(),
            index: BTreeMap::new(),
        }
    }

    /// Adds a cell or returns the existing one with this key.
    pub fn cell(&mut self, key: K, value: u64, published: bool) -> usize {
        if let Some(&i) = self.index.get(&key) {
            assert_eq!(self.values[i], value, "{key:?}");
            return i;
        }
        let i = self.keys.len();
        self.index.insert(key.clone(), i);
        self.keys.push(key);
        self.values.push(value);
        self.published.push(published);
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

    /// Runs the engine: the shown value of each cell, `None` if hidden.
    pub fn protect(&self, threshold: u64) -> Vec<Option<u64>> {
        let mut table = Table::new();
        let ids: Vec<_> = (0..self.len())
            .map(|i| match self.published[i] {
                true => table.cell(self.keys[i].clone(), self.values[i]),
                false => table.unpublished(self.keys[i].clone(), self.values[i]),
            })
            .collect();
        for (total, parts) in &self.relations {
            let parts: Vec<_> = parts.iter().map(|&p| ids[p]).collect();
            table.relation(ids[*total], &parts);
        }
        let protected = table.protect(threshold);
        ids.iter()
            .map(|&id| match protected.state(id) {
                Some(Disclosure::Shown(v)) => Some(v),
                _ => None,
            })
            .collect()
    }

    /// What the viewer sees: `(shown value, published)` per cell.
    pub fn view(&self, shown: &[Option<u64>]) -> Vec<(Option<u64>, bool)> {
        shown
            .iter()
            .copied()
            .zip(self.published.iter().copied())
            .collect()
    }

    /// Share of published cells with a value of at least `threshold` that stay shown.
    pub fn kept(&self, shown: &[Option<u64>], threshold: u64) -> (usize, usize) {
        let large = (0..self.len()).filter(|&i| self.published[i] && self.values[i] >= threshold);
        large.fold((0, 0), |(kept, all), i| {
            (kept + usize::from(shown[i].is_some()), all + 1)
        })
    }
}
