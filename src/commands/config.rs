//! `pfp config show`: the effective settings and where each came from, secrets masked.

use crate::commands::Context;
use crate::error::Result;
use crate::output::{ConfigEntry, ConfigReport};
use crate::values::Sourced;

const MASK: &str = "********";

fn entry<T>(name: &'static str, s: &Sourced<T>, show: impl Fn(&T) -> String) -> ConfigEntry {
    ConfigEntry {
        name,
        value: Some(show(&s.value)),
        source: Some(s.source.to_string()),
    }
}

fn optional<T>(
    name: &'static str,
    s: &Option<Sourced<T>>,
    show: impl Fn(&T) -> String,
) -> ConfigEntry {
    match s {
        Some(s) => entry(name, s, show),
        None => ConfigEntry {
            name,
            value: None,
            source: None,
        },
    }
}

pub fn show(ctx: &Context) -> Result<()> {
    let s = &ctx.settings;
    let entries = vec![
        ConfigEntry {
            name: "config_file",
            value: s.config_file.as_ref().map(|p| p.display().to_string()),
            source: None,
        },
        entry("endpoint", &s.endpoint, |e| e.to_string()),
        optional("access_key", &s.access_key, Clone::clone),
        optional("secret_key", &s.secret_key, |_| MASK.to_owned()),
        entry("bucket", &s.bucket, |b| b.to_string()),
        entry("region", &s.region, Clone::clone),
        entry("database", &s.database, |d| d.masked()),
        optional("ca_cert", &s.ca_cert, |p| p.display().to_string()),
        ConfigEntry {
            name: "insecure",
            value: Some(s.insecure.to_string()),
            source: None,
        },
        entry("retries", &s.retries, u32::to_string),
        entry("timeout", &s.timeout, |t| {
            crate::values::units::format_duration(*t)
        }),
    ];
    ctx.printer.print(&ConfigReport { entries });
    Ok(())
}
