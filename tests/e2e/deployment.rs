//! Deployment (issue 20, finding 1, logs, publiccode.yml): the compose files are production
//! examples without secrets or demo, `serve` refuses a PostgreSQL set-up without a secret key,
//! `demo-code` works only on a database created as a demo, logs can be JSON lines.

use inspraak_store::testing::TestDatabase;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

fn repo_file(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The binary with a clean environment: only what the test gives it (and PATH).
fn inspraak(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_inspraak"));
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

#[test]
fn the_production_compose_file_holds_no_secret_no_demo_and_checks_readiness() {
    let compose = repo_file("docker-compose.yml");
    assert!(!compose.contains("--demo"), "no demo in production");
    assert!(
        !compose.contains("change-me"),
        "no example secret in the file"
    );
    let key_line = compose
        .lines()
        .find(|l| l.trim_start().starts_with("INSPRAAK_SECRET_KEY:"))
        .expect("the app gets a secret key");
    assert!(
        key_line.contains("${INSPRAAK_SECRET_KEY:?"),
        "the key comes from the environment and is required: {key_line}"
    );
    let password_lines: Vec<&str> = compose
        .lines()
        .filter(|l| l.contains("POSTGRES_PASSWORD"))
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    assert!(!password_lines.is_empty());
    for line in password_lines {
        assert!(line.contains("${POSTGRES_PASSWORD:?"), "{line}");
    }
    assert!(compose.contains("/readyz"), "app health check on /readyz");
    assert_eq!(
        compose.matches("restart: unless-stopped").count(),
        2,
        "a restart policy for each service"
    );
    for compose in [compose, repo_file("docker-compose.demo.yml")] {
        for image in compose
            .lines()
            .filter_map(|l| l.trim().strip_prefix("image: "))
        {
            let tag = image.rsplit_once(':').map(|(_, tag)| tag).unwrap_or("");
            assert!(
                tag.chars().any(|c| c.is_ascii_digit()) && tag != "latest",
                "pinned image tag: {image}"
            );
        }
    }
    let dockerfile = repo_file("Dockerfile");
    for from in dockerfile.lines().filter(|l| l.starts_with("FROM ")) {
        let image = from.split_whitespace().nth(1).unwrap_or("");
        let tag = image.rsplit_once(':').map(|(_, t)| t).unwrap_or("");
        assert!(
            tag.chars().next().is_some_and(|c| c.is_ascii_digit()),
            "pinned base image: {from}"
        );
    }
    assert!(dockerfile.contains("HEALTHCHECK") && dockerfile.contains("/readyz"));
    for line in dockerfile.lines().filter(|l| !l.starts_with('#')) {
        assert!(
            !line.contains("--demo") && !line.contains("SECRET_KEY"),
            "{line}"
        );
    }
}

#[test]
fn serve_on_postgres_without_a_secret_key_refuses_to_start_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().display().to_string();
    let output = inspraak(
        &["serve"],
        &[
            // Never reached: the settings are refused before any connection.
            ("DATABASE_URL", "postgres://inspraak@127.0.0.1:1/inspraak"),
            ("INSPRAAK_DATA_DIR", &data_dir),
            ("INSPRAAK_LISTEN", "127.0.0.1:0"),
        ],
    )
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("INSPRAAK_SECRET_KEY") && stderr.contains("PostgreSQL"),
        "{stderr}"
    );
    assert!(
        !dir.path().join("secret_key").exists(),
        "no key was made up"
    );

    // The key once committed in docker-compose.yml is refused too.
    let output = inspraak(
        &["serve"],
        &[
            ("DATABASE_URL", "postgres://inspraak@127.0.0.1:1/inspraak"),
            ("INSPRAAK_DATA_DIR", &data_dir),
            (
                "INSPRAAK_SECRET_KEY",
                "change-me-to-a-long-random-secret-value",
            ),
        ],
    )
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("INSPRAAK_SECRET_KEY"));
}

