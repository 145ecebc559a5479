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

/// The name to show for a path argument (`-` is standard input).
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "stdin".to_owned()
    } else {
        path.display().to_string()
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
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            InputError::Missing(Error::new(Kind::NotFound, format!("{name}: no such file")))
        } else {
            InputError::Unreadable(Error::invalid(format!("{name}: {e}")))
        }
    })?;
    if !meta.is_file() {
        return Err(InputError::Unreadable(Error::invalid(format!(
            "{name}: not a regular file (directories, devices and FIFOs are not read)"
        ))));
    }
    if meta.len() > limits.max_bytes {
        return Err(too_large(Some(meta.len())));
    }
    std::fs::File::open(path)
        .and_then(|f| f.take(cap).read_to_end(&mut bytes))
        .map_err(|e| InputError::Unreadable(Error::invalid(format!("{name}: {e}"))))?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(too_large(None));
    }
    Ok(bytes)
}
