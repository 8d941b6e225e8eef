//! The content version (issue #22): a number that grows with every committed change to a table
//! that feeds a public page, so the web app can keep public pages' read models in memory and
//! know, with one cheap statement, whether they are still current — across processes and
//! instances sharing the database.
//!
//! The bump is a **database trigger** on each public table (INSERT, UPDATE, DELETE), so it runs in
//! the writer's own transaction and no write path can forget it: the new version becomes visible
//! exactly when the change does. The version is `SUM(version)` over the rows of
//! `content_version`:
//! - SQLite has one writer at a time, so one row (shard 0) is bumped by row-level triggers.
//! - On PostgreSQL each backend (connection) bumps a row of its own (`shard = pg_backend_pid()`,
//!   an upsert in a statement-level trigger). A backend runs one transaction at a time, so two
//!   writers never wait on the same version row: the bump adds no lock waits and no deadlocks
//!   between transactions that would not have met anyway. Rows only grow, so the sum only grows.
//!
//! *Why not builders only:* sea-query has no builder for triggers or PL/pgSQL functions; this is
//! the one migration with engine-specific SQL, kept to the trigger text. The table itself is
//! built with builders.
//!
//! A table not listed in [`PUBLIC_TABLES`] must be in [`PRIVATE_TABLES`] (a store test compares
//! both lists with the schema and the triggers it holds): a new table that feeds a public page
//! gets its trigger in its own migration with [`bump_triggers`].

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// Tables whose rows a public page (or its read model) shows: each has a bump trigger. (The
/// tables every response writes had one too, until migration 000027: `RESPONSE_TABLES`.)
pub const PUBLIC_TABLES: &[&str] = &[
    "accessibility_statement",
    "action_plans",
    "action_points",
    "comments",
    "consultation_outcomes",
    "consultation_questions",
    "consultations",
    "contribution_links",
    "documents",
    "idea_settings",
    "ideas",
    "outcome_quotes",
    "outcome_threads",
    "phases",
    "process_retention",
    "process_evaluations",
    "processes",
    "progress_reports",
    "progress_updates",
    "proposed_events",
    "registrations",
    "sessions",
    "site_flags",
    "themes",
    "users",
];

/// Public tables a later migration creates and gives their triggers (with [`bump_triggers`]):
/// this migration, which runs before they exist, skips them.
const CREATED_LATER: &[&str] = &["process_evaluations"];

/// Tables no public page reads (personal data, tokens, mail, throttles, logs): no trigger, so
/// logins, throttles and the outbox do not make every cached page stale.
pub const PRIVATE_TABLES: &[&str] = &[
    "account_invitations",
    "audit_log",
    "consultation_contacts",
    "contact_messages",
    "content_version",
    "contribution_notices",
    "forum_invitations",
    "forum_join_requests",
    "idea_contacts",
    "login_failures",
    "login_sessions",
    "notice_optouts",
    "outbox",
    "password_resets",
    "print_orders",
    "recovery_codes",
    "registrants",
    "registration_tokens",
    "seaql_migrations",
    "subscription_tokens",
    "subscriptions",
    "throttle_buckets",
    "totp_credentials",
    "trace_tokens",
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContentVersion {
    Table,
    Shard,
    Version,
}

/// The public tables as this migration found them: those created later are skipped, those a
/// later migration took the trigger from are included (so every database goes the same way).
fn tables_at_this_migration() -> impl Iterator<Item = &'static &'static str> {
    PUBLIC_TABLES
        .iter()
        .chain(crate::m20261206_000027_responses_keep_pages_current::RESPONSE_TABLES)
        .filter(|t| !CREATED_LATER.contains(t))
}

/// The name of the trigger(s) that bump the version on `table`.
pub fn trigger_name(table: &str) -> String {
    format!("{table}_bumps_content_version")
}

/// Creates the bump trigger(s) on `table` (PostgreSQL: one statement-level trigger; SQLite: one
/// row-level trigger per event). For later migrations that add a public table.
pub async fn bump_triggers(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    bump_triggers_on(manager, table, "UPDATE").await
}

/// As [`bump_triggers`], with the update event written out: `UPDATE`, or `UPDATE OF` a column
/// list for a table where some columns must not bump the version (migration 000027).
pub(crate) async fn bump_triggers_on(
    manager: &SchemaManager<'_>,
    table: &str,
    update: &str,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let name = trigger_name(table);
    match manager.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_unprepared(&format!(
                "CREATE TRIGGER {name} AFTER INSERT OR {update} OR DELETE OR TRUNCATE ON {table} \
                 FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version()"
            ))
            .await?;
        }
        _ => {
            for (lower, event) in [
                ("insert", "INSERT"),
                ("update", update),
                ("delete", "DELETE"),
            ] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER IF NOT EXISTS {name}_{lower} AFTER {event} ON {table} \
                     BEGIN UPDATE content_version SET version = version + 1 WHERE shard = 0; END"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

/// Drops the bump trigger(s) of `table` (none there: nothing happens).
pub(crate) async fn drop_triggers(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let name = trigger_name(table);
    match manager.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name} ON {table}"))
                .await?;
        }
        _ => {
            for event in ["insert", "update", "delete"] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name}_{event}"))
                    .await?;
            }
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContentVersion::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(ContentVersion::Shard)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ContentVersion::Version)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(ContentVersion::Table)
                    .columns([ContentVersion::Shard, ContentVersion::Version])
                    .values_panic([0i64.into(), 1i64.into()])
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "CREATE OR REPLACE FUNCTION bump_content_version() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ BEGIN \
                     INSERT INTO content_version (shard, version) VALUES (pg_backend_pid(), 1) \
                     ON CONFLICT (shard) DO UPDATE SET version = content_version.version + 1; \
                     RETURN NULL; END $$",
                )
                .await?;
        }
        for table in tables_at_this_migration() {
            bump_triggers(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables_at_this_migration() {
            drop_triggers(manager, table).await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS bump_content_version()")
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ContentVersion::Table).to_owned())
            .await
    }
}
