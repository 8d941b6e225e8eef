//! Group commit: many queued responses stored in one transaction of a fixed number of
//! statements, however many there are (issue #22, "a submission in one trip").
//!
//! The web app's response writer queues every consultation response and hands this module what
//! has queued up meanwhile. One response alone goes through [`write_one`]: the address's slot
//! and [`super::submit_in`], as before. Two or more go through one transaction that does per
//! batch what a single response does per response, so a busy moment costs about nine
//! statements per batch instead of six per response (and on SQLite the one writer is held that
//! much shorter):
//!
//! 1. the address slots of every response (`throttle::hold_many`, rows taken in key order);
//! 2. replays: the stored responses with any of the batch's keys (one read);
//! 3. the consultations (one read);
//! 4. in memory, in queue order, exactly what one response at a time would decide: over the
//!    address's limit, a replay, not published, changed questions, not open, or stored — and
//!    only a stored response counts against its address;
//! 5. the new responses (one multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING`), answers
//!    and trace tokens, one statement each; an e-mail address and its confirmation mail go per
//!    response (rare); then each consultation's counter (`UPDATE … WHERE structure_version = ?
//!    AND status = 'published' RETURNING`), the running counts and the addresses' new counts.
//!
//! Locks are taken in the order the single path takes them (address slot, response key,
//! consultation, running counts), so a batch on one instance and a single response on another
//! cannot deadlock; keys are inserted in sorted order, so two batches cannot lock each other's
//! keys crosswise either. The rows every response shares (the consultation's counter, the
//! running counts) are locked last, so on PostgreSQL concurrent batches (several writers, or
//! several instances) wait for each other only for the end of a transaction. If the database
//! changed between the reads and the locks (an organiser changed the questions, a twin of a
//! response was committed by another instance), the batch is rolled back and every response is
//! written alone instead: correctness never rests on the reads. The same happens on any database error, so one bad response cannot fail the others.
//! A key that occurs twice in one batch (a double click) answers with the first one's receipt
//! when that one is stored, as a replay would.

use super::submit::{NewContact, NewResponse, Receipt, SubmitOutcome, store_contact, submit_in};
use super::{answer_row, insert_answer_rows, responses::add_many_to_tallies, to_consultation};
use crate::entities::consultation::{consultations, responses};
use crate::outbox::NewMail;
use crate::{Db, StoreError, StoreResult, retention, throttle};
use chrono::{DateTime, Utc};
use inspraak_domain::consultation::{
    Answer, ConsultationStatus, IdempotencyKey, ReceiptCode, WindowState,
};
use inspraak_domain::time::local_date;
use inspraak_domain::traceability::Contribution;
use inspraak_domain::{ConsultationId, Email, Language, ProcessId, QuestionId, ResponseId};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// A response waiting for the writer: everything the request parsed and prepared, owned.
#[derive(Debug, Clone)]
pub struct QueuedResponse {
    pub consultation: ConsultationId,
    /// The consultation's `structure_version` the form was parsed against.
    pub structure_version: i32,
    pub key: IdempotencyKey,
    /// A fresh code (`new_receipt_code`); a replay answers with the stored one.
    pub receipt: ReceiptCode,
    pub answers: Vec<(QuestionId, Answer)>,
    pub contact: Option<QueuedContact>,
    /// SHA-256 of the response's trace token.
    pub trace_hash: String,
    pub limit: AddressLimit,
    /// The request's time: when the response counts as sent.
    pub now: DateTime<Utc>,
}

/// An e-mail address given with consent, with its confirmation mail.
#[derive(Debug, Clone)]
pub struct QueuedContact {
    pub email: Email,
    pub erase_token_hash: String,
    pub confirmation: Option<NewMail>,
    pub language: Language,
}

/// The per-address limit a response counts against (the key is hashed by the caller).
#[derive(Debug, Clone)]
pub struct AddressLimit {
    pub bucket: String,
    pub limit: u64,
    pub window: chrono::Duration,
}

/// What became of one queued response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Done(SubmitOutcome),
    /// The address sent its limit of responses lately: nothing stored, nothing counted.
    RateLimited,
}

impl QueuedResponse {
    fn as_new(&self) -> NewResponse<'_> {
        NewResponse {
            consultation: self.consultation,
            structure_version: self.structure_version,
            key: &self.key,
            receipt: &self.receipt,
            answers: &self.answers,
            contact: self.contact.as_ref().map(|c| NewContact {
                email: &c.email,
                erase_token_hash: &c.erase_token_hash,
                confirmation: c.confirmation.as_ref(),
                language: c.language,
            }),
        }
    }

    fn same_key(&self, consultation: i64, key: &str) -> bool {
        self.consultation.0 == consultation && self.key.as_str() == key
    }
}

