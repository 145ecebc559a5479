//! `pfp bucket init`: make sure the bucket exists and is ours. Safe to re-run.

use crate::commands::Context;
use crate::error::Result;
use crate::output::{BucketReady, BucketStatus};
use crate::settings::BucketInitOptions;
use crate::store::BucketState;

pub async fn init(args: &BucketInitOptions, ctx: &Context) -> Result<()> {
    let bucket = &ctx.settings.bucket.value;
    let store = ctx.store()?;
    let policy = match args.wait {
        Some(wait) => store.policy().until(wait),
        None => store.policy(),
    };

    let created = match store.bucket_state(bucket, policy).await? {
        BucketState::Exists => false,
        BucketState::Missing => store.create_bucket(bucket, policy).await?,
    };
    ctx.printer.print(&BucketReady {
        bucket: bucket.as_str(),
        status: if created {
            BucketStatus::Created
        } else {
            BucketStatus::Exists
        },
    });
    Ok(())
}
