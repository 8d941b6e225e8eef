use crate::*;
use inspraak_domain::Email;
use inspraak_domain::consultation::{StoredAnswer, WindowState};
use inspraak_store::consultation::NewContact;
use inspraak_store::consultation::submit::find_receipt;
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::testing::each_engine;
use inspraak_store::tokens::hash_token;

#[tokio::test]
async fn a_submission_stores_its_answers_and_counts_and_a_replay_returns_the_same_receipt() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let given = answers(&f, true);
        let first = submit_at(&t.db, &f, &key(1), &given, during()).await;
        let SubmitOutcome::Stored(receipt) = first else {
            panic!("{:?}: {first:?}", t.engine)
        };
        // A double click, a refresh, a replay an hour later: one response.
        for later in [during(), at(2026, 9, 15, 13, 0)] {
            let again = submit_at(&t.db, &f, &key(1), &answers(&f, false), later).await;
            assert_eq!(again, SubmitOutcome::Replayed(receipt.clone()));
        }
        assert_eq!(response_count(&t.db, &f).await, (1, 0));
        let found = find_receipt(t.db.read(), f.consultation, receipt.response, &receipt.code)
            .await
            .unwrap();
        assert_eq!(found, Some(receipt.clone()));

        let page = consultation::responses::list(t.db.read(), f.consultation, 1, 20)
            .await
            .unwrap();
        assert_eq!(page.total, 1);
        let stored: Vec<_> = page.rows[0]
            .answers
            .iter()
            .map(|(q, a)| (*q, a.clone()))
            .collect();
        let expected: Vec<_> = given.iter().map(|(q, a)| (*q, a.to_stored())).collect();
        assert_eq!(
            stored, expected,
            "the first answers are kept, not the replay's"
        );
        assert_eq!(
            stored[1].1,
            StoredAnswer {
                keys: vec!["yes".into()],
                text: Some("kennis delen".into())
            }
        );

        assert_eq!(tally(&t.db, &f, f.question(0), "answered").await, (1, 0));
        assert_eq!(
            tally(&t.db, &f, f.question(0), &format!("t{}", f.themes[0])).await,
            (1, 20)
        );
        assert_eq!(
            tally(&t.db, &f, f.question(0), &format!("t{}", f.themes[1])).await,
            (1, 19)
        );
        assert_eq!(tally(&t.db, &f, f.question(1), "yes").await, (1, 0));
        assert_eq!(tally(&t.db, &f, f.question(1), "no").await, (0, 0));
        assert_eq!(tally(&t.db, &f, f.question(3), "o1").await, (1, 0));
    })
    .await;
}

#[tokio::test]
async fn outside_the_window_nothing_is_stored() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        // 30 September 2026 is the last day: 23:59 Dutch time (21:59 UTC) is still open,
        // midnight (22:00 UTC) is closed.
        let last_minute = submit_at(
            &t.db,
            &f,
            &key(1),
            &answers(&f, true),
            at(2026, 9, 30, 21, 59),
        )
        .await;
        assert!(
            matches!(last_minute, SubmitOutcome::Stored(_)),
            "{last_minute:?}"
        );
        let closed = submit_at(
            &t.db,
            &f,
            &key(2),
            &answers(&f, true),
            at(2026, 9, 30, 22, 0),
        )
        .await;
        assert_eq!(closed, SubmitOutcome::NotOpen(WindowState::Closed));
        // 1 September starts at Dutch midnight: 31 August 22:00 UTC.
        let early = submit_at(
            &t.db,
            &f,
            &key(3),
            &answers(&f, true),
            at(2026, 8, 31, 21, 59),
        )
        .await;
        assert_eq!(early, SubmitOutcome::NotOpen(WindowState::NotYetOpen));
        assert_eq!(response_count(&t.db, &f).await, (1, 0));
        let page = consultation::responses::list(t.db.read(), f.consultation, 1, 20)
            .await
            .unwrap();
        assert_eq!(
            page.total, 1,
            "{:?}: refused submissions leave no row",
            t.engine
        );
        assert_eq!(tally(&t.db, &f, f.question(0), "answered").await, (1, 0));
        // A replay of a stored form after closing still shows its receipt.
        let replay = submit_at(
            &t.db,
            &f,
            &key(1),
            &answers(&f, true),
            at(2026, 10, 2, 9, 0),
        )
        .await;
        assert!(matches!(replay, SubmitOutcome::Replayed(_)), "{replay:?}");
    })
    .await;
}

