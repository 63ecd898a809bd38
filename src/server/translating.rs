//! Translating a questionnaire in the workspace: the Dutch beside each translation, what is
//! missing or out of date, and XLIFF and spreadsheet files to and from a translator, taken
//! in only when nothing is wrong with them.

use super::AppState;
use super::authoring::{editor_url, questionnaire, save_then};
use super::workspace::{AsEditor, InProject, WorkspaceError, internal, page, tr};
use crate::domain::translation::{Completeness, SOURCE_LANGUAGE, TextState, is_right_to_left};
use crate::domain::translation_files::{self, Problems, Returned};
use crate::domain::{Audience, Questionnaire};
use crate::i18n::Tr;
use crate::t;
use crate::ui::researcher::{
    LanguageProgress, TranslatePage, TranslateView, TranslationRow, Viewer, audience_name,
};
use axum::Form;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use serde::Deserialize;

/// The audiences a questionnaire has questions for.
fn audiences(q: &Questionnaire) -> Vec<Audience> {
    Audience::ALL
        .into_iter()
        .filter(|a| q.questions_for(*a).next().is_some())
        .collect()
}

fn progress_line(tr: &Tr, audience: Audience, c: Completeness) -> String {
    let done = c.current + c.out_of_date;
    t!(
        tr,
        "researcher-translation-progress",
        audience = audience_name(tr, audience),
        done = done,
        texts = c.texts,
        outdated = c.out_of_date
    )
}

