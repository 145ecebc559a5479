//! Changing a user's picture: the transaction that locks the user's row, records the new
//! ledger entry and writes the picture column (and the repairs of `verify --fix`).

use super::conn::{Conn, Value, now, now_micros};
use super::ledger::{dropped_keys, same_sizes};
use super::schema::ENTRY_COLUMNS;
use super::{Db, KeptValue, LedgerEntry, NewEntry, Owner, Replaced, User};
use crate::error::{Error, Kind};

/// Gives ledger entry `id` this run's sizes and source, and makes it current (`sql` is
/// the statement, with the ledger's table name in it).
async fn resize_entry(
    conn: &mut Conn,
    sql: &str,
    id: i64,
    sizes: &str,
    source: &str,
) -> Result<u64, Error> {
    conn.execute(sql, &[Value::Int(id), sizes.into(), source.into()])
        .await
}

/// A transaction holding the lock on one user's picture (see [`Db::lock`]). Dropping it
/// without `commit` leaves the transaction open until the connection is next used, so
/// always end it with `commit` or `rollback`.
pub struct Locked<'a> {
    db: &'a Db,
    conn: tokio::sync::MutexGuard<'a, Conn>,
    owner: Owner<'a>,
}

impl Locked<'_> {
    /// Whether `user`'s picture column still holds `expected` (None: NULL), read under
    /// the row lock: the compare of a compare-and-set (the app may write the column
    /// meanwhile).
    async fn column_holds(&mut self, user: &User, expected: Option<&str>) -> Result<bool, Error> {
        let s = &self.db.schema;
        let sql = format!(
            "SELECT CAST({} AS TEXT) FROM {} WHERE {} = {}",
            s.picture, s.table, s.id, s.id_param
        );
        let rows = self.conn.query(&sql, &[user.id.as_str().into()]).await?;
        let now = rows.first().and_then(|r| r.first()).and_then(Value::text);
        Ok(now.as_deref() == expected)
    }

    /// Makes `new` the current picture (see [`Db::replace`]), as the compare-and-set of
    /// [`Db::replace_if`] does: without keeping the column's value, which is either pfp's
    /// (`restore`) or the very picture being taken over (`adopt`).
    pub async fn replace(&mut self, new: &NewEntry) -> Result<Replaced, Error> {
        self.replace_read(new, None, false, false)
            .await
            .map(|(replaced, _)| replaced)
    }

    /// [`Locked::replace`], with the owner's entries already read under the lock
    /// ([`Db::entries_query`]) when `entries` is given; with `commit`, committed with
    /// its writes where the backend can (true when it was: see [`Db::replace_in_tx`]).
    async fn replace_read(
        &mut self,
        new: &NewEntry,
        entries: Option<Vec<Vec<Value>>>,
        commit: bool,
        keep_value: bool,
    ) -> Result<(Replaced, bool), Error> {
        if self.owner.row().is_some() {
            self.db.check_url(&new.url)?;
        }
        self.db
            .replace_in_tx(&mut self.conn, self.owner, new, entries, commit, keep_value)
            .await
    }

    /// Commits if `result` is a success, else rolls back and returns the failure.
    pub async fn finish<T>(mut self, result: Result<T, Error>) -> Result<T, Error> {
        self.conn.finish(result).await
    }
}

impl Db {
    /// Refuses a URL longer than the picture column takes (checked before any upload).
    pub fn check_url(&self, url: &str) -> Result<(), Error> {
        match self.schema.picture_limit {
            Some(limit) if url.len() > limit => Err(Error::config(format!(
                "the picture URL is {} characters but the column {} takes at most {limit}: {url}",
                url.len(),
                self.schema.picture,
            ))
            .hint("use a shorter endpoint or bucket name, or widen the column")),
            _ => Ok(()),
        }
    }

