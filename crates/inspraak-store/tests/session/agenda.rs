//! The agenda, reports, attendance, messages, proposed events.

use crate::support::*;
use chrono::Duration;
use inspraak_domain::session::{NewProposedEvent, ProposalStatus, RegistrationState, ReportText};
use inspraak_domain::{NewProcess, NewTheme};
use inspraak_store::session::{self, AgendaScope};
use inspraak_store::testing::each_engine;
use inspraak_store::{StoreError, outbox, process};

#[tokio::test]
async fn the_agenda_shows_public_sessions_upcoming_and_past_with_reports() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let public = published_process(&t.db, "Actieplan 2026").await;
        let theme = process::add_theme(
            t.db.write(),
            public,
            &NewTheme::parse("Open Inkoop", "", "").unwrap(),
        )
        .await
        .unwrap();
        let draft = process::insert(
            t.db.write(),
            &NewProcess::parse("Concept", "", "Nog niet openbaar").unwrap(),
            now(),
        )
        .await
        .unwrap();
        let mut themed = session_form("Open Inkoop", "10", Duration::days(3));
        themed.theme_id = Some(theme);
        let themed = session::insert(t.db.write(), public, &themed, now())
            .await
            .unwrap();
        let later = session_form("Sneak preview", "", Duration::days(9));
        let later = session::insert(t.db.write(), public, &later, now())
            .await
            .unwrap();
        let past = session_form("Open Justice", "10", Duration::days(-30));
        let past = session::insert(t.db.write(), public, &past, now())
            .await
            .unwrap();
        let past_no_report = session_form("Open Organisatie", "10", Duration::days(-20));
        session::insert(t.db.write(), public, &past_no_report, now())
            .await
            .unwrap();
        let hidden = session_form("Geheim", "10", Duration::days(2));
        session::insert(t.db.write(), draft, &hidden, now())
            .await
            .unwrap();

        let upcoming = session::upcoming(t.db.read(), now(), AgendaScope::All)
            .await
            .unwrap();
        let ids: Vec<_> = upcoming.iter().map(|e| e.session.id).collect();
        assert_eq!(ids, [themed, later], "{:?}", t.engine);
        assert_eq!(
            upcoming[0].theme_name.as_ref().map(|t| t.main.as_str()),
            Some("Open Inkoop")
        );
        assert_eq!(upcoming[0].process_slug, "actieplan-2026");
        let per_theme = session::upcoming(t.db.read(), now(), AgendaScope::Theme(theme))
            .await
            .unwrap();
        assert_eq!(per_theme.len(), 1);

        assert!(
            session::agenda(t.db.read(), now(), AgendaScope::All)
                .await
                .unwrap()
                .past
                .is_empty()
        );
        let text = ReportText::parse("## Wat we hoorden\nVeel over open klachten.").unwrap();
        let translation =
            ReportText::parse("## What we heard\nMuch about open complaints.").unwrap();
        session::save_report(
            t.db.write(),
            &mailer,
            past,
            &text,
            Some(&translation),
            true,
            now(),
        )
        .await
        .unwrap();
        let with_report = session::agenda(t.db.read(), now(), AgendaScope::Process(public))
            .await
            .unwrap()
            .past;
        assert_eq!(with_report.len(), 1);
        assert_eq!(
            with_report[0].session.published_report(),
            Some(&inspraak_domain::Translated::new(
                text.as_str(),
                Some(translation.as_str().to_owned())
            ))
        );
        assert!(
            session::find_public(t.db.read(), past)
                .await
                .unwrap()
                .is_some()
        );
        let draft_sessions = session::list_for_process(t.db.read(), draft).await.unwrap();
        assert!(
            session::find_public(t.db.read(), draft_sessions[0].id)
                .await
                .unwrap()
                .is_none()
        );

        // A second past session with a report, older: the past list is latest first.
        let older = session_form("Open Data", "10", Duration::days(-40));
        let older = session::insert(t.db.write(), public, &older, now())
            .await
            .unwrap();
        session::save_report(t.db.write(), &mailer, older, &text, None, true, now())
            .await
            .unwrap();
        // The combined query's upcoming list equals `upcoming`, and both lists hold what each
        // scope has.
        for (scope, upcoming, past) in [
            (AgendaScope::All, 2, 2),
            (AgendaScope::Process(public), 2, 2),
            (AgendaScope::Theme(theme), 1, 0),
            (AgendaScope::Process(draft), 0, 0),
        ] {
            let both = session::agenda(t.db.read(), now(), scope).await.unwrap();
            let separate = session::upcoming(t.db.read(), now(), scope).await.unwrap();
            assert_eq!(both.upcoming, separate, "{scope:?} {:?}", t.engine);
            assert_eq!((both.upcoming.len(), both.past.len()), (upcoming, past));
        }
        for scope in [AgendaScope::All, AgendaScope::Process(public)] {
            let both = session::agenda(t.db.read(), now(), scope).await.unwrap();
            let past_ids: Vec<_> = both.past.iter().map(|e| e.session.id).collect();
            assert_eq!(past_ids, [past, older], "latest first: {scope:?}");
            assert!(
                both.past
                    .iter()
                    .all(|e| e.session.published_report().is_some())
            );
        }
    })
    .await;
}

