//! `pfp remove --user USER`: clear the picture (database first); keep it for `pfp
//! restore` as a replaced picture is kept, or with `--purge` delete its objects and
//! those of the pictures kept after replacements;
//! a picture pfp did not store is cleared from the column and its object left alone.

use crate::commands::Context;
use crate::error::{Error, Kind, Result};
use crate::output::{KeptPicture, Removed};
use crate::settings::RemoveOptions;
use crate::users::{Db, Owner, PictureKind, User};
use crate::values::ColumnPicture;

pub async fn run(args: &RemoveOptions, ctx: &Context) -> Result<()> {
    let selector = &args.selector;
    let db = ctx.db().await?;
    let user = db.find_user(selector).await?;
    let bucket = &ctx.settings.bucket.value;

    let Some(current) = db.current(PictureKind::User, &user.id).await? else {
        return clear_column(args, ctx, &user).await;
    };
    // Only in this database's store (checked before asking): a wrong bucket or server
    // would make the objects look gone, and the real ones orphans.
    let (store, shared) = ctx.own_store_shared().await?;
    // The app may have written its own picture over pfp's (an app that still uploads the
    // old way): that is the one the user is shown, and the one the question names. Both
    // go, each kept for `pfp restore` (the app's value first), as an upload keeps them.
    let apps = db.apps_value_now(&user.id, Some(&current)).await?;
    ctx.confirm(
        &format!(
            "Remove the picture of user '{}' ({})?",
            selector.text,
            match &apps {
                Some(value) => format!("the app's '{value}', written over pfp's '{}'", current.key),
                None => current.key.clone(),
            }
        ),
        args.yes,
    )?;

    // The database first (it must never point at an object that is gone), then the
    // objects, all under the owner lock, as an upload retires its previous picture: what
    // another run committed meanwhile is re-checked before anything is deleted.
    let folder = crate::workflow::folder(Owner::User(&user));
    // Only the picture the question named: one another run stored meanwhile (while this
    // run waited for the lock, say) is not what the operator saw and agreed to remove.
    let retired = if args.purge {
        db.with_owner_lock(&folder, async {
            let Some(previous) = db.clear(&user, Some(current.id)).await? else {
                return Err(changed_meanwhile(db, &user, &selector.text).await);
            };
            // With the pictures uploads replaced, kept for 'pfp restore' (the app's
            // values too): one erasure, so the bucket is asked about versions once and
            // each object tried (and warned of) once.
            let kept = db.retained(Owner::User(&user)).await?;
            let mut all = previous;
            for entry in kept {
                if !all.iter().any(|p| p.id == entry.id) {
                    all.push(entry);
                }
            }
            // The removal is committed: an erasure that fails from here on says so, and
            // a second 'remove --purge' finishes it (it erases what is kept of a user
            // with no picture).
            let unfinished = |e| unfinished(e, &selector.text, true);
            let forgotten = db.forget_kept_values(&user).await.map_err(unfinished)?;
            let unrecorded = crate::workflow::unrecorded(store, db, bucket, &folder, shared)
                .await
                .map_err(unfinished)?;
            let mut retired = crate::workflow::erase(store, db, bucket, &all, &unrecorded.keys)
                .await
                .map_err(unfinished)?;
            retired
                .notes
                .extend(crate::output::unrecorded_left(unrecorded.left, &folder));
            Ok((retired, None, forgotten))
        })
        .await?
    } else {
        match crate::workflow::remove(store, db, bucket, &user, &current.key).await? {
            Some(removal) => (removal.pruned, removal.kept, 0),
            None => return Err(changed_meanwhile(db, &user, &selector.text).await.into()),
        }
    };
    let (retired, kept, values_forgotten) = retired;
    let until = crate::workflow::expiry_of_now();
    for warning in retired.warnings.iter().chain(&retired.notes) {
        ctx.printer.warn(warning);
    }
    // What `pfp restore --user` brings back: the app's value where it was shown.
    let kept = match &apps {
        Some(value) if kept.is_some() => Some((value.as_str(), true)),
        _ => kept.as_deref().map(|key| (key, false)),
    };
    ctx.printer.print(&Removed {
        selector: &selector.text,
        user: &user.id,
        source: Some(if apps.is_some() { "app" } else { "user" }),
        column: apps.as_deref(),
        deleted: &retired.deleted,
        versions_deleted: retired.versions,
        kept: kept.map(|(key, app)| KeptPicture {
            key,
            until: Some(&until),
            app,
        }),
        values_forgotten,
    });
    erased(args, &retired)
}

