//! The jailed decoder's side: a zygote, `pfp-decoder` (or `pfp` itself) started by the
//! parent with an empty environment and only its socket and pipes, which confines
//! itself before it reads anything and then forks **one child per file**. The zygote
//! never parses a picture: it reads a job (the options, and the file as a sealed memfd
//! it never maps: `handoff.rs`), forks, and copies back what the child wrote, with how
//! the child ended. The child maps the file read-only and confines itself further (its
//! CPU and memory limits, a stricter filter, no stdin) before it looks at a byte of it.
//!
//! Why a zygote and not an `exec` per file: measured with the release build on the
//! bench's 12 MP photos, an `exec`ed child per file cost 10 ms of wall time and 2,800
//! page faults per file (the dynamic loader, the runtime, a second copy of the file):
//! `import` ran 16% slower, and 46% slower on 96x96 avatars. A fork of the idle zygote
//! costs a fraction of a millisecond. Every
//! file still gets a fresh process, so a child that a file exploited never sees another
//! file; the price is that children share the zygote's address-space layout (as
//! Android's app zygote does).

use std::io::{BufWriter, Read, Write};
use std::mem::ManuallyDrop;
use std::os::fd::FromRawFd as _;

use super::handoff::{self, Input};
use super::wire::{self, Answer, Hello, Job, Outcome, RenditionHead};
use super::{CPU_SECONDS, MEMORY_BUDGET};
use crate::Resource;

/// The exit code of a child that could not confine itself: it stops before it reads
/// the file, and pfp reports the jail broken rather than the file bad.
pub const UNCONFINED: i32 = 97;

/// The exit code of a child that could not map the file it was handed.
pub const NO_INPUT: i32 = 96;

/// Runs the zygote and never returns. `parent` is the pid of the process that started
/// it (its command line's last argument).
pub fn run(parent: u32) -> ! {
    let (hello, base) = confine_zygote(parent);
    // A panic in a decoder is caught by the pipeline and reported as a rejection; the
    // default hook would print it into the answer.
    std::panic::set_hook(Box::new(|_| {}));
    let filter = child_filter(hello.seccomp);
    let code = match serve(&hello, base, &filter) {
        Ok(()) => 0,
        Err(_) => 3,
    };
    // SAFETY: _exit ends the process at once; nothing is left to flush.
    unsafe { libc::_exit(code) }
}

fn serve(hello: &Hello, base: u64, filter: &ChildFilter) -> std::io::Result<()> {
    // SAFETY: descriptors 0 and 1 are the socket and the pipe the parent gave this
    // process; they are never closed here (ManuallyDrop), only read and written.
    let stdin = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(0) });
    let stdout = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
    // No buffered reader or writer: their buffers would keep pieces of one file into
    // the next child's copy of this process.
    let (mut input, mut output) = (&*stdin, &*stdout);
    // Made after `base` was measured: on Linux no child has it, so it is not in their
    // budget; elsewhere the children inherit the reservation, and their limit counts it.
    // Before the hello: a zygote that cannot make it ends without one, which pfp reads
    // as a decoder that could not start, not as a verdict on the file it was handed.
    let mut answer = Answers::new(base)?;
    wire::write_header(&mut output, hello)?;
    let base = base + Answers::INHERITED as u64;
    // The hard limits pfp was started under, read once: each child's limits are the
    // budget's, or these where they are stricter (`ulimit -t`, `ulimit -v`), which an
    // unprivileged process could not raise and which confine the child at least as much.
    let (cpu_hard, memory_hard) = (hard_limit(libc::RLIMIT_CPU), hard_limit(libc::RLIMIT_AS));
    let mut warmed = false;
    loop {
        let Some(mut job) = read_job(&mut input)? else {
            return Ok(());
        };
        if job.len > job.options.limits.max_bytes {
            return Err(std::io::Error::other("a file over the size limit"));
        }
        let file = handoff::receive(job.len)?;
        let bound = super::output_bound(&job.options, job.input.frames) + (64 << 10);
        let limits = Limits {
            // SIGXCPU at the soft limit, SIGKILL a second later should the child ignore it.
            cpu: (CPU_SECONDS.min(cpu_hard), (CPU_SECONDS + 1).min(cpu_hard)),
            memory: (base + file.len() as u64 + MEMORY_BUDGET).min(memory_hard),
        };
        let (outcome, running) =
            fork_child(&job, &file, limits, bound, filter, &mut answer, &mut warmed);
        drop(file);
        wire::write_header(&mut output, &outcome)?;
        output.write_all(answer.filled())?;
        answer.clear();
        if let Some(pid) = running {
            reap(pid);
        }
        // The name is the one piece of the job that says whose file it was.
        drop(Scrubbed(std::mem::take(&mut job.name).into_bytes()));
    }
}

