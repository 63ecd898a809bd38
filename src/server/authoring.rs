//! Writing questionnaires in the browser. Each change is checked by the same rules as a
//! definition file (`domain::checks`), saved as a new version when the old one has answers,
//! and written to the audit log.

use super::AppState;
use super::auth::Researcher;
use super::workspace::{AsEditor, AsOwner, InProject, WorkspaceError};
use crate::domain::account::Role;
use crate::domain::checks::{QuestionProblem, is_valid_key, key_from, questionnaire_problems};
use crate::domain::definition::{self, Definition};
use crate::domain::linkage::{parts_from_lines, parts_to_lines};
use crate::domain::questionnaire::{LONG_TEXT_MAX, SHORT_TEXT_MAX};
use crate::domain::readability::assess;
use crate::domain::{
    Audience, ChoiceOption, Condition, InvitationCode, LinkSpec, Project, Question, QuestionKind,
    Questionnaire, Theme, Wave, Wording,
};
use crate::i18n::Tr;
use crate::server::projects::project_page;
use crate::server::workspace::{back_to, form_status, internal, page, page_with, tr};
use crate::storage::{ProjectSummary, QuestionnaireSummary, SavedVersion, StorageError};
use crate::t;
use crate::ui::labels::answer_label;
use crate::ui::researcher::{
    EditorPage, EditorView, QuestionCard, QuestionFormPage, QuestionFormValues, QuestionFormView,
    Viewer, audience_name,
};
use crate::ui::respondent::QuestionItem;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A key made from `text` that is not in `taken` (`-2`, `-3`, … appended when needed).
fn unique_key(text: &str, taken: &[String]) -> String {
    let base = key_from(text);
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|k| !taken.contains(k))
        .unwrap_or(base)
}

#[derive(Deserialize)]
pub struct ProjectForm {
    name: String,
    #[serde(default)]
    description: String,
    /// `u` or `je` per audience (the project settings; absent on a new project).
    #[serde(default)]
    address_youth: Option<String>,
    #[serde(default)]
    address_parent: Option<String>,
    #[serde(default)]
    address_professional: Option<String>,
}

impl ProjectForm {
    /// The audiences to address with "u".
    fn formal(&self) -> Vec<Audience> {
        [
            (Audience::Youth, &self.address_youth),
            (Audience::Parent, &self.address_parent),
            (Audience::Professional, &self.address_professional),
        ]
        .into_iter()
        .filter(|(_, choice)| choice.as_deref() == Some("u"))
        .map(|(audience, _)| audience)
        .collect()
    }
}

fn clean_name(name: &str) -> Result<String, WorkspaceError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(WorkspaceError::Invalid);
    }
    Ok(name.to_owned())
}

/// `POST /beheer/projecten`: anyone logged in starts a project and owns it.
pub async fn create_project(
    State(state): State<AppState>,
    researcher: Researcher,
    Form(form): Form<ProjectForm>,
) -> Result<Response, WorkspaceError> {
    let name = clean_name(&form.name)?;
    let everyone = crate::storage::User {
        is_admin: true,
        ..researcher.user.clone()
    };
    let taken: Vec<String> = state
        .db
        .projects_for(&everyone)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|p| p.key)
        .collect();
    let key = unique_key(&name, &taken);
    let id = state
        .db
        .create_project(&key, &name, form.description.trim())
        .await
        .map_err(internal)?;
    state
        .db
        .set_membership(researcher.user.id, id, Role::Owner)
        .await
        .map_err(internal)?;
    state
        .db
        .audit(Some(&researcher.user), Some(id), "project created", &name)
        .await
        .map_err(internal)?;
    Ok(back_to(&key))
}

/// `POST /beheer/projecten/{key}/instellingen`: owners rename and describe.
pub async fn update_project(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsOwner>,
    Path(key): Path<String>,
    Form(form): Form<ProjectForm>,
) -> Result<Response, WorkspaceError> {
    let name = clean_name(&form.name)?;
    state
        .db
        .update_project(project.id, &name, form.description.trim())
        .await
        .map_err(internal)?;
    let formal = form.formal();
    state
        .db
        .set_formal_audiences(project.id, &formal)
        .await
        .map_err(internal)?;
    let detail = format!("{name}; \"u\" for {formal:?}");
    researcher
        .audit(&state.db, Some(project.id), "project edited", &detail)
        .await?;
    Ok(back_to(&key))
}

