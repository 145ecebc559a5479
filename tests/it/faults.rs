//! Real faults, survived: every test ends with `pfp verify` reporting clean (after `--fix`
//! where orphans or vanished objects are expected).

use crate::common;
use crate::common::fixtures;

use std::path::Path;
use std::time::{Duration, Instant};

use common::db::TestDb;
use common::s3server::{S3Server, ServerOptions};
use common::*;
use fixtures::*;

fn photo(seed: u64) -> Vec<u8> {
    jpeg(&photo_like(240, 180, seed), 90)
}

/// `pfp verify [--fix]` through `pfp`, asserting it ends clean.
fn assert_verify_clean(pfp: &mut dyn FnMut() -> assert_cmd::Command, fix: bool) {
    if fix {
        let out = run(pfp().args(["verify", "--fix", "--yes", "--grace", "0s"]));
        assert_eq!(out.code, 0, "verify --fix: {}\n{}", out.stdout, out.stderr);
    }
    let out = run(pfp().arg("verify"));
    assert_eq!(out.code, 0, "verify: {}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains(": clean"), "{}", out.stdout);
}

/// Users and files of the slow imports: with two in flight and every upload held for
/// 300 ms, the import cannot finish before 8 x 300 ms = 2.4 s, well after the fault the
/// tests inject at 0.9 s, however fast the machine.
const SLOW_FILES: u32 = 16;

/// A stack whose server holds every upload for 300 ms, with users and their files.
fn slow_import_stack(db: &TestDb) -> (Stack<'_>, std::path::PathBuf) {
    let world = World::local_with(|o| ServerOptions {
        put_delay: Some(Duration::from_millis(300)),
        ..o
    });
    let s = Stack::with_world(db, world);
    s.add_users(SLOW_FILES);
    let files = avatars(s.dir(), u64::from(SLOW_FILES));
    (s, files)
}

/// Starts `pfp import --json -j 2 FILES` (plus `extra`) on a thread.
fn spawn_import(s: &Stack<'_>, files: &Path, extra: &[&str]) -> std::thread::JoinHandle<Out> {
    let mut cmd = s.pfp();
    cmd.args(["import", "--json", "-j", "2"])
        .args(extra)
        .arg(files);
    std::thread::spawn(move || run(&mut cmd))
}

fn avatars(dir: &Path, count: u64) -> std::path::PathBuf {
    let avatars = dir.join("avatars");
    std::fs::create_dir_all(&avatars).unwrap();
    for i in 1..=count {
        std::fs::write(avatars.join(format!("{i}.jpg")), photo(500 + i)).unwrap();
    }
    avatars
}

#[test]
fn verify_reports_and_fixes_orphans_dangling_entries_and_mismatches() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    assert_eq!(s.upload("njit", "a.jpg", &photo(1), &[]).code, 0);
    assert_eq!(s.upload("other", "b.jpg", &photo(2), &[]).code, 0);
    let mut pfp = || s.pfp();
    assert_verify_clean(&mut pfp, false);

    // An orphan (an object no ledger entry knows), a vanished object, a column edited by hand.
    let bucket = s.world.s3();
    let stray = stray_key("stray", 1);
    bucket.put(&stray, b"not ours", "image/jpeg");
    let njit_key = s
        .keys()
        .into_iter()
        .find(|k| s.picture_url(1).unwrap().ends_with(k.as_str()))
        .unwrap();
    bucket.delete(&njit_key);
    db.exec(&format!(
        "UPDATE users SET profile_picture_url = '{}/{}/users/elsewhere.jpg' WHERE id = 2",
        s.world.server.endpoint(),
        s.world.bucket
    ));

    let out = run(s.pfp().args(["verify", "--json"]));
    assert_eq!(out.code, 1, "{}", out.stdout);
    let findings = json_lines(&out.stdout);
    let kinds: Vec<&str> = findings
        .iter()
        .filter(|f| f["type"] == "finding")
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["dangling", "orphan", "mismatch"], "{}", out.stdout);
    let summary = findings.last().unwrap();
    assert_eq!(summary["clean"], false);

    // A young orphan is left alone (an upload may be running).
    let out = run(s.pfp().args(["verify", "--fix", "--yes"]));
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(s.keys().contains(&stray));
    // Without a terminal and without --yes, --fix refuses.
    // The question names what it changes (the young orphan, now old enough: the rest
    // was repaired above) and where.
    let out = run(s.pfp().args(["verify", "--fix", "--grace", "0s"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let place = format!(
        "(bucket '{}' at {}, database {})? Refusing without confirmation: pass --yes",
        s.world.bucket,
        s.world.server.endpoint(),
        db.url()
    );
    assert!(
        out.stderr
            .contains(&format!("error: Delete 1 orphaned object {place}")),
        "{}",
        out.stderr
    );

    assert_verify_clean(&mut pfp, true);
    assert!(!s.keys().contains(&stray));
    assert_eq!(
        s.picture_url(1),
        None,
        "the vanished picture no longer counts; njit gets the default"
    );
    assert!(
        s.picture_url(2).unwrap().ends_with(".jpg")
            && !s.picture_url(2).unwrap().contains("elsewhere")
    );
    assert_eq!(
        db.query("SELECT CAST(count(*) AS TEXT) FROM users"),
        vec![Some("2".into())],
        "no user row deleted"
    );
}

#[test]
fn transient_503s_are_retried_and_persistent_ones_give_exit_5() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let world = World::local_with(|o| ServerOptions { flaky_puts: 2, ..o });
    let s = Stack::with_world(&db, world);
    let out = s.upload("njit", "a.jpg", &photo(3), &["-v"]);
    assert_eq!(out.code, 0, "two 503s, then success: {}", out.stderr);
    assert_eq!(out.stderr.matches("retrying").count(), 2, "{}", out.stderr);

    let second = dir.path().join("second");
    std::fs::create_dir(&second).unwrap();
    let db = TestDb::sqlite(&second);
    let world = World::local_with(|o| ServerOptions {
        flaky_puts: 100,
        ..o
    });
    let s = Stack::with_world(&db, world);
    let before = s.rows();
    let out = s.upload("njit", "b.jpg", &photo(4), &["--retries", "2"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(out.stderr.contains("SlowDown"), "{}", out.stderr);
    assert!(s.keys().is_empty());
    assert_eq!(s.rows(), before);
    let mut pfp = || s.pfp();
    assert_verify_clean(&mut pfp, false);
}

#[test]
fn a_slow_server_times_out_with_exit_5() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let world = World::local_with(|o| ServerOptions {
        put_delay: Some(Duration::from_secs(3)),
        ..o
    });
    let s = Stack::with_world(&db, world);
    let before = s.rows();
    let out = s.upload(
        "njit",
        "a.jpg",
        &photo(5),
        &["--timeout", "300ms", "--retries", "1"],
    );
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("no answer within 300ms (--timeout)"),
        "{}",
        out.stderr
    );
    // How long the operator waited in all is named, not only one attempt's timeout.
    assert!(
        out.stderr.contains(", tried 2 times in ") && out.stderr.contains("s (--retries 1)"),
        "{}",
        out.stderr
    );
    assert_eq!(s.rows(), before);
    let mut pfp = || s.pfp();
    // The slow PUT may still land after pfp gave up: an orphan, which --fix removes.
    std::thread::sleep(Duration::from_secs(3));
    assert_verify_clean(&mut pfp, true);
}

#[test]
fn wrong_credentials_fail_at_once_without_retries() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let out = run(s
        .pfp()
        .env("MINIO_SECRET_KEY", "wrong-secret")
        .args(["-v", "upload", "--user", "njit"])
        .arg(s.file("a.jpg", &photo(6))));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        !out.stderr.contains("retrying"),
        "no retries: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("wrong-secret"));
    assert!(s.keys().is_empty());
    let mut pfp = || s.pfp();
    assert_verify_clean(&mut pfp, false);
}

