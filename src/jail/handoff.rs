//! How a file's bytes reach the child that decodes it.
//!
//! On Linux they are in a memfd no jailed process can write: for a file read by path,
//! one kept from file to file, of which the zygote gets a read-only descriptor
//! (`values/pooled.rs`); for the one file of `upload` and `set-default`, the file itself,
//! by the read-only descriptor pfp opened it with (`values/mapped.rs`: no copy, and a
//! check after the decode that nobody changed it); for standard input, and bytes made in
//! memory (copied here), a
//! sealed one (no write, no resize, no more seals: the kernel holds it read-only from
//! then on; `values/sealed.rs`). The parent passes the descriptor to the zygote over its
//! socket (`SCM_RIGHTS`). The zygote never
//! maps or reads it: it forks the file's child and closes its copy, and the child maps it
//! read-only, prefaulted, before it confines itself. So the bytes cross no pipe, the
//! zygote holds nothing of a file that a later child could find, and a compromised child
//! cannot change what the parent checks. Elsewhere the bytes follow the job on the
//! socket, as a length-prefixed blob the zygote reads into a scrubbed buffer.
//!
//! Measured with the release build (docs/performance-log.md, "The file by
//! descriptor"): this took the pipe's two copies of each file, the zygote's page faults
//! on a fresh buffer and its zeroing of it off every file; reading the file into the
//! memfd rather than into a buffer of the parent's took the parent's page faults on that
//! buffer and one more copy.

use std::io;
#[cfg(target_os = "linux")]
use std::os::fd::{AsRawFd as _, FromRawFd as _, OwnedFd, RawFd};
use std::os::unix::net::UnixStream;

use crate::values::Image;

/// Sends `bytes` to the zygote behind `socket`, after the job's header: the descriptor
/// they were read into when they have one, else a sealed copy.
#[cfg(target_os = "linux")]
pub fn send(socket: &mut UnixStream, bytes: &Image) -> io::Result<()> {
    match bytes.handoff_fd() {
        Some(fd) => send_fd(socket, fd.as_raw_fd()),
        None => send_fd(socket, Image::sealed_copy(bytes)?.as_raw_fd()),
    }
}

#[cfg(not(target_os = "linux"))]
pub fn send(socket: &mut UnixStream, bytes: &Image) -> io::Result<()> {
    super::wire::write_blob(socket, bytes)
}

/// Room for one descriptor's control message, aligned as `cmsghdr` must be.
#[cfg(target_os = "linux")]
#[repr(C, align(8))]
struct Control([u8; 32]);

#[cfg(target_os = "linux")]
fn send_fd(socket: &UnixStream, fd: RawFd) -> io::Result<()> {
    let mut byte = [0u8; 1];
    let mut iov = libc::iovec {
        iov_base: byte.as_mut_ptr().cast(),
        iov_len: 1,
    };
    let mut control = Control([0; 32]);
    // SAFETY: CMSG_SPACE is arithmetic.
    let space = unsafe { libc::CMSG_SPACE(size_of::<RawFd>() as u32) } as usize;
    assert!(space <= control.0.len());
    // SAFETY: an all-zero msghdr is valid; its pointers are set below to live buffers.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.0.as_mut_ptr().cast();
    msg.msg_controllen = space as _;
    // SAFETY: msg points at a control buffer of `space` bytes, so CMSG_FIRSTHDR is a
    // header inside it with room for one descriptor.
    unsafe {
        let header = libc::CMSG_FIRSTHDR(&msg);
        (*header).cmsg_level = libc::SOL_SOCKET;
        (*header).cmsg_type = libc::SCM_RIGHTS;
        (*header).cmsg_len = libc::CMSG_LEN(size_of::<RawFd>() as u32) as _;
        std::ptr::write_unaligned(libc::CMSG_DATA(header).cast::<RawFd>(), fd);
    }
    loop {
        // SAFETY: sendmsg reads the message set up above.
        let sent = unsafe { libc::sendmsg(socket.as_raw_fd(), &msg, libc::MSG_NOSIGNAL) };
        match sent {
            1 => return Ok(()),
            -1 if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted => {}
            -1 => return Err(io::Error::last_os_error()),
            _ => return Err(io::Error::other("the descriptor was not sent")),
        }
    }
}

/// The zygote's side: a file's bytes as they came, until its child takes them.
pub enum Input {
    /// The parent's memfd (sealed, or a kept one's read-only reopening) or the file
    /// itself (read-only), and the file's length.
    #[cfg(target_os = "linux")]
    Sealed(OwnedFd, usize),
    /// The bytes themselves, zeroed when dropped.
    #[cfg(not(target_os = "linux"))]
    Copied(super::child::Scrubbed),
}

