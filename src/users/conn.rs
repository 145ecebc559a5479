//! The thin part that differs between SQLite and PostgreSQL: connecting, migrating, and
//! running a statement with bound values. Everything above it (`users/mod.rs`) is written
//! once, in SQL that both understand, with `$1`-style placeholders.

use std::str::FromStr;
use std::time::Duration;

use super::pg_tls::{self, SslMode, TlsParams};
use crate::error::{Error, Kind, Setting};
use crate::users::mapping::TableName;
use crate::users::migrations;
use crate::values::pg::PgParams;
use tokio_postgres::config::Host;

/// A bound value, or a value read back. Only what pfp stores: text, integers, booleans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Null,
    Text(String),
    Int(i64),
    Bool(bool),
}

impl Value {
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Text(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => None,
        }
    }

    /// The value as an integer: `None` for NULL or text that is not one.
    pub fn int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(i64::from(*b)),
            Value::Text(s) => s.parse().ok(),
            Value::Null => None,
        }
    }

    pub fn boolean(&self) -> bool {
        self.int().is_some_and(|i| i != 0)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Self {
        s.map_or(Value::Null, Value::Text)
    }
}

pub enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Pg),
}

/// A PostgreSQL connection and the statements prepared on it.
pub struct Pg {
    /// Shared with the answers of statements sent ahead ([`Conn::send_query`]).
    client: std::sync::Arc<tokio_postgres::Client>,
    /// Statements run often are prepared once per connection, as SQLite's are
    /// (`prepare_cached`), and then cost one round trip a run. Bounded: emptied when full
    /// (pfp runs a few dozen statements).
    statements: std::collections::HashMap<String, tokio_postgres::Statement>,
    /// How often each statement not prepared yet has run. Preparing costs a round trip of
    /// its own before the one that runs the statement, so a statement's first
    /// [`Pg::UNPREPARED`] runs go out unprepared, parse, bind and execute in one round
    /// trip: most commands run each statement once or twice, over a network that halves
    /// their round trips; an import prepares what it runs for every file.
    runs: std::collections::HashMap<String, u8>,
    /// Statements whose run failed after the connection was let go
    /// ([`Conn::send_query`]): forgotten at the next plan.
    stale: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    /// The task that drives the connection; [`Conn::close`] waits for it to end.
    task: tokio::task::JoinHandle<()>,
}

/// The rows of a statement sent ahead ([`Conn::send_query`]).
pub type Pending =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<Vec<Value>>, Error>> + Send>>;

/// How a statement is run: prepared (cached), or unprepared in one round trip.
enum Plan {
    Prepared(tokio_postgres::Statement),
    Unprepared,
}

impl Pg {
    const CACHED: usize = 64;
    /// How many times a statement runs unprepared before it is prepared.
    const UNPREPARED: u8 = 2;

    fn new(client: tokio_postgres::Client, task: tokio::task::JoinHandle<()>) -> Pg {
        Pg {
            client: std::sync::Arc::new(client),
            statements: std::collections::HashMap::new(),
            runs: std::collections::HashMap::new(),
            stale: std::sync::Arc::default(),
            task,
        }
    }

