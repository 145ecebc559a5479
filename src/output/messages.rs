//! Every message pfp prints. Results are `Serialize` types (their JSON objects, with a
//! `type` added by the printer, are the README's JSON table) with one human form; status
//! lines are `Display` types. The documented lines live here and only here.

use std::fmt;

use serde::Serialize;

use super::{Message, Stream, Term};
use crate::error::Kind;
use crate::picture::{Detected, Picture, Processed, Rejection};
use crate::users::{LedgerEntry, SizeEntry, User};
use crate::values::units::{format_duration, format_size};

// ---------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------

/// `pfp bucket init`: the bucket is there, created now or before.
#[derive(Serialize)]
pub struct BucketReady<'a> {
    pub bucket: &'a str,
    pub status: BucketStatus,
    /// The store id the bucket carries (see `workflow::identity`).
    pub store_id: &'a str,
}

/// `pfp bucket claim`: the bucket is now the database's store.
#[derive(Serialize)]
pub struct StoreClaimed<'a> {
    pub bucket: &'a str,
    pub store_id: &'a str,
    /// The store the database recorded before, if another.
    pub previous: Option<&'a str>,
    /// Recorded pictures looked for in the bucket, and how many were there.
    pub checked: usize,
    pub found: usize,
}

impl Message for StoreClaimed<'_> {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "claim"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "Bucket '{}' (store {}) is this database's store{}; {} of {} checked are in it.",
            self.bucket,
            self.store_id,
            self.previous
                .map(|p| format!(", instead of store {p}"))
                .unwrap_or_default(),
            self.found,
            plural(self.checked as u64, "recorded picture", "recorded pictures")
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BucketStatus {
    Created,
    Exists,
}

impl Message for BucketReady<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "bucket"
    }

    fn human(&self, _: Term) -> String {
        match self.status {
            BucketStatus::Created => format!("Bucket '{}' created.", self.bucket),
            BucketStatus::Exists => format!("Bucket '{}' already exists.", self.bucket),
        }
    }
}

/// How one file of an import ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStatus {
    Done,
    /// The user's current picture, with sizes added or dropped.
    Updated,
    Unchanged,
    Rejected,
    Failed(Kind),
}

impl ImportStatus {
    fn name(self) -> &'static str {
        match self {
            ImportStatus::Done => "done",
            ImportStatus::Updated => "updated",
            ImportStatus::Unchanged => "unchanged",
            ImportStatus::Rejected => "rejected",
            ImportStatus::Failed(_) => "failed",
        }
    }

    fn exit_code(self) -> Option<u8> {
        match self {
            ImportStatus::Failed(kind) => Some(kind.exit_code()),
            ImportStatus::Rejected => Some(Kind::Invalid.exit_code()),
            _ => None,
        }
    }
}

impl Serialize for ImportStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// `pfp import`: one file's outcome. Problems are status lines on stderr; with `--json`
/// every file is an object.
#[derive(Serialize)]
pub struct ImportReport {
    pub file: String,
    pub user: String,
    pub status: ImportStatus,
    pub key: Option<String>,
    pub message: Option<String>,
    exit_code: Option<u8>,
}

impl ImportReport {
    pub fn new(
        file: String,
        user: String,
        status: ImportStatus,
        key: Option<String>,
        message: Option<String>,
    ) -> Self {
        ImportReport {
            file,
            user,
            status,
            key,
            message,
            exit_code: status.exit_code(),
        }
    }
}

impl Message for ImportReport {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "import"
    }

    fn human(&self, _: Term) -> String {
        match &self.message {
            Some(message) => format!("{:9} {message}", self.status.name()),
            None => format!(
                "{:9} {} -> {}",
                self.status.name(),
                self.file,
                self.key.as_deref().unwrap_or("-")
            ),
        }
    }

    fn wanted(&self, verbose: u8) -> bool {
        verbose > 0
            || matches!(
                self.status,
                ImportStatus::Rejected | ImportStatus::Failed(_)
            )
    }
}

/// `pfp import`: the totals, last.
#[derive(Serialize)]
pub struct ImportSummary {
    pub files: usize,
    pub done: usize,
    pub unchanged: usize,
    pub rejected: usize,
    pub failed: usize,
    pub interrupted: bool,
    /// Rows read from the source whose work had not begun when Ctrl-C stopped the run.
    pub not_started: u64,
}

