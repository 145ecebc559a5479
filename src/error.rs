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
    /// Stopped by SIGTERM (exit 143, as shells report it): `kill`, `timeout`, Kubernetes.
    Terminated,
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
            Kind::Terminated => EXIT_TERMINATED,
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
            Kind::Terminated => "terminated",
            Kind::Usage => "usage",
            Kind::NotFound => "not_found",
            Kind::Invalid => "invalid",
            Kind::Unavailable => "unavailable",
            Kind::Denied => "denied",
            Kind::Config => "config",
        }
    }
}

/// A setting or flag a message points the user to. Lower layers carry this value, never
/// a flag or variable name typed into their text: the names are declared here, once, and
/// `cli/spec.rs` declares the global settings from the same names (a unit test checks
/// every flag here exists in the command line), so renaming one touches one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Endpoint,
    PublicEndpoint,
    AppEndpoints,
    UseSsl,
    AccessKey,
    SecretKey,
    Bucket,
    Database,
    CaCert,
    Timeout,
    LockTimeout,
    Formats,
    MaxSize,
    MaxPixels,
    MaxWidth,
    MaxHeight,
    MaxFrames,
    UserBy,
    Expires,
    Shard,
    Grace,
    Region,
}

impl Setting {
    /// Every one, for the test that checks the names against the command line.
    pub const ALL: [Setting; 22] = [
        Setting::Endpoint,
        Setting::PublicEndpoint,
        Setting::AppEndpoints,
        Setting::UseSsl,
        Setting::AccessKey,
        Setting::SecretKey,
        Setting::Bucket,
        Setting::Database,
        Setting::CaCert,
        Setting::Timeout,
        Setting::LockTimeout,
        Setting::Formats,
        Setting::MaxSize,
        Setting::MaxPixels,
        Setting::MaxWidth,
        Setting::MaxHeight,
        Setting::MaxFrames,
        Setting::UserBy,
        Setting::Expires,
        Setting::Shard,
        Setting::Grace,
        Setting::Region,
    ];

    /// Its flag (`--timeout`), if it has one.
    pub const fn flag(self) -> Option<&'static str> {
        Some(match self {
            Setting::Endpoint => "--endpoint",
            Setting::PublicEndpoint => "--public-endpoint",
            Setting::AppEndpoints => "--app-endpoints",
            Setting::UseSsl => return None,
            Setting::AccessKey => "--access-key",
            Setting::SecretKey => "--secret-key-file",
            Setting::Bucket => "--bucket",
            Setting::Database => "--db",
            Setting::CaCert => "--ca-cert",
            Setting::Timeout => "--timeout",
            Setting::LockTimeout => "--lock-timeout",
            Setting::Formats => "--formats",
            Setting::MaxSize => "--max-size",
            Setting::MaxPixels => "--max-pixels",
            Setting::MaxWidth => "--max-width",
            Setting::MaxHeight => "--max-height",
            Setting::MaxFrames => "--max-frames",
            Setting::UserBy => "--user-by",
            Setting::Expires => "--expires",
            Setting::Shard => "--shard",
            Setting::Grace => "--grace",
            Setting::Region => "--region",
        })
    }

    /// The environment variables that set it, in order of precedence.
    pub const fn env(self) -> &'static [&'static str] {
        match self {
            Setting::Endpoint => &["MINIO_ENDPOINT"],
            Setting::PublicEndpoint => &["MINIO_PUBLIC_ENDPOINT"],
            Setting::AppEndpoints => &["MINIO_APP_ENDPOINTS"],
            Setting::UseSsl => &["MINIO_USE_SSL"],
            Setting::AccessKey => &["MINIO_ACCESS_KEY", "MINIO_ROOT_USER"],
            Setting::SecretKey => &["MINIO_SECRET_KEY", "MINIO_ROOT_PASSWORD"],
            Setting::Bucket => &["MINIO_BUCKET_NAME"],
            Setting::Database => &["DATABASE_URL"],
            Setting::Region => &["MINIO_REGION"],
            Setting::LockTimeout => &["PFP_LOCK_TIMEOUT"],
            _ => &[],
        }
    }

    /// The flag, for a message (`--timeout`); the first variable for one without.
    pub fn name(self) -> &'static str {
        match (self.flag(), self.env().first()) {
            (Some(flag), _) => flag,
            (None, Some(var)) => var,
            (None, None) => "",
        }
    }

    /// The first variable, else the flag (`MINIO_ENDPOINT`).
    pub fn var(self) -> &'static str {
        self.env().first().copied().unwrap_or_else(|| self.name())
    }

    /// Both ways to set it, for a hint: `--bucket or MINIO_BUCKET_NAME`.
    pub fn ways(self) -> String {
        match (self.flag(), self.env().first()) {
            (Some(flag), Some(var)) => format!("{flag} or {var}"),
            _ => self.name().to_owned(),
        }
    }
}

