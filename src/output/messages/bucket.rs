//! `pfp bucket init` and `bucket claim`.

#[allow(unused_imports)]
use super::prelude::*;

/// `pfp bucket init`: the bucket is there, created now or before.
#[derive(Serialize)]
pub struct BucketReady<'a> {
    pub bucket: &'a str,
    pub status: BucketStatus,
    /// The store id the bucket carries (see `workflow::identity`).
    pub store_id: &'a str,
}

/// `pfp bucket claim`: the bucket is now the database's store.
#[derive(Serialize)]
pub struct StoreClaimed<'a> {
    pub bucket: &'a str,
    pub store_id: &'a str,
    /// The store the database recorded before, if another.
    pub previous: Option<&'a str>,
    /// Recorded pictures looked for in the bucket, and how many were there.
    pub checked: usize,
    pub found: usize,
    /// Other databases that use the same store.
    pub others: usize,
}

impl Message for StoreClaimed<'_> {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "claim"
    }

    fn human(&self, _: Term) -> String {
        format!(
            "Bucket '{}' (store {}) is this database's store{}; {} of {} checked are in it{}.",
            self.bucket,
            self.store_id,
            self.previous
                .map(|p| format!(", instead of store {p}"))
                .unwrap_or_default(),
            self.found,
            plural(self.checked as u64, "recorded picture", "recorded pictures"),
            crate::workflow::identity::shared_with(self.others)
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BucketStatus {
    Created,
    Exists,
}

impl Message for BucketReady<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "bucket"
    }

    fn human(&self, _: Term) -> String {
        match self.status {
            BucketStatus::Created => format!("Bucket '{}' created.", self.bucket),
            BucketStatus::Exists => format!("Bucket '{}' already exists.", self.bucket),
        }
    }
}
