//! How stored answer codes read: the labels respondents saw, in a given language.

use crate::domain::QuestionKind;
use crate::domain::linkage::{CodePart, PartKind};
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

/// What a part of a linkage code asks: the catalogue's wording, or the researcher's own.
pub fn part_label(tr: &Tr, part: &CodePart) -> String {
    if let Some(text) = &part.text {
        return text.clone();
    }
    match part.key.as_str() {
        "moeder-letter" => t!(tr, "linkage-part-moeder-letter"),
        "vader-letter" => t!(tr, "linkage-part-vader-letter"),
        "eigen-letter" => t!(tr, "linkage-part-eigen-letter"),
        "geboortemaand" => t!(tr, "linkage-part-geboortemaand"),
        "geboortedag" => t!(tr, "linkage-part-geboortedag"),
        "achternaam-tweede-letter" => t!(tr, "linkage-part-achternaam-tweede-letter"),
        "oudere-broers-zussen" => t!(tr, "linkage-part-oudere-broers-zussen"),
        "geboorteplaats-letter" => t!(tr, "linkage-part-geboorteplaats-letter"),
        "oogkleur" => t!(tr, "linkage-part-oogkleur"),
        other => other.to_owned(),
    }
}

/// The answers a part offers to choose from, as (value, label); none for a letter.
pub fn part_choices(tr: &Tr, kind: &PartKind) -> Option<Vec<(String, String)>> {
    let months = [
        t!(tr, "respondent-month-1"),
        t!(tr, "respondent-month-2"),
        t!(tr, "respondent-month-3"),
        t!(tr, "respondent-month-4"),
        t!(tr, "respondent-month-5"),
        t!(tr, "respondent-month-6"),
        t!(tr, "respondent-month-7"),
        t!(tr, "respondent-month-8"),
        t!(tr, "respondent-month-9"),
        t!(tr, "respondent-month-10"),
        t!(tr, "respondent-month-11"),
        t!(tr, "respondent-month-12"),
    ];
    Some(match kind {
        PartKind::Letter => return None,
        PartKind::Month => (1..=12).map(|m| m.to_string()).zip(months).collect(),
        PartKind::Number { min, max } => (*min..=*max)
            .map(|n| {
                let label = if n == *max && *min == 0 {
                    t!(tr, "respondent-code-or-more", n = n.to_string())
                } else {
                    n.to_string()
                };
                (n.to_string(), label)
            })
            .collect(),
        PartKind::Choice { options } => options
            .iter()
            .map(|o| {
                let label = match o.as_str() {
                    "bruin" => t!(tr, "respondent-eye-bruin"),
                    "blauw" => t!(tr, "respondent-eye-blauw"),
                    "groen" => t!(tr, "respondent-eye-groen"),
                    "grijs" => t!(tr, "respondent-eye-grijs"),
                    "anders" => t!(tr, "respondent-eye-anders"),
                    other => other.to_owned(),
                };
                (o.clone(), label)
            })
            .collect(),
    })
}