#[derive(Deserialize)]
pub struct ThemeForm {
    #[serde(default)]
    key: String,
    title: String,
    #[serde(default)]
    description: String,
}

/// `POST /beheer/projecten/{key}/themas`: adds a theme, or edits the one named by `key`.
pub async fn save_theme(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(key): Path<String>,
    Form(form): Form<ThemeForm>,
) -> Result<Response, WorkspaceError> {
    let title = form.title.trim();
    if title.is_empty() || title.chars().count() > 300 {
        return project_page(
            &state,
            &researcher,
            project,
            vec![t!(tr(&state), "researcher-problem-theme")],
            Default::default(),
        )
        .await;
    }
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    let theme_key = if themes.iter().any(|t| t.key == form.key) {
        form.key.clone()
    } else {
        unique_key(
            title,
            &themes.iter().map(|t| t.key.clone()).collect::<Vec<_>>(),
        )
    };
    let theme = Theme {
        key: theme_key.clone(),
        title: title.to_owned(),
        description: form.description.trim().to_owned(),
    };
    state
        .db
        .save_theme(project.id, &theme)
        .await
        .map_err(internal)?;
    researcher
        .audit(&state.db, Some(project.id), "theme saved", &theme_key)
        .await?;
    Ok(back_to(&key))
}

/// `POST /beheer/projecten/{key}/themas/{theme}/omhoog` (or `omlaag`).
pub async fn move_theme(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, theme, direction)): Path<(String, String, String)>,
) -> Result<Response, WorkspaceError> {
    let up = match direction.as_str() {
        "omhoog" => true,
        "omlaag" => false,
        _ => return Err(WorkspaceError::NotFound),
    };
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    if !themes.iter().any(|t| t.key == theme) {
        return Err(WorkspaceError::NotFound);
    }
    if state
        .db
        .move_theme(project.id, &theme, up)
        .await
        .map_err(internal)?
    {
        researcher
            .audit(&state.db, Some(project.id), "themes reordered", &theme)
            .await?;
    }
    Ok(back_to(&key))
}

#[derive(Deserialize)]
pub struct WaveForm {
    name: String,
    opens: String,
    closes: String,
}

/// The round a form describes, if its name and dates make sense.
fn wave_from(form: &WaveForm, key: String) -> Option<Wave> {
    let date = |s: &str| {
        time::Date::parse(
            s.trim(),
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .ok()
    };
    let name = form.name.trim();
    let (opens, closes) = (date(&form.opens)?, date(&form.closes)?);
    (closes >= opens && !name.is_empty() && name.chars().count() <= 200).then(|| Wave {
        key,
        name: name.to_owned(),
        opens,
        closes,
    })
}

/// `POST /beheer/projecten/{key}/meetmomenten`: a new round.
pub async fn add_wave(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(key): Path<String>,
    Form(form): Form<WaveForm>,
) -> Result<Response, WorkspaceError> {
    let taken: Vec<String> = state
        .db
        .project_waves(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|w| w.key)
        .collect();
    let Some(wave) = wave_from(&form, unique_key(&form.name, &taken)) else {
        return project_page(
            &state,
            &researcher,
            project,
            vec![t!(tr(&state), "researcher-wave-dates")],
            Default::default(),
        )
        .await;
    };
    state
        .db
        .save_wave(project.id, &wave)
        .await
        .map_err(internal)?;
    researcher
        .audit(&state.db, Some(project.id), "wave added", &wave.key)
        .await?;
    Ok(back_to(&key))
}

/// `POST /beheer/projecten/{key}/meetmomenten/{wave}`: renames or re-dates a round.
pub async fn edit_wave(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, wave_key)): Path<(String, String)>,
    Form(form): Form<WaveForm>,
) -> Result<Response, WorkspaceError> {
    let waves = state.db.project_waves(project.id).await.map_err(internal)?;
    if !waves.iter().any(|w| w.key == wave_key) {
        return Err(WorkspaceError::NotFound);
    }
    let Some(wave) = wave_from(&form, wave_key) else {
        return project_page(
            &state,
            &researcher,
            project,
            vec![t!(tr(&state), "researcher-wave-dates")],
            Default::default(),
        )
        .await;
    };
    state
        .db
        .save_wave(project.id, &wave)
        .await
        .map_err(internal)?;
    let detail = format!("{}: {} – {}", wave.key, wave.opens, wave.closes);
    researcher
        .audit(&state.db, Some(project.id), "wave edited", &detail)
        .await?;
    Ok(back_to(&key))
}

