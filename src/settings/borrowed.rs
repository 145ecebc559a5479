//! Endpoints and keys borrowed from the tools operators already use, so nobody retypes
//! them: an `mc` alias (`MC_HOST_<alias>`, else mc's `config.json`) and the AWS
//! conventions (the `AWS_*` variables, `AWS_PROFILE` with `~/.aws/credentials` and
//! `~/.aws/config`).
//!
//! A layer's keys are one unit: the access key, secret key and session token all come
//! from the same layer, never half from one tool and half from another. Endpoint and
//! region are picked setting by setting, like every other setting.

use std::path::{Path, PathBuf};

use super::Env;
use super::secrets::{exposed, open_to_others};
use crate::error::Error;
use crate::values::{Secret, Source, Sourced};

/// Keys from one source, used together.
#[derive(Clone, Debug)]
pub(super) struct Keys {
    pub(super) access_key: String,
    pub(super) secret_key: Secret,
    pub(super) session_token: Option<Secret>,
    pub(super) source: Source,
}

/// What one borrowed layer supplies.
#[derive(Clone, Debug, Default)]
pub(super) struct Layer {
    pub(super) endpoint: Option<Sourced<String>>,
    pub(super) region: Option<Sourced<String>>,
    pub(super) keys: Option<Keys>,
}

impl Layer {
    fn is_empty(&self) -> bool {
        self.endpoint.is_none() && self.region.is_none() && self.keys.is_none()
    }
}

fn home(env: &dyn Env) -> Option<PathBuf> {
    env.var("HOME").map(PathBuf::from)
}

// ---------------------------------------------------------------------------------
// mc

/// An mc alias name: what `mc alias set` accepts.
fn valid_alias(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The endpoint and keys of mc alias `name`: `MC_HOST_<name>` if set (as mc reads it),
/// else the alias in mc's config file (`$MC_CONFIG_DIR/config.json`, else
/// `~/.mc/config.json`). A missing alias or a malformed file is a configuration error.
pub(super) fn mc_alias(
    name: &Sourced<String>,
    env: &dyn Env,
    warnings: &mut Vec<String>,
) -> Result<Layer, Error> {
    let alias = name.value.as_str();
    if !valid_alias(alias) {
        return Err(Error::config(format!(
            "invalid mc alias '{}' ({}): use letters, digits, '-', '_' and '.'",
            crate::values::printable(alias),
            name.source
        )));
    }
    let variable = format!("MC_HOST_{alias}");
    if let Some(value) = env.var(&variable) {
        return mc_host(&variable, &value);
    }
    let Some(dir) = env
        .var("MC_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| home(env).map(|h| h.join(".mc")))
    else {
        return Err(Error::config(format!(
            "mc alias '{alias}' ({}): no {variable}, and neither MC_CONFIG_DIR nor HOME is set to find mc's config.json",
            name.source
        )));
    };
    let path = dir.join("config.json");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Error::config(format!(
            "mc alias '{alias}' ({}): no {variable}, and mc's config file '{}' cannot be read: {e}",
            name.source,
            path.display()
        ))
        .hint(format!(
            "run: mc alias set {alias} URL ACCESS_KEY (mc asks for the secret), or set {variable}"
        ))
    })?;
    // Parsed as a tree first: serde's typed errors would quote the offending value,
    // which may be a key.
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Error::config(format!(
            "mc config file '{}' is not valid JSON: line {}, column {}",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    // mc 10 keeps "aliases"; older versions "hosts".
    let aliases = json
        .get("aliases")
        .or_else(|| json.get("hosts"))
        .and_then(serde_json::Value::as_object)
        .ok_or_else(|| {
            Error::config(format!(
                "mc config file '{}' has no \"aliases\" object",
                path.display()
            ))
        })?;
    let Some(entry) = aliases.get(alias) else {
        let mut known: Vec<&str> = aliases.keys().map(String::as_str).collect();
        known.sort_unstable();
        return Err(Error::config(format!(
            "mc alias '{alias}' ({}) is not in '{}' (it has: {})",
            name.source,
            path.display(),
            if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            }
        )));
    };
    let field = |key: &str| -> Result<Option<String>, Error> {
        match entry.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) if s.is_empty() => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error::config(format!(
                "mc config file '{}': alias '{alias}': \"{key}\" is not a string",
                path.display()
            ))),
        }
    };
    let source = Source::Borrowed(format!("mc alias {alias} in {}", path.display()));
    let url = field("url")?.ok_or_else(|| {
        Error::config(format!(
            "mc config file '{}': alias '{alias}' has no \"url\"",
            path.display()
        ))
    })?;
    let keys = match (field("accessKey")?, field("secretKey")?) {
        (Some(access_key), Some(secret)) => Some(Keys {
            access_key,
            secret_key: Secret::new(secret),
            session_token: field("sessionToken")?.map(Secret::new),
            source: source.clone(),
        }),
        (None, None) => None,
        _ => {
            return Err(Error::config(format!(
                "mc config file '{}': alias '{alias}' has only one of accessKey and secretKey",
                path.display()
            )));
        }
    };
    if keys.is_some() && open_to_others(&path) {
        warnings.push(exposed("mc config file", &path, "holds keys ", ""));
    }
    Ok(Layer {
        endpoint: Some(Sourced::new(url, source)),
        region: None,
        keys,
    })
}

