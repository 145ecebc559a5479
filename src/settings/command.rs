//! Each command's options, resolved once from its flags (and the config file's
//! `[picture]` table) into typed values before the command runs, as ripgrep turns its
//! low-level args into high-level ones and uv has an `XxxSettings::resolve` per command.
//! A bad value is refused here, with the flag and the rule named and the documented exit
//! code (a bad `--expires` is exit 4), before any network or database call; commands
//! never parse a flag themselves.

use std::path::PathBuf;
use std::time::Duration;

use super::Settings;
use crate::cli::{
    AdoptArgs, AvatarStyle, BucketInitArgs, ExportFormat, ExportUrlsArgs, GetUrlArgs, ImportArgs,
    PictureArgs, RemoveArgs, RestoreArgs, SetDefaultArgs, UploadArgs, UserSelector, ValidateArgs,
    VerifyArgs,
};
use crate::error::{Error, Kind};
use crate::output::RowFormat;
use crate::picture::{self, avatar::Style};
use crate::users::Selector;
use crate::values::units::parse_duration;
use crate::values::{Expiry, Shard};

fn shard(text: &Option<String>) -> Result<Option<Shard>, Error> {
    text.as_deref().map(Shard::parse).transpose()
}

/// A picture file argument: `-` reads the picture from standard input, which must then
/// be a pipe or a redirect. On a terminal, pfp would wait for a picture's bytes to be
/// typed (as `gzip -d` refuses to, with stdin a terminal): an operator who meant to pipe
/// one in is told at once.
fn picture_file(path: &std::path::Path) -> Result<PathBuf, Error> {
    use std::io::IsTerminal;
    if path == std::path::Path::new("-") && std::io::stdin().is_terminal() {
        return Err(Error::new(
            Kind::Usage,
            "'-' reads the picture from standard input, which is a terminal here: pipe the picture in ('pfp upload --user U - < photo.jpg', 'curl -s URL | pfp upload --user U -') or name the file",
        ));
    }
    Ok(path.to_owned())
}

fn selector(args: &UserSelector) -> Result<Selector, Error> {
    Selector::parse(&args.user, args.user_by.map(Into::into))
}

/// A duration flag, with the flag named in the error.
fn duration(flag: &str, text: &str) -> Result<Duration, Error> {
    parse_duration(text).map_err(|e| Error::invalid(format!("{flag}: {e}")))
}

/// `pfp upload`.
#[derive(Debug)]
pub struct UploadOptions {
    pub selector: Selector,
    pub file: PathBuf,
    pub picture: picture::Options,
    pub dry_run: bool,
    pub keep_previous: bool,
    pub expires: Expiry,
}

impl UploadOptions {
    pub fn resolve(args: &UploadArgs, settings: &Settings) -> Result<Self, Error> {
        Ok(UploadOptions {
            expires: Expiry::parse(&args.expires)?,
            selector: selector(&args.user)?,
            picture: settings.picture_options(&args.picture)?,
            file: picture_file(&args.file)?,
            dry_run: args.dry_run,
            keep_previous: args.keep_previous,
        })
    }
}

/// `pfp get-url`.
#[derive(Debug)]
pub struct GetUrlOptions {
    pub selector: Selector,
    pub expires: Expiry,
    pub size: Option<u32>,
    pub check: bool,
    pub offline: bool,
}

impl GetUrlOptions {
    pub fn resolve(args: &GetUrlArgs) -> Result<Self, Error> {
        Ok(GetUrlOptions {
            expires: Expiry::parse(&args.expires)?,
            selector: selector(&args.user)?,
            size: args.size,
            check: args.check,
            offline: args.offline,
        })
    }
}

/// What `set-default` makes the default: a picture file or generated avatars.
#[derive(Debug)]
pub enum DefaultSource {
    File {
        path: PathBuf,
        picture: picture::Options,
    },
    Generated(Style),
}

/// `pfp set-default`.
#[derive(Debug)]
pub struct SetDefaultOptions {
    pub source: DefaultSource,
    pub expires: Expiry,
    pub yes: bool,
}