pub(super) async fn questionnaire(
    state: &AppState,
    project: &ProjectSummary,
    key: &str,
) -> Result<QuestionnaireSummary, WorkspaceError> {
    state
        .db
        .project_questionnaires(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .find(|q| q.key == key)
        .ok_or(WorkspaceError::NotFound)
}

pub(super) fn editor_url(project: &str, questionnaire: &str) -> String {
    format!("/beheer/projecten/{project}/vragenlijsten/{questionnaire}")
}

/// Saves, audits and returns to the editor (saying so when a new version was made).
async fn save(
    state: &AppState,
    researcher: &Researcher,
    project: &ProjectSummary,
    questionnaire: &Questionnaire,
    what: &str,
) -> Result<Response, WorkspaceError> {
    let url = editor_url(&project.key, &questionnaire.key);
    save_then(state, researcher, project, questionnaire, what, url).await
}

/// Saves and audits, then goes to `url` (with `?nieuwe_versie=` when a version was made).
pub(super) async fn save_then(
    state: &AppState,
    researcher: &Researcher,
    project: &ProjectSummary,
    questionnaire: &Questionnaire,
    what: &str,
    url: String,
) -> Result<Response, WorkspaceError> {
    let saved = state
        .db
        .save_questionnaire(project.id, questionnaire)
        .await
        .map_err(internal)?;
    let (detail, url) = match saved {
        SavedVersion::Unchanged(_) => return Ok(Redirect::to(&url).into_response()),
        SavedVersion::Replaced(v) => (format!("{} v{v}: {what}", questionnaire.key), url),
        SavedVersion::New(1) => (format!("{} v1: {what}", questionnaire.key), url),
        SavedVersion::New(v) => (
            format!("{} v{v} (new version): {what}", questionnaire.key),
            format!("{url}?nieuwe_versie={v}"),
        ),
    };
    researcher
        .audit(&state.db, Some(project.id), "questionnaire edited", &detail)
        .await?;
    Ok(Redirect::to(&url).into_response())
}

#[derive(Deserialize)]
pub struct NewQuestionnaireForm {
    title: String,
    #[serde(default)]
    minutes: String,
}

/// `POST /beheer/projecten/{key}/vragenlijsten`: an empty questionnaire, then the editor.
pub async fn create_questionnaire(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Form(form): Form<NewQuestionnaireForm>,
) -> Result<Response, WorkspaceError> {
    let title = clean_name(&form.title)?;
    let taken: Vec<String> = state
        .db
        .project_questionnaires(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|q| q.key)
        .collect();
    let questionnaire = Questionnaire {
        key: unique_key(&title, &taken),
        title,
        minutes: form
            .minutes
            .trim()
            .parse()
            .ok()
            .filter(|m| (1..=120).contains(m))
            .unwrap_or(5),
        purpose: BTreeMap::new(),
        questions: Vec::new(),
        translations: Default::default(),
    };
    save(&state, &researcher, &project, &questionnaire, "created").await
}

#[derive(Deserialize, Default)]
pub struct EditorQuery {
    nieuwe_versie: Option<i64>,
}

/// `GET /beheer/projecten/{key}/vragenlijsten/{questionnaire}`: the editor.
pub async fn editor(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey)): Path<(String, String)>,
    Query(query): Query<EditorQuery>,
) -> Result<Response, WorkspaceError> {
    let summary = questionnaire(&state, &project, &qkey).await?;
    let tr = tr(&state);
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    let q = &summary.questionnaire;
    let questions = q
        .questions
        .iter()
        .map(|question| card(&tr, q, question, &themes))
        .collect();
    let view = EditorView {
        viewer: Viewer::from(&researcher),
        project_key: project.key.clone(),
        project_name: project.name.clone(),
        key: q.key.clone(),
        title: q.title.clone(),
        minutes: q.minutes,
        purpose: Audience::ALL
            .into_iter()
            .map(|a| (a, q.purpose.get(&a).cloned().unwrap_or_default()))
            .collect(),
        version: summary.version,
        notice: query.nieuwe_versie.map(|v: i64| {
            let old = v - 1;
            t!(tr, "researcher-version-new", old = old, new = v)
        }),
        questions,
        languages: super::translating::languages(&state, &tr, q),
    };
    let title = view.title.clone();
    Ok(page(
        &state,
        StatusCode::OK,
        title,
        move || view! { <EditorPage page=view.clone() /> },
    )
    .await)
}

