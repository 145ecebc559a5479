//! The owner lock: one pfp critical section at a time per folder of the bucket (one
//! user's pictures, the default pictures, the generated avatars), across the tasks of one
//! process and across processes.
//!
//! Every step that deletes or rewrites (publishing a picture, retiring the previous one,
//! undoing a failed upload, removing, and each repair of `verify --fix`) re-checks under
//! this lock what it is about to change. The lock is not a database transaction and not a
//! row lock: S3 requests and their retries happen while it is held, and an app sharing the
//! database never waits for them. The app's row is locked only for the short transaction
//! that writes it.
//!
//! Across processes: a session-level advisory lock in PostgreSQL (released by the server
//! if the process dies), an open-file-description lock on one byte of a lock file beside
//! a SQLite database (released by the kernel when the file is closed, or the process
//! dies). Within a process: a mutex per folder, since PostgreSQL's advisory locks are
//! re-entrant within the one session a process uses.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use tokio::sync::OwnedMutexGuard;

use crate::error::{Error, Kind};

/// PostgreSQL advisory lock numbers of pfp's own, apart from the folders' hashes: the
/// migrations' (transaction-level, so concurrent first runs do not race) and the default
/// picture's (no row to lock, so this stands in for it).
pub(crate) const MIGRATION_LOCK: i64 = 7_245_001;
pub(crate) const DEFAULT_PICTURE_LOCK: i64 = 7_245_002;

/// Takes a folder's advisory lock, unless this server session holds it already. No task
/// of this process does (the in-process mutex is held first), so a session that holds
/// it is shared with another client: a pooler in transaction or statement mode hands one
/// server session to many clients, and a session-level advisory lock is re-entrant
/// within it, so two pfp runs would both "hold" the lock (seen with PgBouncer's
/// `pool_mode = transaction`: two uploads for one user replaced the same picture).
/// Checked in the statement that takes the lock, the one moment the session is surely
/// the one the lock is taken in. `taken`, `busy` (another session holds it: wait), or
/// `shared`.
const TRY_ADVISORY_LOCK: &str = "SELECT CASE \
     WHEN EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() \
       AND granted AND objsubid = 1 AND CAST(classid AS bigint) = $2 AND CAST(objid AS bigint) = $3) \
       THEN 'shared' \
     WHEN pg_try_advisory_lock($1) THEN 'taken' ELSE 'busy' END";

/// The session that holds a folder's advisory lock in this database (the key's halves
/// as `pg_locks` shows them, as in [`TRY_ADVISORY_LOCK`]), with what `pg_stat_activity`
/// shows of it: process id, application, role, client address, state and for how long.
const LOCK_HOLDER: &str = "SELECT CAST(l.pid AS TEXT), a.application_name, \
     CAST(a.usename AS TEXT), host(a.client_addr), a.state, \
     CAST(CAST(EXTRACT(EPOCH FROM now() - a.state_change) AS bigint) AS TEXT) \
     FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid \
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 \
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) \
       AND CAST(l.classid AS bigint) = $1 AND CAST(l.objid AS bigint) = $2 LIMIT 1";

/// The error of a server session that already holds an owner lock pfp did not take.
fn shared_session(folder: &str) -> Error {
    Error::config(format!(
        "the database session pfp was given already holds the owner lock of '{folder}', which this run did not take: the session is shared with another client (a pooler in transaction or statement mode, such as PgBouncer's pool_mode = transaction) or was left holding it by one that ended (a pooler that does not reset sessions); nothing was changed under the lock"
    ))
    .hint("connect pfp to PostgreSQL directly, or through a pooler in session mode (PgBouncer: pool_mode = session, with its default server_reset_query = DISCARD ALL)")
}

/// How long a step waits for another pfp process to finish with the same folder, unless
/// `--lock-timeout` says otherwise ([`super::Db::set_lock_timeout`]).
pub const LOCK_WAIT: Duration = Duration::from_secs(120);

