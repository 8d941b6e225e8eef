//! Who may do what: organiser, member and holder routes refuse the wrong people; an action
//! holder updates only their own action points.

use super::*;

#[tokio::test]
async fn every_organiser_member_and_holder_route_refuses_the_wrong_people() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let p = s.process;
    let organiser_routes = [
        ("GET", format!("/beheer/processen/{p}/ideeen")),
        ("POST", format!("/beheer/processen/{p}/ideeen/instellingen")),
        ("POST", format!("/beheer/processen/{p}/ideeen/1/moderatie")),
        ("POST", format!("/beheer/processen/{p}/ideeen/1/status")),
        ("POST", "/beheer/reacties/1/moderatie".to_owned()),
        ("GET", format!("/beheer/processen/{p}/actiepunten")),
        ("POST", format!("/beheer/processen/{p}/actiepunten")),
        ("GET", format!("/beheer/processen/{p}/actiepunten/1")),
        ("POST", format!("/beheer/processen/{p}/actiepunten/1")),
        (
            "POST",
            format!("/beheer/processen/{p}/actiepunten/1/voortgang"),
        ),
        ("GET", "/beheer/forum".to_owned()),
        ("POST", "/beheer/forum/uitnodigen".to_owned()),
    ];
    let member_routes = [
        ("POST", "/forum/reacties".to_owned()),
        ("GET", "/forum/reacties/1/bewerken".to_owned()),
        ("POST", "/forum/reacties/1/bewerken".to_owned()),
        ("POST", "/forum/reacties/1/melden".to_owned()),
    ];
    let holder_routes = [
        ("GET", "/actiehouder".to_owned()),
        ("POST", "/actiehouder/actiepunten/1/voortgang".to_owned()),
    ];
    let member = app.new_visitor();
    member
        .create_account("lid@example.nl", "een lang wachtwoord", Role::ForumMember)
        .await;
    member.login("lid@example.nl", "een lang wachtwoord").await;
    let holder = app.new_visitor();
    holder
        .create_account(
            "houder@example.nl",
            "een lang wachtwoord",
            Role::ActionHolder,
        )
        .await;
    holder
        .login("houder@example.nl", "een lang wachtwoord")
        .await;
    let anonymous = app.new_visitor();

    let send = |who: TestApp, method: &'static str, path: String| async move {
        let token = csrf_token(
            &who.get_html("/processen/actieplan-ideeen/ideeen/nieuw")
                .await,
        );
        let response = if method == "GET" {
            who.get(&path).await
        } else {
            who.post_raw(
                &path,
                &[
                    ("csrf_token", &token),
                    ("body", "x"),
                    ("target", "idee-1"),
                    ("email", "a@example.nl"),
                ],
            )
            .await
        };
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        (status, location, response.text().await.unwrap())
    };
    let refused = |status: u16, location: &Option<String>| {
        status == 403
            || (status == 303
                && location
                    .as_deref()
                    .is_some_and(|l| l.starts_with("/inloggen")))
    };
    for (method, path) in organiser_routes
        .iter()
        .chain(&member_routes)
        .chain(&holder_routes)
    {
        let (status, location, _) = send(anonymous.clone(), method, path.clone()).await;
        assert!(
            refused(status, &location),
            "anonymous {method} {path}: {status} {location:?}"
        );
    }
    for (method, path) in &organiser_routes {
        for (who, name) in [(&member, "member"), (&holder, "holder")] {
            let (status, _, body) = send(who.clone(), method, path.clone()).await;
            assert_eq!(status, 403, "{name} {method} {path}: {body}");
        }
    }
    for (method, path) in &member_routes {
        let (status, _, _) = send(holder.clone(), method, path.clone()).await;
        assert_eq!(status, 403, "holder {method} {path}");
    }
    for (method, path) in &holder_routes {
        let (status, _, _) = send(member.clone(), method, path.clone()).await;
        assert_eq!(status, 403, "member {method} {path}");
    }
}

#[tokio::test]
async fn an_action_holder_posts_updates_on_their_own_action_point_only() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let holder = app.new_visitor();
    holder
        .create_account(
            "houder@example.nl",
            "een lang wachtwoord",
            Role::ActionHolder,
        )
        .await;
    let org = app.new_visitor();
    org.login_as_organiser().await;
    let points = format!("/beheer/processen/{}/actiepunten", s.process);
    let mut ids = Vec::new();
    for account in ["houder@example.nl", ""] {
        let created = org
            .post_form(
                &points,
                &points,
                &[
                    ("title", "Actie"),
                    ("description", "Uitleg"),
                    ("theme", ""),
                    ("holder", "Gemeente"),
                    ("holder_account", account),
                    ("partners", ""),
                    ("status", "planned"),
                    ("findings", ""),
                ],
            )
            .await;
        assert_eq!(created.status().as_u16(), 303);
        ids.push(location(&created).rsplit('/').next().unwrap().to_owned());
    }
    holder
        .login("houder@example.nl", "een lang wachtwoord")
        .await;
    let own = holder
        .post_form(
            "/actiehouder",
            &format!("/actiehouder/actiepunten/{}/voortgang", ids[0]),
            &[("on", "2026-11-01"), ("body", "Subsidie verleend")],
        )
        .await;
    assert_eq!(own.status().as_u16(), 303);
    let other = holder
        .post_form(
            "/actiehouder",
            &format!("/actiehouder/actiepunten/{}/voortgang", ids[1]),
            &[("on", "2026-11-01"), ("body", "Niet van mij")],
        )
        .await;
    assert_eq!(other.status().as_u16(), 403);
    let page = app
        .get_html(&format!("/processen/{}/actiepunten/{}", s.slug, ids[0]))
        .await;
    assert!(page.contains("Subsidie verleend") && page.contains("1 november 2026"));
    let plan = app
        .get_html(&format!("/processen/{}/actieplan", s.slug))
        .await;
    assert!(plan.contains("Laatste voortgang") && plan.contains("Subsidie verleend"));
}
