//! Issue 24, live results: an organiser may show a consultation's running figures while it is
//! open. Off by default; when on, the outcomes page shows the figures marked "voorlopig" with
//! the time of the last update, protected below the group size like published figures, and
//! nothing the organiser has not published.

use crate::consultation::{self, Setup, setup};
use crate::helpers::{TestApp, spawn_app};
use chrono::Duration;
use inspraak_web::flows::public_form::MIN_FILL_SECONDS;

fn row(theme: &str, cell: &str) -> String {
    format!("<th scope=\"row\">{theme}</th><td class=\"num\">{cell}</td>")
}

/// A visitor picks the first theme through the real form.
async fn respond(app: &TestApp, s: &Setup) {
    let visitor = app.new_visitor();
    let form = s.open_form(&visitor).await;
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let answers = [(s.field(0), s.themes[0].to_string())];
    let response = consultation::post(&visitor, &form, &answers, &[]).await;
    assert_eq!(response.status().as_u16(), 303, "response stored");
}

async fn switch(app: &TestApp, s: &Setup, value: &str) {
    let builder = format!("/beheer/consultaties/{}", s.consultation);
    let response = app
        .post_form(
            &builder,
            &format!("{builder}/voorlopige-uitkomsten"),
            &[("live", value)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
}

#[tokio::test]
async fn live_results_show_only_when_switched_on_and_are_protected_below_the_group_size() {
    let app = spawn_app().await;
    let s = setup(&app, &[("pick_themes", true)]).await;
    app.login_as_organiser().await;
    let visitor = app.new_visitor();
    let outcome = format!("/processen/{}/uitkomsten/{}", s.slug, s.consultation);
    let form_page = format!("/processen/{}/consultatie", s.slug);
    for _ in 0..3 {
        respond(&app, &s).await;
    }
    // An introduction the organiser drafted but did not publish.
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let intro = app
        .post_form(
            &admin,
            &format!("{admin}/inleiding"),
            &[("intro", "Concepttekst die nog niemand mag lezen.")],
        )
        .await;
    assert_eq!(intro.status().as_u16(), 303);

    // Off by default: no page, no link.
    assert_eq!(visitor.get(&outcome).await.status().as_u16(), 404);
    assert!(!visitor.get_html(&form_page).await.contains(&outcome));

    let builder = app
        .get_html(&format!("/beheer/consultaties/{}", s.consultation))
        .await;
    assert!(builder.contains("Toon voorlopige uitkomsten"));
    switch(&app, &s, "on").await;
    let log = app.get_html("/beheer/logboek").await;
    assert!(log.contains("Voorlopige uitkomsten aan- of uitgezet"));

    // On, with 3 responses: marked provisional, every count below 5 hidden, and not even the
    // time of the last response.
    assert!(visitor.get_html(&form_page).await.contains(&outcome));
    let page = visitor.get_html(&outcome).await;
    assert!(page.contains("Voorlopige uitkomsten"), "{page}");
    assert!(!page.contains("bijgewerkt om"), "{page}");
    assert!(page.contains(&row("Open Technologie", "&lt; 5")), "{page}");
    assert!(!page.contains(&row("Open Technologie", "3")));
    assert!(
        page.contains("<dd class=\"responses-count\">&lt; 5</dd>"),
        "{page}"
    );
    assert!(
        !page.contains("Concepttekst"),
        "unpublished text stays hidden"
    );
    let list = visitor
        .get_html(&format!("/processen/{}/uitkomsten", s.slug))
        .await;
    assert!(
        list.contains(&outcome) && list.contains("(voorlopig)"),
        "{list}"
    );
    // In English too.
    let english = visitor.get_html(&format!("{outcome}?lang=en")).await;
    assert!(english.contains("Provisional results"), "{english}");

    // Seven responses: the figures and the time of the last one show.
    for _ in 0..4 {
        respond(&app, &s).await;
    }
    let last = inspraak_domain::time::utc_to_local(app.clock.now());
    let page = visitor.get_html(&format!("{outcome}?lang=nl")).await;
    assert!(page.contains(&row("Open Technologie", "7")), "{page}");
    assert!(
        page.contains("<dd class=\"responses-count\">7</dd>"),
        "{page}"
    );
    let marker = format!("bijgewerkt om {}", last.format("%H:%M"));
    assert!(page.contains(&marker), "{marker} in {page}");

    // Switched off: gone again.
    switch(&app, &s, "off").await;
    assert_eq!(visitor.get(&outcome).await.status().as_u16(), 404);
    assert!(!visitor.get_html(&form_page).await.contains(&outcome));

    // On again, but the consultation closed: running figures are for open consultations; after
    // closing only a published outcome shows.
    switch(&app, &s, "on").await;
    assert_eq!(visitor.get(&outcome).await.status().as_u16(), 200);
    app.clock.advance(Duration::days(3));
    assert_eq!(visitor.get(&outcome).await.status().as_u16(), 404);
}
