//! Access in types: a handler names the role it needs, and the extractor gives it the
//! project only when the account has that role there.

use super::WorkspaceError;
use crate::domain::account::Role;
use crate::server::AppState;
use crate::server::auth::Researcher;
use crate::storage::ProjectSummary;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use std::marker::PhantomData;

/// The least role a handler needs in the project of its path.
pub trait Needs: Send + Sync + 'static {
    const ROLE: Role;
}

/// Anyone with a role in the project.
pub struct AsViewer;
/// Researchers and owners.
pub struct AsEditor;
/// Owners only.
pub struct AsOwner;

impl Needs for AsViewer {
    const ROLE: Role = Role::Viewer;
}
impl Needs for AsEditor {
    const ROLE: Role = Role::Researcher;
}
impl Needs for AsOwner {
    const ROLE: Role = Role::Owner;
}

/// A logged-in researcher in the project named by the path's `{key}`, with at least the
/// role `R` there: the only way a handler gets a project. Who is not logged in goes to the
/// login page; who lacks the role (or names a project that is not theirs) gets a 403, the
/// same for both, so nobody learns which projects exist.
pub struct InProject<R: Needs> {
    pub researcher: Researcher,
    pub project: ProjectSummary,
    role: PhantomData<R>,
}

impl<R: Needs> FromRequestParts<AppState> for InProject<R> {
    type Rejection = WorkspaceError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, WorkspaceError> {
        let researcher = Researcher::from_request_parts(parts, state).await?;
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| WorkspaceError::Forbidden)?;
        let key = params
            .iter()
            .find(|(name, _)| *name == "key")
            .map(|(_, value)| value.to_owned())
            .ok_or(WorkspaceError::Forbidden)?;
        let project = state
            .db
            .project_for(&researcher.user, &key)
            .await
            .map_err(|e| WorkspaceError::Internal(e.to_string()))?
            .filter(|p| p.role.is_some_and(|r| r.allows(R::ROLE)))
            .ok_or(WorkspaceError::Forbidden)?;
        Ok(InProject {
            researcher,
            project,
            role: PhantomData,
        })
    }
}