/// Writes queued responses and says, per response in the same order, what became of it.
pub async fn write(db: &Db, queued: &[QueuedResponse]) -> Vec<StoreResult<Written>> {
    if queued.len() > 1 {
        match write_many(db, queued).await {
            Ok(Some(done)) => return done.into_iter().map(Ok).collect(),
            Ok(None) => {}
            Err(error) => {
                tracing::warn!(%error, size = queued.len(), "group commit failed; writing one by one");
            }
        }
    }
    let mut results = Vec::with_capacity(queued.len());
    for q in queued {
        results.push(write_one(db, q).await);
    }
    results
}

/// One response in its own transaction: the address's slot first, then the response; committed
/// only when stored, so a refusal, a replay or a closed window leaves the slot untaken.
pub async fn write_one(db: &Db, queued: &QueuedResponse) -> StoreResult<Written> {
    let txn = db.begin().await?;
    let limit = &queued.limit;
    let slot = throttle::take(&txn, &limit.bucket, limit.window, queued.now).await?;
    if !slot.within(limit.limit) {
        return Ok(Written::RateLimited);
    }
    let outcome = submit_in(&txn, &queued.as_new(), Some(&queued.trace_hash), queued.now).await?;
    if let SubmitOutcome::Stored(_) = &outcome {
        txn.commit().await?;
    }
    Ok(Written::Done(outcome))
}

/// What step 4 decided for one queued response.
enum Decision {
    Final(Written),
    /// To store: the index of its row among the new ones.
    New(usize),
    /// The same key as an earlier response of the batch that is being stored (a double click):
    /// that one's receipt.
    TwinOf(usize),
}

/// The batch (see the module comment); `None` when the database changed under it and it was
/// rolled back.
async fn write_many(db: &Db, batch: &[QueuedResponse]) -> StoreResult<Option<Vec<Written>>> {
    let txn = db.begin().await?;
    match decide_and_write(&txn, batch).await {
        Ok(Some(written)) => {
            txn.commit().await?;
            Ok(Some(written))
        }
        // Rolled back before the responses are written one by one: on PostgreSQL its locks
        // (address slots, keys, the consultation) must be free for them.
        other => {
            txn.rollback().await?;
            other
        }
    }
}

