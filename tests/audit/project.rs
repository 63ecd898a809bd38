//! Random survey projects: respondents with answers, and every table the
//! product publishes about them, as a [`Model`].
//!
//! Counts are derived from individual respondents, so all relations hold by
//! construction, including the ones the product never states explicitly.

use super::model::Model;
use rand::Rng;
use rand::rngs::StdRng;

/// A measurement round, or all rounds together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Round {
    One(u8),
    All,
}

/// A value of the filter question, no answer to it, or no filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Filter {
    Value(u8),
    /// Respondents who did not answer the filter question; never published.
    NoAnswer,
    Unfiltered,
}

/// The cells of a project. A required question's answered total is the
/// response count itself, so it is the `Respondents` cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    Option {
        audience: u8,
        round: Round,
        filter: Filter,
        question: u8,
        option: u8,
    },
    Answered {
        audience: u8,
        round: Round,
        filter: Filter,
        question: u8,
    },
    /// Respondents who skipped an optional question; never published.
    Skipped {
        audience: u8,
        round: Round,
        filter: Filter,
        question: u8,
    },
    Respondents {
        audience: u8,
        round: Round,
        filter: Filter,
    },
    Link {
        audience: u8,
        round: Round,
        link: u8,
    },
}

/// The shape of a project.
#[derive(Clone, Debug)]
pub struct Shape {
    pub rounds: u8,
    pub audiences: u8,
    pub filter_values: u8,
    pub links: u8,
    /// Per closed question: number of options and whether it is required.
    pub questions: Vec<(u8, bool)>,
    /// Respondents per audience and round: `0..=max_respondents`.
    pub max_respondents: u32,
}

impl Shape {
    /// A random small project. With up to 200 respondents per round, the
    /// counts per round, filter value and option are mostly 0..30 with many
    /// small ones.
    pub fn random(rng: &mut StdRng) -> Self {
        let questions = (0..rng.random_range(1..=3))
            .map(|_| (rng.random_range(2..=5), rng.random_bool(0.4)))
            .collect();
        Shape {
            rounds: rng.random_range(1..=4),
            audiences: rng.random_range(1..=3),
            filter_values: rng.random_range(2..=4),
            links: rng.random_range(1..=3),
            questions,
            max_respondents: 200,
        }
    }

    fn answered_key(&self, audience: u8, round: Round, filter: Filter, question: u8) -> Key {
        match self.questions[question as usize].1 {
            true => Key::Respondents {
                audience,
                round,
                filter,
            },
            false => Key::Answered {
                audience,
                round,
                filter,
                question,
            },
        }
    }
}

/// One respondent: filter answer (`None` if skipped), link, and an option
/// (or `None`) per question.
struct Respondent {
    audience: u8,
    round: u8,
    filter: Option<u8>,
    link: u8,
    answers: Vec<Option<u8>>,
}

/// A weighted random choice, so that some categories get few people.
fn choose(rng: &mut StdRng, weights: &[f64]) -> u8 {
    let mut x = rng.random_range(0.0..weights.iter().sum::<f64>());
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i as u8;
        }
        x -= w;
    }
    weights.len() as u8 - 1
}

/// Random weights for `n` categories, some much smaller than others.
fn weights(rng: &mut StdRng, n: u8) -> Vec<f64> {
    (0..n).map(|_| rng.random_range(0.05..1.0)).collect()
}

/// Random respondents: 10% skip the filter question, 15% skip each optional
/// question.
fn respondents(rng: &mut StdRng, shape: &Shape) -> Vec<Respondent> {
    let filter_weights = weights(rng, shape.filter_values);
    let option_weights: Vec<Vec<f64>> = shape
        .questions
        .iter()
        .map(|&(n, _)| weights(rng, n))
        .collect();
    let mut people = Vec::new();
    for audience in 0..shape.audiences {
        for round in 0..shape.rounds {
            for _ in 0..rng.random_range(0..=shape.max_respondents) {
                let filter = (!rng.random_bool(0.1)).then(|| choose(rng, &filter_weights));
                let answers = shape
                    .questions
                    .iter()
                    .zip(&option_weights)
                    .map(|(&(_, required), w)| {
                        (required || !rng.random_bool(0.15)).then(|| choose(rng, w))
                    })
                    .collect();
                let link = rng.random_range(0..shape.links);
                people.push(Respondent {
                    audience,
                    round,
                    filter,
                    link,
                    answers,
                });
            }
        }
    }
    people
}

/// Every key a respondent is counted in.
fn keys_of(shape: &Shape, r: &Respondent) -> Vec<Key> {
    let audience = r.audience;
    let filter_of = r.filter.map_or(Filter::NoAnswer, Filter::Value);
    let mut keys = Vec::new();
    for round in [Round::One(r.round), Round::All] {
        keys.push(Key::Link {
            audience,
            round,
            link: r.link,
        });
        for filter in [filter_of, Filter::Unfiltered] {
            keys.push(Key::Respondents {
                audience,
                round,
                filter,
            });
            for (q, answer) in r.answers.iter().enumerate() {
                let question = q as u8;
                keys.push(match answer {
                    Some(option) => Key::Option {
                        audience,
                        round,
                        filter,
                        question,
                        option: *option,
                    },
                    None => Key::Skipped {
                        audience,
                        round,
                        filter,
                        question,
                    },
                });
                if answer.is_some() && !shape.questions[q].1 {
                    keys.push(Key::Answered {
                        audience,
                        round,
                        filter,
                        question,
                    });
                }
            }
        }
    }
    keys
}

