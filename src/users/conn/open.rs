//! Opening a database: SQLite's file, or a PostgreSQL session (TLS as `sslmode` says,
//! its start bounded as libpq bounds it), and migrating its schema.

use std::str::FromStr;
use std::time::Duration;

use super::errors::{postgres_error, sqlite_error};
use super::pg::Pg;
use super::{Conn, PG_BEGIN, SQLITE_BUSY_TIMEOUT, now};
use crate::error::{Error, Kind, Setting};
use crate::users::mapping::TableName;
use crate::users::migrations;
use crate::users::pg_tls::{self, SslMode, TlsParams};
use crate::values::pg::PgParams;
use tokio_postgres::config::Host;

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
                        &[&crate::users::owner_lock::MIGRATION_LOCK],
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
                            &ledger.sibling(crate::users::schema::REPLACED_VALUES).to_string(),
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
