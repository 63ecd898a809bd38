//! Projects, questionnaires, waves and invitation links.

use super::{Db, ProjectId, Result, StorageError, day, now, parse_day};
use crate::domain::definition::Definition;
use crate::domain::{Audience, InvitationCode, LinkSpec, Questionnaire, Theme, Wave};
use crate::i18n::Address;
use sqlx::{Any, Row, Transaction};

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub project_created: bool,
    /// Questionnaires that got a new version (a new questionnaire gets version 1).
    pub new_versions: Vec<(String, i64)>,
    /// Questionnaires whose unanswered latest version was replaced in place.
    pub updated_versions: Vec<(String, i64)>,
    pub links_created: Vec<InvitationCode>,
}

/// An invitation link with everything needed to serve it.
#[derive(Debug, Clone)]
pub struct OpenLink {
    pub id: i64,
    pub code: InvitationCode,
    pub audience: Audience,
    pub group: Option<String>,
    pub closed: bool,
    pub wave: Wave,
    pub project_name: String,
    /// How the project addresses this link's audience in Dutch.
    pub address: Address,
    /// The version new respondents get: the latest.
    pub version_id: i64,
    pub questionnaire: Questionnaire,
    /// Of the questionnaire, whatever its version.
    pub questionnaire_id: i64,
    /// The project the link belongs to (the scope of its linkage codes).
    pub project_id: ProjectId,
}

/// A link as a project's researchers see it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProjectLink {
    pub code: InvitationCode,
    pub questionnaire: String,
    pub audience: Audience,
    pub wave: String,
    pub wave_key: String,
    pub group: Option<String>,
    pub closed: bool,
    pub responses: i64,
}

/// A questionnaire of a project, at its latest version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionnaireSummary {
    /// Stays the same across versions.
    pub id: i64,
    pub key: String,
    pub version: i64,
    pub questionnaire: Questionnaire,
}

/// One line of the `links` listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkListing {
    pub code: InvitationCode,
    pub project: String,
    pub questionnaire: String,
    pub audience: Audience,
    pub wave: String,
    pub group: Option<String>,
}

impl Db {
    /// The description of a project (its zero-goals).
    pub async fn project_description(&self, project_id: ProjectId) -> Result<String> {
        Ok(
            sqlx::query_scalar("SELECT description FROM projects WHERE id = $1")
                .bind(project_id.0)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Whether a project with this key exists.
    /// The id of the project with this key.
    pub async fn project_id(&self, key: &str) -> Result<Option<ProjectId>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM projects WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(id.map(ProjectId))
    }

    pub async fn project_exists(&self, key: &str) -> Result<bool> {
        let row = sqlx::query("SELECT COUNT(*) FROM projects WHERE key = $1")
            .bind(key)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>(0)? > 0)
    }

