//! Asking to join the stakeholder forum (a public form, through `public_form`) and an
//! organiser's decision: accepting mails the usual forum invitation, declining mails a short
//! answer; both in the language the request was sent in, with an "erase my data" link, in the
//! transaction that records the decision and its audit row.

use super::public_form::{PublicForm, Refusal};
use crate::audit;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use crate::flows::moderation::INVITATION_DAYS;
use crate::i18n::{Lang, fill, forum_requests as texts, ideas as idea_texts};
use chrono::Duration;
use inspraak_domain::consultation::IdempotencyKey;
use inspraak_domain::ideas::JoinRequest;
use inspraak_domain::{AuditAction, Email};
use inspraak_store::ideas::forum;
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::users::User;
use inspraak_store::{StoreError, forum_requests, tokens};

pub enum RequestOutcome {
    /// Stored now, or stored before under this key: both thank the person.
    Received,
    Refused(Refusal),
}

pub async fn submit(
    ctx: &Ctx,
    gate: &PublicForm<'_>,
    request: &JoinRequest,
    key: &IdempotencyKey,
    client_address: &str,
) -> Result<RequestOutcome, WebError> {
    let slot = match gate.reserve(client_address).await? {
        Ok(slot) => slot,
        Err(refusal) => return Ok(RequestOutcome::Refused(refusal)),
    };
    let Some(once) = gate.first_use(key).await? else {
        // A replay stores nothing new: its slot does not count.
        slot.give_back(ctx).await?;
        return Ok(RequestOutcome::Received);
    };
    // The token itself is mailed with the decision (a new one then); only a hash is kept.
    let hash = tokens::hash_token(&tokens::new_token());
    let stored = forum_requests::submit(
        ctx.state.db.write(),
        request,
        ctx.lang.into(),
        &hash,
        ctx.now,
    )
    .await;
    if let Err(error) = stored {
        // Nothing stored: the key may be sent again and the slot does not count.
        once.give_back(ctx).await?;
        slot.give_back(ctx).await?;
        return Err(error.into());
    }
    Ok(RequestOutcome::Received)
}

pub enum Decided {
    Accepted,
    Declined,
    /// A colleague (or another tab) decided it a moment ago; nothing was sent.
    Already,
}

/// Accepts (mails the forum invitation) or declines (mails the answer) an open request.
pub async fn decide(ctx: &Ctx, by: &User, id: i64, accept: bool) -> WebResult<Decided> {
    let txn = ctx.state.db.begin().await?;
    let request = match forum_requests::decide(&txn, id, accept, by.id, ctx.now).await {
        Ok(request) => request,
        Err(StoreError::Conflict(_)) => return Ok(Decided::Already),
        Err(other) => return Err(other.into()),
    };
    let recipient = Email::parse(&request.email).map_err(|_| WebError::NotFound)?;
    let lang = Lang::from(request.language);
    let t = texts::texts(lang);
    let erase_token = tokens::new_token();
    forum_requests::renew_erase_token(&txn, id, &tokens::hash_token(&erase_token)).await?;
    let base = &ctx.state.settings.base_url;
    let erase = fill(
        t.mail_erase,
        &[("link", &format!("{base}/gegevens-wissen/{erase_token}"))],
    );
    let (subject, body) = if accept {
        let token = tokens::new_token();
        let expires = ctx.now + Duration::days(INVITATION_DAYS);
        let hash = tokens::hash_token(&token);
        forum::invite(&txn, &recipient, &hash, by.id, ctx.now, expires).await?;
        let it = idea_texts::texts(lang);
        let link = format!("{base}/forum/uitnodiging/{token}");
        (
            it.invite_mail_subject.to_owned(),
            fill(it.invite_mail_body, &[("link", &link)]),
        )
    } else {
        (t.decline_subject.to_owned(), t.decline_body.to_owned())
    };
    let mail = NewMail {
        recipient,
        subject,
        body_text: format!("{body}{erase}"),
        attachment: None,
        dedupe_key: Some(format!("forum-request:{id}")),
    };
    outbox::enqueue(&txn, &mail, ctx.now).await?;
    let verdict = if accept { "accepted" } else { "declined" };
    let detail = format!("forum request {id} {verdict}");
    let action = AuditAction::ForumRequestHandled;
    audit::record(&txn, ctx, Some(by), action, Some(detail)).await?;
    txn.commit().await?;
    Ok(if accept {
        Decided::Accepted
    } else {
        Decided::Declined
    })
}
