//! `pfp user import FILE.csv|-`: many users of pfp's own table from a CSV file or stdin,
//! streamed (a row at a time, in the file's order). The header names the columns
//! (`email,nickname` and optionally `name`, in any order); each row is added with `user
//! add`'s rules, or rejected on its own with `FILE:LINE` (a bad field, a duplicate of an
//! earlier row, a user that exists already). A row whose user exists with the same fields
//! is `unchanged`, so the same file can be run again after an interruption.
//!
//! Its messages live here, beside the command (the mc model: `rmMessage` in `rm-main.go`).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use serde::Serialize;

use crate::commands::Context;
use crate::error::{Error, Kind, Result};
use crate::output::{Message, Stream, Term, plural};
use crate::users::{Selector, SelectorKind, User};
use crate::values::printable;

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
    let name = crate::input::display_name(file);
    let reader: Box<dyn Read + Send> = if file == Path::new("-") {
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
                    fields: Err(e.to_string()),
                }),
            };
            let stop = item.is_err();
            if tx.blocking_send(item).is_err() || stop {
                return;
            }
        }
    });

    let mut columns: Option<Vec<Column>> = None;
    let mut seen_email: HashMap<String, u64> = HashMap::new();
    let mut seen_nickname: HashMap<String, u64> = HashMap::new();
    let mut summary = UserImportSummary::default();
    while let Some(item) = rx.recv().await {
        let record = match item {
            Ok(record) => record,
            Err(unreadable) => {
                ctx.printer.print(&summary);
                return Err(Error::invalid(unreadable).into());
            }
        };
        let at = format!("{name}:{}", record.line);
        let fields = match record.fields {
            Ok(fields) if fields.iter().all(String::is_empty) => continue,
            Ok(fields) => fields,
            Err(e) => {
                summary.report(ctx, UserImportReport::rejected(&at, "", "", e));
                continue;
            }
        };
        let Some(columns) = &columns else {
            columns =
                Some(header(&fields).map_err(|rule| Error::invalid(format!("{at}: {rule}")))?);
            continue;
        };
        let field = |want: Column| {
            columns
                .iter()
                .position(|&c| c == want)
                .and_then(|i| fields.get(i))
                .map(String::as_str)
        };
        let email = field(Column::Email).unwrap_or_default();
        let nickname = field(Column::Nickname).unwrap_or_default();
        let display = field(Column::Name).filter(|n| !n.is_empty());
        if fields.len() != columns.len() {
            let names: Vec<&str> = columns.iter().map(|c| column_name(*c)).collect();
            summary.report(
                ctx,
                UserImportReport::rejected(
                    &at,
                    email,
                    nickname,
                    format!(
                        "expected {} ({}), found {}",
                        plural(columns.len() as u64, "field", "fields"),
                        names.join(","),
                        fields.len()
                    ),
                ),
            );
            continue;
        }
        let earlier = seen_email
            .get(&email.to_lowercase())
            .map(|l| ("email", email, *l))
            .or_else(|| {
                seen_nickname
                    .get(nickname)
                    .map(|l| ("nickname", nickname, *l))
            });
        if let Some((what, value, line)) = earlier {
            summary.report(
                ctx,
                UserImportReport::rejected(
                    &at,
                    email,
                    nickname,
                    format!("{what} '{}' is on {name}:{line} already", printable(value)),
                ),
            );
            continue;
        }
        match db.add_user(email, nickname, display).await {
            Ok(user) => {
                seen_email.insert(email.to_lowercase(), record.line);
                seen_nickname.insert(nickname.to_owned(), record.line);
                summary.report(ctx, UserImportReport::done(&at, &user, Status::Added));
            }
            Err(e) if e.kind() == Kind::Invalid => {
                match same_user(db, email, nickname, display).await? {
                    Some(user) => {
                        seen_email.insert(email.to_lowercase(), record.line);
                        seen_nickname.insert(nickname.to_owned(), record.line);
                        summary.report(ctx, UserImportReport::done(&at, &user, Status::Unchanged))
                    }
                    None => summary.report(
                        ctx,
                        UserImportReport::rejected(&at, email, nickname, e.to_string()),
                    ),
                }
            }
            // The database failed: every later row would too.
            Err(e) => {
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
    if summary.rejected > 0 {
        return Err(Error::silent(Kind::Invalid).into());
    }
    Ok(())
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
    let user = match db.find_user(&selector).await {
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

#[derive(Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Added,
    Unchanged,
    Rejected,
}

/// One row's outcome: rejections on stderr (every row with `-v`); with `--json` every row
/// is an object.
#[derive(Serialize)]
pub struct UserImportReport {
    row: String,
    status: Status,
    id: Option<String>,
    email: String,
    nickname: String,
    message: Option<String>,
    exit_code: Option<u8>,
}

impl UserImportReport {
    fn done(at: &str, user: &User, status: Status) -> Self {
        UserImportReport {
            row: at.to_owned(),
            status,
            id: Some(user.id.clone()),
            email: user.field("email").unwrap_or_default().to_owned(),
            nickname: user.field("nickname").unwrap_or_default().to_owned(),
            message: None,
            exit_code: None,
        }
    }

    fn rejected(at: &str, email: &str, nickname: &str, rule: String) -> Self {
        UserImportReport {
            row: at.to_owned(),
            status: Status::Rejected,
            id: None,
            email: email.to_owned(),
            nickname: nickname.to_owned(),
            message: Some(format!("{at}: {rule}")),
            exit_code: Some(Kind::Invalid.exit_code()),
        }
    }
}

impl Message for UserImportReport {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "user_import"
    }

    fn human(&self, _: Term) -> String {
        let status = match self.status {
            Status::Added => "added",
            Status::Unchanged => "unchanged",
            Status::Rejected => "rejected",
        };
        match &self.message {
            Some(message) => format!("{status:9} {}", printable(message)),
            None => format!(
                "{status:9} {}: user {} ({}, {})",
                self.row,
                self.id.as_deref().unwrap_or("-"),
                printable(&self.email),
                printable(&self.nickname)
            ),
        }
    }

    fn wanted(&self, verbose: u8) -> bool {
        verbose > 0 || self.status == Status::Rejected
    }
}

/// `pfp user import`: the totals, last.
#[derive(Default, Serialize)]
pub struct UserImportSummary {
    rows: u64,
    added: u64,
    unchanged: u64,
    rejected: u64,
}

impl UserImportSummary {
    fn report(&mut self, ctx: &Context, report: UserImportReport) {
        self.rows += 1;
        match report.status {
            Status::Added => self.added += 1,
            Status::Unchanged => self.unchanged += 1,
            Status::Rejected => self.rejected += 1,
        }
        ctx.printer.print(&report);
    }
}

impl Message for UserImportSummary {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "user_import_summary"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "{}: {} added, {} unchanged, {} rejected.",
            plural(self.rows, "row", "rows"),
            self.added,
            self.unchanged,
            self.rejected
        )
    }
}
