//! A real S3 server (s3s-fs: the S3 protocol layer RustFS builds on, storing objects as
//! files) run in-process on 127.0.0.1. The integration tests start one per test with a
//! free port, a temp directory and their own keys; `cargo run --example dev-server` runs
//! the same code on port 9000 for people without Docker.
//!
//! It enforces SigV4: a wrong key or secret, and a tampered or expired presigned URL, get
//! 403. A second account ("another tenant") can be registered: buckets whose names start
//! with its prefix are denied to everyone else, which is how a test gets a bucket that
//! "exists but belongs to someone else".

#![allow(dead_code)] // examples/, benches/ and the dev server include parts of it too

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use s3s::access::{S3Access, S3AccessContext};
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use s3s::{S3Result, s3_error};

/// A second account and the bucket-name prefix it owns.
#[derive(Clone, Debug)]
pub struct OtherTenant {
    pub access_key: String,
    pub secret_key: String,
    pub bucket_prefix: String,
}

/// An account of temporary credentials: each of its requests must carry this session
/// token, signed (the `X-Amz-Security-Token` header among the signed headers, or the
/// query parameter of a presigned URL, which the signature covers), as MinIO and S3
/// require of STS credentials. s3s checks signatures but not tokens.
#[derive(Clone, Debug)]
pub struct SessionAccount {
    pub access_key: String,
    pub secret_key: String,
    pub token: String,
}

/// How to start the server.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    /// 0 picks a free port.
    pub port: u16,
    pub root: PathBuf,
    pub access_key: String,
    pub secret_key: String,
    pub other_tenant: Option<OtherTenant>,
    /// Temporary credentials the server also accepts, with their token.
    pub session: Option<SessionAccount>,
    /// Uploads of keys containing this text are answered `503 SlowDown` (a fault a
    /// healthy server will not produce on demand).
    pub fail_puts_containing: Option<String>,
    /// The first N uploads are answered `503 SlowDown`, later ones succeed.
    pub flaky_puts: u32,
    /// Every upload is held this long before it is served (a slow server).
    pub put_delay: Option<std::time::Duration>,
    /// Only the uploads whose key starts with this are held by `put_delay` (pfp's under
    /// `users/`, say, while an app's at the bucket's root go through).
    pub put_delay_prefix: Option<String>,
    /// HEADs of the keys that start with this are held this long before they are served
    /// (counted in `held_heads` as they arrive): a test acts while one is held, and the
    /// HEAD then sees what the test did.
    pub head_delay: Option<(String, std::time::Duration)>,
    /// Every object deletion is held this long before it is served.
    pub delete_delay: Option<std::time::Duration>,
    /// Serve HTTPS with this certificate chain and PKCS#8 key (PEM).
    pub tls: Option<(String, String)>,
    /// Ignore `If-None-Match: *` on PUT and overwrite, as Garage and s3rver do (s3s-fs,
    /// like MinIO, AWS S3 and Ceph RGW, refuses an existing key with 412).
    pub ignore_if_none_match: bool,
    /// An account whose policy allows these S3 operations only (MinIO's IAM policies,
    /// which s3s-fs lacks): a least-privilege key.
    pub limited: Option<LimitedAccount>,
}

/// An account allowed only some operations (`allowed`, by s3s's operation names).
#[derive(Clone, Debug)]
pub struct LimitedAccount {
    pub access_key: String,
    pub secret_key: String,
    pub allowed: Vec<&'static str>,
}

impl ServerOptions {
    /// Plain options: no tenant, no faults, no TLS.
    pub fn plain(port: u16, root: PathBuf, access_key: &str, secret_key: &str) -> Self {
        ServerOptions {
            port,
            root,
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            other_tenant: None,
            session: None,
            fail_puts_containing: None,
            flaky_puts: 0,
            put_delay: None,
            put_delay_prefix: None,
            head_delay: None,
            delete_delay: None,
            tls: None,
            ignore_if_none_match: false,
            limited: None,
        }
    }
}

/// Requests served, by S3 operation.
pub type OpCounts = std::collections::BTreeMap<String, u64>;

