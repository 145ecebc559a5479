//! The user database behind one interface: SQLite (embedded default) or PostgreSQL, with
//! pfp's own `users` table or an existing app's table mapped in the config.
//!
//! Besides the users, pfp keeps a ledger (`pfp_pictures`): every object it stored, for
//! whom, and which one is current. The ledger is how pfp knows which objects it owns; the
//! user's picture column always names the current ledger entry's URL, and both change in
//! one transaction that locks the user's row.

mod conn;
pub mod mapping;
pub mod migrations;
mod owner_lock;
mod pg_tls;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Kind};
use crate::values::DatabaseUrl;
use conn::Transport;
use conn::{Conn, Value, now};
use mapping::{Ident, Mapping, TableName};
use owner_lock::{CrossProcess, OwnerLocks};

pub use owner_lock::LOCK_WAIT;

pub use conn::SQLITE_BUSY_TIMEOUT;

/// What a `--user` selector matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectorKind {
    Id,
    Uuid,
    Email,
    Nickname,
}

impl SelectorKind {
    fn column_name(self) -> &'static str {
        match self {
            SelectorKind::Id => "id",
            SelectorKind::Uuid => "uuid",
            SelectorKind::Email => "email",
            SelectorKind::Nickname => "nickname",
        }
    }
}

/// A `--user` value and what it was taken for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    pub text: String,
    pub kind: SelectorKind,
    /// Forced with `--user-by` (no guessing, no fallback).
    pub forced: bool,
}

impl Selector {
    /// An integer is an id, a UUID a uuid, anything with `@` an email, the rest a nickname.
    pub fn parse(text: &str, forced: Option<SelectorKind>) -> Result<Selector, Error> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::invalid("the user selector is empty"));
        }
        let kind = match forced {
            Some(kind) => kind,
            None if text.bytes().all(|b| b.is_ascii_digit()) => SelectorKind::Id,
            None if uuid::Uuid::try_parse(text).is_ok() => SelectorKind::Uuid,
            None if text.contains('@') => SelectorKind::Email,
            None => SelectorKind::Nickname,
        };
        // "007" would find user 7: a file named 007.jpg is more likely a nickname.
        if forced.is_none() && kind == SelectorKind::Id && text.len() > 1 && text.starts_with('0') {
            return Err(Error::invalid(format!(
                "'{text}' has leading zeros: as an id it would be user {}; use --user-by id or --user-by nickname to say which",
                text.trim_start_matches('0')
                    .parse::<u64>()
                    .map_or_else(|_| "0".to_owned(), |n| n.to_string())
            )));
        }
        if kind == SelectorKind::Id && !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid(format!(
                "user id '{text}' is not an integer"
            )));
        }
        if kind == SelectorKind::Uuid && uuid::Uuid::try_parse(text).is_err() {
            return Err(Error::invalid(format!("user uuid '{text}' is not a UUID")));
        }
        let text = if kind == SelectorKind::Uuid {
            text.to_ascii_lowercase()
        } else {
            text.to_owned()
        };
        Ok(Selector {
            text,
            kind,
            forced: forced.is_some(),
        })
    }
}

/// A user row, as far as pfp reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// The primary key, as text.
    pub id: String,
    /// The stable part of object keys: the uuid when pfp owns the table, else the id.
    pub key: String,
    /// The picture column's value.
    pub picture_url: Option<String>,
    /// Other columns to show (uuid, email, nickname, display name, or the mapped lookups).
    pub fields: Vec<(String, Option<String>)>,
}

impl User {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }
}

/// Which picture a ledger entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureKind {
    User,
    Default,
}

impl PictureKind {
    fn as_str(self) -> &'static str {
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
    /// The picture column, when pfp records no picture (an app's value, or nothing).
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

/// A ledger entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerEntry {
    pub id: i64,
    pub kind: PictureKind,
    pub user_ref: String,
    pub key: String,
    pub hash: String,
    pub mime: String,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
    pub sizes: Vec<SizeEntry>,
    pub url: String,
    pub created_at: String,
    pub current: bool,
    /// Fingerprint of the source file and pipeline options it was made from.
    pub source: String,
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
}

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

/// The keys `old` records that `new` does not.
fn dropped_keys(old: &LedgerEntry, new: &NewEntry) -> Vec<String> {
    old.keys()
        .into_iter()
        .filter(|k| *k != new.key && !new.sizes.iter().any(|s| s.key == *k))
        .collect()
}

