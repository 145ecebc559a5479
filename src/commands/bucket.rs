//! `pfp bucket init`: make sure the bucket exists and is ours. Safe to re-run.

use crate::cli::BucketInitArgs;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::output::BucketReady;
use crate::store::BucketState;
use crate::units::parse_duration;

pub async fn init(args: &BucketInitArgs, ctx: &Context) -> Result<()> {
    let bucket = &ctx.settings.bucket.value;
    let wait = args
        .wait
        .as_deref()
        .map(parse_duration)
        .transpose()
        .map_err(|e| Error::invalid(format!("--wait: {e}")))?;
    let store = ctx.store()?;
    let policy = match wait {
        Some(wait) => store.policy().until(wait),
        None => store.policy(),
    };

    let created = match store.bucket_state(bucket, policy).await? {
        BucketState::Exists => false,
        BucketState::Missing => store.create_bucket(bucket, policy).await?,
    };
    ctx.printer.print(&BucketReady {
        bucket: bucket.as_str(),
        created,
    });
    Ok(())
}
