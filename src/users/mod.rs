//! The user database behind one interface: SQLite (embedded default) or PostgreSQL, with
//! pfp's own `users` table or an existing app's table mapped in the config.
//!
//! Besides the users, pfp keeps a ledger (`pfp_pictures`): every object it stored, for
//! whom, and which one is current. The ledger is how pfp knows which objects it owns; the
//! user's picture column always names the current ledger entry's URL, and both change in
//! one transaction that locks the user's row.

//!
//! One file per reason to change: `selector` (what `--user` names), `accounts` (the users),
//! `ledger` (its types and reads), `replace` (changing a picture under the row lock),
//! `owner_lock` (one critical section per folder), `schema` (how SQL names the tables),
//! `pfp_settings`, `migrations`, and `conn` (the two backends behind one connection).

mod accounts;
mod conn;
mod group;
mod kept_values;
mod ledger;
pub mod mapping;
pub mod migrations;
mod owner_lock;
mod pfp_settings;
mod pg_tls;
mod replace;
mod schema;
mod selector;

use std::time::Duration;

use crate::error::Error;
use conn::Conn;
use conn::Transport;
use mapping::Mapping;
use owner_lock::{CrossProcess, OwnerLocks};
use schema::{Schema, mapped_schema, owned_schema};

pub use accounts::{User, apps_value, users_list};
pub use ledger::{
    KeptValue, LedgerEntry, NewEntry, Owner, PictureKeyRow, PictureKind, Replaced, ReplacedSince,
    SizeEntry,
};
pub use owner_lock::LOCK_WAIT;
pub use replace::Locked;
pub use selector::{Selector, SelectorKind};

pub use conn::{PASSWORD_MISSING, SQLITE_BUSY_TIMEOUT, ago};

/// Which database to open: a SQLite file, or PostgreSQL with every part of the
/// connection known (`settings` completes them as libpq would).
#[derive(Clone, Copy, Debug)]
pub enum Target<'a> {
    Sqlite(&'a std::path::Path),
    Postgres(&'a crate::values::pg::PgParams),
}

/// The user database.
pub struct Db {
    conn: tokio::sync::Mutex<Conn>,
    locks: OwnerLocks,
    schema: Schema,
    /// `sqlite` or `postgres`, for messages.
    backend: &'static str,
    /// How a PostgreSQL connection travels (`None` for SQLite).
    transport: Option<Transport>,
    /// Group commit, while a bulk run has it on ([`Db::group_commits`]).
    group: group::Group,
    /// PostgreSQL: connections of their own for the picture changes of a bulk run
    /// ([`Db::parallel_writers`]).
    writers: Writers,
    /// What opening it made, if it made a new database: said on stderr, so that a
    /// mistyped path given to a command that may create one is seen at once.
    created: Option<String>,
}

/// PostgreSQL's counterpart of the group commit: a bulk run's picture changes each take
/// a connection of a small pool for their transaction, so that several commit side by
/// side (the server flushes its log once for commits that arrive together) while the
/// lookups and the owner locks go on over the first connection. Opened once, on first
/// use; used only while on.
struct Writers {
    /// How to open them (`None`: SQLite).
    params: Option<(crate::values::pg::PgParams, Duration)>,
    pool: tokio::sync::OnceCell<Vec<tokio::sync::Mutex<Conn>>>,
    on: std::sync::atomic::AtomicBool,
    next: std::sync::atomic::AtomicUsize,
}

impl Writers {
    /// Two to four did as well as eight or twelve on loopback (2,000 avatars, 4 rounds
    /// each: one 551, two 668, four 698, eight 672, twelve 662 files/s), and each is a
    /// backend of the server that an app's pool may need.
    const MOST: usize = 4;

    /// How long a writer may take to start (connect, and answer its first statement)
    /// before the run goes on without it: they are a speed-up, and a pooler whose server
    /// connections are all in use holds a new client's first statement until one is
    /// free (PgBouncer's `query_wait_timeout`, 120 s by default), which held the import
    /// that long.
    const START: Duration = Duration::from_secs(5);

    fn new(params: Option<(crate::values::pg::PgParams, Duration)>) -> Writers {
        Writers {
            params,
            pool: tokio::sync::OnceCell::new(),
            on: std::sync::atomic::AtomicBool::new(false),
            next: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// A free writer, or the next one in turn if all are busy; `None` while off.
    async fn take(&self) -> Option<tokio::sync::MutexGuard<'_, Conn>> {
        use std::sync::atomic::Ordering::Relaxed;
        if !self.on.load(Relaxed) {
            return None;
        }
        let pool = self.pool.get().filter(|p| !p.is_empty())?;
        if let Some(free) = pool.iter().find_map(|c| c.try_lock().ok()) {
            return Some(free);
        }
        Some(
            pool[self.next.fetch_add(1, Relaxed) % pool.len()]
                .lock()
                .await,
        )
    }
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .field("table", &self.schema.table.to_string())
            .finish_non_exhaustive()
    }
}

/// Whether opening may make a new database: the SQLite file, or pfp's own tables in a
/// PostgreSQL database that has none yet. Only the commands that put something into a
/// new database do; every other command refuses a database pfp has never set up, so
/// that a mistyped `--db` is an error rather than a new, empty database (or pfp's tables
/// made in someone else's). Migrating a database pfp set up is always allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Create {
    Allowed,
    Refused,
}

