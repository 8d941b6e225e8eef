//! The organiser dashboard's counts, against independently created data on both engines.

use super::{answers, at, during, fixture, key, stored_id, submit_at};
use chrono::Duration;
use inspraak_domain::ideas::{NewIdea, RawIdea, Visibility};
use inspraak_domain::session::NewProposedEvent;
use inspraak_domain::traceability::{Contribution, NewLink};
use inspraak_domain::{Email, IdeaId, NewProcess, ProcessId, Role, ThemeId, UserId};
use inspraak_store::ideas::{self, SubmitOutcome, forum};
use inspraak_store::testing::each_engine;
use inspraak_store::{
    ConnectionTrait, consultation, dashboard, outcomes, process, session, traceability, users,
};

async fn idea(conn: &impl ConnectionTrait, process: ProcessId, theme: ThemeId, n: u32) -> IdeaId {
    let key = format!("dashboard-key-{n:08}");
    let new = NewIdea::parse(
        &RawIdea {
            theme: &theme.to_string(),
            title: "Open data",
            body: "Uitleg.",
            name: "",
            email: "",
            consent: false,
            key: &key,
        },
        &[theme],
    )
    .unwrap();
    let moderation = ideas::settings(conn, process).await.unwrap().moderation;
    let SubmitOutcome::Stored(id) = ideas::submit(conn, process, &new, moderation, during())
        .await
        .unwrap()
    else {
        panic!("stored")
    };
    id
}

async fn member(conn: &impl ConnectionTrait) -> UserId {
    let email = Email::parse("lid@example.nl").unwrap();
    users::insert(
        conn,
        &users::NewUser {
            email: &email,
            display_name: "Lid",
            organisation: None,
            role: Role::ForumMember,
            password_hash: "x",
        },
        during(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn counts_per_process_and_consultation_come_from_the_data() {
    each_engine(|t| async move {
        let db = &t.db;
        let conn = db.write();
        let f = fixture(db).await;
        let other = process::insert(
            conn,
            &NewProcess::parse("Ander proces", "", "Samenvatting").unwrap(),
            during(),
        )
        .await
        .unwrap();

        // Three ideas: one approved (then linked to a thread), two waiting.
        let approved = idea(conn, f.process, f.themes[0], 1).await;
        idea(conn, f.process, f.themes[0], 2).await;
        idea(conn, f.process, f.themes[1], 3).await;
        let user = member(conn).await;
        ideas::moderate(
            conn,
            f.process,
            approved,
            Visibility::Public,
            None,
            user,
            during(),
        )
        .await
        .unwrap();

        // Two responses a week apart; one linked to a thread.
        let old = submit_at(db, &f, &key(1), &answers(&f, true), at(2026, 9, 2, 9, 0)).await;
        submit_at(db, &f, &key(2), &answers(&f, false), at(2026, 9, 14, 9, 0)).await;
        let thread = outcomes::add_thread(
            conn,
            f.consultation,
            outcomes::ThreadTexts::untranslated("Draad", "Uitleg"),
            &[],
        )
        .await
        .unwrap();
        let link = NewLink::parse(&format!("thread:{thread}"), "Hierom.").unwrap();
        let old_response = Contribution::Response(stored_id(&old));
        traceability::link(conn, old_response, &link, None, during())
            .await
            .unwrap();

        // A flagged comment on the approved idea, and one pending agenda proposal.
        let comment = forum::add_comment(
            conn,
            forum::CommentSubject::Idea(approved),
            None,
            user,
            "Kijk hier",
            during(),
        )
        .await
        .unwrap();
        forum::flag(conn, comment, user, during()).await.unwrap();
        let proposal = NewProposedEvent::parse(
            "Meetup open data",
            "2026-10-20T19:00",
            "Stichting",
            "https://example.nl/meetup",
        )
        .unwrap();
        session::propose_event(conn, &proposal, during())
            .await
            .unwrap();

        // During the consultation, "new" means the last seven days.
        let now = during();
        let d = dashboard::load(db.read(), now, now - Duration::days(7))
            .await
            .unwrap();
        let counts = d.process(f.process);
        assert_eq!(counts.ideas_awaiting, 2, "{:?}", t.engine);
        assert_eq!(
            counts.ideas_unlinked, 1,
            "the approved idea, not yet linked"
        );
        assert_eq!(counts.flagged_comments, 1);
        assert_eq!(d.flagged_total(), 1);
        assert_eq!(d.process(other), Default::default());
        assert_eq!(d.pending_proposals, 1);
        let c = d.consultations_of(f.process).next().unwrap().clone();
        assert_eq!(c.id, f.consultation);
        assert_eq!(c.new_responses, 1, "only the response of 14 September");
        assert_eq!(c.unlinked_responses, 1);
        assert!(!c.closed && !c.outcome_due());
        assert_eq!(d.consultations_of(other).count(), 0);

        // Linking the idea takes it off the list; hiding a response takes it off both counts.
        let link_idea = Contribution::Idea(approved);
        traceability::link(conn, link_idea, &link, None, during())
            .await
            .unwrap();
        let fresh = consultation::responses::list(db.read(), f.consultation, 1, 10)
            .await
            .unwrap();
        let newest = fresh
            .rows
            .iter()
            .map(|r| r.id)
            .find(|id| *id != stored_id(&old))
            .unwrap();
        consultation::responses::set_hidden(conn, f.consultation, newest, true, during())
            .await
            .unwrap();
        let d = dashboard::load(db.read(), now, now - Duration::days(7))
            .await
            .unwrap();
        assert_eq!(d.process(f.process).ideas_unlinked, 0);
        let c = d.consultations_of(f.process).next().unwrap().clone();
        assert_eq!((c.new_responses, c.unlinked_responses), (0, 0));

        // After closing: the outcome is due until it is published.
        let later = at(2026, 10, 15, 12, 0);
        let d = dashboard::load(db.read(), later, later - Duration::days(7))
            .await
            .unwrap();
        assert!(d.consultations[0].closed && d.consultations[0].outcome_due());
        outcomes::set_published(conn, f.consultation, true, later)
            .await
            .unwrap();
        let d = dashboard::load(db.read(), later, later - Duration::days(7))
            .await
            .unwrap();
        assert!(d.consultations[0].outcome_published && !d.consultations[0].outcome_due());
    })
    .await;
}
