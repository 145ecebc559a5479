//! The object store. Every request to S3 goes through here, wrapped in the one retry loop
//! ([`retry`]) with a per-request timeout: minio-rs has neither of its own. Errors from the
//! client are classified into pfp's kinds in [`classify`], so that exit codes are decided
//! in one place.

pub mod presign;
pub mod probe;
pub mod retry;

use std::fmt;

use minio::s3::MinioClient;
use minio::s3::client::MinioClientBuilder;
use minio::s3::creds::{Credentials, Provider};
use minio::s3::http::BaseUrl;
use minio::s3::types::S3Api;
use minio::s3::types::minio_error_response::MinioErrorCode;

pub use crate::values::BucketName;
pub use retry::RetryPolicy;

use crate::error::{Error, Kind};
use crate::values::{Endpoint, Secret};

/// One object to store.
pub struct ObjectToPut<'a> {
    pub key: &'a str,
    pub bytes: &'a [u8],
    pub content_type: &'a str,
    pub cache_control: &'a str,
    /// Names without the `x-amz-meta-` prefix.
    pub metadata: Vec<(&'static str, String)>,
}

/// Stored pictures never change under their key, so caches may keep them for a year.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Keys per listing request: S3's maximum.
const LIST_PAGE: u16 = 1000;

/// One page of a listing (see [`Store::list_page`]).
#[derive(Debug, Default)]
pub struct ListPage {
    pub objects: Vec<(String, Option<std::time::SystemTime>)>,
    /// The continuation token of the next page; None after the last.
    pub next: Option<String>,
}

/// Whether a bucket is there for us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BucketState {
    Exists,
    Missing,
}

/// What the store needs to connect: resolved by `settings`, so this layer never sees
/// flags, the environment or the config file.
#[derive(Clone, Debug)]
pub struct StoreConfig {
    pub endpoint: Endpoint,
    pub access_key: String,
    pub secret_key: Secret,
    /// A temporary credential's session token, sent as X-Amz-Security-Token.
    pub session_token: Option<Secret>,
    pub region: String,
    /// Extra trusted roots, on top of the system's.
    pub ca_cert: Option<std::path::PathBuf>,
    /// Skip TLS verification (`--insecure`).
    pub insecure: bool,
    pub retries: u32,
    /// Per-request timeout; also bounds the retry loop's waits.
    pub timeout: std::time::Duration,
}

/// A connection to the object store (no request is made until an operation runs).
pub struct Store {
    client: MinioClient,
    /// Plain HTTP(S) with the same trust settings, for what is not an S3 call (doctor);
    /// built on first use, since building a TLS client costs a CA-bundle parse.
    http: tokio::sync::OnceCell<reqwest::Client>,
    ca_cert: Option<std::path::PathBuf>,
    insecure: bool,
    timeout: std::time::Duration,
    endpoint: Endpoint,
    policy: RetryPolicy,
}

impl fmt::Debug for Store {
    // The client's own Debug would print its credential provider; ours names the endpoint only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("endpoint", &self.endpoint.as_str())
            .finish_non_exhaustive()
    }
}

/// Credentials for signing, whose Debug output never shows the secret.
struct MaskedCredentials {
    access_key: String,
    secret_key: Secret,
    session_token: Option<Secret>,
}

impl fmt::Debug for MaskedCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &self.secret_key)
            .field("session_token", &self.session_token)
            .finish()
    }
}

impl Provider for MaskedCredentials {
    fn fetch(&self) -> Credentials {
        Credentials {
            access_key: self.access_key.clone(),
            secret_key: self.secret_key.expose().to_owned(),
            session_token: self.session_token.as_ref().map(|t| t.expose().to_owned()),
        }
    }
}

/// The hint for anything that looks like bad credentials.
const CREDENTIALS_HINT: &str = "check MINIO_ACCESS_KEY and MINIO_SECRET_KEY (or --access-key, --secret-key-file, the config file)";

