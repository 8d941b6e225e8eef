//! The session contribution's trace link (issue #10): shown once right after confirming a
//! sign-up; the personal page names the session and never shows an unpublished report.

use super::{Visitor, confirm_link, path_of, published_process, session};
use crate::helpers::spawn_app;

#[tokio::test]
async fn confirming_a_sign_up_shows_a_personal_trace_link_once() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "5").await;
    let title = inspraak_store::session::find(app.db.read(), id)
        .await
        .unwrap()
        .unwrap()
        .title;
    let visitor = Visitor::new(&app);
    visitor.sign_up(id, "Sanne", "sanne@example.nl").await;
    let link = path_of(&confirm_link(&app, "sanne@example.nl").await);
    let pressed = visitor.post(&link, &link, &[]).await;
    assert_eq!(pressed.status().as_u16(), 303);
    let location = pressed.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("?spoor="), "{location}");
    let page = visitor.html(&location).await;
    let start = page.find("/inbreng/").expect("trace link after confirming");
    let trace: String = page[start..]
        .chars()
        .take_while(|c| *c != '"' && *c != '<')
        .collect();
    let own = Visitor::new(&app).html(&trace).await;
    assert!(own.contains("Wat is er met mijn inbreng gedaan?") && own.contains(&title.main));
    assert!(!own.contains("sanne@example.nl") && !own.contains("Sanne"));
    // Without the one-time token the confirmation page shows no trace link.
    assert!(!visitor.html(&link).await.contains("/inbreng/"));

    // A published report shows on the personal page rendered from its light markup, not raw.
    app.login_as_organiser().await;
    let report_page = format!("/beheer/bijeenkomsten/{id}/verslag");
    let published = app
        .post_form(
            &report_page,
            &report_page,
            &[
                (
                    "report",
                    "## Wat we bespraken
- Open source
- Open data",
                ),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(published.status().as_u16(), 303);
    let own = Visitor::new(&app).html(&trace).await;
    assert!(own.contains("<h3>Wat we bespraken</h3>"), "{own}");
    assert!(own.contains("<li>Open source</li>"), "{own}");
    assert!(!own.contains("## Wat we bespraken"), "{own}");
}
