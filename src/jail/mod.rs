//! The decoder jail: every decode of a stranger's picture runs in a process that holds
//! no secret and can reach nothing, one process per file.
//!
//! pfp starts a decoder in a hidden mode, with an empty environment and only its
//! standard descriptors (a socket in, a pipe out): the zygote (`child.rs`). It runs
//! `pfp-decoder`, the jail and the decoders alone, from pfp's folder, or pfp's own
//! program where that is missing, unsafe to run or of another build
//! (`worker::program`). Before it reads anything it closes every other descriptor,
//! limits itself (no file writes, no core dumps, six descriptors), asks to die with
//! pfp, sets `PR_SET_NO_NEW_PRIVS` and installs a seccomp-bpf allow-list. For each file
//! it forks a child, which limits its address space to the memory budget and its CPU
//! time, installs a stricter allow-list on top (write its answer, memory that is never
//! executable, futex, clocks, exit), and only then looks at the file. The parent walks
//! the file's container first (so a refused file costs milliseconds and no process),
//! hands the file (a sealed memfd: `handoff.rs`), the options and what the walk found
//! to the zygote, bounds what comes back, and checks every rendition again (format
//! sniffed, container walked, ends as its format must, dimensions and hash taken anew)
//! before anything is stored. A child that dies is a verdict on its file:
//! `decoder_crashed` (a forbidden system call, a crash, a garbled or spoiled answer) or
//! `decoder_limit` (memory, CPU time, the wall clock).
//!
//! One child per file rather than long-lived decoders: a child that a file exploited
//! would otherwise decode the next users' pictures too. Forking it from an idle zygote
//! rather than starting pfp again for each file is what keeps the jail cheap (see
//! `child.rs` for the measurements); README, "The decoder jail", has the costs.

pub mod child;
#[cfg(debug_assertions)]
mod evil;
#[cfg(target_os = "linux")]
mod filter;
mod handoff;
mod placement;
pub mod wire;
mod worker;

/// The seccomp filter every jailed child installs on itself before it reads its file,
/// compiled once. Public for `examples/fork-floor`, which measures what installing it
/// adds to the life of a process (README, "The decoder jail's cost"); the jail itself
/// goes through `child.rs`.
#[cfg(target_os = "linux")]
#[doc(hidden)]
pub struct ChildSeccomp(seccompiler::BpfProgram);

#[cfg(target_os = "linux")]
impl ChildSeccomp {
    pub fn compile() -> Result<ChildSeccomp, String> {
        filter::program().map(ChildSeccomp)
    }

    /// Installs the zygote's two filters on the calling process, as the zygote does
    /// before it reads a job (the caller has set `PR_SET_NO_NEW_PRIVS`): a child's filter
    /// goes on top of them, and the kernel's per-filter cache of always-allowed calls is
    /// built only for what they allow.
    pub fn confine_as_zygote() -> Result<(), String> {
        filter::install_zygote()
    }

    /// Installs the filter on the calling process, on top of any it has (the caller has
    /// set `PR_SET_NO_NEW_PRIVS`, as the zygote does).
    pub fn install(&self) -> Result<(), String> {
        filter::install_child(&self.0)
    }
}

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::picture::{
    self, InputFormat, Inspected, Options, OutputFormat, Picture, Processed, Rejection, Rendition,
    Rule,
};
use crate::values::Image;
use placement::Placement;
use wire::{Answer, Hello, Job, Outcome};
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

/// This build's name (a hash of its sources, manifest, lock file, features and profile:
/// `build.rs`). pfp gives it to each zygote it starts, and a zygote says it back.
pub const BUILD_ID: &str = env!("PFP_BUILD_ID");

/// The program of the decoder alone (`src/bin/pfp-decoder.rs`), which pfp runs from
/// beside itself where it is installed (`worker.rs`).
pub const DECODER_PROGRAM: &str = "pfp-decoder";

/// Set by [`run_decoder`]: this process is `pfp-decoder`, not `pfp`.
static LEAN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The exit code of a zygote that can neither serve its parent's build nor become it.
pub const OTHER_BUILD: i32 = 95;