/// A buffer that is zeroed, all its capacity, before it is freed: the next file's child
/// is a copy of this process, and freed memory keeps what it held. (The job's header and
/// name go through one; elsewhere than Linux, the file's bytes too.)
pub(super) struct Scrubbed(pub(super) Vec<u8>);

/// Where the zygote collects each child's answer: one reservation, made once, that no
/// child inherits (`MADV_DONTFORK`), so that no child can find an earlier child's
/// answer, and the zygote, writing into it while a child lives, takes no copy-on-write
/// fault for pages the child shares (it took about 25 per file, a fifth of the jail's
/// page faults on small avatars). Elsewhere than Linux it is inherited and zeroed after
/// each file.
struct Answers {
    at: *mut u8,
    /// The reservation's size: [`Self::CAPACITY`], or less under a stricter inherited
    /// address-space limit (`ulimit -v`).
    capacity: usize,
    len: usize,
    /// How much of the reservation is readable and writable (committed).
    usable: usize,
}

impl Answers {
    /// The most an answer may fill: the largest output bound and a chunk over it.
    const CAPACITY: usize = (1 << 30) + (256 << 10);
    /// What stays committed between files; an answer beyond it is given back.
    const KEEP: usize = 16 << 20;
    /// The part of a child's address space that is this reservation.
    const INHERITED: usize = if cfg!(target_os = "linux") {
        0
    } else {
        Self::CAPACITY
    };

