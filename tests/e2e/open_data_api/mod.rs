//! The open-data API against its own generated OpenAPI document: the document is valid OpenAPI
//! 3.1 with every field required and examples that fit; every documented path, called with real
//! and with hostile and random parameters, answers only documented statuses with bodies that fit
//! the documented schema; errors are problem details with CORS; no cookies are set.

mod schema;

use crate::helpers::{TestApp, spawn_app};
use serde_json::Value;
use std::collections::BTreeMap;

async fn document(app: &TestApp) -> Value {
    let r = app.get("/api/v1/openapi.json").await;
    assert_eq!(r.status().as_u16(), 200);
    r.json().await.unwrap()
}

#[tokio::test]
async fn the_generated_document_is_openapi_3_1_and_its_examples_fit_their_schemas() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(
        doc["info"]["title"]
            .as_str()
            .unwrap()
            .ends_with("open data")
    );
    assert!(doc["info"]["version"].is_string());
    let paths = doc["paths"].as_object().unwrap();
    for wanted in [
        "/api/v1/processen",
        "/api/v1/processen/{slug}",
        "/api/v1/uitkomsten/{id}",
        "/api/v1/processen/{slug}/ideeen",
        "/api/v1/processen/{slug}/actiepunten",
    ] {
        assert!(paths.contains_key(wanted), "{wanted} undocumented");
    }
    // Every path's version is in the path, every operation has an id and a 200 with a schema.
    let mut ids = Vec::new();
    for (path, item) in paths {
        assert!(path.starts_with("/api/v1/"), "{path}");
        let op = &item["get"];
        ids.push(op["operationId"].as_str().unwrap().to_owned());
        let ok = &op["responses"]["200"]["content"]["application/json"]["schema"];
        assert!(ok.is_object(), "{path} has no 200 schema");
        // Each `{name}` in the path is a documented, required path parameter.
        for name in path.split('{').skip(1).filter_map(|s| s.split('}').next()) {
            let documented = op["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == name && p["in"] == "path" && p["required"] == true);
            assert!(documented, "{path}: {name}");
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "operation ids are unique");

    // Every `$ref` resolves, and every example fits the schema it stands in.
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"").skip(1) {
        let target = reference.split('"').next().unwrap();
        assert!(doc.pointer(&target[1..]).is_some(), "dangling {target}");
    }
    let mut examples = 0;
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        if let Some(example) = schema.get("example") {
            schema::check(&doc, schema, example, name).unwrap();
            examples += 1;
        }
    }
    assert!(examples >= 4, "{examples} examples");
}

/// Values no real process or outcome has: numbers out of range, text, unicode, dots.
const HOSTILE: &[&str] = &[
    "0",
    "-1",
    "9223372036854775807",
    "99999999999999999999",
    "x",
    "bestaat-niet",
    "é",
    "a b",
    "..",
    "%",
    "1.5",
    "<script>",
];

const PAGES: &[Option<&str>] = &[
    None,
    Some("1"),
    Some("2"),
    Some("0"),
    Some("-1"),
    Some("x"),
    Some("1000000"),
    Some("1000001"),
    Some("18446744073709551615"),
    Some("99999999999999999999"),
];