impl Message for ImportSummary {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "summary"
    }

    fn human(&self, _: Term) -> String {
        let counts = format!(
            "{} imported, {} unchanged, {} rejected, {} failed",
            self.done, self.unchanged, self.rejected, self.failed
        );
        if self.interrupted {
            // Finished of what was read: the rest of the source was never read.
            format!(
                "Interrupted: {} of {} read finished ({counts}); {} not started.",
                self.files,
                plural(self.files as u64 + self.not_started, "file", "files"),
                self.not_started
            )
        } else {
            format!("{}: {counts}.", plural(self.files as u64, "file", "files"))
        }
    }
}

/// `pfp import --fill-defaults`: generated avatars made for users without a picture.
#[derive(Serialize)]
pub struct DefaultsFilled {
    pub users: usize,
}

impl Message for DefaultsFilled {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "fill_defaults"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "Generated default avatars are ready for {} without a picture.",
            plural(self.users as u64, "user", "users")
        )
    }
}

/// Which command stored a picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoredBy {
    Upload,
    SetDefault,
}

/// `upload` and `set-default`: the picture is stored and recorded. A person sees
/// `Presigned URL: URL`, a pipeline the bare URL (`url=$(pfp upload ...)`).
#[derive(Serialize)]
pub struct Stored<'a> {
    #[serde(skip)]
    pub by: StoredBy,
    pub status: &'static str,
    pub file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<&'a str>,
    pub bucket: &'a str,
    pub key: &'a str,
    pub sizes: &'a [SizeEntry],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hash: Option<&'a str>,
    pub url: &'a str,
    pub presigned_url: &'a str,
    pub expires_in: u64,
    pub expires_at: &'a str,
    pub deleted: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<PictureSummary>,
}

impl Message for Stored<'_> {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        match self.by {
            StoredBy::Upload => "upload",
            StoredBy::SetDefault => "default",
        }
    }

    fn human(&self, term: Term) -> String {
        presigned_line(self.presigned_url, term)
    }
}

fn presigned_line(url: &str, term: Term) -> String {
    if term.stdout_is_terminal {
        format!("Presigned URL: {url}")
    } else {
        url.to_owned()
    }
}

/// `upload --dry-run`: what would be stored.
#[derive(Serialize)]
pub struct Plan<'a> {
    pub user: &'a str,
    pub bucket: &'a str,
    pub key: &'a str,
    pub url: &'a str,
    pub sizes: &'a [SizeEntry],
    pub bytes: u64,
    pub hash: &'a str,
}

impl Message for Plan<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "plan"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "Dry run: nothing was uploaded; user {} would get {}",
            self.user, self.url
        )
    }
}

/// `set-default --generated STYLE`.
#[derive(Serialize)]
pub struct DefaultGenerated<'a> {
    pub status: &'static str,
    pub style: &'a str,
}

impl<'a> DefaultGenerated<'a> {
    pub fn new(style: &'a str) -> Self {
        DefaultGenerated {
            status: "generated",
            style,
        }
    }
}

impl Message for DefaultGenerated<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "default"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "Users without a picture now get a generated '{}' avatar (made on first use; 'pfp import --fill-defaults' makes them all now).",
            self.style
        )
    }
}

/// `pfp remove`: the picture is cleared and its objects deleted (none if it had none).
#[derive(Serialize)]
pub struct Removed<'a> {
    #[serde(skip)]
    pub selector: &'a str,
    /// Whether the user had a picture at all.
    #[serde(skip)]
    pub had_picture: bool,
    pub user: &'a str,
    pub deleted: &'a [String],
}

impl Message for Removed<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "removed"
    }

    fn human(&self, _: Term) -> String {
        if !self.had_picture {
            return format!(
                "User '{}' has no picture; nothing to remove.",
                self.selector
            );
        }
        let n = self.deleted.len();
        format!(
            "Removed the picture of user '{}' ({n} object{} deleted); the default picture applies now.",
            self.selector,
            if n == 1 { "" } else { "s" }
        )
    }
}

