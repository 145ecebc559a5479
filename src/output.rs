//! Everything pfp prints goes through one [`Printer`], and every message is a type that
//! knows its human line and its JSON object (the mc model). The documented lines, such as
//! `Bucket 'demo' already exists.`, live here and only here.
//!
//! Streams: status lines go to stderr (hidden by `--quiet`); results go to stdout; with
//! `--json`, each result and each error is one JSON object on its own line on stdout and
//! no human lines are printed at all.

use std::io::{IsTerminal, Write};

use serde_json::{Value, json};

use crate::error::Kind;
use crate::picture::{Detected, Picture, Processed, Rejection};
use crate::settings::OutputOptions;
use crate::units::format_size;
use crate::users::{LedgerEntry, User};

/// Where a message's human form belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// A status line: stderr, hidden by `--quiet`.
    Status,
    /// A result: stdout, always shown.
    Result,
}

/// A message with a human face and a JSON face.
pub trait Message {
    /// Where the human line goes.
    const STREAM: Stream;
    /// The human line (without a trailing newline). `stdout_is_terminal` lets a result
    /// be decorated for a person and bare for a pipeline.
    fn human(&self, stdout_is_terminal: bool) -> String;
    /// The JSON object; it carries a `"type"` field naming the message.
    fn json(&self) -> Value;
    /// Whether the human line is worth printing at this verbosity (JSON is always printed).
    fn wanted(&self, _verbose: u8) -> bool {
        true
    }
}

/// Decides which stream is enabled and how; commands never test for a terminal themselves.
#[derive(Clone, Debug)]
pub struct Printer {
    json: bool,
    quiet: bool,
    verbose: u8,
    progress: bool,
    stdout_is_terminal: bool,
}

impl Printer {
    pub fn new(options: OutputOptions) -> Self {
        let stderr_is_terminal = std::io::stderr().is_terminal();
        Printer {
            json: options.json,
            quiet: options.quiet,
            verbose: options.verbose,
            progress: stderr_is_terminal && !options.no_progress && !options.quiet && !options.json,
            stdout_is_terminal: std::io::stdout().is_terminal(),
        }
    }

    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Whether progress bars may be drawn (a terminal on stderr, no --quiet/--json/--no-progress).
    pub fn progress_enabled(&self) -> bool {
        self.progress
    }

    /// A byte progress bar on stderr when progress is enabled, else a hidden one.
    pub fn bytes_bar(&self, total: u64, message: &str) -> indicatif::ProgressBar {
        if !self.progress {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(message.to_owned());
        bar
    }

    /// The progress display of an import: an overall bar and one line per file in flight.
    pub fn import_progress(&self, total: u64) -> ImportProgress {
        if !self.progress {
            return ImportProgress {
                multi: None,
                overall: indicatif::ProgressBar::hidden(),
            };
        }
        let multi = indicatif::MultiProgress::new();
        let overall = multi.add(indicatif::ProgressBar::new(total));
        overall.set_style(
            indicatif::ProgressStyle::with_template(
                "[{bar:30}] {pos}/{len} files  {rate}  ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.1} files/s", state.per_sec());
                },
            )
            .progress_chars("=> "),
        );
        ImportProgress {
            multi: Some(multi),
            overall,
        }
    }

    /// Prints a message: its JSON object with `--json`, else its human line on its stream.
    pub fn print<M: Message>(&self, message: &M) {
        if self.json {
            print_json_line(&message.json());
            return;
        }
        if !message.wanted(self.verbose) {
            return;
        }
        match M::STREAM {
            Stream::Status if self.quiet => {}
            Stream::Status => eprintln!("{}", message.human(self.stdout_is_terminal)),
            Stream::Result => {
                let mut out = std::io::stdout().lock();
                // A closed pipe (pfp ... | head) is not an error worth reporting.
                let _ = writeln!(out, "{}", message.human(self.stdout_is_terminal));
            }
        }
    }

    /// A human status line with no JSON counterpart (it is part of a result's JSON object).
    pub fn status(&self, line: &str) {
        if !self.json && !self.quiet {
            eprintln!("{line}");
        }
    }

    /// A warning on stderr, shown even with `--json` (stdout stays parseable), hidden by `--quiet`.
    pub fn warn(&self, text: &str) {
        if !self.quiet {
            eprintln!("warning: {text}");
        }
    }

    /// An error: `error: ...` on stderr, or one JSON object on stdout with `--json`.
    pub fn error(&self, kind: Kind, message: &str) {
        if self.json {
            print_json_line(&json!({
                "type": "error",
                "kind": kind.name(),
                "exit_code": kind.exit_code(),
                "message": message,
            }));
        } else {
            eprintln!("error: {message}");
        }
    }
}

