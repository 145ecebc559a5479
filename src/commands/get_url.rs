//! `pfp get-url --user USER`: a presigned URL for the user's picture, or the default one.

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::output::{UrlGenerated, UrlReport, UsingDefault};
use crate::settings::GetUrlOptions;
use crate::users::PictureKind;

pub async fn run(args: &GetUrlOptions, ctx: &Context) -> Result<()> {
    let selector = &args.selector;
    let db = ctx.db().await?;
    let user = db.find_user(selector).await?;

    let (entry, source) = match db.current(PictureKind::User, &user.id).await? {
        Some(entry) => (entry, "user"),
        None => match crate::commands::default_for(ctx, &user).await? {
            Some((entry, source)) => {
                ctx.printer.status(&UsingDefault {
                    selector: &selector.text,
                    generated: source == "generated",
                });
                (entry, source)
            }
            None => {
                return Err(Error::not_found(format!(
                    "user '{}' has no picture and no default picture is set",
                    selector.text
                ))
                .hint("set one with 'pfp set-default FILE'")
                .into());
            }
        },
    };
    let key = match args.size {
        None => entry.key.clone(),
        Some(size) => entry.key_for_size(size).map(str::to_owned).ok_or_else(|| {
            let stored: Vec<String> = entry.sizes.iter().map(|s| s.size.to_string()).collect();
            Error::not_found(format!(
                "no {size} px rendition of this picture; stored sizes: {}",
                stored.join(", ")
            ))
        })?,
    };
    let bucket = &ctx.settings.bucket.value;
    if args.check {
        let store = ctx.store()?;
        if !store.exists(bucket, &key).await? {
            // A missing bucket answers a HEAD of an object as a missing object does.
            store.require_bucket(bucket).await?;
            return Err(Error::not_found(format!(
                "object '{key}' is missing from bucket '{bucket}'"
            ))
            .hint("run 'pfp verify' to reconcile the database and the bucket")
            .into());
        }
    }
    if !args.check {
        // --check's HEAD of the object has proved the credentials already.
        ctx.prove_credentials(args.offline).await?;
    }
    if !args.offline {
        let store = ctx.store()?;
        let endpoint = &ctx.settings.endpoint.value;
        if let Some(warning) =
            crate::workflow::identity::check_read_only(store, db, bucket, endpoint).await?
        {
            ctx.printer.warn(&warning);
        }
    }
    let presigned = ctx.presigner()?.presign_get(&key, args.expires.duration());
    ctx.printer.status(&UrlGenerated {
        name: &key,
        url: &presigned.url,
    });
    ctx.printer.print(&UrlReport {
        user: &user.id,
        source,
        bucket: ctx.settings.bucket.value.as_str(),
        key: &key,
        url: &entry.url,
        presigned_url: &presigned.url,
        expires_in: presigned.expires_in.as_secs(),
        expires_at: &presigned.expires_at,
    });
    Ok(())
}
