//! Online consultations end to end: a visitor fills in the form and gets a receipt; replays,
//! closing time, mistakes, spam, expired sessions and rate limits; the organiser's builder and
//! responses overview; the demo.

use crate::helpers::{TestApp, client, csrf_token, link_starting_with, spawn_app};
use chrono::Duration;
use inspraak_domain::consultation::{ConsultationStatus, NewConsultation, NewQuestion};
use inspraak_domain::{ConsultationId, NewProcess, NewTheme, ProcessStatus, QuestionId, ThemeId};
use inspraak_store::consultations::{self, admin, privacy, responses};
use inspraak_store::processes;

/// A published process with three themes and a published consultation open from yesterday
/// through tomorrow (Dutch dates), with the given questions (kind, required).
pub struct Setup {
    pub slug: String,
    pub consultation: ConsultationId,
    pub questions: Vec<QuestionId>,
    pub themes: Vec<ThemeId>,
}

pub const EVERY_KIND: [(&str, bool); 9] = [
    ("short_text", true),
    ("long_text", false),
    ("single_choice", true),
    ("multiple_choice", false),
    ("pick_themes", false),
    ("rank_themes", true),
    ("yes_no_why", false),
    ("scale", false),
    ("email_updates", false),
];

pub async fn setup(app: &TestApp, questions: &[(&str, bool)]) -> Setup {
    let conn = app.db.write();
    let now = app.clock.now();
    let process = processes::insert(
        conn,
        &NewProcess::parse("Actieplan Open Overheid 2030", "", "Samen.").unwrap(),
        now,
    )
    .await
    .unwrap();
    let mut themes = Vec::new();
    for name in ["Open Technologie", "Open Informatie", "Open Communicatie"] {
        let theme = NewTheme::parse(name, "", "").unwrap();
        themes.push(processes::add_theme(conn, process, &theme).await.unwrap());
    }
    processes::set_status(conn, process, ProcessStatus::Published, now)
        .await
        .unwrap();
    let today = inspraak_domain::time::local_date(now);
    let new = NewConsultation::parse(
        "Consultatie 2030",
        "Vertel ons wat je vindt.",
        "We bewaren je antwoorden zonder naam.",
        &(today - Duration::days(1)).to_string(),
        "",
        &(today + Duration::days(1)).to_string(),
        "",
    )
    .unwrap();
    let consultation = admin::insert(conn, process, &new, now).await.unwrap();
    for (n, (kind, required)) in questions.iter().enumerate() {
        let max = if *kind == "long_text" { "50" } else { "" };
        let question = NewQuestion::parse(
            kind,
            &format!("Vraag {} ({kind})", n + 1),
            "",
            *required,
            max,
            "Ja\nNee\nMisschien",
            true,
        )
        .unwrap();
        admin::add_question(conn, consultation, &question)
            .await
            .unwrap();
    }
    admin::set_status(conn, consultation, ConsultationStatus::Published, now)
        .await
        .unwrap();
    let questions = consultations::questions(app.db.read(), consultation)
        .await
        .unwrap()
        .iter()
        .map(|q| q.id)
        .collect();
    Setup {
        slug: "actieplan-open-overheid-2030".into(),
        consultation,
        questions,
        themes,
    }
}

/// The value of a hidden input in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name}"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

/// A form as handed out: its hidden fields and where it posts.
pub struct Form {
    pub csrf: String,
    pub key: String,
    pub started: String,
    pub action: String,
}

impl Setup {
    pub fn field(&self, n: usize) -> String {
        format!("q{}", self.questions[n])
    }

    pub async fn open_form(&self, app: &TestApp) -> Form {
        let html = app
            .get_html(&format!("/processen/{}/consultatie", self.slug))
            .await;
        Form {
            csrf: csrf_token(&html),
            key: hidden(&html, "idempotency_key"),
            started: hidden(&html, "form_started"),
            action: format!("/processen/{}/consultatie/{}", self.slug, self.consultation),
        }
    }

