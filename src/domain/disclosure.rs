//! Consistent suppression of small counts across every published table.
//!
//! A survey tool publishes counts of anonymous respondents. A count `v` with
//! `0 < v < threshold` must not be revealed. Hiding it in one table is not
//! enough: the same data appears in many overlapping tables (per round and for
//! all rounds, filtered and unfiltered, per option and answered totals), and a
//! viewer who combines them can recover a hidden count by subtraction. This
//! module knows every published cell and every additive relation among them
//! (`total = sum of parts`) and decides what to hide for all tables at once.
//!
//! # Guarantee
//!
//! Take the shown numbers, all relations and "every cell is `>= 0`", and
//! nothing else (in particular not the label "fewer than t"). Then
//!
//! * every hidden published cell can take at least two values (it is not
//!   pinned), and
//! * every small cell can take values spanning at least `threshold`
//!   (`max - min >= threshold`), so every value `1..threshold` stays possible.
//!
//! Unpublished cells are reasoned about like any other cell and never shown.
//! Those that count the answers of a group of people (the respondents who
//! skipped the filter question and what they answered, who did not choose an
//! option) are small cells like published ones: no combination of views may
//! narrow them either. Only *slack* cells, which count no answer (who skipped a
//! question), are not protected. Zeros are always shown: a zero says nothing
//! about anyone, and hiding zeros is never needed (see the last resort below).
//!
//! # How
//!
//! Safety is proven, not hoped for. A *move* adds `+1` or `-1` to some hidden
//! cells so that every relation stays balanced; shown cells never change.
//! Adding a multiple of a move to the true table, as long as no cell turns
//! negative, yields another table that agrees with everything shown. Such
//! tables are exact integer *certificates*: a cell's certified range is the
//! spread of its values over them. A small cell is protected by a move
//! through it whose *span* (smallest decreasing cell plus smallest increasing
//! one, the cell itself included) is at least the threshold: applied forwards
//! and backwards, the move changes each of its cells by that much. The engine
//! hides the cells of the move, which are then not pinned either. Hiding more
//! never invalidates a certificate, so small cells are protected one after
//! the other, and a move found for one often protects others on its way.
//!
//! Moves are found by a depth-first search that repairs one unbalanced
//! relation at a time, the one with the fewest options first, preferring
//! cells that repair two relations at once (the far corner of a cycle or
//! cube), then cells that are hidden already, then small numbers. It never
//! re-opens a relation it balanced and gives up after a fixed number of
//! steps, so the work per cell is bounded. When it finds no such move it
//! tries, in order: a move that only increases cells (like adding a
//! respondent, which exists whenever the counts come from individual
//! answers); a chain of moves that lowers the cell to zero and then raises
//! it; and as the last resort hiding every non-zero cell related to it,
//! directly or not. That is always safe: every multiple `>= 0` of the true
//! table then agrees with what is shown, which is only zeros.
//!
//! Protecting cells one by one hides more than needed, because later moves
//! often make earlier ones redundant. So the engine then tries to show each
//! hidden cell again, largest first: it drops the certificates that change
//! the cell, and shows it if every small cell keeps its range with the
//! remaining certificates or with new moves through cells that stay hidden.
//! The searches of this phase share a budget proportional to the table, so
//! the whole engine takes time roughly linear in the number of cells.
//!
//! The caller may also *hint* moves it knows from how the counts arise, such as one
//! respondent giving another answer to one question, which changes that question's cells
//! in every view the respondent is counted in and nothing else. Such moves keep many
//! relations balanced at once, where the search repairs one relation at a time and can
//! run out of steps (for example when every required question's answered count equals
//! the number of respondents). A hint is checked against every relation like any other
//! move and tried first.
//!
//! The engine never claims safety it cannot prove; when it misses a cheaper
//! protection it hides more than necessary. It is deterministic and uses no
//! floating point and no dependencies.
//!
//! A viewer knows every relation, so every relation that holds between
//! published cells must be given, inequalities too: "answered <=
//! respondents" is `respondents = answered + skipped` with a slack cell
//! `skipped`.

use std::collections::BTreeMap;

/// The largest count the engine accepts; keeps all internal arithmetic exact in `i64`.
pub const MAX_VALUE: u64 = 1 << 60;

/// Identifies a cell of a [`Table`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellId(u32);

/// What a viewer may be told about one published cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disclosure {
    /// The count may be shown as it is.
    Shown(u64),
    /// `0 < count < threshold`: shown only as "fewer than threshold".
    Small,
    /// Hidden although it is not small, because showing it would let a
    /// viewer compute or narrow down a small count (secondary suppression).
    Protecting,
}

/// One number of the underlying data.
#[derive(Clone, Copy, Debug)]
struct Cell {
    value: u64,
    seen: Seen,
}

/// Whether a cell is shown, and whether it must be protected when small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    /// Shown when that is safe.
    Published,
    /// Never shown; protected when small.
    Unpublished,
    /// Never shown, not protected: it counts no answer.
    Slack,
}

/// Every published cell and every additive relation among them.
///
/// Cells are identified by a key chosen by the caller; the same number shown
/// in two views must use the same key, because a viewer can recognise it.
#[derive(Debug)]
pub struct Table<K> {
    index: BTreeMap<K, CellId>,
    cells: Vec<Cell>,
    /// For each relation the cells with their coefficient: `+1` for the
    /// total, `-1` for each part, merged when a cell occurs twice.
    relations: Vec<Vec<(u32, i32)>>,
    /// Moves the caller knows, as `(cell, change)` with changes of `-1` or `+1`.
    hints: Vec<Vec<(u32, i8)>>,
}

impl<K: Ord> Default for Table<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Ord> Table<K> {
    /// An empty table.
    pub fn new() -> Self {
        Table {
            index: BTreeMap::new(),
            cells: Vec::new(),
            relations: Vec::new(),
            hints: Vec::new(),
        }
    }

    /// Adds a published cell, or returns the existing one with this key: the
    /// same number shown in two views is one cell.
    ///
    /// # Panics
    ///
    /// If the key exists with another value or as an unpublished cell, or if
    /// `value > MAX_VALUE`: either means the caller's model is inconsistent,
    /// and protection computed from it would not be trustworthy.
    pub fn cell(&mut self, key: K, value: u64) -> CellId {
        self.insert(
            key,
            Cell {
                value,
                seen: Seen::Published,
            },
        )
    }

