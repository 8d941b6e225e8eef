//! E-mail addresses left for updates: personal data, so kept in a table of their own (never
//! next to the answers), erased when the process's retention period has passed after the
//! consultation closed, or at once when the person follows the "erase my data" link.
//! Erasing deletes the address only; the response, its answers and every count stay.

use crate::entities::consultation::{consultations, contacts, responses};
use crate::{StoreError, StoreResult, retention};
use chrono::{DateTime, Utc};
use inspraak_domain::{ConsultationId, Email, Language, ResponseId};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Deletes every address whose erase date has passed (the background job). Returns how many.
pub async fn erase_expired(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> StoreResult<u64> {
    let result = contacts::Entity::delete_many()
        .filter(contacts::Column::EraseAfter.lte(now))
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}

/// Deletes the address behind an "erase my data" link. Returns whether there was one (a second
/// click finds nothing, and says so without revealing anything else).
pub async fn erase_by_token(conn: &impl ConnectionTrait, token_hash: &str) -> StoreResult<bool> {
    let result = contacts::Entity::delete_many()
        .filter(contacts::Column::EraseTokenHash.eq(token_hash))
        .exec(conn)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Gives a response's address a new "erase my data" token, for a later mail (e.g. the outcome):
/// only hashes are stored, so every mail that carries the link makes a fresh one. Returns
/// whether the response still has an address.
pub async fn renew_erase_token(
    conn: &impl ConnectionTrait,
    response: ResponseId,
    token_hash: &str,
) -> StoreResult<bool> {
    let result = contacts::Entity::update_many()
        .col_expr(contacts::Column::EraseTokenHash, Expr::value(token_hash))
        .filter(contacts::Column::ResponseId.eq(response.0))
        .exec(conn)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Whether an "erase my data" link still points at an address (to show the right page).
pub async fn token_in_use(conn: &impl ConnectionTrait, token_hash: &str) -> StoreResult<bool> {
    Ok(contacts::Entity::find()
        .filter(contacts::Column::EraseTokenHash.eq(token_hash))
        .one(conn)
        .await?
        .is_some())
}

fn responses_of(consultation: ConsultationId) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(responses::Column::Id)
        .from(responses::Entity)
        .and_where(Expr::col(responses::Column::ConsultationId).eq(consultation.0))
        .to_owned()
}

/// Sets the erase date of a consultation's addresses from its closing moment and its process's
/// retention period (after either changes).
pub async fn recompute_erase_after(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
) -> StoreResult<()> {
    let Some(model) = consultations::Entity::find_by_id(consultation.0)
        .one(conn)
        .await?
    else {
        return Err(StoreError::NotFound);
    };
    let days = retention::days_for(conn, inspraak_domain::ProcessId(model.process_id)).await?;
    contacts::Entity::update_many()
        .col_expr(
            contacts::Column::EraseAfter,
            Expr::value(days.erase_after(model.closes_at)),
        )
        .filter(contacts::Column::ResponseId.in_subquery(responses_of(consultation)))
        .exec(conn)
        .await?;
    Ok(())
}

/// An address to send the outcome to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub response: ResponseId,
    pub email: Email,
    pub erase_after: DateTime<Utc>,
    pub language: Language,
}

/// The addresses left with visible (not hidden) responses of a consultation, for the mail that
/// announces the outcome.
pub async fn contacts_for_updates(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
) -> StoreResult<Vec<Contact>> {
    let visible = responses_of(consultation)
        .and_where(Expr::col(responses::Column::Hidden).eq(false))
        .to_owned();
    let models = contacts::Entity::find()
        .filter(contacts::Column::ResponseId.in_subquery(visible))
        .order_by_asc(contacts::Column::Id)
        .all(conn)
        .await?;
    Ok(models
        .into_iter()
        .filter_map(|m| {
            Some(Contact {
                response: ResponseId(m.response_id),
                email: Email::parse(&m.email).ok()?,
                erase_after: m.erase_after,
                language: Language::from_code(&m.language),
            })
        })
        .collect())
}

/// How many addresses a consultation holds now (for the organiser; never the addresses).
pub async fn contact_count(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
) -> StoreResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(contacts::Entity::find()
        .filter(contacts::Column::ResponseId.in_subquery(responses_of(consultation)))
        .select_only()
        .column(contacts::Column::Id)
        .count(conn)
        .await?)
}
