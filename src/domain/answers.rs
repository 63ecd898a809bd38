//! Turning what a form submitted into checked answers, one page at a time.
//!
//! The same functions run in the browser (instant feedback in an island) and on the server
//! (the only check that counts), so both always agree.

use super::Audience;
#[cfg(feature = "ssr")]
use super::linkage::read_code;
use super::linkage::{CodeAnswer, CodeProblem};
use super::questionnaire::{Question, QuestionKind, Questionnaire};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a form sent, per question key: every value in order (several for multiple choice).
pub type RawAnswers = BTreeMap<String, Vec<String>>;

/// A checked answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// Agreement, yes/no or single choice: one answer code.
    Choice(String),
    /// Multiple choice: the chosen codes in the order of the options.
    Choices(Vec<String>),
    /// Rapportcijfer 1–10.
    Mark(u8),
    Text(String),
    /// A linkage code: kept apart from the answers, sealed (see `linkage`).
    Code(CodeAnswer),
}

impl Answer {
    /// The values as they are stored: one row per value.
    pub fn values(&self) -> Vec<String> {
        match self {
            Answer::Choice(v) | Answer::Text(v) => vec![v.clone()],
            Answer::Choices(vs) => vs.clone(),
            Answer::Mark(m) => vec![m.to_string()],
            // Never stored, counted or shown as an answer.
            Answer::Code(_) => Vec::new(),
        }
    }
}

/// Checked answers of a whole response or page, by question key.
pub type Answers = BTreeMap<String, Answer>;

/// A problem the respondent can fix: shown next to the field, with everything typed kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    /// A required choice was not made.
    ChooseOne,
    /// A required text was left empty.
    WriteSomething,
    /// The text is longer than the question allows.
    TooLong { max: usize },
    /// A linkage code is not complete, or holds something else than a letter.
    Code(CodeProblem),
}

/// Input no form of ours can produce: a tampered or broken request, answered with 400.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("a question that is not on this page")]
    UnknownQuestion(String),
    #[error("a value that is not a possible answer to question `{1}`")]
    InvalidValue(String, String),
    #[error("question `{0}` takes one answer")]
    TooManyValues(String),
}

/// The result of checking one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageOutcome {
    /// The visible questions' valid answers (empty answers are left out).
    pub answers: Answers,
    /// What the respondent must fix before going on, by question key.
    pub errors: BTreeMap<String, FieldError>,
}

