//! `pfp user add | list | show | delete | import`.

#[allow(unused_imports)]
use super::prelude::*;

/// `pfp user show` (one user, in detail) and `pfp user list` (one line per user).
pub struct UserReport<'a> {
    pub user: &'a User,
    pub picture: Option<&'a LedgerEntry>,
    /// The app's picture that is the user's, which the report shows: the column's value
    /// where pfp has no picture, or the app's picture in the bucket written over pfp's
    /// `picture` (see `Context::app_picture_of`).
    pub app: Option<&'a crate::values::ColumnPicture>,
    /// Detailed, multi-line form (`show`) rather than one line (`list`).
    pub single: bool,
    /// Users without a picture are served generated avatars (a style is set), not the
    /// default picture.
    pub generated: bool,
    /// `show`: the pictures kept after a replacement or removal, for `pfp restore`
    /// (shown in the human form; the most recently replaced first).
    pub kept: &'a [LedgerEntry],
    /// `show`: the app's pictures (column values) kept after pfp replaced them.
    pub kept_values: &'a [crate::users::KeptValue],
    /// `update`: the fields it changed, with the values they held (JSON `previous`).
    pub previous: &'a [(String, Option<String>)],
}

#[derive(Serialize)]
struct UserJson<'a> {
    id: &'a str,
    fields: FieldMap<'a>,
    picture: PictureRef<'a>,
    /// `update` only: the changed fields' values before.
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<FieldMap<'a>>,
    /// `show` only, when any: what `pfp restore` can bring back, the most recently
    /// replaced first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    kept: Vec<KeptJson<'a>>,
}

/// A picture kept for `pfp restore`, as `user show --json` lists it.
#[derive(Serialize)]
struct KeptJson<'a> {
    /// Its key; for the app's picture, the column's value (`restore --key` takes either).
    key: &'a str,
    /// When it was replaced; None: kept until removed (`--keep-previous`).
    replaced_at: Option<&'a str>,
    /// The app's picture (a value pfp did not write).
    app: bool,
}

/// A user's columns as one JSON object, in the table's order.
pub struct FieldMap<'a>(pub &'a [(String, Option<String>)]);

impl Serialize for FieldMap<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[derive(Serialize)]
#[serde(tag = "source", rename_all = "lowercase")]
enum PictureRef<'a> {
    User {
        url: &'a str,
        key: &'a str,
        bytes: u64,
        width: u32,
        height: u32,
        mime: &'a str,
        set_at: &'a str,
        sizes: &'a [SizeEntry],
    },
    /// A picture the app stored in pfp's bucket itself (`pfp adopt` takes it over).
    App {
        url: &'a str,
        key: &'a str,
        /// The key of pfp's current picture, which the app wrote this one over.
        #[serde(skip_serializing_if = "Option::is_none")]
        over: Option<&'a str>,
    },
    /// A URL elsewhere (another bucket or host, a CDN): shown as the column has it.
    External {
        url: &'a str,
    },
    Default,
    /// No picture: served a generated avatar (`set-default --generated`).
    Generated,
}

impl UserReport<'_> {
    /// The picture column as this report shows it: pfp's URL, the app's value, or
    /// `default` (`generated` where generated avatars are served).
    fn shown(&self) -> String {
        match (self.picture, self.app) {
            (_, Some(_)) => self.user.picture_url.clone().unwrap_or_default(),
            (Some(p), None) => p.url.clone(),
            (None, None) if self.generated => "generated".to_owned(),
            (None, None) => "default".to_owned(),
        }
    }
}