/// How long a wait goes unsaid: runs contending for a folder for a few milliseconds is
/// ordinary; a longer wait is said on stderr, the first of a run (as cargo says "Blocking
/// waiting for file lock"), naming who holds the lock, so that a run that seems to hang
/// says why.
const WAIT_SAID_AFTER: Duration = Duration::from_secs(1);

/// Told of each wait for a lock that lasted [`WAIT_SAID_AFTER`]: the line to show.
pub type WaitReporter = Box<dyn Fn(&str) + Send + Sync>;

/// Where the cross-process half of the lock lives.
pub(crate) enum CrossProcess {
    /// Advisory locks on the database connection.
    Postgres,
    /// Byte-range locks on this file.
    File(PathBuf),
}

/// The per-process table of folder mutexes and the cross-process mechanism.
pub(crate) struct OwnerLocks {
    local: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    pub(crate) cross: CrossProcess,
    /// What the operator should hear about the locks at the end of the run (see
    /// [`super::Db::take_notices`]): once each.
    notices: Mutex<Vec<String>>,
    /// Where a long wait is said (see [`super::Db::on_lock_wait`]), and whether one was:
    /// an import run twice by mistake waits for the first at each of its files, and one
    /// line says what all those waits are.
    reporter: std::sync::OnceLock<WaitReporter>,
    wait_said: std::sync::atomic::AtomicBool,
    /// How long to wait for another run's lock: [`LOCK_WAIT`] unless set.
    wait: std::sync::OnceLock<Duration>,
}

/// Held while a folder's critical section runs; see [`super::Db::with_owner_lock`].
pub(crate) struct Held {
    folder: String,
    _local: OwnedMutexGuard<()>,
    /// The lock file, for SQLite: closing it releases the byte lock.
    _file: Option<std::fs::File>,
}

impl OwnerLocks {
    pub(crate) fn new(cross: CrossProcess) -> Self {
        OwnerLocks {
            local: Mutex::new(HashMap::new()),
            cross,
            notices: Mutex::new(Vec::new()),
            reporter: std::sync::OnceLock::new(),
            wait_said: std::sync::atomic::AtomicBool::new(false),
            wait: std::sync::OnceLock::new(),
        }
    }

    pub(crate) fn set_wait(&self, wait: Duration) {
        let _ = self.wait.set(wait);
    }

    fn wait(&self) -> Duration {
        self.wait.get().copied().unwrap_or(LOCK_WAIT)
    }

    pub(crate) fn on_wait(&self, reporter: WaitReporter) {
        let _ = self.reporter.set(reporter);
    }

    /// Whether this wait is to be said: the run's first long wait only, where there is
    /// a reporter (asked before the holder is looked up, which costs a query).
    fn wait_to_be_said(&self) -> bool {
        self.reporter.get().is_some()
            && !self
                .wait_said
                .swap(true, std::sync::atomic::Ordering::Relaxed)
    }

    /// Says that this run waits for `folder`'s lock, held by `holder`.
    fn say_waiting(&self, folder: &str, holder: &Holder, wait: Duration) {
        if let Some(reporter) = self.reporter.get() {
            reporter(&format!(
                "Waiting for the lock on '{folder}', held by {}: another run is changing that folder (waiting up to {} s).",
                holder.who,
                wait.as_secs()
            ));
        }
    }

    fn notice(&self, notice: String) {
        let mut notices = self.notices.lock().unwrap_or_else(|p| p.into_inner());
        if !notices.contains(&notice) {
            notices.push(notice);
        }
    }

    pub(crate) fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut *self.notices.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// The in-process half: waits for other tasks of this process on `folder`.
    pub(crate) async fn local(&self, folder: &str) -> OwnedMutexGuard<()> {
        let mutex = {
            let mut table = self.local.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(table.entry(folder.to_owned()).or_default())
        };
        mutex.lock_owned().await
    }

    /// Forgets the mutexes nobody holds or waits for, so the table stays as small as the
    /// number of folders in use (an import touches a million).
    pub(crate) fn release(&self, held: Held) {
        let Held {
            folder,
            _local,
            _file,
        } = held;
        drop(_local);
        drop(_file);
        let mut table = self.local.lock().unwrap_or_else(|p| p.into_inner());
        if table
            .get(&folder)
            .is_some_and(|m| Arc::strong_count(m) == 1)
        {
            table.remove(&folder);
        }
    }

