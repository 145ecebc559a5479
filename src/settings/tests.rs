//! The resolution of settings: precedence, sources, secrets and bad values.

use super::*;
use std::collections::HashMap;

fn resolve_with(args: &GlobalArgs, vars: &[(&str, &str)]) -> Result<Settings, Error> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let env = move |name: &str| map.get(name).cloned();
    Settings::resolve(args, &env, &mut std::io::empty())
}

/// No HOME and no XDG variables in these tests' environment, so no config file is read.
fn no_file() -> GlobalArgs {
    GlobalArgs::default()
}

#[test]
fn defaults_without_any_configuration() {
    let s = resolve_with(&no_file(), &[]).unwrap();
    assert_eq!(s.endpoint.value.as_str(), "http://127.0.0.1:9000");
    assert_eq!(s.endpoint.source, Source::Default);
    assert_eq!(s.bucket.value.as_str(), "demo");
    assert_eq!(s.region.value, "us-east-1");
    assert!(s.access_key.is_none() && s.secret_key.is_none());
    assert!(s.credentials().is_err());
}

#[test]
fn flags_beat_environment() {
    let args = GlobalArgs {
        endpoint: Some("minio.internal:9000".into()),
        bucket: Some("flagged".into()),
        ..no_file()
    };
    let s = resolve_with(
        &args,
        &[
            ("MINIO_ENDPOINT", "other:1"),
            ("MINIO_BUCKET_NAME", "from-env"),
            ("MINIO_USE_SSL", "true"),
        ],
    )
    .unwrap();
    assert_eq!(s.endpoint.value.as_str(), "https://minio.internal:9000");
    assert_eq!(s.endpoint.source, Source::Flag("--endpoint"));
    assert_eq!(s.bucket.value.as_str(), "flagged");
}

#[test]
fn root_user_and_password_are_fallbacks() {
    let s = resolve_with(
        &no_file(),
        &[
            ("MINIO_ROOT_USER", "root"),
            ("MINIO_ROOT_PASSWORD", "rootpw"),
            ("MINIO_SECRET_KEY", "preferred"),
        ],
    )
    .unwrap();
    let (ak, sk) = s.credentials().unwrap();
    assert_eq!(ak, "root");
    assert_eq!(sk.expose(), "preferred");
}

/// `MINIO_SECRET_KEY_FILE` and `MINIO_ROOT_PASSWORD_FILE`, the Docker secrets
/// convention (a Kubernetes secret mounted as a file): the file's first line, each in its
/// variable's place; a variable and its file both set is an error.
#[test]
fn secret_key_files_by_the_docker_secrets_convention() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("secret");
    std::fs::write(&file, "from-a-file\n").unwrap();
    let path = file.to_str().unwrap();
    let secret = |vars: &[(&str, &str)]| {
        let mut vars = vars.to_vec();
        vars.push(("MINIO_ACCESS_KEY", "ak"));
        let s = resolve_with(&no_file(), &vars)?;
        let source = s.secret_key.as_ref().unwrap().source.clone();
        let (_, sk) = s.credentials().unwrap();
        Ok::<_, Error>((sk.expose().to_owned(), source))
    };
    assert_eq!(
        secret(&[("MINIO_SECRET_KEY_FILE", path)]).unwrap(),
        (
            "from-a-file".to_owned(),
            Source::Env("MINIO_SECRET_KEY_FILE")
        )
    );
    assert_eq!(
        secret(&[("MINIO_ROOT_PASSWORD_FILE", path)]).unwrap().0,
        "from-a-file"
    );
    // MINIO_SECRET_KEY's file is preferred to MINIO_ROOT_PASSWORD, as the variable is.
    assert_eq!(
        secret(&[
            ("MINIO_SECRET_KEY_FILE", path),
            ("MINIO_ROOT_PASSWORD", "root")
        ])
        .unwrap()
        .0,
        "from-a-file"
    );
    let err = secret(&[("MINIO_SECRET_KEY_FILE", path), ("MINIO_SECRET_KEY", "x")]).unwrap_err();
    assert!(
        err.to_string()
            .contains("both MINIO_SECRET_KEY and MINIO_SECRET_KEY_FILE are set: keep one"),
        "{err}"
    );
    let missing = dir.path().join("absent");
    let err = secret(&[("MINIO_SECRET_KEY_FILE", missing.to_str().unwrap())]).unwrap_err();
    assert!(
        err.to_string().contains("cannot read secret key file"),
        "{err}"
    );
}

