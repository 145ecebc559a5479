//! `pfp doctor`: every check, its tick or cross, and the exit code of the first failure.

mod common;

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
    let out = run(pfp().arg("doctor"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    for check in [
        "configuration",
        "endpoint answers",
        "clock",
        "credentials",
        "bucket",
        "database",
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
    assert!(
        out.stdout
            .contains("wrote, read (through a presigned URL) and deleted a probe object")
    );
    let probe_dir = world.data_root().join(&world.bucket).join("pfp-doctor");
    let left = probe_dir.read_dir().map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "the probe object was deleted");

    let out = run(pfp().args(["doctor", "--json"]));
    let report = &json_lines(&out.stdout)[0];
    assert_eq!(report["type"], "doctor");
    assert_eq!(report["ok"], true);
    assert_eq!(report["checks"].as_array().unwrap().len(), 6);
}

#[test]
fn failures_are_crossed_with_a_hint_and_the_first_failure_sets_the_exit_code() {
    let mut world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let pfp = |w: &World| {
        let mut c = w.pfp();
        c.env("DATABASE_URL", db.url());
        c
    };
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
    assert_eq!(checks.last().unwrap()["check"], "database");
    assert_eq!(checks.last().unwrap()["ok"], true);
}
