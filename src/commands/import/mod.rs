//! `pfp import DIR | --manifest FILE.csv`: many pictures at once, each through the same
//! pipeline, keys and order of effects as `upload`.
//!
//! Concurrency: up to `--jobs` files are in flight; decoding, resizing and encoding run in
//! jailed children, two a core ([`DecodePool`]), while uploads and database updates of
//! other files proceed. Memory is bounded by `--jobs` and by what files read and not yet
//! decoded may hold together (`Held`), not by the number of files. A re-run skips files
//! whose fingerprint is already the user's current picture.
//! Ctrl-C (or SIGTERM) stops taking new files, lets the ones in flight finish (or undo
//! themselves), and exits 130 (143): see [`crate::commands::stop`].

mod source;

use std::sync::Arc;

use futures_util::StreamExt as _;

use crate::commands::Context;
use crate::commands::decode_pool::{DecodePool, Refused};
use crate::commands::stop::StopSignals;
use crate::error::{Error, Kind, Result};
use crate::input::open_image;
use crate::output::{DefaultsFilled, ImportProgress, ImportReport, ImportStatus, ImportSummary};
use crate::picture::{self, Options};
use crate::settings::{ImportOptions, ImportSource};
use crate::store::Store;
use crate::users::{Db, PictureKind, Selector};
use crate::values::{FileName, Shard, in_shard};
use crate::workflow::{self, Publish, Target};
use source::{Item, Row, Rows, Seen};

/// What every file's task shares.
struct Shared<'a> {
    ctx: &'a Context,
    db: &'a Db,
    store: &'a Store,
    options: Arc<Options>,
    decoder: DecodePool,
    /// The files read and not yet decoded, in KiB: [`Held`].
    held: Held,
    keep_previous: bool,
    user_by: Option<crate::users::SelectorKind>,
    dry_run: bool,
    /// How many more misses may look for a user of that name ([`NAME_HINTS`]).
    name_hints: std::sync::atomic::AtomicU32,
}

/// The misses of one import that look for users of that display name, for the hint: each
/// reads the users table through (names have no index), so a folder of a million files
/// named for nobody costs a few reads, not a million.
const NAME_HINTS: u32 = 5;

