#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Store tests against real databases: SQLite always, PostgreSQL when `INSPRAAK_TEST_PG` is set.

use chrono::{Duration, TimeZone, Utc};
use inspraak_domain::{Email, NewPhase, NewProcess, NewTheme, ProcessStatus, Role};
use inspraak_store::testing::each_engine;
use inspraak_store::{StoreError, login_sessions, outbox, process, throttle, users};

fn noon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

fn process(title: &str) -> NewProcess {
    NewProcess::parse(title, "", "Samenvatting").unwrap_or_else(|e| panic!("{e:?}"))
}

#[tokio::test]
async fn a_process_keeps_its_phases_in_date_order_and_its_themes_in_insertion_order() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let id = process::insert(conn, &process("Actieplan 2026"), noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        for (name, start, end) in [
            ("Consultatie", "2026-09-01", "2026-09-30"),
            ("Verkenning", "2026-01-01", "2026-08-31"),
        ] {
            let phase = NewPhase::parse(name, "", start, end).unwrap_or_else(|e| panic!("{e:?}"));
            process::add_phase(conn, id, &phase)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
        }
        for name in ["Open Technologie", "Open Informatie"] {
            let theme = NewTheme::parse(name, "", "").unwrap_or_else(|e| panic!("{e:?}"));
            process::add_theme(conn, id, &theme)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
        }
        let phases = process::phases(t.db.read(), id).await.unwrap_or_default();
        let names: Vec<_> = phases.iter().map(|p| p.name.main.as_str()).collect();
        assert_eq!(names, ["Verkenning", "Consultatie"], "{:?}", t.engine);
        let themes = process::themes(t.db.read(), id)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let slugs: Vec<_> = themes.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["open-technologie", "open-informatie"]);
        let found = process::find_theme(t.db.read(), id, "open-informatie")
            .await
            .ok()
            .flatten();
        assert_eq!(
            found.map(|t| t.name.main),
            Some("Open Informatie".to_owned())
        );
    })
    .await;
}

#[tokio::test]
async fn slugs_are_unique_and_a_conflict_is_reported_as_such() {
    each_engine(|t| async move {
        let conn = t.db.write();
        assert!(
            process::insert(conn, &process("Zelfde titel"), noon())
                .await
                .is_ok()
        );
        let second = process::insert(conn, &process("Zelfde titel"), noon()).await;
        assert!(
            matches!(second, Err(StoreError::Conflict("slug"))),
            "{:?}: {second:?}",
            t.engine
        );
    })
    .await;
}

#[tokio::test]
async fn drafts_are_not_public_until_published() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let id = process::insert(conn, &process("Concept"), noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            process::find_public_by_slug(conn, "concept")
                .await
                .ok()
                .flatten(),
            None
        );
        process::set_status(conn, id, ProcessStatus::Published, noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let public = process::find_public_by_slug(conn, "concept")
            .await
            .ok()
            .flatten();
        assert_eq!(public.map(|p| p.status), Some(ProcessStatus::Published));
    })
    .await;
}

