//! The config file (`--config`, `PFP_CONFIG`, else `$XDG_CONFIG_HOME/pfp/config.toml`):
//! its tables, and reading it with the warnings a careless mode deserves.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Env;
use crate::cli::GlobalArgs;
use crate::error::Error;
use crate::users::mapping::MappingSection;

/// The `[minio]` table of the config file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MinioSection {
    pub(super) alias: Option<String>,
    pub(super) endpoint: Option<String>,
    pub(super) public_endpoint: Option<String>,
    pub(super) app_endpoints: Option<String>,
    pub(super) access_key: Option<String>,
    pub(super) secret_key: Option<String>,
    pub(super) secret_key_file: Option<PathBuf>,
    pub(super) bucket: Option<String>,
    pub(super) region: Option<String>,
    pub(super) use_ssl: Option<bool>,
    pub(super) ca_cert: Option<PathBuf>,
    pub(super) retries: Option<u32>,
    pub(super) timeout: Option<String>,
}

/// The `[database]` table of the config file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DatabaseSection {
    pub(super) url: Option<String>,
    pub(super) sslmode: Option<String>,
    pub(super) sslrootcert: Option<PathBuf>,
    pub(super) lock_timeout: Option<String>,
    pub(super) mapping: Option<MappingSection>,
}

/// The `[picture]` table of the config file: defaults for the picture options.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PictureSection {
    pub(super) formats: Option<Vec<String>>,
    pub(super) max_size: Option<String>,
    pub(super) max_pixels: Option<u64>,
    pub(super) max_width: Option<u32>,
    pub(super) max_height: Option<u32>,
    pub(super) max_frames: Option<u32>,
    pub(super) size: Option<u32>,
    pub(super) sizes: Option<Vec<u32>>,
    pub(super) crop: Option<String>,
    pub(super) output_format: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfigFile {
    #[serde(default)]
    pub(super) minio: MinioSection,
    #[serde(default)]
    pub(super) database: DatabaseSection,
    #[serde(default)]
    pub(super) picture: PictureSection,
}

/// `$XDG_CONFIG_HOME`, else `~/.config`.
fn config_dir(env: &dyn Env) -> Option<PathBuf> {
    env.var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| super::home_dir(env).map(|h| h.join(".config")))
}

/// `$XDG_DATA_HOME/pfp`, else `~/.local/share/pfp`, else `./.pfp`.
pub(super) fn data_dir(env: &dyn Env) -> PathBuf {
    env.var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| super::home_dir(env).map(|h| h.join(".local/share")))
        .map_or_else(|| PathBuf::from(".pfp"), |d| d.join("pfp"))
}

/// Reads the config file named by `--config` or `PFP_CONFIG` (which must exist), or the
/// default one (which may be absent).
pub(super) fn load_config_file(
    args: &GlobalArgs,
    env: &dyn Env,
    warnings: &mut Vec<String>,
) -> Result<(ConfigFile, Option<PathBuf>), Error> {
    let (path, explicit) = match (&args.config, env.var("PFP_CONFIG")) {
        (Some(p), _) => (super::home_path(p, env), true),
        (None, Some(p)) => (super::home_path(p, env), true),
        (None, None) => match config_dir(env) {
            Some(dir) => (dir.join("pfp/config.toml"), false),
            None => return Ok((ConfigFile::default(), None)),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
            return Ok((ConfigFile::default(), None));
        }
        Err(e) => {
            return Err(Error::config(format!(
                "cannot read config file '{}': {e}",
                path.display()
            )));
        }
    };
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        let error = toml_error(&path, &text, &e);
        // A file that parsed, with keys pfp does not know, keeps the hint about its keys.
        match other_format(&path, &text) {
            Some(hint) if !e.message().starts_with("unknown field `") => error.hint(hint),
            _ => error,
        }
    })?;
    if file.minio.secret_key.is_some() && super::secrets::open_to_others(&path) {
        warnings.push(super::secrets::exposed(
            "config file",
            &path,
            "holds a secret key ",
            "",
        ));
    }
    Ok((file, Some(path)))
}

/// What a config file that does not parse is, where its name or its first line says it
/// is another format than TOML: YAML or JSON (as other tools' configs are), or a file of
/// environment variables (`MINIO_ENDPOINT=http://…`, a `.env` given for the config).
fn other_format(path: &Path, text: &str) -> Option<String> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    // `NAME=value`, the value unquoted (TOML wants quotes: it did not parse).
    let variables = first.split_once('=').is_some_and(|(name, value)| {
        let name = name.trim_start_matches("export ").trim();
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            && !value.trim_start().starts_with(['"', '\''])
    });
    let named = match extension.as_deref() {
        Some("yaml" | "yml") => "YAML",
        Some("json") => "JSON",
        _ if variables || extension.as_deref() == Some("env") => {
            return Some("the config file is TOML, and this is a file of environment variables (KEY=value): load it into the environment instead (set -a; . FILE; set +a), or write its settings as TOML ([minio] endpoint = \"…\"; README, Configuration)".to_owned());
        }
        _ => return None,
    };
    Some(format!(
        "the config file is TOML, and this file's name says {named}: write its settings as TOML ([minio] endpoint = \"…\"; README, Configuration)"
    ))
}

