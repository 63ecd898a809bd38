//! The rules a questionnaire must keep, whether it comes from a definition file or from the
//! editor in the browser. Problems are values; each boundary words them for its readers.

use super::linkage::{CodePart, PARTS, PartKind, catalogue_part};
use super::questionnaire::{LONG_TEXT_MAX, SHORT_TEXT_MAX};
use super::{Audience, Question, QuestionKind, Questionnaire};
use std::collections::HashSet;
use std::fmt;

/// Whether a key is usable: 1 to 63 of `a-z`, `0-9`, `_`, `-`, starting with a letter or digit.
pub fn is_valid_key(key: &str) -> bool {
    (1..=63).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Makes a key from a title: "Naar school: wat helpt?" → `naar-school-wat-helpt`.
pub fn key_from(title: &str) -> String {
    let mut key = String::new();
    for c in title.to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('-') {
            key.push('-');
        }
        if key.len() >= 40 {
            break;
        }
    }
    let key = key.trim_end_matches('-').to_owned();
    if key.is_empty() {
        "item".to_owned()
    } else {
        key
    }
}

/// Something wrong with one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionProblem {
    BadKey,
    DuplicateKey,
    UnknownTheme(String),
    NoWording,
    EmptyWording(Audience),
    TooFewOptions,
    BadOption(String),
    DuplicateOption(String),
    MaxChars {
        limit: usize,
    },
    ConditionSource(String),
    ConditionKind,
    ConditionValue(String),
    ConditionAudience(Audience),
    /// A linkage code needs between 4 and 10 parts.
    CodeParts,
    /// A part of a linkage code is not in the catalogue, has a bad key, appears twice, or
    /// (an own part) has no wording or an empty range.
    CodePart(String),
    /// A questionnaire has at most one linkage code.
    SecondCode,
    /// A linkage code cannot be asked only when another answer is given.
    CodeCondition,
}

impl fmt::Display for QuestionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use QuestionProblem::*;
        match self {
            BadKey => write!(
                f,
                "the key must be 1 to 63 of a-z, 0-9, `_` and `-`, starting with a letter or digit"
            ),
            DuplicateKey => write!(f, "the key is used twice"),
            UnknownTheme(t) => write!(f, "theme `{t}` is not defined in [[themes]]"),
            NoWording => write!(f, "no wording: give youth, parent and/or professional"),
            EmptyWording(a) => write!(f, "the {a} wording is empty"),
            TooFewOptions => write!(f, "needs at least two options"),
            BadOption(v) => write!(f, "option `{v}` needs a key-like value and a label"),
            DuplicateOption(v) => write!(f, "option `{v}` appears twice"),
            MaxChars { limit } => write!(f, "max_chars must be between 1 and {limit}"),
            ConditionSource(k) => write!(
                f,
                "show_if refers to `{k}`, which is not an earlier question"
            ),
            ConditionKind => write!(
                f,
                "show_if can only refer to a single_choice or yes_no question"
            ),
            ConditionValue(v) => write!(
                f,
                "`{v}` is not an answer of the question show_if refers to"
            ),
            ConditionAudience(a) => write!(
                f,
                "the question is asked of {a}, but the question show_if refers to is not"
            ),
            CodeParts => write!(
                f,
                "a linkage code needs {} to {} parts",
                PARTS.start(),
                PARTS.end()
            ),
            CodePart(k) => write!(
                f,
                "part `{k}` is not in the catalogue, appears twice, or (an own part) needs a key, a wording and a range"
            ),
            SecondCode => write!(f, "a questionnaire has at most one linkage code"),
            CodeCondition => write!(f, "a linkage code cannot have show_if"),
        }
    }
}

