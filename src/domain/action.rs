//! The plan van aanpak: actions per theme that a joint meeting agrees on, who takes them on
//! (an organisation or role, never a person), from when, how far they are, and the
//! indicators that should move — a closed question's share or mean, or a code's share among
//! an audience — read over the rounds before and after the action started.

use super::Audience;
use super::privacy;
use super::project::Wave;
use serde::{Deserialize, Serialize};
use time::Date;
use validator::Validate;

/// How far an action is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    Gepland,
    Bezig,
    Klaar,
    Gestopt,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [Self::Gepland, Self::Bezig, Self::Klaar, Self::Gestopt];

    /// The stable code, stored and posted.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gepland => "gepland",
            Self::Bezig => "bezig",
            Self::Klaar => "klaar",
            Self::Gestopt => "gestopt",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }
}

/// The longest description kept (as in its `validate` attribute; the test uses it).
#[cfg(test)]
const MAX_DESCRIPTION: u64 = 2000;

/// An action as typed, checked before it is stored.
#[derive(Debug, Clone, PartialEq, Validate)]
pub struct ActionDraft {
    pub theme: String,
    #[validate(length(min = 1, max = 200), custom(function = "no_personal_data"))]
    pub title: String,
    #[validate(length(max = 2000), custom(function = "no_personal_data"))]
    pub description: String,
    #[validate(length(min = 1, max = 120), custom(function = "no_personal_data"))]
    pub taken_on_by: String,
    pub starts_on: Date,
    pub status: ActionStatus,
}

/// A log entry as typed: what was made available or what it produced.
#[derive(Debug, Clone, PartialEq, Validate)]
pub struct LogDraft {
    pub noted_on: Date,
    #[validate(length(min = 1, max = 1000), custom(function = "no_personal_data"))]
    pub text: String,
    pub number: Option<f64>,
}

/// Plans are read by many: names, e-mail addresses and phone numbers stay out of them.
fn no_personal_data(text: &str) -> Result<(), validator::ValidationError> {
    if privacy::scan(text).is_empty() {
        Ok(())
    } else {
        Err(validator::ValidationError::new("personal_data"))
    }
}

/// What is wrong with a field of a typed action or log entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    Missing,
    TooLong,
    PersonalData,
    NotADate,
    NotANumber,
    Unknown,
}

/// The problems of a validated draft, per field name.
pub fn field_problems(errors: &validator::ValidationErrors) -> Vec<(&'static str, FieldProblem)> {
    let mut out: Vec<(&'static str, FieldProblem)> = errors
        .field_errors()
        .into_iter()
        .filter_map(|(field, errors)| {
            let field: &'static str = match field.as_ref() {
                "title" => "title",
                "description" => "description",
                "taken_on_by" => "taken_on_by",
                "text" => "text",
                _ => return None,
            };
            let problem = errors.iter().find_map(|e| match e.code.as_ref() {
                "personal_data" => Some(FieldProblem::PersonalData),
                "length" => Some(
                    if e.params
                        .get("min")
                        .is_some_and(|_| e.params.get("value").is_some_and(is_empty))
                    {
                        FieldProblem::Missing
                    } else {
                        FieldProblem::TooLong
                    },
                ),
                _ => None,
            })?;
            Some((field, problem))
        })
        .collect();
    out.sort_by_key(|(f, _)| *f);
    out
}

fn is_empty(value: &serde_json::Value) -> bool {
    value.as_str().is_some_and(str::is_empty)
}

/// Reads a date as a date field posts it (`2027-03-01`).
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(
        text.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// Reads an optional number as people type it (`12`, `3,5`, `3.5`); empty is none.
pub fn parse_number(text: &str) -> Result<Option<f64>, FieldProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && n.abs() < 1e12)
        .map(Some)
        .ok_or(FieldProblem::NotANumber)
}

/// What an indicator measures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Measure {
    /// A closed question of a questionnaire: the share agreeing or saying yes, or the mean
    /// mark — as the comparison's trend shows it.
    Question {
        questionnaire: String,
        question: String,
    },
    /// A code of the codebook: how many of the audience raised it, out of everyone heard.
    Code(i64),
}

impl Measure {
    /// The value of a choice list: `vraag:<questionnaire>/<question>` or `code:<id>`.
    pub fn to_value(&self) -> String {
        match self {
            Measure::Question {
                questionnaire,
                question,
            } => format!("vraag:{questionnaire}/{question}"),
            Measure::Code(id) => format!("code:{id}"),
        }
    }

    pub fn from_value(value: &str) -> Option<Self> {
        let (kind, rest) = value.trim().split_once(':')?;
        match kind {
            "vraag" => {
                let (questionnaire, question) = rest.split_once('/')?;
                (!questionnaire.is_empty() && !question.is_empty()).then(|| Measure::Question {
                    questionnaire: questionnaire.to_owned(),
                    question: question.to_owned(),
                })
            }
            "code" => rest.parse().ok().map(Measure::Code),
            _ => None,
        }
    }
}

