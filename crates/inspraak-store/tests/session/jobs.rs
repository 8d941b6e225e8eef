//! Expiry, reminders, erasure, capacity changes.

use crate::support::*;
use chrono::Duration;
use inspraak_domain::retention::RetentionDays;
use inspraak_domain::session::{CONFIRMATION_TIME, RegistrationState, SeatsLeft};
use inspraak_store::session::{self, ConfirmOutcome, SignUpOutcome};
use inspraak_store::testing::each_engine;
use inspraak_store::{StoreError, TransactionTrait, outbox};

#[tokio::test]
async fn an_unconfirmed_sign_up_expires_and_its_personal_data_is_erased() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "1").await;
        sign_up(&t.db, &mailer, &session, "traag@example.nl").await;
        let token = mailer.confirm_token("traag@example.nl");
        let later = now() + CONFIRMATION_TIME + Duration::minutes(1);
        assert_eq!(
            session::expire_pending(t.db.write(), now()).await.unwrap(),
            0
        );
        assert_eq!(
            session::expire_pending(t.db.write(), later).await.unwrap(),
            1
        );
        let rows = session::registrations(t.db.read(), session.id)
            .await
            .unwrap();
        assert_eq!(
            rows[0].state,
            RegistrationState::Cancelled,
            "{:?}",
            t.engine
        );
        assert!(rows[0].registrant.is_none());
        let txn = t.db.write().begin().await.unwrap();
        let outcome = session::confirm(&txn, &mailer, &token, later)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        assert_eq!(outcome, ConfirmOutcome::Expired(session.id));
        // The seat was never held: someone else gets it.
        assert_eq!(
            find(&t.db, session.id).await.seats_left(),
            SeatsLeft::Some(1)
        );
        assert_eq!(
            join(&t.db, &mailer, &session, "snel@example.nl").await,
            ConfirmOutcome::Confirmed(session.id)
        );
        // And the expired address may sign up afresh.
        let back = sign_up(&t.db, &mailer, &session, "traag@example.nl").await;
        assert!(matches!(back, SignUpOutcome::Created(_)));
    })
    .await;
}

#[tokio::test]
async fn a_link_followed_after_its_time_but_before_the_job_ran_is_expired_too() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "1").await;
        sign_up(&t.db, &mailer, &session, "traag@example.nl").await;
        let token = mailer.confirm_token("traag@example.nl");
        let later = now() + CONFIRMATION_TIME + Duration::minutes(1);
        let txn = t.db.write().begin().await.unwrap();
        let outcome = session::confirm(&txn, &mailer, &token, later)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        assert_eq!(outcome, ConfirmOutcome::Expired(session.id));
        assert_eq!(find(&t.db, session.id).await.seats_taken, 0);
        let rows = session::registrations(t.db.read(), session.id)
            .await
            .unwrap();
        assert!(rows[0].registrant.is_none());
    })
    .await;
}

#[tokio::test]
async fn the_reminder_goes_once_the_day_before_even_when_the_job_runs_twice() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "5").await;
        join(&t.db, &mailer, &session, "a@example.nl").await;
        join(&t.db, &mailer, &session, "b@example.nl").await;
        sign_up(&t.db, &mailer, &session, "pending@example.nl").await;
        let two_days_before = session.schedule.starts_at() - Duration::hours(48);
        let day_before = session.schedule.starts_at() - Duration::hours(20);
        let remind = |at| {
            let (db, mailer) = (t.db.clone(), &mailer);
            async move {
                let txn = db.write().begin().await.unwrap();
                let n = session::queue_reminders(&txn, mailer, at).await.unwrap();
                txn.commit().await.unwrap();
                n
            }
        };
        assert_eq!(remind(two_days_before).await, 0, "{:?}", t.engine);
        assert_eq!(remind(day_before).await, 2);
        assert_eq!(remind(day_before + Duration::minutes(5)).await, 0);
        assert_eq!(mailer.kinds_for("pending@example.nl"), ["confirm_request"]);
        let reminders = mailer.all().iter().filter(|s| s.kind == "reminder").count();
        assert_eq!(reminders, 2);
        // Moved to a week later: one new reminder each, the day before the new date.
        let moved = session_form("Meedenksessie Open Inkoop", "5", Duration::days(13));
        session::update(t.db.write(), &mailer, process, session.id, &moved, now())
            .await
            .unwrap();
        let new_day_before = moved.schedule.starts_at() - Duration::hours(20);
        assert_eq!(remind(new_day_before).await, 2);
        assert_eq!(remind(new_day_before).await, 0);
    })
    .await;
}