#[test]
fn secrets_never_show_in_debug_output() {
    let s = resolve_with(
        &no_file(),
        &[
            ("MINIO_ACCESS_KEY", "ak"),
            ("MINIO_SECRET_KEY", "s3cr3t-value"),
            ("DATABASE_URL", "postgres://app:dbpass@db.internal/app"),
        ],
    )
    .unwrap();
    let debug = format!("{s:?}");
    assert!(!debug.contains("s3cr3t-value"), "{debug}");
    assert!(!debug.contains("dbpass"), "{debug}");
    assert_eq!(
        s.database.value.masked(),
        "postgres://app:********@db.internal/app"
    );
}

#[test]
fn contradicting_ssl_settings_are_a_config_error() {
    let err = resolve_with(
        &no_file(),
        &[
            ("MINIO_ENDPOINT", "http://x:9000"),
            ("MINIO_USE_SSL", "true"),
        ],
    )
    .unwrap_err();
    assert_eq!(err.kind(), crate::error::Kind::Config);
    assert!(err.to_string().contains("disagrees"), "{err}");
}

#[test]
fn bad_values_name_the_value_and_rule() {
    let cases: &[(&str, &str, &str)] = &[
        ("MINIO_ENDPOINT", "ftp://x", "scheme must be http or https"),
        (
            "MINIO_ENDPOINT",
            "http://x:9000/path",
            "must not have a path",
        ),
        (
            "MINIO_ENDPOINT",
            "http://x:9000/demo/",
            "if 'demo' is the bucket, give it with MINIO_BUCKET_NAME or --bucket, and the endpoint as http://x:9000",
        ),
        (
            "MINIO_ENDPOINT",
            "s3://demo",
            "s3://demo names a bucket (the AWS CLI's form): give the server's address here (http://HOST:9000) and the bucket with MINIO_BUCKET_NAME or --bucket",
        ),
        ("MINIO_BUCKET_NAME", "Bad_Bucket", "lowercase letters"),
        ("MINIO_USE_SSL", "maybe", "expected true or false"),
        (
            "DATABASE_URL",
            "mysql://x",
            "expected sqlite:PATH or postgres://",
        ),
    ];
    for (var, value, rule) in cases {
        let err = resolve_with(&no_file(), &[(var, value)]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(rule), "{var}={value}: {msg}");
    }
}

/// A database URL pfp does not take, as another program writes it or a slip spells it:
/// the message names what to write, and never the password the URL holds.
#[test]
fn database_urls_of_other_programs_and_slips_name_the_spelling_pfp_takes() {
    for (value, said) in [
        (
            "postgress://app:s3cret-pw@db/app",
            "'postgress://' is not a scheme pfp knows: did you mean postgres://?",
        ),
        (
            "jdbc:postgresql://db:5432/app?password=s3cret-pw",
            "this is a JDBC URL: leave out 'jdbc:'",
        ),
        (
            "postgresql+psycopg2://app:s3cret-pw@db/app",
            "'+psycopg2' names a driver (SQLAlchemy's form): write postgresql://…",
        ),
        (
            "mysql://app:s3cret-pw@db/app",
            "pfp keeps its users in SQLite or PostgreSQL, not mysql",
        ),
        (
            "/var/lib/app/users.db",
            "for the SQLite file '/var/lib/app/users.db' write sqlite:/var/lib/app/users.db",
        ),
        (
            "jdbc:sqlite:/var/lib/app.db",
            "this is a JDBC URL: leave out 'jdbc:'",
        ),
        ("pfp.sqlite3", "write sqlite:pfp.sqlite3"),
        ("sqlite3:///app.db", "write sqlite:PATH"),
    ] {
        let msg = resolve_with(&no_file(), &[("DATABASE_URL", value)])
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("expected sqlite:PATH or postgres://"),
            "{value}: {msg}"
        );
        assert!(msg.contains(said), "{value}: {msg}");
        assert!(!msg.contains("s3cret-pw"), "{value}: {msg}");
    }
    let msg = resolve_with(&no_file(), &[("DATABASE_URL", "users")])
        .unwrap_err()
        .to_string();
    assert!(
        msg.ends_with("expected sqlite:PATH or postgres://USER@HOST/DB"),
        "no guess for a bare word: {msg}"
    );
}

