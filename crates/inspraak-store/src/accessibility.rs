//! The organiser-edited parts of the accessibility statement (`/toegankelijkheid`): how to reach
//! the organisation, and known problems beyond what the automatic checks found. One row; the
//! figures of the statement come from the quality gates, not from here.

use crate::StoreResult;
use crate::entities::accessibility_statement as rows;
use chrono::{DateTime, Utc};
use inspraak_domain::{Translated, UserId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

const ROW: i64 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementTexts {
    pub contact: Translated,
    pub known_problems: Translated,
    pub updated_at: DateTime<Utc>,
}

/// The organiser's texts, or `None` while nobody has written them.
pub async fn texts(conn: &impl ConnectionTrait) -> StoreResult<Option<StatementTexts>> {
    Ok(rows::Entity::find_by_id(ROW)
        .one(conn)
        .await?
        .map(|m| StatementTexts {
            contact: Translated::new(m.contact, m.contact_translation),
            known_problems: Translated::new(m.known_problems, m.known_problems_translation),
            updated_at: m.updated_at,
        }))
}

/// The texts as the organiser saves them, each with its optional translation.
#[derive(Debug, Clone, Copy)]
pub struct NewStatementTexts<'a> {
    pub contact: &'a str,
    pub contact_translation: Option<&'a str>,
    pub known_problems: &'a str,
    pub known_problems_translation: Option<&'a str>,
}

/// Saves both texts (an insert the first time, an update after).
pub async fn save(
    conn: &impl ConnectionTrait,
    texts: NewStatementTexts<'_>,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let model = rows::ActiveModel {
        id: Set(ROW),
        contact: Set(texts.contact.to_owned()),
        contact_translation: Set(texts.contact_translation.map(str::to_owned)),
        known_problems: Set(texts.known_problems.to_owned()),
        known_problems_translation: Set(texts.known_problems_translation.map(str::to_owned)),
        updated_at: Set(now),
        updated_by: Set(by.map(|u| u.0)),
    };
    rows::Entity::insert(model)
        .on_conflict(
            OnConflict::column(rows::Column::Id)
                .update_columns([
                    rows::Column::Contact,
                    rows::Column::ContactTranslation,
                    rows::Column::KnownProblems,
                    rows::Column::KnownProblemsTranslation,
                    rows::Column::UpdatedAt,
                    rows::Column::UpdatedBy,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
