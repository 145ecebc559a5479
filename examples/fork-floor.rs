//! The floor under any decoder jail that gives every file a fresh process: what a bare
//! fork, exit and wait cost on this machine, with nothing decoded.
//!
//!     cargo run --release --example fork-floor -- [COUNT] [KIB] [filter]
//!
//! The parent touches KIB KiB of anonymous memory first (default 1024: the jail's zygote
//! has about 870 KiB), so that the fork copies as many page-table entries as the
//! zygote's does; each child writes one byte to a page of it (a copy-on-write fault, as
//! every child takes some) and exits at once. With `filter`, this process first confines
//! itself with the zygote's seccomp filters and each child installs the filter a jailed
//! child installs (pfp's own, `pfp::jail::ChildSeccomp`): the floor of a process per
//! file that confines itself. Prints one line of JSON: the wall time and the CPU time
//! (the parent's and the children's, from `getrusage`) per process. `scripts/bench`'s
//! jail step uses it to state how close to the in-process baseline a process per file
//! can possibly come.

#[cfg(unix)]
fn main() {
    let mut args = std::env::args().skip(1);
    let count: u32 = args
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2000)
        .max(1);
    let kib: usize = args.next().and_then(|c| c.parse().ok()).unwrap_or(1024);
    let filter = match args.next().as_deref() {
        None => None,
        Some("filter") => Some(child_filter()),
        Some(other) => panic!("expected `filter` or nothing after KIB, not {other:?}"),
    };
    let mut memory = vec![1u8; kib << 10];
    // Touched page by page, so that every page is present before the first fork.
    for page in memory.chunks_mut(4096) {
        page[0] = 2;
    }
    let before = cpu_seconds();
    let started = std::time::Instant::now();
    for _ in 0..count {
        // SAFETY: the program is single-threaded; the child only writes to its own copy
        // of `memory` and calls _exit.
        match unsafe { libc::fork() } {
            -1 => panic!("fork failed: {}", std::io::Error::last_os_error()),
            0 => {
                if let Some(filter) = &filter
                    && filter.install().is_err()
                {
                    // SAFETY: ends the child at once; the parent reports the status.
                    unsafe { libc::_exit(1) }
                }
                // SAFETY: a volatile write into the child's own copy, then _exit.
                unsafe {
                    std::ptr::write_volatile(memory.as_mut_ptr(), 3);
                    libc::_exit(0)
                }
            }
            pid => {
                let mut status = 0;
                // SAFETY: waits for the child just made.
                if unsafe { libc::waitpid(pid, &mut status, 0) } != pid {
                    panic!("waitpid failed: {}", std::io::Error::last_os_error());
                }
                if status != 0 {
                    panic!("a child ended with status {status:#x}");
                }
            }
        }
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - before;
    std::hint::black_box(&memory);
    println!(
        "{{\"processes\": {count}, \"anonymous_kib\": {kib}, \"child_filter\": {}, \"wall_ms_per_process\": {:.4}, \"cpu_ms_per_process\": {:.4}}}",
        filter.is_some(),
        wall * 1000.0 / f64::from(count),
        cpu * 1000.0 / f64::from(count)
    );
}

/// pfp's child filter, compiled once, with this process confined as the zygote confines
/// itself (`PR_SET_NO_NEW_PRIVS` and the zygote's filters: what it does from then on, a
/// fork, a wait, a write, is all the zygote may do), so that each child installs its
/// filter on top of the zygote's, as a jailed child does.
#[cfg(target_os = "linux")]
fn child_filter() -> pfp::jail::ChildSeccomp {
    // SAFETY: prctl with PR_SET_NO_NEW_PRIVS takes plain integers.
    if unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) } != 0 {
        panic!("PR_SET_NO_NEW_PRIVS: {}", std::io::Error::last_os_error());
    }
    let filter = pfp::jail::ChildSeccomp::compile().expect("compiling the child's filter");
    pfp::jail::ChildSeccomp::confine_as_zygote().expect("installing the zygote's filters");
    filter
}

/// Without seccomp there is no filter to install: nothing to measure.
#[cfg(all(unix, not(target_os = "linux")))]
fn child_filter() -> NoFilter {
    panic!("`filter` measures a seccomp filter, which only Linux has")
}

#[cfg(all(unix, not(target_os = "linux")))]
struct NoFilter;

#[cfg(all(unix, not(target_os = "linux")))]
impl NoFilter {
    fn install(&self) -> Result<(), String> {
        Ok(())
    }
}

/// User and system time of this process and its waited-for children, in seconds.
#[cfg(unix)]
fn cpu_seconds() -> f64 {
    let mut total = 0.0;
    for who in [libc::RUSAGE_SELF, libc::RUSAGE_CHILDREN] {
        // SAFETY: an all-zero rusage is a valid value.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: getrusage fills the struct it is given.
        unsafe { libc::getrusage(who, &mut usage) };
        for t in [usage.ru_utime, usage.ru_stime] {
            total += t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        }
    }
    total
}

#[cfg(not(unix))]
fn main() {
    eprintln!("fork-floor measures fork(2), which this platform does not have");
}
