//! The only place with SQL. One seam over SQLite (the default) and PostgreSQL, chosen once
//! from the database URL; every query uses `$n` placeholders that both understand.

mod accounts;
mod actions;
mod catalogue;
mod code_tallies;
mod codebook;
mod interviews;
mod linkage;
mod meetings;
mod recordings;
mod reporting;
mod respondents;
mod speech;
mod tallies;
mod throttle;

pub use accounts::{AuditEntry, Member, ProjectSummary, User};
pub use actions::{Action, ActionDetail, ActionLink, LinkedInsight, LogEntry};
pub use catalogue::{
    ImportSummary, LinkListing, OpenLink, ProjectLink, QuestionnaireSummary, SavedVersion,
};
pub use codebook::{Application, Code, QueueItem};
pub use interviews::{Interview, NewInterview, NotesEntry};
pub use linkage::{CodedResponse, StoredCode};
pub use meetings::{Insight, Meeting};
pub use recordings::{ReadingOf, Recorded, Sound};
pub use reporting::{
    AnswerFilter, ClosedCount, CodeCount, CodedText, ExportResponse, LinkTarget, Material,
    NewApplication, NewResponse, Source,
};
pub use respondents::{
    AnswerFlags, Draft, ResponseFilter, ResponseRow, StoredFlag, StoredResponse, SubmitOutcome,
};
pub use throttle::Subject;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Self, StorageError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StorageError::UnsupportedUrl)
        }
    }

    /// The SQL of this backend, where the two dialects differ.
    fn pick(self, sqlite: &'static str, postgres: &'static str) -> &'static str {
        match self {
            Backend::Sqlite => sqlite,
            Backend::Postgres => postgres,
        }
    }
}

/// Everything that can go wrong below the seam. Callers log it; users never see it.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("DATABASE_URL must start with sqlite: or postgres://")]
    UnsupportedUrl,
    #[error("could not create the folder for the SQLite file: {0}")]
    Folder(#[source] std::io::Error),
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Conflict(String),
}

pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// The scope of a project's items: a project id as storage hands it out, read from the
/// database (a project found by its key or through an account's role in it), never made
/// from a number a request carries. Every method on a project's items takes one and filters
/// on it in SQL, so an item of another project is out of reach whatever id is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProjectId(i64);

impl ProjectId {
    /// The number, for logs and for fields that only display it.
    pub fn get(self) -> i64 {
        self.0
    }

    /// A scope made up for a unit test that needs no database.
    #[cfg(test)]
    pub(crate) fn for_tests(id: i64) -> Self {
        ProjectId(id)
    }
}

impl std::fmt::Display for ProjectId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A pool of connections to the application's database.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    writers: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Exports read while they are sent and hold a connection for the whole download: at
    /// most a quarter of the pool does, so respondents always find a connection.
    exports: std::sync::Arc<tokio::sync::Semaphore>,
}

