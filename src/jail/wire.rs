//! What the parent and a jailed decoder say to each other over the zygote's stdin (a
//! socket) and stdout (a pipe): length-prefixed JSON headers, with the renditions'
//! bytes following raw (a file's bytes go as `handoff` says). Every length is checked against a bound before anything is allocated:
//! the parent reads what a possibly compromised child wrote.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};

use crate::picture::{InputInfo, Options, OutputFormat};

/// The largest JSON header either side accepts.
pub const MAX_HEADER: u32 = 1 << 20;

/// What the child says first, once it is confined and before it reads anything.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Hello {
    /// The seccomp-bpf allow-list is in force.
    pub seccomp: bool,
    /// `PR_SET_NO_NEW_PRIVS` is set.
    pub no_new_privs: bool,
    /// Every descriptor but stdin, stdout and stderr was closed.
    pub descriptors_closed: bool,
    /// The address-space limit (`RLIMIT_AS`), in bytes; 0 when it could not be set.
    pub memory_limit: u64,
    /// The CPU-time limit (`RLIMIT_CPU`), in seconds; 0 when it could not be set.
    pub cpu_limit: u64,
    /// `RLIMIT_FSIZE` is 0 (no file can be written, even one it was handed).
    pub no_file_writes: bool,
    /// The child dies with the thread that started it (`PR_SET_PDEATHSIG`).
    pub dies_with_parent: bool,
    /// The program the zygote runs: `pfp-decoder`, or `pfp` itself.
    pub program: String,
    /// Its build ([`super::BUILD_ID`]), which must be pfp's.
    pub build: String,
}

/// One file to process; its bytes follow the header (`handoff`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Job {
    pub name: String,
    /// The file's length in bytes.
    pub len: u64,
    pub options: Options,
    /// What the parent's container walk found in these bytes (its frames, with the
    /// options, bound what an honest child can send back) and warned about.
    pub input: InputInfo,
    pub warnings: Vec<String>,
}

/// How the child of one file ended, from the zygote; what the child wrote (its answer,
/// or whatever it printed before it died) follows, `len` bytes.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Outcome {
    /// How the child ended; both `None` when the answer is `finished` (it is passed on
    /// before the child's exit is waited for) or the child could not be run.
    pub exit: Option<i32>,
    pub signal: Option<i32>,
    /// The child wrote its whole answer, then [`END`], and closed its pipe: the answer is
    /// final whatever the child does next (it holds no descriptor any more), and the
    /// zygote passes it on without waiting for the child's exit, which tears down the
    /// child's address space first (0.4-0.9 ms after a 12 MP photo, measured). `END`
    /// itself is not forwarded.
    #[serde(default)]
    pub finished: bool,
    /// The child wrote more than an honest answer can be; what follows is its start.
    pub oversize: bool,
    pub len: u64,
    /// The zygote could not run the child at all (no pipe, no fork), or reading its
    /// answer failed.
    pub failed: Option<String>,
}

impl Outcome {
    pub fn failed(why: &str) -> Outcome {
        Outcome {
            failed: Some(why.to_owned()),
            ..Outcome::default()
        }
    }
}

/// The last bytes a child writes after a whole answer, before it closes its pipe.
pub const END: &[u8; 8] = b"\0pfp-end";

/// One rendition the child made; its bytes follow the answer, in order.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RenditionHead {
    pub size: u32,
    pub width: u32,
    pub height: u32,
    pub len: u64,
}

/// The child's verdict on the file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Answer {
    Accepted {
        input: InputInfo,
        actions: Vec<String>,
        warnings: Vec<String>,
        format: OutputFormat,
        main: usize,
        renditions: Vec<RenditionHead>,
    },
    Rejected {
        rule: String,
        message: String,
    },
}

pub fn write_header<T: Serialize>(out: &mut impl Write, value: &T) -> io::Result<()> {
    let json = serde_json::to_vec(value).map_err(io::Error::other)?;
    let len = u32::try_from(json.len())
        .ok()
        .filter(|&l| l <= MAX_HEADER)
        .ok_or_else(|| io::Error::other("header too large"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&json)
}

/// Reads one header; `Ok(None)` at a clean end of stream before its first byte.
pub fn read_header<T: for<'de> Deserialize<'de>>(input: &mut impl Read) -> io::Result<Option<T>> {
    let mut len = [0u8; 4];
    match input.read(&mut len[..1])? {
        0 => return Ok(None),
        _ => input.read_exact(&mut len[1..])?,
    }
    let len = u32::from_le_bytes(len);
    if len > MAX_HEADER {
        return Err(io::Error::other(format!(
            "a header of {len} bytes (at most {MAX_HEADER})"
        )));
    }
    let mut json = vec![0u8; len as usize];
    input.read_exact(&mut json)?;
    serde_json::from_slice(&json)
        .map(Some)
        .map_err(|e| io::Error::other(format!("an unreadable header: {e}")))
}

#[cfg(any(test, not(target_os = "linux")))]
pub fn write_blob(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)
}

/// Reads the length of a blob [`write_blob`] wrote, refusing one over `max` bytes; the
/// caller reads the bytes into a buffer of its choosing.
#[cfg(any(test, not(target_os = "linux")))]
pub fn read_blob_len(input: &mut impl Read, max: u64) -> io::Result<u64> {
    let mut len = [0u8; 8];
    input.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    if len > max {
        return Err(io::Error::other(format!(
            "{len} bytes where at most {max} may come"
        )));
    }
    Ok(len)
}

/// Reads exactly `len` bytes (the caller has bounded `len`).
pub fn read_exactly(input: &mut impl Read, len: u64) -> io::Result<Vec<u8>> {
    let len = usize::try_from(len).map_err(io::Error::other)?;
    let mut bytes = vec![0u8; len];
    input.read_exact(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_blobs_round_trip_and_lengths_are_bounded() {
        let mut buf = Vec::new();
        let job = Job {
            name: "a.jpg".into(),
            len: 5,
            options: Options::default(),
            input: crate::picture::InputInfo {
                format: crate::picture::InputFormat::Jpeg,
                width: 1,
                height: 1,
                bytes: 5,
                frames: 1,
                orientation: 1,
            },
            warnings: Vec::new(),
        };
        write_header(&mut buf, &job).unwrap();
        write_blob(&mut buf, b"bytes").unwrap();
        let mut r = &buf[..];
        let back: Job = read_header(&mut r).unwrap().unwrap();
        assert_eq!(back.options, job.options);
        let len = read_blob_len(&mut r, 5).unwrap();
        assert_eq!(read_exactly(&mut r, len).unwrap(), b"bytes");
        assert!(read_header::<Job>(&mut r).unwrap().is_none());

        let mut r = &buf[..];
        let _: Job = read_header(&mut r).unwrap().unwrap();
        assert!(read_blob_len(&mut r, 4).is_err(), "a blob over its bound");
        let huge = (MAX_HEADER + 1).to_le_bytes();
        assert!(read_header::<Job>(&mut &huge[..]).is_err());
    }
}
