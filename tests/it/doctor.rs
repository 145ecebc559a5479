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
    let add = pfp()
        .args(["user", "add", "--email", "a@example.com", "--nickname", "a"])
        .output()
        .unwrap();
    assert!(add.status.success());
    let out = run(pfp().arg("doctor"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    for check in [
        "configuration",
        "endpoint answers",
        "clock",
        "credentials",
        "bucket",
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
    assert_eq!(checks.len(), 9);
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
    let add = pfp(&world)
        .args(["user", "add", "--email", "a@example.com", "--nickname", "a"])
        .output()
        .unwrap();
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
    for check in ["clock", "credentials", "bucket"] {
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
