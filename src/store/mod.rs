//! The object store. Every request to S3 goes through here, wrapped in the one retry loop
//! ([`retry`]) with a per-request timeout: minio-rs has neither of its own. Errors from the
//! client are classified into pfp's kinds in `classify`, so that exit codes are decided
//! in one place.

pub mod clock;
mod errors;
use errors::{classify, s3_code};
mod http;
mod lifecycle;
mod list;
pub mod presign;
pub mod probe;
pub mod proxy;
pub mod retry;
mod versions;

use std::fmt;

use minio::s3::MinioClient;
use minio::s3::client::MinioClientBuilder;
use minio::s3::creds::{Credentials, Provider};
use minio::s3::http::BaseUrl;
use minio::s3::types::S3Api;

pub use crate::values::BucketName;
pub use http::Anonymous;
pub use lifecycle::LifecycleRule;
pub use retry::RetryPolicy;
pub use versions::Versioning;

use crate::error::{Error, Kind};
use crate::values::{Endpoint, Secret};

/// What a HEAD tells of an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectStat {
    pub size: u64,
    /// The object's ETag, without its quotes: a new one whenever the object is written
    /// again (an app that re-uploads a picture to the same key changes it).
    pub etag: String,
}

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
    /// The server was seen to refuse `If-None-Match: *` PUTs of existing keys
    /// ([`Store::probe_conditional_put`]): [`Store::put_if_absent`] then needs no HEAD.
    conditional_put: std::sync::atomic::AtomicBool,
    /// The server's clock against this machine's, from the first answer with a `Date`.
    clock: std::sync::OnceLock<clock::Offset>,
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
            .no_proxy(proxy::direct(&endpoint))
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
            conditional_put: std::sync::atomic::AtomicBool::new(false),
            clock: std::sync::OnceLock::new(),
        })
    }

    /// How far the server's clock is from this machine's, once an answer has told.
    pub fn clock(&self) -> Option<clock::Offset> {
        self.clock.get().copied()
    }

    /// Now on the server's clock, where an answer has told it and it matters (the ages of
    /// objects, whose times are the server's, are measured by it).
    pub fn now(&self) -> std::time::SystemTime {
        let now = std::time::SystemTime::now();
        self.clock()
            .filter(|c| c.matters())
            .map_or(now, |c| c.apply(now))
    }

    /// Reads the server's clock off an answer's headers, the first time one has it.
    pub(super) fn note_date(&self, headers: &::http::HeaderMap) {
        if self.clock.get().is_none()
            && let Some(offset) = headers
                .get(::http::header::DATE)
                .and_then(|d| d.to_str().ok())
                .and_then(|d| clock::Offset::read(d, std::time::SystemTime::now()))
        {
            let _ = self.clock.set(offset);
        }
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
        // Most commands ask this first: where no HTTP server answers, the server that
        // is there is named (a plain-HTTP endpoint at a TLS port, PostgreSQL's port).
        let head = policy
            .run(&what, || async {
                let sent = self
                    .client
                    .bucket_exists(bucket.as_str())
                    .map_err(|e| self.classify(e.into(), &what))?
                    .build()
                    .send()
                    .await;
                match sent {
                    Ok(resp) => Ok(resp),
                    Err(e) if errors::unanswered(&e) => {
                        match errors::not_http(&what, &self.endpoint).await {
                            Some(named) => Err(named),
                            None => Err(self.classify(e, &what)),
                        }
                    }
                    Err(e) => Err(self.classify(e, &what)),
                }
            })
            .await;
        use minio::s3::response_traits::HasS3Fields as _;
        if let Ok(resp) = &head {
            self.note_date(resp.headers());
        }
        match head {
            // A HEAD has no body to tell an S3 answer by, but its type does: a web
            // server's 404 page is not a missing bucket, nor its 200 one that exists.
            Ok(resp) if errors::web_page(resp.headers()) => {
                let status = if resp.exists() { 200 } else { 404 };
                Err(errors::not_s3(&what, &self.endpoint, status))
            }
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
                .hint(format!(
                    "choose another name with {}",
                    crate::error::Setting::Bucket.ways()
                )))
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
                    .hint(format!(
                        "choose another name with {}",
                        crate::error::Setting::Bucket.ways()
                    )));
                }
            }
        }
        Ok(created)
    }

    /// Stores one object with its Content-Type, `Cache-Control` and `x-amz-meta-*`
    /// metadata. Safe to retry: the same key always gets the same bytes.
    pub async fn put(&self, bucket: &BucketName, object: &ObjectToPut<'_>) -> Result<(), Error> {
        self.send_put(bucket, object, false, self.policy)
            .await
            .map(|_| ())
    }

    /// One PUT of `object`, retried as `policy` says. With `if_absent` it carries
    /// `If-None-Match: *`, and the server's 412 (the key exists) is `false`, not an error.
    async fn send_put(
        &self,
        bucket: &BucketName,
        object: &ObjectToPut<'_>,
        if_absent: bool,
        policy: RetryPolicy,
    ) -> Result<bool, Error> {
        let what = format!("uploading '{}' to bucket '{bucket}'", object.key);
        let mut headers = minio::s3::multimap_ext::Multimap::new();
        headers.insert("Cache-Control".to_owned(), object.cache_control.to_owned());
        if if_absent {
            headers.insert("If-None-Match".to_owned(), "*".to_owned());
        }
        let mut metadata = minio::s3::multimap_ext::Multimap::new();
        for (name, value) in &object.metadata {
            metadata.insert(
                format!("x-amz-meta-{name}"),
                crate::values::encoding::header_value(value),
            );
        }
        let stored = policy
            .run(&what, || async {
                let sent = self
                    .client
                    .put_object_content(bucket.as_str(), object.key, object.bytes.to_vec())
                    .map_err(|e| self.classify(e.into(), &what))?
                    .content_type(object.content_type.to_owned())
                    .extra_headers(Some(headers.clone()))
                    .user_metadata(Some(metadata.clone()))
                    .build()
                    .send()
                    .await;
                match sent {
                    Ok(resp) => {
                        use minio::s3::response_traits::HasS3Fields as _;
                        self.note_date(resp.headers());
                        Ok(true)
                    }
                    Err(e) if if_absent && s3_code(&e).as_deref() == Some("preconditionfailed") => {
                        Ok(false)
                    }
                    Err(e) => Err(self.classify(e, &what)),
                }
            })
            .await?;
        if !stored {
            // `-v`: the request above was answered, but nothing was uploaded.
            tracing::info!(
                target: "pfp::s3",
                "'{}' is in bucket '{bucket}' already (412 to If-None-Match): left as it is",
                object.key
            );
        }
        Ok(stored)
    }

    /// Finds out whether the server honours `If-None-Match: *` on PUT (AWS S3, MinIO and
    /// Ceph RGW refuse an existing key with 412; Garage and some others ignore the header
    /// and overwrite) by storing `existing` again with the header: an object the caller
    /// has just seen in the bucket, whose bytes and headers are exactly `existing`'s (the
    /// database's marker: `workflow::identity::probe_conditional_put`). A server that
    /// honours the header refuses with 412 and nothing changes; one that ignores it stores
    /// the same object again, and one that rejects the header fails the request: both
    /// leave the HEAD + PUT way in place, which is right on every server. From a 412 on,
    /// [`Store::put_if_absent`] stores with one request instead of a HEAD and a PUT. One
    /// request, never retried: it decides only which way is faster.
    pub async fn probe_conditional_put(
        &self,
        bucket: &BucketName,
        existing: &ObjectToPut<'_>,
    ) -> bool {
        let honoured = matches!(
            self.send_put(
                bucket,
                existing,
                true,
                RetryPolicy {
                    retries: 0,
                    ..self.policy
                }
            )
            .await,
            Ok(false)
        );
        self.conditional_put
            .store(honoured, std::sync::atomic::Ordering::Relaxed);
        honoured
    }

    /// Stores `object` unless its key is already there: true when this call stored it.
    /// The caller holds the owner lock of the key's folder, so nobody deletes the key
    /// between the check and the store. With a server known to honour `If-None-Match`
    /// ([`Store::probe_conditional_put`]) that is one conditional PUT; otherwise a HEAD,
    /// then a PUT if the key is missing. (A conditional PUT whose answer was lost and
    /// whose retry then finds the key reports false: the object is stored but not
    /// counted as this run's, so a failure later leaves it for `verify --fix`.)
    pub async fn put_if_absent(
        &self,
        bucket: &BucketName,
        object: &ObjectToPut<'_>,
    ) -> Result<bool, Error> {
        if self
            .conditional_put
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            return self.send_put(bucket, object, true, self.policy).await;
        }
        if self.exists(bucket, object.key).await? {
            return Ok(false);
        }
        self.put(bucket, object).await.map(|()| true)
    }

    /// Whether an object exists (HEAD).
    pub async fn exists(&self, bucket: &BucketName, key: &str) -> Result<bool, Error> {
        Ok(self.stat(bucket, key).await?.is_some())
    }

    /// An object's size and ETag (HEAD), or None when it is not there.
    pub async fn stat(&self, bucket: &BucketName, key: &str) -> Result<Option<ObjectStat>, Error> {
        use minio::s3::response_traits::HasEtagFromHeaders as _;
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
                    Ok(stat) => Ok(Some({
                        use minio::s3::response_traits::HasS3Fields as _;
                        self.note_date(stat.headers());
                        ObjectStat {
                            size: stat.size().unwrap_or(u64::MAX),
                            etag: stat.etag().map(|e| e.to_string()).unwrap_or_default(),
                        }
                    })),
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
                    Ok(response) => {
                        use minio::s3::response_traits::HasS3Fields as _;
                        self.note_date(response.headers());
                        response
                    }
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
        self.delete_at(bucket, key, None).await
    }

    /// Deletes an object, or one version of it (`null`: the one written while
    /// versioning was off); one that is already gone is not an error.
    async fn delete_at(
        &self,
        bucket: &BucketName,
        key: &str,
        version: Option<&str>,
    ) -> Result<(), Error> {
        let what = match version {
            None => format!("deleting '{key}' from bucket '{bucket}'"),
            Some(_) => format!("deleting a version of '{key}' from bucket '{bucket}'"),
        };
        self.policy
            .run(&what, || async {
                let object: minio::s3::builders::ObjectToDelete = match version {
                    None => key.try_into(),
                    Some(version) => minio::s3::types::VersionId::new(version)
                        .and_then(|version| (key, version).try_into()),
                }
                .map_err(|e| self.classify(e.into(), &what))?;
                let sent = self
                    .client
                    .delete_object(bucket.as_str(), object)
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

    /// Whether the server accepts the credentials (for `doctor`).
    pub async fn check_credentials_public(&self) -> Result<(), Error> {
        self.check_credentials(self.policy).await
    }

    /// Lists buckets to find out whether the credentials are accepted at all (a web
    /// page that answers 200 does not accept them: it is no S3 API).
    async fn check_credentials(&self, policy: RetryPolicy) -> Result<(), Error> {
        use minio::s3::response_traits::HasS3Fields as _;
        let what = "checking credentials";
        policy
            .run(what, || async {
                let resp = self
                    .client
                    .list_buckets()
                    .build()
                    .send()
                    .await
                    .map_err(|e| self.classify(e, what))?;
                self.note_date(resp.headers());
                if errors::web_page(resp.headers()) {
                    return Err(errors::not_s3(what, &self.endpoint, 200));
                }
                Ok(())
            })
            .await
    }

    /// Turns a client error into a pfp error with a kind, a plain message and a hint.
    fn classify(&self, err: minio::s3::error::Error, what: &str) -> Error {
        classify(err, what, &self.endpoint)
    }
}

#[cfg(test)]
mod tests {
    use minio::s3::http::BaseUrl;

    /// What minio-rs makes of an endpoint, in one line.
    fn parsed(endpoint: &str) -> String {
        match endpoint.parse::<BaseUrl>() {
            Ok(url) => format!(
                "{}:{} aws={} virtual={} dualstack={} region={:?} https={}",
                url.host(),
                url.port(),
                url.is_aws_host(),
                url.virtual_style,
                url.dualstack,
                AsRef::<str>::as_ref(&url.region),
                url.https
            ),
            Err(e) => format!("error: {e}"),
        }
    }

    /// vendor/minio (minio-rs 0.4.0 with ASCII digits in its host patterns) parses the
    /// endpoints an operator may give as the published crate does: each line below is
    /// the published crate's output (the ELB region's missing last digit is its own).
    /// Host names of non-ASCII digits, which the published patterns took for host
    /// names, are not: the sign that the patched patterns are the ones linked.
    #[test]
    fn endpoints_parse_as_with_the_published_minio_rs() {
        let cases = [
            (
                "http://127.0.0.1:9000",
                "127.0.0.1:9000 aws=false virtual=false dualstack=false region=\"\" https=false",
            ),
            (
                "https://minio.example.com",
                "minio.example.com:0 aws=false virtual=false dualstack=false region=\"\" https=true",
            ),
            (
                "http://[::1]:9000",
                "[::1]:9000 aws=false virtual=false dualstack=false region=\"\" https=false",
            ),
            (
                "https://minio-1.internal:9000",
                "minio-1.internal:9000 aws=false virtual=false dualstack=false region=\"\" https=true",
            ),
            (
                "https://s3.amazonaws.com",
                "s3.amazonaws.com:0 aws=true virtual=true dualstack=false region=\"\" https=true",
            ),
            (
                "https://s3.eu-west-1.amazonaws.com",
                "s3.eu-west-1.amazonaws.com:0 aws=true virtual=true dualstack=false region=\"eu-west-1\" https=true",
            ),
            (
                "https://s3.dualstack.us-east-2.amazonaws.com",
                "s3.dualstack.us-east-2.amazonaws.com:0 aws=true virtual=true dualstack=true region=\"us-east-2\" https=true",
            ),
            (
                "https://my-lb-1234.us-west-2.elb.amazonaws.com",
                "my-lb-1234.us-west-2.elb.amazonaws.com:0 aws=false virtual=false dualstack=false region=\"us-west-\" https=true",
            ),
            (
                "https://oss-cn-hangzhou.aliyuncs.com",
                "oss-cn-hangzhou.aliyuncs.com:0 aws=false virtual=true dualstack=false region=\"\" https=true",
            ),
            (
                "https://s3.cn-north-1.amazonaws.com.cn",
                "error: URL build error: region missing in Amazon S3 China endpoint s3.cn-north-1.amazonaws.com.cn",
            ),
        ];
        for (endpoint, expected) in cases {
            assert_eq!(parsed(endpoint), expected, "{endpoint}");
        }
        assert!(minio::s3::utils::match_hostname("minio-1.example.com"));
        assert!(!minio::s3::utils::match_hostname(
            "\u{661}\u{662}.example.com"
        ));
    }
}
