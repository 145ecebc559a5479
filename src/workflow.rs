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
pub mod identity;
pub mod keys;
pub mod repair;

use crate::error::Error;
use crate::picture::Picture;
use crate::store::{IMMUTABLE, ObjectToPut, Store};
use crate::users::{Db, LedgerEntry, NewEntry};
use crate::values::{BucketName, Endpoint};

/// Whose picture this is.
pub use crate::users::Owner as Target;

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

/// The bucket folder of `target`'s objects: what its owner lock serialises.
pub fn folder(target: Target<'_>) -> String {
    match target {
        Target::User(user) => keys::user_folder(user),
        Target::Default => keys::DEFAULTS_PREFIX.to_owned(),
        Target::Generated(_) => keys::GENERATED_PREFIX.to_owned(),
    }
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
            kept = keep_replaced(p, &replaced.previous, &mut retired)
                .await
                .or(kept);
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

/// When a picture replaced now may be deleted.
pub fn expiry_of_now() -> String {
    let retain = chrono::Duration::from_std(RETAIN).unwrap_or(chrono::Duration::MAX);
    (chrono::Utc::now() + retain).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
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
/// Whether a ledger entry other than `except` (-1: any) records `key`: the entries its
/// name points at, where pfp made the name ([`keys::main_key_of`]).
pub(crate) async fn key_in_use(db: &Db, key: &str, except: i64) -> Result<bool, Error> {
    db.key_in_use(key, keys::main_key_of(key).as_deref(), except)
        .await
}

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

/// The settings key of the generated default avatar style.
pub const DEFAULT_STYLE: &str = "default_style";

/// The generated default avatar of `user` in `style`: stored on first use (content
/// addressed under `defaults/generated/`, recorded in the ledger so pfp knows it owns it)
/// and reused afterwards.
pub async fn generated_avatar(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    endpoint: &Endpoint,
    user: &crate::users::User,
    style: crate::picture::avatar::Style,
    options: &crate::picture::Options,
) -> Result<LedgerEntry, Error> {
    let source = format!("generated:{}:v{}", style.name(), style.version());
    let (kind, owner) = Target::Generated(user).ledger_key();
    if let Some(entry) = db.current(kind, &owner).await?
        && entry.source == source
    {
        return Ok(entry);
    }
    let label = user
        .field("display_name")
        .or(user.field("nickname"))
        .or(user.field("email"))
        .unwrap_or(&user.key)
        .to_owned();
    let seed = user.key.clone();
    let options = crate::picture::Options {
        output: crate::picture::OutputChoice::Png,
        ..options.clone()
    };
    let processed = tokio::task::spawn_blocking(move || {
        let image = crate::picture::avatar::render(style, &seed, &label, 512);
        let mut png = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new(&mut png),
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| e.to_string())?;
        crate::picture::process(&png, "avatar.png", &options).map_err(|r| r.message)
    })
    .await
    .map_err(|e| Error::new(crate::error::Kind::Internal, e.to_string()))?
    .map_err(|e| {
        Error::new(
            crate::error::Kind::Internal,
            format!("rendering the avatar: {e}"),
        )
    })?;
    publish(
        Publish {
            store,
            db,
            bucket,
            endpoint,
            target: Target::Generated(user),
            picture: &processed.picture,
            original_name: "generated avatar",
            keep_previous: false,
            source: &source,
            expect: None,
            checked: false,
        },
        &|_| {},
    )
    .await?;
    db.current(kind, &owner).await?.ok_or_else(|| {
        Error::new(
            crate::error::Kind::Internal,
            "the generated avatar was not recorded",
        )
    })
}

/// What [`restore`] did.
#[derive(Clone, Debug)]
pub struct Restored {
    /// The key of the picture that is current again; None for the app's picture (a
    /// column value pfp did not write).
    pub key: Option<String>,
    /// The URL the picture column holds now.
    pub url: String,
    /// When it had been replaced (None: kept with `--keep-previous`).
    pub replaced_at: Option<String>,
    /// The picture it replaced, kept in turn (a second restore brings it back).
    pub replaced: Option<Kept>,
    /// Its objects that had been deleted behind pfp's back and were brought back from
    /// the bucket's versions.
    pub brought_back: Vec<String>,
}

/// A picture `pfp restore` can bring back: pfp's own, or the app's (a column value).
enum Candidate {
    Entry(LedgerEntry),
    Value(crate::users::KeptValue),
}

impl Candidate {
    /// When it was replaced; "" (sorting last) for a picture kept until removed.
    fn replaced_at(&self) -> &str {
        match self {
            Candidate::Entry(e) => e.retired_at.as_deref().unwrap_or(""),
            Candidate::Value(v) => &v.replaced_at,
        }
    }

    /// What `--key` names it by: its key, or the app's column value.
    fn key(&self) -> &str {
        match self {
            Candidate::Entry(e) => &e.key,
            Candidate::Value(v) => &v.value,
        }
    }

    fn listed(&self) -> String {
        match self {
            Candidate::Entry(e) if e.retired_at.is_none() => {
                format!("'{}' (kept until removed)", e.key)
            }
            Candidate::Entry(e) => format!(
                "'{}' (replaced {})",
                e.key,
                crate::values::to_the_second(self.replaced_at())
            ),
            Candidate::Value(v) => format!(
                "'{}' (the app's, replaced {})",
                v.value,
                crate::values::to_the_second(&v.replaced_at)
            ),
        }
    }
}

/// Makes `target`'s most recently replaced picture (or the one `key` names) current
/// again (`pfp restore`), under the owner lock: pfp's own, whose objects are checked in
/// the bucket first, or the app's, whose column value is written back as it was. The
/// picture it replaces is kept as any replaced picture is. Fails with "not found" when
/// nothing is kept, and changes nothing when an object of it is gone. The caller has
/// checked that the store is this database's ([`identity::ensure`]; `restore --since`
/// once for every user).
pub async fn restore(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    endpoint: &Endpoint,
    target: Target<'_>,
    whose: &str,
    key: Option<&str>,
) -> Result<Restored, Error> {
    use crate::error::Kind;
    db.with_owner_lock(&folder(target), async {
        let mut candidates: Vec<Candidate> = db
            .retained(target)
            .await?
            .into_iter()
            .map(Candidate::Entry)
            .collect();
        if let Target::User(user) = target {
            candidates.extend(db.kept_values(user).await?.into_iter().map(Candidate::Value));
        }
        // The most recently replaced first (stable: the ledger's order within a time).
        candidates.sort_by(|a, b| b.replaced_at().cmp(a.replaced_at()));
        let chosen = match key {
            None => candidates.first(),
            Some(key) => candidates.iter().find(|c| c.key() == key),
        };
        let Some(chosen) = chosen else {
            let what = match key {
                None => "has no replaced picture to restore".to_owned(),
                Some(key) => format!("has no replaced picture '{key}' kept"),
            };
            let listed: Vec<String> = candidates.iter().map(Candidate::listed).collect();
            let error = Error::not_found(format!(
                "{whose} {what} (a replaced picture is kept for {} days; 'pfp remove --purge' deletes them at once)",
                RETAIN.as_secs() / 86_400
            ));
            return Err(if listed.is_empty() {
                error
            } else {
                error.hint(format!("kept: {}", listed.join(", ")))
            });
        };
        // The column as it is now: a picture the app wrote after pfp's (a user who
        // uploaded anew through the app after a remove) is not pfp's to replace.
        let column = match target {
            Target::User(user) => {
                let column = db.picture_column(&user.id).await?;
                let current = db.current(crate::users::PictureKind::User, &user.id).await?;
                let value = column.as_deref().map(str::trim).filter(|c| !c.is_empty());
                if let Some(value) = value
                    && current.as_ref().is_none_or(|c| c.url != value)
                {
                    return Err(Error::new(
                        Kind::Unavailable,
                        format!(
                            "the picture of {whose} is not pfp's now ('{value}', written by the app after pfp's): restore would replace it; nothing was changed"
                        ),
                    )
                    .hint("if the kept picture should replace it, clear it first with 'pfp remove' (it is kept too), then 'pfp restore --key' the one to bring back"));
                }
                Some((user, column))
            }
            _ => None,
        };
        let changed_meanwhile = || {
            Error::new(
                Kind::Unavailable,
                format!(
                    "the picture of {whose} changed while restore ran (written by the app): nothing was changed; look again with 'pfp user show'"
                ),
            )
        };
        let kept_in_turn = |previous: &[LedgerEntry]| {
            previous.first().map(|e| Kept {
                key: e.key.clone(),
                app: false,
                until: Some(expiry_of_now()),
            })
        };
        let kept = match chosen {
            Candidate::Value(value) => {
                let Some((user, column)) = column else {
                    return Err(Error::new(Kind::Internal, "an app's picture kept for no user"));
                };
                let previous = db
                    .restore_value(user, value, column.as_deref())
                    .await?
                    .ok_or_else(changed_meanwhile)?;
                return Ok(Restored {
                    key: None,
                    url: value.value.clone(),
                    replaced_at: Some(value.replaced_at.clone()),
                    replaced: kept_in_turn(&previous),
                    brought_back: Vec::new(),
                });
            }
            Candidate::Entry(kept) => kept,
        };
        let mut missing = Vec::new();
        for key in kept.keys() {
            if store.stat(bucket, &key).await?.is_none() {
                missing.push(key);
            }
        }
        // Deleted behind pfp's back in a bucket that keeps versions: brought back, if
        // every missing object can be (else nothing is touched).
        let mut brought_back = Vec::new();
        if !missing.is_empty() {
            // A key allowed object operations only may not ask: then the error says
            // so, rather than that the picture is lost. Any other failure is the error
            // (it was read as "no versions", and a picture a version keeps as lost).
            let (keeps_versions, may_not_ask) = match store.versioning(bucket).await {
                Ok(versioning) => (versioning.keeps_versions(), false),
                Err(e) if e.kind() == Kind::Denied => (false, true),
                Err(e) => return Err(e),
            };
            // Each missing object with the markers that hide it, looked for once.
            let mut hidden = Vec::new();
            let mut unrecoverable = None;
            for key in missing {
                let markers = if keeps_versions {
                    store.hiding_markers(bucket, &key).await?
                } else {
                    None
                };
                match markers {
                    Some(markers) => hidden.push((key, markers)),
                    None => {
                        unrecoverable = Some(key);
                        break;
                    }
                }
            }
            if let Some(key) = unrecoverable {
                return Err(Error::new(
                    Kind::NotFound,
                    format!(
                        "the replaced picture of {whose} cannot be restored: its object '{key}' is not in the bucket: nothing was changed"
                    ),
                )
                .hint(if may_not_ask {
                    format!("whether bucket '{bucket}' keeps versions that could bring it back, the keys may not ask (access denied): with keys allowed s3:GetBucketVersioning and s3:ListBucketVersions, 'pfp restore' brings back what a version keeps")
                } else {
                    "'pfp verify' lists what is missing; 'pfp verify --fix' forgets it".to_owned()
                }));
            }
            for (key, markers) in hidden {
                store.remove_markers(bucket, &key, &markers).await?;
                brought_back.push(key);
            }
        }
        let mut new = kept.entry.clone();
        new.url = canonical_url(endpoint, bucket, &new.key);
        db.check_url(&new.url)?;
        let replaced = match column {
            Some((_, column)) => db
                .replace_if(target, &new, column.as_deref())
                .await?
                .ok_or_else(changed_meanwhile)?,
            None => db.replace(target, &new).await?,
        };
        Ok(Restored {
            key: Some(kept.key.clone()),
            url: new.url.clone(),
            replaced_at: kept.retired_at.clone(),
            replaced: kept_in_turn(&replaced.previous),
            brought_back,
        })
    })
    .await
}
