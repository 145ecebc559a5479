//! The value types every layer needs, with their parsing and validation: where a setting
//! came from, secrets, the S3 endpoint, the database URL, bucket names, sizes and
//! durations, and text made safe to print. This is the bottom layer: it imports nothing
//! of pfp but `error`.

mod bucket_name;
pub mod column;
pub mod encoding;
#[cfg(target_os = "linux")]
#[cfg(target_os = "linux")]
mod mapped;
pub mod pg;
mod pg_url;
mod pooled;
mod sealed;
mod shard;
pub mod units;

use std::fmt;
use std::path::PathBuf;

pub use bucket_name::BucketName;
pub use column::ColumnPicture;
pub use pg_url::PgUrl;
pub use sealed::Image;
pub use shard::{Shard, in_shard};
pub use units::Expiry;

/// Where a setting's value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    File(PathBuf),
    /// Another tool's configuration: an mc alias, an AWS profile, a libpq password file.
    Borrowed(String),
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(name) => write!(f, "flag {name}"),
            Source::Env(name) => write!(f, "env {name}"),
            Source::File(path) => write!(f, "config file {}", path.display()),
            Source::Borrowed(what) => f.write_str(what),
            Source::Default => f.write_str("default"),
        }
    }
}

/// A value with its origin.
#[derive(Clone, Debug)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Sourced<T> {
    pub fn new(value: T, source: Source) -> Self {
        Sourced { value, source }
    }
}

/// A secret string. It has no `Display`, and its `Debug` never shows the value, so it
/// cannot end up in an error chain, a log line or `{:?}` output by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The only way to read the value: for signing requests, nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(********)")
    }
}

/// The S3 endpoint: a base URL with scheme, host and optional port, nothing else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    url: url::Url,
}

impl Endpoint {
    /// Parses `host:port` (scheme from `use_ssl`, default http) or a full `http(s)://` URL.
    pub fn parse(text: &str, use_ssl: Option<bool>) -> Result<Self, String> {
        let text = text.trim();
        let with_scheme = if text.contains("://") {
            text.to_owned()
        } else {
            let scheme = if use_ssl == Some(true) {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{text}")
        };
        let url = url::Url::parse(&with_scheme).map_err(|e| e.to_string())?;
        if url.scheme() == "s3" {
            // The AWS CLI's and rclone's way to name a bucket, not a server.
            return Err(format!(
                "the scheme must be http or https; s3://{} names a bucket (the AWS CLI's form): give the server's address here (http://HOST:9000) and the bucket with {} or {}",
                printable(url.host_str().unwrap_or_default()),
                crate::error::Setting::Bucket.var(),
                crate::error::Setting::Bucket.name()
            ));
        }
        if !matches!(url.scheme(), "http" | "https") {
            return Err("the scheme must be http or https".into());
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err("a host name is required".into());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!(
                "credentials do not belong in the endpoint; use {} and {}",
                crate::error::Setting::AccessKey.var(),
                crate::error::Setting::SecretKey.var()
            ));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            let segments: Vec<&str> = url
                .path_segments()
                .map(|s| s.filter(|s| !s.is_empty()).collect())
                .unwrap_or_default();
            let mut root = url.clone();
            root.set_path("/");
            root.set_query(None);
            root.set_fragment(None);
            let root = root.as_str().trim_end_matches('/').to_owned();
            return Err(match segments[..] {
                // `http://host:9000/demo`: the bucket in the URL, as a browser shows it.
                [bucket] if url.query().is_none() && url.fragment().is_none() => format!(
                    "the endpoint must not have a path, query or fragment; if '{}' is the bucket, give it with {} or {}, and the endpoint as {}",
                    printable(bucket),
                    crate::error::Setting::Bucket.var(),
                    crate::error::Setting::Bucket.name(),
                    printable(&root)
                ),
                _ => format!(
                    "the endpoint must not have a path, query or fragment: the S3 API is at the root of its server ({})",
                    printable(&root)
                ),
            });
        }
        Ok(Endpoint { url })
    }

