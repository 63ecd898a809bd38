//! The questionnaire definition file (TOML): parsing and checking, with every problem
//! reported at its line. The format is documented in `docs/questionnaire-format.md`.

use super::checks::{QuestionProblem, is_valid_key, question_problems};
use super::linkage::{CodePart, PartKind, catalogue_part};
use super::questionnaire::{LONG_TEXT_MAX, SHORT_TEXT_MAX};
use super::translation::{
    SOURCE_LANGUAGE, TextRef, Translated, Translations, fingerprint, is_language_code,
};
use super::{
    Audience, ChoiceOption, Condition, InvitationCode, LinkSpec, Project, Question, QuestionKind,
    Questionnaire, Theme, Wave, Wording,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use toml::Spanned;
use validator::{Validate, ValidationErrors};

/// A checked definition: everything in it refers to something that exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub project: Project,
    pub themes: Vec<Theme>,
    pub waves: Vec<Wave>,
    pub questionnaires: Vec<Questionnaire>,
    pub links: Vec<LinkSpec>,
}

/// One problem in a definition file, at a line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

/// Every problem found in a definition file; nothing is stored when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "line {}: {}", p.line, p.message)?;
        }
        Ok(())
    }
}

#[derive(Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct RawFile {
    project: Spanned<RawProject>,
    #[serde(default)]
    themes: Vec<Spanned<RawTheme>>,
    #[serde(default)]
    waves: Vec<Spanned<RawWave>>,
    #[serde(default)]
    questionnaires: Vec<Spanned<RawQuestionnaire>>,
    #[serde(default)]
    links: Vec<Spanned<RawLink>>,
}

#[derive(Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct RawProject {
    #[validate(custom(function = "valid_key"))]
    key: String,
    #[validate(length(min = 1, max = 200, message = "name must be 1 to 200 characters"))]
    name: String,
    #[serde(default)]
    #[validate(length(max = 5000, message = "description must be at most 5000 characters"))]
    description: String,
    /// The audiences addressed with "u" in Dutch.
    #[serde(default)]
    formal: Vec<Audience>,
}

#[derive(Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    #[validate(custom(function = "valid_key"))]
    key: String,
    #[validate(length(min = 1, max = 300, message = "title must be 1 to 300 characters"))]
    title: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct RawWave {
    #[validate(custom(function = "valid_key"))]
    key: String,
    #[validate(length(min = 1, max = 200, message = "name must be 1 to 200 characters"))]
    name: String,
    opens: toml::value::Datetime,
    closes: toml::value::Datetime,
}

#[derive(Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaire {
    #[validate(custom(function = "valid_key"))]
    key: String,
    #[validate(length(min = 1, max = 200, message = "title must be 1 to 200 characters"))]
    title: String,
    #[validate(range(min = 1, max = 120, message = "minutes must be between 1 and 120"))]
    minutes: u32,
    #[serde(default)]
    purpose: BTreeMap<Audience, String>,
    /// Title and purpose in other languages, by language code.
    #[serde(default)]
    translations: BTreeMap<String, RawQuestionnaireTexts>,
    #[serde(default)]
    questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    Agreement,
    SingleChoice,
    MultipleChoice,
    Mark,
    YesNo,
    ShortText,
    LongText,
    LinkageCode,
}

/// A part of a linkage code: a catalogue key, or an own part.
#[derive(Deserialize, Serialize, Clone)]
#[serde(untagged)]
enum RawPart {
    Catalogue(String),
    Own(RawOwnPart),
}

#[derive(Deserialize, Serialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawOwnPart {
    key: String,
    text: String,
    /// `letter`, `month` or `number` (with `min` and `max`).
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<u8>,
}

impl RawPart {
    /// The part, or what is wrong with it.
    fn part(&self) -> Result<CodePart, String> {
        match self {
            RawPart::Catalogue(key) => {
                catalogue_part(key).ok_or_else(|| format!("part `{key}` is not in the catalogue"))
            }
            RawPart::Own(own) => {
                let kind = match (own.kind.as_str(), own.min, own.max) {
                    ("letter", None, None) => PartKind::Letter,
                    ("month", None, None) => PartKind::Month,
                    ("number", Some(min), Some(max)) => PartKind::Number { min, max },
                    _ => {
                        return Err(format!(
                            "part `{}`: kind is letter, month or number (number with min and max)",
                            own.key
                        ));
                    }
                };
                Ok(CodePart {
                    key: own.key.clone(),
                    kind,
                    text: Some(own.text.trim().to_owned()),
                })
            }
        }
    }

    fn of(part: &CodePart) -> RawPart {
        let Some(text) = &part.text else {
            return RawPart::Catalogue(part.key.clone());
        };
        let (kind, min, max) = match &part.kind {
            PartKind::Letter => ("letter", None, None),
            PartKind::Month => ("month", None, None),
            PartKind::Number { min, max } => ("number", Some(*min), Some(*max)),
            PartKind::Choice { .. } => ("choice", None, None),
        };
        RawPart::Own(RawOwnPart {
            key: part.key.clone(),
            text: text.clone(),
            kind: kind.to_owned(),
            min,
            max,
        })
    }
}

