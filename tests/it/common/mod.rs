//! Shared fixtures of the integration tests: a real S3 server per test, an isolated
//! environment for the binary, and unique bucket names so tests run in parallel.

#![allow(dead_code)] // examples/, benches/ and the dev server include parts of it too

pub mod bucket;
#[macro_use]
pub mod db;
pub mod fixtures;
pub mod s3server;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use assert_cmd::Command;
use s3server::{OtherTenant, S3Server, ServerOptions, SessionAccount};

pub const ACCESS_KEY: &str = "pfp-test-access";
/// Every output of the suite is checked not to contain this.
pub const SECRET_KEY: &str = "pfp-test-SECRET-c0ffee";
pub const OTHER_ACCESS_KEY: &str = "other-tenant";
pub const OTHER_SECRET_KEY: &str = "other-tenant-secret";
pub const FOREIGN_PREFIX: &str = "foreign-";
/// Temporary credentials: the server wants SESSION_TOKEN with every request they sign.
pub const SESSION_ACCESS_KEY: &str = "ASIA-pfp-test-session";
pub const SESSION_SECRET_KEY: &str = "pfp-test-SESSION-SECRET-beef";
pub const SESSION_TOKEN: &str = "pfp-test-SESSION-TOKEN/with+odd=chars";

/// A bucket name no other test in this run uses.
pub fn unique_bucket(stem: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{stem}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Which S3 server a test's world talks to.
///
/// `PFP_TEST_SERVER=rgw` (with `PFP_TEST_RGW_ENDPOINT`, as `scripts/rgw start` prints)
/// points every [`World::new`] at a Ceph RGW that holds the test accounts; unset or
/// `s3s-fs`, each world starts its own in-process s3s-fs. Tests that drive s3s-fs's own
/// hooks (injected faults, request counters, a server stopped mid-run, temporary
/// credentials, its data folder) ask for [`World::local`] and run on s3s-fs either way.
pub enum TestServer {
    Local(S3Server),
    Rgw { endpoint: String },
}

/// The server the suite was asked to run against: "s3s-fs" or "rgw".
pub fn server_kind() -> &'static str {
    match std::env::var("PFP_TEST_SERVER").as_deref() {
        Err(_) | Ok("") | Ok("s3s-fs") => "s3s-fs",
        Ok("rgw") => "rgw",
        Ok(other) => panic!("PFP_TEST_SERVER={other}: expected s3s-fs or rgw"),
    }
}

impl TestServer {
    pub fn endpoint(&self) -> String {
        match self {
            TestServer::Local(server) => server.endpoint(),
            TestServer::Rgw { endpoint } => endpoint.clone(),
        }
    }

    pub fn port(&self) -> u16 {
        self.endpoint()
            .rsplit(':')
            .next()
            .and_then(|p| p.trim_end_matches('/').parse().ok())
            .expect("a port in the endpoint")
    }

    /// The in-process server, for a test that drives its hooks.
    pub fn local(&self) -> &S3Server {
        match self {
            TestServer::Local(server) => server,
            TestServer::Rgw { .. } => {
                panic!("this test drives s3s-fs's hooks: its world must be World::local()")
            }
        }
    }

    pub fn local_mut(&mut self) -> &mut S3Server {
        match self {
            TestServer::Local(server) => server,
            TestServer::Rgw { .. } => {
                panic!("this test drives s3s-fs's hooks: its world must be World::local()")
            }
        }
    }

    pub fn stop(&mut self) {
        self.local_mut().stop()
    }

    pub fn list_requests(&self) -> u64 {
        self.local().list_requests()
    }

    pub fn wait_for_picture_puts(&self, n: u64) {
        self.local().wait_for_picture_puts(n)
    }

    pub fn wait_for_held_heads(&self, n: u64) {
        self.local().wait_for_held_heads(n)
    }
}

/// One test's world: a server, a temp home, and a bucket name.
pub struct World {
    pub server: TestServer,
    pub dir: tempfile::TempDir,
    pub bucket: String,
}

