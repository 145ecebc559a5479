//! The decoder jail, from outside: a decoder that a file has exploited (the test build's
//! "evil decoder", `src/jail/evil.rs`) tries every door and is stopped at each; the
//! child runs under seccomp with no new privileges, no secrets and its limits; its file
//! is rejected with the right rule and nothing is stored; the run goes on.

use crate::common;
use crate::common::fixtures;

use common::*;
use fixtures::*;

const SECRETS: [(&str, &str); 5] = [
    ("MINIO_SECRET_KEY", "jail-test-minio-secret-8c41"),
    ("AWS_ACCESS_KEY_ID", "jail-test-aws-key-id"),
    ("AWS_SECRET_ACCESS_KEY", "jail-test-aws-secret-77d2"),
    ("PGPASSWORD", "jail-test-pg-password-19fe"),
    (
        "DATABASE_URL",
        "postgres://u:jail-test-db-password-5b0a@127.0.0.1/test",
    ),
];

/// A real JPEG whose comment asks the test build's decoder to do `action`: the
/// container walk lets comments through, so the file reaches the jailed child.
fn evil_jpeg(action: &str, seed: u64) -> Vec<u8> {
    let clean = jpeg(&photo_like(96, 96, seed), 90);
    let text = format!("pfp-evil:{action};");
    let len = u16::try_from(text.len() + 2).unwrap();
    let mut out = clean[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&clean[2..]);
    out
}

/// [`evil_jpeg`] written as `ACTION.jpg` in `dir`.
fn evil_file(dir: &std::path::Path, action: &str, seed: u64) -> std::path::PathBuf {
    let file = dir.join(format!("{action}.jpg"));
    std::fs::write(&file, evil_jpeg(action, seed)).unwrap();
    file
}

fn verdicts(out: &Out) -> std::collections::BTreeMap<String, serde_json::Value> {
    json_lines(&out.stdout)
        .into_iter()
        .filter(|v| v["type"] == "verdict")
        .map(|v| {
            let file = v["file"].as_str().unwrap();
            let file = file.rsplit('/').next().unwrap().to_owned();
            (file, v)
        })
        .collect()
}

#[test]
fn an_exploited_decoder_is_stopped_at_every_door_and_only_its_file_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let doors = [
        ("open-passwd", "decoder_crashed"),
        ("read-environ", "decoder_crashed"),
        ("parent-memory", "decoder_crashed"),
        ("connect", "decoder_crashed"),
        ("exec", "decoder_crashed"),
        ("fork", "decoder_crashed"),
        ("write-stdout", "decoder_crashed"),
        // A well-framed answer whose picture is spoiled: the parent's own check refuses it.
        ("lie", "decoder_crashed"),
        ("allocate-4g", "decoder_limit"),
    ];
    let mut files = Vec::new();
    for (i, (door, _)) in doors.iter().enumerate() {
        let path = dir.path().join(format!("{door}.jpg"));
        std::fs::write(&path, evil_jpeg(door, i as u64)).unwrap();
        files.push(path);
    }
    let good = dir.path().join("good.jpg");
    std::fs::write(&good, jpeg(&photo_like(300, 200, 99), 90)).unwrap();
    files.insert(3, good);

    let mut cmd = pfp_isolated(dir.path());
    cmd.envs(SECRETS).args(["validate", "--json"]).args(&files);
    let out = run(&mut cmd);
    assert_eq!(out.code, 4, "{}", out.stderr);
    let verdicts = verdicts(&out);
    assert_eq!(verdicts.len(), files.len(), "{}", out.stdout);
    assert_eq!(
        verdicts["good.jpg"]["ok"], true,
        "the file after the crashes is decoded as usual: {}",
        out.stdout
    );
    for (door, rule) in doors {
        let v = &verdicts[&format!("{door}.jpg")];
        assert_eq!(v["ok"], false, "{door}: {v}");
        assert_eq!(v["rule"], rule, "{door}: {v}");
        let message = v["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("{door}.jpg: the decoder")),
            "{message}"
        );
    }
    for (_, secret) in SECRETS {
        assert!(!out.stdout.contains(secret) && !out.stderr.contains(secret));
    }
}

/// The processes whose parent is `parent`.
fn children_of(parent: u32) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/status")).is_ok_and(|s| {
                s.lines().any(|l| {
                    l.split_whitespace().collect::<Vec<_>>() == ["PPid:", &parent.to_string()]
                })
            })
        })
        .collect()
}

/// The jailed decoders (zygotes, or a zygote's children: they share its command line)
/// whose parent is `parent`.
fn decoders_of(parent: u32) -> Vec<u32> {
    children_of(parent)
        .into_iter()
        .filter(|pid| {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            String::from_utf8_lossy(&cmdline).contains("__pfp-jailed-decoder")
        })
        .collect()
}

fn status_field(pid: u32, field: &str) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_owned())
}

