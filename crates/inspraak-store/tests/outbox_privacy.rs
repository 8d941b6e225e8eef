#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 20: a sent mail's outbox row keeps no address, text or attachment, only what dedupe
//! and counting need. On SQLite always, on PostgreSQL when `INSPRAAK_TEST_PG` is set.

use chrono::{Duration, TimeZone, Utc};
use inspraak_domain::Email;
use inspraak_store::outbox::{self, Attachment, NewMail};
use inspraak_store::privacy;
use inspraak_store::testing::each_engine;

const ADDRESS: &str = "Tess.Wisman@example.nl";
const NAME: &str = "Tess Wisman";

fn noon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .single()
        .unwrap()
}

fn invitation(key: &str) -> NewMail {
    NewMail {
        recipient: Email::parse(ADDRESS).unwrap(),
        subject: "Aanmelding bevestigd: Meedenksessie".into(),
        body_text: format!("Hallo {NAME},\n\nJe hebt een plaats."),
        attachment: Some(Attachment {
            file_name: "uitnodiging.ics".into(),
            content_type: "text/calendar; method=REQUEST".into(),
            body: format!("BEGIN:VCALENDAR\r\nATTENDEE:mailto:{ADDRESS}\r\nEND:VCALENDAR\r\n"),
        }),
        dedupe_key: Some(key.to_owned()),
    }
}

#[tokio::test]
async fn a_sent_mail_keeps_its_dedupe_key_and_sent_time_but_not_the_address() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let id = outbox::enqueue(conn, &invitation("confirmed:1"), noon())
            .await
            .unwrap()
            .unwrap();
        outbox::set_list_unsubscribe(conn, id, "https://inspraak.example/volgen/1/mac/afmelden")
            .await
            .unwrap();
        // Waiting: the row must hold everything the sender needs.
        let held = privacy::holding(conn, ADDRESS, Some(NAME)).await.unwrap();
        let columns: Vec<_> = held.iter().map(|(_, c, _)| *c).collect();
        assert_eq!(
            columns,
            ["recipient", "body_text", "attachment_body"],
            "{:?}",
            t.engine
        );

        let claimed = outbox::claim_next(conn, noon(), Duration::minutes(10))
            .await
            .unwrap()
            .unwrap();
        assert!(claimed.recipient.eq_ignore_ascii_case(ADDRESS));
        outbox::mark_sent(conn, claimed.id, noon() + Duration::seconds(1))
            .await
            .unwrap();

        let left = privacy::holding(conn, ADDRESS, Some(NAME)).await.unwrap();
        assert!(left.is_empty(), "{:?} still holds {left:?}", t.engine);
        assert_eq!(outbox::counts(conn).await.unwrap().sent, 1);
        // The dedupe key stays: the same mail is not queued again.
        assert_eq!(
            outbox::enqueue(
                conn,
                &invitation("confirmed:1"),
                noon() + Duration::hours(1)
            )
            .await
            .unwrap(),
            None
        );
        // Nothing left to send, and a new mail to the address is whole until it is sent.
        assert!(
            outbox::claim_next(conn, noon() + Duration::hours(1), Duration::minutes(10))
                .await
                .unwrap()
                .is_none()
        );
        outbox::enqueue(conn, &invitation("reminder:1"), noon() + Duration::hours(2))
            .await
            .unwrap()
            .unwrap();
        let again = outbox::claim_next(conn, noon() + Duration::hours(2), Duration::minutes(10))
            .await
            .unwrap()
            .unwrap();
        assert!(again.recipient.eq_ignore_ascii_case(ADDRESS));
        assert!(again.body_text.contains(NAME));
        assert!(again.attachment.is_some());
    })
    .await;
}