impl PageOutcome {
    pub fn is_complete(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Whether `question` is shown, given the answers known so far.
pub fn is_visible(question: &Question, known: &RawAnswers) -> bool {
    question.show_if.as_ref().is_none_or(|c| {
        known
            .get(&c.question)
            .is_some_and(|vs| vs.len() == 1 && vs[0] == c.equals)
    })
}

/// Normalises a text answer: browsers send line breaks as CRLF but count them as one
/// character, and a NUL byte has no place in an answer.
pub fn normalise_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\0', "")
        .trim()
        .to_owned()
}

/// Checks the answers submitted on one page.
///
/// `earlier` holds the answers of earlier pages (for conditions); answers to questions that
/// are hidden by their condition are dropped, not refused, because a browser without
/// JavaScript shows them all.
pub fn check_page(
    page: &[&Question],
    earlier: &RawAnswers,
    submitted: &RawAnswers,
) -> Result<PageOutcome, Rejection> {
    if let Some(key) = submitted
        .keys()
        .find(|k| !page.iter().any(|q| &q.key == *k))
    {
        return Err(Rejection::UnknownQuestion(key.clone()));
    }
    let mut known = earlier.clone();
    known.extend(submitted.iter().map(|(k, v)| (k.clone(), v.clone())));

    let mut outcome = PageOutcome::default();
    for question in page {
        let values: Vec<&str> = submitted
            .get(&question.key)
            .map(|vs| {
                vs.iter()
                    .map(String::as_str)
                    .filter(|v| !v.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let answer = parse_answer(question, &values)?;
        if !is_visible(question, &known) {
            continue;
        }
        match answer {
            Ok(Some(answer)) => {
                outcome.answers.insert(question.key.clone(), answer);
            }
            Ok(None) if question.required => {
                let error = if question.kind.is_text() {
                    FieldError::WriteSomething
                } else if question.kind.code_parts().is_some() {
                    FieldError::Code(CodeProblem::Incomplete)
                } else {
                    FieldError::ChooseOne
                };
                outcome.errors.insert(question.key.clone(), error);
            }
            Ok(None) => {}
            Err(error) => {
                outcome.errors.insert(question.key.clone(), error);
            }
        }
    }
    Ok(outcome)
}

/// Parses the values sent for one question. The outer error is a rejected request, the
/// inner one a problem the respondent can fix.
fn parse_answer(
    question: &Question,
    values: &[&str],
) -> Result<Result<Option<Answer>, FieldError>, Rejection> {
    let key = &question.key;
    let invalid = |v: &str| Rejection::InvalidValue(v.to_owned(), key.clone());
    if let Some(parts) = question.kind.code_parts() {
        return read_code_answer(parts, values, invalid);
    }
    if values.len() > 1 && !matches!(question.kind, QuestionKind::MultipleChoice { .. }) {
        return Err(Rejection::TooManyValues(key.clone()));
    }
    let Some(first) = values.first() else {
        return Ok(Ok(None));
    };
    let answer = match &question.kind {
        QuestionKind::Agreement | QuestionKind::YesNo | QuestionKind::SingleChoice { .. } => {
            if !question.kind.values().contains(first) {
                return Err(invalid(first));
            }
            Answer::Choice((*first).to_owned())
        }
        QuestionKind::MultipleChoice { .. } => {
            let allowed = question.kind.values();
            if let Some(bad) = values.iter().find(|v| !allowed.contains(v)) {
                return Err(invalid(bad));
            }
            let chosen = allowed
                .into_iter()
                .filter(|a| values.contains(a))
                .map(str::to_owned)
                .collect();
            Answer::Choices(chosen)
        }
        QuestionKind::Mark => match first.parse::<u8>() {
            Ok(mark @ 1..=10) => Answer::Mark(mark),
            _ => return Err(invalid(first)),
        },
        QuestionKind::LinkageCode { .. } => unreachable!("read above"),
        QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
            let text = normalise_text(first);
            if text.is_empty() {
                return Ok(Ok(None));
            }
            if text.chars().count() > *max_chars {
                return Ok(Err(FieldError::TooLong { max: *max_chars }));
            }
            Answer::Text(text)
        }
    };
    Ok(Ok(Some(answer)))
}

/// A linkage code's answer. Read on the server only: the browser's form helper is never
/// handed a code (parts kept before are not in the page), and leaving the reading out of
/// the WebAssembly keeps every respondent's download smaller.
#[cfg(feature = "ssr")]
fn read_code_answer(
    parts: &[super::linkage::CodePart],
    values: &[&str],
    invalid: impl Fn(&str) -> Rejection,
) -> Result<Result<Option<Answer>, FieldError>, Rejection> {
    match read_code(parts, values) {
        Ok(Ok(code)) => Ok(Ok(code.map(Answer::Code))),
        Ok(Err(problem)) => Ok(Err(FieldError::Code(problem))),
        Err(tampered) => Err(invalid(&tampered.0)),
    }
}

#[cfg(not(feature = "ssr"))]
fn read_code_answer(
    _: &[super::linkage::CodePart],
    _: &[&str],
    _: impl Fn(&str) -> Rejection,
) -> Result<Result<Option<Answer>, FieldError>, Rejection> {
    Ok(Ok(None))
}

/// Where a whole set of answers is not yet complete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("page {page} is not complete")]
pub struct IncompletePage {
    /// Zero-based index of the first page that needs attention.
    pub page: usize,
}

/// Checks every page of a response before it is stored, so that a stale or edited draft
/// can never store answers the pages would not have accepted.
pub fn check_response(
    questionnaire: &Questionnaire,
    audience: Audience,
    raw: &RawAnswers,
) -> Result<Result<Answers, IncompletePage>, Rejection> {
    let mut answers = Answers::new();
    let mut earlier = RawAnswers::new();
    for (index, page) in questionnaire.pages(audience).iter().enumerate() {
        let submitted: RawAnswers = page
            .iter()
            .filter_map(|q| raw.get(&q.key).map(|v| (q.key.clone(), v.clone())))
            .collect();
        let outcome = check_page(page, &earlier, &submitted)?;
        if !outcome.is_complete() {
            return Ok(Err(IncompletePage { page: index }));
        }
        earlier.extend(submitted);
        answers.extend(outcome.answers);
    }
    Ok(Ok(answers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::tests::{question, questionnaire};
    use crate::domain::questionnaire::{ChoiceOption, Condition};
    use Audience::Youth;

    fn raw(pairs: &[(&str, &str)]) -> RawAnswers {
        let mut raw = RawAnswers::new();
        for (k, v) in pairs {
            raw.entry((*k).to_owned())
                .or_default()
                .push((*v).to_owned());
        }
        raw
    }

    fn options(values: &[&str]) -> Vec<ChoiceOption> {
        values
            .iter()
            .map(|v| ChoiceOption {
                value: (*v).into(),
                label: v.to_uppercase(),
            })
            .collect()
    }

    #[test]
    fn every_kind_accepts_its_own_values() {
        let qs = [
            question("a", "t", QuestionKind::Agreement, &[Youth]),
            question("b", "t", QuestionKind::YesNo, &[Youth]),
            question(
                "c",
                "t",
                QuestionKind::MultipleChoice {
                    options: options(&["x", "y", "z"]),
                },
                &[Youth],
            ),
            question("d", "t", QuestionKind::Mark, &[Youth]),
            question("e", "t", QuestionKind::LongText { max_chars: 10 }, &[Youth]),
        ];
        let page: Vec<&Question> = qs.iter().collect();
        let outcome = check_page(
            &page,
            &RawAnswers::new(),
            &raw(&[
                ("a", "weet-niet"),
                ("b", "nee"),
                ("c", "z"),
                ("c", "x"),
                ("c", "z"),
                ("d", "10"),
                ("e", " hoi\r\ndaar "),
            ]),
        )
        .unwrap();
        assert!(outcome.is_complete(), "{:?}", outcome.errors);
        assert_eq!(outcome.answers["a"], Answer::Choice("weet-niet".into()));
        assert_eq!(
            outcome.answers["c"],
            Answer::Choices(vec!["x".into(), "z".into()])
        );
        assert_eq!(outcome.answers["d"], Answer::Mark(10));
        assert_eq!(outcome.answers["e"], Answer::Text("hoi\ndaar".into()));
    }

    #[test]
    fn missing_required_answers_and_long_texts_are_field_errors() {
        let mut optional = question("c", "t", QuestionKind::Mark, &[Youth]);
        optional.required = false;
        let qs = [
            question("a", "t", QuestionKind::Agreement, &[Youth]),
            question("b", "t", QuestionKind::ShortText { max_chars: 3 }, &[Youth]),
            optional,
            question("d", "t", QuestionKind::ShortText { max_chars: 3 }, &[Youth]),
        ];
        let page: Vec<&Question> = qs.iter().collect();
        let outcome = check_page(
            &page,
            &RawAnswers::new(),
            &raw(&[("b", "lang"), ("d", "   ")]),
        )
        .unwrap();
        assert_eq!(outcome.errors["a"], FieldError::ChooseOne);
        assert_eq!(outcome.errors["b"], FieldError::TooLong { max: 3 });
        assert_eq!(outcome.errors["d"], FieldError::WriteSomething);
        assert!(!outcome.errors.contains_key("c"));
    }

    #[test]
    fn tampered_input_is_rejected() {
        let qs = [
            question("a", "t", QuestionKind::Agreement, &[Youth]),
            question("m", "t", QuestionKind::Mark, &[Youth]),
        ];
        let page: Vec<&Question> = qs.iter().collect();
        let none = RawAnswers::new();
        assert_eq!(
            check_page(&page, &none, &raw(&[("zz", "1")])),
            Err(Rejection::UnknownQuestion("zz".into()))
        );
        assert!(matches!(
            check_page(&page, &none, &raw(&[("a", "misschien")])),
            Err(Rejection::InvalidValue(..))
        ));
        assert!(matches!(
            check_page(&page, &none, &raw(&[("m", "11")])),
            Err(Rejection::InvalidValue(..))
        ));
        assert!(matches!(
            check_page(&page, &none, &raw(&[("m", "0")])),
            Err(Rejection::InvalidValue(..))
        ));
        assert_eq!(
            check_page(&page, &none, &raw(&[("a", "eens"), ("a", "oneens")])),
            Err(Rejection::TooManyValues("a".into()))
        );
    }

    #[test]
    fn hidden_questions_are_neither_required_nor_kept() {
        let mut follow = question(
            "why",
            "t",
            QuestionKind::ShortText { max_chars: 50 },
            &[Youth],
        );
        follow.show_if = Some(Condition {
            question: "help".into(),
            equals: "ja".into(),
        });
        let qs = [question("help", "t", QuestionKind::YesNo, &[Youth]), follow];
        let page: Vec<&Question> = qs.iter().collect();
        let none = RawAnswers::new();

        let no = check_page(
            &page,
            &none,
            &raw(&[("help", "nee"), ("why", "typed anyway")]),
        )
        .unwrap();
        assert!(no.is_complete());
        assert!(!no.answers.contains_key("why"));

        let yes = check_page(&page, &none, &raw(&[("help", "ja")])).unwrap();
        assert_eq!(yes.errors["why"], FieldError::WriteSomething);

        // A condition on an earlier page is read from the earlier answers.
        let later = [&qs[1]];
        assert!(
            check_page(&later, &raw(&[("help", "nee")]), &RawAnswers::new())
                .unwrap()
                .is_complete()
        );
    }

    #[test]
    fn a_response_is_checked_page_by_page() {
        let q = questionnaire(vec![
            question("a", "one", QuestionKind::YesNo, &[Youth]),
            question("b", "two", QuestionKind::Mark, &[Youth]),
        ]);
        assert_eq!(
            check_response(&q, Youth, &raw(&[("a", "ja")])).unwrap(),
            Err(IncompletePage { page: 1 })
        );
        let answers = check_response(&q, Youth, &raw(&[("a", "ja"), ("b", "7")]))
            .unwrap()
            .unwrap();
        assert_eq!(answers.len(), 2);
    }
}
