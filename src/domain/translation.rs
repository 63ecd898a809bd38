//! Translations of what a respondent reads: a questionnaire's title and purpose, and per
//! question its wording, help and option labels, each given per language next to the Dutch.
//!
//! Every translated text remembers a fingerprint of the Dutch it was written from; when the
//! Dutch changes afterwards, the translation is out of date until someone looks at it again.
//! Answers are stored as option keys, never as labels, so answers in every language pool.

use super::{Audience, Question, QuestionKind, Questionnaire};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// The language every questionnaire is written in first.
pub const SOURCE_LANGUAGE: &str = "nl";

/// Where a text sits in a questionnaire. Written as `title`, `purpose.youth`,
/// `q.<question>.youth`, `q.<question>.help.youth` or `q.<question>.option.<value>`: the
/// unit ids of XLIFF files and the first column of translation spreadsheets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum TextRef {
    Title,
    Purpose(Audience),
    Wording(String, Audience),
    Help(String, Audience),
    Option(String, String),
}

impl fmt::Display for TextRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextRef::Title => f.write_str("title"),
            TextRef::Purpose(a) => write!(f, "purpose.{a}"),
            TextRef::Wording(q, a) => write!(f, "q.{q}.{a}"),
            TextRef::Help(q, a) => write!(f, "q.{q}.help.{a}"),
            TextRef::Option(q, v) => write!(f, "q.{q}.option.{v}"),
        }
    }
}

impl FromStr for TextRef {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let audience = |a: &str| {
            a.parse::<Audience>()
                .map_err(|_| format!("unknown text `{s}`"))
        };
        if s == "title" {
            return Ok(TextRef::Title);
        }
        if let Some(a) = s.strip_prefix("purpose.") {
            return Ok(TextRef::Purpose(audience(a)?));
        }
        let rest = s
            .strip_prefix("q.")
            .ok_or_else(|| format!("unknown text `{s}`"))?;
        // Question keys and option values hold no dots (checked keys; see `is_valid_key`).
        let (question, part) = rest
            .split_once('.')
            .ok_or_else(|| format!("unknown text `{s}`"))?;
        let question = question.to_owned();
        match part.split_once('.') {
            Some(("help", a)) => Ok(TextRef::Help(question, audience(a)?)),
            Some(("option", v)) if !v.is_empty() => Ok(TextRef::Option(question, v.to_owned())),
            None => Ok(TextRef::Wording(question, audience(part)?)),
            _ => Err(format!("unknown text `{s}`")),
        }
    }
}

impl From<TextRef> for String {
    fn from(r: TextRef) -> String {
        r.to_string()
    }
}

impl TryFrom<String> for TextRef {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

/// A short fingerprint of a Dutch text: 32 bits of FNV-1a over its UTF-8, as 8 hex digits.
/// Not a security measure; it only tells whether the Dutch changed.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.trim().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:08x}", (hash ^ (hash >> 32)) as u32)
}

/// One translated text and the fingerprint of the Dutch it was written from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translated {
    pub text: String,
    pub source: String,
}

impl Translated {
    /// A translation of `dutch` as it is now.
    pub fn of(dutch: &str, text: &str) -> Self {
        Self {
            text: text.trim().to_owned(),
            source: fingerprint(dutch),
        }
    }
}

/// The translations of one questionnaire: per language code, per text.
pub type Translations = BTreeMap<String, BTreeMap<TextRef, Translated>>;

/// How far a translated text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextState {
    Missing,
    /// Translated from Dutch that has changed since.
    OutOfDate,
    Current,
}

/// How complete one language of a questionnaire is for one audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Completeness {
    pub texts: usize,
    pub current: usize,
    pub out_of_date: usize,
}

impl Completeness {
    pub fn missing(&self) -> usize {
        self.texts - self.current - self.out_of_date
    }

    /// Everything the audience reads has a translation (some may be out of date).
    pub fn is_whole(&self) -> bool {
        self.texts > 0 && self.missing() == 0
    }
}

/// Whether a language code is one we accept: two or three lowercase letters, optionally a
/// region (`pt-br`), as in BCP 47 without the rarer parts.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or_default();
    let region = parts.next();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_lowercase()))
        && parts.next().is_none()
}

