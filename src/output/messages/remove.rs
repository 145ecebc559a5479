//! `pfp remove`.

#[allow(unused_imports)]
use super::prelude::*;

/// `pfp remove`: the picture is cleared and kept for `pfp restore` (with `--purge`, its
/// objects deleted);
/// a picture the app stored, or an external one, is cleared from the column only.
#[derive(Serialize)]
pub struct Removed<'a> {
    #[serde(skip)]
    pub selector: &'a str,
    pub user: &'a str,
    /// Where the removed picture came from, in `user list`'s words: `user` (pfp stored
    /// it), `app`, `external`; None when the user had none.
    pub source: Option<&'static str>,
    /// The column's value that was cleared, for a picture pfp did not store.
    #[serde(skip)]
    pub column: Option<&'a str>,
    pub deleted: &'a [String],
    /// With `--purge` in a bucket that keeps versions: the deleted objects' versions
    /// that held bytes, each deleted too (null where the bucket keeps none).
    pub versions_deleted: Option<usize>,
    /// The removed picture, kept for `pfp restore` (without `--purge`).
    pub kept: Option<KeptPicture<'a>>,
    /// With `--purge`: the app's pictures (column values) kept for `pfp restore` that
    /// were forgotten.
    pub values_forgotten: u64,
}

/// "2 pictures and 1 of the app's values kept for 'pfp restore'" (empty for none): what
/// `remove --purge` erases besides the current picture.
pub fn kept_for_restore(pictures: usize, values: usize) -> String {
    let mut parts = Vec::new();
    if pictures > 0 {
        parts.push(plural(pictures as u64, "picture", "pictures"));
    }
    if values > 0 {
        parts.push(format!(
            "{} of the app's",
            plural(values as u64, "value", "values")
        ));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("{} kept for 'pfp restore'", parts.join(" and "))
}

/// "1 object of pfp's naming that no record names (…)": what an erasure finds in the
/// user's folder besides what the ledger records (see `workflow::unrecorded`).
pub fn unrecorded_objects(n: usize) -> String {
    format!(
        "{} of pfp's naming that no record names (an upload that failed to commit)",
        plural(n as u64, "object", "objects")
    )
}

/// The warning of an erasure that left `left` such objects in `folder` because other
/// databases use the store too (None for none).
pub fn unrecorded_left(left: usize, folder: &str) -> Option<String> {
    (left > 0).then(|| {
        format!(
            "{} of pfp's naming in '{folder}' that no record here names stayed: other databases use this store too, and they may be theirs; 'pfp remove --purge' with the database that recorded them erases them",
            plural(left as u64, "object", "objects")
        )
    })
}

/// ", each with every version the bucket kept (N in all)" after a count of objects an
/// erasure deleted in a bucket that keeps versions.
pub(super) fn every_version(versions: Option<usize>) -> String {
    versions.map_or_else(String::new, |n| {
        format!(", each with every version the bucket kept ({n} in all)")
    })
}

impl Removed<'_> {
    /// What an erasure did: "2 objects deleted[, each with every version the bucket
    /// kept (N in all)][, 1 value of the app's forgotten]".
    fn erased(&self) -> String {
        let n = self.deleted.len();
        let mut said = format!(
            "{} deleted{}",
            plural(n as u64, "object", "objects"),
            every_version(self.versions_deleted.filter(|_| n > 0))
        );
        if self.values_forgotten > 0 {
            said.push_str(&format!(
                ", {} of the app's forgotten",
                plural(self.values_forgotten, "value", "values")
            ));
        }
        said
    }
}