/// A running server; stopped on drop.
pub struct S3Server {
    addr: SocketAddr,
    lists: Arc<std::sync::atomic::AtomicU64>,
    puts: Arc<std::sync::atomic::AtomicU64>,
    heads: Arc<std::sync::atomic::AtomicU64>,
    /// HEADs held by `head_delay` that have arrived.
    held_heads: Arc<std::sync::atomic::AtomicU64>,
    ops: Arc<std::sync::Mutex<OpCounts>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Denies buckets of the other tenant to everyone but that tenant, and injects the
/// configured upload faults.
struct TenantAccess {
    other: Option<OtherTenant>,
    session: Option<SessionAccount>,
    fail_puts_containing: Option<String>,
    flaky_puts: std::sync::atomic::AtomicU32,
    put_delay: Option<std::time::Duration>,
    put_delay_prefix: Option<String>,
    head_delay: Option<(String, std::time::Duration)>,
    /// HEADs held by `head_delay` that have arrived.
    held_heads: Arc<std::sync::atomic::AtomicU64>,
    delete_delay: Option<std::time::Duration>,
    /// The data folder: a PUT into a bucket that is not there is refused, as MinIO does
    /// (s3s-fs would create the bucket's folder).
    root: PathBuf,
    /// Listing requests served (ListObjects and ListObjectsV2), for the scale bench.
    lists: Arc<std::sync::atomic::AtomicU64>,
    /// Picture uploads that have arrived (counted before any delay), so that a test can
    /// act while one is in flight instead of guessing when that is.
    puts: Arc<std::sync::atomic::AtomicU64>,
    /// HEAD requests for pictures (not pfp's markers).
    heads: Arc<std::sync::atomic::AtomicU64>,
    /// How many requests of each operation (`HeadBucket`, `ListObjectsV2`, `PutObject`,
    /// ...) have arrived, so that a test can see which requests a command made.
    ops: Arc<std::sync::Mutex<OpCounts>>,
    ignore_if_none_match: bool,
    /// The buckets' policies, which decide what a request without a signature may do.
    policies: policy::Policies,
    limited: Option<LimitedAccount>,
}

/// Whether the request carries `token` where the signature covers it.
fn carries_signed_token(cx: &S3AccessContext<'_>, token: &str) -> bool {
    let headers = cx.headers();
    if let Some(value) = headers.get("x-amz-security-token") {
        let signed = headers
            .get("authorization")
            .and_then(|a| a.to_str().ok())
            .and_then(|a| a.split("SignedHeaders=").nth(1))
            .is_some_and(|rest| {
                rest.split([',', ' '])
                    .next()
                    .is_some_and(|list| list.split(';').any(|h| h == "x-amz-security-token"))
            });
        return signed && value.as_bytes() == token.as_bytes();
    }
    // A presigned URL: every query parameter but the signature is signed.
    cx.uri().query().is_some_and(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .any(|(k, v)| k == "X-Amz-Security-Token" && v == token)
    })
}

/// A recursive listing sends `delimiter=` with an empty value (minio-rs does, as the AWS
/// SDKs may); MinIO and S3 treat it as no delimiter, s3s-fs as a delimiter that matches
/// everywhere, which returns wrong keys. The harness normalises the request, after the
/// signature over it was checked, so pfp lists the way MinIO expects.
fn no_empty_delimiter(delimiter: &mut Option<String>) {
    if delimiter.as_deref() == Some("") {
        *delimiter = None;
    }
}