/// The hint of a refusal to make a new database.
const CREATES_HINT: &str = "check the database (--db, DATABASE_URL); 'pfp user add' or 'pfp user import' sets up a new one";

impl Db {
    /// Opens the database, creating (where `create` allows) and migrating pfp's tables
    /// as needed.
    pub async fn open(
        target: Target<'_>,
        mapping: Option<&Mapping>,
        connect_timeout: Duration,
        create: Create,
    ) -> Result<Db, Error> {
        match target {
            Target::Sqlite(path) => {
                if mapping.is_some() {
                    return Err(Error::config(
                        "[database.mapping] is for an existing PostgreSQL database; SQLite databases are pfp's own",
                    ));
                }
                if create == Create::Refused && !path.exists() {
                    return Err(Error::not_found(format!(
                        "no SQLite database at '{}'",
                        path.display()
                    ))
                    .hint(CREATES_HINT));
                }
                let created = (!path.exists())
                    .then(|| format!("a new SQLite database at '{}'", path.display()));
                let conn = Conn::open_sqlite(path)?;
                let mut lock_file = path.as_os_str().to_owned();
                lock_file.push("-pfp-lock");
                Ok(Db {
                    conn: tokio::sync::Mutex::new(conn),
                    locks: OwnerLocks::new(CrossProcess::File(lock_file.into())),
                    schema: owned_schema("CAST($1 AS INTEGER)", "$1"),
                    backend: "sqlite",
                    transport: None,
                    group: group::Group::default(),
                    writers: Writers::new(None),
                    created,
                })
            }
            Target::Postgres(params) => {
                let (mut conn, transport) = Conn::open_postgres(params, connect_timeout).await?;
                let ledger = ("ledger", migrations::POSTGRES_LEDGER.len());
                let users = ("users", migrations::POSTGRES_USERS.len());
                let tracks = if mapping.is_none() {
                    &[users, ledger][..]
                } else {
                    &[ledger][..]
                };
                // A refusal (no pfp tables where this command makes none, an app's
                // `users` table, a mapping that does not fit) ends the session as a
                // client should, not by dropping its socket.
                let prepared = async {
                    // Both tracks checked in one round trip; each is migrated only if not.
                    let migrated = conn.postgres_migrated(tracks).await;
                    let mut created = None;
                    let schema = match mapping {
                        None => {
                            let schema =
                                owned_schema("CAST($1::text AS bigint)", "CAST($1::text AS uuid)");
                            if !migrated {
                                // A database where pfp has never made its tables: not made
                                // by a read, and never where a `users` table is already
                                // (an app's, which pfp must not take for its own).
                                if !conn.postgres_track_started("users").await? {
                                    if conn.postgres_has_table("users").await? {
                                        return Err(Error::config(format!(
                                            "PostgreSQL database {} already has a 'users' table that pfp did not make (an app's?): pfp leaves it alone",
                                            params.target()
                                        ))
                                        .hint(
                                            "to manage the pictures of an app's users table, map it ([database.mapping]: README, \"Existing-schema mode\"); for pfp's own users, point --db (DATABASE_URL) at a database or schema of their own",
                                        ));
                                    }
                                    if create == Create::Refused {
                                        return Err(Error::not_found(format!(
                                            "PostgreSQL database {} has no pfp tables yet",
                                            params.target()
                                        ))
                                        .hint(CREATES_HINT));
                                    }
                                    created = Some(format!(
                                        "pfp's tables in PostgreSQL database {}",
                                        params.target()
                                    ));
                                }
                                conn.migrate_postgres(
                                    "users",
                                    migrations::POSTGRES_USERS,
                                    &schema.ledger,
                                )
                                .await?;
                            }
                            schema
                        }
                        Some(m) => mapped_schema(&mut conn, m).await?,
                    };
                    if !migrated {
                        conn.migrate_postgres("ledger", migrations::POSTGRES_LEDGER, &schema.ledger)
                            .await?;
                    }
                    Ok::<_, Error>((schema, created))
                }
                .await;
                let (schema, created) = match prepared {
                    Ok(prepared) => prepared,
                    Err(e) => {
                        conn.close().await;
                        return Err(e);
                    }
                };
                Ok(Db {
                    conn: tokio::sync::Mutex::new(conn),
                    locks: OwnerLocks::new(CrossProcess::Postgres),
                    schema,
                    backend: "postgres",
                    transport: Some(transport),
                    group: group::Group::default(),
                    writers: Writers::new(Some((params.clone(), connect_timeout))),
                    created,
                })
            }
        }
    }