#[test]
fn server_not_listening_is_exit_5_within_the_retry_budget() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let mut s = Stack::local(&db);
    let port = s.world.server.port();
    s.world.server.stop();
    let started = Instant::now();
    let out = s.upload("njit", "a.jpg", &photo(7), &[]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the retry budget is seconds, not minutes"
    );
    assert!(
        out.stderr.contains(", tried 4 times in ") && out.stderr.contains("s (--retries 3)"),
        "{}",
        out.stderr
    );
    assert_eq!(s.picture_url(1), None);
    // Back up again, nothing is out of place.
    s.world.server = TestServer::Local(S3Server::start(test_options(s.dir(), port)).unwrap());
    let mut pfp = || s.pfp();
    assert_verify_clean(&mut pfp, false);
}

#[test]
fn server_stopped_during_an_import_then_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let (s, files) = slow_import_stack(&db);
    let port = s.world.server.port();
    let root = s.world.data_root();
    let child = spawn_import(&s, &files, &["--retries", "1"]);
    s.world.server.wait_for_picture_puts(1);
    let mut s = s;
    s.world.server.stop();
    let out = child.join().unwrap();
    assert_eq!(out.code, 5, "{}\n{}", out.stdout, out.stderr);
    let statuses: Vec<String> = json_lines(&out.stdout)
        .iter()
        .filter(|v| v["type"] == "import")
        .map(|v| v["status"].as_str().unwrap().to_owned())
        .collect();
    assert!(statuses.iter().any(|s| s == "failed"), "{statuses:?}");

    // Restart the server on the same port and data; a re-run finishes the rest.
    s.world.server =
        TestServer::Local(S3Server::start(test_options(root.parent().unwrap(), port)).unwrap());
    let out = run(s.pfp().args(["import", "--json"]).arg(&files));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    for id in 1..=SLOW_FILES {
        assert!(s.picture_url(id).is_some(), "user {id} has a picture");
    }
    let mut pfp = || s.pfp();
    assert_verify_clean(&mut pfp, true);
}