    /// Adds a cell whose value no view publishes on its own, but that counts the answers
    /// of a group of people (for example the respondents who did not answer the filter
    /// question, or who did not choose an option). It takes part in relations, because a
    /// viewer can still reason about it; it is always hidden and never reported, and when
    /// it is small it keeps a range of the threshold like a published small cell.
    ///
    /// # Panics
    ///
    /// As [`Table::cell`].
    pub fn unpublished(&mut self, key: K, value: u64) -> CellId {
        self.insert(
            key,
            Cell {
                value,
                seen: Seen::Unpublished,
            },
        )
    }

    /// Adds an unpublished cell that counts no answer, such as who skipped a question
    /// (a slack that turns "answered <= respondents" into an equation). It takes part in
    /// relations but is neither reported nor protected.
    ///
    /// # Panics
    ///
    /// As [`Table::cell`].
    pub fn slack(&mut self, key: K, value: u64) -> CellId {
        self.insert(
            key,
            Cell {
                value,
                seen: Seen::Slack,
            },
        )
    }

    fn insert(&mut self, key: K, cell: Cell) -> CellId {
        assert!(cell.value <= MAX_VALUE, "count {} too large", cell.value);
        if let Some(&id) = self.index.get(&key) {
            let old = self.cells[id.0 as usize];
            assert!(
                old.value == cell.value && old.seen == cell.seen,
                "cell added twice with different values or publication"
            );
            return id;
        }
        let id = CellId(u32::try_from(self.cells.len()).expect("too many cells"));
        self.cells.push(cell);
        self.index.insert(key, id);
        id
    }

    /// The cell with this key, if it was added.
    pub fn id(&self, key: &K) -> Option<CellId> {
        self.index.get(key).copied()
    }

    /// Records that `value(total) = sum of value(parts)`.
    ///
    /// A viewer knows every relation, so every relation that holds between
    /// published cells must be given, inequalities too (as an equation with
    /// a [`Table::slack`] cell). Relations implied by others may be left
    /// out: they change nothing.
    ///
    /// # Panics
    ///
    /// If the values do not add up: the guarantee rests on the true table
    /// satisfying every relation.
    pub fn relation(&mut self, total: CellId, parts: &[CellId]) {
        let value = |id: CellId| u128::from(self.cells[id.0 as usize].value);
        let sum: u128 = parts.iter().map(|&p| value(p)).sum();
        assert_eq!(value(total), sum, "relation does not add up");
        let mut coefficients = BTreeMap::new();
        *coefficients.entry(total.0).or_insert(0) += 1;
        for part in parts {
            *coefficients.entry(part.0).or_insert(0) -= 1;
        }
        let members: Vec<(u32, i32)> = coefficients.into_iter().filter(|&(_, k)| k != 0).collect();
        if !members.is_empty() {
            self.relations.push(members);
        }
    }

    /// Suggests a move: cells that change by `-1` or `+1` together without upsetting any
    /// relation, like one respondent giving another answer. The engine tries hinted moves
    /// (forwards and backwards) before it searches for one; it checks each like a move it
    /// found, so a wrong hint can cost protection but never safety.
    ///
    /// # Panics
    ///
    /// In debug builds, if the move does not keep every relation balanced: the caller's
    /// idea of how the counts arise disagrees with its relations.
    pub fn hint(&mut self, change: &[(CellId, i8)]) {
        let mut merged: BTreeMap<u32, i32> = BTreeMap::new();
        for &(cell, sign) in change {
            *merged.entry(cell.0).or_insert(0) += i32::from(sign);
        }
        let Some(moves) = merged
            .into_iter()
            .filter(|&(_, k)| k != 0)
            .map(|(cell, k)| {
                i8::try_from(k)
                    .ok()
                    .filter(|k| k.abs() == 1)
                    .map(|k| (cell, k))
            })
            .collect::<Option<Vec<_>>>()
        else {
            debug_assert!(false, "a hinted move changes a cell by more than one");
            return;
        };
        if !moves.is_empty() {
            self.hints.push(moves);
        }
    }

    /// Decides what may be shown, so that the guarantee in the module
    /// documentation holds for counts below `threshold`.
    pub fn protect(&self, threshold: u64) -> Protected<'_, K> {
        let threshold = threshold.min(MAX_VALUE);
        let network = Network::new(&self.cells, &self.relations, &self.hints);
        let mut engine = Engine::new(&network, threshold as i64);
        engine.run();
        let states = self
            .cells
            .iter()
            .zip(engine.hidden())
            .map(
                |(cell, hidden)| match (cell.seen == Seen::Published, hidden) {
                    (false, _) => None,
                    (true, false) => Some(Disclosure::Shown(cell.value)),
                    (true, true) if 0 < cell.value && cell.value < threshold => {
                        Some(Disclosure::Small)
                    }
                    (true, true) => Some(Disclosure::Protecting),
                },
            )
            .collect();
        Protected {
            index: &self.index,
            states,
        }
    }
}

/// The outcome of [`Table::protect`]: what to show for each published cell.
/// It borrows the table for its keys.
#[derive(Debug)]
pub struct Protected<'a, K> {
    index: &'a BTreeMap<K, CellId>,
    states: Vec<Option<Disclosure>>,
}

impl<K: Ord> Protected<'_, K> {
    /// What to show for the cell with this key; `None` for unknown keys and
    /// unpublished cells.
    pub fn get(&self, key: &K) -> Option<Disclosure> {
        self.index.get(key).and_then(|&id| self.state(id))
    }

    /// What to show for this cell; `None` for unpublished cells.
    pub fn state(&self, id: CellId) -> Option<Disclosure> {
        self.states[id.0 as usize]
    }

    /// Every published cell with what to show for it, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, Disclosure)> {
        self.index
            .iter()
            .filter_map(|(key, &id)| self.state(id).map(|state| (key, state)))
    }
}

