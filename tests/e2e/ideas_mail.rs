//! An idea's status mail speaks the language of the page the idea was sent from, though an
//! organiser on Dutch pages sets the status.

use crate::helpers::spawn_app;
use crate::ideas::setup;
use inspraak_store::ideas;

#[tokio::test]
async fn the_status_mail_speaks_the_language_of_the_idea_form() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    for (lang, email, title) in [
        ("en", "english@example.nl", "Open source first"),
        ("nl", "nederlands@example.nl", "Eerst open data"),
    ] {
        let visitor = app.new_visitor();
        let home = visitor.get_html(&format!("/?lang={lang}")).await;
        assert!(home.contains(&format!("<html lang=\"{lang}\">")));
        let sent = s
            .submit(
                &visitor,
                &[
                    ("title", title),
                    ("body", "Een uitleg van het idee."),
                    ("name", "Sam"),
                    ("email", email),
                    ("consent", "ja"),
                ],
            )
            .await;
        assert_eq!(sent.status().as_u16(), 303, "{lang}");
    }

    let org = app.new_visitor();
    org.login_as_organiser().await;
    let admin = format!("/beheer/processen/{}/ideeen", s.process);
    let all = ideas::all_for_process(app.db.read(), s.process)
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    for idea in all {
        let r = org
            .post_form(
                &admin,
                &format!("{admin}/{}/status", idea.id),
                &[
                    ("status", "under_consideration"),
                    ("action_point", ""),
                    ("explanation", "We kijken ernaar."),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
    }
    let english = app
        .wait_for_mail("english@example.nl", |m| {
            m.subject.starts_with("News about your idea")
        })
        .await;
    assert!(
        english.body.contains("Under consideration"),
        "{}",
        english.body
    );
    let dutch = app
        .wait_for_mail("nederlands@example.nl", |m| {
            m.subject.starts_with("Nieuws over je idee")
        })
        .await;
    assert!(dutch.body.contains("Wordt bekeken"), "{}", dutch.body);
}
