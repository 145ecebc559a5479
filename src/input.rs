//! Reading the images a command is given: files or standard input. Only regular files are
//! read (no devices or FIFOs), and never more than the size limit plus one byte, so an
//! oversized or endless input costs nothing.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Kind};
use crate::picture::{Limits, Rejection};

/// An input that could not be read, or was refused before decoding.
#[derive(Debug)]
pub enum InputError {
    /// Not there (exit 3).
    Missing(Error),
    /// Not something pfp reads (a directory, device, FIFO), or unreadable (exit 4).
    Unreadable(Error),
    /// Larger than the limit: a rejection like any other.
    TooLarge(Rejection),
}

impl InputError {
    pub fn into_error(self) -> Error {
        match self {
            InputError::Missing(e) | InputError::Unreadable(e) => e,
            InputError::TooLarge(r) => Error::invalid(r.message),
        }
    }
}

/// The name to show for a path argument (`-` is standard input), safe for a terminal.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "stdin".to_owned()
    } else {
        crate::values::printable(&path.display().to_string())
    }
}

/// Reads `path` (or stdin for `-`) under the size limit of `limits`.
pub fn read_image(path: &Path, limits: &Limits) -> Result<Vec<u8>, InputError> {
    let name = display_name(path);
    let cap = limits.max_bytes.saturating_add(1);
    let too_large = |measured: Option<u64>| {
        let measured = measured.unwrap_or(cap);
        InputError::TooLarge(
            limits
                .check_bytes(&name, measured)
                .expect_err("the size is over the limit"),
        )
    };
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(cap)
            .read_to_end(&mut bytes)
            .map_err(|e| InputError::Unreadable(Error::invalid(format!("{name}: {e}"))))?;
        if bytes.len() as u64 > limits.max_bytes {
            return Err(too_large(None));
        }
        return Ok(bytes);
    }
    // Opened without blocking, then checked: a path swapped for a FIFO between a stat and
    // an open would otherwise block the open forever. What was opened is what is checked.
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
    }
    .map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            InputError::Missing(Error::new(Kind::NotFound, format!("{name}: no such file")))
        } else {
            InputError::Unreadable(Error::invalid(format!("{name}: {e}")))
        }
    })?;
    let meta = file
        .metadata()
        .map_err(|e| InputError::Unreadable(Error::invalid(format!("{name}: {e}"))))?;
    if !meta.is_file() {
        return Err(InputError::Unreadable(Error::invalid(format!(
            "{name}: not a regular file (directories, devices and FIFOs are not read)"
        ))));
    }
    if meta.len() > limits.max_bytes {
        return Err(too_large(Some(meta.len())));
    }
    // Sized from the metadata (already checked against the limit): one allocation and
    // no copies as the buffer grows. One spare byte lets read_to_end see the end at once.
    bytes.reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Unreadable(Error::invalid(format!("{name}: {e}"))))?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// The longest line pfp reads from a list (a manifest row, a user selector): far more
/// than any real row, small enough that a file without newlines costs nothing.
pub const MAX_LINE_BYTES: usize = 64 << 10;

/// A reader that fails once a line runs past [`MAX_LINE_BYTES`], so a parser reading from
/// it (the CSV reader buffers a whole record) never buffers more than that.
pub struct LineLimit<R> {
    inner: R,
    since_newline: usize,
    name: String,
}

impl<R: Read> LineLimit<R> {
    pub fn new(inner: R, name: &str) -> Self {
        LineLimit {
            inner,
            since_newline: 0,
            name: name.to_owned(),
        }
    }
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            if b == b'\n' {
                self.since_newline = 0;
            } else {
                self.since_newline += 1;
                if self.since_newline > MAX_LINE_BYTES {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!(
                            "{}: a line is longer than {MAX_LINE_BYTES} bytes",
                            self.name
                        ),
                    ));
                }
            }
        }
        Ok(n)
    }
}
