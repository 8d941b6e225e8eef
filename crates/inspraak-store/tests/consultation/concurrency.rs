//! Many simultaneous submissions: the database, not the process, keeps the count right.

use crate::*;
use inspraak_store::testing::each_engine;

async fn submit_concurrently(
    db: &Db,
    f: &Fixture,
    keys: Vec<IdempotencyKey>,
) -> Vec<SubmitOutcome> {
    let version = consultation::find(db.read(), f.consultation)
        .await
        .unwrap()
        .unwrap()
        .structure_version;
    let given = answers(f, true);
    let consultation = f.consultation;
    // Every task waits at the barrier, so they hit the database together.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(keys.len()));
    let tasks: Vec<_> = keys
        .into_iter()
        .map(|key| {
            let db = db.clone();
            let given = given.clone();
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                let receipt = consultation::new_receipt_code();
                consultation::submit(
                    db.write(),
                    &NewResponse {
                        consultation,
                        structure_version: version,
                        key: &key,
                        receipt: &receipt,
                        answers: &given,
                        contact: None,
                    },
                    during(),
                )
                .await
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap().unwrap());
    }
    outcomes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_simultaneous_submissions_with_distinct_keys_store_two_hundred() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let outcomes = submit_concurrently(&t.db, &f, (0..200).map(key).collect()).await;
        let stored = outcomes
            .iter()
            .filter(|o| matches!(o, SubmitOutcome::Stored(_)))
            .count();
        assert_eq!(
            stored,
            200,
            "{:?}: {:?}",
            t.engine,
            outcomes
                .iter()
                .find(|o| !matches!(o, SubmitOutcome::Stored(_)))
        );
        assert_eq!(response_count(&t.db, &f).await, (200, 0));
        let page = consultation::responses::list(t.db.read(), f.consultation, 1, 200)
            .await
            .unwrap();
        assert_eq!(page.total, 200);
        assert_eq!(tally(&t.db, &f, f.question(0), "answered").await, (200, 0));
        assert_eq!(
            tally(&t.db, &f, f.question(0), &format!("t{}", f.themes[0])).await,
            (200, 4000)
        );
        assert_eq!(tally(&t.db, &f, f.question(1), "yes").await, (200, 0));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_simultaneous_submissions_with_one_key_store_one() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let outcomes = submit_concurrently(&t.db, &f, (0..200).map(|_| key(42)).collect()).await;
        let stored: Vec<_> = outcomes
            .iter()
            .filter(|o| matches!(o, SubmitOutcome::Stored(_)))
            .collect();
        assert_eq!(stored.len(), 1, "{:?}", t.engine);
        let receipts: std::collections::BTreeSet<_> = outcomes
            .iter()
            .map(|o| match o {
                SubmitOutcome::Stored(r) | SubmitOutcome::Replayed(r) => r.code.to_string(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(receipts.len(), 1, "every click gets the same receipt");
        assert_eq!(response_count(&t.db, &f).await, (1, 0));
        let page = consultation::responses::list(t.db.read(), f.consultation, 1, 200)
            .await
            .unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(tally(&t.db, &f, f.question(0), "answered").await, (1, 0));
    })
    .await;
}
