//! libpq's `postgres://` URLs as `url::Url` reads them. libpq's URL may list several
//! hosts in its authority (`postgres://USER@h1:5432,h2:5433/db`: how a client finds the
//! primary among replicas with `target_session_attrs=read-write`), which `url::Url`
//! refuses ("invalid port number"): the URL is read with its first host alone, and the
//! list is kept beside it.

use super::printable;

/// A `postgres://` URL, read.
pub struct PgUrl {
    /// The URL; with a list of hosts, its first host alone.
    pub url: url::Url,
    pub hosts: Option<HostList>,
}

/// The hosts a URL's authority lists.
#[derive(Debug, PartialEq, Eq)]
pub struct HostList {
    /// As written, to show the URL again.
    pub written: String,
    /// The hosts, comma-separated, as `?host=` would give them: percent-decoded, IPv6
    /// addresses without their brackets; empty where the authority names a user and no
    /// host (`postgres://USER@/db`).
    pub hosts: String,
    /// One port per host, comma-separated (5432 where a host names none, as in libpq),
    /// or None where no host names one (PGPORT or the default then applies to all).
    pub ports: Option<String>,
}

impl PgUrl {
    pub fn parse(text: &str) -> Result<PgUrl, String> {
        let read = |t: &str| url::Url::parse(t).map_err(|e| format!("not a valid URL: {e}"));
        let Some((scheme, rest)) = text.split_once("://") else {
            return read(text).map(|url| PgUrl { url, hosts: None });
        };
        let (start, end) = host_span(rest);
        let written = &rest[start..end];
        if written.is_empty() && start > 0 {
            // `postgres://USER@/db`: a user and no host (libpq's default host then, or
            // PGHOST), which url::Url refuses ("empty host"): read with a stand-in host.
            let url = read(&format!(
                "{scheme}://{}localhost{}",
                &rest[..start],
                &rest[end..]
            ))?;
            return Ok(PgUrl {
                url,
                hosts: Some(HostList {
                    written: String::new(),
                    hosts: String::new(),
                    ports: None,
                }),
            });
        }
        if !written.contains(',') {
            return read(text).map(|url| PgUrl { url, hosts: None });
        }
        let mut hosts = Vec::new();
        let mut ports = Vec::new();
        for entry in written.split(',') {
            let bad = |why: &str| {
                format!(
                    "the host '{}' in '{}': {why}",
                    printable(entry),
                    printable(written)
                )
            };
            let (host, port) = match entry.strip_prefix('[') {
                Some(v6) => {
                    let (address, after) =
                        v6.split_once(']').ok_or_else(|| bad("no closing ']'"))?;
                    let port = match after {
                        "" => None,
                        _ => Some(
                            after
                                .strip_prefix(':')
                                .ok_or_else(|| bad("expected ':PORT' after ']'"))?,
                        ),
                    };
                    (address.to_owned(), port)
                }
                None => match entry.rsplit_once(':') {
                    Some((host, port)) => (decode(host), Some(port)),
                    None => (decode(entry), None),
                },
            };
            if host.is_empty() {
                return Err(bad("no host name"));
            }
            if let Some(port) = port
                && !port.parse::<u16>().is_ok_and(|p| p > 0)
            {
                return Err(bad("the port is not 1 to 65535"));
            }
            hosts.push(host);
            ports.push(port);
        }
        let first = written.split(',').next().unwrap_or_default();
        let url = read(&format!(
            "{scheme}://{}{first}{}",
            &rest[..start],
            &rest[end..]
        ))?;
        let ports = ports.iter().any(Option::is_some).then(|| {
            ports
                .iter()
                .map(|p| p.unwrap_or("5432"))
                .collect::<Vec<_>>()
                .join(",")
        });
        Ok(PgUrl {
            url,
            hosts: Some(HostList {
                written: written.to_owned(),
                hosts: hosts.join(","),
                ports,
            }),
        })
    }

    /// The URL as text, its hosts all there as written.
    pub fn shown(&self) -> String {
        let text = self.url.to_string();
        let Some(list) = &self.hosts else {
            return text;
        };
        let Some((scheme, rest)) = text.split_once("://") else {
            return text;
        };
        let (start, end) = host_span(rest);
        format!(
            "{scheme}://{}{}{}",
            &rest[..start],
            list.written,
            &rest[end..]
        )
    }
}

/// Where the host (or hosts) and port are in what follows `scheme://`: after any
/// `USER:PASSWORD@`, up to the path, query or fragment.
fn host_span(rest: &str) -> (usize, usize) {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let start = rest[..end].rfind('@').map_or(0, |at| at + 1);
    (start, end)
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_host_is_read_as_url_reads_it() {
        let u = PgUrl::parse("postgres://u:p@db:5433/app?sslmode=require").unwrap();
        assert_eq!(u.hosts, None);
        assert_eq!(u.url.port(), Some(5433));
        assert_eq!(u.shown(), "postgres://u:p@db:5433/app?sslmode=require");
    }

    #[test]
    fn a_list_of_hosts_is_read_with_each_port_and_shown_as_written() {
        let u = PgUrl::parse(
            "postgresql://u:p%40ss@h1:5432,[::1]:5433,%2Frun%2Fpg/app?target_session_attrs=read-write",
        )
        .unwrap();
        let list = u.hosts.as_ref().unwrap();
        assert_eq!(list.hosts, "h1,::1,/run/pg");
        assert_eq!(list.ports.as_deref(), Some("5432,5433,5432"));
        assert_eq!(u.url.username(), "u");
        assert_eq!(u.url.password(), Some("p%40ss"));
        assert_eq!(u.url.path(), "/app");
        assert_eq!(u.url.query(), Some("target_session_attrs=read-write"));
        assert_eq!(
            u.shown(),
            "postgresql://u:p%40ss@h1:5432,[::1]:5433,%2Frun%2Fpg/app?target_session_attrs=read-write"
        );
        let u = PgUrl::parse("postgres://u:p@/app?host=/run/pg").unwrap();
        assert_eq!(u.hosts.as_ref().unwrap().hosts, "");
        assert_eq!((u.url.username(), u.url.path()), ("u", "/app"));
        assert_eq!(u.shown(), "postgres://u:p@/app?host=/run/pg");
        let u = PgUrl::parse("postgres://a,b/app").unwrap();
        let list = u.hosts.unwrap();
        assert_eq!((list.hosts.as_str(), list.ports), ("a,b", None));
    }

    #[test]
    fn a_bad_entry_in_the_list_is_named() {
        for (url, why) in [
            (
                "postgres://a:1,b:0/x",
                "'b:0' in 'a:1,b:0': the port is not 1 to 65535",
            ),
            ("postgres://a,,b/x", "'' in 'a,,b': no host name"),
            ("postgres://a,[::1/x", "'[::1' in 'a,[::1': no closing ']'"),
            (
                "postgres://a,b:x/x",
                "'b:x' in 'a,b:x': the port is not 1 to 65535",
            ),
        ] {
            let err = PgUrl::parse(url).err().unwrap();
            assert!(err.contains(why), "{url}: {err}");
        }
    }
}