/// Rows of variable length stored in one vector: row `i` is
/// `items[start[i]..start[i + 1]]`. Keeps the hot search loops cache friendly.
struct Rows<T> {
    start: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy> Rows<T> {
    fn row(&self, i: usize) -> &[T] {
        &self.items[self.start[i]..self.start[i + 1]]
    }
}

/// The cells and relations in the shape the search needs.
struct Network {
    values: Vec<i64>,
    published: Vec<bool>,
    /// Whether the cell must keep a range when it is small (every cell but slack).
    protected: Vec<bool>,
    /// Relation to its members `(cell, coefficient)`.
    members: Rows<(u32, i32)>,
    /// Cell to the relations it is in `(relation, coefficient)`.
    memberships: Rows<(u32, i32)>,
    /// The hinted moves that keep every relation balanced, and per cell the hints
    /// through it.
    hints: Rows<(u32, i8)>,
    hints_of: Vec<Vec<u32>>,
}

impl Network {
    fn new(cells: &[Cell], relations: &[Vec<(u32, i32)>], hints: &[Vec<(u32, i8)>]) -> Self {
        let mut start = vec![0];
        let mut items = Vec::new();
        for relation in relations {
            items.extend_from_slice(relation);
            start.push(items.len());
        }
        let members = Rows { start, items };
        let mut counts = vec![0usize; cells.len() + 1];
        for &(cell, _) in &members.items {
            counts[cell as usize + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut items = vec![(0, 0); members.items.len()];
        for r in 0..relations.len() {
            for &(cell, k) in members.row(r) {
                items[fill[cell as usize]] = (r as u32, k);
                fill[cell as usize] += 1;
            }
        }
        let mut net = Network {
            values: cells.iter().map(|c| c.value as i64).collect(),
            published: cells.iter().map(|c| c.seen == Seen::Published).collect(),
            protected: cells.iter().map(|c| c.seen != Seen::Slack).collect(),
            members,
            memberships: Rows {
                start: counts,
                items,
            },
            hints: Rows {
                start: vec![0],
                items: Vec::new(),
            },
            hints_of: vec![Vec::new(); cells.len()],
        };
        for hint in hints {
            if net.is_balanced(hint) {
                let k = net.hints.start.len() as u32 - 1;
                for &(cell, _) in hint {
                    net.hints_of[cell as usize].push(k);
                }
                net.hints.items.extend_from_slice(hint);
                net.hints.start.push(net.hints.items.len());
            } else {
                debug_assert!(false, "a hinted move upsets a relation: {hint:?}");
            }
        }
        net
    }

    /// Whether a move keeps every relation it touches balanced.
    fn is_balanced(&self, moves: &[(u32, i8)]) -> bool {
        let mut imbalance: BTreeMap<u32, i64> = BTreeMap::new();
        for &(cell, sign) in moves {
            for &(r, k) in self.memberships.row(cell as usize) {
                *imbalance.entry(r).or_insert(0) += i64::from(k) * i64::from(sign);
            }
        }
        imbalance.values().all(|&d| d == 0)
    }

    fn cell_count(&self) -> usize {
        self.values.len()
    }

    fn relation_count(&self) -> usize {
        self.members.start.len() - 1
    }

    /// Small cells must keep a range of `threshold`, published or not; slack
    /// cells count no answer and need no range.
    fn is_small(&self, cell: usize, threshold: i64) -> bool {
        self.protected[cell] && 0 < self.values[cell] && self.values[cell] < threshold
    }
}

/// Nodes one move search may visit. Bounds the time per search; when a
/// search gives up, the caller tries another kind of move or hides more.
const SEARCH_NODES: u32 = 1_000;
/// Nodes a search for a move through hidden cells only may visit: such
/// searches run for the cells the engine tries to show again, and a move
/// through hidden cells is found quickly or not at all.
const RECERTIFY_NODES: u32 = 32;
/// Most small cells that may need a new certificate when a cell is shown
/// again; beyond that the engine does not try.
const MAX_RECERTIFY: usize = 8;
/// Nodes that searches for new certificates may use in all while cells are
/// shown again: a base plus one per [`CELLS_PER_RECERTIFY_NODE`] cells, so
/// that phase takes at most linear time.
const RECERTIFY_BASE: u64 = 10_000;
const CELLS_PER_RECERTIFY_NODE: u64 = 4;
/// Largest number of cells in one move.
const MAX_SUPPORT: usize = 64;

/// The protection state and the certified ranges.
struct Engine<'n> {
    net: &'n Network,
    threshold: i64,
    /// Largest and smallest certified change of each cell: some table that
    /// agrees with everything shown has `value + hi` (resp. `value + lo`).
    hi: Vec<i64>,
    lo: Vec<i64>,
    /// The certificates behind `hi` and `lo`.
    certificates: Certificates,
    /// Cells whose `point` may differ from the true value.
    touched: Vec<u32>,
    /// Relations and cells [`Engine::hide_component`] has visited.
    visited: (Vec<bool>, Vec<bool>),
    /// Owns the per-cell state (hidden, alternative table) the search reads.
    search: MoveSearch,
}

/// What one protection attempt through a chain of moves did, so it can be
/// committed or undone.
#[derive(Default)]
struct Attempt {
    newly_hidden: Vec<u32>,
    /// `(cell, change)` in every alternative table reached.
    changes: Vec<(u32, i64)>,
}

/// Certificates, each a set of alternative tables that agree with everything
/// shown, stored per cell it changes as `(cell, highest, lowest)` change
/// over the tables of the certificate (the true table included).
#[derive(Default)]
struct Certificates {
    cells: Vec<(u32, i64, i64)>,
    start: Vec<usize>,
}

impl Certificates {
    fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    fn get(&self, k: usize) -> &[(u32, i64, i64)] {
        &self.cells[self.start[k]..self.start[k + 1]]
    }

    /// Adds a certificate from `(cell, change)` pairs of its tables.
    fn push(&mut self, changes: &mut [(u32, i64)]) {
        if self.start.is_empty() {
            self.start.push(0);
        }
        changes.sort_unstable_by_key(|c| c.0);
        for group in changes.chunk_by(|a, b| a.0 == b.0) {
            let hi = group.iter().map(|c| c.1).max().unwrap_or(0).max(0);
            let lo = group.iter().map(|c| c.1).min().unwrap_or(0).min(0);
            if hi != lo {
                self.cells.push((group[0].0, hi, lo));
            }
        }
        self.start.push(self.cells.len());
    }
}

impl<'n> Engine<'n> {
    fn new(net: &'n Network, threshold: i64) -> Self {
        let cells = net.cell_count();
        let mut search = MoveSearch::new(net);
        for c in 0..cells {
            search.slots[c].hidden = !net.published[c] || net.is_small(c, threshold);
        }
        Engine {
            net,
            threshold,
            hi: vec![0; cells],
            lo: vec![0; cells],
            certificates: Certificates::default(),
            touched: Vec::new(),
            visited: (Vec::new(), Vec::new()),
            search,
        }
    }

