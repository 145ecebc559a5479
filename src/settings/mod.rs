//! Settings: flags > environment > config file > defaults, resolved once.
//!
//! Parsing (clap) only collects raw strings; [`Settings::resolve`] turns them into one
//! validated value and records where each came from, so `pfp config show` can say so and
//! no command ever re-checks a flag. A bad endpoint, bucket name, duration or URL is
//! rejected here, before any network or database call.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod borrowed;
mod command;
mod file;
pub mod libpq;
mod picture_options;
mod secrets;

pub use crate::cli::spec;
pub use command::*;
pub use file::PictureSection;

use borrowed::Layer;
use file::{ConfigFile, data_dir, load_config_file};
use libpq::DbPart;
use secrets::{check_key, secret_from_file, secret_from_flags_or_env};

use crate::cli::GlobalArgs;
use crate::error::Error;
use crate::store::StoreConfig;
use crate::users::mapping::Mapping;
use crate::values::pg::PgParams;
use crate::values::units::parse_duration;
use crate::values::{BucketName, DatabaseUrl, Endpoint, Secret, Source, Sourced, without_userinfo};

/// Everything a command needs to know about its environment, validated.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `MINIO_USE_SSL` / `minio.use_ssl`, when set (the endpoint has already applied it).
    pub use_ssl: Option<Sourced<bool>>,
    pub endpoint: Sourced<Endpoint>,
    /// The host browsers use (a reverse proxy): presigned URLs are signed for it.
    pub public_endpoint: Option<Sourced<Endpoint>>,
    /// Other names of the server in the app's picture columns (docker-compose's
    /// `minio:9000`): a column naming the bucket under one of them is an app picture.
    pub app_endpoints: Option<Sourced<Vec<Endpoint>>>,
    pub access_key: Option<Sourced<String>>,
    pub secret_key: Option<Sourced<Secret>>,
    /// A temporary credential's session token (AWS_SESSION_TOKEN, an mc alias, an AWS
    /// profile), signed into every request and presigned URL.
    pub session_token: Option<Sourced<Secret>>,
    /// The mc alias whose endpoint and keys were borrowed (`--alias`, `minio.alias`).
    pub alias: Option<Sourced<String>>,
    pub bucket: Sourced<BucketName>,
    pub region: Sourced<String>,
    pub database: Sourced<DatabaseUrl>,
    /// Each part of a PostgreSQL connection and where it came from (empty for SQLite).
    pub database_parts: Vec<DbPart>,
    /// For PostgreSQL, every part of the connection (see `libpq::complete`): what
    /// connecting uses, so the URL is never parsed again.
    pub postgres: Option<PgParams>,
    pub ca_cert: Option<Sourced<PathBuf>>,
    pub insecure: bool,
    /// Decode in the jailed child (`jail`); off only with `--no-sandbox`.
    pub sandbox: bool,
    pub retries: Sourced<u32>,
    pub timeout: Sourced<Duration>,
    /// How long a step waits for another run's owner lock (`--lock-timeout`).
    pub lock_timeout: Sourced<Duration>,
    /// The config file that was read, if any.
    pub config_file: Option<PathBuf>,
    /// Things the user should know about the configuration, printed as `warning:` lines.
    pub warnings: Vec<String>,
    /// Picture options from the config file; flags override them per command.
    pub picture: PictureSection,
    /// Existing-schema mode: the app's users table, validated at configuration time.
    pub mapping: Option<Mapping>,
}

/// Where the process's environment comes from; a function so tests can supply their own.
pub trait Env {
    fn var(&self, name: &str) -> Option<String>;

    /// The process's user as the system knows it, for where `HOME` or `USER` is unset
    /// (a systemd unit without `User=`, cron, a container): libpq, the AWS tools and
    /// mc fall back to it too. None in a test's environment.
    fn account(&self) -> Option<Account> {
        None
    }
}

/// A user account's name and home folder (the system's password database).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub name: String,
    pub home: PathBuf,
}

