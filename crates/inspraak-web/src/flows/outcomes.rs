//! Publishing (or withdrawing) a consultation's outcome: one transaction that flips the flag,
//! writes the audit row and, on publishing, queues a mail to each consenting participant and to
//! the process's followers, and a digest notice for each address left with an idea of the process. Dedupe keys make a withdraw-and-publish-again send nothing twice.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::i18n::{Lang, fill, outcomes as texts};
use inspraak_domain::{AuditAction, Email};
use inspraak_store::consultation::Consultation;
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::outcomes;
use inspraak_store::process::Process;

/// Mails queued per page of recipients while publishing.
const MAIL_PAGE: u64 = 500;

/// Sets the outcome's publication; nothing happens (and nothing is mailed) when it already was so.
pub async fn publish(
    ctx: &Ctx,
    consultation: &Consultation,
    process: &Process,
    published: bool,
) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    if outcomes::set_published(&txn, consultation.id, published, ctx.now).await? {
        audit::record(
            &txn,
            ctx,
            None,
            AuditAction::ProcessPublicationChanged,
            Some(format!(
                "outcome of consultation {} {}",
                consultation.id,
                if published { "published" } else { "withdrawn" }
            )),
        )
        .await?;
        if published {
            queue_mail(&txn, ctx, consultation, process).await?;
            // Those who sent an idea in this process hear of it in their next daily digest
            // (with its unsubscribe link), once per address, unless the mail above reaches them.
            inspraak_store::traceability::notices::queue_outcome_for_ideas(
                &txn,
                process.id,
                consultation.id,
                ctx.now,
            )
            .await?;
            // Followers of the process hear of it too (once: the dedupe key is per outcome).
            let publication = crate::followers::Publication {
                key: format!("outcome:{}", consultation.id),
                title: &consultation.title.main,
                link: format!(
                    "{}/processen/{}/uitkomsten/{}",
                    ctx.state.settings.base_url, process.slug, consultation.id
                ),
            };
            if process.status.is_public() {
                crate::followers::notify(&txn, ctx, process, &publication).await?;
            }
        }
    }
    txn.commit().await?;
    Ok(())
}

/// One mail per consenting participant (of a visible response), in the publishing
/// transaction. The dedupe key makes a withdraw-and-publish-again send nothing twice.
async fn queue_mail(
    txn: &inspraak_store::DatabaseTransaction,
    ctx: &Ctx,
    consultation: &Consultation,
    process: &Process,
) -> WebResult<()> {
    let link = format!(
        "{}/processen/{}/uitkomsten/{}",
        ctx.state.settings.base_url.trim_end_matches('/'),
        process.slug,
        consultation.id
    );
    // Each participant in the language of the page they answered on.
    // The title in that language too, when the organiser wrote it.
    let content = Lang::from(ctx.state.settings.content_language);
    let mail_in = |lang: Lang| {
        let t = texts::texts(lang);
        let (title, _) = consultation.title.pick(lang != content);
        (
            fill(t.mail_subject, &[("title", title)]),
            fill(t.mail_body, &[("title", title), ("link", &link)]),
        )
    };
    let mut after = 0;
    loop {
        let batch = outcomes::recipients(txn, consultation.id, after, MAIL_PAGE).await?;
        let Some(last) = batch.last() else {
            break;
        };
        after = last.contact;
        for recipient in batch {
            let Ok(email) = Email::parse(&recipient.email) else {
                continue;
            };
            let lang: Lang = recipient.language.into();
            let (subject, body) = mail_in(lang);
            // Every mail to a participant carries "erase my data"; only the hash is stored.
            let erase_token = inspraak_store::tokens::new_token();
            let erase_link = format!(
                "{}/gegevens-wissen/{erase_token}",
                ctx.state.settings.base_url.trim_end_matches('/')
            );
            let erase_line = fill(texts::texts(lang).mail_erase, &[("link", &erase_link)]);
            let mail = NewMail {
                recipient: email,
                subject,
                body_text: body + &erase_line,
                attachment: None,
                dedupe_key: Some(format!("outcome-{}-{}", consultation.id, recipient.contact)),
            };
            // A withdrawn and republished outcome queues nothing new: the old link stays valid.
            if outbox::enqueue(txn, &mail, ctx.now).await?.is_some() {
                let erase_hash = inspraak_store::tokens::hash_token(&erase_token);
                inspraak_store::privacy::renew_contact_erase_token(
                    txn,
                    recipient.contact,
                    &erase_hash,
                )
                .await?;
            }
        }
    }
    Ok(())
}
