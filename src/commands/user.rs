//! `pfp user add | list | show | update | delete` (and `import`, in `user_import.rs`): the
//! users pfp records pictures for.

use crate::commands::Context;
use crate::error::Result;
use crate::output::{UserAdded, UserReport, UserTable};
use crate::settings::{ListFilter, UserListOptions, UserOptions};

/// Users read per query by `user list`.
const PAGE: u64 = 1000;
use crate::users::{PictureKind, Selector, User};

pub async fn run(options: &UserOptions, ctx: &Context) -> Result<()> {
    match options {
        UserOptions::Add {
            email,
            nickname,
            name,
        } => {
            let db = ctx.db().await?;
            let user = db.add_user(email, nickname, name.as_deref()).await?;
            ctx.printer.status(&UserAdded {
                nickname,
                id: &user.id,
            });
            ctx.printer.print(&UserReport {
                user: &user,
                picture: None,
                app: None,
                single: true,
                generated: db.setting(crate::workflow::DEFAULT_STYLE).await?.is_some(),
                kept: &[],
                kept_values: &[],
                previous: &[],
            });
        }
        UserOptions::Update {
            user,
            email,
            nickname,
            name,
        } => {
            let db = ctx.db().await?;
            let found = db.find_user(user).await?;
            let updated = db
                .update_user(
                    &found,
                    email.as_deref(),
                    nickname.as_deref(),
                    name.as_deref(),
                )
                .await?;
            let changes: Vec<(String, Option<String>, Option<String>)> = [
                ("email", email.is_some()),
                ("nickname", nickname.is_some()),
                ("display_name", name.is_some()),
            ]
            .into_iter()
            .filter(|(_, given)| *given)
            .filter_map(|(field, _)| {
                let (before, after) = (found.field(field), updated.field(field));
                (before != after).then(|| {
                    (
                        field.to_owned(),
                        before.map(str::to_owned),
                        after.map(str::to_owned),
                    )
                })
            })
            .collect();
            if !changes.is_empty() {
                ctx.printer.status(&crate::output::UserChanged {
                    selector: &user.text,
                    user: &updated.id,
                    changes: &changes,
                });
            }
            let previous: Vec<(String, Option<String>)> = changes
                .into_iter()
                .map(|(field, before, _)| (field, before))
                .collect();
            report_with(ctx, &updated, true, &previous).await?;
        }
        UserOptions::Delete { user, yes } => delete(ctx, user, *yes).await?,
        UserOptions::Show(user) => {
            let found = ctx.db().await?.find_user(user).await?;
            report(ctx, &found, true).await?;
        }
        UserOptions::List(list_options) => list(ctx, list_options).await?,
        UserOptions::Import { file } => crate::commands::user_import::run(file, ctx).await?,
    }
    Ok(())
}

/// `pfp user list`: a page of users at a time, each with their picture from the same
/// query, filtered by where their picture comes from, up to `--limit` shown.
async fn list(ctx: &Context, args: &UserListOptions) -> Result<()> {
    let db = ctx.db().await?;
    // Users without a picture of their own are served a generated avatar when a style
    // is set, else the default picture.
    let fallback = if db.setting(crate::workflow::DEFAULT_STYLE).await?.is_some() {
        "generated"
    } else {
        "default"
    };
    let wanted = |source: &str| {
        let own = !matches!(source, "default" | "generated");
        match args.filter {
            ListFilter::All => true,
            ListFilter::WithPicture => own,
            ListFilter::WithoutPicture => !own,
            ListFilter::Source(want) => want == source,
        }
    };
    let mut listed = 0u64;
    let mut after: Option<String> = None;
    let limit = args.limit;
    while listed < limit {
        let page = db.users_with_pictures(after.as_deref(), PAGE).await?;
        let apps: Vec<_> = page
            .iter()
            .map(|(user, picture)| {
                ctx.app_picture_of(user.picture_url.as_deref(), picture.as_ref())
            })
            .collect();
        let reports: Vec<UserReport<'_>> = page
            .iter()
            .zip(&apps)
            .filter(|((_, picture), app)| {
                wanted(match (picture, app) {
                    (_, Some(app)) => app.source(),
                    (Some(_), None) => "user",
                    (None, None) => fallback,
                })
            })
            .take(usize::try_from(limit - listed).unwrap_or(usize::MAX))
            .map(|((user, picture), app)| UserReport {
                user,
                picture: picture.as_ref(),
                app: app.as_ref(),
                single: false,
                generated: fallback == "generated",
                kept: &[],
                kept_values: &[],
                previous: &[],
            })
            .collect();
        let shown = reports.len() as u64;
        if ctx.printer.is_json() {
            for report in &reports {
                ctx.printer.print(report);
            }
        } else if !reports.is_empty() {
            ctx.printer.print_table(&UserTable {
                rows: reports,
                header: listed == 0,
                tsv: args.tsv,
            });
        }
        listed += shown;
        match page.last() {
            Some((user, _)) if page.len() as u64 == PAGE => after = Some(user.id.clone()),
            _ => break,
        }
    }
    Ok(())
}