impl Serialize for UserReport<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        UserJson {
            id: &self.user.id,
            fields: FieldMap(&self.user.fields),
            picture: match (self.picture, self.app) {
                (over, Some(crate::values::ColumnPicture::InBucket { key })) => PictureRef::App {
                    url: self.user.picture_url.as_deref().unwrap_or_default(),
                    key,
                    over: over.map(|p| p.key.as_str()),
                },
                (
                    _,
                    Some(
                        crate::values::ColumnPicture::Elsewhere { url }
                        | crate::values::ColumnPicture::External { url },
                    ),
                ) => PictureRef::External { url },
                (Some(p), None) => PictureRef::User {
                    url: &p.url,
                    key: &p.key,
                    bytes: p.bytes,
                    width: p.width,
                    height: p.height,
                    mime: &p.mime,
                    set_at: &p.created_at,
                    sizes: &p.sizes,
                },
                (None, None) if self.generated => PictureRef::Generated,
                (None, None) => PictureRef::Default,
            },
            previous: (!self.previous.is_empty()).then_some(FieldMap(self.previous)),
            kept: {
                let mut kept: Vec<KeptJson> = self
                    .kept
                    .iter()
                    .map(|e| KeptJson {
                        key: &e.key,
                        replaced_at: e.retired_at.as_deref(),
                        app: false,
                    })
                    .chain(self.kept_values.iter().map(|v| KeptJson {
                        key: &v.value,
                        replaced_at: Some(&v.replaced_at),
                        app: true,
                    }))
                    .collect();
                // As `pfp restore` picks: the most recently replaced first, a picture
                // kept until removed last.
                kept.sort_by(|a, b| b.replaced_at.unwrap_or("").cmp(a.replaced_at.unwrap_or("")));
                kept
            },
        }
        .serialize(s)
    }
}

impl Message for UserReport<'_> {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "user"
    }

    fn human(&self, _: Term) -> String {
        let picture = self.shown();
        if !self.single {
            let fields: Vec<String> = self
                .user
                .fields
                .iter()
                .filter(|(name, _)| name != "uuid")
                .map(|(_, v)| printable(v.as_deref().unwrap_or("-")))
                .collect();
            return format!(
                "{}\t{}\t{}",
                printable(&self.user.id),
                fields.join("\t"),
                printable(&picture)
            );
        }
        // The values are the app's users' own (a nickname, a picture URL the app wrote):
        // a tab or newline in one must not forge a field or a line.
        let mut rows: Vec<(String, String)> = vec![("id".into(), printable(&self.user.id))];
        for (name, value) in &self.user.fields {
            rows.push((name.clone(), printable(value.as_deref().unwrap_or("-"))));
        }
        rows.push(("picture".into(), printable(&picture)));
        match (self.picture, self.app) {
            (over, Some(app)) => {
                rows.push(("source".into(), app.source().to_owned()));
                if let crate::values::ColumnPicture::InBucket { key } = app {
                    rows.push(("picture_key".into(), printable(key)));
                }
                if let Some(p) = over {
                    rows.push((
                        "written_over".into(),
                        format!(
                            "{} (pfp's, set {}; 'pfp adopt' takes the app's picture over)",
                            p.key,
                            crate::values::to_the_second(&p.created_at)
                        ),
                    ));
                }
            }
            (Some(p), None) => {
                rows.push(("picture_key".into(), p.key.clone()));
                rows.push((
                    "picture_size".into(),
                    format!("{}x{}, {}", p.width, p.height, format_size(p.bytes)),
                ));
                rows.push(("picture_set".into(), p.created_at.clone()));
            }
            (None, None) => {}
        }
        for kept in self.kept {
            let when = kept.retired_at.as_deref().map_or_else(
                || "kept until removed".to_owned(),
                |at| format!("replaced {}", crate::values::to_the_second(at)),
            );
            rows.push((
                "kept".into(),
                format!(
                    "{} ({when}; 'pfp restore --user {} --key KEY' brings it back)",
                    kept.key,
                    printable(&self.user.id)
                ),
            ));
        }
        for kept in self.kept_values {
            rows.push((
                "kept".into(),
                format!(
                    "{} (the app's, replaced {}; 'pfp restore --user {} --key VALUE' writes it back)",
                    printable(&kept.value),
                    crate::values::to_the_second(&kept.replaced_at),
                    printable(&self.user.id)
                ),
            ));
        }
        let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        rows.iter()
            .map(|(k, v)| format!("{k:width$}  {v}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `pfp user delete`: the user's row is gone, and these objects with it. The row's
/// fields are printed, so that a delete of the wrong user loses no more than it must:
/// `user add` with them adds the user again (with a new id).
#[derive(Serialize)]
pub struct UserDeleted<'a> {
    pub user: &'a str,
    pub fields: FieldMap<'a>,
    pub deleted: &'a [String],
    /// In a bucket that keeps versions: the deleted objects' versions that held bytes,
    /// each deleted too (null where the bucket keeps none).
    pub versions_deleted: Option<usize>,
}

impl Message for UserDeleted<'_> {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "user_deleted"
    }

    fn human(&self, _: Term) -> String {
        let field = |name: &str| {
            self.fields
                .0
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.as_deref())
        };
        let mut line = format!(
            "Deleted user {} and {}{}.",
            self.user,
            plural(self.deleted.len() as u64, "object", "objects"),
            super::remove::every_version(
                self.versions_deleted.filter(|_| !self.deleted.is_empty())
            )
        );
        if let (Some(email), Some(nickname)) = (field("email"), field("nickname")) {
            line.push_str(&format!(
                " It was: pfp user add --email {} --nickname {}",
                shell_quoted(&printable(email)),
                shell_quoted(&printable(nickname))
            ));
            if let Some(name) = field("display_name") {
                line.push_str(&format!(" --name {}", shell_quoted(&printable(name))));
            }
        }
        line
    }
}

