//! The floor under any decoder jail that gives every file a fresh process: what a bare
//! fork, exit and wait cost on this machine, with nothing decoded.
//!
//!     cargo run --release --example fork-floor -- [COUNT] [KIB]
//!
//! The parent touches KIB KiB of anonymous memory first (default 1024: the jail's zygote
//! has about 870 KiB), so that the fork copies as many page-table entries as the
//! zygote's does; each child writes one byte to a page of it (a copy-on-write fault, as
//! every child takes some) and exits at once. Prints one line of JSON: the wall time
//! and the CPU time (the parent's and the children's, from `getrusage`) per process.
//! `scripts/bench`'s jail step uses it to state how close to the in-process baseline a
//! process per file can possibly come.

#[cfg(unix)]
fn main() {
    let mut args = std::env::args().skip(1);
    let count: u32 = args
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2000)
        .max(1);
    let kib: usize = args.next().and_then(|c| c.parse().ok()).unwrap_or(1024);
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
            }
        }
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - before;
    std::hint::black_box(&memory);
    println!(
        "{{\"processes\": {count}, \"anonymous_kib\": {kib}, \"wall_ms_per_process\": {:.4}, \"cpu_ms_per_process\": {:.4}}}",
        wall * 1000.0 / f64::from(count),
        cpu * 1000.0 / f64::from(count)
    );
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
