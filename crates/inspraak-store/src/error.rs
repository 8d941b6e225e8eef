use sea_orm::{DbErr, SqlErr};
use thiserror::Error;

/// What can go wrong in the store. `Conflict` names the rule that was broken (a unique key),
/// so the web layer can tell the user; `Db` is everything else and becomes a 500 page.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("record not found")]
    NotFound,
    #[error("conflict with an existing record: {0}")]
    Conflict(&'static str),
    #[error("database error")]
    Db(#[source] DbErr),
}

impl From<DbErr> for StoreError {
    fn from(error: DbErr) -> Self {
        StoreError::Db(error)
    }
}

impl StoreError {
    /// True when the database could not be reached (pool timed out, connection refused or
    /// broken): the web layer answers "busy, try again" (503) instead of a 500, and the pool
    /// reconnects by itself once the database is back.
    pub fn is_unavailable(&self) -> bool {
        use sea_orm::RuntimeErr;
        use sea_orm::sqlx::Error as Sqlx;
        let runtime = match self {
            StoreError::Db(DbErr::ConnectionAcquire(_)) => return true,
            StoreError::Db(DbErr::Conn(e) | DbErr::Exec(e) | DbErr::Query(e)) => e,
            _ => return false,
        };
        match runtime {
            RuntimeErr::SqlxError(e) => matches!(
                e.as_ref(),
                Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed
            ),
            _ => false,
        }
    }

    /// Turns a unique-key violation into `Conflict(what)`, leaving other errors as they are.
    pub(crate) fn unique_as(error: DbErr, what: &'static str) -> Self {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict(what),
            _ => StoreError::Db(error),
        }
    }
}

/// `Ok` when a statement touched a row, `NotFound` when it touched none (wrong id, or a row of
/// another process).
pub(crate) fn found(rows_affected: u64) -> Result<(), StoreError> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ConnAcquireErr, RuntimeErr};
    use std::sync::Arc;

    #[test]
    fn an_unreachable_database_is_unavailable_and_a_broken_rule_is_not() {
        let timeout = StoreError::Db(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout));
        assert!(timeout.is_unavailable());
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        let io = StoreError::Db(DbErr::Conn(RuntimeErr::SqlxError(Arc::new(
            sea_orm::sqlx::Error::Io(refused),
        ))));
        assert!(io.is_unavailable());
        assert!(!StoreError::Conflict("email").is_unavailable());
        assert!(!StoreError::NotFound.is_unavailable());
        assert!(!StoreError::Db(DbErr::Custom("bad".into())).is_unavailable());
    }
}
