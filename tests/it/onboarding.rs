//! Onboarding an app that stored pictures itself: pfp sees them (never "default"), never
//! clears them, and `pfp adopt` takes them over, on pfp's own schema (SQLite and
//! PostgreSQL) and on an app-shaped PostgreSQL table in existing-schema mode.

use std::path::Path;

use crate::common;
use crate::common::db::TestDb;
use crate::common::fixtures::*;
use crate::common::s3server::ServerOptions;
use common::*;

/// Stores bytes at `key` the way the app does (its client's PUT, no Content-Type of its
/// own, no processing): through the S3 API, not behind the server's back.
pub fn put_raw(world: &World, key: &str, bytes: &[u8]) {
    let config = pfp::store::StoreConfig {
        endpoint: pfp::values::Endpoint::parse(&world.server.endpoint(), None).unwrap(),
        access_key: ACCESS_KEY.into(),
        secret_key: pfp::values::Secret::new(SECRET_KEY),
        session_token: None,
        region: "us-east-1".into(),
        ca_cert: None,
        insecure: false,
        retries: 1,
        timeout: std::time::Duration::from_secs(10),
    };
    let store = pfp::store::Store::connect(&config).unwrap();
    let bucket = pfp::values::BucketName::parse(&world.bucket).unwrap();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(store.put(
            &bucket,
            &pfp::store::ObjectToPut {
                key,
                bytes,
                content_type: "application/octet-stream",
                cache_control: "",
                metadata: Vec::new(),
            },
        ))
        .unwrap();
}

/// An app and pfp pointed at it: the users' ids, how to run pfp, how to read and write
/// the app's column.
struct App<'a> {
    world: &'a World,
    db: &'a TestDb,
    ids: Vec<String>,
    /// `--config FILE` for existing-schema mode.
    config: Option<std::path::PathBuf>,
    /// How the id is quoted in SQL.
    quote: bool,
}

impl<'a> App<'a> {
    /// pfp's own schema with `users` users (ids 1 to `users`) standing for the app's.
    fn numbered(s: &'a Stack<'_>, db: &'a TestDb, users: u32) -> App<'a> {
        s.add_users(users);
        App {
            world: &s.world,
            db,
            ids: (1..=users).map(|i| i.to_string()).collect(),
            config: None,
            quote: false,
        }
    }

    fn pfp(&self) -> assert_cmd::Command {
        let mut cmd = self.world.pfp();
        match &self.config {
            Some(config) => {
                cmd.arg("--config").arg(config);
            }
            None => {
                cmd.env("DATABASE_URL", self.db.url());
            }
        }
        cmd
    }

    fn id(&self, n: usize) -> &str {
        &self.ids[n - 1]
    }

    fn sql_id(&self, n: usize) -> String {
        if self.quote {
            format!("'{}'", self.id(n))
        } else {
            self.id(n).to_owned()
        }
    }

    fn set(&self, n: usize, value: Option<&str>) {
        let value = value.map_or("NULL".to_owned(), |v| format!("'{v}'"));
        self.db.exec(&format!(
            "UPDATE users SET profile_picture_url = {value} WHERE id = {}",
            self.sql_id(n)
        ));
    }

    fn column(&self, n: usize) -> Option<String> {
        self.db
            .query(&format!(
                "SELECT profile_picture_url FROM users WHERE id = {}",
                self.sql_id(n)
            ))
            .pop()
            .flatten()
    }

    fn columns(&self) -> Vec<Option<String>> {
        (1..=self.ids.len()).map(|n| self.column(n)).collect()
    }

    /// Every object in the bucket (markers left out), from the server's data folder.
    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .world
            .all_objects()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        keys.retain(|k| !k.starts_with(".pfp/"));
        keys
    }

    /// Width and height of the JPEG that `get-url` hands out for `user`.
    fn served_size(&self, user: &str) -> (u16, u16) {
        let (_, lines) = self.json(&["get-url", "--user", user]);
        let (status, _, body) = http_get(lines[0]["presigned_url"].as_str().unwrap());
        assert_eq!(status, 200);
        jpeg_size(&body)
    }

    fn json(&self, args: &[&str]) -> (Out, Vec<serde_json::Value>) {
        let out = run(self.pfp().arg("--json").args(args));
        let lines = json_lines(&out.stdout);
        (out, lines)
    }
}

/// An adopt line's status and whether its original was deleted.
fn adopted(line: &serde_json::Value) -> (&str, bool) {
    (
        line["status"].as_str().unwrap(),
        line["original_deleted"].as_bool().unwrap(),
    )
}

fn jpeg_size(bytes: &[u8]) -> (u16, u16) {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.decode().unwrap();
    let info = decoder.info().unwrap();
    (info.width, info.height)
}

