//! One file per subcommand. Each has `pub async fn run(args, ctx) -> Result<()>` that reads
//! like the steps of its workflow; the steps themselves live in `store`, `picture` and `users`.

pub mod bucket;
pub mod completions;
pub mod config;
pub mod user;
pub mod validate;

use crate::cli::Command;
use crate::error::{Error, Result};
use crate::output::Printer;
use crate::settings::Settings;
use crate::store::Store;
use crate::users::Db;

/// What every command gets: the validated settings and the printer. Connections are made
/// on first use, so light commands (`config show`, `completions`) touch no network.
pub struct Context {
    pub settings: Settings,
    pub printer: Printer,
    db: tokio::sync::OnceCell<Db>,
}

impl Context {
    pub fn new(settings: Settings, printer: Printer) -> Self {
        Context {
            settings,
            printer,
            db: tokio::sync::OnceCell::new(),
        }
    }

    /// The user database, opened (and migrated) on first use.
    pub async fn db(&self) -> Result<&Db, Error> {
        self.db
            .get_or_try_init(|| {
                Db::open(
                    &self.settings.database.value,
                    self.settings.mapping.as_ref(),
                    self.settings.timeout.value,
                )
            })
            .await
    }

    /// The object store client (no request is made by creating it).
    pub fn store(&self) -> Result<Store, Error> {
        Store::connect(&self.settings)
    }
}

/// Runs the chosen subcommand.
pub async fn run(command: &Command, ctx: &Context) -> Result<()> {
    use crate::cli::{BucketCommand, ConfigCommand};
    match command {
        Command::Bucket(BucketCommand::Init(args)) => bucket::init(args, ctx).await,
        Command::Config(ConfigCommand::Show) => config::show(ctx),
        Command::Completions(args) => completions::run(args),
        Command::Upload(_) => Err(Error::not_implemented("upload").into()),
        Command::GetUrl(_) => Err(Error::not_implemented("get-url").into()),
        Command::SetDefault(_) => Err(Error::not_implemented("set-default").into()),
        Command::Validate(args) => validate::run(args, ctx).await,
        Command::Remove(_) => Err(Error::not_implemented("remove").into()),
        Command::User(command) => user::run(command, ctx).await,
        Command::Import(_) => Err(Error::not_implemented("import").into()),
        Command::ExportUrls(_) => Err(Error::not_implemented("export-urls").into()),
        Command::Verify(_) => Err(Error::not_implemented("verify").into()),
        Command::Doctor => Err(Error::not_implemented("doctor").into()),
    }
}