impl Store {
    /// Builds the client. Makes no request.
    pub fn connect(config: &StoreConfig) -> Result<Store, Error> {
        let endpoint = config.endpoint.clone();
        let mut base_url: BaseUrl = endpoint
            .as_str()
            .parse()
            .map_err(|e| Error::config(format!("endpoint '{endpoint}' is not usable: {e}")))?;
        // The region is always explicit, so the client never asks the server for a
        // bucket's location (presigning then needs no network at all).
        base_url.region = minio::s3::types::Region::new(&config.region)
            .map_err(|e| Error::config(format!("invalid region '{}': {e}", config.region)))?;
        let client = MinioClientBuilder::new(base_url)
            .provider(Some(MaskedCredentials {
                access_key: config.access_key.clone(),
                secret_key: config.secret_key.clone(),
                session_token: config.session_token.clone(),
            }))
            .ssl_cert_file(config.ca_cert.as_deref())
            .ignore_cert_check(config.insecure.then_some(true))
            .app_info(Some(("pfp".into(), env!("CARGO_PKG_VERSION").into())))
            .build()
            .map_err(|e| match &config.ca_cert {
                Some(ca) => {
                    Error::config(format!("cannot use CA certificate '{}': {e}", ca.display()))
                }
                None => Error::config(format!("cannot set up the S3 client: {e}")),
            })?;
        Ok(Store {
            client,
            http: tokio::sync::OnceCell::new(),
            ca_cert: config.ca_cert.clone(),
            insecure: config.insecure,
            timeout: config.timeout,
            endpoint,
            policy: RetryPolicy::new(config.retries, config.timeout),
        })
    }

    /// The retry policy that operations use by default.
    pub fn policy(&self) -> RetryPolicy {
        self.policy
    }

    /// Whether `bucket` exists and is ours. A bucket that answers 403 is not a success:
    /// it either belongs to someone else or our credentials are wrong, and a second request
    /// (which, unlike HEAD, gets an error body) tells which.
    pub async fn bucket_state(
        &self,
        bucket: &BucketName,
        policy: RetryPolicy,
    ) -> Result<BucketState, Error> {
        let what = format!("checking bucket '{bucket}'");
        let head = policy
            .run(&what, || async {
                self.client
                    .bucket_exists(bucket.as_str())
                    .map_err(|e| self.classify(e.into(), &what))?
                    .build()
                    .send()
                    .await
                    .map_err(|e| self.classify(e, &what))
            })
            .await;
        match head {
            Ok(resp) if resp.exists() => Ok(BucketState::Exists),
            Ok(_) => Ok(BucketState::Missing),
            Err(err) if err.kind() == Kind::Denied => {
                self.check_credentials(policy).await?;
                Err(Error::new(
                    Kind::Denied,
                    format!(
                        "bucket '{bucket}' exists but access is denied: it belongs to another account or a policy forbids it"
                    ),
                )
                .hint("choose another name with --bucket or MINIO_BUCKET_NAME"))
            }
            Err(err) => Err(err),
        }
    }

    /// Fails with "not found" (exit 3) unless the bucket exists: pfp never creates
    /// buckets implicitly (and some servers would, on the first PUT).
    pub async fn require_bucket(&self, bucket: &BucketName) -> Result<(), Error> {
        match self.bucket_state(bucket, self.policy).await? {
            BucketState::Exists => Ok(()),
            BucketState::Missing => Err(Error::not_found(format!(
                "bucket '{bucket}' does not exist"
            ))
            .hint("run 'pfp bucket init' to create it")),
        }
    }

    /// Creates `bucket`; returns false if it turned out to exist already (a race with
    /// another `bucket init`), and an error if someone else owns it.
    pub async fn create_bucket(
        &self,
        bucket: &BucketName,
        policy: RetryPolicy,
    ) -> Result<bool, Error> {
        let what = format!("creating bucket '{bucket}'");
        let created = policy
            .run(&what, || async {
                let sent = self
                    .client
                    .create_bucket(bucket.as_str())
                    .map_err(|e| self.classify(e.into(), &what))?
                    .build()
                    .send()
                    .await;
                match sent {
                    Ok(_) => Ok(true),
                    Err(e) if s3_code(&e).as_deref() == Some("bucketalreadyownedbyyou") => {
                        Ok(false)
                    }
                    Err(e) if s3_code(&e).as_deref() == Some("bucketalreadyexists") => Ok(false),
                    Err(e) => Err(self.classify(e, &what)),
                }
            })
            .await?;
        if !created {
            // "Already exists" from S3 may mean another account's bucket: look again.
            match self.bucket_state(bucket, policy).await? {
                BucketState::Exists => {}
                BucketState::Missing => {
                    return Err(Error::new(
                        Kind::Denied,
                        format!("bucket '{bucket}' already exists and belongs to another account"),
                    )
                    .hint("choose another name with --bucket or MINIO_BUCKET_NAME"));
                }
            }
        }
        Ok(created)
    }

