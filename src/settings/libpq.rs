//! libpq's conventions for the parts a `postgres://` URL leaves out, so the settings
//! everyone who runs `psql` already has work for pfp too, and no password ever needs to
//! be in a URL, a flag or pfp's config file.
//!
//! Each part, in libpq's order: the URL (its authority, path or query parameters), then
//! the `PG*` variable, then (sslmode and sslrootcert only) pfp's config file, then the
//! password file (password only), then libpq's default. The variables never switch the
//! backend: `--db postgres://` alone means "connect the way psql would".

use std::path::Path;

use super::Env;
use super::secrets::open_to_others;
use crate::error::Error;
use crate::values::pg::{PgParams, SslMode};
use crate::values::{DatabaseUrl, PgUrl, Secret, Source};

/// One part of the connection and where it came from, for `config show` and `doctor`.
#[derive(Clone, Debug)]
pub struct DbPart {
    /// `database.host`, `database.port`, ...: the name `config show` prints.
    pub name: &'static str,
    /// As shown: the password is masked.
    pub value: String,
    pub source: Source,
}

/// The config file's `[database]` keys that libpq would take from the URL or a variable.
pub(super) struct FileParts<'a> {
    pub(super) sslmode: Option<&'a str>,
    pub(super) sslrootcert: Option<&'a Path>,
    pub(super) source: Source,
}

/// libpq's defaults: the host and port a URL without them reaches, and the TLS mode.
const DEFAULT_HOST: &str = "localhost";
const DEFAULT_PORT: &str = "5432";
const DEFAULT_SSLMODE: SslMode = SslMode::Prefer;