/// `pfp get-url`: a presigned URL for a user's picture or the default.
#[derive(Serialize)]
pub struct UrlReport<'a> {
    pub user: &'a str,
    /// `user`, `generated`, `default`, `app` (an object the app stored in the bucket) or
    /// `external` (a URL outside it, printed as it is: not presigned).
    pub source: &'a str,
    pub bucket: &'a str,
    pub key: &'a str,
    pub url: &'a str,
    pub presigned_url: &'a str,
    pub expires_in: u64,
    pub expires_at: &'a str,
}

impl Message for UrlReport<'_> {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "url"
    }

    fn human(&self, term: Term) -> String {
        presigned_line(self.presigned_url, term)
    }
}

/// One row of `pfp export-urls` (CSV or NDJSON): data, so no `type`.
#[derive(Serialize)]
pub struct UrlRow<'a> {
    /// The user's id, or for a line of `--users` that names nobody, the line as given.
    pub user: &'a str,
    /// `user`, `generated`, `default`, `none` (no picture at all), `not_found` or
    /// `invalid` (a line of `--users` that names nobody or is not a selector).
    pub source: &'a str,
    /// The size (longest side in pixels) of the rendition served; empty when none. With
    /// `--size N` it differs from N for a picture without that rendition.
    pub size: Option<u32>,
    pub key: &'a str,
    pub url: &'a str,
    pub expires_at: &'a str,
}

/// `pfp adopt`: one user's outcome.
#[derive(Serialize)]
pub struct AdoptReport<'a> {
    pub user: &'a str,
    /// `adopted`, `would_adopt` (dry run), `rejected` (the picture breaks a rule: exit 4),
    /// `skipped` (a URL outside the bucket), `missing` (the object is not there),
    /// `changed_meanwhile` (the app wrote the column while pfp worked: left as it is), or
    /// `failed`.
    pub status: &'a str,
    /// The column's value as the app left it.
    pub from: &'a str,
    /// pfp's key (adopted) or the app's object (otherwise, when in the bucket).
    pub key: Option<&'a str>,
    pub message: Option<&'a str>,
    /// With `--delete-originals`: whether the original object was deleted.
    pub original_deleted: bool,
}

impl Message for AdoptReport<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "adopt"
    }

    fn human(&self, _: Term) -> String {
        let detail = match (self.message, self.key) {
            (Some(message), _) => message.to_owned(),
            (None, Some(key)) => format!("{} -> {key}", self.from),
            (None, None) => self.from.to_owned(),
        };
        format!("{:17} user {}: {detail}", self.status, self.user)
    }

    fn wanted(&self, verbose: u8) -> bool {
        verbose > 0 || !matches!(self.status, "adopted" | "would_adopt")
    }
}

/// `pfp adopt`: the totals, last.
#[derive(Serialize)]
pub struct AdoptSummary {
    pub users: u64,
    pub adopted: u64,
    pub rejected: u64,
    pub skipped: u64,
    pub missing: u64,
    pub changed_meanwhile: u64,
    pub failed: u64,
    pub originals_deleted: u64,
    pub dry_run: bool,
    pub interrupted: bool,
}

impl Message for AdoptSummary {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "adopt_summary"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "{}{} app picture(s): {} {}, {} rejected, {} skipped (outside the bucket), {} missing, {} changed meanwhile, {} failed{}.",
            if self.interrupted {
                "Interrupted: "
            } else {
                ""
            },
            self.users,
            self.adopted,
            if self.dry_run {
                "would be adopted"
            } else {
                "adopted"
            },
            self.rejected,
            self.skipped,
            self.missing,
            self.changed_meanwhile,
            self.failed,
            if self.originals_deleted > 0 {
                format!(", {} original(s) deleted", self.originals_deleted)
            } else {
                String::new()
            }
        )
    }
}

/// The JSON description of a normalised picture, shared by `validate`, `upload` and
/// `import` so the field names are the same everywhere.
#[derive(Serialize)]
pub struct PictureSummary {
    pub format: &'static str,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
    pub sha256: String,
    pub sizes: Vec<RenditionSummary>,
}

#[derive(Serialize)]
pub struct RenditionSummary {
    pub size: u32,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
    pub sha256: String,
}

