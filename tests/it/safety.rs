//! A slip of the operator loses nothing: the store knows its database (a wrong bucket,
//! server or database is refused with exit 7 before any change), repairs have a blast
//! radius, and the answers are exact (sizes, duplicate rows, export rows, emails).

use crate::common;
use crate::common::fixtures::*;
use common::*;

fn photo(seed: u64) -> Vec<u8> {
    jpeg(&photo_like(160, 120, seed), 88)
}

/// The store id the bucket carries (`.pfp/store/<id>`).
fn store_id(s: &Stack) -> String {
    let markers = s.markers();
    let ids: Vec<&str> = markers
        .iter()
        .filter_map(|k| k.strip_prefix(".pfp/store/"))
        .collect();
    assert_eq!(ids.len(), 1, "one store id: {markers:?}");
    ids[0].to_owned()
}

both_backends! {
    fn a_wrong_bucket_or_server_refuses_every_change_and_loses_nothing(db, _dir) {
        let s = Stack::new(db);
        // user3 has no picture: deleting it looks in the bucket all the same.
        s.add_users(3);
        for (user, seed) in [("njit", 1), ("other", 2)] {
            let out = s.upload(user, &format!("{user}.jpg"), &photo(seed), &[]);
            assert_eq!(out.code, 0, "{}", out.stderr);
        }
        let real = store_id(&s);
        let rows = s.rows();
        let objects = s.objects();
        assert_eq!(objects.len(), 2);

        // The typo of the issue: a new, empty bucket on the same server.
        let typo = format!("{}-typo", s.world.bucket);
        let out = run(s.pfp().args(["--bucket", &typo, "bucket", "init"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        for args in [
            vec!["verify", "--fix", "--yes", "--grace", "0s"],
            vec!["remove", "--user", "njit", "--yes"],
            vec!["remove", "--user", "njit", "--yes", "--purge"],
            vec!["user", "delete", "user3", "--yes"],
            vec!["verify", "--fix", "--yes", "--max-changes", "1000"],
        ] {
            let out = run(s.pfp().args(["--bucket", &typo]).args(&args));
            assert_eq!(out.code, 7, "{args:?}: {}\n{}", out.stdout, out.stderr);
            assert!(out.stderr.contains(&real), "names the database's store: {}", out.stderr);
            assert!(out.stderr.contains(&typo), "names the bucket: {}", out.stderr);
            assert!(out.stderr.contains("refusing to change anything"), "{}", out.stderr);
        }
        let out = s.upload("njit", "new.jpg", &photo(3), &["--bucket", &typo]);
        assert_eq!(out.code, 7, "{}", out.stderr);
        // Reading is allowed, with a warning.
        let out = run(s.pfp().args(["--bucket", &typo, "verify"]));
        assert!(out.stderr.contains("may not be this database's pictures"), "{}", out.stderr);
        assert_eq!(s.rows(), rows, "no column cleared, no entry dropped");
        assert_eq!(s.objects(), objects, "no object deleted");

        // The same bucket name on a second server (staging instead of production).
        // (Always a server of its own: on a shared RGW, World::new would be the same one.)
        let staging = World::local();
        let on_staging = |cmd: &mut assert_cmd::Command| {
            cmd.env("MINIO_ENDPOINT", staging.server.endpoint());
        };
        let mut init = s.pfp();
        on_staging(&mut init);
        assert_eq!(run(init.args(["bucket", "init"])).code, 0);
        for args in [
            vec!["verify", "--fix", "--yes", "--grace", "0s"],
            vec!["remove", "--user", "other", "--yes"],
        ] {
            let mut cmd = s.pfp();
            on_staging(&mut cmd);
            let out = run(cmd.args(&args));
            assert_eq!(out.code, 7, "{args:?}: {}\n{}", out.stdout, out.stderr);
            assert!(out.stderr.contains(&real), "{}", out.stderr);
        }
        assert_eq!(s.rows(), rows);
        assert_eq!(s.objects(), objects);

        // The real store still verifies clean.
        let out = run(s.pfp().args(["verify", "--fix", "--yes"]));
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        assert!(out.stdout.contains(": clean"), "{}", out.stdout);
        assert_eq!(s.objects(), objects);
    }
}

both_backends! {
    fn a_deployment_without_a_store_id_adopts_one_only_where_its_pictures_are(db, _dir) {
        let s = Stack::new(db);
        let out = s.upload("njit", "njit.jpg", &photo(1), &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        // As an older pfp left it: no markers in the bucket, nothing in the database.
        for key in s.markers() {
            s.world.s3().delete(&key);
        }
        db.exec("DELETE FROM pfp_settings WHERE key IN ('store_id', 'store_label', 'database_id')");
        let rows = s.rows();

        let typo = format!("{}-typo", s.world.bucket);
        assert_eq!(run(s.pfp().args(["--bucket", &typo, "bucket", "init"])).code, 0);
        let out = run(s.pfp().args(["--bucket", &typo, "verify", "--fix", "--yes"]));
        assert_eq!(out.code, 7, "{}", out.stderr);
        assert!(out.stderr.contains("none of the 1 checked"), "{}", out.stderr);
        assert_eq!(s.rows(), rows);

        // The real bucket holds the recorded picture: it is adopted, and marked.
        let out = run(s.pfp().args(["verify", "--fix", "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let id = store_id(&s);
        assert_eq!(
            db.query("SELECT value FROM pfp_settings WHERE key = 'store_id'"),
            vec![Some(id.clone())]
        );

        // A deliberate move to another bucket: `bucket claim` says what it finds, and
        // afterwards changes go ahead there.
        let out = run(s.pfp().args(["--bucket", &typo, "bucket", "claim"]));
        assert_eq!(out.code, 2, "no terminal, no --yes: {}", out.stderr);
        let out = run(s.pfp().args(["--bucket", &typo, "bucket", "claim", "--yes", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let claimed = json_lines(&out.stdout).pop().unwrap();
        assert_eq!(claimed["type"], "claim");
        assert_eq!(claimed["previous"], id.as_str());
        assert_eq!(claimed["checked"], 1);
        assert_eq!(claimed["found"], 0);
        let out = run(s.pfp().args(["--bucket", &typo, "upload", "--user", "other"]).arg(s.file("o.jpg", &photo(5))));
        assert_eq!(out.code, 0, "{}", out.stderr);
        // ... and the first bucket is now the stranger.
        let out = run(s.pfp().args(["remove", "--user", "njit", "--yes"]));
        assert_eq!(out.code, 7, "{}", out.stderr);
    }
}

both_backends! {
    fn two_databases_sharing_a_bucket_never_delete_each_others_pictures(db, dir) {
        let s = Stack::new(db);
        assert_eq!(s.upload("njit", "a.jpg", &photo(1), &[]).code, 0);
        // A second database (SQLite beside the first) with a user of its own, same bucket.
        let second = format!("sqlite:{}", dir.join("second.db").display());
        let pfp2 = || {
            let mut cmd = s.pfp();
            cmd.env("DATABASE_URL", &second);
            cmd
        };
        let out = run(pfp2().args(["user", "add", "--email", "z@example.com", "--nickname", "zed"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        // It joins the first database's store only when told to: its first upload is
        // refused, and leaves nothing.
        let (markers, objects) = (s.markers(), s.objects());
        let out = run(pfp2().args(["upload", "--user", "zed"]).arg(s.file("z.jpg", &photo(9))));
        assert_eq!(out.code, 7, "{}", out.stderr);
        assert!(out.stderr.contains("used by 1 other database"), "{}", out.stderr);
        assert!(out.stderr.contains("'pfp bucket claim'"), "{}", out.stderr);
        assert_eq!((s.markers(), s.objects()), (markers, objects));
        let out = run(pfp2().args(["bucket", "claim", "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("it is shared with 1 other database."), "{}", out.stdout);
        let out = run(pfp2().args(["upload", "--user", "zed"]).arg(s.file("z.jpg", &photo(9))));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let objects = s.objects();
        assert_eq!(objects.len(), 2);
        // `doctor` names the store and the other database, on both sides.
        let own = |url: &str| {
            let mut cmd = s.pfp();
            cmd.env("DATABASE_URL", url);
            let out = run(cmd.args(["doctor", "--json"]));
            doctor_check(&out.stdout, "store")["detail"].as_str().unwrap().to_owned()
        };
        let (first, other) = (own(s.db.url()), own(&second));
        for detail in [&first, &other] {
            assert!(detail.contains(&store_id(&s)), "{detail}");
            assert!(detail.contains("it is shared with 1 other database"), "{detail}");
        }
        // Each sees the other's picture as an orphan, and leaves it.
        for pfp in [&pfp2 as &dyn Fn() -> assert_cmd::Command, &|| s.pfp()] {
            let out = run(pfp().args(["verify", "--fix", "--yes", "--grace", "0s"]));
            assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
            assert!(out.stderr.contains("this store is shared with 1 other database"), "{}", out.stderr);
        }
        assert_eq!(s.objects(), objects);

        // An erasure in a shared store leaves the objects in the user's folder that no
        // record here names (a copy of this database, its users the same, may record
        // them), and says so: it left them without a word.
        let url = s.picture_url(1).expect("njit's picture");
        let folder = url.rsplit('/').nth(1).expect("users/<uuid>/<file>");
        let theirs = format!("users/{folder}/{}.jpg", "e".repeat(64));
        s.world.s3().put(&theirs, &photo(11), "image/jpeg");
        let out = run(s.pfp().args(["remove", "--user", "njit", "--purge", "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let said = format!("1 object of pfp's naming in 'users/{folder}/' that no record here names stayed: other databases use this store too");
        assert!(out.stderr.contains(&said), "{}", out.stderr);
        assert!(s.keys().contains(&theirs), "{:?}", s.keys());
    }
}

both_backends! {
    fn verify_fix_refuses_more_changes_than_the_operator_could_have_meant(db, _dir) {
        let s = Stack::new(db);
        const USERS: u32 = 30;
        s.add_users(USERS);
        let folder = s.dir().join("pictures");
        std::fs::create_dir_all(&folder).unwrap();
        for id in 1..=USERS {
            std::fs::write(folder.join(format!("{id}.jpg")), photo(u64::from(id))).unwrap();
        }
        let out = run(s.pfp().arg("import").arg(&folder));
        assert_eq!(out.code, 0, "{}", out.stderr);

        // 60% of the objects deleted behind pfp's back (18 of 30).
        for key in s.keys().into_iter().take(18) {
            s.world.s3().delete(&key);
        }
        let rows = s.rows();
        let objects = s.objects();

        // The plan, and nothing changed.
        let out = run(s.pfp().args(["verify", "--fix", "--dry-run"]));
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(out.stderr.contains("Dry run: --fix would drop 18 ledger entries of missing objects; nothing was changed."), "{}", out.stderr);
        // 30 entries + 12 objects + 30 users checked: the limit is 10.
        let out = run(s.pfp().args(["verify", "--fix", "--yes", "--json"]));
        assert_eq!(out.code, 7, "{}\n{}", out.stdout, out.stderr);
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.iter().filter(|l| l["kind"] == "dangling").count(), 18, "the plan is printed");
        let error = lines.last().unwrap();
        assert_eq!(error["type"], "error");
        assert!(error["message"].as_str().unwrap().contains("more than the limit of 10"), "{error}");
        assert!(error["message"].as_str().unwrap().contains("--max-changes 18"), "{error}");
        let out = run(s.pfp().args(["verify", "--fix", "--yes", "--max-changes", "17"]));
        assert_eq!(out.code, 7, "{}", out.stderr);
        assert_eq!(s.rows(), rows, "refused runs change no row");
        assert_eq!(s.objects(), objects);

        // Named, it repairs.
        let out = run(s.pfp().args(["verify", "--fix", "--yes", "--max-changes", "18"]));
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        let out = run(s.pfp().arg("verify"));
        assert_eq!(out.code, 0, "{}", out.stdout);

        // Every recorded picture missing: never repaired by default, however few.
        for key in s.keys() {
            s.world.s3().delete(&key);
        }
        let rows = s.rows();
        let out = run(s.pfp().args(["verify", "--fix", "--yes"]));
        assert_eq!(out.code, 7, "{}", out.stderr);
        assert!(out.stderr.contains("every one of the 12 recorded pictures is missing"), "{}", out.stderr);
        assert_eq!(s.rows(), rows);
    }
}

#[test]
fn verify_says_how_many_young_orphans_it_left_and_when_they_become_eligible() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    assert_eq!(s.upload("njit", "a.jpg", &photo(1), &[]).code, 0);
    s.world
        .s3()
        .put(&stray_key("stray", 1), b"young", "image/jpeg");
    let out = run(s.pfp().args(["verify", "--fix", "--yes"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("1 orphan younger than --grace 1h left alone: all eligible for --fix in"),
        "{}",
        out.stdout
    );
    let out = run(s.pfp().args(["verify", "--fix", "--yes", "--json"]));
    let summary = json_lines(&out.stdout).pop().unwrap();
    assert_eq!(summary["young_orphans"], 1);
    let eligible = summary["eligible_in_seconds"].as_u64().unwrap();
    assert!((3500..=3600).contains(&eligible), "{summary}");

    // Ages are the server's: on a machine whose clock is 10 minutes fast, the orphan is
    // still seconds old, so `--grace 5m` keeps it (by this clock it would be 10 minutes
    // old and deleted under an upload that may still be running).
    let out = run(with_clock_off(&mut s.pfp(), "+10m")
        .args(["verify", "--fix", "--yes", "--grace", "5m", "--json"]));
    let summary = json_lines(&out.stdout).pop().unwrap();
    assert_eq!(
        summary["young_orphans"], 1,
        "{}\n{}",
        out.stdout, out.stderr
    );
    let eligible = summary["eligible_in_seconds"].as_u64().unwrap();
    assert!((200..=300).contains(&eligible), "{summary}");
    assert!(
        s.keys().contains(&stray_key("stray", 1)),
        "the young orphan is kept"
    );
}

#[test]
fn get_url_check_names_a_missing_bucket_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    assert_eq!(s.upload("njit", "a.jpg", &photo(1), &[]).code, 0);
    let out = run(s.pfp().args([
        "--bucket",
        "no-such-bucket-here",
        "get-url",
        "--user",
        "njit",
        "--check",
    ]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("bucket 'no-such-bucket-here' does not exist"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("pfp bucket init"), "{}", out.stderr);
}

/// The sizes a user's current ledger entry records.
fn recorded_sizes(db: &common::db::TestDb, user: u32) -> Vec<u32> {
    let json = db
        .query(&format!(
            "SELECT sizes FROM pfp_pictures WHERE kind = 'user' AND user_ref = '{user}' AND is_current = TRUE"
        ))
        .pop()
        .flatten()
        .unwrap();
    let sizes: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut sizes: Vec<u32> = sizes
        .iter()
        .map(|s| s["size"].as_u64().unwrap() as u32)
        .collect();
    sizes.sort_unstable();
    sizes
}

both_backends! {
    fn adding_or_dropping_a_size_is_an_update_and_every_recorded_size_is_served(db, _dir) {
        let s = Stack::new(db);
        let out = s.upload("njit", "a.jpg", &photo(1), &["--sizes", "512,128", "--json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = s.upload("njit", "a.jpg", &photo(1), &["--sizes", "512,256", "--json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(json_lines(&out.stdout)[0]["status"], "updated");
        assert!(!out.stderr.contains("unchanged"), "{}", out.stderr);
        assert_eq!(recorded_sizes(db, 1), vec![256, 512]);
        let out = run(s.pfp().args(["get-url", "--user", "njit", "--size", "256", "--check"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = run(s.pfp().args(["get-url", "--user", "njit", "--size", "128"]));
        assert_eq!(out.code, 3, "the dropped size is gone: {}", out.stderr);
        assert!(!s.keys().iter().any(|k| k.contains("_128.")), "{:?}", s.keys());
        let out = run(s.pfp().arg("verify"));
        assert_eq!(out.code, 0, "{}", out.stdout);
        // The same again: unchanged.
        let out = s.upload("njit", "a.jpg", &photo(1), &["--sizes", "512,256", "--json"]);
        assert_eq!(json_lines(&out.stdout)[0]["status"], "unchanged");

        // import: a size added to everyone.
        s.add_users(4);
        let mut manifest = String::from("user,path\n");
        for id in 1..=4u32 {
            let path = s.file(&format!("m{id}.jpg"), &photo(10 + u64::from(id)));
            manifest.push_str(&format!("{id},{}\n", path.display()));
        }
        let manifest = s.file("m.csv", manifest.as_bytes());
        let out = run(s.pfp().args(["import", "--sizes", "512,64", "--manifest"]).arg(&manifest));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = run(s.pfp().args(["import", "--json", "--sizes", "512,64,32", "--manifest"]).arg(&manifest));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(import_statuses(&out.stdout), ["updated"; 4], "{}", out.stdout);

        // Two imports at once with different sizes, again and again: the last commit
        // wins for each user, every recorded size is served, no orphan is left.
        for round in 0..3 {
            let (a, b) = if round % 2 == 0 { ("512,128", "512,96") } else { ("512,96", "512,128") };
            let spawn = |sizes: &str| {
                let mut cmd = s.pfp();
                cmd.args(["import", "--sizes", sizes, "--manifest"]).arg(&manifest);
                std::thread::spawn(move || run(&mut cmd))
            };
            let (first, second) = (spawn(a), spawn(b));
            for out in [first.join().unwrap(), second.join().unwrap()] {
                assert_eq!(out.code, 0, "{}", out.stderr);
            }
            for id in 1..=4u32 {
                for size in recorded_sizes(db, id) {
                    let out = run(s.pfp().args(["get-url", "--user", &id.to_string(), "--size", &size.to_string(), "--check"]));
                    assert_eq!(out.code, 0, "round {round}, user {id}, size {size}: {}", out.stderr);
                }
            }
            let out = run(s.pfp().arg("verify"));
            assert_eq!(out.code, 0, "round {round}: {}", out.stdout);
        }
    }
}

both_backends! {
    fn one_user_under_two_selectors_in_a_manifest_is_imported_once(db, _dir) {
        let s = Stack::new(db);
        s.add_users(3);
        let a = s.file("a.jpg", &photo(1));
        let b = s.file("b.jpg", &photo(2));
        let manifest = s.file(
            "m.csv",
            format!("user3@example.com,{}\n3,{}\n", a.display(), b.display()).as_bytes(),
        );
        let mut first_key = None;
        for _ in 0..2 {
            let out = run(s.pfp().args(["import", "--json", "--manifest"]).arg(&manifest));
            assert_eq!(out.code, 4, "{}", out.stderr);
            let reports: Vec<serde_json::Value> = json_lines(&out.stdout)
                .into_iter()
                .filter(|l| l["type"] == "import")
                .collect();
            let refused = reports.iter().find(|r| r["status"] == "rejected").unwrap();
            let message = refused["message"].as_str().unwrap();
            let row = message.split(": ").next().unwrap();
            assert!(row.ends_with("m.csv:2"), "starts with MANIFEST:LINE: {message}");
            assert!(message.contains("m.csv:1"), "names the first row: {message}");
            let kept = reports.iter().find(|r| r["status"] != "rejected").unwrap();
            let key = kept["key"].as_str().unwrap().to_owned();
            // Re-runs keep the first row's picture: no flip.
            assert_eq!(first_key.get_or_insert(key.clone()), &key);
            assert!(s.picture_url(3).unwrap().ends_with(&key));
        }

        // A header with other names pfp knows; one it does not know is refused as such.
        let manifest = s.file("named.csv", format!("email,photo\nother@example.edu,{}\n", b.display()).as_bytes());
        let out = run(s.pfp().args(["import", "--manifest"]).arg(&manifest));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let manifest = s.file("odd.csv", format!("who,where\nnjit,{}\n", b.display()).as_bytes());
        let out = run(s.pfp().args(["import", "--json", "--manifest"]).arg(&manifest));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(out.stdout.contains("odd.csv:1"), "{}", out.stdout);
        assert!(out.stdout.contains("expected user,path"), "{}", out.stdout);
    }
}

both_backends! {
    fn export_urls_names_the_size_served_and_goes_on_past_unknown_users(db, _dir) {
        let s = Stack::new(db);
        assert_eq!(s.upload("njit", "a.jpg", &photo(1), &["--sizes", "512,128"]).code, 0);
        assert_eq!(s.upload("other", "b.jpg", &photo(2), &[]).code, 0);
        let out = run(s.pfp().args(["export-urls", "--size", "128", "--format", "ndjson"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let rows = json_lines(&out.stdout);
        assert_eq!(rows[0]["size"], 128);
        assert!(rows[0]["key"].as_str().unwrap().contains("_128."));
        assert_eq!(rows[1]["size"], 512, "no 128 px rendition: the size served is said");
        assert!(out.stderr.contains("1 user without a 128 px rendition"), "{}", out.stderr);
        let csv = run(s.pfp().args(["export-urls", "--size", "128"]));
        assert!(csv.stdout.starts_with("user,source,size,key,url,expires_at\n"), "{}", csv.stdout);

        let users = s.file("users.txt", b"njit\nnobody\n007\nother\n");
        let out = run(s.pfp().args(["export-urls", "--format", "ndjson", "--users"]).arg(&users));
        assert_eq!(out.code, 4, "the worst problem: an invalid line: {}", out.stderr);
        let rows = json_lines(&out.stdout);
        let sources: Vec<&str> = rows.iter().map(|r| r["source"].as_str().unwrap()).collect();
        assert_eq!(sources, ["user", "not_found", "invalid", "user"], "{}", out.stdout);
        assert!(out.stderr.contains("users.txt:2: user 'nobody' not found"), "{}", out.stderr);
        let users = s.file("users2.txt", b"njit\nnobody\nother\n");
        let out = run(s.pfp().args(["export-urls", "--users"]).arg(&users));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert_eq!(out.stdout.lines().count(), 4, "a header and three rows: {}", out.stdout);
    }
}

both_backends! {
    fn emails_are_case_insensitive_for_lookups_and_uniqueness(db, _dir) {
        let s = Stack::new(db);
        let out = run(s.pfp().args(["user", "show", "NJIT@Example.EDU", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(json_lines(&out.stdout)[0]["id"], "1");
        let out = s.upload("Other@EXAMPLE.edu", "a.jpg", &photo(1), &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(s.picture_url(2).is_some());
        let out = run(s.pfp().args(["user", "add", "--email", "NJIT@example.edu", "--nickname", "twin"]));
        assert_eq!(out.code, 4, "a case-only duplicate: {}", out.stderr);
        assert!(out.stderr.contains("already exists"), "{}", out.stderr);
    }
}

both_backends! {
    fn a_wrong_database_joins_no_store_and_leaves_no_trace(db, dir) {
        let s = Stack::new(db);
        for (user, seed) in [("njit", 1), ("other", 2)] {
            assert_eq!(s.upload(user, &format!("{user}.jpg"), &photo(seed), &[]).code, 0);
        }
        let (markers, objects, rows) = (s.markers(), s.objects(), s.rows());
        let repairs = [
            vec!["verify", "--fix", "--yes", "--grace", "0s"],
            vec!["verify", "--fix", "--yes", "--grace", "0s", "--max-changes", "1000"],
            vec!["remove", "--user", "njit", "--yes"],
        ];
        // A mistyped SQLite path: nothing opens it, nothing creates it (exit 3).
        let typo = dir.join("users.bd");
        let mistyped = || {
            let mut cmd = s.pfp();
            cmd.env("DATABASE_URL", format!("sqlite:{}", typo.display()));
            cmd
        };
        for args in repairs.iter().cloned().chain([
            vec!["verify"],
            vec!["user", "list"],
            vec!["get-url", "--user", "njit"],
            vec!["export-urls"],
        ]) {
            let out = run(mistyped().args(&args));
            assert_eq!(out.code, 3, "{args:?}: {}", out.stderr);
            assert!(out.stderr.contains(&format!("no SQLite database at '{}'", typo.display())), "{}", out.stderr);
            assert!(!typo.exists(), "{args:?} created {}", typo.display());
        }
        let out = run(mistyped().args(["doctor", "--json"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert_eq!(doctor_check(&out.stdout, "database")["ok"], false);
        assert!(!typo.exists());
        // A command that adds makes it, and says so (once), so that the slip shows.
        let add = |nickname: &str| {
            run(mistyped().args(["user", "add", "--email", &format!("{nickname}@example.com"), "--nickname", nickname]))
        };
        let out = add("typo1");
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains(&format!("Created a new SQLite database at '{}'.", typo.display())), "{}", out.stderr);
        let out = add("typo2");
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stderr.contains("Created"), "{}", out.stderr);

        // A database that exists but has never stored a picture (another app's, a new
        // one): its repairs and changes are refused before they change anything, and it
        // leaves no marker that would make the store look shared.
        let fresh = common::db::TestDb::fresh_like(db, dir);
        let stranger = || {
            let mut cmd = s.pfp();
            cmd.env("DATABASE_URL", fresh.url());
            cmd
        };
        let out = run(stranger().args(["user", "add", "--email", "njit@example.edu", "--nickname", "njit"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let made = if db.is_postgres() { "Created pfp's tables in PostgreSQL database " } else { "Created a new SQLite database at " };
        assert!(out.stderr.contains(made), "{}", out.stderr);
        // (Its `remove` of a user without a picture changes nothing, and is not refused.)
        for args in &repairs[..2] {
            let out = run(stranger().args(args));
            assert_eq!(out.code, 7, "{args:?}: {}\n{}", out.stdout, out.stderr);
            assert!(out.stderr.contains("refusing to join it without 'pfp bucket claim'"), "{}", out.stderr);
        }
        let out = run(stranger().args(["upload", "--user", "njit"]).arg(s.file("n.jpg", &photo(3))));
        assert_eq!(out.code, 7, "{}", out.stderr);
        // Reading goes on, with a warning.
        let out = run(stranger().args(["verify"]));
        assert!(out.stderr.contains("used by 1 other database"), "{}", out.stderr);
        assert!(out.stderr.contains("may not be this database's pictures"), "{}", out.stderr);
        let out = run(stranger().args(["doctor", "--json"]));
        assert_eq!(out.code, 7, "{}", out.stderr);
        let store = doctor_check(&out.stdout, "store");
        assert_eq!(store["ok"], false, "{store}");
        assert_eq!((s.markers(), s.objects(), s.rows()), (markers, objects.clone(), rows));

        // The real database's repairs still delete orphans: the store is not shared.
        s.world.s3().put(&stray_key("stray", 2), &photo(4), "image/jpeg");
        let out = run(s.pfp().args(["verify", "--fix", "--yes", "--grace", "0s"]));
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        assert!(!out.stderr.contains("shared"), "{}", out.stderr);
        assert_eq!(s.objects(), objects);
    }
}

both_backends! {
    fn verify_fix_refuses_to_repair_a_copy_of_the_store_that_lags_behind(db, _dir) {
        let s = Stack::new(db);
        s.add_users(8);
        for id in 1..=8u32 {
            let out = s.upload(&id.to_string(), &format!("{id}.jpg"), &photo(u64::from(id)), &[]);
            assert_eq!(out.code, 0, "{}", out.stderr);
        }
        // The objects of users' pictures, as a mirror that has not caught up lacks them.
        let drop_pictures_of = |ids: &[u32]| {
            for &id in ids {
                let url = s.picture_url(id).expect("a picture");
                let folder = url.split('/').rev().nth(1).expect("users/<uuid>/<file>");
                for key in s.keys() {
                    if key.contains(&format!("users/{folder}/")) {
                        s.world.s3().delete(&key);
                    }
                }
            }
        };
        // The two most recent uploads missing, every older one there: refused, exit 7,
        // nothing changed.
        drop_pictures_of(&[7, 8]);
        let (rows, objects) = (s.rows(), s.objects());
        let out = run(s.pfp().arg("verify"));
        assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("lags behind (a mirror, a replica): check the endpoint"), "{}", out.stderr);
        let out = run(s.pfp().args(["verify", "--fix", "--yes"]));
        assert_eq!(out.code, 7, "{}\n{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("the 2 recorded pictures missing from the bucket are the most recent ones"), "{}", out.stderr);
        assert!(out.stderr.contains("lags behind"), "{}", out.stderr);
        assert!(out.stderr.contains("--max-changes"), "{}", out.stderr);
        assert_eq!((s.rows(), s.objects()), (rows, objects));
        // Said on purpose, the repair goes ahead.
        let out = run(s.pfp().args(["verify", "--fix", "--yes", "--max-changes", "100"]));
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        assert_eq!((s.picture_url(7), s.picture_url(8)), (None, None));
        // Older pictures missing while newer ones are there (deleted behind pfp's back):
        // repaired without ceremony, as before.
        drop_pictures_of(&[1, 2]);
        let out = run(s.pfp().args(["verify", "--fix", "--yes"]));
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        assert_eq!((s.picture_url(1), s.picture_url(2)), (None, None));
        assert!(s.picture_url(6).is_some());
    }
}

// The mirror image of the lagging store: the database restored from last night's
// backup (or a replica promoted behind its primary) against the live bucket. The
// pictures uploaded since are objects no entry records, orphans older than --grace the
// next day; within the blast radius `verify --fix` deleted them, and the pictures were
// lost for good. Two or more orphans all uploaded after the newest entry the ledger
// records now refuse the repair (exit 7, nothing changed); said on purpose, it goes
// ahead. Orphans older than the newest entry (a failed upload's leftovers) are
// repaired as before.
both_backends! {
    fn verify_fix_refuses_to_delete_what_was_uploaded_after_a_restored_databases_newest_picture(db, _dir) {
        let s = Stack::new(db);
        s.add_users(8);
        for id in 1..=6u32 {
            let out = s.upload(&id.to_string(), &format!("{id}.jpg"), &photo(u64::from(id)), &[]);
            assert_eq!(out.code, 0, "{}", out.stderr);
        }
        // The backup is taken here; users 7 and 8 upload their first pictures after it.
        // (Entries are dated to the second, and pfp allows for a clock 2 s off the
        // server's: the uploads after the backup come more than 3 s after it.)
        std::thread::sleep(std::time::Duration::from_millis(3500));
        let folders: Vec<String> = [7u32, 8]
            .iter()
            .map(|&id| {
                let out = s.upload(&id.to_string(), &format!("{id}.jpg"), &photo(u64::from(id)), &[]);
                assert_eq!(out.code, 0, "{}", out.stderr);
                let url = s.picture_url(id).expect("a picture");
                url.split('/').rev().nth(1).expect("users/<uuid>/<file>").to_owned()
            })
            .collect();
        // The database restored from that backup: the two entries and columns gone.
        for folder in &folders {
            db.exec(&format!("DELETE FROM pfp_pictures WHERE object_key LIKE 'users/{folder}/%'"));
        }
        db.exec("UPDATE users SET profile_picture_url = NULL WHERE nickname IN ('user7', 'user8')");
        let (rows, objects) = (s.rows(), s.objects());

        let out = run(s.pfp().args(["verify", "--grace", "0s"]));
        assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("after the newest picture this database records"), "{}", out.stderr);
        let out = run(s.pfp().args(["verify", "--fix", "--yes", "--grace", "0s"]));
        assert_eq!(out.code, 7, "{}\n{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("the 2 orphaned objects were all uploaded after the newest picture this database records"), "{}", out.stderr);
        assert!(out.stderr.contains("restored from a backup"), "{}", out.stderr);
        assert!(out.stderr.contains("--max-changes 2"), "{}", out.stderr);
        assert_eq!((s.rows(), s.objects()), (rows, objects), "nothing changed");

        // A newer upload (the database in use again) makes them an ordinary repair.
        let out = s.upload("1", "again.jpg", &photo(9), &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = run(s.pfp().args(["verify", "--fix", "--yes", "--grace", "0s"]));
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        let keys = s.keys();
        assert!(folders.iter().all(|f| !keys.iter().any(|k| k.contains(f.as_str()))), "{keys:?}");
    }
}

/// A stack (users up to `user3`) whose server holds every picture upload for 1.5 s.
fn held_stack(db: &common::db::TestDb) -> Stack<'_> {
    let world = World::local_with(|o| common::s3server::ServerOptions {
        put_delay: Some(std::time::Duration::from_millis(1500)),
        ..o
    });
    let s = Stack::with_world(db, world);
    s.add_users(3);
    s
}

/// Starts `upload --user user3 --sizes 64` of a new picture in a thread, and returns once
/// its first PUT is held: under the owner lock, with nothing committed yet.
fn upload_held(s: &Stack<'_>, name: &str, seed: u64) -> std::thread::JoinHandle<Out> {
    let file = s.file(name, &photo(seed));
    let mut up = s.pfp();
    up.args(["upload", "--user", "user3", "--sizes", "64"])
        .arg(&file);
    let before = s.world.server.local().picture_puts_started();
    let upload = std::thread::spawn(move || run(&mut up));
    s.world.server.wait_for_picture_puts(before + 1);
    upload
}

// An erasure of a user with no picture while an upload for them is between its first
// object and its commit: the erasure's listing sees that object unrecorded and counts it,
// then waits for the owner lock; once the upload commits, the object is its picture,
// and the erasure (looking again under the lock) deletes nothing of it.
both_backends! {
    fn an_erasure_racing_an_upload_leaves_the_upload_its_objects(db, _dir) {
        let s = held_stack(db);
        let before = s.world.server.local().picture_puts_started();
        let upload = upload_held(&s, "late.jpg", 35);
        // The second PUT held: the first object is in the bucket, recorded nowhere yet.
        s.world.server.wait_for_picture_puts(before + 2);
        let purge = run(s.pfp().args(["remove", "--user", "user3", "--purge", "--yes", "--json"]));
        let up = upload.join().unwrap();
        assert_eq!(up.code, 0, "{}", up.stderr);
        assert_eq!(purge.code, 0, "{}", purge.stderr);
        let line = &json_lines(&purge.stdout)[0];
        assert_eq!(line["deleted"], serde_json::json!([]), "{line}");
        assert!(s.picture_url(3).is_some());
        assert_eq!(s.keys().len(), 2, "the picture and its 64 px size: {:?}", s.keys());
        let out = run(s.pfp().arg("verify"));
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    }
}

// A run that waited for another run's owner lock said nothing for up to 120 s, then
// blamed "another pfp process". After a second of waiting it now says that it waits and
// who holds the lock (the PostgreSQL session, by its application name; the process that
// holds the SQLite lock file's byte), and a wait that times out (`--lock-timeout`; 0s:
// none at all) names the holder and what ends it, changing nothing.
both_backends! {
    fn a_run_waiting_for_another_runs_lock_says_who_holds_it(db, _dir) {
        let world = World::local_with(|o| common::s3server::ServerOptions {
            put_delay: Some(std::time::Duration::from_secs(3)),
            put_delay_prefix: Some("users/".into()),
            ..o
        });
        let s = Stack::with_world(db, world);
        s.add_users(3);
        let mut first = s.world.pfp_std(db.url());
        first
            .env("PGAPPNAME", "pfp-first")
            .args(["upload", "--user", "user3", "--sizes", "64", "--json"])
            .arg(s.file("first.jpg", &photo(51)))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let first = first.spawn().unwrap();
        let pid = first.id();
        s.world.server.wait_for_picture_puts(1);

        // One that waits a second (`--lock-timeout 1s`), one that does not wait at all
        // (`PFP_LOCK_TIMEOUT=0s`).
        let mut impatient = s.pfp();
        impatient
            .args(["--lock-timeout", "1s", "upload", "--user", "user3"])
            .arg(s.file("impatient.jpg", &photo(52)));
        let impatient = std::thread::spawn(move || run(&mut impatient));
        let at_once = run(s.pfp().env("PFP_LOCK_TIMEOUT", "0s").args(["upload", "--user", "user3"]).arg(s.file("at-once.jpg", &photo(54))));
        assert_eq!(at_once.code, 5, "{}", at_once.stderr);
        assert!(at_once.stderr.contains("is still held after 0 s, by "), "{}", at_once.stderr);
        assert!(!at_once.stderr.contains("Waiting for the lock"), "{}", at_once.stderr);
        let second = run(s.pfp().args(["upload", "--user", "user3"]).arg(s.file("second.jpg", &photo(53))));
        let impatient = impatient.join().unwrap();
        let first = first.wait_with_output().unwrap();
        assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));

        let holder = if db.is_postgres() {
            "by PostgreSQL session ".to_owned()
        } else {
            format!("by process {pid} (pfp)")
        };
        assert_eq!(second.code, 0, "{}", second.stderr);
        let waiting = second.stderr.lines().find(|l| l.starts_with("Waiting for the lock on 'users/"));
        let waiting = waiting.unwrap_or_else(|| panic!("the wait is said: {}", second.stderr));
        assert!(waiting.contains(&holder), "{waiting}");
        if db.is_postgres() {
            assert!(waiting.contains("(application 'pfp-first', role '") && waiting.contains(" for "), "{waiting}");
        }

        assert_eq!(impatient.code, 5, "{}", impatient.stderr);
        assert!(impatient.stderr.contains("is still held after 1 s, by "), "{}", impatient.stderr);
        assert!(impatient.stderr.contains(&holder), "{}", impatient.stderr);
        let ends = if db.is_postgres() { "SELECT pg_terminate_backend(".to_owned() } else { format!("ending process {pid} releases the lock") };
        assert!(impatient.stderr.contains(&ends), "{}", impatient.stderr);
        assert!(impatient.stderr.contains("a longer --lock-timeout waits for it"), "{}", impatient.stderr);
        assert!(!impatient.stderr.contains("another pfp process"), "{}", impatient.stderr);

        // The impatient run changed nothing: the first picture, kept, and the second's.
        let keys = s.keys();
        assert_eq!(keys.len(), 3, "the first picture and its 64 px size, the second: {keys:?}");
        let first = json_lines(&String::from_utf8_lossy(&first.stdout))[0]["key"].as_str().unwrap().to_owned();
        let current = s.picture_url(3).unwrap();
        assert!(!current.ends_with(&first) && keys.iter().any(|k| current.ends_with(k.as_str())), "the second's: {current} {keys:?}");
        let out = run(s.pfp().arg("verify"));
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    }
}

// A line printed while progress bars are drawn on a terminal (the wait for another run's
// lock, which another task prints during an import or an upload; a `-v` log line) is a
// line of its own above the bars. Written where the terminal's cursor was, it began at
// the end of the last bar's text, and the bars drawn again over it tore it.
#[test]
fn a_lock_wait_on_a_terminal_is_a_line_of_its_own_above_the_bars() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = held_stack(&db);
    let many = s.dir().join("many");
    std::fs::create_dir(&many).unwrap();
    std::fs::write(many.join("user3.jpg"), photo(61)).unwrap();
    std::fs::write(s.dir().join("one.jpg"), photo(62)).unwrap();
    for (i, args) in ["-v import many -j 1", "-v upload --user user3 one.jpg"]
        .into_iter()
        .enumerate()
    {
        let held = upload_held(&s, &format!("held{i}.jpg"), 70 + i as u64);
        let out = common::on_a_terminal(&s.std_command(), args)
            .current_dir(s.dir())
            .env("TERM", "xterm-256color")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("script runs");
        assert_eq!(held.join().unwrap().code, 0);
        let shown = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args}: {shown:?}");
        // On the screen, the line is whole, on a line of its own, the bars below it.
        let screen = common::rendered(&shown);
        let waiting = screen
            .iter()
            .find(|l| l.contains("Waiting for the lock on 'users/"));
        let waiting =
            waiting.unwrap_or_else(|| panic!("{args}: the wait is shown: {screen:#?}\n{shown:?}"));
        assert!(
            waiting.starts_with("Waiting for the lock on 'users/")
                && waiting.ends_with("(waiting up to 120 s)."),
            "{args}: the line is torn: {waiting:?}\n{screen:#?}"
        );
        // Each log line begins with its time, the year first.
        let logged: Vec<&String> = screen.iter().filter(|l| l.contains(" INFO ")).collect();
        assert!(!logged.is_empty(), "{args}: -v logs: {screen:#?}");
        for line in logged {
            assert!(
                line.starts_with("20"),
                "{args}: a log line is torn: {line:?}\n{screen:#?}"
            );
        }
    }
}

// `user delete` asked about a user with no picture while an upload for them held the
// owner lock: once the upload commits, the delete (waiting for the lock) reads the user's
// pictures again and retires the new one with the row. It used to delete the row alone,
// leaving the new picture's ledger entry and objects for no user.
both_backends! {
    fn a_user_deleted_while_an_upload_for_them_runs_takes_the_new_picture_along(db, _dir) {
        let s = held_stack(db);
        let upload = upload_held(&s, "late.jpg", 31);
        let out = run(s.pfp().args(["user", "delete", "user3", "--yes", "--json"]));
        let up = upload.join().unwrap();
        assert_eq!(up.code, 0, "{}", up.stderr);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let deleted = &json_lines(&out.stdout)[0];
        assert_eq!(deleted["deleted"].as_array().unwrap().len(), 2, "the picture and its 64 px size: {deleted}");
        assert!(s.keys().is_empty(), "{:?}", s.keys());
        assert_eq!(
            db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_pictures"),
            vec![Some("0".to_owned())]
        );
        assert_eq!(db.query("SELECT email FROM users WHERE nickname = 'user3'"), Vec::<Option<String>>::new());
        let out = run(s.pfp().arg("verify"));
        assert_eq!(out.code, 0, "{}", out.stdout);
    }
}

// `verify --fix` deletes the pictures replaced more than 7 days ago, each under its owner
// lock. An upload for the same user that commits while verify waits for that lock has
// already deleted the expired picture itself and kept the one it replaced: verify,
// reading the entry again under the lock, deletes nothing of what is left, and says
// nothing went wrong.
both_backends! {
    fn an_upload_that_commits_while_verify_waits_leaves_verify_nothing_to_delete(db, _dir) {
        let s = held_stack(db);
        let key = |out: &Out| json_lines(&out.stdout)[0]["key"].as_str().unwrap().to_owned();
        let old = s.upload("user3", "old.jpg", &photo(71), &["--json", "--sizes", "64"]);
        let current = s.upload("user3", "current.jpg", &photo(72), &["--json", "--sizes", "64"]);
        assert_eq!((old.code, current.code), (0, 0), "{}{}", old.stderr, current.stderr);
        let (old, current) = (key(&old), key(&current));
        db.exec("UPDATE pfp_pictures SET retired_at = '2000-01-01T00:00:00Z' WHERE is_current = FALSE");
        let upload = upload_held(&s, "new.jpg", 73);
        let verify = run(s.pfp().args(["verify", "--fix", "--yes", "--json"]));
        let up = upload.join().unwrap();
        assert_eq!(up.code, 0, "{}", up.stderr);
        assert!(up.stderr.contains(&format!("Deleted '{old}'")), "the upload pruned it: {}", up.stderr);
        assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
        assert!(!verify.stderr.contains("could not"), "{}", verify.stderr);
        let summary = json_lines(&verify.stdout).pop().unwrap();
        assert_eq!((summary["expired"].as_u64(), summary["pruned"].as_u64()), (Some(1), Some(0)), "{summary}");
        let keys = s.keys();
        assert!(!keys.iter().any(|k| k.starts_with(old.trim_end_matches(".jpg"))), "{keys:?}");
        assert!(keys.contains(&current) && keys.contains(&current.replace(".jpg", "_64.jpg")), "the picture the upload replaced is kept: {keys:?}");
        assert_eq!(keys.len(), 4, "the new picture and the kept one, with their sizes: {keys:?}");
        let kept = db.query("SELECT object_key FROM pfp_pictures WHERE is_current = FALSE");
        assert_eq!(kept, vec![Some(current.clone())]);
        assert_eq!(run(s.pfp().args(["restore", "--user", "user3"])).code, 0);
        assert!(s.picture_url(3).unwrap().ends_with(&current));
        assert_eq!(run(s.pfp().arg("verify")).code, 0);
    }
}

// `restore --since --remove-first-pictures` removes a first picture only if it is still
// the one it listed: an upload for the same user that commits while the restore waits
// for the owner lock left another picture current, which the operator never saw; that
// user fails (exit 5) and keeps it, and nothing of it is removed.
both_backends! {
    fn restore_since_removes_no_first_picture_another_run_stored_while_it_waited(db, _dir) {
        let s = held_stack(db);
        let since = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let out = s.upload("user3", "a.jpg", &photo(43), &["--sizes", "64"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let first = s.picture_url(3).unwrap();
        let upload = upload_held(&s, "b.jpg", 44);
        let out = run(s.pfp().args(["restore", "--since", &since, "--remove-first-pictures", "--yes"]));
        let up = upload.join().unwrap();
        assert_eq!(up.code, 0, "{}", up.stderr);
        assert_eq!(out.code, 5, "{}", out.stderr);
        assert!(out.stderr.contains("error: the picture of user '3' changed before it could be removed"), "{}", out.stderr);
        assert!(out.stderr.contains("1 user got a first picture since then: 0 removed"), "{}", out.stderr);
        assert!(out.stderr.contains(", 1 failed."), "{}", out.stderr);
        let second = s.picture_url(3).unwrap();
        assert_ne!(second, first);
        assert_eq!(s.keys().len(), 4, "the new picture and its size, the first one and its size kept for 'pfp restore': {:?}", s.keys());
        assert_eq!(run(s.pfp().arg("verify")).code, 0);
    }
}

// `remove` asked about one picture removes that one only: an upload for the same user
// that committed while the remove waited for the owner lock left another picture
// current, which the operator never saw; the remove refuses (exit 5) and changes
// nothing. It used to remove the new picture.
both_backends! {
    fn remove_refuses_a_picture_another_run_stored_while_it_waited(db, _dir) {
        let s = held_stack(db);
        let out = s.upload("user3", "a.jpg", &photo(41), &["--sizes", "64"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let first = s.picture_url(3).unwrap();
        let upload = upload_held(&s, "b.jpg", 42);
        let out = run(s.pfp().args(["remove", "--user", "user3", "--yes"]));
        let up = upload.join().unwrap();
        assert_eq!(up.code, 0, "{}", up.stderr);
        assert_eq!(out.code, 5, "{}", out.stderr);
        assert!(out.stderr.contains("changed before it could be removed"), "{}", out.stderr);
        let second = s.picture_url(3).unwrap();
        assert_ne!(second, first);
        assert!(s.keys().iter().any(|k| second.ends_with(k.as_str())), "{:?}", s.keys());
        assert_eq!(s.keys().len(), 4, "the new picture and its size, the first one and its size kept for 'pfp restore': {:?}", s.keys());
        assert!(s.keys().iter().any(|k| first.ends_with(k.as_str())), "{:?}", s.keys());
        assert_eq!(run(s.pfp().arg("verify")).code, 0);
        // Asked again, about the picture that is there now: removed (purged, and the
        // first picture kept after its replacement with it).
        let out = run(s.pfp().args(["remove", "--user", "user3", "--yes", "--purge"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(s.picture_url(3), None);
        assert!(s.keys().is_empty(), "{:?}", s.keys());

        // The same for a picture pfp did not store (an external URL the app wrote): an
        // upload that lands while the remove waits leaves the column pfp's, not cleared.
        db.exec("UPDATE users SET profile_picture_url = 'https://cdn.example.org/3.png' WHERE id = 3");
        let upload = upload_held(&s, "c.jpg", 43);
        let out = run(s.pfp().args(["remove", "--user", "user3", "--yes"]));
        assert_eq!(upload.join().unwrap().code, 0);
        assert_eq!(out.code, 5, "{}", out.stderr);
        assert!(out.stderr.contains("changed while pfp cleared it"), "{}", out.stderr);
        let third = s.picture_url(3).unwrap();
        assert!(third.contains("/users/"), "{third}");
        assert_eq!(s.keys().len(), 2, "{:?}", s.keys());
        assert_eq!(run(s.pfp().arg("verify")).code, 0);
    }
}

both_backends! {
    // `bucket init` run with a database that exists makes the bucket that database's
    // store there and then, so that the first database to change something in it later
    // (a mistyped one, another deployment's) is the one refused, not the operator's.
    fn bucket_init_makes_the_bucket_the_store_of_the_database_it_runs_with(db, dir) {
        let s = Stack::new(db);
        let bucket = unique_bucket("init");
        let with = |url: &str, args: &[&str]| {
            run(s.pfp().env("DATABASE_URL", url).env("MINIO_BUCKET_NAME", &bucket).args(args))
        };
        // The operator's database: users, no picture yet.
        let mine = common::db::TestDb::fresh_like(db, dir);
        let out = with(mine.url(), &["user", "add", "--email", "a@example.com", "--nickname", "a"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = with(mine.url(), &["bucket", "init"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stderr.contains("warning"), "{}", out.stderr);
        let recorded = mine.query("SELECT value FROM pfp_settings WHERE key = 'store_id'");
        assert_eq!(recorded.len(), 1, "bucket init recorded the store: {recorded:?}");

        // Another database that never stored a picture is now the stranger: refused, and
        // it leaves nothing.
        let other_dir = tempfile::tempdir().unwrap();
        let other = common::db::TestDb::fresh_like(db, other_dir.path());
        let out = with(other.url(), &["user", "add", "--email", "a@example.com", "--nickname", "a"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = with(other.url(), &["upload", "--user", "a", s.file("o.jpg", &photo(41)).to_str().unwrap()]);
        assert_eq!(out.code, 7, "{}", out.stderr);
        assert!(out.stderr.contains("refusing to join it without 'pfp bucket claim'"), "{}", out.stderr);
        // The operator's database uploads.
        let out = with(mine.url(), &["upload", "--user", "a", s.file("m.jpg", &photo(42)).to_str().unwrap()]);
        assert_eq!(out.code, 0, "{}", out.stderr);

        // bucket init with the other database: the bucket is ready, and the warning says
        // why its changes will be refused; it joins nothing.
        let out = with(other.url(), &["bucket", "init"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("warning:") && out.stderr.contains("used by 1 other database"), "{}", out.stderr);
        assert!(other.query("SELECT value FROM pfp_settings WHERE key = 'store_id'").is_empty());
        // The operator's database against a new bucket (a mistyped name): created, and
        // the warning names the store its pictures live in.
        let typo = unique_bucket("typo");
        let out = run(s.pfp().env("DATABASE_URL", mine.url()).env("MINIO_BUCKET_NAME", &typo).args(["bucket", "init"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("warning:") && out.stderr.contains(&recorded[0].clone().unwrap()), "{}", out.stderr);
        assert_eq!(mine.query("SELECT value FROM pfp_settings WHERE key = 'store_id'"), recorded, "the recorded store stays");

        // Without a database yet, bucket init needs none and makes none.
        if !db.is_postgres() {
            let none = dir.join("none.db");
            let out = run(s.pfp().env("DATABASE_URL", format!("sqlite:{}", none.display())).env("MINIO_BUCKET_NAME", unique_bucket("nodb")).args(["bucket", "init"]));
            assert_eq!(out.code, 0, "{}", out.stderr);
            assert_eq!(out.stderr.trim_end().lines().count(), 1, "{}", out.stderr);
            assert!(!none.exists());
        }
    }
}