async fn decide_and_write(
    txn: &DatabaseTransaction,
    batch: &[QueuedResponse],
) -> StoreResult<Option<Vec<Written>>> {
    // 1. Address slots, per window length (one in practice: all are consultation responses).
    let mut held: HashMap<String, u64> = HashMap::new();
    let mut windows: Vec<chrono::Duration> = batch.iter().map(|q| q.limit.window).collect();
    windows.sort_unstable();
    windows.dedup();
    for window in windows {
        let keys: Vec<(&str, DateTime<Utc>)> = batch
            .iter()
            .filter(|q| q.limit.window == window)
            .map(|q| (q.limit.bucket.as_str(), q.now))
            .collect();
        held.extend(throttle::hold_many(txn, &keys, window).await?);
    }

    // 2. Replays, and 3. the consultations.
    let ids: Vec<i64> = distinct(batch.iter().map(|q| q.consultation.0));
    let stored = stored_with_keys(txn, batch, &ids).await?;
    let mut consultations = HashMap::new();
    for model in consultations::Entity::find()
        .filter(consultations::Column::Id.is_in(ids))
        .all(txn)
        .await?
    {
        consultations.insert(model.id, to_consultation(model)?);
    }

    // 4. Decide, in queue order, as one response at a time would (a double click of a
    //    response stored earlier in the batch finds it, like a replay).
    let mut decisions: Vec<Decision> = Vec::with_capacity(batch.len());
    let mut new: Vec<&QueuedResponse> = Vec::new();
    let mut taken: HashMap<&str, u64> = HashMap::new();
    for q in batch {
        let bucket = q.limit.bucket.as_str();
        let hits = held.get(bucket).copied().unwrap_or(0) + taken.get(bucket).copied().unwrap_or(0);
        if hits + 1 > q.limit.limit {
            decisions.push(Decision::Final(Written::RateLimited));
            continue;
        }
        if let Some(model) = stored
            .iter()
            .find(|m| q.same_key(m.consultation_id, &m.idempotency_key))
        {
            let receipt = super::submit::to_receipt(model)?;
            decisions.push(Decision::Final(Written::Done(SubmitOutcome::Replayed(
                receipt,
            ))));
            continue;
        }
        if let Some(twin) = new
            .iter()
            .position(|n| q.same_key(n.consultation.0, n.key.as_str()))
        {
            decisions.push(Decision::TwinOf(twin));
            continue;
        }
        let refusal = match consultations.get(&q.consultation.0) {
            None => Some(SubmitOutcome::NotFound),
            Some(c) if !c.is_published() => Some(SubmitOutcome::NotFound),
            Some(c) if c.structure_version != q.structure_version => {
                Some(SubmitOutcome::QuestionsChanged)
            }
            Some(c) => match c.window.state(q.now) {
                WindowState::Open => None,
                state => Some(SubmitOutcome::NotOpen(state)),
            },
        };
        if let Some(outcome) = refusal {
            decisions.push(Decision::Final(Written::Done(outcome)));
            continue;
        }
        *taken.entry(bucket).or_default() += 1;
        decisions.push(Decision::New(new.len()));
        new.push(q);
    }
    if new.is_empty() {
        // Nothing to store; nothing was changed (held slots only started new windows at 0).
        return Ok(Some(
            decisions
                .into_iter()
                .map(|d| match d {
                    Decision::Final(written) => written,
                    // Cannot happen without a new response.
                    Decision::New(_) | Decision::TwinOf(_) => {
                        Written::Done(SubmitOutcome::NotFound)
                    }
                })
                .collect(),
        ));
    }

    // 5. Write. The consultation's counter and the running counts last: on PostgreSQL their
    //    rows are what concurrent writers wait for, so they are locked for the end of the
    //    transaction only (see `response_writer`).
    let ids = insert_responses(txn, &new).await?;
    if ids.len() != new.len() {
        // A twin committed meanwhile (another instance): let the single path answer it.
        return Ok(None);
    }
    let with_ids: Vec<(&QueuedResponse, i64)> = new
        .iter()
        .map(|q| {
            let id = ids
                .get(&(q.consultation.0, q.key.as_str().to_owned()))
                .copied();
            id.map(|id| (*q, id)).ok_or(StoreError::NotFound)
        })
        .collect::<StoreResult<_>>()?;
    insert_answers(txn, &with_ids).await?;
    insert_contacts(txn, &consultations, &with_ids).await?;
    crate::traceability::trace::add_many(
        txn,
        with_ids.iter().map(|(q, id)| {
            let response = Contribution::Response(ResponseId(*id));
            (response, q.trace_hash.as_str(), q.now)
        }),
    )
    .await?;
    for id in distinct(new.iter().map(|q| q.consultation.0)) {
        let group: Vec<&QueuedResponse> = new
            .iter()
            .copied()
            .filter(|q| q.consultation.0 == id)
            .collect();
        let Some(version) = group.first().map(|q| q.structure_version) else {
            continue;
        };
        let count = i64::try_from(group.len()).unwrap_or(i64::MAX);
        let counted = consultations::Entity::update_many()
            .col_expr(
                consultations::Column::ResponseCount,
                Expr::col(consultations::Column::ResponseCount).add(count),
            )
            .filter(consultations::Column::Id.eq(id))
            .filter(consultations::Column::StructureVersion.eq(version))
            .filter(consultations::Column::Status.eq(ConsultationStatus::Published.as_str()))
            .exec_with_returning(txn)
            .await?;
        let still_open = match counted.into_iter().next() {
            Some(locked) => {
                let locked = to_consultation(locked)?;
                group
                    .iter()
                    .all(|q| locked.window.state(q.now) == WindowState::Open)
            }
            None => false,
        };
        if !still_open {
            return Ok(None);
        }
    }
    add_many_to_tallies(
        txn,
        with_ids
            .iter()
            .map(|(q, _)| (q.consultation, q.answers.as_slice())),
        1,
    )
    .await?;
    let counts: Vec<(&str, u64)> = taken.iter().map(|(k, n)| (*k, *n)).collect();
    throttle::add_many(txn, &counts).await?;

    let receipt = |index: usize| {
        with_ids.get(index).map(|(q, id)| Receipt {
            response: ResponseId(*id),
            code: q.receipt.clone(),
            submitted_at: q.now,
        })
    };
    let mut written = Vec::with_capacity(decisions.len());
    for decision in decisions {
        written.push(match decision {
            Decision::Final(written) => written,
            Decision::New(index) => Written::Done(SubmitOutcome::Stored(
                receipt(index).ok_or(StoreError::NotFound)?,
            )),
            Decision::TwinOf(index) => Written::Done(SubmitOutcome::Replayed(
                receipt(index).ok_or(StoreError::NotFound)?,
            )),
        });
    }
    Ok(Some(written))
}

