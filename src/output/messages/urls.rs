//! `pfp get-url` and `pfp export-urls`.

#[allow(unused_imports)]
use super::prelude::*;
use super::stored::presigned_line;

/// `pfp get-url`: a presigned URL for a user's picture or the default.
#[derive(Serialize)]
pub struct UrlReport<'a> {
    pub user: &'a str,
    /// `user`, `generated`, `default`, `app` (an object the app stored in the bucket) or
    /// `external` (a URL outside it, printed as it is: not presigned).
    pub source: &'a str,
    pub bucket: &'a str,
    pub key: &'a str,
    pub url: &'a str,
    pub presigned_url: &'a str,
    pub expires_in: u64,
    pub expires_at: &'a str,
}

impl Message for UrlReport<'_> {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "url"
    }

    fn human(&self, term: Term) -> String {
        presigned_line(self.presigned_url, term)
    }
}

/// One row of `pfp export-urls` (CSV or NDJSON): data, so no `type`.
#[derive(Serialize)]
pub struct UrlRow<'a> {
    /// The user's id, or for a line of `--users` that names nobody, the line as given.
    pub user: &'a str,
    /// `user`, `generated`, `default`, `none` (no picture at all), `not_found` or
    /// `invalid` (a line of `--users` that names nobody or is not a selector).
    pub source: &'a str,
    /// The size (longest side in pixels) of the rendition served; empty when none. With
    /// `--size N` it differs from N for a picture without that rendition.
    pub size: Option<u32>,
    pub key: &'a str,
    pub url: &'a str,
    pub expires_at: &'a str,
}

/// `export-urls`, after the rows.
pub struct ExportDone {
    pub users: usize,
}

impl fmt::Display for ExportDone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Exported URLs for {}.",
            plural(self.users as u64, "user", "users")
        )
    }
}