/// A few random strings from a small PRNG seeded at random (the seed is printed on failure).
fn random_values(seed: u64, n: usize) -> Vec<String> {
    const CHARS: &[char] = &[
        'a', 'z', '0', '9', '-', '_', '.', '~', 'é', 'ß', '€', '🙂', ' ', '\'', '"', '&', '?', '#',
        '+', '=',
    ];
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let len = (next() % 12) as usize + 1;
            (0..len)
                .map(|_| CHARS[(next() % CHARS.len() as u64) as usize])
                .collect()
        })
        .collect()
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Calls `path` and checks the answer against what the document promises for it.
async fn check_call(app: &TestApp, doc: &Value, op: &Value, url: &str, seed: u64) -> u16 {
    let r = app.get(url).await;
    let status = r.status().as_u16();
    let context = format!("GET {url} (seed {seed})");
    assert!(
        r.headers().get("set-cookie").is_none(),
        "{context} set a cookie"
    );
    assert_eq!(
        r.headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap()),
        Some("*"),
        "{context}: no CORS"
    );
    let content_type = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body: Value = r.json().await.unwrap_or(Value::Null);
    let documented = &op["responses"][status.to_string()];
    assert!(
        documented.is_object(),
        "{context}: status {status} is not documented; body {body}"
    );
    let content = documented["content"].as_object().unwrap();
    let (media, spec) = content.iter().next().unwrap();
    assert_eq!(&content_type, media, "{context}");
    schema::check(doc, &spec["schema"], &body, "$")
        .unwrap_or_else(|e| panic!("{context}: {e}\n{body:#}"));
    if status >= 400 {
        assert_eq!(body["status"], status, "{context}");
    }
    status
}

#[tokio::test]
async fn every_documented_path_answers_as_documented_for_real_hostile_and_random_parameters() {
    let app = spawn_app().await;
    app.load_demo().await;
    let visitor = app.new_visitor();
    let doc = document(&visitor).await;

    // Real values, found through the API itself.
    let list: Value = visitor.get("/api/v1/processen").await.json().await.unwrap();
    let slugs: Vec<String> = list["processes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_owned())
        .collect();
    assert!(!slugs.is_empty());
    let mut outcome_ids = Vec::new();
    for slug in &slugs {
        let detail: Value = visitor
            .get(&format!("/api/v1/processen/{slug}"))
            .await
            .json()
            .await
            .unwrap();
        for o in detail["outcomes"].as_array().unwrap() {
            outcome_ids.push(o["id"].to_string());
        }
    }
    assert!(!outcome_ids.is_empty(), "the demo publishes an outcome");

    let seed = u64::from_le_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap());
    let mut values: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let hostile = HOSTILE
        .iter()
        .map(|s| s.to_string())
        .chain(random_values(seed, 8));
    values.insert(
        "slug",
        slugs.iter().cloned().chain(hostile.clone()).collect(),
    );
    values.insert("id", outcome_ids.iter().cloned().chain(hostile).collect());

    let mut seen: BTreeMap<u16, usize> = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let op = &item["get"];
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        let path_param = params.iter().find(|p| p["in"] == "path");
        let has_page = params
            .iter()
            .any(|p| p["in"] == "query" && p["name"] == "page");
        let candidates: Vec<Option<&String>> = match path_param {
            Some(p) => values[p["name"].as_str().unwrap()]
                .iter()
                .map(Some)
                .collect(),
            None => vec![None],
        };
        for value in candidates {
            let base = match (path_param, value) {
                (Some(p), Some(v)) => {
                    path.replace(&format!("{{{}}}", p["name"].as_str().unwrap()), &encode(v))
                }
                _ => path.clone(),
            };
            let pages: &[Option<&str>] = if has_page { PAGES } else { &[None] };
            for page in pages {
                let url = match page {
                    Some(p) => format!("{base}?page={}", encode(p)),
                    None => base.clone(),
                };
                let status = check_call(&visitor, &doc, op, &url, seed).await;
                *seen.entry(status).or_default() += 1;
            }
        }
    }
    // Both sides were exercised: real answers and refusals.
    assert!(seen.get(&200).copied().unwrap_or(0) >= 10, "{seen:?}");
    assert!(
        seen.contains_key(&404) && seen.contains_key(&400),
        "{seen:?}"
    );
}