/// `pfp-decoder`'s `main`: the jailed decoder's command line makes it a zygote, which
/// never returns; anything else is a usage error.
pub fn run_decoder() -> ! {
    crate::return_large_buffers_to_the_system();
    LEAN.store(true, Ordering::Relaxed);
    run_child_if_asked();
    eprintln!("{DECODER_PROGRAM}: pfp's jailed decoder, started by pfp; not a command to run");
    std::process::exit(2)
}

/// If `args` are a jailed decoder's command line (the hidden argument, pfp's pid and its
/// [`BUILD_ID`]), becomes that decoder and never returns. Called first thing in `main`,
/// before any setting or secret is read.
pub fn run_child_if_asked() {
    let mut args = std::env::args_os().skip(1);
    if args.next().is_some_and(|a| a == WORKER_ARG)
        && let Some(parent) = args.next().and_then(|p| p.to_str()?.parse().ok())
        && let Some(build) = args.next()
        && args.next().is_none()
    {
        if build != BUILD_ID {
            become_the_parents_program(parent, &build);
        }
        child::run(parent);
    }
}

/// A `pfp-decoder` of another build than the pfp that started it (pfp upgraded while it
/// ran, or two builds' files in one folder) would misread its jobs: it runs pfp's own
/// program instead, in the same mode, which always matches. Before any confinement (an
/// `exec` is forbidden after it), with nothing read but the command line.
fn become_the_parents_program(parent: u32, build: &std::ffi::OsStr) -> ! {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt as _;
        use std::os::unix::process::CommandExt as _;
        let program = format!("/proc/{parent}/exe");
        let same_file =
            |a: &std::fs::Metadata, b: &std::fs::Metadata| (a.dev(), a.ino()) == (b.dev(), b.ino());
        // Only the parent's program, and only if this is not it already (a pid reused
        // under a dead pfp): never a loop of programs.
        if std::os::unix::process::parent_id() == parent
            && let (Ok(theirs), Ok(ours)) = (
                std::fs::metadata(&program),
                std::fs::metadata("/proc/self/exe"),
            )
            && !same_file(&theirs, &ours)
        {
            let err = std::process::Command::new(&program)
                .arg0("pfp")
                .arg(WORKER_ARG)
                .arg(parent.to_string())
                .arg(build)
                .exec();
            drop(err);
        }
    }
    let _ = (parent, build);
    // SAFETY: _exit ends the process at once; nothing is left to flush.
    unsafe { libc::_exit(OTHER_BUILD) }
}

/// A zygote started first thing in `main`, for a command that decodes a file it was
/// given: its exec and start-up (a few milliseconds) then overlap pfp's own start
/// (settings, the runtime, the database) instead of following it. Started before any
/// setting or secret is read, like every zygote with an empty environment; the first
/// file a [`Jail`] decodes takes it, and only then waits for its `posix_spawn`.
static EARLY: Mutex<Option<worker::Pending>> = Mutex::new(None);

/// Starts the early zygote (see `EARLY`) from the calling thread, `main`'s (which
/// lives as long as pfp); a failure is left for the decode to meet.
pub fn start_early() {
    *EARLY.lock().unwrap_or_else(|e| e.into_inner()) = Some(Worker::start_here());
}

/// The early zygote, if one was asked for and has started.
fn take_early() -> Option<Worker> {
    let pending = EARLY.lock().unwrap_or_else(|e| e.into_inner()).take()?;
    pending
        .wait()
        .inspect_err(|e| tracing::debug!(target: "pfp::jail", "cannot start a decoder early: {e}"))
        .ok()
}

/// Ends the early zygote if no command took it (one that failed before decoding), and
/// waits for it and for every zygote a [`Jail`] let go of: pfp leaves no process behind,
/// and what they used counts in its own (wait4's) figures. Called as `main` ends.
pub fn end_early() {
    if let Some(worker) = take_early() {
        // An idle zygote holds nothing: it need not finish its start-up to be ended.
        worker.end(true);
    }
    let closing = std::mem::take(&mut *CLOSING.lock().unwrap_or_else(|e| e.into_inner()));
    for mut zygote in closing {
        let _ = zygote.wait();
    }
}

