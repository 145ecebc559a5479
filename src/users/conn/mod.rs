//! The thin part that differs between SQLite and PostgreSQL: connecting, migrating, and
//! running a statement with bound values. Everything above it (`users/mod.rs`) is written
//! once, in SQL that both understand, with `$1`-style placeholders.
//!
//! `open` connects and migrates, `pg` keeps a PostgreSQL session's statements, `value`
//! converts what is bound and read, `errors` says what a failure means; this module runs
//! statements and transactions on either backend.

use std::time::Duration;

use crate::error::{Error, Kind};

mod errors;
mod open;
mod pg;
mod value;

pub use errors::too_many_connections;
pub use open::{PASSWORD_MISSING, Transport};
pub use value::Value;

use errors::{postgres_error, sqlite_error};
use pg::{Pg, run_planned};
use value::{pg_values, text, to_sqlite};

pub enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Pg),
}

/// The rows of a statement sent ahead ([`Conn::send_query`]).
pub type Pending =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<Vec<Value>>, Error>> + Send>>;

/// pfp's transactions on PostgreSQL run at READ COMMITTED, whatever the database's
/// default (`default_transaction_isolation`): each locks the one row it changes (`FOR
/// UPDATE`, or an advisory lock) and reads what it depends on under that lock, which is
/// what READ COMMITTED is made for. Under a default of `serializable` (a DBA's choice for
/// an app's own transactions), side-by-side imports failed with "could not serialize
/// access" (40001) on false conflicts of index pages; under `repeatable read`, the row
/// lock of a user another run had just changed failed the same way. Per transaction,
/// never `SET`: a session a pooler shares keeps no setting of pfp's for another client.
pub(crate) const PG_BEGIN: &str = "BEGIN ISOLATION LEVEL READ COMMITTED";

/// How long a writer waits for SQLite's lock before giving up (exit 5).
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

impl Conn {
    pub fn is_postgres(&self) -> bool {
        matches!(self, Conn::Postgres(_))
    }

    /// Ends the session as a client should: PostgreSQL's `Terminate`, then the server's
    /// close, read to the end (within a quarter of a second). A connection that is merely
    /// dropped as the process exits is reset with the server's last answers unread, which
    /// the server logs as `could not receive data from client: Connection reset by peer`.
    pub async fn close(self) {
        if let Conn::Postgres(Pg {
            client,
            statements,
            runs: _,
            stale: _,
            task,
        }) = self
        {
            drop(statements);
            drop(client);
            let _ = tokio::time::timeout(Duration::from_millis(250), task).await;
        }
    }

    /// the transaction reads under it), as [`Conn::begin`] and [`Conn::query`]s would,
    /// and returns each query's rows. On PostgreSQL they all go out together, in one
    /// round trip: `BEGIN` first, so the queries run in the transaction, in order (the
    /// server runs each once the one before it is done, so a read behind a row lock
    /// reads after the lock is taken). (Only queries: should `BEGIN` fail while the
    /// statements behind it run, they ran on their own, and a read changes nothing.)
    pub async fn begin_then_queries(
        &mut self,
        queries: &[(&str, &[Value])],
    ) -> Result<Vec<Vec<Vec<Value>>>, Error> {
        let Conn::Postgres(pg) = self else {
            self.begin().await?;
            let mut all = Vec::with_capacity(queries.len());
            for (sql, params) in queries {
                all.push(self.query(sql, params).await?);
            }
            return Ok(all);
        };
        let plans = pg
            .plan_all(queries.iter().map(|(sql, _)| *sql), "querying")
            .await?;
        let started = std::time::Instant::now();
        let client = &pg.client;
        // Requests go out in the order the futures are first polled: BEGIN, then the
        // queries (tokio-postgres's pipelining).
        let (begun, results) = futures_util::future::join(
            client.batch_execute(PG_BEGIN),
            futures_util::future::join_all(queries.iter().zip(&plans).map(
                |((sql, params), plan)| async move {
                    let result = run_planned(client, plan, sql, params)
                        .await
                        .map_err(|e| postgres_error(e, "querying"))
                        .and_then(|(rows, _)| pg_values(&rows));
                    log_statement(sql, result.as_ref().map(|rows| rows.len() as u64), started);
                    result
                },
            )),
        )
        .await;
        begun.map_err(|e| postgres_error(e, "starting a transaction"))?;
        let mut all = Vec::with_capacity(queries.len());
        for ((sql, _), result) in queries.iter().zip(results) {
            match result {
                Ok(rows) => all.push(rows),
                Err(e) => {
                    pg.forget(sql);
                    return Err(e);
                }
            }
        }
        Ok(all)
    }

