//! Inspraak's web layer: the actix-web application, its handlers and maud views, accounts and
//! CSRF, texts in Dutch and English, the mail worker and background jobs.
//!
//! `Application::build` is the one way to start Inspraak: `main` and the end-to-end tests both
//! use it, so the tests run the real thing.
//!
//! **Invariant:** no SQL here; the store crate does all database work. HTML is only built with
//! maud (escaped by default); no handler sends mail directly, it goes through the outbox.

pub mod audit;
pub mod auth;
pub mod clock;
pub mod config;
pub mod ctx;
pub mod demo;
pub mod error;
pub mod error_pages;
pub mod export;
pub mod flows;
pub mod follower_digest;
pub mod followers;
pub mod headers;
pub mod house;
pub mod i18n;
pub mod jobs;
#[cfg(test)]
mod layering;
pub mod mail;
mod mail_html;
pub mod notice_digest;
pub mod overload;
pub mod participation;
pub mod paths;
pub mod problem;
pub mod read;
pub mod routes;
pub mod session;
pub mod smtp;
pub mod state;
pub mod traffic;
pub mod upload;
pub mod url_guard;
pub mod views;
pub mod visitor;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::error::UrlencodedError;
use actix_web::middleware::{Compress, Next, from_fn};
use actix_web::{App, HttpServer, web};
use clock::Clock;
use config::Settings;
use error::WebError;
use inspraak_store::{Db, StoreError};
use state::{AppState, Keys};
use std::net::TcpListener;
use std::sync::Arc;
use tokio::task::JoinHandle;

/// Why Inspraak could not start; each says what to fix in one line.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot use the database: {0}")]
    Database(#[source] StoreError),
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        source: std::io::Error,
    },
    #[error("mail settings: {0}")]
    Mail(String),
}

/// Connects to the database named in the settings and brings its schema up to date.
pub async fn connect_database(settings: &Settings) -> Result<Db, StartError> {
    let db = Db::connect_waiting(
        settings.database_url.expose(),
        settings.durability,
        settings.database_wait,
    )
    .await
    .map_err(StartError::Database)?;
    db.migrate().await.map_err(StartError::Database)?;
    Ok(db)
}

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
    jobs: Vec<JoinHandle<()>>,
}

impl Application {
    /// Connects, migrates, binds (port 0 picks a free port) and starts the background jobs.
    pub async fn build(settings: Settings) -> Result<Application, StartError> {
        Self::build_with_clock(settings, Clock::default()).await
    }

