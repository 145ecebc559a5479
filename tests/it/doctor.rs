//! `pfp doctor`: every check, its tick or cross, and the exit code of the first failure.

use crate::common;

use common::*;

#[test]
fn a_healthy_setup_passes_every_check() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let pfp = || {
        let mut c = world.pfp();
        c.env("DATABASE_URL", db.url()).env("NO_COLOR", "1");
        c
    };
    assert_eq!(run(pfp().args(["bucket", "init"])).code, 0);
    let add = pfp().args(ADD_USER_A).output().unwrap();
    assert!(add.status.success());
    let out = run(pfp().arg("doctor"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    for check in [
        "configuration",
        "endpoint answers",
        "clock",
        "credentials",
        "bucket",
        "anonymous access",
        "lifecycle",
        "database",
        "store",
    ] {
        assert!(
            out.stdout.contains(&format!("✓ {check}: ")),
            "{check}: {}",
            out.stdout
        );
    }
    assert!(
        !out.stdout.contains('\u{1b}'),
        "no colour without a terminal"
    );
    // Each key's own source: the secret came from MINIO_SECRET_KEY, not a config file.
    assert!(
        out.stdout
            .contains("access key (env MINIO_ACCESS_KEY), secret key (env MINIO_SECRET_KEY)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("wrote, read (through a presigned URL) and deleted a probe object")
    );
    let left: Vec<String> = world
        .s3()
        .keys()
        .into_iter()
        .filter(|k| !k.starts_with(".pfp/"))
        .collect();
    assert_eq!(left, Vec::<String>::new(), "the probe object was deleted");
    // A database that has changed nothing yet: the bucket becomes its store at its first
    // change.
    assert!(
        out.stdout
            .contains("✓ store: this database records no store yet; bucket '"),
        "{}",
        out.stdout
    );

    let out = run(pfp().args(["doctor", "--json"]));
    let report = &json_lines(&out.stdout)[0];
    assert_eq!(report["type"], "doctor");
    assert_eq!(report["ok"], true);
    let checks = report["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 11);
    // The decoder jail: a real child started, every protection reported active.
    let jail = checks
        .iter()
        .find(|c| c["check"] == "decoder jail")
        .unwrap();
    let detail = jail["detail"].as_str().unwrap();
    for protection in [
        "seccomp allow-list",
        "no new privileges",
        "empty environment",
        "only its 3 standard descriptors",
        "memory 512 MiB",
        "no file writes",
        "dies with pfp",
    ] {
        assert!(detail.contains(protection), "{detail}");
    }
    assert!(!detail.contains("NOT active"), "{detail}");
    // The C libraries that run in the jail, with their versions (libwebp's as it reports
    // itself at run time).
    let codecs = checks.last().unwrap();
    assert_eq!(codecs["check"], "codecs");
    let detail = codecs["detail"].as_str().unwrap();
    assert!(detail.contains("libjpeg-turbo 3.1.0 (C"), "{detail}");
    assert!(detail.contains("libwebp 1.6."), "{detail}");
    assert!(detail.contains("rav1d 1.1.0"), "{detail}");

    // A clock 10 minutes slow passes (SigV4 allows 15), named with what it means for
    // URLs; 20 minutes fast fails, first, as every signed request would.
    let out = run(with_clock_off(&mut pfp(), "-10m").arg("doctor"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("✓ clock: ")
            && names_clock_off(&out.stdout, 10, "behind")
            && out.stdout.contains("behind the server's: pfp dates its URLs by the server's clock, but other tools here do not; synchronise this clock (NTP)"),
        "{}",
        out.stdout
    );
    let out = run(with_clock_off(&mut pfp(), "+20m").arg("doctor"));
    assert_eq!(out.code, 7, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("✗ clock: this machine's clock is ")
            && names_clock_off(&out.stdout, 20, "ahead of")
            && out
                .stdout
                .contains("ahead of the server's; SigV4 refuses requests beyond 15 minutes"),
        "{}",
        out.stdout
    );
}

/// A bucket made with `pfp bucket init` and a database with one user: where doctor's
/// checks of the bucket's settings start from.
struct SetUp {
    world: World,
    db: common::db::TestDb,
}

impl SetUp {
    fn new() -> SetUp {
        let world = World::new();
        let db = common::db::TestDb::sqlite(world.dir.path());
        let set_up = SetUp { world, db };
        assert_eq!(run(set_up.pfp().args(["bucket", "init"])).code, 0);
        assert!(
            set_up
                .pfp()
                .args(ADD_USER_A)
                .output()
                .unwrap()
                .status
                .success()
        );
        set_up
    }

    fn pfp(&self) -> assert_cmd::Command {
        let mut c = self.world.pfp();
        c.env("DATABASE_URL", self.db.url()).env("NO_COLOR", "1");
        c
    }

    fn doctor(&self, args: &[&str]) -> Out {
        run(self.pfp().arg("doctor").args(args))
    }

    fn bucket(&self) -> String {
        self.world.s3().name.clone()
    }
}

/// A bucket open to requests without a signature (a tutorial's `mc anonymous set
/// public`) is named: reading and listing pass, said with what they expose; writing
/// fails, since a stranger could replace any picture with a file pfp never checked. The
/// probes, signed and unsigned, leave nothing behind.
#[test]
fn a_bucket_open_to_anyone_is_named_and_open_writes_fail() {
    let set_up = SetUp::new();
    let (world, bucket) = (&set_up.world, set_up.bucket());
    let anonymous = |args: &[&str]| {
        let out = set_up.doctor(args);
        (out.code, out.stdout, out.stderr)
    };

    let (code, stdout, stderr) = anonymous(&[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!(
            "✓ anonymous access: none: reading, listing and writing bucket '{bucket}' without a signature were each refused"
        )),
        "{stdout}"
    );

    world.s3().set_anonymous("download");
    let (code, stdout, stderr) = anonymous(&[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!(
            "✓ anonymous access: anyone can read and list bucket '{bucket}' without a signature: each picture is public to whoever has its URL (a presigned URL's expiry limits nothing), and a listing names every user with a picture (keys hold users' ids); writing is refused. If the app does not serve its pictures publicly: 'mc anonymous set none ALIAS/{bucket}'"
        )),
        "{stdout}"
    );

    world.s3().set_anonymous("public");
    let (code, stdout, stderr) = anonymous(&["--json"]);
    assert_eq!(code, 7, "{stdout}\n{stderr}");
    let check = doctor_check(&stdout, "anonymous access");
    assert_eq!(check["ok"], false, "{check}");
    assert_eq!(check["exit_code"], 7, "{check}");
    let detail = check["detail"].as_str().unwrap();
    assert!(
        detail.contains(&format!("anyone can write to bucket '{bucket}' without a signature: an unsigned PUT of a probe object was stored (and deleted again)"))
            && detail.contains(&format!("'mc anonymous set download ALIAS/{bucket}' keeps public reads")),
        "{detail}"
    );
    assert_eq!(doctor_check(&stdout, "bucket")["ok"], true);
    let (code, stdout, _) = anonymous(&[]);
    assert_eq!(code, 7);
    assert!(
        stdout.contains("✗ anonymous access: anyone can write"),
        "{stdout}"
    );
    let probes: Vec<String> = world
        .s3()
        .keys()
        .into_iter()
        .filter(|k| k.starts_with("pfp-doctor/"))
        .collect();
    assert_eq!(probes, Vec::<String>::new(), "every probe was deleted");

    world.s3().set_anonymous("none");
    let (code, stdout, stderr) = anonymous(&[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("✓ anonymous access: none: "), "{stdout}");
}

/// A lifecycle rule that expires pfp's objects (`mc ilm rule add --expire-days 30`, meant
/// for an app's temporary uploads but set on the whole bucket) would have the server
/// delete, a month later, every picture the database points at: doctor fails on it,
/// naming the rule; a rule on another prefix passes.
#[test]
fn a_lifecycle_rule_that_expires_pfps_pictures_fails() {
    let set_up = SetUp::new();
    let (world, bucket) = (&set_up.world, set_up.bucket());
    let pfp = || set_up.pfp();

    let out = run(pfp().arg("doctor"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(&format!(
            "✓ lifecycle: bucket '{bucket}' has no lifecycle rules"
        )),
        "{}",
        out.stdout
    );

    world.s3().set_expiry_rules(&[("uploads", "tmp/", 1)]);
    let out = run(pfp().arg("doctor"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(
            "✓ lifecycle: 1 rule, none expires pfp's objects (under users/, defaults/, .pfp/)"
        ),
        "{}",
        out.stdout
    );

    world
        .s3()
        .set_expiry_rules(&[("uploads", "tmp/", 1), ("cleanup", "", 30)]);
    let out = run(pfp().args(["doctor", "--json"]));
    assert_eq!(out.code, 7, "{}\n{}", out.stdout, out.stderr);
    let check = doctor_check(&out.stdout, "lifecycle");
    assert_eq!(check["ok"], false, "{check}");
    let detail = check["detail"].as_str().unwrap();
    assert!(
        detail.contains(&format!("lifecycle rule 'cleanup' of bucket '{bucket}' expires every object (the whole bucket) after 30 days: the server will delete pictures the database points at"))
            && detail.contains(&format!("mc ilm rule remove --id 'cleanup' ALIAS/{bucket}")),
        "{detail}"
    );

    world.s3().set_expiry_rules(&[("one-user", "users/0", 7)]);
    let out = run(pfp().arg("doctor"));
    assert_eq!(out.code, 7, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("✗ lifecycle: lifecycle rule 'one-user' of bucket '")
            && out
                .stdout
                .contains("expires the objects under 'users/0' after 7 days"),
        "{}",
        out.stdout
    );
}

#[test]
fn failures_are_crossed_with_a_hint_and_the_first_failure_sets_the_exit_code() {
    // The server is stopped halfway.
    let mut world = World::local();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let pfp = |w: &World| {
        let mut c = w.pfp();
        c.env("DATABASE_URL", db.url());
        c
    };
    let add = pfp(&world).args(ADD_USER_A).output().unwrap();
    assert!(add.status.success());
    // No bucket yet: exit 3.
    let out = run(pfp(&world).arg("doctor"));
    assert_eq!(out.code, 3, "{}", out.stdout);
    assert!(out.stdout.contains("✗ bucket: bucket '"), "{}", out.stdout);
    assert!(
        out.stdout.contains("run 'pfp bucket init'"),
        "{}",
        out.stdout
    );

    // Wrong secret: exit 6.
    let out = run(pfp(&world).env("MINIO_SECRET_KEY", "nope").arg("doctor"));
    assert_eq!(out.code, 6, "{}", out.stdout);
    assert!(out.stdout.contains("✗ credentials"), "{}", out.stdout);

    // No secret at all: a configuration failure (exit 7), and the checks that need the
    // keys listed as skipped with the reason, not left out.
    let out = run(pfp(&world).env_remove("MINIO_SECRET_KEY").arg("doctor"));
    assert_eq!(out.code, 7, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("✗ configuration: no secret key configured"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("✓ endpoint answers"), "{}", out.stdout);
    for check in [
        "clock",
        "credentials",
        "bucket",
        "anonymous access",
        "lifecycle",
    ] {
        assert!(
            out.stdout.contains(&format!(
                "- {check}: skipped, needs the keys (see configuration)"
            )),
            "{check}: {}",
            out.stdout
        );
    }

    // Server down: exit 5, the rest of the checks still run.
    world.server.stop();
    let out = run(pfp(&world).args(["doctor", "--json", "--retries", "0"]));
    assert_eq!(out.code, 5, "{}", out.stdout);
    let report = &json_lines(&out.stdout)[0];
    let checks = report["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 11, "every check is reported: {report}");
    let endpoint = checks
        .iter()
        .find(|c| c["check"] == "endpoint answers")
        .unwrap();
    assert_eq!(endpoint["ok"], false);
    assert_eq!(endpoint["exit_code"], 5);
    let database = checks.iter().find(|c| c["check"] == "database").unwrap();
    assert_eq!(database["ok"], true);
}

#[test]
fn ticks_are_coloured_on_a_terminal_unless_no_color_is_set() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let mut init = world.pfp();
    init.env("DATABASE_URL", db.url()).args(["bucket", "init"]);
    assert_eq!(run(&mut init).code, 0);
    // `script` runs pfp on a pseudo-terminal, as a person at a terminal would.
    let on_terminal = |no_color: Option<&str>| {
        let mut cmd = std::process::Command::new("script");
        cmd.args([
            "-qec",
            &format!("{} doctor", env!("CARGO_BIN_EXE_pfp")),
            "/dev/null",
        ])
        .env("HOME", world.dir.path())
        .env("XDG_CONFIG_HOME", world.dir.path().join("config"))
        .env("MINIO_ENDPOINT", world.server.endpoint())
        .env("MINIO_ACCESS_KEY", ACCESS_KEY)
        .env("MINIO_SECRET_KEY", SECRET_KEY)
        .env("MINIO_BUCKET_NAME", &world.bucket)
        .env("DATABASE_URL", db.url())
        .env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().expect("script runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let coloured = on_terminal(None);
    assert!(
        coloured.contains("\u{1b}[32m✓\u{1b}[0m bucket"),
        "{coloured:?}"
    );
    let plain = on_terminal(Some("1"));
    assert!(
        plain.contains("✓ bucket") && !plain.contains('\u{1b}'),
        "{plain:?}"
    );
}

/// A web server that is not an S3 API (as MinIO's console on port 9001 is, or a proxy's
/// page): every request answered with an HTML page, 200 for `/` and 404 elsewhere.
fn web_site() -> String {
    web_server(|request| {
        if request.starts_with("GET / ") || request.starts_with("HEAD / ") {
            ("200 OK".into(), "<html><body>Console</body></html>")
        } else {
            (
                "404 Not Found".into(),
                "<html><body>Not found</body></html>",
            )
        }
    })
}

/// A web server answering each request with `answer(request line)`: its status (with any
/// further header lines) and an HTML page. Its endpoint.
fn web_server(answer: impl Fn(&str) -> (String, &'static str) + Send + Sync + 'static) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let answer = std::sync::Arc::new(answer);
    std::thread::spawn(move || {
        use std::io::{BufRead as _, Write as _};
        for stream in listener.incoming().flatten() {
            let answer = answer.clone();
            std::thread::spawn(move || {
                let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
                let mut stream = stream;
                loop {
                    let mut request = String::new();
                    if reader.read_line(&mut request).unwrap_or(0) == 0 {
                        return;
                    }
                    let mut length = 0usize;
                    loop {
                        let mut header = String::new();
                        if reader.read_line(&mut header).unwrap_or(0) == 0 {
                            return;
                        }
                        if let Some(v) = header.to_ascii_lowercase().strip_prefix("content-length:")
                        {
                            length = v.trim().parse().unwrap_or(0);
                        }
                        if header == "\r\n" {
                            break;
                        }
                    }
                    let mut body = vec![0; length];
                    if std::io::Read::read_exact(&mut reader, &mut body).is_err() {
                        return;
                    }
                    let (status, page) = answer(&request);
                    let head = request.starts_with("HEAD ");
                    let answer = format!(
                        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{}",
                        page.len(),
                        if head { "" } else { page }
                    );
                    if stream.write_all(answer.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    endpoint
}

/// A 32x32 PNG in `dir`, its path: a picture for the commands an endpoint's test runs.
fn small_png(dir: &std::path::Path) -> String {
    let path = dir.join("a.png");
    std::fs::write(
        &path,
        common::fixtures::png(&image::DynamicImage::new_rgb8(32, 32)),
    )
    .unwrap();
    path.to_str().unwrap().to_owned()
}

/// Commands that reach the object store first thing, user `a` uploading `picture`.
fn commands_that_reach_the_store(picture: &str) -> [Vec<&str>; 3] {
    [
        vec!["bucket", "init"],
        vec!["upload", "--user", "a", picture],
        vec!["verify"],
    ]
}

/// pfp in its own home, at `endpoint` with the test keys and the database `db`.
fn at_endpoint(home: &std::path::Path, endpoint: &str, db: &str) -> assert_cmd::Command {
    let mut c = pfp_isolated(home);
    c.env("MINIO_ENDPOINT", endpoint)
        .env("MINIO_ACCESS_KEY", ACCESS_KEY)
        .env("MINIO_SECRET_KEY", SECRET_KEY)
        .env("DATABASE_URL", db);
    c
}

#[test]
fn an_endpoint_that_answers_with_web_pages_is_named_as_no_s3_api() {
    // pfp said the bucket 'does not exist; run pfp bucket init' (exit 3), 'bucket init'
    // failed with exit 1 (a bug in pfp) on the HTML, and doctor found the credentials
    // accepted by the page's 200.
    let endpoint = web_site();
    let home = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(home.path());
    let pfp = || at_endpoint(home.path(), &endpoint, db.url());
    let add = run(pfp().args(ADD_USER_A));
    assert_eq!(add.code, 0, "{}", add.stderr);
    let picture = small_png(home.path());
    for args in commands_that_reach_the_store(&picture) {
        let out = run(pfp().args(["--retries", "0"]).args(&args));
        assert_eq!(out.code, 7, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!(
                "{endpoint} answered HTTP 404 with a web page, not as an S3 API does"
            )),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("its S3 API on 9000"), "{}", out.stderr);
    }
    let out = run(pfp().args(["doctor", "--json", "--retries", "0"]));
    assert_eq!(out.code, 7, "{}", out.stdout);
    let credentials = doctor_check(&out.stdout, "credentials");
    assert_eq!(credentials["ok"], false, "{credentials}");
    assert!(
        credentials["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("answered HTTP 200 with a web page"),
        "{credentials}"
    );
}

/// A web server in front of the S3 API that redirects (nginx's `return 301
/// https://$host$request_uri`, a load balancer's HTTP-to-HTTPS rule) was followed by the
/// HTTP client, up to 10 times: pfp's requests, an upload's picture among them, went to
/// wherever it pointed (there, refused for the signature the client dropped on the way,
/// and reported as the wrong server's answer). pfp follows no redirect: it names where
/// the server points and what to set, exit 7, and sends nothing there.
#[test]
fn an_endpoint_that_redirects_is_not_followed_and_where_it_points_is_named() {
    let world = World::local();
    let target = world.server.endpoint();
    let target = target.trim_end_matches('/').to_owned();
    let to = target.clone();
    let redirecting = web_server(move |request| {
        let path = request.split(' ').nth(1).unwrap_or("/");
        (
            format!("301 Moved Permanently\r\nLocation: {to}{path}"),
            "<html><body><h1>301 Moved Permanently</h1>nginx</body></html>",
        )
    });
    let home = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(home.path());
    let pfp = || at_endpoint(home.path(), &redirecting, db.url());
    assert_eq!(run(pfp().args(ADD_USER_A)).code, 0);
    let picture = small_png(home.path());
    for args in commands_that_reach_the_store(&picture) {
        let out = run(pfp().args(&args));
        assert_eq!(out.code, 7, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!(
                "the server at {redirecting} redirects to {target}/"
            )) && out.stderr.contains(&format!(
                "and pfp follows no redirect; if the S3 API is there, set MINIO_ENDPOINT or --endpoint to {target}\n"
            )),
            "{args:?}: {}",
            out.stderr
        );
    }
    let out = run(pfp().args(["doctor", "--json"]));
    assert_eq!(out.code, 7, "{}", out.stdout);
    assert_eq!(doctor_check(&out.stdout, "endpoint answers")["ok"], true);
    let credentials = doctor_check(&out.stdout, "credentials");
    assert!(
        credentials["detail"]
            .as_str()
            .unwrap_or_default()
            .contains(&format!("redirects to {target}/")),
        "{credentials}"
    );
    assert_eq!(
        world.server.local().ops(),
        Default::default(),
        "no request reached the server the redirect points at"
    );
    assert_eq!(
        db.query("SELECT profile_picture_url FROM users"),
        vec![None]
    );
}

/// An endpoint at a port where another kind of server listens (PostgreSQL's, the slip
/// of one variable for the other) read as a connection closed before an answer: exit 5
/// after every retry, with advice about a server that is down or speaks TLS. The server
/// there is asked what it is and named, exit 7, by the first request of a command and by
/// `doctor`.
#[test]
fn an_endpoint_at_another_servers_port_names_that_server() {
    let home = tempfile::tempdir().unwrap();
    let postgres = url::Url::parse(&common::db::postgres_base()).unwrap();
    let endpoint = format!(
        "http://{}:{}",
        postgres.host_str().unwrap(),
        postgres.port().unwrap_or(5432)
    );
    let db = common::db::TestDb::sqlite(home.path());
    let pfp = || {
        let mut c = at_endpoint(home.path(), &endpoint, db.url());
        c.env("NO_COLOR", "1");
        c
    };
    assert_eq!(run(pfp().args(ADD_USER_A)).code, 0);
    let named = format!(
        "the server at {endpoint} does not speak HTTP: it answered 'S' (a PostgreSQL server); check the host and port in MINIO_ENDPOINT or --endpoint"
    );
    for args in [&["bucket", "init"][..], &["verify"]] {
        let out = run(pfp().args(args));
        assert_eq!(out.code, 7, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(&named), "{args:?}: {}", out.stderr);
    }
    let out = run(pfp().arg("doctor"));
    assert_eq!(out.code, 7, "{}", out.stdout);
    assert!(
        out.stdout.contains("✗ endpoint answers: ") && out.stdout.contains(&named),
        "{}",
        out.stdout
    );
}

/// An IPv6 address in the endpoint (`http://[::1]:9000`): `doctor` looked the bracketed
/// form up as a host name and failed ('DNS lookup of '[::1]' failed') where every other
/// command reached the server.
#[test]
fn an_ipv6_endpoint_is_reached_by_doctor_as_by_every_command() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    // The test's server, on the IPv6 loopback address through a forwarder.
    let listener = std::net::TcpListener::bind("[::1]:0").expect("the IPv6 loopback address");
    let port = listener.local_addr().unwrap().port();
    let target = world.server.port();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            if let Ok(server) = std::net::TcpStream::connect(("127.0.0.1", target)) {
                splice(client, server);
            }
        }
    });
    let pfp = || {
        let mut c = world.pfp();
        c.env("MINIO_ENDPOINT", format!("http://[::1]:{port}"))
            .env("DATABASE_URL", db.url())
            .env("NO_COLOR", "1");
        c
    };
    assert_eq!(run(pfp().args(["bucket", "init"])).code, 0);
    assert_eq!(run(pfp().args(ADD_USER_A)).code, 0);
    let out = run(pfp().arg("doctor"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(&format!(
            "✓ endpoint answers: http://[::1]:{port} ([::1]:{port}, plain HTTP)"
        )),
        "{}",
        out.stdout
    );
}