impl PictureSummary {
    pub fn of(picture: &Picture) -> Self {
        let main = picture.main();
        PictureSummary {
            format: picture.format.extension(),
            mime: picture.mime(),
            width: main.width,
            height: main.height,
            bytes: main.bytes.len(),
            sha256: main.sha256.clone(),
            sizes: picture
                .renditions
                .iter()
                .map(|r| RenditionSummary {
                    size: r.size,
                    width: r.width,
                    height: r.height,
                    bytes: r.bytes.len(),
                    sha256: r.sha256.clone(),
                })
                .collect(),
        }
    }
}

/// `pfp validate`: the verdict on one file.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Verdict<'a> {
    Accepted(Accepted<'a>),
    Rejected(Refused<'a>),
}

#[derive(Serialize)]
pub struct Accepted<'a> {
    pub file: &'a str,
    pub ok: bool,
    pub input: InputSummary,
    pub output: PictureSummary,
    pub actions: &'a [String],
    pub warnings: &'a [String],
    /// The human line's format names ("JPEG -> WebP").
    #[serde(skip)]
    names: (&'static str, &'static str),
}

#[derive(Serialize)]
pub struct InputSummary {
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub frames: u32,
    pub orientation: u8,
}

#[derive(Serialize)]
pub struct Refused<'a> {
    pub file: &'a str,
    pub ok: bool,
    pub rule: &'static str,
    pub detected: Option<&'static str>,
    pub message: &'a str,
}

impl<'a> Verdict<'a> {
    pub fn accepted(file: &'a str, processed: &'a Processed) -> Self {
        let input = &processed.input;
        Verdict::Accepted(Accepted {
            file,
            ok: true,
            input: InputSummary {
                format: input.format.name().to_ascii_lowercase(),
                width: input.width,
                height: input.height,
                bytes: input.bytes,
                frames: input.frames,
                orientation: input.orientation,
            },
            output: PictureSummary::of(&processed.picture),
            actions: &processed.actions,
            warnings: &processed.warnings,
            names: (input.format.name(), processed.picture.format.name()),
        })
    }

    pub fn rejected(file: &'a str, detected: Option<Detected>, rejection: &'a Rejection) -> Self {
        Verdict::Rejected(Refused {
            file,
            ok: false,
            rule: rejection.rule.key(),
            detected: detected.map(Detected::key),
            message: &rejection.message,
        })
    }

    /// The file could not be read at all (missing, a directory, a device).
    pub fn unread(file: &'a str, kind: Kind, message: &'a str) -> Self {
        Verdict::Rejected(Refused {
            file,
            ok: false,
            rule: if kind == Kind::NotFound {
                "missing"
            } else {
                "unreadable"
            },
            detected: None,
            message,
        })
    }
}

impl Message for Verdict<'_> {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "verdict"
    }

    fn human(&self, _: Term) -> String {
        match self {
            Verdict::Accepted(a) => {
                let (input, output) = (&a.input, &a.output);
                let frames = if input.frames > 1 {
                    format!(", {} frames", input.frames)
                } else {
                    String::new()
                };
                format!(
                    "ok        {}: {} {}x{}{frames}, {} -> {} {}x{}, {} ({})",
                    a.file,
                    a.names.0,
                    input.width,
                    input.height,
                    format_size(input.bytes),
                    a.names.1,
                    output.width,
                    output.height,
                    format_size(output.bytes as u64),
                    a.actions.join("; ")
                )
            }
            Verdict::Rejected(r) => format!("rejected  {}", r.message),
        }
    }
}

/// `pfp user show` (one user, in detail) and `pfp user list` (one line per user).
pub struct UserReport<'a> {
    pub user: &'a User,
    pub picture: Option<&'a LedgerEntry>,
    /// Without a picture of pfp's: what the app's column holds, if anything.
    pub app: Option<&'a crate::values::ColumnPicture>,
    /// Detailed, multi-line form (`show`) rather than one line (`list`).
    pub single: bool,
}

#[derive(Serialize)]
struct UserJson<'a> {
    id: &'a str,
    fields: FieldMap<'a>,
    picture: PictureRef<'a>,
}

