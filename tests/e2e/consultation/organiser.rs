//! The organiser's side: hiding responses, building a consultation, the responses overview,
//! and the demo's 2020 consultation.

use super::*;

#[tokio::test]
async fn hidden_responses_drop_out_of_the_counts_and_can_come_back() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    // One form per response: its start time is bound to its idempotency key (issue 20).
    let mut forms = Vec::new();
    for _ in 0..3 {
        forms.push(s.open_form(&app).await);
    }
    app.clock.advance(Duration::seconds(10));
    for form in &forms {
        assert_eq!(
            post(&app, form, &s.full_answers(), &[])
                .await
                .status()
                .as_u16(),
            303
        );
    }
    app.login_as_organiser().await;
    let overview = format!("/beheer/consultaties/{}/reacties", s.consultation);
    let page = app.get_html(&overview).await;
    assert!(page.contains("Meegeteld: 3") && page.contains("Reacties per dag"));
    let spam = responses::list(app.db.read(), s.consultation, 1, 10)
        .await
        .unwrap()
        .rows[0]
        .id;
    let hide = format!(
        "/beheer/consultaties/{}/reacties/{spam}/verbergen",
        s.consultation
    );
    let response = app
        .post_form(&overview, &hide, &[("hidden", "1"), ("pagina", "1")])
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = app.get_html(&overview).await;
    assert!(page.contains("Meegeteld: 2") && page.contains("Verborgen als spam: 1"));
    assert_eq!(s.counts(&app).await, (3, 1));
    let yes = responses::tallies(app.db.read(), s.consultation)
        .await
        .unwrap();
    let yes = yes
        .iter()
        .find(|t| t.question == s.questions[6] && t.key == "yes")
        .unwrap();
    assert_eq!(
        yes.responses, 2,
        "the hidden response's answers leave the results"
    );
    app.post_form(&overview, &hide, &[("hidden", "0")]).await;
    assert_eq!(s.counts(&app).await, (3, 0));
}

