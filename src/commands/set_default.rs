//! `pfp set-default FILE`: the picture users without one get.

use crate::commands::{Context, load_picture, report_stored};
use crate::error::Result;
use crate::output::{DefaultGenerated, StoredBy};
use crate::picture::avatar::Style;
use crate::settings::{DefaultSource, SetDefaultOptions};
use crate::users::PictureKind;
use crate::workflow::{self, Publish, Target};

pub async fn run(args: &SetDefaultOptions, ctx: &Context) -> Result<()> {
    let (file, picture) = match &args.source {
        DefaultSource::Generated(style) => return set_generated(*style, args.yes, ctx).await,
        DefaultSource::File { path, picture } => (path, picture),
    };
    let (name, processed, source) = load_picture(file, picture, ctx).await?;
    let settings = &ctx.settings;
    let bucket = &settings.bucket.value;
    let db = ctx.db().await?;

    let plan = workflow::plan(
        &settings.endpoint.value,
        bucket,
        Target::Default,
        &processed.picture,
        &source,
    );
    if let Some(current) = db.current(PictureKind::Default, "").await?
        && current.key != plan.key
    {
        ctx.confirm(
            &format!("Replace the default picture {} with '{name}'?", current.key),
            args.yes,
        )?;
    }

    let store = ctx.store().await?;
    workflow::identity::ensure(store, db, bucket, &settings.endpoint.value).await?;
    let published = workflow::publish(
        Publish {
            store,
            db,
            bucket,
            endpoint: &settings.endpoint.value,
            target: Target::Default,
            picture: &processed.picture,
            original_name: name.exact(),
            keep_previous: false,
            source: &source,
            expect: None,
            checked: true,
        },
        &|_| {},
    )
    .await?;
    // Only now does the picture take over from generated avatars, if they were set: a
    // run that failed above (the server down, a full disk) leaves the default that was
    // in effect, not none at all.
    db.set_setting(workflow::DEFAULT_STYLE, None).await?;
    report_stored(
        ctx,
        StoredBy::SetDefault,
        None,
        &name,
        &published,
        args.expires,
        None,
    )
}

/// `--generated STYLE`: users without a picture get an avatar drawn from their id.
async fn set_generated(style: Style, yes: bool, ctx: &Context) -> Result<()> {
    let db = ctx.db().await?;
    let current_style = db.setting(workflow::DEFAULT_STYLE).await?;
    let current_picture = db.current(PictureKind::Default, "").await?;
    if current_style.as_deref() != Some(style.name())
        && (current_style.is_some() || current_picture.is_some())
    {
        ctx.confirm(
            &format!(
                "Replace the current default with generated '{}' avatars?",
                style.name()
            ),
            yes,
        )?;
    }
    db.set_setting(workflow::DEFAULT_STYLE, Some(style.name()))
        .await?;
    ctx.printer.print(&DefaultGenerated::new(
        style.name(),
        current_picture.as_ref().map(|p| p.key.as_str()),
        current_style.as_deref(),
    ));
    Ok(())
}
