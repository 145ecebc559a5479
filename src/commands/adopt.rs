//! `pfp adopt`: take over the pictures an app stored in the bucket itself before pfp
//! came. For each user whose column names such an object: HEAD it (the size limit before
//! any byte is read), GET it, run it through `upload`'s pipeline (sniffed by content: the
//! app stored whatever the browser called `image/*`), publish it under pfp's keys with
//! the same order of effects, and point the column at it with a compare-and-set on the
//! value read, so an app writing the column meanwhile wins. Users are read a page at a
//! time; a re-run adopts only what is new.

use std::collections::VecDeque;

use futures_util::StreamExt as _;

use crate::commands::Context;
use crate::commands::decode_pool::{DecodePool, Refused};
use crate::commands::stop::StopSignals;
use crate::error::{Error, Kind, Result};
use crate::input::Image;
use crate::output::{AdoptReport, AdoptStatus, AdoptSummary};
use crate::picture::Rule;
use crate::settings::AdoptOptions;
use crate::users::User;
use crate::values::{ColumnPicture, in_shard};
use crate::workflow::{self, Expected, Publish, Target};

/// Users read per query.
const PAGE: u64 = 1000;

/// One user's outcome, owned (the report borrows from it).
struct Outcome {
    user: String,
    status: AdoptStatus,
    from: String,
    key: Option<String>,
    message: Option<String>,
    original_deleted: bool,
    /// With `--delete-originals`: the original's deletion failed (the user is adopted).
    original_failed: bool,
    /// The exit code's kind of a failure.
    failed: Option<Kind>,
    /// A rejected picture's broken rule (`validate`'s names).
    rule: Option<&'static str>,
    /// Failed because the database session is gone.
    database_lost: bool,
}

impl Outcome {
    fn new(user: &User, from: &str, status: AdoptStatus) -> Outcome {
        Outcome {
            user: user.id.clone(),
            status,
            from: from.to_owned(),
            key: None,
            message: None,
            original_deleted: false,
            original_failed: false,
            failed: None,
            rule: None,
            database_lost: false,
        }
    }

    fn breaking(mut self, rule: Rule) -> Outcome {
        self.rule = Some(rule.key());
        self
    }

    fn with(mut self, key: Option<&str>, message: Option<String>) -> Outcome {
        self.key = key.map(str::to_owned);
        self.message = message;
        self
    }
}

struct Shared<'a> {
    ctx: &'a Context,
    args: &'a AdoptOptions,
    decoder: DecodePool,
}