    /// Sends `sql` and returns what waits for its rows, so that the caller can let go of
    /// the connection before the answer comes (`None` on SQLite: run it with
    /// [`Conn::query`]). For statements that need no transaction: reads, and taking or
    /// releasing a session's advisory lock. On PostgreSQL the request is queued on the
    /// connection here, while the caller holds it: it runs before any transaction that a
    /// later holder begins, and outside any (a transaction holds the connection to its
    /// end). Meanwhile other tasks send theirs behind it (tokio-postgres pipelines
    /// them): over a network an import's lookups and locks no longer wait for each
    /// other's round trips.
    pub async fn send_query(
        &mut self,
        sql: &str,
        params: &[Value],
    ) -> Result<Option<Pending>, Error> {
        let Conn::Postgres(pg) = self else {
            return Ok(None);
        };
        let plan = pg.plan(sql).await.map_err(|e| {
            pg.forget(sql);
            postgres_error(e, "querying")
        })?;
        let (client, stale) = (
            std::sync::Arc::clone(&pg.client),
            std::sync::Arc::clone(&pg.stale),
        );
        let (sql, params) = (sql.to_owned(), params.to_vec());
        let started = std::time::Instant::now();
        let mut pending: Pending = Box::pin(async move {
            let result = run_planned(&client, &plan, &sql, &params).await;
            if result.is_err() {
                stale
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(sql.clone());
            }
            let result = result
                .map_err(|e| postgres_error(e, "querying"))
                .and_then(|(rows, _)| pg_values(&rows));
            log_statement(&sql, result.as_ref().map(|r| r.len() as u64), started);
            result
        });
        // The first poll queues the request on the connection (and finds no answer yet).
        if let std::task::Poll::Ready(result) = futures_util::poll!(pending.as_mut()) {
            return Ok(Some(Box::pin(std::future::ready(result))));
        }
        Ok(Some(pending))
    }

    /// Runs a query and returns every row as values. `-v` logs its kind, rows and time
    /// (never its parameters: they can be users' data).
    pub async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, Error> {
        let started = std::time::Instant::now();
        let result = self.query_rows(sql, params).await;
        log_statement(
            sql,
            result.as_ref().map(Vec::len).map(|n| n as u64),
            started,
        );
        result
    }

