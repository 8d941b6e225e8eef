//! Small-number protection (issue #10): on the public outcomes page and in the open data, a
//! theme chosen by 3 people shows as "< 5" (no bar in the chart, no exact figure in the JSON),
//! one chosen by 7 shows as 7; the minimum is a setting.

use crate::consultation::setup;
use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use inspraak_domain::consultation::{Answer, IdempotencyKey};
use inspraak_store::consultation::{self, NewResponse, SubmitOutcome};

/// Publishes an outcome where the three themes were picked 7, 3 and 2 times.
async fn outcome_with_7_3_2(app: &TestApp) -> (String, String) {
    let s = setup(app, &[("pick_themes", true)]).await;
    let c = consultation::find(app.db.read(), s.consultation)
        .await
        .unwrap()
        .unwrap();
    let picks = [(0, 7), (1, 3), (2, 2)];
    let mut n = 0;
    for (theme, times) in picks {
        for _ in 0..times {
            n += 1;
            let key = IdempotencyKey::parse(&format!("small-numbers-key-{n:05}")).unwrap();
            let receipt = consultation::new_receipt_code();
            let answers = [(
                s.questions[0],
                Answer::Themes {
                    picked: vec![s.themes[theme]],
                    other: None,
                },
            )];
            let outcome = consultation::submit(
                app.db.write(),
                &NewResponse {
                    consultation: s.consultation,
                    structure_version: c.structure_version,
                    key: &key,
                    receipt: &receipt,
                    answers: &answers,
                    contact: None,
                },
                app.clock.now(),
            )
            .await
            .unwrap();
            assert!(matches!(outcome, SubmitOutcome::Stored(_)));
        }
    }
    app.login_as_organiser().await;
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let response = app
        .post_form(
            &admin,
            &format!("{admin}/publicatie"),
            &[("published", "1")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    (
        format!("/processen/{}/uitkomsten/{}", s.slug, s.consultation),
        format!("/api/v1/uitkomsten/{}", s.consultation),
    )
}

fn row(theme: &str, cell: &str) -> String {
    format!("<th scope=\"row\">{theme}</th><td class=\"num\">{cell}</td>")
}

#[tokio::test]
async fn a_theme_of_3_people_shows_as_below_5_and_one_of_7_exactly_on_the_page_and_in_open_data() {
    let app = spawn_app().await;
    let (page_path, api_path) = outcome_with_7_3_2(&app).await;
    let visitor = app.new_visitor();
    let page = visitor.get_html(&page_path).await;
    assert!(page.contains(&row("Open Technologie", "7")), "{page}");
    assert!(page.contains(&row("Open Informatie", "&lt; 5")), "{page}");
    assert!(page.contains(&row("Open Communicatie", "&lt; 5")), "{page}");
    assert!(!page.contains(&row("Open Informatie", "3")));
    assert!(page.contains("<dd class=\"responses-count\">12</dd>"));
    // The chart draws one bar (the 7); hidden counts get a label and no bar, so its length
    // cannot give the number away.
    let chart_start = page.find("<svg class=\"chart\"").unwrap();
    let chart = &page[chart_start..page[chart_start..].find("</svg>").unwrap() + chart_start];
    assert_eq!(chart.matches("<rect").count(), 1, "{chart}");
    assert_eq!(chart.matches("&lt; 5").count(), 2, "{chart}");
    assert!(page.contains("minder dan 5 mensen"));

    let data: serde_json::Value = visitor.get(&api_path).await.json().await.unwrap();
    assert_eq!(data["min_group_size"], 5);
    assert_eq!(data["responses"], 12);
    let themes = data["questions"][0]["figures"]["themes"]
        .as_array()
        .unwrap();
    let by_name = |name: &str| {
        themes
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {themes:?}"))
            .clone()
    };
    let seven = by_name("Open Technologie");
    assert_eq!(seven["chosen"], 7);
    assert!(seven["hidden"].is_null());
    for name in ["Open Informatie", "Open Communicatie"] {
        let small = by_name(name);
        assert!(small["chosen"].is_null(), "{small}");
        assert!(small["points"].is_null(), "{small}");
        assert_eq!(small["hidden"], "below_minimum");
    }
    let text = serde_json::to_string(&data).unwrap();
    assert!(!text.contains("\"chosen\":3") && !text.contains("\"chosen\":2"));
    // The OpenAPI description documents the representation.
    let openapi = visitor.get_html("/api/v1/openapi.json").await;
    assert!(openapi.contains("below_minimum") && openapi.contains("min_group_size"));
}

#[tokio::test]
async fn the_minimum_is_a_setting() {
    let app = spawn_app_with(&[("INSPRAAK_MIN_GROUP_SIZE", "8")]).await;
    let (page_path, api_path) = outcome_with_7_3_2(&app).await;
    let page = app.new_visitor().get_html(&page_path).await;
    assert!(page.contains(&row("Open Technologie", "&lt; 8")), "{page}");
    let data: serde_json::Value = app.new_visitor().get(&api_path).await.json().await.unwrap();
    assert_eq!(data["min_group_size"], 8);
    assert_eq!(data["responses"], 12);
}