pub async fn run(args: &AdoptOptions, ctx: &Context) -> Result<()> {
    let db = ctx.db().await?;
    let store = ctx.store().await?;
    let bucket = &ctx.settings.bucket.value;
    store.require_bucket(bucket).await?;
    if !args.dry_run {
        workflow::identity::ensure(store, db, bucket, &ctx.settings.endpoint.value).await?;
        ctx.confirm(
            &format!(
                "Adopt the app's pictures ({}): store each under pfp's keys, normalised, and point the user's column at it{}?",
                ctx.place(),
                if args.delete_originals {
                    ", deleting the original"
                } else {
                    " (the originals stay)"
                }
            ),
            args.yes,
        )?;
    }
    // PostgreSQL: the users' transactions side by side, as in `import`.
    if !args.dry_run {
        db.parallel_writers(args.jobs).await;
    }
    let shared = Shared {
        ctx,
        args,
        decoder: DecodePool::new(args.picture.clone(), ctx.settings.sandbox),
    };
    let progress = ctx.printer.import_progress();
    let mut summary = AdoptSummary {
        users: 0,
        adopted: 0,
        rejected: 0,
        skipped: 0,
        missing: 0,
        changed_meanwhile: 0,
        failed: 0,
        originals_deleted: 0,
        originals_not_deleted: 0,
        dry_run: args.dry_run,
        interrupted: false,
    };
    let mut worst: Option<Kind> = None;
    let mut queue: VecDeque<(User, ColumnPicture)> = VecDeque::new();
    let mut after: Option<String> = None;
    let mut more = true;
    let mut fetch: Option<futures_util::future::BoxFuture<'_, _>> = None;
    let mut in_flight = futures_util::stream::FuturesUnordered::new();
    let mut stopped = None;
    // Why no more users are taken: the database session is gone, or a page of users could
    // not be read (the users in flight finish first).
    let mut database_lost = false;
    let mut unread: Option<Error> = None;
    let mut signals = StopSignals::catch();
    // The hosts other than pfp's endpoints that columns name the bucket on, and how often.
    let mut other_hosts: std::collections::BTreeMap<String, u64> = Default::default();
    loop {
        if fetch.is_none() && queue.is_empty() && more && !summary.interrupted {
            let from = after.clone();
            fetch = Some(Box::pin(async move {
                db.users_with_pictures(from.as_deref(), PAGE).await
            }));
        }
        if in_flight.is_empty() && fetch.is_none() && queue.is_empty() {
            break;
        }
        let taking = !summary.interrupted && !queue.is_empty() && in_flight.len() < args.jobs;
        // The page query is a future of its own beside the users in flight (never
        // awaited while they wait: they share the one database connection).
        tokio::select! {
            biased;
            kind = async { signals.as_mut().expect("caught").next().await }, if signals.is_some() => {
                if stopped.is_none() {
                    stopped = Some(kind);
                    summary.interrupted = true;
                    queue.clear();
                    fetch = None;
                    continue;
                }
                // A second one stops at once, as in `import`: a user in flight keeps the
                // app's picture, or has pfp's with every object stored (an adoption's
                // copies that no row records are orphans `verify --fix` removes).
                progress.clear();
                ctx.printer.warn(&format!(
                    "stopped at once: {} in flight left unfinished (run `pfp verify`)",
                    crate::output::plural(in_flight.len() as u64, "user", "users")
                ));
                in_flight.clear();
                break;
            }
            Some(outcome) = in_flight.next(), if !in_flight.is_empty() => {
                let outcome: Outcome = outcome;
                count(&mut summary, &mut worst, &outcome);
                // Every statement after a lost session fails as this user's did: no user
                // is taken after it, where each of the rest failed in turn.
                if outcome.database_lost && !database_lost {
                    database_lost = true;
                    more = false;
                    queue.clear();
                    fetch = None;
                }
                progress.suspend(|| report(ctx, &outcome));
            }
            page = async { fetch.as_mut().expect("fetching").await }, if fetch.is_some() => {
                fetch = None;
                let page = match page {
                    Ok(page) => page,
                    Err(e) => {
                        more = false;
                        database_lost |= crate::error::connection_lost(&e);
                        unread = Some(e);
                        continue;
                    }
                };
                more = page.len() as u64 == PAGE;
                after = page.last().map(|(user, _)| user.id.clone());
                for (user, entry) in page {
                    if !in_shard(args.shard.as_ref(), &user.id) {
                        continue;
                    }
                    let column = user.picture_url.as_deref();
                    let Some(picture) = ctx.app_picture(column) else {
                        continue;
                    };
                    if let ColumnPicture::Elsewhere { url } = &picture
                        && let Some(origin) = crate::values::column::other_host_of(url, bucket)
                    {
                        *other_hosts.entry(origin).or_insert(0u64) += 1;
                    }
                    // A user pfp has a picture for is taken again only when the app has
                    // since written a picture of its own in the bucket (it still uploads
                    // the old way): the newer one, which pfp already hands out.
                    if ctx.app_picture_of(column, entry.as_ref()).is_some() {
                        queue.push_back((user, picture));
                    }
                }
                progress.set_total(summary.users + (in_flight.len() + queue.len()) as u64);
            }
            _ = std::future::ready(()), if taking => {
                let (user, picture) = queue.pop_front().expect("queued");
                let line = progress.start(std::path::Path::new(&format!("user {}", user.id)));
                let shared = &shared;
                let progress = &progress;
                in_flight.push(async move {
                    let outcome = adopt_one(shared, user, picture).await;
                    progress.finish(line);
                    outcome
                });
            }
        }
    }
    progress.clear();
    db.parallel_writers(0).await;
    ctx.printer.print(&summary);
    if !other_hosts.is_empty() {
        let configured: Vec<String> = ctx
            .settings
            .app_endpoints
            .as_ref()
            .map(|a| a.value.iter().map(|e| e.as_str().to_owned()).collect())
            .unwrap_or_default();
        ctx.printer
            .warn(&other_hosts_warning(bucket, &other_hosts, &configured));
    }
    if let Some(kind) = stopped {
        return Err(Error::silent(kind).into());
    }
    if database_lost {
        return Err(Error::new(
            Kind::Unavailable,
            "the connection to the database was lost: adopt stopped taking users there; those not taken yet were not started",
        )
        .hint("run the same adopt again once the database answers: it takes only the pictures not adopted yet")
        .into());
    }
    if let Some(e) = unread {
        return Err(e.into());
    }
    match (worst, summary.rejected) {
        (Some(kind), _) => Err(Error::silent(kind).into()),
        (None, 0) => Ok(()),
        (None, _) => Err(Error::silent(Kind::Invalid).into()),
    }
}

