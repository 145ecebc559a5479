//! `pfp adopt`.

#[allow(unused_imports)]
use super::prelude::*;

/// How one user's adoption ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AdoptStatus {
    Adopted,
    /// `--dry-run`: would be adopted.
    WouldAdopt,
    /// The picture breaks a rule (exit 4).
    Rejected,
    /// A URL outside the bucket.
    Skipped,
    /// The object is not there.
    Missing,
    /// The app wrote the column while pfp worked: left as it is.
    ChangedMeanwhile,
    Failed,
}

impl AdoptStatus {
    pub fn name(self) -> &'static str {
        match self {
            AdoptStatus::Adopted => "adopted",
            AdoptStatus::WouldAdopt => "would_adopt",
            AdoptStatus::Rejected => "rejected",
            AdoptStatus::Skipped => "skipped",
            AdoptStatus::Missing => "missing",
            AdoptStatus::ChangedMeanwhile => "changed_meanwhile",
            AdoptStatus::Failed => "failed",
        }
    }
}

/// `pfp adopt`: one user's outcome.
#[derive(Serialize)]
pub struct AdoptReport<'a> {
    pub user: &'a str,
    /// `adopted`, `would_adopt` (dry run), `rejected` (the picture breaks a rule: exit 4),
    /// `skipped` (a URL outside the bucket), `missing` (the object is not there),
    /// `changed_meanwhile` (the app wrote the column while pfp worked: left as it is), or
    /// `failed`.
    pub status: AdoptStatus,
    /// The column's value as the app left it.
    pub from: &'a str,
    /// pfp's key (adopted) or the app's object (otherwise, when in the bucket).
    pub key: Option<&'a str>,
    pub message: Option<&'a str>,
    /// With `--delete-originals`: whether the original object was deleted.
    pub original_deleted: bool,
    /// For `rejected`: the rule the picture broke (`validate`'s names); else null.
    pub rule: Option<&'static str>,
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
        format!("{:17} user {}: {detail}", self.status.name(), self.user)
    }

    fn wanted(&self, verbose: u8) -> bool {
        // An adopted user's line carries a message only when something needs the
        // operator (an original that could not be deleted).
        verbose > 0
            || self.message.is_some()
            || !matches!(self.status, AdoptStatus::Adopted | AdoptStatus::WouldAdopt)
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
    /// With `--delete-originals`: originals of adopted users whose deletion failed (each
    /// user's line says why; the exit code is the failure's).
    pub originals_not_deleted: u64,
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
            match (self.originals_deleted, self.originals_not_deleted) {
                (0, 0) => String::new(),
                (deleted, 0) => format!(", {deleted} original(s) deleted"),
                (deleted, failed) =>
                    format!(", {deleted} original(s) deleted, {failed} not deleted (see above)"),
            }
        )
    }
}
