//! `pfp remove --user USER`: clear the picture (database first), then delete its objects.

use crate::commands::Context;
use crate::error::Result;
use crate::output::Removed;
use crate::settings::RemoveOptions;
use crate::users::{Owner, PictureKind};

pub async fn run(args: &RemoveOptions, ctx: &Context) -> Result<()> {
    let selector = &args.selector;
    let db = ctx.db().await?;
    let user = db.find_user(selector).await?;
    let bucket = &ctx.settings.bucket.value;

    let Some(current) = db.current(PictureKind::User, &user.id).await? else {
        ctx.printer.print(&Removed {
            selector: &selector.text,
            had_picture: false,
            user: &user.id,
            deleted: &[],
        });
        return Ok(());
    };
    let store = ctx.store().await?;
    // Only in this database's store (checked before asking): a wrong bucket or server
    // would make the objects look gone, and the real ones orphans.
    crate::workflow::identity::ensure(store, db, bucket, &ctx.settings.endpoint.value).await?;
    ctx.confirm(
        &format!(
            "Remove the picture of user '{}' ({})?",
            selector.text, current.key
        ),
        args.yes,
    )?;

    // The database first (it must never point at an object that is gone), then the
    // objects, all under the owner lock, as an upload retires its previous picture: what
    // another run committed meanwhile is re-checked before anything is deleted.
    let folder = crate::workflow::folder(Owner::User(&user));
    let retired = db
        .with_owner_lock(&folder, async {
            let previous = db.clear(&user).await?;
            crate::workflow::retire(store, db, bucket, &previous, &[]).await
        })
        .await?;
    for warning in &retired.warnings {
        ctx.printer.warn(warning);
    }
    ctx.printer.print(&Removed {
        selector: &selector.text,
        had_picture: true,
        user: &user.id,
        deleted: &retired.deleted,
    });
    Ok(())
}
