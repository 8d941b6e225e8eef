//! Storing a response: one transaction, idempotent under the form's key, in as few round trips
//! as the rules allow (each statement is a hand-off to the connection's thread and, on SQLite,
//! time holding the one writer; see `docs/benchmarks.md`, "Submissions in one trip").
//!
//! Order of work, chosen so that every rule is the database's and nothing needs a retry:
//! 1. `INSERT … ON CONFLICT (consultation_id, idempotency_key) DO NOTHING RETURNING id`. No row
//!    means this form was stored before (a double click, a refresh, a replay, or a concurrent
//!    twin that just committed): answer with that response's receipt (the one extra read,
//!    only on a replay).
//! 2. `UPDATE consultations SET response_count = response_count + 1 WHERE id = ? AND
//!    structure_version = ? AND status = 'published' RETURNING *`: takes the consultation's
//!    row, so submissions and question changes queue behind each other, refuses a form parsed
//!    against questions that have since changed, and returns the window to check. Only when it
//!    matched nothing is the consultation read, to tell a draft from changed questions.
//! 3. Answers (one multi-row insert), the e-mail address (own table) with the confirmation mail
//!    (outbox), the trace token's hash, and last the running counts (one upsert): every
//!    response updates the same counter rows, so on PostgreSQL their locks are held for one
//!    statement and the commit.
//!
//! [`submit_in`] leaves the transaction to its caller, who adds what belongs with the response
//! (its trace token, the address's throttle slot) and commits only a `Stored` outcome: any other
//! outcome drops the transaction, so nothing of it is stored.

use super::{answer_row, insert_answer_rows, responses::add_to_tallies, to_consultation};
use crate::entities::consultation::{consultations, contacts, responses};
use crate::outbox::{self, NewMail};
use crate::{StoreError, StoreResult, retention};
use chrono::{DateTime, Utc};
use inspraak_domain::consultation::{
    Answer, ConsultationStatus, IdempotencyKey, ReceiptCode, WindowState,
};
use inspraak_domain::time::local_date;
use inspraak_domain::traceability::Contribution;
use inspraak_domain::{ConsultationId, Email, Language, QuestionId, ResponseId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select, Set, TransactionSession,
    TransactionTrait, TryInsertResult,
};

/// A fresh random receipt code.
pub fn new_receipt_code() -> ReceiptCode {
    let mut bytes = [0u8; 10];
    // The OS random source failing is unrecoverable; there is no safe fallback.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
    ReceiptCode::from_random(bytes)
}

/// An e-mail address given with consent, and the confirmation mail to queue with it.
#[derive(Debug, Clone)]
pub struct NewContact<'a> {
    pub email: &'a Email,
    /// SHA-256 of the token in the "erase my data" link (see `tokens`).
    pub erase_token_hash: &'a str,
    pub confirmation: Option<&'a NewMail>,
    /// The language of later mails to this address (the published outcome, notices).
    pub language: Language,
}

/// A parsed form, ready to store.
#[derive(Debug, Clone)]
pub struct NewResponse<'a> {
    pub consultation: ConsultationId,
    /// The consultation's `structure_version` the form was parsed against.
    pub structure_version: i32,
    pub key: &'a IdempotencyKey,
    /// A fresh code ([`new_receipt_code`]); ignored on a replay, which returns the stored one.
    pub receipt: &'a ReceiptCode,
    pub answers: &'a [(QuestionId, Answer)],
    pub contact: Option<NewContact<'a>>,
}

/// What a stored response's receipt shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub response: ResponseId,
    pub code: ReceiptCode,
    pub submitted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitOutcome {
    /// Stored now.
    Stored(Receipt),
    /// Stored before under the same key; nothing new was written.
    Replayed(Receipt),
    /// Not taking answers at this moment: nothing stored.
    NotOpen(WindowState),
    /// The questions changed since the form was parsed: parse again and show the form.
    QuestionsChanged,
    /// No such consultation, or not published.
    NotFound,
}

pub(super) fn to_receipt(model: &responses::Model) -> StoreResult<Receipt> {
    let code = ReceiptCode::parse(&model.receipt_code).ok_or_else(|| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "response {} has a malformed receipt code",
            model.id
        )))
    })?;
    Ok(Receipt {
        response: ResponseId(model.id),
        code,
        submitted_at: model.submitted_at,
    })
}

async fn find_by_key(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    key: &IdempotencyKey,
) -> StoreResult<Option<responses::Model>> {
    Ok(responses::Entity::find()
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .filter(responses::Column::IdempotencyKey.eq(key.as_str()))
        .one(conn)
        .await?)
}

/// Stores a response in its own transaction (a savepoint when `db` is already one).
pub async fn submit(
    db: &impl TransactionTrait,
    new: &NewResponse<'_>,
    now: DateTime<Utc>,
) -> StoreResult<SubmitOutcome> {
    let txn = db.begin().await?;
    let outcome = submit_in(&txn, new, None, now).await?;
    if matches!(outcome, SubmitOutcome::Stored(_)) {
        txn.commit().await?;
    }
    Ok(outcome)
}