    /// Reserves the address range without committing memory (`PROT_NONE`, which a
    /// kernel that does not overcommit does not charge either); [`Self::room`] commits
    /// what answers need, a MiB or more at a time. Under an address-space limit the
    /// process inherited (`ulimit -v`) that a GiB more would break, it takes half of what
    /// the limit leaves above `base` (the rest is for the files' mappings), in whole
    /// MiBs: a zygote that could not start failed every file. An answer larger than
    /// that is refused, as one over its bound is.
    fn new(base: u64) -> std::io::Result<Answers> {
        let capacity = if cfg!(target_os = "linux") {
            let room = hard_limit(libc::RLIMIT_AS).saturating_sub(base) / 2;
            Self::CAPACITY
                .min(usize::try_from(room).unwrap_or(usize::MAX) & !((1 << 20) - 1))
                .max(1 << 20)
        } else {
            Self::CAPACITY
        };
        // SAFETY: a fresh private anonymous mapping, checked below.
        let at = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                capacity,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if at == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        #[cfg(target_os = "linux")]
        // SAFETY: advice on the mapping just made.
        if unsafe { libc::madvise(at, capacity, libc::MADV_DONTFORK) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(Answers {
            at: at.cast(),
            capacity,
            len: 0,
            usable: 0,
        })
    }

    fn filled(&self) -> &[u8] {
        // SAFETY: the first `len` bytes of the mapping were written by `collect`.
        unsafe { std::slice::from_raw_parts(self.at, self.len) }
    }

    /// Up to `most` bytes of room after what is filled (empty when the reservation is
    /// full); an error when the memory cannot be committed.
    fn room(&mut self, most: usize) -> std::io::Result<&mut [u8]> {
        let wanted = (self.len + most).min(self.capacity);
        if wanted > self.usable {
            let usable = (self.usable * 2).max(wanted).clamp(1 << 20, self.capacity);
            // SAFETY: makes [usable_before, usable) of this reservation writable; both
            // ends are multiples of the page size (MiBs, or the capacity).
            let made = unsafe {
                libc::mprotect(
                    self.at.add(self.usable).cast(),
                    usable - self.usable,
                    libc::PROT_READ | libc::PROT_WRITE,
                )
            };
            if made != 0 {
                return Err(std::io::Error::last_os_error());
            }
            self.usable = usable;
        }
        let n = most.min(self.usable - self.len);
        // SAFETY: `len + n` is within the committed part, which only this struct writes.
        Ok(unsafe { std::slice::from_raw_parts_mut(self.at.add(self.len), n) })
    }

    fn truncate(&mut self, len: usize) {
        #[cfg(not(target_os = "linux"))]
        if len < self.len {
            // SAFETY: zeroes what is cut off, within what was filled (see `clear`).
            unsafe { std::ptr::write_bytes(self.at.add(len), 0, self.len - len) };
        }
        self.len = self.len.min(len);
    }

    /// Empties the buffer after a file, giving back what is over [`Self::KEEP`].
    fn clear(&mut self) {
        #[cfg(not(target_os = "linux"))]
        // SAFETY: zeroes the bytes this file's answer filled (the children inherit them).
        unsafe {
            std::ptr::write_bytes(self.at, 0, self.len)
        };
        if self.usable > Self::KEEP {
            // SAFETY: drops the pages past KEEP and makes them inaccessible (uncommitted)
            // again; both ends are page multiples.
            unsafe {
                let rest = self.at.add(Self::KEEP).cast();
                libc::madvise(rest, self.usable - Self::KEEP, libc::MADV_DONTNEED);
                libc::mprotect(rest, self.usable - Self::KEEP, libc::PROT_NONE);
            }
            self.usable = Self::KEEP;
        }
        self.len = 0;
    }
}

impl Drop for Scrubbed {
    fn drop(&mut self) {
        let capacity = self.0.capacity();
        // SAFETY: writes zeros over the allocation this Vec owns, all of its capacity.
        unsafe { std::ptr::write_bytes(self.0.as_mut_ptr(), 0, capacity) };
        // Keeps the zeroing from being dropped as stores to memory about to be freed.
        std::hint::black_box(&mut self.0);
    }
}

/// Reads one job's header into a scrubbed buffer; `None` at a clean end of the stream.
fn read_job(input: &mut impl Read) -> std::io::Result<Option<Job>> {
    let mut len = [0u8; 4];
    if input.read(&mut len[..1])? == 0 {
        return Ok(None);
    }
    input.read_exact(&mut len[1..])?;
    let len = u32::from_le_bytes(len);
    if len > wire::MAX_HEADER {
        return Err(std::io::Error::other("a header over its bound"));
    }
    let mut header = Scrubbed(Vec::with_capacity(len as usize));
    input.take(u64::from(len)).read_to_end(&mut header.0)?;
    serde_json::from_slice(&header.0)
        .map(Some)
        .map_err(|e| std::io::Error::other(format!("an unreadable job: {e}")))
}

/// Forks the child for one file, collects what it writes (at most `bound` bytes, into
/// `answer`, which is empty) and waits for it.
///
/// Once the first child is on its way, the zygote runs every codec's one-time set-up
/// (CPU-feature detection, tables: `picture::warm_up`, on a made-up picture), so that
/// the children after it inherit the answers instead of each finding them again. Not
/// before the first job: on two cores the zygote's start-up and pfp's own share the
/// CPUs, and a single file's decode would wait for the millisecond of set-up it needs
/// only in part (its own codec's, which its child does itself).
fn fork_child(
    job: &Job,
    input: &Input,
    limits: Limits,
    bound: u64,
    filter: &ChildFilter,
    answer: &mut Answers,
    warmed: &mut bool,
) -> (Outcome, Option<libc::pid_t>) {
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills the two descriptors it is given.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return (Outcome::failed("no pipe for the child"), None);
    }
    let (read_end, write_end) = (fds[0], fds[1]);
    // SAFETY: the zygote is single-threaded, so the child may do anything after fork.
    match unsafe { libc::fork() } {
        -1 => {
            // SAFETY: closing the descriptors just made.
            unsafe {
                libc::close(read_end);
                libc::close(write_end);
            }
            (Outcome::failed("the child could not be started"), None)
        }
        0 => {
            // SAFETY: in the child: its stdout and stderr become the pipe to the
            // zygote, and stdin (the zygote's jobs) is closed.
            unsafe {
                libc::close(read_end);
                libc::dup2(write_end, 1);
                libc::dup2(write_end, 2);
                libc::close(write_end);
                libc::close(0);
            }
            let Some(bytes) = input.take() else {
                // SAFETY: see run.
                unsafe { libc::_exit(NO_INPUT) }
            };
            child(job, bytes, limits, filter)
        }
        pid => {
            // SAFETY: the zygote keeps only the read end.
            unsafe { libc::close(write_end) };
            if !std::mem::replace(warmed, true) {
                crate::picture::warm_up();
            }
            // SAFETY: the read end is this function's own descriptor, closed by drop.
            let mut pipe = unsafe { std::fs::File::from_raw_fd(read_end) };
            let read = collect(&mut pipe, bound, answer);
            let oversize = answer.len as u64 > bound;
            if oversize {
                answer.truncate(64 << 10);
            }
            // Closing the pipe makes a child that goes on writing fail (EPIPE).
            drop(pipe);
            if matches!(read, Ok(true)) && !oversize && answer.filled().ends_with(wire::END) {
                answer.truncate(answer.len - wire::END.len());
                let outcome = Outcome {
                    finished: true,
                    len: answer.len as u64,
                    ..Outcome::default()
                };
                return (outcome, Some(pid));
            }
            let mut status = 0;
            // SAFETY: waits for the zygote's own child.
            let waited = unsafe { libc::waitpid(pid, &mut status, 0) };
            if waited != pid {
                return (Outcome::failed("the child could not be waited for"), None);
            }
            let outcome = Outcome {
                exit: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
                signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
                finished: false,
                oversize,
                len: answer.len as u64,
                failed: read.err().map(|e| e.to_string()),
            };
            (outcome, None)
        }
    }
}

