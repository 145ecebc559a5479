//! Error kinds and the exit codes they map to.
//!
//! Every failure that a user (or a script) must be able to tell apart carries a [`Kind`];
//! the exit code is derived from it in exactly one place ([`Kind::exit_code`]), and the
//! README's table is written from the same list. Errors without a kind are internal (1).

use std::fmt;

/// What went wrong, as far as the caller needs to know: one kind per exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A bug or an unexpected state inside pfp (exit 1).
    Internal,
    /// `verify` found the database and the bucket out of step (exit 1, as `diff` exits 1
    /// when its inputs differ): its findings were reported, nothing is wrong with pfp.
    Findings,
    /// Stopped by Ctrl-C (exit 130, as shells report SIGINT).
    Interrupted,
    /// The command line was malformed (exit 2, clap's own code).
    Usage,
    /// A user, object, bucket or file that does not exist (exit 3).
    NotFound,
    /// An image or a value that breaks a rule (exit 4).
    Invalid,
    /// The server or database did not answer, or timed out; safe to retry (exit 5).
    Unavailable,
    /// Access denied or bad credentials (exit 6).
    Denied,
    /// The configuration is incomplete or contradicts itself (exit 7).
    Config,
}

impl Kind {
    /// The process exit code for this kind. The README's exit-code table mirrors this.
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Internal | Kind::Findings => 1,
            Kind::Interrupted => EXIT_INTERRUPTED,
            Kind::Usage => 2,
            Kind::NotFound => 3,
            Kind::Invalid => 4,
            Kind::Unavailable => 5,
            Kind::Denied => 6,
            Kind::Config => 7,
        }
    }

    /// A stable, machine-readable name used in `--json` error objects.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Internal => "internal",
            Kind::Findings => "findings",
            Kind::Interrupted => "interrupted",
            Kind::Usage => "usage",
            Kind::NotFound => "not_found",
            Kind::Invalid => "invalid",
            Kind::Unavailable => "unavailable",
            Kind::Denied => "denied",
            Kind::Config => "config",
        }
    }
}

/// Exit code for a run interrupted by Ctrl-C (128 + SIGINT), as shells report it.
pub const EXIT_INTERRUPTED: u8 = 130;

/// The footer of `pfp --help`: the exit-code table, in the same words as the README.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  internal error (a bug in pfp: please report it); verify: not clean
  2  usage error (unknown flag, missing argument)
  3  not found (user, object, bucket, file)
  4  invalid input (image or value rejected)
  5  unavailable or timed out (safe to retry)
  6  access denied or bad credentials
  7  configuration error
  130  interrupted (Ctrl-C)";

/// An error that knows its kind. Context added with `anyhow` on top keeps the kind:
/// `main` looks for the innermost `Error` in the chain.
#[derive(Debug, thiserror::Error)]
pub struct Error {
    kind: Kind,
    message: String,
    hint: Option<String>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds what the user should check or run next; printed after the message.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(Kind::Invalid, message)
    }

    pub fn config(message: impl Into<String>) -> Self {
        Error::new(Kind::Config, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Error::new(Kind::NotFound, message)
    }

    /// An exit status whose reasons were already reported (e.g. per-file verdicts):
    /// `main` prints nothing more for it.
    pub fn silent(kind: Kind) -> Self {
        Error::new(kind, "")
    }

    pub fn is_silent(&self) -> bool {
        self.message.is_empty()
    }
}

/// Whether the error was already reported (see [`Error::silent`]).
pub fn is_silent(err: &anyhow::Error) -> bool {
    err.chain()
        .find_map(|e| e.downcast_ref::<Error>())
        .is_some_and(Error::is_silent)
}

/// The kind of an error chain: the first pfp [`Error`] found in it, else internal.
pub fn kind_of(err: &anyhow::Error) -> Kind {
    err.chain()
        .find_map(|e| e.downcast_ref::<Error>())
        .map_or(Kind::Internal, Error::kind)
}

/// The innermost cause of an error chain, which is what a person can act on
/// ("Connection refused (os error 111)") rather than the outer "error sending request".
pub fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

pub type Result<T, E = anyhow::Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context as _;

    #[test]
    fn kind_survives_added_context() {
        let err: anyhow::Error = Err::<(), _>(Error::not_found("user '42' not found"))
            .context("looking up the user")
            .unwrap_err();
        assert_eq!(kind_of(&err), Kind::NotFound);
        assert_eq!(kind_of(&err).exit_code(), 3);
    }

    #[test]
    fn errors_without_a_kind_are_internal() {
        let err = anyhow::anyhow!("boom");
        assert_eq!(kind_of(&err).exit_code(), 1);
    }

    #[test]
    fn help_footer_lists_every_exit_code() {
        for kind in [
            Kind::Internal,
            Kind::Usage,
            Kind::NotFound,
            Kind::Invalid,
            Kind::Unavailable,
            Kind::Denied,
            Kind::Config,
        ] {
            let line = format!("  {}  ", kind.exit_code());
            assert!(EXIT_CODES_HELP.contains(&line), "missing {line:?}");
        }
    }
}
