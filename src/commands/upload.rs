//! `pfp upload --user USER FILE`: validate, normalise, store, record, presign.

use crate::commands::{Context, load_picture, report_stored};
use crate::error::Result;
use crate::output::{PictureSummary, Plan, StoredBy, WouldStore};
use crate::settings::UploadOptions;
use crate::workflow::{self, Publish, Target};

pub async fn run(options: &UploadOptions, ctx: &Context) -> Result<()> {
    // Decoding runs on the blocking pool; open the database and find the user meanwhile.
    // The picture's verdict still comes first: a rejected file is exit 4 whoever it is for.
    let (loaded, found) = tokio::join!(load_picture(&options.file, &options.picture, ctx), async {
        let db = ctx.db().await?;
        db.find_user(&options.selector).await.map(|user| (db, user))
    });
    let (name, processed, source) = loaded?;
    let (db, user) = found?;
    let picture = &processed.picture;
    let settings = &ctx.settings;
    let bucket = &settings.bucket.value;

    if options.dry_run {
        let plan = workflow::plan(
            &settings.endpoint.value,
            bucket,
            Target::User(&user),
            picture,
            &source,
        );
        for size in &plan.sizes {
            ctx.printer.status(&WouldStore(size));
        }
        ctx.printer.print(&Plan {
            user: &user.id,
            bucket: bucket.as_str(),
            key: &plan.key,
            url: &plan.url,
            sizes: &plan.sizes,
            bytes: plan.bytes,
            hash: &plan.hash,
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
            keep_previous: options.keep_previous,
            source: &source,
        },
        &|bytes| progress.inc(bytes),
    )
    .await;
    progress.finish_and_clear();
    report_stored(
        ctx,
        StoredBy::Upload,
        Some(&user.id),
        &name,
        &published?,
        options.expires,
        Some(PictureSummary::of(picture)),
    )
}
