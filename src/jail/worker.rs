//! The parent's side of one zygote: start it (from one long-lived thread, so that
//! `PR_SET_PDEATHSIG` ties it to a thread that lives as long as pfp), hand it files one
//! at a time, and read back, within bounds, how each file's child ended and what it
//! wrote.

use std::io::{BufReader, Write};
use std::os::unix::process::CommandExt as _;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};

use super::WORKER_ARG;
use super::wire::{self, Hello, Job, Outcome};

/// A started zygote.
pub struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    hello: Option<Hello>,
}

type SpawnReply = mpsc::Sender<std::io::Result<Child>>;

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
                    let _ = reply.send(command().spawn());
                }
            })
            .expect("starting the jail's spawner thread");
        Mutex::new(tx)
    })
}

/// pfp itself in its hidden decoder mode: an empty environment (no MINIO_*, AWS_*, PG*,
/// no config file path), nothing but three pipes (stderr goes nowhere: the zygote
/// forwards what each child prints). No `pre_exec` hook, so the standard library can
/// use posix_spawn; the zygote confines itself before it reads anything.
fn command() -> Command {
    #[cfg(target_os = "linux")]
    let exe = std::path::PathBuf::from("/proc/self/exe");
    #[cfg(not(target_os = "linux"))]
    let exe = std::env::current_exe().unwrap_or_else(|_| "pfp".into());
    let mut command = Command::new(exe);
    command
        .arg0("pfp")
        .arg(WORKER_ARG)
        .arg(std::process::id().to_string())
        .env_clear()
        .current_dir("/")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

impl Worker {
    pub fn spawn() -> std::io::Result<Worker> {
        let gone = || std::io::Error::other("the jail's spawner thread is gone");
        let (tx, rx) = mpsc::channel();
        spawner()
            .lock()
            .map_err(|_| gone())?
            .send(tx)
            .map_err(|_| gone())?;
        let mut child = rx.recv().map_err(|_| gone())??;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("the zygote has no pipes"));
        };
        // A 5 MB file crosses a 64 KiB pipe in 80 context switches; 1 MiB (Linux's
        // default pipe-max-size for unprivileged processes) makes that 5.
        #[cfg(target_os = "linux")]
        for fd in [
            std::os::fd::AsRawFd::as_raw_fd(&stdin),
            std::os::fd::AsRawFd::as_raw_fd(&stdout),
        ] {
            // SAFETY: F_SETPIPE_SZ on a pipe this process owns; failure leaves it as is.
            unsafe { libc::fcntl(fd, libc::F_SETPIPE_SZ, 1 << 20) };
        }
        Ok(Worker {
            child,
            stdin,
            stdout: BufReader::with_capacity(1 << 16, stdout),
            hello: None,
        })
    }

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
        self.hello = Some(hello.clone());
        Ok(hello)
    }

    /// Hands the zygote one file and reads how its child ended and what it wrote (at
    /// most `max_output` bytes and a little more for a dying child's last words). An
    /// error means the zygote itself failed: the caller ends it.
    pub fn run(
        &mut self,
        job: &Job,
        bytes: &[u8],
        max_output: u64,
    ) -> std::io::Result<(Outcome, Vec<u8>)> {
        self.hello()?;
        let mut header = Vec::with_capacity(1024);
        wire::write_header(&mut header, job)?;
        self.stdin.write_all(&header)?;
        wire::write_blob(&mut self.stdin, bytes)?;
        self.stdin.flush()?;
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