#[tokio::test]
async fn an_organiser_builds_a_consultation_and_questions_lock_once_a_response_exists() {
    let app = spawn_app().await;
    let s = setup(&app, &[("short_text", true)]).await;
    app.login_as_organiser().await;
    let process = process::find_by_slug(app.db.read(), &s.slug)
        .await
        .unwrap()
        .unwrap();
    let new_page = format!("/beheer/processen/{}/consultaties/nieuw", process.id);
    let bad = app
        .post_form(
            &new_page,
            &new_page,
            &[
                ("title", "Nieuw"),
                ("intro", "Intro"),
                ("privacy", "P"),
                ("opens_on", "2030-09-30"),
                ("closes_on", "2030-09-01"),
            ],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains("moet sluiten na het moment dat ze opent")
    );
    let created = app
        .post_form(
            &new_page,
            &new_page,
            &[
                ("title", "Nieuw"),
                ("intro", "Intro"),
                ("privacy", "P"),
                ("opens_on", "2030-09-01"),
                ("closes_on", "2030-09-30"),
            ],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303);
    let edit = location(&created);
    let page = app.get_html(&edit).await;
    assert!(page.contains("Open van 1 september 2030 tot en met 30 september 2030"));
    assert!(
        page.contains("value=\"2030-09-30\""),
        "closing date shown as entered"
    );
    for (kind, prompt) in [("short_text", "Eerste"), ("scale", "Tweede")] {
        let added = app
            .post_form(
                &edit,
                &format!("{edit}/vragen"),
                &[
                    ("kind", kind),
                    ("prompt", prompt),
                    ("help", ""),
                    ("max_length", ""),
                    ("options", ""),
                ],
            )
            .await;
        assert_eq!(added.status().as_u16(), 303);
    }
    let no_options = app
        .post_form(
            &edit,
            &format!("{edit}/vragen"),
            &[
                ("kind", "single_choice"),
                ("prompt", "Kies"),
                ("options", "Alleen"),
            ],
        )
        .await;
    assert_eq!(no_options.status().as_u16(), 422);
    assert!(
        no_options
            .text()
            .await
            .unwrap()
            .contains("Geef minstens 2 keuzes")
    );
    let id: i64 = edit.rsplit('/').next().unwrap().parse().unwrap();
    let questions = consultation::questions(app.db.read(), ConsultationId(id))
        .await
        .unwrap();
    let moved = app
        .post_form(
            &edit,
            &format!("{edit}/vragen/{}/verplaatsen", questions[1].id),
            &[("direction", "up")],
        )
        .await;
    assert_eq!(moved.status().as_u16(), 303);
    let order: Vec<_> = consultation::questions(app.db.read(), ConsultationId(id))
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.prompt.main)
        .collect();
    assert_eq!(order, ["Tweede", "Eerste"]);
    let preview = app.get_html(&format!("{edit}/voorbeeld")).await;
    assert!(preview.contains("Voorbeeld:") && !preview.contains("Verstuur je reactie"));

    // The consultation of `setup` has a response: its question is locked.
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    post(&app, &form, &[(s.field(0), "Antwoord".into())], &[]).await;
    let locked = format!("/beheer/consultaties/{}", s.consultation);
    let remove = app
        .post_form(
            &locked,
            &format!("{locked}/vragen/{}/verwijderen", s.questions[0]),
            &[],
        )
        .await;
    assert_eq!(remove.status().as_u16(), 422);
    assert!(remove.text().await.unwrap().contains("Er zijn al reacties"));
    let kind = app
        .post_form(
            &locked,
            &format!("{locked}/vragen/{}", s.questions[0]),
            &[("kind", "long_text"), ("prompt", "Vraag 1")],
        )
        .await;
    assert_eq!(kind.status().as_u16(), 422);
    let text = app
        .post_form(
            &locked,
            &format!("{locked}/vragen/{}", s.questions[0]),
            &[("kind", "short_text"), ("prompt", "Vraag 1, verbeterd")],
        )
        .await;
    assert_eq!(text.status().as_u16(), 303, "texts may be corrected");
    assert_eq!(
        consultation::questions(app.db.read(), s.consultation)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn the_demo_2020_consultation_holds_48_responses_ranking_open_technologie_first_and_open_informatie_second()
 {
    let app = spawn_app().await;
    app.load_demo().await;
    let conn = app.db.read();
    let old = process::find_by_slug(conn, "actieplan-open-overheid-2020-2022")
        .await
        .unwrap()
        .unwrap();
    let c2020 = admin::list_for_process(conn, old.id)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(c2020.visible_count(), 48);
    let ranking = consultation::questions(conn, c2020.id).await.unwrap()[0].id;
    let themes = process::themes(conn, old.id).await.unwrap();
    let mut scores: Vec<(i64, String)> = responses::tallies(conn, c2020.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|t| t.question == ranking && t.key.starts_with('t'))
        .map(|t| {
            (
                t.points,
                themes
                    .iter()
                    .find(|th| format!("t{}", th.id) == t.key)
                    .unwrap()
                    .name
                    .main
                    .clone(),
            )
        })
        .collect();
    scores.sort_by(|a, b| b.cmp(a));
    assert_eq!(scores[0].1, "Open Technologie", "{scores:?}");
    assert_eq!(scores[1].1, "Open Informatie", "{scores:?}");
    let closed = app
        .get_html("/processen/actieplan-open-overheid-2020-2022/consultatie")
        .await;
    assert!(
        closed.contains("Deze consultatie is gesloten")
            && closed.contains("tot en met 30 september 2020")
    );
    let open = app
        .get_html("/processen/actieplan-open-overheid-2026/consultatie")
        .await;
    assert!(open.contains("Verstuur je reactie"));
}

#[tokio::test]
async fn answers_are_escaped_for_the_organiser_and_bad_page_numbers_are_refused() {
    let app = spawn_app().await;
    let s = setup(&app, &[("short_text", true)]).await;
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    let hostile = vec![(s.field(0), "<script>alert(1)</script>".to_owned())];
    assert_eq!(
        post(&app, &form, &hostile, &[]).await.status().as_u16(),
        303
    );
    app.login_as_organiser().await;
    let overview = format!("/beheer/consultaties/{}/reacties", s.consultation);
    let page = app.get_html(&overview).await;
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert")
    );
    for bad in ["-1", "abc", "1e3", "99999999999999999999999"] {
        let response = app.get(&format!("{overview}?pagina={bad}")).await;
        assert_eq!(response.status().as_u16(), 400, "{bad}");
    }
    assert_eq!(
        app.get(&format!("{overview}?pagina=18446744073709551615"))
            .await
            .status()
            .as_u16(),
        200
    );
    // Visitors and other consultations' ids get nothing.
    let visitor = client();
    let anonymous = visitor.get(app.url(&overview)).send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 303, "to the login page");
    assert_eq!(
        app.get("/beheer/consultaties/9999/reacties")
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        app.get("/processen/actieplan-open-overheid-2030/consultatie/9999")
            .await
            .status()
            .as_u16(),
        404
    );
}
