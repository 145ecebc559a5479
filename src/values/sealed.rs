//! A picture's bytes as pfp holds them: read straight into a sealed memfd on Linux (the
//! kernel keeps them read-only from then on, and the decoder jail hands that very
//! descriptor to the file's child: `jail/handoff.rs`), or into a memfd kept from file to
//! file and handed on read-only (`pooled.rs`), else in a buffer.

use std::io::{self, Read};
#[cfg(target_os = "linux")]
use std::os::fd::{AsFd as _, AsRawFd as _, BorrowedFd, FromRawFd as _, OwnedFd};

/// A picture's bytes as read. On Linux they are read straight into a sealed memfd (the
/// kernel holds them read-only from then on), whose descriptor the decoder jail hands to
/// the file's child as it is; elsewhere, and for bytes made in memory, a buffer.
pub struct Image(Repr);

enum Repr {
    Heap(Vec<u8>),
    #[cfg(target_os = "linux")]
    Sealed(Sealed),
    /// A memfd kept from file to file (`pooled.rs`).
    #[cfg(target_os = "linux")]
    Pooled(super::pooled::Lease),
    /// The file itself, mapped from the page cache (`mapped.rs`).
    #[cfg(target_os = "linux")]
    Mapped(super::mapped::Mapped),
}

impl Image {
    /// A descriptor of the memfd holding the bytes (from its start), which no jailed
    /// process can write: the sealed memfd, or a kept one's read-only reopening. `None`
    /// for bytes on the heap.
    #[cfg(target_os = "linux")]
    pub fn handoff_fd(&self) -> Option<BorrowedFd<'_>> {
        match &self.0 {
            Repr::Sealed(sealed) => Some(sealed.file.as_fd()),
            Repr::Pooled(lease) => Some(lease.reader()),
            Repr::Mapped(mapped) => Some(mapped.fd()),
            Repr::Heap(_) => None,
        }
    }

    /// For bytes mapped from their file ([`Image::map_file`]): whether the file is still
    /// what was mapped, else what changed. Always true of a copy.
    pub fn unchanged(&self) -> Result<(), String> {
        match &self.0 {
            #[cfg(target_os = "linux")]
            Repr::Mapped(mapped) => mapped.unchanged(),
            _ => Ok(()),
        }
    }

    /// The decoder given these bytes was stopped rather than answered: a kept memfd
    /// holding them is not lent to another file (its child may map it a moment longer).
    pub fn retire(&self) {
        #[cfg(target_os = "linux")]
        if let Repr::Pooled(lease) = &self.0 {
            lease.retire();
        }
    }

    /// Reads at most `cap` bytes of the regular file `file`, of `size` bytes by its
    /// metadata. From `SMALL` up, into a memfd kept from an earlier file where one can
    /// be had (`pooled.rs`); else as [`Image::read`].
    pub fn read_file(file: std::fs::File, cap: u64, size: u64) -> io::Result<Image> {
        #[cfg(target_os = "linux")]
        if size >= SMALL
            && let Ok(cap) = usize::try_from(cap)
            && let Some(read) = super::pooled::POOL.read(&file, cap)
        {
            return read.map(|lease| Image(Repr::Pooled(lease)));
        }
        Image::read(file, cap, size)
    }

    /// The regular file `file`, of `size` bytes by its metadata (within the size limit),
    /// for a command that reads one file: from `SMALL` up, mapped from the page cache
    /// rather than copied (`mapped.rs`), so [`Image::unchanged`] must be asked once the
    /// bytes were used and before anything is stored; else as [`Image::read_file`].
    pub fn map_file(file: std::fs::File, cap: u64, size: u64) -> io::Result<Image> {
        #[cfg(target_os = "linux")]
        if size >= SMALL
            && size < cap
            && let Ok(len) = usize::try_from(size)
        {
            let file = match super::mapped::Mapped::map(file, len)? {
                Ok(mapped) => return Ok(Image(Repr::Mapped(mapped))),
                Err(file) => file,
            };
            return Image::read_file(file, cap, size);
        }
        Image::read_file(file, cap, size)
    }

    /// A memfd holding a copy of `bytes`, sealed against every change.
    #[cfg(target_os = "linux")]
    pub fn sealed_copy(bytes: &[u8]) -> io::Result<std::fs::File> {
        use std::io::Write as _;
        let mut file = memfd()?;
        file.write_all(bytes)?;
        seal(&file)?;
        Ok(file)
    }

    /// Reads at most `cap` bytes of `reader`, which says it holds `size_hint` bytes (0:
    /// unknown, as a pipe). A small file goes to the heap: below `SMALL` the memfd's
    /// mapping (and its unmapping, which interrupts every CPU running one of pfp's
    /// threads) costs more than the page faults it spares; the jail copies it.
    pub fn read(reader: impl Read, cap: u64, size_hint: u64) -> io::Result<Image> {
        #[cfg(target_os = "linux")]
        if size_hint == 0 || size_hint >= SMALL {
            return Sealed::read(reader, cap).map(|s| Image(Repr::Sealed(s)));
        }
        let mut bytes = Vec::new();
        // Sized from the metadata (already checked against the limit): one allocation and
        // no copies as the buffer grows. One spare byte lets read_to_end see the end at
        // once.
        bytes.reserve_exact(usize::try_from(size_hint).unwrap_or(0).saturating_add(1));
        reader.take(cap).read_to_end(&mut bytes)?;
        Ok(Image(Repr::Heap(bytes)))
    }
}

