//! The ledger (`pfp_pictures`): every object pfp stored, for whom, and which is current;
//! its types and its reads. Changes are in `replace.rs`, under the owner lock.

use serde::{Deserialize, Serialize};

use super::conn::Value;
use super::schema::ENTRY_COLUMNS;
use super::{Db, User};
use crate::error::Error;

/// Which picture a ledger entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureKind {
    User,
    Default,
}

impl PictureKind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            PictureKind::User => "user",
            PictureKind::Default => "default",
        }
    }
}

/// One stored size of a picture, as recorded in the ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeEntry {
    pub size: u32,
    pub key: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
}

/// A row of [`Db::picture_keys`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureKeyRow {
    pub id: String,
    /// The current picture's main key, if pfp records one.
    pub key: Option<String>,
    /// Its sizes (JSON), when asked for.
    pub sizes: Option<String>,
    /// The picture column, when it is not the URL of pfp's current picture (an app's
    /// value, or nothing).
    pub column: Option<String>,
}

/// A new ledger entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewEntry {
    pub key: String,
    pub hash: String,
    pub mime: String,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
    /// Every stored size, the main one included.
    pub sizes: Vec<SizeEntry>,
    /// The canonical (unsigned) URL written to the user's picture column.
    pub url: String,
    /// Fingerprint of the source file and pipeline options (empty if unknown).
    pub source: String,
}

/// A ledger entry: a recorded [`NewEntry`] (its fields read through `Deref`) with its id,
/// whose it is, when it was made and whether it is current.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerEntry {
    pub id: i64,
    pub kind: PictureKind,
    pub user_ref: String,
    pub entry: NewEntry,
    pub created_at: String,
    pub current: bool,
    /// When it stopped being current (RFC 3339, UTC): a replaced picture is kept until
    /// 7 days after this (`workflow::RETAIN`), for `pfp restore`. None for the current picture and for
    /// one kept with `--keep-previous` (kept until removed).
    pub retired_at: Option<String>,
}

impl std::ops::Deref for LedgerEntry {
    type Target = NewEntry;

    fn deref(&self) -> &NewEntry {
        &self.entry
    }
}

impl LedgerEntry {
    /// Every object key this entry owns.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.sizes.iter().map(|s| s.key.clone()).collect();
        if !keys.contains(&self.key) {
            keys.push(self.key.clone());
        }
        keys
    }

    /// The key of the rendition of `size`, if stored.
    pub fn key_for_size(&self, size: u32) -> Option<&str> {
        self.sizes
            .iter()
            .find(|s| s.size == size)
            .map(|s| s.key.as_str())
    }
}

/// A user's picture replaced since a time: see [`Db::replaced_since`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplacedSince {
    pub user: String,
    /// The key of pfp's picture, or the app's value, replaced first since then.
    pub key: String,
    /// When it was replaced.
    pub at: String,
    /// Every picture of the user's replaced since then came since then too: the user
    /// had none then that the ledger knows, and `key` is not what it had.
    pub came_since: bool,
}

/// What a picture change did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replaced {
    /// The same picture with the same sizes was already current: nothing changed.
    pub unchanged: bool,
    /// The same picture was current (or kept) with other sizes: its entry now records
    /// the new ones.
    pub resized: bool,
    /// Entries that were current before and are not any more.
    pub previous: Vec<LedgerEntry>,
    /// Keys of sizes the picture's entry no longer records (sizes dropped by this
    /// change): to delete unless another entry records them.
    pub dropped: Vec<String>,
    /// The column's value this change replaced when it was not pfp's (the app's
    /// picture, an external URL): kept in `pfp_replaced_values` for `pfp restore`.
    pub kept_value: Option<String>,
}

/// An app's picture (a picture column's value that pfp did not write) that an upload,
/// import or remove replaced, kept for `pfp restore` as pfp's own replaced pictures are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptValue {
    pub id: i64,
    /// The column's value, as stored.
    pub value: String,
    /// When it was replaced (RFC 3339, UTC, to the microsecond).
    pub replaced_at: String,
}

