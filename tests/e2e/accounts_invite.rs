//! Issue 24, accounts from the organiser's pages: an organiser invites an action holder by
//! e-mail, the holder sets a password through the single-use link, lands on their home and
//! posts progress on their own action point only (403 on another's); the organiser corrects and
//! hides an update; an invited organiser must enrol a second factor first. Audit rows for each.

use crate::helpers::{TestApp, link_starting_with, spawn_app};
use inspraak_domain::{AuditAction, Email, Role};
use inspraak_store::audit::Filter;
use inspraak_store::users;

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Invites `email` with `role` as the logged-in organiser `org`; returns the mailed link's path.
pub async fn invite(app: &TestApp, org: &TestApp, email: &str, role: &str) -> String {
    let sent = org
        .post_form(
            "/beheer/accounts",
            "/beheer/accounts/uitnodigen",
            &[("email", email), ("role", role)],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303, "invitation sent");
    assert_eq!(location(&sent), "/beheer/accounts?uitgenodigd=1");
    let mail = app
        .wait_for_mail(email, |m| m.body.contains("/uitnodiging/"))
        .await;
    let link = link_starting_with(&mail.body, &app.url("/uitnodiging/")).unwrap();
    link.trim_start_matches(&app.address).to_owned()
}

/// Accepts an invitation as a new visitor; returns the visitor and the response.
pub async fn accept(app: &TestApp, path: &str, name: &str) -> (TestApp, reqwest::Response) {
    let visitor = app.new_visitor();
    let page = visitor.get_html(path).await;
    assert!(page.contains("name=\"password\""), "{page}");
    let response = visitor
        .post_form(
            path,
            path,
            &[
                ("name", name),
                ("organisation", "Waterschap"),
                ("password", "een heel lang wachtwoord"),
            ],
        )
        .await;
    (visitor, response)
}

async fn audit_count(app: &TestApp, action: AuditAction) -> u64 {
    let filter = Filter {
        action: Some(action),
        actor: None,
    };
    inspraak_store::audit::page(app.db.read(), &filter, 0, 100)
        .await
        .unwrap()
        .1
}

