//! The users themselves: finding one by a selector, listing them a page at a time, and
//! (in pfp's own schema) adding, changing and deleting them.

use super::conn::{Value, now};
use super::schema::ENTRY_COLUMNS;
use super::{Db, LedgerEntry, Selector, SelectorKind};
use crate::error::{Error, Kind};
use crate::values::composed;

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

impl Db {
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
    pub(super) fn after_id(&self, after: Option<&str>) -> (String, Vec<Value>) {
        match after {
            Some(last) => (
                format!("WHERE u.{} > {}", self.schema.id, self.schema.id_param),
                vec![Value::Text(last.to_owned())],
            ),
            None => (String::new(), Vec::new()),
        }
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

    /// The user a selector names; exit 3 when there is none, naming the nicknames that
    /// differ from it only in letter case. For one user a command was given; a bulk
    /// lookup takes [`Db::lookup_user`], as a miss here may read the whole table.
    pub async fn find_user(&self, selector: &Selector) -> Result<User, Error> {
        match self.lookup_user(selector).await {
            Err(err) if err.kind() == Kind::NotFound => {
                if let Some(address) = bare_address(&selector.text) {
                    return Err(err.hint(format!(
                        "an address as a mail program writes it: give the address alone ('{}')",
                        crate::values::printable(address)
                    )));
                }
                Err(match self.nicknames_in_other_case(selector).await?[..] {
                    [] => match self.named(selector).await?[..] {
                        [] => err,
                        ref users => err.hint(format!(
                            "it is the name of {}: a user is named by id, UUID, email or nickname (a name is not unique)",
                            users_list(users)
                        )),
                    },
                    [ref one] => err.hint(format!(
                        "nicknames match exactly, letter case too: did you mean '{}'?",
                        crate::values::printable(one)
                    )),
                    ref many => err.hint(format!(
                        "nicknames match exactly, letter case too: did you mean one of {}?",
                        many.iter()
                            .map(|n| format!("'{}'", crate::values::printable(n)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                })
            }
            found => found,
        }
    }

    /// The user a selector names; exit 3 when there is none. One indexed read (two for a
    /// non-ASCII name), however it ends: for the lookups of an import or an export.
    pub async fn lookup_user(&self, selector: &Selector) -> Result<User, Error> {
        let sql = format!(
            "{} WHERE {}",
            self.select_users(),
            self.condition(selector)?
        );
        let mut rows = self.read(&sql, &[selector.text.as_str().into()]).await?;
        if rows.is_empty() {
            // The same name in Unicode's other form: macOS writes file names decomposed
            // (`e` and a combining accent, NFD), most keyboards and apps composed (`é`,
            // NFC), and the two look alike in every message. Asked only after a miss,
            // and never for ASCII, which has one form.
            for spelling in other_forms(&selector.text) {
                rows = self.read(&sql, &[spelling.as_str().into()]).await?;
                if !rows.is_empty() {
                    break;
                }
            }
        }
        match rows.len() {
            0 if self.schema.row_security => Err(Error::not_found(format!(
                "user '{}' not found",
                crate::values::printable(&selector.text)
            ))
            .hint(format!(
                "row security is on for table {} and applies to this role: a user its policies hide from the role is 'not found' to pfp; give the role a policy that shows every user (or BYPASSRLS), or connect as one that has it",
                self.schema.table
            ))),
            0 => Err(Error::not_found(format!(
                "user '{}' not found",
                crate::values::printable(&selector.text)
            ))),
            1 => Ok(self.user_from_row(&rows[0])),
            n => Err(Error::invalid(format!(
                "user '{}' matches {n} users; say which with {}",
                crate::values::printable(&selector.text),
                crate::error::Setting::UserBy.name()
            ))),
        }
    }

    /// The nicknames that differ from a nickname selector that found nobody only in letter
    /// case (`Alice` for `alice`), for the hint: emails match in any case, nicknames only
    /// exactly (they are the app's, and the app may tell `Alice` from `alice`). Asked only
    /// after a miss of one command's user: without an index on `lower(nickname)` the table
    /// is read through (100,000 users: a few milliseconds), too much for each miss of a
    /// bulk run.
    async fn nicknames_in_other_case(&self, selector: &Selector) -> Result<Vec<String>, Error> {
        let column = self.schema.fields.iter().find(|f| f.as_str() == "nickname");
        let (SelectorKind::Nickname, Some(column)) = (selector.kind, column) else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT {column} FROM {} WHERE lower({column}) = lower($1) ORDER BY {column} LIMIT 3",
            self.schema.table
        );
        self.first_column_sorted(&sql, &selector.text).await
    }

    /// The first column of `sql`'s rows for one parameter, in code points' order, as
    /// SQLite sorts them and PostgreSQL's collations may not: for a hint's names.
    async fn first_column_sorted(&self, sql: &str, param: &str) -> Result<Vec<String>, Error> {
        let rows = self.read(sql, &[param.into()]).await?;
        let mut names: Vec<String> = rows
            .iter()
            .filter_map(|row| row.first().and_then(Value::text))
            .collect();
        names.sort();
        Ok(names)
    }

    /// The users whose display name is a selector that found nobody (`Ann Smith`, a file
    /// named `Ann Smith.jpg`), each by nickname where there is one, else by id: names are
    /// no selector (two users may share one), but the operator who wrote one meant a
    /// user. Read through the table (names have no index): for one command's user, or
    /// the first few misses of a bulk run.
    pub async fn named(&self, selector: &Selector) -> Result<Vec<String>, Error> {
        let s = &self.schema;
        let field = |name: &str| s.fields.iter().find(|f| f.as_str() == name);
        let Some(name) = field("display_name").or_else(|| field("name")) else {
            return Ok(Vec::new());
        };
        if selector.kind != SelectorKind::Nickname {
            return Ok(Vec::new());
        }
        let shown = field("nickname").map_or_else(|| s.id.to_string(), |n| n.to_string());
        let sql = format!(
            "SELECT {shown} FROM {} WHERE {name} = $1 ORDER BY {shown} LIMIT 3",
            s.table
        );
        self.first_column_sorted(&sql, &composed(&selector.text))
            .await
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
        let (email, nickname, name) = (composed(email), composed(nickname), name.map(composed));
        let (email, nickname, name) = (email.as_ref(), nickname.as_ref(), name.as_deref());
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
        let (email, nickname, name) = (
            email.map(composed),
            nickname.map(composed),
            name.map(composed),
        );
        let (email, nickname, name) = (email.as_deref(), nickname.as_deref(), name.as_deref());
        // Checked as the row will read, but only the fields given are written: a field
        // another run changed meanwhile is not put back to what this one read.
        let (new_email, new_nickname) = (
            email.unwrap_or_else(|| user.field("email").unwrap_or_default()),
            nickname.unwrap_or_else(|| user.field("nickname").unwrap_or_default()),
        );
        check_new_user(new_email, new_nickname)?;
        let sql = format!(
            "UPDATE users SET email = COALESCE($2, email), nickname = COALESCE($3, nickname), \
             display_name = COALESCE($4, display_name), updated_at = $5 WHERE id = {}",
            self.schema.id_param
        );
        let text = |v: Option<&str>| Value::from(v.map(str::to_owned));
        let result = self
            .conn
            .lock()
            .await
            .execute(
                &sql,
                &[
                    user.id.as_str().into(),
                    text(email),
                    text(nickname),
                    text(name),
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
            Err(e) => Err(duplicate(e, new_email, new_nickname)),
        }
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

    /// (user id, picture column) of every user whose column contains `fragment`: the
    /// candidates for naming an object (`adopt --delete-originals` keeps an original
    /// another user still names; the caller reads each candidate exactly). A LIKE with a
    /// leading wildcard reads the whole table; it runs once per adopted picture only
    /// with `--delete-originals`.
    pub async fn columns_containing(&self, fragment: &str) -> Result<Vec<(String, String)>, Error> {
        let s = &self.schema;
        let escaped = fragment
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
            .query(&sql, &[format!("%{escaped}%").into()])
            .await?;
        Ok(rows
            .iter()
            .filter_map(|r| Some((r.first()?.text()?, r.get(1)?.text()?)))
            .collect())
    }

    /// The user's picture column when it holds a value the app wrote after pfp's (that
    /// is not the URL of `current`, pfp's current picture of the user, or when pfp has
    /// none): the picture the user is shown, which is not pfp's. None when the column is
    /// empty or pfp's.
    pub async fn apps_value_now(
        &self,
        user_id: &str,
        current: Option<&LedgerEntry>,
    ) -> Result<Option<String>, Error> {
        let column = self.picture_column(user_id).await?;
        Ok(apps_value(column.as_deref(), current).map(str::to_owned))
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
}

/// The rules of a user's email and nickname in pfp's own table. Neither may hold a
/// control character or a bidirectional override (a tab or a newline pasted from a
/// spreadsheet, an escape), nor begin or end with a space: a selector is trimmed, so
/// a nickname ' bob ' could never be named again.
fn check_new_user(email: &str, nickname: &str) -> Result<(), Error> {
    let printable = crate::values::printable;
    let plain = |s: &str| s.trim() == s && !s.chars().any(crate::values::hostile);
    if email.len() > 254 {
        // Said apart: "expected name@domain" misled about an address that is one.
        return Err(Error::invalid(format!(
            "invalid email '{}…' ({} bytes): an address is at most 254 bytes (RFC 5321)",
            printable(&email.chars().take(40).collect::<String>()),
            email.len()
        )));
    }
    if !email.contains('@') || !plain(email) {
        return Err(Error::invalid(format!(
            "invalid email '{}': expected name@domain, without spaces around it or control characters",
            printable(email)
        )));
    }
    if !plain(nickname) {
        return Err(Error::invalid(format!(
            "invalid nickname '{}': it must not begin or end with a space (a selector is trimmed: it could never be named) nor hold control characters",
            printable(nickname)
        )));
    }
    if nickname.is_empty()
        || nickname.contains('@')
        || nickname.bytes().all(|b| b.is_ascii_digit())
        || uuid::Uuid::try_parse(nickname).is_ok()
    {
        return Err(Error::invalid(format!(
            "invalid nickname '{}': it must not be empty, all digits, a UUID or contain '@' (those select ids, uuids and emails)",
            printable(nickname)
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

/// `text` composed (NFC) and decomposed (NFD), where either differs from it.
fn other_forms(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization as _;
    if text.is_ascii() {
        return Vec::new();
    }
    let mut forms: Vec<String> = Vec::with_capacity(2);
    for form in [composed(text).into_owned(), text.nfd().collect()] {
        if form != text && !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

/// The address in an email selector as a mail program writes it (`Alice <alice@x.org>`,
/// `mailto:alice@x.org`), where it is written so.
fn bare_address(text: &str) -> Option<&str> {
    let text = text.trim();
    let inner = if let Some(rest) = text.strip_suffix('>') {
        rest.rsplit_once('<')?.1
    } else if text
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        &text[7..]
    } else {
        return None;
    };
    let inner = inner.trim();
    (inner.contains('@') && !inner.contains([' ', '<', '>'])).then_some(inner)
}

/// "user 'annie'", "users 'ann' and 'annie'" for a hint.
pub fn users_list(users: &[String]) -> String {
    let quoted: Vec<String> = users
        .iter()
        .map(|u| format!("'{}'", crate::values::printable(u)))
        .collect();
    match quoted.split_last() {
        Some((last, [])) => format!("user {last}"),
        Some((last, rest)) => format!("users {} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A picture column's value `column` when it is the app's: not empty, and not the URL of
/// `current`, pfp's current picture of the user (see [`Db::apps_value_now`]).
pub fn apps_value<'a>(column: Option<&'a str>, current: Option<&LedgerEntry>) -> Option<&'a str> {
    column
        .map(str::trim)
        .filter(|c| !c.is_empty() && current.is_none_or(|e| e.url != *c))
}
