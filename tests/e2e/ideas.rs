//! Ideas, moderation, action points and the forum end to end: a visitor's idea goes through
//! moderation to the public list; the organiser links it to an action point, the idea page says
//! so and the submitter gets a mail; an invited member joins, comments, replies and edits within
//! the window but not after; a visitor cannot comment; a member cannot moderate; every organiser
//! and member route refuses the wrong people.

use crate::consultation::hidden;
use crate::helpers::{TestApp, csrf_token, link_starting_with, spawn_app};
use chrono::Duration;
use inspraak_domain::ideas::Moderation;
use inspraak_domain::{NewPhase, NewProcess, NewTheme, ProcessId, ProcessStatus, Role, ThemeId};
use inspraak_store::ideas::{self, Settings};
use inspraak_store::processes;

pub struct IdeaSetup {
    pub slug: String,
    pub process: ProcessId,
    pub themes: Vec<ThemeId>,
}

/// A published process with two themes and an idea phase from yesterday to next week.
pub async fn setup(app: &TestApp) -> IdeaSetup {
    let conn = app.db.write();
    let now = app.clock.now();
    let process = processes::insert(
        conn,
        &NewProcess::parse("Actieplan Ideeën", "", "Samen.").unwrap(),
        now,
    )
    .await
    .unwrap();
    let mut themes = Vec::new();
    for name in ["Open Data", "Open Communicatie"] {
        themes.push(
            processes::add_theme(conn, process, &NewTheme::parse(name, "", "").unwrap())
                .await
                .unwrap(),
        );
    }
    let today = inspraak_domain::time::local_date(now);
    let phase = NewPhase::parse(
        "Ideeënfase",
        "",
        &(today - Duration::days(1)).to_string(),
        &(today + Duration::days(7)).to_string(),
    )
    .unwrap();
    let phase = processes::add_phase(conn, process, &phase).await.unwrap();
    ideas::save_settings(
        conn,
        process,
        Settings {
            phase: Some(phase),
            moderation: Moderation::Pre,
        },
    )
    .await
    .unwrap();
    processes::set_status(conn, process, ProcessStatus::Published, now)
        .await
        .unwrap();
    IdeaSetup {
        slug: "actieplan-ideeen".into(),
        process,
        themes,
    }
}

impl IdeaSetup {
    pub fn form_path(&self) -> String {
        format!("/processen/{}/ideeen/nieuw", self.slug)
    }

