//! The whole command line, in one place: global flags and one Args struct per subcommand.
//!
//! Parsing only collects raw values; `settings` validates them. `docs` renders the tree as
//! completions and man pages.

pub mod docs;
pub mod spec;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::EXIT_CODES_HELP;
use crate::users::SelectorKind;

/// Manage users' profile pictures in MinIO or any S3-compatible store.
#[derive(Debug, Parser)]
#[command(
    name = "pfp",
    version,
    about,
    long_about = "Manage users' profile pictures: validate and normalise an image, store it in MinIO \
                  (or any S3-compatible store), record it on the user's row in the user database, \
                  and hand out presigned URLs.",
    after_help = EXIT_CODES_HELP,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// The command line as pfp parses and documents it: the derived tree, with each global
/// flag's `[env: …] [default: …]` added from its one declaration in [`spec`].
pub fn command() -> clap::Command {
    fn picture_options(command: clap::Command) -> clap::Command {
        command
            .mut_args(spec::annotate_picture)
            .mut_subcommands(picture_options)
    }
    picture_options(<Cli as clap::CommandFactory>::command().mut_args(spec::annotate))
}

/// Flags that every command accepts, before or after the subcommand.
#[derive(Debug, Default, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// S3 endpoint, host:port or URL
    #[arg(long, global = true, value_name = "URL", hide_short_help = true)]
    pub endpoint: Option<String>,

    /// Sign presigned URLs for this host (a reverse proxy or public name)
    #[arg(long, global = true, value_name = "URL", hide_short_help = true)]
    pub public_endpoint: Option<String>,

    /// Other names of this server in the app's picture columns, comma-separated (minio:9000 inside docker-compose)
    #[arg(long, global = true, value_name = "URL,...", hide_short_help = true)]
    pub app_endpoints: Option<String>,

    /// Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc's config.json)
    // The doc comment is the help text, as the terminal shows it: not Markdown.
    #[allow(rustdoc::invalid_html_tags)]
    #[arg(long, global = true, value_name = "NAME", hide_short_help = true)]
    pub alias: Option<String>,

    /// Access key
    #[arg(long, global = true, value_name = "KEY", hide_short_help = true)]
    pub access_key: Option<String>,

    /// Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        conflicts_with = "secret_key_stdin",
        hide_short_help = true
    )]
    pub secret_key_file: Option<PathBuf>,

    /// Read the secret key from the first line of standard input
    #[arg(long, global = true, hide_short_help = true)]
    pub secret_key_stdin: bool,

    /// Bucket name
    #[arg(long, global = true, value_name = "NAME", hide_short_help = true)]
    pub bucket: Option<String>,

    /// Region used for signing
    #[arg(long, global = true, value_name = "REGION", hide_short_help = true)]
    pub region: Option<String>,

    /// User database: sqlite:PATH or postgres://...
    #[arg(long, global = true, value_name = "URL", hide_short_help = true)]
    pub db: Option<String>,

    /// Config file
    #[arg(long, global = true, value_name = "FILE", hide_short_help = true)]
    pub config: Option<PathBuf>,

    /// Trust this PEM CA certificate (in addition to the system's) for HTTPS endpoints
    #[arg(long, global = true, value_name = "FILE", hide_short_help = true)]
    pub ca_cert: Option<PathBuf>,

    /// Do not verify TLS certificates (dangerous; prints a warning)
    #[arg(long, global = true, hide_short_help = true)]
    pub insecure: bool,

    /// Decode pictures inside pfp's own process, next to the keys, instead of in the
    /// jailed child (for debugging only; prints a warning)
    #[arg(long, global = true, hide_short_help = true)]
    pub no_sandbox: bool,

    /// Retries for connection errors, timeouts, 5xx and SlowDown
    #[arg(long, global = true, value_name = "N", hide_short_help = true)]
    pub retries: Option<u32>,

    /// Timeout of each request to the object store, e.g. 30s
    #[arg(
        long,
        global = true,
        value_name = "DURATION",
        hide_short_help = true,
        allow_hyphen_values = true
    )]
    pub timeout: Option<String>,

    /// How long a step waits for another run's lock on the same user's pictures before
    /// it gives up, changing nothing (0s: not at all), e.g. 120s
    #[arg(
        long,
        global = true,
        value_name = "DURATION",
        hide_short_help = true,
        allow_hyphen_values = true
    )]
    pub lock_timeout: Option<String>,

    /// One JSON object per result or error on stdout
    #[arg(long, global = true)]
    pub json: bool,

    /// Print no status lines, only results and errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// More detail on stderr (-v, -vv, -vvv)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Never draw progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,

    /// Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto"
    )]
    pub color: ColorWhen,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate, normalise and upload a user's profile picture
    Upload(UploadArgs),
    /// Print a presigned URL for a user's picture (or the default picture)
    GetUrl(GetUrlArgs),
    /// Validate, normalise and store the default picture for users without one
    SetDefault(SetDefaultArgs),
    /// Check images against the rules without uploading anything
    Validate(ValidateArgs),
    /// Remove a user's picture; the user falls back to the default
    Remove(RemoveArgs),
    /// Bring back a picture that an upload, import, set-default or remove replaced (kept 7
    /// days)
    Restore(RestoreArgs),
    /// Manage the bucket
    #[command(subcommand)]
    Bucket(BucketCommand),
    /// Manage users in the user database
    #[command(subcommand)]
    User(UserCommand),
    /// Import many pictures from a directory or a CSV manifest
    Import(ImportArgs),
    /// Print presigned URLs for many users as CSV or NDJSON
    ExportUrls(ExportUrlsArgs),
    /// Take over the pictures an app stored in the bucket itself (onboarding)
    Adopt(AdoptArgs),
    /// Reconcile the database and the bucket
    Verify(VerifyArgs),
    /// Check configuration, server, credentials, bucket and database
    Doctor,
    /// Show the effective configuration
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print a man page (roff): pfp man > pfp.1, pfp man upload > pfp-upload.1, or
    /// write them all with --dir
    Man(ManArgs),
}