async fn report(ctx: &Context, user: &User, single: bool) -> Result<()> {
    report_with(ctx, user, single, &[]).await
}

/// [`report`], with `update`'s changed fields and their values before.
async fn report_with(
    ctx: &Context,
    user: &User,
    single: bool,
    previous: &[(String, Option<String>)],
) -> Result<()> {
    let db = ctx.db().await?;
    let picture = db.current(PictureKind::User, &user.id).await?;
    let app = ctx.app_picture_of(user.picture_url.as_deref(), picture.as_ref());
    let generated = picture.is_none()
        && app.is_none()
        && db.setting(crate::workflow::DEFAULT_STYLE).await?.is_some();
    let (kept, kept_values) = if single {
        (
            db.retained(crate::users::Owner::User(user)).await?,
            db.kept_values(user).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    ctx.printer.print(&UserReport {
        user,
        picture: picture.as_ref(),
        app: app.as_ref(),
        single,
        generated,
        kept: &kept,
        kept_values: &kept_values,
        previous,
    });
    Ok(())
}

/// `pfp user delete`: the user's pictures retired in `remove`'s order of effects (the
/// column cleared first, then the objects, under the owner lock), then the row. Objects
/// that cannot be deleted keep the row, so a re-run finishes the job.
async fn delete(ctx: &Context, selector: &Selector, yes: bool) -> Result<()> {
    let db = ctx.db().await?;
    if !db.owns_users() {
        return Err(crate::error::Error::config(
            "users belong to the app in existing-schema mode: delete them there, not with pfp",
        )
        .into());
    }
    let user = db.find_user(selector).await?;
    let entries = db.entries_of(&user).await?;
    let bucket = &ctx.settings.bucket.value;
    let folder = crate::workflow::folder(crate::users::Owner::User(&user));
    // The bucket is looked in even for a user with no recorded picture: an upload whose
    // commit failed left its object in the user's folder, recorded nowhere, and an
    // erasure that left it would leave the photo of someone who asked to be forgotten.
    // Only where no store is configured at all (the users managed before the bucket)
    // is the row deleted without looking, and that is said.
    let store = match entries.is_empty() && ctx.settings.credentials().is_err() {
        true => None,
        false => Some(ctx.own_store_shared().await?),
    };
    let unrecorded = match store {
        Some((store, shared)) => {
            crate::workflow::unrecorded(store, db, bucket, &folder, shared)
                .await?
                .keys
        }
        None => Vec::new(),
    };
    let mut pictures = crate::output::plural(entries.len() as u64, "picture", "pictures");
    if !unrecorded.is_empty() {
        let objects = crate::output::unrecorded_objects(unrecorded.len());
        pictures = match entries.is_empty() {
            true => objects,
            false => format!("{pictures} and {objects}"),
        };
    }
    ctx.confirm(
        &format!(
            "Delete user '{}' ({}) and {pictures}?",
            selector.text,
            user.field("email").unwrap_or(&user.id),
        ),
        yes,
    )?;
    let deleted = db
        .with_owner_lock(&folder, async {
            let mut deleted = (Vec::new(), None, false);
            // Read again under the lock: another run may have stored a picture for the
            // user since the question (its upload held the lock). Deleting the row
            // without it left its ledger entries and objects behind, for no user.
            let store = match store {
                Some(store) => Some(store),
                None if db.entries_of(&user).await?.is_empty() => None,
                None => Some(ctx.own_store_shared().await?),
            };
            if let Some((store, shared)) = store {
                db.clear(&user, None).await?;
                let all = db.entries_of(&user).await?;
                // With what no entry records in the user's folder (see `remove --purge`).
                let unrecorded =
                    crate::workflow::unrecorded(store, db, bucket, &folder, shared).await?;
                let mut retired =
                    crate::workflow::erase(store, db, bucket, &all, &unrecorded.keys).await?;
                retired
                    .notes
                    .extend(crate::output::unrecorded_left(unrecorded.left, &folder));
                if let Some(warning) = retired.warnings.first() {
                    return Err(crate::error::Error::new(
                        crate::error::Kind::Unavailable,
                        format!("user '{}' kept: {warning}", selector.text),
                    ));
                }
                for note in &retired.notes {
                    ctx.printer.warn(note);
                }
                deleted = (retired.deleted, retired.versions, true);
            }
            db.delete_user(&user).await?;
            // The app's pictures kept for the user go with the row.
            db.forget_kept_values(&user).await?;
            Ok(deleted)
        })
        .await?;
    ctx.printer.print(&crate::output::UserDeleted {
        user: &user.id,
        fields: crate::output::FieldMap(&user.fields),
        deleted: &deleted.0,
        versions_deleted: deleted.1,
    });
    if !deleted.2 {
        ctx.printer.warn(&format!(
            "no object store is configured, so the bucket was not looked in: objects of pfp's naming left in '{folder}' (an upload that failed to commit) stay until 'pfp verify --fix' deletes them"
        ));
    }
    Ok(())
}