/// Every part of the connection `url` names, with what it leaves out filled in from the
/// `PG*` variables, the config file, the password file and libpq's defaults (here and
/// nowhere else), and the source of each part. `None` for SQLite.
pub(super) fn complete(
    url: &DatabaseUrl,
    url_source: &Source,
    env: &dyn Env,
    file: &FileParts<'_>,
    warnings: &mut Vec<String>,
) -> Result<Option<(PgParams, Vec<DbPart>)>, Error> {
    let DatabaseUrl::Postgres(secret) = url else {
        return Ok(None);
    };
    let PgUrl {
        url: u,
        hosts: listed,
    } = PgUrl::parse(secret.expose())
        .map_err(|e| Error::config(format!("invalid database URL ({url_source}): {e}")))?;
    let param = |u: &url::Url, name: &str| {
        u.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .filter(|v| !v.is_empty())
    };
    let var = |name: &'static str| env.var(name).map(|v| (v, Source::Env(name)));
    let from_url = |v: String| (v, url_source.clone());
    // A connection service (`?service=NAME`, else PGSERVICE): its keywords come after
    // the URL's and before the variables, as in libpq.
    let service = match param(&u, "service").or_else(|| env.var("PGSERVICE")) {
        Some(name) => Some(Service::find(&name, env)?),
        None => None,
    };
    let svc = |keyword: &str| service.as_ref().and_then(|s| s.get(keyword));
    let mut parts = Vec::new();

    // host
    // Percent-decoded (libpq's way to name a socket directory there:
    // `postgres://%2Fvar%2Frun%2Fpostgresql/db`), an IPv6 address without its brackets.
    let netloc_host = u.host_str().filter(|h| !h.is_empty()).map(|h| {
        percent_decode(
            h.strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .unwrap_or(h),
        )
    });
    // A list of hosts in the authority (`postgres://h1:5432,h2:5433/db`), as libpq.
    let netloc_host = match &listed {
        Some(list) => Some(list.hosts.clone()).filter(|h| !h.is_empty()),
        None => netloc_host,
    };
    let (host, host_source) = match netloc_host.clone().or_else(|| param(&u, "host")) {
        Some(h) => from_url(h),
        None => svc("host")
            .or_else(|| var("PGHOST"))
            .unwrap_or_else(|| (DEFAULT_HOST.into(), Source::Default)),
    };
    parts.push(part("database.host", &host, host_source));

    // port
    let (port, port_source) = match listed
        .as_ref()
        .and_then(|list| list.ports.clone())
        .or_else(|| u.port().map(|p| p.to_string()))
        .or_else(|| param(&u, "port"))
    {
        Some(p) => from_url(p),
        None => {
            let (p, s) = svc("port")
                .or_else(|| var("PGPORT"))
                .unwrap_or_else(|| (DEFAULT_PORT.into(), Source::Default));
            p.split(',')
                .all(|one| one.parse::<u16>().is_ok_and(|n| n > 0))
                .then_some(())
                .ok_or_else(|| {
                    Error::config(format!("invalid port '{p}' ({s}): expected 1 to 65535"))
                })?;
            (p, s)
        }
    };
    parts.push(part("database.port", &port, port_source));

    // user: libpq's default is the operating-system user.
    let url_user = Some(u.username())
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .or_else(|| param(&u, "user"));
    let (user, user_source) = match url_user {
        Some(user) => from_url(user),
        None => {
            // libpq asks the system for the effective user's name, not USER, which
            // cron, systemd units and containers often leave unset; USER and LOGNAME
            // only where the system has no name for the uid (an arbitrary uid in a
            // container).
            let (user, s) = svc("user")
                .or_else(|| var("PGUSER"))
                .or_else(|| env.account().map(|a| (a.name, Source::Default)))
                .or_else(|| var("USER"))
                .or_else(|| var("LOGNAME"))
                .ok_or_else(|| {
                    Error::config(format!(
                        "the database URL ({url_source}) names no user, PGUSER is not set, and the system has no name for this process's user"
                    ))
                })?;
            (user, s)
        }
    };
    parts.push(part("database.user", &user, user_source.clone()));

    // dbname: libpq's default is the user name.
    let url_db = Some(u.path().trim_start_matches('/'))
        .filter(|p| !p.is_empty())
        .map(percent_decode)
        .or_else(|| param(&u, "dbname"));
    let (dbname, db_source) = match url_db {
        Some(db) => from_url(db),
        None => svc("dbname")
            .or_else(|| var("PGDATABASE"))
            .unwrap_or_else(|| (user.clone(), user_source)),
    };
    parts.push(part("database.dbname", &dbname, db_source));

    // password: the URL, PGPASSWORD, then the password file.
    let url_password = u
        .password()
        .map(percent_decode)
        .or_else(|| param(&u, "password"));
    let (password, password_source) = if let Some(p) = url_password {
        (Some(Secret::new(p)), Some(url_source.clone()))
    } else if let Some((p, s)) = svc("password").or_else(|| var("PGPASSWORD")) {
        (Some(Secret::new(p)), Some(s))
    } else if let Some((p, s)) = password_file(env, &host, &port, &dbname, &user, warnings)? {
        (Some(p), Some(s))
    } else {
        (None, None)
    };
    parts.push(DbPart {
        name: "database.password",
        value: if password_source.is_some() {
            "********".into()
        } else {
            "(not set)".into()
        },
        source: password_source.unwrap_or(Source::Default),
    });

    // sslmode and sslrootcert: the URL, the variable, then the config file.
    let mut tls: [Option<String>; 2] = [None, None];
    for (slot, (label, name, variable, from_file, default)) in tls.iter_mut().zip([
        (
            "database.sslmode",
            "sslmode",
            "PGSSLMODE",
            file.sslmode.map(str::to_owned),
            Some(DEFAULT_SSLMODE.as_str()),
        ),
        (
            "database.sslrootcert",
            "sslrootcert",
            "PGSSLROOTCERT",
            file.sslrootcert.map(|p| p.display().to_string()),
            None,
        ),
    ]) {
        let (value, source) = if let Some(v) = param(&u, name) {
            from_url(v)
        } else if let Some((v, s)) = svc(name).or_else(|| var(variable)) {
            (v, s)
        } else if let Some(v) = from_file {
            (v, file.source.clone())
        } else if let Some(d) = default {
            (d.to_owned(), Source::Default)
        } else {
            continue;
        };
        parts.push(part(label, &value, source));
        *slot = Some(value);
    }
    let [sslmode, sslrootcert] = tls;
    let sslmode = sslmode
        .as_deref()
        .map_or(Ok(DEFAULT_SSLMODE), SslMode::parse)?;

    // application_name: the URL, PGAPPNAME, else pfp's name.
    let (app, app_source) = match param(&u, "application_name") {
        Some(a) => from_url(a),
        None => svc("application_name")
            .or_else(|| var("PGAPPNAME"))
            .unwrap_or_else(|| ("pfp".into(), Source::Default)),
    };
    parts.push(part("database.application_name", &app, app_source));

    const KNOWN: [&str; 9] = [
        "service",
        "host",
        "port",
        "user",
        "dbname",
        "password",
        "sslmode",
        "sslrootcert",
        "application_name",
    ];
    let mut other: Vec<(String, String)> = Vec::new();
    // The URL's other parameters, then the service's that the URL does not set.
    let from_service = service.iter().flat_map(|s| {
        s.keywords
            .iter()
            .filter(|(k, _)| !u.query_pairs().any(|(key, _)| key == k.as_str()))
            .map(|(k, v)| (k.clone().into(), v.clone().into(), s.source.clone()))
    });
    let in_url = u.query_pairs().map(|(k, v)| (k, v, url_source.clone()));
    for (key, value, source) in in_url.chain(from_service) {
        if KNOWN.contains(&key.as_ref()) {
            continue;
        }
        match (key.as_ref(), value.as_ref()) {
            // pfp never encrypts with GSSAPI: 'disable' is what it does, and 'prefer'
            // (libpq's default) falls back to TLS or plain as sslmode says.
            ("gssencmode", "disable" | "prefer") => continue,
            ("gssencmode", _) => {
                return Err(Error::config(format!(
                    "the PostgreSQL URL parameter gssencmode={} ({source}): pfp does not encrypt with GSSAPI; use sslmode",
                    crate::values::printable(&value)
                )));
            }
            _ => {}
        }
        // Each parameter that tokio-postgres takes as it is, checked alone so that the
        // one it refuses is named (it said 'invalid connection string').
        let one = format!(
            "{key}='{}'",
            value.replace('\\', "\\\\").replace('\'', "\\'")
        );
        if let Err(e) = one.parse::<tokio_postgres::Config>() {
            return Err(Error::config(format!(
                "the PostgreSQL URL parameter '{}' ({source}): {}",
                crate::values::printable(&key),
                crate::error::root_cause(&e)
            )));
        }
        other.push((key.into_owned(), value.into_owned()));
    }
    let params = PgParams {
        host,
        port,
        user,
        dbname,
        password,
        sslmode,
        sslrootcert: sslrootcert.map(|p| super::home_path(p, env)),
        application_name: app,
        other,
    };
    Ok(Some((params, parts)))
}