impl Message for Removed<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "removed"
    }

    fn human(&self, _: Term) -> String {
        match (self.source, self.column) {
            (None, _) if self.deleted.is_empty() && self.values_forgotten == 0 => format!(
                "User '{}' has no picture; nothing to remove.",
                self.selector
            ),
            (None, _) => format!(
                "User '{}' has no picture; erased what was kept of it for 'pfp restore' ({}).",
                self.selector,
                self.erased()
            ),
            (Some(source), Some(column)) => format!(
                "Cleared the picture of user '{}' ({}: {column}; its object, if any, left where it is{}); the default picture applies now.",
                self.selector,
                if source == "app" {
                    "the app's"
                } else {
                    "external"
                },
                match &self.kept {
                    Some(kept) => format!(
                        "; the value is kept until {}: 'pfp restore --user {}' writes it back",
                        kept.until.unwrap_or("removed"),
                        self.selector
                    ),
                    None if self.deleted.is_empty() && self.values_forgotten == 0 => String::new(),
                    None => format!(
                        "; erased what was kept for 'pfp restore': {}",
                        self.erased()
                    ),
                }
            ),
            (Some(_), None) => match &self.kept {
                Some(kept) => format!(
                    "Removed the picture of user '{}' ('{}'; kept until {}: 'pfp restore --user {}' brings it back, --purge deletes at once); the default picture applies now.",
                    self.selector,
                    kept.key,
                    kept.until.unwrap_or("removed"),
                    self.selector
                ),
                None => format!(
                    "Removed the picture of user '{}' ({}); the default picture applies now.",
                    self.selector,
                    self.erased()
                ),
            },
        }
    }
}

/// A picture kept after it was replaced (see [`crate::workflow::Kept`]).
#[derive(Serialize)]
pub struct KeptPicture<'a> {
    /// Its key; for the app's picture, the column's value.
    pub key: &'a str,
    /// When it may be deleted; None: kept until removed (`--keep-previous`).
    pub until: Option<&'a str>,
    /// The app's picture (a column value pfp did not write): said in words only.
    #[serde(skip)]
    pub app: bool,
}

impl<'a> KeptPicture<'a> {
    pub fn of(kept: &'a crate::workflow::Kept) -> Self {
        KeptPicture {
            key: &kept.key,
            until: kept.until.as_deref(),
            app: kept.app,
        }
    }

    /// "'KEY'", or "the app's 'URL'".
    pub(super) fn named(&self) -> String {
        if self.app {
            format!("the app's '{}'", self.key)
        } else {
            format!("'{}'", self.key)
        }
    }
}

/// "picture of user 'U'" (the default picture when `user` is None), and the `pfp
/// restore` arguments that bring back a picture of it.
pub(super) fn whose_picture(user: Option<&str>) -> (String, String) {
    match user {
        Some(user) => (
            format!("picture of user '{user}'"),
            format!("--user {user}"),
        ),
        None => ("default picture".to_owned(), "--default".to_owned()),
    }
}

/// "kept until T", or "kept" for a picture kept until removed (`--keep-previous`).
pub(super) fn kept_until(until: Option<&str>) -> String {
    until.map_or_else(|| "kept".to_owned(), |until| format!("kept until {until}"))
}

/// `pfp restore`: a replaced picture is current again.
#[derive(Serialize)]
pub struct Restored<'a> {
    #[serde(skip)]
    pub selector: Option<&'a str>,
    /// The user's id; None for the default picture.
    pub user: Option<&'a str>,
    /// None: the app's picture (a column value pfp did not write), given back as it was.
    pub key: Option<&'a str>,
    pub url: &'a str,
    /// When it had been replaced (None: kept with `--keep-previous`).
    pub replaced_at: Option<&'a str>,
    /// The picture it replaces, kept in turn.
    pub replaced: Option<KeptPicture<'a>>,
    /// `--default`: the generated avatars' style it ended (`set-default --generated`).
    pub replaced_style: Option<&'a str>,
}

impl Message for Restored<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "restored"
    }

    fn human(&self, _: Term) -> String {
        let (whose, again) = whose_picture(self.selector);
        let when = self.replaced_at.map_or_else(String::new, |at| {
            format!(", replaced {}", crate::values::to_the_second(at))
        });
        let what = match self.key {
            Some(key) => format!("'{key}'"),
            None => format!("the app's '{}'", self.url),
        };
        let mut line = format!("Restored the {whose}: {what}{when}.");
        if let Some(style) = self.replaced_style {
            line.push_str(&format!(
                " Generated '{style}' avatars no longer stand in for it: 'pfp set-default --generated {style}' brings them back."
            ));
        }
        if let Some(kept) = &self.replaced {
            line.push_str(&format!(
                " The picture it replaces, {}, is {}: 'pfp restore {again}' brings it back.",
                kept.named(),
                kept_until(kept.until)
            ));
        }
        line
    }
}

