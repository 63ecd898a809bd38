//! Researcher accounts, their roles per project, sessions and the audit log.

use super::{Db, ProjectId, Result, StorageError, now};
use crate::domain::account::{Email, Role};
use sqlx::Row;

/// An account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    /// PHC string (Argon2id); never leaves the server.
    pub password_hash: String,
    pub is_admin: bool,
}

/// A project as listed for an account, with the account's role in it (none for an
/// administrator who is not a member).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectSummary {
    pub id: ProjectId,
    pub key: String,
    pub name: String,
    pub role: Option<Role>,
}

/// A member of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: i64,
    pub email: String,
    pub role: Role,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

fn user_from(row: &sqlx::any::AnyRow) -> Result<User> {
    Ok(User {
        id: row.try_get(0)?,
        email: row.try_get(1)?,
        password_hash: row.try_get(2)?,
        is_admin: row.try_get::<i64, _>(3)? != 0,
    })
}

fn role_from(text: &str) -> Result<Role> {
    text.parse()
        .map_err(|e| StorageError::Corrupt(format!("{e}")))
}

const USER_COLUMNS: &str = "id, email, password_hash, is_admin";

impl Db {
    /// Creates an account; a conflict when the address is taken.
    pub async fn create_user(
        &self,
        email: &Email,
        password_hash: &str,
        is_admin: bool,
    ) -> Result<i64> {
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, is_admin, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (email) DO NOTHING RETURNING id",
        )
        .bind(email.as_str())
        .bind(password_hash)
        .bind(i64::from(is_admin))
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        id.ok_or_else(|| StorageError::Conflict(format!("an account for {email} exists already")))
    }

    pub async fn user_by_email(&self, email: &Email) -> Result<Option<User>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE email = $1"
        )))
        .bind(email.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from).transpose()
    }

    pub async fn user(&self, id: i64) -> Result<Option<User>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from).transpose()
    }

    /// Whether any account exists (the first start offers a setup link while none does).
    pub async fn has_accounts(&self) -> Result<bool> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM (SELECT 1 FROM users LIMIT 1) AS one")
                .fetch_one(&self.pool)
                .await?;
        Ok(n > 0)
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY email"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user_from).collect()
    }

    /// The projects an account may open: its memberships, or every project for an
    /// administrator.
    pub async fn projects_for(&self, user: &User) -> Result<Vec<ProjectSummary>> {
        let rows = sqlx::query(
            "SELECT p.id, p.key, p.name, m.role FROM projects p \
             LEFT JOIN memberships m ON m.project_id = p.id AND m.user_id = $1 \
             WHERE m.role IS NOT NULL OR $2 = 1 ORDER BY p.name",
        )
        .bind(user.id)
        .bind(i64::from(user.is_admin))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let role: Option<String> = row.try_get(3)?;
                Ok(ProjectSummary {
                    id: ProjectId(row.try_get(0)?),
                    key: row.try_get(1)?,
                    name: row.try_get(2)?,
                    role: role.as_deref().map(role_from).transpose()?,
                })
            })
            .collect()
    }

    /// A project by key with the account's role in it.
    pub async fn project_for(&self, user: &User, key: &str) -> Result<Option<ProjectSummary>> {
        Ok(self
            .projects_for(user)
            .await?
            .into_iter()
            .find(|p| p.key == key))
    }

    /// Gives an account a role in a project, replacing any earlier role.
    /// Gives an account a role in a project. A role that changes ends the account's
    /// sessions, so that nobody works on with what they were allowed before.
    pub async fn set_membership(
        &self,
        user_id: i64,
        project_id: ProjectId,
        role: Role,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let before: Option<String> = sqlx::query_scalar(
            "SELECT role FROM memberships WHERE user_id = $1 AND project_id = $2",
        )
        .bind(user_id)
        .bind(project_id.0)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO memberships (user_id, project_id, role) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, project_id) DO UPDATE SET role = excluded.role",
        )
        .bind(user_id)
        .bind(project_id.0)
        .bind(role.as_str())
        .execute(&mut *tx)
        .await?;
        if before.is_some_and(|b| b != role.as_str()) {
            end_sessions(&mut tx, user_id, None).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Takes an account's role in a project away, and with it every session of the account.
    pub async fn remove_membership(&self, user_id: i64, project_id: ProjectId) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("DELETE FROM memberships WHERE user_id = $1 AND project_id = $2")
            .bind(user_id)
            .bind(project_id.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() > 0 {
            end_sessions(&mut tx, user_id, None).await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn members(&self, project_id: ProjectId) -> Result<Vec<Member>> {
        let rows = sqlx::query(
            "SELECT u.id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.project_id = $1 ORDER BY u.email",
        )
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Member {
                    user_id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    role: role_from(&row.try_get::<String, _>(2)?)?,
                })
            })
            .collect()
    }

    /// Writes one line to the audit log.
    pub async fn audit(
        &self,
        user: Option<&User>,
        project_id: Option<ProjectId>,
        action: &str,
        detail: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (at, user_id, actor, project_id, action, detail) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(now())
        .bind(user.map(|u| u.id))
        .bind(user.map_or("system", |u| u.email.as_str()))
        .bind(project_id.map(ProjectId::get))
        .bind(action)
        .bind(detail)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest `limit` lines of a project's audit log, newest first.
    pub async fn audit_log(&self, project_id: ProjectId, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT at, actor, action, detail FROM audit_log WHERE project_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(project_id.0)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AuditEntry {
                    at: row.try_get(0)?,
                    actor: row.try_get(1)?,
                    action: row.try_get(2)?,
                    detail: row.try_get(3)?,
                })
            })
            .collect()
    }

    /// Creates a session record for the account logged in on it (if any); false when the
    /// id is taken.
    pub async fn session_create(
        &self,
        id: &str,
        user_id: Option<i64>,
        data: &str,
        expires_at: i64,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(session_key(id))
        .bind(user_id)
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Updates a session record. A session that was ended meanwhile (its account deleted,
    /// its password changed) stays ended: this never creates one.
    pub async fn session_save(
        &self,
        id: &str,
        user_id: Option<i64>,
        data: &str,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE sessions SET user_id = $2, data = $3, expires_at = $4 WHERE id = $1 \
             AND (user_id IS NULL OR user_id = $2)",
        )
        .bind(session_key(id))
        .bind(user_id)
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A session that has not expired at `now` (Unix seconds), with the account on it.
    pub async fn session_load(
        &self,
        id: &str,
        now: i64,
    ) -> Result<Option<(Option<i64>, String, i64)>> {
        let row = sqlx::query(
            "SELECT user_id, data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2",
        )
        .bind(session_key(id))
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .transpose()
    }

    pub async fn session_delete(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(session_key(id))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends every session of an account ("log out everywhere"), but `keep` if given.
    pub async fn end_sessions(&self, user_id: i64, keep: Option<&str>) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        end_sessions(&mut tx, user_id, keep).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes sessions that expired before `now`.
    pub async fn session_purge(&self, now: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

impl Db {
    /// Replaces an account's password hash and ends its other sessions: whoever knew the
    /// old password is logged out everywhere but in `keep`.
    pub async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        keep: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        end_sessions(&mut tx, user_id, keep).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes an account; its memberships and sessions go with it (foreign keys), its audit
    /// lines keep its address. Account ids are never reused.
    pub async fn delete_user(&self, user_id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

async fn end_sessions(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: i64,
    keep: Option<&str>,
) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep.map(session_key).unwrap_or_default())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The key a session is stored under: a hash of its id, so that a copy of the database
/// holds no cookie that could take over a live session.
fn session_key(id: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
