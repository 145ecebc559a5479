//! Shared fixtures of the integration tests: a real S3 server per test, an isolated
//! environment for the binary, and unique bucket names so tests run in parallel.

#![allow(dead_code)] // each test binary uses a different part of this module

pub mod db;
pub mod s3server;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use assert_cmd::Command;
use s3server::{OtherTenant, S3Server, ServerOptions};

pub const ACCESS_KEY: &str = "pfp-test-access";
/// Every output of the suite is checked not to contain this.
pub const SECRET_KEY: &str = "pfp-test-SECRET-c0ffee";
pub const OTHER_ACCESS_KEY: &str = "other-tenant";
pub const OTHER_SECRET_KEY: &str = "other-tenant-secret";
pub const FOREIGN_PREFIX: &str = "foreign-";

/// A bucket name no other test in this run uses.
pub fn unique_bucket(stem: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{stem}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// One test's world: a server, a temp home, and a bucket name.
pub struct World {
    pub server: S3Server,
    pub dir: tempfile::TempDir,
    pub bucket: String,
}

impl World {
    pub fn new() -> World {
        let dir = tempfile::tempdir().expect("a temp dir");
        let server = start_server(dir.path(), 0);
        World {
            server,
            dir,
            bucket: unique_bucket("t"),
        }
    }

    pub fn data_root(&self) -> PathBuf {
        self.dir.path().join("s3")
    }

    /// `pfp` with the environment pointing at this world's server and bucket.
    pub fn pfp(&self) -> Command {
        let mut cmd = pfp_isolated(self.dir.path());
        cmd.env("MINIO_ENDPOINT", self.server.endpoint())
            .env("MINIO_ACCESS_KEY", ACCESS_KEY)
            .env("MINIO_SECRET_KEY", SECRET_KEY)
            .env("MINIO_BUCKET_NAME", &self.bucket);
        cmd
    }
}

/// Starts a server with the test keys and another tenant, data under `dir/s3`.
pub fn start_server(dir: &Path, port: u16) -> S3Server {
    S3Server::start(ServerOptions {
        port,
        root: dir.join("s3"),
        access_key: ACCESS_KEY.into(),
        secret_key: SECRET_KEY.into(),
        other_tenant: Some(OtherTenant {
            access_key: OTHER_ACCESS_KEY.into(),
            secret_key: OTHER_SECRET_KEY.into(),
            bucket_prefix: FOREIGN_PREFIX.into(),
        }),
    })
    .expect("the test S3 server starts")
}

/// `pfp` with no configuration leaking in from the machine: HOME and XDG dirs point into
/// `home`, and every variable pfp reads is removed.
pub fn pfp_isolated(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pfp"));
    for var in [
        "MINIO_ENDPOINT",
        "MINIO_ACCESS_KEY",
        "MINIO_SECRET_KEY",
        "MINIO_ROOT_USER",
        "MINIO_ROOT_PASSWORD",
        "MINIO_BUCKET_NAME",
        "MINIO_USE_SSL",
        "MINIO_REGION",
        "DATABASE_URL",
        "PFP_CONFIG",
        "NO_COLOR",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"));
    cmd
}

/// A TCP port that nothing listens on (bound, then released).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("an address").port()
}

/// The output of a finished command as text, asserting the secret is not in it.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Out {
    let output = cmd.output().expect("pfp runs");
    let out = Out {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        !out.stdout.contains(SECRET_KEY) && !out.stderr.contains(SECRET_KEY),
        "the secret key leaked into the output:\n{}\n{}",
        out.stdout,
        out.stderr
    );
    out
}

/// Parses each stdout line as JSON.
pub fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}
