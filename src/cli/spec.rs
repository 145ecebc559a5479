//! The settings, each declared once: its name in `config show`, its flag, the
//! environment variables that set it (the first one set wins), its config-file key and
//! its default. `Settings::resolve` takes the flag, variable names and default from here,
//! `--help` (and the man pages and completions) get their `[env: …] [default: …]` from
//! here, `config show` lists what is here in this order, the tests' isolated environment
//! clears every variable named here, and unit tests check that each flag exists and that
//! the README's configuration table has a row for each.

use crate::error::Setting;

/// One setting.
#[derive(Debug)]
pub struct Spec {
    /// The name `config show` prints.
    pub name: &'static str,
    /// The global flag, if there is one.
    pub flag: Option<&'static str>,
    /// The environment variables that set it, in order of precedence.
    pub env: &'static [&'static str],
    /// The key in the config file (`table.key`), if there is one.
    pub file: Option<&'static str>,
    /// The default, as `config show` would print it.
    pub default: Option<&'static str>,
    /// Shown masked by `config show`.
    pub secret: bool,
}

impl Spec {
    /// What `--help`, the man pages and the completions say after the flag's description:
    /// `[env: A, B] [default: D]`, from this declaration.
    pub fn help_suffix(&self) -> String {
        let mut out = String::new();
        if !self.env.is_empty() && !self.secret {
            out.push_str(&format!(" [env: {}]", self.env.join(", ")));
        }
        if let Some(default) = self.default {
            out.push_str(&format!(" [default: {default}]"));
        }
        out
    }
}