#[derive(Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    #[validate(custom(function = "valid_key"))]
    key: String,
    theme: String,
    #[serde(rename = "type")]
    kind: RawKind,
    #[serde(default = "yes")]
    required: bool,
    youth: Option<String>,
    parent: Option<String>,
    professional: Option<String>,
    #[serde(default)]
    help: BTreeMap<Audience, String>,
    options: Option<Vec<RawOption>>,
    max_chars: Option<usize>,
    /// The parts of a linkage code.
    parts: Option<Vec<RawPart>>,
    show_if: Option<RawCondition>,
    /// Wording, help and option labels in other languages, by language code.
    #[serde(default)]
    translations: BTreeMap<String, RawQuestionTexts>,
}

/// A questionnaire's title and purpose in one language.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaireTexts {
    title: Option<String>,
    #[serde(default)]
    purpose: BTreeMap<Audience, String>,
    #[serde(default)]
    from: BTreeMap<String, String>,
}

/// A question's texts in one language. `from` holds per text the fingerprint of the Dutch it
/// was translated from (Samenspraak writes it; a text without one counts as translated from
/// the Dutch as it is in the file).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionTexts {
    youth: Option<String>,
    parent: Option<String>,
    professional: Option<String>,
    #[serde(default)]
    help: BTreeMap<Audience, String>,
    #[serde(default)]
    options: BTreeMap<String, String>,
    #[serde(default)]
    from: BTreeMap<String, String>,
}

impl RawQuestionnaireTexts {
    fn texts(&self) -> Vec<(TextRef, &str)> {
        let title = self.title.as_deref().map(|t| (TextRef::Title, t));
        let purpose = self
            .purpose
            .iter()
            .map(|(a, p)| (TextRef::Purpose(*a), p.as_str()));
        title.into_iter().chain(purpose).collect()
    }
}

impl RawQuestionTexts {
    fn texts(&self, question: &str) -> Vec<(TextRef, &str)> {
        let q = || question.to_owned();
        let wording = [
            (Audience::Youth, &self.youth),
            (Audience::Parent, &self.parent),
            (Audience::Professional, &self.professional),
        ]
        .into_iter()
        .filter_map(|(a, t)| Some((TextRef::Wording(q(), a), t.as_deref()?)));
        let help = self
            .help
            .iter()
            .map(|(a, h)| (TextRef::Help(q(), *a), h.as_str()));
        let options = self
            .options
            .iter()
            .map(|(v, l)| (TextRef::Option(q(), v.clone()), l.as_str()));
        wording.chain(help).chain(options).collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    value: String,
    label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    question: String,
    equals: String,
}

#[derive(Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct RawLink {
    questionnaire: String,
    audience: Audience,
    wave: String,
    #[validate(length(min = 1, max = 100, message = "group must be 1 to 100 characters"))]
    group: Option<String>,
    code: Option<String>,
}

fn yes() -> bool {
    true
}

fn valid_key(key: &str) -> Result<(), validator::ValidationError> {
    if is_valid_key(key) {
        Ok(())
    } else {
        let mut error = validator::ValidationError::new("key");
        error.message = Some(
            format!("key `{key}` must be 1 to 63 of a-z, 0-9, `_` and `-`, starting with a letter or digit").into(),
        );
        Err(error)
    }
}

/// Collects problems with the line of the table they were found in.
struct Report<'a> {
    source: &'a str,
    problems: Vec<Problem>,
}

impl Report<'_> {
    fn at<T>(&mut self, item: &Spanned<T>, message: impl Into<String>) {
        let line = self.source[..item.span().start.min(self.source.len())]
            .matches('\n')
            .count()
            + 1;
        self.problems.push(Problem {
            line,
            message: message.into(),
        });
    }

    fn validate<T: Validate>(&mut self, item: &Spanned<T>, what: &str) {
        if let Err(errors) = item.get_ref().validate() {
            for message in flatten(&errors) {
                self.at(item, format!("{what}: {message}"));
            }
        }
    }

    /// Reports the second and later occurrence of each key.
    fn unique<'k, T>(
        &mut self,
        items: impl IntoIterator<Item = (&'k str, &'k Spanned<T>)>,
        what: &str,
    ) where
        T: 'k,
    {
        let mut seen = HashSet::new();
        for (key, item) in items {
            if !seen.insert(key) {
                self.at(item, format!("{what} `{key}` is defined twice"));
            }
        }
    }
}

fn flatten(errors: &ValidationErrors) -> Vec<String> {
    errors
        .field_errors()
        .into_iter()
        .flat_map(|(field, list)| {
            list.iter().map(move |e| match &e.message {
                Some(m) => m.to_string(),
                None => format!("{field} is not valid"),
            })
        })
        .collect()
}