impl SetDefaultOptions {
    pub fn resolve(args: &SetDefaultArgs, settings: &Settings) -> Result<Self, Error> {
        let expires = Expiry::parse(&args.expires)?;
        let source = match (args.generated, &args.file) {
            (Some(style), _) => DefaultSource::Generated(match style {
                AvatarStyle::Identicon => Style::Identicon,
                AvatarStyle::Initials => Style::Initials,
            }),
            (None, Some(path)) => DefaultSource::File {
                path: picture_file(path)?,
                picture: settings.picture_options(&args.picture)?,
            },
            (None, None) => {
                return Err(Error::new(Kind::Usage, "give a FILE or --generated STYLE"));
            }
        };
        Ok(SetDefaultOptions {
            source,
            expires,
            yes: args.yes,
        })
    }
}

/// `pfp remove`.
#[derive(Debug)]
pub struct RemoveOptions {
    pub selector: Selector,
    pub yes: bool,
    /// Delete at once (with the kept pictures) rather than keep for `pfp restore`.
    pub purge: bool,
}

impl RemoveOptions {
    pub fn resolve(args: &RemoveArgs) -> Result<Self, Error> {
        Ok(RemoveOptions {
            selector: selector(&args.user)?,
            yes: args.yes,
            purge: args.purge,
        })
    }
}

/// `pfp restore`: whose picture.
#[derive(Debug)]
pub struct RestoreOptions {
    /// None: the default picture.
    pub selector: Option<Selector>,
    /// The kept picture to restore; None: the one replaced last.
    pub key: Option<String>,
    /// `--since`: every user's picture replaced since this time (as the ledger writes
    /// replacement times, to the microsecond, so the two compare as text) instead.
    pub since: Option<String>,
    /// With `since`: the pictures of users who had none then go too.
    pub remove_first_pictures: bool,
    pub dry_run: bool,
    pub yes: bool,
}

impl RestoreOptions {
    pub fn resolve(args: &RestoreArgs) -> Result<Self, Error> {
        Ok(RestoreOptions {
            selector: args
                .user
                .as_deref()
                .map(|user| Selector::parse(user, args.user_by.map(Into::into)))
                .transpose()?,
            key: args.key.clone(),
            since: args.since.as_deref().map(since).transpose()?,
            remove_first_pictures: args.remove_first_pictures,
            dry_run: args.dry_run,
            yes: args.yes,
        })
    }
}

/// `--since WHEN`: a time (RFC 3339) or how long ago (a duration as every duration flag
/// reads it), as the ledger writes times; not in the future.
fn since(text: &str) -> Result<String, Error> {
    let now = chrono::Utc::now();
    let at = match chrono::DateTime::parse_from_rfc3339(text.trim()) {
        Ok(at) => at.with_timezone(&chrono::Utc),
        Err(_) => {
            let ago = parse_duration(text).map_err(|_| {
                Error::new(Kind::Usage, format!(
                    "invalid --since '{text}': a time (2026-12-07T10:00:00Z) or how long ago (90m, 2h, 1d)"
                ))
            })?;
            chrono::Duration::from_std(ago)
                .ok()
                .and_then(|ago| now.checked_sub_signed(ago))
                .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC)
        }
    };
    if at > now {
        return Err(Error::new(
            Kind::Usage,
            format!("invalid --since '{text}': it is in the future"),
        ));
    }
    Ok(at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
}

/// `pfp validate`.
#[derive(Debug)]
pub struct ValidateOptions {
    pub files: Vec<PathBuf>,
    /// Files checked at once.
    pub jobs: usize,
    pub picture: picture::Options,
}

impl ValidateOptions {
    pub fn resolve(args: &ValidateArgs, settings: &Settings) -> Result<Self, Error> {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Ok(ValidateOptions {
            files: args
                .files
                .iter()
                .map(|f| picture_file(f))
                .collect::<Result<_, _>>()?,
            // As many as the decode pool of a bulk run keeps in flight (`DecodePool::new`).
            jobs: args.jobs.unwrap_or(cores * 2).max(1),
            picture: settings.picture_options(&args.picture)?,
        })
    }
}

/// `pfp bucket init`.
#[derive(Debug)]
pub struct BucketInitOptions {
    /// Keep retrying the connection this long while the server starts.
    pub wait: Option<Duration>,
}

impl BucketInitOptions {
    pub fn resolve(args: &BucketInitArgs) -> Result<Self, Error> {
        Ok(BucketInitOptions {
            wait: args
                .wait
                .as_deref()
                .map(|w| duration("--wait", w))
                .transpose()?,
        })
    }
}

