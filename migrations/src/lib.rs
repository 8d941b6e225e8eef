//! Inspraak's one migration set. Every migration runs on SQLite and on PostgreSQL: schema is
//! written with sea-query builders only, never engine-specific SQL — except the content version's
//! triggers (000023), which no builder can express.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_foundation;
mod m20261125_000002_consultations;
mod m20261125_000003_sessions;
mod m20261125_000004_account_security;
mod m20261125_000005_ideas_forum;
mod m20261125_000006_outcomes;
mod m20261125_000007_publications;
mod m20261201_000008_traceability;
mod m20261201_000009_digests_statement;
mod m20261201_000010_export_index;
mod m20261201_000011_contact_language;
mod m20261206_000012_hardening_site_flags;
mod m20261206_000013_throttles_buckets;
mod m20261206_000014_subscription_erase_tokens;
mod m20261206_000015_session_cancelled;
mod m20261206_000018_account_invitations;
mod m20261206_000019_forum_join_requests;
mod m20261206_000020_contact_messages;
mod m20261206_000021_live_results;
mod m20261206_000022_print_orders;
mod m20261206_000023_action_plan_intro;
mod m20261206_000024_content_version;
mod m20261206_000025_translations;
mod m20261206_000026_self_evaluation;
mod m20261206_000027_responses_keep_pages_current;
mod m20261207_000028_receipt_by_response;

pub use m20261206_000024_content_version::{
    PRIVATE_TABLES, PUBLIC_TABLES, bump_triggers, trigger_name,
};
pub use m20261206_000025_translations::{TRANSLATED_COLUMNS, translation_column};
pub use m20261206_000027_responses_keep_pages_current::{
    RESPONSE_COUNT_COLUMN, RESPONSE_TABLES, consultation_triggers,
};

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_foundation::Migration),
            Box::new(m20261125_000002_consultations::Migration),
            Box::new(m20261125_000003_sessions::Migration),
            Box::new(m20261125_000004_account_security::Migration),
            Box::new(m20261125_000005_ideas_forum::Migration),
            Box::new(m20261125_000006_outcomes::Migration),
            Box::new(m20261125_000007_publications::Migration),
            Box::new(m20261201_000008_traceability::Migration),
            Box::new(m20261201_000009_digests_statement::Migration),
            Box::new(m20261201_000010_export_index::Migration),
            Box::new(m20261201_000011_contact_language::Migration),
            Box::new(m20261206_000012_hardening_site_flags::Migration),
            Box::new(m20261206_000013_throttles_buckets::Migration),
            Box::new(m20261206_000014_subscription_erase_tokens::Migration),
            Box::new(m20261206_000015_session_cancelled::Migration),
            Box::new(m20261206_000018_account_invitations::Migration),
            Box::new(m20261206_000019_forum_join_requests::Migration),
            Box::new(m20261206_000020_contact_messages::Migration),
            Box::new(m20261206_000021_live_results::Migration),
            Box::new(m20261206_000022_print_orders::Migration),
            Box::new(m20261206_000023_action_plan_intro::Migration),
            Box::new(m20261206_000024_content_version::Migration),
            Box::new(m20261206_000025_translations::Migration),
            Box::new(m20261206_000026_self_evaluation::Migration),
            Box::new(m20261206_000027_responses_keep_pages_current::Migration),
            Box::new(m20261207_000028_receipt_by_response::Migration),
        ]
    }
}