/// A user's columns as one JSON object, in the table's order.
struct FieldMap<'a>(&'a [(String, Option<String>)]);

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
    },
    /// A URL elsewhere (another bucket or host, a CDN): shown as the column has it.
    External {
        url: &'a str,
    },
    Default,
}

impl UserReport<'_> {
    /// The picture column as this report shows it: pfp's URL, the app's value, or
    /// `default`.
    fn shown(&self) -> String {
        match (self.picture, self.app) {
            (Some(p), _) => p.url.clone(),
            (None, Some(_)) => self.user.picture_url.clone().unwrap_or_default(),
            (None, None) => "default".to_owned(),
        }
    }
}

impl Serialize for UserReport<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        UserJson {
            id: &self.user.id,
            fields: FieldMap(&self.user.fields),
            picture: match self.picture {
                Some(p) => PictureRef::User {
                    url: &p.url,
                    key: &p.key,
                    bytes: p.bytes,
                    width: p.width,
                    height: p.height,
                    mime: &p.mime,
                    set_at: &p.created_at,
                    sizes: &p.sizes,
                },
                None => match self.app {
                    Some(crate::values::ColumnPicture::InBucket { key }) => PictureRef::App {
                        url: self.user.picture_url.as_deref().unwrap_or_default(),
                        key,
                    },
                    Some(
                        crate::values::ColumnPicture::Elsewhere { url }
                        | crate::values::ColumnPicture::External { url },
                    ) => PictureRef::External { url },
                    None => PictureRef::Default,
                },
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
            let fields: Vec<&str> = self
                .user
                .fields
                .iter()
                .filter(|(name, _)| name != "uuid")
                .map(|(_, v)| v.as_deref().unwrap_or("-"))
                .collect();
            return format!("{}\t{}\t{picture}", self.user.id, fields.join("\t"));
        }
        let mut rows: Vec<(String, String)> = vec![("id".into(), self.user.id.clone())];
        for (name, value) in &self.user.fields {
            rows.push((name.clone(), value.clone().unwrap_or_else(|| "-".into())));
        }
        rows.push(("picture".into(), picture));
        if let Some(p) = self.picture {
            rows.push(("picture_key".into(), p.key.clone()));
            rows.push((
                "picture_size".into(),
                format!("{}x{}, {}", p.width, p.height, format_size(p.bytes)),
            ));
            rows.push(("picture_set".into(), p.created_at.clone()));
        }
        if let Some(app) = self.app {
            rows.push(("source".into(), app.source().to_owned()));
            if let crate::values::ColumnPicture::InBucket { key } = app {
                rows.push(("picture_key".into(), key.clone()));
            }
        }
        let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        rows.iter()
            .map(|(k, v)| format!("{k:width$}  {v}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `pfp user delete`: the user's row is gone, and these objects with it.
#[derive(Serialize)]
pub struct UserDeleted<'a> {
    pub user: &'a str,
    pub deleted: &'a [String],
}

impl Message for UserDeleted<'_> {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "user_deleted"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "Deleted user {} and {}.",
            self.user,
            plural(self.deleted.len() as u64, "object", "objects")
        )
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
        let mut cells = vec![report.user.id.clone()];
        cells.extend(
            report
                .user
                .fields
                .iter()
                .filter(|(name, _)| name != "uuid")
                .map(|(_, v)| v.clone().unwrap_or_else(|| "-".into())),
        );
        cells.push(report.shown());
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

/// `pfp config show`: one setting, its shown value and where it came from.
#[derive(Serialize)]
pub struct ConfigEntry {
    #[serde(skip)]
    pub name: &'static str,
    pub value: Option<String>,
    pub source: Option<String>,
}

/// `pfp config show`: the effective settings, in the documented order.
pub struct ConfigReport {
    pub entries: Vec<ConfigEntry>,
}

impl Serialize for ConfigReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Settings<'a>(&'a [ConfigEntry]);
        impl Serialize for Settings<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|e| (e.name, e)))
            }
        }
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ConfigReport", 1)?;
        st.serialize_field("settings", &Settings(&self.entries))?;
        st.end()
    }
}

