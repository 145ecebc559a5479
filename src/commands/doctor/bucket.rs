//! doctor's checks of the bucket, through the keys and without them: that it exists and
//! takes, gives back and deletes an object; what it lets anyone do without a signature;
//! whether a lifecycle rule would expire pfp's pictures; whether it keeps versions or
//! locks objects, which decide what pfp's deletions do.

use std::time::Duration;

use super::{Check, Outcome};
use crate::commands::Context;
use crate::error::{Error, Kind};
use crate::store::{BucketState, IMMUTABLE, ObjectToPut};

/// The checks made here, in the order they are reported.
const CHECKS: [&str; 4] = ["credentials", "bucket", "anonymous access", "lifecycle"];

/// The credentials and the bucket's checks, each skipped (and why) when the step before
/// failed: every one is reported, whatever happened.
pub(super) async fn server_checks(ctx: &Context, reached: bool, has_keys: bool) -> Vec<Check> {
    let skipped = |from: usize, why: &str| -> Vec<Check> {
        CHECKS[from..]
            .iter()
            .map(|&name| Check {
                name,
                result: Outcome::Skipped(why.to_owned()),
            })
            .collect()
    };
    if !reached {
        return skipped(0, "the endpoint does not answer");
    }
    if !has_keys {
        return skipped(0, "needs the keys (see configuration)");
    }
    let store = match ctx.store().await {
        Ok(store) => store,
        Err(e) => {
            let mut checks = vec![Check {
                name: "credentials",
                result: Outcome::Failed(e),
            }];
            checks.extend(skipped(
                1,
                "needs the credentials accepted (see credentials)",
            ));
            return checks;
        }
    };
    let creds = store
        .check_credentials_public()
        .await
        .map(|()| "accepted".to_owned());
    let (bucket, anonymous, lifecycle) = if creds.is_ok() {
        match bucket_check(ctx, store).await {
            Ok((found, anonymous)) => (
                Outcome::Passed(found),
                anonymous_check(ctx, anonymous),
                lifecycle_check(ctx, store).await,
            ),
            Err(e) => (
                Outcome::Failed(e),
                Outcome::Skipped("needs the bucket (see bucket)".to_owned()),
                Outcome::Skipped("needs the bucket (see bucket)".to_owned()),
            ),
        }
    } else {
        let skipped =
            || Outcome::Skipped("needs the credentials accepted (see credentials)".to_owned());
        (skipped(), skipped(), skipped())
    };
    CHECKS
        .into_iter()
        .zip([creds.into(), bucket, anonymous, lifecycle])
        .map(|(name, result)| Check { name, result })
        .collect()
}

/// Whether a lifecycle rule of the bucket expires pfp's objects: the server would
/// delete, days later, pictures the database points at (and pfp's markers).
async fn lifecycle_check(ctx: &Context, store: &crate::store::Store) -> Outcome {
    use crate::workflow::keys::{DEFAULTS_PREFIX, MARKERS_PREFIX, USERS_PREFIX};
    let bucket = &ctx.settings.bucket.value;
    let rules = match store.lifecycle_rules(bucket).await {
        Ok(rules) => rules,
        // A key without s3:GetLifecycleConfiguration: pfp works without it.
        Err(e) if e.kind() == Kind::Denied => {
            return Outcome::Skipped(format!(
                "the keys may not read the bucket's lifecycle rules (access denied); look at them with 'mc ilm rule ls ALIAS/{bucket}'"
            ));
        }
        Err(e) => return Outcome::Failed(e),
    };
    let ours = [USERS_PREFIX, DEFAULTS_PREFIX, MARKERS_PREFIX];
    let expiring: Vec<_> = rules.iter().filter(|r| r.expires_under(&ours)).collect();
    let Some(first) = expiring.first() else {
        return Outcome::Passed(if rules.is_empty() {
            format!("bucket '{bucket}' has no lifecycle rules")
        } else {
            format!(
                "{}, none expires pfp's objects (under {})",
                crate::output::plural(rules.len() as u64, "rule", "rules"),
                ours.join(", ")
            )
        });
    };
    let under = if first.prefix.is_empty() {
        "every object (the whole bucket)".to_owned()
    } else {
        format!("the objects under '{}'", first.prefix)
    };
    let more = match expiring.len() {
        1 => String::new(),
        n => format!(" ({} more rules do too)", n - 1),
    };
    Outcome::Failed(
        Error::config(format!(
            "lifecycle rule '{}' of bucket '{bucket}' expires {under} {}{more}: the server will delete pictures the database points at",
            first.id,
            first.expires.as_deref().unwrap_or("")
        ))
        .hint(format!(
            "limit the rule to a prefix pfp does not use ({}), or remove it: mc ilm rule remove --id '{}' ALIAS/{bucket}",
            ours.join(", "),
            first.id
        )),
    )
}