    /// How to run `sql` this time: unprepared for its first runs, then prepared once.
    async fn plan(&mut self, sql: &str) -> Result<Plan, tokio_postgres::Error> {
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
    async fn plan_all(
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
    fn forget(&mut self, sql: &str) {
        self.statements.remove(sql);
    }

    /// Runs `sql` (see [`Pg::plan`]); forgets its statement if it fails.
    async fn run(
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
async fn run_planned(
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

/// A server that ends idle sessions (`idle_session_timeout`, PostgreSQL 14 and later: a
/// DBA's guard against abandoned connections) ended pfp's while it waited for S3 with
/// its session idle (a slow upload, under the owner lock held in that session), and the
/// commit then met "connection closed", exit 5, the upload left behind. pfp's sessions
/// are never abandoned (they end with the run), so they are exempt, where the server
/// has the setting and it is on; sent with the session's first statement (no round
/// trip of its own). `idle_in_transaction_session_timeout` stays: pfp holds no
/// transaction open across a request to S3.
const KEEP_IDLE_SESSION: &str = "SELECT set_config('idle_session_timeout', '0', false) \
     WHERE current_setting('idle_session_timeout', true) NOT IN ('', '0')";

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

/// How large SQLite's log may stay between checkpoints once a long run has grown it.
const WAL_SIZE_LIMIT: i64 = 16 << 20;

/// The last connection to close still checkpoints every commit into the database file
/// (so a backup that copies the database alone holds them), but keeps the log, emptied,
/// and its index instead of deleting them: the next pfp then neither creates the log
/// nor rebuilds the index: about 0.3 ms of a short command, measured (the folder is
/// still synced: SQLite does so whenever it opens a log). With `journal_size_limit` set,
/// SQLite truncates the kept log to nothing at that close.
fn keep_wal_file(conn: &rusqlite::Connection) {
    let mut on: std::ffi::c_int = 1;
    // SAFETY: the handle is the live connection's, "main" its schema, and
    // SQLITE_FCNTL_PERSIST_WAL reads and writes the one int pointed to (SQLite's
    // documentation of sqlite3_file_control). A failure only keeps SQLite's default.
    unsafe {
        rusqlite::ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
            (&raw mut on).cast(),
        );
    }
}

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

    /// Opens (creating if needed) a SQLite file in WAL mode and migrates it.
    pub fn open_sqlite(path: &std::path::Path) -> Result<Conn, Error> {
        let shown = path.display();
        if path.is_dir() {
            return Err(Error::config(format!(
                "cannot open SQLite database '{shown}': it is a directory"
            ))
            .hint(format!(
                "name a file in it, e.g. sqlite:{}",
                path.join("pfp.db").display()
            )));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::config(format!(
                    "cannot create the database folder '{}': {e}",
                    dir.display()
                ))
            })?;
        }
        let mut conn = rusqlite::Connection::open(path)
            .map_err(|e| Error::config(format!("cannot open SQLite database '{shown}': {e}")))?;
        // Every statement goes through the statement cache (a bulk run repeats a few dozen
        // per file); rusqlite's default keeps 16.
        conn.set_prepared_statement_cache_capacity(64);
        conn.busy_timeout(SQLITE_BUSY_TIMEOUT)
            .and_then(|()| conn.pragma_update(None, "journal_mode", "WAL"))
            .and_then(|()| conn.pragma_update(None, "foreign_keys", "ON"))
            .and_then(|()| conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT))
            .map_err(|e| sqlite_error(e, &format!("setting up SQLite database '{shown}'")))?;
        keep_wal_file(&conn);
        migrate_sqlite(&mut conn, migrations::SQLITE).map_err(|e| match e {
            Migration::Sqlite(err) => {
                sqlite_error(err, &format!("migrating SQLite database '{shown}'"))
            }
            Migration::Newer(found) => Error::config(format!(
                "SQLite database '{shown}' is at schema version {found}, newer than this pfp knows ({}): use a newer pfp",
                migrations::SQLITE.len()
            )),
        })?;
        Ok(Conn::Sqlite(conn))
    }

