//! Generated default avatars: deterministic, distinct, valid, and served like any picture.

use crate::common;

use std::collections::HashSet;

use common::*;
use pfp::picture::avatar::{Style, render};

fn png_bytes(style: Style, seed: &str, label: &str) -> Vec<u8> {
    let image = render(style, seed, label, 128);
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[test]
fn the_same_user_always_gets_the_same_bytes() {
    for style in [Style::Identicon, Style::Initials] {
        let a = png_bytes(
            style,
            "6f1c2a1e-6bd4-4b43-9a0e-2f4a4b3c2d1e",
            "Ada Lovelace",
        );
        let b = png_bytes(
            style,
            "6f1c2a1e-6bd4-4b43-9a0e-2f4a4b3c2d1e",
            "Ada Lovelace",
        );
        assert_eq!(a, b, "{style:?}");
    }
}

#[test]
fn a_thousand_users_get_a_thousand_different_avatars() {
    for style in [Style::Identicon, Style::Initials] {
        let distinct: HashSet<Vec<u8>> = (0..1000)
            .map(|i| {
                // Same-looking users on purpose: one initial for all of them.
                render(
                    style,
                    &format!("00000000-0000-4000-8000-{i:012}"),
                    "user",
                    64,
                )
                .into_raw()
            })
            .collect();
        assert_eq!(distinct.len(), 1000, "{style:?}");
    }
}

#[test]
fn every_size_is_a_valid_png() {
    for style in [Style::Identicon, Style::Initials] {
        let png = png_bytes(style, "seed", "Grace Hopper");
        let options = pfp::picture::Options {
            output: pfp::picture::OutputChoice::Png,
            sizes: vec![512, 256, 128, 64],
            ..Default::default()
        };
        let processed = pfp::picture::process(&png, "avatar.png", &options).unwrap();
        for r in &processed.picture.renditions {
            let decoded =
                image::load_from_memory_with_format(&r.bytes, image::ImageFormat::Png).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (r.width, r.height));
        }
    }
}

