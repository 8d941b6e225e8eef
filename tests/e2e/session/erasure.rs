//! Issue 20, finding 6: "erase my data" is complete. A participant leaves one address (and a
//! name) in a sign-up, a consultation response, an idea and a follow, with queued notices and
//! mails about them; the erase link in the idea's status mail erases it from every column in
//! `inspraak_store::privacy::PERSONAL_DATA_COLUMNS`, and no mail goes to it afterwards.

use super::*;
use crate::consultation::{EVERY_KIND, post as post_response, setup as consultation};
use crate::ideas::setup as idea_process;
use inspraak_domain::traceability::{Contribution, NoticeEvent};
use inspraak_domain::{Email, IdeaId};
use inspraak_store::consultation::responses;
use inspraak_store::publications::{Frequency, subscribe_in};
use inspraak_store::traceability::notices;
use inspraak_store::{ideas, privacy};

const ADDRESS: &str = "tess.wisman@example.nl";
const NAME: &str = "Tess Wisman";

fn mails_to(app: &TestApp) -> usize {
    app.mails.all().iter().filter(|m| m.to == ADDRESS).count()
}

#[tokio::test]
async fn erasing_an_address_removes_it_from_every_listed_column_and_stops_all_mail() {
    let app = spawn_app().await;
    let ideas_setup = idea_process(&app).await;
    let c = consultation(&app, &EVERY_KIND).await;

    // A sign-up for a session a week from now, confirmed.
    let id = session(&app, ideas_setup.process, "10").await;
    let person = Visitor::new(&app);
    assert_eq!(
        person.sign_up(id, NAME, ADDRESS).await.status().as_u16(),
        303
    );
    let (status, _) = person
        .follow_and_press(&confirm_link(&app, ADDRESS).await)
        .await;
    assert_eq!(status, 200);

    // A consultation response with the address for updates.
    let visitor = app.new_visitor();
    let form = c.open_form(&visitor).await;
    app.clock.advance(Duration::seconds(10));
    let mut answers = c.full_answers();
    for (name, value) in answers.iter_mut() {
        if *name == c.field(8) {
            *value = ADDRESS.to_owned();
        }
    }
    assert_eq!(
        post_response(&visitor, &form, &answers, &[])
            .await
            .status()
            .as_u16(),
        303
    );

    // An idea under a name, with the address for news.
    let sent = ideas_setup
        .submit(
            &visitor,
            &[
                ("title", "Open inkoop"),
                ("body", "Publiceer alle aanbestedingen."),
                ("name", NAME),
                ("email", ADDRESS),
                ("consent", "ja"),
            ],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let idea: IdeaId = ideas::all_for_process(app.db.read(), ideas_setup.process)
        .await
        .unwrap()[0]
        .id;

    // Following the process, and notices queued about both contributions.
    subscribe_in(
        app.db.write(),
        ideas_setup.process,
        &Email::parse(ADDRESS).unwrap(),
        Frequency::Weekly,
        "nl",
        app.clock.now(),
    )
    .await
    .unwrap();
    let response = responses::list(app.db.read(), c.consultation, 1, 10)
        .await
        .unwrap()
        .rows[0]
        .id;
    let contributions = [Contribution::Response(response), Contribution::Idea(idea)];
    for (n, contribution) in contributions.into_iter().enumerate() {
        let queued = notices::queue(
            app.db.write(),
            contribution,
            NoticeEvent::Progress,
            None,
            &format!("erasure-test-{n}"),
            app.clock.now(),
        )
        .await
        .unwrap();
        assert!(queued);
    }

    // The organiser changes the idea's status: the mail carries the erase link.
    let org = app.new_visitor();
    org.login_as_organiser().await;
    let admin = format!("/beheer/processen/{}/ideeen", ideas_setup.process);
    let changed = org
        .post_form(
            &admin,
            &format!("{admin}/{idea}/status"),
            &[
                ("status", "under_consideration"),
                ("action_point", ""),
                ("explanation", "We kijken ernaar."),
            ],
        )
        .await;
    assert_eq!(changed.status().as_u16(), 303);
    let mail = app
        .wait_for_mail(ADDRESS, |m| m.subject.starts_with("Nieuws over je idee"))
        .await;
    let erase = mailed_path(&mail, "/gegevens-wissen/");
    let erase = &erase[erase.find("/gegevens-wissen/").unwrap()..];

    // The session is over (its sign-up is history now).
    app.clock.advance(Duration::days(8));
    let before = privacy::holding(app.db.read(), ADDRESS, Some(NAME))
        .await
        .unwrap();
    let tables: std::collections::BTreeSet<_> = before.iter().map(|(t, _, _)| *t).collect();
    for table in [
        "consultation_contacts",
        "idea_contacts",
        "ideas",
        "contribution_notices",
        "subscriptions",
        "registrants",
        "registrations",
    ] {
        assert!(tables.contains(table), "{table} before erasing: {before:?}");
    }

    // "Wis mijn gegevens": the page asks, the button erases.
    let page = visitor.get_html(erase).await;
    assert!(page.contains("Wis mijn e-mailadres"), "{page}");
    let token = csrf_token(&page);
    let erased = visitor
        .post_raw(erase, &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(erased.status().as_u16(), 303);
    let left = privacy::holding(app.db.read(), ADDRESS, Some(NAME))
        .await
        .unwrap();
    assert!(
        left.is_empty(),
        "still holding the address or name: {left:?}"
    );
    assert!(
        visitor
            .get_html(erase)
            .await
            .contains("geen e-mailadres (meer)"),
        "the link is spent"
    );

    // Nothing more can be sent to it: no notice can be queued, the digest finds nothing.
    let sent_before = mails_to(&app);
    for (n, contribution) in contributions.into_iter().enumerate() {
        let queued = notices::queue(
            app.db.write(),
            contribution,
            NoticeEvent::Outcome,
            None,
            &format!("erasure-after-{n}"),
            app.clock.now(),
        )
        .await
        .unwrap();
        assert!(!queued, "no address to queue a notice for");
    }
    app.clock.advance(Duration::days(1));
    inspraak_web::notice_digest::run_once(&app.state, app.clock.now())
        .await
        .unwrap();
    run_session_job(&app).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(mails_to(&app), sent_before, "no mail to the erased address");
    assert!(
        privacy::holding(app.db.read(), ADDRESS, None)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn retention_erases_the_address_and_purges_its_notices_too() {
    let app = spawn_app().await;
    let c = consultation(&app, &EVERY_KIND).await;
    let visitor = app.new_visitor();
    let form = c.open_form(&visitor).await;
    app.clock.advance(Duration::seconds(10));
    let mut answers = c.full_answers();
    for (name, value) in answers.iter_mut() {
        if *name == c.field(8) {
            *value = ADDRESS.to_owned();
        }
    }
    assert_eq!(
        post_response(&visitor, &form, &answers, &[])
            .await
            .status()
            .as_u16(),
        303
    );
    let response = responses::list(app.db.read(), c.consultation, 1, 10)
        .await
        .unwrap()
        .rows[0]
        .id;
    let contribution = Contribution::Response(response);
    for key in ["retention-told", "retention-pending"] {
        notices::queue(
            app.db.write(),
            contribution,
            NoticeEvent::Progress,
            None,
            key,
            app.clock.now(),
        )
        .await
        .unwrap();
    }
    // One notice told in a digest, one still pending.
    app.clock.advance(Duration::days(1));
    inspraak_web::notice_digest::run_once(&app.state, app.clock.now())
        .await
        .unwrap();
    notices::queue(
        app.db.write(),
        contribution,
        NoticeEvent::Outcome,
        None,
        "retention-after-digest",
        app.clock.now(),
    )
    .await
    .unwrap();
    let before = privacy::holding(app.db.read(), ADDRESS, None)
        .await
        .unwrap();
    assert!(
        before.iter().any(|(t, _, _)| *t == "contribution_notices"),
        "{before:?}"
    );
    // Years later the housekeeping job runs its retention steps.
    app.clock.advance(Duration::days(5 * 366));
    inspraak_store::consultation::privacy::erase_expired(app.db.write(), app.clock.now())
        .await
        .unwrap();
    privacy::purge_orphan_notices(app.db.write()).await.unwrap();
    let left = privacy::holding(app.db.read(), ADDRESS, None)
        .await
        .unwrap();
    // A sent mail keeps no address; one still waiting in the outbox goes out as planned.
    assert!(
        left.iter().all(|(t, _, _)| *t == "outbox"),
        "still holding the address: {left:?}"
    );
}