    pub fn is_https(&self) -> bool {
        self.url.scheme() == "https"
    }

    /// Whether the host is a loopback address (plain HTTP there is not a risk worth a warning).
    pub fn is_loopback(&self) -> bool {
        match self.url.host() {
            Some(url::Host::Domain(d)) => d == "localhost",
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        }
    }

    /// The host, as the URL writes it (an IPv6 address in brackets).
    pub fn host(&self) -> &str {
        self.url.host_str().unwrap_or_default()
    }

    /// A URL reference (a redirect's `Location`, absolute or relative) resolved against
    /// the endpoint, as a browser resolves it.
    pub fn resolve(&self, reference: &str) -> Option<url::Url> {
        self.url.join(reference).ok()
    }

    /// `scheme://host[:port]` with no trailing slash.
    pub fn as_str(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The user database: an embedded SQLite file or a PostgreSQL server.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    /// The full connection string. It may hold a password, so it is only shown masked.
    Postgres(Secret),
}

const IN_MEMORY: &str = "an in-memory SQLite database would be gone when pfp exits: give a file, e.g. sqlite:/var/lib/pfp/pfp.db";

impl DatabaseUrl {
    pub fn parse(text: &str) -> Result<Self, String> {
        if let Some(path) = text.strip_prefix("sqlite:") {
            let path = path.strip_prefix("//").unwrap_or(path);
            // An app's URL may carry sqlx's options (`sqlite://app.db?mode=rwc`): the
            // file is the part before them, never a file named `app.db?mode=rwc`.
            let (path, options) = path.split_once('?').unwrap_or((path, ""));
            for option in options.split('&').filter(|o| !o.is_empty()) {
                match option {
                    // pfp reads and writes the file either way; it makes a database only
                    // in the commands that add to one (see the README).
                    "mode=rw" | "mode=rwc" | "cache=private" | "cache=shared" => {}
                    "mode=memory" => return Err(IN_MEMORY.into()),
                    "mode=ro" | "immutable=true" | "immutable=1" => {
                        return Err(format!(
                            "'{option}' is not supported: pfp opens its database to write (it migrates its schema, and most commands write)"
                        ));
                    }
                    _ => {
                        return Err(format!(
                            "the SQLite URL option '{}' is not supported (pfp takes mode=rw and mode=rwc, and ignores cache=)",
                            printable(option)
                        ));
                    }
                }
            }
            if path.is_empty() {
                return Err(
                    "a sqlite: URL needs a file path, e.g. sqlite:/var/lib/pfp/pfp.db".into(),
                );
            }
            if path == ":memory:" {
                return Err(IN_MEMORY.into());
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            PgUrl::parse(text)?;
            return Ok(DatabaseUrl::Postgres(Secret::new(text)));
        }
        Err(unrecognised_database_url(text))
    }

    /// The URL with any password replaced by `********`.
    pub fn masked(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => format!("sqlite:{}", path.display()),
            DatabaseUrl::Postgres(secret) => match PgUrl::parse(secret.expose()) {
                Ok(mut parsed) => {
                    let url = &mut parsed.url;
                    if url.password().is_some() {
                        let _ = url.set_password(Some("********"));
                    }
                    // libpq also takes the password as a query parameter.
                    if url.query_pairs().any(|(k, _)| is_password_parameter(&k)) {
                        let pairs: Vec<(String, String)> = url
                            .query_pairs()
                            .map(|(k, v)| {
                                let v = if is_password_parameter(&k) {
                                    "********".to_owned()
                                } else {
                                    v.into_owned()
                                };
                                (k.into_owned(), v)
                            })
                            .collect();
                        url.query_pairs_mut().clear().extend_pairs(pairs);
                    }
                    parsed.shown()
                }
                Err(_) => "postgres://(unparsable)".into(),
            },
        }
    }
}

fn is_password_parameter(name: &str) -> bool {
    matches!(name, "password" | "sslpassword")
}

impl DatabaseUrl {
    /// Whether the connection string itself carries a password.
    pub fn has_password(&self) -> bool {
        match self {
            DatabaseUrl::Sqlite(_) => false,
            DatabaseUrl::Postgres(secret) => PgUrl::parse(secret.expose()).is_ok_and(|parsed| {
                let url = parsed.url;
                url.password().is_some() || url.query_pairs().any(|(k, _)| k == "password")
            }),
        }
    }
}

/// Why a database URL is none pfp takes, and the spelling it takes where one is near:
/// a scheme misspelt (`postgress://`), another program's prefix (JDBC's `jdbc:`,
/// SQLAlchemy's `+psycopg2` driver), another database (`mysql://`), a bare file path.
/// Only the scheme or the path is shown: the rest may hold a password.
fn unrecognised_database_url(text: &str) -> String {
    const EXPECTED: &str = "expected sqlite:PATH or postgres://USER@HOST/DB";
    let trimmed = text.trim();
    if trimmed
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("jdbc:"))
        && ["postgres", "sqlite"]
            .iter()
            .any(|db| trimmed[5..].to_ascii_lowercase().starts_with(db))
    {
        return format!("{EXPECTED}; this is a JDBC URL: leave out 'jdbc:'");
    }
    let Some((scheme, _)) = trimmed.split_once("://") else {
        let path = trimmed;
        let looks_like_a_file = !path.contains(':')
            && (path.contains('/')
                || [".db", ".sqlite", ".sqlite3"]
                    .iter()
                    .any(|end| path.to_ascii_lowercase().ends_with(end)));
        return if looks_like_a_file {
            format!(
                "{EXPECTED}; for the SQLite file '{}' write sqlite:{}",
                printable(path),
                printable(path)
            )
        } else {
            EXPECTED.to_owned()
        };
    };
    let lower = scheme.to_ascii_lowercase();
    if lower != scheme && matches!(lower.as_str(), "postgres" | "postgresql" | "sqlite") {
        return format!("{EXPECTED}; write the scheme in lower case, as libpq reads it: {lower}:");
    }
    let scheme = lower;
    if let Some((base, driver)) = scheme.split_once('+')
        && matches!(base, "postgres" | "postgresql" | "sqlite")
    {
        return format!(
            "{EXPECTED}; '+{}' names a driver (SQLAlchemy's form): write {base}:{}",
            printable(driver),
            if base == "sqlite" { "PATH" } else { "//…" }
        );
    }
    match scheme.as_str() {
        "mysql" | "mariadb" | "mssql" | "sqlserver" | "oracle" | "mongodb" | "redis" => {
            format!("{EXPECTED}: pfp keeps its users in SQLite or PostgreSQL, not {scheme}")
        }
        "sqlite" | "sqlite3" | "file" => format!("{EXPECTED}; write sqlite:PATH"),
        _ => match ["postgres", "postgresql"]
            .into_iter()
            .find(|known| strsim::levenshtein(&scheme, known) <= 2)
        {
            Some(_) if !scheme.is_empty() => format!(
                "{EXPECTED}; '{}://' is not a scheme pfp knows: did you mean postgres://?",
                printable(&scheme)
            ),
            _ => EXPECTED.to_owned(),
        },
    }
}