/// Every language of the app but Dutch, with how far `q` is translated into it.
pub fn languages(state: &AppState, tr: &Tr, q: &Questionnaire) -> Vec<LanguageProgress> {
    let audiences = audiences(q);
    state
        .translations
        .all()
        .iter()
        .filter(|l| l.code() != SOURCE_LANGUAGE)
        .map(|l| {
            let code = l.code();
            LanguageProgress {
                code: code.to_owned(),
                name: t!(l, "language-name"),
                parts: audiences
                    .iter()
                    .map(|a| progress_line(tr, *a, q.completeness(code, *a)))
                    .collect(),
                offered: !audiences.is_empty()
                    && audiences
                        .iter()
                        .all(|a| q.completeness(code, *a).is_whole()),
            }
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct TranslateQuery {
    opgeslagen: Option<usize>,
    nieuwe_versie: Option<i64>,
}

/// The language in the path, when the app speaks it and it is not Dutch.
fn language(state: &AppState, code: &str) -> Result<Tr, WorkspaceError> {
    match state.translations.all().iter().find(|l| l.code() == code) {
        Some(l) if code != SOURCE_LANGUAGE => Ok(l.clone()),
        _ => Err(WorkspaceError::NotFound),
    }
}

async fn translate_page(
    state: &AppState,
    viewer: Viewer,
    project: (&str, &str),
    q: &Questionnaire,
    language: &Tr,
    notice: Option<String>,
    (file, problems): (String, Vec<String>),
) -> Response {
    let tr = tr(state);
    let code = language.code();
    let rows = q
        .sources(None)
        .into_iter()
        .map(|(at, dutch)| TranslationRow {
            text: q
                .translations
                .get(code)
                .and_then(|t| t.get(&at))
                .map(|t| t.text.clone())
                .unwrap_or_default(),
            state: match q.text_state(code, &at) {
                TextState::Missing => "missing",
                TextState::OutOfDate => "outdated",
                TextState::Current => "current",
            },
            at: at.to_string(),
            dutch: dutch.to_owned(),
        })
        .collect();
    let language_name = t!(language, "language-name");
    let view = TranslateView {
        viewer,
        project_key: project.0.to_owned(),
        project_name: project.1.to_owned(),
        questionnaire_key: q.key.clone(),
        questionnaire_title: q.title.clone(),
        language: code.to_owned(),
        language_name: language_name.clone(),
        right_to_left: is_right_to_left(code),
        progress: audiences(q)
            .into_iter()
            .map(|a| progress_line(&tr, a, q.completeness(code, a)))
            .collect(),
        rows,
        notice,
        file,
        problems: problems.clone(),
    };
    let mut title = format!(
        "{} – {}",
        t!(tr, "researcher-translate", language = language_name),
        q.title
    );
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        title = format!("{} {title}", t!(tr, "respondent-error-title-prefix"));
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(state, status, title, move || {
        view! { <TranslatePage page=view.clone() /> }
    })
    .await
}

/// `GET …/vragenlijsten/{questionnaire}/vertalingen/{lang}`: the translation table.
pub async fn translate(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey, lang)): Path<(String, String, String)>,
    Query(query): Query<TranslateQuery>,
) -> Result<Response, WorkspaceError> {
    let language = language(&state, &lang)?;
    let summary = questionnaire(&state, &project, &qkey).await?;
    let tr = tr(&state);
    let notice = match (query.nieuwe_versie, query.opgeslagen) {
        (Some(v), _) => {
            let old = v - 1;
            Some(t!(tr, "researcher-version-new", old = old, new = v))
        }
        (None, Some(count)) => Some(t!(tr, "researcher-translation-saved", count = count)),
        _ => None,
    };
    Ok(translate_page(
        &state,
        Viewer::from(&researcher),
        (&project.key, &project.name),
        &summary.questionnaire,
        &language,
        notice,
        Default::default(),
    )
    .await)
}

/// `POST …/vertalingen/{lang}`: the table saved. A changed text is a translation of the
/// Dutch as it is now; an unchanged out-of-date text becomes current when "klopt nog" is
/// ticked; an emptied one is removed.
pub async fn save_translations(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey, lang)): Path<(String, String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WorkspaceError> {
    let language = language(&state, &lang)?;
    let mut q = questionnaire(&state, &project, &qkey).await?.questionnaire;
    let code = language.code();
    let still_right = |at: &str| {
        fields
            .iter()
            .any(|(k, _)| k.strip_prefix("ok.") == Some(at))
    };
    let returned: Vec<Returned> = fields
        .iter()
        .filter_map(|(name, text)| {
            let at = name.strip_prefix("t.")?;
            let before = at
                .parse()
                .ok()
                .and_then(|at| q.translations.get(code)?.get(&at).cloned());
            // Left as it was: nothing typed where there was nothing, or the same text
            // without "klopt nog" (it keeps the Dutch it was translated from).
            let as_it_was = match &before {
                None => text.trim().is_empty(),
                Some(b) => b.text == text.trim() && !still_right(at),
            };
            (!as_it_was).then(|| Returned {
                at: at.to_owned(),
                source: None,
                text: text.clone(),
                line: 0,
            })
        })
        .collect();
    take(
        &state,
        researcher,
        &project,
        &mut q,
        &language,
        returned,
        String::new(),
    )
    .await
}

/// Takes returned texts into the questionnaire and saves it, or shows what is wrong.
async fn take(
    state: &AppState,
    researcher: crate::server::auth::Researcher,
    project: &crate::storage::ProjectSummary,
    q: &mut Questionnaire,
    language: &Tr,
    returned: Vec<Returned>,
    file: String,
) -> Result<Response, WorkspaceError> {
    let tr = tr(state);
    let problems = match q.take_translations(language.code(), &returned) {
        Ok(changed) => {
            let url = format!(
                "{}/vertalingen/{}?opgeslagen={changed}",
                editor_url(&project.key, &q.key),
                language.code()
            );
            let what = format!("{changed} translation(s) into {}", language.code());
            return save_then(state, &researcher, project, q, &what, url).await;
        }
        Err(problems) => lines(&tr, problems),
    };
    Ok(translate_page(
        state,
        Viewer::from(&researcher),
        (&project.key, &project.name),
        q,
        language,
        None,
        (file, problems),
    )
    .await)
}

fn lines(tr: &Tr, problems: Problems) -> Vec<String> {
    problems
        .into_iter()
        .map(|(line, message)| match line {
            0 => message,
            line => t!(
                tr,
                "researcher-definition-line",
                line = line,
                message = message
            ),
        })
        .collect()
}

#[derive(Deserialize)]
pub struct FileForm {
    #[serde(default)]
    file: String,
}

/// `POST …/vertalingen/{lang}/bestand`: a translator's file (XLIFF or the spreadsheet as
/// CSV), pasted; taken in whole or not at all.
pub async fn take_file(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey, lang)): Path<(String, String, String)>,
    Form(form): Form<FileForm>,
) -> Result<Response, WorkspaceError> {
    let language = language(&state, &lang)?;
    let mut q = questionnaire(&state, &project, &qkey).await?.questionnaire;
    let text = form.file.trim_start_matches('\u{feff}').trim_start();
    let read = if text.starts_with('<') {
        translation_files::from_xliff(text, language.code())
    } else {
        translation_files::from_sheet(text.as_bytes(), language.code())
    };
    let returned = match read {
        Ok(returned) => returned,
        Err(problems) => {
            let tr = tr(&state);
            return Ok(translate_page(
                &state,
                Viewer::from(&researcher),
                (&project.key, &project.name),
                &q,
                &language,
                None,
                (form.file, lines(&tr, problems)),
            )
            .await);
        }
    };
    take(
        &state, researcher, &project, &mut q, &language, returned, form.file,
    )
    .await
}