/// Exit code for a run interrupted by Ctrl-C (128 + SIGINT), as shells report it.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Exit code for a run stopped by SIGTERM (128 + SIGTERM), as shells report it.
pub const EXIT_TERMINATED: u8 = 143;

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
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)";

/// An error that knows its kind. Context added with `anyhow` on top keeps the kind:
/// `main` looks for the innermost `Error` in the chain.
#[derive(Debug, thiserror::Error)]
pub struct Error {
    kind: Kind,
    message: String,
    hint: Option<String>,
    /// The other side's own code for the error, for a caller that acts on one
    /// (PostgreSQL's SQLSTATE); never printed, the message carries it.
    code: Option<Box<str>>,
    /// The file a refusal is about and the rule it broke, for `--json` (the message
    /// names both for a person).
    subject: Option<Box<Subject>>,
}

/// The file an error refuses and the rule it broke (`validate`'s rule names, with
/// `missing` and `unreadable`): `upload` and `set-default` refusing their file say it in
/// their `--json` error object as `validate`'s verdict does, so a script need not parse
/// the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    /// The name exactly as given (`--json` escapes what a terminal would act on).
    pub file: String,
    pub rule: &'static str,
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

/// What to do when the machine's limits, not a file, stopped the work: pfp's own
/// processes, pipes and open files (the decoder's child per file, a connection and a
/// file's memory per file in flight).
pub const STARVED_HINT: &str = "raise the limits pfp runs under (ulimit -n for open files, -u for processes, -v for memory), or lower --jobs";

/// PostgreSQL's SQLSTATE connection_failure, for a session that was open and is gone
/// (tokio-postgres gives no code of its own for it).
pub const CONNECTION_FAILURE: &str = "08006";

/// Whether `err` says the database session is gone (closed under pfp, or ended by the
/// server: a shutdown, `pg_terminate_backend`, a failover), so that every statement
/// after it on that session fails the same way.
pub fn connection_lost(err: &Error) -> bool {
    matches!(err.code(), Some(CONNECTION_FAILURE | "57P01" | "57P02"))
}

/// Whether an error is the machine's limits running out (processes, descriptors,
/// memory), not a fault of the file's or of pfp's.
pub fn out_of_resources(e: &std::io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EMFILE | libc::ENFILE | libc::EAGAIN | libc::ENOMEM)
    )
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            code: None,
            subject: None,
        }
    }

    /// Records the file this error refuses and the rule it broke (see [`Subject`]).
    pub fn about_file(mut self, file: impl Into<String>, rule: &'static str) -> Self {
        self.subject = Some(Box::new(Subject {
            file: file.into(),
            rule,
        }));
        self
    }

    pub fn subject(&self) -> Option<&Subject> {
        self.subject.as_deref()
    }

    /// Adds to the message (before the hint): what happened on the way to the error.
    pub fn append(mut self, extra: &str) -> Self {
        self.message.push_str(extra);
        self
    }

    /// Adds what the user should check or run next; printed after the message.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Records the other side's code for the error (see [`Error::code`]).
    pub fn with_code(mut self, code: &str) -> Self {
        self.code = Some(code.into());
        self
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The other side's code for the error, where it gave one: PostgreSQL's SQLSTATE.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
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

/// The file and rule of an error chain's first pfp [`Error`], where it refuses a file.
pub fn subject_of(err: &anyhow::Error) -> Option<&Subject> {
    err.chain()
        .find_map(|e| e.downcast_ref::<Error>())
        .and_then(Error::subject)
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

/// What a person can do about a certificate that the TLS library refused, in words,
/// for the refusals it names only by a code.
pub fn certificate_advice(cause: &str) -> Option<&'static str> {
    if cause.contains("CaUsedAsEndEntity") {
        // OpenSSL's `req -x509` marks the certificate it makes as a CA's
        // (basicConstraints CA:TRUE), as the PostgreSQL and MinIO guides make one.
        return Some(
            "the server's certificate is itself a CA certificate (basicConstraints CA:TRUE, what 'openssl req -x509' makes by default), which pfp's TLS library (rustls) does not accept as a server's own, trusted or not: give the server a certificate made with '-addext basicConstraints=critical,CA:FALSE', or one signed by a CA that --ca-cert or sslrootcert names",
        );
    }
    if cause.contains("UnknownIssuer") {
        return Some(
            "the server's certificate is not signed by a CA pfp trusts: name that CA's certificate (PEM) with --ca-cert (S3) or sslrootcert (PostgreSQL)",
        );
    }
    None
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
