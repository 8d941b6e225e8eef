//! Mails about a sign-up speak the language of the page it was made on, also when someone else
//! causes them: a Dutch visitor who cancels, an organiser on Dutch pages, the background job.

use super::{
    Visitor, confirm_link, go_to_the_day_before, mail_to, mailed_path, message_form_key, path_of,
    post_message, published_process, run_session_job, session,
};
use crate::helpers::spawn_app;
use inspraak_domain::Language;

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
    let rows = inspraak_store::session::registrations(app.db.read(), id)
        .await
        .unwrap();
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
    let form_key = message_form_key(&app, id).await;
    post_message(&app, id, &form_key, "Nieuwe zaal").await;
    let message = mail_to(&app, "ben@example.nl", "Nieuwe zaal").await;
    assert!(
        message.body.contains("A message from the organisers of"),
        "{}",
        message.body
    );

    // The background job's reminder, the day before: English too, whatever the job's default.
    go_to_the_day_before(&app, id).await;
    run_session_job(&app).await;
    let reminder = mail_to(&app, "ben@example.nl", "Reminder").await;
    assert!(reminder.body.starts_with("Hello Ben,"), "{}", reminder.body);
}