    fn hidden(&self) -> impl Iterator<Item = bool> + '_ {
        self.search.slots.iter().map(|slot| slot.hidden)
    }

    fn run(&mut self) {
        for cell in 0..self.net.cell_count() {
            if self.net.is_small(cell, self.threshold) && !self.is_protected(cell) {
                self.protect_cell(cell);
            }
        }
        self.release();
    }

    fn is_protected(&self, cell: usize) -> bool {
        self.hi[cell] - self.lo[cell] >= self.threshold
    }

    /// Hidden to protect others: published, not small.
    fn is_protecting(&self, cell: usize) -> bool {
        let net = self.net;
        self.search.slots[cell].hidden && net.published[cell] && !net.is_small(cell, self.threshold)
    }

    /// Records a certificate given as `(cell, change)` in its tables.
    fn record(&mut self, changes: &mut [(u32, i64)]) {
        self.certificates.push(changes);
        let k = self.certificates.len() - 1;
        for &(c, hi, lo) in self.certificates.get(k) {
            let c = c as usize;
            self.hi[c] = self.hi[c].max(hi);
            self.lo[c] = self.lo[c].min(lo);
        }
    }

    /// Tries kinds of certificates from the most to the least economical.
    fn protect_cell(&mut self, cell: usize) {
        let done = self.protect_by_hint(cell, false)
            || self.protect_in_one_move(cell, false, false)
            || self.protect_in_one_move(cell, true, false)
            || self.protect_in_steps(cell, false);
        if !done {
            self.hide_component(cell);
        }
    }

    /// A single move through `cell` that, applied forwards and backwards
    /// from the true table, spans the threshold. With `only_plus` the move
    /// may only increase cells, like adding a respondent; then it can be
    /// applied forwards without limit. With `hidden_only` it may only use
    /// cells that are hidden already.
    fn protect_in_one_move(&mut self, cell: usize, only_plus: bool, hidden_only: bool) -> bool {
        let request = Request {
            cell,
            sign: 1,
            only_plus,
            hidden_only,
            span: self.threshold,
            want: self.threshold - self.net.values[cell],
        };
        let Some(found) = self.search.find(self.net, request) else {
            return false;
        };
        self.commit_move(&found);
        true
    }

    /// How far a move can be applied forwards (capped at the threshold: that is all a
    /// certificate needs) and backwards from the true table.
    fn reach(&self, found: &[(u32, i8)]) -> (i64, i64) {
        let values = &self.net.values;
        let least = |sign: i8| {
            let of_sign = found.iter().filter(|m| m.1 == sign);
            of_sign.map(|m| values[m.0 as usize]).min()
        };
        let forwards = least(-1).map_or(self.threshold, |v| v.min(self.threshold));
        (forwards, least(1).unwrap_or(0))
    }

    /// Hides the cells of a move and records the tables it reaches both ways.
    fn commit_move(&mut self, found: &[(u32, i8)]) {
        let (forwards, backwards) = self.reach(found);
        let mut changes = Vec::with_capacity(2 * found.len());
        for &(c, sign) in found {
            self.search.slots[c as usize].hidden = true;
            let sign = i64::from(sign);
            changes.extend([(c, sign * forwards), (c, -sign * backwards)]);
        }
        self.record(&mut changes);
    }

    /// The hinted moves through `cell`, turned so that it changes by `sign`, that may be
    /// used (every cell hidden or hideable; with `hidden_only`, hidden), each with how many
    /// cells it would newly hide.
    fn hinted(
        &self,
        cell: usize,
        sign: i8,
        hidden_only: bool,
    ) -> impl Iterator<Item = (usize, Vec<(u32, i8)>)> + '_ {
        let (net, slots) = (self.net, &self.search.slots);
        net.hints_of[cell].iter().filter_map(move |&k| {
            let hint = net.hints.row(k as usize);
            let own = hint.iter().find(|m| m.0 as usize == cell)?.1;
            let turned: Vec<(u32, i8)> = hint.iter().map(|&(c, s)| (c, s * own * sign)).collect();
            let usable = turned.iter().all(|m| {
                let slot = &slots[m.0 as usize];
                slot.hidden || (slot.hideable && !hidden_only)
            });
            let newly = turned
                .iter()
                .filter(|m| !slots[m.0 as usize].hidden)
                .count();
            usable.then_some((newly, turned))
        })
    }

    /// The hinted move through `cell` that spans the threshold and hides the fewest cells,
    /// committed.
    fn protect_by_hint(&mut self, cell: usize, hidden_only: bool) -> bool {
        let best = self
            .hinted(cell, 1, hidden_only)
            .filter(|(_, found)| {
                let (forwards, backwards) = self.reach(found);
                forwards + backwards >= self.threshold
            })
            .min_by_key(|(newly, _)| *newly);
        match best {
            Some((_, found)) => {
                self.commit_move(&found);
                true
            }
            None => false,
        }
    }

    /// A hinted move that changes `cell` by `sign` and can be applied at least once from
    /// the alternative table reached so far: the one that hides the fewest cells, then the
    /// one that goes furthest.
    fn hinted_step(&self, cell: usize, sign: i8, hidden_only: bool) -> Option<Vec<(u32, i8)>> {
        let slots = &self.search.slots;
        let limit = |found: &[(u32, i8)]| {
            let decreasing = found.iter().filter(|m| m.1 < 0);
            decreasing
                .map(|m| slots[m.0 as usize].point)
                .min()
                .unwrap_or(i64::MAX)
        };
        self.hinted(cell, sign, hidden_only)
            .map(|(newly, found)| ((newly, -limit(&found)), found))
            .filter(|((_, least), _)| *least <= -1)
            .min_by_key(|(score, _)| *score)
            .map(|(_, found)| found)
    }