fn kind_name(tr: &Tr, kind: &QuestionKind) -> String {
    match kind {
        QuestionKind::Agreement => t!(tr, "researcher-type-agreement"),
        QuestionKind::SingleChoice { .. } => t!(tr, "researcher-type-single"),
        QuestionKind::MultipleChoice { .. } => t!(tr, "researcher-type-multiple"),
        QuestionKind::Mark => t!(tr, "researcher-type-mark"),
        QuestionKind::YesNo => t!(tr, "researcher-type-yes-no"),
        QuestionKind::ShortText { .. } => t!(tr, "researcher-type-short"),
        QuestionKind::LongText { .. } => t!(tr, "researcher-type-long"),
        QuestionKind::LinkageCode { .. } => t!(tr, "researcher-type-linkage"),
    }
}

/// Warnings for wording that is likely too hard for B1.
fn readability_warnings(tr: &Tr, text: &str) -> Vec<String> {
    let found = assess(text);
    if !found.needs_attention() {
        return Vec::new();
    }
    let mut warnings = vec![t!(
        tr,
        "researcher-readability",
        ease = format!("{:.0}", found.ease),
        words = found.longest_sentence
    )];
    if !found.long_words.is_empty() {
        warnings.push(t!(
            tr,
            "researcher-readability-long-words",
            words = found.long_words.join(", ")
        ));
    }
    warnings
}

fn card(tr: &Tr, q: &Questionnaire, question: &Question, themes: &[Theme]) -> QuestionCard {
    QuestionCard {
        key: question.key.clone(),
        kind: kind_name(tr, &question.kind),
        theme: themes
            .iter()
            .find(|t| t.key == question.theme)
            .map_or(question.theme.clone(), |t| t.title.clone()),
        required: question.required,
        condition: question.show_if.as_ref().map(|c| {
            let label = q
                .question(&c.question)
                .map_or(c.equals.clone(), |s| answer_label(tr, &s.kind, &c.equals));
            format!("{} = {label}", c.question)
        }),
        wording: Audience::ALL
            .into_iter()
            .map(|a| {
                let text = question.wording_for(a).map(|w| w.text.clone());
                let warnings = text
                    .as_deref()
                    .map(|t| readability_warnings(tr, t))
                    .unwrap_or_default();
                (a, text, warnings)
            })
            .collect(),
    }
}

#[derive(Deserialize)]
pub struct QuestionnaireForm {
    title: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    purpose_youth: String,
    #[serde(default)]
    purpose_parent: String,
    #[serde(default)]
    purpose_professional: String,
}

/// `POST …/vragenlijsten/{questionnaire}`: title, duration and purposes.
pub async fn update_questionnaire(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey)): Path<(String, String)>,
    Form(form): Form<QuestionnaireForm>,
) -> Result<Response, WorkspaceError> {
    let mut q = questionnaire(&state, &project, &qkey).await?.questionnaire;
    q.title = clean_name(&form.title)?;
    q.minutes = form
        .minutes
        .trim()
        .parse()
        .ok()
        .filter(|m| (1..=120).contains(m))
        .unwrap_or(q.minutes);
    q.purpose = [
        (Audience::Youth, form.purpose_youth),
        (Audience::Parent, form.purpose_parent),
        (Audience::Professional, form.purpose_professional),
    ]
    .into_iter()
    .filter(|(_, text)| !text.trim().is_empty())
    .map(|(a, text)| (a, text.trim().to_owned()))
    .collect();
    save(&state, &researcher, &project, &q, "title and introduction").await
}