/// What to do about columns that name the bucket on hosts pfp does not know: if they are
/// this server under other names, say so and adopt them; pfp never assumes it.
fn other_hosts_warning(
    bucket: &crate::values::BucketName,
    hosts: &std::collections::BTreeMap<String, u64>,
    configured: &[String],
) -> String {
    let total: u64 = hosts.values().sum();
    let listed: Vec<String> = hosts
        .iter()
        .map(|(host, n)| format!("{host} ({n})"))
        .collect();
    // The endpoints set already stay in the list to set.
    let origins: Vec<&str> = configured
        .iter()
        .chain(hosts.keys())
        .map(String::as_str)
        .collect();
    format!(
        "skipped {} whose column names bucket '{bucket}' on {}: {}; if the app reaches this server by {}, set {}={} (or --app-endpoints) and run adopt again",
        crate::output::plural(total, "picture", "pictures"),
        if hosts.len() == 1 {
            "another host"
        } else {
            "other hosts"
        },
        listed.join(", "),
        if hosts.len() == 1 {
            "that name"
        } else {
            "those names"
        },
        crate::error::Setting::AppEndpoints.env()[0],
        origins.join(",")
    )
}

fn count(summary: &mut AdoptSummary, worst: &mut Option<Kind>, outcome: &Outcome) {
    summary.users += 1;
    match outcome.status {
        AdoptStatus::Adopted | AdoptStatus::WouldAdopt => summary.adopted += 1,
        AdoptStatus::Rejected => summary.rejected += 1,
        AdoptStatus::Skipped => summary.skipped += 1,
        AdoptStatus::Missing => summary.missing += 1,
        AdoptStatus::ChangedMeanwhile => summary.changed_meanwhile += 1,
        AdoptStatus::Failed => summary.failed += 1,
    }
    if outcome.original_deleted {
        summary.originals_deleted += 1;
    }
    if outcome.original_failed {
        summary.originals_not_deleted += 1;
    }
    if let Some(kind) = outcome.failed
        && (worst.is_none() || kind == Kind::Unavailable)
    {
        *worst = Some(kind);
    }
}

fn report(ctx: &Context, outcome: &Outcome) {
    ctx.printer.print(&AdoptReport {
        user: &outcome.user,
        status: outcome.status,
        from: &outcome.from,
        key: outcome.key.as_deref(),
        message: outcome.message.as_deref(),
        original_deleted: outcome.original_deleted,
        rule: outcome.rule,
    });
}

/// One user: read the app's object within the limits, process it, publish it with a
/// compare-and-set on the column, and (if asked) delete the original.
async fn adopt_one(shared: &Shared<'_>, user: User, picture: ColumnPicture) -> Outcome {
    let from = user.picture_url.clone().unwrap_or_default();
    let key = match picture {
        ColumnPicture::InBucket { key } => key,
        ColumnPicture::Elsewhere { .. } | ColumnPicture::External { .. } => {
            // Fetching arbitrary URLs would be a server-side request forgery risk.
            return Outcome::new(&user, &from, AdoptStatus::Skipped).with(
                None,
                Some(format!(
                    "{from} is no object of bucket '{}' that pfp can reach (another bucket or host, a URL that is not S3's, or a key with a '.' or '..' segment): left as it is (pfp never fetches URLs outside its bucket)",
                    shared.ctx.settings.bucket.value
                )),
            );
        }
    };
    match adopt_steps(shared, &user, &from, &key).await {
        Ok(outcome) => outcome,
        Err(e) => {
            let mut outcome = Outcome::new(&user, &from, AdoptStatus::Failed)
                .with(Some(&key), Some(e.to_string()));
            outcome.failed = Some(e.kind());
            outcome.database_lost = crate::error::connection_lost(&e);
            outcome
        }
    }
}