/// A random project and the model of everything it publishes.
pub fn random(rng: &mut StdRng, shape: &Shape) -> Model<Key> {
    let mut counts = std::collections::BTreeMap::new();
    for person in respondents(rng, shape) {
        for key in keys_of(shape, &person) {
            *counts.entry(key).or_insert(0u64) += 1;
        }
    }
    Builder {
        shape,
        counts,
        model: Model::new(),
    }
    .build()
}

/// Builds the model: every cell with its count, every relation.
struct Builder<'a> {
    shape: &'a Shape,
    counts: std::collections::BTreeMap<Key, u64>,
    model: Model<Key>,
}

impl Builder<'_> {
    /// Adds a cell with its count. Never published: the rest outside the
    /// filter and the skipped counts (slack: they count no answer). Response
    /// counts per filter value are published only as the answered totals of a
    /// required question.
    fn cell(&mut self, key: Key) -> usize {
        let value = self.counts.get(&key).copied().unwrap_or(0);
        let published = match key {
            Key::Skipped { .. } => return self.model.slack(key, value),
            Key::Option { filter, .. } | Key::Answered { filter, .. } => filter != Filter::NoAnswer,
            Key::Respondents { filter, .. } => match filter {
                Filter::Unfiltered => true,
                Filter::Value(_) => self.shape.questions.iter().any(|q| q.1),
                Filter::NoAnswer => false,
            },
            Key::Link { .. } => true,
        };
        self.model.cell(key, value, published)
    }

    fn relation(&mut self, total: Key, parts: impl IntoIterator<Item = Key>) {
        let total = self.cell(total);
        let parts = parts.into_iter().map(|k| self.cell(k)).collect();
        self.model.relation(total, parts);
    }

    fn rounds(&self) -> Vec<Round> {
        (0..self.shape.rounds)
            .map(Round::One)
            .chain([Round::All])
            .collect()
    }

    fn filters(&self) -> Vec<Filter> {
        let values = (0..self.shape.filter_values).map(Filter::Value);
        values
            .chain([Filter::NoAnswer, Filter::Unfiltered])
            .collect()
    }

    /// The same kind of cell for every round, and for all rounds.
    fn across_rounds(&mut self, key: impl Fn(Round) -> Key) {
        let rounds: Vec<Key> = (0..self.shape.rounds).map(|r| key(Round::One(r))).collect();
        self.relation(key(Round::All), rounds);
    }

    /// The same kind of cell for every filter value, the rest, and unfiltered.
    fn across_filter(&mut self, key: impl Fn(Filter) -> Key) {
        let mut parts: Vec<Key> = (0..self.shape.filter_values)
            .map(|f| key(Filter::Value(f)))
            .collect();
        parts.push(key(Filter::NoAnswer));
        self.relation(key(Filter::Unfiltered), parts);
    }

    fn build(mut self) -> Model<Key> {
        let shape = self.shape;
        for audience in 0..shape.audiences {
            for round in self.rounds() {
                let links = (0..shape.links).map(|link| Key::Link {
                    audience,
                    round,
                    link,
                });
                self.relation(
                    Key::Respondents {
                        audience,
                        round,
                        filter: Filter::Unfiltered,
                    },
                    links.collect::<Vec<_>>(),
                );
                self.across_filter(|filter| Key::Respondents {
                    audience,
                    round,
                    filter,
                });
                for filter in self.filters() {
                    self.questions(audience, round, filter);
                }
                for question in 0..shape.questions.len() as u8 {
                    self.question_across_filter(audience, round, question);
                }
            }
            for link in 0..shape.links {
                self.across_rounds(|round| Key::Link {
                    audience,
                    round,
                    link,
                });
            }
            for filter in self.filters() {
                self.across_rounds(|round| Key::Respondents {
                    audience,
                    round,
                    filter,
                });
                for question in 0..shape.questions.len() as u8 {
                    self.question_across_rounds(audience, filter, question);
                }
            }
        }
        self.model
    }

    /// Answered = sum of options; respondents = answered + skipped.
    fn questions(&mut self, audience: u8, round: Round, filter: Filter) {
        for (q, &(options, required)) in self.shape.questions.iter().enumerate() {
            let question = q as u8;
            let answered = self.shape.answered_key(audience, round, filter, question);
            let parts = (0..options).map(|option| Key::Option {
                audience,
                round,
                filter,
                question,
                option,
            });
            self.relation(answered, parts.collect::<Vec<_>>());
            if !required {
                let skipped = Key::Skipped {
                    audience,
                    round,
                    filter,
                    question,
                };
                self.relation(
                    Key::Respondents {
                        audience,
                        round,
                        filter,
                    },
                    [answered, skipped],
                );
            }
        }
    }

    fn question_across_filter(&mut self, audience: u8, round: Round, question: u8) {
        let (options, required) = self.shape.questions[question as usize];
        for option in 0..options {
            self.across_filter(|filter| Key::Option {
                audience,
                round,
                filter,
                question,
                option,
            });
        }
        if !required {
            self.across_filter(|filter| Key::Answered {
                audience,
                round,
                filter,
                question,
            });
            self.across_filter(|filter| Key::Skipped {
                audience,
                round,
                filter,
                question,
            });
        }
    }

    fn question_across_rounds(&mut self, audience: u8, filter: Filter, question: u8) {
        let (options, required) = self.shape.questions[question as usize];
        for option in 0..options {
            self.across_rounds(|round| Key::Option {
                audience,
                round,
                filter,
                question,
                option,
            });
        }
        if !required {
            self.across_rounds(|round| Key::Answered {
                audience,
                round,
                filter,
                question,
            });
            self.across_rounds(|round| Key::Skipped {
                audience,
                round,
                filter,
                question,
            });
        }
    }
}