/// Waits for a child whose answer was passed on before its exit (see `Outcome::finished`),
/// before the next file's child is forked: one child at a time, and none left behind.
/// How it ended no longer matters: its answer was final when it closed its pipe.
fn reap(pid: libc::pid_t) {
    let mut status = 0;
    // SAFETY: waits for the zygote's own child.
    unsafe { libc::waitpid(pid, &mut status, 0) };
}

/// Reads what the child writes, at most `bound` bytes and a chunk more (to tell that it
/// wrote too much); true when it read to the pipe's end.
fn collect(pipe: &mut std::fs::File, bound: u64, answer: &mut Answers) -> std::io::Result<bool> {
    loop {
        let room = answer.room(1 << 16)?;
        if room.is_empty() {
            return Ok(false);
        }
        let n = match pipe.read(room) {
            Ok(0) => return Ok(true),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        answer.len += n;
        if answer.len as u64 > bound {
            return Ok(false);
        }
    }
}

/// The child of one file: confines itself further, processes the file, writes its
/// answer to the pipe, and exits.
/// A child's CPU time (soft, hard; seconds) and address space (bytes).
#[derive(Clone, Copy)]
struct Limits {
    cpu: (u64, u64),
    memory: u64,
}

fn child(job: &Job, bytes: &[u8], limits: Limits, filter: &ChildFilter) -> ! {
    let zygote = std::os::unix::process::parent_id();
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
    if std::os::unix::process::parent_id() != zygote {
        // SAFETY: see run.
        unsafe { libc::_exit(UNCONFINED) }
    }
    let limited = set_limit(libc::RLIMIT_CPU, limits.cpu.0, limits.cpu.1)
        && set_limit(libc::RLIMIT_AS, limits.memory, limits.memory);
    if !limited || !strict_filter(filter) {
        // SAFETY: see run.
        unsafe { libc::_exit(UNCONFINED) }
    }
    prefault_heap();
    #[cfg(debug_assertions)]
    let lie = super::evil::act(bytes);
    let result = crate::picture::process_walked(
        bytes,
        &job.name,
        &job.options,
        job.input.clone(),
        job.warnings.clone(),
    );
    // SAFETY: descriptor 1 is the pipe to the zygote (see fork_child).
    let stdout = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
    let mut out = BufWriter::with_capacity(1 << 16, &*stdout);
    let written = match result {
        Ok(processed) => {
            #[cfg_attr(not(debug_assertions), allow(unused_mut))]
            let mut picture = processed.picture;
            #[cfg(debug_assertions)]
            if lie {
                let main = &mut picture.renditions[picture.main].bytes;
                main.truncate(main.len() / 2);
            }
            wire::write_header(
                &mut out,
                &Answer::Accepted {
                    input: processed.input,
                    actions: processed.actions,
                    warnings: processed.warnings,
                    format: picture.format,
                    main: picture.main,
                    renditions: picture
                        .renditions
                        .iter()
                        .map(|r| RenditionHead {
                            size: r.size,
                            width: r.width,
                            height: r.height,
                            len: r.bytes.len() as u64,
                        })
                        .collect(),
                },
            )
            .and_then(|()| {
                picture
                    .renditions
                    .iter()
                    .try_for_each(|r| out.write_all(&r.bytes))
            })
        }
        Err(rejection) => wire::write_header(
            &mut out,
            &Answer::Rejected {
                rule: rejection.rule.key().to_owned(),
                message: rejection.message,
            },
        ),
    };
    let code = match written
        .and_then(|()| out.write_all(wire::END))
        .and_then(|()| out.flush())
    {
        Ok(()) => 0,
        Err(_) => 3,
    };
    drop(out);
    // SAFETY: closes this process's two descriptors of the pipe (nothing else holds
    // them), so the zygote reads the answer's end now rather than after `_exit` has torn
    // down this address space.
    unsafe {
        libc::close(1);
        libc::close(2);
    }
    #[cfg(debug_assertions)]
    super::evil::after_answer(bytes);
    // SAFETY: see run.
    unsafe { libc::_exit(code) }
}

/// Everything the zygote does to itself before it reads a job. A step the kernel
/// refuses is reported in the hello (the parent and `doctor` decide what to make of
/// it), except a parent that is already gone: then there is nobody to serve. Returns
/// the hello and the zygote's own address space, on top of which each child may use
/// the memory budget.
fn confine_zygote(parent: u32) -> (Hello, u64) {
    let dies_with_parent = dies_with_parent(parent);
    // Read while a file can still be opened.
    let base = own_address_space();
    let descriptors_closed = close_descriptors_from(3);
    let no_file_writes = set_limit(libc::RLIMIT_FSIZE, 0, 0);
    set_limit(libc::RLIMIT_CORE, 0, 0);
    // Its three standard descriptors, a file's memfd, and the one pipe to a child (both
    // ends, for a moment).
    set_limit(libc::RLIMIT_NOFILE, 6, 6);
    let (no_new_privs, seccomp) = zygote_filter();
    let hello = Hello {
        seccomp,
        no_new_privs,
        descriptors_closed,
        // What a child gets: the budget, or less where an inherited limit is stricter.
        memory_limit: match base {
            Some(base) => MEMORY_BUDGET.min(hard_limit(libc::RLIMIT_AS).saturating_sub(base)),
            None => 0,
        },
        cpu_limit: CPU_SECONDS.min(hard_limit(libc::RLIMIT_CPU)),
        no_file_writes,
        dies_with_parent,
        program: if super::LEAN.load(std::sync::atomic::Ordering::Relaxed) {
            super::DECODER_PROGRAM
        } else {
            "pfp"
        }
        .to_owned(),
        build: super::BUILD_ID.to_owned(),
    };
    (hello, base.unwrap_or(0))
}

#[cfg(target_os = "linux")]
fn dies_with_parent(parent: u32) -> bool {
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number.
    let set = unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) } == 0;
    // The parent may have died before the prctl: then the zygote was re-parented and
    // must not wait for jobs that will never come.
    if std::os::unix::process::parent_id() != parent {
        // SAFETY: see run.
        unsafe { libc::_exit(1) }
    }
    set
}

