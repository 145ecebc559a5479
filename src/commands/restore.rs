//! `pfp restore --user USER` / `--default`: the most recently replaced picture (kept for
//! [`crate::workflow::RETAIN`] after an upload or import replaced it) is current again.

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
    let url = crate::workflow::canonical_url(
        &ctx.settings.endpoint.value,
        &ctx.settings.bucket.value,
        &restored.entry.key,
    );
    ctx.printer.print(&Restored {
        selector: args.selector.as_ref().map(|s| s.text.as_str()),
        user: user.as_ref().map(|u| u.id.as_str()),
        key: &restored.entry.key,
        url: &url,
        replaced_at: restored.entry.retired_at.as_deref(),
        replaced: restored.replaced.as_ref().map(|k| KeptPicture {
            key: &k.key,
            until: k.until.as_deref(),
        }),
    });
    Ok(())
}
