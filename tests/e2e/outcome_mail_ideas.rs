//! Issue 24: when an outcome is published, everyone who left an e-mail address with an idea of
//! the process hears of it — through the daily digest of notices (its unsubscribe and erase
//! links), one mail per person: an address with several ideas gets one line, and an address that
//! also answered the consultation gets only the outcome mail itself.

use crate::consultation::{Setup, post};
use crate::helpers::TestApp;
use crate::helpers::spawn_app;
use crate::ideas::{IdeaSetup, setup};
use chrono::Duration;
use inspraak_domain::consultation::{ConsultationStatus, NewConsultation, NewQuestion};
use inspraak_store::consultation::{self, admin};
use inspraak_web::notice_digest as digest;

const TWO_IDEAS: &str = "twee-ideeen@example.nl";
const BOTH: &str = "idee-en-reactie@example.nl";
const ENGLISH: &str = "english-idea@example.nl";

/// A published consultation in the ideas' process: a text question and the e-mail question.
async fn consultation_in(app: &TestApp, s: &IdeaSetup) -> Setup {
    let conn = app.db.write();
    let now = app.clock.now();
    let today = inspraak_domain::time::local_date(now);
    let new = NewConsultation::parse(
        "Consultatie over ideeën",
        "Vertel het ons.",
        "We bewaren je antwoorden zonder naam.",
        &(today - Duration::days(1)).to_string(),
        "",
        &(today + Duration::days(1)).to_string(),
        "",
    )
    .unwrap();
    let id = admin::insert(conn, s.process, &new, now).await.unwrap();
    for kind in ["short_text", "email_updates"] {
        let question = NewQuestion::parse(kind, "Vraag", "", false, "", "", true).unwrap();
        admin::add_question(conn, id, &question).await.unwrap();
    }
    admin::set_status(conn, id, ConsultationStatus::Published, now)
        .await
        .unwrap();
    let questions = consultation::questions(app.db.read(), id)
        .await
        .unwrap()
        .iter()
        .map(|q| q.id)
        .collect();
    Setup {
        slug: s.slug.clone(),
        consultation: id,
        questions,
        themes: s.themes.clone(),
    }
}

async fn idea(app: &TestApp, s: &IdeaSetup, title: &str, email: Option<&str>) {
    let mut fields = vec![("title", title), ("body", "Een idee.")];
    if let Some(email) = email {
        fields.extend([("email", email), ("consent", "ja")]);
    }
    let sent = s.submit(app, &fields).await;
    assert_eq!(sent.status().as_u16(), 303, "{title}");
}

#[tokio::test]
async fn idea_senders_hear_of_a_published_outcome_once_each() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = consultation_in(&app, &s).await;
    let visitor = app.new_visitor();
    idea(&visitor, &s, "Eerste idee", Some(TWO_IDEAS)).await;
    idea(&visitor, &s, "Tweede idee", Some(TWO_IDEAS)).await;
    idea(&visitor, &s, "Idee zonder adres", None).await;
    idea(
        &app.new_visitor(),
        &s,
        "Idee van iemand die ook reageert",
        Some(BOTH),
    )
    .await;
    let english = app.new_visitor();
    english.get("/?lang=en").await;
    idea(&english, &s, "An idea in English", Some(ENGLISH)).await;
    // The one who also answers, with consent for the outcome mail.
    let respondent = app.new_visitor();
    let form = c.open_form(&respondent).await;
    app.clock.advance(Duration::seconds(
        inspraak_web::flows::public_form::MIN_FILL_SECONDS,
    ));
    let answers = [
        (c.field(0), "Meer open data.".to_owned()),
        (c.field(1), BOTH.to_owned()),
        (format!("{}_consent", c.field(1)), "yes".to_owned()),
    ];
    let sent = post(&respondent, &form, &answers, &[]).await;
    assert_eq!(sent.status().as_u16(), 303);

    // Published, withdrawn and published again: told once.
    app.login_as_organiser().await;
    let admin_page = format!("/beheer/consultaties/{}/uitkomsten", c.consultation);
    for published in ["1", "0", "1"] {
        let r = app
            .post_form(
                &admin_page,
                &format!("{admin_page}/publicatie"),
                &[("published", published)],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
    }
    let outcome_path = format!("/processen/{}/uitkomsten/{}", s.slug, c.consultation);
    // The respondent gets the outcome mail itself.
    app.wait_for_mail(BOTH, |m| m.subject.starts_with("De uitkomsten van"))
        .await;

    // The digest: not the same day; the next day one mail per idea address but the respondent.
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        0
    );
    app.clock.advance(Duration::days(1));
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        2
    );
    let mail = app
        .wait_for_mail(TWO_IDEAS, |m| m.subject == "Nieuws over je inbreng")
        .await;
    let line = "De uitkomst van \"Consultatie over ideeën\" is gepubliceerd.";
    assert_eq!(mail.body.matches(line).count(), 1, "{}", mail.body);
    assert!(mail.body.contains(&outcome_path), "{}", mail.body);
    assert!(
        mail.body.contains("/gegevens-wissen/"),
        "erase link: {}",
        mail.body
    );
    let unsubscribe = mail.list_unsubscribe.clone().expect("List-Unsubscribe");
    assert!(mail.body.contains(&unsubscribe));
    let in_english = app
        .wait_for_mail(ENGLISH, |m| m.subject == "News about your input")
        .await;
    assert!(
        in_english
            .body
            .contains("The outcome of \"Consultatie over ideeën\" has been published."),
        "{}",
        in_english.body
    );
    let to = |address: &str| {
        app.mails
            .all()
            .into_iter()
            .filter(|m| m.to == address)
            .count()
    };
    assert_eq!(to(TWO_IDEAS), 1, "one mail for two ideas");
    // The outcome mail, plus nothing from the digest (the idea's own mails aside: none here).
    let both: Vec<_> = app
        .mails
        .all()
        .into_iter()
        .filter(|m| m.to == BOTH)
        .collect();
    assert!(
        both.iter().all(|m| m.subject != "Nieuws over je inbreng"),
        "{:?}",
        both.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );

    // The link in the mail leads to the outcome.
    let link = crate::helpers::link_starting_with(&mail.body, &app.url(&outcome_path))
        .expect("outcome link");
    let page = app.new_visitor().client.get(&link).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
}
