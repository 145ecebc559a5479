//! The decoder jail: every decode of a stranger's picture runs in a child process that
//! holds no secret and can reach nothing, one child per file.
//!
//! The child is pfp itself, started in a hidden mode with an empty environment and only
//! its three pipes. Before it reads a byte of the file it closes every other
//! descriptor, limits itself (address space to the memory budget, CPU time, no file
//! writes, no core dumps, three descriptors), asks to die with its parent, sets
//! `PR_SET_NO_NEW_PRIVS` and installs a seccomp-bpf allow-list (read its stdin, write its
//! stdout and stderr, memory that is never executable, futex, clocks, exit). The parent
//! walks the file's container first (so a refused file costs milliseconds and no
//! process), hands the child the file and the options, bounds what comes back, and
//! checks every rendition again (format sniffed, container walked, dimensions and hash
//! taken anew) before anything is stored. A child that dies is a verdict on its file:
//! `decoder_crashed` (a forbidden system call, a crash, a garbled answer) or
//! `decoder_limit` (memory, CPU time, the wall clock).
//!
//! One child per file rather than a pool of long-lived ones: a child that a file
//! exploited would otherwise decode the next users' pictures too. A spare child is
//! started ahead while the current one works, so the start-up (about a millisecond)
//! overlaps the decode; README, "The decoder jail", has the measured cost.

pub mod child;
#[cfg(debug_assertions)]
mod evil;
#[cfg(target_os = "linux")]
mod filter;
pub mod wire;
mod worker;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::picture::{
    self, InputFormat, Options, OutputFormat, Picture, Processed, Rejection, Rendition, Rule,
};
use wire::{Answer, Hello, Job};
use worker::Worker;

/// The hidden first argument that makes `pfp` a jailed decoder.
pub const WORKER_ARG: &str = "__pfp-jailed-decoder";

/// The memory a decode may use on top of the program itself: the README's budget.
pub const MEMORY_BUDGET: u64 = 512 << 20;

/// The CPU time one file may take: twice the README's 2 s budget of a release build;
/// a test build's own code is unoptimised and takes up to 5x as long (tests/it/
/// validate.rs measures it), so it gets the tests' 10 s.
pub const CPU_SECONDS: u64 = if cfg!(debug_assertions) { 10 } else { 4 };

/// The wall-clock time one file may take, from handing it over to the answer: a child
/// blocked rather than computing (waiting for input that never comes) is killed here.
pub const WALL_TIME: Duration = Duration::from_secs(CPU_SECONDS * 3);

/// If `args` are a jailed decoder's command line, becomes that decoder and never
/// returns. Called first thing in `main`, before any setting or secret is read.
pub fn run_child_if_asked() {
    let mut args = std::env::args_os().skip(1);
    if args.next().is_some_and(|a| a == WORKER_ARG)
        && let Some(parent) = args.next().and_then(|p| p.to_str()?.parse().ok())
        && args.next().is_none()
    {
        child::run(parent);
    }
}

/// Why a file gave no picture.
pub enum Refusal {
    /// The file broke a rule, or the decoder died on it (exit 4).
    Rejected(Rejection),
    /// No decoder could be started at all (exit 1): not the file's fault.
    Unavailable(String),
}

/// The protections a jailed child reported, for `doctor` and `-v`.
pub type Protections = Hello;

/// Starts jailed children, one per file, keeping `spares` started ahead.
pub struct Jail {
    spares: Arc<Mutex<Vec<Worker>>>,
    wanted: usize,
}

impl Jail {
    /// A jail that keeps `spares` children ready: one for a single upload (started
    /// while the file is read), one per core for a bulk run.
    pub fn new(spares: usize) -> Jail {
        Jail {
            spares: Arc::new(Mutex::new(Vec::new())),
            wanted: spares,
        }
    }

    /// Starts the spares in the background, so that their start-up overlaps whatever
    /// the caller does next (reading the file, opening the database).
    pub fn warm(&self) {
        let (spares, wanted) = (Arc::clone(&self.spares), self.wanted);
        drop(tokio::task::spawn_blocking(move || fill(&spares, wanted)));
    }