/// Files from this size up are read into a sealed memfd (Linux); smaller ones into a
/// buffer.
pub const SMALL: u64 = 128 << 10;

impl From<Vec<u8>> for Image {
    fn from(bytes: Vec<u8>) -> Image {
        Image(Repr::Heap(bytes))
    }
}

impl std::ops::Deref for Image {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.0 {
            Repr::Heap(bytes) => bytes,
            #[cfg(target_os = "linux")]
            Repr::Sealed(sealed) => sealed.bytes(),
            #[cfg(target_os = "linux")]
            Repr::Pooled(lease) => lease.bytes(),
            #[cfg(target_os = "linux")]
            Repr::Mapped(mapped) => mapped.bytes(),
        }
    }
}

impl AsRef<[u8]> for Image {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Image({} bytes)", self.len())
    }
}

/// A file's bytes in a memfd sealed against every change (no write, no resize, no more
/// seals), and the parent's own read-only view of them. Reading a file straight into
/// one (`sendfile` from the page cache) and handing that very descriptor to the child
/// spares the parent a buffer of its own: its page faults and a copy of every byte
/// (docs/performance-log.md, "The file read straight into the memfd").
#[cfg(target_os = "linux")]
struct Sealed {
    file: std::fs::File,
    at: *const u8,
    len: usize,
}

// SAFETY: the mapping is read-only and its contents can no longer change (sealed), so
// sharing the pointer between threads is sharing an immutable slice.
#[cfg(target_os = "linux")]
unsafe impl Send for Sealed {}
// SAFETY: as above.
#[cfg(target_os = "linux")]
unsafe impl Sync for Sealed {}

#[cfg(target_os = "linux")]
impl Sealed {
    /// Reads at most `cap` bytes of `reader` into a new sealed memfd.
    fn read(reader: impl Read, cap: u64) -> io::Result<Sealed> {
        let mut file = memfd()?;
        // std copies file to file inside the kernel (copy_file_range, else sendfile),
        // a pipe by splice; read and write only where neither applies.
        io::copy(&mut reader.take(cap), &mut file)?;
        seal(&file)?;
        Sealed::map(file)
    }

    /// The parent's read-only view of a sealed memfd.
    fn map(file: std::fs::File) -> io::Result<Sealed> {
        let len = usize::try_from(file.metadata()?.len()).map_err(io::Error::other)?;
        if len == 0 {
            return Ok(Sealed {
                file,
                at: std::ptr::NonNull::dangling().as_ptr(),
                len,
            });
        }
        // The seals (set by `seal`, before this) keep every mapped byte readable and
        // unchanged while mapped.
        let at = map_shared_read_only(&file, len)?;
        Ok(Sealed { file, at, len })
    }