/// `HOME`, else the home folder of the process's user: without it a root unit without
/// `User=` (systemd sets no `HOME` then) looked for no config file and made its default
/// database in `./.pfp`, where the same command in root's shell found
/// `/root/.config/pfp/config.toml`.
pub(crate) fn home_dir(env: &dyn Env) -> Option<PathBuf> {
    env.var("HOME")
        .map(PathBuf::from)
        .or_else(|| env.account().map(|a| a.home))
}

/// A path a setting names, with a leading `~` or `~/` meaning `$HOME`, as a shell would
/// have read it: a config file, a `.env` file, a systemd unit or a Kubernetes manifest
/// expands nothing, and neither does the shell inside `--db sqlite:~/pfp.db`. Taken as
/// it was written, `~/pfp.db` made a folder named `~` in the working directory (one
/// `rm -rf ~` away from the operator's home). Left as written without `HOME`.
pub(crate) fn home_path(path: impl AsRef<Path>, env: &dyn Env) -> PathBuf {
    let path = path.as_ref();
    match (path.strip_prefix("~"), home_dir(env)) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path.to_path_buf(),
    }
}

/// The real process environment. Empty variables count as unset, as in most CLIs.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }

    #[cfg(unix)]
    fn account(&self) -> Option<Account> {
        use std::os::unix::ffi::OsStrExt as _;
        let mut buf = vec![0u8; 16 << 10];
        // SAFETY: passwd is plain data; getpwuid_r writes into it and into buf (whose
        // length it is told), and result points at pwd or is null.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = unsafe {
            libc::getpwuid_r(
                libc::geteuid(),
                &mut pwd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut result,
            )
        };
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() || pwd.pw_dir.is_null() {
            return None;
        }
        // SAFETY: both point at NUL-terminated strings inside buf.
        let (name, home) = unsafe {
            (
                std::ffi::CStr::from_ptr(pwd.pw_name),
                std::ffi::CStr::from_ptr(pwd.pw_dir),
            )
        };
        Some(Account {
            name: name.to_str().ok().filter(|n| !n.is_empty())?.to_owned(),
            home: PathBuf::from(std::ffi::OsStr::from_bytes(home.to_bytes())),
        })
    }
}

impl<F: Fn(&str) -> Option<String>> Env for F {
    fn var(&self, name: &str) -> Option<String> {
        self(name)
    }
}