    /// Stores a checked definition in one transaction: the project, themes and waves are
    /// created or updated by key; a changed questionnaire gets a new version when its latest
    /// has responses (those stay with the version they answered) and is replaced otherwise;
    /// links are added when no link for the same questionnaire, audience, wave and group
    /// exists yet.
    pub async fn import_definition(
        &self,
        definition: &Definition,
        mut new_code: impl FnMut() -> InvitationCode,
    ) -> Result<ImportSummary> {
        let mut tx = self.pool.begin().await?;
        let mut summary = ImportSummary::default();
        let project = &definition.project;
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM projects WHERE key = $1")
            .bind(&project.key)
            .fetch_optional(&mut *tx)
            .await?;
        let project_id = ProjectId(match existing {
            Some(id) => {
                sqlx::query(
                    "UPDATE projects SET name = $1, description = $2, formal_audiences = $3 \
                     WHERE id = $4",
                )
                .bind(&project.name)
                .bind(&project.description)
                .bind(formal_column(&project.formal))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => {
                summary.project_created = true;
                sqlx::query_scalar(
                    "INSERT INTO projects (key, name, description, formal_audiences, created_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(&project.key)
                .bind(&project.name)
                .bind(&project.description)
                .bind(formal_column(&project.formal))
                .bind(now())
                .fetch_one(&mut *tx)
                .await?
            }
        });

        for (position, theme) in (0_i64..).zip(&definition.themes) {
            sqlx::query(
                "INSERT INTO themes (project_id, key, title, description, position) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_id, key) DO UPDATE \
                 SET title = excluded.title, description = excluded.description, \
                 position = excluded.position",
            )
            .bind(project_id.0)
            .bind(&theme.key)
            .bind(&theme.title)
            .bind(&theme.description)
            .bind(position)
            .execute(&mut *tx)
            .await?;
        }

        for wave in &definition.waves {
            sqlx::query(
                "INSERT INTO waves (project_id, key, name, opens_on, closes_on) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_id, key) DO UPDATE \
                 SET name = excluded.name, opens_on = excluded.opens_on, \
                 closes_on = excluded.closes_on",
            )
            .bind(project_id.0)
            .bind(&wave.key)
            .bind(&wave.name)
            .bind(day(wave.opens))
            .bind(day(wave.closes))
            .execute(&mut *tx)
            .await?;
        }

        for questionnaire in &definition.questionnaires {
            store_questionnaire(&mut tx, project_id, questionnaire, &mut summary).await?;
        }

        for link in &definition.links {
            let exists: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM links l \
                 JOIN questionnaires q ON q.id = l.questionnaire_id \
                 JOIN waves w ON w.id = l.wave_id \
                 WHERE q.project_id = $1 AND q.key = $2 AND l.audience = $3 AND w.key = $4 \
                 AND COALESCE(l.group_label, '') = $5",
            )
            .bind(project_id.0)
            .bind(&link.questionnaire)
            .bind(link.audience.as_str())
            .bind(&link.wave)
            .bind(link.group.clone().unwrap_or_default())
            .fetch_one(&mut *tx)
            .await?;
            if exists > 0 {
                continue;
            }
            let code = match &link.code {
                Some(code) => code.clone(),
                None => fresh_code(&mut tx, &mut new_code).await?,
            };
            let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM links WHERE code = $1")
                .bind(code.as_str())
                .fetch_one(&mut *tx)
                .await?;
            if taken > 0 {
                return Err(StorageError::Conflict(format!(
                    "link code `{code}` is already used by another link"
                )));
            }
            insert_link(&mut tx, project_id, link, &code).await?;
            summary.links_created.push(code);
        }
        tx.commit().await?;
        Ok(summary)
    }

    /// The link with this code, whether open or closed, with its latest questionnaire version.
    pub async fn find_link(&self, code: &InvitationCode) -> Result<Option<OpenLink>> {
        let row = sqlx::query(
            "SELECT l.id, l.audience, l.group_label, l.closed_at, w.key, w.name, w.opens_on, \
             w.closes_on, p.name, v.id, v.definition, p.formal_audiences, q.id, p.id \
             FROM links l \
             JOIN waves w ON w.id = l.wave_id \
             JOIN questionnaires q ON q.id = l.questionnaire_id \
             JOIN projects p ON p.id = q.project_id \
             JOIN questionnaire_versions v ON v.questionnaire_id = q.id \
             WHERE l.code = $1 \
             ORDER BY v.version DESC LIMIT 1",
        )
        .bind(code.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let audience: Audience = row
            .try_get::<String, _>(1)?
            .parse()
            .map_err(|e| StorageError::Corrupt(format!("{e}")))?;
        let closed_at: Option<String> = row.try_get(3)?;
        Ok(Some(OpenLink {
            id: row.try_get(0)?,
            code: code.clone(),
            audience,
            group: row.try_get(2)?,
            closed: closed_at.is_some(),
            wave: Wave {
                key: row.try_get(4)?,
                name: row.try_get(5)?,
                opens: parse_day(&row.try_get::<String, _>(6)?)?,
                closes: parse_day(&row.try_get::<String, _>(7)?)?,
            },
            project_name: row.try_get(8)?,
            address: if formal(&row.try_get::<String, _>(11)?).contains(&audience) {
                Address::U
            } else {
                Address::Je
            },
            version_id: row.try_get(9)?,
            questionnaire: parse_definition(&row.try_get::<String, _>(10)?)?,
            questionnaire_id: row.try_get(12)?,
            project_id: ProjectId(row.try_get(13)?),
        }))
    }

    /// A questionnaire version as stored.
    pub async fn questionnaire_version(&self, version_id: i64) -> Result<Questionnaire> {
        let json: String =
            sqlx::query_scalar("SELECT definition FROM questionnaire_versions WHERE id = $1")
                .bind(version_id)
                .fetch_one(&self.pool)
                .await?;
        parse_definition(&json)
    }

    /// Every link that is not closed, in a stable order.
    /// Links that are not closed and whose wave has not ended before `today`.
    pub async fn open_links(&self, today: time::Date) -> Result<Vec<LinkListing>> {
        let rows = sqlx::query(
            "SELECT l.code, p.name, v.definition, l.audience, w.name, l.group_label \
             FROM links l \
             JOIN waves w ON w.id = l.wave_id \
             JOIN questionnaires q ON q.id = l.questionnaire_id \
             JOIN projects p ON p.id = q.project_id \
             JOIN questionnaire_versions v ON v.questionnaire_id = q.id \
             WHERE l.closed_at IS NULL AND w.closes_on >= $1 AND v.version = \
               (SELECT MAX(version) FROM questionnaire_versions WHERE questionnaire_id = q.id) \
             ORDER BY p.name, q.key, w.opens_on, l.audience, l.group_label, l.code",
        )
        .bind(day(today))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let code: String = row.try_get(0)?;
                let audience: String = row.try_get(3)?;
                Ok(LinkListing {
                    code: InvitationCode::parse(&code)
                        .map_err(|e| StorageError::Corrupt(format!("code `{code}`: {e}")))?,
                    project: row.try_get(1)?,
                    questionnaire: parse_definition(&row.try_get::<String, _>(2)?)?.title,
                    audience: audience
                        .parse()
                        .map_err(|e| StorageError::Corrupt(format!("{e}")))?,
                    wave: row.try_get(4)?,
                    group: row.try_get(5)?,
                })
            })
            .collect()
    }