async fn adopt_steps(
    shared: &Shared<'_>,
    user: &User,
    from: &str,
    key: &str,
) -> std::result::Result<Outcome, Error> {
    let ctx = shared.ctx;
    let store = ctx.store().await?;
    let db = ctx.db().await?;
    let bucket = &ctx.settings.bucket.value;
    let limit = shared.decoder.options().limits.max_bytes;
    let outcome = |status| Outcome::new(user, from, status);
    let too_large = |size: u64| {
        outcome(AdoptStatus::Rejected)
            .breaking(Rule::FileSize)
            .with(
                Some(key),
                Some(format!(
                    "{key}: {size} bytes, more than the limit of {limit} bytes (file_size)"
                )),
            )
    };
    // The size first: nothing over the limit is read. The ETag tells, at the commit and
    // before the original is deleted, whether the app wrote a new picture to the same key.
    let etag = match store.stat(bucket, key).await? {
        None => {
            return Ok(outcome(AdoptStatus::Missing).with(
                Some(key),
                Some(format!("{key} is not in bucket '{bucket}'")),
            ));
        }
        Some(stat) if stat.size > limit => return Ok(too_large(stat.size)),
        Some(stat) => stat.etag,
    };
    let bytes = match store.get_limited(bucket, key, limit).await? {
        None => {
            return Ok(outcome(AdoptStatus::Missing).with(
                Some(key),
                Some(format!("{key} is not in bucket '{bucket}'")),
            ));
        }
        Some(Err(size)) => return Ok(too_large(size)),
        Some(Ok(bytes)) => bytes,
    };
    let source = crate::picture::fingerprint(&bytes, shared.decoder.options());
    let processed = match shared.decoder.decode(Image::from(bytes), key).await {
        Ok(processed) => processed,
        Err(Refused::Rejected(rejection)) => {
            return Ok(outcome(AdoptStatus::Rejected)
                .breaking(rejection.rule)
                .with(Some(key), Some(rejection.message)));
        }
        Err(Refused::Failed(e)) => return Err(e),
    };
    if shared.args.dry_run {
        return Ok(outcome(AdoptStatus::WouldAdopt).with(Some(key), None));
    }
    let published = workflow::publish(
        Publish {
            store,
            db,
            bucket,
            endpoint: &ctx.settings.endpoint.value,
            target: Target::User(user),
            picture: &processed.picture,
            original_name: key,
            // The original is the app's, in no ledger entry: deleted only with
            // --delete-originals, below. A picture pfp adopted before for this user is
            // retired as an upload's would be.
            keep_previous: false,
            source: &source,
            expect: Some(Expected {
                column: from,
                object: key,
                etag: &etag,
            }),
            checked: true,
        },
        &|_| {},
    )
    .await?;
    for warning in &published.warnings {
        ctx.printer.warn(warning);
    }
    if published.changed_meanwhile {
        return Ok(outcome(AdoptStatus::ChangedMeanwhile).with(
            Some(key),
            Some(format!(
                "the app changed the picture of user {} while pfp worked: left as the app wrote it",
                user.id
            )),
        ));
    }
    let mut done = outcome(AdoptStatus::Adopted).with(Some(&published.entry.key), None);
    if shared.args.delete_originals {
        match delete_original(ctx, key, &etag).await {
            Ok(deleted) => done.original_deleted = deleted,
            Err(e) => {
                // Adopted all the same (the column is pfp's now), and a later adopt does
                // not take this user again: the line names the original, why it stays,
                // and how to delete it; the run's exit code is the failure's.
                done.failed = Some(e.kind());
                done.database_lost = crate::error::connection_lost(&e);
                done.original_failed = true;
                done.message = Some(format!(
                    "{from} -> {}; the original '{key}' was not deleted: {e} (once no other user's column names it, delete it with an S3 tool: mc rm ALIAS/{}/{key})",
                    published.entry.key, ctx.settings.bucket.value
                ));
            }
        }
    }
    Ok(done)
}

/// Deletes an adopted original unless some user's column still names it (another user
/// the app gave the same object, or one not adopted yet) or the app wrote a new picture
/// to its key since it was read (its ETag changed: the app's column write comes next).
async fn delete_original(ctx: &Context, key: &str, etag: &str) -> std::result::Result<bool, Error> {
    let db = ctx.db().await?;
    // Not the key itself: a column may name it percent-encoded, or with a query string
    // after it (an expired presigned URL) or a space; a run of characters no URL encodes
    // is in every such spelling.
    for (_, column) in db
        .columns_containing(crate::values::column::verbatim_fragment(key))
        .await?
    {
        if matches!(ctx.app_picture(Some(&column)), Some(ColumnPicture::InBucket { key: k }) if k == key)
        {
            return Ok(false);
        }
    }
    let store = ctx.store().await?;
    let bucket = &ctx.settings.bucket.value;
    match store.stat(bucket, key).await? {
        None => return Ok(false),
        Some(now) if now.etag != etag => {
            ctx.printer.warn(&format!(
                "'{key}' was not deleted: the app wrote to it after it was adopted (a new picture: a later 'pfp adopt' takes it)"
            ));
            return Ok(false);
        }
        Some(_) => {}
    }
    store.delete(bucket, key).await?;
    Ok(true)
}