/// Languages written from right to left (by their primary subtag).
pub fn is_right_to_left(code: &str) -> bool {
    let language = code.split('-').next().unwrap_or_default();
    matches!(
        language,
        "ar" | "arc" | "ckb" | "dv" | "fa" | "he" | "ks" | "ps" | "sd" | "ug" | "ur" | "yi"
    )
}

/// The first of `offered` that an `Accept-Language` header asks for, by weight then order;
/// `ar-SA` asks for `ar`, `*` and weight 0 for nothing.
pub fn preferred<'a>(accept_language: &str, offered: &[&'a str]) -> Option<&'a str> {
    let mut asked: Vec<(u16, usize, String)> = accept_language
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim().to_ascii_lowercase();
            let weight =
                parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1000), |q| {
                        q.trim()
                            .parse::<f32>()
                            .ok()
                            .map(|q| (q.clamp(0.0, 1.0) * 1000.0) as u16)
                    })?;
            (weight > 0 && !tag.is_empty() && tag != "*").then_some((weight, i, tag))
        })
        .collect();
    asked.sort_by_key(|(weight, i, _)| (std::cmp::Reverse(*weight), *i));
    asked.iter().find_map(|(_, _, tag)| {
        let primary = tag.split('-').next().unwrap_or_default();
        offered
            .iter()
            .find(|o| **o == tag.as_str())
            .or_else(|| {
                offered
                    .iter()
                    .find(|o| o.split('-').next() == Some(primary))
            })
            .copied()
    })
}

/// The texts of one question as `(where, Dutch)`, for one audience or (none) for all.
fn question_sources(q: &Question, audience: Option<Audience>) -> Vec<(TextRef, &str)> {
    let mut out = Vec::new();
    for (a, wording) in &q.wording {
        if audience.is_some_and(|only| only != *a) {
            continue;
        }
        out.push((TextRef::Wording(q.key.clone(), *a), wording.text.as_str()));
        if let Some(help) = &wording.help {
            out.push((TextRef::Help(q.key.clone(), *a), help.as_str()));
        }
    }
    if let QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } =
        &q.kind
        && audience.is_none_or(|a| q.wording.contains_key(&a))
    {
        for o in options {
            out.push((
                TextRef::Option(q.key.clone(), o.value.clone()),
                o.label.as_str(),
            ));
        }
    }
    out
}

impl Questionnaire {
    /// Every Dutch text a respondent of `audience` reads (none: of any audience), in the
    /// order they meet them.
    pub fn sources(&self, audience: Option<Audience>) -> Vec<(TextRef, &str)> {
        let mut out = vec![(TextRef::Title, self.title.as_str())];
        for (a, purpose) in &self.purpose {
            if audience.is_none_or(|only| only == *a) {
                out.push((TextRef::Purpose(*a), purpose.as_str()));
            }
        }
        for q in &self.questions {
            out.extend(question_sources(q, audience));
        }
        out
    }

    /// The Dutch text at `at`, when the questionnaire has one there.
    pub fn source(&self, at: &TextRef) -> Option<&str> {
        match at {
            TextRef::Title => Some(&self.title),
            TextRef::Purpose(a) => self.purpose.get(a).map(String::as_str),
            TextRef::Wording(q, a) => self.question(q)?.wording.get(a).map(|w| w.text.as_str()),
            TextRef::Help(q, a) => self.question(q)?.wording.get(a)?.help.as_deref(),
            TextRef::Option(q, v) => match &self.question(q)?.kind {
                QuestionKind::SingleChoice { options }
                | QuestionKind::MultipleChoice { options } => options
                    .iter()
                    .find(|o| o.value == *v)
                    .map(|o| o.label.as_str()),
                _ => None,
            },
        }
    }

    /// How far the translation of one text into `language` is.
    pub fn text_state(&self, language: &str, at: &TextRef) -> TextState {
        let translated = self.translations.get(language).and_then(|t| t.get(at));
        match (translated, self.source(at)) {
            (Some(t), Some(dutch)) if t.source == fingerprint(dutch) => TextState::Current,
            (Some(_), Some(_)) => TextState::OutOfDate,
            _ => TextState::Missing,
        }
    }

