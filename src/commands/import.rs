//! `pfp import DIR | --manifest FILE.csv`: many pictures at once, each through the same
//! pipeline, keys and order of effects as `upload`.
//!
//! Concurrency: up to `--jobs` files are in flight; decoding, resizing and encoding run on
//! the blocking pool under a semaphore of one permit per core, while uploads and database
//! updates of other files proceed. Memory is bounded by `--jobs`, not by the number of
//! files. A re-run skips files whose fingerprint is already the user's current picture.
//! Ctrl-C stops taking new files, lets the ones in flight finish (or undo themselves), and
//! exits 130.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures_util::StreamExt as _;
use serde_json::json;

use crate::cli::ImportArgs;
use crate::commands::Context;
use crate::error::{Error, Kind, Result};
use crate::input::{InputError, read_image};
use crate::output::{Done, ImportReport, ImportStatus};
use crate::picture::{self, Options};
use crate::store::Store;
use crate::users::{Db, PictureKind, Selector};
use crate::workflow::{self, Publish, Target};

/// One file to import and the user it is for.
#[derive(Clone, Debug)]
struct Item {
    selector: String,
    path: PathBuf,
}

/// The memory all decodes in flight may use together: the README's budget of 512 MB
/// per process, less what the rest of an import holds (files read, HTTP, the database).
const DECODE_MEMORY_MIB: u32 = 440;

/// What every file's task shares.
struct Shared<'a> {
    ctx: &'a Context,
    db: &'a Db,
    store: &'a Store,
    options: Arc<Options>,
    cpu: tokio::sync::Semaphore,
    /// MiB of decoding memory, shared by the decodes in flight.
    memory: tokio::sync::Semaphore,
    keep_previous: bool,
    user_by: Option<crate::cli::UserBy>,
}

pub async fn run(args: &ImportArgs, ctx: &Context) -> Result<()> {
    let options = Arc::new(ctx.settings.picture_options(&args.picture)?);
    let items = match (&args.dir, &args.manifest) {
        (_, Some(manifest)) => read_manifest(manifest)?,
        (Some(dir), None) => read_dir(dir)?,
        (None, None) if args.fill_defaults => Vec::new(),
        (None, None) => {
            return Err(Error::new(Kind::Usage, "give a directory or --manifest FILE").into());
        }
    };
    refuse_ambiguous(&items)?;
    if items.is_empty() && args.fill_defaults {
        return fill_defaults(ctx).await;
    }
    let db = ctx.db().await?;
    let store = ctx.store()?;
    // Checked once: a missing bucket would fail every file the same way.
    store.require_bucket(&ctx.settings.bucket.value).await?;

    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let jobs = args.jobs.unwrap_or(cores * 2 + 2).max(1);
    let shared = Shared {
        ctx,
        db,
        store: &store,
        options,
        cpu: tokio::sync::Semaphore::new(cores),
        memory: tokio::sync::Semaphore::new(DECODE_MEMORY_MIB as usize),
        keep_previous: args.keep_previous,
        user_by: args.user_by,
    };

    let interrupted = Arc::new(AtomicBool::new(false));
    let watcher = {
        let flag = Arc::clone(&interrupted);
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                flag.store(true, Ordering::SeqCst);
            }
        })
    };

    let progress = ctx.printer.import_progress(items.len() as u64);
    let mut counts = Counts::default();
    let total = items.len();
    let stop = Arc::clone(&interrupted);
    let mut reports = futures_util::stream::iter(items)
        .take_while(move |_| std::future::ready(!stop.load(Ordering::SeqCst)))
        .map(|item| {
            let shared = &shared;
            let progress = &progress;
            async move {
                let line = progress.start(&item.path);
                let report = import_one(shared, &item).await;
                progress.finish(line);
                report
            }
        })
        .buffer_unordered(jobs);
    while let Some(report) = reports.next().await {
        counts.add(&report.status);
        progress.suspend(|| ctx.printer.print(&report));
    }
    drop(reports);
    progress.clear();
    watcher.abort();

    let was_interrupted = interrupted.load(Ordering::SeqCst);
    let finished = counts.done + counts.unchanged + counts.rejected + counts.failed;
    let summary = format!(
        "{}{total} files: {} imported, {} unchanged, {} rejected, {} failed.",
        if was_interrupted {
            format!("Interrupted after {finished} of ")
        } else {
            String::new()
        },
        counts.done,
        counts.unchanged,
        counts.rejected,
        counts.failed
    );
    ctx.printer.print(&Done {
        line: summary,
        json: json!({
            "type": "summary",
            "files": total,
            "done": counts.done,
            "unchanged": counts.unchanged,
            "rejected": counts.rejected,
            "failed": counts.failed,
            "interrupted": was_interrupted,
        }),
    });
    if was_interrupted {
        return Err(Error::silent(Kind::Interrupted).into());
    }
    if args.fill_defaults {
        fill_defaults(ctx).await?;
    }
    match (counts.first_failure, counts.rejected) {
        (Some(kind), _) => Err(Error::silent(kind).into()),
        (None, 0) => Ok(()),
        (None, _) => Err(Error::silent(Kind::Invalid).into()),
    }
}