impl Command {
    /// Whether the command decodes a file it was given, one at a time: its decoder's
    /// zygote can start before anything else (`jail::start_early`). A `validate` of
    /// several files at once has a pool of zygotes, pinned to the CPUs, instead.
    pub fn decodes_a_file(&self) -> bool {
        match self {
            Command::Upload(_) => true,
            Command::Validate(args) => args.files.len() == 1 || args.jobs.is_some_and(|j| j <= 1),
            Command::SetDefault(args) => args.file.is_some(),
            _ => false,
        }
    }

    /// Whether the command may create the SQLite database when its file does not exist:
    /// the commands that put something into a new database (users, the default picture,
    /// a claimed store). Every other command refuses a path with no database, so that a
    /// mistyped `--db` is an error rather than a new, empty database that answers "no
    /// users" and "no pictures".
    pub fn creates_database(&self) -> bool {
        matches!(
            self,
            Command::User(UserCommand::Add(_) | UserCommand::Import(_))
                | Command::SetDefault(_)
                | Command::Bucket(BucketCommand::Claim(_))
        )
    }
}

/// Whether the raw arguments (without the program's name) may be a command that
/// [`Command::decodes_a_file`]: one of them names `upload`, `validate` or `set-default`,
/// and none before a `--` asks for `--no-sandbox`. Read before clap parses the command
/// line, so that the decoder's zygote starts first thing; a wrong yes is corrected once
/// the command is parsed (the zygote is ended), a wrong no only starts it later.
pub fn may_decode_a_file(args: impl IntoIterator<Item = std::ffi::OsString>) -> bool {
    let mut named = false;
    for arg in args {
        if arg == "--" {
            break;
        }
        if arg == "--no-sandbox" {
            return false;
        }
        named |= arg == "upload" || arg == "validate" || arg == "set-default";
    }
    named
}