    /// Stores one object with its Content-Type, `Cache-Control` and `x-amz-meta-*`
    /// metadata. Safe to retry: the same key always gets the same bytes.
    pub async fn put(&self, bucket: &BucketName, object: &ObjectToPut<'_>) -> Result<(), Error> {
        let what = format!("uploading '{}' to bucket '{bucket}'", object.key);
        let mut headers = minio::s3::multimap_ext::Multimap::new();
        headers.insert("Cache-Control".to_owned(), object.cache_control.to_owned());
        let mut metadata = minio::s3::multimap_ext::Multimap::new();
        for (name, value) in &object.metadata {
            metadata.insert(
                format!("x-amz-meta-{name}"),
                crate::values::encoding::header_value(value),
            );
        }
        self.policy
            .run(&what, || async {
                self.client
                    .put_object_content(bucket.as_str(), object.key, object.bytes.to_vec())
                    .map_err(|e| self.classify(e.into(), &what))?
                    .content_type(object.content_type.to_owned())
                    .extra_headers(Some(headers.clone()))
                    .user_metadata(Some(metadata.clone()))
                    .build()
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|e| self.classify(e, &what))
            })
            .await
    }

    /// Whether an object exists (HEAD).
    pub async fn exists(&self, bucket: &BucketName, key: &str) -> Result<bool, Error> {
        Ok(self.size_of(bucket, key).await?.is_some())
    }

    /// An object's size (HEAD), or None when it is not there.
    pub async fn size_of(&self, bucket: &BucketName, key: &str) -> Result<Option<u64>, Error> {
        let what = format!("checking object '{key}' in bucket '{bucket}'");
        self.policy
            .run(&what, || async {
                let sent = self
                    .client
                    .stat_object(bucket.as_str(), key)
                    .map_err(|e| self.classify(e.into(), &what))?
                    .build()
                    .send()
                    .await;
                match sent {
                    Ok(stat) => Ok(Some(stat.size().unwrap_or(u64::MAX))),
                    Err(e) if s3_code(&e).as_deref() == Some("nosuchkey") => Ok(None),
                    Err(e) => Err(self.classify(e, &what)),
                }
            })
            .await
    }

    /// An object's bytes, read only up to `limit`: more is `Some(Err(bytes seen))`, so
    /// an object that grew since its HEAD (or a lying Content-Length) never sits in
    /// memory beyond the limit. None when it is not there.
    pub async fn get_limited(
        &self,
        bucket: &BucketName,
        key: &str,
        limit: u64,
    ) -> Result<Option<Result<Vec<u8>, u64>>, Error> {
        use futures_util::StreamExt as _;
        let what = format!("reading '{key}' from bucket '{bucket}'");
        self.policy
            .run(&what, || async {
                let sent = self
                    .client
                    .get_object(bucket.as_str(), key)
                    .map_err(|e| self.classify(e.into(), &what))?
                    .build()
                    .send()
                    .await;
                let response = match sent {
                    Ok(response) => response,
                    Err(e) if s3_code(&e).as_deref() == Some("nosuchkey") => return Ok(None),
                    Err(e) => return Err(self.classify(e, &what)),
                };
                let (mut stream, length) = response
                    .into_boxed_stream()
                    .map_err(|e| self.classify(e, &what))?;
                if length > limit {
                    return Ok(Some(Err(length)));
                }
                let mut bytes = Vec::with_capacity(length as usize);
                while let Some(chunk) = stream.next().await {
                    let chunk =
                        chunk.map_err(|e| Error::new(Kind::Unavailable, format!("{what}: {e}")))?;
                    if (bytes.len() + chunk.len()) as u64 > limit {
                        return Ok(Some(Err((bytes.len() + chunk.len()) as u64)));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(Some(Ok(bytes)))
            })
            .await
    }

    /// Deletes an object; deleting one that is already gone is not an error.
    pub async fn delete(&self, bucket: &BucketName, key: &str) -> Result<(), Error> {
        let what = format!("deleting '{key}' from bucket '{bucket}'");
        self.policy
            .run(&what, || async {
                let sent = self
                    .client
                    .delete_object(bucket.as_str(), key)
                    .map_err(|e| self.classify(e.into(), &what))?
                    .build()
                    .send()
                    .await;
                match sent {
                    Ok(_) => Ok(()),
                    Err(e) if s3_code(&e).as_deref() == Some("nosuchkey") => Ok(()),
                    Err(e) => Err(self.classify(e, &what)),
                }
            })
            .await
    }

    /// One page of a recursive listing under `prefix` (ListObjectsV2, at most 1,000 keys,
    /// in key order, as `mc ls --recursive` and `rclone lsf -R` list): the objects with
    /// their last-modified times, and the token of the next page (None after the last).
    /// `token` is the previous page's; None starts at the beginning. Each page is one
    /// request, retried on its own.
    pub async fn list_page(
        &self,
        bucket: &BucketName,
        prefix: &str,
        token: Option<&str>,
    ) -> Result<ListPage, Error> {
        use futures_util::StreamExt as _;
        use minio::s3::types::ToStream as _;
        let what = format!("listing '{prefix}' in bucket '{bucket}'");
        self.policy
            .run(&what, || async {
                let mut stream = self
                    .client
                    .list_objects(bucket.as_str())
                    .map_err(|e| self.classify(e.into(), &what))?
                    .prefix(Some(prefix.to_owned()))
                    .recursive(true)
                    .max_keys(Some(LIST_PAGE))
                    .continuation_token(token.map(str::to_owned))
                    .build()
                    .to_stream()
                    .await;
                let Some(page) = stream.next().await else {
                    return Ok(ListPage::default());
                };
                let page = page.map_err(|e| self.classify(e, &what))?;
                Ok(ListPage {
                    objects: page
                        .contents
                        .into_iter()
                        .filter(|e| !e.is_prefix)
                        .map(|e| (e.name, e.last_modified.map(std::time::SystemTime::from)))
                        .collect(),
                    next: page
                        .next_continuation_token
                        .filter(|t| page.is_truncated && !t.is_empty()),
                })
            })
            .await
    }

    /// The plain HTTP client, built on first use with the store's trust settings.
    async fn http(&self) -> Result<&reqwest::Client, Error> {
        self.http
            .get_or_try_init(|| async {
                let mut http = reqwest::Client::builder()
                    .timeout(self.timeout)
                    .danger_accept_invalid_certs(self.insecure);
                if let Some(ca) = &self.ca_cert {
                    let pem = std::fs::read(ca).map_err(|e| {
                        Error::config(format!(
                            "cannot read CA certificate '{}': {e}",
                            ca.display()
                        ))
                    })?;
                    for cert in reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                        Error::config(format!("cannot use CA certificate '{}': {e}", ca.display()))
                    })? {
                        http = http.add_root_certificate(cert);
                    }
                }
                http.build()
                    .map_err(|e| Error::config(format!("cannot set up the HTTP client: {e}")))
            })
            .await
    }

    /// Whether the server accepts the credentials (for `doctor`).
    pub async fn check_credentials_public(&self) -> Result<(), Error> {
        self.check_credentials(self.policy).await
    }

    /// The server's clock, from the `Date` header of a plain request to the endpoint.
    pub async fn server_date(&self) -> Result<Option<std::time::SystemTime>, Error> {
        let what = format!("contacting {}", self.endpoint);
        let response = self
            .http()
            .await?
            .head(self.endpoint.as_str())
            .send()
            .await
            .map_err(|e| classify_reqwest(&e, &what, &self.endpoint))?;
        Ok(response
            .headers()
            .get("date")
            .and_then(|d| d.to_str().ok())
            .and_then(|d| chrono::DateTime::parse_from_rfc2822(d).ok())
            .map(std::time::SystemTime::from))
    }

    /// GETs a (presigned) URL and returns the body, failing on any non-2xx answer.
    pub async fn fetch(&self, url: &str) -> Result<Vec<u8>, Error> {
        let what = "reading the probe object back through a presigned URL";
        let response = self
            .http()
            .await?
            .get(url)
            .send()
            .await
            .map_err(|e| classify_reqwest(&e, what, &self.endpoint))?;
        let status = response.status();
        if !status.is_success() {
            let kind = if status.as_u16() == 403 {
                Kind::Denied
            } else {
                Kind::Internal
            };
            return Err(
                Error::new(kind, format!("{what}: the server answered HTTP {status}")).hint(
                    "presigned URLs are refused: check the clock, the region and --public-endpoint",
                ),
            );
        }
        let bytes = response
            .bytes()
            .await
            .map_err(|e| classify_reqwest(&e, what, &self.endpoint))?;
        Ok(bytes.to_vec())
    }

    /// Lists buckets to find out whether the credentials are accepted at all.
    async fn check_credentials(&self, policy: RetryPolicy) -> Result<(), Error> {
        let what = "checking credentials";
        policy
            .run(what, || async {
                self.client
                    .list_buckets()
                    .build()
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|e| self.classify(e, what))
            })
            .await
    }

    /// Turns a client error into a pfp error with a kind, a plain message and a hint.
    fn classify(&self, err: minio::s3::error::Error, what: &str) -> Error {
        classify(err, what, &self.endpoint)
    }
}

