//! Issue 20: every mail to a follower carries the "erase my data" link, and it works: the
//! publication mail (an older one's link too) and the weekly digest. After it the address is in
//! no column of `inspraak_store::privacy::PERSONAL_DATA_COLUMNS` and no more mail goes to it.

use crate::helpers::{TestApp, link_starting_with, spawn_app};
use crate::publications::{press, publish_report, published_process};
use chrono::Duration;
use inspraak_domain::{Email, ProcessId};
use inspraak_store::privacy;
use inspraak_store::publications::{self, Frequency};
use inspraak_web::follower_digest as digest;

const AT_ONCE: &str = "meteen.volger@example.nl";
const WEEKLY: &str = "week.volger@example.nl";

async fn follow(app: &TestApp, process: ProcessId, email: &str, frequency: Frequency) {
    let outcome = publications::subscribe_in(
        app.db.write(),
        process,
        &Email::parse(email).unwrap(),
        frequency,
        "nl",
        app.clock.now(),
    )
    .await
    .unwrap();
    let publications::SubscribeOutcome::Confirm(subscription) = outcome else {
        panic!("a new follow asks for confirmation");
    };
    assert!(
        publications::confirm(app.db.write(), subscription.id, app.clock.now())
            .await
            .unwrap()
    );
}

fn erase_link(app: &TestApp, body: &str) -> String {
    link_starting_with(body, &format!("{}/gegevens-wissen/", app.address))
        .unwrap_or_else(|| panic!("no erase link in {body}"))
}

async fn erase(app: &TestApp, link: &str, email: &str) {
    assert!(
        !privacy::holding(app.db.read(), email, None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(press(app, link).await.status().as_u16(), 303);
    let left = privacy::holding(app.db.read(), email, None).await.unwrap();
    assert!(left.is_empty(), "still holding {email}: {left:?}");
}

fn mails_to(app: &TestApp, to: &str) -> usize {
    app.mails.all().iter().filter(|m| m.to == to).count()
}

#[tokio::test]
async fn the_erase_link_in_follow_mails_erases_the_follower() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, _) = published_process(&app).await;
    follow(&app, process, AT_ONCE, Frequency::Immediate).await;
    follow(&app, process, WEEKLY, Frequency::Weekly).await;

    publish_report(&app, process, "Update 1").await;
    let first = app
        .wait_for_mail(AT_ONCE, |m| m.body.contains("Update 1"))
        .await;
    publish_report(&app, process, "Update 2").await;
    let second = app
        .wait_for_mail(AT_ONCE, |m| m.body.contains("Update 2"))
        .await;
    let (old, new) = (
        erase_link(&app, &first.body),
        erase_link(&app, &second.body),
    );
    assert_ne!(old, new, "each mail its own token");

    // The weekly follower's digest carries one too.
    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        1
    );
    let weekly = app
        .wait_for_mail(WEEKLY, |m| m.subject.starts_with("Weekoverzicht"))
        .await;
    let weekly_link = erase_link(&app, &weekly.body);

    // The older mail's link still works; the follower is gone, from every column.
    erase(&app, &old, AT_ONCE).await;
    assert!(
        app.new_visitor()
            .get_html(new.trim_start_matches(&app.address))
            .await
            .contains("geen e-mailadres (meer)"),
        "the newer link is spent with it"
    );
    erase(&app, &weekly_link, WEEKLY).await;
    assert_eq!(
        publications::count_confirmed(app.db.read(), process)
            .await
            .unwrap(),
        0
    );

    // No more mail to either: not at once, not in a digest.
    let sent = (mails_to(&app, AT_ONCE), mails_to(&app, WEEKLY));
    publications::insert_report(
        app.db.write(),
        process,
        publications::NewReportTexts {
            title: "Update 3",
            title_translation: None,
            body: "Nog meer nieuws.",
            body_translation: None,
        },
        chrono::NaiveDate::from_ymd_opt(2021, 5, 1).unwrap(),
        app.clock.now(),
    )
    .await
    .unwrap();
    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        0
    );
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!((mails_to(&app, AT_ONCE), mails_to(&app, WEEKLY)), sent);
}
