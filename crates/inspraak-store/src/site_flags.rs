//! Facts about the installation itself (table `site_flags`, migration 000012): one row per flag.
//! `demo` is set in the demo loader's transaction; `inspraak demo-code` asks `is_demo` before it
//! prints a second-factor code, so the command is useless against a real site.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};

const TABLE: &str = "site_flags";
const DEMO: &str = "demo";

/// Records that this database was filled with demo content (idempotent).
pub async fn mark_demo(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> StoreResult<()> {
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new(TABLE))
        .columns([
            Alias::new("name"),
            Alias::new("value"),
            Alias::new("set_at"),
        ])
        .values([DEMO.into(), "true".into(), now.into()])
        .map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?
        .on_conflict(
            OnConflict::column(Alias::new("name"))
                .update_columns([Alias::new("value"), Alias::new("set_at")])
                .to_owned(),
        );
    let backend = conn.get_database_backend();
    conn.execute_raw(backend.build(&insert)).await?;
    Ok(())
}

/// Whether this database was created as a demo.
pub async fn is_demo(conn: &impl ConnectionTrait) -> StoreResult<bool> {
    let mut select = Query::select();
    select
        .column(Alias::new("value"))
        .from(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("name")).eq(DEMO));
    let backend = conn.get_database_backend();
    let row = conn.query_one_raw(backend.build(&select)).await?;
    Ok(match row {
        Some(row) => row.try_get::<String>("", "value")? == "true",
        None => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_fresh_database_is_not_a_demo_until_marked() {
        crate::testing::each_engine(|t| async move {
            assert!(!is_demo(t.db.read()).await.unwrap(), "{:?}", t.engine);
            mark_demo(t.db.write(), Utc::now()).await.unwrap();
            mark_demo(t.db.write(), Utc::now()).await.unwrap();
            assert!(is_demo(t.db.read()).await.unwrap(), "{:?}", t.engine);
        })
        .await;
    }
}