    /// Closes a link: it answers "closed" from now on.
    pub async fn close_link(&self, code: &InvitationCode) -> Result<bool> {
        let done =
            sqlx::query("UPDATE links SET closed_at = $1 WHERE code = $2 AND closed_at IS NULL")
                .bind(now())
                .bind(code.as_str())
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Opens or closes a link of a project; false when the project has no such link or it
    /// is in that state already.
    pub async fn set_link_open(
        &self,
        project_id: ProjectId,
        code: &InvitationCode,
        open: bool,
    ) -> Result<bool> {
        let closed_at = (!open).then(now);
        let done = sqlx::query(
            "UPDATE links SET closed_at = $1 WHERE code = $2 AND (closed_at IS NULL) = $3 \
             AND questionnaire_id IN (SELECT id FROM questionnaires WHERE project_id = $4)",
        )
        .bind(closed_at)
        .bind(code.as_str())
        .bind(!open)
        .bind(project_id.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Adds a link to a project with a fresh code.
    pub async fn create_link(
        &self,
        project_id: ProjectId,
        link: &LinkSpec,
        mut new_code: impl FnMut() -> InvitationCode,
    ) -> Result<InvitationCode> {
        let mut tx = self.pool.begin().await?;
        let code = fresh_code(&mut tx, &mut new_code).await?;
        insert_link(&mut tx, project_id, link, &code).await?;
        tx.commit().await?;
        Ok(code)
    }

    /// A project's links with their number of responses, newest wave first.
    pub async fn project_links(&self, project_id: ProjectId) -> Result<Vec<ProjectLink>> {
        let rows = sqlx::query(
            "SELECT l.code, q.key, l.audience, w.name, l.group_label, l.closed_at, \
             (SELECT COUNT(*) FROM responses r WHERE r.link_id = l.id), w.key \
             FROM links l JOIN questionnaires q ON q.id = l.questionnaire_id JOIN waves w ON w.id = l.wave_id \
             WHERE q.project_id = $1 ORDER BY w.opens_on DESC, q.key, l.audience, l.group_label, l.code",
        )
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let code: String = row.try_get(0)?;
                let audience: String = row.try_get(2)?;
                Ok(ProjectLink {
                    code: InvitationCode::parse(&code)
                        .map_err(|e| StorageError::Corrupt(format!("code: {e}")))?,
                    questionnaire: row.try_get(1)?,
                    audience: audience
                        .parse()
                        .map_err(|e| StorageError::Corrupt(format!("{e}")))?,
                    wave: row.try_get(3)?,
                    group: row.try_get(4)?,
                    closed: row.try_get::<Option<String>, _>(5)?.is_some(),
                    responses: row.try_get(6)?,
                    wave_key: row.try_get(7)?,
                })
            })
            .collect()
    }

    /// A project's waves, newest first.
    pub async fn project_waves(&self, project_id: ProjectId) -> Result<Vec<Wave>> {
        let rows = sqlx::query(
            "SELECT key, name, opens_on, closes_on FROM waves WHERE project_id = $1 ORDER BY opens_on DESC",
        )
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Wave {
                    key: row.try_get(0)?,
                    name: row.try_get(1)?,
                    opens: parse_day(&row.try_get::<String, _>(2)?)?,
                    closes: parse_day(&row.try_get::<String, _>(3)?)?,
                })
            })
            .collect()
    }

    /// A project's questionnaires at their latest version.
    pub async fn project_questionnaires(
        &self,
        project_id: ProjectId,
    ) -> Result<Vec<QuestionnaireSummary>> {
        let rows = sqlx::query(
            "SELECT q.key, v.version, v.definition, q.id FROM questionnaires q \
             JOIN questionnaire_versions v ON v.questionnaire_id = q.id \
             WHERE q.project_id = $1 AND v.version = \
               (SELECT MAX(version) FROM questionnaire_versions WHERE questionnaire_id = q.id) \
             ORDER BY q.key",
        )
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(QuestionnaireSummary {
                    id: row.try_get(3)?,
                    key: row.try_get(0)?,
                    version: row.try_get(1)?,
                    questionnaire: parse_definition(&row.try_get::<String, _>(2)?)?,
                })
            })
            .collect()
    }
}

