//! Publishing a picture in the order of effects the module's head describes ([`publish`]),
//! and undoing what a publish stored when it fails before its commit.

use super::{
    Kept, RETAIN, Retired, Target, expiry_of_now, folder, identity, key_in_use, plan, prune, retire,
};
use crate::error::Error;
use crate::picture::Picture;
use crate::store::{IMMUTABLE, ObjectToPut, Store};
use crate::users::{Db, LedgerEntry, NewEntry};
use crate::values::{BucketName, Endpoint};

/// What `publish` did.
#[derive(Clone, Debug)]
pub struct Published {
    pub entry: NewEntry,
    /// The same picture was already current: nothing was uploaded or changed.
    pub unchanged: bool,
    /// The same picture was current with other sizes: the missing ones were uploaded,
    /// the dropped ones retired.
    pub updated: bool,
    /// Objects uploaded by this run.
    pub uploaded: Vec<String>,
    /// Objects deleted: sizes this change dropped, and the owner's pictures replaced
    /// more than [`RETAIN`] ago.
    pub deleted: Vec<String>,
    /// The picture this one replaced, kept for `pfp restore`.
    pub replaced: Option<Kept>,
    /// Problems after the commit (e.g. an old object that could not be deleted).
    pub warnings: Vec<String>,
    /// With [`Publish::expect`]: the app's picture had changed, nothing was committed.
    pub changed_meanwhile: bool,
}

/// The inputs of `publish`.
pub struct Publish<'a> {
    pub store: &'a Store,
    pub db: &'a Db,
    pub bucket: &'a BucketName,
    pub endpoint: &'a Endpoint,
    pub target: Target<'a>,
    pub picture: &'a Picture,
    /// The file name as given, for the object's metadata only (never for its key).
    pub original_name: &'a str,
    pub keep_previous: bool,
    /// Fingerprint of the source and options ([`crate::picture::fingerprint`]).
    pub source: &'a str,
    /// Commit only if the app's picture is still what was read (`adopt`: the app may
    /// write the column, or a new picture to the same key, meanwhile). When it is not,
    /// nothing is committed, what this run uploaded is removed again, and
    /// [`Published::changed_meanwhile`] is set.
    pub expect: Option<Expected<'a>>,
    /// The caller has already seen the bucket exist and checked that it is this
    /// database's store ([`identity::ensure`]) in this run (`upload` does while the
    /// picture decodes, `import` once before the first file), so `publish` need not.
    pub checked: bool,
}

/// The app's picture as `adopt` read it.
#[derive(Clone, Copy, Debug)]
pub struct Expected<'a> {
    /// The user's picture column, as stored.
    pub column: &'a str,
    /// The object it names, and that object's ETag when it was read. An app that keeps
    /// one key per user (`{user_id}.jpeg`) re-uploads to the same key and writes the same
    /// column value, so the column alone cannot tell a new picture from the old one.
    pub object: &'a str,
    pub etag: &'a str,
}

/// Stores `picture` for `target` in the order described above. `on_stored` is told the
/// size of each rendition as it reaches the bucket (for progress bars).
///
/// Concurrent runs for the same owner are safe: all three steps run under the owner lock
/// of its folder (see [`crate::users::Db::with_owner_lock`]), which every step that
/// deletes in the folder holds too (another run's step 3, an undo, `remove`, a `verify
/// --fix`), so an object seen in step 1 is still there at the commit. (Before, the
/// objects were uploaded before the lock and checked again under it: one more request
/// per rendition, for a lock held a little shorter; a second run for the same owner now
/// waits for the first one's upload.) The user's row is locked only for the transaction
/// of step 2, never across S3 requests.
pub async fn publish(p: Publish<'_>, on_stored: &(dyn Fn(u64) + Sync)) -> Result<Published, Error> {
    let entry = plan(p.endpoint, p.bucket, p.target, p.picture, p.source);
    p.db.check_url(&entry.url)?;
    if !p.checked {
        identity::ensure(p.store, p.db, p.bucket, p.endpoint).await?;
    }

    let mut uploaded = Vec::new();
    // What this run uploaded and did not commit goes again in the same hold of the lock
    // as its uploads: no other run can have stored and committed the same picture in
    // between (it waits for the lock), so the undo deletes nothing another run relies
    // on. (It took the lock again after a failure, and a run waiting for the lock could
    // take it in that moment; the ledger check in `remove_uploaded` was all that kept
    // the undo from deleting that run's committed objects. It stays, as a second wall.)
    let (outcome, left) =
        p.db.with_owner_lock(&folder(p.target), async {
            let outcome = store_and_commit(&p, &entry, &mut uploaded, on_stored).await;
            let left = match outcome {
                Ok(Some(_)) => Vec::new(),
                Ok(None) | Err(_) => remove_uploaded(p.store, p.db, p.bucket, &uploaded).await,
            };
            Ok((outcome, left))
        })
        .await?;
    let (replaced, retired, kept) = match outcome {
        Ok(Some(done)) => done,
        Ok(None) => {
            // Not committed (the app's picture changed meanwhile).
            return Ok(Published {
                unchanged: false,
                updated: false,
                entry,
                uploaded: Vec::new(),
                deleted: Vec::new(),
                replaced: None,
                warnings: left
                    .iter()
                    .map(|k| format!("'{k}' was left in the bucket; 'pfp verify --fix' removes it"))
                    .collect(),
                changed_meanwhile: true,
            });
        }
        Err(e) => return Err(left_behind(e, &left)),
    };
    Ok(Published {
        unchanged: replaced.unchanged,
        updated: replaced.resized,
        entry,
        uploaded,
        deleted: retired.deleted,
        replaced: kept,
        warnings: retired.warnings,
        changed_meanwhile: false,
    })
}