pub async fn run(args: &ImportOptions, ctx: &Context) -> Result<()> {
    if matches!(args.source, ImportSource::Nothing) && args.fill_defaults {
        return fill_defaults(ctx, args.shard.as_ref(), &mut StopSignals::catch()).await;
    }
    // Opened before any connection: a manifest or folder that is not there is exit 3.
    let rows = Rows::open(&args.source)?;
    let folders_skipped = rows.folders_skipped();
    if matches!(&args.source, ImportSource::Manifest(path) if path.as_os_str() == "-")
        && let Some(line) = crate::input::typed_at_terminal("the manifest (CSV)")
    {
        ctx.printer.status(&line);
    }
    let db = ctx.db().await?;
    let store = ctx.store().await?;
    // Checked once: a missing bucket (or another store than this database's) would
    // fail every file the same way.
    let bucket = &ctx.settings.bucket.value;
    let endpoint = &ctx.settings.endpoint.value;
    if args.dry_run {
        // A look, as `verify` takes one: a bucket that is not this database's store is a
        // warning, and nothing is claimed.
        store.require_bucket(bucket).await?;
        if let Some(warning) =
            workflow::identity::check_read_only(store, db, bucket, endpoint).await?
        {
            ctx.printer.warn(&warning);
        }
    } else {
        let paired = workflow::identity::ensure(store, db, bucket, endpoint).await?;
        // One request per new picture instead of two where the server allows it.
        workflow::identity::probe_conditional_put(store, bucket, &paired).await;
    }

    let decoder = DecodePool::new(args.picture.clone(), ctx.settings.sandbox);
    let shared = Shared {
        ctx,
        db,
        store,
        options: Arc::clone(decoder.options()),
        held: Held::new(args.picture.limits.max_bytes),
        decoder,
        keep_previous: args.keep_previous,
        user_by: args.user_by,
        dry_run: args.dry_run,
        name_hints: std::sync::atomic::AtomicU32::new(NAME_HINTS),
    };
    // Files in flight side by side share their database commits (SQLite: see
    // `users::group`); one file at a time, or the defaults filled one by one after, would
    // only wait for a batch nobody else joins.
    // PostgreSQL: their transactions side by side, each on a connection of its own.
    db.group_commits(args.jobs > 1);
    db.parallel_writers(args.jobs).await;
    // Caught from here to the end of the run (the defaults filled after it included):
    // once caught, they are never again what ends the process.
    let mut signals = StopSignals::catch();
    let ended = import_all(&shared, rows, args.jobs, args.shard.as_ref(), &mut signals).await;
    db.group_commits(false);
    db.parallel_writers(0).await;
    let counts = &ended.counts;
    // A folder per user (`uploads/42/avatar.jpg`, as apps store them) read as an empty
    // directory: "0 files", exit 0, and nothing said about the folders.
    let folders = folders_skipped.load(std::sync::atomic::Ordering::Relaxed);
    if let ImportSource::Dir(dir) = &args.source
        && folders > 0
    {
        let shown = crate::values::printable(&dir.to_string_lossy());
        ctx.printer.warn(&format!(
            "{} in '{shown}' skipped: import reads the files directly in the directory, each named for its user ({shown}/42.jpg); for a folder per user ({shown}/USER/FILE), give a manifest: find '{shown}' -mindepth 2 -type f | awk -F/ '{{print $(NF-1) \",\" $0}}' | pfp import --manifest -",
            crate::output::plural(folders, "subfolder", "subfolders")
        ));
    }
    ctx.printer.print(&ImportSummary {
        files: counts.files,
        done: counts.done,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
        failed: counts.failed,
        interrupted: ended.stopped.is_some(),
        not_started: ended.not_started,
        dry_run: args.dry_run,
        replaced: counts.replaced,
    });
    if let Some(kind) = ended.stopped {
        return Err(Error::silent(kind).into());
    }
    if ended.database_lost {
        return Err(Error::new(
            Kind::Unavailable,
            format!(
                "the connection to the database was lost: the import stopped taking files at the first file that failed for it; {} not started",
                crate::output::plural(ended.not_started, "file", "files")
            ),
        )
        .hint("run the same import again once the database answers: the files imported are unchanged then")
        .into());
    }
    // The source could not be read to its end: what was read is done, the rest is not.
    if let Some(e) = ended.unread {
        return Err(e.into());
    }
    if args.fill_defaults {
        fill_defaults(ctx, args.shard.as_ref(), &mut signals).await?;
    }
    match (counts.first_failure, counts.rejected) {
        (Some(kind), _) => Err(Error::silent(kind).into()),
        (None, 0) => Ok(()),
        (None, _) => Err(Error::silent(Kind::Invalid).into()),
    }
}

/// How [`import_all`] ended.
struct Ended {
    counts: Counts,
    /// Stopped by a signal: [`Kind::Interrupted`] (Ctrl-C) or [`Kind::Terminated`].
    stopped: Option<Kind>,
    /// Rows read from the source that no file's work began for (dropped by Ctrl-C).
    not_started: u64,
    /// Why the source could not be read to its end.
    unread: Option<Error>,
    /// A file failed because the database session is gone: no file was taken after it.
    database_lost: bool,
}