impl World {
    /// pfp isolated in this world's folder, with its server, keys and bucket, and `db`.
    pub fn pfp_std(&self, db: &str) -> std::process::Command {
        let mut cmd = pfp_isolated_std(self.dir.path());
        cmd.env("MINIO_ENDPOINT", self.server.endpoint())
            .env("MINIO_ACCESS_KEY", ACCESS_KEY)
            .env("MINIO_SECRET_KEY", SECRET_KEY)
            .env("MINIO_BUCKET_NAME", &self.bucket)
            .env("DATABASE_URL", db);
        cmd
    }

    /// A bulk import ready to run: the bucket made, users `u0@example.com` .. and, in the
    /// folder returned, a `width` x `height` photo of each, named by email.
    pub fn users_with_photos(&self, db: &str, users: usize, width: u32, height: u32) -> PathBuf {
        let out = run(assert_cmd::Command::from_std(self.pfp_std(db)).args(["bucket", "init"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let photos = self.dir.path().join("photos");
        std::fs::create_dir(&photos).unwrap();
        let mut csv = String::from("email,nickname\n");
        for i in 0..users {
            csv.push_str(&format!("u{i}@example.com,u{i}\n"));
            std::fs::write(
                photos.join(format!("u{i}@example.com.jpg")),
                fixtures::jpeg(&fixtures::photo_like(width, height, i as u64), 90),
            )
            .unwrap();
        }
        let list = self.dir.path().join("users.csv");
        std::fs::write(&list, csv).unwrap();
        let out = run(assert_cmd::Command::from_std(self.pfp_std(db))
            .args(["user", "import"])
            .arg(&list));
        assert_eq!(out.code, 0, "{}", out.stderr);
        photos
    }

    /// A world on the server the suite runs against (see [`TestServer`]).
    pub fn new() -> World {
        match server_kind() {
            "rgw" => {
                let endpoint = std::env::var("PFP_TEST_RGW_ENDPOINT").expect(
                    "PFP_TEST_SERVER=rgw needs PFP_TEST_RGW_ENDPOINT (scripts/rgw start prints it)",
                );
                World {
                    server: TestServer::Rgw { endpoint },
                    dir: tempfile::tempdir().expect("a temp dir"),
                    bucket: unique_bucket("t"),
                }
            }
            _ => World::local(),
        }
    }

    /// A world on an in-process s3s-fs, whatever the suite runs against.
    pub fn local() -> World {
        World::with_faults(None)
    }

    /// A world whose (in-process) server answers 503 to uploads of keys containing
    /// `fail_puts`.
    pub fn with_faults(fail_puts: Option<&str>) -> World {
        World::local_with(|o| ServerOptions {
            fail_puts_containing: fail_puts.map(str::to_owned),
            ..o
        })
    }

    /// A world on an in-process s3s-fs started with the test options as `options`
    /// changes them (faults, delays, a server that ignores `If-None-Match`).
    pub fn local_with(options: impl FnOnce(ServerOptions) -> ServerOptions) -> World {
        let dir = tempfile::tempdir().expect("a temp dir");
        let server = S3Server::start(options(test_options(dir.path(), 0)))
            .expect("the test S3 server starts");
        World {
            server: TestServer::Local(server),
            dir,
            bucket: unique_bucket("t"),
        }
    }

    /// s3s-fs's data folder (local worlds only).
    pub fn data_root(&self) -> PathBuf {
        self.server.local();
        self.dir.path().join("s3")
    }

    /// The server's `host:port`, as an app that stores the endpoint without a scheme
    /// writes it.
    pub fn host(&self) -> String {
        self.server
            .endpoint()
            .trim_start_matches("http://")
            .to_owned()
    }

    /// This world's bucket as the test account sees it through the S3 API.
    pub fn s3(&self) -> bucket::Bucket {
        self.s3_bucket(&self.bucket)
    }

    /// Another bucket of the test account on this world's server.
    pub fn s3_bucket(&self, name: &str) -> bucket::Bucket {
        bucket::Bucket::new(&self.server.endpoint(), ACCESS_KEY, SECRET_KEY, name)
    }

    /// A bucket of "another tenant" on this world's server.
    pub fn other_tenant_bucket(&self, name: &str) -> bucket::Bucket {
        bucket::Bucket::new(
            &self.server.endpoint(),
            OTHER_ACCESS_KEY,
            OTHER_SECRET_KEY,
            name,
        )
    }

    /// Every object in the bucket, markers included, with its bytes, read through the
    /// S3 API.
    pub fn all_objects(&self) -> Vec<(String, Vec<u8>)> {
        self.s3().all_objects()
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
    S3Server::start(test_options(dir, port)).expect("the test S3 server starts")
}

/// The test keys, another tenant, data under `dir/s3`; no faults.
pub fn test_options(dir: &Path, port: u16) -> ServerOptions {
    ServerOptions {
        other_tenant: Some(OtherTenant {
            access_key: OTHER_ACCESS_KEY.into(),
            secret_key: OTHER_SECRET_KEY.into(),
            bucket_prefix: FOREIGN_PREFIX.into(),
        }),
        session: Some(SessionAccount {
            access_key: SESSION_ACCESS_KEY.into(),
            secret_key: SESSION_SECRET_KEY.into(),
            token: SESSION_TOKEN.into(),
        }),
        ..ServerOptions::plain(port, dir.join("s3"), ACCESS_KEY, SECRET_KEY)
    }
}

/// `pfp` with no configuration leaking in from the machine: HOME and XDG dirs point into
/// `home`, and every variable pfp reads is removed.
pub fn pfp_isolated(home: &Path) -> Command {
    Command::from_std(pfp_isolated_std(home))
}

/// [`pfp_isolated`] as a `std::process::Command`, for spawning and measuring the child.
pub fn pfp_isolated_std(home: &Path) -> std::process::Command {
    pfp_copy_isolated(Path::new(env!("CARGO_BIN_EXE_pfp")), home)
}

/// [`pfp_isolated_std`] of a copy of the pfp program at `program`.
pub fn pfp_copy_isolated(program: &Path, home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    // The list pfp itself declares (settings::spec): a new setting is isolated here too.
    for var in pfp::settings::spec::env_vars() {
        cmd.env_remove(var);
    }
    for (var, _) in std::env::vars_os() {
        let name = var.to_string_lossy();
        if pfp::settings::spec::ENV_PREFIXES
            .iter()
            .any(|p| name.starts_with(p))
        {
            cmd.env_remove(&var);
        }
    }
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"));
    cmd
}

/// `user add --email a@example.com --nickname a`: the one user many tests need.
pub const ADD_USER_A: [&str; 6] = ["user", "add", "--email", "a@example.com", "--nickname", "a"];

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
        [SECRET_KEY, SESSION_SECRET_KEY]
            .iter()
            .all(|k| !out.stdout.contains(k) && !out.stderr.contains(k)),
        "the secret key leaked into the output:\n{}\n{}",
        out.stdout,
        out.stderr
    );
    out
}

/// What a finished child cost: its CPU time (user + system, wait4's rusage) and peak
/// resident memory (the high-water mark of its own address space), with its output.
pub struct Measured {
    pub out: Out,
    pub cpu: std::time::Duration,
    /// The most the process tree held: see [`run_measured`].
    pub peak_rss: u64,
    /// The high-water mark of the command's own process (`VmHWM`), without the jailed
    /// decoders it started.
    pub own_peak: u64,
}

/// Runs `cmd` to the end and measures it. Output is collected on threads so a chatty
/// child never blocks on a full pipe.
// The child is reaped with wait4 (for its rusage), not Child::wait.
#[allow(clippy::zombie_processes)]
pub fn run_measured(cmd: &mut std::process::Command) -> Measured {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pfp starts");
    let collect = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = collect(Box::new(child.stdout.take().expect("stdout")));
    let stderr = collect(Box::new(child.stderr.take().expect("stderr")));
    // Not rusage's ru_maxrss: that counts the address space the child had before exec,
    // which a vfork shares with this (large, multi-threaded) test process. VmHWM is the
    // high-water mark of a process's own address space after exec; it only grows, so
    // the last reading before a process ends is its peak. pfp decodes in jailed
    // processes of its own (a zygote per decode in flight, a child per file), so the
    // whole tree is read: the peak is the larger of any one process's high-water mark
    // and the most that the tree held at once (its resident sizes summed, every 2 ms).
    let hwm = {
        let root = child.id();
        std::thread::spawn(move || {
            let field = |pid: u32, name: &str| -> Option<u64> {
                let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
                text.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                    .map(|kb| kb * 1024)
            };
            let children = |pid: u32| -> Vec<u32> {
                let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
                    return Vec::new();
                };
                tasks
                    .flatten()
                    .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
                    .flat_map(|c| {
                        c.split_whitespace()
                            .filter_map(|p| p.parse().ok())
                            .collect::<Vec<u32>>()
                    })
                    .collect()
            };
            let (mut peak, mut own) = (0u64, 0u64);
            // The root's own VmHWM is gone once it is a zombie: stop then.
            while let Some(root_hwm) = field(root, "VmHWM:") {
                own = root_hwm;
                let mut tree = vec![root];
                let mut i = 0;
                while i < tree.len() {
                    let more = children(tree[i]);
                    tree.extend(more);
                    i += 1;
                }
                let mut together = 0u64;
                peak = peak.max(root_hwm);
                for &pid in &tree {
                    together += field(pid, "VmRSS:").unwrap_or(0);
                    peak = peak.max(field(pid, "VmHWM:").unwrap_or(0));
                }
                peak = peak.max(together);
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            (peak, own)
        })
    };
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain FFI call with valid pointers; the child is ours and not yet reaped.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(
        reaped,
        pid,
        "wait4 failed: {}",
        std::io::Error::last_os_error()
    );
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let time = |t: libc::timeval| {
        std::time::Duration::from_secs(t.tv_sec as u64)
            + std::time::Duration::from_micros(t.tv_usec as u64)
    };
    let out = Out {
        code,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    };
    assert!(
        [SECRET_KEY, SESSION_SECRET_KEY]
            .iter()
            .all(|k| !out.stdout.contains(k) && !out.stderr.contains(k)),
        "the secret key leaked into the output"
    );
    let (peak_rss, own_peak) = hwm.join().expect("the memory watcher");
    Measured {
        out,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak_rss,
        own_peak,
    }
}

/// The check named `name` in the last `pfp doctor --json` report on `stdout`.
pub fn doctor_check(stdout: &str, name: &str) -> serde_json::Value {
    let report = json_lines(stdout).pop().expect("a doctor report");
    report["checks"]
        .as_array()
        .expect("the report's checks")
        .iter()
        .find(|c| c["check"] == name)
        .unwrap_or_else(|| panic!("no check {name:?} in {report}"))
        .clone()
}

/// Parses each stdout line as JSON.
pub fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}

/// The status of each file of `pfp import --json`'s output, in order.
pub fn import_statuses(stdout: &str) -> Vec<String> {
    json_lines(stdout)
        .iter()
        .filter(|l| l["type"] == "import")
        .map(|l| l["status"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// A server, a database and a bucket, ready for picture commands.
pub struct Stack<'a> {
    pub world: World,
    pub db: &'a db::TestDb,
}

impl<'a> Stack<'a> {
    /// Starts a server, creates the bucket, and adds users `njit` (id 1) and `other` (id 2).
    pub fn new(db: &'a db::TestDb) -> Stack<'a> {
        Stack::with_world(db, World::new())
    }

    /// [`Stack::new`] on an in-process s3s-fs, for tests that drive its hooks.
    pub fn local(db: &'a db::TestDb) -> Stack<'a> {
        Stack::with_world(db, World::local())
    }

    pub fn with_world(db: &'a db::TestDb, world: World) -> Stack<'a> {
        let stack = Stack { world, db };
        let out = run(stack.pfp().args(["bucket", "init"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        for (email, nick) in [("njit@example.edu", "njit"), ("other@example.edu", "other")] {
            let out = run(stack
                .pfp()
                .args(["user", "add", "--email", email, "--nickname", nick]));
            assert_eq!(out.code, 0, "{}", out.stderr);
        }
        stack
    }

    pub fn pfp(&self) -> Command {
        let mut cmd = self.world.pfp();
        cmd.env("DATABASE_URL", self.db.url());
        cmd
    }

    pub fn dir(&self) -> &Path {
        self.world.dir.path()
    }

    /// A plain `std::process::Command` for pfp with this stack's environment, for tests
    /// that need the child's pid (signals).
    pub fn std_command(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_pfp"));
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.env());
        cmd
    }

    /// `bash -c script` with this stack's environment and pfp first on the PATH: how a
    /// test runs the commands of examples/ as a scheduler would.
    pub fn shell(&self, script: &str, env: &[(&str, &str)]) -> Out {
        let bin = Path::new(env!("CARGO_BIN_EXE_pfp"))
            .parent()
            .unwrap()
            .to_owned();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut cmd = Command::new("bash");
        cmd.env_clear()
            .envs(self.env())
            .env("PATH", path)
            .envs(env.iter().copied())
            .current_dir(self.dir())
            .arg("-c")
            .arg(script);
        run(&mut cmd)
    }

    /// The environment of this stack's pfp runs (no PATH).
    fn env(&self) -> Vec<(&'static str, String)> {
        let home = self.dir();
        vec![
            ("HOME", home.display().to_string()),
            ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
            ("XDG_DATA_HOME", home.join("data").display().to_string()),
            ("MINIO_ENDPOINT", self.world.server.endpoint()),
            ("MINIO_ACCESS_KEY", ACCESS_KEY.to_owned()),
            ("MINIO_SECRET_KEY", SECRET_KEY.to_owned()),
            ("MINIO_BUCKET_NAME", self.world.bucket.clone()),
            ("DATABASE_URL", self.db.url().to_owned()),
        ]
    }

    /// Writes a file into the test's directory and returns its path.
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Runs `command`, which must succeed: its output, and the picture PUTs (started) and
    /// HEADs that s3s-fs counted meanwhile.
    fn picture_requests_of(&self, command: impl FnOnce() -> Out) -> (Out, (u64, u64)) {
        let server = self.world.server.local();
        let (heads, puts) = (server.picture_heads(), server.picture_puts_started());
        let out = command();
        assert_eq!(out.code, 0, "{}", out.stderr);
        let seen = (
            server.picture_puts_started() - puts,
            server.picture_heads() - heads,
        );
        (out, seen)
    }

    /// Runs `command`, which must succeed and store `expected` new picture objects in an
    /// empty bucket with one PUT each: conditional where the server honours
    /// `If-None-Match: *`, after a HEAD where it ignores the header (`ignore`). Checks the
    /// requests s3s-fs counted; returns the command's output.
    pub fn storing_each_object_once(
        &self,
        ignore: bool,
        expected: u64,
        command: impl FnOnce() -> Out,
    ) -> Out {
        let (out, seen) = self.picture_requests_of(command);
        assert_eq!(self.keys().len() as u64, expected, "{:?}", self.keys());
        let heads = if ignore { expected } else { 0 };
        assert_eq!(seen, (expected, heads), "(PUTs, HEADs), ignore: {ignore}");
        out
    }

    /// Runs `command`, which must succeed and find each of the bucket's `stored` picture
    /// objects already there: by a conditional PUT the server refuses (412) where it
    /// honours `If-None-Match: *`, by a HEAD where it ignores the header (`ignore`), and
    /// never by overwriting. Checks the requests s3s-fs counted and that every object's
    /// bytes are as they were; returns the command's output.
    pub fn finding_each_object_present(
        &self,
        ignore: bool,
        stored: u64,
        command: impl FnOnce() -> Out,
    ) -> Out {
        let before = self.objects();
        let (out, seen) = self.picture_requests_of(command);
        let expected = if ignore { (0, stored) } else { (stored, 0) };
        assert_eq!(seen, expected, "(refused PUTs, HEADs), ignore: {ignore}");
        assert_eq!(
            self.objects(),
            before,
            "nothing overwritten, nothing removed"
        );
        out
    }

    /// Every picture object in the bucket with its bytes, read through the S3 API
    /// (pfp's markers under `.pfp/` left out: see [`Stack::markers`]).
    pub fn objects(&self) -> Vec<(String, Vec<u8>)> {
        let mut objects = self.all_objects();
        objects.retain(|(key, _)| !key.starts_with(".pfp/"));
        objects
    }

    /// The store id and database markers under `.pfp/`.
    pub fn markers(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.all_objects().into_iter().map(|(k, _)| k).collect();
        keys.retain(|key| key.starts_with(".pfp/"));
        keys
    }

    /// Every object in the bucket, markers included.
    pub fn all_objects(&self) -> Vec<(String, Vec<u8>)> {
        self.world.all_objects()
    }

    pub fn keys(&self) -> Vec<String> {
        self.objects().into_iter().map(|(k, _)| k).collect()
    }

    /// The users' rows and the ledger, as text, to compare before and after.
    pub fn rows(&self) -> Vec<Option<String>> {
        let mut rows = self.db.query(
            "SELECT CAST(id AS TEXT) || '|' || COALESCE(profile_picture_url, '-') FROM users ORDER BY id",
        );
        rows.extend(self.db.query(
            "SELECT CAST(id AS TEXT) || '|' || kind || '|' || user_ref || '|' || object_key || '|' || CAST(is_current AS TEXT) FROM pfp_pictures ORDER BY id",
        ));
        rows
    }

    /// Adds users `user3` .. `user{n}` (ids 3..=n) with emails `userN@example.com`.
    pub fn add_users(&self, n: u32) {
        for i in 3..=n {
            let out = run(self.pfp().args([
                "user",
                "add",
                "--email",
                &format!("user{i}@example.com"),
                "--nickname",
                &format!("user{i}"),
            ]));
            assert_eq!(out.code, 0, "{}", out.stderr);
        }
    }

    /// The user's picture column.
    pub fn picture_url(&self, id: u32) -> Option<String> {
        self.db
            .query(&format!(
                "SELECT profile_picture_url FROM users WHERE id = {id}"
            ))
            .into_iter()
            .next()
            .flatten()
    }

    /// Uploads `bytes` as `name` for `user` and returns the output.
    pub fn upload(&self, user: &str, name: &str, bytes: &[u8], extra: &[&str]) -> Out {
        let path = self.file(name, bytes);
        run(self
            .pfp()
            .args(["upload", "--user", user])
            .args(extra)
            .arg(&path))
    }
}

/// Runs `case` twice, each time on a fresh SQLite stack on s3s-fs: first on a server
/// that refuses `If-None-Match: *` PUTs of existing keys with 412 (s3s-fs as it is, as
/// MinIO, AWS S3 and Ceph RGW), then on one made to ignore the header and overwrite (as
/// Garage and s3rver do); `case` gets the stack and whether the header is ignored. Both
/// runs must end with the same picture bytes in the bucket (keys name each run's own
/// users, random UUIDs, so only the bytes are compared).
pub fn on_servers_honouring_and_ignoring_if_none_match(case: impl Fn(&Stack<'_>, bool)) {
    let mut ends = Vec::new();
    for ignore in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let test_db = db::TestDb::sqlite(dir.path());
        let world = World::local_with(|o| ServerOptions {
            ignore_if_none_match: ignore,
            ..o
        });
        let s = Stack::with_world(&test_db, world);
        case(&s, ignore);
        let mut bytes: Vec<Vec<u8>> = s.objects().into_iter().map(|(_, b)| b).collect();
        bytes.sort();
        ends.push(bytes);
    }
    assert_eq!(ends[0], ends[1], "the same pictures either way");
}

/// Runs `cmd` with its clock set off by `offset` (libfaketime's relative form: `-10m`,
/// `+5m`): a machine whose clock drifted, against the server's right one. The monotonic
/// clock, which timeouts use, is left alone, as NTP leaves it.
pub fn with_clock_off<'a>(cmd: &'a mut Command, offset: &str) -> &'a mut Command {
    let lib = std::fs::read_dir("/usr/lib")
        .unwrap()
        .flatten()
        .map(|arch| arch.path().join("faketime/libfaketime.so.1"))
        .find(|lib| lib.exists())
        .expect("libfaketime (Debian's libfaketime package; .ci/run installs it)");
    cmd.env("LD_PRELOAD", lib)
        .env("FAKETIME", offset)
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
}

/// Whether `text` says the clock is `minutes` whole minutes `way` ("behind" or
/// "ahead of") the server's, give or take the second the `Date` header truncates.
pub fn names_clock_off(text: &str, minutes: u64, way: &str) -> bool {
    [
        format!("{}m59s", minutes - 1),
        format!("{minutes}m0s"),
        format!("{minutes}m1s"),
    ]
    .iter()
    .any(|amount| text.contains(&format!("{amount} {way} the server's")))
}

/// The `X-Amz-Date` a presigned URL was signed at.
pub fn signed_at(url: &str) -> std::time::SystemTime {
    let stamp = url.split("X-Amz-Date=").nth(1).expect("a presigned URL");
    let stamp = &stamp[..16];
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ")
        .unwrap()
        .and_utc()
        .into()
}

/// An HTTP GET without proxies: status, headers, body.
pub fn http_get(url: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let client = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap();
    let resp = client.get(url).send().expect("the server answers");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    (status, headers, resp.bytes().unwrap().to_vec())
}

/// A second listener that forwards every connection to `target` byte for byte, as a
/// reverse proxy that keeps the Host header would. Returns its port.
pub fn forwarder(target: u16) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = std::net::TcpStream::connect(("127.0.0.1", target)) else {
                continue;
            };
            splice(client, server);
        }
    });
    port
}

/// Copies bytes both ways between two connections until each side closes.
pub fn splice(a: std::net::TcpStream, b: std::net::TcpStream) {
    let (mut a2, mut b2) = (a.try_clone().unwrap(), b.try_clone().unwrap());
    let (mut a1, mut b1) = (a, b);
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut a1, &mut b1);
        let _ = b1.shutdown(std::net::Shutdown::Write);
    });
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut b2, &mut a2);
        let _ = a2.shutdown(std::net::Shutdown::Write);
    });
}

