//! `pfp set-default FILE`: the picture users without one get.

use serde_json::json;

use crate::cli::SetDefaultArgs;
use crate::commands::{Context, load_picture};
use crate::error::Result;
use crate::output::{PresignedUrl, generated_url_line, uploaded_line};
use crate::store::presign::parse_expiry;
use crate::users::PictureKind;
use crate::workflow::{self, Publish, Target};

pub async fn run(args: &SetDefaultArgs, ctx: &Context) -> Result<()> {
    let expires = parse_expiry(&args.expires)?;
    let (name, processed, source) = load_picture(&args.file, &args.picture, ctx).await?;
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
    for warning in &published.warnings {
        ctx.printer.warn(warning);
    }
    let presigned = ctx.presigner()?.presign_get(&published.entry.key, expires);
    ctx.printer
        .status(&uploaded_line(&name, bucket.as_str(), published.unchanged));
    ctx.printer
        .status(&generated_url_line(&name, &presigned.url));
    ctx.printer.print(&PresignedUrl {
        url: presigned.url.clone(),
        json: json!({
            "type": "default",
            "status": if published.unchanged { "unchanged" } else { "uploaded" },
            "file": name,
            "bucket": bucket.as_str(),
            "key": published.entry.key,
            "sizes": published.entry.sizes,
            "url": published.entry.url,
            "presigned_url": presigned.url,
            "expires_in": presigned.expires_in.as_secs(),
            "expires_at": presigned.expires_at,
            "deleted": published.deleted,
        }),
    });
    Ok(())
}