/// Where Debian's libpq (the one `psql` is on the machines pfp runs on) looks for the
/// system's service file without `PGSYSCONFDIR`.
const SYSTEM_CONF_DIR: &str = "/etc/postgresql-common";

/// A libpq connection service (`?service=NAME` or `PGSERVICE`): the keywords of its
/// section in `PGSERVICEFILE` (else `~/.pg_service.conf`), else in the system's
/// `pg_service.conf`, as libpq reads them. They fill in what the URL leaves out, before
/// the `PG*` variables, as in libpq.
struct Service {
    keywords: Vec<(String, String)>,
    source: Source,
}

impl Service {
    fn find(name: &str, env: &dyn Env) -> Result<Service, Error> {
        let user_file = env
            .var("PGSERVICEFILE")
            .map(|p| super::home_path(p, env))
            .or_else(|| super::home_dir(env).map(|h| h.join(".pg_service.conf")));
        let system_file = Path::new(
            &env.var("PGSYSCONFDIR")
                .unwrap_or_else(|| SYSTEM_CONF_DIR.into()),
        )
        .join("pg_service.conf");
        let mut looked = Vec::new();
        for path in user_file.into_iter().chain([system_file]) {
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    looked.push(path.display().to_string());
                    continue;
                }
                Err(e) => {
                    return Err(Error::config(format!(
                        "cannot read the PostgreSQL service file '{}': {e}",
                        path.display()
                    )));
                }
            };
            looked.push(path.display().to_string());
            if let Some(keywords) = section(&text, name, &path)? {
                return Ok(Service {
                    keywords,
                    source: Source::Borrowed(format!(
                        "service {} in {}",
                        crate::values::printable(name),
                        path.display()
                    )),
                });
            }
        }
        Err(Error::config(format!(
            "the PostgreSQL service '{}' is defined in none of {}",
            crate::values::printable(name),
            looked.join(", ")
        ))
        .hint("define it there as [NAME] with host=, dbname=, ... lines (libpq's pg_service.conf), or set PGSERVICEFILE to the file that does"))
    }

    fn get(&self, keyword: &str) -> Option<(String, Source)> {
        self.keywords
            .iter()
            .find(|(k, _)| k == keyword)
            .map(|(_, v)| (v.clone(), self.source.clone()))
    }
}

