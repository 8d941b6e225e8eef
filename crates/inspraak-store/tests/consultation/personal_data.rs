use crate::*;
use inspraak_domain::Email;
use inspraak_domain::retention::RetentionDays;
use inspraak_store::consultation::NewContact;
use inspraak_store::consultation::privacy;
use inspraak_store::retention;
use inspraak_store::testing::each_engine;
use inspraak_store::tokens::hash_token;

async fn submit_with_address(db: &Db, f: &Fixture, n: usize, address: &str) {
    let email = Email::parse(address).unwrap();
    let version = consultation::find(db.read(), f.consultation)
        .await
        .unwrap()
        .unwrap()
        .structure_version;
    let receipt = consultation::new_receipt_code();
    let token_hash = hash_token(&format!("token-{n}"));
    let given = answers(f, true);
    let outcome = consultation::submit(
        db.write(),
        &NewResponse {
            consultation: f.consultation,
            structure_version: version,
            key: &key(n),
            receipt: &receipt,
            answers: &given,
            contact: Some(NewContact {
                email: &email,
                erase_token_hash: &token_hash,
                confirmation: None,
                language: inspraak_domain::Language::Dutch,
            }),
        },
        during(),
    )
    .await
    .unwrap();
    assert!(matches!(outcome, SubmitOutcome::Stored(_)), "{outcome:?}");
}

#[tokio::test]
async fn addresses_are_erased_after_the_retention_period_and_answers_and_counts_stay() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        submit_with_address(&t.db, &f, 1, "a@example.nl").await;
        submit_with_address(&t.db, &f, 2, "b@example.nl").await;
        // 30 days after closing (Dutch midnight after 30 September = 22:00 UTC).
        retention::set(
            t.db.write(),
            f.process,
            RetentionDays::new(30).unwrap(),
            during(),
        )
        .await
        .unwrap();
        assert_eq!(
            retention::days_for(t.db.read(), f.process)
                .await
                .unwrap()
                .days(),
            30
        );
        let contacts = privacy::contacts_for_updates(t.db.read(), f.consultation)
            .await
            .unwrap();
        assert!(
            contacts
                .iter()
                .all(|c| c.erase_after == at(2026, 10, 30, 22, 0)),
            "{:?}",
            t.engine
        );

        let erased = privacy::erase_expired(t.db.write(), at(2026, 10, 30, 21, 59))
            .await
            .unwrap();
        assert_eq!(erased, 0, "a minute early erases nothing");
        let erased = privacy::erase_expired(t.db.write(), at(2026, 10, 30, 22, 0))
            .await
            .unwrap();
        assert_eq!(erased, 2);
        assert_eq!(
            privacy::contact_count(t.db.read(), f.consultation)
                .await
                .unwrap(),
            0
        );
        assert_eq!(response_count(&t.db, &f).await, (2, 0));
        assert_eq!(tally(&t.db, &f, f.question(1), "yes").await, (2, 0));
        let page = consultation::responses::list(t.db.read(), f.consultation, 1, 10)
            .await
            .unwrap();
        assert!(page.rows.iter().all(|r| r.answers.len() == 3));
    })
    .await;
}

#[tokio::test]
async fn the_erase_link_removes_one_address_once() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        submit_with_address(&t.db, &f, 1, "a@example.nl").await;
        submit_with_address(&t.db, &f, 2, "b@example.nl").await;
        let hash = hash_token("token-1");
        assert!(privacy::token_in_use(t.db.read(), &hash).await.unwrap());
        assert!(privacy::erase_by_token(t.db.write(), &hash).await.unwrap());
        assert!(!privacy::erase_by_token(t.db.write(), &hash).await.unwrap());
        assert!(!privacy::token_in_use(t.db.read(), &hash).await.unwrap());
        // A later mail gets a fresh link; the old one then no longer works.
        let other = privacy::contacts_for_updates(t.db.read(), f.consultation)
            .await
            .unwrap()[0]
            .response;
        assert!(
            privacy::renew_erase_token(t.db.write(), other, &hash_token("later-mail"))
                .await
                .unwrap()
        );
        assert!(
            !privacy::token_in_use(t.db.read(), &hash_token("token-2"))
                .await
                .unwrap()
        );
        assert!(
            privacy::token_in_use(t.db.read(), &hash_token("later-mail"))
                .await
                .unwrap()
        );
        let left = privacy::contacts_for_updates(t.db.read(), f.consultation)
            .await
            .unwrap();
        let left: Vec<_> = left.iter().map(|c| c.email.as_str()).collect();
        assert_eq!(left, ["b@example.nl"], "{:?}", t.engine);
        assert_eq!(response_count(&t.db, &f).await, (2, 0));
    })
    .await;
}

#[tokio::test]
async fn moving_the_closing_date_moves_the_erase_date() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        submit_with_address(&t.db, &f, 1, "a@example.nl").await;
        let longer = NewConsultation::parse(
            "Titel",
            "Intro",
            "Privacy",
            "2026-09-01",
            "",
            "2026-10-31",
            "",
        )
        .unwrap();
        admin::update(t.db.write(), f.consultation, &longer, during())
            .await
            .unwrap();
        let contacts = privacy::contacts_for_updates(t.db.read(), f.consultation)
            .await
            .unwrap();
        // Winter time by then: Dutch midnight after 31 October 2026 is 23:00 UTC; plus 365 days.
        assert_eq!(contacts[0].erase_after, at(2027, 10, 31, 23, 0));
    })
    .await;
}
