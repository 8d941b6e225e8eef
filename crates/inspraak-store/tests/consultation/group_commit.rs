//! The group commit (`consultation::batch`): a queue written as one batch ends exactly as the
//! same queue written one response at a time — same outcome per response, same stored rows,
//! counts, running counts, address counts and mails — in a fixed number of statements.

use crate::*;
use inspraak_domain::Email;
use inspraak_domain::consultation::{ReceiptCode, WindowState};
use inspraak_store::consultation::batch::Written;
use inspraak_store::consultation::batch::{self, AddressLimit, QueuedContact, QueuedResponse};
use inspraak_store::outbox::NewMail;
use inspraak_store::testing::{TestDatabase, each_engine, row_counts};
use inspraak_store::throttle;

const LIMIT: u64 = 3;

fn limit(address: &str) -> AddressLimit {
    AddressLimit {
        bucket: format!("consultation:{address}"),
        limit: LIMIT,
        window: chrono::Duration::minutes(10),
    }
}

fn receipt(n: usize) -> ReceiptCode {
    // Distinct in each of the code's ten five-bit characters; the same on both databases.
    let mut bytes = [0u8; 10];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = ((n >> (5 * i)) & 31) as u8;
    }
    ReceiptCode::from_random(bytes)
}

fn queued(
    f: &Fixture,
    version: i32,
    n: usize,
    key_n: usize,
    address: &str,
    now: DateTime<Utc>,
) -> QueuedResponse {
    QueuedResponse {
        consultation: f.consultation,
        structure_version: version,
        key: key(key_n),
        receipt: receipt(n),
        answers: answers(f, n.is_multiple_of(2)),
        contact: None,
        trace_hash: format!("{n:064x}"),
        limit: limit(address),
        now,
    }
}

/// A queue with every case one batch can meet, in an order where they interact: three new
/// responses from one address (limit 3) and a fourth over it, a replay of a response stored
/// before, a double click inside the batch, a form parsed against old questions, one sent after
/// the deadline, one to a consultation that is not published, and one with an e-mail address.
fn mixed_queue(f: &Fixture, draft: ConsultationId, version: i32) -> Vec<QueuedResponse> {
    let now = during();
    let mut queue = vec![
        queued(f, version, 1, 1, "a", now),
        queued(f, version, 2, 100, "b", now), // replay of the response stored beforehand
        queued(f, version, 3, 2, "a", now),
        queued(f, version, 4, 1, "c", now), // the double click of the first
        queued(f, version - 1, 5, 3, "c", now),
        queued(f, version, 6, 4, "c", at(2026, 10, 2, 12, 0)),
        queued(f, version, 7, 5, "a", now),
        queued(f, version, 8, 6, "a", now), // the address's fourth: over its limit
        queued(f, version, 9, 7, "d", now),
        queued(f, version, 10, 8, "e", now),
    ];
    queue[8].consultation = draft;
    let email = Email::parse("deelnemer@example.org").unwrap();
    queue[9].contact = Some(QueuedContact {
        email: email.clone(),
        erase_token_hash: "e".repeat(64),
        confirmation: Some(NewMail {
            recipient: email,
            subject: "Bedankt".into(),
            body_text: "Je antwoorden zijn ontvangen.".into(),
            attachment: None,
            dedupe_key: None,
        }),
        language: inspraak_domain::Language::Dutch,
    });
    queue
}

fn without_id(written: &Written) -> String {
    match written {
        Written::Done(SubmitOutcome::Stored(r)) => format!("stored {} {}", r.code, r.submitted_at),
        Written::Done(SubmitOutcome::Replayed(r)) => {
            format!("replayed {} {}", r.code, r.submitted_at)
        }
        other => format!("{other:?}"),
    }
}

/// The same fixture and history on a database: one response stored under key 100 (address b).
async fn prepared(db: &Db) -> (Fixture, ConsultationId, i32) {
    let f = fixture(db).await;
    let draft = admin::insert(db.write(), f.process, &september(), during())
        .await
        .unwrap();
    let version = consultation::find(db.read(), f.consultation)
        .await
        .unwrap()
        .unwrap()
        .structure_version;
    let before = queued(&f, version, 0, 100, "b", during());
    let first = batch::write_one(db, &before).await.unwrap();
    assert!(matches!(first, Written::Done(SubmitOutcome::Stored(_))));
    (f, draft, version)
}

