//! A project's page: questionnaires, rounds, invitation links with their QR codes and
//! flyers, members; and the printable flyer of one link.

use super::{
    CsrfField, DefinitionSection, ErrorSummary, NewWave, ProjectSettings, QuestionnairesSection,
    ResearcherFrame, RoleSelect, ThemesSection, Viewer, audience_name, role_name,
};
use crate::domain::{Audience, Theme, Wave};
use crate::i18n::Tr;
use crate::storage::{Member, ProjectSummary};
use crate::t;
use leptos::prelude::*;

/// One invitation link as listed.
#[derive(Debug, Clone)]
pub struct LinkRow {
    pub code: String,
    pub url: String,
    pub questionnaire: String,
    pub audience: Audience,
    pub wave: String,
    pub group: Option<String>,
    pub closed: bool,
    /// The count, or "fewer than 5" for viewers.
    pub responses: String,
}

#[derive(Debug, Clone)]
pub struct ProjectView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    pub description: String,
    /// The audiences addressed with "u" in Dutch.
    pub formal: Vec<Audience>,
    /// (key, title, version, "jongeren 14 · ouders 15")
    pub questionnaires: Vec<(String, String, i64, String)>,
    pub waves: Vec<Wave>,
    pub links: Vec<LinkRow>,
    pub members: Vec<Member>,
    pub themes: Vec<Theme>,
    pub can_edit: bool,
    pub is_owner: bool,
    pub errors: Vec<String>,
    /// A definition file that was pasted but not read, with its problems.
    pub definition: (String, Vec<String>),
}

