//! Every message pfp prints, one file per command area (as mc keeps `rmMessage` beside
//! `rm`): results are `Serialize` types (their JSON objects, with a `type` added by the
//! printer, are the README's JSON table) with one human form; status lines are `Display`
//! types. The documented lines live here and only here.

mod adopt;
mod bucket;
mod common;
mod config;
mod doctor;
mod import;
mod remove;
mod stored;
mod urls;
mod users;
mod validate;
mod verify;

pub use adopt::*;
pub use bucket::*;
pub use common::*;
pub use config::*;
pub use doctor::*;
pub use import::*;
pub use remove::*;
pub use stored::*;
pub use urls::*;
pub use users::*;
pub use validate::*;
pub use verify::*;

/// What the message files share.
mod prelude {
    pub use std::fmt;

    pub use serde::Serialize;

    pub use super::common::plural;
    pub use crate::error::Kind;
    pub use crate::output::{Message, Stream, Term};
    pub use crate::picture::{Detected, Picture, Processed, Rejection};
    pub use crate::users::{LedgerEntry, SizeEntry, User};
    pub use crate::values::units::{format_duration, format_size};
    pub use crate::values::{FileName, printable};
}

#[cfg(test)]
mod tests {
    use super::prelude::*;
    use super::stored::presigned_line;
    use super::*;
    use crate::output::to_json;

    #[test]
    fn bucket_lines_are_the_documented_ones() {
        let exists = BucketReady {
            bucket: "demo",
            status: BucketStatus::Exists,
            store_id: "3f2a",
        };
        assert_eq!(
            exists.human(Term::default()),
            "Bucket 'demo' already exists."
        );
        let json = to_json(&exists);
        assert_eq!(json["type"], "bucket");
        assert_eq!(json["status"], "exists");
        let created = BucketReady {
            bucket: "demo",
            status: BucketStatus::Created,
            store_id: "3f2a",
        };
        assert_eq!(created.human(Term::default()), "Bucket 'demo' created.");
    }

    #[test]
    fn documented_status_lines() {
        let stored = FileStored {
            file: "njit.jpeg",
            bucket: "demo",
            unchanged: false,
        };
        assert_eq!(
            stored.to_string(),
            "File 'njit.jpeg' successfully uploaded to bucket 'demo'."
        );
        let term = Term {
            stdout_is_terminal: true,
            colour: false,
            stderr_is_terminal: true,
        };
        let url = UrlGenerated {
            name: "njit.jpeg",
            url: "URL",
            term,
        };
        assert_eq!(
            url.to_string(),
            "Generated presigned URL for 'njit.jpeg': URL"
        );
        assert_eq!(presigned_line("URL", term), "Presigned URL: URL");
    }

    #[test]
    fn findings_are_tagged_with_their_kind() {
        let f = Finding::Orphan {
            key: "users/x/a.jpg".into(),
            age_seconds: Some(5),
            fixed: false,
        };
        let json = to_json(&f);
        assert_eq!(json["type"], "finding");
        assert_eq!(json["kind"], "orphan");
        assert_eq!(json["age_seconds"], 5);
    }
}