impl Settings {
    /// Resolves the settings from the global flags, the environment, the config file and
    /// the defaults, in that order of precedence. `stdin` is read only for
    /// `--secret-key-stdin`.
    pub fn resolve(
        args: &GlobalArgs,
        env: &dyn Env,
        stdin: &mut dyn BufRead,
    ) -> Result<Settings, Error> {
        let mut warnings = Vec::new();
        let (file, config_path) = load_config_file(args, env, &mut warnings)?;
        let mut r = Resolver {
            args,
            env,
            file: &file,
            config_path: config_path.as_deref(),
            high: Vec::new(),
            low: None,
        };
        let alias = r.pick(&spec::ALIAS, &args.alias, &file.minio.alias);
        r.borrow(alias.as_ref(), &mut warnings)?;
        // In this order, so the first bad value reported is the same as ever.
        let use_ssl = r.use_ssl()?;
        let endpoint = r.endpoint(use_ssl.as_ref())?;
        let public_endpoint = r.public_endpoint()?;
        let app_endpoints = r.app_endpoints()?;
        let (access_key, secret_key, session_token) = r.keys(stdin)?;
        let bucket = r.bucket()?;
        let region = r.region()?;
        let Database {
            url: database,
            parts: database_parts,
            postgres,
        } = r.database(&mut warnings)?;
        let ca_cert = r.ca_cert(&endpoint)?;
        let retries = r.retries()?;
        let timeout = r.timeout()?;
        let lock_timeout = r.lock_timeout()?;
        let mapping = file
            .database
            .mapping
            .as_ref()
            .map(Mapping::from_section)
            .transpose()?;
        if args.insecure {
            warnings.push(
                "--insecure: TLS certificates are not verified; anyone on the path can read and change traffic"
                    .into(),
            );
        }
        if args.no_sandbox {
            warnings.push(
                "--no-sandbox: pictures are decoded inside pfp's own process, next to the keys and the database password; for debugging only"
                    .into(),
            );
        }
        // Quotes kept by a file of variables that no shell read (`docker run
        // --env-file`, `export $(cat .env)`): a key may hold them, so a warning, which
        // the server's refusal of the key would otherwise leave unexplained.
        for (what, value, source) in [
            (
                "access key",
                access_key.as_ref().map(|k| k.value.as_str()),
                access_key.as_ref().map(|k| &k.source),
            ),
            (
                "secret key",
                secret_key.as_ref().map(|k| k.value.expose()),
                secret_key.as_ref().map(|k| &k.source),
            ),
        ] {
            let (Some(value), Some(source)) = (value, source) else {
                continue;
            };
            if quoted(value) {
                warnings.push(format!(
                    "the {what} ({source}) begins and ends with a quote; if the quotes are not part of it, {QUOTES_KEPT}"
                ));
            } else if value.trim() != value {
                // A space copied with the key from a console, or left after `=` in a
                // file of variables: sent as it is, the server's refusal names no cause.
                warnings.push(format!(
                    "the {what} ({source}) begins or ends with a space; if the space is not part of it, set it without"
                ));
            }
        }
        if !endpoint.value.is_https() && !endpoint.value.is_loopback() {
            warnings.push(format!(
                "endpoint {} is plain HTTP: credentials and pictures travel unencrypted (use https:// or MINIO_USE_SSL=true)",
                endpoint.value
            ));
        }
        Ok(Settings {
            use_ssl,
            endpoint,
            public_endpoint,
            app_endpoints,
            access_key,
            secret_key,
            session_token,
            alias,
            bucket,
            region,
            database,
            database_parts,
            postgres,
            ca_cert,
            insecure: args.insecure,
            sandbox: !args.no_sandbox,
            retries,
            timeout,
            lock_timeout,
            config_file: config_path.clone(),
            warnings,
            picture: file.picture.clone(),
            mapping,
        })
    }

    /// What the object store needs, or a configuration error naming what is missing.
    pub fn store_config(&self) -> Result<StoreConfig, Error> {
        let (access_key, secret_key) = self.credentials()?;
        Ok(StoreConfig {
            endpoint: self.endpoint.value.clone(),
            access_key: access_key.to_owned(),
            secret_key: secret_key.clone(),
            session_token: self.session_token.as_ref().map(|t| t.value.clone()),
            region: self.region.value.clone(),
            ca_cert: self.ca_cert.as_ref().map(|c| c.value.clone()),
            insecure: self.insecure,
            retries: self.retries.value,
            timeout: self.timeout.value,
        })
    }

    /// Which database to open, as [`crate::users::Db::open`] takes it.
    pub fn db_target(&self) -> Result<crate::users::Target<'_>, Error> {
        use crate::users::Target;
        match (&self.database.value, &self.postgres) {
            (DatabaseUrl::Sqlite(path), _) => Ok(Target::Sqlite(path)),
            (DatabaseUrl::Postgres(_), Some(params)) => Ok(Target::Postgres(params)),
            // `resolve` completes every PostgreSQL URL.
            (DatabaseUrl::Postgres(_), None) => Err(Error::new(
                crate::error::Kind::Internal,
                "the PostgreSQL connection was not completed",
            )),
        }
    }

    /// The access and secret key, or a configuration error saying how to set them.
    pub fn credentials(&self) -> Result<(&str, &Secret), Error> {
        let access = self.access_key.as_ref().ok_or_else(|| {
            Error::config("no access key configured")
                .hint("set MINIO_ACCESS_KEY, --access-key, --alias (an mc alias), AWS_ACCESS_KEY_ID, AWS_PROFILE, or access_key in the config file")
        })?;
        let secret = self.secret_key.as_ref().ok_or_else(|| {
            Error::config("no secret key configured").hint(
                "set MINIO_SECRET_KEY (or MINIO_SECRET_KEY_FILE, a file holding it), --secret-key-file, --secret-key-stdin, or secret_key_file in the config file",
            )
        })?;
        check_key("access key", &access.value, &access.source)?;
        check_key("secret key", secret.value.expose(), &secret.source)?;
        if let Some(token) = &self.session_token {
            check_key("session token", token.value.expose(), &token.source)?;
        }
        Ok((&access.value, &secret.value))
    }
}

