//! Translating a questionnaire in the browser: every text a respondent reads, the Dutch
//! beside its translation, what is missing or out of date, and files for a translator.

use super::{CsrfField, ErrorSummary, ResearcherFrame, Viewer};
use crate::i18n::Tr;
use crate::t;
use leptos::prelude::*;

/// How far one language is, per audience, as the editor lists it.
#[derive(Debug, Clone)]
pub struct LanguageProgress {
    pub code: String,
    pub name: String,
    /// E.g. "Ouders: 12 van 15 vertaald, 2 verouderd".
    pub parts: Vec<String>,
    /// Offered to every audience of the questionnaire.
    pub offered: bool,
}

/// The editor's list of languages, each with its progress and a link to translate it, and
/// the languages to record readings in (`dutch`: Dutch's own name).
#[component]
pub fn TranslationList(
    base: String,
    languages: Vec<LanguageProgress>,
    dutch: String,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    // Recordings are made in the languages respondents can answer in.
    let recordable: Vec<(String, String)> = languages
        .iter()
        .filter(|l| l.offered)
        .map(|l| (l.code.clone(), l.name.clone()))
        .collect();
    view! {
        <h2 id="vertalingen">{t!(tr, "researcher-translations")}</h2>
        <p>{t!(tr, "researcher-translations-intro")}</p>
        <ul class="translation-list">
            {languages
                .into_iter()
                .map(|l| {
                    let href = format!("{base}/vertalingen/{}", l.code);
                    view! {
                        <li>
                            <a href=href lang=l.code.clone()>{l.name.clone()}</a>
                            {l.offered.then(|| view! { " " <span class="badge">{t!(tr, "researcher-translation-offered")}</span> })}
                            <ul>{l.parts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <h2 id="voorlezen">{t!(tr, "researcher-recordings-heading")}</h2>
        <p>{t!(tr, "researcher-recordings-list")}</p>
        <ul>
            <li>
                <a href=format!("{base}/opnames/nl") lang="nl">{dutch}</a>
            </li>
            {recordable
                .into_iter()
                .map(|(code, name)| {
                    view! {
                        <li>
                            <a href=format!("{base}/opnames/{code}") lang=code>{name}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// One text in the translation table.
#[derive(Debug, Clone)]
pub struct TranslationRow {
    /// Where it sits: `title`, `q.leeftijd.parent`, … (also the field's name).
    pub at: String,
    pub dutch: String,
    pub text: String,
    /// `missing`, `outdated` or `current`.
    pub state: &'static str,
}

#[derive(Debug, Clone)]
pub struct TranslateView {
    pub viewer: Viewer,
    pub project_key: String,
    pub project_name: String,
    pub questionnaire_key: String,
    pub questionnaire_title: String,
    pub language: String,
    pub language_name: String,
    pub right_to_left: bool,
    pub progress: Vec<String>,
    pub rows: Vec<TranslationRow>,
    pub notice: Option<String>,
    /// A pasted file from a translator and what is wrong with it.
    pub file: String,
    pub problems: Vec<String>,
}

#[component]
pub fn TranslatePage(page: TranslateView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let editor = format!(
        "/beheer/projecten/{}/vragenlijsten/{}",
        page.project_key, page.questionnaire_key
    );
    let base = format!("{editor}/vertalingen/{}", page.language);
    let csrf = page.viewer.csrf.clone();
    let dir = if page.right_to_left { "rtl" } else { "ltr" };
    let language = page.language.clone();
    let (missing, outdated, current) = (
        t!(tr, "researcher-translation-missing"),
        t!(tr, "researcher-translation-outdated"),
        t!(tr, "researcher-translation-current"),
    );
    let state_text = move |state: &str| match state {
        "missing" => missing.clone(),
        "outdated" => outdated.clone(),
        _ => current.clone(),
    };
    let still_right = t!(tr, "researcher-translation-still-right");
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{}", page.project_key)>{page.project_name.clone()}</a>
                " › "
                <a href=format!("{editor}#vertalingen")>{page.questionnaire_title.clone()}</a>
            </p>
            <h1>{t!(tr, "researcher-translate", language = page.language_name.clone())}</h1>
            {page.notice.clone().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <ul>{page.progress.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
            <p>
                {t!(tr, "researcher-translation-download")} " "
                <a href=format!("{base}/xliff") download="">{"XLIFF"}</a>
                " · "
                <a href=format!("{base}/xlsx") download="">{"Excel"}</a>                " · "
                <a href=format!("{base}/csv") download="">{"CSV"}</a>
            </p>
            <form method="post" action=base.clone()>
                <CsrfField token=csrf.clone() />
                <table class="translation-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(tr, "researcher-translation-text")}</th>
                            <th scope="col">{t!(tr, "researcher-translation-dutch")}</th>
                            <th scope="col">{page.language_name.clone()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page
                            .rows
                            .into_iter()
                            .map(|row| {
                                let field = format!("t-{}", row.at);
                                let state_id = format!("state-{}", row.at);
                                view! {
                                    <tr class=format!("translation {}", row.state)>
                                        <th scope="row"><code>{row.at.clone()}</code></th>
                                        <td lang="nl" id=format!("nl-{}", row.at)>{row.dutch.clone()}</td>
                                        <td>
                                            <textarea
                                                id=field.clone()
                                                name=format!("t.{}", row.at)
                                                rows="2"
                                                lang=language.clone()
                                                dir=dir
                                                aria-labelledby=format!("nl-{}", row.at)
                                                aria-describedby=state_id.clone()
                                            >
                                                {row.text.clone()}
                                            </textarea>
                                            <p class="hint" id=state_id>{state_text(row.state)}</p>
                                            {(row.state == "outdated")
                                                .then(|| {
                                                    let id = format!("ok-{}", row.at);
                                                    view! {
                                                        <p>
                                                            <input type="checkbox" id=id.clone() name=format!("ok.{}", row.at) value="1" />
                                                            " "
                                                            <label for=id>{still_right.clone()}</label>
                                                        </p>
                                                    }
                                                })}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <button type="submit" class="primary">{t!(tr, "researcher-save")}</button>
            </form>
            <h2>{t!(tr, "researcher-translation-file")}</h2>
            <ErrorSummary problems=page.problems.clone() />
            <form method="post" action=format!("{base}/bestand") class="stacked wide-form">
                <CsrfField token=csrf />
                <div class="question">
                    <label for="file" class="question-label">{t!(tr, "researcher-translation-file-label")}</label>
                    <textarea id="file" name="file" rows="8">{page.file.clone()}</textarea>
                </div>
                <button type="submit">{t!(tr, "researcher-translation-file-take")}</button>
            </form>
            <form method="post" action=format!("{base}/bestand-sturen") enctype="multipart/form-data" class="stacked wide-form">
                <CsrfField token=page.viewer.csrf.clone() />
                <div class="question">
                    <label for="upload" class="question-label">{t!(tr, "researcher-translation-upload-label")}</label>
                    <input type="file" id="upload" name="bestand" accept=".xlsx,.csv,.xlf,.xliff,.xml" />
                </div>
                <button type="submit">{t!(tr, "researcher-translation-upload")}</button>
            </form>
        </ResearcherFrame>
    }
}