/// `POST …/vertalingen/{lang}/bestand-sturen`: a translator's file sent as it is (a
/// multipart form with the file `bestand`): Excel, XLIFF or CSV, told by its first bytes;
/// taken in whole or not at all.
pub async fn receive_file(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey, lang)): Path<(String, String, String)>,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Response, WorkspaceError> {
    let language = language(&state, &lang)?;
    let mut q = questionnaire(&state, &project, &qkey).await?.questionnaire;
    let mut form = form.map_err(|_| WorkspaceError::Invalid)?;
    let mut bytes = Vec::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| WorkspaceError::Invalid)?
    {
        if field.name() == Some("bestand") {
            bytes = field
                .bytes()
                .await
                .map_err(|_| WorkspaceError::Invalid)?
                .to_vec();
        }
    }
    let code = language.code();
    let text = String::from_utf8_lossy(&bytes);
    let read = if bytes.is_empty() {
        Err(vec![(
            0,
            t!(tr(&state), "researcher-translation-upload-empty"),
        )])
    } else if bytes.starts_with(b"PK") {
        translation_files::from_workbook(&bytes, code)
    } else if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
    {
        translation_files::from_xliff(&text, code)
    } else {
        translation_files::from_sheet(&bytes, code)
    };
    match read {
        Ok(returned) => {
            take(
                &state,
                researcher,
                &project,
                &mut q,
                &language,
                returned,
                String::new(),
            )
            .await
        }
        Err(problems) => Ok(translate_page(
            &state,
            Viewer::from(&researcher),
            (&project.key, &project.name),
            &q,
            &language,
            None,
            (String::new(), lines(&tr(&state), problems)),
        )
        .await),
    }
}

/// `GET …/vertalingen/{lang}/{format}`: the file for a translator, `xliff`, `xlsx` or
/// `csv`.
pub async fn download(
    State(state): State<AppState>,
    InProject {
        researcher,
        project,
        ..
    }: InProject<AsEditor>,
    Path((_, qkey, lang, format)): Path<(String, String, String, String)>,
) -> Result<Response, WorkspaceError> {
    let language = language(&state, &lang)?;
    let q = questionnaire(&state, &project, &qkey).await?.questionnaire;
    let code = language.code();
    let (body, media, extension) = match format.as_str() {
        "xliff" => (
            translation_files::to_xliff(&q, &project.key, code).into_bytes(),
            "application/xliff+xml; charset=utf-8",
            "xlf",
        ),
        "csv" => (
            translation_files::to_sheet(&q, code),
            "text/csv; charset=utf-8",
            "csv",
        ),
        "xlsx" => (
            translation_files::to_workbook(&q, code).map_err(internal)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => return Err(WorkspaceError::NotFound),
    };
    researcher
        .audit(
            &state.db,
            Some(project.id),
            "translation exported",
            &format!("{} {code} {format}", q.key),
        )
        .await?;
    let disposition = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}-{code}.{extension}\"",
        q.key
    ))
    .map_err(internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