#[async_trait::async_trait]
impl S3Access for TenantAccess {
    async fn check(&self, cx: &mut S3AccessContext<'_>) -> S3Result<()> {
        *self
            .ops
            .lock()
            .unwrap()
            .entry(cx.s3_op().name().to_owned())
            .or_default() += 1;
        // As MinIO (and s3s's default hook) do: no signature, no access, unless the
        // bucket's policy grants it to everyone (`mc anonymous set download`). Without
        // this, a test fetching "a presigned URL" would pass with a plain unsigned one too.
        if cx.credentials().is_none()
            && !self
                .policies
                .allows_anonymous(cx.s3_op().name(), cx.s3_path())
        {
            return Err(s3_error!(AccessDenied, "Signature is required"));
        }
        if let Some(limited) = &self.limited
            && cx
                .credentials()
                .is_some_and(|c| c.access_key == limited.access_key)
            && !limited.allowed.contains(&cx.s3_op().name())
        {
            return Err(s3_error!(AccessDenied, "Access Denied."));
        }
        if let Some(session) = &self.session
            && cx
                .credentials()
                .is_some_and(|c| c.access_key == session.access_key)
            && !carries_signed_token(cx, &session.token)
        {
            // MinIO answers 403 (S3 itself 400): production is MinIO.
            let mut error = s3_error!(
                InvalidToken,
                "the session token is missing, wrong or not signed"
            );
            error.set_status_code(http::StatusCode::FORBIDDEN);
            return Err(error);
        }
        if let (Some(delay), "DeleteObject") = (self.delete_delay, cx.s3_op().name()) {
            tokio::time::sleep(delay).await;
        }
        if cx.s3_op().name() == "DeleteObject"
            && let s3s::path::S3Path::Object { bucket, key } = cx.s3_path()
        {
            // s3s-fs deletes the object's file but keeps its sidecars (metadata and
            // internal info), so a deleted object's files pile up in the data folder. The
            // hook runs before the deletion, whose outcome does not depend on them.
            for sidecar in sidecars(&self.root, bucket, key) {
                let _ = std::fs::remove_file(sidecar);
            }
        }
        // The injected faults are aimed at pictures: pfp's markers (`.pfp/`, written once
        // per bucket and database) are served as a healthy server would, so a test's
        // fault meets the picture upload it is about.
        let marker = matches!(cx.s3_path(), s3s::path::S3Path::Object { key, .. } if key.starts_with(".pfp/"));
        if cx.s3_op().name() == "HeadObject" && !marker {
            self.heads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            if let (Some((prefix, delay)), s3s::path::S3Path::Object { key, .. }) =
                (&self.head_delay, cx.s3_path())
                && key.starts_with(prefix.as_str())
            {
                self.held_heads
                    .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::time::sleep(*delay).await;
            }
        }
        if cx.s3_op().name() == "PutObject" && !marker {
            self.puts.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let held = match (&self.put_delay_prefix, cx.s3_path()) {
                (None, _) => true,
                (Some(prefix), s3s::path::S3Path::Object { key, .. }) => {
                    key.starts_with(prefix.as_str())
                }
                (Some(_), _) => false,
            };
            if let Some(delay) = self.put_delay.filter(|_| held) {
                tokio::time::sleep(delay).await;
            }
            let flaky = self.flaky_puts.fetch_update(
                std::sync::atomic::Ordering::SeqCst,
                std::sync::atomic::Ordering::SeqCst,
                |n| n.checked_sub(1),
            );
            if flaky.is_ok() {
                return Err(s3_error!(SlowDown, "injected transient fault"));
            }
        }
        if cx.s3_op().name() == "PutObject"
            && let Some(bucket) = cx.s3_path().get_bucket_name()
            && !self.root.join(bucket).is_dir()
        {
            return Err(s3_error!(NoSuchBucket));
        }
        if let (Some(pattern), s3s::path::S3Path::Object { key, .. }) =
            (&self.fail_puts_containing, cx.s3_path())
            && cx.s3_op().name() == "PutObject"
            && key.contains(pattern.as_str())
        {
            return Err(s3_error!(SlowDown, "injected fault"));
        }
        let Some(other) = &self.other else {
            return Ok(());
        };
        let bucket = cx.s3_path().get_bucket_name().unwrap_or_default();
        let is_other = cx
            .credentials()
            .is_some_and(|c| c.access_key == other.access_key);
        if bucket.starts_with(&other.bucket_prefix) && !is_other {
            return Err(s3_error!(AccessDenied, "bucket belongs to another account"));
        }
        Ok(())
    }

