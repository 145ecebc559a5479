//! Shared by every command: errors, a cancelled prompt, plural forms.

#[allow(unused_imports)]
use super::prelude::*;

/// "1 user", "2 users".
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Any error, with `--json`.
#[derive(Serialize)]
pub struct ErrorReport<'a> {
    pub kind: &'static str,
    pub exit_code: u8,
    /// Where the error refuses a file (`upload`, `set-default`): the rule it broke.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// And the file, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
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

/// A prompt answered no.
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cancelled; nothing was changed.")
    }
}

/// A command that may make a new database made one (`user add`, `user import`,
/// `set-default`, `bucket claim`): said, since a mistyped `--db` makes one too.
pub struct DatabaseCreated<'a>(pub &'a str);

/// A wait for an owner lock another run holds, said once it has lasted a second:
/// `Waiting for the lock on 'users/…/', held by …`.
pub struct LockWait<'a>(pub &'a str);

impl fmt::Display for LockWait<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for DatabaseCreated<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Created {}.", self.0)
    }
}
