//! S3 bucket naming rules, checked before any request is made.

use std::fmt;

use crate::error::Error;

/// A bucket name that follows the S3 general-purpose bucket naming rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BucketName(String);

impl BucketName {
    /// Checks `name` against the S3 rules and names the first rule it breaks.
    pub fn parse(name: &str) -> Result<Self, Error> {
        if let Some(rule) = broken_rule(name) {
            let error = Error::invalid(format!(
                "invalid bucket name '{}': {rule}",
                super::printable(name)
            ));
            return Err(match meant(name) {
                Some(name) => error.hint(format!("did you mean '{name}'?")),
                None => error,
            });
        }
        Ok(BucketName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BucketName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The valid name a refused one likely means: the bucket of an AWS CLI URL (`s3://demo`)
/// or of a path (`demo/users`), a name in capitals (`Demo`).
fn meant(name: &str) -> Option<String> {
    let trimmed = name.trim();
    let bare = match trimmed.get(..5) {
        Some(scheme) if scheme.eq_ignore_ascii_case("s3://") => &trimmed[5..],
        _ => trimmed,
    };
    let candidate = bare.split('/').next()?.to_ascii_lowercase();
    (candidate != name && broken_rule(&candidate).is_none()).then_some(candidate)
}

fn broken_rule(name: &str) -> Option<&'static str> {
    const PREFIXES: [&str; 3] = ["xn--", "sthree-", "amzn-s3-demo-"];
    const SUFFIXES: [&str; 5] = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];
    let bytes = name.as_bytes();
    if !(3..=63).contains(&bytes.len()) {
        return Some("bucket names must be between 3 and 63 characters long");
    }
    if !bytes
        .iter()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'.' || *b == b'-')
    {
        return Some(
            "bucket names may contain only lowercase letters, digits, dots (.) and hyphens (-)",
        );
    }
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return Some("bucket names must begin and end with a letter or a digit");
    }
    if name.contains("..") {
        return Some("bucket names must not contain two adjacent dots");
    }
    if name.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some("bucket names must not be formatted as an IP address");
    }
    if PREFIXES.iter().any(|p| name.starts_with(p)) {
        return Some("bucket names must not start with 'xn--', 'sthree-' or 'amzn-s3-demo-'");
    }
    if SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return Some(
            "bucket names must not end with '-s3alias', '--ol-s3', '.mrap', '--x-s3' or '--table-s3'",
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_a_path_or_capitals_name_the_bucket_meant() {
        for (given, meant) in [
            ("s3://demo", Some("demo")),
            ("S3://demo/users/", Some("demo")),
            ("demo/", Some("demo")),
            ("Profile-Pictures", Some("profile-pictures")),
            ("a_b", None),
        ] {
            let err = BucketName::parse(given).unwrap_err().to_string();
            match meant {
                Some(name) => assert!(err.ends_with(&format!("; did you mean '{name}'?")), "{err}"),
                None => assert!(!err.contains("did you mean"), "{err}"),
            }
        }
    }

    #[test]
    fn accepts_ordinary_names() {
        for ok in ["demo", "my-bucket", "a.b.c", "123", "profile-pictures-2026"] {
            assert!(BucketName::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn names_the_rule_that_is_broken() {
        let cases = [
            ("ab", "between 3 and 63"),
            (&"a".repeat(64), "between 3 and 63"),
            ("My_Bucket", "lowercase letters"),
            ("-demo", "begin and end"),
            ("demo.", "begin and end"),
            ("a..b", "two adjacent dots"),
            ("192.168.1.1", "IP address"),
            ("xn--demo", "must not start"),
            ("demo-s3alias", "must not end"),
        ];
        for (name, rule) in cases {
            let msg = BucketName::parse(name).unwrap_err().to_string();
            assert!(msg.contains(rule), "{name}: {msg}");
            assert!(msg.contains(&format!("'{name}'")), "{name}: {msg}");
        }
        // A name from a file or a secret with its newline (`echo demo > name`): the
        // newline shown, not printed (it broke the error's line in two).
        let msg = BucketName::parse("demo\n").unwrap_err().to_string();
        assert!(
            msg.starts_with("invalid bucket name 'demo\\u{a}': "),
            "{msg}"
        );
    }
}
