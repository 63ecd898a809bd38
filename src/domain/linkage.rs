//! The linkage code (zelfgemaakte koppelcode): a few stable questions only the respondent can
//! answer ("the first letter of your mother's or carer's first name"), which give the same
//! answers round after round, so the same young people can be followed without anyone
//! knowing who they are.
//!
//! This module holds what a code is made of and how its answers are read, for the browser
//! and the server alike. The answers are sealed (keyed hashes, `server::linkage_key`) before
//! anything is stored; matching rounds is `matching`, the paired change `paired`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a respondent sends instead of a code.
pub const DECLINED: &str = "liever-niet";
/// The prefix of a sealed part value (`part=#<hex>`): never the start of a typed answer.
pub const SEALED: char = '#';

/// What kind of answer a part takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PartKind {
    /// One letter, A to Z; accents and case are ignored.
    Letter,
    /// A whole number from `min` to `max`; `max` also stands for "`max` or more".
    Number { min: u8, max: u8 },
    /// A month, 1 to 12.
    Month,
    /// One of a few fixed answers (the catalogue's eye colour).
    Choice { options: Vec<String> },
}

/// How often the answer to a part changes between rounds, as the research on
/// self-generated codes reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stability {
    /// Almost never answered differently.
    VeryStable,
    /// Now and then answered differently.
    Stable,
    /// More often answered differently: use it with others.
    LessStable,
}

/// One part of a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodePart {
    /// Stable key: the same part in two rounds has the same key.
    pub key: String,
    pub kind: PartKind,
    /// The researcher's own wording (Dutch); catalogue parts are worded in `locales/`
    /// (`linkage-part-<key>`), in every language the app speaks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A part the research recommends: stable, known to the respondent, not sensitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CataloguePart {
    pub key: &'static str,
    pub stability: Stability,
    /// In the default set of a new code.
    pub recommended: bool,
}

/// The catalogue, most stable first. Sources: Grube et al. (Irish pupils), EU-Dap, J Adolesc
/// Health 2017 (8 parts, 95.7 % matched allowing 2 changed parts), Yurek et al. 2008 (match
/// rates fall over 12–18 months). Names of parents and birth dates are the most stable;
/// siblings and places less; eye colour least.
pub const CATALOGUE: [CataloguePart; 9] = [
    CataloguePart {
        key: "moeder-letter",
        stability: Stability::VeryStable,
        recommended: true,
    },
    CataloguePart {
        key: "vader-letter",
        stability: Stability::VeryStable,
        recommended: true,
    },
    CataloguePart {
        key: "eigen-letter",
        stability: Stability::VeryStable,
        recommended: true,
    },
    CataloguePart {
        key: "geboortemaand",
        stability: Stability::VeryStable,
        recommended: true,
    },
    CataloguePart {
        key: "geboortedag",
        stability: Stability::Stable,
        recommended: true,
    },
    CataloguePart {
        key: "achternaam-tweede-letter",
        stability: Stability::Stable,
        recommended: true,
    },
    CataloguePart {
        key: "oudere-broers-zussen",
        stability: Stability::Stable,
        recommended: false,
    },
    CataloguePart {
        key: "geboorteplaats-letter",
        stability: Stability::LessStable,
        recommended: false,
    },
    CataloguePart {
        key: "oogkleur",
        stability: Stability::LessStable,
        recommended: false,
    },
];

/// The answers of the catalogue's eye colour part.
pub const EYE_COLOURS: [&str; 5] = ["bruin", "blauw", "groen", "grijs", "anders"];

/// A catalogue part as a part of a code.
pub fn catalogue_part(key: &str) -> Option<CodePart> {
    let kind = match key {
        "moeder-letter"
        | "vader-letter"
        | "eigen-letter"
        | "achternaam-tweede-letter"
        | "geboorteplaats-letter" => PartKind::Letter,
        "geboortemaand" => PartKind::Month,
        "geboortedag" => PartKind::Number { min: 1, max: 31 },
        "oudere-broers-zussen" => PartKind::Number { min: 0, max: 5 },
        "oogkleur" => PartKind::Choice {
            options: EYE_COLOURS.iter().map(|c| (*c).to_owned()).collect(),
        },
        _ => return None,
    };
    Some(CodePart {
        key: key.to_owned(),
        kind,
        text: None,
    })
}

/// The fewest and most parts a code may have: fewer give too many chance matches in a
/// large round, more make it a chore.
pub const PARTS: std::ops::RangeInclusive<usize> = 4..=10;

/// How many parts may differ between two rounds by default (a project can set 0 to 3): one
/// part allowed to differ raised exact matches from 71 % to 88 % (Grube et al.).
pub const DEFAULT_TOLERANCE: u8 = 1;
/// The most parts a project may allow to differ.
pub const MAX_TOLERANCE: u8 = 3;

