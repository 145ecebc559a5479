//! `pfp verify [--fix]`: reconcile the database and the bucket.
//!
//! Findings: *dangling* (a ledger entry whose object is missing), *orphan* (an object under
//! pfp's prefixes that no ledger entry references), *mismatch* (a user's picture column
//! that disagrees with the ledger's current entry). `--fix` deletes orphans older than the
//! grace period and rewrites mismatched columns from the ledger; it never deletes a row.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, SystemTime};

use serde_json::json;

use crate::cli::VerifyArgs;
use crate::commands::Context;
use crate::error::{Error, Kind, Result};
use crate::output::Report;
use crate::store::keys::{self, DEFAULTS_PREFIX, USERS_PREFIX};
use crate::store::{BucketName, Store};
use crate::units::{format_duration, parse_duration};
use crate::users::{Db, LedgerEntry, PictureKind};

#[derive(Debug)]
enum Finding {
    Dangling {
        key: String,
        owner: String,
        current: bool,
        entry: usize,
    },
    Orphan {
        key: String,
        age: Option<Duration>,
    },
    Mismatch {
        user: String,
        /// The user's folder in the bucket: what the owner lock is taken on.
        folder: String,
        column: Option<String>,
        ledger: Option<String>,
    },
}

impl Finding {
    fn line(&self) -> String {
        match self {
            Finding::Dangling {
                key,
                owner,
                current,
                ..
            } => format!(
                "dangling  {key}: recorded for {owner}{} but missing from the bucket",
                if *current { " (current picture)" } else { "" }
            ),
            Finding::Orphan { key, age } => format!(
                "orphan    {key}: in the bucket but in no ledger entry{}",
                age.map(|a| format!(
                    " (age {})",
                    format_duration(Duration::from_secs(a.as_secs()))
                ))
                .unwrap_or_default()
            ),
            Finding::Mismatch {
                user,
                column,
                ledger,
                ..
            } => format!(
                "mismatch  user {user}: picture column {} but the ledger says {}",
                column.as_deref().unwrap_or("NULL"),
                ledger.as_deref().unwrap_or("NULL")
            ),
        }
    }

    fn json(&self, fixed: bool) -> serde_json::Value {
        match self {
            Finding::Dangling {
                key,
                owner,
                current,
                ..
            } => {
                json!({"type": "finding", "kind": "dangling", "key": key, "owner": owner, "current": current, "fixed": fixed})
            }
            Finding::Orphan { key, age } => {
                json!({"type": "finding", "kind": "orphan", "key": key, "age_seconds": age.map(|a| a.as_secs()), "fixed": fixed})
            }
            Finding::Mismatch {
                user,
                column,
                ledger,
                ..
            } => {
                json!({"type": "finding", "kind": "mismatch", "user": user, "column": column, "ledger": ledger, "fixed": fixed})
            }
        }
    }
}