#[test]
fn a_decoding_child_runs_under_seccomp_without_secrets_and_a_spin_is_cut_off_by_its_cpu_limit() {
    let dir = tempfile::tempdir().unwrap();
    let file = evil_file(dir.path(), "spin", 1);
    let mut cmd = pfp_isolated_std(dir.path());
    cmd.envs(SECRETS)
        .args(["validate", "--json"])
        .arg(&file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    let parent = child.id();

    // Find the zygote (pfp's child in decoder mode) and, under it, the child that is
    // decoding (the one using CPU) while it spins.
    let started = std::time::Instant::now();
    let mut seen = Vec::new();
    // Looked for until the child has spun 0.2 s, which a loaded machine (the suite's
    // other spinning children on two cores) can stretch to seconds; the loop ends then.
    while started.elapsed() < std::time::Duration::from_secs(30) {
        for zygote in decoders_of(parent) {
            let environ = std::fs::read(format!("/proc/{zygote}/environ")).unwrap_or_default();
            assert!(
                environ.is_empty(),
                "the zygote's environment: {:?}",
                String::from_utf8_lossy(&environ)
            );
            for pid in decoders_of(zygote) {
                let ticks: u64 = std::fs::read_to_string(format!("/proc/{pid}/stat"))
                    .ok()
                    .and_then(|s| {
                        let after = s.rsplit_once(')')?.1.split_whitespace().collect::<Vec<_>>();
                        Some(
                            after.get(11)?.parse::<u64>().ok()?
                                + after.get(12)?.parse::<u64>().ok()?,
                        )
                    })
                    .unwrap_or(0);
                if ticks <= 20 || seen.contains(&pid) {
                    continue;
                }
                seen.push(pid);
                // The zygote confines itself before it reads a job, so once it has a
                // child it is confined (just after its exec it is not yet).
                assert_eq!(
                    status_field(zygote, "Seccomp").as_deref(),
                    Some("2"),
                    "zygote {zygote}"
                );
                assert_eq!(status_field(zygote, "NoNewPrivs").as_deref(), Some("1"));
                assert_eq!(
                    status_field(pid, "Seccomp").as_deref(),
                    Some("2"),
                    "pid {pid}"
                );
                assert_eq!(
                    status_field(pid, "NoNewPrivs").as_deref(),
                    Some("1"),
                    "pid {pid}"
                );
                let filters: u32 = status_field(pid, "Seccomp_filters")
                    .unwrap()
                    .parse()
                    .unwrap();
                assert!(
                    filters >= 3,
                    "the zygote's two filters and the child's own: {filters}"
                );
                let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
                assert!(
                    environ.is_empty(),
                    "the child's environment: {:?}",
                    String::from_utf8_lossy(&environ)
                );
                let mut fds: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
                    .unwrap()
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect();
                fds.sort();
                assert_eq!(
                    fds,
                    ["1", "2"],
                    "the child's descriptors: its answer pipe only"
                );
                let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
                let limit = |name: &str| {
                    limits
                        .lines()
                        .find(|l| l.starts_with(name))
                        .map(|l| {
                            l[name.len()..]
                                .split_whitespace()
                                .next()
                                .unwrap()
                                .to_owned()
                        })
                        .unwrap()
                };
                assert_eq!(limit("Max file size"), "0", "{limits}");
                assert_eq!(limit("Max open files"), "6", "{limits}");
                assert_ne!(limit("Max cpu time"), "unlimited", "{limits}");
                let address_space: u64 = limit("Max address space").parse().unwrap();
                assert!(address_space < 1 << 30, "{limits}");
            }
        }
        if !seen.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        seen.len(),
        1,
        "one spinning jailed child was seen: {stdout}"
    );
    assert_eq!(out.status.code(), Some(4), "{stdout}");
    let v = &json_lines(&stdout)[0];
    assert_eq!(v["rule"], "decoder_limit", "{v}");
    assert!(
        v["message"].as_str().unwrap().contains("s of CPU time"),
        "{v}"
    );
    // pfp waited for the child: nothing of it is left.
    assert!(
        std::fs::metadata(format!("/proc/{}", seen[0])).is_err(),
        "the child is gone"
    );
}

both_backends! {
    fn an_exploited_decoder_stores_nothing_and_import_goes_on_with_the_next_file(db, _dir) {
        let s = Stack::new(db);
        let rows = s.rows();
        let evil = s.dir().join("evil.jpg");
        std::fs::write(&evil, evil_jpeg("connect", 3)).unwrap();
        let out = run(s.pfp().args(["upload", "--user", "njit"]).arg(&evil));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(out.stderr.contains("evil.jpg: the decoder made a system call the jail forbids"), "{}", out.stderr);
        assert!(s.keys().is_empty(), "{:?}", s.keys());
        assert_eq!(s.rows(), rows);

        let dir = s.dir().join("avatars");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("njit.jpg"), evil_jpeg("allocate-4g", 4)).unwrap();
        std::fs::write(dir.join("other.jpg"), jpeg(&photo_like(200, 200, 5), 90)).unwrap();
        let out = run(s.pfp().args(["import", "--json"]).arg(&dir));
        assert_eq!(out.code, 4, "{}", out.stderr);
        let lines = json_lines(&out.stdout);
        let status = |file: &str| {
            lines
                .iter()
                .find(|v| v["type"] == "import" && v["file"].as_str().is_some_and(|f| f.ends_with(file)))
                .map(|v| v["status"].as_str().unwrap().to_owned())
        };
        assert_eq!(status("njit.jpg").as_deref(), Some("rejected"), "{}", out.stdout);
        assert_eq!(status("other.jpg").as_deref(), Some("done"), "{}", out.stdout);
        assert_eq!(s.picture_url(1), None);
        assert!(s.picture_url(2).is_some());
    }
}

