//! Mails about a sign-up speak the language of the page it was made on, also when someone else
//! causes them: a Dutch visitor who cancels, an organiser on Dutch pages, the background job.

use super::{Visitor, confirm_link, mail_to, mailed_path, path_of, published_process, session};
use crate::helpers::spawn_app;
use chrono::Duration;
use inspraak_domain::Language;
use inspraak_store::sessions;
use inspraak_web::i18n::Lang;
use inspraak_web::sessions::jobs;
use inspraak_web::sessions::mailer::WebMailer;

#[tokio::test]
async fn mails_about_a_sign_up_go_out_in_the_language_it_was_made_in() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "1").await;

    let anna = Visitor::new(&app);
    anna.sign_up(id, "Anna", "anna@example.nl").await;
    anna.follow_and_press(&path_of(&confirm_link(&app, "anna@example.nl").await))
        .await;

    let ben = Visitor::new(&app);
    assert!(ben.html("/?lang=en").await.contains("<html lang=\"en\">"));
    ben.sign_up(id, "Ben", "ben@example.nl").await;
    let confirm = mail_to(&app, "ben@example.nl", "Confirm your sign-up").await;
    assert!(confirm.body.starts_with("Hello Ben,"), "{}", confirm.body);
    let link = path_of(&mailed_path(&confirm, "/aanmelding/bevestigen/"));
    ben.follow_and_press(&link).await;
    mail_to(&app, "ben@example.nl", "You are on the waiting list").await;
    let rows = sessions::registrations(app.db.read(), id).await.unwrap();
    let languages: Vec<_> = rows
        .iter()
        .filter_map(|r| r.registrant.as_ref())
        .map(|p| (p.email.as_str(), p.language))
        .collect();
    assert!(languages.contains(&("anna@example.nl", Language::Dutch)));
    assert!(languages.contains(&("ben@example.nl", Language::English)));

    // Anna cancels on a Dutch page; the seat she frees is offered to Ben in English.
    let confirmed = mail_to(&app, "anna@example.nl", "Aanmelding bevestigd").await;
    let cancel = path_of(&mailed_path(&confirmed, "/aanmelding/annuleren/"));
    anna.follow_and_press(&cancel).await;
    mail_to(&app, "anna@example.nl", "Je bent afgemeld").await;
    let promoted = mail_to(&app, "ben@example.nl", "A seat is free").await;
    assert!(promoted.body.starts_with("Hello Ben,"), "{}", promoted.body);

    // An organiser on Dutch pages writes to the participants: Ben's mail is framed in English.
    app.login_as_organiser().await;
    let message_page = format!("/beheer/bijeenkomsten/{id}/bericht");
    let form_key = {
        let html = app.get_html(&message_page).await;
        let start = html.find("name=\"form_key\" value=\"").unwrap() + 23;
        html[start..start + 43].to_owned()
    };
    app.post_form(
        &message_page,
        &message_page,
        &[
            ("form_key", &form_key),
            ("subject", "Nieuwe zaal"),
            ("body", "We zitten in zaal 2."),
        ],
    )
    .await;
    let message = mail_to(&app, "ben@example.nl", "Nieuwe zaal").await;
    assert!(
        message.body.contains("A message from the organisers of"),
        "{}",
        message.body
    );

    // The background job's reminder, the day before: English too, whatever the job's default.
    let starts = sessions::find(app.db.read(), id)
        .await
        .unwrap()
        .unwrap()
        .schedule
        .starts_at();
    app.clock
        .advance(starts - app.clock.now() - Duration::hours(20));
    let mailer = WebMailer {
        base_url: app.address.clone(),
        organiser_email: "noreply@example.nl".into(),
        lang: Lang::Nl,
        now: app.clock.now(),
    };
    jobs::run_once(&app.db, &mailer, app.clock.now())
        .await
        .unwrap();
    let reminder = mail_to(&app, "ben@example.nl", "Reminder").await;
    assert!(reminder.body.starts_with("Hello Ben,"), "{}", reminder.body);
}