/// Whether `old` records exactly the renditions of `new`.
fn same_sizes(old: &LedgerEntry, new: &NewEntry) -> bool {
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
    fn row(&self) -> Option<&User> {
        match self {
            Owner::User(u) => Some(u),
            Owner::Default | Owner::Generated(_) => None,
        }
    }
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
    /// Makes `new` the current picture (see [`Db::replace`]).
    pub async fn replace(&mut self, new: &NewEntry) -> Result<Replaced, Error> {
        if self.owner.row().is_some() {
            self.db.check_url(&new.url)?;
        }
        self.db.replace_in_tx(&mut self.conn, self.owner, new).await
    }

    /// Commits if `result` is a success, else rolls back and returns the failure.
    pub async fn finish<T>(mut self, result: Result<T, Error>) -> Result<T, Error> {
        self.conn.finish(result).await
    }
}

impl Db {
    /// Whether any ledger entry other than `except` records `key` (pass -1 for "any").
    /// Read outside a transaction: callers hold the owner lock of the key's folder, so no
    /// other pfp process changes the entries that could record it.
    pub async fn key_in_use(&self, key: &str, except: i64) -> Result<bool, Error> {
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
        // Derived sizes live in the `sizes` JSON: match the quoted key inside it.
        let sql = format!(
            "SELECT 1 FROM {} WHERE sizes LIKE $1 ESCAPE '\\' AND id <> $2",
            self.schema.ledger
        );
        let escaped = key
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%\"{escaped}\"%");
        Ok(!self
            .conn
            .lock()
            .await
            .query(&sql, &[pattern.into(), Value::Int(except)])
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

/// How SQL refers to the users table of this database.
#[derive(Clone, Debug)]
struct Schema {
    table: TableName,
    id: Ident,
    /// SQL that turns the text parameter `$1` into the id column's type.
    id_param: &'static str,
    /// The uuid column, if the table has one (pfp-owned).
    uuid: Option<Ident>,
    /// SQL for the uuid parameter: `CAST($1 AS uuid)` in PostgreSQL, `$1` in SQLite.
    uuid_param: &'static str,
    /// Columns a selector may match, and that `show` displays.
    fields: Vec<Ident>,
    picture: Ident,
    ledger: TableName,
    settings: TableName,
    /// The picture column's maximum length (VARCHAR(n)), if it has one.
    picture_limit: Option<usize>,
    owned: bool,
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
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .field("table", &self.schema.table.to_string())
            .finish_non_exhaustive()
    }
}

const LEDGER: &str = "pfp_pictures";
const ENTRY_COLUMNS: &str = "id, kind, user_ref, object_key, content_hash, mime, bytes, width, height, sizes, url, created_at, is_current, source";

fn ident(name: &str) -> Ident {
    Ident::parse(name, "column").expect("pfp's own column names are valid")
}

impl Db {
    /// Opens the database, creating and migrating pfp's tables as needed.
    pub async fn open(
        url: &DatabaseUrl,
        mapping: Option<&Mapping>,
        connect_timeout: Duration,
    ) -> Result<Db, Error> {
        match url {
            DatabaseUrl::Sqlite(path) => {
                if mapping.is_some() {
                    return Err(Error::config(
                        "[database.mapping] is for an existing PostgreSQL database; SQLite databases are pfp's own",
                    ));
                }
                let conn = Conn::open_sqlite(path)?;
                let mut lock_file = path.clone().into_os_string();
                lock_file.push("-pfp-lock");
                Ok(Db {
                    conn: tokio::sync::Mutex::new(conn),
                    locks: OwnerLocks::new(CrossProcess::File(lock_file.into())),
                    schema: owned_schema("CAST($1 AS INTEGER)", "$1"),
                    backend: "sqlite",
                    transport: None,
                })
            }
            DatabaseUrl::Postgres(secret) => {
                let (mut conn, transport) =
                    Conn::open_postgres(secret.expose(), connect_timeout).await?;
                let schema = match mapping {
                    None => {
                        let schema =
                            owned_schema("CAST($1::text AS bigint)", "CAST($1::text AS uuid)");
                        conn.migrate_postgres("users", migrations::POSTGRES_USERS, &schema.ledger)
                            .await?;
                        schema
                    }
                    Some(m) => mapped_schema(&mut conn, m).await?,
                };
                conn.migrate_postgres("ledger", migrations::POSTGRES_LEDGER, &schema.ledger)
                    .await?;
                Ok(Db {
                    conn: tokio::sync::Mutex::new(conn),
                    locks: OwnerLocks::new(CrossProcess::Postgres),
                    schema,
                    backend: "postgres",
                    transport: Some(transport),
                })
            }
        }
    }

