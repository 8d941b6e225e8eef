//! Moderating ideas, forum comments and consultation responses, an idea's status (with the mail to a consenting
//! submitter), the idea settings of a process and forum invitations. Each flow is one
//! transaction that also writes its audit row; a hidden item keeps its reason, nothing is deleted.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::i18n::{Lang, fill, ideas as texts};
use chrono::Duration;
use inspraak_domain::ideas::{Explanation, IdeaStatus, Visibility};
use inspraak_domain::{
    ActionPointId, AuditAction, CommentId, ConsultationId, Email, IdeaId, Language, ResponseId,
    UserId,
};
use inspraak_store::consultation::responses;
use inspraak_store::ideas::{self, Idea, Settings, forum};
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::process::Process;
use inspraak_store::{StoreError, privacy, tokens};

/// How long a forum invitation link works.
pub const INVITATION_DAYS: i64 = 7;

/// An organiser's verdict on an idea or comment; hiding needs a reason (checked by the form).
pub struct Verdict {
    pub hide: bool,
    pub reason: Option<String>,
}

pub async fn save_settings(ctx: &Ctx, process: &Process, settings: Settings) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    ideas::save_settings(&txn, process.id, settings).await?;
    let detail = format!("process {} idea settings", process.id);
    audit::record(&txn, ctx, None, AuditAction::ProcessUpdated, Some(detail)).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn moderate_idea(
    ctx: &Ctx,
    moderator: UserId,
    process: &Process,
    idea: IdeaId,
    verdict: Verdict,
) -> WebResult<()> {
    let visibility = if verdict.hide {
        Visibility::Hidden
    } else {
        Visibility::Public
    };
    let txn = ctx.state.db.begin().await?;
    let reason = verdict.reason.as_deref();
    ideas::moderate(
        &txn, process.id, idea, visibility, reason, moderator, ctx.now,
    )
    .await?;
    let detail = format!("idea {idea} {}", visibility.as_str());
    audit::record(&txn, ctx, None, AuditAction::ContentModerated, Some(detail)).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn moderate_comment(ctx: &Ctx, comment: CommentId, verdict: Verdict) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    forum::moderate_comment(&txn, comment, verdict.hide, verdict.reason.as_deref()).await?;
    let shown = if verdict.hide { "hidden" } else { "kept" };
    let detail = format!("comment {comment} {shown}");
    audit::record(&txn, ctx, None, AuditAction::ContentModerated, Some(detail)).await?;
    txn.commit().await?;
    Ok(())
}

/// A new status of an idea, with its public explanation and, for "in the plan", its action point.
pub struct StatusChange {
    pub status: IdeaStatus,
    pub explanation: Explanation,
    pub action_point: Option<ActionPointId>,
}

pub enum StatusOutcome {
    Changed,
    /// The status needs an action point of this process and none (or a foreign one) was chosen.
    NeedsActionPoint,
}

/// Sets the status; a real change is mailed to a submitter who consented, in the language of
/// the page they sent the idea from, with a fresh "erase my data" link.
pub async fn set_idea_status(
    ctx: &Ctx,
    process: &Process,
    idea: &Idea,
    change: StatusChange,
) -> WebResult<StatusOutcome> {
    let StatusChange {
        status,
        explanation,
        action_point,
    } = change;
    let txn = ctx.state.db.begin().await?;
    let explained = explanation.as_deref();
    let contact = match ideas::set_status(
        &txn,
        process.id,
        idea.id,
        status,
        explained,
        action_point,
        ctx.now,
    )
    .await
    {
        Ok(contact) => contact,
        Err(StoreError::Conflict(_)) => return Ok(StatusOutcome::NeedsActionPoint),
        Err(other) => return Err(other.into()),
    };
    // Only a real change is news for the submitter.
    if let Some(to) = contact.filter(|_| status != idea.status || action_point != idea.action_point)
    {
        // Every mail to a participant carries "erase my data"; only the token's hash is stored.
        let erase_token = tokens::new_token();
        privacy::renew_idea_erase_token(&txn, idea.id, &tokens::hash_token(&erase_token)).await?;
        let mail = status_mail(ctx, process, idea, status, explained, &erase_token, to);
        outbox::enqueue(&txn, &mail, ctx.now).await?;
    }
    let detail = format!("idea {} status {}", idea.id, status.as_str());
    audit::record(&txn, ctx, None, AuditAction::ContentModerated, Some(detail)).await?;
    txn.commit().await?;
    Ok(StatusOutcome::Changed)
}

fn status_mail(
    ctx: &Ctx,
    process: &Process,
    idea: &Idea,
    status: IdeaStatus,
    explanation: Option<&str>,
    erase_token: &str,
    (to, language): (Email, Language),
) -> NewMail {
    // In the language of the page the idea was sent from.
    let lang = Lang::from(language);
    let t = texts::texts(lang);
    let base = &ctx.state.settings.base_url;
    let link = format!("{base}/processen/{}/ideeen/{}", process.slug, idea.id);
    let erase_link = format!("{base}/gegevens-wissen/{erase_token}");
    let title = idea.title.as_str();
    let mut body_text = fill(
        t.status_mail_body,
        &[
            ("title", title),
            ("status", texts::idea_status(lang, status)),
            ("explanation", explanation.unwrap_or("")),
            ("link", &link),
        ],
    );
    body_text += &fill(t.status_mail_erase, &[("link", &erase_link)]);
    NewMail {
        recipient: to,
        subject: fill(t.status_mail_subject, &[("title", title)]),
        body_text,
        attachment: None,
        dedupe_key: None,
    }
}

/// Invites an address to the forum: a single-use, expiring link (only its hash is stored),
/// mailed in the inviting organiser's language.
pub async fn invite(ctx: &Ctx, inviter: UserId, email: Email) -> WebResult<()> {
    let t = texts::texts(ctx.lang);
    let token = tokens::new_token();
    let expires = ctx.now + Duration::days(INVITATION_DAYS);
    let txn = ctx.state.db.begin().await?;
    let hash = tokens::hash_token(&token);
    let id = forum::invite(&txn, &email, &hash, inviter, ctx.now, expires).await?;
    let link = format!("{}/forum/uitnodiging/{token}", ctx.state.settings.base_url);
    let mail = NewMail {
        recipient: email,
        subject: t.invite_mail_subject.to_owned(),
        body_text: fill(t.invite_mail_body, &[("link", &link)]),
        attachment: None,
        dedupe_key: None,
    };
    outbox::enqueue(&txn, &mail, ctx.now).await?;
    let detail = format!("forum invitation {id} sent");
    audit::record(&txn, ctx, None, AuditAction::RoleChanged, Some(detail)).await?;
    txn.commit().await?;
    Ok(())
}

/// Hides a consultation response from the organiser's figures and exports (or shows it again).
/// Returns whether anything changed.
pub async fn set_response_hidden(
    ctx: &Ctx,
    consultation: ConsultationId,
    response: ResponseId,
    hidden: bool,
) -> WebResult<bool> {
    let txn = ctx.state.db.begin().await?;
    let changed = responses::set_hidden(&txn, consultation, response, hidden, ctx.now).await?;
    txn.commit().await?;
    Ok(changed)
}
