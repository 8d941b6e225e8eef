//! The accessibility statement: public, linked from every page's footer, showing the figures of
//! the quality gates' last run (docs/quality-results.json, embedded at build time) and the
//! organiser's contact and known problems, which an organiser edits (with an audit row).

use crate::helpers::spawn_app;
use inspraak_domain::AuditAction;
use inspraak_store::audit::{self, Filter};
use inspraak_web::routes::accessibility::quality_results;

#[tokio::test]
async fn the_statement_shows_the_gate_figures_and_the_organisers_edit() {
    let app = spawn_app().await;
    let results = quality_results();
    let visitor = app.new_visitor();
    let home = visitor.get_html("/").await;
    assert!(home.contains("href=\"/toegankelijkheid\""), "footer link");

    let page = visitor.get_html("/toegankelijkheid").await;
    assert!(page.contains("<h1 class=\"utrecht-heading-1\">Toegankelijkheidsverklaring</h1>"));
    for heading in [
        "Hoe toegankelijk is deze website?",
        "Hoe hebben we dit gecontroleerd?",
        "Wat gaat nog niet goed?",
        "Contact",
    ] {
        assert!(
            page.contains(&format!("<h2 class=\"utrecht-heading-2\">{heading}</h2>")),
            "{heading}"
        );
    }
    // The figures come from the JSON the quality gates wrote.
    assert!(
        results.checked(),
        "docs/quality-results.json holds a real run"
    );
    assert!(page.contains(&format!(
        "<td class=\"num\" id=\"pages-checked\">{}</td>",
        results.pages_checked
    )));
    assert!(page.contains(&format!(
        "<td class=\"num\" id=\"axe-violations\">{}</td>",
        results.axe_violations
    )));
    assert!(page.contains(&format!(
        "<td class=\"num\" id=\"vnu-errors\">{}</td>",
        results.vnu_errors
    )));
    assert!(page.contains(&results.commit));
    assert!(
        page.contains("We antwoorden binnen 5 werkdagen"),
        "default contact"
    );
    let english = visitor.get_html("/toegankelijkheid?lang=en").await;
    assert!(english.contains("<h1 class=\"utrecht-heading-1\">Accessibility statement</h1>"));

    // Visitors cannot edit it.
    let refused = visitor.get("/beheer/toegankelijkheid").await;
    assert_ne!(refused.status().as_u16(), 200);

    app.login_as_organiser().await;
    let form = "/beheer/toegankelijkheid";
    // An empty contact is shown again with an error and what was typed.
    let response = app
        .post_form(
            form,
            form,
            &[
                ("contact", " "),
                ("known_problems", "Kaart <b>zonder</b> tekst"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let again = response.text().await.unwrap();
    assert!(again.contains("Vul in hoe mensen jullie bereiken."));
    assert!(again.contains("Kaart &lt;b&gt;zonder&lt;/b&gt; tekst"));

    let response = app
        .post_form(
            form,
            form,
            &[
                (
                    "contact",
                    "Mail toegankelijkheid@example.nl. We antwoorden binnen 3 werkdagen.",
                ),
                (
                    "known_problems",
                    "De kaart op de themapagina heeft nog geen tekstalternatief <b>.",
                ),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = app.new_visitor().get_html("/toegankelijkheid").await;
    assert!(page.contains("Mail toegankelijkheid@example.nl. We antwoorden binnen 3 werkdagen."));
    assert!(page.contains("De kaart op de themapagina heeft nog geen tekstalternatief &lt;b&gt;."));
    assert!(!page.contains("binnen 5 werkdagen"));
    // A known problem means the site complies partially.
    assert!(page.contains("voldoet gedeeltelijk"));
    let (_, audited) = audit::page(
        app.db.read(),
        &Filter {
            action: Some(AuditAction::AccessibilityStatementEdited),
            actor: None,
        },
        0,
        1,
    )
    .await
    .unwrap();
    assert_eq!(audited, 1);
}
