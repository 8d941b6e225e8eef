//! The stakeholder forum's writes: a member posts, edits (within the window, one conditional
//! update against the app clock) and flags comments; an invited address joins as a member.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use inspraak_domain::ideas::{CommentBody, NewMember};
use inspraak_domain::{AuditAction, CommentId, Email, Role, UserId};
use inspraak_store::ideas::forum::{self, CommentSubject, Invitation};
use inspraak_store::users::{self, User};
use inspraak_store::{StoreError, tokens};

pub enum Posted {
    Comment(CommentId),
    /// The parent is not a comment on the same target (or is gone).
    BadParent,
}

pub async fn post(
    ctx: &Ctx,
    author: UserId,
    target: CommentSubject,
    parent: Option<CommentId>,
    body: &CommentBody,
) -> WebResult<Posted> {
    let txn = ctx.state.db.begin().await?;
    let added = forum::add_comment(&txn, target, parent, author, body.as_str(), ctx.now).await;
    let id = match added {
        Ok(id) => id,
        Err(StoreError::Conflict(_)) => return Ok(Posted::BadParent),
        Err(other) => return Err(other.into()),
    };
    txn.commit().await?;
    Ok(Posted::Comment(id))
}

pub enum Edited {
    Saved,
    /// The edit window had closed.
    TooLate,
}

pub async fn edit(
    ctx: &Ctx,
    author: UserId,
    comment: CommentId,
    body: &CommentBody,
) -> WebResult<Edited> {
    let txn = ctx.state.db.begin().await?;
    match forum::edit_comment(&txn, comment, author, body.as_str(), ctx.now).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Ok(Edited::TooLate),
        Err(other) => return Err(other.into()),
    }
    txn.commit().await?;
    Ok(Edited::Saved)
}

pub async fn flag(ctx: &Ctx, by: UserId, comment: CommentId) -> WebResult<()> {
    forum::flag(ctx.state.db.write(), comment, by, ctx.now).await?;
    Ok(())
}

/// The open invitation behind a mailed token, if it still works.
pub async fn open_invitation(ctx: &Ctx, token: &str) -> WebResult<Option<Invitation>> {
    let hash = tokens::hash_token(token);
    Ok(forum::open_invitation(ctx.state.db.read(), &hash, ctx.now).await?)
}

pub enum Joined {
    /// The new member's account (to log them in).
    Member(Option<User>),
    /// The invitation's address has an account already: no second one is made.
    AddressTaken,
}

/// Uses up the invitation and makes the forum member's account, in one transaction.
pub async fn join(ctx: &Ctx, invitation: &Invitation, member: &NewMember) -> WebResult<Joined> {
    let email = Email::parse(&invitation.email).map_err(|_| WebError::NotFound)?;
    let password_hash = ctx
        .state
        .passwords
        .hash(member.password.expose())
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let txn = ctx.state.db.begin().await?;
    forum::accept(&txn, invitation.id, ctx.now).await?;
    let new = users::NewUser {
        email: &email,
        display_name: member.name.as_str(),
        organisation: member.organisation.as_deref(),
        role: Role::ForumMember,
        password_hash: &password_hash,
    };
    let user = match users::insert(&txn, &new, ctx.now).await {
        Ok(user) => user,
        Err(StoreError::Conflict(_)) => return Ok(Joined::AddressTaken),
        Err(other) => return Err(other.into()),
    };
    let account = users::find(&txn, user).await?;
    let detail = format!("forum member {user} joined by invitation {}", invitation.id);
    audit::record(
        &txn,
        ctx,
        account.as_ref(),
        AuditAction::RoleChanged,
        Some(detail),
    )
    .await?;
    txn.commit().await?;
    Ok(Joined::Member(account))
}