impl GlobalArgs {
    /// How output is shaped, from `--json`, `-q`, `-v`, `--no-progress` and `--color`.
    pub fn output_options(&self) -> crate::output::OutputOptions {
        crate::output::OutputOptions {
            json: self.json,
            quiet: self.quiet,
            verbose: self.verbose,
            no_progress: self.no_progress,
            color: match self.color {
                ColorWhen::Auto => None,
                ColorWhen::Always => Some(true),
                ColorWhen::Never => Some(false),
            },
        }
    }
}

#[derive(Debug, Args)]
pub struct UserSelector {
    /// The user: an integer id, a UUID, an email or a nickname
    #[arg(long, short = 'u', value_name = "USER")]
    pub user: String,

    /// Match the selector against one kind only
    #[arg(long, value_enum, value_name = "KIND")]
    pub user_by: Option<UserBy>,
}

/// The user of `user show|update|delete`: an operand, or `--user` as every other
/// command takes it (`pfp user delete --user 42` was refused, and clap's tip pointed at
/// `--user-by`).
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct UserOperand {
    /// The user: an integer id, a UUID, an email or a nickname
    #[arg(value_name = "USER")]
    operand: Option<String>,
    /// The same, as the other commands take it
    #[arg(long = "user", short = 'u', value_name = "USER")]
    flag: Option<String>,
}

impl UserOperand {
    pub fn as_str(&self) -> &str {
        self.operand
            .as_deref()
            .or(self.flag.as_deref())
            .expect("clap requires one")
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UserBy {
    Id,
    Uuid,
    Email,
    Nickname,
}

impl From<UserBy> for SelectorKind {
    fn from(by: UserBy) -> Self {
        match by {
            UserBy::Id => SelectorKind::Id,
            UserBy::Uuid => SelectorKind::Uuid,
            UserBy::Email => SelectorKind::Email,
            UserBy::Nickname => SelectorKind::Nickname,
        }
    }
}

/// One size of `--sizes`: spaces around it are allowed (`--sizes "512, 256"`, as
/// `--formats` and `--app-endpoints` take their lists).
/// `--jobs N`: at least one. 0 ran one at a time, silently, where `xargs -P 0` and GNU
/// parallel's `-j 0` mean as many as they can; refused as cargo refuses `-j 0`.
fn jobs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1 (leave --jobs out for the default)".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{}' is not a whole number", text.trim())),
    }
}

fn size_in_list(text: &str) -> Result<u32, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("'{}' is not a whole number of pixels", text.trim()))
}

/// How pictures are validated and normalised (also settable in the config's `[picture]`).
#[derive(Debug, Default, Clone, Args)]
#[command(next_help_heading = "Picture options")]
pub struct PictureArgs {
    /// Accepted input formats, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub formats: Option<Vec<String>>,

    /// Largest accepted file, e.g. 5MB or 5MiB
    #[arg(long, value_name = "SIZE")]
    pub max_size: Option<String>,

    /// Most pixels (width x height) accepted
    #[arg(long, value_name = "N")]
    pub max_pixels: Option<u64>,

    /// Widest image accepted, in pixels
    #[arg(long, value_name = "PX")]
    pub max_width: Option<u32>,

    /// Tallest image accepted, in pixels
    #[arg(long, value_name = "PX")]
    pub max_height: Option<u32>,

    /// Most frames an animated GIF may have
    #[arg(long, value_name = "N")]
    pub max_frames: Option<u32>,

    /// Side of the stored picture in pixels; never upscaled
    #[arg(long, value_name = "PX")]
    pub size: Option<u32>,

    /// Derived sizes made from the same decode, e.g. 512,256,128,64
    #[arg(long, value_delimiter = ',', value_name = "LIST", value_parser = size_in_list)]
    pub sizes: Option<Vec<u32>>,

    /// Square centre crop, or keep the aspect ratio
    #[arg(long, value_enum, value_name = "MODE")]
    pub crop: Option<CropMode>,

    /// Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub output_format: Option<OutputFormatArg>,

