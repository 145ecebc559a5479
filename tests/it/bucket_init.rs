//! `pfp bucket init` against a real S3 server, and the configuration it depends on.

use crate::common;

use std::time::Duration;

use common::*;

#[test]
fn bucket_init_creates_then_reports_existing_bucket() {
    let world = World::new();
    let first = run(world.pfp().args(["bucket", "init"]));
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(
        first.stderr.trim(),
        format!("Bucket '{}' created.", world.bucket)
    );
    assert_eq!(first.stdout, "");
    assert!(world.s3().exists(), "the bucket is on the server");

    let second = run(world.pfp().args(["bucket", "init"]));
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(
        second.stderr.trim(),
        format!("Bucket '{}' already exists.", world.bucket)
    );
}

#[test]
fn bucket_init_documented_message_for_demo() {
    // The name is fixed, and a shared server (RGW) has one namespace for the whole run.
    let world = World::local();
    let out = run(world.pfp().args(["bucket", "init", "--bucket", "demo"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "Bucket 'demo' created.\n");
    let out = run(world.pfp().args(["bucket", "init", "--bucket", "demo"]));
    assert_eq!(out.stderr, "Bucket 'demo' already exists.\n");
}

#[test]
fn bucket_init_json_reports_created_and_exists() {
    let world = World::new();
    let out = run(world.pfp().args(["--json", "bucket", "init"]));
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "");
    let objects = json_lines(&out.stdout);
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0]["type"], "bucket");
    assert_eq!(objects[0]["bucket"], world.bucket.as_str());
    assert_eq!(objects[0]["status"], "created");

    let out = run(world.pfp().args(["bucket", "init", "--json"]));
    assert_eq!(json_lines(&out.stdout)[0]["status"], "exists");
}

#[test]
fn quiet_bucket_init_prints_nothing_but_succeeds() {
    let world = World::new();
    let out = run(world.pfp().args(["-q", "bucket", "init"]));
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "");
    assert!(world.s3().exists());
}

#[test]
fn invalid_bucket_name_is_refused_before_any_request() {
    // Nothing listens on this port: had pfp made a request, it would exit 5, not 4.
    let home = tempfile::tempdir().unwrap();
    let endpoint = format!("http://127.0.0.1:{}", free_port());
    for (name, rule) in [
        ("Bad_Bucket", "lowercase letters, digits"),
        ("ab", "between 3 and 63 characters"),
        ("192.168.0.1", "IP address"),
    ] {
        let out = run(pfp_isolated(home.path())
            .env("MINIO_ENDPOINT", &endpoint)
            .env("MINIO_ACCESS_KEY", ACCESS_KEY)
            .env("MINIO_SECRET_KEY", SECRET_KEY)
            .args(["bucket", "init", "--bucket", name]));
        assert_eq!(out.code, 4, "{name}: {}", out.stderr);
        assert!(out.stderr.contains(&format!("'{name}'")), "{}", out.stderr);
        assert!(out.stderr.contains(rule), "{}", out.stderr);
        assert!(out.stderr.starts_with("error: "), "{}", out.stderr);

        let out = run(pfp_isolated(home.path())
            .env("MINIO_ENDPOINT", &endpoint)
            .args(["bucket", "init", "--json", "--bucket", name]));
        let objects = json_lines(&out.stdout);
        assert_eq!(objects[0]["type"], "error");
        assert_eq!(objects[0]["exit_code"], 4);
        assert_eq!(objects[0]["kind"], "invalid");
    }
}

