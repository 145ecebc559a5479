//! The user database, the same behaviour on SQLite and PostgreSQL.

use crate::common;

use common::db::TestDb;
use common::fixtures::{jpeg, photo_like};
use common::s3server::{S3Server, ServerOptions};
use common::*;

fn pfp_db(db: &TestDb, dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = pfp_isolated(dir);
    cmd.env("DATABASE_URL", db.url());
    cmd
}

/// `pfp user list` with the database at `url`.
fn list_at(url: &str, dir: &std::path::Path) -> Out {
    run(pfp_isolated(dir)
        .env("DATABASE_URL", url)
        .args(["user", "list"]))
}

/// A new SQLite database `users.db` in `dir` holding user `a`: its path and its URL.
fn sqlite_with_user_a(dir: &std::path::Path) -> (std::path::PathBuf, String) {
    let db = dir.join("users.db");
    let url = format!("sqlite:{}", db.display());
    let out = run(pfp_isolated(dir).env("DATABASE_URL", &url).args(ADD_USER_A));
    assert_eq!(out.code, 0, "{}", out.stderr);
    (db, url)
}

fn add(db: &TestDb, dir: &std::path::Path, email: &str, nickname: &str) -> Out {
    run(pfp_db(db, dir).args(["user", "add", "--email", email, "--nickname", nickname]))
}

