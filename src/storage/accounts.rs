//! Researcher accounts, their roles per project, sessions and the audit log.

use super::{Db, Result, StorageError, now};
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
    pub failed_logins: i64,
    /// Unix seconds until which logins are refused after repeated failures.
    pub locked_until: Option<i64>,
}

/// A project as listed for an account, with the account's role in it (none for an
/// administrator who is not a member).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectSummary {
    pub id: i64,
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
        failed_logins: row.try_get(4)?,
        locked_until: row.try_get(5)?,
    })
}

fn role_from(text: &str) -> Result<Role> {
    text.parse()
        .map_err(|e| StorageError::Corrupt(format!("{e}")))
}

const USER_COLUMNS: &str = "id, email, password_hash, is_admin, failed_logins, locked_until";

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

    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY email"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user_from).collect()
    }

    /// Counts a failed login; from `lock_after` failures on, the account is locked until
    /// `lock_until` (Unix seconds).
    pub async fn record_failed_login(
        &self,
        user_id: i64,
        lock_after: i64,
        lock_until: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE users SET failed_logins = failed_logins + 1, \
             locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END \
             WHERE id = $3",
        )
        .bind(lock_after)
        .bind(lock_until)
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn reset_failed_logins(&self, user_id: i64) -> Result<()> {
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
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
                    id: row.try_get(0)?,
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
    pub async fn set_membership(&self, user_id: i64, project_id: i64, role: Role) -> Result<()> {
        sqlx::query(
            "INSERT INTO memberships (user_id, project_id, role) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, project_id) DO UPDATE SET role = excluded.role",
        )
        .bind(user_id)
        .bind(project_id)
        .bind(role.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn remove_membership(&self, user_id: i64, project_id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM memberships WHERE user_id = $1 AND project_id = $2")
            .bind(user_id)
            .bind(project_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn members(&self, project_id: i64) -> Result<Vec<Member>> {
        let rows = sqlx::query(
            "SELECT u.id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.project_id = $1 ORDER BY u.email",
        )
        .bind(project_id)
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
        project_id: Option<i64>,
        action: &str,
        detail: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (at, user_id, actor, project_id, action, detail) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(now())
        .bind(user.map(|u| u.id))
        .bind(user.map_or("system", |u| u.email.as_str()))
        .bind(project_id)
        .bind(action)
        .bind(detail)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest `limit` lines of a project's audit log, newest first.
    pub async fn audit_log(&self, project_id: i64, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT at, actor, action, detail FROM audit_log WHERE project_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(project_id)
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

    /// Creates a session record; false when the id is taken.
    pub async fn session_create(&self, id: &str, data: &str, expires_at: i64) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn session_save(&self, id: &str, data: &str, expires_at: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(id)
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A session that has not expired at `now` (Unix seconds).
    pub async fn session_load(&self, id: &str, now: i64) -> Result<Option<(String, i64)>> {
        let row =
            sqlx::query("SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }

    pub async fn session_delete(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
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
    /// Replaces an account's password hash.
    pub async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()> {
        sqlx::query("UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes an account; its memberships go with it, its audit lines keep its address.
    pub async fn delete_user(&self, user_id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
