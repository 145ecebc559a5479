//! The parent's side of one zygote: start it (from one long-lived thread, so that
//! `PR_SET_PDEATHSIG` ties it to a thread that lives as long as pfp), hand it files one
//! at a time, and read back, within bounds, how each file's child ended and what it
//! wrote.

use std::io::{BufReader, Write};
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};

use super::wire::{self, Hello, Job, Outcome};
use super::{WORKER_ARG, handoff};

/// A started zygote.
pub struct Worker {
    child: Child,
    /// The zygote's stdin: a socket, so that a file's descriptor can go with its job.
    stdin: UnixStream,
    stdout: BufReader<ChildStdout>,
    hello: Option<Hello>,
    /// The CPU it is pinned to, if its pool is (`placement.rs`).
    pub cpu: Option<usize>,
}

type SpawnReply = mpsc::Sender<std::io::Result<(Child, UnixStream)>>;

/// The one thread that starts zygotes: a child's `PR_SET_PDEATHSIG` fires when the
/// thread that started it ends, and tokio's blocking threads end after a few idle
/// seconds.
fn spawner() -> &'static Mutex<mpsc::Sender<SpawnReply>> {
    static SPAWNER: OnceLock<Mutex<mpsc::Sender<SpawnReply>>> = OnceLock::new();
    SPAWNER.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<SpawnReply>();
        std::thread::Builder::new()
            .name("pfp-jail-spawner".into())
            .spawn(move || {
                for reply in rx {
                    let _ = reply.send(start());
                }
            })
            .expect("starting the jail's spawner thread");
        Mutex::new(tx)
    })
}

/// Starts a zygote with a socket for its stdin; returns it and the parent's end. Where
/// `pfp-decoder` cannot be started (a folder mounted `noexec`, a file pfp may not run),
/// pfp's own program is.
fn start() -> std::io::Result<(Child, UnixStream)> {
    let (ours, theirs) = UnixStream::pair()?;
    let spawn = |program: &Path| -> std::io::Result<Child> {
        command(program)
            .stdin(Stdio::from(std::os::fd::OwnedFd::from(theirs.try_clone()?)))
            .spawn()
    };
    let child = match spawn(program()) {
        Err(e) if program() != own_program() => {
            tracing::debug!(target: "pfp::jail", "cannot start {}: {e}; the zygote runs pfp's own program", program().display());
            spawn(&own_program())
        }
        started => started,
    }?;
    Ok((child, ours))
}

/// The jailed decoder ([`program`]) in its hidden mode: an empty environment (no MINIO_*,
/// AWS_*, PG*, no config file path), nothing but a socket for its jobs and a pipe for its
/// answers (stderr goes to /dev/null: the zygote forwards what each child prints). No
/// `pre_exec` hook, so the standard library can use posix_spawn; the zygote confines
/// itself before it reads anything.
///
/// In a process group of its own (posix_spawn's `POSIX_SPAWN_SETPGROUP`): a terminal
/// sends Ctrl-C, its quit key and a hang-up to its whole foreground group, and in pfp's
/// group they would kill the zygote and the decode in flight, so that `import`, which
/// finishes the files in flight on Ctrl-C, rejected them as `decoder_crashed`. The
/// zygote still dies with pfp (`PR_SET_PDEATHSIG`), and Ctrl-Z stops pfp, which then
/// hands out no work.
fn command(program: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .process_group(0)
        .arg0("pfp")
        .arg(WORKER_ARG)
        .arg(std::process::id().to_string())
        .arg(super::BUILD_ID)
        .env_clear()
        .current_dir("/")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

/// What a zygote runs: `pfp-decoder` from pfp's own folder where it is there and safe
/// to run (see [`safe_beside`]), else pfp's own program. Chosen once per run.
pub fn program() -> &'static Path {
    static PROGRAM: OnceLock<PathBuf> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        std::env::current_exe()
            .ok()
            .and_then(|own| safe_beside(&own))
            .unwrap_or_else(own_program)
    })
}

/// The program pfp itself runs: the file it was started from even if it has been
/// replaced or deleted since (an upgrade while pfp runs).
fn own_program() -> PathBuf {
    #[cfg(target_os = "linux")]
    return PathBuf::from("/proc/self/exe");
    #[cfg(not(target_os = "linux"))]
    std::env::current_exe().unwrap_or_else(|_| "pfp".into())
}

/// `pfp-decoder` in the folder of `own` (pfp's program), if it is a regular file that
/// pfp may run, owned by pfp's owner or root, writable by no one else, in a folder where
/// others cannot replace it: in a shared folder such as /tmp anyone may put a file of
/// that name beside pfp, and pfp must not run it. (Its build is checked as it starts:
/// `jail::run_child_if_asked`.)
fn safe_beside(own: &Path) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt as _;
    use std::os::unix::fs::MetadataExt as _;
    let decoder = own.with_file_name(super::DECODER_PROGRAM);
    let folder = std::fs::metadata(decoder.parent()?).ok()?;
    if folder.mode() & 0o002 != 0 && folder.mode() & 0o1000 == 0 {
        // Anyone may replace any file in it, between this check and the exec.
        return None;
    }
    let ours = std::fs::metadata(own).ok()?;
    let theirs = std::fs::metadata(&decoder).ok()?;
    let path = std::ffi::CString::new(decoder.as_os_str().as_bytes()).ok()?;
    // SAFETY: access only reads the NUL-terminated path it is given.
    let runnable = unsafe { libc::access(path.as_ptr(), libc::X_OK) } == 0;
    let safe = theirs.is_file()
        && runnable
        && theirs.mode() & 0o022 == 0
        && (theirs.uid() == ours.uid() || theirs.uid() == 0);
    safe.then_some(decoder)
}