/// `MC_HOST_<alias>=https://ACCESS:SECRET[:TOKEN]@host[:port]`, as mc reads it.
fn mc_host(variable: &str, value: &str) -> Result<Layer, Error> {
    let source = Source::Borrowed(format!("env {variable}"));
    // Never quote the value: it holds the keys.
    let bad = |rule: &str| Error::config(format!("invalid {variable}: {rule}"));
    // The keys are split off the raw text: a URL parser re-encodes the ':' between
    // the secret and the token.
    let (scheme, rest) = value
        .split_once("://")
        .ok_or_else(|| bad("expected https://ACCESS_KEY:SECRET_KEY@HOST[:PORT]"))?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (userinfo, host_and_rest) = match rest[..authority_end].rfind('@') {
        Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
        None => (None, rest),
    };
    let url = url::Url::parse(&format!("{scheme}://{host_and_rest}"))
        .map_err(|_| bad("expected https://ACCESS_KEY:SECRET_KEY@HOST[:PORT]"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("the scheme must be http or https"));
    }
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .map(|s| s.into_owned())
            .map_err(|_| bad("the keys are not valid UTF-8 once percent-decoded"))
    };
    let keys = match userinfo.map(|u| u.splitn(3, ':').collect::<Vec<_>>()) {
        None => None,
        Some(fields) => match fields.as_slice() {
            [access, secret, token @ ..] if !access.is_empty() && !secret.is_empty() => {
                Some(Keys {
                    access_key: decode(access)?,
                    secret_key: Secret::new(decode(secret)?),
                    session_token: token
                        .first()
                        .filter(|t| !t.is_empty())
                        .map(|t| decode(t))
                        .transpose()?
                        .map(Secret::new),
                    source: source.clone(),
                })
            }
            _ => return Err(bad("it has an access key without a secret key")),
        },
    };
    let host = url.host_str().unwrap_or_default();
    if host.is_empty() {
        return Err(bad("it has no host"));
    }
    if url.path() != "/" && !url.path().is_empty() {
        return Err(bad("the URL must not have a path"));
    }
    let endpoint = match url.port() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    };
    Ok(Layer {
        endpoint: Some(Sourced::new(endpoint, source)),
        region: None,
        keys,
    })
}

// ---------------------------------------------------------------------------------
// AWS

/// The AWS variables: keys (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
/// `AWS_SESSION_TOKEN`), endpoint (`AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL`) and
/// region (`AWS_REGION`, else `AWS_DEFAULT_REGION`).
pub(super) fn aws_env(env: &dyn Env) -> Result<Layer, Error> {
    let first = |names: &[&'static str]| {
        names
            .iter()
            .find_map(|&n| env.var(n).map(|v| Sourced::new(v, Source::Env(n))))
    };
    let keys = match (
        env.var("AWS_ACCESS_KEY_ID"),
        env.var("AWS_SECRET_ACCESS_KEY"),
    ) {
        (Some(access_key), Some(secret)) => Some(Keys {
            access_key,
            secret_key: Secret::new(secret),
            session_token: env.var("AWS_SESSION_TOKEN").map(Secret::new),
            source: Source::Env("AWS_ACCESS_KEY_ID"),
        }),
        (None, None) => None,
        (Some(_), None) => {
            return Err(Error::config(
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both or neither",
            ));
        }
        (None, Some(_)) => {
            return Err(Error::config(
                "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not: set both or neither",
            ));
        }
    };
    Ok(Layer {
        endpoint: first(&["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"]),
        region: first(&["AWS_REGION", "AWS_DEFAULT_REGION"]),
        keys,
    })
}

