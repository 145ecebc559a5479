//! pfp as a library: validate, upload and presign in a few lines, with the same settings
//! (environment, config file) and the same guarantees as the `pfp upload` command.
//!
//!     cargo run --example library -- USER FILE

use std::sync::Arc;
use std::time::Duration;

use pfp::cli::{GlobalArgs, PictureArgs};
use pfp::settings::{ProcessEnv, Settings};
use pfp::store::{Store, presign::Presigner};
use pfp::users::{Create, Db, Selector};
use pfp::workflow::{Publish, Target, publish};

fn main() -> anyhow::Result<()> {
    // pfp decodes in a jailed copy of the running program (see `pfp::jail`): a program
    // that uses the library lets that copy become the decoder first thing, before any
    // setting, secret or thread exists.
    pfp::jail::run_child_if_asked();
    tokio::runtime::Runtime::new()?.block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [user, file] = args.as_slice() else {
        anyhow::bail!("usage: library USER FILE");
    };
    let settings = Settings::resolve(&GlobalArgs::default(), &ProcessEnv, &mut std::io::empty())?;

    // Validate (the container walk, here) and normalise (in a jailed child).
    let options = settings.picture_options(&PictureArgs::default())?;
    let bytes = Arc::new(pfp::input::Image::from(std::fs::read(file)?));
    let inspected = pfp::picture::inspect(&bytes, file, &options)?;
    let jail = pfp::jail::Jail::new(1);
    let processed = match jail
        .process(Arc::clone(&bytes), file, &options, inspected)
        .await
    {
        Ok(processed) => processed,
        Err(pfp::jail::Refusal::Rejected(rejection)) => return Err(rejection.into()),
        Err(pfp::jail::Refusal::Unavailable(why) | pfp::jail::Refusal::Starved(why)) => {
            anyhow::bail!(why)
        }
    };

    // Store it for the user: upload, record, retire the previous picture.
    let db = Db::open(
        settings.db_target()?,
        settings.mapping.as_ref(),
        Duration::from_secs(30),
        Create::Refused,
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
            expect: None,
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
