//! Sign-up, confirm, waiting list, cancel: one person at a time.

use crate::support::*;
use inspraak_domain::session::{RegistrationState, SeatsLeft};
use inspraak_store::session::{self, CancelOutcome, ConfirmOutcome, SignUpOutcome, TokenPurpose};
use inspraak_store::testing::each_engine;
use inspraak_store::{StoreError, TransactionTrait, outbox};

#[tokio::test]
async fn signing_up_queues_a_confirmation_mail_and_holds_no_seat() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "2").await;
        let outcome = sign_up(&t.db, &mailer, &session, "jan@example.nl").await;
        assert!(
            matches!(outcome, SignUpOutcome::Created(_)),
            "{:?}",
            t.engine
        );
        assert_eq!(mailer.kinds_for("jan@example.nl"), ["confirm_request"]);
        assert_eq!(outbox::counts(t.db.read()).await.unwrap().waiting, 1);
        assert_eq!(find(&t.db, session.id).await.seats_taken, 0);
        let rows = session::registrations(t.db.read(), session.id)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].state, RegistrationState::Pending);
        let person = rows[0].registrant.as_ref().unwrap();
        assert_eq!(person.email, "jan@example.nl");
        assert_eq!(person.organisation.as_deref(), Some("Gemeente Zwolle"));
    })
    .await;
}

#[tokio::test]
async fn the_same_address_twice_gets_a_new_mail_but_no_second_sign_up() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "2").await;
        let first = sign_up(&t.db, &mailer, &session, "jan@example.nl").await;
        let again = sign_up(&t.db, &mailer, &session, "JAN@example.nl ").await;
        let SignUpOutcome::Created(id) = first else {
            panic!("{first:?}")
        };
        assert_eq!(
            again,
            SignUpOutcome::AlreadyRegistered(id, RegistrationState::Pending)
        );
        assert_eq!(
            mailer.kinds_for("jan@example.nl"),
            ["confirm_request", "again_pending"]
        );
        // Both links work: the second mail's link confirms.
        let confirmed = confirm(&t.db, &mailer, &mailer.confirm_token("jan@example.nl")).await;
        assert_eq!(confirmed, ConfirmOutcome::Confirmed(session.id));
        let third = sign_up(&t.db, &mailer, &session, "jan@example.nl").await;
        assert_eq!(
            third,
            SignUpOutcome::AlreadyRegistered(id, RegistrationState::Confirmed)
        );
        // Fifty tries: still one sign-up, and the mails stop at the limit.
        for _ in 0..50 {
            sign_up(&t.db, &mailer, &session, "jan@example.nl").await;
        }
        let rows = session::registrations(t.db.read(), session.id)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "{:?}", t.engine);
        let mails = mailer.kinds_for("jan@example.nl").len();
        // confirm request + 4 more sign-up mails (limit 5) + the "confirmed" mail.
        assert_eq!(mails, 6, "{:?}", mailer.kinds_for("jan@example.nl"));
    })
    .await;
}

#[tokio::test]
async fn confirming_takes_a_seat_once_however_often_the_link_is_followed() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "12").await;
        sign_up(&t.db, &mailer, &session, "jan@example.nl").await;
        let token = mailer.confirm_token("jan@example.nl");
        assert_eq!(
            confirm(&t.db, &mailer, &token).await,
            ConfirmOutcome::Confirmed(session.id)
        );
        for _ in 0..3 {
            assert_eq!(
                confirm(&t.db, &mailer, &token).await,
                ConfirmOutcome::AlreadyConfirmed(session.id)
            );
        }
        let now_session = find(&t.db, session.id).await;
        assert_eq!(now_session.seats_taken, 1, "{:?}", t.engine);
        assert_eq!(now_session.seats_left(), SeatsLeft::Some(11));
        assert_eq!(
            mailer.kinds_for("jan@example.nl"),
            ["confirm_request", "confirmed"]
        );
    })
    .await;
}

#[tokio::test]
async fn forged_and_wrong_purpose_tokens_change_nothing() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "1").await;
        sign_up(&t.db, &mailer, &session, "jan@example.nl").await;
        let confirm_token = mailer.confirm_token("jan@example.nl");
        let cancel_token = mailer.cancel_token("jan@example.nl");
        let forged = "A".repeat(43);
        for token in [forged.as_str(), "", "../../etc/passwd", &"x".repeat(10_000)] {
            assert_eq!(
                confirm(&t.db, &mailer, token).await,
                ConfirmOutcome::InvalidToken
            );
            assert_eq!(
                cancel(&t.db, &mailer, token).await,
                CancelOutcome::InvalidToken
            );
        }
        // A cancel link never confirms and a confirmation link never cancels.
        assert_eq!(
            confirm(&t.db, &mailer, &cancel_token).await,
            ConfirmOutcome::InvalidToken
        );
        assert_eq!(
            cancel(&t.db, &mailer, &confirm_token).await,
            CancelOutcome::InvalidToken
        );
        let view = session::peek_token(t.db.read(), &confirm_token, TokenPurpose::Confirm, now())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(view.state, RegistrationState::Pending);
        assert!(!view.expired);
        assert_eq!(find(&t.db, session.id).await.seats_taken, 0);
    })
    .await;
}

