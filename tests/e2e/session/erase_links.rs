//! Issue 20: every mail about a sign-up carries the "erase my data" link, and it works. Erasing
//! a sign-up for a session still to come cancels it: the seat goes to the first on the waiting
//! list in the same transaction, and no cancellation mail goes to the erased address.

use super::*;
use inspraak_domain::session::RegistrationState;
use inspraak_store::privacy;

const ADA: &str = "ada.wissel@example.nl";
const ADA_NAME: &str = "Ada Wissel";
const BOB: &str = "bob.wachter@example.nl";

#[tokio::test]
async fn the_erase_link_in_a_sign_up_mail_erases_the_address_and_gives_the_seat_away() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "1").await;

    // Ada signs up; the mail asking her to confirm already carries the erase link.
    let ada = Visitor::new(&app);
    assert_eq!(ada.sign_up(id, ADA_NAME, ADA).await.status().as_u16(), 303);
    let first = mail_to(&app, ADA, "Bevestig je aanmelding").await;
    let erase = mailed_path(&first, "/gegevens-wissen/");
    let (status, _) = ada.follow_and_press(&confirm_link(&app, ADA).await).await;
    assert_eq!(status, 200);
    let confirmed = mail_to(&app, ADA, "Aanmelding bevestigd").await;
    let second = mailed_path(&confirmed, "/gegevens-wissen/");
    assert_ne!(erase, second, "each mail its own token");

    // Bob gets no seat: the waiting list.
    let bob = Visitor::new(&app);
    assert_eq!(
        bob.sign_up(id, "Bob Wachter", BOB).await.status().as_u16(),
        303
    );
    bob.follow_and_press(&confirm_link(&app, BOB).await).await;
    let waiting = mail_to(&app, BOB, "Je staat op de wachtlijst").await;
    assert!(
        waiting.body.contains("/gegevens-wissen/"),
        "{}",
        waiting.body
    );

    let before = privacy::holding(app.db.read(), ADA, Some(ADA_NAME))
        .await
        .unwrap();
    assert!(
        before.iter().any(|(t, _, _)| *t == "registrants"),
        "{before:?}"
    );

    // The link in the first mail still works: the page asks, the button erases.
    let page = ada.html(&erase).await;
    assert!(page.contains("Wis mijn e-mailadres"), "{page}");
    let (status, after) = ada.follow_and_press(&erase).await;
    assert_eq!(status, 200);
    assert!(after.contains("geen e-mailadres (meer)"), "{after}");
    let left = privacy::holding(app.db.read(), ADA, Some(ADA_NAME))
        .await
        .unwrap();
    assert!(left.is_empty(), "still holding Ada's data: {left:?}");
    // The link of the later mail is spent too.
    assert!(ada.html(&second).await.contains("geen e-mailadres (meer)"));

    // Her seat went to Bob, in the same transaction: one seat taken, Bob confirmed.
    let promoted = mail_to(&app, BOB, "Er is een plaats vrij").await;
    assert!(promoted.body.contains("/gegevens-wissen/"));
    let counts = session::registration_counts(app.db.read(), id)
        .await
        .unwrap();
    assert_eq!(counts[&RegistrationState::Confirmed], 1);
    assert_eq!(counts[&RegistrationState::Waitlisted], 0);
    assert_eq!(counts[&RegistrationState::Cancelled], 1);
    let found = session::find(app.db.read(), id).await.unwrap().unwrap();
    assert_eq!(found.seats_taken, 1);

    // Nothing more goes to Ada: no cancellation mail, and no reminder the day before.
    go_to_the_day_before(&app, id).await;
    run_session_job(&app).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let to_ada: Vec<String> = app
        .mails
        .all()
        .into_iter()
        .filter(|m| m.to == ADA)
        .map(|m| m.subject)
        .collect();
    assert_eq!(
        to_ada.len(),
        2,
        "only the two mails before erasing: {to_ada:?}"
    );
    let reminder = mail_to(&app, BOB, "Herinnering").await;
    assert!(reminder.body.contains("/gegevens-wissen/"));
}