/// The keys `old` records that `new` does not.
pub(super) fn dropped_keys(old: &LedgerEntry, new: &NewEntry) -> Vec<String> {
    old.keys()
        .into_iter()
        .filter(|k| *k != new.key && !new.sizes.iter().any(|s| s.key == *k))
        .collect()
}

/// Whether `old` records exactly the renditions of `new`.
pub(super) fn same_sizes(old: &LedgerEntry, new: &NewEntry) -> bool {
    let mut a: Vec<&str> = old.sizes.iter().map(|s| s.key.as_str()).collect();
    let mut b: Vec<&str> = new.sizes.iter().map(|s| s.key.as_str()).collect();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// Whose picture a ledger entry is.
#[derive(Clone, Copy, Debug)]
pub enum Owner<'a> {
    /// The user's own picture: the row is locked and its picture column written.
    User(&'a User),
    /// The default picture for users without one.
    Default,
    /// A user's generated default avatar: recorded in the ledger (so pfp knows it owns
    /// the object), but the user's picture column stays empty.
    Generated(&'a User),
}

impl Owner<'_> {
    /// (kind, user_ref) as the ledger records them.
    pub fn ledger_key(&self) -> (PictureKind, String) {
        match self {
            Owner::User(u) => (PictureKind::User, u.id.clone()),
            Owner::Default => (PictureKind::Default, String::new()),
            Owner::Generated(u) => (PictureKind::Default, format!("generated:{}", u.id)),
        }
    }

    /// The user whose row is locked and whose picture column is written.
    pub(super) fn row(&self) -> Option<&User> {
        match self {
            Owner::User(u) => Some(u),
            Owner::Default | Owner::Generated(_) => None,
        }
    }
}

impl Db {
    /// Whether any ledger entry other than `except` records `key` (pass -1 for "any").
    /// `main`: the main key of the only entries that could record `key` among their sizes,
    /// where the key's name says it (pfp's own names); `None` searches every entry's.
    /// Read outside a transaction: callers hold the owner lock of the key's folder, so no
    /// other pfp process changes the entries that could record it.
    pub async fn key_in_use(
        &self,
        key: &str,
        main: Option<&str>,
        except: i64,
    ) -> Result<bool, Error> {
        let sql = format!(
            "SELECT 1 FROM {} WHERE object_key = $1 AND id <> $2",
            self.schema.ledger
        );
        let direct = !self
            .conn
            .lock()
            .await
            .query(&sql, &[key.into(), Value::Int(except)])
            .await?
            .is_empty();
        if direct {
            return Ok(true);
        }
        // Derived sizes live in the `sizes` JSON: match the quoted key inside it, in the
        // entries whose main key the name gives (one index lookup), else in every entry
        // (a scan of the whole ledger: a name pfp did not make).
        let escaped = key
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%\"{escaped}\"%");
        let ledger = &self.schema.ledger;
        let (sql, params) = match main {
            Some(main) => (
                format!(
                    "SELECT 1 FROM {ledger} WHERE object_key = $1 AND sizes LIKE $2 ESCAPE '\\' AND id <> $3"
                ),
                vec![main.into(), pattern.into(), Value::Int(except)],
            ),
            None => (
                format!("SELECT 1 FROM {ledger} WHERE sizes LIKE $1 ESCAPE '\\' AND id <> $2"),
                vec![pattern.into(), Value::Int(except)],
            ),
        };
        Ok(!self
            .conn
            .lock()
            .await
            .query(&sql, &params)
            .await?
            .is_empty())
    }

    /// Whether the ledger entry `id` is (again) current.
    pub async fn is_current(&self, id: i64) -> Result<bool, Error> {
        let sql = format!(
            "SELECT 1 FROM {} WHERE id = $1 AND is_current = TRUE",
            self.schema.ledger
        );
        Ok(!self
            .conn
            .lock()
            .await
            .query(&sql, &[Value::Int(id)])
            .await?
            .is_empty())
    }

    /// Removes a non-current ledger entry whose objects are gone.
    pub async fn forget(&self, id: i64) -> Result<(), Error> {
        let sql = format!(
            "DELETE FROM {} WHERE id = $1 AND is_current = FALSE",
            self.schema.ledger
        );
        self.conn
            .lock()
            .await
            .execute(&sql, &[Value::Int(id)])
            .await
            .map(|_| ())
    }
}