/// Parses and checks a definition file. Either everything is right, or every problem is
/// reported with its line number.
pub fn parse(source: &str) -> Result<Definition, Problems> {
    let raw: RawFile = toml::from_str(source).map_err(|e| {
        let line = e
            .span()
            .map(|s| source[..s.start.min(source.len())].matches('\n').count() + 1)
            .unwrap_or(1);
        Problems(vec![Problem {
            line,
            message: e.message().to_owned(),
        }])
    })?;
    let mut report = Report {
        source,
        problems: Vec::new(),
    };

    report.validate(&raw.project, "project");
    for theme in &raw.themes {
        report.validate(theme, "theme");
    }
    report.unique(
        raw.themes.iter().map(|t| (t.get_ref().key.as_str(), t)),
        "theme",
    );
    let theme_keys: HashSet<&str> = raw
        .themes
        .iter()
        .map(|t| t.get_ref().key.as_str())
        .collect();

    let waves: Vec<Wave> = raw
        .waves
        .iter()
        .filter_map(|w| check_wave(&mut report, w))
        .collect();
    report.unique(
        raw.waves.iter().map(|w| (w.get_ref().key.as_str(), w)),
        "wave",
    );

    let questionnaires: Vec<Questionnaire> = raw
        .questionnaires
        .iter()
        .map(|q| check_questionnaire(&mut report, q, &theme_keys))
        .collect();
    report.unique(
        raw.questionnaires
            .iter()
            .map(|q| (q.get_ref().key.as_str(), q)),
        "questionnaire",
    );

    let links = raw
        .links
        .iter()
        .filter_map(|l| check_link(&mut report, l, &questionnaires, &waves))
        .collect::<Vec<_>>();
    let mut codes = HashSet::new();
    for (link, raw_link) in links.iter().zip(&raw.links) {
        if let Some(code) = &link.code
            && !codes.insert(code.as_str().to_owned())
        {
            report.at(raw_link, format!("link code `{code}` is used twice"));
        }
    }

    if !report.problems.is_empty() {
        report.problems.sort_by_key(|p| p.line);
        return Err(Problems(report.problems));
    }
    let project = raw.project.into_inner();
    Ok(Definition {
        project: Project {
            key: project.key,
            name: project.name,
            description: project.description,
            formal: {
                let mut formal = project.formal;
                formal.sort();
                formal.dedup();
                formal
            },
        },
        themes: raw
            .themes
            .into_iter()
            .map(|t| {
                let t = t.into_inner();
                Theme {
                    key: t.key,
                    title: t.title,
                    description: t.description,
                }
            })
            .collect(),
        waves,
        questionnaires,
        links,
    })
}

fn date_of(
    report: &mut Report,
    wave: &Spanned<RawWave>,
    value: &toml::value::Datetime,
    name: &str,
) -> Option<time::Date> {
    let date = value
        .date
        .filter(|_| value.time.is_none() && value.offset.is_none());
    let parsed = date.and_then(|d| {
        let month = time::Month::try_from(d.month).ok()?;
        time::Date::from_calendar_date(i32::from(d.year), month, d.day).ok()
    });
    if parsed.is_none() {
        report.at(
            wave,
            format!(
                "wave `{}`: {name} must be a date such as 2026-03-01",
                wave.get_ref().key
            ),
        );
    }
    parsed
}

fn check_wave(report: &mut Report, wave: &Spanned<RawWave>) -> Option<Wave> {
    report.validate(wave, "wave");
    let raw = wave.get_ref();
    let opens = date_of(report, wave, &raw.opens, "opens");
    let closes = date_of(report, wave, &raw.closes, "closes");
    let (opens, closes) = (opens?, closes?);
    if closes < opens {
        report.at(wave, format!("wave `{}` closes before it opens", raw.key));
        return None;
    }
    Some(Wave {
        key: raw.key.clone(),
        name: raw.name.clone(),
        opens,
        closes,
    })
}

fn check_questionnaire(
    report: &mut Report,
    item: &Spanned<RawQuestionnaire>,
    themes: &HashSet<&str>,
) -> Questionnaire {
    report.validate(item, "questionnaire");
    let raw = item.get_ref();
    let mut questions: Vec<Question> = Vec::new();
    for spanned in &raw.questions {
        let question = check_question(report, spanned, themes, &questions);
        questions.push(question);
    }
    report.unique(
        raw.questions.iter().map(|q| (q.get_ref().key.as_str(), q)),
        "question",
    );
    if raw.questions.is_empty() {
        report.at(
            item,
            format!("questionnaire `{}` has no questions", raw.key),
        );
    }
    for audience in Audience::ALL {
        let asked = questions.iter().any(|q| q.wording.contains_key(&audience));
        match raw.purpose.get(&audience) {
            None if asked => report.at(
                item,
                format!(
                    "questionnaire `{}` asks {audience} questions but has no purpose.{audience}",
                    raw.key
                ),
            ),
            Some(p) if p.trim().is_empty() => report.at(
                item,
                format!("questionnaire `{}`: purpose.{audience} is empty", raw.key),
            ),
            _ => {}
        }
    }
    let mut questionnaire = Questionnaire {
        key: raw.key.clone(),
        title: raw.title.clone(),
        minutes: raw.minutes,
        purpose: raw.purpose.clone(),
        questions,
        translations: Default::default(),
    };
    let mut translations = Translations::new();
    for (language, texts) in &raw.translations {
        let found = texts.texts();
        check_translations(
            report,
            item,
            &questionnaire,
            language,
            found,
            &texts.from,
            "",
        )
        .into_iter()
        .for_each(|(at, t)| {
            translations
                .entry(language.clone())
                .or_default()
                .insert(at, t);
        });
    }
    for spanned in &raw.questions {
        let question = spanned.get_ref();
        let prefix = format!("q.{}.", question.key);
        for (language, texts) in &question.translations {
            let found = texts.texts(&question.key);
            check_translations(
                report,
                spanned,
                &questionnaire,
                language,
                found,
                &texts.from,
                &prefix,
            )
            .into_iter()
            .for_each(|(at, t)| {
                translations
                    .entry(language.clone())
                    .or_default()
                    .insert(at, t);
            });
        }
    }
    questionnaire.translations = translations;
    questionnaire
}

