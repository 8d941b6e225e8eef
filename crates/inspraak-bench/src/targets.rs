//! What the bench runs against: a fresh database, Inspraak itself (in this process, through
//! `Application::build`, the way `inspraak serve` starts it), and the two baselines.

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpResponse, HttpServer, web};
use inspraak_store::{Db, Durability};
use inspraak_web::Application;
use inspraak_web::config::Settings;
use sea_orm::{ConnectionTrait, Database, Statement};
use std::collections::HashMap;
use std::net::TcpListener;

/// A fresh, empty database: a SQLite file in a temporary folder, or a new PostgreSQL database.
pub struct FreshDatabase {
    pub url: String,
    /// Kept so the folder lives as long as the database.
    _dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl FreshDatabase {
    pub async fn new(postgres_server: Option<&str>) -> anyhow::Result<FreshDatabase> {
        let dir = tempfile::tempdir()?;
        match postgres_server {
            None => Ok(FreshDatabase {
                url: format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("bench.db").display()
                ),
                _dir: dir,
                postgres: None,
            }),
            Some(server) => {
                let server = server.trim_end_matches('/').to_owned();
                let name = format!("inspraak_bench_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(format!("{server}/postgres")).await?;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await?;
                admin.close().await?;
                Ok(FreshDatabase {
                    url: format!("{server}/{name}"),
                    _dir: dir,
                    postgres: Some((server, name)),
                })
            }
        }
    }

    /// Drops a PostgreSQL database (best effort; SQLite files go with the folder).
    pub async fn remove(self) {
        if let Some((server, name)) = &self.postgres
            && let Ok(admin) = Database::connect(format!("{server}/postgres")).await
        {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
            let _ = admin.close().await;
        }
    }
}

/// The bare actix-web baseline: one handler answering "hello", default workers (one per core,
/// as Inspraak).
pub fn hello_server() -> anyhow::Result<(String, ServerHandle)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = format!("http://{}", listener.local_addr()?);
    let server = HttpServer::new(|| {
        App::new().route(
            "/",
            web::get().to(|| async { HttpResponse::Ok().body("hello") }),
        )
    })
    .listen(listener)?
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    Ok((address, handle))
}

/// The raw insert baseline's database: Inspraak's own pools and durability settings (on SQLite
/// one writer connection, WAL, `synchronous=NORMAL`), one small table.
pub async fn raw_insert_db(url: &str) -> anyhow::Result<Db> {
    let db = Db::connect(url, Durability::Normal).await?;
    let sql = match db.backend() {
        sea_orm::DbBackend::Postgres => {
            "CREATE TABLE bench_rows (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL)"
        }
        _ => {
            "CREATE TABLE bench_rows (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL, created_at TEXT NOT NULL)"
        }
    };
    db.write().execute_unprepared(sql).await?;
    Ok(db)
}

/// The login storm's accounts: `count` organisers with the demo organiser's password, one per
/// person logging in. One shared account would measure the per-account login throttle (five
/// attempts, then 429), not the password hashing the storm is about. The hash is computed once
/// and stored for all: checking it costs the same for each.
pub async fn storm_accounts(url: &str, count: usize) -> anyhow::Result<Vec<String>> {
    let db = Db::connect(url, Durability::Normal).await?;
    let hash = inspraak_web::auth::password::hash_now(inspraak_web::demo::ORGANISER_PASSWORD)?;
    let mut emails = Vec::with_capacity(count);
    for n in 0..count {
        let email = inspraak_domain::Email::parse(&format!("storm-{n}@example.org"))?;
        let new = inspraak_store::users::NewUser {
            email: &email,
            display_name: "Storm",
            organisation: None,
            role: inspraak_domain::Role::Organiser,
            password_hash: &hash,
        };
        inspraak_store::users::insert(db.write(), &new, chrono::Utc::now()).await?;
        emails.push(email.as_str().to_owned());
    }
    Ok(emails)
}

/// One single-row insert in its own transaction (autocommit), as a submission commits once.
pub async fn raw_insert(db: &Db, payload: &str) -> Result<(), sea_orm::DbErr> {
    let backend = db.backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => {
            "INSERT INTO bench_rows (payload, created_at) VALUES ($1, $2)"
        }
        _ => "INSERT INTO bench_rows (payload, created_at) VALUES (?, ?)",
    };
    let statement =
        Statement::from_sql_and_values(backend, sql, [payload.into(), chrono::Utc::now().into()]);
    db.write().execute_raw(statement).await.map(|_| ())
}

/// Inspraak as `inspraak serve` starts it, on `url`, with the demo content loaded: on a thread
/// of its own with its own tokio runtime, as the binary has one. On the bench's runtime, the
/// app's own tasks (the response writer, every database round trip on PostgreSQL) would queue
/// behind the hundreds of load-generating tasks and measure the generator's scheduler.
pub struct Inspraak {
    pub base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Inspraak {
    /// Stops the server (as dropping `run_until_stopped` does) and ends its runtime.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
    }
}

pub fn settings(url: &str, data_dir: &std::path::Path) -> anyhow::Result<Settings> {
    settings_with_key(
        url,
        data_dir,
        &format!("bench-{}", uuid::Uuid::new_v4().simple()),
    )
}

/// As [`settings`], with a given secret key: instances on one database share it, as a cluster's
/// do (a form served by one is accepted by another).
pub fn settings_with_key(
    url: &str,
    data_dir: &std::path::Path,
    key: &str,
) -> anyhow::Result<Settings> {
    let values: HashMap<String, String> = [
        ("INSPRAAK_LISTEN", "127.0.0.1:0".to_owned()),
        ("DATABASE_URL", url.to_owned()),
        ("INSPRAAK_DATA_DIR", data_dir.display().to_string()),
        ("INSPRAAK_SECRET_KEY", key.to_owned()),
        // Each simulated person comes from their own address (X-Forwarded-For), as on the
        // internet; otherwise the per-address limits would stop the load at once.
        ("INSPRAAK_TRUST_PROXY", "true".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    Ok(Settings::from_values(&values)?)
}

pub async fn start_inspraak(settings: Settings, demo: bool) -> anyhow::Result<Inspraak> {
    let (started, on_start) = tokio::sync::oneshot::channel::<anyhow::Result<String>>();
    let (stop, on_stop) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("inspraak-app".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_name("inspraak-runtime")
                .build();
            let runtime = match runtime {
                Ok(runtime) => runtime,
                Err(error) => {
                    let _ = started.send(Err(error.into()));
                    return;
                }
            };
            runtime.block_on(async move {
                let app = match build(settings, demo).await {
                    Ok(app) => app,
                    Err(error) => {
                        let _ = started.send(Err(error));
                        return;
                    }
                };
                let _ = started.send(Ok(format!("http://127.0.0.1:{}", app.port())));
                tokio::select! {
                    _ = app.run_until_stopped() => {}
                    _ = on_stop => {}
                }
            });
        })?;
    let base = on_start
        .await
        .map_err(|_| anyhow::anyhow!("Inspraak's thread ended before it started"))??;
    Ok(Inspraak {
        base,
        stop: Some(stop),
        thread: Some(thread),
    })
}

async fn build(settings: Settings, demo: bool) -> anyhow::Result<Application> {
    let app = Application::build(settings).await?;
    if demo {
        let state = app.state();
        inspraak_web::demo::load(
            &state.db,
            &state.passwords,
            &state.keys,
            &state.secret_box,
            state.clock.now(),
        )
        .await?;
    }
    Ok(app)
}