#[tokio::test]
async fn a_published_report_is_mailed_once_to_participants_who_asked_for_it() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "5").await;
        join(&t.db, &mailer, &session, "wil@example.nl").await;
        let no_thanks = inspraak_domain::session::NewRegistration::parse(
            "Nee",
            "nee@example.nl",
            "",
            "",
            false,
        )
        .unwrap();
        session::sign_up(t.db.write(), &mailer, &session, &no_thanks, now())
            .await
            .unwrap();
        confirm(&t.db, &mailer, &mailer.confirm_token("nee@example.nl")).await;
        let text = ReportText::parse("Verslag").unwrap();
        let draft =
            session::save_report(t.db.write(), &mailer, session.id, &text, None, false, now())
                .await
                .unwrap();
        assert_eq!(draft.mailed, 0);
        let first =
            session::save_report(t.db.write(), &mailer, session.id, &text, None, true, now())
                .await
                .unwrap();
        assert_eq!(
            (first.newly_published, first.mailed),
            (true, 1),
            "{:?}",
            t.engine
        );
        let queued = outbox::counts(t.db.read()).await.unwrap().waiting;
        session::unpublish_report(t.db.write(), session.id)
            .await
            .unwrap();
        let again =
            session::save_report(t.db.write(), &mailer, session.id, &text, None, true, now())
                .await
                .unwrap();
        assert_eq!((again.newly_published, again.mailed), (true, 0));
        assert_eq!(outbox::counts(t.db.read()).await.unwrap().waiting, queued);
        assert!(
            !mailer
                .kinds_for("nee@example.nl")
                .contains(&"report".to_owned())
        );
    })
    .await;
}

#[tokio::test]
async fn a_message_to_participants_goes_once_per_form_and_only_to_confirmed_people() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "1").await;
        join(&t.db, &mailer, &session, "in@example.nl").await;
        join(&t.db, &mailer, &session, "wacht@example.nl").await;
        sign_up(&t.db, &mailer, &session, "pending@example.nl").await;
        let send = |key: &'static str| {
            let (db, mailer) = (t.db.clone(), &mailer);
            async move {
                session::mail_participants(
                    db.write(),
                    mailer,
                    session.id,
                    "Nieuwe link",
                    "Zie hieronder.",
                    key,
                    now(),
                )
                .await
                .unwrap()
            }
        };
        assert_eq!(send("form-1").await, 1, "{:?}", t.engine);
        assert_eq!(send("form-1").await, 0);
        assert_eq!(send("form-2").await, 1);
        let messages = mailer
            .all()
            .iter()
            .filter(|s| s.kind.starts_with("message"))
            .count();
        // Composed three times (the second was refused by its dedupe key), queued twice.
        assert_eq!(messages, 3);
        assert!(
            mailer
                .kinds_for("wacht@example.nl")
                .iter()
                .all(|k| !k.starts_with("message"))
        );
        assert!(outbox::counts(t.db.read()).await.unwrap().waiting >= 2);
    })
    .await;
}