/// `pfp verify`.
#[derive(Debug)]
pub struct VerifyOptions {
    pub fix: bool,
    /// `--fix --dry-run`: the plan only.
    pub dry_run: bool,
    /// `--max-changes`: the operator's own limit on one repair run.
    pub max_changes: Option<u64>,
    /// Orphans younger than this are left alone.
    pub grace: Duration,
    pub yes: bool,
    /// Only these users (by id) and bucket folders.
    pub shard: Option<Shard>,
    /// `--fix`: repairs in flight at once.
    pub jobs: usize,
}

impl VerifyOptions {
    /// Repairs in flight at once by default: each is a few requests (a lock, a HEAD, a
    /// DELETE) that wait on the server, not on this machine's cores.
    pub const JOBS: usize = 16;

    pub fn resolve(args: &VerifyArgs) -> Result<Self, Error> {
        Ok(VerifyOptions {
            fix: args.fix,
            dry_run: args.dry_run,
            max_changes: args.max_changes,
            grace: duration("--grace", &args.grace)?,
            yes: args.yes,
            shard: shard(&args.shard)?,
            jobs: args.jobs.unwrap_or(Self::JOBS).max(1),
        })
    }
}

/// `pfp export-urls`.
#[derive(Debug)]
pub struct ExportUrlsOptions {
    /// A file of selectors, one per line (`-` is stdin); all users when absent.
    pub users: Option<PathBuf>,
    pub expires: Expiry,
    pub size: Option<u32>,
    pub offline: bool,
    pub format: RowFormat,
    /// Only these users (by id).
    pub shard: Option<Shard>,
}

impl ExportUrlsOptions {
    /// `json`: whether `--json` was given (NDJSON is then the default format).
    pub fn resolve(args: &ExportUrlsArgs, json: bool) -> Result<Self, Error> {
        Ok(ExportUrlsOptions {
            expires: Expiry::parse(&args.expires)?,
            users: args.users.clone(),
            shard: shard(&args.shard)?,
            size: args.size,
            offline: args.offline,
            format: match args.format {
                Some(ExportFormat::Csv) => RowFormat::Csv,
                Some(ExportFormat::Ndjson) => RowFormat::Ndjson,
                None if json => RowFormat::Ndjson,
                None => RowFormat::Csv,
            },
        })
    }
}

/// Where `import` takes its files from.
#[derive(Debug)]
pub enum ImportSource {
    Dir(PathBuf),
    Manifest(PathBuf),
    /// `--fill-defaults` alone: no files.
    Nothing,
}

/// `pfp import`.
#[derive(Debug)]
pub struct ImportOptions {
    pub source: ImportSource,
    pub fill_defaults: bool,
    /// Read, decode and match, report what would be done, change nothing.
    pub dry_run: bool,
    /// Files in flight at once.
    pub jobs: usize,
    pub keep_previous: bool,
    pub user_by: Option<crate::users::SelectorKind>,
    pub picture: picture::Options,
    /// Only the files whose selector (as written) is in this shard.
    pub shard: Option<Shard>,
}

impl ImportOptions {
    pub fn resolve(args: &ImportArgs, settings: &Settings) -> Result<Self, Error> {
        let picture = settings.picture_options(&args.picture)?;
        let source = match (&args.dir, &args.manifest) {
            (_, Some(manifest)) => ImportSource::Manifest(manifest.clone()),
            (Some(dir), None) => ImportSource::Dir(dir.clone()),
            (None, None) if args.fill_defaults => ImportSource::Nothing,
            (None, None) => {
                return Err(Error::new(
                    Kind::Usage,
                    "give a directory or --manifest FILE",
                ));
            }
        };
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Ok(ImportOptions {
            source,
            fill_defaults: args.fill_defaults,
            dry_run: args.dry_run,
            // Decoding is bounded by its own pool (two per core, and the memory budget),
            // and the files read ahead of it by what they hold (`import::Held`); the rest
            // of a file's time is waiting for S3 and for its group's commit, which more
            // files in flight hide. 2,000 small avatars, 2 cores, `--jobs` 12 / 16 / 24 /
            // 32: s3s-fs 1,257 / 1,319 / 1,327 / 1,369 files/s, Ceph RGW 627 / 702 / 758
            // / 760, PostgreSQL 748 / - / 789 / 842 (docs/performance-log.md, "the
            // twenty-seventh session").
            // Fewer where the open-files limit (`ulimit -n`, its hard limit: pfp raises
            // the soft one) has no room for that many: each file in flight holds up to
            // three descriptors, and pfp keeps 32 for itself.
            jobs: args
                .jobs
                .unwrap_or((cores * 16).min(64).min(files_the_descriptors_allow()))
                .max(1),
            keep_previous: args.keep_previous,
            user_by: args.user_by.map(Into::into),
            picture,
            shard: shard(&args.shard)?,
        })
    }
}

