//! From the command line to a command: each subcommand's options resolved first (a bad
//! value is refused before any network or database call), then the command run. The one
//! module that knows both the clap tree and the commands (cargo's `commands/mod.rs`
//! dispatch, kept apart so `commands` never sees clap).

use crate::cli::{BucketCommand, Command, ConfigCommand};
use crate::commands::{self, Context};
use crate::error::Result;
use crate::settings as opt;

/// Runs the chosen subcommand.
pub async fn run(command: &Command, ctx: &Context) -> Result<()> {
    let s = &ctx.settings;
    match command {
        Command::Bucket(BucketCommand::Init(args)) => {
            commands::bucket::init(&opt::BucketInitOptions::resolve(args)?, ctx).await
        }
        Command::Bucket(BucketCommand::Claim(args)) => commands::bucket::claim(args.yes, ctx).await,
        Command::Config(ConfigCommand::Show) => commands::config::show(ctx),
        Command::Completions(args) => {
            ctx.printer.raw(&crate::cli::docs::completions(args.shell));
            Ok(())
        }
        Command::Man(args) => {
            match &args.dir {
                Some(dir) => crate::cli::docs::write_man_pages(dir)?,
                None => ctx.printer.raw(&crate::cli::docs::man_page(&args.command)?),
            }
            Ok(())
        }
        Command::Upload(args) => {
            commands::upload::run(&opt::UploadOptions::resolve(args, s)?, ctx).await
        }
        Command::GetUrl(args) => {
            commands::get_url::run(&opt::GetUrlOptions::resolve(args)?, ctx).await
        }
        Command::SetDefault(args) => {
            commands::set_default::run(&opt::SetDefaultOptions::resolve(args, s)?, ctx).await
        }
        Command::Validate(args) => {
            commands::validate::run(&opt::ValidateOptions::resolve(args, s)?, ctx).await
        }
        Command::Remove(args) => {
            commands::remove::run(&opt::RemoveOptions::resolve(args)?, ctx).await
        }
        Command::Restore(args) => {
            commands::restore::run(&opt::RestoreOptions::resolve(args)?, ctx).await
        }
        Command::User(command) => {
            commands::user::run(&opt::UserOptions::resolve(command)?, ctx).await
        }
        Command::Import(args) => {
            commands::import::run(&opt::ImportOptions::resolve(args, s)?, ctx).await
        }
        Command::ExportUrls(args) => {
            let options = opt::ExportUrlsOptions::resolve(args, ctx.printer.is_json())?;
            commands::export_urls::run(&options, ctx).await
        }
        Command::Adopt(args) => {
            commands::adopt::run(&opt::AdoptOptions::resolve(args, s)?, ctx).await
        }
        Command::Verify(args) => {
            commands::verify::run(&opt::VerifyOptions::resolve(args)?, ctx).await
        }
        Command::Doctor => commands::doctor::run(ctx).await,
    }
}
