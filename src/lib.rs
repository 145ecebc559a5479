//! pfp: manage users' profile pictures in MinIO or any S3-compatible store.
//!
//! The binary is a thin shell over this library: `cli` parses, `settings` validates once,
//! `commands` run the workflows, `store` talks to S3, `output` prints.

pub mod cli;
pub mod commands;
pub mod dispatch;
pub mod error;
pub mod input;
pub mod jail;
pub mod output;
pub mod peer;
pub mod picture;
pub mod settings;
pub mod store;
pub mod users;
pub mod values;
pub mod workflow;

pub use error::{Error, Kind};

/// Decoded images are hundreds of megabytes. glibc raises its mmap threshold each time
/// such a buffer is freed, after which the next ones come from per-thread heaps that
/// keep their memory: an import decoding on several threads then holds every thread's
/// largest image at once (563 MiB measured for two 36-megapixel PNGs decoded one after
/// the other). A fixed threshold keeps every buffer over 4 MiB mmapped and returned to
/// the system when freed.
pub fn return_large_buffers_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator; called before any thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
    }
}

/// A resource of `getrlimit`/`setrlimit`, in the type the C library declares it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) type Resource = libc::__rlimit_resource_t;
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) type Resource = libc::c_int;

/// The process's (soft, hard) limit of `resource` (`u64::MAX` for none); `None` where it
/// cannot be read.
pub(crate) fn rlimit(resource: Resource) -> Option<(u64, u64)> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes the struct it is given.
    (unsafe { libc::getrlimit(resource, &mut limit) } == 0)
        .then_some((limit.rlim_cur, limit.rlim_max))
}

/// Raises the soft limit on open files to the hard one, as Go programs (mc among them)
/// and systemd's services do: a shell's soft limit (1024 on most systems, 256 on macOS)
/// is a default of the select(2) era, and an `import` holds a connection, a file's
/// memory and a pipe per picture in flight. Raising the soft limit up to the hard one
/// needs no privilege; the hard limit is the operator's to set (`ulimit -Hn`).
pub fn raise_open_files_limit() {
    if let Some((soft, hard)) = rlimit(libc::RLIMIT_NOFILE)
        && soft < hard
    {
        let limit = libc::rlimit {
            rlim_cur: hard,
            rlim_max: hard,
        };
        // SAFETY: setrlimit reads the struct it is given.
        unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) };
    }
}