/// `POST …/vragenlijsten/{questionnaire}/dupliceren`: a copy to start a new one from.
pub async fn duplicate_questionnaire(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey)): Path<(String, String)>,
) -> Result<Response, WorkspaceError> {
    let mut q = questionnaire(&state, &project, &qkey).await?.questionnaire;
    let taken: Vec<String> = state
        .db
        .project_questionnaires(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|q| q.key)
        .collect();
    q.title = format!("{} {}", q.title, t!(tr(&state), "researcher-copy-suffix"));
    q.key = unique_key(&format!("{} kopie", q.key), &taken);
    save(
        &state,
        &researcher,
        &project,
        &q,
        &format!("copied from {qkey}"),
    )
    .await
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct QuestionForm {
    #[serde(default)]
    key: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    required: Option<String>,
    #[serde(default)]
    youth: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    professional: String,
    #[serde(default)]
    help_youth: String,
    #[serde(default)]
    help_parent: String,
    #[serde(default)]
    help_professional: String,
    #[serde(default)]
    options: String,
    #[serde(default)]
    max_chars: String,
    #[serde(default)]
    show_if: String,
    #[serde(default)]
    equals: String,
}

impl QuestionForm {
    fn values(&self) -> QuestionFormValues {
        QuestionFormValues {
            key: self.key.clone(),
            kind: self.kind.clone(),
            theme: self.theme.clone(),
            required: self.required.is_some(),
            youth: self.youth.clone(),
            parent: self.parent.clone(),
            professional: self.professional.clone(),
            help_youth: self.help_youth.clone(),
            help_parent: self.help_parent.clone(),
            help_professional: self.help_professional.clone(),
            options: self.options.clone(),
            max_chars: self.max_chars.clone(),
            show_if: self.show_if.clone(),
            equals: self.equals.clone(),
        }
    }

    fn of(question: &Question) -> QuestionForm {
        let (kind, options, max_chars) = match &question.kind {
            QuestionKind::Agreement => ("agreement", None, None),
            QuestionKind::SingleChoice { options } => ("single_choice", Some(options), None),
            QuestionKind::MultipleChoice { options } => ("multiple_choice", Some(options), None),
            QuestionKind::Mark => ("mark", None, None),
            QuestionKind::YesNo => ("yes_no", None, None),
            QuestionKind::ShortText { max_chars } => ("short_text", None, Some(*max_chars)),
            QuestionKind::LongText { max_chars } => ("long_text", None, Some(*max_chars)),
            QuestionKind::LinkageCode { .. } => ("linkage_code", None, None),
        };
        let options = options.map(|o: &Vec<ChoiceOption>| {
            o.iter()
                .map(|o| format!("{}: {}", o.value, o.label))
                .collect::<Vec<_>>()
                .join("\n")
        });
        let options = options
            .or_else(|| question.kind.code_parts().map(parts_to_lines))
            .unwrap_or_default();
        let text = |a| {
            question
                .wording_for(a)
                .map(|w| w.text.clone())
                .unwrap_or_default()
        };
        let help = |a| {
            question
                .wording_for(a)
                .and_then(|w| w.help.clone())
                .unwrap_or_default()
        };
        QuestionForm {
            key: question.key.clone(),
            kind: kind.to_owned(),
            theme: question.theme.clone(),
            required: question.required.then(|| "1".to_owned()),
            youth: text(Audience::Youth),
            parent: text(Audience::Parent),
            professional: text(Audience::Professional),
            help_youth: help(Audience::Youth),
            help_parent: help(Audience::Parent),
            help_professional: help(Audience::Professional),
            options,
            max_chars: max_chars.map(|m| m.to_string()).unwrap_or_default(),
            show_if: question
                .show_if
                .as_ref()
                .map(|c| c.question.clone())
                .unwrap_or_default(),
            equals: question
                .show_if
                .as_ref()
                .map(|c| c.equals.clone())
                .unwrap_or_default(),
        }
    }

    /// The question this form describes, with `key`.
    fn question(&self, key: String) -> Question {
        let options = || {
            self.options
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|line| match line.split_once(':') {
                    Some((value, label)) if is_valid_key(value.trim()) => ChoiceOption {
                        value: value.trim().to_owned(),
                        label: label.trim().to_owned(),
                    },
                    _ => ChoiceOption {
                        value: key_from(line),
                        label: line.to_owned(),
                    },
                })
                .collect()
        };
        let max = |limit: usize| self.max_chars.trim().parse().unwrap_or(limit);
        let kind = match self.kind.as_str() {
            "single_choice" => QuestionKind::SingleChoice { options: options() },
            "multiple_choice" => QuestionKind::MultipleChoice { options: options() },
            "mark" => QuestionKind::Mark,
            "yes_no" => QuestionKind::YesNo,
            "short_text" => QuestionKind::ShortText {
                max_chars: max(SHORT_TEXT_MAX),
            },
            "long_text" => QuestionKind::LongText {
                max_chars: max(LONG_TEXT_MAX),
            },
            "linkage_code" => QuestionKind::LinkageCode {
                parts: parts_from_lines(&self.options),
            },
            _ => QuestionKind::Agreement,
        };
        let wording = [
            (Audience::Youth, &self.youth, &self.help_youth),
            (Audience::Parent, &self.parent, &self.help_parent),
            (
                Audience::Professional,
                &self.professional,
                &self.help_professional,
            ),
        ]
        .into_iter()
        .filter(|(_, text, _)| !text.trim().is_empty())
        .map(|(a, text, help)| {
            let help = Some(help.trim().to_owned()).filter(|h| !h.is_empty());
            (
                a,
                Wording {
                    text: text.trim().to_owned(),
                    help,
                },
            )
        })
        .collect();
        let show_if = Some(self.show_if.trim())
            .filter(|s| !s.is_empty())
            .map(|q| Condition {
                question: q.to_owned(),
                equals: self.equals.trim().to_owned(),
            });
        Question {
            key,
            theme: self.theme.clone(),
            kind,
            required: self.required.is_some(),
            wording,
            show_if,
        }
    }
}

