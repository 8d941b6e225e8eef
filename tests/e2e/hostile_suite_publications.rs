//! The hostile-input catalogue against the publications forms: the organiser's document upload
//! (multipart) and the public follow form. No request may cause a 5xx; a refused one stores
//! nothing (no row, no file); text that is stored comes back escaped.

use crate::helpers::{TestApp, client, csrf_token, spawn_app};
use crate::publications::{BOUNDARY, multipart, published_process, upload};
use inspraak_domain::{ProcessId, SubscriptionId};
use inspraak_store::publications;

/// (name, form fields, file)
type UploadCase<'a> = (
    &'a str,
    Vec<(&'a str, &'a str)>,
    Option<(&'a str, &'a [u8])>,
);
/// (name, form fields, status wanted, text the page must show)
type FollowCase<'a> = (&'a str, Vec<(&'a str, &'a str)>, u16, Option<&'a str>);

fn files(app: &TestApp) -> usize {
    std::fs::read_dir(&app.state.settings.documents_dir).map_or(0, |d| d.count())
}

async fn post_upload(app: &TestApp, process: ProcessId, body: Vec<u8>, content_type: &str) -> u16 {
    app.client
        .post(app.url(&format!("/beheer/processen/{process}/documenten")))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn hostile_uploads_never_5xx_and_refusals_store_nothing() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, _) = published_process(&app).await;
    let pdf = b"%PDF-1.4\nhello".to_vec();
    let page = app
        .get_html(&format!("/beheer/processen/{process}/publicaties"))
        .await;
    let token = csrf_token(&page);
    let typed = format!("multipart/form-data; boundary={BOUNDARY}");

    // Refused: each answers 4xx and leaves no row and no file.
    let long_title = "x".repeat(10_000);
    let refused: Vec<UploadCase<'_>> = vec![
        (
            "no csrf",
            vec![("title", "t"), ("date", "2021-04-14"), ("owner", "process")],
            Some(("a.pdf", &pdf)),
        ),
        (
            "forged csrf",
            vec![
                ("csrf_token", "AAAA"),
                ("title", "t"),
                ("date", "2021-04-14"),
                ("owner", "process"),
            ],
            Some(("a.pdf", &pdf)),
        ),
        (
            "title too long",
            vec![
                ("csrf_token", &token),
                ("title", &long_title),
                ("date", "2021-04-14"),
                ("owner", "process"),
            ],
            Some(("a.pdf", &pdf)),
        ),
        (
            "impossible date",
            vec![
                ("csrf_token", &token),
                ("title", "t"),
                ("date", "2021-13-45"),
                ("owner", "process"),
            ],
            Some(("a.pdf", &pdf)),
        ),
        (
            "foreign owner",
            vec![
                ("csrf_token", &token),
                ("title", "t"),
                ("date", "2021-04-14"),
                ("owner", "session:999"),
            ],
            Some(("a.pdf", &pdf)),
        ),
        (
            "owner injection",
            vec![
                ("csrf_token", &token),
                ("title", "t"),
                ("date", "2021-04-14"),
                ("owner", "process' OR 1=1 --"),
            ],
            Some(("a.pdf", &pdf)),
        ),
        (
            "exe named csv",
            vec![
                ("csrf_token", &token),
                ("title", "t"),
                ("date", "2021-04-14"),
                ("owner", "process"),
            ],
            Some(("a.csv", b"MZ\x90\x00\x03\x00\x00\x00")),
        ),
        (
            "html named csv",
            vec![
                ("csrf_token", &token),
                ("title", "t"),
                ("date", "2021-04-14"),
                ("owner", "process"),
            ],
            Some(("a.csv", b"<html><script>alert(1)</script>")),
        ),
    ];
    for (name, fields, file) in refused {
        let body = multipart(&fields, file);
        let status = post_upload(&app, process, body, &typed).await;
        assert_eq!(status, 422, "{name}");
        assert_eq!(
            publications::count_documents(app.db.read()).await.unwrap(),
            0,
            "{name}"
        );
        assert_eq!(files(&app), 0, "{name}");
    }
    // Broken multipart bodies: refused as bad requests, not 5xx.
    for (name, body, content_type) in [
        ("no boundary", multipart(&[], None), "multipart/form-data".to_owned()),
        ("truncated", b"--inspraak-test-grens-7d1f\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF".to_vec(), typed.clone()),
        ("not multipart", b"title=x".to_vec(), "application/x-www-form-urlencoded".to_owned()),
    ] {
        let status = post_upload(&app, process, body, &content_type).await;
        assert!((400..500).contains(&status), "{name}: {status}");
        assert_eq!(publications::count_documents(app.db.read()).await.unwrap(), 0, "{name}");
        assert_eq!(files(&app), 0, "{name}");
    }

    // Stored, but harmless: a path in the file name and script in the title.
    let response = upload(
        &app,
        process,
        "<script>alert(1)</script>",
        Some(("../../../etc/passwd.pdf", &pdf)),
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    let document = &publications::documents_for_process(app.db.read(), process)
        .await
        .unwrap()[0];
    assert!(!document.storage_name.contains('/'));
    let page = app
        .new_visitor()
        .get_html(&format!("/documenten/{}", document.id))
        .await;
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert(1)"));
    let download = app
        .new_visitor()
        .get(&format!("/documenten/{}/download", document.id))
        .await;
    assert_eq!(
        download.headers()["content-disposition"],
        format!("attachment; filename=\"document-{}.pdf\"", document.id)
    );
}