    /// Store the first frame of an animation only
    #[arg(long = "static")]
    pub still: bool,
}

/// Where the picture a user is served comes from (the `source` of get-url and export-urls).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PictureSource {
    User,
    App,
    External,
    Default,
    Generated,
}

impl PictureSource {
    pub fn name(self) -> &'static str {
        match self {
            PictureSource::User => "user",
            PictureSource::App => "app",
            PictureSource::External => "external",
            PictureSource::Default => "default",
            PictureSource::Generated => "generated",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AvatarStyle {
    Identicon,
    Initials,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CropMode {
    Center,
    None,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormatArg {
    Auto,
    Jpeg,
    Png,
    /// Lossy WebP (quality 82: the SSIM of JPEG q85 on photos, at about 2/3 of its bytes)
    Webp,
    /// Lossless WebP (about 5x the bytes of JPEG on photos)
    WebpLossless,
}

#[derive(Debug, Args)]
pub struct UploadArgs {
    #[command(flatten)]
    pub user: UserSelector,

    #[command(flatten)]
    pub picture: PictureArgs,

    /// The image file, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Validate and print the plan; touch nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Keep the replaced picture until it is removed (by default it is kept 7 days, for
    /// 'pfp restore')
    #[arg(long)]
    pub keep_previous: bool,

    /// How long the printed URL stays valid: 90s, 15m, 1h30m, 7d (at most 7d)
    #[arg(
        long,
        default_value = "1h",
        value_name = "DURATION",
        allow_hyphen_values = true
    )]
    pub expires: String,
}

#[derive(Debug, Args)]
pub struct GetUrlArgs {
    #[command(flatten)]
    pub user: UserSelector,

    /// How long the URL stays valid: 90s, 15m, 1h30m, 7d (at most 7d)
    #[arg(
        long,
        default_value = "1h",
        value_name = "DURATION",
        allow_hyphen_values = true
    )]
    pub expires: String,

    /// A derived size instead of the main picture
    #[arg(long, value_name = "PIXELS")]
    pub size: Option<u32>,

    /// Check that the object exists before printing its URL
    #[arg(long)]
    pub check: bool,

    /// Sign without asking the server anything: no check that the credentials are
    /// right, so a wrong secret key gives URLs that answer 403
    #[arg(long, conflicts_with = "check")]
    pub offline: bool,
}

#[derive(Debug, Args)]
#[command(override_usage = "pfp set-default [OPTIONS] <FILE | --generated <STYLE>>")]
pub struct SetDefaultArgs {
    /// The image file, or - for standard input
    #[arg(value_name = "FILE", required_unless_present = "generated")]
    pub file: Option<PathBuf>,

    /// Instead of one picture: a deterministic avatar per user, drawn from their stable id
    #[arg(long, value_enum, value_name = "STYLE", conflicts_with = "file")]
    pub generated: Option<AvatarStyle>,

    /// How long the printed URL stays valid: 90s, 15m, 1h30m, 7d (at most 7d)
    #[arg(
        long,
        default_value = "1h",
        value_name = "DURATION",
        allow_hyphen_values = true
    )]
    pub expires: String,

    /// Replace an existing default without asking
    #[arg(long, short = 'y')]
    pub yes: bool,

    #[command(flatten)]
    pub picture: PictureArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Image files, or - for standard input
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Files checked at once [default: 2 x cores]; verdicts still come in the order of
    /// the files
    #[arg(long, short = 'j', value_name = "N", value_parser = jobs)]
    pub jobs: Option<usize>,

    #[command(flatten)]
    pub picture: PictureArgs,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub user: UserSelector,

    /// Delete the picture at once, and the pictures kept after replacements (a user's
    /// request to erase them, a moderator's); by default a removed picture is kept 7 days
    /// for 'pfp restore'
    #[arg(long)]
    pub purge: bool,

    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
