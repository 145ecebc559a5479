//! `pfp upload --user USER FILE`: validate, normalise, store, record, presign.

use serde_json::json;

use crate::cli::UploadArgs;
use crate::commands::{Context, load_picture};
use crate::error::Result;
use crate::output::{PresignedUrl, generated_url_line, picture_json, uploaded_line};
use crate::store::presign::parse_expiry;
use crate::users::Selector;
use crate::workflow::{self, Publish, Target};

pub async fn run(args: &UploadArgs, ctx: &Context) -> Result<()> {
    let expires = parse_expiry(&args.expires)?;
    let selector = Selector::parse(&args.user.user, args.user.user_by)?;
    let (name, processed, source) = load_picture(&args.file, &args.picture, ctx).await?;
    let picture = &processed.picture;
    let settings = &ctx.settings;
    let bucket = &settings.bucket.value;

    let db = ctx.db().await?;
    let user = db.find_user(&selector).await?;

    if args.dry_run {
        let plan = workflow::plan(
            &settings.endpoint.value,
            bucket,
            Target::User(&user),
            picture,
            &source,
        );
        for size in &plan.sizes {
            ctx.printer.status(&format!(
                "would store {} ({}x{}, {} bytes)",
                size.key, size.width, size.height, size.bytes
            ));
        }
        ctx.printer.print(&crate::output::Done {
            line: format!(
                "Dry run: nothing was uploaded; user {} would get {}",
                user.id, plan.url
            ),
            json: json!({
                "type": "plan",
                "user": user.id,
                "bucket": bucket.as_str(),
                "key": plan.key,
                "url": plan.url,
                "sizes": plan.sizes,
                "bytes": plan.bytes,
                "hash": plan.hash,
            }),
        });
        return Ok(());
    }

    let store = ctx.store()?;
    let progress = ctx.printer.bytes_bar(
        picture
            .renditions
            .iter()
            .map(|r| r.bytes.len() as u64)
            .sum(),
        &format!("uploading {name}"),
    );
    let published = workflow::publish(
        Publish {
            store: &store,
            db,
            bucket,
            endpoint: &settings.endpoint.value,
            target: Target::User(&user),
            picture,
            original_name: &name,
            keep_previous: args.keep_previous,
            source: &source,
        },
        &|bytes| progress.inc(bytes),
    )
    .await;
    progress.finish_and_clear();
    let published = published?;
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
            "type": "upload",
            "status": if published.unchanged { "unchanged" } else { "uploaded" },
            "file": name,
            "user": user.id,
            "bucket": bucket.as_str(),
            "key": published.entry.key,
            "sizes": published.entry.sizes,
            "bytes": published.entry.bytes,
            "hash": published.entry.hash,
            "picture": picture_json(picture),
            "url": published.entry.url,
            "presigned_url": presigned.url,
            "expires_in": presigned.expires_in.as_secs(),
            "expires_at": presigned.expires_at,
            "deleted": published.deleted,
        }),
    });
    Ok(())
}
