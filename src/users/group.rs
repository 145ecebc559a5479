//! Group commit for bulk runs on SQLite: the picture changes of many files in one
//! transaction, so one sync of the write-ahead log stands for all of them.
//!
//! Why: an `import` of small avatars spent much of its wall time in SQLite's `fsync` of
//! the log at each file's commit, with the one connection locked meanwhile, so that no
//! other file's lookup or change could run (2,000 avatars into s3s-fs: 869 files/s
//! committing each file, 1,153 with `synchronous=OFF`, which pfp does not use: a picture
//! committed and then lost to a power cut would leave the row pointing at objects step 3
//! of the next change deleted). With batches of at most 1 ms: 857-895 files/s against
//! 689-695 in the same alternating runs (docs/performance-log.md, "Group commit in `import`").
//!
//! How the order of effects stays intact (see `src/workflow.rs`): a file joins the open
//! batch only once its objects are in the bucket, and its changes go in a savepoint of
//! the batch's transaction, so a failure rolls back its own changes only. It then waits,
//! still holding its owner lock, until the batch is committed, and only after that
//! deletes its previous picture's objects. If the commit fails, every file of the batch
//! fails as a failed commit of its own would (its uploads are undone, no row changed).
//! A batch is committed when it has [`MAX_MEMBERS`] files or [`MAX_WAIT`] after it
//! began, whichever comes first, by whichever file sees it due; the database's write
//! lock is held that long, so another writer waits about that much (its busy timeout is
//! 5 s). A step that needs a transaction of its own ([`super::Db::lock`]) commits the
//! open batch first.
//!
//! What else runs on the connection while a batch is open (other files' lookups, the
//! ledger entries a finished file forgets) runs inside the batch's transaction: reads see
//! the batch's changes, which only makes the checks before a delete more cautious, and a
//! forgotten entry whose batch then fails stays as a retired entry `verify --fix` cleans.
//!
//! PostgreSQL keeps one transaction per file: any failed statement aborts a PostgreSQL
//! transaction, and every file's lookups share the connection, so batching there would
//! need a savepoint round trip around each statement (the round trips batching saves).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::watch;

use super::conn::Conn;
use crate::error::{Error, Kind};

/// Most files in one batch.
pub(crate) const MAX_MEMBERS: usize = 64;

/// Longest a batch stays open after its first file joined.
pub(crate) const MAX_WAIT: Duration = Duration::from_millis(1);

/// A batch's outcome, once committed (or failed): an error's kind and message.
type Outcome = Option<Result<(), (Kind, String)>>;

/// The open batch, if any. Changed only by a holder of the connection's lock.
#[derive(Default)]
pub(crate) struct Group {
    enabled: AtomicBool,
    /// How long a batch stays open, in microseconds; 0 for [`MAX_WAIT`] (tests set it).
    window_us: AtomicU64,
    open: Mutex<Option<Batch>>,
    next_id: AtomicU64,
}

struct Batch {
    id: u64,
    members: usize,
    deadline: Instant,
    done: watch::Sender<Outcome>,
}

/// A file's place in a batch: what it waits on.
pub(crate) struct Ticket {
    id: u64,
    deadline: Instant,
    done: watch::Receiver<Outcome>,
}

impl Group {
    pub(crate) fn set_enabled(&self, on: bool) {
        self.enabled.store(on, Ordering::Relaxed);
    }