#[test]
fn bucket_deleted_under_a_running_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let (s, files) = slow_import_stack(&db);
    let bucket_dir = s.world.data_root().join(&s.world.bucket);
    let child = spawn_import(&s, &files, &[]);
    s.world.server.wait_for_picture_puts(1);
    std::fs::remove_dir_all(&bucket_dir).unwrap();
    let out = child.join().unwrap();
    assert_ne!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let failures: Vec<serde_json::Value> = json_lines(&out.stdout)
        .into_iter()
        .filter(|v| v["status"] == "failed")
        .collect();
    assert!(!failures.is_empty(), "{}", out.stdout);
    assert!(
        failures
            .iter()
            .any(|f| f["message"].as_str().unwrap().contains("does not exist")),
        "{failures:?}"
    );

    // The operator recreates the bucket. It is a new store (new id), empty: verify --fix
    // refuses to clear the database against it until the operator says it is the
    // database's store now (bucket claim) and names the number of repairs (every
    // recorded picture is missing, which is never repaired by default).
    assert_eq!(run(s.pfp().args(["bucket", "init"])).code, 0);
    let out = run(s.pfp().args(["verify", "--fix", "--yes", "--grace", "0s"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert_eq!(run(s.pfp().args(["bucket", "claim", "--yes"])).code, 0);
    let recorded = db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_pictures");
    if recorded != vec![Some("0".to_owned())] {
        let out = run(s.pfp().args(["verify", "--fix", "--yes", "--grace", "0s"]));
        assert_eq!(out.code, 7, "{}", out.stderr);
        assert!(
            out.stderr.contains("is missing from the bucket"),
            "{}",
            out.stderr
        );
    }
    let out = run(s.pfp().args([
        "verify",
        "--fix",
        "--yes",
        "--grace",
        "0s",
        "--max-changes",
        "100",
    ]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let mut pfp = || s.pfp();
    assert_verify_clean(&mut pfp, false);
    let out = run(s.pfp().args(["import"]).arg(&files));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_verify_clean(&mut pfp, false);
}

#[test]
fn sqlite_locked_beyond_the_busy_timeout_removes_the_uploaded_object() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    assert_eq!(s.upload("njit", "old.jpg", &photo(8), &[]).code, 0);
    let objects = s.objects();
    let rows = s.rows();
    let path = match &db {
        TestDb::Sqlite { url } => url.trim_start_matches("sqlite:").to_owned(),
        TestDb::Postgres { .. } => unreachable!(),
    };
    let locker = rusqlite::Connection::open(&path).unwrap();
    locker
        .execute_batch("BEGIN IMMEDIATE; UPDATE users SET display_name = 'x' WHERE id = 2;")
        .unwrap();
    let out = s.upload("njit", "new.jpg", &photo(9), &[]);
    locker.execute_batch("ROLLBACK").unwrap();
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("locked by another writer"),
        "{}",
        out.stderr
    );
    assert!(s.objects() == objects, "the new object was removed again");
    assert_eq!(s.rows(), rows);
    let mut pfp = || s.pfp();
    assert_verify_clean(&mut pfp, false);
}

#[test]
fn postgres_lost_during_an_upload_leaves_an_orphan_and_no_row() {
    let db = TestDb::postgres();
    let world = World::local_with(|o| ServerOptions {
        put_delay: Some(Duration::from_millis(1500)),
        ..o
    });
    // pfp reaches PostgreSQL through a proxy that the test cuts while the upload is slow.
    let (proxy_port, cut) = cuttable_forwarder(5432);
    let url = db
        .url()
        .replace("127.0.0.1:5432", &format!("127.0.0.1:{proxy_port}"));
    let s = Stack::with_world(&db, world);
    // The store paired beforehand, as after any earlier change: the upload's own check is
    // then one listing and two reads, well before its slow PUT.
    assert_eq!(run(s.pfp().args(["bucket", "claim", "--yes"])).code, 0);
    let mut cmd = s.pfp();
    cmd.env("DATABASE_URL", &url)
        .args(["upload", "--user", "njit"])
        .arg(s.file("a.jpg", &photo(10)));
    let child = std::thread::spawn(move || run(&mut cmd));
    // Cut while the picture's PUT is held by the slow server.
    s.world.server.wait_for_picture_puts(1);
    cut.store(true, std::sync::atomic::Ordering::SeqCst);
    let out = child.join().unwrap();
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("PostgreSQL") || out.stderr.contains("connection"),
        "{}",
        out.stderr
    );
    // The ledger cannot be asked whether another run committed the same picture
    // meanwhile, so the object is not deleted unchecked: it stays as an orphan, the
    // error names it, and the database points at nothing new.
    let keys = s.keys();
    assert_eq!(keys.len(), 1, "{keys:?}: {}", out.stderr);
    assert!(
        out.stderr.contains(&keys[0]) && out.stderr.contains("pfp verify --fix"),
        "{}",
        out.stderr
    );
    assert_eq!(s.picture_url(1), None);
    let out = run(s.pfp().args(["verify", "--json"]));
    assert_eq!(out.code, 1, "one orphan: {}", out.stdout);
    // The database records no picture yet, so deleting an object from the bucket is
    // outside the default blast radius (a fresh database pointed at a used bucket looks
    // the same): the operator names the number.
    let out = run(s.pfp().args(["verify", "--fix", "--yes", "--grace", "0s"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("--max-changes 1"), "{}", out.stderr);
    let out = run(s.pfp().args([
        "verify",
        "--fix",
        "--yes",
        "--grace",
        "0s",
        "--max-changes",
        "1",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut pfp = || s.pfp();
    assert_verify_clean(&mut pfp, false);
    assert!(s.keys().is_empty(), "{:?}", s.keys());

    // PostgreSQL not there at all: a clean error before anything is uploaded.
    let out = run(s
        .pfp()
        .env(
            "DATABASE_URL",
            format!("postgres://root@127.0.0.1:{}/test", free_port()),
        )
        .args(["upload", "--user", "njit"])
        .arg(s.file("b.jpg", &photo(11))));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(s.keys().is_empty());
}

#[test]
fn sigint_during_an_import_exits_130_and_leaves_a_consistent_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let world = World::local_with(|o| ServerOptions {
        put_delay: Some(Duration::from_millis(300)),
        ..o
    });
    let s = Stack::with_world(&db, world);
    s.add_users(20);
    let files = avatars(s.dir(), 20);
    let child = s
        .std_command()
        .args(["import", "--json", "-j", "2"])
        .arg(&files)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    s.world.server.wait_for_picture_puts(1);
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary = json_lines(&stdout)
        .into_iter()
        .find(|v| v["type"] == "summary")
        .expect("a summary");
    assert_eq!(summary["interrupted"], true);
    assert!(
        summary["done"].as_u64().unwrap() < 20,
        "it stopped taking files: {summary}"
    );
    let mut pfp = || s.pfp();
    assert_verify_clean(&mut pfp, false);
}

#[test]
fn two_concurrent_uploads_for_one_user_leave_one_picture() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let a = s.file("a.jpg", &photo(12));
    let b = s.file("b.jpg", &photo(13));
    for round in 0..4 {
        let mut ca = s.pfp();
        ca.args(["upload", "--user", "njit"]).arg(&a);
        let mut cb = s.pfp();
        cb.args(["upload", "--user", "njit"]).arg(&b);
        let ta = std::thread::spawn(move || run(&mut ca));
        let tb = std::thread::spawn(move || run(&mut cb));
        let (oa, ob) = (ta.join().unwrap(), tb.join().unwrap());
        assert_eq!(
            (oa.code, ob.code),
            (0, 0),
            "round {round}: {}\n{}",
            oa.stderr,
            ob.stderr
        );
        let url = s.picture_url(1).unwrap();
        let keys = s.keys();
        assert!(
            keys.iter().any(|k| url.ends_with(k.as_str())),
            "round {round}: the row's object exists: {url} {keys:?}"
        );
        let current = db.query("SELECT object_key FROM pfp_pictures WHERE is_current = TRUE");
        assert_eq!(current.len(), 1);
        assert!(url.ends_with(current[0].as_deref().unwrap()));
    }
    let mut pfp = || s.pfp();
    assert_verify_clean(&mut pfp, true);
}

/// A TCP proxy to `target` whose connections all die when the flag is set.
fn cuttable_forwarder(target: u16) -> (u16, std::sync::Arc<std::sync::atomic::AtomicBool>) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let cut = Arc::new(AtomicBool::new(false));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let flag = Arc::clone(&cut);
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = std::net::TcpStream::connect(("127.0.0.1", target)) else {
                continue;
            };
            for (mut from, mut to) in [
                (client.try_clone().unwrap(), server.try_clone().unwrap()),
                (server.try_clone().unwrap(), client.try_clone().unwrap()),
            ] {
                let flag = Arc::clone(&flag);
                from.set_read_timeout(Some(Duration::from_millis(50)))
                    .unwrap();
                std::thread::spawn(move || {
                    use std::io::{Read, Write};
                    let mut buf = [0u8; 16384];
                    loop {
                        if flag.load(Ordering::SeqCst) {
                            let _ = from.shutdown(std::net::Shutdown::Both);
                            let _ = to.shutdown(std::net::Shutdown::Both);
                            return;
                        }
                        match from.read(&mut buf) {
                            Ok(0) => return,
                            Ok(n) => {
                                if to.write_all(&buf[..n]).is_err() {
                                    return;
                                }
                            }
                            Err(e)
                                if matches!(
                                    e.kind(),
                                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                                ) => {}
                            Err(_) => return,
                        }
                    }
                });
            }
        }
    });
    (port, cut)
}

