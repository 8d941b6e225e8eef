//! Submitting a consultation response: the request prepares everything (receipt code, trace
//! token, confirmation mail, the address's limit) and hands it to the group-commit writer
//! (`response_writer`), which stores it, with whatever else is queued, in one transaction:
//! the address's slot, the response with its answers, e-mail address and mail, running counts
//! and trace token, committed only when the response is new (a replay, a closed window or
//! changed questions store nothing and leave the slot untaken). Alone, six statements between
//! `BEGIN` and `COMMIT`; the budget is checked by `tests/e2e/query_budget_submissions.rs`.

use super::TraceToken;
use super::public_form::{PublicForm, Refusal};
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{consultation as texts, fill};
use chrono::NaiveDate;
use inspraak_domain::Email;
use inspraak_domain::consultation::{IdempotencyKey, ParsedResponse, ReceiptCode};
use inspraak_store::consultation::batch::{QueuedContact, QueuedResponse, Written};
use inspraak_store::consultation::{self, Consultation, Receipt, SubmitOutcome};
use inspraak_store::outbox::NewMail;
use inspraak_store::tokens;

/// A parsed response to one open consultation.
pub struct ResponseInput<'a> {
    pub consultation: &'a Consultation,
    /// When the address (if given) is erased; said in the confirmation mail.
    pub erase_by: NaiveDate,
    pub key: &'a IdempotencyKey,
    pub parsed: &'a ParsedResponse,
    pub client_address: &'a str,
}

pub enum ResponseOutcome {
    /// Stored now; the trace token is shown once on the receipt (and mailed).
    Stored {
        receipt: Receipt,
        trace: String,
    },
    /// Stored before under this key: the same receipt, nothing new.
    Replayed(Receipt),
    /// The window closed (or has not opened) meanwhile.
    NotOpen,
    /// The questions changed since the form was parsed.
    QuestionsChanged,
    NotFound,
    Refused(Refusal),
}

pub async fn submit_response(
    ctx: &Ctx,
    gate: &PublicForm<'_>,
    input: &ResponseInput<'_>,
) -> Result<ResponseOutcome, WebError> {
    let trace = TraceToken::new(ctx.now);
    let receipt = consultation::new_receipt_code();
    let erase_token = tokens::new_token();
    let erase_hash = tokens::hash_token(&erase_token);
    let mail = input
        .parsed
        .contact
        .as_ref()
        .map(|email| confirmation_mail(ctx, input, email, &receipt, &erase_token, &trace));
    let queued = QueuedResponse {
        consultation: input.consultation.id,
        structure_version: input.consultation.structure_version,
        key: input.key.clone(),
        receipt: receipt.clone(),
        answers: input.parsed.answers.clone(),
        contact: input.parsed.contact.as_ref().map(|email| QueuedContact {
            email: email.clone(),
            erase_token_hash: erase_hash,
            confirmation: mail,
            language: ctx.lang.into(),
        }),
        trace_hash: trace.hash(),
        limit: gate.address_limit(input.client_address),
        now: ctx.now,
    };
    // The writer stores it with whatever else is queued (`response_writer`); a refusal, a
    // replay or a closed window stores nothing and leaves the address's slot untaken.
    Ok(match ctx.state.responses.write(queued).await? {
        Written::RateLimited => ResponseOutcome::Refused(Refusal::RateLimited),
        Written::Done(SubmitOutcome::Stored(receipt)) => ResponseOutcome::Stored {
            receipt,
            trace: trace.into_token(),
        },
        Written::Done(SubmitOutcome::Replayed(receipt)) => ResponseOutcome::Replayed(receipt),
        Written::Done(SubmitOutcome::NotOpen(_)) => ResponseOutcome::NotOpen,
        Written::Done(SubmitOutcome::QuestionsChanged) => ResponseOutcome::QuestionsChanged,
        Written::Done(SubmitOutcome::NotFound) => ResponseOutcome::NotFound,
    })
}

fn confirmation_mail(
    ctx: &Ctx,
    input: &ResponseInput<'_>,
    email: &Email,
    code: &ReceiptCode,
    erase_token: &str,
    trace: &TraceToken,
) -> NewMail {
    let t = texts::texts(ctx.lang);
    let link = format!(
        "{}/gegevens-wissen/{erase_token}",
        ctx.state.settings.base_url
    );
    // The mail is in the page's language: the title in it too, when the organiser wrote it.
    let (title, _) = input.consultation.title.pick(ctx.content_lang().is_some());
    NewMail {
        recipient: email.clone(),
        subject: fill(t.mail_subject, &[("title", title)]),
        body_text: fill(
            t.mail_body,
            &[
                ("title", title),
                ("code", code.as_str()),
                ("date", &ctx.lang.date(input.erase_by)),
                ("link", &link),
            ],
        ) + &trace.mail_line(ctx),
        attachment: None,
        dedupe_key: None,
    }
}
