//! Connecting to SQLite or PostgreSQL, chosen by the database URL.

use crate::checkpoints::{Checkpoints, WRITER_CHECKPOINT_FRAMES};
use crate::{StoreError, StoreResult};
use inspraak_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

tokio::task_local! {
    /// Set around background jobs, so `Db::statement_count` counts what requests send.
    static NOT_COUNTED: ();
}

/// Runs `work` (a background job's loop) without adding its statements to
/// [`Db::statement_count`]: the query-budget tests count a request's statements, and the mail
/// worker polls every 250 ms.
pub fn not_counted<F: Future>(work: F) -> impl Future<Output = F::Output> {
    NOT_COUNTED.scope((), work)
}

/// How hard SQLite works to keep a commit. `Normal` (WAL) survives a crash of the process but
/// not a power cut; `Full` survives both at about a quarter of the write rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    #[default]
    Normal,
    Full,
}

/// The database: a read pool and a write pool. On PostgreSQL they are one pool. On SQLite, which
/// allows one writer at a time, the write pool holds a single connection so writers queue in the
/// pool instead of failing with `SQLITE_BUSY`, while readers keep their own connections (WAL).
#[derive(Clone, Debug)]
pub struct Db {
    read: DatabaseConnection,
    write: DatabaseConnection,
    /// Statements sent on either pool (transactions included; `BEGIN`/`COMMIT` are not
    /// statements to sea-orm's metric hook). Read by the query-budget tests.
    statements: Arc<AtomicU64>,
    /// SQLite: the checkpoints beside the writer (`checkpoints`).
    checkpoints: Option<Arc<Checkpoints>>,
}

impl Db {
    /// Connects to `sqlite://path?mode=rwc` or `postgres://…`, waiting up to 30 s for a
    /// PostgreSQL connection.
    pub async fn connect(url: &str, durability: Durability) -> StoreResult<Db> {
        Self::connect_waiting(url, durability, Duration::from_secs(30)).await
    }

    /// As `connect`, waiting at most `wait` for a PostgreSQL connection (a free one, or a new one
    /// while the server is down). The web app uses a short wait, so that during a database
    /// outage requests fail within seconds with a "busy, try again" page instead of hanging
    /// (see `StoreError::is_unavailable`).
    pub async fn connect_waiting(
        url: &str,
        durability: Durability,
        wait: Duration,
    ) -> StoreResult<Db> {
        if url.starts_with("sqlite:") {
            let write = sqlite_options(url, 1, durability, Some(WRITER_CHECKPOINT_FRAMES));
            let write = Database::connect(write).await?;
            // The write pool has created the file and switched it to WAL before readers open it.
            let read = Database::connect(sqlite_options(url, 8, durability, None)).await?;
            let checkpointer = Database::connect(sqlite_options(url, 1, durability, None)).await?;
            let checkpoints = Checkpoints::start(checkpointer);
            Ok(Db::counting(read, write, Some(checkpoints)))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let mut options = ConnectOptions::new(url);
            options
                .max_connections(32)
                .min_connections(1)
                .connect_timeout(wait.min(Duration::from_secs(5)))
                .acquire_timeout(wait)
                // A ping before every query doubled the round trips of a page; a connection that
                // sat idle is still checked, and one that broke fails its query (a 503) and is
                // replaced.
                .test_before_acquire_if_idle_for(Duration::from_secs(10))
                .sqlx_logging(false);
            let pool = Database::connect(options).await?;
            Ok(Db::counting(pool.clone(), pool, None))
        } else {
            Err(StoreError::Db(sea_orm::DbErr::Custom(
                "the database URL must start with sqlite: or postgres:".into(),
            )))
        }
    }

    /// Hooks the statement counter into both connections (one atomic add per statement).
    fn counting(
        mut read: DatabaseConnection,
        mut write: DatabaseConnection,
        checkpoints: Option<Arc<Checkpoints>>,
    ) -> Db {
        let statements = Arc::new(AtomicU64::new(0));
        for conn in [&mut read, &mut write] {
            let counter = statements.clone();
            conn.set_metric_callback(move |_| {
                if NOT_COUNTED.try_with(|_| ()).is_err() {
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        Db {
            read,
            write,
            statements,
            checkpoints,
        }
    }

    /// How many statements this database (all its clones) has sent since it was opened,
    /// background jobs run under [`not_counted`] left out. Tests take the difference around one
    /// request: the query budget.
    pub fn statement_count(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Connection for queries that only read.
    pub fn read(&self) -> &DatabaseConnection {
        &self.read
    }

    /// Connection for writes; open transactions on it with `begin()`.
    pub fn write(&self) -> &DatabaseConnection {
        &self.write
    }

    /// Starts a transaction on the write pool (one user action, one transaction). On SQLite it
    /// first lets the write-ahead log start over when that is due (`checkpoints`).
    pub async fn begin(&self) -> StoreResult<sea_orm::DatabaseTransaction> {
        use sea_orm::TransactionTrait;
        if let Some(checkpoints) = &self.checkpoints {
            checkpoints.before_write(&self.write).await?;
        }
        Ok(self.write.begin().await?)
    }

    /// SQLite: one round of the checkpoint task now, on a read connection, so that a test can
    /// place it at the moment it needs (while a write transaction is open, say).
    #[cfg(feature = "testing")]
    pub async fn checkpoint_round(&self) -> StoreResult<()> {
        match &self.checkpoints {
            Some(checkpoints) => checkpoints.round(&self.read).await,
            None => Ok(()),
        }
    }

    pub fn backend(&self) -> DbBackend {
        self.write.get_database_backend()
    }

    /// Brings the schema up to date. Safe to run at every start-up.
    pub async fn migrate(&self) -> StoreResult<()> {
        Migrator::up(&self.write, None).await?;
        Ok(())
    }

    /// Checks that the database answers (for `/readyz`).
    pub async fn ping(&self) -> StoreResult<()> {
        self.read.ping().await?;
        Ok(())
    }
}

/// `autocheckpoint`: log pages after which a commit on these connections checkpoints (SQLite's
/// default, 1,000, when `None`).
fn sqlite_options(
    url: &str,
    connections: u32,
    durability: Durability,
    autocheckpoint: Option<u32>,
) -> ConnectOptions {
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        // A file on disk does not drop connections; the ping before every query cost a round
        // trip to the connection's thread (profiling: thread hand-offs were half the CPU).
        .test_before_acquire(false)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(move |opts| {
            let opts = match autocheckpoint {
                Some(pages) => opts.pragma("wal_autocheckpoint", pages.to_string()),
                None => opts,
            };
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .synchronous(match durability {
                    Durability::Normal => SqliteSynchronous::Normal,
                    Durability::Full => SqliteSynchronous::Full,
                })
        });
    options
}
