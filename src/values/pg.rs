//! A PostgreSQL connection as libpq would make it: every part known once the URL, the
//! `PG*` variables, the config file and the password file have been read (by
//! `settings::libpq`, the one place that applies libpq's defaults), so the connection
//! is built from this, never from a URL parsed again.

use std::path::PathBuf;

use crate::error::Error;
use crate::values::Secret;

/// libpq's `sslmode`, all five that pfp takes (`allow` is refused: it tries plain first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    pub fn parse(text: &str) -> Result<SslMode, Error> {
        Ok(match text {
            "disable" => SslMode::Disable,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => {
                return Err(Error::config(format!(
                    "sslmode '{}' is not one of disable, prefer, require, verify-ca, verify-full",
                    crate::values::printable(other)
                )));
            }
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// Every part of a PostgreSQL connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PgParams {
    /// A host name, an address or a socket directory (several, comma-separated, as libpq).
    pub host: String,
    /// One port, or one per host (comma-separated).
    pub port: String,
    pub user: String,
    pub dbname: String,
    pub password: Option<Secret>,
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
    pub application_name: String,
    /// The URL's other parameters (`options`, `keepalives`, ...), passed on as they are.
    pub other: Vec<(String, String)>,
}

impl PgParams {
    /// `host:port/db`, for messages: no user, no password.
    pub fn target(&self) -> String {
        // Each host with its port, as a URL lists them.
        let hosts: Vec<String> = host_ports(&self.host, &self.port)
            .map(|(host, port)| {
                if host.contains(':') {
                    // An IPv6 address, bracketed as in a URL.
                    format!("[{host}]:{port}")
                } else {
                    format!("{host}:{port}")
                }
            })
            .collect();
        format!("{}/{}", hosts.join(","), self.dbname)
    }
}

/// Each host of a comma-separated list with its port: the one port for all, or the port
/// in the same place of the port list (libpq's pairing).
pub fn host_ports<'a>(host: &'a str, port: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
    let ports: Vec<&str> = port.split(',').collect();
    host.split(',').enumerate().map(move |(n, host)| {
        let port = ports.get(n).or(ports.first()).copied().unwrap_or_default();
        (host, port)
    })
}