/// Steps 1 to 3 of [`publish`], under the owner lock of the target's folder: the
/// objects not in the bucket uploaded (each key pushed to `uploaded` once stored), the
/// change committed, what it replaced retired. `None`: not committed, because the app's
/// picture `p.expect` names changed meanwhile.
async fn store_and_commit(
    p: &Publish<'_>,
    entry: &NewEntry,
    uploaded: &mut Vec<String>,
    on_stored: &(dyn Fn(u64) + Sync),
) -> Result<Option<(crate::users::Replaced, Retired, Option<Kept>)>, Error> {
    store_missing(p, entry, uploaded, on_stored).await?;
    let replaced = match p.expect {
        None => p.db.replace(p.target, entry).await?,
        Some(expected) => {
            // The object first, then the column's compare-and-set: an app writes
            // its object before its column. (The app takes no pfp lock: it is
            // missed only if the app writes both its object and its column in
            // the moment between this HEAD and the commit.)
            let now = p.store.stat(p.bucket, expected.object).await?;
            if now.is_none_or(|now| now.etag != expected.etag) {
                return Ok(None);
            }
            match p
                .db
                .replace_if(p.target, entry, Some(expected.column))
                .await?
            {
                Some(replaced) => replaced,
                None => return Ok(None),
            }
        }
    };
    let mut retired = Retired::default();
    // Committed: from here on a failure is a warning, never an error (the caller would
    // undo a committed picture's uploads). Sizes this change dropped from the same
    // picture: no entry records them now.
    for key in &replaced.dropped {
        match key_in_use(p.db, key, -1).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => {
                retired.warnings.push(format!(
                    "the dropped size '{key}' was not deleted: {e} (run 'pfp verify --fix' later)"
                ));
                continue;
            }
        }
        match p.store.delete(p.bucket, key).await {
            Ok(()) => retired.deleted.push(key.clone()),
            Err(e) => retired.warnings.push(format!(
                "the dropped size '{key}' was not deleted: {e} (run 'pfp verify --fix' later)"
            )),
        }
    }
    let mut kept = replaced.kept_value.as_ref().map(|value| Kept {
        key: value.clone(),
        app: true,
        until: Some(expiry_of_now()),
    });
    if let (Some(_), Target::User(user)) = (&kept, p.target)
        && replaced.previous.is_empty()
    {
        // The app's pictures kept longer ago go now, as pfp's own do below.
        if let Err(e) =
            p.db.prune_kept_values(Some(user), &crate::users::ago(RETAIN))
                .await
        {
            retired.warnings.push(format!(
                "the app's pictures replaced earlier were not forgotten: {e} (run 'pfp verify --fix' later)"
            ));
        }
    }
    if !replaced.previous.is_empty() {
        let keep: Vec<&str> = entry.sizes.iter().map(|s| s.key.as_str()).collect();
        let outcome = if let Target::Generated(_) = p.target {
            // A generated avatar is drawn again on demand: nothing to keep.
            retire(p.store, p.db, p.bucket, &replaced.previous, &keep).await
        } else {
            // Where the app had written its picture over pfp's, both are kept; the app's
            // is the one the user was shown, and the one `restore` brings back first.
            let pfps = keep_replaced(p, &replaced.previous, &mut retired).await;
            kept = kept.or(pfps);
            prune(p.store, p.db, p.bucket, p.target, &keep).await
        };
        let r = outcome.unwrap_or_else(|e| Retired::failed(&e));
        retired.deleted.extend(r.deleted);
        retired.warnings.extend(r.warnings);
    }
    Ok(Some((replaced, retired, kept)))
}

