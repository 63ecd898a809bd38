//! The questionnaire world in plain Rust: no sqlx, no leptos, no I/O.
//!
//! Compiled for the server and for the browser alike, so that answers are validated by one
//! piece of code whether the check runs in an island or in a request handler.

pub mod account;
#[cfg(feature = "ssr")]
pub mod action;
pub mod answers;
pub mod audience;
pub mod checks;
pub mod code;
pub mod comparison;
#[cfg(feature = "ssr")]
pub mod definition;
#[cfg(feature = "ssr")]
pub mod disclosure;
#[cfg(feature = "ssr")]
pub mod export;
pub mod linkage;
#[cfg(feature = "ssr")]
pub mod matching;
#[cfg(feature = "ssr")]
pub mod meeting;
#[cfg(feature = "ssr")]
pub mod paired;
#[cfg(feature = "ssr")]
pub mod privacy;
pub mod project;
pub mod questionnaire;
pub mod readability;
#[cfg(feature = "ssr")]
pub mod recording;
#[cfg(feature = "ssr")]
pub mod summary;
#[cfg(feature = "ssr")]
pub mod tally;
pub mod translation;
#[cfg(feature = "ssr")]
pub mod translation_files;

pub use answers::{Answer, Answers, FieldError, PageOutcome, RawAnswers, Rejection};
pub use audience::Audience;
pub use code::InvitationCode;
pub use project::{LinkSpec, Project, Theme, Wave, WaveState};
pub use questionnaire::{ChoiceOption, Condition, Question, QuestionKind, Questionnaire, Wording};
