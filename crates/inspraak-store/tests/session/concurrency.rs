//! No overbooking under concurrency: the guarantee is the database's, not a lock in this
//! process, so it also holds for two app instances (two pools) on one PostgreSQL.

use crate::support::*;
use inspraak_domain::session::RegistrationState;
use inspraak_store::session::{self, CancelOutcome, ConfirmOutcome};
use inspraak_store::testing::{Engine, each_engine};
use inspraak_store::{Db, Durability, TransactionTrait};
use std::sync::Arc;
use tokio::sync::Semaphore;

const PEOPLE: usize = 2_000;
const SEATS: &str = "100";

/// An app instance: its pool, and a queue of 16 in front of it. All tasks start at once and wait
/// their turn as requests would, without the pool's 30-second acquire timeout failing the slow
/// end of a 2,000-strong queue on a busy machine, and without two instances plus parallel tests
/// running into PostgreSQL's `max_connections` (100 by default).
#[derive(Clone)]
struct Instance {
    db: Db,
    queue: Arc<Semaphore>,
}

impl Instance {
    fn new(db: Db) -> Self {
        Self {
            db,
            queue: Arc::new(Semaphore::new(16)),
        }
    }
}

async fn confirm_on(instance: Instance, mailer: Arc<TestMailer>, token: String) -> ConfirmOutcome {
    let _turn = instance.queue.acquire().await.unwrap();
    let db = instance.db;
    let txn = db.write().begin().await.unwrap();
    let outcome = session::confirm(&txn, mailer.as_ref(), &token, now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    outcome
}

/// Signs up `PEOPLE` addresses, then confirms them all at once from tokio tasks spread over
/// `pools` (one per app instance).
async fn stampede(pools: Vec<Db>) -> (session::Session, Vec<ConfirmOutcome>) {
    let db = pools[0].clone();
    let pools: Vec<Instance> = pools.into_iter().map(Instance::new).collect();
    let mailer = Arc::new(TestMailer::default());
    let process = published_process(&db, "Actieplan 2026").await;
    let session = session(&db, process, SEATS).await;
    let started = std::time::Instant::now();
    // Signing up in parallel too: different rows, so PostgreSQL commits them in groups.
    let mut signups = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        let (instance, mailer, session) = (pools[0].clone(), mailer.clone(), session.clone());
        signups.push(tokio::spawn(async move {
            let _turn = instance.queue.acquire().await.unwrap();
            sign_up(&instance.db, &mailer, &session, &format!("p{i}@example.nl")).await;
        }));
    }
    for signup in signups {
        signup.await.unwrap();
    }
    let tokens: Vec<String> = (0..PEOPLE)
        .map(|i| mailer.confirm_token(&format!("p{i}@example.nl")))
        .collect();
    eprintln!("{PEOPLE} signed up in {:?}", started.elapsed());
    let started = std::time::Instant::now();
    let mut tasks = Vec::with_capacity(PEOPLE);
    for (i, token) in tokens.into_iter().enumerate() {
        let pool = pools[i % pools.len()].clone();
        tasks.push(tokio::spawn(confirm_on(pool, mailer.clone(), token)));
    }
    let mut outcomes = Vec::with_capacity(PEOPLE);
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    eprintln!("{PEOPLE} confirmed in {:?}", started.elapsed());
    (find(&db, session.id).await, outcomes)
}