    /// Fetches a fresh form and posts it with these fields (theme 0 unless given).
    pub async fn submit(&self, app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
        let page = app.get_html(&self.form_path()).await;
        let csrf = csrf_token(&page);
        let key = hidden(&page, "idempotency_key");
        let theme = self.themes[0].to_string();
        let mut all: Vec<(&str, &str)> = vec![
            ("csrf_token", &csrf),
            ("idempotency_key", &key),
            ("theme", &theme),
        ];
        all.extend_from_slice(fields);
        app.client
            .post(app.url(&self.form_path()))
            .form(&all)
            .send()
            .await
            .unwrap()
    }
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Invites `email` as organiser `org`, accepts as a new visitor and logs them in.
async fn join_forum(app: &TestApp, org: &TestApp, email: &str, name: &str) -> TestApp {
    let sent = org
        .post_form(
            "/beheer/forum",
            "/beheer/forum/uitnodigen",
            &[("email", email)],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let mail = app
        .wait_for_mail(email, |m| m.body.contains("/forum/uitnodiging/"))
        .await;
    let link = link_starting_with(&mail.body, &app.url("/forum/uitnodiging/")).unwrap();
    let path = link.trim_start_matches(&app.address).to_owned();
    let member = app.new_visitor();
    let accepted = member
        .post_form(
            &path,
            &path,
            &[
                ("name", name),
                ("organisation", "Stichting Open"),
                ("password", "een heel lang wachtwoord"),
            ],
        )
        .await;
    assert_eq!(
        accepted.status().as_u16(),
        303,
        "{}",
        accepted.text().await.unwrap()
    );
    let again = app.new_visitor().get(&path).await;
    assert_eq!(again.status().as_u16(), 410, "an invitation works once");
    assert_eq!(
        member
            .login(email, "een heel lang wachtwoord")
            .await
            .status()
            .as_u16(),
        303
    );
    member
}

#[tokio::test]
async fn an_idea_goes_from_visitor_through_moderation_to_an_action_point_and_the_forum_discusses_it()
 {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let visitor = app.new_visitor();

    // A mistake keeps everything typed, escaped; an RTL override is refused.
    let refused = s
        .submit(
            &visitor,
            &[
                ("title", "Open\u{202E}gpj.exe"),
                ("body", "<b>vet</b>"),
                ("name", ""),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("error-summary") && page.contains("&lt;b&gt;vet&lt;/b&gt;"),
        "{page}"
    );

    let title = "Open data <script>alert(1)</script>";
    let sent = s
        .submit(
            &visitor,
            &[
                ("title", title),
                ("body", "Zie https://example.nl/data en javascript:alert(1)"),
                ("name", "<img src=x onerror=alert(1)>"),
                ("email", "indiener@example.nl"),
                ("consent", "ja"),
            ],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    assert!(location(&sent).contains("/ideeen/ontvangen"));
    let list_path = format!("/processen/{}/ideeen", s.slug);
    assert!(
        !visitor.get_html(&list_path).await.contains("Open data"),
        "pre-moderation: not public yet"
    );
    let idea = ideas::all_for_process(app.db.read(), s.process)
        .await
        .unwrap()[0]
        .clone();
    let idea_path = format!("/processen/{}/ideeen/{}", s.slug, idea.id);
    assert_eq!(visitor.get(&idea_path).await.status().as_u16(), 404);

    let org = app.new_visitor();
    org.login_as_organiser().await;
    let admin = format!("/beheer/processen/{}/ideeen", s.process);
    assert!(
        org.get_html(&admin)
            .await
            .contains("Open data &lt;script&gt;")
    );
    let approve = org
        .post_form(
            &admin,
            &format!("{admin}/{}/moderatie", idea.id),
            &[("action", "approve"), ("reason", "")],
        )
        .await;
    assert_eq!(approve.status().as_u16(), 303);
    let list = visitor.get_html(&list_path).await;
    assert!(
        list.contains("Open data &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{list}"
    );
    assert!(!list.contains("<script>alert"));

    // An action point, then the idea's status links to it.
    let points = format!("/beheer/processen/{}/actiepunten", s.process);
    let created = org
        .post_form(
            &points,
            &points,
            &[
                ("title", "Open by design"),
                ("description", "Open werken als standaard."),
                ("theme", &s.themes[0].to_string()),
                ("holder", "Ministerie van BZK"),
                ("holder_account", ""),
                ("partners", "Open State Foundation, VNG"),
                ("status", "in_progress"),
                ("findings", ""),
            ],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303);
    let point_id = location(&created).rsplit('/').next().unwrap().to_owned();
    let missing_point = org
        .post_form(
            &admin,
            &format!("{admin}/{}/status", idea.id),
            &[
                ("status", "included"),
                ("action_point", ""),
                ("explanation", ""),
            ],
        )
        .await;
    assert_eq!(
        missing_point.status().as_u16(),
        422,
        "included needs an action point"
    );
    let linked = org
        .post_form(
            &admin,
            &format!("{admin}/{}/status", idea.id),
            &[
                ("status", "included"),
                ("action_point", &point_id),
                ("explanation", "Dit idee staat in het plan."),
            ],
        )
        .await;
    assert_eq!(linked.status().as_u16(), 303);
    let idea_page = visitor.get_html(&idea_path).await;
    assert!(idea_page.contains("Opgenomen in actiepunt"), "{idea_page}");
    assert!(idea_page.contains(&format!(
        "/processen/{}/actiepunten/{point_id}\">Open by design</a>",
        s.slug
    )));
    assert!(
        idea_page.contains("<a href=\"https://example.nl/data\" rel=\"nofollow ugc noopener\">")
    );
    assert!(!idea_page.contains("href=\"javascript:"));
    assert!(idea_page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let mail = app
        .wait_for_mail("indiener@example.nl", |m| {
            m.subject.contains("Nieuws over je idee")
        })
        .await;
    assert!(mail.body.contains(&idea_path) && mail.body.contains("Opgenomen in een actiepunt"));
    let plan = visitor
        .get_html(&format!("/processen/{}/actieplan", s.slug))
        .await;
    assert!(
        plan.contains("Ontstaan uit")
            && plan.contains("Open data &lt;script&gt;")
            && plan.contains("Open State Foundation")
    );

    // A visitor cannot comment.
    let token = csrf_token(&visitor.get_html(&s.form_path()).await);
    let target = format!("idee-{}", idea.id);
    let anonymous = visitor
        .post_raw(
            "/forum/reacties",
            &[
                ("csrf_token", &token),
                ("target", &target),
                ("body", "Hallo"),
            ],
        )
        .await;
    assert_eq!(anonymous.status().as_u16(), 303);
    assert!(location(&anonymous).starts_with("/inloggen"));
    assert!(
        visitor
            .get_html(&idea_path)
            .await
            .contains("Alleen leden van het stakeholderforum")
    );

    // An invited member comments, replies, edits within 15 minutes and not after.
    let member = join_forum(
        &app,
        &org,
        "lid@example.nl",
        "Lid \u{05E9}\u{05DC}\u{05D5}\u{05DD}",
    )
    .await;
    let posted = member
        .post_form(
            &idea_path,
            "/forum/reacties",
            &[
                ("target", &target),
                (
                    "body",
                    "Goed idee! <script>x</script> zie http://voorbeeld.nl",
                ),
            ],
        )
        .await;
    assert_eq!(posted.status().as_u16(), 303);
    let comment_id = location(&posted)
        .rsplit("reactie-")
        .next()
        .unwrap()
        .to_owned();
    let replied = member
        .post_form(
            &idea_path,
            "/forum/reacties",
            &[
                ("target", &target),
                ("parent", &comment_id),
                ("body", "Een antwoord"),
            ],
        )
        .await;
    assert_eq!(replied.status().as_u16(), 303);
    // A refused comment comes back on its own page with everything typed, ready to resend.
    let too_long = format!("Mijn lange reactie {}", "ab ".repeat(1000));
    let refused = member
        .post_form(
            &idea_path,
            "/forum/reacties",
            &[
                ("target", &target),
                ("parent", &comment_id),
                ("body", &too_long),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let again = refused.text().await.unwrap();
    assert!(again.contains("error-summary"), "{again}");
    assert!(
        again.contains(too_long.trim_end()),
        "the typed text is kept"
    );
    assert!(again.contains(&format!("name=\"target\" value=\"{target}\"")));
    assert!(again.contains(&format!("name=\"parent\" value=\"{comment_id}\"")));
    let page = visitor.get_html(&idea_path).await;
    assert!(page.contains("Goed idee! &lt;script&gt;x&lt;/script&gt;"));
    assert!(page.contains("class=\"replies\"") && page.contains("Een antwoord"));
    assert!(page.contains("Stichting Open"));
    let edit = format!("/forum/reacties/{comment_id}/bewerken");
    let edited = member
        .post_form(&edit, &edit, &[("body", "Goed idee, aangepast")])
        .await;
    assert_eq!(edited.status().as_u16(), 303);
    let page = visitor.get_html(&idea_path).await;
    assert!(page.contains("Goed idee, aangepast") && page.contains("bewerkt"));
    let token = csrf_token(&member.get_html(&idea_path).await);
    app.clock.advance(Duration::minutes(16));
    let late = member
        .post_raw(&edit, &[("csrf_token", &token), ("body", "Te laat")])
        .await;
    assert_eq!(late.status().as_u16(), 422);
    assert!(!visitor.get_html(&idea_path).await.contains("Te laat"));

    // A member flags; a member cannot moderate; the organiser hides with a reason (kept).
    let flagged = member
        .post_form(
            &idea_path,
            &format!("/forum/reacties/{comment_id}/melden"),
            &[],
        )
        .await;
    assert_eq!(flagged.status().as_u16(), 303);
    assert_eq!(member.get(&admin).await.status().as_u16(), 403);
    let token = csrf_token(&member.get_html(&idea_path).await);
    let attempt = member
        .post_raw(
            &format!("/beheer/reacties/{comment_id}/moderatie"),
            &[("csrf_token", &token), ("action", "hide"), ("reason", "x")],
        )
        .await;
    assert_eq!(attempt.status().as_u16(), 403);
    assert!(
        org.get_html(&admin).await.contains("Goed idee, aangepast"),
        "flagged comment in the queue"
    );
    let hidden_ok = org
        .post_form(
            &admin,
            &format!("/beheer/reacties/{comment_id}/moderatie"),
            &[("action", "hide"), ("reason", "Spam")],
        )
        .await;
    assert_eq!(hidden_ok.status().as_u16(), 303);
    let page = visitor.get_html(&idea_path).await;
    assert!(!page.contains("Goed idee, aangepast") && page.contains("verborgen door de moderator"));
    let kept = inspraak_store::ideas::forum::find_comment(
        app.db.read(),
        inspraak_domain::CommentId(comment_id.parse().unwrap()),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(kept.hidden_reason.as_deref(), Some("Spam"));
    let (entries, _) = inspraak_store::audit::page(
        app.db.read(),
        &inspraak_store::audit::Filter {
            action: Some(inspraak_domain::AuditAction::ContentModerated),
            actor: None,
        },
        0,
        50,
    )
    .await
    .unwrap();
    assert!(
        entries.len() >= 3,
        "approve, status and hide are in the audit log"
    );
}

#[tokio::test]
async fn ideas_can_be_searched_sorted_paged_and_only_sent_while_the_idea_phase_runs() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    ideas::save_settings(
        app.db.write(),
        s.process,
        Settings {
            phase: ideas::settings(app.db.read(), s.process)
                .await
                .unwrap()
                .phase,
            moderation: Moderation::Post,
        },
    )
    .await
    .unwrap();
    for n in 0..12 {
        if n == 10 {
            // Past the per-address limit of ten ideas per ten minutes.
            let limited = s.submit(&app, &[("title", "Te veel"), ("body", "x")]).await;
            assert_eq!(limited.status().as_u16(), 429);
            app.clock.advance(Duration::minutes(11));
        }
        let title = format!("Idee nummer {n}");
        assert_eq!(
            s.submit(&app, &[("title", &title), ("body", "Tekst")])
                .await
                .status()
                .as_u16(),
            303
        );
    }
    let base = format!("/processen/{}/ideeen", s.slug);
    let first = app.get_html(&base).await;
    assert!(
        first.contains("12 ideeën")
            && first.contains("Idee nummer 11")
            && !first.contains("Idee nummer 1<")
    );
    assert!(first.contains("rel=\"next\""));
    let second = app.get_html(&format!("{base}?pagina=2")).await;
    assert!(second.contains("Idee nummer 1<") && second.contains("Idee nummer 0<"));
    let found = app.get_html(&format!("{base}?q=NUMMER+7")).await;
    assert!(found.contains("1 ideeën") || found.contains("Idee nummer 7"));
    assert!(!found.contains("Idee nummer 8"));
    let theme = app
        .get_html(&format!("{base}?thema=open-communicatie"))
        .await;
    assert!(theme.contains("0 ideeën"));
    assert_eq!(
        app.get(&format!("{base}?thema=bestaat-niet"))
            .await
            .status()
            .as_u16(),
        404
    );
    let process_page = app.get_html(&format!("/processen/{}", s.slug)).await;
    assert!(
        process_page.contains(&s.form_path()),
        "Doe mee links to the idea form"
    );
    // After the phase: the form says it is closed and a post stores nothing.
    let token_page = app.get_html(&s.form_path()).await;
    app.clock.advance(Duration::days(10));
    assert!(
        app.get_html(&s.form_path())
            .await
            .contains("alleen in de ideeënfase")
    );
    let late = app
        .post_raw(
            &s.form_path(),
            &[
                ("csrf_token", &csrf_token(&token_page)),
                ("title", "Te laat"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(late.status().as_u16(), 410);
    assert_eq!(
        ideas::all_for_process(app.db.read(), s.process)
            .await
            .unwrap()
            .len(),
        12
    );
}

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

#[tokio::test]
async fn the_demo_action_plan_shows_holders_partners_updates_and_the_ideas_behind_them() {
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
    let plan = app
        .get_html("/processen/actieplan-open-overheid-2020-2022/actieplan")
        .await;
    for text in [
        "Provincie Zuid-Holland en VNG",
        "Open State Foundation (OSF) en overige provincies",
        "Rijkswaterstaat",
        "Ontstaan uit",
        "Zet alle Wob-besluiten op één plek",
        "20 december 2022",
    ] {
        assert!(plan.contains(text), "plan lacks {text}");
    }
    let list = app
        .get_html("/processen/actieplan-open-overheid-2020-2022/ideeen?sort=meeste-reacties")
        .await;
    assert!(list.contains("4 ideeën"));
    let first = list.find("Zet alle Wob-besluiten").unwrap();
    assert!(
        first < list.find("Een register van algoritmes").unwrap(),
        "most discussed first"
    );
    let old = processes::find_by_slug(app.db.read(), "actieplan-open-overheid-2020-2022")
        .await
        .unwrap()
        .unwrap();
    let counts = ideas::counts_per_theme(app.db.read(), old.id)
        .await
        .unwrap();
    assert_eq!(counts.iter().map(|c| c.1).sum::<u64>(), 4);
    assert_eq!(counts.iter().map(|c| c.2).sum::<u64>(), 2);
    assert_eq!(
        app.login(
            "anna.forum@example.org",
            inspraak_web::demo::ORGANISER_PASSWORD
        )
        .await
        .status()
        .as_u16(),
        303
    );
}