/// `pfp user list` in human form: on a terminal an aligned table with a header (columns
/// sized per page of users), elsewhere or with `--tsv` tab-separated rows without one,
/// for `cut` and `awk`. With `--json` each user is printed as its own [`UserReport`],
/// never as a table.
pub struct UserTable<'a> {
    pub rows: Vec<UserReport<'a>>,
    /// Whether this page starts the listing (the header is printed once).
    pub header: bool,
    pub tsv: bool,
}

impl UserTable<'_> {
    fn cells(report: &UserReport<'_>) -> Vec<String> {
        let mut cells = vec![printable(&report.user.id)];
        cells.extend(
            report
                .user
                .fields
                .iter()
                .filter(|(name, _)| name != "uuid")
                .map(|(_, v)| printable(v.as_deref().unwrap_or("-"))),
        );
        cells.push(printable(&report.shown()));
        cells
    }

    /// The table as text (the printer prints it as one result).
    pub fn human(&self, term: Term) -> String {
        if self.tsv || !term.stdout_is_terminal {
            return self
                .rows
                .iter()
                .map(|r| r.human(term))
                .collect::<Vec<_>>()
                .join("\n");
        }
        let mut table: Vec<Vec<String>> = Vec::new();
        if let Some(first) = self.rows.first().filter(|_| self.header) {
            let mut head = vec!["ID".to_owned()];
            head.extend(
                first
                    .user
                    .fields
                    .iter()
                    .filter(|(name, _)| name != "uuid")
                    .map(|(name, _)| name.to_ascii_uppercase()),
            );
            head.push("PICTURE".to_owned());
            table.push(head);
        }
        table.extend(self.rows.iter().map(Self::cells));
        let columns = table.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                table
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|v| v.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        table
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&widths)
                    .map(|(cell, &w)| format!("{cell:w$}"))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_owned()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `user add`.
pub struct UserAdded<'a> {
    pub nickname: &'a str,
    pub id: &'a str,
}

impl fmt::Display for UserAdded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "User '{}' added with id {}.", self.nickname, self.id)
    }
}

/// How one row of `user import` ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UserImportStatus {
    Added,
    Unchanged,
    Rejected,
}

/// One row's outcome: rejections on stderr (every row with `-v`); with `--json` every row
/// is an object.
#[derive(Serialize)]
pub struct UserImportReport {
    row: FileName,
    pub status: UserImportStatus,
    id: Option<String>,
    email: String,
    nickname: String,
    message: Option<String>,
    exit_code: Option<u8>,
}