impl Message for ConfigReport {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "config"
    }

    fn human(&self, _: Term) -> String {
        let width = self.entries.iter().map(|e| e.name.len()).max().unwrap_or(0);
        let value_width = self
            .entries
            .iter()
            .map(|e| e.value.as_deref().unwrap_or("(not set)").len())
            .max()
            .unwrap_or(0);
        self.entries
            .iter()
            .map(|e| {
                let value = e.value.as_deref().unwrap_or("(not set)");
                match &e.source {
                    Some(source) => format!("{:width$}  {value:value_width$}  ({source})", e.name),
                    None => format!("{:width$}  {value}", e.name),
                }
                .trim_end()
                .to_owned()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `pfp verify`: one disagreement between the ledger, the bucket and the users table.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Finding {
    /// A ledger entry's object is missing from the bucket.
    Dangling {
        key: String,
        /// `user ID` or `the default picture`.
        owner: String,
        current: bool,
        fixed: bool,
    },
    /// An object under pfp's prefixes that no ledger entry references.
    Orphan {
        key: String,
        age_seconds: Option<u64>,
        fixed: bool,
    },
    /// A user's picture column disagrees with the ledger's current entry.
    Mismatch {
        user: String,
        column: Option<String>,
        ledger: Option<String>,
        fixed: bool,
    },
    /// A picture the app stored itself names an object that is not in the bucket. Never
    /// repaired: the column is the app's.
    #[serde(rename = "app_missing")]
    AppMissing {
        user: String,
        key: String,
        fixed: bool,
    },
}

impl Finding {
    /// The line without the `[fixed]` mark (also used in warnings).
    pub fn line(&self) -> String {
        match self {
            Finding::Dangling {
                key,
                owner,
                current,
                ..
            } => format!(
                "dangling  {key}: recorded for {owner}{} but missing from the bucket",
                if *current { " (current picture)" } else { "" }
            ),
            Finding::Orphan {
                key, age_seconds, ..
            } => format!(
                "orphan    {key}: in the bucket but in no ledger entry{}",
                age_seconds
                    .map(|a| format!(
                        " (age {})",
                        format_duration(std::time::Duration::from_secs(a))
                    ))
                    .unwrap_or_default()
            ),
            Finding::Mismatch {
                user,
                column,
                ledger,
                ..
            } => format!(
                "mismatch  user {user}: picture column {} but the ledger says {}",
                column.as_deref().unwrap_or("NULL"),
                ledger.as_deref().unwrap_or("NULL")
            ),
            Finding::AppMissing { user, key, .. } => format!(
                "app-missing user {user}: the app's picture '{key}' is not in the bucket (left as the app wrote it)"
            ),
        }
    }

    pub fn set_fixed(&mut self) {
        match self {
            Finding::Dangling { fixed, .. }
            | Finding::Orphan { fixed, .. }
            | Finding::Mismatch { fixed, .. }
            | Finding::AppMissing { fixed, .. } => *fixed = true,
        }
    }

    pub fn fixed(&self) -> bool {
        match self {
            Finding::Dangling { fixed, .. }
            | Finding::Orphan { fixed, .. }
            | Finding::Mismatch { fixed, .. }
            | Finding::AppMissing { fixed, .. } => *fixed,
        }
    }
}

impl Message for Finding {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "finding"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "{}{}",
            self.line(),
            if self.fixed() { " [fixed]" } else { "" }
        )
    }
}

/// `pfp verify`: the totals, last.
#[derive(Serialize)]
pub struct VerifySummary {
    pub entries: u64,
    pub objects: u64,
    pub users: u64,
    pub dangling: u64,
    pub orphans: u64,
    pub mismatches: u64,
    /// App pictures whose object is missing (never repaired).
    pub app_missing: u64,
    pub fixed: u64,
    /// Orphans left alone because they are younger than `--grace`.
    pub young_orphans: u64,
    /// Seconds until the last of them is old enough for `--fix` (null when none).
    pub eligible_in_seconds: Option<u64>,
    pub clean: bool,
    /// Whether `--fix` was given (the hint is left out then).
    #[serde(skip)]
    pub fix: bool,
    #[serde(skip)]
    pub grace: std::time::Duration,
}

/// `pfp verify --fix`: what the repair run changes (or, with `--dry-run` or when refused,
/// would change).
pub struct RepairPlan {
    pub orphans: u64,
    pub mismatches: u64,
    pub dangling: u64,
    pub dry_run: bool,
}

impl RepairPlan {
    /// "delete 2 orphaned objects, repair 1 picture column and drop 3 ledger entries".
    pub fn counts(&self) -> String {
        format!(
            "delete {}, repair {} and drop {} of missing objects",
            plural(self.orphans, "orphaned object", "orphaned objects"),
            plural(self.mismatches, "picture column", "picture columns"),
            plural(self.dangling, "ledger entry", "ledger entries"),
        )
    }

    /// The confirmation question, without its question mark.
    pub fn question(&self) -> String {
        let counts = self.counts();
        let mut chars = counts.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    }
}

impl fmt::Display for RepairPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dry_run {
            write!(
                f,
                "Dry run: --fix would {}; nothing was changed.",
                self.counts()
            )
        } else {
            write!(f, "The repair would {}.", self.counts())
        }
    }
}