fn problem_text(tr: &Tr, key: &str, problem: &QuestionProblem) -> String {
    use QuestionProblem::*;
    let message = match problem {
        BadKey => t!(tr, "researcher-problem-key"),
        DuplicateKey => t!(tr, "researcher-problem-duplicate-key"),
        UnknownTheme(_) => t!(tr, "researcher-problem-theme"),
        NoWording => t!(tr, "researcher-problem-no-wording"),
        EmptyWording(a) => t!(
            tr,
            "researcher-problem-empty-wording",
            audience = audience_name(tr, *a)
        ),
        TooFewOptions | DuplicateOption(_) => t!(tr, "researcher-problem-options"),
        BadOption(o) => t!(tr, "researcher-problem-option", option = o.clone()),
        MaxChars { limit } => t!(tr, "researcher-problem-max", limit = limit.to_string()),
        ConditionSource(_) | ConditionKind | ConditionValue(_) | ConditionAudience(_) => {
            t!(tr, "researcher-problem-condition")
        }
        CodeParts => t!(tr, "researcher-problem-code-parts"),
        CodePart(part) => t!(tr, "researcher-problem-code-part", part = part.clone()),
        SecondCode => t!(tr, "researcher-problem-second-code"),
        CodeCondition => t!(tr, "researcher-problem-code-condition"),
    };
    format!("{key}: {message}")
}

async fn question_page(
    state: &AppState,
    researcher: &Researcher,
    project: &ProjectSummary,
    q: &Questionnaire,
    editing: Option<String>,
    form: &QuestionForm,
    problems: Vec<String>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(state);
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    let position = editing
        .as_ref()
        .and_then(|k| q.questions.iter().position(|x| &x.key == k))
        .unwrap_or(q.questions.len());
    let sources = q.questions[..position]
        .iter()
        .filter(|s| s.kind.can_be_condition())
        .map(|s| {
            (
                s.key.clone(),
                s.wording
                    .values()
                    .next()
                    .map(|w| w.text.clone())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let mut preview_question = form.question(editing.clone().unwrap_or_else(|| "voorbeeld".into()));
    // Young people and parents always get a preview (to watch while typing), others when
    // they have wording.
    for audience in [Audience::Youth, Audience::Parent] {
        preview_question
            .wording
            .entry(audience)
            .or_insert_with(|| Wording {
                text: "…".into(),
                help: None,
            });
    }
    let total = q.questions.len() + usize::from(editing.is_none());
    let previews = [Audience::Youth, Audience::Parent, Audience::Professional]
        .into_iter()
        .filter(|a| preview_question.wording.contains_key(a))
        .map(|a| {
            let mut item = QuestionItem::build(
                &tr,
                &preview_question,
                a,
                (position + 1, total),
                Vec::new(),
                None,
                None,
            );
            // Ids and names of the previews must not clash with each other.
            item.key = format!("preview-{a}-{}", item.key);
            (a, item)
        })
        .collect();
    let mut values = form.values();
    if values.theme.is_empty() {
        values.theme = themes.first().map(|t| t.key.clone()).unwrap_or_default();
    }
    let status = form_status(problems.is_empty());
    let view = QuestionFormView {
        viewer: Viewer::from(researcher),
        project_key: project.key.clone(),
        questionnaire_key: q.key.clone(),
        questionnaire_title: q.title.clone(),
        editing,
        values,
        themes,
        sources,
        problems,
        previews,
    };
    let title = view
        .editing
        .clone()
        .unwrap_or_else(|| t!(tr, "researcher-question-new"));
    Ok(page_with(
        state,
        status,
        title,
        true,
        move || view! { <QuestionFormPage page=view.clone() /> },
    )
    .await)
}

/// `GET …/vragen/nieuw`
pub async fn new_question(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey)): Path<(String, String)>,
) -> Result<Response, WorkspaceError> {
    let q = questionnaire(&state, &project, &qkey).await?.questionnaire;
    let form = QuestionForm {
        kind: "agreement".into(),
        required: Some("1".into()),
        ..Default::default()
    };
    question_page(&state, &researcher, &project, &q, None, &form, Vec::new()).await
}

/// `GET …/vragen/{question}`: the form with the current question and its preview.
pub async fn edit_question(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey, question)): Path<(String, String, String)>,
) -> Result<Response, WorkspaceError> {
    let q = questionnaire(&state, &project, &qkey).await?.questionnaire;
    let current = q.question(&question).ok_or(WorkspaceError::NotFound)?;
    let form = QuestionForm::of(current);
    question_page(
        &state,
        &researcher,
        &project,
        &q,
        Some(question),
        &form,
        Vec::new(),
    )
    .await
}

