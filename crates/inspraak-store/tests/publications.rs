#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Publications store tests on SQLite (and PostgreSQL with `INSPRAAK_TEST_PG`): the bound on
//! confirmation mails, confirming once, who gets a publication, and that a publication mail with
//! the same dedupe key is queued once.

use chrono::{NaiveDate, TimeZone, Utc};
use inspraak_domain::{Email, NewProcess};
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::process;
use inspraak_store::publications::{
    self, Frequency, MAX_CONFIRM_MAILS, NewDocument, Owner, SubscribeOutcome,
};
use inspraak_store::testing::each_engine;

fn noon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .single()
        .unwrap()
}

#[tokio::test]
async fn subscriptions_confirm_once_and_only_confirmed_immediate_followers_get_mail() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let new = NewProcess::parse("Actieplan 2026", "", "Samen").unwrap();
        let process = process::insert(conn, &new, noon()).await.unwrap();
        let email = Email::parse("volger@example.nl").unwrap();
        let mut confirmations = 0;
        for _ in 0..5 {
            if let SubscribeOutcome::Confirm(_) =
                publications::subscribe(conn, process, &email, Frequency::Immediate, noon())
                    .await
                    .unwrap()
            {
                confirmations += 1;
            }
        }
        assert_eq!(confirmations, MAX_CONFIRM_MAILS);
        let weekly = Email::parse("week@example.nl").unwrap();
        let SubscribeOutcome::Confirm(week) =
            publications::subscribe(conn, process, &weekly, Frequency::Weekly, noon())
                .await
                .unwrap()
        else {
            panic!("first request confirms");
        };
        let pending = Email::parse("twijfel@example.nl").unwrap();
        publications::subscribe(conn, process, &pending, Frequency::Immediate, noon())
            .await
            .unwrap();
        let first = publications::find_subscription(conn, inspraak_domain::SubscriptionId(1))
            .await
            .unwrap()
            .unwrap();
        assert!(publications::confirm(conn, first.id, noon()).await.unwrap());
        assert!(!publications::confirm(conn, first.id, noon()).await.unwrap());
        assert!(publications::confirm(conn, week.id, noon()).await.unwrap());
        // Confirmed: asking again sends nothing and reveals nothing.
        assert_eq!(
            publications::subscribe(conn, process, &email, Frequency::Immediate, noon())
                .await
                .unwrap(),
            SubscribeOutcome::Nothing
        );
        let immediate = publications::confirmed_immediate(conn, process)
            .await
            .unwrap();
        assert_eq!(
            immediate
                .iter()
                .map(|s| s.email.as_str())
                .collect::<Vec<_>>(),
            ["volger@example.nl"]
        );
        assert_eq!(
            publications::count_confirmed(conn, process).await.unwrap(),
            2
        );

        let mail = NewMail {
            recipient: email.clone(),
            subject: "Nieuw".into(),
            body_text: "Update 1".into(),
            attachment: None,
            dedupe_key: Some(format!("publication:report:1:{}", first.id)),
        };
        let queued = outbox::enqueue(conn, &mail, noon()).await.unwrap().unwrap();
        outbox::set_list_unsubscribe(conn, queued, "https://x.example/volgen/1/ab/afmelden")
            .await
            .unwrap();
        assert!(
            outbox::enqueue(conn, &mail, noon())
                .await
                .unwrap()
                .is_none()
        );
        let claimed = outbox::claim_next(conn, noon(), chrono::Duration::minutes(5))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            claimed.list_unsubscribe.as_deref(),
            Some("https://x.example/volgen/1/ab/afmelden")
        );

        assert!(publications::unsubscribe(conn, first.id).await.unwrap());
        assert!(!publications::unsubscribe(conn, first.id).await.unwrap());
        assert!(
            publications::confirmed_immediate(conn, process)
                .await
                .unwrap()
                .is_empty()
        );
    })
    .await;
}

#[tokio::test]
async fn documents_are_listed_by_owner_and_newest_date_first() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let new = NewProcess::parse("Actieplan 2026", "", "Samen").unwrap();
        let process = process::insert(conn, &new, noon()).await.unwrap();
        let report = publications::insert_report(
            conn,
            process,
            publications::NewReportTexts {
                title: "Update 1",
                title_translation: None,
                body: "Tekst",
                body_translation: None,
            },
            NaiveDate::from_ymd_opt(2021, 4, 14).unwrap(),
            noon(),
        )
        .await
        .unwrap();
        for (title, owner, day) in [
            ("Oud", Owner::Process(process), 1),
            ("Bijlage", Owner::Report(report), 2),
            ("Nieuw", Owner::Process(process), 3),
        ] {
            let storage = format!("{title}.pdf");
            let document = NewDocument {
                process_id: process,
                owner,
                title,
                title_translation: None,
                description: "",
                description_translation: None,
                date: NaiveDate::from_ymd_opt(2021, 5, day).unwrap(),
                language: "nl",
                file_kind: "pdf",
                size_bytes: 10,
                storage_name: &storage,
            };
            publications::insert_document(conn, &document, noon())
                .await
                .unwrap();
        }
        let all = publications::documents_for_process(conn, process)
            .await
            .unwrap();
        assert_eq!(
            all.iter()
                .map(|d| d.title.main.as_str())
                .collect::<Vec<_>>(),
            ["Nieuw", "Bijlage", "Oud"]
        );
        let attached = publications::documents_of(conn, Owner::Report(report))
            .await
            .unwrap();
        assert_eq!(attached.len(), 1);
        assert_eq!(publications::count_documents(conn).await.unwrap(), 3);
        assert_eq!(
            publications::reports_for_process(conn, process)
                .await
                .unwrap()[0]
                .title
                .main,
            "Update 1"
        );
    })
    .await;
}