    /// Certifies the range through chains of moves: first lowers the cell
    /// as far as possible (at most to zero), then raises it for the rest.
    /// Commits only if the whole range is reached. With `hidden_only` the
    /// moves may only use cells that are hidden already, and the range must
    /// come from this certificate alone.
    fn protect_in_steps(&mut self, cell: usize, hidden_only: bool) -> bool {
        let mut attempt = Attempt::default();
        let value = self.net.values[cell];
        let (hi, lo) = match hidden_only {
            true => (0, 0),
            false => (self.hi[cell], self.lo[cell]),
        };
        let down = if lo > -value {
            self.shift(cell, -1, value, hidden_only, &mut attempt)
        } else {
            0
        };
        let lowest = lo.min(-down);
        let wanted = self.threshold + lowest;
        let up = if hi < wanted {
            self.shift(cell, 1, wanted, hidden_only, &mut attempt)
        } else {
            0
        };
        let done = hi.max(up) - lowest >= self.threshold;
        if done {
            self.record(&mut attempt.changes);
        } else {
            for c in attempt.newly_hidden {
                self.search.slots[c as usize].hidden = false;
            }
        }
        done
    }

    /// Moves `cell` in direction `sign` by up to `amount` through a chain of
    /// moves, each applied as far as non-negativity allows; returns how far
    /// it got. Every intermediate table is recorded in the attempt.
    fn shift(
        &mut self,
        cell: usize,
        sign: i8,
        amount: i64,
        hidden_only: bool,
        attempt: &mut Attempt,
    ) -> i64 {
        let mut progress = 0;
        while progress < amount {
            let remaining = amount - progress;
            let request = Request {
                cell,
                sign,
                only_plus: false,
                hidden_only,
                span: 0,
                want: remaining,
            };
            let hinted = self.hinted_step(cell, sign, hidden_only);
            let Some(found) = hinted.or_else(|| self.search.find(self.net, request)) else {
                break;
            };
            let slots = &mut self.search.slots;
            let decreasing = found.iter().filter(|m| m.1 < 0);
            let limit = decreasing.map(|m| slots[m.0 as usize].point).min();
            let step = limit.unwrap_or(remaining).min(remaining);
            for &(c, s) in &found {
                let slot = &mut slots[c as usize];
                if !slot.hidden {
                    slot.hidden = true;
                    attempt.newly_hidden.push(c);
                }
                self.touched.push(c);
                slot.point += i64::from(s) * step;
            }
            self.touched.sort_unstable();
            self.touched.dedup();
            let values = &self.net.values;
            let table = self
                .touched
                .iter()
                .map(|&c| (c, slots[c as usize].point - values[c as usize]));
            attempt.changes.extend(table);
            progress += step;
        }
        for c in self.touched.drain(..) {
            self.search.slots[c as usize].point = self.net.values[c as usize];
        }
        progress
    }

    /// Last resort: hides every non-zero cell connected to `cell` through
    /// relations. The tables `0 * truth` and `threshold * truth` then agree
    /// with everything shown, which certifies every cell of the group.
    /// A group is hidden at most once, as that certifies all its cells, so
    /// the marks of visited cells and relations can stay: linear time in all.
    fn hide_component(&mut self, cell: usize) {
        let (seen, visited) = &mut self.visited;
        seen.resize(self.net.relation_count(), false);
        visited.resize(self.net.cell_count(), false);
        let mut stack = vec![cell];
        let mut changes = Vec::new();
        visited[cell] = true;
        while let Some(c) = stack.pop() {
            let value = self.net.values[c];
            if value > 0 {
                self.search.slots[c].hidden = true;
                let scaled = value.saturating_mul(self.threshold - 1);
                changes.extend([(c as u32, -value), (c as u32, scaled)]);
            }
            for &(r, _) in self.net.memberships.row(c) {
                if !std::mem::replace(&mut seen[r as usize], true) {
                    for &(other, _) in self.net.members.row(r as usize) {
                        if !std::mem::replace(&mut visited[other as usize], true) {
                            stack.push(other as usize);
                        }
                    }
                }
            }
        }
        self.record(&mut changes);
    }

    /// Shows again what the certificates turn out not to need. Cells were
    /// protected one by one, so later moves may make earlier ones redundant.
    /// For each hidden cell that is not small, largest first (margins are
    /// worth most to viewers), [`Engine::try_release`] tries to show it.
    fn release(&mut self) {
        let mut ledger = Ledger::new(&self.certificates, self.net.cell_count());
        let mut budget = RECERTIFY_BASE + self.net.cell_count() as u64 / CELLS_PER_RECERTIFY_NODE;
        let mut candidates: Vec<usize> = (0..self.net.cell_count())
            .filter(|&c| self.is_protecting(c))
            .collect();
        candidates.sort_by_key(|&c| (std::cmp::Reverse(self.net.values[c]), c));
        for cell in candidates {
            if self.search.slots[cell].hidden {
                self.try_release(cell, &mut ledger, &mut budget);
            }
        }
    }

    /// Shows `cell` if every small cell whose certificates change it keeps
    /// its range without them: from the remaining certificates, or from a
    /// new move through cells that stay hidden (for at most
    /// [`MAX_RECERTIFY`] cells, while `budget` nodes of search last). Then
    /// also shows the cells no certificate in use changes any more.
    fn try_release(&mut self, cell: usize, ledger: &mut Ledger, budget: &mut u64) {
        let mut dropped = std::mem::take(&mut ledger.dropped);
        dropped.clear();
        dropped.extend(ledger.live(cell).map(|(k, _, _)| k));
        for &k in &dropped {
            ledger.alive[k] = false;
        }
        let allowed = if *budget > 0 { MAX_RECERTIFY } else { 0 };
        let mut exposed = std::mem::take(&mut ledger.exposed);
        exposed.clear();
        'check: for &k in &dropped {
            for &(c, _, _) in self.certificates.get(k) {
                let c = c as usize;
                if self.net.is_small(c, self.threshold)
                    && !exposed.contains(&c)
                    && ledger.range(c) < self.threshold
                {
                    exposed.push(c);
                    if exposed.len() > allowed {
                        break 'check;
                    }
                }
            }
        }
        self.search.slots[cell].hidden = false;
        let first_new = self.certificates.len();
        let safe = exposed.len() <= allowed
            && exposed
                .iter()
                .all(|&c| ledger.range(c) >= self.threshold || self.recertify(c, ledger, budget));
        if safe {
            for &k in &dropped {
                ledger.retire(&self.certificates, k);
            }
            for &k in &dropped {
                for &(c, _, _) in self.certificates.get(k) {
                    if self.is_protecting(c as usize) && ledger.live_count[c as usize] == 0 {
                        self.search.slots[c as usize].hidden = false;
                    }
                }
            }
        } else {
            self.search.slots[cell].hidden = true;
            for &k in &dropped {
                ledger.alive[k] = true;
            }
            for k in first_new..self.certificates.len() {
                ledger.alive[k] = false;
                ledger.retire(&self.certificates, k);
            }
        }
        ledger.dropped = dropped;
        ledger.exposed = exposed;
    }

    /// A new certificate for a small cell that hides nothing more: one move,
    /// or else a chain of moves.
    fn recertify(&mut self, cell: usize, ledger: &mut Ledger, budget: &mut u64) -> bool {
        let first_new = self.certificates.len();
        let spent = self.search.spent;
        let found = self.protect_by_hint(cell, true)
            || self.protect_in_one_move(cell, false, true)
            || self.protect_in_steps(cell, true);
        *budget = budget.saturating_sub(self.search.spent - spent);
        for k in first_new..self.certificates.len() {
            ledger.add(&self.certificates, k);
        }
        found
    }
}

