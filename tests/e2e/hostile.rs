//! Hostile input from `security.md`'s catalogue that the foundation must survive.

use crate::helpers::{csrf_token, spawn_app};

#[tokio::test]
async fn security_headers_are_on_every_page() {
    let app = spawn_app().await;
    for path in ["/", "/inloggen", "/bestaat-niet"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["content-type"], "text/html; charset=utf-8");
        // Public pages an anonymous visitor reads from memory may be kept by the browser
        // (never a shared cache) and revalidated with their ETag (`read::cache`).
        let cache = headers["cache-control"].to_str().unwrap();
        assert!(
            cache == "no-store" || (cache == "private, no-cache" && headers.contains_key("etag")),
            "{path}: {cache}"
        );
        assert!(headers.contains_key("referrer-policy"));
    }
}

#[tokio::test]
async fn unknown_pages_and_malformed_ids_get_a_friendly_404() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    for path in [
        "/bestaat-niet",
        "/processen/bestaat-niet",
        "/beheer/processen/9223372036854775808",
        "/beheer/processen/-1",
        "/beheer/processen/abc",
        "/static/../../etc/passwd",
        "/static/%2e%2e%2fCargo.toml",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), 404, "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("Pagina niet gevonden"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_ten_megabyte_form_is_refused_with_413_and_nothing_stored() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let token = csrf_token(&app.get_html("/beheer/processen/nieuw").await);
    let huge = "a".repeat(10 * 1024 * 1024);
    let response = app
        .client
        .post(app.url("/beheer/processen/nieuw"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("title", "Groot"),
            ("summary", huge.as_str()),
        ])
        .send()
        .await;
    // The server may close the connection after answering 413 early; both mean "refused".
    if let Ok(response) = response {
        assert_eq!(response.status().as_u16(), 413);
    }
    assert!(!app.get_html("/beheer").await.contains("Groot"));
}

#[tokio::test]
async fn invalid_utf8_is_a_400_not_a_crash() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let token = csrf_token(&app.get_html("/beheer/processen/nieuw").await);
    let body = format!("csrf_token={token}&title=%C3%28&slug=&summary=x");
    let response = app
        .client
        .post(app.url("/beheer/processen/nieuw"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
}

#[tokio::test]
async fn markup_and_nul_bytes_in_titles_are_escaped_or_refused() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let nul = app
        .post_form(
            "/beheer/processen/nieuw",
            "/beheer/processen/nieuw",
            &[("title", "a\0b"), ("slug", "nul"), ("summary", "x")],
        )
        .await;
    assert_eq!(nul.status().as_u16(), 422);

    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let created = app
        .post_form(
            "/beheer/processen/nieuw",
            "/beheer/processen/nieuw",
            &[("title", evil), ("slug", "evil"), ("summary", evil)],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303);
    let edit = created.headers()["location"].to_str().unwrap().to_owned();
    app.post_form(&edit, &format!("{edit}/status"), &[("status", "published")])
        .await;
    for path in ["/", "/processen/evil", "/beheer", edit.as_str()] {
        let page = app.get_html(path).await;
        assert!(!page.contains("<script>alert"), "{path}");
        assert!(!page.contains("<img src=x"), "{path}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_login_redirect_only_goes_to_pages_of_this_site() {
    let app = spawn_app().await;
    app.create_account(
        "lid@example.nl",
        "een lang wachtwoord",
        inspraak_domain::Role::ForumMember,
    )
    .await;
    let page = app.get_html("/inloggen?next=//evil.example/x").await;
    assert!(!page.contains("evil.example"));
    let token = csrf_token(&page);
    let response = app
        .post_raw(
            "/inloggen",
            &[
                ("csrf_token", &token),
                ("email", "lid@example.nl"),
                ("password", "een lang wachtwoord"),
                ("next", "https://evil.example"),
            ],
        )
        .await;
    // The member's own landing page (the forum home), never the foreign address.
    assert_eq!(response.headers()["location"], "/forum");
}