/// A config file that does not parse: its line and key, and the parser's message (never
/// its rendering, which quotes the line), unless the key holds a secret, whose value a
/// message may quote (`invalid type: integer `12345678``): then only what was expected.
fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let mut at = String::new();
    let mut secret = false;
    if let Some(span) = e.span() {
        let start = span.start.min(text.len());
        let number = text.as_bytes()[..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        let line = text.lines().nth(number - 1).unwrap_or("");
        let key = line
            .split_once('=')
            .map(|(key, _)| key.trim())
            .filter(|key| {
                !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
            });
        at = match key {
            Some(key) => {
                secret = ["secret", "password", "token", "url"]
                    .iter()
                    .any(|s| key.to_ascii_lowercase().contains(s));
                format!(", line {number} ({key})")
            }
            None => format!(", line {number}"),
        };
    }
    let message = e.message();
    // An unknown key's message names the key and the keys allowed, never a value.
    let unknown = message.starts_with("unknown field `");
    let message = match message.split_once(", expected ") {
        _ if unknown => message.to_owned(),
        Some((_, expected)) if secret => {
            format!("not the value expected (expected {expected}; the value is not shown)")
        }
        _ if secret => "not a valid value (the value is not shown)".to_owned(),
        _ => message.to_owned(),
    };
    let error = Error::config(format!("config file '{}'{at}: {message}", path.display()));
    // A key spelled exactly as one of a table's first, then the nearest spelling.
    match other_table(e.message()) {
        Some((None, key)) => error.hint(format!("did you mean `{key}`?")),
        Some((Some(table), key)) => error.hint(format!(
            "`{key}` belongs in the [{table}] table: put it after a `[{table}]` line"
        )),
        None => match nearest_key(e.message()) {
            Some(key) => error.hint(format!("did you mean `{key}`?")),
            None => error,
        },
    }
}

/// For serde's `unknown field `bucket`, expected one of `minio`, …`: the table whose key
/// it is, and the key as that table spells it, where it is one (a flat file, `bucket =`
/// before any table; `url` under `[minio]`; `MINIO_ENDPOINT = …`, as the environment
/// names it); no table where the key so spelled is one of the table it is in. The
/// tables' keys are serde's own lists, so they cannot drift.
fn other_table(message: &str) -> Option<(Option<&'static str>, String)> {
    let (written, expected) = message
        .strip_prefix("unknown field `")?
        .split_once("`, expected ")?;
    let spelled = written.to_ascii_lowercase().replace('-', "_");
    let spelled = match spelled.split_once('_') {
        Some(("minio" | "database" | "picture", rest)) if !rest.is_empty() => rest.to_owned(),
        _ => spelled,
    };
    let listed = |expected: &str| -> Vec<String> {
        expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    if listed(expected).contains(&spelled) {
        return Some((None, spelled));
    }
    // What serde says the keys of a table are, asked with a key none has.
    let keys_of = |e: Option<toml::de::Error>| -> Vec<String> {
        e.and_then(|e| {
            e.message()
                .split_once(", expected ")
                .map(|(_, expected)| listed(expected))
        })
        .unwrap_or_default()
    };
    const NO_SUCH_KEY: &str = "\"no such key\" = 0";
    [
        (
            "minio",
            keys_of(toml::from_str::<MinioSection>(NO_SUCH_KEY).err()),
        ),
        (
            "database",
            keys_of(toml::from_str::<DatabaseSection>(NO_SUCH_KEY).err()),
        ),
        (
            "picture",
            keys_of(toml::from_str::<PictureSection>(NO_SUCH_KEY).err()),
        ),
    ]
    .into_iter()
    .find(|(_, keys)| keys.contains(&spelled))
    .map(|(table, _)| (Some(table), spelled))
}

/// For serde's `unknown field `endpiont`, expected one of `endpoint`, …`: the key allowed
/// that the one written most likely meant, as cargo and clap suggest: the same key with
/// `-` for `_` or in capitals, else the nearest by Jaro similarity (clap's measure and
/// threshold).
fn nearest_key(message: &str) -> Option<&str> {
    let (written, expected) = message
        .strip_prefix("unknown field `")?
        .split_once("`, expected ")?;
    let keys = expected.split('`').skip(1).step_by(2);
    let spelled = written.to_ascii_lowercase().replace('-', "_");
    if let Some(key) = keys.clone().find(|&key| key == spelled) {
        return Some(key);
    }
    keys.map(|key| (strsim::jaro(&spelled, key), key))
        .filter(|&(similarity, _)| similarity > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, key)| key)
}
