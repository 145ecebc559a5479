//! PostgreSQL over TLS against a real server: a throwaway cluster (`initdb`) that the
//! test starts with `ssl=on` and a certificate it makes (rcgen), then without TLS.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use crate::common::fixtures::{jpeg, photo_like};
use crate::common::*;

const PG_BIN: &str = "/usr/lib/postgresql/15/bin";

/// A command as the owner of the cluster: PostgreSQL refuses to run as root, so as root
/// it runs as the `postgres` user.
fn as_owner(program: &str) -> Command {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--", program]);
        c
    } else {
        Command::new(program)
    }
}

/// A throwaway PostgreSQL 15 cluster on a free port, stopped when dropped.
pub(crate) struct PgServer {
    _dir: tempfile::TempDir,
    data: PathBuf,
    pub(crate) port: u16,
    child: Option<Child>,
}

impl PgServer {
    pub(crate) fn new() -> PgServer {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        if unsafe { libc::geteuid() } == 0 {
            let ok = Command::new("chown")
                .args(["-R", "postgres"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(ok.success());
        }
        let out = as_owner(&format!("{PG_BIN}/initdb"))
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"])
            .arg(&data)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        PgServer {
            _dir: dir,
            data,
            port: free_port(),
            child: None,
        }
    }

    /// Password authentication over TCP (scram-sha-256), trust over the socket; call
    /// before [`PgServer::start`], then [`PgServer::set_password`].
    pub(crate) fn require_passwords(&self) {
        self.write(
            "pg_hba.conf",
            "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n",
        );
    }

    /// Sets the `postgres` user's password (over the socket, which trusts).
    pub(crate) fn set_password(&self, password: &str) {
        let out = Command::new(format!("{PG_BIN}/psql"))
            .arg("-h")
            .arg(&self.data)
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                "postgres",
            ])
            .args(["-v", "ON_ERROR_STOP=1", "-c"])
            .arg(format!("ALTER USER postgres PASSWORD '{password}'"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "psql: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Writes a file the server reads (owned by it, mode 0600 as it requires for keys).
    fn write(&self, name: &str, text: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt as _;
        let path = self.data.join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        if unsafe { libc::geteuid() } == 0 {
            assert!(
                Command::new("chown")
                    .arg("postgres")
                    .arg(&path)
                    .status()
                    .unwrap()
                    .success()
            );
        }
        path
    }

    /// Starts the server, with TLS from `cert` and `key` (PEM) or without; waits until
    /// it accepts connections.
    pub(crate) fn start(&mut self, tls: Option<(&str, &str)>) {
        self.stop();
        let mut cmd = as_owner(&format!("{PG_BIN}/postgres"));
        cmd.arg("-D")
            .arg(&self.data)
            .args([
                "-p",
                &self.port.to_string(),
                "-c",
                "listen_addresses=127.0.0.1",
            ])
            .args(["-c", "fsync=off", "-c", "shared_buffers=16MB"])
            .arg("-c")
            .arg(format!("unix_socket_directories={}", self.data.display()));
        match tls {
            Some((cert, key)) => {
                let cert = self.write("server.crt", cert);
                let key = self.write("server.key", key);
                cmd.args(["-c", "ssl=on"])
                    .arg("-c")
                    .arg(format!("ssl_cert_file={}", cert.display()))
                    .arg("-c")
                    .arg(format!("ssl_key_file={}", key.display()));
            }
            None => {
                cmd.args(["-c", "ssl=off"]);
            }
        }
        // The server's log, appended to across restarts ([`PgServer::log`]).
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_path())
            .unwrap();
        cmd.stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::from(log));
        self.child = Some(cmd.spawn().unwrap());
        for _ in 0..200 {
            let ready = Command::new(format!("{PG_BIN}/pg_isready"))
                .args(["-q", "-h", "127.0.0.1", "-p", &self.port.to_string()])
                .status()
                .unwrap();
            if ready.success() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("the throwaway PostgreSQL did not start");
    }

    pub(crate) fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // The postmaster's own pid (runuser does not pass signals on): SIGINT is
            // PostgreSQL's "fast" shutdown.
            let pid_file = self.data.join("postmaster.pid");
            let pid = std::fs::read_to_string(&pid_file)
                .ok()
                .and_then(|t| t.lines().next().map(str::to_owned))
                .unwrap_or_else(|| child.id().to_string());
            let _ = Command::new("kill").args(["-INT", &pid]).status();
            let _ = child.wait();
            for _ in 0..100 {
                if !pid_file.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }

    fn log_path(&self) -> PathBuf {
        self._dir.path().join("server.log")
    }

    /// What the server has logged so far.
    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    /// The directory of the server's Unix socket.
    pub(crate) fn socket_dir(&self) -> &Path {
        &self.data
    }

    pub(crate) fn url(&self, host: &str, query: &str) -> String {
        format!("postgres://postgres@{host}:{}/postgres{query}", self.port)
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn pfp_db(home: &Path, url: &str) -> assert_cmd::Command {
    let mut c = pfp_isolated(home);
    c.env("DATABASE_URL", url);
    c
}

#[test]
fn postgres_over_tls_by_sslmode_with_a_certificate_the_test_made() {
    let home = tempfile::tempdir().unwrap();
    let Pki {
        ca_pem: ca,
        cert_pem: cert,
        key_pem: key,
    } = make_pki(&["localhost", "127.0.0.1"]);
    let other_ca = make_pki(&["localhost"]).ca_pem;
    let ca_file = home.path().join("ca.pem");
    std::fs::write(&ca_file, &ca).unwrap();
    let other_ca_file = home.path().join("other-ca.pem");
    std::fs::write(&other_ca_file, &other_ca).unwrap();
    let mut pg = PgServer::new();
    pg.start(Some((&cert, &key)));

    // require: encrypted, whoever answers; doctor says how the connection travels.
    let url = pg.url("127.0.0.1", "?sslmode=require");
    let out = run(pfp_db(home.path(), &url).args(ADD_USER_A));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(pfp_db(home.path(), &url).args(["doctor", "--json"]));
    let database = doctor_check(&out.stdout, "database");
    assert!(
        database["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("over TLS (sslmode=require)"),
        "{database}"
    );

    // verify-full with the CA that signed it, by a name in the certificate.
    let url = pg.url(
        "localhost",
        &format!("?sslmode=verify-full&sslrootcert={}", ca_file.display()),
    );
    let out = run(pfp_db(home.path(), &url).args(["user", "list", "--tsv"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("a@example.com"), "{}", out.stdout);

    // verify-full with no sslrootcert trusts the system's store, as psql does, whatever
    // the S3 endpoint is: here plain HTTP, whose start-up once pointed the process's
    // SSL_CERT_FILE at /dev/null. The test's CA is put in a store that
    // rustls-native-certs reads (SSL_CERT_FILE); without it, the same URL is refused.
    let bundle = home.path().join("system-bundle.pem");
    std::fs::write(&bundle, &ca).unwrap();
    let url = pg.url("localhost", "?sslmode=verify-full");
    let out = run(pfp_db(home.path(), &url)
        .env("MINIO_ENDPOINT", "http://127.0.0.1:9")
        .env("SSL_CERT_FILE", &bundle)
        .args(["user", "list", "--tsv"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("a@example.com"), "{}", out.stdout);
    let out = run(pfp_db(home.path(), &url)
        .env("MINIO_ENDPOINT", "http://127.0.0.1:9")
        .env("SSL_CERT_FILE", &other_ca_file)
        .args(["user", "list", "--tsv"]));
    assert_eq!(out.code, 7, "{}", out.stderr);

    // libpq's variables, where the URL says nothing: the same as the parameters.
    let out = run(pfp_db(home.path(), &pg.url("localhost", ""))
        .env("PGSSLMODE", "verify-full")
        .env("PGSSLROOTCERT", &ca_file)
        .args(["doctor", "--json"]));
    assert!(
        out.stdout.contains("over TLS (sslmode=verify-full)"),
        "{}",
        out.stdout
    );
    let out = run(pfp_db(home.path(), &pg.url("localhost", ""))
        .env("PGSSLMODE", "verify-full")
        .env("PGSSLROOTCERT", &other_ca_file)
        .args(["user", "list"]));
    assert_eq!(out.code, 7, "{}", out.stderr);

    // verify-full (and verify-ca, and require with a root certificate) with the wrong
    // CA: a configuration error, exit 7, naming the certificate problem and the file.
    for mode in ["verify-full", "verify-ca", "require"] {
        let url = pg.url(
            "localhost",
            &format!("?sslmode={mode}&sslrootcert={}", other_ca_file.display()),
        );
        let out = run(pfp_db(home.path(), &url).args(["user", "list"]));
        assert_eq!(out.code, 7, "{mode}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!("TLS (sslmode={mode}) failed")),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("invalid peer certificate"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("other-ca.pem"), "{}", out.stderr);
    }

    // A name the certificate does not hold: verify-ca accepts it, verify-full does not.
    let other_name = make_pki(&["db.example.internal"]);
    std::fs::write(&ca_file, &other_name.ca_pem).unwrap();
    pg.start(Some((&other_name.cert_pem, &other_name.key_pem)));
    let query = |mode: &str| format!("?sslmode={mode}&sslrootcert={}", ca_file.display());
    let out =
        run(pfp_db(home.path(), &pg.url("localhost", &query("verify-ca"))).args(["user", "list"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(
        pfp_db(home.path(), &pg.url("localhost", &query("verify-full"))).args(["user", "list"]),
    );
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("certificate not valid for name \"localhost\""),
        "{}",
        out.stderr
    );

    // A server without TLS: require fails (exit 7, not "retry later"); prefer, the
    // default, connects plain, which on a loopback address is not worth a warning.
    pg.start(None);
    let out =
        run(pfp_db(home.path(), &pg.url("127.0.0.1", "?sslmode=require")).args(["user", "list"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("does not offer TLS"), "{}", out.stderr);
    let out = run(pfp_db(home.path(), &pg.url("127.0.0.1", "")).args(["user", "list", "--tsv"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    // The config file's database.sslmode applies where the URL and PGSSLMODE are silent,
    // and the URL's own parameter beats it.
    let config = home.path().join("pfp.toml");
    std::fs::write(&config, "[database]\nsslmode = \"require\"\n").unwrap();
    let out = run(pfp_db(home.path(), &pg.url("127.0.0.1", ""))
        .env("PFP_CONFIG", &config)
        .args(["user", "list"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("does not offer TLS"), "{}", out.stderr);
    let out = run(pfp_db(home.path(), &pg.url("127.0.0.1", ""))
        .env("PFP_CONFIG", &config)
        .args(["config", "show"]));
    assert!(
        out.stdout.lines().any(|l| l.starts_with("database.sslmode")
            && l.contains("require")
            && l.contains(&config.display().to_string())),
        "{}",
        out.stdout
    );
    let out = run(pfp_db(home.path(), &pg.url("127.0.0.1", "?sslmode=prefer"))
        .env("PFP_CONFIG", &config)
        .args(["user", "list", "--tsv"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out =
        run(pfp_db(home.path(), &pg.url("127.0.0.1", "?sslmode=sometimes")).args(["user", "list"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("sslmode 'sometimes' is not one of"),
        "{}",
        out.stderr
    );
}

#[test]
fn postgres_over_a_unix_socket_connects_as_psql_does() {
    // libpq's three ways to name a socket directory, with the server offering TLS:
    // over a socket TLS is never used, whatever sslmode says (the server refuses it
    // there), as psql connects. pfp failed all three: `TLS (sslmode=disable) failed:
    // invalid dns name`, or looked up `%2Frun%2F...` as a host name.
    let home = tempfile::tempdir().unwrap();
    let pki = make_pki(&["localhost"]);
    let mut pg = PgServer::new();
    pg.start(Some((&pki.cert_pem, &pki.key_pem)));
    let dir = pg.socket_dir().display().to_string();
    let encoded: String = dir.replace('/', "%2F");
    let port = pg.port;
    let urls = [
        format!("postgres://postgres@{encoded}:{port}/postgres"),
        format!("postgres:///postgres?host={dir}&port={port}&user=postgres&sslmode=require"),
        format!("postgres://postgres@{encoded}:{port}/postgres?sslmode=verify-full"),
    ];
    let out = run(pfp_db(home.path(), &urls[0]).args(ADD_USER_A));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for url in &urls {
        let out = run(pfp_db(home.path(), url).args(["user", "list", "--tsv"]));
        assert_eq!(out.code, 0, "{url}: {}", out.stderr);
        assert!(out.stdout.contains("a@example.com"), "{}", out.stdout);
        assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    }
    // PGHOST names the directory too; doctor says how the connection travels.
    let out = run(pfp_db(home.path(), "postgres:///postgres")
        .env("PGHOST", &dir)
        .env("PGPORT", port.to_string())
        .env("PGUSER", "postgres")
        .args(["doctor", "--json"]));
    let database = doctor_check(&out.stdout, "database");
    assert_eq!(database["ok"], true, "{database}");
    let detail = database["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("over a Unix socket, where TLS is never used"),
        "{detail}"
    );
}

#[test]
fn pfp_ends_its_postgresql_sessions_as_a_client_should() {
    // A connection dropped as the process exits is reset with the server's last answers
    // unread (over TLS, about every second run of the build before this test), and
    // PostgreSQL logs each such reset. pfp's connections (an import's extra ones too)
    // end with a Terminate the server reads: its log stays free of resets, over some 25
    // sessions here.
    let Pki {
        cert_pem: cert,
        key_pem: key,
        ..
    } = make_pki(&["localhost", "127.0.0.1"]);
    let mut server = PgServer::new();
    server.start(Some((&cert, &key)));
    let schema = format!("pfp_close_{}", std::process::id());
    crate::common::db::pg_exec(
        &server.url("127.0.0.1", ""),
        &format!("CREATE SCHEMA {schema}"),
    );
    let db = crate::common::db::TestDb::Postgres {
        url: server.url(
            "127.0.0.1",
            &format!("?sslmode=require&options=-csearch_path%3D{schema}"),
        ),
        schema,
    };
    // Stack::new runs `bucket init`, which opens the database where one exists: here
    // it has no pfp tables yet, and the refusal must end the session cleanly too.
    let s = Stack::new(&db);
    s.add_users(12);
    let dir = s.dir().join("batch");
    std::fs::create_dir(&dir).unwrap();
    for i in 1..=12u32 {
        std::fs::write(
            dir.join(format!("{i}.jpg")),
            jpeg(&photo_like(64, 48, 300 + u64::from(i)), 85),
        )
        .unwrap();
    }
    let out = run(s.pfp().args(["import", "-j", "8", "-v"]).arg(&dir));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for args in [
        &["get-url", "--user", "3"][..],
        &["user", "list"],
        &["verify"],
    ] {
        let out = run(s.pfp().args(args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    let log = server.log();
    assert!(
        log.contains("ready to accept connections"),
        "the server's log is read: {log}"
    );
    for reset in [
        "could not receive data from client",
        "unexpected EOF on client connection",
    ] {
        assert!(!log.contains(reset), "{log}");
    }
}
