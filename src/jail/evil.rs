//! The "evil decoder" of the jail's tests: in a build with debug assertions (the test
//! build; never a release build), a file carrying `pfp-evil:ACTION;` anywhere in its
//! bytes (a JPEG comment, say, which the container walk lets through) makes the jailed
//! child do what an exploited decoder would, at the point where the decoder would run.
//! Each attempt must be stopped by the jail; the tests check that it is, and how. An
//! attempt the kernel refuses with an error rather than a kill (opening a file is
//! `EPERM`) makes the evil decoder give up (abort); one that succeeds lets the decode go
//! on, so that the file would be accepted and the test fail.

/// Does what the file asks, if it asks; returns when it asks nothing. True when the
/// child should lie in its answer (send a spoiled rendition, well framed).
pub fn act(bytes: &[u8]) -> bool {
    let Some(at) = memchr::memmem::find(bytes, b"pfp-evil:") else {
        return false;
    };
    let rest = &bytes[at + 9..];
    let action = &rest[..memchr::memchr(b';', rest).unwrap_or(0)];
    match action {
        b"open-passwd" if std::hint::black_box(std::fs::read("/etc/passwd")).is_err() => {
            std::process::abort()
        }
        b"read-environ" if std::hint::black_box(std::fs::read("/proc/self/environ")).is_err() => {
            std::process::abort()
        }
        b"parent-memory" => {
            // SAFETY: getppid cannot fail; process_vm_readv reads into a local buffer.
            unsafe {
                let parent = libc::getppid();
                let mut buf = [0u8; 64];
                let local = libc::iovec {
                    iov_base: buf.as_mut_ptr().cast(),
                    iov_len: buf.len(),
                };
                let remote = libc::iovec {
                    iov_base: 0x1000 as *mut libc::c_void,
                    iov_len: buf.len(),
                };
                libc::process_vm_readv(parent, &local, 1, &remote, 1, 0);
            }
            let parent = std::os::unix::process::parent_id();
            if std::hint::black_box(std::fs::read(format!("/proc/{parent}/mem"))).is_err() {
                std::process::abort();
            }
        }
        b"connect" => {
            let _ = std::hint::black_box(std::net::TcpStream::connect("127.0.0.1:5432"));
        }
        b"exec" => {
            let sh = c"/bin/sh";
            let argv = [sh.as_ptr(), std::ptr::null()];
            let envp = [std::ptr::null()];
            // SAFETY: null-terminated argument and environment vectors.
            unsafe { libc::execve(sh.as_ptr(), argv.as_ptr(), envp.as_ptr()) };
        }
        // SAFETY: the child, if there were one, exits at once.
        b"fork" if unsafe { libc::fork() } == 0 => unsafe { libc::_exit(0) },
        b"allocate-4g" => {
            let mut big: Vec<u8> = Vec::with_capacity(4 << 30);
            big.resize(4 << 30, 1);
            std::hint::black_box(&big);
        }
        b"spin" => loop {
            std::hint::black_box(0u64);
        },
        // Computes on a sixth of a core (it spins while its CPU time is below a sixth of
        // the time since it started, and waits 10 ms otherwise), as a decode does on a
        // busy machine: only its CPU limit ends it, later than the wall clock's first
        // period (at 3x the limit), which must not end a child that is still computing.
        // Held to a share of the wall clock, it keeps that share on a loaded machine
        // too, as long as it can get it. (A quarter was too close to a third here: the
        // kernel's count for the CPU limit ran ahead of this clock in a virtual machine.)
        b"crawl" => {
            let start = std::time::Instant::now();
            loop {
                if cpu_time() * 6 < start.elapsed() {
                    std::hint::black_box(0u64);
                    continue;
                }
                wait_for_nothing(Some(std::time::Duration::from_millis(10)));
            }
        }
        b"hang" => {
            // Waits for a wake-up that never comes (futex is allowed) and uses no CPU:
            // only the parent's wall-clock timeout ends this.
            loop {
                wait_for_nothing(None);
            }
        }
        // An honest decode that takes its time: it waits two seconds (using no CPU),
        // then decodes as usual, for tests that act while a decode is in flight.
        b"slow" => {
            for _ in 0..20 {
                wait_for_nothing(Some(std::time::Duration::from_millis(100)));
            }
        }
        b"write-stdout" => {
            // SAFETY: writes a local buffer to stdout, the pipe to the parent.
            unsafe { libc::write(1, b"garbage!".as_ptr().cast(), 8) };
            unsafe { libc::_exit(0) };
        }
        b"lie" => return true,
        // Looks through its heap (the zygote's, inherited) for what an earlier file of
        // the same run left there, and gives up (aborts) if it finds any of it.
        b"scan-heap" => {
            // SAFETY: sbrk(0) and mallinfo2 only report; the range read is the main
            // arena, which is mapped from its start to the current break.
            unsafe {
                let end = libc::sbrk(0) as usize;
                let arena = libc::mallinfo2().arena;
                let heap = std::slice::from_raw_parts((end - arena) as *const u8, arena);
                // On the stack: a needle on the heap would find itself.
                let needle: [u8; 15] = *b"pfp-canary-7f3a";
                if memchr::memmem::find(heap, &needle).is_some() {
                    std::process::abort();
                }
            }
        }
        // Reads the rest of its file's last page, past the file's end (the child maps
        // the file from a memfd, whole pages), for what an earlier file left there.
        #[cfg(target_os = "linux")]
        b"scan-tail" => {
            let end = bytes.as_ptr() as usize + bytes.len();
            // SAFETY: the child's bytes are a mapping of whole pages (handoff.rs), so the
            // rest of the last page is mapped and readable.
            let tail = unsafe {
                std::slice::from_raw_parts(end as *const u8, end.next_multiple_of(4096) - end)
            };
            let needle: [u8; 15] = *b"pfp-canary-7f3a";
            if memchr::memmem::find(tail, &needle).is_some() {
                std::process::abort();
            }
        }
        // Waits (spinning, at most 5 s) until the byte after the `;` is no longer what
        // it was: a file another process changes while pfp reads it (the child maps the
        // file itself when pfp was given one file, and sees the page cache change).
        b"await-change" => {
            let at = at + 9 + action.len() + 1;
            let first = bytes[at];
            let start = std::time::Instant::now();
            // SAFETY: a volatile read of a byte of the child's own live mapping.
            while unsafe { std::ptr::read_volatile(&raw const bytes[at]) } == first
                && start.elapsed() < std::time::Duration::from_secs(5)
            {
                std::hint::spin_loop();
            }
        }
        _ => {}
    }
    false
}