    /// Makes `new` the current picture of `user` (or the default picture when `user` is
    /// None), in one transaction: lock the user's row, demote the current entry, record
    /// the new one (or re-promote it if already recorded), point the picture column at
    /// its URL. Fails with "not found" if the user vanished in the meantime.
    ///
    /// With [`Db::group_commits`] on (SQLite), the change goes in a savepoint of the open
    /// batch's transaction and this returns once the batch is committed (see
    /// `group`).
    pub async fn replace(&self, owner: Owner<'_>, new: &NewEntry) -> Result<Replaced, Error> {
        if let Some(group) = self.grouped() {
            return self.replace_in_batch(group, owner, new).await;
        }
        // The ledger's entries of this owner are read with the lock, in its round trip.
        let (sql, params) = self.entries_query(owner, new);
        let (mut locked, entries) = self.lock_then_read(owner, Some((&sql, &params))).await?;
        match locked.replace_read(new, entries, true, true).await {
            // Committed with its writes (PostgreSQL): no transaction is left open.
            Ok((replaced, true)) => Ok(replaced),
            result => locked.finish(result.map(|(replaced, _)| replaced)).await,
        }
    }

    async fn replace_in_batch(
        &self,
        group: &super::group::Group,
        owner: Owner<'_>,
        new: &NewEntry,
    ) -> Result<Replaced, Error> {
        if owner.row().is_some() {
            self.check_url(&new.url)?;
        }
        let (ticket, replaced) = {
            let mut conn = self.conn.lock().await;
            let ticket = group.join(&mut conn).await?;
            let replaced = self.replace_in_savepoint(&mut conn, owner, new).await;
            group.commit_if_full(&mut conn).await;
            (ticket, replaced)
        };
        // Every file of the batch waits for its commit, this one's changes rolled back or
        // not: the waiting files are what commit a batch that falls due.
        let committed = group.wait(&self.conn, ticket).await;
        let replaced = replaced?;
        committed.map(|()| replaced)
    }

    /// [`Db::replace`]'s changes in a savepoint of the open batch: all of them, or none.
    async fn replace_in_savepoint(
        &self,
        conn: &mut Conn,
        owner: Owner<'_>,
        new: &NewEntry,
    ) -> Result<Replaced, Error> {
        conn.sqlite_control("SAVEPOINT pfp_file")?;
        let result = async {
            self.check_owner(conn, owner, false, None).await?;
            self.replace_in_tx(conn, owner, new, None, false, true)
                .await
                .map(|(replaced, _)| replaced)
        }
        .await;
        let undo = |conn: &mut Conn| {
            conn.sqlite_control("ROLLBACK TO pfp_file")
                .and_then(|()| conn.sqlite_control("RELEASE pfp_file"))
        };
        match result {
            Ok(replaced) => match conn.sqlite_control("RELEASE pfp_file") {
                Ok(()) => Ok(replaced),
                // Reported as failed, so none of it may be committed with the batch.
                Err(e) => {
                    let _ = undo(conn);
                    Err(e)
                }
            },
            Err(e) => {
                let _ = undo(conn);
                Err(e)
            }
        }
    }

    /// [`Db::replace`] as a compare-and-set on the user's picture column: only if it
    /// still holds `expected` (read under the row lock, in the same transaction as the
    /// write; None: NULL). None, with nothing changed, when another writer (the app)
    /// changed it.
    pub async fn replace_if(
        &self,
        owner: Owner<'_>,
        new: &NewEntry,
        expected: Option<&str>,
    ) -> Result<Option<Replaced>, Error> {
        let mut locked = self.lock(owner).await?;
        let result = async {
            if let Some(user) = owner.row()
                && !locked.column_holds(user, expected).await?
            {
                return Ok(None);
            }
            locked.replace(new).await.map(Some)
        }
        .await;
        locked.finish(result).await
    }

    /// Starts a transaction holding the lock on `user`'s row (on the default picture when
    /// None): changes of one user's picture are serialised, across processes too.
    /// Fails with "not found" if the user vanished.
    pub async fn lock<'a>(&'a self, owner: Owner<'a>) -> Result<Locked<'a>, Error> {
        self.lock_then_read(owner, None)
            .await
            .map(|(locked, _)| locked)
    }

