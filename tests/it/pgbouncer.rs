//! pfp behind PgBouncer (Debian's `pgbouncer`, the pooler most deployments put in front
//! of PostgreSQL), in front of this machine's PostgreSQL 15, in session mode: the mode
//! "The user database" tells operators to use, where each client keeps a server session
//! of its own for as long as it is connected, and with it pfp's owner locks
//! (session-level advisory locks) and its prepared statements.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::db::{pg_exec, postgres_base, unique_pg_name};
use crate::common::fixtures::{jpeg, photo_like};
use crate::common::*;

const PGBOUNCER: &str = "/usr/sbin/pgbouncer";

/// A PgBouncer on a free port in front of a database of its own (made here, dropped
/// when this is dropped), reached as database `pfp`.
struct PgBouncer {
    dir: tempfile::TempDir,
    child: Child,
    port: u16,
    database: String,
}

impl PgBouncer {
    fn start(pool_mode: &str) -> PgBouncer {
        PgBouncer::start_with(pool_mode, 3)
    }

    fn start_with(pool_mode: &str, pool_size: u32) -> PgBouncer {
        assert!(
            Path::new(PGBOUNCER).exists(),
            "PgBouncer is needed for this test: apt-get install pgbouncer (scripts/test installs it)"
        );
        let database = unique_pg_name("pfp_pgbouncer");
        let base = postgres_base();
        pg_exec(&base, &format!("DROP DATABASE IF EXISTS {database}"));
        pg_exec(&base, &format!("CREATE DATABASE {database}"));
        let server: tokio_postgres::Config = base.parse().expect("PFP_TEST_POSTGRES");
        let host = match &server.get_hosts()[0] {
            tokio_postgres::config::Host::Tcp(host) => host.clone(),
            other => panic!("PgBouncer's test needs a TCP PostgreSQL, not {other:?}"),
        };
        let port = server.get_ports().first().copied().unwrap_or(5432);
        let user = server.get_user().unwrap_or("root");

        let dir = tempfile::tempdir().unwrap();
        let listen = free_port();
        let users = dir.path().join("users.txt");
        std::fs::write(&users, format!("\"{user}\" \"\"\n")).unwrap();
        let ini = dir.path().join("pgbouncer.ini");
        std::fs::write(
            &ini,
            format!(
                "[databases]\n\
                 pfp = host={host} port={port} dbname={database} user={user}\n\
                 [pgbouncer]\n\
                 listen_addr = 127.0.0.1\n\
                 listen_port = {listen}\n\
                 auth_type = trust\n\
                 auth_file = {}\n\
                 pool_mode = {pool_mode}\n\
                 default_pool_size = {pool_size}\n\
                 unix_socket_dir =\n",
                users.display()
            ),
        )
        .unwrap();
        let log = std::fs::File::create(dir.path().join("pgbouncer.log")).unwrap();
        let mut cmd = Command::new(PGBOUNCER);
        // PgBouncer refuses to run as root; -u drops to another user once it has read
        // its files.
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            cmd.args(["-u", "nobody"]);
        }
        let child = cmd
            .arg(&ini)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("pgbouncer starts");
        let bouncer = PgBouncer {
            dir,
            child,
            port: listen,
            database,
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", listen)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "PgBouncer did not listen: {}",
                bouncer.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        bouncer
    }

    fn url(&self) -> String {
        format!("postgres://root@127.0.0.1:{}/pfp", self.port)
    }

    /// pfp in `world`, its database this PgBouncer's.
    fn pfp(&self, world: &World) -> assert_cmd::Command {
        let mut c = world.pfp();
        c.env("DATABASE_URL", self.url());
        c
    }

    /// A world whose server holds every upload of a picture `put_delay` (under the owner
    /// lock), with the bucket made and one user, alice, through this PgBouncer.
    fn slow_world_with_alice(&self, put_delay: Duration) -> World {
        let world = World::local_with(|o| crate::common::s3server::ServerOptions {
            put_delay: Some(put_delay),
            put_delay_prefix: Some("users/".into()),
            ..o
        });
        self.ok(run(self.pfp(&world).args(["bucket", "init"])));
        let csv = world.dir.path().join("users.csv");
        std::fs::write(&csv, "email,nickname\nalice@example.org,alice\n").unwrap();
        self.ok(run(self.pfp(&world).args(["user", "import"]).arg(&csv)));
        world
    }

    /// Until an upload in `world` holds its user's owner lock: its picture's PUT has
    /// arrived (held by `put_delay`, under that lock), and the server shows the lock.
    /// (Waiting for any lock alone caught the store check's brief `.pfp/` lock before
    /// it, and a second upload could then overtake the first.)
    fn wait_for_the_users_lock(&self, world: &World) {
        world.server.wait_for_picture_puts(1);
        let advisory = format!(
            "SELECT CAST(count(*) AS TEXT) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 \
             AND database = (SELECT oid FROM pg_database WHERE datname = '{}')",
            self.database
        );
        assert_eq!(
            crate::common::db::pg_query(&postgres_base(), &advisory),
            vec![Some("1".to_owned())],
            "the upload holds its user's lock while its PUT is held"
        );
    }