async fn state(db: &Db, f: &Fixture) -> impl PartialEq + std::fmt::Debug {
    let mut addresses = Vec::new();
    for address in ["a", "b", "c", "d", "e"] {
        let l = limit(address);
        let taken = throttle::taken(db.read(), &l.bucket, l.window, during())
            .await
            .unwrap();
        addresses.push(taken);
    }
    let tallies = consultation::responses::tallies(db.read(), f.consultation)
        .await
        .unwrap();
    let mut rows = row_counts(db).await.unwrap();
    // The throttle's bookkeeping rows may differ (a held slot that stayed at 0); their counts
    // are compared above.
    rows.remove("throttle_buckets");
    (response_count(db, f).await, tallies, addresses, rows)
}

#[tokio::test]
async fn a_batch_decides_and_stores_exactly_what_one_at_a_time_would() {
    each_engine(|t| async move {
        let (f, draft, version) = prepared(&t.db).await;
        let queue = mixed_queue(&f, draft, version);

        let single = TestDatabase::new(t.engine).await.unwrap();
        let (f1, draft1, version1) = prepared(&single.db).await;
        assert_eq!(
            (f1.consultation, draft1, version1),
            (f.consultation, draft, version)
        );
        let mut one_by_one = Vec::new();
        let before_single = single.db.statement_count();
        for q in &queue {
            one_by_one.push(batch::write_one(&single.db, q).await.unwrap());
        }
        let single_statements = single.db.statement_count() - before_single;

        let before_batch = t.db.statement_count();
        let batched: Vec<Written> = batch::write(&t.db, &queue)
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let batch_statements = t.db.statement_count() - before_batch;

        // The same outcomes; response ids compared by their receipt codes (on PostgreSQL a
        // rolled-back insert uses up a sequence number, so ids differ between the two ways).
        assert_eq!(
            batched.iter().map(without_id).collect::<Vec<_>>(),
            one_by_one.iter().map(without_id).collect::<Vec<_>>(),
            "{:?}",
            t.engine
        );
        // The cases really are all there.
        let stored = |o: &Written| matches!(o, Written::Done(SubmitOutcome::Stored(_)));
        assert_eq!(batched.iter().filter(|o| stored(o)).count(), 4);
        assert!(matches!(
            batched[1],
            Written::Done(SubmitOutcome::Replayed(_))
        ));
        assert!(matches!(
            batched[3],
            Written::Done(SubmitOutcome::Replayed(_))
        ));
        assert_eq!(batched[4], Written::Done(SubmitOutcome::QuestionsChanged));
        assert_eq!(
            batched[5],
            Written::Done(SubmitOutcome::NotOpen(WindowState::Closed))
        );
        assert_eq!(batched[7], Written::RateLimited);
        assert_eq!(batched[8], Written::Done(SubmitOutcome::NotFound));
        assert_eq!(
            state(&t.db, &f).await,
            state(&single.db, &f1).await,
            "{:?}",
            t.engine
        );
        // One batch: nine statements, and for the e-mail address its row, its mail and the
        // retention period; one by one at least six per response.
        assert!(
            batch_statements <= 12 && single_statements >= 40,
            "{:?}: batch {batch_statements}, one by one {single_statements}",
            t.engine
        );
    })
    .await;
}