#[tokio::test]
async fn a_draft_takes_no_answers() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        admin::set_status(
            t.db.write(),
            f.consultation,
            ConsultationStatus::Draft,
            during(),
        )
        .await
        .unwrap();
        let outcome = submit_at(&t.db, &f, &key(1), &answers(&f, true), during()).await;
        assert_eq!(outcome, SubmitOutcome::NotFound);
        assert_eq!(response_count(&t.db, &f).await, (0, 0));
    })
    .await;
}

#[tokio::test]
async fn a_form_parsed_against_changed_questions_is_refused() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let old_version = consultation::find(t.db.read(), f.consultation)
            .await
            .unwrap()
            .unwrap()
            .structure_version;
        admin::remove_question(t.db.write(), f.consultation, f.question(2), during())
            .await
            .unwrap();
        let receipt = consultation::new_receipt_code();
        let given = answers(&f, true);
        let outcome = consultation::submit(
            t.db.write(),
            &NewResponse {
                consultation: f.consultation,
                structure_version: old_version,
                key: &key(1),
                receipt: &receipt,
                answers: &given,
                contact: None,
            },
            during(),
        )
        .await
        .unwrap();
        assert_eq!(outcome, SubmitOutcome::QuestionsChanged);
        assert_eq!(response_count(&t.db, &f).await, (0, 0));
        // With the current version the same key goes through: the refusal stored nothing.
        let again = submit_at(&t.db, &f, &key(1), &given, during()).await;
        assert!(matches!(again, SubmitOutcome::Stored(_)), "{again:?}");
    })
    .await;
}

#[tokio::test]
async fn an_address_with_consent_is_stored_apart_and_queues_one_confirmation() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let email = Email::parse("Inwoner@Example.nl").unwrap();
        let mail = NewMail {
            recipient: email.clone(),
            subject: "Bedankt voor je reactie".into(),
            body_text: "Je bonnummer staat hieronder.".into(),
            attachment: None,
            dedupe_key: None,
        };
        let version = consultation::find(t.db.read(), f.consultation)
            .await
            .unwrap()
            .unwrap()
            .structure_version;
        let token_hash = hash_token("erase-token");
        let given = answers(&f, true);
        for _ in 0..2 {
            let receipt = consultation::new_receipt_code();
            consultation::submit(
                t.db.write(),
                &NewResponse {
                    consultation: f.consultation,
                    structure_version: version,
                    key: &key(7),
                    receipt: &receipt,
                    answers: &given,
                    contact: Some(NewContact {
                        email: &email,
                        erase_token_hash: &token_hash,
                        confirmation: Some(&mail),
                        language: inspraak_domain::Language::Dutch,
                    }),
                },
                during(),
            )
            .await
            .unwrap();
        }
        let counts = outbox::counts(t.db.read()).await.unwrap();
        assert_eq!(
            counts.waiting, 1,
            "{:?}: one mail, however often the form is posted",
            t.engine
        );
        let contacts = consultation::privacy::contacts_for_updates(t.db.read(), f.consultation)
            .await
            .unwrap();
        assert_eq!(contacts.len(), 1);
        assert_eq!(contacts[0].email.as_str(), "inwoner@example.nl");
        // Default retention: a year after closing (Dutch midnight after 30 September).
        assert_eq!(contacts[0].erase_after, at(2027, 9, 30, 22, 0));
        // The answers hold no trace of the address.
        let page = consultation::responses::list(t.db.read(), f.consultation, 1, 20)
            .await
            .unwrap();
        let texts: Vec<_> = page.rows[0]
            .answers
            .iter()
            .filter_map(|(_, a)| a.text.clone())
            .collect();
        assert!(texts.iter().all(|t| !t.contains('@')), "{texts:?}");
    })
    .await;
}
