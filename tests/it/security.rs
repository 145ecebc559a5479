//! TLS, secrets and hostile inputs.

use crate::common;
use crate::common::fixtures;

use common::s3server::{S3Server, ServerOptions};
use common::*;

#[test]
fn https_with_a_trusted_ca_works_and_an_untrusted_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pki = make_pki(&["127.0.0.1", "localhost"]);
    let server = S3Server::start(ServerOptions {
        tls: Some((pki.cert_pem.clone(), pki.key_pem.clone())),
        ..test_options(dir.path(), 0)
    })
    .unwrap();
    let endpoint = format!("https://127.0.0.1:{}", server.port());
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, &pki.ca_pem).unwrap();
    let other_ca = dir.path().join("other-ca.pem");
    std::fs::write(&other_ca, make_pki(&["127.0.0.1", "localhost"]).ca_pem).unwrap();
    let pfp = || {
        let mut c = pfp_isolated(dir.path());
        c.env("MINIO_ENDPOINT", &endpoint)
            .env("MINIO_ACCESS_KEY", ACCESS_KEY)
            .env("MINIO_SECRET_KEY", SECRET_KEY)
            .env("MINIO_BUCKET_NAME", "tls");
        c
    };

    let out = run(pfp().arg("--ca-cert").arg(&ca).args(["bucket", "init"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "Bucket 'tls' created.\n");

    // The server's CA is not trusted: a TLS failure is a configuration error, exit 7.
    for extra in [
        vec![],
        vec!["--ca-cert".to_owned(), other_ca.display().to_string()],
    ] {
        let out = run(pfp()
            .args(&extra)
            .args(["bucket", "init", "--retries", "0"]));
        assert_eq!(out.code, 7, "{extra:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("TLS with https://127.0.0.1"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("--ca-cert"), "{}", out.stderr);
    }

    // The AWS CLI's CA bundle, borrowed as its endpoint and keys are: `AWS_CA_BUNDLE`, or
    // `ca_bundle` in the profile; `--ca-cert` wins over both. (They were not read: the
    // same server was refused as untrusted.) A plain-HTTP endpoint reads neither.
    let out = run(pfp()
        .env("AWS_CA_BUNDLE", &ca)
        .args(["bucket", "init", "--retries", "0"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let profile = dir.path().join("aws-config");
    std::fs::write(
        &profile,
        format!("[profile ops]\nca_bundle = {}\n", ca.display()),
    )
    .unwrap();
    let out = run(pfp()
        .env("AWS_CONFIG_FILE", &profile)
        .env("AWS_PROFILE", "ops")
        .args(["config", "show"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("ca_cert "))
        .unwrap_or_default()
        .to_owned();
    assert!(line.contains("(AWS profile ops in "), "{}", out.stdout);
    let out = run(pfp()
        .env("AWS_CONFIG_FILE", &profile)
        .env("AWS_PROFILE", "ops")
        .args(["bucket", "init", "--retries", "0"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(pfp()
        .env("AWS_CA_BUNDLE", &ca)
        .arg("--ca-cert")
        .arg(&other_ca)
        .args(["bucket", "init", "--retries", "0"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    let out = run(pfp()
        .env("MINIO_ENDPOINT", endpoint.replace("https://", "http://"))
        .env("AWS_CA_BUNDLE", dir.path().join("nowhere.pem"))
        .args(["config", "show"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(pfp()
        .env("AWS_CA_BUNDLE", dir.path().join("nowhere.pem"))
        .args(["config", "show"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("(env AWS_CA_BUNDLE) is not a readable file"),
        "{}",
        out.stderr
    );

    // --insecure goes through, with a warning.
    let out = run(pfp().args(["--insecure", "bucket", "init"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("warning: --insecure"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Bucket 'tls' already exists."),
        "{}",
        out.stderr
    );
    // ... and doctor does not claim the TLS it did not check.
    let doctor = run(pfp().args(["--insecure", "doctor"]));
    let all = format!("{}{}", doctor.stdout, doctor.stderr);
    assert!(!all.contains("TLS verified"), "{all}");
    assert!(all.contains("TLS NOT verified (--insecure)"), "{all}");

    // A whole upload over HTTPS, and the presigned URL works with the same CA.
    let db = common::db::TestDb::sqlite(dir.path());
    let with_db = || {
        let mut c = pfp();
        c.env("DATABASE_URL", db.url()).arg("--ca-cert").arg(&ca);
        c
    };
    assert_eq!(
        run(with_db().args(["user", "add", "--email", "t@example.com", "--nickname", "t"])).code,
        0
    );
    let photo = dir.path().join("p.jpg");
    std::fs::write(
        &photo,
        fixtures::jpeg(&fixtures::photo_like(100, 100, 1), 90),
    )
    .unwrap();
    let out = run(with_db().args(["upload", "--user", "t"]).arg(&photo));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("https://127.0.0.1:"),
        "{}",
        out.stdout
    );
    let client = reqwest::blocking::Client::builder()
        .no_proxy()
        .add_root_certificate(reqwest::Certificate::from_pem(pki.ca_pem.as_bytes()).unwrap())
        .build()
        .unwrap();
    assert_eq!(
        client
            .get(out.stdout.trim())
            .send()
            .unwrap()
            .status()
            .as_u16(),
        200
    );
}

#[test]
fn a_config_file_with_a_secret_that_others_can_read_gets_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("pfp.toml");
    std::fs::write(
        &config,
        format!("[minio]\naccess_key = \"{ACCESS_KEY}\"\nsecret_key = \"{SECRET_KEY}\"\n"),
    )
    .unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(pfp_isolated(dir.path())
        .arg("--config")
        .arg(&config)
        .args(["config", "show"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("holds a secret key and is readable by group or others"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("chmod 600"), "{}", out.stderr);

    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = run(pfp_isolated(dir.path())
        .arg("--config")
        .arg(&config)
        .args(["config", "show"]));
    assert!(
        !out.stderr.contains("readable by group or others"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_secret_never_appears_at_any_verbosity_or_in_errors() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let pfp = || {
        let mut c = world.pfp();
        c.env("DATABASE_URL", db.url());
        c
    };
    // `run` fails the test if the secret shows up anywhere in stdout or stderr.
    for args in [
        vec!["-vvv", "bucket", "init"],
        vec!["-vvv", "config", "show"],
        vec!["-vvv", "--json", "config", "show"],
        vec![
            "-vvv",
            "user",
            "add",
            "--email",
            "s@example.com",
            "--nickname",
            "s",
        ],
        vec!["-vvv", "get-url", "--user", "s"],
        vec![
            "-vvv",
            "--endpoint",
            "http://127.0.0.1:1",
            "--retries",
            "1",
            "bucket",
            "init",
        ],
    ] {
        run(pfp().args(&args));
    }
    let photo = world.dir.path().join("p.jpg");
    std::fs::write(&photo, fixtures::jpeg(&fixtures::photo_like(64, 64, 2), 90)).unwrap();
    let out = run(pfp().args(["-vvv", "upload", "--user", "s"]).arg(&photo));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(pfp()
        .env("MINIO_SECRET_KEY", "another-Secret-xyz")
        .args(["-vvv", "bucket", "init"]));
    assert_eq!(out.code, 6);
    assert!(
        !out.stderr.contains("another-Secret-xyz") && !out.stdout.contains("another-Secret-xyz")
    );
}

#[test]
fn manifest_entries_that_are_not_regular_files_are_refused_not_read() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let pfp = || {
        let mut c = world.pfp();
        c.env("DATABASE_URL", db.url());
        c
    };
    assert_eq!(run(pfp().args(["bucket", "init"])).code, 0);
    for nick in ["f", "g", "h"] {
        let email = format!("{nick}@example.com");
        assert_eq!(
            run(pfp().args(["user", "add", "--email", &email, "--nickname", nick])).code,
            0
        );
    }
    let fifo = world.dir.path().join("pipe.jpg");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let manifest = format!(
        "f,{}\ng,/dev/zero\nh,{}\n",
        fifo.display(),
        world.dir.path().display()
    );
    let out = run(pfp()
        .args(["import", "--json", "--manifest", "-"])
        .write_stdin(manifest)
        .timeout(std::time::Duration::from_secs(30)));
    assert_eq!(out.code, 4, "{}\n{}", out.stdout, out.stderr);
    let rejected: Vec<serde_json::Value> = json_lines(&out.stdout)
        .into_iter()
        .filter(|v| v["status"] == "rejected")
        .collect();
    assert_eq!(rejected.len(), 3, "{}", out.stdout);
    for r in rejected {
        assert!(
            r["message"]
                .as_str()
                .unwrap()
                .contains("not a regular file"),
            "{r}"
        );
    }
}

#[test]
fn database_passwords_are_masked_wherever_the_url_carries_them() {
    let dir = tempfile::tempdir().unwrap();
    // In the query string, as libpq allows: config show masks it like user:password@.
    let out = run(pfp_isolated(dir.path())
        .env(
            "DATABASE_URL",
            "postgres://app@db.example/app?password=hunter2&sslmode=disable",
        )
        .args(["config", "show"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("hunter2"), "{}", out.stdout);
    assert!(out.stdout.contains("password=********"), "{}", out.stdout);
    assert!(out.stdout.contains("sslmode=disable"), "{}", out.stdout);

    // On the command line, where ps and the shell history show it: a warning that
    // points to the ways that keep it out of sight.
    let out = run(pfp_isolated(dir.path()).args([
        "--db",
        "postgres://app:hunter2@db.example/app",
        "config",
        "show",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("hunter2") && !out.stderr.contains("hunter2"));
    assert!(
        out.stderr.contains("--db holds a password") && out.stderr.contains("PGPASSWORD"),
        "{}",
        out.stderr
    );

    // PGPASSWORD fills in a URL without one (and is masked too); no warning.
    let out = run(pfp_isolated(dir.path()).env("PGPASSWORD", "hunter2").args([
        "--db",
        "postgres://app@db.example/app",
        "config",
        "show",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("hunter2"), "{}", out.stdout);
    // The URL as given; the password it lacks is a part of its own, masked.
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("database ") && l.contains("postgres://app@db.example/app")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("database.password")
                && l.contains("********")
                && l.contains("(env PGPASSWORD)")),
        "{}",
        out.stdout
    );
    assert!(
        !out.stderr.contains("--db holds a password"),
        "{}",
        out.stderr
    );
}

#[test]
fn credentials_in_an_endpoint_are_refused_without_being_echoed() {
    let dir = tempfile::tempdir().unwrap();
    for var in ["MINIO_ENDPOINT", "MINIO_PUBLIC_ENDPOINT"] {
        let out = run(pfp_isolated(dir.path())
            .env("MINIO_ENDPOINT", "http://127.0.0.1:9000")
            .env(var, format!("http://ak:{SECRET_KEY}@files.example:9000"))
            .args(["config", "show"]));
        assert_eq!(out.code, 7, "{var}: {}", out.stderr);
        assert!(
            out.stderr.contains("http://***@files.example:9000"),
            "{var}: {}",
            out.stderr
        );
        assert!(
            out.stderr
                .contains("credentials do not belong in the endpoint")
        );
    }
}

#[test]
fn the_secret_key_file_is_read_to_its_first_line_as_the_help_says() {
    let world = World::new();
    let file = world.dir.path().join("secret");
    std::fs::write(
        &file,
        format!("{SECRET_KEY}\nrotated on 2026-11-01 by ops\n"),
    )
    .unwrap();
    let out = run(world
        .pfp()
        .env_remove("MINIO_SECRET_KEY")
        .arg("--secret-key-file")
        .arg(&file)
        .args(["bucket", "init"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let help = run(pfp_isolated(world.dir.path()).args(["bucket", "init", "--help"]));
    assert!(
        help.stdout.contains("first line of this file"),
        "{}",
        help.stdout
    );
}

#[test]
fn file_names_with_control_characters_are_escaped_in_output() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\x1b[2J\x1b[31mred\rok.jpg";
    let path = dir.path().join(name);
    std::fs::write(&path, fixtures::jpeg(&fixtures::photo_like(64, 64, 1), 90)).unwrap();
    let out = run(pfp_isolated(dir.path()).arg("validate").arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !out.stdout.contains('\x1b') && !out.stdout.contains('\r'),
        "{:?}",
        out.stdout
    );
    assert!(out.stdout.contains("evil\\u{1b}[2J"), "{}", out.stdout);
}

#[test]
fn json_carries_file_names_exactly_with_nothing_a_terminal_acts_on() {
    // The human lines show a hostile name escaped (above). `--json` is for scripts: the
    // `file` field is the name itself, so that `jq -r .file` gets back a name to open,
    // and what a terminal would act on (ESC, CR, newline, DEL, the C1 CSI U+009B, a
    // right-to-left override) is written as JSON escapes, never raw.
    let dir = tempfile::tempdir().unwrap();
    let db = db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let name = "evil\x1b[31m\r\n\x7f\u{9b}2J\u{202e}gpj.jpg";
    // Newlines end the JSON lines; a raw one inside a name would break a line, which
    // `json_lines` (every line one JSON object) catches.
    let raw_on_stdout = |stdout: &str| {
        stdout
            .chars()
            .any(|c| c != '\n' && (c.is_control() || c == '\u{202e}'))
    };
    let bytes = fixtures::jpeg(&fixtures::photo_like(64, 64, 3), 90);
    let path = s.file(name, &bytes);

    let out = run(s.pfp().args(["--json", "validate"]).arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!raw_on_stdout(&out.stdout), "{:?}", out.stdout);
    assert!(
        out.stdout.contains("\\u001b[31m") && out.stdout.contains("\\u009b"),
        "{}",
        out.stdout
    );
    assert_eq!(json_lines(&out.stdout)[0]["file"], path.to_str().unwrap());

    let out = s.upload("njit", name, &bytes, &["--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!raw_on_stdout(&out.stdout), "{:?}", out.stdout);
    assert_eq!(json_lines(&out.stdout)[0]["file"], name);
    // The status lines name it escaped, as ever.
    assert!(!out.stderr.contains('\x1b'), "{:?}", out.stderr);

    // An import names each file exactly too, and a manifest's refused line by the
    // manifest's exact name.
    let manifest = s.file(
        "list\x1b.csv",
        format!(
            "user,file\nother,\"{0}\"\nnobody-here,\"{0}\"\na line of one field\n",
            path.display()
        )
        .as_bytes(),
    );
    let out = run(s
        .pfp()
        .args(["--json", "import", "--manifest"])
        .arg(&manifest));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(!raw_on_stdout(&out.stdout), "{:?}", out.stdout);
    let mut files: Vec<(String, String)> = json_lines(&out.stdout)
        .iter()
        .filter(|v| v["type"] == "import")
        .map(|v| {
            (
                v["file"].as_str().unwrap().to_owned(),
                v["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    files.sort();
    let exact = path.to_str().unwrap().to_owned();
    assert_eq!(
        files,
        [
            (exact.clone(), "done".to_owned()),
            (exact, "rejected".to_owned()),
            // Line 6: each quoted name above spans two lines of the manifest.
            (format!("{}:6", manifest.display()), "rejected".to_owned()),
        ],
        "{}",
        out.stdout
    );

    // `user import` names each row by the CSV file's exact name and its line.
    let csv = s.file(
        "users\x1b[2J.csv",
        b"email,nickname\nnew@example.org,newbie\n",
    );
    let out = run(s.pfp().args(["--json", "user", "import"]).arg(&csv));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!raw_on_stdout(&out.stdout), "{:?}", out.stdout);
    assert_eq!(
        json_lines(&out.stdout)[0]["row"],
        format!("{}:2", csv.display()),
        "{}",
        out.stdout
    );
}

#[test]
fn values_the_apps_users_chose_cannot_act_on_the_operators_terminal() {
    // A nickname is whatever a user of the app typed: an OSC that retitles the
    // terminal, a clear-screen, a tab that would forge a column. pfp's human lines show
    // them escaped; `--json` carries the exact value (JSON-escaped).
    let dir = tempfile::tempdir().unwrap();
    let db = db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let nickname = "ev\x1b]0;pwned\x07il\t\x1b[2J\u{9b}x";
    let acts = |text: &str| text.contains(['\x1b', '\x07', '\u{9b}']);
    // `user add` refuses such a nickname (and its refusal shows it escaped); an app's
    // table holds whatever its users typed, written here as the app would.
    let add = |nickname: &str| {
        run(s.pfp().args([
            "user",
            "add",
            "--email",
            "evil@example.org",
            "--nickname",
            nickname,
        ]))
    };
    let out = add(nickname);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        !acts(&out.stdout) && !acts(&out.stderr),
        "{:?} {:?}",
        out.stdout,
        out.stderr
    );
    let out = add("evil");
    assert_eq!(out.code, 0, "{}", out.stderr);
    db.exec(&format!(
        "UPDATE users SET nickname = '{nickname}' WHERE email = 'evil@example.org'"
    ));

    let out = run(s.pfp().args(["user", "show", "evil@example.org"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!acts(&out.stdout), "{:?}", out.stdout);
    assert!(
        out.stdout
            .contains("ev\\u{1b}]0;pwned\\u{7}il\\u{9}\\u{1b}[2J\\u{9b}x"),
        "{}",
        out.stdout
    );
    // Piped, `user list` is tab-separated rows: the nickname's tab is escaped, so the row
    // keeps its five fields (id, email, nickname, display name, picture).
    let out = run(s.pfp().args(["user", "list"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!acts(&out.stdout), "{:?}", out.stdout);
    let row = out
        .stdout
        .lines()
        .find(|l| l.contains("evil@example.org"))
        .unwrap();
    assert_eq!(row.split('\t').count(), 5, "{row:?}");

    let out = run(s.pfp().args(["--json", "user", "show", "evil@example.org"]));
    assert!(!acts(&out.stdout), "{:?}", out.stdout);
    assert_eq!(json_lines(&out.stdout)[0]["fields"]["nickname"], nickname);

    // A line of an operator's list is echoed in a warning, escaped.
    let list = s.file("users.txt", b"1\nno\x1b[31mbody\n");
    let out = run(s.pfp().args(["export-urls", "--users"]).arg(&list));
    assert!(!acts(&out.stderr), "{:?}", out.stderr);
    assert!(
        out.stderr.contains("user 'no\\u{1b}[31mbody' not found"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_file_swapped_for_a_fifo_after_the_check_is_refused_not_waited_on() {
    // A thread swaps the path between a picture and a FIFO nobody writes to, as fast as
    // it can, while pfp validates it again and again: whichever pfp opens, it must
    // answer at once (a blocking open of the FIFO would hang until the timeout).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("swapped.jpg");
    let picture = dir.path().join("picture.jpg");
    let fifo = dir.path().join("fifo");
    let photo = fixtures::jpeg(&fixtures::photo_like(32, 32, 2), 90);
    let c_fifo = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    std::fs::write(&path, &photo).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let (stop, path, picture, fifo) =
            (stop.clone(), path.clone(), picture.clone(), fifo.clone());
        let photo = photo.clone();
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                std::fs::write(&picture, &photo).unwrap();
                std::fs::rename(&picture, &path).unwrap();
                // SAFETY: a valid C string path.
                assert_eq!(unsafe { libc::mkfifo(c_fifo.as_ptr(), 0o600) }, 0);
                std::fs::rename(&fifo, &path).unwrap();
            }
        })
    };
    let mut refused = 0;
    for _ in 0..60 {
        let out = pfp_isolated(dir.path())
            .arg("validate")
            .arg(&path)
            .timeout(std::time::Duration::from_secs(10))
            .output()
            .unwrap();
        match out.status.code() {
            Some(0) => {}
            Some(4) => {
                refused += 1;
                assert!(String::from_utf8_lossy(&out.stdout).contains("not a regular file"));
            }
            other => panic!(
                "validate hung or failed ({other:?}): {}",
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    swapper.join().unwrap();
    assert!(
        refused > 0,
        "the FIFO was never seen: the test did not race"
    );
}

/// A plain-HTTP endpoint makes no TLS connection, so pfp does not read the machine's CA
/// store for it (vendor/README.md): a store whose certificate cannot be parsed does not
/// stop it (it made building the S3 client fail, exit 7). Over HTTPS the same store is
/// read, and the same failure is the configuration error it was.
#[test]
fn a_plain_http_endpoint_does_not_read_the_machines_ca_store() {
    let world = World::new();
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.pem");
    std::fs::write(
        &broken,
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let certs = dir.path().join("certs");
    std::fs::create_dir(&certs).unwrap();
    let pfp = || {
        let mut c = world.pfp();
        c.env("SSL_CERT_FILE", &broken).env("SSL_CERT_DIR", &certs);
        c
    };
    let out = run(pfp().args(["bucket", "init", "--bucket", "ca-store"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "Bucket 'ca-store' created.\n");

    let https = world.server.endpoint().replace("http://", "https://");
    let out = run(pfp()
        .env("MINIO_ENDPOINT", &https)
        .args(["bucket", "init", "--retries", "0"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("cannot set up the S3 client"),
        "{}",
        out.stderr
    );
}

#[test]
fn https_to_a_plain_http_server_is_a_configuration_error() {
    let world = World::new();
    let https = world.server.endpoint().replace("http://", "https://");
    let out =
        run(world
            .pfp()
            .env("MINIO_ENDPOINT", &https)
            .args(["bucket", "init", "--retries", "0"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("does not speak TLS on this port")
            && out.stderr.contains("MINIO_USE_SSL=false"),
        "{}",
        out.stderr
    );
}

/// A self-signed certificate as `openssl req -x509` makes one (basicConstraints
/// CA:TRUE), which the PostgreSQL and MinIO guides use: rustls refuses it as a server's
/// own even when `--ca-cert` names it, and pfp said only `Other(OtherError(
/// CaUsedAsEndEntity))`; now it says what that is and how to make one it takes, and the
/// one so made (CA:FALSE) is taken. Plain HTTP to that TLS port is named as such.
#[test]
fn a_self_signed_ca_certificate_is_explained_and_one_marked_ca_false_works() {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let self_signed = |ca: bool| {
        let key = KeyPair::generate().unwrap();
        let mut params =
            CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).unwrap();
        params.is_ca = if ca {
            IsCa::Ca(BasicConstraints::Unconstrained)
        } else {
            IsCa::ExplicitNoCa
        };
        (params.self_signed(&key).unwrap().pem(), key.serialize_pem())
    };
    for ca in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = self_signed(ca);
        let server = S3Server::start(ServerOptions {
            tls: Some((cert.clone(), key)),
            ..test_options(dir.path(), 0)
        })
        .unwrap();
        let pinned = dir.path().join("server.pem");
        std::fs::write(&pinned, &cert).unwrap();
        let pfp = |scheme: &str| {
            let mut c = pfp_isolated(dir.path());
            c.env(
                "MINIO_ENDPOINT",
                format!("{scheme}://127.0.0.1:{}", server.port()),
            )
            .env("MINIO_ACCESS_KEY", ACCESS_KEY)
            .env("MINIO_SECRET_KEY", SECRET_KEY)
            .env("MINIO_BUCKET_NAME", "pinned")
            .arg("--ca-cert")
            .arg(&pinned)
            .args(["--retries", "0", "bucket", "init"]);
            c
        };
        let out = run(&mut pfp("https"));
        if ca {
            assert_eq!(out.code, 7, "{}", out.stderr);
            assert!(
                out.stderr
                    .contains("the server's certificate is itself a CA certificate")
                    && out.stderr.contains("basicConstraints=critical,CA:FALSE"),
                "{}",
                out.stderr
            );
        } else {
            assert_eq!(out.code, 0, "{}", out.stderr);
            assert_eq!(out.stderr, "Bucket 'pinned' created.\n");
            // Plain HTTP to the TLS port: the server's alert names it (it read as a
            // connection closed, exit 5, with TLS only a guess in the hint).
            let out = run(&mut pfp("http"));
            assert_eq!(out.code, 7, "{}", out.stderr);
            assert!(
                out.stderr.contains(&format!(
                    "the server at http://127.0.0.1:{} speaks TLS on this port, not plain HTTP; use https:// in the endpoint, or MINIO_USE_SSL=true",
                    server.port()
                )),
                "{}",
                out.stderr
            );
        }
    }
}
