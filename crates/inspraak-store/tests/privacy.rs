#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 20, finding 6: the list of columns that can hold a participant's address or name is
//! complete. Every text column of the real schema (both engines) named like an address, a name
//! or a contact is either in `PERSONAL_DATA_COLUMNS` (and so erased) or in
//! `NOT_PARTICIPANT_DATA` with a reason; and every listed column exists.
//! Also: the atomic throttle counts every attempt exactly once under concurrency.

use chrono::{Duration, TimeZone, Utc};
use inspraak_store::privacy::{NOT_PARTICIPANT_DATA, PERSONAL_DATA_COLUMNS, SUSPECT_NAME_PARTS};
use inspraak_store::testing::each_engine;
use inspraak_store::{privacy, throttle};

#[tokio::test]
async fn every_column_named_like_personal_data_is_listed_as_erased_or_excluded() {
    each_engine(|t| async move {
        let columns = privacy::text_columns(t.db.read()).await.unwrap();
        assert!(columns.len() > 50, "{:?}: {} text columns", t.engine, columns.len());
        let listed = |table: &str, column: &str| {
            PERSONAL_DATA_COLUMNS
                .iter()
                .any(|(t, c, _)| *t == table && *c == column)
                || NOT_PARTICIPANT_DATA
                    .iter()
                    .any(|(t, c, _)| *t == table && *c == column)
        };
        let missing: Vec<_> = columns
            .iter()
            .filter(|(table, column)| {
                let lower = column.to_lowercase();
                SUSPECT_NAME_PARTS.iter().any(|part| lower.contains(part))
                    && !listed(table, column)
            })
            .collect();
        assert!(
            missing.is_empty(),
            "{:?}: columns that may hold a participant's address or name, in neither list: {missing:?}",
            t.engine
        );
        // And the lists name real columns (a renamed column fails here, not silently).
        let exists = |table: &str, column: &str| {
            columns.iter().any(|(t, c)| t == table && c == column)
        };
        for (table, column, _) in PERSONAL_DATA_COLUMNS {
            assert!(exists(table, column), "{:?}: no {table}.{column}", t.engine);
        }
        for (table, column, _) in NOT_PARTICIPANT_DATA {
            assert!(exists(table, column), "{:?}: no {table}.{column}", t.engine);
        }
    })
    .await;
}

#[tokio::test]
async fn a_hundred_parallel_takes_get_a_hundred_different_counts() {
    each_engine(|t| async move {
        let now = Utc
            .with_ymd_and_hms(2026, 12, 6, 12, 0, 0)
            .single()
            .unwrap();
        let window = Duration::minutes(15);
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let db = t.db.clone();
                tokio::spawn(async move {
                    throttle::take(db.write(), "account:parallel", window, now)
                        .await
                        .unwrap()
                        .hits
                })
            })
            .collect();
        let mut counts = Vec::new();
        for task in tasks {
            counts.push(task.await.unwrap());
        }
        counts.sort_unstable();
        assert_eq!(counts, (1..=100).collect::<Vec<u64>>(), "{:?}", t.engine);
        // A slot given back is counted again by the next; after the window it starts at 1.
        let slot = throttle::take(t.db.write(), "account:parallel", window, now)
            .await
            .unwrap();
        assert_eq!(slot.hits, 101);
        assert!(!slot.within(100));
        throttle::give_back(t.db.write(), &slot).await.unwrap();
        assert_eq!(
            throttle::taken(t.db.read(), "account:parallel", window, now)
                .await
                .unwrap(),
            100
        );
        let later = now + window;
        let slot = throttle::take(t.db.write(), "account:parallel", window, later)
            .await
            .unwrap();
        assert_eq!(slot.hits, 1, "{:?}: a new window", t.engine);
        assert_eq!(
            throttle::purge_buckets_before(t.db.write(), later + Duration::seconds(1))
                .await
                .unwrap(),
            1
        );
    })
    .await;
}
