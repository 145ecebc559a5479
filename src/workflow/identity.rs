//! Which store a database's pictures live in, so that one wrong bucket name, endpoint or
//! database URL cannot turn a repair into a wipe.
//!
//! A bucket that pfp manages carries an identity: an empty object `.pfp/store/<id>`
//! (written by `bucket init`, or by the first run that claims the bucket). The database
//! records that id (setting `store_id`) the first time a run changes something, and from
//! then on every run that deletes or rewrites checks, once and before its first change,
//! that the bucket it was pointed at carries the recorded id. The id lives in the bucket,
//! not in its address: a MinIO behind a new host name, or reached through a public
//! endpoint, is still the same store; an empty bucket of the same name on the staging
//! server is not.
//!
//! Each database also has an id of its own (setting `database_id`) and leaves a marker
//! `.pfp/databases/<id>` in the store it claimed, so a run can see that other databases
//! share the bucket (their pictures are orphans from its point of view, and `verify --fix`
//! must not delete them).
//!
//! The cases, as the README's "Guarantees" states them:
//! - recorded id present in the bucket: go ahead (one LIST request of `.pfp/`);
//! - recorded id absent (another bucket, another server, or a bucket without an id):
//!   refuse, exit 7, naming both stores;
//! - nothing recorded yet (a deployment older than store ids, or a fresh database): the
//!   database claims the bucket if at least one of its recorded pictures is found there,
//!   or if it records no pictures and no other database uses the bucket; if it records
//!   pictures and none of those checked is there, or records none and the bucket is
//!   another database's store, refuse as above (a second database joins a store only
//!   through `pfp bucket claim`);
//! - a deliberate move to a copied bucket: `pfp bucket claim` records the bucket's id.

use crate::error::{Error, Kind};
use crate::store::Store;
use crate::users::Db;
use crate::values::{BucketName, Endpoint};
use crate::workflow::keys;

/// The database setting that records the store's id.
pub const STORE_ID: &str = "store_id";
/// The database setting that records where the store was when it was claimed (for
/// messages only: the id, not the address, decides).
pub const STORE_LABEL: &str = "store_label";
/// The database setting that holds the database's own id.
pub const DATABASE_ID: &str = "database_id";
/// How many recorded pictures a first claim looks for in the bucket.
const SAMPLE: u64 = 20;

/// What a store mismatch means for the command that found it, said at the end of its
/// message: the refusal of a change, a read-only command's warning, or `bucket init`'s
/// warning about the changes to come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stance {
    /// A change refused (exit 7).
    Refuse,
    /// A read-only command goes on: reading cannot lose anything.
    ReadOnly,
    /// `bucket init` made the bucket ready; the database's changes will be refused.
    Later,
}

impl Stance {
    /// The clause ending a mismatch's message; `joining`: the database records no store
    /// and no pictures and would join another database's store.
    fn clause(self, joining: bool) -> &'static str {
        match (self, joining) {
            (Stance::Refuse, false) => "refusing to change anything",
            (Stance::Refuse, true) => "refusing to join it without 'pfp bucket claim'",
            (Stance::ReadOnly, _) => "what follows may not be this database's pictures",
            (Stance::Later, false) => "this database's changes will be refused in it",
            (Stance::Later, true) => {
                "this database's changes will be refused in it until 'pfp bucket claim'"
            }
        }
    }
}

/// The markers found in a bucket.
#[derive(Clone, Debug, Default)]
pub struct Markers {
    /// Store ids, sorted (normally one; two racing `bucket init`s can leave two).
    pub stores: Vec<String>,
    /// Ids of the databases that claimed this store, sorted.
    pub databases: Vec<String>,
}

impl Markers {
    /// The databases other than `own` that claimed this store.
    fn others(&self, own: Option<&String>) -> Vec<&str> {
        self.databases
            .iter()
            .filter(|d| Some(*d) != own)
            .map(String::as_str)
            .collect()
    }
}

/// A database and a store that belong together.
#[derive(Clone, Debug)]
pub struct Paired {
    pub store_id: String,
    pub database_id: String,
    /// Other databases that claimed the same store.
    pub others: Vec<String>,
}

