//! Conversations recorded by facilitators. Raw notes and quotes are respondent material:
//! researchers and owners only, like responses.

use super::AppState;
use super::auth::{Denied, Researcher};
use super::researcher::{internal, page, page_with, tr};
use crate::domain::account::Role;
use crate::domain::answers::check_page;
use crate::domain::privacy::scan;
use crate::domain::{Audience, Question, Questionnaire, RawAnswers};
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
) -> Result<Response, Denied> {
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
        can_edit: true,
        problems,
        project,
    };
    let status = if view.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
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
    researcher: Researcher,
    Path(key): Path<String>,
) -> Result<Response, Denied> {
    let project = researcher
        .project(&state.db, &key, Role::Researcher)
        .await?;
    list_page(&state, &researcher, project, Vec::new()).await
}

/// `POST /beheer/projecten/{key}/gesprekken`: a conversation to record.
pub async fn create_interview(
    State(state): State<AppState>,
    researcher: Researcher,
    Path(key): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Denied> {
    let field = |name: &str| form.get(name).map_or("", |v| v.trim());
    researcher.check_csrf(field("csrf"))?;
    let project = researcher
        .project(&state.db, &key, Role::Researcher)
        .await?;
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
    let guide = questionnaires
        .iter()
        .find(|q| q.key == field("questionnaire"));
    let new = match (held_on, audience, guide) {
        (Some(held_on), Some(audience), Some(guide))
            if !label.is_empty() && label.chars().count() <= 100 =>
        {
            NewInterview {
                audience,
                wave_key: field("wave").to_owned(),
                held_on,
                group_size: field("size").parse().unwrap_or(1).clamp(1, 100),
                label: label.to_owned(),
                questionnaire: guide.key.clone(),
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

async fn interview_and_guide(
    state: &AppState,
    project: &ProjectSummary,
    id: i64,
) -> Result<(Interview, Questionnaire), Denied> {
    let interview = state
        .db
        .interviews(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(Denied::Forbidden)?;
    let guide = state
        .db
        .project_questionnaires(project.id)
        .await
        .map_err(internal)?
        .into_iter()
        .find(|q| q.key == interview.questionnaire)
        .ok_or(Denied::Forbidden)?
        .questionnaire;
    Ok((interview, guide))
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    opgeslagen: Option<String>,
}

/// `GET /beheer/projecten/{key}/gesprekken/{id}`: the guide with what was recorded so far.
pub async fn interview(
    State(state): State<AppState>,
    researcher: Researcher,
    Path((key, id)): Path<(String, i64)>,
    Query(query): Query<SavedQuery>,
) -> Result<Response, Denied> {
    let project = researcher
        .project(&state.db, &key, Role::Researcher)
        .await?;
    let (interview, guide) = interview_and_guide(&state, &project, id).await?;
    let (notes, answers) = state.db.interview_record(id).await.map_err(internal)?;
    let tr = tr(&state);
    let questions: Vec<&Question> = guide.questions_for(interview.audience).collect();
    let flag_text = |entry: &NotesEntry| {
        (!entry.flagged.is_empty()).then(|| {
            let kinds = entry
                .flagged
                .iter()
                .map(|k| super::researcher::kind_name(&tr, *k))
                .collect::<Vec<_>>()
                .join(", ");
            t!(tr, "researcher-flag", kinds = kinds)
        })
    };
    let items = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let entry = notes.get(&q.key).cloned().unwrap_or_default();
            let text = q
                .wording_for(interview.audience)
                .map(|w| w.text.clone())
                .unwrap_or_default();
            let closed = (!q.kind.is_text()).then(|| {
                let values = answers.get(&q.key).cloned().unwrap_or_default();
                QuestionItem::build(
                    &tr,
                    q,
                    interview.audience,
                    (i + 1, questions.len()),
                    values,
                    None,
                    None,
                )
            });
            GuideItem {
                key: q.key.clone(),
                closed,
                text,
                flag: flag_text(&entry),
                notes: entry.notes,
                quotes: entry.quotes,
            }
        })
        .collect();
    let general = notes
        .get("algemeen")
        .map(|e| (e.notes.clone(), e.quotes.clone()))
        .unwrap_or_default();
    let view = InterviewView {
        viewer: Viewer::from(&researcher),
        project,
        interview,
        items,
        general,
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

/// `POST /beheer/projecten/{key}/gesprekken/{id}`: saves notes, quotes and closed answers.
pub async fn save_interview(
    State(state): State<AppState>,
    researcher: Researcher,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, Denied> {
    let csrf = form
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    researcher.check_csrf(csrf)?;
    let project = researcher
        .project(&state.db, &key, Role::Researcher)
        .await?;
    let (interview, guide) = interview_and_guide(&state, &project, id).await?;
    let questions: Vec<&Question> = guide.questions_for(interview.audience).collect();
    let mut raw = RawAnswers::new();
    let mut notes: BTreeMap<String, NotesEntry> = BTreeMap::new();
    for (name, value) in &form {
        if let Some(key) = name.strip_prefix("q.") {
            raw.entry(key.to_owned()).or_default().push(value.clone());
        } else if let Some((field, key)) = name.split_once('.')
            && (key == "algemeen" || questions.iter().any(|q| q.key == key))
        {
            let entry = notes.entry(key.to_owned()).or_default();
            match field {
                "notes" => entry.notes = value.replace("\r\n", "\n"),
                "quotes" => entry.quotes = value.replace("\r\n", "\n"),
                _ => return Ok((StatusCode::BAD_REQUEST, "unknown field").into_response()),
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
    let outcome = match check_page(&questions, &RawAnswers::new(), &raw) {
        Ok(outcome) => outcome,
        Err(rejection) => {
            return Ok((StatusCode::BAD_REQUEST, rejection.to_string()).into_response());
        }
    };
    if !state
        .db
        .save_interview(project.id, id, &notes, &outcome.answers)
        .await
        .map_err(internal)?
    {
        return Err(Denied::Forbidden);
    }
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "interview saved",
            &interview.label,
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/beheer/projecten/{key}/gesprekken/{id}?opgeslagen=1"
    ))
    .into_response())
}