/// Imports the rows as they arrive, `jobs` files at a time, printing each file's report
/// as it ends. Ctrl-C or SIGTERM stops taking new rows; the files in flight finish. A
/// source that cannot be read on likewise stops the taking, and is reported once the rest
/// is done.
async fn import_all(
    shared: &Shared<'_>,
    mut rows: Rows,
    jobs: usize,
    shard: Option<&Shard>,
    signals: &mut Option<StopSignals>,
) -> Ended {
    let progress = shared.ctx.printer.import_progress();
    let mut seen = Seen::default();
    let mut claims = futures_util::stream::FuturesOrdered::new();
    let mut counts = Counts::default();
    let mut unread = None;
    let mut stopped = None;
    let mut database_lost = false;
    let mut reading = true;
    let mut in_flight = futures_util::stream::FuturesUnordered::new();
    loop {
        let taking = reading && stopped.is_none();
        if in_flight.is_empty() && claims.is_empty() && !taking {
            break;
        }
        let room = taking && in_flight.len() + claims.len() < jobs;
        tokio::select! {
            // A signal first: once one came, no row is taken after it.
            biased;
            kind = async { signals.as_mut().expect("caught").next().await }, if signals.is_some() => {
                if stopped.is_none() {
                    stopped = Some(kind);
                    // Rows whose user is still being looked up have not started: dropped.
                    claims = futures_util::stream::FuturesOrdered::new();
                    progress.interrupted(in_flight.len());
                    continue;
                }
                // A second one stops at once, as rclone and mc do: the files in flight
                // are left where their order of effects stands (an object without its
                // row is an orphan `verify --fix` removes; a row never points at a
                // missing object).
                progress.clear();
                shared.ctx.printer.warn(&format!(
                    "stopped at once: {} in flight left unfinished (run `pfp verify`)",
                    crate::output::plural(in_flight.len() as u64, "file", "files")
                ));
                return Ended {
                    not_started: rows.read_so_far().saturating_sub(counts.files as u64),
                    counts,
                    stopped,
                    unread,
                    database_lost,
                };
            }
            Some(report) = in_flight.next(), if !in_flight.is_empty() => {
                let report: ImportReport = report;
                counts.add(&report);
                // Every statement after a lost session fails as this file's did: no file
                // is taken after it (the rows whose users are being looked up are not
                // started), where each file of the rest failed in turn.
                if report.database_lost() && !database_lost {
                    database_lost = true;
                    reading = false;
                    claims = futures_util::stream::FuturesOrdered::new();
                }
                progress.suspend(|| shared.ctx.printer.print(&report));
            }
            // Users are looked up side by side but admitted in row order: the first row
            // of a user wins, however it was spelled.
            Some((row, found)) = claims.next(), if !claims.is_empty() => {
                if let Some(task) = admit(row, found, shard, &mut seen) {
                    in_flight.push(import_row(shared, task, &progress));
                }
            }
            row = rows.next(), if room => {
                progress.set_total(rows.read_so_far());
                match row {
                    Some(Ok(row)) => claims.push_back(look_up(shared, row)),
                    Some(Err(e)) => {
                        unread = Some(e);
                        reading = false;
                    }
                    None => reading = false,
                }
            }
        }
    }
    progress.clear();
    Ended {
        not_started: rows.read_so_far().saturating_sub(counts.files as u64),
        counts,
        stopped,
        unread,
        database_lost,
    }
}

/// A row ready for the work: its user found (or the row refused).
enum Task {
    Import(Item, crate::users::User),
    /// The user could not be looked up (the database failed): the error's kind counts.
    Failed {
        file: FileName,
        user: String,
        error: Error,
    },
    Refused {
        file: FileName,
        user: String,
        message: String,
    },
}

/// A row and its user, as looked up (None for a row refused as it was read).
type Found = Option<std::result::Result<crate::users::User, Stop>>;

/// Looks up the row's user (rows already refused need no lookup).
async fn look_up(shared: &Shared<'_>, row: Row) -> (Row, Found) {
    match &row {
        Row::Import(item) => {
            let found = find_user(shared, item, &crate::input::display_name(&item.path)).await;
            (row, Some(found))
        }
        Row::Refused { .. } => (row, None),
    }
}