/// Zygotes asked to end and not yet waited for (see [`Jail`]'s `Drop`).
static CLOSING: Mutex<Vec<std::process::Child>> = Mutex::new(Vec::new());

/// Why a file gave no picture.
pub enum Refusal {
    /// The file broke a rule, or the decoder died on it (exit 4).
    Rejected(Rejection),
    /// No decoder could be started at all, or it could not confine itself (exit 1):
    /// not the file's fault.
    Unavailable(String),
    /// The machine's limits stopped the decoder: no process, pipe or descriptor to be
    /// had (`ulimit -u`, `-n`), or too little address space for it to start (`ulimit
    /// -v`). Exit 5: not the file's fault, nor a bug.
    Starved(String),
}

/// The protections a zygote reported, for `doctor` and `-v`.
pub type Protections = Hello;

/// A pool of zygotes, each forking one child per file; as many as files are decoded at
/// once (one per core for a bulk run, one for a single file).
pub struct Jail {
    idle: Arc<Mutex<Vec<Worker>>>,
    wanted: usize,
    /// The CPUs the zygotes are pinned to, when the pool covers them all
    /// (`placement.rs`).
    placement: Option<Arc<Placement>>,
}

impl Jail {
    pub fn new(zygotes: usize) -> Jail {
        Jail {
            idle: Arc::new(Mutex::new(Vec::new())),
            wanted: zygotes,
            placement: Placement::plan(zygotes).map(Arc::new),
        }
    }

    /// Starts a zygote for this pool, pinned to its CPU if the pool is pinned.
    fn spawn(placement: Option<&Placement>) -> std::io::Result<Worker> {
        let mut worker = Worker::spawn()?;
        worker.cpu = placement.and_then(|p| p.pin(worker.pid()));
        Ok(worker)
    }

    /// A zygote for the next file: an idle one of this pool, else the early one (its
    /// spawn waited for only now), else a new one.
    fn ready(idle: &Mutex<Vec<Worker>>, placement: Option<&Placement>) -> std::io::Result<Worker> {
        if let Some(worker) = idle.lock().unwrap_or_else(|e| e.into_inner()).pop() {
            return Ok(worker);
        }
        match take_early() {
            Some(worker) => Ok(worker),
            None => Jail::spawn(placement),
        }
    }

    /// Ends a zygote that failed or timed out, and frees its place on its CPU.
    fn end(placement: Option<&Placement>, mut worker: Worker) {
        if let (Some(placement), Some(cpu)) = (placement, worker.cpu.take()) {
            placement.leave(cpu);
        }
        worker.end(true);
    }

