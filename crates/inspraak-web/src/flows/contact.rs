//! "Laat het ons weten": a visitor's message to the organisers. Through the public-form gate
//! (the contact table keeps no idempotency key, so the gate's `first_use` takes the key once);
//! stored for the queue in `/beheer/contact` and, when the installation has a contact address,
//! mailed there in the same transaction.

use super::public_form::{PublicForm, Refusal};
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{Lang, contact as texts, fill};
use inspraak_domain::consultation::IdempotencyKey;
use inspraak_domain::contact::NewContactMessage;
use inspraak_store::contact;
use inspraak_store::outbox::{self, NewMail};

pub enum ContactOutcome {
    /// Stored now, or under this key before (a double click): both thank the person.
    Received,
    Refused(Refusal),
}

pub async fn send(
    ctx: &Ctx,
    gate: &PublicForm<'_>,
    new: &NewContactMessage,
    key: &IdempotencyKey,
    client_address: &str,
) -> Result<ContactOutcome, WebError> {
    let slot = match gate.reserve(client_address).await? {
        Ok(slot) => slot,
        Err(refusal) => return Ok(ContactOutcome::Refused(refusal)),
    };
    let Some(once) = gate.first_use(key).await? else {
        // A replay stores nothing new: its slot does not count.
        slot.give_back(ctx).await?;
        return Ok(ContactOutcome::Received);
    };
    if let Err(error) = store(ctx, new).await {
        // Nothing stored: the key may be sent again and the slot does not count.
        once.give_back(ctx).await?;
        slot.give_back(ctx).await?;
        return Err(error);
    }
    Ok(ContactOutcome::Received)
}

async fn store(ctx: &Ctx, new: &NewContactMessage) -> Result<(), WebError> {
    let txn = ctx.state.db.begin().await?;
    let id = contact::insert(&txn, new, ctx.lang.into(), ctx.now).await?;
    if let Some(address) = &ctx.state.settings.house.contact.email {
        // Written for the organisation, in the language its own texts are in. A sent mail's
        // text is blanked by the outbox, so the copy of the message does not outlive the send.
        let t = texts::texts(Lang::from(ctx.state.settings.content_language));
        let link = format!(
            "{}/beheer/contact#bericht-{id}",
            ctx.state.settings.base_url.trim_end_matches('/')
        );
        let mail = NewMail {
            recipient: inspraak_domain::Email::parse(address)
                .map_err(|_| WebError::Internal("contact address".into()))?,
            subject: t.mail_subject.to_owned(),
            body_text: fill(
                t.mail_body,
                &[
                    ("name", new.name.as_deref().unwrap_or("-")),
                    ("email", new.email.as_str()),
                    ("message", new.message.as_str()),
                    ("link", &link),
                ],
            ),
            attachment: None,
            dedupe_key: Some(format!("contact-message:{id}")),
        };
        outbox::enqueue(&txn, &mail, ctx.now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// An organiser marks a message handled (its erasure comes forward), with an audit row. A
/// message a colleague handled a moment ago is left as it is.
pub async fn mark_handled(
    ctx: &Ctx,
    organiser: &inspraak_store::users::User,
    id: inspraak_domain::ContactMessageId,
) -> Result<(), WebError> {
    let txn = ctx.state.db.begin().await?;
    match contact::mark_handled(&txn, id, organiser.id, ctx.now).await {
        Ok(()) => {}
        Err(inspraak_store::StoreError::Conflict("handled")) => return Ok(()),
        Err(other) => return Err(other.into()),
    }
    let action = inspraak_domain::AuditAction::ContactMessageHandled;
    crate::audit::record(
        &txn,
        ctx,
        Some(organiser),
        action,
        Some(format!("contact {id}")),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