/// `pfp adopt`.
#[derive(Debug)]
pub struct AdoptOptions {
    pub dry_run: bool,
    pub yes: bool,
    pub delete_originals: bool,
    /// Users in flight at once.
    pub jobs: usize,
    pub picture: picture::Options,
    /// Only the users (by id) of this shard.
    pub shard: Option<Shard>,
}

impl AdoptOptions {
    pub fn resolve(args: &AdoptArgs, settings: &Settings) -> Result<Self, Error> {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Ok(AdoptOptions {
            dry_run: args.dry_run,
            yes: args.yes,
            delete_originals: args.delete_originals,
            jobs: args.jobs.unwrap_or(cores * 2 + 2).max(1),
            picture: settings.picture_options(&args.picture)?,
            shard: shard(&args.shard)?,
        })
    }
}

/// The picture options of a command without picture flags (generated avatars).
pub fn default_picture_options(settings: &Settings) -> Result<picture::Options, Error> {
    settings.picture_options(&PictureArgs::default())
}

/// `pfp user …`, with its selector parsed.
#[derive(Debug)]
pub enum UserOptions {
    Add {
        email: String,
        nickname: String,
        name: Option<String>,
    },
    List(UserListOptions),
    Show(Selector),
    Update {
        user: Selector,
        email: Option<String>,
        nickname: Option<String>,
        name: Option<String>,
    },
    Delete {
        user: Selector,
        yes: bool,
    },
    Import {
        file: PathBuf,
    },
}

/// `pfp user list`.
#[derive(Debug)]
pub struct UserListOptions {
    pub limit: u64,
    pub filter: ListFilter,
    pub tsv: bool,
}

/// Which users `user list` shows, by where the picture they are served comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFilter {
    All,
    /// A picture of their own: pfp's, or one the app's column names.
    WithPicture,
    WithoutPicture,
    /// `user`, `app`, `external`, `default` or `generated`.
    Source(&'static str),
}

impl UserOptions {
    pub fn resolve(command: &crate::cli::UserCommand) -> Result<Self, Error> {
        use crate::cli::UserCommand;
        let parse =
            |user: &str, by: Option<crate::cli::UserBy>| Selector::parse(user, by.map(Into::into));
        Ok(match command {
            UserCommand::Add(a) => UserOptions::Add {
                email: a.email.clone(),
                nickname: a.nickname.clone(),
                name: a.name.clone(),
            },
            UserCommand::List(a) => UserOptions::List(UserListOptions {
                limit: a.limit.unwrap_or(u64::MAX),
                filter: match (a.with_picture, a.without_picture, a.source) {
                    (true, _, _) => ListFilter::WithPicture,
                    (_, true, _) => ListFilter::WithoutPicture,
                    (_, _, Some(source)) => ListFilter::Source(source.name()),
                    _ => ListFilter::All,
                },
                tsv: a.tsv,
            }),
            UserCommand::Show(a) => UserOptions::Show(parse(a.user.as_str(), a.user_by)?),
            UserCommand::Update(a) => UserOptions::Update {
                user: parse(a.user.as_str(), a.user_by)?,
                email: a.email.clone(),
                nickname: a.nickname.clone(),
                name: a.name.clone(),
            },
            UserCommand::Delete(a) => UserOptions::Delete {
                user: parse(a.user.as_str(), a.user_by)?,
                yes: a.yes,
            },
            UserCommand::Import(a) => UserOptions::Import {
                file: a.file.clone(),
            },
        })
    }
}

/// How many files an `import` may keep in flight within the process's limit on open
/// files: measured (2 cores, 60 photos, `--dry-run` and a real run) at about 24
/// descriptors of pfp's own (the runtime, the database, the decoders' pipes) and up to
/// three a file (its file or memfd, a connection, a pipe). `usize::MAX` with no limit.
fn files_the_descriptors_allow() -> usize {
    crate::rlimit(libc::RLIMIT_NOFILE).map_or(usize::MAX, |(soft, _)| {
        (usize::try_from(soft)
            .unwrap_or(usize::MAX)
            .saturating_sub(32)
            / 3)
        .max(1)
    })
}
