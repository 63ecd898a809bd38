//! Lists: the projects of an account, the accounts (administrators) and a project's audit log.

use super::{CsrfField, ErrorSummary, Field, ResearcherFrame, role_name};
use crate::domain::account::Role;
use crate::i18n::Tr;
use crate::storage::{AuditEntry, ProjectSummary, User};
use crate::t;
use leptos::prelude::*;

/// Who is looking: for the frame.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub email: String,
    pub is_admin: bool,
    pub csrf: String,
}

impl From<&crate::server::auth::Researcher> for Viewer {
    fn from(r: &crate::server::auth::Researcher) -> Self {
        Viewer {
            email: r.user.email.clone(),
            is_admin: r.user.is_admin,
            csrf: r.csrf.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ProjectsView {
    pub viewer: Viewer,
    pub projects: Vec<ProjectSummary>,
}

#[component]
pub fn ProjectsPage(page: ProjectsView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let empty = page.projects.is_empty();
    let csrf = page.viewer.csrf.clone();
    view! {
        <ResearcherFrame email=Some(page.viewer.email) is_admin=page.viewer.is_admin csrf=page.viewer.csrf>
            <h1>{t!(tr, "researcher-projects-title")}</h1>
            {empty.then(|| view! { <p>{t!(tr, "researcher-projects-empty")}</p> })}
            <ul class="project-list">
                {page
                    .projects
                    .into_iter()
                    .map(|p| {
                        let role = role_name(&tr, p.role);
                        view! {
                            <li>
                                <a href=format!("/beheer/projecten/{}", p.key)>{p.name}</a>
                                " ("
                                {role}
                                ")"
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h2>{t!(tr, "researcher-new-project")}</h2>
            <form method="post" action="/beheer/projecten" class="stacked">
                <CsrfField token=csrf />
                <Field id="new-project-name".into() name="name".into() label=t!(tr, "researcher-project-name") />
                <Field
                    id="new-project-description".into()
                    name="description".into()
                    label=t!(tr, "researcher-project-description")
                    multiline=true
                />
                <button type="submit" class="primary">{t!(tr, "researcher-project-create")}</button>
            </form>
        </ResearcherFrame>
    }
}

#[derive(Debug, Clone)]
pub struct AccountsView {
    pub viewer: Viewer,
    pub users: Vec<User>,
    pub projects: Vec<ProjectSummary>,
    pub errors: Vec<String>,
    pub email: String,
}

#[component]
pub fn AccountsPage(page: AccountsView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let csrf = page.viewer.csrf.clone();
    let csrf2 = csrf.clone();
    view! {
        <ResearcherFrame email=Some(page.viewer.email) is_admin=page.viewer.is_admin csrf=page.viewer.csrf>
            <h1>{t!(tr, "researcher-accounts-title")}</h1>
            <ErrorSummary problems=page.errors.clone() />
            <table>
                <caption class="visually-hidden">{t!(tr, "researcher-accounts-title")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(tr, "researcher-member-email")}</th>
                        <th scope="col">{t!(tr, "researcher-role")}</th>
                        <th scope="col">{t!(tr, "researcher-actions")}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .users
                        .iter()
                        .map(|u| {
                            view! {
                                <tr>
                                    <td>{u.email.clone()}</td>
                                    <td>{u.is_admin.then(|| t!(tr, "researcher-account-admin"))}</td>
                                    <td>
                                        <form method="post" action=format!("/beheer/accounts/{}/verwijderen", u.id)>
                                            <CsrfField token=csrf.clone() />
                                            <button
                                                type="submit"
                                                class="secondary"
                                                aria-label=format!("{}: {}", t!(tr, "researcher-account-delete"), u.email)
                                            >
                                                {t!(tr, "researcher-account-delete")}
                                            </button>
                                        </form>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <h2>{t!(tr, "researcher-account-new")}</h2>
            <form method="post" action="/beheer/accounts" class="stacked">
                <CsrfField token=csrf />
                <div class="question">
                    <label for="new-email" class="question-label">{t!(tr, "researcher-member-email")}</label>
                    <input type="email" id="new-email" name="email" autocomplete="off" value=page.email />
                </div>
                <div class="question">
                    <label for="new-password" class="question-label">{t!(tr, "researcher-account-password")}</label>
                    <input type="password" id="new-password" name="password" autocomplete="new-password" />
                </div>
                <div class="option">
                    <input type="checkbox" id="new-admin" name="is_admin" value="1" />
                    <label for="new-admin">{t!(tr, "researcher-account-is-admin")}</label>
                </div>
                <button type="submit" class="primary">{t!(tr, "researcher-account-create")}</button>
            </form>
            <h2>{t!(tr, "researcher-membership")}</h2>
            <form method="post" action="/beheer/accounts/toegang" class="stacked">
                <CsrfField token=csrf2 />
                <div class="question">
                    <label for="member-user" class="question-label">{t!(tr, "researcher-member-email")}</label>
                    <select id="member-user" name="email">
                        {page.users.iter().map(|u| view! { <option value=u.email.clone()>{u.email.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="question">
                    <label for="member-project" class="question-label">{t!(tr, "researcher-project")}</label>
                    <select id="member-project" name="project">
                        {page.projects.iter().map(|p| view! { <option value=p.key.clone()>{p.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <RoleSelect id="member-role" />
                <button type="submit" class="primary">{t!(tr, "researcher-membership-submit")}</button>
            </form>
        </ResearcherFrame>
    }
}

/// A labelled choice of role.
#[component]
pub fn RoleSelect(id: &'static str) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <div class="question">
            <label for=id class="question-label">{t!(tr, "researcher-role")}</label>
            <select id=id name="role">
                {Role::ALL
                    .into_iter()
                    .map(|r| view! { <option value=r.as_str() selected=r == Role::Researcher>{role_name(&tr, Some(r))}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

#[derive(Debug, Clone)]
pub struct AuditView {
    pub viewer: Viewer,
    pub project: ProjectSummary,
    pub entries: Vec<AuditEntry>,
}

#[component]
pub fn AuditPage(page: AuditView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <ResearcherFrame email=Some(page.viewer.email) is_admin=page.viewer.is_admin csrf=page.viewer.csrf>
            <p>
                <a href=format!("/beheer/projecten/{}", page.project.key)>{page.project.name.clone()}</a>
            </p>
            <h1>{t!(tr, "researcher-audit")}</h1>
            <table>
                <caption class="visually-hidden">{t!(tr, "researcher-audit")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(tr, "researcher-audit-at")}</th>
                        <th scope="col">{t!(tr, "researcher-audit-who")}</th>
                        <th scope="col">{t!(tr, "researcher-audit-what")}</th>
                        <th scope="col">{t!(tr, "researcher-audit-detail")}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .entries
                        .into_iter()
                        .map(|e| {
                            view! {
                                <tr>
                                    <td>{e.at}</td>
                                    <td>{e.actor}</td>
                                    <td>{e.action}</td>
                                    <td>{e.detail}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </ResearcherFrame>
    }
}
