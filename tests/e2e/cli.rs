//! The `inspraak` command line: demo content and creating an organiser.

use crate::helpers::spawn_app;
use std::io::Write;
use std::process::{Command, Stdio};

#[tokio::test]
async fn demo_content_shows_both_processes_and_its_organiser_can_log_in() {
    let app = spawn_app().await;
    assert_eq!(
        app.load_demo().await,
        inspraak_web::demo::DemoOutcome::Loaded
    );
    assert_eq!(
        app.load_demo().await,
        inspraak_web::demo::DemoOutcome::AlreadyPresent
    );

    let home = app.get_html("/").await;
    assert!(home.contains("Actieplan Open Overheid 2026"));
    assert!(home.contains("Actieplan Open Overheid 2020-2022"));
    let archived = app
        .get_html("/processen/actieplan-open-overheid-2020-2022")
        .await;
    for theme in [
        "Open Democratie",
        "Open Informatie",
        "Open Communicatie",
        "Open Technologie",
        "Open Organisatie",
        "Open Inkoop",
        "Open Justice",
    ] {
        assert!(archived.contains(theme), "{theme}");
    }
    let current = app
        .get_html("/processen/actieplan-open-overheid-2026")
        .await;
    assert!(
        current.contains("Fase nu: Online consultatie"),
        "the consultation phase is open today"
    );

    // The demo organiser logs in with the code `inspraak demo-code` would print.
    let secret = inspraak_web::demo::organiser_totp_secret(&app.state.keys);
    let response = app
        .login_with_code(
            inspraak_web::demo::ORGANISER_EMAIL,
            inspraak_web::demo::ORGANISER_PASSWORD,
            &secret,
        )
        .await;
    assert_eq!(response.headers()["location"], "/beheer");
}

#[tokio::test]
async fn create_organiser_reads_the_password_from_stdin_and_stores_an_argon2id_hash() {
    let data_dir = tempfile::tempdir().unwrap();
    // The CLI works on its own database file; afterwards we serve that file and log in.
    let db_url = format!("sqlite://{}/cli.db?mode=rwc", data_dir.path().display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_inspraak"))
        .args([
            "create-organiser",
            "--email",
            "Nieuw@Example.nl",
            "--name",
            "Nieuwe organisator",
        ])
        .env("DATABASE_URL", &db_url)
        .env("INSPRAAK_DATA_DIR", data_dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"een heel lang wachtwoord\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("nieuw@example.nl"));

    // A short password is refused with a clear line and creates nothing.
    let mut short = Command::new(env!("CARGO_BIN_EXE_inspraak"))
        .args(["create-organiser", "--email", "kort@example.nl"])
        .env("DATABASE_URL", &db_url)
        .env("INSPRAAK_DATA_DIR", data_dir.path())
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    short.stdin.take().unwrap().write_all(b"kort\n").unwrap();
    let output = short.wait_with_output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("shorter than 12 characters"));

    let db = inspraak_store::Db::connect(&db_url, inspraak_store::Durability::Normal)
        .await
        .unwrap();
    let email = inspraak_domain::Email::parse("nieuw@example.nl").unwrap();
    let credentials = inspraak_store::users::credentials_by_email(db.read(), &email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(credentials.user.role, inspraak_domain::Role::Organiser);
    assert!(credentials.password_hash.starts_with("$argon2id$"));
    let passwords = inspraak_web::auth::password::Passwords::new();
    assert!(
        passwords
            .verify("een heel lang wachtwoord", Some(&credentials.password_hash))
            .await
            .unwrap()
    );
    let kort = inspraak_domain::Email::parse("kort@example.nl").unwrap();
    assert!(
        inspraak_store::users::credentials_by_email(db.read(), &kort)
            .await
            .unwrap()
            .is_none()
    );
}
