//! The comparison of one theme (professionals · young people · parents side by side, round
//! against round) and the printable report. Everything is computed and made safe on the
//! server; these components only lay it out.

use super::charts::{Chart, ChartSvg};
use super::{CsrfField, ErrorSummary, ResearcherFrame, ThemeActions, Viewer};
use crate::domain::tally::LANGUAGE_FILTER;
use crate::i18n::Tr;
use crate::storage::ProjectSummary;
use crate::t;
use leptos::prelude::*;

/// A table with the same numbers as a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct DataTable {
    pub caption: String,
    pub columns: Vec<String>,
    /// Row header and cells.
    pub rows: Vec<(String, Vec<String>)>,
}

/// One closed question asked of more than one audience.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionBlock {
    pub key: String,
    pub text: String,
    pub chart: Chart,
    pub table: DataTable,
    /// Differences between audiences (or rounds) in words, with their intervals.
    pub differences: Vec<String>,
    /// Over all rounds, when there is more than one.
    pub trend: Option<DataTable>,
}

/// How often one audience raised a code, with its strongest quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeCell {
    pub count: String,
    /// The count when it is shown, else 0 (to find the strongest quotes).
    pub n: u64,
    pub quotes: Vec<String>,
}

/// One code of the theme across the audiences.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeRow {
    pub name: String,
    pub child: bool,
    pub cells: Vec<CodeCell>,
    /// "Overeenkomst", "Verschil: …", …
    pub pattern: String,
    /// `shared`, `differs`, `rare` or `none`: for the marker's shape.
    pub pattern_class: &'static str,
}

/// Everything the comparison says about one theme.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeComparison {
    pub key: String,
    pub title: String,
    pub description: String,
    /// The audience columns of the codes table (with their round, when comparing rounds).
    pub code_columns: Vec<String>,
    pub codes: Vec<CodeRow>,
    pub questions: Vec<QuestionBlock>,
    /// The theme's actions with their indicators over all rounds.
    pub actions: Vec<super::ActionRow>,
    pub summary: ThemeSummary,
}

/// A theme at a glance (see `server::comparison::summary`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ThemeSummary {
    /// Codes every group names.
    pub shared: Vec<String>,
    /// Codes only some groups name, with who.
    pub differs: Vec<String>,
    /// Per audience (its name), its strongest quotes.
    pub quotes: Vec<(String, Vec<String>)>,
    /// Closed questions where audiences clearly differ, in words.
    pub differences: Vec<String>,
    /// The heading and what clearly changed since the round before; none with one round.
    pub changes: Option<(String, Vec<String>)>,
}

/// What was chosen on the comparison page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub theme: String,
    pub wave: Option<String>,
    pub against: Option<String>,
    /// `question=value`
    pub filter: Option<String>,
    pub table: bool,
}

impl Selection {
    /// The query string of this selection, in the table or the chart view.
    pub fn query(&self, table: bool) -> String {
        let mut parts = vec![format!("thema={}", self.theme)];
        if let Some(w) = &self.wave {
            parts.push(format!("golf={w}"));
        }
        if let Some(w) = &self.against {
            parts.push(format!("tegen={w}"));
        }
        if let Some(f) = &self.filter {
            parts.push(format!("filter={}", f.replace('=', "%3D")));
        }
        if table {
            parts.push("weergave=tabel".into());
        }
        format!("?{}", parts.join("&"))
    }
}

#[derive(Debug, Clone)]
pub struct ComparisonView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    /// (key, title)
    pub themes: Vec<(String, String)>,
    /// (key, name)
    pub waves: Vec<(String, String)>,
    /// (`question=value`, "Leeftijd: 13 tot en met 15 jaar")
    pub filters: Vec<(String, String)>,
    pub selection: Selection,
    pub comparison: ThemeComparison,
    /// Who was asked, when, how many, and the threshold.
    pub method: Vec<String>,
    pub threshold: u64,
    pub is_owner: bool,
    pub can_export: bool,
    /// Some questionnaire asks for a linkage code: the same people can be followed.
    pub can_follow: bool,
    /// (key, title) of the questionnaires, for the export form.
    pub questionnaires: Vec<(String, String)>,
    pub problems: Vec<String>,
}