#[cfg(not(target_os = "linux"))]
fn dies_with_parent(_parent: u32) -> bool {
    false
}

#[cfg(target_os = "linux")]
fn close_descriptors_from(first: u32) -> bool {
    // SAFETY: close_range only closes descriptors; none above 2 is in use here (the
    // parent opened them all close-on-exec, this is defence in depth).
    unsafe { libc::syscall(libc::SYS_close_range, first, u32::MAX, 0) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn close_descriptors_from(first: u32) -> bool {
    for fd in first..1024 {
        // SAFETY: as above.
        unsafe { libc::close(fd as i32) };
    }
    true
}

fn set_limit(resource: Resource, soft: u64, hard: u64) -> bool {
    let limit = libc::rlimit {
        rlim_cur: soft,
        rlim_max: hard,
    };
    // SAFETY: setrlimit reads the struct it is given.
    unsafe { libc::setrlimit(resource, &limit) == 0 }
}

/// The hard limit of `resource` this process inherited (`u64::MAX` for none).
fn hard_limit(resource: Resource) -> u64 {
    crate::rlimit(resource).map_or(u64::MAX, |(_, hard)| hard)
}

/// The process's address space now, in bytes (VmSize).
fn own_address_space() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmSize:"))?;
    let kib: u64 = line
        .trim_start_matches("VmSize:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

#[cfg(target_os = "linux")]
fn zygote_filter() -> (bool, bool) {
    // SAFETY: prctl with PR_SET_NO_NEW_PRIVS takes plain integers.
    let no_new_privs = unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) } == 0;
    (no_new_privs, super::filter::install_zygote().is_ok())
}

#[cfg(not(target_os = "linux"))]
fn zygote_filter() -> (bool, bool) {
    (false, false)
}

/// The child's filter, compiled once by the zygote: `None` where the zygote could
/// install none of its own (no seccomp in the kernel, which the hello reports) and the
/// children go on with their limits; `Some(Err)` where it could but the child's would
/// not compile, so that every child refuses to start rather than run without it.
#[cfg(target_os = "linux")]
type ChildFilter = Option<Result<seccompiler::BpfProgram, String>>;
#[cfg(not(target_os = "linux"))]
type ChildFilter = Option<Result<(), String>>;

#[cfg(target_os = "linux")]
fn child_filter(zygote_has_one: bool) -> ChildFilter {
    zygote_has_one.then(super::filter::program)
}

#[cfg(not(target_os = "linux"))]
fn child_filter(_zygote_has_one: bool) -> ChildFilter {
    None
}

/// Installs the child's own filter on top of the zygote's; false when it must and
/// cannot.
#[cfg(target_os = "linux")]
fn strict_filter(filter: &ChildFilter) -> bool {
    match filter {
        None => true,
        Some(Ok(program)) => super::filter::install_child(program).is_ok(),
        Some(Err(_)) => false,
    }
}

/// Makes the first pages of the heap's free top present in one call
/// (`MADV_POPULATE_WRITE`, Linux 5.14) instead of one page fault each: a small file's
/// decode, resize and encode take their buffers from there (the zygote never touched
/// those pages, so each first write was a fault, about 2-4 µs in this VM). Measured,
/// `perf stat` of `pfp validate` of 200 96x96 avatars, six interleaved pairs: page
/// faults of the process tree 15,400-15,800 -> 12,100-12,600 (16 fewer a child), CPU
/// 105-110 -> 103-106 ms; 256 KiB instead of 96 made no further difference, and a 12 MP
/// photo's larger buffers are mapped on their own (no change measured). On an older
/// kernel the advice fails and nothing changes. Pages the zygote wrote are left alone:
/// populating them would copy each one, written by the child or not.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn prefault_heap() {
    const AHEAD: usize = 96 << 10;
    // SAFETY: sbrk(0) and mallinfo2 only read; the advice covers pages of the heap's
    // free top chunk, which lie within the heap's mapping (below the break).
    unsafe {
        let brk = libc::sbrk(0) as usize;
        let top = libc::mallinfo2().keepcost;
        if top == 0 || top > brk {
            return;
        }
        let page = libc::sysconf(libc::_SC_PAGESIZE).max(1) as usize;
        let start = (brk - top).next_multiple_of(page);
        let end = brk.min(start + AHEAD) / page * page;
        if end > start {
            libc::madvise(
                start as *mut libc::c_void,
                end - start,
                libc::MADV_POPULATE_WRITE,
            );
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn prefault_heap() {}

#[cfg(not(target_os = "linux"))]
fn strict_filter(_filter: &ChildFilter) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::Answers;

    /// Fills `answers` with `byte` up to `len` bytes, through `room` as `collect` does.
    fn fill(answers: &mut Answers, len: usize, byte: u8) {
        while answers.len < len {
            let left = len - answers.len;
            let room = answers.room(1 << 16).unwrap();
            let n = room.len().min(left);
            room[..n].fill(byte);
            answers.len += n;
        }
    }

    #[test]
    fn answers_commit_as_they_grow_and_give_back_what_is_over_the_keep() {
        let mut answers = Answers::new(0).unwrap();
        assert_eq!(
            answers.usable, 0,
            "nothing committed before the first answer"
        );
        fill(&mut answers, 100_000, 1);
        assert_eq!(answers.usable, 1 << 20);
        assert!(answers.filled().iter().all(|&b| b == 1));
        answers.clear();
        assert_eq!(
            (answers.len, answers.usable),
            (0, 1 << 20),
            "small answers stay"
        );

        let big = Answers::KEEP + (5 << 20);
        fill(&mut answers, big, 0xAB);
        assert_eq!(answers.filled().len(), big);
        assert!(answers.usable >= big && answers.usable.is_multiple_of(4096));
        answers.clear();
        assert_eq!(
            answers.usable,
            Answers::KEEP,
            "what is over the keep is given back"
        );
        // Committed again, the pages past the keep are fresh: nothing of the answer.
        answers.len = Answers::KEEP;
        let rest = answers.room(5 << 20).unwrap();
        assert_eq!(rest.len(), 5 << 20);
        assert!(
            rest.iter().all(|&b| b == 0),
            "the pages past the keep read as zeros"
        );
    }
}
