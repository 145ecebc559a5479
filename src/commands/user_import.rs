//! `pfp user import FILE.csv|-`: many users of pfp's own table from a CSV file or stdin,
//! streamed (a row at a time, in the file's order). The header names the columns
//! (`email,nickname` and optionally `name`, in any order); each row is added with `user
//! add`'s rules, or rejected on its own with `FILE:LINE` (a bad field, a duplicate of an
//! earlier row, a user that exists already). A row whose user exists with the same fields
//! is `unchanged`, so the same file can be run again after an interruption.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::commands::Context;
use crate::error::{Error, Kind, Result};
use crate::output::{UserImportReport, UserImportStatus, UserImportSummary, plural};
use crate::users::{Selector, SelectorKind, User};
use crate::values::{composed, printable};

/// Rows read ahead of the database.
const READ_AHEAD: usize = 256;

/// The column a header name stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Email,
    Nickname,
    Name,
}

fn column(name: &str) -> Option<Column> {
    match name.to_ascii_lowercase().replace([' ', '-'], "_").as_str() {
        "email" | "mail" | "email_address" => Some(Column::Email),
        "nickname" | "nick" | "username" | "login" => Some(Column::Nickname),
        "name" | "display_name" | "full_name" => Some(Column::Name),
        _ => None,
    }
}

/// One data row as read: where it was and its fields.
struct Record {
    line: u64,
    fields: Result<Vec<String>, String>,
}

pub async fn run(file: &Path, ctx: &Context) -> Result<()> {
    let file_name = crate::values::FileName::of_path(file);
    let name = file_name.shown().to_owned();
    let reader: Box<dyn Read + Send> = if file == Path::new("-") {
        if let Some(line) = crate::input::typed_at_terminal("the user list (CSV)") {
            ctx.printer.status(&line);
        }
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(file).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::new(Kind::NotFound, format!("{name}: no such file"))
            } else {
                Error::invalid(format!("{name}: {e}"))
            }
        })?)
    };
    let db = ctx.db().await?;
    if !db.owns_users() {
        return Err(Error::config(
            "users belong to the app in existing-schema mode: add them there, not with pfp",
        )
        .into());
    }
    // The file is read on a thread of its own (a pipe may be slow), a few hundred rows
    // ahead of the database.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Record, String>>(READ_AHEAD);
    let reader_name = name.clone();
    std::thread::spawn(move || {
        for (line, record) in crate::input::CsvRows::new(reader, &reader_name) {
            let item = match record {
                Ok(r) => Ok(Record {
                    line,
                    fields: Ok(r.iter().map(str::to_owned).collect()),
                }),
                Err(e) if e.is_io_error() => Err(format!("{reader_name}:{line}: {e}")),
                Err(e) => Ok(Record {
                    line,
                    fields: Err(crate::input::csv_problem(&e)),
                }),
            };
            let stop = item.is_err();
            if tx.blocking_send(item).is_err() || stop {
                return;
            }
        }
    });

    let mut columns: Option<Vec<Column>> = None;
    let mut taken = Taken::default();
    let mut summary = UserImportSummary::default();
    while let Some(item) = rx.recv().await {
        let record = match item {
            Ok(record) => record,
            Err(unreadable) => {
                summary.stop();
                ctx.printer.print(&summary);
                return Err(Error::invalid(unreadable).into());
            }
        };
        // `FILE:LINE`: the file's exact name for `--json`, escaped in messages.
        let at = crate::values::FileName::new(format!("{}:{}", file_name.exact(), record.line));
        let fields = match record.fields {
            Ok(fields) if fields.iter().all(String::is_empty) => continue,
            Ok(fields) => fields,
            Err(e) => {
                report(
                    ctx,
                    &mut summary,
                    UserImportReport::rejected(&at, "", "", e),
                );
                continue;
            }
        };
        let Some(columns) = &columns else {
            columns = Some(header(&fields).map_err(|rule| {
                let error = Error::invalid(format!("{at}: {rule}"));
                match other_columns(&fields) {
                    Some(hint) => error.hint(hint),
                    None => error,
                }
            })?);
            continue;
        };
        let field = |want: Column| {
            columns
                .iter()
                .position(|&c| c == want)
                .and_then(|i| fields.get(i))
                .map(String::as_str)
        };
        // Composed as pfp stores them, so that a file written on a Mac (decomposed) runs
        // again as `unchanged` and its earlier rows are found by the same spelling.
        let email = composed(field(Column::Email).unwrap_or_default());
        let nickname = composed(field(Column::Nickname).unwrap_or_default());
        let display = field(Column::Name).filter(|n| !n.is_empty()).map(composed);
        let (email, nickname, display) = (email.as_ref(), nickname.as_ref(), display.as_deref());
        // A row the file itself refuses: the wrong number of fields, or an email or
        // nickname an earlier row has.
        let refused = if fields.len() != columns.len() {
            let names: Vec<&str> = columns.iter().map(|c| column_name(*c)).collect();
            Some(format!(
                "expected {} ({}), found {}",
                plural(columns.len() as u64, "field", "fields"),
                names.join(","),
                fields.len()
            ))
        } else {
            taken.earlier(email, nickname).map(|(what, line)| {
                let value = if what == "email" { email } else { nickname };
                format!("{what} '{}' is on {name}:{line} already", printable(value))
            })
        };
        if let Some(rule) = refused {
            report(
                ctx,
                &mut summary,
                UserImportReport::rejected(&at, email, nickname, rule),
            );
            continue;
        }
        match db.add_user(email, nickname, display).await {
            Ok(user) => {
                taken.take(email, nickname, record.line);
                report(
                    ctx,
                    &mut summary,
                    UserImportReport::done(&at, &user, UserImportStatus::Added),
                );
            }
            Err(e) if e.kind() == Kind::Invalid => {
                let same = match same_user(db, email, nickname, display).await {
                    Ok(same) => same,
                    Err(failed) => {
                        summary.stop();
                        ctx.printer.print(&summary);
                        return Err(failed);
                    }
                };
                match same {
                    Some(user) => {
                        taken.take(email, nickname, record.line);
                        report(
                            ctx,
                            &mut summary,
                            UserImportReport::done(&at, &user, UserImportStatus::Unchanged),
                        )
                    }
                    None => report(
                        ctx,
                        &mut summary,
                        UserImportReport::rejected(&at, email, nickname, e.to_string()),
                    ),
                }
            }
            // The database failed: every later row would too.
            Err(e) => {
                summary.stop();
                ctx.printer.print(&summary);
                return Err(e.into());
            }
        }
    }
    if columns.is_none() {
        return Err(Error::invalid(format!(
            "{name}: no header: expected a first row naming the columns email,nickname[,name]"
        ))
        .into());
    }
    ctx.printer.print(&summary);
    if summary.rejected() > 0 {
        return Err(Error::silent(Kind::Invalid).into());
    }
    Ok(())
}

