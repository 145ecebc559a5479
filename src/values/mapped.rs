//! One file's bytes as the page cache holds them (Linux): a single upload's photo mapped
//! read-only and shared, not copied. The decoder jail hands the child the file's own
//! read-only descriptor, which it maps as it maps a memfd.
//!
//! Why: a copy needs fresh pages, and in this project's VMs a fresh page costs about
//! 4 µs (the hypervisor backs guest memory lazily), so copying a 4.5 MB photo into a new
//! memfd took 4-12 ms of a single upload's critical path, where mapping the page cache
//! takes 0.6-0.9 ms (docs/performance-log.md). Bulk runs do not need this: their kept
//! memfds (`pooled.rs`) already reuse their pages from file to file.
//!
//! What a copy gave for free, done here instead:
//! - **A file changed while pfp reads it** (another process writes or truncates it):
//!   the parent's walk and fingerprint and the child's decode might see different bytes.
//!   The file's identity, size and times are taken before the mapping and compared after
//!   the decode and the fingerprint ([`Mapped::unchanged`]); the command then refuses the
//!   file before anything is stored, as tar and rsync report a file that changed as they
//!   read it. What the child decoded is bounded by its limits whatever it saw, and the
//!   parent checks its output as always.
//! - **A file truncated under the mapping**: a read past the new end would raise
//!   SIGBUS and kill pfp. A handler for exactly the mapped ranges puts zero pages over the
//!   whole mapping, notes it, and lets the read go on; the check above then refuses the
//!   file. Any other SIGBUS goes on to the handler that was there before.
//!   (The child's SIGBUS is a decoder death, reported as the change.)
//!
//! A child cannot write the file: its descriptor is the read-only one pfp opened, and the
//! child's filter allows no call that changes a file through a descriptor.

use std::fs::File;
use std::io;
use std::os::fd::{AsFd as _, AsRawFd as _, BorrowedFd};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};

/// A regular file mapped shared and read-only, with what it was when mapped.
pub(super) struct Mapped {
    file: File,
    at: *const u8,
    len: usize,
    before: Stamp,
    guard: usize,
}

// SAFETY: the mapping is read-only in this process; sharing the pointer between threads
// shares a read-only slice (whose bytes another process may change: see `unchanged`).
unsafe impl Send for Mapped {}
// SAFETY: as above.
unsafe impl Sync for Mapped {}

/// What says a file is still the one that was read: device, inode, size, modification
/// and change times (the kernel's fine-grained ones once they were looked at).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Stamp {
    dev: u64,
    ino: u64,
    size: i64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Stamp {
    fn of(file: &File) -> io::Result<Stamp> {
        // SAFETY: an all-zero stat is valid; fstat fills it.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        // SAFETY: fstat on a live descriptor into a live struct.
        if unsafe { libc::fstat(file.as_raw_fd(), &mut st) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Stamp {
            dev: st.st_dev,
            ino: st.st_ino,
            size: st.st_size,
            mtime: (st.st_mtime, st.st_mtime_nsec),
            ctime: (st.st_ctime, st.st_ctime_nsec),
        })
    }
}

impl Mapped {
    /// Maps the first `len` bytes of the regular file `file` (`len` > 0, its size by its
    /// metadata); the file back when it cannot be mapped as it is (a file system without
    /// `mmap`, a size that moved since the metadata, no guard slot free): the caller
    /// copies it instead, as it would any file.
    pub(super) fn map(file: File, len: usize) -> io::Result<Result<Mapped, File>> {
        let before = Stamp::of(&file)?;
        if usize::try_from(before.size).ok() != Some(len) {
            return Ok(Err(file));
        }
        // A read past a later end of the file is caught by the guard below.
        let Ok(at) = super::sealed::map_shared_read_only(&file, len) else {
            return Ok(Err(file));
        };
        let Some(guard) = guard(at as usize, len) else {
            // SAFETY: unmaps the mapping just made, which nothing borrows.
            unsafe { libc::munmap(at.cast_mut().cast(), len) };
            return Ok(Err(file));
        };
        Ok(Ok(Mapped {
            file,
            at,
            len,
            before,
            guard,
        }))
    }