/// `POST …/vragen` (new) and `POST …/vragen/{question}` (edit).
pub async fn save_question(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(path): Path<Vec<String>>,
    Form(form): Form<QuestionForm>,
) -> Result<Response, WorkspaceError> {
    let (_, qkey, editing) = match path.as_slice() {
        [key, qkey] => (key.clone(), qkey.clone(), None),
        [key, qkey, question] => (key.clone(), qkey.clone(), Some(question.clone())),
        _ => return Err(WorkspaceError::NotFound),
    };
    let mut q = questionnaire(&state, &project, &qkey).await?.questionnaire;
    let question_key = match &editing {
        Some(k) => {
            if q.question(k).is_none() {
                return Err(WorkspaceError::NotFound);
            }
            k.clone()
        }
        None if !form.key.trim().is_empty() => form.key.trim().to_owned(),
        None => {
            let text = [&form.youth, &form.parent, &form.professional]
                .into_iter()
                .find(|t| !t.trim().is_empty());
            unique_key(
                text.map_or("vraag", |t| t.as_str()),
                &q.questions
                    .iter()
                    .map(|x| x.key.clone())
                    .collect::<Vec<_>>(),
            )
        }
    };
    let question = form.question(question_key.clone());
    match q
        .questions
        .iter()
        .position(|x| x.key == question_key)
        .filter(|_| editing.is_some())
    {
        Some(i) => q.questions[i] = question,
        None => q.questions.push(question),
    }
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    let theme_keys: Vec<&str> = themes.iter().map(|t| t.key.as_str()).collect();
    let tr = tr(&state);
    let problems: Vec<String> = questionnaire_problems(&q, &theme_keys)
        .iter()
        .map(|(k, p)| problem_text(&tr, k, p))
        .collect();
    if !problems.is_empty() {
        let original = questionnaire(&state, &project, &qkey).await?.questionnaire;
        return question_page(
            &state,
            &researcher,
            &project,
            &original,
            editing,
            &form,
            problems,
        )
        .await;
    }
    save(
        &state,
        &researcher,
        &project,
        &q,
        &format!("question {question_key}"),
    )
    .await
}