#[command(
    override_usage = "pfp restore [OPTIONS] <--user <USER> | --default> [--key <KEY>]\n       pfp restore [OPTIONS] --since <WHEN> [--remove-first-pictures] [--dry-run] [--yes]"
)]
pub struct RestoreArgs {
    /// The user: an integer id, a UUID, an email or a nickname
    #[arg(
        long,
        short = 'u',
        value_name = "USER",
        required_unless_present_any = ["default", "since"],
        conflicts_with_all = ["default", "since"]
    )]
    pub user: Option<String>,

    /// Match the selector against one kind only
    #[arg(long, value_enum, value_name = "KIND", requires = "user")]
    pub user_by: Option<UserBy>,

    /// The default picture instead of a user's
    #[arg(long, conflicts_with = "since")]
    pub default: bool,

    /// Which kept picture (its object key, or for the app's picture the column's value, as
    /// the line that replaced it named it) [default: the one replaced last]
    #[arg(long, value_name = "KEY", conflicts_with = "since")]
    pub key: Option<String>,

    /// Every user whose picture was replaced since WHEN gets back the one it had then
    /// (undoing a mistaken import): a time (2026-12-07T10:00:00Z) or how long ago (90m, 2h)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// With --since: also remove the pictures of users who had none then (each kept 7 days
    /// for restore, as `pfp remove` keeps it)
    #[arg(long, requires = "since")]
    pub remove_first_pictures: bool,

    /// With --since: say what would be restored, and change nothing
    #[arg(long, requires = "since")]
    pub dry_run: bool,

    /// With --since: do not ask for confirmation
    #[arg(long, short = 'y', requires = "since")]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum BucketCommand {
    /// Create the bucket if it does not exist and give it a store id; where the database
    /// exists, make the bucket its store (safe to re-run)
    Init(BucketInitArgs),
    /// Make this bucket the database's store (after moving the database to a copy of
    /// its bucket): refused changes then go ahead here
    Claim(BucketClaimArgs),
}