impl UserImportReport {
    pub fn done(at: &FileName, user: &User, status: UserImportStatus) -> Self {
        UserImportReport {
            row: at.clone(),
            status,
            id: Some(user.id.clone()),
            email: user.field("email").unwrap_or_default().to_owned(),
            nickname: user.field("nickname").unwrap_or_default().to_owned(),
            message: None,
            exit_code: None,
        }
    }

    pub fn rejected(at: &FileName, email: &str, nickname: &str, rule: String) -> Self {
        UserImportReport {
            row: at.clone(),
            status: UserImportStatus::Rejected,
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
            UserImportStatus::Added => "added",
            UserImportStatus::Unchanged => "unchanged",
            UserImportStatus::Rejected => "rejected",
        };
        match &self.message {
            Some(message) => format!("{status:9} {}", crate::values::printable(message)),
            None => format!(
                "{status:9} {}: user {} ({}, {})",
                self.row,
                self.id.as_deref().unwrap_or("-"),
                crate::values::printable(&self.email),
                crate::values::printable(&self.nickname)
            ),
        }
    }

    fn wanted(&self, verbose: u8) -> bool {
        verbose > 0 || self.status == UserImportStatus::Rejected
    }
}

/// `pfp user import`: the totals, last.
#[derive(Default, Serialize)]
pub struct UserImportSummary {
    rows: u64,
    added: u64,
    unchanged: u64,
    rejected: u64,
    /// The run ended early, at a failure that every later row would meet too.
    #[serde(skip)]
    stopped: bool,
}

impl UserImportSummary {
    /// Marks the run as ended early (its error follows).
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    pub fn count(&mut self, status: UserImportStatus) {
        self.rows += 1;
        match status {
            UserImportStatus::Added => self.added += 1,
            UserImportStatus::Unchanged => self.unchanged += 1,
            UserImportStatus::Rejected => self.rejected += 1,
        }
    }

    pub fn rejected(&self) -> u64 {
        self.rejected
    }
}

impl Message for UserImportSummary {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "user_import_summary"
    }

    fn human(&self, _: Term) -> String {
        if self.stopped {
            return format!(
                "Stopped after {}: {} added, {} unchanged, {} rejected; the same file can run again (the rows added are then unchanged).",
                plural(self.rows, "row", "rows"),
                self.added,
                self.unchanged,
                self.rejected
            );
        }
        format!(
            "{}: {} added, {} unchanged, {} rejected.",
            plural(self.rows, "row", "rows"),
            self.added,
            self.unchanged,
            self.rejected
        )
    }
}

/// `user update`: what changed, and the command that changes it back, so that an update
/// of the wrong user loses nothing (the values it replaced are on the terminal).
pub struct UserChanged<'a> {
    pub selector: &'a str,
    pub user: &'a str,
    /// (field, before, after) of each field that changed.
    pub changes: &'a [(String, Option<String>, Option<String>)],
}

impl fmt::Display for UserChanged<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |v: &Option<String>| {
            v.as_deref()
                .map_or_else(|| "none".to_owned(), |v| format!("'{}'", printable(v)))
        };
        let changes: Vec<String> = self
            .changes
            .iter()
            .map(|(field, before, after)| format!("{field} {} -> {}", shown(before), shown(after)))
            .collect();
        write!(
            f,
            "Changed user '{}': {}.",
            self.selector,
            changes.join(", ")
        )?;
        let undo: Vec<String> = self
            .changes
            .iter()
            .filter_map(|(field, before, _)| {
                let flag = match field.as_str() {
                    "email" => "--email",
                    "nickname" => "--nickname",
                    "display_name" => "--name",
                    _ => return None,
                };
                before
                    .as_deref()
                    .map(|v| format!("{flag} {}", shell_quoted(&printable(v))))
            })
            .collect();
        if !undo.is_empty() {
            write!(
                f,
                " To change it back: pfp user update {} {}",
                self.user,
                undo.join(" ")
            )?;
        }
        Ok(())
    }
}

/// `text` as one shell word: bare where it is plainly safe, else in single quotes.
fn shell_quoted(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "@._-+:/,=".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