/// A problem the respondent can fix in the code block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeProblem {
    /// Some parts were left empty (and "liever niet" was not chosen).
    Incomplete,
    /// A letter part holds something else than one letter.
    NotALetter,
}

/// A respondent's code: declined, or one answer per part. The server seals every answer
/// before it is kept anywhere; a `Raw` value never reaches storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeAnswer {
    Declined,
    Parts(BTreeMap<String, PartValue>),
}

/// One part's answer: as typed (normalised), or sealed into its keyed hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartValue {
    Raw(String),
    Sealed(String),
}

impl PartValue {
    /// The value as the form field and the draft carry it.
    pub fn field_value(&self) -> String {
        match self {
            PartValue::Raw(v) => v.clone(),
            PartValue::Sealed(h) => format!("{SEALED}{h}"),
        }
    }
}

/// Whether `value` is a sealed part value: `#` and 32 lowercase hex digits.
fn sealed(value: &str) -> Option<&str> {
    let hash = value.strip_prefix(SEALED)?;
    (hash.len() == 32 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .then_some(hash)
}

/// Folds a typed letter to A–Z: accents off, case up. None when it is not one letter.
pub fn normalise_letter(typed: &str) -> Option<char> {
    let mut chars = typed.trim().chars();
    let first = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let folded = match first.to_lowercase().next()? {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ĳ' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ş' | 'š' => 's',
        'ğ' => 'g',
        'ł' => 'l',
        'ż' | 'ź' | 'ž' => 'z',
        c => c,
    };
    folded
        .is_ascii_lowercase()
        .then(|| folded.to_ascii_uppercase())
}

/// Why the values sent for a code block cannot be read: a request no form of ours sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tampered(pub String);

/// Reads the values a code block sent (`part=value` per part, or [`DECLINED`]) into an
/// answer. Outer error: a tampered request; inner: what the respondent must fix. None: the
/// block was left empty.
pub fn read_code(
    parts: &[CodePart],
    values: &[&str],
) -> Result<Result<Option<CodeAnswer>, CodeProblem>, Tampered> {
    if values.contains(&DECLINED) {
        return Ok(Ok(Some(CodeAnswer::Declined)));
    }
    let mut given = BTreeMap::new();
    let mut problem = None;
    for value in values {
        let (key, typed) = value
            .split_once('=')
            .ok_or_else(|| Tampered((*value).to_owned()))?;
        let part = parts
            .iter()
            .find(|p| p.key == key)
            .ok_or_else(|| Tampered(key.to_owned()))?;
        let typed = typed.trim();
        if typed.is_empty() {
            continue;
        }
        let read = if let Some(hash) = sealed(typed) {
            PartValue::Sealed(hash.to_owned())
        } else {
            match &part.kind {
                PartKind::Letter => match normalise_letter(typed) {
                    Some(letter) => PartValue::Raw(letter.to_string()),
                    None => {
                        problem = Some(CodeProblem::NotALetter);
                        continue;
                    }
                },
                PartKind::Number { min, max } => match typed.parse::<u8>() {
                    Ok(n) if (*min..=*max).contains(&n) => PartValue::Raw(n.to_string()),
                    _ => return Err(Tampered(typed.to_owned())),
                },
                PartKind::Month => match typed.parse::<u8>() {
                    Ok(n @ 1..=12) => PartValue::Raw(n.to_string()),
                    _ => return Err(Tampered(typed.to_owned())),
                },
                PartKind::Choice { options } => {
                    if !options.iter().any(|o| o == typed) {
                        return Err(Tampered(typed.to_owned()));
                    }
                    PartValue::Raw(typed.to_owned())
                }
            }
        };
        if given.insert(key.to_owned(), read).is_some() {
            return Err(Tampered(key.to_owned()));
        }
    }
    if let Some(problem) = problem {
        return Ok(Err(problem));
    }
    if given.is_empty() {
        return Ok(Ok(None));
    }
    if given.len() < parts.len() {
        return Ok(Err(CodeProblem::Incomplete));
    }
    Ok(Ok(Some(CodeAnswer::Parts(given))))
}

/// The form values of an answer, as `read_code` reads them back.
pub fn field_values(answer: &CodeAnswer) -> Vec<String> {
    match answer {
        CodeAnswer::Declined => vec![DECLINED.to_owned()],
        CodeAnswer::Parts(parts) => parts
            .iter()
            .map(|(k, v)| format!("{k}={}", v.field_value()))
            .collect(),
    }
}

/// Reads the editor's lines of parts: a catalogue key, `key: question` (an own letter part)
/// or `key [min-max]: question` (an own number part). Unknown keys without a question are
/// kept as they are, for the checks to report.
pub fn parts_from_lines(text: &str) -> Vec<CodePart> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let Some((head, question)) = line.split_once(':') else {
                return catalogue_part(line).unwrap_or_else(|| CodePart {
                    key: line.to_owned(),
                    kind: PartKind::Letter,
                    text: None,
                });
            };
            let head = head.trim();
            let (key, kind) = match head.split_once('[') {
                Some((key, range)) => {
                    let range = range.trim_end_matches(']');
                    let (min, max) = range.split_once('-').unwrap_or((range, ""));
                    match (min.trim().parse(), max.trim().parse()) {
                        (Ok(min), Ok(max)) => (key.trim(), PartKind::Number { min, max }),
                        // An empty range, for the checks to report.
                        _ => (key.trim(), PartKind::Number { min: 0, max: 0 }),
                    }
                }
                None => (head, PartKind::Letter),
            };
            CodePart {
                key: key.to_owned(),
                kind,
                text: Some(question.trim().to_owned()),
            }
        })
        .collect()
}

