//! Conversations recorded by facilitators. Raw notes and quotes are respondent material:
//! researchers and owners only, like responses.

use super::AppState;
use super::auth::Researcher;
use super::workspace::{AsEditor, InProject, WorkspaceError};
use crate::domain::answers::check_page;
use crate::domain::privacy::{redact, scan};
use crate::domain::{Audience, Question, Questionnaire, RawAnswers};
use crate::server::workspace::{form_status, internal, page, page_with, tr};
use crate::storage::{Interview, NewInterview, NotesEntry, ProjectSummary};
use crate::t;
use crate::ui::researcher::{
    GuideItem, InterviewPage, InterviewView, InterviewsPage, InterviewsView, Viewer,
};
use crate::ui::respondent::QuestionItem;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

async fn list_page(
    state: &AppState,
    researcher: &Researcher,
    project: ProjectSummary,
    problems: Vec<String>,
) -> Result<Response, WorkspaceError> {
    let view = InterviewsView {
        viewer: Viewer::from(researcher),
        interviews: state.db.interviews(project.id).await.map_err(internal)?,
        questionnaires: state
            .db
            .project_questionnaires(project.id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|q| (q.key, q.questionnaire.title))
            .collect(),
        waves: state
            .db
            .project_waves(project.id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|w| (w.key, w.name))
            .collect(),
        languages: state
            .translations
            .all()
            .iter()
            .map(|l| (l.code().to_owned(), state.translations.own_name(l.code())))
            .collect(),
        can_edit: true,
        problems,
        project,
    };
    let status = form_status(view.problems.is_empty());
    let title = t!(tr(state), "researcher-interviews");
    Ok(page(
        state,
        status,
        title,
        move || view! { <InterviewsPage page=view.clone() /> },
    )
    .await)
}

/// `GET /beheer/projecten/{key}/gesprekken`
pub async fn interviews(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
) -> Result<Response, WorkspaceError> {
    list_page(&state, &researcher, project, Vec::new()).await
}

