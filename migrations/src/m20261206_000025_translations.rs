//! Content in two languages (issue #24): every text an organiser writes gets a nullable
//! `<column>_translation` beside it. The existing column keeps the text in the content language
//! (`INSPRAAK_CONTENT_LANGUAGE`, Dutch by default), so existing data is the Dutch text and
//! nothing is copied; the new column holds the same text in the other interface language
//! (English by default), NULL while nobody has written it. `options_translation` is a JSON list
//! of labels in the order of `options`.
//!
//! Every table here already has its content-version trigger (migration 000024), so a new
//! translation refreshes the cached public pages like any other edit.

use sea_orm_migration::prelude::*;

/// (table, column) pairs that get a `<column>_translation`. `store::translations` reads the
/// same list to say which texts of a process still lack a translation.
pub const TRANSLATED_COLUMNS: &[(&str, &str)] = &[
    ("processes", "title"),
    ("processes", "summary"),
    ("phases", "name"),
    ("phases", "description"),
    ("themes", "name"),
    ("themes", "description"),
    ("consultations", "title"),
    ("consultations", "intro"),
    ("consultations", "privacy_statement"),
    ("consultation_questions", "prompt"),
    ("consultation_questions", "help_text"),
    ("consultation_questions", "options"),
    ("sessions", "title"),
    ("sessions", "description"),
    ("sessions", "report"),
    ("action_plans", "introduction"),
    ("action_points", "title"),
    ("action_points", "description"),
    ("action_points", "findings"),
    ("progress_updates", "body"),
    ("progress_reports", "title"),
    ("progress_reports", "body"),
    ("consultation_outcomes", "intro"),
    ("outcome_threads", "title"),
    ("outcome_threads", "body"),
    ("documents", "title"),
    ("documents", "description"),
    ("accessibility_statement", "contact"),
    ("accessibility_statement", "known_problems"),
];

/// The name of the column holding `column`'s translation.
pub fn translation_column(column: &str) -> String {
    format!("{column}_translation")
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per ALTER: SQLite adds only one at a time.
        for (table, column) in TRANSLATED_COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(*table))
                        .add_column(
                            ColumnDef::new(Alias::new(translation_column(column)))
                                .text()
                                .null(),
                        )
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in TRANSLATED_COLUMNS.iter().rev() {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(*table))
                        .drop_column(Alias::new(translation_column(column)))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
