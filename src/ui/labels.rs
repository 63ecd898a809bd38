//! How stored answer codes read: the labels respondents saw, in a given language.

use crate::domain::QuestionKind;
use crate::i18n::Tr;
use crate::t;

/// The label of an answer code of a choice-like question (the code itself otherwise).
pub fn answer_label(tr: &Tr, kind: &QuestionKind, value: &str) -> String {
    match (kind, value) {
        (QuestionKind::Agreement, "helemaal-oneens") => t!(tr, "respondent-agree-helemaal-oneens"),
        (QuestionKind::Agreement, "oneens") => t!(tr, "respondent-agree-oneens"),
        (QuestionKind::Agreement, "neutraal") => t!(tr, "respondent-agree-neutraal"),
        (QuestionKind::Agreement, "eens") => t!(tr, "respondent-agree-eens"),
        (QuestionKind::Agreement, "helemaal-eens") => t!(tr, "respondent-agree-helemaal-eens"),
        (QuestionKind::Agreement, _) => t!(tr, "respondent-agree-weet-niet"),
        (QuestionKind::YesNo, "ja") => t!(tr, "respondent-yes"),
        (QuestionKind::YesNo, _) => t!(tr, "respondent-no"),
        (QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options }, v) => {
            options
                .iter()
                .find(|o| o.value == v)
                .map(|o| o.label.clone())
                .unwrap_or_default()
        }
        _ => value.to_owned(),
    }
}
