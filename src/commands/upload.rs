//! `pfp upload --user USER FILE`: validate, normalise, store, record, presign.

use serde_json::json;

use crate::cli::UploadArgs;
use crate::commands::{Context, load_picture, report_stored};
use crate::error::Result;
use crate::output::picture_json;
use crate::store::presign::parse_expiry;
use crate::users::Selector;
use crate::workflow::{self, Publish, Target};

pub async fn run(args: &UploadArgs, ctx: &Context) -> Result<()> {
    let expires = parse_expiry(&args.expires)?;
    let selector = Selector::parse(&args.user.user, args.user.user_by)?;
    // Decoding runs on the blocking pool; open the database and find the user meanwhile.
    // The picture's verdict still comes first: a rejected file is exit 4 whoever it is for.
    let (loaded, found) = tokio::join!(load_picture(&args.file, &args.picture, ctx), async {
        let db = ctx.db().await?;
        db.find_user(&selector).await.map(|user| (db, user))
    });
    let (name, processed, source) = loaded?;
    let (db, user) = found?;
    let picture = &processed.picture;
    let settings = &ctx.settings;
    let bucket = &settings.bucket.value;

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
    report_stored(
        ctx,
        &name,
        &published,
        expires,
        json!({
            "type": "upload",
            "user": user.id,
            "bytes": published.entry.bytes,
            "hash": published.entry.hash,
            "picture": picture_json(picture),
        }),
    )?;
    Ok(())
}