/// "1 user", "2 users".
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Message for VerifySummary {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "verify"
    }

    fn human(&self, _: Term) -> String {
        let found = self.dangling + self.orphans + self.mismatches + self.app_missing;
        let left = found - self.fixed;
        let counted = format!(
            "Verified {}, {}, {}",
            plural(self.entries, "ledger entry", "ledger entries"),
            plural(self.objects, "object", "objects"),
            plural(self.users, "user", "users")
        );
        let mut line = if left == 0 {
            format!(
                "{counted}: clean{}.",
                if found == 0 {
                    String::new()
                } else {
                    format!(" after fixing {found}")
                }
            )
        } else {
            format!(
                "{counted}: {} left{}.",
                plural(left, "problem", "problems"),
                if self.fix {
                    ""
                } else {
                    " (pfp verify --fix repairs them)"
                }
            )
        };
        if self.young_orphans > 0 {
            line.push_str(&format!(
                "\n{} younger than --grace {} left alone: all eligible for --fix in {}.",
                plural(self.young_orphans, "orphan", "orphans"),
                format_duration(self.grace),
                format_duration(std::time::Duration::from_secs(
                    self.eligible_in_seconds.unwrap_or(0)
                ))
            ));
        }
        line
    }
}

/// `pfp doctor`: one check's outcome.
#[derive(Serialize)]
pub struct CheckReport {
    pub check: &'static str,
    /// `true` passed, `false` failed, `null` skipped.
    pub ok: Option<bool>,
    pub detail: String,
    /// A failure's kind and exit code (null otherwise).
    pub kind: Option<&'static str>,
    pub exit_code: Option<u8>,
}

/// `pfp doctor`: every check, a line each (tick, cross or dash), or one JSON object.
#[derive(Serialize)]
pub struct DoctorReport {
    pub ok: bool,
    pub checks: Vec<CheckReport>,
}

impl Message for DoctorReport {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "doctor"
    }

    fn human(&self, term: Term) -> String {
        let mark = |ok: bool| match (ok, term.colour) {
            (true, true) => "\u{1b}[32m✓\u{1b}[0m",
            (false, true) => "\u{1b}[31m✗\u{1b}[0m",
            (true, false) => "✓",
            (false, false) => "✗",
        };
        self.checks
            .iter()
            .map(|c| match c.ok {
                Some(ok) => format!("{} {}: {}", mark(ok), c.check, c.detail),
                None => format!("- {}: skipped, {}", c.check, c.detail),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Any error, with `--json`.
#[derive(Serialize)]
pub struct ErrorReport<'a> {
    pub kind: &'static str,
    pub exit_code: u8,
    pub message: &'a str,
}

impl Message for ErrorReport<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "error"
    }

    fn human(&self, _: Term) -> String {
        format!("error: {}", self.message)
    }
}

// ---------------------------------------------------------------------------------------
// Status lines (stderr, no JSON of their own: their facts are in a result's object)
// ---------------------------------------------------------------------------------------

/// The documented line of a stored file.
pub struct FileStored<'a> {
    pub file: &'a str,
    pub bucket: &'a str,
    pub unchanged: bool,
}