/// The picture options' defaults, as `--help` shows them: taken from
/// `picture::Options::default()`, the one place they are declared (the resolver starts
/// from it too).
pub fn picture_default(long: &str) -> Option<String> {
    let options = crate::picture::Options::default();
    let limits = &options.limits;
    Some(match long {
        "formats" => options
            .formats
            .iter()
            .map(|f| f.name().to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(","),
        "max-size" if limits.max_bytes % (1 << 20) == 0 => {
            format!("{}MiB", limits.max_bytes >> 20)
        }
        "max-size" => limits.max_bytes.to_string(),
        "max-pixels" => limits.max_pixels.to_string(),
        "max-width" => limits.max_width.to_string(),
        "max-height" => limits.max_height.to_string(),
        "max-frames" => limits.max_frames.to_string(),
        "size" => options.size.to_string(),
        "crop" => match options.crop {
            crate::picture::Crop::Center => "center".to_owned(),
            crate::picture::Crop::None => "none".to_owned(),
        },
        _ => return None,
    })
}

/// A picture option's help with its `[default: …]` (see [`picture_default`]).
pub fn annotate_picture(arg: clap::Arg) -> clap::Arg {
    let is_picture = arg
        .get_help_heading()
        .is_some_and(|h| h == "Picture options");
    let default = arg.get_long().and_then(picture_default);
    match default {
        Some(default) if is_picture => {
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            arg.help(format!("{help} [default: {default}]"))
        }
        _ => arg,
    }
}

/// Every global flag's help with its `[env: …] [default: …]` added from [`SETTINGS`].
pub fn annotate(arg: clap::Arg) -> clap::Arg {
    let long = arg.get_long().map(|l| format!("--{l}"));
    let Some(spec) = SETTINGS.iter().find(|s| s.flag == long.as_deref()) else {
        return arg;
    };
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    arg.help(format!("{help}{}", spec.help_suffix()))
}

pub const CONFIG_FILE: Spec = Spec {
    name: "config_file",
    flag: Some("--config"),
    env: &["PFP_CONFIG"],
    file: None,
    default: Some("$XDG_CONFIG_HOME/pfp/config.toml"),
    secret: false,
};
pub const ENDPOINT: Spec = Spec {
    name: "endpoint",
    flag: Setting::Endpoint.flag(),
    env: Setting::Endpoint.env(),
    file: Some("minio.endpoint"),
    default: Some("http://127.0.0.1:9000"),
    secret: false,
};
pub const USE_SSL: Spec = Spec {
    name: "use_ssl",
    flag: Setting::UseSsl.flag(),
    env: Setting::UseSsl.env(),
    file: Some("minio.use_ssl"),
    default: Some("false"),
    secret: false,
};
pub const PUBLIC_ENDPOINT: Spec = Spec {
    name: "public_endpoint",
    flag: Setting::PublicEndpoint.flag(),
    env: Setting::PublicEndpoint.env(),
    file: Some("minio.public_endpoint"),
    default: None,
    secret: false,
};
/// Other names of this server in the app's picture columns (`minio:9000` inside
/// docker-compose, an old host name): comma-separated.
pub const APP_ENDPOINTS: Spec = Spec {
    name: "app_endpoints",
    flag: Setting::AppEndpoints.flag(),
    env: Setting::AppEndpoints.env(),
    file: Some("minio.app_endpoints"),
    default: None,
    secret: false,
};
pub const ACCESS_KEY: Spec = Spec {
    name: "access_key",
    flag: Setting::AccessKey.flag(),
    env: Setting::AccessKey.env(),
    file: Some("minio.access_key"),
    default: None,
    secret: false,
};
/// Never a plain flag (`ps` would show it): `--secret-key-file` or `--secret-key-stdin`.
pub const SECRET_KEY: Spec = Spec {
    name: "secret_key",
    flag: Setting::SecretKey.flag(),
    env: Setting::SecretKey.env(),
    file: Some("minio.secret_key_file"),
    default: None,
    secret: true,
};
/// An mc alias whose endpoint and keys to use (`MC_HOST_<alias>`, else mc's config.json).
pub const ALIAS: Spec = Spec {
    name: "alias",
    flag: Some("--alias"),
    env: &[],
    file: Some("minio.alias"),
    default: None,
    secret: false,
};
/// Only ever with the keys it belongs to: `AWS_SESSION_TOKEN` beside the AWS variables'
/// keys, or from the same mc alias or AWS profile as the keys.
pub const SESSION_TOKEN: Spec = Spec {
    name: "session_token",
    flag: None,
    env: &["AWS_SESSION_TOKEN"],
    file: None,
    default: None,
    secret: true,
};
pub const BUCKET: Spec = Spec {
    name: "bucket",
    flag: Setting::Bucket.flag(),
    env: Setting::Bucket.env(),
    file: Some("minio.bucket"),
    default: Some("demo"),
    secret: false,
};
pub const REGION: Spec = Spec {
    name: "region",
    flag: Some("--region"),
    env: &["MINIO_REGION"],
    file: Some("minio.region"),
    default: Some("us-east-1"),
    secret: false,
};
/// `PGPASSWORD` fills in the password of a URL that has none.
pub const DATABASE: Spec = Spec {
    name: "database",
    flag: Setting::Database.flag(),
    env: Setting::Database.env(),
    file: Some("database.url"),
    default: Some("sqlite:$XDG_DATA_HOME/pfp/pfp.db"),
    secret: false,
};
pub const CA_CERT: Spec = Spec {
    name: "ca_cert",
    flag: Setting::CaCert.flag(),
    env: Setting::CaCert.env(),
    file: Some("minio.ca_cert"),
    default: None,
    secret: false,
};
pub const INSECURE: Spec = Spec {
    name: "insecure",
    flag: Some("--insecure"),
    env: &[],
    file: None,
    default: Some("false"),
    secret: false,
};
pub const RETRIES: Spec = Spec {
    name: "retries",
    flag: Some("--retries"),
    env: &[],
    file: Some("minio.retries"),
    default: Some("3"),
    secret: false,
};
pub const TIMEOUT: Spec = Spec {
    name: "timeout",
    flag: Setting::Timeout.flag(),
    env: Setting::Timeout.env(),
    file: Some("minio.timeout"),
    default: Some("30s"),
    secret: false,
};
pub const LOCK_TIMEOUT: Spec = Spec {
    name: "lock_timeout",
    flag: Setting::LockTimeout.flag(),
    env: Setting::LockTimeout.env(),
    file: Some("database.lock_timeout"),
    default: Some("120s"),
    secret: false,
};

/// Every setting, in the order `config show` and the README list them.
pub const SETTINGS: &[&Spec] = &[
    &CONFIG_FILE,
    &ENDPOINT,
    &USE_SSL,
    &PUBLIC_ENDPOINT,
    &APP_ENDPOINTS,
    &ALIAS,
    &ACCESS_KEY,
    &SECRET_KEY,
    &SESSION_TOKEN,
    &BUCKET,
    &REGION,
    &DATABASE,
    &CA_CERT,
    &INSECURE,
    &RETRIES,
    &TIMEOUT,
    &LOCK_TIMEOUT,
];

/// Variables pfp reads that are not a setting of their own: libpq's, the AWS tools',
/// mc's, the base directories, colour, and the proxies (read by reqwest; `store::proxy`).
pub const OTHER_ENV: &[&str] = &[
    // The secret key's files (`settings::secrets::SECRET_KEY_FILE_ENV`).
    "MINIO_SECRET_KEY_FILE",
    "MINIO_ROOT_PASSWORD_FILE",
    "PGHOST",
    "PGPORT",
    "PGUSER",
    "PGPASSWORD",
    "PGDATABASE",
    "PGSSLMODE",
    "PGSSLROOTCERT",
    "PGAPPNAME",
    "PGPASSFILE",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGSYSCONFDIR",
    "USER",
    "LOGNAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_ENDPOINT_URL_S3",
    "AWS_ENDPOINT_URL",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_PROFILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CONFIG_FILE",
    "AWS_CA_BUNDLE",
    "MC_CONFIG_DIR",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "HOME",
    "NO_COLOR",
    "TERM",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// Families of variables pfp reads by prefix: mc's `MC_HOST_<alias>`.
pub const ENV_PREFIXES: &[&str] = &["MC_HOST_"];

/// Every environment variable pfp reads by name (what a test clears to isolate a run,
/// with those starting with one of [`ENV_PREFIXES`]).
pub fn env_vars() -> impl Iterator<Item = &'static str> {
    SETTINGS
        .iter()
        .flat_map(|s| s.env.iter().copied())
        .chain(OTHER_ENV.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_exists_and_its_help_names_its_variables() {
        let cli = crate::cli::command();
        for spec in SETTINGS {
            let Some(flag) = spec.flag else { continue };
            let arg = cli
                .get_arguments()
                .find(|a| a.get_long() == flag.strip_prefix("--"))
                .unwrap_or_else(|| panic!("{}: no global flag {flag}", spec.name));
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            // The secret's variables are named by --secret-key-file's help only in part.
            if spec.secret {
                continue;
            }
            if let Some(first) = spec.env.first() {
                assert!(
                    help.contains(first),
                    "{flag}'s help does not name {first}: {help}"
                );
            }
        }
    }

    /// The names lower layers' messages point to (`error::Setting`) are flags pfp has.
    #[test]
    fn every_setting_a_message_names_is_a_flag_of_the_command_line() {
        fn longs(command: &clap::Command, out: &mut Vec<String>) {
            out.extend(
                command
                    .get_arguments()
                    .filter_map(|a| a.get_long().map(|l| format!("--{l}"))),
            );
            for sub in command.get_subcommands() {
                longs(sub, out);
            }
        }
        let mut all = Vec::new();
        longs(&crate::cli::command(), &mut all);
        for setting in Setting::ALL {
            if let Some(flag) = setting.flag() {
                assert!(all.iter().any(|l| l == flag), "{setting:?}: no flag {flag}");
            }
        }
    }

    #[test]
    fn the_readme_configuration_table_has_a_row_for_each_setting() {
        let readme = include_str!("../../README.md");
        let table = readme
            .split("## Configuration")
            .nth(1)
            .and_then(|rest| {
                rest.split("\n\n")
                    .find(|block| block.starts_with("| setting | flag"))
            })
            .expect("the README has a configuration table");
        for spec in SETTINGS {
            let row = table
                .lines()
                .find(|line| {
                    spec.flag.is_some_and(|f| line.contains(&format!("`{f}")))
                        || spec.file.is_some_and(|k| line.contains(&format!("`{k}`")))
                        || spec
                            .env
                            .first()
                            .is_some_and(|e| line.contains(&format!("| `{e}`")))
                })
                .unwrap_or_else(|| panic!("no README row for {}", spec.name));
            for name in spec.env {
                assert!(
                    row.contains(name),
                    "README row of {} lacks {name}",
                    spec.name
                );
            }
            if let Some(key) = spec.file {
                assert!(row.contains(key), "README row of {} lacks {key}", spec.name);
            }
            if let Some(default) = spec.default {
                assert!(
                    row.contains(default),
                    "README row of {} lacks its default {default}",
                    spec.name
                );
            }
        }
    }
}