/// Before `pfp restore`'s result: objects of the restored picture that had been deleted
/// behind pfp's back, brought back from the bucket's versions.
pub struct BroughtBack<'a> {
    pub keys: &'a [String],
}

impl fmt::Display for BroughtBack<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Brought back {} of the picture from the bucket's versions (deleted behind pfp's back): {}.",
            plural(self.keys.len() as u64, "object", "objects"),
            self.keys
                .iter()
                .map(|k| format!("'{k}'"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// `pfp restore --since T --dry-run`: a user's picture that would be restored.
#[derive(Serialize)]
pub struct WouldRestore<'a> {
    pub user: &'a str,
    /// The kept picture's key (for the app's picture, the column's value).
    pub key: &'a str,
    pub replaced_at: &'a str,
}

impl Message for WouldRestore<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "would_restore"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "Would restore the picture of user '{}': '{}', replaced {}.",
            self.user,
            self.key,
            crate::values::to_the_second(self.replaced_at)
        )
    }
}

/// `pfp restore --since T`: a user whose first picture came since then, which nothing
/// replaced: there is nothing to bring back, and `pfp remove` takes it away.
#[derive(Serialize)]
pub struct FirstPictureSince<'a> {
    pub user: &'a str,
    /// The key of the picture pfp stored since then, current now.
    pub key: &'a str,
}

impl Message for FirstPictureSince<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "first_picture_since"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "User '{}' had no picture then: its first, '{}', came since ('pfp remove --user {}' takes it away).",
            self.user, self.key, self.user
        )
    }
}

/// The last line of `pfp restore --since T`.
#[derive(Serialize)]
pub struct RestoreSummary<'a> {
    /// The time given, as the ledger writes it.
    pub since: &'a str,
    /// Users whose picture was replaced since then.
    pub users: u64,
    pub restored: u64,
    pub failed: u64,
    /// Users whose first picture was stored since then: nothing to restore (`pfp remove`,
    /// or `--remove-first-pictures`, takes it away).
    pub first_pictures: u64,
    /// With `--remove-first-pictures`: those removed (each kept for `pfp restore`), and
    /// those that could not be (another run stored a picture since, say).
    pub first_pictures_removed: u64,
    pub first_pictures_failed: u64,
    /// `--remove-first-pictures` was given.
    #[serde(skip)]
    pub removing: bool,
    /// Nothing was changed; `users` would be restored.
    pub dry_run: bool,
}

impl Message for RestoreSummary<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "restore_summary"
    }

    fn human(&self, _: Term) -> String {
        let since = crate::values::to_the_second(self.since);
        let users = plural(self.users, "user", "users");
        let first = match self.first_pictures {
            0 => String::new(),
            n if !self.removing => format!(
                " {} got a first picture since then, which nothing replaced (named above): 'pfp remove --user U' takes it away, --remove-first-pictures takes them all.",
                plural(n, "user", "users")
            ),
            n if self.dry_run => format!(
                " {} got a first picture since then, which would be removed (named above).",
                plural(n, "user", "users")
            ),
            n => format!(
                " {} got a first picture since then: {} removed (each kept {} days for 'pfp restore'), {} failed.",
                plural(n, "user", "users"),
                self.first_pictures_removed,
                crate::workflow::RETAIN.as_secs() / 86_400,
                self.first_pictures_failed
            ),
        };
        if self.dry_run {
            return format!(
                "Dry run: {users} had their picture replaced since {since}; nothing was changed.{first}"
            );
        }
        format!(
            "{users} had their picture replaced since {since}: {} restored, {} failed.{first}",
            self.restored, self.failed
        )
    }
}