/// The previous picture stays, its entry no longer current (`--keep-previous`: until
/// removed, else for [`RETAIN`]). Returns what is kept; a failure to mark it kept
/// until removed is a warning in `retired` (it is then kept for [`RETAIN`]).
async fn keep_replaced(
    p: &Publish<'_>,
    previous: &[LedgerEntry],
    retired: &mut Retired,
) -> Option<Kept> {
    let first = previous.first()?;
    let mut until = Some(expiry_of_now());
    if p.keep_previous {
        let ids: Vec<i64> = previous.iter().map(|e| e.id).collect();
        match p.db.keep_retired(&ids).await {
            Ok(()) => until = None,
            Err(e) => retired.warnings.push(format!(
                "the previous picture '{}' is kept until {} only, not until removed: {e}",
                first.key,
                until.as_deref().unwrap_or_default()
            )),
        }
    }
    Some(Kept {
        key: first.key.clone(),
        app: false,
        until,
    })
}

/// Uploads every rendition of `entry` that is not in the bucket, recording the keys this
/// call stored. The caller holds the owner lock of the folder.
async fn store_missing(
    p: &Publish<'_>,
    entry: &NewEntry,
    uploaded: &mut Vec<String>,
    on_stored: &(dyn Fn(u64) + Sync),
) -> Result<(), Error> {
    let (_, user_ref) = p.target.ledger_key();
    let user_ref = if user_ref.is_empty() {
        "default".to_owned()
    } else {
        user_ref
    };
    for (size, rendition) in entry.sizes.iter().zip(&p.picture.renditions) {
        let object = ObjectToPut {
            key: &size.key,
            bytes: &rendition.bytes,
            content_type: p.picture.mime(),
            cache_control: IMMUTABLE,
            metadata: vec![
                ("pfp-user", user_ref.clone()),
                ("pfp-original-name", p.original_name.to_owned()),
                ("pfp-sha256", rendition.sha256.clone()),
                ("pfp-width", rendition.width.to_string()),
                ("pfp-height", rendition.height.to_string()),
            ],
        };
        if p.store.put_if_absent(p.bucket, &object).await? && !uploaded.contains(&size.key) {
            uploaded.push(size.key.clone());
        }
        on_stored(size.bytes);
    }
    Ok(())
}

/// `failure`, with a hint naming what this run uploaded and left behind (see
/// [`remove_uploaded`]).
fn left_behind(failure: Error, left: &[String]) -> Error {
    if left.is_empty() {
        return failure;
    }
    failure.hint(format!(
        "{} left in the bucket ({}); 'pfp verify --fix' removes {} once older than its {}",
        if left.len() == 1 {
            "1 uploaded object was".to_owned()
        } else {
            format!("{} uploaded objects were", left.len())
        },
        left.join(", "),
        if left.len() == 1 { "it" } else { "them" },
        crate::error::Setting::Grace.name()
    ))
}

/// After a failure, or a change not committed: removes the objects this run uploaded,
/// but only those that no committed ledger entry records. The caller still holds the
/// owner lock it uploaded them under. When the database cannot be asked (it is what
/// failed), the objects stay, as orphans for `verify --fix`: deleting them unchecked
/// could leave a committed picture pointing at nothing (a commit whose answer was lost
/// may have happened). Returns the keys left in the bucket.
async fn remove_uploaded(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    uploaded: &[String],
) -> Vec<String> {
    let mut left = Vec::new();
    for (i, key) in uploaded.iter().enumerate() {
        match key_in_use(db, key, -1).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => {
                tracing::debug!("undo could not check the ledger: {e}");
                left.extend(uploaded[i..].iter().cloned());
                break;
            }
        }
        if let Err(e) = store.delete(bucket, key).await {
            tracing::warn!("could not remove '{key}' after a failed upload: {e}");
            left.push(key.clone());
        }
    }
    left
}