/// The editor's lines of parts, as `parts_from_lines` reads them back.
pub fn parts_to_lines(parts: &[CodePart]) -> String {
    parts
        .iter()
        .map(|p| match (&p.text, &p.kind) {
            (None, _) => p.key.clone(),
            (Some(text), PartKind::Number { min, max }) => {
                format!("{} [{min}-{max}]: {text}", p.key)
            }
            (Some(text), _) => format!("{}: {text}", p.key),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Vec<CodePart> {
        [
            "moeder-letter",
            "geboortemaand",
            "oudere-broers-zussen",
            "oogkleur",
        ]
        .iter()
        .map(|k| catalogue_part(k).unwrap())
        .collect()
    }

    #[test]
    fn every_catalogue_part_has_a_kind() {
        for part in CATALOGUE {
            assert!(catalogue_part(part.key).is_some(), "{}", part.key);
        }
        let recommended = CATALOGUE.iter().filter(|p| p.recommended).count();
        assert!(PARTS.contains(&recommended));
    }

    #[test]
    fn the_editor_lines_read_back() {
        let text = "moeder-letter\ngeboortemaand\nhuisdier: Eerste letter van je huisdier?\nkamers [1-9]: Hoeveel kamers?";
        let parts = parts_from_lines(text);
        assert_eq!(parts[1], catalogue_part("geboortemaand").unwrap());
        assert_eq!(parts[2].kind, PartKind::Letter);
        assert_eq!(parts[3].kind, PartKind::Number { min: 1, max: 9 });
        assert_eq!(parts_to_lines(&parts), text);
    }

    #[test]
    fn letters_fold_accents_and_case() {
        assert_eq!(normalise_letter(" é "), Some('E'));
        assert_eq!(normalise_letter("m"), Some('M'));
        assert_eq!(normalise_letter("Ş"), Some('S'));
        assert_eq!(normalise_letter("ab"), None);
        assert_eq!(normalise_letter("3"), None);
        assert_eq!(normalise_letter(""), None);
    }

    #[test]
    fn a_code_is_read_whole_declined_or_sent_back() {
        let p = parts();
        let all = [
            "moeder-letter=ë",
            "geboortemaand=3",
            "oudere-broers-zussen=0",
            "oogkleur=groen",
        ];
        let Ok(Ok(Some(CodeAnswer::Parts(read)))) = read_code(&p, &all) else {
            panic!("not read");
        };
        assert_eq!(read["moeder-letter"], PartValue::Raw("E".into()));
        assert_eq!(read_code(&p, &[]), Ok(Ok(None)));
        assert_eq!(
            read_code(&p, &["moeder-letter=", DECLINED]),
            Ok(Ok(Some(CodeAnswer::Declined)))
        );
        assert_eq!(read_code(&p, &all[..2]), Ok(Err(CodeProblem::Incomplete)));
        assert_eq!(
            read_code(&p, &["moeder-letter=12", "geboortemaand=3"]),
            Ok(Err(CodeProblem::NotALetter))
        );
        for tampered in [
            "geboortemaand=13",
            "oogkleur=paars",
            "schoenmaat=40",
            "moeder-letter",
            "oudere-broers-zussen=6",
        ] {
            assert!(read_code(&p, &[tampered]).is_err(), "{tampered}");
        }
        assert!(read_code(&p, &["geboortemaand=3", "geboortemaand=4"]).is_err());
    }

    #[test]
    fn sealed_values_read_back_as_sealed() {
        let p = parts();
        let hash = "0123456789abcdef0123456789abcdef";
        let answer = CodeAnswer::Parts(
            p.iter()
                .map(|part| (part.key.clone(), PartValue::Sealed(hash.into())))
                .collect(),
        );
        let values = field_values(&answer);
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        assert_eq!(read_code(&p, &values), Ok(Ok(Some(answer))));
        // Not quite a seal: read as typed, and refused as a month.
        assert!(read_code(&p, &["geboortemaand=#0123"]).is_err());
    }
}