/// The `keyword=value` lines of section `[name]`, or None where the file has no such
/// section. Blank lines and `#` comments are skipped, as in libpq.
fn section(text: &str, name: &str, path: &Path) -> Result<Option<Vec<(String, String)>>, Error> {
    let mut found: Option<Vec<(String, String)>> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            if found.is_some() {
                break;
            }
            if header.strip_suffix(']') == Some(name) {
                found = Some(Vec::new());
            }
            continue;
        }
        let Some(keywords) = found.as_mut() else {
            continue;
        };
        let bad = |why: &str| {
            Error::config(format!(
                "the PostgreSQL service file '{}', line {}: {why}",
                path.display(),
                i + 1
            ))
        };
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| bad("expected keyword=value"))?;
        let key = key.trim();
        if key == "service" {
            return Err(bad(
                "a service cannot name another service (libpq refuses it too)",
            ));
        }
        keywords.push((key.to_owned(), value.trim().to_owned()));
    }
    Ok(found)
}

fn part(name: &'static str, value: &str, source: Source) -> DbPart {
    DbPart {
        name,
        value: value.to_owned(),
        source,
    }
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The password for this connection from `PGPASSFILE`, else `~/.pgpass`: the first line
/// `host:port:database:user:password` whose fields match (`*` matches anything; `\:` and
/// `\\` escape). A file that group or others can read is ignored with a warning, as
/// libpq does.
fn password_file(
    env: &dyn Env,
    host: &str,
    port: &str,
    dbname: &str,
    user: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<(Secret, Source)>, Error> {
    let Some(path) = env
        .var("PGPASSFILE")
        .map(|p| super::home_path(p, env))
        .or_else(|| super::home_dir(env).map(|h| h.join(".pgpass")))
    else {
        return Ok(None);
    };
    if !path.is_file() {
        return Ok(None);
    }
    if open_to_others(&path) {
        warnings.push(super::secrets::exposed(
            "password file",
            &path,
            "",
            ", so it is ignored (as libpq does)",
        ));
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Error::config(format!(
            "cannot read password file '{}': {e}",
            path.display()
        ))
    })?;
    // Each host with its port (one port for all, or one each), in order: libpq looks up
    // each host's password as it tries that host; pfp sends one, the first host's that
    // the file has.
    for (host, port) in crate::values::pg::host_ports(host, port) {
        // A socket directory matches "localhost", as in libpq.
        let host = if host.starts_with('/') {
            DEFAULT_HOST
        } else {
            host
        };
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields = split_pgpass(line);
            let [h, p, d, u, password] = fields.as_slice() else {
                continue;
            };
            let matches = |field: &str, value: &str| field == "*" || field == value;
            if matches(h, host) && matches(p, port) && matches(d, dbname) && matches(u, user) {
                return Ok(Some((
                    Secret::new(password.clone()),
                    Source::Borrowed(format!("password file {} line {}", path.display(), i + 1)),
                )));
            }
        }
    }
    Ok(None)
}

