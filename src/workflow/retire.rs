//! Retiring pictures a change replaced, and erasing a user's: the deletions, each
//! re-checked under the owner lock.

use super::{RETAIN, Target, folder, key_in_use, keys};
use crate::error::Error;
use crate::store::Store;
use crate::users::{Db, LedgerEntry, PictureKind};
use crate::values::BucketName;

/// What [`retire`] did.
#[derive(Clone, Debug, Default)]
pub struct Retired {
    /// Objects deleted.
    pub deleted: Vec<String>,
    /// Objects that could not be deleted, in words.
    pub warnings: Vec<String>,
    /// For an erasure in a bucket that keeps versions: the versions of the deleted
    /// objects that held bytes, all deleted too.
    pub versions: Option<usize>,
    /// What the operator should know that did not stop the deletions, in words.
    pub notes: Vec<String>,
    /// The kind of the first deletion that failed (a warning says which and why): an
    /// erasure (`remove --purge`) that left an object exits with it.
    pub failure: Option<crate::error::Kind>,
}

impl Retired {
    /// Retiring the pictures a committed change replaced failed with `e`: a warning, never
    /// an error for the change, which happened (`verify --fix` finishes the work).
    pub fn failed(e: &Error) -> Retired {
        Retired {
            warnings: vec![format!(
                "the pictures replaced earlier were not removed: {e} (run 'pfp verify --fix' later)"
            )],
            failure: Some(e.kind()),
            ..Retired::default()
        }
    }
}

/// Deletes the objects of entries that are no longer current (but not those in `keep`),
/// then forgets the entries. The caller holds the owner lock of the entries' folder, so
/// the re-checks here see every commit of every other pfp run: an entry made current
/// again meanwhile, or an object another entry still records, is left alone.
pub async fn retire(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    previous: &[LedgerEntry],
    keep: &[&str],
) -> Result<Retired, Error> {
    retire_with(store, db, bucket, previous, keep, None).await
}

/// As [`retire`], for an erasure (`remove --purge`, `user delete`): in a bucket that
/// keeps versions, where a DELETE only hides an object behind a delete marker, every
/// version of each object goes too, so that nothing of the picture stays
/// ([`crate::store::Store::delete_every_version`]).
///
/// `unrecorded` (see [`unrecorded`]) go too, those no entry records still.
pub async fn erase(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    previous: &[LedgerEntry],
    unrecorded: &[String],
) -> Result<Retired, Error> {
    retire_with(store, db, bucket, previous, &[], Some(unrecorded)).await
}

/// The objects of pfp's naming in `folder` (a user's, `users/<uuid>/`) that no ledger
/// entry records: what an upload left when its commit failed (the database lost
/// mid-upload leaves the object, as it cannot be asked whether the commit happened), or
/// pictures a database restored from a backup no longer records. They are the user's
/// pictures all the same, and an erasure deletes them with the rest (`verify --fix`
/// would, only after `--grace`, and never in a shared store). The caller holds the
/// folder's owner lock, so no pfp upload is between its first request and its commit
/// there. Objects of other naming (an app's) are not pfp's, and stay.
///
/// In a store other databases use too (`shared`), none is to be deleted: a copy of
/// this database (a staging copy claiming the same bucket) has the same users, and
/// its uploads write to the same folders, recorded in its ledger alone. They are
/// counted instead, so that the erasure says what it left.
pub async fn unrecorded(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    folder: &str,
    shared: bool,
) -> Result<Unrecorded, Error> {
    let mut found = Unrecorded::default();
    let mut token = None;
    loop {
        let page = store.list_page(bucket, folder, token.as_deref()).await?;
        for (key, _) in &page.objects {
            if keys::is_pfps(key) && !key_in_use(db, key, -1).await? {
                match shared {
                    false => found.keys.push(key.clone()),
                    true => found.left += 1,
                }
            }
        }
        match page.next {
            Some(next) => token = Some(next),
            None => return Ok(found),
        }
    }
}

/// See [`unrecorded`]: the objects to erase, or how many were left in a shared store.
#[derive(Debug, Default)]
pub struct Unrecorded {
    pub keys: Vec<String>,
    pub left: usize,
}

/// `erase`: Some(the unrecorded objects to delete as well), every version of each.
async fn retire_with(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    previous: &[LedgerEntry],
    keep: &[&str],
    erase: Option<&[String]>,
) -> Result<Retired, Error> {
    let mut retired = Retired::default();
    let unrecorded = erase.unwrap_or_default();
    if erase.is_some() && !(previous.is_empty() && unrecorded.is_empty()) {
        match store.versioning(bucket).await {
            Ok(versioning) if versioning.keeps_versions() => retired.versions = Some(0),
            Ok(_) => {}
            // A key allowed object operations only (least privilege) still erases the
            // objects; whether versions of them stay, it cannot tell, and says so.
            Err(e) if e.kind() == crate::error::Kind::Denied => retired.notes.push(format!(
                "whether bucket '{bucket}' keeps versions, the keys may not ask (access denied): if it does, earlier versions of the erased objects stay; to erase those too, the keys need s3:GetBucketVersioning, s3:ListBucketVersions and s3:DeleteObjectVersion"
            )),
            Err(e) => return Err(e),
        }
    }
    // The bucket's default retention, once a deletion was refused.
    let mut locked: Option<Option<String>> = None;
    for entry in previous {
        if db.is_current(entry.id).await? {
            continue;
        }
        let mut all_gone = true;
        for key in entry.keys() {
            if keep.contains(&key.as_str()) || key_in_use(db, &key, entry.id).await? {
                continue;
            }
            all_gone &= delete_retired(store, bucket, key, &mut retired, &mut locked).await;
        }
        if all_gone {
            db.forget(entry.id).await?;
        }
    }
    for key in unrecorded {
        if !key_in_use(db, key, -1).await? {
            delete_retired(store, bucket, key.clone(), &mut retired, &mut locked).await;
        }
    }
    Ok(retired)
}

