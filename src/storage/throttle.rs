//! Failed logins, counted in the database so that the limits hold across several app servers
//! and through restarts. Subjects are accounts (`account:<keyed hash of the typed address>`)
//! and clients (`client:<keyed hash of the address>`): neither is stored as such.

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
        self.purge_login_failures(now).await?;
        let mut tx = self.pool.begin().await?;
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

    /// Forgets every count whose window has ended (also called every minute, so that no
    /// hash of an address stays longer than its window and a minute).
    pub async fn purge_login_failures(&self, now: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM login_failures WHERE window_ends <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Takes back the count of one attempt that succeeded: successes never add up to a limit,
    /// and the failures counted before them stay.
    pub async fn forgive_login_attempt(&self, key: &str) -> Result<()> {
        sqlx::query(
            "UPDATE login_failures SET failures = failures - 1 WHERE subject = $1 AND failures > 0",
        )
        .bind(key)
        .execute(&self.pool)
        .await?;
        Ok(())
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