    /// Connects to PostgreSQL (the connection task runs on the shared runtime), over TLS
    /// as `sslmode` says, with the parts `settings::libpq` completed: the config is built
    /// from them, never from a URL parsed again.
    pub async fn open_postgres(
        params: &PgParams,
        connect_timeout: Duration,
    ) -> Result<(Conn, Transport), Error> {
        let tls = TlsParams {
            mode: params.sslmode,
            root_cert: params.sslrootcert.clone(),
        };
        // The URL's other parameters (`options`, `keepalives`, ...) in tokio-postgres's
        // key=value form; the parts pfp knows are set one by one.
        let other: Vec<String> = params
            .other
            .iter()
            .map(|(k, v)| format!("{k}='{}'", v.replace('\\', "\\\\").replace('\'', "\\'")))
            .collect();
        let mut config = if other.is_empty() {
            tokio_postgres::Config::new()
        } else {
            tokio_postgres::Config::from_str(&other.join(" "))
                .map_err(|e| Error::config(format!("invalid PostgreSQL URL parameter: {e}")))?
        };
        for host in params.host.split(',') {
            config.host(host);
        }
        for port in params.port.split(',') {
            config.port(
                port.parse()
                    .map_err(|_| Error::config(format!("invalid PostgreSQL port '{port}'")))?,
            );
        }
        let request_timeout = connect_timeout;
        // The URL's own `connect_timeout` (seconds, as libpq reads it) wins over pfp's.
        let connect_timeout = config
            .get_connect_timeout()
            .copied()
            .unwrap_or(connect_timeout);
        config
            .user(&params.user)
            .dbname(&params.dbname)
            .application_name(&params.application_name)
            .connect_timeout(connect_timeout);
        if let Some(password) = &params.password {
            config.password(password.expose());
        }
        // libpq never uses TLS on a Unix socket, whatever sslmode says (the server would
        // refuse it there): a socket directory connects as psql connects to it.
        let unix = config
            .get_hosts()
            .iter()
            .all(|h| !matches!(h, Host::Tcp(_)));
        config.ssl_mode(match tls.mode {
            _ if unix => tokio_postgres::config::SslMode::Disable,
            SslMode::Disable => tokio_postgres::config::SslMode::Disable,
            SslMode::Prefer => tokio_postgres::config::SslMode::Prefer,
            _ => tokio_postgres::config::SslMode::Require,
        });
        let target = params.target();
        let connector = pg_tls::RustlsConnect::new(&tls)?;
        // tokio-postgres bounds the TCP connect alone; libpq's connect_timeout bounds the
        // whole start (TLS, the startup message, authentication), which a port that
        // accepts and never answers (some other service, a stuck server) would hold
        // forever: bounded here as in libpq, each host in turn.
        let hosts = u32::try_from(config.get_hosts().len()).unwrap_or(1).max(1);
        let started = tokio::time::timeout(
            connect_timeout.saturating_mul(hosts),
            config.connect(connector.clone()),
        )
        .await
        .map_err(|_| {
            Error::new(
                Kind::Unavailable,
                format!(
                    "connecting to PostgreSQL at {target}: no answer within {} s of connecting: the port accepts connections but does not speak PostgreSQL's protocol, or the server is stuck",
                    connect_timeout.saturating_mul(hosts).as_secs()
                ),
            )
            .hint(format!(
                "check the host and port in {} (is it PostgreSQL's?), or raise connect_timeout in the URL or {}",
                Setting::Database.var(),
                Setting::Timeout.name()
            ))
        })?;
        let (client, connection) = match started {
            Ok(started) => started,
            Err(e) => {
                let what = format!("connecting to PostgreSQL at {target}");
                // Not the server's answer in PostgreSQL's protocol: perhaps no PostgreSQL
                // at all (the object store's port, a web app's), which tokio-postgres
                // reads as a refusal of TLS and then as a broken stream.
                if e.as_db_error().is_none()
                    && let [Host::Tcp(host)] = config.get_hosts()
                    && let [port] = config.get_ports()
                    && let Some(answer) = not_postgres(host, *port).await
                {
                    return Err(Error::config(format!(
                        "{what}: the server there does not speak PostgreSQL's protocol: it answered {answer}"
                    ))
                    .hint(format!(
                        "check the host and port in {} (PostgreSQL's port is 5432 unless the server says otherwise)",
                        Setting::Database.var()
                    )));
                }
                // The server asked for a password and pfp has none (tokio-postgres
                // says `password missing`; libpq `fe_sendauth: no password supplied`).
                if e.as_db_error().is_none()
                    && crate::error::root_cause(&e).contains("password missing")
                {
                    return Err(Error::new(
                        Kind::Denied,
                        format!(
                            "{what}: the server asks for a password for user '{}', and none was given",
                            params.user
                        ),
                    )
                    .hint(
                        "give it in PGPASSWORD or ~/.pgpass (PGPASSFILE), as psql takes it, or in the URL; on a terminal pfp asks for it, as psql does",
                    )
                    .with_code(PASSWORD_MISSING));
                }
                return Err(tls_error(&e, &what, &tls).unwrap_or_else(|| postgres_error(e, &what)));
            }
        };
        let task = tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("PostgreSQL connection closed: {e}");
            }
        });
        // A lock another session holds (an app's transaction left open on a user's row)
        // is waited for no longer than `--timeout`, as pfp waits for an answer, unless
        // the session bounds it already (the URL's options, the role's or the database's
        // settings): a statement waited forever, and an import with it.
        // (PostgreSQL takes at most i32::MAX ms, about 24 days.)
        // The first statement, waited for no longer than any other answer: a pooler in
        // front of the server (PgBouncer) has let the client in, and holds it until a
        // server connection is free.
        let wait = request_timeout.as_millis().clamp(1, i32::MAX as u128);
        let what = format!("setting up the session at {target}");
        tokio::time::timeout(
            request_timeout,
            client.batch_execute(&format!(
                "SELECT set_config('lock_timeout', '{wait}ms', false) WHERE current_setting('lock_timeout') = '0'; {KEEP_IDLE_SESSION}"
            )),
        )
        .await
        .map_err(|_| {
            Error::new(
                Kind::Unavailable,
                format!(
                    "{what}: no answer within {} s (a pooler such as PgBouncer holds a client until one of its server connections is free)",
                    request_timeout.as_secs()
                ),
            )
            .hint(format!(
                "check the server or its pooler (PgBouncer: SHOW POOLS; a pool's size), or wait longer with {}",
                Setting::Timeout.name()
            ))
        })?
        .map_err(|e| postgres_error(e, &what))?;
        let transport = Transport {
            target,
            encrypted: connector.used(),
            unix,
            mode: tls.mode,
            loopback: is_loopback(&config),
        };
        let pg = Pg::new(client, task);
        Ok((Conn::Postgres(pg), transport))
    }

    /// Whether every PostgreSQL migration of these tracks (name, number of steps) is
    /// applied. Every run opens the database, and nearly every time every step is: one
    /// round trip tells, where applying them takes six a step. False when the table is
    /// missing too. (The names are pfp's own, never input.)
    pub async fn postgres_migrated(&mut self, tracks: &[(&str, usize)]) -> bool {
        match self {
            Conn::Postgres(Pg { client, .. }) => Self::applied(client, tracks).await,
            Conn::Sqlite(_) => true,
        }
    }

    async fn applied(client: &tokio_postgres::Client, tracks: &[(&str, usize)]) -> bool {
        let wanted: usize = tracks.iter().map(|(_, steps)| steps).sum();
        let each: Vec<String> = tracks
            .iter()
            .map(|(track, steps)| format!("(track = '{track}' AND version BETWEEN 1 AND {steps})"))
            .collect();
        // (track, version) is the table's key: the count is the number of steps applied.
        let sql = format!(
            "SELECT count(*) FROM pfp_schema_migrations WHERE {}",
            each.join(" OR ")
        );
        let Ok(messages) = client.simple_query(&sql).await else {
            return false;
        };
        let count = messages.iter().find_map(|m| match m {
            tokio_postgres::SimpleQueryMessage::Row(row) => row.get(0),
            _ => None,
        });
        count == Some(wanted.to_string().as_str())
    }

    /// Whether any step of this migration track was ever applied (PostgreSQL). A role
    /// that may not read pfp's tables is refused here (exit 6), naming them: taken for
    /// "no tables", its database read as one whose `users` table pfp did not make.
    pub async fn postgres_track_started(&mut self, track: &str) -> Result<bool, Error> {
        let Conn::Postgres(Pg { client, .. }) = self else {
            return Ok(true);
        };
        match client
            .query_opt(
                "SELECT 1 FROM pfp_schema_migrations WHERE track = $1 LIMIT 1",
                &[&track],
            )
            .await
        {
            Ok(row) => Ok(row.is_some()),
            // No table: no track. Any other failure is said as what it is (it read as "no
            // pfp tables yet": a pooler's refusal, a lost session, a role without
            // privileges on them).
            Err(e) if e.code() == Some(&tokio_postgres::error::SqlState::UNDEFINED_TABLE) => {
                Ok(false)
            }
            Err(e) => Err(postgres_error(e, "reading pfp's tables")),
        }
    }

    /// Whether a table of this name is visible on the search path (PostgreSQL).
    pub async fn postgres_has_table(&mut self, name: &str) -> Result<bool, Error> {
        let Conn::Postgres(Pg { client, .. }) = self else {
            return Ok(false);
        };
        let row = client
            .query_one("SELECT to_regclass($1) IS NOT NULL", &[&name])
            .await
            .map_err(|e| postgres_error(e, "looking for pfp's tables"))?;
        Ok(row.get(0))
    }

    /// Applies the PostgreSQL migrations of one track that are not applied yet.
    pub async fn migrate_postgres(
        &mut self,
        track: &str,
        steps: &[&str],
        ledger: &TableName,
    ) -> Result<(), Error> {
        let Conn::Postgres(Pg { client, .. }) = self else {
            return Ok(());
        };
        let what = "migrating the PostgreSQL schema";
        let fail = |e| postgres_error(e, what);
        if Self::applied(client, &[(track, steps.len())]).await {
            return Ok(());
        }
        client
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS pfp_schema_migrations (
                    track TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL,
                    PRIMARY KEY (track, version))",
            )
            .await
            .map_err(fail)?;
        for (i, step) in steps.iter().enumerate() {
            let version = i32::try_from(i + 1).unwrap_or(i32::MAX);
            client.batch_execute(PG_BEGIN).await.map_err(fail)?;
            let step_done = async {
                // One migrator at a time; the others wait and then see the step applied.
                client
                    .execute(
                        "SELECT pg_advisory_xact_lock($1)",
                        &[&super::owner_lock::MIGRATION_LOCK],
                    )
                    .await?;
                let done = client
                    .query_opt(
                        "SELECT 1 FROM pfp_schema_migrations WHERE track = $1 AND version = $2",
                        &[&track, &version],
                    )
                    .await?
                    .is_some();
                if !done {
                    let sql = step
                        .replace("{ledger}", &ledger.to_string())
                        .replace("{settings}", &ledger.sibling("pfp_settings").to_string())
                        .replace(
                            "{replaced_values}",
                            &ledger.sibling(super::schema::REPLACED_VALUES).to_string(),
                        );
                    client.batch_execute(&sql).await?;
                    client
                        .execute(
                            "INSERT INTO pfp_schema_migrations (track, version, applied_at) VALUES ($1, $2, $3)",
                            &[&track, &version, &now()],
                        )
                        .await?;
                }
                client.batch_execute("COMMIT").await
            }
            .await;
            if let Err(e) = step_done {
                let _ = client.batch_execute("ROLLBACK").await;
                return Err(fail(e));
            }
        }
        Ok(())
    }

    /// Starts a transaction and runs its first statements, queries (a row lock, then what
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