both_backends! {
    fn repairs_never_race_the_uploads_imports_and_removals_they_repair(db, _dir) {
        // Users 1..=USERS each start with a picture. Then one writer gives users new
        // pictures (upload, and an import now and then), removes some and undoes an upload
        // with `restore` now and then, one step after another, while `verify --fix --grace 0s` runs again and again beside it: its
        // snapshot is always stale, and every object of an upload in flight looks like an
        // orphan. Afterwards every column must name the user's newest picture (or be
        // empty after a removal), that object must exist, and verify must be clean.
        const USERS: u32 = 12;
        const ROUNDS: u32 = 3;
        let s = Stack::new(db);
        s.add_users(USERS);
        let mut newest: std::collections::BTreeMap<u32, Option<String>> = Default::default();
        let upload = |user: u32, seed: u64| -> String {
            let out = s.upload(&user.to_string(), &format!("u{user}-{seed}.jpg"), &photo(seed), &["--json"]);
            assert_eq!(out.code, 0, "upload for {user}: {}", out.stderr);
            json_lines(&out.stdout)[0]["key"].as_str().unwrap().to_owned()
        };
        for user in 1..=USERS {
            newest.insert(user, Some(upload(user, u64::from(user))));
        }
        // Each user's picture before the newest step: what a restore brings back.
        let mut last = newest.clone();

        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let repairer = {
            let stop = stop.clone();
            let mut cmd = s.pfp();
            cmd.args(["verify", "--fix", "--yes", "--grace", "0s", "--json"]);
            std::thread::spawn(move || {
                let mut runs = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let out = run(&mut cmd);
                    assert!(
                        matches!(out.code, 0 | 1),
                        "verify --fix failed: {}\n{}",
                        out.stdout,
                        out.stderr
                    );
                    runs += 1;
                }
                runs
            })
        };
        for round in 0..ROUNDS {
            for user in 1..=USERS {
                let seed = 1000 * u64::from(round + 1) + u64::from(user);
                let key = match (user + round) % 6 {
                    0 => {
                        let out = run(s.pfp().args(["remove", "--yes", "--user", &user.to_string()]));
                        assert_eq!(out.code, 0, "remove {user}: {}", out.stderr);
                        None
                    }
                    3 => {
                        let file = s.file(&format!("i{user}-{seed}.jpg"), &photo(seed));
                        let manifest = s.file("manifest.csv", format!("{user},{}\n", file.display()).as_bytes());
                        let out = run(s.pfp().args(["import", "--json", "--manifest"]).arg(&manifest));
                        assert_eq!(out.code, 0, "import for {user}: {}\n{}", out.stdout, out.stderr);
                        let line = json_lines(&out.stdout).into_iter().find(|v| v["type"] == "import").unwrap();
                        Some(line["key"].as_str().unwrap().to_owned())
                    }
                    5 => {
                        // An upload undone: the picture before it (removed, if it was)
                        // is current again.
                        let before = last[&user].clone();
                        upload(user, seed);
                        let out = run(s.pfp().args(["restore", "--json", "--user", &user.to_string()]));
                        assert_eq!(out.code, 0, "restore {user}: {}", out.stderr);
                        let restored = json_lines(&out.stdout)[0]["key"].as_str().unwrap().to_owned();
                        assert_eq!(Some(&restored), before.as_ref(), "restore {user}");
                        Some(restored)
                    }
                    _ => Some(upload(user, seed)),
                };
                if key.is_some() {
                    last.insert(user, key.clone());
                }
                newest.insert(user, key);
            }
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let runs = repairer.join().unwrap();
        assert!(runs >= 2, "verify --fix ran {runs} times beside the writer");

        let keys = s.keys();
        for (user, key) in &newest {
            let column = s.picture_url(*user);
            match key {
                None => assert_eq!(column, None, "user {user} was removed last"),
                Some(key) => {
                    let column = column.unwrap_or_else(|| panic!("user {user} lost the picture {key}"));
                    assert!(column.ends_with(key.as_str()), "user {user}: column {column}, newest {key}");
                    assert!(keys.contains(key), "user {user}: {key} is not in the bucket");
                }
            }
        }
        let mut pfp = || s.pfp();
        assert_verify_clean(&mut pfp, false);
    }
}