    /// Whether pfp owns the users table (so `user add` may write to it).
    pub fn owns_users(&self) -> bool {
        self.schema.owned
    }

    /// The longest URL the picture column takes, if limited.
    pub fn picture_limit(&self) -> Option<usize> {
        self.schema.picture_limit
    }

    /// The user columns pfp reads, each qualified with `alias` (e.g. `u.`, or empty).
    fn user_columns(&self, alias: &str) -> Vec<String> {
        let s = &self.schema;
        let mut columns = vec![
            format!("CAST({alias}{} AS TEXT)", s.id),
            format!("CAST({alias}{} AS TEXT)", s.uuid.as_ref().unwrap_or(&s.id)),
            format!("CAST({alias}{} AS TEXT)", s.picture),
        ];
        columns.extend(s.fields.iter().map(|f| format!("CAST({alias}{f} AS TEXT)")));
        columns
    }

    fn select_users(&self) -> String {
        format!(
            "SELECT {} FROM {}",
            self.user_columns("").join(", "),
            self.schema.table
        )
    }

    /// The `WHERE` clause and parameters of keyset paging over users: the ids after
    /// `after` (the last id of the previous page), compared in the id column's own type,
    /// so every page is an index range scan however deep into the table it is (an OFFSET
    /// would read and throw away every row before the page).
    fn after_id(&self, after: Option<&str>) -> (String, Vec<Value>) {
        match after {
            Some(last) => (
                format!("WHERE u.{} > {}", self.schema.id, self.schema.id_param),
                vec![Value::Text(last.to_owned())],
            ),
            None => (String::new(), Vec::new()),
        }
    }

    /// A page of (user id, current picture key, sizes JSON if asked, the picture column
    /// where pfp records no picture) in id order, after the id `after`: the lean query
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
             CASE WHEN p.object_key IS NULL THEN CAST(u.{picture} AS TEXT) END \
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

    /// A page of users in id order after the id `after`, each with its current picture
    /// (one query per page).
    pub async fn users_with_pictures(
        &self,
        after: Option<&str>,
        limit: u64,
    ) -> Result<Vec<(User, Option<LedgerEntry>)>, Error> {
        let s = &self.schema;
        let (filter, params) = self.after_id(after);
        let ledger_columns: Vec<String> = ENTRY_COLUMNS
            .split(", ")
            .map(|c| format!("p.{c}"))
            .collect();
        let sql = format!(
            "SELECT {}, {} FROM {} u LEFT JOIN {} p ON p.kind = 'user' AND p.user_ref = CAST(u.{} AS TEXT) AND p.is_current = TRUE \
             {filter} ORDER BY u.{} LIMIT {limit}",
            self.user_columns("u.").join(", "),
            ledger_columns.join(", "),
            s.table,
            s.ledger,
            s.id,
            s.id,
        );
        let user_width = 3 + s.fields.len();
        let rows = self.conn.lock().await.query(&sql, &params).await?;
        Ok(rows
            .iter()
            .map(|row| {
                let user = self.user_from_row(&row[..user_width]);
                let entry = (row[user_width] != Value::Null)
                    .then(|| Self::entry_from_row(&row[user_width..]));
                (user, entry)
            })
            .collect())
    }

    fn user_from_row(&self, values: &[Value]) -> User {
        let row = |i: usize| values.get(i).unwrap_or(&Value::Null);
        User {
            id: row(0).text().unwrap_or_default(),
            key: row(1).text().unwrap_or_default(),
            picture_url: row(2).text(),
            fields: self
                .schema
                .fields
                .iter()
                .zip(values.iter().skip(3))
                .map(|(f, v)| (f.as_str().to_owned(), v.text()))
                .collect(),
        }
    }

    /// The WHERE clause for a selector.
    fn condition(&self, selector: &Selector) -> Result<String, Error> {
        let s = &self.schema;
        let by_name = |name: &str| s.fields.iter().find(|f| f.as_str() == name);
        let condition = match selector.kind {
            SelectorKind::Id => Some(format!("{} = {}", s.id, s.id_param)),
            SelectorKind::Uuid => match (&s.uuid, s.id_param) {
                (Some(uuid), _) => Some(format!("{uuid} = {}", s.uuid_param)),
                (None, p) if p.contains("uuid") => Some(format!("{} = {p}", s.id)),
                (None, _) => by_name("uuid").map(|c| format!("{c} = $1")),
            },
            // Email addresses are case-insensitive for every login form the app has. In
            // pfp's schema the expression index users_email_lower serves this; an app's
            // table wants `CREATE INDEX ... ON users (lower(email))` (README).
            SelectorKind::Email => by_name("email").map(|c| format!("lower({c}) = lower($1)")),
            SelectorKind::Nickname => by_name("nickname").map(|c| format!("{c} = $1")),
        };
        match condition {
            Some(c) => Ok(c),
            // A guessed kind with no such column: try every lookup column.
            None if !selector.forced && !s.fields.is_empty() => Ok(s
                .fields
                .iter()
                .map(|f| format!("{f} = $1"))
                .collect::<Vec<_>>()
                .join(" OR ")),
            None => Err(Error::config(format!(
                "users cannot be looked up by {} here: no such column in [database.mapping] lookup",
                selector.kind.column_name()
            ))),
        }
    }

