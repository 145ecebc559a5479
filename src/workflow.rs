//! The order of effects that keeps the bucket and the database consistent, shared by
//! `upload`, `set-default` and `import`:
//!
//! 1. under the owner lock of the picture's folder, upload the objects that are not in
//!    the bucket yet (content-addressed keys: an object already there has exactly these
//!    bytes; nobody deletes in the folder while the lock is held, so what one HEAD sees
//!    stays true until the commit);
//! 2. in one transaction, record them in the ledger and point the picture column at
//!    the new URL;
//! 3. only then retire the previous picture: its objects and its (no longer current)
//!    ledger entry are kept for [`RETAIN`], so that `pfp restore` can bring it back
//!    after an upload to the wrong user; the owner's pictures replaced longer ago than
//!    that are deleted now (and by `verify --fix`).
//!
//! A failure in 1 or 2 deletes what this run uploaded (best effort) and changes no row,
//! so the database never points at an object that is not in the bucket.

pub mod adopt;
mod generated;
pub mod identity;
pub mod keys;
mod publish;
pub mod repair;
mod restore;
mod retire;

pub use generated::{DEFAULT_STYLE, generated_avatar};
pub use publish::{Expected, Publish, Published, publish};
pub use restore::{Restored, restore};
pub use retire::{Removal, Retired, Unrecorded, erase, prune, remove, retire, unrecorded};

use crate::error::Error;
use crate::picture::Picture;
use crate::users::{Db, NewEntry};
use crate::values::{BucketName, Endpoint};

/// Whose picture this is.
pub use crate::users::Owner as Target;

/// How long a replaced picture is kept (its objects and its ledger entry) for `pfp
/// restore`: as long as the longest presigned URL pfp signs, so a URL handed out for it
/// works until it expires. Then the next change of the same owner, or `verify --fix`,
/// deletes it.
pub const RETAIN: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 60 * 60);

/// A replaced picture, kept.
#[derive(Clone, Debug)]
pub struct Kept {
    /// Its main object's key; for the app's picture (`app`), the column's value.
    pub key: String,
    /// The app's picture, a column value pfp did not write: pfp keeps the value, and
    /// the object it names stays the app's.
    pub app: bool,
    /// When it may be deleted (RFC 3339, UTC); None when it is kept until removed
    /// (`--keep-previous`).
    pub until: Option<String>,
}

/// The unsigned URL recorded in the database: endpoint/bucket/key.
pub fn canonical_url(endpoint: &Endpoint, bucket: &BucketName, key: &str) -> String {
    let mut url = format!("{endpoint}/{bucket}/");
    crate::values::encoding::uri_encode(key, true, &mut url);
    url
}

/// The ledger entry `picture` would get for `target`: keys, sizes and URL.
pub fn plan(
    endpoint: &Endpoint,
    bucket: &BucketName,
    target: Target<'_>,
    picture: &Picture,
    source: &str,
) -> NewEntry {
    let sizes = keys::rendition_keys(&folder(target), picture);
    let main = &sizes[picture.main];
    NewEntry {
        key: main.key.clone(),
        hash: picture.hash().to_owned(),
        mime: picture.mime().to_owned(),
        bytes: main.bytes,
        width: main.width,
        height: main.height,
        url: canonical_url(endpoint, bucket, &main.key),
        sizes,
        source: source.to_owned(),
    }
}

/// The bucket folder of `target`'s objects: what its owner lock serialises.
pub fn folder(target: Target<'_>) -> String {
    match target {
        Target::User(user) => keys::user_folder(user),
        Target::Default => keys::DEFAULTS_PREFIX.to_owned(),
        Target::Generated(_) => keys::GENERATED_PREFIX.to_owned(),
    }
}

/// When a picture replaced now may be deleted.
pub fn expiry_of_now() -> String {
    let retain = chrono::Duration::from_std(RETAIN).unwrap_or(chrono::Duration::MAX);
    (chrono::Utc::now() + retain).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Whether a ledger entry other than `except` (-1: any) records `key`: the entries its
/// name points at, where pfp made the name ([`keys::main_key_of`]).
pub(crate) async fn key_in_use(db: &Db, key: &str, except: i64) -> Result<bool, Error> {
    db.key_in_use(key, keys::main_key_of(key).as_deref(), except)
        .await
}
