//! `pfp restore --user USER` / `--default`: the most recently replaced picture (kept for
//! [`crate::workflow::RETAIN`] after an upload, import or remove replaced it; pfp's own
//! picture or the app's) is current again.

use crate::commands::Context;
use crate::error::Result;
use crate::output::{KeptPicture, Restored};
use crate::settings::RestoreOptions;
use crate::workflow::Target;

pub async fn run(args: &RestoreOptions, ctx: &Context) -> Result<()> {
    let db = ctx.db().await?;
    let user = match &args.selector {
        Some(selector) => Some(db.find_user(selector).await?),
        None => None,
    };
    let (target, whose) = match (&user, &args.selector) {
        (Some(user), Some(selector)) => (Target::User(user), format!("user '{}'", selector.text)),
        _ => (Target::Default, "the default picture".to_owned()),
    };
    let store = ctx.store().await?;
    let restored = crate::workflow::restore(
        store,
        db,
        &ctx.settings.bucket.value,
        &ctx.settings.endpoint.value,
        target,
        &whose,
        args.key.as_deref(),
    )
    .await?;
    ctx.printer.print(&Restored {
        selector: args.selector.as_ref().map(|s| s.text.as_str()),
        user: user.as_ref().map(|u| u.id.as_str()),
        key: restored.key.as_deref(),
        url: &restored.url,
        replaced_at: restored.replaced_at.as_deref(),
        replaced: restored.replaced.as_ref().map(KeptPicture::of),
    });
    Ok(())
}