#[tokio::test]
async fn a_phase_of_another_process_cannot_be_changed_through_this_one() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let a = process::insert(conn, &process("Proces A"), noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let b = process::insert(conn, &process("Proces B"), noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let phase = NewPhase::parse("Fase", "", "2026-01-01", "2026-02-01")
            .unwrap_or_else(|e| panic!("{e:?}"));
        let phase_id = process::add_phase(conn, a, &phase)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(matches!(
            process::delete_phase(conn, b, phase_id).await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(process::phases(conn, a).await.unwrap_or_default().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn login_sessions_end_when_idle_expired_or_logged_out() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let email = Email::parse("org@example.nl").unwrap_or_else(|e| panic!("{e:?}"));
        let new = users::NewUser {
            email: &email,
            display_name: "Org",
            organisation: None,
            role: Role::Organiser,
            password_hash: "x",
        };
        let user = users::insert(conn, &new, noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let lifetimes = login_sessions::Lifetimes {
            idle: Duration::minutes(30),
            absolute: Duration::hours(12),
        };
        let token = login_sessions::start(
            conn,
            user,
            login_sessions::Stage::Full,
            &Default::default(),
            noon(),
            lifetimes,
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
        let found =
            login_sessions::user_for_token(conn, &token, noon() + Duration::minutes(29), lifetimes)
                .await
                .ok()
                .flatten();
        assert_eq!(
            found.map(|(u, stage)| (u.role, stage)),
            Some((Role::Organiser, login_sessions::Stage::Full))
        );
        // Seen at 12:29, so still alive at 12:58 but not at 13:00 after no request.
        let idle =
            login_sessions::user_for_token(conn, &token, noon() + Duration::minutes(60), lifetimes)
                .await
                .ok()
                .flatten();
        assert_eq!(idle, None, "{:?}", t.engine);

        let token = login_sessions::start(
            conn,
            user,
            login_sessions::Stage::Full,
            &Default::default(),
            noon(),
            lifetimes,
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
        login_sessions::end(conn, &token)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            login_sessions::user_for_token(conn, &token, noon(), lifetimes)
                .await
                .ok()
                .flatten(),
            None
        );
    })
    .await;
}

#[tokio::test]
async fn throttle_counts_only_recent_failures_per_key() {
    each_engine(|t| async move {
        let conn = t.db.write();
        for minutes in [0, 5, 20] {
            throttle::record_failure(conn, "account:abc", noon() - Duration::minutes(minutes))
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
        }
        throttle::record_failure(conn, "ip:def", noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let recent = throttle::failures_since(conn, "account:abc", noon() - Duration::minutes(15))
            .await
            .unwrap_or_default();
        assert_eq!(recent, 2);
        throttle::clear(conn, "account:abc")
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            throttle::failures_since(conn, "account:abc", noon() - Duration::hours(1))
                .await
                .unwrap_or(99),
            0
        );
        assert_eq!(
            throttle::failures_since(conn, "ip:def", noon() - Duration::hours(1))
                .await
                .unwrap_or(99),
            1
        );
    })
    .await;
}

fn mail(key: Option<&str>) -> outbox::NewMail {
    outbox::NewMail {
        recipient: Email::parse("deelnemer@example.nl").unwrap_or_else(|e| panic!("{e:?}")),
        subject: "Onderwerp".into(),
        body_text: "Tekst".into(),
        attachment: None,
        dedupe_key: key.map(str::to_owned),
    }
}

#[tokio::test]
async fn outbox_dedupe_keys_queue_a_mail_once_even_inside_a_transaction() {
    use inspraak_store::TransactionTrait;
    each_engine(|t| async move {
        let txn =
            t.db.write()
                .begin()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
        let first = outbox::enqueue(&txn, &mail(Some("reminder:1")), noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let second = outbox::enqueue(&txn, &mail(Some("reminder:1")), noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(first.is_some());
        assert_eq!(second, None);
        // The transaction is still usable after the ignored duplicate (matters on PostgreSQL).
        outbox::enqueue(&txn, &mail(None), noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        txn.commit().await.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            outbox::counts(t.db.read())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"))
                .waiting,
            2
        );
    })
    .await;
}

#[tokio::test]
async fn a_claimed_message_is_not_claimed_again_until_its_lease_ends() {
    each_engine(|t| async move {
        let conn = t.db.write();
        outbox::enqueue(conn, &mail(None), noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let lease = Duration::minutes(10);
        let claimed = outbox::claim_next(conn, noon(), lease)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(claimed.is_some(), "{:?}", t.engine);
        assert_eq!(
            outbox::claim_next(conn, noon() + Duration::minutes(1), lease)
                .await
                .ok()
                .flatten(),
            None
        );
        // The sender crashed: after the lease the message is due again.
        let again = outbox::claim_next(conn, noon() + Duration::minutes(11), lease)
            .await
            .ok()
            .flatten();
        let Some(again) = again else {
            panic!("message not reclaimed")
        };
        assert_eq!(again.attempts, 2);
        outbox::mark_sent(conn, again.id, noon())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            outbox::claim_next(conn, noon() + Duration::hours(1), lease)
                .await
                .ok()
                .flatten(),
            None
        );
        assert_eq!(outbox::counts(conn).await.unwrap_or_default().sent, 1);
    })
    .await;
}

#[tokio::test]
async fn concurrent_workers_never_claim_the_same_message() {
    each_engine(|t| async move {
        for _ in 0..20 {
            outbox::enqueue(t.db.write(), &mail(None), noon())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
        }
        let mut workers = Vec::new();
        for _ in 0..6 {
            let db = t.db.clone();
            workers.push(tokio::spawn(async move {
                let mut ids = Vec::new();
                while let Ok(Some(message)) =
                    outbox::claim_next(db.write(), noon(), Duration::minutes(5)).await
                {
                    ids.push(message.id);
                }
                ids
            }));
        }
        let mut all = Vec::new();
        for worker in workers {
            all.extend(worker.await.unwrap_or_default());
        }
        all.sort();
        let before = all.len();
        all.dedup();
        assert_eq!((before, all.len()), (20, 20), "{:?}", t.engine);
    })
    .await;
}

#[tokio::test]
async fn a_totp_step_and_a_recovery_code_work_once_and_a_reset_link_once() {
    use inspraak_store::{password_resets, second_factor};
    each_engine(|t| async move {
        let conn = t.db.write();
        let email = Email::parse("org@example.nl").unwrap();
        let new = users::NewUser {
            email: &email,
            display_name: "Org",
            organisation: None,
            role: Role::Organiser,
            password_hash: "x",
        };
        let user = users::insert(conn, &new, noon()).await.unwrap();

        second_factor::save_unconfirmed(conn, user, "cipher", noon())
            .await
            .unwrap();
        assert!(
            !second_factor::use_step(conn, user, 100).await.unwrap(),
            "unconfirmed secrets take no codes"
        );
        assert!(
            second_factor::confirm(conn, user, 100, noon())
                .await
                .unwrap()
        );
        assert!(
            !second_factor::use_step(conn, user, 100).await.unwrap(),
            "the confirming code is spent"
        );
        assert!(second_factor::use_step(conn, user, 101).await.unwrap());
        assert!(
            !second_factor::use_step(conn, user, 101).await.unwrap(),
            "replay refused"
        );

        second_factor::replace_recovery_codes(conn, user, &["a".repeat(64), "b".repeat(64)])
            .await
            .unwrap();
        assert!(
            second_factor::use_recovery_code(conn, user, &"a".repeat(64), noon())
                .await
                .unwrap()
        );
        assert!(
            !second_factor::use_recovery_code(conn, user, &"a".repeat(64), noon())
                .await
                .unwrap()
        );
        assert_eq!(
            second_factor::unused_recovery_codes(conn, user)
                .await
                .unwrap(),
            1
        );

        let token = password_resets::create(conn, user, noon(), Duration::hours(1))
            .await
            .unwrap();
        assert_eq!(
            password_resets::consume(conn, &token, noon() + Duration::minutes(61))
                .await
                .unwrap(),
            None,
            "{:?}",
            t.engine
        );
        assert_eq!(
            password_resets::consume(conn, &token, noon())
                .await
                .unwrap(),
            Some(user)
        );
        assert_eq!(
            password_resets::consume(conn, &token, noon())
                .await
                .unwrap(),
            None
        );
    })
    .await;
}
