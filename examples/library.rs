//! pfp as a library: validate, upload and presign in a few lines, with the same settings
//! (environment, config file) and the same guarantees as the `pfp upload` command.
//!
//!     cargo run --example library -- USER FILE

use std::time::Duration;

use pfp::cli::{GlobalArgs, PictureArgs};
use pfp::settings::{ProcessEnv, Settings};
use pfp::store::{Store, presign::Presigner};
use pfp::users::{Db, Selector};
use pfp::workflow::{Publish, Target, publish};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [user, file] = args.as_slice() else {
        anyhow::bail!("usage: library USER FILE");
    };
    let settings = Settings::resolve(&GlobalArgs::default(), &ProcessEnv, &mut std::io::empty())?;

    // Validate and normalise (pure: bytes in, picture or rejection out).
    let options = settings.picture_options(&PictureArgs::default())?;
    let bytes = std::fs::read(file)?;
    let processed = pfp::picture::process(&bytes, file, &options)?;

    // Store it for the user: upload, record, retire the previous picture.
    let db = Db::open(
        settings.db_target()?,
        settings.mapping.as_ref(),
        Duration::from_secs(30),
    )
    .await?;
    let user = db.find_user(&Selector::parse(user, None)?).await?;
    let store = Store::connect(&settings.store_config()?)?;
    let published = publish(
        Publish {
            store: &store,
            db: &db,
            bucket: &settings.bucket.value,
            endpoint: &settings.endpoint.value,
            target: Target::User(&user),
            picture: &processed.picture,
            original_name: file,
            keep_previous: false,
            source: &pfp::picture::fingerprint(&bytes, &options),
            expect_column: None,
            checked: false,
        },
        &|_| {},
    )
    .await?;

    // Presign locally.
    let (access_key, secret) = settings.credentials()?;
    let presigner = Presigner::new(
        &settings.endpoint.value,
        settings.bucket.value.as_str(),
        access_key,
        secret,
        &settings.region.value,
    );
    println!(
        "{}",
        presigner
            .presign_get(&published.entry.key, Duration::from_secs(3600))
            .url
    );
    Ok(())
}
