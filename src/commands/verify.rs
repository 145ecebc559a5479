//! `pfp verify [--fix]`: reconcile the database and the bucket.
//!
//! Findings: *dangling* (a ledger entry whose object is missing), *orphan* (an object under
//! pfp's prefixes that no ledger entry references), *mismatch* (a user's picture column
//! that disagrees with the ledger's current entry). `--fix` deletes orphans older than the
//! grace period and rewrites mismatched columns from the ledger; it never deletes a row.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, SystemTime};

use crate::commands::Context;
use crate::error::{Error, Kind, Result};
use crate::output::{Finding, VerifySummary};
use crate::settings::VerifyOptions;
use crate::store::Store;
use crate::store::keys::{self, DEFAULTS_PREFIX, USERS_PREFIX};
use crate::users::{Db, LedgerEntry, PictureKind, User};
use crate::values::BucketName;

/// A finding with what its repair needs to find again.
struct Found {
    finding: Finding,
    repair: Repair,
}

enum Repair {
    /// Delete the object if it is still in no ledger entry.
    Orphan { key: String, age: Option<Duration> },
    /// Drop the ledger entry (index into the snapshot) if its objects are still missing.
    Dangling { entry: usize },
    /// Rewrite the user's picture column from the ledger.
    Mismatch {
        user: String,
        /// The user's folder in the bucket: what the owner lock is taken on.
        folder: String,
        column: Option<String>,
    },
}

/// What `verify` compares: the ledger, the objects under pfp's prefixes, the users.
struct Snapshot {
    entries: Vec<LedgerEntry>,
    objects: BTreeMap<String, Option<SystemTime>>,
    users: Vec<User>,
}

