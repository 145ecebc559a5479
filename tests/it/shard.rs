//! `--shard K/N` and the examples in examples/shard, run as their schedulers would run
//! them: shards never overlap, together cover everything, re-run on their own, and run
//! side by side on one database without harm.

use std::collections::HashSet;

use crate::common;
use crate::common::fixtures::*;
use common::*;

const USERS: u32 = 24;

/// 24 users (ids 1..=24), a picture file for each and a manifest naming them by id.
fn manifest(s: &Stack) -> std::path::PathBuf {
    s.add_users(USERS);
    let mut rows = String::from("user,path\n");
    for id in 1..=USERS {
        let name = format!("{id}.jpg");
        s.file(&name, &jpeg(&photo_like(48, 48, u64::from(id)), 85));
        rows.push_str(&format!("{id},{name}\n"));
    }
    s.file("manifest.csv", rows.as_bytes())
}

/// The line of an example file that runs pfp (YAML list item or `run:` value).
fn example_command(file: &str, starts: &str) -> String {
    let path = format!("{}/examples/shard/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .map(|l| {
            l.trim()
                .trim_start_matches("- ")
                .trim_start_matches("run: ")
        })
        .find(|l| l.starts_with(starts))
        .unwrap_or_else(|| panic!("{file} has no '{starts}' line"))
        .to_owned()
}

fn summary(out: &Out) -> serde_json::Value {
    json_lines(&out.stdout).pop().expect("a summary")
}

both_backends! {
    fn the_kubernetes_and_ci_matrix_examples_cover_every_user_once(db, _dir) {
        let s = Stack::new(db);
        let manifest = manifest(&s);
        let dir = format!("{}/", manifest.parent().unwrap().display());

        // The Indexed Job's command, once per completion index, as the pods would run it.
        let import = example_command("k8s-indexed-job.yaml", "pfp import").replace("/data/", &dir);
        let (mut files, mut done) = (0, 0);
        for index in 0..4 {
            let out = s.shell(&import, &[("JOB_COMPLETION_INDEX", &index.to_string())]);
            assert_eq!(out.code, 0, "shard {index}: {}", out.stderr);
            let sum = summary(&out);
            files += sum["files"].as_u64().unwrap();
            done += sum["done"].as_u64().unwrap();
        }
        assert_eq!((files, done), (u64::from(USERS), u64::from(USERS)), "every row once");
        for id in 1..=USERS {
            assert!(s.picture_url(id).is_some(), "user {id} has a picture");
        }

        // Two spellings of one user in four shards: sharded by the user's id, both rows
        // land in one shard, which imports the first and refuses the second; a row
        // naming nobody is reported by exactly one shard.
        let twice = s.file(
            "twice.csv",
            format!("user,path\n7,{dir}7.jpg\nuser7@example.com,{dir}8.jpg\nnobody@example.com,{dir}9.jpg\n").as_bytes(),
        );
        let (mut unchanged, mut refused) = (0, Vec::new());
        for shard in 1..=4 {
            let out = run(s.pfp().args(["import", "--json", "--shard", &format!("{shard}/4"), "--manifest"]).arg(&twice));
            for line in json_lines(&out.stdout).iter().filter(|v| v["type"] == "import") {
                match line["status"].as_str().unwrap() {
                    "unchanged" => unchanged += 1,
                    "rejected" => refused.push(line["message"].as_str().unwrap().to_owned()),
                    other => panic!("{other}: {}", out.stdout),
                }
            }
        }
        assert_eq!(unchanged, 1, "{refused:?}");
        assert_eq!(refused.len(), 2, "{refused:?}");
        assert!(refused.iter().any(|m| m.contains("twice.csv:3") && m.contains("twice.csv:2")), "{refused:?}");
        assert!(refused.iter().any(|m| m.contains("nobody@example.com")), "{refused:?}");

        // A failed pod is retried on its own index: it finds its work done.
        let out = s.shell(&import, &[("JOB_COMPLETION_INDEX", "1")]);
        let sum = summary(&out);
        assert_eq!(sum["done"], 0, "{}", out.stdout);
        assert_eq!(sum["unchanged"], sum["files"]);

        // The CI matrix's verify, one shard per runner: together they check everything.
        let verify = example_command("github-matrix.yml", "pfp verify");
        let (mut users, mut entries, mut objects) = (0, 0, 0);
        for shard in 1..=4 {
            let out = s.shell(&verify.replace("${{ matrix.shard }}", &shard.to_string()), &[]);
            assert_eq!(out.code, 0, "shard {shard}: {}", out.stdout);
            let sum = summary(&out);
            assert_eq!(sum["clean"], true);
            users += sum["users"].as_u64().unwrap();
            entries += sum["entries"].as_u64().unwrap();
            objects += sum["objects"].as_u64().unwrap();
        }
        assert_eq!((users, entries, objects), (u64::from(USERS), u64::from(USERS), u64::from(USERS)));

        // export-urls in three shards gives the rows of one export, each once.
        let all = run(s.pfp().args(["export-urls", "--offline"]));
        let all: HashSet<String> = all.stdout.lines().skip(1).map(|l| l.split(',').take(3).collect::<Vec<_>>().join(",")).collect();
        let mut parts = Vec::new();
        for shard in ["1/3", "2/3", "3/3"] {
            let out = run(s.pfp().args(["export-urls", "--offline", "--shard", shard]));
            assert_eq!(out.code, 0, "{}", out.stderr);
            parts.extend(out.stdout.lines().skip(1).map(|l| l.split(',').take(3).collect::<Vec<_>>().join(",")));
        }
        assert_eq!(parts.len(), all.len(), "no row twice");
        assert_eq!(parts.into_iter().collect::<HashSet<_>>(), all);
    }

    fn shards_run_side_by_side_with_gnu_parallel_on_one_database(db, _dir) {
        assert!(
            std::process::Command::new("parallel").arg("--version").output().is_ok(),
            "this test runs examples/shard/parallel.sh: install GNU parallel (apt-get install parallel)"
        );
        let s = Stack::new(db);
        let manifest = manifest(&s);
        let script = format!("{}/examples/shard/parallel.sh", env!("CARGO_MANIFEST_DIR"));
        // Four shards, all four at once.
        let out = s.shell(&format!("{script} {} 4 4", manifest.display()), &[]);
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        for id in 1..=USERS {
            assert!(s.picture_url(id).is_some(), "user {id} has a picture");
        }
        let out = run(s.pfp().args(["verify", "--json"]));
        assert_eq!(out.code, 0, "consistent after concurrent shards: {}", out.stdout);
        let sum = summary(&out);
        assert_eq!(sum["entries"], u64::from(USERS));
        assert_eq!(sum["objects"], u64::from(USERS));
    }
}

#[test]
fn a_bad_shard_is_exit_4_before_anything_runs() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        vec!["import", "--manifest", "m.csv", "--shard", "0/4"],
        vec!["export-urls", "--shard", "5/4"],
        vec!["verify", "--shard", "two"],
    ] {
        let out = run(pfp_isolated(home.path()).args(&args));
        assert_eq!(out.code, 4, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("--shard") && out.stderr.contains("K/N"),
            "{}",
            out.stderr
        );
    }
}