    /// The user a selector names; exit 3 when there is none.
    pub async fn find_user(&self, selector: &Selector) -> Result<User, Error> {
        let sql = format!(
            "{} WHERE {}",
            self.select_users(),
            self.condition(selector)?
        );
        let rows = self
            .conn
            .lock()
            .await
            .query(&sql, &[selector.text.as_str().into()])
            .await?;
        match rows.len() {
            0 => Err(Error::not_found(format!(
                "user '{}' not found",
                selector.text
            ))),
            1 => Ok(self.user_from_row(&rows[0])),
            n => Err(Error::invalid(format!(
                "user '{}' matches {n} users; say which with --user-by",
                selector.text
            ))),
        }
    }

    /// Adds a user to pfp's own table.
    pub async fn add_user(
        &self,
        email: &str,
        nickname: &str,
        name: Option<&str>,
    ) -> Result<User, Error> {
        if !self.schema.owned {
            return Err(Error::config(
                "users belong to the app in existing-schema mode: add them there, not with pfp",
            ));
        }
        check_new_user(email, nickname)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let at = now();
        let uuid_param = self.schema.uuid_param;
        let sql = format!(
            "INSERT INTO users (uuid, email, nickname, display_name, created_at, updated_at) VALUES ({uuid_param}, $2, $3, $4, $5, $5)"
        );
        let result = self
            .conn
            .lock()
            .await
            .execute(
                &sql,
                &[
                    uuid.clone().into(),
                    email.into(),
                    nickname.into(),
                    name.map(str::to_owned).into(),
                    at.into(),
                ],
            )
            .await;
        if let Err(e) = result {
            return Err(duplicate(e, email, nickname));
        }
        self.find_user(&Selector {
            text: uuid,
            kind: SelectorKind::Uuid,
            forced: true,
        })
        .await
    }

