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
use crate::store::keys::{DEFAULTS_PREFIX, USERS_PREFIX};
use crate::units::{format_duration, parse_duration};
use crate::users::PictureKind;

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
            } => {
                json!({"type": "finding", "kind": "mismatch", "user": user, "column": column, "ledger": ledger, "fixed": fixed})
            }
        }
    }
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
    let mut dropped = HashSet::new();
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
            let result = match finding {
                Finding::Orphan { key, .. } => store.delete(bucket, key).await,
                Finding::Mismatch { user, ledger, .. } => {
                    // Never point a column at an entry just dropped for a missing object.
                    let gone = ledger
                        .as_deref()
                        .is_some_and(|url| dropped.iter().any(|i: &usize| entries[*i].url == url));
                    db.set_picture_column(user, if gone { None } else { ledger.as_deref() })
                        .await
                }
                Finding::Dangling { entry, .. } if dropped.contains(entry) => Ok(()),
                Finding::Dangling { entry, .. } => {
                    dropped.insert(*entry);
                    db.drop_missing(&entries[*entry]).await
                }
            };
            match result {
                Ok(()) => fixed[i] = true,
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