impl Db {
    /// A page of (user id, current picture key, sizes JSON if asked, the picture column
    /// where it is not pfp's current picture's URL) in id order, after the id `after`: the lean query
    /// behind `export-urls`.
    pub async fn picture_keys(
        &self,
        after: Option<&str>,
        limit: u64,
        with_sizes: bool,
    ) -> Result<Vec<PictureKeyRow>, Error> {
        let s = &self.schema;
        let sizes = if with_sizes { "p.sizes" } else { "NULL" };
        let (filter, params) = self.after_id(after);
        let sql = format!(
            "SELECT CAST(u.{id} AS TEXT), p.object_key, {sizes}, \
             CASE WHEN p.object_key IS NULL OR CAST(u.{picture} AS TEXT) <> p.url \
             THEN CAST(u.{picture} AS TEXT) END \
             FROM {} u LEFT JOIN {} p \
             ON p.kind = 'user' AND p.user_ref = CAST(u.{id} AS TEXT) AND p.is_current = TRUE \
             {filter} ORDER BY u.{id} LIMIT {limit}",
            s.table,
            s.ledger,
            id = s.id,
            picture = s.picture,
        );
        let rows = self.conn.lock().await.query(&sql, &params).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let mut it = row.into_iter().map(|v| match v {
                    Value::Text(t) => Some(t),
                    Value::Null => None,
                    other => other.text(),
                });
                PictureKeyRow {
                    id: it.next().flatten().unwrap_or_default(),
                    key: it.next().flatten(),
                    sizes: it.next().flatten(),
                    column: it.next().flatten(),
                }
            })
            .collect())
    }

    /// The owner's pictures that are no longer current and are kept (replaced, or kept
    /// with `--keep-previous`), the most recently replaced first: what `pfp restore`
    /// brings back, and what `workflow::prune` deletes once expired.
    pub async fn retained(&self, owner: Owner<'_>) -> Result<Vec<LedgerEntry>, Error> {
        let (kind, user_ref) = owner.ledger_key();
        // A picture kept with --keep-previous has no retirement time: it sorts last.
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {} WHERE kind = $1 AND user_ref = $2 AND is_current = FALSE \
             ORDER BY COALESCE(retired_at, '') DESC, id DESC",
            self.schema.ledger
        );
        let rows = self
            .conn
            .lock()
            .await
            .query(&sql, &[kind.as_str().into(), user_ref.into()])
            .await?;
        Ok(rows.iter().map(|r| Self::entry_from_row(r)).collect())
    }

    /// Every user whose picture was replaced at or after `since` (`pfp restore --since`),
    /// with the picture the user had at `since`: its key (for the app's picture, the
    /// column's value, as `pfp restore --key` takes it) and when it was replaced. That
    /// is the one replaced first since then among those that were there then: the app's
    /// values, and pfp's pictures stored before `since_second` (`since` to the second,
    /// as the ledger dates them). A user whose replaced pictures all came since then
    /// (an import gave the first, an upload replaced it since) had none then that the
    /// ledger knows: `came_since`, with nothing to bring back. In the order of the
    /// users' ids as text; of two replaced in the same second, the app's value or the
    /// older entry wins.
    pub async fn replaced_since(
        &self,
        since: &str,
        since_second: &str,
    ) -> Result<Vec<ReplacedSince>, Error> {
        let queries = [
            format!(
                "SELECT user_ref, value, replaced_at FROM {} WHERE replaced_at >= $1 ORDER BY id",
                self.schema.replaced_values
            ),
            format!(
                "SELECT user_ref, object_key, retired_at, created_at FROM {} \
                 WHERE kind = 'user' AND is_current = FALSE AND retired_at >= $1 ORDER BY id",
                self.schema.ledger
            ),
        ];
        let mut first: std::collections::BTreeMap<String, ReplacedSince> =
            std::collections::BTreeMap::new();
        for sql in queries {
            for row in self.read(&sql, &[since.into()]).await? {
                let text = |i: usize| row.get(i).and_then(Value::text).unwrap_or_default();
                let came_since = row.len() > 3 && text(3).as_str() >= since_second;
                let candidate = ReplacedSince {
                    user: text(0),
                    key: text(1),
                    at: text(2),
                    came_since,
                };
                // One that was there then wins over any that came since; between two
                // alike, the one replaced first.
                let better = match first.get(&candidate.user) {
                    None => true,
                    Some(seen) => {
                        (candidate.came_since, &candidate.at) < (seen.came_since, &seen.at)
                    }
                };
                if better {
                    first.insert(candidate.user.clone(), candidate);
                }
            }
        }
        Ok(first.into_values().collect())
    }

    /// The users whose current picture was stored at or after `since` (as
    /// `conn::now` writes times, to the second), by id, with the picture's key.
    pub async fn stored_since(&self, since: &str) -> Result<Vec<(String, String)>, Error> {
        let sql = format!(
            "SELECT user_ref, object_key FROM {} WHERE kind = 'user' AND is_current = TRUE AND created_at >= $1 ORDER BY user_ref",
            self.schema.ledger
        );
        Ok(self
            .read(&sql, &[since.into()])
            .await?
            .iter()
            .filter_map(|row| {
                let text = |i: usize| row.get(i).and_then(Value::text);
                Some((text(0)?, text(1)?))
            })
            .collect())
    }

    /// A page of the entries replaced before `cutoff` (see [`Db::retained`]), in id
    /// order after `after`: what `verify --fix` deletes.
    pub async fn expired_page(
        &self,
        cutoff: &str,
        after: i64,
        limit: u64,
    ) -> Result<Vec<LedgerEntry>, Error> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {} WHERE is_current = FALSE AND retired_at < $1 AND id > $2 \
             ORDER BY id LIMIT {limit}",
            self.schema.ledger
        );
        let rows = self
            .conn
            .lock()
            .await
            .query(&sql, &[cutoff.into(), Value::Int(after)])
            .await?;
        Ok(rows.iter().map(|r| Self::entry_from_row(r)).collect())
    }

    /// Keeps the replaced entries `ids` until they are removed (`--keep-previous`):
    /// without a retirement time, no age makes them expire.
    pub async fn keep_retired(&self, ids: &[i64]) -> Result<(), Error> {
        let sql = format!(
            "UPDATE {} SET retired_at = NULL WHERE id = $1 AND is_current = FALSE",
            self.schema.ledger
        );
        let mut conn = self.conn.lock().await;
        for id in ids {
            conn.execute(&sql, &[Value::Int(*id)]).await?;
        }
        Ok(())
    }

    /// Every ledger entry of a user's own pictures (current or kept).
    pub async fn entries_of(&self, user: &User) -> Result<Vec<LedgerEntry>, Error> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {} WHERE kind = 'user' AND user_ref = $1",
            self.schema.ledger
        );
        let rows = self
            .conn
            .lock()
            .await
            .query(&sql, &[user.id.as_str().into()])
            .await?;
        Ok(rows.iter().map(|r| Self::entry_from_row(r)).collect())
    }

    pub(super) fn entry_from_row(values: &[Value]) -> LedgerEntry {
        // Indexing a row of our own query: a missing column reads as NULL, never a panic.
        let row = |i: usize| values.get(i).unwrap_or(&Value::Null);
        let kind = if row(1).text().as_deref() == Some("default") {
            PictureKind::Default
        } else {
            PictureKind::User
        };
        LedgerEntry {
            id: row(0).int().unwrap_or_default(),
            kind,
            user_ref: row(2).text().unwrap_or_default(),
            entry: NewEntry {
                key: row(3).text().unwrap_or_default(),
                hash: row(4).text().unwrap_or_default(),
                mime: row(5).text().unwrap_or_default(),
                bytes: u64::try_from(row(6).int().unwrap_or_default()).unwrap_or(0),
                width: u32::try_from(row(7).int().unwrap_or_default()).unwrap_or(0),
                height: u32::try_from(row(8).int().unwrap_or_default()).unwrap_or(0),
                sizes: serde_json::from_str(&row(9).text().unwrap_or_default()).unwrap_or_default(),
                url: row(10).text().unwrap_or_default(),
                source: row(13).text().unwrap_or_default(),
            },
            created_at: row(11).text().unwrap_or_default(),
            current: row(12).boolean(),
            retired_at: row(14).text(),
        }
    }

    /// The current picture of a user (or the default picture, with `user_ref` empty).
    pub async fn current(
        &self,
        kind: PictureKind,
        user_ref: &str,
    ) -> Result<Option<LedgerEntry>, Error> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {} WHERE kind = $1 AND user_ref = $2 AND is_current = TRUE",
            self.schema.ledger
        );
        let rows = self
            .read(&sql, &[kind.as_str().into(), user_ref.into()])
            .await?;
        Ok(rows.first().map(|r| Self::entry_from_row(r)))
    }

    /// Up to `limit` current pictures (users' and the default), any of them: what the
    /// store-identity check looks for in a bucket before a database first claims it.
    pub async fn current_sample(&self, limit: u64) -> Result<Vec<LedgerEntry>, Error> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {} WHERE is_current = TRUE ORDER BY id LIMIT {limit}",
            self.schema.ledger
        );
        let rows = self.conn.lock().await.query(&sql, &[]).await?;
        Ok(rows.iter().map(|r| Self::entry_from_row(r)).collect())
    }

    /// One page of the ledger in the byte order of its main object keys (the order an S3
    /// listing has), after `after` (the last page's last key and id): keyset paging,
    /// so each page costs the same however far in it is.
    pub async fn entries_page(
        &self,
        after: Option<(&str, i64)>,
        limit: u64,
    ) -> Result<Vec<LedgerEntry>, Error> {
        let mut conn = self.conn.lock().await;
        // PostgreSQL sorts text by the database's collation; S3 lists in byte order.
        let key = if conn.is_postgres() {
            "object_key COLLATE \"C\""
        } else {
            "object_key"
        };
        let (filter, params) = match after {
            Some((last, id)) => (
                format!("WHERE {key} > $1 OR ({key} = $1 AND id > $2)"),
                vec![Value::Text(last.to_owned()), Value::Int(id)],
            ),
            None => (String::new(), Vec::new()),
        };
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {} {filter} ORDER BY {key}, id LIMIT {limit}",
            self.schema.ledger
        );
        let rows = conn.query(&sql, &params).await?;
        Ok(rows.iter().map(|r| Self::entry_from_row(r)).collect())
    }

    /// One ledger entry by id, if it is still recorded.
    pub async fn entry(&self, id: i64) -> Result<Option<LedgerEntry>, Error> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {} WHERE id = $1",
            self.schema.ledger
        );
        let rows = self
            .conn
            .lock()
            .await
            .query(&sql, &[Value::Int(id)])
            .await?;
        Ok(rows.first().map(|r| Self::entry_from_row(r)))
    }

    /// Drops a ledger entry whose object is gone from the bucket (someone else deleted it).
    /// If it was a user's current picture, the column is cleared in the same transaction,
    /// so the user falls back to the default instead of a URL that would 404. The user's
    /// row itself is never deleted.
    pub async fn drop_missing(&self, entry: &LedgerEntry) -> Result<(), Error> {
        let s = &self.schema;
        let mut conn = self.conn.lock().await;
        self.begin(&mut conn).await?;
        let result: Result<(), Error> = async {
            if entry.current && entry.kind == PictureKind::User {
                conn.execute(
                    &format!(
                        "UPDATE {} SET {} = {} WHERE {} = {} AND {} = $2",
                        s.table,
                        s.picture,
                        s.no_picture(),
                        s.id,
                        s.id_param,
                        s.picture
                    ),
                    &[entry.user_ref.as_str().into(), entry.url.as_str().into()],
                )
                .await?;
            }
            conn.execute(
                &format!("DELETE FROM {} WHERE id = $1", s.ledger),
                &[Value::Int(entry.id)],
            )
            .await?;
            Ok(())
        }
        .await;
        conn.finish(result).await
    }
}
