//! Issue 24: removing an account disables it (the row stays for the audit trail), ends its
//! sessions at once and refuses its password; an organiser cannot remove themselves, and two
//! organisers removing each other at the same moment leave one organiser. A removed address may
//! be invited again: accepting brings the same account back.

use crate::helpers::{TestApp, spawn_app};
use inspraak_domain::{AuditAction, Email, Role};
use inspraak_store::users;

async fn id_of(app: &TestApp, email: &str) -> i64 {
    users::credentials_by_email(app.db.read(), &Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .user
        .id
        .0
}

#[tokio::test]
async fn a_removed_account_is_logged_out_at_once_and_cannot_log_in() {
    let app = spawn_app().await;
    let org = app.new_visitor();
    org.login_as_organiser().await;
    app.create_account(
        "houder@example.nl",
        "een lang wachtwoord",
        Role::ActionHolder,
    )
    .await;
    let holder = app.new_visitor();
    let login = holder
        .login("houder@example.nl", "een lang wachtwoord")
        .await;
    assert_eq!(login.headers()["location"], "/actiehouder");
    assert_eq!(holder.get("/actiehouder").await.status().as_u16(), 200);

    let id = id_of(&app, "houder@example.nl").await;
    let removed = org
        .post_form(
            "/beheer/accounts",
            &format!("/beheer/accounts/{id}/verwijderen"),
            &[],
        )
        .await;
    assert_eq!(removed.status().as_u16(), 303);
    let page = org.get_html("/beheer/accounts?verwijderd=1").await;
    assert!(!page.contains("houder@example.nl"), "no longer listed");

    let after = holder.get("/actiehouder").await;
    assert_eq!(after.status().as_u16(), 303, "session ended");
    assert!(
        after.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/inloggen")
    );
    let again = app
        .new_visitor()
        .login("houder@example.nl", "een lang wachtwoord")
        .await;
    assert_eq!(again.status().as_u16(), 401, "password refused");

    let twice = org
        .post_form(
            "/beheer/accounts",
            &format!("/beheer/accounts/{id}/verwijderen"),
            &[],
        )
        .await;
    assert_eq!(twice.status().as_u16(), 404);
    let me = id_of(&app, "organisator@example.nl").await;
    let myself = org
        .post_form(
            "/beheer/accounts",
            &format!("/beheer/accounts/{me}/verwijderen"),
            &[],
        )
        .await;
    assert_eq!(myself.status().as_u16(), 403, "not oneself");

    let filter = inspraak_store::audit::Filter {
        action: Some(AuditAction::AccountRemoved),
        actor: None,
    };
    let (entries, total) = inspraak_store::audit::page(app.db.read(), &filter, 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 1);
    assert_eq!(
        entries[0].actor_label.as_deref(),
        Some("organisator@example.nl")
    );
}

#[tokio::test]
async fn two_organisers_removing_each_other_at_once_leave_one() {
    let app = spawn_app().await;
    let a = app.new_visitor();
    a.login_as_organiser().await;
    app.create_account("tweede@example.nl", "een lang wachtwoord", Role::Organiser)
        .await;
    let secret = app.enrol_second_factor("tweede@example.nl").await;
    let b = app.new_visitor();
    let login = b
        .login_with_code("tweede@example.nl", "een lang wachtwoord", &secret)
        .await;
    assert_eq!(login.status().as_u16(), 303);
    let id_a = id_of(&app, "organisator@example.nl").await;
    let id_b = id_of(&app, "tweede@example.nl").await;
    let token_a = crate::helpers::csrf_token(&a.get_html("/beheer/accounts").await);
    let token_b = crate::helpers::csrf_token(&b.get_html("/beheer/accounts").await);
    let (path_a, path_b) = (
        format!("/beheer/accounts/{id_b}/verwijderen"),
        format!("/beheer/accounts/{id_a}/verwijderen"),
    );
    let (fields_a, fields_b) = (
        [("csrf_token", token_a.as_str())],
        [("csrf_token", token_b.as_str())],
    );
    let (ra, rb) = tokio::join!(
        a.post_raw(&path_a, &fields_a),
        b.post_raw(&path_b, &fields_b)
    );
    let statuses = [ra.status().as_u16(), rb.status().as_u16()];
    let organisers = users::list_all(app.db.read())
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.role == Role::Organiser)
        .count();
    assert_eq!(organisers, 1, "one organiser left ({statuses:?})");
}

