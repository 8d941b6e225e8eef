//! One idea's whole way: from a visitor through moderation to an action point, with the
//! submitter's mail and the forum's discussion.

use super::*;

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
        // (escaped as maud shows it; the footer says "Open data" on every page)
        !visitor
            .get_html(&list_path)
            .await
            .contains("Open data &lt;script&gt;"),
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
