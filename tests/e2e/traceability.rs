//! Closing the loop (issue #10) end to end: an anonymous respondent keeps the trace link from
//! the receipt; the organiser links the response to a recurring thread and an action point and
//! posts progress; the respondent's page shows it all; the captured outbox holds exactly one
//! digest per day; unsubscribing works without login (link and one-click POST) and stops the
//! digest. Plus: one person's link never shows another's words, and guessing is a 404 that
//! ends in the rate limit.

use crate::consultation::{EVERY_KIND, Setup, hidden, post, setup};
use crate::helpers::{TestApp, client, spawn_app};
use chrono::Duration;
use inspraak_store::consultation;
use inspraak_web::notice_digest as digest;

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Sends the full form with `email` (and a distinct text answer) and returns the trace path
/// taken from the receipt page.
async fn respond(app: &TestApp, s: &Setup, text: &str, email: &str) -> (String, String) {
    respond_on(app, s, text, email, "nl").await
}

/// Answers on the form's pages in `lang` (`nl` or `en`).
async fn respond_on(
    app: &TestApp,
    s: &Setup,
    text: &str,
    email: &str,
    lang: &str,
) -> (String, String) {
    let visitor = app.new_visitor();
    let home = visitor.get_html(&format!("/?lang={lang}")).await;
    assert!(home.contains(&format!("<html lang=\"{lang}\">")));
    let form = s.open_form(&visitor).await;
    app.clock.advance(Duration::seconds(10));
    let mut answers = s.full_answers();
    answers[0].1 = text.to_owned();
    for (name, value) in answers.iter_mut() {
        if *name == s.field(8) {
            *value = email.to_owned();
        }
    }
    let response = post(&visitor, &form, &answers, &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    let receipt_path = location(&response);
    let receipt = visitor.get_html(&receipt_path).await;
    let start = receipt
        .find("/inbreng/")
        .expect("trace link on the receipt");
    let token: String = receipt[start + "/inbreng/".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    // The sending time in milliseconds (12 hex digits), then 256 random bits.
    assert_eq!(token.len(), 55, "{token}");
    let millis = i64::from_str_radix(&token[..12], 16).unwrap();
    let sent = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(millis).unwrap();
    assert!(
        (app.clock.now() - sent).num_seconds().abs() < 5,
        "{sent} is about the app's now"
    );
    // The receipt without the one-time query shows the code but not the link.
    let plain = receipt_path.split('?').next().unwrap();
    assert!(!visitor.get_html(plain).await.contains("/inbreng/"));
    (format!("/inbreng/{token}"), receipt_path)
}

/// The organiser (`org`, logged in) adds the recurring thread "Veilig fietsen" on theme 0.
pub(crate) async fn add_thread(
    app: &TestApp,
    org: &TestApp,
    s: &Setup,
) -> inspraak_domain::ThreadId {
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let r = org
        .post_form(
            &admin,
            &format!("{admin}/rode-draden"),
            &[
                ("title", "Veilig fietsen"),
                ("body", "Veel mensen willen bredere fietspaden."),
                ("theme", &s.themes[0].to_string()),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    inspraak_store::outcomes::threads(app.db.read(), s.consultation)
        .await
        .unwrap()[0]
        .id
}

pub(crate) async fn response_id(app: &TestApp, s: &Setup, text: &str) -> i64 {
    let page = consultation::responses::list(app.db.read(), s.consultation, 1, 50)
        .await
        .unwrap();
    page.rows
        .iter()
        .find(|r| {
            r.answers
                .iter()
                .any(|(_, a)| a.text.as_deref() == Some(text))
        })
        .unwrap()
        .id
        .0
}

fn mails_to(app: &TestApp, to: &str) -> Vec<inspraak_web::mail::CapturedMail> {
    app.mails.all().into_iter().filter(|m| m.to == to).collect()
}

async fn settle(app: &TestApp) {
    // The outbox worker polls every 250 ms.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let _ = app;
}

#[tokio::test]
async fn a_respondent_follows_links_progress_and_one_daily_digest_then_unsubscribes() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let process = consultation::find(app.db.read(), s.consultation)
        .await
        .unwrap()
        .unwrap()
        .process_id;
    let (trace, _) = respond(&app, &s, "Fietspaden verbreden", "fietser@example.nl").await;
    let (other_trace, _) = respond(&app, &s, "Meer bankjes", "wandelaar@example.nl").await;

    // The confirmation mail carries the same link.
    let confirmation = app
        .wait_for_mail("fietser@example.nl", |m| m.subject.contains("Bedankt"))
        .await;
    assert!(confirmation.body.contains(&trace), "{}", confirmation.body);

    // Before any link: own words, nothing fed yet, no outcome.
    let page = app.new_visitor().get_html(&trace).await;
    assert!(page.contains("Wat is er met mijn inbreng gedaan?"));
    assert!(page.contains("Fietspaden verbreden"));
    assert!(!page.contains("Meer bankjes"), "no one else's words");
    assert!(
        !page.contains("fietser@example.nl"),
        "no address on the page"
    );
    assert!(page.contains("nog niet aan een rode draad"));

    // The organiser: a thread, an action point, then the link page of the response.
    let org = app.new_visitor();
    let secret = org.login_as_organiser().await;
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let thread = add_thread(&app, &org, &s).await;
    let points = format!("/beheer/processen/{process}/actiepunten");
    let created = org
        .post_form(
            &points,
            &points,
            &[
                ("title", "Fietspaden Noord"),
                ("description", "Fietspaden in Noord worden breder."),
                ("theme", &s.themes[0].to_string()),
                ("holder", "Gemeente"),
                ("holder_account", ""),
                ("partners", ""),
                ("status", "in_progress"),
                ("findings", ""),
            ],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303);
    let point: i64 = location(&created)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();

    let mine = response_id(&app, &s, "Fietspaden verbreden").await;
    let overview = format!("/beheer/consultaties/{}/reacties", s.consultation);
    let link_page = format!("/beheer/inbreng/reactie/{mine}");
    assert!(org.get_html(&overview).await.contains(&link_page));
    let html = org.get_html(&link_page).await;
    assert!(html.contains("Fietspaden verbreden") && html.contains("Veilig fietsen"));

    // A missing explanation is refused with the choice kept.
    let thread_value = format!("thread:{thread}");
    let bad = org
        .post_form(
            &link_page,
            &format!("{link_page}/koppelen"),
            &[("target", &thread_value), ("explanation", "")],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains(&format!("value=\"{thread_value}\" selected"))
    );
    for (target, why) in [
        (
            thread_value.clone(),
            "Genoemd als reden voor deze rode draad.",
        ),
        (format!("action_point:{point}"), "Leidde tot dit actiepunt."),
    ] {
        let ok = org
            .post_form(
                &link_page,
                &format!("{link_page}/koppelen"),
                &[("target", &target), ("explanation", why)],
            )
            .await;
        assert_eq!(ok.status().as_u16(), 303, "{target}");
    }
    // Twice is refused as already linked; nothing doubles.
    let twice = org
        .post_form(
            &link_page,
            &format!("{link_page}/koppelen"),
            &[("target", &thread_value), ("explanation", "Nog eens")],
        )
        .await;
    assert_eq!(twice.status().as_u16(), 409);
    let audit = inspraak_store::audit::page(
        app.db.read(),
        &inspraak_store::audit::Filter {
            action: Some(inspraak_domain::AuditAction::ContributionLinked),
            actor: None,
        },
        0,
        50,
    )
    .await
    .unwrap();
    assert_eq!(audit.0.len(), 2);

    // Progress on the action point.
    let point_admin = format!("{points}/{point}");
    let r = org
        .post_form(
            &point_admin,
            &format!("{point_admin}/voortgang"),
            &[
                ("on", "2026-11-20"),
                ("body", "Ontwerp klaar, aanbesteding loopt."),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);

    // The outcome is published (its own existing mail goes to every consenting participant).
    let r = org
        .post_form(
            &admin,
            &format!("{admin}/publicatie"),
            &[("published", "1")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let outcome_path = format!("/processen/{}/uitkomsten/{}", s.slug, s.consultation);
    let outcome = app.new_visitor().get_html(&outcome_path).await;
    assert!(
        outcome.contains("1 bijdrage"),
        "contributions behind the thread"
    );

    // The respondent's page shows all of it; the other respondent's shows none.
    let page = app.new_visitor().get_html(&trace).await;
    for expected in [
        "Veilig fietsen",
        "Genoemd als reden voor deze rode draad.",
        "Fietspaden Noord",
        "Leidde tot dit actiepunt.",
        "Ontwerp klaar, aanbesteding loopt.",
        &format!("/processen/{}/actiepunten/{point}", s.slug),
        "De uitkomst is gepubliceerd.",
        &outcome_path,
    ] {
        assert!(page.contains(expected), "{expected}\n{page}");
    }
    let other = app.new_visitor().get_html(&other_trace).await;
    assert!(other.contains("Meer bankjes") && !other.contains("Fietspaden verbreden"));
    assert!(!other.contains("Veilig fietsen") && !other.contains("Fietspaden Noord"));

    // Public traceability: the action point says where it came from.
    let public_point = app
        .new_visitor()
        .get_html(&format!("/processen/{}/actiepunten/{point}", s.slug))
        .await;
    assert!(public_point.contains("Ontstaan uit"), "{public_point}");
    assert!(public_point.contains("1 consultatiereactie"));
    assert!(
        !public_point.contains("Fietspaden verbreden"),
        "responses are never shown"
    );

    // The digest: nothing on the same day, one mail the next day, for the linked one only.
    settle(&app).await;
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        0
    );
    app.clock.advance(Duration::days(1));
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        1
    );
    // A login session does not outlive a day on the moved clock: log in again.
    let r = org
        .login_with_code("organisator@example.nl", "een lang wachtwoord", &secret)
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let mail = app
        .wait_for_mail("fietser@example.nl", |m| {
            m.subject == "Nieuws over je inbreng"
        })
        .await;
    assert!(mail.body.contains("Veilig fietsen") && mail.body.contains("Fietspaden Noord"));
    assert!(mail.body.contains("nieuwe voortgang"), "{}", mail.body);
    let unsubscribe = mail.list_unsubscribe.clone().expect("List-Unsubscribe");
    assert!(mail.body.contains(&unsubscribe));
    // Running again the same day sends nothing.
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        0
    );

    // A second update today waits for tomorrow: at most one digest per day.
    let r = org
        .post_form(
            &point_admin,
            &format!("{point_admin}/voortgang"),
            &[("on", "2026-11-21"), ("body", "Gunning gedaan.")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        0
    );

    // Unsubscribe without login: the page (GET changes nothing), then the one-click POST.
    let path = &unsubscribe[unsubscribe.find("/inbreng/afmelden/").unwrap()..];
    let stranger = app.new_visitor();
    assert!(stranger.get_html(path).await.contains("Afmelden"));
    let response = client()
        .post(&unsubscribe)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    // A forged signature is a dead link.
    // The last character changed (to "0", or to "1" where it was "0" already: the same link
    // would not be forged).
    let last = if path.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &path[..path.len() - 1]);
    assert_eq!(
        client()
            .post(app.url(&forged))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );

    // No digest after it, also not with new progress.
    app.clock.advance(Duration::days(1));
    // A login session does not outlive a day on the moved clock: log in again.
    let r = org
        .login_with_code("organisator@example.nl", "een lang wachtwoord", &secret)
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = org
        .post_form(
            &point_admin,
            &format!("{point_admin}/voortgang"),
            &[("on", "2026-11-22"), ("body", "Start bouw.")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    app.clock.advance(Duration::days(1));
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        0
    );
    settle(&app).await;

    // Exactly the expected mails: a confirmation and the outcome mail each, and one digest for
    // the linked respondent only.
    let fietser: Vec<String> = mails_to(&app, "fietser@example.nl")
        .into_iter()
        .map(|m| m.subject)
        .collect();
    assert_eq!(fietser.len(), 3, "{fietser:?}");
    assert_eq!(
        fietser
            .iter()
            .filter(|s| *s == "Nieuws over je inbreng")
            .count(),
        1
    );
    assert_eq!(mails_to(&app, "wandelaar@example.nl").len(), 2);

    // Unlinking leaves an audit row and the page no longer shows the thread.
    // A login session does not outlive a day on the moved clock: log in again.
    let r = org
        .login_with_code("organisator@example.nl", "een lang wachtwoord", &secret)
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let html = org.get_html(&link_page).await;
    let marker = format!("{link_page}/ontkoppelen/");
    let start = html.find(&marker).unwrap() + marker.len();
    let link_id: String = html[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let r = org
        .post_form(&link_page, &format!("{marker}{link_id}"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let page = app.new_visitor().get_html(&trace).await;
    assert!(!page.contains("Genoemd als reden voor deze rode draad."));

    // Issue 20: every mail to the participant (confirmation, outcome, digest) carries "erase my
    // data"; the newest link (the digest's) erases the address everywhere.
    let mails = mails_to(&app, "fietser@example.nl");
    for mail in &mails {
        assert!(
            mail.body.contains("/gegevens-wissen/"),
            "{}: {}",
            mail.subject,
            mail.body
        );
    }
    let newest = mails
        .iter()
        .find(|m| m.subject == "Nieuws over je inbreng")
        .unwrap();
    let link = crate::helpers::link_starting_with(
        &newest.body,
        &format!("{}/gegevens-wissen/", app.address),
    )
    .unwrap();
    let path = &link[app.address.len()..];
    let person = app.new_visitor();
    let page = person.get_html(path).await;
    let token = crate::helpers::csrf_token(&page);
    let erased = person
        .post_raw(path, &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(erased.status().as_u16(), 303);
    let left = inspraak_store::privacy::holding(app.db.read(), "fietser@example.nl", None)
        .await
        .unwrap();
    assert!(left.is_empty(), "{left:?}");
    let _ = hidden;
}

/// A link mailed before trace tokens carried their time (43 characters, its plain SHA-256
/// stored) keeps opening its page, on the page itself and as the receipt's one-time link.
#[tokio::test]
async fn a_trace_link_from_before_tokens_carried_their_time_still_opens() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let (_, receipt) = respond(&app, &s, "Oude link", "").await;
    let id = response_id(&app, &s, "Oude link").await;
    let old = inspraak_store::tokens::new_token();
    let response =
        inspraak_domain::traceability::Contribution::Response(inspraak_domain::ResponseId(id));
    inspraak_store::traceability::trace::add(
        app.db.write(),
        response,
        &inspraak_store::tokens::hash_token(&old),
        app.clock.now(),
    )
    .await
    .unwrap();
    let page = app.new_visitor().get_html(&format!("/inbreng/{old}")).await;
    assert!(page.contains("Oude link"), "{page}");
    let plain = receipt.split('?').next().unwrap();
    let receipt = app
        .new_visitor()
        .get_html(&format!("{plain}?spoor={old}"))
        .await;
    assert!(receipt.contains(&format!("/inbreng/{old}")));
}

#[tokio::test]
async fn guessed_trace_links_are_404_and_many_guesses_hit_the_rate_limit() {
    let app = spawn_app().await;
    let visitor = app.new_visitor();
    let guess = "A".repeat(43);
    let r = visitor.get(&format!("/inbreng/{guess}")).await;
    assert_eq!(r.status().as_u16(), 404);
    assert!(r.text().await.unwrap().contains("Deze link werkt niet"));
    assert_eq!(visitor.get("/inbreng/kort").await.status().as_u16(), 404);
    let mut statuses = Vec::new();
    for n in 0..25 {
        let token = format!("{:0>43}", n);
        statuses.push(
            visitor
                .get(&format!("/inbreng/{token}"))
                .await
                .status()
                .as_u16(),
        );
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(*statuses.last().unwrap(), 429);
}

#[tokio::test]
async fn an_idea_receipt_carries_its_own_trace_link_once() {
    let app = spawn_app().await;
    let s = crate::ideas::setup(&app).await;
    let visitor = app.new_visitor();
    let sent = s
        .submit(
            &visitor,
            &[
                ("title", "Bankjes in het park"),
                ("body", "Meer plekken om te zitten."),
                ("name", ""),
                ("email", "zitter@example.nl"),
                ("consent", "ja"),
            ],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let thanks = visitor.get_html(&location(&sent)).await;
    let start = thanks
        .find("/inbreng/")
        .expect("trace link on the thanks page");
    let trace: String = thanks[start..]
        .chars()
        .take_while(|c| *c != '"' && *c != '<')
        .collect();
    let page = app.new_visitor().get_html(&trace).await;
    assert!(page.contains("Bankjes in het park") && page.contains("Meer plekken om te zitten."));
    assert!(!page.contains("zitter@example.nl"));
    // Without the one-time token the thanks page has no link; a foreign token shows none either.
    let plain = location(&sent);
    let plain = plain.split("&spoor=").next().unwrap();
    assert!(!visitor.get_html(plain).await.contains("/inbreng/"));
}

/// Mail to a respondent speaks the language of the form they answered: the thank-you mail, the
/// published outcome and the daily digest, the last two caused by an organiser on Dutch pages.
#[tokio::test]
async fn mail_after_answering_speaks_the_language_of_the_form() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    respond_on(&app, &s, "Wider cycle paths", "english@example.nl", "en").await;
    respond(&app, &s, "Meer bankjes", "nederlands@example.nl").await;
    let thanks = app.wait_for_mail("english@example.nl", |_| true).await;
    assert!(thanks.subject.starts_with("Thank"), "{}", thanks.subject);

    let org = app.new_visitor();
    org.login_as_organiser().await;
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let thread = add_thread(&app, &org, &s).await;
    for (text, email) in [
        ("Wider cycle paths", "english@example.nl"),
        ("Meer bankjes", "nederlands@example.nl"),
    ] {
        let link_page = format!(
            "/beheer/inbreng/reactie/{}",
            response_id(&app, &s, text).await
        );
        let r = org
            .post_form(
                &link_page,
                &format!("{link_page}/koppelen"),
                &[
                    ("target", &format!("thread:{thread}")),
                    ("explanation", "Genoemd als reden voor deze rode draad."),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303, "{email}");
    }
    let r = org
        .post_form(
            &admin,
            &format!("{admin}/publicatie"),
            &[("published", "1")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let outcome = app
        .wait_for_mail("english@example.nl", |m| {
            m.subject.starts_with("The outcomes of")
        })
        .await;
    assert!(outcome.body.contains("/uitkomsten/"), "{}", outcome.body);
    app.wait_for_mail("nederlands@example.nl", |m| {
        m.subject.starts_with("De uitkomsten van")
    })
    .await;

    settle(&app).await;
    app.clock.advance(Duration::days(1));
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        2
    );
    let english = app
        .wait_for_mail("english@example.nl", |m| {
            m.subject == "News about your input"
        })
        .await;
    assert!(english.body.contains("Veilig fietsen"), "{}", english.body);
    app.wait_for_mail("nederlands@example.nl", |m| {
        m.subject == "Nieuws over je inbreng"
    })
    .await;
}