impl fmt::Display for FileStored<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.unchanged {
            write!(
                f,
                "File '{}' is already stored in bucket '{}' (unchanged).",
                self.file, self.bucket
            )
        } else {
            write!(
                f,
                "File '{}' successfully uploaded to bucket '{}'.",
                self.file, self.bucket
            )
        }
    }
}

/// The documented line after presigning.
pub struct UrlGenerated<'a> {
    pub name: &'a str,
    pub url: &'a str,
    /// stderr is a terminal: the documented line with the whole URL. Elsewhere (a log
    /// file, a CI job) the line must not carry a working signature, as `aws s3 presign`
    /// and `mc share` keep it to stdout: the URL without its query string.
    pub term: Term,
}

impl fmt::Display for UrlGenerated<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.term.stderr_is_terminal {
            return write!(
                f,
                "Generated presigned URL for '{}': {}",
                self.name, self.url
            );
        }
        let unsigned = self.url.split_once('?').map_or(self.url, |(u, _)| u);
        write!(
            f,
            "Generated presigned URL for '{}': {unsigned}?… (signature left out of logs; the URL is on stdout)",
            self.name
        )
    }
}

/// `upload --dry-run`: one object that would be stored.
pub struct WouldStore<'a>(pub &'a SizeEntry);

impl fmt::Display for WouldStore<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        write!(
            f,
            "would store {} ({}x{}, {} bytes)",
            s.key, s.width, s.height, s.bytes
        )
    }
}

/// `get-url` for a user without a picture.
pub struct UsingDefault<'a> {
    pub selector: &'a str,
    pub generated: bool,
}

impl fmt::Display for UsingDefault<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "User '{}' has no picture; using the {} picture.",
            self.selector,
            if self.generated {
                "generated default"
            } else {
                "default"
            }
        )
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

/// `validate` of several files, some of which failed.
pub struct ValidateTotals {
    pub failed: usize,
    pub total: usize,
}

impl fmt::Display for ValidateTotals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of {} file{} rejected or missing",
            self.failed,
            self.total,
            if self.total == 1 { "" } else { "s" }
        )
    }
}

/// `export-urls`, after the rows.
pub struct ExportDone {
    pub users: usize,
}

impl fmt::Display for ExportDone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Exported URLs for {}.",
            plural(self.users as u64, "user", "users")
        )
    }
}

/// A prompt answered no.
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cancelled; nothing was changed.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::to_json;

    #[test]
    fn bucket_lines_are_the_documented_ones() {
        let exists = BucketReady {
            bucket: "demo",
            status: BucketStatus::Exists,
            store_id: "3f2a",
        };
        assert_eq!(
            exists.human(Term::default()),
            "Bucket 'demo' already exists."
        );
        let json = to_json(&exists);
        assert_eq!(json["type"], "bucket");
        assert_eq!(json["status"], "exists");
        let created = BucketReady {
            bucket: "demo",
            status: BucketStatus::Created,
            store_id: "3f2a",
        };
        assert_eq!(created.human(Term::default()), "Bucket 'demo' created.");
    }

    #[test]
    fn documented_status_lines() {
        let stored = FileStored {
            file: "njit.jpeg",
            bucket: "demo",
            unchanged: false,
        };
        assert_eq!(
            stored.to_string(),
            "File 'njit.jpeg' successfully uploaded to bucket 'demo'."
        );
        let term = Term {
            stdout_is_terminal: true,
            colour: false,
            stderr_is_terminal: true,
        };
        let url = UrlGenerated {
            name: "njit.jpeg",
            url: "URL",
            term,
        };
        assert_eq!(
            url.to_string(),
            "Generated presigned URL for 'njit.jpeg': URL"
        );
        assert_eq!(presigned_line("URL", term), "Presigned URL: URL");
    }

    #[test]
    fn findings_are_tagged_with_their_kind() {
        let f = Finding::Orphan {
            key: "users/x/a.jpg".into(),
            age_seconds: Some(5),
            fixed: false,
        };
        let json = to_json(&f);
        assert_eq!(json["type"], "finding");
        assert_eq!(json["kind"], "orphan");
        assert_eq!(json["age_seconds"], 5);
    }
}
