//! `pfp validate FILE...`: the picture pipeline's verdict on each file, uploading nothing.

use crate::cli::ValidateArgs;
use crate::commands::Context;
use crate::error::{Error, Kind, Result};
use crate::input::{InputError, display_name, read_image};
use crate::output::Verdict;
use crate::picture::{self, sniff};

pub async fn run(args: &ValidateArgs, ctx: &Context) -> Result<()> {
    let options = ctx.settings.picture_options(&args.picture)?;
    let mut missing = 0;
    let mut rejected = 0;
    for path in &args.files {
        let name = display_name(path);
        let verdict = match read_image(path, &options.limits) {
            Err(InputError::Missing(e)) => {
                missing += 1;
                Verdict::Unread {
                    file: &name,
                    kind: Kind::NotFound,
                    message: e.to_string(),
                }
            }
            Err(InputError::Unreadable(e)) => {
                rejected += 1;
                Verdict::Unread {
                    file: &name,
                    kind: Kind::Invalid,
                    message: e.to_string(),
                }
            }
            Err(InputError::TooLarge(rejection)) => {
                rejected += 1;
                Verdict::Rejected {
                    file: &name,
                    detected: None,
                    rejection,
                }
            }
            Ok(bytes) => {
                // Decoding is CPU work: keep it off the async worker threads.
                let opts = options.clone();
                let shown = name.clone();
                let (bytes, result) = tokio::task::spawn_blocking(move || {
                    let result = picture::process(&bytes, &shown, &opts);
                    (bytes, result)
                })
                .await?;
                match result {
                    Ok(processed) => {
                        for warning in &processed.warnings {
                            ctx.printer.warn(warning);
                        }
                        Verdict::Accepted {
                            file: &name,
                            processed: Box::new(processed),
                        }
                    }
                    Err(rejection) => {
                        rejected += 1;
                        Verdict::Rejected {
                            file: &name,
                            detected: Some(sniff::sniff(&bytes)),
                            rejection,
                        }
                    }
                }
            }
        };
        ctx.printer.print(&verdict);
    }
    let total = args.files.len();
    if missing + rejected > 0 {
        ctx.printer.status(&format!(
            "{} of {total} file{} rejected or missing",
            missing + rejected,
            if total == 1 { "" } else { "s" }
        ));
    }
    match (missing, rejected) {
        (0, 0) => Ok(()),
        (0, _) => Err(Error::silent(Kind::Invalid).into()),
        _ => Err(Error::silent(Kind::NotFound).into()),
    }
}