/// Reads the bucket's markers with one listing request.
pub async fn markers(store: &Store, bucket: &BucketName) -> Result<Markers, Error> {
    let page = store.list_page(bucket, keys::MARKERS_PREFIX, None).await?;
    let mut found = Markers::default();
    for (key, _) in page.objects {
        if let Some(id) = key.strip_prefix(keys::STORE_MARKER_PREFIX) {
            found.stores.push(id.to_owned());
        } else if let Some(id) = key.strip_prefix(keys::DATABASE_MARKER_PREFIX) {
            found.databases.push(id.to_owned());
        }
    }
    found.stores.sort();
    found.databases.sort();
    Ok(found)
}

/// Gives the bucket a store id unless it has one; returns the bucket's id. For `bucket
/// init`, which needs no database (where one exists, it pairs the two with [`ensure`]).
pub async fn mark_store(store: &Store, bucket: &BucketName) -> Result<String, Error> {
    let found = markers(store, bucket).await?;
    if let Some(id) = found.stores.first() {
        return Ok(id.clone());
    }
    put_marker(store, bucket, keys::STORE_MARKER_PREFIX, &new_id()).await?;
    // Two runs racing here each wrote one; both settle on the same (the smallest).
    let found = markers(store, bucket).await?;
    found.stores.first().cloned().ok_or_else(|| {
        Error::new(
            Kind::Unavailable,
            format!("the store id written to bucket '{bucket}' is not listed back"),
        )
    })
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn put_marker(
    store: &Store,
    bucket: &BucketName,
    prefix: &str,
    id: &str,
) -> Result<(), Error> {
    let key = format!("{prefix}{id}");
    store.put(bucket, &marker(&key)).await
}

/// A marker as pfp writes it: an empty object, whose name is all it says.
fn marker(key: &str) -> crate::store::ObjectToPut<'_> {
    crate::store::ObjectToPut {
        key,
        bytes: b"",
        content_type: "application/octet-stream",
        cache_control: "no-store",
        metadata: Vec::new(),
    }
}

/// Finds out, with one request, whether the server honours `If-None-Match: *` on PUT
/// ([`Store::probe_conditional_put`]): by storing this database's marker again with the
/// header. [`ensure`] has just seen the marker in the bucket (or written it), so a server
/// that honours the header refuses with 412 and nothing changes; one that ignores it
/// (Garage, s3rver) writes the same empty object again, and pfp keeps to a HEAD before
/// each PUT. (If someone deleted the marker meanwhile, the request puts it back, and
/// the HEAD + PUT way stays: right on every server.)
pub async fn probe_conditional_put(store: &Store, bucket: &BucketName, paired: &Paired) -> bool {
    let key = format!("{}{}", keys::DATABASE_MARKER_PREFIX, paired.database_id);
    let honoured = store.probe_conditional_put(bucket, &marker(&key)).await;
    if honoured {
        tracing::debug!(
            "the server refused the marker's conditional PUT (412): one request per object"
        );
    } else {
        tracing::debug!("the server stored the marker again: a HEAD before each PUT");
    }
    honoured
}

/// Where the run is pointed, for messages.
fn here(bucket: &BucketName, endpoint: &Endpoint) -> String {
    format!("bucket '{bucket}' at {endpoint}")
}

/// The refusal when the database's store is not the bucket it was pointed at.
fn mismatch(
    recorded: &str,
    label: Option<&str>,
    found: &Markers,
    bucket: &BucketName,
    endpoint: &Endpoint,
    stance: Stance,
) -> Error {
    let theirs = match found.stores.as_slice() {
        [] => "carries no pfp store id".to_owned(),
        [one] => format!("is store {one}"),
        many => format!("is store {}", many.join(" / ")),
    };
    let ours = match label {
        Some(label) => format!("store {recorded} ({label} when it was recorded)"),
        None => format!("store {recorded}"),
    };
    Error::config(format!(
        "{} {theirs}, but this database's pictures live in {ours}: {}",
        here(bucket, endpoint),
        stance.clause(false)
    ))
    .hint(format!(
        "{}; if the database has really moved to a copy of its bucket, run 'pfp bucket claim' there",
        check_all_three()
    ))
}