/// Repairs one finding under the owner lock of its folder, re-checking first what the
/// snapshot said: another pfp run may have committed, retired or re-uploaded something
/// since `verify` read the ledger, listed the bucket and read the users. Returns false
/// when the finding was left alone because someone else changed the column meanwhile.
async fn repair(
    repair: &Repair,
    entries: &[LedgerEntry],
    store: &Store,
    db: &Db,
    bucket: &BucketName,
) -> std::result::Result<bool, Error> {
    match repair {
        Repair::Orphan { key, .. } => {
            db.with_owner_lock(keys::folder_of(key), async {
                // Recorded meanwhile (a publish committed it): not an orphan any more.
                if !db.key_in_use(key, -1).await? {
                    store.delete(bucket, key).await?;
                }
                Ok(true)
            })
            .await
        }
        Repair::Dangling { entry } => {
            let seen = &entries[*entry];
            db.with_owner_lock(keys::folder_of(&seen.key), async {
                // Forgotten or re-uploaded meanwhile: nothing left to repair.
                let Some(fresh) = db.entry(seen.id).await? else {
                    return Ok(true);
                };
                if !all_stored(store, bucket, &fresh).await? {
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
                    Some(entry) if all_stored(store, bucket, &entry).await? => Some(entry.url),
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
async fn all_stored(
    store: &Store,
    bucket: &BucketName,
    entry: &LedgerEntry,
) -> std::result::Result<bool, Error> {
    for key in entry.keys() {
        if !store.exists(bucket, &key).await? {
            return Ok(false);
        }
    }
    Ok(true)
}

pub async fn run(args: &VerifyOptions, ctx: &Context) -> Result<()> {
    let db = ctx.db().await?;
    let store = ctx.store()?;
    let bucket = &ctx.settings.bucket.value;
    store.require_bucket(bucket).await?;

    let snapshot = read_snapshot(db, &store, bucket).await?;
    let ours = format!("{}/{bucket}/", ctx.settings.endpoint.value);
    let mut found = compare(&snapshot, &ours);
    if args.fix {
        fix(ctx, args, &mut found, &snapshot.entries, &store, db, bucket).await?;
    }
    for f in &found {
        ctx.printer.print(&f.finding);
    }
    let count =
        |pred: fn(&Finding) -> bool| found.iter().filter(|f| pred(&f.finding)).count() as u64;
    let summary = VerifySummary {
        entries: snapshot.entries.len() as u64,
        objects: snapshot.objects.len() as u64,
        users: snapshot.users.len() as u64,
        dangling: count(|f| matches!(f, Finding::Dangling { .. })),
        orphans: count(|f| matches!(f, Finding::Orphan { .. })),
        mismatches: count(|f| matches!(f, Finding::Mismatch { .. })),
        fixed: count(Finding::fixed),
        clean: found.iter().all(|f| f.finding.fixed()),
        fix: args.fix,
    };
    ctx.printer.print(&summary);
    if summary.clean {
        Ok(())
    } else {
        Err(Error::silent(Kind::Internal).into())
    }
}

async fn read_snapshot(
    db: &Db,
    store: &Store,
    bucket: &BucketName,
) -> std::result::Result<Snapshot, Error> {
    let entries = db.all_entries().await?;
    let mut objects = BTreeMap::new();
    for prefix in [USERS_PREFIX, DEFAULTS_PREFIX] {
        objects.extend(store.list(bucket, prefix).await?);
    }
    let users = db.list_users(None).await?;
    Ok(Snapshot {
        entries,
        objects,
        users,
    })
}

/// The findings of a snapshot. `ours` is the URL prefix of pfp's bucket: a picture
/// column the app set to somewhere else, with no ledger entry, is not pfp's business.
fn compare(snapshot: &Snapshot, ours: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut referenced = HashSet::new();
    for (index, entry) in snapshot.entries.iter().enumerate() {
        for key in entry.keys() {
            if !snapshot.objects.contains_key(&key) {
                let owner = match entry.kind {
                    PictureKind::User => format!("user {}", entry.user_ref),
                    PictureKind::Default => "the default picture".to_owned(),
                };
                found.push(Found {
                    finding: Finding::Dangling {
                        key: key.clone(),
                        owner,
                        current: entry.current,
                        fixed: false,
                    },
                    repair: Repair::Dangling { entry: index },
                });
            }
            referenced.insert(key);
        }
    }
    let now = SystemTime::now();
    for (key, modified) in &snapshot.objects {
        if !referenced.contains(key) {
            let age = modified.and_then(|m| now.duration_since(m).ok());
            found.push(Found {
                finding: Finding::Orphan {
                    key: key.clone(),
                    age_seconds: age.map(|a| a.as_secs()),
                    fixed: false,
                },
                repair: Repair::Orphan {
                    key: key.clone(),
                    age,
                },
            });
        }
    }
    let current: HashMap<&str, &str> = snapshot
        .entries
        .iter()
        .filter(|e| e.current && e.kind == PictureKind::User)
        .map(|e| (e.user_ref.as_str(), e.url.as_str()))
        .collect();
    for user in &snapshot.users {
        let ledger = current.get(user.id.as_str()).copied();
        let column = user.picture_url.as_deref();
        let foreign = ledger.is_none() && column.is_some_and(|c| !c.starts_with(ours));
        if column != ledger && !foreign {
            found.push(Found {
                finding: Finding::Mismatch {
                    user: user.id.clone(),
                    column: column.map(str::to_owned),
                    ledger: ledger.map(str::to_owned),
                    fixed: false,
                },
                repair: Repair::Mismatch {
                    user: user.id.clone(),
                    folder: keys::user_folder(user),
                    column: column.map(str::to_owned),
                },
            });
        }
    }
    found
}

/// `--fix`: after one confirmation, repairs every fixable finding under its owner lock.
async fn fix(
    ctx: &Context,
    args: &VerifyOptions,
    found: &mut [Found],
    entries: &[LedgerEntry],
    store: &Store,
    db: &Db,
    bucket: &BucketName,
) -> Result<()> {
    let fixable = |r: &Repair| match r {
        Repair::Orphan { age, .. } => age.is_some_and(|a| a >= args.grace),
        Repair::Mismatch { .. } | Repair::Dangling { .. } => true,
    };
    if !found.iter().any(|f| fixable(&f.repair)) {
        return Ok(());
    }
    let count = |pred: &dyn Fn(&Repair) -> bool| found.iter().filter(|f| pred(&f.repair)).count();
    ctx.confirm(
        &format!(
            "Delete {} orphaned object(s), repair {} picture column(s) and drop {} ledger entr(ies) of missing objects?",
            count(&|r| matches!(r, Repair::Orphan { .. }) && fixable(r)),
            count(&|r| matches!(r, Repair::Mismatch { .. })),
            count(&|r| matches!(r, Repair::Dangling { .. }))
        ),
        args.yes,
    )?;
    for f in found.iter_mut().filter(|f| fixable(&f.repair)) {
        match repair(&f.repair, entries, store, db, bucket).await {
            Ok(true) => f.finding.set_fixed(),
            Ok(false) => ctx.printer.warn(&format!(
                "left alone, changed by another writer meanwhile: {}",
                f.finding.line()
            )),
            Err(e) => ctx.printer.warn(&format!("could not fix: {e}")),
        }
    }
    Ok(())
}