both_backends! {
    fn a_failed_upload_never_undoes_the_same_picture_another_run_committed(db, _dir) {
        // Run A uploads the main object, then keeps failing on its 128 px rendition (the
        // server answers 503) and finally undoes what it uploaded. Meanwhile run B
        // starts on the same picture without renditions. Had B stored and committed
        // while A retried, or in the moment between A's uploads and its undo, A's undo
        // would delete what B committed (or leave it only by its check of the ledger).
        // B waits for the owner lock instead, which A holds until its undo is done: A's
        // main object is deleted once (B finds it gone, uploads it again and commits),
        // and B's picture is in the bucket at the end.
        let s = Stack::with_world(db, World::with_faults(Some("_128.")));
        let photo_path = s.file("same.jpg", &photo(77));
        let mut a = s.pfp();
        a.args(["upload", "--user", "njit", "--sizes", "128", "--retries", "6"]).arg(&photo_path);
        let a = std::thread::spawn(move || run(&mut a));
        let started = Instant::now();
        let main_key = loop {
            if let Some(k) = s.keys().into_iter().find(|k| !k.contains("_128")) {
                break k;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "run A never uploaded its main object");
            std::thread::sleep(Duration::from_millis(20));
        };
        let b = run(s.pfp().args(["upload", "--user", "njit", "--json"]).arg(&photo_path));
        assert_eq!(b.code, 0, "run B: {}", b.stderr);
        assert_eq!(json_lines(&b.stdout)[0]["key"], main_key.as_str());
        let a = a.join().unwrap();
        assert_eq!(a.code, 5, "run A gives up on the 503s: {}", a.stderr);
        assert!(s.keys().contains(&main_key), "A's undo deleted B's committed object");
        let deletions = s.world.server.local().ops().get("DeleteObject").copied();
        assert_eq!(deletions, Some(1), "A's undo, before B looked: {:?}", s.world.server.local().ops());
        assert!(s.picture_url(1).unwrap().ends_with(&main_key));
        let mut pfp = || s.pfp();
        assert_verify_clean(&mut pfp, false);
    }
}

#[test]
fn in_existing_schema_mode_the_apps_row_is_never_locked_across_s3_requests() {
    // The app's own table, mapped. While pfp deletes an expired picture (the server
    // holds every deletion for two seconds), the app must be able to write the user's
    // row without waiting: pfp locks it only for the transaction that sets the column.
    let db = TestDb::postgres();
    let TestDb::Postgres { schema, .. } = &db else {
        unreachable!()
    };
    db.exec(
        "CREATE TABLE users (
            id UUID PRIMARY KEY,
            email VARCHAR(255) NOT NULL UNIQUE,
            nickname VARCHAR(50) NOT NULL,
            profile_picture_url VARCHAR(255));
        INSERT INTO users (id, email, nickname) VALUES
            ('0b7e4a52-9a6f-4d8e-8c1f-3f1f2a9b6c01', 'njit@example.edu', 'njit');",
    );
    let world = World::local_with(|o| ServerOptions {
        delete_delay: Some(Duration::from_secs(2)),
        ..o
    });
    let config = world.dir.path().join("pfp.toml");
    common::db::write_mapping_config(&config, db.url(), schema);
    let pfp = || {
        let mut c = world.pfp();
        c.arg("--config").arg(&config);
        c
    };
    assert_eq!(run(pfp().args(["bucket", "init"])).code, 0);
    let first = world.dir.path().join("first.jpg");
    std::fs::write(&first, photo(1)).unwrap();
    let second = world.dir.path().join("second.jpg");
    std::fs::write(&second, photo(2)).unwrap();
    assert_eq!(
        run(pfp().args(["upload", "--user", "njit"]).arg(&first)).code,
        0
    );
    // A picture replaced more than 7 days ago, which the next upload deletes after its
    // commit.
    let zeroth = world.dir.path().join("zeroth.jpg");
    std::fs::write(&zeroth, photo(3)).unwrap();
    assert_eq!(
        run(pfp().args(["upload", "--user", "njit"]).arg(&zeroth)).code,
        0
    );
    db.exec("UPDATE pfp_pictures SET retired_at = '2000-01-01T00:00:00Z' WHERE is_current = FALSE");
    let column = || db.query("SELECT profile_picture_url FROM users")[0].clone();
    let before = column();

    let mut upload = pfp();
    upload.args(["upload", "--user", "njit"]).arg(&second);
    let upload = std::thread::spawn(move || run(&mut upload));
    let started = Instant::now();
    while column() == before {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the upload never committed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Committed; now pfp is deleting the expired picture's object, slowly.
    std::thread::sleep(Duration::from_millis(300));
    assert!(!upload.is_finished(), "the deletion is still in flight");
    db.exec("SET lock_timeout = '500ms'; UPDATE users SET nickname = 'njit2'");
    assert!(
        !upload.is_finished(),
        "the app wrote its row while pfp talked to S3"
    );
    let out = upload.join().unwrap();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        db.query("SELECT nickname FROM users")[0].as_deref(),
        Some("njit2")
    );
}