    /// Changes a user of pfp's own table: the fields given, with the same rules as
    /// [`Db::add_user`] (unique email without regard to case, unique nickname).
    pub async fn update_user(
        &self,
        user: &User,
        email: Option<&str>,
        nickname: Option<&str>,
        name: Option<&str>,
    ) -> Result<User, Error> {
        if !self.schema.owned {
            return Err(Error::config(
                "users belong to the app in existing-schema mode: change them there, not with pfp",
            ));
        }
        let email = email.unwrap_or_else(|| user.field("email").unwrap_or_default());
        let nickname = nickname.unwrap_or_else(|| user.field("nickname").unwrap_or_default());
        check_new_user(email, nickname)?;
        let name = name.or(user.field("display_name"));
        let sql = format!(
            "UPDATE users SET email = $2, nickname = $3, display_name = $4, updated_at = $5 WHERE id = {}",
            self.schema.id_param
        );
        let result = self
            .conn
            .lock()
            .await
            .execute(
                &sql,
                &[
                    user.id.as_str().into(),
                    email.into(),
                    nickname.into(),
                    name.map(str::to_owned).into(),
                    now().into(),
                ],
            )
            .await;
        match result {
            Ok(0) => Err(Error::not_found(format!("user '{}' not found", user.id))),
            Ok(_) => {
                self.find_user(&Selector {
                    text: user.id.clone(),
                    kind: SelectorKind::Id,
                    forced: true,
                })
                .await
            }
            Err(e) => Err(duplicate(e, email, nickname)),
        }
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

    /// Deletes a user's row of pfp's own table. The caller has cleared and retired the
    /// user's pictures first (the database never points at a missing object; a row gone
    /// before its objects would leave them unowned).
    pub async fn delete_user(&self, user: &User) -> Result<(), Error> {
        if !self.schema.owned {
            return Err(Error::config(
                "users belong to the app in existing-schema mode: delete them there, not with pfp",
            ));
        }
        let sql = format!("DELETE FROM users WHERE id = {}", self.schema.id_param);
        self.conn
            .lock()
            .await
            .execute(&sql, &[user.id.as_str().into()])
            .await
            .map(|_| ())
    }

    /// Users in id order.
    pub async fn list_users(&self, limit: Option<u64>) -> Result<Vec<User>, Error> {
        let mut sql = format!("{} ORDER BY {}", self.select_users(), self.schema.id);
        if let Some(limit) = limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let rows = self.conn.lock().await.query(&sql, &[]).await?;
        Ok(rows.iter().map(|r| self.user_from_row(r)).collect())
    }

    fn entry_from_row(values: &[Value]) -> LedgerEntry {
        // Indexing a row of our own query: a missing column reads as NULL, never a panic.
        let row = |i: usize| values.get(i).unwrap_or(&Value::Null);
        let kind = if row(1).text().as_deref() == Some("default") {
            PictureKind::Default
        } else {
            PictureKind::User
        };
        LedgerEntry {
            id: row(0).int(),
            kind,
            user_ref: row(2).text().unwrap_or_default(),
            key: row(3).text().unwrap_or_default(),
            hash: row(4).text().unwrap_or_default(),
            mime: row(5).text().unwrap_or_default(),
            bytes: u64::try_from(row(6).int()).unwrap_or(0),
            width: u32::try_from(row(7).int()).unwrap_or(0),
            height: u32::try_from(row(8).int()).unwrap_or(0),
            sizes: serde_json::from_str(&row(9).text().unwrap_or_default()).unwrap_or_default(),
            url: row(10).text().unwrap_or_default(),
            created_at: row(11).text().unwrap_or_default(),
            current: row(12).boolean(),
            source: row(13).text().unwrap_or_default(),
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
            .conn
            .lock()
            .await
            .query(&sql, &[kind.as_str().into(), user_ref.into()])
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
    pub async fn replace(&self, owner: Owner<'_>, new: &NewEntry) -> Result<Replaced, Error> {
        let mut locked = self.lock(owner).await?;
        let replaced = locked.replace(new).await;
        locked.finish(replaced).await
    }

    /// [`Db::replace`] as a compare-and-set on the user's picture column: only if it
    /// still holds `expected` (read under the row lock, in the same transaction as the
    /// write). None, with nothing changed, when another writer (the app) changed it.
    pub async fn replace_if(
        &self,
        owner: Owner<'_>,
        new: &NewEntry,
        expected: &str,
    ) -> Result<Option<Replaced>, Error> {
        let mut locked = self.lock(owner).await?;
        let result = async {
            if let Some(user) = owner.row() {
                let s = &self.schema;
                let sql = format!(
                    "SELECT CAST({} AS TEXT) FROM {} WHERE {} = {}",
                    s.picture, s.table, s.id, s.id_param
                );
                let rows = locked.conn.query(&sql, &[user.id.as_str().into()]).await?;
                let now = rows.first().and_then(|r| r.first()).and_then(Value::text);
                if now.as_deref() != Some(expected) {
                    return Ok(None);
                }
            }
            locked.replace(new).await.map(Some)
        }
        .await;
        locked.finish(result).await
    }

    /// Runs `work` holding the owner lock of `folder` (see [`owner_lock`]): no other pfp
    /// task or process runs a critical section on the same folder meanwhile. Holds no
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
                // The number is pfp's own hash, never user input.
                let key = owner_lock::lock_number(folder);
                let sql = format!("SELECT CAST(pg_try_advisory_lock({key}) AS TEXT)");
                let started = std::time::Instant::now();
                let mut pause = Duration::from_millis(2);
                loop {
                    let rows = self.conn.lock().await.query(&sql, &[]).await?;
                    let taken = rows
                        .first()
                        .and_then(|r| r.first())
                        .and_then(Value::text)
                        .is_some_and(|t| t == "true");
                    if taken {
                        break;
                    }
                    if started.elapsed() > LOCK_WAIT {
                        return Err(owner_lock::timed_out(folder));
                    }
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                (None, Some(key))
            }
        };
        let held = OwnerLocks::held(folder, local, file);
        let result = work.await;
        if let Some(key) = advisory {
            let sql = format!("SELECT CAST(pg_advisory_unlock({key}) AS TEXT)");
            // A lost connection has released the lock with the session.
            if let Err(e) = self.conn.lock().await.query(&sql, &[]).await {
                tracing::debug!("releasing the lock on '{folder}': {e}");
            }
        }
        self.locks.release(held);
        result
    }

    /// Starts a transaction holding the lock on `user`'s row (on the default picture when
    /// None): changes of one user's picture are serialised, across processes too.
    /// Fails with "not found" if the user vanished.
    pub async fn lock<'a>(&'a self, owner: Owner<'a>) -> Result<Locked<'a>, Error> {
        let user = owner.row();
        let s = &self.schema;
        let mut conn = self.conn.lock().await;
        conn.begin().await?;
        let locked: Result<(), Error> = async {
            match user {
                Some(user) => {
                    let lock = if conn.is_postgres() {
                        " FOR UPDATE"
                    } else {
                        ""
                    };
                    let sql = format!(
                        "SELECT 1 FROM {} WHERE {} = {}{lock}",
                        s.table, s.id, s.id_param
                    );
                    if conn
                        .query(&sql, &[user.id.as_str().into()])
                        .await?
                        .is_empty()
                    {
                        return Err(Error::not_found(format!(
                            "user '{}' not found (deleted while the picture was uploaded)",
                            user.id
                        )));
                    }
                }
                None if conn.is_postgres() => {
                    // No row to lock for the default picture: an advisory lock stands in.
                    conn.query("SELECT CAST(pg_advisory_xact_lock(7245002) AS TEXT)", &[])
                        .await?;
                }
                None => {} // SQLite's BEGIN IMMEDIATE already serialises every writer.
            }
            Ok(())
        }
        .await;
        if let Err(e) = locked {
            conn.rollback().await;
            return Err(e);
        }
        Ok(Locked {
            db: self,
            conn,
            owner,
        })
    }

    async fn replace_in_tx(
        &self,
        conn: &mut Conn,
        owner: Owner<'_>,
        new: &NewEntry,
    ) -> Result<Replaced, Error> {
        let s = &self.schema;
        let user = owner.row();
        let (kind, user_ref) = owner.ledger_key();
        let current_sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {} WHERE kind = $1 AND user_ref = $2 AND is_current = TRUE",
            s.ledger
        );
        let params = [Value::from(kind.as_str()), Value::from(user_ref.clone())];
        let previous: Vec<LedgerEntry> = conn
            .query(&current_sql, &params)
            .await?
            .iter()
            .map(|r| Self::entry_from_row(r))
            .collect();
        let sizes = serde_json::to_string(&new.sizes)
            .map_err(|e| Error::new(Kind::Internal, e.to_string()))?;
        let set_sizes = format!(
            "UPDATE {} SET sizes = $2, source = $3, is_current = TRUE WHERE id = $1",
            s.ledger
        );
        if let Some(same) = previous.iter().find(|p| p.key == new.key) {
            if same_sizes(same, new) {
                return Ok(Replaced {
                    unchanged: true,
                    resized: false,
                    previous: Vec::new(),
                    dropped: Vec::new(),
                });
            }
            // The same picture with sizes added or dropped: one entry, its sizes updated.
            resize_entry(conn, &set_sizes, same.id, &sizes, &new.source).await?;
            return Ok(Replaced {
                unchanged: false,
                resized: true,
                previous: Vec::new(),
                dropped: dropped_keys(same, new),
            });
        }
        conn.execute(
            &format!(
                "UPDATE {} SET is_current = FALSE WHERE kind = $1 AND user_ref = $2 AND is_current = TRUE",
                s.ledger
            ),
            &params,
        )
        .await?;
        // A picture kept with --keep-previous becomes current again rather than twice
        // recorded, with the sizes of this run.
        let kept: Vec<LedgerEntry> = conn
            .query(
                &format!(
                    "SELECT {ENTRY_COLUMNS} FROM {} WHERE kind = $1 AND user_ref = $2 AND object_key = $3",
                    s.ledger
                ),
                &[kind.as_str().into(), user_ref.clone().into(), new.key.as_str().into()],
            )
            .await?
            .iter()
            .map(|r| Self::entry_from_row(r))
            .collect();
        let mut dropped = Vec::new();
        for entry in &kept {
            resize_entry(conn, &set_sizes, entry.id, &sizes, &new.source).await?;
            dropped.extend(dropped_keys(entry, new));
        }
        if kept.is_empty() {
            conn.execute(
                &format!(
                    "INSERT INTO {} (kind, user_ref, object_key, content_hash, mime, bytes, width, height, sizes, url, created_at, source, is_current) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, TRUE)",
                    s.ledger
                ),
                &[
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
            )
            .await?;
        }
        if let Some(user) = user {
            conn.execute(
                &format!(
                    "UPDATE {} SET {} = $2 WHERE {} = {}",
                    s.table, s.picture, s.id, s.id_param
                ),
                &[user.id.as_str().into(), new.url.as_str().into()],
            )
            .await?;
        }
        Ok(Replaced {
            unchanged: false,
            resized: false,
            previous,
            dropped,
        })
    }

    /// Clears a user's picture (database first; the caller deletes the objects after).
    /// Returns the entries that were current.
    pub async fn clear(&self, user: &User) -> Result<Vec<LedgerEntry>, Error> {
        let s = &self.schema;
        let mut locked = self.lock(Owner::User(user)).await?;
        let conn = &mut locked.conn;
        let result: Result<Vec<LedgerEntry>, Error> = async {
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
            conn.execute(
                &format!(
                    "UPDATE {} SET is_current = FALSE WHERE kind = $1 AND user_ref = $2 AND is_current = TRUE",
                    s.ledger
                ),
                &params,
            )
            .await?;
            conn.execute(
                &format!("UPDATE {} SET {} = NULL WHERE {} = {}", s.table, s.picture, s.id, s.id_param),
                &[user.id.as_str().into()],
            )
            .await?;
            Ok(previous)
        }
        .await;
        locked.finish(result).await
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
                vec![
                    Value::from(user_id),
                    url.map(str::to_owned).into(),
                    seen.into(),
                ],
            ),
            None => (
                format!("{} IS NULL", s.picture),
                vec![Value::from(user_id), url.map(str::to_owned).into()],
            ),
        };
        let changed = self
            .conn
            .lock()
            .await
            .execute(
                &format!(
                    "UPDATE {} SET {} = $2 WHERE {} = {} AND {condition}",
                    s.table, s.picture, s.id, s.id_param
                ),
                &params,
            )
            .await?;
        Ok(changed > 0)
    }