/// An indicator of an action: a measure among one audience.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Indicator {
    pub id: i64,
    pub audience: Audience,
    pub measure: Measure,
}

/// Where a round stands to the day an action started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// The round closed before the action started: a measurement from before.
    Before,
    /// The action started while the round was open.
    During,
    /// The round opened on or after the start: a measurement from after.
    After,
}

pub fn timing(wave: &Wave, starts_on: Date) -> Timing {
    if wave.closes < starts_on {
        Timing::Before
    } else if wave.opens >= starts_on {
        Timing::After
    } else {
        Timing::During
    }
}

/// The rounds to set against each other (oldest first in `waves`): the last one from before
/// the action started and the last one after it, among those for which `has_value` — or
/// none when either is missing.
pub fn before_and_after(
    waves: &[Wave],
    starts_on: Date,
    has_value: impl Fn(&Wave) -> bool,
) -> Option<(&Wave, &Wave)> {
    let last = |t: Timing| {
        waves
            .iter()
            .rfind(|w| timing(w, starts_on) == t && has_value(w))
    };
    Some((last(Timing::Before)?, last(Timing::After)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn wave(key: &str, opens: Date, closes: Date) -> Wave {
        Wave {
            key: key.into(),
            name: key.into(),
            opens,
            closes,
        }
    }

    #[test]
    fn statuses_and_measures_read_back_what_they_write() {
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(ActionStatus::parse("af"), None);
        for m in [
            Measure::Question {
                questionnaire: "naar-school".into(),
                question: "veilig".into(),
            },
            Measure::Code(17),
        ] {
            assert_eq!(Measure::from_value(&m.to_value()), Some(m));
        }
        for bad in ["", "vraag:", "vraag:a", "vraag:/b", "code:x", "thema:1"] {
            assert_eq!(Measure::from_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_draft_without_a_title_or_with_a_name_is_refused() {
        let good = ActionDraft {
            theme: "t".into(),
            title: "Inloopspreekuur jeugdhulp op school".into(),
            description: String::new(),
            taken_on_by: "Wijkteam Noord".into(),
            starts_on: date!(2027 - 01 - 15),
            status: ActionStatus::Gepland,
        };
        assert!(good.validate().is_ok());
        let bad = ActionDraft {
            title: String::new(),
            taken_on_by: "juf Petra".into(),
            description: "x".repeat(MAX_DESCRIPTION as usize + 1),
            ..good.clone()
        };
        let problems = field_problems(&bad.validate().unwrap_err());
        assert_eq!(
            problems,
            vec![
                ("description", FieldProblem::TooLong),
                ("taken_on_by", FieldProblem::PersonalData),
                ("title", FieldProblem::Missing),
            ]
        );
        let mailed = ActionDraft {
            taken_on_by: "bel 06-12345678".into(),
            ..good
        };
        assert!(mailed.validate().is_err());
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number(" 12 "), Ok(Some(12.0)));
        assert_eq!(parse_number("3,5"), Ok(Some(3.5)));
        assert_eq!(parse_number("veel"), Err(FieldProblem::NotANumber));
        assert_eq!(parse_number("inf"), Err(FieldProblem::NotANumber));
        assert_eq!(parse_date("2027-02-30"), None);
        assert_eq!(parse_date("2027-02-28"), Some(date!(2027 - 02 - 28)));
    }

    #[test]
    fn rounds_are_before_during_or_after_the_start() {
        let waves = [
            wave("v26", date!(2026 - 03 - 01), date!(2026 - 04 - 30)),
            wave("n26", date!(2026 - 10 - 01), date!(2026 - 11 - 30)),
            wave("v27", date!(2027 - 03 - 01), date!(2027 - 04 - 30)),
            wave("n27", date!(2027 - 10 - 01), date!(2027 - 11 - 30)),
        ];
        let start = date!(2026 - 11 - 15);
        let t: Vec<Timing> = waves.iter().map(|w| timing(w, start)).collect();
        assert_eq!(
            t,
            [Timing::Before, Timing::During, Timing::After, Timing::After]
        );
        // The last before and the last after with a value.
        let (b, a) = before_and_after(&waves, start, |_| true).unwrap();
        assert_eq!((b.key.as_str(), a.key.as_str()), ("v26", "n27"));
        let (_, a) = before_and_after(&waves, start, |w| w.key != "n27").unwrap();
        assert_eq!(a.key, "v27");
        // Started before every round: nothing to set against.
        assert!(before_and_after(&waves, date!(2025 - 01 - 01), |_| true).is_none());
        // A round starting on the day counts as after.
        assert_eq!(timing(&waves[2], date!(2027 - 03 - 01)), Timing::After);
    }
}