/// Creates an action point (as organiser `org`) for the holder account `holder`.
async fn point(org: &TestApp, process: i64, title: &str, holder: &str) -> String {
    let points = format!("/beheer/processen/{process}/actiepunten");
    let created = org
        .post_form(
            &points,
            &points,
            &[
                ("title", title),
                ("description", "Uitleg"),
                ("theme", ""),
                ("holder", "Waterschap"),
                ("holder_account", holder),
                ("partners", ""),
                ("status", "planned"),
                ("findings", ""),
            ],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303);
    location(&created).rsplit('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn an_invited_action_holder_posts_on_their_own_action_point_only() {
    let app = spawn_app().await;
    let s = crate::ideas::setup(&app).await;
    let org = app.new_visitor();
    org.login_as_organiser().await;

    // Bad input comes back with what was typed.
    let bad = org
        .post_form(
            "/beheer/accounts",
            "/beheer/accounts/uitnodigen",
            &[("email", "geen-adres"), ("role", "forum_member")],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let page = bad.text().await.unwrap();
    assert!(page.contains("value=\"geen-adres\"") && page.contains("Kies een rol"));

    let path = invite(&app, &org, "houder@example.nl", "action_holder").await;
    let accounts = org.get_html("/beheer/accounts").await;
    assert!(
        accounts.contains("houder@example.nl"),
        "open invitation listed"
    );
    let (holder, accepted) = accept(&app, &path, "Hanna Houder").await;
    assert_eq!(accepted.status().as_u16(), 303);
    assert_eq!(location(&accepted), "/actiehouder", "logged in, at home");
    let again = app.new_visitor().get(&path).await;
    assert_eq!(again.status().as_u16(), 410, "an invitation works once");
    // The same address cannot be invited twice.
    let twice = org
        .post_form(
            "/beheer/accounts",
            "/beheer/accounts/uitnodigen",
            &[("email", "houder@example.nl"), ("role", "organiser")],
        )
        .await;
    assert_eq!(twice.status().as_u16(), 409);

    app.create_account(
        "ander@example.nl",
        "een lang wachtwoord",
        Role::ActionHolder,
    )
    .await;
    let own = point(&org, s.process.0, "Dijk versterken", "houder@example.nl").await;
    let other = point(&org, s.process.0, "Sluis vernieuwen", "ander@example.nl").await;

    let home = holder.get_html("/actiehouder").await;
    assert!(home.contains("Dijk versterken") && !home.contains("Sluis vernieuwen"));
    let posted = holder
        .post_form(
            "/actiehouder",
            &format!("/actiehouder/actiepunten/{own}/voortgang"),
            &[("on", "2026-11-02"), ("body", "Eerste schop in de grond")],
        )
        .await;
    assert_eq!(posted.status().as_u16(), 303);
    let refused = holder
        .post_form(
            "/actiehouder",
            &format!("/actiehouder/actiepunten/{other}/voortgang"),
            &[("on", "2026-11-02"), ("body", "Niet van mij")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 403, "another holder's point");
    let public = format!("/processen/{}/actiepunten/{own}", s.slug);
    assert!(
        app.get_html(&public)
            .await
            .contains("Eerste schop in de grond")
    );
    assert!(
        !app.get_html(&format!("/processen/{}/actiepunten/{other}", s.slug))
            .await
            .contains("Niet van mij")
    );

    // The organiser corrects the update, hides it and shows it again.
    let admin = format!("/beheer/processen/{}/actiepunten/{own}", s.process);
    let admin_page = org.get_html(&admin).await;
    let marker = "id=\"voortgang-";
    let start = admin_page.find(marker).expect("update listed") + marker.len();
    let update: String = admin_page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let edit = format!("{admin}/voortgang/{update}");
    let empty = org
        .post_form(&admin, &edit, &[("on", "2026-11-02"), ("body", " ")])
        .await;
    assert_eq!(
        empty.status().as_u16(),
        422,
        "an empty correction is refused"
    );
    let edited = org
        .post_form(
            &admin,
            &edit,
            &[("on", "2026-11-03"), ("body", "Eerste paal geslagen")],
        )
        .await;
    assert_eq!(edited.status().as_u16(), 303);
    let page = app.get_html(&public).await;
    assert!(page.contains("Eerste paal geslagen") && !page.contains("Eerste schop"));
    let visibility = format!("{edit}/zichtbaarheid");
    let hidden = org.post_form(&admin, &visibility, &[("hidden", "1")]).await;
    assert_eq!(hidden.status().as_u16(), 303);
    assert!(!app.get_html(&public).await.contains("Eerste paal geslagen"));
    assert!(
        org.get_html(&admin).await.contains("Eerste paal geslagen"),
        "organiser still sees it"
    );
    // The holder cannot touch the organiser's moderation.
    let by_holder = holder
        .post_form("/actiehouder", &visibility, &[("hidden", "0")])
        .await;
    assert_eq!(by_holder.status().as_u16(), 403);
    let shown = org.post_form(&admin, &visibility, &[("hidden", "0")]).await;
    assert_eq!(shown.status().as_u16(), 303);
    assert!(app.get_html(&public).await.contains("Eerste paal geslagen"));

    assert_eq!(audit_count(&app, AuditAction::AccountInvited).await, 1);
    assert!(audit_count(&app, AuditAction::ContentModerated).await >= 3);
}

#[tokio::test]
async fn an_invited_organiser_enrols_a_second_factor_before_any_organiser_page() {
    let app = spawn_app().await;
    let org = app.new_visitor();
    org.login_as_organiser().await;
    let path = invite(&app, &org, "collega@example.nl", "organiser").await;
    let mail = app
        .wait_for_mail("collega@example.nl", |m| m.body.contains("/uitnodiging/"))
        .await;
    assert!(mail.body.contains("tweestapsverificatie"), "{}", mail.body);
    let (colleague, accepted) = accept(&app, &path, "Olga Organisator").await;
    assert_eq!(accepted.status().as_u16(), 303);
    assert_eq!(location(&accepted), "/account/tweestapsverificatie");
    let dashboard = colleague.get("/beheer").await;
    assert_ne!(
        dashboard.status().as_u16(),
        200,
        "no organiser page before the second factor"
    );
    let enrol = colleague.get("/account/tweestapsverificatie").await;
    assert_eq!(enrol.status().as_u16(), 200);
    let account =
        users::credentials_by_email(app.db.read(), &Email::parse("collega@example.nl").unwrap())
            .await
            .unwrap()
            .unwrap();
    assert_eq!(account.user.role, Role::Organiser);
    assert_eq!(account.user.display_name, "Olga Organisator");
}