    /// Answers to every question of `EVERY_KIND`.
    pub fn full_answers(&self) -> Vec<(String, String)> {
        let q = |n: usize| self.field(n);
        vec![
            (q(0), "Open source".into()),
            (q(1), "Meer open data, graag.".into()),
            (q(2), "1".into()),
            (q(3), "0".into()),
            (q(3), "2".into()),
            (q(4), self.themes[1].to_string()),
            (format!("{}_other", q(4)), "Open Rechtspraak".into()),
            (format!("{}_t{}", q(5), self.themes[0]), "1".into()),
            (format!("{}_t{}", q(5), self.themes[2]), "2".into()),
            (q(6), "yes".into()),
            (format!("{}_why", q(6)), "Kennis delen".into()),
            (q(7), "4".into()),
            (q(8), "inwoner@example.nl".into()),
            (format!("{}_consent", q(8)), "yes".into()),
        ]
    }

    pub async fn counts(&self, app: &TestApp) -> (i64, i64) {
        let c = consultations::find(app.db.read(), self.consultation)
            .await
            .unwrap()
            .unwrap();
        (c.response_count, c.hidden_count)
    }
}

/// Posts answers with the form's hidden fields (and `extra` on top, e.g. a honeypot).
pub async fn post(
    app: &TestApp,
    form: &Form,
    answers: &[(String, String)],
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields: Vec<(String, String)> = vec![
        ("csrf_token".into(), form.csrf.clone()),
        ("idempotency_key".into(), form.key.clone()),
        ("form_started".into(), form.started.clone()),
        ("website".into(), String::new()),
    ];
    fields.extend(answers.iter().cloned());
    for (k, v) in extra {
        fields.retain(|(name, _)| name != k);
        fields.push(((*k).to_owned(), (*v).to_owned()));
    }
    app.client
        .post(app.url(&form.action))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

/// Where a 303 leads, without the one-time trace token a receipt redirect carries (`?spoor=`).
fn location(response: &reqwest::Response) -> String {
    let location = response.headers()["location"].to_str().unwrap();
    location.split("?spoor=").next().unwrap().to_owned()
}

#[tokio::test]
async fn a_visitor_fills_in_every_question_kind_and_gets_a_receipt() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let page = app.get_html(&format!("/processen/{}", s.slug)).await;
    assert!(
        page.contains("Vul de online consultatie in"),
        "the join block links the form"
    );
    let form_page = app
        .get_html(&format!("/processen/{}/consultatie", s.slug))
        .await;
    assert!(form_page.contains("Open van "), "the period is shown");
    assert!(form_page.contains("<fieldset") && form_page.contains("<legend"));
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));

    let response = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    let receipt_path = location(&response);
    assert!(receipt_path.contains("/ontvangen/"), "{receipt_path}");
    let receipt = app.get_html(&receipt_path).await;
    let code = receipt_path.rsplit('/').next().unwrap();
    assert!(receipt.contains("Bedankt voor je reactie") && receipt.contains(code));
    assert_eq!(s.counts(&app).await, (1, 0));

    // Every answer is stored, typed; the address is not among them.
    let page = responses::list(app.db.read(), s.consultation, 1, 10)
        .await
        .unwrap();
    let stored = &page.rows[0].answers;
    assert_eq!(stored.len(), 8, "{stored:?}");
    assert!(
        stored
            .iter()
            .all(|(_, a)| a.text.as_deref().is_none_or(|t| !t.contains('@')))
    );

    // The confirmation mail carries the receipt code and an erase link that works.
    let mail = app
        .wait_for_mail("inwoner@example.nl", |m| m.subject.contains("Bedankt"))
        .await;
    assert!(mail.body.contains(code));
    let link = link_starting_with(&mail.body, "http").expect("erase link");
    let path = &link[link.find("/gegevens-wissen/").unwrap()..];
    let confirm = app.get_html(path).await;
    assert!(confirm.contains("Wis mijn e-mailadres"));
    assert_eq!(
        privacy::contact_count(app.db.read(), s.consultation)
            .await
            .unwrap(),
        1,
        "a GET erases nothing"
    );
    let erased = app.post_form(path, path, &[]).await;
    assert_eq!(erased.status().as_u16(), 303);
    assert!(
        app.get_html(&location(&erased))
            .await
            .contains("Je e-mailadres is gewist")
    );
    assert_eq!(
        privacy::contact_count(app.db.read(), s.consultation)
            .await
            .unwrap(),
        0
    );
    assert_eq!(s.counts(&app).await, (1, 0), "the answers stay");
}

