//! Every `--json` object of every command has exactly the shape of its example in the
//! README's JSON table (keys, and the keys of nested objects and of array items), and
//! every row of that table is printed by some command: the table and the message types
//! cannot drift apart.

use serde_json::Value;

use crate::common;
use crate::common::fixtures::*;
use common::db::TestDb;
use common::*;

/// The README's JSON table: each row's first JSON example, with the row's label.
fn documented() -> Vec<(String, Value)> {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## JSON output")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README has a JSON output section");
    section
        .lines()
        .filter(|line| line.starts_with("| ") && line.contains("`{"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').collect();
            let (label, cell) = (cells[1].trim(), cells[2]);
            let start = cell.find("`{").expect("a JSON example") + 1;
            let end = cell[start..].find("}`").expect("the example ends") + start + 1;
            let example = serde_json::from_str(&cell[start..end])
                .unwrap_or_else(|e| panic!("README example of {label} is not JSON: {e}"));
            (label.to_owned(), example)
        })
        .collect()
}

/// Whether `actual` has the shape of `example`: the same keys at every level, array
/// items like the example's first item. `settings` (config show) is a map whose values
/// all have the shape of the example's one value.
fn same_shape(example: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (example, actual) {
        (Value::Object(e), Value::Object(a)) if path.ends_with("settings") => {
            let first = e.values().next().ok_or("an example setting")?;
            for (k, v) in a {
                same_shape(first, v, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Object(e), Value::Object(a)) => {
            let mut ek: Vec<&String> = e.keys().collect();
            let mut ak: Vec<&String> = a.keys().collect();
            ek.sort();
            ak.sort();
            if ek != ak {
                return Err(format!("{path}: keys {ak:?}, documented {ek:?}"));
            }
            for (k, v) in e {
                same_shape(v, &a[k], &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => match e.first() {
            Some(first) => a
                .iter()
                .try_for_each(|item| same_shape(first, item, &format!("{path}[]"))),
            None => Ok(()),
        },
        // Scalars and nulls: the value varies, the key is what is checked.
        _ => Ok(()),
    }
}

fn json_of(out: &Out) -> Vec<Value> {
    json_lines(&out.stdout)
}

#[test]
fn every_json_object_of_every_command_matches_the_readme_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    let good = s.file("good.jpg", &jpeg(&photo_like(300, 200, 5), 90));
    let svg = s.file("x.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let default = s.file(
        "d.png",
        &png(&image::DynamicImage::ImageRgb8(photo_like(64, 64, 9))),
    );
    let mut printed: Vec<Value> = Vec::new();
    let json = |printed: &mut Vec<Value>, args: &[&str], files: &[&std::path::Path]| {
        let out = run(s.pfp().arg("--json").args(args).args(files));
        assert!(
            out.stdout.lines().count() > 0,
            "pfp {args:?} printed no JSON: {}",
            out.stderr
        );
        printed.extend(json_of(&out));
    };

    json(&mut printed, &["bucket", "init"], &[]);
    json(&mut printed, &["bucket", "claim", "--yes"], &[]);
    json(
        &mut printed,
        &["validate"],
        &[&good, &svg, std::path::Path::new("missing.jpg")],
    );
    json(
        &mut printed,
        &["upload", "--user", "njit", "--dry-run"],
        &[&good],
    );
    json(&mut printed, &["upload", "--user", "njit"], &[&good]);
    json(&mut printed, &["get-url", "--user", "njit"], &[]);
    // njit's picture from before the hour `restore --since 1h` undoes below, and other's
    // first picture within it (named, not restored).
    db.exec("UPDATE pfp_pictures SET created_at = '2000-01-01T00:00:00Z'");
    json(&mut printed, &["upload", "--user", "other"], &[&default]);
    // A slip and its undoing: another picture replaces njit's, which restore brings back.
    json(&mut printed, &["upload", "--user", "njit"], &[&default]);
    json(&mut printed, &["restore", "--user", "njit"], &[]);
    // The slip once more, and the undo of everything since an hour ago: njit's picture
    // from before it again, listed first.
    json(&mut printed, &["upload", "--user", "njit"], &[&default]);
    json(
        &mut printed,
        &["restore", "--since", "1h", "--dry-run"],
        &[],
    );
    json(&mut printed, &["restore", "--since", "1h", "--yes"], &[]);
    json(&mut printed, &["set-default", "--yes"], &[&default]);
    json(&mut printed, &["user", "show", "njit"], &[]);
    json(&mut printed, &["user", "list"], &[]);
    json(
        &mut printed,
        &[
            "user",
            "add",
            "--email",
            "c@example.com",
            "--nickname",
            "carol",
        ],
        &[],
    );
    json(
        &mut printed,
        &["user", "update", "carol", "--email", "carol@example.org"],
        &[],
    );
    let manifest = s.file(
        "manifest.csv",
        format!(
            "user,path\nother,{}\ncarol,{}\n",
            good.display(),
            svg.display()
        )
        .as_bytes(),
    );
    json(&mut printed, &["import", "--manifest"], &[&manifest]);
    json(&mut printed, &["export-urls", "--format", "ndjson"], &[]);

    // One finding of each kind: an object deleted behind pfp's back (dangling), an
    // object no entry records (orphan), a column pointing into the bucket with no
    // entry (mismatch).
    let njit_key = printed
        .iter()
        .find(|o| o["type"] == "upload")
        .and_then(|o| o["key"].as_str())
        .unwrap()
        .to_owned();
    s.world.s3().delete(&njit_key);
    s.world
        .s3()
        .put(&stray_key("stray", 1), b"stray", "image/jpeg");
    db.exec(&format!(
        "UPDATE users SET profile_picture_url = '{}/{}/{}' WHERE nickname = 'carol'",
        s.world.server.endpoint(),
        s.world.bucket,
        stray_key("nobody", 9)
    ));
    // An app's pictures: one in the bucket (dan), one elsewhere (erin), one whose object
    // is gone (fay); user show reports them, verify finds the missing one, adopt takes
    // over what it can.
    let host = s.world.host();
    for (nick, value) in [
        ("dan", format!("{host}/{}/dan.jpeg", s.world.bucket)),
        ("erin", "https://cdn.example.org/e.png".to_owned()),
        ("fay", format!("{host}/{}/gone.jpeg", s.world.bucket)),
    ] {
        let email = format!("{nick}@example.com");
        assert_eq!(
            run(s
                .pfp()
                .args(["user", "add", "--email", &email, "--nickname", nick]))
            .code,
            0
        );
        db.exec(&format!(
            "UPDATE users SET profile_picture_url = '{value}' WHERE nickname = '{nick}'"
        ));
    }
    crate::onboarding::put_raw(&s.world, "dan.jpeg", &jpeg(&photo_like(100, 80, 3), 90));
    json(&mut printed, &["user", "show", "dan"], &[]);
    json(&mut printed, &["user", "show", "erin"], &[]);
    json(&mut printed, &["verify"], &[]);
    json(&mut printed, &["adopt", "--yes"], &[]);
    // The app writes a picture of its own over pfp's (it still uploads the old way).
    crate::onboarding::put_raw(&s.world, "dan-2.jpeg", &jpeg(&photo_like(90, 80, 4), 90));
    db.exec(&format!(
        "UPDATE users SET profile_picture_url = '{host}/{}/dan-2.jpeg' WHERE nickname = 'dan'",
        s.world.bucket
    ));
    json(&mut printed, &["user", "show", "dan"], &[]);
    json(&mut printed, &["user", "delete", "fay", "--yes"], &[]);
    let users = s.file(
        "users.csv",
        b"email,nickname,name\nzed@example.com,zed,Zed\nbad,bad,\n",
    );
    json(&mut printed, &["user", "import"], &[&users]);

    json(&mut printed, &["remove", "--user", "other", "--yes"], &[]);
    json(
        &mut printed,
        &["set-default", "--generated", "identicon", "--yes"],
        &[],
    );
    json(&mut printed, &["import", "--fill-defaults"], &[]);
    json(&mut printed, &["doctor"], &[]);
    json(&mut printed, &["config", "show"], &[]);
    json(&mut printed, &["get-url", "--user", "nobody"], &[]);
    json(&mut printed, &["upload", "--user", "carol"], &[&svg]);

    let rows = documented();
    let mut used = vec![false; rows.len()];
    for object in &printed {
        let candidates: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].1.get("type") == object.get("type"))
            .collect();
        assert!(
            !candidates.is_empty(),
            "no README row for objects of type {:?}: {object}",
            object.get("type")
        );
        let errors: Vec<String> = candidates
            .iter()
            .filter_map(|&i| match same_shape(&rows[i].1, object, "") {
                Ok(()) => {
                    used[i] = true;
                    None
                }
                Err(e) => Some(format!("{}: {e}", rows[i].0)),
            })
            .collect();
        assert!(
            errors.len() < candidates.len(),
            "{object}\nmatches no README row:\n{}",
            errors.join("\n")
        );
    }
    let unused: Vec<&str> = rows
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(row, _)| row.0.as_str())
        .collect();
    assert!(
        unused.is_empty(),
        "README rows no command printed: {unused:?}"
    );
}
