//! Issue 21, the calendar: the organiser moves a session from summer to winter time and to
//! another place, a participant cancels and signs up again, and every calendar file that is
//! mailed (and the agenda feed) is read back with the `icalendar` parser: one UID, a SEQUENCE
//! that only goes up, the right Dutch time on both sides of the change to winter time.

use super::*;
use chrono::NaiveDate;
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, EventLike};
use inspraak_domain::session::RegistrationState;

/// What one calendar file says about the session.
#[derive(Debug)]
struct Entry {
    method: String,
    uid: String,
    sequence: u32,
    /// Local (Amsterdam) date and hour of DTSTART and DTEND.
    starts: (NaiveDate, u32),
    ends: (NaiveDate, u32),
    location: String,
}

fn local(value: Option<DatePerhapsTime>) -> (NaiveDate, u32) {
    match value {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => {
            let t = inspraak_domain::time::utc_to_local(t);
            (t.date_naive(), t.hour())
        }
        other => panic!("not a UTC time: {other:?}"),
    }
}

/// The event with `uid` (or the only one) in a calendar file.
fn read(ics: &str, uid: Option<&str>) -> Entry {
    let calendar: Calendar = ics.parse().unwrap_or_else(|e| panic!("{e}\n{ics}"));
    let method = calendar.property_value("METHOD").unwrap_or("").to_owned();
    let mut events = calendar
        .events()
        .filter(|e| uid.is_none_or(|u| e.get_uid() == Some(u)));
    let event = events.next().unwrap_or_else(|| panic!("no event\n{ics}"));
    assert!(events.next().is_none(), "one event per UID\n{ics}");
    Entry {
        method,
        uid: event.get_uid().unwrap().to_owned(),
        sequence: event
            .get_sequence()
            .unwrap_or_else(|| panic!("no SEQUENCE\n{ics}")),
        starts: local(event.get_start()),
        ends: local(event.get_end()),
        location: event.get_location().unwrap_or("").to_owned(),
    }
}

/// The first day from `from` on which 14:00 in the Netherlands is `hours` ahead of UTC
/// (2: summer time, 1: winter time).
fn day_with_offset(from: NaiveDate, hours: i64) -> NaiveDate {
    (0..400)
        .map(|n| from + Duration::days(n))
        .find(|day| {
            let local = day.and_hms_opt(14, 0, 0).unwrap();
            local - inspraak_domain::time::local_to_utc(local).naive_utc() == Duration::hours(hours)
        })
        .unwrap()
}

