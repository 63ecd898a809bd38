//! Professionals' meetings and their insights.

use super::{Db, ProjectId, Result, StorageError, day, now, parse_day};
use crate::domain::meeting::{InsightKind, NewInsight, Sector};
use sqlx::Row;

/// A meeting with who was there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: i64,
    pub held_on: time::Date,
    pub title: String,
    pub sectors: Vec<(Sector, i64)>,
    pub insights: i64,
}

/// An insight as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insight {
    pub id: i64,
    pub theme: String,
    pub kind: InsightKind,
    pub statement: String,
    pub sector: Option<Sector>,
    pub priority: i64,
}

impl Db {
    /// Records a meeting with the number of participants per sector.
    pub async fn create_meeting(
        &self,
        project_id: ProjectId,
        held_on: time::Date,
        title: &str,
        sectors: &[(Sector, u32)],
    ) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO meetings (project_id, held_on, title, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(project_id.0)
        .bind(day(held_on))
        .bind(title)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        for (sector, count) in sectors.iter().filter(|(_, n)| *n > 0) {
            sqlx::query("INSERT INTO meeting_sectors (meeting_id, sector, participants) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(sector.as_str())
                .bind(i64::from(*count))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// A project's meetings, newest first.
    pub async fn meetings(&self, project_id: ProjectId) -> Result<Vec<Meeting>> {
        let rows = sqlx::query(
            "SELECT m.id, m.held_on, m.title, (SELECT COUNT(*) FROM insights i WHERE i.meeting_id = m.id) \
             FROM meetings m WHERE m.project_id = $1 ORDER BY m.held_on DESC, m.id DESC",
        )
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        let sectors = sqlx::query(
            "SELECT s.meeting_id, s.sector, s.participants FROM meeting_sectors s \
             JOIN meetings m ON m.id = s.meeting_id WHERE m.project_id = $1",
        )
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get(0)?;
                let mut present = Vec::new();
                for s in sectors.iter() {
                    if s.try_get::<i64, _>(0)? == id {
                        let sector: String = s.try_get(1)?;
                        let sector = Sector::parse(&sector)
                            .ok_or_else(|| StorageError::Corrupt(format!("sector `{sector}`")))?;
                        present.push((sector, s.try_get(2)?));
                    }
                }
                present.sort();
                Ok(Meeting {
                    id,
                    held_on: parse_day(&r.try_get::<String, _>(1)?)?,
                    title: r.try_get(2)?,
                    sectors: present,
                    insights: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Adds insights to a meeting of the project, all or none.
    pub async fn add_insights(
        &self,
        project_id: ProjectId,
        meeting_id: i64,
        insights: &[NewInsight],
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let ours: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM meetings WHERE id = $1 AND project_id = $2")
                .bind(meeting_id)
                .bind(project_id.0)
                .fetch_one(&mut *tx)
                .await?;
        if ours == 0 {
            return Ok(false);
        }
        for insight in insights {
            sqlx::query(
                "INSERT INTO insights (meeting_id, theme_key, kind, statement, sector, priority, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(meeting_id)
            .bind(&insight.theme)
            .bind(insight.kind.as_str())
            .bind(&insight.statement)
            .bind(insight.sector.map(Sector::as_str))
            .bind(i64::from(insight.priority))
            .bind(now())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The insights of a meeting of the project, by theme and then highest priority first.
    pub async fn insights(&self, project_id: ProjectId, meeting_id: i64) -> Result<Vec<Insight>> {
        let rows = sqlx::query(
            "SELECT i.id, i.theme_key, i.kind, i.statement, i.sector, i.priority FROM insights i \
             JOIN meetings m ON m.id = i.meeting_id WHERE i.meeting_id = $1 AND m.project_id = $2 \
             ORDER BY i.theme_key, i.priority DESC, i.id",
        )
        .bind(meeting_id)
        .bind(project_id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get(2)?;
                let sector: Option<String> = r.try_get(4)?;
                Ok(Insight {
                    id: r.try_get(0)?,
                    theme: r.try_get(1)?,
                    kind: InsightKind::parse(&kind)
                        .ok_or_else(|| StorageError::Corrupt(format!("kind `{kind}`")))?,
                    statement: r.try_get(3)?,
                    sector: sector.as_deref().and_then(Sector::parse),
                    priority: r.try_get(5)?,
                })
            })
            .collect()
    }
}