    /// Closes the database's connections (see `Conn::close`).
    pub async fn close(self) {
        let mut conns = vec![self.conn.into_inner()];
        if let Some(pool) = self.writers.pool.into_inner() {
            conns.extend(pool.into_iter().map(tokio::sync::Mutex::into_inner));
        }
        futures_util::future::join_all(conns.into_iter().map(Conn::close)).await;
    }

    /// Commits the picture changes of many files together while `on` (see `users/group.rs`),
    /// on SQLite: for the files of a bulk run, each of which waits up to a millisecond for
    /// its batch. PostgreSQL keeps one transaction per change. Turned off only once no
    /// change is in flight (each waits for its batch's commit).
    pub fn group_commits(&self, on: bool) {
        self.group.set_enabled(on && self.backend == "sqlite");
    }

    /// PostgreSQL: while `jobs > 1`, each picture change of a bulk run takes one of up to
    /// `jobs` (at most `Writers::MOST`) connections of its own for its transaction
    /// (`Writers`); at `jobs <= 1`, every statement goes over the one connection again.
    /// The connections are opened the first time it is turned on; where the server
    /// refuses some (`max_connections`), the run goes on with those it has, or with the
    /// one connection. SQLite: nothing (see [`Db::group_commits`]).
    pub async fn parallel_writers(&self, jobs: usize) {
        use std::sync::atomic::Ordering::Relaxed;
        let Some((params, timeout)) = &self.writers.params else {
            return;
        };
        if jobs > 1 {
            self.writers
                .pool
                .get_or_init(|| async {
                    let asked = jobs.min(Writers::MOST);
                    let open = || async {
                        let start = Writers::START.min(*timeout);
                        tokio::time::timeout(start, Conn::open_postgres(params, *timeout))
                            .await
                            .unwrap_or_else(|_| {
                                Err(Error::new(
                                    crate::error::Kind::Unavailable,
                                    format!(
                                        "not started within {} s (a pooler with no server connection free?)",
                                        start.as_secs()
                                    ),
                                ))
                            })
                    };
                    let opened = futures_util::future::join_all((0..asked).map(|_| open())).await;
                    let mut refused = None;
                    let mut pool: Vec<_> = opened
                        .into_iter()
                        .filter_map(|c| match c {
                            Ok((conn, _)) => Some(tokio::sync::Mutex::new(conn)),
                            Err(e) => {
                                refused.get_or_insert(e);
                                None
                            }
                        })
                        .collect();
                    // PostgreSQL enforces a role's or a database's connection limit only
                    // approximately: sessions that start together each count the
                    // others, so all of them may be refused where a slot or two were
                    // left. Those are taken one at a time, until the server refuses one
                    // (only after such refusals: a connection that timed out is not
                    // tried again).
                    if refused.as_ref().is_some_and(conn::too_many_connections) {
                        while pool.len() < asked {
                            match open().await {
                                Ok((conn, _)) => pool.push(tokio::sync::Mutex::new(conn)),
                                Err(_) => break,
                            }
                        }
                    }
                    match refused {
                        Some(e) => tracing::info!(
                            "{} of {asked} more PostgreSQL connections for the files' changes (the others {}: {e})",
                            pool.len(),
                            if conn::too_many_connections(&e) {
                                "were refused"
                            } else {
                                "could not be had"
                            }
                        ),
                        None => tracing::debug!("{asked} more PostgreSQL connections for the files' changes"),
                    }
                    pool
                })
                .await;
        }
        self.writers.on.store(jobs > 1, Relaxed);
    }

