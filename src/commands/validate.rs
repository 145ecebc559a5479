//! `pfp validate FILE...`: the picture pipeline's verdict on each file, uploading nothing.

use std::path::Path;

use futures_util::StreamExt as _;

use crate::commands::Context;
use crate::commands::decode_pool::{DecodePool, Refused};
use crate::error::{Error, Kind, Result};
use crate::input::{InputError, read_image, read_one_image};
use crate::output::{ValidateTotals, Verdict};
use crate::picture::{Detected, Processed, Rejection, sniff};
use crate::settings::ValidateOptions;

/// What became of one file.
enum Checked {
    Accepted(Box<Processed>),
    Rejected(Option<Detected>, Rejection),
    /// Not read at all: missing, not a file, or changed while it was decoded. (A file
    /// over the size limit is `Rejected`, as a broken picture is.)
    Unread(InputError),
}

pub async fn run(args: &ValidateOptions, ctx: &Context) -> Result<()> {
    let (mut missing, mut rejected, mut starved) = (0, 0, 0);
    let pool = DecodePool::for_files(
        args.picture.clone(),
        ctx.settings.sandbox,
        args.files.len(),
        args.jobs,
    );
    // `jobs` files read and decoded at once, their verdicts printed in the files' order
    // (a file's warnings just before its verdict), as `parallel --keep-order` prints.
    // One file is mapped from the page cache, as `upload`'s is; many go through the
    // pool's kept memfds, whose pages serve file after file.
    let one = args.files.len() == 1;
    let mut verdicts = futures_util::stream::iter(&args.files)
        .map(|path| {
            let pool = &pool;
            async move {
                let name = crate::values::FileName::of_path(path);
                let checked = check(path, name.shown(), pool, one).await;
                (name, checked)
            }
        })
        .buffered(args.jobs.max(1));
    while let Some((name, checked)) = verdicts.next().await {
        let checked = checked?;
        match &checked {
            Checked::Accepted(processed) => {
                for warning in &processed.warnings {
                    ctx.printer.warn(warning);
                }
            }
            Checked::Unread(InputError::Missing(_)) => missing += 1,
            // Not the file's fault: pfp ran out of descriptors or memory (exit 5).
            Checked::Unread(InputError::Unreadable(e)) if e.kind() == Kind::Unavailable => {
                starved += 1;
            }
            Checked::Rejected(..) | Checked::Unread(..) => rejected += 1,
        }
        let unread;
        ctx.printer.print(&match &checked {
            Checked::Accepted(processed) => Verdict::accepted(&name, processed),
            Checked::Rejected(detected, rejection) => {
                Verdict::rejected(&name, *detected, rejection)
            }
            Checked::Unread(error) => {
                unread = error.message();
                Verdict::unread(&name, error.rule(), &unread)
            }
        });
    }
    if missing + rejected + starved > 0 {
        ctx.printer.status(&ValidateTotals {
            failed: missing + rejected + starved,
            total: args.files.len(),
        });
    }
    if starved > 0 {
        return Err(Error::silent(Kind::Unavailable).into());
    }
    match (missing, rejected) {
        (0, 0) => Ok(()),
        (0, _) => Err(Error::silent(Kind::Invalid).into()),
        _ => Err(Error::silent(Kind::NotFound).into()),
    }
}

/// Reads and runs one file through the pipeline (in a jailed child). With `map`, a file
/// of 128 KiB or more is mapped from the page cache rather than copied, and a file that
/// another process changed meanwhile is refused as unreadable: its verdict would be of
/// bytes that are no longer there.
async fn check(path: &Path, name: &str, pool: &DecodePool, map: bool) -> Result<Checked> {
    let limits = &pool.options().limits;
    let read = if map {
        read_one_image(path, limits)
    } else {
        read_image(path, limits)
    };
    let bytes = match read {
        Err(InputError::Rejected(rejection)) => return Ok(Checked::Rejected(None, rejection)),
        Err(unread) => return Ok(Checked::Unread(unread)),
        Ok(bytes) => bytes,
    };
    let detected = sniff::sniff(&bytes);
    let bytes = std::sync::Arc::new(bytes);
    let decoded = pool.decode(std::sync::Arc::clone(&bytes), name).await;
    if let Err(why) = bytes.unchanged() {
        let changed = Error::invalid(format!("{name}: {why}"));
        return Ok(Checked::Unread(InputError::Unreadable(changed)));
    }
    Ok(match decoded {
        Ok(processed) => Checked::Accepted(Box::new(processed)),
        Err(Refused::Rejected(rejection)) => Checked::Rejected(Some(detected), rejection),
        Err(Refused::Failed(e)) => return Err(e.into()),
    })
}