both_backends! {
    fn add_list_show(db, dir) {
        let out = run(pfp_db(db, dir).args(["user", "add", "--email", "alice@example.com", "--nickname", "alice", "--name", "Alice A."]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("User 'alice' added with id 1."), "{}", out.stderr);
        assert_eq!(add(db, dir, "bob@example.com", "bob").code, 0);

        let out = run(pfp_db(db, dir).args(["user", "list", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let users = json_lines(&out.stdout);
        assert_eq!(users.len(), 2);
        assert_eq!(users[0]["id"], "1");
        assert_eq!(users[0]["fields"]["email"], "alice@example.com");
        assert_eq!(users[0]["fields"]["display_name"], "Alice A.");
        assert_eq!(users[1]["fields"]["nickname"], "bob");
        assert_eq!(users[0]["picture"]["source"], "default");

        let out = run(pfp_db(db, dir).args(["user", "list", "--limit", "1"]));
        assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
        assert!(out.stdout.contains("alice@example.com"));
        assert!(out.stdout.trim_end().ends_with("default"), "{}", out.stdout);

        let out = run(pfp_db(db, dir).args(["user", "show", "bob"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("email         bob@example.com"), "{}", out.stdout);
        assert!(out.stdout.contains("picture       default"), "{}", out.stdout);
    }

    fn lookup_by_every_selector_kind(db, dir) {
        assert_eq!(add(db, dir, "carol@example.com", "carol").code, 0);
        let shown = json_lines(&run(pfp_db(db, dir).args(["user", "show", "1", "--json"])).stdout);
        let uuid = shown[0]["fields"]["uuid"].as_str().unwrap().to_owned();
        for selector in ["1", uuid.as_str(), &uuid.to_uppercase(), "carol@example.com", "carol"] {
            let out = run(pfp_db(db, dir).args(["user", "show", selector, "--json"]));
            assert_eq!(out.code, 0, "{selector}: {}", out.stderr);
            assert_eq!(json_lines(&out.stdout)[0]["id"], "1", "{selector}");
        }
        // --user-by forces the kind: "1" is no nickname here.
        let out = run(pfp_db(db, dir).args(["user", "show", "1", "--user-by", "nickname"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        let out = run(pfp_db(db, dir).args(["user", "show", "carol", "--user-by", "nickname"]));
        assert_eq!(out.code, 0);
        // `--user` as every other command takes it, for show, update and delete alike;
        // with the operand too, it is a usage error.
        for flag in ["--user", "-u"] {
            let out = run(pfp_db(db, dir).args(["user", "show", flag, "carol", "--json"]));
            assert_eq!(out.code, 0, "{flag}: {}", out.stderr);
            assert_eq!(json_lines(&out.stdout)[0]["id"], "1", "{flag}");
        }
        let out = run(pfp_db(db, dir).args(["user", "show", "carol", "--user", "carol"]));
        assert_eq!(out.code, 2, "{}", out.stderr);
        let out = run(pfp_db(db, dir).args(["user", "update", "--user", "carol", "--name", "C."]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(add(db, dir, "dan@example.com", "dan").code, 0);
        let out = run(pfp_db(db, dir).args(["user", "delete", "--user", "dan", "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = run(pfp_db(db, dir).args(["user", "show", "dan"]));
        assert_eq!(out.code, 3, "deleted: {}", out.stderr);
    }

    // A name in Unicode's other form is the same name: a file made on a Mac is named
    // decomposed ("Jose" + U+0301), what was typed elsewhere composed ("Jos\u{e9}"), and
    // both print alike, so "user 'José' not found" beside a `user list` showing José
    // would be a riddle.
    fn a_name_in_either_unicode_form_finds_the_user(db, dir) {
        let (composed, decomposed) = ("Jos\u{e9}", "Jose\u{301}");
        let (zoe, zoe_decomposed) = ("zo\u{eb}@example.org", "zoe\u{308}@example.org");
        assert_eq!(add(db, dir, zoe, composed).code, 0);
        assert_eq!(add(db, dir, "lea@example.org", "Le\u{301}a").code, 0);
        for (selector, id) in [(decomposed, "1"), (zoe_decomposed, "1"), ("L\u{e9}a", "2"), (composed, "1")] {
            let out = run(pfp_db(db, dir).args(["user", "show", selector, "--json"]));
            assert_eq!(out.code, 0, "{selector:?}: {}", out.stderr);
            assert_eq!(json_lines(&out.stdout)[0]["id"], id, "{selector:?}");
        }
        let out = run(pfp_db(db, dir).args(["user", "show", "Jos"]));
        assert_eq!(out.code, 3, "{}", out.stderr);

        // Names are stored composed, so no second user can hold a name that differs
        // only in its composition, and a file of decomposed names runs again as
        // `unchanged`.
        let out = run(pfp_db(db, dir).args(["user", "show", "2", "--json"]));
        assert_eq!(json_lines(&out.stdout)[0]["fields"]["nickname"], "L\u{e9}a", "{}", out.stdout);
        let out = add(db, dir, "other@example.org", decomposed);
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(out.stderr.contains("already exists"), "{}", out.stderr);
        let csv = dir.join("mac.csv");
        std::fs::write(&csv, "email,nickname,name\nno\u{308}l@example.org,No\u{308}l,Noe\u{308}l A\u{300}\n").unwrap();
        for added in [1, 0] {
            let out = run(pfp_db(db, dir).args(["user", "import"]).arg(&csv));
            assert_eq!(out.code, 0, "{}", out.stderr);
            assert!(
                out.stderr.contains(&format!("1 row: {added} added, {} unchanged, 0 rejected.", 1 - added)),
                "{}",
                out.stderr
            );
        }
        let out = run(pfp_db(db, dir).args(["user", "show", "N\u{f6}l", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let fields = &json_lines(&out.stdout)[0]["fields"];
        assert_eq!(
            (fields["email"].as_str(), fields["display_name"].as_str()),
            (Some("n\u{f6}l@example.org"), Some("No\u{eb}l \u{c0}")),
            "{fields}"
        );
    }

    fn unknown_user_is_exit_3(db, dir) {
        let out = run(pfp_db(db, dir).args(ADD_USER_A));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = run(pfp_db(db, dir).args(["user", "show", "42"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert_eq!(out.stderr.trim(), "error: user '42' not found");
        let out = run(pfp_db(db, dir).args(["user", "show", "nobody@example.com", "--json"]));
        assert_eq!(out.code, 3);
        assert_eq!(json_lines(&out.stdout)[0]["kind"], "not_found");
    }

    // Nicknames match exactly (emails in any case): a miss names the nicknames that
    // differ only in letter case, and still finds nobody.
    fn a_nickname_in_another_letter_case_is_named_but_not_taken(db, dir) {
        assert_eq!(add(db, dir, "ann@example.com", "AnnL").code, 0);
        let out = run(pfp_db(db, dir).args(["user", "show", "annl"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert_eq!(
            out.stderr.trim(),
            "error: user 'annl' not found; nicknames match exactly, letter case too: did you mean 'AnnL'?"
        );
        assert_eq!(add(db, dir, "ann2@example.com", "annL").code, 0);
        let out = run(pfp_db(db, dir).args(["user", "show", "ANNL"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert!(out.stderr.contains("did you mean one of 'AnnL', 'annL'?"), "{}", out.stderr);
        let out = run(pfp_db(db, dir).args(["user", "show", "ann"]));
        assert_eq!(out.stderr.trim(), "error: user 'ann' not found");
        // An address as a mail program writes it: the address alone is named.
        for written in ["Ann L <ann@example.com>", "mailto:ann@example.com"] {
            let out = run(pfp_db(db, dir).args(["user", "show", written]));
            assert_eq!(out.code, 3, "{}", out.stderr);
            assert_eq!(
                out.stderr.trim(),
                format!("error: user '{written}' not found; an address as a mail program writes it: give the address alone ('ann@example.com')")
            );
        }
        // A display name: named, never taken (two users may share one).
        for (email, nickname) in [("ls@example.com", "lsmith"), ("ls2@example.com", "lou")] {
            let out = run(pfp_db(db, dir).args(["user", "add", "--email", email, "--nickname", nickname, "--name", "Lou Smith"]));
            assert_eq!(out.code, 0, "{}", out.stderr);
        }
        let out = run(pfp_db(db, dir).args(["get-url", "--user", "Lou Smith", "--offline"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert_eq!(
            out.stderr.trim(),
            "error: user 'Lou Smith' not found; it is the name of users 'lou' and 'lsmith': a user is named by id, UUID, email or nickname (a name is not unique)"
        );
    }

    fn duplicate_email_and_nickname_are_refused(db, dir) {
        assert_eq!(add(db, dir, "dan@example.com", "dan").code, 0);
        let out = add(db, dir, "dan@example.com", "daniel");
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(out.stderr.contains("a user with email 'dan@example.com' already exists"), "{}", out.stderr);
        let out = add(db, dir, "other@example.com", "dan");
        assert_eq!(out.code, 4);
        assert!(out.stderr.contains("a user with nickname 'dan' already exists"), "{}", out.stderr);
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM users"), vec![Some("1".to_owned())]);
    }

    fn nicknames_that_would_read_as_other_selectors_are_refused(db, dir) {
        for bad in ["42", "x@y", "6f1c2a1e-6bd4-4b43-9a0e-2f4a4b3c2d1e"] {
            let out = add(db, dir, "e@example.com", bad);
            assert_eq!(out.code, 4, "{bad}: {}", out.stderr);
        }
        // A nickname with a space around it could never be named (a selector is
        // trimmed), and a control character is a paste gone wrong: both refused, the
        // value shown with its escapes; nothing added.
        let long = format!("{}@example.com", "l".repeat(250));
        for (email, nickname, said) in [
            ("e@example.com", " bob ", "invalid nickname ' bob ': it must not begin or end with a space"),
            ("e@example.com", "a\tb", "invalid nickname 'a\\u{9}b'"),
            ("e@example.com", "x\u{1b}[2J", "invalid nickname 'x\\u{1b}[2J'"),
            ("e\n@example.com", "erin", "invalid email 'e\\u{a}@example.com'"),
            (long.as_str(), "long", "(262 bytes): an address is at most 254 bytes (RFC 5321)"),
        ] {
            let out = add(db, dir, email, nickname);
            assert_eq!(out.code, 4, "{nickname:?}: {}", out.stderr);
            assert!(out.stderr.contains(said), "{}", out.stderr);
        }
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM users"), vec![Some("0".to_owned())]);
        assert_eq!(add(db, dir, "e@example.com", "bob smith").code, 0, "a space inside is a name's");
    }

    fn migrations_applied_twice_are_a_no_op(db, dir) {
        assert_eq!(add(db, dir, "f@example.com", "f").code, 0);
        // Every command opens and migrates; run a few and check nothing was redone.
        for _ in 0..3 {
            assert_eq!(run(pfp_db(db, dir).args(["user", "list"])).code, 0);
        }
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM users"), vec![Some("1".to_owned())]);
        if db.is_postgres() {
            let versions = db.query("SELECT track || ':' || CAST(version AS TEXT) FROM pfp_schema_migrations ORDER BY track, version");
            assert_eq!(versions, ["ledger:1", "ledger:2", "ledger:3", "ledger:4", "ledger:5", "users:1", "users:2", "users:3"].map(|s| Some(s.to_owned())));
        } else {
            assert_eq!(db.query("SELECT CAST(user_version AS TEXT) FROM pragma_user_version"), vec![Some("8".to_owned())]);
        }
    }

    fn a_database_at_the_first_schema_version_is_migrated(db, dir) {
        // The first release's users table, with a user in it, as an older pfp left it.
        if db.is_postgres() {
            db.exec(&format!(
                "{}; CREATE TABLE pfp_schema_migrations (track TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (track, version));
                 INSERT INTO pfp_schema_migrations VALUES ('users', 1, 'then');",
                pfp::users::migrations::POSTGRES_USERS[0]
            ));
            db.exec("INSERT INTO users (uuid, email, nickname, created_at) VALUES ('6f1c2a1e-6bd4-4b43-9a0e-2f4a4b3c2d1e', 'old@example.com', 'old', '2025-01-01T00:00:00Z')");
        } else {
            db.exec(&format!("{} PRAGMA user_version = 1;", pfp::users::migrations::SQLITE[0]));
            db.exec("INSERT INTO users (uuid, email, nickname, created_at) VALUES ('6f1c2a1e-6bd4-4b43-9a0e-2f4a4b3c2d1e', 'old@example.com', 'old', '2025-01-01T00:00:00Z')");
        }
        let out = run(pfp_db(db, dir).args(["user", "show", "old", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let user = &json_lines(&out.stdout)[0];
        assert_eq!(user["fields"]["email"], "old@example.com");
        assert!(user["fields"].get("display_name").is_some(), "v2 added display_name");
        assert_eq!(db.query("SELECT updated_at FROM users"), vec![Some("2025-01-01T00:00:00Z".to_owned())]);
        assert_eq!(add(db, dir, "new@example.com", "new").code, 0);
    }
}

#[test]
fn a_sqlite_database_a_newer_pfp_migrated_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    assert_eq!(add(&db, dir.path(), "f@example.com", "f").code, 0);
    db.exec("PRAGMA user_version = 99;");
    let out = run(pfp_db(&db, dir.path()).args(["user", "list"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("is at schema version 99, newer than this pfp knows"),
        "{}",
        out.stderr
    );
    assert_eq!(
        db.query("SELECT CAST(user_version AS TEXT) FROM pragma_user_version"),
        vec![Some("99".to_owned())]
    );
}

#[test]
fn sqlite_is_the_default_and_is_created_on_first_use() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(pfp_isolated(dir.path()).args(ADD_USER_A));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        dir.path().join("data/pfp/pfp.db").is_file(),
        "created under $XDG_DATA_HOME/pfp"
    );
}

/// An app's own `DATABASE_URL` (sqlx writes `sqlite://app.db?mode=rwc`) names the app's
/// file: pfp made a second, empty database named `app.db?mode=rwc` beside it. Options pfp
/// cannot honour, and an in-memory database, are refused before any file is made.
#[test]
fn an_apps_sqlite_url_with_options_names_the_apps_file() {
    let dir = tempfile::tempdir().unwrap();
    let with_url = |url: &str| {
        let mut cmd = pfp_isolated(dir.path());
        cmd.current_dir(dir.path()).env("DATABASE_URL", url);
        cmd
    };
    let add = |url: &str, nickname: &str| {
        run(with_url(url).args([
            "user",
            "add",
            "--email",
            &format!("{nickname}@example.com"),
            "--nickname",
            nickname,
        ]))
    };
    let files = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".db") || n.contains("memory"))
            .collect();
        names.sort();
        names
    };
    let out = add("sqlite://app.db?mode=rwc", "a");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Created a new SQLite database at 'app.db'."),
        "{}",
        out.stderr
    );
    assert_eq!(add("sqlite:app.db?mode=rw&cache=shared", "b").code, 0);
    let out = run(with_url("sqlite:app.db").args(["user", "list", "--tsv"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    let made = files();
    assert!(made.iter().all(|n| !n.contains('?')), "{made:?}");

    for (url, says) in [
        ("sqlite://app.db?mode=ro", "'mode=ro' is not supported"),
        (
            "sqlite://app.db?vfs=unix-none",
            "the SQLite URL option 'vfs=unix-none' is not supported",
        ),
        (
            "sqlite::memory:",
            "an in-memory SQLite database would be gone when pfp exits",
        ),
        (
            "sqlite://new.db?mode=memory",
            "an in-memory SQLite database would be gone",
        ),
    ] {
        let out = add(url, "c");
        assert_eq!(out.code, 7, "{url}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{url}: {}", out.stderr);
        assert_eq!(files(), made, "{url}");
    }
}

/// A database setting that names some other file or a folder, or a database file that is damaged,
/// is the setting's or the machine's trouble (exit 7, exit 5), named as such: both were
/// exit 1, "a bug in pfp".
#[test]
fn a_file_that_is_no_sqlite_database_or_a_damaged_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let picture = dir.path().join("photo.jpg");
    std::fs::write(&picture, jpeg(&photo_like(32, 32, 1), 90)).unwrap();
    let out = list_at(&format!("sqlite:{}", picture.display()), dir.path());
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "SQLite database '{}': the file is not an SQLite database",
            picture.display()
        )) && out
            .stderr
            .contains("check the path in DATABASE_URL or --db"),
        "{}",
        out.stderr
    );
    // A folder given for the file: named, with a file in it to give instead.
    let out = list_at(&format!("sqlite:{}", dir.path().display()), dir.path());
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.trim().ends_with(&format!(
            "SQLite database '{}': it is a directory; name a file in it, e.g. sqlite:{}",
            dir.path().display(),
            dir.path().join("pfp.db").display()
        )),
        "{}",
        out.stderr
    );

    let (db, url) = sqlite_with_user_a(dir.path());
    // A database cut short, as a copy interrupted or a disk that lost its tail leaves it.
    let whole = std::fs::read(&db).unwrap();
    std::fs::write(&db, &whole[..50]).unwrap();
    let out = list_at(&url, dir.path());
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the SQLite database file is damaged (database disk image is malformed)")
            && out.stderr.contains("PRAGMA integrity_check"),
        "{}",
        out.stderr
    );
}

/// An SQLite database this user may not write (another user's file, or a folder where
/// SQLite cannot make its -wal and -shm files) is access denied, exit 6, saying whose
/// access to fix: it was exit 5, "safe to retry", which no retry mends. Reading it
/// still works.
#[test]
fn an_sqlite_database_this_user_may_not_write_is_access_denied() {
    use std::os::unix::fs::PermissionsExt as _;
    use std::os::unix::process::CommandExt as _;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let (_, url) = sqlite_with_user_a(dir.path());
    for name in ["users.db", "users.db-wal", "users.db-shm"] {
        let path = dir.path().join(name);
        if path.exists() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    // As another user: root writes any file, so a test run as root runs pfp as nobody;
    // from a copy in the test's folder, as the build's own folder may be one nobody
    // cannot reach (CI keeps its build under root's home).
    let program = dir.path().join("pfp");
    std::fs::copy(env!("CARGO_BIN_EXE_pfp"), &program).unwrap();
    let as_other = |args: &[&str]| {
        let mut cmd = pfp_copy_isolated(&program, dir.path());
        cmd.env("DATABASE_URL", &url).args(args);
        // SAFETY: setgid and setuid only, between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::geteuid() == 0 && (libc::setgid(65534) != 0 || libc::setuid(65534) != 0) {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        run(&mut assert_cmd::Command::from_std(cmd))
    };
    let out = as_other(&["user", "add", "--email", "b@example.com", "--nickname", "b"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the SQLite database may not be written by the user pfp runs as")
            && out
                .stderr
                .contains("give that user write access to the database file and its folder"),
        "{}",
        out.stderr
    );
    let out = as_other(&["user", "list", "--tsv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("a@example.com"), "{}", out.stdout);
}

/// A disk that fills under SQLite is the machine's trouble, not a bug of pfp's (it was
/// exit 1, "please report it"): exit 5, saying what failed and what to do, and `user
/// import` says it stopped rather than giving a total that reads as the file's. The
/// disk is filled with a limit on file sizes (RLIMIT_FSIZE, with SIGXFSZ ignored as an
/// inherited disposition), which a write into the -wal log meets as a full disk does.
#[test]
fn a_full_disk_under_sqlite_is_exit_5_and_user_import_says_it_stopped() {
    use std::os::unix::process::CommandExt as _;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("users.db");
    let url = format!("sqlite:{}", db.display());
    let out = run(pfp_isolated(dir.path()).env("DATABASE_URL", &url).args([
        "user",
        "add",
        "--email",
        "z@example.com",
        "--nickname",
        "z",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let csv = dir.path().join("many.csv");
    let mut rows = String::from("email,nickname\n");
    for i in 0..5000 {
        rows.push_str(&format!("user{i}@example.com,user{i}\n"));
    }
    std::fs::write(&csv, rows).unwrap();
    let limit = std::fs::metadata(&db).unwrap().len() + 128 * 1024;
    let mut cmd = pfp_isolated_std(dir.path());
    cmd.env("DATABASE_URL", &url)
        .arg("user")
        .arg("import")
        .arg(&csv);
    // SAFETY: async-signal-safe calls only, between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let rlim = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = run(&mut assert_cmd::Command::from_std(cmd));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("writing to the database: the file system that holds the SQLite database"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("then run the command again"),
        "{}",
        out.stderr
    );
    let stopped = out
        .stderr
        .lines()
        .find(|l| l.starts_with("Stopped after "))
        .unwrap_or_else(|| panic!("no summary saying it stopped: {}", out.stderr));
    let added: usize = stopped
        .split(": ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stopped}"));
    assert!(added > 0 && added < 5000, "{stopped}");
    // Each row it counted as added is in the database, and none after it.
    let out = run(pfp_isolated(dir.path())
        .env("DATABASE_URL", &url)
        .args(["user", "list", "--tsv"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), added + 1, "{stopped}");
}

/// When pfp exits, every commit is in the database file itself: a backup that copies
/// `users.db` alone (not its `-wal` log) holds them. The log is kept, emptied, for the
/// next run.
#[test]
fn sqlite_commits_are_in_the_database_file_alone_when_pfp_exits() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    for (email, nick) in [("a@example.com", "a"), ("b@example.com", "b")] {
        assert_eq!(add(&db, dir.path(), email, nick).code, 0);
        let wal = dir.path().join("users.db-wal");
        assert_eq!(
            std::fs::metadata(&wal).map(|m| m.len()).ok(),
            Some(0),
            "the log is kept and empty after each run"
        );
    }
    let backup = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("users.db"), backup.path().join("users.db")).unwrap();
    let copy = rusqlite::Connection::open(backup.path().join("users.db")).unwrap();
    let emails: Vec<String> = copy
        .prepare("SELECT email FROM users ORDER BY email")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(emails, ["a@example.com", "b@example.com"]);
}

/// A port that accepts connections and never answers (another service, a stuck server):
/// the start of a PostgreSQL connection is bounded as libpq's `connect_timeout` bounds it
/// (tokio-postgres bounds only the TCP connect: `user list` waited forever), by the
/// URL's `connect_timeout`, else `--timeout`.
#[test]
fn a_port_that_never_answers_postgresql_is_given_up_on_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    for (query, flag, seconds) in [("", "2s", 2), ("?connect_timeout=1", "30s", 1)] {
        let out = run(pfp_isolated(dir.path())
            .timeout(std::time::Duration::from_secs(60))
            .env(
                "DATABASE_URL",
                format!("postgres://root@127.0.0.1:{port}/test{query}"),
            )
            .args(["--timeout", flag, "user", "list"]));
        assert_eq!(out.code, 5, "{query}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!(
                "connecting to PostgreSQL at 127.0.0.1:{port}/test: no answer within {seconds} s"
            )) && out.stderr.contains("is it PostgreSQL's?"),
            "{}",
            out.stderr
        );
    }
}

/// The database URL pointed at a server that is not PostgreSQL (the object store's port
/// is the likely slip): named as such, with what it answered, exit 7, whatever sslmode
/// says. tokio-postgres reads the HTTP answer's `H` as a refusal of TLS and then fails on
/// the stream: `bytes remaining on stream` (exit 5, "check that PostgreSQL is running"),
/// or with sslmode=require `the server does not offer TLS`.
#[test]
fn a_database_url_at_a_port_that_is_not_postgresql_is_named_so() {
    let world = World::local();
    let host = world.host();
    for query in ["", "?sslmode=disable", "?sslmode=require"] {
        let out = run(pfp_isolated(world.dir.path())
            .env(
                "DATABASE_URL",
                format!("postgres://root@{host}/test{query}"),
            )
            .args(["user", "list"]));
        assert_eq!(out.code, 7, "{query}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!(
                "connecting to PostgreSQL at {host}/test: the server there does not speak PostgreSQL's protocol: it answered 'HTTP/1.1 "
            )) && out.stderr.contains("(an HTTP server)")
                && out.stderr.contains("check the host and port in DATABASE_URL"),
            "{query}: {}",
            out.stderr
        );
    }
    // A TLS-only port (an object store served over HTTPS) closes on PostgreSQL's first
    // message without a word; it is asked again in TLS, and named (it was `early eof`,
    // exit 5, "check that PostgreSQL is running").
    let pki = make_pki(&["127.0.0.1"]);
    let tls = S3Server::start(ServerOptions {
        tls: Some((pki.cert_pem, pki.key_pem)),
        ..test_options(&world.dir.path().join("tls"), 0)
    })
    .unwrap();
    for query in ["", "?sslmode=disable"] {
        let out = run(pfp_isolated(world.dir.path())
            .env(
                "DATABASE_URL",
                format!("postgres://root@127.0.0.1:{}/test{query}", tls.port()),
            )
            .args(["user", "list"]));
        assert_eq!(out.code, 7, "{query}: {}", out.stderr);
        assert!(
            out.stderr.contains(
                "the server there does not speak PostgreSQL's protocol: it answered in TLS only (a TLS service, such as HTTPS)"
            ),
            "{query}: {}",
            out.stderr
        );
    }
}

#[test]
fn postgres_unreachable_is_exit_5_and_hides_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("postgres://app:hunter2secret@127.0.0.1:{}/app", free_port());
    let out = list_at(&url, dir.path());
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("connecting to PostgreSQL at 127.0.0.1:"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("hunter2secret"), "{}", out.stderr);
}

/// A role that may not do what pfp asks (make its tables, read the users) is refused
/// by the server with insufficient_privilege: access denied, exit 6, with what to
/// grant; it was exit 1, "a bug in pfp".
#[test]
fn a_postgresql_role_without_the_privileges_is_access_denied() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::postgres();
    let TestDb::Postgres { url, schema } = &db else {
        unreachable!()
    };
    let role = format!("{schema}_weak");
    common::db::pg_exec(
        url,
        &format!("DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN"),
    );
    let weak = url.replacen("postgres://root@", &format!("postgres://{role}@"), 1);
    assert_ne!(&weak, url, "the test's URL names root");
    let add = || {
        run(pfp_isolated(dir.path())
            .env("DATABASE_URL", &weak)
            .args(ADD_USER_A))
    };
    // Not even USAGE on the schema of its search path: a configuration error (exit 7).
    let unusable = add();
    common::db::pg_exec(url, &format!("GRANT USAGE ON SCHEMA {schema} TO {role}"));
    // USAGE but not CREATE: access denied (exit 6).
    let denied = add();
    // pfp's tables made by a role that may, and read by one with no privilege on them:
    // access denied naming them, where it read as "a 'users' table that pfp did not make".
    let made = run(pfp_isolated(dir.path())
        .env("DATABASE_URL", url)
        .args(ADD_USER_A));
    let unreadable = run(pfp_isolated(dir.path())
        .env("DATABASE_URL", &weak)
        .args(["user", "list"]));
    common::db::pg_exec(
        url,
        &format!("REVOKE USAGE ON SCHEMA {schema} FROM {role}; DROP ROLE IF EXISTS {role}"),
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert_eq!(unreadable.code, 6, "{}", unreadable.stderr);
    assert!(
        unreadable
            .stderr
            .contains("reading pfp's tables: permission denied for table pfp_schema_migrations")
            && unreadable.stderr.contains("grant the role what pfp needs"),
        "{}",
        unreadable.stderr
    );
    assert_eq!(unusable.code, 7, "{}", unusable.stderr);
    assert!(
        unusable.stderr.contains("no schema has been selected")
            && unusable.stderr.contains("USAGE on it"),
        "{}",
        unusable.stderr
    );
    assert_eq!(denied.code, 6, "{}", denied.stderr);
    assert!(
        denied.stderr.contains("permission denied"),
        "{}",
        denied.stderr
    );
    assert!(
        denied.stderr.contains("grant the role what pfp needs"),
        "{}",
        denied.stderr
    );
}

/// A read-only server (a standby's address, or default_transaction_read_only) refuses
/// every write with 25006: a configuration error (exit 7) saying so, where it was exit
/// 1; reading goes on.
#[test]
fn a_read_only_postgresql_server_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::postgres();
    let out = run(pfp_isolated(dir.path())
        .env("DATABASE_URL", db.url())
        .args(ADD_USER_A));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let read_only = format!("{}%20-cdefault_transaction_read_only%3Don", db.url());
    let out = run(pfp_isolated(dir.path())
        .env("DATABASE_URL", &read_only)
        .args(["user", "update", "a", "--nickname", "b"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("read-only transaction")
            && out.stderr.contains("target_session_attrs=read-write"),
        "{}",
        out.stderr
    );
    let out = run(pfp_isolated(dir.path())
        .env("DATABASE_URL", &read_only)
        .args(["user", "list", "--tsv"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("\ta\t"), "{}", out.stdout);
    // doctor says so before an upload finds out.
    let out = run(pfp_isolated(dir.path())
        .env("DATABASE_URL", &read_only)
        .args(["doctor", "--json"]));
    let database = doctor_check(&out.stdout, "database");
    assert_eq!(database["ok"], false, "{database}");
    assert!(
        database["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("the server takes no writes"),
        "{database}"
    );
    let out = run(pfp_isolated(dir.path())
        .env("DATABASE_URL", db.url())
        .args(["doctor", "--json"]));
    assert_eq!(
        doctor_check(&out.stdout, "database")["ok"],
        true,
        "{}",
        out.stdout
    );
}

/// Another writer's open transaction: a command that writes waits out the busy timeout
/// and fails with exit 5; one that only reads goes past it (SQLite in WAL mode) without
/// waiting and without seeing the uncommitted row.
#[test]
fn sqlite_locked_beyond_the_busy_timeout_is_exit_5_for_writes_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let pfp = || {
        let mut c = pfp_isolated(dir.path());
        c.env("DATABASE_URL", db.url());
        c
    };
    assert_eq!(run(pfp().args(ADD_USER_A)).code, 0);
    // Another writer holds the write lock for longer than pfp's busy timeout.
    let conn = rusqlite::Connection::open(dir.path().join("users.db")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; INSERT INTO users (uuid, email, nickname, created_at) VALUES ('u', 'x@example.com', 'x', 'now');").unwrap();
    let out = run(pfp().args(["user", "add", "--email", "b@example.com", "--nickname", "b"]));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("locked by another writer"),
        "{}",
        out.stderr
    );
    let read = run(pfp().args(["user", "list", "--json"]));
    conn.execute_batch("ROLLBACK").unwrap();
    assert_eq!(read.code, 0, "{}", read.stderr);
    assert!(read.stdout.contains("a@example.com"), "{}", read.stdout);
    assert!(!read.stdout.contains("x@example.com"), "{}", read.stdout);
    assert_eq!(
        db.query("SELECT email FROM users"),
        vec![Some("a@example.com".to_owned())]
    );
}

#[test]
fn hostile_mapping_identifiers_are_refused_at_configuration_time() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("pfp.toml");
    std::fs::write(
        &config,
        "[database]\nurl = \"postgres://root@127.0.0.1:1/none\"\n[database.mapping]\ntable = \"users; DROP TABLE x\"\nid = \"id\"\nlookup = [\"email\"]\npicture_url = \"profile_picture_url\"\n",
    )
    .unwrap();
    let out = run(pfp_isolated(dir.path())
        .arg("--config")
        .arg(&config)
        .args(["user", "list"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("invalid table 'users; DROP TABLE x'"),
        "{}",
        out.stderr
    );
}

#[test]
fn existing_app_schema_is_read_through_the_mapping_and_never_altered() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::postgres();
    let TestDb::Postgres { schema, .. } = &db else {
        unreachable!()
    };
    // The app's own table: UUID key, other NOT NULL columns pfp knows nothing about.
    db.exec(
        "CREATE TABLE users (
            id UUID PRIMARY KEY,
            email VARCHAR(255) NOT NULL UNIQUE,
            nickname VARCHAR(50) NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            profile_picture_url VARCHAR(255)
        );
        INSERT INTO users (id, email, nickname, password_hash) VALUES
            ('0b7e4a52-9a6f-4d8e-8c1f-3f1f2a9b6c01', 'njit@example.edu', 'njit', 'x'),
            ('0b7e4a52-9a6f-4d8e-8c1f-3f1f2a9b6c02', 'other@example.edu', 'other', 'y');",
    );
    let columns_before = db.query(&format!(
        "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = 'users'"
    ));
    let config = dir.path().join("pfp.toml");
    common::db::write_mapping_config(&config, db.url(), schema);
    let pfp = || {
        let mut c = pfp_isolated(dir.path());
        c.arg("--config").arg(&config);
        c
    };
    for selector in [
        "njit",
        "njit@example.edu",
        // Emails match without regard to case in the app's table too.
        "NJIT@Example.EDU",
        "0b7e4a52-9a6f-4d8e-8c1f-3f1f2a9b6c01",
    ] {
        let out = run(pfp().args(["user", "show", selector, "--json"]));
        assert_eq!(out.code, 0, "{selector}: {}", out.stderr);
        let user = &json_lines(&out.stdout)[0];
        assert_eq!(user["id"], "0b7e4a52-9a6f-4d8e-8c1f-3f1f2a9b6c01");
        assert_eq!(user["fields"]["nickname"], "njit");
    }
    let out = run(pfp().args(["user", "list", "--json"]));
    assert_eq!(json_lines(&out.stdout).len(), 2);
    // config show names the file and the mapping read from it.
    let out = run(pfp().args(["config", "show"]));
    for (key, value) in [
        ("database.mapping.table", format!("\"{schema}\".\"users\"")),
        (
            "database.mapping.picture_url",
            "profile_picture_url".to_owned(),
        ),
        ("config_file", config.display().to_string()),
    ] {
        assert!(
            out.stdout
                .lines()
                .any(|l| l.starts_with(key) && l.contains(&value)),
            "{key}: {}",
            out.stdout
        );
    }
    let out = run(pfp().args(["user", "add", "--email", "n@example.com", "--nickname", "n"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("users belong to the app"),
        "{}",
        out.stderr
    );

    // An upload through the mapping changes the mapped picture column, and nothing else.
    let world = World::new();
    let snapshot = |db: &TestDb| {
        db.query("SELECT id::text || '|' || email || '|' || nickname || '|' || password_hash || '|' || created_at::text || '|' || COALESCE(profile_picture_url, '-') FROM users ORDER BY email")
    };
    let before = snapshot(&db);
    let with_store = || {
        let mut c = world.pfp();
        c.arg("--config").arg(&config);
        c
    };
    assert_eq!(run(with_store().args(["bucket", "init"])).code, 0);
    let photo = dir.path().join("njit.jpeg");
    std::fs::write(
        &photo,
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/njit.jpeg"))
            .unwrap(),
    )
    .unwrap();
    let out = run(with_store()
        .args(["upload", "--user", "njit@example.edu", "--json"])
        .arg(&photo));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let key = json_lines(&out.stdout)[0]["key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        key.starts_with("users/0b7e4a52-9a6f-4d8e-8c1f-3f1f2a9b6c01/"),
        "the id is the user key: {key}"
    );
    let after = snapshot(&db);
    assert_eq!(after[1], before[1], "the other user is untouched");
    let (b, a) = (before[0].clone().unwrap(), after[0].clone().unwrap());
    assert_eq!(
        b.rsplit_once('|').unwrap().0,
        a.rsplit_once('|').unwrap().0,
        "only the picture column changed"
    );
    assert!(a.ends_with(&key), "{a}");
    let out = run(with_store().args(["user", "show", "njit", "--json"]));
    assert_eq!(json_lines(&out.stdout)[0]["picture"]["key"], key.as_str());

    let columns_after = db.query(&format!(
        "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = 'users'"
    ));
    assert_eq!(
        columns_before, columns_after,
        "pfp never alters the app's table"
    );
    assert_eq!(
        db.query(&format!("SELECT table_name::text FROM information_schema.tables WHERE table_schema = '{schema}' ORDER BY 1")),
        ["pfp_pictures", "pfp_replaced_values", "pfp_schema_migrations", "pfp_settings", "users"].map(|s| Some(s.to_owned())),
        "only pfp's ledger, its settings, its kept column values and its schema version were added beside it"
    );
}

#[test]
fn user_list_is_a_table_on_a_terminal_and_tab_separated_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let pfp = || {
        let mut c = pfp_isolated(dir.path());
        c.env("DATABASE_URL", db.url());
        c
    };
    for (email, nick) in [
        ("ada@example.com", "ada"),
        ("grace.hopper@example.com", "grace"),
    ] {
        assert_eq!(
            run(pfp().args(["user", "add", "--email", email, "--nickname", nick])).code,
            0
        );
    }
    // Off a terminal: tab-separated, no header, for cut and awk.
    let piped = run(pfp().args(["user", "list"]));
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    let lines: Vec<&str> = piped.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", piped.stdout);
    assert!(
        lines[0].starts_with("1\tada@example.com\tada\t"),
        "{:?}",
        lines[0]
    );

    // On a pseudo-terminal (script): a header and aligned columns; --tsv keeps the rows.
    let on_terminal = |extra: &str| {
        let out = std::process::Command::new("script")
            .args([
                "-qec",
                &format!("{} user list {extra}", env!("CARGO_BIN_EXE_pfp")),
                "/dev/null",
            ])
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("DATABASE_URL", db.url())
            .output()
            .expect("script runs");
        String::from_utf8_lossy(&out.stdout).replace('\r', "")
    };
    let table = on_terminal("");
    let rows: Vec<&str> = table.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(rows[0].starts_with("ID  EMAIL"), "{table:?}");
    assert!(
        rows[0].contains("NICKNAME") && rows[0].contains("PICTURE"),
        "{table:?}"
    );
    let column = rows[0].find("NICKNAME").unwrap();
    assert_eq!(
        rows[1].find("  ada ").map(|i| i + 2),
        Some(column),
        "{table:?}"
    );
    assert_eq!(
        rows[2].find("  grace ").map(|i| i + 2),
        Some(column),
        "{table:?}"
    );
    assert!(!table.contains('\t'), "{table:?}");
    let tsv = on_terminal("--tsv");
    assert!(tsv.contains("1\tada@example.com\tada\t"), "{tsv:?}");
}

both_backends! {
    fn users_are_updated_and_deleted_with_their_pictures(db, _dir) {
        let s = Stack::new(db);
        let photo = jpeg(&photo_like(80, 80, 4), 90);
        assert_eq!(s.upload("njit", "a.jpg", &photo, &["--sizes", "512,64"]).code, 0);
        assert_eq!(s.upload("njit", "b.jpg", &jpeg(&photo_like(80, 80, 5), 90), &["--keep-previous"]).code, 0);
        assert_eq!(s.upload("other", "c.jpg", &photo, &[]).code, 0);

        // update: the fields given, the same rules as add.
        let out = run(s.pfp().args(["user", "update", "njit", "--email", "New@Example.edu", "--name", "N. J."]).arg("--json"));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let user = &json_lines(&out.stdout)[0];
        assert_eq!(user["fields"]["email"], "New@Example.edu");
        assert_eq!(user["fields"]["nickname"], "njit");
        assert_eq!(user["fields"]["display_name"], "N. J.");
        // What it replaced is in the output (an update of the wrong user loses nothing),
        // and the line that says so carries the command that changes it back.
        let before_email = user["previous"]["email"].as_str().unwrap().to_owned();
        assert!(user["previous"].get("nickname").is_none(), "{user}");
        let out = run(s.pfp().args(["user", "update", "njit", "--email", "slip@example.edu", "--name", "Slip O'Hara"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stderr.contains("Changed user 'njit': email 'New@Example.edu' -> 'slip@example.edu', display_name 'N. J.' -> 'Slip O'Hara'.")
                && out.stderr.contains("To change it back: pfp user update 1 --email New@Example.edu --name 'N. J.'"),
            "{}",
            out.stderr
        );
        let back = s.shell("pfp user update 1 --email New@Example.edu --name 'N. J.' --json", &[]);
        assert_eq!(back.code, 0, "{}", back.stderr);
        let user = &json_lines(&back.stdout)[0];
        assert_eq!((user["fields"]["email"].as_str(), user["fields"]["display_name"].as_str()), (Some("New@Example.edu"), Some("N. J.")));
        assert_eq!(user["previous"]["display_name"], "Slip O'Hara");
        assert_ne!(before_email, "New@Example.edu");
        let out = run(s.pfp().args(["user", "update", "new@example.edu", "--nickname", "other"]));
        assert_eq!(out.code, 4, "a taken nickname: {}", out.stderr);
        assert!(out.stderr.contains("nickname 'other' already exists"), "{}", out.stderr);
        let out = run(s.pfp().args(["user", "update", "other", "--email", "NEW@example.edu"]));
        assert_eq!(out.code, 4, "a case-only duplicate email: {}", out.stderr);
        let out = run(s.pfp().args(["user", "update", "other"]));
        assert_eq!(out.code, 2, "nothing to change: {}", out.stderr);

        // delete: confirmation as remove, then the pictures (current and kept) and the row.
        let njit_keys: Vec<String> = s.keys().into_iter().filter(|k| !s.picture_url(2).unwrap().ends_with(k.as_str())).collect();
        assert_eq!(njit_keys.len(), 3, "{njit_keys:?}");
        let out = run(s.pfp().args(["user", "delete", "njit"]));
        assert_eq!(out.code, 2, "no terminal, no --yes: {}", out.stderr);
        let out = run(s.pfp().args(["user", "delete", "njit", "--yes", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let deleted = &json_lines(&out.stdout)[0];
        assert_eq!(deleted["type"], "user_deleted");
        assert_eq!(deleted["deleted"].as_array().unwrap().len(), 3, "{deleted}");
        assert_eq!(s.keys().len(), 1, "only the other user's picture is left: {:?}", s.keys());
        assert_eq!((deleted["fields"]["email"].as_str(), deleted["fields"]["nickname"].as_str()), (Some("New@Example.edu"), Some("njit")), "{deleted}");
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM users"), vec![Some("1".to_owned())]);
        let out = run(s.pfp().args(["user", "show", "njit"]));
        assert_eq!(out.code, 3);
        // The human line carries the command that adds the deleted user again.
        let out = run(s.pfp().args(["user", "delete", "other", "--yes"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let again = out.stdout.split("It was: ").nth(1).expect("the user add line").trim().to_owned();
        assert!(again.starts_with("pfp user add --email "), "{}", out.stdout);
        assert_eq!(s.shell(&again, &[]).code, 0, "{again}");
        assert_eq!(db.query("SELECT nickname FROM users"), vec![Some("other".to_owned())]);
        let out = run(s.pfp().arg("verify"));
        assert_eq!(out.code, 0, "{}", out.stdout);
    }
}

both_backends! {
    fn user_import_adds_rejects_each_bad_row_and_reruns_as_unchanged(db, _dir) {
        let s = Stack::new(db);
        // Columns in another order than the documented one; quoted fields; a blank line.
        let csv = "nickname,email,name\n\
                   ada,ada@example.com,Ada Lovelace\n\
                   grace,Grace@Example.com,\n\
                   bad,not-an-email,X\n\
                   ada2,ADA@example.com,\n\
                   123,num@example.com,\n\
                   zoe,zoe@example.com\n\
                   \n\
                   njit,someone@example.com,\n\
                   \"Jo, S.\",jo@example.com,\"Smith, Jo\"\n";
        let file = s.file("users.csv", csv.as_bytes());
        let out = run(s.pfp().args(["user", "import"]).arg(&file));
        assert_eq!(out.code, 4, "rows were rejected: {}", out.stderr);
        assert_eq!(out.stdout, "", "status lines only");
        // FILE as given (here a path in the test's folder).
        let stderr = out.stderr.replace(&format!("{}/", s.dir().display()), "");
        for expected in [
            "users.csv:4: invalid email 'not-an-email'",
            "users.csv:5: email 'ADA@example.com' is on users.csv:2 already",
            "users.csv:6: invalid nickname '123'",
            "users.csv:7: expected 3 fields (nickname,email,name), found 2",
            "users.csv:9: a user with nickname 'njit' already exists",
        ] {
            assert!(stderr.contains(expected), "{expected:?} in:\n{stderr}");
        }
        assert!(stderr.contains("8 rows: 3 added, 0 unchanged, 5 rejected."), "{stderr}");
        let emails = db.query("SELECT email FROM users ORDER BY id");
        assert_eq!(
            emails,
            ["njit@example.edu", "other@example.edu", "ada@example.com", "Grace@Example.com", "jo@example.com"]
                .map(|e| Some(e.to_owned())),
        );
        assert_eq!(
            db.query("SELECT display_name FROM users WHERE nickname = 'Jo, S.'"),
            vec![Some("Smith, Jo".to_owned())]
        );

        // The same rows again from stdin: the users that exist with these fields are
        // unchanged, so an interrupted import can be run again.
        let out = run(s.pfp().args(["--json", "user", "import", "-"]).write_stdin(csv));
        assert_eq!(out.code, 4, "{}", out.stderr);
        let objects = json_lines(&out.stdout);
        let ada = objects.iter().find(|o| o["row"] == "stdin:2").expect("row 2 reported");
        assert_eq!(ada["type"], "user_import");
        assert_eq!(ada["status"], "unchanged");
        assert_eq!(ada["id"], "3");
        let summary = objects.last().unwrap();
        assert_eq!(summary["type"], "user_import_summary");
        assert_eq!((summary["added"].as_u64(), summary["unchanged"].as_u64(), summary["rejected"].as_u64()), (Some(0), Some(3), Some(5)), "{summary}");
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM users"), vec![Some("5".to_owned())]);

        // Only good rows: exit 0. A file without a header is refused whole.
        let out = run(s.pfp().args(["user", "import", "-"]).write_stdin("email,nickname\nbo@example.com,bo\n"));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let headless = s.file("headless.csv", b"cy@example.com,cy\n");
        let out = run(s.pfp().args(["user", "import"]).arg(&headless));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(out.stderr.contains("headless.csv:1: unknown column 'cy@example.com'"), "{}", out.stderr);
        assert!(out.stderr.starts_with(&format!("error: {}", s.dir().display())), "{}", out.stderr);
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM users WHERE nickname = 'cy'"), vec![Some("0".to_owned())]);
        let out = run(s.pfp().args(["user", "import", "missing.csv"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        // A dump of an app's users table (its own ids and columns): refused whole, with
        // the columns to keep and where such an app belongs instead.
        let dump = s.file("dump.csv", b"id,email,nickname,profile_picture_url\n5f0c2a4e-1111-4c5e-9d2f-0123456789ab,dy@example.com,dy,\n");
        let out = run(s.pfp().args(["user", "import"]).arg(&dump));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(
            out.stderr.contains("dump.csv:1: unknown column 'id'")
                && out.stderr.contains("; keep only columns 2,3 of the file; an app's own users table, with its ids and pictures, is taken in place instead: [database.mapping] and `pfp adopt`"),
            "{}",
            out.stderr
        );
        assert_eq!(db.query("SELECT CAST(count(*) AS TEXT) FROM users WHERE nickname = 'dy'"), vec![Some("0".to_owned())]);

        // Saved by Excel in a locale whose decimal mark is a comma: ';'-separated, a
        // byte-order mark, CRLF; or tab-separated. Both read as the comma's would.
        let excel = s.file("excel.csv", "\u{feff}email;nickname;name\r\nde@example.com;de;\"M\u{fc}ller; Hans\"\r\n".as_bytes());
        let out = run(s.pfp().args(["user", "import"]).arg(&excel));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = run(s.pfp().args(["user", "import", "-"]).write_stdin("email\tnickname\ntab@example.com\ttab\n"));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(
            db.query("SELECT display_name FROM users WHERE nickname IN ('de', 'tab') ORDER BY nickname"),
            vec![Some("M\u{fc}ller; Hans".to_owned()), None]
        );
        // Saved by Excel as 'CSV (Comma delimited)': Windows-1252, CRLF. The row is
        // refused on its own line (it was put on the header's, in the csv crate's words
        // `record 1 (line 1, field: 0, byte: 15)`), with the cause and the fix.
        let legacy = s.file("legacy.csv", b"email,nickname\r\nok@example.com,ok\r\nj\xe9r\xf4me@example.com,j\xe9r\xf4me\r\n");
        let out = run(s.pfp().args(["user", "import"]).arg(&legacy));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(
            out.stderr.contains("legacy.csv:3: field 1 is not UTF-8 text: the file is probably in Windows-1252")
                && out.stderr.contains("iconv -f WINDOWS-1252 -t UTF-8"),
            "{}",
            out.stderr
        );
        assert!(!out.stderr.contains("byte:"), "{}", out.stderr);
        assert_eq!(db.query("SELECT nickname FROM users WHERE email LIKE '%r%me@example.com' OR nickname = 'ok' ORDER BY nickname"), vec![Some("ok".to_owned())]);

        // Saved by Excel as 'Unicode Text' (or by PowerShell 5's `>`): UTF-16 with its
        // byte-order mark, tabs. Each row was rejected as a user of NUL bytes.
        let utf16 = |text: &str| -> Vec<u8> { [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect() };
        let unicode = s.file("unicode.txt", &utf16("email\tnickname\r\nzoë@example.com\tzoë\r\n"));
        let out = run(s.pfp().args(["user", "import"]).arg(&unicode));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(db.query("SELECT email FROM users WHERE nickname = 'zoë'"), vec![Some("zoë@example.com".to_owned())]);
        // Without the mark there is no telling it from other bytes: refused whole, with
        // the conversion.
        let unmarked = s.file("unmarked.csv", &utf16("email,nickname\nyan@example.com,yan\n")[2..]);
        let out = run(s.pfp().args(["user", "import"]).arg(&unmarked));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(out.stderr.contains("unmarked.csv:1: the file holds NUL bytes: UTF-16 text without a byte-order mark (or no text at all); convert it with iconv -f UTF-16LE -t UTF-8"), "{}", out.stderr);
        assert_eq!(db.query("SELECT email FROM users WHERE nickname = 'yan'"), Vec::<Option<String>>::new());

        // The same list of users for export-urls.
        let list = s.file("list.txt", &utf16("zoë\r\n"));
        let out = run(s.pfp().args(["export-urls", "--offline", "--format", "ndjson", "--users"]).arg(&list));
        assert_eq!(out.code, 3, "found, but no picture and no default: {}", out.stderr);
        let rows = json_lines(&out.stdout);
        let zoe = db.query("SELECT CAST(id AS TEXT) FROM users WHERE nickname = 'zoë'");
        assert_eq!(rows.len(), 1, "{}", out.stdout);
        assert_eq!((Some(rows[0]["user"].as_str().unwrap().to_owned()), &rows[0]["source"]), (zoe[0].clone(), &serde_json::json!("none")), "{}", out.stdout);
    }

    fn user_list_filters_by_where_the_picture_comes_from(db, _dir) {
        let s = Stack::new(db);
        s.add_users(5);
        assert_eq!(s.upload("njit", "a.jpg", &jpeg(&photo_like(80, 80, 4), 90), &[]).code, 0);
        // user 3: the app's own object in the bucket; user 4: a URL elsewhere.
        db.exec(&format!(
            "UPDATE users SET profile_picture_url = '{}/{}/3.jpeg' WHERE id = 3",
            s.world.host(),
            s.world.bucket
        ));
        db.exec("UPDATE users SET profile_picture_url = 'https://cdn.example.org/4.png' WHERE id = 4");
        let ids = |args: &[&str]| -> Vec<String> {
            let out = run(s.pfp().args(["user", "list"]).args(args));
            assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
            out.stdout.lines().map(|l| l.split('\t').next().unwrap().to_owned()).collect()
        };
        assert_eq!(ids(&[]), ["1", "2", "3", "4", "5"]);
        assert_eq!(ids(&["--with-picture"]), ["1", "3", "4"]);
        assert_eq!(ids(&["--without-picture"]), ["2", "5"]);
        assert_eq!(ids(&["--source", "user"]), ["1"]);
        assert_eq!(ids(&["--source", "app"]), ["3"]);
        assert_eq!(ids(&["--source", "external"]), ["4"]);
        assert_eq!(ids(&["--source", "default"]), ["2", "5"]);
        assert!(ids(&["--source", "generated"]).is_empty());
        assert_eq!(ids(&["--without-picture", "--limit", "1"]), ["2"]);
        // With a generated style set, those users are served generated avatars.
        assert_eq!(run(s.pfp().args(["set-default", "--generated", "identicon", "--yes"])).code, 0);
        assert_eq!(ids(&["--source", "generated"]), ["2", "5"]);
        assert!(ids(&["--source", "default"]).is_empty());
        let out = run(s.pfp().args(["user", "list", "--with-picture", "--without-picture"]));
        assert_eq!(out.code, 2, "{}", out.stderr);
    }
}

/// A TCP proxy in front of the test PostgreSQL that counts round trips: a turn is the
/// client sending after the server has answered (requests the client sends back to back,
/// pipelined, are one turn). Over a network every turn is a round trip's wait.
struct TurnCounter {
    port: u16,
    turns: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl TurnCounter {
    fn start(server: &str) -> TurnCounter {
        use std::io::{Read as _, Write as _};
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let turns = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&turns);
        let server = server.to_owned();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let upstream = std::net::TcpStream::connect(&server).unwrap();
                for s in [&client, &upstream] {
                    s.set_nodelay(true).unwrap();
                }
                // The client speaks first: its first bytes are a turn.
                let answered = Arc::new(AtomicBool::new(true));
                let pump = |mut from: std::net::TcpStream,
                            mut to: std::net::TcpStream,
                            on_data: Box<dyn Fn() + Send>| {
                    std::thread::spawn(move || {
                        let mut buf = vec![0u8; 64 << 10];
                        while let Ok(n) = from.read(&mut buf) {
                            if n == 0 {
                                break;
                            }
                            on_data();
                            if to.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                        let _ = to.shutdown(std::net::Shutdown::Write);
                    });
                };
                let (a, turns) = (Arc::clone(&answered), Arc::clone(&counted));
                pump(
                    client.try_clone().unwrap(),
                    upstream.try_clone().unwrap(),
                    Box::new(move || {
                        if a.swap(false, Ordering::SeqCst) {
                            turns.fetch_add(1, Ordering::SeqCst);
                        }
                    }),
                );
                let a = Arc::clone(&answered);
                pump(
                    upstream,
                    client,
                    Box::new(move || a.store(true, Ordering::SeqCst)),
                );
            }
        });
        TurnCounter { port, turns }
    }

    fn take(&self) -> usize {
        self.turns.swap(0, std::sync::atomic::Ordering::SeqCst)
    }
}

#[test]
fn commands_on_postgresql_wait_for_few_round_trips() {
    // Over a network each round trip to PostgreSQL is a wait: a statement run once is sent
    // unprepared (parse, bind and execute in one trip, not a trip to prepare it first),
    // the migrations of both tracks are checked in one, the store's identity read in
    // one, and a picture change's lock and ledger read sent together, then its writes and
    // COMMIT. Counted through a proxy, TLS included: a first upload (the database's first
    // change, which records the store) took 40 turns before this and 26 after (18-20
    // since a first claim writes its settings in one upsert), a replacing one 36 and 16,
    // a get-url 14 and 9. The bounds leave room for requests sent
    // together that the proxy reads in pieces, each of which counts as a turn when the
    // server has answered the first meanwhile (21 for a replacing upload in a loaded
    // run), and still fail the build before this.
    let db = TestDb::postgres();
    let direct = db.url().to_owned();
    let Some(rest) = direct
        .strip_prefix("postgres://")
        .and_then(|r| r.split_once('@'))
    else {
        panic!("a PostgreSQL URL with a user: {direct}");
    };
    let (host, _) = rest.1.split_once('/').expect("host/database");
    let counter = TurnCounter::start(host);
    let proxied = direct.replacen(host, &format!("127.0.0.1:{}", counter.port), 1);
    let s = common::Stack::new(&db);
    let photo = s.dir().join("a.jpg");
    std::fs::write(&photo, jpeg(&photo_like(64, 48, 7), 85)).unwrap();
    let second = s.dir().join("b.jpg");
    std::fs::write(&second, jpeg(&photo_like(64, 48, 8), 85)).unwrap();
    let through = |args: &[&str]| {
        let mut cmd = s.pfp();
        cmd.env("DATABASE_URL", &proxied).args(args);
        counter.take();
        let out = run(&mut cmd);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        counter.take()
    };
    let photo = photo.to_str().unwrap();
    let second = second.to_str().unwrap();
    let first = through(&["upload", "--user", "1", photo]);
    let replacing = through(&["upload", "--user", "1", second]);
    let url = through(&["get-url", "--user", "1"]);
    assert!(first <= 33, "a first upload took {first} round trips");
    assert!(
        replacing <= 24,
        "a replacing upload took {replacing} round trips"
    );
    assert!(url <= 11, "get-url took {url} round trips");
    // What went through the proxy landed.
    assert!(s.picture_url(1).is_some_and(|u| u.ends_with(".jpg")));
}

#[test]
fn postgresql_tables_are_made_only_by_a_command_that_adds_and_never_beside_an_apps_users() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::postgres();
    let pfp = || {
        let mut c = pfp_isolated(dir.path());
        c.env("DATABASE_URL", db.url());
        c
    };
    let tables = || {
        db.query(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = current_schema()",
        )
    };
    // A database (here a schema) where pfp has never made its tables: a read sets
    // nothing up (the mistyped `--db` of a busy operator).
    for args in [
        vec!["user", "list"],
        vec!["user", "show", "1"],
        vec!["user", "delete", "1", "--yes"],
    ] {
        let out = run(pfp().args(&args));
        assert_eq!(out.code, 3, "{args:?}: {}\n{}", out.stdout, out.stderr);
        let said = format!("{}{}", out.stdout, out.stderr);
        assert!(said.contains("has no pfp tables yet"), "{said}");
        assert_eq!(tables(), vec![None], "{args:?} made tables");
    }
    // An app's `users` table, pfp pointed at it without a mapping: refused (exit 7),
    // even by a command that adds, and nothing is made beside it or changed in it.
    db.exec(
        "CREATE TABLE users (id UUID PRIMARY KEY, email TEXT NOT NULL, nickname TEXT NOT NULL,
            profile_picture_url VARCHAR(255));
         INSERT INTO users VALUES ('0b7e4a52-9a6f-4d8e-8c1f-3f1f2a9b6c01', 'njit@example.edu', 'njit', NULL);",
    );
    for args in [
        vec!["user", "list"],
        vec!["user", "add", "--email", "a@example.com", "--nickname", "a"],
    ] {
        let out = run(pfp().args(&args));
        assert_eq!(out.code, 7, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("already has a 'users' table that pfp did not make"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("[database.mapping]"), "{}", out.stderr);
        assert_eq!(tables(), vec![Some("users".to_owned())]);
    }
    assert_eq!(
        db.query("SELECT email FROM users"),
        vec![Some("njit@example.edu".to_owned())]
    );
    // Once a command that adds has set pfp's own tables up, every command opens them.
    db.exec("DROP TABLE users");
    let out = run(pfp().args(ADD_USER_A));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(pfp().args(["user", "list"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("a@example.com"), "{}", out.stdout);
}

#[test]
fn an_update_writes_only_the_fields_given_so_a_concurrent_change_of_another_stays() {
    // Another writer (the app, a second pfp) holds user 1's row, changing its nickname,
    // while `user update --email` reads the row and waits for the lock. The update then
    // writes the email alone: writing every field as it read them put the old nickname
    // back over the committed one.
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::postgres();
    assert_eq!(add(&db, dir.path(), "a@example.com", "first").code, 0);
    let url = db.url().to_owned();
    let writer = std::thread::spawn(move || {
        common::db::pg_exec(
            &url,
            "BEGIN; UPDATE users SET nickname = 'changed' WHERE id = 1; SELECT pg_sleep(2); COMMIT;",
        )
    });
    std::thread::sleep(std::time::Duration::from_millis(700));
    let out =
        run(pfp_db(&db, dir.path()).args(["user", "update", "1", "--email", "b@example.com"]));
    writer.join().unwrap();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        db.query("SELECT email || ' ' || nickname FROM users WHERE id = 1"),
        vec![Some("b@example.com changed".to_owned())]
    );
    assert!(
        out.stderr
            .contains("Changed user '1': email 'a@example.com' -> 'b@example.com'."),
        "{}",
        out.stderr
    );
}