/// Stores a response in the caller's transaction (see the module comment): commit it only on
/// `Stored`. The consultation must exist (the caller loaded it). `trace_hash`: the hash of the
/// response's trace token, stored with it (before the running counts, see step 3).
pub async fn submit_in(
    txn: &(impl ConnectionTrait + TransactionSession),
    new: &NewResponse<'_>,
    trace_hash: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<SubmitOutcome> {
    // 1. The response row, once per key.
    let inserted = responses::Entity::insert(responses::ActiveModel {
        consultation_id: Set(new.consultation.0),
        idempotency_key: Set(new.key.as_str().to_owned()),
        receipt_code: Set(new.receipt.as_str().to_owned()),
        submitted_at: Set(now),
        submitted_on: Set(local_date(now)),
        hidden: Set(false),
        hidden_at: Set(None),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([
        responses::Column::ConsultationId,
        responses::Column::IdempotencyKey,
    ])
    .exec(txn)
    .await?;
    let response_id = match inserted {
        TryInsertResult::Inserted(result) => result.last_insert_id,
        TryInsertResult::Empty | TryInsertResult::Conflicted => {
            let stored = find_by_key(txn, new.consultation, new.key)
                .await?
                .ok_or(StoreError::NotFound)?;
            return Ok(SubmitOutcome::Replayed(to_receipt(&stored)?));
        }
    };

    // 2. The consultation's row: same questions, still published; its window comes back.
    let counted = consultations::Entity::update_many()
        .col_expr(
            consultations::Column::ResponseCount,
            // i64 as in the batch (`batch.rs`): one SQL text, one parameter type in the
            // prepared-statement cache of a PostgreSQL connection.
            Expr::col(consultations::Column::ResponseCount).add(1_i64),
        )
        .filter(consultations::Column::Id.eq(new.consultation.0))
        .filter(consultations::Column::StructureVersion.eq(new.structure_version))
        .filter(consultations::Column::Status.eq(ConsultationStatus::Published.as_str()))
        .exec_with_returning(txn)
        .await?;
    let Some(locked) = counted.into_iter().next() else {
        let Some(current) = consultations::Entity::find_by_id(new.consultation.0)
            .one(txn)
            .await?
        else {
            return Ok(SubmitOutcome::NotFound);
        };
        // A draft is not public: as far as a visitor knows, it does not exist.
        return Ok(if to_consultation(current)?.is_published() {
            SubmitOutcome::QuestionsChanged
        } else {
            SubmitOutcome::NotFound
        });
    };
    let locked = to_consultation(locked)?;
    let state = locked.window.state(now);
    if state != WindowState::Open {
        return Ok(SubmitOutcome::NotOpen(state));
    }

    // 3. What the response holds.
    let rows = new
        .answers
        .iter()
        .map(|(question, answer)| answer_row(response_id, *question, answer))
        .collect::<StoreResult<Vec<_>>>()?;
    insert_answer_rows(txn, rows).await?;

    if let Some(contact) = &new.contact {
        let days = retention::days_for(txn, locked.process_id).await?;
        let erase_after = days.erase_after(locked.window.closes_at());
        store_contact(txn, response_id, contact, erase_after, now).await?;
    }

    if let Some(hash) = trace_hash {
        let response = Contribution::Response(ResponseId(response_id));
        crate::traceability::trace::add(txn, response, hash, now).await?;
    }
    add_to_tallies(txn, new.consultation, new.answers, 1).await?;
    // What was inserted in step 1; no read back.
    Ok(SubmitOutcome::Stored(Receipt {
        response: ResponseId(response_id),
        code: new.receipt.clone(),
        submitted_at: now,
    }))
}

/// A response's e-mail address (its own table, erased after `erase_after`) and its
/// confirmation mail (the outbox), in the response's transaction.
pub(super) async fn store_contact(
    txn: &impl ConnectionTrait,
    response_id: i64,
    contact: &NewContact<'_>,
    erase_after: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    contacts::Entity::insert(contacts::ActiveModel {
        response_id: Set(response_id),
        email: Set(contact.email.as_str().to_owned()),
        consent_at: Set(now),
        erase_after: Set(erase_after),
        erase_token_hash: Set(contact.erase_token_hash.to_owned()),
        language: Set(contact.language.code().to_owned()),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await?;
    if let Some(mail) = contact.confirmation {
        outbox::enqueue(txn, mail, now).await?;
    }
    Ok(())
}

/// A receipt for the receipt page: the response by its id, when its code is this one (the
/// code proves the visitor sent it; the id only finds the row, by primary key).
pub async fn find_receipt(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    response: ResponseId,
    code: &ReceiptCode,
) -> StoreResult<Option<Receipt>> {
    let by_id = responses::Entity::find_by_id(response.0);
    receipt_among(conn, by_id, consultation, code).await
}

/// A receipt by its code alone, for addresses of the receipt page from before migration 000028
/// (`…/ontvangen/{code}`): only responses stored then are found, through the partial index
/// that holds only them (its condition is repeated here so both engines use it).
pub async fn find_receipt_by_code(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    code: &ReceiptCode,
) -> StoreResult<Option<Receipt>> {
    let old = responses::Entity::find().filter(Expr::col(responses::Column::ReceiptByCode));
    receipt_among(conn, old, consultation, code).await
}

async fn receipt_among(
    conn: &impl ConnectionTrait,
    candidates: Select<responses::Entity>,
    consultation: ConsultationId,
    code: &ReceiptCode,
) -> StoreResult<Option<Receipt>> {
    candidates
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .filter(responses::Column::ReceiptCode.eq(code.as_str()))
        .one(conn)
        .await?
        .as_ref()
        .map(to_receipt)
        .transpose()
}