/// `POST /beheer/projecten/{key}/gesprekken`: a conversation to record.
pub async fn create_interview(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path(key): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, WorkspaceError> {
    let field = |name: &str| form.get(name).map_or("", |v| v.trim());
    let held_on = time::Date::parse(
        field("held_on"),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok();
    let audience = field("audience").parse::<Audience>().ok();
    let label = field("label");
    let questionnaires = state
        .db
        .project_questionnaires(project.id)
        .await
        .map_err(internal)?;
    // An empty guide means the project's themes.
    let guide = match field("questionnaire") {
        "" => Some(String::new()),
        key => questionnaires
            .iter()
            .find(|q| q.key == key)
            .map(|q| q.key.clone()),
    };
    // A language of the frame; Dutch when none is chosen.
    let language = match field("language") {
        "" => Some(crate::domain::translation::SOURCE_LANGUAGE),
        code => state.translations.offers(code).then_some(code),
    };
    let new = match (held_on, audience, guide, language) {
        (Some(held_on), Some(audience), Some(guide), Some(language))
            if !label.is_empty() && label.chars().count() <= 100 =>
        {
            NewInterview {
                audience,
                wave_key: field("wave").to_owned(),
                held_on,
                group_size: field("size").parse().unwrap_or(1).clamp(1, 100),
                label: label.to_owned(),
                questionnaire: guide,
                language: language.to_owned(),
            }
        }
        _ => {
            return list_page(
                &state,
                &researcher,
                project,
                vec![t!(tr(&state), "researcher-interview-missing")],
            )
            .await;
        }
    };
    let Some(id) = state
        .db
        .create_interview(project.id, &new)
        .await
        .map_err(internal)?
    else {
        return list_page(
            &state,
            &researcher,
            project,
            vec![t!(tr(&state), "researcher-interview-missing")],
        )
        .await;
    };
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "interview recorded",
            &new.label,
        )
        .await?;
    Ok(Redirect::to(&format!("/beheer/projecten/{key}/gesprekken/{id}")).into_response())
}

/// What a conversation follows: a questionnaire's questions, or the project's themes.
enum Guide {
    Questionnaire(Questionnaire),
    Themes(Vec<crate::domain::Theme>),
}

impl Guide {
    /// The parts notes can be kept under: question keys, or `thema-<key>`.
    fn parts(&self, audience: Audience) -> Vec<String> {
        match self {
            Guide::Questionnaire(q) => q.questions_for(audience).map(|q| q.key.clone()).collect(),
            Guide::Themes(themes) => themes.iter().map(|t| format!("thema-{}", t.key)).collect(),
        }
    }
}

async fn interview_and_guide(
    state: &AppState,
    project: &ProjectSummary,
    id: i64,
) -> Result<(Interview, Guide), WorkspaceError> {
    let interview = state
        .db
        .interviews(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(WorkspaceError::NotFound)?;
    if interview.questionnaire.is_empty() {
        return Ok((
            interview,
            Guide::Themes(
                state
                    .db
                    .project_themes(project.id)
                    .await
                    .map_err(internal)?,
            ),
        ));
    }
    let guide = state
        .db
        .project_questionnaires(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .find(|q| q.key == interview.questionnaire)
        .ok_or(WorkspaceError::NotFound)?
        .questionnaire;
    Ok((interview, Guide::Questionnaire(guide)))
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    opgeslagen: Option<String>,
}

/// `GET /beheer/projecten/{key}/gesprekken/{id}`: the guide with what was recorded so far.
pub async fn interview(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, id)): Path<(String, i64)>,
    Query(query): Query<SavedQuery>,
) -> Result<Response, WorkspaceError> {
    let (interview, guide) = interview_and_guide(&state, &project, id).await?;
    let (notes, answers) = state
        .db
        .interview_record(project.id, id)
        .await
        .map_err(internal)?;
    let coded = state
        .db
        .quote_codes(project.id, id)
        .await
        .map_err(internal)?;
    let code_options: Vec<(i64, String)> = state
        .db
        .codes(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let tr = tr(&state);
    let flag_text = |entry: &NotesEntry| {
        (!entry.flagged.is_empty()).then(|| {
            let kinds = entry
                .flagged
                .iter()
                .map(|k| super::responses::kind_name(&tr, *k))
                .collect::<Vec<_>>()
                .join(", ");
            t!(tr, "researcher-flag", kinds = kinds)
        })
    };
    let item = |part: String, text: String, closed: Option<QuestionItem>| {
        let entry = notes.get(&part).cloned().unwrap_or_default();
        GuideItem {
            codes: coded
                .iter()
                .filter(|(p, _, _)| *p == part)
                .map(|(_, q, c)| (q.clone(), c.clone()))
                .collect(),
            quote_lines: entry
                .quotes
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            flag: flag_text(&entry),
            key: part,
            closed,
            text,
            notes: entry.notes,
            quotes: entry.quotes,
        }
    };
    let items = match &guide {
        Guide::Questionnaire(q) => {
            // A conversation follows no one across rounds: no linkage code in its guide.
            let questions: Vec<&Question> = q
                .questions_for(interview.audience)
                .filter(|q| q.kind.code_parts().is_none())
                .collect();
            questions
                .iter()
                .enumerate()
                .map(|(i, question)| {
                    let text = question
                        .wording_for(interview.audience)
                        .map(|w| w.text.clone())
                        .unwrap_or_default();
                    let closed = question.kind.is_counted().then(|| {
                        let values = answers.get(&question.key).cloned().unwrap_or_default();
                        QuestionItem::build(
                            &tr,
                            question,
                            interview.audience,
                            (i + 1, questions.len()),
                            values,
                            None,
                            None,
                        )
                    });
                    item(question.key.clone(), text, closed)
                })
                .collect()
        }
        Guide::Themes(themes) => themes
            .iter()
            .map(|t| item(format!("thema-{}", t.key), t.title.clone(), None))
            .collect(),
    };
    let general = item(
        "algemeen".into(),
        t!(tr, "researcher-interview-general"),
        None,
    );
    let view = InterviewView {
        viewer: Viewer::from(&researcher),
        project,
        interview,
        items,
        general,
        code_options,
        saved: query.opgeslagen.is_some(),
    };
    let title = view.interview.label.clone();
    Ok(page_with(
        &state,
        StatusCode::OK,
        title,
        true,
        move || view! { <InterviewPage page=view.clone() /> },
    )
    .await)
}

/// Reads a posted conversation form and saves it. `Err(response)` is a refused form.
async fn save_posted(
    state: &AppState,
    researcher: &Researcher,
    project: &ProjectSummary,
    id: i64,
    form: &[(String, String)],
) -> Result<Result<Interview, Response>, WorkspaceError> {
    let (interview, guide) = interview_and_guide(state, project, id).await?;
    let parts = guide.parts(interview.audience);
    let mut raw = RawAnswers::new();
    let mut notes: BTreeMap<String, NotesEntry> = BTreeMap::new();
    for (name, value) in form {
        if let Some(key) = name.strip_prefix("q.") {
            raw.entry(key.to_owned()).or_default().push(value.clone());
        } else if let Some((field, part)) = name.split_once('.') {
            if part != "algemeen" && !parts.iter().any(|p| p == part) {
                return Err(WorkspaceError::Invalid);
            }
            let entry = notes.entry(part.to_owned()).or_default();
            match field {
                "notes" => entry.notes = value.replace("\r\n", "\n"),
                "quotes" => entry.quotes = value.replace("\r\n", "\n"),
                // The code and quote chosen for coding a quote (read by that handler).
                "code" | "quote" => {}
                _ => {
                    return Err(WorkspaceError::Invalid);
                }
            }
        }
    }
    for entry in notes.values_mut() {
        let mut kinds: Vec<_> = scan(&entry.notes)
            .into_iter()
            .chain(scan(&entry.quotes))
            .map(|f| f.kind)
            .collect();
        kinds.sort();
        kinds.dedup();
        entry.flagged = kinds;
    }
    // Closed answers are checked like a respondent's; nothing is required in a conversation.
    let questions: Vec<&Question> = match &guide {
        Guide::Questionnaire(q) => q
            .questions_for(interview.audience)
            .filter(|q| q.kind.code_parts().is_none())
            .collect(),
        Guide::Themes(_) => Vec::new(),
    };
    let outcome = match check_page(&questions, &RawAnswers::new(), &raw) {
        Ok(outcome) => outcome,
        Err(_) => return Err(WorkspaceError::Invalid),
    };
    if !state
        .db
        .save_interview(project.id, id, &notes, &outcome.answers)
        .await
        .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "interview saved",
            &interview.label,
        )
        .await?;
    Ok(Ok(interview))
}

fn back_to_interview(key: &str, id: i64) -> Response {
    Redirect::to(&format!(
        "/beheer/projecten/{key}/gesprekken/{id}?opgeslagen=1"
    ))
    .into_response()
}

/// `POST /beheer/projecten/{key}/gesprekken/{id}`: saves notes, quotes and closed answers.
pub async fn save_interview(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WorkspaceError> {
    Ok(
        match save_posted(&state, &researcher, &project, id, &form).await? {
            Ok(_) => back_to_interview(&key, id),
            Err(refused) => refused,
        },
    )
}

/// `POST …/gesprekken/{id}/gegevens/{part}/weglaten` (or `in-orde`): saves the form, then
/// removes what looks like personal data from that part's notes and quotes (or keeps it).
pub async fn resolve_interview_flag(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id, part, action)): Path<(String, i64, String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WorkspaceError> {
    if let Err(refused) = save_posted(&state, &researcher, &project, id, &form).await? {
        return Ok(refused);
    }
    let (notes, _) = state
        .db
        .interview_record(project.id, id)
        .await
        .map_err(internal)?;
    let Some(mut entry) = notes.get(&part).cloned() else {
        return Err(WorkspaceError::NotFound);
    };
    match action.as_str() {
        "weglaten" => {
            entry.notes = redact(&entry.notes, &scan(&entry.notes));
            entry.quotes = redact(&entry.quotes, &scan(&entry.quotes));
        }
        "in-orde" => {}
        _ => return Err(WorkspaceError::NotFound),
    }
    entry.flagged.clear();
    state
        .db
        .update_interview_part(project.id, id, &part, &entry)
        .await
        .map_err(internal)?;
    let what = if action == "weglaten" {
        "personal data removed"
    } else {
        "personal data reviewed"
    };
    researcher
        .audit(
            &state.db,
            Some(project.id),
            what,
            &format!("interview {id}, {part}"),
        )
        .await?;
    Ok(back_to_interview(&key, id))
}

/// `POST …/gesprekken/{id}/citaten/{part}/codes`: saves the form, then puts the chosen code on
/// the chosen quote of that part.
pub async fn code_quote(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((key, id, part)): Path<(String, i64, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WorkspaceError> {
    if let Err(refused) = save_posted(&state, &researcher, &project, id, &form).await? {
        return Ok(refused);
    }
    let field = |name: String| {
        form.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let code: i64 = field(format!("code.{part}"))
        .parse()
        .map_err(|_| WorkspaceError::Invalid)?;
    let quote = field(format!("quote.{part}"));
    let (notes, _) = state
        .db
        .interview_record(project.id, id)
        .await
        .map_err(internal)?;
    let known = notes
        .get(&part)
        .is_some_and(|e| e.quotes.lines().any(|l| l.trim() == quote));
    if !known
        || !state
            .db
            .apply_code_to_quote(project.id, code, id, &part, &quote, researcher.user.id)
            .await
            .map_err(internal)?
    {
        return Err(WorkspaceError::NotFound);
    }
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "coded",
            &format!("code {code} on a quote of interview {id}, {part}"),
        )
        .await?;
    Ok(back_to_interview(&key, id))
}
