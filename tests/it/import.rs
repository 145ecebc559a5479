//! `pfp import` and `pfp export-urls`, on SQLite and PostgreSQL.

use crate::common;
use crate::common::fixtures;

use std::path::Path;

use common::*;
use fixtures::*;
use image::DynamicImage;

fn photo(seed: u64) -> Vec<u8> {
    jpeg(&photo_like(300, 200, seed), 90)
}

fn by_status(out: &Out) -> std::collections::BTreeMap<String, String> {
    json_lines(&out.stdout)
        .into_iter()
        .filter(|v| v["type"] == "import")
        .map(|v| {
            let name = Path::new(v["file"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, v["status"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn summary(out: &Out) -> serde_json::Value {
    json_lines(&out.stdout)
        .into_iter()
        .find(|v| v["type"] == "summary")
        .expect("a summary object")
}

both_backends! {
    fn a_manifests_paths_meant_otherwise_are_named_with_how_to_write_them(db, _dir) {
        // A list written in the folder of the pictures, then saved in another; one made
        // on Windows.
        let s = Stack::new(db);
        s.add_users(4);
        let lists = s.dir().join("lists");
        std::fs::create_dir_all(s.dir().join("photos")).unwrap();
        std::fs::create_dir_all(lists.join("shots")).unwrap();
        std::fs::write(s.dir().join("photos/a.jpg"), photo(1)).unwrap();
        std::fs::write(lists.join("shots/b.jpg"), photo(2)).unwrap();
        std::fs::write(lists.join("m.csv"), "user,path\nnjit,photos/a.jpg\nother,shots\\b.jpg\nuser3,C:\\Users\\ann\\c.jpg\nuser4,gone.jpg\n").unwrap();
        let out = run(s.pfp().current_dir(s.dir()).args(["import", "--json", "--manifest", "lists/m.csv"]));
        assert_eq!(out.code, 4, "{}", out.stderr);
        let rows: Vec<serde_json::Value> = json_lines(&out.stdout).into_iter().filter(|v| v["type"] == "import").collect();
        assert_eq!(rows.len(), 4, "{}", out.stdout);
        assert!(rows.iter().all(|r| r["status"] == "rejected" && r["rule"] == "missing"), "{}", out.stdout);
        let said = |user: &str| rows.iter().find(|r| r["user"] == user).unwrap()["message"].as_str().unwrap().to_owned();
        assert_eq!(said("njit"), "lists/m.csv:2: lists/photos/a.jpg: no such file; a manifest's relative paths are read from its folder ('lists'), and the current folder has 'photos/a.jpg': write them relative to the manifest's folder, or in full");
        assert!(said("other").ends_with("no such file; Windows separates folders with '\\': write 'shots/b.jpg'"), "{}", said("other"));
        assert!(said("user3").ends_with("no such file; a Windows path: list the files' paths on this machine"), "{}", said("user3"));
        assert_eq!(said("user4"), "lists/m.csv:5: lists/gone.jpg: no such file", "nothing to say about a file that is nowhere");
        assert!(s.keys().is_empty());
    }

    fn files_named_for_display_names_name_their_users_in_the_first_rejections(db, _dir) {
        let s = Stack::new(db);
        let list: String = (1..=7).map(|i| format!("n{i}@example.com,nick{i},Name {i}\n")).collect();
        let out = run(s.pfp().args(["user", "import", "-"]).write_stdin(format!("email,nickname,name\n{list}")));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let dir = s.dir().join("by-name");
        std::fs::create_dir(&dir).unwrap();
        for i in 1..=7 {
            std::fs::write(dir.join(format!("Name {i}.jpg")), photo(i)).unwrap();
        }
        let out = run(s.pfp().args(["import", "-j", "1"]).arg(&dir));
        assert_eq!(out.code, 4, "{}", out.stderr);
        let rejected: Vec<&str> = out.stderr.lines().filter(|l| l.starts_with("rejected")).collect();
        assert_eq!(rejected.len(), 7, "{}", out.stderr);
        // Each hint reads the users table through: the first five misses, not all.
        let hinted: Vec<&&str> = rejected.iter().filter(|l| l.contains("it is the name of")).collect();
        assert_eq!(hinted.len(), 5, "{}", out.stderr);
        for line in hinted {
            let i = line.split("/Name ").nth(1).unwrap().chars().next().unwrap();
            assert!(
                line.ends_with(&format!("Name {i}.jpg: user 'Name {i}' not found; it is the name of user 'nick{i}': name the file for the user's id, UUID, email or nickname, or list it in a manifest (a name is not unique)")),
                "{line}"
            );
        }
        assert!(s.keys().is_empty(), "nothing stored");
    }

    fn a_directory_of_files_named_for_users(db, _dir) {
        let s = Stack::new(db);
        s.add_users(5);
        let dir = s.dir().join("avatars");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("1.jpg"), photo(1)).unwrap();
        std::fs::write(dir.join("other@example.edu.png"), png(&DynamicImage::ImageRgb8(photo_like(120, 90, 2)))).unwrap();
        std::fs::write(dir.join("user3.jpg"), photo(3)).unwrap();
        std::fs::write(dir.join("user4.jpg"), TEXT).unwrap();
        std::fs::write(dir.join("99.jpg"), photo(5)).unwrap();
        std::fs::write(dir.join(".hidden.jpg"), photo(6)).unwrap();
        // A folder copied from Windows or a Mac: what the system left there is skipped as
        // hidden files are (Thumbs.db was rejected as user 'Thumbs').
        for litter in ["Thumbs.db", "desktop.ini", "Icon\r"] {
            std::fs::write(dir.join(litter), TEXT).unwrap();
        }
        std::fs::create_dir(dir.join("sub")).unwrap();

        let out = run(s.pfp().args(["import", "--json"]).arg(&dir));
        assert_eq!(out.code, 4, "rejected files give exit 4: {}", out.stderr);
        let statuses = by_status(&out);
        assert_eq!(statuses.len(), 5, "{statuses:?}");
        assert_eq!(statuses["1.jpg"], "done");
        assert_eq!(statuses["other@example.edu.png"], "done");
        assert_eq!(statuses["user3.jpg"], "done");
        assert_eq!(statuses["user4.jpg"], "rejected");
        assert_eq!(statuses["99.jpg"], "rejected");
        // `rule`: what a rejected file broke, as `validate` names it; null where the file
        // was not at fault (no user 99) or was imported.
        let rule = |name: &str| {
            json_lines(&out.stdout)
                .into_iter()
                .find(|v| v["type"] == "import" && v["file"].as_str().is_some_and(|f| f.ends_with(name)))
                .map(|v| v["rule"].clone())
                .unwrap()
        };
        assert_eq!(rule("user4.jpg"), "unsupported_format", "{}", out.stdout);
        assert_eq!(rule("99.jpg"), serde_json::Value::Null, "{}", out.stdout);
        assert_eq!(rule("1.jpg"), serde_json::Value::Null, "{}", out.stdout);
        let sum = summary(&out);
        assert_eq!((sum["done"].as_u64(), sum["rejected"].as_u64(), sum["failed"].as_u64()), (Some(3), Some(2), Some(0)));

        assert_eq!(s.keys().len(), 3, "{:?}", s.keys());
        for id in [1, 2, 3] {
            let url = s.picture_url(id).expect("the row points at the picture");
            assert!(s.keys().iter().any(|k| url.ends_with(k.as_str())), "{url}");
        }
        assert_eq!(s.picture_url(4), None);

        // Human output: problems and a summary line on stderr, nothing on stdout.
        std::fs::remove_file(dir.join("user4.jpg")).unwrap();
        std::fs::remove_file(dir.join("99.jpg")).unwrap();
        let out = run(s.pfp().arg("import").arg(&dir));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stdout, "");
        assert!(out.stderr.contains("3 files: 0 imported, 3 unchanged, 0 rejected, 0 failed."), "{}", out.stderr);
        // The subfolder is skipped, and said to be, with the way to import a folder per
        // user (an app's `uploads/42/avatar.jpg`), which read as "0 files", exit 0.
        let shown = dir.display().to_string();
        assert!(
            out.stderr.contains(&format!("warning: 1 subfolder in '{shown}' skipped: import reads the files directly in the directory"))
                && out.stderr.contains(&format!("give a manifest: find '{shown}' -mindepth 2 -type f")),
            "{}",
            out.stderr
        );
    }

    // The preview of a manifest: each row says what it would do, whose picture it would
    // replace, and nothing changes (not the bucket, not a row, not the store's markers).
    fn a_dry_run_says_what_each_row_would_do_and_changes_nothing(db, _dir) {
        let s = Stack::new(db);
        s.add_users(3);
        assert_eq!(s.upload("2", "old.jpg", &photo(20), &[]).code, 0);
        assert_eq!(s.upload("3", "same.jpg", &photo(30), &[]).code, 0);
        let old = s.picture_url(2).unwrap();
        let files = s.dir().join("files");
        std::fs::create_dir(&files).unwrap();
        for (name, bytes) in [("a.jpg", photo(1)), ("b.jpg", photo(2)), ("c.jpg", photo(30)), ("d.jpg", TEXT.to_vec())] {
            std::fs::write(files.join(name), bytes).unwrap();
        }
        let manifest = s.file("m.csv", b"user,path\n1,files/a.jpg\n2,files/b.jpg\n3,files/c.jpg\nother@example.edu,files/d.jpg\n");
        let before = (s.all_objects(), s.rows(), s.markers());

        let out = run(s.pfp().args(["import", "--json", "--dry-run", "--manifest"]).arg(&manifest));
        assert_eq!(out.code, 4, "a rejected row is exit 4, as in a real run: {}", out.stderr);
        assert_eq!(
            by_status(&out).into_iter().collect::<Vec<_>>(),
            [("a.jpg", "would_import"), ("b.jpg", "would_replace"), ("c.jpg", "unchanged"), ("d.jpg", "rejected")]
                .map(|(f, st)| (f.to_owned(), st.to_owned())),
            "{}",
            out.stdout
        );
        let replace = json_lines(&out.stdout).into_iter().find(|l| l["status"] == "would_replace").unwrap();
        assert_eq!(replace["message"].as_str(), Some(old.as_str()), "{replace}");
        let sum = summary(&out);
        assert_eq!((sum["done"].as_u64(), sum["dry_run"].as_bool()), (Some(2), Some(true)), "{sum}");
        assert_eq!((s.all_objects(), s.rows(), s.markers()), before, "nothing changed");

        // On the terminal: every row, then the summary.
        let out = run(s.pfp().args(["import", "--dry-run", "--manifest"]).arg(&manifest));
        assert!(
            out.stderr.contains(&format!("(replacing {old})"))
                && out.stderr.contains("would_import")
                && out.stderr.contains("Dry run: 4 files: 2 would be imported, 1 unchanged, 1 rejected, 0 failed; nothing was changed."),
            "{}",
            out.stderr
        );
        assert_eq!((s.all_objects(), s.rows(), s.markers()), before);
        // The real run then does what the dry run said; the picture it replaced is kept,
        // and 'pfp restore' undoes the replacement.
        let out = run(s.pfp().args(["import", "--json", "-v", "--manifest"]).arg(&manifest));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert_eq!((summary(&out)["done"].as_u64(), summary(&out)["replaced"].as_u64()), (Some(2), Some(1)));
        let replaced = json_lines(&out.stdout).into_iter().find(|l| l["user"] == "2").unwrap();
        let old_key = replaced["replaced"].as_str().expect("the replaced picture's key").to_owned();
        assert!(old.ends_with(&old_key), "{replaced}");
        assert!(s.keys().contains(&old_key), "kept in the bucket: {:?}", s.keys());
        assert_ne!(s.picture_url(2).unwrap(), old);
        let out = run(s.pfp().args(["restore", "--user", "2"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(s.picture_url(2).unwrap(), old, "the slip undone");
    }

    fn an_import_is_undone_from_its_own_json_lines(db, _dir) {
        // A manifest whose rows slipped by one: users 1 and 2 had pictures, 3 had none,
        // and every file lands on the wrong user. examples/undo-import.sh, fed the
        // import's own --json -v lines, gives 1 and 2 exactly their pictures back and
        // takes 3's away again; 4's picture, the app's (a URL pfp did not write), is
        // written back exactly.
        let s = Stack::new(db);
        s.add_users(4);
        assert_eq!(s.upload("1", "one.jpg", &photo(51), &[]).code, 0);
        assert_eq!(s.upload("2", "two.jpg", &photo(52), &[]).code, 0);
        db.exec("UPDATE users SET profile_picture_url = 'https://cdn.example.org/u/4.png?v=2' WHERE id = 4");
        let columns = || (1..=4).map(|id| s.picture_url(id)).collect::<Vec<_>>();
        let before = columns();
        for (name, seed) in [("a.jpg", 61), ("b.jpg", 62), ("c.jpg", 63), ("d.jpg", 64)] {
            s.file(name, &photo(seed));
        }
        s.file("m.csv", b"user,path\n1,b.jpg\n2,c.jpg\n3,a.jpg\n4,d.jpg\n");
        let out = s.shell("pfp import --json -v --manifest m.csv > import.ndjson", &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(columns().iter().zip(&before).all(|(now, was)| now != was), "{:?}", columns());
        let undo = s.shell(&format!("bash {}/examples/undo-import.sh import.ndjson", env!("CARGO_MANIFEST_DIR")), &[]);
        assert_eq!(undo.code, 0, "{}{}", undo.stdout, undo.stderr);
        assert_eq!(columns(), before, "{}", undo.stderr);
        assert!(undo.stderr.contains("Restored the picture of user '1'"), "{}", undo.stderr);
        assert!(undo.stderr.contains("Removed the picture of user '3'"), "{}", undo.stderr);
        assert!(undo.stderr.contains("Restored the picture of user '4': the app's 'https://cdn.example.org/u/4.png?v=2'"), "{}", undo.stderr);
        let verify = run(s.pfp().arg("verify"));
        assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
    }

    fn an_import_is_undone_by_restoring_what_was_replaced_since_it_began(db, _dir) {
        // The same slip, and its JSON lines not kept: `restore --since` finds in the
        // ledger every user whose picture was replaced since the import began and gives
        // each the picture it had then (the app's value to 4 as it was); 3, whose
        // first picture it was, is named in the summary, not touched; 5, whose column
        // the app wrote after the import, fails alone (exit 5) and keeps the app's.
        // 6 had no picture either, and uploaded once more after the import: its
        // imported picture came since too, and is not brought back (it was).
        let s = Stack::new(db);
        s.add_users(6);
        assert_eq!(s.upload("1", "one.jpg", &photo(51), &[]).code, 0);
        assert_eq!(s.upload("2", "two.jpg", &photo(52), &[]).code, 0);
        assert_eq!(s.upload("5", "five.jpg", &photo(53), &[]).code, 0);
        db.exec("UPDATE users SET profile_picture_url = 'https://cdn.example.org/u/4.png?v=2' WHERE id = 4");
        let columns = || (1..=4).map(|id| s.picture_url(id)).collect::<Vec<_>>();
        let before = columns();
        for (name, seed) in [("a.jpg", 61), ("b.jpg", 62), ("c.jpg", 63), ("d.jpg", 64), ("e.jpg", 66), ("f.jpg", 67)] {
            s.file(name, &photo(seed));
        }
        s.file("m.csv", b"user,path\n1,b.jpg\n2,c.jpg\n3,a.jpg\n4,d.jpg\n5,e.jpg\n6,f.jpg\n");
        std::thread::sleep(std::time::Duration::from_millis(1500));
        // Half a second before the import began, as a time (a duration, "90m", moves on
        // with the clock while the test runs; the forms are parsed alike).
        let since = (chrono::Utc::now() - chrono::Duration::milliseconds(500))
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let out = run(s.pfp().current_dir(s.dir()).args(["import", "--manifest", "m.csv"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        // And 2 uploads once more after the import: what 2 had when it began is what
        // comes back, not the import's picture in between.
        assert_eq!(s.upload("2", "again.jpg", &photo(65), &[]).code, 0);
        assert_eq!(s.upload("6", "six-again.jpg", &photo(68), &[]).code, 0);
        let six = s.picture_url(6);
        let apps_new = "https://cdn.example.org/u/5-new.png";
        db.exec(&format!("UPDATE users SET profile_picture_url = '{apps_new}' WHERE id = 5"));
        let imported = columns();
        assert!(imported.iter().zip(&before).all(|(now, was)| now != was), "{imported:?}");

        // Asked first: without a terminal, refused without --yes; a dry run says what.
        let out = run(s.pfp().args(["restore", "--since", &since]));
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains("Restore the pictures of 4 users replaced since "), "{}", out.stderr);
        assert!(out.stderr.contains("pass --yes"), "{}", out.stderr);
        let out = run(s.pfp().args(["restore", "--since", &since, "--dry-run", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let lines = json_lines(&out.stdout);
        let users: Vec<&str> = lines.iter().filter(|l| l["type"] == "would_restore").map(|l| l["user"].as_str().unwrap()).collect();
        assert_eq!(users, ["1", "2", "4", "5"], "{}", out.stdout);
        let first: Vec<&str> = lines.iter().filter(|l| l["type"] == "first_picture_since").map(|l| l["user"].as_str().unwrap()).collect();
        assert_eq!(first, ["3", "6"], "{}", out.stdout);
        let last = lines.last().unwrap();
        assert_eq!((last["users"].as_u64(), last["first_pictures"].as_u64(), last["dry_run"].as_bool()), (Some(4), Some(2), Some(true)), "{last}");
        assert_eq!(columns(), imported, "the dry run changed nothing");
        // Pointed at the wrong bucket (a typo of a bucket that exists), it changes nothing.
        let typo = format!("{}-typo", s.world.bucket);
        assert_eq!(run(s.pfp().args(["--bucket", &typo, "bucket", "init"])).code, 0);
        let out = run(s.pfp().args(["--bucket", &typo, "restore", "--since", &since, "--yes"]));
        assert_eq!(out.code, 7, "{}", out.stderr);
        assert!(out.stderr.contains("refusing to change anything"), "{}", out.stderr);
        assert_eq!(columns(), imported, "the wrong bucket changed nothing");

        let out = run(s.pfp().args(["restore", "--since", &since, "--yes"]));
        assert_eq!(out.code, 5, "{}", out.stderr);
        assert!(out.stderr.contains(&format!("error: the picture of user '5' is not pfp's now ('{apps_new}'")), "{}", out.stderr);
        assert_eq!(s.picture_url(5).as_deref(), Some(apps_new), "the app's stays");
        let now = columns();
        assert_eq!((&now[0], &now[1], &now[3]), (&before[0], &before[1], &before[3]), "{}", out.stderr);
        assert_eq!(now[2], imported[2], "3's first picture stays");
        assert_eq!(s.picture_url(6), six, "6's picture stays: nothing of before the import to bring back");
        assert!(out.stderr.contains("User '6' had no picture then: its first, 'users/"), "{}", out.stderr);
        assert!(out.stderr.contains("Restored the picture of user '4': the app's 'https://cdn.example.org/u/4.png?v=2'"), "{}", out.stderr);
        assert!(out.stderr.contains("4 users had their picture replaced since "), "{}", out.stderr);
        assert!(out.stderr.contains(": 3 restored, 1 failed. 2 users got a first picture since then"), "{}", out.stderr);
        // The one thing out of step is the app's own write to 5's column.
        let verify = run(s.pfp().arg("verify"));
        assert_eq!(verify.code, 1, "{}{}", verify.stdout, verify.stderr);
        assert!(verify.stdout.contains(&format!("user 5: picture column {apps_new} but the ledger says")), "{}", verify.stdout);
        assert!(verify.stdout.contains("1 problem left"), "{}", verify.stdout);

        // Run again (after 5's failure, say), it finds nothing more to undo: each restored
        // user has what it had then, and the import's pictures it replaced came since.
        let out = run(s.pfp().args(["restore", "--since", &since, "--dry-run", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let lines = json_lines(&out.stdout);
        let users: Vec<&str> = lines.iter().filter(|l| l["type"] == "would_restore").map(|l| l["user"].as_str().unwrap()).collect();
        assert_eq!(users, ["5"], "{}", out.stdout);
        let out = run(s.pfp().args(["restore", "--since", &since, "--yes"]));
        assert_eq!(out.code, 5, "{}", out.stderr);
        assert_eq!(columns(), now, "a second run undid nothing of the first");
        // `--remove-first-pictures` takes the first pictures away too, as `pfp remove`
        // does: asked about, listed by a dry run, each kept for `pfp restore`.
        let (three, six) = (s.picture_url(3), s.picture_url(6));
        let out = run(s.pfp().args(["restore", "--since", &since, "--remove-first-pictures"]));
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains("each to the one it had then, and remove the first pictures of 2 users ("), "{}", out.stderr);
        let out = run(s.pfp().args(["restore", "--since", &since, "--remove-first-pictures", "--dry-run"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("User '3' had no picture then: its first, 'users/"), "{}", out.stderr);
        assert!(out.stderr.contains("2 users got a first picture since then, which would be removed (named above)."), "{}", out.stderr);
        assert_eq!((s.picture_url(3), s.picture_url(6)), (three.clone(), six.clone()), "the dry run removed nothing");
        let out = run(s.pfp().args(["restore", "--since", &since, "--remove-first-pictures", "--yes", "--json"]));
        assert_eq!(out.code, 5, "user 5 fails again: {}", out.stderr);
        let lines = json_lines(&out.stdout);
        let removed: Vec<&str> = lines.iter().filter(|l| l["type"] == "removed").map(|l| l["user"].as_str().unwrap()).collect();
        assert_eq!(removed, ["3", "6"], "{}", out.stdout);
        let last = lines.last().unwrap();
        assert_eq!(
            (last["first_pictures"].as_u64(), last["first_pictures_removed"].as_u64(), last["first_pictures_failed"].as_u64(), last["failed"].as_u64()),
            (Some(2), Some(2), Some(0), Some(1)),
            "{last}"
        );
        assert_eq!((s.picture_url(3), s.picture_url(6)), (None, None), "{}", out.stderr);
        assert_eq!(columns()[..2], now[..2], "{}", out.stderr);
        // Run again, there is nothing left to remove; and each removal is kept for
        // `pfp restore`, which brings it back.
        let out = run(s.pfp().args(["restore", "--since", &since, "--remove-first-pictures", "--dry-run", "--json"]));
        let last = json_lines(&out.stdout).pop().unwrap();
        assert_eq!(last["first_pictures"].as_u64(), Some(0), "{last}");
        for (user, was) in [("3", &three), ("6", &six)] {
            let out = run(s.pfp().args(["restore", "--user", user]));
            assert_eq!(out.code, 0, "{}", out.stderr);
            assert_eq!(&s.picture_url(user.parse().unwrap()), was);
        }
        // The first pictures it names, removed from its own lines (the README's pipeline).
        let out = s.shell(
            &format!("pfp restore --since {since} --yes --json | jq -r 'select(.type == \"first_picture_since\") | .user' | xargs -r -n1 pfp remove --yes --user"),
            &[],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!((s.picture_url(3), s.picture_url(6)), (None, None), "{}", out.stderr);
        assert_eq!(columns()[..2], now[..2], "{}", out.stderr);
        // Further back than a replaced picture is kept, it says the list may not be whole.
        let out = run(s.pfp().args(["restore", "--since", "8d", "--dry-run"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("warning: a replaced picture is kept 7 days, then deleted"), "{}", out.stderr);
        let out = run(s.pfp().args(["restore", "--since", "6d", "--dry-run"]));
        assert!(!out.stderr.contains("warning:"), "{}", out.stderr);
        // A time to come, or no time at all, is refused naming the value.
        for bad in ["2999-01-01T00:00:00Z", "yesterday"] {
            let out = run(s.pfp().args(["restore", "--since", bad, "--yes"]));
            assert_eq!(out.code, 2, "{}", out.stderr);
            assert!(out.stderr.contains(&format!("invalid --since '{bad}'")), "{}", out.stderr);
        }
    }

    fn a_manifest_with_or_without_header_and_from_stdin(db, _dir) {
        let s = Stack::new(db);
        s.add_users(4);
        std::fs::write(s.dir().join("a.jpg"), photo(7)).unwrap();
        std::fs::write(s.dir().join("b, with comma.jpg"), photo(8)).unwrap();
        let manifest = s.dir().join("list.csv");
        std::fs::write(&manifest, "user,path\nnjit,a.jpg\nuser3@example.com,\"b, with comma.jpg\"\n\n").unwrap();
        let out = run(s.pfp().args(["import", "--json", "--manifest"]).arg(&manifest));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let statuses = by_status(&out);
        assert_eq!(statuses.values().filter(|v| *v == "done").count(), 2, "{statuses:?}");

        let abs = s.dir().join("c.jpg");
        std::fs::write(&abs, photo(9)).unwrap();
        let out = run(s.pfp().args(["import", "--json", "--manifest", "-"]).write_stdin(format!("user4,{}\n", abs.display())));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(summary(&out)["done"], 1);
        assert!(s.picture_url(4).is_some());

        let bad = s.dir().join("bad.csv");
        std::fs::write(&bad, "njit,a.jpg,extra\n").unwrap();
        let out = run(s.pfp().args(["import", "--manifest"]).arg(&bad));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(out.stderr.contains("line 1: expected two fields"), "{}", out.stderr);
        assert!(out.stderr.contains("1 file: 0 imported, 0 unchanged, 1 rejected, 0 failed."), "{}", out.stderr);

        // An app's picture URLs where paths belong: each row named a URL, not a file
        // missing under the manifest's folder ('list/https://…: no such file').
        let urls = s.dir().join("urls.csv");
        std::fs::write(&urls, "user,path
njit,https://cdn.example.com/a.jpg
user3,s3://demo/b.jpg
").unwrap();
        let out = run(s.pfp().args(["import", "--manifest"]).arg(&urls));
        assert_eq!(out.code, 4, "{}", out.stderr);
        for (line, url) in [(2, "https://cdn.example.com/a.jpg"), (3, "s3://demo/b.jpg")] {
            assert!(
                out.stderr.contains(&format!("line {line}: '{url}' is a URL, and pfp imports files: download the pictures first")),
                "{}",
                out.stderr
            );
        }
        assert!(out.stderr.contains("'pfp adopt' takes them as they are"), "{}", out.stderr);
        // A path as a shell would write it: '~' is named as not expanded.
        let tilde = s.dir().join("tilde.csv");
        std::fs::write(&tilde, "njit,~/photos/a.jpg\n").unwrap();
        let out = run(s.pfp().args(["import", "--manifest"]).arg(&tilde));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(
            out.stderr.contains("line 1: '~/photos/a.jpg': no such file; a manifest's paths are read as written, and '~' is the shell's"),
            "{}",
            out.stderr
        );

        // Saved by Excel in a locale whose decimal mark is a comma: ';'-separated (each
        // row was one field, rejected as 'expected two fields').
        std::fs::write(s.dir().join("d.jpg"), photo(10)).unwrap();
        let excel = s.dir().join("excel.csv");
        std::fs::write(&excel, "user;path\r\nuser3@example.com;d.jpg\r\n").unwrap();
        let out = run(s.pfp().args(["import", "--json", "--manifest"]).arg(&excel));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(summary(&out)["done"], 1);
    }

    fn a_manifest_is_imported_while_it_is_still_being_written(db, _dir) {
        use std::io::{BufRead as _, Write as _};
        let s = Stack::new(db);
        let first = s.file("first.jpg", &photo(11));
        let second = s.file("second.jpg", &photo(12));
        let mut child = s
            .std_command()
            .args(["import", "--json", "--manifest", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        // An import that waits for the end of the manifest would wait forever: stopped
        // after a minute, it fails the test below instead of hanging it.
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let pid = child.id().to_string();
        std::thread::spawn(move || {
            let waited = finished.recv_timeout(std::time::Duration::from_secs(60));
            if waited == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                let _ = std::process::Command::new("kill").args(["-9", &pid]).status();
            }
        });
        writeln!(stdin, "njit,{}", first.display()).unwrap();
        stdin.flush().unwrap();
        // The first row is imported while the manifest is still open: the report arrives
        // before the second row is even written.
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let report: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|_| panic!("no report while the manifest was open: {line:?}"));
        drop(done);
        assert_eq!((report["user"].as_str(), report["status"].as_str()), (Some("njit"), Some("done")), "{line}");
        assert!(s.picture_url(1).is_some());
        writeln!(stdin, "other,{}", second.display()).unwrap();
        drop(stdin);
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
        assert!(child.wait().unwrap().success(), "{rest}");
        let summary = json_lines(&rest).pop().unwrap();
        assert_eq!((summary["files"].as_u64(), summary["done"].as_u64()), (Some(2), Some(2)), "{rest}");
        assert!(s.picture_url(2).is_some());
    }

    fn a_rerun_after_a_partial_run_finishes_the_rest(db, _dir) {
        let s = Stack::new(db);
        s.add_users(8);
        let dir = s.dir().join("all");
        std::fs::create_dir(&dir).unwrap();
        for i in 1..=8u64 {
            std::fs::write(dir.join(format!("{i}.jpg")), photo(100 + i)).unwrap();
        }
        // The "interrupted" first run got through half of the files.
        let manifest: String = (1..=4).map(|i| format!("{i},{}\n", dir.join(format!("{i}.jpg")).display())).collect();
        let out = run(s.pfp().args(["import", "--json", "--manifest", "-"]).write_stdin(manifest));
        assert_eq!(summary(&out)["done"], 4, "{}", out.stdout);
        let objects = s.objects();

        let out = run(s.pfp().args(["import", "--json"]).arg(&dir));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let statuses = by_status(&out);
        for i in 1..=4 {
            assert_eq!(statuses[&format!("{i}.jpg")], "unchanged");
        }
        for i in 5..=8 {
            assert_eq!(statuses[&format!("{i}.jpg")], "done");
        }
        assert_eq!(s.keys().len(), 8);
        for (key, bytes) in &objects {
            assert!(s.objects().iter().any(|(k, b)| k == key && b == bytes), "{key} untouched");
        }
    }

    fn a_fingerprint_of_an_older_pfp_is_replaced_by_the_next_run(db, _dir) {
        let s = Stack::new(db);
        s.add_users(3);
        let dir = s.dir().join("again");
        std::fs::create_dir(&dir).unwrap();
        for i in 1..=3u64 {
            std::fs::write(dir.join(format!("{i}.jpg")), photo(300 + i)).unwrap();
        }
        let out = run(s.pfp().args(["import", "--json"]).arg(&dir));
        assert_eq!(summary(&out)["done"], 3, "{}", out.stdout);
        let sources =
            || s.db.query("SELECT source FROM pfp_pictures WHERE is_current = TRUE ORDER BY source");
        let recorded = sources();
        assert_eq!(recorded.len(), 3, "{recorded:?}");
        // What a ledger written by an older pfp holds: the same pictures, fingerprinted
        // another way. The next run decodes the files, finds each picture current and
        // records this version's fingerprint, so the run after it skips them.
        s.db.exec("UPDATE pfp_pictures SET source = 'pfp-pipeline-1|an older hash'");
        let objects = s.objects();
        let out = run(s.pfp().args(["import", "--json"]).arg(&dir));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let statuses = by_status(&out);
        assert_eq!(statuses.len(), 3, "{}", out.stdout);
        assert!(statuses.values().all(|st| st == "unchanged"), "{statuses:?}");
        assert_eq!(sources(), recorded, "this version's fingerprints, recorded again");
        assert_eq!(s.objects(), objects, "nothing stored or removed");
    }
}

#[test]
fn failed_uploads_are_reported_and_do_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::with_world(&db, World::new());
    s.add_users(4);
    let user3 = json_lines(&run(s.pfp().args(["user", "show", "3", "--json"])).stdout)[0]["fields"]
        ["uuid"]
        .as_str()
        .unwrap()
        .to_owned();
    drop(s);

    // A second stack over the same database, whose server answers 503 for user 3's folder.
    let world = World::with_faults(Some(&user3));
    let pfp = || {
        let mut c = world.pfp();
        c.env("DATABASE_URL", db.url()).args(["--retries", "1"]);
        c
    };
    assert_eq!(run(pfp().args(["bucket", "init"])).code, 0);
    let avatars = world.dir.path().join("avatars");
    std::fs::create_dir(&avatars).unwrap();
    for i in 1..=4u64 {
        std::fs::write(avatars.join(format!("{i}.jpg")), photo(200 + i)).unwrap();
    }
    std::fs::write(avatars.join("2.jpg"), SVG).unwrap();
    let out = run(pfp().args(["import", "--json"]).arg(&avatars));
    assert_eq!(
        out.code, 5,
        "retryable failures give exit 5: {}",
        out.stderr
    );
    let statuses = by_status(&out);
    assert_eq!(statuses["1.jpg"], "done");
    assert_eq!(statuses["2.jpg"], "rejected");
    assert_eq!(statuses["3.jpg"], "failed");
    assert_eq!(statuses["4.jpg"], "done");
    let failed = json_lines(&out.stdout)
        .into_iter()
        .find(|v| v["status"] == "failed")
        .unwrap();
    assert_eq!(failed["exit_code"], 5);
    assert!(
        failed["message"].as_str().unwrap().contains("SlowDown"),
        "{failed}"
    );
    assert!(
        db.query("SELECT profile_picture_url FROM users WHERE id = 3")[0].is_none(),
        "no row for the failed file"
    );
}

both_backends! {
    fn export_gives_every_user_a_working_url(db, _dir) {
        let s = Stack::new(db);
        s.add_users(6);
        assert_eq!(s.upload("njit", "n.jpg", &photo(300), &["--sizes", "512,64"]).code, 0);
        assert_eq!(s.upload("user3", "u3.jpg", &photo(301), &[]).code, 0);

        // Without a default, users without a picture have no URL: exit 3 and a warning.
        let out = run(s.pfp().arg("export-urls"));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert!(out.stderr.contains("4 users have no picture and no default picture is set"), "{}", out.stderr);

        let default = s.file("default.png", &png_with_alpha(64));
        assert_eq!(run(s.pfp().args(["set-default", "--yes"]).arg(&default)).code, 0);
        let out = run(s.pfp().args(["export-urls", "--expires", "15m"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), ["user", "source", "size", "key", "url", "expires_at"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 6);
        let sources: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
        assert_eq!(sources, ["user", "default", "user", "default", "default", "default"]);
        for row in [&rows[0], &rows[1], &rows[2]] {
            assert!(row[4].contains("X-Amz-Expires=900"), "{}", &row[4]);
            assert_eq!(http_get(&row[4]).0, 200, "{}", &row[4]);
        }

        let out = run(s.pfp().args(["export-urls", "--json", "--size", "64"]));
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.len(), 6);
        assert!(lines[0]["key"].as_str().unwrap().ends_with("_64.jpg"), "{}", lines[0]);
        assert_eq!(http_get(lines[0]["url"].as_str().unwrap()).0, 200);

        let list = s.file("some-users.txt", b"njit\nuser4@example.com\n");
        let out = run(s.pfp().args(["export-urls", "--format", "ndjson", "--users"]).arg(&list));
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.iter().map(|l| l["user"].as_str().unwrap()).collect::<Vec<_>>(), ["1", "4"]);
        assert_eq!(lines[1]["source"], "default");

        // A list saved by Excel or Notepad starts with an invisible byte-order mark: the
        // first user is still found.
        let list = s.file("bom-users.txt", "\u{feff}njit\r\nuser4@example.com\r\n".as_bytes());
        let out = run(s.pfp().args(["export-urls", "--format", "ndjson", "--users"]).arg(&list));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.iter().map(|l| l["user"].as_str().unwrap()).collect::<Vec<_>>(), ["1", "4"]);
    }
}

/// A file name is a stranger's text: one whose bytes are not UTF-8 names no user (its
/// lossy spelling, U+FFFD for each stray byte, would be a nickname anyone could choose),
/// and one with a newline or an escape cannot break or forge a line of the report.
#[test]
fn file_names_that_are_not_text_name_no_user_and_forge_no_line() {
    use std::os::unix::ffi::OsStrExt as _;
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let out = run(s.pfp().args([
        "user",
        "add",
        "--email",
        "r@example.com",
        "--nickname",
        "\u{fffd}\u{fffd}",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let avatars = s.dir().join("avatars");
    std::fs::create_dir(&avatars).unwrap();
    let stray = std::ffi::OsStr::from_bytes(b"\xff\xfe.jpg");
    std::fs::write(avatars.join(stray), photo(1)).unwrap();
    std::fs::write(avatars.join("x\nrejected  y\u{1b}[2J.jpg"), photo(2)).unwrap();
    let before = s.rows();

    let out = run(s.pfp().arg("import").arg(&avatars));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the file name is not UTF-8, so it names no user"),
        "{}",
        out.stderr
    );
    // Two files, two report lines and the summary: the newline and the escape are shown
    // as escapes, in the file's name and in the user it was taken for.
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stderr);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("user 'x\\u{a}rejected  y\\u{1b}[2J' not found")),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
    assert_eq!(s.rows(), before, "no row changed");
    assert!(
        s.keys().iter().all(|k| k.starts_with(".pfp/")),
        "{:?}",
        s.keys()
    );

    let out = run(s.pfp().args(["import", "--json"]).arg(&avatars));
    assert_eq!(out.code, 4, "{}", out.stderr);
    let lines = json_lines(&out.stdout);
    let rejected: Vec<_> = lines.iter().filter(|l| l["status"] == "rejected").collect();
    assert_eq!(rejected.len(), 2, "{}", out.stdout);
    assert!(
        rejected.iter().all(|l| l["exit_code"] == 4),
        "{}",
        out.stdout
    );
    assert_eq!(s.rows(), before, "no row changed");
}

#[test]
fn a_second_file_for_one_user_is_refused_and_the_first_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let avatars = s.dir().join("avatars");
    std::fs::create_dir(&avatars).unwrap();
    // Two files for one user: if both were imported, which one won would be chance.
    let jpg = photo(1);
    let png_bytes = png(&DynamicImage::ImageRgb8(photo_like(40, 40, 2)));
    std::fs::write(avatars.join("njit.jpg"), &jpg).unwrap();
    std::fs::write(avatars.join("njit.png"), &png_bytes).unwrap();
    let out = run(s.pfp().args(["import", "--json"]).arg(&avatars));
    assert_eq!(out.code, 4, "{}", out.stdout);
    let lines = json_lines(&out.stdout);
    let done: Vec<&serde_json::Value> = lines.iter().filter(|l| l["status"] == "done").collect();
    let refused: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l["status"] == "rejected").collect();
    assert_eq!((done.len(), refused.len()), (1, 1), "{}", out.stdout);
    let message = refused[0]["message"].as_str().unwrap();
    // Named by both files: the one refused and the one imported.
    let refused_file = refused[0]["file"].as_str().unwrap();
    let other = if refused_file.ends_with("njit.jpg") {
        "njit.png"
    } else {
        "njit.jpg"
    };
    assert!(
        message.contains(&format!("user 1 ('njit') has a picture in {other} already")),
        "{message}"
    );
    assert!(
        message.contains(refused[0]["file"].as_str().unwrap()),
        "{message}"
    );
    assert_ne!(done[0]["file"], refused[0]["file"]);
    // The bucket holds the picture of the file reported done, and only that one.
    let url = s.picture_url(1).unwrap();
    assert!(url.ends_with(done[0]["key"].as_str().unwrap()), "{url}");
    let summary = lines.last().unwrap();
    assert_eq!(
        (summary["files"].as_u64(), summary["rejected"].as_u64()),
        (Some(2), Some(1))
    );

    // In a manifest the first row is the one imported, the later one refused by line.
    let manifest = s.file(
        "twice.csv",
        format!(
            "njit,{}\nnjit,{}\n",
            avatars.join("njit.png").display(),
            avatars.join("njit.jpg").display()
        )
        .as_bytes(),
    );
    let out = run(s
        .pfp()
        .args(["import", "--json", "--manifest"])
        .arg(&manifest));
    assert_eq!(out.code, 4, "{}", out.stdout);
    let lines = json_lines(&out.stdout);
    let status = |file: &str| {
        lines
            .iter()
            .filter(|l| {
                l["file"].as_str().is_some_and(|f| f.ends_with(file)) && l["user"] == "njit"
            })
            .map(|l| l["status"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(status("njit.jpg"), ["rejected"], "{}", out.stdout);
    assert!(
        matches!(status("njit.png")[..], [ref s] if s == "done" || s == "unchanged"),
        "{}",
        out.stdout
    );

    // 002.jpg would be user 2 by id: refused unless --user-by says what it is.
    std::fs::remove_file(avatars.join("njit.png")).unwrap();
    std::fs::remove_file(avatars.join("njit.jpg")).unwrap();
    std::fs::write(avatars.join("002.jpg"), photo(3)).unwrap();
    let out = run(s.pfp().args(["import", "--json"]).arg(&avatars));
    assert_eq!(out.code, 4, "{}", out.stdout);
    assert!(out.stdout.contains("leading zeros"), "{}", out.stdout);
    assert_eq!(s.picture_url(2), None);
    let out = run(s.pfp().args(["import", "--user-by", "id"]).arg(&avatars));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(s.picture_url(2).is_some());
}

#[test]
fn lists_with_endless_lines_are_refused_without_reading_them_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let endless = "x".repeat(200_000);
    let out = run(s
        .pfp()
        .args(["export-urls", "--users", "-"])
        .write_stdin(endless.clone()));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("longer than 65536 bytes"),
        "{}",
        out.stderr
    );
    let manifest = s.file("m.csv", format!("njit,\"{endless}\"\n").as_bytes());
    let out = run(s.pfp().args(["import", "--manifest"]).arg(&manifest));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("longer than 65536 bytes"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_import_of_hostile_and_huge_files_at_once_stays_within_the_memory_budget() {
    // Two 36-megapixel 16-bit PNGs (about 420 MiB each to decode) and the hostile
    // classes, eight files in flight: decodes only run side by side while their memory
    // fits, so the process stays under the README's 512 MB.
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    s.add_users(7);
    let avatars = s.dir().join("avatars");
    std::fs::create_dir(&avatars).unwrap();
    let huge = png(&DynamicImage::ImageRgba16(image::ImageBuffer::from_fn(
        6000,
        6000,
        |x, y| image::Rgba([(x * 9) as u16, (y * 7) as u16, 30_000, 65_535]),
    )));
    let gib = 1u64 << 30;
    let files: [(&str, Vec<u8>); 7] = [
        ("1.png", huge.clone()),
        ("2.png", huge),
        ("3.png", png_with_metadata_bomb(b"iCCP", gib)),
        ("4.png", png_with_endless_image_data(gib)),
        ("5.jpg", jpeg_with_empty_scans(2000, 2000, 3000)),
        ("6.gif", gif_with_large_frames(16, 600, 3)),
        ("7.png", png_with_metadata_bomb(b"zTXt", gib)),
    ];
    for (name, bytes) in &files {
        std::fs::write(avatars.join(name), bytes).unwrap();
    }
    let m = run_measured(
        s.std_command()
            .args(["import", "--json", "-j", "8"])
            .arg(&avatars),
    );
    assert_eq!(m.out.code, 4, "{}", m.out.stderr);
    let statuses = by_status(&m.out);
    for name in ["1.png", "2.png", "3.png", "7.png"] {
        assert_eq!(statuses[name], "done", "{statuses:?}");
    }
    for name in ["4.png", "5.jpg", "6.gif"] {
        assert_eq!(statuses[name], "rejected", "{statuses:?}");
    }
    assert!(
        m.peak_rss <= 512 << 20,
        "peak memory {} MiB, over the budget of 512 MiB",
        m.peak_rss >> 20
    );
}

#[test]
fn files_read_ahead_of_their_decode_hold_a_bounded_amount_however_many_are_in_flight() {
    // 40 files of about 4 MB, every one in flight at once: they are read far faster than
    // they decode (two decodes a core), so without a bound all 40 would sit in pfp's
    // memory waiting for a decoder (160 MB). What they hold together is bounded (64
    // MiB), so pfp's own process with 40 in flight peaks at most about that much above
    // one with 4 in flight (which hold 16 MB). pfp's own high-water mark is what is
    // compared: the jailed decoders' memory does not depend on -j (two decodes a core),
    // and the tree's summed resident sizes count the pages its processes share once for
    // each (the decoder's code, an input mapped by pfp and by its child), a sum that
    // moved by 95 MiB between runs when the machine was crowded (2026-12-08, on RGW:
    // 239 MiB against 144-169 in the runs around it), where pfp's own peak measured
    // 85-86 MiB with 40 in flight and 36 with 4 in each of four runs.
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    s.add_users(80);
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let noise = image::RgbImage::from_fn(1000, 1000, |_, _| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        image::Rgb([state as u8, (state >> 8) as u8, (state >> 16) as u8])
    });
    let big = jpeg(&noise, 100);
    assert!(
        (3 << 20..5 << 20).contains(&big.len()),
        "the file is {} bytes, not the 3-5 MiB this test needs",
        big.len()
    );
    // Each import for 40 users of its own: the second would otherwise find the first's
    // pictures current and decode nothing.
    let peak = |jobs: &str, users: std::ops::RangeInclusive<u32>| {
        let files = s.dir().join(format!("photos-{jobs}"));
        std::fs::create_dir(&files).unwrap();
        for user in users {
            std::fs::write(files.join(format!("{user}.jpg")), &big).unwrap();
        }
        let m = run_measured(
            s.std_command()
                .args(["import", "--json", "-j", jobs])
                .arg(&files),
        );
        assert_eq!(m.out.code, 0, "{}", m.out.stderr);
        assert_eq!(summary(&m.out)["done"], 40, "{}", m.out.stdout);
        assert!(
            m.peak_rss <= 512 << 20,
            "-j {jobs}: the process tree peaked at {} MiB, over the budget of 512 MiB",
            m.peak_rss >> 20
        );
        m.own_peak
    };
    let few = peak("4", 1..=40);
    let many = peak("40", 41..=80);
    assert!(
        many.saturating_sub(few) <= 80 << 20,
        "pfp with 40 files in flight peaked at {} MiB, with 4 at {} MiB: the files read \
         ahead of their decode are not bounded",
        many >> 20,
        few >> 20
    );
}

/// A stack whose server holds every upload for `put_delay`, with 30 users and a folder
/// of 30 pictures named by user id.
fn held_stack<'a>(
    dir: &Path,
    db: &'a common::db::TestDb,
    put_delay: std::time::Duration,
) -> (Stack<'a>, std::path::PathBuf) {
    let world = World::local_with(|o| common::s3server::ServerOptions {
        put_delay: Some(put_delay),
        ..o
    });
    let s = Stack::with_world(db, world);
    s.add_users(30);
    let files = dir.join("legacy");
    std::fs::create_dir(&files).unwrap();
    for id in 1..=30 {
        std::fs::write(files.join(format!("{id}.jpg")), photo(id)).unwrap();
    }
    (s, files)
}

/// Starts `pfp import -j 2 --manifest -` with a row for each of the 30 pictures on its
/// stdin, which is left open (returned) so the reader waits for more, and returns once
/// pfp handles Ctrl-C itself: its reader thread runs (the handler follows within
/// milliseconds), plus half a second.
fn start_import(s: &Stack<'_>, files: &Path) -> (std::process::Child, std::process::ChildStdin) {
    use std::io::Write;
    let mut child = s
        .std_command()
        .args(["import", "-j", "2", "--manifest", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for id in 1..=30 {
        writeln!(stdin, "{id},{}", files.join(format!("{id}.jpg")).display()).unwrap();
    }
    stdin.flush().unwrap();
    let pid = child.id();
    // The thread's name as the kernel keeps it: its first 15 bytes.
    let reading = || {
        std::fs::read_dir(format!("/proc/{pid}/task"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|t| {
                std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| {
                    "pfp-import-reader".starts_with(c.trim()) && c.trim().len() >= 15
                })
            })
    };
    let started = std::time::Instant::now();
    while !reading() {
        assert!(
            started.elapsed().as_secs() < 60,
            "the import never started reading"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Files in flight: their uploads are held by the slow server.
    s.world.server.wait_for_picture_puts(1);
    (child, stdin)
}

fn interrupt(child: &std::process::Child) {
    // SAFETY: kill(2) on our own child's pid.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
}

#[test]
fn ctrl_c_finishes_the_files_in_flight_and_counts_what_was_never_started() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let (s, files) = held_stack(dir.path(), &db, std::time::Duration::from_millis(2500));
    let (child, stdin) = start_import(&s, &files);
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    // "Interrupted: 2 of 30 files read finished (2 imported, …); 28 not started."
    let line = stderr
        .lines()
        .find(|l| l.starts_with("Interrupted: "))
        .unwrap_or_else(|| panic!("no summary: {stderr}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    let finished: u64 = words[1].parse().unwrap();
    let read: u64 = words[3].parse().unwrap();
    let not_started: u64 = words[words.len() - 3].parse().unwrap();
    assert_eq!(read, 30, "every row was read ahead: {line}");
    assert!((1..30).contains(&finished), "{line}");
    assert_eq!(finished + not_started, read, "{line}");
    assert!(
        line.contains(&format!(
            "({finished} imported, 0 unchanged, 0 rejected, 0 failed)"
        )),
        "{line}"
    );
    // What finished is recorded and stored; nothing else is.
    let recorded =
        db.query("SELECT CAST(count(*) AS TEXT) FROM users WHERE profile_picture_url IS NOT NULL");
    assert_eq!(recorded, vec![Some(finished.to_string())]);
    assert_eq!(run(s.pfp().arg("verify")).code, 0);
}

#[test]
fn a_second_ctrl_c_stops_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    // Uploads held far longer than the test waits: only the second Ctrl-C ends the run.
    let (s, files) = held_stack(dir.path(), &db, std::time::Duration::from_secs(120));
    let (mut child, _stdin) = start_import(&s, &files);
    interrupt(&child);
    std::thread::sleep(std::time::Duration::from_millis(300));
    interrupt(&child);
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed().as_secs() > 60 {
            let _ = child.kill();
            panic!("a second Ctrl-C did not stop the import");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains(
            "warning: stopped at once: 2 files in flight left unfinished (run `pfp verify`)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("Interrupted: 0 of 30 files read finished"),
        "{stderr}"
    );
    // Nothing recorded: no row points at an object.
    let recorded =
        db.query("SELECT CAST(count(*) AS TEXT) FROM users WHERE profile_picture_url IS NOT NULL");
    assert_eq!(recorded, vec![Some("0".to_owned())]);
}

/// Where the server refuses `If-None-Match: *` PUTs of existing keys (s3s-fs, as MinIO,
/// AWS S3 and Ceph RGW), each new object is one PUT; where it ignores the header
/// (Garage, s3rver: injected here), pfp finds that out once per run and asks HEAD before
/// each PUT. Either way the bucket and the database end the same, and a re-run stores
/// nothing again.
#[test]
fn conditional_writes_are_used_only_where_the_server_honours_them() {
    common::on_servers_honouring_and_ignoring_if_none_match(|s, ignore| {
        s.add_users(6);
        let files = s.dir().join("files");
        std::fs::create_dir_all(&files).unwrap();
        for i in 1..=6u32 {
            std::fs::write(files.join(format!("{i}.jpg")), photo(700 + u64::from(i))).unwrap();
        }
        let stored = 6;
        s.storing_each_object_once(ignore, stored, || run(s.pfp().arg("import").arg(&files)));
        // The probe stored the database's marker again: nothing else under `.pfp/`.
        assert_eq!(s.markers().len(), 2, "{:?}", s.markers());
        let out = run(s.pfp().args(["verify"]));
        assert_eq!(out.code, 0, "{}", out.stdout);

        // A re-run: every file unchanged, nothing stored again.
        let server = s.world.server.local();
        let puts = server.picture_puts_started();
        let out = run(s.pfp().args(["import", "--json"]).arg(&files));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            import_statuses(&out.stdout)
                .iter()
                .all(|st| st == "unchanged"),
            "{}",
            out.stdout
        );
        assert_eq!(server.picture_puts_started(), puts);

        // The objects are there but the ledger no longer knows these sources (as after
        // a run that stored them and then lost its database's record): the files are
        // decoded again and each object is found present, by a refused conditional PUT
        // or by a HEAD, and neither overwritten nor counted as this run's.
        s.db.exec("UPDATE pfp_pictures SET source = 'forgotten'");
        let out = s.finding_each_object_present(ignore, stored, || {
            run(s.pfp().args(["import", "--json"]).arg(&files))
        });
        let statuses = import_statuses(&out.stdout);
        assert_eq!(statuses.len(), 6, "{}", out.stdout);
        assert!(
            statuses.iter().all(|st| st != "failed" && st != "rejected"),
            "{statuses:?}"
        );
        let out = run(s.pfp().args(["verify"]));
        assert_eq!(out.code, 0, "{}", out.stdout);
    });
}

/// A stack with users 1..=`n` (3.. added in bulk) and a folder of `n` photos named
/// for them.
fn batch_stack(db: &common::db::TestDb, n: u32) -> (Stack<'_>, std::path::PathBuf) {
    let s = Stack::new(db);
    let rows: Vec<String> = (3..=n)
        .map(|i| format!("('00000000-0000-4000-8000-{i:012}', 'user{i}@example.com', 'user{i}', 'now', 'now')"))
        .collect();
    db.exec(&format!(
        "INSERT INTO users (uuid, email, nickname, created_at, updated_at) VALUES {}",
        rows.join(", ")
    ));
    let dir = s.dir().join("batch");
    std::fs::create_dir(&dir).unwrap();
    for i in 1..=n {
        std::fs::write(
            dir.join(format!("{i}.jpg")),
            jpeg(&photo_like(64, 48, 900 + u64::from(i)), 85),
        )
        .unwrap();
    }
    (s, dir)
}

/// What the bucket and the database say of each user after an import: every file
/// reported `done` (or `unchanged`) has its row pointing at an object in the bucket and a current ledger
/// entry; every file reported `failed` left its row empty, no ledger entry and nothing in
/// its folder. Returns the failed files.
fn check_each_file(s: &Stack<'_>, out: &Out, n: u32) -> Vec<u32> {
    let statuses = by_status(out);
    assert_eq!(statuses.len(), n as usize, "{statuses:?}");
    let keys = s.keys();
    let mut failed = Vec::new();
    for i in 1..=n {
        let uuid = if i <= 2 {
            s.db.query(&format!(
                "SELECT CAST(uuid AS TEXT) FROM users WHERE id = {i}"
            ))[0]
                .clone()
                .unwrap()
        } else {
            format!("00000000-0000-4000-8000-{i:012}")
        };
        let in_folder = keys.iter().filter(|k| k.contains(&uuid)).count();
        let entries = s.db.query(&format!(
            "SELECT object_key FROM pfp_pictures WHERE user_ref = '{i}'"
        ));
        match statuses[&format!("{i}.jpg")].as_str() {
            "done" | "unchanged" => {
                assert_picture_in_bucket(s, &keys, i);
                assert_eq!(entries.len(), 1, "user {i}: {entries:?}");
            }
            "failed" => {
                assert_eq!(
                    s.picture_url(i),
                    None,
                    "user {i} failed but its row changed"
                );
                assert!(
                    entries.is_empty(),
                    "user {i} failed but the ledger has {entries:?}"
                );
                assert_eq!(
                    in_folder, 0,
                    "user {i} failed but left objects in the bucket"
                );
                failed.push(i);
            }
            other => panic!("user {i}: {other}"),
        }
    }
    failed
}

/// User `i`'s picture column names one of `keys` (the bucket's objects).
fn assert_picture_in_bucket(s: &Stack<'_>, keys: &[String], i: u32) {
    let url = s
        .picture_url(i)
        .unwrap_or_else(|| panic!("user {i} has no picture"));
    assert!(
        keys.iter().any(|k| url.ends_with(k.as_str())),
        "user {i}: {url} is not in the bucket"
    );
}

/// Every file reported failed (at least one) says `why`.
fn assert_failures_say(out: &Out, why: &str) {
    let failed: Vec<_> = json_lines(&out.stdout)
        .into_iter()
        .filter(|v| v["status"] == "failed")
        .collect();
    assert!(!failed.is_empty(), "{}", out.stdout);
    for report in failed {
        assert!(
            report["message"].as_str().unwrap().contains(why),
            "{report}"
        );
    }
}

both_backends! {
    fn a_file_whose_change_fails_among_the_files_in_flight_fails_alone(db, _dir) {
        // SQLite: import commits many files' changes together (users::group), and a file
        // whose change fails is rolled back to its savepoint. PostgreSQL: the files'
        // transactions run side by side on connections of their own
        // (`Db::parallel_writers`), and the failing one is rolled back alone. Either way
        // the rest lands.
        let (s, files) = batch_stack(db, 40);
        db.exec(if db.is_postgres() {
            "CREATE FUNCTION refuse_7() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
               IF NEW.user_ref = '7' THEN RAISE EXCEPTION 'user 7 is refused by a trigger'; END IF; \
               RETURN NEW; END $$; \
             CREATE TRIGGER refuse_7 BEFORE INSERT ON pfp_pictures FOR EACH ROW EXECUTE FUNCTION refuse_7()"
        } else {
            "CREATE TRIGGER refuse_7 BEFORE INSERT ON pfp_pictures WHEN NEW.user_ref = '7' \
             BEGIN SELECT RAISE(ABORT, 'user 7 is refused by a trigger'); END"
        });
        let out = run(s.pfp().args(["import", "--json"]).arg(&files));
        assert_ne!(out.code, 0, "{}", out.stderr);
        assert_eq!(check_each_file(&s, &out, 40), vec![7]);
        assert_failures_say(&out, "user 7 is refused by a trigger");
    }

    fn a_commit_that_fails_fails_each_of_its_files_and_leaves_nothing_behind(db, _dir) {
        // A constraint checked only at COMMIT (a deferred foreign key, put there by a
        // trigger on user 7's entry). SQLite: the whole batch user 7's file is in fails,
        // every file of it reported failed and undone, the files of other batches land.
        // PostgreSQL: user 7's own transaction fails, and it alone.
        let (s, files) = batch_stack(db, 40);
        db.exec(
            "CREATE TABLE trap (id INTEGER PRIMARY KEY); \
             CREATE TABLE trap_ref (ref INTEGER REFERENCES trap(id) DEFERRABLE INITIALLY DEFERRED)",
        );
        db.exec(if db.is_postgres() {
            "CREATE FUNCTION trap_7() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
               IF NEW.user_ref = '7' THEN INSERT INTO trap_ref VALUES (99); END IF; \
               RETURN NEW; END $$; \
             CREATE TRIGGER trap_7 AFTER INSERT ON pfp_pictures FOR EACH ROW EXECUTE FUNCTION trap_7()"
        } else {
            "CREATE TRIGGER trap_7 AFTER INSERT ON pfp_pictures WHEN NEW.user_ref = '7' \
             BEGIN INSERT INTO trap_ref VALUES (99); END"
        });
        let out = run(s.pfp().args(["import", "--json"]).arg(&files));
        assert_ne!(out.code, 0, "{}", out.stderr);
        let failed = check_each_file(&s, &out, 40);
        if db.is_postgres() {
            assert_eq!(failed, vec![7]);
            assert_failures_say(&out, "violates foreign key constraint");
        } else {
            assert!(failed.contains(&7), "{failed:?}");
            assert!(failed.len() < 40, "only user 7's batch fails: {failed:?}");
            assert_failures_say(&out, "FOREIGN KEY constraint failed");
        }
        // Run again without the trap: the failed files are imported, the rest unchanged.
        db.exec(if db.is_postgres() {
            "DROP TRIGGER trap_7 ON pfp_pictures"
        } else {
            "DROP TRIGGER trap_7"
        });
        let out = run(s.pfp().args(["import", "--json"]).arg(&files));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(check_each_file(&s, &out, 40).is_empty());
        let statuses = by_status(&out);
        assert_eq!(
            statuses.values().filter(|st| *st == "done").count(),
            failed.len(),
            "{statuses:?}"
        );
    }
}

both_backends! {
    fn uploads_by_another_process_during_an_import_wait_for_it_and_both_land(db, _dir) {
        // SQLite: the other process takes a user's owner lock and then waits for SQLite's
        // write lock, which the import's open batch holds; the import may meanwhile wait for
        // that owner lock. A batch is committed within milliseconds whatever its files wait
        // for, so neither side waits for SQLite's 5 s busy timeout, and nothing is lost.
        // PostgreSQL: the owner locks (advisory, on the import's first connection) and the
        // row locks (taken by its writers' transactions) against another process's.
        let (s, files) = batch_stack(db, 60);
        let import = s
            .std_command()
            .args(["import", "--json"])
            .arg(&files)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let uploads: Vec<_> = (1..=12u32)
            .map(|i| {
                let path = s.dir().join(format!("other{i}.jpg"));
                std::fs::write(&path, jpeg(&photo_like(64, 48, 5000 + u64::from(i)), 85)).unwrap();
                s.std_command()
                    .args(["upload", "--user", &(i * 5).to_string()])
                    .arg(&path)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for upload in uploads {
            let out = upload.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let out = import.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Each of the 60 users has one current picture, in the bucket; nothing else is.
        let keys = s.keys();
        for i in 1..=60 {
            assert_picture_in_bucket(&s, &keys, i);
        }
        let verify = run(s.pfp().args(["verify"]));
        assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
        let current = db.query("SELECT object_key FROM pfp_pictures WHERE is_current = TRUE");
        assert_eq!(current.len(), 60, "one current picture per user: {current:?}");
        // The pictures replaced (by the import or by the uploads, whichever came second)
        // are kept for 'pfp restore', each with the time it was replaced, its objects in
        // the bucket (verify above found none missing).
        let kept = db.query("SELECT retired_at FROM pfp_pictures WHERE is_current = FALSE");
        assert!(!kept.is_empty() && kept.iter().all(Option::is_some), "{kept:?}");
    }
}

#[test]
fn an_import_goes_on_over_fewer_postgresql_connections_when_the_server_refuses_more() {
    // On PostgreSQL an import opens a connection per file in flight (up to 4) for the
    // files' transactions. A role the server allows two connections gets one of them
    // (the first is pfp's own); the server refuses the rest, and every file is imported.
    // PostgreSQL counts sessions that start together against each other, so the four
    // opened at once may all be refused (CI met that once): pfp then asks for the rest
    // one at a time, and gets the one slot that was left.
    import_with_a_connection_limit(2, "1 of 4 more PostgreSQL connections");
}

#[test]
fn an_import_refused_every_extra_connection_runs_on_the_one_with_its_lookups_pipelined() {
    // Allowed one connection, the import's transactions go over the one that also
    // carries its pipelined lookups and owner locks: a lookup queued there never runs
    // inside another file's transaction (each holds the connection to its end), and
    // every file lands.
    import_with_a_connection_limit(1, "0 of 4 more PostgreSQL connections");
}

/// An import of 30 files with `-j 8` as a role the server allows `limit` connections.
fn import_with_a_connection_limit(limit: u32, said: &str) {
    let db = common::db::TestDb::postgres();
    let (s, files) = batch_stack(&db, 30);
    let common::db::TestDb::Postgres { schema, .. } = &db else {
        unreachable!()
    };
    let role = format!("pfp_limited_{}_{limit}", std::process::id());
    let base = common::db::postgres_base();
    common::db::pg_exec(
        &base,
        &format!("DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN CONNECTION LIMIT {limit}"),
    );
    /// Drops the role however the test ends (its grants first).
    struct Role<'a>(&'a str, &'a str);
    impl Drop for Role<'_> {
        fn drop(&mut self) {
            common::db::pg_exec(self.1, &format!("DROP OWNED BY {0}; DROP ROLE {0}", self.0));
        }
    }
    let _role = Role(&role, &base);
    db.exec(&format!(
        "GRANT USAGE, CREATE ON SCHEMA {schema} TO {role}; \
         GRANT ALL ON ALL TABLES IN SCHEMA {schema} TO {role}; \
         GRANT ALL ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"
    ));
    let (scheme, rest) = db.url().split_once("://").unwrap();
    let host = rest.split_once('@').map_or(rest, |(_, host)| host);
    let url = format!("{scheme}://{role}@{host}");
    let out = run(s
        .pfp()
        .env("DATABASE_URL", &url)
        .args(["import", "--json", "-v", "-j", "8"])
        .arg(&files));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(said) && out.stderr.contains("refused"),
        "{}",
        out.stderr
    );
    assert!(check_each_file(&s, &out, 30).is_empty());
    let verify = run(s.pfp().args(["verify"]));
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
}

/// `pfp import users.csv` with `--manifest` forgotten: refused before anything runs,
/// naming the flag; a folder that is not there is exit 3.
#[test]
fn an_import_of_a_file_without_manifest_names_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let manifest = s.file("m.csv", b"user,path\nnjit,n.jpg\n");
    let out = run(s.pfp().arg("import").arg(&manifest));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "a file of user,path rows is read with --manifest '{}'",
            manifest.display()
        )),
        "{}",
        out.stderr
    );
    let out = run(s.pfp().arg("import").arg(s.dir().join("nowhere")));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(!out.stderr.contains("--manifest"), "{}", out.stderr);
}
