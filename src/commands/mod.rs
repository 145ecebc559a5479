//! One file per subcommand. Each has `pub async fn run(args, ctx) -> Result<()>` that reads
//! like the steps of its workflow; the steps themselves live in `store`, `picture` and `users`.

pub mod adopt;
pub mod bucket;
pub mod completions;
pub mod config;
pub mod decode_pool;
pub mod doctor;
pub mod export_urls;
pub mod get_url;
pub mod import;
pub mod remove;
pub mod set_default;
pub mod upload;
pub mod user;
pub mod user_import;
pub mod validate;
pub mod verify;

use crate::cli::Command;
use crate::error::{Error, Result};
use crate::output::Printer;
use crate::settings::Settings;
use crate::store::Store;
use crate::store::presign::Presigner;
use crate::users::Db;

/// What every command gets: the validated settings and the printer. Connections are made
/// on first use, so light commands (`config show`, `completions`) touch no network.
pub struct Context {
    pub settings: Settings,
    pub printer: Printer,
    db: tokio::sync::OnceCell<Db>,
    /// Built once per run: building the HTTP client loads the system's trust store.
    store: std::sync::OnceLock<Store>,
}

impl Context {
    pub fn new(settings: Settings, printer: Printer) -> Self {
        Context {
            settings,
            printer,
            db: tokio::sync::OnceCell::new(),
            store: std::sync::OnceLock::new(),
        }
    }

    /// Signs URLs for the public endpoint if one is configured, else the endpoint itself.
    pub fn presigner(&self) -> Result<Presigner, Error> {
        let s = &self.settings;
        let (access_key, secret) = s.credentials()?;
        let endpoint = s.public_endpoint.as_ref().unwrap_or(&s.endpoint);
        Ok(Presigner::new(
            &endpoint.value,
            s.bucket.value.as_str(),
            access_key,
            secret,
            &s.region.value,
        )
        .with_session_token(s.session_token.as_ref().map(|t| &t.value)))
    }

    /// The app's picture of a user pfp has none for (see [`crate::workflow::adopt`]),
    /// judged against the endpoint, the public endpoint and the bucket.
    pub fn app_picture(&self, column: Option<&str>) -> Option<crate::values::ColumnPicture> {
        let s = &self.settings;
        let mut endpoints = vec![&s.endpoint.value];
        if let Some(public) = &s.public_endpoint {
            endpoints.push(&public.value);
        }
        crate::workflow::adopt::app_picture(column, &endpoints, &s.bucket.value)
    }

    /// Asks a yes/no question on the terminal. Without a terminal it refuses, naming
    /// `--yes`, so scripts never hang on a prompt or act without consent.
    pub fn confirm(&self, question: &str, yes: bool) -> Result<(), Error> {
        if yes {
            return Ok(());
        }
        if !self.printer.can_prompt() {
            return Err(Error::new(
                crate::error::Kind::Usage,
                format!("{question} Refusing without confirmation: pass --yes to go ahead"),
            ));
        }
        let go = dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(|e| Error::new(crate::error::Kind::Usage, format!("no confirmation: {e}")))?;
        if go {
            Ok(())
        } else {
            // The user's own choice, not an error to report: one plain line, exit 2.
            self.printer.status(&crate::output::Cancelled);
            Err(Error::silent(crate::error::Kind::Usage))
        }
    }

    /// The user database, opened (and migrated) on first use.
    pub async fn db(&self) -> Result<&Db, Error> {
        self.db
            .get_or_try_init(|| async {
                let db = Db::open(
                    &self.settings.database.value,
                    self.settings.mapping.as_ref(),
                    self.settings.timeout.value,
                )
                .await?;
                if let Some(warning) = db.plain_warning() {
                    self.printer.warn(&warning);
                }
                Ok(db)
            })
            .await
    }

    /// The object store client, built on first use (no request is made by creating it).
    pub fn store(&self) -> Result<&Store, Error> {
        if let Some(store) = self.store.get() {
            return Ok(store);
        }
        let store = Store::connect(&self.settings.store_config()?)?;
        Ok(self.store.get_or_init(|| store))
    }

    /// Proves the credentials with one signed request (HEAD of the bucket) before a
    /// command prints URLs. URLs are signed locally, so without this a wrong or stale
    /// secret key would hand out links that all answer 403, with exit 0. `offline`
    /// (the commands' `--offline`) skips it, for signing without a server in reach.
    pub async fn prove_credentials(&self, offline: bool) -> Result<(), Error> {
        if offline {
            return Ok(());
        }
        self.store()?
            .require_bucket(&self.settings.bucket.value)
            .await
    }
}

/// Reads and normalises one image for `upload` and `set-default`: a rejected file is
/// exit 4 (3 if missing) before anything touches the bucket or the database. Returns the
/// file name to show (the last path component, or `stdin`), the pipeline's result, and
/// the source fingerprint.
pub async fn load_picture(
    path: &std::path::Path,
    options: &crate::picture::Options,
    ctx: &Context,
) -> Result<(String, crate::picture::Processed, String)> {
    let shown = crate::input::display_name(path);
    let name = path
        .file_name()
        .filter(|_| shown != "stdin")
        .map_or(shown.clone(), |n| {
            crate::values::printable(&n.to_string_lossy())
        });
    let bytes = crate::input::read_image(path, &options.limits).map_err(|e| e.into_error())?;
    let label = name.clone();
    let options = options.clone();
    // The source's fingerprint (a SHA-256 of megabytes) is taken on a second thread while
    // the picture decodes: a single upload has a core to spare for it.
    let (processed, source) = tokio::task::spawn_blocking(move || {
        std::thread::scope(|scope| {
            let source = scope.spawn(|| crate::picture::fingerprint(&bytes, &options));
            let started = std::time::Instant::now();
            let processed = crate::picture::process(&bytes, &label, &options);
            tracing::info!(
                target: "pfp::picture",
                "decoded and normalised '{label}' in {:.1?}",
                started.elapsed()
            );
            let source = source
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            processed.map(|p| (p, source))
        })
    })
    .await?
    .map_err(|r| Error::invalid(r.message))?;
    for warning in &processed.warnings {
        ctx.printer.warn(warning);
    }
    Ok((name, processed, source))
}