#[tokio::test]
async fn hostile_follow_requests_never_5xx_and_store_nothing() {
    let app = spawn_app().await;
    let (_, slug) = published_process(&app).await;
    let path = format!("/processen/{slug}/volgen");
    let visitor = app.new_visitor();
    let token = csrf_token(&visitor.get_html(&path).await);
    let long = format!("{}@example.nl", "a".repeat(5000));
    let cases: Vec<FollowCase<'_>> = vec![
        (
            "script in address",
            vec![
                ("csrf_token", &token),
                ("email", "<script>alert(1)</script>@x.nl"),
                ("frequency", "immediate"),
            ],
            422,
            Some("&lt;script&gt;"),
        ),
        (
            "sql in address",
            vec![
                ("csrf_token", &token),
                ("email", "' OR 1=1 --"),
                ("frequency", "immediate"),
            ],
            422,
            Some("value=\"' OR 1=1 --\""),
        ),
        (
            "very long address",
            vec![
                ("csrf_token", &token),
                ("email", &long),
                ("frequency", "immediate"),
            ],
            422,
            None,
        ),
        (
            "header injection",
            vec![
                ("csrf_token", &token),
                ("email", "a@x.nl\r\nBcc: b@y.nl"),
                ("frequency", "immediate"),
            ],
            422,
            None,
        ),
        (
            "homoglyph domain",
            vec![
                ("csrf_token", &token),
                ("email", "a@exаmple.nl"),
                ("frequency", "immediate"),
            ],
            422,
            None,
        ),
        (
            "unknown frequency",
            vec![
                ("csrf_token", &token),
                ("email", "a@x.nl"),
                ("frequency", "hourly"),
            ],
            422,
            None,
        ),
        (
            "honeypot",
            vec![
                ("csrf_token", &token),
                ("email", "a@x.nl"),
                ("frequency", "immediate"),
                ("website", "http://spam"),
            ],
            422,
            None,
        ),
        (
            "missing csrf",
            vec![("email", "kept@x.nl"), ("frequency", "immediate")],
            422,
            Some("kept@x.nl"),
        ),
        (
            "forged csrf",
            vec![
                ("csrf_token", "AAAA"),
                ("email", "kept@x.nl"),
                ("frequency", "immediate"),
            ],
            422,
            Some("kept@x.nl"),
        ),
    ];
    for (name, fields, want, shown) in cases {
        let response = visitor.post_raw(&path, &fields).await;
        assert_eq!(response.status().as_u16(), want, "{name}");
        let page = response.text().await.unwrap();
        if let Some(shown) = shown {
            assert!(page.contains(shown), "{name}: {page}");
        }
        assert!(!page.contains("<script>alert(1)"), "{name}");
        assert!(
            publications::find_subscription(app.db.read(), SubscriptionId(1))
                .await
                .unwrap()
                .is_none(),
            "{name}: nothing stored"
        );
    }
    // Cross-site posts are refused before the handler; invalid UTF-8 and huge bodies too.
    let cross = client()
        .post(app.url(&path))
        .header("origin", "https://evil.example")
        .form(&[("email", "a@x.nl"), ("frequency", "immediate")])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status().as_u16(), 403);
    let bad_utf8 = visitor
        .client
        .post(app.url(&path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf_token={token}&email=%C3%28&frequency=immediate"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_utf8.status().as_u16(), 400);
    let huge = visitor
        .client
        .post(app.url(&path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf_token={token}&email={}", "a".repeat(300_000)))
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status().as_u16(), 413);
    // Signed links cannot be guessed or bent to another subscription.
    for link in [
        "/volgen/1/00/afmelden",
        "/volgen/1/zz/bevestigen",
        "/volgen/abc/00/afmelden",
    ] {
        let status = visitor.get(link).await.status().as_u16();
        assert!(status == 404, "{link}: {status}");
    }
    assert!(
        publications::find_subscription(app.db.read(), SubscriptionId(1))
            .await
            .unwrap()
            .is_none()
    );
}
