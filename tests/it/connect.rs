//! Connecting the way ops staff already do: an mc alias (`MC_HOST_<alias>`, mc's
//! config.json), the AWS variables and profiles with session tokens (checked by the test
//! server), the precedence between all of them, and libpq's variables and password file
//! against a real PostgreSQL that wants a password.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use crate::common::*;
use crate::pg_tls::PgServer;

fn write_mode(path: &Path, text: &str, mode: u32) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `config show --json`'s settings.
fn shown(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let out = run(cmd.args(["config", "show", "--json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    json_lines(&out.stdout).pop().unwrap()["settings"].clone()
}

fn source(settings: &serde_json::Value, name: &str) -> String {
    settings[name]["source"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The session token as it sits in a URL's userinfo.
fn encoded_token() -> String {
    SESSION_TOKEN
        .replace('/', "%2F")
        .replace('+', "%2B")
        .replace('=', "%3D")
}

/// `pfp bucket init` of a fresh bucket: a signed request that only good keys pass.
fn init(cmd: &mut assert_cmd::Command) -> Out {
    run(cmd
        .env("MINIO_BUCKET_NAME", unique_bucket("conn"))
        .args(["bucket", "init"]))
}

#[test]
fn an_mc_alias_from_mc_host_or_config_json() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), 0);
    let endpoint = server.endpoint();
    let mc_config = home.path().join(".mc/config.json");
    let config_json = |secret: &str| {
        serde_json::json!({
            "version": "10",
            "aliases": {
                "prod": {"url": endpoint, "accessKey": ACCESS_KEY, "secretKey": secret,
                         "api": "s3v4", "path": "auto"},
                "play": {"url": "https://play.min.io", "accessKey": "x", "secretKey": "y",
                         "api": "s3v4", "path": "auto"}
            }
        })
        .to_string()
    };
    write_mode(&mc_config, &config_json(SECRET_KEY), 0o600);

    // The alias alone: endpoint and keys from ~/.mc/config.json.
    let out = init(pfp_isolated(home.path()).args(["--alias", "prod"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    let s = shown(pfp_isolated(home.path()).args(["--alias", "prod"]));
    let from_file = format!("mc alias prod in {}", mc_config.display());
    assert_eq!(source(&s, "endpoint"), from_file);
    assert_eq!(source(&s, "access_key"), from_file);
    assert_eq!(s["secret_key"]["value"], "********");
    assert_eq!(s["alias"]["value"], "prod");

    // minio.alias in pfp's config file names it just as well.
    let pfp_config = home.path().join("pfp.toml");
    std::fs::write(&pfp_config, "[minio]\nalias = \"prod\"\n").unwrap();
    let out = init(pfp_isolated(home.path()).env("PFP_CONFIG", &pfp_config));
    assert_eq!(out.code, 0, "{}", out.stderr);

    // MC_HOST_prod beats config.json, and carries temporary keys with their token,
    // which the server checks.
    let mc_host = format!(
        "http://{SESSION_ACCESS_KEY}:{SESSION_SECRET_KEY}:{}@127.0.0.1:{}",
        encoded_token(),
        server.port()
    );
    write_mode(&mc_config, &config_json("a-wrong-secret"), 0o600);
    let with_host = |value: &str| {
        let mut c = pfp_isolated(home.path());
        c.env("MC_HOST_prod", value).args(["--alias", "prod"]);
        c
    };
    let out = init(&mut with_host(&mc_host));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let s = shown(&mut with_host(&mc_host));
    assert_eq!(source(&s, "access_key"), "env MC_HOST_prod");
    assert_eq!(source(&s, "session_token"), "env MC_HOST_prod");
    assert_eq!(s["session_token"]["value"], "********");
    // The same keys without their token are refused by the server: exit 6.
    let no_token = format!(
        "http://{SESSION_ACCESS_KEY}:{SESSION_SECRET_KEY}@127.0.0.1:{}",
        server.port()
    );
    let out = init(&mut with_host(&no_token));
    assert_eq!(out.code, 6, "{}", out.stderr);
    // The config file's wrong secret is what the alias gives without MC_HOST_prod.
    let out = init(pfp_isolated(home.path()).args(["--alias", "prod"]));
    assert_eq!(out.code, 6, "{}", out.stderr);

    // MC_CONFIG_DIR moves mc's config; a config.json others can read gets a warning.
    let elsewhere = home.path().join("mc-elsewhere/config.json");
    write_mode(&elsewhere, &config_json(SECRET_KEY), 0o644);
    let out = init(
        pfp_isolated(home.path())
            .env("MC_CONFIG_DIR", elsewhere.parent().unwrap())
            .args(["--alias", "prod"]),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("warning") && out.stderr.contains("chmod 600"),
        "{}",
        out.stderr
    );

    // Missing and malformed: exit 7, naming the file or alias, never quoting a key.
    let out = init(pfp_isolated(home.path()).args(["--alias", "nope"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("'nope'") && out.stderr.contains("play, prod"),
        "{}",
        out.stderr
    );
    let empty = tempfile::tempdir().unwrap();
    let out = init(
        pfp_isolated(home.path())
            .env("MC_CONFIG_DIR", empty.path())
            .args(["--alias", "prod"]),
    );
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("mc alias set"), "{}", out.stderr);
    write_mode(&mc_config, "{\"aliases\": {\"prod\": ", 0o600);
    let out = init(pfp_isolated(home.path()).args(["--alias", "prod"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("not valid JSON") && out.stderr.contains("line 1"),
        "{}",
        out.stderr
    );
    let out = init(&mut with_host("minio.example.com:9000"));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("invalid MC_HOST_prod"),
        "{}",
        out.stderr
    );
}

#[test]
fn aws_profiles_and_their_files() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), 0);
    let credentials = home.path().join(".aws/credentials");
    let config = home.path().join(".aws/config");
    // The credentials file as a Windows editor saves it, a byte-order mark first (the
    // AWS CLI refuses it; pfp reads it).
    write_mode(
        &credentials,
        &format!(
            "\u{feff}[default]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = {SECRET_KEY}\n\n\
             [ops]\naws_access_key_id = {SESSION_ACCESS_KEY}\naws_secret_access_key = {SESSION_SECRET_KEY}\n\
             aws_session_token = {SESSION_TOKEN}\n"
        ),
        0o600,
    );
    write_mode(
        &config,
        &format!(
            "[default]\nendpoint_url = {}\nregion = us-east-1\n\n[profile ops]\nregion = us-east-1\n\
             endpoint_url = {}\ns3 =\n  addressing_style = path\n",
            server.endpoint(),
            server.endpoint()
        ),
        0o600,
    );

    // AWS_PROFILE: keys, token, endpoint and region from the two files.
    let ops = || {
        let mut c = pfp_isolated(home.path());
        c.env("AWS_PROFILE", "ops");
        c
    };
    let out = init(&mut ops());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    let s = shown(&mut ops());
    assert_eq!(
        source(&s, "access_key"),
        format!("AWS profile ops in {}", credentials.display())
    );
    assert_eq!(
        source(&s, "endpoint"),
        format!("AWS profile ops in {}", config.display())
    );
    assert_eq!(s["session_token"]["value"], "********");

    // The implicit default profile, when nothing else has keys.
    let out = init(&mut pfp_isolated(home.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let s = shown(&mut pfp_isolated(home.path()));
    assert!(
        source(&s, "access_key").starts_with("AWS profile default in"),
        "{s}"
    );

    // A credentials file others can read: a warning naming the fix.
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = init(&mut ops());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("chmod 600"), "{}", out.stderr);
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o600)).unwrap();

    // AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the files.
    let moved = home.path().join("elsewhere");
    std::fs::create_dir_all(&moved).unwrap();
    std::fs::copy(&credentials, moved.join("creds")).unwrap();
    std::fs::copy(&config, moved.join("conf")).unwrap();
    let other_home = tempfile::tempdir().unwrap();
    let out = init(
        pfp_isolated(other_home.path())
            .env("AWS_PROFILE", "ops")
            .env("AWS_SHARED_CREDENTIALS_FILE", moved.join("creds"))
            .env("AWS_CONFIG_FILE", moved.join("conf")),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);

    // A profile neither file has, and a malformed file: exit 7 naming them.
    let out = init(pfp_isolated(home.path()).env("AWS_PROFILE", "nobody"));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("'nobody'") && out.stderr.contains(&config.display().to_string()),
        "{}",
        out.stderr
    );
    write_mode(
        &credentials,
        &format!("[ops]\naws_access_key_id {SESSION_ACCESS_KEY}\n"),
        0o600,
    );
    let out = init(&mut ops());
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("'{}' line 2", credentials.display())),
        "{}",
        out.stderr
    );
}