#[tokio::test]
async fn demo_code_refuses_a_database_not_created_as_a_demo_and_works_on_a_demo_one() {
    let database = TestDatabase::new(crate::helpers::engine()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().display().to_string();
    let env = [
        ("DATABASE_URL", database.url.as_str()),
        ("INSPRAAK_DATA_DIR", data_dir.as_str()),
        (
            "INSPRAAK_SECRET_KEY",
            "deployment-test-secret-0123456789abcdef",
        ),
    ];
    // Blocking is fine here: nothing else runs on this test's runtime.
    let run = |args: &[&str]| inspraak(args, &env).output().unwrap();

    // A real site: an organiser, no demo content.
    let output = run(&["migrate"]);
    assert!(output.status.success(), "{output:?}");
    let refused = run(&["demo-code"]);
    assert!(!refused.status.success());
    assert!(refused.stdout.is_empty(), "no code printed");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("not created as a demo"), "{stderr}");

    // The same database filled as a demo: the code is the demo organiser's.
    let loaded = run(&["demo"]);
    assert!(loaded.status.success(), "{loaded:?}");
    let printed = run(&["demo-code"]);
    assert!(printed.status.success(), "{printed:?}");
    let code = String::from_utf8_lossy(&printed.stdout).trim().to_owned();
    let keys = inspraak_web::state::Keys::new("deployment-test-secret-0123456789abcdef");
    let now = chrono::Utc::now();
    let expected: Vec<String> = [-30, 0]
        .iter()
        .map(|s| {
            inspraak_web::demo::organiser_code(&keys, now + chrono::Duration::seconds(*s)).unwrap()
        })
        .collect();
    assert!(expected.contains(&code), "{code} in {expected:?}");
}

/// Starts `serve` on a fresh SQLite folder with `env`, asks `/healthz` once, stops it, and
/// returns every line it wrote to standard output.
fn serve_and_collect_stdout(env: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().display().to_string();
    let mut all = vec![
        ("INSPRAAK_DATA_DIR", data_dir.as_str()),
        ("INSPRAAK_LISTEN", "127.0.0.1:0"),
        ("RUST_LOG", "info"),
    ];
    all.extend_from_slice(env);
    let mut child = inspraak(&["serve"], &all).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let port = loop {
        let line = receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server printed its port");
        let port = line
            .split("(port ")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .map(str::to_owned);
        lines.push(line);
        if let Some(port) = port {
            break port;
        }
    };
    let status = raw_http::blocking_get(&format!("http://127.0.0.1:{port}/healthz"));
    assert_eq!(status, 200);
    // The request's log line comes after the response; give it a moment.
    while let Ok(line) = receiver.recv_timeout(Duration::from_millis(1500)) {
        lines.push(line);
    }
    let _ = child.kill();
    let _ = child.wait();
    lines
}