/// A CA and a server certificate for `names`, signed by it (PEM): for the TLS tests of
/// the S3 server and of PostgreSQL.
pub struct Pki {
    pub ca_pem: String,
    pub cert_pem: String,
    pub key_pem: String,
}

pub fn make_pki(names: &[&str]) -> Pki {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "pfp test CA");
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().unwrap();
    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    let cert = CertificateParams::new(names)
        .unwrap()
        .signed_by(&key, &issuer)
        .unwrap();
    Pki {
        ca_pem: ca_cert.pem(),
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    }
}

/// `template`'s program with `args` on a pseudo-terminal (`script`), with the variables
/// `template` sets and removes: stdin, stdout and stderr are the terminal; what the
/// program writes comes on script's stdout.
pub fn on_a_terminal(template: &std::process::Command, args: &str) -> std::process::Command {
    let mut script = std::process::Command::new("script");
    script.args([
        "-qec",
        &format!("{} {args}", template.get_program().to_string_lossy()),
        "/dev/null",
    ]);
    for (key, value) in template.get_envs() {
        match value {
            Some(value) => script.env(key, value),
            None => script.env_remove(key),
        };
    }
    script
}

/// The lines a terminal of 80 columns shows after `sent` (what a program wrote to it, as
/// `script` captured it), scrolled-off lines included: characters, line ends, the wrap
/// at the last column (deferred to the next character, as xterm does), and the cursor
/// movements and erasures progress bars draw with (CSI A, B, C, D, G, K, J; the other
/// sequences change nothing on screen here). 80 columns is what indicatif draws for
/// when the terminal reports no size, as `script`'s does: it pads each bar to the
/// width and lets the terminal wrap.
pub fn rendered(sent: &str) -> Vec<String> {
    const WIDTH: usize = 80;
    // Each row, and whether it continues the row above (the text wrapped into it).
    let mut screen: Vec<Vec<char>> = vec![Vec::new()];
    let mut continues = vec![false];
    let (mut row, mut col, mut wrap) = (0usize, 0usize, false);
    let mut chars = sent.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' if chars.peek() == Some(&'[') => {
                chars.next();
                let mut params = String::new();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        last = c;
                        break;
                    }
                    params.push(c);
                }
                let n = params.trim_start_matches('?').parse::<usize>().ok();
                let count = n.unwrap_or(1).max(1);
                let line = &mut screen[row];
                match last {
                    'A' => row = row.saturating_sub(count),
                    'B' => row += count,
                    'C' => col = (col + count).min(WIDTH - 1),
                    'D' => col = col.saturating_sub(count),
                    'G' => col = (count - 1).min(WIDTH - 1),
                    'K' => match n.unwrap_or(0) {
                        0 => line.truncate(col),
                        1 => line.iter_mut().take(col + 1).for_each(|c| *c = ' '),
                        _ => {
                            line.clear();
                            continues[row] = false;
                        }
                    },
                    'J' if n.unwrap_or(0) == 0 => {
                        line.truncate(col);
                        screen.truncate(row + 1);
                        continues.truncate(row + 1);
                    }
                    _ => continue,
                }
                wrap = false;
                while screen.len() <= row {
                    screen.push(Vec::new());
                    continues.push(false);
                }
            }
            '\r' => (col, wrap) = (0, false),
            '\n' => {
                (row, col, wrap) = (row + 1, 0, false);
                if screen.len() <= row {
                    screen.push(Vec::new());
                    continues.push(false);
                }
                continues[row] = false;
            }
            '\u{8}' => (col, wrap) = (col.saturating_sub(1), false),
            c if c.is_control() => {}
            c => {
                if wrap {
                    (row, col, wrap) = (row + 1, 0, false);
                    if screen.len() <= row {
                        screen.push(Vec::new());
                        continues.push(false);
                    }
                    continues[row] = true;
                }
                let line = &mut screen[row];
                while line.len() < col {
                    line.push(' ');
                }
                match line.get_mut(col) {
                    Some(at) => *at = c,
                    None => line.push(c),
                }
                match col + 1 == WIDTH {
                    true => wrap = true,
                    false => col += 1,
                }
            }
        }
    }
    // The rows a wrap joined, one line again.
    let mut lines: Vec<String> = Vec::new();
    for (line, continued) in screen.into_iter().zip(continues) {
        let text: String = line.into_iter().collect();
        match lines.last_mut() {
            Some(last) if continued => last.push_str(&text),
            _ => lines.push(text),
        }
    }
    lines.iter().map(|l| l.trim_end().to_owned()).collect()
}

/// Runs `script` ([`on_a_terminal`]) with `typed` typed on the terminal once the program
/// has started: the exit code and what the terminal showed.
pub fn typed_on_a_terminal(
    mut script: std::process::Command,
    typed: &str,
) -> (Option<i32>, String) {
    let out = script
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            std::thread::sleep(std::time::Duration::from_millis(800));
            child.stdin.take().unwrap().write_all(typed.as_bytes())?;
            child.wait_with_output()
        })
        .expect("script runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}
