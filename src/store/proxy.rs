//! The proxy between pfp and the endpoint, as the environment sets it: the one reqwest
//! sends requests through (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, and
//! their lower-case spellings, as curl and the AWS CLI read them), except for a loopback
//! endpoint, which pfp always reaches directly, as mc (Go's `net/http`) does: a
//! corporate proxy in a laptop's environment cannot reach the MinIO on its loopback.
//! Named in errors, so that a proxy that is down is not taken for the S3 server.

use hyper_util::client::proxy::matcher::Matcher;

use crate::values::Endpoint;

/// The proxy that requests to an endpoint go through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proxy {
    /// `scheme://host:port`: never the credentials the variable may hold.
    pub address: String,
    /// The variable it comes from (`HTTPS_PROXY`, `http_proxy`, `ALL_PROXY`...).
    pub variable: &'static str,
}

impl std::fmt::Display for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the proxy {} ({})", self.address, self.variable)
    }
}

/// Whether requests to `endpoint` bypass the environment's proxies (a loopback host).
pub fn direct(endpoint: &Endpoint) -> bool {
    endpoint.is_loopback()
}

impl Proxy {
    /// The proxy requests to `endpoint` go through, if any: what reqwest's matcher picks
    /// (the scheme's own variable, else `ALL_PROXY`; none where `NO_PROXY` matches the
    /// host or under CGI, where `REQUEST_METHOD` is set), the first spelling of each
    /// variable that is set, as reqwest takes it.
    pub fn for_endpoint(endpoint: &Endpoint) -> Option<Proxy> {
        if direct(endpoint) || std::env::var_os("REQUEST_METHOD").is_some() {
            return None;
        }
        let uri: http::Uri = endpoint.as_str().parse().ok()?;
        let first = |names: [&'static str; 2]| {
            names
                .into_iter()
                .find_map(|n| std::env::var(n).ok().map(|v| (n, v)))
        };
        let own = if endpoint.is_https() {
            first(["HTTPS_PROXY", "https_proxy"])
        } else {
            first(["HTTP_PROXY", "http_proxy"])
        };
        let no = first(["NO_PROXY", "no_proxy"]).map(|(_, v)| v);
        own.into_iter()
            .chain(first(["ALL_PROXY", "all_proxy"]))
            .find_map(|(variable, value)| {
                let matcher = Matcher::builder()
                    .http(value.as_str())
                    .https(value.as_str())
                    .no(no.clone().unwrap_or_default())
                    .build();
                let intercept = matcher.intercept(&uri)?;
                let proxy = intercept.uri();
                Some(Proxy {
                    address: format!(
                        "{}://{}",
                        proxy.scheme_str().unwrap_or("http"),
                        proxy.authority()?
                    ),
                    variable,
                })
            })
    }
}
