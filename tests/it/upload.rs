//! Upload to display, end to end against the real S3 server, on SQLite and PostgreSQL.

use crate::common;
use crate::common::fixtures;

use std::time::Duration;

use common::*;
use fixtures::*;
use image::DynamicImage;

fn photo(seed: u64) -> Vec<u8> {
    jpeg(&photo_like(900, 600, seed), 90)
}

/// The main key of the JSON result of an upload.
fn key_of(out: &Out) -> String {
    json_lines(&out.stdout)[0]["key"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn inject_db_failure(db: &common::db::TestDb) {
    if db.is_postgres() {
        db.exec(
            "CREATE FUNCTION pfp_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql;
             CREATE TRIGGER pfp_fail BEFORE INSERT ON pfp_pictures FOR EACH ROW EXECUTE FUNCTION pfp_fail();",
        );
    } else {
        db.exec("CREATE TRIGGER pfp_fail BEFORE INSERT ON pfp_pictures BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
    }
}

both_backends! {
    fn upload_then_fetch_the_presigned_url(db, _dir) {
        let s = Stack::new(db);
        let bytes = photo(1);
        let out = s.upload("njit", "njit.jpeg", &bytes, &["--json", "--sizes", "512,128"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let result = &json_lines(&out.stdout)[0];
        assert_eq!(result["type"], "upload");
        assert_eq!(result["status"], "uploaded");
        assert_eq!(result["user"], "1");
        let key = result["key"].as_str().unwrap();
        let hash = result["hash"].as_str().unwrap();
        assert!(key.starts_with("users/") && key.ends_with(&format!("/{hash}.jpg")), "{key}");
        assert!(!key.contains("njit"), "no file name in the key: {key}");
        assert_eq!(result["expires_in"], 3600);

        // The bytes behind the URL are the object's and the pipeline's.
        let (status, headers, body) = http_get(result["presigned_url"].as_str().unwrap());
        assert_eq!(status, 200);
        // The unsigned URL recorded in the database is refused, as MinIO refuses it: the
        // signature is what opens the object.
        let recorded = s.picture_url(1).expect("the column is set");
        assert_eq!(result["url"], recorded.as_str());
        let (status, _, body403) = http_get(&recorded);
        assert_eq!(status, 403, "an unsigned GET is refused");
        assert!(String::from_utf8_lossy(&body403).contains("AccessDenied"));
        let anonymous = reqwest::blocking::Client::builder().no_proxy().build().unwrap();
        let bucket_url = format!("{}/{}", s.world.server.endpoint(), s.world.bucket);
        for (what, request) in [
            ("PUT", anonymous.put(format!("{bucket_url}/users/planted.jpg")).body("x")),
            ("DELETE", anonymous.delete(&recorded)),
            ("LIST", anonymous.get(format!("{bucket_url}?list-type=2"))),
        ] {
            assert_eq!(request.send().unwrap().status().as_u16(), 403, "anonymous {what}");
        }
        assert_eq!(s.objects().len(), 2, "nothing changed: {:?}", s.keys());
        let objects = s.objects();
        let stored = &objects.iter().find(|(k, _)| k == key).expect("the object is in the bucket").1;
        assert_eq!(&body, stored);
        let options = pfp::picture::Options { sizes: vec![512, 128], ..Default::default() };
        let expected = pfp::picture::process(&bytes, "njit.jpeg", &options).unwrap();
        assert_eq!(body, expected.picture.main().bytes);
        assert_eq!(headers["content-type"], "image/jpeg");
        assert_eq!(headers["cache-control"], "public, max-age=31536000, immutable");
        assert_eq!(headers["x-amz-meta-pfp-user"], "1");
        assert_eq!(headers["x-amz-meta-pfp-original-name"], "njit.jpeg");
        assert_eq!(headers["x-amz-meta-pfp-sha256"], hash);
        assert_eq!(headers["x-amz-meta-pfp-width"], "512");
        assert_eq!(headers["x-amz-meta-pfp-height"], "512");
        assert_eq!(objects.len(), 2, "main and 128 px: {:?}", s.keys());
        assert!(s.keys().contains(&key.replace(".jpg", "_128.jpg")));

        // The row and the ledger point at the key.
        let url = s.picture_url(1).unwrap();
        assert!(url.ends_with(key), "{url}");
        assert_eq!(url, result["url"].as_str().unwrap());
        assert!(url.starts_with(&s.world.server.endpoint()), "{url}");
        let current = db.query("SELECT object_key FROM pfp_pictures WHERE is_current = TRUE");
        assert_eq!(current, vec![Some(key.to_owned())]);
        assert_eq!(s.picture_url(2), None, "the other user is untouched");
    }

    fn reupload_is_a_no_op_and_a_new_picture_replaces_the_old(db, _dir) {
        let s = Stack::new(db);
        let first = s.upload("njit", "a.jpg", &photo(2), &["--json"]);
        assert_eq!(first.code, 0, "{}", first.stderr);
        let again = s.upload("njit", "a-copy.jpg", &photo(2), &["--json"]);
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert_eq!(key_of(&again), key_of(&first), "same content, same key");
        assert_eq!(json_lines(&again.stdout)[0]["status"], "unchanged");
        assert_eq!(s.keys(), vec![key_of(&first)]);

        let second = s.upload("njit", "b.jpg", &photo(3), &["--json"]);
        assert_eq!(second.code, 0, "{}", second.stderr);
        assert_ne!(key_of(&second), key_of(&first));
        let both = |a: &Out, b: &Out| {
            let mut keys = vec![key_of(a), key_of(b)];
            keys.sort();
            keys
        };
        assert_eq!(s.keys(), both(&first, &second), "the replaced picture is kept");
        let result = &json_lines(&second.stdout)[0];
        assert_eq!(result["deleted"], serde_json::json!([]));
        assert_eq!(result["replaced"]["key"], key_of(&first).as_str());
        assert!(result["replaced"]["until"].as_str().is_some_and(|t| t > "2026"), "{result}");
        assert!(s.picture_url(1).unwrap().ends_with(&key_of(&second)));
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_pictures"), vec![Some("2".into())]);

        let third = s.upload("njit", "c.jpg", &photo(4), &["--json", "--keep-previous"]);
        assert_eq!(third.code, 0, "{}", third.stderr);
        let mut expected = vec![key_of(&first), key_of(&second), key_of(&third)];
        expected.sort();
        assert_eq!(s.keys(), expected, "--keep-previous keeps the old object");
        assert!(s.picture_url(1).unwrap().ends_with(&key_of(&third)));
        let result = &json_lines(&third.stdout)[0];
        assert_eq!(result["replaced"], serde_json::json!({"key": key_of(&second), "until": null}), "kept until removed");
        // On the terminal's lines too: an upload to the wrong user shows what it replaced,
        // and how to bring it back.
        let fourth = s.upload("njit", "d.jpg", &photo(5), &[]);
        assert!(
            fourth.stderr.contains(&format!(
                "Replaced the previous picture of user '1', '{}'; it is kept until ",
                key_of(&third)
            )) && fourth.stderr.contains(": 'pfp restore --user 1' brings it back."),
            "{}",
            fourth.stderr
        );
    }

    fn restore_brings_back_a_replaced_picture_and_old_ones_are_deleted_after_seven_days(db, _dir) {
        let s = Stack::new(db);
        let first = s.upload("njit", "a.jpg", &photo(2), &["--json"]);
        assert_eq!(first.code, 0, "{}", first.stderr);
        // The operator meant another user: one picture replaced by a slip.
        let slip = s.upload("njit", "b.jpg", &photo(3), &["--json"]);
        assert_eq!(slip.code, 0, "{}", slip.stderr);
        let (a, b) = (key_of(&first), key_of(&slip));
        // user show lists what is kept, and how to bring it back.
        let shown = run(s.pfp().args(["user", "show", "1"]));
        assert!(
            shown.stdout.lines().any(|l| l.starts_with("kept") && l.contains(&format!("{a} (replaced 20")) && l.contains("'pfp restore --user 1 --key KEY'")
                // To the second, as every time shown: `2026-12-07T01:28:47Z;`.
                && l.split_once("(replaced ").is_some_and(|(_, at)| at.get(19..21) == Some("Z;"))),
            "{}",
            shown.stdout
        );
        let restored = run(s.pfp().args(["restore", "--user", "1", "--json"]));
        assert_eq!(restored.code, 0, "{}", restored.stderr);
        let line = &json_lines(&restored.stdout)[0];
        assert_eq!(line["type"], "restored");
        assert_eq!(line["key"], a.as_str());
        assert!(line["replaced_at"].as_str().is_some(), "{line}");
        assert_eq!(line["replaced"]["key"], b.as_str());
        assert!(s.picture_url(1).unwrap().ends_with(&a), "the column points at the first picture again");
        assert_eq!(s.picture_url(1), line["url"].as_str().map(str::to_owned));
        let current = db.query("SELECT object_key FROM pfp_pictures WHERE is_current = TRUE");
        assert_eq!(current, vec![Some(a.clone())]);
        let mut keys = vec![a.clone(), b.clone()];
        keys.sort();
        assert_eq!(s.keys(), keys, "nothing uploaded or deleted");
        // A second restore undoes the first, and says so in words.
        let again = run(s.pfp().args(["restore", "--user", "1"]));
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert!(
            again.stderr.contains(&format!("Restored the picture of user '1': '{b}'"))
                && again.stderr.contains(&format!("The picture it replaces, '{a}', is kept until "))
                && again.stderr.contains("'pfp restore --user 1' brings it back."),
            "{}",
            again.stderr
        );
        assert!(s.picture_url(1).unwrap().ends_with(&b));
        // A kept picture whose object was deleted behind pfp's back is not restored: the
        // column would point at nothing (exit 3, nothing changed).
        let o = s.upload("2", "o.jpg", &photo(8), &["--json"]);
        let p = s.upload("2", "p.jpg", &photo(9), &["--json"]);
        assert_eq!((o.code, p.code), (0, 0), "{}{}", o.stderr, p.stderr);
        s.world.s3().delete(&key_of(&o));
        let gone = run(s.pfp().args(["restore", "--user", "2"]));
        assert_eq!(gone.code, 3, "{}", gone.stderr);
        assert!(gone.stderr.contains(&format!("its object '{}' is not in the bucket", key_of(&o))), "{}", gone.stderr);
        assert!(s.picture_url(2).unwrap().ends_with(&key_of(&p)), "nothing changed");
        assert_eq!(run(s.pfp().args(["remove", "--user", "2", "--yes", "--purge"])).code, 0);
        // A user with nothing kept: not found (exit 3), nothing changed.
        let none = run(s.pfp().args(["restore", "--user", "2"]));
        assert_eq!(none.code, 3, "{}", none.stderr);
        assert!(none.stderr.contains("user '2' has no replaced picture to restore"), "{}", none.stderr);

        // Eight days later, the kept picture is past its time: verify counts it, the next
        // upload of the same user deletes it.
        db.exec("UPDATE pfp_pictures SET retired_at = '2000-01-01T00:00:00Z' WHERE is_current = FALSE");
        let verify = run(s.pfp().args(["verify", "--json"]));
        assert_eq!(verify.code, 0, "not a problem: {}", verify.stderr);
        let summary = json_lines(&verify.stdout).pop().unwrap();
        assert_eq!((summary["kept"].as_u64(), summary["expired"].as_u64()), (Some(1), Some(1)), "{summary}");
        let third = s.upload("njit", "c.jpg", &photo(4), &["--json"]);
        assert_eq!(third.code, 0, "{}", third.stderr);
        let result = &json_lines(&third.stdout)[0];
        assert_eq!(result["deleted"], serde_json::json!([a.clone()]), "{result}");
        assert_eq!(result["replaced"]["key"], b.as_str());
        let mut keys = vec![b.clone(), key_of(&third)];
        keys.sort();
        assert_eq!(s.keys(), keys, "the expired picture is gone, the one just replaced is kept");

        // verify --fix deletes what expired without an upload of its user; what is kept
        // and not expired stays.
        let other = s.upload("2", "d.jpg", &photo(6), &[]);
        assert_eq!(other.code, 0, "{}", other.stderr);
        assert_eq!(s.upload("2", "e.jpg", &photo(7), &[]).code, 0);
        db.exec("UPDATE pfp_pictures SET retired_at = '2000-01-01T00:00:00Z' WHERE is_current = FALSE AND user_ref <> '1'");
        let before = s.keys().len();
        let fixed = run(s.pfp().args(["verify", "--fix", "--yes", "--json"]));
        assert_eq!(fixed.code, 0, "{}", fixed.stderr);
        let summary = json_lines(&fixed.stdout).pop().unwrap();
        assert_eq!((summary["kept"].as_u64(), summary["expired"].as_u64(), summary["pruned"].as_u64()), (Some(2), Some(1), Some(1)), "{summary}");
        assert_eq!(s.keys().len(), before - 1, "{:?}", s.keys());
        assert!(s.keys().contains(&b), "user 1's kept picture is not expired");
        let restore_2 = run(s.pfp().args(["restore", "--user", "2"]));
        assert_eq!(restore_2.code, 3, "user 2's kept picture was deleted: {}", restore_2.stderr);

        // With two kept, --key picks the one the operator meant (the line that replaced it
        // named it), not the one replaced last; a key not kept is exit 3, listing those
        // that are.
        let fourth = s.upload("njit", "f.jpg", &photo(10), &["--json"]);
        assert_eq!(fourth.code, 0, "{}", fourth.stderr);
        let wrong = run(s.pfp().args(["restore", "--user", "1", "--key", "users/nope.jpg"]));
        assert_eq!(wrong.code, 3, "{}", wrong.stderr);
        assert!(
            wrong.stderr.contains("has no replaced picture 'users/nope.jpg' kept")
                && wrong.stderr.contains(&format!("kept: '{}' (replaced ", key_of(&third)))
                && wrong.stderr.contains(&format!("'{b}' (replaced ")),
            "{}",
            wrong.stderr
        );
        assert!(s.picture_url(1).unwrap().ends_with(&key_of(&fourth)), "nothing changed");
        let picked = run(s.pfp().args(["restore", "--user", "1", "--key", &b]));
        assert_eq!(picked.code, 0, "{}", picked.stderr);
        assert!(s.picture_url(1).unwrap().ends_with(&b), "the older kept picture, as asked");

        // remove keeps the removed picture for restore, as a replacement does ...
        let removed = run(s.pfp().args(["remove", "--user", "1", "--yes"]));
        assert_eq!(removed.code, 0, "{}", removed.stderr);
        assert!(
            removed.stderr.contains(&format!("Removed the picture of user '1' ('{b}'; kept until "))
                && removed.stderr.contains("'pfp restore --user 1' brings it back, --purge deletes at once"),
            "{}",
            removed.stderr
        );
        assert_eq!(s.picture_url(1), None);
        assert!(s.keys().contains(&b), "{:?}", s.keys());
        // Meanwhile the user uploads anew through the app, which writes its own URL: a
        // restore would replace the user's own new picture, so it refuses (exit 5).
        let app_value = "https://cdn.example.org/1-new.png";
        db.exec(&format!("UPDATE users SET profile_picture_url = '{app_value}' WHERE id = 1"));
        let refused = run(s.pfp().args(["restore", "--user", "1"]));
        assert_eq!(refused.code, 5, "{}", refused.stderr);
        assert!(
            refused.stderr.contains(&format!("is not pfp's now ('{app_value}', written by the app after pfp's)"))
                && refused.stderr.contains("nothing was changed"),
            "{}",
            refused.stderr
        );
        assert_eq!(s.picture_url(1).as_deref(), Some(app_value), "the app's picture stays");
        // Cleared on purpose first (the app's value is kept in turn: the most recently
        // replaced), the picture named by --key goes.
        assert_eq!(run(s.pfp().args(["remove", "--user", "1", "--yes"])).code, 0);
        let back = run(s.pfp().args(["restore", "--user", "1", "--key", &b]));
        assert_eq!(back.code, 0, "{}", back.stderr);
        assert!(s.picture_url(1).unwrap().ends_with(&b), "the removal undone");
        // ... and --purge deletes it at once, with the user's kept pictures.
        let removed = run(s.pfp().args(["remove", "--user", "1", "--yes", "--json", "--purge"]));
        assert_eq!(removed.code, 0, "{}", removed.stderr);
        assert_eq!(json_lines(&removed.stdout)[0]["kept"], serde_json::Value::Null);
        assert!(!s.keys().iter().any(|k| [&b, &key_of(&third), &key_of(&fourth)].contains(&k)), "{:?}", s.keys());
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_pictures WHERE user_ref = '1'"), vec![Some("0".into())]);
    }

    fn the_apps_picture_an_upload_or_remove_replaced_is_kept_and_restored(db, _dir) {
        // A user whose picture the app stored (not adopted): an upload meant for another
        // user replaced the column's value, which nothing else recorded.
        let s = Stack::new(db);
        let app_value = "https://cdn.example.org/avatars/njit.png";
        db.exec(&format!("UPDATE users SET profile_picture_url = '{app_value}' WHERE id = 1"));
        let slip = s.upload("njit", "b.jpg", &photo(3), &[]);
        assert_eq!(slip.code, 0, "{}", slip.stderr);
        let b = s.keys().pop().unwrap();
        assert!(
            slip.stderr.contains(&format!("Replaced the previous picture of user '1', the app's '{app_value}'; it is kept until "))
                && slip.stderr.contains("'pfp restore --user 1' brings it back."),
            "{}",
            slip.stderr
        );
        let shown = run(s.pfp().args(["user", "show", "1"]));
        assert!(
            shown.stdout.lines().any(|l| l.starts_with("kept") && l.contains(&format!("{app_value} (the app's, replaced 20"))),
            "{}",
            shown.stdout
        );
        let shown = run(s.pfp().args(["user", "show", "1", "--json"]));
        let kept = &json_lines(&shown.stdout)[0]["kept"];
        assert_eq!((kept[0]["key"].as_str(), kept[0]["app"].as_bool()), (Some(app_value), Some(true)), "{kept}");
        // restore writes the value back exactly, and keeps pfp's picture in turn.
        let restored = run(s.pfp().args(["restore", "--user", "njit", "--json"]));
        assert_eq!(restored.code, 0, "{}", restored.stderr);
        let line = &json_lines(&restored.stdout)[0];
        assert_eq!((line["type"].as_str(), line["key"].as_str(), line["url"].as_str()), (Some("restored"), None, Some(app_value)), "{line}");
        assert_eq!(line["replaced"]["key"], b.as_str());
        assert_eq!(s.picture_url(1).as_deref(), Some(app_value));
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_pictures WHERE is_current = TRUE"), vec![Some("0".into())]);
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_replaced_values"), vec![Some("0".into())]);
        assert_eq!(s.keys(), vec![b.clone()], "pfp's picture is kept, its object in the bucket");
        // The column is the app's again: a bare restore would replace it, so it refuses
        // (exit 5); a remove keeps the value, and --key brings pfp's picture back.
        let refused = run(s.pfp().args(["restore", "--user", "njit"]));
        assert_eq!(refused.code, 5, "{}", refused.stderr);
        assert_eq!(s.picture_url(1).as_deref(), Some(app_value), "nothing changed");
        let cleared = run(s.pfp().args(["remove", "--user", "njit", "--yes"]));
        assert_eq!(cleared.code, 0, "{}", cleared.stderr);
        assert!(
            cleared.stderr.contains("the value is kept until ")
                && cleared.stderr.contains("'pfp restore --user njit' writes it back"),
            "{}",
            cleared.stderr
        );
        assert_eq!(s.picture_url(1), None);
        let back = run(s.pfp().args(["restore", "--user", "njit", "--key", &b]));
        assert_eq!(back.code, 0, "{}", back.stderr);
        assert!(s.picture_url(1).unwrap().ends_with(&b));
        // Both kept values are listed by a key that is neither, and the one named goes back.
        let wrong = run(s.pfp().args(["restore", "--user", "njit", "--key", "nope"]));
        assert_eq!(wrong.code, 3, "{}", wrong.stderr);
        assert!(wrong.stderr.contains(&format!("'{app_value}' (the app's, replaced 20")), "{}", wrong.stderr);
        let again = run(s.pfp().args(["restore", "--user", "njit", "--key", app_value]));
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert!(
            again.stderr.contains(&format!("Restored the picture of user 'njit': the app's '{app_value}', replaced 20"))
                && again.stderr.contains(&format!("The picture it replaces, '{b}', is kept until ")),
            "{}",
            again.stderr
        );
        assert_eq!(s.picture_url(1).as_deref(), Some(app_value));

        // Eight days later the kept value is past its time: verify --fix forgets it.
        let third = s.upload("njit", "c.jpg", &photo(4), &["--json"]);
        assert_eq!(third.code, 0, "{}", third.stderr);
        assert_eq!(json_lines(&third.stdout)[0]["replaced"]["key"], app_value, "{}", third.stdout);
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_replaced_values"), vec![Some("1".into())]);
        db.exec("UPDATE pfp_replaced_values SET replaced_at = '2000-01-01T00:00:00Z'");
        let fixed = run(s.pfp().args(["verify", "--fix", "--yes"]));
        assert_eq!(fixed.code, 0, "{}", fixed.stderr);
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_replaced_values"), vec![Some("0".into())]);
        // remove of the app's picture keeps its value; --purge keeps nothing.
        db.exec(&format!("UPDATE users SET profile_picture_url = '{app_value}' WHERE id = 2"));
        let kept = run(s.pfp().args(["remove", "--user", "2", "--yes", "--json"]));
        assert_eq!(kept.code, 0, "{}", kept.stderr);
        assert_eq!(json_lines(&kept.stdout)[0]["kept"]["key"], app_value, "{}", kept.stdout);
        db.exec(&format!("UPDATE users SET profile_picture_url = '{app_value}' WHERE id = 2"));
        let purged = run(s.pfp().args(["remove", "--user", "2", "--yes", "--purge", "--json"]));
        assert_eq!(purged.code, 0, "{}", purged.stderr);
        assert_eq!(json_lines(&purged.stdout)[0]["kept"], serde_json::Value::Null);
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_replaced_values"), vec![Some("0".into())], "the value kept before is forgotten too");
    }

    // An upload whose commit failed (the database lost mid-upload: pfp cannot ask
    // whether the commit happened, so it leaves the object) leaves the user's photo in
    // their folder, recorded nowhere. An erasure deleted only what the ledger records,
    // said so, and the photo stayed until someone ran `verify --fix`. `remove --purge`
    // and `user delete` now look in the user's folder: every object of pfp's naming that
    // no entry records goes too, named; an object of the app's naming stays.
    fn an_erasure_deletes_the_users_objects_that_no_record_names(db, _dir) {
        let s = Stack::new(db);
        s.add_users(3);
        let folder_of = |id: u32| {
            let url = s.picture_url(id).expect("a picture");
            url.rsplit('/').nth(1).expect("users/<uuid>/<file>").to_owned()
        };
        let leftover = |folder: &str, c: &str| format!("users/{folder}/{}.jpg", c.repeat(64));
        let in_folder = |folder: &str| s.keys().into_iter().filter(|k| k.contains(folder)).collect::<Vec<_>>();

        // njit: a picture, a failed upload's leftover, and an object of the app's.
        assert_eq!(s.upload("njit", "a.jpg", &photo(1), &[]).code, 0);
        let njit = folder_of(1);
        s.world.s3().put(&leftover(&njit, "a"), &photo(3), "image/jpeg");
        let apps = format!("users/{njit}/avatar.png");
        s.world.s3().put(&apps, b"the app's", "image/png");
        let out = run(s.pfp().args(["remove", "--user", "njit", "--yes", "--purge", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let deleted = json_lines(&out.stdout)[0]["deleted"].clone();
        assert!(deleted.as_array().unwrap().iter().any(|k| k == leftover(&njit, "a").as_str()), "{deleted}");
        assert_eq!(in_folder(&njit), [apps], "only the app's object stays");

        // other: nothing recorded, only a leftover: the question names it.
        assert_eq!(s.upload("other", "b.jpg", &photo(2), &[]).code, 0);
        let other = folder_of(2);
        assert_eq!(run(s.pfp().args(["remove", "--user", "other", "--yes", "--purge"])).code, 0);
        s.world.s3().put(&leftover(&other, "b"), &photo(4), "image/jpeg");
        let asked = run(s.pfp().args(["remove", "--user", "other", "--purge"]));
        assert_eq!(asked.code, 2, "{}", asked.stderr);
        assert!(asked.stderr.contains("User 'other' has no picture: erase 1 object of pfp's naming that no record names"), "{}", asked.stderr);
        let out = run(s.pfp().args(["remove", "--user", "other", "--yes", "--purge"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(in_folder(&other).is_empty(), "{:?}", in_folder(&other));

        // other again, a leftover and no recorded picture, deleted: the leftover goes
        // with the row, and the question names it (it was not looked for).
        s.world.s3().put(&leftover(&other, "d"), &photo(7), "image/jpeg");
        let asked = run(s.pfp().args(["user", "delete", "other"]));
        assert_eq!(asked.code, 2, "{}", asked.stderr);
        assert!(
            asked.stderr.contains("Delete user 'other' (other@example.edu) and 1 object of pfp's naming that no record names"),
            "{}",
            asked.stderr
        );
        assert_eq!(in_folder(&other).len(), 1);
        let out = run(s.pfp().args(["user", "delete", "other", "--yes", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(json_lines(&out.stdout)[0]["deleted"], serde_json::json!([leftover(&other, "d")]));
        assert!(in_folder(&other).is_empty(), "{:?}", in_folder(&other));

        // user4: no store configured at all: the row goes, and the bucket not looked in
        // is said.
        let add = ["user", "add", "--email", "user4@example.com", "--nickname", "user4"];
        assert_eq!(run(s.pfp().args(add)).code, 0);
        let out = run(s.pfp().env_remove("MINIO_ACCESS_KEY").args(["user", "delete", "user4", "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("the bucket was not looked in"), "{}", out.stderr);

        // user3, deleted with a picture and a leftover: both go with the row.
        assert_eq!(s.upload("user3", "c.jpg", &photo(5), &[]).code, 0);
        let user3 = folder_of(3);
        s.world.s3().put(&leftover(&user3, "c"), &photo(6), "image/jpeg");
        let out = run(s.pfp().args(["user", "delete", "user3", "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(in_folder(&user3).is_empty(), "{:?}", in_folder(&user3));
        let verify = run(s.pfp().arg("verify"));
        assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
    }

    // A request to erase that comes after the picture was removed (a `remove` first, the
    // user's erasure request a day later): what was kept for `pfp restore` goes, the
    // picture pfp stored and the app's value alike. (It answered "has no picture; nothing
    // to remove", exit 0, and both stayed their seven days.)
    fn an_erasure_after_a_removal_erases_what_the_removal_kept(db, _dir) {
        let s = Stack::new(db);
        let out = s.upload("njit", "a.jpg", &photo(1), &["--json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let objects = s.keys();
        assert!(!objects.is_empty());
        assert_eq!(run(s.pfp().args(["remove", "--user", "njit", "--yes"])).code, 0);
        let app_value = "https://cdn.example.org/avatars/njit.png";
        db.exec(&format!("UPDATE users SET profile_picture_url = '{app_value}' WHERE id = 1"));
        assert_eq!(run(s.pfp().args(["remove", "--user", "njit", "--yes"])).code, 0);
        assert_eq!(s.keys(), objects, "kept for restore");
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_replaced_values"), vec![Some("1".into())]);

        // Without --yes and no terminal, the question is refused, naming what it erases.
        let asked = run(s.pfp().args(["remove", "--user", "njit", "--purge"]));
        assert_ne!(asked.code, 0);
        assert!(
            asked.stderr.contains("User 'njit' has no picture: erase 1 picture and 1 value of the app's kept for 'pfp restore'?"),
            "{}",
            asked.stderr
        );
        assert_eq!(s.keys(), objects);

        let purged = run(s.pfp().args(["remove", "--user", "njit", "--yes", "--purge", "--json"]));
        assert_eq!(purged.code, 0, "{}", purged.stderr);
        let line = &json_lines(&purged.stdout)[0];
        assert_eq!(line["type"], "removed", "{line}");
        assert_eq!(line["source"], serde_json::Value::Null, "{line}");
        let mut deleted: Vec<String> = line["deleted"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_owned()).collect();
        deleted.sort();
        let mut expected = objects.clone();
        expected.sort();
        assert_eq!(deleted, expected, "{line}");
        assert_eq!(line["values_forgotten"], 1, "{line}");
        assert_eq!(s.keys(), Vec::<String>::new());
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_pictures WHERE user_ref = '1'"), vec![Some("0".into())]);
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM pfp_replaced_values"), vec![Some("0".into())]);
        assert_eq!(run(s.pfp().args(["restore", "--user", "njit"])).code, 3, "nothing is kept to restore");
        let again = run(s.pfp().args(["remove", "--user", "njit", "--yes", "--purge"]));
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert!(again.stderr.contains("User 'njit' has no picture; nothing to remove."), "{}", again.stderr);

        // The words on a terminal's stderr: what was erased.
        assert_eq!(s.upload("njit", "b.jpg", &photo(2), &[]).code, 0);
        assert_eq!(run(s.pfp().args(["remove", "--user", "njit", "--yes"])).code, 0);
        let words = run(s.pfp().args(["remove", "--user", "njit", "--yes", "--purge"]));
        assert_eq!(words.code, 0, "{}", words.stderr);
        assert!(
            words.stderr.contains(&format!("User 'njit' has no picture; erased what was kept of it for 'pfp restore' ({} deleted).", if objects.len() == 1 { "1 object".to_owned() } else { format!("{} objects", objects.len()) })),
            "{}",
            words.stderr
        );
        assert_eq!(s.keys(), Vec::<String>::new());
    }

    fn an_erasure_in_a_bucket_that_keeps_versions_deletes_every_version(db, _dir) {
        // In a bucket without versions, an erasure deletes the objects, and says no more.
        let s = Stack::new(db);
        assert_eq!(s.upload("njit", "a.jpg", &photo(1), &[]).code, 0);
        let purged = run(s.pfp().args(["remove", "--user", "1", "--yes", "--purge", "--json"]));
        assert_eq!(purged.code, 0, "{}", purged.stderr);
        assert_eq!(json_lines(&purged.stdout)[0]["versions_deleted"], serde_json::Value::Null, "{}", purged.stdout);
        assert_eq!(s.objects(), Vec::new());
        if server_kind() != "rgw" {
            // s3s-fs has no versioning (it answers NotImplemented, which pfp takes as none,
            // as above); scripts/test-rgw runs the rest on Ceph RGW, which has it.
            eprintln!("the versioned half needs a server with versioning: scripts/test-rgw");
            return;
        }

        // Versioning on (`mc version enable`): a DELETE only hides an object behind a
        // delete marker, and the bytes of an erased picture stayed, readable with the keys.
        let bucket = s.world.s3();
        bucket.enable_versioning();
        let doctor = run(s.pfp().arg("doctor"));
        assert!(doctor.stdout.contains("it keeps versions (versioning enabled): an erasure ('remove --purge', 'user delete') deletes every version of what it erases"), "{}", doctor.stdout);
        // doctor's probe leaves no version behind, run after run.
        assert_eq!(
            bucket.versions().into_iter().filter(|(k, _)| k.starts_with("pfp-doctor/")).collect::<Vec<_>>(),
            Vec::new()
        );
        let picture_versions = || {
            bucket.versions().into_iter().filter(|(k, _)| k.starts_with("users/")).collect::<Vec<_>>()
        };
        assert_eq!(s.upload("njit", "b.jpg", &photo(2), &[]).code, 0);
        assert_eq!(s.upload("njit", "c.jpg", &photo(3), &[]).code, 0);
        // b replaced by c and kept for 'pfp restore': a remove without --purge deletes
        // nothing, and every version stays.
        let before = picture_versions().len();
        let kept = run(s.pfp().args(["remove", "--user", "1", "--yes", "--json"]));
        assert_eq!(kept.code, 0, "{}", kept.stderr);
        assert_eq!(picture_versions().len(), before);
        assert_eq!(run(s.pfp().args(["restore", "--user", "1"])).code, 0);
        let objects = s.keys().into_iter().filter(|k| k.starts_with("users/")).count();
        assert!(objects >= 2, "{:?}", s.keys());
        let purged = run(s.pfp().args(["remove", "--user", "1", "--yes", "--purge", "--json"]));
        assert_eq!(purged.code, 0, "{}", purged.stderr);
        let result = &json_lines(&purged.stdout)[0];
        assert_eq!(result["deleted"].as_array().unwrap().len(), objects, "{result}");
        assert_eq!(result["versions_deleted"], objects, "{result}");
        assert_eq!(picture_versions(), Vec::<(String, bool)>::new(), "no version and no delete marker of an erased picture stays");

        // `user delete` erases too, and says so on its line.
        assert_eq!(s.upload("other", "d.jpg", &photo(4), &[]).code, 0);
        let deleted = run(s.pfp().args(["user", "delete", "other", "--yes"]));
        assert_eq!(deleted.code, 0, "{}", deleted.stderr);
        assert!(deleted.stdout.contains(", each with every version the bucket kept ("), "{}", deleted.stdout);
        assert_eq!(picture_versions(), Vec::<(String, bool)>::new());
    }

    fn every_rejection_leaves_bucket_and_database_unchanged(db, _dir) {
        let s = Stack::new(db);
        assert_eq!(s.upload("njit", "ok.jpg", &photo(5), &[]).code, 0);
        let objects = s.objects();
        let rows = s.rows();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty.jpg", Vec::new()),
            ("notes.jpg", TEXT.to_vec()),
            ("page.jpg", HTML.to_vec()),
            ("logo.svg", SVG.to_vec()),
            ("doc.pdf", PDF.to_vec()),
            ("cut.jpg", truncated(&photo(6))),
            ("cut.png", truncated(&png(&DynamicImage::ImageRgb8(photo_like(100, 100, 7))))),
            ("bomb.png", png_bomb()),
            ("bomb.gif", gif_bomb()),
            ("long.gif", many_frame_gif(301)),
        ];
        for (name, bytes) in cases {
            let out = s.upload("njit", name, &bytes, &[]);
            assert_eq!(out.code, 4, "{name}: {}", out.stderr);
            // The file is named as it was given (here a full path), as `validate` names it.
            let given = s.dir().join(name);
            assert!(out.stderr.starts_with(&format!("error: {}: ", given.display())), "{name}: {}", out.stderr);
            assert_eq!(out.stdout, "");
        }
        let out = s.upload("njit", "big.jpg", &photo(8), &["--max-size", "10KB"]);
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(out.stderr.contains("exceeds the limit"), "{}", out.stderr);
        assert!(s.objects() == objects, "the bucket is byte-for-byte unchanged");
        assert_eq!(s.rows(), rows, "no row changed");
    }

    // With `--json` a refused file's error object names the rule it broke and the file
    // as given, the same rule `validate --json` gives for it, so a script need not parse
    // the message.
    fn a_refused_file_says_its_rule_and_name_in_the_json_error(db, _dir) {
        let s = Stack::new(db);
        let rows = s.rows();
        let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
            ("empty.jpg", Vec::new(), &[]),
            ("notes.jpg", TEXT.to_vec(), &[]),
            ("logo.svg", SVG.to_vec(), &[]),
            ("bomb.png", png_bomb(), &[]),
            ("long.gif", many_frame_gif(301), &[]),
            ("big.jpg", photo(8), &["--max-size", "10KB"]),
        ];
        for (name, bytes, flags) in cases {
            let out = s.upload("njit", name, &bytes, &[&["--json"], flags].concat());
            assert_eq!(out.code, 4, "{name}: {}", out.stderr);
            let error = &json_lines(&out.stdout)[0];
            let given = s.dir().join(name);
            let verdict = run(s.pfp().args(["validate", "--json"]).args(flags).arg(&given));
            let verdict = &json_lines(&verdict.stdout)[0];
            assert_eq!(error["type"], "error", "{name}: {error}");
            assert_eq!(error["kind"], "invalid", "{name}: {error}");
            assert_eq!(error["file"], given.display().to_string(), "{name}: {error}");
            assert_eq!(error["rule"], verdict["rule"], "{name}: {error} against {verdict}");
            assert!(error["message"].as_str().unwrap().contains(name), "{name}: {error}");
        }
        let out = s.upload("njit", "big.jpg", &photo(8), &["--json", "--max-size", "10KB"]);
        assert_eq!(json_lines(&out.stdout)[0]["rule"], "file_size", "{}", out.stdout);
        let out = s.upload("njit", "notes.jpg", TEXT, &["--json"]);
        assert_eq!(json_lines(&out.stdout)[0]["rule"], "unsupported_format", "{}", out.stdout);

        // Not there: exit 3, rule `missing`; a directory: exit 4, `unreadable`.
        let missing = s.dir().join("gone.jpg");
        let out = run(s.pfp().args(["upload", "--user", "njit", "--json"]).arg(&missing));
        assert_eq!(out.code, 3, "{}", out.stderr);
        let error = &json_lines(&out.stdout)[0];
        assert_eq!((error["rule"].as_str(), error["file"].as_str()), (Some("missing"), missing.to_str()), "{error}");
        let out = run(s.pfp().args(["set-default", "--yes", "--json"]).arg(s.dir()));
        assert_eq!(out.code, 4, "{}", out.stderr);
        let error = &json_lines(&out.stdout)[0];
        assert_eq!((error["rule"].as_str(), error["file"].as_str()), (Some("unreadable"), s.dir().to_str()), "{error}");

        // An error that refuses no file has neither key.
        let out = s.upload("nobody", "x.jpg", &photo(13), &["--json"]);
        assert_eq!(out.code, 3, "{}", out.stderr);
        let error = &json_lines(&out.stdout)[0];
        assert!(error.get("rule").is_none() && error.get("file").is_none(), "{error}");
        assert_eq!(s.rows(), rows, "no row changed");
        assert!(s.keys().is_empty(), "nothing stored");
    }

    fn hostile_file_names_never_reach_the_key(db, _dir) {
        let s = Stack::new(db);
        for name in ["profile@picture#$.jpg", "..%2f..%2fx.jpg"] {
            let out = s.upload("njit", name, &photo(9), &["--json"]);
            assert_eq!(out.code, 0, "{name}: {}", out.stderr);
            let key = key_of(&out);
            assert!(!key.contains('@') && !key.contains("..") && !key.contains('#'), "{key}");
        }
        let sub = s.dir().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("x.jpg"), photo(10)).unwrap();
        let out = run(s.pfp().args(["upload", "--user", "njit", "--json"]).arg(s.dir().join("a/b/../../a/b/x.jpg")));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(key_of(&out).starts_with("users/"));
    }

    fn a_database_failure_after_the_upload_leaves_no_new_object(db, _dir) {
        let s = Stack::new(db);
        let first = s.upload("njit", "old.jpg", &photo(11), &["--json"]);
        assert_eq!(first.code, 0, "{}", first.stderr);
        let objects = s.objects();
        let rows = s.rows();
        inject_db_failure(db);
        let out = s.upload("njit", "new.jpg", &photo(12), &[]);
        assert_ne!(out.code, 0);
        assert!(out.stderr.contains("injected failure"), "{}", out.stderr);
        assert!(s.objects() == objects, "the new object was removed again; the old one is intact");
        assert_eq!(s.rows(), rows, "the old picture is still the current one");
        let out = run(s.pfp().args(["get-url", "--user", "njit", "--json"]));
        let (status, _, _) = http_get(json_lines(&out.stdout)[0]["presigned_url"].as_str().unwrap());
        assert_eq!(status, 200);
    }

    fn unknown_user_or_missing_bucket_uploads_nothing(db, _dir) {
        let s = Stack::new(db);
        let out = s.upload("nobody", "x.jpg", &photo(13), &[]);
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert_eq!(out.stderr.trim(), "error: user 'nobody' not found");
        assert!(s.keys().is_empty());

        let out = run(s.pfp().env("MINIO_BUCKET_NAME", "never-created").args(["upload", "--user", "njit"]).arg(s.file("y.jpg", &photo(14))));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert!(out.stderr.contains("run 'pfp bucket init'"), "{}", out.stderr);
        assert_eq!(s.picture_url(1), None);

        // The bucket is checked while the picture decodes, but the verdicts keep their
        // order: a bad picture is exit 4 and an unknown user exit 3 with its own message,
        // whatever the bucket's answer.
        let missing = || {
            let mut cmd = s.pfp();
            cmd.env("MINIO_BUCKET_NAME", "never-created");
            cmd
        };
        let out = run(missing().args(["upload", "--user", "nobody"]).arg(s.file("t.jpg", b"plain text")));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(out.stderr.contains("t.jpg"), "{}", out.stderr);
        let out = run(missing().args(["upload", "--user", "nobody"]).arg(s.file("z.jpg", &photo(15))));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert_eq!(out.stderr.trim(), "error: user 'nobody' not found");
        assert!(s.keys().is_empty());
    }

    fn get_url_expiry_check_and_sizes(db, _dir) {
        let s = Stack::new(db);
        let up = s.upload("njit", "n.jpg", &photo(15), &["--json", "--sizes", "512,64"]);
        assert_eq!(up.code, 0, "{}", up.stderr);

        let out = run(s.pfp().args(["get-url", "--user", "njit@example.edu", "--size", "64", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let r = &json_lines(&out.stdout)[0];
        assert!(r["key"].as_str().unwrap().ends_with("_64.jpg"));
        let (status, _, body) = http_get(r["presigned_url"].as_str().unwrap());
        assert_eq!(status, 200);
        assert_eq!(image::load_from_memory(&body).map(|i| i.width()).unwrap_or_else(|_| {
            let mut d = jpeg_decoder::Decoder::new(&body[..]);
            d.read_info().unwrap();
            u32::from(d.info().unwrap().width)
        }), 64);
        let out = run(s.pfp().args(["get-url", "--user", "njit", "--size", "100"]));
        assert_eq!(out.code, 3);
        assert!(out.stderr.contains("stored sizes: 512, 64"), "{}", out.stderr);

        // An expired URL is refused by the server.
        let out = run(s.pfp().args(["get-url", "--user", "njit", "--expires", "1s"]));
        assert_eq!(out.code, 0);
        std::thread::sleep(Duration::from_millis(2500));
        let (status, _, _) = http_get(out.stdout.trim());
        assert_eq!(status, 403, "expired");

        // A sum of units, as mc's --expire takes it, signs for the sum.
        let out = run(s.pfp().args(["get-url", "--user", "njit", "--expires", "1h30m"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("X-Amz-Expires=5400"), "{}", out.stdout);
        assert_eq!(http_get(out.stdout.trim()).0, 200);

        // A tampered URL is refused too.
        let out = run(s.pfp().args(["get-url", "--user", "njit"]));
        let tampered = out.stdout.trim().replace("X-Amz-Expires=3600", "X-Amz-Expires=3601");
        assert_eq!(http_get(&tampered).0, 403);

        // --check: a deleted object gives exit 3 instead of a URL that would 404.
        let key = key_of(&up);
        s.world.s3().delete(&key);
        let out = run(s.pfp().args(["get-url", "--user", "njit", "--check"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert!(out.stderr.contains("is missing from bucket"), "{}", out.stderr);
        assert_eq!(out.stdout, "");
    }

    fn a_slow_or_fast_clock_signs_urls_that_last_as_long_as_asked(db, _dir) {
        // A machine whose clock is 10 minutes slow passes SigV4 (15 minutes), so its
        // uploads work; but a URL it dated by its own clock, valid for 5 minutes, would
        // have expired on the server before anyone clicked it.
        let s = Stack::new(db);
        let near_now = |url: &str| {
            let at = signed_at(url);
            let off = std::time::SystemTime::now().duration_since(at).unwrap_or_else(|e| e.duration());
            assert!(off < Duration::from_secs(10), "dated by the server's clock: {url}");
        };
        let up = run(with_clock_off(&mut s.pfp(), "-10m").args(["upload", "--user", "njit", "--expires", "5m", "--json"]).arg(s.file("slow.jpg", &photo(31))));
        assert_eq!(up.code, 0, "{}", up.stderr);
        assert!(up.stderr.contains("warning: this machine's clock is ") && names_clock_off(&up.stderr, 10, "behind"), "{}", up.stderr);
        assert!(up.stderr.contains("(by its Date header): URLs are dated by the server's clock, so they last as long as asked; synchronise this clock (NTP)"), "{}", up.stderr);
        let url = json_lines(&up.stdout)[0]["presigned_url"].as_str().unwrap().to_owned();
        near_now(&url);
        assert_eq!(http_get(&url).0, 200, "the upload's URL works");

        let out = run(with_clock_off(&mut s.pfp(), "-10m").args(["get-url", "--user", "njit", "--expires", "5m"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stderr.matches("warning: this machine's clock").count(), 1, "warned once: {}", out.stderr);
        assert!(names_clock_off(&out.stderr, 10, "behind"), "{}", out.stderr);
        near_now(out.stdout.trim());
        assert_eq!(http_get(out.stdout.trim()).0, 200, "the URL works: {}", out.stdout);

        let out = run(with_clock_off(&mut s.pfp(), "+5m").args(["get-url", "--user", "njit", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(names_clock_off(&out.stderr, 5, "ahead of"), "{}", out.stderr);
        let r = &json_lines(&out.stdout)[0];
        near_now(r["presigned_url"].as_str().unwrap());
        let expires_at: std::time::SystemTime = chrono::DateTime::parse_from_rfc3339(r["expires_at"].as_str().unwrap()).unwrap().into();
        let hour = expires_at.duration_since(std::time::SystemTime::now()).unwrap();
        assert!(hour > Duration::from_secs(3590) && hour <= Duration::from_secs(3600), "an hour on the server's clock: {r}");

        // Without a server there is no other clock: --offline dates by this one, quietly.
        let out = run(with_clock_off(&mut s.pfp(), "-10m").args(["get-url", "--user", "njit", "--offline"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stderr.contains("clock"), "{}", out.stderr);
        let behind = std::time::SystemTime::now().duration_since(signed_at(out.stdout.trim())).unwrap();
        assert!(behind > Duration::from_secs(590), "{}", out.stdout);

        // A clock a second or two off is the Date header's resolution: not a word.
        let out = run(s.pfp().args(["get-url", "--user", "njit"]));
        assert!(!out.stderr.contains("clock"), "{}", out.stderr);
    }

    fn default_picture_for_users_without_one(db, _dir) {
        let s = Stack::new(db);
        let out = run(s.pfp().args(["get-url", "--user", "other"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert!(out.stderr.contains("no default picture is set"), "{}", out.stderr);
        assert!(out.stderr.contains("pfp set-default"), "{}", out.stderr);

        let default = s.file("default.png", &png_with_alpha(300));
        let out = run(s.pfp().args(["set-default", "--json"]).arg(&default));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let set = &json_lines(&out.stdout)[0];
        assert!(set["key"].as_str().unwrap().starts_with("defaults/"));
        assert!(set["key"].as_str().unwrap().ends_with(".png"));

        let out = run(s.pfp().args(["get-url", "--user", "other"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("User 'other' has no picture; using the default picture."), "{}", out.stderr);
        let out = run(s.pfp().args(["get-url", "--user", "other", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let r = &json_lines(&out.stdout)[0];
        assert_eq!(r["source"], "default");
        let (status, headers, _) = http_get(r["presigned_url"].as_str().unwrap());
        assert_eq!((status, headers["content-type"].to_str().unwrap()), (200, "image/png"));

        // remove: the user falls back to the default.
        assert_eq!(s.upload("njit", "mine.jpg", &photo(16), &[]).code, 0);
        let before = s.keys();
        let out = run(s.pfp().args(["remove", "--user", "njit"]));
        assert_eq!(out.code, 2, "no terminal and no --yes: {}", out.stderr);
        assert!(out.stderr.contains("--yes"), "{}", out.stderr);
        assert_eq!(s.keys(), before, "nothing removed without consent");
        let out = run(s.pfp().args(["remove", "--user", "njit", "--yes", "--purge"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("Removed the picture of user 'njit' (1 object deleted)"), "{}", out.stderr);
        assert_eq!(s.picture_url(1), None);
        assert_eq!(s.keys().len(), 1, "only the default is left: {:?}", s.keys());
        let out = run(s.pfp().args(["get-url", "--user", "njit", "--json"]));
        assert_eq!(json_lines(&out.stdout)[0]["source"], "default");

        // Replacing the default asks first, and keeps the old default for 'pfp restore
        // --default'.
        let old_default = s.keys();
        let other_default = s.file("default2.jpg", &photo(17));
        let out = run(s.pfp().arg("set-default").arg(&other_default));
        assert_eq!(out.code, 2, "{}", out.stderr);
        let out = run(s.pfp().args(["set-default", "--yes"]).arg(&other_default));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("'pfp restore --default' brings it back."), "{}", out.stderr);
        let keys = s.keys();
        assert_eq!(keys.len(), 2, "{keys:?}");
        let new_default: Vec<&String> = keys.iter().filter(|k| !old_default.contains(k)).collect();
        assert!(new_default.len() == 1 && new_default[0].starts_with("defaults/") && new_default[0].ends_with(".jpg"), "{keys:?}");
        let default_url = || json_lines(&run(s.pfp().args(["get-url", "--user", "njit", "--json"])).stdout)[0]["key"].clone();
        assert_eq!(default_url(), new_default[0].as_str());
        let out = run(s.pfp().args(["restore", "--default"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains(&format!("Restored the default picture: '{}'", old_default[0])), "{}", out.stderr);
        assert_eq!(default_url(), old_default[0].as_str());

        // A slip to generated avatars: the line says how to go back, and restore --default
        // shows the same default picture again (the style ended, nothing else changed).
        let out = run(s.pfp().args(["set-default", "--generated", "identicon", "--yes", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(json_lines(&out.stdout)[0]["replaced_picture"], old_default[0].as_str());
        let out = run(s.pfp().args(["set-default", "--generated", "initials", "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("They replace generated 'identicon' avatars: 'pfp set-default --generated identicon' brings those back."), "{}", out.stderr);
        let source = || json_lines(&run(s.pfp().args(["get-url", "--user", "njit", "--json"])).stdout)[0]["source"].clone();
        assert_eq!(source(), "generated");
        let keys = s.keys();
        let out = run(s.pfp().args(["restore", "--default"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stderr.contains(&format!("Restored the default picture: '{}'.", old_default[0]))
                && out.stderr.contains("Generated 'initials' avatars no longer stand in for it: 'pfp set-default --generated initials' brings them back."),
            "{}",
            out.stderr
        );
        assert_eq!((source(), default_url()), ("default".into(), old_default[0].as_str().into()));
        let generated: Vec<String> = s.keys().into_iter().filter(|k| !keys.contains(k)).collect();
        assert!(generated.iter().all(|k| k.starts_with("defaults/generated/")), "only the avatars get-url drew: {generated:?}");
        let current = db.query("SELECT object_key FROM pfp_pictures WHERE kind = 'default' AND user_ref = '' AND is_current = TRUE");
        assert_eq!(current, vec![Some(old_default[0].clone())], "the same default picture, not an older one");

        // Another run sets a style while a restore works (here: as the restore's own
        // ledger change commits): restore ends only the style it read, so the other
        // run's stays, and the line does not claim to have ended it.
        let out = run(s.pfp().args(["set-default", "--generated", "initials", "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        if db.is_postgres() {
            db.exec(
                "CREATE FUNCTION pfp_restyle() RETURNS trigger AS $$ BEGIN UPDATE pfp_settings SET value = 'identicon' WHERE key = 'default_style'; RETURN NULL; END $$ LANGUAGE plpgsql;
                 CREATE TRIGGER pfp_restyle AFTER UPDATE ON pfp_pictures FOR EACH STATEMENT EXECUTE FUNCTION pfp_restyle();",
            );
        } else {
            db.exec("CREATE TRIGGER pfp_restyle AFTER UPDATE ON pfp_pictures BEGIN UPDATE pfp_settings SET value = 'identicon' WHERE key = 'default_style'; END;");
        }
        let out = run(s.pfp().args(["restore", "--default", "--key", new_default[0]]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stderr.contains("avatars no longer stand in"), "{}", out.stderr);
        assert_eq!(
            db.query("SELECT value FROM pfp_settings WHERE key = 'default_style'"),
            vec![Some("identicon".to_owned())],
            "the style the other run set stays"
        );
        assert_eq!(source(), "generated");
    }

    fn public_endpoint_urls_work_through_the_public_host(db, _dir) {
        let s = Stack::new(db);
        assert_eq!(s.upload("njit", "p.jpg", &photo(18), &[]).code, 0);
        let port = forwarder(s.world.server.port());
        let public = format!("http://127.0.0.1:{port}");
        let out = run(s.pfp().args(["get-url", "--user", "njit", "--public-endpoint", &public]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let url = out.stdout.trim();
        assert!(url.starts_with(&public), "{url}");
        assert_eq!(http_get(url).0, 200, "the URL works through the public host");
        let direct = url.replace(&public, &s.world.server.endpoint());
        assert_eq!(http_get(&direct).0, 403, "it was signed for the public host only");
    }
}

#[test]
fn expiry_beyond_seven_days_is_refused_before_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    // Neither the database nor the server exists: only a local check can answer.
    let out = run(pfp_isolated(dir.path())
        .env(
            "DATABASE_URL",
            format!("postgres://x@127.0.0.1:{}/none", free_port()),
        )
        .env(
            "MINIO_ENDPOINT",
            format!("http://127.0.0.1:{}", free_port()),
        )
        .args(["get-url", "--user", "42", "--expires", "8d"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("7d (604800 s, the SigV4 limit)"),
        "{}",
        out.stderr
    );
    let out = run(pfp_isolated(dir.path()).args(["get-url", "--user", "42", "--expires", "0s"]));
    assert_eq!(out.code, 4);
    // A negative duration is named as one (the parser read `-5m` as flags: `unexpected
    // argument '-5' found`), for every duration flag.
    // (A bad --timeout is a setting's, exit 7, as from the environment or a file.)
    for (args, code) in [
        (&["get-url", "--user", "42", "--expires", "-5m"][..], 4),
        (&["verify", "--fix", "--grace", "-1h"], 4),
        (&["get-url", "--user", "42", "--timeout", "-30s"], 7),
    ] {
        let out = run(pfp_isolated(dir.path()).args(args));
        assert_eq!(out.code, code, "{args:?}: {}", out.stderr);
        let value = args[args.len() - 1];
        assert!(
            out.stderr.contains(&format!(
                "invalid duration '{value}': a duration is never negative"
            )),
            "{args:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn the_documented_workflow() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let world = World::new();
    let pfp = || {
        let mut c = world.pfp();
        c.env("DATABASE_URL", db.url())
            .env("MINIO_BUCKET_NAME", "demo");
        c
    };
    let first = run(pfp().args(["bucket", "init"]));
    let second = run(pfp().args(["bucket", "init"]));
    assert_eq!(second.stderr, "Bucket 'demo' already exists.\n");
    assert_eq!((first.code, second.code), (0, 0));
    assert_eq!(
        run(pfp().args(["user", "add", "--email", "n@njit.edu", "--nickname", "njit"])).code,
        0
    );
    let file = dir.path().join("njit.jpeg");
    std::fs::write(&file, photo(19)).unwrap();
    let out = run(pfp().args(["upload", "--user", "1"]).arg(&file));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let url = out.stdout.trim_end().to_owned();
    assert_eq!(
        out.stdout,
        format!("{url}\n"),
        "stdout is the bare URL when it is not a terminal"
    );
    // stderr is not a terminal here (a log): the documented line without the signature,
    // so the only working link is the one on stdout.
    let unsigned = url.split_once('?').unwrap().0;
    assert_eq!(
        out.stderr,
        format!(
            "File 'njit.jpeg' successfully uploaded to bucket 'demo'.\nGenerated presigned URL for 'njit.jpeg': {unsigned}?… (signature left out of logs; the URL is on stdout)\n"
        )
    );
    assert!(!out.stderr.contains("X-Amz-Signature"), "{}", out.stderr);
    assert_eq!(http_get(&url).0, 200);
    let out = run(pfp().args(["get-url", "--user", "1"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("X-Amz-Signature="), "{}", out.stdout);
    assert!(!out.stderr.contains("X-Amz-Signature"), "{}", out.stderr);
}

#[test]
fn dry_run_prints_the_plan_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let rows = s.rows();
    let out = s.upload(
        "njit",
        "plan.jpg",
        &photo(20),
        &["--dry-run", "--json", "--sizes", "512,64"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let plan = &json_lines(&out.stdout)[0];
    assert_eq!(plan["type"], "plan");
    let key = plan["key"].as_str().unwrap();
    assert!(key.starts_with("users/") && key.ends_with(".jpg"), "{key}");
    assert_eq!(plan["sizes"].as_array().unwrap().len(), 2);
    assert!(plan["bytes"].as_u64().unwrap() > 0);
    let out = s.upload("njit", "plan.jpg", &photo(20), &["--dry-run"]);
    assert!(out.stderr.contains("would store users/"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Dry run: nothing was uploaded"),
        "{}",
        out.stderr
    );
    assert!(s.keys().is_empty(), "nothing uploaded");
    assert_eq!(s.rows(), rows, "no row changed");
    // The plan is what a real upload then does.
    let real = s.upload(
        "njit",
        "plan.jpg",
        &photo(20),
        &["--json", "--sizes", "512,64"],
    );
    assert_eq!(json_lines(&real.stdout)[0]["key"], key);
}

#[test]
fn upload_reads_standard_input_with_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let out = run(s
        .pfp()
        .args(["upload", "--user", "njit", "-"])
        .write_stdin(photo(21)));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("File 'stdin' successfully uploaded to bucket"),
        "{}",
        out.stderr
    );
    assert_eq!(http_get(out.stdout.trim()).0, 200);
    assert_eq!(s.keys().len(), 1);

    // Nothing piped in (`curl -s URL | pfp upload …` where curl failed): the command
    // before the pipe is named as the likely cause, not an "empty file"; nothing changes.
    let before = (s.keys(), s.rows());
    let out = run(s
        .pfp()
        .args(["upload", "--user", "njit", "-"])
        .write_stdin(Vec::new()));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.starts_with(
            "error: stdin: nothing was piped in (standard input ended at once): did the command before '|' fail?"
        ),
        "{}",
        out.stderr
    );
    assert_eq!((s.keys(), s.rows()), before);
}

#[test]
fn a_wrong_secret_key_gives_exit_6_instead_of_dead_links() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    upload_a_picture(&s, "njit", 1);
    upload_a_picture(&s, "other", 2);
    for command in [vec!["get-url", "--user", "njit"], vec!["export-urls"]] {
        let out = run(s
            .pfp()
            .env("MINIO_SECRET_KEY", "stale-secret")
            .args(&command));
        assert_eq!(out.code, 6, "{command:?}: {}", out.stderr);
        assert!(
            !out.stdout.contains("X-Amz-Signature"),
            "{command:?}: no URL printed: {}",
            out.stdout
        );
        assert!(
            out.stderr.contains("MINIO_SECRET_KEY"),
            "{command:?}: {}",
            out.stderr
        );

        // --offline signs without asking: exit 0, and the URL is the dead link it warns of.
        let out = run(s
            .pfp()
            .env("MINIO_SECRET_KEY", "stale-secret")
            .args(&command)
            .arg("--offline"));
        assert_eq!(out.code, 0, "{command:?} --offline: {}", out.stderr);
        let url = out
            .stdout
            .split(|c: char| c.is_whitespace() || c == ',')
            .find(|w| w.starts_with("http"))
            .unwrap();
        assert_eq!(
            http_get(url).0,
            403,
            "{command:?}: signed with the wrong key"
        );
    }
    // With the right key the same commands print working links.
    let out = run(s.pfp().args(["get-url", "--user", "njit"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(http_get(out.stdout.trim()).0, 200);
}

#[test]
fn the_test_server_keeps_no_files_for_deleted_objects() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::local(&db);
    for seed in [1, 2, 3] {
        upload_a_picture(&s, "njit", seed);
    }
    // The replaced pictures, kept for 'pfp restore', past their time: deleted.
    db.exec("UPDATE pfp_pictures SET retired_at = '2000-01-01T00:00:00Z' WHERE is_current = 0");
    let out = run(s.pfp().args(["verify", "--fix", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Deleted 2 pictures replaced more than 7 days ago"),
        "{}",
        out.stdout
    );
    // One picture left; its object has one metadata sidecar, the replaced ones none
    // (pfp's markers, the store and database ids, have theirs).
    assert_eq!(s.keys().len(), 1, "{:?}", s.keys());
    assert_eq!(s.markers().len(), 2, "{:?}", s.markers());
    let sidecars: Vec<String> = std::fs::read_dir(s.world.data_root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".metadata.json"))
        .collect();
    assert_eq!(sidecars.len(), 1 + s.markers().len(), "{sidecars:?}");
}

#[test]
fn declining_a_confirmation_says_nothing_changed_without_calling_it_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    upload_a_picture(&s, "njit", 1);
    let before = s.keys();
    // On a pseudo-terminal (script), answering "n" at the prompt.
    let (code, text) = typed_on_a_terminal(&s, "remove --user njit", "n\n");
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("Cancelled; nothing was changed."), "{text:?}");
    assert!(!text.contains("error:"), "{text:?}");
    assert_eq!(s.keys(), before);
    assert!(s.picture_url(1).is_some());
}

/// `TERM=dumb` (Emacs' shell, some CI log viewers) moves no cursor and shows no colour:
/// no progress bar and no colour there, as from cargo and ripgrep; a terminal that can
/// gets both.
#[test]
fn a_dumb_terminal_gets_no_progress_bar_and_no_colour() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let folder = s.dir().join("many");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..4 {
        std::fs::write(
            folder.join(format!("x{i}.jpg")),
            jpeg(&photo_like(64, 64, i), 90),
        )
        .unwrap();
    }
    for (term, escapes) in [("xterm-256color", true), ("dumb", false)] {
        for (args, shown) in [
            ("import many --dry-run -j 1", "Dry run: 4 files"),
            ("doctor", " configuration: endpoint"),
        ] {
            let out = on_a_terminal(&s, args)
                .current_dir(s.dir())
                .env("TERM", term)
                .stdin(std::process::Stdio::null())
                .output()
                .expect("script runs");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains(shown), "{term} {args}: {text}");
            assert_eq!(text.contains('\u{1b}'), escapes, "{term} {args}: {text:?}");
        }
    }
}

#[test]
fn a_picture_from_stdin_on_a_terminal_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    upload_a_picture(&s, "njit", 1);
    let (keys, rows) = (s.keys(), s.rows());
    // On a pseudo-terminal (script): stdin is the terminal. (Before, pfp waited for a
    // picture to be typed; here, with nothing typed, it read an empty file: exit 4.)
    for args in [
        "upload --user njit -",
        "set-default - --yes",
        "validate ok.jpg -",
    ] {
        let out = on_a_terminal(&s, args)
            .current_dir(s.dir())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("script runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(2), "{args}: {text}");
        assert!(
            text.contains("'-' reads the picture from standard input, which is a terminal here: pipe the picture in"),
            "{args}: {text}"
        );
        assert_eq!((s.keys(), s.rows()), (keys.clone(), rows.clone()), "{args}");
    }
    // From a pipe, as ever.
    let photo = jpeg(&photo_like(64, 64, 2), 90);
    let out = run(s.pfp().args(["validate", "-"]).write_stdin(photo));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// A list read from `-` where standard input is a terminal (`user import -`, a manifest,
/// `export-urls --users -`): said so, with how to end it, then read as typed to Ctrl-D.
/// Before, pfp waited without a word, as if hung.
#[test]
fn a_list_read_from_a_terminal_says_so_and_ends_at_ctrl_d() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    upload_a_picture(&s, "njit", 1);
    for (args, what, typed, done) in [
        (
            "user import -",
            "the user list (CSV)",
            "email,nickname\nzed@example.com,zed\n",
            "1 row: 1 added",
        ),
        (
            "export-urls --offline --users -",
            "the users (one a line)",
            "njit\n",
            "/users/",
        ),
        (
            "import --manifest -",
            "the manifest (CSV)",
            "user,file\nnjit,new.jpg\n",
            "1 file: 1 imported",
        ),
    ] {
        std::fs::write(s.dir().join("new.jpg"), jpeg(&photo_like(64, 64, 3), 90)).unwrap();
        // Ctrl-D at the start of a line: the end of the input.
        let (code, text) = typed_on_a_terminal(&s, args, &format!("{typed}\x04"));
        assert_eq!(code, Some(0), "{args}: {text}");
        assert!(
            text.contains(&format!(
                "Reading {what} from the terminal: type it, then Ctrl-D (or pipe a file in: < FILE)."
            )) && text.contains(done),
            "{args}: {text:?}"
        );
    }
}

/// `pfp ARGS` on a pseudo-terminal (`script`), with the stack's environment: stdin,
/// stdout and stderr are the terminal; the command's output comes on script's stdout.
fn on_a_terminal(s: &Stack<'_>, args: &str) -> std::process::Command {
    common::on_a_terminal(&s.std_command(), args)
}

/// [`on_a_terminal`] in the stack's folder, with `typed` typed on the terminal once pfp
/// has started: the exit code and what the terminal showed.
fn typed_on_a_terminal(s: &Stack<'_>, args: &str, typed: &str) -> (Option<i32>, String) {
    let mut script = on_a_terminal(s, args);
    script.current_dir(s.dir());
    common::typed_on_a_terminal(script, typed)
}

/// Uploads a small generated photo (`seed` makes it distinct) for `user`.
fn upload_a_picture(s: &Stack<'_>, user: &str, seed: u64) {
    let out = s.upload(user, "photo.jpg", &jpeg(&photo_like(64, 64, seed), 90), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// A single upload's requests, as s3s-fs saw them: once the bucket and the database are
/// paired, one listing of `.pfp/` tells that the bucket exists and is this database's
/// store (no HEAD of the bucket before it), the probe's PUT of the database's marker, and
/// one PUT per rendition. The HEAD of the bucket comes only when the listing fails, for
/// its clear error: a missing bucket is "does not exist", exit 3, nothing stored (and,
/// for `remove`, nothing deleted).
#[test]
fn a_single_upload_makes_one_listing_and_no_head_of_the_bucket() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::local(&db);
    upload_a_picture(&s, "njit", 1);
    let server = s.world.server.local();
    // The requests `command` made, by operation.
    let requests = |command: &dyn Fn() -> Out| {
        let before = server.ops();
        let out = command();
        let after = server.ops();
        let made: Vec<(String, u64)> = after
            .into_iter()
            .map(|(op, n)| {
                let was = before.get(&op).copied().unwrap_or(0);
                (op, n - was)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        (out, made)
    };
    let (out, made) = requests(&|| s.upload("other", "b.jpg", &photo(2), &["--sizes", "512,128"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        made,
        [("ListObjectsV2".to_owned(), 1), ("PutObject".to_owned(), 3)],
        "the listing, the probe and the two renditions"
    );

    // Every command that checks the pairing before a change says so alike: one listing,
    // then the HEAD that names the missing bucket, and nothing written or deleted.
    let file = s.file("c.jpg", &photo(3));
    let upload = [
        "upload".as_ref(),
        "--user".as_ref(),
        "njit".as_ref(),
        file.as_os_str(),
    ];
    let remove = ["remove", "--user", "njit", "--yes"].map(std::ffi::OsStr::new);
    for args in [&upload[..], &remove[..]] {
        let (out, made) =
            requests(&|| run(s.pfp().env("MINIO_BUCKET_NAME", "never-created").args(args)));
        assert_eq!(out.code, 3, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("bucket 'never-created' does not exist")
                && out.stderr.contains("run 'pfp bucket init'"),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(
            made,
            [
                ("HeadBucket".to_owned(), 1),
                ("ListObjectsV2".to_owned(), 1)
            ],
            "{args:?}: nothing written or deleted"
        );
    }
    assert!(s.picture_url(1).is_some(), "njit keeps the picture");
}

/// A single upload asks the server, while its picture decodes, whether it honours
/// `If-None-Match: *` on PUT, by storing the database's marker again with the header:
/// where it does (s3s-fs, as MinIO, AWS S3 and Ceph RGW), each object after the decode
/// is one conditional PUT and no HEAD; where it ignores the header (Garage, s3rver:
/// injected here), a HEAD before each PUT, and the marker is as it was. Either way a
/// re-upload of the same picture neither overwrites nor removes anything.
#[test]
fn an_upload_stores_each_object_with_one_request_where_the_server_honours_conditional_puts() {
    common::on_servers_honouring_and_ignoring_if_none_match(|s, ignore| {
        let bytes = photo(41);
        let stored = 2;
        s.storing_each_object_once(ignore, stored, || {
            s.upload("njit", "photo.jpg", &bytes, &["--sizes", "512,128"])
        });
        let markers: Vec<(String, Vec<u8>)> = s
            .all_objects()
            .into_iter()
            .filter(|(k, _)| k.starts_with(".pfp/"))
            .collect();
        assert_eq!(
            markers.len(),
            2,
            "the store's and the database's: {markers:?}"
        );
        assert!(markers.iter().all(|(_, b)| b.is_empty()), "{markers:?}");

        // The same picture again: each object found present (a refused conditional PUT,
        // or a HEAD), nothing overwritten or removed, the markers as they were.
        let out = s.finding_each_object_present(ignore, stored, || {
            s.upload(
                "njit",
                "photo.jpg",
                &bytes,
                &["--sizes", "512,128", "--json", "-v"],
            )
        });
        assert_eq!(
            json_lines(&out.stdout)[0]["status"],
            "unchanged",
            "{}",
            out.stdout
        );
        // `-v` says that a refused conditional PUT uploaded nothing (the pictures', and
        // the probe's of the marker).
        let refused = |prefix: &str| {
            out.stderr
                .lines()
                .filter(|l| l.contains(&format!("'{prefix}")))
                .filter(|l| l.contains("already (412 to If-None-Match): left as it is"))
                .count() as u64
        };
        assert_eq!(
            refused("users/"),
            if ignore { 0 } else { stored },
            "{}",
            out.stderr
        );
        assert_eq!(
            refused(".pfp/databases/"),
            u64::from(!ignore),
            "{}",
            out.stderr
        );
        let after: Vec<(String, Vec<u8>)> = s
            .all_objects()
            .into_iter()
            .filter(|(k, _)| k.starts_with(".pfp/"))
            .collect();
        assert_eq!(after, markers);
        let out = run(s.pfp().args(["verify"]));
        assert_eq!(out.code, 0, "{}", out.stdout);
    });
}

/// minio-rs (built from `vendor/minio`) hashes a PUT's body on the calling task up to
/// 256 KiB and on tokio's blocking pool above that, and the server checks each body
/// against the hash it was signed with. One upload with a body on each side (a 512 px
/// PNG of noise, some 770 KB, and its 64 px rendition, a few KB): both are stored, byte
/// for byte what the pipeline makes.
#[test]
fn bodies_on_both_sides_of_the_inline_hash_limit_are_stored_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let mut rng = Rng::new(29);
    let noise = image::RgbImage::from_fn(600, 600, |_, _| {
        image::Rgb([
            rng.below(256) as u8,
            rng.below(256) as u8,
            rng.below(256) as u8,
        ])
    });
    let bytes = png(&DynamicImage::ImageRgb8(noise));
    let out = s.upload(
        "njit",
        "noise.png",
        &bytes,
        &["--json", "--output-format", "png", "--sizes", "512,64"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let key = key_of(&out);
    let options = pfp::picture::Options {
        sizes: vec![512, 64],
        output: pfp::picture::OutputChoice::Png,
        ..Default::default()
    };
    let expected = pfp::picture::process(&bytes, "noise.png", &options).unwrap();
    let objects = s.objects();
    let stored = |key: &str| {
        objects
            .iter()
            .find(|(k, _)| k == key)
            .unwrap_or_else(|| panic!("{key} is not in the bucket: {:?}", s.keys()))
            .1
            .clone()
    };
    let (large, small) = (stored(&key), stored(&key.replace(".png", "_64.png")));
    assert!(large.len() > 256 << 10, "{} bytes", large.len());
    assert!(small.len() < 256 << 10, "{} bytes", small.len());
    assert_eq!(large, expected.picture.renditions[0].bytes);
    assert_eq!(small, expected.picture.renditions[1].bytes);
}

/// A least-privilege key (object operations and listing only, as a MinIO policy of
/// s3:GetObject, s3:PutObject, s3:DeleteObject, s3:ListBucket and s3:ListAllMyBuckets
/// grants) may not ask
/// whether the bucket keeps versions: an erasure still deletes the objects, and says
/// once what it could not check and which permissions would let it.
#[test]
fn an_erasure_with_a_key_that_may_not_ask_about_versions_deletes_and_says_so() {
    let world = World::local_with(|o| common::s3server::ServerOptions {
        limited: Some(common::s3server::LimitedAccount {
            access_key: "limited-key".into(),
            secret_key: "limited-secret-0123456789".into(),
            allowed: vec![
                "GetObject",
                "HeadObject",
                "PutObject",
                "DeleteObject",
                "ListObjectsV2",
                "ListObjects",
                "HeadBucket",
                "ListBuckets",
            ],
        }),
        ..o
    });
    let db = common::db::TestDb::sqlite(world.dir.path());
    let s = Stack::with_world(&db, world);
    let limited = || {
        let mut c = s.pfp();
        c.env("MINIO_ACCESS_KEY", "limited-key")
            .env("MINIO_SECRET_KEY", "limited-secret-0123456789");
        c
    };
    for (user, name, seed) in [
        ("njit", "a.jpg", 1),
        ("njit", "b.jpg", 2),
        ("other", "c.jpg", 3),
    ] {
        let path = s.file(name, &photo(seed));
        let out = run(limited().args(["upload", "--user", user]).arg(&path));
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    // doctor passes such a key, saying what it could not look at.
    let doctor = run(limited().args(["doctor"]));
    assert_eq!(doctor.code, 0, "{}\n{}", doctor.stdout, doctor.stderr);
    assert!(
        doctor
            .stdout
            .contains("; whether it keeps versions, the keys may not ask (access denied): if it does, an erasure ('remove --purge', 'user delete') leaves earlier versions of what it erases")
            && doctor.stdout.contains(
                "- lifecycle: skipped, the keys may not read the bucket's lifecycle rules (access denied)"
            ),
        "{}",
        doctor.stdout
    );
    // A replaced picture deleted behind pfp's back: restore cannot tell whether a version
    // keeps it, and says so rather than only that it is lost.
    let kept: Vec<String> =
        s.db.query("SELECT object_key FROM pfp_pictures WHERE is_current = FALSE")
            .into_iter()
            .flatten()
            .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    s.world.s3().delete(&kept[0]);
    let restore = run(limited().args(["restore", "--user", "njit"]));
    assert_eq!(restore.code, 3, "{}", restore.stderr);
    assert!(
        restore.stderr.contains(&format!("its object '{}' is not in the bucket: nothing was changed", kept[0]))
            && restore.stderr.contains("keeps versions that could bring it back, the keys may not ask (access denied): with keys allowed s3:GetBucketVersioning and s3:ListBucketVersions, 'pfp restore' brings back what a version keeps"),
        "{}",
        restore.stderr
    );
    // verify says the same before a --fix forgets it.
    let verify = run(limited().args(["verify"]));
    assert_eq!(verify.code, 1, "{}\n{}", verify.stdout, verify.stderr);
    assert!(
        verify.stderr.contains("1 object missing from the bucket: whether bucket '")
            && verify.stderr.contains("keeps versions that could bring it back, the keys may not ask (access denied); --fix forgets what is missing"),
        "{}",
        verify.stderr
    );
    let note = "keeps versions, the keys may not ask (access denied)";
    let purged = run(limited().args(["remove", "--user", "njit", "--yes", "--purge"]));
    assert_eq!(purged.code, 0, "{}", purged.stderr);
    assert_eq!(purged.stderr.matches(note).count(), 1, "{}", purged.stderr);
    assert!(
        purged.stderr.contains("if it does, earlier versions of the erased objects stay; to erase those too, the keys need s3:GetBucketVersioning, s3:ListBucketVersions and s3:DeleteObjectVersion"),
        "{}",
        purged.stderr
    );
    let deleted = run(limited().args(["user", "delete", "other", "--yes"]));
    assert_eq!(deleted.code, 0, "{}", deleted.stderr);
    assert!(deleted.stderr.contains(note), "{}", deleted.stderr);
    assert_eq!(
        s.keys(),
        Vec::<String>::new(),
        "every picture's objects were deleted"
    );
}

/// A bucket whose object lock keeps every object a day after its upload (`mc mb
/// --with-lock`, `mc retention set --default governance 1d`): pfp cannot delete what it
/// replaced or what it is asked to erase before then. doctor says so, and an erasure's
/// warning names the lock (not the keys, which are fine), once for each object, and keeps
/// the objects recorded for a later `verify --fix`.
#[test]
fn a_bucket_whose_object_lock_keeps_pictures_is_named_and_erasures_say_why_they_could_not() {
    if server_kind() != "rgw" {
        eprintln!("object lock needs a server that has it: scripts/test-rgw runs this on Ceph RGW");
        return;
    }
    let world = World::new();
    world.s3().create_locked(1);
    let db = common::db::TestDb::sqlite(world.dir.path());
    let s = Stack::with_world(&db, world);
    let doctor = run(s.pfp().arg("doctor"));
    assert!(
        doctor.stdout.contains("; its object lock keeps every object for a time after its upload (GOVERNANCE, 1 day): pfp cannot delete a picture before then"),
        "{}",
        doctor.stdout
    );
    assert_eq!(s.upload("njit", "a.jpg", &photo(1), &[]).code, 0);
    assert_eq!(s.upload("njit", "b.jpg", &photo(2), &[]).code, 0);
    let keys = s.keys();
    let purged = run(s
        .pfp()
        .args(["remove", "--user", "njit", "--yes", "--purge"]));
    // The erasure did not erase: access denied (exit 6), after the line and the warnings
    // that say what was done and what was not. (It exited 0.)
    assert_eq!(purged.code, 6, "{}", purged.stderr);
    let locked = "was not deleted: the bucket's object lock keeps each object for a time after its upload (GOVERNANCE, 1 day), and the server refused (access denied); it stays recorded as a replaced picture, which 'pfp verify --fix' deletes once it was replaced more than 7 days ago and the retention has passed";
    assert_eq!(
        purged.stderr.matches(locked).count(),
        keys.len(),
        "{}",
        purged.stderr
    );
    assert!(
        !purged.stderr.contains("check MINIO_ACCESS_KEY"),
        "{}",
        purged.stderr
    );
    assert!(
        purged.stderr.contains("(0 objects deleted)"),
        "{}",
        purged.stderr
    );
    assert_eq!(s.keys(), keys, "the locked objects stay");
    // And stay recorded: the ledger still names them, so they are no orphans.
    let verify = run(s.pfp().args(["verify", "--json"]));
    let summary = json_lines(&verify.stdout).pop().unwrap();
    assert_eq!(summary["orphans"], 0, "{}", verify.stdout);
    assert_eq!(summary["dangling"], 0, "{}", verify.stdout);
}

// An app that still uploads the old way writes its own URL over pfp's picture: that is
// the picture the user is shown. `remove` (a moderator's request) names it, clears it
// and keeps it for `pfp restore`, which brings it back first; it was cleared and lost,
// and the question named pfp's older picture. An upload over it keeps it likewise, and
// `restore` brings back the app's, not pfp's older one beneath it. And the undo of an
// import (`restore --since --remove-first-pictures`) leaves a picture the app wrote
// since over pfp's first one, as it leaves the users the app wrote to since.
both_backends! {
    fn a_picture_the_app_wrote_over_pfps_is_kept_when_removed_or_replaced(db, _dir) {
        let s = Stack::new(db);
        let since = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let first = s.upload("njit", "a.jpg", &photo(91), &["--json"]);
        assert_eq!(first.code, 0, "{}", first.stderr);
        let pfps = key_of(&first);
        let app_value = "https://cdn.example.org/avatars/njit-2.png";
        let app_writes = |value: &str| db.exec(&format!("UPDATE users SET profile_picture_url = '{value}' WHERE id = 1"));
        app_writes(app_value);

        let out = run(s.pfp().args(["restore", "--since", &since, "--remove-first-pictures", "--yes"]));
        assert_eq!(out.code, 5, "{}", out.stderr);
        assert!(out.stderr.contains(&format!("error: the picture of user '1' is not pfp's now ('{app_value}', written by the app after pfp's)")), "{}", out.stderr);
        assert_eq!(s.picture_url(1).as_deref(), Some(app_value), "the app's stays");

        let asked = run(s.pfp().args(["remove", "--user", "1"]));
        assert_eq!(asked.code, 2, "{}", asked.stderr);
        assert!(asked.stderr.contains(&format!("Remove the picture of user '1' (the app's '{app_value}', written over pfp's '{pfps}')?")), "{}", asked.stderr);
        let out = run(s.pfp().args(["remove", "--user", "1", "--yes", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let line = &json_lines(&out.stdout)[0];
        assert_eq!((line["source"].as_str(), line["kept"]["key"].as_str()), (Some("app"), Some(app_value)), "{line}");
        assert_eq!(s.picture_url(1), None);
        let back = run(s.pfp().args(["restore", "--user", "1"]));
        assert_eq!(back.code, 0, "{}", back.stderr);
        assert_eq!(s.picture_url(1).as_deref(), Some(app_value), "the one shown comes back: {}", back.stderr);
        let kept = db.query("SELECT object_key FROM pfp_pictures WHERE is_current = FALSE");
        assert_eq!(kept, vec![Some(pfps.clone())], "pfp's older picture is kept too");

        // pfp's picture, the app's written over it, then an upload over both.
        let second = s.upload("njit", "b.jpg", &photo(92), &["--json"]);
        assert_eq!(second.code, 0, "{}", second.stderr);
        let second = key_of(&second);
        let newer = "https://cdn.example.org/avatars/njit-3.png";
        app_writes(newer);
        let third = s.upload("njit", "c.jpg", &photo(93), &["--json"]);
        assert_eq!(third.code, 0, "{}", third.stderr);
        let line = &json_lines(&third.stdout)[0];
        assert_eq!(line["replaced"]["key"].as_str(), Some(newer), "the line names what restore brings back: {line}");
        let back = run(s.pfp().args(["restore", "--user", "1"]));
        assert_eq!(back.code, 0, "{}", back.stderr);
        assert_eq!(s.picture_url(1).as_deref(), Some(newer), "the app's, not pfp's '{second}' beneath it: {}", back.stderr);

        // `verify --fix` rewrites a column from the ledger where the app wrote a URL that
        // names no object of the bucket over pfp's picture; the value it held is kept for
        // `pfp restore --key`, not lost.
        assert_eq!(s.upload("njit", "d.jpg", &photo(94), &[]).code, 0);
        let pfps = s.picture_url(1).unwrap();
        let external = "https://gravatar.example.org/avatar/njit";
        app_writes(external);
        let fixed = run(s.pfp().args(["verify", "--fix", "--yes"]));
        assert_eq!(fixed.code, 0, "{}{}", fixed.stdout, fixed.stderr);
        assert_eq!(s.picture_url(1).as_deref(), Some(pfps.as_str()), "{}", fixed.stdout);
        let back = run(s.pfp().args(["restore", "--user", "1", "--key", external]));
        assert_eq!(back.code, 0, "{}", back.stderr);
        assert_eq!(s.picture_url(1).as_deref(), Some(external));
    }
}
