//! `pfp restore --user USER` / `--default`: the most recently replaced picture (kept for
//! [`crate::workflow::RETAIN`] after an upload, import or remove replaced it; pfp's own
//! picture or the app's) is current again.

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::output::{
    FirstPictureSince, KeptPicture, Removed, RestoreSummary, Restored, WouldRestore,
};
use crate::settings::RestoreOptions;
use crate::users::{PictureKind, ReplacedSince, Selector, SelectorKind};
use crate::workflow::Target;

pub async fn run(args: &RestoreOptions, ctx: &Context) -> Result<()> {
    if let Some(since) = &args.since {
        return since_then(args, since, ctx).await;
    }
    let db = ctx.db().await?;
    let user = match &args.selector {
        Some(selector) => Some(db.find_user(selector).await?),
        None => None,
    };
    let (target, whose) = match (&user, &args.selector) {
        (Some(user), Some(selector)) => (Target::User(user), format!("user '{}'", selector.text)),
        _ => (Target::Default, "the default picture".to_owned()),
    };
    // Only in this database's store: a wrong bucket or server is refused before any change.
    let store = ctx.own_store().await?;
    // Generated avatars stand in for the default picture while a style is set
    // (`set-default --generated`): restoring the default ends them, and with no --key the
    // default picture they stood in for is the one shown again.
    let style = match target {
        Target::Default => db.setting(crate::workflow::DEFAULT_STYLE).await?,
        _ => None,
    };
    let current = match (&style, &args.key) {
        (Some(_), None) => db.current(PictureKind::Default, "").await?,
        _ => None,
    };
    let restored = match current {
        Some(current) => crate::workflow::Restored {
            key: Some(current.key.clone()),
            url: crate::workflow::canonical_url(
                &ctx.settings.endpoint.value,
                &ctx.settings.bucket.value,
                &current.key,
            ),
            replaced_at: None,
            replaced: None,
            brought_back: Vec::new(),
        },
        None => {
            crate::workflow::restore(
                store,
                db,
                &ctx.settings.bucket.value,
                &ctx.settings.endpoint.value,
                target,
                &whose,
                args.key.as_deref(),
            )
            .await?
        }
    };
    // Only the style read above: one another run set meanwhile is not what the
    // operator undid, and stays (the default picture is restored all the same).
    let style = match style {
        Some(style) => db
            .unset_setting_if(crate::workflow::DEFAULT_STYLE, &style)
            .await?
            .then_some(style),
        None => None,
    };
    if !restored.brought_back.is_empty() {
        ctx.printer.status(&crate::output::BroughtBack {
            keys: &restored.brought_back,
        });
    }
    ctx.printer.print(&Restored {
        selector: args.selector.as_ref().map(|s| s.text.as_str()),
        user: user.as_ref().map(|u| u.id.as_str()),
        key: restored.key.as_deref(),
        url: &restored.url,
        replaced_at: restored.replaced_at.as_deref(),
        replaced: restored.replaced.as_ref().map(KeptPicture::of),
        replaced_style: style.as_deref(),
    });
    Ok(())
}