/// The app's state as the FastAPI app leaves it, then everything pfp says and does.
fn onboard(app: &App<'_>) {
    let w = app.world;
    let host = w.host();
    let bucket = &w.bucket;
    let photo = jpeg_with_exif(&photo_like(1600, 1200, 7), 6, true);
    let gif = animated_gif(64, 48, 3, 100);
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>".to_vec();
    let stored: Vec<(usize, String, Vec<u8>)> = vec![
        (1, format!("{}.jpeg", app.id(1)), photo.clone()),
        (2, format!("{}.png", app.id(2)), png_with_alpha(96)),
        (3, format!("{}.gif", app.id(3)), gif),
        (4, format!("{}.svg", app.id(4)), svg),
        (
            5,
            format!("{}.JPG", app.id(5)),
            jpeg(&photo_like(300, 200, 5), 90),
        ),
        (
            8,
            format!("{}.jpeg", app.id(8)),
            jpeg(&photo_like(200, 200, 8), 90),
        ),
    ];
    for (n, key, bytes) in &stored {
        put_raw(w, key, bytes);
        // Scheme-less host:port/bucket/key, as the app writes it; user 2 a full URL,
        // user 5 an s3:// URI (as boto-based code writes it), user 3 a protocol-relative
        // URL (as a web page keeps its own scheme).
        let value = if *n == 2 {
            format!("http://{host}/{bucket}/{key}")
        } else if *n == 3 {
            format!("//{host}/{bucket}/{key}")
        } else if *n == 5 {
            format!("s3://{bucket}/{key}")
        } else if *n == 8 {
            format!(
                "http://{host}/{bucket}/{key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20200101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=dead"
            )
        } else {
            format!("{host}/{bucket}/{key}")
        };
        app.set(*n, Some(&value));
    }
    let external = "https://cdn.example.org/avatars/6.png";
    app.set(6, Some(external));
    app.set(7, None);
    app.set(9, Some(&format!("{host}/{bucket}/gone.jpeg")));
    let originals: Vec<String> = stored.iter().map(|(_, k, _)| k.clone()).collect();

    // Before adopting: pfp sees the app's pictures.
    let (out, lines) = app.json(&["user", "show", app.id(1)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(lines[0]["picture"]["source"], "app", "{}", out.stdout);
    assert_eq!(lines[0]["picture"]["key"], originals[0].as_str());
    let (_, lines) = app.json(&["user", "show", app.id(6)]);
    assert_eq!(lines[0]["picture"]["source"], "external");
    assert_eq!(lines[0]["picture"]["url"], external);
    let (_, lines) = app.json(&["user", "show", app.id(7)]);
    assert_eq!(lines[0]["picture"]["source"], "default");
    let out = run(app.pfp().args(["user", "list"]));
    assert!(
        out.stdout
            .contains(&format!("{host}/{bucket}/{}", originals[0])),
        "{}",
        out.stdout
    );

    let (out, lines) = app.json(&["get-url", "--user", app.id(1)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(lines[0]["source"], "app");
    let (status, _, body) = http_get(lines[0]["presigned_url"].as_str().unwrap());
    assert_eq!(
        (status, body == photo),
        (200, true),
        "the app's object, presigned"
    );
    let (out, lines) = app.json(&["get-url", "--user", app.id(8)]);
    assert_eq!(
        out.code, 0,
        "an expired presigned URL is read as its key: {}",
        out.stderr
    );
    assert_eq!(lines[0]["key"], originals[5].as_str());
    let (out, lines) = app.json(&["get-url", "--user", app.id(6)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        (
            lines[0]["source"].as_str(),
            lines[0]["presigned_url"].as_str()
        ),
        (Some("external"), Some(external))
    );
    assert!(out.stderr.contains("not presigned"), "{}", out.stderr);
    let out = run(app.pfp().args(["get-url", "--user", app.id(7)]));
    assert_eq!(out.code, 3, "no picture, no default: {}", out.stderr);

    let out = run(app.pfp().args(["export-urls", "--format", "ndjson"]));
    let rows = json_lines(&out.stdout);
    let source = |n: usize| {
        rows.iter()
            .find(|r| r["user"] == app.id(n))
            .map(|r| r["source"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(
        [1, 2, 3, 4, 5, 6, 7, 8].map(source),
        ["app", "app", "app", "app", "app", "external", "none", "app"].map(String::from),
        "{}",
        out.stdout
    );

    // verify reports the app's missing object as its own finding and repairs nothing
    // of the app's, with or without --fix.
    let columns = app.columns();
    let keys = app.keys();
    for fix in [false, true] {
        let mut args = vec!["verify", "--grace", "0s"];
        if fix {
            args.extend(["--fix", "--yes"]);
        }
        let (out, lines) = app.json(&args);
        assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
        let kinds: Vec<&str> = lines.iter().filter_map(|l| l["kind"].as_str()).collect();
        assert_eq!(kinds, ["app_missing"], "{}", out.stdout);
        assert_eq!(app.columns(), columns, "no column of the app's cleared");
        assert_eq!(app.keys(), keys, "no object of the app's deleted");
    }

    // The plan, then the adoption.
    let (out, lines) = app.json(&["adopt", "--dry-run", "--crop", "none"]);
    assert_eq!(out.code, 4, "the SVG is refused: {}", out.stderr);
    let status = |lines: &[serde_json::Value], n: usize| {
        lines
            .iter()
            .find(|l| l["type"] == "adopt" && l["user"] == app.id(n))
            .map(|l| l["status"].as_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(
        [1, 2, 3, 4, 5, 6, 8, 9].map(|n| status(&lines, n)),
        [
            "would_adopt",
            "would_adopt",
            "would_adopt",
            "rejected",
            "would_adopt",
            "skipped",
            "would_adopt",
            "missing"
        ]
        .map(String::from),
        "{}",
        out.stdout
    );
    assert_eq!(app.columns(), columns, "a dry run changes nothing");
    assert_eq!(app.keys(), keys);

    let out = run(app.pfp().args(["adopt", "--crop", "none"]));
    assert_eq!(out.code, 2, "no terminal and no --yes: {}", out.stderr);
    // The question names where: the last chance to see a wrong environment.
    let place = format!(
        "error: Adopt the app's pictures (bucket '{}' at {}, database ",
        app.world.bucket,
        app.world.server.endpoint()
    );
    assert!(out.stderr.starts_with(&place), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("(the originals stay)? Refusing without confirmation"),
        "{}",
        out.stderr
    );
    let (out, lines) = app.json(&["adopt", "--yes", "--crop", "none", "--sizes", "512,128"]);
    assert_eq!(out.code, 4, "{}\n{}", out.stdout, out.stderr);
    let rejected = lines.iter().find(|l| l["status"] == "rejected").unwrap();
    assert!(
        rejected["message"]
            .as_str()
            .unwrap()
            .contains(&originals[3]),
        "names the SVG: {rejected}"
    );
    assert_eq!(rejected["rule"], "unsupported_format", "{rejected}");
    assert!(
        lines
            .iter()
            .filter(|l| l["type"] == "adopt" && l["status"] != "rejected")
            .all(|l| l["rule"].is_null()),
        "{}",
        out.stdout
    );
    let summary = lines.last().unwrap();
    assert_eq!(
        (summary["adopted"].as_u64(), summary["rejected"].as_u64()),
        (Some(5), Some(1)),
        "{summary}"
    );
    for n in [1, 2, 3, 5, 8] {
        let column = app.column(n).unwrap();
        assert!(
            column.starts_with(&format!("{}/{bucket}/users/", w.server.endpoint())),
            "user {n}: {column}"
        );
    }
    assert_eq!(
        app.column(4),
        columns[3],
        "the refused picture's column stays"
    );
    assert_eq!(app.column(6).as_deref(), Some(external));
    assert_eq!(app.column(7), None);
    for original in &originals {
        assert!(app.keys().contains(original), "originals stay: {original}");
    }
    // The photo: orientation applied (1600x1200 with orientation 6 is portrait), no
    // EXIF or GPS, within the sizes, each size served.
    let (_, lines) = app.json(&["get-url", "--user", app.id(1)]);
    let (status, _, body) = http_get(lines[0]["presigned_url"].as_str().unwrap());
    assert_eq!(status, 200);
    assert_eq!(
        jpeg_size(&body),
        (384, 512),
        "rotated to portrait, at most 512"
    );
    assert!(!jpeg_has_metadata(&body), "EXIF and GPS stripped");
    let out = run(app
        .pfp()
        .args(["get-url", "--user", app.id(3), "--size", "128", "--check"]));
    assert_eq!(out.code, 0, "{}", out.stderr);

    // Again: nothing new to adopt (the SVG is refused again, and said so).
    let before = app.columns();
    let (out, lines) = app.json(&["adopt", "--yes", "--crop", "none", "--sizes", "512,128"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert_eq!(lines.last().unwrap()["adopted"], 0, "{}", out.stdout);
    assert_eq!(app.columns(), before);

    // The app clears the missing one; verify is clean (the SVG and the external URL are
    // the app's, not findings).
    app.set(9, None);
    let out = run(app.pfp().arg("verify"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);

    // --delete-originals: an original two users name goes only with the second.
    let shared = "shared.jpeg".to_owned();
    put_raw(w, &shared, &jpeg(&photo_like(120, 120, 11), 90));
    app.set(10, Some(&format!("{host}/{bucket}/{shared}")));
    app.set(7, Some(&format!("{host}/{bucket}/{shared}")));
    let (out, lines) = app.json(&["adopt", "--yes", "--delete-originals", "-j", "1"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    let deleted: Vec<bool> = lines
        .iter()
        .filter(|l| l["type"] == "adopt" && l["status"] == "adopted")
        .map(|l| l["original_deleted"].as_bool().unwrap())
        .collect();
    assert_eq!(deleted, [false, true], "{}", out.stdout);
    assert!(!app.keys().contains(&shared));
    let out = run(app.pfp().arg("verify"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);

    // `remove` of a picture pfp did not store (a moderator's request): the column is
    // cleared, after the question, and the object it names is left alone. (It said "no
    // picture; nothing to remove" and left the picture showing.)
    let offensive = "offensive.jpeg".to_owned();
    put_raw(w, &offensive, &jpeg(&photo_like(120, 120, 12), 90));
    // (With a space after it, as a hand-edited row may have: compared as stored.)
    let value = format!("{host}/{bucket}/{offensive} ");
    app.set(9, Some(&value));
    let out = run(app.pfp().args(["remove", "--user", app.id(9)]));
    assert_eq!(out.code, 2, "no terminal, no --yes: {}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("the app's picture '{offensive}'")),
        "{}",
        out.stderr
    );
    assert_eq!(app.column(9), Some(value.clone()));
    let (out, lines) = app.json(&["remove", "--user", app.id(9), "--yes"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(lines[0]["source"], "app", "{}", out.stdout);
    assert_eq!(lines[0]["deleted"], serde_json::json!([]), "{}", out.stdout);
    assert_eq!(app.column(9), None);
    assert!(app.keys().contains(&offensive), "the app's object stays");
    let external = "https://cdn.example.org/avatars/9.png";
    app.set(9, Some(external));
    let out = run(app.pfp().args(["remove", "--user", app.id(9), "--yes"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "Cleared the picture of user '{}' (external: {external};",
            app.id(9)
        )),
        "{}",
        out.stderr
    );
    assert_eq!(app.column(9), None);
    let out = run(app.pfp().args(["remove", "--user", app.id(9), "--yes"]));
    assert!(
        out.stderr.contains("has no picture; nothing to remove."),
        "{}",
        out.stderr
    );
    let out = run(app.pfp().arg("verify"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
}

both_backends! {
    fn pfp_sees_never_clears_and_adopts_an_apps_pictures(db, _dir) {
        let s = Stack::new(db);
        let app = App::numbered(&s, db, 10);
        onboard(&app);
    }
}

// An app that kept its pictures under pfp's own prefixes (`users/<id>/avatar.jpg`,
// `users/<id>.png`, its default as `defaults/avatar.png`): pfp tells its own objects by
// their names, so these are the app's pictures, never orphans or mismatches. (They were
// shown as `default`, and one `verify --fix --yes` deleted the objects and cleared the
// columns as soon as the ledger recorded any picture of pfp's.)
both_backends! {
    fn an_apps_pictures_under_pfps_prefixes_stay_the_apps_until_adopted(db, _dir) {
        let s = Stack::new(db);
        let app = App::numbered(&s, db, 3);
        let (w, host) = (app.world, app.world.host());
        let bucket = &w.bucket;
        // pfp's own picture for user 3: the ledger is not empty.
        assert_eq!(s.upload("3", "3.jpg", &jpeg(&photo_like(64, 64, 3), 90), &[]).code, 0);
        let avatar = format!("users/{}/avatar.jpg", app.id(1));
        let flat = format!("users/{}.png", app.id(2));
        let default = "defaults/avatar.png";
        put_raw(w, &avatar, &jpeg(&photo_like(200, 200, 1), 90));
        put_raw(w, &flat, &png_with_alpha(96));
        put_raw(w, default, &png_with_alpha(64));
        app.set(1, Some(&format!("{host}/{bucket}/{avatar}")));
        app.set(2, Some(&format!("http://{host}/{bucket}/{flat}")));
        for (n, key) in [(1, &avatar), (2, &flat)] {
            let (out, lines) = app.json(&["user", "show", app.id(n)]);
            assert_eq!(
                (lines[0]["picture"]["source"].as_str(), lines[0]["picture"]["key"].as_str()),
                (Some("app"), Some(key.as_str())),
                "{}",
                out.stdout
            );
        }

        let (columns, keys) = (app.columns(), app.keys());
        let (out, lines) = app.json(&["verify", "--grace", "0s", "--fix", "--yes"]);
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        let summary = lines.last().unwrap();
        assert_eq!(
            [&summary["foreign"], &summary["orphans"], &summary["mismatches"], &summary["fixed"]],
            [3, 0, 0, 0],
            "{}",
            out.stdout
        );
        assert_eq!(app.columns(), columns, "no column of the app's cleared");
        assert_eq!(app.keys(), keys, "no object of the app's deleted");
        let out = run(app.pfp().arg("verify"));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout.contains(&format!(
                "3 objects under users/ and defaults/ not named as pfp names its pictures (the app's or another tool's, such as '{default}'): left alone, never orphans."
            )),
            "{}",
            out.stdout
        );

        // adopt takes them over (the originals deleted on request); the app's default,
        // which no column names, stays foreign.
        let (out, lines) = app.json(&["adopt", "--yes", "--delete-originals"]);
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        assert_eq!(lines.last().unwrap()["adopted"], 2, "{}", out.stdout);
        for n in [1, 2] {
            let column = app.column(n).unwrap();
            assert!(
                column.starts_with(&format!("{}/{bucket}/users/", w.server.endpoint())),
                "user {n}: {column}"
            );
        }
        let keys = app.keys();
        assert!(!keys.contains(&avatar) && !keys.contains(&flat), "{keys:?}");
        assert!(keys.contains(&default.to_owned()), "{keys:?}");
        let (out, lines) = app.json(&["verify"]);
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        assert_eq!(lines.last().unwrap()["foreign"], 1, "{}", out.stdout);
    }
}

// `adopt --delete-originals` keeps an original while another user's column names it,
// however that column spells it: with an expired presigned URL's query string after the
// key, or percent-encoded. (It searched for columns ending with the key as it is, missed
// these, deleted the original with the first user, and the second one's picture was
// gone: `missing`.)
both_backends! {
    fn adopt_keeps_an_original_another_column_names_in_any_spelling(db, _dir) {
        let s = Stack::new(db);
        let app = App::numbered(&s, db, 4);
        let (host, bucket) = (s.world.host(), &s.world.bucket);
        put_raw(&s.world, "shared.jpeg", &jpeg(&photo_like(120, 120, 1), 90));
        put_raw(&s.world, "my photo.jpeg", &jpeg(&photo_like(100, 100, 2), 90));
        app.set(1, Some(&format!("{host}/{bucket}/shared.jpeg")));
        app.set(2, Some(&format!(
            "http://{host}/{bucket}/shared.jpeg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=60&X-Amz-Signature=dead"
        )));
        app.set(3, Some(&format!("{host}/{bucket}/my photo.jpeg")));
        app.set(4, Some(&format!("http://{host}/{bucket}/my%20photo.jpeg")));
        let (out, lines) = app.json(&["adopt", "--yes", "--delete-originals", "-j", "1"]);
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        let adopted: Vec<(&str, bool)> = lines
            .iter()
            .filter(|l| l["type"] == "adopt")
            .map(|l| (l["status"].as_str().unwrap(), l["original_deleted"].as_bool().unwrap()))
            .collect();
        assert_eq!(
            adopted,
            [("adopted", false), ("adopted", true), ("adopted", false), ("adopted", true)],
            "{}",
            out.stdout
        );
        assert!(
            !app.keys().iter().any(|k| !k.starts_with("users/")),
            "{:?}",
            app.keys()
        );
        assert_eq!(run(app.pfp().arg("verify")).code, 0);
    }
}

/// An app run by docker-compose writes the server's name on the compose network into its
/// columns (`minio:9000/demo/1.jpeg`), a host pfp reaches by another name: external,
/// and skipped by adopt, until `MINIO_APP_ENDPOINTS` names it (pfp never connects to it).
#[test]
fn columns_naming_the_server_by_another_name_are_app_pictures_once_it_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let app = App::numbered(&s, &db, 1);
    put_raw(&s.world, "1.jpeg", &jpeg(&photo_like(120, 90, 1), 90));
    let value = format!("minio:9000/{}/1.jpeg", s.world.bucket);
    app.set(1, Some(&value));
    let show = |env: &[(&str, &str)]| {
        let out = run(app
            .pfp()
            .envs(env.iter().copied())
            .args(["--json", "user", "show", "1"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        json_lines(&out.stdout)[0]["picture"]["source"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(show(&[]), "external");
    let (out, lines) = app.json(&["adopt", "--yes"]);
    assert_eq!(
        (out.code, lines[0]["status"].as_str()),
        (0, Some("skipped")),
        "{}",
        out.stdout
    );
    assert_eq!(app.column(1), Some(value.clone()));
    // The summary names the host and the setting that would take it, never assuming.
    assert!(
        out.stderr.contains(&format!(
            "warning: skipped 1 picture whose column names bucket '{}' on another host: http://minio:9000 (1); if the app reaches this server by that name, set MINIO_APP_ENDPOINTS=http://minio:9000 (or --app-endpoints) and run adopt again",
            s.world.bucket
        )),
        "{}",
        out.stderr
    );

    let named = [(
        "MINIO_APP_ENDPOINTS",
        "http://minio:9000, https://old.example.org",
    )];
    assert_eq!(show(&named), "app");
    let out = run(app.pfp().envs(named).args(["config", "show"]));
    assert!(
        out.stdout
            .contains("http://minio:9000,https://old.example.org")
            && out.stdout.contains("env MINIO_APP_ENDPOINTS"),
        "{}",
        out.stdout
    );
    let out = run(app.pfp().envs(named).args(["--json", "adopt", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    assert_eq!(
        json_lines(&out.stdout)[0]["status"],
        "adopted",
        "{}",
        out.stdout
    );
    let column = app.column(1).unwrap();
    assert!(
        column.starts_with(&format!(
            "{}/{}/users/",
            s.world.server.endpoint(),
            s.world.bucket
        )),
        "{column}"
    );
    let out = run(app
        .pfp()
        .args(["--app-endpoints", "minio:bad:port", "user", "show", "1"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "invalid app endpoint 'minio:bad:port' (flag --app-endpoints): invalid port number"
        ),
        "{}",
        out.stderr
    );
}

/// An app that presigns at display time stores the object's key alone (`avatars/1.jpeg`,
/// `/avatars/2.png`): those are the app's pictures, presigned by get-url and adopted.
/// (They were external URLs: shown as they are, and skipped by adopt as "not in the
/// bucket" while they were.)
#[test]
fn bare_object_keys_in_the_column_are_the_apps_pictures() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let app = App::numbered(&s, &db, 3);
    let photo = jpeg(&photo_like(120, 90, 1), 90);
    put_raw(&s.world, "avatars/1.jpeg", &photo);
    put_raw(&s.world, "avatars/2.png", &png_with_alpha(64));
    app.set(1, Some("avatars/1.jpeg"));
    app.set(2, Some("/avatars/2.png"));
    app.set(3, Some("default"));
    let (_, lines) = app.json(&["user", "show", "1"]);
    assert_eq!(
        (
            lines[0]["picture"]["source"].as_str(),
            lines[0]["picture"]["key"].as_str()
        ),
        (Some("app"), Some("avatars/1.jpeg")),
        "{}",
        lines[0]
    );
    let (out, lines) = app.json(&["get-url", "--user", "1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (status, _, body) = http_get(lines[0]["presigned_url"].as_str().unwrap());
    assert_eq!((status, body == photo), (200, true));
    // A value with no picture's extension is not taken for a key.
    let (_, lines) = app.json(&["user", "show", "3"]);
    assert_eq!(lines[0]["picture"]["source"], "external", "{}", lines[0]);

    let (out, lines) = app.json(&["adopt", "--yes"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let mut statuses: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l["type"] == "adopt")
        .map(|l| (l["user"].as_str().unwrap(), l["status"].as_str().unwrap()))
        .collect();
    statuses.sort();
    assert_eq!(
        statuses,
        [("1", "adopted"), ("2", "adopted"), ("3", "skipped")],
        "{}",
        out.stdout
    );
    assert!(
        app.column(2).unwrap().contains("/users/"),
        "{:?}",
        app.column(2)
    );
    assert_eq!(run(app.pfp().arg("verify")).code, 0);
}

/// The app's own table (UUID ids, VARCHAR(255), columns pfp never touches) in
/// existing-schema mode, its picture column declared as `picture` (`VARCHAR(255)`).
fn app_table(
    db: &TestDb,
    dir: &Path,
    users: usize,
    picture: &str,
) -> (std::path::PathBuf, Vec<String>) {
    let TestDb::Postgres { schema, .. } = db else {
        unreachable!()
    };
    let ids: Vec<String> = (1..=users)
        .map(|i| format!("6f1c2a1e-6bd4-4b43-9a0e-2f4a4b3c2d{i:02}"))
        .collect();
    let rows: Vec<String> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| format!("('{id}', 'u{i}@example.com', 'u{i}', 'bio {i}')"))
        .collect();
    db.exec(&format!(
        "CREATE TABLE users (
            id UUID PRIMARY KEY,
            email VARCHAR(255) NOT NULL UNIQUE,
            nickname VARCHAR(50) NOT NULL UNIQUE,
            bio TEXT NOT NULL,
            profile_picture_url {picture}
        );
        INSERT INTO users (id, email, nickname, bio) VALUES {};",
        rows.join(", ")
    ));
    let config = dir.join("pfp.toml");
    common::db::write_mapping_config(&config, db.url(), schema);
    (config, ids)
}

/// An app's own table of `users` users (see [`app_table`]) in a PostgreSQL schema of its
/// own, a world to store in, and the bucket made.
struct AppTable {
    dir: tempfile::TempDir,
    db: TestDb,
    world: World,
    config: std::path::PathBuf,
    ids: Vec<String>,
}

impl AppTable {
    fn new(users: usize, picture: &str) -> AppTable {
        let dir = tempfile::tempdir().unwrap();
        let db = TestDb::postgres();
        let (config, ids) = app_table(&db, dir.path(), users, picture);
        let table = AppTable {
            dir,
            db,
            world: World::new(),
            config,
            ids,
        };
        assert_eq!(run(table.app().pfp().args(["bucket", "init"])).code, 0);
        table
    }

    fn app(&self) -> App<'_> {
        App {
            world: &self.world,
            db: &self.db,
            ids: self.ids.clone(),
            config: Some(self.config.clone()),
            quote: true,
        }
    }
}

#[test]
fn adopt_works_on_an_app_shaped_table_in_existing_schema_mode() {
    let table = AppTable::new(10, "VARCHAR(255)");
    let (app, db) = (table.app(), &table.db);
    let bios = db.query("SELECT bio FROM users ORDER BY id");
    onboard(&app);
    assert_eq!(
        db.query("SELECT bio FROM users ORDER BY id"),
        bios,
        "other columns untouched"
    );
}

/// An app whose picture column is NOT NULL with `''` for no picture (Django's and
/// Laravel's string columns are NOT NULL by default): `''` is no picture to every command.
/// `verify` found a mismatch in each such user (exit 1) and `--fix` tried to write NULL;
/// `remove` failed on the constraint (`null value in column ... violates not-null
/// constraint`), as did a repair of a picture deleted behind pfp's back.
#[test]
fn an_apps_not_null_picture_column_keeps_its_empty_string_for_no_picture() {
    let table = AppTable::new(3, "VARCHAR(255) NOT NULL DEFAULT ''");
    let (app, dir, world) = (table.app(), &table.dir, &table.world);
    let blank = || vec![Some(String::new()); 3];
    let verify_clean = || {
        let out = run(app.pfp().arg("verify"));
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
        assert!(out.stdout.contains(": clean"), "{}", out.stdout);
    };
    verify_clean();
    let out = run(app.pfp().args(["verify", "--fix", "--yes"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(app.columns(), blank(), "nothing rewritten");
    let out = run(app.pfp().args(["get-url", "--user", "u1@example.com"]));
    assert_eq!(out.code, 3, "no picture, no default: {}", out.stderr);

    // An upload, then its removal: '' again, not NULL.
    let photo = dir.path().join("photo.jpg");
    std::fs::write(&photo, jpeg(&photo_like(400, 300, 1), 90)).unwrap();
    let upload = || {
        let out = run(app
            .pfp()
            .args(["upload", "--user", "u1@example.com"])
            .arg(&photo));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            app.column(2).unwrap().contains("/users/"),
            "{:?}",
            app.columns()
        );
    };
    upload();
    verify_clean();
    let out = run(app
        .pfp()
        .args(["remove", "--user", "u1@example.com", "--yes", "--purge"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(app.columns(), blank());
    verify_clean();

    // A picture deleted behind pfp's back: the repair clears the column to ''.
    upload();
    let key = app.column(2).unwrap();
    let key = key
        .split_once(&format!("/{}/", world.bucket))
        .unwrap()
        .1
        .to_owned();
    world.s3().delete(&key);
    // The only picture recorded is missing: the repair needs the operator's word for it.
    let out = run(app
        .pfp()
        .args(["verify", "--fix", "--yes", "--max-changes", "1"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(app.columns(), blank(), "{}{}", out.stdout, out.stderr);
    verify_clean();
}

/// An app's transaction left open on a user's row (an `idle in transaction` session):
/// pfp waits for the row no longer than `--timeout`, then fails that user's change, exit
/// 5, naming what to look for; nothing is stored half. It waited forever before, and an
/// import with it. A `lock_timeout` the session has already (the URL's options) wins.
#[test]
fn an_apps_transaction_holding_a_users_row_is_waited_for_no_longer_than_the_timeout() {
    let table = AppTable::new(2, "VARCHAR(255)");
    let (app, dir, db, world) = (table.app(), &table.dir, &table.db, &table.world);
    let photo = dir.path().join("photo.jpg");
    std::fs::write(&photo, jpeg(&photo_like(400, 300, 1), 90)).unwrap();
    let TestDb::Postgres { schema, .. } = db else {
        unreachable!()
    };
    // The app's session: the row of user u0 locked for `seconds`, its statement marked
    // with this test's schema.
    let hold = |seconds: u32| {
        let url = db.url().to_owned();
        let id = app.sql_id(1);
        let mark = schema.clone();
        let holder = std::thread::spawn(move || {
            common::db::pg_exec(
                &url,
                &format!(
                    "/* {mark} */ BEGIN; SELECT 1 FROM users WHERE id = {id} FOR UPDATE; SELECT pg_sleep({seconds}); COMMIT"
                ),
            );
        });
        // Until it sleeps with the row locked.
        let sleeping = format!(
            "SELECT count(*)::text FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query LIKE '/* {schema} */%'"
        );
        while db.query(&sleeping).first().cloned().flatten().as_deref() == Some("0") {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        holder
    };
    let upload = |cmd: &mut assert_cmd::Command| {
        run(cmd.args(["upload", "--user", "u0@example.com"]).arg(&photo))
    };

    let holder = hold(6);
    let out = upload(app.pfp().args(["--timeout", "1s"]));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("lock timeout")
            && out.stderr.contains("'idle in transaction'")
            && out.stderr.contains("--timeout"),
        "{}",
        out.stderr
    );
    holder.join().unwrap();
    assert_eq!(app.column(1), None, "the column untouched");
    let out = run(app
        .pfp()
        .args(["verify", "--fix", "--yes", "--grace", "0s"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);

    // The session's own bound wins over --timeout: pfp waits for the app's commit.
    let patient = dir.path().join("patient.toml");
    common::db::write_mapping_config(
        &patient,
        &format!("{}%20-clock_timeout%3D60s", db.url()),
        schema,
    );
    let holder = hold(3);
    let out = upload(
        world
            .pfp()
            .args(["--timeout", "1s", "--config"])
            .arg(&patient),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    holder.join().unwrap();
    assert!(app.column(1).is_some_and(|c| c.contains("/users/")));
}

/// A test server that holds every picture upload for `ms` milliseconds.
fn held_world(ms: u64) -> World {
    World::local_with(|o| ServerOptions {
        put_delay: Some(std::time::Duration::from_millis(ms)),
        ..o
    })
}

#[test]
fn the_app_writing_a_column_while_adopt_runs_wins_and_leaves_no_orphan() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    // Every picture PUT is held, so the app's write lands while adopt uploads.
    let s = Stack::with_world(&db, held_world(2000));
    let app = App {
        world: &s.world,
        db: &db,
        ids: vec!["1".into(), "2".into()],
        config: None,
        quote: false,
    };
    let host = s.world.host();
    put_raw(&s.world, "1.jpeg", &jpeg(&photo_like(200, 150, 1), 90));
    let mut changed = 0;
    for round in 0..3 {
        app.set(1, Some(&format!("{host}/{}/1.jpeg", s.world.bucket)));
        let mut cmd = app.pfp();
        cmd.args(["--json", "adopt", "--yes"]);
        let adopt = std::thread::spawn(move || run(&mut cmd));
        // Well after adopt has read the column (a loaded machine starts a process in
        // a few hundred ms), well before its held PUT ends.
        std::thread::sleep(std::time::Duration::from_millis(700));
        let newer = format!("https://cdn.example.org/new-{round}.png");
        app.set(1, Some(&newer));
        let out = adopt.join().unwrap();
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        let status = json_lines(&out.stdout)
            .iter()
            .find(|l| l["type"] == "adopt")
            .map(|l| l["status"].as_str().unwrap().to_owned())
            .unwrap();
        assert!(
            matches!(status.as_str(), "changed_meanwhile" | "skipped"),
            "{}",
            out.stdout
        );
        changed += usize::from(status == "changed_meanwhile");
        assert_eq!(app.column(1), Some(newer), "the app's value intact");
        assert!(
            !app.keys().iter().any(|k| k.starts_with("users/")),
            "what adopt uploaded is gone: {:?}",
            app.keys()
        );
        let out = run(app.pfp().arg("verify"));
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    }
    assert!(
        changed > 0,
        "the app's write landed during the upload at least once"
    );
}

/// The FastAPI app keeps one key per user (`{user_id}.jpeg`): a user's new picture
/// overwrites the object and writes the same column value. Landing while adopt works on
/// the old one, it is neither replaced by adopt's copy of the old picture nor deleted
/// with `--delete-originals` (the column's compare-and-set alone saw nothing change, and
/// the new picture was lost); a later adopt takes it.
#[test]
fn a_new_picture_the_app_writes_to_the_same_key_while_adopt_runs_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    // pfp's uploads (under users/) are held; the app's, at the bucket's root, are not.
    let world = World::local_with(|o| ServerOptions {
        put_delay: Some(std::time::Duration::from_millis(1500)),
        put_delay_prefix: Some("users/".into()),
        ..o
    });
    let s = Stack::with_world(&db, world);
    let app = App {
        world: &s.world,
        db: &db,
        ids: vec!["1".into()],
        config: None,
        quote: false,
    };
    let value = format!("{}/{}/1.jpeg", s.world.host(), s.world.bucket);
    let (old, new) = (
        jpeg(&photo_like(200, 150, 1), 90),
        jpeg(&photo_like(120, 160, 2), 90),
    );
    put_raw(&s.world, "1.jpeg", &old);
    app.set(1, Some(&value));
    let mut cmd = app.pfp();
    cmd.args(["--json", "adopt", "--yes", "--delete-originals"]);
    let adopt = std::thread::spawn(move || run(&mut cmd));
    // adopt's first upload has arrived (after the app's one above): it read the old one.
    s.world.server.wait_for_picture_puts(2);
    put_raw(&s.world, "1.jpeg", &new);
    app.set(1, Some(&value));
    let out = adopt.join().unwrap();
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let lines = json_lines(&out.stdout);
    assert_eq!(lines[0]["status"], "changed_meanwhile", "{}", out.stdout);
    assert_eq!(app.column(1), Some(value.clone()), "the app's value intact");
    let objects = s.world.all_objects();
    assert!(
        objects.iter().any(|(k, b)| k == "1.jpeg" && *b == new),
        "the app's new picture kept: {:?}",
        objects.iter().map(|(k, _)| k).collect::<Vec<_>>()
    );
    assert!(
        !objects.iter().any(|(k, _)| k.starts_with("users/")),
        "adopt's copy of the old picture removed"
    );
    assert_eq!(run(app.pfp().arg("verify")).code, 0);

    // A later adopt takes the new picture.
    let (out, lines) = app.json(&["adopt", "--yes", "--delete-originals", "--crop", "none"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(adopted(&lines[0]), ("adopted", true), "{}", out.stdout);
    assert_eq!(app.served_size("1"), (120, 160), "the new picture");
}

/// As above, the new picture landing after adopt's commit and before `--delete-originals`
/// deletes the original: the original is kept (the app's column write comes next) and a
/// later adopt takes it.
#[test]
fn a_new_picture_the_app_writes_after_the_commit_is_not_deleted_with_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    // Every HEAD of the original is held: the third is --delete-originals' look before
    // the delete (the first reads its size and ETag, the second is the commit's check).
    let world = World::local_with(|o| ServerOptions {
        head_delay: Some(("1.jpeg".into(), std::time::Duration::from_millis(1500))),
        ..o
    });
    let s = Stack::with_world(&db, world);
    let app = App::numbered(&s, &db, 1);
    let value = format!("{}/{}/1.jpeg", s.world.host(), s.world.bucket);
    let new = jpeg(&photo_like(120, 160, 2), 90);
    put_raw(&s.world, "1.jpeg", &jpeg(&photo_like(200, 150, 1), 90));
    app.set(1, Some(&value));
    let mut cmd = app.pfp();
    cmd.args(["--json", "adopt", "--yes", "--delete-originals"]);
    let adopt = std::thread::spawn(move || run(&mut cmd));
    s.world.server.wait_for_held_heads(3);
    put_raw(&s.world, "1.jpeg", &new);
    let out = adopt.join().unwrap();
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let lines = json_lines(&out.stdout);
    assert_eq!(adopted(&lines[0]), ("adopted", false), "{}", out.stdout);
    assert!(
        out.stderr
            .contains("'1.jpeg' was not deleted: the app wrote to it after it was adopted"),
        "{}",
        out.stderr
    );
    let objects = s.world.all_objects();
    assert!(
        objects.iter().any(|(k, b)| k == "1.jpeg" && *b == new),
        "the app's new picture kept"
    );
    // The app's column write: the app's newer picture, which verify --fix never reverts
    // to pfp's older copy (it did: a mismatch repaired from the ledger) and the next
    // adopt takes, retiring that copy (adopt skipped every user pfp had a picture for).
    app.set(1, Some(&value));
    let out = run(app
        .pfp()
        .args(["verify", "--fix", "--yes", "--grace", "0s"]));
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(app.column(1), Some(value.clone()), "{}", out.stdout);
    let (out, lines) = app.json(&["adopt", "--yes", "--crop", "none"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(lines[0]["status"], "adopted", "{}", out.stdout);
    let pictures: Vec<String> = app
        .keys()
        .into_iter()
        .filter(|k| k.starts_with("users/"))
        .collect();
    assert_eq!(
        pictures.len(),
        2,
        "the new copy, and the older one kept for 'pfp restore': {pictures:?}"
    );
    let kept = app
        .db
        .query("SELECT object_key FROM pfp_pictures WHERE is_current = FALSE");
    assert_eq!(kept.len(), 1, "the older copy retired: {kept:?}");
    assert_eq!(app.served_size("1"), (120, 160), "the new picture");
    assert_eq!(run(app.pfp().arg("verify")).code, 0);
}

both_backends! {
    // An app that still uploads the old way (the README's onboarding keeps that open,
    // with `pfp adopt` on a schedule) writes its own picture in the bucket over pfp's:
    // the user is shown the app's, and so is everyone pfp hands it to, until `adopt`
    // takes it (pfp handed out and showed its own older picture, so an app displaying
    // through `get-url` kept showing the picture the user had replaced). A URL outside
    // the bucket written over pfp's is a mismatch `verify --fix` reverts: pfp's stands.
    fn a_picture_the_app_writes_over_pfps_is_what_pfp_hands_out_until_adopted(db, _dir) {
        let s = Stack::new(db);
        let app = App::numbered(&s, db, 2);
        let first = s.file("first.jpg", &jpeg(&photo_like(300, 200, 5), 90));
        for user in ["1", "2"] {
            let out = run(app.pfp().args(["upload", "--user", user]).arg(&first));
            assert_eq!(out.code, 0, "{}", out.stderr);
        }
        let pfps = |n: usize| {
            let (_, lines) = app.json(&["user", "show", app.id(n)]);
            lines[0]["picture"]["key"].as_str().unwrap().to_owned()
        };
        let (pfps_1, pfps_2) = (pfps(1), pfps(2));
        let new = jpeg(&photo_like(120, 160, 2), 90);
        put_raw(&s.world, "1-new.jpeg", &new);
        let value = format!("{}/{}/1-new.jpeg", s.world.host(), s.world.bucket);
        app.set(1, Some(&value));
        let external = "https://cdn.example.org/avatars/2.png";
        app.set(2, Some(external));

        let (out, lines) = app.json(&["get-url", "--user", "1"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(
            (lines[0]["source"].as_str(), lines[0]["key"].as_str()),
            (Some("app"), Some("1-new.jpeg")),
            "{}",
            out.stdout
        );
        let (status, _, body) = http_get(lines[0]["presigned_url"].as_str().unwrap());
        assert_eq!((status, body == new), (200, true), "the app's object");
        assert!(
            out.stderr.contains(&format!(
                "user '1' is shown the app's picture '1-new.jpeg', written over pfp's '{pfps_1}'"
            )),
            "{}",
            out.stderr
        );
        let out = run(app.pfp().args(["get-url", "--user", "1", "--size", "128"]));
        assert_eq!(out.code, 3, "no rendition of the app's picture: {}", out.stderr);
        assert!(out.stderr.contains("'pfp adopt'"), "{}", out.stderr);
        let (out, lines) = app.json(&["get-url", "--user", "2"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(lines[0]["key"], pfps_2.as_str(), "pfp's stands: {}", out.stdout);

        // Every path of export-urls: the lean query, --users, and the one that builds
        // users (a generated style is set).
        let exported = |args: &[&str], stdin: &str| {
            let out = run(app
                .pfp()
                .args(["export-urls", "--format", "ndjson"])
                .args(args)
                .write_stdin(stdin.to_owned()));
            assert_eq!(out.code, 0, "{}", out.stderr);
            assert!(
                out.stderr.contains(
                    "1 user is shown the app's picture written over pfp's (rows with source 'app')"
                ),
                "{}",
                out.stderr
            );
            let rows = json_lines(&out.stdout);
            let row = |n: usize| {
                let row = rows.iter().find(|r| r["user"] == app.id(n)).unwrap();
                (
                    row["source"].as_str().unwrap().to_owned(),
                    row["key"].as_str().unwrap().to_owned(),
                )
            };
            assert_eq!(
                [row(1), row(2)],
                [
                    ("app".to_owned(), "1-new.jpeg".to_owned()),
                    ("user".to_owned(), pfps_2.clone())
                ],
                "{}",
                out.stdout
            );
        };
        exported(&[], "");
        exported(&["--users", "-"], "1\n2\n");

        let (_, lines) = app.json(&["user", "show", "1"]);
        let picture = &lines[0]["picture"];
        assert_eq!(
            (
                picture["source"].as_str(),
                picture["key"].as_str(),
                picture["over"].as_str()
            ),
            (Some("app"), Some("1-new.jpeg"), Some(pfps_1.as_str())),
            "{}",
            lines[0]
        );
        let out = run(app.pfp().args(["user", "show", "1"]));
        assert!(
            out.stdout.contains(&format!("written_over  {pfps_1} (pfp's, set ")),
            "{}",
            out.stdout
        );
        let out = run(app.pfp().args(["user", "list"]));
        assert!(out.stdout.contains(&value), "{}", out.stdout);
        assert!(!out.stdout.contains(external), "{}", out.stdout);

        let out = run(app
            .pfp()
            .args(["set-default", "--generated", "identicon", "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        exported(&[], "");

        let out = run(app.pfp().arg("verify"));
        assert_eq!(out.code, 1, "{}", out.stderr);
        let said: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("mismatch")).collect();
        assert_eq!(said.len(), 2, "{}", out.stdout);
        assert!(
            said.iter().any(|l| l.starts_with("mismatch  user 1:")
                && l.ends_with("(the app's newer picture in the bucket, which pfp hands out: 'pfp adopt' takes it over, --fix leaves it)")),
            "{}",
            out.stdout
        );
        assert!(
            said.iter().any(|l| l.starts_with("mismatch  user 2:") && l.ends_with(&pfps_2)),
            "{}",
            out.stdout
        );

        // adopt takes it; what pfp hands out is the same picture, now pfp's, and said
        // without a warning. The external URL over pfp's is not adopt's.
        let (out, lines) = app.json(&["adopt", "--yes", "--crop", "none"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let users: Vec<(&str, &str)> = lines
            .iter()
            .filter(|l| l["type"] == "adopt")
            .map(|l| (l["user"].as_str().unwrap(), l["status"].as_str().unwrap()))
            .collect();
        assert_eq!(users, [("1", "adopted")], "{}", out.stdout);
        let (out, lines) = app.json(&["get-url", "--user", "1"]);
        assert_eq!(lines[0]["source"], "user", "{}", out.stdout);
        assert!(!out.stderr.contains("written over"), "{}", out.stderr);
        assert_eq!(app.served_size("1"), (120, 160), "the app's picture");
    }
}

/// SIGTERM (what Kubernetes sends a Job's pod it stops) during an adoption: the users in
/// flight are adopted, no other is started, and the run exits 143; a second signal stops
/// at once, leaving every column the app's picture or pfp's with its objects stored.
#[test]
fn adopt_stopped_by_sigterm_finishes_the_users_in_flight_and_a_second_signal_stops_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    // Every picture PUT is held: the users in flight are there when the signal comes.
    let s = Stack::with_world(&db, held_world(1500));
    s.add_users(8);
    let ids: Vec<String> = (1..=8).map(|i| i.to_string()).collect();
    let app = App {
        world: &s.world,
        db: &db,
        ids,
        config: None,
        quote: false,
    };
    let host = s.world.host();
    for n in 1..=8 {
        put_raw(
            &s.world,
            &format!("{n}.jpeg"),
            &jpeg(&photo_like(120, 90, n as u64), 90),
        );
        app.set(n, Some(&format!("{host}/{}/{n}.jpeg", s.world.bucket)));
    }
    let adopt = |signals: usize| {
        let child = s
            .std_command()
            .args(["--json", "adopt", "--yes", "-j", "2"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let before = s.world.server.local().picture_puts_started();
        s.world.server.wait_for_picture_puts(before + 1);
        for _ in 0..signals {
            // SAFETY: kill(2) on our own child.
            assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(143), "{stdout}{stderr}");
        let lines = json_lines(&stdout);
        let summary = lines
            .iter()
            .find(|v| v["type"] == "adopt_summary")
            .unwrap_or_else(|| panic!("no summary: {stdout}{stderr}"))
            .clone();
        assert_eq!(summary["interrupted"], true, "{summary}");
        (summary, stderr)
    };
    let pfps = |app: &App<'_>| {
        app.columns()
            .iter()
            .filter(|c| c.as_deref().is_some_and(|c| c.contains("/users/")))
            .count() as u64
    };

    let (summary, _) = adopt(1);
    let adopted = summary["adopted"].as_u64().unwrap();
    assert!((1..=2).contains(&adopted), "the users in flight: {summary}");
    assert_eq!(summary["failed"], 0, "{summary}");
    assert_eq!(pfps(&app), adopted, "{:?}", app.columns());
    assert_eq!(run(app.pfp().arg("verify")).code, 0);

    let (summary, stderr) = adopt(2);
    assert!(
        stderr.contains("warning: stopped at once: ")
            && stderr.contains(" in flight left unfinished"),
        "{stderr}"
    );
    assert_eq!(summary["adopted"], 0, "{summary}");
    // Nothing more was adopted, and nothing the app had was lost.
    assert_eq!(pfps(&app), adopted, "{:?}", app.columns());
    for (n, column) in app.columns().iter().enumerate() {
        let column = column.as_deref().unwrap();
        assert!(
            column.contains("/users/") || column.ends_with(&format!("/{}.jpeg", n + 1)),
            "{column}"
        );
    }
    let out = run(app.pfp().arg("verify"));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

/// A key with a `..` segment names no object a request can reach: every HTTP client
/// resolves the segment before the request leaves, so `avatars/../users/…` would reach
/// pfp's picture of another user (or be refused as a bad signature, which read as wrong
/// credentials). Such a column is an external picture: shown as the app stored it,
/// skipped by adopt, and nothing is read or deleted, however it is spelled.
#[test]
fn keys_with_dot_segments_are_external_and_reach_no_object() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let app = App::numbered(&s, &db, 3);
    assert_eq!(
        s.upload("1", "1.jpg", &jpeg(&photo_like(64, 64, 1), 90), &[])
            .code,
        0
    );
    let pfps = s
        .keys()
        .into_iter()
        .find(|k| k.starts_with("users/"))
        .unwrap();
    let bare = format!("avatars/../{pfps}");
    let encoded = format!(
        "http://{}/{}/avatars%2F..%2F{}",
        s.world.host(),
        s.world.bucket,
        pfps.replace('/', "%2F")
    );
    app.set(2, Some(&bare));
    app.set(3, Some(&encoded));
    for n in [2, 3] {
        let (_, lines) = app.json(&["user", "show", app.id(n)]);
        assert_eq!(lines[0]["picture"]["source"], "external", "{}", lines[0]);
    }

    let keys = s.keys();
    let (out, lines) = app.json(&["adopt", "--yes", "--delete-originals"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let statuses: Vec<&str> = lines
        .iter()
        .filter(|l| l["type"] == "adopt")
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["skipped", "skipped"], "{}", out.stdout);
    assert!(
        lines
            .iter()
            .filter(|l| l["type"] == "adopt")
            .all(|l| l["message"]
                .as_str()
                .is_some_and(|m| m.contains("or a key with a '.' or '..' segment"))),
        "{}",
        out.stdout
    );
    assert_eq!(s.keys(), keys, "no object read into a new one or deleted");
    assert_eq!(
        (app.column(2), app.column(3)),
        (Some(bare.clone()), Some(encoded))
    );

    let (out, lines) = app.json(&["get-url", "--user", app.id(2)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        (
            lines[0]["source"].as_str(),
            lines[0]["presigned_url"].as_str()
        ),
        (Some("external"), Some(bare.as_str())),
        "{}",
        out.stdout
    );
    assert_eq!(run(app.pfp().arg("verify")).code, 0);
}

/// `adopt --delete-originals` with a key that may not delete (a policy granting
/// s3:GetObject, s3:PutObject and s3:ListBucket, common for an app's key): each user is
/// adopted, the column is pfp's and the original stays, named with the reason, and the
/// run exits with the refusal's code (6). A later adopt does not take those users again,
/// so the line says how to delete the original. (The adoption was reported `failed`, as
/// if the column were still the app's, and the summary counted no adoption.)
#[test]
fn an_original_the_key_may_not_delete_is_named_and_the_user_is_still_adopted() {
    let world = World::local_with(|o| ServerOptions {
        limited: Some(common::s3server::LimitedAccount {
            access_key: "no-delete-key".into(),
            secret_key: "no-delete-secret-0123456789".into(),
            allowed: vec![
                "GetObject",
                "HeadObject",
                "PutObject",
                "ListObjectsV2",
                "ListObjects",
                "HeadBucket",
                "ListBuckets",
            ],
        }),
        ..o
    });
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let s = Stack::with_world(&db, world);
    let app = App::numbered(&s, &db, 3);
    let (host, bucket) = (s.world.host(), &s.world.bucket);
    for user in 1..=3usize {
        put_raw(
            &s.world,
            &format!("{user}.jpeg"),
            &jpeg(&photo_like(120, 90, user as u64), 90),
        );
        if user < 3 {
            app.set(user, Some(&format!("{host}/{bucket}/{user}.jpeg")));
        }
    }
    let adopt = |json: bool| {
        let mut cmd = app.pfp();
        cmd.env("MINIO_ACCESS_KEY", "no-delete-key")
            .env("MINIO_SECRET_KEY", "no-delete-secret-0123456789");
        if json {
            cmd.arg("--json");
        }
        run(cmd.args(["adopt", "--yes", "--delete-originals", "-j", "1"]))
    };
    let out = adopt(true);
    assert_eq!(out.code, 6, "{}\n{}", out.stdout, out.stderr);
    let lines = json_lines(&out.stdout);
    for (line, user) in lines.iter().filter(|l| l["type"] == "adopt").zip(1..) {
        assert_eq!(adopted(line), ("adopted", false), "{}", out.stdout);
        let key = line["key"].as_str().unwrap();
        assert!(key.starts_with("users/"), "pfp's key: {line}");
        assert!(app.column(user).unwrap().ends_with(key), "{line}");
        let message = line["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("the original '{user}.jpeg' was not deleted"))
                && message.contains("access denied; the keys' policy does not allow it")
                && message.contains(&format!("mc rm ALIAS/{bucket}/{user}.jpeg")),
            "{message}"
        );
    }
    let summary = lines.last().unwrap();
    assert_eq!(
        (
            summary["adopted"].as_u64(),
            summary["failed"].as_u64(),
            summary["originals_deleted"].as_u64(),
            summary["originals_not_deleted"].as_u64()
        ),
        (Some(2), Some(0), Some(0), Some(2)),
        "{summary}"
    );
    // On a terminal's streams: the adopted user's line is shown (without -v, only the
    // lines that need the operator are), and the summary counts the original.
    app.set(3, Some(&format!("{host}/{bucket}/3.jpeg")));
    let out = adopt(false);
    assert_eq!(out.code, 6, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("adopted           user 3: ")
            && out.stderr.contains("the original '3.jpeg' was not deleted"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("1 adopted,")
            && out
                .stdout
                .contains("0 original(s) deleted, 1 not deleted (see above)"),
        "{}",
        out.stdout
    );
    let keys = app.keys();
    for user in 1..=3 {
        assert!(keys.contains(&format!("{user}.jpeg")), "{keys:?}");
    }
    let out = run(app.pfp().arg("verify"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    // Run again, nothing is taken again.
    let (out, lines) = app.json(&["adopt", "--yes", "--delete-originals"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(lines.last().unwrap()["users"], 0, "{}", out.stdout);
}

/// An app's rule that skips a write of the picture column without an error (a BEFORE
/// UPDATE trigger that returns NULL for a frozen account): the upload was reported done,
/// the ledger recorded the picture, and the column, what the app shows, kept its old
/// value. Now the upload fails, exit 4, saying a rule of the database kept the row from
/// being written, and leaves nothing behind; so does a remove; another user's upload
/// goes through.
#[test]
fn an_apps_trigger_that_silently_skips_the_columns_write_fails_the_change() {
    let table = AppTable::new(2, "VARCHAR(255)");
    let (app, dir, db) = (table.app(), &table.dir, &table.db);
    let photo = |seed: u64| {
        let path = dir.path().join(format!("photo{seed}.jpg"));
        std::fs::write(&path, jpeg(&photo_like(400, 300, seed), 90)).unwrap();
        path
    };
    let out = run(app
        .pfp()
        .args(["upload", "--user", "u0@example.com"])
        .arg(photo(1)));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (column, keys) = (app.column(1), app.keys());
    db.exec(&format!(
        "CREATE FUNCTION frozen_accounts() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN IF OLD.id = {} THEN RETURN NULL; END IF; RETURN NEW; END $$;
         CREATE TRIGGER frozen_accounts BEFORE UPDATE ON users
           FOR EACH ROW EXECUTE FUNCTION frozen_accounts();",
        app.sql_id(1)
    ));
    let doctor = run(app.pfp().arg("doctor"));
    assert!(
        doctor.stdout.contains("; a trigger or rule of the table may skip a write: each change is counted before its commit"),
        "{}",
        doctor.stdout
    );
    let out = run(app
        .pfp()
        .args(["upload", "--user", "u0@example.com"])
        .arg(photo(2)));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("a rule of the database (a trigger that skips the change, or a row security policy) kept the row from being written; nothing was changed"),
        "{}",
        out.stderr
    );
    let out = run(app
        .pfp()
        .args(["remove", "--user", "u0@example.com", "--yes"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert_eq!(app.column(1), column);
    assert_eq!(app.keys(), keys, "nothing stored, nothing deleted");
    assert_eq!(
        db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_pictures WHERE is_current"),
        vec![Some("1".into())]
    );
    let out = run(app.pfp().args(["verify"]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let out = run(app
        .pfp()
        .args(["upload", "--user", "u1@example.com"])
        .arg(photo(2)));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(app.column(2).is_some());
}

/// Row security on the app's table (Supabase turns it on for every table) with a role
/// whose policies show it only some users: the others are "not found" to pfp, which
/// said no more; now the error says row security applies to the role and what to give
/// it. A user the policies show is served as before.
#[test]
fn row_security_that_hides_a_user_from_pfps_role_is_named_when_it_is_not_found() {
    let table = AppTable::new(2, "VARCHAR(255)");
    let (app, dir, db) = (table.app(), &table.dir, &table.db);
    let TestDb::Postgres { url, schema } = db else {
        unreachable!()
    };
    let role = format!("{schema}_rls");
    common::db::pg_exec(
        url,
        &format!(
            "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN;
             GRANT USAGE ON SCHEMA {schema} TO {role};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role};
             GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role};
             ALTER TABLE users ENABLE ROW LEVEL SECURITY;
             CREATE POLICY only_u1 ON users USING (email = 'u1@example.com');"
        ),
    );
    let weak = url.replacen("postgres://root@", &format!("postgres://{role}@"), 1);
    assert_ne!(&weak, url, "the test's URL names root");
    let config = dir.path().join("weak.toml");
    common::db::write_mapping_config(&config, &weak, schema);
    let photo = dir.path().join("photo.jpg");
    std::fs::write(&photo, jpeg(&photo_like(400, 300, 1), 90)).unwrap();
    let upload = |user: &str| {
        run(app
            .world
            .pfp()
            .arg("--config")
            .arg(&config)
            .args(["upload", "--user", user])
            .arg(&photo))
    };
    let hidden = upload("u0@example.com");
    let shown = upload("u1@example.com");
    let doctor = run(app.world.pfp().arg("--config").arg(&config).arg("doctor"));
    common::db::pg_exec(
        url,
        &format!("DROP POLICY only_u1 ON users; DROP OWNED BY {role}; DROP ROLE {role}"),
    );
    assert_eq!(hidden.code, 3, "{}", hidden.stderr);
    assert!(
        hidden.stderr.contains("user 'u0@example.com' not found")
            && hidden.stderr.contains(&format!(
                "row security is on for table \"{schema}\".\"users\" and applies to this role: a user its policies hide from the role is 'not found' to pfp"
            )),
        "{}",
        hidden.stderr
    );
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(app.column(2).is_some());
    assert!(
        doctor
            .stdout
            .contains("; row security applies to this role: a user its policies hide is not found"),
        "{}\n{}",
        doctor.stdout,
        doctor.stderr
    );
}

/// The app's users are a view over its own table, written through by an INSTEAD OF
/// trigger that skips a frozen account: the view is mapped as a table is, a write the
/// trigger skips fails the upload (exit 4, nothing left behind), and another user's
/// goes through the trigger to the table.
#[test]
fn users_that_are_a_view_with_an_instead_of_trigger_are_written_through_it_or_refused() {
    let table = AppTable::new(2, "VARCHAR(255)");
    let (app, dir, db) = (table.app(), &table.dir, &table.db);
    db.exec(&format!(
        "ALTER TABLE users RENAME TO accounts;
         CREATE VIEW users AS SELECT * FROM accounts;
         CREATE FUNCTION write_accounts() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN
                IF OLD.id = {} THEN RETURN NULL; END IF;
                UPDATE accounts SET profile_picture_url = NEW.profile_picture_url WHERE id = OLD.id;
                RETURN NEW;
              END $$;
         CREATE TRIGGER write_accounts INSTEAD OF UPDATE ON users
           FOR EACH ROW EXECUTE FUNCTION write_accounts();",
        app.sql_id(1)
    ));
    let photo = dir.path().join("photo.jpg");
    std::fs::write(&photo, jpeg(&photo_like(400, 300, 1), 90)).unwrap();
    let frozen = run(app
        .pfp()
        .args(["upload", "--user", "u0@example.com"])
        .arg(&photo));
    assert_eq!(frozen.code, 4, "{}", frozen.stderr);
    assert!(
        frozen
            .stderr
            .contains("kept the row from being written; nothing was changed"),
        "{}",
        frozen.stderr
    );
    assert_eq!(app.column(1), None);
    assert_eq!(
        app.keys(),
        Vec::<String>::new(),
        "the uploaded objects were removed"
    );
    let out = run(app
        .pfp()
        .args(["upload", "--user", "u1@example.com", "--json"])
        .arg(&photo));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let url = json_lines(&out.stdout)[0]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        db.query(&format!(
            "SELECT profile_picture_url FROM accounts WHERE id = {}",
            app.sql_id(2)
        )),
        vec![Some(url)]
    );
    let out = run(app.pfp().arg("verify"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
}