/// The stored responses with any of the batch's keys (replays), by the unique index on
/// (consultation, key). On PostgreSQL one index lookup per key, written so: on a table not
/// analysed yet (a new site's first minutes, or autovacuum behind a rush) the planner expected
/// a few rows for the consultation, took the (consultation, id) index and filtered every
/// response of the consultation by key (27 ms of a 51 ms batch at 37,000 responses;
/// `EXPLAIN` before and after `ANALYZE` in `docs/benchmarks.md`). SQLite's planner takes the
/// unique index for the `IN` lists.
async fn stored_with_keys(
    txn: &DatabaseTransaction,
    batch: &[QueuedResponse],
    ids: &[i64],
) -> StoreResult<Vec<responses::Model>> {
    if txn.get_database_backend() != sea_orm::DbBackend::Postgres {
        let keys: Vec<&str> = batch.iter().map(|q| q.key.as_str()).collect();
        return Ok(responses::Entity::find()
            .filter(responses::Column::ConsultationId.is_in(ids.to_vec()))
            .filter(responses::Column::IdempotencyKey.is_in(keys))
            .all(txn)
            .await?);
    }
    let mut values: Vec<sea_orm::Value> = Vec::with_capacity(batch.len() * 2);
    let mut rows = Vec::with_capacity(batch.len());
    for (n, q) in batch.iter().enumerate() {
        rows.push(format!("(${}::bigint, ${}::text)", 2 * n + 1, 2 * n + 2));
        values.push(q.consultation.0.into());
        values.push(q.key.as_str().into());
    }
    let sql = format!(
        "SELECT r.* FROM (VALUES {}) AS k (consultation_id, idempotency_key) \
         CROSS JOIN LATERAL (SELECT * FROM consultation_responses AS s \
         WHERE s.consultation_id = k.consultation_id \
         AND s.idempotency_key = k.idempotency_key) AS r",
        rows.join(", ")
    );
    let statement =
        sea_orm::Statement::from_sql_and_values(sea_orm::DbBackend::Postgres, sql, values);
    Ok(responses::Entity::find()
        .from_raw_sql(statement)
        .all(txn)
        .await?)
}

fn distinct(values: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut values: Vec<i64> = values.collect();
    values.sort_unstable();
    values.dedup();
    values
}

/// The new responses in one statement; their ids by (consultation, key). A key that conflicted
/// (a twin stored meanwhile) is missing from the map.
async fn insert_responses(
    txn: &impl ConnectionTrait,
    new: &[&QueuedResponse],
) -> StoreResult<HashMap<(i64, String), i64>> {
    use responses::Column as C;
    // In key order: two batches holding a key the other is inserting (a double click whose
    // two requests went into different batches) would otherwise wait for each other.
    let mut new = new.to_vec();
    new.sort_unstable_by(|a, b| {
        (a.consultation.0, a.key.as_str()).cmp(&(b.consultation.0, b.key.as_str()))
    });
    let mut insert = Query::insert();
    insert.into_table(responses::Entity).columns([
        C::ConsultationId,
        C::IdempotencyKey,
        C::ReceiptCode,
        C::SubmittedAt,
        C::SubmittedOn,
        C::Hidden,
    ]);
    for q in &new {
        insert
            .values([
                q.consultation.0.into(),
                q.key.as_str().into(),
                q.receipt.as_str().into(),
                q.now.into(),
                local_date(q.now).into(),
                false.into(),
            ])
            .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
    }
    insert.on_conflict(
        OnConflict::columns([C::ConsultationId, C::IdempotencyKey])
            .do_nothing()
            .to_owned(),
    );
    insert.returning(Query::returning().columns([C::Id, C::ConsultationId, C::IdempotencyKey]));
    let statement = txn.get_database_backend().build(&insert);
    let mut ids = HashMap::new();
    for row in txn.query_all_raw(statement).await? {
        let id: i64 = row.try_get("", "id")?;
        let consultation: i64 = row.try_get("", "consultation_id")?;
        let key: String = row.try_get("", "idempotency_key")?;
        ids.insert((consultation, key), id);
    }
    Ok(ids)
}

async fn insert_answers(
    txn: &impl ConnectionTrait,
    with_ids: &[(&QueuedResponse, i64)],
) -> StoreResult<()> {
    let mut rows = Vec::new();
    for (q, id) in with_ids {
        for (question, answer) in &q.answers {
            rows.push(answer_row(*id, *question, answer)?);
        }
    }
    insert_answer_rows(txn, rows).await
}

/// E-mail addresses with their confirmation mails, per response (few give one).
async fn insert_contacts(
    txn: &impl ConnectionTrait,
    consultations: &HashMap<i64, super::Consultation>,
    with_ids: &[(&QueuedResponse, i64)],
) -> StoreResult<()> {
    let mut days = HashMap::<ProcessId, inspraak_domain::retention::RetentionDays>::new();
    for (q, id) in with_ids {
        let (Some(contact), Some(consultation)) =
            (q.as_new().contact, consultations.get(&q.consultation.0))
        else {
            continue;
        };
        let process = consultation.process_id;
        let kept = match days.get(&process) {
            Some(kept) => *kept,
            None => {
                let kept = retention::days_for(txn, process).await?;
                days.insert(process, kept);
                kept
            }
        };
        let erase_after = kept.erase_after(consultation.window.closes_at());
        store_contact(txn, *id, &contact, erase_after, q.now).await?;
    }
    Ok(())
}
