//! What `upload` and `set-default` (and `get-url`, for users without a picture) share:
//! reading and normalising one image, the picture a user without one is served, and the
//! report of a stored picture.

use super::Context;
use crate::error::{Error, Result};
use crate::values::FileName;

/// Reads and normalises one image for `upload` and `set-default`: a rejected file is
/// exit 4 (3 if missing) before anything touches the bucket or the database. Returns the
/// file's name (the last path component, or `stdin`), the pipeline's result, and the
/// source fingerprint.
pub async fn load_picture(
    path: &std::path::Path,
    options: &crate::picture::Options,
    ctx: &Context,
) -> Result<(FileName, crate::picture::Processed, String)> {
    // The jailed decoder starts now; its start-up overlaps reading the file.
    let pool = super::decode_pool::DecodePool::single(options.clone(), ctx.settings.sandbox);
    let given = FileName::of_path(path);
    let shown = given.shown().to_owned();
    let name = match path.file_name() {
        Some(last) if path != std::path::Path::new("-") => {
            FileName::new(last.to_string_lossy().into_owned())
        }
        _ => given.clone(),
    };
    let bytes = crate::input::read_one_image(path, &options.limits)
        .map_err(|e| e.into_error(given.exact()))?;
    // The source's fingerprint (a BLAKE3 hash of megabytes) is taken while the child
    // decodes: a single upload has a core to spare for it. The decode is polled first,
    // so that its file goes to the child before a thread is started for the hash.
    let bytes = std::sync::Arc::new(bytes);
    let (for_hash, options_for_hash) = (std::sync::Arc::clone(&bytes), options.clone());
    let (processed, source) = tokio::join!(
        // A refusal names the file as it was given (`photos/a.jpg`, as `validate` and
        // `import` do); the success line names the file alone, as documented.
        pool.decode(std::sync::Arc::clone(&bytes), &shown),
        async {
            tokio::task::spawn_blocking(move || {
                crate::picture::fingerprint(&for_hash, &options_for_hash)
            })
            .await
        }
    );
    let source = source?;
    // The file was read from the page cache as it is, not copied: it must not have
    // changed under the decode or the fingerprint.
    bytes
        .unchanged()
        .map_err(|why| Error::invalid(format!("{shown}: {why}; nothing was stored")))?;
    drop(bytes);
    let processed = processed.map_err(|refused| match refused {
        super::decode_pool::Refused::Rejected(r) => {
            Error::invalid(r.message).about_file(given.exact(), r.rule.key())
        }
        super::decode_pool::Refused::Failed(e) => e,
    })?;
    for warning in &processed.warnings {
        ctx.printer.warn(warning);
    }
    Ok((name, processed, source))
}

/// The picture a user without one gets: their generated avatar (made on first use) when
/// a style is set, else the default picture; with where it came from.
pub async fn default_for(
    ctx: &Context,
    user: &crate::users::User,
) -> Result<Option<(crate::users::LedgerEntry, &'static str)>> {
    let db = ctx.db().await?;
    if let Some(style) = db
        .setting(crate::workflow::DEFAULT_STYLE)
        .await?
        .as_deref()
        .and_then(crate::picture::avatar::Style::parse)
    {
        let store = ctx.store().await?;
        let options = crate::settings::default_picture_options(&ctx.settings)?;
        let entry = crate::workflow::generated_avatar(
            store,
            db,
            &ctx.settings.bucket.value,
            &ctx.settings.endpoint.value,
            user,
            style,
            &options,
        )
        .await?;
        return Ok(Some((entry, "generated")));
    }
    Ok(db
        .current(crate::users::PictureKind::Default, "")
        .await?
        .map(|e| (e, "default")))
}

/// After `upload` or `set-default` stored a picture: its warnings, the two documented
/// status lines, and the presigned URL as the result.
pub fn report_stored(
    ctx: &Context,
    by: crate::output::StoredBy,
    user: Option<&str>,
    name: &FileName,
    published: &crate::workflow::Published,
    expires: crate::values::Expiry,
    picture: Option<crate::output::PictureSummary>,
) -> Result<()> {
    use crate::output::{
        FileStored, KeptPicture, KeptPrevious, Retired, Stored, StoredBy, StoredStatus,
        UrlGenerated,
    };
    for warning in &published.warnings {
        ctx.printer.warn(warning);
    }
    let bucket = ctx.settings.bucket.value.as_str();
    let presigned = ctx
        .presigner(expires.duration())?
        .presign_get(&published.entry.key, expires.duration());
    ctx.printer.status(&FileStored {
        file: name.shown(),
        bucket,
        unchanged: published.unchanged,
    });
    if let Some(kept) = &published.replaced {
        ctx.printer.status(&KeptPrevious {
            user,
            kept: KeptPicture::of(kept),
        });
    }
    if !published.deleted.is_empty() {
        ctx.printer.status(&Retired {
            user,
            deleted: &published.deleted,
            resized: published.updated,
        });
    }
    ctx.printer.status(&UrlGenerated {
        name: name.shown(),
        url: &presigned.url,
        term: ctx.printer.term(),
    });
    let entry = &published.entry;
    let upload = by == StoredBy::Upload;
    ctx.printer.print(&Stored {
        by,
        status: if published.unchanged {
            StoredStatus::Unchanged
        } else if published.updated {
            StoredStatus::Updated
        } else {
            StoredStatus::Uploaded
        },
        file: name,
        user,
        bucket,
        key: &entry.key,
        sizes: &entry.sizes,
        bytes: upload.then_some(entry.bytes),
        hash: upload.then_some(entry.hash.as_str()),
        url: &entry.url,
        presigned_url: &presigned.url,
        expires_in: presigned.expires_in.as_secs(),
        expires_at: &presigned.expires_at,
        deleted: &published.deleted,
        replaced: published.replaced.as_ref().map(KeptPicture::of),
        picture,
    });
    Ok(())
}
