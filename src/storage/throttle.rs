//! Failed logins, counted in the database so that the limits hold across several app servers
//! and through restarts. Subjects are accounts (`account:<id>`) and clients
//! (`client:<keyed hash>`): a client's address itself is never stored.

use super::{Db, Result};

/// One thing that is throttled, and how many failures it may have within a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub key: String,
    pub limit: i64,
}

impl Db {
    /// Counts one login attempt for every subject before the password is checked (so that
    /// parallel attempts cannot slip past the limit), and answers whether all of them are
    /// still within their limit, one answer per subject. A window that has ended starts
    /// again at one, so a lock ends with its window.
    pub async fn count_login_attempt(
        &self,
        subjects: &[Subject],
        now: i64,
        window_secs: i64,
    ) -> Result<Vec<bool>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM login_failures WHERE window_ends <= $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let mut allowed = Vec::with_capacity(subjects.len());
        for subject in subjects {
            let failures: i64 = sqlx::query_scalar(
                "INSERT INTO login_failures (subject, failures, window_ends) VALUES ($1, 1, $2) \
                 ON CONFLICT (subject) DO UPDATE SET failures = login_failures.failures + 1 \
                 RETURNING failures",
            )
            .bind(&subject.key)
            .bind(now + window_secs)
            .fetch_one(&mut *tx)
            .await?;
            allowed.push(failures <= subject.limit);
        }
        tx.commit().await?;
        Ok(allowed)
    }

    /// Forgets the counted attempts of these subjects (after a successful login).
    pub async fn clear_login_attempts(&self, keys: &[&str]) -> Result<()> {
        for key in keys {
            sqlx::query("DELETE FROM login_failures WHERE subject = $1")
                .bind(*key)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// A random secret of the app by name, made on first use (the first writer wins, so
    /// several app servers agree on it).
    pub async fn app_secret(&self, name: &str, fresh: impl FnOnce() -> String) -> Result<String> {
        sqlx::query(
            "INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(fresh())
        .execute(&self.pool)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = $1")
                .bind(name)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}
