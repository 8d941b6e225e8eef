//! The organiser-edited parts of the accessibility statement (`/toegankelijkheid`): how to reach
//! the organisation, and known problems beyond what the automatic checks found. One row; the
//! figures of the statement come from the quality gates, not from here.

use crate::StoreResult;
use crate::entities::accessibility_statement as rows;
use chrono::{DateTime, Utc};
use inspraak_domain::UserId;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

const ROW: i64 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementTexts {
    pub contact: String,
    pub known_problems: String,
    pub updated_at: DateTime<Utc>,
}

/// The organiser's texts, or `None` while nobody has written them.
pub async fn texts(conn: &impl ConnectionTrait) -> StoreResult<Option<StatementTexts>> {
    Ok(rows::Entity::find_by_id(ROW)
        .one(conn)
        .await?
        .map(|m| StatementTexts {
            contact: m.contact,
            known_problems: m.known_problems,
            updated_at: m.updated_at,
        }))
}

/// Saves both texts (an insert the first time, an update after).
pub async fn save(
    conn: &impl ConnectionTrait,
    contact: &str,
    known_problems: &str,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let model = rows::ActiveModel {
        id: Set(ROW),
        contact: Set(contact.to_owned()),
        known_problems: Set(known_problems.to_owned()),
        updated_at: Set(now),
        updated_by: Set(by.map(|u| u.0)),
    };
    rows::Entity::insert(model)
        .on_conflict(
            OnConflict::column(rows::Column::Id)
                .update_columns([
                    rows::Column::Contact,
                    rows::Column::KnownProblems,
                    rows::Column::UpdatedAt,
                    rows::Column::UpdatedBy,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
