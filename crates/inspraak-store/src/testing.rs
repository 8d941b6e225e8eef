//! Fresh databases for tests: a temporary SQLite file always, and a new PostgreSQL database
//! when `INSPRAAK_TEST_PG` names a server (e.g. `postgres://postgres@127.0.0.1:5432`).

use crate::{Db, Durability, StoreResult};
use sea_orm::{ConnectionTrait, Database};

/// Which engine a test database runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A migrated, empty database that lives as long as this value.
///
/// Careful in `async move` blocks: they capture only the fields they use, so a block that uses
/// `t.db` alone lets the SQLite folder be deleted under it. Use [`each_engine`], or keep the
/// whole value alive yourself.
pub struct TestDatabase {
    pub db: Db,
    pub url: String,
    pub engine: Engine,
    _dir: Option<tempfile::TempDir>,
}

/// The PostgreSQL server to test against, if any.
pub fn postgres_server() -> Option<String> {
    std::env::var("INSPRAAK_TEST_PG")
        .ok()
        .filter(|v| !v.trim().is_empty())
}

/// The engines to run store tests on: SQLite, and PostgreSQL when configured.
pub fn engines() -> Vec<Engine> {
    let mut engines = vec![Engine::Sqlite];
    if postgres_server().is_some() {
        engines.push(Engine::Postgres);
    }
    engines
}

impl TestDatabase {
    pub async fn new(engine: Engine) -> StoreResult<TestDatabase> {
        let (url, dir) = match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?;
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
                (url, Some(dir))
            }
            Engine::Postgres => {
                let server = postgres_server()
                    .ok_or_else(|| sea_orm::DbErr::Custom("INSPRAAK_TEST_PG is not set".into()))?;
                let server = server.trim_end_matches('/').to_owned();
                let name = format!("inspraak_t_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(format!("{server}/postgres")).await?;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await?;
                admin.close().await?;
                (format!("{server}/{name}"), None)
            }
        };
        let db = Db::connect(&url, Durability::Normal).await?;
        db.migrate().await?;
        Ok(TestDatabase {
            db,
            url,
            engine,
            _dir: dir,
        })
    }
}

/// What a test body gets from [`each_engine`]: the database, its engine (for messages), its URL.
pub struct EngineUnderTest {
    pub db: Db,
    pub engine: Engine,
    /// The database's URL, to connect a second pool (a second app instance) to it.
    pub url: String,
}

/// Runs a test body once per engine on a fresh database; panics when one cannot be made.
pub async fn each_engine<F, Fut>(test: F)
where
    F: Fn(EngineUnderTest) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for engine in engines() {
        let database = match TestDatabase::new(engine).await {
            Ok(database) => database,
            Err(error) => panic!("no {engine:?} test database: {error:?}"),
        };
        test(EngineUnderTest {
            db: database.db.clone(),
            engine,
            url: database.url.clone(),
        })
        .await;
        drop(database);
    }
}

/// Rows per table (migration bookkeeping left out). Two snapshots that are equal prove that a
/// refused request stored nothing, whatever table a feature writes to.
pub async fn row_counts(db: &Db) -> StoreResult<std::collections::BTreeMap<String, i64>> {
    use sea_orm::{DbBackend, Statement};
    let conn = db.read();
    let backend = conn.get_database_backend();
    // `content_version` is the page cache's counter, not stored data: on PostgreSQL it grows a row
    // per connection that wrote, and a statement-level trigger bumps it even when the statement
    // (refused by its WHERE) changed no row.
    let list = match backend {
        DbBackend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name NOT IN ('seaql_migrations', 'content_version')"
        }
        _ => {
            "SELECT table_name AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name NOT IN ('seaql_migrations', 'content_version')"
        }
    };
    let mut counts = std::collections::BTreeMap::new();
    for row in conn
        .query_all_raw(Statement::from_string(backend, list))
        .await?
    {
        let name: String = row.try_get("", "name")?;
        // The name comes from the catalogue, not from input.
        let count = format!("SELECT COUNT(*) AS n FROM \"{}\"", name.replace('"', ""));
        let n: i64 = match conn
            .query_one_raw(Statement::from_string(backend, count))
            .await?
        {
            Some(row) => row.try_get("", "n")?,
            None => 0,
        };
        counts.insert(name, n);
    }
    Ok(counts)
}
