//! `pfp get-url --user USER`: a presigned URL for the user's picture, or the default one.

use serde_json::json;

use crate::cli::GetUrlArgs;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::output::{PresignedUrl, generated_url_line};
use crate::store::presign::parse_expiry;
use crate::users::{PictureKind, Selector};

pub async fn run(args: &GetUrlArgs, ctx: &Context) -> Result<()> {
    // Refused before anything else: no database or network for a bad value.
    let expires = parse_expiry(&args.expires)?;
    let selector = Selector::parse(&args.user.user, args.user.user_by)?;
    let db = ctx.db().await?;
    let user = db.find_user(&selector).await?;

    let (entry, source) = match db.current(PictureKind::User, &user.id).await? {
        Some(entry) => (entry, "user"),
        None => match crate::commands::default_for(ctx, &user).await? {
            Some((entry, source)) => {
                ctx.printer.status(&format!(
                    "User '{}' has no picture; using the {} picture.",
                    selector.text,
                    if source == "generated" {
                        "generated default"
                    } else {
                        "default"
                    }
                ));
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
    if args.check {
        let store = ctx.store()?;
        if !store.exists(&ctx.settings.bucket.value, &key).await? {
            return Err(Error::not_found(format!(
                "object '{key}' is missing from bucket '{}'",
                ctx.settings.bucket.value
            ))
            .hint("run 'pfp verify' to reconcile the database and the bucket")
            .into());
        }
    }
    if !args.check {
        // --check's HEAD of the object has proved the credentials already.
        ctx.prove_credentials(args.offline).await?;
    }
    let presigned = ctx.presigner()?.presign_get(&key, expires);
    ctx.printer
        .status(&generated_url_line(&key, &presigned.url));
    ctx.printer.print(&PresignedUrl {
        url: presigned.url.clone(),
        json: json!({
            "type": "url",
            "user": user.id,
            "source": source,
            "bucket": ctx.settings.bucket.value.as_str(),
            "key": key,
            "url": entry.url,
            "presigned_url": presigned.url,
            "expires_in": presigned.expires_in.as_secs(),
            "expires_at": presigned.expires_at,
        }),
    });
    Ok(())
}