/// The S3 error code of a server answer, if the error is one, in lower case (minio-rs
/// lower-cases the codes it has no variant for).
fn s3_code(err: &minio::s3::error::Error) -> Option<String> {
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
fn classify_reqwest(e: &reqwest::Error, what: &str, endpoint: &Endpoint) -> Error {
    let cause = crate::error::root_cause(e);
    let lower = format!("{e:?}").to_ascii_lowercase();
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
        .hint("use http:// in the endpoint, or MINIO_USE_SSL=false");
    }
    let tls = ["certificate", "ssl", "tls", "handshake"]
        .iter()
        .any(|w| lower.contains(w));
    if tls && endpoint.is_https() {
        return Error::new(
            Kind::Config,
            format!("{what}: TLS with {endpoint} failed: {cause}"),
        )
        .hint(
            "check the server's certificate, --ca-cert, or whether the endpoint should be http://",
        );
    }
    if e.is_timeout() {
        return Error::new(
            Kind::Unavailable,
            format!("{what}: {endpoint} timed out: {cause}"),
        );
    }
    Error::new(
        Kind::Unavailable,
        format!("{what}: cannot reach the object store at {endpoint}: {cause}"),
    )
    .hint("check that the server is running, and MINIO_ENDPOINT or --endpoint")
}