    /// [`Db::lock`], then `then` read under the lock in the same transaction (on
    /// PostgreSQL in the same round trip as `BEGIN` and the lock); returns its rows.
    async fn lock_then_read<'a>(
        &'a self,
        owner: Owner<'a>,
        then: Option<(&str, &[Value])>,
    ) -> Result<(Locked<'a>, Option<Vec<Vec<Value>>>), Error> {
        let mut conn = self.writer().await;
        // An open batch of the group commit first (SQLite), as `Db::begin` does.
        self.group.commit(&mut conn, None).await;
        match self.check_owner(&mut conn, owner, true, then).await {
            Ok(rows) => Ok((
                Locked {
                    db: self,
                    conn,
                    owner,
                },
                rows,
            )),
            Err(e) => {
                conn.rollback().await;
                Err(e)
            }
        }
    }

    /// In a transaction (begun here first when `begin`, on PostgreSQL in the same round
    /// trip as the lock): locks `owner`'s row (PostgreSQL; SQLite's `BEGIN IMMEDIATE`
    /// already serialises every writer), or fails with "not found" if it vanished. With
    /// `then` (and `begin`), that query runs next in the transaction, on PostgreSQL in
    /// the same round trip too, and its rows are returned.
    async fn check_owner(
        &self,
        conn: &mut Conn,
        owner: Owner<'_>,
        begin: bool,
        then: Option<(&str, &[Value])>,
    ) -> Result<Option<Vec<Vec<Value>>>, Error> {
        let user = owner.row();
        let s = &self.schema;
        let (sql, params) = match user {
            Some(user) => {
                let lock = if conn.is_postgres() {
                    " FOR UPDATE"
                } else {
                    ""
                };
                (
                    format!(
                        "SELECT 1 FROM {} WHERE {} = {}{lock}",
                        s.table, s.id, s.id_param
                    ),
                    vec![Value::from(user.id.as_str())],
                )
            }
            // No row to lock for the default picture: an advisory lock stands in.
            None if conn.is_postgres() => (
                "SELECT CAST(pg_advisory_xact_lock($1) AS TEXT)".to_owned(),
                vec![Value::Int(super::owner_lock::DEFAULT_PICTURE_LOCK)],
            ),
            // SQLite's BEGIN IMMEDIATE already serialises every writer.
            None => {
                if begin {
                    conn.begin().await?;
                }
                return match then {
                    Some((sql, params)) if begin => conn.query(sql, params).await.map(Some),
                    _ => Ok(None),
                };
            }
        };
        let mut queries: Vec<(&str, &[Value])> = vec![(&sql, &params)];
        let mut all = if begin {
            queries.extend(then);
            conn.begin_then_queries(&queries).await?
        } else {
            vec![conn.query(&sql, &params).await?]
        };
        if user.is_some() && all.first().is_none_or(Vec::is_empty) {
            return Err(Error::not_found(format!(
                "user '{}' not found (deleted while the picture was uploaded)",
                user.map_or("", |u| u.id.as_str())
            )));
        }
        Ok((all.len() > 1).then(|| all.swap_remove(1)))
    }

    /// What [`Db::replace_in_tx`] reads first, under the lock: the owner's current
    /// entries, and in the same query any earlier entry of this very object (a picture
    /// kept with --keep-previous, which becomes current again rather than twice
    /// recorded).
    fn entries_query(&self, owner: Owner<'_>, new: &NewEntry) -> (String, Vec<Value>) {
        let (kind, user_ref) = owner.ledger_key();
        (
            format!(
                "SELECT {ENTRY_COLUMNS} FROM {} WHERE kind = $1 AND user_ref = $2 AND (is_current = TRUE OR object_key = $3)",
                self.schema.ledger
            ),
            vec![
                kind.as_str().into(),
                user_ref.into(),
                new.key.as_str().into(),
            ],
        )
    }

    /// [`Db::replace`]'s changes, in the transaction open on `conn` under the owner's
    /// lock: read the owner's entries (or take `entries`, read with the lock), then
    /// demote, record and point the column. With `commit`, the transaction's `COMMIT`
    /// goes out with the writes where the backend can (PostgreSQL, one round trip), and
    /// the second value says it did; otherwise the caller commits. With `keep_value`, a
    /// column value pfp did not write is kept for `pfp restore` (see [`KeptValue`]).
    async fn replace_in_tx(
        &self,
        conn: &mut Conn,
        owner: Owner<'_>,
        new: &NewEntry,
        entries: Option<Vec<Vec<Value>>>,
        commit: bool,
        keep_value: bool,
    ) -> Result<(Replaced, bool), Error> {
        let s = &self.schema;
        let user = owner.row();
        let (kind, user_ref) = owner.ledger_key();
        let params = [Value::from(kind.as_str()), Value::from(user_ref.clone())];
        let rows = match entries {
            Some(rows) => rows,
            None => {
                let (sql, entry_params) = self.entries_query(owner, new);
                conn.query(&sql, &entry_params).await?
            }
        };
        let (previous, kept): (Vec<LedgerEntry>, Vec<LedgerEntry>) = rows
            .iter()
            .map(|r| Self::entry_from_row(r))
            .partition(|e| e.current);
        let sizes = serde_json::to_string(&new.sizes)
            .map_err(|e| Error::new(Kind::Internal, e.to_string()))?;
        let set_sizes = format!(
            "UPDATE {} SET sizes = $2, source = $3, is_current = TRUE, retired_at = NULL WHERE id = $1",
            s.ledger
        );
        if let Some(same) = previous.iter().find(|p| p.key == new.key) {
            if same_sizes(same, new) {
                // The same picture, recorded under another source fingerprint (another
                // file that gives the same picture, or a fingerprint of an older pfp):
                // this run's is recorded, so that the next run of this file skips it.
                if same.source != new.source {
                    conn.execute(
                        &format!("UPDATE {} SET source = $2 WHERE id = $1", s.ledger),
                        &[Value::Int(same.id), new.source.as_str().into()],
                    )
                    .await?;
                }
                return Ok((
                    Replaced {
                        unchanged: true,
                        resized: false,
                        previous: Vec::new(),
                        dropped: Vec::new(),
                        kept_value: None,
                    },
                    false,
                ));
            }
            // The same picture with sizes added or dropped: one entry, its sizes updated.
            resize_entry(conn, &set_sizes, same.id, &sizes, &new.source).await?;
            return Ok((
                Replaced {
                    unchanged: false,
                    resized: true,
                    previous: Vec::new(),
                    dropped: dropped_keys(same, new),
                    kept_value: None,
                },
                false,
            ));
        }
        // None of the current entries is this object (that was the case above), and the
        // row lock (SQLite: the write lock) keeps it so: demote them, if any. The writes
        // go out together (one round trip on PostgreSQL), stopping at the first failure.
        let mut writes: Vec<(String, Vec<Value>)> = Vec::new();
        // A column value pfp did not write (the app's picture) is kept for `pfp restore`,
        // read and copied by the statement itself, under the row lock. It and pfp's
        // picture it had been written over are replaced at the same time, which
        // `restore` reads as the app's being the one shown.
        let replaced_at = now_micros();
        let keeps_value = user.filter(|_| keep_value).map(|user| {
            writes.push(self.keep_value_write(user, &replaced_at));
            writes.len() - 1
        });
        if !previous.is_empty() {
            writes.push((
                format!(
                    "UPDATE {} SET is_current = FALSE, retired_at = $3 WHERE kind = $1 AND user_ref = $2 AND is_current = TRUE",
                    s.ledger
                ),
                vec![params[0].clone(), params[1].clone(), replaced_at.into()],
            ));
        }
        // A kept entry of this object becomes current again, with the sizes of this run.
        let mut dropped = Vec::new();
        for entry in &kept {
            writes.push((
                set_sizes.clone(),
                vec![
                    Value::Int(entry.id),
                    sizes.as_str().into(),
                    new.source.as_str().into(),
                ],
            ));
            dropped.extend(dropped_keys(entry, new));
        }
        if kept.is_empty() {
            writes.push((
                format!(
                    "INSERT INTO {} (kind, user_ref, object_key, content_hash, mime, bytes, width, height, sizes, url, created_at, source, is_current) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, TRUE)",
                    s.ledger
                ),
                vec![
                    kind.as_str().into(),
                    user_ref.into(),
                    new.key.as_str().into(),
                    new.hash.as_str().into(),
                    new.mime.as_str().into(),
                    Value::Int(i64::try_from(new.bytes).unwrap_or(i64::MAX)),
                    Value::Int(new.width.into()),
                    Value::Int(new.height.into()),
                    sizes.into(),
                    new.url.as_str().into(),
                    now().into(),
                    new.source.as_str().into(),
                ],
            ));
        }
        if let Some(user) = user {
            writes.push((
                format!(
                    "UPDATE {} SET {} = $2 WHERE {} = {}",
                    s.table, s.picture, s.id, s.id_param
                ),
                vec![user.id.as_str().into(), new.url.as_str().into()],
            ));
        }
        // A table whose rules may skip the column's write is counted before the commit.
        let commit = commit && !s.guarded;
        let (changed, committed) = conn.execute_all(&writes, commit).await?;
        if let Some(user) = user
            && !committed
            && changed.last() == Some(&0)
        {
            return Err(skipped(user));
        }
        let kept_value = match (user, keeps_value) {
            (Some(user), Some(i)) if changed.get(i).is_some_and(|n| *n > 0) => self
                .kept_values_on(conn, user)
                .await?
                .into_iter()
                .next()
                .map(|k| k.value),
            _ => None,
        };
        Ok((
            Replaced {
                unchanged: false,
                resized: false,
                previous,
                dropped,
                kept_value,
            },
            committed,
        ))
    }

    /// `pfp restore` of an app's picture: in one transaction under the row lock, if the
    /// column still holds `expected` (None: NULL), demote pfp's current picture (kept as
    /// any replaced picture is), write `kept`'s value back to the column and forget it
    /// from the kept values. Returns the entries that were current; None, with nothing
    /// changed, when the column changed meanwhile.
    pub async fn restore_value(
        &self,
        user: &User,
        kept: &KeptValue,
        expected: Option<&str>,
    ) -> Result<Option<Vec<LedgerEntry>>, Error> {
        let mut locked = self.lock(Owner::User(user)).await?;
        let result = async {
            if !locked.column_holds(user, expected).await? {
                return Ok(None);
            }
            let previous = self
                .demote_current(&mut locked.conn, user, Some(&kept.value), |_| true)
                .await?;
            self.forget_kept_value(&mut locked.conn, kept.id).await?;
            Ok(previous)
        }
        .await;
        locked.finish(result).await
    }

    /// Clears a picture column that pfp did not write (the app's picture, an external
    /// URL: no ledger entry is current), if it still holds `expected`: the app may write
    /// it meanwhile, and a newer picture is not what the operator asked to remove.
    /// Returns whether it was cleared. The object the value names is left alone: pfp
    /// did not store it. With `keep`, the value is kept for `pfp restore` (see
    /// [`KeptValue`]).
    pub async fn clear_column_if(
        &self,
        user: &User,
        expected: &str,
        keep: bool,
    ) -> Result<bool, Error> {
        let s = &self.schema;
        let mut locked = self.lock(Owner::User(user)).await?;
        let result = async {
            if !locked.column_holds(user, Some(expected)).await? {
                return Ok(false);
            }
            let changed = locked
                .conn
                .execute(
                    &format!(
                        "UPDATE {} SET {} = {} WHERE {} = {}",
                        s.table,
                        s.picture,
                        s.no_picture(),
                        s.id,
                        s.id_param
                    ),
                    &[user.id.as_str().into()],
                )
                .await?;
            if changed == 0 {
                return Err(skipped(user));
            }
            if keep {
                self.keep_value(&mut locked.conn, user, expected).await?;
            }
            Ok(true)
        }
        .await;
        locked.finish(result).await
    }

    /// Clears a user's picture (database first; the caller deletes the objects after).
    /// Returns the entries that were current. With `expected` (the ledger id of the
    /// picture the operator was asked about), clears nothing and returns None when
    /// another picture is current by now: another run replaced it meanwhile.
    pub async fn clear(
        &self,
        user: &User,
        expected: Option<i64>,
    ) -> Result<Option<Vec<LedgerEntry>>, Error> {
        let mut locked = self.lock(Owner::User(user)).await?;
        let result = self
            .demote_current(&mut locked.conn, user, None, |previous| {
                expected.is_none_or(|id| previous.is_empty() || previous.iter().any(|e| e.id == id))
            })
            .await;
        locked.finish(result).await
    }

    /// In the transaction open on `conn` under `user`'s row lock: the entries current
    /// now, which `demote` (when it says so, given them) then demotes (kept for `pfp
    /// restore`, replaced now) while the picture column is set to `column` (None: NULL).
    /// Returns None, with nothing written, when `demote` refuses.
    async fn demote_current(
        &self,
        conn: &mut Conn,
        user: &User,
        column: Option<&str>,
        demote: impl FnOnce(&[LedgerEntry]) -> bool,
    ) -> Result<Option<Vec<LedgerEntry>>, Error> {
        let s = &self.schema;
        let params = [Value::from("user"), Value::from(user.id.clone())];
        let previous: Vec<LedgerEntry> = conn
            .query(
                &format!(
                    "SELECT {ENTRY_COLUMNS} FROM {} WHERE kind = $1 AND user_ref = $2 AND is_current = TRUE",
                    s.ledger
                ),
                &params,
            )
            .await?
            .iter()
            .map(|r| Self::entry_from_row(r))
            .collect();
        if !demote(&previous) {
            return Ok(None);
        }
        // The column may hold a value the app wrote over pfp's picture (an app that
        // still uploads the old way): it is kept for `pfp restore` as an upload keeps
        // it, at the same time as pfp's picture is replaced. (It was cleared and lost.)
        let replaced_at = now_micros();
        let (sql, values) = self.keep_value_write(user, &replaced_at);
        conn.execute(&sql, &values).await?;
        conn.execute(
            &format!(
                "UPDATE {} SET is_current = FALSE, retired_at = $3 WHERE kind = $1 AND user_ref = $2 AND is_current = TRUE",
                s.ledger
            ),
            &[params[0].clone(), params[1].clone(), replaced_at.into()],
        )
        .await?;
        let changed = conn
            .execute(
                &format!(
                    "UPDATE {} SET {} = $2 WHERE {} = {}",
                    s.table, s.picture, s.id, s.id_param
                ),
                &[user.id.as_str().into(), s.picture_value(column)],
            )
            .await?;
        if changed == 0 {
            return Err(skipped(user));
        }
        Ok(Some(previous))
    }

    /// Points a user's picture column at `url`, but only if it still holds `seen` (what
    /// `verify` read before deciding): a compare-and-set, so a value the app or another
    /// run wrote meanwhile is never overwritten. Returns whether the column was changed.
    pub async fn repair_picture_column(
        &self,
        user_id: &str,
        seen: Option<&str>,
        url: Option<&str>,
    ) -> Result<bool, Error> {
        let s = &self.schema;
        let (condition, params) = match seen {
            Some(seen) => (
                format!("{} = $3", s.picture),
                vec![Value::from(user_id), s.picture_value(url), seen.into()],
            ),
            None => (
                format!("{} IS NULL", s.picture),
                vec![Value::from(user_id), s.picture_value(url)],
            ),
        };
        let mut conn = self.conn.lock().await;
        conn.begin().await?;
        let result = async {
            let changed = conn
                .execute(
                    &format!(
                        "UPDATE {} SET {} = $2 WHERE {} = {} AND {condition}",
                        s.table, s.picture, s.id, s.id_param
                    ),
                    &params,
                )
                .await?;
            // The value it held, where the app wrote it (no URL of the user's pictures in
            // the ledger: an external URL, a key of the app's whose object is gone), is
            // kept for `pfp restore`, as an upload keeps it. (It was overwritten and lost.)
            if changed > 0
                && let Some(seen) = seen
            {
                conn.execute(
                    &format!(
                        "INSERT INTO {kept} (user_ref, value, replaced_at) \
                         SELECT CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS TEXT) \
                         WHERE TRIM(CAST($2 AS TEXT)) <> '' AND NOT EXISTS (SELECT 1 FROM {ledger} l \
                         WHERE l.kind = 'user' AND l.user_ref = CAST($1 AS TEXT) AND l.url = CAST($2 AS TEXT))",
                        kept = s.replaced_values,
                        ledger = s.ledger,
                    ),
                    &[user_id.into(), seen.into(), now_micros().into()],
                )
                .await?;
            }
            Ok(changed > 0)
        }
        .await;
        conn.finish(result).await
    }
}

/// The picture column's write changed no row, though the row is there (locked a moment
/// before): a rule of the database skipped it without an error (a BEFORE UPDATE trigger
/// that returns NULL, SQLite's `RAISE(IGNORE)`, a row security policy). Reported so, and
/// the transaction rolled back; it was committed as done, the column not showing it.
fn skipped(user: &User) -> Error {
    Error::invalid(format!(
        "the database left the picture of user '{}' as it was: a rule of the database (a trigger that skips the change, or a row security policy) kept the row from being written; nothing was changed",
        user.id
    ))
    .hint("ask the app's owner about the rule (PostgreSQL: \\d users in psql lists its triggers and policies; SQLite: .schema users); pfp writes only the picture column")
}