/// A full batch from many addresses: one transaction, every count right.
#[tokio::test]
async fn a_batch_of_many_keeps_every_count_right() {
    each_engine(|t| async move {
        let (f, _, version) = prepared(&t.db).await;
        let queue: Vec<QueuedResponse> = (0..64)
            .map(|n| queued(&f, version, n + 1, n + 1, &format!("x{}", n % 40), during()))
            .collect();
        let before = t.db.statement_count();
        let written = batch::write(&t.db, &queue).await;
        let statements = t.db.statement_count() - before;
        let stored = written
            .iter()
            .filter(|w| matches!(w, Ok(Written::Done(SubmitOutcome::Stored(_)))))
            .count();
        assert_eq!(stored, 64, "{:?}: {written:?}", t.engine);
        assert_eq!(response_count(&t.db, &f).await, (65, 0));
        // Every answer of the 65 responses is in the running counts: 33 said yes (the even
        // ones and the one before), 32 no.
        assert_eq!(tally(&t.db, &f, f.question(1), "yes").await.0, 33);
        assert_eq!(tally(&t.db, &f, f.question(1), "no").await.0, 32);
        assert!(statements <= 10, "{:?}: {statements} statements", t.engine);
        // Addresses x0..x23 sent two each, the rest one.
        let l = limit("x0");
        let taken = throttle::taken(t.db.read(), &l.bucket, l.window, during())
            .await
            .unwrap();
        assert_eq!(taken, 2);
    })
    .await;
}

/// A response the database refuses (here an answer to a question that does not exist) fails
/// the batch's transaction; then every response is written alone, so only that one fails.
#[tokio::test]
async fn one_failing_response_does_not_fail_the_others() {
    each_engine(|t| async move {
        let (f, _, version) = prepared(&t.db).await;
        let mut queue: Vec<QueuedResponse> = (0..3)
            .map(|n| queued(&f, version, n + 1, n + 1, "y", during()))
            .collect();
        queue[1]
            .answers
            .push((QuestionId(i64::from(i32::MAX)), Answer::Choice(0)));
        let written = batch::write(&t.db, &queue).await;
        assert!(
            matches!(written[0], Ok(Written::Done(SubmitOutcome::Stored(_)))),
            "{:?}: {written:?}",
            t.engine
        );
        assert!(written[1].is_err(), "{:?}: {written:?}", t.engine);
        assert!(
            matches!(written[2], Ok(Written::Done(SubmitOutcome::Stored(_)))),
            "{:?}: {written:?}",
            t.engine
        );
        assert_eq!(response_count(&t.db, &f).await, (3, 0));
        let l = limit("y");
        let taken = throttle::taken(t.db.read(), &l.bucket, l.window, during())
            .await
            .unwrap();
        assert_eq!(taken, 2, "{:?}: the failed one does not count", t.engine);
    })
    .await;
}

/// Two batches written at the same time (on PostgreSQL: two writer tasks, or two instances)
/// whose double clicks went into both: keys 21 to 40 are in each, and the second batch lists
/// its keys backwards. Every key is stored once, its twin answers with the same receipt, and
/// the counts add up, whichever batch commits first.
#[tokio::test]
async fn concurrent_batches_sharing_double_clicks_store_each_key_once() {
    each_engine(|t| async move {
        let (f, _, version) = prepared(&t.db).await;
        let response = |n: usize| queued(&f, version, n, n, &format!("p{n}"), during());
        let first: Vec<QueuedResponse> = (1..=40).map(response).collect();
        let second: Vec<QueuedResponse> = (21..=60).rev().map(response).collect();
        let (a, b) = tokio::join!(batch::write(&t.db, &first), batch::write(&t.db, &second));
        let mut codes = std::collections::HashMap::new();
        let mut stored = 0;
        for (q, written) in first.iter().zip(&a).chain(second.iter().zip(&b)) {
            let receipt = match written {
                Ok(Written::Done(SubmitOutcome::Stored(r))) => {
                    stored += 1;
                    r
                }
                Ok(Written::Done(SubmitOutcome::Replayed(r))) => r,
                other => panic!("{:?}: {other:?}", t.engine),
            };
            let code = codes
                .entry(q.key.as_str().to_owned())
                .or_insert(receipt.code.clone());
            assert_eq!(*code, receipt.code, "{:?}: one receipt per key", t.engine);
        }
        assert_eq!(stored, 60, "{:?}", t.engine);
        assert_eq!(response_count(&t.db, &f).await, (61, 0), "{:?}", t.engine);
        let yes = tally(&t.db, &f, f.question(1), "yes").await.0;
        let no = tally(&t.db, &f, f.question(1), "no").await.0;
        assert_eq!(yes + no, 61, "{:?}", t.engine);
    })
    .await;
}
