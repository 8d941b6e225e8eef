//! What every route must carry and what no URL may reach: security headers on every response
//! (pages, errors, assets, health checks, security.txt), the cookies' flags on http and https,
//! `/.well-known/security.txt`, no way out of `/static`, and hostile query strings. Adding a
//! route is one line in `ROUTES`.

use crate::helpers::{TestApp, csrf_token, spawn_app, spawn_app_with};
use inspraak_domain::Role;

/// Every route as a visitor or organiser meets it, with the status it answers.
/// `{process}` is the id of a published process `proces-a` with theme `thema-a`.
const ROUTES: &[(&str, &str, u16)] = &[
    ("GET", "/", 200),
    ("GET", "/?lang=en", 200),
    ("GET", "/processen/proces-a", 200),
    ("GET", "/processen/proces-a/themas/thema-a", 200),
    ("GET", "/inloggen", 200),
    ("GET", "/beheer", 200),
    ("GET", "/beheer/processen/nieuw", 200),
    ("GET", "/beheer/processen/{process}", 200),
    ("GET", "/static/inspraak.css", 200),
    ("GET", "/static/inspraak.js", 200),
    ("GET", "/healthz", 200),
    ("GET", "/readyz", 200),
    ("GET", "/.well-known/security.txt", 200),
    ("GET", "/bestaat-niet", 404),
    ("GET", "/processen/bestaat-niet", 404),
    ("GET", "/beheer/processen/abc", 404),
    ("POST", "/beheer/processen/nieuw", 403),
    ("POST", "/inloggen", 403),
    ("POST", "/uitloggen", 403),
    ("POST", "/beheer/processen/{process}/status", 403),
    ("GET", "/agenda", 200),
    ("GET", "/agenda.ics", 200),
    ("GET", "/agenda/bijeenkomst-aanmelden", 200),
    ("GET", "/bijeenkomsten/999999", 404),
    ("GET", "/aanmelding/bevestigen/niet-geldig", 404),
    ("GET", "/aanmelding/annuleren/niet-geldig", 404),
    ("GET", "/beheer/bijeenkomsten", 200),
    ("GET", "/beheer/agenda-voorstellen", 200),
    (
        "GET",
        "/beheer/processen/{process}/bijeenkomsten/nieuw",
        200,
    ),
    ("POST", "/aanmelding/bevestigen/niet-geldig", 403),
    // A process that is not archived has no self-evaluation.
    ("GET", "/beheer/processen/{process}/zelfevaluatie", 404),
];