/// The time `age` before now, as [`now_micros`] writes times (so the two compare as text).
pub fn ago(age: Duration) -> String {
    let age = chrono::Duration::from_std(age).unwrap_or(chrono::Duration::MAX);
    chrono::Utc::now()
        .checked_sub_signed(age)
        .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC)
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn to_sqlite(value: &Value) -> rusqlite::types::Value {
    match value {
        Value::Null => rusqlite::types::Value::Null,
        Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
        Value::Int(i) => rusqlite::types::Value::Integer(*i),
        Value::Bool(b) => rusqlite::types::Value::Integer(i64::from(*b)),
    }
}

/// A bound value for PostgreSQL, converted to whatever type the server asks for.
#[derive(Debug)]
struct PgValue<'a>(&'a Value);

impl tokio_postgres::types::ToSql for PgValue<'_> {
    fn to_sql(
        &self,
        ty: &tokio_postgres::types::Type,
        out: &mut tokio_postgres::types::private::BytesMut,
    ) -> Result<tokio_postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use tokio_postgres::types::Type;
        match (self.0, ty) {
            (Value::Null, _) => Ok(tokio_postgres::types::IsNull::Yes),
            (Value::Int(i), &Type::INT2) => i16::try_from(*i)?.to_sql(ty, out),
            (Value::Int(i), &Type::INT4) => i32::try_from(*i)?.to_sql(ty, out),
            (Value::Int(i), &Type::INT8) => i.to_sql(ty, out),
            (Value::Int(i), _) => i.to_string().to_sql(ty, out),
            (Value::Bool(b), &Type::BOOL) => b.to_sql(ty, out),
            (Value::Bool(b), _) => i64::from(*b).to_sql(ty, out),
            (Value::Text(s), _) => s.as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &tokio_postgres::types::Type) -> bool {
        true
    }

    tokio_postgres::types::to_sql_checked!();
}

