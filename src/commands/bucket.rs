//! `pfp bucket init`: make sure the bucket exists, is ours and carries a store id. Safe
//! to re-run. `pfp bucket claim`: make the bucket the database's store.

use crate::commands::Context;
use crate::error::{Kind, Result};
use crate::output::{BucketReady, BucketStatus, StoreClaimed};
use crate::settings::BucketInitOptions;
use crate::store::BucketState;
use crate::workflow::identity::{self, Stance, shared_with};

pub async fn init(args: &BucketInitOptions, ctx: &Context) -> Result<()> {
    let bucket = &ctx.settings.bucket.value;
    let store = ctx.store().await?;
    let policy = match args.wait {
        Some(wait) => store.policy().until(wait),
        None => store.policy(),
    };

    let created = match store.bucket_state(bucket, policy).await? {
        BucketState::Exists => false,
        BucketState::Missing => store.create_bucket(bucket, policy).await?,
    };
    let store_id = identity::mark_store(store, bucket).await?;
    // The database configured for this run, where it exists already, takes the store
    // now rather than at its first change: otherwise the first database to change
    // something in the new bucket (a mistyped `--db`, another deployment's) would take
    // it, and the database the operator set it up with would then be refused as the
    // stranger. Where there is no database yet (the quick start makes it next), its
    // first change records the store, as before; `bucket init` itself needs none.
    // What stops a change later (this database's pictures live in another store,
    // another database uses this one) is said as a warning: the bucket is ready, and the
    // commands that would change it refuse on their own.
    let warning = match ctx.db().await {
        Ok(db) => {
            let endpoint = &ctx.settings.endpoint.value;
            match identity::ensure_as(store, db, bucket, endpoint, Stance::Later).await {
                Ok(_) => None,
                Err(e) if e.kind() == Kind::Config => Some(e.to_string()),
                Err(e) => return Err(e.into()),
            }
        }
        Err(e) if e.kind() == Kind::NotFound => None,
        Err(e) => Some(format!(
            "bucket '{bucket}' is not recorded as the database's store yet (its first change records it): {e}"
        )),
    };
    ctx.printer.print(&BucketReady {
        bucket: bucket.as_str(),
        status: if created {
            BucketStatus::Created
        } else {
            BucketStatus::Exists
        },
        store_id: &store_id,
    });
    if let Some(warning) = warning {
        ctx.printer.warn(&warning);
    }
    Ok(())
}

/// Records the bucket's store id in the database, whatever it recorded before: how an
/// operator moves a database to a copy of its bucket. Says first how many of the
/// database's pictures are in the bucket, and asks.
pub async fn claim(yes: bool, ctx: &Context) -> Result<()> {
    let bucket = &ctx.settings.bucket.value;
    let endpoint = &ctx.settings.endpoint.value;
    let store = ctx.store().await?;
    store.require_bucket(bucket).await?;
    let db = ctx.db().await?;
    let seen = identity::survey(store, db, bucket).await?;
    if seen.previous.as_deref() != Some(seen.store_id.as_str()) || seen.store_id.is_empty() {
        ctx.confirm(
            &format!(
                "Make bucket '{bucket}' at {endpoint} this database's store{}? {} of {} checked are in it{}.",
                seen.previous
                    .as_deref()
                    .map(|p| format!(" instead of store {p}"))
                    .unwrap_or_default(),
                seen.found,
                crate::output::plural(seen.checked as u64, "recorded picture", "recorded pictures"),
                shared_with(seen.others)
            ),
            yes,
        )?;
    }
    let claimed = identity::claim_deliberately(store, db, bucket, endpoint).await?;
    ctx.printer.print(&StoreClaimed {
        bucket: bucket.as_str(),
        store_id: &claimed.store_id,
        previous: claimed.previous.as_deref(),
        checked: claimed.checked,
        found: claimed.found,
        others: claimed.others,
    });
    Ok(())
}
