//! "Forgot your password": asking for a link (mailed only when the address has an account and
//! the client address is within its limit; the answer is the same either way) and setting a new
//! password through it. Each owns its throttles (`throttle::take`, counted before the work),
//! its transaction, its mail and its audit row.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use crate::i18n::{account as texts, fill};
use chrono::Duration;
use inspraak_domain::{AuditAction, Email, NewPassword, Problem};
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::{login_sessions, password_resets, throttle, users};

/// The window of the login and password-reset throttles.
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;
const RESET_VALID_MINUTES: i64 = 60;
/// Requests per client address per window before further ones are silently not mailed.
const MAX_REQUESTS_PER_ADDRESS: u64 = 10;
/// Attempts to set a password through a link, per client address per window.
pub const MAX_RESET_ATTEMPTS_PER_ADDRESS: u64 = 20;
/// Attempts per link per window (a weak password refused counts).
pub const MAX_RESET_ATTEMPTS_PER_LINK: u64 = 5;

fn window() -> Duration {
    Duration::minutes(THROTTLE_WINDOW_MINUTES)
}

fn address_key(ctx: &Ctx, purpose: &str, client: &str) -> String {
    let hashed = ctx.state.keys.hash("throttle-address", client);
    format!("{purpose}:{hashed}")
}

/// Queues a reset link for `email` if it has an account and `client` is within its limit.
pub async fn request(ctx: &Ctx, client: &str, email: &Email) -> WebResult<()> {
    let state = &ctx.state;
    let key = address_key(ctx, "reset", client);
    let allowed = throttle::take(state.db.write(), &key, window(), ctx.now)
        .await?
        .within(MAX_REQUESTS_PER_ADDRESS);
    let txn = state.db.begin().await?;
    if allowed && let Some(credentials) = users::credentials_by_email(&txn, email).await? {
        let valid = Duration::minutes(RESET_VALID_MINUTES);
        let token = password_resets::create(&txn, credentials.user.id, ctx.now, valid).await?;
        let t = texts::texts(ctx.lang);
        let link = format!("{}/wachtwoord-herstellen/{token}", state.settings.base_url);
        let mail = NewMail {
            recipient: email.clone(),
            subject: fill(
                t.reset_mail_subject,
                &[("site", &state.settings.house.site_name)],
            ),
            body_text: fill(
                t.reset_mail_body,
                &[("link", &link), ("site", &state.settings.house.site_name)],
            ),
            attachment: None,
            dedupe_key: None,
        };
        outbox::enqueue(&txn, &mail, ctx.now).await?;
        let action = AuditAction::PasswordResetRequested;
        audit::record(&txn, ctx, Some(&credentials.user), action, None).await?;
    }
    txn.commit().await?;
    Ok(())
}

pub enum Reset {
    Done,
    /// Unknown, used or expired link.
    InvalidLink,
    /// The new password breaks a rule (the attempt still counted).
    Refused(Problem),
}

/// Sets a new password through a link: the client's and the link's throttles first, then the
/// link (a hash lookup) before any password work; every session of the account ends with it.
pub async fn reset(ctx: &Ctx, client: &str, token: &str, new_password: &str) -> WebResult<Reset> {
    let state = &ctx.state;
    let key = address_key(ctx, "reset-attempt", client);
    let slot = throttle::take(state.db.write(), &key, window(), ctx.now).await?;
    if !slot.within(MAX_RESET_ATTEMPTS_PER_ADDRESS) {
        return Err(WebError::TooManyRequests(None));
    }
    if password_resets::peek(state.db.read(), token, ctx.now)
        .await?
        .is_none()
    {
        return Ok(Reset::InvalidLink);
    }
    let link_key = format!("reset-link:{}", inspraak_store::tokens::hash_token(token));
    let slot = throttle::take(state.db.write(), &link_key, window(), ctx.now).await?;
    if !slot.within(MAX_RESET_ATTEMPTS_PER_LINK) {
        return Err(WebError::TooManyRequests(None));
    }
    let password = match NewPassword::parse(new_password) {
        Ok(password) => password,
        Err(problem) => return Ok(Reset::Refused(problem.into())),
    };
    // Hash before the transaction: argon2 is slow and SQLite has one writer.
    let hash = state
        .passwords
        .hash(password.expose())
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let txn = state.db.begin().await?;
    let Some(user_id) = password_resets::consume(&txn, token, ctx.now).await? else {
        return Ok(Reset::InvalidLink);
    };
    users::set_password_hash(&txn, user_id, &hash).await?;
    login_sessions::end_all_for_user(&txn, user_id).await?;
    let user = users::find(&txn, user_id).await?;
    let action = AuditAction::PasswordResetCompleted;
    audit::record(&txn, ctx, user.as_ref(), action, None).await?;
    txn.commit().await?;
    Ok(Reset::Done)
}
