//! The organiser's curation: recurring threads and picked quotes, with errors shown again.

use super::*;

#[tokio::test]
async fn threads_and_quotes_appear_and_a_thread_without_title_is_shown_again_with_errors() {
    let app = spawn_app().await;
    let s = setup(&app, &[("yes_no_why", true)]).await;
    let q = s.questions[0];
    submit(
        &app,
        &s,
        1,
        &[(
            q,
            Answer::YesNo {
                yes: true,
                why: Some("Kennis <delen>".into()),
            },
        )],
    )
    .await;
    submit(
        &app,
        &s,
        2,
        &[(
            q,
            Answer::YesNo {
                yes: false,
                why: Some("De zoveelste club".into()),
            },
        )],
    )
    .await;
    app.login_as_organiser().await;
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let html = app.get_html(&admin).await;
    assert!(html.contains("Kennis &lt;delen&gt;"));

    let bad = post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/rode-draden"),
        &[("title", ""), ("body", "Samen doen")],
    )
    .await;
    assert_eq!(bad.status().as_u16(), 422);
    let text = bad.text().await.unwrap();
    assert!(text.contains("Samen doen"), "typed values are kept");
    let theme = s.themes[1].to_string();
    let ok = post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/rode-draden"),
        &[
            ("title", "Niet alleen praten"),
            ("body", "Ook doen."),
            ("theme", &theme),
        ],
    )
    .await;
    assert_eq!(ok.status().as_u16(), 303);

    let answer_id = {
        let quotes =
            inspraak_store::outcomes::candidates(app.db.read(), s.consultation, q, None, 10)
                .await
                .unwrap();
        quotes.iter().find(|x| x.yes == Some(true)).unwrap().answer
    };
    let r = post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/citaten/{answer_id}"),
        &[("selected", "1")],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/inleiding"),
        &[("intro", "Dit kwam eruit.")],
    )
    .await;
    post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/publicatie"),
        &[("published", "1")],
    )
    .await;

    let page = app
        .new_visitor()
        .get_html(&format!(
            "/processen/{}/uitkomsten/{}",
            s.slug, s.consultation
        ))
        .await;
    assert!(page.contains("Niet alleen praten"));
    assert!(
        page.contains("Open Informatie"),
        "the thread names its theme"
    );
    assert!(
        page.contains("Kennis &lt;delen&gt;"),
        "picked quote shown, escaped"
    );
    assert!(
        !page.contains("De zoveelste club"),
        "quotes not picked stay off the page"
    );
    assert!(page.contains("Dit kwam eruit."));
    let list = app
        .new_visitor()
        .get_html(&format!("/processen/{}/uitkomsten", s.slug))
        .await;
    assert!(list.contains(&format!("/uitkomsten/{}", s.consultation)));

    // The publication left an audit row.
    let audit = inspraak_store::audit::page(app.db.read(), &Default::default(), 0, 50)
        .await
        .unwrap();
    assert!(format!("{audit:?}").contains("outcome of consultation"));
}
