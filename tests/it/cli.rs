//! The command tree, help, and the commands that later work fills in.

use crate::common;

use common::*;

#[test]
fn help_shows_the_whole_tree_and_the_exit_codes() {
    let home = tempfile::tempdir().unwrap();
    let out = run(pfp_isolated(home.path()).arg("--help"));
    assert_eq!(out.code, 0);
    for command in [
        "upload",
        "get-url",
        "set-default",
        "validate",
        "bucket",
        "user",
        "remove",
        "completions",
        "config",
    ] {
        assert!(
            out.stdout.contains(command),
            "missing {command}:\n{}",
            out.stdout
        );
    }
    assert!(out.stdout.contains("Exit codes:"));
    assert!(out.stdout.contains("6  access denied or bad credentials"));
}

#[test]
fn unknown_subcommand_gets_a_suggestion_and_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let out = run(pfp_isolated(home.path()).arg("uplaod"));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("upload"), "{}", out.stderr);
}

/// `--jobs 0` ran one file at a time, silently (xargs -P 0 and parallel -j 0 mean as many
/// as they can): refused, as cargo refuses `-j 0`, before anything is read.
#[test]
fn jobs_of_zero_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        &["import", "--jobs", "0", "dir"][..],
        &["adopt", "-j", "0"],
        &["validate", "--jobs=0", "a.jpg"],
    ] {
        let out = run(pfp_isolated(home.path()).args(args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("must be at least 1 (leave --jobs out for the default)"),
            "{args:?}: {}",
            out.stderr
        );
    }
    let out = run(pfp_isolated(home.path()).args(["import", "-j", "many", "dir"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("'many' is not a whole number"),
        "{}",
        out.stderr
    );
}

#[test]
fn committed_completions_match_the_binary() {
    let home = tempfile::tempdir().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in [
        ("bash", "pfp.bash"),
        ("zsh", "_pfp"),
        ("fish", "pfp.fish"),
        ("powershell", "_pfp.ps1"),
        ("elvish", "pfp.elv"),
    ] {
        let out = run(pfp_isolated(home.path()).args(["completions", shell]));
        assert_eq!(out.code, 0);
        let committed = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        assert!(
            committed == out.stdout,
            "completions/{file} is stale: run scripts/update-completions"
        );
    }
}

#[test]
fn docker_compose_has_minio_and_postgres_with_healthchecks() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docker-compose.yml");
    let text = std::fs::read_to_string(path).unwrap();
    let doc: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).expect("valid YAML");
    assert!(
        doc.get("version").is_none(),
        "no obsolete top-level version key"
    );
    let services = doc.get("services").expect("services");
    let minio = services.get("minio").expect("a minio service");
    let ports = format!("{:?}", minio.get("ports"));
    assert!(ports.contains("9000") && ports.contains("9001"), "{ports}");
    assert!(minio.get("healthcheck").is_some());
    let env = format!("{:?}", minio.get("environment"));
    assert!(env.contains("MINIO_ROOT_USER") && env.contains("MINIO_ROOT_PASSWORD"));
    let postgres = services.get("postgres").expect("a postgres service");
    assert!(format!("{:?}", postgres.get("image")).contains("postgres:16"));
    assert!(postgres.get("healthcheck").is_some());
    assert!(doc.get("volumes").is_some(), "a data volume");
}

#[test]
fn the_quick_start_script_runs_as_written() {
    let (stdout, stderr) = run_example_script("quickstart.sh");
    assert!(stderr.contains("Bucket 'demo' created."), "{stderr}");
    assert!(stderr.contains("Bucket 'demo' already exists."), "{stderr}");
    assert!(
        stderr.contains("File 'njit.jpeg' successfully uploaded to bucket 'demo'."),
        "{stderr}"
    );
    assert!(
        stdout.contains("fetched ") && stdout.contains(" bytes from the presigned URL"),
        "{stdout}"
    );
}