/// See [`Printer::import_progress`].
pub struct ImportProgress {
    multi: Option<indicatif::MultiProgress>,
    overall: indicatif::ProgressBar,
}

impl ImportProgress {
    /// A spinner line for a file now in flight.
    pub fn start(&self, path: &std::path::Path) -> indicatif::ProgressBar {
        let Some(multi) = &self.multi else {
            return indicatif::ProgressBar::hidden();
        };
        let line = multi.add(indicatif::ProgressBar::new_spinner());
        // The time each file has been in flight: a slow file shows it is still working.
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {elapsed:>4} {msg}") {
            line.set_style(style);
        }
        line.set_message(crate::input::display_name(path));
        line.enable_steady_tick(std::time::Duration::from_millis(120));
        line
    }

    /// The file's line goes away and the overall bar moves on.
    pub fn finish(&self, line: indicatif::ProgressBar) {
        line.finish_and_clear();
        self.overall.inc(1);
    }

    pub fn clear(&self) {
        self.overall.finish_and_clear();
    }

    /// Runs `f` (which prints) with the bars hidden, so lines are not torn.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.multi {
            Some(multi) => multi.suspend(f),
            None => f(),
        }
    }
}

fn print_json_line(value: &Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{value}");
}

/// `pfp bucket init`: the bucket is there, created now or before.
pub struct BucketReady<'a> {
    pub bucket: &'a str,
    pub created: bool,
}

impl Message for BucketReady<'_> {
    const STREAM: Stream = Stream::Status;

    fn human(&self, _: bool) -> String {
        if self.created {
            format!("Bucket '{}' created.", self.bucket)
        } else {
            format!("Bucket '{}' already exists.", self.bucket)
        }
    }

    fn json(&self) -> Value {
        json!({
            "type": "bucket",
            "bucket": self.bucket,
            "status": if self.created { "created" } else { "exists" },
        })
    }
}

/// How one file of an import ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStatus {
    Done,
    Unchanged,
    Rejected,
    Failed(Kind),
}

/// `pfp import`: one file's outcome. Problems are status lines on stderr; with `--json`
/// every file is an object.
pub struct ImportReport {
    pub file: String,
    pub user: String,
    pub status: ImportStatus,
    pub key: Option<String>,
    pub message: Option<String>,
}

impl ImportReport {
    fn status_name(&self) -> &'static str {
        match self.status {
            ImportStatus::Done => "done",
            ImportStatus::Unchanged => "unchanged",
            ImportStatus::Rejected => "rejected",
            ImportStatus::Failed(_) => "failed",
        }
    }
}

impl Message for ImportReport {
    const STREAM: Stream = Stream::Status;

    fn human(&self, _: bool) -> String {
        match &self.message {
            Some(message) => format!("{:9} {message}", self.status_name()),
            None => format!(
                "{:9} {} -> {}",
                self.status_name(),
                self.file,
                self.key.as_deref().unwrap_or("-")
            ),
        }
    }

    fn json(&self) -> Value {
        json!({
            "type": "import",
            "file": self.file,
            "user": self.user,
            "status": self.status_name(),
            "key": self.key,
            "message": self.message,
            "exit_code": match self.status {
                ImportStatus::Failed(kind) => Some(kind.exit_code()),
                ImportStatus::Rejected => Some(Kind::Invalid.exit_code()),
                _ => None,
            },
        })
    }

    fn wanted(&self, verbose: u8) -> bool {
        verbose > 0
            || matches!(
                self.status,
                ImportStatus::Rejected | ImportStatus::Failed(_)
            )
    }
}

