//! The repairs of `verify --fix`: each finding repaired under the owner lock of its
//! folder after re-checking what the snapshot said, so a repair never undoes what another
//! pfp run committed meanwhile.

use std::time::Duration;

use crate::error::Error;
use crate::store::Store;
use crate::users::{Db, LedgerEntry, PictureKind};
use crate::values::BucketName;
use crate::workflow::keys;

/// What repairing one finding does (or that it is not repaired).
pub enum Repair {
    /// Delete the object if it is still in no ledger entry.
    Orphan { key: String, age: Option<Duration> },
    /// Drop the ledger entry if its objects are still missing; with `recover` (a version
    /// of a missing object is in the bucket), first bring back what the bucket's
    /// versions hold.
    Dangling { id: i64, key: String, recover: bool },
    /// Nothing: an app's picture is the app's (`pfp adopt` takes it over).
    Never,
    /// Rewrite the user's picture column from the ledger.
    Mismatch {
        user: String,
        /// The user's folder in the bucket: what the owner lock is taken on.
        folder: String,
        column: Option<String>,
    },
}

/// Repairs one finding under the owner lock of its folder, re-checking first what the
/// snapshot said: another pfp run may have committed, retired or re-uploaded something
/// since `verify` read the ledger, listed the bucket and read the users. Returns false
/// when the finding was left alone because someone else changed the column meanwhile.
pub async fn repair(
    repair: &Repair,
    store: &Store,
    db: &Db,
    bucket: &BucketName,
) -> Result<bool, Error> {
    match repair {
        Repair::Never => Ok(false),
        Repair::Orphan { key, .. } => {
            db.with_owner_lock(keys::folder_of(key), async {
                // Recorded meanwhile (a publish committed it): not an orphan any more.
                if !crate::workflow::key_in_use(db, key, -1).await? {
                    store.delete(bucket, key).await?;
                }
                Ok(true)
            })
            .await
        }
        Repair::Dangling { id, key, recover } => {
            db.with_owner_lock(keys::folder_of(key), async {
                // Forgotten or re-uploaded meanwhile: nothing left to repair.
                let Some(fresh) = db.entry(*id).await? else {
                    return Ok(true);
                };
                // With `recover`, every missing object of the entry (its sizes) is
                // brought back as the versions have it now: an entry dropped for one
                // size whose version another finding would bring back would lose the
                // picture.
                let mut complete = true;
                for key in fresh.keys() {
                    let stored = if *recover {
                        // One listing of the key's versions says it all: there (its
                        // newest version holds bytes: no markers), hidden by markers to
                        // delete, or gone.
                        match store.hiding_markers(bucket, &key).await? {
                            Some(markers) => {
                                store.remove_markers(bucket, &key, &markers).await?;
                                true
                            }
                            None => false,
                        }
                    } else {
                        store.exists(bucket, &key).await?
                    };
                    if stored {
                        continue;
                    }
                    complete = false;
                    if !*recover {
                        break;
                    }
                }
                if !complete {
                    db.drop_missing(&fresh).await?;
                }
                Ok(true)
            })
            .await
        }
        Repair::Mismatch {
            user,
            folder,
            column,
        } => {
            db.with_owner_lock(folder, async {
                // The ledger as it is now, not as the snapshot had it.
                let target = match db.current(PictureKind::User, user).await? {
                    Some(entry) if all_stored(store, bucket, &entry).await? => {
                        Some(entry.entry.url)
                    }
                    Some(entry) => {
                        db.drop_missing(&entry).await?;
                        None
                    }
                    None => None,
                };
                if db
                    .repair_picture_column(user, column.as_deref(), target.as_deref())
                    .await?
                {
                    return Ok(true);
                }
                // The column changed since the snapshot: fine if it now agrees.
                Ok(db.picture_column(user).await? == target)
            })
            .await
        }
    }
}

/// Whether every object of `entry` is in the bucket.
pub async fn all_stored(
    store: &Store,
    bucket: &BucketName,
    entry: &LedgerEntry,
) -> Result<bool, Error> {
    for key in entry.keys() {
        if !store.exists(bucket, &key).await? {
            return Ok(false);
        }
    }
    Ok(true)
}
