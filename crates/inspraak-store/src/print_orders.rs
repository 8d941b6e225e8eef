//! Orders for printed copies of a process's action plan ("Bestel een gedrukte versie"): the
//! organisers' list. Name and address are blanked at `erase_after` ([`erase_expired`], run by
//! the housekeeping job), which marking an order handled brings forward; the order itself and
//! its number of copies stay, so the organisers can still count what they sent.

use crate::entities::{print_orders, processes};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::print_order::NewPrintOrder;
use inspraak_domain::retention::handled;
use inspraak_domain::{PrintOrderId, ProcessId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintOrder {
    pub id: PrintOrderId,
    pub process: ProcessId,
    /// The process's title, for the site-wide list.
    pub process_title: String,
    /// `None` once erased.
    pub name: Option<String>,
    pub address: Option<String>,
    pub copies: i32,
    pub created_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
}

/// Stores an order, open.
pub async fn insert(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    new: &NewPrintOrder,
    now: DateTime<Utc>,
) -> StoreResult<PrintOrderId> {
    let model = print_orders::ActiveModel {
        process_id: Set(process.0),
        name: Set(Some(new.name.as_str().to_owned())),
        address: Set(Some(new.address.as_str().to_owned())),
        copies: Set(i32::from(new.copies)),
        created_at: Set(now),
        handled_at: Set(None),
        handled_by: Set(None),
        erase_after: Set(handled::erase_after(now, None)),
        ..Default::default()
    };
    Ok(PrintOrderId(model.insert(conn).await?.id))
}

/// Every order, open ones first (oldest first), then handled ones (latest handled first).
pub async fn list(conn: &impl ConnectionTrait) -> StoreResult<Vec<PrintOrder>> {
    let rows = print_orders::Entity::find()
        .order_by_asc(print_orders::Column::HandledAt.is_not_null())
        .order_by_desc(print_orders::Column::HandledAt)
        .order_by_asc(print_orders::Column::CreatedAt)
        .order_by_asc(print_orders::Column::Id)
        .all(conn)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|m| m.process_id).collect();
    let titles: std::collections::HashMap<i64, String> = processes::Entity::find()
        .filter(processes::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    Ok(rows
        .into_iter()
        .map(|m| PrintOrder {
            id: PrintOrderId(m.id),
            process: ProcessId(m.process_id),
            process_title: titles.get(&m.process_id).cloned().unwrap_or_default(),
            name: m.name,
            address: m.address,
            copies: m.copies,
            created_at: m.created_at,
            handled_at: m.handled_at,
        })
        .collect())
}

/// How many orders wait for an organiser (the dashboard's count).
pub async fn count_open(conn: &impl ConnectionTrait) -> StoreResult<u64> {
    Ok(print_orders::Entity::find()
        .filter(print_orders::Column::HandledAt.is_null())
        .count(conn)
        .await?)
}

/// Marks an open order handled and brings the erasure of its name and address forward. One
/// conditional statement: `Conflict("handled")` when it was handled already.
pub async fn mark_handled(
    conn: &impl ConnectionTrait,
    id: PrintOrderId,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let Some(found) = print_orders::Entity::find_by_id(id.0).one(conn).await? else {
        return Err(StoreError::NotFound);
    };
    let result = print_orders::Entity::update_many()
        .col_expr(print_orders::Column::HandledAt, Expr::value(now))
        .col_expr(print_orders::Column::HandledBy, Expr::value(by.0))
        .col_expr(
            print_orders::Column::EraseAfter,
            Expr::value(handled::erase_after(found.created_at, Some(now))),
        )
        .filter(print_orders::Column::Id.eq(id.0))
        .filter(print_orders::Column::HandledAt.is_null())
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::Conflict("handled"));
    }
    Ok(())
}

/// Retention: blanks name and address of orders past their `erase_after`. Returns how many.
pub async fn erase_expired(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> StoreResult<u64> {
    let result = print_orders::Entity::update_many()
        .col_expr(
            print_orders::Column::Name,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            print_orders::Column::Address,
            Expr::value(Option::<String>::None),
        )
        .filter(print_orders::Column::EraseAfter.lte(now))
        .filter(print_orders::Column::Name.is_not_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}