#[component]
pub fn ProjectPage(page: ProjectView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let key = page.project.key.clone();
    let csrf = page.viewer.csrf.clone();
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=csrf.clone()>
            <h1>{page.project.name.clone()}</h1>
            <p>{page.description.clone()}</p>
            {page
                .is_owner
                .then(|| {
                    view! {
                        <ProjectSettings
                            key=key.clone()
                            name=page.project.name.clone()
                            description=page.description.clone()
                            formal=page.formal.clone()
                            csrf=csrf.clone()
                        />
                    }
                })}
            <p>{t!(tr, "researcher-role")}": "{role_name(&tr, page.project.role)}</p>
            <p>
                <a href=format!("/beheer/projecten/{key}/vergelijking")>{t!(tr, "comparison-link")}</a>
            </p>
            <p>
                <a href=format!("/beheer/projecten/{key}/codeboek")>{t!(tr, "researcher-codebook-link")}</a>
            </p>
            <p>
                <a href=format!("/beheer/projecten/{key}/bijeenkomsten")>{t!(tr, "researcher-meetings-link")}</a>
            </p>
            <p>
                <a href=format!("/beheer/projecten/{key}/gesprekken")>{t!(tr, "researcher-interviews-link")}</a>
            </p>
            <p>
                <a href=format!("/beheer/projecten/{key}/acties")>{t!(tr, "researcher-actions-link")}</a>
            </p>
            {page
                .can_edit
                .then(|| {
                    view! {
                        <p>
                            <a href=format!("/beheer/projecten/{key}/antwoorden")>{t!(tr, "researcher-responses-link")}</a>
                        </p>
                    }
                })}
            <ErrorSummary problems=page.errors.clone() />
            <h2>{t!(tr, "researcher-questionnaires")}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(tr, "researcher-questionnaire")}</th>
                        <th scope="col">{t!(tr, "researcher-version")}</th>
                        <th scope="col">{t!(tr, "researcher-questions-per-audience")}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .questionnaires
                        .iter()
                        .map(|(_, title, version, counts)| {
                            view! {
                                <tr>
                                    <td>{title.clone()}</td>
                                    <td>{*version}</td>
                                    <td>{counts.clone()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {page
                .can_edit
                .then(|| {
                    view! {
                        <QuestionnairesSection
                            key=key.clone()
                            questionnaires=page.questionnaires.iter().map(|q| (q.0.clone(), q.1.clone())).collect()
                            csrf=csrf.clone()
                        />
                        <ThemesSection key=key.clone() themes=page.themes.clone() csrf=csrf.clone() />
                    }
                })}
            <h2>{t!(tr, "researcher-waves")}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(tr, "researcher-wave")}</th>
                        <th scope="col">{t!(tr, "researcher-opens")}</th>
                        <th scope="col">{t!(tr, "researcher-closes")}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .waves
                        .iter()
                        .map(|w| {
                            if page.can_edit {
                                view! { <WaveRow wave=w.clone() project=key.clone() csrf=csrf.clone() /> }.into_any()
                            } else {
                                view! {
                                    <tr>
                                        <td>{w.name.clone()}</td>
                                        <td>{w.opens.to_string()}</td>
                                        <td>{w.closes.to_string()}</td>
                                    </tr>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {page.can_edit.then(|| view! { <NewWave key=key.clone() csrf=csrf.clone() /> })}
            <h2>{t!(tr, "researcher-links")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=t!(tr, "researcher-links")>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t!(tr, "researcher-link")}</th>
                            <th scope="col">{t!(tr, "researcher-questionnaire")}</th>
                            <th scope="col">{t!(tr, "researcher-audience")}</th>
                            <th scope="col">{t!(tr, "researcher-wave")}</th>
                            <th scope="col">{t!(tr, "researcher-group")}</th>
                            <th scope="col">{t!(tr, "researcher-status")}</th>
                            <th scope="col">{t!(tr, "researcher-responses")}</th>
                            <th scope="col">{t!(tr, "researcher-actions")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page
                            .links
                            .iter()
                            .map(|l| view! { <LinkLine link=l.clone() project=key.clone() csrf=csrf.clone() can_edit=page.can_edit /> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {page.can_edit.then(|| view! { <NewLink page=page.clone() /> })}
            {page
                .can_edit
                .then(|| {
                    view! {
                        <DefinitionSection
                            key=key.clone()
                            csrf=csrf.clone()
                            text=page.definition.0.clone()
                            problems=page.definition.1.clone()
                        />
                    }
                })}
            {page.is_owner.then(|| view! { <Members page=page.clone() /> })}
            {page
                .is_owner
                .then(|| view! { <p><a href=format!("/beheer/projecten/{key}/logboek")>{t!(tr, "researcher-audit")}</a></p> })}
        </ResearcherFrame>
    }
}

/// A round whose name and dates researchers can change in place.
#[component]
fn WaveRow(wave: Wave, project: String, csrf: String) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let form = format!("wave-{}", wave.key);
    let label = |what: String| format!("{what}: {}", wave.name);
    view! {
        <tr>
            <td>
                <input type="text" name="name" form=form.clone() value=wave.name.clone() aria-label=label(t!(tr, "researcher-wave-name")) />
            </td>
            <td>
                <input type="date" name="opens" form=form.clone() value=wave.opens.to_string() aria-label=label(t!(tr, "researcher-opens")) />
            </td>
            <td>
                <input type="date" name="closes" form=form.clone() value=wave.closes.to_string() aria-label=label(t!(tr, "researcher-closes")) />
                <form method="post" action=format!("/beheer/projecten/{project}/meetmomenten/{}", wave.key) id=form.clone()>
                    <CsrfField token=csrf />
                    <button type="submit" class="secondary" aria-label=label(t!(tr, "researcher-wave-save"))>{t!(tr, "researcher-wave-save")}</button>
                </form>
            </td>
        </tr>
    }
}

#[component]
fn LinkLine(link: LinkRow, project: String, csrf: String, can_edit: bool) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let base = format!("/beheer/projecten/{project}/links/{}", link.code);
    let (status, action, label) = if link.closed {
        (
            t!(tr, "researcher-link-closed"),
            "openen",
            t!(tr, "researcher-link-reopen"),
        )
    } else {
        (
            t!(tr, "researcher-link-open"),
            "sluiten",
            t!(tr, "researcher-link-close"),
        )
    };
    view! {
        <tr>
            <td>
                <a href=link.url.clone()>{link.url.clone()}</a>
            </td>
            <td>{link.questionnaire}</td>
            <td>{audience_name(&tr, link.audience)}</td>
            <td>{link.wave}</td>
            <td>{link.group}</td>
            <td>{status}</td>
            <td>{link.responses}</td>
            <td class="actions">
                <a href=format!("{base}/qr.svg") download=format!("{}.svg", link.code)>{t!(tr, "researcher-qr-svg")}</a>
                " "
                <a href=format!("{base}/qr.png") download=format!("{}.png", link.code)>{t!(tr, "researcher-qr-png")}</a>
                " "
                <a href=format!("{base}/flyer")>{t!(tr, "researcher-flyer")}</a>
                {can_edit
                    .then(|| {
                        view! {
                            <form method="post" action=format!("{base}/{action}")>
                                <CsrfField token=csrf />
                                <button type="submit" class="secondary">{label}</button>
                            </form>
                        }
                    })}
            </td>
        </tr>
    }
}

#[component]
fn NewLink(page: ProjectView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <h2>{t!(tr, "researcher-new-link")}</h2>
        <form method="post" action=format!("/beheer/projecten/{}/links", page.project.key) class="stacked">
            <CsrfField token=page.viewer.csrf.clone() />
            <div class="question">
                <label for="link-questionnaire" class="question-label">{t!(tr, "researcher-questionnaire")}</label>
                <select id="link-questionnaire" name="questionnaire">
                    {page
                        .questionnaires
                        .iter()
                        .map(|(key, title, _, _)| view! { <option value=key.clone()>{title.clone()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="question">
                <label for="link-audience" class="question-label">{t!(tr, "researcher-audience")}</label>
                <select id="link-audience" name="audience">
                    {Audience::ALL
                        .into_iter()
                        .map(|a| view! { <option value=a.as_str()>{audience_name(&tr, a)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="question">
                <label for="link-wave" class="question-label">{t!(tr, "researcher-wave")}</label>
                <select id="link-wave" name="wave">
                    {page.waves.iter().map(|w| view! { <option value=w.key.clone()>{w.name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="question">
                <label for="link-group" class="question-label">{t!(tr, "researcher-group")}</label>
                <p class="hint" id="link-group-hint">{t!(tr, "researcher-new-link-group-hint")}</p>
                <input type="text" id="link-group" name="group" maxlength="100" aria-describedby="link-group-hint" />
            </div>
            <button type="submit" class="primary">{t!(tr, "researcher-new-link-submit")}</button>
        </form>
    }
}

#[component]
fn Members(page: ProjectView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let key = page.project.key.clone();
    let csrf = page.viewer.csrf.clone();
    view! {
        <h2>{t!(tr, "researcher-members")}</h2>
        <table>
            <thead>
                <tr>
                    <th scope="col">{t!(tr, "researcher-member-email")}</th>
                    <th scope="col">{t!(tr, "researcher-role")}</th>
                    <th scope="col">{t!(tr, "researcher-actions")}</th>
                </tr>
            </thead>
            <tbody>
                {page
                    .members
                    .iter()
                    .map(|m| {
                        view! {
                            <tr>
                                <td>{m.email.clone()}</td>
                                <td>{role_name(&tr, Some(m.role))}</td>
                                <td>
                                    <form method="post" action=format!("/beheer/projecten/{key}/leden/verwijderen")>
                                        <CsrfField token=csrf.clone() />
                                        <input type="hidden" name="email" value=m.email.clone() />
                                        <button type="submit" class="secondary" aria-label=format!("{} {}", t!(tr, "researcher-member-remove"), m.email)>
                                            {t!(tr, "researcher-member-remove")}
                                        </button>
                                    </form>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <form method="post" action=format!("/beheer/projecten/{key}/leden") class="stacked">
            <CsrfField token=csrf.clone() />
            <div class="question">
                <label for="member-email" class="question-label">{t!(tr, "researcher-member-email")}</label>
                <input type="email" id="member-email" name="email" autocomplete="off" />
            </div>
            <RoleSelect id="member-role" />
            <button type="submit" class="primary">{t!(tr, "researcher-member-add")}</button>
        </form>
    }
}

/// A printable A4 flyer for one link.
#[derive(Debug, Clone)]
pub struct FlyerView {
    pub project: String,
    pub audience: Audience,
    pub url: String,
    /// The QR code as inline SVG (generated by us from the URL, no user input in it).
    pub qr_svg: String,
}

#[component]
pub fn FlyerPage(page: FlyerView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let text = match page.audience {
        Audience::Youth => t!(tr, "flyer-youth"),
        Audience::Parent => t!(tr, "flyer-parent"),
        Audience::Professional => t!(tr, "flyer-professional"),
    };
    view! {
        <main id="main" class="flyer">
            <p class="project-name">{page.project}</p>
            <h1>{t!(tr, "flyer-title")}</h1>
            <p class="flyer-text">{text}</p>
            <div class="qr" inner_html=page.qr_svg></div>
            <p>{t!(tr, "flyer-scan")}</p>
            <p class="flyer-url">{page.url}</p>
        </main>
    }
}
