//! Memfds kept from one file to the next (Linux): every file read by path (from 128 KiB)
//! goes into one, so that a bulk run reads each file into pages that already exist
//! instead of a fresh sealed memfd per file.
//!
//! A fresh memfd costs its pages again for every file: `sendfile` into it, the parent's
//! mapping, and the unmapping and freeing after the decode came to about 4 ms of CPU for
//! a 4.5 MB photo here, against 0.5 ms for reading the same file into a memfd kept
//! mapped from the file before (`pread` from the page cache into pages that exist). A
//! slot is one memfd of a fixed size, mapped read-write by pfp alone; the jail hands the
//! zygote a **read-only** descriptor of it (a reopening of the memfd, `O_RDONLY`), so no
//! jailed process can write to it, and the file's child maps the file's bytes privately
//! and closes that descriptor before it confines itself. Before a slot is lent again
//! for a shorter file, the bytes past the new file's end that an earlier file wrote are
//! zeroed, so a child's mapping (whose last page runs past the file's end) holds nothing
//! of an earlier file. A slot whose file's decoder was stopped rather than answered is
//! not lent again ([`Lease::retire`]): its child may outlive the verdict for a moment.
//!
//! Only files read by path with a known size come here (`Image::read_file`); standard
//! input and bytes made in memory keep the sealed memfd or the heap.

use std::fs::File;
use std::io;
use std::os::fd::{AsFd as _, AsRawFd as _, BorrowedFd};
use std::os::unix::fs::FileExt as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// The most slots kept between files: two decodes a core in flight and the files read
/// ahead of them; a slot over this is freed when its file is done.
const KEEP: usize = 32;

/// Slots free for the next file.
pub struct Pool {
    free: Mutex<Vec<Slot>>,
}

/// The process's pool.
pub static POOL: Pool = Pool {
    free: Mutex::new(Vec::new()),
};

struct Slot {
    /// The memfd, read-write: only pfp's own process holds this descriptor.
    file: File,
    /// The same memfd opened again read-only: what the jail hands on.
    reader: File,
    /// pfp's read-write shared mapping of all of it.
    at: *mut u8,
    capacity: usize,
    /// How far earlier files wrote: past the current file's end, zeroed before lending.
    dirty: usize,
}

// SAFETY: a slot is owned by one thread at a time (the free list's mutex, or one
// lease); the mapping it points at lives as long as the slot.
unsafe impl Send for Slot {}

impl Drop for Slot {
    fn drop(&mut self) {
        // SAFETY: unmaps the slot's own mapping, which no lease borrows any more.
        unsafe { libc::munmap(self.at.cast(), self.capacity) };
    }
}

impl Slot {
    /// A new slot of at least `capacity` bytes (whole pages), or `None` where a memfd or
    /// its read-only reopening (through `/proc`) cannot be had.
    fn new(capacity: usize) -> io::Result<Slot> {
        let capacity = capacity.max(1).next_multiple_of(4096);
        // SAFETY: memfd_create takes a NUL-terminated name and flags; checked below.
        let fd = unsafe { libc::memfd_create(c"pfp-input".as_ptr(), libc::MFD_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: the descriptor just made, owned by nothing else.
        let file = unsafe { <File as std::os::fd::FromRawFd>::from_raw_fd(fd) };
        file.set_len(capacity as u64)?;
        let reader = File::open(format!("/proc/self/fd/{fd}"))?;
        // SAFETY: a shared read-write mapping of the memfd's `capacity` bytes (its size).
        let at = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                capacity,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED,
                fd,
                0,
            )
        };
        if at == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(Slot {
            file,
            reader,
            at: at.cast(),
            capacity,
            dirty: 0,
        })
    }

    /// Reads `source` from its start, at most `cap` bytes (the slot holds at least as
    /// many), and zeroes what earlier files left past its end; returns the length.
    fn fill(&mut self, source: &File, cap: usize) -> io::Result<usize> {
        let mut len = 0;
        if self.dirty == 0 {
            // Fresh pages: the kernel's copy into the memfd allocates them faster than
            // page faults through the mapping would (`sendfile` writes at the memfd's
            // position: its start, as nothing has been written to it).
            let mut from: libc::off_t = 0;
            while len < cap {
                // SAFETY: copies between two live descriptors; `from` is ours.
                let n = unsafe {
                    libc::sendfile(
                        self.file.as_raw_fd(),
                        source.as_raw_fd(),
                        &mut from,
                        cap - len,
                    )
                };
                match n {
                    0 => break,
                    n if n > 0 => len += n as usize,
                    _ => {
                        let e = io::Error::last_os_error();
                        match e.raw_os_error() {
                            Some(libc::EINTR) => {}
                            // Not a file sendfile reads: through the mapping below.
                            Some(libc::EINVAL | libc::ENOSYS) if len == 0 => break,
                            _ => return Err(e),
                        }
                    }
                }
            }
            if len > 0 {
                // SAFETY: advice on the first `len` bytes of the slot's own mapping; the
                // pages exist now, and mapping them at once spares a fault per 16.
                unsafe { libc::madvise(self.at.cast(), len, libc::MADV_POPULATE_READ) };
            }
        }
        // SAFETY: the slot is owned by this call's caller alone (no lease lends it), so
        // nothing else reads or writes its mapping meanwhile.
        let all = unsafe { std::slice::from_raw_parts_mut(self.at, self.capacity) };
        while len < cap {
            match source.read_at(&mut all[len..cap], len as u64) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if self.dirty > len {
            all[len..self.dirty].fill(0);
        }
        self.dirty = len;
        Ok(len)
    }
}

/// A slot lent to one file's bytes; back to the free list when dropped.
pub struct Lease {
    pool: &'static Pool,
    slot: Option<Slot>,
    len: usize,
    retired: AtomicBool,
}

// SAFETY: the lease only reads its mapping (`bytes`), which nothing writes while it
// lives; the slot itself moves with it.
unsafe impl Sync for Lease {}

impl Pool {
    /// Reads `source` (at most `cap` bytes) into a slot, one kept from an earlier file
    /// when there is one large enough; `None` when no slot can be made (no memfd, or no
    /// `/proc` to reopen it read-only), for the caller to read otherwise.
    pub fn read(&'static self, source: &File, cap: usize) -> Option<io::Result<Lease>> {
        let kept = {
            let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
            let at = free.iter().position(|s| s.capacity >= cap);
            at.map(|i| free.swap_remove(i))
        };
        let mut slot = match kept {
            Some(slot) => slot,
            None => Slot::new(cap)
                .inspect_err(|e| tracing::debug!(target: "pfp::jail", "no kept memfd: {e}"))
                .ok()?,
        };
        Some(slot.fill(source, cap).map(|len| Lease {
            pool: self,
            slot: Some(slot),
            len,
            retired: AtomicBool::new(false),
        }))
    }
}

impl Lease {
    pub fn bytes(&self) -> &[u8] {
        let slot = self
            .slot
            .as_ref()
            .expect("a lease holds its slot until dropped");
        // SAFETY: the first `len` bytes of the live mapping were written by `fill`, and
        // nothing writes them while this lease lives.
        unsafe { std::slice::from_raw_parts(slot.at, self.len) }
    }