/// The problems of `question`, given the questions before it and the project's themes.
pub fn question_problems(
    question: &Question,
    earlier: &[Question],
    themes: &[&str],
) -> Vec<QuestionProblem> {
    use QuestionProblem::*;
    let mut problems = Vec::new();
    if !is_valid_key(&question.key) {
        problems.push(BadKey);
    }
    if earlier.iter().any(|q| q.key == question.key) {
        problems.push(DuplicateKey);
    }
    if !themes.contains(&question.theme.as_str()) {
        problems.push(UnknownTheme(question.theme.clone()));
    }
    if question.wording.is_empty() {
        problems.push(NoWording);
    }
    for (audience, wording) in &question.wording {
        if wording.text.trim().is_empty() {
            problems.push(EmptyWording(*audience));
        }
    }
    match &question.kind {
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            if options.len() < 2 {
                problems.push(TooFewOptions);
            }
            let mut seen = HashSet::new();
            for o in options {
                if !is_valid_key(&o.value) || o.label.trim().is_empty() {
                    problems.push(BadOption(o.value.clone()));
                }
                if !seen.insert(o.value.as_str()) {
                    problems.push(DuplicateOption(o.value.clone()));
                }
            }
        }
        QuestionKind::ShortText { max_chars } if *max_chars == 0 || *max_chars > SHORT_TEXT_MAX => {
            problems.push(MaxChars {
                limit: SHORT_TEXT_MAX,
            });
        }
        QuestionKind::LongText { max_chars } if *max_chars == 0 || *max_chars > LONG_TEXT_MAX => {
            problems.push(MaxChars {
                limit: LONG_TEXT_MAX,
            });
        }
        QuestionKind::LinkageCode { parts } => {
            if !PARTS.contains(&parts.len()) {
                problems.push(CodeParts);
            }
            let mut seen = HashSet::new();
            for part in parts {
                if !seen.insert(part.key.as_str()) || !part_is_valid(part) {
                    problems.push(CodePart(part.key.clone()));
                }
            }
            if earlier.iter().any(|q| q.kind.code_parts().is_some()) {
                problems.push(SecondCode);
            }
            if question.show_if.is_some() {
                problems.push(CodeCondition);
            }
        }
        _ => {}
    }
    if let Some(condition) = &question.show_if {
        match earlier.iter().find(|q| q.key == condition.question) {
            None => problems.push(ConditionSource(condition.question.clone())),
            Some(source) if !source.kind.can_be_condition() => problems.push(ConditionKind),
            Some(source) => {
                if !source.kind.values().contains(&condition.equals.as_str()) {
                    problems.push(ConditionValue(condition.equals.clone()));
                }
                if let Some(a) = question
                    .wording
                    .keys()
                    .find(|a| !source.wording.contains_key(a))
                {
                    problems.push(ConditionAudience(*a));
                }
            }
        }
    }
    problems
}

/// A catalogue part as the catalogue has it, or an own part (a letter, a month or a number)
/// with a key, a wording and a range of at least two answers.
fn part_is_valid(part: &CodePart) -> bool {
    if !is_valid_key(&part.key) {
        return false;
    }
    match &part.text {
        None => catalogue_part(&part.key).as_ref() == Some(part),
        Some(text) => {
            catalogue_part(&part.key).is_none()
                && !text.trim().is_empty()
                && text.chars().count() <= 300
                && match &part.kind {
                    PartKind::Letter | PartKind::Month => true,
                    PartKind::Number { min, max } => min < max,
                    // Answers need labels in every language: the catalogue's only.
                    PartKind::Choice { .. } => false,
                }
        }
    }
}

/// The problems of every question of a questionnaire, by question key.
pub fn questionnaire_problems(
    questionnaire: &Questionnaire,
    themes: &[&str],
) -> Vec<(String, QuestionProblem)> {
    questionnaire
        .questions
        .iter()
        .enumerate()
        .flat_map(|(i, q)| {
            question_problems(q, &questionnaire.questions[..i], themes)
                .into_iter()
                .map(move |p| (q.key.clone(), p))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::tests::{question, questionnaire};
    use crate::domain::{ChoiceOption, Condition};

    #[test]
    fn keys_from_titles() {
        assert_eq!(key_from("Naar school: wat helpt?"), "naar-school-wat-helpt");
        assert_eq!(key_from("Één café"), "een-cafe");
        assert_eq!(key_from("???"), "item");
        assert!(is_valid_key(&key_from(
            "Wat hebben kinderen, jongeren en ouders nodig om uithuisplaatsing te voorkomen?"
        )));
    }

    #[test]
    fn every_rule_is_checked() {
        use Audience::*;
        let mut choice = question(
            "keuze",
            "t",
            QuestionKind::SingleChoice {
                options: vec![
                    ChoiceOption {
                        value: "a".into(),
                        label: "A".into(),
                    },
                    ChoiceOption {
                        value: "a".into(),
                        label: " ".into(),
                    },
                ],
            },
            &[Youth],
        );
        choice.show_if = Some(Condition {
            question: "open".into(),
            equals: "ja".into(),
        });
        let q = questionnaire(vec![
            question(
                "open",
                "t",
                QuestionKind::ShortText { max_chars: 500 },
                &[Youth],
            ),
            choice,
            question("Fout", "onbekend", QuestionKind::Mark, &[]),
        ]);
        let problems = questionnaire_problems(&q, &["t"]);
        let found: Vec<String> = problems.iter().map(|(k, p)| format!("{k}: {p}")).collect();
        for expected in [
            "open: max_chars must be between 1 and 200",
            "keuze: option `a` appears twice",
            "keuze: option `a` needs a key-like value and a label",
            "keuze: show_if can only refer to a single_choice or yes_no question",
            "Fout: the key must be",
            "Fout: theme `onbekend`",
            "Fout: no wording",
        ] {
            assert!(
                found.iter().any(|f| f.starts_with(expected)),
                "{expected} in {found:?}"
            );
        }
    }
}
