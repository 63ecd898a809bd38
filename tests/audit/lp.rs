//! The auditor: an independent check of a suppression pattern with linear
//! programming (good_lp with the pure-Rust microlp backend).
//!
//! For a hidden cell, the smallest and largest value consistent with the
//! shown numbers, the relations and non-negativity are two LPs. The hidden
//! cells split into groups that share no relation; each LP only needs its
//! group, which keeps the problems small.

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable, microlp,
    variable,
};

const TOLERANCE: f64 = 1e-6;

/// What a viewer is told of a cell, and what the auditor demands of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// A view shows it when it is safe: hidden, it must not be pinned.
    Published,
    /// No view shows it, but it counts the answers of a group of people: when
    /// small it must keep a range of the threshold like a published cell.
    Unpublished,
    /// No view shows it and it counts no answer (who skipped a question): only
    /// reasoned about.
    Slack,
}

/// The LP of one group of hidden cells that share relations.
struct Group {
    /// Model cell index of each LP variable.
    cells: Vec<usize>,
    /// `sum(coefficient * variable) = rhs`, variables as indices into `cells`.
    equations: Vec<(Vec<(usize, f64)>, f64)>,
}

/// An optimum: the objective and the whole solution, or `None` if unbounded.
type Optimum = Option<(f64, Vec<f64>)>;

impl Group {
    fn optimise(&self, var: usize, maximise: bool) -> Optimum {
        let mut problem = ProblemVariables::new();
        let vars: Vec<Variable> = self
            .cells
            .iter()
            .map(|_| problem.add(variable().min(0)))
            .collect();
        let objective: Expression = vars[var].into();
        let unsolved = match maximise {
            true => problem.maximise(objective),
            false => problem.minimise(objective),
        };
        let mut model = unsolved.using(microlp);
        for (terms, rhs) in &self.equations {
            let lhs: Expression = terms.iter().map(|&(v, k)| k * vars[v]).sum();
            model = model.with(lhs.eq(*rhs));
        }
        match model.solve() {
            Ok(solution) => {
                let values: Vec<f64> = vars.iter().map(|&v| solution.value(v)).collect();
                Some((values[var], values))
            }
            Err(ResolutionError::Unbounded) => None,
            Err(e) => panic!("the true table is feasible, yet the LP says {e}"),
        }
    }
}

