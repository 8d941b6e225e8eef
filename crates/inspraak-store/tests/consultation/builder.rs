use crate::*;
use inspraak_domain::consultation::QuestionKind;
use inspraak_store::StoreError;
use inspraak_store::consultation::MoveDirection;
use inspraak_store::testing::each_engine;

fn prompts(questions: &[Question]) -> Vec<String> {
    questions.iter().map(|q| q.prompt.main.clone()).collect()
}

#[tokio::test]
async fn questions_keep_their_order_and_can_be_moved_and_reordered() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let conn = t.db.write();
        let before = prompts(&f.questions);
        assert_eq!(before.len(), 5, "{:?}", t.engine);
        admin::move_question(conn, f.consultation, f.question(2), MoveDirection::Up)
            .await
            .unwrap();
        let after = prompts(&consultation::questions(conn, f.consultation).await.unwrap());
        assert_eq!(after[1], before[2]);
        assert_eq!(after[2], before[1]);
        // Moving the first up or the last down changes nothing.
        admin::move_question(conn, f.consultation, f.question(0), MoveDirection::Up)
            .await
            .unwrap();
        admin::move_question(conn, f.consultation, f.question(4), MoveDirection::Down)
            .await
            .unwrap();
        assert_eq!(
            prompts(&consultation::questions(conn, f.consultation).await.unwrap()),
            after
        );
        let reversed: Vec<_> = f.questions.iter().rev().map(|q| q.id).collect();
        admin::reorder(conn, f.consultation, &reversed)
            .await
            .unwrap();
        let ids: Vec<_> = consultation::questions(conn, f.consultation)
            .await
            .unwrap()
            .iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(ids, reversed);
        // An order that leaves out a question is refused.
        let short = &reversed[1..];
        assert!(matches!(
            admin::reorder(conn, f.consultation, short).await,
            Err(StoreError::Conflict("question_order"))
        ));
    })
    .await;
}

#[tokio::test]
async fn once_a_response_exists_questions_cannot_be_removed_or_change_kind_but_texts_can_be_corrected()
 {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let conn = t.db.write();
        // Before any response everything may change.
        let changed = question("multiple_choice", "Hoe hoorde je hiervan?", "A\nB");
        admin::update_question(conn, f.consultation, f.question(3), &changed, during())
            .await
            .unwrap();
        let extra = admin::add_question(conn, f.consultation, &question("scale", "Cijfer?", ""))
            .await
            .unwrap();
        admin::remove_question(conn, f.consultation, extra, during())
            .await
            .unwrap();

        let outcome = submit_at(&t.db, &f, &key(1), &answers(&f, true)[..2], during()).await;
        assert!(matches!(outcome, SubmitOutcome::Stored(_)), "{outcome:?}");

        let remove = admin::remove_question(conn, f.consultation, f.question(2), during()).await;
        assert!(
            matches!(remove, Err(StoreError::Conflict("responses_exist"))),
            "{remove:?}"
        );
        let other_kind = question("short_text", "Heb je ideeën?", "");
        let kind =
            admin::update_question(conn, f.consultation, f.question(2), &other_kind, during())
                .await;
        assert!(
            matches!(kind, Err(StoreError::Conflict("responses_exist"))),
            "{kind:?}"
        );
        let fewer = question("multiple_choice", "Hoe hoorde je hiervan?", "A\nB");
        let three = question("multiple_choice", "Hoe hoorde je hiervan?", "A\nB\nC");
        admin::update_question(conn, f.consultation, f.question(3), &three, during())
            .await
            .unwrap();
        let dropped =
            admin::update_question(conn, f.consultation, f.question(3), &fewer, during()).await;
        assert!(matches!(
            dropped,
            Err(StoreError::Conflict("responses_exist"))
        ));

        let corrected = NewQuestion::parse(
            "long_text",
            "Heb je ideeën voor het actieplan?",
            "Schrijf zo veel je wilt.",
            true,
            "500",
            "",
            false,
        )
        .unwrap();
        admin::update_question(conn, f.consultation, f.question(2), &corrected, during())
            .await
            .unwrap();
        let now = admin::find_question(conn, f.consultation, f.question(2))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(now.prompt.main, "Heb je ideeën voor het actieplan?");
        assert_eq!(
            (now.kind, now.max_length, now.required),
            (QuestionKind::LongText, Some(500), true)
        );
        // Adding a question is still fine: earlier responses just have no answer to it.
        assert!(
            admin::add_question(conn, f.consultation, &question("scale", "Cijfer?", ""))
                .await
                .is_ok()
        );
    })
    .await;
}

#[tokio::test]
async fn a_consultation_has_at_most_one_email_question() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let second = question("email_updates", "Nog een adres?", "");
        let result = admin::add_question(t.db.write(), f.consultation, &second).await;
        assert!(matches!(
            result,
            Err(StoreError::Conflict("email_question"))
        ));
        // Editing the existing e-mail question itself is fine.
        let edit = question("email_updates", "Wil je de uitkomsten per e-mail?", "");
        admin::update_question(t.db.write(), f.consultation, f.question(4), &edit, during())
            .await
            .unwrap();
    })
    .await;
}

#[tokio::test]
async fn questions_of_another_consultation_are_not_found() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let conn = t.db.write();
        let other = admin::insert(conn, f.process, &september(), during())
            .await
            .unwrap();
        let edit = question("scale", "Cijfer?", "");
        let result = admin::update_question(conn, other, f.question(0), &edit, during()).await;
        assert!(matches!(result, Err(StoreError::NotFound)));
        let result = admin::remove_question(conn, other, f.question(0), during()).await;
        assert!(matches!(result, Err(StoreError::NotFound)));
        assert!(
            admin::find_in_process(conn, ProcessId(f.process.0 + 1000), f.consultation)
                .await
                .unwrap()
                .is_none()
        );
    })
    .await;
}

#[tokio::test]
async fn the_public_page_shows_the_open_consultation_else_the_next_else_the_last() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let conn = t.db.write();
        let october = NewConsultation::parse(
            "Oktober",
            "Intro",
            "Privacy",
            "2026-10-01",
            "",
            "2026-10-31",
            "",
        )
        .unwrap();
        let later = admin::insert(conn, f.process, &october, during())
            .await
            .unwrap();
        admin::set_status(conn, later, ConsultationStatus::Published, during())
            .await
            .unwrap();
        let draft = NewConsultation::parse(
            "Concept",
            "Intro",
            "Privacy",
            "2026-08-01",
            "",
            "2026-12-31",
            "",
        )
        .unwrap();
        admin::insert(conn, f.process, &draft, during())
            .await
            .unwrap();

        let db = &t.db;
        let shown = |now| async move {
            admin::public_for_process(db.read(), f.process, now)
                .await
                .unwrap()
                .map(|c| c.id)
        };
        assert_eq!(
            shown(at(2026, 8, 1, 12, 0)).await,
            Some(f.consultation),
            "next to open"
        );
        assert_eq!(shown(during()).await, Some(f.consultation), "open now");
        assert_eq!(
            shown(at(2026, 10, 15, 12, 0)).await,
            Some(later),
            "open now"
        );
        assert_eq!(
            shown(at(2027, 1, 1, 12, 0)).await,
            Some(later),
            "closed last"
        );
    })
    .await;
}