    pub(super) fn bytes(&self) -> &[u8] {
        // SAFETY: a live read-only mapping of `len` bytes for as long as self lives; a
        // page the file no longer has reads as zeros (the guard), never faults.
        unsafe { std::slice::from_raw_parts(self.at, self.len) }
    }

    pub(super) fn fd(&self) -> BorrowedFd<'_> {
        self.file.as_fd()
    }

    /// Whether the file is still what was mapped: not truncated under the mapping, and
    /// the same file with the same size and times. An error says what changed.
    pub(super) fn unchanged(&self) -> Result<(), String> {
        if SLOTS[self.guard].hit.load(Ordering::Acquire) {
            return Err("the file was cut short while pfp read it".to_owned());
        }
        match Stamp::of(&self.file) {
            Ok(now) if now == self.before => Ok(()),
            Ok(_) => Err("the file changed while pfp read it".to_owned()),
            Err(e) => Err(format!("the file could not be checked after reading: {e}")),
        }
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        let slot = &SLOTS[self.guard];
        // The range is given up before it is unmapped: a fault on it now is not ours.
        slot.start.store(0, Ordering::Release);
        slot.end.store(0, Ordering::Release);
        // SAFETY: unmaps this struct's own mapping, which nothing borrows any more.
        unsafe { libc::munmap(self.at.cast_mut().cast(), self.len) };
        slot.hit.store(false, Ordering::Release);
        slot.taken.store(false, Ordering::Release);
    }
}

/// A mapped range the SIGBUS handler answers for.
struct Slot {
    taken: AtomicBool,
    start: AtomicUsize,
    end: AtomicUsize,
    hit: AtomicBool,
}

/// A single-file command maps one file; a few slots leave room for more at once.
const SLOT_COUNT: usize = 4;

#[allow(clippy::declare_interior_mutable_const)]
const FREE: Slot = Slot {
    taken: AtomicBool::new(false),
    start: AtomicUsize::new(0),
    end: AtomicUsize::new(0),
    hit: AtomicBool::new(false),
};

static SLOTS: [Slot; SLOT_COUNT] = [FREE; SLOT_COUNT];

/// The SIGBUS handler that was there before pfp's (Rust's own, which tells a stack
/// overflow, or the default) and its flags.
static PREVIOUS_HANDLER: AtomicUsize = AtomicUsize::new(libc::SIG_DFL);
static PREVIOUS_FLAGS: AtomicI32 = AtomicI32::new(0);
static INSTALL: Once = Once::new();
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Claims a slot for `[start, start + len)`; `None` when all are taken or the handler
/// cannot be installed.
fn guard(start: usize, len: usize) -> Option<usize> {
    INSTALL.call_once(|| {
        // SAFETY: an all-zero sigaction is valid; the handler below is async-signal-safe
        // (atomics, mmap, and the previous handler).
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: libc::sigaction = std::mem::zeroed();
            // Noted before the handler is in place, so that it never sees them unset.
            if libc::sigaction(libc::SIGBUS, std::ptr::null(), &mut previous) == 0 {
                PREVIOUS_HANDLER.store(previous.sa_sigaction, Ordering::Release);
                PREVIOUS_FLAGS.store(previous.sa_flags, Ordering::Release);
                if libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut()) == 0 {
                    INSTALLED.store(true, Ordering::Release);
                }
            }
        }
    });
    if !INSTALLED.load(Ordering::Acquire) {
        return None;
    }
    let index = SLOTS.iter().position(|slot| {
        slot.taken
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    })?;
    let slot = &SLOTS[index];
    slot.hit.store(false, Ordering::Release);
    slot.start.store(start, Ordering::Release);
    slot.end.store(start + len, Ordering::Release);
    Some(index)
}