#[tokio::test]
async fn the_new_organiser_routes_refuse_members_holders_and_visitors() {
    let app = spawn_app().await;
    let routes = [
        ("GET", "/beheer/forum-aanvragen"),
        ("POST", "/beheer/forum-aanvragen/1"),
        ("POST", "/beheer/accounts/uitnodigen"),
        ("POST", "/beheer/accounts/1/verwijderen"),
        ("POST", "/beheer/accounts/uitnodigingen/1/intrekken"),
        ("POST", "/beheer/processen/1/actiepunten/1/voortgang/1"),
        (
            "POST",
            "/beheer/processen/1/actiepunten/1/voortgang/1/zichtbaarheid",
        ),
    ];
    let mut people = Vec::new();
    for (email, role) in [
        ("lid@example.nl", Role::ForumMember),
        ("houder@example.nl", Role::ActionHolder),
    ] {
        app.create_account(email, "een lang wachtwoord", role).await;
        let who = app.new_visitor();
        assert_eq!(
            who.login(email, "een lang wachtwoord")
                .await
                .status()
                .as_u16(),
            303
        );
        people.push((who, Some(403)));
    }
    people.push((app.new_visitor(), None));
    for (who, expected) in &people {
        let token = crate::helpers::csrf_token(&who.get_html("/inloggen").await);
        for (method, path) in routes {
            let response = if method == "GET" {
                who.get(path).await
            } else {
                let fields = [
                    ("csrf_token", token.as_str()),
                    ("decision", "accept"),
                    ("hidden", "1"),
                ];
                who.post_raw(path, &fields).await
            };
            let status = response.status().as_u16();
            match expected {
                Some(code) => assert_eq!(status, *code, "{method} {path}"),
                None => {
                    assert_eq!(status, 303, "anonymous {method} {path}");
                    let to = response.headers()["location"].to_str().unwrap().to_owned();
                    assert!(to.starts_with("/inloggen"), "{method} {path}: {to}");
                }
            }
        }
    }
}

#[tokio::test]
async fn a_removed_account_can_be_invited_back_and_keeps_its_id() {
    let app = spawn_app().await;
    let org = app.new_visitor();
    org.login_as_organiser().await;
    app.create_account(
        "terug@example.nl",
        "een lang wachtwoord",
        Role::ActionHolder,
    )
    .await;
    let id = id_of(&app, "terug@example.nl").await;
    let removed = org
        .post_form(
            "/beheer/accounts",
            &format!("/beheer/accounts/{id}/verwijderen"),
            &[],
        )
        .await;
    assert_eq!(removed.status().as_u16(), 303);

    // Invited again, now as an organiser: the removed account does not block the address.
    let path = crate::accounts_invite::invite(&app, &org, "terug@example.nl", "organiser").await;
    let (_, accepted) = crate::accounts_invite::accept(&app, &path, "Tessa Terug").await;
    assert_eq!(accepted.status().as_u16(), 303);
    assert_eq!(
        id_of(&app, "terug@example.nl").await,
        id,
        "the same account"
    );
    let account = users::find(app.db.read(), inspraak_domain::UserId(id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.role, Role::Organiser);
    assert_eq!(account.display_name, "Tessa Terug");
    let listed = org.get_html("/beheer/accounts").await;
    assert!(listed.contains("terug@example.nl"), "listed again");

    // The old password no longer works; the one set on accepting does.
    let old = app
        .new_visitor()
        .login("terug@example.nl", "een lang wachtwoord")
        .await;
    assert_eq!(old.status().as_u16(), 401);
    let new = app
        .new_visitor()
        .login("terug@example.nl", "een heel lang wachtwoord")
        .await;
    assert_eq!(new.status().as_u16(), 303, "password step passed");

    // While it is in use, the address cannot be invited once more.
    let twice = org
        .post_form(
            "/beheer/accounts",
            "/beheer/accounts/uitnodigen",
            &[("email", "terug@example.nl"), ("role", "action_holder")],
        )
        .await;
    assert_eq!(twice.status().as_u16(), 409);
}