/// Before a run's first change: the bucket must be the store this database records, or
/// become it (see the module's cases). Exit 7 when they differ.
///
/// The listing of `.pfp/` also tells that the bucket exists, so no HEAD of the bucket
/// need go before it (one request fewer before a single upload's first change:
/// measured, `scripts/ab 60` of one 12 MP upload, 0.8-1.1 ms less on s3s-fs and 2.0-2.2
/// ms on Ceph RGW). When the listing fails as a missing or forbidden bucket would, the
/// HEAD is asked after all, for the error `require_bucket` gives ("bucket 'x' does not
/// exist", exit 3 with its hint; or the denial, told apart from wrong credentials).
/// pfp never creates a bucket implicitly: a missing one fails here, before anything is
/// written.
pub async fn ensure(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    endpoint: &Endpoint,
) -> Result<Paired, Error> {
    ensure_as(store, db, bucket, endpoint, Stance::Refuse).await
}

/// [`ensure`], whose refusal (exit 7) ends in `stance`'s words: `bucket init` says the
/// same facts as a warning about the changes to come.
pub async fn ensure_as(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    endpoint: &Endpoint,
    stance: Stance,
) -> Result<Paired, Error> {
    let found = match markers(store, bucket).await {
        Ok(found) => found,
        Err(err) if matches!(err.kind(), Kind::NotFound | Kind::Denied) => {
            store.require_bucket(bucket).await?;
            return Err(err);
        }
        Err(err) => return Err(err),
    };
    let [recorded, database] = db.settings([STORE_ID, DATABASE_ID]).await?;
    if let (Some(id), Some(own)) = (&recorded, &database)
        && found.stores.contains(id)
        && found.databases.contains(own)
    {
        return Ok(paired(id.clone(), own.clone(), &found));
    }
    if let Some(id) = &recorded
        && !found.stores.contains(id)
    {
        let label = db.setting(STORE_LABEL).await?;
        return Err(mismatch(
            id,
            label.as_deref(),
            &found,
            bucket,
            endpoint,
            stance,
        ));
    }
    // A first claim (or a missing database marker): decided under one lock, so two runs
    // claiming at once settle on the same store id.
    db.with_owner_lock(keys::MARKERS_PREFIX, async {
        let found = markers(store, bucket).await?;
        // Both settings in one round trip, as before the lock.
        let [recorded, own] = db.settings([STORE_ID, DATABASE_ID]).await?;
        let store_id = match recorded {
            Some(id) if found.stores.contains(&id) => id,
            Some(id) => {
                let label = db.setting(STORE_LABEL).await?;
                return Err(mismatch(
                    &id,
                    label.as_deref(),
                    &found,
                    bucket,
                    endpoint,
                    stance,
                ));
            }
            None => {
                let records_pictures =
                    find_recorded_pictures(store, db, bucket, endpoint, stance).await?;
                // A database that has never stored anything joins another database's
                // store only when told to (`bucket claim`): one mistyped `--db` would
                // otherwise leave its marker for good, and every database of the store
                // would from then on take the store for shared (no orphan deleted).
                let others = found.others(own.as_ref()).len();
                if !records_pictures && others > 0 {
                    return Err(not_joined(&found, others, bucket, endpoint, stance));
                }
                match found.stores.first() {
                    Some(id) => id.clone(),
                    None => mark_store(store, bucket).await?,
                }
            }
        };
        let own = claim(store, db, bucket, endpoint, &store_id, &found, own).await?;
        Ok(paired(store_id, own, &markers(store, bucket).await?))
    })
    .await
}

/// Records `store_id` as this database's store and leaves the database's marker in it;
/// `own` is the database's id as read (a new one is made if it has none).
async fn claim(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    endpoint: &Endpoint,
    store_id: &str,
    found: &Markers,
    own: Option<String>,
) -> Result<String, Error> {
    let own = match own {
        Some(own) => own,
        None => {
            let own = new_id();
            db.set_setting(DATABASE_ID, Some(&own)).await?;
            own
        }
    };
    if !found.databases.contains(&own) {
        put_marker(store, bucket, keys::DATABASE_MARKER_PREFIX, &own).await?;
    }
    db.set_settings(&[(STORE_ID, store_id), (STORE_LABEL, &here(bucket, endpoint))])
        .await?;
    Ok(own)
}