/// What the bucket lets anyone do without a signature. Writing is a failure: a stranger
/// could replace any picture with a file pfp never checked. Reading and listing pass,
/// named: an app may serve its pictures publicly by design, but then a presigned URL's
/// expiry limits nothing, and a listing names every user with a picture.
fn anonymous_check(
    ctx: &Context,
    anonymous: std::result::Result<crate::store::Anonymous, Error>,
) -> Outcome {
    let anonymous = match anonymous {
        Ok(anonymous) => anonymous,
        Err(e) => return Outcome::Failed(e),
    };
    let bucket = &ctx.settings.bucket.value;
    let alias = format!("ALIAS/{bucket}");
    if anonymous.write {
        return Outcome::Failed(
            Error::config(format!(
                "anyone can write to bucket '{bucket}' without a signature: an unsigned PUT of a probe object was stored (and deleted again), so a stranger can replace any picture with any file, unchecked"
            ))
            .hint(format!(
                "take anonymous writes out of the bucket's policy: 'mc anonymous set download {alias}' keeps public reads, 'mc anonymous set none {alias}' ends them too"
            )),
        );
    }
    if !anonymous.read && !anonymous.list {
        return Outcome::Passed(format!(
            "none: reading, listing and writing bucket '{bucket}' without a signature were each refused"
        ));
    }
    let mut can = Vec::new();
    let mut so = Vec::new();
    let mut refused = Vec::new();
    if anonymous.read {
        can.push("read");
        so.push("each picture is public to whoever has its URL (a presigned URL's expiry limits nothing)");
    } else {
        refused.push("reading");
    }
    if anonymous.list {
        can.push("list");
        so.push("a listing names every user with a picture (keys hold users' ids)");
    } else {
        refused.push("listing");
    }
    refused.push("writing");
    Outcome::Passed(format!(
        "anyone can {} bucket '{bucket}' without a signature: {}; {} {} refused. If the app does not serve its pictures publicly: 'mc anonymous set none {alias}'",
        can.join(" and "),
        so.join(", and "),
        refused.join(" and "),
        if refused.len() == 1 { "is" } else { "are" },
    ))
}

/// The bucket exists, and a probe object can be written, read back and deleted; and
/// while it is there, what a request without a signature may do in the bucket.
async fn bucket_check(
    ctx: &Context,
    store: &crate::store::Store,
) -> std::result::Result<(String, std::result::Result<crate::store::Anonymous, Error>), Error> {
    let bucket = &ctx.settings.bucket.value;
    if store.bucket_state(bucket, store.policy()).await? == BucketState::Missing {
        return Err(
            Error::not_found(format!("bucket '{bucket}' does not exist"))
                .hint("run 'pfp bucket init'"),
        );
    }
    let key = format!("pfp-doctor/probe-{}", uuid::Uuid::new_v4());
    let body = b"pfp doctor probe";
    store
        .put(
            bucket,
            &ObjectToPut {
                key: &key,
                bytes: body,
                content_type: "text/plain",
                cache_control: IMMUTABLE,
                metadata: Vec::new(),
            },
        )
        .await?;
    let url = ctx
        .presigner(Duration::from_secs(60))?
        .presign_get(&key, Duration::from_secs(60));
    let read = store.fetch(&url.url).await;
    // Asked before the probes go: in a bucket that keeps versions, a DELETE would leave
    // each run's probes behind as versions, to pile up.
    let versioning = store.versioning(bucket).await;
    let keeps_versions = versioning.as_ref().is_ok_and(|v| v.keeps_versions());
    let anonymous = store
        .anonymous_access(bucket, &key, body, keeps_versions)
        .await;
    let deleted = store.delete_probe(bucket, &key, keeps_versions).await;
    let bytes = read?;
    deleted?;
    if bytes != body {
        return Err(Error::new(
            Kind::Internal,
            "the probe object read back differs from what was written",
        ));
    }
    // What an erasure (`remove --purge`, `user delete`) has to delete: in a bucket that
    // keeps versions, every version.
    let versions = match versioning {
        Ok(crate::store::Versioning::Off) => String::new(),
        Ok(crate::store::Versioning::Enabled) => "; it keeps versions (versioning enabled): an erasure ('remove --purge', 'user delete') deletes every version of what it erases".to_owned(),
        Ok(crate::store::Versioning::Suspended) => "; it keeps the versions made while versioning was on (suspended): an erasure ('remove --purge', 'user delete') deletes every version of what it erases".to_owned(),
        Err(e) if e.kind() == Kind::Denied => "; whether it keeps versions, the keys may not ask (access denied): if it does, an erasure ('remove --purge', 'user delete') leaves earlier versions of what it erases, unless the keys get s3:GetBucketVersioning, s3:ListBucketVersions and s3:DeleteObjectVersion".to_owned(),
        Err(e) => return Err(e),
    };
    // Whether pfp can delete what it writes: under a default retention, not until then.
    let lock = match store.default_retention(bucket).await {
        Ok(None) => String::new(),
        Ok(Some(retention)) => format!(
            "; its object lock keeps every object for a time after its upload ({retention}): pfp cannot delete a picture before then, so replaced pictures stay longer and an erasure ('remove --purge', 'user delete') of a younger picture fails"
        ),
        Err(e) if e.kind() == Kind::Denied => String::new(),
        Err(e) => return Err(e),
    };
    Ok((
        format!(
            "'{bucket}' exists; wrote, read (through a presigned URL) and deleted a probe object{versions}{lock}"
        ),
        anonymous,
    ))
}