/// The emails (without regard to case) and nicknames of the rows taken so far, as 64-bit
/// fingerprints (SipHash under a key chosen afresh by each process, as `import` keeps
/// its users) with their line: a million rows cost tens of megabytes, not their text.
/// Two values sharing a fingerprint (a chance of about n²/2⁶⁵) would refuse a row as a
/// duplicate, which the next run (another key) takes.
#[derive(Default)]
struct Taken {
    key: std::hash::RandomState,
    emails: HashMap<u64, u64>,
    nicknames: HashMap<u64, u64>,
}

impl Taken {
    fn fingerprints(&self, email: &str, nickname: &str) -> (u64, u64) {
        use std::hash::BuildHasher;
        (
            self.key.hash_one(("email", email.to_lowercase())),
            self.key.hash_one(("nickname", nickname)),
        )
    }

    /// Which of the two an earlier row has, and its line.
    fn earlier(&self, email: &str, nickname: &str) -> Option<(&'static str, u64)> {
        let (e, n) = self.fingerprints(email, nickname);
        self.emails
            .get(&e)
            .map(|&line| ("email", line))
            .or_else(|| self.nicknames.get(&n).map(|&line| ("nickname", line)))
    }

    fn take(&mut self, email: &str, nickname: &str, line: u64) {
        let (e, n) = self.fingerprints(email, nickname);
        self.emails.insert(e, line);
        self.nicknames.insert(n, line);
    }
}

/// The columns a header row names: email and nickname once each, name at most once.
fn header(fields: &[String]) -> std::result::Result<Vec<Column>, String> {
    let expected = "expected a header naming the columns email,nickname[,name] (in any order)";
    let mut columns = Vec::new();
    for field in fields {
        let Some(c) = column(field) else {
            return Err(format!("unknown column '{}': {expected}", printable(field)));
        };
        if columns.contains(&c) {
            return Err(format!(
                "column '{}' named twice: {expected}",
                printable(field)
            ));
        }
        columns.push(c);
    }
    if !columns.contains(&Column::Email) || !columns.contains(&Column::Nickname) {
        return Err(format!(
            "'{}' is not a header: {expected}",
            printable(&fields.join(","))
        ));
    }
    Ok(columns)
}

/// For a header that names email and nickname among other columns (a dump of an app's
/// users table: `id,email,nickname,profile_picture_url,created_at`): how to keep only
/// those, and where an app with users of its own belongs (its ids kept, in place).
fn other_columns(fields: &[String]) -> Option<String> {
    let positions: Vec<String> = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| column(f).is_some())
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    let known: Vec<Column> = fields.iter().filter_map(|f| column(f)).collect();
    if !known.contains(&Column::Email)
        || !known.contains(&Column::Nickname)
        || positions.len() == fields.len()
    {
        return None;
    }
    Some(format!(
        "keep only columns {} of the file; an app's own users table, with its ids and pictures, is taken in place instead: [database.mapping] and `pfp adopt`",
        positions.join(",")
    ))
}

fn column_name(c: Column) -> &'static str {
    match c {
        Column::Email => "email",
        Column::Nickname => "nickname",
        Column::Name => "name",
    }
}

/// The user with this email if they have exactly these fields already (a row of an
/// earlier run of the same file).
async fn same_user(
    db: &crate::users::Db,
    email: &str,
    nickname: &str,
    display: Option<&str>,
) -> Result<Option<User>> {
    let selector = Selector {
        text: email.to_owned(),
        kind: SelectorKind::Email,
        forced: true,
    };
    let user = match db.lookup_user(&selector).await {
        Ok(user) => user,
        Err(e) if matches!(e.kind(), Kind::NotFound | Kind::Invalid) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let same = user
        .field("email")
        .is_some_and(|e| e.to_lowercase() == email.to_lowercase())
        && user.field("nickname") == Some(nickname)
        && user.field("display_name").filter(|n| !n.is_empty()) == display;
    Ok(same.then_some(user))
}

/// Counts one row's outcome and prints it.
fn report(ctx: &Context, summary: &mut UserImportSummary, row: UserImportReport) {
    summary.count(row.status);
    ctx.printer.print(&row);
}