fn paired(store_id: String, own: String, found: &Markers) -> Paired {
    Paired {
        others: found
            .databases
            .iter()
            .filter(|d| **d != own)
            .cloned()
            .collect(),
        store_id,
        database_id: own,
    }
}

/// "1 other database", "3 other databases".
fn other_databases(n: usize) -> String {
    if n == 1 {
        "1 other database".to_owned()
    } else {
        format!("{n} other databases")
    }
}

/// "; it is shared with 2 other databases", or nothing.
pub fn shared_with(others: usize) -> String {
    if others == 0 {
        return String::new();
    }
    format!("; it is shared with {}", other_databases(others))
}

/// The refusal when a database that has never stored anything would join a store that
/// other databases use.
fn not_joined(
    found: &Markers,
    others: usize,
    bucket: &BucketName,
    endpoint: &Endpoint,
    stance: Stance,
) -> Error {
    let store = found
        .stores
        .first()
        .map_or_else(|| "a store".to_owned(), |id| format!("store {id}"));
    Error::config(format!(
        "{} is {store}, used by {}, and this database records no store and no pictures: {}",
        here(bucket, endpoint),
        other_databases(others),
        stance.clause(true)
    ))
    .hint(format!(
        "{}; to share this bucket with {} on purpose, run 'pfp bucket claim' with this database first",
        check_all_three(),
        if others == 1 { "that database" } else { "those databases" }
    ))
}

/// A database that records pictures claims a bucket only if at least one of them is
/// there: a database whose every checked picture is missing is pointed at the wrong
/// bucket or server. The first one found ends the search. `true` when the database
/// records pictures (and one was found), `false` when it records none.
async fn find_recorded_pictures(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    endpoint: &Endpoint,
    stance: Stance,
) -> Result<bool, Error> {
    let sample = db.current_sample(SAMPLE).await?;
    for entry in &sample {
        if store.exists(bucket, &entry.key).await? {
            return Ok(true);
        }
    }
    if sample.is_empty() {
        return Ok(false);
    }
    Err(Error::config(format!(
        "this database records pictures, but none of the {} checked is in {}: {}",
        sample.len(),
        here(bucket, endpoint),
        stance.clause(false)
    ))
    .hint(format!(
        "{}; if the pictures really are gone, 'pfp bucket claim' makes this bucket the database's store",
        check_all_three()
    )))
}

/// For `doctor`: what a run's first change would find ([`ensure`]'s cases), without
/// changing anything. An error is the refusal that change would meet.
pub async fn diagnose(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    endpoint: &Endpoint,
) -> Result<String, Error> {
    let found = markers(store, bucket).await?;
    let [recorded, own] = db.settings([STORE_ID, DATABASE_ID]).await?;
    let others = found.others(own.as_ref()).len();
    let shared = shared_with(others);
    match recorded {
        Some(id) if found.stores.contains(&id) => {
            // The other databases' markers by id, so that one left by a mistake can be
            // found (`mc ls` shows when each was written) and removed.
            let theirs = found.others(own.as_ref());
            let listed = match theirs.len() {
                0 => String::new(),
                n if n <= 5 => format!(" ({})", theirs.join(", ")),
                n => format!(" ({}, and {} more)", theirs[..5].join(", "), n - 5),
            };
            Ok(format!(
                "bucket '{bucket}' is this database's store {id} (this database: {}){shared}{listed}",
                own.as_deref().unwrap_or("no marker yet")
            ))
        }
        Some(id) => {
            let label = db.setting(STORE_LABEL).await?;
            Err(mismatch(
                &id,
                label.as_deref(),
                &found,
                bucket,
                endpoint,
                Stance::Refuse,
            ))
        }
        None => {
            let bucket_is = found.stores.first().map_or_else(
                || "carries no store id yet".to_owned(),
                |s| format!("is store {s}"),
            );
            if db.current_sample(1).await?.is_empty() {
                if others > 0 {
                    return Err(not_joined(&found, others, bucket, endpoint, Stance::Refuse));
                }
                return Ok(format!(
                    "this database records no store yet; bucket '{bucket}' {bucket_is}, and becomes its store at the first change"
                ));
            }
            find_recorded_pictures(store, db, bucket, endpoint, Stance::Refuse).await?;
            Ok(format!(
                "this database records pictures but no store (older than store ids); bucket '{bucket}' {bucket_is} and holds them, and becomes its store at the first change{shared}"
            ))
        }
    }
}