impl Db {
    /// Connects, creating the SQLite file (and its folder) when needed, and applies the
    /// migrations of the backend.
    pub async fn connect(url: &str) -> Result<Self> {
        install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let connections = match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(connections)
            .acquire_timeout(Duration::from_secs(10))
            // A pooled PostgreSQL connection may have died with its server: pinged before
            // use. A SQLite connection cannot; the ping would cost a trip to its thread and
            // back for every statement.
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work during a write; FULL sync makes an
                        // acknowledged response survive a power cut, not just a crash.
                        conn.execute(sqlx::raw_sql(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                        ))
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        let db = Db {
            pool,
            backend,
            writers: Default::default(),
            exports: std::sync::Arc::new(tokio::sync::Semaphore::new(connections as usize / 4)),
        };
        db.migrate().await?;
        db.forget_value_statistics().await?;
        db.ensure_tallies().await?;
        db.ensure_code_tallies().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => {
                sqlx::migrate!("migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// A turn to write, on SQLite. SQLite lets one transaction write at a time; a second
    /// one waits in its busy handler, which polls with sleeps of up to 100 ms, so under load
    /// answers waited for nothing. The respondent flow's writers queue here instead and start
    /// the moment the one before them is done. (Other processes on the same file, and the
    /// rare writes of researchers, still meet the busy handler.) PostgreSQL locks rows, not
    /// the database: no queue.
    async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.writers.lock().await),
            Backend::Postgres => None,
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Answers whether the database takes queries (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Refreshes the query planner's statistics, as autovacuum would after a while: call it
    /// after loading much data at once.
    pub async fn analyze(&self) -> Result<()> {
        sqlx::query("ANALYZE").execute(&self.pool).await?;
        self.forget_value_statistics().await
    }

    /// Drops SQLite's statistics per value (`sqlite_stat4`) and keeps those per index. With
    /// them, SQLite plans a statement again whenever a value bound to an indexed column
    /// changes — for nearly every statement of every request (a new token, another link):
    /// the planner ran on each, a tenth of the server's time under load. The statistics per
    /// index are all our queries need.
    async fn forget_value_statistics(&self) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        let present: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(1 AS BIGINT) FROM sqlite_schema WHERE name = 'sqlite_stat4'",
        )
        .fetch_optional(&self.pool)
        .await?;
        if present.is_some() {
            sqlx::query("DELETE FROM sqlite_stat4")
                .execute(&self.pool)
                .await?;
            // Every connection reads the statistics again.
            sqlx::query("ANALYZE sqlite_schema")
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Makes sure the folder of a SQLite file exists and that the file is created if missing.
/// Writes a consistent copy of the live SQLite database at `url` to `file` (`VACUUM INTO`:
/// one read transaction, so the server goes on taking answers and the copy holds every
/// response committed before it). The database is opened read-only and never migrated or
/// created: a backup of the wrong path fails instead of copying an empty file. It never
/// overwrites a file. PostgreSQL has its own tools (`pg_dump`).
pub async fn backup(url: &str, file: &std::path::Path) -> Result<()> {
    if Backend::from_url(url)? != Backend::Sqlite {
        return Err(StorageError::Conflict(
            "backup copies SQLite databases; for PostgreSQL use pg_dump".into(),
        ));
    }
    let (path, _) = sqlite_path(url);
    if !std::path::Path::new(path).is_file() {
        return Err(StorageError::Conflict(format!("no database at {path}")));
    }
    if file.exists() {
        return Err(StorageError::Conflict(format!(
            "{} exists already; a backup never overwrites a file",
            file.display()
        )));
    }
    install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute("PRAGMA busy_timeout = 5000;").await?;
                Ok(())
            })
        })
        .connect(&format!("sqlite:{path}?mode=ro"))
        .await?;
    let done = sqlx::query("VACUUM INTO $1")
        .bind(file.to_string_lossy().into_owned())
        .execute(&pool)
        .await;
    pool.close().await;
    done?;
    Ok(())
}

/// The file and the query of a `sqlite:` URL.
fn sqlite_path(url: &str) -> (&str, &str) {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    rest.split_once('?').unwrap_or((rest, ""))
}

fn prepare_sqlite_url(url: &str) -> Result<String> {
    let (path, query) = sqlite_path(url);
    if path != ":memory:"
        && let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(StorageError::Folder)?;
    }
    Ok(if query.contains("mode=") {
        url.to_owned()
    } else if query.is_empty() {
        format!("{url}?mode=rwc")
    } else {
        format!("{url}&mode=rwc")
    })
}

/// Many rows as one parameter: a JSON array of arrays, which SQLite reads with `json_each`
/// and PostgreSQL with `jsonb_array_elements`. The statement's text is the same however many
/// rows there are, so each connection parses it once and binds one value — where a multi-row
/// `VALUES` list is new SQL for every count, parsed again, and bound by name placeholder by
/// placeholder.
fn json_rows<T: serde::Serialize>(rows: &[T]) -> Result<String> {
    serde_json::to_string(rows).map_err(|e| StorageError::Corrupt(format!("rows as JSON: {e}")))
}

/// The placeholders of a multi-row INSERT: `($1, $2), ($3, $4)` for 2 rows of 2 columns.
/// Bulk statements are put together from these alone; every value is bound.
fn value_rows(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let cells = (1..=columns)
                .map(|c| format!("${}", row * columns + c))
                .collect::<Vec<_>>()
                .join(", ");
            format!("({cells})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Today as stored: an ISO day.
fn day(date: time::Date) -> String {
    date.to_string()
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn parse_day(text: &str) -> Result<time::Date> {
    time::Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|e| StorageError::Corrupt(format!("day `{text}`: {e}")))
}

#[cfg(test)]
mod tests {
    use super::value_rows;

    #[test]
    fn bulk_placeholders_count_on_row_by_row() {
        assert_eq!(value_rows(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(value_rows(1, 1), "($1)");
    }
}