    /// Starts the zygotes now: the call returns once each is `exec`ed (posix_spawn),
    /// and its start-up and confinement (a few milliseconds) overlap whatever the caller
    /// does next (reading the file, opening the database); the first file waits for
    /// its hello only if it comes sooner. The early zygote ([`start_early`]), if there
    /// is one, counts as one of them and is not waited for here: its `posix_spawn` runs
    /// on the spawner thread while the caller reads the file, and the first file takes
    /// it (`Jail::ready`). (Waiting for it here held a single upload's read of its
    /// file back by 0-2.5 ms, 1 ms in a median run.)
    pub fn warm(&self) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        let early = usize::from(EARLY.lock().unwrap_or_else(|e| e.into_inner()).is_some());
        while idle.len() + early < self.wanted {
            match Jail::spawn(self.placement.as_deref()) {
                Ok(worker) => idle.push(worker),
                Err(e) => {
                    tracing::debug!(target: "pfp::jail", "cannot start a decoder: {e}");
                    break;
                }
            }
        }
    }

    /// Decodes and normalises one file in a fresh jailed child. The caller has walked
    /// the container already (`picture::inspect`): the child is handed what the walk
    /// found (it has the very bytes walked, sealed: `handoff.rs`), decodes, resizes,
    /// encodes, and the parent checks what came back.
    pub async fn process(
        &self,
        bytes: Arc<Image>,
        name: &str,
        options: &Options,
        inspected: Inspected,
    ) -> Result<Processed, Refusal> {
        let (input, warnings) = inspected
            .findings(&bytes, name, options)
            .map_err(Refusal::Rejected)?;
        let max_output = output_bound(options, input.frames);
        let job = Job {
            name: name.to_owned(),
            len: bytes.len() as u64,
            options: options.clone(),
            input,
            warnings,
        };
        let pid = Arc::new(AtomicU32::new(0));
        let (idle, shown) = (Arc::clone(&self.idle), Arc::clone(&pid));
        let placement = self.placement.clone();
        let held = Arc::clone(&bytes);
        let mut task = tokio::task::spawn_blocking(move || {
            let mut worker = Jail::ready(&idle, placement.as_deref())?;
            shown.store(worker.pid(), Ordering::Relaxed);
            let result = worker
                .run(&job, &bytes, max_output)
                .and_then(|done| Ok((worker.hello()?, done)));
            Ok::<_, std::io::Error>((worker, result))
        });
        let waited = until_done_or_stuck(&mut task, &pid).await;
        let timed_out = waited.is_none();
        if timed_out {
            // The zygote's death takes the file's child with it (PR_SET_PDEATHSIG).
            kill(pid.load(Ordering::Relaxed));
        }
        let (worker, result) = match waited {
            Some(joined) => joined,
            None => task.await,
        }
        .map_err(|e| Refusal::Unavailable(e.to_string()))?
        .map_err(|e| {
            let message = format!("cannot start the decoder: {e}");
            if crate::error::out_of_resources(&e) {
                Refusal::Starved(message)
            } else {
                Refusal::Unavailable(message)
            }
        })?;
        let (hello, (outcome, written)) = match result {
            Ok(done) if !timed_out => done,
            failed => {
                // The child may outlive the zygote's end for a moment: its file's memfd
                // is not lent to another file.
                held.retire();
                let placement = self.placement.clone();
                tokio::task::spawn_blocking(move || Jail::end(placement.as_deref(), worker))
                    .await
                    .map_err(|e| Refusal::Unavailable(e.to_string()))?;
                if timed_out {
                    return Err(Refusal::Rejected(Rejection::new(
                        Rule::DecoderLimit,
                        format!(
                            "{name}: the decoder took longer than {} s, waiting rather than computing, \
                             and was stopped",
                            WALL_TIME.as_secs()
                        ),
                    )));
                }
                let failed = failed.err();
                if let Some(not_started) = failed
                    .as_ref()
                    .and_then(|e| e.get_ref())
                    .and_then(|e| e.downcast_ref::<worker::NotStarted>())
                {
                    return Err(Refusal::Starved(format!(
                        "the decoder could not start: {not_started}"
                    )));
                }
                let why = failed.map_or_else(String::new, |e| e.to_string());
                return Err(Refusal::Rejected(Rejection::new(
                    Rule::DecoderCrashed,
                    format!("{name}: the decoder's process failed ({why}) and was stopped"),
                )));
            }
        };
        self.idle
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(worker);
        tracing::debug!(target: "pfp::jail", "decoder protections: {hello:?}");
        let answer = verdict(name, &outcome, &written, &hello)?;
        accept(name, options, answer).map_err(Refusal::Rejected)
    }

    /// Starts one zygote, reads what protections it reports, and ends it: `doctor`'s
    /// check of the jail.
    pub fn probe() -> std::io::Result<Protections> {
        let mut worker = Worker::spawn()?;
        let hello = worker.hello();
        worker.end(false);
        hello
    }
}

impl Drop for Jail {
    /// Idle zygotes are asked to end, and waited for by [`end_early`] as `main` ends, not
    /// here: a single upload's requests need not wait for its zygote's exit (about a
    /// millisecond). Those that have ended meanwhile are reaped now, so a program that
    /// makes many jails keeps no zombies.
    fn drop(&mut self) {
        let idle = std::mem::take(&mut *self.idle.lock().unwrap_or_else(|e| e.into_inner()));
        let mut closing = CLOSING.lock().unwrap_or_else(|e| e.into_inner());
        closing.retain_mut(|zygote| !matches!(zygote.try_wait(), Ok(Some(_))));
        closing.extend(idle.into_iter().map(Worker::close));
    }
}

