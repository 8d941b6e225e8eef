//! Submitting a consultation response: the address's slot, the response with its answers,
//! confirmation mail, running counts and trace token, all in one transaction that is committed
//! only when the response is new (a replay, a closed window or changed questions drop it, and
//! the slot with it). Six statements between `BEGIN` and `COMMIT`; the budget is checked by
//! `tests/e2e/query_budget_submissions.rs`.

use super::TraceToken;
use super::public_form::{PublicForm, Refusal};
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{consultation as texts, fill};
use chrono::NaiveDate;
use inspraak_domain::Email;
use inspraak_domain::consultation::{IdempotencyKey, ParsedResponse, ReceiptCode};
use inspraak_store::consultation::{self, Consultation, NewContact, NewResponse, SubmitOutcome};
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
        code: ReceiptCode,
        trace: String,
    },
    /// Stored before under this key: the same receipt, nothing new.
    Replayed {
        code: ReceiptCode,
    },
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
    let trace = TraceToken::new();
    let receipt = consultation::new_receipt_code();
    let erase_token = tokens::new_token();
    let erase_hash = tokens::hash_token(&erase_token);
    let mail = input
        .parsed
        .contact
        .as_ref()
        .map(|email| confirmation_mail(ctx, input, email, &receipt, &erase_token, &trace));
    let contact = input.parsed.contact.as_ref().map(|email| NewContact {
        email,
        erase_token_hash: &erase_hash,
        confirmation: mail.as_ref(),
        language: ctx.lang.into(),
    });
    let new = NewResponse {
        consultation: input.consultation.id,
        structure_version: input.consultation.structure_version,
        key: input.key,
        receipt: &receipt,
        answers: &input.parsed.answers,
        contact,
    };
    let txn = ctx.state.db.begin().await?;
    // Dropping `txn` without committing (every return but the stored one) rolls back the
    // slot too: only a request that stored something counts against the address.
    if let Err(refusal) = gate.reserve_in(&txn, input.client_address).await? {
        return Ok(ResponseOutcome::Refused(refusal));
    }
    let trace_hash = trace.hash();
    let outcome = consultation::submit_in(&txn, &new, Some(&trace_hash), ctx.now).await?;
    if let SubmitOutcome::Stored(_) = &outcome {
        txn.commit().await?;
    }
    Ok(match outcome {
        SubmitOutcome::Stored(receipt) => ResponseOutcome::Stored {
            code: receipt.code,
            trace: trace.into_token(),
        },
        SubmitOutcome::Replayed(receipt) => ResponseOutcome::Replayed { code: receipt.code },
        SubmitOutcome::NotOpen(_) => ResponseOutcome::NotOpen,
        SubmitOutcome::QuestionsChanged => ResponseOutcome::QuestionsChanged,
        SubmitOutcome::NotFound => ResponseOutcome::NotFound,
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
