//! S3 and HTTP failures as pfp errors: a kind (so the exit code and the retry decision
//! follow), a plain message naming the operation, and a hint where there is one to give.

use minio::s3::types::minio_error_response::MinioErrorCode;

use super::proxy::Proxy;
use crate::error::{Error, Kind, Setting};
use crate::values::Endpoint;

/// What to do about a proxy that stands between pfp and the endpoint.
fn proxy_hint(endpoint: &Endpoint) -> String {
    format!(
        "check that the proxy is running and lets pfp through to {endpoint}, or add {} to NO_PROXY to reach it directly",
        endpoint.host()
    )
}

/// A proxy's HTTP 407: it wants credentials of its own (exit 7).
fn proxy_credentials(what: &str, proxy: &Proxy, endpoint: &Endpoint) -> Error {
    Error::new(
        Kind::Config,
        format!("{what}: {proxy} asks for credentials (HTTP 407 Proxy Authentication Required)"),
    )
    .hint(format!(
        "give them in {} as {}://USER:PASSWORD@HOST:PORT, or add {} to NO_PROXY to reach {endpoint} directly",
        proxy.variable,
        proxy.address.split("://").next().unwrap_or("http"),
        endpoint.host()
    ))
}

/// The hint for anything that looks like bad credentials.
/// What to check when the server refuses the keys.
pub(super) fn credentials_hint() -> String {
    format!(
        "check {} and {} (or {}, {}, the config file)",
        Setting::AccessKey.var(),
        Setting::SecretKey.var(),
        Setting::AccessKey.name(),
        Setting::SecretKey.name()
    )
}

/// The S3 error code of a server answer, if the error is one, in lower case (minio-rs
/// lower-cases the codes it has no variant for).
pub(super) fn s3_code(err: &minio::s3::error::Error) -> Option<String> {
    use minio::s3::error::{Error as MinioError, S3ServerError};
    match err {
        MinioError::S3Server(S3ServerError::S3Error(resp)) => Some(match resp.code() {
            MinioErrorCode::OtherError(code) => code.to_ascii_lowercase(),
            other => format!("{other:?}").to_ascii_lowercase(),
        }),
        _ => None,
    }
}

/// The S3 spelling of a lower-cased error code, for messages.
fn canonical_code(lower: &str) -> &str {
    const KNOWN: [&str; 12] = [
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "NotSignedUp",
        "InvalidToken",
        "ExpiredToken",
        "AccessDenied",
        "NoSuchBucket",
        "NoSuchKey",
        "SlowDown",
        "InternalError",
        "ServiceUnavailable",
        "RequestTimeTooSkewed",
    ];
    KNOWN
        .iter()
        .find(|k| k.eq_ignore_ascii_case(lower))
        .copied()
        .unwrap_or(lower)
}

