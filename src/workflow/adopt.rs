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

/// The app's picture that is the user's picture, whatever pfp records: with no picture
/// of pfp's (`over_pfps` false), any the column holds ([`app_picture`]); over pfp's
/// current picture (`over_pfps`: the column, passed only when it is not that picture's
/// URL, was written since by an app that still uploads the old way), only one in the
/// bucket, the newer picture that `pfp adopt` takes and `verify --fix` never reverts. So
/// what pfp hands out and shows is what `adopt` would leave. A URL outside the bucket
/// written over pfp's picture is a mismatch that `verify --fix` rewrites from the ledger:
/// pfp's picture stands.
pub fn app_picture_over(
    column: Option<&str>,
    over_pfps: bool,
    endpoints: &[&Endpoint],
    bucket: &BucketName,
) -> Option<ColumnPicture> {
    app_picture(column, endpoints, bucket)
        .filter(|picture| !over_pfps || matches!(picture, ColumnPicture::InBucket { .. }))
}