/// Whether a setting's value is wrapped in a pair of quotes, as a line of a `.env` file
/// writes it for a shell to remove.
fn quoted(value: &str) -> bool {
    let value = value.trim();
    value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')))
}

/// Where quotes around a value come from, and what to do.
const QUOTES_KEPT: &str = "a shell removes them, but `docker run --env-file`, `export $(cat .env)` and `kubectl create configmap --from-env-file` keep them: set it without them";

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// Where a setting's value comes from ([`spec::Spec`] declares the names and default).
impl spec::Spec {
    /// The first value present, in precedence order (flag, environment, config file),
    /// else the default, each with its source.
    pub(crate) fn pick(
        &self,
        flag: Option<String>,
        env: &dyn Env,
        file: Option<String>,
        file_source: impl Fn() -> Source,
    ) -> Option<Sourced<String>> {
        if let (Some(value), Some(name)) = (flag, self.flag) {
            return Some(Sourced::new(value, Source::Flag(name)));
        }
        for name in self.env {
            if let Some(value) = env.var(name) {
                return Some(Sourced::new(value, Source::Env(name)));
            }
        }
        if let Some(value) = file {
            return Some(Sourced::new(value, file_source()));
        }
        self.default
            .map(|d| Sourced::new(d.to_owned(), Source::Default))
    }
}

/// The database as resolved: the URL as given (shown masked), each part with its source,
/// and for PostgreSQL every part of the connection.
struct Database {
    url: Sourced<DatabaseUrl>,
    parts: Vec<DbPart>,
    postgres: Option<PgParams>,
}

/// The sources one resolution reads, and one method per setting.
struct Resolver<'a> {
    args: &'a GlobalArgs,
    env: &'a dyn Env,
    file: &'a ConfigFile,
    config_path: Option<&'a Path>,
    /// Borrowed layers that rank above pfp's config file: the mc alias, the AWS
    /// variables, the profile `AWS_PROFILE` names.
    high: Vec<Layer>,
    /// The implicit AWS `default` profile, below the config file, read only when no
    /// other source has keys.
    low: Option<Layer>,
}

/// The access key, secret key and session token, each with its source.
type KeySet = (
    Option<Sourced<String>>,
    Option<Sourced<Secret>>,
    Option<Sourced<Secret>>,
);