/// Splits the hidden cells into groups linked by relations, with each
/// relation's shown members moved to the right-hand side.
fn groups(cells: &[(Option<u64>, Seen)], relations: &[(usize, Vec<usize>)]) -> Vec<Group> {
    let mut parent: Vec<usize> = (0..cells.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let signed = |(total, parts): &(usize, Vec<usize>)| {
        let mut terms = vec![(*total, 1.0)];
        terms.extend(parts.iter().map(|&p| (p, -1.0)));
        terms
    };
    for relation in relations {
        let hidden: Vec<usize> = signed(relation)
            .iter()
            .map(|t| t.0)
            .filter(|&c| cells[c].0.is_none())
            .collect();
        for pair in hidden.windows(2) {
            let (a, b) = (root(&mut parent, pair[0]), root(&mut parent, pair[1]));
            parent[a] = b;
        }
    }
    let mut group_of = vec![usize::MAX; cells.len()];
    let mut groups: Vec<Group> = Vec::new();
    let mut position = vec![0; cells.len()];
    for c in (0..cells.len()).filter(|&c| cells[c].0.is_none()) {
        let r = root(&mut parent, c);
        if group_of[r] == usize::MAX {
            group_of[r] = groups.len();
            groups.push(Group {
                cells: Vec::new(),
                equations: Vec::new(),
            });
        }
        let g = &mut groups[group_of[r]];
        position[c] = g.cells.len();
        g.cells.push(c);
    }
    for relation in relations {
        let terms = signed(relation);
        let Some(&(first, _)) = terms.iter().find(|t| cells[t.0].0.is_none()) else {
            continue;
        };
        let rhs: f64 = terms
            .iter()
            .filter_map(|&(c, k)| cells[c].0.map(|v| -k * v as f64))
            .sum();
        let lhs = terms
            .iter()
            .filter(|t| cells[t.0].0.is_none())
            .map(|&(c, k)| (position[c], k))
            .collect();
        groups[group_of[root(&mut parent, first)]]
            .equations
            .push((lhs, rhs));
    }
    groups
}

/// For every hidden cell, the smallest and largest value consistent with all
/// shown numbers, the relations and `cells >= 0` (`f64::INFINITY` if
/// unbounded); `None` for shown cells. `cells[i]` is `(shown value or None,
/// how it is seen)`; relations are `(total, parts)`.
pub fn feasible_ranges(
    cells: &[(Option<u64>, Seen)],
    relations: &[(usize, Vec<usize>)],
) -> Vec<Option<(f64, f64)>> {
    let mut ranges = vec![None; cells.len()];
    for group in groups(cells, relations) {
        for (var, &cell) in group.cells.iter().enumerate() {
            let min = group.optimise(var, false).map_or(0.0, |o| o.0);
            let max = group.optimise(var, true).map_or(f64::INFINITY, |o| o.0);
            ranges[cell] = Some((min, max));
        }
    }
    ranges
}

/// Fails if a small published cell is shown, a shown value is wrong, a hidden
/// published cell is pinned (feasible range below 0.5) or a small cell's
/// feasible range is below `threshold`, whether the cell is published or not:
/// a small group that no view shows (those who skipped the filter question,
/// say) must not be worked out from the views that are shown either. Slack
/// cells are only reasoned about.
///
/// Solves LPs only where needed: every LP solution is a feasible table, so a
/// cell whose values over the tables seen so far (starting with the truth)
/// already span enough cannot fail and is skipped.
pub fn audit(
    truth: &[u64],
    cells: &[(Option<u64>, Seen)],
    relations: &[(usize, Vec<usize>)],
    threshold: u64,
) -> Result<(), String> {
    for (i, &(shown, seen)) in cells.iter().enumerate() {
        match shown {
            Some(_) if seen != Seen::Published => {
                return Err(format!("unpublished cell {i} is shown"));
            }
            Some(v) if v != truth[i] => {
                return Err(format!("cell {i} shows {v}, truth {}", truth[i]));
            }
            Some(v) if 0 < v && v < threshold => {
                return Err(format!("small cell {i} = {v} is shown"));
            }
            _ => {}
        }
    }
    for group in groups(cells, relations) {
        audit_group(&group, truth, cells, threshold)?;
    }
    Ok(())
}

fn audit_group(
    group: &Group,
    truth: &[u64],
    cells: &[(Option<u64>, Seen)],
    threshold: u64,
) -> Result<(), String> {
    let mut low: Vec<f64> = group.cells.iter().map(|&c| truth[c] as f64).collect();
    let mut high = low.clone();
    fn see(solution: &[f64], low: &mut [f64], high: &mut [f64]) {
        for (v, &x) in solution.iter().enumerate() {
            low[v] = low[v].min(x);
            high[v] = high[v].max(x);
        }
    }
    for (var, &cell) in group.cells.iter().enumerate() {
        let small = 0 < truth[cell] && truth[cell] < threshold;
        let need = match (small, cells[cell].1) {
            (_, Seen::Slack) => continue,
            (true, _) => threshold as f64,
            (false, Seen::Published) => 0.5,
            (false, Seen::Unpublished) => continue,
        };
        if high[var] - low[var] >= need + TOLERANCE {
            continue;
        }
        let max = match group.optimise(var, true) {
            Some((max, solution)) => {
                see(&solution, &mut low, &mut high);
                max
            }
            None => f64::INFINITY,
        };
        if max - low[var] >= need + TOLERANCE {
            continue;
        }
        let min = group.optimise(var, false).map_or(0.0, |(min, solution)| {
            see(&solution, &mut low, &mut high);
            min
        });
        if max - min < need - TOLERANCE {
            let what = if small { "small cell" } else { "hidden cell" };
            return Err(format!(
                "{what} {cell} (value {}) can only be {min}..={max}, a range below {need}",
                truth[cell]
            ));
        }
    }
    Ok(())
}