/// `POST …/vragen/{question}/omhoog`, `…/omlaag` and `…/verwijderen`.
pub async fn question_action(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, qkey, question, action)): Path<(String, String, String, String)>,
) -> Result<Response, WorkspaceError> {
    let mut q = questionnaire(&state, &project, &qkey).await?.questionnaire;
    let i = q
        .questions
        .iter()
        .position(|x| x.key == question)
        .ok_or(WorkspaceError::NotFound)?;
    match action.as_str() {
        "omhoog" if i > 0 => q.questions.swap(i, i - 1),
        "omlaag" if i + 1 < q.questions.len() => q.questions.swap(i, i + 1),
        "verwijderen" => {
            q.questions.remove(i);
        }
        "omhoog" | "omlaag" => return Ok(Redirect::to(&editor_url(&key, &qkey)).into_response()),
        _ => return Err(WorkspaceError::NotFound),
    }
    // Moving a follow-up above its question (or deleting that question) would break a
    // condition: refused, and the editor shows the order unchanged.
    let themes = state
        .db
        .project_themes(project.id)
        .await
        .map_err(internal)?;
    let theme_keys: Vec<&str> = themes.iter().map(|t| t.key.as_str()).collect();
    if questionnaire_problems(&q, &theme_keys)
        .iter()
        .any(|(_, p)| {
            matches!(
                p,
                QuestionProblem::ConditionSource(_) | QuestionProblem::ConditionKind
            )
        })
    {
        return Ok((
            StatusCode::CONFLICT,
            t!(tr(&state), "researcher-problem-condition"),
        )
            .into_response());
    }
    save(
        &state,
        &researcher,
        &project,
        &q,
        &format!("question {question}: {action}"),
    )
    .await
}

/// The project as a definition file.
async fn project_definition(
    state: &AppState,
    project: &ProjectSummary,
) -> Result<Definition, WorkspaceError> {
    let db = &state.db;
    Ok(Definition {
        project: Project {
            key: project.key.clone(),
            name: project.name.clone(),
            description: db.project_description(project.id).await.map_err(internal)?,
            formal: db.formal_audiences(project.id).await.map_err(internal)?,
        },
        themes: db.project_themes(project.id).await.map_err(internal)?,
        waves: db.project_waves(project.id).await.map_err(internal)?,
        questionnaires: db
            .project_questionnaires(project.id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|q| q.questionnaire)
            .collect(),
        links: db
            .project_links(project.id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|l| LinkSpec {
                questionnaire: l.questionnaire,
                audience: l.audience,
                wave: l.wave_key,
                group: l.group,
                code: Some(l.code),
            })
            .collect(),
    })
}

/// `GET /beheer/projecten/{key}/definitie.toml`
pub async fn export_definition(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(key): Path<String>,
) -> Result<Response, WorkspaceError> {
    let text = definition::to_toml(&project_definition(&state, &project).await?);
    researcher
        .audit(&state.db, Some(project.id), "definition exported", "")
        .await?;
    let disposition =
        HeaderValue::from_str(&format!("attachment; filename=\"{key}.toml\"")).map_err(internal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/toml; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct DefinitionForm {
    #[serde(default)]
    definition: String,
}

/// `POST /beheer/projecten/{key}/definitie`: the same import as the command line, for this
/// project only; problems are shown with their lines and nothing is stored then.
pub async fn import_definition(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(key): Path<String>,
    Form(form): Form<DefinitionForm>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    let problems = match definition::parse(&form.definition) {
        Err(problems) => problems
            .0
            .iter()
            .map(|p| {
                t!(
                    tr,
                    "researcher-definition-line",
                    line = p.line,
                    message = p.message.clone()
                )
            })
            .collect(),
        Ok(d) if d.project.key != project.key => {
            vec![t!(tr, "researcher-definition-other-project")]
        }
        // The name and description are the owners' (as in the project's settings).
        Ok(d)
            if !project.role.is_some_and(|r| r.allows(Role::Owner))
                && (d.project.name != project.name
                    || d.project.description.trim()
                        != state
                            .db
                            .project_description(project.id)
                            .await
                            .map_err(internal)?
                            .trim()
                    || d.project.formal
                        != state
                            .db
                            .formal_audiences(project.id)
                            .await
                            .map_err(internal)?) =>
        {
            vec![t!(tr, "researcher-definition-owner-only")]
        }
        Ok(d) => {
            match state
                .db
                .import_definition(&d, || InvitationCode::from_random(rand::random()))
                .await
            {
                Ok(summary) => {
                    let detail = format!(
                        "{} new version(s), {} replaced, {} new link(s)",
                        summary.new_versions.len(),
                        summary.updated_versions.len(),
                        summary.links_created.len()
                    );
                    researcher
                        .audit(&state.db, Some(project.id), "definition imported", &detail)
                        .await?;
                    return Ok(back_to(&key));
                }
                Err(StorageError::Conflict(message)) => vec![message],
                Err(e) => return Err(internal(e)),
            }
        }
    };
    project_page(
        &state,
        &researcher,
        project,
        Vec::new(),
        (form.definition, problems),
    )
    .await
}
