//! Logging in: the password step and the second step. Both throttles (per typed account, per client address) are
//! reserved by one atomic statement each before any password work, and given back only on
//! success; an unknown account costs the same hashing as a known one. Every outcome is audited
//! except success, which the route audits once the session is in its final stage.

use crate::audit;
use crate::auth::totp;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use crate::flows::password_reset::THROTTLE_WINDOW_MINUTES;
use chrono::Duration;
use inspraak_domain::{AuditAction, Email};
use inspraak_store::users::User;
use inspraak_store::{login_sessions, second_factor, throttle, users};

pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: u64 = 50;

pub enum Login {
    /// Too many attempts for this account or from this address.
    Throttled,
    Failed,
    /// The password is right; `second_factor` says whether a confirmed second step follows.
    Verified {
        user: User,
        second_factor: bool,
    },
}

/// Checks `password` for the typed address (`typed` as entered), from `client`.
pub async fn check_password(
    ctx: &Ctx,
    client: &str,
    typed: &str,
    password: &str,
) -> WebResult<Login> {
    let state = &ctx.state;
    let conn = state.db.write();
    let typed_email = typed.trim().to_lowercase();
    let account_key = format!(
        "account:{}",
        state.keys.hash("throttle-account", &typed_email)
    );
    let address_key = format!("address:{}", state.keys.hash("throttle-address", client));
    let window = Duration::minutes(THROTTLE_WINDOW_MINUTES);
    let credentials = match Email::parse(typed) {
        Ok(email) => users::credentials_by_email(conn, &email).await?,
        Err(_) => None,
    };
    let account = credentials.as_ref().map(|c| c.user.clone());

    let account_slot = throttle::take(conn, &account_key, window, ctx.now).await?;
    let address_slot = if account_slot.within(MAX_FAILURES_PER_ACCOUNT) {
        let slot = throttle::take(conn, &address_key, window, ctx.now).await?;
        if !slot.within(MAX_FAILURES_PER_ADDRESS) {
            // The account is not to blame for a busy address: its slot goes back.
            throttle::give_back(conn, &account_slot).await?;
        }
        Some(slot)
    } else {
        None
    };
    let Some(address_slot) = address_slot.filter(|s| s.within(MAX_FAILURES_PER_ADDRESS)) else {
        let action = AuditAction::LoginThrottled;
        audit::record(conn, ctx, account.as_ref(), action, None).await?;
        return Ok(Login::Throttled);
    };

    let hash = credentials.as_ref().map(|c| c.password_hash.as_str());
    let verified = state
        .passwords
        .verify(password, hash)
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let Some(credentials) = credentials.filter(|_| verified) else {
        // The reserved slots stay taken: they are this failure.
        audit::record(conn, ctx, account.as_ref(), AuditAction::LoginFailed, None).await?;
        return Ok(Login::Failed);
    };
    throttle::give_back(conn, &account_slot).await?;
    throttle::give_back(conn, &address_slot).await?;
    let user = credentials.user;
    let second_factor = second_factor::find(conn, user.id)
        .await?
        .is_some_and(|c| c.confirmed);
    Ok(Login::Verified {
        user,
        second_factor,
    })
}

pub enum Code {
    /// Too many wrong codes: the half-finished login is ended.
    Throttled,
    Wrong,
    Accepted,
}

/// The second step: a TOTP code (each time step used once) or a recovery code (used up). The
/// attempt is reserved before the code is checked and given back only when it is right.
pub async fn check_code(ctx: &Ctx, user: &User, code: &str) -> WebResult<Code> {
    let conn = ctx.state.db.write();
    let key = format!("second-factor:{}", user.id);
    let window = Duration::minutes(THROTTLE_WINDOW_MINUTES);
    let slot = throttle::take(conn, &key, window, ctx.now).await?;
    if !slot.within(MAX_FAILURES_PER_ACCOUNT) {
        login_sessions::end(conn, &ctx.visitor_id).await?;
        let detail = Some("second factor".into());
        audit::record(conn, ctx, Some(user), AuditAction::LoginThrottled, detail).await?;
        return Ok(Code::Throttled);
    }
    let accepted = if code.contains('-') || code.trim().len() > 8 {
        let hash = totp::recovery_code_hash(&ctx.state.keys, code);
        let used = second_factor::use_recovery_code(conn, user.id, &hash, ctx.now).await?;
        if used {
            audit::record(conn, ctx, Some(user), AuditAction::RecoveryCodeUsed, None).await?;
        }
        used
    } else {
        let credential = second_factor::find(conn, user.id)
            .await?
            .ok_or(WebError::Forbidden)?;
        let secret = ctx
            .state
            .secret_box
            .open(&credential.secret_ciphertext)
            .map_err(|e| WebError::Internal(e.to_string()))?;
        let now_seconds = ctx.now.timestamp().max(0) as u64;
        match totp::verify(&secret, code, now_seconds)
            .map_err(|e| WebError::Internal(e.to_string()))?
        {
            Some(step) => second_factor::use_step(conn, user.id, step).await?,
            None => false,
        }
    };
    if !accepted {
        // The reserved slot stays taken: it is this failure.
        audit::record(conn, ctx, Some(user), AuditAction::SecondFactorFailed, None).await?;
        return Ok(Code::Wrong);
    }
    throttle::give_back(conn, &slot).await?;
    audit::record(conn, ctx, Some(user), AuditAction::LoginSucceeded, None).await?;
    Ok(Code::Accepted)
}

pub enum Enrolment {
    /// No unconfirmed secret to confirm (enrolled already, or never started).
    NotPending,
    Wrong,
    /// Enrolled; the recovery codes to show once (only their hashes are stored).
    Enrolled {
        recovery_codes: Vec<String>,
    },
}

/// Confirms a second factor being set up with its first code and makes the recovery codes.
pub async fn confirm_enrolment(ctx: &Ctx, user: &User, code: &str) -> WebResult<Enrolment> {
    let internal = |e: String| WebError::Internal(e);
    let conn = ctx.state.db.write();
    let Some(credential) = second_factor::find(conn, user.id)
        .await?
        .filter(|c| !c.confirmed)
    else {
        return Ok(Enrolment::NotPending);
    };
    let secret = ctx
        .state
        .secret_box
        .open(&credential.secret_ciphertext)
        .map_err(|e| internal(e.to_string()))?;
    let now_seconds = ctx.now.timestamp().max(0) as u64;
    let step = totp::verify(&secret, code, now_seconds).map_err(|e| internal(e.to_string()))?;
    let Some(step) = step else {
        return Ok(Enrolment::Wrong);
    };
    if !second_factor::confirm(conn, user.id, step, ctx.now).await? {
        return Ok(Enrolment::NotPending);
    }
    let codes = totp::new_recovery_codes().map_err(|e| internal(e.to_string()))?;
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| totp::recovery_code_hash(&ctx.state.keys, c))
        .collect();
    second_factor::replace_recovery_codes(conn, user.id, &hashes).await?;
    let action = AuditAction::SecondFactorEnrolled;
    audit::record(conn, ctx, Some(user), action, None).await?;
    Ok(Enrolment::Enrolled {
        recovery_codes: codes,
    })
}