#[tokio::test]
async fn the_same_form_posted_twice_stores_one_response() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    let first = post(&app, &form, &s.full_answers(), &[]).await;
    let second = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(
        (first.status().as_u16(), second.status().as_u16()),
        (303, 303)
    );
    assert_eq!(location(&first), location(&second), "the same receipt");
    assert_eq!(s.counts(&app).await, (1, 0));
    let mails = app.mails.all();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert!(
        app.mails.all().len() <= 1 && mails.len() <= 1,
        "one confirmation at most"
    );
}

#[tokio::test]
async fn a_post_after_closing_is_refused_with_a_clear_page_and_stores_nothing() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    // Open through tomorrow: two days on, it has closed.
    app.clock.advance(Duration::days(2) + Duration::hours(1));
    let response = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(response.status().as_u16(), 410);
    let page = response.text().await.unwrap();
    assert!(page.contains("Deze consultatie is gesloten"));
    assert!(
        page.contains("Meer open data, graag."),
        "what was typed is shown back"
    );
    assert_eq!(s.counts(&app).await, (0, 0));
    let get = app
        .get_html(&format!("/processen/{}/consultatie", s.slug))
        .await;
    assert!(get.contains("Deze consultatie is gesloten") && !get.contains("idempotency_key"));
}

#[tokio::test]
async fn before_opening_the_page_says_when_it_opens_and_takes_nothing() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    let today = inspraak_domain::time::local_date(app.clock.now());
    let later = NewConsultation::parse(
        "Consultatie 2030",
        "Intro",
        "Privacy",
        &(today + Duration::days(5)).to_string(),
        "",
        &(today + Duration::days(9)).to_string(),
        "",
    )
    .unwrap();
    admin::update(app.db.write(), s.consultation, &later, app.clock.now())
        .await
        .unwrap();
    let page = app
        .get_html(&format!("/processen/{}/consultatie", s.slug))
        .await;
    assert!(page.contains("Deze consultatie is nog niet open"));
    assert!(page.contains("tot en met"), "{page}");
    app.clock.advance(Duration::seconds(10));
    let response = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(s.counts(&app).await, (0, 0));
}

#[tokio::test]
async fn a_missing_required_answer_shows_the_error_summary_and_keeps_every_other_answer() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    let mut answers = s.full_answers();
    answers.retain(|(k, _)| *k != s.field(0));
    let response = post(&app, &form, &answers, &[]).await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("class=\"error-summary\""));
    assert!(
        page.contains(&format!("href=\"#veld-{}\"", s.field(0))),
        "the summary links the field"
    );
    assert!(page.contains("Beantwoord de vraag"));
    // Everything else is still filled in.
    assert!(page.contains(">Meer open data, graag.</textarea>"));
    assert!(page.contains(&format!("name=\"{}\" value=\"1\" checked", s.field(2))));
    assert!(page.contains(&format!("name=\"{}\" value=\"2\" checked", s.field(3))));
    assert!(page.contains("value=\"Open Rechtspraak\""));
    assert!(page.contains(&format!(
        "name=\"{}_t{}\" value=\"2\"",
        s.field(5),
        s.themes[2]
    )));
    assert!(page.contains(">Kennis delen</textarea>"));
    assert!(page.contains("value=\"inwoner@example.nl\""));
    assert!(
        page.contains(&form.key),
        "the same key, so a later send stores once"
    );
    assert_eq!(s.counts(&app).await, (0, 0));
}

#[tokio::test]
async fn an_over_long_text_is_refused_with_the_limit_named() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    assert!(
        app.get_html(&format!("/processen/{}/consultatie", s.slug))
            .await
            .contains("Maximaal 50 tekens.")
    );
    app.clock.advance(Duration::seconds(10));
    let mut answers = s.full_answers();
    for (k, v) in answers.iter_mut() {
        if *k == s.field(1) {
            *v = "x".repeat(51);
        }
    }
    let response = post(&app, &form, &answers, &[]).await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("mag niet langer zijn dan 50 tekens"),
        "the limit is named"
    );
    assert!(
        page.contains(&"x".repeat(51)),
        "the text is kept to shorten it"
    );
    assert_eq!(s.counts(&app).await, (0, 0));
}

