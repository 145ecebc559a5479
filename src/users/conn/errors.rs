//! What a failure of SQLite or PostgreSQL means to the operator: its kind (and so the
//! exit code), its words and the hint that mends it.

use super::SQLITE_BUSY_TIMEOUT;
use crate::error::{Error, Kind, Setting};

/// Said of a write that a trigger refused (an app's rule on its own table, in its own
/// words): the value was refused, as by a constraint, and no bug of pfp's.
const TRIGGER_REFUSED: &str = "a rule of the database (a trigger: the app's, or a DBA's) refused the write, in its own words above";

/// SQLite errors: a busy database is "unavailable" (retry later), a constraint is invalid
/// input, anything else internal.
pub(super) fn sqlite_error(err: rusqlite::Error, what: &str) -> Error {
    use rusqlite::ErrorCode;
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::new(
            Kind::Unavailable,
            format!(
                "{what}: the SQLite database is locked by another writer (waited {}s)",
                SQLITE_BUSY_TIMEOUT.as_secs()
            ),
        ),
        // SQLITE_CONSTRAINT_TRIGGER: a trigger's RAISE(ABORT|FAIL|ROLLBACK, 'why').
        Some(ErrorCode::ConstraintViolation)
            if matches!(&err, rusqlite::Error::SqliteFailure(e, _) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER) =>
        {
            Error::invalid(format!("{what}: {err}")).hint(TRIGGER_REFUSED)
        }
        Some(ErrorCode::ConstraintViolation) => Error::invalid(format!("{what}: {err}")),
        // The file, or its folder (where SQLite makes the -wal and -shm files beside it),
        // is not this user's to write: access denied (exit 6), which no retry mends
        // (it was exit 5, "safe to retry").
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => Error::new(
            Kind::Denied,
            format!("{what}: the SQLite database may not be written by the user pfp runs as ({err})"),
        )
        .hint("give that user write access to the database file and its folder (SQLite keeps its -wal and -shm files beside it), or run pfp as their owner (ls -l shows who)"),
        Some(ErrorCode::CannotOpen) => Error::new(Kind::Unavailable, format!("{what}: {err}")),
        // The machine's trouble, not a bug of pfp's (exit 1 said "please report it"): as
        // PostgreSQL's disk-full (53100), retry once it is mended. SQLite rolled the
        // transaction back.
        Some(ErrorCode::DiskFull) => Error::new(
            Kind::Unavailable,
            format!("{what}: the file system that holds the SQLite database is full ({err})"),
        )
        .hint("free space there (the database grows a -wal log beside it as it writes), then run the command again"),
        Some(ErrorCode::SystemIoFailure) => Error::new(
            Kind::Unavailable,
            format!("{what}: the file system that holds the SQLite database failed ({err})"),
        )
        .hint("check the disk and the file system (dmesg, df), then run the command again"),
        // The setting names some other file (a picture, a log, an encrypted database):
        // exit 7, where it read as a bug of pfp's (exit 1).
        Some(ErrorCode::NotADatabase) => Error::new(
            Kind::Config,
            format!("{what}: the file is not an SQLite database ({err})"),
        )
        .hint(format!(
            "check the path in {} or {}: it names a file that is not an SQLite database (or one encrypted with SQLCipher)",
            Setting::Database.var(),
            Setting::Database.name()
        )),
        // The machine's trouble, as a failing disk: exit 5 once it is mended.
        Some(ErrorCode::DatabaseCorrupt) => Error::new(
            Kind::Unavailable,
            format!("{what}: the SQLite database file is damaged ({err})"),
        )
        .hint("check it with `sqlite3 FILE 'PRAGMA integrity_check'` and restore it from a backup (sqlite3's .recover saves what it can), then run the command again"),
        _ => Error::new(Kind::Internal, format!("{what}: {err}")),
    }
}