/// `text` with any `user:password@` before the host replaced, for messages about a
/// value that should never have held credentials.
pub fn without_userinfo(text: &str) -> String {
    let Some((scheme, rest)) = text.split_once("://") else {
        return text.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]),
        None => text.to_owned(),
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// `text` without the byte-order mark (U+FEFF) that Windows editors and Excel's "CSV
/// UTF-8" put at the start of a file: it is invisible, so a first line that kept it
/// would name nobody while looking right in every message.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// `text` composed (Unicode NFC: `é` as one character, not `e` and a combining accent),
/// the form pfp stores names in, so that two users cannot hold names that differ only
/// in their composition and look the same in every list. ASCII is returned as it is.
pub fn composed(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization as _;
    if text.is_ascii() || unicode_normalization::is_nfc(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// A time pfp stored to the microsecond (`2026-12-07T01:28:47.731770Z`, so that the
/// pictures kept for `pfp restore` keep their order), for a human line: to the second,
/// as every other time pfp shows. `--json` carries the stored value.
pub fn to_the_second(at: &str) -> String {
    match at.split_once('.') {
        Some((whole, fraction))
            if whole.len() == 19
                && whole.as_bytes()[10] == b'T'
                && fraction.len() > 1
                && fraction.ends_with('Z')
                && fraction[..fraction.len() - 1]
                    .bytes()
                    .all(|b| b.is_ascii_digit()) =>
        {
            format!("{whole}Z")
        }
        _ => at.to_owned(),
    }
}

/// `text` with control characters and bidirectional overrides shown as escapes (`\u{1b}`),
/// so a hostile file name can neither move the cursor, recolour the terminal, forge a
/// line of output nor reorder what is shown. Every file name a message shows goes
/// through here.
pub fn printable(text: &str) -> String {
    escaped_where(text, hostile).into_owned()
}

/// `text` for a human line: as [`printable`], but newlines and tabs kept, which are a
/// multi-line message's and a tab-separated row's own structure. The printer puts every
/// human line through here, so that a value from a stranger (a nickname that an app's
/// user chose, a line of an operator's list, a server's error message) can neither
/// retitle nor clear the operator's terminal; values that are cells of a row are escaped
/// with [`printable`] where the row is made, so that their tabs and newlines cannot
/// forge cells or rows.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    escaped_where(text, |c| hostile(c) && c != '\n' && c != '\t')
}

/// `text` with each character that `escape` picks shown as `\u{…}`.
fn escaped_where(text: &str, escape: impl Fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(&escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escape(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    std::borrow::Cow::Owned(shown)
}

/// What a terminal would act on rather than show: control characters (C0, DEL, C1) and
/// the bidirectional overrides and isolates.
pub fn hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A file's name, as given and as shown: a human line shows it with [`printable`]'s
/// escapes, `--json` carries it exactly (the JSON writer escapes what a terminal would
/// act on as `\uXXXX`, which a JSON reader turns back into the same name), so that a
/// script gets back a name it can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileName {
    exact: String,
    shown: String,
}

impl FileName {
    pub fn new(exact: String) -> FileName {
        let shown = printable(&exact);
        FileName { exact, shown }
    }

    /// The name of a path argument (`stdin` for `-`); a name that is not UTF-8 has its
    /// stray bytes replaced (U+FFFD).
    pub fn of_path(path: &std::path::Path) -> FileName {
        if path == std::path::Path::new("-") {
            FileName::new("stdin".to_owned())
        } else {
            FileName::new(path.display().to_string())
        }
    }

    pub fn exact(&self) -> &str {
        &self.exact
    }

    /// The name for a message: control characters escaped.
    pub fn shown(&self) -> &str {
        &self.shown
    }
}

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

impl serde::Serialize for FileName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.exact)
    }
}

#[cfg(test)]
mod tests {
    use super::to_the_second;

    #[test]
    fn stored_times_are_shown_to_the_second() {
        assert_eq!(
            to_the_second("2026-12-07T01:28:47.731770Z"),
            "2026-12-07T01:28:47Z"
        );
        // Already to the second, or not a time pfp wrote: as it is.
        for as_is in [
            "2026-12-07T01:28:47Z",
            "",
            "v1.2Z",
            "a.Z",
            "2026-12-07T01:28:47.7x1Z",
        ] {
            assert_eq!(to_the_second(as_is), as_is);
        }
    }
}