#[tokio::test]
async fn the_dedupe_key_holds_even_if_the_claim_were_lost() {
    each_engine(|t| async move {
        // Two instances that both believed they owned the run would still queue one mail
        // per person, because the outbox refuses a second mail with the same key.
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "5").await;
        join(&t.db, &mailer, &session, "a@example.nl").await;
        let day_before = session.schedule.starts_at() - Duration::hours(20);
        session::queue_reminders(t.db.write(), &mailer, day_before)
            .await
            .unwrap();
        let before = outbox::counts(t.db.read()).await.unwrap().waiting;
        // Re-arm the claim: moved away and back to the same start.
        for days in [13, 6] {
            let form = session_form("Meedenksessie Open Inkoop", "5", Duration::days(days));
            session::update(t.db.write(), &mailer, process, session.id, &form, now())
                .await
                .unwrap();
        }
        let n = session::queue_reminders(t.db.write(), &mailer, day_before)
            .await
            .unwrap();
        assert_eq!(n, 0, "{:?}", t.engine);
        assert_eq!(outbox::counts(t.db.read()).await.unwrap().waiting, before);
    })
    .await;
}

#[tokio::test]
async fn capacity_cannot_drop_below_the_seats_taken_and_a_raise_promotes_the_waiting_list() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "2").await;
        for who in ["a", "b", "c", "d"] {
            join(&t.db, &mailer, &session, &format!("{who}@example.nl")).await;
        }
        let smaller = session_form("Meedenksessie Open Inkoop", "1", Duration::days(6));
        let refused =
            session::update(t.db.write(), &mailer, process, session.id, &smaller, now()).await;
        assert!(
            matches!(refused, Err(StoreError::Conflict("capacity"))),
            "{refused:?}"
        );
        let larger = session_form("Meedenksessie Open Inkoop", "3", Duration::days(6));
        session::update(t.db.write(), &mailer, process, session.id, &larger, now())
            .await
            .unwrap();
        assert_eq!(
            find(&t.db, session.id).await.seats_taken,
            3,
            "{:?}",
            t.engine
        );
        assert_eq!(
            mailer.kinds_for("c@example.nl").last().map(String::as_str),
            Some("promoted")
        );
        assert_eq!(
            mailer.kinds_for("d@example.nl").last().map(String::as_str),
            Some("waitlisted")
        );
        // Unlimited: everyone in.
        let open = session_form("Meedenksessie Open Inkoop", "", Duration::days(6));
        session::update(t.db.write(), &mailer, process, session.id, &open, now())
            .await
            .unwrap();
        assert_eq!(find(&t.db, session.id).await.seats_taken, 4);
        assert_eq!(
            find(&t.db, session.id).await.seats_left(),
            SeatsLeft::Unlimited
        );
    })
    .await;
}

#[tokio::test]
async fn personal_data_is_erased_after_the_retention_time_but_the_figures_stay() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "5").await;
        join(&t.db, &mailer, &session, "a@example.nl").await;
        let rows = session::registrations(t.db.read(), session.id)
            .await
            .unwrap();
        session::record_attendance(t.db.write(), session.id, &[rows[0].id])
            .await
            .unwrap();
        let just_before =
            RetentionDays::DEFAULT.erase_after(session.schedule.ends_at()) - Duration::minutes(1);
        assert_eq!(
            session::erase_due_personal_data(t.db.write(), just_before)
                .await
                .unwrap(),
            0
        );
        let after = just_before + Duration::minutes(2);
        assert_eq!(
            session::erase_due_personal_data(t.db.write(), after)
                .await
                .unwrap(),
            1
        );
        let rows = session::registrations(t.db.read(), session.id)
            .await
            .unwrap();
        assert!(rows[0].registrant.is_none(), "{:?}", t.engine);
        assert_eq!(rows[0].state, RegistrationState::Confirmed);
        assert_eq!(rows[0].attended, Some(true));
    })
    .await;
}

#[tokio::test]
async fn a_shorter_retention_period_for_the_process_moves_the_erase_date_forward() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "5").await;
        join(&t.db, &mailer, &session, "a@example.nl").await;
        let thirty = RetentionDays::new(30).unwrap();
        inspraak_store::retention::set(t.db.write(), process, thirty, now())
            .await
            .unwrap();
        let day_after = thirty.erase_after(session.schedule.ends_at()) + Duration::days(1);
        let erased = session::erase_due_personal_data(t.db.write(), day_after)
            .await
            .unwrap();
        assert_eq!(erased, 1, "{:?}", t.engine);
        // The address may sign up for another session; this one's key is gone with the data.
        let rows = session::registrations(t.db.read(), session.id)
            .await
            .unwrap();
        assert!(rows[0].registrant.is_none());
    })
    .await;
}
