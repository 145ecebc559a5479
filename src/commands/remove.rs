//! `pfp remove --user USER`: clear the picture (database first), then delete its objects.

use serde_json::json;

use crate::cli::RemoveArgs;
use crate::commands::Context;
use crate::error::Result;
use crate::output::Done;
use crate::users::{PictureKind, Selector};

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
    // The database first: it must never point at an object that is gone.
    let previous = db.clear(&user).await?;
    let mut deleted = Vec::new();
    let mut forget = Vec::new();
    for entry in &previous {
        let mut all_gone = true;
        for key in entry.keys() {
            match store.delete(bucket, &key).await {
                Ok(()) => deleted.push(key),
                Err(e) => {
                    all_gone = false;
                    ctx.printer.warn(&format!(
                        "'{key}' was not deleted: {e} (run 'pfp verify --fix' later)"
                    ));
                }
            }
        }
        if all_gone {
            forget.push(entry.id);
        }
    }
    db.forget(&forget).await?;
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
