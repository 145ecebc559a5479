//! `upload`, `set-default` and `get-url`: a picture stored (or planned) and its presigned URL, with the documented status lines.

#[allow(unused_imports)]
use super::prelude::*;
use super::validate::PictureSummary;

/// Which command stored a picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoredBy {
    Upload,
    SetDefault,
}

/// What storing a picture did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StoredStatus {
    Uploaded,
    /// The same picture with other sizes: its entry records the new ones.
    Updated,
    /// Already the current picture.
    Unchanged,
    /// `set-default --generated`: avatars are drawn per user from now on.
    Generated,
}

/// `upload` and `set-default`: the picture is stored and recorded. A person sees
/// `Presigned URL: URL`, a pipeline the bare URL (`url=$(pfp upload ...)`).
#[derive(Serialize)]
pub struct Stored<'a> {
    #[serde(skip)]
    pub by: StoredBy,
    pub status: StoredStatus,
    pub file: &'a FileName,
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
    /// The picture this one replaced, kept for `pfp restore`.
    pub replaced: Option<super::KeptPicture<'a>>,
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

pub(super) fn presigned_line(url: &str, term: Term) -> String {
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
    pub status: StoredStatus,
    pub style: &'a str,
    /// The default picture the avatars now stand in for: it stays recorded, and `pfp
    /// restore --default` shows it again.
    pub replaced_picture: Option<&'a str>,
    /// The generated style these replace.
    pub replaced_style: Option<&'a str>,
}

impl<'a> DefaultGenerated<'a> {
    pub fn new(
        style: &'a str,
        replaced_picture: Option<&'a str>,
        replaced_style: Option<&'a str>,
    ) -> Self {
        DefaultGenerated {
            status: StoredStatus::Generated,
            style,
            replaced_picture,
            replaced_style: replaced_style.filter(|s| *s != style),
        }
    }
}

impl Message for DefaultGenerated<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "default"
    }

    fn human(&self, _: Term) -> String {
        let mut line = format!(
            "Users without a picture now get a generated '{}' avatar (made on first use; 'pfp import --fill-defaults' makes them all now).",
            self.style
        );
        if let Some(style) = self.replaced_style {
            line.push_str(&format!(
                " They replace generated '{style}' avatars: 'pfp set-default --generated {style}' brings those back."
            ));
        } else if let Some(key) = self.replaced_picture {
            line.push_str(&format!(
                " The default picture '{key}' stays recorded: 'pfp restore --default' shows it again."
            ));
        }
        line
    }
}

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

/// After a stored picture: the objects it deleted (sizes it dropped, or the owner's
/// pictures replaced more than 7 days ago), said on the terminal as in `--json`'s
/// `deleted`.
pub struct Retired<'a> {
    /// The user's id; None for the default picture.
    pub user: Option<&'a str>,
    pub deleted: &'a [String],
    /// Sizes of the same picture dropped (`updated`), not a previous picture replaced.
    pub resized: bool,
}

impl fmt::Display for Retired<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (first, more) = match self.deleted {
            [] => return Ok(()),
            [first, rest @ ..] => (first, rest.len()),
        };
        let objects = if more == 0 {
            format!("'{first}'")
        } else {
            format!("'{first}' and {}", plural(more as u64, "more", "more"))
        };
        let picture = match self.user {
            Some(user) => format!("picture of user '{user}'"),
            None => "default picture".to_owned(),
        };
        if self.resized {
            write!(f, "Deleted the dropped sizes of the {picture}: {objects}.")
        } else {
            write!(
                f,
                "Deleted {objects}: replaced more than 7 days ago, no longer kept for 'pfp restore'."
            )
        }
    }
}

/// After a stored picture that replaced another: the replaced one is kept, and how to
/// bring it back, so that an upload to the wrong user loses nothing.
pub struct KeptPrevious<'a> {
    /// The user by id (what `pfp restore --user` takes unambiguously, whatever name the
    /// operator used); None for the default picture.
    pub user: Option<&'a str>,
    pub kept: super::KeptPicture<'a>,
}

impl fmt::Display for KeptPrevious<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (picture, again) = super::remove::whose_picture(self.user);
        let kept = super::remove::kept_until(self.kept.until);
        write!(
            f,
            "Replaced the previous {picture}, {}; it is {kept}: 'pfp restore {again}' brings it back.",
            self.kept.named()
        )
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
