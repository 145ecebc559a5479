//! TLS, secrets and hostile inputs.

mod common;
#[path = "common/fixtures.rs"]
mod fixtures;

use common::s3server::{S3Server, ServerOptions};
use common::*;

/// A CA and a server certificate for 127.0.0.1 and localhost, signed by it (PEM).
struct Pki {
    ca_pem: String,
    cert_pem: String,
    key_pem: String,
}

fn make_pki() -> Pki {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "pfp test CA");
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().unwrap();
    let params =
        CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).unwrap();
    let cert = params.signed_by(&key, &issuer).unwrap();
    Pki {
        ca_pem: ca_cert.pem(),
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    }
}

#[test]
fn https_with_a_trusted_ca_works_and_an_untrusted_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pki = make_pki();
    let server = S3Server::start(ServerOptions {
        tls: Some((pki.cert_pem.clone(), pki.key_pem.clone())),
        ..test_options(dir.path(), 0)
    })
    .unwrap();
    let endpoint = format!("https://127.0.0.1:{}", server.port());
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, &pki.ca_pem).unwrap();
    let other_ca = dir.path().join("other-ca.pem");
    std::fs::write(&other_ca, make_pki().ca_pem).unwrap();
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

    // --insecure goes through, with a warning.
    let out = run(pfp().args(["--insecure", "bucket", "init"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("warning: --insecure"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Bucket 'tls' already exists."),
        "{}",
        out.stderr
    );

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
            .contains("holds a secret key and is readable by other users"),
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
        !out.stderr.contains("readable by other users"),
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
    assert_eq!(
        run(pfp().args(["user", "add", "--email", "f@example.com", "--nickname", "f"])).code,
        0
    );
    let fifo = world.dir.path().join("pipe.jpg");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let manifest = format!(
        "f,{}\nf,/dev/zero\nf,{}\n",
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
