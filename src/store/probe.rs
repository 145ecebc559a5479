//! Reaching the endpoint before any S3 call (`doctor`): DNS, then TCP, each one attempt
//! under the retry policy's per-attempt timeout (the one home of timeouts), so a host
//! that does not resolve or a port nobody listens on is told apart from a refused key.

use std::net::SocketAddr;

use super::proxy::Proxy;
use super::retry::RetryPolicy;
use crate::error::{Error, Kind};
use crate::values::Endpoint;

/// The first address of `endpoint`'s host that accepts a TCP connection attempt.
pub async fn reach(endpoint: &Endpoint, policy: &RetryPolicy) -> Result<SocketAddr, Error> {
    let url = url::Url::parse(endpoint.as_str()).map_err(|e| Error::config(e.to_string()))?;
    let host = host_of(&url);
    let port = url.port_or_known_default().unwrap_or(9000);
    reach_host(&host, port, "", "the endpoint", policy).await
}

/// The host of `url` as a name or address to connect to: an IPv6 address without the
/// brackets a URL writes it in (`http://[::1]:9000`), which no resolver takes.
pub(super) fn host_of(url: &url::Url) -> String {
    match url.host() {
        Some(url::Host::Ipv6(address)) => address.to_string(),
        Some(host) => host.to_string(),
        None => String::new(),
    }
}

/// The first address of the proxy requests to the endpoint go through that accepts a TCP
/// connection attempt: with a proxy, pfp never connects to the endpoint's host itself.
pub async fn reach_proxy(proxy: &Proxy, policy: &RetryPolicy) -> Result<SocketAddr, Error> {
    let url = url::Url::parse(&proxy.address).map_err(|e| Error::config(e.to_string()))?;
    let host = host_of(&url);
    // A SOCKS proxy's port, where the variable gives none, as curl assumes.
    let port = url.port_or_known_default().unwrap_or(1080);
    reach_host(&host, port, &format!("{proxy}: "), proxy.variable, policy).await
}

/// The first address of `host` that accepts a TCP connection attempt; `prefix` starts
/// the messages, and `source` names the setting the host comes from, for the hints.
async fn reach_host(
    host: &str,
    port: u16,
    prefix: &str,
    source: &str,
    policy: &RetryPolicy,
) -> Result<SocketAddr, Error> {
    let host = host.to_owned();
    // One attempt each: a diagnosis reports what it saw rather than retrying past it.
    let once = RetryPolicy {
        retries: 0,
        deadline: None,
        ..*policy
    };
    let addrs: Vec<SocketAddr> = once
        .run(&format!("DNS lookup of '{host}'"), || async {
            tokio::net::lookup_host((host.as_str(), port))
                .await
                .map(Iterator::collect)
                .map_err(|e| {
                    Error::new(
                        Kind::Unavailable,
                        format!("{prefix}DNS lookup of '{host}' failed: {e}"),
                    )
                    .hint(format!("check the host name in {source}"))
                })
        })
        .await?;
    let addr = addrs.first().copied().ok_or_else(|| {
        Error::new(
            Kind::Unavailable,
            format!("{prefix}'{host}' has no address"),
        )
    })?;
    once.run(&format!("TCP connection to {addr}"), || async {
        tokio::net::TcpStream::connect(addr).await.map_err(|e| {
            Error::new(
                Kind::Unavailable,
                format!("{prefix}TCP connection to {addr} failed: {e}"),
            )
            .hint(format!(
                "check that the {} is running and the port in {source}",
                if prefix.is_empty() { "server" } else { "proxy" }
            ))
        })
    })
    .await?;
    Ok(addr)
}