extern "C" fn on_sigbus(
    signal: libc::c_int,
    info: *mut libc::siginfo_t,
    context: *mut libc::c_void,
) {
    // SAFETY: the kernel passes a valid siginfo to an SA_SIGINFO handler.
    let addr = unsafe { (*info).si_addr() } as usize;
    for slot in &SLOTS {
        let (start, end) = (
            slot.start.load(Ordering::Acquire),
            slot.end.load(Ordering::Acquire),
        );
        if start != 0 && (start..end).contains(&addr) {
            // SAFETY: replaces the whole of the slot's own mapping (page-aligned start,
            // its length) with zero pages, read-only as before; the faulting read then
            // goes on and reads zeros.
            let zeros = unsafe {
                libc::mmap(
                    start as *mut libc::c_void,
                    end - start,
                    libc::PROT_READ,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                    -1,
                    0,
                )
            };
            if zeros != libc::MAP_FAILED {
                slot.hit.store(true, Ordering::Release);
                return;
            }
        }
    }
    // Not ours: what would have happened without pfp's handler.
    let handler = PREVIOUS_HANDLER.load(Ordering::Acquire);
    if handler == libc::SIG_DFL || handler == libc::SIG_IGN {
        // SAFETY: restores the default action; returning re-runs the faulting access,
        // which then ends the process with SIGBUS as if pfp had no handler.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
        }
    } else if PREVIOUS_FLAGS.load(Ordering::Acquire) & libc::SA_SIGINFO != 0 {
        // SAFETY: the previous handler is an SA_SIGINFO one, called as the kernel would.
        let call: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
            unsafe { std::mem::transmute(handler) };
        call(signal, info, context);
    } else {
        // SAFETY: a plain handler, called as the kernel would.
        let call: extern "C" fn(libc::c_int) = unsafe { std::mem::transmute(handler) };
        call(signal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn file_of(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.jpg");
        std::fs::File::create(&path)
            .unwrap()
            .write_all(bytes)
            .unwrap();
        (dir, path)
    }

    #[test]
    fn a_mapped_file_reads_as_its_bytes_and_a_change_to_it_is_seen() {
        let bytes: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let (_dir, path) = file_of(&bytes);
        let mapped = Mapped::map(File::open(&path).unwrap(), bytes.len())
            .unwrap()
            .ok()
            .unwrap();
        assert_eq!(mapped.bytes(), &bytes[..]);
        assert_eq!(mapped.unchanged(), Ok(()));

        // Another process writes one byte in place.
        let writer = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        std::os::unix::fs::FileExt::write_at(&writer, b"!", 1000).unwrap();
        assert_eq!(
            mapped.bytes()[1000],
            b'!',
            "shared: the page cache as it is"
        );
        assert_eq!(
            mapped.unchanged(),
            Err("the file changed while pfp read it".to_owned())
        );
    }

    #[test]
    fn a_file_cut_short_under_its_mapping_reads_as_zeros_and_is_refused() {
        let bytes = vec![0xA5u8; 400_000];
        let (_dir, path) = file_of(&bytes);
        let mapped = Mapped::map(File::open(&path).unwrap(), bytes.len())
            .unwrap()
            .ok()
            .unwrap();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(4096)
            .unwrap();
        // Past the new end: without the guard, SIGBUS would end the test process here.
        let tail: u64 = mapped.bytes()[300_000..]
            .iter()
            .map(|&b| u64::from(b))
            .sum();
        assert_eq!(tail, 0, "the whole mapping reads as zeros once cut short");
        assert_eq!(
            mapped.unchanged(),
            Err("the file was cut short while pfp read it".to_owned())
        );
        drop(mapped);
        // The slot is free again and a new mapping of the (now short) file is clean.
        let again = Mapped::map(File::open(&path).unwrap(), 4096)
            .unwrap()
            .ok()
            .unwrap();
        assert_eq!(again.bytes(), &bytes[..4096]);
        assert_eq!(again.unchanged(), Ok(()));
    }
}