/// Waits for a file's task. When [`WALL_TIME`] runs out while the file's child is still
/// computing (it used at least a tenth of that time in CPU meanwhile) the child gets
/// another period: its CPU limit ends a spin, and a busy machine does not turn a slow
/// decode into a refusal. A child that is blocked (waiting for what never comes), or
/// starved below a tenth of a core, is out of time: `None`, and the caller kills it.
/// Each extra period costs the child `WALL_TIME / 10` of its `CPU_SECONDS + 1` (the
/// hard limit), so the wait is bounded: at most `WALL_TIME * (1 + 10 * (CPU_SECONDS + 1)
/// / WALL_TIME)`, 62 s in a release build.
async fn until_done_or_stuck<T>(
    task: &mut tokio::task::JoinHandle<T>,
    zygote: &AtomicU32,
) -> Option<Result<T, tokio::task::JoinError>> {
    let mut used = Duration::ZERO;
    loop {
        if let Ok(joined) = tokio::time::timeout(WALL_TIME, &mut *task).await {
            return Some(joined);
        }
        match children_cpu(zygote.load(Ordering::Relaxed)) {
            Some(now) if now >= used + WALL_TIME / 10 => used = now,
            _ => return None,
        }
    }
}

/// The CPU time the children of the zygote `pid` have used (its child decoding a file),
/// from `/proc`; `None` where that cannot be read (then the wall clock is final).
#[cfg(target_os = "linux")]
fn children_cpu(pid: u32) -> Option<Duration> {
    if pid == 0 {
        return None;
    }
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok()?;
    // SAFETY: sysconf only reads a constant of the system.
    let hz = u64::try_from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) })
        .ok()
        .filter(|&hz| hz > 0)?;
    let mut ticks = 0;
    for child in children.split_whitespace() {
        let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).ok()?;
        // After the command's name in parentheses: state is field 3, utime 14, stime 15.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        ticks += fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    }
    Some(Duration::from_millis(ticks * 1000 / hz))
}

#[cfg(not(target_os = "linux"))]
fn children_cpu(_pid: u32) -> Option<Duration> {
    None
}