    /// Decodes and normalises one file in a fresh jailed child. The caller has walked
    /// the container already (`picture::inspect`, which also counted its `frames`); the
    /// child walks it again, decodes, resizes, encodes, and the parent checks what came
    /// back.
    pub async fn process(
        &self,
        bytes: Arc<Vec<u8>>,
        name: &str,
        options: &Options,
        frames: u32,
    ) -> Result<Processed, Refusal> {
        let job = Job {
            name: name.to_owned(),
            options: options.clone(),
        };
        let max_output = output_bound(options, frames);
        let pid = Arc::new(AtomicU32::new(0));
        let (spares, wanted, shown) = (Arc::clone(&self.spares), self.wanted, Arc::clone(&pid));
        let mut task = tokio::task::spawn_blocking(move || {
            let spare = spares.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let mut worker = match spare {
                Some(worker) => worker,
                None => Worker::spawn()?,
            };
            shown.store(worker.pid(), Ordering::Relaxed);
            let reply = worker.send(&job, &bytes).and_then(|hello| {
                // The next file's child starts while this one decodes.
                fill(&spares, wanted);
                worker.receive(hello, max_output)
            });
            Ok((worker, reply))
        });
        let waited = tokio::time::timeout(WALL_TIME, &mut task).await;
        let timed_out = waited.is_err();
        if timed_out {
            kill(pid.load(Ordering::Relaxed));
        }
        let (worker, reply) = match waited {
            Ok(joined) => joined,
            Err(_) => task.await,
        }
        .map_err(|e| Refusal::Unavailable(e.to_string()))?
        .map_err(|e: std::io::Error| {
            Refusal::Unavailable(format!("cannot start the decoder: {e}"))
        })?;
        let reply = match reply {
            Ok(reply) if !timed_out => reply,
            answered => {
                let error = answered
                    .err()
                    .unwrap_or_else(|| std::io::Error::other("it answered too late"));
                let ended = tokio::task::spawn_blocking(move || worker.death())
                    .await
                    .map_err(|e| Refusal::Unavailable(e.to_string()))?;
                if timed_out {
                    return Err(Refusal::Rejected(Rejection::new(
                        Rule::DecoderLimit,
                        format!(
                            "{name}: the decoder took longer than {} s and was stopped",
                            WALL_TIME.as_secs()
                        ),
                    )));
                }
                return Err(Refusal::Rejected(verdict(name, &ended, &error)));
            }
        };
        let status = tokio::task::spawn_blocking(move || worker.finish())
            .await
            .map_err(|e| Refusal::Unavailable(e.to_string()))?
            .map_err(|e| Refusal::Unavailable(e.to_string()))?;
        if !status.success() {
            let e = std::io::Error::other("it answered, then did not exit cleanly");
            let ended = worker::Ended {
                status,
                killed: false,
                said: String::new(),
            };
            return Err(Refusal::Rejected(verdict(name, &ended, &e)));
        }
        tracing::debug!(target: "pfp::jail", "decoder protections: {:?}", reply.hello);
        accept(name, options, reply).map_err(Refusal::Rejected)
    }

    /// Starts one child, reads what protections it reports, and ends it: `doctor`'s
    /// check of the jail.
    pub fn probe() -> std::io::Result<Protections> {
        let mut worker = Worker::spawn()?;
        let hello = worker.hello();
        worker.retire();
        hello
    }
}

impl Drop for Jail {
    /// Spares are ended and waited for: pfp leaves no child behind, and the CPU and
    /// memory its children used count in pfp's own (wait4's) figures.
    fn drop(&mut self) {
        let spares = std::mem::take(&mut *self.spares.lock().unwrap_or_else(|e| e.into_inner()));
        for spare in spares {
            spare.retire();
        }
    }
}

/// Keeps `wanted` children started ahead.
fn fill(spares: &Mutex<Vec<Worker>>, wanted: usize) {
    while spares.lock().unwrap_or_else(|e| e.into_inner()).len() < wanted {
        match Worker::spawn() {
            Ok(worker) => spares
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(worker),
            Err(e) => {
                tracing::debug!(target: "pfp::jail", "cannot start a spare decoder: {e}");
                break;
            }
        }
    }
}

fn kill(pid: u32) {
    if let Ok(pid) = libc::pid_t::try_from(pid)
        && pid > 0
    {
        // SAFETY: kill sends a signal; the child has not been waited for (the blocking
        // task that owns it is still running), so the pid is still that child's.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
}

/// The most bytes an honest child can send back for `options` and an input of `frames`
/// frames (as the parent's own walk counted them): every rendition at four bytes a
/// pixel, times the frames, plus headers.
fn output_bound(options: &Options, frames: u32) -> u64 {
    let frames = u64::from(frames.clamp(1, options.limits.max_frames.max(1)));
    options
        .all_sizes()
        .iter()
        .map(|&s| u64::from(s) * u64::from(s) * 4 * frames + (64 << 10))
        .sum::<u64>()
        .min(1 << 30)
}

/// Whether an encoded picture ends where its format says a file ends (the container walk
/// checks the structure, not that nothing was cut off): JPEG's EOI, PNG's IEND, GIF's
/// trailer, WebP's RIFF length.
fn complete(format: InputFormat, bytes: &[u8]) -> bool {
    match format {
        InputFormat::Jpeg => bytes.ends_with(&[0xFF, 0xD9]),
        InputFormat::Png => {
            bytes.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82])
        }
        InputFormat::Gif => bytes.ends_with(&[0x3B]),
        InputFormat::WebP => bytes
            .get(4..8)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
            .is_some_and(|riff| u64::from(riff) + 8 == bytes.len() as u64),
        InputFormat::Heic => false,
    }
}