#[test]
fn get_url_makes_the_avatar_on_first_use_and_reuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    s.add_users(4);
    let out = run(s.pfp().args(["set-default", "--generated", "identicon"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(s.keys().is_empty(), "nothing is made before it is needed");

    let out = run(s.pfp().args(["get-url", "--user", "njit", "--json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let first = &json_lines(&out.stdout)[0];
    assert_eq!(first["source"], "generated");
    let key = first["key"].as_str().unwrap().to_owned();
    assert!(
        key.starts_with("defaults/generated/") && key.ends_with(".png"),
        "{key}"
    );
    let (status, headers, body) = http_get(first["presigned_url"].as_str().unwrap());
    assert_eq!(
        (status, headers["content-type"].to_str().unwrap()),
        (200, "image/png")
    );
    assert!(image::load_from_memory(&body).is_ok());

    let out = run(s.pfp().args(["get-url", "--user", "njit", "--json"]));
    assert_eq!(
        json_lines(&out.stdout)[0]["key"],
        key.as_str(),
        "stored once, reused"
    );
    assert_eq!(s.keys(), vec![key.clone()]);
    let other = run(s.pfp().args(["get-url", "--user", "other", "--json"]));
    assert_ne!(
        json_lines(&other.stdout)[0]["key"],
        key.as_str(),
        "another user, another avatar"
    );

    // --fill-defaults makes the rest; users with a picture of their own are skipped.
    assert_eq!(s.upload("user3", "u3.jpg", &common_photo(), &[]).code, 0);
    let out = run(s.pfp().args(["import", "--fill-defaults"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("ready for 3 users without a picture"),
        "{}",
        out.stderr
    );
    assert_eq!(
        s.keys()
            .iter()
            .filter(|k| k.starts_with("defaults/generated/"))
            .count(),
        3
    );
    assert_eq!(
        s.picture_url(4),
        None,
        "a generated avatar is not the user's own picture"
    );
    let out = run(s.pfp().arg("verify"));
    assert_eq!(out.code, 0, "{}", out.stdout);
}

fn common_photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 128]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

const SEED: &str = "6f1c2a1e-6bd4-4b43-9a0e-2f4a4b3c2d1e";

/// The names of the issue, each with its reviewed rendering (128 px) in
/// tests/fixtures/avatars. `PFP_BLESS_AVATARS=1` rewrites them after a deliberate change
/// (then look at them, and bump the style's version in `Style::version`).
const NAMES: &[(&str, &str)] = &[
    ("Zoë Ångström", "zoe-angstrom"),
    ("Émile Zola", "emile-zola"),
    ("Ольга Петрова", "olga-petrova"),
    ("Σοφία Παπαδοπούλου", "sofia-papadopoulou"),
    ("Ada Lovelace", "ada-lovelace"),
];

fn fixture(file: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/avatars")
        .join(format!("{file}.png"))
}

#[test]
fn initials_are_drawn_with_a_real_face_and_match_their_reviewed_pictures() {
    for (name, file) in NAMES {
        let got = render(Style::Initials, SEED, name, 128);
        if std::env::var_os("PFP_BLESS_AVATARS").is_some() {
            got.save(fixture(file)).unwrap();
        }
        let want = image::open(fixture(file)).unwrap().to_rgb8();
        assert_eq!(got.dimensions(), want.dimensions());
        // Compared as pictures: no pixel off by more than a rounding step or two.
        let worst = got
            .as_raw()
            .iter()
            .zip(want.as_raw())
            .map(|(a, b)| a.abs_diff(*b))
            .max()
            .unwrap();
        assert!(
            worst <= 2,
            "{name}: a pixel differs by {worst} from {file}.png"
        );
        // Anti-aliased: the edges have many levels between the letter and the ground.
        let levels: HashSet<[u8; 3]> = got.pixels().map(|p| p.0).collect();
        assert!(levels.len() > 30, "{name}: only {} colours", levels.len());
        assert_ne!(got, render(Style::Identicon, SEED, name, 128), "{name}");
    }
}

#[test]
fn letters_beyond_ascii_are_letters_not_placeholders() {
    let initials = |name: &str| render(Style::Initials, SEED, name, 128);
    // The accents are drawn: Å is not A, É not E, П not P.
    assert_ne!(initials("Zoë Ångström"), initials("Zoe Angstrom"));
    assert_ne!(initials("Émile Zola"), initials("Emile Zola"));
    assert_ne!(initials("Ольга Петрова"), initials("Olga Petrova"));
    // A combining accent (NFD) is the same letter as the precomposed one.
    assert_eq!(initials("E\u{301}mile Zola"), initials("Émile Zola"));
    // Lower-case names get capitals, the Unicode way.
    assert_eq!(initials("émile zola"), initials("Émile Zola"));
    assert_eq!(initials("ольга петрова"), initials("Ольга Петрова"));
    // A script the face does not cover, or no letter at all: the user's identicon.
    for name in ["王小明", "", "---"] {
        assert_eq!(
            initials(name),
            render(Style::Identicon, SEED, name, 128),
            "{name:?}"
        );
    }
}

#[test]
fn a_name_the_face_cannot_draw_gets_the_stored_identicon() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let s = Stack::new(&db);
    for (email, nickname) in [
        ("wang@example.com", "王小明"),
        ("zoe@example.com", "Zoë Ångström"),
    ] {
        let out = run(s
            .pfp()
            .args(["user", "add", "--email", email, "--nickname", nickname]));
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let key = |style: &str, user: &str| {
        let out = run(s.pfp().args(["set-default", "--generated", style, "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = run(s.pfp().args(["get-url", "--json", "--user", user]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        json_lines(&out.stdout)[0]["key"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // Content-addressed: the same picture is the same key.
    assert_eq!(
        key("identicon", "wang@example.com"),
        key("initials", "wang@example.com")
    );
    assert_ne!(
        key("identicon", "zoe@example.com"),
        key("initials", "zoe@example.com")
    );
    let (_, _, body) = http_get(&{
        let out = run(s
            .pfp()
            .args(["get-url", "--json", "--user", "zoe@example.com"]));
        json_lines(&out.stdout)[0]["presigned_url"]
            .as_str()
            .unwrap()
            .to_owned()
    });
    let stored = image::load_from_memory(&body).unwrap().to_rgb8();
    let uuid = db.query("SELECT uuid FROM users WHERE email = 'zoe@example.com'")[0]
        .clone()
        .unwrap();
    assert_eq!(
        stored,
        render(Style::Initials, &uuid, "Zoë Ångström", 512),
        "the stored avatar is the drawing"
    );
}

/// A `set-default FILE` that fails (here every JPEG upload is refused by the server)
/// leaves the default that was in effect: the generated avatars stay, rather than
/// users without a picture being left with none. (The style was switched off before
/// the upload.)
#[test]
fn a_set_default_that_fails_leaves_the_generated_avatars_in_effect() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::TestDb::sqlite(dir.path());
    let world = World::local_with(|o| common::s3server::ServerOptions {
        fail_puts_containing: Some(".jpg".into()),
        ..o
    });
    let s = Stack::with_world(&db, world);
    let out = run(s.pfp().args(["set-default", "--generated", "identicon"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let file = s.file(
        "d.jpg",
        &common::fixtures::jpeg(&common::fixtures::photo_like(200, 200, 5), 90),
    );
    let out = run(s
        .pfp()
        .args(["--retries", "0", "set-default", "--yes"])
        .arg(&file));
    assert_eq!(out.code, 5, "{}", out.stderr);
    let out = run(s.pfp().args(["user", "show", "njit", "--json"]));
    assert_eq!(
        json_lines(&out.stdout)[0]["picture"]["source"],
        "generated",
        "{}",
        out.stdout
    );
    let out = run(s.pfp().args(["get-url", "--user", "njit", "--json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        json_lines(&out.stdout)[0]["source"],
        "generated",
        "{}",
        out.stdout
    );
}

/// `import --fill-defaults` takes Ctrl-C and SIGTERM as the import does: the avatar in
/// the making is finished, no other started, exit 143. Also after an import (here of an
/// empty folder), whose signal handling used to end with it: the fill then ignored
/// Ctrl-C and SIGTERM to its end.
#[test]
fn fill_defaults_stops_on_sigterm_after_the_avatar_in_the_making() {
    for after_an_import in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let db = common::db::TestDb::sqlite(dir.path());
        let world = World::local_with(|o| common::s3server::ServerOptions {
            put_delay: Some(std::time::Duration::from_millis(1000)),
            ..o
        });
        let s = Stack::with_world(&db, world);
        s.add_users(6);
        let out = run(s.pfp().args(["set-default", "--generated", "identicon"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let empty = s.dir().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let mut cmd = s.std_command();
        cmd.args(["import", "--json", "--fill-defaults"]);
        if after_an_import {
            cmd.arg(&empty);
        }
        let child = cmd
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        s.world.server.wait_for_picture_puts(1);
        // SAFETY: kill(2) on our own child.
        assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
        let out = child.wait_with_output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(
            out.status.code(),
            Some(143),
            "{after_an_import}: {stdout}{stderr}"
        );
        let filled = json_lines(&stdout)
            .into_iter()
            .find(|v| v["type"] == "fill_defaults")
            .unwrap_or_else(|| panic!("{stdout}{stderr}"));
        assert_eq!(filled["users"], 1, "{filled}");
        assert_eq!(filled["interrupted"], true, "{filled}");
        assert_eq!(run(s.pfp().arg("verify")).code, 0);
    }
}