/// Each layer over the next: flags > MINIO_* > mc alias > AWS variables > AWS_PROFILE >
/// pfp's config file > the default AWS profile > defaults. Each pair is run for real:
/// the higher layer has the good value and the lower a bad one.
/// A secret key in a file named by `MINIO_SECRET_KEY_FILE` (or
/// `MINIO_ROOT_PASSWORD_FILE`): a Kubernetes secret mounted as a file, or a Docker
/// secret, with the variable the MinIO server's own `_FILE` convention names. pfp said
/// `no secret key configured` before.
#[test]
fn a_secret_key_in_the_file_a_file_variable_names_signs_requests() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), 0);
    let secret = home.path().join("minio-secret");
    write_mode(&secret, &format!("{SECRET_KEY}\n"), 0o400);
    for (variable, its_pair) in [
        ("MINIO_SECRET_KEY_FILE", "MINIO_SECRET_KEY"),
        ("MINIO_ROOT_PASSWORD_FILE", "MINIO_ROOT_PASSWORD"),
    ] {
        let base = || {
            let mut c = pfp_isolated(home.path());
            c.env("MINIO_ENDPOINT", server.endpoint())
                .env("MINIO_ACCESS_KEY", ACCESS_KEY)
                .env(variable, &secret);
            c
        };
        let out = init(&mut base());
        assert_eq!(out.code, 0, "{variable}: {}", out.stderr);
        assert_eq!(
            source(&shown(&mut base()), "secret_key"),
            format!("env {variable}")
        );
        // The variable and its file both set: which one was meant is not guessed.
        let out = init(base().env(its_pair, SECRET_KEY));
        assert_eq!(out.code, 7, "{variable}: {}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("both {its_pair} and {variable} are set: keep one")),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn the_layers_in_order() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), 0);
    let endpoint = server.endpoint();
    let dead = format!("http://127.0.0.1:{}", free_port());
    write_mode(
        &home.path().join(".mc/config.json"),
        &serde_json::json!({"version": "10", "aliases": {
            "good": {"url": endpoint, "accessKey": ACCESS_KEY, "secretKey": SECRET_KEY},
            "bad": {"url": endpoint, "accessKey": ACCESS_KEY, "secretKey": "wrong"}
        }})
        .to_string(),
        0o600,
    );
    write_mode(
        &home.path().join(".aws/credentials"),
        &format!(
            "[good]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = {SECRET_KEY}\n\
             [default]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = wrong\n"
        ),
        0o600,
    );
    let pfp_config = home.path().join("pfp.toml");
    let file = |access: &str, secret: &str| {
        std::fs::write(
            &pfp_config,
            format!("[minio]\nendpoint = \"{endpoint}\"\naccess_key = \"{access}\"\nsecret_key = \"{secret}\"\n"),
        )
        .unwrap();
        std::fs::set_permissions(&pfp_config, std::fs::Permissions::from_mode(0o600)).unwrap();
    };
    let base = || {
        let mut c = pfp_isolated(home.path());
        c.env("PFP_CONFIG", &pfp_config);
        c
    };
    let aws_env = |c: &mut assert_cmd::Command, secret: &str| {
        c.env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", secret);
    };

    // flags > MINIO_*: --endpoint wins over a dead MINIO_ENDPOINT.
    file(ACCESS_KEY, SECRET_KEY);
    let out = init(
        base()
            .env("MINIO_ENDPOINT", &dead)
            .args(["--endpoint", &endpoint]),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // MINIO_* > mc alias: MINIO keys win over the alias's wrong secret.
    let out = init(
        base()
            .env("MINIO_ACCESS_KEY", ACCESS_KEY)
            .env("MINIO_SECRET_KEY", SECRET_KEY)
            .args(["--alias", "bad"]),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // mc alias > AWS variables.
    let mut c = base();
    aws_env(&mut c, "wrong");
    let out = init(c.args(["--alias", "good"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    // AWS variables > AWS_PROFILE (the profile has no such keys: use a wrong one).
    let mut c = base();
    aws_env(&mut c, SECRET_KEY);
    let out = init(c.env("AWS_PROFILE", "default"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    // AWS_PROFILE > pfp's config file.
    file(ACCESS_KEY, "wrong");
    let out = init(base().env("AWS_PROFILE", "good"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    // AWS variables > pfp's config file.
    let mut c = base();
    aws_env(&mut c, SECRET_KEY);
    let out = init(&mut c);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // pfp's config file > the implicit default profile (whose secret is wrong).
    file(ACCESS_KEY, SECRET_KEY);
    let out = init(&mut base());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let s = shown(&mut base());
    assert!(source(&s, "access_key").starts_with("config file"), "{s}");
    // ...which is used when nothing else has keys (and fails here: its secret is wrong).
    std::fs::write(&pfp_config, format!("[minio]\nendpoint = \"{endpoint}\"\n")).unwrap();
    let out = init(&mut base());
    assert_eq!(out.code, 6, "{}", out.stderr);

    // Keys are one unit: an AWS access key is never paired with a secret from below.
    let out = init(
        base()
            .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("MINIO_SECRET_KEY", SECRET_KEY),
    );
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("AWS_SECRET_ACCESS_KEY is not"),
        "{}",
        out.stderr
    );
    // Endpoint and keys are picked separately: MINIO_ENDPOINT with the alias's keys.
    let s = shown(
        base()
            .env("MINIO_ENDPOINT", &endpoint)
            .args(["--alias", "good"]),
    );
    assert_eq!(source(&s, "endpoint"), "env MINIO_ENDPOINT");
    assert!(source(&s, "access_key").starts_with("mc alias good"), "{s}");
}

both_backends! {
    fn aws_variables_with_a_session_token_upload_and_sign_urls(db, _dir) {
        // The temporary account is s3s-fs's (RGW would need its STS set up).
        let stack = Stack::local(db);
        let endpoint = stack.world.server.endpoint();
        let temporary = |token: Option<&str>| {
            let mut c = stack.pfp();
            c.env_remove("MINIO_ENDPOINT")
                .env_remove("MINIO_ACCESS_KEY")
                .env_remove("MINIO_SECRET_KEY")
                .env("AWS_ACCESS_KEY_ID", SESSION_ACCESS_KEY)
                .env("AWS_SECRET_ACCESS_KEY", SESSION_SECRET_KEY)
                .env("AWS_ENDPOINT_URL_S3", &endpoint)
                .env("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
                .env("AWS_REGION", "us-east-1");
            if let Some(token) = token {
                c.env("AWS_SESSION_TOKEN", token);
            }
            c
        };
        let photo = stack.file("me.jpg", &fixtures::jpeg(&fixtures::photo_like(640, 480, 7), 85));
        let out = run(temporary(Some(SESSION_TOKEN)).args(["upload", "--user", "1"]).arg(&photo));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(stack.picture_url(1).is_some());
        assert!(!stack.keys().is_empty());

        // A URL signed with temporary keys stops working when they expire, whatever its
        // own expiry: said once, where the URL is to live longer than the shortest such
        // keys do (15 minutes), never with long-lived keys.
        let warning = "the URLs are signed with temporary keys (env AWS_ACCESS_KEY_ID, with a session token): they stop working when those keys expire, which may be before their";
        assert!(out.stderr.contains(&format!("{warning} 1h;")), "{}", out.stderr);
        for (args, warned) in [
            (&["get-url", "--user", "1", "--expires", "7d"][..], Some("7d")),
            (&["get-url", "--user", "1", "--expires", "15m"][..], None),
            (&["export-urls", "--expires", "2h"][..], Some("2h")),
        ] {
            // The same run with long-lived keys: the same exit code (export-urls: 3, the
            // second user has no picture), no warning.
            let long_lived = run(stack.pfp().args(args));
            assert!(!long_lived.stderr.contains("temporary keys"), "{args:?}: {}", long_lived.stderr);
            let out = run(temporary(Some(SESSION_TOKEN)).args(args));
            assert_eq!(out.code, long_lived.code, "{args:?}: {}", out.stderr);
            assert!(matches!(out.code, 0 | 3), "{args:?}: {}", out.stderr);
            let expected = warned.map_or(0, |_| 1);
            assert_eq!(out.stderr.matches(warning).count(), expected, "{args:?}: {}", out.stderr);
            if let Some(expiry) = warned {
                assert!(out.stderr.contains(&format!("before their {expiry}; sign with long-lived keys")), "{}", out.stderr);
            }
        }

        // The presigned URL carries the token under the signature, and the server serves it.
        let out = run(temporary(Some(SESSION_TOKEN)).args(["get-url", "--user", "1", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let url = json_lines(&out.stdout)[0]["presigned_url"].as_str().unwrap().to_owned();
        assert!(url.contains("X-Amz-Security-Token="), "{url}");
        let (status, _, body) = http_get(&url);
        assert_eq!(status, 200);
        assert_eq!(&body[..2], b"\xff\xd8");
        // The same URL with the token cut out is refused.
        let cut: String = url
            .split('&')
            .filter(|p| !p.starts_with("X-Amz-Security-Token="))
            .collect::<Vec<_>>()
            .join("&");
        assert_eq!(http_get(&cut).0, 403);

        // Without the token, or with another one, the server refuses: exit 6, and nothing
        // is left behind.
        let before = stack.rows();
        for token in [None, Some("not-the-token")] {
            let out = run(temporary(token).args(["upload", "--user", "2"]).arg(&photo));
            assert_eq!(out.code, 6, "{}", out.stderr);
        }
        assert_eq!(stack.rows(), before);
    }
}

#[test]
fn libpq_variables_and_the_password_file() {
    const PASSWORD: &str = "pfp-test-PG-pass:w/ord";
    let home = tempfile::tempdir().unwrap();
    let mut pg = PgServer::new();
    pg.require_passwords();
    pg.start(None);
    pg.set_password(PASSWORD);
    let port = pg.port.to_string();
    let pgpass = home.path().join(".pgpass");
    let escaped = PASSWORD.replace(':', "\\:");
    write_mode(
        &pgpass,
        &format!(
            "# pfp test\nother-host:*:*:*:nope\n127.0.0.1:{port}:postgres:postgres:{escaped}\n"
        ),
        0o600,
    );
    // Nothing but libpq's variables: the URL names only the backend.
    let libpq_std = || {
        let mut c = pfp_isolated_std(home.path());
        c.env("DATABASE_URL", "postgres://")
            .env("PGHOST", "127.0.0.1")
            .env("PGPORT", &port)
            .env("PGUSER", "postgres")
            .env("PGDATABASE", "postgres")
            .env("PGAPPNAME", "pfp-ops");
        c
    };
    let libpq = || assert_cmd::Command::from_std(libpq_std());
    let no_leak = |out: &Out| {
        assert!(
            !out.stdout.contains(PASSWORD) && !out.stderr.contains(PASSWORD),
            "the password leaked:\n{}\n{}",
            out.stdout,
            out.stderr
        );
    };
    let out = run(libpq().args(ADD_USER_A));
    no_leak(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);

    // config show: one line per part, each with its source, the password masked.
    let out = run(libpq().args(["config", "show"]));
    no_leak(&out);
    let line = |name: &str| {
        out.stdout
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} line:\n{}", out.stdout))
            .to_owned()
    };
    assert!(line("database.host").contains("(env PGHOST)"));
    assert!(line("database.port").contains(&port));
    assert!(line("database.user").contains("(env PGUSER)"));
    assert!(line("database.dbname").contains("(env PGDATABASE)"));
    assert!(line("database.application_name").contains("pfp-ops"));
    let password = line("database.password");
    assert!(
        password.contains("********")
            && password.contains(&format!("password file {} line 3", pgpass.display())),
        "{password}"
    );
    // doctor names the borrowed parts in its configuration line.
    let out = run(libpq()
        .env("MINIO_ACCESS_KEY", ACCESS_KEY)
        .env("MINIO_SECRET_KEY", SECRET_KEY)
        .args(["doctor", "--json"]));
    no_leak(&out);
    let detail = json_lines(&out.stdout).pop().unwrap()["checks"][0]["detail"].to_string();
    assert!(detail.contains("password (password file"), "{detail}");

    // The URL's own parts win; the password file still fills in the password.
    let out = run(pfp_isolated(home.path())
        .env("DATABASE_URL", pg.url("127.0.0.1", ""))
        .env("PGHOST", "203.0.113.1")
        .args(["user", "list", "--tsv"]));
    no_leak(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("a@example.com"), "{}", out.stdout);

    // PGPASSWORD comes before the file (here: a wrong one, refused by the server).
    let out = run(libpq().env("PGPASSWORD", "wrong").args(["user", "list"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    // PGPASSFILE moves the file.
    let moved = home.path().join("secrets/pgpass");
    write_mode(&moved, &std::fs::read_to_string(&pgpass).unwrap(), 0o600);
    std::fs::remove_file(&pgpass).unwrap();
    let out = run(libpq().env("PGPASSFILE", &moved).args(["user", "list"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    // A file that others can read is ignored, as libpq does, with a warning; the server
    // then refuses the connection without a password.
    std::fs::set_permissions(&moved, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(libpq().env("PGPASSFILE", &moved).args(["user", "list"]));
    no_leak(&out);
    assert!(
        out.stderr.contains("is ignored") && out.stderr.contains("chmod 600"),
        "{}",
        out.stderr
    );
    // No password where the server asks for one: the credentials' exit code and where
    // to give one (it was `password missing; check that PostgreSQL is running`, exit 5).
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "the server asks for a password for user 'postgres', and none was given; give it in PGPASSWORD or ~/.pgpass"
        ),
        "{}",
        out.stderr
    );
    // On a terminal pfp asks for it, as psql does, without echo, and goes on with it.
    let mut template = libpq_std();
    template.env("PGPASSFILE", &moved);
    let (code, shown) = typed_on_a_terminal(
        on_a_terminal(&template, "user list --tsv"),
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code, Some(0), "{shown}");
    assert!(
        shown.contains("Password for user postgres:") && shown.contains("a@example.com"),
        "{shown}"
    );
    assert!(
        !shown.contains(PASSWORD),
        "the password was echoed: {shown}"
    );
}

/// The two ways psql's users name a server that `url::Url` alone could not read: a URL
/// listing hosts (`postgres://h1:5432,h2:5433/db`, how a client finds the primary among
/// replicas; it was `invalid port number`, exit 7), tried in turn as libpq tries them,
/// with the password file's line for the host that has one; and a connection service
/// (`?service=NAME` or `PGSERVICE`, a section of `~/.pg_service.conf`; it was `unknown
/// option service`, exit 7, and PGSERVICE was ignored); and a URL with a user and no
/// host.
#[test]
fn a_url_listing_hosts_and_a_connection_service_reach_the_server_as_psql_does() {
    const PASSWORD: &str = "pfp-test-PG-hosts";
    let home = tempfile::tempdir().unwrap();
    let mut pg = PgServer::new();
    pg.require_passwords();
    pg.start(None);
    pg.set_password(PASSWORD);
    let port = pg.port;
    // A port nothing listens on: the first host refuses the connection.
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    write_mode(
        &home.path().join(".pgpass"),
        &format!("127.0.0.1:{port}:postgres:postgres:{PASSWORD}\n"),
        0o600,
    );
    let hosts = format!(
        "postgres://postgres@127.0.0.1:{dead},127.0.0.1:{port}/postgres?target_session_attrs=read-write"
    );
    let out = run(pfp_isolated(home.path())
        .env("DATABASE_URL", &hosts)
        .args(ADD_USER_A));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "PostgreSQL database 127.0.0.1:{dead},127.0.0.1:{port}/postgres"
        )),
        "{}",
        out.stderr
    );
    let out = run(pfp_isolated(home.path())
        .env("DATABASE_URL", &hosts)
        .args(["config", "show"]));
    assert!(
        out.stdout
            .contains(&format!("database.port              {dead},{port} ")),
        "{}",
        out.stdout
    );

    // A user and no host (`postgres://USER@/db`, which psql takes): the host from PGHOST
    // (it was `empty host`, exit 7).
    let out = run(pfp_isolated(home.path())
        .env("DATABASE_URL", "postgres://postgres@/postgres")
        .env("PGHOST", "127.0.0.1")
        .env("PGPORT", port.to_string())
        .args(["user", "list", "--tsv"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("a@example.com"), "{}", out.stdout);

    std::fs::write(
        home.path().join(".pg_service.conf"),
        format!("# ops\n[ops]\nhost=127.0.0.1\nport={port}\ndbname=postgres\nuser=postgres\n"),
    )
    .unwrap();
    for (url, service) in [
        ("postgres://?service=ops", None),
        ("postgres://", Some("ops")),
    ] {
        let mut cmd = pfp_isolated(home.path());
        cmd.env("DATABASE_URL", url);
        if let Some(name) = service {
            cmd.env("PGSERVICE", name);
        }
        let out = run(cmd.args(["user", "list", "--tsv"]));
        assert_eq!(out.code, 0, "{url} {service:?}: {}", out.stderr);
        assert!(out.stdout.contains("a@example.com"), "{}", out.stdout);
    }
    let out = run(pfp_isolated(home.path())
        .env("DATABASE_URL", "postgres://?service=staging")
        .args(["user", "list"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the PostgreSQL service 'staging' is defined in none of"),
        "{}",
        out.stderr
    );
}

/// The host names a proxy was asked for, in order.
type Asked = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// A proxy on loopback that carries every connection to the S3 server on `target`,
/// whatever host the client asked for: a host name only the proxy "resolves" proves that
/// the request went through it. `http` takes an HTTP proxy's requests (a plain-HTTP
/// endpoint's, sent whole with the absolute URL, passed on as they are); otherwise SOCKS5
/// without authentication. Returns the port and the hosts asked for.
fn test_proxy(target: u16, http: bool) -> (u16, Asked) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let asked = Asked::default();
    let record = asked.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let record = record.clone();
            // A connection that closes early (doctor's TCP check) ends its own thread.
            std::thread::spawn(move || carry(client, target, http, &record));
        }
    });
    (port, asked)
}

/// One connection of [`test_proxy`].
fn carry(
    mut client: std::net::TcpStream,
    target: u16,
    http: bool,
    record: &Asked,
) -> std::io::Result<()> {
    use std::io::{Read as _, Write as _};
    let mut byte = [0u8; 1];
    let (host, head) = if http {
        // The request line, `GET http://host:port/path HTTP/1.1`.
        let mut line = Vec::new();
        while !line.ends_with(b"\n") {
            client.read_exact(&mut byte)?;
            line.push(byte[0]);
        }
        let text = String::from_utf8_lossy(&line).into_owned();
        let url = text.split(' ').nth(1).unwrap_or_default();
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        (host, line)
    } else {
        let mut greeting = [0u8; 2];
        client.read_exact(&mut greeting)?;
        let mut methods = vec![0u8; greeting[1] as usize];
        client.read_exact(&mut methods)?;
        client.write_all(&[5, 0])?;
        let mut request = [0u8; 4];
        client.read_exact(&mut request)?;
        let host = match request[3] {
            3 => {
                client.read_exact(&mut byte)?;
                let mut name = vec![0u8; byte[0] as usize];
                client.read_exact(&mut name)?;
                String::from_utf8_lossy(&name).into_owned()
            }
            1 => {
                let mut ip = [0u8; 4];
                client.read_exact(&mut ip)?;
                std::net::Ipv4Addr::from(ip).to_string()
            }
            _ => {
                let mut ip = [0u8; 16];
                client.read_exact(&mut ip)?;
                std::net::Ipv6Addr::from(ip).to_string()
            }
        };
        let mut port = [0u8; 2];
        client.read_exact(&mut port)?;
        client.write_all(&[5, 0, 0, 1, 0, 0, 0, 0, 0, 0])?;
        (host, Vec::new())
    };
    record.lock().unwrap().push(host);
    let mut server = std::net::TcpStream::connect(("127.0.0.1", target))?;
    server.write_all(&head)?;
    splice(client, server);
    Ok(())
}

/// A proxy that wants credentials pfp was not given: HTTP 407 to every request and every
/// CONNECT, as a corporate proxy answers.
fn proxy_asking_for_credentials() -> u16 {
    use std::io::{Read as _, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut client in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && client.read_exact(&mut byte).is_ok() {
                head.push(byte[0]);
            }
            let page = "<html><body>Proxy authentication required</body></html>";
            let _ = write!(
                client,
                "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    port
}

#[test]
fn the_environments_proxies_are_taken_named_and_passed_by_for_loopback() {
    let world = World::local();
    let db = world.dir.path().join("pfp.db");
    let pfp = || {
        let mut cmd = world.pfp();
        cmd.env("DATABASE_URL", format!("sqlite:{}", db.display()));
        cmd
    };
    let dead = format!("http://127.0.0.1:{}", free_port());

    // A loopback endpoint is reached directly, as mc does, whatever the proxies say (a
    // laptop's corporate proxy cannot reach its MinIO on 127.0.0.1).
    for var in ["HTTP_PROXY", "http_proxy", "ALL_PROXY"] {
        let out = run(pfp().env(var, &dead).args(["bucket", "init"]));
        assert_eq!(out.code, 0, "{var}: {}", out.stderr);
    }
    let out = run(pfp().args(ADD_USER_A));
    assert_eq!(out.code, 0, "{}", out.stderr);

    // Any other host goes through the proxy: a name only the proxy knows, over SOCKS5
    // (an `ssh -D` tunnel) and over an HTTP proxy.
    let named = format!("http://s3.pfp-test.invalid:{}", world.server.port());
    let photo = world.dir.path().join("a.jpg");
    std::fs::write(&photo, fixtures::jpeg(&fixtures::photo_like(64, 48, 7), 90)).unwrap();
    let (socks, asked_socks) = test_proxy(world.server.port(), false);
    let (http, asked_http) = test_proxy(world.server.port(), true);
    for (var, proxy, asked) in [
        (
            "ALL_PROXY",
            format!("socks5h://127.0.0.1:{socks}"),
            &asked_socks,
        ),
        (
            "HTTP_PROXY",
            format!("http://127.0.0.1:{http}"),
            &asked_http,
        ),
    ] {
        let out = run(pfp()
            .env("MINIO_ENDPOINT", &named)
            .env(var, &proxy)
            .args(["upload", "--user", "a@example.com"])
            .arg(&photo));
        assert_eq!(out.code, 0, "{var}: {}", out.stderr);
        assert!(
            out.stdout.starts_with(&format!("{named}/")),
            "{}",
            out.stdout
        );
        assert!(
            asked
                .lock()
                .unwrap()
                .iter()
                .all(|h| h == "s3.pfp-test.invalid")
                && !asked.lock().unwrap().is_empty(),
            "{var}: {:?}",
            asked.lock().unwrap()
        );
        // doctor reaches the proxy, not the host only the proxy knows.
        let out = run(pfp()
            .env("MINIO_ENDPOINT", &named)
            .env(var, &proxy)
            .args(["doctor", "--json"]));
        let check = doctor_check(&out.stdout, "endpoint answers");
        assert_eq!(check["ok"], true, "{var}: {check}");
        assert!(
            check["detail"]
                .as_str()
                .unwrap()
                .contains(&format!("through the proxy {proxy} ({var})")),
            "{check}"
        );
    }
    let stored = world.all_objects();
    assert!(
        stored.iter().any(|(k, _)| k.starts_with("users/")),
        "the upload through the proxies is in the bucket: {:?}",
        stored.iter().map(|(k, _)| k).collect::<Vec<_>>()
    );

    // A proxy that is down is named, not taken for the S3 server (exit 5), and its
    // credentials are never printed.
    let out = run(pfp()
        .env("MINIO_ENDPOINT", &named)
        .env("http_proxy", dead.replace("http://", "http://ops:sekrit@"))
        .args(["get-url", "--user", "a@example.com"]));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "cannot reach the object store at {named} through the proxy {dead} (http_proxy)"
        )) && out.stderr.contains("add s3.pfp-test.invalid to NO_PROXY"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("sekrit"), "{}", out.stderr);
    // NO_PROXY takes the host out, as in curl: then its name is looked up, and fails.
    let out = run(pfp()
        .env("MINIO_ENDPOINT", &named)
        .env("HTTP_PROXY", &dead)
        .env("NO_PROXY", ".pfp-test.invalid")
        .args(["get-url", "--user", "a@example.com"]));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(!out.stderr.contains("proxy"), "{}", out.stderr);

    // A proxy that wants credentials is a setting to fix (exit 7), for a plain-HTTP
    // endpoint (its 407 page) and an HTTPS one (its refused CONNECT).
    let asking = format!("http://127.0.0.1:{}", proxy_asking_for_credentials());
    for (endpoint, var) in [
        (named.clone(), "HTTP_PROXY"),
        ("https://s3.pfp-test.invalid".to_owned(), "HTTPS_PROXY"),
    ] {
        let out = run(pfp()
            .env("MINIO_ENDPOINT", &endpoint)
            .env(var, &asking)
            .args(["get-url", "--user", "a@example.com"]));
        assert_eq!(out.code, 7, "{endpoint}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!(
                "the proxy {asking} ({var}) asks for credentials (HTTP 407"
            )) && out
                .stderr
                .contains(&format!("give them in {var} as http://USER:PASSWORD@")),
            "{}",
            out.stderr
        );
    }
}