/// Inserts a link of a project by the keys of its questionnaire and wave.
async fn insert_link(
    tx: &mut Transaction<'static, Any>,
    project_id: ProjectId,
    link: &LinkSpec,
    code: &InvitationCode,
) -> Result<()> {
    let done = sqlx::query(
        "INSERT INTO links (code, questionnaire_id, audience, wave_id, group_label, created_at) \
         SELECT $1, q.id, $2, w.id, $3, $4 FROM questionnaires q, waves w \
         WHERE q.project_id = $5 AND q.key = $6 AND w.project_id = $5 AND w.key = $7",
    )
    .bind(code.as_str())
    .bind(link.audience.as_str())
    .bind(link.group.clone())
    .bind(now())
    .bind(project_id.0)
    .bind(&link.questionnaire)
    .bind(&link.wave)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StorageError::Conflict(
            "no such questionnaire or wave in this project".into(),
        ));
    }
    Ok(())
}

fn parse_definition(json: &str) -> Result<Questionnaire> {
    serde_json::from_str(json).map_err(|e| StorageError::Corrupt(format!("questionnaire: {e}")))
}

async fn store_questionnaire(
    tx: &mut Transaction<'static, Any>,
    project_id: ProjectId,
    questionnaire: &Questionnaire,
    summary: &mut ImportSummary,
) -> Result<()> {
    let json = serde_json::to_string(questionnaire)
        .map_err(|e| StorageError::Corrupt(format!("questionnaire: {e}")))?;
    let questionnaire_id: i64 = sqlx::query_scalar(
        "INSERT INTO questionnaires (project_id, key) VALUES ($1, $2) \
         ON CONFLICT (project_id, key) DO UPDATE SET key = excluded.key RETURNING id",
    )
    .bind(project_id.0)
    .bind(&questionnaire.key)
    .fetch_one(&mut **tx)
    .await?;
    let latest = sqlx::query(
        "SELECT v.id, v.version, v.definition, \
         (SELECT COUNT(*) FROM responses r WHERE r.version_id = v.id) \
         + (SELECT COUNT(*) FROM drafts d WHERE d.version_id = v.id) \
         FROM questionnaire_versions v WHERE v.questionnaire_id = $1 \
         ORDER BY v.version DESC LIMIT 1",
    )
    .bind(questionnaire_id)
    .fetch_optional(&mut **tx)
    .await?;
    let key = questionnaire.key.clone();
    match latest {
        Some(row) if row.try_get::<String, _>(2)? == json => {}
        Some(row) if row.try_get::<i64, _>(3)? == 0 => {
            sqlx::query("UPDATE questionnaire_versions SET definition = $1 WHERE id = $2")
                .bind(&json)
                .bind(row.try_get::<i64, _>(0)?)
                .execute(&mut **tx)
                .await?;
            summary.updated_versions.push((key, row.try_get(1)?));
        }
        latest => {
            let version = match latest {
                Some(row) => row.try_get::<i64, _>(1)? + 1,
                None => 1,
            };
            sqlx::query(
                "INSERT INTO questionnaire_versions (questionnaire_id, version, definition, created_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(questionnaire_id)
            .bind(version)
            .bind(&json)
            .bind(now())
            .execute(&mut **tx)
            .await?;
            summary.new_versions.push((key, version));
        }
    }
    Ok(())
}

/// A code no link uses yet.
async fn fresh_code(
    tx: &mut Transaction<'static, Any>,
    new_code: &mut impl FnMut() -> InvitationCode,
) -> Result<InvitationCode> {
    loop {
        let code = new_code();
        let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM links WHERE code = $1")
            .bind(code.as_str())
            .fetch_one(&mut **tx)
            .await?;
        if taken == 0 {
            return Ok(code);
        }
    }
}

/// What saving a questionnaire did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedVersion {
    /// Nothing changed.
    Unchanged(i64),
    /// The latest version had no answers yet and was replaced.
    Replaced(i64),
    /// The latest version had answers and stays as it was; this is a new one.
    New(i64),
}

