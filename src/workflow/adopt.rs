//! Pictures an app stored itself before pfp came: how pfp sees them (never as "no
//! picture", never cleared by `verify --fix`) and how `pfp adopt` takes them over.

use crate::values::column::{ColumnPicture, classify};
use crate::values::{BucketName, Endpoint};
use crate::workflow::keys;

/// What a user's picture column holds when pfp has no picture recorded for the user and
/// the value is not one pfp writes (an object of pfp's naming is pfp's, its ledger entry
/// lost: `verify`'s business; any other object in the bucket, under pfp's prefixes too,
/// is the app's). None for an empty column.
pub fn app_picture(
    column: Option<&str>,
    endpoints: &[&Endpoint],
    bucket: &BucketName,
) -> Option<ColumnPicture> {
    let value = column?.trim();
    if value.is_empty() {
        return None;
    }
    let picture = classify(value, endpoints, bucket);
    match &picture {
        ColumnPicture::InBucket { key } if keys::is_pfps(key) => None,
        _ => Some(picture),
    }
}
