//! Single-purpose link tokens of a sign-up: 256 random bits mailed, only their hash stored.

use super::records::corrupt;
use crate::StoreResult;
use crate::entities::{registration_tokens, registrations};
use crate::tokens::{hash_token, new_token};
use chrono::{DateTime, Utc};
use inspraak_domain::session::{CancelReason, RegistrationState};
use inspraak_domain::{RegistrationId, SessionId};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// What a token may be used for; a confirm token never cancels and the reverse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    Confirm,
    Cancel,
    /// "Erase my data" (`inspraak_store::privacy::erase_by_token`): works while the sign-up
    /// still has its personal data.
    Erase,
}

impl TokenPurpose {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Cancel => "cancel",
            Self::Erase => "erase",
        }
    }
}

/// Where a token leads, for the page that asks "confirm?" / "cancel?" before the POST.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenView {
    pub registration_id: RegistrationId,
    pub session_id: SessionId,
    pub state: RegistrationState,
    pub cancel_reason: Option<CancelReason>,
    /// A pending sign-up whose confirmation time has passed.
    pub expired: bool,
}

/// Creates a token for a sign-up and returns it (the only time it exists in clear).
pub(crate) async fn mint(
    conn: &impl ConnectionTrait,
    registration: RegistrationId,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let token = new_token();
    registration_tokens::ActiveModel {
        registration_id: Set(registration.0),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(hash_token(&token)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(token)
}

/// The sign-up a token belongs to, if the token exists for this purpose. Tokens of any other
/// length or alphabet are refused without a query.
pub(crate) async fn registration_for(
    conn: &impl ConnectionTrait,
    token: &str,
    purpose: TokenPurpose,
) -> StoreResult<Option<registrations::Model>> {
    if !crate::tokens::is_token(token) {
        return Ok(None);
    }
    let Some(row) = registration_tokens::Entity::find()
        .filter(registration_tokens::Column::TokenHash.eq(hash_token(token)))
        .filter(registration_tokens::Column::Purpose.eq(purpose.as_str()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    Ok(registrations::Entity::find_by_id(row.registration_id)
        .one(conn)
        .await?)
}

pub(crate) fn state_of(model: &registrations::Model) -> StoreResult<RegistrationState> {
    RegistrationState::parse(&model.state).ok_or_else(|| corrupt("state", &model.state))
}

/// Looks a token up without changing anything.
pub async fn peek_token(
    conn: &impl ConnectionTrait,
    token: &str,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> StoreResult<Option<TokenView>> {
    let Some(model) = registration_for(conn, token, purpose).await? else {
        return Ok(None);
    };
    let state = state_of(&model)?;
    Ok(Some(TokenView {
        registration_id: RegistrationId(model.id),
        session_id: SessionId(model.session_id),
        state,
        cancel_reason: model.cancel_reason.as_deref().and_then(CancelReason::parse),
        expired: state == RegistrationState::Pending
            && model.expires_at.is_some_and(|at| at <= now),
    }))
}
