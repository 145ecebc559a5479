//! `pfp restore --user USER` / `--default`: the most recently replaced picture (kept for
//! [`crate::workflow::RETAIN`] after an upload, import or remove replaced it; pfp's own
//! picture or the app's) is current again.

use crate::commands::Context;
use crate::error::Result;
use crate::output::{KeptPicture, Restored};
use crate::settings::RestoreOptions;
use crate::users::PictureKind;
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
        Some(current) => {
            crate::workflow::identity::ensure(
                store,
                db,
                &ctx.settings.bucket.value,
                &ctx.settings.endpoint.value,
            )
            .await?;
            crate::workflow::Restored {
                key: Some(current.key.clone()),
                url: crate::workflow::canonical_url(
                    &ctx.settings.endpoint.value,
                    &ctx.settings.bucket.value,
                    &current.key,
                ),
                replaced_at: None,
                replaced: None,
                brought_back: Vec::new(),
            }
        }
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