/// `pfp restore --since T`: every user whose picture was replaced since `since` gets back
/// the picture it had then (the one replaced first since), as `pfp restore --user U --key
/// K` would bring it back, one user at a time under the user's owner lock: the undo of a
/// mistaken import, as `mc undo` undoes a mistaken copy. Asks first, naming how many and
/// where; a user whose restore fails (the app wrote a picture since, say) is named and
/// the others go on.
async fn since_then(args: &RestoreOptions, since: &str, ctx: &Context) -> Result<()> {
    let db = ctx.db().await?;
    // A replaced picture is kept RETAIN, then goes with its user's next change or a
    // `verify --fix`: further back, what is listed may not be all that was replaced.
    let kept_from = chrono::Utc::now()
        - chrono::Duration::from_std(crate::workflow::RETAIN).unwrap_or_default();
    if chrono::DateTime::parse_from_rfc3339(since).is_ok_and(|at| at < kept_from) {
        ctx.printer.warn(&format!(
            "a replaced picture is kept {} days, then deleted with its user's next change or by 'pfp verify --fix': of those replaced before {}, some may be gone, and their users are not among those below",
            crate::workflow::RETAIN.as_secs() / 86_400,
            kept_from.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ));
    }
    // The ledger dates pictures to the second: one stored in the second of `since`
    // counts as come since then (its user is named, not restored to it).
    let whole_seconds = chrono::DateTime::parse_from_rfc3339(since)
        .map(|at| {
            at.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        })
        .unwrap_or_else(|_| since.to_owned());
    // A user whose picture replaced first since then came since then too had none
    // then: the import gave the first and an upload replaced it. "Restoring" it put
    // back a picture of after `since`; the user is one of the first pictures instead.
    let replaced: Vec<ReplacedSince> = db
        .replaced_since(since, &whole_seconds)
        .await?
        .into_iter()
        .filter(|r| !r.came_since)
        .collect();
    let users = replaced.len() as u64;
    // Users whose first picture came since then have nothing to restore: each is
    // named (with the picture `pfp remove` would take away), and counted.
    let first_pictures: Vec<(String, String)> = db
        .stored_since(&whole_seconds)
        .await?
        .into_iter()
        .filter(|(user, _)| !replaced.iter().any(|r| r.user == *user))
        .collect();
    let removing = args.remove_first_pictures && !first_pictures.is_empty();
    let summary = |restored: u64, failed: u64, removed: u64, not_removed: u64| RestoreSummary {
        since,
        users,
        restored,
        failed,
        first_pictures: first_pictures.len() as u64,
        first_pictures_removed: removed,
        first_pictures_failed: not_removed,
        removing: args.remove_first_pictures,
        dry_run: args.dry_run,
    };
    let name_first_pictures = || {
        for (user, key) in &first_pictures {
            ctx.printer.print(&FirstPictureSince { user, key });
        }
    };
    if args.dry_run || (replaced.is_empty() && !removing) {
        for r in &replaced {
            ctx.printer.print(&WouldRestore {
                user: &r.user,
                key: &r.key,
                replaced_at: &r.at,
            });
        }
        name_first_pictures();
        ctx.printer.print(&summary(0, 0, 0, 0));
        return Ok(());
    }
    // The store is this database's before the question: a wrong bucket is refused
    // before anything is asked or changed.
    let store = ctx.own_store().await?;
    let also_remove = if removing {
        format!(
            ", and remove the first pictures of {}",
            crate::output::plural(first_pictures.len() as u64, "user", "users")
        )
    } else {
        String::new()
    };
    ctx.confirm(
        &format!(
            "Restore the pictures of {} replaced since {}, each to the one it had then{also_remove} ({})?",
            crate::output::plural(users, "user", "users"),
            crate::values::to_the_second(since),
            ctx.place()
        ),
        args.yes,
    )?;
    let (mut restored, mut failed, mut first_failure) = (0, 0, None);
    for ReplacedSince { user: id, key, .. } in &replaced {
        let selector = Selector {
            text: id.clone(),
            kind: SelectorKind::Id,
            forced: true,
        };
        let whose = format!("user '{id}'");
        let outcome = async {
            let user = db.find_user(&selector).await?;
            let done = crate::workflow::restore(
                store,
                db,
                &ctx.settings.bucket.value,
                &ctx.settings.endpoint.value,
                Target::User(&user),
                &whose,
                Some(key),
            )
            .await?;
            Ok::<_, Error>(done)
        }
        .await;
        match outcome {
            Ok(done) => {
                restored += 1;
                if !done.brought_back.is_empty() {
                    ctx.printer.status(&crate::output::BroughtBack {
                        keys: &done.brought_back,
                    });
                }
                ctx.printer.print(&Restored {
                    selector: Some(id),
                    user: Some(id),
                    key: done.key.as_deref(),
                    url: &done.url,
                    replaced_at: done.replaced_at.as_deref(),
                    replaced: done.replaced.as_ref().map(KeptPicture::of),
                    replaced_style: None,
                });
            }
            Err(e) => {
                failed += 1;
                first_failure.get_or_insert(e.kind());
                ctx.printer.error(e.kind(), &e.to_string());
            }
        }
    }
    let (mut removed, mut not_removed) = (0, 0);
    if removing {
        for (id, key) in &first_pictures {
            match remove_first_picture(store, db, ctx, id, key).await {
                Ok(()) => removed += 1,
                Err(e) => {
                    not_removed += 1;
                    first_failure.get_or_insert(e.kind());
                    ctx.printer.error(e.kind(), &e.to_string());
                }
            }
        }
    } else {
        name_first_pictures();
    }
    ctx.printer
        .print(&summary(restored, failed, removed, not_removed));
    match first_failure {
        Some(kind) => Err(Error::silent(kind).into()),
        None => Ok(()),
    }
}

/// `restore --since --remove-first-pictures`: user `id`'s picture, the first it had, goes
/// as `pfp remove` takes it away (kept for `pfp restore`), if it is still the one listed
/// (`key`): one another run stored since the list was made is not what the operator was
/// asked about.
async fn remove_first_picture(
    store: &crate::store::Store,
    db: &crate::users::Db,
    ctx: &Context,
    id: &str,
    key: &str,
) -> Result<(), Error> {
    let selector = Selector {
        text: id.to_owned(),
        kind: SelectorKind::Id,
        forced: true,
    };
    let user = db.find_user(&selector).await?;
    // The app wrote a picture of its own since (the user uploaded anew through it): as
    // for the users restored, what came since through the app is not pfp's to undo.
    let current = db.current(PictureKind::User, id).await?;
    if let Some(value) = db.apps_value_now(id, current.as_ref()).await? {
        return Err(Error::new(
            crate::error::Kind::Unavailable,
            format!(
                "the picture of user '{id}' is not pfp's now ('{value}', written by the app after pfp's): removing it would clear the app's; nothing was changed"
            ),
        ));
    }
    let bucket = &ctx.settings.bucket.value;
    let Some(removal) = crate::workflow::remove(store, db, bucket, &user, key).await? else {
        return Err(crate::commands::remove::changed_meanwhile(db, &user, id).await);
    };
    for warning in removal.pruned.warnings.iter().chain(&removal.pruned.notes) {
        ctx.printer.warn(warning);
    }
    let until = crate::workflow::expiry_of_now();
    ctx.printer.print(&Removed {
        selector: id,
        user: id,
        source: Some("user"),
        column: None,
        deleted: &removal.pruned.deleted,
        versions_deleted: None,
        kept: removal.kept.as_deref().map(|key| KeptPicture {
            key,
            until: Some(&until),
            app: false,
        }),
        values_forgotten: 0,
    });
    Ok(())
}
