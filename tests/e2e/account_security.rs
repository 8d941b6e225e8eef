//! Organiser two-step login, session lifetimes, password hygiene and reset, the audit trail.

use crate::helpers::{csrf_token, link_starting_with, spawn_app};
use inspraak_domain::{AuditAction, Role};
use inspraak_store::audit::{self, Filter};

const EMAIL: &str = "org@example.nl";
const PASSWORD: &str = "een lang wachtwoord";

async fn audit_count(app: &crate::helpers::TestApp, action: AuditAction) -> u64 {
    audit::page(
        app.db.read(),
        &Filter {
            action: Some(action),
            actor: None,
        },
        0,
        1,
    )
    .await
    .unwrap()
    .1
}

/// The key shown on the enrolment page, read back into bytes.
fn shown_secret(page: &str) -> Vec<u8> {
    let start = page
        .find("<code class=\"secret\" lang=\"en\">")
        .expect("secret shown")
        + "<code class=\"secret\" lang=\"en\">".len();
    let end = page[start..].find("</code>").unwrap() + start;
    inspraak_web::auth::totp::secret_from_display(&page[start..end]).expect("base32 key")
}

#[tokio::test]
async fn an_organiser_enrols_totp_at_first_login_with_a_code_computed_from_the_shown_key() {
    let app = spawn_app().await;
    app.create_account(EMAIL, PASSWORD, Role::Organiser).await;
    let login = app.login(EMAIL, PASSWORD).await;
    assert_eq!(login.headers()["location"], "/account/tweestapsverificatie");
    // Halfway, organiser pages stay closed.
    assert_eq!(app.get("/beheer").await.status().as_u16(), 303);

    let page = app.get_html("/account/tweestapsverificatie").await;
    assert!(page.contains("<svg"), "QR code rendered server-side");
    let secret = shown_secret(&page);

    let wrong = app
        .post_form(
            "/account/tweestapsverificatie",
            "/account/tweestapsverificatie",
            &[("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    let code = app.totp_code(&secret);
    let done = app
        .post_form(
            "/account/tweestapsverificatie",
            "/account/tweestapsverificatie",
            &[("code", &code)],
        )
        .await;
    assert_eq!(done.status().as_u16(), 200);
    let page = done.text().await.unwrap();
    assert_eq!(
        page.matches("<li><code>").count(),
        10,
        "ten recovery codes shown once"
    );
    assert_eq!(
        app.get("/beheer").await.status().as_u16(),
        200,
        "the session stepped up"
    );
    assert_eq!(
        audit_count(&app, AuditAction::SecondFactorEnrolled).await,
        1
    );

    // Next time the password alone is not enough.
    let other = app.new_visitor();
    let first = other.login(EMAIL, PASSWORD).await;
    assert!(
        first.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/inloggen/code")
    );
    assert_eq!(
        other.get("/beheer").await.status().as_u16(),
        303,
        "password alone does not reach organiser pages"
    );
    // The code used to enrol cannot be replayed.
    let replay = other
        .post_form("/inloggen/code", "/inloggen/code", &[("code", &code)])
        .await;
    assert_eq!(replay.status().as_u16(), 401);
}

#[tokio::test]
async fn a_recovery_code_works_exactly_once() {
    let app = spawn_app().await;
    app.create_account(EMAIL, PASSWORD, Role::Organiser).await;
    app.login(EMAIL, PASSWORD).await;
    let secret = shown_secret(&app.get_html("/account/tweestapsverificatie").await);
    let code = app.totp_code(&secret);
    let page = app
        .post_form(
            "/account/tweestapsverificatie",
            "/account/tweestapsverificatie",
            &[("code", &code)],
        )
        .await
        .text()
        .await
        .unwrap();
    let start = page.find("<li><code>").unwrap() + "<li><code>".len();
    let recovery = page[start..start + 11].to_owned();

    for attempt in 0..2 {
        let visitor = app.new_visitor();
        let first = visitor.login(EMAIL, PASSWORD).await;
        let location = first.headers()["location"].to_str().unwrap().to_owned();
        let second = visitor
            .post_form(&location, "/inloggen/code", &[("code", &recovery)])
            .await;
        let expected = if attempt == 0 { 303 } else { 401 };
        assert_eq!(second.status().as_u16(), expected, "attempt {attempt}");
    }
    assert_eq!(audit_count(&app, AuditAction::RecoveryCodeUsed).await, 1);
}

#[tokio::test]
async fn an_idle_session_ends_after_thirty_minutes() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    app.clock.advance(chrono::Duration::minutes(20));
    assert_eq!(app.get("/beheer").await.status().as_u16(), 200);
    app.clock.advance(chrono::Duration::minutes(31));
    let response = app.get("/beheer").await;
    assert_eq!(response.status().as_u16(), 303);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/inloggen")
    );
}

#[tokio::test]
async fn logging_out_everywhere_else_ends_the_other_sessions_only() {
    let app = spawn_app().await;
    app.create_account(EMAIL, PASSWORD, Role::Organiser).await;
    let secret = app.enrol_second_factor(EMAIL).await;
    let laptop = app.new_visitor();
    laptop.login_with_code(EMAIL, PASSWORD, &secret).await;
    app.clock.advance(chrono::Duration::seconds(31));
    let phone = app.new_visitor();
    phone.login_with_code(EMAIL, PASSWORD, &secret).await;
    assert_eq!(laptop.get("/beheer").await.status().as_u16(), 200);

    let account = phone.get_html("/account").await;
    assert_eq!(
        account.matches("<tr><td>").count(),
        2,
        "both sessions listed"
    );
    let ended = phone
        .post_form("/account", "/account/sessies/beeindigen", &[])
        .await;
    assert_eq!(ended.status().as_u16(), 303);
    assert_eq!(
        phone.get("/beheer").await.status().as_u16(),
        200,
        "this session stays"
    );
    assert_eq!(
        laptop.get("/beheer").await.status().as_u16(),
        303,
        "the other one is gone"
    );
    assert_eq!(audit_count(&app, AuditAction::LoggedOutEverywhere).await, 1);
}

#[tokio::test]
async fn a_common_password_is_refused_with_a_clear_message() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let response = app
        .post_form(
            "/account",
            "/account/wachtwoord",
            &[
                ("current_password", PASSWORD),
                ("new_password", "1q2w3e4r5t6y"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Dit wachtwoord wordt heel vaak gebruikt")
    );
    let good = app
        .post_form(
            "/account",
            "/account/wachtwoord",
            &[
                ("current_password", PASSWORD),
                ("new_password", "paarse olifant op de fiets"),
            ],
        )
        .await;
    assert_eq!(good.status().as_u16(), 303);
    assert_eq!(audit_count(&app, AuditAction::PasswordChanged).await, 1);
}

#[tokio::test]
async fn a_reset_for_an_unknown_address_looks_the_same_and_a_link_works_once() {
    let app = spawn_app().await;
    app.create_account("lid@example.nl", PASSWORD, Role::ForumMember)
        .await;
    let known = app
        .post_form(
            "/wachtwoord-vergeten",
            "/wachtwoord-vergeten",
            &[("email", "lid@example.nl")],
        )
        .await;
    let unknown = app
        .post_form(
            "/wachtwoord-vergeten",
            "/wachtwoord-vergeten",
            &[("email", "niemand@example.nl")],
        )
        .await;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());

    let mail = app
        .wait_for_mail("lid@example.nl", |m| m.subject.contains("nieuw wachtwoord"))
        .await;
    let link =
        link_starting_with(&mail.body, &app.url("/wachtwoord-herstellen/")).expect("link in mail");
    let path = link.trim_start_matches(&app.address).to_owned();
    let set = app
        .post_form(
            &path,
            &path,
            &[("new_password", "een nieuw en lang wachtwoord")],
        )
        .await;
    assert_eq!(set.status().as_u16(), 303);
    assert_eq!(
        app.get(&path).await.status().as_u16(),
        404,
        "the link is spent"
    );
    assert_eq!(
        app.login("lid@example.nl", "een nieuw en lang wachtwoord")
            .await
            .status()
            .as_u16(),
        303
    );
    assert!(app.mails.all().iter().all(|m| m.to != "niemand@example.nl"));
    assert_eq!(
        audit_count(&app, AuditAction::PasswordResetCompleted).await,
        1
    );
}

#[tokio::test]
async fn an_organiser_resets_another_organisers_second_factor_and_it_is_logged() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    app.create_account("collega@example.nl", PASSWORD, Role::Organiser)
        .await;
    let secret = app.enrol_second_factor("collega@example.nl").await;
    let colleague = app.new_visitor();
    colleague
        .login_with_code("collega@example.nl", PASSWORD, &secret)
        .await;
    assert_eq!(colleague.get("/beheer").await.status().as_u16(), 200);

    let accounts = app.get_html("/beheer/accounts").await;
    let user = inspraak_store::users::credentials_by_email(
        app.db.read(),
        &inspraak_domain::Email::parse("collega@example.nl").unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .user;
    let action = format!("/beheer/accounts/{}/tweestapsverificatie-resetten", user.id);
    assert!(accounts.contains(&action));
    let reset = app.post_form("/beheer/accounts", &action, &[]).await;
    assert_eq!(reset.status().as_u16(), 303);
    assert_eq!(
        colleague.get("/beheer").await.status().as_u16(),
        303,
        "their sessions ended"
    );
    let again = colleague.login("collega@example.nl", PASSWORD).await;
    assert_eq!(
        again.headers()["location"],
        "/account/tweestapsverificatie",
        "they enrol again"
    );
    assert_eq!(audit_count(&app, AuditAction::SecondFactorReset).await, 1);
}

#[tokio::test]
async fn privileged_actions_leave_audit_rows_that_organisers_can_filter_and_export() {
    let app = spawn_app().await;
    app.login(EMAIL, "verkeerd wachtwoord").await;
    app.login_as_organiser().await;
    let created = app
        .post_form(
            "/beheer/processen/nieuw",
            "/beheer/processen/nieuw",
            &[("title", "Plan"), ("slug", ""), ("summary", "Tekst")],
        )
        .await;
    let edit = created.headers()["location"].to_str().unwrap().to_owned();
    app.post_form(&edit, &format!("{edit}/status"), &[("status", "published")])
        .await;

    for action in [
        AuditAction::LoginFailed,
        AuditAction::LoginSucceeded,
        AuditAction::ProcessCreated,
        AuditAction::ProcessPublicationChanged,
    ] {
        assert!(audit_count(&app, action).await >= 1, "{action:?}");
    }
    let filtered = app
        .get_html("/beheer/logboek?actie=process_publication_changed")
        .await;
    assert!(filtered.contains("Publicatie van traject gewijzigd"));
    assert!(!filtered.contains("<td>Inloggen mislukt</td>"));
    assert_eq!(
        app.get("/beheer/logboek?actie=bestaat-niet")
            .await
            .status()
            .as_u16(),
        400
    );

    let csv = app.get("/beheer/logboek.csv").await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let body = csv.text().await.unwrap();
    // Headers in the organiser's language, actions as people read them (keys: docs/exports.md).
    assert!(
        body.starts_with("Wanneer,Wie,Wat,Waarover,Netwerk\r\n"),
        "{body}"
    );
    assert!(body.contains(inspraak_web::i18n::audit::action_label(
        inspraak_web::i18n::Lang::Nl,
        AuditAction::ProcessCreated
    )));
    assert!(
        !body.contains(PASSWORD) && !body.contains("verkeerd wachtwoord"),
        "no passwords in the trail"
    );
    assert_eq!(audit_count(&app, AuditAction::DataExported).await, 1);

    // Forum members see none of it.
    let member = app.new_visitor();
    member
        .create_account("lid@example.nl", PASSWORD, Role::ForumMember)
        .await;
    member.login("lid@example.nl", PASSWORD).await;
    assert_eq!(member.get("/beheer/logboek").await.status().as_u16(), 403);
    assert_eq!(
        member.get("/beheer/logboek.csv").await.status().as_u16(),
        403
    );
    let token = csrf_token(&member.get_html("/").await);
    let forbidden = member
        .post_raw(
            "/beheer/accounts/1/tweestapsverificatie-resetten",
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(forbidden.status().as_u16(), 403);
}
