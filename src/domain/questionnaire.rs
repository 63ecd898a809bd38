//! Questionnaires, their questions and how they are split into pages for a phone.

use super::Audience;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Default and upper limit of a short text answer, in characters.
pub const SHORT_TEXT_MAX: usize = 200;
/// Default and upper limit of a long text answer, in characters.
pub const LONG_TEXT_MAX: usize = 5000;
/// At most this many questions share one page: a phone screen or two of scrolling.
pub const QUESTIONS_PER_PAGE: usize = 4;

/// The answer codes of the five-point agreement scale, in order, and "weet ik niet".
pub const AGREEMENT_VALUES: [&str; 6] = [
    "helemaal-oneens",
    "oneens",
    "neutraal",
    "eens",
    "helemaal-eens",
    "weet-niet",
];
/// The answer codes of a yes/no question.
pub const YES_NO_VALUES: [&str; 2] = ["ja", "nee"];

/// One option of a single or multiple choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// Stable code stored with the answer and used in exports.
    pub value: String,
    /// What the respondent sees.
    pub label: String,
}

/// What kind of answer a question asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// Five-point scale from "helemaal oneens" to "helemaal eens", with "weet ik niet".
    Agreement,
    SingleChoice {
        options: Vec<ChoiceOption>,
    },
    MultipleChoice {
        options: Vec<ChoiceOption>,
    },
    /// Rapportcijfer: a whole number from 1 to 10.
    Mark,
    YesNo,
    ShortText {
        max_chars: usize,
    },
    LongText {
        max_chars: usize,
    },
    /// A linkage code (koppelcode): a few stable questions that give the same answers each
    /// round, so the same people can be followed anonymously (see `linkage`). Its answers
    /// are sealed before they are kept, and never counted, exported or shown. The browser
    /// is never sent one (the form helper checks no code), so its WebAssembly carries no
    /// code to read it.
    #[cfg_attr(not(feature = "ssr"), serde(skip))]
    LinkageCode {
        parts: Vec<super::linkage::CodePart>,
    },
}

impl QuestionKind {
    /// The answer codes a choice-like question accepts, in display order; empty for open
    /// questions and marks.
    pub fn values(&self) -> Vec<&str> {
        match self {
            QuestionKind::Agreement => AGREEMENT_VALUES.to_vec(),
            QuestionKind::YesNo => YES_NO_VALUES.to_vec(),
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                options.iter().map(|o| o.value.as_str()).collect()
            }
            QuestionKind::Mark
            | QuestionKind::ShortText { .. }
            | QuestionKind::LongText { .. }
            | QuestionKind::LinkageCode { .. } => Vec::new(),
        }
    }

    /// The character limit of an open question.
    pub fn max_chars(&self) -> Option<usize> {
        match self {
            QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
                Some(*max_chars)
            }
            _ => None,
        }
    }

    pub fn is_text(&self) -> bool {
        self.max_chars().is_some()
    }

    /// Whether the answers are counted (tallies, the comparison): every kind but open
    /// questions and linkage codes.
    pub fn is_counted(&self) -> bool {
        !self.is_text() && self.code_parts().is_none()
    }

    /// The parts of a linkage code.
    pub fn code_parts(&self) -> Option<&[super::linkage::CodePart]> {
        match self {
            QuestionKind::LinkageCode { parts } => Some(parts),
            _ => None,
        }
    }

    /// Whether a condition may refer to answers of this kind.
    pub fn can_be_condition(&self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice { .. } | QuestionKind::YesNo
        )
    }
}

/// Show a question only when an earlier single-choice or yes/no question has this answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub equals: String,
}

/// How one audience reads a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording {
    pub text: String,
    pub help: Option<String>,
}

/// One question with its wording per audience; an audience without wording never sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable key: the column name in exports; unique within its questionnaire.
    pub key: String,
    /// Key of the theme (vraagstuk) the question belongs to.
    pub theme: String,
    pub kind: QuestionKind,
    pub required: bool,
    pub wording: BTreeMap<Audience, Wording>,
    pub show_if: Option<Condition>,
}

impl Question {
    pub fn wording_for(&self, audience: Audience) -> Option<&Wording> {
        self.wording.get(&audience)
    }

