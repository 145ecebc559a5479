//! A PostgreSQL connection and its statement cache: a statement is prepared once it has
//! run a few times, and runs unprepared, in one round trip, before that.

use crate::error::Error;

use super::errors::postgres_error;
use super::value::{PgText, PgValue, Value};

/// A PostgreSQL connection and the statements prepared on it.
pub struct Pg {
    /// Shared with the answers of statements sent ahead ([`super::Conn::send_query`]).
    pub(super) client: std::sync::Arc<tokio_postgres::Client>,
    /// Statements run often are prepared once per connection, as SQLite's are
    /// (`prepare_cached`), and then cost one round trip a run. Bounded: emptied when full
    /// (pfp runs a few dozen statements).
    pub(super) statements: std::collections::HashMap<String, tokio_postgres::Statement>,
    /// How often each statement not prepared yet has run. Preparing costs a round trip of
    /// its own before the one that runs the statement, so a statement's first
    /// [`Pg::UNPREPARED`] runs go out unprepared, parse, bind and execute in one round
    /// trip: most commands run each statement once or twice, over a network that halves
    /// their round trips; an import prepares what it runs for every file.
    pub(super) runs: std::collections::HashMap<String, u8>,
    /// Statements whose run failed after the connection was let go
    /// ([`super::Conn::send_query`]): forgotten at the next plan.
    pub(super) stale: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    /// The task that drives the connection; [`super::Conn::close`] waits for it to end.
    pub(super) task: tokio::task::JoinHandle<()>,
}

/// How a statement is run: prepared (cached), or unprepared in one round trip.
pub(super) enum Plan {
    Prepared(tokio_postgres::Statement),
    Unprepared,
}

impl Pg {
    const CACHED: usize = 64;
    /// How many times a statement runs unprepared before it is prepared.
    const UNPREPARED: u8 = 2;

    pub(super) fn new(client: tokio_postgres::Client, task: tokio::task::JoinHandle<()>) -> Pg {
        Pg {
            client: std::sync::Arc::new(client),
            statements: std::collections::HashMap::new(),
            runs: std::collections::HashMap::new(),
            stale: std::sync::Arc::default(),
            task,
        }
    }

    /// How to run `sql` this time: unprepared for its first runs, then prepared once.
    pub(super) async fn plan(&mut self, sql: &str) -> Result<Plan, tokio_postgres::Error> {
        let stale = std::mem::take(&mut *self.stale.lock().unwrap_or_else(|e| e.into_inner()));
        for sql in stale {
            self.forget(&sql);
        }
        if let Some(statement) = self.statements.get(sql) {
            return Ok(Plan::Prepared(statement.clone()));
        }
        if self.runs.len() >= Self::CACHED && !self.runs.contains_key(sql) {
            self.runs.clear();
        }
        let runs = self.runs.entry(sql.to_owned()).or_insert(0);
        if *runs < Self::UNPREPARED {
            *runs += 1;
            return Ok(Plan::Unprepared);
        }
        self.runs.remove(sql);
        let statement = self.client.prepare(sql).await?;
        if self.statements.len() >= Self::CACHED {
            self.statements.clear();
        }
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(Plan::Prepared(statement))
    }

    /// The plans of statements about to be sent together, in order.
    pub(super) async fn plan_all(
        &mut self,
        sqls: impl Iterator<Item = &str>,
        what: &str,
    ) -> Result<Vec<Plan>, Error> {
        let mut plans = Vec::new();
        for sql in sqls {
            match self.plan(sql).await {
                Ok(plan) => plans.push(plan),
                Err(e) => {
                    self.forget(sql);
                    return Err(postgres_error(e, what));
                }
            }
        }
        Ok(plans)
    }

    /// Forgets `sql`'s statement after an error, so that the next use prepares it again
    /// (a table the statement reads may have changed under it).
    pub(super) fn forget(&mut self, sql: &str) {
        self.statements.remove(sql);
    }

    /// Runs `sql` (see [`Pg::plan`]); forgets its statement if it fails.
    pub(super) async fn run(
        &mut self,
        sql: &str,
        params: &[Value],
    ) -> Result<(Vec<tokio_postgres::Row>, u64), tokio_postgres::Error> {
        let result = match self.plan(sql).await {
            Ok(plan) => run_planned(&self.client, &plan, sql, params).await,
            Err(e) => Err(e),
        };
        if result.is_err() {
            self.forget(sql);
        }
        result
    }
}

/// Runs `sql` as `plan` says; returns its rows and the number of rows it changed.
/// Unprepared, the parameters go as text with no type, so the server gives each the
/// type it infers, exactly as when it prepares the statement, and parses the text.
pub(super) async fn run_planned(
    client: &tokio_postgres::Client,
    plan: &Plan,
    sql: &str,
    params: &[Value],
) -> Result<(Vec<tokio_postgres::Row>, u64), tokio_postgres::Error> {
    use futures_util::TryStreamExt as _;
    let stream = match plan {
        Plan::Prepared(statement) => {
            client
                .query_raw(statement, params.iter().map(PgValue))
                .await?
        }
        Plan::Unprepared => {
            let untyped = untyped();
            client
                .query_typed_raw(sql, params.iter().map(|v| (PgText(v), untyped.clone())))
                .await?
        }
    };
    let mut stream = std::pin::pin!(stream);
    let mut rows = Vec::new();
    while let Some(row) = stream.try_next().await? {
        rows.push(row);
    }
    let changed = stream.rows_affected().unwrap_or(0);
    Ok((rows, changed))
}

/// A parameter type left to the server (type OID 0 in the protocol's Parse message).
fn untyped() -> tokio_postgres::types::Type {
    tokio_postgres::types::Type::new(
        "unspecified".to_owned(),
        0,
        tokio_postgres::types::Kind::Pseudo,
        "pg_catalog".to_owned(),
    )
}