#[tokio::test]
async fn honeypot_and_too_fast_posts_store_nothing() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    let too_fast = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(too_fast.status().as_u16(), 422);
    assert!(too_fast.text().await.unwrap().contains("erg snel"));
    let forged = post(
        &app,
        &form,
        &s.full_answers(),
        &[("form_started", "1.abcdef")],
    )
    .await;
    assert_eq!(
        forged.status().as_u16(),
        422,
        "a forged start time counts as too fast"
    );
    app.clock.advance(Duration::seconds(10));
    let bot = post(
        &app,
        &form,
        &s.full_answers(),
        &[("website", "http://spam.example")],
    )
    .await;
    assert_eq!(bot.status().as_u16(), 422);
    assert_eq!(s.counts(&app).await, (0, 0));
    assert!(app.mails.all().is_empty());
    // The same form, sent by a person in time, goes through.
    let person = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(person.status().as_u16(), 303);
    assert_eq!(s.counts(&app).await, (1, 0));
}

#[tokio::test]
async fn an_expired_session_shows_the_form_again_with_everything_typed_and_a_fresh_token() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    // A browser whose cookie is gone (session expired) posts the old form.
    let mut fields = vec![
        ("csrf_token".to_owned(), form.csrf.clone()),
        ("idempotency_key".to_owned(), form.key.clone()),
        ("form_started".to_owned(), form.started.clone()),
    ];
    fields.extend(s.full_answers());
    let browser = client();
    let response = browser
        .post(app.url(&form.action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Je sessie was verlopen"));
    assert!(page.contains("value=\"Open source\"") && page.contains(">Kennis delen</textarea>"));
    let fresh = csrf_token(&page);
    assert_ne!(fresh, form.csrf, "a fresh token");
    assert_eq!(s.counts(&app).await, (0, 0));
    // Sending again with the fresh token (the new cookie came with the page) stores it.
    fields[0].1 = fresh;
    let again = browser
        .post(app.url(&form.action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 303);
    assert_eq!(s.counts(&app).await, (1, 0));
}

#[tokio::test]
async fn too_many_responses_from_one_address_get_a_clear_message_and_keep_the_answers() {
    let app = spawn_app().await;
    let s = setup(&app, &[("short_text", true)]).await;
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    let answers = vec![(s.field(0), "Mijn mening".to_owned())];
    for n in 0..20 {
        let key = format!("rate-limit-key-{n:04}");
        let response = post(&app, &form, &answers, &[("idempotency_key", &key)]).await;
        assert_eq!(response.status().as_u16(), 303, "response {n}");
    }
    let refused = post(
        &app,
        &form,
        &answers,
        &[("idempotency_key", "rate-limit-key-9999")],
    )
    .await;
    assert_eq!(refused.status().as_u16(), 429);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Wacht tien minuten") && page.contains("value=\"Mijn mening\""));
    assert_eq!(s.counts(&app).await, (20, 0));
    app.clock.advance(Duration::minutes(11));
    let later = post(
        &app,
        &form,
        &answers,
        &[("idempotency_key", "rate-limit-key-9999")],
    )
    .await;
    assert_eq!(later.status().as_u16(), 303);
}

#[tokio::test]
async fn hidden_responses_drop_out_of_the_counts_and_can_come_back() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    for n in 0..3 {
        let key = format!("hide-test-key-{n:04}");
        assert_eq!(
            post(&app, &form, &s.full_answers(), &[("idempotency_key", &key)])
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
    let process = processes::find_by_slug(app.db.read(), &s.slug)
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
    let questions = consultations::questions(app.db.read(), ConsultationId(id))
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
    let order: Vec<_> = consultations::questions(app.db.read(), ConsultationId(id))
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.prompt)
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
        consultations::questions(app.db.read(), s.consultation)
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
    let passwords = inspraak_web::auth::password::Passwords::new();
    inspraak_web::demo::load(
        &app.db,
        &passwords,
        &app.state.keys,
        &app.state.secret_box,
        app.clock.now(),
    )
    .await
    .unwrap();
    let conn = app.db.read();
    let old = processes::find_by_slug(conn, "actieplan-open-overheid-2020-2022")
        .await
        .unwrap()
        .unwrap();
    let c2020 = admin::list_for_process(conn, old.id)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(c2020.visible_count(), 48);
    let ranking = consultations::questions(conn, c2020.id).await.unwrap()[0].id;
    let themes = processes::themes(conn, old.id).await.unwrap();
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