    /// The read-only descriptor of the memfd holding the bytes (from offset 0).
    pub fn reader(&self) -> BorrowedFd<'_> {
        self.slot
            .as_ref()
            .expect("a lease holds its slot until dropped")
            .reader
            .as_fd()
    }

    /// Keeps the slot from being lent again: its file's decoder was stopped, and its
    /// child may still map it for a moment.
    pub fn retire(&self) {
        self.retired.store(true, Ordering::Relaxed);
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        let Some(slot) = self.slot.take() else {
            return;
        };
        if self.retired.load(Ordering::Relaxed) {
            return;
        }
        let mut free = self.pool.free.lock().unwrap_or_else(|e| e.into_inner());
        if free.len() < KEEP {
            free.push(slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_of(dir: &std::path::Path, name: &str, bytes: &[u8]) -> File {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        File::open(path).unwrap()
    }

    /// What a descriptor reads from its start, as a child that maps it would see.
    fn through(fd: BorrowedFd<'_>, len: usize) -> Vec<u8> {
        let file = File::from(fd.try_clone_to_owned().unwrap());
        let mut out = vec![0u8; len];
        file.read_exact_at(&mut out, 0).unwrap();
        out
    }

    /// The memfd's inode: which slot a lease holds.
    fn inode(lease: &Lease) -> u64 {
        use std::os::unix::fs::MetadataExt as _;
        lease.slot.as_ref().unwrap().file.metadata().unwrap().ino()
    }

    #[test]
    fn a_kept_slot_holds_only_the_new_file_and_jailed_readers_cannot_write_it() {
        let pool: &'static Pool = Box::leak(Box::new(Pool {
            free: Mutex::new(Vec::new()),
        }));
        let dir = tempfile::tempdir().unwrap();
        let long: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8 | 1).collect();
        let short: Vec<u8> = (0..5_000u32).map(|i| (i % 13) as u8 + 7).collect();
        let cap = 1 << 20;
        let lend = |name: &str, bytes: &[u8], cap: usize| {
            pool.read(&file_of(dir.path(), name, bytes), cap)
                .unwrap()
                .unwrap()
        };

        let first = lend("long", &long, cap);
        assert_eq!(first.bytes(), &long[..]);
        let at = inode(&first);
        drop(first);
        // The same slot, lent again for a shorter file: nothing of the first past its end.
        let second = lend("short", &short, cap);
        assert_eq!(inode(&second), at, "the slot was kept");
        assert_eq!(second.bytes(), &short[..]);
        let seen = through(second.reader(), long.len());
        assert_eq!(&seen[..short.len()], &short[..]);
        assert!(
            seen[short.len()..].iter().all(|&b| b == 0),
            "bytes of the earlier file are left past the end"
        );
        // The descriptor the jail hands on is read-only.
        let fd = second.reader().as_raw_fd();
        // SAFETY: pwrite of one byte from a live buffer to a live descriptor.
        let wrote = unsafe { libc::pwrite(fd, b"x".as_ptr().cast(), 1, 0) };
        assert_eq!(wrote, -1, "a jailed reader wrote into the slot");
        // SAFETY: a shared writable mapping asked of the read-only descriptor.
        let mapped = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                4096,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED,
                fd,
                0,
            )
        };
        assert_eq!(
            mapped,
            libc::MAP_FAILED,
            "a jailed reader mapped it writable"
        );
        // SAFETY: ftruncate on a live descriptor.
        assert_eq!(
            unsafe { libc::ftruncate(fd, 0) },
            -1,
            "a reader truncated it"
        );

        // A retired slot is not lent again.
        second.retire();
        drop(second);
        let third = lend("again", &short, cap);
        assert_ne!(inode(&third), at, "a retired slot was lent");
        assert_eq!(third.bytes(), &short[..]);
        // At most `cap` bytes are read.
        let capped = lend("capped", &long, 1000);
        assert_eq!(capped.bytes(), &long[..1000]);
    }
}