#[test]
fn wrong_secret_is_access_denied_and_names_the_settings() {
    let world = World::new();
    let wrong = "definitely-WRONG-secret";
    let out = run(world
        .pfp()
        .env("MINIO_SECRET_KEY", wrong)
        .args(["bucket", "init"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(out.stderr.contains("MINIO_SECRET_KEY"), "{}", out.stderr);
    assert!(out.stderr.contains("MINIO_ACCESS_KEY"), "{}", out.stderr);
    assert!(!out.stderr.contains(wrong), "{}", out.stderr);
    assert!(!world.s3().exists());

    let out = run(world
        .pfp()
        .env("MINIO_SECRET_KEY", wrong)
        .args(["bucket", "init", "--json"]));
    let objects = json_lines(&out.stdout);
    assert_eq!(objects[0]["kind"], "denied");
    assert_eq!(objects[0]["exit_code"], 6);
    assert!(!out.stdout.contains(wrong));
}

#[test]
fn wrong_access_key_is_access_denied() {
    let world = World::new();
    let out = run(world
        .pfp()
        .env("MINIO_ACCESS_KEY", "nobody")
        .args(["bucket", "init"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("refused the credentials"),
        "{}",
        out.stderr
    );
}

#[test]
fn bucket_of_another_account_is_an_error_not_success() {
    let world = World::new();
    let foreign = format!("{FOREIGN_PREFIX}{}", world.bucket);
    world.other_tenant_bucket(&foreign).create();
    let out = run(world.pfp().args(["bucket", "init", "--bucket", &foreign]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("belongs to another account"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("already exists."), "{}", out.stderr);
}

#[test]
fn server_not_listening_is_unavailable() {
    let home = tempfile::tempdir().unwrap();
    let endpoint = format!("http://127.0.0.1:{}", free_port());
    let out = run(pfp_isolated(home.path())
        .env("MINIO_ENDPOINT", &endpoint)
        .env("MINIO_ACCESS_KEY", ACCESS_KEY)
        .env("MINIO_SECRET_KEY", SECRET_KEY)
        .args(["bucket", "init"]));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(out.stderr.contains(&endpoint), "{}", out.stderr);
    assert!(out.stderr.contains("MINIO_ENDPOINT"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);

    let out = run(pfp_isolated(home.path())
        .env("MINIO_ENDPOINT", &endpoint)
        .env("MINIO_ACCESS_KEY", ACCESS_KEY)
        .env("MINIO_SECRET_KEY", SECRET_KEY)
        .args(["--json", "--retries", "0", "bucket", "init"]));
    assert_eq!(out.code, 5);
    assert_eq!(json_lines(&out.stdout)[0]["kind"], "unavailable");
}

#[test]
fn wait_succeeds_against_a_server_started_a_second_later() {
    let home = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = pfp_isolated(home.path());
    child
        .env("MINIO_ENDPOINT", format!("http://127.0.0.1:{port}"))
        .env("MINIO_ACCESS_KEY", ACCESS_KEY)
        .env("MINIO_SECRET_KEY", SECRET_KEY)
        .env("MINIO_BUCKET_NAME", "waited")
        .args(["bucket", "init", "--wait", "20s"])
        .timeout(Duration::from_secs(60));
    let handle = std::thread::spawn(move || run(&mut child));
    std::thread::sleep(Duration::from_secs(1));
    let _server = start_server(home.path(), port);
    let out = handle.join().unwrap();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "Bucket 'waited' created.\n");
    assert!(home.path().join("s3/waited").is_dir());
}

#[test]
fn wait_gives_up_when_the_time_is_up() {
    let home = tempfile::tempdir().unwrap();
    let out = run(pfp_isolated(home.path())
        .env(
            "MINIO_ENDPOINT",
            format!("http://127.0.0.1:{}", free_port()),
        )
        .env("MINIO_ACCESS_KEY", ACCESS_KEY)
        .env("MINIO_SECRET_KEY", SECRET_KEY)
        .args(["bucket", "init", "--wait", "1s"]));
    assert_eq!(out.code, 5, "{}", out.stderr);
}

#[test]
fn missing_credentials_are_a_configuration_error() {
    let home = tempfile::tempdir().unwrap();
    let out = run(pfp_isolated(home.path()).args(["bucket", "init"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("MINIO_ACCESS_KEY"), "{}", out.stderr);
}

#[test]
fn secret_key_from_file_and_stdin() {
    let world = World::new();
    let secret_file = world.dir.path().join("secret");
    let init_from_file = |contents: String| {
        std::fs::write(&secret_file, contents).unwrap();
        let out = run(world
            .pfp()
            .env_remove("MINIO_SECRET_KEY")
            .arg("--secret-key-file")
            .arg(&secret_file)
            .args(["bucket", "init"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
    };
    init_from_file(format!("{SECRET_KEY}\n"));

    let out = run(world
        .pfp()
        .env_remove("MINIO_SECRET_KEY")
        .args(["--secret-key-stdin", "bucket", "init"])
        .write_stdin(format!("{SECRET_KEY}\n")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);

    // Saved by a Windows editor: a byte-order mark first and CRLF; the key is the same.
    init_from_file(format!("\u{feff}{SECRET_KEY}\r\n"));
}

#[test]
fn keys_loaded_with_windows_line_endings_are_named_not_sent() {
    // `set -a; . ./.env` of a file saved on Windows leaves a `\r` at the end of every
    // value. An access key with one cannot be put in a header (pfp said it could not
    // reach the server, exit 5); a secret key with one signs every request wrongly (the
    // server's SignatureDoesNotMatch). Both are named as what they are, before any
    // request, and the values are never shown.
    let world = World::new();
    let cases = [
        (
            "MINIO_ACCESS_KEY",
            format!("{ACCESS_KEY}\r"),
            "ends with a carriage return",
        ),
        (
            "MINIO_SECRET_KEY",
            format!("{SECRET_KEY}\r"),
            "ends with a carriage return",
        ),
        (
            "MINIO_SECRET_KEY",
            format!("{SECRET_KEY}\n"),
            "ends with a newline",
        ),
        (
            "MINIO_SECRET_KEY",
            format!("{SECRET_KEY}\tx"),
            "holds a control character (\\u{9}) at character",
        ),
    ];
    for (var, value, says) in cases {
        let out = run(world.pfp().env(var, &value).args(["bucket", "init"]));
        assert_eq!(out.code, 7, "{var}: {}", out.stderr);
        let what = if var.contains("ACCESS") {
            "access key"
        } else {
            "secret key"
        };
        assert!(
            out.stderr
                .contains(&format!("the {what} (env {var}) {says}")),
            "{}",
            out.stderr
        );
        assert!(!out.stderr.contains(value.trim_end()), "{}", out.stderr);
        // Nothing was sent: the bucket was never made.
        assert!(!world.s3().exists());
        // What needs no key still works, and shows where the key came from.
        let out = run(world.pfp().env(var, &value).args(["config", "show"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains(&format!("env {var}")), "{}", out.stdout);
    }
}

/// Paths that settings name begin with `~` as often as not, where no shell expands it
/// (a config file, a `.env` file, a unit file, `--db sqlite:~/...`): `~` is the home
/// folder, as the shell would have read it. Taken literally, `sqlite:~/users.db` made a
/// folder named `~` in the working directory.
#[test]
fn a_leading_tilde_in_a_path_setting_is_the_home_folder() {
    let world = World::new();
    let home = world.dir.path();
    let work = home.join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(home.join("secret"), format!("{SECRET_KEY}\n")).unwrap();
    let config = home.join("pfp.toml");
    std::fs::write(
        &config,
        "[minio]\nsecret_key_file = \"~/secret\"\n[database]\nurl = \"sqlite:~/users.db\"\n",
    )
    .unwrap();
    let pfp = || {
        let mut cmd = world.pfp();
        cmd.current_dir(&work)
            .env_remove("MINIO_SECRET_KEY")
            .env("PFP_CONFIG", "~/pfp.toml");
        cmd
    };
    let out = run(pfp().args(["bucket", "init"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(pfp().args(ADD_USER_A));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(home.join("users.db").is_file(), "{}", out.stderr);
    assert!(!work.join("~").exists(), "a folder named ~ was made");
    // The flag, where the shell leaves `sqlite:~/...` alone too.
    let out = run(pfp().env_remove("PFP_CONFIG").args([
        "--db",
        "sqlite:~/users.db",
        "user",
        "list",
        "--tsv",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("a@example.com"), "{}", out.stdout);
    assert!(!work.join("~").exists());
}

#[test]
fn secret_key_is_not_accepted_as_a_plain_flag() {
    let home = tempfile::tempdir().unwrap();
    let out = run(pfp_isolated(home.path()).args(["--secret-key", "x", "bucket", "init"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn config_file_supplies_settings_and_flags_override_it() {
    let world = World::new();
    let config = world.dir.path().join("pfp.toml");
    std::fs::write(
        &config,
        format!(
            "[minio]\nendpoint = \"{}\"\naccess_key = \"{ACCESS_KEY}\"\nsecret_key_file = \"{}\"\nbucket = \"from-file\"\n",
            world.server.endpoint(),
            world.dir.path().join("secret").display()
        ),
    )
    .unwrap();
    std::fs::write(world.dir.path().join("secret"), SECRET_KEY).unwrap();
    let out = run(pfp_isolated(world.dir.path())
        .env("PFP_CONFIG", &config)
        .args(["bucket", "init"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "Bucket 'from-file' created.\n");

    let out = run(pfp_isolated(world.dir.path())
        .arg("--config")
        .arg(&config)
        .args(["bucket", "init", "--bucket", "from-flag"]));
    assert_eq!(out.stderr, "Bucket 'from-flag' created.\n");
}

#[test]
fn unknown_config_key_is_an_error_naming_the_key() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("pfp.toml");
    std::fs::write(
        &config,
        "[minio]\nendpoint = \"http://127.0.0.1:9000\"\nbukcet = \"x\"\n",
    )
    .unwrap();
    let out = run(pfp_isolated(home.path())
        .env("PFP_CONFIG", &config)
        .args(["config", "show"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("bukcet"), "{}", out.stderr);
}

#[test]
fn config_show_masks_the_secret_and_names_sources() {
    let world = World::new();
    let out = run(world.pfp().args(["config", "show"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("********"), "{}", out.stdout);
    assert!(
        out.stdout.contains("(env MINIO_SECRET_KEY)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("(env MINIO_ENDPOINT)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("region"), "{}", out.stdout);
    assert!(out.stdout.contains("(default)"), "{}", out.stdout);

    let out = run(world.pfp().args(["config", "show", "--json"]));
    let objects = json_lines(&out.stdout);
    let settings = &objects[0]["settings"];
    assert_eq!(settings["secret_key"]["value"], "********");
    assert_eq!(settings["secret_key"]["source"], "env MINIO_SECRET_KEY");
    assert_eq!(settings["bucket"]["value"], world.bucket.as_str());
}

#[test]
fn verbose_output_never_contains_the_secret() {
    let world = World::new();
    // `run` asserts the secret is absent from stdout and stderr.
    let out = run(world.pfp().args(["-vvv", "bucket", "init"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn plain_http_to_a_remote_host_warns() {
    let home = tempfile::tempdir().unwrap();
    let out = run(pfp_isolated(home.path())
        .env("MINIO_ENDPOINT", "minio.example.internal:9000")
        .args(["config", "show"]));
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("warning: endpoint http://minio.example.internal:9000 is plain HTTP"),
        "{}",
        out.stderr
    );
}
