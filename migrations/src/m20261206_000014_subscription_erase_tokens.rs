//! "Erase my data" links for followers.
//!
//! Every mail to a follower (the confirmation, each publication, the weekly digest) carries an
//! erase link, as every other mail to a participant does. Each mail gets its own token, so the
//! link in an older mail keeps working; only the token's SHA-256 is stored. The tokens go with
//! their subscription (unsubscribing or erasing deletes them).
//!
//! Sign-ups need no new table: their erase tokens are `registration_tokens` with the purpose
//! `erase`.

use crate::m20261125_000001_foundation::{id, timestamp};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SubscriptionTokens {
    Table,
    Id,
    SubscriptionId,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Subscriptions {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SubscriptionTokens::Table)
                    .col(id(SubscriptionTokens::Id))
                    .col(
                        ColumnDef::new(SubscriptionTokens::SubscriptionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SubscriptionTokens::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(timestamp(SubscriptionTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                SubscriptionTokens::Table,
                                SubscriptionTokens::SubscriptionId,
                            )
                            .to(Subscriptions::Table, Subscriptions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_subscription_tokens_subscription")
                    .table(SubscriptionTokens::Table)
                    .col(SubscriptionTokens::SubscriptionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SubscriptionTokens::Table).to_owned())
            .await
    }
}
