//! Trace tokens: the long random link on a receipt that opens "Wat is er met mijn inbreng
//! gedaan?". 256 random bits (`tokens::new_token`), only the SHA-256 is stored.

use crate::StoreResult;
use crate::entities::traceability::trace_tokens;
use crate::ideas::corrupt;
use chrono::{DateTime, Utc};
use inspraak_domain::traceability::{Contribution, ContributionKind};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// Stores the hash of a fresh trace token for a contribution (in the submitting transaction).
pub async fn add(
    conn: &impl ConnectionTrait,
    contribution: Contribution,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    add_many(conn, [(contribution, token_hash, now)]).await
}

/// As [`add`] for many contributions at once (a group commit's responses): one statement.
pub async fn add_many(
    conn: &impl ConnectionTrait,
    tokens: impl IntoIterator<Item = (Contribution, &str, DateTime<Utc>)>,
) -> StoreResult<()> {
    let rows: Vec<_> = tokens
        .into_iter()
        .map(
            |(contribution, token_hash, now)| trace_tokens::ActiveModel {
                token_hash: Set(token_hash.to_owned()),
                contribution_kind: Set(contribution.kind().as_str().to_owned()),
                contribution_id: Set(contribution.raw_id()),
                created_at: Set(now),
                ..Default::default()
            },
        )
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    trace_tokens::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// The contribution a token's hash opens; `None` for an unknown token.
pub async fn resolve(
    conn: &impl ConnectionTrait,
    token_hash: &str,
) -> StoreResult<Option<Contribution>> {
    let Some(row) = trace_tokens::Entity::find()
        .filter(trace_tokens::Column::TokenHash.eq(token_hash))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let kind = ContributionKind::parse(&row.contribution_kind)
        .ok_or_else(|| corrupt("contribution kind", &row.contribution_kind))?;
    Ok(Some(Contribution::from_raw(kind, row.contribution_id)))
}

/// Whether this token belongs to this contribution (the receipt shows the link only then).
pub async fn belongs_to(
    conn: &impl ConnectionTrait,
    contribution: Contribution,
    token_hash: &str,
) -> StoreResult<bool> {
    Ok(trace_tokens::Entity::find()
        .filter(trace_tokens::Column::TokenHash.eq(token_hash))
        .filter(trace_tokens::Column::ContributionKind.eq(contribution.kind().as_str()))
        .filter(trace_tokens::Column::ContributionId.eq(contribution.raw_id()))
        .count(conn)
        .await?
        > 0)
}