async fn published_process(app: &TestApp) -> String {
    app.login_as_organiser().await;
    let form = "/beheer/processen/nieuw";
    let created = app
        .post_form(
            form,
            form,
            &[
                ("title", "Proces A"),
                ("slug", "proces-a"),
                ("summary", "Tekst."),
            ],
        )
        .await;
    let edit = created.headers()["location"].to_str().unwrap().to_owned();
    let theme = [
        ("name", "Thema A"),
        ("slug", "thema-a"),
        ("description", ""),
    ];
    app.post_form(&edit, &format!("{edit}/themas"), &theme)
        .await;
    app.post_form(&edit, &format!("{edit}/status"), &[("status", "published")])
        .await;
    edit.rsplit('/').next().unwrap().to_owned()
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The headers every response must have, whatever route or status.
fn check_headers(response: &reqwest::Response, https: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let csp = header(response, "content-security-policy").unwrap_or_default();
    for part in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
        "form-action 'self'",
    ] {
        if !csp.contains(part) {
            problems.push(format!("CSP lacks {part}"));
        }
    }
    if csp.contains("unsafe-inline") || csp.contains("unsafe-eval") {
        problems.push("CSP allows unsafe-inline/unsafe-eval".into());
    }
    let expected = [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
        ("cross-origin-opener-policy", "same-origin"),
    ];
    for (name, value) in expected {
        if header(response, name) != Some(value) {
            problems.push(format!("{name} is {:?}", header(response, name)));
        }
    }
    if !header(response, "permissions-policy").is_some_and(|p| p.contains("camera=()")) {
        problems.push("no Permissions-Policy".into());
    }
    let content_type = header(response, "content-type").unwrap_or_default();
    if content_type.starts_with("text/") && !content_type.contains("charset=utf-8") {
        problems.push(format!("content-type without charset: {content_type}"));
    }
    // An anonymous visitor's cached public page may stay in that browser only, revalidated by
    // its ETag (`read::cache`); every other HTML page is never stored.
    let revalidated = header(response, "cache-control") == Some("private, no-cache")
        && header(response, "etag").is_some();
    if content_type.starts_with("text/html")
        && header(response, "cache-control") != Some("no-store")
        && !revalidated
    {
        problems.push("an HTML page without Cache-Control: no-store".into());
    }
    match (https, header(response, "strict-transport-security")) {
        (true, Some(hsts)) => {
            let age: u64 = hsts
                .split(';')
                .find_map(|p| p.trim().strip_prefix("max-age="))
                .and_then(|a| a.parse().ok())
                .unwrap_or(0);
            if age < 31_536_000 {
                problems.push(format!("HSTS shorter than a year: {hsts}"));
            }
        }
        (true, None) => problems.push("no HSTS on https".into()),
        (false, Some(_)) => problems.push("HSTS on plain http".into()),
        (false, None) => {}
    }
    if response.headers().contains_key("server") || response.headers().contains_key("x-powered-by")
    {
        problems.push("the server names itself".into());
    }
    problems
}

#[tokio::test]
async fn every_route_carries_the_security_headers() {
    let app = spawn_app().await;
    let id = published_process(&app).await;
    let mut failures = Vec::new();
    for (method, path, status) in ROUTES {
        let path = path.replace("{process}", &id);
        let request = app.client.request(method.parse().unwrap(), app.url(&path));
        let response = request.send().await.unwrap();
        if response.status().as_u16() != *status {
            failures.push(format!(
                "{method} {path}: status {}, expected {status}",
                response.status()
            ));
        }
        for problem in check_headers(&response, false) {
            failures.push(format!("{method} {path}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn on_https_responses_carry_hsts_and_the_session_cookie_is_host_only_and_secure() {
    let app = spawn_app_with(&[("INSPRAAK_BASE_URL", "https://inspraak.example.nl")]).await;
    for path in ["/", "/inloggen", "/bestaat-niet", "/static/inspraak.css"] {
        let response = app.get(path).await;
        let problems = check_headers(&response, true);
        assert!(problems.is_empty(), "{path}: {problems:?}");
    }
    let response = reqwest::Client::new()
        .get(app.url("/inloggen"))
        .send()
        .await
        .unwrap();
    let cookie = set_cookie(&response, "__Host-inspraak").expect("__Host- session cookie");
    for flag in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} missing: {cookie}");
    }
    assert!(
        !cookie.contains("Domain="),
        "a __Host- cookie has no Domain: {cookie}"
    );
    assert!(set_cookie(&response, "inspraak_visitor").is_none());
}

fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

#[tokio::test]
async fn cookies_on_http_are_http_only_same_site_and_end_with_the_browser() {
    let app = spawn_app().await;
    app.create_account("org@example.nl", "een lang wachtwoord", Role::Organiser)
        .await;
    let first = app.get("/inloggen?lang=en").await;
    let visitor = set_cookie(&first, "inspraak_visitor").expect("visitor cookie");
    let lang = set_cookie(&first, "inspraak_lang").expect("language cookie");
    for cookie in [&visitor, &lang] {
        for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(flag), "{flag} missing: {cookie}");
        }
        assert!(!cookie.contains("Domain="), "{cookie}");
    }
    assert!(
        !visitor.contains("Max-Age") && !visitor.contains("Expires"),
        "the session cookie ends with the browser: {visitor}"
    );
    let token = csrf_token(&first.text().await.unwrap());
    let login = app
        .post_raw(
            "/inloggen",
            &[
                ("csrf_token", &token),
                ("email", "org@example.nl"),
                ("password", "een lang wachtwoord"),
            ],
        )
        .await;
    for name in ["inspraak_visitor", "inspraak_account"] {
        let cookie = set_cookie(&login, name).unwrap_or_else(|| panic!("{name} set at login"));
        for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(flag), "{flag} missing: {cookie}");
        }
    }
}

