//! `pfp verify`: findings, the repair plan, the totals.

#[allow(unused_imports)]
use super::prelude::*;

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
        /// A version of it is in the bucket (which keeps versions): `--fix` brings it
        /// back rather than dropping the entry.
        recoverable: bool,
        fixed: bool,
    },
    /// An object of pfp's naming ([`crate::workflow::keys::is_pfps`]) that no ledger entry
    /// references.
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
        /// The column names the app's picture in the bucket, written over pfp's: the
        /// newer one, which `pfp adopt` takes and `--fix` leaves (said in the line).
        #[serde(skip)]
        apps_newer: bool,
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
                recoverable,
                ..
            } => format!(
                "dangling  {key}: recorded for {owner}{} but missing from the bucket{}",
                if *current { " (current picture)" } else { "" },
                if *recoverable {
                    "; a version of it is in the bucket, which --fix brings back"
                } else {
                    ""
                }
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
                apps_newer,
                ..
            } => format!(
                "mismatch  user {user}: picture column {} but the ledger says {}{}",
                column.as_deref().unwrap_or("NULL"),
                ledger.as_deref().unwrap_or("NULL"),
                if *apps_newer {
                    " (the app's newer picture in the bucket, which pfp hands out: 'pfp adopt' takes it over, --fix leaves it)"
                } else {
                    ""
                }
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
    /// Objects under `users/` and `defaults/` whose names pfp does not make and that no
    /// ledger entry records: the app's or another tool's, left alone (not a problem).
    pub foreign: u64,
    /// The first of them, for the human line.
    #[serde(skip)]
    pub first_foreign: Option<String>,
    /// Pictures kept after an upload replaced them (for `pfp restore`) ...
    pub kept: u64,
    /// ... of which replaced more than 7 days ago (`--fix` deletes them) ...
    pub expired: u64,
    /// ... and deleted by this run.
    pub pruned: u64,
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
    /// Missing objects brought back from the bucket's versions.
    pub recover: u64,
    pub dangling: u64,
    /// Pictures replaced more than 7 days ago, deleted too.
    pub expired: u64,
    pub dry_run: bool,
}

impl RepairPlan {
    /// "delete 2 orphaned objects, repair 1 picture column and drop 3 ledger entries of
    /// missing objects": the parts with something to do, in the order they are done.
    pub fn counts(&self) -> String {
        let parts: Vec<String> = [
            (
                self.orphans,
                "delete",
                "orphaned object",
                "orphaned objects",
                "",
            ),
            (
                self.mismatches,
                "repair",
                "picture column",
                "picture columns",
                "",
            ),
            (
                self.recover,
                "bring back",
                "missing object",
                "missing objects",
                " from the bucket's versions",
            ),
            (
                self.dangling,
                "drop",
                "ledger entry",
                "ledger entries",
                " of missing objects",
            ),
            (
                self.expired,
                "delete",
                "picture",
                "pictures",
                " replaced more than 7 days ago",
            ),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, verb, one, many, tail)| format!("{verb} {}{tail}", plural(n, one, many)))
        .collect();
        match parts.split_last() {
            None => "change nothing".to_owned(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
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
        if let Some(first) = &self.first_foreign {
            line.push_str(&format!(
                "\n{} under users/ and defaults/ not named as pfp names its pictures (the app's or another tool's, such as '{first}'): left alone, never orphans.",
                plural(self.foreign, "object", "objects"),
            ));
        }
        if self.pruned > 0 {
            line.push_str(&format!(
                "\nDeleted {} replaced more than 7 days ago (no longer kept for 'pfp restore').",
                plural(self.pruned, "picture", "pictures")
            ));
        } else if self.expired > 0 && !self.fix {
            line.push_str(&format!(
                "\n{} replaced more than 7 days ago, kept for 'pfp restore' until 'pfp verify --fix' deletes {}.",
                plural(self.expired, "picture", "pictures"),
                if self.expired == 1 { "it" } else { "them" }
            ));
        }
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

#[cfg(test)]
mod tests {
    use super::RepairPlan;

    #[test]
    fn a_repair_plan_names_only_what_it_does() {
        let plan = |orphans, mismatches, recover, dangling, expired| {
            RepairPlan {
                orphans,
                mismatches,
                recover,
                dangling,
                expired,
                dry_run: false,
            }
            .counts()
        };
        assert_eq!(plan(1, 0, 0, 0, 0), "delete 1 orphaned object");
        assert_eq!(
            plan(2, 1, 0, 0, 0),
            "delete 2 orphaned objects and repair 1 picture column"
        );
        assert_eq!(
            plan(0, 3, 0, 1, 2),
            "repair 3 picture columns, drop 1 ledger entry of missing objects and delete 2 pictures replaced more than 7 days ago"
        );
        assert_eq!(
            plan(0, 0, 2, 1, 0),
            "bring back 2 missing objects from the bucket's versions and drop 1 ledger entry of missing objects"
        );
        assert_eq!(plan(0, 0, 0, 0, 0), "change nothing");
    }
}