/// A bound value sent as text, for a statement run unprepared: the server parses it as
/// the type it infers for the parameter.
#[derive(Debug)]
struct PgText<'a>(&'a Value);

impl tokio_postgres::types::ToSql for PgText<'_> {
    fn to_sql(
        &self,
        _ty: &tokio_postgres::types::Type,
        out: &mut tokio_postgres::types::private::BytesMut,
    ) -> Result<tokio_postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let text = match self.0 {
            Value::Null => return Ok(tokio_postgres::types::IsNull::Yes),
            Value::Text(s) => std::borrow::Cow::Borrowed(s.as_str()),
            Value::Int(i) => std::borrow::Cow::Owned(i.to_string()),
            Value::Bool(b) => std::borrow::Cow::Borrowed(if *b { "true" } else { "false" }),
        };
        out.extend_from_slice(text.as_bytes());
        Ok(tokio_postgres::types::IsNull::No)
    }

    fn accepts(_: &tokio_postgres::types::Type) -> bool {
        true
    }

    fn encode_format(&self, _: &tokio_postgres::types::Type) -> tokio_postgres::types::Format {
        tokio_postgres::types::Format::Text
    }

    tokio_postgres::types::to_sql_checked!();
}

/// Every row as values.
fn pg_values(rows: &[tokio_postgres::Row]) -> Result<Vec<Vec<Value>>, Error> {
    rows.iter()
        .map(|row| {
            (0..row.len())
                .map(|i| read_pg(row, i))
                .collect::<Result<Vec<_>, _>>()
        })
        .collect()
}