    pub(crate) fn enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }

    fn open(&self) -> std::sync::MutexGuard<'_, Option<Batch>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Joins the open batch, beginning one if none is open. The caller holds `conn`'s lock
    /// and runs its changes in a savepoint next.
    pub(crate) async fn join(&self, conn: &mut Conn) -> Result<Ticket, Error> {
        let lost = {
            let mut open = self.open();
            match open.as_mut() {
                Some(batch) if conn.sqlite_in_transaction() => {
                    batch.members += 1;
                    return Ok(Ticket {
                        id: batch.id,
                        deadline: batch.deadline,
                        done: batch.done.subscribe(),
                    });
                }
                // SQLite rolled the batch's transaction back by itself (an I/O error, a
                // full disk): its files fail, and this one begins a new batch.
                Some(_) => open.take(),
                None => None,
            }
        };
        if let Some(batch) = lost {
            batch.done.send_replace(Some(Err((
                Kind::Unavailable,
                "SQLite rolled the batch's transaction back (see the error before this one)"
                    .to_owned(),
            ))));
        }
        conn.begin().await?;
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (done, receiver) = watch::channel(None);
        let window = match self.window_us.load(Ordering::Relaxed) {
            0 => MAX_WAIT,
            us => Duration::from_micros(us),
        };
        let deadline = Instant::now() + window;
        *self.open() = Some(Batch {
            id,
            members: 1,
            deadline,
            done,
        });
        Ok(Ticket {
            id,
            deadline,
            done: receiver,
        })
    }

    /// Commits the open batch now if it is full. The caller holds `conn`'s lock.
    pub(crate) async fn commit_if_full(&self, conn: &mut Conn) {
        let full = self
            .open()
            .as_ref()
            .is_some_and(|b| b.members >= MAX_MEMBERS);
        if full {
            self.commit(conn, None).await;
        }
    }

    /// Commits the open batch (only if it is batch `only`, when given) and tells its
    /// files the outcome. The caller holds `conn`'s lock.
    pub(crate) async fn commit(&self, conn: &mut Conn, only: Option<u64>) {
        let batch = {
            let mut open = self.open();
            match open.as_ref() {
                Some(b) if only.is_none_or(|id| id == b.id) => open.take(),
                _ => None,
            }
        };
        let Some(batch) = batch else { return };
        let outcome = if conn.sqlite_in_transaction() {
            match conn.commit().await {
                Ok(()) => Ok(()),
                Err(e) => {
                    // A deferred constraint or an I/O error: the transaction may still be
                    // open, and nothing of it may stay.
                    if conn.sqlite_in_transaction() {
                        conn.rollback().await;
                    }
                    Err((e.kind(), e.to_string()))
                }
            }
        } else {
            Err((
                Kind::Unavailable,
                "SQLite rolled the batch's transaction back (see the error before this one)"
                    .to_owned(),
            ))
        };
        if outcome.is_ok() {
            tracing::debug!(target: "pfp::db", "committed {} files' changes at once", batch.members);
        }
        batch.done.send_replace(Some(outcome));
    }

    /// Waits until the ticket's batch is committed, committing it when it falls due.
    pub(crate) async fn wait(
        &self,
        conn: &tokio::sync::Mutex<Conn>,
        mut ticket: Ticket,
    ) -> Result<(), Error> {
        loop {
            if let Some(outcome) = ticket.done.borrow().clone() {
                return outcome.map_err(|(kind, message)| {
                    Error::new(kind, format!("committing a batch of pictures: {message}"))
                });
            }
            tokio::select! {
                changed = ticket.done.changed() => {
                    if changed.is_err() && ticket.done.borrow().is_none() {
                        return Err(Error::new(Kind::Internal, "a batch ended without an outcome"));
                    }
                }
                () = tokio::time::sleep_until(ticket.deadline.into()) => {
                    self.commit(&mut *conn.lock().await, Some(ticket.id)).await;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Db, NewEntry, Owner, SizeEntry, Target};
    use super::*;

    fn entry(user: &str, n: u32) -> NewEntry {
        let key = format!("users/{user}/{n:064}.jpg");
        NewEntry {
            key: key.clone(),
            hash: format!("{n:064}"),
            mime: "image/jpeg".into(),
            bytes: 10,
            width: 8,
            height: 8,
            sizes: vec![SizeEntry {
                size: 8,
                key: key.clone(),
                width: 8,
                height: 8,
                bytes: 10,
            }],
            url: format!("http://127.0.0.1:9000/demo/{key}"),
            source: format!("test:{n}"),
        }
    }

    /// The current entries, as another connection (another process) sees them.
    fn committed(path: &std::path::Path) -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row(
                "SELECT COUNT(*) FROM pfp_pictures WHERE is_current",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_change_returns_once_committed_and_a_transaction_of_its_own_commits_the_batch_first()
    {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.db");
        let db = Db::open(
            Target::Sqlite(&path),
            None,
            Duration::from_secs(5),
            crate::users::Create::Allowed,
        )
        .await
        .unwrap();
        let a = db.add_user("a@example.com", "a", None).await.unwrap();
        let b = db.add_user("b@example.com", "b", None).await.unwrap();
        db.group_commits(true);

        // Two changes side by side: each returns only once its batch is committed.
        let (first_a, first_b, second_a) = (entry(&a.id, 1), entry(&b.id, 2), entry(&a.id, 3));
        let (ra, rb) = tokio::join!(
            db.replace(Owner::User(&a), &first_a),
            db.replace(Owner::User(&b), &first_b),
        );
        ra.unwrap();
        rb.unwrap();
        assert_eq!(committed(&path), 2);

        // A batch that would stay open for a minute: a step that needs a transaction of
        // its own (`Db::lock`) commits it first, so the change waiting in it returns.
        db.group.window_us.store(60_000_000, Ordering::Relaxed);
        let waiting = db.replace(Owner::User(&a), &second_a);
        let locking = async {
            // Until the change has joined its batch, nothing is open to commit.
            while db.group.open().is_none() {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            assert_eq!(committed(&path), 2, "the batch is not committed yet");
            let locked = db.lock(Owner::User(&b)).await.unwrap();
            locked.finish(Ok(())).await.unwrap();
        };
        let (replaced, ()) = tokio::time::timeout(Duration::from_secs(10), async {
            tokio::join!(waiting, locking)
        })
        .await
        .expect("the lock committed the open batch");
        assert!(
            !replaced.unwrap().previous.is_empty(),
            "a's first picture was current"
        );
        let current: String = rusqlite::Connection::open(&path)
            .unwrap()
            .query_row(
                "SELECT source FROM pfp_pictures WHERE is_current AND user_ref = ?1",
                [&a.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(current, "test:3");
    }
}
