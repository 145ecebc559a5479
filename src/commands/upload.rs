//! `pfp upload --user USER FILE`: validate, normalise, store, record, presign.

use crate::commands::{Context, load_picture, report_stored};
use crate::error::Result;
use crate::output::{PictureSummary, Plan, StoredBy, WouldStore};
use crate::settings::UploadOptions;
use crate::workflow::{self, Publish, Target};

pub async fn run(options: &UploadOptions, ctx: &Context) -> Result<()> {
    // Decoding runs in the jail; meanwhile the database is opened, the user found and
    // (unless this is a dry run) the bucket checked (a HEAD, the `.pfp/` listing, the
    // conditional-PUT probe), so that only the uploads and the commit wait for the
    // decode. The verdicts keep their order: the picture's first (a rejected file is exit
    // 4 whoever it is for, and does not wait for the bucket check), then the user's, then
    // the bucket's.
    let bucket = &ctx.settings.bucket.value;
    let work = std::pin::pin!(async {
        tokio::join!(load_picture(&options.file, &options.picture, ctx), async {
            let db = ctx.db().await?;
            db.find_user(&options.selector).await.map(|user| (db, user))
        })
    });
    let check = std::pin::pin!(async {
        if options.dry_run {
            return Ok(None);
        }
        let store = ctx.store().await?;
        // The bucket must exist and be this database's store before anything in it
        // changes: one listing of `.pfp/` tells both.
        let db = ctx.db().await?;
        let paired =
            workflow::identity::ensure(store, db, bucket, &ctx.settings.endpoint.value).await?;
        // While the picture decodes: whether each object can be stored with one
        // conditional PUT rather than a HEAD and a PUT after the decode. One request
        // either way, the probe's in the decode's shadow.
        workflow::identity::probe_conditional_put(store, bucket, &paired).await;
        Ok::<_, crate::error::Error>(Some(store))
    });
    let ((loaded, found), checked) = match futures_util::future::select(work, check).await {
        futures_util::future::Either::Left(((loaded, found), check)) => {
            // A rejected picture or an unknown user needs no answer from the bucket.
            let loaded = loaded?;
            let found = found?;
            ((loaded, found), check.await)
        }
        futures_util::future::Either::Right((checked, work)) => {
            let (loaded, found) = work.await;
            ((loaded?, found?), checked)
        }
    };
    let (name, processed, source) = loaded;
    let (db, user) = found;
    let store = checked?;
    let picture = &processed.picture;
    let settings = &ctx.settings;

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

    let Some(store) = &store else {
        unreachable!("a store is made for every run but a dry run")
    };
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
            store,
            db,
            bucket,
            endpoint: &settings.endpoint.value,
            target: Target::User(&user),
            picture,
            original_name: name.exact(),
            keep_previous: options.keep_previous,
            source: &source,
            expect: None,
            checked: true,
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