#[test]
fn the_man_page_renders_with_every_command() {
    let home = tempfile::tempdir().unwrap();
    let out = run(pfp_isolated(home.path()).arg("man"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(".ie"),
        "roff: {}",
        &out.stdout[..40.min(out.stdout.len())]
    );
    for command in ["upload", "get\\-url", "import", "verify", "doctor"] {
        assert!(out.stdout.contains(command), "{command}");
    }
    // One page per command, with its own options and the global ones described.
    let out = run(pfp_isolated(home.path()).args(["man", "bucket", "init"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(".TH pfp-bucket-init 1"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Keep retrying the connection"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("S3 endpoint, host:port or URL"),
        "global options described: {}",
        out.stdout
    );
    let dir = home.path().join("man1");
    let out = run(pfp_isolated(home.path()).args(["man", "--dir"]).arg(&dir));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for page in [
        "pfp.1",
        "pfp-upload.1",
        "pfp-adopt.1",
        "pfp-user-add.1",
        "pfp-verify.1",
    ] {
        assert!(dir.join(page).is_file(), "{page}");
    }
    let out = run(pfp_isolated(home.path()).args(["man", "nosuch"]));
    assert_eq!(out.code, 3, "{}", out.stderr);
}

#[test]
fn the_readme_tour_runs_every_command_as_written() {
    let (stdout, _) = run_example_script("tour.sh");
    assert!(stdout.contains("tour: every command ran"), "{stdout}");
    assert!(
        stdout.contains("the library example's URL works too"),
        "{stdout}"
    );
    assert!(stdout.contains("✓ bucket:"), "doctor ran: {stdout}");
}

/// Runs an examples/ script with the binaries this test run built (pfp, the dev server,
/// the library example): no nested cargo. Returns stdout and stderr.
fn run_example_script(name: &str) -> (String, String) {
    let pfp = std::path::PathBuf::from(env!("CARGO_BIN_EXE_pfp"));
    let examples = pfp.parent().unwrap().join("examples");
    assert!(
        examples.join("dev-server").is_file(),
        "{} is missing: run the tests with `cargo test`, which builds the examples",
        examples.join("dev-server").display()
    );
    let home = tempfile::tempdir().unwrap();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let output = std::process::Command::new("bash")
        .arg(&script)
        .env("PFP", &pfp)
        .env("DEV_SERVER", examples.join("dev-server"))
        .env("LIBRARY", examples.join("library"))
        .env("PORT", free_port().to_string())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("AWS_CA_BUNDLE")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{name}: {stdout}\n{stderr}");
    (stdout, stderr)
}

#[test]
fn help_works_as_a_subcommand_and_describes_every_flag() {
    let home = tempfile::tempdir().unwrap();
    let out = run(pfp_isolated(home.path()).args(["help", "remove"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Usage: pfp remove"), "{}", out.stdout);
    let out = run(pfp_isolated(home.path()).args(["user", "add", "--help"]));
    for flag in ["--email <EMAIL>", "--nickname <NICKNAME>"] {
        let line = out
            .stdout
            .lines()
            .skip_while(|l| !l.trim_start().starts_with(flag))
            .nth(1)
            .unwrap_or_default();
        assert!(
            !line.trim().is_empty(),
            "{flag} has a description: {}",
            out.stdout
        );
    }
}

#[test]
fn a_usage_error_with_json_is_the_json_error_object_with_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let out = run(pfp_isolated(home.path()).args(["--json", "get-url", "--uesr", "42"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1, "{}", out.stdout);
    assert_eq!(lines[0]["type"], "error");
    assert_eq!(lines[0]["kind"], "usage");
    assert_eq!(lines[0]["exit_code"], 2);
    assert!(
        lines[0]["message"].as_str().unwrap().contains("--uesr"),
        "{}",
        out.stdout
    );
    // After the subcommand too, and without --json the plain clap message.
    let out = run(pfp_isolated(home.path()).args(["get-url", "--uesr", "42", "--json"]));
    assert_eq!(
        (out.code, json_lines(&out.stdout)[0]["kind"].as_str()),
        (2, Some("usage"))
    );
    let out = run(pfp_isolated(home.path()).args(["get-url", "--uesr", "42"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.is_empty() && out.stderr.contains("--uesr"),
        "{}",
        out.stderr
    );
}

#[test]
fn log_colour_follows_the_stream_and_the_color_flag() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let photo = common::fixtures::jpeg(&common::fixtures::photo_like(64, 64, 1), 90);
    // stderr captured (a pipe): no escape codes at any verbosity.
    let out = s.upload("njit", "a.jpg", &photo, &["-vvv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.lines().count() > 5, "-vvv logs: {}", out.stderr);
    assert!(!out.stderr.contains('\x1b'), "no ANSI codes in a pipe");
    // Asked for, they come; NO_COLOR is honoured without it.
    let out = s.upload("njit", "a.jpg", &photo, &["-vvv", "--color", "always"]);
    assert!(out.stderr.contains('\x1b'), "{}", out.stderr);
    let out = run(s
        .pfp()
        .env("NO_COLOR", "1")
        .args(["-vvv", "get-url", "--user", "njit"]));
    assert!(!out.stderr.contains('\x1b'));
}

#[test]
fn dash_v_tells_each_request_statement_and_decode_with_its_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let photo = common::fixtures::jpeg(&common::fixtures::photo_like(64, 64, 2), 90);
    let out = s.upload("njit", "a.jpg", &photo, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr.lines().count(),
        2,
        "no -v: the two status lines only: {}",
        out.stderr
    );
    let out = s.upload("other", "b.jpg", &photo, &["-v"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let has = |pattern: &str| out.stderr.lines().any(|l| l.contains(pattern));
    // The file as it was given (here a full path), as its errors name it.
    let given = s.dir().join("b.jpg");
    assert!(
        has(&format!("decoded and normalised '{}' in ", given.display())),
        "{}",
        out.stderr
    );
    assert!(
        has("' to bucket '") && has(": ok in "),
        "each request: {}",
        out.stderr
    );
    assert!(has("INSERT: 1 rows in "), "each statement: {}", out.stderr);
    assert!(
        !has("hyper"),
        "the HTTP client only from -vv: {}",
        out.stderr
    );
}

/// Runs `cmd` with its stdout and stderr each a datagram socket, where every `write` the
/// process makes arrives as one message: the writes themselves, per stream.
fn writes_of(cmd: &mut std::process::Command) -> (i32, Vec<String>, Vec<String>) {
    use std::os::unix::net::UnixDatagram;
    let (out_r, out_w) = UnixDatagram::pair().unwrap();
    let (err_r, err_w) = UnixDatagram::pair().unwrap();
    let status = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::os::fd::OwnedFd::from(out_w))
        .stderr(std::os::fd::OwnedFd::from(err_w))
        .status()
        .expect("pfp runs");
    let messages = |socket: UnixDatagram| {
        socket.set_nonblocking(true).unwrap();
        let mut buf = vec![0; 1 << 20];
        let mut all = Vec::new();
        while let Ok(n) = socket.recv(&mut buf) {
            all.push(String::from_utf8_lossy(&buf[..n]).into_owned());
        }
        all
    };
    (
        status.code().unwrap_or(-1),
        messages(out_r),
        messages(err_r),
    )
}

/// Each write holds whole lines only; returns the lines.
fn whole_lines(writes: &[String], stream: &str) -> Vec<String> {
    for write in writes {
        assert!(
            write.ends_with('\n') && write.matches('\n').count() == 1,
            "a {stream} write that is not one whole line: {write:?}\nall writes: {writes:#?}"
        );
    }
    writes.iter().map(|w| w.trim_end().to_owned()).collect()
}

#[test]
fn every_line_is_one_write_so_parallel_runs_never_tear_each_others_lines() {
    // Several pfp processes on one stream (xargs -P, GNU parallel, a CI log) interleave
    // their writes; a line written in pieces comes out torn ("2 of 2 of 2 files...").
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    // A path of over 1 KiB: longer than stdout's line buffer, which split such lines.
    let mut deep = dir.path().to_path_buf();
    for i in 0..12 {
        deep.push(format!("{i:02}-{}", "d".repeat(90)));
    }
    std::fs::create_dir_all(&deep).unwrap();
    let bad = deep.join("bad.jpg");
    std::fs::write(&bad, b"not a picture").unwrap();
    assert!(bad.as_os_str().len() > 1100);

    // Human lines: a warning, verdicts on stdout, the totals on stderr.
    let (code, out, err) = writes_of(
        s.std_command()
            .args(["--no-sandbox", "validate"])
            .arg(&bad)
            .arg(dir.path().join("missing.jpg")),
    );
    assert_eq!(code, 3);
    let out = whole_lines(&out, "stdout");
    let err = whole_lines(&err, "stderr");
    assert_eq!(out.len(), 2, "{out:#?}");
    assert!(
        out[0].starts_with("rejected") && out[0].contains("bad.jpg"),
        "{out:#?}"
    );
    assert!(
        err.iter().any(|l| l.starts_with("warning: --no-sandbox")),
        "{err:#?}"
    );
    assert!(
        err.contains(&"2 of 2 files rejected or missing".to_owned()),
        "{err:#?}"
    );

    // JSON objects, one a line, one a write, the long one too.
    let (code, out, _) = writes_of(s.std_command().args(["--json", "validate"]).arg(&bad));
    assert_eq!(code, 4);
    let out = whole_lines(&out, "stdout");
    assert!(out.iter().any(|l| l.len() > 1100), "{out:#?}");
    for line in &out {
        serde_json::from_str::<serde_json::Value>(line).expect("one JSON object a line");
    }

    // An upload with its logs: status lines, the result, every log line, an error.
    let photo = s.file(
        "a.jpg",
        &common::fixtures::jpeg(&common::fixtures::photo_like(64, 64, 1), 90),
    );
    let (code, out, err) = writes_of(
        s.std_command()
            .args(["-v", "upload", "--user", "njit"])
            .arg(&photo),
    );
    assert_eq!(code, 0, "{err:#?}");
    assert_eq!(whole_lines(&out, "stdout").len(), 1);
    let err = whole_lines(&err, "stderr");
    assert!(
        err.iter()
            .any(|l| l.starts_with("File 'a.jpg' successfully uploaded")),
        "{err:#?}"
    );
    assert!(err.len() > 3, "-v logs: {err:#?}");
    let (code, _, err) =
        writes_of(
            s.std_command()
                .args(["get-url", "--user", "nobody@example.com"]),
        );
    assert_eq!(code, 3);
    assert!(
        whole_lines(&err, "stderr")[0].starts_with("error: "),
        "{err:#?}"
    );
}

/// Runs pfp with `args` and stdout going to `stdout`: its exit code and its stderr.
fn output_into(s: &Stack<'_>, stdout: std::process::Stdio, args: &[&str]) -> (i32, String) {
    let out = s
        .std_command()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(stdout)
        .output()
        .expect("pfp runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Results that could not all be written (stdout on a full disk) are exit 5 with the
/// reason on stderr, where pfp exited 0 and left a cut file; a reader gone away is still
/// not an error.
#[test]
fn results_that_do_not_reach_a_full_disk_are_exit_5() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let run_into = |stdout: std::process::Stdio, args: &[&str]| output_into(&s, stdout, args);
    let full = || -> std::process::Stdio {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
            .into()
    };
    let picture = s.file(
        "a.png",
        &common::fixtures::png(&image::DynamicImage::new_rgb8(64, 64)),
    );
    let picture = picture.to_str().unwrap();
    for args in [
        &["user", "list"][..],
        &["user", "list", "--json"],
        &["user", "show", "njit"],
        &["validate", picture],
        &["config", "show"],
        &["completions", "bash"],
        &["--help"],
        &["--version"],
    ] {
        let (code, stderr) = run_into(full(), args);
        assert_eq!(code, 5, "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: writing the results to stdout: No space left on device"),
            "{args:?}: {stderr}"
        );
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let (code, stderr) = run_into(writer.into(), args);
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
    }
    // The work was done: the upload is stored, and only its URL is lost.
    let (code, stderr) = run_into(full(), &["upload", "--user", "njit", picture]);
    assert_eq!(code, 5, "{stderr}");
    assert!(s.picture_url(1).is_some(), "{stderr}");
    // A command that failed keeps its own exit code; its JSON error is what was lost.
    let (code, stderr) = run_into(full(), &["user", "show", "nobody", "--json"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("error: writing the results to stdout"),
        "{stderr}"
    );
}

#[test]
fn export_urls_stops_quietly_when_its_reader_goes_away_and_fails_on_a_full_disk() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let run_into = |stdout: std::process::Stdio, format: &str| {
        output_into(&s, stdout, &["export-urls", "--format", format])
    };
    for format in ["csv", "ndjson"] {
        // `pfp export-urls | head`, the reader already gone at the first write: what ripgrep
        // does, exit 0 and no `Broken pipe` error.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let (code, stderr) = run_into(writer.into(), format);
        assert_eq!((code, stderr.as_str()), (0, ""), "{format}");
    }
    // A write that fails for another reason is an error, exit 5 (retry once the disk
    // has room).
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let (code, stderr) = run_into(full.into(), "csv");
    assert_eq!(code, 5, "{stderr}");
    assert!(
        stderr.contains("error: writing the export: No space left on device"),
        "{stderr}"
    );
}