fn read_pg(row: &tokio_postgres::Row, i: usize) -> Result<Value, Error> {
    use tokio_postgres::types::Type;
    let ty = row.columns()[i].type_().clone();
    let bad = |e: tokio_postgres::Error| postgres_error(e, "reading a row");
    Ok(match ty {
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)
            .map_err(bad)?
            .map_or(Value::Null, |v| Value::Int(v.into())),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)
            .map_err(bad)?
            .map_or(Value::Null, |v| Value::Int(v.into())),
        Type::INT8 => row
            .try_get::<_, Option<i64>>(i)
            .map_err(bad)?
            .map_or(Value::Null, Value::Int),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)
            .map_err(bad)?
            .map_or(Value::Null, Value::Bool),
        _ => row
            .try_get::<_, Option<String>>(i)
            .map_err(bad)?
            .map_or(Value::Null, Value::Text),
    })
}

/// Why a SQLite migration failed.
enum Migration {
    Sqlite(rusqlite::Error),
    /// The database is at a version this pfp does not know (a newer pfp migrated it).
    Newer(i64),
}

/// Applies the steps of `steps` the database has not applied yet, in order, in one
/// transaction that takes the write lock first (`BEGIN IMMEDIATE`: concurrent first runs
/// wait and then find the steps applied), recording the count in `user_version`. The
/// PostgreSQL migrator keeps the same rules with a table and an advisory lock
/// (`migrate_postgres`).
///
/// A database that is up to date is only read (a WAL reader never waits for a writer):
/// a command that writes nothing, such as `get-url`, does not queue behind the app's
/// write transactions, and a command that writes waits only where it writes.
fn migrate_sqlite(conn: &mut rusqlite::Connection, steps: &[&str]) -> Result<(), Migration> {
    let latest = i64::try_from(steps.len()).unwrap_or(i64::MAX);
    let applied: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(Migration::Sqlite)?;
    if applied > latest {
        return Err(Migration::Newer(applied));
    }
    if applied == latest {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(Migration::Sqlite)?;
    let applied: i64 = tx
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(Migration::Sqlite)?;
    if applied > latest {
        return Err(Migration::Newer(applied));
    }
    for step in steps.iter().skip(usize::try_from(applied).unwrap_or(0)) {
        tx.execute_batch(step).map_err(Migration::Sqlite)?;
    }
    if applied < latest {
        tx.pragma_update(None, "user_version", latest)
            .map_err(Migration::Sqlite)?;
    }
    tx.commit().map_err(Migration::Sqlite)
}

/// How a PostgreSQL connection travels.
#[derive(Clone, Debug)]
pub struct Transport {
    /// `host:port/db`.
    pub target: String,
    pub encrypted: bool,
    /// Every host is a Unix socket (then never encrypted, and never needing to be).
    pub unix: bool,
    pub mode: SslMode,
    /// A loopback address or a Unix socket: plain there is not worth a warning.
    pub loopback: bool,
}

fn is_loopback(config: &tokio_postgres::Config) -> bool {
    config.get_hosts().iter().all(|h| match h {
        Host::Tcp(name) => {
            name == "localhost"
                || name
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        #[cfg(unix)]
        Host::Unix(_) => true,
    })
}

/// The code of the error for a server that asked for a password pfp does not have: on a
/// terminal the caller may ask for one, as psql does, and open the database again.
pub const PASSWORD_MISSING: &str = "password_missing";

/// Asks `host:port` what PostgreSQL's clients ask first ([`crate::peer::POSTGRES_SSL_REQUEST`],
/// to which a PostgreSQL server or pooler answers one byte and waits): the start of any
/// other answer, described, or `None` where the answer is PostgreSQL's or none came (a
/// refused connection, a port that says nothing: the error already names those).
async fn not_postgres(host: &str, port: u16) -> Option<String> {
    use crate::peer;
    let mut answer = peer::ask(host, port, &peer::POSTGRES_SSL_REQUEST).await?;
    // A TLS-only port (an HTTPS object store's, a web server's) closes on the request
    // without a word; asked with the start of a TLS handshake, it answers with an alert.
    if answer.is_empty() {
        answer = peer::ask(host, port, &peer::TLS_HELLO_FRAGMENT).await?;
    }
    if answer.is_empty() || matches!(answer.as_slice(), [b'S' | b'N']) {
        return None;
    }
    Some(peer::described(&answer))
}

/// A failed TLS negotiation is a configuration problem (exit 7), not a server that is
/// down (exit 5): retrying would fail the same way.
fn tls_error(err: &tokio_postgres::Error, what: &str, tls: &TlsParams) -> Option<Error> {
    let text = err.to_string();
    let cause = crate::error::root_cause(err);
    let mode = tls.mode.as_str();
    if text.contains("does not support TLS") || cause.contains("does not support TLS") {
        return Some(
            Error::config(format!(
                "{what}: the server does not offer TLS, and sslmode={mode} requires it"
            ))
            .hint("enable ssl on the server, or (on a trusted network only) use sslmode=prefer"),
        );
    }
    if text.contains("TLS") || cause.contains("certificate") || cause.contains("Certificate") {
        let hint = match &tls.root_cert {
            _ if crate::error::certificate_advice(&cause).is_some() => {
                crate::error::certificate_advice(&cause)
                    .unwrap_or_default()
                    .to_owned()
            }
            Some(path) => format!(
                "check that sslrootcert '{}' is the CA that signed the server's certificate, and (verify-full) that the host name is in it",
                path.display()
            ),
            None => {
                "set sslrootcert=PATH to the CA that signed the server's certificate".to_owned()
            }
        };
        return Some(
            Error::config(format!("{what}: TLS (sslmode={mode}) failed: {cause}")).hint(hint),
        );
    }
    None
}

/// Runs one parameterless statement through the connection's statement cache: a bulk
/// run begins and commits once per file, and preparing `BEGIN IMMEDIATE` and `COMMIT`
/// anew each time showed in its profile.
fn run_cached(conn: &rusqlite::Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([]).map(drop)
}

/// Said of a write that a trigger refused (an app's rule on its own table, in its own
/// words): the value was refused, as by a constraint, and no bug of pfp's.
const TRIGGER_REFUSED: &str = "a rule of the database (a trigger: the app's, or a DBA's) refused the write, in its own words above";

/// SQLite errors: a busy database is "unavailable" (retry later), a constraint is invalid
/// input, anything else internal.
pub fn sqlite_error(err: rusqlite::Error, what: &str) -> Error {
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
pub fn postgres_error(err: tokio_postgres::Error, what: &str) -> Error {
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

/// `-v`: one line per statement, its kind (`SELECT`, `UPDATE`, ...), rows and time.
/// A SQLite text (or blob) as a `String`, invalid UTF-8 replaced. Valid text, nearly
/// all of it, is checked by `str::from_utf8`'s fast scan rather than by the lossy
/// decoder's chunks (4.5% of an export's CPU).
fn text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(valid) => valid.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn log_statement(sql: &str, rows: Result<u64, &Error>, started: std::time::Instant) {
    let kind = sql.split_whitespace().next().unwrap_or("?");
    let elapsed = started.elapsed();
    match rows {
        Ok(rows) => tracing::info!(target: "pfp::db", "{kind}: {rows} rows in {elapsed:.1?}"),
        Err(e) => tracing::info!(target: "pfp::db", "{kind}: failed in {elapsed:.1?}: {e}"),
    }
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
