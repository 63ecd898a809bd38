//! Accounts: administrators create and remove them and give access; everyone changes
//! their own password.

use super::AppState;
use super::auth::{self, Researcher};
use super::workspace::WorkspaceError;
use super::workspace::{form_status, internal, page, tr};
use crate::domain::account::{Email, Role, WeakPassword, check_new_password};
use crate::i18n::Tr;
use crate::storage::StorageError;
use crate::t;
use crate::ui::researcher::{AccountsPage, AccountsView, PasswordPage, PasswordView, Viewer};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
async fn accounts_page(
    state: &AppState,
    researcher: &Researcher,
    errors: Vec<String>,
    email: String,
) -> Result<Response, WorkspaceError> {
    let view = AccountsView {
        viewer: Viewer::from(researcher),
        users: state.db.users().await.map_err(internal)?,
        projects: state
            .db
            .projects_for(&researcher.user)
            .await
            .map_err(internal)?,
        errors,
        email,
    };
    let status = form_status(view.errors.is_empty());
    let title = t!(tr(state), "researcher-accounts-title");
    Ok(page(
        state,
        status,
        title,
        move || view! { <AccountsPage page=view.clone() /> },
    )
    .await)
}

/// `GET /beheer/accounts`: administrators only.
pub async fn accounts(
    State(state): State<AppState>,
    researcher: Researcher,
) -> Result<Response, WorkspaceError> {
    researcher.require_admin()?;
    accounts_page(&state, &researcher, Vec::new(), String::new()).await
}

#[derive(Deserialize)]
pub struct NewAccountForm {
    email: String,
    password: String,
    #[serde(default)]
    is_admin: Option<String>,
}

pub fn password_message(tr: &Tr, weak: WeakPassword) -> String {
    match weak {
        WeakPassword::TooShort => t!(tr, "researcher-password-too-short"),
        WeakPassword::TooLong => t!(tr, "researcher-password-too-long"),
        WeakPassword::Common => t!(tr, "researcher-password-common"),
        WeakPassword::ContainsEmail => t!(tr, "researcher-password-contains-email"),
    }
}

/// `POST /beheer/accounts`: an administrator creates an account.
pub async fn create_account(
    State(state): State<AppState>,
    researcher: Researcher,
    Form(form): Form<NewAccountForm>,
) -> Result<Response, WorkspaceError> {
    researcher.require_admin()?;
    let tr = tr(&state);
    let Ok(email) = Email::parse(&form.email) else {
        return accounts_page(
            &state,
            &researcher,
            vec![t!(tr, "researcher-account-bad-email")],
            form.email,
        )
        .await;
    };
    if let Err(weak) = check_new_password(&form.password, &email) {
        return accounts_page(
            &state,
            &researcher,
            vec![password_message(&tr, weak)],
            form.email,
        )
        .await;
    }
    let hash = auth::hash_password(form.password).await.map_err(internal)?;
    match state
        .db
        .create_user(&email, &hash, form.is_admin.is_some())
        .await
    {
        Ok(_) => {}
        Err(StorageError::Conflict(_)) => {
            return accounts_page(
                &state,
                &researcher,
                vec![t!(tr, "researcher-account-exists")],
                form.email,
            )
            .await;
        }
        Err(e) => return Err(internal(e)),
    }
    researcher
        .audit(&state.db, None, "account created", email.as_str())
        .await?;
    Ok(Redirect::to("/beheer/accounts").into_response())
}

#[derive(Deserialize)]
pub struct AccessForm {
    email: String,
    project: String,
    role: Role,
}

/// `POST /beheer/accounts/toegang`: an administrator gives an account a role in a project.
pub async fn grant_access(
    State(state): State<AppState>,
    researcher: Researcher,
    Form(form): Form<AccessForm>,
) -> Result<Response, WorkspaceError> {
    researcher.require_admin()?;
    let project = state
        .db
        .project_for(&researcher.user, &form.project)
        .await
        .map_err(internal)?
        .ok_or(WorkspaceError::NotFound)?;
    let email = Email::parse(&form.email).map_err(|_| WorkspaceError::Invalid)?;
    let user = state
        .db
        .user_by_email(&email)
        .await
        .map_err(internal)?
        .ok_or(WorkspaceError::NotFound)?;
    state
        .db
        .set_membership(user.id, project.id, form.role)
        .await
        .map_err(internal)?;
    let detail = format!("{} as {}", user.email, form.role.as_str());
    researcher
        .audit(&state.db, Some(project.id), "member added", &detail)
        .await?;
    Ok(Redirect::to("/beheer/accounts").into_response())
}

async fn password_page(
    state: &AppState,
    researcher: &Researcher,
    error: Option<String>,
    done: bool,
) -> Response {
    let status = form_status(error.is_none());
    let view = PasswordView {
        viewer: Viewer::from(researcher),
        error,
        done,
    };
    let title = t!(tr(state), "researcher-password-title");
    page(
        state,
        status,
        title,
        move || view! { <PasswordPage page=view.clone() /> },
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    klaar: Option<String>,
}

/// `GET /beheer/wachtwoord`
pub async fn password_form(
    State(state): State<AppState>,
    researcher: Researcher,
    axum::extract::Query(query): axum::extract::Query<DoneQuery>,
) -> Response {
    password_page(&state, &researcher, None, query.klaar.is_some()).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

/// `POST /beheer/wachtwoord`: the current password, then a new one under the policy; the
/// session gets a new id.
pub async fn change_password(
    State(state): State<AppState>,
    researcher: Researcher,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WorkspaceError> {
    let tr = tr(&state);
    if !auth::verify_password(form.current, Some(researcher.user.password_hash.clone())).await {
        return Ok(password_page(
            &state,
            &researcher,
            Some(t!(tr, "researcher-password-wrong")),
            false,
        )
        .await);
    }
    let email = Email::parse(&researcher.user.email).map_err(internal)?;
    if let Err(weak) = check_new_password(&form.new, &email) {
        return Ok(password_page(
            &state,
            &researcher,
            Some(password_message(&tr, weak)),
            false,
        )
        .await);
    }
    let hash = auth::hash_password(form.new).await.map_err(internal)?;
    auth::start_session(&researcher.session, &researcher.user)
        .await
        .map_err(internal)?;
    // Saved now, so that its new id is the one session of the account that stays.
    researcher.session.save().await.map_err(internal)?;
    let keep = researcher.session.id().map(|id| id.to_string());
    state
        .db
        .set_password(researcher.user.id, &hash, keep.as_deref())
        .await
        .map_err(internal)?;
    researcher
        .audit(&state.db, None, "password changed", "")
        .await?;
    Ok(Redirect::to("/beheer/wachtwoord?klaar=1").into_response())
}

/// `POST /beheer/accounts/{id}/verwijderen`: administrators remove an account (not their own).
pub async fn delete_account(
    State(state): State<AppState>,
    researcher: Researcher,
    Path(id): Path<i64>,
) -> Result<Response, WorkspaceError> {
    researcher.require_admin()?;
    if id == researcher.user.id {
        let error = t!(tr(&state), "researcher-account-delete-self");
        return accounts_page(&state, &researcher, vec![error], String::new()).await;
    }
    let user = state
        .db
        .user(id)
        .await
        .map_err(internal)?
        .ok_or(WorkspaceError::NotFound)?;
    state.db.delete_user(id).await.map_err(internal)?;
    researcher
        .audit(&state.db, None, "account deleted", &user.email)
        .await?;
    Ok(Redirect::to("/beheer/accounts").into_response())
}