/// The documented status line of a stored file.
pub fn uploaded_line(file: &str, bucket: &str, unchanged: bool) -> String {
    if unchanged {
        format!("File '{file}' is already stored in bucket '{bucket}' (unchanged).")
    } else {
        format!("File '{file}' successfully uploaded to bucket '{bucket}'.")
    }
}

/// The documented status line after presigning.
pub fn generated_url_line(name: &str, url: &str) -> String {
    format!("Generated presigned URL for '{name}': {url}")
}

/// A presigned URL as a command's result: `Presigned URL: URL` for a person, the bare URL
/// in a pipeline (`url=$(pfp upload ...)`), and a full object with `--json`.
pub struct PresignedUrl {
    pub url: String,
    /// The JSON object, with its `type` and every field the command reports.
    pub json: Value,
}

impl Message for PresignedUrl {
    const STREAM: Stream = Stream::Result;

    fn human(&self, stdout_is_terminal: bool) -> String {
        if stdout_is_terminal {
            format!("Presigned URL: {}", self.url)
        } else {
            self.url.clone()
        }
    }

    fn json(&self) -> Value {
        self.json.clone()
    }
}

/// A result that is a plain status for people and an object for `--json` (e.g. `remove`).
pub struct Done {
    pub line: String,
    pub json: Value,
}

impl Message for Done {
    const STREAM: Stream = Stream::Status;

    fn human(&self, _: bool) -> String {
        self.line.clone()
    }

    fn json(&self) -> Value {
        self.json.clone()
    }
}

/// A result line for people (stdout) and an object for `--json` (e.g. `verify` findings).
pub struct Report {
    pub line: String,
    pub json: Value,
}

impl Message for Report {
    const STREAM: Stream = Stream::Result;

    fn human(&self, _: bool) -> String {
        self.line.clone()
    }

    fn json(&self) -> Value {
        self.json.clone()
    }
}

/// `pfp validate`: the verdict on one file.
pub enum Verdict<'a> {
    Accepted {
        file: &'a str,
        processed: Box<Processed>,
    },
    Rejected {
        file: &'a str,
        detected: Option<Detected>,
        rejection: Rejection,
    },
    /// The file could not be read at all (missing, a directory, a device).
    Unread {
        file: &'a str,
        kind: Kind,
        message: String,
    },
}

/// The JSON description of a normalised picture, shared by `validate`, `upload` and
/// `import` so the field names are the same everywhere.
pub fn picture_json(picture: &Picture) -> Value {
    let main = picture.main();
    json!({
        "format": picture.format.extension(),
        "mime": picture.mime(),
        "width": main.width,
        "height": main.height,
        "bytes": main.bytes.len(),
        "sha256": main.sha256,
        "sizes": picture.renditions.iter().map(|r| json!({
            "size": r.size,
            "width": r.width,
            "height": r.height,
            "bytes": r.bytes.len(),
            "sha256": r.sha256,
        })).collect::<Vec<_>>(),
    })
}

impl Message for Verdict<'_> {
    const STREAM: Stream = Stream::Result;

    fn human(&self, _: bool) -> String {
        match self {
            Verdict::Accepted { file, processed } => {
                let input = &processed.input;
                let main = processed.picture.main();
                let frames = if input.frames > 1 {
                    format!(", {} frames", input.frames)
                } else {
                    String::new()
                };
                format!(
                    "ok        {file}: {} {}x{}{frames}, {} -> {} {}x{}, {} ({})",
                    input.format.name(),
                    input.width,
                    input.height,
                    format_size(input.bytes),
                    processed.picture.format.name(),
                    main.width,
                    main.height,
                    format_size(main.bytes.len() as u64),
                    processed.actions.join("; ")
                )
            }
            Verdict::Rejected { rejection, .. } => format!("rejected  {}", rejection.message),
            Verdict::Unread { message, .. } => format!("rejected  {message}"),
        }
    }

    fn json(&self) -> Value {
        match self {
            Verdict::Accepted { file, processed } => {
                let input = &processed.input;
                json!({
                    "type": "verdict",
                    "file": file,
                    "ok": true,
                    "input": {
                        "format": input.format.name().to_ascii_lowercase(),
                        "width": input.width,
                        "height": input.height,
                        "bytes": input.bytes,
                        "frames": input.frames,
                        "orientation": input.orientation,
                    },
                    "output": picture_json(&processed.picture),
                    "actions": processed.actions,
                    "warnings": processed.warnings,
                })
            }
            Verdict::Rejected {
                file,
                detected,
                rejection,
            } => json!({
                "type": "verdict",
                "file": file,
                "ok": false,
                "rule": rejection.rule.key(),
                "detected": detected.map(Detected::key),
                "message": rejection.message,
            }),
            Verdict::Unread {
                file,
                kind,
                message,
            } => json!({
                "type": "verdict",
                "file": file,
                "ok": false,
                "rule": if *kind == Kind::NotFound { "missing" } else { "unreadable" },
                "detected": null,
                "message": message,
            }),
        }
    }
}