mod raw_http {
    /// A bare HTTP/1.0 GET (the test runs outside an async runtime): the status code.
    pub fn blocking_get(url: &str) -> u16 {
        use std::io::{Read, Write};
        let rest = url.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_once('/').unwrap();
        let mut stream = std::net::TcpStream::connect(host).unwrap();
        write!(stream, "GET /{path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }
}

#[test]
fn json_log_format_writes_one_json_object_per_line_without_colours() {
    let lines = serve_and_collect_stdout(&[("INSPRAAK_LOG_FORMAT", "json")]);
    let logs: Vec<serde_json::Value> = lines
        .iter()
        .filter(|l| !l.starts_with("Inspraak runs at"))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l:?}")))
        .collect();
    let request = logs
        .iter()
        .find(|v| v["fields"]["message"] == "request")
        .unwrap_or_else(|| panic!("a request log line in {lines:?}"));
    assert_eq!(request["level"], "INFO");
    assert_eq!(request["fields"]["route"], "/healthz");
    assert_eq!(request["fields"]["status"], 200);
    assert!(lines.iter().all(|l| !l.contains('\u{1b}')), "no ANSI codes");
}

#[test]
fn text_logs_carry_no_colour_codes_when_not_written_to_a_terminal() {
    let lines = serve_and_collect_stdout(&[]);
    assert!(
        lines.iter().any(|l| l.contains("request")),
        "a request log line in {lines:?}"
    );
    assert!(lines.iter().all(|l| !l.contains('\u{1b}')), "{lines:?}");
}

/// The controlled vocabulary of the publiccode.yml standard (docs/standard/categories-list.rst
/// of publiccodeyml/publiccode.yml), checked by hand: no validator installs from PyPI.
const PUBLICCODE_CATEGORIES: &[&str] = &[
    "accounting",
    "agile-project-management",
    "applicant-tracking",
    "application-development",
    "appointment-scheduling",
    "backup",
    "billing-and-invoicing",
    "blog",
    "budgeting",
    "business-intelligence",
    "business-process-management",
    "cad",
    "call-center-management",
    "cloud-management",
    "collaboration",
    "communications",
    "compliance-management",
    "contact-management",
    "content-management",
    "crm",
    "customer-service-and-support",
    "data-analytics",
    "data-collection",
    "data-visualization",
    "design",
    "design-system",
    "digital-asset-management",
    "digital-citizenship",
    "document-management",
    "donor-management",
    "e-commerce",
    "e-signature",
    "educational-content",
    "email-management",
    "email-marketing",
    "employee-management",
    "enterprise-project-management",
    "enterprise-social-networking",
    "erp",
    "event-management",
    "facility-management",
    "feedback-and-reviews-management",
    "financial-reporting",
    "fleet-management",
    "fundraising",
    "gamification",
    "geographic-information-systems",
    "grant-management",
    "graphic-design",
    "help-desk",
    "hr",
    "ide",
    "identity-management",
    "instant-messaging",
    "inventory-management",
    "it-asset-management",
    "it-development",
    "it-management",
    "it-security",
    "it-service-management",
    "knowledge-management",
    "learning-management-system",
    "marketing",
    "mind-mapping",
    "mobile-marketing",
    "mobile-payment",
    "network-management",
    "office",
    "online-booking",
    "online-community",
    "payment-gateway",
    "payroll",
    "predictive-analysis",
    "procurement",
    "productivity-suite",
    "project-collaboration",
    "project-management",
    "property-management",
    "real-estate-management",
    "remote-support",
    "resource-management",
    "sales-management",
    "seo",
    "service-desk",
    "social-media-management",
    "survey",
    "talent-management",
    "task-management",
    "taxes-management",
    "test-management",
    "time-management",
    "time-tracking",
    "translation",
    "video-conferencing",
    "video-editing",
    "visitor-management",
    "voip",
    "warehouse-management",
    "web-collaboration",
    "web-conferencing",
    "website-builder",
    "whistleblowing",
    "workflow-management",
];

#[test]
fn publiccode_yml_uses_only_categories_of_the_standard_and_names_a_contact() {
    let publiccode = repo_file("publiccode.yml");
    let categories: Vec<&str> = publiccode
        .lines()
        .skip_while(|l| *l != "categories:")
        .skip(1)
        .take_while(|l| l.starts_with("  - "))
        .map(|l| l.trim_start_matches("  - ").trim())
        .collect();
    assert!(!categories.is_empty());
    for category in categories {
        assert!(
            PUBLICCODE_CATEGORIES.contains(&category),
            "{category} is not in the standard's list"
        );
    }
    for key in [
        "publiccodeYmlVersion:",
        "url:",
        "organisation:",
        "  uri:",
        "maintenance:",
        "      email:",
        "legal:",
        "  license:",
    ] {
        assert!(
            publiccode.lines().any(|l| l.starts_with(key)),
            "publiccode.yml has {key}"
        );
    }
}