#[tokio::test]
async fn security_txt_names_a_contact_and_a_future_expiry() {
    let app = spawn_app_with(&[("INSPRAAK_SECURITY_CONTACT", "mailto:security@example.nl")]).await;
    let response = app.get("/.well-known/security.txt").await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        header(&response, "content-type"),
        Some("text/plain; charset=utf-8")
    );
    let text = response.text().await.unwrap();
    assert!(
        text.contains("Contact: mailto:security@example.nl\n"),
        "{text}"
    );
    let expires = text
        .lines()
        .find_map(|l| l.strip_prefix("Expires: "))
        .expect("Expires field");
    let expires = chrono::DateTime::parse_from_rfc3339(expires).expect("RFC 3339 date");
    let days = (expires.to_utc() - chrono::Utc::now()).num_days();
    assert!((1..366).contains(&days), "expires in {days} days");
    assert!(text.contains("Preferred-Languages: nl, en"));
}

#[tokio::test]
async fn no_path_leads_out_of_static() {
    let app = spawn_app().await;
    for path in [
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/static/..%5c..%5cCargo.toml",
        "/static/%2e%2e%5cCargo.toml",
        "/static/%252e%252e%252fCargo.toml",
        "/static/inspraak.css%00.txt",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/inspraak.css/..%2f..%2f..%2fCargo.toml",
        "/static/INSPRAAK.CSS",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), 404, "{path}");
        let body = response.text().await.unwrap();
        assert!(
            !body.contains("[workspace]") && !body.contains("root:"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn hostile_query_strings_are_ignored_or_escaped() {
    let app = spawn_app().await;
    let long = format!("/?q={}", "a".repeat(60_000));
    let response = app.get(&long).await;
    assert!(response.status().as_u16() < 500, "{}", response.status());
    for path in [
        "/?lang=<script>alert(1)</script>",
        "/?lang=en%00",
        "/inloggen?next=%0d%0aSet-Cookie:%20x=1",
        "/inloggen?next=javascript:alert(1)",
        "/inloggen?next=\"><script>alert(1)</script>",
        "/beheer/processen/nieuw?q=<h1>x</h1>",
    ] {
        let response = app.get(path).await;
        let status = response.status().as_u16();
        assert!(status == 200 || status == 303, "{path}: status {status}");
        assert!(
            response
                .headers()
                .get("set-cookie")
                .is_none_or(|c| !c.to_str().unwrap_or_default().starts_with("x="))
        );
        let page = response.text().await.unwrap();
        assert!(!page.contains("<script>alert"), "{path}");
        assert!(!page.contains("javascript:alert"), "{path}");
        assert!(!page.contains("<h1>x</h1>"), "{path}");
    }
}

#[tokio::test]
async fn an_empty_login_names_each_missing_field_and_counts_no_failure() {
    let app = spawn_app().await;
    let before = inspraak_store::testing::row_counts(&app.db).await.unwrap();
    let response = app
        .post_form(
            "/inloggen",
            "/inloggen",
            &[("email", " "), ("password", "")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Vul je e-mailadres in."), "{page}");
    assert!(page.contains("Vul het veld ‘Wachtwoord’ in."), "{page}");
    assert!(page.contains("href=\"#veld-email\"") && page.contains("href=\"#veld-password\""));
    let after = inspraak_store::testing::row_counts(&app.db).await.unwrap();
    assert_eq!(before, after, "no failure counted, nothing stored");
}