/// A JPEG of 128 KiB or more (so a single file's command maps it from the page cache)
/// whose test-build decoder waits until it sees the byte at the returned offset change.
fn awaiting_change() -> (Vec<u8>, usize) {
    let padding = vec![b'.'; 65_000];
    let bytes = with_comments(
        &jpeg(&photo_like(200, 150, 11), 90),
        &[b"pfp-evil:await-change;A", &padding, &padding],
    );
    assert!(bytes.len() >= 128 << 10);
    let offset = memchr::memmem::find(&bytes, b"await-change;").unwrap() + 13;
    (bytes, offset)
}

/// Runs `command` while another thread writes the byte at `offset` of `file` again and
/// again (every 2 ms), as another process changing the file under pfp would.
fn while_rewritten(file: &std::path::Path, offset: usize, command: impl FnOnce() -> Out) -> Out {
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (file, stop) = (file.to_owned(), std::sync::Arc::clone(&stop));
        std::thread::spawn(move || {
            let f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
            let mut writes = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let byte = [b'B' + (writes % 2) as u8];
                std::os::unix::fs::FileExt::write_at(&f, &byte, offset as u64).unwrap();
                writes += 1;
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            writes
        })
    };
    let out = command();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(writer.join().unwrap() > 0);
    out
}

both_backends! {
    fn an_upload_refuses_a_file_that_another_process_changes_while_pfp_reads_it(db, _dir) {
        // A single file of 128 KiB or more is mapped from the page cache, not copied.
        // Another process writes one byte of it, again and again, while pfp runs; the
        // test build's decoder waits until it sees that byte change, so a write lands
        // after pfp opened the file. pfp then refuses it: exit 4, nothing stored.
        let s = Stack::new(db);
        let rows = s.rows();
        let file = s.dir().join("photo.jpg");
        let (bytes, offset) = awaiting_change();
        std::fs::write(&file, &bytes).unwrap();
        let out = while_rewritten(&file, offset, || {
            run(s.pfp().args(["upload", "--user", "njit"]).arg(&file))
        });
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(
            out.stderr.contains("photo.jpg: the file changed while pfp read it; nothing was stored"),
            "{}",
            out.stderr
        );
        assert!(s.keys().is_empty(), "{:?}", s.keys());
        assert_eq!(s.rows(), rows);
        assert_eq!(s.picture_url(1), None);
    }
}

#[test]
fn validate_of_one_file_refuses_it_when_another_process_changes_it_meanwhile() {
    // `validate` of one file maps it as `upload` does, so it checks the same way that
    // the verdict is of the bytes the file still holds: exit 4, rule `unreadable`.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("photo.jpg");
    let (bytes, offset) = awaiting_change();
    std::fs::write(&file, &bytes).unwrap();
    let out = while_rewritten(&file, offset, || {
        run(pfp_isolated(dir.path())
            .args(["validate", "--json"])
            .arg(&file))
    });
    assert_eq!(out.code, 4, "{}", out.stderr);
    let v = verdicts(&out);
    assert_eq!(v["photo.jpg"]["rule"], "unreadable", "{}", out.stdout);
    let message = v["photo.jpg"]["message"].as_str().unwrap();
    assert!(
        message.contains("photo.jpg: the file changed while pfp read it"),
        "{message}"
    );
}

#[test]
fn no_sandbox_decodes_in_process_and_warns_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("photo.jpg");
    std::fs::write(&file, jpeg(&photo_like(200, 100, 7), 90)).unwrap();
    for _ in 0..2 {
        let out = run(pfp_isolated(dir.path())
            .args(["--no-sandbox", "validate"])
            .arg(&file));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.starts_with("ok "), "{}", out.stdout);
        assert!(
            out.stderr
                .contains("warning: --no-sandbox: pictures are decoded inside pfp's own process"),
            "{}",
            out.stderr
        );
    }
    let out = run(pfp_isolated(dir.path()).arg("validate").arg(&file));
    assert!(!out.stderr.contains("--no-sandbox"), "{}", out.stderr);
}

#[test]
fn a_decoder_that_blocks_instead_of_computing_is_stopped_by_the_wall_clock() {
    // The child waits for input that never comes (read is allowed): no CPU limit helps;
    // the parent's wall-clock timeout (3x the CPU limit) kills it.
    let dir = tempfile::tempdir().unwrap();
    let file = evil_file(dir.path(), "hang", 5);
    let good = dir.path().join("good.jpg");
    std::fs::write(&good, jpeg(&photo_like(120, 80, 6), 90)).unwrap();
    let (v, message) = limited(dir.path(), &[&file, &good], "hang.jpg");
    assert!(message.contains("took longer than"), "{message}");
    assert_eq!(v["good.jpg"]["ok"], true, "{v:?}");
}

#[test]
fn a_childs_answer_is_taken_when_it_closes_its_pipe_and_its_exit_still_waited_for() {
    // The test build's child, asked to linger, writes its whole answer, closes its pipe
    // and exits only two seconds later: pfp has the verdict at once (it does not wait for
    // the child's exit, which tears down its memory first), and still waits for the
    // child before it exits itself, leaving nothing behind.
    let dir = tempfile::tempdir().unwrap();
    let file = evil_file(dir.path(), "linger", 9);
    let started = std::time::Instant::now();
    let out = run(pfp_isolated(dir.path()).args(["-v", "validate"]).arg(&file));
    let whole = started.elapsed();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let logged = out
        .stderr
        .lines()
        .find_map(|l| l.split("linger.jpg' in ").nth(1))
        .unwrap_or_else(|| panic!("no decode time in: {}", out.stderr));
    let decode = parse_debug_duration(logged.trim());
    assert!(
        decode < std::time::Duration::from_secs(1),
        "the verdict waited for the child's exit: {logged}"
    );
    assert!(
        whole >= std::time::Duration::from_secs(2),
        "pfp ended before its lingering child: {whole:?}"
    );
}