/// The longest translated text, in characters (a translation may well be longer than its
/// Dutch; the Dutch limits are checked on the Dutch).
const TRANSLATION_MAX: usize = 5000;

/// Checks the texts of one language of a questionnaire or question and returns them with
/// the fingerprint of the Dutch each was translated from. `prefix` turns the keys of `from`
/// into text references (`q.<question>.`, or nothing for the questionnaire's own texts).
fn check_translations<T>(
    report: &mut Report,
    item: &Spanned<T>,
    questionnaire: &Questionnaire,
    language: &str,
    texts: Vec<(TextRef, &str)>,
    from: &BTreeMap<String, String>,
    prefix: &str,
) -> Vec<(TextRef, Translated)> {
    let mut problem =
        |message: String| report.at(item, format!("translation `{language}`: {message}"));
    if language == SOURCE_LANGUAGE || !is_language_code(language) {
        problem(format!(
            "`{language}` is not a language code to translate into (two or three lowercase letters, like ar, tr or pap; Dutch is the source)"
        ));
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut local_keys = HashSet::new();
    for (at, text) in texts {
        let local = at
            .to_string()
            .strip_prefix(prefix)
            .unwrap_or_default()
            .to_owned();
        let Some(dutch) = questionnaire.source(&at) else {
            problem(format!("`{local}` has no Dutch text to translate"));
            continue;
        };
        if text.trim().is_empty() {
            problem(format!("`{local}` is empty"));
        } else if text.chars().count() > TRANSLATION_MAX {
            problem(format!(
                "`{local}` is longer than {TRANSLATION_MAX} characters"
            ));
        }
        let source = match from.get(&local) {
            Some(f) => f.clone(),
            None => fingerprint(dutch),
        };
        local_keys.insert(local);
        out.push((
            at,
            Translated {
                text: text.trim().to_owned(),
                source,
            },
        ));
    }
    for (key, print) in from {
        if !local_keys.contains(key) {
            problem(format!("from.{key} belongs to no translated text"));
        } else if print.len() != 8 || !print.bytes().all(|b| b.is_ascii_hexdigit()) {
            problem(format!("from.{key} must be 8 hexadecimal digits"));
        }
    }
    out
}

fn check_question(
    report: &mut Report,
    item: &Spanned<RawQuestion>,
    themes: &HashSet<&str>,
    earlier: &[Question],
) -> Question {
    report.validate(item, "question");
    let raw = item.get_ref();
    let key = &raw.key;
    let is_choice = matches!(raw.kind, RawKind::SingleChoice | RawKind::MultipleChoice);
    let is_text = matches!(raw.kind, RawKind::ShortText | RawKind::LongText);
    let is_code = raw.kind == RawKind::LinkageCode;
    if raw.parts.is_some() != is_code {
        report.at(
            item,
            format!("question `{key}`: a linkage_code, and only a linkage_code, takes parts"),
        );
    }
    let parts: Vec<CodePart> = raw
        .parts
        .iter()
        .flatten()
        .filter_map(|p| match p.part() {
            Ok(part) => Some(part),
            Err(problem) => {
                report.at(item, format!("question `{key}`: {problem}"));
                None
            }
        })
        .collect();
    if raw.options.is_some() && !is_choice {
        report.at(
            item,
            format!("question `{key}`: only single_choice and multiple_choice take options"),
        );
    }
    if is_choice && raw.options.is_none() {
        report.at(
            item,
            format!("question `{key}` is a choice question and needs options"),
        );
    }
    if raw.max_chars.is_some() && !is_text {
        report.at(
            item,
            format!("question `{key}`: only short_text and long_text take max_chars"),
        );
    }
    if let Some(audience) = raw.help.keys().find(|a| match a {
        Audience::Youth => raw.youth.is_none(),
        Audience::Parent => raw.parent.is_none(),
        Audience::Professional => raw.professional.is_none(),
    }) {
        report.at(
            item,
            format!("question `{key}` has help for {audience} but no {audience} wording"),
        );
    }
    let options = raw
        .options
        .iter()
        .flatten()
        .map(|o| ChoiceOption {
            value: o.value.clone(),
            label: o.label.clone(),
        })
        .collect();
    let limit = if raw.kind == RawKind::ShortText {
        SHORT_TEXT_MAX
    } else {
        LONG_TEXT_MAX
    };
    let max_chars = raw.max_chars.unwrap_or(limit);
    let kind = match raw.kind {
        RawKind::Agreement => QuestionKind::Agreement,
        RawKind::SingleChoice => QuestionKind::SingleChoice { options },
        RawKind::MultipleChoice => QuestionKind::MultipleChoice { options },
        RawKind::Mark => QuestionKind::Mark,
        RawKind::YesNo => QuestionKind::YesNo,
        RawKind::ShortText => QuestionKind::ShortText { max_chars },
        RawKind::LongText => QuestionKind::LongText { max_chars },
        RawKind::LinkageCode => QuestionKind::LinkageCode { parts },
    };
    let wording = [
        (Audience::Youth, &raw.youth),
        (Audience::Parent, &raw.parent),
        (Audience::Professional, &raw.professional),
    ]
    .into_iter()
    .filter_map(|(audience, text)| {
        let text = text.as_ref()?;
        Some((
            audience,
            Wording {
                text: text.trim().to_owned(),
                help: raw.help.get(&audience).cloned(),
            },
        ))
    })
    .collect();
    let show_if = raw.show_if.as_ref().map(|c| Condition {
        question: c.question.clone(),
        equals: c.equals.clone(),
    });
    let question = Question {
        key: key.clone(),
        theme: raw.theme.clone(),
        kind,
        required: raw.required,
        wording,
        show_if,
    };
    let themes: Vec<&str> = themes.iter().copied().collect();
    for problem in question_problems(&question, earlier, &themes) {
        // Keys are checked by the validator, duplicates once for the whole questionnaire.
        if !matches!(
            problem,
            QuestionProblem::BadKey | QuestionProblem::DuplicateKey
        ) {
            report.at(item, format!("question `{key}`: {problem}"));
        }
    }
    // Kept even when it has problems, so later questions that refer to it are not
    // reported as well; any problem stops the whole import anyway.
    question
}

fn check_link(
    report: &mut Report,
    item: &Spanned<RawLink>,
    questionnaires: &[Questionnaire],
    waves: &[Wave],
) -> Option<LinkSpec> {
    report.validate(item, "link");
    let raw = item.get_ref();
    let before = report.problems.len();
    match questionnaires.iter().find(|q| q.key == raw.questionnaire) {
        None => report.at(
            item,
            format!("link: questionnaire `{}` is not defined", raw.questionnaire),
        ),
        Some(q) if q.questions_for(raw.audience).next().is_none() => report.at(
            item,
            format!(
                "link: questionnaire `{}` has no questions for {}",
                raw.questionnaire, raw.audience
            ),
        ),
        Some(_) => {}
    }
    if !waves.iter().any(|w| w.key == raw.wave) {
        report.at(item, format!("link: wave `{}` is not defined", raw.wave));
    }
    let code = match raw.code.as_deref().map(InvitationCode::parse) {
        Some(Err(e)) => {
            report.at(item, format!("link: code: {e}"));
            None
        }
        Some(Ok(code)) => Some(code),
        None => None,
    };
    (report.problems.len() == before).then(|| LinkSpec {
        questionnaire: raw.questionnaire.clone(),
        audience: raw.audience,
        wave: raw.wave.clone(),
        group: raw.group.clone(),
        code,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(super) const GOOD: &str = r#"
[project]
key = "demo"
name = "Demo"

[[themes]]
key = "school"
title = "Naar school"

[[waves]]
key = "w1"
name = "Voorjaar"
opens = 2026-03-01
closes = 2026-06-30

[[questionnaires]]
key = "school"
title = "School"
minutes = 3
purpose.youth = "Wat vind jij?"
purpose.parent = "Wat vindt u?"

[[questionnaires.questions]]
key = "graag"
theme = "school"
type = "yes_no"
youth = "Ga je graag naar school?"
parent = "Gaat uw kind graag naar school?"
help.youth = "Denk aan de laatste maand."

[[questionnaires.questions]]
key = "waarom"
theme = "school"
type = "long_text"
required = false
youth = "Waarom niet?"
show_if = { question = "graag", equals = "nee" }

[[questionnaires.questions]]
key = "vak"
theme = "school"
type = "multiple_choice"
youth = "Welke vakken vind je leuk?"
options = [{ value = "taal", label = "Taal" }, { value = "rekenen", label = "Rekenen" }]

[[links]]
questionnaire = "school"
audience = "youth"
wave = "w1"
group = "De Brug"
code = "abcd2345"
"#;

    #[test]
    fn a_good_file_parses_into_the_model() {
        let def = parse(GOOD).unwrap();
        assert_eq!(def.project.key, "demo");
        let q = &def.questionnaires[0];
        assert_eq!(q.questions.len(), 3);
        assert_eq!(
            q.questions[1].kind,
            QuestionKind::LongText {
                max_chars: LONG_TEXT_MAX
            }
        );
        assert!(!q.questions[1].required);
        assert_eq!(
            q.questions[0].wording[&Audience::Youth].help.as_deref(),
            Some("Denk aan de laatste maand.")
        );
        assert_eq!(q.questions_for(Audience::Parent).count(), 1);
        assert_eq!(def.links[0].group.as_deref(), Some("De Brug"));
        assert_eq!(def.waves[0].opens, time::macros::date!(2026 - 03 - 01));
    }

    pub(super) fn problems(source: &str) -> Vec<(usize, String)> {
        parse(source)
            .unwrap_err()
            .0
            .into_iter()
            .map(|p| (p.line, p.message))
            .collect()
    }

    #[test]
    fn syntax_errors_point_to_their_line() {
        let broken = GOOD.replace("minutes = 3", "minutes = \"drie\"");
        let found = problems(&broken);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 19, "{found:?}");
    }

    #[test]
    fn wrong_references_are_reported_at_the_question() {
        let broken = GOOD
            .replace(
                "theme = \"school\"\ntype = \"yes_no\"",
                "theme = \"thuis\"\ntype = \"yes_no\"",
            )
            .replace("equals = \"nee\"", "equals = \"misschien\"")
            .replace("wave = \"w1\"", "wave = \"w9\"");
        let found = problems(&broken);
        let lines: Vec<usize> = found.iter().map(|p| p.0).collect();
        assert!(
            found.iter().any(|(_, m)| m.contains("theme `thuis`")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(_, m)| m.contains("`misschien` is not an answer")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(_, m)| m.contains("wave `w9`")),
            "{found:?}"
        );
        assert_eq!(lines, vec![23, 31, 46], "{found:?}");
    }

    #[test]
    fn many_kinds_of_mistake_are_caught() {
        let broken = GOOD
            .replace("key = \"vak\"", "key = \"graag\"")
            .replace(
                "{ value = \"rekenen\", label = \"Rekenen\" }",
                "{ value = \"taal\", label = \"Ook taal\" }",
            )
            .replace("opens = 2026-03-01", "opens = 2026-07-01")
            .replace("code = \"abcd2345\"", "code = \"kort\"")
            .replace("purpose.parent = \"Wat vindt u?\"\n", "");
        let messages: Vec<String> = problems(&broken).into_iter().map(|p| p.1).collect();
        for expected in [
            "question `graag` is defined twice",
            "option `taal` appears twice",
            "closes before it opens",
            "link: code",
            "no purpose.parent",
        ] {
            assert!(
                messages.iter().any(|m| m.contains(expected)),
                "{expected} not in {messages:?}"
            );
        }
    }

    #[test]
    fn unknown_fields_and_types_are_refused() {
        assert!(
            problems(&GOOD.replace("type = \"yes_no\"", "type = \"slider\""))[0]
                .1
                .contains("slider")
        );
        assert!(
            problems(&GOOD.replace("required = false", "verplicht = false"))[0]
                .1
                .contains("verplicht")
        );
    }
}

/// Writes a definition in the file format, so that `parse` reads back the same definition
/// (download from the workspace, edit, import again).
pub fn to_toml(definition: &Definition) -> String {
    use toml::value::{Date as TomlDate, Datetime};

    #[derive(Serialize)]
    struct File<'a> {
        project: &'a Project,
        themes: &'a [Theme],
        waves: Vec<WaveOut<'a>>,
        questionnaires: Vec<QuestionnaireOut<'a>>,
        links: Vec<LinkOut<'a>>,
    }
    #[derive(Serialize)]
    struct WaveOut<'a> {
        key: &'a str,
        name: &'a str,
        opens: Datetime,
        closes: Datetime,
    }
    #[derive(Serialize)]
    struct QuestionnaireOut<'a> {
        key: &'a str,
        title: &'a str,
        minutes: u32,
        purpose: &'a BTreeMap<Audience, String>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        translations: BTreeMap<&'a str, QuestionnaireTextsOut<'a>>,
        questions: Vec<QuestionOut<'a>>,
    }
    #[derive(Serialize, Default)]
    struct QuestionnaireTextsOut<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<&'a str>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        purpose: BTreeMap<Audience, &'a str>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        from: BTreeMap<String, &'a str>,
    }
    #[derive(Serialize, Default)]
    struct QuestionTextsOut<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        youth: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        parent: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        professional: Option<&'a str>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        help: BTreeMap<Audience, &'a str>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        options: BTreeMap<&'a str, &'a str>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        from: BTreeMap<String, &'a str>,
    }
    #[derive(Serialize)]
    struct QuestionOut<'a> {
        key: &'a str,
        theme: &'a str,
        #[serde(rename = "type")]
        kind: &'static str,
        required: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        youth: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        parent: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        professional: Option<&'a str>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        help: BTreeMap<Audience, &'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        options: Option<&'a [ChoiceOption]>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max_chars: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        parts: Option<Vec<RawPart>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        show_if: Option<&'a Condition>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        translations: BTreeMap<&'a str, QuestionTextsOut<'a>>,
    }
    #[derive(Serialize)]
    struct LinkOut<'a> {
        questionnaire: &'a str,
        audience: Audience,
        wave: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        group: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        code: Option<&'a str>,
    }

    let date = |d: time::Date| Datetime {
        date: Some(TomlDate {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day(),
        }),
        time: None,
        offset: None,
    };
    fn text(q: &Question, a: Audience) -> Option<&str> {
        q.wording.get(&a).map(|w| w.text.as_str())
    }
    /// Every translated text of a questionnaire as (language, where, text, and the
    /// fingerprint of the Dutch it was translated from). The fingerprint is always written,
    /// so that a later change of the Dutch in the file marks the translation out of date.
    fn translated(q: &Questionnaire) -> impl Iterator<Item = (&str, &TextRef, &str, &str)> {
        q.translations.iter().flat_map(move |(language, texts)| {
            texts
                .iter()
                .map(move |(at, t)| (language.as_str(), at, t.text.as_str(), t.source.as_str()))
        })
    }
    let file = File {
        project: &definition.project,
        themes: &definition.themes,
        waves: definition
            .waves
            .iter()
            .map(|w| WaveOut {
                key: &w.key,
                name: &w.name,
                opens: date(w.opens),
                closes: date(w.closes),
            })
            .collect(),
        questionnaires: definition
            .questionnaires
            .iter()
            .map(|q| QuestionnaireOut {
                key: &q.key,
                title: &q.title,
                minutes: q.minutes,
                purpose: &q.purpose,
                translations: {
                    let mut out: BTreeMap<&str, QuestionnaireTextsOut> = BTreeMap::new();
                    for (language, at, text, from) in translated(q) {
                        let texts = out.entry(language).or_default();
                        match at {
                            TextRef::Title => texts.title = Some(text),
                            TextRef::Purpose(a) => {
                                texts.purpose.insert(*a, text);
                            }
                            _ => continue,
                        }
                        texts.from.insert(at.to_string(), from);
                    }
                    out
                },
                questions: q
                    .questions
                    .iter()
                    .map(|question| {
                        let (kind, options, max_chars) = match &question.kind {
                            QuestionKind::LinkageCode { .. } => ("linkage_code", None, None),
                            QuestionKind::Agreement => ("agreement", None, None),
                            QuestionKind::SingleChoice { options } => {
                                ("single_choice", Some(options.as_slice()), None)
                            }
                            QuestionKind::MultipleChoice { options } => {
                                ("multiple_choice", Some(options.as_slice()), None)
                            }
                            QuestionKind::Mark => ("mark", None, None),
                            QuestionKind::YesNo => ("yes_no", None, None),
                            QuestionKind::ShortText { max_chars } => {
                                ("short_text", None, Some(*max_chars))
                            }
                            QuestionKind::LongText { max_chars } => {
                                ("long_text", None, Some(*max_chars))
                            }
                        };
                        QuestionOut {
                            key: &question.key,
                            theme: &question.theme,
                            kind,
                            required: question.required,
                            youth: text(question, Audience::Youth),
                            parent: text(question, Audience::Parent),
                            professional: text(question, Audience::Professional),
                            help: question
                                .wording
                                .iter()
                                .filter_map(|(a, w)| w.help.as_deref().map(|h| (*a, h)))
                                .collect(),
                            options,
                            max_chars,
                            parts: question
                                .kind
                                .code_parts()
                                .map(|parts| parts.iter().map(RawPart::of).collect()),
                            show_if: question.show_if.as_ref(),
                            translations: {
                                let mut out: BTreeMap<&str, QuestionTextsOut> = BTreeMap::new();
                                for (language, at, text, from) in translated(q) {
                                    let local = match at {
                                        TextRef::Wording(k, a) | TextRef::Help(k, a)
                                            if *k == question.key =>
                                        {
                                            let texts = out.entry(language).or_default();
                                            if matches!(at, TextRef::Help(..)) {
                                                texts.help.insert(*a, text);
                                                format!("help.{a}")
                                            } else {
                                                match a {
                                                    Audience::Youth => texts.youth = Some(text),
                                                    Audience::Parent => texts.parent = Some(text),
                                                    Audience::Professional => {
                                                        texts.professional = Some(text)
                                                    }
                                                }
                                                a.to_string()
                                            }
                                        }
                                        TextRef::Option(k, v) if *k == question.key => {
                                            let texts = out.entry(language).or_default();
                                            texts.options.insert(v, text);
                                            format!("option.{v}")
                                        }
                                        _ => continue,
                                    };
                                    out.entry(language).or_default().from.insert(local, from);
                                }
                                out
                            },
                        }
                    })
                    .collect(),
            })
            .collect(),
        links: definition
            .links
            .iter()
            .map(|l| LinkOut {
                questionnaire: &l.questionnaire,
                audience: l.audience,
                wave: &l.wave,
                group: l.group.as_deref(),
                code: l.code.as_ref().map(InvitationCode::as_str),
            })
            .collect(),
    };
    let body = toml::to_string_pretty(&file).unwrap_or_default();
    format!("# Samenspraak questionnaire definition; see docs/questionnaire-format.md\n\n{body}")
}