    /// The cross-process half for SQLite: one byte of the lock file, chosen by the
    /// folder's hash, locked with an open-file-description lock (per open file, so two
    /// tasks of one process exclude each other too). Polls, so a wait can time out.
    pub(crate) async fn lock_file(
        &self,
        path: &std::path::Path,
        folder: &str,
    ) -> Result<std::fs::File, Error> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| {
                Error::config(format!(
                    "cannot open the lock file '{}': {e}",
                    path.display()
                ))
            })?;
        let offset = lock_number(folder) & (i64::MAX >> 2);
        wait_until(
            self,
            folder,
            || std::future::ready(try_lock_byte(&file, offset)),
            || std::future::ready(file_lock_holder(path, offset)),
        )
        .await?;
        Ok(file)
    }

    pub(crate) fn held(
        folder: &str,
        local: OwnedMutexGuard<()>,
        file: Option<std::fs::File>,
    ) -> Held {
        Held {
            folder: folder.to_owned(),
            _local: local,
            _file: file,
        }
    }
}

/// The 64-bit number that stands for `folder` in PostgreSQL's advisory lock space and as
/// the lock file's byte offset: a hash, so any folder name fits. A collision between two
/// folders only makes them wait for each other.
pub(crate) fn lock_number(folder: &str) -> i64 {
    let digest = Sha256::digest(format!("pfp-owner-lock\0{folder}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(bytes)
}

fn try_lock_byte(file: &std::fs::File, offset: i64) -> Result<bool, Error> {
    use std::os::fd::AsRawFd;
    // SAFETY: a zeroed flock is a valid value; fcntl gets a valid descriptor and pointer.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as libc::c_short;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    lock.l_start = offset as libc::off_t;
    lock.l_len = 1;
    let rc = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_OFD_SETLK, &lock) };
    if rc == 0 {
        return Ok(true);
    }
    let err = std::io::Error::last_os_error();
    match err.raw_os_error() {
        Some(libc::EAGAIN | libc::EACCES) => Ok(false),
        _ => Err(Error::new(
            Kind::Unavailable,
            format!("cannot lock the database's lock file: {err}"),
        )),
    }
}

/// Who holds a lock this run waits for, as far as pfp can tell, for the line that says
/// so and for the timeout's error.
pub(crate) struct Holder {
    /// "PostgreSQL session 4242 (application 'pfp', ...)", "process 4242 (pfp)", or a
    /// description of the lock where its holder cannot be seen.
    who: String,
    /// What ends the holder (and so releases the lock), where it is known.
    end: Option<String>,
}