impl Db {
    /// Creates a project; a conflict when the key is taken.
    pub async fn create_project(
        &self,
        key: &str,
        name: &str,
        description: &str,
    ) -> Result<ProjectId> {
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO projects (key, name, description, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (key) DO NOTHING RETURNING id",
        )
        .bind(key)
        .bind(name)
        .bind(description)
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        id.map(ProjectId)
            .ok_or_else(|| StorageError::Conflict(format!("project `{key}` exists already")))
    }

    pub async fn update_project(
        &self,
        project_id: ProjectId,
        name: &str,
        description: &str,
    ) -> Result<()> {
        sqlx::query("UPDATE projects SET name = $1, description = $2 WHERE id = $3")
            .bind(name)
            .bind(description)
            .bind(project_id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A project's themes in their order.
    pub async fn project_themes(&self, project_id: ProjectId) -> Result<Vec<Theme>> {
        let rows = sqlx::query(
            "SELECT key, title, description FROM themes WHERE project_id = $1 ORDER BY position, id",
        )
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Theme {
                    key: r.try_get(0)?,
                    title: r.try_get(1)?,
                    description: r.try_get(2)?,
                })
            })
            .collect()
    }

    /// Adds a theme at the end, or changes the title and description of the theme with
    /// this key.
    pub async fn save_theme(&self, project_id: ProjectId, theme: &Theme) -> Result<()> {
        sqlx::query(
            "INSERT INTO themes (project_id, key, title, description, position) \
             VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), -1) + 1 FROM themes WHERE project_id = $1)) \
             ON CONFLICT (project_id, key) DO UPDATE SET title = excluded.title, description = excluded.description",
        )
        .bind(project_id.0)
        .bind(&theme.key)
        .bind(&theme.title)
        .bind(&theme.description)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Moves a theme one place up or down; false at either end.
    pub async fn move_theme(&self, project_id: ProjectId, key: &str, up: bool) -> Result<bool> {
        let keys: Vec<String> = self
            .project_themes(project_id)
            .await?
            .into_iter()
            .map(|t| t.key)
            .collect();
        let Some(i) = keys.iter().position(|k| k == key) else {
            return Ok(false);
        };
        let j = if up {
            i.checked_sub(1)
        } else {
            Some(i + 1).filter(|j| *j < keys.len())
        };
        let Some(j) = j else { return Ok(false) };
        let mut order = keys.clone();
        order.swap(i, j);
        let mut tx = self.pool.begin().await?;
        for (position, key) in (0_i64..).zip(&order) {
            sqlx::query("UPDATE themes SET position = $1 WHERE project_id = $2 AND key = $3")
                .bind(position)
                .bind(project_id.0)
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Adds a wave, or renames and re-dates the wave with this key.
    pub async fn save_wave(&self, project_id: ProjectId, wave: &Wave) -> Result<()> {
        sqlx::query(
            "INSERT INTO waves (project_id, key, name, opens_on, closes_on) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (project_id, key) DO UPDATE SET name = excluded.name, \
             opens_on = excluded.opens_on, closes_on = excluded.closes_on",
        )
        .bind(project_id.0)
        .bind(&wave.key)
        .bind(&wave.name)
        .bind(day(wave.opens))
        .bind(day(wave.closes))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Saves a questionnaire of a project: replaces its latest version while nobody has
    /// answered it, otherwise adds a new version (answers keep the version they answered).
    pub async fn save_questionnaire(
        &self,
        project_id: ProjectId,
        questionnaire: &Questionnaire,
    ) -> Result<SavedVersion> {
        let mut tx = self.pool.begin().await?;
        let mut summary = ImportSummary::default();
        store_questionnaire(&mut tx, project_id, questionnaire, &mut summary).await?;
        tx.commit().await?;
        Ok(
            match (
                summary.new_versions.first(),
                summary.updated_versions.first(),
            ) {
                (Some((_, v)), _) => SavedVersion::New(*v),
                (_, Some((_, v))) => SavedVersion::Replaced(*v),
                _ => {
                    let version: i64 = sqlx::query_scalar(
                    "SELECT MAX(v.version) FROM questionnaire_versions v JOIN questionnaires q ON q.id = v.questionnaire_id \
                     WHERE q.project_id = $1 AND q.key = $2",
                )
                .bind(project_id.0)
                .bind(&questionnaire.key)
                .fetch_one(&self.pool)
                .await?;
                    SavedVersion::Unchanged(version)
                }
            },
        )
    }
}

/// The audiences of a `formal_audiences` column, in their own order.
fn formal(column: &str) -> Vec<Audience> {
    let mut audiences: Vec<Audience> = column
        .split(',')
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    audiences.sort();
    audiences.dedup();
    audiences
}

/// A `formal_audiences` column for these audiences.
fn formal_column(audiences: &[Audience]) -> String {
    let mut names: Vec<String> = audiences.iter().map(|a| a.to_string()).collect();
    names.sort();
    names.dedup();
    names.join(",")
}

impl Db {
    /// The audiences this project addresses with "u" in Dutch.
    pub async fn formal_audiences(&self, project_id: ProjectId) -> Result<Vec<Audience>> {
        let column: String =
            sqlx::query_scalar("SELECT formal_audiences FROM projects WHERE id = $1")
                .bind(project_id.0)
                .fetch_one(&self.pool)
                .await?;
        Ok(formal(&column))
    }

    /// Addresses these audiences with "u", the others with "je".
    pub async fn set_formal_audiences(
        &self,
        project_id: ProjectId,
        audiences: &[Audience],
    ) -> Result<()> {
        sqlx::query("UPDATE projects SET formal_audiences = $1 WHERE id = $2")
            .bind(formal_column(audiences))
            .bind(project_id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