#[derive(Default)]
struct Counts {
    done: usize,
    unchanged: usize,
    rejected: usize,
    failed: usize,
    /// The exit code's kind: unavailable wins (a re-run may succeed), else the first seen.
    first_failure: Option<Kind>,
}

impl Counts {
    fn add(&mut self, status: &ImportStatus) {
        match status {
            ImportStatus::Done => self.done += 1,
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

/// One file: read, find the user, skip if already current, process, publish.
async fn import_one(shared: &Shared<'_>, item: &Item) -> ImportReport {
    let file = crate::input::display_name(&item.path);
    let report = |status, key: Option<String>, message: Option<String>| ImportReport {
        file: file.clone(),
        user: item.selector.clone(),
        status,
        key,
        message,
    };
    let rejected = |message: String| report(ImportStatus::Rejected, None, Some(message));
    let failed = |e: Error| report(ImportStatus::Failed(e.kind()), None, Some(e.to_string()));

    let selector = match Selector::parse(&item.selector, shared.user_by) {
        Ok(s) => s,
        Err(e) => return rejected(format!("{file}: {e}")),
    };
    let user = match shared.db.find_user(&selector).await {
        Ok(user) => user,
        Err(e) if matches!(e.kind(), Kind::NotFound | Kind::Invalid) => {
            return rejected(format!("{file}: {e}"));
        }
        Err(e) => return failed(e),
    };

    let options = Arc::clone(&shared.options);
    let path = item.path.clone();
    let read = tokio::task::spawn_blocking(move || {
        read_image(&path, &options.limits).map(|bytes| {
            let source = picture::fingerprint(&bytes, &options);
            (bytes, source)
        })
    })
    .await;
    let (bytes, source) = match read {
        Ok(Ok(read)) => read,
        Ok(Err(InputError::TooLarge(r))) => return rejected(r.message),
        Ok(Err(InputError::Missing(e) | InputError::Unreadable(e))) => {
            return rejected(e.to_string());
        }
        Err(e) => return failed(Error::new(Kind::Internal, e.to_string())),
    };

    // Already done by an earlier run: the fingerprint is the user's current picture.
    match shared.db.current(PictureKind::User, &user.id).await {
        Ok(Some(entry)) if entry.source == source => {
            match shared
                .store
                .exists(&shared.ctx.settings.bucket.value, &entry.key)
                .await
            {
                Ok(true) => return report(ImportStatus::Unchanged, Some(entry.key), None),
                Ok(false) => {}
                Err(e) => return failed(e),
            }
        }
        Ok(_) => {}
        Err(e) => return failed(e),
    }

    let processed = {
        // Decodes run side by side only while their memory fits the budget together:
        // two 40-megapixel PNGs at once would not.
        let estimate = picture::memory_estimate(&bytes, &shared.options);
        let wanted = u32::try_from(estimate.div_ceil(1 << 20))
            .unwrap_or(u32::MAX)
            .clamp(1, DECODE_MEMORY_MIB);
        let Ok(_memory) = shared.memory.acquire_many(wanted).await else {
            return failed(Error::new(Kind::Internal, "the memory semaphore closed"));
        };
        let Ok(_permit) = shared.cpu.acquire().await else {
            return failed(Error::new(Kind::Internal, "the CPU semaphore closed"));
        };
        let options = Arc::clone(&shared.options);
        let name = file.clone();
        match tokio::task::spawn_blocking(move || picture::process(&bytes, &name, &options)).await {
            Ok(Ok(p)) => p,
            Ok(Err(r)) => return rejected(r.message),
            Err(e) => return failed(Error::new(Kind::Internal, e.to_string())),
        }
    };

    let original = item
        .path
        .file_name()
        .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
    let settings = &shared.ctx.settings;
    let published = workflow::publish(
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
        },
        &|_| {},
    )
    .await;
    match published {
        Ok(p) => {
            for warning in &p.warnings {
                shared.ctx.printer.warn(warning);
            }
            let status = if p.unchanged {
                ImportStatus::Unchanged
            } else {
                ImportStatus::Done
            };
            report(status, Some(p.entry.key), None)
        }
        Err(e) => failed(e),
    }
}

/// Two files for one user would race: which picture wins would depend on timing. Refused
/// before anything is read, naming both files.
fn refuse_ambiguous(items: &[Item]) -> Result<(), Error> {
    let mut seen: std::collections::HashMap<&str, &Path> = std::collections::HashMap::new();
    for item in items {
        if let Some(first) = seen.insert(item.selector.as_str(), &item.path) {
            return Err(Error::invalid(format!(
                "'{}' and '{}' both name user '{}': which picture wins would be chance; keep one",
                crate::input::display_name(first),
                crate::input::display_name(&item.path),
                crate::output::printable(&item.selector)
            )));
        }
    }
    Ok(())
}

/// A source that cannot be read: "not found" (exit 3) if it is not there, else invalid.
fn unreadable(e: &std::io::Error, what: &str, path: &Path) -> Error {
    let kind = if e.kind() == std::io::ErrorKind::NotFound {
        Kind::NotFound
    } else {
        Kind::Invalid
    };
    Error::new(
        kind,
        format!("cannot read {what} '{}': {e}", path.display()),
    )
}

/// A directory's regular files, named for their users: `42.jpg`, `alice@example.com.png`.
/// Hidden files and subdirectories are skipped; the order is by name.
fn read_dir(dir: &Path) -> Result<Vec<Item>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| unreadable(&e, "directory", dir))?;
    let mut items = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let selector = match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem.to_owned(),
            _ => name.clone(),
        };
        items.push(Item {
            selector,
            path: entry.path(),
        });
    }
    items.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(items)
}