/// The picture a user without one gets: their generated avatar (made on first use) when
/// a style is set, else the default picture; with where it came from.
pub async fn default_for(
    ctx: &Context,
    user: &crate::users::User,
) -> Result<Option<(crate::users::LedgerEntry, &'static str)>> {
    let db = ctx.db().await?;
    if let Some(style) = db
        .setting(crate::workflow::DEFAULT_STYLE)
        .await?
        .as_deref()
        .and_then(crate::picture::avatar::Style::parse)
    {
        let store = ctx.store()?;
        let options = crate::settings::default_picture_options(&ctx.settings)?;
        let entry = crate::workflow::generated_avatar(
            store,
            db,
            &ctx.settings.bucket.value,
            &ctx.settings.endpoint.value,
            user,
            style,
            &options,
        )
        .await?;
        return Ok(Some((entry, "generated")));
    }
    Ok(db
        .current(crate::users::PictureKind::Default, "")
        .await?
        .map(|e| (e, "default")))
}

/// After `upload` or `set-default` stored a picture: its warnings, the two documented
/// status lines, and the presigned URL as the result.
pub fn report_stored(
    ctx: &Context,
    by: crate::output::StoredBy,
    user: Option<&str>,
    name: &str,
    published: &crate::workflow::Published,
    expires: crate::values::Expiry,
    picture: Option<crate::output::PictureSummary>,
) -> Result<()> {
    use crate::output::{FileStored, Stored, StoredBy, StoredStatus, UrlGenerated};
    for warning in &published.warnings {
        ctx.printer.warn(warning);
    }
    let bucket = ctx.settings.bucket.value.as_str();
    let presigned = ctx
        .presigner()?
        .presign_get(&published.entry.key, expires.duration());
    ctx.printer.status(&FileStored {
        file: name,
        bucket,
        unchanged: published.unchanged,
    });
    ctx.printer.status(&UrlGenerated {
        name,
        url: &presigned.url,
        term: ctx.printer.term(),
    });
    let entry = &published.entry;
    let upload = by == StoredBy::Upload;
    ctx.printer.print(&Stored {
        by,
        status: if published.unchanged {
            StoredStatus::Unchanged
        } else if published.updated {
            StoredStatus::Updated
        } else {
            StoredStatus::Uploaded
        },
        file: name,
        user,
        bucket,
        key: &entry.key,
        sizes: &entry.sizes,
        bytes: upload.then_some(entry.bytes),
        hash: upload.then_some(entry.hash.as_str()),
        url: &entry.url,
        presigned_url: &presigned.url,
        expires_in: presigned.expires_in.as_secs(),
        expires_at: &presigned.expires_at,
        deleted: &published.deleted,
        picture,
    });
    Ok(())
}

/// Runs the chosen subcommand, its options resolved first (a bad value is refused
/// before any network or database call).
pub async fn run(command: &Command, ctx: &Context) -> Result<()> {
    use crate::cli::{BucketCommand, ConfigCommand};
    use crate::settings as opt;
    let s = &ctx.settings;
    match command {
        Command::Bucket(BucketCommand::Init(args)) => {
            bucket::init(&opt::BucketInitOptions::resolve(args)?, ctx).await
        }
        Command::Bucket(BucketCommand::Claim(args)) => bucket::claim(args.yes, ctx).await,
        Command::Config(ConfigCommand::Show) => config::show(ctx),
        Command::Completions(args) => completions::run(args, ctx),
        Command::Man(args) => completions::man(args, ctx),
        Command::Upload(args) => upload::run(&opt::UploadOptions::resolve(args, s)?, ctx).await,
        Command::GetUrl(args) => get_url::run(&opt::GetUrlOptions::resolve(args)?, ctx).await,
        Command::SetDefault(args) => {
            set_default::run(&opt::SetDefaultOptions::resolve(args, s)?, ctx).await
        }
        Command::Validate(args) => {
            validate::run(&opt::ValidateOptions::resolve(args, s)?, ctx).await
        }
        Command::Remove(args) => remove::run(&opt::RemoveOptions::resolve(args)?, ctx).await,
        Command::User(command) => user::run(command, ctx).await,
        Command::Import(args) => import::run(&opt::ImportOptions::resolve(args, s)?, ctx).await,
        Command::ExportUrls(args) => {
            let options = opt::ExportUrlsOptions::resolve(args, ctx.printer.is_json())?;
            export_urls::run(&options, ctx).await
        }
        Command::Adopt(args) => adopt::run(&opt::AdoptOptions::resolve(args, s)?, ctx).await,
        Command::Verify(args) => verify::run(&opt::VerifyOptions::resolve(args)?, ctx).await,
        Command::Doctor => doctor::run(ctx).await,
    }
}
