//! Finds what looks like personal data in open text (answers, quotes, insights), so that it
//! can be marked, reviewed and redacted before anyone but a researcher sees it. It errs on
//! the side of flagging: a researcher decides.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The kind of personal data a piece of text seems to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonalData {
    Email,
    Phone,
    Postcode,
    /// A nine-digit number that passes the BSN eleven-test.
    Bsn,
    /// A capitalised name after "ik ben", "mijn naam is", "juf", "meester", "mijn zoon", …
    Name,
}

impl PersonalData {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonalData::Email => "email",
            PersonalData::Phone => "phone",
            PersonalData::Postcode => "postcode",
            PersonalData::Bsn => "bsn",
            PersonalData::Name => "name",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Email,
            Self::Phone,
            Self::Postcode,
            Self::Bsn,
            Self::Name,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// One finding: its kind and where it is (byte offsets in the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: PersonalData,
    pub start: usize,
    pub end: usize,
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(\.[\w-]+)+").expect("valid pattern"));
/// Dutch phone numbers: 06-12345678, 0612345678, +31 6 1234 5678, 020-1234567, 0031 …
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+31|0031|\b0)[\s.-]*(?:\(0\)[\s.-]*)?\d(?:[\s.-]*\d){8}\b")
        .expect("valid pattern")
});
static POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[1-9]\d{3}\s?[A-Z]{2}\b").expect("valid pattern"));
static NINE_DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{4}[.\s]?\d{2}[.\s]?\d{3}\b|\b\d{9}\b").expect("valid pattern")
});
/// A cue, then a capitalised name (with Dutch particles) of one to three parts.
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:\b(?:ik\s+ben|ik\s+heet|mijn\s+naam\s+is|juf|juffrouw|meester|mijn\s+zoon|mijn\s+dochter|mijn\s+kind)\s+)((?:(?:van|de|der|den|het|ter|ten)\s+)*\p{Lu}[\p{L}'-]+(?:\s+(?:(?:van|de|der|den|het|ter|ten)\s+)*\p{Lu}[\p{L}'-]+){0,2})",
    )
    .expect("valid pattern")
});

/// The BSN eleven-test: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11.
fn passes_eleven_test(digits: &[u32]) -> bool {
    digits.len() == 9
        && digits.iter().any(|d| *d != 0)
        && digits
            .iter()
            .enumerate()
            .map(|(i, d)| {
                if i == 8 {
                    -(*d as i64)
                } else {
                    (9 - i as i64) * *d as i64
                }
            })
            .sum::<i64>()
            % 11
            == 0
}

/// Everything in `text` that looks like personal data, in order, without overlaps.
pub fn scan(text: &str) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    let mut add = |kind, start, end| found.push(Finding { kind, start, end });
    for m in EMAIL.find_iter(text) {
        add(PersonalData::Email, m.start(), m.end());
    }
    for m in NINE_DIGITS.find_iter(text) {
        let digits: Vec<u32> = m.as_str().chars().filter_map(|c| c.to_digit(10)).collect();
        if passes_eleven_test(&digits) {
            add(PersonalData::Bsn, m.start(), m.end());
        }
    }
    for m in PHONE.find_iter(text) {
        add(PersonalData::Phone, m.start(), m.end());
    }
    for m in POSTCODE.find_iter(text) {
        add(PersonalData::Postcode, m.start(), m.end());
    }
    for c in NAME.captures_iter(text) {
        if let Some(name) = c.get(1) {
            add(PersonalData::Name, name.start(), name.end());
        }
    }
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<Finding> = Vec::new();
    for f in found {
        if kept.last().is_none_or(|last| f.start >= last.end) {
            kept.push(f);
        }
    }
    kept
}

/// The text with every finding replaced by `[weggelaten]`; the original is not kept.
pub fn redact(text: &str, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in findings {
        if f.start < at || f.end > text.len() {
            continue;
        }
        out.push_str(&text[at..f.start]);
        out.push_str("[weggelaten]");
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use PersonalData::*;

    fn kinds(text: &str) -> Vec<(PersonalData, String)> {
        scan(text)
            .into_iter()
            .map(|f| (f.kind, text[f.start..f.end].to_owned()))
            .collect()
    }

    #[test]
    fn dutch_examples_that_must_be_flagged() {
        let cases: &[(&str, PersonalData, &str)] = &[
            (
                "Mail me op sanne.devries@gmail.com als het kan",
                Email,
                "sanne.devries@gmail.com",
            ),
            ("bel 06-12345678 na vieren", Phone, "06-12345678"),
            ("mijn nummer is 0612345678", Phone, "0612345678"),
            ("+31 6 1234 5678 is mijn moeder", Phone, "+31 6 1234 5678"),
            ("school: 020-1234567", Phone, "020-1234567"),
            ("wij wonen op 1234 AB in de wijk", Postcode, "1234 AB"),
            ("postcode 9712CP", Postcode, "9712CP"),
            ("mijn bsn is 111222333", Bsn, "111222333"),
            ("BSN 1112.22.333 staat op de brief", Bsn, "1112.22.333"),
            ("Hoi, ik ben Sanne en ik zit in 3 havo", Name, "Sanne"),
            ("Mijn naam is Mohammed el Amrani", Name, "Mohammed"),
            ("juf Petra luistert altijd", Name, "Petra"),
            ("meester Van der Berg is streng", Name, "Van der Berg"),
            ("mijn zoon Daan wil niet meer", Name, "Daan"),
            (
                "Mijn dochter Fatima de Vries zit thuis",
                Name,
                "Fatima de Vries",
            ),
        ];
        for (text, kind, expected) in cases {
            let found = kinds(text);
            assert!(
                found.iter().any(|(k, t)| k == kind && t == expected),
                "{text:?}: expected {kind:?} {expected:?}, found {found:?}"
            );
        }
    }

    #[test]
    fn dutch_examples_that_must_not_be_flagged() {
        for text in [
            "Ik ben bang dat ik het niet haal.",
            "ik ben moe en ik heb hoofdpijn",
            "De juf is aardig.",
            "mijn zoon is 14 jaar en zit in klas 3",
            "Het duurde 2 weken en 3 dagen.",
            "Ik gaf een 7 en toen een 8.",
            "We hebben 123456789 keer gebeld",
            "In 2024 was er niets, in groep 7 ook niet.",
            "Het kost 1250 euro per jaar",
            "Op school gaat het goed, behalve wiskunde.",
        ] {
            assert!(
                scan(text).is_empty(),
                "{text:?} flagged as {:?}",
                kinds(text)
            );
        }
    }

    #[test]
    fn redaction_replaces_and_keeps_the_rest() {
        let text = "Ik ben Sanne, bel 06-12345678.";
        assert_eq!(
            redact(text, &scan(text)),
            "Ik ben [weggelaten], bel [weggelaten]."
        );
    }
}