impl Resolver<'_> {
    fn file_source(&self) -> Source {
        Source::File(self.config_path.map(Path::to_path_buf).unwrap_or_default())
    }

    /// Flag, then the setting's variables, then the config file, then its default.
    fn pick(
        &self,
        spec: &spec::Spec,
        flag: &Option<String>,
        file: &Option<String>,
    ) -> Option<Sourced<String>> {
        spec.pick(flag.clone(), self.env, file.clone(), || self.file_source())
    }

    /// Reads the borrowed layers: the mc alias if one is named, the AWS variables, the
    /// AWS profile (`AWS_PROFILE`, or `default` when nothing else has keys).
    fn borrow(
        &mut self,
        alias: Option<&Sourced<String>>,
        warnings: &mut Vec<String>,
    ) -> Result<(), Error> {
        if let Some(alias) = alias {
            self.high
                .push(borrowed::mc_alias(alias, self.env, warnings)?);
        }
        self.high.push(borrowed::aws_env(self.env)?);
        let (profile, explicit) = borrowed::aws_profile_name(self.env);
        if explicit {
            self.high
                .extend(borrowed::aws_profile(&profile, true, self.env, warnings)?);
            return Ok(());
        }
        let own_keys = self.args.access_key.is_some()
            || self.args.secret_key_file.is_some()
            || self.args.secret_key_stdin
            || spec::ACCESS_KEY
                .env
                .iter()
                .chain(spec::SECRET_KEY.env)
                .chain(&secrets::SECRET_KEY_FILE_ENV)
                .any(|v| self.env.var(v).is_some())
            || self.file.minio.access_key.is_some()
            || self.file.minio.secret_key.is_some()
            || self.file.minio.secret_key_file.is_some();
        if !own_keys && self.high.iter().all(|l| l.keys.is_none()) {
            self.low = borrowed::aws_profile(&profile, false, self.env, warnings)?;
        }
        Ok(())
    }

    /// One setting through every layer: flag, pfp's variables, the borrowed layers above
    /// the config file, the config file, the implicit AWS profile, the default.
    fn layered(
        &self,
        spec: &spec::Spec,
        flag: &Option<String>,
        file: &Option<String>,
        get: impl Fn(&Layer) -> Option<&Sourced<String>>,
    ) -> Option<Sourced<String>> {
        spec.pick(flag.clone(), self.env, None, || self.file_source())
            .filter(|v| v.source != Source::Default)
            .or_else(|| self.high.iter().find_map(|l| get(l).cloned()))
            .or_else(|| file.clone().map(|v| Sourced::new(v, self.file_source())))
            .or_else(|| self.low.as_ref().and_then(|l| get(l).cloned()))
            .or_else(|| {
                spec.default
                    .map(|d| Sourced::new(d.to_owned(), Source::Default))
            })
    }

    /// The keys, as one unit per source: pfp's own flags and variables (access and
    /// secret key may come from different ones of those, and from the config file, as
    /// ever), else the first borrowed layer above the config file with keys, else the
    /// config file, else the implicit AWS profile.
    fn keys(&self, stdin: &mut dyn BufRead) -> Result<KeySet, Error> {
        let access = spec::ACCESS_KEY
            .pick(self.args.access_key.clone(), self.env, None, || {
                self.file_source()
            })
            .filter(|v| v.source != Source::Default);
        let secret = secret_from_flags_or_env(self.args, self.env, stdin)?;
        let file_access = || {
            self.file
                .minio
                .access_key
                .clone()
                .map(|v| Sourced::new(v, self.file_source()))
        };
        if access.is_some() || secret.is_some() {
            let secret = match secret {
                Some(s) => Some(s),
                None => secret_from_file(self.file, self.config_path, self.env)?,
            };
            return Ok((access.or_else(file_access), secret, None));
        }
        let unit = |keys: &borrowed::Keys| -> KeySet {
            (
                Some(Sourced::new(keys.access_key.clone(), keys.source.clone())),
                Some(Sourced::new(keys.secret_key.clone(), keys.source.clone())),
                keys.session_token
                    .clone()
                    .map(|t| Sourced::new(t, keys.source.clone())),
            )
        };
        if let Some(keys) = self.high.iter().find_map(|l| l.keys.as_ref()) {
            return Ok(unit(keys));
        }
        let (access, secret) = (
            file_access(),
            secret_from_file(self.file, self.config_path, self.env)?,
        );
        if access.is_some() || secret.is_some() {
            return Ok((access, secret, None));
        }
        Ok(self
            .low
            .as_ref()
            .and_then(|l| l.keys.as_ref())
            .map_or((None, None, None), unit))
    }

    fn use_ssl(&self) -> Result<Option<Sourced<bool>>, Error> {
        let from_env = self
            .pick(&spec::USE_SSL, &None, &None)
            .filter(|v| v.source != Source::Default);
        Ok(match from_env {
            Some(v) => Some(Sourced::new(
                parse_bool(&v.value).ok_or_else(|| {
                    Error::config(format!(
                        "invalid {} '{}': expected true or false",
                        v.source, v.value
                    ))
                })?,
                v.source,
            )),
            None => self
                .file
                .minio
                .use_ssl
                .map(|v| Sourced::new(v, self.file_source())),
        })
    }

    fn endpoint(&self, use_ssl: Option<&Sourced<bool>>) -> Result<Sourced<Endpoint>, Error> {
        let raw = self
            .layered(
                &spec::ENDPOINT,
                &self.args.endpoint,
                &self.file.minio.endpoint,
                |l| l.endpoint.as_ref(),
            )
            .expect("a default is given");
        if raw.source == Source::Default {
            let parsed = Endpoint::parse(&raw.value, None).expect("the default endpoint is valid");
            return Ok(Sourced::new(parsed, Source::Default));
        }
        let parsed = Endpoint::parse(&raw.value, use_ssl.map(|s| s.value)).map_err(|rule| {
            let error = Error::config(format!(
                "invalid endpoint '{}' ({}): {rule}",
                without_userinfo(&raw.value),
                raw.source
            ));
            if quoted(&raw.value) {
                error.hint(format!("the value is in quotes: {QUOTES_KEPT}"))
            } else {
                error
            }
        })?;
        if let Some(ssl) = use_ssl
            && raw.value.contains("://")
            && ssl.value != parsed.is_https()
        {
            return Err(Error::config(format!(
                "endpoint '{}' ({}) disagrees with use_ssl={} ({}): drop one of them",
                raw.value, raw.source, ssl.value, ssl.source
            )));
        }
        Ok(Sourced::new(parsed, raw.source))
    }

    fn public_endpoint(&self) -> Result<Option<Sourced<Endpoint>>, Error> {
        self.pick(
            &spec::PUBLIC_ENDPOINT,
            &self.args.public_endpoint,
            &self.file.minio.public_endpoint,
        )
        .map(|raw| {
            Endpoint::parse(&raw.value, None)
                .map(|e| Sourced::new(e, raw.source.clone()))
                .map_err(|rule| {
                    Error::config(format!(
                        "invalid public endpoint '{}' ({}): {rule}",
                        without_userinfo(&raw.value),
                        raw.source
                    ))
                })
        })
        .transpose()
    }

    fn app_endpoints(&self) -> Result<Option<Sourced<Vec<Endpoint>>>, Error> {
        let Some(raw) = self.pick(
            &spec::APP_ENDPOINTS,
            &self.args.app_endpoints,
            &self.file.minio.app_endpoints,
        ) else {
            return Ok(None);
        };
        let endpoints = raw
            .value
            .split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(|e| {
                Endpoint::parse(e, None).map_err(|rule| {
                    Error::config(format!(
                        "invalid app endpoint '{}' ({}): {rule}",
                        without_userinfo(e),
                        raw.source
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(Sourced::new(endpoints, raw.source)))
    }

    fn bucket(&self) -> Result<Sourced<BucketName>, Error> {
        let raw = self
            .pick(&spec::BUCKET, &self.args.bucket, &self.file.minio.bucket)
            .expect("a default is given");
        let name = BucketName::parse(&raw.value).map_err(|e| {
            let error = Error::invalid(format!("{e} ({})", raw.source));
            if quoted(&raw.value) {
                error.hint(format!("the value is in quotes: {QUOTES_KEPT}"))
            } else {
                error
            }
        })?;
        Ok(Sourced::new(name, raw.source))
    }

    fn region(&self) -> Result<Sourced<String>, Error> {
        let region = self
            .layered(
                &spec::REGION,
                &self.args.region,
                &self.file.minio.region,
                |l| l.region.as_ref(),
            )
            .expect("a default is given");
        let valid = !region.value.is_empty()
            && region
                .value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(Error::config(format!(
                "invalid region '{}' ({}): use lowercase letters, digits and hyphens, e.g. us-east-1",
                region.value, region.source
            )));
        }
        Ok(region)
    }

    /// The database URL, with what a `postgres://` URL leaves out filled in as libpq
    /// would (see [`libpq`]), and each part's source.
    fn database(&self, warnings: &mut Vec<String>) -> Result<Database, Error> {
        let raw = self
            .pick(&spec::DATABASE, &self.args.db, &self.file.database.url)
            .filter(|raw| raw.source != Source::Default);
        let Some(raw) = raw else {
            return Ok(Database {
                url: Sourced::new(
                    DatabaseUrl::Sqlite(data_dir(self.env).join("pfp.db")),
                    Source::Default,
                ),
                parts: Vec::new(),
                postgres: None,
            });
        };
        let url = match DatabaseUrl::parse(&raw.value).map_err(|rule| {
            // The URL may carry a password: name the source, not the value.
            Error::config(format!("invalid database URL ({}): {rule}", raw.source))
        })? {
            DatabaseUrl::Sqlite(path) => DatabaseUrl::Sqlite(home_path(path, self.env)),
            postgres => postgres,
        };
        if raw.source == Source::Flag("--db") && url.has_password() {
            warnings.push(
                "--db holds a password, which ps and the shell history show to others: leave it out of the URL and set PGPASSWORD or use ~/.pgpass, or put the URL in DATABASE_URL or the config file (mode 0600)"
                    .into(),
            );
        }
        let file = libpq::FileParts {
            sslmode: self.file.database.sslmode.as_deref(),
            sslrootcert: self.file.database.sslrootcert.as_deref(),
            source: self.file_source(),
        };
        let completed = libpq::complete(&url, &raw.source, self.env, &file, warnings)?;
        let (params, parts) = completed.map_or((None, Vec::new()), |(p, parts)| (Some(p), parts));
        Ok(Database {
            url: Sourced::new(url, raw.source),
            parts,
            postgres: params,
        })
    }

    /// The extra CA certificate: `--ca-cert`, the config file's, else (for an `https://`
    /// endpoint only: the AWS CLI reads it for TLS alone, and a plain-HTTP run reads no CA
    /// store) the AWS CLI's `AWS_CA_BUNDLE` or profile `ca_bundle`.
    fn ca_cert(&self, endpoint: &Sourced<Endpoint>) -> Result<Option<Sourced<PathBuf>>, Error> {
        let path = |p: &Option<PathBuf>| p.as_ref().map(|p| p.to_string_lossy().into_owned());
        let ca_cert = self
            .layered(
                &spec::CA_CERT,
                &path(&self.args.ca_cert),
                &path(&self.file.minio.ca_cert),
                |l| l.ca_bundle.as_ref(),
            )
            .filter(|raw| {
                endpoint.value.is_https()
                    || !matches!(
                        raw.source,
                        Source::Env("AWS_CA_BUNDLE") | Source::Borrowed(_)
                    )
            })
            .map(|raw| Sourced::new(home_path(raw.value, self.env), raw.source));
        if let Some(ca) = &ca_cert
            && !ca.value.is_file()
        {
            return Err(Error::config(format!(
                "CA certificate '{}' ({}) is not a readable file",
                ca.value.display(),
                ca.source
            )));
        }
        Ok(ca_cert)
    }

    fn retries(&self) -> Result<Sourced<u32>, Error> {
        let raw = self
            .pick(
                &spec::RETRIES,
                &self.args.retries.map(|n| n.to_string()),
                &self.file.minio.retries.map(|n| n.to_string()),
            )
            .expect("a default is given");
        let retries = raw.value.parse().map_err(|_| {
            Error::config(format!(
                "invalid retries '{}' ({}): expected a whole number",
                raw.value, raw.source
            ))
        })?;
        Ok(Sourced::new(retries, raw.source))
    }

    fn timeout(&self) -> Result<Sourced<Duration>, Error> {
        let raw = self
            .pick(&spec::TIMEOUT, &self.args.timeout, &self.file.minio.timeout)
            .expect("a default is given");
        let timeout = parse_duration(&raw.value)
            .map_err(|e| Error::config(format!("{e} ({})", raw.source)))?;
        if timeout.is_zero() {
            return Err(Error::config(format!(
                "invalid timeout ({}): must be greater than zero",
                raw.source
            )));
        }
        Ok(Sourced::new(timeout, raw.source))
    }

    /// Zero is allowed: a run that should not wait at all for another's lock (as
    /// terraform's `-lock-timeout=0s`).
    fn lock_timeout(&self) -> Result<Sourced<Duration>, Error> {
        let raw = self
            .pick(
                &spec::LOCK_TIMEOUT,
                &self.args.lock_timeout,
                &self.file.database.lock_timeout,
            )
            .expect("a default is given");
        let wait = parse_duration(&raw.value)
            .map_err(|e| Error::config(format!("{e} ({})", raw.source)))?;
        Ok(Sourced::new(wait, raw.source))
    }
}

#[cfg(test)]
mod tests;