impl Worker {
    /// Starts a zygote on the calling thread, which must live as long as the zygote
    /// (its `PR_SET_PDEATHSIG` fires when that thread ends): the main thread, for the
    /// early zygote of a single file, which then need not wait for the spawner thread
    /// to start (up to a millisecond on two busy cores).
    pub fn start_here() -> Pending {
        let (tx, rx) = mpsc::channel();
        let _ = tx.send(start());
        Pending(rx)
    }

    pub fn spawn() -> std::io::Result<Worker> {
        Worker::request()?.wait()
    }

    /// Asks the spawner thread for a zygote and returns at once; [`Pending::wait`] takes
    /// it when it is needed, so the caller's own start-up overlaps the `posix_spawn`.
    pub fn request() -> std::io::Result<Pending> {
        let (tx, rx) = mpsc::channel();
        spawner()
            .lock()
            .map_err(|_| gone())?
            .send(tx)
            .map_err(|_| gone())?;
        Ok(Pending(rx))
    }
}

fn gone() -> std::io::Error {
    std::io::Error::other("the jail's spawner thread is gone")
}

/// A zygote asked of the spawner thread ([`Worker::request`]).
pub struct Pending(mpsc::Receiver<std::io::Result<(Child, UnixStream)>>);

impl Pending {
    /// The zygote, once the spawner thread has started it.
    pub fn wait(self) -> std::io::Result<Worker> {
        let (mut child, stdin) = self.0.recv().map_err(|_| gone())??;
        let Some(stdout) = child.stdout.take() else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("the zygote has no pipe"));
        };
        // Answers of many renditions cross a 64 KiB pipe in many context switches; 1 MiB
        // (Linux's default pipe-max-size for unprivileged processes) makes them few.
        #[cfg(target_os = "linux")]
        // SAFETY: F_SETPIPE_SZ on a pipe this process owns; failure leaves it as is.
        unsafe {
            libc::fcntl(
                std::os::fd::AsRawFd::as_raw_fd(&stdout),
                libc::F_SETPIPE_SZ,
                1 << 20,
            )
        };
        Ok(Worker {
            child,
            stdin,
            stdout: BufReader::with_capacity(1 << 16, stdout),
            hello: None,
            cpu: None,
        })
    }
}

impl Worker {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the zygote said first: the protections it set itself (read once).
    pub fn hello(&mut self) -> std::io::Result<Hello> {
        if let Some(hello) = &self.hello {
            return Ok(hello.clone());
        }
        let hello: Hello = wire::read_header(&mut self.stdout)?
            .ok_or_else(|| std::io::Error::other("the zygote ended before it said hello"))?;
        if hello.build != super::BUILD_ID {
            return Err(std::io::Error::other(format!(
                "the zygote ({}) is build {} where pfp is build {}",
                hello.program,
                hello.build,
                super::BUILD_ID
            )));
        }
        self.hello = Some(hello.clone());
        Ok(hello)
    }

    /// Hands the zygote one file and reads how its child ended and what it wrote (at
    /// most `max_output` bytes and a little more for a dying child's last words). An
    /// error means the zygote itself failed: the caller ends it.
    pub fn run(
        &mut self,
        job: &Job,
        bytes: &crate::values::Image,
        max_output: u64,
    ) -> std::io::Result<(Outcome, Vec<u8>)> {
        // The job goes first, then the hello is read (once): a zygote still starting
        // finds its first job waiting when it has confined itself (it reads nothing
        // before), instead of saying hello and waiting for pfp to wake up and send it.
        let mut header = Vec::with_capacity(1024);
        wire::write_header(&mut header, job)?;
        self.stdin.write_all(&header)?;
        handoff::send(&mut self.stdin, bytes)?;
        // A zygote says hello before it reads a byte of the job: one that ended without
        // it could not start, whatever the file.
        self.hello()
            .map_err(|e| std::io::Error::other(NotStarted(e.to_string())))?;
        let outcome: Outcome = wire::read_header(&mut self.stdout)?
            .ok_or_else(|| std::io::Error::other("the zygote ended during a file"))?;
        let limit = max_output + (64 << 10);
        if outcome.len > limit {
            return Err(std::io::Error::other(format!(
                "the zygote forwards {} bytes where at most {limit} may come",
                outcome.len
            )));
        }
        let written = wire::read_exactly(&mut self.stdout, outcome.len)?;
        Ok((outcome, written))
    }

    /// Asks an idle zygote to end (its stdin closed: it exits after its last job)
    /// without waiting for it; the caller waits for the process it gets back.
    pub fn close(self) -> Child {
        drop(self.stdin);
        self.child
    }

    /// Ends the zygote: at once (a kill) when it failed or a file timed out, politely
    /// (its stdin closed, so it exits after its last job) when it is idle; and waits
    /// for it, so that no process is left behind and its CPU counts in pfp's.
    pub fn end(mut self, kill: bool) {
        if kill {
            let _ = self.child.kill();
        }
        drop(self.stdin);
        let _ = self.child.wait();
    }
}

/// A zygote that ended before its hello (see [`Worker::run`]): the machine's or the
/// build's trouble, never the file's.
#[derive(Debug)]
pub(super) struct NotStarted(pub(super) String);

impl std::fmt::Display for NotStarted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotStarted {}