/// For read-only commands: a warning when the bucket is not the store this database
/// records (nothing is refused: reading cannot lose anything).
pub async fn check_read_only(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    endpoint: &Endpoint,
) -> Result<Option<String>, Error> {
    let Some(recorded) = db.setting(STORE_ID).await? else {
        // A database that never stored anything, looking at another database's store.
        let found = markers(store, bucket).await?;
        let own = db.setting(DATABASE_ID).await?;
        let others = found.others(own.as_ref()).len();
        if others == 0 || !db.current_sample(1).await?.is_empty() {
            return Ok(None);
        }
        return Ok(Some(
            not_joined(&found, others, bucket, endpoint, Stance::ReadOnly).to_string(),
        ));
    };
    let found = markers(store, bucket).await?;
    if found.stores.contains(&recorded) {
        return Ok(None);
    }
    let label = db.setting(STORE_LABEL).await?;
    Ok(Some(
        mismatch(
            &recorded,
            label.as_deref(),
            &found,
            bucket,
            endpoint,
            Stance::ReadOnly,
        )
        .to_string(),
    ))
}

/// What `pfp bucket claim` found and did.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub store_id: String,
    /// The store the database recorded before, if another.
    pub previous: Option<String>,
    /// Recorded pictures looked for in the bucket, and how many were there.
    pub checked: usize,
    pub found: usize,
    /// Other databases whose markers the bucket holds (they share the store).
    pub others: usize,
}

/// What a claim would find: the bucket's id (None: one will be made), the recorded one,
/// and how many of the database's current pictures (up to 20) are in the bucket.
pub async fn survey(store: &Store, db: &Db, bucket: &BucketName) -> Result<Claimed, Error> {
    let found = markers(store, bucket).await?;
    let sample = db.current_sample(SAMPLE).await?;
    let mut present = 0;
    for entry in &sample {
        if store.exists(bucket, &entry.key).await? {
            present += 1;
        }
    }
    let own = db.setting(DATABASE_ID).await?;
    Ok(Claimed {
        store_id: found.stores.first().cloned().unwrap_or_default(),
        previous: db.setting(STORE_ID).await?,
        checked: sample.len(),
        found: present,
        others: found.others(own.as_ref()).len(),
    })
}

/// `pfp bucket claim`: makes the bucket this database's store, whatever was recorded (the
/// operator moved the database to a copy of its bucket, or the pictures are gone for good).
pub async fn claim_deliberately(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    endpoint: &Endpoint,
) -> Result<Claimed, Error> {
    db.with_owner_lock(keys::MARKERS_PREFIX, async {
        let mut surveyed = survey(store, db, bucket).await?;
        if surveyed.store_id.is_empty() {
            surveyed.store_id = mark_store(store, bucket).await?;
        }
        let found = markers(store, bucket).await?;
        let own = db.setting(DATABASE_ID).await?;
        claim(store, db, bucket, endpoint, &surveyed.store_id, &found, own).await?;
        if surveyed.previous.as_deref() == Some(surveyed.store_id.as_str()) {
            surveyed.previous = None;
        }
        Ok(surveyed)
    })
    .await
}

/// "check the bucket (--bucket, MINIO_BUCKET_NAME), the endpoint (…) and the database (…)".
fn check_all_three() -> String {
    use crate::error::Setting;
    let both = |s: Setting| format!("{}, {}", s.name(), s.var());
    format!(
        "check the bucket ({}), the endpoint ({}) and the database ({})",
        both(Setting::Bucket),
        both(Setting::Endpoint),
        both(Setting::Database)
    )
}
