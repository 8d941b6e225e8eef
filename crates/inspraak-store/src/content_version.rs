//! The content version: a number that grows with every committed change to a table feeding a
//! public page (triggers of migration 000023 bump it in the writer's transaction). The web app
//! keeps public pages' read models in memory under the version they were read at.
//!
//! **Read it before the content it guards**: a read model read after the version can only be
//! newer than that version (then the next check reloads it), never older.

use crate::StoreResult;
use sea_orm::sea_query::{Alias, Expr, Func, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

pub use inspraak_migrations::{
    PRIVATE_TABLES, PUBLIC_TABLES, RESPONSE_COUNT_COLUMN, RESPONSE_TABLES,
};

/// The current content version: one statement, `SELECT COALESCE(SUM(version), 0)`.
pub async fn current(conn: &impl ConnectionTrait) -> StoreResult<i64> {
    let query = Query::select()
        .expr_as(
            // PostgreSQL sums BIGINTs as NUMERIC: back to BIGINT.
            Func::cast_as(
                Func::coalesce([
                    Expr::from(Func::sum(Expr::col(Alias::new("version")))),
                    Expr::val(0i64),
                ]),
                Alias::new("BIGINT"),
            ),
            Alias::new("v"),
        )
        .from(Alias::new("content_version"))
        .to_owned();
    let row = conn.query_one(&query).await?;
    Ok(match row {
        Some(row) => row.try_get("", "v")?,
        None => 0,
    })
}

/// The tables of the schema (without SQLite's own) and, for each, whether a content-version
/// trigger sits on it: for the test that no table is left unclassified.
pub async fn tables_and_triggers(conn: &impl ConnectionTrait) -> StoreResult<Vec<(String, bool)>> {
    let backend = conn.get_database_backend();
    let statement = match backend {
        DbBackend::Postgres => {
            "SELECT t.table_name AS name, EXISTS (SELECT 1 FROM information_schema.triggers g \
             WHERE g.event_object_table = t.table_name \
             AND g.event_object_schema = t.table_schema \
             AND g.trigger_name LIKE '%_bumps_content_version') AS bumps \
             FROM information_schema.tables t WHERE t.table_schema = current_schema() \
             AND t.table_type = 'BASE TABLE' ORDER BY t.table_name"
        }
        _ => {
            "SELECT m.name AS name, EXISTS (SELECT 1 FROM sqlite_master g WHERE g.type = 'trigger' \
             AND g.tbl_name = m.name AND g.name LIKE '%_bumps_content_version_%') AS bumps \
             FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             ORDER BY m.name"
        }
    };
    let rows = conn
        .query_all_raw(Statement::from_string(backend, statement))
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("", "name")?, row.try_get("", "bumps")?)))
        .collect()
}
