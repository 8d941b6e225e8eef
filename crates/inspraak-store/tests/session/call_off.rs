//! Calling a session off, and the calendar SEQUENCE that every calendar mail raises.

use crate::support::*;
use inspraak_domain::session::RegistrationState;
use inspraak_store::TransactionTrait;
use inspraak_store::session::{self, CallOffOutcome, ConfirmOutcome};
use inspraak_store::testing::each_engine;

async fn call_off(
    t_db: &inspraak_store::Db,
    mailer: &TestMailer,
    id: inspraak_domain::SessionId,
) -> CallOffOutcome {
    let txn = t_db.write().begin().await.unwrap();
    let outcome = session::call_off(&txn, mailer, id, now()).await.unwrap();
    txn.commit().await.unwrap();
    outcome
}

#[tokio::test]
async fn a_called_off_session_ends_every_sign_up_and_mails_the_confirmed_and_the_waiting_list() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "1").await;
        join(&t.db, &mailer, &session, "zit@example.nl").await;
        join(&t.db, &mailer, &session, "wacht@example.nl").await;
        sign_up(&t.db, &mailer, &session, "later@example.nl").await;
        let before = find(&t.db, session.id).await.revision;
        assert_eq!(
            call_off(&t.db, &mailer, session.id).await,
            CallOffOutcome::CalledOff { told: 2 },
            "{:?}",
            t.engine
        );
        assert_eq!(
            mailer
                .kinds_for("zit@example.nl")
                .last()
                .map(String::as_str),
            Some("calledoff")
        );
        assert_eq!(
            mailer
                .kinds_for("wacht@example.nl")
                .last()
                .map(String::as_str),
            Some("calledoffwaitlisted")
        );
        assert_eq!(mailer.kinds_for("later@example.nl"), ["confirm_request"]);
        let stored = find(&t.db, session.id).await;
        assert!(stored.is_cancelled());
        assert_eq!(stored.seats_taken, 0);
        // The edit and the one calendar file mailed.
        assert_eq!(stored.revision, before + 2);
        let counts = session::registration_counts(t.db.read(), session.id)
            .await
            .unwrap();
        assert_eq!(counts[&RegistrationState::Cancelled], 3);
        // Again: nothing; the late confirmation gives no seat.
        assert_eq!(
            call_off(&t.db, &mailer, session.id).await,
            CallOffOutcome::AlreadyCalledOff
        );
        let late = confirm(&t.db, &mailer, &mailer.confirm_token("later@example.nl")).await;
        assert_eq!(late, ConfirmOutcome::Cancelled(session.id));
        assert_eq!(find(&t.db, session.id).await.seats_taken, 0);
    })
    .await;
}
