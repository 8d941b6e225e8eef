//! Issue 24, "Bestel een gedrukte versie": an order for a printed action plan, from the link on
//! the action plan page, reaches the organisers' list; they export it (with an audit row) and
//! mark it sent, and the housekeeping job blanks name and address by the retention rules while
//! the order and its number of copies stay.

use crate::helpers::{TestApp, spawn_app};
use crate::ideas::setup;
use chrono::Duration;
use inspraak_domain::AuditAction;
use inspraak_domain::retention::handled;
use inspraak_store::{audit, print_orders, privacy};

const NAME: &str = "Jet de Vries";

async fn orders(app: &TestApp) -> Vec<print_orders::PrintOrder> {
    print_orders::list(app.db.read()).await.unwrap()
}

#[tokio::test]
async fn a_print_order_is_handled_exported_and_purged() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let visitor = app.new_visitor();
    let plan = visitor
        .get_html(&format!("/processen/{}/actieplan", s.slug))
        .await;
    let form = format!("/processen/{}/actieplan/bestellen", s.slug);
    assert!(plan.contains(&format!("href=\"{form}\"")), "{plan}");

    // Bad input: the form again with what was typed.
    let bad = visitor
        .post_public_form(
            &form,
            &form,
            &[("name", NAME), ("address", ""), ("copies", "50")],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let page = bad.text().await.unwrap();
    assert!(page.contains(NAME) && page.contains("value=\"50\""));
    assert!(orders(&app).await.is_empty());

    let sent = visitor
        .post_public_form(
            &form,
            &form,
            &[
                ("name", NAME),
                ("address", "Dorpsstraat 1\n1234 AB Lindendal"),
                ("copies", "2"),
            ],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let thanks = sent.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(thanks, format!("{form}/bedankt"));
    assert!(visitor.get_html(&thanks).await.contains("Bedankt"));

    // The organisers' list, reached from the dashboard.
    app.login_as_organiser().await;
    let dashboard = app.get_html("/beheer").await;
    assert!(dashboard.contains("href=\"/beheer/bestellingen\""));
    assert!(dashboard.contains("bestellingen wachten"));
    let list = app.get_html("/beheer/bestellingen").await;
    assert!(
        list.contains(NAME) && list.contains("Dorpsstraat 1"),
        "{list}"
    );
    assert_ne!(
        visitor.get("/beheer/bestellingen").await.status().as_u16(),
        200
    );

    // Export: the order in each format, with an audit row per download.
    let csv = app.get("/beheer/bestellingen.csv").await;
    assert_eq!(csv.status().as_u16(), 200);
    assert_eq!(csv.headers()["cache-control"], "no-store");
    let csv = csv.text().await.unwrap();
    assert!(csv.contains(NAME) && csv.contains("Lindendal"), "{csv}");
    let json: serde_json::Value = app
        .get("/beheer/bestellingen.json")
        .await
        .json()
        .await
        .unwrap();
    assert!(json.to_string().contains("\"copies\":2"), "{json}");
    for format in ["ods", "xlsx", "excel.csv"] {
        let r = app.get(&format!("/beheer/bestellingen.{format}")).await;
        assert_eq!(r.status().as_u16(), 200, "{format}");
        assert!(!r.bytes().await.unwrap().is_empty(), "{format}");
    }
    let exported = audit::Filter {
        action: Some(AuditAction::PrintOrdersExported),
        ..Default::default()
    };
    let (_, total) = audit::page(app.db.read(), &exported, 0, 10).await.unwrap();
    assert_eq!(total, 5, "an audit row per download");

    // Marked sent: once, with an audit row.
    let id = orders(&app).await[0].id;
    let action = format!("/beheer/bestellingen/{id}/verstuurd");
    for _ in 0..2 {
        let r = app.post_form("/beheer/bestellingen", &action, &[]).await;
        assert_eq!(r.status().as_u16(), 303);
    }
    let handled_rows = audit::Filter {
        action: Some(AuditAction::PrintOrderHandled),
        ..Default::default()
    };
    let (_, total) = audit::page(app.db.read(), &handled_rows, 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 1);
    assert!(orders(&app).await[0].handled_at.is_some());

    // Retention: name and address go after the period, the order stays.
    let days = i64::from(handled::AFTER_HANDLED.days());
    app.clock.advance(Duration::days(days) - Duration::hours(1));
    inspraak_web::jobs::housekeeping(&app.db, app.clock.now()).await;
    assert_eq!(orders(&app).await[0].name.as_deref(), Some(NAME));
    app.clock.advance(Duration::hours(2));
    inspraak_web::jobs::housekeeping(&app.db, app.clock.now()).await;
    let left = orders(&app).await;
    assert_eq!(left.len(), 1);
    assert_eq!(
        (left[0].name.as_deref(), left[0].address.as_deref()),
        (None, None)
    );
    assert_eq!(left[0].copies, 2);
    let held = privacy::holding(app.db.read(), "niemand@example.nl", Some("Dorpsstraat"))
        .await
        .unwrap();
    assert!(held.is_empty(), "{held:?}");
}
