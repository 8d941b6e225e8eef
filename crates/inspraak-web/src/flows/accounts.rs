//! Staff accounts from the organiser's pages (issue #24): inviting an organiser or an action
//! holder by e-mail (a single-use, expiring link; only its hash is stored), accepting the
//! invitation (the invitee chooses a name and a password; organisers enrol their second factor
//! next), withdrawing an invitation and removing an account. Removing disables the account: no
//! login, every session ended in the same transaction, the row kept so the audit trail keeps
//! naming it. One transaction per flow, each with its audit row.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use crate::i18n::{accounts as texts, fill};
use chrono::Duration;
use inspraak_domain::ideas::NewMember;
use inspraak_domain::{AuditAction, Email, Role, UserId};
use inspraak_store::invitations::{self, Invitation, NewInvitation};
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::users::{self, RemoveRefused, User};
use inspraak_store::{StoreError, tokens};

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;

/// The roles an organiser may invite to from the accounts page (forum members are invited
/// from the forum's own page, or ask to join).
pub const INVITABLE: [Role; 2] = [Role::Organiser, Role::ActionHolder];

pub enum Invited {
    Sent,
    /// The address has an account in use. A removed account's address may be invited again:
    /// accepting brings that account back (`users::reinstate`).
    AddressTaken,
}

/// Invites `email` to an account with `role`; the mail is in the organiser's language.
pub async fn invite(ctx: &Ctx, inviter: &User, email: &Email, role: Role) -> WebResult<Invited> {
    if !INVITABLE.contains(&role) {
        return Err(WebError::BadRequest);
    }
    let t = texts::texts(ctx.lang);
    let token = tokens::new_token();
    let hash = tokens::hash_token(&token);
    let txn = ctx.state.db.begin().await?;
    if users::has_active_account(&txn, email).await? {
        return Ok(Invited::AddressTaken);
    }
    let new = NewInvitation {
        email,
        role,
        token_hash: &hash,
        invited_by: inviter.id,
        expires_at: ctx.now + Duration::days(INVITATION_DAYS),
    };
    let id = invitations::create(&txn, &new, ctx.now).await?;
    let role_name = texts::role_name(ctx.lang, role);
    let link = format!("{}/uitnodiging/{token}", ctx.state.settings.base_url);
    let next = if role == Role::Organiser {
        t.mail_next_organiser
    } else {
        t.mail_next_holder
    };
    let mail = NewMail {
        recipient: email.clone(),
        subject: fill(t.mail_subject, &[("role", role_name)]),
        body_text: fill(
            t.mail_body,
            &[
                ("role", role_name),
                ("link", &link),
                ("days", &INVITATION_DAYS.to_string()),
                ("next", next),
            ],
        ),
        attachment: None,
        dedupe_key: None,
    };
    outbox::enqueue(&txn, &mail, ctx.now).await?;
    let detail = format!("invitation {id} ({})", role.as_str());
    audit::record(&txn, ctx, None, AuditAction::AccountInvited, Some(detail)).await?;
    txn.commit().await?;
    Ok(Invited::Sent)
}

/// The open invitation behind a mailed token, if it still works.
pub async fn open_invitation(ctx: &Ctx, token: &str) -> WebResult<Option<Invitation>> {
    let hash = tokens::hash_token(token);
    Ok(invitations::open(ctx.state.db.read(), &hash, ctx.now).await?)
}

pub enum Accepted {
    /// The new account, to log in.
    Account(User),
    /// Used a moment ago (another tab), or the address got an account meanwhile.
    Gone,
}

/// Uses up the invitation and makes the account, in one transaction.
pub async fn accept(ctx: &Ctx, invitation: &Invitation, member: &NewMember) -> WebResult<Accepted> {
    let email = Email::parse(&invitation.email).map_err(|_| WebError::NotFound)?;
    let password_hash = ctx
        .state
        .passwords
        .hash(member.password.expose())
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let txn = ctx.state.db.begin().await?;
    match invitations::accept(&txn, invitation.id, ctx.now).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Ok(Accepted::Gone),
        Err(other) => return Err(other.into()),
    }
    let new = users::NewUser {
        email: &email,
        display_name: member.name.as_str(),
        organisation: member.organisation.as_deref(),
        role: invitation.role,
        password_hash: &password_hash,
    };
    // A removed account with this address comes back (same id, so the audit trail names one
    // account); otherwise a new one is made.
    let (id, how) = match users::reinstate(&txn, &new).await? {
        Some(id) => (id, "reinstated"),
        None => match users::insert(&txn, &new, ctx.now).await {
            Ok(id) => (id, "made"),
            Err(StoreError::Conflict(_)) => return Ok(Accepted::Gone),
            Err(other) => return Err(other.into()),
        },
    };
    let account = users::find(&txn, id).await?.ok_or(WebError::NotFound)?;
    let detail = format!(
        "account {id} ({}) {how} by invitation {}",
        invitation.role.as_str(),
        invitation.id
    );
    let action = AuditAction::RoleChanged;
    audit::record(&txn, ctx, Some(&account), action, Some(detail)).await?;
    txn.commit().await?;
    Ok(Accepted::Account(account))
}

/// Withdraws an open invitation; one used or expired meanwhile is a 404.
pub async fn withdraw(ctx: &Ctx, invitation: i64) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    invitations::withdraw(&txn, invitation, ctx.now).await?;
    let detail = format!("invitation {invitation} withdrawn");
    audit::record(&txn, ctx, None, AuditAction::AccountInvited, Some(detail)).await?;
    txn.commit().await?;
    Ok(())
}

/// Removes `target` (see the module comment); refused for oneself and the last organiser.
pub async fn remove(ctx: &Ctx, by: &User, target: UserId) -> WebResult<Result<(), RemoveRefused>> {
    let txn = ctx.state.db.begin().await?;
    let removed = match users::remove(&txn, target, by.id, ctx.now).await? {
        Ok(user) => user,
        Err(refused) => return Ok(Err(refused)),
    };
    let detail = format!("account {target} ({})", removed.role.as_str());
    audit::record(&txn, ctx, None, AuditAction::AccountRemoved, Some(detail)).await?;
    txn.commit().await?;
    Ok(Ok(()))
}