    /// `out`, which must have succeeded (else the failure, with PgBouncer's log).
    fn ok(&self, out: Out) -> Out {
        assert_eq!(
            out.code,
            0,
            "{}\n{}\n{}",
            out.stdout,
            out.stderr,
            self.log()
        );
        out
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("pgbouncer.log")).unwrap_or_default()
    }
}

impl Drop for PgBouncer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        pg_exec(
            &postgres_base(),
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.database),
        );
    }
}

/// Behind PgBouncer in session mode every command works as it does connected directly
/// (the README says so; it was not tested), and the owner lock holds: four uploads for
/// one user at once each replace a different picture, one after another. (Through a
/// pooler that shares server sessions, as `pool_mode = transaction` does, two of them
/// could both take the lock, a session-level advisory lock being re-entrant within one
/// server session, and replace the same picture.)
#[test]
fn behind_pgbouncer_in_session_mode_every_command_works_and_the_owner_lock_holds() {
    let bouncer = PgBouncer::start("session");
    let world = World::local();
    let url = bouncer.url();
    let pfp = || bouncer.pfp(&world);
    let ok = |out: Out| bouncer.ok(out);
    ok(run(pfp().args(["bucket", "init"])));
    let csv = world.dir.path().join("users.csv");
    std::fs::write(
        &csv,
        "email,nickname\nalice@example.org,alice\nbob@example.org,bob\ncarol@example.org,carol\n",
    )
    .unwrap();
    ok(run(pfp().args(["user", "import"]).arg(&csv)));

    let photo = |seed: u64| {
        let path = world.dir.path().join(format!("p{seed}.jpg"));
        std::fs::write(&path, jpeg(&photo_like(160, 120, seed), 88)).unwrap();
        path
    };
    let first = photo(1);
    ok(run(pfp().args(["upload", "--user", "alice"]).arg(&first)));
    let uploads: Vec<_> = (2..=5)
        .map(|seed| {
            let mut cmd = pfp();
            cmd.args(["upload", "--json", "--user", "alice"])
                .arg(photo(seed));
            std::thread::spawn(move || run(&mut cmd))
        })
        .collect();
    let mut replaced = Vec::new();
    for upload in uploads {
        let out = ok(upload.join().unwrap());
        let line = &json_lines(&out.stdout)[0];
        replaced.push(
            line["replaced"]["key"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    replaced.sort();
    replaced.dedup();
    assert_eq!(
        replaced.len(),
        4,
        "each upload replaced another picture: {replaced:?}"
    );

    // An import's several connections, each a session of its own: with -j 4 it asks for
    // four more than its first, of which the pool (3 server connections) has two. Those
    // it cannot have are not waited for (PgBouncer holds their first statement until its
    // query_wait_timeout, 120 s, and held the import as long).
    let manifest = world.dir.path().join("manifest.csv");
    std::fs::write(
        &manifest,
        format!("bob,{}\ncarol,{}\n", photo(6).display(), photo(7).display()),
    )
    .unwrap();
    let started = Instant::now();
    let out = ok(run(pfp()
        .args(["-v", "import", "-j", "4", "--manifest"])
        .arg(&manifest)));
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the import waited {:?} for connections the pool did not have",
        started.elapsed()
    );
    assert!(
        out.stderr.contains("2 of 4 more PostgreSQL connections for the files' changes (the others could not be had: not started within 5 s"),
        "{}",
        out.stderr
    );
    let out = ok(run(pfp().args(["verify"])));
    assert!(out.stdout.contains(": clean"), "{}", out.stdout);
    let out = ok(run(pfp().args(["get-url", "--user", "carol", "--check"])));
    assert!(out.stdout.contains("X-Amz-Signature="), "{}", out.stdout);

    // Every server connection of the pool held by other clients (an app's): pfp's first
    // statement waits in PgBouncer's queue no longer than --timeout, then says why
    // (exit 5). It waited for PgBouncer's query_wait_timeout.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let _held: Vec<_> = (0..3)
        .map(|_| {
            runtime.block_on(async {
                let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
                    .await
                    .unwrap();
                tokio::spawn(conn);
                client.simple_query("SELECT 1").await.unwrap();
                client
            })
        })
        .collect();
    let started = Instant::now();
    let out = run(pfp().args(["--timeout", "2s", "user", "list"]));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("no answer within 2 s (a pooler such as PgBouncer holds a client until one of its server connections is free)"),
        "{}",
        out.stderr
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

/// Through a pooler in transaction mode one server session serves many clients, and a
/// session-level advisory lock is re-entrant within it: a second upload for the user
/// took the owner lock the first one held and went ahead (by hand, two of five uploads
/// replaced the same picture). pfp cannot tell such a pooler from a server, but it can
/// tell, in the statement that takes the lock, that the session holds the lock already:
/// the second upload is refused (exit 7, naming the pooler mode) before it changes
/// anything, and the first one finishes.
#[test]
fn behind_pgbouncer_in_transaction_mode_a_shared_owner_lock_is_refused() {
    let bouncer = PgBouncer::start_with("transaction", 1);
    // Every upload of a picture is held 6 s by the server, under the owner lock: the
    // second upload has that long to reach the lock, on a busy machine too.
    let world = bouncer.slow_world_with_alice(Duration::from_secs(6));
    let pfp = || bouncer.pfp(&world);
    let ok = |out: Out| bouncer.ok(out);
    let photo = |seed: u64| {
        let path = world.dir.path().join(format!("p{seed}.jpg"));
        std::fs::write(&path, jpeg(&photo_like(160, 120, seed), 88)).unwrap();
        path
    };
    let mut first = pfp();
    first.args(["upload", "--user", "alice"]).arg(photo(1));
    let first = std::thread::spawn(move || run(&mut first));
    bouncer.wait_for_the_users_lock(&world);
    let second = run(pfp().args(["upload", "--user", "alice"]).arg(photo(2)));
    assert_eq!(second.code, 7, "{}\n{}", second.stderr, bouncer.log());
    assert!(
        second.stderr.contains("the database session pfp was given already holds the owner lock of 'users/")
            && second.stderr.contains("a pooler in transaction or statement mode, such as PgBouncer's pool_mode = transaction")
            && second.stderr.contains("pool_mode = session"),
        "{}",
        second.stderr
    );
    let first = ok(first.join().unwrap());
    assert!(
        first.stderr.contains("successfully uploaded"),
        "{}",
        first.stderr
    );
    let pictures: Vec<String> = world
        .s3()
        .keys()
        .into_iter()
        .filter(|k| k.starts_with("users/"))
        .collect();
    assert_eq!(
        pictures.len(),
        1,
        "the second upload stored nothing: {pictures:?}"
    );
    let out = ok(run(pfp().args(["verify"])));
    assert!(out.stdout.contains(": clean"), "{}", out.stdout);
}

/// Through transaction pooling a run may also release its lock in another server
/// session than the one it took it in, where the lock then stays held until PgBouncer
/// closes that connection. Here the first upload takes the lock in one of two server
/// sessions, an app's transaction then holds that one (PgBouncer hands out the most
/// recently used), and the upload's release goes to the other: the upload is done, and
/// says at the end that the lock stays held and why. (Nothing was said: later runs for
/// the user waited 120 s, blaming "another pfp process".)
#[test]
fn behind_pgbouncer_in_transaction_mode_a_lock_released_elsewhere_is_said() {
    let bouncer = PgBouncer::start_with("transaction", 2);
    let world = bouncer.slow_world_with_alice(Duration::from_secs(3));
    let photo = world.dir.path().join("p.jpg");
    std::fs::write(&photo, jpeg(&photo_like(160, 120, 1), 88)).unwrap();
    let mut upload = bouncer.pfp(&world);
    upload.args(["upload", "--user", "alice"]).arg(&photo);
    let upload = std::thread::spawn(move || run(&mut upload));
    bouncer.wait_for_the_users_lock(&world);
    // The app's transaction, open while the upload waits for its PUT, in the server
    // session that holds the lock: PgBouncer picks the session, so a transaction that
    // got the other one (of two) holds it while a second one is begun, which can then
    // only get the session with the lock; the first then ends, freeing the other
    // session for the upload's release.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let app = runtime.block_on(async {
        let begin = || async {
            let (client, conn) = tokio_postgres::connect(&bouncer.url(), tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(conn);
            client.simple_query("BEGIN").await.unwrap();
            let held = client
                .query_one(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
                    &[],
                )
                .await
                .unwrap()
                .get::<_, i64>(0);
            (client, held == 1)
        };
        let (first, holds) = begin().await;
        if holds {
            return first;
        }
        let (second, holds) = begin().await;
        assert!(holds, "of two server sessions, one holds the upload's lock");
        first.simple_query("COMMIT").await.unwrap();
        second
    });
    let out = bouncer.ok(upload.join().unwrap());
    runtime.block_on(async { app.simple_query("COMMIT").await.unwrap() });
    assert!(
        out.stderr.contains("the owner lock of 'users/")
            && out.stderr.contains("was released in another database session than the one that took it: a pooler in transaction or statement mode"),
        "{}",
        out.stderr
    );
}