/// A `Duration` as `{:.1?}` prints it: `950.3µs`, `104.0ms`, `2.1s`.
fn parse_debug_duration(text: &str) -> std::time::Duration {
    let (number, scale) = [("ns", 1e-9), ("µs", 1e-6), ("ms", 1e-3), ("s", 1.0)]
        .iter()
        .find_map(|&(unit, scale)| text.strip_suffix(unit).map(|n| (n, scale)))
        .unwrap_or_else(|| panic!("not a duration: {text}"));
    std::time::Duration::from_secs_f64(number.parse::<f64>().unwrap() * scale)
}

/// `pfp validate --json` of `files`: exit 4, and `name` refused by a limit of the
/// decoder's (`decoder_limit`); the verdicts and that one's message.
fn limited(
    home: &std::path::Path,
    files: &[&std::path::Path],
    name: &str,
) -> (
    std::collections::BTreeMap<String, serde_json::Value>,
    String,
) {
    let out = run(pfp_isolated(home).args(["validate", "--json"]).args(files));
    assert_eq!(out.code, 4, "{}", out.stderr);
    let v = verdicts(&out);
    assert_eq!(v[name]["rule"], "decoder_limit", "{}", out.stdout);
    let message = v[name]["message"].as_str().unwrap().to_owned();
    (v, message)
}

#[test]
fn a_decoder_computing_on_a_busy_machine_is_ended_by_its_cpu_limit_not_the_wall_clock() {
    // The child computes on a sixth of a core (as a decode does when other processes
    // take the rest), so its CPU limit is reached after more than the wall clock's first
    // period: the parent sees it still computing and lets the CPU limit end it.
    let dir = tempfile::tempdir().unwrap();
    let file = evil_file(dir.path(), "crawl", 7);
    let started = std::time::Instant::now();
    let (_, message) = limited(dir.path(), &[&file], "crawl.jpg");
    assert!(message.contains("s of CPU time"), "{message}");
    assert!(
        started.elapsed() > std::time::Duration::from_secs(pfp::jail::CPU_SECONDS * 3),
        "the child outlived the wall clock's first period"
    );
}

#[test]
fn a_child_finds_nothing_of_the_files_before_it_in_its_memory() {
    // Two files through one zygote: the first carries a canary in its comment and its
    // name; the second's child searches its heap (the zygote's, copied at the fork) for
    // it, and gives up if found. The zygote never holds a file's bytes (a memfd only
    // the child maps), keeps answers where no child inherits them, and zeroes the
    // job's name.
    let text = b"pfp-canary-7f3a the previous user's picture";
    let first = with_comments(&jpeg(&photo_like(200, 150, 8), 90), &[text]);
    second_child_finds_no_canary(&first, &evil_jpeg("scan-heap", 9), "in its heap");
}