    /// How complete `language` is for what `audience` reads.
    pub fn completeness(&self, language: &str, audience: Audience) -> Completeness {
        let mut c = Completeness::default();
        for (at, _) in self.sources(Some(audience)) {
            c.texts += 1;
            match self.text_state(language, &at) {
                TextState::Current => c.current += 1,
                TextState::OutOfDate => c.out_of_date += 1,
                TextState::Missing => {}
            }
        }
        c
    }

    /// The languages a respondent of `audience` can answer in: Dutch, then every language
    /// in which everything they read is translated.
    pub fn languages_for(&self, audience: Audience) -> Vec<&str> {
        std::iter::once(SOURCE_LANGUAGE)
            .chain(
                self.translations
                    .keys()
                    .map(String::as_str)
                    .filter(|l| self.completeness(l, audience).is_whole()),
            )
            .collect()
    }

    /// The questionnaire as a respondent reading `language` sees it: every translated text
    /// in place of the Dutch (Dutch where a text has no translation). Keys and values stay.
    pub fn in_language(&self, language: &str) -> Questionnaire {
        let mut out = self.clone();
        let Some(texts) = self.translations.get(language) else {
            return out;
        };
        let get = |at: TextRef| texts.get(&at).map(|t| t.text.clone());
        if let Some(title) = get(TextRef::Title) {
            out.title = title;
        }
        for (a, purpose) in out.purpose.iter_mut() {
            if let Some(text) = get(TextRef::Purpose(*a)) {
                *purpose = text;
            }
        }
        for q in &mut out.questions {
            for (a, wording) in q.wording.iter_mut() {
                if let Some(text) = get(TextRef::Wording(q.key.clone(), *a)) {
                    wording.text = text;
                }
                if let Some(text) = get(TextRef::Help(q.key.clone(), *a)) {
                    wording.help = Some(text);
                }
            }
            if let QuestionKind::SingleChoice { options }
            | QuestionKind::MultipleChoice { options } = &mut q.kind
            {
                for o in options {
                    if let Some(text) = get(TextRef::Option(q.key.clone(), o.value.clone())) {
                        o.label = text;
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ChoiceOption;
    use crate::domain::questionnaire::tests::{question, questionnaire};

    fn sample() -> Questionnaire {
        let mut choice = question(
            "reden",
            "t",
            QuestionKind::SingleChoice {
                options: vec![
                    ChoiceOption {
                        value: "pesten".into(),
                        label: "Pesten".into(),
                    },
                    ChoiceOption {
                        value: "ziek".into(),
                        label: "Ziek".into(),
                    },
                ],
            },
            &[Audience::Parent],
        );
        choice.wording.get_mut(&Audience::Parent).unwrap().help = Some("Kies er één.".into());
        let mut q = questionnaire(vec![
            question(
                "a",
                "t",
                QuestionKind::YesNo,
                &[Audience::Youth, Audience::Parent],
            ),
            choice,
        ]);
        q.purpose.insert(Audience::Parent, "Waarom".into());
        q
    }

    fn translate_all(q: &mut Questionnaire, language: &str, audience: Audience) {
        let texts: Vec<(TextRef, String)> = q
            .sources(Some(audience))
            .into_iter()
            .map(|(at, dutch)| (at, dutch.to_owned()))
            .collect();
        let table = q.translations.entry(language.into()).or_default();
        for (at, dutch) in texts {
            table.insert(at, Translated::of(&dutch, &format!("[{language}] {dutch}")));
        }
    }

    #[test]
    fn text_references_read_back() {
        for s in [
            "title",
            "purpose.parent",
            "q.graag-naar-school.youth",
            "q.leeftijd.help.parent",
            "q.redenen.option.10-12",
        ] {
            let at: TextRef = s.parse().unwrap();
            assert_eq!(at.to_string(), s);
        }
        for bad in [
            "",
            "q.",
            "q.a",
            "q.a.kind",
            "purpose.kat",
            "q.a.help.x",
            "q.a.option.",
        ] {
            assert!(bad.parse::<TextRef>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_language_is_offered_only_when_everything_the_audience_reads_is_translated() {
        let mut q = sample();
        assert_eq!(q.languages_for(Audience::Parent), ["nl"]);
        translate_all(&mut q, "tr", Audience::Youth);
        // Youth read the title and one question; parents also the purpose, a second question
        // with its help and options: of their 7 texts only the shared title is translated.
        assert_eq!(q.languages_for(Audience::Youth), ["nl", "tr"]);
        assert_eq!(q.languages_for(Audience::Parent), ["nl"]);
        let c = q.completeness("tr", Audience::Parent);
        assert_eq!((c.texts, c.current, c.missing()), (7, 1, 6));
        translate_all(&mut q, "tr", Audience::Parent);
        assert_eq!(q.languages_for(Audience::Parent), ["nl", "tr"]);
    }

    #[test]
    fn a_translation_is_out_of_date_when_its_dutch_changes() {
        let mut q = sample();
        translate_all(&mut q, "ar", Audience::Parent);
        let at = TextRef::Option("reden".into(), "ziek".into());
        assert_eq!(q.text_state("ar", &at), TextState::Current);
        if let QuestionKind::SingleChoice { options } = &mut q.questions[1].kind {
            options[1].label = "Ziek of moe".into();
        }
        assert_eq!(q.text_state("ar", &at), TextState::OutOfDate);
        let c = q.completeness("ar", Audience::Parent);
        assert_eq!((c.current, c.out_of_date), (6, 1));
        // Still offered: the respondent reads the older translation; the editor warns.
        assert!(c.is_whole());
        // Spaces around the Dutch do not count as a change.
        q.title = format!(" {} ", q.title);
        assert_eq!(q.text_state("ar", &TextRef::Title), TextState::Current);
    }

    #[test]
    fn a_questionnaire_in_another_language_keeps_its_keys_and_values() {
        let mut q = sample();
        translate_all(&mut q, "pl", Audience::Parent);
        let pl = q.in_language("pl");
        assert_eq!(pl.title, "[pl] Q");
        assert_eq!(pl.purpose[&Audience::Parent], "[pl] Waarom");
        let reden = pl.question("reden").unwrap();
        assert_eq!(reden.kind.values(), ["pesten", "ziek"]);
        assert_eq!(
            reden.wording[&Audience::Parent].help.as_deref(),
            Some("[pl] Kies er één.")
        );
        // Youth wording of `a` was not translated: it stays Dutch.
        assert_eq!(
            pl.question("a").unwrap().wording[&Audience::Youth].text,
            "a?"
        );
        assert_eq!(q.in_language("xx"), q);
    }

    #[test]
    fn the_browser_language_is_chosen_among_those_offered() {
        let offered = ["nl", "ar", "tr"];
        assert_eq!(preferred("ar-SA,ar;q=0.9,en;q=0.5", &offered), Some("ar"));
        assert_eq!(preferred("en-GB, tr;q=0.8, nl;q=0.9", &offered), Some("nl"));
        assert_eq!(preferred("de, TR", &offered), Some("tr"));
        assert_eq!(preferred("ar;q=0, tr;q=0.1", &offered), Some("tr"));
        assert_eq!(preferred("*, en", &offered), None);
        assert_eq!(preferred("", &offered), None);
        assert_eq!(preferred(";;,q=,;q=abc", &offered), None);
    }

    #[test]
    fn language_codes_and_directions() {
        for good in ["ar", "tr", "pl", "uk", "pap", "pt-br"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in ["", "a", "AR", "arab", "pt-", "pt-bra", "en-us-x"] {
            assert!(!is_language_code(bad), "{bad}");
        }
        assert!(is_right_to_left("ar") && is_right_to_left("fa-af"));
        assert!(!is_right_to_left("tr") && !is_right_to_left("nl"));
        assert_eq!(fingerprint("Ziek"), fingerprint(" Ziek\n"));
        assert_ne!(fingerprint("Ziek"), fingerprint("ziek"));
    }
}