/// Decides, in row order, whether this run imports the row: rows of other shards are
/// skipped (None), a row whose user is not found or already has a row is refused.
/// Sharding is by user id (as `export-urls` and `verify` shard), so two spellings of one
/// user land in the same shard; a row naming nobody is reported by the shard of its
/// selector's text, so exactly one shard reports it.
fn admit(row: Row, found: Found, shard: Option<&Shard>, seen: &mut Seen) -> Option<Task> {
    let item = match row {
        Row::Import(item) => item,
        Row::Refused {
            file,
            user,
            message,
        } => {
            return in_shard(shard, &user).then_some(Task::Refused {
                file,
                user,
                message,
            });
        }
    };
    let file = FileName::of_path(&item.path);
    let refuse = |message: String| {
        let message = if item.from_manifest {
            format!("{}: {message}", item.row)
        } else {
            message
        };
        Some(Task::Refused {
            file: file.clone(),
            user: item.selector.clone(),
            message,
        })
    };
    let user = match found {
        Some(Ok(user)) => user,
        Some(Err(Stop::Rejected(message) | Stop::BrokeRule(_, message))) => {
            return if in_shard(shard, &item.selector) {
                refuse(message)
            } else {
                None
            };
        }
        Some(Err(Stop::Failed(error))) => {
            return in_shard(shard, &item.selector).then(|| Task::Failed {
                file: file.clone(),
                user: item.selector.clone(),
                error,
            });
        }
        Some(Err(Stop::Unchanged(_))) | None => return None,
    };
    if !in_shard(shard, &user.id) {
        return None;
    }
    let manifest = item
        .row
        .rsplit_once(':')
        .map_or(item.row.as_str(), |(name, _)| name)
        .to_owned();
    if let Err(message) = seen.check(&user.id, &item, &manifest) {
        // Both rows named: this one first (a manifest's line, or a directory's file).
        return if item.from_manifest {
            refuse(message)
        } else {
            refuse(format!("{file}: {message}"))
        };
    }
    Some(Task::Import(item, user))
}

/// One row: a file imported, or a row refused as it was read.
async fn import_row(shared: &Shared<'_>, task: Task, progress: &ImportProgress) -> ImportReport {
    match task {
        Task::Import(item, user) => {
            let line = progress.start(&item.path);
            let report = import_one(shared, &item, user).await;
            progress.finish(line);
            report
        }
        Task::Failed { file, user, error } => {
            progress.finish(indicatif::ProgressBar::hidden());
            ImportReport::failed(file, user, &error)
        }
        Task::Refused {
            file,
            user,
            message,
        } => {
            progress.finish(indicatif::ProgressBar::hidden());
            ImportReport::new(file, user, ImportStatus::Rejected, None, Some(message))
        }
    }
}

#[derive(Default)]
struct Counts {
    files: usize,
    done: usize,
    unchanged: usize,
    rejected: usize,
    failed: usize,
    replaced: usize,
    /// The exit code's kind: unavailable wins (a re-run may succeed), else the first seen.
    first_failure: Option<Kind>,
}

impl Counts {
    fn add(&mut self, report: &ImportReport) {
        self.files += 1;
        if report.replaced.is_some() {
            self.replaced += 1;
        }
        match &report.status {
            ImportStatus::Done
            | ImportStatus::Updated
            | ImportStatus::WouldImport
            | ImportStatus::WouldReplace => self.done += 1,
            ImportStatus::Unchanged => self.unchanged += 1,
            ImportStatus::Rejected => self.rejected += 1,
            ImportStatus::Failed(kind) => {
                self.failed += 1;
                if self.first_failure.is_none() || *kind == Kind::Unavailable {
                    self.first_failure = Some(*kind);
                }
            }
        }
    }
}