    /// (user id, picture column) of every user whose column ends with `suffix`: the
    /// candidates for naming an object (`adopt --delete-originals` keeps an original
    /// another user still names). A LIKE with a leading wildcard reads the whole table;
    /// it runs once per adopted picture only with `--delete-originals`.
    pub async fn columns_ending_with(&self, suffix: &str) -> Result<Vec<(String, String)>, Error> {
        let s = &self.schema;
        let escaped = suffix
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let sql = format!(
            "SELECT CAST({id} AS TEXT), CAST({p} AS TEXT) FROM {t} WHERE {p} LIKE $1 ESCAPE '\\'",
            id = s.id,
            p = s.picture,
            t = s.table
        );
        let rows = self
            .conn
            .lock()
            .await
            .query(&sql, &[format!("%{escaped}").into()])
            .await?;
        Ok(rows
            .iter()
            .filter_map(|r| Some((r.first()?.text()?, r.get(1)?.text()?)))
            .collect())
    }

    /// A user's picture column as it is now (None also when the user is gone).
    pub async fn picture_column(&self, user_id: &str) -> Result<Option<String>, Error> {
        let s = &self.schema;
        let sql = format!(
            "SELECT CAST({} AS TEXT) FROM {} WHERE {} = {}",
            s.picture, s.table, s.id, s.id_param
        );
        let rows = self
            .conn
            .lock()
            .await
            .query(&sql, &[user_id.into()])
            .await?;
        Ok(rows.first().and_then(|r| r.first()).and_then(Value::text))
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
        conn.begin().await?;
        let result: Result<(), Error> = async {
            if entry.current && entry.kind == PictureKind::User {
                conn.execute(
                    &format!(
                        "UPDATE {} SET {} = NULL WHERE {} = {} AND {} = $2",
                        s.table, s.picture, s.id, s.id_param, s.picture
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

    /// One of pfp's own settings.
    pub async fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        let sql = format!("SELECT value FROM {} WHERE key = $1", self.schema.settings);
        let rows = self.conn.lock().await.query(&sql, &[key.into()]).await?;
        Ok(rows.first().and_then(|r| r.first()).and_then(Value::text))
    }

    /// Sets (or with None, removes) one of pfp's own settings.
    pub async fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), Error> {
        let mut conn = self.conn.lock().await;
        let table = &self.schema.settings;
        conn.execute(
            &format!("DELETE FROM {table} WHERE key = $1"),
            &[key.into()],
        )
        .await?;
        if let Some(value) = value {
            conn.execute(
                &format!("INSERT INTO {table} (key, value) VALUES ($1, $2)"),
                &[key.into(), value.into()],
            )
            .await?;
        }
        Ok(())
    }

    /// The schema description for `doctor` and messages.
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

    /// How the database connection travels, for `doctor`: `None` for SQLite.
    pub fn transport(&self) -> Option<String> {
        let t = self.transport.as_ref()?;
        Some(format!(
            "{} (sslmode={})",
            if t.encrypted { "TLS" } else { "plain TCP" },
            t.mode.as_str()
        ))
    }

    pub fn describe(&self) -> String {
        format!(
            "{} ({}, picture column {}{})",
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
                .unwrap_or_default()
        )
    }
}

/// The rules of a user's email and nickname in pfp's own table.
fn check_new_user(email: &str, nickname: &str) -> Result<(), Error> {
    if !email.contains('@') || email.trim() != email || email.len() > 254 {
        return Err(Error::invalid(format!(
            "invalid email '{email}': expected name@domain"
        )));
    }
    if nickname.is_empty()
        || nickname.contains('@')
        || nickname.bytes().all(|b| b.is_ascii_digit())
        || uuid::Uuid::try_parse(nickname).is_ok()
    {
        return Err(Error::invalid(format!(
            "invalid nickname '{nickname}': it must not be empty, all digits, a UUID or contain '@' (those select ids, uuids and emails)"
        )));
    }
    Ok(())
}

/// A unique-constraint failure in words: which field is taken.
fn duplicate(e: Error, email: &str, nickname: &str) -> Error {
    if e.kind() != Kind::Invalid {
        return e;
    }
    let which = if e.to_string().contains("email") {
        ("email", email)
    } else {
        ("nickname", nickname)
    };
    Error::invalid(format!(
        "a user with {} '{}' already exists",
        which.0, which.1
    ))
}

fn owned_schema(id_param: &'static str, uuid_param: &'static str) -> Schema {
    Schema {
        table: TableName::parse("users").expect("valid"),
        id: ident("id"),
        id_param,
        uuid: Some(ident("uuid")),
        uuid_param,
        fields: ["uuid", "email", "nickname", "display_name"]
            .map(ident)
            .to_vec(),
        picture: ident("profile_picture_url"),
        ledger: TableName::parse(LEDGER).expect("valid"),
        settings: TableName::parse("pfp_settings").expect("valid"),
        picture_limit: Some(255),
        owned: true,
    }
}

/// Reads the mapped table's column types, so ids are compared in their own type (and its
/// index is used) and the picture column's width is known.
async fn mapped_schema(conn: &mut Conn, m: &Mapping) -> Result<Schema, Error> {
    let schema_name = m.table.schema.as_ref().map(|s| s.as_str().to_owned());
    let sql = "SELECT column_name::text, data_type::text, character_maximum_length::bigint \
               FROM information_schema.columns \
               WHERE table_name = $1 AND table_schema = COALESCE($2, current_schema())";
    let rows = conn
        .query(sql, &[m.table.table.as_str().into(), schema_name.into()])
        .await?;
    if rows.is_empty() {
        return Err(Error::config(format!(
            "the mapped table {} does not exist (or is not visible to this database user)",
            m.table
        )));
    }
    let column = |name: &Ident| {
        rows.iter()
            .find(|r| r[0].text().as_deref() == Some(name.as_str()))
            .map(|r| {
                (
                    r[1].text().unwrap_or_default(),
                    r[2].text().and_then(|l| l.parse().ok()),
                )
            })
            .ok_or_else(|| {
                Error::config(format!(
                    "the mapped table {} has no column {}",
                    m.table, name
                ))
            })
    };
    let (id_type, _) = column(&m.id)?;
    let id_param = match id_type.as_str() {
        "uuid" => "CAST($1::text AS uuid)",
        "integer" | "bigint" | "smallint" => "CAST($1::text AS bigint)",
        _ => "$1",
    };
    for c in &m.lookup {
        column(c)?;
    }
    let (_, picture_limit) = column(&m.picture_url)?;
    Ok(Schema {
        table: m.table.clone(),
        id: m.id.clone(),
        id_param,
        uuid: None,
        uuid_param: "$1",
        fields: m.lookup.clone(),
        picture: m.picture_url.clone(),
        ledger: m.table.sibling(LEDGER),
        settings: m.table.sibling("pfp_settings"),
        picture_limit,
        owned: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_are_detected() {
        let kind = |t: &str| Selector::parse(t, None).unwrap().kind;
        assert_eq!(kind("42"), SelectorKind::Id);
        assert_eq!(
            kind("6f1c2a1e-6bd4-4b43-9a0e-2f4a4b3c2d1e"),
            SelectorKind::Uuid
        );
        assert_eq!(kind("alice@example.com"), SelectorKind::Email);
        assert_eq!(kind("alice"), SelectorKind::Nickname);
        assert_eq!(
            Selector::parse("42", Some(SelectorKind::Nickname))
                .unwrap()
                .kind,
            SelectorKind::Nickname
        );
        assert!(Selector::parse("abc", Some(SelectorKind::Id)).is_err());
        assert!(Selector::parse("  ", None).is_err());
    }
}