    /// Whether everyone of an audience that is asked the question answers it: it must be
    /// answered and no condition hides it. A viewer who reads the questionnaire knows this,
    /// so disclosure control must too.
    pub fn answered_by_everyone_asked(&self) -> bool {
        self.required && self.show_if.is_none()
    }
}

/// A questionnaire as respondents meet it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub key: String,
    pub title: String,
    /// About how many minutes it takes, said on the introduction page.
    pub minutes: u32,
    /// What the answers are for, per audience, shown on the introduction page.
    pub purpose: BTreeMap<Audience, String>,
    pub questions: Vec<Question>,
    /// What respondents read, in other languages than Dutch (see `translation`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: super::translation::Translations,
}

impl Questionnaire {
    /// The questions this audience sees, in order.
    pub fn questions_for(&self, audience: Audience) -> impl Iterator<Item = &Question> {
        self.questions
            .iter()
            .filter(move |q| q.wording.contains_key(&audience))
    }

    /// Splits the audience's questions into pages: consecutive questions of the same theme
    /// share a page, at most [`QUESTIONS_PER_PAGE`] at a time. A page is a short, coherent
    /// block; conditional questions stay on the page of the question they depend on when it
    /// is there, so an island can reveal them at once.
    pub fn pages(&self, audience: Audience) -> Vec<Vec<&Question>> {
        let mut pages: Vec<Vec<&Question>> = Vec::new();
        for q in self.questions_for(audience) {
            let follows_on_page = pages.last().is_some_and(|page| {
                let depends_on_page = q
                    .show_if
                    .as_ref()
                    .is_some_and(|c| page.iter().any(|p| p.key == c.question));
                let same_theme = page.last().is_some_and(|p| p.theme == q.theme);
                depends_on_page || (same_theme && page.len() < QUESTIONS_PER_PAGE)
            });
            match pages.last_mut() {
                Some(page) if follows_on_page => page.push(q),
                _ => pages.push(vec![q]),
            }
        }
        pages
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn question(
        key: &str,
        theme: &str,
        kind: QuestionKind,
        audiences: &[Audience],
    ) -> Question {
        Question {
            key: key.into(),
            theme: theme.into(),
            kind,
            required: true,
            wording: audiences
                .iter()
                .map(|a| {
                    (
                        *a,
                        Wording {
                            text: format!("{key}?"),
                            help: None,
                        },
                    )
                })
                .collect(),
            show_if: None,
        }
    }

    pub fn questionnaire(questions: Vec<Question>) -> Questionnaire {
        Questionnaire {
            key: "q".into(),
            title: "Q".into(),
            minutes: 5,
            purpose: BTreeMap::new(),
            questions,
            translations: BTreeMap::new(),
        }
    }

    #[test]
    fn pages_group_by_theme_and_cap_their_length() {
        use Audience::*;
        let qs = (0..6)
            .map(|i| question(&format!("a{i}"), "a", QuestionKind::Mark, &[Youth]))
            .chain([question("b0", "b", QuestionKind::YesNo, &[Youth, Parent])])
            .collect();
        let q = questionnaire(qs);
        let keys: Vec<Vec<&str>> = q
            .pages(Youth)
            .iter()
            .map(|p| p.iter().map(|q| q.key.as_str()).collect())
            .collect();
        assert_eq!(
            keys,
            vec![vec!["a0", "a1", "a2", "a3"], vec!["a4", "a5"], vec!["b0"]]
        );
        assert_eq!(q.pages(Parent).len(), 1);
        assert!(q.pages(Professional).is_empty());
    }

    #[test]
    fn a_conditional_question_stays_with_the_question_it_depends_on() {
        use Audience::*;
        let mut follow = question(
            "b",
            "other",
            QuestionKind::ShortText { max_chars: 10 },
            &[Youth],
        );
        follow.show_if = Some(Condition {
            question: "a".into(),
            equals: "ja".into(),
        });
        let q = questionnaire(vec![
            question("a", "t", QuestionKind::YesNo, &[Youth]),
            follow,
        ]);
        assert_eq!(q.pages(Youth).len(), 1);
    }
}