    /// The connection for a transaction that changes a picture: a writer of
    /// [`Db::parallel_writers`] while on, else the one connection.
    async fn writer(&self) -> tokio::sync::MutexGuard<'_, Conn> {
        match self.writers.take().await {
            Some(writer) => writer,
            None => self.conn.lock().await,
        }
    }

    /// Runs a statement that needs no transaction (a read, an advisory lock taken or
    /// released) on the one connection, letting go of it while the answer travels: see
    /// [`Conn::send_query`].
    async fn read(
        &self,
        sql: &str,
        params: &[conn::Value],
    ) -> Result<Vec<Vec<conn::Value>>, Error> {
        let mut conn = self.conn.lock().await;
        match conn.send_query(sql, params).await? {
            Some(pending) => {
                drop(conn);
                pending.await
            }
            None => conn.query(sql, params).await,
        }
    }

    /// The group commit, if on.
    fn grouped(&self) -> Option<&group::Group> {
        self.group.enabled().then_some(&self.group)
    }

    /// Begins a transaction on `conn` (locked by the caller), committing an open batch
    /// of [`Db::group_commits`] first.
    async fn begin(&self, conn: &mut Conn) -> Result<(), Error> {
        self.group.commit(conn, None).await;
        conn.begin().await
    }

    /// Where a wait of over a second for an owner lock is said (the first of the run), with
    /// who holds the lock: a status line, so that a run that seems to hang says why.
    pub fn on_lock_wait(&self, reporter: owner_lock::WaitReporter) {
        self.locks.on_wait(reporter);
    }

    /// How long a step waits for another run's owner lock before it gives up, changing
    /// nothing (`--lock-timeout`; [`LOCK_WAIT`] unless set; zero: not at all).
    pub fn set_lock_timeout(&self, wait: std::time::Duration) {
        self.locks.set_wait(wait);
    }

    /// What the run should say about the owner locks before it ends (a lock released
    /// in another server session than its own: a pooler in transaction mode), each once.
    pub fn take_notices(&self) -> Vec<String> {
        self.locks.take_notices()
    }

    /// Whether pfp owns the users table (so `user add` may write to it).
    pub fn owns_users(&self) -> bool {
        self.schema.owned
    }

    /// The longest URL the picture column takes, if limited.
    pub fn picture_limit(&self) -> Option<usize> {
        self.schema.picture_limit
    }

    /// What opening this database made, if it made one: `a new SQLite database at
    /// '...'`, `pfp's tables in PostgreSQL database ...`.
    pub fn created(&self) -> Option<&str> {
        self.created.as_deref()
    }

    /// A warning when the password and the users' rows travel unencrypted to another
    /// host (as plain HTTP to a remote S3 endpoint gets one).
    pub fn plain_warning(&self) -> Option<String> {
        let t = self.transport.as_ref()?;
        (!t.encrypted && !t.loopback).then(|| {
            format!(
                "PostgreSQL at {} is plain TCP (sslmode={}): the password and the users' rows travel unencrypted (use sslmode=verify-full)",
                t.target,
                t.mode.as_str()
            )
        })
    }

    /// Whether the server takes writes: not a PostgreSQL standby (a replica's address),
    /// nor a session whose transactions are read-only, where every change pfp makes is
    /// refused. SQLite: yes.
    pub async fn takes_writes(&self) -> Result<bool, Error> {
        if self.backend != "postgres" {
            return Ok(true);
        }
        let rows = self
            .conn
            .lock()
            .await
            .query("SELECT current_setting('transaction_read_only')", &[])
            .await?;
        let read_only = rows
            .first()
            .and_then(|r| r.first())
            .and_then(conn::Value::text);
        Ok(read_only.as_deref() != Some("on"))
    }

    /// How the database connection travels, for `doctor`: `None` for SQLite.
    pub fn transport(&self) -> Option<String> {
        let t = self.transport.as_ref()?;
        Some(format!(
            "{} (sslmode={})",
            match (t.encrypted, t.unix) {
                (true, _) => "TLS",
                (false, true) => "a Unix socket, where TLS is never used",
                (false, false) => "plain TCP",
            },
            t.mode.as_str()
        ))
    }

    /// The schema description for `doctor` and messages.
    pub fn describe(&self) -> String {
        format!(
            "{} ({}, picture column {}{}{})",
            self.backend,
            if self.schema.owned {
                "pfp-owned users table".to_owned()
            } else {
                format!("mapped table {}", self.schema.table)
            },
            self.schema.picture,
            self.schema
                .picture_limit
                .map(|l| format!(" VARCHAR({l})"))
                .unwrap_or_default(),
            if self.schema.row_security {
                "; row security applies to this role: a user its policies hide is not found, and each change is counted before its commit"
            } else if self.schema.guarded {
                "; a trigger or rule of the table may skip a write: each change is counted before its commit"
            } else {
                ""
            }
        )
    }
}
