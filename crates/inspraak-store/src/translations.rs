//! Which texts of a process still lack their translation (issue #24): the organiser's
//! "Vertaling compleet" / "Nog te vertalen" indicator.
//!
//! The list of translated columns is the migration's own `TRANSLATED_COLUMNS`, so a column
//! added there is checked here without a second list to keep in step; each table only needs to
//! say how its rows hang off a process (`scope`). All of it is one `UNION ALL` statement.

use crate::StoreResult;
use inspraak_domain::ProcessId;
use inspraak_migrations::{TRANSLATED_COLUMNS, translation_column};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// One organiser-written text with a main text but no translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The table and column, as in `TRANSLATED_COLUMNS`.
    pub table: &'static str,
    pub column: &'static str,
    /// The row's id (for `action_plans` and `consultation_outcomes`: the process's or the
    /// consultation's, their keys).
    pub id: i64,
    /// The row that owns it, where the organiser edits it: the process for phases and themes,
    /// the consultation for questions, outcomes and threads, the action point for updates, a
    /// document's owner (`owner_kind`); the row itself otherwise.
    pub parent: i64,
    /// A document's owner kind (`process`, `session`, `report`, `action_point`); empty for
    /// every other table.
    pub owner_kind: String,
    /// The main text as stored (for options: their JSON list).
    pub text: String,
}

/// How a table's rows belong to a process: the `FROM` part (the table is `t`), the condition
/// on the process (`{p}` is the parameter), and the row's id and parent id.
struct Scope {
    from: &'static str,
    process: &'static str,
    id: &'static str,
    parent: &'static str,
    owner_kind: &'static str,
}

fn scope(table: &str) -> Option<Scope> {
    let direct = |id, parent| Scope {
        from: "",
        process: "t.process_id = {p}",
        id,
        parent,
        owner_kind: "''",
    };
    let in_consultation = |id| Scope {
        from: " JOIN consultations c ON c.id = t.consultation_id",
        process: "c.process_id = {p}",
        id,
        parent: "t.consultation_id",
        owner_kind: "''",
    };
    Some(match table {
        "processes" => Scope {
            process: "t.id = {p}",
            ..direct("t.id", "t.id")
        },
        "phases" | "themes" => direct("t.id", "t.process_id"),
        "consultations" | "sessions" | "action_points" | "progress_reports" => {
            direct("t.id", "t.id")
        }
        "action_plans" => direct("t.process_id", "t.process_id"),
        "consultation_questions" | "outcome_threads" => in_consultation("t.id"),
        "consultation_outcomes" => in_consultation("t.consultation_id"),
        // A hidden update is not shown anywhere, so its translation is not missed.
        "progress_updates" => Scope {
            from: " JOIN action_points a ON a.id = t.action_point_id",
            process: "a.process_id = {p} AND t.hidden_at IS NULL",
            id: "t.id",
            parent: "t.action_point_id",
            owner_kind: "''",
        },
        "documents" => Scope {
            owner_kind: "t.owner_kind",
            ..direct("t.id", "t.owner_id")
        },
        // Site-wide texts (the accessibility statement) belong to no process.
        _ => return None,
    })
}

/// The one statement: a branch per translated column of a table that hangs off a process.
fn statement(backend: DbBackend, process: ProcessId) -> Statement {
    let parameter = match backend {
        DbBackend::Postgres => "$1",
        _ => "?1",
    };
    let branches: Vec<String> = TRANSLATED_COLUMNS
        .iter()
        .enumerate()
        .filter_map(|(n, (table, column))| {
            let scope = scope(table)?;
            let translation = translation_column(column);
            // An options list is empty as `[]`, a text when blank.
            let empty = if *column == "options" { "'[]'" } else { "''" };
            Some(format!(
                "SELECT CAST({n} AS BIGINT) AS n, CAST({id} AS BIGINT) AS id, \
                 CAST({parent} AS BIGINT) AS parent, CAST({owner_kind} AS TEXT) AS owner_kind, \
                 CAST(t.{column} AS TEXT) AS main \
                 FROM {table} t{from} WHERE {process} \
                 AND t.{column} IS NOT NULL AND TRIM(t.{column}) NOT IN ('', {empty}) \
                 AND (t.{translation} IS NULL OR TRIM(t.{translation}) IN ('', {empty}))",
                id = scope.id,
                parent = scope.parent,
                owner_kind = scope.owner_kind,
                from = scope.from,
                process = scope.process.replace("{p}", parameter),
            ))
        })
        .collect();
    let sql = format!("{} ORDER BY n, id", branches.join(" UNION ALL "));
    Statement::from_sql_and_values(backend, sql, [process.0.into()])
}

/// Every text of `process` whose main text is written and whose translation is not, in the
/// order of `TRANSLATED_COLUMNS` (process, phases, themes, consultations, …), then by row.
pub async fn missing(conn: &impl ConnectionTrait, process: ProcessId) -> StoreResult<Vec<Missing>> {
    let backend = conn.get_database_backend();
    let rows = conn.query_all_raw(statement(backend, process)).await?;
    let mut missing = Vec::with_capacity(rows.len());
    for row in rows {
        let n: i64 = row.try_get("", "n")?;
        let Some((table, column)) = usize::try_from(n)
            .ok()
            .and_then(|n| TRANSLATED_COLUMNS.get(n))
        else {
            continue;
        };
        missing.push(Missing {
            table,
            column,
            id: row.try_get("", "id")?,
            parent: row.try_get("", "parent")?,
            owner_kind: row.try_get("", "owner_kind")?,
            text: row.try_get("", "main")?,
        });
    }
    Ok(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_translated_table_but_the_site_wide_one_hangs_off_a_process() {
        for (table, _) in TRANSLATED_COLUMNS {
            assert_eq!(
                scope(table).is_some(),
                *table != "accessibility_statement",
                "{table}"
            );
        }
    }
}