    /// As `build`, with a clock that tests can move forward.
    pub async fn build_with_clock(
        mut settings: Settings,
        clock: Clock,
    ) -> Result<Application, StartError> {
        house::admin::log_contrast_warnings(&settings.house);
        let db = connect_database(&settings).await?;
        let listener = bind(settings.listen).map_err(|source| StartError::Listen {
            address: settings.listen.to_string(),
            source,
        })?;
        let local = listener.local_addr().map_err(|source| StartError::Listen {
            address: settings.listen.to_string(),
            source,
        })?;
        let port = local.port();
        if !settings.base_url_explicit {
            settings.base_url = format!("http://{local}");
        }
        let transport = mail::Transport::from_settings(&settings)
            .map_err(|e| StartError::Mail(e.to_string()))?;
        let from = settings
            .mail_from
            .parse()
            .map_err(|e: lettre::address::AddressError| StartError::Mail(e.to_string()))?;

        let state = AppState {
            db: db.clone(),
            keys: Keys::new(settings.secret_key.expose()),
            secret_box: auth::totp::SecretBox::new(settings.secret_key.expose()),
            cache: Arc::new(read::cache::ContentCache::new(settings.content_check)),
            responses: flows::response_writer::ResponseWriter::start(db.clone()),
            settings: Arc::new(settings),
            clock: clock.clone(),
            passwords: auth::password::Passwords::new(),
        };
        let mut jobs = jobs::spawn_all(db, transport, from, clock);
        jobs.push(session::jobs::spawn(state.clone()));
        jobs.push(follower_digest::spawn(state.clone()));
        jobs.push(notice_digest::spawn(state.clone()));
        let server = server(state.clone(), listener).map_err(|source| StartError::Listen {
            address: state.settings.listen.to_string(),
            source,
        })?;
        Ok(Application {
            port,
            server,
            state,
            jobs,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the server is stopped (Ctrl+C or SIGTERM), then stops the background jobs.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        for job in self.jobs {
            job.abort();
        }
        result
    }
}

fn form_error(error: UrlencodedError, _: &actix_web::HttpRequest) -> actix_web::Error {
    match error {
        UrlencodedError::Overflow { .. } => WebError::PayloadTooLarge.into(),
        _ => WebError::BadRequest.into(),
    }
}

/// One log line per request: method, route pattern (never the path itself, which can hold a
/// token), status and time. No addresses, no query strings, no bodies.
async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = std::time::Instant::now();
    let method = req.method().clone();
    let mut response = next.call(req).await?;
    // After routing: then actix knows the matched route; asked before, it matches the path
    // against every route's regular expression again (a tenth of the CPU under load).
    let route = response
        .request()
        .match_pattern()
        .unwrap_or_else(|| "(unmatched)".into());
    headers::no_store_for_html(&mut response);
    tracing::info!(%method, route, status = response.status().as_u16(), ms = started.elapsed().as_millis() as u64, "request");
    Ok(response)
}

/// Connections that arrive faster than they are accepted wait in this queue (Linux caps it at
/// `net.core.somaxconn`); the standard library's 128 made a burst of clients time out in the
/// kernel before the in-flight limit could serve or refuse them.
const LISTEN_BACKLOG: i32 = 4096;

fn bind(address: std::net::SocketAddr) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.bind(&address.into())?;
    socket.listen(LISTEN_BACKLOG)?;
    Ok(socket.into())
}

fn server(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let https = state.settings.is_https();
    let grace = state.settings.traffic.shutdown_grace.as_secs();
    let in_flight = web::Data::new(overload::InFlight::new(
        state.settings.max_in_flight,
        &state.settings.traffic,
    ));
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(in_flight.clone())
            .app_data(
                web::FormConfig::default()
                    .limit(visitor::MAX_FORM_BYTES)
                    .error_handler(form_error),
            )
            .app_data(web::PathConfig::default().error_handler(|_, _| WebError::NotFound.into()))
            .app_data(web::QueryConfig::default().error_handler(|_, _| WebError::BadRequest.into()))
            // Innermost: 304 answers for cached public pages, and a version check after a change.
            .wrap(from_fn(read::cache::conditional))
            // Inside the visitor middleware, which reads a form body (with a
            // deadline) before a place is taken: a client that trickles its body holds none.
            .wrap(from_fn(overload::middleware))
            // Inside the visitor middleware: error pages in the visitor's language and layout.
            .wrap(from_fn(error_pages::middleware))
            .wrap(from_fn(visitor::middleware))
            // Before anything reads the path or the query (the visitor middleware reads `lang`).
            .wrap(from_fn(url_guard::middleware))
            // Inside logging and security headers, so a 503 or 408 is logged and carries the
            // usual headers.
            .wrap(from_fn(log_request))
            // Past the in-flight limit and a full queue, a refusal before anything else runs;
            // inside the security headers, so the busy page carries them.
            .wrap(from_fn(overload::shed))
            .wrap(headers::security_headers(https))
            .wrap(Compress::default())
            .configure(routes::configure)
            .configure(routes::privacy_statement::configure)
            .configure(routes::house::configure)
            .default_service(web::to(routes::not_found))
    })
    .listen(listener)?
    .client_request_timeout(std::time::Duration::from_secs(5))
    .client_disconnect_timeout(std::time::Duration::from_secs(2))
    .shutdown_timeout(grace)
    .run();
    Ok(server)
}