/// `user,path` rows (header optional, `-` for stdin). Relative paths are relative to the
/// manifest's folder (the current one for stdin).
fn read_manifest(manifest: &Path) -> Result<Vec<Item>, Error> {
    let (reader, base): (Box<dyn std::io::Read>, PathBuf) = if manifest == Path::new("-") {
        (Box::new(std::io::stdin()), PathBuf::from("."))
    } else {
        let file =
            std::fs::File::open(manifest).map_err(|e| unreadable(&e, "manifest", manifest))?;
        let base = manifest
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        (Box::new(file), base)
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(crate::input::LineLimit::new(
            reader,
            &crate::input::display_name(manifest),
        ));
    let mut items = Vec::new();
    for (i, record) in csv.records().enumerate() {
        let record = record.map_err(|e| {
            Error::invalid(format!(
                "manifest '{}' line {}: {e}",
                manifest.display(),
                i + 1
            ))
        })?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let (Some(user), Some(path), None) = (record.get(0), record.get(1), record.get(2)) else {
            return Err(Error::invalid(format!(
                "manifest '{}' line {}: expected two fields, user,path",
                manifest.display(),
                i + 1
            )));
        };
        if i == 0 && user.eq_ignore_ascii_case("user") && path.eq_ignore_ascii_case("path") {
            continue;
        }
        items.push(Item {
            selector: user.to_owned(),
            path: base.join(path),
        });
    }
    Ok(items)
}

/// `--fill-defaults`: the generated avatar of every user without a picture, made now.
async fn fill_defaults(ctx: &Context) -> Result<()> {
    let db = ctx.db().await?;
    if db.setting(crate::workflow::DEFAULT_STYLE).await?.is_none() {
        return Err(Error::config("no generated default style is set")
            .hint("run 'pfp set-default --generated identicon' (or initials) first")
            .into());
    }
    let mut made = 0;
    let mut offset = 0;
    loop {
        let page = db.users_with_pictures(offset, 1000).await?;
        for (user, entry) in &page {
            if entry.is_none() {
                crate::commands::default_for(ctx, user).await?;
                made += 1;
            }
        }
        if page.len() < 1000 {
            break;
        }
        offset += 1000;
    }
    ctx.printer.print(&Done {
        line: format!("Generated default avatars are ready for {made} users without a picture."),
        json: json!({ "type": "fill_defaults", "users": made }),
    });
    Ok(())
}