/// `pfp user show` (one user, in detail) and `pfp user list` (one line per user).
pub struct UserReport<'a> {
    pub user: &'a User,
    pub picture: Option<&'a LedgerEntry>,
    /// Detailed, multi-line form (`show`) rather than one line (`list`).
    pub single: bool,
}

impl Message for UserReport<'_> {
    const STREAM: Stream = Stream::Result;

    fn human(&self, _: bool) -> String {
        let picture = self.picture.map_or("default".to_owned(), |p| p.url.clone());
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
        let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        rows.iter()
            .map(|(k, v)| format!("{k:width$}  {v}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn json(&self) -> Value {
        let fields: serde_json::Map<String, Value> = self
            .user
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        let picture = match self.picture {
            Some(p) => json!({
                "source": "user",
                "url": p.url,
                "key": p.key,
                "bytes": p.bytes,
                "width": p.width,
                "height": p.height,
                "mime": p.mime,
                "set_at": p.created_at,
                "sizes": p.sizes,
            }),
            None => json!({ "source": "default" }),
        };
        json!({
            "type": "user",
            "id": self.user.id,
            "fields": fields,
            "picture": picture,
        })
    }
}

/// `pfp user list` in human form: on a terminal an aligned table with a header (columns
/// sized per page of users), elsewhere or with `--tsv` tab-separated rows without one,
/// for `cut` and `awk`. In JSON each user is its own [`UserReport`].
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
        cells.push(
            report
                .picture
                .map_or("default".to_owned(), |p| p.url.clone()),
        );
        cells
    }
}

impl Message for UserTable<'_> {
    const STREAM: Stream = Stream::Result;

    fn human(&self, stdout_is_terminal: bool) -> String {
        if self.tsv || !stdout_is_terminal {
            return self
                .rows
                .iter()
                .map(|r| r.human(false))
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

    fn json(&self) -> Value {
        Value::Array(self.rows.iter().map(Message::json).collect())
    }
}

/// `pfp config show`: one setting, its shown value and where it came from.
pub struct ConfigEntry {
    pub name: &'static str,
    pub value: Option<String>,
    pub source: Option<String>,
}

/// `pfp config show`: the effective settings.
pub struct ConfigReport {
    pub entries: Vec<ConfigEntry>,
}

impl Message for ConfigReport {
    const STREAM: Stream = Stream::Result;

    fn human(&self, _: bool) -> String {
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

    fn json(&self) -> Value {
        let settings: serde_json::Map<String, Value> = self
            .entries
            .iter()
            .map(|e| {
                (
                    e.name.to_owned(),
                    json!({ "value": e.value, "source": e.source }),
                )
            })
            .collect();
        json!({ "type": "config", "settings": settings })
    }
}

/// `text` with control characters and bidirectional overrides shown as escapes (`\u{1b}`),
/// so a hostile file name can neither move the cursor, recolour the terminal, forge a
/// line of output nor reorder what is shown. Every file name a message shows goes
/// through here.
pub fn printable(text: &str) -> String {
    fn hostile(c: char) -> bool {
        c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !text.chars().any(hostile) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if hostile(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_lines_are_the_documented_ones() {
        let exists = BucketReady {
            bucket: "demo",
            created: false,
        };
        assert_eq!(exists.human(false), "Bucket 'demo' already exists.");
        assert_eq!(exists.json()["status"], "exists");
        let created = BucketReady {
            bucket: "demo",
            created: true,
        };
        assert_eq!(created.human(true), "Bucket 'demo' created.");
    }
}
