//! `verify` at more than a page of everything: the listing and the ledger are read a page
//! at a time (1,000 keys a request) and merged in key order, on both backends.

use crate::common;
use crate::common::fixtures::*;
use common::*;

both_backends! {
    fn verify_pages_through_thousands_of_objects_and_entries(db, _dir) {
        // Thousands of objects written into s3s-fs's folder, and its count of listings.
        let s = Stack::local(db);
        let out = s.upload("njit", "njit.jpg", &jpeg(&photo_like(64, 64, 3), 90), &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);

        // 2,500 objects of pfp's naming that no entry records, ten in each of 250
        // folders, written behind pfp's back; and 1,500 ledger entries whose objects
        // were never stored.
        let bucket_dir = s.world.data_root().join(&s.world.bucket);
        for folder in 0..250 {
            let dir = bucket_dir.join(format!("users/stray-{folder:03}"));
            std::fs::create_dir_all(&dir).unwrap();
            for i in 0..10 {
                std::fs::write(dir.join(format!("{i:064x}.jpg")), b"stray").unwrap();
            }
        }
        db.exec(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
             INSERT INTO pfp_pictures (kind, user_ref, object_key, content_hash, mime, bytes, width, height, sizes, url, created_at, is_current)
             SELECT 'user', '2', 'users/zz-gone/' || CAST(i AS TEXT) || '.jpg', 'h', 'image/jpeg', 1, 1, 1, '[]', 'u', 'now', (1 = 0) FROM n",
        );

        let lists_before = s.world.server.list_requests();
        let out = run(s.pfp().args(["verify", "--json"]));
        assert_eq!(out.code, 1, "findings are exit 1: {}", out.stderr);
        let objects = json_lines(&out.stdout);
        let summary = objects.last().unwrap();
        assert_eq!(summary["type"], "verify");
        assert_eq!(summary["orphans"], 2500);
        assert_eq!(summary["dangling"], 1500);
        assert_eq!(summary["mismatches"], 0);
        assert_eq!(summary["entries"], 1501);
        assert_eq!(summary["objects"], 2501);
        let orphans: std::collections::HashSet<&str> = objects
            .iter()
            .filter(|o| o["kind"] == "orphan")
            .map(|o| o["key"].as_str().unwrap())
            .collect();
        assert_eq!(orphans.len(), 2500, "every orphan once");
        assert!(orphans.contains(stray_key("stray-249", 9).as_str()));
        // One request per 1,000 keys under users/ (2,501: three), one for the empty
        // defaults/, one for the store's markers: never one per folder.
        assert_eq!(s.world.server.list_requests() - lists_before, 5);

        // The repair pass deletes the orphans (all older than a zero grace period) and
        // drops the dangling entries; a second verify is clean.
        // 4,000 changes: far beyond the default blast radius, so the number is named.
        let out = run(s.pfp().args(["verify", "--fix", "--yes", "--grace", "0s", "--max-changes", "4000"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = run(s.pfp().args(["verify", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stdout);
        let summary = json_lines(&out.stdout).pop().unwrap();
        assert_eq!(summary["objects"], 1);
        assert_eq!(summary["entries"], 1);
    }
}

both_backends! {
    fn user_list_export_urls_and_verify_page_through_thousands_of_users(db, _dir) {
        let s = Stack::new(db);
        let out = s.upload("njit", "njit.jpg", &jpeg(&photo_like(64, 64, 3), 90), &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        // 2,500 more users, inserted in bulk: more than two pages of 1,000.
        let uuid = if db.is_postgres() {
            "gen_random_uuid()"
        } else {
            "lower(hex(randomblob(16)))"
        };
        db.exec(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
             INSERT INTO users (uuid, email, nickname, created_at, updated_at)
             SELECT {uuid}, 'bulk' || CAST(i AS TEXT) || '@example.com', 'bulk' || CAST(i AS TEXT), 'now', 'now' FROM n"
        ));
        let ids: Vec<u64> = (1..=2502).collect();

        let out = run(s.pfp().args(["user", "list", "--tsv"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let listed: Vec<u64> = out
            .stdout
            .lines()
            .filter_map(|l| l.split('\t').next()?.parse().ok())
            .collect();
        assert_eq!(listed, ids, "every user once, in id order");
        let out = run(s.pfp().args(["user", "list", "--tsv", "--limit", "1500"]));
        let limited = out.stdout.lines().filter(|l| l.starts_with(char::is_numeric)).count();
        assert_eq!(limited, 1500);

        let out = run(s.pfp().args(["export-urls", "--json"]));
        let exported: Vec<u64> = json_lines(&out.stdout)
            .iter()
            .map(|o| o["user"].as_str().unwrap().parse().unwrap())
            .collect();
        assert_eq!(exported, ids, "{}", out.stderr);

        let out = run(s.pfp().args(["verify", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stdout);
        let summary = json_lines(&out.stdout).pop().unwrap();
        assert_eq!(summary["users"], 2502);
    }
}

both_backends! {
    fn pictures_deleted_behind_pfps_back_in_a_versioned_bucket_are_brought_back(db, _dir) {
        // Without versions, a missing object is a loss: the finding says no more.
        let s = Stack::new(db);
        assert_eq!(s.upload("njit", "a.jpg", &jpeg(&photo_like(300, 200, 1), 90), &[]).code, 0);
        let first = s.keys();
        for key in &first {
            s.world.s3().delete(key);
        }
        let out = run(s.pfp().args(["verify", "--json"]));
        assert_eq!(out.code, 1, "{}", out.stderr);
        let findings = json_lines(&out.stdout);
        assert!(findings.iter().any(|f| f["kind"] == "dangling" && f["recoverable"] == false), "{}", out.stdout);
        if server_kind() != "rgw" {
            eprintln!("the versioned half needs a server with versioning: scripts/test-rgw");
            return;
        }
        // Dropped (the only picture missing: the blast radius wants it said).
        let out = run(s.pfp().args(["verify", "--fix", "--yes", "--max-changes", "1"]));
        assert_eq!(out.code, 0, "{}", out.stderr);

        // Versioning on: every picture deleted behind pfp's back (an `mc rm --recursive
        // --force ALIAS/demo/users/` meant for another bucket) is only hidden by a delete
        // marker. verify names each as recoverable, and --fix brings them all back,
        // bytes and ledger as they were: no loss, so no blast radius to pass.
        let bucket = s.world.s3();
        bucket.enable_versioning();
        assert_eq!(s.upload("njit", "b.jpg", &jpeg(&photo_like(300, 200, 2), 90), &[]).code, 0);
        assert_eq!(s.upload("other", "c.jpg", &jpeg(&photo_like(300, 200, 3), 90), &[]).code, 0);
        let objects = s.objects();
        let rows = s.rows();
        assert!(objects.len() >= 2, "{:?}", s.keys());
        for (key, _) in &objects {
            bucket.delete(key);
        }
        assert_eq!(s.objects(), Vec::new());
        let out = run(s.pfp().args(["verify", "--json"]));
        assert_eq!(out.code, 1, "{}", out.stderr);
        let dangling: Vec<_> = json_lines(&out.stdout).into_iter().filter(|f| f["kind"] == "dangling").collect();
        assert_eq!(dangling.len(), objects.len(), "{}", out.stdout);
        assert!(dangling.iter().all(|f| f["recoverable"] == true), "{}", out.stdout);
        let out = run(s.pfp().arg("verify"));
        assert!(out.stdout.contains("but missing from the bucket; a version of it is in the bucket, which --fix brings back"), "{}", out.stdout);

        let out = run(s.pfp().args(["verify", "--fix", "--dry-run"]));
        assert!(out.stderr.contains(&format!("bring back {} missing objects from the bucket's versions", objects.len())), "{}", out.stderr);
        let fixed = run(s.pfp().args(["verify", "--fix", "--yes"]));
        assert_eq!(fixed.code, 0, "{}\n{}", fixed.stdout, fixed.stderr);
        assert_eq!(s.objects(), objects, "every object back, byte for byte");
        assert_eq!(s.rows(), rows, "the ledger and the columns as they were");
        let clean = run(s.pfp().arg("verify"));
        assert_eq!(clean.code, 0, "{}\n{}", clean.stdout, clean.stderr);

        // `restore` of a replaced picture whose objects were deleted behind pfp's back
        // brings them back from the versions too, and says so.
        let before = s.objects();
        assert_eq!(s.upload("njit", "d.jpg", &jpeg(&photo_like(300, 200, 4), 90), &[]).code, 0);
        let kept_keys: Vec<String> = s
            .db
            .query("SELECT object_key FROM pfp_pictures WHERE is_current = FALSE")
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(kept_keys.len(), 1, "{kept_keys:?}");
        let kept: Vec<(String, Vec<u8>)> = before
            .into_iter()
            .filter(|(k, _)| {
                let stem = kept_keys[0].trim_end_matches(".jpg");
                k.starts_with(stem)
            })
            .collect();
        assert!(!kept.is_empty());
        for (key, _) in &kept {
            bucket.delete(key);
        }
        let restored = run(s.pfp().args(["restore", "--user", "njit"]));
        assert_eq!(restored.code, 0, "{}", restored.stderr);
        assert!(
            restored.stderr.contains(&format!("Brought back {} of the picture from the bucket's versions (deleted behind pfp's back): '", if kept.len() == 1 { "1 object".to_owned() } else { format!("{} objects", kept.len()) })),
            "{}",
            restored.stderr
        );
        let now = s.objects();
        assert!(kept.iter().all(|o| now.contains(o)), "every object of the restored picture back, byte for byte");
        assert_eq!(run(s.pfp().arg("verify")).code, 0);
    }
}

/// After a mass deletion verify asks about every missing object's versions with one
/// listing of the folder's versions (a page of 1,000 per request), stopping after as many
/// pages as objects are missing; a bucket that kept many old versions (an app that
/// rewrote its own key a thousand times) must not hide a recoverable picture past that
/// point: the objects the listing did not reach are asked about one by one.
#[test]
fn a_missing_picture_behind_many_old_versions_is_still_found_recoverable() {
    if server_kind() != "rgw" {
        eprintln!("versions need a server that keeps them: scripts/test-rgw runs this on Ceph RGW");
        return;
    }
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let s = Stack::with_world(&db, world);
    let bucket = s.world.s3();
    bucket.enable_versioning();
    // 1,001 versions of one app object, listed before every user folder ('-' < '0').
    for i in 0..1001u32 {
        bucket.put("users/-app/avatar.png", &i.to_be_bytes(), "image/png");
    }
    assert_eq!(
        s.upload("njit", "a.jpg", &jpeg(&photo_like(300, 200, 1), 90), &[])
            .code,
        0
    );
    let objects = s.objects();
    let gone = objects
        .iter()
        .find(|(k, _)| k.starts_with("users/") && !k.starts_with("users/-app/"))
        .expect("a picture")
        .clone();
    bucket.delete(&gone.0);

    let out = run(s.pfp().args(["verify", "--json"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let dangling: Vec<_> = json_lines(&out.stdout)
        .into_iter()
        .filter(|f| f["kind"] == "dangling")
        .collect();
    assert_eq!(dangling.len(), 1, "{}", out.stdout);
    assert_eq!(dangling[0]["key"], gone.0.as_str(), "{}", out.stdout);
    assert_eq!(dangling[0]["recoverable"], true, "{}", out.stdout);
    // --jobs is the repairs' (a listing is sequential): without --fix, a usage error.
    let out = run(s.pfp().args(["verify", "--jobs", "4"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--fix"), "{}", out.stderr);
    let fixed = run(s.pfp().args(["verify", "--fix", "--yes", "--jobs", "4"]));
    assert_eq!(fixed.code, 0, "{}\n{}", fixed.stdout, fixed.stderr);
    assert_eq!(
        s.objects(),
        objects,
        "the picture back byte for byte, the app's object as it was"
    );
}