#[cfg(test)]
mod round_trip {
    use super::tests::problems;
    use super::*;

    #[test]
    fn a_written_definition_reads_back_the_same() {
        for source in [
            include_str!("../../demo/samenhang.toml"),
            include_str!("../../demo/veilig-thuis.toml"),
        ] {
            let definition = parse(source).unwrap();
            let written = to_toml(&definition);
            let again = parse(&written).unwrap_or_else(|e| panic!("{e}\n{written}"));
            assert_eq!(again, definition);
        }
    }

    #[test]
    fn the_form_of_address_reads_back() {
        let source = tests::GOOD.replacen(
            "name = \"Demo\"\n",
            "name = \"Demo\"\nformal = [\"parent\", \"professional\", \"parent\"]\n",
            1,
        );
        let definition = parse(&source).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            definition.project.formal,
            [Audience::Parent, Audience::Professional]
        );
        let written = to_toml(&definition);
        assert!(written.contains("formal = ["), "{written}");
        assert_eq!(parse(&written).unwrap(), definition);
        // Without it, everyone is addressed with "je", and nothing is written.
        let plain = parse(tests::GOOD).unwrap();
        assert!(plain.project.formal.is_empty());
        assert!(!to_toml(&plain).contains("formal"));
        let wrong = source.replacen("\"professional\", ", "\"ouders\", ", 1);
        assert!(parse(&wrong).is_err());
    }

    /// The questionnaire of `tests::GOOD` with Arabic and Turkish texts; the Turkish of
    /// `graag` was translated from an earlier Dutch wording (`from`).
    fn translated() -> String {
        tests::GOOD
            .replace(
                "purpose.parent = \"Wat vindt u?\"\n",
                "purpose.parent = \"Wat vindt u?\"\n\n\
                 [questionnaires.translations.ar]\ntitle = \"المدرسة\"\npurpose.youth = \"ما رأيك؟\"\n\n\
                 [questionnaires.translations.tr]\ntitle = \"Okul\"\n",
            )
            .replace(
                "help.youth = \"Denk aan de laatste maand.\"\n",
                "help.youth = \"Denk aan de laatste maand.\"\n\n\
                 [questionnaires.questions.translations.tr]\nyouth = \"Okula gitmeyi sever misin?\"\n\
                 parent = \"Çocuğunuz okula gitmeyi sever mi?\"\nfrom.parent = \"0badf00d\"\n",
            )
            .replace(
                "{ value = \"rekenen\", label = \"Rekenen\" }]\n",
                "{ value = \"rekenen\", label = \"Rekenen\" }]\n\n\
                 [questionnaires.questions.translations.ar]\nyouth = \"ما المواد التي تحبها؟\"\n\
                 options = { taal = \"اللغة\", rekenen = \"الحساب\" }\n",
            )
    }

    #[test]
    fn translations_read_back_with_what_is_out_of_date() {
        use crate::domain::translation::{TextRef, TextState};
        let source = translated();
        let definition = parse(&source).unwrap_or_else(|e| panic!("{e}"));
        let q = &definition.questionnaires[0];
        let at = |s: &str| s.parse::<TextRef>().unwrap();
        assert_eq!(
            q.translations["ar"][&at("q.vak.option.rekenen")].text,
            "الحساب"
        );
        assert_eq!(q.text_state("tr", &at("q.graag.youth")), TextState::Current);
        assert_eq!(
            q.text_state("tr", &at("q.graag.parent")),
            TextState::OutOfDate
        );
        assert_eq!(
            q.text_state("tr", &at("q.graag.help.youth")),
            TextState::Missing
        );
        let written = to_toml(&definition);
        assert!(
            written.contains("from.parent = \"0badf00d\"")
                || written.contains("parent = \"0badf00d\""),
            "{written}"
        );
        assert_eq!(
            parse(&written).unwrap_or_else(|e| panic!("{e}\n{written}")),
            definition
        );
        // Changing the Dutch in the written file makes its translation out of date.
        let changed = written.replace(
            "Welke vakken vind je leuk?",
            "Welke vakken vind je het leukst?",
        );
        let again = parse(&changed).unwrap();
        assert_eq!(
            again.questionnaires[0].text_state("ar", &at("q.vak.youth")),
            TextState::OutOfDate
        );
        assert_eq!(
            again.questionnaires[0].text_state("ar", &at("q.vak.option.taal")),
            TextState::Current
        );
    }

    #[test]
    fn wrong_translations_are_reported_at_their_question() {
        let source = translated();
        let cases = [
            (
                "[questionnaires.translations.tr]",
                "[questionnaires.translations.nl]",
                "Dutch is the source",
            ),
            (
                "[questionnaires.translations.tr]",
                "[questionnaires.translations.Turks]",
                "not a language code",
            ),
            (
                "options = { taal",
                "parent = \"x\"\noptions = { taal",
                "`parent` has no Dutch text",
            ),
            (
                "rekenen = \"الحساب\"",
                "rekenen = \"الحساب\", tekenen = \"x\"",
                "`option.tekenen` has no Dutch",
            ),
            (
                "youth = \"Okula gitmeyi sever misin?\"",
                "youth = \"  \"",
                "`youth` is empty",
            ),
            (
                "from.parent = \"0badf00d\"",
                "from.parent = \"xyz\"",
                "8 hexadecimal digits",
            ),
            (
                "from.parent = \"0badf00d\"",
                "from.\"help.youth\" = \"0badf00d\"",
                "belongs to no translated text",
            ),
            ("title = \"Okul\"", "titel = \"Okul\"", "unknown field"),
        ];
        for (from, to, expected) in cases {
            assert!(source.contains(from), "{from}");
            let found = problems(&source.replacen(from, to, 1));
            assert!(
                found.iter().any(|(_, m)| m.contains(expected)),
                "{to}: {found:?}"
            );
        }
    }
}
