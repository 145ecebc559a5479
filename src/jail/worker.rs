//! The parent's side of one jailed child: start it (from one long-lived thread, so that
//! `PR_SET_PDEATHSIG` ties it to a thread that lives as long as pfp), hand it one file,
//! read its answer within bounds, and, when it dies, say why.

use std::io::{BufReader, Read, Write};
use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};

use super::WORKER_ARG;
use super::wire::{self, Answer, Hello, Job};

/// A started child, not yet given its file.
pub struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    stderr: ChildStderr,
}

/// How a child ended whose answer failed.
pub struct Ended {
    pub status: ExitStatus,
    /// Killed by pfp because it still ran after its answer failed.
    pub killed: bool,
    /// The start of what it wrote to stderr.
    pub said: String,
}

/// What the child answered, with the renditions' bytes in the answer's order.
pub struct Reply {
    pub hello: Hello,
    pub answer: Answer,
    pub blobs: Vec<Vec<u8>>,
}

type SpawnReply = mpsc::Sender<std::io::Result<Child>>;

/// The one thread that starts children: a child's `PR_SET_PDEATHSIG` fires when the
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
/// no config file path), nothing but three pipes. No `pre_exec` hook, so the standard
/// library can use posix_spawn (no copy of the parent's page tables); the child sets
/// its own limits before it reads anything.
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
        .stderr(Stdio::piped());
    command
}

impl Worker {
    pub fn spawn() -> std::io::Result<Worker> {
        let (tx, rx) = mpsc::channel();
        spawner()
            .lock()
            .map_err(|_| std::io::Error::other("the jail's spawner thread is gone"))?
            .send(tx)
            .map_err(|_| std::io::Error::other("the jail's spawner thread is gone"))?;
        let mut child = rx
            .recv()
            .map_err(|_| std::io::Error::other("the jail's spawner thread is gone"))??;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("the child has no pipes"));
        };
        Ok(Worker {
            child,
            stdin,
            stdout: BufReader::with_capacity(1 << 16, stdout),
            stderr,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Hands the child its file (after reading its hello, which says it is confined).
    pub fn send(&mut self, job: &Job, bytes: &[u8]) -> std::io::Result<Hello> {
        let hello = self.hello()?;
        let mut request = Vec::with_capacity(bytes.len() + 1024);
        wire::write_header(&mut request, job)?;
        wire::write_blob(&mut request, bytes)?;
        self.stdin.write_all(&request)?;
        self.stdin.flush()?;
        Ok(hello)
    }

    /// Reads the child's answer: headers and renditions within `max_output` bytes in
    /// all. Any error means the child cannot be trusted to have answered: the caller
    /// kills it and asks [`Worker::death`] why.
    pub fn receive(&mut self, hello: Hello, max_output: u64) -> std::io::Result<Reply> {
        let answer: Answer = wire::read_header(&mut self.stdout)?
            .ok_or_else(|| std::io::Error::other("the child ended without an answer"))?;
        let mut blobs = Vec::new();
        if let Answer::Accepted { renditions, .. } = &answer {
            let total: u64 = renditions.iter().map(|r| r.len).sum();
            if renditions.len() > 64 || total > max_output {
                return Err(std::io::Error::other(format!(
                    "{} renditions of {total} bytes in all, more than it was asked for",
                    renditions.len()
                )));
            }
            for r in renditions {
                blobs.push(wire::read_exactly(&mut self.stdout, r.len)?);
            }
        }
        Ok(Reply {
            hello,
            answer,
            blobs,
        })
    }

    /// Reads what the child says first: the protections it set itself.
    pub fn hello(&mut self) -> std::io::Result<Hello> {
        wire::read_header(&mut self.stdout)?
            .ok_or_else(|| std::io::Error::other("the child ended before it said hello"))
    }

    /// Waits for a child that answered to exit; only a clean exit makes its answer
    /// count (a child that answers and then crashes or spins is not trusted).
    pub fn finish(mut self) -> std::io::Result<ExitStatus> {
        drop(self.stdin);
        self.child.wait()
    }

    /// Waits for a child whose answer failed, and tells how it ended, with the first
    /// lines it wrote to stderr (the allocator's "memory allocation of N bytes failed",
    /// say). A child that died on its own (a signal, a limit) has ended or is ending:
    /// it gets a moment to be reaped, so that its own death is what is reported. One
    /// that still runs after that (it sent nonsense, or closed its stdout and waits) is
    /// killed here: `Ended::killed` says so, and its signal is then not a verdict.
    pub fn death(mut self) -> Ended {
        drop(self.stdin);
        let deadline = std::time::Instant::now() + std::time::Duration::from_millis(500);
        let (status, killed) = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break (status, false),
                Ok(None) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                _ => {
                    let _ = self.child.kill();
                    let status = self
                        .child
                        .wait()
                        .unwrap_or_else(|_| ExitStatus::from_raw(libc::SIGKILL));
                    break (status, true);
                }
            }
        };
        let mut said = Vec::new();
        let _ = (&mut self.stderr).take(64 << 10).read_to_end(&mut said);
        Ended {
            status,
            killed,
            said: String::from_utf8_lossy(&said).into_owned(),
        }
    }

    /// Ends a spare that was never given a file.
    pub fn retire(self) {
        let _ = self.finish();
    }
}