#[tokio::test]
async fn attendance_is_recorded_for_confirmed_sign_ups_of_this_session_only() {
    each_engine(|t| async move {
        let mailer = TestMailer::default();
        let process = published_process(&t.db, "Actieplan 2026").await;
        let session = session(&t.db, process, "5").await;
        let other = session_form("Andere sessie", "5", Duration::days(8));
        let other = session::insert(t.db.write(), process, &other, now())
            .await
            .unwrap();
        let other = find(&t.db, other).await;
        join(&t.db, &mailer, &session, "a@example.nl").await;
        join(&t.db, &mailer, &session, "b@example.nl").await;
        join(&t.db, &mailer, &other, "c@example.nl").await;
        let rows = session::registrations(t.db.read(), session.id)
            .await
            .unwrap();
        let foreign = session::registrations(t.db.read(), other.id).await.unwrap();
        session::record_attendance(t.db.write(), session.id, &[rows[0].id, foreign[0].id])
            .await
            .unwrap();
        let rows = session::registrations(t.db.read(), session.id)
            .await
            .unwrap();
        let attended: Vec<_> = rows.iter().map(|r| r.attended).collect();
        assert_eq!(attended, [Some(true), Some(false)], "{:?}", t.engine);
        let foreign = session::registrations(t.db.read(), other.id).await.unwrap();
        assert_eq!(foreign[0].attended, None);
        // A session with active sign-ups cannot be deleted; an empty one can.
        let refused = session::delete(t.db.write(), process, session.id).await;
        assert!(matches!(
            refused,
            Err(StoreError::Conflict("registrations"))
        ));
        let empty = session_form("Leeg", "5", Duration::days(8));
        let empty = session::insert(t.db.write(), process, &empty, now())
            .await
            .unwrap();
        session::delete(t.db.write(), process, empty).await.unwrap();
        assert!(session::find(t.db.read(), empty).await.unwrap().is_none());
        assert_eq!(rows[0].state, RegistrationState::Confirmed);
    })
    .await;
}

#[tokio::test]
async fn a_theme_of_another_process_is_refused() {
    each_engine(|t| async move {
        let a = published_process(&t.db, "Actieplan A").await;
        let b = published_process(&t.db, "Actieplan B").await;
        let theme_of_b = process::add_theme(
            t.db.write(),
            b,
            &NewTheme::parse("Open Inkoop", "", "").unwrap(),
        )
        .await
        .unwrap();
        let mut form = session_form("Sessie", "5", Duration::days(3));
        form.theme_id = Some(theme_of_b);
        let refused = session::insert(t.db.write(), a, &form, now()).await;
        assert!(
            matches!(refused, Err(StoreError::Conflict("theme_id"))),
            "{:?}",
            t.engine
        );
    })
    .await;
}

#[tokio::test]
async fn proposed_events_appear_only_after_approval_and_are_decided_once() {
    each_engine(|t| async move {
        let proposal = NewProposedEvent::parse(
            "Open data meetup",
            "2026-12-03T19:30",
            "Gemeente Utrecht",
            "https://example.nl/meetup",
        )
        .unwrap();
        let id = session::propose_event(t.db.write(), &proposal, now())
            .await
            .unwrap();
        let other = session::propose_event(t.db.write(), &proposal, now())
            .await
            .unwrap();
        assert!(
            session::approved_proposals(t.db.read(), now())
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            session::list_proposals(t.db.read(), ProposalStatus::Pending)
                .await
                .unwrap()
                .len(),
            2
        );
        session::decide_proposal(t.db.write(), id, true, now())
            .await
            .unwrap();
        session::decide_proposal(t.db.write(), other, false, now())
            .await
            .unwrap();
        let twice = session::decide_proposal(t.db.write(), id, false, now()).await;
        assert!(
            matches!(twice, Err(StoreError::Conflict("decided"))),
            "{:?}",
            t.engine
        );
        let shown = session::approved_proposals(t.db.read(), now())
            .await
            .unwrap();
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].status, ProposalStatus::Approved);
        assert_eq!(shown[0].link, "https://example.nl/meetup");
    })
    .await;
}