/// Values in quotes, as a `.env` line writes them and `docker run --env-file` or
/// `export $(cat .env)` keep them: an endpoint or bucket so given is refused saying so; a
/// key (which could hold quotes) is taken, with a warning that names it and not its value.
#[test]
fn quotes_kept_from_a_file_of_variables_are_named() {
    for (var, value) in [
        ("MINIO_ENDPOINT", "\"localhost:9000\""),
        ("MINIO_BUCKET_NAME", "'demo'"),
    ] {
        let msg = resolve_with(&no_file(), &[(var, value)])
            .unwrap_err()
            .to_string();
        assert!(
            msg.ends_with("; the value is in quotes: a shell removes them, but `docker run --env-file`, `export $(cat .env)` and `kubectl create configmap --from-env-file` keep them: set it without them"),
            "{var}={value}: {msg}"
        );
    }
    let s = resolve_with(
        &no_file(),
        &[
            ("MINIO_ACCESS_KEY", "minioadmin"),
            ("MINIO_SECRET_KEY", "\"hunter2secret\""),
        ],
    )
    .unwrap();
    let warned: Vec<&String> = s.warnings.iter().filter(|w| w.contains("quote")).collect();
    assert_eq!(warned.len(), 1, "{:?}", s.warnings);
    assert!(
        warned[0].starts_with(
            "the secret key (env MINIO_SECRET_KEY) begins and ends with a quote; if the quotes are not part of it"
        ) && !warned[0].contains("hunter2"),
        "{}",
        warned[0]
    );
    // Without quotes, no warning; a quote inside a key is no sign of a file's.
    let s = resolve_with(
        &no_file(),
        &[
            ("MINIO_ACCESS_KEY", "minio\"admin"),
            ("MINIO_SECRET_KEY", "hunter2secret"),
        ],
    )
    .unwrap();
    assert!(
        !s.warnings.iter().any(|w| w.contains("quote")),
        "{:?}",
        s.warnings
    );
    // A space around a key, copied with it from a console: named, never the key.
    let s = resolve_with(
        &no_file(),
        &[
            ("MINIO_ACCESS_KEY", "minioadmin"),
            ("MINIO_SECRET_KEY", "hunter2secret "),
        ],
    )
    .unwrap();
    assert_eq!(
        s.warnings
            .iter()
            .filter(|w| w.contains("space"))
            .collect::<Vec<_>>(),
        [
            "the secret key (env MINIO_SECRET_KEY) begins or ends with a space; if the space is not part of it, set it without"
        ],
        "{:?}",
        s.warnings
    );
}

#[test]
fn secret_from_stdin_reads_one_line() {
    let args = GlobalArgs {
        secret_key_stdin: true,
        ..no_file()
    };
    let s = Settings::resolve(
        &args,
        &|_: &str| None,
        &mut std::io::Cursor::new("from-stdin\nrest"),
    )
    .unwrap();
    assert_eq!(s.secret_key.unwrap().value.expose(), "from-stdin");
}