async fn assert_exactly_full(db: &Db, session: &session::Session, outcomes: &[ConfirmOutcome]) {
    let confirmed = outcomes
        .iter()
        .filter(|o| matches!(o, ConfirmOutcome::Confirmed(_)))
        .count();
    let waitlisted = outcomes
        .iter()
        .filter(|o| matches!(o, ConfirmOutcome::Waitlisted(_)))
        .count();
    assert_eq!((confirmed, waitlisted), (100, PEOPLE - 100));
    assert_eq!(session.seats_taken, 100);
    let counts = session::registration_counts(db.read(), session.id)
        .await
        .unwrap();
    assert_eq!(counts[&RegistrationState::Confirmed], 100);
    assert_eq!(
        counts[&RegistrationState::Waitlisted],
        (PEOPLE - 100) as u64
    );
    assert_eq!(counts[&RegistrationState::Pending], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_thousand_simultaneous_confirmations_fill_exactly_one_hundred_seats() {
    each_engine(|t| async move {
        let (session, outcomes) = stampede(vec![t.db.clone()]).await;
        assert_exactly_full(&t.db, &session, &outcomes).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_app_instances_on_one_postgresql_fill_exactly_one_hundred_seats() {
    each_engine(|t| async move {
        if t.engine != Engine::Postgres {
            return;
        }
        let second = Db::connect(&t.url, Durability::Normal).await.unwrap();
        let (session, outcomes) = stampede(vec![t.db.clone(), second]).await;
        assert_exactly_full(&t.db, &session, &outcomes).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_link_followed_twenty_times_at_once_takes_one_seat() {
    each_engine(|t| async move {
        let mailer = Arc::new(TestMailer::default());
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "1").await;
        sign_up(&t.db, &mailer, &session, "jan@example.nl").await;
        sign_up(&t.db, &mailer, &session, "piet@example.nl").await;
        let jan = mailer.confirm_token("jan@example.nl");
        let piet = mailer.confirm_token("piet@example.nl");
        let mut tasks = Vec::new();
        for i in 0..20 {
            let token = if i % 2 == 0 {
                jan.clone()
            } else {
                piet.clone()
            };
            tasks.push(tokio::spawn(confirm_on(
                Instance::new(t.db.clone()),
                mailer.clone(),
                token,
            )));
        }
        let mut fresh = 0;
        for task in tasks {
            if matches!(
                task.await.unwrap(),
                ConfirmOutcome::Confirmed(_) | ConfirmOutcome::Waitlisted(_)
            ) {
                fresh += 1;
            }
        }
        assert_eq!(fresh, 2, "{:?}", t.engine);
        assert_eq!(find(&t.db, session.id).await.seats_taken, 1);
        let counts = session::registration_counts(t.db.read(), session.id)
            .await
            .unwrap();
        assert_eq!(counts[&RegistrationState::Confirmed], 1);
        assert_eq!(counts[&RegistrationState::Waitlisted], 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_cancellations_promote_each_waiting_person_once() {
    each_engine(|t| async move {
        let mailer = Arc::new(TestMailer::default());
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "10").await;
        for i in 0..30 {
            join(&t.db, &mailer, &session, &format!("p{i}@example.nl")).await;
        }
        // The ten seated people cancel at once; ten of the twenty waiting move up.
        let mut tasks = Vec::new();
        for i in 0..10 {
            let token = mailer.cancel_token(&format!("p{i}@example.nl"));
            let (db, mailer) = (t.db.clone(), mailer.clone());
            tasks.push(tokio::spawn(async move {
                let txn = db.write().begin().await.unwrap();
                let outcome = session::cancel(&txn, mailer.as_ref(), &token, now())
                    .await
                    .unwrap();
                txn.commit().await.unwrap();
                outcome
            }));
        }
        let mut promoted = Vec::new();
        for task in tasks {
            let CancelOutcome::Cancelled { promoted: p, .. } = task.await.unwrap() else {
                panic!("not cancelled")
            };
            promoted.extend(p);
        }
        promoted.sort();
        promoted.dedup();
        assert_eq!(promoted.len(), 10, "{:?}", t.engine);
        assert_eq!(find(&t.db, session.id).await.seats_taken, 10);
        // First come, first served: p10..p19 were the first ten on the list.
        for i in 10..20 {
            let kinds = mailer.kinds_for(&format!("p{i}@example.nl"));
            assert_eq!(kinds.last().map(String::as_str), Some("promoted"), "p{i}");
        }
        for i in 20..30 {
            let kinds = mailer.kinds_for(&format!("p{i}@example.nl"));
            assert_eq!(kinds.last().map(String::as_str), Some("waitlisted"), "p{i}");
        }
    })
    .await;
}