/// Which certificates are still in use, for showing cells again.
struct Ledger {
    /// Per cell: `(certificate, highest, lowest)` change.
    by_cell: Vec<Vec<(u32, i64, i64)>>,
    alive: Vec<bool>,
    /// Per cell: certificates that change it and were not retired.
    live_count: Vec<u32>,
    /// Buffers of [`Engine::try_release`].
    dropped: Vec<usize>,
    exposed: Vec<usize>,
}

impl Ledger {
    fn new(certificates: &Certificates, cells: usize) -> Self {
        let mut ledger = Ledger {
            by_cell: vec![Vec::new(); cells],
            alive: Vec::new(),
            live_count: vec![0; cells],
            dropped: Vec::new(),
            exposed: Vec::new(),
        };
        for k in 0..certificates.len() {
            ledger.add(certificates, k);
        }
        ledger
    }

    fn add(&mut self, certificates: &Certificates, k: usize) {
        for &(c, hi, lo) in certificates.get(k) {
            self.by_cell[c as usize].push((k as u32, hi, lo));
            self.live_count[c as usize] += 1;
        }
        self.alive.resize(k + 1, false);
        self.alive[k] = true;
    }

    /// Takes a certificate out of use for good.
    fn retire(&mut self, certificates: &Certificates, k: usize) {
        for &(c, _, _) in certificates.get(k) {
            self.live_count[c as usize] -= 1;
        }
    }

    /// The live certificates that change `cell`, with its highest and
    /// lowest change in each.
    fn live(&self, cell: usize) -> impl Iterator<Item = (usize, i64, i64)> + '_ {
        let all = self.by_cell[cell]
            .iter()
            .map(|&(k, hi, lo)| (k as usize, hi, lo));
        all.filter(|&(k, _, _)| self.alive[k])
    }

    /// The range of `cell` over the live certificates together.
    fn range(&self, cell: usize) -> i64 {
        let (hi, lo) = self
            .live(cell)
            .fold((0, 0), |(hi, lo), (_, h, l)| (hi.max(h), lo.min(l)));
        hi - lo
    }
}

/// A move to look for: one through `cell` changing it by `sign`.
#[derive(Clone, Copy)]
struct Request {
    cell: usize,
    sign: i8,
    /// Only increases besides `cell`: such a move (like adding a respondent)
    /// exists whenever the table comes from individual answers, and its
    /// search branches little, so it is a reliable fallback.
    only_plus: bool,
    /// Only cells that are hidden already.
    hidden_only: bool,
    /// Least span of the move: the smallest decreasing cell (unbounded if
    /// none) plus the smallest increasing one. Applied forwards and
    /// backwards, the move changes each of its cells by that much.
    span: i64,
    /// How far the caller wants to go; decreasing cells that allow it in one
    /// step are preferred.
    want: i64,
}

/// What the search knows of a cell, kept together for memory locality.
#[derive(Clone, Copy, Default)]
struct Slot {
    /// The cell's value in the alternative table being built.
    point: i64,
    /// How many of the cell's relations are balanced with cells in the
    /// move; such a cell may not join.
    closed: u32,
    /// Current change: -1, 0 or +1.
    sign: i8,
    hidden: bool,
    /// Non-zero: may be hidden.
    hideable: bool,
}

/// What the search knows of a relation.
#[derive(Clone, Copy)]
struct Balance {
    /// Sum of coefficient times change; zero when balanced.
    imbalance: i32,
    /// How many of its cells are in the move.
    changed: u32,
    /// Position in the list of unbalanced relations, if there.
    open_pos: u32,
}

/// One way to repair an unbalanced relation.
#[derive(Clone, Copy)]
struct Candidate {
    cell: u32,
    sign: i8,
    /// Change in the number of unbalanced relations (see [`MoveSearch::opens`]).
    opens: i32,
    /// Whether the cell would be newly hidden.
    hides: bool,
    /// Preference among otherwise equal candidates; lower is tried first.
    rank: i64,
}

/// Depth-first search for a move through a cell.
///
/// The search always repairs the unbalanced relation with the fewest
/// options, and tries first the cells that repair several relations at once
/// (the far corner of a cycle or cube), then cells that are hidden already,
/// then small numbers. It never re-opens a relation it balanced, which
/// keeps the moves simple (like cycles and cubes) and the search small. It
/// stops at the first move. Its buffers live across searches so that a search allocates
/// little.
struct MoveSearch {
    slots: Vec<Slot>,
    relations: Vec<Balance>,
    /// Unbalanced relations.
    open: Vec<u32>,
    path: Vec<(u32, i8)>,
    /// Per path prefix: smallest decreasing and increasing cell value.
    extremes: Vec<(i64, i64)>,
    frames: Vec<Candidate>,
    found: bool,
    nodes: u32,
    node_limit: u32,
    /// Nodes visited by all searches so far.
    spent: u64,
    request: Request,
}

const NOT_OPEN: u32 = u32::MAX;