/// `jpeg` with comment segments (each at most 65,533 bytes) right after its SOI.
fn with_comments(jpeg: &[u8], comments: &[&[u8]]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for comment in comments {
        out.extend_from_slice(&[0xFF, 0xFE]);
        out.extend_from_slice(&u16::try_from(comment.len() + 2).unwrap().to_be_bytes());
        out.extend_from_slice(comment);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// `validate` of `first` (which holds the canary `pfp-canary-7f3a`, as does its name) and
/// then `second` (whose test-build decoder gives up if it finds the canary `where_`),
/// one at a time and so through one zygote (`-j 1`): both accepted.
fn second_child_finds_no_canary(first: &[u8], second: &[u8], where_: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pfp-canary-7f3a.jpg"), first).unwrap();
    std::fs::write(dir.path().join("scan.jpg"), second).unwrap();
    let out = run(pfp_isolated(dir.path())
        .args(["validate", "--json", "-j", "1"])
        .arg(dir.path().join("pfp-canary-7f3a.jpg"))
        .arg(dir.path().join("scan.jpg")));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let v = verdicts(&out);
    assert_eq!(
        v["scan.jpg"]["ok"], true,
        "the second child found the first file {where_}: {}",
        out.stdout
    );
}

#[test]
fn a_kept_memfd_shows_a_child_nothing_of_the_longer_file_before_it() {
    // Files of 128 KiB and more are read into memfds kept from file to file. The second
    // file's child reads the rest of its mapping's last page, past its own end, where
    // the first (longer) file's bytes were, and gives up if it finds the first file's
    // canary there.
    let padding = vec![b'.'; 65_000];
    let second = with_comments(
        &jpeg(&photo_like(200, 150, 9), 90),
        &[b"pfp-evil:scan-tail;", &padding, &padding],
    );
    let len = second.len();
    assert!(len >= 128 << 10 && len % 4096 < 4000, "{len}");
    // The first file's canary lies 16 bytes past the second file's end.
    let clean = jpeg(&photo_like(200, 150, 8), 90);
    // SOI, two padding comments, the lead's header and the canary comment's header.
    let lead = vec![b'.'; len + 16 - (2 + 2 * (4 + 65_000) + 4 + 4)];
    let mut canary = b"pfp-canary-7f3a the previous user's picture".to_vec();
    canary.extend_from_slice(&[b'.'; 2_000]);
    let first = with_comments(&clean, &[&padding, &padding, &lead, &canary]);
    assert_eq!(&first[len + 16..len + 31], b"pfp-canary-7f3a");
    second_child_finds_no_canary(&first, &second, "past its end");
}

/// Runs `pfp validate --json -j JOBS FILES` in `dir` and watches its decoders until it
/// ends: its output, the most decoding children seen at one time, and how many zygotes
/// it started.
fn validate_watched(dir: &std::path::Path, jobs: &str, files: &[&str]) -> (Out, usize, usize) {
    let child = pfp_isolated_std(dir)
        .args(["validate", "--json", "-j", jobs])
        .args(files.iter().map(|f| dir.join(f)))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (mut most, mut zygotes) = (0, std::collections::BTreeSet::new());
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(60) {
        let now = decoders_of(child.id());
        let decoding = now.iter().map(|&z| decoders_of(z).len()).sum::<usize>();
        most = most.max(decoding);
        zygotes.extend(now);
        // pfp has exited (a zombie until it is waited for below).
        let state = std::fs::read_to_string(format!("/proc/{}/stat", child.id()))
            .ok()
            .and_then(|s| Some(s.rsplit_once(')')?.1.trim_start().chars().next()? == 'Z'));
        if state != Some(false) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let out = Out {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    (out, most, zygotes.len())
}

#[test]
fn validate_decodes_its_files_side_by_side_and_prints_their_verdicts_in_order() {
    // Two files whose decoders wait 5 s (spinning) before they decode, then a plain one:
    // with -j 3 the two wait side by side and the third is done long before them, yet
    // the verdicts come in the files' order. With -j 1 one zygote takes them in turn.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.jpg"), evil_jpeg("await-change", 1)).unwrap();
    std::fs::write(dir.path().join("b.jpg"), evil_jpeg("await-change", 2)).unwrap();
    std::fs::write(dir.path().join("c.jpg"), jpeg(&photo_like(64, 48, 3), 90)).unwrap();
    let order = |out: &Out| -> Vec<String> {
        out.stdout
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                assert_eq!(v["ok"], true, "{l}");
                v["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };

    let (out, most, _) = validate_watched(dir.path(), "3", &["a.jpg", "b.jpg", "c.jpg"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(order(&out), ["a.jpg", "b.jpg", "c.jpg"], "{}", out.stdout);
    assert!(most >= 2, "decoding side by side: at most {most} at once");

    let (out, most, zygotes) = validate_watched(dir.path(), "1", &["a.jpg", "c.jpg"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(order(&out), ["a.jpg", "c.jpg"], "{}", out.stdout);
    assert_eq!(
        (most, zygotes),
        (1, 1),
        "one file at a time through one zygote"
    );
}

#[test]
fn a_decoder_started_early_is_ended_with_pfp_when_the_command_fails_before_decoding() {
    // upload starts its decoder's zygote before it reads any setting; a setting it then
    // refuses ends the run before any decode. The zygote is ended and waited for, not
    // left to die when pfp does.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("photo.jpg");
    std::fs::write(&file, jpeg(&photo_like(64, 48, 3), 90)).unwrap();
    for _ in 0..3 {
        let child = pfp_isolated_std(dir.path())
            .env("MINIO_USE_SSL", "perhaps")
            .args(["upload", "--user", "1"])
            .arg(&file)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(7), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("MINIO_USE_SSL 'perhaps'"),
            "{out:?}"
        );
        let zygote_of_this_run = format!("__pfp-jailed-decoder\0{pid}\0");
        let left: Vec<u32> = std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
            .filter(|p| {
                std::fs::read(format!("/proc/{p}/cmdline"))
                    .is_ok_and(|c| String::from_utf8_lossy(&c).contains(&zygote_of_this_run))
            })
            .collect();
        assert_eq!(left, Vec::<u32>::new(), "a zygote of pfp {pid} outlived it");
    }
}

/// The CPUs a process may run on, as `/proc/PID/status` lists them ("0-3,6").
fn allowed_cpus(pid: u32) -> Option<Vec<u32>> {
    let list = status_field(pid, "Cpus_allowed_list")?;
    let mut cpus = Vec::new();
    for part in list.split(',') {
        let (first, last) = part.split_once('-').unwrap_or((part, part));
        cpus.extend(first.parse::<u32>().ok()?..=last.parse::<u32>().ok()?);
    }
    Some(cpus)
}

#[test]
fn an_import_pins_each_zygote_and_its_children_to_one_cpu_round_every_cpu() {
    // Two decodes a core in flight: as many zygotes, each pinned to one CPU, round the
    // CPUs this test may run on, when they cover them all (README, "The decoder jail").
    let world = World::local();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let s = Stack::with_world(&db, world);
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let ours = allowed_cpus(std::process::id()).unwrap();
    let zygotes = 2 * cores;
    s.add_users(zygotes as u32);
    let dir = s.dir().join("spinning");
    std::fs::create_dir(&dir).unwrap();
    let names: Vec<String> = ["njit", "other"]
        .into_iter()
        .map(str::to_owned)
        .chain((3..=zygotes).map(|i| format!("user{i}")))
        .take(zygotes)
        .collect();
    for (i, name) in names.iter().enumerate() {
        std::fs::write(
            dir.join(format!("{name}.jpg")),
            evil_jpeg("spin", 10 + i as u64),
        )
        .unwrap();
    }
    let mut child = s
        .std_command()
        .args(["import", "--json"])
        .arg(&dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Every zygote with its spinning child, each seen at least once.
    let started = std::time::Instant::now();
    let mut placed = std::collections::BTreeMap::new();
    while placed.len() < zygotes && started.elapsed() < std::time::Duration::from_secs(60) {
        for zygote in decoders_of(child.id()) {
            let spinning = decoders_of(zygote);
            let (Some(cpus), [decoding]) = (allowed_cpus(zygote), spinning.as_slice()) else {
                continue;
            };
            let Some(its) = allowed_cpus(*decoding) else {
                continue;
            };
            placed.insert(zygote, (cpus, its));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(placed.len(), zygotes, "zygotes seen decoding: {placed:?}");
    if zygotes >= ours.len() {
        let mut per_cpu = std::collections::BTreeMap::new();
        for (cpus, its) in placed.values() {
            assert_eq!(cpus.len(), 1, "a zygote on one CPU: {placed:?}");
            assert_eq!(its, cpus, "its child where it is: {placed:?}");
            *per_cpu.entry(cpus[0]).or_insert(0) += 1;
        }
        assert_eq!(
            per_cpu.keys().copied().collect::<Vec<_>>(),
            ours,
            "every CPU has its zygotes: {placed:?}"
        );
        let (fewest, most) = (per_cpu.values().min(), per_cpu.values().max());
        assert!(
            most.unwrap() - fewest.unwrap() <= 1,
            "as many on each: {per_cpu:?}"
        );
    } else {
        // A pool smaller than the CPUs pfp may use is left to the scheduler.
        for (cpus, _) in placed.values() {
            assert_eq!(cpus, &ours, "{placed:?}");
        }
    }
}

/// Where pfp's folder holds `pfp-decoder` of pfp's own build, owned by pfp's owner (or
/// root) and writable by no one else, in a folder others cannot write to without the
/// sticky bit, the zygotes run it (`pfp doctor` names it); otherwise they run pfp's own
/// program: a missing decoder, one others could have put or changed there, one that
/// cannot start, and one of another build (which turns itself into pfp's program as it
/// starts). A file decodes in the jail every time.
#[test]
fn zygotes_run_the_decoder_beside_pfp_only_where_it_is_of_pfp_s_build_and_safe() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let built = std::path::Path::new(env!("CARGO_BIN_EXE_pfp"));
    std::fs::copy(built, bin.join("pfp")).unwrap();
    let decoder = bin.join("pfp-decoder");
    let ours = std::fs::read(built.with_file_name("pfp-decoder")).unwrap();
    let photo = dir.path().join("photo.jpg");
    std::fs::write(&photo, jpeg(&photo_like(64, 48, 3), 90)).unwrap();

    // (what the zygote runs, per `pfp doctor`; whether `validate` decoded the photo)
    let zygote_program = || {
        let pfp = |args: &[&str]| {
            pfp_copy_isolated(&bin.join("pfp"), dir.path())
                .env("MINIO_ENDPOINT", "http://127.0.0.1:1")
                .args(args)
                .output()
                .unwrap()
        };
        let doctor = pfp(&["doctor", "--json"]);
        let jail = doctor_check(&String::from_utf8_lossy(&doctor.stdout), "decoder jail");
        assert_eq!(jail["ok"], true, "{jail}");
        let detail = jail["detail"].as_str().unwrap().to_owned();
        let program = detail
            .strip_prefix("one child per file, forked from ")
            .and_then(|d| d.split(':').next())
            .unwrap_or_else(|| panic!("{detail}"))
            .to_owned();
        let validate = pfp(&["validate", photo.to_str().unwrap()]);
        assert_eq!(validate.status.code(), Some(0), "{validate:?}");
        program
    };

    let set_mode = |path: &std::path::Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    assert_eq!(zygote_program(), "pfp", "no decoder beside pfp");
    std::fs::write(&decoder, &ours).unwrap();
    // (the decoder's mode, its folder's, the program the zygotes run, why)
    for (file, folder, expected, why) in [
        (0o755, 0o755, "pfp-decoder", "pfp's own decoder beside it"),
        (0o757, 0o755, "pfp", "a decoder anyone may change"),
        (0o644, 0o755, "pfp", "a decoder no one may run"),
        (0o755, 0o777, "pfp", "a folder anyone may change"),
        (0o755, 0o1777, "pfp-decoder", "a sticky folder such as /tmp"),
        (0o755, 0o755, "pfp-decoder", "pfp's own decoder again"),
    ] {
        set_mode(&decoder, file);
        set_mode(&bin, folder);
        assert_eq!(zygote_program(), expected, "{why}");
    }

    // A file that passes the checks and is not a program: its start fails (ENOEXEC), and
    // the zygote is pfp's own program.
    std::fs::write(&decoder, b"not a program\n").unwrap();
    assert_eq!(zygote_program(), "pfp", "a decoder that cannot start");
    std::fs::write(&decoder, &ours).unwrap();

    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        std::os::unix::fs::chown(&decoder, Some(65534), None).unwrap();
        assert_eq!(zygote_program(), "pfp", "a decoder of another user");
        std::os::unix::fs::chown(&decoder, Some(0), None).unwrap();
    }

    // The same program with another build's name in it: what a decoder left from another
    // build of pfp answers to.
    let (ours_id, other_id) = (pfp::jail::BUILD_ID.as_bytes(), b"0000111122223333");
    assert_ne!(ours_id, other_id);
    let mut other = ours.clone();
    let mut replaced = 0;
    let mut at = 0;
    while let Some(i) = other[at..]
        .windows(ours_id.len())
        .position(|w| w == ours_id)
    {
        other[at + i..at + i + ours_id.len()].copy_from_slice(other_id);
        at += i + ours_id.len();
        replaced += 1;
    }
    assert!(replaced > 0, "the build's name is in the decoder");
    std::fs::write(&decoder, &other).unwrap();
    assert_eq!(
        zygote_program(),
        "pfp",
        "a decoder of another build runs pfp's own program"
    );
}

/// A terminal sends Ctrl-C to its whole foreground process group, and SIGTERM is what
/// `timeout`, systemd and Kubernetes send a run they end: either way an import finishes
/// the files in flight, decodes included (the zygotes are in a group of their own, so a
/// decode is not killed under its file and the file blamed for it), takes no more, and
/// exits 130 or 143.
#[test]
fn an_import_stopped_by_a_terminals_ctrl_c_or_sigterm_finishes_the_decodes_in_flight() {
    for (signal, to_group, code) in [(libc::SIGINT, true, 130), (libc::SIGTERM, false, 143)] {
        let world = World::local();
        let db = common::db::TestDb::sqlite(world.dir.path());
        let s = Stack::with_world(&db, world);
        s.add_users(4);
        let dir = s.dir().join("slow");
        std::fs::create_dir(&dir).unwrap();
        // The first two decode for two seconds each, side by side; the others wait.
        for id in 1..=4u64 {
            let bytes = if id <= 2 {
                evil_jpeg("slow", id)
            } else {
                jpeg(&photo_like(96, 96, id), 90)
            };
            std::fs::write(dir.join(format!("{id}.jpg")), bytes).unwrap();
        }
        let child = {
            use std::os::unix::process::CommandExt as _;
            s.std_command()
                .args(["import", "--json", "-j", "2"])
                .arg(&dir)
                // Its own group, as a shell's foreground job.
                .process_group(0)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        // Both slow decodes in flight: a zygote's child each.
        let started = std::time::Instant::now();
        while decoders_of(child.id())
            .into_iter()
            .filter(|zygote| !decoders_of(*zygote).is_empty())
            .count()
            < 2
        {
            assert!(started.elapsed().as_secs() < 60, "no decode in flight");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let pid = child.id() as i32;
        // SAFETY: kill(2) on our own child, or on the group it leads.
        assert_eq!(
            unsafe { libc::kill(if to_group { -pid } else { pid }, signal) },
            0
        );
        let out = child.wait_with_output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(out.status.code(), Some(code), "{stderr}");
        let lines = json_lines(&stdout);
        let mut statuses: Vec<(String, String)> = lines
            .iter()
            .filter(|v| v["type"] == "import")
            .map(|v| {
                let file = v["file"].as_str().unwrap();
                let name = file.rsplit('/').next().unwrap().to_owned();
                (name, v["status"].as_str().unwrap().to_owned())
            })
            .collect();
        statuses.sort();
        assert_eq!(
            statuses,
            [
                ("1.jpg".to_owned(), "done".to_owned()),
                ("2.jpg".to_owned(), "done".to_owned())
            ],
            "signal {signal}: {stdout}{stderr}"
        );
        let summary = lines.iter().find(|v| v["type"] == "summary").unwrap();
        assert_eq!(summary["interrupted"], true, "{summary}");
        assert_eq!(
            db.query("SELECT CAST(id AS TEXT) FROM users WHERE profile_picture_url IS NOT NULL ORDER BY id"),
            [Some("1".to_owned()), Some("2".to_owned())]
        );
        assert_eq!(run(s.pfp().arg("verify")).code, 0);
    }
}

/// `cmd` started under the resource limits `limits` (resource, soft, hard), as a shell's
/// `ulimit` or a service manager's `LimitNOFILE=` leave them.
fn under_limits(
    mut cmd: std::process::Command,
    limits: Vec<(libc::__rlimit_resource_t, u64, u64)>,
) -> assert_cmd::Command {
    use std::os::unix::process::CommandExt as _;
    // SAFETY: setrlimit only, between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            for &(resource, soft, hard) in &limits {
                let limit = libc::rlimit {
                    rlim_cur: soft,
                    rlim_max: hard,
                };
                if libc::setrlimit(resource, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    assert_cmd::Command::from_std(cmd)
}

/// The limits an operator started pfp under are kept, and named, never taken for the
/// file's fault: a stricter CPU or memory limit than the jail's stays in force in the
/// child (setting the jail's own failed, and every file failed: exit 1 under `ulimit -t
/// 2`, exit 4 "the zygote ended during a file" under `ulimit -v 400000`); a low soft
/// limit on open files is raised to the hard one, as Go programs do, and a low hard one
/// bounds the files `import` keeps in flight; where descriptors still run out, the files
/// fail (exit 5, with what to raise), never "rejected" (exit 4).
#[test]
fn the_limits_pfp_is_started_with_stay_and_are_named_not_blamed_on_files() {
    let dir = tempfile::tempdir().unwrap();
    let ok = dir.path().join("ok.jpg");
    std::fs::write(&ok, jpeg(&photo_like(300, 200, 3), 90)).unwrap();
    let spin = evil_file(dir.path(), "spin", 4);

    // CPU: 2 s where the jail's budget is 4 s.
    let cpu = || vec![(libc::RLIMIT_CPU, 2, 2)];
    let out = run(under_limits(pfp_isolated_std(dir.path()), cpu())
        .args(["validate", "--json"])
        .arg(&ok)
        .arg(&spin));
    assert_eq!(out.code, 4, "{}", out.stderr);
    let v = verdicts(&out);
    assert_eq!(v["ok.jpg"]["ok"], true, "{}", out.stdout);
    assert_eq!(v["spin.jpg"]["rule"], "decoder_limit", "{}", out.stdout);
    assert!(
        v["spin.jpg"]["message"]
            .as_str()
            .unwrap()
            .contains("its 2 s of CPU time (lowered by the ulimit pfp was started with)"),
        "{}",
        out.stdout
    );
    let out = run(under_limits(pfp_isolated_std(dir.path()), cpu()).args(["doctor", "--json"]));
    let jail = doctor_check(&out.stdout, "decoder jail");
    assert!(
        jail["detail"]
            .as_str()
            .unwrap()
            .contains("CPU 2 s (lowered by the ulimit pfp was started with)"),
        "{jail}"
    );

    // Address space: 400 MiB, below the jail's reservation for answers.
    let out = run(under_limits(
        pfp_isolated_std(dir.path()),
        vec![(libc::RLIMIT_AS, 400 << 20, 400 << 20)],
    )
    .arg("validate")
    .arg(&ok));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);

    // Open files, in an import of 40 avatars.
    let world = World::local();
    let db = format!("sqlite:{}", world.dir.path().join("pfp.db").display());
    let pfp = || world.pfp_std(&db);
    let photos = world.users_with_photos(&db, 40, 96, 96);
    let import = |limits| {
        run(under_limits(pfp(), limits)
            .args(["import", "--dry-run"])
            .arg(&photos))
    };
    // Too few descriptors, from too few for the database up to enough for one file at a
    // time: the run works or fails (exit 5, saying what to raise), and no file is
    // rejected for it (exit 1 and "rejected ... Too many open files" at 20).
    let mut failed = 0;
    for limit in 12..=24 {
        let out = import(vec![(libc::RLIMIT_NOFILE, limit, limit)]);
        assert!(
            [0, 5].contains(&out.code) && !out.stderr.lines().any(|l| l.starts_with("rejected")),
            "limit {limit}: exit {}\n{}",
            out.code,
            out.stderr
        );
        if out.code == 5 {
            failed += 1;
            assert!(
                out.stderr
                    .contains("raise the limits pfp runs under (ulimit -n")
                    || out.stderr.contains("unable to open database file"),
                "limit {limit}: {}",
                out.stderr
            );
        }
    }
    assert!(failed > 0, "the lowest limits leave too few descriptors");
    // A low soft limit is raised; a low hard one is worked within.
    for (soft, hard) in [(20, 4096), (48, 48)] {
        let out = import(vec![(libc::RLIMIT_NOFILE, soft, hard)]);
        assert_eq!(out.code, 0, "soft {soft}, hard {hard}: {}", out.stderr);
        assert!(
            out.stderr.contains("40 would be imported"),
            "{}",
            out.stderr
        );
    }
}

/// A system that refuses pfp a thread (a process limit, `ulimit -u` or a container's
/// `pids.max`; or memory) is the machine's limit, said as such (exit 5, with what to
/// raise), and pfp ends: tokio's panic was exit 101 with a backtrace where no thread could
/// start, and where its first worker had started and the second could not, pfp hung
/// forever in the half-built runtime's teardown. Thread stacks of `RUST_MIN_STACK` under
/// an address-space limit refuse the threads as a process limit would, as root too.
#[test]
fn a_system_that_refuses_pfp_a_thread_is_named_and_pfp_ends() {
    let dir = tempfile::tempdir().unwrap();
    let ok = dir.path().join("ok.jpg");
    std::fs::write(&ok, jpeg(&photo_like(300, 200, 3), 90)).unwrap();
    const GIB: u64 = 1 << 30;
    // No thread at all (a stack larger than any machine), then one worker and not the
    // next (1 GiB stacks within 1.6 GiB of address space).
    for (stack, limit) in [(GIB, Some(GIB * 8 / 5)), (1 << 40, None)] {
        let limits = limit.map_or_else(Vec::new, |l| vec![(libc::RLIMIT_AS, l, l)]);
        for json in [false, true] {
            let mut std = pfp_isolated_std(dir.path());
            std.env("RUST_MIN_STACK", stack.to_string());
            if json {
                std.arg("--json");
            }
            std.arg("validate").arg(&ok);
            let out =
                run(under_limits(std, limits.clone()).timeout(std::time::Duration::from_secs(60)));
            let what = format!("stack {stack}, limit {limit:?}, json {json}");
            assert_eq!(out.code, 5, "{what}: {}\n{}", out.stdout, out.stderr);
            assert!(!out.stderr.contains("panicked"), "{what}: {}", out.stderr);
            let message = if json {
                let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
                assert_eq!(v["kind"], "unavailable", "{what}: {v}");
                v["message"].as_str().unwrap().to_owned()
            } else {
                out.stderr.clone()
            };
            assert!(
                message.contains("cannot start a thread: ")
                    && message.contains("raise the limits pfp runs under (ulimit -n for open files, -u for processes"),
                "{what}: {message}"
            );
        }
    }
}
