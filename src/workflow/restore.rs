//! `pfp restore`: a replaced picture made current again.

use super::{Kept, RETAIN, Target, canonical_url, expiry_of_now, folder};
use crate::error::Error;
use crate::store::Store;
use crate::users::{Db, LedgerEntry};
use crate::values::{BucketName, Endpoint};

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
/// checked that the store is this database's ([`super::identity::ensure`]; `restore --since`
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
        // An app's value replaced at the same time as pfp's picture had been written over
        // it (one change replaced both): the app's is what the user was shown.
        candidates.sort_by(|a, b| {
            b.replaced_at()
                .cmp(a.replaced_at())
                .then_with(|| matches!(a, Candidate::Entry(_)).cmp(&matches!(b, Candidate::Entry(_))))
        });
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
                if let Some(value) = crate::users::apps_value(column.as_deref(), current.as_ref()) {
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
