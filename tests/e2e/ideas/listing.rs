//! The public idea list: search, sort, pages, and sending only while the idea phase runs.

use super::*;

#[tokio::test]
async fn ideas_can_be_searched_sorted_paged_and_only_sent_while_the_idea_phase_runs() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    ideas::save_settings(
        app.db.write(),
        s.process,
        Settings {
            phase: ideas::settings(app.db.read(), s.process)
                .await
                .unwrap()
                .phase,
            moderation: Moderation::Post,
        },
    )
    .await
    .unwrap();
    for n in 0..12 {
        if n == 10 {
            // Past the per-address limit of ten ideas per ten minutes.
            let limited = s.submit(&app, &[("title", "Te veel"), ("body", "x")]).await;
            assert_eq!(limited.status().as_u16(), 429);
            app.clock.advance(Duration::minutes(11));
        }
        let title = format!("Idee nummer {n}");
        assert_eq!(
            s.submit(&app, &[("title", &title), ("body", "Tekst")])
                .await
                .status()
                .as_u16(),
            303
        );
    }
    let base = format!("/processen/{}/ideeen", s.slug);
    let first = app.get_html(&base).await;
    assert!(
        first.contains("12 ideeën")
            && first.contains("Idee nummer 11")
            && !first.contains("Idee nummer 1<")
    );
    assert!(first.contains("rel=\"next\""));
    let second = app.get_html(&format!("{base}?pagina=2")).await;
    assert!(second.contains("Idee nummer 1<") && second.contains("Idee nummer 0<"));
    let found = app.get_html(&format!("{base}?q=NUMMER+7")).await;
    assert!(found.contains("1 ideeën") || found.contains("Idee nummer 7"));
    assert!(!found.contains("Idee nummer 8"));
    let theme = app
        .get_html(&format!("{base}?thema=open-communicatie"))
        .await;
    assert!(theme.contains("0 ideeën"));
    assert_eq!(
        app.get(&format!("{base}?thema=bestaat-niet"))
            .await
            .status()
            .as_u16(),
        404
    );
    let process_page = app.get_html(&format!("/processen/{}", s.slug)).await;
    assert!(
        process_page.contains(&s.form_path()),
        "Doe mee links to the idea form"
    );
    // After the phase: the form says it is closed and a post stores nothing.
    let token_page = app.get_html(&s.form_path()).await;
    app.clock.advance(Duration::days(10));
    assert!(
        app.get_html(&s.form_path())
            .await
            .contains("alleen in de ideeënfase")
    );
    let late = app
        .post_raw(
            &s.form_path(),
            &[
                ("csrf_token", &csrf_token(&token_page)),
                ("title", "Te laat"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(late.status().as_u16(), 410);
    assert_eq!(
        ideas::all_for_process(app.db.read(), s.process)
            .await
            .unwrap()
            .len(),
        12
    );
}