#[tokio::test]
async fn when_full_people_join_the_waiting_list_and_a_cancellation_promotes_the_first() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "1").await;
        assert_eq!(
            join(&t.db, &mailer, &session, "a@example.nl").await,
            ConfirmOutcome::Confirmed(session.id)
        );
        assert_eq!(
            join(&t.db, &mailer, &session, "b@example.nl").await,
            ConfirmOutcome::Waitlisted(session.id)
        );
        assert_eq!(
            join(&t.db, &mailer, &session, "c@example.nl").await,
            ConfirmOutcome::Waitlisted(session.id)
        );
        assert_eq!(find(&t.db, session.id).await.seats_left(), SeatsLeft::Full);

        let outcome = cancel(&t.db, &mailer, &mailer.cancel_token("a@example.nl")).await;
        let CancelOutcome::Cancelled { promoted, .. } = outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(promoted.len(), 1, "{:?}", t.engine);
        assert_eq!(
            mailer.kinds_for("a@example.nl").last().map(String::as_str),
            Some("cancelled")
        );
        assert_eq!(
            mailer.kinds_for("b@example.nl").last().map(String::as_str),
            Some("promoted")
        );
        assert_eq!(
            mailer.kinds_for("c@example.nl").last().map(String::as_str),
            Some("waitlisted")
        );
        assert_eq!(find(&t.db, session.id).await.seats_taken, 1);

        let rows = session::registrations(t.db.read(), session.id)
            .await
            .unwrap();
        let states: Vec<_> = rows.iter().map(|r| r.state).collect();
        use RegistrationState::*;
        assert_eq!(states, [Confirmed, Waitlisted, Cancelled]);
        // The cancelled person's name and address are gone.
        assert!(rows[2].registrant.is_none());
        // Cancelling twice: nothing more happens.
        let again = cancel(&t.db, &mailer, &mailer.cancel_token("a@example.nl")).await;
        assert_eq!(again, CancelOutcome::AlreadyCancelled(session.id));
        // The cancelled address may sign up again.
        let back = sign_up(&t.db, &mailer, &session, "a@example.nl").await;
        assert!(matches!(back, SignUpOutcome::Created(_)));
    })
    .await;
}

#[tokio::test]
async fn every_mails_cancel_link_keeps_working() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "5").await;
        join(&t.db, &mailer, &session, "a@example.nl").await;
        // The link of the very first mail, after the confirmation mail brought a newer one.
        let first_link = mailer
            .all()
            .into_iter()
            .find(|s| s.email == "a@example.nl")
            .and_then(|s| s.cancel_token)
            .unwrap();
        assert_ne!(first_link, mailer.cancel_token("a@example.nl"));
        let outcome = cancel(&t.db, &mailer, &first_link).await;
        assert!(
            matches!(outcome, CancelOutcome::Cancelled { .. }),
            "{outcome:?}"
        );
        assert_eq!(find(&t.db, session.id).await.seats_taken, 0);
    })
    .await;
}

#[tokio::test]
async fn signing_up_outside_the_window_and_confirming_after_the_start_are_refused() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "5").await;
        sign_up(&t.db, &mailer, &session, "laat@example.nl").await;
        let token = mailer.confirm_token("laat@example.nl");
        let after_start = session.schedule.starts_at() + chrono::Duration::minutes(5);
        let txn = t.db.write().begin().await.unwrap();
        let outcome = session::confirm(&txn, &mailer, &token, after_start)
            .await
            .unwrap();
        let late = session::sign_up(
            &txn,
            &mailer,
            &session,
            &person("x@example.nl"),
            after_start,
        )
        .await;
        drop(txn);
        assert_eq!(
            outcome,
            ConfirmOutcome::SessionStarted(session.id),
            "{:?}",
            t.engine
        );
        assert!(matches!(late, Err(StoreError::Conflict("signup_closed"))));
        assert_eq!(find(&t.db, session.id).await.seats_taken, 0);
    })
    .await;
}
