//! `pfp get-url --user USER`: a presigned URL for the user's picture (pfp's, or one the
//! app stored in the bucket itself, also over pfp's), or the default one.

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::output::{UrlGenerated, UrlReport, UsingDefault};
use crate::settings::GetUrlOptions;
use crate::users::PictureKind;
use crate::values::ColumnPicture;

/// What the URL is for: a key in the bucket (with the column URL it stands for), or a URL
/// outside it, printed as it is.
enum Target {
    Key {
        key: String,
        url: String,
        source: &'static str,
    },
    External(String),
}

pub async fn run(args: &GetUrlOptions, ctx: &Context) -> Result<()> {
    let selector = &args.selector;
    // The S3 client is built (on the blocking pool: for an HTTPS endpoint it reads the
    // system's CA certificates, several ms of CPU) while the database finds the user and
    // the picture. A failure to build it is reported where it is first needed.
    let (found, ()) = tokio::join!(
        async {
            let db = ctx.db().await?;
            let user = db.find_user(selector).await?;
            let in_ledger = db.current(PictureKind::User, &user.id).await?;
            Ok::<_, Error>((db, user, in_ledger))
        },
        async {
            if !args.offline {
                let _ = ctx.store().await;
            }
        }
    );
    let (db, user, in_ledger) = found?;
    let app = ctx.app_picture_of(user.picture_url.as_deref(), in_ledger.as_ref());
    let target = match (in_ledger, app) {
        // A picture the app stored in the bucket itself, with none of pfp's or written
        // over pfp's since (the app still uploads the old way): the user's picture, as
        // `pfp adopt` would leave it. pfp's credentials read it.
        (over, Some(ColumnPicture::InBucket { key })) => {
            if let Some(pfps) = over {
                ctx.printer.warn(&format!(
                    "user '{}' is shown the app's picture '{key}', written over pfp's '{}': its URL is printed; 'pfp adopt' takes it over",
                    selector.text, pfps.key
                ));
            }
            if let Some(size) = args.size {
                return Err(Error::not_found(format!(
                    "the app's picture of user '{}' has no {size} px rendition (it is stored as the app left it)",
                    selector.text
                ))
                .hint("'pfp adopt' makes pfp's renditions of it")
                .into());
            }
            Target::Key {
                key,
                url: user.picture_url.clone().unwrap_or_default(),
                source: "app",
            }
        }
        (Some(entry), _) => Target::Key {
            key: sized_key(&entry, args.size)?,
            url: entry.entry.url,
            source: "user",
        },
        (None, Some(ColumnPicture::Elsewhere { url } | ColumnPicture::External { url })) => {
            Target::External(url)
        }
        (None, None) => match crate::commands::default_for(ctx, &user).await? {
            Some((entry, source)) => {
                ctx.printer.status(&UsingDefault {
                    selector: &selector.text,
                    generated: source == "generated",
                });
                Target::Key {
                    key: sized_key(&entry, args.size)?,
                    url: entry.entry.url,
                    source,
                }
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
    let bucket = &ctx.settings.bucket.value;
    let (key, url, source) = match target {
        Target::Key { key, url, source } => (key, url, source),
        Target::External(url) => {
            // Not an object pfp can sign: the column's URL as it is, said so, and never
            // the default picture in its place.
            ctx.printer.warn(&format!(
                "the picture of user '{}' is not in bucket '{bucket}' but at {url}: printed as the app stored it, not presigned",
                selector.text
            ));
            ctx.printer.print(&UrlReport {
                user: &user.id,
                source: "external",
                bucket: bucket.as_str(),
                key: "",
                url: &url,
                presigned_url: &url,
                expires_in: 0,
                expires_at: "",
            });
            return Ok(());
        }
    };
    if args.check {
        let store = ctx.store().await?;
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
        let store = ctx.store().await?;
        let endpoint = &ctx.settings.endpoint.value;
        if let Some(warning) =
            crate::workflow::identity::check_read_only(store, db, bucket, endpoint).await?
        {
            ctx.printer.warn(&warning);
        }
    }
    let presigned = ctx
        .presigner(args.expires.duration())?
        .presign_get(&key, args.expires.duration());
    ctx.printer.status(&UrlGenerated {
        name: &key,
        url: &presigned.url,
        term: ctx.printer.term(),
    });
    ctx.printer.print(&UrlReport {
        user: &user.id,
        source,
        bucket: bucket.as_str(),
        key: &key,
        url: &url,
        presigned_url: &presigned.url,
        expires_in: presigned.expires_in.as_secs(),
        expires_at: &presigned.expires_at,
    });
    Ok(())
}

/// The key of `entry`'s rendition of `size` (its main key without one); exit 3 when it
/// has no such rendition.
fn sized_key(entry: &crate::users::LedgerEntry, size: Option<u32>) -> Result<String, Error> {
    match size {
        None => Ok(entry.key.clone()),
        Some(size) => entry.key_for_size(size).map(str::to_owned).ok_or_else(|| {
            let stored: Vec<String> = entry.sizes.iter().map(|s| s.size.to_string()).collect();
            Error::not_found(format!(
                "no {size} px rendition of this picture; stored sizes: {}",
                stored.join(", ")
            ))
        }),
    }
}
