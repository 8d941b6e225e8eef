//! Issue 20, findings 4 and 5: throttles that hold under concurrency (one atomic database
//! statement counts and decides before any password check or storing), the public form's start
//! time bound to the visitor and its key and expiring, and reset links checked before hashing.

use crate::consultation::{hidden, post, setup};
use crate::helpers::{TestApp, client, csrf_token, spawn_app};
use chrono::Duration;
use inspraak_domain::{Email, Role};
use inspraak_store::{login_sessions, users};
use inspraak_web::ctx::LOGIN_LIFETIMES;
use inspraak_web::flows::login::MAX_FAILURES_PER_ACCOUNT;
use inspraak_web::flows::public_form::FORM_VALID_HOURS;
use inspraak_web::routes::consultation::public::MAX_RESPONSES_PER_ADDRESS;

async fn live_sessions(app: &TestApp, email: &str) -> usize {
    let email = Email::parse(email).unwrap();
    let user = users::credentials_by_email(app.db.read(), &email)
        .await
        .unwrap()
        .unwrap()
        .user;
    login_sessions::list_for_user(app.db.read(), user.id, "", app.clock.now(), LOGIN_LIFETIMES)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_hundred_parallel_logins_check_at_most_the_limit_of_passwords() {
    let app = spawn_app().await;
    let member = "lid@example.nl";
    let right = "een lang en goed wachtwoord";
    app.create_account(member, right, Role::ForumMember).await;
    // 100 browsers, each with its own cookie and CSRF token; the 58th knows the password.
    let mut browsers = Vec::new();
    for n in 0..100 {
        let browser = client();
        let html = browser
            .get(app.url("/inloggen"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let password = if n == 57 {
            right.to_owned()
        } else {
            format!("fout wachtwoord {n}")
        };
        browsers.push((browser, csrf_token(&html), password));
    }
    let checks_before = app.state.passwords.argon2_runs();
    let tasks: Vec<_> = browsers
        .into_iter()
        .map(|(browser, csrf, password)| {
            let url = app.url("/inloggen");
            tokio::spawn(async move {
                let fields = [
                    ("csrf_token", csrf.as_str()),
                    ("email", "lid@example.nl"),
                    ("password", password.as_str()),
                ];
                let response = browser.post(url).form(&fields).send().await.unwrap();
                (password.starts_with("een lang"), response.status().as_u16())
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in futures_util::future::join_all(tasks).await {
        statuses.push(task.unwrap());
    }
    let checks = app.state.passwords.argon2_runs() - checks_before;
    let count = |status: u16| statuses.iter().filter(|(_, s)| *s == status).count() as u64;
    let (ok, wrong, throttled) = (count(303), count(401), count(429));
    assert_eq!(ok + wrong + throttled, 100, "{statuses:?}");
    assert!(
        wrong <= MAX_FAILURES_PER_ACCOUNT,
        "{wrong} wrong passwords checked against a limit of {MAX_FAILURES_PER_ACCOUNT}"
    );
    // A right password gives its slot back, so at most the limit of wrong ones plus it ran.
    assert!(ok <= 1);
    assert_eq!(
        checks,
        ok + wrong,
        "every checked password answered 303 or 401"
    );
    assert!(
        checks <= MAX_FAILURES_PER_ACCOUNT + 1,
        "{checks} argon2 runs"
    );
    assert_eq!(throttled, 100 - checks);
    if ok == 0 {
        let right_one = statuses.iter().find(|(is_right, _)| *is_right).unwrap();
        assert_eq!(right_one.1, 429, "the right password came after the limit");
    }
    assert_eq!(
        live_sessions(&app, member).await as u64,
        ok,
        "a session only for a 303"
    );
    // Now the limit is used up: the right password is refused without being checked.
    let before = app.state.passwords.argon2_runs();
    let late = app.login(member, right).await;
    assert_eq!(late.status().as_u16(), 429);
    assert_eq!(
        app.state.passwords.argon2_runs(),
        before,
        "no password work"
    );
    assert_eq!(live_sessions(&app, member).await as u64, ok);
    // After the window the right password works again.
    app.clock.advance(Duration::minutes(16));
    assert_eq!(app.login(member, right).await.status().as_u16(), 303);
}

#[tokio::test]
async fn a_hundred_and_twenty_parallel_responses_from_one_address_store_at_most_the_limit() {
    let app = spawn_app().await;
    let s = setup(&app, &[("short_text", true)]).await;
    // Fresh keys: one fetched form each (the start time is bound to the key).
    let mut forms = Vec::new();
    for _ in 0..120 {
        forms.push(s.open_form(&app).await);
    }
    app.clock.advance(Duration::seconds(10));
    let answers = vec![(s.field(0), "Stemmen maar".to_owned())];
    let tasks: Vec<_> = forms
        .into_iter()
        .map(|form| {
            let (app, answers) = (app.clone(), answers.clone());
            tokio::spawn(async move { post(&app, &form, &answers, &[]).await.status().as_u16() })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in futures_util::future::join_all(tasks).await {
        statuses.push(task.unwrap());
    }
    let stored = statuses.iter().filter(|s| **s == 303).count() as u64;
    let refused = statuses.iter().filter(|s| **s == 429).count() as u64;
    assert_eq!(stored + refused, 120, "{statuses:?}");
    assert_eq!(stored, MAX_RESPONSES_PER_ADDRESS);
    let (in_db, _) = s.counts(&app).await;
    assert_eq!(
        in_db as u64, MAX_RESPONSES_PER_ADDRESS,
        "responses in the database"
    );
}

#[tokio::test]
async fn a_start_time_of_another_visitor_another_key_or_too_old_is_refused_and_nothing_is_lost() {
    let app = spawn_app().await;
    let s = setup(&app, &[("short_text", true)]).await;
    let answers = vec![(s.field(0), "Mijn eigen woorden".to_owned())];
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));

    // Another browser sends this visitor's key and start time with its own valid CSRF token.
    let other = app.new_visitor();
    let mut foreign = s.open_form(&other).await;
    foreign.key = form.key.clone();
    foreign.started = form.started.clone();
    let response = post(&other, &foreign, &answers, &[]).await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("te lang open of is in een andere browser geopend"));
    assert!(
        page.contains("value=\"Mijn eigen woorden\""),
        "the answer is kept"
    );

    // The same start time with a fresh key: one fetched form does not cover a second post.
    let response = post(
        &app,
        &form,
        &answers,
        &[("idempotency_key", "een-andere-sleutel-0001")],
    )
    .await;
    assert_eq!(response.status().as_u16(), 422);
    assert_eq!(s.counts(&app).await, (0, 0));

    // A day later the form has expired; it comes back with the answer and fresh hidden fields.
    app.clock
        .advance(Duration::hours(FORM_VALID_HOURS) + Duration::minutes(1));
    let response = post(&app, &form, &answers, &[]).await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("te lang open"));
    assert!(
        page.contains("value=\"Mijn eigen woorden\""),
        "the answer is kept"
    );
    assert_eq!(s.counts(&app).await, (0, 0));
    // Sending the page again as it came back stores the response once.
    let mut again = form;
    again.started = hidden(&page, "form_started");
    again.key = hidden(&page, "idempotency_key");
    again.csrf = csrf_token(&page);
    assert_eq!(
        post(&app, &again, &answers, &[]).await.status().as_u16(),
        303
    );
    assert_eq!(s.counts(&app).await, (1, 0));
}

#[tokio::test]
async fn a_fake_reset_link_costs_no_password_hashing_and_many_tries_are_throttled() {
    let app = spawn_app().await;
    let fake = "a".repeat(43);
    let path = format!("/wachtwoord-herstellen/{fake}");
    let token = csrf_token(&app.get_html("/wachtwoord-vergeten").await);
    let before = app.state.passwords.argon2_runs();
    let fields = [
        ("csrf_token", token.as_str()),
        ("new_password", "een prima nieuw wachtwoord 2026"),
    ];
    let response = app.post_raw(&path, &fields).await;
    assert_eq!(response.status().as_u16(), 404);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("wachtwoord-vergeten"),
        "the 'link invalid' page"
    );
    assert_eq!(
        app.state.passwords.argon2_runs(),
        before,
        "no hash for a fake link"
    );
    let mut statuses = Vec::new();
    for n in 0..30 {
        let path = format!("/wachtwoord-herstellen/{}{n:02}", "b".repeat(41));
        statuses.push(app.post_raw(&path, &fields).await.status().as_u16());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(
        statuses.iter().filter(|s| **s == 404).count(),
        19,
        "{statuses:?}"
    );
    assert_eq!(app.state.passwords.argon2_runs(), before);
}