/// Receives the bytes of a file of `len` bytes (as its job says) on descriptor 0.
#[cfg(target_os = "linux")]
pub fn receive(len: u64) -> io::Result<Input> {
    let len = usize::try_from(len).map_err(io::Error::other)?;
    let mut byte = [0u8; 1];
    let mut iov = libc::iovec {
        iov_base: byte.as_mut_ptr().cast(),
        iov_len: 1,
    };
    let mut control = Control([0; 32]);
    // SAFETY: an all-zero msghdr is valid; its pointers are set below to live buffers.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.0.as_mut_ptr().cast();
    msg.msg_controllen = control.0.len() as _;
    let got = loop {
        // SAFETY: recvmsg fills the buffers msg points at, within their lengths.
        let got = unsafe { libc::recvmsg(0, &mut msg, libc::MSG_CMSG_CLOEXEC) };
        if got != -1 || io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            break got;
        }
    };
    match got {
        -1 => return Err(io::Error::last_os_error()),
        0 => return Err(io::Error::other("the job ended before its file")),
        _ => {}
    }
    // SAFETY: recvmsg set msg_controllen to what it wrote into the buffer; the header,
    // if any, lies within it.
    let header = unsafe { libc::CMSG_FIRSTHDR(&msg) };
    // SAFETY: CMSG_LEN is arithmetic.
    let one = unsafe { libc::CMSG_LEN(size_of::<RawFd>() as u32) } as usize;
    if header.is_null()
        || msg.msg_flags & libc::MSG_CTRUNC != 0
        // SAFETY: header is non-null and inside the control buffer.
        || unsafe { ((*header).cmsg_level, (*header).cmsg_type, (*header).cmsg_len as usize) }
            != (libc::SOL_SOCKET, libc::SCM_RIGHTS, one)
    {
        return Err(io::Error::other(
            "the job's file came without its descriptor",
        ));
    }
    // SAFETY: an SCM_RIGHTS message of one descriptor: CMSG_DATA holds it, and it is
    // this process's now.
    let fd = unsafe { std::ptr::read_unaligned(libc::CMSG_DATA(header).cast::<RawFd>()) };
    // SAFETY: as above: a fresh descriptor nobody else owns.
    Ok(Input::Sealed(unsafe { OwnedFd::from_raw_fd(fd) }, len))
}

#[cfg(not(target_os = "linux"))]
pub fn receive(len: u64) -> io::Result<Input> {
    use std::io::Read as _;
    // SAFETY: descriptor 0 is the socket from the parent, never closed here.
    let socket = std::mem::ManuallyDrop::new(unsafe {
        <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(0)
    });
    let mut input: &std::fs::File = &socket;
    let expected = super::wire::read_blob_len(&mut input, len)?;
    if expected != len {
        return Err(io::Error::other("the file's length is not the job's"));
    }
    let mut bytes = super::child::Scrubbed(Vec::with_capacity(len as usize));
    input.take(len).read_to_end(&mut bytes.0)?;
    if bytes.0.len() as u64 != len {
        return Err(io::Error::other("the file was cut off"));
    }
    Ok(Input::Copied(bytes))
}

impl Input {
    /// The file's length.
    pub fn len(&self) -> usize {
        match self {
            #[cfg(target_os = "linux")]
            Input::Sealed(_, len) => *len,
            #[cfg(not(target_os = "linux"))]
            Input::Copied(bytes) => bytes.0.len(),
        }
    }

    /// In the file's child, before it confines itself: the bytes, mapped read-only
    /// (Linux; the descriptor is closed), or the copy it inherited. `None` when the
    /// mapping fails.
    pub fn take(&self) -> Option<&[u8]> {
        match self {
            #[cfg(target_os = "linux")]
            Input::Sealed(fd, len) => {
                if *len == 0 {
                    return Some(&[]);
                }
                // SAFETY: maps `len` bytes of the descriptor privately and read-only. A
                // sealed or kept memfd cannot shrink under it; a file pfp mapped as it is
                // could be cut short by another process, and then this child's read past
                // the new end ends it with SIGBUS, which pfp reports as the change.
                let at = unsafe {
                    libc::mmap(
                        std::ptr::null_mut(),
                        *len,
                        libc::PROT_READ,
                        libc::MAP_PRIVATE | libc::MAP_POPULATE,
                        fd.as_raw_fd(),
                        0,
                    )
                };
                // SAFETY: the child has the mapping now; the descriptor is not needed
                // (and the OwnedFd, inherited from the zygote, is never dropped here).
                unsafe { libc::close(fd.as_raw_fd()) };
                if at == libc::MAP_FAILED {
                    return None;
                }
                // SAFETY: a live read-only mapping of `len` bytes, never unmapped (the
                // child exits without freeing it).
                Some(unsafe { std::slice::from_raw_parts(at.cast::<u8>(), *len) })
            }
            #[cfg(not(target_os = "linux"))]
            Input::Copied(bytes) => Some(&bytes.0),
        }
    }
}