/// Why one file's import stopped before it was published.
enum Stop {
    /// The file's selector (or the row) is refused (counted as rejected, exit 4).
    Rejected(String),
    /// The file broke a rule (`validate`'s name for it, with `missing` and `unreadable`):
    /// rejected as above, and the rule is in `--json`.
    BrokeRule(&'static str, String),
    /// Something else went wrong (the error's kind is the exit code).
    Failed(Error),
    /// An earlier run already made this picture the user's current one.
    Unchanged(String),
}

impl Stop {
    /// A file that could not be read: a broken rule, unless the machine ran out of
    /// descriptors or memory reading it (then it failed, as the files after it may).
    fn input(e: crate::input::InputError) -> Stop {
        match e {
            crate::input::InputError::Unreadable(error) if error.kind() == Kind::Unavailable => {
                Stop::Failed(error)
            }
            e => Stop::BrokeRule(e.rule(), e.message()),
        }
    }
}

impl From<Error> for Stop {
    fn from(e: Error) -> Self {
        Stop::Failed(e)
    }
}

fn internal(e: impl std::fmt::Display) -> Stop {
    Stop::Failed(Error::new(Kind::Internal, e.to_string()))
}

/// One file: find the user, read, skip if already current, process, publish.
async fn import_one(shared: &Shared<'_>, item: &Item, user: crate::users::User) -> ImportReport {
    let file = FileName::of_path(&item.path);
    let report = |status, key, message: Option<String>| {
        // A manifest row's problems name its line first.
        let message = match message {
            Some(m) if item.from_manifest => Some(format!("{}: {m}", item.row)),
            other => other,
        };
        ImportReport::new(file.clone(), item.selector.clone(), status, key, message)
    };
    match import_steps(shared, item, file.shown(), user).await {
        Ok(Imported::Planned { key, replacing }) => match replacing {
            None => report(ImportStatus::WouldImport, Some(key), None),
            // Not through `report`: no problem, so no manifest line before it.
            Some(old) => ImportReport::new(
                file.clone(),
                item.selector.clone(),
                ImportStatus::WouldReplace,
                Some(key),
                Some(old),
            ),
        },
        Ok(Imported::Published(published)) => {
            for warning in &published.warnings {
                shared.ctx.printer.warn(warning);
            }
            let status = if published.unchanged {
                ImportStatus::Unchanged
            } else if published.updated {
                ImportStatus::Updated
            } else {
                ImportStatus::Done
            };
            report(status, Some(published.entry.key), None)
                .replacing(published.replaced.map(|kept| kept.key))
        }
        Err(Stop::Unchanged(key)) => report(ImportStatus::Unchanged, Some(key), None),
        Err(Stop::Rejected(message)) => report(ImportStatus::Rejected, None, Some(message)),
        Err(Stop::BrokeRule(rule, message)) => {
            let hint = (rule == "missing").then(|| item.misread()).flatten();
            let message = match hint {
                Some(hint) => format!("{message}; {hint}"),
                None => message,
            };
            report(ImportStatus::Rejected, None, Some(message)).breaking(rule)
        }
        Err(Stop::Failed(e)) => {
            report(ImportStatus::Failed(e.kind()), None, Some(e.to_string())).failing_for(&e)
        }
    }
}

/// What [`import_steps`] did with a file it did not stop at.
enum Imported {
    Published(Box<workflow::Published>),
    /// `--dry-run`: the key it would store, and the column value it would replace.
    Planned {
        key: String,
        replacing: Option<String>,
    },
}

async fn import_steps(
    shared: &Shared<'_>,
    item: &Item,
    file: &str,
    user: crate::users::User,
) -> std::result::Result<Imported, Stop> {
    let (bytes, source, held) = read_source(shared, item).await?;
    skip_if_current(shared, &user, &source).await?;
    let processed = decode(shared, bytes, file).await?;
    drop(held);
    let settings = &shared.ctx.settings;
    if shared.dry_run {
        let plan = workflow::plan(
            &settings.endpoint.value,
            &settings.bucket.value,
            Target::User(&user),
            &processed.picture,
            &source,
        );
        let column = user.picture_url.filter(|c| !c.trim().is_empty());
        if column.as_deref() == Some(plan.url.as_str()) {
            return Err(Stop::Unchanged(plan.key));
        }
        return Ok(Imported::Planned {
            key: plan.key,
            replacing: column,
        });
    }
    let original = item
        .path
        .file_name()
        .map_or(file.to_owned(), |n| n.to_string_lossy().into_owned());
    Ok(Imported::Published(Box::new(
        workflow::publish(
            Publish {
                store: shared.store,
                db: shared.db,
                bucket: &settings.bucket.value,
                endpoint: &settings.endpoint.value,
                target: Target::User(&user),
                picture: &processed.picture,
                original_name: &original,
                keep_previous: shared.keep_previous,
                source: &source,
                // `run` checked them before the first file.
                expect: None,
                checked: true,
            },
            &|_| {},
        )
        .await?,
    )))
}

/// The file's user; a selector that names nobody (or nothing valid) rejects the file.
async fn find_user(
    shared: &Shared<'_>,
    item: &Item,
    file: &str,
) -> std::result::Result<crate::users::User, Stop> {
    let selector = Selector::parse(&item.selector, shared.user_by)
        .map_err(|e| Stop::Rejected(format!("{file}: {e}")))?;
    match shared.db.lookup_user(&selector).await {
        Ok(user) => Ok(user),
        Err(e) if e.kind() == Kind::NotFound => {
            let hinted = shared
                .name_hints
                .fetch_update(
                    std::sync::atomic::Ordering::Relaxed,
                    std::sync::atomic::Ordering::Relaxed,
                    |left| left.checked_sub(1),
                )
                .is_ok();
            let users = if hinted {
                shared.db.named(&selector).await.map_err(Stop::Failed)?
            } else {
                Vec::new()
            };
            let e = if users.is_empty() {
                e
            } else {
                e.hint(format!(
                    "it is the name of {}: name the file for the user's id, UUID, email or nickname, or list it in a manifest (a name is not unique)",
                    crate::users::users_list(&users)
                ))
            };
            Err(Stop::Rejected(format!("{file}: {e}")))
        }
        Err(e) if e.kind() == Kind::Invalid => Err(Stop::Rejected(format!("{file}: {e}"))),
        Err(e) => Err(Stop::Failed(e)),
    }
}

/// What the files in flight hold between their reading and the end of their decode (the
/// file's bytes, in memory or a kept memfd), bounded together: [`HELD_MIB`], or one file
/// of the size limit if that is more. Many small files fill `--jobs` long before the
/// bound; photos of megabytes wait for it before they are read, so memory does not grow
/// with `--jobs`.
struct Held {
    kib: Arc<tokio::sync::Semaphore>,
    total: u32,
}

/// [`Held`]'s bound: about what 12 files of the default 5 MB limit hold, as many as the
/// default `--jobs` of a 2-core machine (then 12) let in flight before the bound.
const HELD_MIB: u32 = 64;

impl Held {
    fn new(max_bytes: u64) -> Held {
        let total = u32::try_from(max_bytes.div_ceil(1024))
            .unwrap_or(u32::MAX)
            .max(HELD_MIB << 10)
            .min(u32::try_from(tokio::sync::Semaphore::MAX_PERMITS).unwrap_or(u32::MAX));
        Held {
            kib: Arc::new(tokio::sync::Semaphore::new(total as usize)),
            total,
        }
    }
}

/// The share of [`Held`] of a file of `size` bytes: its KiB, at least one, at most the
/// whole bound (`total`).
fn share(size: u64, total: u32) -> u32 {
    u32::try_from(size.div_ceil(1024))
        .unwrap_or(u32::MAX)
        .clamp(1, total)
}

/// A file read: its bytes (within the size limit), its fingerprint, and its share of
/// [`Held`] (to be let go once it is decoded).
type Source = (
    crate::input::Image,
    String,
    tokio::sync::OwnedSemaphorePermit,
);

async fn read_source(shared: &Shared<'_>, item: &Item) -> std::result::Result<Source, Stop> {
    let options = Arc::clone(&shared.options);
    let path = item.path.clone();
    let budget = Arc::clone(&shared.held.kib);
    let total = shared.held.total;
    // Opened, and read at once where its share is free (nearly always, for small files):
    // one trip to the blocking pool. Otherwise it waits for its share here and is read on
    // a second trip.
    let first = tokio::task::spawn_blocking(move || {
        let opened = open_image(&path, &options.limits)?;
        match budget.try_acquire_many_owned(share(opened.size(), total)) {
            Ok(permit) => read_and_fingerprint(opened, &options).map(|r| Ok((r, permit))),
            Err(_) => Ok(Err(opened)),
        }
    })
    .await
    .map_err(internal)?
    .map_err(Stop::input)?;
    let ((bytes, source), permit) = match first {
        Ok(read) => read,
        Err(opened) => {
            let permit = Arc::clone(&shared.held.kib)
                .acquire_many_owned(share(opened.size(), total))
                .await
                .map_err(internal)?;
            let options = Arc::clone(&shared.options);
            let read = tokio::task::spawn_blocking(move || read_and_fingerprint(opened, &options))
                .await
                .map_err(internal)?
                .map_err(Stop::input)?;
            (read, permit)
        }
    };
    Ok((bytes, source, permit))
}

fn read_and_fingerprint(
    opened: crate::input::Opened,
    options: &Options,
) -> std::result::Result<(crate::input::Image, String), crate::input::InputError> {
    opened.read(false).map(|bytes| {
        let source = picture::fingerprint(&bytes, options);
        (bytes, source)
    })
}

/// Already done by an earlier run: the fingerprint is the user's current picture, and
/// its object is still there.
async fn skip_if_current(
    shared: &Shared<'_>,
    user: &crate::users::User,
    source: &str,
) -> std::result::Result<(), Stop> {
    if let Some(entry) = shared.db.current(PictureKind::User, &user.id).await?
        && entry.source == source
        && shared
            .store
            .exists(&shared.ctx.settings.bucket.value, &entry.key)
            .await?
    {
        return Err(Stop::Unchanged(entry.entry.key));
    }
    Ok(())
}

/// Decodes and normalises within the budget ([`DecodePool`]).
async fn decode(
    shared: &Shared<'_>,
    bytes: crate::input::Image,
    file: &str,
) -> std::result::Result<picture::Processed, Stop> {
    shared
        .decoder
        .decode(bytes, file)
        .await
        .map_err(|r| match r {
            Refused::Rejected(rejection) => {
                Stop::BrokeRule(rejection.rule.key(), rejection.message)
            }
            Refused::Failed(e) => Stop::Failed(e),
        })
}

/// `--fill-defaults`: the generated avatar of every user without a picture, made now.
async fn fill_defaults(
    ctx: &Context,
    shard: Option<&Shard>,
    signals: &mut Option<StopSignals>,
) -> Result<()> {
    let db = ctx.db().await?;
    if db.setting(crate::workflow::DEFAULT_STYLE).await?.is_none() {
        return Err(Error::config("no generated default style is set")
            .hint("run 'pfp set-default --generated identicon' (or initials) first")
            .into());
    }
    let mut made = 0;
    let mut after: Option<String> = None;
    // Ctrl-C or SIGTERM: the avatar in the making is finished, no other is started; a
    // second signal stops at once (each avatar is stored before its row, as any picture).
    let mut stopped = None;
    'pages: loop {
        let page = db.users_with_pictures(after.as_deref(), 1000).await?;
        for (user, entry) in &page {
            if entry.is_some() || !in_shard(shard, &user.id) {
                continue;
            }
            let mut work = std::pin::pin!(crate::commands::default_for(ctx, user));
            loop {
                tokio::select! {
                    biased;
                    kind = async { signals.as_mut().expect("caught").next().await }, if signals.is_some() => {
                        if stopped.is_some() {
                            return Err(Error::silent(kind).into());
                        }
                        stopped = Some(kind);
                    }
                    done = &mut work => {
                        done?;
                        made += 1;
                        break;
                    }
                }
            }
            if stopped.is_some() {
                break 'pages;
            }
        }
        match page.last() {
            Some((user, _)) if page.len() == 1000 => after = Some(user.id.clone()),
            _ => break,
        }
    }
    ctx.printer.print(&DefaultsFilled {
        users: made,
        interrupted: stopped.is_some(),
    });
    match stopped {
        Some(kind) => Err(Error::silent(kind).into()),
        None => Ok(()),
    }
}