#[derive(Debug, Args)]
pub struct BucketClaimArgs {
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct BucketInitArgs {
    /// Keep retrying the connection for this long, e.g. 30s, while the server starts
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    pub wait: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (pfp-owned schema only)
    Add(UserAddArgs),
    /// List users with their pictures
    List(UserListArgs),
    /// Show one user with their picture
    Show(UserShowArgs),
    /// Change a user's email, nickname or display name (pfp-owned schema only)
    Update(UserUpdateArgs),
    /// Delete a user and their pictures (pfp-owned schema only)
    Delete(UserDeleteArgs),
    /// Add many users from a CSV file with the header email,nickname[,name] (pfp-owned
    /// schema only)
    // The doc comment is the help text, as the terminal shows it: not Markdown.
    #[allow(rustdoc::broken_intra_doc_links)]
    Import(UserImportArgs),
}

#[derive(Debug, Args)]
pub struct UserImportArgs {
    /// The CSV file, or - for standard input: a header naming the columns email,nickname
    /// and optionally name (in any order), then one user per row
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true).args(["email", "nickname", "name"])))]
pub struct UserUpdateArgs {
    #[command(flatten)]
    pub user: UserOperand,
    /// Match the selector against one kind only
    #[arg(long, value_enum, value_name = "KIND")]
    pub user_by: Option<UserBy>,
    /// The new email address (unique without regard to case)
    #[arg(long)]
    pub email: Option<String>,
    /// The new nickname (unique; not all digits, not a UUID, without '@')
    #[arg(long)]
    pub nickname: Option<String>,
    /// The new display name
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct UserDeleteArgs {
    #[command(flatten)]
    pub user: UserOperand,
    /// Match the selector against one kind only
    #[arg(long, value_enum, value_name = "KIND")]
    pub user_by: Option<UserBy>,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// The user's email address (unique; a selector for --user)
    #[arg(long)]
    pub email: String,
    /// The user's nickname (unique; a selector for --user, so not all digits, not a UUID
    /// and without '@')
    #[arg(long)]
    pub nickname: String,
    /// Display name
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct UserListArgs {
    /// At most this many users (after the filters)
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,

    /// Only users with a picture of their own (pfp's, or one the app's column names)
    #[arg(long, conflicts_with_all = ["without_picture", "source"])]
    pub with_picture: bool,

    /// Only users without a picture of their own (they are served the default)
    #[arg(long, conflicts_with = "source")]
    pub without_picture: bool,

    /// Only users whose picture comes from SOURCE: user (pfp's), app (an object the app
    /// stored in the bucket), external (a URL elsewhere), default (none of their own, no
    /// generated style set) or generated (none of their own, a generated style set)
    #[arg(long, value_enum, value_name = "SOURCE")]
    pub source: Option<PictureSource>,

    /// Tab-separated rows without a header, even on a terminal (the form used off one)
    #[arg(long)]
    pub tsv: bool,
}

#[derive(Debug, Args)]
pub struct UserShowArgs {
    #[command(flatten)]
    pub user: UserOperand,

    /// Match the selector against one kind only
    #[arg(long, value_enum, value_name = "KIND")]
    pub user_by: Option<UserBy>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A directory whose file names are user selectors (42.jpg, alice@example.com.png)
    #[arg(value_name = "DIR", required_unless_present_any = ["manifest", "fill_defaults"])]
    pub dir: Option<PathBuf>,

    /// Pre-generate the default avatars of all users without a picture (see set-default --generated)
    #[arg(long)]
    pub fill_defaults: bool,

    /// A CSV file of user,path rows (- for standard input)
    #[arg(long, value_name = "FILE", conflicts_with = "dir")]
    pub manifest: Option<PathBuf>,

    /// Files in flight at once [default: 16 x cores, at most 64]; decoding uses every core
    #[arg(long, short = 'j', value_name = "N", value_parser = jobs)]
    pub jobs: Option<usize>,

    /// Read, decode and match every file and say what would be imported or replaced; change nothing
    #[arg(long, conflicts_with = "fill_defaults")]
    pub dry_run: bool,

    /// Keep replaced pictures until they are removed (by default they are kept 7 days,
    /// for 'pfp restore')
    #[arg(long)]
    pub keep_previous: bool,

    /// Match every selector (file name or manifest column) against one kind only
    #[arg(long, value_enum, value_name = "KIND")]
    pub user_by: Option<UserBy>,

    /// Only shard K of N (1-based) of the users, by a stable hash: run N of these, on
    /// as many machines, to spread the work (see examples/shard)
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,

    #[command(flatten)]
    pub picture: PictureArgs,
}

#[derive(Debug, Args)]
pub struct ExportUrlsArgs {
    /// A file with one user selector per line, - for stdin (default: all users)
    #[arg(long, value_name = "FILE")]
    pub users: Option<PathBuf>,

    /// How long the URLs stay valid: 90s, 15m, 1h30m, 7d (at most 7d)
    #[arg(
        long,
        default_value = "1h",
        value_name = "DURATION",
        allow_hyphen_values = true
    )]
    pub expires: String,

    /// A derived size instead of the main picture (falls back to the main one)
    #[arg(long, value_name = "PIXELS")]
    pub size: Option<u32>,

    /// Sign without asking the server anything: no check that the credentials are
    /// right, so a wrong secret key gives URLs that answer 403
    #[arg(long)]
    pub offline: bool,

    /// Output format [default: csv; ndjson with --json]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ExportFormat>,

    /// Only shard K of N (1-based) of the users, by a stable hash: run N of these, on
    /// as many machines, to spread the work (see examples/shard)
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
}

#[derive(Debug, Args)]
pub struct AdoptArgs {
    /// Say what would be adopted, skipped or refused; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Delete each original object after its user's column points at pfp's picture (and
    /// only if no other user's column names it)
    #[arg(long)]
    pub delete_originals: bool,
    /// Users in flight at once [default: 2 x cores + 2]; decoding uses every core
    #[arg(long, short = 'j', value_name = "N", value_parser = jobs)]
    pub jobs: Option<usize>,
    /// Only shard K of N (1-based) of the users, by a stable hash of their id
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    #[command(flatten)]
    pub picture: PictureArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Ndjson,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Delete orphans older than the grace period and repair column/ledger disagreements
    #[arg(long)]
    pub fix: bool,

