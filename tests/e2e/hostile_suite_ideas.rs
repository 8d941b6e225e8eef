//! The hostile-input catalogue against the idea form and the forum's comment form. Each request
//! must not 5xx; a refused one stores nothing and shows the form again (422) with the text kept
//! escaped; a stored one is shown escaped, and no `javascript:` link or markup comes through.

use crate::helpers::{TestApp, csrf_token, spawn_app};
use crate::ideas::setup;
use inspraak_domain::Role;
use inspraak_domain::ideas::Moderation;
use inspraak_store::ideas::{self, Settings};

#[derive(Clone, Copy, PartialEq, Debug)]
enum Want {
    Stored,
    Refused,
}

fn catalogue() -> Vec<(&'static str, String, Want)> {
    use Want::*;
    vec![
        ("<script>", "<script>alert(1)</script>".into(), Stored),
        (
            "attribute break-out",
            "\"><svg onload=alert(1)>".into(),
            Stored,
        ),
        ("javascript: link", "javascript:alert(1)".into(), Stored),
        (
            "markdown javascript link",
            "[klik](javascript:alert(1))".into(),
            Stored,
        ),
        (
            "link with a quote",
            "https://ok.example/\"onmouseover=alert(1)".into(),
            Stored,
        ),
        ("SQL", "' OR 1=1 --".into(), Stored),
        (
            "right-to-left override",
            "factuur\u{202E}fdp.exe".into(),
            Refused,
        ),
        ("NUL", "voor\0na".into(), Refused),
        ("100 000 characters", "x".repeat(100_000), Refused),
        ("only spaces", "   ".into(), Refused),
    ]
}

/// `kept_input`: a refused form keeps what was typed (an RTL override included) in its field,
/// for the person to fix; it is never shown as stored content.
fn assert_harmless_form(page: &str, case: &str) {
    assert!(!page.contains("<script>alert"), "{case}: raw script");
    assert!(!page.contains("<svg"), "{case}: raw svg");
    assert!(
        !page.to_lowercase().contains("href=\"javascript:"),
        "{case}: javascript link"
    );
}

fn assert_harmless(page: &str, case: &str) {
    assert!(!page.contains("<script>alert"), "{case}: raw script");
    assert!(!page.contains("<svg"), "{case}: raw svg");
    assert!(
        !page.to_lowercase().contains("href=\"javascript:"),
        "{case}: javascript link"
    );
    assert!(
        !page.contains("\"onmouseover"),
        "{case}: attribute injection"
    );
    assert!(!page.contains('\u{202E}'), "{case}: RTL override shown");
}