/// Calls `attempt` until it says the lock is taken, backing off from 2 ms to 100 ms, for
/// at most [`LOCK_WAIT`] (or `--lock-timeout`; 0: one attempt): the one wait of both
/// cross-process locks (a lock file's byte, a PostgreSQL advisory lock). A wait longer than [`WAIT_SAID_AFTER`] is said, and the
/// timeout's error names the holder, each as `holder` describes it then.
pub(crate) async fn wait_until<F, Fut, H, HFut>(
    locks: &OwnerLocks,
    folder: &str,
    mut attempt: F,
    holder: H,
) -> Result<(), Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool, Error>>,
    H: Fn() -> HFut,
    HFut: std::future::Future<Output = Holder>,
{
    let started = Instant::now();
    let wait = locks.wait();
    let mut said = false;
    let mut pause = Duration::from_millis(2);
    loop {
        if attempt().await? {
            return Ok(());
        }
        let waited = started.elapsed();
        if waited > wait {
            return Err(timed_out(folder, wait, holder().await));
        }
        if !said && waited >= WAIT_SAID_AFTER {
            said = true;
            if locks.wait_to_be_said() {
                locks.say_waiting(folder, &holder().await, wait);
            }
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

fn timed_out(folder: &str, wait: Duration, holder: Holder) -> Error {
    let error = Error::new(
        Kind::Unavailable,
        format!(
            "the lock on '{folder}' is still held after {} s, by {}; nothing was changed in that folder",
            wait.as_secs(),
            holder.who
        ),
    );
    match holder.end {
        Some(end) => error.hint(format!(
            "if that is not a pfp run at work (a long import, a slow upload), {end} releases the lock; if it is, a longer --lock-timeout waits for it"
        )),
        None => error.hint("run again once the other run is done, or with a longer --lock-timeout"),
    }
}

/// Who holds the lock byte `offset` of the lock file at `path`: the process with the file
/// open whose descriptor's locks (the `lock:` lines of `/proc/PID/fdinfo`) cover the byte. An
/// open-file-description lock has no owner pid of its own (`F_OFD_GETLK` and
/// `/proc/locks` say -1), so the descriptors are looked through, on this slow path only.
/// Processes of other users cannot be seen: then the file is named for `fuser`.
fn file_lock_holder(path: &std::path::Path, offset: i64) -> Holder {
    match lock_file_holder_pid(path, offset) {
        Some(pid) => {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            Holder {
                who: format!("process {pid} ({})", name.trim()),
                end: Some(format!("ending process {pid}")),
            }
        }
        None => Holder {
            who: format!(
                "another process (the lock file '{}': `fuser -v` on it lists who has it open)",
                path.display()
            ),
            end: None,
        },
    }
}

fn lock_file_holder_pid(path: &std::path::Path, offset: i64) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let file = std::fs::metadata(path).ok()?;
    let me = std::process::id();
    for process in std::fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = process
            .file_name()
            .to_str()
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(process.path().join("fd")) else {
            continue;
        };
        for fd in fds.flatten() {
            let same = std::fs::metadata(fd.path())
                .is_ok_and(|m| m.dev() == file.dev() && m.ino() == file.ino());
            if !same {
                continue;
            }
            let info = std::fs::read_to_string(process.path().join("fdinfo").join(fd.file_name()))
                .unwrap_or_default();
            if info.lines().any(|line| lock_line_covers(line, offset)) {
                return Some(pid);
            }
        }
    }
    None
}

/// Whether a `lock:` line of `/proc/PID/fdinfo/FD` ("lock:\t1: OFDLCK ADVISORY WRITE -1
/// 00:2b:1234 5 5") is a write lock whose range covers `offset`.
fn lock_line_covers(line: &str, offset: i64) -> bool {
    let Some(rest) = line.strip_prefix("lock:") else {
        return false;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let [.., start, end] = fields.as_slice() else {
        return false;
    };
    let start = start.parse::<i64>();
    let end = match *end {
        "EOF" => Ok(i64::MAX),
        end => end.parse::<i64>(),
    };
    fields.contains(&"WRITE")
        && matches!((start, end), (Ok(start), Ok(end)) if start <= offset && offset <= end)
}

use super::conn::Value;

impl super::Db {
    /// Runs `work` holding the owner lock of `folder` (see the module `users::owner_lock`):
    /// no other pfp task or process runs a critical section on the same folder meanwhile. Holds no
    /// transaction and no row: `work` takes those itself, briefly, for its database steps.
    pub async fn with_owner_lock<T>(
        &self,
        folder: &str,
        work: impl std::future::Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        let local = self.locks.local(folder).await;
        let (file, advisory) = match &self.locks.cross {
            CrossProcess::File(path) => (Some(self.locks.lock_file(path, folder).await?), None),
            CrossProcess::Postgres => {
                // The number is pfp's own hash of the folder, passed as a parameter.
                let key = lock_number(folder);
                // pg_locks shows a bigint advisory key as its high and low halves.
                let (high, low) = ((key >> 32) & 0xffff_ffff, key & 0xffff_ffff);
                wait_until(
                    &self.locks,
                    folder,
                    move || async move {
                        let rows = self
                            .read(
                                TRY_ADVISORY_LOCK,
                                &[Value::Int(key), Value::Int(high), Value::Int(low)],
                            )
                            .await?;
                        match rows
                            .first()
                            .and_then(|r| r.first())
                            .and_then(Value::text)
                            .as_deref()
                        {
                            Some("taken") => Ok(true),
                            Some("shared") => Err(shared_session(folder)),
                            _ => Ok(false),
                        }
                    },
                    move || self.advisory_lock_holder(high, low),
                )
                .await?;
                (None, Some(key))
            }
        };
        let held = OwnerLocks::held(folder, local, file);
        let result = work.await;
        if let Some(key) = advisory {
            // A lost connection has released the lock with the session.
            let sql = "SELECT CAST(pg_advisory_unlock($1) AS TEXT)";
            match self.read(sql, &[Value::Int(key)]).await {
                // Released in a session that did not hold it: a pooler in transaction
                // mode sent this statement to another server session than the one the
                // lock was taken in, where it stays held until the pooler closes that
                // connection. The work under it is done; the operator hears of it.
                Ok(rows)
                    if rows
                        .first()
                        .and_then(|r| r.first())
                        .and_then(Value::text)
                        .as_deref()
                        == Some("false") =>
                {
                    self.locks.notice(format!(
                        "the owner lock of '{folder}' was released in another database session than the one that took it: a pooler in transaction or statement mode (PgBouncer's pool_mode = transaction) is between pfp and PostgreSQL, and the lock stays held in that server session until the pooler closes it (other runs for the folder are refused or wait there); connect pfp directly, or through a pooler in session mode"
                    ));
                }
                Ok(_) => {}
                Err(e) => tracing::debug!("releasing the lock on '{folder}': {e}"),
            }
        }
        self.locks.release(held);
        result
    }

    /// Who holds the advisory lock whose key's halves are `high` and `low`: its session's
    /// process id and what `pg_stat_activity` shows of it (the columns PostgreSQL hides
    /// from a role that may not see another role's sessions are left out).
    async fn advisory_lock_holder(&self, high: i64, low: i64) -> Holder {
        let rows = self
            .read(LOCK_HOLDER, &[Value::Int(high), Value::Int(low)])
            .await;
        let row = match rows {
            Ok(rows) => rows.into_iter().next(),
            Err(e) => {
                tracing::debug!("asking who holds a lock: {e}");
                None
            }
        };
        let Some(row) = row else {
            return Holder {
                who: "another database session".to_owned(),
                end: None,
            };
        };
        let field = |i: usize| row.get(i).and_then(Value::text).filter(|v| !v.is_empty());
        let pid = field(0).unwrap_or_default();
        let mut about = Vec::new();
        if let Some(app) = field(1) {
            about.push(format!("application '{app}'"));
        }
        if let Some(role) = field(2) {
            about.push(format!("role '{role}'"));
        }
        if let Some(from) = field(3) {
            about.push(format!("from {from}"));
        }
        match (field(4).as_deref(), field(5)) {
            (Some("active"), _) => about.push("running a statement".to_owned()),
            (Some(state), Some(secs)) => about.push(format!("{state} for {secs} s")),
            (Some(state), None) => about.push(state.to_owned()),
            (None, _) => {}
        }
        let about = if about.is_empty() {
            String::new()
        } else {
            format!(" ({})", about.join(", "))
        };
        Holder {
            who: format!("PostgreSQL session {pid}{about}"),
            end: Some(format!("SELECT pg_terminate_backend({pid})")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::lock_line_covers;

    #[test]
    fn a_descriptors_lock_line_is_read_for_the_byte_it_covers() {
        // As Linux writes them in /proc/PID/fdinfo/FD.
        let line = "lock:\t1: OFDLCK ADVISORY  WRITE -1 00:2b:1234 5 5";
        assert!(lock_line_covers(line, 5));
        assert!(!lock_line_covers(line, 4) && !lock_line_covers(line, 6));
        assert!(lock_line_covers(
            "lock:\t1: OFDLCK ADVISORY  WRITE -1 00:2b:1234 5 EOF",
            1 << 60
        ));
        assert!(!lock_line_covers(
            "lock:\t1: OFDLCK ADVISORY  READ -1 00:2b:1234 5 5",
            5
        ));
        assert!(!lock_line_covers("pos:\t0", 0));
    }
}