/// Waits for the `n`th (from 1) mail to `to` whose subject contains `subject`.
async fn nth_mail(app: &TestApp, to: &str, subject: &str, n: usize) -> CapturedMail {
    for _ in 0..100 {
        let found: Vec<CapturedMail> = app
            .mails
            .all()
            .into_iter()
            .filter(|m| m.to == to && m.subject.contains(subject))
            .collect();
        if found.len() >= n {
            return found[n - 1].clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no mail {n} about {subject:?} to {to}");
}

fn calendar_file(mail: &CapturedMail) -> String {
    mail.attachment
        .clone()
        .unwrap_or_else(|| panic!("no calendar file in {}", mail.subject))
        .1
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The organiser's edit form, posted with these details; returns where it sent us.
async fn edit(app: &TestApp, id: SessionId, fields: &[(&str, &str)]) -> String {
    let page = format!("/beheer/bijeenkomsten/{id}");
    let response = app.post_form(&page, &page, fields).await;
    assert_eq!(response.status().as_u16(), 303);
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn sign_up_and_confirm(app: &TestApp, id: SessionId, name: &str, email: &str, nth: usize) {
    let person = Visitor::new(app);
    assert_eq!(person.sign_up(id, name, email).await.status().as_u16(), 303);
    let mail = nth_mail(app, email, "Bevestig je aanmelding", nth).await;
    let link = mailed_path(&mail, "/aanmelding/bevestigen/");
    let (status, _) = person.follow_and_press(&path_of(&link)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_moved_session_a_cancellation_and_a_new_sign_up_keep_one_event_in_the_calendar() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    app.login_as_organiser().await;
    let today = inspraak_domain::time::local_date(app.clock.now());
    let summer = day_with_offset(today + Duration::days(7), 2);
    let winter = day_with_offset(summer, 1);
    let form = |day: NaiveDate, from: &str, to: &str, place: &str, capacity: &str| {
        vec![
            ("kind".to_owned(), "think_along".to_owned()),
            ("title".to_owned(), "Meedenksessie Open Inkoop".to_owned()),
            (
                "description".to_owned(),
                "Praat mee over inkoop.".to_owned(),
            ),
            ("starts_at".to_owned(), format!("{day}T{from}")),
            ("ends_at".to_owned(), format!("{day}T{to}")),
            ("location".to_owned(), place.to_owned()),
            ("online_link".to_owned(), String::new()),
            ("capacity".to_owned(), capacity.to_owned()),
        ]
    };
    let new_page = format!("/beheer/processen/{process}/bijeenkomsten/nieuw");
    let created_form = form(summer, "14:00", "16:00", "Stadhuis Zwolle, zaal 1", "1");
    let created = app
        .post_form(&new_page, &new_page, &pairs(&created_form))
        .await;
    assert_eq!(created.status().as_u16(), 303);
    let id = SessionId(
        created.headers()["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/beheer/bijeenkomsten/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap(),
    );

    // Ada has the one seat, Bob is on the waiting list.
    sign_up_and_confirm(&app, id, "Ada", "ada@example.nl", 1).await;
    sign_up_and_confirm(&app, id, "Bob", "bob@example.nl", 1).await;
    nth_mail(&app, "bob@example.nl", "wachtlijst", 1).await;
    let invitation = read(
        &calendar_file(&nth_mail(&app, "ada@example.nl", "Aanmelding bevestigd", 1).await),
        None,
    );
    assert_eq!(invitation.method, "REQUEST");
    assert_eq!(invitation.starts, (summer, 14), "14:00 summer time");
    assert_eq!(invitation.ends, (summer, 16));
    let uid = invitation.uid.clone();

    // The form says the participants will hear of a new time or place.
    let edit_page = app.get_html(&format!("/beheer/bijeenkomsten/{id}")).await;
    assert!(edit_page.contains("Deelnemers krijgen een bericht met de nieuwe tijd of plek"));
    // Moved to a winter morning in another room: Ada's calendar is updated, Bob gets a note.
    let moved_form = form(winter, "10:00", "12:00", "Stadhuis Zwolle, zaal 2", "1");
    let fields = pairs(&moved_form);
    let saved = edit(&app, id, &fields).await;
    assert!(saved.contains("bericht=2"), "{saved}");
    let notice = app.get_html(&saved).await;
    assert!(
        notice.contains("2 deelnemers krijgen een bericht"),
        "{notice}"
    );
    let changed_mail = nth_mail(&app, "ada@example.nl", "Gewijzigd", 1).await;
    assert!(changed_mail.body.contains("Waar: Stadhuis Zwolle, zaal 2"));
    assert!(
        changed_mail.body.contains("10:00 tot 12:00"),
        "{}",
        changed_mail.body
    );
    assert!(changed_mail.body.contains("/gegevens-wissen/"));
    assert!(changed_mail.body.contains("/aanmelding/annuleren/"));
    let update = read(&calendar_file(&changed_mail), None);
    assert_eq!(update.method, "REQUEST");
    assert_eq!(update.uid, uid);
    assert_eq!(update.starts, (winter, 10), "10:00 winter time");
    assert_eq!(update.ends, (winter, 12));
    assert_eq!(update.location, "Stadhuis Zwolle, zaal 2");
    let note = nth_mail(&app, "bob@example.nl", "Gewijzigd", 1).await;
    assert!(note.attachment.is_none(), "no seat, no calendar file");
    assert!(note.body.contains("wachtlijst") && note.body.contains("zaal 2"));

    // A new description and a seat more are no news to the participants' calendars.
    let mut quiet_form = form(winter, "10:00", "12:00", "Stadhuis Zwolle, zaal 2", "1");
    quiet_form[2].1 = "Praat mee over inkoop en aanbesteden.".to_owned();
    let fields = pairs(&quiet_form);
    let saved = edit(&app, id, &fields).await;
    assert!(saved.contains("bericht=0"), "{saved}");

    // Ada cancels: the cancellation outranks the update; Bob gets her seat.
    let cancel = mailed_path(&changed_mail, "/aanmelding/annuleren/");
    let (status, _) = Visitor::new(&app).follow_and_press(&path_of(&cancel)).await;
    assert_eq!(status, 200);
    let cancellation = read(
        &calendar_file(&nth_mail(&app, "ada@example.nl", "Je bent afgemeld", 1).await),
        None,
    );
    assert_eq!(cancellation.method, "CANCEL");
    assert_eq!(cancellation.uid, uid);
    let promoted = read(
        &calendar_file(&nth_mail(&app, "bob@example.nl", "Er is een plaats vrij", 1).await),
        None,
    );
    assert_eq!(promoted.uid, uid);
    assert_eq!(promoted.starts, (winter, 10));
    assert_eq!(promoted.location, "Stadhuis Zwolle, zaal 2");

    // A second seat, and Ada signs up again: the new invitation outranks her cancellation.
    let two_seats = form(winter, "10:00", "12:00", "Stadhuis Zwolle, zaal 2", "2");
    let fields = pairs(&two_seats);
    assert!(edit(&app, id, &fields).await.contains("bericht=0"));
    sign_up_and_confirm(&app, id, "Ada", "ada@example.nl", 2).await;
    let again = read(
        &calendar_file(&nth_mail(&app, "ada@example.nl", "Aanmelding bevestigd", 2).await),
        None,
    );
    assert_eq!(again.method, "REQUEST");
    assert_eq!(again.uid, uid);
    assert_eq!(again.starts, (winter, 10));

    let ada: Vec<u32> = [&invitation, &update, &cancellation, &again]
        .iter()
        .map(|e| e.sequence)
        .collect();
    assert!(
        ada.windows(2).all(|w| w[0] < w[1]),
        "Ada's calendar sees SEQUENCE {ada:?}"
    );
    // Only one "changed" mail each: the quiet edits sent none.
    for who in ["ada@example.nl", "bob@example.nl"] {
        let changed = app
            .mails
            .all()
            .iter()
            .filter(|m| m.to == who && m.subject.contains("Gewijzigd"))
            .count();
        assert_eq!(changed, 1, "{who}");
    }

    // The feed and the download: the same event, the latest SEQUENCE, the new time.
    let feed = Visitor::new(&app).html("/agenda.ics").await;
    let in_feed = read(&feed, Some(&uid));
    assert_eq!(in_feed.method, "PUBLISH");
    assert_eq!(in_feed.sequence, again.sequence);
    assert_eq!(in_feed.starts, (winter, 10));
    let download = Visitor::new(&app)
        .html(&format!("/bijeenkomsten/{id}/agenda.ics"))
        .await;
    let downloaded = read(&download, None);
    assert_eq!(
        (downloaded.uid.as_str(), downloaded.sequence),
        (uid.as_str(), again.sequence)
    );
}

#[tokio::test]
async fn a_session_called_off_cancels_every_calendar_and_tells_the_waiting_list() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    app.login_as_organiser().await;
    let id = session(&app, process, "1").await;
    sign_up_and_confirm(&app, id, "Ada", "ada@example.nl", 1).await;
    sign_up_and_confirm(&app, id, "Bob", "bob@example.nl", 1).await;
    // Cleo never confirms.
    let cleo = Visitor::new(&app);
    assert_eq!(
        cleo.sign_up(id, "Cleo", "cleo@example.nl")
            .await
            .status()
            .as_u16(),
        303
    );
    let cleo_link = path_of(&confirm_link(&app, "cleo@example.nl").await);
    let invitation = read(
        &calendar_file(&nth_mail(&app, "ada@example.nl", "Aanmelding bevestigd", 1).await),
        None,
    );

    // Dirk opens the sign-up form before the session is called off and sends it after.
    let dirk = Visitor::new(&app);
    let form_page = dirk.html(&format!("/bijeenkomsten/{id}")).await;
    let dirk_token = csrf_token(&form_page);
    let [dirk_key, dirk_started] = crate::public_forms::gate_fields(&app, &form_page);

    let page = format!("/beheer/bijeenkomsten/{id}");
    let edit_page = app.get_html(&page).await;
    assert!(edit_page.contains("Bijeenkomst afgelasten"), "{edit_page}");
    let called_off = app
        .post_form(&page, &format!("{page}/afgelasten"), &[])
        .await;
    assert_eq!(called_off.status().as_u16(), 303);
    let back = called_off.headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(back.ends_with("afgelast=2"), "{back}");
    let edit_page = app.get_html(&back).await;
    assert!(edit_page.contains("De bijeenkomst is afgelast. 2 mensen krijgen een e-mail."));
    assert!(!edit_page.contains("/afgelasten\""), "no second button");

    let ada = nth_mail(&app, "ada@example.nl", "Gaat niet door", 1).await;
    let cancellation = read(&calendar_file(&ada), None);
    assert_eq!(cancellation.method, "CANCEL");
    assert_eq!(cancellation.uid, invitation.uid);
    assert!(cancellation.sequence > invitation.sequence);
    assert!(
        ada.attachment
            .as_ref()
            .unwrap()
            .1
            .contains("STATUS:CANCELLED")
    );
    let bob = nth_mail(&app, "bob@example.nl", "Gaat niet door", 1).await;
    assert!(bob.attachment.is_none() && bob.body.contains("wachtlijst"));

    // Pressed again: nothing more. Cleo's link no longer gives a seat; nobody can sign up.
    let again = app
        .post_form(&page, &format!("{page}/afgelasten"), &[])
        .await;
    assert!(
        again.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("afgelast=0")
    );
    let result = cleo.get(&cleo_link).await;
    assert_eq!(result.status().as_u16(), 200);
    let result = result.text().await.unwrap();
    assert!(
        result.contains("Deze bijeenkomst gaat niet door"),
        "{result}"
    );
    assert!(
        !result.contains("method=\"post\" action=\"/aanmelding"),
        "no button"
    );
    let public = Visitor::new(&app);
    let html = public.html(&format!("/bijeenkomsten/{id}")).await;
    assert!(html.contains("Deze bijeenkomst gaat niet door"), "{html}");
    assert!(!html.contains("/aanmelden\""), "no sign-up form");
    let late = dirk
        .client
        .post(app.url(&format!("/bijeenkomsten/{id}/aanmelden")))
        .form(&[
            ("csrf_token", dirk_token.as_str()),
            ("idempotency_key", &dirk_key),
            ("form_started", &dirk_started),
            ("name", "Dirk"),
            ("email", "dirk@example.nl"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(late.status().as_u16(), 422, "a sign-up is refused");
    assert!(
        late.text()
            .await
            .unwrap()
            .contains("Deze bijeenkomst gaat niet door")
    );
    let stored = session::find(app.db.read(), id).await.unwrap().unwrap();
    assert_eq!(stored.seats_taken, 0);
    // Every sign-up ended, Cleo's unconfirmed one too; Dirk's was never made.
    let counts = session::registration_counts(app.db.read(), id)
        .await
        .unwrap();
    assert_eq!(counts[&RegistrationState::Cancelled], 3, "{counts:?}");
    for state in [
        RegistrationState::Pending,
        RegistrationState::Confirmed,
        RegistrationState::Waitlisted,
    ] {
        assert_eq!(counts[&state], 0, "{state:?}");
    }

    // The feed keeps the event, cancelled, with the latest SEQUENCE.
    let feed = public.html("/agenda.ics").await;
    let entry = read(&feed, Some(&invitation.uid));
    assert!(entry.sequence >= cancellation.sequence);
    let unfolded = feed.replace("\r\n ", "");
    let event = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(&format!("UID:{}\r\n", invitation.uid)))
        .unwrap();
    assert!(event.contains("STATUS:CANCELLED"), "{event}");
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    for (who, n) in [
        ("ada@example.nl", 1),
        ("bob@example.nl", 1),
        ("cleo@example.nl", 0),
    ] {
        let mails = app
            .mails
            .all()
            .iter()
            .filter(|m| m.to == who && m.subject.contains("Gaat niet door"))
            .count();
        assert_eq!(mails, n, "{who}");
    }
}