/// PostgreSQL errors by SQLSTATE class; connection failures are "unavailable".
pub(super) fn postgres_error(err: tokio_postgres::Error, what: &str) -> Error {
    if let Some(db) = err.as_db_error() {
        let code = db.code().code();
        let message = format!("{what}: {} ({code})", db.message());
        let error = match &code[..2] {
            "23" => Error::invalid(message),
            // raise_exception: a trigger's (an app's rule) `RAISE EXCEPTION 'why'`, where
            // it read as a bug of pfp's (exit 1). pfp raises none of its own.
            _ if code == "P0001" => Error::invalid(message).hint(TRIGGER_REFUSED),
            "28" => Error::new(Kind::Denied, message).hint(format!(
                "check the user and password in {}",
                Setting::Database.var()
            )),
            // insufficient_privilege: the role may not do this (make pfp's tables, read
            // the app's users), which no retry changes: access denied (exit 6), not a
            // bug of pfp's (exit 1).
            _ if code == "42501" => Error::new(Kind::Denied, message).hint(
                "grant the role what pfp needs (CREATE on the schema for its first run, and SELECT, INSERT, UPDATE, DELETE on its tables and the users table), or run pfp as a role that has it",
            ),
            // 42P05 duplicate_prepared_statement, 26000 invalid_sql_statement_name: the
            // statements pfp prepares once (tokio-postgres names them s0, s1, ...) met
            // another client's of the same name, or were gone, on a server connection a
            // pooler shares between clients (PgBouncer's transaction or statement mode;
            // 1.21's max_prepared_statements tracks them). Its owner locks, session-level
            // advisory locks, would not hold there either.
            _ if code == "42P05" || code == "26000" => Error::config(message).hint(
                "a connection pooler that shares server sessions between clients (PgBouncer's pool_mode = transaction or statement) is between pfp and PostgreSQL: pfp needs a session of its own (its owner locks are session-level advisory locks); use pool_mode = session for pfp's database, or connect to PostgreSQL directly",
            ),
            // 25006: a read-only transaction, as every one is on a standby (a replica's
            // address in DATABASE_URL) or with default_transaction_read_only.
            _ if code == "25006" => Error::config(message).hint(format!(
                "the server takes no writes (a standby, or default_transaction_read_only): point {} at the primary, or add target_session_attrs=read-write",
                Setting::Database.var()
            )),
            // The server's own trouble (its disk, a lock it could not get): retry.
            "58" => Error::new(Kind::Unavailable, message),
            // lock_not_available: pfp's bound on a lock wait (see `open_postgres`).
            _ if code == "55P03" => Error::new(Kind::Unavailable, message).hint(format!(
                "another session holds what pfp needs to lock (a user's row that an app's transaction left open: pg_stat_activity shows it 'idle in transaction'; or another pfp run): end it, or let pfp wait longer with {} (or lock_timeout in the URL's options)",
                Setting::Timeout.name()
            )),
            // 3F000: no schema of the search path exists, or none the role may use.
            "3F" => Error::config(message).hint(format!(
                "check the schema named in {} (options=-csearch_path=...), and that the role has USAGE on it",
                Setting::Database.var()
            )),
            // Class 3D has one code, 3D000: no such database.
            "3D" => Error::config(message).hint(format!(
                "check the database name in {}",
                Setting::Database.var()
            )),
            "08" | "53" | "57" => Error::new(Kind::Unavailable, message),
            "40" => Error::new(Kind::Unavailable, message),
            _ => Error::new(Kind::Internal, message),
        };
        return error.with_code(code);
    }
    // Not an answer of the server's: the connection failed, closed or timed out.
    let error = Error::new(
        Kind::Unavailable,
        format!("{what}: {}", crate::error::root_cause(&err)),
    )
    .hint(format!(
        "check that PostgreSQL is running and {}",
        Setting::Database.var()
    ));
    // A session that was open and is gone: SQLSTATE's connection_failure, which
    // tokio-postgres gives no code of its own.
    if err.is_closed() {
        return error.with_code(crate::error::CONNECTION_FAILURE);
    }
    error
}

/// Whether `err` is PostgreSQL's refusal of a new session for a connection limit (the
/// server's, a role's or a database's: SQLSTATE 53300, which [`postgres_error`] keeps).
pub fn too_many_connections(err: &Error) -> bool {
    err.code() == Some("53300")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connection-limit refusal is told by the server's SQLSTATE, not by the text:
    /// a message that merely mentions the code (a database or host named so) is not one.
    #[test]
    fn a_connection_limit_refusal_is_told_by_its_sqlstate() {
        let said = "connecting to PostgreSQL at db (53300): too many connections";
        assert!(!too_many_connections(&Error::new(Kind::Unavailable, said)));
        let refused = Error::new(Kind::Unavailable, "too many connections for role \"pfp\"");
        assert!(too_many_connections(&refused.with_code("53300")));
        let other = Error::new(Kind::Unavailable, "the database system is starting up");
        assert!(!too_many_connections(&other.with_code("57P03")));
    }
}
