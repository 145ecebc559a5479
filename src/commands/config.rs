//! `pfp config show`: the effective settings and where each came from, secrets masked,
//! one line per setting declared in `settings::spec`, in its order.

use crate::commands::Context;
use crate::error::Result;
use crate::output::{ConfigEntry, ConfigReport};
use crate::settings::Settings;
use crate::settings::spec::{SETTINGS, Spec};
use crate::values::Sourced;

const MASK: &str = "********";

pub fn show(ctx: &Context) -> Result<()> {
    let mut entries = Vec::new();
    for spec in SETTINGS {
        entries.push(entry(&ctx.settings, spec));
        // A PostgreSQL connection's parts, each with its own source (libpq's variables,
        // the password file, ...), right below the URL they complete.
        if spec.name == "database" {
            entries.extend(ctx.settings.database_parts.iter().map(|p| ConfigEntry {
                name: p.name,
                value: Some(p.value.clone()),
                source: Some(p.source.to_string()),
            }));
            entries.extend(mapping(&ctx.settings));
        }
    }
    ctx.printer.print(&ConfigReport { entries });
    Ok(())
}

/// Existing-schema mode's `[database.mapping]`, a line per key, from the config file.
fn mapping(s: &Settings) -> Vec<ConfigEntry> {
    let Some(m) = &s.mapping else {
        return Vec::new();
    };
    let source = s
        .config_file
        .as_ref()
        .map(|p| format!("config file {}", p.display()));
    let lookup: Vec<&str> = m.lookup.iter().map(|c| c.as_str()).collect();
    [
        ("database.mapping.table", m.table.to_string()),
        ("database.mapping.id", m.id.as_str().to_owned()),
        ("database.mapping.lookup", lookup.join(", ")),
        (
            "database.mapping.picture_url",
            m.picture_url.as_str().to_owned(),
        ),
    ]
    .into_iter()
    .map(|(name, value)| ConfigEntry {
        name,
        value: Some(value),
        source: source.clone(),
    })
    .collect()
}

/// The shown value of one setting and its source (`None` when it is not set).
fn entry(s: &Settings, spec: &Spec) -> ConfigEntry {
    fn sourced<T>(
        s: Option<&Sourced<T>>,
        show: impl Fn(&T) -> String,
    ) -> (Option<String>, Option<String>) {
        s.map_or((None, None), |s| {
            (Some(show(&s.value)), Some(s.source.to_string()))
        })
    }
    let (value, source) = match spec.name {
        "config_file" => (
            s.config_file.as_ref().map(|p| p.display().to_string()),
            None,
        ),
        "endpoint" => sourced(Some(&s.endpoint), ToString::to_string),
        "use_ssl" => sourced(s.use_ssl.as_ref(), ToString::to_string),
        "public_endpoint" => sourced(s.public_endpoint.as_ref(), ToString::to_string),
        "app_endpoints" => sourced(s.app_endpoints.as_ref(), |list| {
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        }),
        "alias" => sourced(s.alias.as_ref(), Clone::clone),
        "access_key" => sourced(s.access_key.as_ref(), Clone::clone),
        "session_token" => sourced(s.session_token.as_ref(), |_| MASK.to_owned()),
        "secret_key" => sourced(s.secret_key.as_ref(), |_| MASK.to_owned()),
        "bucket" => sourced(Some(&s.bucket), ToString::to_string),
        "region" => sourced(Some(&s.region), Clone::clone),
        "database" => sourced(Some(&s.database), |d| d.masked()),
        "ca_cert" => sourced(s.ca_cert.as_ref(), |p| p.display().to_string()),
        "insecure" => (Some(s.insecure.to_string()), None),
        "retries" => sourced(Some(&s.retries), u32::to_string),
        "timeout" => sourced(Some(&s.timeout), |t| {
            crate::values::units::format_duration(*t)
        }),
        "lock_timeout" => sourced(Some(&s.lock_timeout), |t| {
            crate::values::units::format_duration(*t)
        }),
        other => unreachable!("setting '{other}' is declared in settings::spec but not shown"),
    };
    ConfigEntry {
        name: spec.name,
        value,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declared_setting_is_shown() {
        let args = crate::cli::GlobalArgs::default();
        let settings = Settings::resolve(&args, &|_: &str| None, &mut std::io::empty()).unwrap();
        for spec in SETTINGS {
            let shown = entry(&settings, spec);
            assert_eq!(shown.name, spec.name);
        }
    }
}