fn kill(pid: u32) {
    if let Ok(pid) = libc::pid_t::try_from(pid)
        && pid > 0
    {
        // SAFETY: kill sends a signal; the zygote has not been waited for (the blocking
        // task that owns it is still running), so the pid is still that zygote's.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
}

/// The most bytes an honest child can send back for `options` and an input of `frames`
/// frames (as the parent's own walk counted them): every rendition at four bytes a
/// pixel, times the frames, plus headers.
pub(crate) fn output_bound(options: &Options, frames: u32) -> u64 {
    let frames = u64::from(frames.clamp(1, options.limits.max_frames.max(1)));
    options
        .all_sizes()
        .iter()
        .map(|&s| u64::from(s) * u64::from(s) * 4 * frames + (64 << 10))
        .sum::<u64>()
        .min(1 << 30)
}

/// What the child's end says about its file: its answer when it exited cleanly and
/// answered in form, else the rule its death broke.
fn verdict(
    name: &str,
    outcome: &Outcome,
    written: &[u8],
    limits: &Protections,
) -> Result<Parsed, Refusal> {
    // The limits the child had: the budget, or an operator's stricter ulimit.
    let memory = match limits.memory_limit {
        0 => MEMORY_BUDGET,
        set => set,
    };
    let lowered = |value: u64, budget: u64| {
        if value < budget {
            " (lowered by the ulimit pfp was started with)"
        } else {
            ""
        }
    };
    let rejected = |rule: Rule, why: String| {
        Err(Refusal::Rejected(Rejection::new(
            rule,
            format!("{name}: the decoder {why}"),
        )))
    };
    if let Some(failed) = &outcome.failed {
        return Err(Refusal::Starved(format!("the decoder failed: {failed}")));
    }
    if outcome.oversize {
        return rejected(
            Rule::DecoderCrashed,
            "sent more than a picture of this size can be, and was stopped".into(),
        );
    }
    if outcome.finished {
        return parse(written)
            .or_else(|e| rejected(Rule::DecoderCrashed, format!("gave no usable answer ({e})")));
    }
    // What a dying child printed last (read only for a child that died: an answer is
    // binary, and this ran on every file of an import).
    let said = || String::from_utf8_lossy(&written[..written.len().min(4096)]);
    match (outcome.exit, outcome.signal) {
        // The allocator's message, then abort(), whose SIGABRT the child's filter
        // turns into SIGSYS (it may send no signal, not even to itself).
        (_, Some(_)) if said().contains("memory allocation of") => rejected(
            Rule::DecoderLimit,
            format!(
                "needed more than its {} MiB of memory{} and was stopped",
                memory >> 20,
                lowered(memory, MEMORY_BUDGET)
            ),
        ),
        // A panic where it cannot unwind (inside a decoder's C-ABI function: rav1d 1.1
        // panics in its error path on any AV1 data it cannot decode) aborts, which the
        // filter turns into SIGSYS, with the runtime's words before it. A panic is a
        // checked failure, not a wild one: the same verdict as the panics the pipeline
        // catches (`corrupt`), since malformed data is what causes it.
        (_, Some(_)) if said().contains("non-unwinding panic") => rejected(
            Rule::Corrupt,
            "failed on this data (malformed image; a panic it could not recover from)".into(),
        ),
        (_, Some(libc::SIGSYS)) => rejected(
            Rule::DecoderCrashed,
            "made a system call the jail forbids (a network connection, starting a process, \
             reading another process) and was stopped"
                .into(),
        ),
        (_, Some(libc::SIGXCPU | libc::SIGKILL)) => rejected(
            Rule::DecoderLimit,
            format!(
                "used more than its {} s of CPU time{} and was stopped",
                limits.cpu_limit,
                lowered(limits.cpu_limit, CPU_SECONDS)
            ),
        ),
        (_, Some(signal)) => rejected(Rule::DecoderCrashed, format!("crashed (signal {signal})")),
        (Some(child::NO_INPUT), _) => Err(Refusal::Unavailable(
            "the decoder could not map the file it was handed".into(),
        )),
        (Some(child::UNCONFINED), _) => Err(Refusal::Unavailable(
            "the decoder could not confine itself (its limits or its seccomp filter)".into(),
        )),
        (Some(0), _) => parse(written)
            .or_else(|e| rejected(Rule::DecoderCrashed, format!("gave no usable answer ({e})"))),
        (code, _) => rejected(
            Rule::DecoderCrashed,
            format!("gave no usable answer (exit {})", code.unwrap_or(-1)),
        ),
    }
}

/// A child's answer and the renditions' bytes.
struct Parsed {
    answer: Answer,
    blobs: Vec<Vec<u8>>,
}

fn parse(written: &[u8]) -> std::io::Result<Parsed> {
    let mut r = written;
    let answer: Answer =
        wire::read_header(&mut r)?.ok_or_else(|| std::io::Error::other("nothing was written"))?;
    let mut blobs = Vec::new();
    if let Answer::Accepted { renditions, .. } = &answer {
        if renditions.len() > 64 {
            return Err(std::io::Error::other("too many renditions"));
        }
        for head in renditions {
            blobs.push(wire::read_exactly(&mut r, head.len)?);
        }
    }
    if !r.is_empty() {
        return Err(std::io::Error::other(format!(
            "{} bytes after the answer",
            r.len()
        )));
    }
    Ok(Parsed { answer, blobs })
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
        InputFormat::Heic | InputFormat::Avif => false,
    }
}

/// Turns a child's answer into a [`Processed`] after checking every rendition anew:
/// the child may have been compromised by this very file, and may then lie about
/// anything it sends.
fn accept(name: &str, options: &Options, reply: Parsed) -> Result<Processed, Rejection> {
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