/// What a child's death says about its file.
fn verdict(name: &str, ended: &worker::Ended, error: &std::io::Error) -> Rejection {
    use std::os::unix::process::ExitStatusExt as _;
    let (status, said) = (ended.status, ended.said.as_str());
    let signal = if ended.killed { None } else { status.signal() };
    let (rule, why) = match signal {
        Some(libc::SIGSYS) => (
            Rule::DecoderCrashed,
            "made a system call the jail forbids (opening a file, a network connection, \
             starting a process) and was stopped"
                .to_owned(),
        ),
        Some(libc::SIGXCPU) | Some(libc::SIGKILL) => (
            Rule::DecoderLimit,
            format!("used more than its {CPU_SECONDS} s of CPU time and was stopped"),
        ),
        Some(libc::SIGABRT) if said.contains("memory allocation of") => (
            Rule::DecoderLimit,
            format!(
                "needed more than its {} MiB of memory and was stopped",
                MEMORY_BUDGET >> 20
            ),
        ),
        Some(signal) => (Rule::DecoderCrashed, format!("crashed (signal {signal})")),
        None => (
            Rule::DecoderCrashed,
            format!("gave no usable answer ({error}; {status})"),
        ),
    };
    Rejection::new(rule, format!("{name}: the decoder {why}"))
}

/// Turns a child's answer into a [`Processed`] after checking every rendition anew:
/// the child may have been compromised by this very file, and may then lie about
/// anything it sends.
fn accept(name: &str, options: &Options, reply: worker::Reply) -> Result<Processed, Rejection> {
    let (input, actions, warnings, format, main, heads) = match reply.answer {
        Answer::Rejected { rule, message } => {
            let rule = Rule::from_key(&rule).unwrap_or(Rule::Corrupt);
            return Err(Rejection::new(rule, message));
        }
        Answer::Accepted {
            input,
            actions,
            warnings,
            format,
            main,
            renditions,
        } => (input, actions, warnings, format, main, renditions),
    };
    let bad = |what: String| {
        Rejection::new(
            Rule::DecoderCrashed,
            format!("{name}: the decoder's output failed the check: {what}"),
        )
    };
    let sizes = options.all_sizes();
    if heads.len() != sizes.len() || main >= heads.len() {
        return Err(bad(format!(
            "{} renditions where {} were asked for",
            heads.len(),
            sizes.len()
        )));
    }
    let expected = match format {
        OutputFormat::Jpeg => InputFormat::Jpeg,
        OutputFormat::Png => InputFormat::Png,
        OutputFormat::Gif => InputFormat::Gif,
        OutputFormat::WebP | OutputFormat::WebPLossless => InputFormat::WebP,
    };
    let walk = Options {
        formats: vec![expected],
        limits: crate::picture::Limits {
            max_bytes: u64::MAX,
            ..options.limits
        },
        ..options.clone()
    };
    let mut renditions = Vec::with_capacity(heads.len());
    for ((head, bytes), &size) in heads.into_iter().zip(reply.blobs).zip(&sizes) {
        if !complete(expected, &bytes) {
            return Err(bad(format!(
                "a {} rendition of {} bytes that does not end as one must",
                expected.name(),
                bytes.len()
            )));
        }
        let found = picture::inspect(&bytes, name, &walk).map_err(|r| bad(r.message))?;
        let found = found.input();
        // Never larger than asked, nor than the input (pfp does not upscale; the EXIF
        // orientation may have turned it, hence the longer side).
        let longest = found.width.max(found.height);
        if found.format != expected
            || (found.width, found.height) != (head.width, head.height)
            || head.size != size
            || longest > size
            || longest > input.width.max(input.height).max(1)
        {
            return Err(bad(format!(
                "a {} of {}x{} said to be a {} of {}x{} for size {size}",
                found.format.name(),
                found.width,
                found.height,
                expected.name(),
                head.width,
                head.height
            )));
        }
        renditions.push(Rendition {
            size: head.size,
            width: head.width,
            height: head.height,
            sha256: picture::sha256_hex(&bytes),
            bytes,
        });
    }
    Ok(Processed {
        input,
        actions,
        warnings,
        picture: Picture {
            format,
            renditions,
            main,
        },
    })
}