/// The five fields of a password-file line; the last takes the rest of the line.
fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn run(url: &str, vars: &[(&str, &str)]) -> (PgParams, Vec<DbPart>, Vec<String>) {
        try_run(url, vars).unwrap()
    }

    fn try_run(
        url: &str,
        vars: &[(&str, &str)],
    ) -> Result<(PgParams, Vec<DbPart>, Vec<String>), Error> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let env = move |name: &str| map.get(name).cloned();
        let mut warnings = Vec::new();
        let file = FileParts {
            sslmode: None,
            sslrootcert: None,
            source: Source::Default,
        };
        let (params, parts) = complete(
            &DatabaseUrl::parse(url).unwrap(),
            &Source::Env("DATABASE_URL"),
            &env,
            &file,
            &mut warnings,
        )?
        .expect("a PostgreSQL URL");
        Ok((params, parts, warnings))
    }

    fn source_of(parts: &[DbPart], name: &str) -> String {
        parts
            .iter()
            .find(|p| p.name.strip_prefix("database.") == Some(name))
            .unwrap()
            .source
            .to_string()
    }

    /// libpq's multi-host URL: each host with its port, a port-less host at 5432, and
    /// the password file's line for the first host that has one.
    #[test]
    fn a_url_listing_hosts_connects_to_each_in_turn() {
        let dir = tempfile::tempdir().unwrap();
        let pass = dir.path().join("pgpass");
        std::fs::write(&pass, "h2:6432:db:u:second\n").unwrap();
        std::fs::set_permissions(&pass, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
        let p = pass.to_str().unwrap();
        let (params, parts, _) = run(
            "postgres://u@h1,h2:6432,[::1]/db?target_session_attrs=read-write",
            &[("PGPASSFILE", p), ("PGHOST", "other")],
        );
        assert_eq!(params.host, "h1,h2,::1");
        assert_eq!(params.port, "5432,6432,5432");
        assert_eq!(params.target(), "h1:5432,h2:6432,[::1]:5432/db");
        assert_eq!(params.password.unwrap().expose(), "second");
        assert_eq!(source_of(&parts, "host"), "env DATABASE_URL");
        assert_eq!(
            params.other,
            vec![("target_session_attrs".into(), "read-write".into())]
        );
        // Without a port in the list, PGPORT applies to every host.
        let (params, _, _) = run("postgres://u@h1,h2/db", &[("PGPORT", "7000")]);
        assert_eq!(params.target(), "h1:7000,h2:7000/db");
        let url = DatabaseUrl::parse("postgres://u:secret@h1:1,h2:2/db?password=x").unwrap();
        assert_eq!(
            url.masked(),
            "postgres://u:********@h1:1,h2:2/db?password=********"
        );
        assert!(url.has_password());
        let err = DatabaseUrl::parse("postgres://u@h1,h2:99999/db").unwrap_err();
        assert!(err.contains("'h2:99999' in 'h1,h2:99999'"), "{err}");
    }

    /// libpq's connection services: `?service=` or PGSERVICE names a section of
    /// PGSERVICEFILE, else of PGSYSCONFDIR's pg_service.conf; its keywords come after the
    /// URL's and before the variables; one that names no section is an error naming the
    /// files looked in.
    #[test]
    fn a_connection_service_fills_in_between_the_url_and_the_variables() {
        let dir = tempfile::tempdir().unwrap();
        let user_file = dir.path().join("services");
        std::fs::write(
            &user_file,
            "# ours\n[prod]\nhost = db.internal\nport=6432\ndbname=app\nconnect_timeout=3\n\n[next]\nhost=elsewhere\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("pg_service.conf"),
            "[system]\nhost=sys\nuser=sysuser\n",
        )
        .unwrap();
        let files = [
            ("PGSERVICEFILE", user_file.to_str().unwrap()),
            ("PGSYSCONFDIR", dir.path().to_str().unwrap()),
        ];
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut vars = files.to_vec();
            vars.extend_from_slice(extra);
            vars
        };
        let (params, parts, _) = run(
            "postgres:///?service=prod&user=u",
            &with(&[("PGHOST", "other"), ("PGDATABASE", "otherdb")]),
        );
        assert_eq!(params.target(), "db.internal:6432/app");
        let from = format!("service prod in {}", user_file.display());
        assert_eq!(source_of(&parts, "host"), from);
        assert_eq!(source_of(&parts, "dbname"), from);
        assert_eq!(source_of(&parts, "user"), "env DATABASE_URL");
        assert_eq!(params.other, vec![("connect_timeout".into(), "3".into())]);
        // The URL wins over the service; PGSERVICE names it where the URL does not; the
        // system's file is read where the user's has no such section.
        let (params, _, _) = run(
            "postgres:///mine?connect_timeout=9",
            &with(&[("PGSERVICE", "prod"), ("PGUSER", "u")]),
        );
        assert_eq!(params.target(), "db.internal:6432/mine");
        assert_eq!(params.other, vec![("connect_timeout".into(), "9".into())]);
        let (params, parts, _) = run("postgres://", &with(&[("PGSERVICE", "system")]));
        assert_eq!(
            (params.host.as_str(), params.user.as_str()),
            ("sys", "sysuser")
        );
        assert!(source_of(&parts, "host").ends_with("pg_service.conf"));

        let complete_with = |vars: Vec<(&str, &str)>| {
            try_run("postgres://", &vars)
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        let err = complete_with(with(&[("PGSERVICE", "nope")]));
        assert!(
            err.contains("the PostgreSQL service 'nope' is defined in none of")
                && err.contains(user_file.to_str().unwrap()),
            "{err}"
        );
        std::fs::write(&user_file, "[prod]\npassword\n").unwrap();
        let err = complete_with(with(&[("PGSERVICE", "prod")]));
        assert!(err.contains("line 2: expected keyword=value"), "{err}");
    }

    #[test]
    fn the_url_wins_and_the_variables_fill_the_rest() {
        let (params, parts, _) = run(
            "postgres://app@db.internal/prod?options=-csearch_path%3Dx",
            &[
                ("PGHOST", "other"),
                ("PGPORT", "6432"),
                ("PGPASSWORD", "pw"),
            ],
        );
        assert_eq!(params.target(), "db.internal:6432/prod");
        assert_eq!(params.user, "app");
        assert_eq!(params.password, Some(Secret::new("pw")));
        assert_eq!(params.sslmode, SslMode::Prefer);
        assert_eq!(params.application_name, "pfp");
        assert_eq!(
            params.other,
            [("options".to_owned(), "-csearch_path=x".to_owned())]
        );
        assert_eq!(source_of(&parts, "host"), "env DATABASE_URL");
        assert_eq!(source_of(&parts, "port"), "env PGPORT");
        assert_eq!(source_of(&parts, "password"), "env PGPASSWORD");

        let (params, parts, _) = run(
            "postgres://",
            &[("PGHOST", "h"), ("PGUSER", "u"), ("PGAPPNAME", "ops")],
        );
        assert_eq!(params.target(), "h:5432/u");
        assert_eq!(
            (params.user.as_str(), params.application_name.as_str()),
            ("u", "ops")
        );
        assert_eq!(params.password, None);
        assert_eq!(source_of(&parts, "dbname"), "env PGUSER");
        assert_eq!(source_of(&parts, "sslmode"), "default");
    }

    #[test]
    fn without_a_user_anywhere_it_is_the_systems_name_for_this_process_as_in_libpq() {
        // Not USER, which cron, systemd units and containers leave unset (pfp said
        // 'neither PGUSER nor USER is set' where psql connected).
        struct Svc;
        impl Env for Svc {
            fn var(&self, _: &str) -> Option<String> {
                None
            }
            fn account(&self) -> Option<super::super::Account> {
                Some(super::super::Account {
                    name: "svc".into(),
                    home: "/srv/svc".into(),
                })
            }
        }
        let (params, parts) = complete(
            &DatabaseUrl::parse("postgres://h/db").unwrap(),
            &Source::Env("DATABASE_URL"),
            &Svc,
            &FileParts {
                sslmode: None,
                sslrootcert: None,
                source: Source::Default,
            },
            &mut Vec::new(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(params.user, "svc");
        assert_eq!(source_of(&parts, "user"), "default");
        // Without a name for the uid either, the variables, else a clear refusal.
        let (params, _, _) = run("postgres://h/db", &[("USER", "x")]);
        assert_eq!(params.user, "x");
        let (params, _, _) = run("postgres://h/db", &[("PGUSER", "u"), ("USER", "x")]);
        assert_eq!(params.user, "u");
    }

    #[test]
    fn url_parameters_are_checked_one_by_one_and_gssencmode_is_understood() {
        let refused = |url: &str| {
            complete(
                &DatabaseUrl::parse(url).unwrap(),
                &Source::Env("DATABASE_URL"),
                &|_: &str| None,
                &FileParts {
                    sslmode: None,
                    sslrootcert: None,
                    source: Source::Default,
                },
                &mut Vec::new(),
            )
            .unwrap_err()
            .to_string()
        };
        // pfp never encrypts with GSSAPI, as gssencmode=disable asks (Django and
        // psycopg setups often say so); 'prefer' falls back as libpq's does.
        for mode in ["disable", "prefer"] {
            let (params, _, _) = run(
                &format!("postgres://u@h/db?gssencmode={mode}&connect_timeout=3"),
                &[],
            );
            assert_eq!(
                params.other,
                [("connect_timeout".to_owned(), "3".to_owned())]
            );
        }
        let err = refused("postgres://u@h/db?gssencmode=require");
        assert!(
            err.contains("gssencmode=require (env DATABASE_URL): pfp does not encrypt with GSSAPI"),
            "{err}"
        );
        // The parameter refused is named (it was 'invalid connection string').
        let err = refused("postgres://u@h/db?connect_timeout=3&sslcert=%2Fc.pem");
        assert!(
            err.contains(
                "the PostgreSQL URL parameter 'sslcert' (env DATABASE_URL): unknown option"
            ),
            "{err}"
        );
        let err = refused("postgres://u@h/db?keepalives=maybe");
        assert!(err.contains("'keepalives'"), "{err}");
    }

    #[test]
    fn socket_directories_and_ipv6_addresses_in_the_url_are_hosts_as_libpq_reads_them() {
        let (params, _, _) = run("postgres://root@%2Fvar%2Frun%2Fpostgresql/test", &[]);
        assert_eq!(params.host, "/var/run/postgresql");
        assert_eq!(params.target(), "/var/run/postgresql:5432/test");
        let (params, _, _) = run("postgres:///test?host=/run/pg&user=u", &[]);
        assert_eq!(params.host, "/run/pg");
        let (params, _, _) = run("postgres://u@[::1]:6432/d", &[]);
        assert_eq!(params.host, "::1");
        assert_eq!(params.target(), "[::1]:6432/d");
    }

    #[test]
    fn pgpass_lines_match_field_by_field_with_escapes() {
        assert_eq!(
            split_pgpass(r"h\:x:*:db:u:pa:ss\\"),
            ["h:x", "*", "db", "u", r"pa:ss\"]
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "# c\nother:*:*:*:no\nh:5432:*:u:yes\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let p = path.to_str().unwrap();
        let (params, parts, warnings) = run("postgres://u@h/db", &[("PGPASSFILE", p)]);
        assert_eq!(params.password, Some(Secret::new("yes")));
        assert!(source_of(&parts, "password").ends_with("line 3"));
        assert!(warnings.is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let (params, _, warnings) = run("postgres://u@h/db", &[("PGPASSFILE", p)]);
            assert_eq!(params.password, None);
            assert!(warnings[0].contains("ignored"), "{warnings:?}");
        }
    }
}
