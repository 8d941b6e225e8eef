//! The demo's action plan.

use super::*;

#[tokio::test]
async fn the_demo_action_plan_shows_holders_partners_updates_and_the_ideas_behind_them() {
    let app = spawn_app().await;
    app.load_demo().await;
    let plan = app
        .get_html("/processen/actieplan-open-overheid-2020-2022/actieplan")
        .await;
    for text in [
        "Provincie Zuid-Holland en VNG",
        "Open State Foundation (OSF) en overige provincies",
        "Rijkswaterstaat",
        "Ontstaan uit",
        "Zet alle Wob-besluiten op één plek",
        "20 december 2022",
    ] {
        assert!(plan.contains(text), "plan lacks {text}");
    }
    let list = app
        .get_html("/processen/actieplan-open-overheid-2020-2022/ideeen?sort=meeste-reacties")
        .await;
    assert!(list.contains("4 ideeën"));
    let first = list.find("Zet alle Wob-besluiten").unwrap();
    assert!(
        first < list.find("Een register van algoritmes").unwrap(),
        "most discussed first"
    );
    let old = process::find_by_slug(app.db.read(), "actieplan-open-overheid-2020-2022")
        .await
        .unwrap()
        .unwrap();
    let counts = ideas::counts_per_theme(app.db.read(), old.id)
        .await
        .unwrap();
    assert_eq!(counts.iter().map(|c| c.1).sum::<u64>(), 4);
    assert_eq!(counts.iter().map(|c| c.2).sum::<u64>(), 2);
    assert_eq!(
        app.login(
            "anna.forum@example.org",
            inspraak_web::demo::ORGANISER_PASSWORD
        )
        .await
        .status()
        .as_u16(),
        303
    );
}
