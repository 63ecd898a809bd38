//! The questionnaire definition file (TOML): parsing and checking, with every problem
//! reported at its line. The format is documented in `docs/questionnaire-format.md`.

use super::checks::{QuestionProblem, is_valid_key, question_problems};
use super::questionnaire::{LONG_TEXT_MAX, SHORT_TEXT_MAX};
use super::{
    Audience, ChoiceOption, Condition, InvitationCode, LinkSpec, Project, Question, QuestionKind,
    Questionnaire, Theme, Wave, Wording,
};
use serde::Deserialize;
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
    show_if: Option<RawCondition>,
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
    Questionnaire {
        key: raw.key.clone(),
        title: raw.title.clone(),
        minutes: raw.minutes,
        purpose: raw.purpose.clone(),
        questions,
    }
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
mod tests {
    use super::*;

    const GOOD: &str = r#"
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

    fn problems(source: &str) -> Vec<(usize, String)> {
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
    use serde::Serialize;
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
        questions: Vec<QuestionOut<'a>>,
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
        show_if: Option<&'a Condition>,
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
                questions: q
                    .questions
                    .iter()
                    .map(|question| {
                        let (kind, options, max_chars) = match &question.kind {
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
                            show_if: question.show_if.as_ref(),
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
}