/// A world on s3s-fs and a throwaway PostgreSQL with its URL, for the tests that stop
/// the database under pfp.
fn with_a_throwaway_database() -> (World, crate::pg_tls::PgServer, String) {
    let mut pg = crate::pg_tls::PgServer::new();
    pg.start(None);
    let db = pg.url("127.0.0.1", "");
    (World::local(), pg, db)
}

/// Runs `cmd` (with `-v`: each report on stderr) and stops `pg` (a fast shutdown ends
/// every session) once the third report starting with `done` has come: the exit code,
/// the lines of stderr and stdout.
fn stopping_the_database_after_three(
    mut cmd: std::process::Command,
    pg: &mut crate::pg_tls::PgServer,
    done: &str,
) -> (Option<i32>, Vec<String>, String) {
    use std::io::BufRead as _;
    let mut child = cmd
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    let mut seen = 0;
    for line in std::io::BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        if line.starts_with(done) {
            seen += 1;
            if seen == 3 {
                pg.stop();
            }
        }
        lines.push(line);
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        lines,
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// A database session lost in the middle of an import (a server stopped, a failover,
/// `pg_terminate_backend`) stops the taking of files at the first file that failed for
/// it: the files after it would each have failed the same way (one `failed ... connection
/// closed` line each, 21 of 37 by hand), and are said once as not started, exit 5; what
/// was imported stays, and the same import run again finishes it.
#[test]
fn a_database_lost_in_the_middle_of_an_import_stops_the_taking_of_files() {
    let (world, mut pg, db) = with_a_throwaway_database();
    const FILES: usize = 60;
    let photos = world.users_with_photos(&db, FILES, 1600, 1200);

    let mut import = world.pfp_std(&db);
    import.args(["import", "-v", "--jobs", "1"]).arg(&photos);
    let (code, lines, _) = stopping_the_database_after_three(import, &mut pg, "done ");
    let stderr = lines.join("\n");
    assert_eq!(code, Some(5), "{stderr}");
    let failed = lines.iter().filter(|l| l.starts_with("failed")).count();
    let imported = lines.iter().filter(|l| l.starts_with("done ")).count();
    let not_started: usize = stderr
        .split_once("the connection to the database was lost")
        .and_then(|(_, rest)| rest.split_once(" files not started"))
        .and_then(|(before, _)| before.rsplit(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("no count of files not started:\n{stderr}"));
    assert!(failed >= 1, "{stderr}");
    assert_eq!(imported + failed + not_started, FILES, "{stderr}");
    // The files after the loss are not failed one by one (with --jobs 1 a few are in
    // flight or looked up when it comes).
    assert!(failed <= 10, "{failed} failed:\n{stderr}");
    assert!(
        stderr.contains("run the same import again once the database answers"),
        "{stderr}"
    );
}

/// The database session lost in the middle of an adoption, as in an import: the users
/// after it are not started one by one to fail, and the run ends with one error naming
/// the loss, exit 5. Once the database answers, the same adopt takes the rest.
#[test]
fn a_database_lost_in_the_middle_of_an_adoption_stops_the_taking_of_users() {
    let (world, mut pg, db) = with_a_throwaway_database();
    let pfp = || world.pfp_std(&db);
    const USERS: usize = 40;
    world.users_with_photos(&db, USERS, 8, 8);
    // The app's own pictures, which its column names.
    for i in 0..USERS {
        crate::onboarding::put_raw(
            &world,
            &format!("app/u{i}.jpg"),
            &jpeg(&photo_like(1600, 1200, i as u64), 90),
        );
    }
    common::db::pg_exec(
        &db,
        &format!(
            "UPDATE users SET profile_picture_url = 'http://{}/{}/app/' || nickname || '.jpg'",
            world.host(),
            world.bucket
        ),
    );

    let mut adopt = pfp();
    adopt.args(["adopt", "-v", "--yes", "--jobs", "1"]);
    let (code, lines, stdout) = stopping_the_database_after_three(adopt, &mut pg, "adopted ");
    let stderr = lines.join("\n");
    assert_eq!(code, Some(5), "{stdout}{stderr}");
    let failed = lines.iter().filter(|l| l.starts_with("failed ")).count();
    let adopted = lines.iter().filter(|l| l.starts_with("adopted ")).count();
    assert!(failed >= 1, "{stderr}");
    // The users after the loss are not failed one by one (with --jobs 1 one is in flight
    // when it comes).
    assert!(failed <= 3, "{failed} failed:\n{stderr}");
    assert!(adopted + failed < USERS, "{stderr}");
    assert!(
        stderr.contains("the connection to the database was lost: adopt stopped taking users")
            && stderr.contains("run the same adopt again once the database answers"),
        "{stderr}"
    );
    assert!(stdout.contains(" app picture(s): "), "the totals: {stdout}");

    // The database back: the same adopt takes the rest, and nothing was left half done.
    pg.start(None);
    let out = run(assert_cmd::Command::from_std(pfp()).args(["adopt", "--yes"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let columns = common::db::pg_query(&db, "SELECT profile_picture_url FROM users");
    assert_eq!(columns.len(), USERS);
    assert!(
        columns
            .iter()
            .all(|c| c.as_deref().is_some_and(|c| !c.contains("/app/"))),
        "every user adopted: {columns:?}"
    );
    assert_verify_clean(&mut || assert_cmd::Command::from_std(pfp()), true);
}

// `remove` clears the column first and then tidies up: the user's pictures replaced more
// than 7 days ago go, and the app's pictures kept as long are forgotten. A failure there
// (here a database trigger refuses to forget one) is a warning, as after an upload, and
// the removal that happened is reported with exit 0. (It was an error, exit 1, for a
// picture that was removed: a script saw a failed remove, a person ran it again.)
both_backends! {
    fn a_removal_is_reported_though_tidying_up_after_it_failed(db, _dir) {
        let s = Stack::new(db);
        let out = s.upload("njit", "a.jpg", &photo(5), &["--json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let key = json_lines(&out.stdout)[0]["key"].as_str().unwrap().to_owned();
        db.exec(
            "INSERT INTO pfp_replaced_values (user_ref, value, replaced_at)
             VALUES ('1', 'http://app.example/old/1.jpeg', '2000-01-01T00:00:00Z')",
        );
        refuse_forgetting(db);
        let out = run(s.pfp().args(["remove", "--user", "njit", "--yes", "--json"]));
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        let line = &json_lines(&out.stdout)[0];
        assert_eq!(line["type"], "removed", "{line}");
        assert_eq!(line["kept"]["key"], key.as_str(), "{line}");
        assert!(
            out.stderr.contains("the pictures replaced earlier were not removed")
                && out.stderr.contains("refused by a trigger"),
            "{}",
            out.stderr
        );
        assert_eq!(s.picture_url(1), None);
        assert!(s.keys().contains(&key), "kept for restore: {:?}", s.keys());
        let out = run(s.pfp().args(["restore", "--user", "njit"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(s.picture_url(1).unwrap().ends_with(&key));
    }
}

// An erasure that fails half-way (here a rule of the database refuses to forget the
// app's kept values, after the column was cleared) says what was done and how to finish,
// and the second `remove --purge` does finish it: the user has no picture then, and what
// was kept of it is erased all the same. (The second run answered "nothing to remove",
// and the picture's objects stayed.)
both_backends! {
    fn an_erasure_that_failed_half_way_is_finished_by_running_it_again(db, _dir) {
        let s = Stack::new(db);
        let out = s.upload("njit", "a.jpg", &photo(5), &["--json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let objects = s.keys();
        db.exec(
            "INSERT INTO pfp_replaced_values (user_ref, value, replaced_at)
             VALUES ('1', 'http://app.example/old/1.jpeg', '2026-01-01T00:00:00Z')",
        );
        refuse_forgetting(db);
        let out = run(s.pfp().args(["remove", "--user", "njit", "--yes", "--purge"]));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(
            out.stderr.contains("refused by a trigger")
                && out.stderr.contains("what was kept of user 'njit' for 'pfp restore' is not all erased, though the picture was removed: run 'pfp remove --user njit --purge' again to finish"),
            "{}",
            out.stderr
        );
        assert_eq!(s.picture_url(1), None, "the removal is committed");
        assert_eq!(s.keys(), objects, "nothing erased yet");

        if db.is_postgres() {
            db.exec("DROP TRIGGER refuse_forgetting ON pfp_replaced_values");
        } else {
            db.exec("DROP TRIGGER refuse_forgetting");
        }
        let out = run(s.pfp().args(["remove", "--user", "njit", "--yes", "--purge", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let line = &json_lines(&out.stdout)[0];
        assert_eq!(line["deleted"].as_array().unwrap().len(), objects.len(), "{line}");
        assert_eq!(line["values_forgotten"], 1, "{line}");
        assert_eq!(s.keys(), Vec::<String>::new());
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_pictures"), vec![Some("0".into())]);
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_replaced_values"), vec![Some("0".into())]);
    }
}

/// A trigger that refuses to forget the app's kept values ('refused by a trigger'), on
/// either backend.
fn refuse_forgetting(db: &TestDb) {
    if db.is_postgres() {
        db.exec(
            "CREATE FUNCTION refuse_forgetting() RETURNS trigger LANGUAGE plpgsql AS
               $$ BEGIN RAISE EXCEPTION 'refused by a trigger'; END $$;
             CREATE TRIGGER refuse_forgetting BEFORE DELETE ON pfp_replaced_values
               FOR EACH ROW EXECUTE FUNCTION refuse_forgetting();",
        );
    } else {
        db.exec(
            "CREATE TRIGGER refuse_forgetting BEFORE DELETE ON pfp_replaced_values
             BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END;",
        );
    }
}

// A rule of the database refuses pfp's write (an app's trigger on its users table, say
// one that allows only pictures of its CDN): the upload is refused as invalid (exit 4),
// with the rule's own words, on both backends, and leaves nothing behind: no object, no
// ledger entry, the column as it was. (On PostgreSQL it read as a bug of pfp's, exit 1.)
both_backends! {
    fn a_write_a_database_trigger_refuses_is_invalid_and_leaves_nothing_behind(db, _dir) {
        let s = Stack::new(db);
        if db.is_postgres() {
            db.exec(
                "CREATE FUNCTION only_our_cdn() RETURNS trigger LANGUAGE plpgsql AS
                   $$ BEGIN RAISE EXCEPTION 'pictures must be served from cdn.example.org'; END $$;
                 CREATE TRIGGER only_our_cdn BEFORE UPDATE OF profile_picture_url ON users
                   FOR EACH ROW EXECUTE FUNCTION only_our_cdn();",
            );
        } else {
            db.exec(
                "CREATE TRIGGER only_our_cdn BEFORE UPDATE OF profile_picture_url ON users
                 BEGIN SELECT RAISE(ABORT, 'pictures must be served from cdn.example.org'); END;",
            );
        }
        let out = s.upload("njit", "a.jpg", &photo(9), &["--sizes", "64"]);
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(
            out.stderr.contains("pictures must be served from cdn.example.org")
                && out.stderr.contains("a rule of the database (a trigger: the app's, or a DBA's) refused the write"),
            "{}",
            out.stderr
        );
        assert_eq!(s.keys(), Vec::<String>::new(), "the uploaded objects were removed");
        assert_eq!(s.picture_url(1), None);
        assert_eq!(
            db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_pictures"),
            vec![Some("0".to_owned())]
        );
    }
}

/// A database whose default isolation is serializable (`ALTER DATABASE ... SET
/// default_transaction_isolation`, a DBA's choice for an app's own transactions): pfp's
/// transactions lock the one row they change and re-read under the lock, as READ
/// COMMITTED is made for, and run at that level. Under the default they failed: an
/// upload whose user's row the app had just changed ("could not serialize access due to
/// concurrent update", 40001, exit 5), and files of a side-by-side import (4 of 20, by
/// hand, on false conflicts of index pages).
#[test]
fn a_database_whose_default_isolation_is_serializable_takes_pfps_changes() {
    let db = common::db::TestDb::postgres_with("default_transaction_isolation=serializable");
    assert_eq!(
        db.query("SHOW default_transaction_isolation"),
        vec![Some("serializable".into())]
    );
    let s = Stack::new(&db);
    // The app changes the user's row (a login's timestamp, say) while pfp waits for it.
    let TestDb::Postgres { schema, .. } = &db else {
        unreachable!()
    };
    let url = db.url().to_owned();
    let mark = schema.clone();
    let app = std::thread::spawn(move || {
        common::db::pg_exec(
            &url,
            &format!(
                "/* {mark} */ BEGIN; UPDATE users SET nickname = nickname WHERE id = 1; SELECT pg_sleep(3); COMMIT"
            ),
        );
    });
    let sleeping = format!(
        "SELECT count(*)::text FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query LIKE '/* {schema} */%'"
    );
    while db.query(&sleeping).first().cloned().flatten().as_deref() == Some("0") {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = s.upload("njit", "a.jpg", &photo(1), &["--json"]);
    app.join().unwrap();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let key = json_lines(&out.stdout)[0]["key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(s.picture_url(1).unwrap().ends_with(&key));

    // Side by side: an import's files, one user each, four at a time.
    let folder = s.world.dir.path().join("import");
    std::fs::create_dir_all(&folder).unwrap();
    let mut csv = String::from("email,nickname\n");
    for i in 0..24 {
        csv.push_str(&format!("u{i}@example.org,u{i}\n"));
        std::fs::write(folder.join(format!("u{i}.jpg")), photo(100 + i)).unwrap();
    }
    let users = s.world.dir.path().join("users.csv");
    std::fs::write(&users, csv).unwrap();
    assert_eq!(run(s.pfp().args(["user", "import"]).arg(&users)).code, 0);
    let out = run(s.pfp().args(["import", "-j", "4"]).arg(&folder));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("24 files: 24 imported"),
        "{}",
        out.stderr
    );
    let out = run(s.pfp().arg("verify"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
}

/// SQLite's form of the same rule: a trigger that `RAISE(IGNORE)`s the write of a frozen
/// account's picture. An upload fails, exit 4, and leaves nothing behind (it was reported
/// done, the ledger holding a picture the column did not show); so does a remove (it was
/// reported done, the picture the column still showed demoted, its objects due for
/// deletion in seven days while the app kept showing them).
#[test]
fn a_sqlite_trigger_that_ignores_the_columns_write_fails_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    assert_eq!(s.upload("njit", "a.jpg", &photo(1), &[]).code, 0);
    let url = s.picture_url(1).unwrap();
    let (objects, rows) = (s.objects(), s.rows());
    db.exec(
        "CREATE TRIGGER frozen_accounts BEFORE UPDATE OF profile_picture_url ON users
         WHEN OLD.id = 1 BEGIN SELECT RAISE(IGNORE); END;",
    );
    let out = s.upload("njit", "b.jpg", &photo(2), &[]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "the database left the picture of user '1' as it was: a rule of the database"
        ),
        "{}",
        out.stderr
    );
    let out = run(s.pfp().args(["remove", "--user", "njit", "--yes"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("kept the row from being written; nothing was changed"),
        "{}",
        out.stderr
    );
    assert_eq!(s.picture_url(1).as_deref(), Some(url.as_str()));
    assert_eq!(s.objects(), objects, "nothing stored, nothing deleted");
    assert_eq!(s.rows(), rows, "the ledger and the columns as they were");
    let out = s.upload("other", "b.jpg", &photo(2), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(s.picture_url(2).is_some());
}

/// A database that ends idle sessions (`idle_session_timeout`, a DBA's guard against
/// abandoned connections) ended pfp's while it waited for a slow upload with its session
/// idle and the owner lock held in it: "starting a transaction: connection closed",
/// exit 5, the uploaded object left behind. pfp's own sessions are exempt now.
#[test]
fn a_database_that_ends_idle_sessions_does_not_end_pfps_during_a_slow_upload() {
    let db = common::db::TestDb::postgres_with("idle_session_timeout=1000");
    let world = World::local_with(|o| ServerOptions {
        put_delay: Some(Duration::from_secs(3)),
        put_delay_prefix: Some("users/".into()),
        ..o
    });
    let s = Stack::with_world(&db, world);
    let out = s.upload("njit", "a.jpg", &photo(1), &["--json"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let key = json_lines(&out.stdout)[0]["key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(s.picture_url(1).unwrap().ends_with(&key));
}