/// Deletes `key` for [`retire_with`] (every version of it when `retired.versions`
/// counts them), recording it as deleted, or the failure and its warning. `locked`: the
/// bucket's default retention, asked once a run after a refusal. True when deleted.
async fn delete_retired(
    store: &Store,
    bucket: &BucketName,
    key: String,
    retired: &mut Retired,
    locked: &mut Option<Option<String>>,
) -> bool {
    let deleted = match &mut retired.versions {
        Some(count) => store
            .delete_every_version(bucket, &key)
            .await
            .map(|n| *count += n),
        None => store.delete(bucket, &key).await,
    };
    let e = match deleted {
        Ok(()) => {
            retired.deleted.push(key);
            return true;
        }
        Err(e) => e,
    };
    retired.failure.get_or_insert(e.kind());
    // Refused: an object lock keeps it (asked once a run), which no later run changes
    // before its retention ends, and no key mends.
    if e.kind() == crate::error::Kind::Denied && locked.is_none() {
        *locked = Some(store.default_retention(bucket).await.ok().flatten());
    }
    retired.warnings.push(match locked.as_ref().and_then(Option::as_deref) {
        Some(retention) if e.kind() == crate::error::Kind::Denied => format!(
            "the object '{key}' was not deleted: the bucket's object lock keeps each object for a time after its upload ({retention}), and the server refused (access denied); it stays recorded as a replaced picture, which 'pfp verify --fix' deletes once it was replaced more than 7 days ago and the retention has passed"
        ),
        _ => format!(
            "the previous picture's object '{key}' was not deleted: {e} (run 'pfp verify --fix' later)"
        ),
    });
    false
}

/// Deletes `owner`'s pictures replaced more than [`RETAIN`] ago (but no object in
/// `keep`), as [`retire`] does, and forgets the app's pictures (column values) replaced
/// as long ago. The caller holds the owner lock of the folder.
pub async fn prune(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    owner: Target<'_>,
    keep: &[&str],
) -> Result<Retired, Error> {
    let cutoff = crate::users::ago(RETAIN);
    if let Target::User(user) = owner {
        db.prune_kept_values(Some(user), &cutoff).await?;
    }
    let expired: Vec<LedgerEntry> = db
        .retained(owner)
        .await?
        .into_iter()
        .filter(|e| e.retired_at.as_deref().is_some_and(|at| *at < *cutoff))
        .collect();
    if expired.is_empty() {
        return Ok(Retired::default());
    }
    retire(store, db, bucket, &expired, keep).await
}

/// What [`remove`] did.
#[derive(Clone, Debug)]
pub struct Removal {
    /// The removed picture's key, kept for `pfp restore` for [`RETAIN`]; None where the
    /// user had no picture any more (another run removed it meanwhile).
    pub kept: Option<String>,
    /// What went with it: the user's pictures replaced or removed longer ago than that.
    pub pruned: Retired,
}

/// `pfp remove` of `user`'s picture, if it is still the one whose key is `expected`:
/// under the owner lock of the user's folder, the column is cleared first (the database
/// never points at an object that is gone), the picture kept for [`RETAIN`] as a
/// replaced one is, and what was replaced or removed longer ago pruned. `None`: another
/// run stored another picture meanwhile, which is not what the caller was asked to
/// remove, and nothing changed (one that removed it meanwhile did what was asked). The removal is committed before the pruning, so a
/// failure of that is a warning in [`Removal::pruned`], never an error.
pub async fn remove(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    user: &crate::users::User,
    expected: &str,
) -> Result<Option<Removal>, Error> {
    db.with_owner_lock(&folder(Target::User(user)), async {
        // A picture gone meanwhile (another run removed it) is what was asked for.
        let current = db.current(PictureKind::User, &user.id).await?;
        if current.as_ref().is_some_and(|c| c.key != expected) {
            return Ok(None);
        }
        let Some(previous) = db.clear(user, current.map(|c| c.id)).await? else {
            return Ok(None);
        };
        let pruned = prune(store, db, bucket, Target::User(user), &[])
            .await
            .unwrap_or_else(|e| Retired::failed(&e));
        Ok(Some(Removal {
            kept: previous.first().map(|e| e.key.clone()),
            pruned,
        }))
    })
    .await
}
