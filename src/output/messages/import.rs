//! `pfp import`: each file, the totals, `--fill-defaults`.

#[allow(unused_imports)]
use super::prelude::*;

/// How one file of an import ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStatus {
    Done,
    /// The user's current picture, with sizes added or dropped.
    Updated,
    Unchanged,
    Rejected,
    Failed(Kind),
    /// `--dry-run`: would be the user's first picture.
    WouldImport,
    /// `--dry-run`: would replace the user's current picture.
    WouldReplace,
}

impl ImportStatus {
    fn name(self) -> &'static str {
        match self {
            ImportStatus::Done => "done",
            ImportStatus::Updated => "updated",
            ImportStatus::Unchanged => "unchanged",
            ImportStatus::Rejected => "rejected",
            ImportStatus::Failed(_) => "failed",
            ImportStatus::WouldImport => "would_import",
            ImportStatus::WouldReplace => "would_replace",
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
    pub file: FileName,
    pub user: String,
    pub status: ImportStatus,
    pub key: Option<String>,
    pub message: Option<String>,
    /// The picture this file's replaced, kept for `pfp restore`.
    pub replaced: Option<String>,
    exit_code: Option<u8>,
    /// A rejected file's broken rule (`validate`'s names); null for a row or user refused.
    rule: Option<&'static str>,
    /// The file failed because the database session is gone.
    #[serde(skip)]
    database_lost: bool,
}

impl ImportReport {
    pub fn new(
        file: FileName,
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
            replaced: None,
            exit_code: status.exit_code(),
            rule: None,
            database_lost: false,
        }
    }

    /// The report of a file rejected for breaking `rule`.
    pub fn breaking(mut self, rule: &'static str) -> Self {
        self.rule = Some(rule);
        self
    }

    /// The report of a file that failed for `error`.
    pub fn failed(file: FileName, user: String, error: &crate::error::Error) -> Self {
        ImportReport::new(
            file,
            user,
            ImportStatus::Failed(error.kind()),
            None,
            Some(error.to_string()),
        )
        .failing_for(error)
    }

    /// The report of a file that failed for `error`, made with its status and message.
    pub fn failing_for(mut self, error: &crate::error::Error) -> Self {
        self.database_lost = crate::error::connection_lost(error);
        self
    }

    /// Whether the file failed because the database session is gone.
    pub fn database_lost(&self) -> bool {
        self.database_lost
    }

    /// The report of a file whose picture replaced `replaced` (kept).
    pub fn replacing(mut self, replaced: Option<String>) -> Self {
        self.replaced = replaced;
        self
    }
}

impl Message for ImportReport {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "import"
    }

    fn human(&self, _: Term) -> String {
        match &self.message {
            Some(message) if self.status == ImportStatus::WouldReplace => format!(
                "{:9} {} -> {} (replacing {message})",
                self.status.name(),
                self.file,
                self.key.as_deref().unwrap_or("-")
            ),
            Some(message) => format!("{:9} {message}", self.status.name()),
            None => format!(
                "{:9} {} -> {}{}",
                self.status.name(),
                self.file,
                self.key.as_deref().unwrap_or("-"),
                self.replaced
                    .as_deref()
                    .map_or_else(String::new, |old| format!(
                        " (replaced {old}, kept for 'pfp restore')"
                    ))
            ),
        }
    }

    fn wanted(&self, verbose: u8) -> bool {
        verbose > 0
            || matches!(
                self.status,
                ImportStatus::Rejected
                    | ImportStatus::Failed(_)
                    | ImportStatus::WouldImport
                    | ImportStatus::WouldReplace
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
    /// Rows read from the source whose work had not begun when Ctrl-C (or a lost
    /// database session) stopped the run.
    pub not_started: u64,
    /// `--dry-run`: `done` counts the files that would be imported; nothing was changed.
    pub dry_run: bool,
    /// Of `done`, files that replaced a picture (kept for `pfp restore`).
    pub replaced: usize,
}

impl Message for ImportSummary {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "summary"
    }

    fn human(&self, _: Term) -> String {
        let counts = format!(
            "{} {}, {} unchanged, {} rejected, {} failed",
            self.done,
            if self.dry_run {
                "would be imported"
            } else {
                "imported"
            },
            self.unchanged,
            self.rejected,
            self.failed
        );
        if self.dry_run && !self.interrupted {
            return format!(
                "Dry run: {}: {counts}; nothing was changed.",
                plural(self.files as u64, "file", "files")
            );
        }
        if self.interrupted {
            // Finished of what was read: the rest of the source was never read.
            format!(
                "Interrupted: {} of {} read finished ({counts}); {} not started.",
                self.files,
                plural(self.files as u64 + self.not_started, "file", "files"),
                self.not_started
            )
        } else if self.replaced > 0 {
            format!(
                "{}: {counts}; {} replaced, kept for 'pfp restore --user U'.",
                plural(self.files as u64, "file", "files"),
                plural(self.replaced as u64, "picture", "pictures")
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
    /// Stopped by Ctrl-C or SIGTERM before every user without a picture had one.
    pub interrupted: bool,
}

impl Message for DefaultsFilled {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "fill_defaults"
    }

    fn human(&self, _: Term) -> String {
        if self.interrupted {
            return format!(
                "Interrupted: generated default avatars were made for {} without a picture; the others get theirs on first use.",
                plural(self.users as u64, "user", "users")
            );
        }
        format!(
            "Generated default avatars are ready for {} without a picture.",
            plural(self.users as u64, "user", "users")
        )
    }
}
