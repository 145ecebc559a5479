//! The generated default avatars (`set-default --generated STYLE`).

use super::{Publish, Target, publish};
use crate::error::Error;
use crate::store::Store;
use crate::users::{Db, LedgerEntry};
use crate::values::{BucketName, Endpoint};

/// The settings key of the generated default avatar style.
pub const DEFAULT_STYLE: &str = "default_style";

/// The generated default avatar of `user` in `style`: stored on first use (content
/// addressed under `defaults/generated/`, recorded in the ledger so pfp knows it owns it)
/// and reused afterwards.
pub async fn generated_avatar(
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    endpoint: &Endpoint,
    user: &crate::users::User,
    style: crate::picture::avatar::Style,
    options: &crate::picture::Options,
) -> Result<LedgerEntry, Error> {
    let source = format!("generated:{}:v{}", style.name(), style.version());
    let (kind, owner) = Target::Generated(user).ledger_key();
    if let Some(entry) = db.current(kind, &owner).await?
        && entry.source == source
    {
        return Ok(entry);
    }
    let label = user
        .field("display_name")
        .or(user.field("nickname"))
        .or(user.field("email"))
        .unwrap_or(&user.key)
        .to_owned();
    let seed = user.key.clone();
    let options = crate::picture::Options {
        output: crate::picture::OutputChoice::Png,
        ..options.clone()
    };
    let processed = tokio::task::spawn_blocking(move || {
        let image = crate::picture::avatar::render(style, &seed, &label, 512);
        let mut png = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new(&mut png),
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| e.to_string())?;
        crate::picture::process(&png, "avatar.png", &options).map_err(|r| r.message)
    })
    .await
    .map_err(|e| Error::new(crate::error::Kind::Internal, e.to_string()))?
    .map_err(|e| {
        Error::new(
            crate::error::Kind::Internal,
            format!("rendering the avatar: {e}"),
        )
    })?;
    publish(
        Publish {
            store,
            db,
            bucket,
            endpoint,
            target: Target::Generated(user),
            picture: &processed.picture,
            original_name: "generated avatar",
            keep_previous: false,
            source: &source,
            expect: None,
            checked: false,
        },
        &|_| {},
    )
    .await?;
    db.current(kind, &owner).await?.ok_or_else(|| {
        Error::new(
            crate::error::Kind::Internal,
            "the generated avatar was not recorded",
        )
    })
}
