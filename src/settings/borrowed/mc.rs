//! An `mc` alias: `MC_HOST_<alias>` (a URL with the keys in it), else the alias in
//! mc's `config.json`.

use super::super::Env;
use super::super::secrets::{exposed, open_to_others};
use super::{Keys, Layer, home};
use crate::error::Error;
use crate::values::{Secret, Source, Sourced};

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
pub(in crate::settings) fn mc_alias(
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
        .map(|p| crate::settings::home_path(p, env))
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
        ca_bundle: None,
    })
}

/// `MC_HOST_<alias>=https://ACCESS:SECRET[:TOKEN]@host[:port]`, as mc reads it.
pub(in crate::settings) fn mc_host(variable: &str, value: &str) -> Result<Layer, Error> {
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
        ca_bundle: None,
    })
}
