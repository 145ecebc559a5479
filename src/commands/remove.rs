//! `pfp remove --user USER`: clear the picture (database first), then delete its objects.

use serde_json::json;

use crate::cli::RemoveArgs;
use crate::commands::Context;
use crate::error::Result;
use crate::output::Done;
use crate::users::{Owner, PictureKind, Selector};

pub async fn run(args: &RemoveArgs, ctx: &Context) -> Result<()> {
    let selector = Selector::parse(&args.user.user, args.user.user_by)?;
    let db = ctx.db().await?;
    let user = db.find_user(&selector).await?;
    let bucket = &ctx.settings.bucket.value;

    let Some(current) = db.current(PictureKind::User, &user.id).await? else {
        ctx.printer.print(&Done {
            line: format!(
                "User '{}' has no picture; nothing to remove.",
                selector.text
            ),
            json: json!({ "type": "removed", "user": user.id, "deleted": [] }),
        });
        return Ok(());
    };
    ctx.confirm(
        &format!(
            "Remove the picture of user '{}' ({})?",
            selector.text, current.key
        ),
        args.yes,
    )?;

    let store = ctx.store()?;
    // The database first (it must never point at an object that is gone), then the
    // objects, all under the owner lock, as an upload retires its previous picture: what
    // another run committed meanwhile is re-checked before anything is deleted.
    let folder = crate::workflow::folder(Owner::User(&user));
    let retired = db
        .with_owner_lock(&folder, async {
            let previous = db.clear(&user).await?;
            crate::workflow::retire(&store, db, bucket, &previous, &[]).await
        })
        .await?;
    for warning in &retired.warnings {
        ctx.printer.warn(warning);
    }
    let deleted = retired.deleted;
    ctx.printer.print(&Done {
        line: format!(
            "Removed the picture of user '{}' ({} object{} deleted); the default picture applies now.",
            selector.text,
            deleted.len(),
            if deleted.len() == 1 { "" } else { "s" }
        ),
        json: json!({ "type": "removed", "user": user.id, "deleted": deleted }),
    });
    Ok(())
}