#[tokio::test]
async fn api_errors_are_english_problem_details_with_cors_and_no_cookie() {
    let app = spawn_app().await;
    for (method, path, status) in [
        ("GET", "/api/v1/bestaat-niet", 404),
        ("GET", "/api/v1/processen/bestaat-niet", 404),
        ("GET", "/api/v1/uitkomsten/abc", 404),
        // A control character makes the page no number: refused, not dropped as on pages.
        (
            "GET",
            "/api/v1/processen/bestaat-niet/ideeen?page=1%14",
            400,
        ),
        // The API only reads: other methods are refused before CSRF or any handler.
        ("POST", "/api/v1/processen", 405),
        ("DELETE", "/api/v1/processen/bestaat-niet", 405),
    ] {
        let r = match method {
            "GET" => {
                let glue = if path.contains('?') { '&' } else { '?' };
                app.get(&format!("{path}{glue}lang=nl")).await
            }
            other => {
                let method = reqwest::Method::from_bytes(other.as_bytes()).unwrap();
                let r = app
                    .client
                    .request(method, app.url(path))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.headers()["allow"], "GET, HEAD");
                r
            }
        };
        assert_eq!(r.status().as_u16(), status, "{method} {path}");
        assert!(r.headers().get("set-cookie").is_none(), "{method} {path}");
        assert_eq!(
            r.headers()["content-type"].to_str().unwrap(),
            "application/problem+json"
        );
        assert_eq!(r.headers()["access-control-allow-origin"], "*");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["status"], status);
        assert_eq!(body["type"], "about:blank");
        // English, also when the request asks for Dutch: the API has one language.
        if status == 404 {
            assert_eq!(body["title"], "Page not found", "{body}");
        }
    }
    // HEAD answers as GET without a body; a CORS preflight is welcome.
    let r = app
        .client
        .head(app.url("/api/v1/processen"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    let r = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/processen"))
        .header("Origin", "https://elders.example")
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert!(r.headers().get("set-cookie").is_none());
    // Pages outside /api still get their cookie and HTML error page.
    let r = app.get("/bestaat-niet").await;
    assert!(r.headers().get("set-cookie").is_some());
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
}

#[tokio::test]
async fn ideas_and_action_points_are_open_data_with_small_counts_hidden() {
    let app = spawn_app().await;
    app.load_demo().await;
    let visitor = app.new_visitor();
    let list: Value = visitor.get("/api/v1/processen").await.json().await.unwrap();
    let (mut ideas_seen, mut points_seen, mut explained) = (0, 0, 0);
    for p in list["processes"].as_array().unwrap() {
        let detail: Value = visitor
            .get(&format!(
                "/api/v1/processen/{}",
                p["slug"].as_str().unwrap()
            ))
            .await
            .json()
            .await
            .unwrap();
        let ideas: Value = visitor
            .get(detail["ideas_url"].as_str().unwrap())
            .await
            .json()
            .await
            .unwrap();
        for idea in ideas["ideas"].as_array().unwrap() {
            ideas_seen += 1;
            explained += usize::from(idea["explanation"].is_string());
            // Who sent it is not open data.
            assert!(idea.get("author_name").is_none() && idea.get("email").is_none());
            // Every idea in the API is public on the site too.
            let page = visitor.get(idea["url"].as_str().unwrap()).await;
            assert_eq!(page.status().as_u16(), 200, "{idea}");
        }
        let plan: Value = visitor
            .get(detail["action_points_url"].as_str().unwrap())
            .await
            .json()
            .await
            .unwrap();
        let min = plan["min_group_size"].as_i64().unwrap();
        for point in plan["action_points"].as_array().unwrap() {
            points_seen += 1;
            assert_ne!(point["status"], "draft");
            assert!(point["holder"].is_string());
            let page = visitor.get(point["url"].as_str().unwrap()).await;
            assert_eq!(page.status().as_u16(), 200, "{point}");
            for channel in ["responses", "ideas", "comments", "session_reports"] {
                let count = &point["origin"][channel];
                let hidden = &point["origin"][format!("{channel}_hidden")];
                match count.as_i64() {
                    Some(n) => assert!((n == 0 || n >= min) && hidden.is_null(), "{point}"),
                    None => assert_eq!(hidden, "below_minimum", "{point}"),
                }
            }
        }
    }
    assert!(ideas_seen > 0 && points_seen > 0 && explained > 0);
}