    /// Orphans younger than this are left alone (an upload may be running)
    #[arg(
        long,
        default_value = "1h",
        value_name = "DURATION",
        allow_hyphen_values = true
    )]
    pub grace: String,

    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// With --fix: print what would be repaired and change nothing
    #[arg(long, requires = "fix")]
    pub dry_run: bool,

    /// With --fix: allow up to N changes (deleted objects, repaired columns, dropped
    /// entries) in this run [default: 10% of what was checked, at most 100]
    #[arg(long, value_name = "N", requires = "fix")]
    pub max_changes: Option<u64>,

    /// Only shard K of N (1-based) of the users, by a stable hash: run N of these, on
    /// as many machines, to spread the work (see examples/shard)
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,

    /// With --fix: repairs (and deletions of expired pictures) in flight at once
    /// [default: 16]; those of one user's folder still one at a time
    #[arg(long, short = 'j', value_name = "N", value_parser = jobs, requires = "fix")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective settings and where each came from (secrets masked)
    Show,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (`upload`, `bucket init`, ...); pfp's own without
    #[arg(value_name = "COMMAND", num_args = 0..)]
    pub command: Vec<String>,
    /// Write every page (pfp.1, pfp-upload.1, pfp-bucket-init.1, ...) into this folder
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_list_of_sizes_may_have_spaces_after_its_commas() {
        let sizes = |list: &str| {
            Cli::try_parse_from(["pfp", "validate", "--sizes", list, "a.jpg"]).map(|cli| match cli
                .command
            {
                Command::Validate(v) => v.picture.sizes,
                _ => unreachable!(),
            })
        };
        assert_eq!(sizes("512, 256 ,64").unwrap(), Some(vec![512, 256, 64]));
        let err = sizes("512,256px").unwrap_err().to_string();
        assert!(
            err.contains("'256px' is not a whole number of pixels"),
            "{err}"
        );
    }

    /// The raw scan before parsing (`may_decode_a_file`) says yes to every command line
    /// that decodes a file, wherever the options stand, and no where it can tell.
    #[test]
    fn the_scan_before_parsing_finds_every_command_that_decodes_a_file() {
        let lines: &[&str] = &[
            "upload --user 42 photo.jpg",
            "--bucket b -q upload photo.jpg --user alice@example.com",
            "--json validate a.jpg b.png",
            "validate --sizes 512,128 a.jpg",
            "set-default avatar.png",
            "--endpoint http://127.0.0.1:9000 set-default avatar.png",
            "upload --user 42 -- --no-sandbox",
            "set-default --generated identicon",
            "user list",
            "--no-sandbox upload --user 42 photo.jpg",
            "upload --no-sandbox --user 42 photo.jpg",
            "import ./avatars",
            "get-url --user 42",
        ];
        let mut checked = 0;
        for line in lines {
            let args: Vec<std::ffi::OsString> = line.split(' ').map(Into::into).collect();
            let scanned = may_decode_a_file(args.clone());
            let Ok(matches) = command()
                .try_get_matches_from(std::iter::once(std::ffi::OsString::from("pfp")).chain(args))
            else {
                continue;
            };
            let cli = <Cli as clap::FromArgMatches>::from_arg_matches(&matches).unwrap();
            let decodes = !cli.global.no_sandbox && cli.command.decodes_a_file();
            checked += 1;
            if decodes {
                assert!(scanned, "`pfp {line}` decodes a file, the scan missed it");
            }
            if line.contains("--no-sandbox upload")
                || line.starts_with("user ")
                || line.starts_with("import")
                || line.starts_with("get-url")
            {
                assert!(!scanned, "`pfp {line}` decodes nothing, the scan said yes");
            }
        }
        assert!(checked >= 10, "most lines parse: {checked}");
    }
}
