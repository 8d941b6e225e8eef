//! Issue 24, "Laat het ons weten": a message through the contact form reaches the organisers'
//! queue and the configured contact address; handling it brings its erasure forward, and the
//! housekeeping job erases it by the retention rules.

use crate::helpers::{TestApp, spawn_app_with};
use chrono::Duration;
use inspraak_domain::AuditAction;
use inspraak_domain::retention::handled;
use inspraak_store::{audit, contact, privacy};

const ORGANISATION: &str = "info@lindendal.example";
const SENDER: &str = "samenwerken@vereniging.example";

async fn app() -> TestApp {
    spawn_app_with(&[("INSPRAAK_CONTACT_EMAIL", ORGANISATION)]).await
}

async fn stored(app: &TestApp) -> usize {
    contact::list(app.db.read(), false).await.unwrap().len()
        + contact::list(app.db.read(), true).await.unwrap().len()
}

#[tokio::test]
async fn a_message_reaches_the_queue_and_the_mailbox_and_is_erased_after_handling() {
    let app = app().await;
    let visitor = app.new_visitor();
    // Reachable by clicking: every footer and the accessibility statement link to the form.
    assert!(visitor.get_html("/").await.contains("href=\"/contact\""));
    assert!(
        visitor
            .get_html("/toegankelijkheid")
            .await
            .contains("href=\"/contact\"")
    );
    assert!(
        visitor
            .get_html("/privacy")
            .await
            .contains("contactformulier"),
        "the privacy statement names the new kind of data"
    );

    // Bad input: the form again, 422, what was typed kept, nothing stored.
    let bad = visitor
        .post_public_form(
            "/contact",
            "/contact",
            &[
                ("name", "Jet de Vries"),
                ("email", "geen adres"),
                ("message", " "),
            ],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let page = bad.text().await.unwrap();
    assert!(page.contains("Jet de Vries") && page.contains("geen adres"));
    assert!(page.contains("utrecht-form-field-error-message"));
    assert_eq!(stored(&app).await, 0);

    let sent = visitor
        .post_public_form(
            "/contact",
            "/contact",
            &[
                ("name", "Jet de Vries"),
                ("email", SENDER),
                ("message", "Wij willen graag samenwerken aan het actieplan."),
            ],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    assert_eq!(sent.headers()["location"], "/contact/bedankt");
    assert!(
        visitor
            .get_html("/contact/bedankt")
            .await
            .contains("Bedankt")
    );

    // The mail to the organisation's address: who, the message, and the way to the queue.
    let mail = app
        .wait_for_mail(ORGANISATION, |m| m.subject.contains("contactformulier"))
        .await;
    assert!(mail.body.contains(SENDER), "{}", mail.body);
    assert!(mail.body.contains("samenwerken aan het actieplan"));
    assert!(mail.body.contains("/beheer/contact#bericht-"));

    // The queue, reached from the dashboard with its count.
    app.login_as_organiser().await;
    let dashboard = app.get_html("/beheer").await;
    assert!(dashboard.contains("href=\"/beheer/contact\""));
    assert!(dashboard.contains("contactberichten wachten"));
    let queue = app.get_html("/beheer/contact").await;
    assert!(queue.contains("samenwerken aan het actieplan"));
    assert!(queue.contains(SENDER) && queue.contains("Jet de Vries"));
    // A visitor does not see it.
    let refused = visitor.get("/beheer/contact").await;
    assert_ne!(refused.status().as_u16(), 200);

    let open = contact::list(app.db.read(), false).await.unwrap();
    assert_eq!(open.len(), 1);
    let id = open[0].id;
    let action = format!("/beheer/contact/{id}/afgehandeld");
    let done = app.post_form("/beheer/contact", &action, &[]).await;
    assert_eq!(done.status().as_u16(), 303);
    // A second click (a colleague, a double click) changes nothing and is no error.
    let again = app.post_form("/beheer/contact", &action, &[]).await;
    assert_eq!(again.status().as_u16(), 303);
    let handled_list = contact::list(app.db.read(), true).await.unwrap();
    assert_eq!(handled_list.len(), 1);
    let filter = audit::Filter {
        action: Some(AuditAction::ContactMessageHandled),
        ..Default::default()
    };
    let (rows, total) = audit::page(app.db.read(), &filter, 0, 10).await.unwrap();
    assert_eq!(total, 1, "one audit row");
    assert_eq!(
        rows[0].subject.as_deref(),
        Some(format!("contact {id}").as_str())
    );

    // Retention: kept for the period after handling, then erased by the housekeeping job.
    app.clock
        .advance(Duration::days(i64::from(handled::AFTER_HANDLED.days())) - Duration::hours(1));
    inspraak_web::jobs::housekeeping(&app.db, app.clock.now()).await;
    assert_eq!(stored(&app).await, 1, "kept until the period ends");
    app.clock.advance(Duration::hours(2));
    inspraak_web::jobs::housekeeping(&app.db, app.clock.now()).await;
    assert_eq!(stored(&app).await, 0, "erased after the period");
    let left = privacy::holding(app.db.read(), SENDER, Some("Jet de Vries"))
        .await
        .unwrap();
    assert!(left.is_empty(), "still holding the sender: {left:?}");
}

#[tokio::test]
async fn an_unhandled_message_is_erased_within_a_year() {
    let app = app().await;
    let sent = app
        .post_public_form(
            "/contact",
            "/contact",
            &[("email", SENDER), ("message", "Niemand leest dit.")],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    app.clock
        .advance(Duration::days(i64::from(handled::UNHANDLED_MAX.days()) - 1));
    inspraak_web::jobs::housekeeping(&app.db, app.clock.now()).await;
    assert_eq!(stored(&app).await, 1);
    app.clock.advance(Duration::days(2));
    inspraak_web::jobs::housekeeping(&app.db, app.clock.now()).await;
    assert_eq!(stored(&app).await, 0);
}
