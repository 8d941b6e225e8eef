//! Storing a response: one transaction, idempotent under the form's key.
//!
//! Order of work, chosen so that every rule is the database's and nothing needs a retry:
//! 1. `INSERT … ON CONFLICT (consultation_id, idempotency_key) DO NOTHING`. No row inserted
//!    means this form was stored before (a double click, a refresh, a replay, or a concurrent
//!    twin that just committed): answer with that response's receipt.
//! 2. `UPDATE consultations SET response_count = response_count + 1 WHERE id = ? AND
//!    structure_version = ? AND status = 'published'`: takes the consultation's row, so
//!    submissions and question changes queue behind each other, and refuses a form parsed
//!    against questions that have since changed.
//! 3. Check the window on the row just locked; answers, the e-mail address (own table), the
//!    confirmation mail (outbox) and the running counts follow; commit.
//!
//! Any refusal after step 1 drops the transaction, so nothing of it is stored.

use super::{encode_keys, responses::add_to_tallies, to_consultation};
use crate::entities::consultation::{answers, consultations, contacts, responses};
use crate::outbox::{self, NewMail};
use crate::{StoreError, StoreResult, retention};
use chrono::{DateTime, Utc};
use inspraak_domain::consultation::{
    Answer, ConsultationStatus, IdempotencyKey, ReceiptCode, WindowState,
};
use inspraak_domain::time::local_date;
use inspraak_domain::{ConsultationId, Email, Language, QuestionId, ResponseId};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionSession,
    TransactionTrait,
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

fn to_receipt(model: &responses::Model) -> StoreResult<Receipt> {
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
    let Some(consultation) = consultations::Entity::find_by_id(new.consultation.0)
        .one(&txn)
        .await?
    else {
        return Ok(SubmitOutcome::NotFound);
    };

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
    .on_conflict(
        OnConflict::columns([
            responses::Column::ConsultationId,
            responses::Column::IdempotencyKey,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let stored = find_by_key(&txn, new.consultation, new.key)
        .await?
        .ok_or(StoreError::NotFound)?;
    if inserted == 0 {
        return Ok(SubmitOutcome::Replayed(to_receipt(&stored)?));
    }

    // 2. The consultation's row: same questions, still published.
    let counted = consultations::Entity::update_many()
        .col_expr(
            consultations::Column::ResponseCount,
            Expr::col(consultations::Column::ResponseCount).add(1),
        )
        .filter(consultations::Column::Id.eq(new.consultation.0))
        .filter(consultations::Column::StructureVersion.eq(new.structure_version))
        .filter(consultations::Column::Status.eq(ConsultationStatus::Published.as_str()))
        .exec(&txn)
        .await?;
    if counted.rows_affected == 0 {
        let current = to_consultation(consultation)?;
        // A draft is not public: as far as a visitor knows, it does not exist.
        return Ok(if current.is_published() {
            SubmitOutcome::QuestionsChanged
        } else {
            SubmitOutcome::NotFound
        });
    }

    // 3. The window, read from the row we now hold.
    let locked = consultations::Entity::find_by_id(new.consultation.0)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)
        .and_then(to_consultation)?;
    let state = locked.window.state(now);
    if state != WindowState::Open {
        return Ok(SubmitOutcome::NotOpen(state));
    }

    let response_id = stored.id;
    if !new.answers.is_empty() {
        let rows = new
            .answers
            .iter()
            .map(|(question, answer)| {
                let stored = answer.to_stored();
                Ok(answers::ActiveModel {
                    response_id: Set(response_id),
                    question_id: Set(question.0),
                    choice_keys: Set(encode_keys(&stored.keys)?),
                    text_value: Set(stored.text),
                    ..Default::default()
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        answers::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
    }

    if let Some(contact) = &new.contact {
        let days = retention::days_for(&txn, locked.process_id).await?;
        contacts::Entity::insert(contacts::ActiveModel {
            response_id: Set(response_id),
            email: Set(contact.email.as_str().to_owned()),
            consent_at: Set(now),
            erase_after: Set(days.erase_after(locked.window.closes_at())),
            erase_token_hash: Set(contact.erase_token_hash.to_owned()),
            language: Set(contact.language.code().to_owned()),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
        if let Some(mail) = contact.confirmation {
            outbox::enqueue(&txn, mail, now).await?;
        }
    }

    add_to_tallies(&txn, new.consultation, new.answers, 1).await?;
    txn.commit().await?;
    Ok(SubmitOutcome::Stored(to_receipt(&stored)?))
}

/// A receipt by its code, for the receipt page.
pub async fn find_receipt(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    code: &ReceiptCode,
) -> StoreResult<Option<Receipt>> {
    responses::Entity::find()
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .filter(responses::Column::ReceiptCode.eq(code.as_str()))
        .one(conn)
        .await?
        .as_ref()
        .map(to_receipt)
        .transpose()
}