fn classify(err: minio::s3::error::Error, what: &str, endpoint: &Endpoint) -> Error {
    use minio::s3::error::{Error as MinioError, NetworkError, S3ServerError, ValidationErr};

    let reqwest_error = match &err {
        MinioError::Network(NetworkError::ReqwestError(e)) => Some(e),
        MinioError::Validation(ValidationErr::HttpError(e)) => Some(e),
        _ => None,
    };
    if let Some(e) = reqwest_error {
        return classify_reqwest(e, what, endpoint);
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
        let name = canonical_code(&code);
        let detail = if message.is_empty() {
            name.to_owned()
        } else {
            format!("{name}: {message}")
        };
        return match code.as_str() {
            "invalidaccesskeyid"
            | "signaturedoesnotmatch"
            | "notsignedup"
            | "invalidtoken"
            | "expiredtoken"
            | "invalidsecurity" => Error::new(
                Kind::Denied,
                format!("{what}: the server refused the credentials ({detail})"),
            )
            .hint(CREDENTIALS_HINT),
            "accessdenied" => {
                Error::new(Kind::Denied, format!("{what}: access denied")).hint(CREDENTIALS_HINT)
            }
            "nosuchbucket" => {
                Error::new(Kind::NotFound, format!("{what}: the bucket does not exist"))
                    .hint("run 'pfp bucket init'")
            }
            "nosuchkey" => Error::new(Kind::NotFound, format!("{what}: the object does not exist")),
            "requesttimetooskewed" => Error::new(Kind::Config, format!("{what}: {detail}"))
                .hint("this machine's clock differs from the server's by more than 15 minutes"),
            "slowdown" | "internalerror" | "serviceunavailable" | "requesttimeout" => {
                Error::new(Kind::Unavailable, format!("{what}: {detail}"))
            }
            _ => Error::new(Kind::Internal, format!("{what}: {detail}")),
        };
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