/// Which AWS profile to read: `AWS_PROFILE` (explicit), else `default` (implicit).
pub(super) fn aws_profile_name(env: &dyn Env) -> (String, bool) {
    match env.var("AWS_PROFILE") {
        Some(name) => (name, true),
        None => ("default".to_owned(), false),
    }
}

/// The profile `name` from the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`,
/// else `~/.aws/credentials`, section `[name]`) and the config file (`AWS_CONFIG_FILE`,
/// else `~/.aws/config`, section `[profile name]`, or `[default]`): keys (the credentials
/// file's win, as in the AWS CLI), `region` and `endpoint_url`. An explicit profile that
/// neither file has is a configuration error; the implicit `default` may be absent.
pub(super) fn aws_profile(
    name: &str,
    explicit: bool,
    env: &dyn Env,
    warnings: &mut Vec<String>,
) -> Result<Option<Layer>, Error> {
    let aws_dir = home(env).map(|h| h.join(".aws"));
    let credentials_path = env
        .var("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| aws_dir.as_ref().map(|d| d.join("credentials")));
    let config_path = env
        .var("AWS_CONFIG_FILE")
        .map(PathBuf::from)
        .or_else(|| aws_dir.as_ref().map(|d| d.join("config")));
    let config_section = if name == "default" {
        "default".to_owned()
    } else {
        format!("profile {name}")
    };

    let mut found = false;
    let mut layer = Layer::default();
    let mut keys_from: Option<(Vec<(String, String)>, PathBuf)> = None;
    if let Some(path) = &config_path
        && let Some(ini) = read_ini(path)?
        && let Some(section) = ini.section(&config_section)
    {
        found = true;
        let source = Source::Borrowed(format!("AWS profile {name} in {}", path.display()));
        let get = |key: &str| lookup(section, key).map(|v| Sourced::new(v, source.clone()));
        layer.region = get("region");
        layer.endpoint = get("endpoint_url");
        if lookup(section, "aws_access_key_id").is_some()
            || lookup(section, "aws_secret_access_key").is_some()
        {
            keys_from = Some((section.clone(), path.clone()));
        }
    }
    if let Some(path) = &credentials_path
        && let Some(ini) = read_ini(path)?
        && let Some(section) = ini.section(name)
    {
        found = true;
        keys_from = Some((section.clone(), path.clone()));
        if open_to_others(path) {
            warnings.push(exposed("AWS credentials file", path, "holds keys ", ""));
        }
    }
    if let Some((section, path)) = keys_from {
        let where_ = format!("AWS profile {name} in {}", path.display());
        layer.keys = match (
            lookup(&section, "aws_access_key_id"),
            lookup(&section, "aws_secret_access_key"),
        ) {
            (Some(access_key), Some(secret)) => Some(Keys {
                access_key,
                secret_key: Secret::new(secret),
                session_token: lookup(&section, "aws_session_token").map(Secret::new),
                source: Source::Borrowed(where_),
            }),
            _ => {
                return Err(Error::config(format!(
                    "{where_}: needs both aws_access_key_id and aws_secret_access_key"
                )));
            }
        };
    }
    if !found {
        if !explicit {
            return Ok(None);
        }
        let shown = |p: &Option<PathBuf>| {
            p.as_ref()
                .map_or("(no HOME)".to_owned(), |p| p.display().to_string())
        };
        return Err(Error::config(format!(
            "AWS_PROFILE '{name}': no [{name}] in '{}' and no [{config_section}] in '{}'",
            shown(&credentials_path),
            shown(&config_path)
        )));
    }
    Ok((!layer.is_empty()).then_some(layer))
}

fn lookup(section: &[(String, String)], key: &str) -> Option<String> {
    section
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
}

/// An INI file as the AWS CLI reads it: `[section]`, `key = value`, `#`/`;` comments;
/// indented lines below a key with no value are a nested block (an `s3 =` block), skipped.
struct Ini {
    sections: Vec<(String, Vec<(String, String)>)>,
}

impl Ini {
    fn section(&self, name: &str) -> Option<&Vec<(String, String)>> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, entries)| entries)
    }
}