/// The picture the operator was asked about is not current any more: another run stored
/// another meanwhile (while this one waited for the lock, say), and nothing was removed.
pub(crate) async fn changed_meanwhile(db: &Db, user: &User, selector: &str) -> Error {
    let now = match db.current(PictureKind::User, &user.id).await {
        Ok(now) => now.map_or_else(|| "none".to_owned(), |e| e.key.clone()),
        Err(e) => return e,
    };
    Error::new(
        Kind::Unavailable,
        format!(
            "the picture of user '{selector}' changed before it could be removed ('{now}' is current now, stored by another run): nothing was removed; look again with 'pfp user show' and run 'pfp remove' again if it should go too"
        ),
    )
}

/// An erasure (`--purge`) that left an object (an object lock's retention, a key that
/// may not delete) exits with that failure's code, after the line that says what was
/// done and the warning that names each object left: a script that erases on a user's
/// request must not read it as done. (It exited 0.)
fn erased(args: &RemoveOptions, retired: &crate::workflow::Retired) -> Result<()> {
    match retired.failure {
        Some(kind) if args.purge => Err(Error::silent(kind).into()),
        _ => Ok(()),
    }
}

/// A user with no picture pfp stored: the column may still hold one that the app stored
/// itself or an external URL, which every reader of the column shows. Removing it (a
/// moderator's request, say) clears the column, if it still holds what was asked about,
/// and leaves the object it names: pfp did not store it (`pfp adopt` takes such
/// pictures over first, if pfp should delete them). Before, pfp answered "has no
/// picture; nothing to remove", exit 0, and the picture stayed.
///
/// `--purge` is a request to erase: what is kept of the user for `pfp restore` goes too,
/// whether or not the column holds anything now (a picture an earlier `remove` kept,
/// the app's values kept). Before, a user whose picture was removed first and purged
/// second heard "nothing to remove", and the kept picture stayed its seven days.
async fn clear_column(args: &RemoveOptions, ctx: &Context, user: &User) -> Result<()> {
    let selector = &args.selector;
    let db = ctx.db().await?;
    let bucket = &ctx.settings.bucket.value;
    let owner = Owner::User(user);
    // Compared as stored (the compare-and-set), read for what it names trimmed.
    let column = user.picture_url.as_deref().unwrap_or("");
    let value = column.trim();
    let folder = crate::workflow::folder(owner);
    // An erasure looks in the user's folder too, for objects of pfp's naming that no
    // entry records (an upload whose commit failed), in this database's store only.
    let (kept, kept_values, unrecorded, store) = if args.purge {
        let (store, shared) = ctx.own_store_shared().await?;
        let unrecorded = crate::workflow::unrecorded(store, db, bucket, &folder, shared).await?;
        let kept = db.retained(owner).await?;
        (
            kept,
            db.kept_values(user).await?.len(),
            unrecorded,
            Some(store),
        )
    } else {
        (Vec::new(), 0, Default::default(), None)
    };
    let left = crate::output::unrecorded_left(unrecorded.left, &folder);
    let unrecorded = unrecorded.keys;
    if value.is_empty() && kept.is_empty() && kept_values == 0 && unrecorded.is_empty() {
        if let Some(left) = &left {
            ctx.printer.warn(left);
        }
        ctx.printer.print(&Removed {
            selector: &selector.text,
            user: &user.id,
            source: None,
            column: None,
            deleted: &[],
            versions_deleted: None,
            kept: None,
            values_forgotten: 0,
        });
        return Ok(());
    }
    let source = if value.is_empty() {
        None
    } else {
        Some(match ctx.app_picture(Some(value)) {
            Some(ColumnPicture::InBucket { key }) => ("app", format!("the app's picture '{key}'")),
            Some(picture) => (picture.source(), format!("the external picture '{value}'")),
            // A value under pfp's own keys that no ledger entry records: `verify`'s finding.
            None => ("external", format!("'{value}', which pfp has no record of")),
        })
    };
    let mut erasing = crate::output::kept_for_restore(kept.len(), kept_values);
    if !unrecorded.is_empty() {
        let objects = crate::output::unrecorded_objects(unrecorded.len());
        erasing = match erasing.is_empty() {
            true => objects,
            false => format!("{erasing} and {objects}"),
        };
    }
    let question = match (&source, erasing.is_empty()) {
        (Some((_, what)), true) => format!(
            "Clear the picture of user '{}' ({what}; pfp did not store it and leaves the object)?",
            selector.text
        ),
        (Some((_, what)), false) => format!(
            "Clear the picture of user '{}' ({what}; pfp did not store it and leaves the object) and erase {erasing}?",
            selector.text
        ),
        (None, _) => format!("User '{}' has no picture: erase {erasing}?", selector.text),
    };
    ctx.confirm(&question, args.yes)?;
    // Kept for 'pfp restore' (a remove of the wrong user loses nothing); --purge keeps
    // nothing, and forgets what was kept before.
    let retired = db
        .with_owner_lock(&folder, async {
            if !value.is_empty() && !db.clear_column_if(user, column, !args.purge).await? {
                return Ok(None);
            }
            if !args.purge {
                return Ok(Some((crate::workflow::Retired::default(), 0)));
            }
            // Only the kept pictures the question counted, read again under the lock: a
            // picture another run replaced meanwhile is not what the operator agreed to
            // erase (the re-checks of the erasure leave one made current again).
            let asked: Vec<i64> = kept.iter().map(|e| e.id).collect();
            let now: Vec<_> = db
                .retained(owner)
                .await?
                .into_iter()
                .filter(|e| asked.contains(&e.id))
                .collect();
            let unfinished = |e| unfinished(e, &selector.text, !value.is_empty());
            let forgotten = db.forget_kept_values(user).await.map_err(unfinished)?;
            // Only the objects the question counted that are still there unrecorded,
            // listed again under the lock (one an upload had not committed when the
            // question was asked is its picture now, or gone with its failure).
            let retired = match store {
                Some(store) if !now.is_empty() || !unrecorded.is_empty() => {
                    let still: Vec<String> = match unrecorded.is_empty() {
                        true => Vec::new(),
                        false => crate::workflow::unrecorded(store, db, bucket, &folder, false)
                            .await
                            .map_err(unfinished)?
                            .keys
                            .into_iter()
                            .filter(|key| unrecorded.contains(key))
                            .collect(),
                    };
                    crate::workflow::erase(store, db, bucket, &now, &still)
                        .await
                        .map_err(unfinished)?
                }
                _ => crate::workflow::Retired::default(),
            };
            Ok(Some((retired, forgotten)))
        })
        .await?;
    let Some((retired, values_forgotten)) = retired else {
        return Err(Error::new(
            Kind::Unavailable,
            format!(
                "the picture of user '{}' changed while pfp cleared it (written by the app or another pfp run): nothing was changed; look again with 'pfp user show' and run 'pfp remove' again",
                selector.text
            ),
        )
        .into());
    };
    for warning in retired.warnings.iter().chain(&retired.notes).chain(&left) {
        ctx.printer.warn(warning);
    }
    let until = crate::workflow::expiry_of_now();
    ctx.printer.print(&Removed {
        selector: &selector.text,
        user: &user.id,
        source: source.as_ref().map(|(source, _)| *source),
        column: source.as_ref().map(|_| value),
        deleted: &retired.deleted,
        versions_deleted: retired.versions,
        kept: (!args.purge && source.is_some()).then(|| KeptPicture {
            key: column,
            until: Some(&until),
            app: true,
        }),
        values_forgotten,
    });
    erased(args, &retired)
}

/// An erasure (`--purge`) that failed after it began: what is done stays done, and a
/// second `remove --purge` finishes it (it erases what is kept of a user with no picture).
fn unfinished(e: Error, user: &str, removed: bool) -> Error {
    e.append(&format!(
        "; what was kept of user '{user}' for 'pfp restore' is not all erased{}: run 'pfp remove --user {user} --purge' again to finish",
        if removed {
            ", though the picture was removed"
        } else {
            ""
        }
    ))
}
