//! `spawn_app()`: the real application on a random port with a fresh database (SQLite, or
//! PostgreSQL when `INSPRAAK_E2E_ENGINE=postgres` and `INSPRAAK_TEST_PG` are set), captured mail,
//! a clock the test can move, and an HTTP client that keeps cookies and does not follow
//! redirects.

use inspraak_domain::{Email, Role};
use inspraak_store::Db;
use inspraak_store::testing::{Engine, TestDatabase};
use inspraak_web::Application;
use inspraak_web::clock::Clock;
use inspraak_web::config::{MailSettings, Settings};
use inspraak_web::mail::{CapturedMail, CapturedMails};
use std::collections::HashMap;
use std::time::Duration;

#[derive(Clone)]
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub mails: CapturedMails,
    pub clock: Clock,
    pub db: Db,
    pub state: inspraak_web::state::AppState,
    secret: String,
    _database: std::sync::Arc<TestDatabase>,
    _data_dir: std::sync::Arc<tempfile::TempDir>,
}

pub fn engine() -> Engine {
    match std::env::var("INSPRAAK_E2E_ENGINE").as_deref() {
        Ok("postgres") => Engine::Postgres,
        _ => Engine::Sqlite,
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// As `spawn_app`, with extra settings (e.g. `INSPRAAK_BASE_URL`) on top of the test ones.
///
/// Public pages come from memory (`read::cache`), checked against the content version on every
/// request (`INSPRAAK_CONTENT_CHECK_MS=0`): a test that writes through the store sees its change
/// on the next page, and the whole suite exercises the version triggers.
pub async fn spawn_app_with(extra: &[(&str, &str)]) -> TestApp {
    let database = TestDatabase::new(engine()).await.expect("test database");
    let secret = format!("test-secret-{}", uuid::Uuid::new_v4());
    start(
        std::sync::Arc::new(database),
        &secret,
        Clock::default(),
        extra,
    )
    .await
}

async fn start(
    database: std::sync::Arc<TestDatabase>,
    secret: &str,
    clock: Clock,
    extra: &[(&str, &str)],
) -> TestApp {
    let data_dir = tempfile::tempdir().expect("data dir");
    let mut values: HashMap<String, String> = [
        ("INSPRAAK_LISTEN", "127.0.0.1:0".to_owned()),
        ("DATABASE_URL", database.url.clone()),
        ("INSPRAAK_DATA_DIR", data_dir.path().display().to_string()),
        ("INSPRAAK_SECRET_KEY", secret.to_owned()),
        ("INSPRAAK_CONTENT_CHECK_MS", "0".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    values.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let mut settings = Settings::from_values(&values).expect("settings");
    let mails = CapturedMails::default();
    settings.mail = MailSettings::Capture(mails.clone());
    let app = Application::build_with_clock(settings, clock.clone())
        .await
        .expect("app starts");
    let port = app.port();
    let db = app.state().db.clone();
    let state = app.state().clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client: client(),
        mails,
        clock,
        db,
        state,
        secret: secret.to_owned(),
        _database: database,
        _data_dir: std::sync::Arc::new(data_dir),
    }
}

/// The value of the first `csrf_token` field in a page.
pub fn csrf_token(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("page has a CSRF field") + marker.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    html[start..end].to_owned()
}

#[allow(dead_code)] // used by the families' tests that follow mailed links
/// The first link in a text that starts with `prefix` (e.g. the base URL plus a path).
pub fn link_starting_with(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)?;
    let end = text[start..]
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .map_or(text.len(), |e| e + start);
    Some(text[start..end].to_owned())
}

impl TestApp {
    /// Loads the demo content (`serve --demo`'s) into this app's database.
    pub async fn load_demo(&self) -> inspraak_web::demo::DemoOutcome {
        let passwords = inspraak_web::auth::password::Passwords::new();
        inspraak_web::demo::load(
            &self.db,
            &passwords,
            &self.state.keys,
            &self.state.secret_box,
            self.clock.now(),
        )
        .await
        .unwrap()
    }

    /// A second instance of the app on the same database, with the same secret key and clock
    /// (and `extra` settings), sharing this one's cookies: as several instances behind a load
    /// balancer.
    #[allow(dead_code)] // used by the cache tests
    pub async fn sibling(&self, extra: &[(&str, &str)]) -> TestApp {
        let other = start(
            self._database.clone(),
            &self.secret,
            self.clock.clone(),
            extra,
        )
        .await;
        TestApp {
            client: self.client.clone(),
            ..other
        }
    }

    /// The same app seen from another browser (its own cookies).
    pub fn new_visitor(&self) -> TestApp {
        TestApp {
            client: client(),
            ..self.clone()
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_html(&self, path: &str) -> String {
        self.get(path).await.text().await.expect("body")
    }

    /// Posts a form as is (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a form with the CSRF token taken from the page at `form_page`.
    pub async fn post_form(
        &self,
        form_page: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = csrf_token(&self.get_html(form_page).await);
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", &token)];
        all.extend_from_slice(fields);
        self.client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a public form (`flows::public_form`) as a person would: fetches `form_page`, takes
    /// its CSRF token, key and signed start time, waits the fill time on the app clock, posts.
    #[allow(dead_code)] // used by the families that have a public form
    pub async fn post_public_form(
        &self,
        form_page: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let page = self.get_html(form_page).await;
        let field = |name: &str| {
            let marker = format!("name=\"{name}\" value=\"");
            let start = page.find(&marker).expect("a gate field") + marker.len();
            let end = page[start..].find('"').expect("closing quote") + start;
            page[start..end].to_owned()
        };
        let (csrf, key, started) = (
            field("csrf_token"),
            field("idempotency_key"),
            field("form_started"),
        );
        self.clock.advance(chrono::Duration::seconds(
            inspraak_web::flows::public_form::MIN_FILL_SECONDS,
        ));
        let mut all: Vec<(&str, &str)> = vec![
            ("csrf_token", &csrf),
            ("idempotency_key", &key),
            ("form_started", &started),
        ];
        all.extend_from_slice(fields);
        self.client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    /// Creates an account directly in the store (as `inspraak create-organiser` does).
    pub async fn create_account(&self, email: &str, password: &str, role: Role) {
        let email = Email::parse(email).expect("email");
        let hash = inspraak_web::auth::password::hash_now(password).expect("hash");
        let new = inspraak_store::users::NewUser {
            email: &email,
            display_name: "Test",
            organisation: None,
            role,
            password_hash: &hash,
        };
        inspraak_store::users::insert(self.db.write(), &new, chrono::Utc::now())
            .await
            .expect("account");
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/inloggen",
            "/inloggen",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Gives an account a confirmed TOTP second factor directly in the store; returns its secret.
    pub async fn enrol_second_factor(&self, email: &str) -> Vec<u8> {
        let email = Email::parse(email).expect("email");
        let user = inspraak_store::users::credentials_by_email(self.db.read(), &email)
            .await
            .expect("lookup")
            .expect("account")
            .user;
        let secret = inspraak_web::auth::totp::new_secret().expect("secret");
        let sealed = self.state.secret_box.seal(&secret).expect("seal");
        let now = self.clock.now();
        inspraak_store::second_factor::save_unconfirmed(self.db.write(), user.id, &sealed, now)
            .await
            .expect("save");
        inspraak_store::second_factor::confirm(self.db.write(), user.id, 0, now)
            .await
            .expect("confirm");
        secret
    }

    /// The current code for a TOTP secret, by the app's clock.
    pub fn totp_code(&self, secret: &[u8]) -> String {
        inspraak_web::auth::totp::code_at(secret, self.clock.now().timestamp() as u64)
            .expect("code")
    }

    /// Password, then the code of the second factor.
    pub async fn login_with_code(
        &self,
        email: &str,
        password: &str,
        secret: &[u8],
    ) -> reqwest::Response {
        let first = self.login(email, password).await;
        assert_eq!(first.status().as_u16(), 303, "password step");
        let location = first.headers()["location"]
            .to_str()
            .expect("location")
            .to_owned();
        assert!(
            location.starts_with("/inloggen/code"),
            "second step expected, got {location}"
        );
        let code = self.totp_code(secret);
        self.post_form(&location, "/inloggen/code", &[("code", &code)])
            .await
    }

    /// Creates an organiser with two-step verification and logs this client in as them;
    /// returns the TOTP secret for later logins.
    pub async fn login_as_organiser(&self) -> Vec<u8> {
        self.create_account(
            "organisator@example.nl",
            "een lang wachtwoord",
            Role::Organiser,
        )
        .await;
        let secret = self.enrol_second_factor("organisator@example.nl").await;
        let response = self
            .login_with_code("organisator@example.nl", "een lang wachtwoord", &secret)
            .await;
        assert_eq!(response.status().as_u16(), 303, "organiser login");
        assert_eq!(response.headers()["location"], "/beheer");
        secret
    }

    /// Waits (up to 10 s) for a mail to `to` that satisfies `matches`.
    pub async fn wait_for_mail(
        &self,
        to: &str,
        matches: impl Fn(&CapturedMail) -> bool,
    ) -> CapturedMail {
        for _ in 0..100 {
            if let Some(mail) = self
                .mails
                .all()
                .into_iter()
                .find(|m| m.to == to && matches(m))
            {
                return mail;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "no matching mail to {to}; got: {:?}",
            self.mails
                .all()
                .iter()
                .map(|m| (&m.to, &m.subject))
                .collect::<Vec<_>>()
        );
    }
}

/// The text of one entry of a zip file (an ODS or XLSX download).
pub fn unzip(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The fields a browser would send from the form posting to `action` on `html`, as the page
/// fills them: inputs (checkboxes and radios only when checked; no buttons), text areas, and
/// each select's selected option. Enough for the organiser forms (maud writes plain markup).
#[allow(dead_code)] // used by the cache tests
pub fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let marker = format!("action=\"{action}\"");
    let start = html.find(&marker).expect("a form with that action");
    let end = html[start..].find("</form>").expect("end of form") + start;
    let form = &html[start..end];
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        let name = attribute(tag, "name");
        if let (Some(name), true) = (name.clone(), tag.starts_with("input ")) {
            let kind = attribute(tag, "type").unwrap_or_default();
            let checkable = kind == "checkbox" || kind == "radio";
            if kind == "submit" || (checkable && !has_flag(tag, "checked")) {
                continue;
            }
            fields.push((name, attribute(tag, "value").unwrap_or_default()));
        } else if let (Some(name), true) = (name.clone(), tag.starts_with("textarea ")) {
            let body = &rest[tag_end + 1..];
            let close = body.find("</textarea>").unwrap_or(0);
            fields.push((name, unescape(&body[..close])));
        } else if let (Some(name), true) = (name, tag.starts_with("select ")) {
            let body = &rest[tag_end + 1..];
            let close = body.find("</select>").unwrap_or(0);
            let options = &body[..close];
            let selected = options
                .split("<option")
                .skip(1)
                .find(|o| has_flag(&o[..o.find('>').unwrap_or(0)], "selected"))
                .or_else(|| options.split("<option").nth(1));
            let value = selected
                .and_then(|o| attribute(&o[..o.find('>').unwrap_or(0)], "value"))
                .unwrap_or_default();
            fields.push((name, value));
        }
    }
    fields
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

fn has_flag(tag: &str, name: &str) -> bool {
    tag.split_whitespace()
        .any(|word| word == name || word.starts_with(&format!("{name}=")))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `text` as it appears in HTML that maud escaped.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The opening tags of the elements whose whole content is `text` (to check their `lang`).
pub fn tags_around<'a>(html: &'a str, text: &str) -> Vec<&'a str> {
    let needle = format!(">{}<", escape(text));
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = html[..at].rfind('<').unwrap();
            &html[start..=at]
        })
        .collect()
}