/// `None` if the file does not exist; a configuration error naming the file and line
/// if it is not what the AWS tools accept.
fn read_ini(path: &Path) -> Result<Option<Ini>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::config(format!(
                "cannot read AWS file '{}': {e}",
                path.display()
            )));
        }
    };
    let mut ini = Ini {
        sections: Vec::new(),
    };
    let mut nested = false;
    for (i, raw) in text.lines().enumerate() {
        let bad = |rule: &str| {
            Error::config(format!(
                "AWS file '{}' line {}: {rule}",
                path.display(),
                i + 1
            ))
        };
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if raw.starts_with([' ', '\t']) {
            if nested {
                continue;
            }
            return Err(bad("an indented line outside a nested block"));
        }
        nested = false;
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .ok_or_else(|| bad("expected [section]"))?;
            ini.sections.push((name.trim().to_owned(), Vec::new()));
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| bad("expected [section] or key = value"))?;
        let Some((_, entries)) = ini.sections.last_mut() else {
            return Err(bad("a key before the first [section]"));
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            nested = true;
        }
        entries.push((key.to_owned(), value.to_owned()));
    }
    Ok(Some(ini))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name: &str| map.get(name).cloned()
    }

    #[test]
    fn mc_host_carries_keys_and_a_session_token() {
        let layer = mc_host(
            "MC_HOST_prod",
            "https://AK:s%3Acret:TOKEN@minio.example.com:9000",
        )
        .unwrap();
        let keys = layer.keys.unwrap();
        assert_eq!(keys.access_key, "AK");
        assert_eq!(keys.secret_key.expose(), "s:cret");
        assert_eq!(keys.session_token.unwrap().expose(), "TOKEN");
        assert_eq!(
            layer.endpoint.unwrap().value,
            "https://minio.example.com:9000"
        );
        for bad in [
            "minio:9000",
            "https://AK@host",
            "https://AK:SK@host/path",
            "ftp://AK:SK@h",
        ] {
            let err = mc_host("MC_HOST_x", bad).unwrap_err().to_string();
            assert!(!err.contains("SK"), "the value is never quoted: {err}");
        }
    }

    #[test]
    fn ini_sections_nested_blocks_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(
            &path,
            "# c\n[default]\nregion = eu-west-1\ns3 =\n  addressing_style = path\n[profile x]\nendpoint_url = http://h:1\n",
        )
        .unwrap();
        let ini = read_ini(&path).unwrap().unwrap();
        assert_eq!(
            lookup(ini.section("default").unwrap(), "region").as_deref(),
            Some("eu-west-1")
        );
        assert!(ini.section("profile x").is_some());
        std::fs::write(&path, "[default]\nregion eu\n").unwrap();
        let err = read_ini(&path).err().unwrap().to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(read_ini(&dir.path().join("absent")).unwrap().is_none());
    }

    #[test]
    fn aws_keys_come_in_pairs() {
        let env = env_of(&[("AWS_ACCESS_KEY_ID", "a")]);
        assert!(aws_env(&env).is_err());
        let env = env_of(&[
            ("AWS_ACCESS_KEY_ID", "a"),
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_SESSION_TOKEN", "t"),
            ("AWS_ENDPOINT_URL", "http://generic:1"),
            ("AWS_ENDPOINT_URL_S3", "http://s3:1"),
            ("AWS_DEFAULT_REGION", "eu-central-1"),
        ]);
        let layer = aws_env(&env).unwrap();
        assert_eq!(layer.endpoint.unwrap().value, "http://s3:1");
        assert_eq!(layer.region.unwrap().value, "eu-central-1");
        assert_eq!(layer.keys.unwrap().session_token.unwrap().expose(), "t");
    }
}
