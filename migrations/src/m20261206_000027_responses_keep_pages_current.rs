//! Responses no longer make cached public pages stale (issue #22).
//!
//! Until now every stored response bumped the content version (000024): its rows in
//! `consultation_responses`, `consultation_answers` and `consultation_tallies` have triggers, and
//! so has `consultations`, whose `response_count` each response raises. At a deadline rush that
//! emptied the page cache after every response, and every form was read from the database again.
//! No cached public page shows those rows while a consultation is open (the running figures
//! page reads them live); a published outcome shows them, and it changes after the deadline only
//! by moderation, which also sets `consultations.hidden_count`. So:
//!
//! - the three [`RESPONSE_TABLES`] lose their triggers;
//! - the trigger on `consultations` fires on an update of any column **but** `response_count`
//!   (`UPDATE OF` a column list, on both engines). The list is read from the table here; a later
//!   migration that adds a column to `consultations` calls [`consultation_triggers`] again (a
//!   store test updates every column and fails otherwise).
//!
//! What may be stale: an outcome published while its consultation is still open shows figures
//! up to a minute old (every cached read model is rebuilt each minute, `read::cache`).

use crate::m20261206_000024_content_version::{bump_triggers_on, drop_triggers};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Tables every response writes: no content-version trigger (see the module comment).
pub const RESPONSE_TABLES: &[&str] = &[
    "consultation_answers",
    "consultation_responses",
    "consultation_tallies",
];

/// The one column of `consultations` whose change does not bump the content version.
pub const RESPONSE_COUNT_COLUMN: &str = "response_count";

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (Re)creates the triggers of `consultations`: every insert and delete, and every update of a
/// column other than `response_count`, bumps the content version.
pub async fn consultation_triggers(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let table = "consultations";
    drop_triggers(manager, table).await?;
    let columns_sql = match backend {
        DbBackend::Postgres => {
            "SELECT column_name AS name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = 'consultations' \
             ORDER BY ordinal_position"
        }
        _ => "SELECT name FROM pragma_table_info('consultations') ORDER BY cid",
    };
    let mut columns = Vec::new();
    for row in db
        .query_all_raw(Statement::from_string(backend, columns_sql))
        .await?
    {
        let name: String = row.try_get("", "name")?;
        if name != RESPONSE_COUNT_COLUMN {
            columns.push(name);
        }
    }
    bump_triggers_on(manager, table, &format!("UPDATE OF {}", columns.join(", "))).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in RESPONSE_TABLES {
            drop_triggers(manager, table).await?;
        }
        consultation_triggers(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in RESPONSE_TABLES.iter().chain(&["consultations"]) {
            drop_triggers(manager, table).await?;
            crate::m20261206_000024_content_version::bump_triggers(manager, table).await?;
        }
        Ok(())
    }
}
