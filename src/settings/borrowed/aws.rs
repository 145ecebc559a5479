//! The AWS conventions: the `AWS_*` variables, and `AWS_PROFILE` with
//! `~/.aws/credentials` and `~/.aws/config`.

use std::path::PathBuf;

use super::super::Env;
use super::super::secrets::{exposed, open_to_others};
use super::ini::read_ini;
use super::{Keys, Layer, home};
use crate::error::Error;
use crate::values::{Secret, Source, Sourced};

/// The AWS variables: keys (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
/// `AWS_SESSION_TOKEN`), endpoint (`AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL`),
/// region (`AWS_REGION`, else `AWS_DEFAULT_REGION`) and CA bundle (`AWS_CA_BUNDLE`).
pub(in crate::settings) fn aws_env(env: &dyn Env) -> Result<Layer, Error> {
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
        ca_bundle: first(&["AWS_CA_BUNDLE"]),
    })
}

/// Which AWS profile to read: `AWS_PROFILE` (explicit), else `default` (implicit).
pub(in crate::settings) fn aws_profile_name(env: &dyn Env) -> (String, bool) {
    match env.var("AWS_PROFILE") {
        Some(name) => (name, true),
        None => ("default".to_owned(), false),
    }
}

/// The profile `name` from the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`,
/// else `~/.aws/credentials`, section `[name]`) and the config file (`AWS_CONFIG_FILE`,
/// else `~/.aws/config`, section `[profile name]`, or `[default]`): keys (the credentials
/// file's win, as in the AWS CLI), `region`, `endpoint_url` and `ca_bundle`. An explicit profile that
/// neither file has is a configuration error; the implicit `default` may be absent.
pub(in crate::settings) fn aws_profile(
    name: &str,
    explicit: bool,
    env: &dyn Env,
    warnings: &mut Vec<String>,
) -> Result<Option<Layer>, Error> {
    let aws_dir = home(env).map(|h| h.join(".aws"));
    let credentials_path = env
        .var("AWS_SHARED_CREDENTIALS_FILE")
        .map(|p| crate::settings::home_path(p, env))
        .or_else(|| aws_dir.as_ref().map(|d| d.join("credentials")));
    let config_path = env
        .var("AWS_CONFIG_FILE")
        .map(|p| crate::settings::home_path(p, env))
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
        layer.ca_bundle = get("ca_bundle");
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

pub(in crate::settings) fn lookup(section: &[(String, String)], key: &str) -> Option<String> {
    section
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
}