/// After the child has written its whole answer and closed its pipe: with
/// `pfp-evil:linger;` it waits two seconds before it exits (an honest answer, from a
/// child whose exit is slow), which the parent must not wait for.
pub fn after_answer(bytes: &[u8]) {
    if memchr::memmem::find(bytes, b"pfp-evil:linger;").is_some() {
        for _ in 0..20 {
            wait_for_nothing(Some(std::time::Duration::from_millis(100)));
        }
    }
}

/// Waits on a futex nobody wakes (futex is in the child's allow-list), for `at_most`, or
/// for ever: waiting without using CPU.
fn wait_for_nothing(at_most: Option<std::time::Duration>) {
    let word = std::sync::atomic::AtomicU32::new(0);
    let pause = at_most.map(|d| libc::timespec {
        tv_sec: d.as_secs() as libc::time_t,
        tv_nsec: d.subsec_nanos() as libc::c_long,
    });
    let timeout = pause.as_ref().map_or(std::ptr::null(), std::ptr::from_ref);
    // SAFETY: FUTEX_WAIT on a local word that stays 0, with a timeout that outlives the
    // call or none.
    unsafe { libc::syscall(libc::SYS_futex, word.as_ptr(), libc::FUTEX_WAIT, 0, timeout) };
}

/// The CPU time this process has used.
fn cpu_time() -> std::time::Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime fills the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    std::time::Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}