/// Transport failures: TLS (a configuration problem), timeouts and refused or broken
/// connections (retryable).
pub(super) fn classify_reqwest(e: &reqwest::Error, what: &str, endpoint: &Endpoint) -> Error {
    let cause = crate::error::root_cause(e);
    let lower = format!("{e:?}").to_ascii_lowercase();
    // pfp's own descriptors ran out (EMFILE, ENFILE): not the server's doing.
    if cause.contains("(os error 24)") || cause.contains("(os error 23)") {
        return Error::new(
            Kind::Unavailable,
            format!("{what}: cannot open a connection to {endpoint}: {cause}"),
        )
        .hint(crate::error::STARVED_HINT);
    }
    let proxy = Proxy::for_endpoint(endpoint);
    if let Some(proxy) = &proxy {
        // hyper-util's CONNECT tunnel (an https:// endpoint through an HTTP proxy), in
        // the words of its Display.
        let tunnel = cause.to_ascii_lowercase();
        if tunnel.contains("proxy authorization required") {
            return proxy_credentials(what, proxy, endpoint);
        }
        if tunnel.contains("tunnel error") {
            return Error::new(
                Kind::Unavailable,
                format!("{what}: {proxy} did not open a connection to {endpoint}: {cause}"),
            )
            .hint(proxy_hint(endpoint));
        }
    }
    // rustls meeting a plain-HTTP answer where a TLS record should be.
    let not_tls = [
        "invalidcontenttype",
        "corrupt message",
        "invalid content type",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if not_tls && endpoint.is_https() {
        return Error::new(
            Kind::Config,
            format!("{what}: the server at {endpoint} does not speak TLS on this port"),
        )
        .hint(format!(
            "use http:// in the endpoint, or {}=false",
            Setting::UseSsl.var()
        ));
    }
    let tls = ["certificate", "ssl", "tls", "handshake"]
        .iter()
        .any(|w| lower.contains(w));
    if tls && endpoint.is_https() {
        let error = Error::new(
            Kind::Config,
            format!("{what}: TLS with {endpoint} failed: {cause}"),
        );
        return match crate::error::certificate_advice(&cause) {
            Some(advice) => error.hint(advice),
            None => error.hint(format!(
                "check the server's certificate, {}, or whether the endpoint should be http://",
                Setting::CaCert.name()
            )),
        };
    }
    if e.is_timeout() {
        return match &proxy {
            Some(proxy) => Error::new(
                Kind::Unavailable,
                format!("{what}: {endpoint} timed out through {proxy}: {cause}"),
            )
            .hint(proxy_hint(endpoint)),
            None => Error::new(
                Kind::Unavailable,
                format!("{what}: {endpoint} timed out: {cause}"),
            ),
        };
    }
    if let Some(proxy) = &proxy {
        return Error::new(
            Kind::Unavailable,
            format!("{what}: cannot reach the object store at {endpoint} through {proxy}: {cause}"),
        )
        .hint(proxy_hint(endpoint));
    }
    // A TLS server meeting a plain-HTTP request closes without an HTTP answer.
    let maybe_tls = !endpoint.is_https()
        && [
            "connection closed before message completed",
            "invalid http version",
        ]
        .iter()
        .any(|w| lower.contains(w) || cause.to_ascii_lowercase().contains(w));
    Error::new(
        Kind::Unavailable,
        format!("{what}: cannot reach the object store at {endpoint}: {cause}"),
    )
    .hint(format!(
        "check that the server is running, and {} or {}{}",
        Setting::Endpoint.var(),
        Setting::Endpoint.name(),
        if maybe_tls {
            " (a server that speaks TLS on this port closes a plain-HTTP request like this: then use https:// or MINIO_USE_SSL=true)"
        } else {
            ""
        }
    ))
}

/// The transport error inside a client error, if it is one.
fn reqwest_error(err: &minio::s3::error::Error) -> Option<&reqwest::Error> {
    use minio::s3::error::{Error as MinioError, NetworkError, ValidationErr};
    match err {
        MinioError::Network(NetworkError::ReqwestError(e)) => Some(e),
        MinioError::Validation(ValidationErr::HttpError(e)) => Some(e),
        _ => None,
    }
}

/// Whether a request met a server that answered nothing HTTP can read: it closed the
/// connection at the request, or said something else (first, or in answer).
pub(super) fn unanswered(err: &minio::s3::error::Error) -> bool {
    reqwest_error(err).is_some_and(unanswered_request)
}

/// As [`unanswered`], for a plain HTTP request.
pub(super) fn unanswered_request(e: &reqwest::Error) -> bool {
    let text = format!("{e:?} {}", crate::error::root_cause(e)).to_ascii_lowercase();
    [
        "connection closed before message completed",
        "invalid http version",
        "received unexpected message",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// For a request to a plain-HTTP endpoint that got no HTTP answer ([`unanswered`]): what
/// the server there is, asked directly ([`crate::peer`]), as a configuration error (exit
/// 7: retrying meets the same server). `None` where that cannot be told: a proxy stands
/// between, or the server says nothing to either question, or answers them in HTTP.
pub(super) async fn not_http(what: &str, endpoint: &Endpoint) -> Option<Error> {
    use crate::peer;
    if endpoint.is_https() || Proxy::for_endpoint(endpoint).is_some() {
        return None;
    }
    let url = url::Url::parse(endpoint.as_str()).ok()?;
    let host = super::probe::host_of(&url);
    let port = url.port_or_known_default()?;
    // A TLS server answers the broken hello with an alert; PostgreSQL, which reads it as
    // a startup packet too long, closes without a word: then its own first question.
    let mut answer = peer::ask(&host, port, &peer::TLS_HELLO_FRAGMENT).await?;
    if answer.is_empty() {
        answer = peer::ask(&host, port, &peer::POSTGRES_SSL_REQUEST).await?;
    }
    if answer.is_empty() || answer.starts_with(b"HTTP/") {
        return None;
    }
    if peer::is_tls(&answer) {
        return Some(
            Error::config(format!(
                "{what}: the server at {endpoint} speaks TLS on this port, not plain HTTP"
            ))
            .hint(format!(
                "use https:// in the endpoint, or {}=true",
                Setting::UseSsl.var()
            )),
        );
    }
    Some(
        Error::config(format!(
            "{what}: the server at {endpoint} does not speak HTTP: it answered {}",
            peer::described(&answer)
        ))
        .hint(format!(
            "check the host and port in {} or {}: is it the S3 API's address? (MinIO's is on port 9000 unless set otherwise)",
            Setting::Endpoint.var(),
            Setting::Endpoint.name()
        )),
    )
}

/// Whether an answer is a web page: what a web server, a proxy's error page or MinIO's
/// console (port 9001, where the S3 API is on 9000) sends, and no S3 server does.
pub(super) fn is_web_page(content_type: &str) -> bool {
    content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("text/html")
}

/// Whether an answer's headers say it is a web page ([`is_web_page`]).
pub(super) fn web_page(headers: &reqwest::header::HeaderMap) -> bool {
    headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(is_web_page)
}

/// The error for an endpoint that answers like a web site, not an S3 API (exit 7: the
/// endpoint is misconfigured, and retrying would meet the same page).
pub(super) fn not_s3(what: &str, endpoint: &Endpoint, status: u16) -> Error {
    if let Some(proxy) = Proxy::for_endpoint(endpoint) {
        if status == 407 {
            return proxy_credentials(what, &proxy, endpoint);
        }
        return Error::new(
            Kind::Config,
            format!(
                "{what}: {endpoint} answered HTTP {status} with a web page through {proxy}: the proxy's own error page, or no S3 API"
            ),
        )
        .hint(format!(
            "{}; and check {} or {}: is it the S3 API's address?",
            proxy_hint(endpoint),
            Setting::Endpoint.var(),
            Setting::Endpoint.name()
        ));
    }
    Error::new(
        Kind::Config,
        format!(
            "{what}: {endpoint} answered HTTP {status} with a web page, not as an S3 API does"
        ),
    )
    .hint(format!(
        "check {} or {}: is it the S3 API's address? (MinIO's web console is usually on port 9001, its S3 API on 9000)",
        Setting::Endpoint.var(),
        Setting::Endpoint.name()
    ))
}

/// The error for a redirect (exit 7): pfp follows none, so a signed request and a PUT's
/// body go only to the endpoint configured. Where it points is named, and what to set:
/// the place it points to, when that is another server or scheme (an HTTP-to-HTTPS
/// redirect in front of the S3 API); the region, when the answer names the bucket's (AWS,
/// a bucket in another region); the S3 API's address, when it points within the same
/// server (a web site's login page).
pub(super) fn redirected(
    what: &str,
    endpoint: &Endpoint,
    headers: &reqwest::header::HeaderMap,
) -> Error {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    if let Some(region) = header("x-amz-bucket-region") {
        return Error::config(format!(
            "{what}: the server at {endpoint} redirects: the bucket is in region '{}'",
            crate::values::printable(region)
        ))
        .hint(format!(
            "set the region to the bucket's ({} or {})",
            Setting::Region.name(),
            Setting::Region.var()
        ));
    }
    let check = format!(
        "check {} or {}: is it the S3 API's address?",
        Setting::Endpoint.var(),
        Setting::Endpoint.name()
    );
    let Some(mut target) = header("location").and_then(|l| endpoint.resolve(l)) else {
        return Error::config(format!(
            "{what}: the server at {endpoint} redirects without saying where, and pfp follows no redirect"
        ))
        .hint(check);
    };
    // The query is pfp's own request's (a listing's parameters), noise in the message.
    target.set_query(None);
    target.set_fragment(None);
    let mut shown = crate::values::printable(target.as_str());
    if shown.chars().count() > 200 {
        shown = shown.chars().take(200).collect::<String>() + "…";
    }
    let origin = target.origin().ascii_serialization();
    let message = format!(
        "{what}: the server at {endpoint} redirects to {shown}, and pfp follows no redirect"
    );
    // Within the same server, or to no web address at all (`mailto:`, an opaque origin
    // whose serialisation is "null"): nothing to set the endpoint to.
    if origin == endpoint.as_str() || !matches!(target.scheme(), "http" | "https") {
        return Error::config(message).hint(format!(
            "{check} (a web site or a console redirects so; MinIO's S3 API is on port 9000 unless set otherwise)"
        ));
    }
    Error::config(message).hint(format!(
        "if the S3 API is there, set {} or {} to {}",
        Setting::Endpoint.var(),
        Setting::Endpoint.name(),
        crate::values::printable(&origin)
    ))
}

pub(super) fn classify(err: minio::s3::error::Error, what: &str, endpoint: &Endpoint) -> Error {
    use minio::s3::error::{Error as MinioError, NetworkError, S3ServerError};

    if let MinioError::S3Server(S3ServerError::S3Error(resp)) = &err
        && matches!(
            resp.code(),
            MinioErrorCode::PermanentRedirect | MinioErrorCode::Redirect
        )
    {
        return redirected(what, endpoint, resp.headers());
    }

    if let MinioError::S3Server(S3ServerError::InvalidServerResponse {
        http_status_code,
        content_type,
        ..
    }) = &err
        && is_web_page(content_type)
    {
        return not_s3(what, endpoint, *http_status_code);
    }

    if let Some(e) = reqwest_error(&err) {
        return classify_reqwest(e, what, endpoint);
    }

    if let MinioError::S3Server(S3ServerError::InvalidServerResponse {
        http_status_code: 407,
        ..
    })
    | MinioError::Network(NetworkError::ServerError(407)) = &err
        && let Some(proxy) = Proxy::for_endpoint(endpoint)
    {
        return proxy_credentials(what, &proxy, endpoint);
    }

    if let MinioError::Network(NetworkError::ServerError(status)) = &err {
        let kind = if *status >= 500 {
            Kind::Unavailable
        } else if *status == 403 || *status == 401 {
            Kind::Denied
        } else {
            Kind::Internal
        };
        return Error::new(kind, format!("{what}: the server answered HTTP {status}"));
    }

    if let Some(code) = s3_code(&err) {
        let message = match &err {
            MinioError::S3Server(S3ServerError::S3Error(resp)) => {
                resp.message().clone().unwrap_or_default()
            }
            _ => String::new(),
        };
        return from_code(&code, what, &detail(&code, &message));
    }

    if let MinioError::S3Server(S3ServerError::HttpError(status, _)) = &err {
        let kind = if *status >= 500 {
            Kind::Unavailable
        } else {
            Kind::Internal
        };
        return Error::new(kind, format!("{what}: the server answered HTTP {status}"));
    }

    Error::new(Kind::Internal, format!("{what}: {err}"))
}

/// An S3 error answer's code (lower-cased) and message as shown: the code as the server
/// spells it, and the message where there is one.
fn detail(code: &str, message: &str) -> String {
    let name = canonical_code(code);
    if message.is_empty() && code == "internalerror" {
        // s3s-fs on a full disk, Ceph RGW (whose messages are empty): only the server's
        // own log says what failed.
        format!("{name}, with no message (the server's log says what failed)")
    } else if message.is_empty() {
        name.to_owned()
    } else {
        format!("{name}: {message}")
    }
}

/// An S3 error answer (`code` lower-cased, `detail` the code and message as shown).
fn from_code(code: &str, what: &str, detail: &str) -> Error {
    match code {
            "invalidaccesskeyid"
            | "signaturedoesnotmatch"
            | "notsignedup"
            | "invalidtoken"
            | "expiredtoken"
            | "invalidsecurity" => Error::new(
                Kind::Denied,
                format!("{what}: the server refused the credentials ({detail})"),
            )
            .hint(credentials_hint()),
            // Keys the server knows (those it does not are refused above): a policy that
            // does not grant this operation, or another account's keys.
            "accessdenied" => Error::new(Kind::Denied, format!("{what}: access denied")).hint(format!(
                "the keys' policy does not allow it, or they are not the keys meant: {}",
                credentials_hint()
            )),
            "nosuchbucket" => {
                Error::new(Kind::NotFound, format!("{what}: the bucket does not exist"))
                    .hint("run 'pfp bucket init'")
            }
            "nosuchkey" => Error::new(Kind::NotFound, format!("{what}: the object does not exist")),
            "requesttimetooskewed" => Error::new(Kind::Config, format!("{what}: {detail}"))
                .hint("this machine's clock differs from the server's by more than 15 minutes"),
            "slowdown" | "internalerror" | "serviceunavailable" | "requesttimeout"
            // MinIO still starting, or its disks or the bucket's quota full: retry once
            // mended, as a full disk under the database (not "a bug in pfp").
            | "xminioservernotinitialized"
            | "xminiostoragefull"
            | "xminioadminbucketquotaexceeded"
            | "quotaexceeded" => Error::new(Kind::Unavailable, format!("{what}: {detail}")),
            // AWS answers a request signed for another region so: the configuration.
            "authorizationheadermalformed" | "illegallocationconstraintexception" => {
                Error::new(Kind::Config, format!("{what}: {detail}")).hint(format!(
                    "check the region ({}, {}): it must be the bucket's",
                    Setting::Region.name(),
                    Setting::Region.var()
                ))
            }
            _ => Error::new(Kind::Internal, format!("{what}: {detail}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_servers_trouble_is_retryable_and_a_wrong_region_is_configuration() {
        for code in [
            "xminiostoragefull",
            "quotaexceeded",
            "xminioservernotinitialized",
        ] {
            assert_eq!(
                from_code(code, "uploading", code).kind(),
                Kind::Unavailable,
                "{code}"
            );
        }
        let wrong_region = from_code(
            "authorizationheadermalformed",
            "checking bucket 'demo'",
            "AuthorizationHeaderMalformed: the region 'us-east-1' is wrong; expecting 'eu-west-1'",
        );
        assert_eq!(wrong_region.kind(), Kind::Config);
        assert!(
            wrong_region.to_string().contains("check the region"),
            "{wrong_region}"
        );
        assert_eq!(
            from_code("somethingnew", "x", "SomethingNew").kind(),
            Kind::Internal
        );
    }

    /// A redirect names where it points, and the endpoint to set only where that is
    /// another web server: not within the same one, not to another kind of address.
    #[test]
    fn a_redirect_names_the_endpoint_to_set_only_for_another_web_server() {
        let endpoint = Endpoint::parse("http://s3.example.com", None).unwrap();
        let said = |location: Option<&str>| {
            let mut headers = reqwest::header::HeaderMap::new();
            if let Some(location) = location {
                headers.insert("location", location.parse().unwrap());
            }
            let err = redirected("checking bucket 'demo'", &endpoint, &headers);
            assert_eq!(err.kind(), Kind::Config, "{err}");
            err.to_string()
        };
        let https = said(Some("https://s3.example.com/demo?list-type=2"));
        assert!(
            https.contains("redirects to https://s3.example.com/demo, and pfp follows no redirect")
                && https.ends_with("set MINIO_ENDPOINT or --endpoint to https://s3.example.com"),
            "{https}"
        );
        for location in ["/login", "mailto:ops@example.com"] {
            let err = said(Some(location));
            assert!(
                err.contains("check MINIO_ENDPOINT or --endpoint: is it the S3 API's address?")
                    && !err.contains("set MINIO_ENDPOINT"),
                "{location}: {err}"
            );
        }
        assert!(said(None).contains("redirects without saying where"));
    }

    /// A server's failure without a message (s3s-fs on a full disk answered a bare
    /// `InternalError`, as Ceph RGW answers every error) says where the reason is.
    #[test]
    fn an_internal_error_without_a_message_points_at_the_servers_log() {
        assert_eq!(
            detail("internalerror", ""),
            "InternalError, with no message (the server's log says what failed)"
        );
        assert_eq!(
            detail("internalerror", "We encountered an internal error"),
            "InternalError: We encountered an internal error"
        );
        assert_eq!(detail("slowdown", ""), "SlowDown");
    }
}