    fn bytes(&self) -> &[u8] {
        // SAFETY: `at` is a live read-only mapping of `len` bytes (or dangling for none)
        // that lives as long as self, and its contents cannot change.
        unsafe { std::slice::from_raw_parts(self.at, self.len) }
    }
}

#[cfg(target_os = "linux")]
impl Drop for Sealed {
    fn drop(&mut self) {
        if self.len > 0 {
            // SAFETY: unmaps the mapping made in `seal`, which nothing borrows any more.
            unsafe { libc::munmap(self.at.cast_mut().cast(), self.len) };
        }
    }
}

/// A shared, read-only, populated mapping of the first `len` (> 0) bytes of `file`.
#[cfg(target_os = "linux")]
pub(super) fn map_shared_read_only(file: &std::fs::File, len: usize) -> io::Result<*const u8> {
    // SAFETY: a fresh mapping that no Rust reference aliases; the caller owns it and
    // unmaps it. Whether its bytes can change or vanish is the caller's to handle.
    let at = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ,
            libc::MAP_SHARED | libc::MAP_POPULATE,
            file.as_raw_fd(),
            0,
        )
    };
    if at == libc::MAP_FAILED {
        return Err(io::Error::last_os_error());
    }
    Ok(at.cast::<u8>().cast_const())
}

/// A new memfd that can be sealed.
#[cfg(target_os = "linux")]
fn memfd() -> io::Result<std::fs::File> {
    // SAFETY: memfd_create takes a NUL-terminated name and flags; the result is checked.
    let fd = unsafe {
        libc::memfd_create(
            c"pfp-input".as_ptr(),
            libc::MFD_CLOEXEC | libc::MFD_ALLOW_SEALING,
        )
    };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: fd is the descriptor just made, owned by nothing else.
    Ok(std::fs::File::from(unsafe { OwnedFd::from_raw_fd(fd) }))
}

/// Seals `file` against every change: no write, no resize, no more seals.
#[cfg(target_os = "linux")]
fn seal(file: &std::fs::File) -> io::Result<()> {
    let seals = libc::F_SEAL_SHRINK | libc::F_SEAL_GROW | libc::F_SEAL_WRITE | libc::F_SEAL_SEAL;
    // SAFETY: fcntl on a descriptor the caller owns.
    if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_ADD_SEALS, seals) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_into_a_sealed_memfd_is_its_bytes_and_can_no_longer_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.bin");
        let bytes: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();

        let size = bytes.len() as u64;
        let image = Image::read(std::fs::File::open(&path).unwrap(), 1 << 20, size).unwrap();
        assert_eq!(&image[..], &bytes[..]);
        let fd = image.handoff_fd().expect("read into a memfd");
        // SAFETY: F_GET_SEALS on a live descriptor.
        let seals = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_GET_SEALS) };
        let all = libc::F_SEAL_SHRINK | libc::F_SEAL_GROW | libc::F_SEAL_WRITE | libc::F_SEAL_SEAL;
        assert_eq!(seals & all, all);
        // SAFETY: write of one byte from a live buffer to a live descriptor.
        let wrote = unsafe { libc::pwrite(fd.as_raw_fd(), b"x".as_ptr().cast(), 1, 0) };
        assert_eq!(wrote, -1, "a sealed memfd took a write");
        assert_eq!(io::Error::last_os_error().raw_os_error(), Some(libc::EPERM));

        // At most `cap` bytes are read; an empty input is an empty picture.
        let capped = Image::read(std::fs::File::open(&path).unwrap(), 1000, 0).unwrap();
        assert_eq!(&capped[..], &bytes[..1000]);
        let empty = Image::read(io::empty(), 10, 0).unwrap();
        assert!(empty.is_empty());
        // Small files and bytes made in memory stay on the heap until the jail copies them.
        let small = Image::read(&bytes[..1000], 1 << 20, 1000).unwrap();
        assert!(small.handoff_fd().is_none());
        assert_eq!(&small[..], &bytes[..1000]);
        assert!(Image::from(bytes.clone()).handoff_fd().is_none());
        let copy = Image::sealed_copy(&bytes).unwrap();
        assert_eq!(
            std::fs::read(format!("/proc/self/fd/{}", copy.as_raw_fd())).unwrap(),
            bytes
        );
    }
}