pub(super) fn select(
    id: &'static str,
    name: &'static str,
    label: String,
    options: Vec<(String, String)>,
    chosen: Option<String>,
    none: Option<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                {none.map(|n| view! { <option value="">{n}</option> })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = chosen.as_deref() == Some(value.as_str());
                        view! { <option value=value selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
pub(super) fn Table(table: DataTable) -> impl IntoView {
    let label = table.caption.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
        <table class="data">
            <caption>{table.caption}</caption>
            <thead>
                <tr>
                    {table
                        .columns
                        .iter()
                        .map(|c| view! { <th scope="col">{c.clone()}</th> })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>
                {table
                    .rows
                    .into_iter()
                    .map(|(head, cells)| {
                        view! {
                            <tr>
                                <th scope="row">{head}</th>
                                {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
    }
}

/// The codes of a theme with how often each audience raised them.
#[component]
fn CodesTable(comparison: ThemeComparison, quotes_below: bool) -> impl IntoView {
    let tr = expect_context::<Tr>();
    if comparison.codes.is_empty() {
        return view! { <p>{t!(tr, "comparison-codes-none")}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t!(tr, "comparison-codes-caption", theme = comparison.title.clone())>
        <table class="data codes">
            <caption>{t!(tr, "comparison-codes-caption", theme = comparison.title.clone())}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(tr, "comparison-code")}</th>
                    {comparison.code_columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                    <th scope="col">{t!(tr, "comparison-pattern")}</th>
                </tr>
            </thead>
            <tbody>
                {comparison
                    .codes
                    .into_iter()
                    .map(|row| {
                        let class = if row.child { "child" } else { "" };
                        view! {
                            <tr class=class>
                                <th scope="row">{row.name.clone()}</th>
                                {row
                                    .cells
                                    .into_iter()
                                    .map(|cell| {
                                        let quotes = (!cell.quotes.is_empty() && !quotes_below)
                                            .then(|| {
                                                let items = cell
                                                    .quotes
                                                    .into_iter()
                                                    .map(|q| view! { <li><q>{q}</q></li> })
                                                    .collect_view();
                                                view! {
                                                    <details>
                                                        <summary>{t!(tr, "comparison-quotes")}</summary>
                                                        <ul class="quotes">{items}</ul>
                                                    </details>
                                                }
                                            });
                                        view! { <td>{cell.count}{quotes}</td> }
                                    })
                                    .collect_view()}
                                <td>
                                    <span class=format!("pattern {}", row.pattern_class)>{row.pattern}</span>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

/// One closed question: the chart or the table, the differences and the trend.
#[component]
fn QuestionSection(block: QuestionBlock, chart: bool, table: bool) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <section class="question-comparison" aria-labelledby=format!("q-{}", block.key)>
            <h3 id=format!("q-{}", block.key)>{block.text.clone()}</h3>
            {chart.then(|| view! { <ChartSvg chart=block.chart.clone() /> })}
            {table.then(|| view! { <Table table=block.table.clone() /> })}
            {(!block.differences.is_empty())
                .then(|| {
                    view! {
                        <h4>{t!(tr, "comparison-differences")}</h4>
                        <ul>{block.differences.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
                    }
                })}
            {block.trend.clone().map(|trend| view! { <Table table=trend /> })}
        </section>
    }
}

/// The quotes of the codes table as a list, full width (for paper, where narrow table
/// cells would break every line after two words).
#[component]
fn QuotesByCode(comparison: ThemeComparison) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let rows: Vec<(String, Vec<(String, String)>)> = comparison
        .codes
        .iter()
        .map(|row| {
            let quotes = row
                .cells
                .iter()
                .zip(&comparison.code_columns)
                .flat_map(|(cell, column)| {
                    cell.quotes.iter().map(move |q| (q.clone(), column.clone()))
                })
                .collect::<Vec<_>>();
            (row.name.clone(), quotes)
        })
        .filter(|(_, quotes)| !quotes.is_empty())
        .collect();
    (!rows.is_empty()).then(|| {
        view! {
            <section class="quotes-by-code">
                <h3>{t!(tr, "comparison-quotes-heading")}</h3>
                {rows
                    .into_iter()
                    .map(|(name, quotes)| {
                        view! {
                            <h4>{name}</h4>
                            <ul class="quotes">
                                {quotes
                                    .into_iter()
                                    .map(|(q, who)| view! { <li><q>{q}</q>" ("{who}")"</li> })
                                    .collect_view()}
                            </ul>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}

/// A theme at a glance: what all or some name, quotes, clear differences and changes, and
/// the theme's actions.
#[component]
pub fn SummarySection(summary: ThemeSummary, actions: Vec<super::ActionRow>) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let list = |items: Vec<String>, empty: String| {
        if items.is_empty() {
            view! { <p>{empty}</p> }.into_any()
        } else {
            view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
                .into_any()
        }
    };
    view! {
        <section class="summary" aria-label=t!(tr, "summary-heading")>
            <h3>{t!(tr, "summary-shared")}</h3>
            {list(summary.shared, t!(tr, "summary-shared-none"))}
            <h3>{t!(tr, "summary-differs")}</h3>
            {list(summary.differs, t!(tr, "summary-differs-none"))}
            {(!summary.quotes.is_empty())
                .then(|| {
                    view! {
                        <h3>{t!(tr, "summary-quotes")}</h3>
                        <div class="summary-quotes">
                            {summary
                                .quotes
                                .into_iter()
                                .map(|(who, quotes)| {
                                    view! {
                                        <div>
                                            <p class="quotes-of">{who}</p>
                                            <ul class="quotes">{quotes.into_iter().map(|q| view! { <li><q>{q}</q></li> }).collect_view()}</ul>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                    }
                })}
            <h3>{t!(tr, "summary-differences")}</h3>
            {list(summary.differences, t!(tr, "summary-differences-none"))}
            {summary
                .changes
                .map(|(heading, changes)| {
                    view! {
                        <h3>{heading}</h3>
                        <ul>{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                    }
                })}
            {(!actions.is_empty())
                .then(|| {
                    view! {
                        <h3>{t!(tr, "summary-actions")}</h3>
                        <ul>
                            {actions
                                .into_iter()
                                .map(|row| {
                                    let a = row.action;
                                    view! {
                                        <li>
                                            <strong>{a.title.clone()}</strong>
                                            " – "
                                            {t!(
                                                tr,
                                                "action-facts",
                                                who = a.taken_on_by.clone(),
                                                from = a.starts_on.to_string(),
                                                status = super::status_label(&tr, a.status)
                                            )}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <p class="note">{t!(tr, "summary-method-note")}</p>
        </section>
    }
}

/// A theme's whole comparison: codes, then closed questions.
#[component]
pub fn ThemeSection(
    project: String,
    comparison: ThemeComparison,
    chart: bool,
    table: bool,
    quotes_below: bool,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let actions = comparison.actions.clone();
    view! {
        <h2>{t!(tr, "comparison-codes-heading")}</h2>
        <CodesTable comparison=comparison.clone() quotes_below=quotes_below />
        {quotes_below.then(|| view! { <QuotesByCode comparison=comparison.clone() /> })}
        <h2>{t!(tr, "comparison-questions-heading")}</h2>
        {comparison.questions.is_empty().then(|| view! { <p>{t!(tr, "comparison-questions-none")}</p> })}
        {comparison
            .questions
            .into_iter()
            .map(|block| view! { <QuestionSection block=block chart=chart table=table /> })
            .collect_view()}
        {(!actions.is_empty())
            .then(|| {
                view! {
                    <h2>{t!(tr, "comparison-actions-heading")}</h2>
                    <ThemeActions project=project.clone() actions=actions heading_level=3 />
                }
            })}
    }
}

#[component]
pub fn ComparisonPage(page: ComparisonView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let key = page.project.key.clone();
    let base = format!("/beheer/projecten/{key}/vergelijking");
    let selection = page.selection.clone();
    let table = selection.table;
    let report = format!("/beheer/projecten/{key}/rapport{}", selection.query(false));
    let filter_note = selection.filter.as_deref().map(|f| {
        match f.split_once('=').map(|(q, _)| q) == Some(LANGUAGE_FILTER) {
            true => t!(tr, "comparison-filter-language-note"),
            false => t!(tr, "comparison-filter-note"),
        }
    });
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{key}")>{page.project.name.clone()}</a>
            </p>
            <h1>{t!(tr, "comparison-title", theme = page.comparison.title.clone())}</h1>
            <p>{page.comparison.description.clone()}</p>
            <ErrorSummary problems=page.problems.clone() />
            <form method="get" action=base.clone() class="choices">
                {select(
                    "comparison-theme",
                    "thema",
                    t!(tr, "comparison-theme"),
                    page.themes.clone(),
                    Some(selection.theme.clone()),
                    None,
                )}
                {select(
                    "comparison-wave",
                    "golf",
                    t!(tr, "comparison-wave"),
                    page.waves.clone(),
                    selection.wave.clone(),
                    Some(t!(tr, "comparison-all-waves")),
                )}
                {select(
                    "comparison-against",
                    "tegen",
                    t!(tr, "comparison-against"),
                    page.waves.clone(),
                    selection.against.clone(),
                    Some(t!(tr, "comparison-no-against")),
                )}
                {select(
                    "comparison-filter",
                    "filter",
                    t!(tr, "comparison-filter"),
                    page.filters.clone(),
                    selection.filter.clone(),
                    Some(t!(tr, "comparison-no-filter")),
                )}
                {table.then(|| view! { <input type="hidden" name="weergave" value="tabel" /> })}
                <button type="submit" class="primary">{t!(tr, "comparison-show")}</button>
            </form>
            <nav class="view-switch" aria-label=t!(tr, "comparison-view")>
                <ul class="menu">
                    <li>
                        <a href=format!("{base}{}", selection.query(false)) aria-current=(!table).then_some("page")>
                            {t!(tr, "comparison-view-charts")}
                        </a>
                    </li>
                    <li>
                        <a href=format!("{base}{}", selection.query(true)) aria-current=table.then_some("page")>
                            {t!(tr, "comparison-view-table")}
                        </a>
                    </li>
                    <li>
                        <a href=report>{t!(tr, "comparison-report")}</a>
                    </li>
                    <li>
                        <a href=format!("/beheer/projecten/{key}/rapport")>{t!(tr, "comparison-report-all")}</a>
                    </li>
                    <li>
                        <a href=format!("/beheer/projecten/{key}/rapport?versie=samenvatting")>{t!(tr, "report-version-summary")}</a>
                    </li>
                    <li>
                        <a href=format!("/beheer/projecten/{key}/presentatie/{}/1", selection.theme)>{t!(tr, "presentation-link")}</a>
                    </li>
                </ul>
            </nav>
            {filter_note.map(|n| view! { <p class="note">{n}</p> })}
            <details class="summary-box">
                <summary>{t!(tr, "summary-heading")}</summary>
                <SummarySection summary=page.comparison.summary.clone() actions=page.comparison.actions.clone() />
            </details>
            <ThemeSection project=key.clone() comparison=page.comparison.clone() chart=!table table=table quotes_below=false />
            <h2>{t!(tr, "comparison-method")}</h2>
            <ul>{page.method.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
            <p>
                <a href="#rules">{t!(tr, "comparison-rules-link")}</a>
            </p>
            <h3 id="rules">{t!(tr, "comparison-rules")}</h3>
            <ul>
                <li>{t!(tr, "comparison-rule-raised", threshold = page.threshold.to_string())}</li>
                <li>{t!(tr, "comparison-rule-shared")}</li>
                <li>{t!(tr, "comparison-rule-differs")}</li>
                <li>{t!(tr, "comparison-rule-difference")}</li>
                <li>{t!(tr, "comparison-rule-suppressed", threshold = page.threshold.to_string())}</li>
            </ul>
            {page
                .is_owner
                .then(|| {
                    view! {
                        <h2>{t!(tr, "comparison-threshold")}</h2>
                        <form method="post" action=format!("/beheer/projecten/{key}/drempel") class="stacked">
                            <CsrfField token=page.viewer.csrf.clone() />
                            <div class="field">
                                <label for="threshold">{t!(tr, "comparison-threshold-label")}</label>
                                <p class="hint" id="threshold-hint">{t!(tr, "comparison-threshold-hint")}</p>
                                <input id="threshold" name="threshold" type="number" min="3" max="100" value=page.threshold.to_string() aria-describedby="threshold-hint" />
                            </div>
                            <button type="submit" class="secondary">{t!(tr, "comparison-threshold-save")}</button>
                        </form>
                    }
                })}
            {page
                .can_follow
                .then(|| {
                    let mut href = format!("/beheer/projecten/{key}/gevolgd");
                    if let (Some(a), Some(b)) = (&selection.wave, &selection.against) {
                        href = format!("{href}?golf={a}&tegen={b}");
                    }
                    view! {
                        <p>
                            <a href=href>{t!(tr, "comparison-following-link")}</a>
                        </p>
                    }
                })}
            <h2>{t!(tr, "comparison-exports")}</h2>
            <ul>
                <li>
                    <a href=format!("/beheer/projecten/{key}/export/vergelijking.csv")>{t!(tr, "comparison-export-aggregates")}</a>
                </li>
            </ul>
            {page
                .can_export
                .then(|| {
                    let action = format!("/beheer/projecten/{key}/export");
                    view! {
                        <form method="get" action=action class="stacked">
                            {select(
                                "export-questionnaire",
                                "vragenlijst",
                                t!(tr, "comparison-export-questionnaire"),
                                page.questionnaires.clone(),
                                None,
                                None,
                            )}
                            {select(
                                "export-format",
                                "formaat",
                                t!(tr, "comparison-export-format"),
                                vec![
                                    ("csv-puntkomma".into(), t!(tr, "comparison-format-csv-semicolon")),
                                    ("csv-komma".into(), t!(tr, "comparison-format-csv-comma")),
                                    ("xlsx".into(), t!(tr, "comparison-format-xlsx")),
                                    ("json".into(), t!(tr, "comparison-format-json")),
                                    ("codeboek".into(), t!(tr, "comparison-format-codebook")),
                                    ("r".into(), t!(tr, "comparison-format-r")),
                                    ("spss".into(), t!(tr, "comparison-format-spss")),
                                    ("fragmenten".into(), t!(tr, "comparison-format-fragments")),
                                ],
                                None,
                                None,
                            )}
                            <button type="submit" class="secondary">{t!(tr, "comparison-export-download")}</button>
                        </form>
                    }
                })}
        </ResearcherFrame>
    }
}

#[derive(Debug, Clone)]
pub struct ReportView {
    pub project: ProjectSummary,
    pub made_on: String,
    /// What was chosen: rounds, filter.
    pub scope: String,
    pub themes: Vec<ThemeComparison>,
    pub method: Vec<String>,
    pub threshold: u64,
    /// The summary version: one page per theme and one of method.
    pub summary_only: bool,
    /// The same report in the other version.
    pub other_version: String,
}

/// The printable report on A4: per theme a page at a glance, then (unless only the summary
/// is asked for) every chart and table with the quotes below them; the method last.
#[component]
pub fn ReportPage(page: ReportView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let summary_only = page.summary_only;
    let key = page.project.key.clone();
    view! {
        <main id="main" class="report">
            <p class="no-print">
                <a href=format!("/beheer/projecten/{}/vergelijking", page.project.key)>{t!(tr, "comparison-back")}</a>
                " · "
                <a href=page.other_version.clone()>
                    {if summary_only { t!(tr, "report-version-full") } else { t!(tr, "report-version-summary") }}
                </a>
            </p>
            <h1>{page.project.name.clone()}</h1>
            <p class="report-meta">{t!(tr, "report-made-on", day = page.made_on.clone())}" · "{page.scope.clone()}</p>
            {page
                .themes
                .into_iter()
                .map(|theme| {
                    let summary = theme.summary.clone();
                    let actions = theme.actions.clone();
                    view! {
                        <article class="report-theme">
                            <section class="report-summary">
                                <h2 class="theme-title">{theme.title.clone()}</h2>
                                <p>{theme.description.clone()}</p>
                                <SummarySection summary=summary actions=actions />
                            </section>
                            {(!summary_only)
                                .then(|| {
                                    view! {
                                        <section class="report-details">
                                            <h2>{format!("{} – {}", theme.title, t!(tr, "report-details"))}</h2>
                                            <ThemeSection project=key.clone() comparison=theme chart=true table=true quotes_below=true />
                                        </section>
                                    }
                                })}
                        </article>
                    }
                })
                .collect_view()}
            <section class="report-method" aria-labelledby="method">
                <h2 id="method">{t!(tr, "comparison-method")}</h2>
                <ul>{page.method.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                <p>{t!(tr, "report-method-rules", threshold = page.threshold.to_string())}</p>
            </section>
        </main>
    }
}
