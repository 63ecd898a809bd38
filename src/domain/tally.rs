//! What one response adds to the running counts of its questionnaire (the tallies the
//! comparison reads): the response itself (question `""`), and per closed question each
//! chosen answer code and `""` for "answered",
//! once without a filter, once within every filter answer the response gave and once within
//! its language — so a comparison, filtered or not, reads a few hundred counts instead of
//! every answer.

use super::Questionnaire;

/// The filter key of a response's language: a filter like an answer to a closed question,
/// which every questionnaire response gives and conversations do not. The `@` keeps it apart
/// from question keys, which cannot hold one.
pub const LANGUAGE_FILTER: &str = "@taal";

/// One count a response adds one to. Empty `filter_key` and `filter_value` mean unfiltered;
/// an empty `value` counts the respondent as having answered `question`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TallyCell {
    pub filter_key: String,
    pub filter_value: String,
    pub question: String,
    pub value: String,
}

/// The cells of one response in `language`; `answers` are the stored values per question key.
pub fn tally_cells<'a>(
    questionnaire: &Questionnaire,
    language: &str,
    answers: impl Fn(&str) -> Option<&'a [String]>,
) -> Vec<TallyCell> {
    let closed: Vec<(&str, &[String])> = questionnaire
        .questions
        .iter()
        .filter(|q| q.kind.is_counted())
        .filter_map(|q| answers(&q.key).map(|v| (q.key.as_str(), v)))
        .collect();
    let mut filters = vec![(String::new(), String::new())];
    filters.extend(
        questionnaire
            .questions
            .iter()
            .filter(|q| q.kind.can_be_condition())
            .filter_map(|q| {
                let value = answers(&q.key)?.first()?;
                Some((q.key.clone(), value.clone()))
            }),
    );
    filters.push((LANGUAGE_FILTER.to_owned(), language.to_owned()));
    let mut cells = Vec::new();
    for (filter_key, filter_value) in &filters {
        // The response itself (question and value empty): how many responded.
        cells.push(TallyCell {
            filter_key: filter_key.clone(),
            filter_value: filter_value.clone(),
            question: String::new(),
            value: String::new(),
        });
        for (question, values) in &closed {
            for value in values.iter().map(String::as_str).chain([""]) {
                cells.push(TallyCell {
                    filter_key: filter_key.clone(),
                    filter_value: filter_value.clone(),
                    question: (*question).to_owned(),
                    value: value.to_owned(),
                });
            }
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::tests::{question, questionnaire};
    use crate::domain::{Audience, ChoiceOption, QuestionKind};
    use std::collections::BTreeMap;

    #[test]
    fn a_response_counts_once_unfiltered_and_once_per_filter_answer() {
        let options = |v: &[&str]| {
            v.iter()
                .map(|v| ChoiceOption {
                    value: (*v).into(),
                    label: (*v).into(),
                })
                .collect()
        };
        let youth = [Audience::Youth];
        let q = questionnaire(vec![
            question(
                "leeftijd",
                "t",
                QuestionKind::SingleChoice {
                    options: options(&["jong", "oud"]),
                },
                &youth,
            ),
            question(
                "redenen",
                "t",
                QuestionKind::MultipleChoice {
                    options: options(&["a", "b"]),
                },
                &youth,
            ),
            question(
                "tip",
                "t",
                QuestionKind::ShortText { max_chars: 200 },
                &youth,
            ),
        ]);
        let given: BTreeMap<String, Vec<String>> = [
            ("leeftijd".to_owned(), vec!["jong".to_owned()]),
            ("redenen".to_owned(), vec!["a".to_owned(), "b".to_owned()]),
            ("tip".to_owned(), vec!["Meer rust".to_owned()]),
        ]
        .into_iter()
        .collect();
        let cells = tally_cells(&q, "ar", |k| given.get(k).map(Vec::as_slice));
        let cell = |fk: &str, fv: &str, q: &str, v: &str| TallyCell {
            filter_key: fk.into(),
            filter_value: fv.into(),
            question: q.into(),
            value: v.into(),
        };
        // Unfiltered, within "leeftijd = jong" and within Arabic: the response, leeftijd
        // (value + answered) and redenen (two values + answered); the open answer is never
        // counted.
        assert_eq!(cells.len(), 3 * (1 + 2 + 3));
        assert!(cells.contains(&cell("leeftijd", "jong", "", "")));
        assert!(cells.contains(&cell(LANGUAGE_FILTER, "ar", "leeftijd", "jong")));
        assert!(cells.contains(&cell("", "", "redenen", "b")));
        assert!(cells.contains(&cell("", "", "redenen", "")));
        assert!(cells.contains(&cell("leeftijd", "jong", "redenen", "a")));
        assert!(!cells.iter().any(|c| c.question == "tip"));
    }
}