impl MoveSearch {
    fn new(net: &Network) -> Self {
        let slots = net
            .values
            .iter()
            .map(|&value| Slot {
                point: value,
                hideable: value > 0,
                ..Slot::default()
            })
            .collect();
        let balanced = Balance {
            imbalance: 0,
            changed: 0,
            open_pos: NOT_OPEN,
        };
        MoveSearch {
            slots,
            relations: vec![balanced; net.relation_count()],
            open: Vec::new(),
            path: Vec::new(),
            extremes: Vec::new(),
            frames: Vec::new(),
            found: false,
            nodes: 0,
            node_limit: 0,
            spent: 0,
            request: Request {
                cell: 0,
                sign: 1,
                only_plus: false,
                hidden_only: false,
                span: 0,
                want: 0,
            },
        }
    }

    /// A move found within the node budget, as `(cell, sign)`.
    fn find(&mut self, net: &Network, request: Request) -> Option<Vec<(u32, i8)>> {
        if request.sign < 0 && self.slots[request.cell].point < 1 {
            return None;
        }
        self.request = request;
        self.found = false;
        self.nodes = 0;
        self.node_limit = if request.hidden_only {
            RECERTIFY_NODES
        } else {
            SEARCH_NODES
        };
        self.assign(net, request.cell as u32, request.sign);
        self.explore(net);
        self.spent += u64::from(self.nodes);
        let found = self.found.then(|| self.path.clone());
        while let Some(&(cell, _)) = self.path.last() {
            self.unassign(net, cell);
        }
        found
    }

    /// Completes the current partial move, backtracking when a relation
    /// cannot be repaired; on success leaves the move in `path`.
    fn explore(&mut self, net: &Network) {
        if self.open.is_empty() {
            self.found = true;
            return;
        }
        if self.nodes >= self.node_limit || self.path.len() >= MAX_SUPPORT {
            return;
        }
        self.nodes += 1;
        let Some(relation) = self.most_constrained(net) else {
            return;
        };
        let start = self.frames.len();
        self.push_candidates(net, relation);
        self.frames[start..].sort_by_key(|c| (c.opens, c.hides, c.rank, c.cell));
        for i in start..self.frames.len() {
            let candidate = self.frames[i];
            self.assign(net, candidate.cell, candidate.sign);
            self.explore(net);
            if self.found {
                break;
            }
            self.unassign(net, candidate.cell);
            if self.nodes >= self.node_limit {
                break;
            }
        }
        self.frames.truncate(start);
    }

    /// The unbalanced relation with the fewest ways to repair it, or `None`
    /// if the branch is dead: a relation cannot be repaired.
    fn most_constrained(&self, net: &Network) -> Option<usize> {
        let extremes = self.extremes[self.extremes.len() - 1];
        let mut best: Option<(usize, usize)> = None;
        for &r in &self.open {
            let r = r as usize;
            let imbalance = self.relations[r].imbalance;
            let enough = best.map_or(usize::MAX, |(n, _)| n);
            let count = net
                .members
                .row(r)
                .iter()
                .filter(|&&m| self.repair(imbalance, extremes, m).is_some())
                .take(enough)
                .count();
            match count {
                0 => return None,
                1 => return Some(r),
                n if n < enough => best = Some((n, r)),
                _ => {}
            }
        }
        best.map(|(_, r)| r)
    }

    fn push_candidates(&mut self, net: &Network, relation: usize) {
        let extremes = self.extremes[self.extremes.len() - 1];
        let imbalance = self.relations[relation].imbalance;
        for &member in net.members.row(relation) {
            if let Some((sign, hides)) = self.repair(imbalance, extremes, member) {
                let cell = member.0;
                let point = self.slots[cell as usize].point;
                self.frames.push(Candidate {
                    cell,
                    sign,
                    opens: self.opens(net, cell, sign),
                    hides,
                    rank: rank(hides, sign, point, self.request.want),
                });
            }
        }
    }

    /// How `member` (a cell with its coefficient) can reduce a relation's
    /// `imbalance`: its sign, and whether it would be newly hidden. `None`
    /// unless the cell may change: not in the move or in a balanced relation
    /// of it, hidden or hideable (zeros stay shown: a zero reveals nothing
    /// and hiding it is never needed), not below zero after a step of one,
    /// and keeping the requested span given the move's `extremes` so far.
    #[inline]
    fn repair(
        &self,
        imbalance: i32,
        extremes: (i64, i64),
        (cell, k): (u32, i32),
    ) -> Option<(i8, bool)> {
        let slot = &self.slots[cell as usize];
        if slot.sign != 0 || slot.closed > 0 {
            return None;
        }
        let request = &self.request;
        let hides = match (slot.hidden, slot.hideable && !request.hidden_only) {
            (true, _) => false,
            (false, true) => true,
            (false, false) => return None,
        };
        let sign: i8 = if (imbalance > 0) == (k > 0) { -1 } else { 1 };
        let repairs = (imbalance + k * i32::from(sign)).abs() < imbalance.abs();
        if !repairs || (sign < 0 && (request.only_plus || slot.point < 1)) {
            return None;
        }
        let (minus, plus) = with_cell(extremes, sign, slot.point);
        (minus.saturating_add(plus) >= request.span).then_some((sign, hides))
    }

    /// How many more relations would be unbalanced after changing `cell`:
    /// negative when it repairs several at once.
    fn opens(&self, net: &Network, cell: u32, sign: i8) -> i32 {
        let memberships = net.memberships.row(cell as usize);
        let change = |&(r, k): &(u32, i32)| {
            let imbalance = self.relations[r as usize].imbalance;
            let after = imbalance + k * i32::from(sign);
            i32::from(after != 0) - i32::from(imbalance != 0)
        };
        memberships.iter().map(change).sum()
    }

    fn assign(&mut self, net: &Network, cell: u32, sign: i8) {
        let slot = &mut self.slots[cell as usize];
        slot.sign = sign;
        let point = slot.point;
        self.path.push((cell, sign));
        let extremes = self
            .extremes
            .last()
            .copied()
            .unwrap_or((i64::MAX, i64::MAX));
        self.extremes.push(with_cell(extremes, sign, point));
        self.shift_imbalance(net, cell, i32::from(sign), true);
    }

    fn unassign(&mut self, net: &Network, cell: u32) {
        let sign = std::mem::replace(&mut self.slots[cell as usize].sign, 0);
        self.path.pop();
        self.extremes.pop();
        self.shift_imbalance(net, cell, -i32::from(sign), false);
    }

