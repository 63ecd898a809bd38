//! The same people followed from round to round: who could be followed, whether they
//! differ from the others, and how their answers changed. Everything is computed and made
//! safe on the server (`server::comparison::following`); this only lays it out.

use super::comparison::{Table, select};
use super::{CsrfField, DataTable, ErrorSummary, ResearcherFrame, Viewer};
use crate::i18n::Tr;
use crate::storage::ProjectSummary;
use crate::t;
use leptos::prelude::*;

/// How one closed question changed among the people followed.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeBlock {
    pub question: String,
    /// The 2×2 table or up/same/down; none when it may not be shown.
    pub table: Option<DataTable>,
    /// The change in words, with its interval and test, or why it is not shown.
    pub summary: String,
}

/// One audience of the questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowedAudience {
    pub title: String,
    pub report: DataTable,
    pub bias: Option<DataTable>,
    pub changes: Vec<ChangeBlock>,
}

#[derive(Debug, Clone)]
pub struct FollowingView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    /// (key, title) of the questionnaires with a linkage code.
    pub questionnaires: Vec<(String, String)>,
    pub waves: Vec<(String, String)>,
    pub filters: Vec<(String, String)>,
    pub questionnaire: Option<String>,
    pub first: Option<String>,
    pub second: Option<String>,
    pub filter: Option<String>,
    pub audiences: Vec<FollowedAudience>,
    pub tolerance: u8,
    pub threshold: u64,
    pub is_owner: bool,
    pub problems: Vec<String>,
}

#[component]
pub fn FollowingPage(page: FollowingView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let key = page.project.key.clone();
    let action = format!("/beheer/projecten/{key}/gevolgd");
    let nothing = if page.questionnaires.is_empty() {
        Some(t!(tr, "following-no-code"))
    } else if page.first.is_none() || page.second.is_none() {
        Some(t!(tr, "following-two-rounds"))
    } else {
        None
    };
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{key}")>{page.project.name.clone()}</a>
                " · "
                <a href=format!("/beheer/projecten/{key}/vergelijking")>{t!(tr, "following-to-comparison")}</a>
            </p>
            <h1>{t!(tr, "following-title")}</h1>
            <p>{t!(tr, "following-intro")}</p>
            <ErrorSummary problems=page.problems.clone() />
            <form method="get" action=action class="choices">
                {select(
                    "following-questionnaire",
                    "vragenlijst",
                    t!(tr, "following-questionnaire"),
                    page.questionnaires.clone(),
                    page.questionnaire.clone(),
                    None,
                )}
                {select(
                    "following-first",
                    "golf",
                    t!(tr, "following-first"),
                    page.waves.clone(),
                    page.first.clone(),
                    None,
                )}
                {select(
                    "following-second",
                    "tegen",
                    t!(tr, "following-second"),
                    page.waves.clone(),
                    page.second.clone(),
                    None,
                )}
                {select(
                    "following-filter",
                    "filter",
                    t!(tr, "comparison-filter"),
                    page.filters.clone(),
                    page.filter.clone(),
                    Some(t!(tr, "comparison-no-filter")),
                )}
                <button type="submit" class="secondary">{t!(tr, "following-show")}</button>
            </form>
            {nothing.map(|n| view! { <p class="notice">{n}</p> })}
            {page
                .audiences
                .into_iter()
                .map(|a| view! { <AudienceSection audience=a /> })
                .collect_view()}
            <h2>{t!(tr, "following-method")}</h2>
            <p>
                {t!(
                    tr,
                    "following-method-matching",
                    tolerance = page.tolerance.to_string()
                )}
            </p>
            <p>{t!(tr, "following-method-privacy")}</p>
            <p>{t!(tr, "following-method-threshold", threshold = page.threshold.to_string())}</p>
            {page
                .is_owner
                .then(|| {
                    view! {
                        <h2>{t!(tr, "following-tolerance")}</h2>
                        <form method="post" action=format!("/beheer/projecten/{key}/koppelcode") class="stacked">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <div class="field">
                                <label for="tolerance">{t!(tr, "following-tolerance-label")}</label>
                                <p class="hint" id="tolerance-hint">{t!(tr, "following-tolerance-hint")}</p>
                                <input id="tolerance" name="tolerance" type="number" min="0" max="3" value=page.tolerance.to_string() aria-describedby="tolerance-hint" />
                            </div>
                            <button type="submit" class="secondary">{t!(tr, "following-tolerance-save")}</button>
                        </form>
                    }
                })}
        </ResearcherFrame>
    }
}

#[component]
fn AudienceSection(audience: FollowedAudience) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <section aria-label=audience.title.clone()>
            <h2>{audience.title.clone()}</h2>
            <h3>{t!(tr, "following-report")}</h3>
            <Table table=audience.report />
            <h3>{t!(tr, "following-bias")}</h3>
            <p>{t!(tr, "following-bias-intro")}</p>
            {match audience.bias {
                Some(table) => view! { <Table table /> }.into_any(),
                None => view! { <p>{t!(tr, "following-bias-none")}</p> }.into_any(),
            }}
            <h3>{t!(tr, "following-changes")}</h3>
            <p>{t!(tr, "following-changes-intro")}</p>
            {audience
                .changes
                .into_iter()
                .map(|c| {
                    view! {
                        <section class="question-comparison" aria-label=c.question.clone()>
                            <h4>{c.question.clone()}</h4>
                            {c.table.map(|table| view! { <Table table /> })}
                            <p>{c.summary}</p>
                        </section>
                    }
                })
                .collect_view()}
        </section>
    }
}