#[test]
fn config_file_values_and_unknown_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "[minio]\nendpoint = \"http://127.0.0.1:9100\"\nbucket = \"fromfile\"\n[database]\nurl = \"sqlite:/tmp/x.db\"\n",
    )
    .unwrap();
    let args = GlobalArgs {
        config: Some(path.clone()),
        ..GlobalArgs::default()
    };
    let s = resolve_with(&args, &[]).unwrap();
    assert_eq!(s.bucket.value.as_str(), "fromfile");
    assert_eq!(s.bucket.source, Source::File(path.clone()));
    assert_eq!(s.endpoint.value.as_str(), "http://127.0.0.1:9100");

    std::fs::write(&path, "[minio]\nendpiont = \"x\"\n").unwrap();
    let err = resolve_with(&args, &[]).unwrap_err();
    assert!(err.to_string().contains("endpiont"), "{err}");
    assert!(
        err.to_string().ends_with("; did you mean `endpoint`?"),
        "{err}"
    );
    assert_eq!(err.kind(), crate::error::Kind::Config);
    // The key with '-' or in capitals (as the environment spells it), a table's name
    // misspelt, and a key like none: the nearest, or none.
    for (text, nearest) in [
        ("[minio]\nuse-ssl = true\n", Some("use_ssl")),
        (
            "[minio]\nSECRET_KEY_FILE = \"/k\"\n",
            Some("secret_key_file"),
        ),
        ("[mino]\nbucket = \"b\"\n", Some("minio")),
        ("[picture]\nmaxsize = \"1MB\"\n", Some("max_size")),
        ("[database]\nflavour = \"pg\"\n", None),
        // The environment's name for a key, in its table.
        ("[minio]\nMINIO_ENDPOINT = \"x\"\n", Some("endpoint")),
    ] {
        std::fs::write(&path, text).unwrap();
        let err = resolve_with(&args, &[]).unwrap_err().to_string();
        match nearest {
            Some(key) => assert!(err.ends_with(&format!("; did you mean `{key}`?")), "{err}"),
            None => assert!(!err.contains("did you mean"), "{err}"),
        }
    }

    // A key in another table's place (a flat file; the database's URL under [minio];
    // the environment's name before any table): the table it belongs in. A secret's key
    // is named as any other (an unknown key's message holds no value).
    for (text, key, table) in [
        ("endpoint = \"x\"\n", "endpoint", "minio"),
        ("secret_key = \"hunter2\"\n", "secret_key", "minio"),
        (
            "[minio]\nendpoint = \"x\"\nurl = \"sqlite:x.db\"\n",
            "url",
            "database",
        ),
        ("DATABASE_URL = \"sqlite:x.db\"\n", "url", "database"),
        ("[database]\nmax_size = \"1MB\"\n", "max_size", "picture"),
    ] {
        std::fs::write(&path, text).unwrap();
        let err = resolve_with(&args, &[]).unwrap_err().to_string();
        assert!(err.contains("unknown field `"), "{err}");
        assert!(
            err.ends_with(&format!(
                "; `{key}` belongs in the [{table}] table: put it after a `[{table}]` line"
            )),
            "{err}"
        );
        assert!(!err.contains("hunter2"), "{err}");
    }

    // A value of the wrong type, and a key given twice: the line and the key are named.
    let shown = |text: &str| {
        std::fs::write(&path, text).unwrap();
        resolve_with(&args, &[]).unwrap_err().to_string()
    };
    let err = shown("[minio]\nbucket = \"a\"\nendpoint = 9000\n");
    assert!(
        err.contains("line 3 (endpoint): invalid type: integer `9000`, expected a string"),
        "{err}"
    );
    let err = shown("[minio]\nbucket = \"a\"\n\nbucket = \"b\"\n");
    assert!(err.contains("line 4 (bucket): duplicate key"), "{err}");
    // A secret's value is never quoted, whatever the parser says about it.
    let err = shown("[minio]\nsecret_key = 12345678\n");
    assert!(err.contains("line 2 (secret_key)"), "{err}");
    assert!(err.contains("expected a string"), "{err}");
    assert!(!err.contains("12345678"), "{err}");
    let err = shown("[database]\nurl = [\"postgres://u:hunter2@h/db\"]\n");
    assert!(err.contains("line 2 (url)"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");

    // Another format given for the config: a file of variables (a `.env`), YAML.
    let err = shown("# app\nexport MINIO_ENDPOINT=http://x:9000\nMINIO_SECRET_KEY=hunter2\n");
    assert!(
        err.ends_with("; the config file is TOML, and this is a file of environment variables (KEY=value): load it into the environment instead (set -a; . FILE; set +a), or write its settings as TOML ([minio] endpoint = \"…\"; README, Configuration)"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
    let yaml = dir.path().join("pfp.yaml");
    std::fs::write(&yaml, "minio:\n  endpoint: http://x:9000\n").unwrap();
    let err = resolve_with(
        &GlobalArgs {
            config: Some(yaml),
            ..GlobalArgs::default()
        },
        &[],
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.ends_with("; the config file is TOML, and this file's name says YAML: write its settings as TOML ([minio] endpoint = \"…\"; README, Configuration)"),
        "{err}"
    );
}

/// Without HOME (a root unit without `User=`: systemd sets none), the home folder of the
/// process's user, as libpq, the AWS tools and mc find theirs: the config file, the
/// default database and `~/` in paths are where they are in that user's shell.
#[test]
fn without_home_the_accounts_home_folder_is_used() {
    struct Unit(std::path::PathBuf);
    impl Env for Unit {
        fn var(&self, _: &str) -> Option<String> {
            None
        }
        fn account(&self) -> Option<Account> {
            Some(Account {
                name: "root".into(),
                home: self.0.clone(),
            })
        }
    }
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".config/pfp/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "[minio]\nbucket = \"from-home\"\n").unwrap();
    let s = Settings::resolve(
        &no_file(),
        &Unit(home.path().to_owned()),
        &mut std::io::empty(),
    )
    .unwrap();
    assert_eq!(s.bucket.value.as_str(), "from-home");
    assert_eq!(s.config_file.as_deref(), Some(config.as_path()));
    assert_eq!(
        s.database.value.masked(),
        format!(
            "sqlite:{}",
            home.path().join(".local/share/pfp/pfp.db").display()
        )
    );
    assert_eq!(
        home_path("~/ca.pem", &Unit(home.path().to_owned())),
        home.path().join("ca.pem")
    );
}
