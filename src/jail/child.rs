//! The jailed decoder itself: `pfp` started again by the parent with an empty
//! environment and only its three pipes, which confines itself before it reads a byte of
//! the file and then processes exactly that one file.
//!
//! Order matters: everything that needs a system call the filter forbids (reading its
//! own memory size, closing descriptors, setting limits) happens first, while the child
//! has seen nothing but its own binary; the filter goes on last; only then is the file
//! read.

use std::io::{BufReader, BufWriter, Write};
use std::mem::ManuallyDrop;
use std::os::fd::FromRawFd as _;

use super::wire::{self, Answer, Hello, Job, RenditionHead};
use super::{CPU_SECONDS, MEMORY_BUDGET};

/// Runs the child and never returns. `parent` is the pid of the process that started it
/// (its command line's last argument).
pub fn run(parent: u32) -> ! {
    let hello = confine(parent);
    // A panic in a decoder is caught by the pipeline and reported as a rejection; the
    // default hook would print it to a stderr nobody reads until the child dies.
    std::panic::set_hook(Box::new(|_| {}));
    let code = match serve(&hello) {
        Ok(()) => 0,
        Err(_) => 3,
    };
    // SAFETY: _exit ends the process at once; nothing is left to flush (the answer was
    // flushed by serve) and no destructor needs to run.
    unsafe { libc::_exit(code) }
}

fn serve(hello: &Hello) -> std::io::Result<()> {
    // SAFETY: descriptors 0 and 1 are the pipes the parent gave this process; they are
    // never closed here (ManuallyDrop), only read and written.
    let stdin = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(0) });
    let stdout = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
    let mut input = BufReader::with_capacity(1 << 16, &*stdin);
    let mut output = BufWriter::with_capacity(1 << 16, &*stdout);
    wire::write_header(&mut output, hello)?;
    output.flush()?;
    let Some(job): Option<Job> = wire::read_header(&mut input)? else {
        // A spare the parent never needed.
        return Ok(());
    };
    let bytes = wire::read_blob(&mut input, job.options.limits.max_bytes)?;
    #[cfg(debug_assertions)]
    let lie = super::evil::act(&bytes);
    let answer = crate::picture::process(&bytes, &job.name, &job.options);
    drop(bytes);
    match answer {
        Ok(processed) => {
            #[cfg_attr(not(debug_assertions), allow(unused_mut))]
            let mut picture = processed.picture;
            #[cfg(debug_assertions)]
            if lie {
                let main = &mut picture.renditions[picture.main].bytes;
                main.truncate(main.len() / 2);
            }
            wire::write_header(
                &mut output,
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
            )?;
            for rendition in &picture.renditions {
                output.write_all(&rendition.bytes)?;
            }
        }
        Err(rejection) => wire::write_header(
            &mut output,
            &Answer::Rejected {
                rule: rejection.rule.key().to_owned(),
                message: rejection.message,
            },
        )?,
    }
    output.flush()
}

/// Everything the child does to itself before it reads the file. A step the kernel
/// refuses is reported in the hello (the parent and `doctor` decide what to make of
/// it), except a parent that is already gone: then there is nobody to serve.
fn confine(parent: u32) -> Hello {
    let dies_with_parent = dies_with_parent(parent);
    // Read while a file can still be opened (before the descriptor limit).
    let base = own_address_space();
    let descriptors_closed = close_descriptors_from(3);
    let no_file_writes = set_limit(libc::RLIMIT_FSIZE, 0, 0);
    set_limit(libc::RLIMIT_CORE, 0, 0);
    set_limit(libc::RLIMIT_NOFILE, 3, 3);
    // SIGXCPU at the soft limit, SIGKILL a second later should the child ignore that.
    let cpu_limit = if set_limit(libc::RLIMIT_CPU, CPU_SECONDS, CPU_SECONDS + 1) {
        CPU_SECONDS
    } else {
        0
    };
    // The budget on top of the program itself (its code and libraries are mapped
    // before main runs; they are not the decode's).
    let memory_limit = base
        .map(|base| base + MEMORY_BUDGET)
        .filter(|&limit| set_limit(libc::RLIMIT_AS, limit, limit))
        .unwrap_or(0);
    let (no_new_privs, seccomp) = seccomp();
    Hello {
        seccomp,
        no_new_privs,
        descriptors_closed,
        memory_limit,
        cpu_limit,
        no_file_writes,
        dies_with_parent,
    }
}

#[cfg(target_os = "linux")]
fn dies_with_parent(parent: u32) -> bool {
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number; getppid cannot fail.
    let set = unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) } == 0;
    // The parent may have died before the prctl: then the child was re-parented and
    // must not wait for a job that will never come.
    if u32::try_from(unsafe { libc::getppid() }).ok() != Some(parent) {
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

#[cfg(all(target_os = "linux", target_env = "gnu"))]
type Resource = libc::__rlimit_resource_t;
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
type Resource = libc::c_int;

fn set_limit(resource: Resource, soft: u64, hard: u64) -> bool {
    let limit = libc::rlimit {
        rlim_cur: soft,
        rlim_max: hard,
    };
    // SAFETY: setrlimit reads the struct it is given.
    unsafe { libc::setrlimit(resource, &limit) == 0 }
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
fn seccomp() -> (bool, bool) {
    // SAFETY: prctl with PR_SET_NO_NEW_PRIVS takes plain integers.
    let no_new_privs = unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) } == 0;
    (no_new_privs, super::filter::install().is_ok())
}

#[cfg(not(target_os = "linux"))]
fn seccomp() -> (bool, bool) {
    (false, false)
}