    async fn query_rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, Error> {
        match self {
            Conn::Sqlite(conn) => {
                let sql = sql.replace('$', "?");
                let mut stmt = conn
                    .prepare_cached(&sql)
                    .map_err(|e| sqlite_error(e, "querying"))?;
                let bound: Vec<rusqlite::types::Value> = params.iter().map(to_sqlite).collect();
                let columns = stmt.column_count();
                let rows = stmt
                    .query_map(rusqlite::params_from_iter(bound.iter()), |row| {
                        (0..columns)
                            .map(|i| {
                                Ok(match row.get_ref(i)? {
                                    rusqlite::types::ValueRef::Null => Value::Null,
                                    rusqlite::types::ValueRef::Integer(n) => Value::Int(n),
                                    rusqlite::types::ValueRef::Real(f) => {
                                        Value::Text(f.to_string())
                                    }
                                    rusqlite::types::ValueRef::Text(t)
                                    | rusqlite::types::ValueRef::Blob(t) => Value::Text(text(t)),
                                })
                            })
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .map_err(|e| sqlite_error(e, "querying"))?;
                rows.collect::<Result<Vec<_>, _>>()
                    .map_err(|e| sqlite_error(e, "querying"))
            }
            Conn::Postgres(pg) => {
                let (rows, _) = pg
                    .run(sql, params)
                    .await
                    .map_err(|e| postgres_error(e, "querying"))?;
                pg_values(&rows)
            }
        }
    }

    /// Runs a statement and returns the number of rows it changed (logged as `query`).
    pub async fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, Error> {
        let started = std::time::Instant::now();
        let result = self.execute_rows(sql, params).await;
        log_statement(sql, result.as_ref().copied(), started);
        result
    }

    async fn execute_rows(&mut self, sql: &str, params: &[Value]) -> Result<u64, Error> {
        match self {
            Conn::Sqlite(conn) => {
                let sql = sql.replace('$', "?");
                let bound: Vec<rusqlite::types::Value> = params.iter().map(to_sqlite).collect();
                conn.prepare_cached(&sql)
                    .and_then(|mut stmt| stmt.execute(rusqlite::params_from_iter(bound.iter())))
                    .map(|n| n as u64)
                    .map_err(|e| sqlite_error(e, "writing to the database"))
            }
            Conn::Postgres(pg) => pg
                .run(sql, params)
                .await
                .map(|(_, changed)| changed)
                .map_err(|e| postgres_error(e, "writing to the database")),
        }
    }

    /// Runs statements one after another, as many [`Conn::execute`]s would, stopping at the
    /// first that fails. On PostgreSQL they go out together (pipelined): in a
    /// transaction a failed statement aborts it, so the ones behind it fail too and the
    /// first error is the one returned, as if they had run in turn. With `commit`, on
    /// PostgreSQL the transaction's `COMMIT` goes out behind them and `true` says it
    /// committed (a failed statement turns it into a rollback, and its error is the one
    /// returned); elsewhere `false`: commit as usual. The first value is the number of
    /// rows each statement changed.
    pub async fn execute_all(
        &mut self,
        statements: &[(String, Vec<Value>)],
        commit: bool,
    ) -> Result<(Vec<u64>, bool), Error> {
        let Conn::Postgres(pg) = self else {
            let mut changed = Vec::with_capacity(statements.len());
            for (sql, params) in statements {
                changed.push(self.execute(sql, params).await?);
            }
            return Ok((changed, false));
        };
        let plans = pg
            .plan_all(
                statements.iter().map(|(sql, _)| sql.as_str()),
                "writing to the database",
            )
            .await?;
        let started = std::time::Instant::now();
        let client = &pg.client;
        // Polled in order on their first poll, so sent in order: the statements, then
        // COMMIT.
        let (results, committed) = futures_util::future::join(
            futures_util::future::join_all(statements.iter().zip(&plans).map(
                |((sql, params), plan)| async move {
                    let result = run_planned(client, plan, sql, params)
                        .await
                        .map(|(_, changed)| changed)
                        .map_err(|e| postgres_error(e, "writing to the database"));
                    log_statement(sql, result.as_ref().copied(), started);
                    result
                },
            )),
            async move {
                if commit {
                    client.batch_execute("COMMIT").await.map(|()| true)
                } else {
                    Ok(false)
                }
            },
        )
        .await;
        let mut changed = Vec::with_capacity(statements.len());
        for ((sql, _), result) in statements.iter().zip(results) {
            match result {
                Ok(n) => changed.push(n),
                Err(e) => {
                    pg.forget(sql);
                    return Err(e);
                }
            }
        }
        committed
            .map(|committed| (changed, committed))
            .map_err(|e| postgres_error(e, "committing"))
    }

    /// Starts a write transaction (SQLite takes the write lock at once).
    pub async fn begin(&mut self) -> Result<(), Error> {
        match self {
            Conn::Sqlite(conn) => run_cached(conn, "BEGIN IMMEDIATE")
                .map_err(|e| sqlite_error(e, "starting a transaction")),
            Conn::Postgres(pg) => pg
                .client
                .batch_execute(PG_BEGIN)
                .await
                .map_err(|e| postgres_error(e, "starting a transaction")),
        }
    }

    pub async fn commit(&mut self) -> Result<(), Error> {
        match self {
            Conn::Sqlite(conn) => {
                run_cached(conn, "COMMIT").map_err(|e| sqlite_error(e, "committing"))
            }
            Conn::Postgres(pg) => pg
                .client
                .batch_execute("COMMIT")
                .await
                .map_err(|e| postgres_error(e, "committing")),
        }
    }

    /// Ends a transaction by its work's result: commit what succeeded, roll back what
    /// failed (and return the failure).
    pub async fn finish<T>(&mut self, result: Result<T, Error>) -> Result<T, Error> {
        match result {
            Ok(value) => self.commit().await.map(|()| value),
            Err(e) => {
                self.rollback().await;
                Err(e)
            }
        }
    }

    /// Runs one of the fixed transaction-control statements (`SAVEPOINT name`,
    /// `RELEASE name`, `ROLLBACK TO name`) of a SQLite batch ([`super::group`]).
    pub fn sqlite_control(&mut self, sql: &'static str) -> Result<(), Error> {
        match self {
            Conn::Sqlite(conn) => run_cached(conn, sql).map_err(|e| sqlite_error(e, sql)),
            Conn::Postgres(_) => Err(Error::new(
                Kind::Internal,
                "a SQLite batch statement on a PostgreSQL connection",
            )),
        }
    }

    /// Whether a SQLite transaction is open on the connection (SQLite may roll one back by
    /// itself after an I/O error or a full disk). PostgreSQL: false.
    pub fn sqlite_in_transaction(&self) -> bool {
        matches!(self, Conn::Sqlite(conn) if !conn.is_autocommit())
    }

    /// Best effort: the transaction is abandoned either way.
    pub async fn rollback(&mut self) {
        match self {
            Conn::Sqlite(conn) => {
                let _ = run_cached(conn, "ROLLBACK");
            }
            Conn::Postgres(pg) => {
                let _ = pg.client.batch_execute("ROLLBACK").await;
            }
        }
    }
}

/// The current time as RFC 3339, for the ledger's timestamps.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Now, to the microsecond (a fixed width, so such times compare as text): when a picture
/// was replaced, which orders the pictures kept for `pfp restore` (an upload, a restore
/// and a remove can fall within one second).
pub fn now_micros() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// The time `age` before now, as `now_micros` writes times (so the two compare as text).
pub fn ago(age: Duration) -> String {
    let age = chrono::Duration::from_std(age).unwrap_or(chrono::Duration::MAX);
    chrono::Utc::now()
        .checked_sub_signed(age)
        .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC)
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Runs one parameterless statement through the connection's statement cache: a bulk
/// run begins and commits once per file, and preparing `BEGIN IMMEDIATE` and `COMMIT`
/// anew each time showed in its profile.
fn run_cached(conn: &rusqlite::Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([]).map(drop)
}

/// `-v`: one line per statement, its kind (`SELECT`, `UPDATE`, ...), rows and time.
fn log_statement(sql: &str, rows: Result<u64, &Error>, started: std::time::Instant) {
    let kind = sql.split_whitespace().next().unwrap_or("?");
    let elapsed = started.elapsed();
    match rows {
        Ok(rows) => tracing::info!(target: "pfp::db", "{kind}: {rows} rows in {elapsed:.1?}"),
        Err(e) => tracing::info!(target: "pfp::db", "{kind}: failed in {elapsed:.1?}: {e}"),
    }
}
