//! Following a process by e-mail (double opt-in): reserve the address's slot, record the wish
//! and queue the confirmation mail in one transaction.

use super::public_form::{PublicForm, Refusal};
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{fill, publications as texts};
use inspraak_domain::Email;
use inspraak_domain::consultation::IdempotencyKey;
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::process::Process;
use inspraak_store::publications::{self, Frequency, SubscribeOutcome, Subscription};

pub struct FollowInput<'a> {
    pub process: &'a Process,
    pub email: &'a Email,
    pub frequency: Frequency,
    pub key: &'a IdempotencyKey,
    pub client_address: &'a str,
    /// The signed confirmation link of a subscription (made by the page family that serves it).
    pub confirm_link: &'a dyn Fn(&Subscription) -> String,
}

pub enum FollowOutcome {
    /// Asked to confirm by mail, or nothing to do: the page never tells which.
    CheckMail,
    Refused(Refusal),
}

pub async fn follow(
    ctx: &Ctx,
    gate: &PublicForm<'_>,
    input: &FollowInput<'_>,
) -> Result<FollowOutcome, WebError> {
    // Every request that reaches the work counts, whatever the address's state: giving the slot
    // back for a known address would tell who follows.
    if let Err(refusal) = gate.reserve(input.client_address).await? {
        return Ok(FollowOutcome::Refused(refusal));
    }
    let t = texts::texts(ctx.lang);
    let process = input.process;
    let txn = ctx.state.db.begin().await?;
    let outcome = publications::subscribe_in(
        &txn,
        process.id,
        input.email,
        input.frequency,
        ctx.lang.code(),
        ctx.now,
    )
    .await?;
    if let SubscribeOutcome::Confirm(subscription) = outcome {
        let link = (input.confirm_link)(&subscription);
        let mail = NewMail {
            recipient: input.email.clone(),
            subject: fill(t.mail_confirm_subject, &[("title", &process.title.main)]),
            body_text: format!(
                "{}\n{}",
                fill(
                    t.mail_confirm_body,
                    &[("title", &process.title.main), ("link", &link)],
                ),
                crate::follower_digest::erase_lines(&txn, &ctx.state, &subscription, ctx.now)
                    .await?
            ),
            attachment: None,
            // The same form sent twice (a double click) sends one mail.
            dedupe_key: Some(format!(
                "follow-confirm:{}:{}",
                subscription.id,
                input.key.as_str()
            )),
        };
        outbox::enqueue(&txn, &mail, ctx.now).await?;
    }
    txn.commit().await?;
    Ok(FollowOutcome::CheckMail)
}
