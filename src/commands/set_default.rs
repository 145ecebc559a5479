//! `pfp set-default FILE`: the picture users without one get.

use serde_json::json;

use crate::cli::SetDefaultArgs;
use crate::commands::{Context, load_picture, report_stored};
use crate::error::Result;
use crate::store::presign::parse_expiry;
use crate::users::PictureKind;
use crate::workflow::{self, Publish, Target};

pub async fn run(args: &SetDefaultArgs, ctx: &Context) -> Result<()> {
    let expires = parse_expiry(&args.expires)?;
    if let Some(style) = args.generated {
        return set_generated(style, args.yes, ctx).await;
    }
    let Some(file) = &args.file else {
        return Err(crate::error::Error::new(
            crate::error::Kind::Usage,
            "give a FILE or --generated STYLE",
        )
        .into());
    };
    let (name, processed, source) = load_picture(file, &args.picture, ctx).await?;
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

    let store = ctx.store()?;
    db.set_setting(workflow::DEFAULT_STYLE, None).await?;
    let published = workflow::publish(
        Publish {
            store: &store,
            db,
            bucket,
            endpoint: &settings.endpoint.value,
            target: Target::Default,
            picture: &processed.picture,
            original_name: &name,
            keep_previous: false,
            source: &source,
        },
        &|_| {},
    )
    .await?;
    report_stored(
        ctx,
        &name,
        &published,
        expires,
        json!({ "type": "default" }),
    )?;
    Ok(())
}

/// `--generated STYLE`: users without a picture get an avatar drawn from their id.
async fn set_generated(style: crate::cli::AvatarStyle, yes: bool, ctx: &Context) -> Result<()> {
    let style = match style {
        crate::cli::AvatarStyle::Identicon => crate::picture::avatar::Style::Identicon,
        crate::cli::AvatarStyle::Initials => crate::picture::avatar::Style::Initials,
    };
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
    ctx.printer.print(&crate::output::Done {
        line: format!(
            "Users without a picture now get a generated '{}' avatar (made on first use; 'pfp import --fill-defaults' makes them all now).",
            style.name()
        ),
        json: json!({ "type": "default", "status": "generated", "style": style.name() }),
    });
    Ok(())
}