    /// Updates the relations of `cell` when it joins (`by` = its sign) or
    /// leaves (`by` = minus its sign) the move.
    fn shift_imbalance(&mut self, net: &Network, cell: u32, by: i32, joins: bool) {
        for &(r, k) in net.memberships.row(cell as usize) {
            let r = r as usize;
            let state = &mut self.relations[r];
            let was = state.imbalance;
            let was_closed = was == 0 && state.changed > 0;
            state.imbalance += k * by;
            state.changed = if joins {
                state.changed + 1
            } else {
                state.changed - 1
            };
            let now = state.imbalance;
            let closed = now == 0 && state.changed > 0;
            if (was == 0) != (now == 0) {
                self.toggle_open(r, now != 0);
            }
            if closed != was_closed {
                for &(member, _) in net.members.row(r) {
                    let count = &mut self.slots[member as usize].closed;
                    *count = if closed { *count + 1 } else { *count - 1 };
                }
            }
        }
    }

    fn toggle_open(&mut self, relation: usize, open: bool) {
        if open {
            self.relations[relation].open_pos = self.open.len() as u32;
            self.open.push(relation as u32);
        } else {
            let pos = std::mem::replace(&mut self.relations[relation].open_pos, NOT_OPEN) as usize;
            self.open.swap_remove(pos);
            if let Some(&moved) = self.open.get(pos) {
                self.relations[moved as usize].open_pos = pos as u32;
            }
        }
    }
}

/// Smallest decreasing and increasing values after adding a cell.
fn with_cell((minus, plus): (i64, i64), sign: i8, y: i64) -> (i64, i64) {
    if sign < 0 {
        (minus.min(y), plus)
    } else {
        (minus, plus.min(y))
    }
}

/// Order among otherwise equal candidates. Hidden cells: largest first,
/// so steps are long. Cells to hide: the smallest that allows the wanted
/// step when decreased, else the largest; smallest first when increased.
/// Small numbers carry the least information.
fn rank(hides: bool, sign: i8, y: i64, want: i64) -> i64 {
    match (hides, sign) {
        (false, _) => -y,
        (true, s) if s < 0 && y < want => MAX_VALUE as i64 * 2 - y,
        (true, _) => y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(protected: &Protected<'_, &str>, key: &str) -> bool {
        matches!(protected.get(&key), Some(Disclosure::Shown(_)))
    }

    #[test]
    fn nothing_small_shows_everything() {
        let mut table = Table::new();
        let total = table.cell("total", 30);
        let parts = [table.cell("a", 10), table.cell("b", 20)];
        table.relation(total, &parts);
        let protected = table.protect(5);
        assert!(["total", "a", "b"].iter().all(|k| shown(&protected, k)));
    }

    #[test]
    fn a_small_part_hides_a_second_part() {
        let mut table = Table::new();
        let total = table.cell("total", 32);
        let parts = [table.cell("a", 2), table.cell("b", 10), table.cell("c", 20)];
        table.relation(total, &parts);
        let protected = table.protect(5);
        assert_eq!(protected.get(&"a"), Some(Disclosure::Small));
        assert_eq!(protected.get(&"b"), Some(Disclosure::Protecting));
        assert!(shown(&protected, "c") && shown(&protected, "total"));
    }

    #[test]
    fn a_hinted_move_is_preferred_to_searching() {
        let mut table = Table::new();
        let total = table.cell("total", 32);
        let parts = [table.cell("a", 2), table.cell("b", 10), table.cell("c", 20)];
        table.relation(total, &parts);
        table.hint(&[(parts[0], -1), (parts[2], 1)]);
        let protected = table.protect(5);
        assert_eq!(protected.get(&"a"), Some(Disclosure::Small));
        assert_eq!(protected.get(&"c"), Some(Disclosure::Protecting));
        assert!(shown(&protected, "b") && shown(&protected, "total"));
    }

    #[test]
    fn a_hint_that_cannot_span_the_threshold_is_not_used() {
        let mut table = Table::new();
        let total = table.cell("total", 15);
        let parts = [table.cell("a", 2), table.cell("b", 1), table.cell("c", 12)];
        table.relation(total, &parts);
        // Moving a respondent between the two small cells leaves a + b = 3 shown.
        table.hint(&[(parts[0], -1), (parts[1], 1)]);
        let protected = table.protect(5);
        assert_eq!(protected.get(&"c"), Some(Disclosure::Protecting));
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "upsets a relation")]
    fn a_hint_that_breaks_a_sum_is_a_bug_of_the_caller() {
        let mut table = Table::new();
        let total = table.cell("total", 32);
        let parts = [table.cell("a", 2), table.cell("b", 30)];
        table.relation(total, &parts);
        table.hint(&[(parts[0], 1)]);
        table.protect(5);
    }

    #[test]
    fn unpublished_cells_are_not_reported() {
        let mut table = Table::new();
        let total = table.cell("total", 12);
        let parts = [table.cell("a", 2), table.unpublished("rest", 10)];
        table.relation(total, &parts);
        let protected = table.protect(5);
        assert_eq!(protected.get(&"rest"), None);
        assert_eq!(protected.get(&"a"), Some(Disclosure::Small));
        assert!(shown(&protected, "total"));
    }

    #[test]
    fn a_small_unpublished_group_cannot_be_worked_out() {
        // Two of 20 skipped the filter question; 18 answered it. Showing both would tell
        // that the rest is 2.
        let mut table = Table::new();
        let total = table.cell("everyone", 20);
        let parts = [
            table.cell("answered the filter", 18),
            table.unpublished("rest", 2),
        ];
        table.relation(total, &parts);
        let protected = table.protect(5);
        assert_eq!(protected.get(&"rest"), None);
        assert!(!shown(&protected, "everyone") || !shown(&protected, "answered the filter"));
    }

    #[test]
    fn slack_is_neither_reported_nor_protected() {
        let mut table = Table::new();
        let total = table.cell("respondents", 20);
        let parts = [table.cell("answered", 18), table.slack("skipped", 2)];
        table.relation(total, &parts);
        let protected = table.protect(5);
        assert_eq!(protected.get(&"skipped"), None);
        assert!(shown(&protected, "respondents") && shown(&protected, "answered"));
    }

    #[test]
    #[should_panic(expected = "does not add up")]
    fn inconsistent_relations_are_rejected() {
        let mut table = Table::new();
        let total = table.cell("total", 3);
        let part = table.cell("a", 2);
        table.relation(total, &[part]);
    }
}
