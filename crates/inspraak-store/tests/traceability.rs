#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Traceability links and digest notices on SQLite and (with `INSPRAAK_TEST_PG`) PostgreSQL.

use chrono::{Duration, TimeZone, Utc};
use inspraak_domain::ideas::{NewActionPoint, NewIdea, RawActionPoint, RawIdea};
use inspraak_domain::traceability::{Contribution, ContributionKind, NewLink, NoticeEvent, Target};
use inspraak_domain::{ActionPointId, NewProcess, NewTheme, ProcessId, ThemeId};
use inspraak_store::ideas::{self, SubmitOutcome, action_points};
use inspraak_store::testing::each_engine;
use inspraak_store::traceability::{self, notices, trace};
use inspraak_store::{ConnectionTrait, StoreError, process, tokens};

fn noon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

async fn process(conn: &impl ConnectionTrait, title: &str) -> (ProcessId, ThemeId) {
    let process = process::insert(conn, &NewProcess::parse(title, "", "S").unwrap(), noon())
        .await
        .unwrap();
    let theme = process::add_theme(
        conn,
        process,
        &NewTheme::parse("Open Data", "", "").unwrap(),
    )
    .await
    .unwrap();
    (process, theme)
}

async fn idea(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    theme: ThemeId,
    key: &str,
    email: &str,
) -> Contribution {
    let new = NewIdea::parse(
        &RawIdea {
            theme: &theme.to_string(),
            title: "Open data",
            body: "Uitleg.",
            name: "",
            email,
            consent: !email.is_empty(),
            key,
        },
        &[theme],
    )
    .unwrap();
    let moderation = ideas::settings(conn, process).await.unwrap().moderation;
    let SubmitOutcome::Stored(id) = ideas::submit(conn, process, &new, moderation, noon())
        .await
        .unwrap()
    else {
        panic!("stored")
    };
    Contribution::Idea(id)
}

async fn point(conn: &impl ConnectionTrait, process: ProcessId, theme: ThemeId) -> ActionPointId {
    let new = NewActionPoint::parse(
        &RawActionPoint {
            theme: &theme.to_string(),
            title: "Open by design",
            description: "Uitleg",
            holder: "BZK",
            partners: "",
            status: "in_progress",
            findings: "",
            ..Default::default()
        },
        &[theme],
    )
    .unwrap();
    action_points::insert(conn, process, &new, None, noon())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_link_is_unique_stays_in_its_process_and_queues_one_notice_per_event() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let (p, theme) = process(conn, "Plan").await;
        let (other_p, other_theme) = process(conn, "Ander plan").await;
        let with_mail = idea(conn, p, theme, "key-aaaaaaaaaaaaaaaa", "a@example.nl").await;
        let without = idea(conn, p, theme, "key-bbbbbbbbbbbbbbbb", "").await;
        let ap = point(conn, p, theme).await;
        let foreign = point(conn, other_p, other_theme).await;
        let link = |id: ActionPointId| {
            NewLink::parse(&format!("action_point:{}", id.0), "Hierom.").unwrap()
        };

        assert!(
            traceability::link(conn, with_mail, &link(ap), None, noon())
                .await
                .unwrap(),
            "{:?}",
            t.engine
        );
        assert!(
            !traceability::link(conn, with_mail, &link(ap), None, noon())
                .await
                .unwrap(),
            "twice is a no-op"
        );
        assert!(
            traceability::link(conn, without, &link(ap), None, noon())
                .await
                .unwrap()
        );
        assert!(matches!(
            traceability::link(conn, with_mail, &link(foreign), None, noon()).await,
            Err(StoreError::NotFound)
        ));
        let target = Target::ActionPoint(ap);
        assert_eq!(
            traceability::for_target(conn, target).await.unwrap().len(),
            2
        );
        assert_eq!(
            traceability::counts_for_target(conn, target).await.unwrap()[&ContributionKind::Idea],
            2
        );

        // One "linked" notice (the idea without consent has no address), then progress, once.
        notices::queue_progress(conn, ap, "u1", noon())
            .await
            .unwrap();
        notices::queue_progress(conn, ap, "u1", noon())
            .await
            .unwrap();
        let later = noon() + Duration::days(1);
        let pending = notices::pending(conn, later, 100).await.unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].email, "a@example.nl");
        let events: Vec<_> = pending[0].notices.iter().map(|n| n.event).collect();
        assert_eq!(events, vec![NoticeEvent::Linked, NoticeEvent::Progress]);
        let ids: Vec<i64> = pending[0].notices.iter().map(|n| n.id).collect();
        notices::mark_digested(conn, &ids, later).await.unwrap();
        assert!(notices::pending(conn, later, 100).await.unwrap().is_empty());

        // After opting out nothing new is queued and pending notices are dropped.
        notices::queue_progress(conn, ap, "u2", noon())
            .await
            .unwrap();
        let key = notices::email_key(" A@Example.nl ");
        assert!(notices::opt_out(conn, &key, later).await.unwrap());
        assert!(!notices::opt_out(conn, &key, later).await.unwrap(), "once");
        assert!(notices::pending(conn, later, 100).await.unwrap().is_empty());
        notices::queue_progress(conn, ap, "u3", noon())
            .await
            .unwrap();
        assert!(notices::pending(conn, later, 100).await.unwrap().is_empty());

        // Unlinking removes only this contribution's link.
        let mine = traceability::for_contribution(conn, with_mail)
            .await
            .unwrap();
        assert!(
            traceability::unlink(conn, without, mine[0].id)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            traceability::unlink(conn, with_mail, mine[0].id)
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(
            traceability::for_target(conn, target).await.unwrap().len(),
            1
        );
    })
    .await;
}

#[tokio::test]
async fn trace_tokens_are_stored_hashed_and_open_only_their_contribution() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let (p, theme) = process(conn, "Plan").await;
        let a = idea(conn, p, theme, "key-aaaaaaaaaaaaaaaa", "").await;
        let b = idea(conn, p, theme, "key-bbbbbbbbbbbbbbbb", "").await;
        let (ta, tb) = (tokens::new_token(), tokens::new_token());
        trace::add(conn, a, &tokens::hash_token(&ta), noon())
            .await
            .unwrap();
        trace::add(conn, b, &tokens::hash_token(&tb), noon())
            .await
            .unwrap();
        assert_eq!(
            trace::resolve(conn, &tokens::hash_token(&ta))
                .await
                .unwrap(),
            Some(a),
            "{:?}",
            t.engine
        );
        assert_eq!(
            trace::resolve(conn, &tokens::hash_token(&tb))
                .await
                .unwrap(),
            Some(b)
        );
        assert_eq!(
            trace::resolve(conn, &ta).await.unwrap(),
            None,
            "the token itself is not stored"
        );
        assert!(
            trace::belongs_to(conn, a, &tokens::hash_token(&ta))
                .await
                .unwrap()
        );
        assert!(
            !trace::belongs_to(conn, a, &tokens::hash_token(&tb))
                .await
                .unwrap()
        );
    })
    .await;
}
