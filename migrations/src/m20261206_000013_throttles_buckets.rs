//! Throttles that hold under concurrency, and an erase link for idea contacts.
//!
//! `throttle_buckets`: one row per throttle key (a scope and a keyed hash of an account or an
//! address, never the value itself) with the start of its current window and the attempts taken
//! in it. One `INSERT … ON CONFLICT DO UPDATE … RETURNING hits` both counts and decides, so 100
//! parallel attempts get 100 different counts (the old count-then-insert let them all pass).
//!
//! `idea_contacts.erase_token_hash`: idea status mails carry the "erase my data" link as the
//! consultation mails do; only the token's hash is stored, renewed with every mail.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ThrottleBuckets {
    Table,
    ScopeKey,
    WindowStart,
    Hits,
}

#[derive(DeriveIden)]
enum IdeaContacts {
    Table,
    EraseTokenHash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ThrottleBuckets::Table)
                    .col(
                        ColumnDef::new(ThrottleBuckets::ScopeKey)
                            .string_len(200)
                            .not_null()
                            .primary_key(),
                    )
                    // Unix seconds: compared in SQL the same way on both engines.
                    .col(
                        ColumnDef::new(ThrottleBuckets::WindowStart)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ThrottleBuckets::Hits)
                            .big_integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_throttle_buckets_window")
                    .table(ThrottleBuckets::Table)
                    .col(ThrottleBuckets::WindowStart)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(IdeaContacts::Table)
                    .add_column(
                        ColumnDef::new(IdeaContacts::EraseTokenHash)
                            .string_len(64)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(IdeaContacts::Table)
                    .drop_column(IdeaContacts::EraseTokenHash)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ThrottleBuckets::Table).to_owned())
            .await
    }
}