/// Repairs one finding under the owner lock of its folder, re-checking first what the
/// snapshot said: another pfp run may have committed, retired or re-uploaded something
/// since `verify` read the ledger, listed the bucket and read the users. Returns false
/// when the finding was left alone because someone else changed the column meanwhile.
async fn repair(
    finding: &Finding,
    entries: &[LedgerEntry],
    store: &Store,
    db: &Db,
    bucket: &BucketName,
) -> std::result::Result<bool, Error> {
    match finding {
        Finding::Orphan { key, .. } => {
            db.with_owner_lock(keys::folder_of(key), async {
                // Recorded meanwhile (a publish committed it): not an orphan any more.
                if !db.key_in_use(key, -1).await? {
                    store.delete(bucket, key).await?;
                }
                Ok(true)
            })
            .await
        }
        Finding::Dangling { entry, .. } => {
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
        Finding::Mismatch {
            user,
            folder,
            column,
            ..
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

pub async fn run(args: &VerifyArgs, ctx: &Context) -> Result<()> {
    let grace = parse_duration(&args.grace).map_err(|e| Error::invalid(format!("--grace: {e}")))?;
    let db = ctx.db().await?;
    let store = ctx.store()?;
    let bucket = &ctx.settings.bucket.value;
    store.require_bucket(bucket).await?;

    let entries = db.all_entries().await?;
    let mut objects: BTreeMap<String, Option<SystemTime>> = BTreeMap::new();
    for prefix in [USERS_PREFIX, DEFAULTS_PREFIX] {
        objects.extend(store.list(bucket, prefix).await?);
    }
    let users = db.list_users(None).await?;

    let mut findings = Vec::new();
    let mut referenced = HashSet::new();
    for (index, entry) in entries.iter().enumerate() {
        for key in entry.keys() {
            if !objects.contains_key(&key) {
                let owner = match entry.kind {
                    PictureKind::User => format!("user {}", entry.user_ref),
                    PictureKind::Default => "the default picture".to_owned(),
                };
                findings.push(Finding::Dangling {
                    key: key.clone(),
                    owner,
                    current: entry.current,
                    entry: index,
                });
            }
            referenced.insert(key);
        }
    }
    let now = SystemTime::now();
    for (key, modified) in &objects {
        if !referenced.contains(key) {
            let age = modified.and_then(|m| now.duration_since(m).ok());
            findings.push(Finding::Orphan {
                key: key.clone(),
                age,
            });
        }
    }
    let current: HashMap<&str, &str> = entries
        .iter()
        .filter(|e| e.current && e.kind == PictureKind::User)
        .map(|e| (e.user_ref.as_str(), e.url.as_str()))
        .collect();
    let ours = format!("{}/{bucket}/", ctx.settings.endpoint.value);
    for user in &users {
        let ledger = current.get(user.id.as_str()).copied();
        let column = user.picture_url.as_deref();
        // A URL the app set itself (not in pfp's bucket) with no ledger entry is not ours.
        let foreign = ledger.is_none() && column.is_some_and(|c| !c.starts_with(&ours));
        if column != ledger && !foreign {
            findings.push(Finding::Mismatch {
                user: user.id.clone(),
                folder: keys::user_folder(user),
                column: column.map(str::to_owned),
                ledger: ledger.map(str::to_owned),
            });
        }
    }

    let fixable = |f: &Finding| match f {
        Finding::Orphan { age, .. } => age.is_some_and(|a| a >= grace),
        Finding::Mismatch { .. } | Finding::Dangling { .. } => true,
    };
    let mut fixed = vec![false; findings.len()];
    if args.fix && findings.iter().any(fixable) {
        ctx.confirm(
            &format!(
                "Delete {} orphaned object(s), repair {} picture column(s) and drop {} ledger entr(ies) of missing objects?",
                findings.iter().filter(|f| matches!(f, Finding::Orphan { .. }) && fixable(f)).count(),
                findings.iter().filter(|f| matches!(f, Finding::Mismatch { .. })).count(),
                findings.iter().filter(|f| matches!(f, Finding::Dangling { .. })).count()
            ),
            args.yes,
        )?;
        for (i, finding) in findings.iter().enumerate() {
            if !fixable(finding) {
                continue;
            }
            match repair(finding, &entries, &store, db, bucket).await {
                Ok(true) => fixed[i] = true,
                Ok(false) => ctx.printer.warn(&format!(
                    "left alone, changed by another writer meanwhile: {}",
                    finding.line()
                )),
                Err(e) => ctx.printer.warn(&format!("could not fix: {e}")),
            }
        }
    }

    for (finding, fixed) in findings.iter().zip(&fixed) {
        ctx.printer.print(&Report {
            line: format!("{}{}", finding.line(), if *fixed { " [fixed]" } else { "" }),
            json: finding.json(*fixed),
        });
    }
    let remaining = fixed.iter().filter(|f| !**f).count();
    let count = |pred: fn(&Finding) -> bool| findings.iter().filter(|f| pred(f)).count();
    ctx.printer.print(&Report {
        line: if remaining == 0 {
            format!(
                "Verified {} ledger entries, {} objects, {} users: clean{}.",
                entries.len(),
                objects.len(),
                users.len(),
                if findings.is_empty() {
                    String::new()
                } else {
                    format!(" after fixing {}", findings.len())
                }
            )
        } else {
            format!(
                "Verified {} ledger entries, {} objects, {} users: {remaining} problem(s) left{}.",
                entries.len(),
                objects.len(),
                users.len(),
                if args.fix {
                    ""
                } else {
                    " (pfp verify --fix repairs orphans and mismatches)"
                }
            )
        },
        json: json!({
            "type": "verify",
            "entries": entries.len(),
            "objects": objects.len(),
            "users": users.len(),
            "dangling": count(|f| matches!(f, Finding::Dangling { .. })),
            "orphans": count(|f| matches!(f, Finding::Orphan { .. })),
            "mismatches": count(|f| matches!(f, Finding::Mismatch { .. })),
            "fixed": findings.len() - remaining,
            "clean": remaining == 0,
        }),
    });
    if remaining == 0 {
        Ok(())
    } else {
        Err(Error::silent(Kind::Internal).into())
    }
}
