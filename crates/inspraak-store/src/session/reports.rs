//! Reports (verslagen): written after a session, published, mailed once to participants who
//! asked for it.

use super::admin::find_model;
use super::attendees::registrations;
use super::mail::{SessionMail, SessionMailer, queue};
use super::records::to_session;
use crate::entities::sessions;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::SessionId;
use inspraak_domain::session::{RegistrationState, ReportText};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOutcome {
    /// Published by this call (it was not before).
    pub newly_published: bool,
    /// Report mails queued.
    pub mailed: usize,
}

/// Saves the report text and its translation (`None`: none written); with `publish`, publishes it and mails the confirmed participants
/// who asked for it. A report is mailed to a person once, however often it is re-published.
pub async fn save_report(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    session_id: SessionId,
    text: &ReportText,
    translation: Option<&ReportText>,
    publish: bool,
    now: DateTime<Utc>,
) -> StoreResult<ReportOutcome> {
    let saved = sessions::Entity::update_many()
        .col_expr(sessions::Column::Report, Expr::value(text.as_str()))
        .col_expr(
            sessions::Column::ReportTranslation,
            Expr::value(translation.map(|t| t.as_str().to_owned())),
        )
        .col_expr(sessions::Column::UpdatedAt, Expr::value(now))
        .filter(sessions::Column::Id.eq(session_id.0))
        .exec(conn)
        .await?;
    if saved.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    let mut outcome = ReportOutcome {
        newly_published: false,
        mailed: 0,
    };
    if !publish {
        return Ok(outcome);
    }
    let published = sessions::Entity::update_many()
        .col_expr(sessions::Column::ReportPublishedAt, Expr::value(now))
        .filter(sessions::Column::Id.eq(session_id.0))
        .filter(sessions::Column::ReportPublishedAt.is_null())
        .exec(conn)
        .await?;
    outcome.newly_published = published.rows_affected == 1;
    if !outcome.newly_published {
        return Ok(outcome);
    }
    let session = to_session(find_model(conn, session_id).await?)?;
    for row in registrations(conn, session_id).await? {
        let (RegistrationState::Confirmed, Some(person)) = (row.state, &row.registrant) else {
            continue;
        };
        if !person.wants_report {
            continue;
        }
        let key = Some(format!("session-report:{}", row.id));
        if queue(
            conn,
            mailer,
            &session,
            row.id,
            person,
            SessionMail::Report,
            key,
            now,
        )
        .await?
        {
            outcome.mailed += 1;
        }
    }
    Ok(outcome)
}

/// Takes a report offline again (the text stays for editing).
pub async fn unpublish_report(
    conn: &impl ConnectionTrait,
    session_id: SessionId,
) -> StoreResult<()> {
    let result = sessions::Entity::update_many()
        .col_expr(
            sessions::Column::ReportPublishedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(sessions::Column::Id.eq(session_id.0))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