#[tokio::test]
async fn the_idea_form_survives_the_hostile_catalogue() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let phase = ideas::settings(app.db.read(), s.process)
        .await
        .unwrap()
        .phase;
    ideas::save_settings(
        app.db.write(),
        s.process,
        Settings {
            phase,
            moderation: Moderation::Post,
        },
    )
    .await
    .unwrap();
    let list = format!("/processen/{}/ideeen", s.slug);
    let mut expected = 0;
    for (n, (case, value, want)) in catalogue().into_iter().enumerate() {
        // A fresh visitor per case: the per-address limit is not what is tested here.
        let visitor = app.new_visitor();
        app.clock.advance(chrono::Duration::minutes(11));
        for field in ["title", "body", "name"] {
            let title = format!("Titel {n} {field}");
            let mut fields = vec![("title", title.as_str()), ("body", "Tekst"), ("name", "")];
            fields.retain(|(k, _)| *k != field);
            fields.push((field, value.as_str()));
            let response = s.submit(&visitor, &fields).await;
            let status = response.status().as_u16();
            let body = response.text().await.unwrap();
            assert!(status < 500, "{case} in {field}: {status}");
            // The name is optional: only spaces there is simply no name.
            let blank_name = field == "name" && value.trim().is_empty();
            match want {
                _ if blank_name => {
                    assert_eq!(status, 303, "{case} in {field}");
                    expected += 1;
                }
                Want::Stored => {
                    assert_eq!(status, 303, "{case} in {field}: {body}");
                    expected += 1;
                }
                _ => {
                    assert_eq!(status, 422, "{case} in {field}");
                    assert!(
                        body.contains("error-summary"),
                        "{case} in {field}: no error summary"
                    );
                    assert_harmless_form(&body, case);
                }
            }
        }
    }
    let stored = ideas::all_for_process(app.db.read(), s.process)
        .await
        .unwrap();
    for idea in &stored {
        let page = app.get_html(&format!("{list}/{}", idea.id)).await;
        assert_harmless(&page, &idea.title);
    }
    assert_harmless(&app.get_html(&list).await, "list");
    assert_eq!(stored.len(), expected, "only the stored cases were stored");

    // A forged CSRF token and a filled honeypot show the form again and store nothing.
    let visitor = app.new_visitor();
    app.clock.advance(chrono::Duration::minutes(11));
    let page = visitor.get_html(&s.form_path()).await;
    let key = crate::consultation::hidden(&page, "idempotency_key");
    let theme = s.themes[0].to_string();
    let forged = visitor
        .post_raw(
            &s.form_path(),
            &[
                ("csrf_token", "nep"),
                ("idempotency_key", &key),
                ("theme", &theme),
                ("title", "Vervalst"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(
        forged.status().as_u16(),
        422,
        "the form again, with a fresh token"
    );
    assert!(
        forged.text().await.unwrap().contains("Vervalst"),
        "typed text kept"
    );
    let trap = s
        .submit(
            &visitor,
            &[
                ("title", "Bot"),
                ("body", "x"),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(trap.status().as_u16(), 422);
    assert_eq!(
        ideas::all_for_process(app.db.read(), s.process)
            .await
            .unwrap()
            .len(),
        expected
    );
}

#[tokio::test]
async fn the_comment_form_survives_the_hostile_catalogue() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let phase = ideas::settings(app.db.read(), s.process)
        .await
        .unwrap()
        .phase;
    ideas::save_settings(
        app.db.write(),
        s.process,
        Settings {
            phase,
            moderation: Moderation::Post,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        s.submit(&app, &[("title", "Idee"), ("body", "Tekst")])
            .await
            .status()
            .as_u16(),
        303
    );
    let idea = ideas::all_for_process(app.db.read(), s.process)
        .await
        .unwrap()[0]
        .id;
    let path = format!("/processen/{}/ideeen/{idea}", s.slug);
    let member: TestApp = app.new_visitor();
    member
        .create_account("lid@example.nl", "een lang wachtwoord", Role::ForumMember)
        .await;
    member.login("lid@example.nl", "een lang wachtwoord").await;
    let target = format!("idee-{idea}");
    let mut stored = 0;
    for (case, value, want) in catalogue() {
        let token = csrf_token(&member.get_html(&path).await);
        let response = member
            .post_raw(
                "/forum/reacties",
                &[
                    ("csrf_token", &token),
                    ("target", &target),
                    ("body", &value),
                ],
            )
            .await;
        let status = response.status().as_u16();
        assert!(status < 500, "{case}: {status}");
        match want {
            Want::Stored => {
                assert_eq!(status, 303, "{case}");
                stored += 1;
            }
            Want::Refused => assert_eq!(status, 422, "{case}"),
        }
    }
    let page = app.get_html(&path).await;
    assert_harmless(&page, "comments");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let comments =
        ideas::forum::comments_for(app.db.read(), ideas::forum::CommentSubject::Idea(idea))
            .await
            .unwrap();
    assert_eq!(comments.len(), stored);
    // A broken target or parent is refused without a 5xx.
    let token = csrf_token(&member.get_html(&path).await);
    for (t, parent) in [
        ("idee-999999", ""),
        ("onzin", ""),
        (target.as_str(), "abc"),
        (target.as_str(), "999999"),
    ] {
        let response = member
            .post_raw(
                "/forum/reacties",
                &[
                    ("csrf_token", &token),
                    ("target", t),
                    ("parent", parent),
                    ("body", "x"),
                ],
            )
            .await;
        assert!(
            (400..500).contains(&response.status().as_u16()),
            "{t} {parent}: {}",
            response.status()
        );
    }
}