    async fn put_object(&self, req: &mut s3s::S3Request<s3s::dto::PutObjectInput>) -> S3Result<()> {
        if self.ignore_if_none_match {
            req.input.if_none_match = None;
        }
        Ok(())
    }

    async fn list_objects_v2(
        &self,
        req: &mut s3s::S3Request<s3s::dto::ListObjectsV2Input>,
    ) -> S3Result<()> {
        self.lists
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        no_empty_delimiter(&mut req.input.delimiter);
        Ok(())
    }

    async fn list_objects(
        &self,
        req: &mut s3s::S3Request<s3s::dto::ListObjectsInput>,
    ) -> S3Result<()> {
        self.lists
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        no_empty_delimiter(&mut req.input.delimiter);
        Ok(())
    }
}

impl S3Server {
    /// Starts the server on a background thread and returns once it is listening.
    pub fn start(options: ServerOptions) -> std::io::Result<S3Server> {
        std::fs::create_dir_all(&options.root)?;
        let std_listener = std::net::TcpListener::bind(("127.0.0.1", options.port))?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel();
        let root = options.root.clone();
        let lists = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counter = Arc::clone(&lists);
        let puts = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let put_counter = Arc::clone(&puts);
        let heads = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let head_counter = Arc::clone(&heads);
        let held_heads = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let held_counter = Arc::clone(&held_heads);
        let ops = Arc::new(std::sync::Mutex::new(OpCounts::new()));
        let op_log = Arc::clone(&ops);
        let thread = std::thread::Builder::new()
            .name(format!("s3-server-{}", addr.port()))
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime for the test S3 server");
                runtime.block_on(serve(
                    std_listener,
                    root,
                    options,
                    [counter, put_counter, head_counter, held_counter],
                    op_log,
                    rx,
                ));
            })?;
        Ok(S3Server {
            addr,
            lists,
            puts,
            heads,
            held_heads,
            ops,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// How many listing requests the server has served.
    pub fn list_requests(&self) -> u64 {
        self.lists.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many HEAD requests for pictures (not pfp's markers) the server has had.
    pub fn picture_heads(&self) -> u64 {
        self.heads.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// How many requests of each operation have arrived so far.
    pub fn ops(&self) -> OpCounts {
        self.ops.lock().unwrap().clone()
    }

    /// How many picture uploads have arrived (served or still held by `put_delay`).
    pub fn picture_puts_started(&self) -> u64 {
        self.puts.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Waits until at least `n` picture uploads have arrived (at most 60 s).
    /// Waits until `n` HEADs held by `head_delay` have arrived.
    pub fn wait_for_held_heads(&self, n: u64) {
        let started = std::time::Instant::now();
        while self.held_heads.load(std::sync::atomic::Ordering::SeqCst) < n {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(60),
                "no HEAD arrived"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    pub fn wait_for_picture_puts(&self, n: u64) {
        let started = std::time::Instant::now();
        while self.picture_puts_started() < n {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(60),
                "no upload arrived"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// Stops listening and drops every open connection at once (as a crashed server would).
    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn serve(
    std_listener: std::net::TcpListener,
    root: PathBuf,
    options: ServerOptions,
    [lists, puts, heads, held_heads]: [Arc<std::sync::atomic::AtomicU64>; 4],
    ops: Arc<std::sync::Mutex<OpCounts>>,
    mut shutdown: tokio::sync::oneshot::Receiver<()>,
) {
    let listener = tokio::net::TcpListener::from_std(std_listener).expect("a tokio listener");
    let service = {
        let fs = s3s_fs::FileSystem::new(&root).expect("the server's data directory");
        let mut builder = S3ServiceBuilder::new(fs);
        let policies = policy::Policies::for_account(options.limited.clone());
        let mut auth =
            SimpleAuth::from_single(options.access_key.clone(), options.secret_key.clone());
        if let Some(other) = &options.other_tenant {
            auth.register(other.access_key.clone(), other.secret_key.clone().into());
        }
        if let Some(limited) = &options.limited {
            auth.register(
                limited.access_key.clone(),
                limited.secret_key.clone().into(),
            );
        }
        if let Some(session) = &options.session {
            auth.register(
                session.access_key.clone(),
                session.secret_key.clone().into(),
            );
        }
        builder.set_auth(auth);
        builder.set_access(TenantAccess {
            other: options.other_tenant.clone(),
            session: options.session.clone(),
            fail_puts_containing: options.fail_puts_containing.clone(),
            flaky_puts: std::sync::atomic::AtomicU32::new(options.flaky_puts),
            put_delay: options.put_delay,
            put_delay_prefix: options.put_delay_prefix,
            head_delay: options.head_delay,
            held_heads,
            delete_delay: options.delete_delay,
            root: root.clone(),
            lists,
            puts,
            heads,
            ops,
            ignore_if_none_match: options.ignore_if_none_match,
            policies: policies.clone(),
            limited: options.limited.clone(),
        });
        builder.set_route(policies);
        builder.build()
    };
    let http = Arc::new(ConnBuilder::new(TokioExecutor::new()));
    let tls = options.tls.as_ref().map(|(cert, key)| {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let chain = CertificateDer::pem_slice_iter(cert.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .expect("a valid test certificate chain");
        let key = PrivateKeyDer::from_pem_slice(key.as_bytes()).expect("a valid test key");
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("a TLS server config");
        tokio_rustls::TlsAcceptor::from(Arc::new(config))
    });
    loop {
        let socket = tokio::select! {
            accepted = listener.accept() => match accepted {
                // As MinIO (Go sets TCP_NODELAY on every connection) and RGW answer:
                // without it, a GET's body, written after its headers, waited for the
                // client's delayed ACK (40 ms, one GET in two in `pfp adopt`).
                Ok((socket, _)) => {
                    let _ = socket.set_nodelay(true);
                    socket
                }
                Err(_) => continue,
            },
            _ = &mut shutdown => break,
        };
        let service = service.clone();
        let http = Arc::clone(&http);
        let tls = tls.clone();
        tokio::spawn(async move {
            match tls {
                Some(acceptor) => {
                    if let Ok(stream) = acceptor.accept(socket).await {
                        let _ = http.serve_connection(TokioIo::new(stream), service).await;
                    }
                }
                None => {
                    let _ = http.serve_connection(TokioIo::new(socket), service).await;
                }
            }
        });
    }
    // Returning drops the runtime, which cancels every connection task.
}

/// Bucket policies (`PUT /bucket?policy`, as `mc anonymous set` and `aws s3api
/// put-bucket-policy` send them), which s3s-fs does not implement: kept in memory, and
/// their statements for everyone (`"Principal": "*"`) evaluated for requests without a
/// signature, as MinIO and RGW do. Signed requests are the account's own, as before.
/// Lifecycle configurations (`?lifecycle`) are kept and read back, never applied.
mod policy {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    use http::{Extensions, HeaderMap, Method, StatusCode, Uri};
    use s3s::route::S3Route;
    use s3s::{Body, S3Request, S3Response, S3Result, s3_error};

    /// The buckets' policies, and their lifecycle configurations (kept as sent, for
    /// `doctor` to read back: the harness expires nothing).
    #[derive(Clone, Default)]
    pub struct Policies {
        policies: Arc<Mutex<HashMap<String, serde_json::Value>>>,
        lifecycles: Arc<Mutex<HashMap<String, Vec<u8>>>>,
        /// The limited account, held to its operations here too.
        limited: Option<super::LimitedAccount>,
    }

    /// The S3 operation of a subresource request, by its AWS name.
    fn operation(method: &Method, sub: Sub) -> &'static str {
        match (method.clone(), sub) {
            (Method::PUT, Sub::Policy) => "PutBucketPolicy",
            (Method::DELETE, Sub::Policy) => "DeleteBucketPolicy",
            (_, Sub::Policy) => "GetBucketPolicy",
            (Method::PUT, Sub::Lifecycle) => "PutBucketLifecycleConfiguration",
            (Method::DELETE, Sub::Lifecycle) => "DeleteBucketLifecycle",
            (_, Sub::Lifecycle) => "GetBucketLifecycleConfiguration",
        }
    }

    /// The IAM action and the resource a request of this operation acts on.
    fn action(op: &str, path: &s3s::path::S3Path) -> Option<(&'static str, String)> {
        use s3s::path::S3Path;
        let action = match op {
            "GetObject" | "HeadObject" => "s3:GetObject",
            "PutObject" => "s3:PutObject",
            "DeleteObject" => "s3:DeleteObject",
            "ListObjects" | "ListObjectsV2" => "s3:ListBucket",
            _ => return None,
        };
        let resource = match path {
            S3Path::Object { bucket, key } => format!("arn:aws:s3:::{bucket}/{key}"),
            S3Path::Bucket { bucket } => format!("arn:aws:s3:::{bucket}"),
            S3Path::Root => return None,
        };
        Some((action, resource))
    }

    /// `pattern` with `*` matching any run of characters (IAM's wildcard).
    fn glob(pattern: &str, text: &str) -> bool {
        match pattern.split_once('*') {
            None => pattern == text,
            Some((head, rest)) => {
                let Some(text) = text.strip_prefix(head) else {
                    return false;
                };
                (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .any(|i| glob(rest, &text[i..]))
            }
        }
    }

    /// A policy field that is one string or a list of them.
    fn any_matches(value: &serde_json::Value, text: &str) -> bool {
        match value {
            serde_json::Value::String(p) => glob(p, text),
            serde_json::Value::Array(items) => items.iter().any(|v| any_matches(v, text)),
            _ => false,
        }
    }

    fn for_everyone(principal: &serde_json::Value) -> bool {
        match principal {
            serde_json::Value::String(p) => p == "*",
            serde_json::Value::Object(map) => map.get("AWS").is_some_and(|aws| match aws {
                serde_json::Value::String(p) => p == "*",
                serde_json::Value::Array(items) => items.iter().any(|p| p == "*"),
                _ => false,
            }),
            _ => false,
        }
    }

    impl Policies {
        pub fn for_account(limited: Option<super::LimitedAccount>) -> Policies {
            Policies {
                limited,
                ..Policies::default()
            }
        }

        /// Whether the bucket's policy lets a request without a signature do this: an
        /// Allow statement for everyone matches it and no Deny statement does.
        pub fn allows_anonymous(&self, op: &str, path: &s3s::path::S3Path) -> bool {
            let Some((action, resource)) = action(op, path) else {
                return false;
            };
            let Some(bucket) = path.get_bucket_name() else {
                return false;
            };
            let policies = self.policies.lock().unwrap();
            let Some(statements) = policies
                .get(bucket)
                .and_then(|p| p.get("Statement"))
                .and_then(|s| s.as_array())
            else {
                return false;
            };
            let matching = |effect: &str| {
                statements.iter().any(|s| {
                    s.get("Effect").and_then(|e| e.as_str()) == Some(effect)
                        && s.get("Principal").is_some_and(for_everyone)
                        && s.get("Action").is_some_and(|a| any_matches(a, action))
                        && s.get("Resource").is_some_and(|r| any_matches(r, &resource))
                })
            };
            matching("Allow") && !matching("Deny")
        }
    }

    /// The bucket subresources the harness keeps for s3s-fs.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Sub {
        Policy,
        Lifecycle,
    }

    /// The bucket and subresource of a `/bucket?policy` or `/bucket?lifecycle` request.
    fn subresource(uri: &Uri) -> Option<(&str, Sub)> {
        let sub = uri.query().and_then(|q| {
            q.split('&').find_map(|p| match p {
                "policy" | "policy=" => Some(Sub::Policy),
                "lifecycle" | "lifecycle=" => Some(Sub::Lifecycle),
                _ => None,
            })
        })?;
        let bucket = uri.path().trim_matches('/');
        (!bucket.is_empty() && !bucket.contains('/')).then_some((bucket, sub))
    }

    #[async_trait::async_trait]
    impl S3Route for Policies {
        fn is_match(&self, method: &Method, uri: &Uri, _: &HeaderMap, _: &mut Extensions) -> bool {
            matches!(*method, Method::GET | Method::PUT | Method::DELETE)
                && subresource(uri).is_some()
        }

        /// A signed request (the account's own), as for any bucket call, within the
        /// limited account's operations.
        async fn check_access(&self, req: &mut S3Request<Body>) -> S3Result<()> {
            let Some(credentials) = &req.credentials else {
                return Err(s3_error!(AccessDenied, "Signature is required"));
            };
            if let (Some(limited), Some((_, sub))) = (&self.limited, subresource(&req.uri))
                && credentials.access_key == limited.access_key
                && !limited.allowed.contains(&operation(&req.method, sub))
            {
                return Err(s3_error!(AccessDenied, "Access Denied."));
            }
            Ok(())
        }

        async fn call(&self, mut req: S3Request<Body>) -> S3Result<S3Response<Body>> {
            let (bucket, sub) = subresource(&req.uri)
                .map(|(b, sub)| (b.to_owned(), sub))
                .expect("a matched route");
            let no_content = || {
                Ok(S3Response::with_status(
                    Body::empty(),
                    StatusCode::NO_CONTENT,
                ))
            };
            match (req.method.clone(), sub) {
                (Method::PUT, _) => {
                    let body = req
                        .input
                        .store_all_limited(64 * 1024)
                        .await
                        .map_err(|_| s3_error!(MalformedXML, "the body could not be read"))?;
                    if sub == Sub::Policy {
                        let policy: serde_json::Value = serde_json::from_slice(&body)
                            .map_err(|e| s3_error!(MalformedPolicy, "{e}"))?;
                        self.policies.lock().unwrap().insert(bucket, policy);
                        return no_content();
                    }
                    // S3 answers 200 to a lifecycle configuration, 204 to a policy.
                    self.lifecycles
                        .lock()
                        .unwrap()
                        .insert(bucket, body.to_vec());
                    Ok(S3Response::new(Body::empty()))
                }
                (Method::DELETE, Sub::Policy) => {
                    self.policies.lock().unwrap().remove(&bucket);
                    no_content()
                }
                (Method::DELETE, Sub::Lifecycle) => {
                    self.lifecycles.lock().unwrap().remove(&bucket);
                    no_content()
                }
                (_, Sub::Policy) => match self.policies.lock().unwrap().get(&bucket) {
                    Some(policy) => Ok(S3Response::new(Body::from(policy.to_string()))),
                    None => Err(s3_error!(NoSuchBucketPolicy)),
                },
                (_, Sub::Lifecycle) => match self.lifecycles.lock().unwrap().get(&bucket) {
                    Some(xml) => Ok(S3Response::new(Body::from(
                        String::from_utf8_lossy(xml).into_owned(),
                    ))),
                    None => Err(s3_error!(NoSuchLifecycleConfiguration)),
                },
            }
        }
    }

    #[test]
    fn iam_wildcards_match_as_iam_does() {
        assert!(glob("arn:aws:s3:::demo/*", "arn:aws:s3:::demo/users/a.jpg"));
        assert!(glob("arn:aws:s3:::demo", "arn:aws:s3:::demo"));
        assert!(!glob("arn:aws:s3:::demo", "arn:aws:s3:::demo/x"));
        assert!(!glob("arn:aws:s3:::demo/*", "arn:aws:s3:::demo2/x"));
        assert!(glob("s3:*", "s3:GetObject"));
        assert!(glob("*o*", "demo"));
    }
}

/// The files s3s-fs keeps beside an object: its metadata and its internal info.
fn sidecars(root: &Path, bucket: &str, key: &str) -> [PathBuf; 2] {
    let encode = |s: &str| base64_simd::URL_SAFE_NO_PAD.encode_to_string(s);
    let stem = format!(".bucket-{}.object-{}", encode(bucket), encode(key));
    [
        root.join(format!("{stem}.metadata.json")),
        root.join(format!("{stem}.internal.json")),
    ]
}

/// The directory where the server keeps bucket `bucket`.
pub fn bucket_dir(root: &Path, bucket: &str) -> PathBuf {
    root.join(bucket)
}
